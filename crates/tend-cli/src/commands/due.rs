//! `tend due`: the one due list, for people (a table with headline counts)
//! and for scripts (`--json`, `--fail-if-overdue` → exit code 3).

use super::assets::{category_id, location_id};
use super::Context;
use crate::failure::Failure;
use crate::output;
use crate::plan_args::DueArgs;
use std::io::Write;
use std::sync::Arc;
use tend_core::{validate, DueCounts, DueItem, DueQuery, DueState, Error};

pub fn run(cx: &mut Context, a: DueArgs) -> Result<(), Failure> {
    let today = match a.today.as_deref() {
        Some(text) => validate::parse_date(text.trim()).ok_or_else(|| {
            Error::validation("--today", format!("expected YYYY-MM-DD, got \"{text}\""))
        })?,
        None => crate::clock::today(),
    };
    let query = DueQuery {
        horizon_days: a.within,
        category_id: match &a.category {
            Some(name) => Some(category_id(cx, name)?),
            None => None,
        },
        location_id: match &a.location {
            Some(path) => Some(location_id(cx, path)?),
            None => None,
        },
        assignee: a.assignee,
        kinds: a.kinds,
        limit: a.limit,
    };
    let list = cx.register.due_list(&query, today)?;
    let counts = list.counts.clone();
    if cx.json {
        output::json(cx.out, &list)?;
    } else {
        write_list(cx.out, &list.items, &counts, list.truncated)?;
    }
    if a.fail_if_overdue && counts.overdue > 0 {
        return Err(Failure::Overdue {
            count: counts.overdue as usize,
        });
    }
    Ok(())
}

/// "12 days overdue (3 periods)", "due today", "in 5 days", "expired 40 days ago".
fn when(item: &DueItem) -> String {
    let n = item.days.unsigned_abs();
    let days = if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    };
    match item.state {
        DueState::Overdue if item.periods_overdue > 1 => {
            format!("{days} overdue ({} periods)", item.periods_overdue)
        }
        DueState::Overdue => format!("{days} overdue"),
        DueState::Due => "due today".into(),
        DueState::Expired => format!("ended {days} ago"),
        DueState::Upcoming => format!("in {days}"),
    }
}

fn write_list(
    out: &mut dyn Write,
    items: &[Arc<DueItem>],
    counts: &DueCounts,
    truncated: bool,
) -> Result<(), Failure> {
    writeln!(
        out,
        "{} overdue, {} due today, {} expired, {} upcoming{}",
        counts.overdue,
        counts.due,
        counts.expired,
        counts.upcoming,
        if truncated {
            format!(" (the {} most urgent shown: --limit)", items.len())
        } else {
            String::new()
        }
    )?;
    if items.is_empty() {
        return Ok(());
    }
    let mut table = output::table([
        "state", "date", "when", "what", "kind", "asset", "name", "location", "assignee",
    ]);
    for i in items {
        let mut what = i.title.clone();
        if let Some(id) = i.plan_id {
            what = format!("{what} (plan #{id})");
        }
        if i.snoozed {
            what.push_str(" — snoozed");
        }
        table.add_row([
            output::words(&i.state),
            i.date.clone(),
            when(i),
            what,
            i.kind.label().to_string(),
            i.asset_tag.clone(),
            i.asset_name.clone(),
            output::text(&i.location),
            output::text(&i.assignee),
        ]);
    }
    output::write_table(out, &table)
}
