//! A bulk import of assets into a register file, with the per-row work
//! left to set-based statements: while the rows load, the triggers that
//! index a new asset for search, count it and note it for the due list are
//! dropped, and so are the assets' secondary indexes and each new asset's
//! "created" history entry (all inside the import's transaction, so a
//! rollback brings them back). [`Deferred::flush`] writes what was left
//! for the assets inserted so far; [`Deferred::end`] creates the dropped
//! triggers and indexes again before the commit.

use super::COVERAGE_IMPORTED;
use crate::model::*;
use crate::store::history::Stamp;
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::params;

/// FTS5 `automerge` while a bulk import builds the search index: the index
/// is written as a segment per megabyte of terms, and with the default (4)
/// FTS5 merges every four segments of a level as it goes, re-reading and
/// re-writing most of the index several times. Merging at 16 takes about
/// 15% less time (100,000 assets) and leaves a few more segments, which a
/// prefix search reads without measurable cost; the setting is put back
/// before commit.
const BULK_AUTOMERGE: i64 = 16;

/// FTS5's `automerge` when its configuration table has none.
const FTS5_DEFAULT_AUTOMERGE: i64 = 4;

/// Triggers a bulk import of assets replaces with set-based statements.
const DEFERRED_TRIGGERS: [&str; 3] = [
    "assets_fts_insert",
    "asset_counts_insert",
    "due_assets_insert",
];

/// What a bulk load of a register file left undone. Every asset with an
/// id above `done_upto` was inserted by this import and is not yet in the
/// search index, the counts, the due list's notes or the history.
pub(super) struct Deferred {
    done_upto: i64,
    /// Coverage of new assets was inserted: its "created" entries are
    /// written after their assets' own.
    coverage: bool,
    /// The triggers and secondary indexes dropped, to create again.
    schema: Vec<String>,
    /// The search index's own `automerge` setting before the import, if
    /// it had one (see [`BULK_AUTOMERGE`]).
    automerge: Option<i64>,
}

/// An index or trigger a bulk import drops while it loads.
struct DeferredSchema {
    name: String,
    trigger: bool,
    /// What creates it again.
    sql: String,
}

impl Deferred {
    /// Drops what the load defers, inside the import's transaction; also
    /// whether the register had no assets (a first import, when rows are
    /// not matched by serial number: then no row can match a stored asset,
    /// and the coverage's indexes and due-list trigger wait too).
    pub(super) fn begin(conn: &Connection, by_serial: bool) -> Result<(Deferred, bool)> {
        let done_upto: i64 =
            conn.query_row("SELECT coalesce(max(id), 0) FROM assets", [], |r| r.get(0))?;
        let fresh = done_upto == 0 && !by_serial;
        let mut deferred = deferred_schema(conn, "assets", &DEFERRED_TRIGGERS)?;
        if deferred.iter().filter(|d| d.trigger).count() != DEFERRED_TRIGGERS.len() {
            return Err(crate::Error::Internal {
                what: "import".into(),
                message: "the register's asset triggers are not those the importer expects".into(),
            });
        }
        if by_serial {
            // Rows are matched by serial number: keep the index that finds them.
            deferred.retain(|d| d.name != "assets_serial");
        }
        if fresh {
            // A first import: the only coverage it writes is its new
            // assets' own, noted for the due list with them; the coverage
            // indexes are built once at the end too.
            deferred.extend(deferred_schema(conn, "coverage", &["due_coverage_insert"])?);
        }
        for d in &deferred {
            let kind = if d.trigger { "TRIGGER" } else { "INDEX" };
            conn.execute_batch(&format!("DROP {kind} \"{}\"", d.name))?;
        }
        let automerge = conn.query_opt(
            "SELECT v FROM assets_fts_config WHERE k = 'automerge'",
            [],
            |r| r.get(0),
        )?;
        set_automerge(conn, BULK_AUTOMERGE)?;
        let deferred = Deferred {
            done_upto,
            coverage: false,
            schema: deferred.into_iter().map(|d| d.sql).collect(),
            automerge,
        };
        Ok((deferred, fresh))
    }

    /// Whether asset `id` was inserted by this import and is still waiting
    /// for its search entry, count and history.
    pub(super) fn pending(&self, id: i64) -> bool {
        id > self.done_upto
    }

