//! SQL for category plan templates and the assets they reach.

use super::lookups;
use super::plans::{anchoring_column, anchoring_id, interval_columns, string_list_column};
use crate::model::*;
use crate::record::PlanRecord;
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use rusqlite::named_params;

/// The columns [`read_template`] reads, in its order.
macro_rules! template_columns {
    () => {
        "t.id, t.category_id, c.name, t.title, t.interval_count, t.interval_unit, t.anchor,
        t.start_date, t.lead_days, pe.name, t.expected_minutes, t.checklist, t.auto_apply, t.notes"
    };
}

/// Where templates are read from, with their category and assignee names.
macro_rules! template_tables {
    () => {
        "FROM plan_templates t
        JOIN categories c ON c.id = t.category_id
        LEFT JOIN people pe ON pe.id = t.assignee_id"
    };
}

const SELECT_TEMPLATE: &str = concat!("SELECT ", template_columns!(), " ", template_tables!());

/// Statuses of assets that still get maintenance.
pub(crate) const ACTIVE_STATUSES: &str = "('in_service', 'in_repair', 'spare')";

fn read_template(r: &Row<'_>) -> rusqlite::Result<PlanTemplate> {
    Ok(PlanTemplate {
        id: r.get(0)?,
        category_id: r.get(1)?,
        category: r.get(2)?,
        title: r.get(3)?,
        interval: interval_columns(r, 4, 5)?,
        anchoring: anchoring_column(r, 6)?,
        start_date: r.get(7)?,
        lead_days: r.get(8)?,
        assignee: r.get(9)?,
        expected_minutes: r.get(10)?,
        checklist: string_list_column(r, 11)?,
        auto_apply: r.get(12)?,
        notes: r.get(13)?,
    })
}

/// One template, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<PlanTemplate> {
    let sql = format!("{SELECT_TEMPLATE} WHERE t.id = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([id], read_template)?
        .ok_or_else(|| Error::not_found("plan template", id))
}

/// Every template, by category then title.
pub(crate) fn list(conn: &Connection) -> Result<Vec<PlanTemplate>> {
    let sql = format!("{SELECT_TEMPLATE} ORDER BY c.name, t.title, t.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], read_template)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The templates applied automatically to new assets of a category.
pub(crate) fn automatic_for(conn: &Connection, category_id: i64) -> Result<Vec<PlanTemplate>> {
    let sql =
        format!("{SELECT_TEMPLATE} WHERE t.category_id = ?1 AND t.auto_apply = 1 ORDER BY t.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([category_id], read_template)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every template with its reach: the active assets of its category, and how
/// many of them already have a plan from it. By category then title.
pub(crate) fn list_reach(conn: &Connection) -> Result<Vec<TemplateReach>> {
    let sql = format!(
        "SELECT {columns},
            (SELECT count(*) FROM assets a
             WHERE a.category_id = t.category_id AND a.archived_at IS NULL
               AND a.status IN {ACTIVE_STATUSES}),
            (SELECT count(*) FROM assets a
             WHERE a.category_id = t.category_id AND a.archived_at IS NULL
               AND a.status IN {ACTIVE_STATUSES}
               AND EXISTS (SELECT 1 FROM maintenance_plans p
                           WHERE p.template_id = t.id AND p.asset_id = a.id))
         {tables}
         ORDER BY c.name, t.title, t.id",
        columns = template_columns!(),
        tables = template_tables!(),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(TemplateReach {
            template: read_template(r)?,
            assets: r.get::<i64>(14)? as u64,
            planned: r.get::<i64>(15)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The plans created from a template, as (plan id, asset id), by plan id.
pub(crate) fn plans_from(conn: &Connection, template_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, asset_id FROM maintenance_plans WHERE template_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([template_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a template; the plans created from it stay, no longer linked to
/// it (`ON DELETE SET NULL`). Call inside a write transaction.
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let deleted = conn
        .prepare_cached("DELETE FROM plan_templates WHERE id = ?1")?
        .execute([id])?;
    if deleted == 0 {
        return Err(Error::not_found("plan template", id));
    }
    Ok(())
}

/// Inserts a template; returns its id. Call inside a write transaction.
pub(crate) fn insert(
    conn: &Connection,
    category_id: i64,
    rec: &PlanRecord,
    auto_apply: bool,
    now: &str,
) -> Result<i64> {
    let assignee = lookups::ensure_id(conn, LookupKind::Person, rec.assignee.as_deref())?;
    let checklist = serde_json::to_string(&rec.checklist).expect("strings serialise");
    let id = conn
        .prepare_cached(
            "INSERT INTO plan_templates (category_id, title, interval_count, interval_unit, anchor,
            start_date, lead_days, assignee_id, expected_minutes, checklist, auto_apply, notes,
            created_at, updated_at)
         VALUES (:category, :title, :count, :unit, :anchor, :start, :lead, :assignee, :minutes,
            :checklist, :auto, :notes, :now, :now)",
        )?
        .insert(named_params! {
            ":category": category_id, ":title": rec.title, ":count": rec.interval.every,
            ":unit": rec.interval.unit.as_str(), ":anchor": anchoring_id(rec.anchoring),
            ":start": rec.start.map(|d| d.format("%Y-%m-%d").to_string()), ":lead": rec.lead_days,
            ":assignee": assignee, ":minutes": rec.expected_minutes, ":checklist": checklist,
            ":auto": auto_apply, ":notes": rec.notes, ":now": now,
        })?;
    Ok(id)
}

/// Active assets of a category (not archived; in service, in repair or spare)
/// and, for each, whether it already has a plan from `template_id`.
pub(crate) fn category_assets(
    conn: &Connection,
    category_id: i64,
    template_id: i64,
) -> Result<Vec<(i64, bool)>> {
    let sql = format!(
        "SELECT a.id, EXISTS (SELECT 1 FROM maintenance_plans p
                              WHERE p.template_id = :template AND p.asset_id = a.id)
         FROM assets a
         WHERE a.category_id = :category AND a.archived_at IS NULL AND a.status IN {ACTIVE_STATUSES}
         ORDER BY a.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! { ":category": category_id, ":template": template_id },
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether asset `asset_id` already has a plan from `template_id`.
pub(crate) fn has_plan_from(conn: &Connection, asset_id: i64, template_id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM maintenance_plans WHERE template_id = ?1 AND asset_id = ?2")?
        .exists([template_id, asset_id])
}

/// The category of an asset, and whether it still gets maintenance.
pub(crate) fn asset_category(conn: &Connection, asset_id: i64) -> Result<(i64, bool)> {
    let sql = format!(
        "SELECT category_id, archived_at IS NULL AND status IN {ACTIVE_STATUSES}
         FROM assets WHERE id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_opt([asset_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .ok_or_else(|| Error::not_found("asset", asset_id))
}
