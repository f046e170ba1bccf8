-- Tend register, schema v2: asset counts per (status, category, archived),
-- kept exact by triggers in the same transaction as every asset change, so
-- that the asset list's total for the usual filters is a sum over a few
-- dozen rows instead of a count over thousands of index entries.

CREATE TABLE asset_counts (
    status      TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    archived    INTEGER NOT NULL CHECK (archived IN (0, 1)),
    n           INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (status, category_id, archived)
) WITHOUT ROWID;

INSERT INTO asset_counts (status, category_id, archived, n)
SELECT status, category_id, archived_at IS NOT NULL, count(*) FROM assets GROUP BY 1, 2, 3;

CREATE TRIGGER asset_counts_insert AFTER INSERT ON assets BEGIN
    INSERT INTO asset_counts (status, category_id, archived, n)
    VALUES (new.status, new.category_id, new.archived_at IS NOT NULL, 1)
    ON CONFLICT (status, category_id, archived) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER asset_counts_delete AFTER DELETE ON assets BEGIN
    UPDATE asset_counts SET n = n - 1
    WHERE status = old.status AND category_id = old.category_id AND archived = (old.archived_at IS NOT NULL);
END;

CREATE TRIGGER asset_counts_update AFTER UPDATE OF status, category_id, archived_at ON assets BEGIN
    UPDATE asset_counts SET n = n - 1
    WHERE status = old.status AND category_id = old.category_id AND archived = (old.archived_at IS NOT NULL);
    INSERT INTO asset_counts (status, category_id, archived, n)
    VALUES (new.status, new.category_id, new.archived_at IS NOT NULL, 1)
    ON CONFLICT (status, category_id, archived) DO UPDATE SET n = n + 1;
END;
