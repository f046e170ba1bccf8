//! `cargo xtask bench`: every benchmark, in release mode, each measuring Tend
//! beside its named baseline in the same run. Results go to docs/benchmarks.md
//! (copied by hand from what this prints, with the machine they ran on).

use crate::shell::{self, root};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub fn run(args: &[String]) -> Result<()> {
    let root = root();
    let only = args.first().map(String::as_str);
    if let Some(name) = only {
        if ![
            "queries",
            "cli",
            "pdf",
            "due",
            "import",
            "report",
            "startup",
            "durability",
            "copy",
            "team",
            "attachments",
            "bulk",
            "home",
            "app",
        ]
        .contains(&name)
        {
            bail!("unknown benchmark {name:?}: queries, cli, pdf, due, import, report, startup, durability, copy, team, attachments, bulk, home or app");
        }
    }
    if only.is_none() || only == Some("queries") {
        shell::run(
            &root,
            "cargo",
            &["bench", "-p", "tend-core", "--bench", "queries"],
        )?;
    }
    if only.is_none() || only == Some("cli") {
        cli_list()?;
    }
    if only.is_none() || only == Some("pdf") {
        shell::run(
            &root,
            "cargo",
            &["bench", "-p", "tend-pdf", "--bench", "table"],
        )?;
    }
    if only.is_none() || only == Some("due") {
        // The due bench also times `tend due --json` as a whole process.
        shell::run(&root, "cargo", &["build", "--release", "-p", "tend-cli"])?;
        shell::run(
            &root,
            "cargo",
            &["bench", "-p", "tend-core", "--bench", "due"],
        )?;
    }
    if only.is_none() || only == Some("attachments") {
        // Part 2 times `tend attach` as a whole process.
        shell::run(&root, "cargo", &["build", "--release", "-p", "tend-cli"])?;
        shell::run(
            &root,
            "cargo",
            &["bench", "-p", "tend-core", "--bench", "attachments"],
        )?;
    }
    for name in ["import", "report", "startup", "durability", "bulk", "home"] {
        if only.is_none() || only == Some(name) {
            shell::run(
                &root,
                "cargo",
                &["bench", "-p", "tend-core", "--bench", name],
            )?;
        }
    }
    for name in ["copy", "team"] {
        if only.is_none() || only == Some(name) {
            // These need a server: a throw-away one for the run.
            let server = crate::pg::start()?;
            let env = server.env();
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            shell::run_with_env(
                &root,
                "cargo",
                &["bench", "-p", "tend-core", "--bench", name],
                &env,
            )?;
        }
    }
    if only.is_none() || only == Some("app") {
        app()?;
    }
    Ok(())
}

/// The release desktop app driven under Xvfb on a copy of the 100,000-asset
/// demo register (tests/e2e/bench_app.py): launch to Home painted,
/// keystroke, sort and filter to the table, scrolling frames, memory.
/// Needs what `cargo xtask test` installs for the end-to-end tests.
fn app() -> Result<()> {
    let root = root();
    shell::run(&root.join("ui"), "npm", &["run", "build"])?;
    shell::run(
        &root,
        "cargo",
        &["build", "--release", "-p", "tend-desktop", "-p", "tend-cli"],
    )?;
    let register = demo_file()?;
    let venv_bin = root.join("target/e2e-venv/bin");
    let path = format!(
        "{}:{}",
        venv_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let app = root.join("target/release/tend-desktop");
    shell::run_with_env(
        &root.join("tests/e2e"),
        "python3",
        &[
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-s",
            "bench_app.py",
        ],
        &[
            ("PATH", &path),
            ("TEND_DESKTOP_BIN", &app.display().to_string()),
            ("TEND_BENCH_REGISTER", &register.display().to_string()),
        ],
    )
}

/// The 100,000-asset demo register the whole-process benchmarks share,
/// written by the release `tend demo` when missing.
fn demo_file() -> Result<std::path::PathBuf> {
    let root = root();
    let tend = root.join("target/release/tend");
    let data = root.join("target/bench-data");
    std::fs::create_dir_all(&data)?;
    let db = data.join("cli-100k.sqlite");
    if !db.exists() {
        let started = Instant::now();
        tend_cmd(&tend, &db, &["demo", "--assets", "100000"])?;
        eprintln!(
            "demo register of 100,000 assets written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(db)
}

/// `tend assets list --json --limit 50` as a whole process on a demo register
/// of 100,000 assets (goal: ≤ 50 ms).
fn cli_list() -> Result<()> {
    let root = root();
    shell::run(&root, "cargo", &["build", "--release", "-p", "tend-cli"])?;
    let tend = root.join("target/release/tend");
    let db = demo_file()?;
    // Warm the page cache once, then measure.
    tend_cmd(&tend, &db, &["assets", "list", "--json", "--limit", "50"])?;
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            tend_cmd(&tend, &db, &["assets", "list", "--json", "--limit", "50"])
                .map(|_| t.elapsed())
        })
        .collect::<Result<_>>()?;
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("\n| whole process | runs | p50 | max | goal |");
    println!("|---|---|---|---|---|");
    println!(
        "| `tend assets list --json --limit 50` (100,000 assets) | {} | {:.1} ms | {:.1} ms | ≤ 50 ms |",
        times.len(),
        ms(times[times.len() / 2]),
        ms(*times.last().expect("30 runs"))
    );
    Ok(())
}

fn tend_cmd(tend: &Path, db: &Path, args: &[&str]) -> Result<()> {
    let out = Command::new(tend)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .with_context(|| format!("could not start {}", tend.display()))?;
    if !out.status.success() {
        bail!(
            "tend {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}