    /// Notes that coverage of a pending asset was inserted: its "created"
    /// entry is written by the next flush, after its asset's.
    pub(super) fn coverage_inserted(&mut self) {
        self.coverage = true;
    }

    /// Writes the search index entries, counts, due-list notes and
    /// "created" history of the assets inserted since the last flush,
    /// set-based, in id order.
    pub(super) fn flush(&mut self, conn: &Connection, stamp: &Stamp) -> Result<()> {
        let from = self.done_upto;
        conn.execute(
            "INSERT INTO assets_fts (rowid, tag, name, serial, hostname, ip_address, mac_address, model, notes)
             SELECT id, tag, name, serial, hostname, ip_address, mac_address, model, notes
             FROM assets WHERE id > ?1 ORDER BY id",
            [from],
        )?;
        conn.execute(
            "INSERT INTO asset_counts (status, category_id, archived, n)
             SELECT status, category_id, archived_at IS NOT NULL, count(*)
             FROM assets WHERE id > ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
             ON CONFLICT (status, category_id, archived) DO UPDATE SET n = n + excluded.n",
            [from],
        )?;
        // Every new asset, for the due list: those without dates have no
        // entries to build, and the notes stay one range of ids.
        conn.execute(
            "INSERT OR IGNORE INTO due_dirty (asset_id) SELECT id FROM assets WHERE id > ?1 ORDER BY id",
            [from],
        )?;
        conn.execute(
            "INSERT INTO history (asset_id, entity, entity_id, action, at, summary, author)
             SELECT id, ?2, id, 'created', ?3, 'Asset imported: ' || tag || ' — ' || name, ?4
             FROM assets WHERE id > ?1 ORDER BY id",
            params![from, EntityKind::Asset.id(), stamp.at, stamp.author],
        )?;
        if std::mem::take(&mut self.coverage) {
            for kind in CoverageKind::ALL {
                conn.execute(
                    "INSERT INTO history (asset_id, entity, entity_id, action, at, summary, author)
                     SELECT asset_id, ?2, id, 'created', ?3, ?4 || ?5 || end_date, ?6
                     FROM coverage WHERE asset_id > ?1 AND kind = ?7 ORDER BY id",
                    params![
                        from,
                        EntityKind::Coverage.id(),
                        stamp.at,
                        kind.label(),
                        COVERAGE_IMPORTED,
                        stamp.author,
                        kind.id()
                    ],
                )?;
            }
        }
        self.done_upto =
            conn.query_row("SELECT coalesce(max(id), ?1) FROM assets", [from], |r| {
                r.get(0)
            })?;
        Ok(())
    }

    /// Puts back what [`Deferred::begin`] dropped (call after the last
    /// flush, before the commit).
    pub(super) fn end(self, conn: &Connection) -> Result<()> {
        restore_automerge(conn, self.automerge)?;
        for sql in &self.schema {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// The secondary indexes of `table`, and those of its triggers named in
/// `triggers`.
fn deferred_schema(
    conn: &Connection,
    table: &str,
    triggers: &[&str],
) -> Result<Vec<DeferredSchema>> {
    let mut found = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE tbl_name = ?1 AND sql IS NOT NULL AND type IN ('index', 'trigger')",
    )?;
    stmt.each([table], |r| {
        let trigger = r.get::<String>(0)? == "trigger";
        let name: String = r.get(1)?;
        if !trigger || triggers.contains(&name.as_str()) {
            found.push(DeferredSchema {
                name,
                trigger,
                sql: r.get(2)?,
            });
        }
        Ok(true)
    })?;
    Ok(found)
}

/// Sets the search index's `automerge` (kept in its configuration table).
fn set_automerge(conn: &Connection, value: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO assets_fts (assets_fts, rank) VALUES ('automerge', ?1)",
        [value],
    )?;
    Ok(())
}

/// Puts the search index's `automerge` back as it was before a bulk
/// import: the value it had, or no setting at all (FTS5's default, which
/// it is set to first so that this connection's FTS5 uses it too).
fn restore_automerge(conn: &Connection, previous: Option<i64>) -> Result<()> {
    set_automerge(conn, previous.unwrap_or(FTS5_DEFAULT_AUTOMERGE))?;
    if previous.is_none() {
        conn.execute("DELETE FROM assets_fts_config WHERE k = 'automerge'", [])?;
    }
    Ok(())
}
