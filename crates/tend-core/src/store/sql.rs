//! One connection for both stores: every `store/*.rs` runs its statements
//! through [`Connection`], whether the register is a SQLite file or a team
//! register on PostgreSQL.
//!
//! The surface is rusqlite's (prepare, query a row, map rows, execute), so
//! that a statement reads the same for both stores, and so are the values:
//! parameters are anything rusqlite can bind (`params!`, `named_params!`,
//! arrays), and a row's columns are read with rusqlite's `FromSql`. On
//! PostgreSQL, `?N` and `:name` placeholders become `$N` (once per statement,
//! which is then kept prepared), parameters are written in the type the
//! server expects, and every column is read back as SQLite would have
//! returned it (integer, real, text, blob or null; booleans as 0/1).
//!
//! A statement whose text differs by dialect asks [`Connection::store`] and
//! keeps one text per store next to each other.

use crate::store::postgres::values::{owned, to_postgres, AnyValue, PgValue};
use crate::store::postgres::{self, ServerAddress};
use crate::{Error, Result};
use ::postgres::types::ToSql as PgToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::ToSql;
use std::cell::RefCell;
use std::collections::HashMap;

/// Which store a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Sqlite,
    Postgres,
}

impl Store {
    /// What a column that ignores case (SQLite's `COLLATE NOCASE`,
    /// PostgreSQL's `citext`) is ordered by where an index should serve
    /// the order: the column itself on SQLite; on PostgreSQL its sort key,
    /// the generated column `{column}_key` (`lower(column)` in the "C"
    /// collation, which orders as citext does; schema v9 says why), for
    /// the asset columns that have one (tag, name, model, serial,
    /// hostname).
    pub(crate) fn nocase_key(self, column: &str) -> String {
        match self {
            Store::Sqlite => column.to_string(),
            Store::Postgres => format!("{column}_key"),
        }
    }

    /// A value compared with a [`Store::nocase_key`], as the key holds it.
    pub(crate) fn nocase_value(self, value: &str) -> String {
        match self {
            Store::Sqlite => value.to_string(),
            Store::Postgres => format!("lower({value}::text) COLLATE \"C\""),
        }
    }
}

/// An open register's connection.
pub enum Connection {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgConnection>),
}

/// A connection to a team register's server, with its prepared statements.
pub struct PgConnection {
    client: RefCell<::postgres::Client>,
    prepared: RefCell<HashMap<String, Prepared>>,
    /// Whether a transaction is open (begun through [`Connection`]).
    in_transaction: std::cell::Cell<bool>,
    pub(crate) address: ServerAddress,
    /// Whether the link is encrypted (TLS).
    pub(crate) encrypted: bool,
}

/// A statement prepared on the server, and the names of its `:name`
/// parameters in `$N` order (empty for positional parameters).
#[derive(Clone)]
struct Prepared {
    statement: ::postgres::Statement,
    names: Vec<String>,
}

/// The most statements a connection keeps prepared on the server.
const PREPARED_MAX: usize = 512;

impl PgConnection {
    pub(crate) fn new(server: postgres::Server) -> PgConnection {
        PgConnection {
            client: RefCell::new(server.client),
            prepared: RefCell::new(HashMap::new()),
            in_transaction: std::cell::Cell::new(false),
            address: server.address,
            encrypted: server.encrypted,
        }
    }

    fn error(&self, e: &::postgres::Error) -> Error {
        postgres::connect::server_error(&self.address, e)
    }

