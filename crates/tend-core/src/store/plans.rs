//! SQL for maintenance plans and their events (completions, skips, snoozes,
//! pauses, resumes, undos).

use super::assets::choice_column;
use super::lookups;
use crate::model::*;
use crate::record::PlanRecord;
use crate::schedule::{Anchoring, Interval, IntervalUnit};
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::named_params;

const SELECT_PLAN: &str = "SELECT p.id, p.asset_id, a.tag, a.name, p.title, p.interval_count,
        p.interval_unit, p.anchor, p.start_date, p.end_date, p.lead_days, pe.name,
        p.expected_minutes, p.checklist, p.next_due, p.last_done, p.snoozed_until, p.paused,
        p.template_id, p.notes, p.updated_at
    FROM maintenance_plans p
    JOIN assets a ON a.id = p.asset_id
    LEFT JOIN people pe ON pe.id = p.assignee_id";

/// Reads the interval columns (count, unit) of a plan or template row.
pub(crate) fn interval_columns(
    r: &Row<'_>,
    count: usize,
    unit: usize,
) -> rusqlite::Result<Interval> {
    let text: String = r.get(unit)?;
    let unit_value = IntervalUnit::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            unit,
            rusqlite::types::Type::Text,
            format!("unknown interval unit {text:?}").into(),
        )
    })?;
    Ok(Interval {
        every: r.get(count)?,
        unit: unit_value,
    })
}

/// Reads an anchor column ("fixed" / "floating").
pub(crate) fn anchoring_column(r: &Row<'_>, idx: usize) -> rusqlite::Result<Anchoring> {
    let text: String = r.get(idx)?;
    match text.as_str() {
        "fixed" => Ok(Anchoring::Fixed),
        "floating" => Ok(Anchoring::Floating),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown anchoring {text:?}").into(),
        )),
    }
}

/// Reads a JSON array of strings (checklists, missed dates).
pub(crate) fn string_list_column(r: &Row<'_>, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: Option<String> = r.get(idx)?;
    match text {
        None => Ok(Vec::new()),
        Some(t) => serde_json::from_str(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into())
        }),
    }
}

/// The stored form of an anchoring.
pub(crate) fn anchoring_id(a: Anchoring) -> &'static str {
    match a {
        Anchoring::Fixed => "fixed",
        Anchoring::Floating => "floating",
    }
}

fn read_plan(r: &Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: r.get(0)?,
        asset_id: r.get(1)?,
        asset_tag: r.get(2)?,
        asset_name: r.get(3)?,
        title: r.get(4)?,
        interval: interval_columns(r, 5, 6)?,
        anchoring: anchoring_column(r, 7)?,
        start_date: r.get(8)?,
        end_date: r.get(9)?,
        lead_days: r.get(10)?,
        assignee: r.get(11)?,
        expected_minutes: r.get(12)?,
        checklist: string_list_column(r, 13)?,
        next_due: r.get(14)?,
        last_done: r.get(15)?,
        snoozed_until: r.get(16)?,
        paused: r.get(17)?,
        template_id: r.get(18)?,
        notes: r.get(19)?,
        updated_at: r.get(20)?,
    })
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// One plan, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<Plan> {
    let sql = format!("{SELECT_PLAN} WHERE p.id = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([id], read_plan)?
        .ok_or_else(|| Error::not_found("plan", id))
}

