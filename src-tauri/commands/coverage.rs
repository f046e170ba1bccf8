//! Coverage commands: the warranties and support contracts of an asset.

use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, Coverage, CoverageInput};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_coverage(db: State<'_, Db>, asset_id: i64) -> Result<Vec<Coverage>, ApiError> {
    db.with(|r| r.list_coverage(asset_id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_coverage(
    db: State<'_, Db>,
    asset_id: i64,
    input: CoverageInput,
) -> Result<Coverage, ApiError> {
    db.with(|r| r.create_coverage(asset_id, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_coverage(
    db: State<'_, Db>,
    id: i64,
    input: CoverageInput,
) -> Result<Coverage, ApiError> {
    db.with(|r| r.update_coverage(id, &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_coverage(db: State<'_, Db>, id: i64) -> Result<(), ApiError> {
    db.with(|r| r.delete_coverage(id))
}
