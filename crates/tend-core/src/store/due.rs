//! SQL for the due list: ONE statement, a UNION ALL of five branches, each a
//! range scan on an indexed date (plans by the date they show as due,
//! coverage by end date and by renewal-notice date, assets by end of life and
//! end of support), sorted by urgency in SQL. Nothing here walks every plan.

use super::plan_templates::ACTIVE_STATUSES;
use super::plans::{anchoring_column, interval_columns};
use crate::model::*;
use crate::schedule::{Anchoring, Interval};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::types::ToSql;
use rusqlite::{Connection, Row};

/// What the store needs to list: the query with lookups resolved.
pub(crate) struct DueFilter<'a> {
    pub today: NaiveDate,
    pub horizon_days: u32,
    pub category_id: Option<i64>,
    pub location_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub kinds: &'a [DueKind],
    pub limit: Option<u32>,
}

/// A row of the due list as stored, before the state is worked out.
pub(crate) struct DueRow {
    pub kind: DueKind,
    pub date: String,
    pub title: String,
    pub asset_id: i64,
    pub asset_tag: String,
    pub asset_name: String,
    pub location: Option<String>,
    pub assignee: Option<String>,
    pub plan_id: Option<i64>,
    pub coverage_id: Option<i64>,
    /// For maintenance: the rule, to count missed periods.
    pub plan_rule: Option<PlanRule>,
}

/// The parts of a plan that decide its calendar.
pub(crate) struct PlanRule {
    pub interval: Interval,
    pub anchoring: Anchoring,
    pub start_date: String,
    pub end_date: Option<String>,
    pub next_due: String,
    pub snoozed: bool,
}

/// The highest lead time of any plan (0 without plans): an index lookup.
fn max_lead_days(conn: &Connection) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT ifnull(max(lead_days), 0) FROM maintenance_plans")?
        .query_row([], |r| r.get(0))?)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The due items matching `f`, most urgent first.