    /// Runs `f`; when it fails because the connection was lost (the server
    /// restarted, a network cut) while no transaction was open, so nothing
    /// of this register's work was in flight, connects again once and runs
    /// `f` again. Inside a transaction the loss is the caller's error
    /// (`Unavailable`: the server rolls the transaction back), and the next
    /// statement after it connects again.
    ///
    /// The server's last word (`terminating connection…`) can arrive
    /// before the client has seen the socket close: that error counts as
    /// a lost connection too.
    fn run<T>(&self, f: impl Fn() -> Result<T>) -> Result<T> {
        match f() {
            Err(e)
                if (self.client.borrow().is_closed() || matches!(e, Error::Unavailable { .. }))
                    && !self.in_transaction.get() =>
            {
                self.reconnect().map_err(|_| e)?;
                f()
            }
            other => other,
        }
    }

    /// A new session in place of a lost one.
    fn reconnect(&self) -> Result<()> {
        let server = postgres::connect(&self.address)?;
        *self.client.borrow_mut() = server.client;
        self.prepared.borrow_mut().clear();
        Ok(())
    }

    fn prepare(&self, sql: &str) -> Result<Prepared> {
        if let Some(p) = self.prepared.borrow().get(sql) {
            return Ok(p.clone());
        }
        let (text, names) = to_postgres(sql);
        let statement = self
            .client
            .borrow_mut()
            .prepare(&text)
            .map_err(|e| self.error(&e))?;
        let prepared = Prepared { statement, names };
        let mut kept = self.prepared.borrow_mut();
        // Statements differ by more than their values at times (a page's
        // size is written into it): start afresh rather than grow forever.
        if kept.len() >= PREPARED_MAX {
            kept.clear();
        }
        kept.insert(sql.to_string(), prepared.clone());
        Ok(prepared)
    }

    fn values(&self, prepared: &Prepared, params: &Bound<'_>) -> Result<Vec<PgValue>> {
        let convert = |p: &dyn ToSql| -> Result<PgValue> {
            Ok(PgValue(match p.to_sql()? {
                ToSqlOutput::Borrowed(v) => owned(v),
                ToSqlOutput::Owned(v) => v,
                other => {
                    return Err(Error::Internal {
                        what: "a statement for the team register".into(),
                        message: format!("a parameter PostgreSQL cannot take: {other:?}"),
                    })
                }
            }))
        };
        match params {
            Bound::Positional(values) => values.iter().map(|v| convert(*v)).collect(),
            Bound::Named(pairs) => {
                prepared
                    .names
                    .iter()
                    .map(|name| {
                        let (_, v) = pairs.iter().find(|(n, _)| n == name).ok_or_else(|| {
                            Error::Internal {
                                what: "a statement for the team register".into(),
                                message: format!("no value given for {name}"),
                            }
                        })?;
                        convert(*v)
                    })
                    .collect()
            }
        }
    }

    fn query(&self, sql: &str, params: &Bound<'_>) -> Result<Vec<Vec<Value>>> {
        self.run(|| self.query_once(sql, params))
    }

    fn query_once(&self, sql: &str, params: &Bound<'_>) -> Result<Vec<Vec<Value>>> {
        let prepared = self.prepare(sql)?;
        let values = self.values(&prepared, params)?;
        let refs: Vec<&(dyn PgToSql + Sync)> =
            values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect();
        let rows = self
            .client
            .borrow_mut()
            .query(&prepared.statement, &refs)
            .map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get::<_, AnyValue>(i)
                            .map(|v| v.0)
                            .map_err(|e| self.error(&e))
                    })
                    .collect()
            })
            .collect()
    }

    fn execute(&self, sql: &str, params: &Bound<'_>) -> Result<usize> {
        self.run(|| self.execute_once(sql, params))
    }

    fn execute_once(&self, sql: &str, params: &Bound<'_>) -> Result<usize> {
        let prepared = self.prepare(sql)?;
        let values = self.values(&prepared, params)?;
        let refs: Vec<&(dyn PgToSql + Sync)> =
            values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect();
        let n = self
            .client
            .borrow_mut()
            .execute(&prepared.statement, &refs)
            .map_err(|e| self.error(&e))?;
        Ok(n as usize)
    }

    /// Streams `data`, rows in COPY text form, through `statement` (a
    /// `COPY … FROM STDIN`) inside the open transaction; returns the rows
    /// written.
    pub(crate) fn copy_in(&self, statement: &str, data: &[u8]) -> Result<u64> {
        use std::io::Write;
        let mut client = self.client.borrow_mut();
        let mut writer = client.copy_in(statement).map_err(|e| self.error(&e))?;
        writer.write_all(data).map_err(|e| Error::Unavailable {
            server: self.address.to_string(),
            message: format!("the connection to the server was lost while writing: {e}"),
        })?;
        writer.finish().map_err(|e| self.error(&e))
    }

    /// Runs `sql` (several statements, no parameters) as it is.
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        self.run(|| {
            self.client
                .borrow_mut()
                .batch_execute(sql)
                .map_err(|e| self.error(&e))
        })
    }
}

