-- Tend team register on PostgreSQL, schema v7: Home's repair figures read
-- from an index, as SQLite's schema v11 (see its 0011_repair_figures.sql).
-- Append-only: add 0008_*.sql instead.
CREATE INDEX work_log_repairs ON work_log (performed_on)
    INCLUDE (cost_currency, cost_minor, downtime_minutes)
    WHERE kind = 'repair';
