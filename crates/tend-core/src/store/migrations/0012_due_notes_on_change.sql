-- Tend schema v12: an asset's due entries are rebuilt only when something
-- they read changed. The update trigger of v5 noted an asset whenever one
-- of the columns the due list reads was written, even to the same value,
-- and for any change of status: a bulk change of 10,000 assets from "in
-- service" to "in repair" (both in use, so the same entries) rebuilt 10,000
-- assets' entries. It now notes the asset when a value the entries hold
-- differs (text compared as written: a tag's case is shown) or when the
-- asset enters or leaves the statuses that are listed.
-- Append-only: add 0013_*.sql instead.
DROP TRIGGER due_assets_update;
CREATE TRIGGER due_assets_update
AFTER UPDATE OF id, tag, name, category_id, status, location_id, assigned_to_id, end_of_life,
    end_of_support, archived_at ON assets
WHEN old.id IS NOT new.id
    OR old.tag IS NOT new.tag COLLATE BINARY
    OR old.name IS NOT new.name COLLATE BINARY
    OR old.category_id IS NOT new.category_id
    OR old.location_id IS NOT new.location_id
    OR old.assigned_to_id IS NOT new.assigned_to_id
    OR old.end_of_life IS NOT new.end_of_life
    OR old.end_of_support IS NOT new.end_of_support
    OR old.archived_at IS NOT new.archived_at
    OR (old.status IN ('in_service', 'in_repair', 'spare'))
        IS NOT (new.status IN ('in_service', 'in_repair', 'spare'))
BEGIN
    INSERT OR IGNORE INTO due_dirty (asset_id) VALUES (old.id), (new.id);
END;
