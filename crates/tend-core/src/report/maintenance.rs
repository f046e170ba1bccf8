//! The maintenance report: what is overdue today and due in the next 30
//! days, what was completed in the period and whether on time (the on-time
//! rate), and the time it took.
//!
//! A completion is on time when it was done on or before the date it was
//! due. That date is the occurrence recorded when the plan was completed
//! through Tend; for work logged against a plan by hand it is found by
//! replaying the plan's schedule over its completions in order.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use tend_pdf::{Align, Column, ColumnWidth, Orientation, TableSpec, Written};

use super::amounts::grouped;
use super::render::ProgressFn;
use super::sentence::{count, duration, percent, verb_be};
use super::{or_dash, sheet, Context};
use crate::schedule::{Anchoring, Interval, IntervalUnit, Schedule};
use crate::store::report_maintenance::{self, CompletionRow, PlanRow};
use crate::validate::parse_date;
use crate::Result;

/// Days ahead counted as "due soon".
const DUE_AHEAD_DAYS: i64 = 30;
/// Default period length when no start is given.
const DEFAULT_PERIOD_DAYS: i64 = 90;

/// A completion in the period, judged against its due date.
struct Judged<'a> {
    plan: &'a PlanRow,
    row: &'a CompletionRow,
    due: Option<NaiveDate>,
    minutes: Option<(u32, bool)>,
}

impl Judged<'_> {
    fn on_time(&self) -> Option<bool> {
        let done = parse_date(&self.row.performed_on)?;
        self.due.map(|due| done <= due)
    }
}

fn schedule_of(p: &PlanRow) -> Option<Schedule> {
    Some(Schedule {
        interval: Interval {
            every: p.interval_count,
            unit: IntervalUnit::parse(&p.interval_unit)?,
        },
        anchoring: if p.anchor == "floating" {
            Anchoring::Floating
        } else {
            Anchoring::Fixed
        },
        start: parse_date(&p.start_date)?,
        end: p.end_date.as_deref().and_then(parse_date),
    })
}

/// Works out the due date of every completion of one plan, in order.
fn replay<'a>(plan: &'a PlanRow, rows: &[&'a CompletionRow]) -> Vec<Judged<'a>> {
    let schedule = schedule_of(plan);
    let mut due = schedule.and_then(|s| s.first_due());
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let done = parse_date(&row.performed_on);
        let this_due = row.occurrence.as_deref().and_then(parse_date).or(due);
        out.push(Judged {
            plan,
            row,
            due: this_due,
            minutes: row
                .minutes_spent
                .map(|m| (m, true))
                .or(plan.expected_minutes.map(|m| (m, false))),
        });
        due = match (schedule, this_due, done) {
            (Some(s), Some(d), Some(c)) => s.complete(d, c).next_due,
            (Some(s), None, Some(c)) if s.anchoring == Anchoring::Floating => {
                s.interval.nth_after(c, 1)
            }
            _ => None,
        };
    }
    out
}

fn task_spec(date_title: &str, last: &str) -> TableSpec {
    TableSpec {
        columns: vec![
            Column::new("Asset", ColumnWidth::Fraction(1.0)),
            Column::new("Asset name", ColumnWidth::Fraction(1.8)),
            Column::new("Task", ColumnWidth::Fraction(2.2)),
            Column::new(date_title, ColumnWidth::Fraction(1.0)),
            Column::new(last, ColumnWidth::Fraction(1.3)),
        ],
        zebra: true,
    }
}

