//! tend-core: everything Tend knows. The register's domain types, the SQLite
//! store with its migrations, and the use-case API ([`Register`]) that both
//! front doors — the desktop app and the `tend` CLI — call.
//!
//! Invariants: no Tauri and no terminal in here; only `store` writes SQL;
//! money is never a float; dates are calendar dates.

pub mod atomic_file;
pub mod attachments;
pub mod author;
pub mod backups;
pub mod copy;
pub mod csv;
pub mod demo;
pub mod error;
pub mod labels;
pub mod location;
pub mod model;
pub mod paths;
pub mod payload;
pub mod presence;
pub(crate) mod record;
pub mod register;
pub mod report;
pub mod schedule;
pub mod settings;
pub mod store;
pub mod validate;

pub use error::{ApiError, Error, ErrorCode, Result};
pub use model::*;
pub use register::{KeptOrder, LiveDueList, Register};
