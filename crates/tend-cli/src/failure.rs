//! Why a `tend` command failed, how that is reported on stderr, and the exit
//! code that tells scripts whether the user can fix it (1) or Tend is at fault (2).

use std::io::{self, Write};
use std::process::ExitCode;
use tend_core::{ApiError, ErrorCode};

/// Exit code for a problem the user can fix: bad arguments or values, a record
/// not found, a duplicate, a locked or incompatible database, a missing folder.
pub const EXIT_USER: u8 = 1;
/// Exit code for an internal error.
pub const EXIT_INTERNAL: u8 = 2;
/// Exit code of `tend due --fail-if-overdue` when something is overdue.
pub const EXIT_OVERDUE: u8 = 3;

/// A failed command.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The core refused or failed; its [`ErrorCode`] decides the exit code.
    #[error(transparent)]
    Core(#[from] tend_core::Error),

    /// Writing to stdout failed.
    #[error("writing output: {0}")]
    Output(#[from] io::Error),

    /// A value could not be turned into JSON.
    #[error("writing JSON output: {0}")]
    Json(#[from] serde_json::Error),

    /// `tend db check` found problems (they were printed on stdout).
    #[error("the database check found {count} problem(s)")]
    CheckFailed { count: usize },

    /// `tend due --fail-if-overdue` found overdue items (the list was printed).
    #[error("{count} item(s) overdue")]
    Overdue { count: usize },

    /// The command line itself was wrong (clap's message, already formatted).
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// The stable code reported with `--json`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Failure::Core(e) => e.code(),
            Failure::Output(_) | Failure::Json(_) => ErrorCode::Io,
            Failure::CheckFailed { .. } => ErrorCode::Storage,
            Failure::Overdue { .. } => ErrorCode::Conflict,
            Failure::Usage(_) => ErrorCode::Validation,
        }
    }

    /// 1 when the user can fix the problem, 2 for internal errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Core(e) if matches!(e.code(), ErrorCode::Storage | ErrorCode::Internal) => {
                EXIT_INTERNAL
            }
            Failure::Core(_) | Failure::CheckFailed { .. } | Failure::Usage(_) => EXIT_USER,
            Failure::Output(_) | Failure::Json(_) => EXIT_INTERNAL,
            Failure::Overdue { .. } => EXIT_OVERDUE,
        }
    }

    /// The error as it crosses to scripts: the core's own form where there is one.
    pub fn api_error(&self) -> ApiError {
        match self {
            Failure::Core(e) => ApiError::from(e),
            other => ApiError {
                code: other.code(),
                message: other.to_string(),
                field: None,
            },
        }
    }

    /// The input field the core named, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Failure::Core(e) => e.field(),
            _ => None,
        }
    }

    /// True when stdout was closed by the reader (`tend assets list | head`):
    /// not an error worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Prints `failure` on stderr — `tend: error: <message>`, then with `json` the
/// [`ApiError`] object on its own line — and returns the exit code.
pub fn report(failure: &Failure, json: bool) -> ExitCode {
    if failure.is_broken_pipe() {
        return ExitCode::SUCCESS;
    }
    let mut err = io::stderr().lock();
    if let Failure::Overdue { .. } = failure {
        // Not an error: the list is on stdout; the exit code is the signal.
        let _ = writeln!(err, "tend: {failure}");
        return ExitCode::from(failure.exit_code());
    }
    // Nothing sensible is left to do if stderr itself cannot be written.
    let mut message = failure.to_string().trim_end().to_owned();
    if let Some(flag) = failure.field().and_then(crate::flags::flag_for_field) {
        message.push_str(&format!(" (set with {flag})"));
    }
    if let Failure::Core(tend_core::Error::Busy { .. }) = failure {
        message.push_str(" (or wait longer with --wait SECONDS)");
    }
    let _ = writeln!(err, "tend: error: {message}");
    if json {
        if let Ok(line) = serde_json::to_string(&failure.api_error()) {
            let _ = writeln!(err, "{line}");
        }
    }
    ExitCode::from(failure.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_errors_are_internal_and_the_rest_are_the_users() {
        let validation = Failure::from(tend_core::Error::validation("tag", "must not be empty"));
        assert_eq!(validation.exit_code(), EXIT_USER);
        let busy = Failure::from(tend_core::Error::Busy {
            waited_ms: 5000,
            holders: Vec::new(),
        });
        assert_eq!(busy.exit_code(), EXIT_USER);
        let storage = Failure::from(tend_core::Error::Storage(rusqlite::Error::InvalidQuery));
        assert_eq!(storage.exit_code(), EXIT_INTERNAL);
        assert_eq!(Failure::Usage("x".into()).exit_code(), EXIT_USER);
    }

    #[test]
    fn the_json_error_keeps_the_core_field() {
        let e = Failure::from(tend_core::Error::validation("purchase_date", "not a date"));
        let api = e.api_error();
        assert_eq!(api.code, ErrorCode::Validation);
        assert_eq!(api.field.as_deref(), Some("purchase_date"));
    }
}