pub(super) fn write(
    ctx: &Context<'_>,
    path: &Path,
    progress: &mut ProgressFn<'_>,
) -> Result<Written> {
    let today = ctx.scope.today;
    let to = ctx.scope.to.unwrap_or(today);
    let from = ctx
        .scope
        .from
        .unwrap_or(to - Duration::days(DEFAULT_PERIOD_DAYS - 1));
    let period = ctx.period_line(Some((from, to)), "Completed");
    let mut sheet = sheet(ctx, "Maintenance", &period, Orientation::Portrait, progress)?;
    sheet.gathering(0, 2)?;
    let filter = ctx.scope.filter();
    let plans = report_maintenance::plans(ctx.conn, &filter)?;
    sheet.gathering(1, 2)?;
    let completions = report_maintenance::completions(ctx.conn, &filter, &to.to_string())?;
    sheet.gathering(2, 2)?;
    let d = ctx.dates;

    let due_of = |p: &PlanRow| p.due_on.as_deref().and_then(parse_date);
    let active: Vec<&PlanRow> = plans.iter().filter(|p| !p.paused).collect();
    let mut overdue: Vec<&PlanRow> = active
        .iter()
        .copied()
        .filter(|p| due_of(p).is_some_and(|due| due < today))
        .collect();
    overdue.sort_by_key(|p| due_of(p));
    let soon_end = today + Duration::days(DUE_AHEAD_DAYS);
    let mut due_soon: Vec<&PlanRow> = active
        .iter()
        .copied()
        .filter(|p| due_of(p).is_some_and(|due| due >= today && due <= soon_end))
        .collect();
    due_soon.sort_by_key(|p| due_of(p));

    let mut by_plan: HashMap<i64, Vec<&CompletionRow>> = HashMap::new();
    for c in &completions {
        by_plan.entry(c.plan_id).or_default().push(c);
    }
    let mut judged: Vec<Judged<'_>> = Vec::new();
    for plan in &plans {
        if let Some(rows) = by_plan.get(&plan.id) {
            judged.extend(
                replay(plan, rows).into_iter().filter(|j| {
                    parse_date(&j.row.performed_on).is_some_and(|c| c >= from && c <= to)
                }),
            );
        }
    }
    judged.sort_by(|a, b| {
        a.row
            .performed_on
            .cmp(&b.row.performed_on)
            .then(a.plan.tag.cmp(&b.plan.tag))
    });
    let on_time = judged.iter().filter(|j| j.on_time() == Some(true)).count() as u64;
    let late = judged.iter().filter(|j| j.on_time() == Some(false)).count() as u64;
    let recorded: u64 = judged
        .iter()
        .filter_map(|j| j.minutes.filter(|m| m.1).map(|m| u64::from(m.0)))
        .sum();
    let estimated: u64 = judged
        .iter()
        .filter_map(|j| j.minutes.filter(|m| !m.1).map(|m| u64::from(m.0)))
        .sum();

    sheet.heading("At a glance");
    if plans.is_empty() {
        sheet.paragraph(&format!(
            "There is nothing to report: there are no maintenance plans for assets {}.",
            ctx.where_words()
        ));
        return sheet.write(path);
    }
    let mut text = if overdue.is_empty() {
        "No maintenance is overdue today.".to_string()
    } else {
        format!(
            "{} overdue today; the oldest has been due since {}.",
            if overdue.len() == 1 {
                "1 maintenance task is".to_string()
            } else {
                format!("{} maintenance tasks are", grouped(overdue.len() as u64))
            },
            d.opt(overdue[0].due_on.as_deref())
        )
    };
    text.push_str(&format!(
        " {} due in the next {DUE_AHEAD_DAYS} days.",
        if due_soon.len() == 1 {
            "1 more falls".to_string()
        } else {
            format!("{} more fall", grouped(due_soon.len() as u64))
        }
    ));
    if judged.is_empty() {
        text.push_str(" No planned maintenance was completed in the period.");
    } else {
        text.push_str(&format!(
            " In the period, {} completed: {} on time and {} late, an on-time rate of {}.",
            if judged.len() == 1 {
                "1 task was".to_string()
            } else {
                format!("{} tasks were", grouped(judged.len() as u64))
            },
            grouped(on_time),
            grouped(late),
            percent(on_time, on_time + late)
        ));
        text.push_str(&format!(
            " The work took about {}",
            duration(recorded + estimated)
        ));
        if estimated > 0 && recorded > 0 {
            text.push_str(&format!(
                " ({} recorded with the completions, {} estimated from the plans' expected durations).",
                duration(recorded),
                duration(estimated)
            ));
        } else if estimated > 0 {
            text.push_str(", estimated from the plans' expected durations.");
        } else {
            text.push('.');
        }
    }
    sheet.paragraph(&text);
    sheet.paragraph(&format!(
        "{} {} active and {} paused.",
        count(plans.len() as u64, "maintenance plan", "maintenance plans"),
        verb_be(active.len() as u64),
        grouped((plans.len() - active.len()) as u64)
    ));
    sheet.figures(&[
        ("Overdue now".to_string(), grouped(overdue.len() as u64)),
        (
            format!("Due in {DUE_AHEAD_DAYS} days"),
            grouped(due_soon.len() as u64),
        ),
        (
            "Completed in period".to_string(),
            grouped(judged.len() as u64),
        ),
        ("On-time rate".to_string(), percent(on_time, on_time + late)),
    ]);
    sheet.expect_rows((overdue.len() + due_soon.len() + judged.len()) as u64);

    sheet.heading("Overdue now");
    if overdue.is_empty() {
        sheet.paragraph("Nothing is overdue.");
    } else {
        let rows = overdue.iter().map(|p| {
            let days = due_of(p).map_or(0, |due| (today - due).num_days());
            vec![
                p.tag.clone(),
                p.asset_name.clone(),
                p.title.clone(),
                d.opt(p.due_on.as_deref()),
                format!(
                    "{} · {}",
                    count(days as u64, "day", "days"),
                    or_dash(p.assignee.as_deref())
                ),
            ]
        });
        sheet.table(&task_spec("Due", "Overdue by · assignee"), rows)?;
    }
    sheet.heading(&format!("Due in the next {DUE_AHEAD_DAYS} days"));
    if due_soon.is_empty() {
        sheet.paragraph("Nothing falls due.");
    } else {
        let rows = due_soon.iter().map(|p| {
            vec![
                p.tag.clone(),
                p.asset_name.clone(),
                p.title.clone(),
                d.opt(p.due_on.as_deref()),
                or_dash(p.assignee.as_deref()),
            ]
        });
        sheet.table(&task_spec("Due", "Assignee"), rows)?;
    }
    sheet.heading("Completed in the period");
    if judged.is_empty() {
        sheet.paragraph("Nothing was completed.");
    } else {
        let spec = TableSpec {
            columns: vec![
                Column::new("Done", ColumnWidth::Fraction(1.0)),
                Column::new("Asset", ColumnWidth::Fraction(1.0)),
                Column::new("Task", ColumnWidth::Fraction(2.4)),
                Column::new("Due", ColumnWidth::Fraction(1.0)),
                Column::new("On time", ColumnWidth::Fraction(0.8)),
                Column::new("Time", ColumnWidth::Fraction(0.9)).align(Align::Right),
                Column::new("By", ColumnWidth::Fraction(1.2)),
            ],
            zebra: true,
        };
        let rows = judged.iter().map(|j| {
            vec![
                d.text(&j.row.performed_on),
                j.plan.tag.clone(),
                j.plan.title.clone(),
                j.due.map(|due| d.date(due)).unwrap_or_else(|| "—".into()),
                match j.on_time() {
                    Some(true) => "on time".into(),
                    Some(false) => "late".into(),
                    None => "—".into(),
                },
                match j.minutes {
                    Some((m, true)) => duration(u64::from(m)),
                    Some((m, false)) => format!("~{}", duration(u64::from(m))),
                    None => "—".into(),
                },
                or_dash(j.row.performed_by.as_deref()),
            ]
        });
        sheet.table(&spec, rows)?;
        sheet.paragraph("Times marked ~ are the plan's expected duration; no time was recorded with the completion.");
    }
    sheet.write(path)
}
