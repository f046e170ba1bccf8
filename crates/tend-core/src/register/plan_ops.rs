//! The operations on a plan's next occurrence: complete, skip, snooze,
//! pause, resume and undo. Each is one IMMEDIATE transaction that also
//! records its plan event and its history entries; `today` is passed in.

use super::plans::{iso, schedule_of, stored_date};
use super::Register;
use crate::model::*;
use crate::record::{CompletionRecord, WorkRecord};
use crate::schedule::ScheduleError;
use crate::store::history::{Change, Stamp};
use crate::store::plans::{self, EventRecord, Progress};
use crate::store::sql::Connection;
use crate::store::{due, history, worklog};
use crate::validate::{self, TEXT_MAX};
use crate::{Error, Result};
use chrono::NaiveDate;

/// A schedule error as a validation error on its field.
fn schedule_error(e: ScheduleError) -> Error {
    let field = e.field();
    let text = e.to_string();
    let message = text
        .strip_prefix(&format!("{field}: "))
        .unwrap_or(&text)
        .to_string();
    Error::validation(field, message)
}

/// Refuses an operation on a paused or ended plan.
fn require_open(plan: &Plan) -> Result<NaiveDate> {
    if plan.paused {
        return Err(Error::Conflict {
            field: "plan".into(),
            message: format!("\"{}\" is paused; resume it first", plan.title),
        });
    }
    match plan.next_due.as_deref() {
        Some(d) => stored_date("next_due", d),
        None => Err(Error::Conflict {
            field: "plan".into(),
            message: format!(
                "\"{}\" has ended{}; there is no occurrence left",
                plan.title,
                plan.end_date
                    .as_deref()
                    .map(|e| format!(" (end date {e})"))
                    .unwrap_or_default()
            ),
        }),
    }
}

fn plan_change<'a>(plan: &Plan, summary: &'a str) -> Change<'a> {
    Change::event(
        plan.asset_id,
        EntityKind::Plan,
        plan.id,
        ChangeAction::Updated,
        summary,
    )
}

/// Records "next due: old → new" for a plan.
fn record_next_due(conn: &Connection, plan: &Plan, new: Option<&str>, stamp: &Stamp) -> Result<()> {
    if plan.next_due.as_deref() == new {
        return Ok(());
    }
    history::record_field_changes(
        conn,
        plan.asset_id,
        EntityKind::Plan,
        plan.id,
        &[("next_due", plan.next_due.clone(), new.map(str::to_owned))],
        stamp,
    )
}

