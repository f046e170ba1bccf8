//! `tend demo`: fill an empty database with the core's sample register.

use super::Context;
use crate::args::DemoArgs;
use crate::failure::Failure;
use crate::output;

pub fn run(cx: &mut Context, a: DemoArgs) -> Result<(), Failure> {
    // The core refuses a register that holds assets; the hint is the CLI's.
    let today = crate::clock::today();
    let summary = match tend_core::demo::generate(&mut cx.register, a.assets, a.seed, today) {
        Err(tend_core::Error::Conflict { field, message }) if field == "register" => {
            return Err(tend_core::Error::Conflict {
                field: "--db".to_owned(),
                message: format!(
                    "{}: {message} (name a new file with --db)",
                    cx.path.display()
                ),
            }
            .into())
        }
        other => other?,
    };
    if cx.json {
        return output::json(cx.out, &summary);
    }
    writeln!(
        cx.out,
        "wrote {} assets, {} coverage records, {} maintenance plans and {} work-log entries to {}",
        summary.assets,
        summary.coverage,
        summary.plans,
        summary.work_log,
        cx.path.display()
    )?;
    Ok(())
}
