-- The block-link summary triggers of 20261202043000_bulk_link_triggers, reading each link's initiative once
-- (issue 20 point 3). Those read the initiatives twice: once for the rows this transaction wrote (no lock needed:
-- nobody else can change them) and once more, FOR SHARE, for the others, each pass probing the primary key for
-- every initiative of the statement's links; an import's 50,000 new initiatives were all probed twice. Now one
-- unlocked pass sorts them, and only the initiatives of other transactions are read again FOR SHARE, in id order,
-- as before, which re-checks them on their newest committed version (READ COMMITTED). Same counts, same lock order.
-- Hand-written, re-runnable (CREATE OR REPLACE; the triggers themselves are unchanged).

CREATE OR REPLACE FUNCTION public.initiative_stats_links_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    WITH seen AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress, i.xmin = pg_current_xact_id()::xid AS own
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM new_rows) AND i.archived_at IS NULL
    ), others AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM seen JOIN initiatives i ON i.id = seen.id
         WHERE NOT seen.own AND i.archived_at IS NULL
         ORDER BY i.id
           FOR SHARE OF i
    ), live AS (
        SELECT seen.id, seen.organisation_id, seen.status, seen.progress FROM seen WHERE seen.own
        UNION ALL SELECT * FROM others
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

-- links of an initiative deleted in this statement find no initiative: its BEFORE DELETE trigger counted them out

CREATE OR REPLACE FUNCTION public.initiative_stats_links_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    WITH seen AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress, i.xmin = pg_current_xact_id()::xid AS own
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM old_rows) AND i.archived_at IS NULL
    ), others AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM seen JOIN initiatives i ON i.id = seen.id
         WHERE NOT seen.own AND i.archived_at IS NULL
         ORDER BY i.id
           FOR SHARE OF i
    ), live AS (
        SELECT seen.id, seen.organisation_id, seen.status, seen.progress FROM seen WHERE seen.own
        UNION ALL SELECT * FROM others
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
