//! Keeps `due_entries` (schema v5) equal to its definition, the view
//! `due_source`: triggers note each asset whose entries may have changed in
//! `due_dirty`, and [`flush`] rebuilds the entries of the noted assets. Every
//! write transaction of the register flushes before it commits; a reader
//! that still finds noted assets (a write from outside Tend's API) flushes
//! first or, when it cannot write, reads `due_source` itself.

use crate::store::sql::{Connection, Store};
use crate::Result;

/// Above this share of all assets (1 in N noted), one rebuild of the whole
/// table is cheaper than rebuilding asset by asset. Measured on the
/// 100,000-asset demo register (`cargo xtask bench bulk`): the whole table
/// 3.4 s, asset by asset about 0.15 ms each, so they meet near 1 in 4.5;
/// at 1 in 20, 10,000 scattered status changes took 4.3 s, at 1 in 5 2.4 s.
const WHOLE_TABLE_SHARE: i64 = 5;

/// Up to this many noted assets, each is rebuilt alone.
const ONE_BY_ONE: i64 = 64;

/// Whether some asset's entries wait to be rebuilt.
pub(crate) fn pending(conn: &Connection) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM due_dirty)")?
        .query_row([], |r| r.get(0))
}

/// Rebuilds the entries of every noted asset and clears the notes. Call
/// inside the write transaction, before it commits.
///
/// The cost follows the assets noted, not the register: a few are rebuilt
/// one by one; many with neighbouring ids (the new assets of an import) as
/// one range of ids, set-based; many scattered over a large share of the
/// register by rebuilding the whole table.
pub(crate) fn flush(conn: &Connection) -> Result<()> {
    if !pending(conn)? {
        return Ok(());
    }
    let (noted, low, high, assets): (i64, i64, i64, i64) = conn.query_row(
        // The assets counted from asset_counts: a count over the assets
        // table reads every row on PostgreSQL.
        "SELECT count(*), min(asset_id), max(asset_id),
                (SELECT coalesce(sum(n), 0) FROM asset_counts)
         FROM due_dirty",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if noted > ONE_BY_ONE && high - low < 2 * noted {
        // At least every other id in the range is noted: rebuilding the
        // others too gives them the entries they have.
        conn.execute(
            "DELETE FROM due_entries WHERE asset_id BETWEEN ?1 AND ?2",
            [low, high],
        )?;
        fill(conn, rebuild_range(conn.store()), [low, high])?;
        if noted > LOG_KEPT {
            conn.execute("INSERT INTO due_log (asset_id) VALUES (NULL)", [])?;
        } else {
            conn.execute(
                "INSERT INTO due_log (asset_id) SELECT asset_id FROM due_dirty ORDER BY asset_id",
                [],
            )?;
        }
        conn.execute("DELETE FROM due_dirty", [])?;
        return prune_log(conn);
    }
    if noted > ONE_BY_ONE && noted.saturating_mul(WHOLE_TABLE_SHARE) > assets {
        // Unsorted: sorting 150,000 rows first cost more (0.92 s) than
        // inserting them in asset order (0.74 s).
        conn.execute("DELETE FROM due_entries", [])?;
        fill(conn, "INSERT INTO due_entries SELECT * FROM due_source", [])?;
        conn.execute_batch(
            "DELETE FROM due_dirty;
             INSERT INTO due_log (asset_id) VALUES (NULL);",
        )?;
        return prune_log(conn);
    }
    // Each noted asset, and whether the view lists it at all (every branch
    // of `due_source` asks this of the asset): one that is retired, gone
    // or archived only loses its entries, without asking the view. Each
    // asset is looked up by id: PostgreSQL, planning a join with a
    // `due_dirty` it has no statistics for (it is empty between writes),
    // hashed every asset (17 ms a write at 100,000 assets).
    let noted: Vec<(i64, bool)> = conn
        .prepare_cached(
            "SELECT d.asset_id,
                    coalesce((SELECT a.archived_at IS NULL
                                     AND a.status IN ('in_service', 'in_repair', 'spare')
                              FROM assets a WHERE a.id = d.asset_id), FALSE)
             FROM due_dirty d",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // One asset at a time: SQLite pushes `asset_id = ?` into each branch of
    // the view (an IN over due_dirty would read every asset in use).
    let mut delete = conn.prepare_cached("DELETE FROM due_entries WHERE asset_id = ?1")?;
    let mut insert = conn
        .prepare_cached("INSERT INTO due_entries SELECT * FROM due_source WHERE asset_id = ?1")?;
    let mut log = conn.prepare_cached("INSERT INTO due_log (asset_id) VALUES (?1)")?;
    for (id, listed) in noted {
        delete.execute([id])?;
        if listed {
            insert.execute([id])?;
        }
        log.execute([id])?;
    }
    conn.execute("DELETE FROM due_dirty", [])?;
    prune_log(conn)
}

/// Runs `insert`, which fills due_entries. Into an empty table of a file
/// (a first import, a whole rebuild), the secondary indexes are dropped
/// first and built once afterwards, sorted, instead of row by row: for
/// 135,000 entries 1.14 s instead of 1.31 s.
fn fill<P: crate::store::sql::Params>(conn: &Connection, insert: &str, params: P) -> Result<()> {
    let empty = conn.store() == Store::Sqlite
        && conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM due_entries)", [], |r| {
            r.get::<bool>(0)
        })?;
    let indexes: Vec<(String, String)> = if empty {
        conn.prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND tbl_name = 'due_entries' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?
    } else {
        Vec::new()
    };
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    conn.execute(insert, params)?;
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

