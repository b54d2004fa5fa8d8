-- Exact summary tables of the initiative roll-ups (spec/domain.md "Roll-ups"; notes/performance.md).
-- Hand-written: Prisma's diff ignores functions and triggers, so none of this shows up as drift.
--
-- initiative_stats_by_org_status_stage  (organisation, status, current stage) -> count, progress and budget sums
-- initiative_stats_by_org_block_status  (organisation, block, status)         -> count and progress sum of the links
-- Both cover initiatives that are not archived. They are keyed by the initiative's own organisation (not its
-- ministry/province), so moving an agency to another parent needs no maintenance: readers roll up through
-- organisations.parent_id at read time (700 rows).
--
-- How they stay exact:
-- * statement-level AFTER triggers with transition tables: one GROUP BY per statement turns the changed rows into
--   deltas, and one INSERT ... ON CONFLICT DO UPDATE SET count = count + delta applies them. A 5,000-row import
--   statement costs one small aggregate, a one-row edit a handful of upserts; updates that change no figure
--   (title, description, dates...) touch no summary row at all, so they never wait on one.
-- * the upsert's row lock serialises concurrent writers of the same group until commit, and the delta is added to the
--   value current at that moment, so no increment is lost (no read-modify-write in the application).
-- * link triggers read the initiative's status/progress/organisation with FOR SHARE (a locking read sees the newest
--   committed version in READ COMMITTED): a link added while another transaction changes that initiative's status is
--   counted under the status that commits, whichever transaction commits first.
-- * every writer locks summary rows in one order: status/stage groups first, then block groups, each in key order;
--   so concurrent writers queue instead of deadlocking.
-- * deleting an initiative cascades to its links after the initiative row is gone, so its figures are taken out by
--   a BEFORE DELETE row trigger while the links are still there; the link trigger then skips links whose initiative
--   no longer exists. TRUNCATE empties the summaries.
-- * initiative_stats_rebuild() recomputes both tables from the base tables (backfill, repair after a bulk load with
--   the triggers disabled); lib/server/initiative-stats.ts checkInitiativeStats() compares them (tests, bench).
-- Initiative ids are never updated (the app has no way to); a raw UPDATE of id is not accounted for.

