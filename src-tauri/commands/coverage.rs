//! Coverage commands: the warranties and support contracts of an asset.

use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, Coverage, CoverageInput, Id};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_coverage(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
) -> Result<Vec<Coverage>, ApiError> {
    db.with(|r| r.list_coverage(asset_id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_coverage(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    input: Payload<CoverageInput>,
) -> Result<Coverage, ApiError> {
    db.with(|r| r.create_coverage(asset_id.get(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_coverage(
    db: State<'_, Db>,
    id: Payload<Id>,
    input: Payload<CoverageInput>,
) -> Result<Coverage, ApiError> {
    db.with(|r| r.update_coverage(id.get(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_coverage(db: State<'_, Db>, id: Payload<Id>) -> Result<(), ApiError> {
    db.with(|r| r.delete_coverage(id.get()))
}
