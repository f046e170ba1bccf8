//! `tend report …`: writes one of the five PDF reports.

use std::ops::ControlFlow;

use super::Context;
use crate::failure::Failure;
use crate::output;
use crate::report_args::{OutputArgs, ReportArgs, ReportCommand};
use tend_core::report::{ReportKind, ReportOptions, ReportProgress};

pub fn run(cx: &mut Context, c: ReportCommand) -> Result<(), Failure> {
    let (options, out) = match c {
        ReportCommand::Inventory(a) => summary(ReportKind::Inventory, a),
        ReportCommand::Warranty(a) => summary(ReportKind::Warranty, a),
        ReportCommand::Maintenance(a) => summary(ReportKind::Maintenance, a),
        ReportCommand::Repairs(a) => summary(ReportKind::Repairs, a),
        ReportCommand::Asset(a) => (
            ReportOptions {
                kind: ReportKind::Asset,
                asset_tag: a.tag,
                paper: a.output.paper.clone().unwrap_or_default(),
                ..ReportOptions::default()
            },
            a.output,
        ),
    };
    let written = cx
        .register
        .write_report(&options, &out.output, &mut |_: &ReportProgress| {
            ControlFlow::Continue(())
        })?;
    if cx.json {
        return output::json(cx.out, &written);
    }
    writeln!(
        cx.out,
        "wrote {} ({} page{}, {} KB)",
        written.path,
        written.pages,
        if written.pages == 1 { "" } else { "s" },
        written.bytes.div_ceil(1024)
    )?;
    if written.missing_glyphs > 0 {
        writeln!(
            cx.out,
            "note: {} character(s) that no installed font has are shown as □",
            written.missing_glyphs
        )?;
    }
    Ok(())
}

fn summary(kind: ReportKind, a: ReportArgs) -> (ReportOptions, OutputArgs) {
    (
        ReportOptions {
            kind,
            from: a.from.unwrap_or_default(),
            to: a.to.unwrap_or_default(),
            category: a.category.unwrap_or_default(),
            location: a.location.unwrap_or_default(),
            paper: a.output.paper.clone().unwrap_or_default(),
            asset_tag: String::new(),
        },
        a.output,
    )
}
