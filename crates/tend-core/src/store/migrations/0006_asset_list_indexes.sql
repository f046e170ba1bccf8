-- Tend register, schema v6: three asset indexes dropped. Append-only: never
-- edit this file once released; add 0007_*.sql instead.
--
-- They matched `archived_at IS NULL` (and a status or category) exactly,
-- and with no statistics SQLite's planner takes such an index to narrow a
-- list to a handful of rows. So the register's usual list (archived assets
-- hidden, sorted by any column) looked up every asset in use through
-- assets_archived and sorted them all for a page of 50, instead of reading
-- the sort column's index in order and stopping after 50 rows: about 50 ms
-- instead of well under 1 ms on 100,000 assets. With status or category
-- filters and sorts no index orders, the (status, tag) and (category_id, …)
-- indexes narrow just as well. Asset counts come from asset_counts (schema
-- v2), and nothing else looks assets up by archive state. A bulk import
-- also rebuilds three indexes fewer.
DROP INDEX assets_status_archived;
DROP INDEX assets_category_archived;
DROP INDEX assets_archived;
