-- Tend register, schema v1. Append-only: never edit this file once released;
-- add 0002_*.sql instead (see store/migrations.rs).
--
-- Conventions: dates are TEXT 'YYYY-MM-DD' (checked with date(x) IS x);
-- timestamps are TEXT RFC 3339 UTC; money is INTEGER minor units plus a TEXT
-- ISO 4217 currency; booleans are INTEGER 0/1.

PRAGMA application_id = 1413828164; -- 'TEND'

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0)
);
INSERT INTO categories (name) VALUES
    ('Server'), ('Switch'), ('Router'), ('Firewall'), ('Access point'), ('PC'),
    ('Laptop'), ('Printer'), ('UPS'), ('Storage'), ('Phone'), ('Other');

-- Manufacturers and suppliers.
CREATE TABLE vendors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0)
);

-- People and teams assets are assigned to and who perform work.
CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0)
);

-- site › building › room › rack. `path` is the display path of the node,
-- maintained by the store when a node is created.
CREATE TABLE locations (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES locations (id) ON DELETE RESTRICT,
    name      TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind      TEXT NOT NULL CHECK (kind IN ('site', 'building', 'room', 'rack')),
    path      TEXT NOT NULL
);
CREATE UNIQUE INDEX locations_parent_name ON locations (ifnull(parent_id, 0), name);
CREATE INDEX locations_parent ON locations (parent_id);

CREATE TABLE assets (
    id                  INTEGER PRIMARY KEY,
    tag                 TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(tag) BETWEEN 1 AND 64),
    name                TEXT NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
    category_id         INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    manufacturer_id     INTEGER REFERENCES vendors (id) ON DELETE SET NULL,
    model               TEXT COLLATE NOCASE,
    serial              TEXT COLLATE NOCASE,
    status              TEXT NOT NULL DEFAULT 'in_service'
                        CHECK (status IN ('in_service', 'in_repair', 'spare', 'retired', 'disposed', 'lost')),
    location_id         INTEGER REFERENCES locations (id) ON DELETE SET NULL,
    rack_unit           INTEGER CHECK (rack_unit IS NULL OR rack_unit BETWEEN 1 AND 60),
    assigned_to_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    hostname            TEXT COLLATE NOCASE,
    ip_address          TEXT,
    mac_address         TEXT COLLATE NOCASE,
    firmware            TEXT,
    purchase_date       TEXT CHECK (purchase_date IS NULL OR date(purchase_date) IS purchase_date),
    purchase_cost_minor INTEGER CHECK (purchase_cost_minor IS NULL OR purchase_cost_minor >= 0),
    purchase_currency   TEXT CHECK (purchase_currency IS NULL OR (length(purchase_currency) = 3 AND upper(purchase_currency) = purchase_currency)),
    supplier_id         INTEGER REFERENCES vendors (id) ON DELETE SET NULL,
    order_number        TEXT,
    end_of_life         TEXT CHECK (end_of_life IS NULL OR date(end_of_life) IS end_of_life),
    end_of_support      TEXT CHECK (end_of_support IS NULL OR date(end_of_support) IS end_of_support),
    notes               TEXT,
    custom_fields       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom_fields)),
    archived_at         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((purchase_cost_minor IS NULL) = (purchase_currency IS NULL))
);
-- One index per sort column (tag is the tie-breaker), and the common
-- filter + sort pairs of the asset table.
CREATE INDEX assets_name            ON assets (name, tag);
CREATE INDEX assets_model           ON assets (model, tag);
CREATE INDEX assets_serial          ON assets (serial, tag);
CREATE INDEX assets_hostname        ON assets (hostname, tag);
CREATE INDEX assets_ip_address      ON assets (ip_address, tag);
CREATE INDEX assets_purchase_date   ON assets (purchase_date, tag);
CREATE INDEX assets_purchase_cost   ON assets (purchase_cost_minor, tag);
CREATE INDEX assets_end_of_life     ON assets (end_of_life, tag);
CREATE INDEX assets_end_of_support  ON assets (end_of_support, tag);
CREATE INDEX assets_updated_at      ON assets (updated_at, tag);
CREATE INDEX assets_status_tag      ON assets (status, tag);
CREATE INDEX assets_status_name     ON assets (status, name, tag);
CREATE INDEX assets_status_purchase ON assets (status, purchase_date, tag);
CREATE INDEX assets_status_support  ON assets (status, end_of_support, tag);
CREATE INDEX assets_status_archived ON assets (status, archived_at);
CREATE INDEX assets_category_tag    ON assets (category_id, tag);
CREATE INDEX assets_category_name   ON assets (category_id, name, tag);
CREATE INDEX assets_category_purchase ON assets (category_id, purchase_date, tag);
CREATE INDEX assets_category_archived ON assets (category_id, archived_at);
CREATE INDEX assets_location        ON assets (location_id, tag);
CREATE INDEX assets_manufacturer    ON assets (manufacturer_id, tag);
CREATE INDEX assets_assigned_to     ON assets (assigned_to_id, tag);
CREATE INDEX assets_supplier        ON assets (supplier_id);
CREATE INDEX assets_archived        ON assets (archived_at);

