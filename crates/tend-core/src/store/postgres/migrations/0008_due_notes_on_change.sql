-- Tend team register on PostgreSQL, schema v8: an asset's due entries are
-- rebuilt only when something they read changed, as SQLite's schema v12
-- (see its 0012_due_notes_on_change.sql). The statement trigger of v2
-- noted every updated asset, whatever changed: a bulk change of status
-- between two listed statuses rebuilt every asset's entries.
-- Append-only: add 0009_*.sql instead.
CREATE OR REPLACE FUNCTION due_note_asset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO tend.due_dirty SELECT id FROM old_rows ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO tend.due_dirty
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.tag::text, n.name::text, n.category_id, n.location_id, n.assigned_to_id,
                   n.end_of_life, n.end_of_support, n.archived_at,
                   n.status IN ('in_service', 'in_repair', 'spare'))
                  IS DISTINCT FROM
                  (o.tag::text, o.name::text, o.category_id, o.location_id, o.assigned_to_id,
                   o.end_of_life, o.end_of_support, o.archived_at,
                   o.status IN ('in_service', 'in_repair', 'spare'))
            UNION
            -- A row whose id changed: its old id's entries go.
            SELECT id FROM old_rows WHERE id NOT IN (SELECT id FROM new_rows)
            UNION
            SELECT id FROM new_rows WHERE id NOT IN (SELECT id FROM old_rows)
            ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO tend.due_dirty SELECT id FROM new_rows
            WHERE end_of_life IS NOT NULL OR end_of_support IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
