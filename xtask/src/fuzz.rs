//! `cargo xtask fuzz [seconds] [--sanitizer none]`: the importer's fuzz
//! target (crates/tend-core/fuzz) for a while, in one process (one core). cargo-fuzz needs
//! nightly flags (`-Z`); on a stable toolchain they are allowed with
//! `RUSTC_BOOTSTRAP=1`, set here for this build only. The fuzz crate is its
//! own workspace with its own target dir (crates/tend-core/fuzz/target).
//! New corpus entries and crash files stay out of git (fuzz/.gitignore);
//! a crash worth keeping goes into the seed corpus as a `.csv` and into a
//! regression test. Not part of `cargo xtask test`: it runs for minutes.

use crate::shell::{self, root};
use anyhow::{bail, Context, Result};

/// Ten minutes unless told otherwise.
const DEFAULT_SECONDS: u64 = 600;

pub fn run(args: &[String]) -> Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut sanitizer = "address".to_string();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--sanitizer" => {
                sanitizer = rest
                    .next()
                    .context("--sanitizer needs a value: address or none")?
                    .clone();
            }
            n => {
                seconds = n
                    .parse()
                    .with_context(|| format!("expected a number of seconds, got `{n}`"))?;
            }
        }
    }
    if seconds == 0 {
        bail!("fuzz for at least one second");
    }
    if !shell::has("cargo-fuzz") {
        eprintln!("cargo-fuzz is missing; installing it (a few minutes)");
        shell::run(&root(), "cargo", &["install", "cargo-fuzz", "--locked"])?;
    }
    let max_time = format!("-max_total_time={seconds}");
    shell::run_with_env(
        &root().join("crates/tend-core"),
        "cargo",
        &[
            "fuzz",
            "run",
            "import",
            "--sanitizer",
            &sanitizer,
            "--",
            &max_time,
            "-print_final_stats=1",
        ],
        &[("RUSTC_BOOTSTRAP", "1")],
    )?;
    eprintln!("\nfuzzed the importer for {seconds} s without a crash (see `Done N runs` above)");
    Ok(())
}
