//! SQL of CSV exports: every record matching the register's filters,
//! streamed row by row to a callback (never collected), in a stable order
//! (by asset tag, then date and id) so that the same register always gives
//! the same file.

use super::asset_list::filter;
use super::assets::{read_asset, ASSET_COLUMNS, ASSET_JOINS};
use crate::model::*;
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::types::Value;

/// Calls `each` for every asset matching `q` (its sort and paging are
/// ignored: assets come by tag).
pub(crate) fn assets(
    conn: &Connection,
    q: &AssetQuery,
    each: &mut dyn FnMut(&Asset) -> Result<()>,
) -> Result<()> {
    let f = filter(q, conn.store());
    let sql = format!(
        "SELECT {ASSET_COLUMNS} FROM {} {ASSET_JOINS} {} ORDER BY a.tag",
        f.from,
        f.where_clause()
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.each(f.params().as_slice(), |row| {
        each(&read_asset(row)?)?;
        Ok(true)
    })
}

/// `SELECT … FROM <table> t JOIN assets a …` restricted to the assets
/// matching `q`, ordered by tag then `order`; each row's columns as values.
fn related(
    conn: &Connection,
    q: &AssetQuery,
    select: &str,
    order: &str,
    each: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    let f = filter(q, conn.store());
    let sql = format!(
        "{select} WHERE t.asset_id IN (SELECT a.id FROM {} {}) ORDER BY a.tag, {order}",
        f.from,
        f.where_clause()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut values = Vec::new();
    stmt.each(f.params().as_slice(), |row| {
        values.clear();
        for i in 0..row.column_count() {
            values.push(row.get::<Value>(i)?);
        }
        each(&values)?;
        Ok(true)
    })
}

/// Work-log entries of the matching assets: asset tag, performed on, kind,
/// summary, performed by, details, outcome, cost minor, currency, downtime,
/// parts used, covered by warranty, external reference.
pub(crate) fn work(
    conn: &Connection,
    q: &AssetQuery,
    each: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    related(
        conn,
        q,
        "SELECT a.tag, t.performed_on, t.kind, t.summary, p.name, t.details, t.outcome, t.cost_minor,
            t.cost_currency, t.downtime_minutes, t.parts_used, t.covered_by_warranty, t.external_ref
         FROM work_log t JOIN assets a ON a.id = t.asset_id LEFT JOIN people p ON p.id = t.performed_by_id",
        "t.performed_on, t.id",
        each,
    )
}

/// Coverage of the matching assets: asset tag, kind, provider, reference,
/// start, end, service level, cost minor, currency, notice days, notes.
pub(crate) fn coverage(
    conn: &Connection,
    q: &AssetQuery,
    each: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    related(
        conn,
        q,
        "SELECT a.tag, t.kind, t.provider, t.reference, t.start_date, t.end_date, t.service_level,
            t.cost_minor, t.cost_currency, t.notice_days, t.notes
         FROM coverage t JOIN assets a ON a.id = t.asset_id",
        "t.end_date, t.id",
        each,
    )
}

/// Maintenance plans of the matching assets: asset tag, title, interval
/// count and unit, anchor, start, end, lead days, assignee, expected
/// minutes, checklist (JSON), next due, last done, paused, notes.
pub(crate) fn plans(
    conn: &Connection,
    q: &AssetQuery,
    each: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    related(
        conn,
        q,
        "SELECT a.tag, t.title, t.interval_count, t.interval_unit, t.anchor, t.start_date, t.end_date,
            t.lead_days, p.name, t.expected_minutes, t.checklist, t.next_due, t.last_done, t.paused, t.notes
         FROM maintenance_plans t JOIN assets a ON a.id = t.asset_id LEFT JOIN people p ON p.id = t.assignee_id",
        "t.title, t.id",
        each,
    )
}
