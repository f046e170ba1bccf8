//! Whole tables of a SQLite register in COPY text form (see copy_text.rs):
//! read out in key order, or written in, for `tend db copy`.

use super::content::{Kind, Table, TABLES};
use super::copy_text::{self, Cell};
use crate::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// The number of rows in each content table.
pub(crate) fn counts(conn: &Connection) -> Result<Vec<(&'static str, u64)>> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", t.name), [], |r| {
                r.get(0)
            })?;
            Ok((t.name, n as u64))
        })
        .collect()
}

/// Starts a read transaction: every table read until the connection is
/// dropped comes from one snapshot, whatever other programs write.
pub(crate) fn begin_snapshot(conn: &Connection) -> Result<()> {
    conn.execute_batch("BEGIN DEFERRED; SELECT count(*) FROM settings;")?;
    Ok(())
}

/// Calls `f` with each row of `table` as one COPY text line, in key order.
pub(crate) fn each_line(
    conn: &Connection,
    table: &Table,
    f: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.column_list(),
        table.name,
        table.key
    ))?;
    let mut rows = stmt.query([])?;
    let mut line = Vec::with_capacity(256);
    let mut cells = Vec::with_capacity(table.columns.len());
    while let Some(row) = rows.next()? {
        cells.clear();
        for (i, (column, _)) in table.columns.iter().enumerate() {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Int(n),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) if table.columns[i].1 == Kind::Blob => Cell::Bytes(b.to_vec()),
                other => {
                    return Err(Error::validation(
                        format!("{}.{column}", table.name),
                        format!(
                            "holds a {:?} value, which a register never stores",
                            other.data_type()
                        ),
                    ))
                }
            });
        }
        line.clear();
        copy_text::render(&cells, &mut line);
        f(&line)?;
    }
    Ok(())
}

/// The start of a copy into this (empty) register: foreign keys wait for
/// the commit (a location's parent may come after it), and the tables a
/// fresh register fills itself (categories, settings) are emptied.
pub(crate) fn prepare_copy_in(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for table in super::content::SEEDED {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// Writes COPY text lines into one table.
pub(crate) struct TableWriter<'c> {
    table: &'static Table,
    insert: rusqlite::Statement<'c>,
    line: u64,
}

impl<'c> TableWriter<'c> {
    pub fn new(conn: &'c Connection, table: &'static Table) -> Result<TableWriter<'c>> {
        let marks = vec!["?"; table.columns.len()].join(", ");
        let insert = conn.prepare(&format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            table.name,
            table.column_list()
        ))?;
        Ok(TableWriter {
            table,
            insert,
            line: 0,
        })
    }

    /// Writes one line (without its newline).
    pub fn write(&mut self, line: &[u8]) -> Result<()> {
        self.line += 1;
        let t = self.table;
        let at = |message: String| {
            Error::validation(
                t.name,
                format!("row {} of the source: {message}", self.line),
            )
        };
        let fields = copy_text::parse(line, t.columns.len()).map_err(at)?;
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(fields.len());
        for ((column, kind), field) in t.columns.iter().zip(fields) {
            values.push(match (kind, field) {
                (_, None) => rusqlite::types::Value::Null,
                (Kind::Int, Some(text)) => rusqlite::types::Value::Integer(
                    text.parse()
                        .map_err(|_| at(format!("{column} is not a whole number: {text:?}")))?,
                ),
                (Kind::Text, Some(text)) => rusqlite::types::Value::Text(text),
                (Kind::Blob, Some(text)) => rusqlite::types::Value::Blob(
                    copy_text::bytes(&text).map_err(|m| at(format!("{column}: {m}")))?,
                ),
            });
        }
        self.insert
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| at(e.to_string()))?;
        Ok(())
    }
}
