//! SQL for the maintenance report: the plans of assets in scope with their
//! schedules, and the work-log entries that completed them (with the
//! occurrence and time recorded when the completion went through the plan).

use super::report_scope::{ScopeFilter, SCOPE_CONDITION};
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::ToSql;

/// A plan with what the report needs of its schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanRow {
    pub id: i64,
    pub tag: String,
    pub asset_name: String,
    pub title: String,
    pub interval_count: u32,
    pub interval_unit: String,
    pub anchor: String,
    pub start_date: String,
    pub end_date: Option<String>,
    /// The date it shows as due (a snooze moves it); `None` when ended.
    pub due_on: Option<String>,
    pub paused: bool,
    pub assignee: Option<String>,
    pub expected_minutes: Option<u32>,
}

/// A work-log entry linked to a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompletionRow {
    pub plan_id: i64,
    pub performed_on: String,
    pub performed_by: Option<String>,
    /// The due date it fulfilled, when completed through the plan.
    pub occurrence: Option<String>,
    /// Minutes recorded with the completion.
    pub minutes_spent: Option<u32>,
}

/// Every plan of an asset in scope, by asset tag and title.
pub(crate) fn plans(conn: &Connection, scope: &ScopeFilter) -> Result<Vec<PlanRow>> {
    let sql = format!(
        "SELECT p.id, a.tag, a.name, p.title, p.interval_count, p.interval_unit, p.anchor,
                p.start_date, p.end_date, coalesce(p.snoozed_until, p.next_due), p.paused,
                pe.name, p.expected_minutes
         FROM maintenance_plans p
         JOIN assets a ON a.id = p.asset_id
         LEFT JOIN people pe ON pe.id = p.assignee_id
         WHERE {SCOPE_CONDITION}
         ORDER BY a.tag, p.title, p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(scope.params().as_slice(), |r| {
        Ok(PlanRow {
            id: r.get(0)?,
            tag: r.get(1)?,
            asset_name: r.get(2)?,
            title: r.get(3)?,
            interval_count: r.get(4)?,
            interval_unit: r.get(5)?,
            anchor: r.get(6)?,
            start_date: r.get(7)?,
            end_date: r.get(8)?,
            due_on: r.get(9)?,
            paused: r.get(10)?,
            assignee: r.get(11)?,
            expected_minutes: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Plan-linked work-log entries of assets in scope up to `to` (inclusive),
/// in order of plan and date.
pub(crate) fn completions(
    conn: &Connection,
    scope: &ScopeFilter,
    to: &str,
) -> Result<Vec<CompletionRow>> {
    let sql = format!(
        "SELECT w.plan_id, w.performed_on, pe.name, ev.occurrence, ev.minutes_spent
         FROM work_log w
         JOIN maintenance_plans p ON p.id = w.plan_id
         JOIN assets a ON a.id = p.asset_id
         LEFT JOIN people pe ON pe.id = w.performed_by_id
         LEFT JOIN plan_events ev
                ON ev.work_log_id = w.id AND ev.action = 'completed' AND ev.undone = 0
         WHERE {SCOPE_CONDITION} AND w.performed_on <= :to
         ORDER BY w.plan_id, w.performed_on, w.id"
    );
    let mut params: Vec<(&str, &dyn ToSql)> = scope.params().to_vec();
    params.push((":to", &to));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok(CompletionRow {
            plan_id: r.get(0)?,
            performed_on: r.get(1)?,
            performed_by: r.get(2)?,
            occurrence: r.get(3)?,
            minutes_spent: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
