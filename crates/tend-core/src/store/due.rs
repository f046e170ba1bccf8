//! SQL for the due list. Each kind of item is read by its own statement, a
//! range scan on that kind's date index (plans by the date they show as
//! due, coverage by end date and by renewal-notice date, assets by end of
//! life and end of support), once per urgency group: overdue, due today,
//! expired, upcoming. Each statement returns its rows already in the
//! group's order, so a page (`limit`) reads only as many rows as it shows,
//! and the full list is merged without sorting in SQL. Nothing here walks
//! every plan.

use super::plan_templates::ACTIVE_STATUSES;
use super::plans::{anchoring_column, interval_columns};
use crate::model::*;
use crate::schedule::{Anchoring, Interval};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::types::ToSql;
use rusqlite::{Connection, Row};
use std::cmp::Ordering;

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
    /// For maintenance: the occurrence was snoozed.
    pub snoozed: bool,
    /// For overdue maintenance only: the rule, to count missed periods.
    pub plan_rule: Option<PlanRule>,
}

/// The parts of a plan that decide its calendar.
pub(crate) struct PlanRule {
    pub interval: Interval,
    pub anchoring: Anchoring,
    pub start_date: String,
    pub end_date: Option<String>,
    pub next_due: String,
}

/// The longest notice period of any contract (0 without): an index lookup.
fn max_notice_days(conn: &Connection) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT ifnull(max(notice_days), 0) FROM coverage INDEXED BY coverage_notice_days
             WHERE notice_days IS NOT NULL",
        )?
        .query_row([], |r| r.get(0))?)
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

/// The urgency groups, in list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// Maintenance and renewal notices before today, oldest first.
    Overdue,
    /// Everything dated today.
    Today,
    /// Coverage, life and support that ended before today, most recent first.
    Expired,
    /// Everything after today within the horizon (or lead time), soonest first.
    Upcoming,
}

const GROUPS: [Group; 4] = [
    Group::Overdue,
    Group::Today,
    Group::Expired,
    Group::Upcoming,
];

/// Kinds that end (listed as expired once passed) rather than fall due.
fn ends(kind: DueKind) -> bool {
    matches!(
        kind,
        DueKind::CoverageEnd | DueKind::EndOfLife | DueKind::EndOfSupport
    )
}

fn in_group(kind: DueKind, group: Group) -> bool {
    match group {
        Group::Overdue => !ends(kind),
        Group::Expired => ends(kind),
        Group::Today | Group::Upcoming => true,
    }
}

