//! SQL for the work log: repairs and completed maintenance of an asset.

use super::assets::{choice_column, money_columns};
use super::history::Stamp;
use super::lookups;
use crate::model::*;
use crate::record::WorkRecord;
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use rusqlite::named_params;

const SELECT_WORK: &str =
    "SELECT w.id, w.asset_id, a.tag, w.plan_id, w.kind, w.performed_on, p.name,
        w.summary, w.details, w.outcome, w.cost_minor, w.cost_currency, w.downtime_minutes,
        w.parts_used, w.covered_by_warranty, w.coverage_id, w.external_ref, w.created_at,
        w.author, w.updated_at
    FROM work_log w
    JOIN assets a ON a.id = w.asset_id
    LEFT JOIN people p ON p.id = w.performed_by_id";

fn read_work(r: &Row<'_>) -> rusqlite::Result<WorkLogEntry> {
    let outcome: Option<String> = r.get(9)?;
    Ok(WorkLogEntry {
        id: r.get(0)?,
        asset_id: r.get(1)?,
        asset_tag: r.get(2)?,
        plan_id: r.get(3)?,
        kind: choice_column(r, 4)?,
        performed_on: r.get(5)?,
        performed_by: r.get(6)?,
        summary: r.get(7)?,
        details: r.get(8)?,
        outcome: match outcome {
            Some(_) => Some(choice_column(r, 9)?),
            None => None,
        },
        cost: money_columns(r, 10, 11)?,
        downtime_minutes: r.get(12)?,
        parts_used: r.get(13)?,
        covered_by_warranty: r.get(14)?,
        coverage_id: r.get(15)?,
        external_ref: r.get(16)?,
        created_at: r.get(17)?,
        author: r.get(18)?,
        updated_at: r.get(19)?,
    })
}

/// One entry, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<WorkLogEntry> {
    let sql = format!("{SELECT_WORK} WHERE w.id = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([id], read_work)?
        .ok_or_else(|| Error::not_found("work-log entry", id))
}

/// The newest `limit` entries of an asset (by date performed, then entry).
pub(crate) fn for_asset(conn: &Connection, asset_id: i64, limit: u32) -> Result<Vec<WorkLogEntry>> {
    let sql = format!(
        "{SELECT_WORK} WHERE w.asset_id = ?1 ORDER BY w.performed_on DESC, w.id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![asset_id, limit], read_work)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses a coverage link to another asset's (or a missing) coverage.
fn check_coverage(conn: &Connection, asset_id: i64, coverage_id: Option<i64>) -> Result<()> {
    let Some(cid) = coverage_id else {
        return Ok(());
    };
    let owner: Option<i64> = conn
        .prepare_cached("SELECT asset_id FROM coverage WHERE id = ?1")?
        .query_opt([cid], |r| r.get(0))?;
    match owner {
        Some(a) if a == asset_id => Ok(()),
        Some(_) => Err(Error::validation(
            "coverage_id",
            format!("coverage {cid} belongs to another asset"),
        )),
        None => Err(Error::validation(
            "coverage_id",
            format!("no coverage with id {cid}"),
        )),
    }
}

/// Inserts an entry logged by `stamp`'s author; returns its id. Call inside
/// a write transaction.
pub(crate) fn insert(
    conn: &Connection,
    asset_id: i64,
    rec: &WorkRecord,
    stamp: &Stamp,
) -> Result<i64> {
    check_coverage(conn, asset_id, rec.coverage_id)?;
    let person = lookups::ensure_id(conn, LookupKind::Person, rec.performed_by.as_deref())?;
    let id = conn.prepare_cached(
        "INSERT INTO work_log (asset_id, kind, performed_on, performed_by_id, summary, details, outcome,
            cost_minor, cost_currency, downtime_minutes, parts_used, covered_by_warranty, coverage_id,
            external_ref, created_at, updated_at, author)
         VALUES (:asset, :kind, :on, :by, :summary, :details, :outcome, :cost, :currency, :downtime,
            :parts, :covered, :coverage, :external, :now, :now, :author)",
    )?
    .insert(named_params! {
        ":asset": asset_id, ":kind": rec.kind.id(), ":on": rec.performed_on, ":by": person,
        ":summary": rec.summary, ":details": rec.details, ":outcome": rec.outcome.map(|o| o.id()),
        ":cost": rec.cost.as_ref().map(|m| m.minor), ":currency": rec.cost.as_ref().map(|m| m.currency.as_str()),
        ":downtime": rec.downtime_minutes, ":parts": rec.parts_used, ":covered": rec.covered_by_warranty,
        ":coverage": rec.coverage_id, ":external": rec.external_ref, ":now": stamp.at,
        ":author": stamp.author,
    })?;
    Ok(id)
}

/// Replaces every field of entry `id` (its asset and author stay). Call
/// inside a write transaction.
pub(crate) fn update(
    conn: &Connection,
    id: i64,
    asset_id: i64,
    rec: &WorkRecord,
    now: &str,
) -> Result<()> {
    check_coverage(conn, asset_id, rec.coverage_id)?;
    let person = lookups::ensure_id(conn, LookupKind::Person, rec.performed_by.as_deref())?;
    let n = conn
        .prepare_cached(
            "UPDATE work_log SET kind = :kind, performed_on = :on, performed_by_id = :by,
                summary = :summary, details = :details, outcome = :outcome, cost_minor = :cost,
                cost_currency = :currency, downtime_minutes = :downtime, parts_used = :parts,
                covered_by_warranty = :covered, coverage_id = :coverage, external_ref = :external,
                updated_at = :now
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":id": id, ":kind": rec.kind.id(), ":on": rec.performed_on, ":by": person,
            ":summary": rec.summary, ":details": rec.details, ":outcome": rec.outcome.map(|o| o.id()),
            ":cost": rec.cost.as_ref().map(|m| m.minor), ":currency": rec.cost.as_ref().map(|m| m.currency.as_str()),
            ":downtime": rec.downtime_minutes, ":parts": rec.parts_used, ":covered": rec.covered_by_warranty,
            ":coverage": rec.coverage_id, ":external": rec.external_ref, ":now": now,
        })?;
    if n == 0 {
        return Err(Error::not_found("work-log entry", id));
    }
    Ok(())
}

/// Deletes entry `id`.
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM work_log WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::not_found("work-log entry", id));
    }
    Ok(())
}

/// The latest entries of the whole register, newest first.
pub(crate) fn latest(conn: &Connection, limit: u32) -> Result<Vec<WorkLogEntry>> {
    let sql = format!("{SELECT_WORK} ORDER BY w.performed_on DESC, w.id DESC LIMIT ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([limit], read_work)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
