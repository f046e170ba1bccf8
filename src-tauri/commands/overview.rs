//! Home's figures: judged on today, with the maintenance counts taken from
//! the due list the app keeps in memory.
//!
//! The register's opening thread works them out once before any command
//! runs ([`prepare`]), while the window's web view is still starting (about
//! 0.7 s): the first `overview` then answers at once when the register has
//! not changed since and it is still the same day.

use crate::clock::today;
use crate::state::Db;
use chrono::NaiveDate;
use tauri::State;
use tend_core::{ApiError, DueKind, DueQuery, LiveDueList, Overview, Register};

#[tauri::command(rename_all = "snake_case")]
pub async fn overview(db: State<'_, Db>) -> Result<Overview, ApiError> {
    let today = today();
    db.with_due(|r, kept| {
        // (Taken once the register is open: the opening thread prepares it.)
        let prepared = db.take_prepared_home();
        if let Some(prepared) = prepared.filter(|p| p.still_true(r, today)) {
            return Ok(prepared.overview);
        }
        figures(r, kept, today)
    })
}

/// Home's figures worked out ahead, with what they were worked out on.
pub struct PreparedHome {
    overview: Overview,
    today: NaiveDate,
    stamp: (i64, u64),
}

impl PreparedHome {
    /// Whether the figures are still those `register` would give today.
    fn still_true(&self, register: &Register, today: NaiveDate) -> bool {
        self.today == today && register.change_stamp().ok() == Some(self.stamp)
    }
}

/// Home's figures for `register` now (also filling the kept due list), or
/// None when they cannot be worked out: the `overview` command then works
/// them out itself and reports why.
pub fn prepare(register: &mut Register, kept: &mut LiveDueList) -> Option<PreparedHome> {
    let today = today();
    register.set_today(today);
    let overview = figures(register, kept, today).ok()?;
    let stamp = register.change_stamp().ok()?;
    Some(PreparedHome {
        overview,
        today,
        stamp,
    })
}

fn figures(
    register: &Register,
    kept: &mut LiveDueList,
    today: NaiveDate,
) -> tend_core::Result<Overview> {
    let week = DueQuery {
        horizon_days: 7,
        kinds: vec![DueKind::Maintenance],
        ..DueQuery::default()
    };
    let due = kept.list(register, &week, today)?;
    register.overview(today, &due)
}
