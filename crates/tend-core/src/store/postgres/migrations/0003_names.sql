-- Tend team register on PostgreSQL, schema v3: names. Append-only: never
-- edit this file once released; add 0004_*.sql instead.
--
-- Display names: who did something is recorded as the database user, or as
-- the display name the register's administrator set for that user (`tend
-- db name USER NAME`). Only the administrator may set them: editors and
-- readers read them (an editor naming others would write history in
-- someone else's name).
CREATE TABLE display_names (
    db_user TEXT PRIMARY KEY,
    name    TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100)
);

-- A version of the lookups' names (categories, vendors, people,
-- locations), so that a connection can keep them in memory for the asset
-- list and know, in the same snapshot as the rows it reads, whether they
-- are still the names it holds (store/postgres/names.rs). A row in a
-- table, not a sequence: it moves only when the change that moved it
-- commits.

CREATE TABLE lookup_version (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    v        BIGINT NOT NULL
);
INSERT INTO lookup_version (only_row, v) VALUES (true, 0);

CREATE FUNCTION lookup_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tend.lookup_version SET v = v + 1;
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['categories', 'vendors', 'people', 'locations']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON tend.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION tend.lookup_version_bump()',
                       t || '_names_changed', t);
    END LOOP;
END $$;
