-- DropIndex
DROP INDEX "outbox_mails_pending_idx";

-- AlterTable
ALTER TABLE "outbox_mails" DROP COLUMN "next_attempt_at";

-- CreateIndex
CREATE INDEX "outbox_mails_unsent_idx" ON "outbox_mails"("created_at") WHERE (sent_at IS NULL);