impl Connection {
    /// Which store this is.
    pub fn store(&self) -> Store {
        match self {
            Connection::Sqlite(_) => Store::Sqlite,
            Connection::Postgres(_) => Store::Postgres,
        }
    }

    /// The SQLite connection, for what only a register file has (pragmas,
    /// integrity checks, backups); `None` on a server.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Some(c),
            Connection::Postgres(_) => None,
        }
    }

    /// The SQLite connection, for what `what` does only on a register file;
    /// an error naming it on a server.
    pub fn require_sqlite(&self, what: &str) -> Result<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Ok(c),
            Connection::Postgres(c) => Err(Error::Incompatible {
                path: c.address.to_string().into(),
                message: format!("{what} works on a register file only"),
            }),
        }
    }

    /// The PostgreSQL connection, for what only a team register does; an
    /// internal error on a file.
    pub(crate) fn require_postgres(&self) -> Result<&PgConnection> {
        self.postgres().ok_or_else(|| Error::Internal {
            what: "a team register's statement".into(),
            message: "asked of a register file".into(),
        })
    }

    /// The PostgreSQL connection; `None` for a file.
    pub fn postgres(&self) -> Option<&PgConnection> {
        match self {
            Connection::Sqlite(_) => None,
            Connection::Postgres(c) => Some(c),
        }
    }

    /// A statement, prepared once per connection.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(match self {
            Connection::Sqlite(c) => Statement::Sqlite(c.prepare_cached(sql)?),
            Connection::Postgres(c) => Statement::Postgres {
                conn: c,
                sql: sql.to_string(),
            },
        })
    }

    /// [`Connection::prepare_cached`]: statements are kept prepared anyway.
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare_cached(sql)
    }

    /// Runs one statement; returns the number of rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs several statements without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Connection::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Connection::Postgres(c) => c.batch(sql),
        }
    }

    /// The one row a statement returns (an error when it returns none).
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// The first row a statement returns, if any.
    pub fn query_opt<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<Option<T>>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_opt(params, f)
    }

    /// Starts a write transaction. On SQLite it is IMMEDIATE: it takes the
    /// write lock up front. On PostgreSQL it takes the register's write
    /// lock (an advisory transaction lock), so that writers follow one
    /// another as on SQLite and a rule checked in the transaction (a form's
    /// `updated_at`, a plan's occurrence) still holds when it commits.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.begin(true)
    }

    /// [`Connection::transaction`] through a shared reference.
    pub fn begin_write(&self) -> Result<Transaction<'_>> {
        self.begin(true)
    }

    /// Starts a transaction through a shared reference (a reader's
    /// snapshot, or a write whose caller holds the connection anyway).
    pub fn unchecked_transaction(&self) -> Result<Transaction<'_>> {
        self.begin(false)
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Connection::Sqlite(c) => c.is_autocommit(),
            Connection::Postgres(c) => !c.in_transaction.get(),
        }
    }

    fn set_in_transaction(&self, open: bool) {
        if let Connection::Postgres(c) = self {
            c.in_transaction.set(open);
        }
    }

    fn begin(&self, write: bool) -> Result<Transaction<'_>> {
        match (self, write) {
            (Connection::Sqlite(c), true) => c.execute_batch("BEGIN IMMEDIATE")?,
            (Connection::Sqlite(c), false) => c.execute_batch("BEGIN DEFERRED")?,
            (Connection::Postgres(c), true) => c.batch(&format!(
                "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
            ))?,
            (Connection::Postgres(c), false) => c.batch("BEGIN")?,
        }
        self.set_in_transaction(true);
        Ok(Transaction {
            conn: self,
            done: false,
        })
    }
}

