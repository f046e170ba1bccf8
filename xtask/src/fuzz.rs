//! `cargo xtask fuzz [TARGET] [SECONDS] [--sanitizer none]`: one fuzz target
//! of crates/tend-core/fuzz (the importer's, `import`, unless named) for a
//! while, in one process (one core). cargo-fuzz needs nightly flags (`-Z`);
//! on a stable toolchain they are allowed with `RUSTC_BOOTSTRAP=1`, set here
//! for this build only. The fuzz crate is its own workspace with its own
//! target dir (crates/tend-core/fuzz/target). New corpus entries and crash
//! files stay out of git (fuzz/.gitignore); a crash worth keeping goes into
//! the seed corpus and into a regression test. Not part of `cargo xtask
//! test`: it runs for minutes. docs/fuzzing.md says what each target checks
//! and how fast it runs.

use crate::shell::{self, root};
use anyhow::{bail, Context, Result};

/// Ten minutes unless told otherwise.
const DEFAULT_SECONDS: u64 = 600;

/// The targets (crates/tend-core/fuzz/fuzz_targets), the default first.
const TARGETS: [(&str, &str); 5] = [
    ("import", "the importer's parse and preview"),
    ("parse", "reading a CSV file without a register"),
    ("dates", "date cells and declared date formats"),
    ("money", "money cells"),
    ("payload", "the desktop's command payloads"),
];

pub fn run(args: &[String]) -> Result<()> {
    let mut target = TARGETS[0];
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
            n if n.starts_with(|c: char| c.is_ascii_digit()) => {
                seconds = n
                    .parse()
                    .with_context(|| format!("expected a number of seconds, got `{n}`"))?;
            }
            name => {
                let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
                target = *TARGETS.iter().find(|(n, _)| *n == name).with_context(|| {
                    format!(
                        "unknown fuzz target `{name}`; expected one of {}, or a number of seconds",
                        names.join(", ")
                    )
                })?;
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
    let (name, what) = target;
    let max_time = format!("-max_total_time={seconds}");
    shell::run_with_env(
        &root().join("crates/tend-core"),
        "cargo",
        &[
            "fuzz",
            "run",
            name,
            "--sanitizer",
            &sanitizer,
            "--",
            &max_time,
            "-print_final_stats=1",
        ],
        &[("RUSTC_BOOTSTRAP", "1")],
    )?;
    eprintln!(
        "\nfuzzed {what} (`{name}`) for {seconds} s without a crash (see `Done N runs` above)"
    );
    Ok(())
}
