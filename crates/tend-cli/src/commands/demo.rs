//! `tend demo`: fill an empty database with the core's sample register.

use super::Context;
use crate::args::DemoArgs;
use crate::failure::Failure;
use crate::output;

pub fn run(cx: &mut Context, a: DemoArgs) -> Result<(), Failure> {
    let existing = cx.register.count_assets()?;
    if existing > 0 {
        return Err(tend_core::Error::Conflict {
            field: "--db".to_owned(),
            message: format!(
                "{} already holds {existing} asset(s); the sample register is only written \
                 into an empty database (name a new file with --db)",
                cx.path.display()
            ),
        }
        .into());
    }
    let today = chrono::Local::now().date_naive();
    let summary = tend_core::demo::generate(&mut cx.register, a.assets, a.seed, today)?;
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
