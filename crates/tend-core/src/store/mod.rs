//! The stores: SQLite (this folder: connection set-up, migrations and every
//! SQL statement) and PostgreSQL for a team register (`postgres/`). Nothing
//! outside this module writes SQL. `content.rs` lists the tables that make up
//! a register on both.

pub mod connection;
pub mod migrations;
pub mod postgres;
pub mod sql;

pub(crate) mod content;
pub(crate) mod copy_text;
pub(crate) mod rows;

pub(crate) mod access;
pub(crate) mod asset_list;
pub(crate) mod assets;
pub(crate) mod attachments;
pub(crate) mod backup;
pub(crate) mod changes;
pub(crate) mod coverage;
pub(crate) mod demo;
pub(crate) mod due;
pub(crate) mod due_entries;
pub(crate) mod export;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod integrity;
pub(crate) mod locations;
pub(crate) mod lookups;
pub(crate) mod overview;
pub(crate) mod plan_templates;
pub(crate) mod plans;
pub(crate) mod report_dossier;
pub(crate) mod report_inventory;
pub(crate) mod report_maintenance;
pub(crate) mod report_repairs;
pub(crate) mod report_scope;
pub(crate) mod report_warranty;
pub(crate) mod settings;
pub(crate) mod worklog;

use crate::Error;

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT_MS: u64 = 5_000;

/// A busy error with the wait actually used.
pub(crate) fn busy_or_storage_error(e: Error, busy_timeout_ms: u64) -> Error {
    match e {
        Error::Busy { holders, .. } => Error::Busy {
            waited_ms: busy_timeout_ms,
            holders,
        },
        other => other,
    }
}

/// The current time as stored in `created_at`/`updated_at`/`at` columns:
/// RFC 3339, UTC, millisecond precision.
pub(crate) fn now_timestamp() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
