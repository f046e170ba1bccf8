-- Tend team register on PostgreSQL, schema v4: rack positions above 60 U
-- and half units, as SQLite's schema v8 (see its 0008_rack_positions.sql).
-- Append-only: never edit this file once released; add 0005_*.sql instead.
--
-- rack_unit becomes the position's decimal text ("12", "10.5"): whole or
-- half units from 1, at most four digits before the point; the register's
-- own limit is the setting rack_units_max, checked by the core.
ALTER TABLE assets DROP CONSTRAINT IF EXISTS assets_rack_unit_check;
ALTER TABLE assets ALTER COLUMN rack_unit TYPE TEXT USING rack_unit::text;
ALTER TABLE assets ADD CONSTRAINT assets_rack_unit_check
    CHECK (rack_unit IS NULL OR rack_unit ~ '^[1-9][0-9]{0,3}(\.5)?$');
