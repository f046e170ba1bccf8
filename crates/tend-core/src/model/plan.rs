//! Maintenance plans: recurring work on an asset, what was done to them
//! (completions, skips, snoozes, pauses), and category templates that create
//! the same plan on every asset of a category.

use super::WorkLogEntry;
use crate::schedule::{Anchoring, Interval};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A recurring task on one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Plan {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub asset_tag: String,
    pub asset_name: String,
    pub title: String,
    pub interval: Interval,
    pub anchoring: Anchoring,
    /// ISO 8601 dates. The start is the first due date and the anchor of a
    /// fixed plan's grid.
    pub start_date: String,
    pub end_date: Option<String>,
    /// Days before the due date from which the task shows as upcoming.
    pub lead_days: u32,
    pub assignee: Option<String>,
    pub expected_minutes: Option<u32>,
    pub checklist: Vec<String>,
    /// The due date of the next occurrence; `None` once the plan has ended.
    pub next_due: Option<String>,
    pub last_done: Option<String>,
    /// When the next occurrence was snoozed: the date it shows as due instead.
    pub snoozed_until: Option<String>,
    pub paused: bool,
    #[ts(type = "number | null")]
    pub template_id: Option<i64>,
    pub notes: Option<String>,
    pub updated_at: String,
}

impl Plan {
    /// The date the next occurrence shows as due (the snooze date if snoozed).
    pub fn due_on(&self) -> Option<&str> {
        self.snoozed_until.as_deref().or(self.next_due.as_deref())
    }
}

/// What a user gives to create or update a plan (text as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct PlanInput {
    pub title: String,
    /// Whole number of units, at least 1.
    pub every: String,
    /// `days`, `weeks`, `months` or `years`.
    pub unit: String,
    /// `fixed` (calendar-anchored, the default) or `floating`.
    pub anchoring: String,
    /// ISO 8601 date; defaults to today.
    pub start_date: String,
    pub end_date: String,
    /// Days of notice before the due date; defaults to 7.
    pub lead_days: String,
    pub assignee: String,
    pub expected_minutes: String,
    /// One item per line of the checklist; empty lines are dropped.
    pub checklist: Vec<String>,
    pub notes: String,
    /// The record's `updated_at` when the form was opened (empty: do not
    /// check). When the record has changed since, the save is refused with
    /// `Conflict` on `expected_updated_at`, saying who changed what.
    pub expected_updated_at: String,
}

/// What a user gives to complete the next occurrence of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct CompletionInput {
    /// ISO 8601 date the work was done; defaults to today.
    pub completed_on: String,
    /// Who did it; defaults to the plan's assignee.
    pub performed_by: String,
    pub notes: String,
    pub cost: String,
    pub currency: String,
    /// Whole minutes spent on the work.
    pub minutes_spent: String,
    /// The checklist items ticked (by text); each must be on the plan's list.
    pub checked: Vec<String>,
    /// The due date of the occurrence this completes, as the list showed it
    /// (empty: the plan's next). When someone else completed or skipped it
    /// meanwhile, the completion is refused with `Conflict` on `occurrence`,
    /// naming who did it: it is recorded once.
    pub occurrence: String,
}

/// What completing a plan did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Completion {
    pub plan: Plan,
    /// The work-log entry written for it.
    pub work: WorkLogEntry,
    /// The due date of the occurrence the completion fulfilled.
    pub occurrence: String,
    /// Earlier due dates passed without their own completion, now recorded
    /// as missed.
    pub missed: Vec<String>,
}

/// What was done to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanAction {
    Completed,
    Skipped,
    Snoozed,
    Paused,
    Resumed,
    Undone,
}

/// One recorded action on a plan, newest first in listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanEvent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub plan_id: i64,
    pub action: PlanAction,
    /// The due date of the occurrence acted on.
    pub occurrence: Option<String>,
    /// The completion date, or the date a snooze moved the occurrence to.
    pub on_date: Option<String>,
    #[ts(type = "number | null")]
    pub work_log_id: Option<i64>,
    pub reason: Option<String>,
    pub minutes_spent: Option<u32>,
    pub checked: Vec<String>,
    pub missed: Vec<String>,
    /// True for a completion that was later undone.
    pub undone: bool,
    /// UTC timestamp, RFC 3339.
    pub at: String,
}

/// A plan with its recent actions, for the plan view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanDetail {
    pub plan: Plan,
    pub events: Vec<PlanEvent>,
    /// Whole periods the next occurrence is overdue by on the day asked (0
    /// when not overdue).
    pub periods_overdue: u32,
}

/// A plan defined once for a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanTemplate {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub category_id: i64,
    pub category: String,
    pub title: String,
    pub interval: Interval,
    pub anchoring: Anchoring,
    /// `None`: each plan starts on the day the template reaches its asset.
    pub start_date: Option<String>,
    pub lead_days: u32,
    pub assignee: Option<String>,
    pub expected_minutes: Option<u32>,
    pub checklist: Vec<String>,
    /// Also create the plan on assets added to the category later.
    pub auto_apply: bool,
    pub notes: Option<String>,
}

/// What a user gives to define a template (text as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct PlanTemplateInput {
    /// The category, by name (ignoring case); it must exist.
    pub category: String,
    /// The plan itself; an empty start date means "the day it is applied".
    pub plan: PlanInput,
    pub auto_apply: bool,
}

/// The result of applying a template to its category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateApplied {
    pub template: PlanTemplate,
    /// Active assets in the category (not archived, retired, disposed or lost).
    #[ts(type = "number")]
    pub assets: u64,
    /// Plans created now.
    #[ts(type = "number")]
    pub created: u64,
    /// Assets that already had a plan from this template.
    #[ts(type = "number")]
    pub already_planned: u64,
}

/// A template and how far it reaches today, for the templates screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateReach {
    pub template: PlanTemplate,
    /// Active assets in the category (not archived, retired, disposed or lost).
    #[ts(type = "number")]
    pub assets: u64,
    /// Of those, the assets that already have a plan from this template.
    #[ts(type = "number")]
    pub planned: u64,
}
