//! The SQL side of backups and restores: copying a register into a new file
//! in one read transaction, checking a copy, and emptying the write-ahead log
//! before a restore replaces the file. The folder, names, retention and the
//! file moves are in [`crate::backups`].

use super::connection::APPLICATION_ID;
use crate::backups::BackupStop;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Writes a compact copy of the database behind `conn` to `dest`, which must
/// not exist. `VACUUM INTO` reads everything inside one read transaction, so
/// it finishes in a bounded time however often other programs commit (the
/// online backup API starts again after every commit by another connection).
pub(crate) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    let target = dest.to_str().ok_or_else(|| Error::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::other("the backup folder's path is not valid UTF-8"),
    })?;
    conn.execute("VACUUM INTO ?1", [target])
        .map(|_| ())
        .map_err(|e| match Error::from(e) {
            e @ (Error::Damaged { .. } | Error::Busy { .. }) => e,
            other => Error::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::other(other.to_string()),
            },
        })
}

/// What a copy of a register holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopyFacts {
    pub schema_version: i64,
    /// `PRAGMA integrity_check` and `foreign_key_check`: empty when sound.
    pub problems: Vec<String>,
    /// The time of the newest history entry (RFC 3339), if any.
    pub newest_change: Option<String>,
}

/// Opens `path` read-only and checks it. A file that is not a Tend database
/// is an `Incompatible` error.
///
/// `stop` may interrupt the check (a backup being stopped): its answer is
/// then not to be trusted, and the caller asks `stop` first.
pub(crate) fn inspect_copy(path: &Path, stop: &BackupStop) -> Result<CopyFacts> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    stop.working_through(&conn)?;
    let not_tend = |why: &str| Error::Incompatible {
        path: path.to_path_buf(),
        message: format!("not a Tend backup ({why})"),
    };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| not_tend("not an SQLite database"))?;
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID || schema_version == 0 {
        return Err(not_tend("an SQLite file of another program"));
    }
    let problems = super::integrity::sound(&conn);
    let newest_change = conn
        .query_row("SELECT max(at) FROM history", [], |r| r.get(0))
        .unwrap_or(None);
    Ok(CopyFacts {
        schema_version,
        problems,
        newest_change,
    })
}

/// True when the register behind `conn` holds nothing worth a backup: no
/// schema yet (an empty file, or one whose first opening has not committed
/// its schema), or no row outside the tables every new register is seeded
/// with (categories, settings) — what `tend db copy` calls an empty target.
/// Reads only; a content table an older schema lacks counts as empty.
pub(crate) fn holds_nothing(conn: &Connection) -> Result<bool> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        return Ok(true);
    }
    for table in super::content::TABLES {
        if super::content::SEEDED.contains(&table.name) {
            continue;
        }
        let held: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table.name],
            |r| r.get(0),
        )? && conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {})", table.name),
            [],
            |r| r.get(0),
        )?;
        if held {
            return Ok(false);
        }
    }
    Ok(true)
}

/// How many history entries of the register behind `conn` are newer than
/// `since` (RFC 3339): what a restore of a copy taken then would undo.
pub(crate) fn changes_since(conn: &Connection, since: Option<&str>) -> Result<u64> {
    let n: i64 = match since {
        Some(at) => conn.query_row("SELECT count(*) FROM history WHERE at > ?1", [at], |r| {
            r.get(0)
        })?,
        None => conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?,
    };
    Ok(n as u64)
}

/// Moves everything in the write-ahead log into the database file and
/// empties the log, so the file alone holds the register. Fails when
/// another connection still reads or writes.
pub(crate) fn checkpoint_fully(conn: &Connection) -> Result<()> {
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        return Err(Error::Busy {
            waited_ms: 0,
            holders: Vec::new(),
        });
    }
    Ok(())
}
