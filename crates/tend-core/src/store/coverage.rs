//! SQL for coverage: warranties and support contracts of an asset.

use super::assets::{choice_column, money_columns};
use crate::model::*;
use crate::record::CoverageRecord;
use crate::store::sql::{Connection, Row, Statement};
use crate::{Error, Result};
use rusqlite::{named_params, params};

const SELECT_COVERAGE: &str =
    "SELECT id, asset_id, kind, provider, reference, start_date, end_date,
        service_level, cost_minor, cost_currency, notice_days, notes, updated_at FROM coverage";

fn read_coverage(r: &Row<'_>) -> rusqlite::Result<Coverage> {
    Ok(Coverage {
        id: r.get(0)?,
        asset_id: r.get(1)?,
        kind: choice_column(r, 2)?,
        provider: r.get(3)?,
        reference: r.get(4)?,
        start_date: r.get(5)?,
        end_date: r.get(6)?,
        service_level: r.get(7)?,
        cost: money_columns(r, 8, 9)?,
        notice_days: r.get(10)?,
        notes: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// One coverage record, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<Coverage> {
    let sql = format!("{SELECT_COVERAGE} WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([id], read_coverage)?
        .ok_or_else(|| Error::not_found("coverage", id))
}

/// Every coverage record of an asset, latest end date first.
pub(crate) fn for_asset(conn: &Connection, asset_id: i64) -> Result<Vec<Coverage>> {
    let sql = format!("{SELECT_COVERAGE} WHERE asset_id = ?1 ORDER BY end_date DESC, id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([asset_id], read_coverage)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The insert of a coverage record ([`insert_with`] binds it).
pub(crate) const INSERT: &str =
    "INSERT INTO coverage (asset_id, kind, provider, reference, start_date, end_date, service_level,
        cost_minor, cost_currency, notice_days, notes, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

/// Inserts a coverage record; returns its id. Call inside a write transaction.
pub(crate) fn insert(
    conn: &Connection,
    asset_id: i64,
    rec: &CoverageRecord,
    now: &str,
) -> Result<i64> {
    insert_with(&mut conn.prepare_cached(INSERT)?, asset_id, rec, now)
}

/// Inserts a coverage record with `stmt`, [`INSERT`] prepared (an import
/// keeps it for all its rows).
pub(crate) fn insert_with(
    stmt: &mut Statement<'_>,
    asset_id: i64,
    rec: &CoverageRecord,
    now: &str,
) -> Result<i64> {
    stmt.insert(params![
        asset_id,
        rec.kind.id(),
        rec.provider,
        rec.reference,
        rec.start_date,
        rec.end_date,
        rec.service_level,
        rec.cost.as_ref().map(|m| m.minor),
        rec.cost.as_ref().map(|m| m.currency.as_str()),
        rec.notice_days,
        rec.notes,
        now
    ])
}

/// Replaces every field of coverage `id`. Call inside a write transaction.
pub(crate) fn update(conn: &Connection, id: i64, rec: &CoverageRecord, now: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE coverage SET kind = :kind, provider = :provider, reference = :reference,
                start_date = :start, end_date = :end, service_level = :level, cost_minor = :cost,
                cost_currency = :currency, notice_days = :notice, notes = :notes, updated_at = :now
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":id": id, ":kind": rec.kind.id(), ":provider": rec.provider,
            ":reference": rec.reference, ":start": rec.start_date, ":end": rec.end_date,
            ":level": rec.service_level, ":cost": rec.cost.as_ref().map(|m| m.minor),
            ":currency": rec.cost.as_ref().map(|m| m.currency.as_str()), ":notice": rec.notice_days,
            ":notes": rec.notes, ":now": now,
        })?;
    if n == 0 {
        return Err(Error::not_found("coverage", id));
    }
    Ok(())
}

/// Deletes coverage `id` (work-log entries keep their row, losing the link).
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM coverage WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::not_found("coverage", id));
    }
    Ok(())
}
