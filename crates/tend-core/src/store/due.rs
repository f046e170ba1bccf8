//! SQL for the due list. The list is read from `due_entries` (schema v5),
//! which holds every dated item of every asset in use in list order within
//! a day; store/due_entries.rs keeps it equal to the view `due_source`. One
//! range scan per urgency group — overdue, due today, expired, upcoming —
//! returns the group's rows already in order, so a page (`limit`) reads only
//! the rows it shows and the full list needs no sort.

use super::due_entries;
use super::plans::{anchoring_column, interval_columns};
use crate::model::*;
use crate::schedule::{Anchoring, Interval};
use crate::store::sql::{Connection, Row};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::types::ToSql;

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
    /// What a list kept in memory filters and orders by (left default when
    /// the register lists directly).
    pub keys: DueKeys,
}

/// The parts of a stored row that decide whether and where it is listed.
#[derive(Default)]
pub(crate) struct DueKeys {
    /// The plan, coverage or asset id (the last sort key).
    pub item_id: i64,
    pub category_id: i64,
    pub location_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// Maintenance: the day it starts to show (date − lead days).
    pub show_from: Option<String>,
    /// Renewal notice: the contract's end.
    pub end_date: Option<String>,
}

/// The parts of a plan that decide its calendar.
pub(crate) struct PlanRule {
    pub interval: Interval,
    pub anchoring: Anchoring,
    pub start_date: String,
    pub end_date: Option<String>,
    pub next_due: String,
}

/// The highest lead time of any plan (0 without plans): an index lookup.
pub(crate) fn max_lead_days(conn: &Connection) -> Result<u32> {
    conn.prepare_cached("SELECT coalesce(max(lead_days), 0) FROM maintenance_plans")?
        .query_row([], |r| r.get(0))
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

/// The kinds that fall due, and those that end (listed as expired once
/// passed). The text must match the partial index due_entries_ended.
const FALLING_DUE: &str = "kind IN ('maintenance', 'renewal_notice')";
const ENDING: &str = "kind IN ('coverage_end', 'end_of_life', 'end_of_support')";

const COLUMNS: &str = "date, title, asset_id, tag, asset_name, location, assignee, plan_id, \
    coverage_id, snoozed, interval_count, interval_unit, anchor, start_date, plan_end, next_due, kind";

/// [`COLUMNS`] and what a list kept in memory filters by ([`DueKeys`]).
const COLUMNS_WITH_KEYS: &str = "date, title, asset_id, tag, asset_name, location, assignee, \
    plan_id, coverage_id, snoozed, interval_count, interval_unit, anchor, start_date, plan_end, \
    next_due, kind, item_id, category_id, location_id, assignee_id, show_from, end_date";

/// What a statement reads of a group.
enum Read {
    /// Its rows in stored order: date, kind, tag, id.
    Stored,
    /// Its rows newest date first, then kind, tag, id (the ended index, for
    /// a page).
    NewestFirst,
    /// How many rows it has.
    Count,
}

/// The statement reading `group` from `source` (the table, or the view
/// when the table is not up to date).
fn statement(group: Group, read: &Read, source: &str, f: &DueFilter<'_>) -> String {
    let mut conditions = vec![match group {
        // A renewal notice is listed while its contract has not ended.
        Group::Overdue => {
            format!(
                "date < :today AND {FALLING_DUE} AND (kind = 'maintenance' OR end_date >= :today)"
            )
        }
        Group::Today => "date = :today".to_string(),
        Group::Expired => format!("date < :today AND {ENDING}"),
        // Maintenance also shows from its own lead time on (show_from).
        Group::Upcoming => {
            "date > :today AND date <= :lead_hi AND (date <= :hi OR show_from <= :today)"
                .to_string()
        }
    }];
    if !f.kinds.is_empty() {
        let ids: Vec<String> = f.kinds.iter().map(|k| format!("'{}'", k.id())).collect();
        conditions.push(format!("kind IN ({})", ids.join(", ")));
    }
    if f.category_id.is_some() {
        conditions.push("category_id = :category".into());
    }
    if f.location_id.is_some() {
        conditions.push("location_id IN (SELECT id FROM subtree)".into());
    }
    if f.assignee_id.is_some() {
        conditions.push("assignee_id = :assignee".into());
    }
    let subtree = if f.location_id.is_some() {
        "WITH RECURSIVE subtree(id) AS (SELECT CAST(:location AS BIGINT) UNION ALL
            SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id) "
    } else {
        ""
    };
    let conditions = conditions.join(" AND ");
    let order = match read {
        Read::Stored => "date, kind, tag, item_id",
        Read::NewestFirst => "date DESC, kind, tag, item_id",
        Read::Count => return format!("{subtree}SELECT count(*) FROM {source} WHERE {conditions}"),
    };
    format!(
        "{subtree}SELECT {COLUMNS} FROM {source} WHERE {conditions} ORDER BY {order} LIMIT :limit"
    )
}

/// The list's dates and filters as named parameters of a group's statement.
struct Bounds {
    today: String,
    hi: String,
    lead_hi: String,
}

impl Bounds {
    fn of(conn: &Connection, f: &DueFilter<'_>) -> Result<Bounds> {
        Ok(Bounds {
            today: iso(f.today),
            hi: iso(f.today + Duration::days(i64::from(f.horizon_days))),
            lead_hi: iso(
                f.today + Duration::days(i64::from(f.horizon_days.max(max_lead_days(conn)?)))
            ),
        })
    }

    fn params<'p>(
        &'p self,
        group: Group,
        f: &'p DueFilter<'_>,
    ) -> Vec<(&'static str, &'p dyn ToSql)> {
        let mut params: Vec<(&str, &dyn ToSql)> = vec![(":today", &self.today)];
        if group == Group::Upcoming {
            params.push((":hi", &self.hi));
            params.push((":lead_hi", &self.lead_hi));
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
        params
    }
}

