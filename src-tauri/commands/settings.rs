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