pub(crate) fn list(conn: &Connection, f: &DueFilter<'_>) -> Result<Vec<DueRow>> {
    let wants = |k: DueKind| f.kinds.is_empty() || f.kinds.contains(&k);
    let today = iso(f.today);
    let hi = iso(f.today + Duration::days(i64::from(f.horizon_days)));
    let lead_hi =
        iso(f.today + Duration::days(i64::from(f.horizon_days.max(max_lead_days(conn)?))));

    // The unary `+` keeps the planner off the status index: each branch is
    // driven by its date index, assets are then looked up by id.
    let mut asset_filter = format!("+a.archived_at IS NULL AND +a.status IN {ACTIVE_STATUSES}");
    if f.category_id.is_some() {
        asset_filter.push_str(" AND a.category_id = :category");
    }
    if f.location_id.is_some() {
        asset_filter.push_str(" AND a.location_id IN (SELECT id FROM subtree)");
    }
    let person = |column: &str| {
        if f.assignee_id.is_some() {
            format!(" AND {column} = :assignee")
        } else {
            String::new()
        }
    };
    // The asset's coverage `c` is its last (nothing ends later).
    let last_coverage = "NOT EXISTS (SELECT 1 FROM coverage c2 WHERE c2.asset_id = c.asset_id
        AND (c2.end_date > c.end_date OR (c2.end_date = c.end_date AND c2.id > c.id)))";
    let asset_columns = "a.id, a.tag, a.name, l.path";
    // CROSS JOIN fixes the join order: the dated table first, by its index.
    let asset_join =
        "CROSS JOIN assets a ON a.id = {owner}.asset_id LEFT JOIN locations l ON l.id = a.location_id";

    let mut branches = Vec::new();
    if wants(DueKind::Maintenance) {
        branches.push(format!(
            "SELECT 'maintenance', coalesce(p.snoozed_until, p.next_due),
                p.title, {asset_columns}, pe.name, p.id, NULL,
                p.interval_count, p.interval_unit, p.anchor, p.start_date, p.end_date, p.next_due,
                p.snoozed_until IS NOT NULL
             FROM maintenance_plans p {} LEFT JOIN people pe ON pe.id = p.assignee_id
             WHERE p.paused = 0 AND p.next_due IS NOT NULL
               AND coalesce(p.snoozed_until, p.next_due) <= :lead_hi
               AND (coalesce(p.snoozed_until, p.next_due) <= :hi
                    OR coalesce(p.snoozed_until, p.next_due) <= date(:today, printf('+%d days', p.lead_days)))
               AND {asset_filter}{}",
            asset_join.replace("{owner}", "p"),
            person("p.assignee_id"),
        ));
    }
    let coverage_title = "CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
        WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
        || ifnull(' (' || c.provider || ')', '')";
    let asset_person = person("a.assigned_to_id");
    let no_rule = "NULL, NULL, NULL, NULL, NULL, NULL, 0";
    if wants(DueKind::CoverageEnd) {
        branches.push(format!(
            "SELECT 'coverage_end', c.end_date, {coverage_title}, {asset_columns}, pa.name, NULL, c.id, {no_rule}
             FROM coverage c {} LEFT JOIN people pa ON pa.id = a.assigned_to_id
             WHERE c.end_date <= :hi AND {last_coverage} AND {asset_filter}{asset_person}",
            asset_join.replace("{owner}", "c"),
        ));
    }
    if wants(DueKind::RenewalNotice) {
        branches.push(format!(
            "SELECT 'renewal_notice', date(c.end_date, printf('-%d days', c.notice_days)),
                {coverage_title}, {asset_columns}, pa.name, NULL, c.id, {no_rule}
             FROM coverage c {} LEFT JOIN people pa ON pa.id = a.assigned_to_id
             WHERE c.notice_days IS NOT NULL
               AND date(c.end_date, printf('-%d days', c.notice_days)) <= :hi
               AND c.end_date >= :today AND {last_coverage} AND {asset_filter}{asset_person}",
            asset_join.replace("{owner}", "c"),
        ));
    }
    for (kind, column, title) in [
        (DueKind::EndOfLife, "end_of_life", "End of life"),
        (DueKind::EndOfSupport, "end_of_support", "End of support"),
    ] {
        if wants(kind) {
            branches.push(format!(
                "SELECT '{}', a.{column}, '{title}', {asset_columns}, pa.name, NULL, NULL, {no_rule}
                 FROM assets a LEFT JOIN locations l ON l.id = a.location_id
                 LEFT JOIN people pa ON pa.id = a.assigned_to_id
                 WHERE a.{column} <= :hi AND {asset_filter}{asset_person}",
                kind.id()
            ));
        }
    }
    if branches.is_empty() {
        return Ok(Vec::new());
    }

    let subtree = if f.location_id.is_some() {
        "RECURSIVE subtree(id) AS (SELECT :location UNION ALL
            SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id), "
    } else {
        ""
    };
    // Urgency: overdue (oldest first), due today, expired (most recent
    // first), upcoming (soonest first).
    let sql = format!(
        "WITH {subtree}d(kind, due, title, asset_id, tag, name, location, assignee, plan_id,
            coverage_id, interval_count, interval_unit, anchor, start_date, end_date, next_due,
            snoozed) AS ({})
         SELECT * FROM d
         ORDER BY CASE WHEN d.due > :today THEN 3 WHEN d.due = :today THEN 1
                       WHEN d.kind IN ('coverage_end', 'end_of_life', 'end_of_support') THEN 2
                       ELSE 0 END,
                  CASE WHEN d.due < :today AND d.kind IN ('coverage_end', 'end_of_life', 'end_of_support')
                       THEN -julianday(d.due) ELSE julianday(d.due) END,
                  d.kind, d.tag
         LIMIT :limit",
        branches.join(" UNION ALL ")
    );

    let limit: i64 = f.limit.map_or(-1, i64::from);
    let mut params: Vec<(&str, &dyn ToSql)> = vec![(":today", &today), (":limit", &limit)];
    if sql.contains(":hi") {
        params.push((":hi", &hi));
    }
    if sql.contains(":lead_hi") {
        params.push((":lead_hi", &lead_hi));
    }
    if let Some(c) = &f.category_id {
        params.push((":category", c));
    }
    if let Some(l) = &f.location_id {
        params.push((":location", l));
    }
    if let Some(p) = &f.assignee_id {
        params.push((":assignee", p));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params.as_slice(), read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<DueRow> {
    let kind_text: String = r.get(0)?;
    let kind = DueKind::parse_id(&kind_text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown due kind {kind_text:?}").into(),
        )
    })?;
    let plan_rule = if kind == DueKind::Maintenance {
        Some(PlanRule {
            interval: interval_columns(r, 10, 11)?,
            anchoring: anchoring_column(r, 12)?,
            start_date: r.get(13)?,
            end_date: r.get(14)?,
            next_due: r.get(15)?,
            snoozed: r.get(16)?,
        })
    } else {
        None
    };
    Ok(DueRow {
        kind,
        date: r.get(1)?,
        title: r.get(2)?,
        asset_id: r.get(3)?,
        asset_tag: r.get(4)?,
        asset_name: r.get(5)?,
        location: r.get(6)?,
        assignee: r.get(7)?,
        plan_id: r.get(8)?,
        coverage_id: r.get(9)?,
        plan_rule,
    })
}

/// The effective coverage of an asset on `date`: of the records active that
/// day, the one ending last (then the newest).
pub(crate) fn effective_coverage(
    conn: &Connection,
    asset_id: i64,
    date: &str,
) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT id FROM coverage
             WHERE asset_id = ?1 AND end_date >= ?2 AND (start_date IS NULL OR start_date <= ?2)
             ORDER BY end_date DESC, id DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![asset_id, date], |r| r.get(0))
        .optional()?)
}
