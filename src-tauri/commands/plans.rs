//! Maintenance plan commands: the plans of an asset, their editor, and the
//! operations on the next occurrence (complete, skip, snooze, pause, resume,
//! undo). "Today" is the local calendar date of this machine.

use crate::clock::today;
use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, Completion, CompletionInput, Id, Plan, PlanDetail, PlanInput};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_plans(db: State<'_, Db>, asset_id: Payload<Id>) -> Result<Vec<Plan>, ApiError> {
    db.with(|r| r.list_plans(asset_id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn plan_detail(db: State<'_, Db>, id: Payload<Id>) -> Result<PlanDetail, ApiError> {
    db.with(|r| r.plan_detail(id.get(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_plan(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    input: Payload<PlanInput>,
) -> Result<Plan, ApiError> {
    db.with(|r| r.create_plan(asset_id.get(), &input, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_plan(
    db: State<'_, Db>,
    id: Payload<Id>,
    input: Payload<PlanInput>,
) -> Result<Plan, ApiError> {
    db.with(|r| r.update_plan(id.get(), &input, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_plan(db: State<'_, Db>, id: Payload<Id>) -> Result<(), ApiError> {
    db.with(|r| r.delete_plan(id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn complete_plan(
    db: State<'_, Db>,
    id: Payload<Id>,
    input: Payload<CompletionInput>,
) -> Result<Completion, ApiError> {
    db.with(|r| r.complete_plan(id.get(), &input, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn skip_plan(
    db: State<'_, Db>,
    id: Payload<Id>,
    reason: Payload<String>,
    occurrence: Payload<String>,
) -> Result<Plan, ApiError> {
    db.with(|r| r.skip_plan(id.get(), &reason, &occurrence))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn snooze_plan(
    db: State<'_, Db>,
    id: Payload<Id>,
    until: Payload<String>,
    occurrence: Payload<String>,
) -> Result<Plan, ApiError> {
    db.with(|r| r.snooze_plan(id.get(), &until, today(), &occurrence))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn pause_plan(db: State<'_, Db>, id: Payload<Id>) -> Result<Plan, ApiError> {
    db.with(|r| r.pause_plan(id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn resume_plan(db: State<'_, Db>, id: Payload<Id>) -> Result<Plan, ApiError> {
    db.with(|r| r.resume_plan(id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn undo_plan(db: State<'_, Db>, id: Payload<Id>) -> Result<Plan, ApiError> {
    db.with(|r| r.undo_plan(id.get()))
}
