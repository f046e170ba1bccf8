//! Developer tasks for Tend, run as `cargo xtask <task>`:
//!
//! - `run`     install what is missing, build the UI, launch the desktop app
//! - `test`    install what is missing, then run every test (what CI runs)
//! - `codegen` regenerate the TypeScript bindings of tend-core's types
//! - `bench`   run the benchmarks (release builds) and print their tables
//! - `fuzz`    fuzz one target (importer, parser, dates, money, payloads) for a while
//! - `crash`   kill `tend` at random moments and check what is left
//! - `together` many `tend` writers racing on one register (8 × 500)
//! - `package` the .deb and the AppImage (Tauri's bundler); `--check` installs the .deb and runs it
//! - `pg`      run a command beside a throw-away PostgreSQL (TEND_TEST_POSTGRES set)
//!
//! Set `TEND_SKIP_SETUP=1` to skip the installation step.

mod bench;
mod codegen;
mod commands_ts;
mod crash;
mod fuzz;
mod package;
mod pg;
mod run;
mod setup;
mod shell;
mod test;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    match task {
        "run" => run::run(rest),
        "test" => test::run(rest),
        "codegen" => codegen::run(),
        "bench" => bench::run(rest),
        "fuzz" => fuzz::run(rest),
        "crash" => crash::run(rest),
        "pg" => pg::run(rest),
        "package" => package::run(rest),
        "together" => together(rest),
        "setup" => setup::ensure(setup::Purpose::Test),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => bail!("unknown task `{other}`\n\n{HELP}"),
    }
}

const HELP: &str = "usage: cargo xtask <task>

tasks:
  run       install what is missing, build the UI and launch the desktop app
            (on its default database; set TEND_DB=FILE for another)
  test      install what is missing, then run every test: formatting, the
            dependency boundary, stale bindings, Rust tests, UI unit tests,
            and the end-to-end test of the desktop app under Xvfb
  codegen   regenerate ui/src/lib/bindings from tend-core's Rust types
  package [--check]
            build the .deb (with the `tend` command) and the AppImage with
            Tauri's bundler; --check installs the .deb, runs it, removes it
  bench [queries|cli|pdf|due|import|report|startup|durability|copy|team|attachments|bulk|home|app]
            run the benchmarks (or one) in release mode and print their results
  fuzz [import|parse|dates|money|payload] [SECONDS] [--sanitizer none]
            fuzz one target of crates/tend-core/fuzz (default import) for SECONDS
            (default 600) in one process; installs cargo-fuzz if missing and
            uses RUSTC_BOOTSTRAP=1 so a stable toolchain will do. Not part
            of `test`
  crash [TRIALS] [ROWS]
            kill `tend` with SIGKILL at TRIALS random moments (default 50)
            while it imports ROWS rows (default 100000), while four
            processes complete plans and edit assets, while it restores and
            while it backs up; after each kill the register must pass
            `tend db check` and keep its promise (none or all of an import,
            every acknowledged change, old or new register). Release build;
            not part of `test`, which runs a few small trials
  together [WRITERS] [ROUNDS] [--postgres]
            WRITERS `tend` writers (default 8) each read then edit one asset
            and complete one plan ROUNDS times (default 500) on one
            register (with --postgres, a team register on a throw-away
            server): every accepted change is in the history, every
            refusal is a conflict, no occurrence is completed twice.
            `test` runs 4 × 12 on both stores
  pg COMMAND [ARGS…]
            run COMMAND beside a throw-away PostgreSQL server (initdb in a
            temp folder, free port, TLS); TEND_TEST_POSTGRES is its URL
  setup     only install what is missing (apt packages, npm packages,
            tauri-driver, Python test packages)";

/// `cargo xtask together [WRITERS] [ROUNDS]`: the CLI's race test at full
/// size (it runs 4 × 12 in `test`).
fn together(args: &[String]) -> Result<()> {
    let on_server = args.iter().any(|a| a == "--postgres");
    let numbers: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--postgres")
        .collect();
    let writers = numbers.first().copied().unwrap_or("8");
    let rounds = numbers.get(1).copied().unwrap_or("500");
    let mut env = vec![
        ("TEND_TOGETHER_WRITERS".to_string(), writers.to_string()),
        ("TEND_TOGETHER_ROUNDS".to_string(), rounds.to_string()),
    ];
    // The same race on a team register: a throw-away server for the run.
    let server = if on_server {
        let server = pg::start()?;
        env.extend(server.env().into_iter().map(|(k, v)| (k.to_string(), v)));
        env.push(("TEND_TEST_STORE".into(), "postgres".into()));
        Some(server)
    } else {
        None
    };
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let result = shell::run_with_env(
        &shell::root(),
        "cargo",
        &[
            "test",
            "--release",
            "-p",
            "tend-cli",
            "--test",
            "cli",
            "writers_racing",
            "--",
            "--nocapture",
        ],
        &env,
    );
    drop(server);
    result
}
