//! Integrity checks of an open database: the full check behind `tend db
//! check`, and the quick one every open runs when the file may have been
//! damaged (see [`crate::presence`]).
//!
//! A damaged file makes SQLite stop a check part-way with "database disk
//! image is malformed". Each step here keeps what it found before it
//! stopped, says that it stopped, and the next step still runs: the user
//! gets the whole list, never only the last error.

use crate::store::sql;
use crate::Result;
use rusqlite::Connection;

/// Everything Tend keeps derived from the assets checked against them: the
/// counts and the kept due list; on a register file also `PRAGMA
/// integrity_check`, `PRAGMA foreign_key_check` and the search index (on a
/// team register the server enforces its keys and keeps its indexes). One
/// line per problem, empty when all is well.
pub(crate) fn full(conn: &sql::Connection) -> Result<Vec<String>> {
    let mut problems = conn.sqlite().map(sound).unwrap_or_default();
    counts(conn, &mut problems);
    if let Some(file) = conn.sqlite() {
        search_index(file, &mut problems);
    }
    due_entries(conn, &mut problems);
    Ok(problems)
}

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` only: what a
/// backup of any schema version must pass.
pub(crate) fn sound(conn: &Connection) -> Vec<String> {
    let mut problems = Vec::new();
    pragma_lines(
        conn,
        "PRAGMA integrity_check",
        "integrity check",
        &mut problems,
    );
    foreign_keys(conn, &mut problems);
    problems
}

/// `PRAGMA quick_check` and `PRAGMA foreign_key_check`: what an open runs.
/// It reads every page but skips the index-against-table comparison.
pub(crate) fn quick(conn: &Connection) -> Vec<String> {
    let mut problems = Vec::new();
    pragma_lines(conn, "PRAGMA quick_check", "quick check", &mut problems);
    foreign_keys(conn, &mut problems);
    problems
}

/// Runs a check pragma that answers "ok" or one line per problem.
fn pragma_lines(conn: &Connection, sql: &str, what: &str, problems: &mut Vec<String>) {
    let result = (|| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let line: String = row.get(0)?;
            if line != "ok" {
                problems.push(line);
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        problems.push(format!("the {what} stopped: {e}"));
    }
}

fn foreign_keys(conn: &Connection, problems: &mut Vec<String>) {
    let result = (|| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            problems.push(format!(
                "{} row {} refers to a missing {} (foreign key {})",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".into(), |id| id.to_string()),
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?
            ));
        }
        Ok(())
    })();
    if let Err(e) = result {
        problems.push(format!("the foreign key check stopped: {e}"));
    }
}

fn counts(conn: &sql::Connection, problems: &mut Vec<String>) {
    let result = (|| -> Result<()> {
        conn.prepare(
            "SELECT s.status, s.category_id, s.archived, s.n, coalesce(c.n, 0)
             FROM (SELECT status, category_id,
                          CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END AS archived,
                          count(*) AS n
                   FROM assets GROUP BY 1, 2, 3) s
             LEFT JOIN asset_counts c USING (status, category_id, archived)
             WHERE s.n <> coalesce(c.n, 0)
             UNION ALL
             SELECT c.status, c.category_id, c.archived, 0, c.n FROM asset_counts c
             WHERE c.n > 0 AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.status = c.status
                   AND a.category_id = c.category_id
                   AND CASE WHEN a.archived_at IS NULL THEN 0 ELSE 1 END = c.archived)",
        )?
        .each((), |r| {
            problems.push(format!(
                "asset_counts: status {} category {} archived {} holds {} but {} assets match",
                r.get::<String>(0)?,
                r.get::<i64>(1)?,
                r.get::<i64>(2)?,
                r.get::<i64>(4)?,
                r.get::<i64>(3)?
            ));
            Ok(true)
        })
    })();
    if let Err(e) = result {
        problems.push(format!("the asset count check stopped: {e}"));
    }
}

/// FTS5's own check of the search index against the assets it indexes.
fn search_index(conn: &Connection, problems: &mut Vec<String>) {
    if let Err(e) = conn.execute(
        "INSERT INTO assets_fts (assets_fts, rank) VALUES ('integrity-check', 1)",
        [],
    ) {
        problems.push(format!("the search index does not match the assets: {e}"));
    }
}

/// The kept due list against its definition, for every asset not waiting
/// to be rebuilt (see `due_entries`).
fn due_entries(conn: &sql::Connection, problems: &mut Vec<String>) {
    let result = conn.query_row(
        "WITH kept AS (SELECT * FROM due_entries WHERE asset_id NOT IN (SELECT asset_id FROM due_dirty)),
              wanted AS (SELECT * FROM due_source WHERE asset_id NOT IN (SELECT asset_id FROM due_dirty))
         SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM wanted) AS extra),
                (SELECT count(*) FROM (SELECT * FROM wanted EXCEPT SELECT * FROM kept) AS missing)",
        (),
        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
    );
    match result {
        Ok((0, 0)) => {}
        Ok((extra, missing)) => problems.push(format!(
            "due_entries: {extra} kept item(s) no longer due and {missing} due item(s) missing"
        )),
        Err(e) => problems.push(format!("the due list check stopped: {e}")),
    }
}