-- ---------------------------------------------------------------------------------------------------------------
-- initiatives
-- ---------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION public.initiative_stats_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- a new initiative has no links yet (they reference it), so only the status/stage table changes
    INSERT INTO initiative_stats_by_org_status_stage AS s
        (organisation_id, status, current_stage, count, sum_progress, sum_budget_planned, sum_budget_spent,
         sum_progress_x_budget, count_with_budget)
    SELECT n.organisation_id, n.status, n.current_stage, count(*), sum(n.progress),
           coalesce(sum(n.budget_planned), 0), coalesce(sum(n.budget_spent), 0),
           coalesce(sum(n.progress::numeric * n.budget_planned) FILTER (WHERE n.budget_planned > 0), 0),
           count(*) FILTER (WHERE n.budget_planned > 0)
      FROM new_rows n
     WHERE n.archived_at IS NULL
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, status, current_stage) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress,
           sum_budget_planned = s.sum_budget_planned + EXCLUDED.sum_budget_planned,
           sum_budget_spent = s.sum_budget_spent + EXCLUDED.sum_budget_spent,
           sum_progress_x_budget = s.sum_progress_x_budget + EXCLUDED.sum_progress_x_budget,
           count_with_budget = s.count_with_budget + EXCLUDED.count_with_budget;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.initiative_stats_after_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- Only rows whose figures moved take part: a title or date edit touches no summary row. A changed initiative
    -- moves from its old group to its new one, and so does each of its current links.
    -- Two statements, status/stage table first: every writer locks summary rows in the same order (status/stage
    -- groups, then block groups, each in key order), which keeps concurrent writers from deadlocking. (Data-modifying
    -- CTEs in one statement would run in no fixed order.)
    WITH ch AS (
        SELECT o.id, o.archived_at IS NULL AS o_live, o.organisation_id AS o_org, o.status AS o_status,
               o.current_stage AS o_stage, o.progress::bigint AS o_progress, o.budget_planned AS o_bp, o.budget_spent AS o_bs,
               n.archived_at IS NULL AS n_live, n.organisation_id AS n_org, n.status AS n_status,
               n.current_stage AS n_stage, n.progress::bigint AS n_progress, n.budget_planned AS n_bp, n.budget_spent AS n_bs
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (o.archived_at IS NULL OR n.archived_at IS NULL)
           AND (o.archived_at IS NULL, o.organisation_id, o.status, o.current_stage, o.progress, o.budget_planned, o.budget_spent)
               IS DISTINCT FROM
               (n.archived_at IS NULL, n.organisation_id, n.status, n.current_stage, n.progress, n.budget_planned, n.budget_spent)
    )
    INSERT INTO initiative_stats_by_org_status_stage AS s
        (organisation_id, status, current_stage, count, sum_progress, sum_budget_planned, sum_budget_spent,
         sum_progress_x_budget, count_with_budget)
    SELECT org, status, stage, sum(c), sum(p), sum(bp), sum(bs), sum(pxb), sum(cb)
      FROM (SELECT o_org AS org, o_status AS status, o_stage AS stage, -1 AS c, -o_progress AS p,
                   -coalesce(o_bp, 0)::numeric AS bp, -coalesce(o_bs, 0)::numeric AS bs,
                   CASE WHEN o_bp > 0 THEN -(o_progress * o_bp::numeric) ELSE 0 END AS pxb,
                   CASE WHEN o_bp > 0 THEN -1 ELSE 0 END AS cb
              FROM ch WHERE o_live
            UNION ALL
            SELECT n_org, n_status, n_stage, 1, n_progress, coalesce(n_bp, 0)::numeric, coalesce(n_bs, 0)::numeric,
                   CASE WHEN n_bp > 0 THEN n_progress * n_bp::numeric ELSE 0 END,
                   CASE WHEN n_bp > 0 THEN 1 ELSE 0 END
              FROM ch WHERE n_live) d
     GROUP BY 1, 2, 3
    HAVING sum(c) <> 0 OR sum(p) <> 0 OR sum(bp) <> 0 OR sum(bs) <> 0 OR sum(pxb) <> 0 OR sum(cb) <> 0
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, status, current_stage) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress,
           sum_budget_planned = s.sum_budget_planned + EXCLUDED.sum_budget_planned,
           sum_budget_spent = s.sum_budget_spent + EXCLUDED.sum_budget_spent,
           sum_progress_x_budget = s.sum_progress_x_budget + EXCLUDED.sum_progress_x_budget,
           count_with_budget = s.count_with_budget + EXCLUDED.count_with_budget;

    WITH ch AS (
        SELECT o.id, o.archived_at IS NULL AS o_live, o.organisation_id AS o_org, o.status AS o_status,
               o.current_stage AS o_stage, o.progress::bigint AS o_progress, o.budget_planned AS o_bp, o.budget_spent AS o_bs,
               n.archived_at IS NULL AS n_live, n.organisation_id AS n_org, n.status AS n_status,
               n.current_stage AS n_stage, n.progress::bigint AS n_progress, n.budget_planned AS n_bp, n.budget_spent AS n_bs
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (o.archived_at IS NULL OR n.archived_at IS NULL)
           AND (o.archived_at IS NULL, o.organisation_id, o.status, o.progress)
               IS DISTINCT FROM (n.archived_at IS NULL, n.organisation_id, n.status, n.progress)
    )
    INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
    SELECT org, block_code, status, sum(c), sum(p)
      FROM (SELECT ch.o_org AS org, l.block_code, ch.o_status AS status, -1 AS c, -ch.o_progress AS p
              FROM ch JOIN initiative_building_blocks l ON l.initiative_id = ch.id
             WHERE ch.o_live
            UNION ALL
            SELECT ch.n_org, l.block_code, ch.n_status, 1, ch.n_progress
              FROM ch JOIN initiative_building_blocks l ON l.initiative_id = ch.id
             WHERE ch.n_live) d
     GROUP BY 1, 2, 3
    HAVING sum(c) <> 0 OR sum(p) <> 0
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    RETURN NULL;
END
$$;

