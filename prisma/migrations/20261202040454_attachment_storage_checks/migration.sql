-- An attachment's bytes are either chunks in PostgreSQL or one object in the S3 bucket, which then has its key.
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_storage" CHECK (
  ("storage" = 'POSTGRES' AND "storage_key" IS NULL) OR ("storage" = 'S3' AND "storage_key" IS NOT NULL)
);
