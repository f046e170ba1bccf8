//! Work-log and history commands: logging repairs and reading an asset's story.

use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, HistoryEntry, Id, WorkLogEntry, WorkLogInput};

/// The newest `limit` work-log entries of an asset.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_work(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    limit: Payload<u32>,
) -> Result<Vec<WorkLogEntry>, ApiError> {
    db.with(|r| r.list_work(asset_id.get(), *limit))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_work(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    input: Payload<WorkLogInput>,
) -> Result<WorkLogEntry, ApiError> {
    db.with(|r| r.create_work(asset_id.get(), &input))
}

/// The newest `limit` history entries of an asset (field changes and work log).
#[tauri::command(rename_all = "snake_case")]
pub async fn asset_history(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    limit: Payload<u32>,
) -> Result<Vec<HistoryEntry>, ApiError> {
    db.with(|r| r.asset_history(asset_id.get(), *limit))
}
