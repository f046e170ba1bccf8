//! Label commands: the layouts, a preview of the first page (SVG, drawn
//! by the same layout as the PDF), choosing where to save (the native save
//! dialog's answer kept as a one-use token, see [`crate::chosen`]) and
//! writing the PDF, opened afterwards in the system's viewer if asked; for
//! Zebra printers, ZPL sent to the printer's port or saved.

use tauri::{AppHandle, State};
use tend_core::labels::{label_layouts as layouts, LabelLayoutInfo, LabelRequest, LabelsWritten};
use tend_core::{ApiError, ChosenFile, ErrorCode};

use crate::chosen::{ChosenFiles, Purpose};
use crate::dialogs;
use crate::payload::Payload;
use crate::printing;
use crate::state::Db;

/// The printers of the system's print service (none without CUPS).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_printers() -> Result<Vec<String>, ApiError> {
    Ok(tauri::async_runtime::spawn_blocking(printing::printers)
        .await
        .unwrap_or_default())
}

/// Prints the labels asked for on `printer` at 100 %: written to a
/// temporary PDF, handed to the print service, removed. What the service
/// answered.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_labels(
    db: State<'_, Db>,
    request: Payload<LabelRequest>,
    printer: Payload<String>,
) -> Result<String, ApiError> {
    let dir = tempfile::tempdir().map_err(|e| ApiError {
        code: ErrorCode::Io,
        message: format!("could not make a temporary folder for the labels: {e}"),
        field: None,
    })?;
    let pdf = dir.path().join("labels.pdf");
    db.with(|r| r.write_requested_labels(&request, &pdf))?;
    let printer = printer.0;
    tauri::async_runtime::spawn_blocking(move || printing::print(&printer, &pdf))
        .await
        .map_err(|e| ApiError {
            code: ErrorCode::Internal,
            message: format!("printing stopped unexpectedly: {e}"),
            field: None,
        })?
}

/// Every label layout Tend knows.
#[tauri::command(rename_all = "snake_case")]
pub async fn label_layouts() -> Result<Vec<LabelLayoutInfo>, ApiError> {
    Ok(layouts())
}

/// The first page of the labels asked for, as SVG.
#[tauri::command(rename_all = "snake_case")]
pub async fn label_preview(
    db: State<'_, Db>,
    request: Payload<LabelRequest>,
) -> Result<String, ApiError> {
    db.with(|r| r.label_preview(&request))
}

/// Asks where to save the labels with the native save dialog, opened on
/// `start`; `None` when the user closes it. The token is good for one PDF.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_labels_path(
    app: AppHandle,
    files: State<'_, ChosenFiles>,
    start: Payload<String>,
) -> Result<Option<ChosenFile>, ApiError> {
    match dialogs::save(&app, "Save labels", dialogs::PDF, &start) {
        Some(path) => files.issue(Purpose::LabelsTarget, path).map(Some),
        None => Ok(None),
    }
}

/// Writes the labels where the user chose (`path`: the token of
/// [`choose_labels_path`]); with `open_after`, opens the PDF in the
/// system's viewer, to print it at 100 %.
#[tauri::command(rename_all = "snake_case")]
pub async fn write_labels(
    app: AppHandle,
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    request: Payload<LabelRequest>,
    path: Payload<String>,
    open_after: Payload<bool>,
) -> Result<LabelsWritten, ApiError> {
    let path = files.take(&path, Purpose::LabelsTarget)?;
    let written = db.with(|r| r.write_requested_labels(&request, &path))?;
    if *open_after {
        dialogs::open_saved(&app, &path)?;
    }
    Ok(written)
}

/// Sends the labels asked for in ZPL to a Zebra printer's raw port
/// (`printer`: HOST, port 9100, or HOST:PORT); the address it went to.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_labels_zpl(
    db: State<'_, Db>,
    request: Payload<LabelRequest>,
    printer: Payload<String>,
) -> Result<String, ApiError> {
    let zpl = db.with(|r| r.requested_zpl(&request))?;
    let printer = printer.0;
    tauri::async_runtime::spawn_blocking(move || {
        tend_core::labels::send_zpl(&printer, zpl.as_bytes()).map(|()| printer)
    })
    .await
    .map_err(|e| ApiError {
        code: ErrorCode::Internal,
        message: format!("sending stopped unexpectedly: {e}"),
        field: None,
    })?
    .map_err(ApiError::from)
}

/// Saves the labels asked for in ZPL where the user chooses in the native
/// save dialog (opened on `start`); the path, or None when closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_labels_zpl(
    app: AppHandle,
    db: State<'_, Db>,
    request: Payload<LabelRequest>,
    start: Payload<String>,
) -> Result<Option<String>, ApiError> {
    let Some(path) = dialogs::save(&app, "Save ZPL", dialogs::ZPL, &start) else {
        return Ok(None);
    };
    let zpl = db.with(|r| r.requested_zpl(&request))?;
    tend_core::atomic_file::write(&path, |out| {
        out.write_all(zpl.as_bytes())
            .map_err(|source| tend_core::Error::Io {
                path: path.clone(),
                source,
            })
    })?;
    Ok(Some(path.display().to_string()))
}
