-- Tend register, schema v8: rack positions above 60 U and half units.
-- Append-only: never edit this file once released; add 0009_*.sql instead.
--
-- Up to v7 rack_unit was an INTEGER from 1 to 60. Tall racks have more
-- units, and NetBox places devices at half units (10.5). The position is now
-- its decimal text ("12", "10.5"): whole or half units from 1, at most four
-- digits before the point (the register's own limit is the setting
-- rack_units_max, default 100, checked by the core). TEXT as dates are
-- TEXT: the same value on both stores, no float. PostgreSQL's 0004 does the
-- same.
--
-- SQLite cannot change a column's CHECK in place: the old column is renamed,
-- the new one added (it goes last in the table; every statement names its
-- columns), filled, and the old one dropped (no index, view or trigger
-- names it).
ALTER TABLE assets RENAME COLUMN rack_unit TO rack_unit_v7;
ALTER TABLE assets ADD COLUMN rack_unit TEXT CHECK (
    rack_unit IS NULL OR (
        rack_unit GLOB '[1-9]*'
        AND length(rack_unit) <= 6
        AND (rack_unit NOT GLOB '*[^0-9]*'
             OR (rack_unit GLOB '*.5'
                 AND substr(rack_unit, 1, length(rack_unit) - 2) NOT GLOB '*[^0-9]*'))
    )
);
UPDATE assets SET rack_unit = CAST(rack_unit_v7 AS TEXT) WHERE rack_unit_v7 IS NOT NULL;
ALTER TABLE assets DROP COLUMN rack_unit_v7;
