//! CSV commands: the import wizard's steps (choose a file in the native open
//! dialog, inspect it, preview, import, save the problems) and the export
//! actions (native save dialog, then write). Each converts and calls
//! tend-core; the core decides everything.

use crate::state::Db;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{
    ExportKind, ExportOptions, ExportWritten, ImportOptions, ImportReport, Inspection,
};
use tend_core::{ApiError, Error};

fn file_path(path: &str) -> Result<PathBuf, ApiError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(ApiError::from(Error::validation(
            "path",
            "choose a CSV file to import",
        )));
    }
    Ok(PathBuf::from(path))
}

/// Asks for the file to import with the native open dialog; `None` when the
/// user closes it.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_import_file(app: AppHandle) -> Result<Option<String>, ApiError> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Import a CSV file")
        .add_filter("CSV", &["csv", "tsv", "txt"])
        .blocking_pick_file();
    Ok(chosen
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The file's encoding, delimiter, format and column binding.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspect_import(
    db: State<'_, Db>,
    path: String,
    options: ImportOptions,
) -> Result<Inspection, ApiError> {
    let path = file_path(&path)?;
    db.with(|r| r.inspect_csv(&path, &options))
}

/// A dry run: what the import would do, and every problem. Writes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import(
    db: State<'_, Db>,
    path: String,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    let path = file_path(&path)?;
    db.with(|r| r.import_csv(&path, &options, ImportMode::DryRun, &mut |_| {}))
}

/// The import: all rows, or (when any is rejected) none.
#[tauri::command(rename_all = "snake_case")]
pub async fn run_import(
    db: State<'_, Db>,
    path: String,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    let path = file_path(&path)?;
    db.with(|r| r.import_csv(&path, &options, ImportMode::Commit, &mut |_| {}))
}

fn save_dialog(app: &AppHandle, title: &str, suggested: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter("CSV", &["csv"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

fn create(path: &Path) -> Result<std::fs::File, ApiError> {
    std::fs::File::create(path).map_err(|e| {
        ApiError::from(Error::Io {
            path: path.to_path_buf(),
            source: e,
        })
    })
}

/// Previews again and saves the problems as CSV where the user chooses;
/// `None` when the save dialog was closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_import_problems(
    app: AppHandle,
    db: State<'_, Db>,
    path: String,
    options: ImportOptions,
) -> Result<Option<String>, ApiError> {
    let source = file_path(&path)?;
    let Some(target) = save_dialog(&app, "Save the problems", "import-problems.csv") else {
        return Ok(None);
    };
    let report = db.with(|r| r.import_csv(&source, &options, ImportMode::DryRun, &mut |_| {}))?;
    let mut file = create(&target)?;
    report
        .write_problems(&mut file, &target.display().to_string())
        .map_err(ApiError::from)?;
    Ok(Some(target.display().to_string()))
}

/// Exports `kind` for the assets matching `options` where the user chooses
/// in the save dialog; `None` when it was closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_csv(
    app: AppHandle,
    db: State<'_, Db>,
    kind: ExportKind,
    options: ExportOptions,
) -> Result<Option<ExportWritten>, ApiError> {
    let suggested = match kind {
        ExportKind::Assets => "tend-assets.csv",
        ExportKind::WorkLog => "tend-work-log.csv",
        ExportKind::Plans => "tend-plans.csv",
        ExportKind::Coverage => "tend-coverage.csv",
    };
    let Some(target) = save_dialog(&app, "Export as CSV", suggested) else {
        return Ok(None);
    };
    let mut out = std::io::BufWriter::new(create(&target)?);
    let rows = db.with(|r| r.export_csv(kind, &options, &mut out))?;
    std::io::Write::flush(&mut out).map_err(|e| {
        ApiError::from(Error::Io {
            path: target.clone(),
            source: e,
        })
    })?;
    Ok(Some(ExportWritten {
        path: target.display().to_string(),
        rows,
    }))
}
