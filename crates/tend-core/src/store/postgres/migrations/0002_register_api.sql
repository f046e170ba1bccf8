-- Tend team register on PostgreSQL, schema v2: what the register's use-case
-- API needs besides the tables of v1, each the PostgreSQL form of a part of
-- the SQLite schema. Append-only: never edit this file once released; add
-- 0003_*.sql instead.

-- Names compared without case, as SQLite's COLLATE NOCASE columns: `=`,
-- ORDER BY and unique indexes on citext ignore case.
CREATE EXTENSION IF NOT EXISTS citext SCHEMA tend;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA tend;

DROP INDEX categories_name;
DROP INDEX vendors_name;
DROP INDEX people_name;
DROP INDEX locations_parent_name;
DROP INDEX assets_tag;
DROP INDEX assets_name;
ALTER TABLE categories ALTER COLUMN name TYPE citext;
ALTER TABLE vendors ALTER COLUMN name TYPE citext;
ALTER TABLE people ALTER COLUMN name TYPE citext;
ALTER TABLE locations ALTER COLUMN name TYPE citext;
ALTER TABLE assets ALTER COLUMN tag TYPE citext, ALTER COLUMN name TYPE citext,
    ALTER COLUMN model TYPE citext, ALTER COLUMN serial TYPE citext,
    ALTER COLUMN hostname TYPE citext, ALTER COLUMN mac_address TYPE citext;
CREATE UNIQUE INDEX categories_name ON categories (name);
CREATE UNIQUE INDEX vendors_name ON vendors (name);
CREATE UNIQUE INDEX people_name ON people (name);
CREATE UNIQUE INDEX locations_parent_name ON locations (coalesce(parent_id, 0), name);
CREATE UNIQUE INDEX assets_tag ON assets (tag);

-- The asset list's sorts, as on SQLite (schema v1 and v6): each column with
-- the tag, so that a page reads an index in order.
CREATE INDEX assets_name ON assets (name, tag);
CREATE INDEX assets_model ON assets (model, tag);
CREATE INDEX assets_serial ON assets (serial, tag);
CREATE INDEX assets_hostname ON assets (hostname, tag);
CREATE INDEX assets_ip_address ON assets (ip_address, tag);
CREATE INDEX assets_purchase_date ON assets (purchase_date, tag);
CREATE INDEX assets_purchase_cost ON assets (purchase_cost_minor, tag);
CREATE INDEX assets_end_of_life ON assets (end_of_life, tag);
CREATE INDEX assets_end_of_support ON assets (end_of_support, tag);
CREATE INDEX assets_updated_at ON assets (updated_at, tag);
CREATE INDEX assets_status_tag ON assets (status, tag);
CREATE INDEX assets_status_name ON assets (status, name, tag);
CREATE INDEX assets_category_name ON assets (category_id, name, tag);

-- The due list's horizon reads the longest lead time, as on SQLite (v3).
CREATE INDEX maintenance_plans_lead ON maintenance_plans (lead_days);
CREATE INDEX maintenance_plans_next_due ON maintenance_plans (next_due);

-- Search (SQLite: the FTS5 table assets_fts): the searched columns as one
-- tsvector, accents removed, split on anything not a letter or digit as
-- FTS5's unicode61 tokenizer does. store/asset_list.rs writes the query.
CREATE FUNCTION search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(lower(tend.unaccent('tend.unaccent'::regdictionary, coalesce(t, ''))),
                          '[^[:alnum:]]+', ' ', 'g')
$$;
CREATE FUNCTION asset_search(tag text, name text, serial text, hostname text, ip_address text,
                             mac_address text, model text, notes text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', tend.search_text(concat_ws(' ', tag, name, serial, hostname,
                                                            ip_address, mac_address, model, notes)))
$$;
CREATE INDEX assets_search ON assets USING gin (
    asset_search(tag::text, name::text, serial::text, hostname::text, ip_address, mac_address::text,
                 model::text, notes));

-- Asset counts per (status, category, archived), kept exact by a trigger
-- (SQLite: schema v2).
CREATE TABLE asset_counts (
    status      TEXT NOT NULL,
    category_id BIGINT NOT NULL,
    archived    BIGINT NOT NULL CHECK (archived IN (0, 1)),
    n           BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (status, category_id, archived)
);
INSERT INTO asset_counts (status, category_id, archived, n)
SELECT status, category_id, (archived_at IS NOT NULL)::int, count(*) FROM assets GROUP BY 1, 2, 3;