/// One statement: `kind` in `group`, in the group's order. Columns: date,
/// title, asset id, tag, name, location, assignee, plan id, coverage id,
/// snoozed, then (maintenance) interval count and unit, anchor, start, end,
/// next due.
fn statement(kind: DueKind, group: Group, f: &DueFilter<'_>) -> String {
    // In use: plans and coverage are joined first to assets_in_use (schema
    // v4), an index-only probe made before the asset row is read (as an
    // EXISTS, SQLite 3.54 turns it into a join placed after the asset);
    // end of life and end of support are read from partial indexes that
    // hold only assets in use.
    let in_use = format!("archived_at IS NULL AND status IN {ACTIVE_STATUSES}");
    let mut asset_filter = String::new();
    if f.category_id.is_some() {
        asset_filter.push_str(" AND a.category_id = :category");
    }
    if f.location_id.is_some() {
        asset_filter.push_str(" AND a.location_id IN (SELECT id FROM subtree)");
    }
    let assignee_column = if kind == DueKind::Maintenance {
        "p.assignee_id"
    } else {
        "a.assigned_to_id"
    };
    if f.assignee_id.is_some() {
        asset_filter.push_str(&format!(" AND {assignee_column} = :assignee"));
    }
    // The asset's coverage `c` is its last (nothing ends later); a range
    // seek on coverage_asset (asset_id, end_date).
    let last_coverage = "NOT EXISTS (SELECT 1 FROM coverage c2 WHERE c2.asset_id = c.asset_id
        AND c2.end_date >= c.end_date AND (c2.end_date > c.end_date OR c2.id > c.id))";
    let asset_columns = "a.id, a.tag, a.name, l.path";
    // CROSS JOIN fixes the join order: the dated table first, by its index,
    // then the in-use probe, then the asset row and its location.
    let asset_join = |owner: &str| {
        format!(
            "CROSS JOIN assets u INDEXED BY assets_in_use ON u.id = {owner}.asset_id
                AND u.{}
             CROSS JOIN assets a ON a.id = {owner}.asset_id LEFT JOIN locations l ON l.id = a.location_id",
            in_use.replace(" AND status", " AND u.status")
        )
    };
    let coverage_title = "CASE c.kind WHEN 'manufacturer_warranty' THEN 'Manufacturer warranty'
        WHEN 'extended_warranty' THEN 'Extended warranty' ELSE 'Support contract' END
        || ifnull(' (' || c.provider || ')', '')";
    let no_rule = "0, NULL, NULL, NULL, NULL, NULL, NULL";
    let (key, select_from, condition, id) = match kind {
        DueKind::Maintenance => (
            "coalesce(p.snoozed_until, p.next_due)",
            format!(
                "SELECT coalesce(p.snoozed_until, p.next_due), p.title, {asset_columns}, pe.name, p.id, NULL,
                    p.snoozed_until IS NOT NULL, p.interval_count, p.interval_unit, p.anchor,
                    p.start_date, p.end_date, p.next_due
                 FROM maintenance_plans p INDEXED BY maintenance_plans_due_asset {}
                 LEFT JOIN people pe ON pe.id = p.assignee_id",
                asset_join("p")
            ),
            "p.paused = 0 AND p.next_due IS NOT NULL".to_string(),
            "p.id",
        ),
        DueKind::CoverageEnd => (
            "c.end_date",
            format!(
                "SELECT c.end_date, {coverage_title}, {asset_columns}, pa.name, NULL, c.id, {no_rule}
                 FROM coverage c INDEXED BY coverage_end_asset {}
                 LEFT JOIN people pa ON pa.id = a.assigned_to_id",
                asset_join("c")
            ),
            last_coverage.to_string(),
            "c.id",
        ),
        DueKind::RenewalNotice => (
            "date(c.end_date, printf('-%d days', c.notice_days))",
            format!(
                "SELECT date(c.end_date, printf('-%d days', c.notice_days)), {coverage_title}, {asset_columns},
                    pa.name, NULL, c.id, {no_rule}
                 FROM coverage c INDEXED BY coverage_notice_end {}
                 LEFT JOIN people pa ON pa.id = a.assigned_to_id",
                asset_join("c")
            ),
            format!(
                "c.notice_days IS NOT NULL AND c.end_date >= :today AND c.end_date <= :notice_end_hi
                 AND {last_coverage}"
            ),
            "c.id",
        ),
        DueKind::EndOfLife | DueKind::EndOfSupport => {
            let (key, title, index) = if kind == DueKind::EndOfLife {
                ("a.end_of_life", "End of life", "assets_in_use_end_of_life")
            } else {
                (
                    "a.end_of_support",
                    "End of support",
                    "assets_in_use_end_of_support",
                )
            };
            (
                key,
                format!(
                    "SELECT {key}, '{title}', {asset_columns}, pa.name, NULL, NULL, {no_rule}
                     FROM assets a INDEXED BY {index} LEFT JOIN locations l ON l.id = a.location_id
                     LEFT JOIN people pa ON pa.id = a.assigned_to_id"
                ),
                format!(
                    "{key} IS NOT NULL AND a.{}",
                    in_use.replace(" AND status", " AND a.status")
                ),
                "a.id",
            )
        }
    };
    let (range, order) = match group {
        Group::Overdue => (format!("{key} < :today"), "ASC"),
        Group::Expired => (format!("{key} < :today"), "DESC"),
        Group::Today => (format!("{key} = :today"), "ASC"),
        Group::Upcoming if kind == DueKind::Maintenance => (
            format!(
                "{key} > :today AND {key} <= :lead_hi
                 AND ({key} <= :hi OR {key} <= date(:today, printf('+%d days', p.lead_days)))"
            ),
            "ASC",
        ),
        Group::Upcoming => (format!("{key} > :today AND {key} <= :hi"), "ASC"),
    };
    let subtree = if f.location_id.is_some() {
        "WITH RECURSIVE subtree(id) AS (SELECT :location UNION ALL
            SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id) "
    } else {
        ""
    };
    format!(
        "{subtree}{select_from}
         WHERE {range} AND {condition}{asset_filter}
         ORDER BY {key} {order}, a.tag, {id} LIMIT :limit"
    )
}

