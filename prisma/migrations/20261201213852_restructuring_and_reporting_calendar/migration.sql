-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "valid_from" DATE,
ADD COLUMN     "valid_to" DATE;

-- CreateTable
CREATE TABLE "organisation_parent_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisation_id" UUID NOT NULL,
    "parent_id" UUID NOT NULL,
    "valid_from" DATE,
    "valid_to" DATE,

    CONSTRAINT "organisation_parent_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "restructurings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "effective_date" DATE NOT NULL,
    "legal_basis" VARCHAR(500) NOT NULL,
    "note" VARCHAR(4000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,

    CONSTRAINT "restructurings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "restructuring_successions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "restructuring_id" UUID NOT NULL,
    "from_id" UUID NOT NULL,
    "history_to_id" UUID,

    CONSTRAINT "restructuring_successions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "restructuring_successors" (
    "succession_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "organisation_id" UUID NOT NULL,

    CONSTRAINT "restructuring_successors_pkey" PRIMARY KEY ("succession_id","position")
);

-- CreateTable
CREATE TABLE "reporting_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "cut_off_day" SMALLINT NOT NULL DEFAULT 14,
    "due_day" SMALLINT NOT NULL DEFAULT 20,
    "minimum_coverage" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "reporting_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reporting_calendar_overrides" (
    "period" CHAR(7) NOT NULL,
    "cut_off" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "reporting_calendar_overrides_pkey" PRIMARY KEY ("period")
);

-- CreateIndex
CREATE INDEX "organisation_parent_links_organisation_id_idx" ON "organisation_parent_links"("organisation_id");

-- CreateIndex
CREATE INDEX "organisation_parent_links_parent_id_idx" ON "organisation_parent_links"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_parent_links_one_open" ON "organisation_parent_links"("organisation_id") WHERE (valid_to IS NULL);

-- CreateIndex
CREATE INDEX "restructurings_effective_date_created_at_idx" ON "restructurings"("effective_date", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "restructuring_successions_from_id_key" ON "restructuring_successions"("from_id");

-- CreateIndex
CREATE INDEX "restructuring_successions_restructuring_id_idx" ON "restructuring_successions"("restructuring_id");

-- CreateIndex
CREATE INDEX "restructuring_successions_history_to_id_idx" ON "restructuring_successions"("history_to_id");

-- CreateIndex
CREATE INDEX "restructuring_successors_organisation_id_idx" ON "restructuring_successors"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "restructuring_successors_succession_id_organisation_id_key" ON "restructuring_successors"("succession_id", "organisation_id");

-- CreateIndex
CREATE INDEX "organisations_valid_from_valid_to_idx" ON "organisations"("valid_from", "valid_to");

-- AddForeignKey
ALTER TABLE "organisation_parent_links" ADD CONSTRAINT "organisation_parent_links_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_parent_links" ADD CONSTRAINT "organisation_parent_links_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restructuring_successions" ADD CONSTRAINT "restructuring_successions_restructuring_id_fkey" FOREIGN KEY ("restructuring_id") REFERENCES "restructurings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restructuring_successions" ADD CONSTRAINT "restructuring_successions_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restructuring_successions" ADD CONSTRAINT "restructuring_successions_history_to_id_fkey" FOREIGN KEY ("history_to_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restructuring_successors" ADD CONSTRAINT "restructuring_successors_succession_id_fkey" FOREIGN KEY ("succession_id") REFERENCES "restructuring_successions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "restructuring_successors" ADD CONSTRAINT "restructuring_successors_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