/// The advisory lock every write on a team register takes (per database).
pub(crate) const WRITE_LOCK: i64 = 7_413_828_165;

/// An open transaction: rolled back when dropped without [`Transaction::commit`].
pub struct Transaction<'c> {
    conn: &'c Connection,
    done: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let result = self.conn.execute_batch("COMMIT");
        if result.is_err() {
            // A failed COMMIT leaves SQLite's transaction open (a busy
            // database): end it, so that the connection stays usable.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.conn.set_in_transaction(false);
        result
    }

    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.conn.set_in_transaction(false);
        self.conn.execute_batch("ROLLBACK")
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing to do when it fails: the connection is gone, and the
            // server (or SQLite) has rolled back already.
            let _ = self.conn.execute_batch("ROLLBACK");
            self.conn.set_in_transaction(false);
        }
    }
}

/// A prepared statement of either store.
pub enum Statement<'c> {
    Sqlite(rusqlite::CachedStatement<'c>),
    Postgres { conn: &'c PgConnection, sql: String },
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => Ok(match params.bind() {
                Bound::Positional(v) => s.execute(rusqlite::params_from_iter(v))?,
                Bound::Named(v) => s.execute(&*v)?,
            }),
            Statement::Postgres { conn, sql } => conn.execute(sql, &params.bind()),
        }
    }

    /// Runs an INSERT and returns the id of the row it added.
    pub fn insert<P: Params>(&mut self, params: P) -> Result<i64> {
        match self {
            Statement::Sqlite(s) => Ok(match params.bind() {
                Bound::Positional(v) => s.insert(rusqlite::params_from_iter(v))?,
                Bound::Named(v) => s.insert(&*v)?,
            }),
            Statement::Postgres { conn, sql } => {
                let returning = format!("{sql} RETURNING id");
                let rows = conn.query(&returning, &params.bind())?;
                match rows.first().and_then(|r| r.first()) {
                    Some(Value::Integer(id)) => Ok(*id),
                    _ => Err(Error::Internal {
                        what: "a statement for the team register".into(),
                        message: format!("no id came back from {sql}"),
                    }),
                }
            }
        }
    }

    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.query_opt(params, f)?
            .ok_or(Error::Storage(rusqlite::Error::QueryReturnedNoRows))
    }

    pub fn query_opt<T, P, F>(&mut self, params: P, f: F) -> Result<Option<T>>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut f = Some(f);
        let mut found = None;
        self.each(params, |row| {
            if let Some(f) = f.take() {
                found = Some(f(row)?);
            }
            Ok(false)
        })?;
        Ok(found)
    }

    /// Every row, mapped by `f`: read in full, each row's result as
    /// rusqlite's own `query_map` gives it (collect them into a `Result`).
    pub fn query_map<T, P, F>(
        &mut self,
        params: P,
        mut f: F,
    ) -> Result<std::vec::IntoIter<rusqlite::Result<T>>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut out = Vec::new();
        self.each(params, |row| {
            out.push(f(row));
            Ok(true)
        })?;
        Ok(out.into_iter())
    }

    /// Calls `f` on each row in turn, without collecting them (on SQLite
    /// the rows are read as they are needed); `f` returns whether to go on.
    pub fn each<P, F>(&mut self, params: P, mut f: F) -> Result<()>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<bool>,
    {
        match self {
            Statement::Sqlite(s) => {
                let mut rows = match params.bind() {
                    Bound::Positional(v) => s.query(rusqlite::params_from_iter(v))?,
                    Bound::Named(v) => s.query(&*v)?,
                };
                while let Some(r) = rows.next()? {
                    if !f(&Row::Sqlite(r))? {
                        break;
                    }
                }
                Ok(())
            }
            Statement::Postgres { conn, sql } => {
                for values in conn.query(sql, &params.bind())? {
                    if !f(&Row::Postgres(&values))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether the statement returns at least one row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query_opt(params, |_| Ok(()))?.is_some())
    }
}

/// One row of a result, read as rusqlite reads SQLite's.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r [Value]),
}

