//! Lookup commands: categories, vendors, people and the location tree, for
//! filters and form suggestions.

use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, Location, Lookup, LookupKind};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_lookups(
    db: State<'_, Db>,
    kind: Payload<LookupKind>,
) -> Result<Vec<Lookup>, ApiError> {
    db.with(|r| r.list_lookups(*kind))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_locations(db: State<'_, Db>) -> Result<Vec<Location>, ApiError> {
    db.with(|r| r.list_locations())
}
