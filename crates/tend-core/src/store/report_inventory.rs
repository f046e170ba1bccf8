//! SQL for the inventory report: asset counts and purchase value grouped by
//! category, status or site, and the asset list itself.

use super::report_scope::{ScopeFilter, SCOPE_CONDITION};
use crate::store::sql::{Connection, Row, Store};
use crate::Result;
use rusqlite::ToSql;

/// How the inventory is broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    Category,
    Status,
    /// The top level of the location path.
    Site,
}

/// Assets of one group in one purchase currency (none: no cost recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupTotal {
    /// Category name, status identifier or site name; `None` for no location.
    pub label: Option<String>,
    pub currency: Option<String>,
    pub count: u64,
    pub minor: i64,
}

/// One line of the asset list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InventoryRow {
    pub tag: String,
    pub name: String,
    pub category: String,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub status: String,
    pub location: Option<String>,
    pub purchase_date: Option<String>,
    pub cost_minor: Option<i64>,
    pub currency: Option<String>,
}

/// Purchase-date bounds (inclusive, `YYYY-MM-DD`); `None` for open.
pub(crate) struct Purchased {
    pub from: Option<String>,
    pub to: Option<String>,
}

const PURCHASED: &str = "(CAST(:from AS TEXT) IS NULL OR a.purchase_date >= CAST(:from AS TEXT))
    AND (CAST(:to AS TEXT) IS NULL OR a.purchase_date <= CAST(:to AS TEXT))";

fn params<'a>(scope: &'a ScopeFilter, purchased: &'a Purchased) -> Vec<(&'a str, &'a dyn ToSql)> {
    let mut p = scope.params().to_vec();
    p.push((":from", &purchased.from));
    p.push((":to", &purchased.to));
    p
}

/// Counts and purchase value per group and currency, largest value first.
pub(crate) fn breakdown(
    conn: &Connection,
    scope: &ScopeFilter,
    purchased: &Purchased,
    by: Grouping,
) -> Result<Vec<GroupTotal>> {
    let label = match (by, conn.store()) {
        (Grouping::Category, _) => "c.name",
        (Grouping::Status, _) => "a.status",
        // The site: the first level of the location's path.
        (Grouping::Site, Store::Sqlite) => {
            "CASE WHEN instr(l.path, ' › ') > 0 THEN substr(l.path, 1, instr(l.path, ' › ') - 1)
             ELSE l.path END"
        }
        (Grouping::Site, Store::Postgres) => "split_part(l.path, ' › ', 1)",
    };
    let sql = format!(
        "SELECT {label} AS label, a.purchase_currency, count(*), coalesce(sum(a.purchase_cost_minor), 0)
         FROM assets a
         JOIN categories c ON c.id = a.category_id
         LEFT JOIN locations l ON l.id = a.location_id
         WHERE {SCOPE_CONDITION} AND {PURCHASED}
         GROUP BY label, a.purchase_currency"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params(scope, purchased).as_slice(), |r| {
        Ok(GroupTotal {
            label: r.get(0)?,
            currency: r.get(1)?,
            count: r.get::<i64>(2)? as u64,
            minor: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<InventoryRow> {
    Ok(InventoryRow {
        tag: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        manufacturer: r.get(3)?,
        model: r.get(4)?,
        serial: r.get(5)?,
        status: r.get(6)?,
        location: r.get(7)?,
        purchase_date: r.get(8)?,
        cost_minor: r.get(9)?,
        currency: r.get(10)?,
    })
}

/// The assets in scope, by tag.
pub(crate) fn assets(
    conn: &Connection,
    scope: &ScopeFilter,
    purchased: &Purchased,
) -> Result<Vec<InventoryRow>> {
    let sql = format!(
        "SELECT a.tag, a.name, c.name, m.name, a.model, a.serial, a.status, l.path,
                a.purchase_date, a.purchase_cost_minor, a.purchase_currency
         FROM assets a
         JOIN categories c ON c.id = a.category_id
         LEFT JOIN vendors m ON m.id = a.manufacturer_id
         LEFT JOIN locations l ON l.id = a.location_id
         WHERE {SCOPE_CONDITION} AND {PURCHASED}
         ORDER BY a.tag"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params(scope, purchased).as_slice(), read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
