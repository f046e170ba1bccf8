//! SQL for the repairs and cost report: the repairs logged in a period on
//! assets in scope, with their cost, downtime and asset.

use super::report_scope::{ScopeFilter, SCOPE_CONDITION};
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::ToSql;

/// One repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepairRow {
    pub performed_on: String,
    pub tag: String,
    pub asset_name: String,
    pub category: String,
    pub summary: String,
    pub outcome: Option<String>,
    pub cost_minor: Option<i64>,
    pub currency: Option<String>,
    pub downtime_minutes: Option<u32>,
    pub covered_by_warranty: bool,
}

/// Repairs performed from `from` to `to` (inclusive), by date.
pub(crate) fn repairs(
    conn: &Connection,
    scope: &ScopeFilter,
    from: &str,
    to: &str,
) -> Result<Vec<RepairRow>> {
    let sql = format!(
        "SELECT w.performed_on, a.tag, a.name, c.name, w.summary, w.outcome, w.cost_minor,
                w.cost_currency, w.downtime_minutes, w.covered_by_warranty
         FROM work_log w
         JOIN assets a ON a.id = w.asset_id
         JOIN categories c ON c.id = a.category_id
         WHERE {SCOPE_CONDITION} AND w.kind = 'repair'
           AND w.performed_on BETWEEN :from AND :to
         ORDER BY w.performed_on, w.id"
    );
    let mut params: Vec<(&str, &dyn ToSql)> = scope.params().to_vec();
    params.push((":from", &from));
    params.push((":to", &to));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok(RepairRow {
            performed_on: r.get(0)?,
            tag: r.get(1)?,
            asset_name: r.get(2)?,
            category: r.get(3)?,
            summary: r.get(4)?,
            outcome: r.get(5)?,
            cost_minor: r.get(6)?,
            currency: r.get(7)?,
            downtime_minutes: r.get(8)?,
            covered_by_warranty: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
