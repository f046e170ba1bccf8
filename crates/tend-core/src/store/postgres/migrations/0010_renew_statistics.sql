-- Tend team register on PostgreSQL, schema v10: the planner's statistics
-- renewed by whoever fills a register, not only by its owner.
--
-- Why: a register filled by a first import has no statistics until
-- autovacuum comes by (up to a minute later), and without them PostgreSQL
-- guesses that `status = $1` matches one row in two hundred: the page of
-- 50 in service, sorted by name, then read every matching row and sorted
-- them (100 ms at 94,000 assets, against 0.2 ms with statistics). ANALYZE
-- needs the table's owner; an editor imports. An import into an empty
-- register calls this once it has committed (inside its transaction the
-- same ANALYZE took 2.3 s instead of 0.24 s). Only the
-- columns the lists filter on: the whole of `assets` takes 2.8 s at
-- 94,000 assets (the search index's vectors are computed for every row
-- sampled), these 0.24 s; autovacuum does the rest later.
-- Append-only: add 0011_*.sql instead.
CREATE FUNCTION renew_statistics() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = tend, pg_temp AS $$
BEGIN
    ANALYZE tend.assets (status, category_id, location_id, assigned_to_id, manufacturer_id,
                         archived_at),
            tend.coverage, tend.maintenance_plans, tend.history (asset_id),
            tend.due_entries (kind, date, asset_id), tend.asset_counts;
END $$;
REVOKE ALL ON FUNCTION renew_statistics() FROM PUBLIC;

-- A register made before v10 has its roles already (`tend db init` makes
-- them after the migrations, and grants this there).
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tend_editor') THEN
        GRANT EXECUTE ON FUNCTION renew_statistics() TO tend_editor;
    END IF;
END $$;
