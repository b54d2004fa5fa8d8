-- The data version of the dashboards' exact cache (lib/server/dashboard-cache.ts). Hand-written, re-runnable.
--
-- Every table a dashboard reads bumps data_versions.version, once per writing transaction, in that transaction: a
-- DEFERRABLE INITIALLY DEFERRED constraint trigger fires at commit, after all of the transaction's other work, so the
-- one row's lock is taken last and held only while committing (two writers never wait on each other for it while
-- holding other rows: no deadlock), and the bump and the write become visible together. A transaction-local setting
-- remembers that this transaction has bumped already, so a 50,000-row import costs one UPDATE, not 50,000.
-- The initiative figures are read from the summary tables, which triggers keep in the same transaction as every
-- write to initiatives and their links: the bump sits on the summary tables (a few rows per statement), not on
-- initiatives (every row of an import).

INSERT INTO data_versions (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION public.bump_data_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('app.data_version_bumped', true) IS DISTINCT FROM pg_current_xact_id()::text THEN
        UPDATE data_versions SET version = version + 1 WHERE id = 1;
        PERFORM set_config('app.data_version_bumped', pg_current_xact_id()::text, true);
    END IF;
    RETURN NULL;
END
$$;

-- TRUNCATE has no row events (tests, maintenance): bump at once.
CREATE OR REPLACE FUNCTION public.bump_data_version_now() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'metric_reports', 'organisations', 'organisation_parent_links',
        'initiative_stats_by_org_status_stage', 'initiative_stats_by_org_block_status',
        'maturity_thresholds', 'reporting_settings', 'reporting_calendar_overrides',
        'restructurings', 'restructuring_successions', 'restructuring_successors'
    ] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS data_version_bump ON %I', t);
        EXECUTE format('CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.bump_data_version()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS data_version_bump_truncate ON %I', t);
        EXECUTE format('CREATE TRIGGER data_version_bump_truncate AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION public.bump_data_version_now()', t);
    END LOOP;
END
$$;
