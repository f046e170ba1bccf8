//! Database upkeep: the integrity check and the online backup.

use crate::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the maintained
/// asset counts against the assets themselves; one line per
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
    let mut stmt = conn.prepare(
        "SELECT s.status, s.category_id, s.archived, s.n, ifnull(c.n, 0)
         FROM (SELECT status, category_id, archived_at IS NOT NULL AS archived, count(*) AS n
               FROM assets GROUP BY 1, 2, 3) s
         LEFT JOIN asset_counts c USING (status, category_id, archived)
         WHERE s.n IS NOT ifnull(c.n, 0)
         UNION ALL
         SELECT c.status, c.category_id, c.archived, 0, c.n FROM asset_counts c
         WHERE c.n > 0 AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.status = c.status
               AND a.category_id = c.category_id AND (a.archived_at IS NOT NULL) = c.archived)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "asset_counts: status {} category {} archived {} holds {} but {} assets match",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(4)?,
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