-- Statement-level, over the rows the statement changed: a COPY of thousands
-- of assets updates each count once instead of once per row.
CREATE FUNCTION asset_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE tend.asset_counts c SET n = c.n - o.n
        FROM (SELECT status, category_id, (archived_at IS NOT NULL)::int AS archived, count(*) AS n
              FROM old_rows GROUP BY 1, 2, 3) o
        WHERE c.status = o.status AND c.category_id = o.category_id AND c.archived = o.archived;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO tend.asset_counts (status, category_id, archived, n)
        SELECT status, category_id, (archived_at IS NOT NULL)::int, count(*)
        FROM new_rows GROUP BY 1, 2, 3
        ON CONFLICT (status, category_id, archived) DO UPDATE SET n = tend.asset_counts.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER asset_counts_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_change();
CREATE TRIGGER asset_counts_delete AFTER DELETE ON assets REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_change();
CREATE TRIGGER asset_counts_update AFTER UPDATE ON assets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_change();

-- The due list, kept ready (SQLite: schema v5, where each part is
-- explained): the view due_source defines it, due_entries holds it,
-- triggers note changed assets in due_dirty, store/due_entries.rs rebuilds
-- their entries before each write commits, and due_log tells a list kept in
-- memory what to read again.
CREATE VIEW due_source AS
SELECT coalesce(p.snoozed_until, p.next_due) AS date, 'maintenance'::text AS kind, a.tag AS tag,
       p.id AS item_id, a.id AS asset_id,
       to_char(coalesce(p.snoozed_until, p.next_due)::date - p.lead_days::int, 'YYYY-MM-DD') AS show_from,
       NULL::text AS end_date, p.title AS title, a.name AS asset_name, a.location_id AS location_id,
       l.path AS location, a.category_id AS category_id, p.assignee_id AS assignee_id,
       pe.name::text AS assignee, p.id AS plan_id, NULL::bigint AS coverage_id,
       (p.snoozed_until IS NOT NULL)::int AS snoozed, p.interval_count AS interval_count,
       p.interval_unit AS interval_unit, p.anchor AS anchor, p.start_date AS start_date,
       p.end_date AS plan_end, p.next_due AS next_due
FROM maintenance_plans p
JOIN assets a ON a.id = p.asset_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pe ON pe.id = p.assignee_id
WHERE p.paused = 0 AND p.next_due IS NOT NULL
  AND a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare')
UNION ALL
SELECT c.end_date, 'coverage_end', a.tag, c.id, a.id, NULL, NULL,
       CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
           WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
           || coalesce(' (' || c.provider || ')', ''),
       a.name, a.location_id, l.path, a.category_id, a.assigned_to_id, pa.name, NULL, c.id, 0,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM coverage c
JOIN assets a ON a.id = c.asset_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pa ON pa.id = a.assigned_to_id
WHERE a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare')
  AND NOT EXISTS (SELECT 1 FROM coverage c2 WHERE c2.asset_id = c.asset_id
      AND c2.end_date >= c.end_date AND (c2.end_date > c.end_date OR c2.id > c.id))
UNION ALL
SELECT to_char(c.end_date::date - c.notice_days::int, 'YYYY-MM-DD'), 'renewal_notice', a.tag, c.id,
       a.id, NULL, c.end_date,
       CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
           WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
           || coalesce(' (' || c.provider || ')', ''),
       a.name, a.location_id, l.path, a.category_id, a.assigned_to_id, pa.name, NULL, c.id, 0,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM coverage c
JOIN assets a ON a.id = c.asset_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pa ON pa.id = a.assigned_to_id
WHERE c.notice_days IS NOT NULL
  AND a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare')
  AND NOT EXISTS (SELECT 1 FROM coverage c2 WHERE c2.asset_id = c.asset_id
      AND c2.end_date >= c.end_date AND (c2.end_date > c.end_date OR c2.id > c.id))
UNION ALL
SELECT a.end_of_life, 'end_of_life', a.tag, a.id, a.id, NULL, NULL, 'End of life',
       a.name, a.location_id, l.path, a.category_id, a.assigned_to_id, pa.name, NULL, NULL, 0,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM assets a
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pa ON pa.id = a.assigned_to_id
WHERE a.end_of_life IS NOT NULL
  AND a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare')
