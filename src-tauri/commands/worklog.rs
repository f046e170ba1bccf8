//! Work-log and history commands: logging repairs and reading an asset's story.

use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, HistoryEntry, WorkLogEntry, WorkLogInput};

/// The newest `limit` work-log entries of an asset.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_work(
    db: State<'_, Db>,
    asset_id: i64,
    limit: u32,
) -> Result<Vec<WorkLogEntry>, ApiError> {
    db.with(|r| r.list_work(asset_id, limit))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_work(
    db: State<'_, Db>,
    asset_id: i64,
    input: WorkLogInput,
) -> Result<WorkLogEntry, ApiError> {
    db.with(|r| r.create_work(asset_id, &input))
}

/// The newest `limit` history entries of an asset (field changes and work log).
#[tauri::command(rename_all = "snake_case")]
pub async fn asset_history(
    db: State<'_, Db>,
    asset_id: i64,
    limit: u32,
) -> Result<Vec<HistoryEntry>, ApiError> {
    db.with(|r| r.asset_history(asset_id, limit))
}
