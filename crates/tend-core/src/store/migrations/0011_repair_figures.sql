-- Tend register, schema v11: Home's repair figures read from an index.
-- Append-only: never edit this file once released; add 0012_*.sql instead.
--
-- Home sums the repairs of the last fifteen months by month and currency.
-- Through the date index alone that reads every repair's row (1.2 s with a
-- million entries); this index holds what the sum needs, for repairs only
-- (a quarter of the log), so it is read alone (0.09 s). PostgreSQL's 0007
-- is the same index.
CREATE INDEX work_log_repairs ON work_log (performed_on, cost_currency, cost_minor, downtime_minutes)
    WHERE kind = 'repair';
