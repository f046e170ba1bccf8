//! Due-list commands: the list on the main screen, what became due since the
//! last launch (for the start-up notification), and the coverage in force on
//! an asset today (to prefill "covered by warranty").

use crate::clock::today;
use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::{ApiError, CoverageStatus, DueList, DueQuery, DueSince, Id};

#[tauri::command(rename_all = "snake_case")]
pub async fn due_list(db: State<'_, Db>, query: Payload<DueQuery>) -> Result<DueList, ApiError> {
    db.with_due(|r, kept| kept.list(r, &query, today()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn due_since_last_launch(db: State<'_, Db>) -> Result<DueSince, ApiError> {
    db.with(|r| r.due_since_last_look(today()))
}

/// The coverage a repair done on `performed_on` (empty: today) is
/// covered by by default: the core's rule, as the CLI applies it.
#[tauri::command(rename_all = "snake_case")]
pub async fn work_coverage(
    db: State<'_, Db>,
    asset_id: Payload<Id>,
    performed_on: Payload<String>,
) -> Result<CoverageStatus, ApiError> {
    db.with(|r| r.coverage_for_work(asset_id.get(), &performed_on))
}
