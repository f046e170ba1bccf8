//! Due-list benchmark: the one due list on a register of `TEND_BENCH_ASSETS`
//! assets (default 100,000) with twice as many maintenance plans and coverage
//! on every asset, for a 30-day horizon — measured in-process (the full list
//! and its first page of 100), beside a naive approach measured in the same
//! run (load every plan, coverage and asset row, compute each in Rust with the
//! schedule module, no index), and `tend due --json --within 30d` as a whole
//! process when target/release/tend exists.
//!
//! Run: `cargo bench -p tend-core --bench due` (build the CLI first with
//! `cargo build --release -p tend-cli` for the process figure). The register
//! is generated once (the demo generator, then extra plans in one bulk
//! INSERT … SELECT) and kept under target/bench-data/.

use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tend_core::schedule::{ending_state, task_state, Anchoring, Interval, IntervalUnit, Schedule};
use tend_core::*;

const SEED: u64 = 7;
const HORIZON: u32 = 30;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).expect("a date")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The register: demo assets, then extra plans up to two per asset.
fn bench_register(n: u64) -> PathBuf {
    let dir = repo_root().join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let path = dir.join(format!("due-{n}.sqlite"));
    if let Ok(reg) = Register::open(&path) {
        if reg.count_assets().unwrap_or(0) == n && plan_count(&path) >= 2 * n {
            return path;
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let started = Instant::now();
    let mut reg = Register::open(&path).expect("open bench register");
    let summary = demo::generate(&mut reg, n, SEED, today()).expect("demo register");
    drop(reg);
    add_plans(&path, 2 * n - summary.plans.min(2 * n));
    eprintln!(
        "generated {} assets, {} coverage, {} plans in {:.1} s",
        summary.assets,
        summary.coverage,
        plan_count(&path),
        started.elapsed().as_secs_f64()
    );
    path
}

fn plan_count(path: &Path) -> u64 {
    Connection::open(path)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM maintenance_plans", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .map_or(0, |n| n as u64)
}

/// Adds `extra` plans spread over the assets in one statement: monthly,
/// quarterly or yearly, fixed or floating, next due from 60 days ago to a
/// year ahead (so some are overdue, some due soon, most later).
fn add_plans(path: &Path, extra: u64) {
    let conn = Connection::open(path).expect("open for bulk plans");
    let sql = "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
        INSERT INTO maintenance_plans (asset_id, title, interval_count, interval_unit, anchor,
            start_date, lead_days, checklist, next_due, created_at, updated_at)
        SELECT 1 + (i * 7919) % (SELECT max(id) FROM assets),
            CASE i % 3 WHEN 0 THEN 'Clean filters' WHEN 1 THEN 'Check firmware' ELSE 'Test restore' END,
            CASE i % 3 WHEN 2 THEN 1 ELSE 1 + (i % 2) * 2 END,
            CASE i % 3 WHEN 2 THEN 'years' ELSE 'months' END,
            CASE i % 2 WHEN 0 THEN 'fixed' ELSE 'floating' END,
            '2020-01-01', 7, '[]',
            date(?2, printf('%+d days', (i * 37) % 425 - 60)),
            '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'
        FROM k";
    conn.execute(sql, rusqlite::params![extra as i64, today().to_string()])
        .expect("bulk plans");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// (p50, p95, items) of `iters` runs of `f`.
fn measure(iters: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut items = f(); // warm the page cache and the statement cache
    let mut times = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        items = f();
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95), items)
}

/// The naive due list: every row loaded, each computed in Rust.
fn naive_due(conn: &Connection, today: NaiveDate) -> usize {
    struct AssetRow {
        active: bool,
        eol: Option<NaiveDate>,
        eos: Option<NaiveDate>,
    }
    let date = |s: Option<String>| s.and_then(|s| s.parse::<NaiveDate>().ok());
    let mut assets = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT a.id, a.tag, a.name, l.path, a.status, a.archived_at, a.end_of_life, a.end_of_support FROM assets a LEFT JOIN locations l ON l.id = a.location_id")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let id: i64 = r.get(0).unwrap();
        let _label: (String, String, Option<String>) =
            (r.get(1).unwrap(), r.get(2).unwrap(), r.get(3).unwrap());
        let status: String = r.get(4).unwrap();
        let archived: Option<String> = r.get(5).unwrap();
        let active =
            archived.is_none() && matches!(status.as_str(), "in_service" | "in_repair" | "spare");
        assets.insert(
            id,
            AssetRow {
                active,
                eol: date(r.get(6).unwrap()),
                eos: date(r.get(7).unwrap()),
            },
        );
    }
    let mut due: Vec<(DueState, NaiveDate, i64)> = Vec::new();
    let mut stmt = conn
        .prepare("SELECT asset_id, interval_count, interval_unit, anchor, next_due, snoozed_until, lead_days, paused, start_date FROM maintenance_plans")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let asset: i64 = r.get(0).unwrap();
        let paused: bool = r.get(7).unwrap();
        if paused || !assets.get(&asset).is_some_and(|a| a.active) {
            continue;
        }
        let unit: String = r.get(2).unwrap();
        let schedule = Schedule {
            interval: Interval {
                every: r.get(1).unwrap(),
                unit: IntervalUnit::parse(&unit).unwrap(),
            },
            anchoring: if r.get::<_, String>(3).unwrap() == "fixed" {
                Anchoring::Fixed
            } else {
                Anchoring::Floating
            },
            start: date(r.get(8).unwrap()).unwrap(),
            end: None,
        };
        let Some(next) = date(r.get(5).unwrap()).or(date(r.get(4).unwrap())) else {
            continue;
        };
        let lead: u32 = r.get(6).unwrap();
        if let Some(state) = task_state(next, lead.max(HORIZON), today) {
            let _missed = schedule.periods_overdue(next, today);
            due.push((state, next, asset));
        }
    }
    let mut last_coverage: HashMap<i64, NaiveDate> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT asset_id, end_date FROM coverage")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let asset: i64 = r.get(0).unwrap();
        let end = date(r.get(1).unwrap()).unwrap();
        let e = last_coverage.entry(asset).or_insert(end);
        *e = (*e).max(end);
    }
    for (asset, end) in last_coverage {
        if assets.get(&asset).is_some_and(|a| a.active) {
            if let Some(state) = ending_state(end, HORIZON, today) {
                due.push((state, end, asset));
            }
        }
    }
    for (id, a) in &assets {
        for d in [a.eol, a.eos].into_iter().flatten() {
            if let (true, Some(state)) = (a.active, ending_state(d, HORIZON, today)) {
                due.push((state, d, *id));
            }
        }
    }
    due.sort_by_key(|(s, d, id)| (*s, *d, *id));
    due.len()
}

