//! Keeps `due_entries` (schema v5) equal to its definition, the view
//! `due_source`: triggers note each asset whose entries may have changed in
//! `due_dirty`, and [`flush`] rebuilds the entries of the noted assets. Every
//! write transaction of the register flushes before it commits; a reader
//! that still finds noted assets (a write from outside Tend's API) flushes
//! first or, when it cannot write, reads `due_source` itself.

use crate::store::sql::Connection;
use crate::Result;

/// Above this share of all assets (1 in N noted), one rebuild of the whole
/// table is cheaper than rebuilding asset by asset.
const WHOLE_TABLE_SHARE: i64 = 20;

/// Whether some asset's entries wait to be rebuilt.
pub(crate) fn pending(conn: &Connection) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM due_dirty)")?
        .query_row([], |r| r.get(0))
}

/// Rebuilds the entries of every noted asset and clears the notes. Call
/// inside the write transaction, before it commits.
pub(crate) fn flush(conn: &Connection) -> Result<()> {
    if !pending(conn)? {
        return Ok(());
    }
    let (noted, assets): (i64, i64) = conn.query_row(
        // The assets counted from asset_counts: a count over the assets
        // table reads every row on PostgreSQL.
        "SELECT (SELECT count(*) FROM due_dirty), (SELECT coalesce(sum(n), 0) FROM asset_counts)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if noted.saturating_mul(WHOLE_TABLE_SHARE) > assets {
        // Unsorted: sorting 150,000 rows first cost more (0.92 s) than
        // inserting them in asset order (0.74 s).
        conn.execute_batch(
            "DELETE FROM due_entries;
             INSERT INTO due_entries SELECT * FROM due_source;
             DELETE FROM due_dirty;
             INSERT INTO due_log (asset_id) VALUES (NULL);",
        )?;
        return prune_log(conn);
    }
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT asset_id FROM due_dirty")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // One asset at a time: SQLite pushes `asset_id = ?` into each branch of
    // the view (an IN over due_dirty would read every asset in use).
    let mut delete = conn.prepare_cached("DELETE FROM due_entries WHERE asset_id = ?1")?;
    let mut insert = conn
        .prepare_cached("INSERT INTO due_entries SELECT * FROM due_source WHERE asset_id = ?1")?;
    let mut log = conn.prepare_cached("INSERT INTO due_log (asset_id) VALUES (?1)")?;
    for id in ids {
        delete.execute([id])?;
        insert.execute([id])?;
        log.execute([id])?;
    }
    conn.execute("DELETE FROM due_dirty", [])?;
    prune_log(conn)
}

/// How many flushed assets the log remembers.
const LOG_KEPT: i64 = 10_000;

fn prune_log(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM due_log WHERE seq <= (SELECT max(seq) FROM due_log) - ?1")?
        .execute([LOG_KEPT])?;
    Ok(())
}

/// The log's newest position (0 when empty).
pub(crate) fn log_position(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM due_log")?
        .query_row([], |r| r.get(0))
}

