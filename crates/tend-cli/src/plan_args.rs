//! The command line of `tend plans …` and `tend due`, declared with clap.
//! Their doc comments are the help text.

use clap::{Args, Subcommand};
use tend_core::{Choice, DueKind};

/// Shown after `tend plans --help`.
pub const PLANS_HELP: &str = "\
Examples:
  tend plans add UPS-0003 --title \"Battery self-test\" --every 1 --unit months \\
      --start 2025-01-31 --lead-days 7 --assignee Facilities --check \"Run test\" --check \"Log result\"
  tend plans list UPS-0003
  tend plans complete 12 --on 2025-02-03 --by Ana --minutes 20 --check \"Run test\"
  tend plans skip 12 --reason \"Site closed for the holidays\"
  tend plans snooze 12 --until 2025-02-14
  tend plans undo 12
  tend plans add-template --category UPS --title \"Replace battery\" --every 3 --unit years --auto
  tend plans apply-template 1
  tend plans delete-template 1

Fixed plans are calendar-anchored: a plan started on 31 January is due 28/29 February,
31 March, 30 April … whenever the work is actually done. Floating plans are due one
interval after the last completion.";

#[derive(Debug, Subcommand)]
pub enum PlansCommand {
    /// Add a maintenance plan to an asset; prints its id (or the plan as JSON).
    Add(PlanAddArgs),
    /// List the plans of an asset, soonest due first.
    List(PlanTagArg),
    /// Show a plan: its rule, next due date, periods overdue and recent actions.
    Show(PlanShowArgs),
    /// Complete the next occurrence: logs the work and advances the plan.
    Complete(PlanCompleteArgs),
    /// Skip the next occurrence without doing the work, for a reason.
    Skip(PlanSkipArgs),
    /// Move only the next occurrence to a later date.
    Snooze(PlanSnoozeArgs),
    /// Pause a plan: it leaves the due list until resumed.
    Pause(PlanIdArg),
    /// Resume a paused plan.
    Resume(PlanIdArg),
    /// Undo the last completion (removing its work-log entry) or skip.
    Undo(PlanIdArg),
    /// Define a plan once for a category (a template).
    AddTemplate(TemplateAddArgs),
    /// List the plan templates.
    Templates,
    /// Create a template's plan on every active asset of its category that
    /// does not have it yet.
    ApplyTemplate(TemplateIdArg),
    /// Delete a template; the plans it created stay on their assets.
    DeleteTemplate(TemplateIdArg),
}

#[derive(Debug, Args)]
pub struct PlanTagArg {
    /// The asset tag (case does not matter).
    pub tag: String,
}

