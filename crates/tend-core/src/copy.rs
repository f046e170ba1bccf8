//! `tend db copy FROM TO`: a whole register moved between any two stores —
//! file to server when a team starts sharing, server to file for an offline
//! copy or a way back. The target must be empty; everything is written in
//! one transaction; and before it commits, every table is read back from the
//! target and compared byte for byte (SHA-256 of its rows in COPY text form)
//! with what was read from the source, so history keeps its times and
//! authors and nothing is changed on the way.

use crate::location::Location;
use crate::store::content::{self, Table, TABLES};
use crate::store::postgres::{self, rows as pg_rows, schema, Server, ServerAddress};
use crate::store::rows as file_rows;
use crate::{Error, Register, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What a copy moved: rows per table, and the SHA-256 of all of them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CopyReport {
    pub from: String,
    pub to: String,
    pub tables: Vec<TableCopied>,
    /// SHA-256 over every table's rows, in table order: equal on both sides.
    pub sha256: String,
}

/// One table of a copy.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TableCopied {
    pub table: &'static str,
    pub rows: u64,
}

/// A register opened for reading its tables whole.
enum Source {
    File(Box<Register>),
    Server(Box<Server>),
}

impl Source {
    fn open(location: &Location) -> Result<Source> {
        match location {
            Location::File(path) => {
                if !path.exists() {
                    return Err(Error::not_found("register file", path.display()));
                }
                Ok(Source::File(Box::new(Register::open(path)?)))
            }
            Location::Server(address) => {
                let mut server = postgres::connect(address)?;
                schema::open(&mut server)?;
                Ok(Source::Server(Box::new(server)))
            }
        }
    }

    /// Reads every table from one snapshot, however others write meanwhile.
    fn begin_snapshot(&mut self) -> Result<()> {
        match self {
            Source::File(reg) => file_rows::begin_snapshot(reg.conn.require_sqlite("copying")?),
            Source::Server(s) => {
                let address = s.address.clone();
                pg_rows::begin_snapshot(&mut s.client, &address)
            }
        }
    }

    fn each_line(&mut self, table: &Table, f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        match self {
            Source::File(reg) => {
                file_rows::each_line(reg.conn.require_sqlite("copying")?, table, f)
            }
            Source::Server(s) => {
                let address = s.address.clone();
                pg_rows::each_line(&mut s.client, &address, table, f)
            }
        }
    }
}

/// Per-table digests of what was read, to compare with the target.
struct Tally {
    rows: u64,
    hash: Sha256,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            rows: 0,
            hash: Sha256::new(),
        }
    }
    fn add(&mut self, line: &[u8]) {
        self.rows += 1;
        self.hash.update(line);
    }
}

