//! Home's figures: judged on today, with the maintenance counts taken from
//! the due list the app keeps in memory.

use crate::clock::today;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, DueKind, DueQuery, Overview};

#[tauri::command(rename_all = "snake_case")]
pub async fn overview(db: State<'_, Db>) -> Result<Overview, ApiError> {
    let today = today();
    let week = DueQuery {
        horizon_days: 7,
        kinds: vec![DueKind::Maintenance],
        ..DueQuery::default()
    };
    db.with_due(|r, kept| {
        let due = kept.list(r, &week, today)?;
        r.overview(today, &due)
    })
}
