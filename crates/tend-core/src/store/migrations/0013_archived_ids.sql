-- Tend register, schema v13: the archived assets found without reading the table.
-- Append-only: never edit this file once released; add 0014_*.sql instead.
--
-- The desktop keeps the register's whole order per sort, read from the
-- sort's own index, and takes the archived assets out of it
-- (register/kept_order.rs). Finding those few assets read every row of
-- the table (about 15 ms at 100,000 assets); this index holds only them.
-- Only a query that asks for archived assets can use it. A team register
-- has no kept order, so PostgreSQL has no such index.
CREATE INDEX assets_archived_ids ON assets (id) WHERE archived_at IS NOT NULL;
