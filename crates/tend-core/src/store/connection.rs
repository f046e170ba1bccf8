//! The one place a connection is opened. Every connection — the desktop app's,
//! the CLI's, a test's — goes through [`open`], so every connection gets the
//! same pragmas: WAL journal, foreign keys on, synchronous NORMAL and a busy
//! timeout. Before anything is written the file is checked: a file that is not
//! SQLite, or that a newer Tend wrote, is refused and left byte-identical.

use super::migrations;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// `PRAGMA application_id` of a Tend database ("TEND").
pub const APPLICATION_ID: i64 = 0x5445_4E44;

/// How to open a database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Wait this long for another writer before failing with `Error::Busy`.
    pub busy_timeout_ms: u64,
    /// Create missing parent directories (only for the default database
    /// path; an explicitly named path in a missing directory is an error).
    pub create_dirs: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            busy_timeout_ms: super::BUSY_TIMEOUT_MS,
            create_dirs: false,
        }
    }
}

/// Opens `path` (creating an empty file if missing), refuses files that are
/// not SQLite, look damaged, or were written by a newer Tend (untouched,
/// write-ahead log included: they are looked at through a read-only
/// connection first, which never writes the log back into the file), then
/// sets the connection pragmas. The schema is not upgraded here: see
/// [`migrations::migrate`].
pub fn open(path: &Path, options: &OpenOptions) -> Result<Connection> {
    ensure_directory(path, options.create_dirs)?;
    if refuse_if_not_sqlite(path)? {
        probe_read_only(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| io_or_storage(path, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(options.busy_timeout_ms))?;
    refuse_if_foreign(&conn, path)?;
    apply_pragmas(&conn)?;
    Ok(conn)
}

/// Opens an existing register for writing, with the usual pragmas and no
/// checks of its kind (a restore setting the old file aside).
pub(crate) fn open_existing(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| io_or_storage(path, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    apply_pragmas(&conn)?;
    Ok(conn)
}

/// Opens an existing register read-only (listing its backups, counting
/// what a restore would lose). Nothing is written, not even on close.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| io_or_storage(path, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    Ok(conn)
}

/// Looks at an existing file through a read-only connection, so that a
/// refused file is left exactly as it was: a read-write connection would
/// move a write-ahead log left beside it into the file when it closes.
fn probe_read_only(path: &Path) -> Result<()> {
    let conn = open_read_only(path)?;
    refuse_if_foreign(&conn, path)
}

/// Every commit on the disk before it is acknowledged (`synchronous=FULL`).
pub fn set_full_durability(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    Ok(())
}

/// The `synchronous` level in force: 1 NORMAL, 2 FULL.
pub fn synchronous(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?)
}

/// SQLite's `data_version`: it changes whenever another connection (another
/// program or desk) commits to the database, never for this one's commits.
pub fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// The default: WAL with `synchronous=NORMAL`.
pub fn set_normal_durability(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
    Ok(())
}

/// A fresh in-memory database with the same pragmas (WAL does not apply).
pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    apply_pragmas(&conn)?;
    Ok(conn)
}

fn apply_pragmas(conn: &Connection) -> Result<()> {
    // journal_mode answers with the mode now in force; in memory it stays "memory".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    // Lists that look up rows by id all over the file otherwise pay a pread
    // system call and a copy for every page that misses the default 2 MiB
    // page cache: a 64 MiB cache (taken only as pages are read) keeps a
    // 100,000-asset register's hot pages. No memory map: with one (1 GiB
    // was tried) every page a query touched — and the kernel's neighbours of
    // it — counted in the process's resident memory (the 100,000-asset
    // inventory report peaked at 738 MB instead of 441 MB), and the register
    // and due-list benchmarks ran no faster.
    conn.execute_batch("PRAGMA cache_size = -65536; PRAGMA mmap_size = 0;")?;
    conn.set_prepared_statement_cache_capacity(64);
    // Keep cached statements prepared. Without the query planner stability
    // guarantee, SQLite (3.54) marks a bound parameter as "re-prepare when
    // rebound" whenever the planner looked at its value — a bound LIMIT, an
    // equality such as `status = :status` — and rusqlite clears the
    // bindings of every statement handed back to its cache, so each such
    // statement was parsed and planned again on every call (about a third
    // of a 50-row asset page). Tend keeps no ANALYZE statistics and uses no
    // LIKE on bound patterns, so the plans do not depend on bound values
    // anyway.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn ensure_directory(path: &Path, create_dirs: bool) -> Result<()> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    if create_dirs {
        return std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        });
    }
    Err(Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the directory {} does not exist", dir.display()),
        ),
    })
}

