-- Tend register, schema v7: who made each change. Append-only: never edit
-- this file once released; add 0008_*.sql instead.
--
-- history.author names who made the change, work_log.author who logged the
-- entry (not who did the work: that is performed_by_id). On SQLite it is the
-- operating-system user, or the name a front door gives (the CLI's
-- TEND_AUTHOR); on PostgreSQL the database user. Both are written in the
-- same transaction as the entry. Entries made before v7 have none (NULL),
-- shown as nothing. The PostgreSQL schema uses the same column names.
ALTER TABLE history ADD COLUMN author TEXT
    CHECK (author IS NULL OR length(author) BETWEEN 1 AND 200);
ALTER TABLE work_log ADD COLUMN author TEXT
    CHECK (author IS NULL OR length(author) BETWEEN 1 AND 200);
