//! Report commands: choose where to save (the native save dialog, whose
//! answer is kept as a one-use token, see [`crate::chosen`]), write a report
//! on a background thread with progress events and cancellation, and open
//! the result in the system's PDF viewer.
//!
//! A report reads through its own connection to the database file, so the
//! window's other commands are not held up while it is being made (SQLite in
//! WAL mode lets readers and the writer work side by side).

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, State};
use tend_core::report::{ReportOptions, ReportProgress, ReportWritten};
use tend_core::{ApiError, ChosenFile, Error, ErrorCode, Register};

use crate::chosen::{ChosenFiles, Purpose};
use crate::dialogs;
use crate::payload::Payload;
use crate::state::Db;

/// The event carrying [`ReportProgress`] while a report is made.
pub const PROGRESS_EVENT: &str = "report-progress";

/// The cancel flag of the report being made, if any.
#[derive(Default)]
pub struct ReportJob(Mutex<Option<Arc<AtomicBool>>>);

impl ReportJob {
    fn start(&self) -> Result<Arc<AtomicBool>, ApiError> {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_some() {
            return Err(ApiError::from(Error::Conflict {
                field: "report".into(),
                message: "a report is already being made; wait for it or cancel it".into(),
            }));
        }
        let flag = Arc::new(AtomicBool::new(false));
        *slot = Some(flag.clone());
        Ok(flag)
    }

    fn finish(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// Asks where to save a report with the native save dialog, opened on
/// `start` (a path the user typed, or the suggested file name); `None` when
/// the user closes it. The answer's token is good for one report.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_report_path(
    app: AppHandle,
    files: State<'_, ChosenFiles>,
    start: Payload<String>,
) -> Result<Option<ChosenFile>, ApiError> {
    match dialogs::save(&app, "Save report", dialogs::PDF, &start) {
        Some(path) => files.issue(Purpose::ReportTarget, path).map(Some),
        None => Ok(None),
    }
}

/// Writes the report where the user chose (`path`: the token of
/// [`choose_report_path`]), emitting [`PROGRESS_EVENT`] as it goes; with
/// `open_after`, opens the file in the default PDF viewer.
#[tauri::command(rename_all = "snake_case")]
#[allow(clippy::too_many_arguments)]
pub async fn write_report(
    app: AppHandle,
    db: State<'_, Db>,
    job: State<'_, ReportJob>,
    files: State<'_, ChosenFiles>,
    options: Payload<ReportOptions>,
    path: Payload<String>,
    open_after: Payload<bool>,
) -> Result<ReportWritten, ApiError> {
    let path = files.take(&path, Purpose::ReportTarget)?;
    let (options, open_after) = (options.0, *open_after);
    let database = db.with(|r| {
        r.path()
            .map(|p| p.to_path_buf())
            .ok_or_else(|| Error::validation("database", "the register has no file to read from"))
    })?;
    let cancel = job.start()?;
    let emitter = app.clone();
    let target = path.clone();
    let result =
        tauri::async_runtime::spawn_blocking(move || -> Result<ReportWritten, ApiError> {
            let register = Register::open(&database)?;
            let written = register.write_report(&options, &target, &mut |p: &ReportProgress| {
                // The window may be gone; the report carries on regardless.
                let _ = emitter.emit(PROGRESS_EVENT, *p);
                if cancel.load(Ordering::Relaxed) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })?;
            Ok(written)
        })
        .await;
    job.finish();
    let written = result.map_err(|e| ApiError {
        code: ErrorCode::Internal,
        message: format!("the report stopped unexpectedly: {e}"),
        field: None,
    })??;
    if open_after {
        dialogs::open_saved(&app, &path)?;
    }
    Ok(written)
}

/// Cancels the report being made (it stops at the next progress step and
/// writes nothing). Does nothing when no report is being made.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_report(job: State<'_, ReportJob>) -> Result<(), ApiError> {
    if let Some(flag) = job.0.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        flag.store(true, Ordering::Relaxed);
    }
    Ok(())
}
