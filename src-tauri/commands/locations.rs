//! The locations screen: the tree with counts (overdue maintenance from the
//! kept due list), a rack's front view, renaming and moving a place, and a
//! model's height in rack units.

use crate::clock::today;
use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, DueKind, DueQuery, Id, Location, LocationNode, RackView};

#[tauri::command(rename_all = "snake_case")]
pub async fn location_tree(db: State<'_, Db>) -> Result<Vec<LocationNode>, ApiError> {
    // The overdue are listed whatever the horizon: the shortest one will do.
    let overdue = DueQuery {
        horizon_days: 0,
        kinds: vec![DueKind::Maintenance],
        ..DueQuery::default()
    };
    db.with_due(|r, kept| {
        let due = kept.list(r, &overdue, today())?;
        r.location_tree(&due)
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn rack_view(db: State<'_, Db>, rack_id: Payload<Id>) -> Result<RackView, ApiError> {
    db.with(|r| r.rack_view(rack_id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn rename_location(
    db: State<'_, Db>,
    id: Payload<Id>,
    name: Payload<String>,
) -> Result<Location, ApiError> {
    db.with(|r| r.rename_location(id.get(), &name))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn move_location(
    db: State<'_, Db>,
    id: Payload<Id>,
    parent_id: Payload<Id>,
) -> Result<Location, ApiError> {
    db.with(|r| r.move_location(id.get(), parent_id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_model_height(
    db: State<'_, Db>,
    model: Payload<String>,
    units: Payload<u32>,
) -> Result<(), ApiError> {
    db.with(|r| r.set_model_height(&model, *units))
}
