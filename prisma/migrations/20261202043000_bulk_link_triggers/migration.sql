-- The block-link summary triggers of 20261129165142_summary_triggers, cheaper for bulk statements (issue 20 point 3).
-- Hand-written, re-runnable (CREATE OR REPLACE; the triggers themselves are unchanged).
--
-- Those triggers read the status/progress/organisation of each link's initiative FOR SHARE, so a link added while
-- another transaction changes that initiative's status is counted under the status that commits. An initiative this
-- very transaction inserted or updated (xmin = its xid) cannot change under it: nobody else sees a row before it
-- commits, and an updated row stays locked by its writer until commit. Those rows are read without taking the lock
-- again, which an import's 50,000 new initiatives with their 75,000 links did one row at a time (a heap write and a
-- WAL record per initiative). Every other initiative is still read FOR SHARE, in id order, as before. A row written in
-- a subtransaction has the subtransaction's xid: it takes the locking path, which is correct, only slower.

CREATE OR REPLACE FUNCTION public.initiative_stats_links_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    WITH own AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM new_rows) AND i.archived_at IS NULL
           AND i.xmin = pg_current_xact_id()::xid
    ), others AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM new_rows) AND i.archived_at IS NULL
           AND i.xmin <> pg_current_xact_id()::xid
         ORDER BY i.id
           FOR SHARE
    ), live AS (
        SELECT * FROM own UNION ALL SELECT * FROM others
    )
    INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
    SELECT live.organisation_id, l.block_code, live.status, count(*), sum(live.progress)
      FROM new_rows l JOIN live ON live.id = l.initiative_id
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.initiative_stats_links_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- links of an initiative deleted in this statement find no initiative: its BEFORE DELETE trigger counted them out
    WITH own AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM old_rows) AND i.archived_at IS NULL
           AND i.xmin = pg_current_xact_id()::xid
    ), others AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM old_rows) AND i.archived_at IS NULL
           AND i.xmin <> pg_current_xact_id()::xid
         ORDER BY i.id
           FOR SHARE
    ), live AS (
        SELECT * FROM own UNION ALL SELECT * FROM others
    )
    INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
    SELECT live.organisation_id, l.block_code, live.status, -count(*), -sum(live.progress)
      FROM old_rows l JOIN live ON live.id = l.initiative_id
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    RETURN NULL;
END
$$;
