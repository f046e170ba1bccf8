//! Category plan template commands: the templates with how far each reaches,
//! defining one, applying it to its whole category (a campaign) and deleting
//! it. "Today" is the local calendar date of this machine.

use crate::clock::today;
use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, Id, PlanTemplate, PlanTemplateInput, TemplateApplied, TemplateReach};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_templates(db: State<'_, Db>) -> Result<Vec<TemplateReach>, ApiError> {
    db.with(|r| r.template_reach())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_template(
    db: State<'_, Db>,
    input: Payload<PlanTemplateInput>,
) -> Result<PlanTemplate, ApiError> {
    db.with(|r| r.create_template(&input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn apply_template(
    db: State<'_, Db>,
    id: Payload<Id>,
) -> Result<TemplateApplied, ApiError> {
    db.with(|r| r.apply_template(id.get(), today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_template(db: State<'_, Db>, id: Payload<Id>) -> Result<(), ApiError> {
    db.with(|r| r.delete_template(id.get()))
}
