//! Errors of the core, each with a stable [`ErrorCode`] that the desktop UI and
//! the CLI act on (they never match on message text).

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Result type of every fallible core function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable machine-readable error codes. The CLI maps `Validation`, `NotFound`,
/// `Conflict`, `Busy`, `Damaged`, `Incompatible`, `Io` and `Cancelled` to exit code 1 (the
/// user can fix them) and `Storage` and `Internal` to exit code 2 (an internal
/// error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Busy,
    /// The register file is damaged: Tend reads what it still can and
    /// writes nothing until a backup is restored.
    Damaged,
    Incompatible,
    Io,
    Storage,
    /// The user stopped a long operation (e.g. a report) before it finished.
    Cancelled,
    /// Tend itself failed (e.g. a font could not be embedded in a report).
    Internal,
    /// A team register's server cannot be reached, refused the login, or
    /// went away; nothing was written.
    Unavailable,
    /// The database refused the change: the user's role may not make it
    /// (e.g. a reader writing).
    Forbidden,
}

/// Every error the core reports. Messages say what was wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user is not acceptable; `field` names it.
    #[error("{field}: {message}")]
    Validation { field: String, message: String },

    /// A record the caller named does not exist.
    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },

    /// The change clashes with stored data (e.g. a duplicate asset tag).
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },

    /// Another process held the write lock for longer than the busy timeout.
    /// `holders` names the Tend programs that have the register open (pid
    /// and command line), where the system can tell.
    #[error("{}", busy_message(*waited_ms, holders))]
    Busy {
        waited_ms: u64,
        holders: Vec<String>,
    },

    /// Another program has the register open, and the operation (a
    /// restore) needs it alone. Nothing was changed.
    #[error("{}: {what} needs the register to itself, but it is open in {}; close {} first. Nothing was changed", path.display(), holders_text(holders), if holders.len() == 1 { "it" } else { "them" })]
    InUse {
        path: PathBuf,
        what: &'static str,
        holders: Vec<String>,
    },

    /// The register file is damaged. Nothing was written; the problems found
    /// are listed and the newest good backup, if any, is offered.
    #[error("{}", damaged_message(path.as_deref(), problems, newest_backup.as_deref()))]
    Damaged {
        path: Option<PathBuf>,
        problems: Vec<String>,
        /// The newest backup that passed its check, and when it was taken.
        newest_backup: Option<String>,
    },

    /// The file is not a Tend database, or was written by a newer Tend.
    /// The file is always left untouched.
    #[error("{path}: {message}")]
    Incompatible { path: PathBuf, message: String },

    /// A file-system problem, with the path it concerns.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An unexpected SQLite failure.
    #[error("storage error: {0}")]
    Storage(rusqlite::Error),

    /// A team register's server cannot be reached or refused the login;
    /// `message` says why in words.
    #[error("{server}: {message}")]
    Unavailable { server: String, message: String },

    /// PostgreSQL refused the change for lack of privilege.
    #[error("{server}: {message}")]
    Forbidden { server: String, message: String },

    /// An unexpected PostgreSQL failure, with the server's own words.
    #[error("{server}: server error: {message}")]
    Server { server: String, message: String },

    /// The user cancelled a long operation; nothing was written.
    #[error("{what} cancelled; nothing was written")]
    Cancelled { what: &'static str },

    /// An unexpected failure inside Tend while producing `what` (a report's
    /// font or PDF serialisation), with the engine's message.
    #[error("{what}: {message}")]
    Internal { what: String, message: String },

    /// A CSV file that cannot be read as a whole (encoding, header, size),
    /// naming the file and, where known, the row and column.
    #[error("{}", csv_message(file, *row, column.as_deref(), message))]
    Csv {
        file: String,
        row: Option<u64>,
        column: Option<String>,
        message: String,
    },
}

fn busy_message(waited_ms: u64, holders: &[String]) -> String {
    let mut text = format!("the database is locked by another program (waited {waited_ms} ms)");
    if !holders.is_empty() {
        text.push_str(&format!("; it is open in {}", holders_text(holders)));
    }
    text.push_str("; try again when it has finished");
    text
}

fn holders_text(holders: &[String]) -> String {
    if holders.is_empty() {
        return "another program".into();
    }
    holders.join(", ")
}

fn damaged_message(
    path: Option<&std::path::Path>,
    problems: &[String],
    backup: Option<&str>,
) -> String {
    let mut text = match path {
        Some(p) => format!("{}: the register is damaged", p.display()),
        None => "the register is damaged".into(),
    };
    match problems {
        [] => {}
        [one] => text.push_str(&format!(" ({one})")),
        [first, rest @ ..] => text.push_str(&format!(" ({first}; {} more problem(s))", rest.len())),
    }
    text.push_str("; Tend reads what it can but writes nothing to it");
    match backup {
        Some(b) => text.push_str(&format!(
            ". The newest good backup is {b}: restoring it keeps the damaged file aside"
        )),
        None => text.push_str(". No backup of it was found"),
    }
    text
}

fn csv_message(file: &str, row: Option<u64>, column: Option<&str>, message: &str) -> String {
    let mut at = file.to_string();
    if let Some(row) = row {
        at.push_str(&format!(", row {row}"));
    }
    if let Some(column) = column {
        at.push_str(&format!(", column \"{column}\""));
    }
    format!("{at}: {message}")
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation { .. } | Error::Csv { .. } => ErrorCode::Validation,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Busy { .. } | Error::InUse { .. } => ErrorCode::Busy,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::Incompatible { .. } => ErrorCode::Incompatible,
            Error::Io { .. } => ErrorCode::Io,
            Error::Storage(_) | Error::Server { .. } => ErrorCode::Storage,
            Error::Unavailable { .. } => ErrorCode::Unavailable,
            Error::Forbidden { .. } => ErrorCode::Forbidden,
            Error::Cancelled { .. } => ErrorCode::Cancelled,
            Error::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// The field this error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } | Error::Conflict { field, .. } => Some(field),
            Error::Csv { column, .. } => column.as_deref(),
            _ => None,
        }
    }

    /// Names the register file `db` in a damage error that did not know it
    /// (one SQLite raised while reading), with its newest good backup.
    pub fn in_register(self, db: &std::path::Path) -> Error {
        match self {
            Error::Damaged {
                path: None,
                problems,
                newest_backup: None,
            } => Error::Damaged {
                path: Some(db.to_path_buf()),
                problems,
                newest_backup: crate::backups::newest_good(db),
            },
            other => other,
        }
    }

    /// Shorthand for a validation error on `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a not-found error.
    pub fn not_found(what: &'static str, key: impl ToString) -> Self {
        Error::NotFound {
            what,
            key: key.to_string(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Busy {
                waited_ms: crate::store::BUSY_TIMEOUT_MS,
                holders: Vec::new(),
            },
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => Error::Damaged {
                path: None,
                problems: vec![e.to_string()],
                newest_backup: None,
            },
            _ => Error::Storage(e),
        }
    }
}

/// The form in which an error crosses IPC and `--json` output:
/// `{ "code": "validation", "message": "...", "field": "tag" }`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        ApiError {
            code: e.code(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::from(&e)
    }
}
