-- Tend register, schema v3: the maintenance plan engine and the due list.
-- Append-only: never edit this file once released; add 0004_*.sql instead.

-- Category templates: a plan defined once for a category and applied to every
-- asset in it (and, with auto_apply, to assets added to it later).
CREATE TABLE plan_templates (
    id               INTEGER PRIMARY KEY,
    category_id      INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    interval_count   INTEGER NOT NULL CHECK (interval_count >= 1),
    interval_unit    TEXT NOT NULL CHECK (interval_unit IN ('days', 'weeks', 'months', 'years')),
    anchor           TEXT NOT NULL CHECK (anchor IN ('fixed', 'floating')),
    -- NULL: each plan starts on the day the template is applied to its asset.
    start_date       TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
    lead_days        INTEGER NOT NULL DEFAULT 7 CHECK (lead_days >= 0),
    assignee_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    expected_minutes INTEGER CHECK (expected_minutes IS NULL OR expected_minutes >= 0),
    checklist        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checklist)),
    auto_apply       INTEGER NOT NULL DEFAULT 0 CHECK (auto_apply IN (0, 1)),
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX plan_templates_category ON plan_templates (category_id, auto_apply);

-- A snoozed occurrence shows as due on snoozed_until; the next one is
-- computed from next_due as if it had not been snoozed.
ALTER TABLE maintenance_plans ADD COLUMN snoozed_until TEXT
    CHECK (snoozed_until IS NULL OR date(snoozed_until) IS snoozed_until);
ALTER TABLE maintenance_plans ADD COLUMN template_id INTEGER
    REFERENCES plan_templates (id) ON DELETE SET NULL;
CREATE INDEX maintenance_plans_template ON maintenance_plans (template_id, asset_id);

-- The due list reads plans by the date they show as due, active ones only.
CREATE INDEX maintenance_plans_due_on ON maintenance_plans (coalesce(snoozed_until, next_due))
    WHERE paused = 0 AND next_due IS NOT NULL;
CREATE INDEX maintenance_plans_lead ON maintenance_plans (lead_days);
-- Renewal notices fall due at end − notice.
CREATE INDEX coverage_notice_on ON coverage (date(end_date, printf('-%d days', notice_days)))
    WHERE notice_days IS NOT NULL;

-- What was done to a plan: completions, skips, snoozes, pauses, resumes and
-- undos, with the state before each so that the last completion can be undone
-- exactly.
CREATE TABLE plan_events (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES maintenance_plans (id) ON DELETE CASCADE,
    action             TEXT NOT NULL CHECK (action IN ('completed', 'skipped', 'snoozed', 'paused', 'resumed', 'undone')),
    -- The due date of the occurrence acted on.
    occurrence         TEXT CHECK (occurrence IS NULL OR date(occurrence) IS occurrence),
    -- Completion date, or the date a snooze moves the occurrence to.
    on_date            TEXT CHECK (on_date IS NULL OR date(on_date) IS on_date),
    work_log_id        INTEGER REFERENCES work_log (id) ON DELETE SET NULL,
    reason             TEXT,
    minutes_spent      INTEGER CHECK (minutes_spent IS NULL OR minutes_spent >= 0),
    checklist          TEXT CHECK (checklist IS NULL OR json_valid(checklist)),
    -- Grid dates passed without their own completion (JSON array of dates).
    missed             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missed)),
    prev_next_due      TEXT,
    prev_last_done     TEXT,
    prev_snoozed_until TEXT,
    prev_updated_at    TEXT,
    undone             INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    at                 TEXT NOT NULL
);
CREATE INDEX plan_events_plan ON plan_events (plan_id, id);
CREATE INDEX plan_events_work_log ON plan_events (work_log_id);