UNION ALL
SELECT a.end_of_support, 'end_of_support', a.tag, a.id, a.id, NULL, NULL, 'End of support',
       a.name, a.location_id, l.path, a.category_id, a.assigned_to_id, pa.name, NULL, NULL, 0,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM assets a
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pa ON pa.id = a.assigned_to_id
WHERE a.end_of_support IS NOT NULL
  AND a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare');

CREATE TABLE due_entries (
    date           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    tag            citext NOT NULL,
    item_id        BIGINT NOT NULL,
    asset_id       BIGINT NOT NULL,
    show_from      TEXT,
    end_date       TEXT,
    title          TEXT NOT NULL,
    asset_name     TEXT NOT NULL,
    location_id    BIGINT,
    location       TEXT,
    category_id    BIGINT NOT NULL,
    assignee_id    BIGINT,
    assignee       TEXT,
    plan_id        BIGINT,
    coverage_id    BIGINT,
    snoozed        BIGINT NOT NULL,
    interval_count BIGINT,
    interval_unit  TEXT,
    anchor         TEXT,
    start_date     TEXT,
    plan_end       TEXT,
    next_due       TEXT,
    PRIMARY KEY (date, kind, tag, item_id)
);
CREATE INDEX due_entries_asset ON due_entries (asset_id);
CREATE INDEX due_entries_ended ON due_entries (date DESC, kind, tag, item_id)
    WHERE kind IN ('coverage_end', 'end_of_life', 'end_of_support');
CREATE INDEX due_entries_falling_due ON due_entries (date, kind, tag, item_id)
    WHERE kind IN ('maintenance', 'renewal_notice');

CREATE TABLE due_dirty (asset_id BIGINT PRIMARY KEY);

CREATE TABLE due_log (
    seq      BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    asset_id BIGINT
);

-- Which assets to note, as SQLite's triggers do; statement-level over the
-- rows changed (transition tables allow no column list, so any update of a
-- row notes its asset: rebuilding one asset's entries costs little).
CREATE FUNCTION due_note_asset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO tend.due_dirty SELECT id FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO tend.due_dirty SELECT id FROM new_rows ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO tend.due_dirty SELECT id FROM new_rows
            WHERE end_of_life IS NOT NULL OR end_of_support IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION due_note_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO tend.due_dirty SELECT asset_id FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO tend.due_dirty SELECT asset_id FROM new_rows ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO tend.due_dirty SELECT asset_id FROM new_rows
            WHERE paused = 0 AND next_due IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION due_note_coverage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO tend.due_dirty SELECT asset_id FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO tend.due_dirty SELECT asset_id FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION due_note_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tend.due_dirty SELECT e.asset_id FROM tend.due_entries e
        WHERE e.location_id IN (SELECT id FROM old_rows) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE FUNCTION due_note_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tend.due_dirty SELECT e.asset_id FROM tend.due_entries e
        WHERE e.assignee_id IN (SELECT id FROM old_rows) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
DO $$
DECLARE
    t text;
    f text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assets', 'maintenance_plans', 'coverage'] LOOP
        f := CASE t WHEN 'assets' THEN 'due_note_asset' WHEN 'maintenance_plans' THEN 'due_note_plan'
                    ELSE 'due_note_coverage' END;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON tend.%I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION tend.%I()', 'due_' || t || '_insert', t, f);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON tend.%I
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION tend.%I()', 'due_' || t || '_update', t, f);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON tend.%I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION tend.%I()', 'due_' || t || '_delete', t, f);
    END LOOP;
END $$;
CREATE TRIGGER due_locations_update AFTER UPDATE ON locations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION due_note_location();
CREATE TRIGGER due_locations_delete AFTER DELETE ON locations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION due_note_location();
CREATE TRIGGER due_people_update AFTER UPDATE ON people
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION due_note_person();
CREATE TRIGGER due_people_delete AFTER DELETE ON people
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION due_note_person();

INSERT INTO due_entries SELECT * FROM due_source;

-- Live views (SQLite: PRAGMA data_version): every statement that changes
-- the register advances tend_changes and notifies `tend_changed`, so that
-- open desktops catch up.
CREATE SEQUENCE tend_changes;
CREATE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('tend.tend_changes');
    PERFORM pg_notify('tend_changed', '');
    RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['categories', 'vendors', 'people', 'locations', 'assets', 'coverage',
            'plan_templates', 'maintenance_plans', 'work_log', 'plan_events', 'history', 'settings']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON tend.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION tend.note_change()', t || '_changed', t);
    END LOOP;
END $$;
