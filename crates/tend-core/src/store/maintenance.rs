//! Database upkeep: the integrity check and the online backup.

use crate::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; one line per
/// problem, empty when all is well.
pub(crate) fn check(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} row {} refers to a missing {} (foreign key {})",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?
                .map_or("?".into(), |id| id.to_string()),
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?
        ))
    })?;
    for row in rows {
        problems.push(row?);
    }
    Ok(problems)
}

/// Copies the whole database to `dest` with SQLite's online backup, which is
/// consistent even while other connections write. `dest` is replaced.
pub(crate) fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("the directory {} does not exist", dir.display()),
                ),
            });
        }
    }
    conn.backup(
        rusqlite::MAIN_DB,
        dest,
        None::<fn(rusqlite::backup::Progress)>,
    )
    .map_err(|e| Error::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })
}
