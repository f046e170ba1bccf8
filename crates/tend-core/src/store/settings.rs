//! SQL for settings: a small key/value table (organisation name, currency,
//! date format, paper size, ...).

use crate::store::sql::Connection;
use crate::Result;

/// The value of `key`, if set.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_opt([key], |r| r.get(0))
}

/// [`get`] on a register file's own connection (for what runs before the
/// register is open, or only on files: upgrades, backups).
pub(crate) fn get_file(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets `key` to `value`. Call inside a write transaction.
pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}
