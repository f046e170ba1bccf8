//! A number that moves when someone else changes the register, for the
//! desktop's open views to catch up: SQLite's `data_version` on a file, the
//! change counter the team register's triggers advance on PostgreSQL
//! (`postgres/migrations/0002_*.sql`).

use super::sql::Connection;
use crate::Result;

/// The current count (see [`crate::Register::changes_elsewhere`]).
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    match conn {
        Connection::Sqlite(c) => super::connection::data_version(c),
        Connection::Postgres(_) => {
            conn.query_row("SELECT last_value FROM tend_changes", (), |r| r.get(0))
        }
    }
}
