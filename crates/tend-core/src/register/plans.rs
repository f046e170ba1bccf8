//! The use-case API for maintenance plans: create, update, delete, list and
//! show, and the calendar glue the operations (in `plan_ops`) share. `today`
//! is passed in (the clock is the caller's), so every rule about "the
//! future" is testable.

use super::Register;
use crate::model::*;
use crate::record::{self, PlanRecord};
use crate::schedule::{Anchoring, Schedule};
use crate::store::history::Change;
use crate::store::plans;
use crate::store::{assets, history};
use crate::validate;
use crate::{Error, Result};
use chrono::{Duration, NaiveDate};

/// Most events returned with a plan.
const EVENTS_SHOWN: u32 = 50;

pub(crate) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn stored_date(field: &str, value: &str) -> Result<NaiveDate> {
    validate::parse_date(value).ok_or_else(|| {
        Error::validation(field, format!("stored date \"{value}\" is not YYYY-MM-DD"))
    })
}

/// The calendar of a stored plan.
pub(crate) fn schedule_of(plan: &Plan) -> Result<Schedule> {
    Ok(Schedule {
        interval: plan.interval,
        anchoring: plan.anchoring,
        start: stored_date("start_date", &plan.start_date)?,
        end: plan
            .end_date
            .as_deref()
            .map(|d| stored_date("end_date", d))
            .transpose()?,
    })
}

/// The first occurrence of a new plan: its start when that is today or
/// later; otherwise, for a fixed plan the first grid date from today on,
/// for a floating one today.
pub(crate) fn first_occurrence(schedule: &Schedule, today: NaiveDate) -> Option<NaiveDate> {
    if schedule.start >= today {
        return schedule.first_due();
    }
    let next = match schedule.anchoring {
        Anchoring::Fixed => schedule.grid_after(today - Duration::days(1)),
        Anchoring::Floating => Some(today),
    };
    next.filter(|d| schedule.end.is_none_or(|end| *d <= end))
}

/// The next occurrence after a rule change: from the last completion when
/// there is one, else as for a new plan.
fn recomputed_next_due(
    schedule: &Schedule,
    last_done: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match last_done {
        None => first_occurrence(schedule, today),
        Some(last) => {
            let next = match schedule.anchoring {
                Anchoring::Fixed => schedule.grid_after(last),
                Anchoring::Floating => schedule.interval.nth_after(last, 1),
            };
            next.filter(|d| schedule.end.is_none_or(|end| *d <= end))
        }
    }
}

fn plan_field_values(p: &Plan) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(p.title.clone())),
        (
            "interval",
            Some(format!("{} {}", p.interval.every, p.interval.unit.as_str())),
        ),
        ("anchoring", Some(plans::anchoring_id(p.anchoring).into())),
        ("start_date", Some(p.start_date.clone())),
        ("end_date", p.end_date.clone()),
        ("lead_days", Some(p.lead_days.to_string())),
        ("assignee", p.assignee.clone()),
        (
            "expected_minutes",
            p.expected_minutes.map(|m| m.to_string()),
        ),
        ("checklist", Some(p.checklist.join("; "))),
        ("next_due", p.next_due.clone()),
        ("notes", p.notes.clone()),
    ]
}

impl Register {
    /// Adds a plan to an asset. The start date defaults to `today`.
    pub fn create_plan(
        &mut self,
        asset_id: i64,
        input: &PlanInput,
        today: NaiveDate,
    ) -> Result<Plan> {
        let rec = PlanRecord::from_input(input, today)?;
        let schedule = rec.schedule(today);
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        assets::require(&tx, asset_id)?;
        let next_due = first_occurrence(&schedule, today);
        let id = plans::insert(
            &tx,
            asset_id,
            &rec,
            schedule.start,
            next_due,
            None,
            &stamp.at,
        )?;
        let summary = format!(
            "Maintenance plan added: {}, next due {}",
            rec.title,
            next_due.map_or("never (ended)".into(), iso)
        );
        history::record(
            &tx,
            &Change::event(
                asset_id,
                EntityKind::Plan,
                id,
                ChangeAction::Created,
                &summary,
            ),
            &stamp,
        )?;
        let plan = plans::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(plan)
    }