/// Every plan of an asset, soonest due first (ended plans last).
pub(crate) fn for_asset(conn: &Connection, asset_id: i64) -> Result<Vec<Plan>> {
    let sql = format!(
        "{SELECT_PLAN} WHERE p.asset_id = ?1
         ORDER BY coalesce(p.snoozed_until, p.next_due) IS NULL, coalesce(p.snoozed_until, p.next_due), p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([asset_id], read_plan)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a plan starting on `start`; returns its id. Call inside a write
/// transaction.
pub(crate) fn insert(
    conn: &Connection,
    asset_id: i64,
    rec: &PlanRecord,
    start: NaiveDate,
    next_due: Option<NaiveDate>,
    template_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    let assignee = lookups::ensure_id(conn, LookupKind::Person, rec.assignee.as_deref())?;
    let checklist = serde_json::to_string(&rec.checklist).expect("strings serialise");
    let id = conn
        .prepare_cached(
            "INSERT INTO maintenance_plans (asset_id, title, interval_count, interval_unit, anchor,
            start_date, end_date, lead_days, assignee_id, expected_minutes, checklist, next_due,
            template_id, notes, created_at, updated_at)
         VALUES (:asset, :title, :count, :unit, :anchor, :start, :end, :lead, :assignee, :minutes,
            :checklist, :next_due, :template, :notes, :now, :now)",
        )?
        .insert(named_params! {
            ":asset": asset_id, ":title": rec.title, ":count": rec.interval.every,
            ":unit": rec.interval.unit.as_str(), ":anchor": anchoring_id(rec.anchoring),
            ":start": iso(Some(start)), ":end": iso(rec.end), ":lead": rec.lead_days,
            ":assignee": assignee, ":minutes": rec.expected_minutes, ":checklist": checklist,
            ":next_due": iso(next_due), ":template": template_id, ":notes": rec.notes, ":now": now,
        })?;
    Ok(id)
}

/// Replaces the rule and details of plan `id` and sets its next due date
/// (clearing a snooze when `clear_snooze`). Call inside a write transaction.
pub(crate) fn update(
    conn: &Connection,
    id: i64,
    rec: &PlanRecord,
    start: NaiveDate,
    next_due: Option<NaiveDate>,
    clear_snooze: bool,
    now: &str,
) -> Result<()> {
    let assignee = lookups::ensure_id(conn, LookupKind::Person, rec.assignee.as_deref())?;
    let checklist = serde_json::to_string(&rec.checklist).expect("strings serialise");
    let n = conn
        .prepare_cached(
            "UPDATE maintenance_plans SET title = :title, interval_count = :count,
                interval_unit = :unit, anchor = :anchor, start_date = :start, end_date = :end,
                lead_days = :lead, assignee_id = :assignee, expected_minutes = :minutes,
                checklist = :checklist, next_due = :next_due, notes = :notes,
                snoozed_until = CASE WHEN :clear THEN NULL ELSE snoozed_until END,
                updated_at = :now
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":id": id, ":title": rec.title, ":count": rec.interval.every,
            ":unit": rec.interval.unit.as_str(), ":anchor": anchoring_id(rec.anchoring),
            ":start": iso(Some(start)), ":end": iso(rec.end), ":lead": rec.lead_days,
            ":assignee": assignee, ":minutes": rec.expected_minutes, ":checklist": checklist,
            ":next_due": iso(next_due), ":notes": rec.notes, ":clear": clear_snooze, ":now": now,
        })?;
    if n == 0 {
        return Err(Error::not_found("plan", id));
    }
    Ok(())
}

/// Where a plan stands: the dates an operation changes and undo restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Progress {
    pub next_due: Option<String>,
    pub last_done: Option<String>,
    pub snoozed_until: Option<String>,
    pub updated_at: String,
}

impl Progress {
    pub fn of(plan: &Plan) -> Progress {
        Progress {
            next_due: plan.next_due.clone(),
            last_done: plan.last_done.clone(),
            snoozed_until: plan.snoozed_until.clone(),
            updated_at: plan.updated_at.clone(),
        }
    }
}

/// Sets the progress columns of plan `id`. Call inside a write transaction.
pub(crate) fn set_progress(conn: &Connection, id: i64, p: &Progress) -> Result<()> {
    conn.prepare_cached(
        "UPDATE maintenance_plans SET next_due = :next_due, last_done = :last_done,
            snoozed_until = :snoozed, updated_at = :updated WHERE id = :id",
    )?
    .execute(named_params! {
        ":id": id, ":next_due": p.next_due, ":last_done": p.last_done,
        ":snoozed": p.snoozed_until, ":updated": p.updated_at,
    })?;
    Ok(())
}

/// Pauses or resumes plan `id`. Call inside a write transaction.
pub(crate) fn set_paused(conn: &Connection, id: i64, paused: bool, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE maintenance_plans SET paused = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![id, paused, now])?;
    Ok(())
}

/// An action to record on a plan.
pub(crate) struct EventRecord<'a> {
    pub plan_id: i64,
    pub action: PlanAction,
    pub occurrence: Option<&'a str>,
    pub on_date: Option<&'a str>,
    pub work_log_id: Option<i64>,
    pub reason: Option<&'a str>,
    pub minutes_spent: Option<u32>,
    pub checked: Option<&'a [String]>,
    pub missed: &'a [String],
    /// The plan before the action.
    pub before: &'a Progress,
}

/// Appends an event; returns its id. Call inside a write transaction.
pub(crate) fn insert_event(conn: &Connection, e: &EventRecord<'_>, at: &str) -> Result<i64> {
    let checked = e
        .checked
        .map(|c| serde_json::to_string(c).expect("strings serialise"));
    let missed = serde_json::to_string(e.missed).expect("strings serialise");
    let id = conn.prepare_cached(
        "INSERT INTO plan_events (plan_id, action, occurrence, on_date, work_log_id, reason,
            minutes_spent, checklist, missed, prev_next_due, prev_last_done, prev_snoozed_until,
            prev_updated_at, at)
         VALUES (:plan, :action, :occurrence, :on, :work, :reason, :minutes, :checked, :missed,
            :next_due, :last_done, :snoozed, :updated, :at)",
    )?
    .insert(named_params! {
        ":plan": e.plan_id, ":action": e.action.id(), ":occurrence": e.occurrence, ":on": e.on_date,
        ":work": e.work_log_id, ":reason": e.reason, ":minutes": e.minutes_spent,
        ":checked": checked, ":missed": missed, ":next_due": e.before.next_due,
        ":last_done": e.before.last_done, ":snoozed": e.before.snoozed_until,
        ":updated": e.before.updated_at, ":at": at,
    })?;
    Ok(id)
}