fn source(conn: &Connection) -> Result<&'static str> {
    Ok(if due_entries::ready(conn)? {
        "due_entries"
    } else {
        "due_source"
    })
}

/// How many items of each state match `f`, whatever its limit: one count
/// per urgency group (overdue, due today, expired, upcoming).
pub(crate) fn counts(conn: &Connection, f: &DueFilter<'_>) -> Result<DueCounts> {
    let source = source(conn)?;
    let bounds = Bounds::of(conn, f)?;
    let mut n = [0u32; 4];
    for (i, group) in GROUPS.into_iter().enumerate() {
        let sql = statement(group, &Read::Count, source, f);
        n[i] = conn
            .prepare_cached(&sql)?
            .query_row(bounds.params(group, f).as_slice(), |r| r.get(0))?;
    }
    Ok(DueCounts {
        overdue: n[0],
        due: n[1],
        expired: n[2],
        upcoming: n[3],
    })
}

/// The due items matching `f`, most urgent first: overdue (oldest first),
/// due today, expired (most recent first), upcoming (soonest first); within
/// a date by kind, then asset tag.
pub(crate) fn list(conn: &Connection, f: &DueFilter<'_>) -> Result<Vec<DueRow>> {
    let source = source(conn)?;
    let bounds = Bounds::of(conn, f)?;
    let mut out: Vec<DueRow> = Vec::new();
    for group in GROUPS {
        let remaining = match f.limit {
            Some(n) => match (n as usize).checked_sub(out.len()) {
                Some(0) | None => break,
                Some(r) => r as i64,
            },
            None => i64::MAX,
        };
        // The whole expired group is read in stored order and its days
        // reversed below; a page of it reads newest first from its index.
        let read = if group == Group::Expired && f.limit.is_some() {
            Read::NewestFirst
        } else {
            Read::Stored
        };
        let sql = statement(group, &read, source, f);
        let mut params = bounds.params(group, f);
        params.push((":limit", &remaining));
        let with_rule = group == Group::Overdue;
        let mut stmt = conn.prepare_cached(&sql)?;
        let start = out.len();
        stmt.each(params.as_slice(), |r| {
            out.push(read_row(r, with_rule, false)?);
            Ok(true)
        })?;
        if group == Group::Expired && f.limit.is_none() {
            newest_day_first(&mut out[start..]);
        }
    }
    Ok(out)
}

/// Rows in stored order (date, then kind, tag, id) to newest date first,
/// each day's rows keeping their order.
fn newest_day_first(rows: &mut [DueRow]) {
    rows.reverse();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end].date == rows[start].date {
            end += 1;
        }
        rows[start..end].reverse();
        start = end;
    }
}

fn kind_column(r: &Row<'_>, idx: usize) -> rusqlite::Result<DueKind> {
    let text = r.get_ref(idx)?.as_str()?;
    DueKind::ALL
        .iter()
        .copied()
        .find(|k| k.id() == text)
        .ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                idx,
                rusqlite::types::Type::Text,
                format!("unknown due kind {text:?}").into(),
            )
        })
}

fn read_row(r: &Row<'_>, with_rule: bool, with_keys: bool) -> rusqlite::Result<DueRow> {
    let kind = kind_column(r, 16)?;
    let plan_rule = if with_rule && kind == DueKind::Maintenance {
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
        keys: if with_keys {
            DueKeys {
                item_id: r.get(17)?,
                category_id: r.get(18)?,
                location_id: r.get(19)?,
                assignee_id: r.get(20)?,
                show_from: r.get(21)?,
                end_date: r.get(22)?,
            }
        } else {
            DueKeys::default()
        },
    })
}

/// Calls `f` with every stored row dated up to `bound`, in stored order,
/// with the rule of each maintenance row: what a list kept in memory starts
/// from. The rows are not collected, so a long list never sits in memory
/// twice. The caller has made sure the table is up to date
/// ([`due_entries::ready`]).
pub(crate) fn each_row_upto(
    conn: &Connection,
    bound: &str,
    f: &mut dyn FnMut(DueRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS_WITH_KEYS} FROM due_entries WHERE date <= ?1
         ORDER BY date, kind, tag, item_id"
    ))?;
    stmt.each([bound], |r| {
        f(read_row(r, true, true)?)?;
        Ok(true)
    })
}

/// A location and every location below it.
pub(crate) fn location_subtree(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE subtree(id) AS (SELECT CAST(?1 AS BIGINT) UNION ALL
            SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id)
         SELECT id FROM subtree",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The stored rows of one asset dated up to `bound`, with rules.
pub(crate) fn asset_rows_upto(
    conn: &Connection,
    asset_id: i64,
    bound: &str,
) -> Result<Vec<DueRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS_WITH_KEYS} FROM due_entries WHERE asset_id = ?1 AND date <= ?2"
    ))?;
    let mut out = Vec::new();
    stmt.each(rusqlite::params![asset_id, bound], |r| {
        out.push(read_row(r, true, true)?);
        Ok(true)
    })?;
    Ok(out)
}

/// The effective coverage of an asset on `date`: of the records active that
/// day, the one ending last (then the newest).
pub(crate) fn effective_coverage(
    conn: &Connection,
    asset_id: i64,
    date: &str,
) -> Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM coverage
             WHERE asset_id = ?1 AND end_date >= ?2 AND (start_date IS NULL OR start_date <= ?2)
             ORDER BY end_date DESC, id DESC LIMIT 1",
    )?
    .query_opt(rusqlite::params![asset_id, date], |r| r.get(0))
}