/// Copies the register at `from` into the empty register at `to`.
pub fn copy(from: &Location, to: &Location) -> Result<CopyReport> {
    if let (Location::File(a), Location::File(b)) = (from, to) {
        if same_file(a, b) {
            return Err(Error::validation(
                "to",
                "the source and the target are the same file",
            ));
        }
    }
    let mut source = Source::open(from)?;
    source.begin_snapshot()?;
    let copied = match to {
        Location::File(path) => copy_to_file(&mut source, path)?,
        Location::Server(address) => copy_to_server(&mut source, address)?,
    };
    let mut total = Sha256::new();
    let mut tables = Vec::new();
    for (table, tally) in copied {
        total.update(tally.hash.finalize());
        tables.push(TableCopied {
            table: table.name,
            rows: tally.rows,
        });
    }
    Ok(CopyReport {
        from: from.to_string(),
        to: to.to_string(),
        tables,
        sha256: format!("{:x}", total.finalize()),
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The refusal for a target that already holds a register's content.
fn not_empty(to: &str, counts: &[(&'static str, u64)]) -> Option<Error> {
    let held: Vec<String> = counts
        .iter()
        .filter(|(t, n)| *n > 0 && !content::SEEDED.contains(t))
        .map(|(t, n)| format!("{n} {}", noun(t)))
        .collect();
    (!held.is_empty()).then(|| {
        Error::validation(
            "to",
            format!(
                "{to} is not empty (it holds {}); a copy only goes into an empty register, \
                 so nothing was changed",
                held.join(", ")
            ),
        )
    })
}

/// What a table's rows are called in a message.
fn noun(table: &str) -> String {
    match table {
        "coverage" => "coverage records".into(),
        "work_log" => "work-log entries".into(),
        "history" => "history entries".into(),
        "plan_events" => "plan events".into(),
        "plan_templates" => "plan templates".into(),
        other => other.replace('_', " "),
    }
}

fn mismatch(to: &str, table: &Table, sent: &Tally, found: &Tally) -> Error {
    Error::Internal {
        what: format!("copying into {to}"),
        message: format!(
            "table {} reads back differently from what was written ({} rows sent, {} found); \
             nothing was written",
            table.name, sent.rows, found.rows
        ),
    }
}

fn copy_to_server(
    source: &mut Source,
    address: &ServerAddress,
) -> Result<Vec<(&'static Table, Tally)>> {
    let mut server = postgres::connect(address)?;
    if schema::state(&mut server)? == schema::SchemaState::Empty {
        schema::init(&mut server)?;
    } else {
        schema::open(&mut server)?;
    }
    let to = address.to_string();
    let err = |e: ::postgres::Error| postgres::connect::server_error(address, &e);
    let mut tx = server.client.transaction().map_err(err)?;
    pg_rows::lock_for_copy_in(&mut tx, address)?;
    if let Some(e) = not_empty(&to, &pg_rows::counts(&mut tx, address)?) {
        return Err(e);
    }
    let set_aside = pg_rows::prepare_copy_in(&mut tx, address)?;
    let mut copied = Vec::new();
    for table in TABLES {
        let mut sent = Tally::new();
        pg_rows::copy_in(&mut tx, address, table, &mut |write| {
            source.each_line(table, &mut |line| {
                sent.add(line);
                write(line)
            })
        })?;
        copied.push((table, sent));
    }
    pg_rows::finish_copy_in(&mut tx, address, set_aside)?;
    for (table, sent) in &copied {
        let mut found = Tally::new();
        pg_rows::each_line(&mut tx, address, table, &mut |line| {
            found.add(line);
            Ok(())
        })?;
        if !same(sent, &found) {
            return Err(mismatch(&to, table, sent, &found));
        }
    }
    tx.commit().map_err(err)?;
    Ok(copied)
}

fn same(a: &Tally, b: &Tally) -> bool {
    a.rows == b.rows && a.hash.clone().finalize() == b.hash.clone().finalize()
}

fn copy_to_file(source: &mut Source, path: &Path) -> Result<Vec<(&'static Table, Tally)>> {
    let created = !path.exists();
    let result = fill_file(source, path);
    if result.is_err() && created {
        // Nothing of a failed copy stays behind: the file was new and empty.
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
    result
}

fn fill_file(source: &mut Source, path: &Path) -> Result<Vec<(&'static Table, Tally)>> {
    let mut target = Register::open(path)?;
    let to = path.display().to_string();
    if let Some(e) = not_empty(
        &to,
        &file_rows::counts(target.conn.require_sqlite("copying")?)?,
    ) {
        return Err(e);
    }
    let busy = target.busy_timeout_ms;
    let tx = target.begin_write()?;
    let lite = tx.require_sqlite("copying")?;
    file_rows::prepare_copy_in(lite)?;
    let mut copied = Vec::new();
    for table in TABLES {
        let mut sent = Tally::new();
        let mut writer = file_rows::TableWriter::new(lite, table)?;
        source.each_line(table, &mut |line| {
            sent.add(line);
            writer.write(line.strip_suffix(b"\n").unwrap_or(line))
        })?;
        copied.push((table, sent));
    }
    for (table, sent) in &copied {
        let mut found = Tally::new();
        file_rows::each_line(lite, table, &mut |line| {
            found.add(line);
            Ok(())
        })?;
        if !same(sent, &found) {
            return Err(mismatch(&to, table, sent, &found));
        }
    }
    Register::commit(tx, busy)?;
    Ok(copied)
}
