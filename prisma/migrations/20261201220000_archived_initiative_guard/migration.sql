-- An archived initiative is read-only (issue 13, point 8): the only change the database accepts on it is restoring it.
-- Hand-written (Prisma's diff ignores functions and triggers); re-runnable.
--
-- The server checks first, with friendly answers (PATCH of an archived initiative: 409 invalid_transition; a CSV row
-- that targets one: a row error). This is the last line of defence for every writer, set-based imports and raw SQL
-- included: a write that reaches an archived row fails with SQLSTATE IA001, which lib/server/errors.ts maps to
-- 409 invalid_transition instead of a 500.
--
-- Restoring = archived_at back to NULL with version + 1; updated_at and updated_by may change with it; every other
-- column stays as it is. The comparison is over the whole row (jsonb minus those four columns), so a column added
-- later is frozen too without touching this function.

CREATE OR REPLACE FUNCTION public.initiatives_archived_read_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.archived_at IS NULL
       AND NEW.version = OLD.version + 1
       AND (to_jsonb(NEW) - 'archived_at' - 'version' - 'updated_at' - 'updated_by')
           = (to_jsonb(OLD) - 'archived_at' - 'version' - 'updated_at' - 'updated_by') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'initiative % is archived: restore it before changing it', OLD.id
        USING ERRCODE = 'IA001',
              HINT = 'the only update allowed on an archived initiative sets archived_at to NULL and version to version + 1';
END
$$;

DROP TRIGGER IF EXISTS initiatives_a_archived_read_only ON "initiatives";
-- "a_" sorts it before the other BEFORE UPDATE triggers (they fire in name order), so nothing is computed for a
-- write that is refused anyway
CREATE TRIGGER initiatives_a_archived_read_only
    BEFORE UPDATE ON "initiatives"
    FOR EACH ROW WHEN (OLD.archived_at IS NOT NULL)
    EXECUTE FUNCTION public.initiatives_archived_read_only();

-- The links (building blocks, principles, enablers) of an archived initiative are part of it: none may be added,
-- removed or moved, except links added in the transaction that last wrote the initiative row (creating an initiative
-- that is archived from the start writes its row first, then its links). Statement-level with transition tables: one join per statement, however many rows an import
-- writes. Deleting an initiative (maintenance only) cascades to its links after the row is gone, so they pass.
CREATE OR REPLACE FUNCTION public.initiative_links_archived_read_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    hit uuid;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        -- an initiative written in this very transaction may get its links (the seed, tests and loads create
        -- initiatives that are archived from the start, links after the row)
        SELECT i.id INTO hit FROM new_rows l JOIN initiatives i ON i.id = l.initiative_id
         WHERE i.archived_at IS NOT NULL AND (TG_OP = 'UPDATE' OR i.xmin <> pg_current_xact_id()::xid) LIMIT 1;
    END IF;
    IF hit IS NULL AND TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT i.id INTO hit FROM old_rows l JOIN initiatives i ON i.id = l.initiative_id
         WHERE i.archived_at IS NOT NULL LIMIT 1;
    END IF;
    IF hit IS NOT NULL THEN
        RAISE EXCEPTION 'initiative % is archived: restore it before changing its %', hit, TG_TABLE_NAME
            USING ERRCODE = 'IA001';
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['initiative_building_blocks', 'initiative_principles', 'initiative_enablers'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_archived_ins', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_archived_del', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_archived_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_links_archived_read_only()', t || '_archived_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_links_archived_read_only()', t || '_archived_del', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION public.initiative_links_archived_read_only()', t || '_archived_upd', t);
    END LOOP;
END
$$;