fn process_run(tend: &Path, db: &Path) -> Duration {
    let t = Instant::now();
    let status = Command::new(tend)
        .args(["due", "--json", "--within", "30d", "--today"])
        .arg(today().to_string())
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .status()
        .expect("run tend");
    assert!(status.success(), "tend due failed: {status}");
    t.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let iters = env_u64("TEND_BENCH_ITERS", 30) as usize;
    let path = bench_register(n);
    let reg = Register::open(&path).expect("open bench register");
    let query = DueQuery {
        horizon_days: HORIZON,
        ..DueQuery::default()
    };
    let page = DueQuery {
        limit: Some(100),
        ..query.clone()
    };
    let full = measure(iters, || reg.due_list(&query, today()).unwrap().items.len());
    let first = measure(iters, || reg.due_list(&page, today()).unwrap().items.len());
    let overdue_only = DueQuery {
        kinds: vec![DueKind::Maintenance],
        horizon_days: 0,
        ..query.clone()
    };
    let maint = measure(iters, || {
        reg.due_list(&overdue_only, today()).unwrap().items.len()
    });
    let conn = Connection::open(&path).expect("open for the naive run");
    let naive = measure(iters.min(10), || naive_due(&conn, today()));

    println!(
        "due list at {n} assets, {} plans, 30-day horizon, today {} ({} iterations)",
        plan_count(&path),
        today(),
        iters
    );
    println!("| measurement | p50 | p95 | items |");
    println!("| --- | --- | --- | --- |");
    for (name, (p50, p95, items)) in [
        ("due_list, full list (one UNION ALL query)", full),
        ("due_list, first page (limit 100)", first),
        ("due_list, maintenance within lead time only", maint),
        ("naive: load every row, compute in Rust", naive),
    ] {
        println!("| {name} | {} | {} | {items} |", ms(p50), ms(p95));
    }
    let tend = repo_root().join("target/release/tend");
    if tend.exists() {
        let mut times: Vec<Duration> = (0..7).map(|_| process_run(&tend, &path)).collect();
        times.sort();
        println!(
            "| `tend due --json --within 30d` (whole process) | {} | {} | {} |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            full.2
        );
    } else {
        println!(
            "(build `cargo build --release -p tend-cli` to measure `tend due --json` as a process)"
        );
    }
}
