//! Whole tables of a team register in COPY text form: `COPY … TO STDOUT` in
//! key order to read, `COPY … FROM STDIN` to write — PostgreSQL's fastest
//! paths, used by `tend db copy`.

use super::connect::server_error;
use super::ServerAddress;
use crate::store::content::{Table, SEEDED, TABLES};
use crate::{Error, Result};
use postgres::GenericClient;
use std::io::{BufRead, BufReader, Write};

/// The number of rows in each content table.
pub(crate) fn counts(
    client: &mut impl GenericClient,
    address: &ServerAddress,
) -> Result<Vec<(&'static str, u64)>> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = client
                .query_one(&format!("SELECT count(*) FROM {}", t.name), &[])
                .map_err(|e| server_error(address, &e))?
                .get(0);
            Ok((t.name, n as u64))
        })
        .collect()
}

/// Starts a read-only transaction: every table read until the connection
/// is dropped comes from one snapshot, whatever others write.
pub(crate) fn begin_snapshot(client: &mut postgres::Client, address: &ServerAddress) -> Result<()> {
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .map_err(|e| server_error(address, &e))
}

/// Calls `f` with each row of `table` as one COPY text line (with its
/// newline), in key order.
pub(crate) fn each_line(
    client: &mut impl GenericClient,
    address: &ServerAddress,
    table: &Table,
    f: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let reader = client
        .copy_out(&format!(
            "COPY (SELECT {} FROM {} ORDER BY {}) TO STDOUT",
            table.column_list(),
            table.name,
            table.key
        ))
        .map_err(|e| server_error(address, &e))?;
    let mut reader = BufReader::with_capacity(256 * 1024, reader);
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| lost(address, e))?;
        if n == 0 {
            return Ok(());
        }
        f(&line)?;
    }
}

/// Keeps every other writer out of the register while it is filled.
pub(crate) fn lock_for_copy_in(
    tx: &mut postgres::Transaction<'_>,
    address: &ServerAddress,
) -> Result<()> {
    let tables: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    tx.batch_execute(&format!(
        "LOCK TABLE {} IN EXCLUSIVE MODE",
        tables.join(", ")
    ))
    .map_err(|e| server_error(address, &e))
}

/// What a copy in set aside to put back at its end: the statements that
/// re-create the indexes and foreign keys it dropped.
pub(crate) struct SetAside(Vec<String>);

/// The start of a copy into this (empty) register, inside its transaction:
/// the seeded tables (categories, settings) are emptied, and the indexes
/// and foreign keys of the content tables are dropped, to be built once
/// over all the rows at the end (a million rows each checked and indexed
/// one by one took most of the copy's time). A failure rolls the drops back
/// with everything else.
pub(crate) fn prepare_copy_in(
    tx: &mut postgres::Transaction<'_>,
    address: &ServerAddress,
) -> Result<SetAside> {
    let err = |e: postgres::Error| server_error(address, &e);
    let tables: Vec<String> = TABLES.iter().map(|t| t.name.to_string()).collect();
    let mut restore = Vec::new();
    let mut drop = String::new();
    for row in tx
        .query(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
             FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE n.nspname = 'tend' AND c.contype = 'f'
               AND c.conrelid::regclass::text = ANY($1)
             ORDER BY 1, 2",
            &[&tables],
        )
        .map_err(err)?
    {
        let (table, name, def): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        drop.push_str(&format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\";"));
        restore.push(format!(
            "ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {def}"
        ));
    }
    for row in tx
        .query(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i
             WHERE i.schemaname = 'tend' AND i.tablename = ANY($1)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                               WHERE c.conname = i.indexname AND c.connamespace = 'tend'::regnamespace)
             ORDER BY 1",
            &[&tables],
        )
        .map_err(err)?
    {
        let (name, def): (String, String) = (row.get(0), row.get(1));
        drop.push_str(&format!("DROP INDEX \"{name}\";"));
        restore.push(def);
    }
    for table in SEEDED {
        drop.push_str(&format!("DELETE FROM {table};"));
    }
    // What the triggers keep (counts, the due list, the change counter) is
    // built once from all the rows at the end instead of row by row.
    for table in &tables {
        drop.push_str(&format!("ALTER TABLE {table} DISABLE TRIGGER USER;"));
    }
    // Room to build each index in memory at the end.
    drop.push_str("SET LOCAL maintenance_work_mem = '256MB';");
    tx.batch_execute(&drop).map_err(err)?;
    Ok(SetAside(restore))
}

