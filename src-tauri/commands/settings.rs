//! Settings commands: the organisation name and logo, currency, paper size
//! and date format that reports use.
//!
//! The logo is a file Tend reads, so its path comes from the native open
//! dialog ([`choose_logo`]), not from the web view: [`update_settings`]
//! keeps the logo as it is, or removes it, and refuses any other path.

use crate::dialogs;
use crate::payload::Payload;
use crate::state::Db;
use tauri::{AppHandle, State};
use tend_core::settings::Settings;
use tend_core::{ApiError, Error};

/// The current settings.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(db: State<'_, Db>) -> Result<Settings, ApiError> {
    db.with(|r| r.settings())
}

/// Checks and stores every setting; the error names the first bad field.
/// `logo_path` must be the stored logo or empty (no logo).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_settings(
    db: State<'_, Db>,
    input: Payload<Settings>,
) -> Result<Settings, ApiError> {
    db.with(|r| {
        let stored = r.settings()?;
        let logo = input.logo_path.trim();
        if !logo.is_empty() && logo != stored.logo_path {
            return Err(Error::validation(
                "logo_path",
                "choose the logo with the Choose… button (Tend reads only files chosen in its own dialog)",
            ));
        }
        r.update_settings(&input)
    })
}

/// Asks for the logo with the native open dialog, opened on `start` (a path
/// the user typed, or empty), and stores it; the settings after, or `None`
/// when the user closed the dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_logo(
    app: AppHandle,
    db: State<'_, Db>,
    start: Payload<String>,
) -> Result<Option<Settings>, ApiError> {
    let Some(path) = dialogs::open(&app, "Choose the logo", dialogs::IMAGE, &start) else {
        return Ok(None);
    };
    db.with(|r| {
        let mut settings = r.settings()?;
        settings.logo_path = path.display().to_string();
        r.update_settings(&settings).map(Some)
    })
}

/// The largest logo shown as a preview (a report's logo is small).
const LOGO_PREVIEW_MAX: u64 = 5 * 1024 * 1024;

/// The stored logo as a `data:` URL for Settings' preview; None without a
/// logo. A logo that cannot be read, or is not a PNG or JPEG, is said.
#[tauri::command(rename_all = "snake_case")]
pub async fn logo_preview(db: State<'_, Db>) -> Result<Option<String>, ApiError> {
    let path = db.with(|r| r.settings())?.logo_path;
    if path.trim().is_empty() {
        return Ok(None);
    }
    let unreadable =
        |why: String| ApiError::from(Error::validation("logo_path", format!("{path}: {why}")));
    let size = std::fs::metadata(&path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > LOGO_PREVIEW_MAX {
        return Err(unreadable(format!(
            "{size} bytes; a logo is shown up to {LOGO_PREVIEW_MAX} bytes"
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| unreadable(e.to_string()))?;
    let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(unreadable("not a PNG or JPEG image".into()));
    };
    use base64::Engine;
    Ok(Some(format!(
        "data:{media_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )))
}
