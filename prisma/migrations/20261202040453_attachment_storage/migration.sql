-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "storage" VARCHAR(16) NOT NULL DEFAULT 'POSTGRES',
ADD COLUMN     "storage_key" VARCHAR(1024);