/// Refuses a file that is not SQLite; true when the file exists and has
/// content (so it is worth looking inside).
fn refuse_if_not_sqlite(path: &Path) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut head = Vec::with_capacity(512);
    (&mut file)
        .take(512)
        .read_to_end(&mut head)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if head.is_empty() {
        return Ok(false);
    }
    if head.starts_with(SQLITE_HEADER) {
        return Ok(true);
    }
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if looks_like_damaged_sqlite(path, &head, len) {
        return Err(Error::Damaged {
            path: Some(path.to_path_buf()),
            problems: vec![
                "its header (the first bytes of the file) is not readable, but the rest looks like an SQLite database".into(),
            ],
            newest_backup: crate::backups::newest_good_in_default_folder(path),
        });
    }
    Err(Error::Incompatible {
        path: path.to_path_buf(),
        message: "not a Tend database (not SQLite)".into(),
    })
}

/// A file whose first bytes are not SQLite's, but which still looks like an
/// SQLite database whose header was overwritten: the header's fixed payload
/// fractions (64, 32, 32 at bytes 21–23) are intact, or its size is whole
/// pages and the first page is a table b-tree page, or a write-ahead log
/// lies beside it.
fn looks_like_damaged_sqlite(path: &Path, head: &[u8], len: u64) -> bool {
    let fractions = head.get(21..24) == Some(&[64, 32, 32][..]);
    let first_page =
        len >= 1024 && len.is_multiple_of(512) && matches!(head.get(100), Some(0x0D | 0x05));
    let wal = std::fs::read(crate::presence::wal_path(path))
        .ok()
        .is_some_and(|w| w.len() >= 4 && matches!(w[..4], [0x37, 0x7f, 0x06, 0x82 | 0x83]));
    fractions || first_page || wal
}

/// Reads only the header fields; nothing is written.
fn refuse_if_foreign(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| incompatible_or_storage(path, e))?;
    let newest = migrations::latest_version();
    if version > newest {
        return Err(Error::Incompatible {
            path: path.to_path_buf(),
            message: format!(
                "written by a newer version of Tend (schema v{version}; this Tend understands up to v{newest}); \
                 the file was not changed — update Tend to open it"
            ),
        });
    }
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| incompatible_or_storage(path, e))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| incompatible_or_storage(path, e))?;
    let foreign_app = app_id != 0 && app_id != APPLICATION_ID;
    let foreign_schema = version == 0 && tables > 0;
    if foreign_app || foreign_schema {
        return Err(Error::Incompatible {
            path: path.to_path_buf(),
            message: "not a Tend database (an SQLite file of another program)".into(),
        });
    }
    Ok(())
}

fn incompatible_or_storage(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ffi::ErrorCode as C;
    match e.sqlite_error_code() {
        // The header said SQLite (checked before), so the file is damaged.
        Some(C::NotADatabase) | Some(C::DatabaseCorrupt) => Error::Damaged {
            path: Some(path.to_path_buf()),
            problems: vec![e.to_string()],
            newest_backup: crate::backups::newest_good_in_default_folder(path),
        },
        _ => Error::from(e),
    }
}

fn io_or_storage(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ffi::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::CannotOpen) | Some(C::PermissionDenied) | Some(C::ReadOnly) => Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => incompatible_or_storage(path, e),
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    /// A cached statement with bound parameters (an equality the planner
    /// looks at, a LIMIT) is not prepared again each time it is reused.
    #[test]
    fn cached_statements_are_not_reprepared_on_rebind() {
        let conn = super::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, d TEXT);
             CREATE INDEX t_s_d ON t (s, d);
             INSERT INTO t (s, d) VALUES ('a', '2024-01-01'), ('b', '2024-01-02');",
        )
        .unwrap();
        let sql = "SELECT id FROM t WHERE s = :s AND d IS NOT NULL ORDER BY d DESC LIMIT :limit";
        for (s, limit) in [("a", 50i64), ("b", 0), ("a", 10)] {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            let _: Vec<i64> = stmt
                .query_map(rusqlite::named_params! {":s": s, ":limit": limit}, |r| {
                    r.get(0)
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
        }
        let stmt = conn.prepare_cached(sql).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
