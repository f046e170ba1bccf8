//! Whether this connection may change the register: on a file always (the
//! file's permissions decided when it was opened); on a team register what
//! the server's privileges say (a `tend_reader` may not).

use super::sql::Connection;
use crate::Result;

pub(crate) fn may_write(conn: &Connection) -> Result<bool> {
    match conn {
        Connection::Sqlite(_) => Ok(true),
        Connection::Postgres(_) => conn.query_row(
            "SELECT has_table_privilege('tend.assets', 'INSERT, UPDATE')",
            (),
            |r| r.get(0),
        ),
    }
}
