-- Tend register, schema v4: indexes that let the due list filter candidates
-- without reading table rows. Append-only: never edit this file once
-- released; add 0005_*.sql instead.

-- Assets by id with what decides "in use" (not archived, retired,
-- disposed or lost): the due list checks each dated candidate (plan,
-- coverage) against this small covering index instead of reading the whole
-- asset row.
CREATE INDEX assets_in_use ON assets (id, archived_at, status);

-- Plans by the date they show as due, with the asset: the candidates of a
-- date range are checked against assets_in_use from the index alone.
CREATE INDEX maintenance_plans_due_asset ON maintenance_plans (coalesce(snoozed_until, next_due), asset_id)
    WHERE paused = 0 AND next_due IS NOT NULL;
DROP INDEX maintenance_plans_due_on;

-- Coverage by end date, with the asset: "is this the asset's last coverage"
-- and "is the asset in use" are answered from indexes alone.
CREATE INDEX coverage_end_asset ON coverage (end_date, asset_id);
DROP INDEX coverage_end_date;

-- Assets by end of life and end of support that are in use.
CREATE INDEX assets_in_use_end_of_life ON assets (end_of_life)
    WHERE archived_at IS NULL AND status IN ('in_service', 'in_repair', 'spare')
      AND end_of_life IS NOT NULL;
CREATE INDEX assets_in_use_end_of_support ON assets (end_of_support)
    WHERE archived_at IS NULL AND status IN ('in_service', 'in_repair', 'spare')
      AND end_of_support IS NOT NULL;

-- Renewal notices: contracts with a notice period by end date. A notice
-- falls due at end − notice, so the due list reads only contracts ending
-- between today and the horizon plus the longest notice period (from the
-- second index) rather than every notice that ever passed.
CREATE INDEX coverage_notice_end ON coverage (end_date, notice_days, asset_id)
    WHERE notice_days IS NOT NULL;
CREATE INDEX coverage_notice_days ON coverage (notice_days)
    WHERE notice_days IS NOT NULL;