-- Full-text search over the fields people type into the search box.
CREATE VIRTUAL TABLE assets_fts USING fts5 (
    tag, name, serial, hostname, ip_address, mac_address, model, notes,
    content = 'assets', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER assets_fts_insert AFTER INSERT ON assets BEGIN
    INSERT INTO assets_fts (rowid, tag, name, serial, hostname, ip_address, mac_address, model, notes)
    VALUES (new.id, new.tag, new.name, new.serial, new.hostname, new.ip_address, new.mac_address, new.model, new.notes);
END;
CREATE TRIGGER assets_fts_delete AFTER DELETE ON assets BEGIN
    INSERT INTO assets_fts (assets_fts, rowid, tag, name, serial, hostname, ip_address, mac_address, model, notes)
    VALUES ('delete', old.id, old.tag, old.name, old.serial, old.hostname, old.ip_address, old.mac_address, old.model, old.notes);
END;
CREATE TRIGGER assets_fts_update
AFTER UPDATE OF tag, name, serial, hostname, ip_address, mac_address, model, notes ON assets BEGIN
    INSERT INTO assets_fts (assets_fts, rowid, tag, name, serial, hostname, ip_address, mac_address, model, notes)
    VALUES ('delete', old.id, old.tag, old.name, old.serial, old.hostname, old.ip_address, old.mac_address, old.model, old.notes);
    INSERT INTO assets_fts (rowid, tag, name, serial, hostname, ip_address, mac_address, model, notes)
    VALUES (new.id, new.tag, new.name, new.serial, new.hostname, new.ip_address, new.mac_address, new.model, new.notes);
END;

-- Warranties and support contracts; several per asset.
CREATE TABLE coverage (
    id            INTEGER PRIMARY KEY,
    asset_id      INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('manufacturer_warranty', 'extended_warranty', 'support_contract')),
    provider      TEXT,
    reference     TEXT,
    start_date    TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
    end_date      TEXT NOT NULL CHECK (date(end_date) IS end_date),
    service_level TEXT,
    cost_minor    INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0),
    cost_currency TEXT CHECK (cost_currency IS NULL OR length(cost_currency) = 3),
    notice_days   INTEGER CHECK (notice_days IS NULL OR notice_days >= 0),
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((cost_minor IS NULL) = (cost_currency IS NULL)),
    CHECK (start_date IS NULL OR start_date <= end_date)
);
CREATE INDEX coverage_asset ON coverage (asset_id, end_date);
CREATE INDEX coverage_end_date ON coverage (end_date);

-- Recurring maintenance on an asset. The rule is "every interval_count
-- interval_unit", fixed (calendar-anchored) or floating (from last completion).
CREATE TABLE maintenance_plans (
    id               INTEGER PRIMARY KEY,
    asset_id         INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    interval_count   INTEGER NOT NULL CHECK (interval_count >= 1),
    interval_unit    TEXT NOT NULL CHECK (interval_unit IN ('days', 'weeks', 'months', 'years')),
    anchor           TEXT NOT NULL CHECK (anchor IN ('fixed', 'floating')),
    start_date       TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date         TEXT CHECK (end_date IS NULL OR date(end_date) IS end_date),
    lead_days        INTEGER NOT NULL DEFAULT 7 CHECK (lead_days >= 0),
    assignee_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    expected_minutes INTEGER CHECK (expected_minutes IS NULL OR expected_minutes >= 0),
    checklist        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checklist)),
    next_due         TEXT CHECK (next_due IS NULL OR date(next_due) IS next_due),
    last_done        TEXT CHECK (last_done IS NULL OR date(last_done) IS last_done),
    paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX maintenance_plans_asset ON maintenance_plans (asset_id);
CREATE INDEX maintenance_plans_next_due ON maintenance_plans (next_due);
CREATE INDEX maintenance_plans_assignee ON maintenance_plans (assignee_id);

-- Repairs and completed maintenance.
CREATE TABLE work_log (
    id                  INTEGER PRIMARY KEY,
    asset_id            INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    plan_id             INTEGER REFERENCES maintenance_plans (id) ON DELETE SET NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('repair', 'preventive_maintenance', 'inspection', 'upgrade', 'incident')),
    performed_on        TEXT NOT NULL CHECK (date(performed_on) IS performed_on),
    performed_by_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    summary             TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 200),
    details             TEXT,
    outcome             TEXT CHECK (outcome IS NULL OR outcome IN ('fixed', 'workaround', 'replaced', 'sent_to_vendor', 'could_not_fix')),
    cost_minor          INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0),
    cost_currency       TEXT CHECK (cost_currency IS NULL OR length(cost_currency) = 3),
    downtime_minutes    INTEGER CHECK (downtime_minutes IS NULL OR downtime_minutes >= 0),
    parts_used          TEXT,
    covered_by_warranty INTEGER NOT NULL DEFAULT 0 CHECK (covered_by_warranty IN (0, 1)),
    coverage_id         INTEGER REFERENCES coverage (id) ON DELETE SET NULL,
    external_ref        TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((cost_minor IS NULL) = (cost_currency IS NULL))
);
CREATE INDEX work_log_asset ON work_log (asset_id, performed_on, id);
CREATE INDEX work_log_performed_on ON work_log (performed_on);
CREATE INDEX work_log_plan ON work_log (plan_id);
CREATE INDEX work_log_coverage ON work_log (coverage_id);
CREATE INDEX work_log_performed_by ON work_log (performed_by_id);

-- Every change to every record of an asset, newest = highest id.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    entity    TEXT NOT NULL CHECK (entity IN ('asset', 'coverage', 'plan', 'work_log')),
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'archived', 'restored')),
    field     TEXT,
    old_value TEXT,
    new_value TEXT,
    at        TEXT NOT NULL,
    summary   TEXT NOT NULL
);
CREATE INDEX history_asset ON history (asset_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settings (key, value) VALUES
    ('organisation_name', ''), ('currency', 'EUR'),
    ('date_format', 'YYYY-MM-DD'), ('paper_size', 'A4');
