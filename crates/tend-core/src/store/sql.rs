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

use crate::store::postgres::{self, ServerAddress};
use crate::{Error, Result};
use ::postgres::types::{FromSql, IsNull, ToSql as PgToSql, Type};
use bytes::BytesMut;
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
    fn run<T>(&self, f: impl Fn() -> Result<T>) -> Result<T> {
        match f() {
            Err(e) if self.client.borrow().is_closed() && !self.in_transaction.get() => {
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
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), prepared.clone());
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

/// A parameter for PostgreSQL: written in whatever type the server decided
/// the placeholder has, as SQLite would have compared it.
#[derive(Debug)]
struct PgValue(Value);

impl PgToSql for PgValue {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text_like = is_text(ty);
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) if *ty == Type::INT8 => PgToSql::to_sql(&i, ty, out),
            Value::Integer(i) if *ty == Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::BOOL => PgToSql::to_sql(&(*i != 0), ty, out),
            Value::Integer(i) if *ty == Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
            Value::Integer(i) if *ty == Type::FLOAT4 => PgToSql::to_sql(&(*i as f32), ty, out),
            Value::Integer(i) if text_like => write_text(&i.to_string(), out),
            Value::Real(f) if *ty == Type::FLOAT8 => PgToSql::to_sql(&f, ty, out),
            Value::Real(f) if *ty == Type::FLOAT4 => PgToSql::to_sql(&(*f as f32), ty, out),
            Value::Real(f) if text_like => write_text(&f.to_string(), out),
            Value::Text(s) if text_like => write_text(s, out),
            Value::Text(s) if *ty == Type::INT8 => {
                PgToSql::to_sql(&s.trim().parse::<i64>()?, ty, out)
            }
            Value::Text(s) if *ty == Type::INT4 => {
                PgToSql::to_sql(&s.trim().parse::<i32>()?, ty, out)
            }
            Value::Blob(b) if *ty == Type::BYTEA => PgToSql::to_sql(&b.as_slice(), ty, out),
            v => Err(format!("a {:?} value cannot be passed as {ty}", v.data_type()).into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    ::postgres::types::to_sql_checked!();
}

fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Text, and the types stored as text (case-insensitive `citext`).
fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
    ) || ty.name() == "citext"
}

fn write_text(
    s: &str,
    out: &mut BytesMut,
) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
    out.extend_from_slice(s.as_bytes());
    Ok(IsNull::No)
}

/// A column of any type, read as SQLite would hold it.
struct AnyValue(Value);

impl<'a> FromSql<'a> for AnyValue {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<AnyValue, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyValue(match *ty {
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ if is_text(ty) || *ty == Type::JSON => Value::Text(String::from_utf8(raw.to_vec())?),
            _ => return Err(format!("a column of type {ty} cannot be read").into()),
        }))
    }

    fn from_sql_null(
        _: &Type,
    ) -> std::result::Result<AnyValue, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC (what `sum` of integers returns): an integer when it has no
/// fraction and fits, a real otherwise.
fn numeric(raw: &[u8]) -> std::result::Result<Value, Box<dyn std::error::Error + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<i16, Box<dyn std::error::Error + Sync + Send>> {
        raw.get(i * 2..i * 2 + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a NUMERIC value is cut short".into())
    };
    let (ndigits, weight, sign, dscale) = (word(0)?, word(1)?, word(2)? as u16, word(3)?);
    if sign == 0xC000 {
        return Err("NaN cannot be stored in the register".into());
    }
    let digits: Vec<i16> = (0..ndigits as usize)
        .map(|i| word(4 + i))
        .collect::<std::result::Result<_, _>>()?;
    let negative = sign == 0x4000;
    if dscale == 0 {
        let mut n: i128 = 0;
        for (i, d) in digits.iter().enumerate() {
            let power = i64::from(weight) - i as i64;
            if power >= 0 {
                n += i128::from(*d) * 10_000i128.pow(power as u32);
            }
        }
        let n = if negative { -n } else { n };
        if let Ok(n) = i64::try_from(n) {
            return Ok(Value::Integer(n));
        }
    }
    let mut f = 0f64;
    for (i, d) in digits.iter().enumerate() {
        f += f64::from(*d) * 10_000f64.powi(i32::from(weight) - i as i32);
    }
    Ok(Value::Real(if negative { -f } else { f }))
}

/// Rewrites SQLite placeholders for PostgreSQL: `?N` → `$N`, `?` → the next
/// `$N`, and `:name` → `$N` in order of first use (returned, so that named
/// values can be passed in that order). Quoted text, quoted names, comments
/// and `::` casts are left alone.
pub(crate) fn to_postgres(sql: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut names: Vec<String> = Vec::new();
    let mut next = 0usize;
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .map_or(chars.len(), |p| i + 1 + p + 1);
                out.extend(&chars[i..end]);
                i = end;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                let end = chars[i..]
                    .iter()
                    .position(|&d| d == '\n')
                    .map_or(chars.len(), |p| i + p);
                out.extend(&chars[i..end]);
                i = end;
            }
            '?' => {
                let digits: String = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .collect();
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&format!("${next}"));
                } else {
                    next = next.max(digits.parse().unwrap_or(0));
                    out.push('$');
                    out.push_str(&digits);
                }
                i += 1 + digits.len();
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                out.push_str("::");
                i += 2;
            }
            ':' if chars
                .get(i + 1)
                .is_some_and(|d| d.is_ascii_alphabetic() || *d == '_') =>
            {
                let name: String = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_alphanumeric() || **d == '_')
                    .collect();
                let full = format!(":{name}");
                let n = match names.iter().position(|n| *n == full) {
                    Some(p) => p + 1,
                    None => {
                        names.push(full);
                        names.len()
                    }
                };
                out.push_str(&format!("${n}"));
                i += 1 + name.len();
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered() {
        let (sql, names) = to_postgres("SELECT ?1, ?2, ?1 WHERE x = '?3' -- ?4\n AND y = ?");
        assert_eq!(sql, "SELECT $1, $2, $1 WHERE x = '?3' -- ?4\n AND y = $3");
        assert!(names.is_empty());
    }

    #[test]
    fn names_become_numbered_in_order_of_first_use() {
        let (sql, names) =
            to_postgres("UPDATE t SET a = :b, c = :a::text WHERE id = :b AND s = ':x'");
        assert_eq!(
            sql,
            "UPDATE t SET a = $1, c = $2::text WHERE id = $1 AND s = ':x'"
        );
        assert_eq!(names, [":b", ":a"]);
    }

    #[test]
    fn numeric_reads_integers_and_fractions() {
        // 12345678 = [1234, 5678] with weight 1; -1.5 = [1, 5000] weight 0 scale 1.
        let enc = |digits: &[i16], weight: i16, sign: u16, scale: u16| {
            let mut v = Vec::new();
            for w in [digits.len() as i16, weight, sign as i16, scale as i16] {
                v.extend_from_slice(&w.to_be_bytes());
            }
            for d in digits {
                v.extend_from_slice(&d.to_be_bytes());
            }
            v
        };
        assert_eq!(
            numeric(&enc(&[1234, 5678], 1, 0, 0)).unwrap(),
            Value::Integer(12_345_678)
        );
        assert_eq!(
            numeric(&enc(&[7], 2, 0x4000, 0)).unwrap(),
            Value::Integer(-700_000_000)
        );
        assert_eq!(numeric(&enc(&[], 0, 0, 0)).unwrap(), Value::Integer(0));
        assert_eq!(
            numeric(&enc(&[1, 5000], 0, 0x4000, 1)).unwrap(),
            Value::Real(-1.5)
        );
    }
}