/// Inserts the entries of the assets with ids from ?1 to ?2.
fn rebuild_range(store: Store) -> &'static str {
    match store {
        // Without statistics SQLite would rather read each branch through
        // the status index (every asset in use) than the range of ids; the
        // likelihood tells it how few rows the range holds.
        Store::Sqlite => {
            "INSERT INTO due_entries SELECT * FROM due_source
             WHERE likelihood(asset_id BETWEEN ?1 AND ?2, 0.0001)"
        }
        Store::Postgres => {
            "INSERT INTO due_entries SELECT * FROM due_source WHERE asset_id BETWEEN ?1 AND ?2"
        }
    }
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

    /// Adds `n` assets with an end of life (`kit-1` …), each noted.
    fn add_assets(conn: &Connection, n: i64) {
        add_assets_from(conn, 0, n);
    }

    /// Adds assets `kit-(after + 1)` to `kit-(after + n)`.
    fn add_assets_from(conn: &Connection, after: i64, n: i64) {
        conn.execute(
            "INSERT INTO assets (tag, name, category_id, end_of_life, created_at, updated_at)
             WITH RECURSIVE n(value) AS (SELECT ?1 + 1 UNION ALL SELECT value + 1 FROM n WHERE value < ?1 + ?2)
             SELECT 'kit-' || value, 'Kit ' || value, 2, '2027-02-0' || (value % 9 + 1), 'now', 'now'
             FROM n",
            [after, n],
        )
        .unwrap();
    }

    /// Marks the entries of one asset, behind the triggers' back, so that a
    /// test sees whether a flush rebuilt them.
    fn mark(conn: &Connection, tag: &str) {
        conn.execute(
            "UPDATE due_entries SET title = 'not rebuilt' WHERE tag = ?1",
            [tag],
        )
        .unwrap();
    }

    fn marked(conn: &Connection) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM due_entries WHERE title = 'not rebuilt'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn new_assets_are_rebuilt_as_one_range_and_the_other_entries_are_left_alone() {
        let conn = register();
        add_assets(&conn, 300);
        flush(&conn).unwrap();
        assert_eq!(entries(&conn), source(&conn));
        mark(&conn, "kit-5");
        mark(&conn, "kit-300");
        let start = log_position(&conn).unwrap();
        add_assets_from(&conn, 301, 200); // an import's new assets: ids 302 to 501
        flush(&conn).unwrap();
        assert_eq!(
            marked(&conn),
            2,
            "a rebuild of new assets touched older entries"
        );
        // Unmarked, they are what their definition says.
        conn.execute(
            "UPDATE due_entries SET title = 'End of life' WHERE title = 'not rebuilt'",
            [],
        )
        .unwrap();
        assert_eq!(entries(&conn), source(&conn));
        let logged = changed_since(&conn, start)
            .unwrap()
            .expect("the new assets are logged");
        assert_eq!(logged, (302..=501).collect::<Vec<i64>>());
    }

    fn indexes(conn: &Connection) -> Vec<String> {
        conn.prepare(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'due_entries' AND type = 'index' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn entries_written_into_an_empty_table_leave_its_indexes_as_they_were() {
        let conn = register();
        let before = indexes(&conn);
        assert_eq!(before.len(), 3, "{before:#?}");
        conn.execute_batch("DELETE FROM due_entries").unwrap();
        add_assets(&conn, 300);
        flush(&conn).unwrap();
        assert_eq!(indexes(&conn), before);
        assert_eq!(entries(&conn), source(&conn));
        // The indexes answer: an asset's entries are found through them.
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM due_entries INDEXED BY due_entries_asset WHERE asset_id = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
    }

    #[test]
    fn a_range_is_read_through_the_ids_not_through_every_asset_in_use() {
        let conn = register();
        let plan: Vec<String> = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                rebuild_range(Store::Sqlite)
            ))
            .unwrap()
            .query_map([1, 2], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let through_status: Vec<&String> = plan
            .iter()
            .filter(|l| l.contains("assets_status"))
            .collect();
        assert!(through_status.is_empty(), "{plan:#?}");
        assert!(
            plan.iter().any(|l| l.contains("rowid>? AND rowid<?")),
            "{plan:#?}"
        );
    }

    #[test]
    fn many_scattered_assets_rebuild_the_whole_table_and_few_their_own_rows_to_the_same_result() {
        let conn = register();
        add_assets(&conn, 300);
        flush(&conn).unwrap();
        // Every third asset: too scattered for a range, a third of them all.
        conn.execute_batch("UPDATE assets SET end_of_life = '2031-01-01' WHERE id % 3 = 0")
            .unwrap();
        let start = log_position(&conn).unwrap();
        flush(&conn).unwrap();
        assert_eq!(entries(&conn), source(&conn));
        assert_eq!(changed_since(&conn, start).unwrap(), None, "rebuilt whole");
        // One asset among 301: rebuilt alone, with the same outcome.
        mark(&conn, "kit-9");
        conn.execute_batch("UPDATE assets SET end_of_life = '2030-01-01' WHERE tag = 'kit-7'")
            .unwrap();
        let before = entries(&conn);
        flush(&conn).unwrap();
        assert_ne!(entries(&conn), before);
        assert_eq!(marked(&conn), 1, "one asset's change rebuilt others");
    }

    fn noted(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM due_dirty", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn an_asset_is_noted_only_when_what_its_entries_hold_changes() {
        let conn = register();
        flush(&conn).unwrap();
        let noted_after = |sql: &str| {
            conn.execute_batch(sql).unwrap();
            let n = noted(&conn);
            flush(&conn).unwrap();
            assert_eq!(entries(&conn), source(&conn), "after {sql}");
            n
        };
        // Between two listed statuses, or a column written with its own
        // value: the entries are the same, nothing is rebuilt.
        assert_eq!(
            noted_after("UPDATE assets SET status = 'in_repair' WHERE id = 1"),
            0
        );
        assert_eq!(noted_after("UPDATE assets SET status = 'spare', tag = tag, name = name, location_id = location_id WHERE id = 1"), 0);
        // Leaving the listed statuses, and coming back.
        assert_eq!(
            noted_after("UPDATE assets SET status = 'retired' WHERE id = 1"),
            1
        );
        assert!(entries(&conn).is_empty());
        assert_eq!(
            noted_after("UPDATE assets SET status = 'in_service' WHERE id = 1"),
            1
        );
        assert!(!entries(&conn).is_empty());
        // A tag's case is shown, though tags compare without it.
        assert_eq!(noted_after("UPDATE assets SET tag = 'a-1' WHERE id = 1"), 1);
        for sql in [
            "UPDATE assets SET name = 'Core switch 2' WHERE id = 1",
            "UPDATE assets SET location_id = NULL WHERE id = 1",
            "UPDATE assets SET assigned_to_id = NULL WHERE id = 1",
            "UPDATE assets SET category_id = 2 WHERE id = 1",
            "UPDATE assets SET end_of_life = '2028-01-01' WHERE id = 1",
            "UPDATE assets SET end_of_support = '2028-01-01' WHERE id = 1",
            "UPDATE assets SET archived_at = 'now' WHERE id = 1",
        ] {
            assert_eq!(noted_after(sql), 1, "{sql}");
        }
    }

    #[test]
    fn the_log_says_which_assets_changed_until_it_no_longer_reaches_back() {
        let conn = register();
        flush(&conn).unwrap(); // the first asset, rebuilt alone
        assert_eq!(changed_since(&conn, 0).unwrap(), Some(vec![1]));
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
