//! Attachment commands: the files of an asset page, choosing files in the
//! native dialog (or dropping them on the window, `lib.rs`), attaching
//! them, a thumbnail's bytes, opening a temporary copy in the system's
//! viewer (never in the web view), saving a copy, removing one.

use base64::Engine;
use tauri::{AppHandle, State};
use tend_core::attachments::AttachRequest;
use tend_core::{ApiError, Attached, Attachment, ChosenFile, ErrorCode, Id};

use crate::chosen::{ChosenFiles, Purpose};
use crate::dialogs;
use crate::payload::Payload;
use crate::state::Db;

/// Every file attached to an asset, its coverage and its work log.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_attachments(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
) -> Result<Vec<Attachment>, ApiError> {
    db.with(|r| r.list_attachments(asset_id.get()))
}

/// Asks for files to attach with the native open dialog (opened on
/// `start`); one token per file, each good once. Empty when closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_attachment_files(
    app: AppHandle,
    files: State<'_, ChosenFiles>,
    start: Payload<String>,
) -> Result<Vec<ChosenFile>, ApiError> {
    let paths = dialogs::open_many(&app, "Attach files", &start);
    files.issue_all(Purpose::AttachSource, paths)
}

/// Attaches the files behind `files` (tokens of the dialog or of a drop)
/// as `request` says, in one write.
#[tauri::command(rename_all = "snake_case")]
pub async fn attach_files(
    db: State<'_, Db>,
    files: State<'_, ChosenFiles>,
    files_chosen: Payload<Vec<String>>,
    request: Payload<AttachRequest>,
) -> Result<Attached, ApiError> {
    let paths = files_chosen
        .iter()
        .map(|token| files.take(token, Purpose::AttachSource))
        .collect::<Result<Vec<_>, _>>()?;
    db.with(|r| r.attach_requested(&paths, &request))
}

/// An image attachment as a `data:` URL for its thumbnail; None for other
/// files and for large images.
#[tauri::command(rename_all = "snake_case")]
pub async fn attachment_preview(
    db: State<'_, Db>,
    id: Payload<Id>,
) -> Result<Option<String>, ApiError> {
    let preview = db.with(|r| r.attachment_preview(id.get()))?;
    Ok(preview.map(|(media_type, bytes)| {
        format!(
            "data:{media_type};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }))
}

/// Opens a copy of the attachment in the system's viewer for its type:
/// written to a new temporary folder under its own name, then handed over.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_attachment(
    app: AppHandle,
    db: State<'_, Db>,
    id: Payload<Id>,
) -> Result<(), ApiError> {
    let folder = tempfile::Builder::new()
        .prefix("tend-attachment-")
        .tempdir()
        .map_err(|e| ApiError {
            code: ErrorCode::Io,
            message: format!("could not make a temporary folder for the file: {e}"),
            field: None,
        })?
        // The viewer reads the file after this command returns: the folder
        // stays until the system clears its temporary files.
        .keep();
    let path = db.with(|r| r.save_attachment_in(id.get(), &folder))?;
    dialogs::open_saved(&app, &path)
}

/// Saves a copy of the attachment where the user chooses in the native
/// save dialog (opened on its own name); the path, or None when closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_attachment_as(
    app: AppHandle,
    db: State<'_, Db>,
    id: Payload<Id>,
) -> Result<Option<String>, ApiError> {
    let link = db.with(|r| r.attachment(id.get()))?;
    let Some(path) = dialogs::save_any(&app, "Save attachment", &link.name) else {
        return Ok(None);
    };
    db.with(|r| r.save_attachment(id.get(), &path))?;
    Ok(Some(path.display().to_string()))
}

/// Removes one attachment from its asset (recorded in history).
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_attachment(db: State<'_, Db>, id: Payload<Id>) -> Result<Attachment, ApiError> {
    db.with(|r| r.remove_attachment(id.get()))
}