    /// Replaces the rule and details of a plan. When the rule (interval,
    /// anchoring, start or end) changes, the next due date is worked out again
    /// from the last completion and a snooze is dropped; otherwise the next
    /// due date stays. Nothing is written when nothing changed.
    pub fn update_plan(&mut self, id: i64, input: &PlanInput, today: NaiveDate) -> Result<Plan> {
        let rec = PlanRecord::from_input(input, today)?;
        let schedule = rec.schedule(today);
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = plans::require(&tx, id)?;
        super::conflicts::check_unchanged(
            &tx,
            &super::conflicts::Seen {
                what: format!("plan \"{}\"", old.title),
                asset_id: old.asset_id,
                entity: EntityKind::Plan,
                entity_id: id,
                updated_at: &old.updated_at,
            },
            &input.expected_updated_at,
        )?;
        let old_schedule = schedule_of(&old)?;
        let rule_changed = old_schedule != schedule;
        let next_due = if rule_changed {
            let last = old
                .last_done
                .as_deref()
                .map(|d| stored_date("last_done", d))
                .transpose()?;
            recomputed_next_due(&schedule, last, today)
        } else {
            old.next_due
                .as_deref()
                .map(|d| stored_date("next_due", d))
                .transpose()?
        };
        plans::update(
            &tx,
            id,
            &rec,
            schedule.start,
            next_due,
            rule_changed,
            &stamp.at,
        )?;
        let new = plans::require(&tx, id)?;
        let changes = record::changed_fields(plan_field_values(&old), plan_field_values(&new));
        if changes.is_empty() && old.snoozed_until == new.snoozed_until {
            return Ok(old);
        }
        history::record_field_changes(&tx, old.asset_id, EntityKind::Plan, id, &changes, &stamp)?;
        Register::commit(tx, timeout)?;
        Ok(new)
    }

    /// Deletes a plan and its events; work-log entries it wrote stay (their
    /// link to the plan is cleared).
    pub fn delete_plan(&mut self, id: i64) -> Result<()> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = plans::require(&tx, id)?;
        plans::delete(&tx, id)?;
        let summary = format!("Maintenance plan removed: {}", old.title);
        history::record(
            &tx,
            &Change::event(
                old.asset_id,
                EntityKind::Plan,
                id,
                ChangeAction::Deleted,
                &summary,
            ),
            &stamp,
        )?;
        Register::commit(tx, timeout)
    }

    pub fn get_plan(&self, id: i64) -> Result<Plan> {
        plans::require(&self.conn, id)
    }

    /// A plan, its recent events and how many periods it is overdue by on `today`.
    pub fn plan_detail(&self, id: i64, today: NaiveDate) -> Result<PlanDetail> {
        let plan = plans::require(&self.conn, id)?;
        let events = plans::events(&self.conn, id, EVENTS_SHOWN)?;
        let periods_overdue = match (&plan.next_due, plan.paused) {
            (Some(next), false) => {
                let shown = stored_date("next_due", plan.due_on().unwrap_or(next))?;
                if shown < today {
                    schedule_of(&plan)?.periods_overdue(stored_date("next_due", next)?, today)
                } else {
                    0
                }
            }
            _ => 0,
        };
        Ok(PlanDetail {
            plan,
            events,
            periods_overdue,
        })
    }

    /// The plans of an asset, soonest due first.
    pub fn list_plans(&self, asset_id: i64) -> Result<Vec<Plan>> {
        assets::require(&self.conn, asset_id)?;
        plans::for_asset(&self.conn, asset_id)
    }
}