impl Row<'_> {
    /// Column `idx` converted by rusqlite's `FromSql`.
    pub fn get<T: rusqlite::types::FromSql>(&self, idx: usize) -> rusqlite::Result<T> {
        match self {
            Row::Sqlite(r) => r.get(idx),
            Row::Postgres(_) => {
                let v = self.get_ref(idx)?;
                T::column_result(v).map_err(|e| match e {
                    rusqlite::types::FromSqlError::InvalidType => {
                        rusqlite::Error::InvalidColumnType(
                            idx,
                            format!("column {idx}"),
                            v.data_type(),
                        )
                    }
                    other => rusqlite::Error::FromSqlConversionFailure(
                        idx,
                        v.data_type(),
                        Box::new(other),
                    ),
                })
            }
        }
    }

    /// How many columns the row has.
    pub fn column_count(&self) -> usize {
        match self {
            Row::Sqlite(r) => r.as_ref().column_count(),
            Row::Postgres(values) => values.len(),
        }
    }

    /// Column `idx` as it is stored.
    pub fn get_ref(&self, idx: usize) -> rusqlite::Result<ValueRef<'_>> {
        match self {
            Row::Sqlite(r) => r.get_ref(idx),
            Row::Postgres(values) => values
                .get(idx)
                .map(ValueRef::from)
                .ok_or(rusqlite::Error::InvalidColumnIndex(idx)),
        }
    }
}

/// Parameters bound to a statement: by position (`?N`) or by name (`:name`).
pub enum Bound<'a> {
    Positional(Vec<&'a dyn ToSql>),
    Named(Vec<(&'a str, &'a dyn ToSql)>),
}

/// What can be passed as a statement's parameters: rusqlite's `params!` and
/// `named_params!`, arrays, slices of either, and `()`.
pub trait Params {
    fn bind(&self) -> Bound<'_>;
}

impl Params for () {
    fn bind(&self) -> Bound<'_> {
        Bound::Positional(Vec::new())
    }
}

impl Params for &[&dyn ToSql] {
    fn bind(&self) -> Bound<'_> {
        Bound::Positional(self.to_vec())
    }
}

impl Params for Vec<&dyn ToSql> {
    fn bind(&self) -> Bound<'_> {
        Bound::Positional(self.clone())
    }
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn bind(&self) -> Bound<'_> {
        Bound::Positional(Vec::new())
    }
}

macro_rules! arrays {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn bind(&self) -> Bound<'_> {
                Bound::Positional(self.iter().map(|v| v as &dyn ToSql).collect())
            }
        }
    )+};
}
arrays!(1 2 3 4 5 6 7 8 9 10 11 12);

impl Params for &[(&str, &dyn ToSql)] {
    fn bind(&self) -> Bound<'_> {
        Bound::Named(self.to_vec())
    }
}

impl Params for Vec<(&str, &dyn ToSql)> {
    fn bind(&self) -> Bound<'_> {
        Bound::Named(self.clone())
    }
}

impl<P: Params + ?Sized> Params for &P {
    fn bind(&self) -> Bound<'_> {
        (**self).bind()
    }
}
