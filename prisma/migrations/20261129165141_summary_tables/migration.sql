-- CreateTable
CREATE TABLE "initiative_stats_by_org_status_stage" (
    "organisation_id" UUID NOT NULL,
    "status" "InitiativeStatus" NOT NULL,
    "current_stage" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sum_progress" BIGINT NOT NULL DEFAULT 0,
    "sum_budget_planned" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "sum_budget_spent" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "sum_progress_x_budget" DECIMAL(38,0) NOT NULL DEFAULT 0,
    "count_with_budget" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "initiative_stats_by_org_status_stage_pkey" PRIMARY KEY ("organisation_id","status","current_stage")
);

-- CreateTable
CREATE TABLE "initiative_stats_by_org_block_status" (
    "organisation_id" UUID NOT NULL,
    "block_code" VARCHAR(40) NOT NULL,
    "status" "InitiativeStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sum_progress" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "initiative_stats_by_org_block_status_pkey" PRIMARY KEY ("organisation_id","block_code","status")
);

-- CreateIndex
CREATE INDEX "initiatives_live_org_updated_idx" ON "initiatives"("organisation_id", "updated_at", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_live_org_progress_idx" ON "initiatives"("organisation_id", "progress", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_live_status_updated_idx" ON "initiatives"("status", "updated_at", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_live_status_progress_idx" ON "initiatives"("status", "progress", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_live_updated_idx" ON "initiatives"("updated_at", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_live_progress_idx" ON "initiatives"("progress", "id") WHERE (archived_at IS NULL);

-- CreateIndex
CREATE INDEX "initiatives_open_end_date_idx" ON "initiatives"("end_date", "id") WHERE (archived_at IS NULL) AND (status <> ALL (ARRAY['COMPLETED'::"InitiativeStatus", 'CANCELLED'::"InitiativeStatus"]));

-- CreateIndex
CREATE INDEX "initiatives_active_updated_idx" ON "initiatives"("updated_at", "id") WHERE (archived_at IS NULL) AND (status = ANY (ARRAY['PLANNED'::"InitiativeStatus", 'IN_PROGRESS'::"InitiativeStatus"]));
