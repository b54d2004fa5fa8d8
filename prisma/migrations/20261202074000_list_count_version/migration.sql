-- The initiatives list's counts are cached per data version (lib/server/initiatives.ts, countMatches) as the
-- dashboards are. Hand-written, re-runnable.
--
-- Inserts and deletes of live initiatives and of their block links always change a summary table, which bumps the
-- version (migration *_data_version_triggers). An UPDATE need not: the summary triggers apply the statement's net
-- deltas only (HAVING sum <> 0), so a statement that swaps two initiatives' statuses, or any edit of a title or a
-- description (search_text), writes no summary row — yet changes what a search or a status filter counts. These
-- triggers bump the same version for exactly those updates (the WHEN is checked per row as it is updated; only a
-- matching row queues a deferred event, and the first one per transaction does the UPDATE). Imports (INSERTs) are
-- not affected.

DROP TRIGGER IF EXISTS list_count_version_bump ON "initiatives";
CREATE CONSTRAINT TRIGGER list_count_version_bump
    AFTER UPDATE ON "initiatives" DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.archived_at IS DISTINCT FROM NEW.archived_at)
    EXECUTE FUNCTION public.bump_data_version();

DROP TRIGGER IF EXISTS list_count_version_bump ON "initiative_building_blocks";
CREATE CONSTRAINT TRIGGER list_count_version_bump
    AFTER UPDATE ON "initiative_building_blocks" DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION public.bump_data_version();