-- Row-level and BEFORE: the links are deleted by the cascade only after the initiative row is gone, so its block
-- figures are taken out now, while the links are still there (status/stage group first, like every other writer).
-- Initiatives are archived, not deleted, by the application: this path is for maintenance and tests.
CREATE OR REPLACE FUNCTION public.initiative_stats_before_delete_row() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF OLD.archived_at IS NULL THEN
        INSERT INTO initiative_stats_by_org_status_stage AS s
            (organisation_id, status, current_stage, count, sum_progress, sum_budget_planned, sum_budget_spent,
             sum_progress_x_budget, count_with_budget)
        VALUES (OLD.organisation_id, OLD.status, OLD.current_stage, -1, -OLD.progress, -coalesce(OLD.budget_planned, 0),
                -coalesce(OLD.budget_spent, 0),
                CASE WHEN OLD.budget_planned > 0 THEN -(OLD.progress::numeric * OLD.budget_planned) ELSE 0 END,
                CASE WHEN OLD.budget_planned > 0 THEN -1 ELSE 0 END)
            ON CONFLICT (organisation_id, status, current_stage) DO UPDATE SET
               count = s.count + EXCLUDED.count,
               sum_progress = s.sum_progress + EXCLUDED.sum_progress,
               sum_budget_planned = s.sum_budget_planned + EXCLUDED.sum_budget_planned,
               sum_budget_spent = s.sum_budget_spent + EXCLUDED.sum_budget_spent,
               sum_progress_x_budget = s.sum_progress_x_budget + EXCLUDED.sum_progress_x_budget,
               count_with_budget = s.count_with_budget + EXCLUDED.count_with_budget;
        INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
        SELECT OLD.organisation_id, l.block_code, OLD.status, -1, -OLD.progress
          FROM initiative_building_blocks l
         WHERE l.initiative_id = OLD.id
         ORDER BY l.block_code
            ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
               count = s.count + EXCLUDED.count,
               sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    END IF;
    RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION public.initiative_stats_after_truncate() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- TRUNCATE initiatives always takes the links with it (CASCADE), so both summaries are empty now
    IF TG_TABLE_NAME = 'initiatives' THEN
        DELETE FROM initiative_stats_by_org_status_stage;
    END IF;
    DELETE FROM initiative_stats_by_org_block_status;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS initiative_stats_insert ON "initiatives";
CREATE TRIGGER initiative_stats_insert
    AFTER INSERT ON "initiatives" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_after_insert();

DROP TRIGGER IF EXISTS initiative_stats_update ON "initiatives";
CREATE TRIGGER initiative_stats_update
    AFTER UPDATE ON "initiatives" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_after_update();

DROP TRIGGER IF EXISTS initiative_stats_delete ON "initiatives";
CREATE TRIGGER initiative_stats_delete
    BEFORE DELETE ON "initiatives"
    FOR EACH ROW EXECUTE FUNCTION public.initiative_stats_before_delete_row();

DROP TRIGGER IF EXISTS initiative_stats_truncate ON "initiatives";
CREATE TRIGGER initiative_stats_truncate
    AFTER TRUNCATE ON "initiatives"
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_after_truncate();

-- ---------------------------------------------------------------------------------------------------------------
-- initiative_building_blocks
-- ---------------------------------------------------------------------------------------------------------------

-- written out per event: transition tables have fixed names per trigger, and one function cannot branch on a name
CREATE OR REPLACE FUNCTION public.initiative_stats_links_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    WITH live AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM new_rows) AND i.archived_at IS NULL
         ORDER BY i.id
           FOR SHARE
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
    WITH live AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM old_rows) AND i.archived_at IS NULL
         ORDER BY i.id
           FOR SHARE
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

