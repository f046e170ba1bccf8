-- Tend team register on PostgreSQL, schema v6: how many rack units a model
-- takes, as SQLite's schema v10 (see its 0010_model_heights.sql).
-- Append-only: add 0007_*.sql instead.
CREATE TABLE model_heights (
    model citext PRIMARY KEY CHECK (length(trim(model)) BETWEEN 1 AND 200),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 100)
);

-- Open desktops catch up when a height is set (0002's live views).
CREATE TRIGGER model_heights_changed AFTER INSERT OR UPDATE OR DELETE ON model_heights
    FOR EACH STATEMENT EXECUTE FUNCTION tend.note_change();
