-- Tend register, schema v5: the due list, kept ready. Append-only: never
-- edit this file once released; add 0006_*.sql instead.
--
-- Every dated thing that can appear on the due list — a plan's next
-- occurrence, an asset's last coverage ending, its renewal notice, end of
-- life, end of support — is kept as one row of due_entries, for assets in use
-- only, with what the list shows (tag, name, location, assignee) copied in.
-- Nothing in it depends on today: the list for a day is a range scan of
-- this table in the order it is stored.
--
-- How it stays true: triggers on every table the list reads from note the
-- asset in due_dirty; the store rebuilds the entries of the noted assets
-- from due_source (the definition, below) before each write commits
-- (store/due_entries.rs). A reader that finds assets still noted reads
-- their rows from due_source instead, so the list is never stale.

-- What the due list is made of, for every asset in use: the definition
-- due_entries is kept equal to.
CREATE VIEW due_source AS
SELECT coalesce(p.snoozed_until, p.next_due) AS date, 'maintenance' AS kind, a.tag AS tag,
       p.id AS item_id, a.id AS asset_id,
       date(coalesce(p.snoozed_until, p.next_due), printf('-%d days', p.lead_days)) AS show_from,
       NULL AS end_date, p.title AS title, a.name AS asset_name, a.location_id AS location_id,
       l.path AS location, a.category_id AS category_id, p.assignee_id AS assignee_id,
       pe.name AS assignee, p.id AS plan_id, NULL AS coverage_id,
       p.snoozed_until IS NOT NULL AS snoozed, p.interval_count AS interval_count,
       p.interval_unit AS interval_unit, p.anchor AS anchor, p.start_date AS start_date,
       p.end_date AS plan_end, p.next_due AS next_due
FROM maintenance_plans p
JOIN assets a ON a.id = p.asset_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN people pe ON pe.id = p.assignee_id
WHERE p.paused = 0 AND p.next_due IS NOT NULL
  AND a.archived_at IS NULL AND a.status IN ('in_service', 'in_repair', 'spare')
UNION ALL
-- The asset's last coverage (nothing ends later; the newest of a tie) ends.
SELECT c.end_date, 'coverage_end', a.tag, c.id, a.id, NULL, NULL,
       CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
           WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
           || ifnull(' (' || c.provider || ')', ''),
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
-- Its renewal notice: a contract with a notice period is decided by
-- end − notice (listed while the contract has not ended: end_date).
SELECT date(c.end_date, printf('-%d days', c.notice_days)), 'renewal_notice', a.tag, c.id, a.id,
       NULL, c.end_date,
       CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
           WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
           || ifnull(' (' || c.provider || ')', ''),
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

-- Stored in list order within a day: date, kind, tag (as the register
-- sorts it), then the plan, coverage or asset id.
CREATE TABLE due_entries (
    date           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    tag            TEXT NOT NULL COLLATE NOCASE,
    item_id        INTEGER NOT NULL,
    asset_id       INTEGER NOT NULL,
    -- Maintenance: the day it starts to show (date − lead days).
    show_from      TEXT,
    -- Renewal notice: the contract's end.
    end_date       TEXT,
    title          TEXT NOT NULL,
    asset_name     TEXT NOT NULL,
    location_id    INTEGER,
    location       TEXT,
    category_id    INTEGER NOT NULL,
    -- The plan's assignee, or for other kinds the asset's assigned person.
    assignee_id    INTEGER,
    assignee       TEXT,
    plan_id        INTEGER,
    coverage_id    INTEGER,
    snoozed        INTEGER NOT NULL,
    -- Maintenance: the rule, to count missed periods of an overdue plan.
    interval_count INTEGER,
    interval_unit  TEXT,
    anchor         TEXT,
    start_date     TEXT,
    plan_end       TEXT,
    next_due       TEXT,
    PRIMARY KEY (date, kind, tag, item_id)
) WITHOUT ROWID;
CREATE INDEX due_entries_asset ON due_entries (asset_id);
-- Ended coverage, life and support, most recent first: a page of the
-- "expired" group reads only the rows it shows.
CREATE INDEX due_entries_ended ON due_entries (date DESC, kind, tag, item_id)
    WHERE kind IN ('coverage_end', 'end_of_life', 'end_of_support');
-- Maintenance and renewal notices, oldest first: a page of the "overdue"
-- group skips the ended coverage dated before it.
CREATE INDEX due_entries_falling_due ON due_entries (date, kind, tag, item_id)
    WHERE kind IN ('maintenance', 'renewal_notice');

-- Assets whose entries must be rebuilt from due_source.
CREATE TABLE due_dirty (asset_id INTEGER PRIMARY KEY);

-- Which assets' entries each flush rebuilt (NULL: the whole table), so a
-- due list kept in memory by a long-running process catches up by reading
-- only those. The last 10,000 are kept.
CREATE TABLE due_log (
    seq      INTEGER PRIMARY KEY,
    asset_id INTEGER
);

CREATE TRIGGER due_assets_insert AFTER INSERT ON assets
WHEN new.end_of_life IS NOT NULL OR new.end_of_support IS NOT NULL BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (new.id);
END;
CREATE TRIGGER due_assets_update
AFTER UPDATE OF id, tag, name, category_id, status, location_id, assigned_to_id, end_of_life,
    end_of_support, archived_at ON assets BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.id), (new.id);
END;
CREATE TRIGGER due_assets_delete AFTER DELETE ON assets BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.id);
END;

CREATE TRIGGER due_plans_insert AFTER INSERT ON maintenance_plans
WHEN new.paused = 0 AND new.next_due IS NOT NULL BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (new.asset_id);
END;
CREATE TRIGGER due_plans_update
AFTER UPDATE OF id, asset_id, title, interval_count, interval_unit, anchor, start_date, end_date,
    lead_days, assignee_id, next_due, paused, snoozed_until ON maintenance_plans BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.asset_id), (new.asset_id);
END;
CREATE TRIGGER due_plans_delete AFTER DELETE ON maintenance_plans BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.asset_id);
END;

CREATE TRIGGER due_coverage_insert AFTER INSERT ON coverage BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (new.asset_id);
END;
CREATE TRIGGER due_coverage_update
AFTER UPDATE OF id, asset_id, kind, provider, end_date, notice_days ON coverage BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.asset_id), (new.asset_id);
END;
CREATE TRIGGER due_coverage_delete AFTER DELETE ON coverage BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.asset_id);
END;

-- Copied names: a location's path or a person's name changing (or the row
-- going) notes every asset whose entries show it.
CREATE TRIGGER due_locations_update AFTER UPDATE OF path ON locations BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id)
    SELECT asset_id FROM due_entries WHERE location_id = old.id;
END;
CREATE TRIGGER due_locations_delete AFTER DELETE ON locations BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id)
    SELECT asset_id FROM due_entries WHERE location_id = old.id;
END;
CREATE TRIGGER due_people_update AFTER UPDATE OF name ON people BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id)
    SELECT asset_id FROM due_entries WHERE assignee_id = old.id;
END;
CREATE TRIGGER due_people_delete AFTER DELETE ON people BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id)
    SELECT asset_id FROM due_entries WHERE assignee_id = old.id;
END;

INSERT INTO due_entries SELECT * FROM due_source;

-- The date indexes of schema v4 served the per-kind statements the entries
-- replace.
DROP INDEX maintenance_plans_due_asset;
DROP INDEX assets_in_use_end_of_life;
DROP INDEX assets_in_use_end_of_support;
DROP INDEX coverage_notice_end;
DROP INDEX coverage_notice_days;
DROP INDEX coverage_notice_on;
DROP INDEX assets_in_use;