/// The work-log details of a completion: notes, time spent, checklist, and
/// the occurrences missed before it.
fn completion_details(plan: &Plan, rec: &CompletionRecord, missed: &[String]) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(notes) = &rec.notes {
        lines.push(notes.clone());
    }
    if let Some(m) = rec.minutes_spent {
        lines.push(format!("Time spent: {m} min"));
    }
    if !plan.checklist.is_empty() {
        lines.push("Checklist:".into());
        for item in &plan.checklist {
            let tick = if rec.checked.contains(item) { "x" } else { " " };
            lines.push(format!("[{tick}] {item}"));
        }
    }
    if !missed.is_empty() {
        lines.push(format!("Missed occurrences: {}", missed.join(", ")));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

impl Register {
    /// Completes the next occurrence: writes a preventive-maintenance entry
    /// linked to the plan (its "covered by warranty" taken from the coverage
    /// in force that day) and advances the plan. For a fixed plan the grid
    /// dates passed since the occurrence are recorded as missed. Refused for a
    /// paused or ended plan, and for a date before the plan's start, in the
    /// future, or before the last completion.
    pub fn complete_plan(
        &mut self,
        id: i64,
        input: &CompletionInput,
        today: NaiveDate,
    ) -> Result<Completion> {
        let currency = self.default_currency()?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let plan = plans::require(&tx, id)?;
        let occurrence = require_open(&plan)?;
        super::conflicts::check_occurrence(&tx, &plan, &iso(occurrence), &input.occurrence)?;
        let rec = CompletionRecord::from_input(input, &plan.checklist, &currency, today)?;
        let schedule = schedule_of(&plan)?;
        let last_done = plan
            .last_done
            .as_deref()
            .map(|d| stored_date("last_done", d))
            .transpose()?;
        schedule
            .check_completion(rec.completed_on, last_done, today)
            .map_err(schedule_error)?;
        let advance = schedule.complete(occurrence, rec.completed_on);
        let missed: Vec<String> = advance.missed.iter().copied().map(iso).collect();
        let completed_on = iso(rec.completed_on);
        let coverage_id = due::effective_coverage(&tx, plan.asset_id, &completed_on)?;
        let work = WorkRecord {
            kind: WorkKind::PreventiveMaintenance,
            performed_on: completed_on.clone(),
            performed_by: rec.performed_by.clone().or_else(|| plan.assignee.clone()),
            summary: plan.title.clone(),
            details: completion_details(&plan, &rec, &missed),
            outcome: None,
            cost: rec.cost.clone(),
            downtime_minutes: None,
            parts_used: None,
            covered_by_warranty: coverage_id.is_some(),
            coverage_id,
            external_ref: None,
        };
        let work_id = worklog::insert(&tx, plan.asset_id, &work, &stamp)?;
        plans::link_work(&tx, work_id, id)?;
        let before = Progress::of(&plan);
        let after = Progress {
            next_due: advance.next_due.map(iso),
            last_done: Some(completed_on.clone()),
            snoozed_until: None,
            updated_at: stamp.at.clone(),
        };
        plans::set_progress(&tx, id, &after)?;
        let occurrence_text = iso(occurrence);
        plans::insert_event(
            &tx,
            &EventRecord {
                plan_id: id,
                action: PlanAction::Completed,
                occurrence: Some(&occurrence_text),
                on_date: Some(&completed_on),
                work_log_id: Some(work_id),
                reason: None,
                minutes_spent: rec.minutes_spent,
                checked: Some(&rec.checked),
                missed: &missed,
                before: &before,
            },
            &stamp.at,
        )?;
        let summary = format!(
            "{}: {}",
            WorkKind::PreventiveMaintenance.label(),
            plan.title
        );
        history::record(
            &tx,
            &Change::event(
                plan.asset_id,
                EntityKind::WorkLog,
                work_id,
                ChangeAction::Created,
                &summary,
            ),
            &stamp,
        )?;
        for date in &missed {
            let summary = format!("{}: occurrence due {date} missed", plan.title);
            history::record(
                &tx,
                &Change {
                    field: Some("missed"),
                    new_value: Some(date),
                    ..plan_change(&plan, &summary)
                },
                &stamp,
            )?;
        }
        record_next_due(&tx, &plan, after.next_due.as_deref(), &stamp)?;
        let plan = plans::require(&tx, id)?;
        let work = worklog::require(&tx, work_id)?;
        Register::commit(tx, timeout)?;
        Ok(Completion {
            plan,
            work,
            occurrence: occurrence_text,
            missed,
        })
    }

    /// Skips the next occurrence without work, for a recorded reason.
    /// `seen` is the date the user saw it due on (or snoozed to; empty: the
    /// next, whatever it is): when someone else completed or skipped that
    /// occurrence meanwhile, nothing is recorded (`Conflict` on `occurrence`,
    /// naming who), so two desks never skip two occurrences.
    pub fn skip_plan(&mut self, id: i64, reason: &str, seen: &str) -> Result<Plan> {
        let reason = validate::required("reason", reason, TEXT_MAX)?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let plan = plans::require(&tx, id)?;
        let occurrence = require_open(&plan)?;
        super::conflicts::check_occurrence(&tx, &plan, &iso(occurrence), seen)?;
        let schedule = schedule_of(&plan)?;
        let before = Progress::of(&plan);
        let after = Progress {
            next_due: schedule.skip(occurrence).map(iso),
            snoozed_until: None,
            updated_at: stamp.at.clone(),
            ..before.clone()
        };
        plans::set_progress(&tx, id, &after)?;
        let occurrence_text = iso(occurrence);
        plans::insert_event(
            &tx,
            &EventRecord {
                plan_id: id,
                action: PlanAction::Skipped,
                occurrence: Some(&occurrence_text),
                on_date: None,
                work_log_id: None,
                reason: Some(&reason),
                minutes_spent: None,
                checked: None,
                missed: &[],
                before: &before,
            },
            &stamp.at,
        )?;
        let summary = format!(
            "{}: occurrence due {occurrence_text} skipped ({reason})",
            plan.title
        );
        history::record(&tx, &plan_change(&plan, &summary), &stamp)?;
        record_next_due(&tx, &plan, after.next_due.as_deref(), &stamp)?;
        let plan = plans::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(plan)
    }

    /// Moves only the next occurrence to `until` (today or later, after its
    /// due date); the occurrences after it stay where they were. `seen` as
    /// for [`Register::skip_plan`]: an occurrence done meanwhile elsewhere
    /// is not snoozed in its successor's place.
    pub fn snooze_plan(
        &mut self,
        id: i64,
        until: &str,
        today: NaiveDate,
        seen: &str,
    ) -> Result<Plan> {
        let until_date = validate::date("until", until)?
            .and_then(|d| validate::parse_date(&d))
            .ok_or_else(|| Error::validation("until", "is required (a date as YYYY-MM-DD)"))?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let plan = plans::require(&tx, id)?;
        let occurrence = require_open(&plan)?;
        super::conflicts::check_occurrence(&tx, &plan, &iso(occurrence), seen)?;
        if until_date < today {
            return Err(Error::validation(
                "until",
                format!("{until_date} is in the past (today is {today})"),
            ));
        }
        if until_date <= occurrence {
            return Err(Error::validation(
                "until",
                format!("{until_date} is not after the due date {occurrence}"),
            ));
        }
        let before = Progress::of(&plan);
        let until_text = iso(until_date);
        let after = Progress {
            snoozed_until: Some(until_text.clone()),
            updated_at: stamp.at.clone(),
            ..before.clone()
        };
        plans::set_progress(&tx, id, &after)?;
        let occurrence_text = iso(occurrence);
        plans::insert_event(
            &tx,
            &EventRecord {
                plan_id: id,
                action: PlanAction::Snoozed,
                occurrence: Some(&occurrence_text),
                on_date: Some(&until_text),
                work_log_id: None,
                reason: None,
                minutes_spent: None,
                checked: None,
                missed: &[],
                before: &before,
            },
            &stamp.at,
        )?;
        let summary = format!(
            "{}: occurrence due {occurrence_text} snoozed until {until_text}",
            plan.title
        );
        history::record(
            &tx,
            &Change {
                field: Some("snoozed_until"),
                old_value: plan.snoozed_until.as_deref(),
                new_value: Some(&until_text),
                ..plan_change(&plan, &summary)
            },
            &stamp,
        )?;
        let plan = plans::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(plan)
    }

    /// Pauses a plan: it leaves the due list until resumed. Pausing a paused
    /// plan changes nothing.
    pub fn pause_plan(&mut self, id: i64) -> Result<Plan> {
        self.set_plan_paused(id, true)
    }

    /// Resumes a paused plan; its next due date is where it was.
    pub fn resume_plan(&mut self, id: i64) -> Result<Plan> {
        self.set_plan_paused(id, false)
    }

    fn set_plan_paused(&mut self, id: i64, pause: bool) -> Result<Plan> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let plan = plans::require(&tx, id)?;
        if plan.paused == pause {
            return Ok(plan);
        }
        plans::set_paused(&tx, id, pause, &stamp.at)?;
        let (action, word) = if pause {
            (PlanAction::Paused, "paused")
        } else {
            (PlanAction::Resumed, "resumed")
        };
        plans::insert_event(
            &tx,
            &EventRecord {
                plan_id: id,
                action,
                occurrence: plan.next_due.as_deref(),
                on_date: None,
                work_log_id: None,
                reason: None,
                minutes_spent: None,
                checked: None,
                missed: &[],
                before: &Progress::of(&plan),
            },
            &stamp.at,
        )?;
        let summary = format!("{}: plan {word}", plan.title);
        let (old, new) = (plan.paused.to_string(), pause.to_string());
        history::record(
            &tx,
            &Change {
                field: Some("paused"),
                old_value: Some(&old),
                new_value: Some(&new),
                ..plan_change(&plan, &summary)
            },
            &stamp,
        )?;
        let plan = plans::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(plan)
    }

    /// Undoes the last completion (or skip) not yet undone: restores the
    /// plan's next due date, last completion and snooze exactly as they were
    /// and removes the work-log entry the completion wrote. `Conflict` with
    /// "nothing to undo" when there is none.
    pub fn undo_plan(&mut self, id: i64) -> Result<Plan> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let plan = plans::require(&tx, id)?;
        let last = plans::last_advance(&tx, id)?.ok_or_else(|| Error::Conflict {
            field: "plan".into(),
            message: format!(
                "nothing to undo: \"{}\" has no completion or skip left to undo",
                plan.title
            ),
        })?;
        let current = Progress::of(&plan);
        plans::set_progress(&tx, id, &last.before)?;
        if let Some(work_id) = last.work_log_id {
            if let Ok(entry) = worklog::require(&tx, work_id) {
                worklog::delete(&tx, work_id)?;
                let summary = format!(
                    "{} removed from the work log (completion undone): {}",
                    entry.kind.label(),
                    entry.summary
                );
                history::record(
                    &tx,
                    &Change::event(
                        plan.asset_id,
                        EntityKind::WorkLog,
                        work_id,
                        ChangeAction::Deleted,
                        &summary,
                    ),
                    &stamp,
                )?;
            }
        }
        plans::mark_undone(&tx, last.event_id)?;
        plans::insert_event(
            &tx,
            &EventRecord {
                plan_id: id,
                action: PlanAction::Undone,
                occurrence: last.occurrence.as_deref(),
                on_date: None,
                work_log_id: None,
                reason: None,
                minutes_spent: None,
                checked: None,
                missed: &[],
                before: &current,
            },
            &stamp.at,
        )?;
        let what = if last.action == PlanAction::Skipped {
            "skip"
        } else {
            "completion"
        };
        let summary = format!(
            "{}: {what} of the occurrence due {} undone",
            plan.title,
            last.occurrence.as_deref().unwrap_or("?")
        );
        history::record(&tx, &plan_change(&plan, &summary), &stamp)?;
        record_next_due(&tx, &plan, last.before.next_due.as_deref(), &stamp)?;
        let plan = plans::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(plan)
    }
}