/// Takes one COPY text line.
pub(crate) type LineSink<'a> = dyn FnMut(&[u8]) -> Result<()> + 'a;

/// Writes `table`'s rows, as COPY text lines given one by one to `feed`'s
/// callback, with one COPY.
pub(crate) fn copy_in(
    tx: &mut postgres::Transaction<'_>,
    address: &ServerAddress,
    table: &Table,
    feed: &mut dyn FnMut(&mut LineSink<'_>) -> Result<()>,
) -> Result<()> {
    let writer = tx
        .copy_in(&format!(
            "COPY {} ({}) FROM STDIN",
            table.name,
            table.column_list()
        ))
        .map_err(|e| server_error(address, &e))?;
    let mut writer = std::io::BufWriter::with_capacity(256 * 1024, writer);
    feed(&mut |line| writer.write_all(line).map_err(|e| lost(address, e)))?;
    let writer = writer
        .into_inner()
        .map_err(|e| lost(address, e.into_error()))?;
    writer
        .finish()
        .map_err(|e| match server_error(address, &e) {
            Error::Server { server, message } => Error::Server {
                server,
                message: format!("writing {}: {message}", table.name),
            },
            other => other,
        })?;
    Ok(())
}

/// The end of a copy in: each id sequence moved past the highest id copied
/// (the next row added gets a new id), and the indexes and foreign keys set
/// aside re-created over all the rows (checking every row at once).
pub(crate) fn finish_copy_in(
    tx: &mut postgres::Transaction<'_>,
    address: &ServerAddress,
    set_aside: SetAside,
) -> Result<()> {
    // Indexes first: the foreign keys' checks use them.
    let (keys, indexes): (Vec<String>, Vec<String>) = set_aside
        .0
        .into_iter()
        .partition(|sql| sql.starts_with("ALTER TABLE"));
    for sql in indexes.iter().chain(&keys) {
        tx.batch_execute(sql)
            .map_err(|e| server_error(address, &e))?;
    }
    for table in TABLES.iter().filter(|t| t.key == "id") {
        tx.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('tend.{0}', 'id'),
                           coalesce((SELECT max(id) FROM {0}), 0) + 1, false)",
            table.name
        ))
        .map_err(|e| server_error(address, &e))?;
    }
    let mut rebuild = String::from(
        "DELETE FROM asset_counts;
         INSERT INTO asset_counts (status, category_id, archived, n)
         SELECT status, category_id, (archived_at IS NOT NULL)::int, count(*)
         FROM assets GROUP BY 1, 2, 3;
         DELETE FROM due_dirty;
         DELETE FROM due_entries;
         INSERT INTO due_entries SELECT * FROM due_source;
         INSERT INTO due_log (asset_id) VALUES (NULL);
         UPDATE lookup_version SET v = v + 1;
         SELECT nextval('tend_changes');",
    );
    for table in TABLES {
        rebuild.push_str(&format!("ALTER TABLE {} ENABLE TRIGGER USER;", table.name));
    }
    // Statistics for the planner now rather than when autovacuum comes by.
    rebuild.push_str("ANALYZE assets, coverage, maintenance_plans, work_log, history, due_entries, asset_counts;");
    tx.batch_execute(&rebuild)
        .map_err(|e| server_error(address, &e))?;
    Ok(())
}

fn lost(address: &ServerAddress, e: std::io::Error) -> Error {
    Error::Unavailable {
        server: address.to_string(),
        message: format!("the connection to the server failed during the copy: {e}"),
    }
}
