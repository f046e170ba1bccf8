//! SQL for the asset dossier: the asset's maintenance plans (the asset,
//! coverage, work log and history come from their own store modules).

use crate::store::sql::Connection;
use crate::Result;

/// A plan as the dossier lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DossierPlan {
    pub title: String,
    pub interval_count: u32,
    pub interval_unit: String,
    pub anchor: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub due_on: Option<String>,
    pub last_done: Option<String>,
    pub paused: bool,
    pub assignee: Option<String>,
}

/// The plans of asset `asset_id`, by title.
pub(crate) fn plans(conn: &Connection, asset_id: i64) -> Result<Vec<DossierPlan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.title, p.interval_count, p.interval_unit, p.anchor, p.start_date, p.end_date,
                coalesce(p.snoozed_until, p.next_due), p.last_done, p.paused, pe.name
         FROM maintenance_plans p
         LEFT JOIN people pe ON pe.id = p.assignee_id
         WHERE p.asset_id = ?1
         ORDER BY p.title, p.id",
    )?;
    let rows = stmt.query_map([asset_id], |r| {
        Ok(DossierPlan {
            title: r.get(0)?,
            interval_count: r.get(1)?,
            interval_unit: r.get(2)?,
            anchor: r.get(3)?,
            start_date: r.get(4)?,
            end_date: r.get(5)?,
            due_on: r.get(6)?,
            last_done: r.get(7)?,
            paused: r.get(8)?,
            assignee: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
