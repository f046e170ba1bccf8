//! `tend log …`: log repairs and other work on an asset, and list its work log.

use super::Context;
use crate::args::{LogAddArgs, LogCommand, LogListArgs};
use crate::failure::Failure;
use crate::output;
use std::io::Write;
use tend_core::{WorkLogEntry, WorkLogInput};

pub fn run(cx: &mut Context, command: LogCommand) -> Result<(), Failure> {
    match command {
        LogCommand::Add(a) => add(cx, a),
        LogCommand::List(a) => list(cx, a),
    }
}

fn add(cx: &mut Context, a: LogAddArgs) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.tag)?;
    let in_force = if a.covered || a.not_covered || a.coverage.is_some() {
        None
    } else {
        coverage_in_force(cx, asset.id, a.date.as_deref())?
    };
    let input = WorkLogInput {
        kind: a.kind,
        performed_on: a.date.unwrap_or_default(),
        performed_by: a.by.unwrap_or_default(),
        summary: a.summary,
        details: a.details.unwrap_or_default(),
        outcome: a.outcome.unwrap_or_default(),
        cost: a.cost.unwrap_or_default(),
        currency: a.currency.unwrap_or_default(),
        downtime_minutes: a.downtime.unwrap_or_default(),
        parts_used: a.parts.unwrap_or_default(),
        covered_by_warranty: a.covered || a.coverage.is_some() || in_force.is_some(),
        coverage_id: a.coverage.or(in_force),
        external_ref: a.external_ref.unwrap_or_default(),
        expected_updated_at: String::new(),
    };
    let entry = cx.register.create_work(asset.id, &input)?;
    if cx.json {
        return output::json(cx.out, &entry);
    }
    writeln!(
        cx.out,
        "logged {} #{} on {}",
        output::words(&entry.kind),
        entry.id,
        entry.asset_tag
    )?;
    Ok(())
}

/// The id of the coverage the core says the work is covered by by default
/// (in force on its date, today when none is given). A date that does not
/// parse is left for `create_work` to report, naming the field.
fn coverage_in_force(
    cx: &Context,
    asset_id: i64,
    date: Option<&str>,
) -> Result<Option<i64>, Failure> {
    match cx.register.coverage_for_work(asset_id, date.unwrap_or("")) {
        Ok(status) => Ok(status.coverage.map(|c| c.id)),
        Err(tend_core::Error::Validation { field, .. }) if field == "performed_on" => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn list(cx: &mut Context, a: LogListArgs) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.tag)?;
    let entries = cx.register.list_work(asset.id, a.limit)?;
    if cx.json {
        return output::json(cx.out, &entries);
    }
    if entries.is_empty() {
        writeln!(cx.out, "no work logged on {}", asset.tag)?;
        return Ok(());
    }
    write_table(cx.out, &entries)
}

/// The work-log table, also used by `tend assets show`.
pub fn write_table(out: &mut dyn Write, entries: &[WorkLogEntry]) -> Result<(), Failure> {
    let mut table = output::table([
        "id",
        "date",
        "kind",
        "summary",
        "outcome",
        "by",
        "cost",
        "downtime",
        "logged by",
    ]);
    for e in entries {
        let mut cost = output::money(&e.cost);
        if e.covered_by_warranty {
            cost = if cost.is_empty() {
                "covered".to_owned()
            } else {
                format!("{cost} (covered)")
            };
        }
        table.add_row([
            e.id.to_string(),
            e.performed_on.clone(),
            output::words(&e.kind),
            e.summary.clone(),
            e.outcome.as_ref().map(output::words).unwrap_or_default(),
            output::text(&e.performed_by),
            cost,
            e.downtime_minutes
                .map(|m| format!("{m} min"))
                .unwrap_or_default(),
            output::text(&e.author),
        ]);
    }
    output::write_table(out, &table)
}
