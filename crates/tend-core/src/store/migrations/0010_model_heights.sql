-- Tend register, schema v10: how many rack units a model takes, for the
-- rack view (a device occupies its position and the units above it).
-- Append-only: never edit this file once released; add 0011_*.sql instead.
--
-- Keyed by the model's name as assets carry it (ignoring case). A model
-- without a row is drawn 1 U high and said to be unknown. PostgreSQL's 0006
-- is the same table.
CREATE TABLE model_heights (
    model TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(model)) BETWEEN 1 AND 200),
    units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 100)
);
