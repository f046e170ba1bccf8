//! `cargo xtask crash [TRIALS] [ROWS]`: the crash harness in full — `tend`
//! killed with SIGKILL at TRIALS random moments (default 50) per scenario:
//! an import of ROWS rows (default 100,000), a storm of four processes
//! completing plans and editing assets, a restore and a backup; each kill
//! followed by `tend db check` and the scenario's own promise. The harness
//! is the test module `crates/tend-cli/tests/cli/crash.rs`; `cargo xtask
//! test` runs it with a few trials on small files. Release build, one
//! scenario at a time. Figures go to docs/reliability.md.

use crate::shell::{self, root};
use anyhow::{Context, Result};

pub fn run(args: &[String]) -> Result<()> {
    let trials: u64 = match args.first() {
        Some(n) => n
            .parse()
            .with_context(|| format!("expected a number of trials, got `{n}`"))?,
        None => 50,
    };
    let rows: u64 = match args.get(1) {
        Some(n) => n
            .parse()
            .with_context(|| format!("expected a number of rows, got `{n}`"))?,
        None => 100_000,
    };
    let (trials, rows) = (trials.to_string(), rows.to_string());
    shell::run_with_env(
        &root(),
        "cargo",
        &[
            "test",
            "--release",
            "-p",
            "tend-cli",
            "--test",
            "cli",
            "crash::",
            "--",
            "--nocapture",
            "--test-threads",
            "1",
        ],
        &[("TEND_CRASH_TRIALS", &trials), ("TEND_CRASH_ROWS", &rows)],
    )?;
    eprintln!("\nevery crash trial left a sound register ({trials} kills per scenario)");
    Ok(())
}
