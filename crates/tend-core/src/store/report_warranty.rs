//! SQL for the warranty and lifecycle report: every active asset in scope
//! with the end of its longest-running cover and its end-of-life and
//! end-of-support dates.

use super::report_scope::{ScopeFilter, SCOPE_CONDITION};
use crate::store::sql::Connection;
use crate::Result;

/// An active asset (in service, in repair or spare) and its cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoverRow {
    pub tag: String,
    pub name: String,
    pub category: String,
    pub cost_minor: Option<i64>,
    pub currency: Option<String>,
    /// The latest end date over all its coverage; `None` when it has none.
    pub cover_end: Option<String>,
    /// Kind identifier and provider of that latest cover.
    pub cover_kind: Option<String>,
    pub cover_provider: Option<String>,
    pub end_of_life: Option<String>,
    pub end_of_support: Option<String>,
}

/// Active assets in scope, by tag.
pub(crate) fn active_assets(conn: &Connection, scope: &ScopeFilter) -> Result<Vec<CoverRow>> {
    // The cover that ends last (the newest of a tie), as the due list has it.
    let sql = format!(
        "SELECT a.tag, a.name, c.name, a.purchase_cost_minor, a.purchase_currency,
                cv.end_date, cv.kind, cv.provider, a.end_of_life, a.end_of_support
         FROM assets a
         JOIN categories c ON c.id = a.category_id
         LEFT JOIN coverage cv ON cv.id = (SELECT last.id FROM coverage last
             WHERE last.asset_id = a.id ORDER BY last.end_date DESC, last.id DESC LIMIT 1)
         WHERE {SCOPE_CONDITION} AND a.status IN ('in_service', 'in_repair', 'spare')
         ORDER BY a.tag"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(scope.params().as_slice(), |r| {
        Ok(CoverRow {
            tag: r.get(0)?,
            name: r.get(1)?,
            category: r.get(2)?,
            cost_minor: r.get(3)?,
            currency: r.get(4)?,
            cover_end: r.get(5)?,
            cover_kind: r.get(6)?,
            cover_provider: r.get(7)?,
            end_of_life: r.get(8)?,
            end_of_support: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
