-- initiative_stats_after_update() of 20261129165142_summary_triggers with its block-link statement reading each
-- link of the changed initiatives once instead of twice (issue 15 point 6: the 1 July 2025 merger moves ~21,000
-- initiatives with ~30,000 links; the trigger's second statement probed the link index 42,000 times, now 21,000).
-- Same groups, same deltas, same lock order. Hand-written, re-runnable (CREATE OR REPLACE; the trigger is unchanged).

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
    -- each link read once (MATERIALIZED: else the planner splits each changed row in two before the join), then
    -- counted out of its old group and into its new one (was: two joins of the links, one per side)
    , cl AS MATERIALIZED (
        SELECT ch.o_live, ch.o_org, ch.o_status, ch.o_progress, ch.n_live, ch.n_org, ch.n_status, ch.n_progress, l.block_code
          FROM ch JOIN initiative_building_blocks l ON l.initiative_id = ch.id
    )
    INSERT INTO initiative_stats_by_org_block_status AS s (organisation_id, block_code, status, count, sum_progress)
    SELECT d.org, cl.block_code, d.status, sum(d.c), sum(d.p)
      FROM cl
     CROSS JOIN LATERAL (VALUES (cl.o_live, cl.o_org, cl.o_status, -1, -cl.o_progress),
                                (cl.n_live, cl.n_org, cl.n_status, 1, cl.n_progress)) AS d(live, org, status, c, p)
     WHERE d.live
     GROUP BY 1, 2, 3
    HAVING sum(c) <> 0 OR sum(p) <> 0
     ORDER BY 1, 2, 3
        ON CONFLICT (organisation_id, block_code, status) DO UPDATE SET
           count = s.count + EXCLUDED.count,
           sum_progress = s.sum_progress + EXCLUDED.sum_progress;
    RETURN NULL;
END
$$;
