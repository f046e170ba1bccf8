//! The SQLite store: connection set-up, migrations and every SQL statement.
//! Nothing outside this module writes SQL.

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT_MS: u64 = 5_000;
