-- Rules of spec/restructuring.md and spec/coverage.md that schema.prisma cannot express. Hand-written, re-runnable.

-- ---------------------------------------------------------------------------------------------------------------
-- Validity: "in force on a date D" = (valid_from IS NULL OR valid_from <= D) AND (valid_to IS NULL OR D < valid_to);
-- "in force for quarter P" = in force on the last day of P. The same rules live in lib/domain/validity.ts.
-- ---------------------------------------------------------------------------------------------------------------

-- The last day of a quarter "YYYY-Qn" (NULL for anything else).
CREATE OR REPLACE FUNCTION public.period_last_day(p text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    SELECT CASE WHEN p ~ '^\d{4}-Q[1-4]$'
        THEN (make_date(substr(p, 1, 4)::int, substr(p, 7, 1)::int * 3, 1) + interval '1 month' - interval '1 day')::date
    END
$$;

-- In force on date d, given a validity interval [valid_from, valid_to).
CREATE OR REPLACE FUNCTION public.in_force_on(valid_from date, valid_to date, d date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (valid_from IS NULL OR valid_from <= d) AND (valid_to IS NULL OR d < valid_to) $$;

-- An organisation's MINISTRY or PROVINCE on date d: itself unless it is an AGENCY, then the parent of the dated link
-- in force on d (falling back to the current parent for an agency with no link covering d).
CREATE OR REPLACE FUNCTION public.org_root_on(org uuid, d date) RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN o.kind = 'AGENCY' THEN COALESCE(
        (SELECT l.parent_id FROM organisation_parent_links l
          WHERE l.organisation_id = o.id AND public.in_force_on(l.valid_from, l.valid_to, d)
          ORDER BY l.valid_from DESC NULLS LAST LIMIT 1),
        o.parent_id) ELSE o.id END
      FROM organisations o WHERE o.id = org
$$;

ALTER TABLE "organisations"
    DROP CONSTRAINT IF EXISTS organisations_validity_order,
    ADD CONSTRAINT organisations_validity_order CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to);

ALTER TABLE "organisation_parent_links"
    DROP CONSTRAINT IF EXISTS organisation_parent_links_validity_order,
    ADD CONSTRAINT organisation_parent_links_validity_order CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to),
    DROP CONSTRAINT IF EXISTS organisation_parent_links_not_self,
    ADD CONSTRAINT organisation_parent_links_not_self CHECK (organisation_id <> parent_id);

-- The open link follows organisations.parent_id: a new agency gets its link; a plain parent change (an admin's
-- correction) moves the open link; a restructuring closes the open link and opens the new one itself before it
-- updates parent_id, so then there is nothing left to do here.
CREATE OR REPLACE FUNCTION public.organisations_sync_parent_link() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        UPDATE organisation_parent_links SET valid_to = COALESCE(NEW.valid_to, CURRENT_DATE)
         WHERE organisation_id = NEW.id AND valid_to IS NULL AND COALESCE(valid_from, '-infinity') < COALESCE(NEW.valid_to, CURRENT_DATE);
        DELETE FROM organisation_parent_links WHERE organisation_id = NEW.id AND valid_to IS NULL;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM organisation_parent_links WHERE organisation_id = NEW.id AND valid_to IS NULL AND parent_id = NEW.parent_id) THEN
        RETURN NEW;
    END IF;
    UPDATE organisation_parent_links SET parent_id = NEW.parent_id WHERE organisation_id = NEW.id AND valid_to IS NULL;
    IF NOT FOUND THEN
        INSERT INTO organisation_parent_links (organisation_id, parent_id, valid_from) VALUES (NEW.id, NEW.parent_id, NEW.valid_from);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS organisations_parent_link_insert ON "organisations";
CREATE TRIGGER organisations_parent_link_insert
    AFTER INSERT ON "organisations"
    FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION public.organisations_sync_parent_link();
DROP TRIGGER IF EXISTS organisations_parent_link_update ON "organisations";
CREATE TRIGGER organisations_parent_link_update
    AFTER UPDATE OF parent_id ON "organisations"
    FOR EACH ROW WHEN (NEW.parent_id IS DISTINCT FROM OLD.parent_id) EXECUTE FUNCTION public.organisations_sync_parent_link();

-- Agencies that existed before this migration get their open link.
INSERT INTO "organisation_parent_links" (organisation_id, parent_id, valid_from)
SELECT o.id, o.parent_id, o.valid_from FROM "organisations" o
 WHERE o.parent_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "organisation_parent_links" l WHERE l.organisation_id = o.id);

-- A successor is not its own predecessor.
ALTER TABLE "restructuring_successions"
    DROP CONSTRAINT IF EXISTS restructuring_successions_history_not_self,
    ADD CONSTRAINT restructuring_successions_history_not_self CHECK (history_to_id IS NULL OR history_to_id <> from_id);
ALTER TABLE "restructuring_successors"
    DROP CONSTRAINT IF EXISTS restructuring_successors_position_range,
    ADD CONSTRAINT restructuring_successors_position_range CHECK (position >= 0);

-- ---------------------------------------------------------------------------------------------------------------
-- Reporting calendar (spec/coverage.md)
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE "reporting_settings"
    DROP CONSTRAINT IF EXISTS reporting_settings_single_row,
    ADD CONSTRAINT reporting_settings_single_row CHECK (id = 1),
    DROP CONSTRAINT IF EXISTS reporting_settings_days,
    ADD CONSTRAINT reporting_settings_days CHECK (cut_off_day BETWEEN 1 AND 28 AND due_day BETWEEN 1 AND 28),
    DROP CONSTRAINT IF EXISTS reporting_settings_coverage,
    ADD CONSTRAINT reporting_settings_coverage CHECK (minimum_coverage >= 0 AND minimum_coverage <= 1);
INSERT INTO "reporting_settings" (id) VALUES (1) ON CONFLICT DO NOTHING;

ALTER TABLE "reporting_calendar_overrides"
    DROP CONSTRAINT IF EXISTS reporting_calendar_overrides_period_format,
    ADD CONSTRAINT reporting_calendar_overrides_period_format CHECK (period ~ '^\d{4}-Q[1-4]$' AND period >= '2000-Q1'),
    DROP CONSTRAINT IF EXISTS reporting_calendar_overrides_order,
    ADD CONSTRAINT reporting_calendar_overrides_order CHECK (cut_off <= due_date);

-- The due date of a quarter: its override, else the settings' due day of the quarter's last month.
CREATE OR REPLACE FUNCTION public.period_due_date(p text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    AS $$
    SELECT COALESCE(
        (SELECT o.due_date FROM reporting_calendar_overrides o WHERE o.period = p),
        (SELECT date_trunc('month', public.period_last_day(p))::date + (s.due_day - 1) FROM reporting_settings s WHERE s.id = 1))
$$;
