-- Fewer indexes on initiatives for the bulk writes at a million rows (issue 15 point 6, issue 20 point 3;
-- BENCHMARKS.md "merger and import at 1M"). Every insert, and every update that cannot be HOT (a restructuring
-- moving initiatives to another organisation), writes one entry into each index: these four are served by the newer
-- partial indexes of 20261129165141_summary_tables (every list and count EXPLAINed before and after, BENCHMARKS.md).
DROP INDEX IF EXISTS "initiatives_status_idx";
DROP INDEX IF EXISTS "initiatives_progress_idx";
DROP INDEX IF EXISTS "initiatives_updated_at_idx";
DROP INDEX IF EXISTS "initiatives_organisation_id_archived_at_idx";

-- The open initiatives of an organisation (not archived, not COMPLETED/CANCELLED): exactly the rows a restructuring
-- moves. Its dry run counts them and checks their external references against the successor's with index-only scans
-- instead of reading ~21,000 scattered heap pages; the apply finds them through it.
CREATE INDEX IF NOT EXISTS "initiatives_open_org_ref_idx" ON "initiatives"("organisation_id", "external_ref", "id") WHERE (archived_at IS NULL) AND (status <> ALL (ARRAY['COMPLETED'::"InitiativeStatus", 'CANCELLED'::"InitiativeStatus"]));