CREATE OR REPLACE FUNCTION public.initiative_stats_links_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- a link moved (raw SQL only; the app deletes and re-inserts): out of the old pair, into the new one
    WITH live AS MATERIALIZED (
        SELECT i.id, i.organisation_id, i.status, i.progress
          FROM initiatives i
         WHERE i.id IN (SELECT initiative_id FROM old_rows UNION SELECT initiative_id FROM new_rows)
           AND i.archived_at IS NULL
         ORDER BY i.id
           FOR SHARE
    )
    INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
    SELECT org, block_code, status, sum(c), sum(p)
      FROM (SELECT live.organisation_id AS org, l.block_code, live.status, -1 AS c, -live.progress::bigint AS p
              FROM old_rows l JOIN live ON live.id = l.initiative_id
            UNION ALL
            SELECT live.organisation_id, l.block_code, live.status, 1, live.progress::bigint
              FROM new_rows l JOIN live ON live.id = l.initiative_id) d
     GROUP BY 1, 2, 3
    HAVING sum(c) <> 0 OR sum(p) <> 0
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS initiative_stats_links_insert ON "initiative_building_blocks";
CREATE TRIGGER initiative_stats_links_insert
    AFTER INSERT ON "initiative_building_blocks" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_links_inserted();

DROP TRIGGER IF EXISTS initiative_stats_links_delete ON "initiative_building_blocks";
CREATE TRIGGER initiative_stats_links_delete
    AFTER DELETE ON "initiative_building_blocks" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_links_deleted();

DROP TRIGGER IF EXISTS initiative_stats_links_update ON "initiative_building_blocks";
CREATE TRIGGER initiative_stats_links_update
    AFTER UPDATE ON "initiative_building_blocks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_links_updated();

DROP TRIGGER IF EXISTS initiative_stats_links_truncate ON "initiative_building_blocks";
CREATE TRIGGER initiative_stats_links_truncate
    AFTER TRUNCATE ON "initiative_building_blocks"
    FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_stats_after_truncate();

-- ---------------------------------------------------------------------------------------------------------------
-- Rebuild (backfill) from the base tables
-- ---------------------------------------------------------------------------------------------------------------

-- Writers wait while it runs (SHARE locks), so the result is exact even on a live database.
CREATE OR REPLACE FUNCTION public.initiative_stats_rebuild() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    LOCK TABLE initiatives, initiative_building_blocks IN SHARE MODE;
    LOCK TABLE initiative_stats_by_org_status_stage, initiative_stats_by_org_block_status IN EXCLUSIVE MODE;
    DELETE FROM initiative_stats_by_org_status_stage;
    INSERT INTO initiative_stats_by_org_status_stage
        (organisation_id, status, current_stage, count, sum_progress, sum_budget_planned, sum_budget_spent,
         sum_progress_x_budget, count_with_budget)
    SELECT i.organisation_id, i.status, i.current_stage, count(*), sum(i.progress),
           coalesce(sum(i.budget_planned), 0), coalesce(sum(i.budget_spent), 0),
           coalesce(sum(i.progress::numeric * i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0),
           count(*) FILTER (WHERE i.budget_planned > 0)
      FROM initiatives i
     WHERE i.archived_at IS NULL
     GROUP BY 1, 2, 3;
    DELETE FROM initiative_stats_by_org_block_status;
    INSERT INTO initiative_stats_by_org_block_status (organisation_id, block_code, status, count, sum_progress)
    SELECT i.organisation_id, l.block_code, i.status, count(*), sum(i.progress)
      FROM initiative_building_blocks l JOIN initiatives i ON i.id = l.initiative_id
     WHERE i.archived_at IS NULL
     GROUP BY 1, 2, 3;
END
$$;

SELECT public.initiative_stats_rebuild();
