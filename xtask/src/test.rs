//! `cargo xtask test`: every test Tend has, in the order that fails fastest.
//! This is what CI runs (`.ci/run`).

use crate::setup::{self, Purpose};
use crate::shell::{self, root};
use crate::{codegen, pg, run};
use anyhow::{bail, Result};

/// Runs a command in a D-Bus session with a throw-away keyring.
const KEYRING_SESSION: &str = "tests/e2e/keyring-session.sh";

pub fn run(_args: &[String]) -> Result<()> {
    setup::ensure(Purpose::Test)?;
    let root = root();

    shell::run(&root, "cargo", &["fmt", "--all", "--", "--check"])?;
    check_boundary()?;
    codegen::check()?;

    // The UI first: the desktop crate embeds ui/dist when it compiles.
    run::build_ui()?;
    shell::run(&root.join("ui"), "npm", &["run", "check"])?;
    shell::run(&root.join("ui"), "npm", &["test"])?;

    // After the UI build: the desktop crate embeds ui/dist.
    shell::run(
        &root,
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    // The team-register tests run against a real, throw-away PostgreSQL,
    // and the desktop's password tests in a throw-away keyring of their own
    // D-Bus session (tests/e2e/keyring-session.sh); both for the end-to-end
    // test too.
    let server = pg::start()?;
    let mut env = server.env();
    env.push(("TEND_TEST_KEYRING_REQUIRED", "1".into()));
    let mut with_env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    shell::run_with_env(
        &root,
        "bash",
        &[
            KEYRING_SESSION,
            "cargo",
            "test",
            "--workspace",
            "--no-fail-fast",
        ],
        &with_env,
    )?;
    // The core's store and register suites again, each register a database
    // on that server (tests/common.rs): one suite, two stores.
    let mut on_server = with_env.clone();
    on_server.push(("TEND_TEST_STORE", "postgres"));
    // Always `--workspace`: with `-p`, Cargo resolves features for that one
    // package, and Tauri and half the tree would compile a second time.
    let mut args = vec!["test", "--workspace", "--test", "tests", "--"];
    args.extend(SUITES_ON_BOTH_STORES);
    shell::run_with_env(&root, "cargo", &args, &on_server)?;
    // And the CLI's main commands as processes, each on a database of its own.
    let mut args = vec!["test", "--workspace", "--test", "cli", "--"];
    args.extend(CLI_SUITES_ON_BOTH_STORES);
    shell::run_with_env(&root, "cargo", &args, &on_server)?;

    // The app the end-to-end test drives, built with the features the tests
    // were built with (`--tests`), so that nothing compiles twice.
    shell::run(
        &root,
        "cargo",
        &["build", "--workspace", "--bins", "--tests"],
    )?;
    let venv_bin = root.join("target/e2e-venv/bin");
    let path = format!(
        "{}:{}",
        venv_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    with_env.push(("PATH", &path));
    shell::run_with_env(
        &root,
        "bash",
        &[KEYRING_SESSION, "bash", "tests/e2e/run.sh"],
        &with_env,
    )?;
    drop(server);
    eprintln!("\nall test suites passed");
    Ok(())
}

/// The modules of tend-core's test binary that test the store and the
/// register's rules (as test-name filters); the others test what only a
/// file has (migrations, backups, crash safety, the SQLite connection), the
/// CSV parser, or the PostgreSQL store itself.
const SUITES_ON_BOTH_STORES: &[&str] = &[
    "api_",
    "attachments::",
    "authors::",
    "bulk::",
    "conflicts::",
    "csv_",
    "demo::",
    "due::",
    "kept_order::",
    "live_due::",
    "locations::",
    "overview::",
    "plan_properties::",
    "plans::",
    "reports::",
    "validation::",
];

/// The modules of tend-cli's process tests that run the main commands (the
/// others test the register file: backups, restore, crash safety).
const CLI_SUITES_ON_BOTH_STORES: &[&str] = &[
    "assets::",
    "attachments::",
    "bad_input::",
    "csv::",
    "demo::",
    "labels::",
    "log::",
    "plans::",
    "report::",
    "together::",
];

/// tend-core and tend-cli must never depend on Tauri (ARCHITECTURE.md).
fn check_boundary() -> Result<()> {
    for krate in ["tend-core", "tend-cli", "tend-pdf"] {
        let tree = shell::output(
            &root(),
            "cargo",
            &["tree", "-p", krate, "-e", "normal", "--prefix", "none"],
        );
        let tree = match tree {
            Ok(t) => t,
            Err(_) if krate == "tend-pdf" => continue,
            Err(e) => return Err(e),
        };
        let offending: Vec<&str> = tree
            .lines()
            .filter(|l| l.starts_with("tauri") || l.starts_with("wry ") || l.starts_with("tao "))
            .collect();
        if !offending.is_empty() {
            bail!("{krate} must not depend on Tauri, but pulls in: {offending:?}");
        }
    }
    eprintln!("dependency boundary holds: tend-core, tend-cli and tend-pdf do not depend on Tauri");
    Ok(())
}
