-- CreateIndex
CREATE INDEX "initiatives_archived_updated_idx" ON "initiatives"("updated_at", "id") WHERE (archived_at IS NOT NULL);