/// The newest `limit` events of a plan, newest first.
pub(crate) fn events(conn: &Connection, plan_id: i64, limit: u32) -> Result<Vec<PlanEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, plan_id, action, occurrence, on_date, work_log_id, reason, minutes_spent,
            checklist, missed, undone, at
         FROM plan_events WHERE plan_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![plan_id, limit], |r| {
        Ok(PlanEvent {
            id: r.get(0)?,
            plan_id: r.get(1)?,
            action: choice_column(r, 2)?,
            occurrence: r.get(3)?,
            on_date: r.get(4)?,
            work_log_id: r.get(5)?,
            reason: r.get(6)?,
            minutes_spent: r.get(7)?,
            checked: string_list_column(r, 8)?,
            missed: string_list_column(r, 9)?,
            undone: r.get(10)?,
            at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest completion or skip of a plan not yet undone: the action an
/// undo would reverse, with the state before it.
pub(crate) struct LastAdvance {
    pub event_id: i64,
    pub action: PlanAction,
    pub occurrence: Option<String>,
    pub work_log_id: Option<i64>,
    pub before: Progress,
}

pub(crate) fn last_advance(conn: &Connection, plan_id: i64) -> Result<Option<LastAdvance>> {
    conn.prepare_cached(
        "SELECT id, action, occurrence, work_log_id, prev_next_due, prev_last_done,
                prev_snoozed_until, prev_updated_at
             FROM plan_events
             WHERE plan_id = ?1 AND action IN ('completed', 'skipped') AND undone = 0
             ORDER BY id DESC LIMIT 1",
    )?
    .query_opt([plan_id], |r| {
        Ok(LastAdvance {
            event_id: r.get(0)?,
            action: choice_column(r, 1)?,
            occurrence: r.get(2)?,
            work_log_id: r.get(3)?,
            before: Progress {
                next_due: r.get(4)?,
                last_done: r.get(5)?,
                snoozed_until: r.get(6)?,
                updated_at: r.get::<Option<String>>(7)?.unwrap_or_default(),
            },
        })
    })
}

/// The last completion or skip, not undone, of the plan's occurrence due on
/// `occurrence` (or snoozed to it), with who recorded it (the author of its work-log entry, or of
/// the history entry written with it).
pub(crate) struct OccurrenceDone {
    pub action: PlanAction,
    pub at: String,
    pub on_date: Option<String>,
    pub author: Option<String>,
}

impl OccurrenceDone {
    /// "completed on 2026-12-05", "skipped".
    pub fn action_text(&self) -> String {
        match (self.action, &self.on_date) {
            (PlanAction::Completed, Some(d)) => format!("completed on {d}"),
            (PlanAction::Completed, None) => "completed".into(),
            (PlanAction::Skipped, _) => "skipped".into(),
            (other, _) => other.id().to_string(),
        }
    }
}

pub(crate) fn last_event_on(
    conn: &Connection,
    plan_id: i64,
    occurrence: &str,
) -> Result<Option<OccurrenceDone>> {
    conn.prepare_cached(
        "SELECT e.action, e.at, e.on_date,
                    coalesce(w.author, (SELECT h.author FROM history h
                                        WHERE h.asset_id = p.asset_id AND h.at = e.at
                                          AND h.author IS NOT NULL LIMIT 1))
             FROM plan_events e
             JOIN maintenance_plans p ON p.id = e.plan_id
             LEFT JOIN work_log w ON w.id = e.work_log_id
             WHERE e.plan_id = ?1 AND (e.occurrence = ?2 OR e.prev_snoozed_until = ?2)
               AND e.undone = 0
               AND e.action IN ('completed', 'skipped')
             ORDER BY e.id DESC LIMIT 1",
    )?
    .query_opt(rusqlite::params![plan_id, occurrence], |r| {
        Ok(OccurrenceDone {
            action: choice_column(r, 0)?,
            at: r.get(1)?,
            on_date: r.get(2)?,
            author: r.get(3)?,
        })
    })
}

/// Marks an event as undone. Call inside a write transaction.
pub(crate) fn mark_undone(conn: &Connection, event_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE plan_events SET undone = 1 WHERE id = ?1")?
        .execute([event_id])?;
    Ok(())
}

/// Links a work-log entry to the plan it fulfilled. Call inside a write
/// transaction.
pub(crate) fn link_work(conn: &Connection, work_id: i64, plan_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE work_log SET plan_id = ?2 WHERE id = ?1")?
        .execute([work_id, plan_id])?;
    Ok(())
}

/// Deletes plan `id` (its events go with it). Call inside a write transaction.
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM maintenance_plans WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::not_found("plan", id));
    }
    Ok(())
}