#[derive(Debug, Args)]
pub struct PlanIdArg {
    /// The plan id (see `tend plans list TAG`).
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct PlanShowArgs {
    /// The plan id.
    pub id: i64,
    /// Work out "overdue" as on this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateIdArg {
    /// The template id (see `tend plans templates`).
    pub id: i64,
}

/// The rule and details of a plan or template.
#[derive(Debug, Args)]
pub struct PlanFields {
    /// What to do, e.g. "Replace UPS battery".
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// How many units between occurrences (at least 1).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub every: String,
    /// days, weeks, months or years.
    #[arg(long, value_name = "UNIT")]
    pub unit: String,
    /// Due one interval after the last completion, instead of on a fixed calendar.
    #[arg(long)]
    pub floating: bool,
    /// First due date and anchor of the calendar (YYYY-MM-DD). Default: today
    /// (for a template: the day it reaches each asset).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// No occurrence after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Days before the due date from which it shows as upcoming (default 7).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub lead_days: Option<String>,
    /// Person or team who usually does it.
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Expected duration in minutes.
    #[arg(long, value_name = "N")]
    pub expected_minutes: Option<String>,
    /// A checklist item (repeat for several).
    #[arg(long = "check", value_name = "ITEM")]
    pub checklist: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanAddArgs {
    /// The asset tag.
    pub tag: String,
    #[command(flatten)]
    pub fields: PlanFields,
}

#[derive(Debug, Args)]
pub struct TemplateAddArgs {
    /// The category (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub category: String,
    #[command(flatten)]
    pub fields: PlanFields,
    /// Also add the plan to assets added to the category later.
    #[arg(long)]
    pub auto: bool,
}

#[derive(Debug, Args)]
pub struct PlanCompleteArgs {
    /// The plan id.
    pub id: i64,
    /// The due date you are completing, as you saw it (`tend due` or `plans
    /// show`). If someone else completed or skipped it meanwhile, nothing is
    /// recorded and the error (code conflict) says who did it.
    #[arg(long, value_name = "DATE")]
    pub occurrence: Option<String>,
    /// The day the work was done (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Who did it. Default: the plan's assignee.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Cost in major units (1234.56).
    #[arg(long, value_name = "AMOUNT")]
    pub cost: Option<String>,
    /// Currency of --cost (default: the register's).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Minutes spent.
    #[arg(long, value_name = "N")]
    pub minutes: Option<String>,
    /// A checklist item that was done (repeat for several).
    #[arg(long = "check", value_name = "ITEM")]
    pub checked: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PlanSkipArgs {
    /// The plan id.
    pub id: i64,
    /// Why the occurrence is skipped.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The date you saw it due on (`tend due`, `plans show`): if someone else
    /// completed or skipped it meanwhile, nothing is recorded and the error
    /// (code conflict) says who did it.
    #[arg(long, value_name = "DATE")]
    pub occurrence: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanSnoozeArgs {
    /// The plan id.
    pub id: i64,
    /// The day the occurrence shows as due instead (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: String,
    /// The date you saw it due on (`tend due`, `plans show`): if someone else
    /// completed or skipped it meanwhile, nothing is recorded and the error
    /// (code conflict) says who did it.
    #[arg(long, value_name = "DATE")]
    pub occurrence: Option<String>,
}

/// Shown after `tend due --help`.
pub const DUE_HELP: &str = "\
Examples:
  tend due                                  the next 30 days, overdue and expired included
  tend due --within 7d --assignee Facilities
  tend due --kind maintenance --kind renewal_notice --location \"HQ › Building A\"
  tend due --json --fail-if-overdue         for monitoring scripts (exit code 3 when overdue)

States: overdue (past its date), due (today), expired (coverage, life or support
ended; listed until the asset is retired or covered again), upcoming.";

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look: 30d, 2w or a number of days. Maintenance also
    /// shows within its own lead time.
    #[arg(long, value_name = "SPAN", default_value = "30d", value_parser = parse_span)]
    pub within: u32,
    /// Only assets of this category (by name).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only assets at this location or below it (a path, or a unique name).
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Only items of this person or team (the plan's assignee, or the asset's).
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Only this kind (repeat for several): maintenance, coverage_end,
    /// renewal_notice, end_of_life, end_of_support.
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    pub kinds: Vec<DueKind>,
    /// At most this many items, most urgent first.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Exit with code 3 when anything is overdue (after printing the list).
    #[arg(long)]
    pub fail_if_overdue: bool,
    /// Compute the list as on this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Why a --within value was refused.
#[derive(Debug, thiserror::Error)]
#[error("expected a span such as 30d, 2w or 45 (days), got \"{0}\"")]
pub struct BadSpan(String);

/// "30d", "2w", "45" → days.
pub fn parse_span(s: &str) -> Result<u32, BadSpan> {
    let t = s.trim().to_ascii_lowercase();
    let (digits, factor) = if let Some(n) = t.strip_suffix('w') {
        (n, 7)
    } else if let Some(n) = t.strip_suffix('d') {
        (n, 1)
    } else {
        (t.as_str(), 1)
    };
    digits
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|n| *n <= 36_500)
        .ok_or_else(|| BadSpan(s.to_string()))
}

/// Why a --kind value was refused.
#[derive(Debug, thiserror::Error)]
#[error("unknown kind \"{value}\"; expected {allowed}")]
pub struct BadKind {
    value: String,
    allowed: String,
}

pub fn parse_kind(s: &str) -> Result<DueKind, BadKind> {
    DueKind::parse_id(s).ok_or_else(|| BadKind {
        value: s.to_string(),
        allowed: DueKind::allowed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_days_and_weeks() {
        assert_eq!(parse_span("30d").unwrap(), 30);
        assert_eq!(parse_span("2w").unwrap(), 14);
        assert_eq!(parse_span("45").unwrap(), 45);
        assert!(parse_span("3m").is_err());
        assert!(parse_span("-1d").is_err());
    }
}
