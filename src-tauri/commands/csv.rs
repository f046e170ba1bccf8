//! CSV commands: the import wizard's steps (choose the file in the native
//! open dialog, inspect it, preview, import, save the problems) and the
//! export actions (native save dialog, then write). Each converts and calls
//! tend-core; the core decides everything.
//!
//! The wizard names its file by the token [`choose_import_file`] handed out
//! (see [`crate::chosen`]), never by a path; files written here appear whole
//! or not at all ([`tend_core::atomic_file`]).

use crate::chosen::{ChosenFiles, Purpose};
use crate::dialogs;
use crate::payload::Payload;
use crate::state::Db;
use tauri::{AppHandle, State};
use tend_core::csv::import::ImportMode;
use tend_core::csv::{
    ExportKind, ExportOptions, ExportWritten, ImportOptions, ImportReport, Inspection,
};
use tend_core::{atomic_file, ApiError, ChosenFile};

/// Asks for the file to import with the native open dialog, opened on
/// `start` (a path the user typed, or empty); `None` when the user closes it.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_import_file(
    app: AppHandle,
    files: State<'_, ChosenFiles>,
    start: Payload<String>,
) -> Result<Option<ChosenFile>, ApiError> {
    match dialogs::open(&app, "Import a CSV file", dialogs::CSV_IN, &start) {
        Some(path) => files.issue(Purpose::ImportSource, path).map(Some),
        None => Ok(None),
    }
}

/// The file's encoding, delimiter, format and column binding.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspect_import(
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    file: Payload<String>,
    options: Payload<ImportOptions>,
) -> Result<Inspection, ApiError> {
    let path = files.get(&file, Purpose::ImportSource)?;
    db.with(|r| r.inspect_csv(&path, &options))
}

/// A dry run: what the import would do, and every problem. Writes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import(
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    file: Payload<String>,
    options: Payload<ImportOptions>,
) -> Result<ImportReport, ApiError> {
    let path = files.get(&file, Purpose::ImportSource)?;
    db.with(|r| r.import_csv(&path, &options, ImportMode::DryRun, &mut |_| {}))
}

/// The import: all rows, or (when any is rejected) none.
#[tauri::command(rename_all = "snake_case")]
pub async fn run_import(
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    file: Payload<String>,
    options: Payload<ImportOptions>,
) -> Result<ImportReport, ApiError> {
    let path = files.get(&file, Purpose::ImportSource)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    db.doing(format!("importing {name}"), |r| {
        r.import_csv(&path, &options, ImportMode::Commit, &mut |_| {})
    })
}

/// Previews again and saves the problems as CSV where the user chooses;
/// `None` when the save dialog was closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_import_problems(
    app: AppHandle,
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    file: Payload<String>,
    options: Payload<ImportOptions>,
) -> Result<Option<String>, ApiError> {
    let source = files.get(&file, Purpose::ImportSource)?;
    let Some(target) = dialogs::save(
        &app,
        "Save the problems",
        dialogs::CSV_OUT,
        "import-problems.csv",
    ) else {
        return Ok(None);
    };
    let report = db.with(|r| r.import_csv(&source, &options, ImportMode::DryRun, &mut |_| {}))?;
    let shown = target.display().to_string();
    atomic_file::write(&target, |out| report.write_problems(out, &shown))?;
    Ok(Some(shown))
}

/// Exports `kind` for the assets matching `options` where the user chooses
/// in the save dialog; `None` when it was closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_csv(
    app: AppHandle,
    db: State<'_, Db>,
    kind: Payload<ExportKind>,
    options: Payload<ExportOptions>,
) -> Result<Option<ExportWritten>, ApiError> {
    let suggested = match *kind {
        ExportKind::Assets => "tend-assets.csv",
        ExportKind::WorkLog => "tend-work-log.csv",
        ExportKind::Plans => "tend-plans.csv",
        ExportKind::Coverage => "tend-coverage.csv",
    };
    let Some(target) = dialogs::save(&app, "Export as CSV", dialogs::CSV_OUT, suggested) else {
        return Ok(None);
    };
    let rows =
        db.with(|r| atomic_file::write(&target, |out| r.export_csv(*kind, &options, out)))?;
    Ok(Some(ExportWritten {
        path: target.display().to_string(),
        rows,
    }))
}
