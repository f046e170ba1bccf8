-- Tend register, schema v9: files attached to assets, coverage and work-log
-- entries, kept inside the register (the file stays the whole truth).
-- Append-only: never edit this file once released; add 0010_*.sql instead.
--
-- A file's bytes are stored once per SHA-256 (attachment_contents), in
-- chunks of at most 1 MiB (attachment_chunks), so a file is written and
-- read in pieces: memory stays bounded whatever its size, and the rows are
-- the same on both stores (PostgreSQL's 0005 has the same tables), so
-- `tend db copy` moves them like any other row. A link (attachments) puts
-- one content on one asset, or on one of its coverage or work-log entries,
-- under a name; a content with no link left is deleted in the same write.
-- sha256 is NULL only inside the write that is storing the content.
CREATE TABLE attachment_contents (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL
);

CREATE TABLE attachment_chunks (
    content_id INTEGER NOT NULL REFERENCES attachment_contents (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    data       BLOB NOT NULL,
    PRIMARY KEY (content_id, seq)
);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    content_id  INTEGER NOT NULL REFERENCES attachment_contents (id),
    asset_id    INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    coverage_id INTEGER REFERENCES coverage (id) ON DELETE CASCADE,
    work_log_id INTEGER REFERENCES work_log (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    media_type  TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL,
    author      TEXT,
    CHECK (coverage_id IS NULL OR work_log_id IS NULL)
);
CREATE INDEX attachments_asset ON attachments (asset_id, id);
CREATE INDEX attachments_content ON attachments (content_id);
CREATE INDEX attachments_coverage ON attachments (coverage_id) WHERE coverage_id IS NOT NULL;
CREATE INDEX attachments_work ON attachments (work_log_id) WHERE work_log_id IS NOT NULL;
