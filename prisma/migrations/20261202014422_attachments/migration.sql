-- CreateTable
CREATE TABLE "attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "metric_report_id" UUID,
    "initiative_id" UUID,
    "name" VARCHAR(255) NOT NULL,
    "size" INTEGER NOT NULL,
    "content_type" VARCHAR(120) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment_chunks" (
    "attachment_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "attachment_chunks_pkey" PRIMARY KEY ("attachment_id","seq")
);

-- CreateIndex
CREATE INDEX "attachments_metric_report_id_idx" ON "attachments"("metric_report_id");

-- CreateIndex
CREATE INDEX "attachments_initiative_id_idx" ON "attachments"("initiative_id");

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_metric_report_id_fkey" FOREIGN KEY ("metric_report_id") REFERENCES "metric_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_initiative_id_fkey" FOREIGN KEY ("initiative_id") REFERENCES "initiatives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment_chunks" ADD CONSTRAINT "attachment_chunks_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
