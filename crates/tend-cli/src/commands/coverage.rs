//! `tend coverage …`: warranties and support contracts of an asset.

use super::Context;
use crate::args::{CoverageAddArgs, CoverageCommand, TagArg};
use crate::failure::Failure;
use crate::output;
use std::io::Write;
use tend_core::{Coverage, CoverageInput};

pub fn run(cx: &mut Context, command: CoverageCommand) -> Result<(), Failure> {
    match command {
        CoverageCommand::Add(a) => add(cx, a),
        CoverageCommand::List(TagArg { tag }) => list(cx, &tag),
    }
}

fn add(cx: &mut Context, a: CoverageAddArgs) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.tag)?;
    let input = CoverageInput {
        kind: a.kind,
        provider: a.provider.unwrap_or_default(),
        reference: a.reference.unwrap_or_default(),
        start_date: a.start.unwrap_or_default(),
        end_date: a.end,
        service_level: a.service_level.unwrap_or_default(),
        cost: a.cost.unwrap_or_default(),
        currency: a.currency.unwrap_or_default(),
        notice_days: a.notice_days.unwrap_or_default(),
        notes: a.notes.unwrap_or_default(),
        expected_updated_at: String::new(),
    };
    let coverage = cx.register.create_coverage(asset.id, &input)?;
    if cx.json {
        return output::json(cx.out, &coverage);
    }
    writeln!(
        cx.out,
        "added {} #{} on {}, ending {}",
        output::words(&coverage.kind),
        coverage.id,
        asset.tag,
        coverage.end_date
    )?;
    Ok(())
}

fn list(cx: &mut Context, tag: &str) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(tag)?;
    let coverage = cx.register.list_coverage(asset.id)?;
    if cx.json {
        return output::json(cx.out, &coverage);
    }
    if coverage.is_empty() {
        writeln!(cx.out, "no coverage recorded on {}", asset.tag)?;
        return Ok(());
    }
    write_table(cx.out, &coverage)
}

/// The coverage table, also used by `tend assets show`.
pub fn write_table(out: &mut dyn Write, coverage: &[Coverage]) -> Result<(), Failure> {
    let mut table = output::table([
        "id",
        "kind",
        "provider",
        "reference",
        "start",
        "end",
        "service level",
        "cost",
    ]);
    for c in coverage {
        table.add_row([
            c.id.to_string(),
            output::words(&c.kind),
            output::text(&c.provider),
            output::text(&c.reference),
            output::text(&c.start_date),
            c.end_date.clone(),
            output::text(&c.service_level),
            output::money(&c.cost),
        ]);
    }
    output::write_table(out, &table)
}
