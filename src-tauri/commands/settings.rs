//! Settings commands: the organisation name and logo, currency, paper size
//! and date format that reports use.

use crate::state::Db;
use tauri::State;
use tend_core::settings::Settings;
use tend_core::ApiError;

/// The current settings.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(db: State<'_, Db>) -> Result<Settings, ApiError> {
    db.with(|r| r.settings())
}

/// Checks and stores every setting; the error names the first bad field.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_settings(db: State<'_, Db>, input: Settings) -> Result<Settings, ApiError> {
    db.with(|r| r.update_settings(&input))
}
