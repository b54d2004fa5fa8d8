-- An attachment belongs to exactly one parent: a metric report or an initiative (issue 19).
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_parent" CHECK (num_nonnulls("metric_report_id", "initiative_id") = 1);
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_size" CHECK ("size" >= 0 AND "size" <= 20971520);
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
-- the files are PDF, PNG, JPEG and zipped office documents: already compressed, so TOAST stores them as they are
ALTER TABLE "attachment_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
