//! Checked plan input: a plan's rule, a completion and a template, each
//! naming the offending field when a value is not acceptable.

use crate::model::*;
use crate::schedule::{Anchoring, Interval, IntervalUnit, Schedule};
use crate::validate::{self, NAME_MAX, NOTES_MAX, TEXT_MAX};
use crate::{Error, Result};
use chrono::NaiveDate;

/// Longest interval accepted, in units (e.g. 1,000 months).
pub const INTERVAL_MAX: u32 = 1_000;
/// Longest lead time accepted: ten years.
pub const LEAD_DAYS_MAX: u32 = 3_650;
/// Most checklist items on one plan.
pub const CHECKLIST_MAX: usize = 50;
/// Lead time when none is given.
pub const DEFAULT_LEAD_DAYS: u32 = 7;

/// A validated plan. `start` is `None` only for a template that starts on
/// the day it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanRecord {
    pub title: String,
    pub interval: Interval,
    pub anchoring: Anchoring,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub lead_days: u32,
    pub assignee: Option<String>,
    pub expected_minutes: Option<u32>,
    pub checklist: Vec<String>,
    pub notes: Option<String>,
}

impl PlanRecord {
    /// A plan on an asset: the start date defaults to `today`.
    pub fn from_input(input: &PlanInput, today: NaiveDate) -> Result<PlanRecord> {
        let mut rec = PlanRecord::parse(input)?;
        rec.start.get_or_insert(today);
        rec.check_dates()?;
        Ok(rec)
    }

    /// A template's plan: no start date means "the day it is applied".
    pub fn from_template_input(input: &PlanInput) -> Result<PlanRecord> {
        let rec = PlanRecord::parse(input)?;
        rec.check_dates()?;
        Ok(rec)
    }

    /// The schedule, with the start given for templates without one.
    pub fn schedule(&self, start_if_none: NaiveDate) -> Schedule {
        Schedule {
            interval: self.interval,
            anchoring: self.anchoring,
            start: self.start.unwrap_or(start_if_none),
            end: self.end,
        }
    }

    fn parse(input: &PlanInput) -> Result<PlanRecord> {
        let every = parse_every(&input.every)?;
        let unit = parse_unit(&input.unit)?;
        let anchoring = match input.anchoring.trim().to_ascii_lowercase().as_str() {
            "" | "fixed" => Anchoring::Fixed,
            "floating" => Anchoring::Floating,
            other => {
                return Err(Error::validation(
                    "anchoring",
                    format!("unknown value \"{other}\"; expected fixed or floating"),
                ))
            }
        };
        Ok(PlanRecord {
            title: validate::required("title", &input.title, NAME_MAX)?,
            interval: Interval { every, unit },
            anchoring,
            start: date("start_date", &input.start_date)?,
            end: date("end_date", &input.end_date)?,
            lead_days: validate::whole_number("lead_days", &input.lead_days, 0, LEAD_DAYS_MAX)?
                .unwrap_or(DEFAULT_LEAD_DAYS),
            assignee: validate::optional("assignee", &input.assignee, TEXT_MAX)?,
            expected_minutes: validate::whole_number(
                "expected_minutes",
                &input.expected_minutes,
                0,
                crate::record::DOWNTIME_MAX_MINUTES,
            )?,
            checklist: checklist(&input.checklist)?,
            notes: validate::multiline("notes", &input.notes, NOTES_MAX)?,
        })
    }

    fn check_dates(&self) -> Result<()> {
        if let (Some(start), Some(end)) = (self.start, self.end) {
            if end < start {
                return Err(Error::validation(
                    "end_date",
                    format!("{end} is before the start date {start}"),
                ));
            }
        }
        Ok(())
    }
}

fn date(field: &str, value: &str) -> Result<Option<NaiveDate>> {
    Ok(validate::date(field, value)?.and_then(|d| validate::parse_date(&d)))
}

/// "every": a whole number from 1 to [`INTERVAL_MAX`]; zero and negative
/// numbers are refused with their own words.
fn parse_every(value: &str) -> Result<u32> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation(
            "every",
            "is required: how many units between occurrences (at least 1)",
        ));
    }
    match v.parse::<i64>() {
        Ok(n) if n <= 0 => Err(Error::validation(
            "every",
            format!("must be at least 1, got {n}"),
        )),
        Ok(n) if n > i64::from(INTERVAL_MAX) => Err(Error::validation(
            "every",
            format!("must be at most {INTERVAL_MAX}, got {n}"),
        )),
        Ok(n) => Ok(n as u32),
        Err(_) => Err(Error::validation(
            "every",
            format!("expected a whole number of at least 1, got \"{v}\""),
        )),
    }
}

fn parse_unit(value: &str) -> Result<IntervalUnit> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::validation(
            "unit",
            "is required; expected days, weeks, months or years",
        ));
    }
    IntervalUnit::parse(v).ok_or_else(|| {
        Error::validation(
            "unit",
            format!("unknown unit \"{v}\"; expected days, weeks, months or years"),
        )
    })
}

fn checklist(items: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for item in items {
        if let Some(text) = validate::optional("checklist", item, TEXT_MAX)? {
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    if out.len() > CHECKLIST_MAX {
        return Err(Error::validation(
            "checklist",
            format!(
                "has {} items; at most {CHECKLIST_MAX} are allowed",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// A validated completion; the date is checked against the plan by the
/// schedule, the ticks against its checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompletionRecord {
    pub completed_on: NaiveDate,
    pub performed_by: Option<String>,
    pub notes: Option<String>,
    pub cost: Option<Money>,
    pub minutes_spent: Option<u32>,
    pub checked: Vec<String>,
}

impl CompletionRecord {
    pub fn from_input(
        input: &CompletionInput,
        checklist: &[String],
        default_currency: &str,
        today: NaiveDate,
    ) -> Result<CompletionRecord> {
        let currency = validate::currency("currency", &input.currency, default_currency)?;
        let mut checked = Vec::new();
        for item in &input.checked {
            let Some(text) = validate::optional("checked", item, TEXT_MAX)? else {
                continue;
            };
            if !checklist.contains(&text) {
                return Err(Error::validation(
                    "checked",
                    format!("\"{text}\" is not on the plan's checklist"),
                ));
            }
            if !checked.contains(&text) {
                checked.push(text);
            }
        }
        Ok(CompletionRecord {
            completed_on: date("completed_on", &input.completed_on)?.unwrap_or(today),
            performed_by: validate::optional("performed_by", &input.performed_by, TEXT_MAX)?,
            notes: validate::multiline("notes", &input.notes, NOTES_MAX)?,
            cost: validate::money("cost", &input.cost, &currency)?,
            minutes_spent: validate::whole_number(
                "minutes_spent",
                &input.minutes_spent,
                0,
                crate::record::DOWNTIME_MAX_MINUTES,
            )?,
            checked,
        })
    }
}
