//! Errors of the core, each with a stable [`ErrorCode`] that the desktop UI and
//! the CLI act on (they never match on message text).

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Result type of every fallible core function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Stable machine-readable error codes. The CLI maps `Validation`, `NotFound`,
/// `Conflict`, `Busy`, `Incompatible`, `Io` and `Cancelled` to exit code 1 (the
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
    Incompatible,
    Io,
    Storage,
    /// The user stopped a long operation (e.g. a report) before it finished.
    Cancelled,
    /// Tend itself failed (e.g. a font could not be embedded in a report).
    Internal,
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
    #[error("the database is locked by another program (waited {waited_ms} ms); try again when it has finished")]
    Busy { waited_ms: u64 },

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
            Error::Busy { .. } => ErrorCode::Busy,
            Error::Incompatible { .. } => ErrorCode::Incompatible,
            Error::Io { .. } => ErrorCode::Io,
            Error::Storage(_) => ErrorCode::Storage,
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