/// The assets whose entries were rebuilt after log position `seq`, or None
/// when that is not known any more (the whole table was rebuilt, or the log
/// no longer reaches back to `seq`).
pub(crate) fn changed_since(conn: &Connection, seq: i64) -> Result<Option<Vec<i64>>> {
    let oldest: Option<i64> = conn
        .prepare_cached("SELECT min(seq) FROM due_log")?
        .query_row([], |r| r.get(0))?;
    if oldest.is_some_and(|oldest| oldest > seq + 1) {
        return Ok(None);
    }
    let mut ids = Vec::new();
    let mut stmt =
        conn.prepare_cached("SELECT asset_id FROM due_log WHERE seq > ?1 ORDER BY seq")?;
    let mut whole = false;
    stmt.each([seq], |r| {
        match r.get::<Option<i64>>(0)? {
            Some(id) => ids.push(id),
            None => whole = true,
        }
        Ok(!whole)
    })?;
    if whole {
        return Ok(None);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

/// Before reading the entries: flushes what a write from outside the
/// register's API left noted. Returns false when that was needed but not
/// possible (inside a transaction, read-only file, another writer busy), so
/// the caller reads `due_source` instead.
pub(crate) fn ready(conn: &Connection) -> Result<bool> {
    if !pending(conn)? {
        return Ok(true);
    }
    if !conn.is_autocommit() {
        return Ok(false);
    }
    let Ok(tx) = conn.begin_write() else {
        return Ok(false);
    };
    match flush(&tx) {
        Ok(()) => Ok(tx.commit().is_ok()),
        Err(_) => {
            tx.rollback()?;
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{connection, migrations};

    fn register() -> Connection {
        let mut conn = connection::open_in_memory().unwrap();
        migrations::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO locations (id, name, kind, path) VALUES (1, 'HQ', 'site', 'HQ');
             INSERT INTO people (id, name) VALUES (1, 'Ann');
             INSERT INTO assets (id, tag, name, category_id, location_id, assigned_to_id,
                 end_of_life, created_at, updated_at)
             VALUES (1, 'A-1', 'Core switch', 1, 1, 1, '2027-01-01', 'now', 'now');
             INSERT INTO coverage (asset_id, kind, provider, end_date, notice_days, created_at, updated_at)
             VALUES (1, 'support_contract', 'Acme', '2027-06-30', 60, 'now', 'now');
             INSERT INTO maintenance_plans (asset_id, title, interval_count, interval_unit, anchor,
                 start_date, lead_days, next_due, created_at, updated_at)
             VALUES (1, 'Clean filters', 3, 'months', 'fixed', '2026-01-01', 7, '2026-12-01', 'now', 'now');",
        )
        .unwrap();
        Connection::Sqlite(conn)
    }

    /// What a test compares of `table` (the entries or their definition).
    fn rows(conn: &Connection, table: &str) -> Vec<String> {
        conn.prepare(&format!(
            "SELECT kind || ' ' || date || ' ' || coalesce(location, '-') || ' ' || coalesce(assignee, '-')
             FROM {table} ORDER BY 1"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    fn entries(conn: &Connection) -> Vec<String> {
        rows(conn, "due_entries")
    }

    fn source(conn: &Connection) -> Vec<String> {
        rows(conn, "due_source")
    }

    #[test]
    fn every_change_the_list_reads_is_noted_and_flushed_into_the_entries() {
        let conn = register();
        flush(&conn).unwrap();
        assert_eq!(entries(&conn).len(), 4, "{:?}", entries(&conn));
        let changes = [
            "UPDATE maintenance_plans SET next_due = '2027-03-01'",
            "UPDATE maintenance_plans SET snoozed_until = '2026-12-08'",
            "UPDATE maintenance_plans SET paused = 1",
            "UPDATE maintenance_plans SET paused = 0, lead_days = 30",
            "INSERT INTO coverage (asset_id, kind, end_date, created_at, updated_at)
             VALUES (1, 'extended_warranty', '2028-06-30', 'now', 'now')",
            "UPDATE coverage SET end_date = '2026-01-01' WHERE kind = 'extended_warranty'",
            "DELETE FROM coverage WHERE kind = 'extended_warranty'",
            "UPDATE coverage SET notice_days = NULL",
            "UPDATE assets SET end_of_support = '2028-01-01', tag = 'B-1'",
            "UPDATE locations SET path = 'Head office'",
            "UPDATE people SET name = 'Anna'",
            "UPDATE assets SET status = 'retired'",
            "UPDATE assets SET status = 'spare'",
            "DELETE FROM maintenance_plans",
            "UPDATE assets SET archived_at = 'now'",
        ];
        for sql in changes {
            conn.execute_batch(sql).unwrap();
            assert!(pending(&conn).unwrap(), "not noted: {sql}");
            flush(&conn).unwrap();
            assert!(!pending(&conn).unwrap());
            assert_eq!(entries(&conn), source(&conn), "after {sql}");
        }
        assert!(
            entries(&conn).is_empty(),
            "an archived asset has no entries"
        );
    }

    #[test]
    fn many_noted_assets_rebuild_the_whole_table_and_few_their_own_rows_to_the_same_result() {
        let conn = register();
        conn.execute_batch(
            "INSERT INTO assets (tag, name, category_id, end_of_life, created_at, updated_at)
             WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 50)
             SELECT 'T-' || value, 'Kit ' || value, 2, '2027-02-0' || (value % 9 + 1), 'now', 'now'
             FROM n;",
        )
        .unwrap();
        flush(&conn).unwrap();
        assert_eq!(entries(&conn).len(), 54);
        assert_eq!(entries(&conn), source(&conn));
        // One asset among 51: rebuilt alone, with the same outcome.
        conn.execute_batch("UPDATE assets SET end_of_life = '2030-01-01' WHERE tag = 'T-7'")
            .unwrap();
        let before = entries(&conn);
        flush(&conn).unwrap();
        assert_ne!(entries(&conn), before);
        assert_eq!(entries(&conn), source(&conn));
    }

    #[test]
    fn the_log_says_which_assets_changed_until_it_no_longer_reaches_back() {
        let conn = register();
        flush(&conn).unwrap(); // the first asset: rebuilt whole (1 of 1 noted)
        assert_eq!(changed_since(&conn, 0).unwrap(), None);
        let start = log_position(&conn).unwrap();
        conn.execute_batch(
            "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 100)
             INSERT INTO assets (tag, name, category_id, created_at, updated_at)
             SELECT 'T-' || value, 'Kit', 2, 'now', 'now' FROM n;",
        )
        .unwrap();
        conn.execute_batch(
            "UPDATE assets SET end_of_life = '2027-01-01' WHERE tag IN ('T-3', 'T-9')",
        )
        .unwrap();
        flush(&conn).unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM assets WHERE tag IN ('T-3', 'T-9') ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(changed_since(&conn, start).unwrap(), Some(ids));
        assert_eq!(
            changed_since(&conn, log_position(&conn).unwrap()).unwrap(),
            Some(vec![])
        );
        // Past what the log keeps, the answer is "not known".
        conn.execute(
            "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value <= ?1)
             INSERT INTO due_log (asset_id) SELECT 1 FROM n",
            [LOG_KEPT],
        )
        .unwrap();
        prune_log(&conn).unwrap();
        assert_eq!(changed_since(&conn, start).unwrap(), None);
    }

    #[test]
    fn a_reader_inside_a_transaction_is_told_to_read_the_definition() {
        let mut conn = register();
        let tx = conn.transaction().unwrap();
        assert!(!ready(&tx).unwrap());
        tx.commit().unwrap();
        assert!(ready(&conn).unwrap());
        assert!(!pending(&conn).unwrap());
    }
}