/// Within a group: by date (the group's direction), then kind, tag and id.
fn compare(group: Group, a: &DueRow, b: &DueRow) -> Ordering {
    let by_date = if group == Group::Expired {
        b.date.cmp(&a.date)
    } else {
        a.date.cmp(&b.date)
    };
    by_date
        .then_with(|| a.kind.id().cmp(b.kind.id()))
        .then_with(|| nocase(&a.asset_tag, &b.asset_tag))
        .then_with(|| (a.plan_id.or(a.coverage_id)).cmp(&b.plan_id.or(b.coverage_id)))
}

/// SQLite's NOCASE order (the tag column's collation): ASCII letters
/// compare ignoring case, everything else byte by byte.
fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The due items matching `f`, most urgent first: overdue (oldest first),
/// due today, expired (most recent first), upcoming (soonest first); within
/// a date by kind, then asset tag.
pub(crate) fn list(conn: &Connection, f: &DueFilter<'_>) -> Result<Vec<DueRow>> {
    let all = [
        DueKind::CoverageEnd,
        DueKind::EndOfLife,
        DueKind::EndOfSupport,
        DueKind::Maintenance,
        DueKind::RenewalNotice,
    ];
    let wanted: Vec<DueKind> = all
        .into_iter()
        .filter(|k| f.kinds.is_empty() || f.kinds.contains(k))
        .collect();
    let today = iso(f.today);
    let hi = iso(f.today + Duration::days(i64::from(f.horizon_days)));
    let lead_hi = if wanted.contains(&DueKind::Maintenance) {
        iso(f.today + Duration::days(i64::from(f.horizon_days.max(max_lead_days(conn)?))))
    } else {
        hi.clone()
    };

    // A notice dated up to the horizon belongs to a contract ending at most
    // the longest notice period later.
    let notice_end_hi = if wanted.contains(&DueKind::RenewalNotice) {
        iso(f.today + Duration::days(i64::from(f.horizon_days) + i64::from(max_notice_days(conn)?)))
    } else {
        hi.clone()
    };

    let mut out: Vec<DueRow> = Vec::new();
    for group in GROUPS {
        let remaining = match f.limit {
            Some(n) => match (n as usize).checked_sub(out.len()) {
                Some(0) | None => break,
                Some(r) => r as i64,
            },
            None => -1,
        };
        let start = out.len();
        let mut parts = 0;
        for &kind in wanted.iter().filter(|k| in_group(**k, group)) {
            let sql = statement(kind, group, f);
            let mut params: Vec<(&str, &dyn ToSql)> =
                vec![(":today", &today), (":limit", &remaining)];
            if kind == DueKind::RenewalNotice {
                params.push((":notice_end_hi", &notice_end_hi));
            }
            if group == Group::Upcoming {
                params.push((":hi", &hi));
                if kind == DueKind::Maintenance {
                    params.push((":lead_hi", &lead_hi));
                }
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
            let with_rule = kind == DueKind::Maintenance && group == Group::Overdue;
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params.as_slice())?;
            let before = out.len();
            while let Some(r) = rows.next()? {
                out.push(read_row(r, kind, with_rule)?);
            }
            if out.len() > before {
                parts += 1;
            }
        }
        // Each statement's rows are already in order: merge them (a stable
        // sort of sorted runs), then keep what the page has room for.
        if parts > 1 {
            out[start..].sort_by(|a, b| compare(group, a, b));
        }
        if let Some(n) = f.limit {
            out.truncate(n as usize);
        }
    }
    Ok(out)
}

fn read_row(r: &Row<'_>, kind: DueKind, with_rule: bool) -> rusqlite::Result<DueRow> {
    let plan_rule = if with_rule {
        Some(PlanRule {
            interval: interval_columns(r, 10, 11)?,
            anchoring: anchoring_column(r, 12)?,
            start_date: r.get(13)?,
            end_date: r.get(14)?,
            next_due: r.get(15)?,
        })
    } else {
        None
    };
    Ok(DueRow {
        kind,
        date: r.get(0)?,
        title: r.get(1)?,
        asset_id: r.get(2)?,
        asset_tag: r.get(3)?,
        asset_name: r.get(4)?,
        location: r.get(5)?,
        assignee: r.get(6)?,
        plan_id: r.get(7)?,
        coverage_id: r.get(8)?,
        snoozed: r.get(9)?,
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
