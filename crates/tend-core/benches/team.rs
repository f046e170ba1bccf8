//! Team-register benchmark: the same work on a register on PostgreSQL (the
//! throw-away server `cargo xtask bench team` starts on this machine) beside
//! the same register as a SQLite file, in one run:
//!
//! 1. the register's hot reads on the demo register of `TEND_BENCH_ASSETS`
//!    assets (default 100,000; about ten work-log entries each) copied to
//!    the server with `tend db copy`: a filtered, sorted page of 50, a
//!    search, the last 20 history entries of an asset, and the desktop's
//!    kept due list read right after a write; p50/p95 of `TEND_BENCH_ITERS`
//!    (default 500) iterations;
//! 2. a CSV import of `TEND_BENCH_ROWS` rows (default 100,000) into an
//!    empty register; on PostgreSQL also its floor, the same import into
//!    a register without its secondary indexes plus building them after;
//! 3. maintenance completions per second with 1, 4 and 8 writers (threads,
//!    each with its own connection) completing plans of one register.
//!
//! Run: `cargo xtask bench team` (it starts the server and sets
//! `TEND_TEST_POSTGRES`). `TEND_BENCH_PARTS` picks some of the three
//! (`reads,import,writers`; all by default).

#[path = "support/asset_csv.rs"]
mod asset_csv;
#[path = "support/demo_register.rs"]
mod support;

use chrono::NaiveDate;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use tend_core::csv::import::ImportMode;
use tend_core::csv::ImportOptions;
use tend_core::location::Location;
use tend_core::store::postgres::{self as pg, ServerAddress};
use tend_core::*;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

/// The test server's `postgres://USER:PW@HOST:PORT`.
fn server_base() -> String {
    let url = std::env::var("TEND_TEST_POSTGRES")
        .expect("TEND_TEST_POSTGRES: run this through `cargo xtask bench team`");
    url.split_once("/postgres")
        .expect("admin URL")
        .0
        .to_string()
}

/// Drops a database the bench made (they are large: keep the disk free).
fn drop_database(base: &str, address: &ServerAddress) {
    let mut admin =
        postgres::Client::connect(&format!("{base}/postgres?sslmode=disable"), postgres::NoTls)
            .unwrap();
    admin
        .batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            address.database()
        ))
        .unwrap();
}

/// A new, empty database on the server; its address.
fn new_database(base: &str, prefix: &str) -> ServerAddress {
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "{prefix}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin =
        postgres::Client::connect(&format!("{base}/postgres?sslmode=disable"), postgres::NoTls)
            .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    ServerAddress::parse(&format!("{base}/{name}?sslmode=disable")).unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// (p50, p95) of `iters` runs of `f` (given the iteration number).
fn measure(iters: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    for i in 0..iters.min(20) {
        f(i); // warm-up: caches and prepared statements
    }
    let mut times: Vec<Duration> = (0..iters)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// The reads, on one register; rows of the result table.
fn reads(reg: &mut Register, iters: usize) -> Vec<(&'static str, (Duration, Duration))> {
    let sample = reg
        .list_assets(&AssetQuery {
            limit: 1000,
            ..AssetQuery::default()
        })
        .unwrap()
        .rows;
    let serials: Vec<String> = sample.iter().filter_map(|a| a.serial.clone()).collect();
    let ids: Vec<i64> = sample.iter().map(|a| a.id).collect();
    let page = measure(iters, |i| {
        let q = AssetQuery {
            status: Some(AssetStatus::InService),
            sort: AssetSortColumn::Name,
            descending: i % 2 == 1,
            offset: (i % 10) as u32 * 50,
            limit: 50,
            ..AssetQuery::default()
        };
        assert_eq!(reg.list_assets(&q).unwrap().rows.len(), 50);
    });
    let search = measure(iters, |i| {
        let q = AssetQuery {
            search: Some(serials[i % serials.len()].clone()),
            limit: 50,
            ..AssetQuery::default()
        };
        assert!(!reg.list_assets(&q).unwrap().rows.is_empty());
    });
    let history = measure(iters, |i| {
        reg.asset_history(ids[i % ids.len()], 20).unwrap();
    });
    // As the desktop's due view asks (its first 200), and the whole list.
    let due_shown = kept_due_list(reg, iters, Some(200));
    let due_whole = kept_due_list(reg, iters, None);
    vec![
        ("page of 50, in service, sorted by name", page),
        ("search by serial (full-text index)", search),
        ("last 20 history entries of an asset", history),
        (
            "kept due list (30 days, the first 200 as the desktop shows them), right after a write",
            due_shown,
        ),
        (
            "kept due list (30 days, every item), right after a write",
            due_whole,
        ),
    ]
}

/// p50/p95 of reading the desktop's kept due list (`LiveDueList`) right
/// after an asset was renamed: it catches up through the change log.
fn kept_due_list(reg: &mut Register, iters: usize, limit: Option<u32>) -> (Duration, Duration) {
    let query = DueQuery {
        horizon_days: 30,
        limit,
        ..DueQuery::default()
    };
    let mut live = LiveDueList::new();
    let loaded = live.list(reg, &query, today()).unwrap();
    let asset_id = loaded.items[0].asset_id;
    let original = reg.get_asset(asset_id).unwrap();
    let mut input = reg.asset_input(&original);
    let mut times = Vec::new();
    for i in 0..iters {
        input.name = format!("{} ({i})", original.name);
        input.expected_updated_at = String::new();
        reg.update_asset(asset_id, &input).unwrap();
        let t = Instant::now();
        live.list(reg, &query, today()).unwrap();
        times.push(t.elapsed());
    }
    input.name = original.name.clone();
    reg.update_asset(asset_id, &input).unwrap();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

fn import(reg: &mut Register, csv: &std::path::Path) -> (f64, u64) {
    let t = Instant::now();
    let report = reg
        .import_csv(
            csv,
            &ImportOptions::default(),
            ImportMode::Commit,
            &mut |_| {},
        )
        .expect("import");
    assert!(report.committed, "{:?}", report.problems.first());
    (t.elapsed().as_secs_f64(), report.created)
}

/// Imports `csv` into an empty register of each store and prints both
/// times.
fn import_both(base: &str, dir: &std::path::Path, rows: u64, what: &str, csv: &std::path::Path) {
    let file = dir.join(format!("import-{}.sqlite", what.len()));
    let (lite_secs, created) = import(&mut Register::open(&file).unwrap(), csv);
    let empty = new_database(base, "tend_bench_import");
    pg::schema::init(&mut pg::connect(&empty).unwrap()).unwrap();
    let (pg_secs, pg_created) = import(&mut Register::open_server(&empty).unwrap(), csv);
    assert_eq!(created, pg_created);
    drop_database(base, &empty);
    println!(
        "\nCSV import of {rows} rows{what} into an empty register: SQLite {lite_secs:.1} s \
         ({:.0} rows/s), PostgreSQL {pg_secs:.1} s ({:.0} rows/s): {:.2}× SQLite's time",
        created as f64 / lite_secs,
        created as f64 / pg_secs,
        pg_secs / lite_secs
    );
    let (bare_secs, build_secs) = import_without_indexes(base, csv, created);
    println!(
        "  floor: the same import into a register without its secondary indexes {bare_secs:.1} s \
         ({:.2}× SQLite's time), then building them over the rows {build_secs:.1} s \
         ({:.2}× in all)",
        bare_secs / lite_secs,
        (bare_secs + build_secs) / lite_secs
    );
}

/// The floor of any PostgreSQL import, however its indexes are kept: the
/// same import into a register whose tables keep only their keys (the
/// owner drops every other index first), then the time to build those
/// indexes once over the rows, as a bulk load by the owner would.
fn import_without_indexes(base: &str, csv: &std::path::Path, created: u64) -> (f64, f64) {
    const SECONDARY: &str = "FROM pg_indexes WHERE schemaname = 'tend' \
         AND tablename IN ('assets', 'due_entries', 'coverage', 'history', 'maintenance_plans') \
         AND indexname NOT IN (SELECT conname FROM pg_constraint)";
    let bare = new_database(base, "tend_bench_import");
    pg::schema::init(&mut pg::connect(&bare).unwrap()).unwrap();
    let mut owner = postgres::Client::connect(
        &format!("{base}/{}?sslmode=disable", bare.database()),
        postgres::NoTls,
    )
    .unwrap();
    let indexes: Vec<(String, String)> = owner
        .query(&format!("SELECT indexname, indexdef {SECONDARY}"), &[])
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    for (name, _) in &indexes {
        owner
            .batch_execute(&format!("DROP INDEX tend.{name}"))
            .unwrap();
    }
    let (bare_secs, bare_created) = import(&mut Register::open_server(&bare).unwrap(), csv);
    assert_eq!(created, bare_created);
    let t = Instant::now();
    owner
        .batch_execute("SET maintenance_work_mem = '1GB'")
        .unwrap();
    for (_, definition) in &indexes {
        owner.batch_execute(definition).unwrap();
    }
    let build_secs = t.elapsed().as_secs_f64();
    drop(owner);
    drop_database(base, &bare);
    (bare_secs, build_secs)
}

/// Completions per second by `writers` threads, each completing its own
/// share of the plans due (one completion per plan, so none is refused).
fn completions(open: &(dyn Fn() -> Register + Sync), writers: usize, per_writer: usize) -> f64 {
    let reg = open();
    let plans: Vec<i64> = reg
        .due_list(
            &DueQuery {
                kinds: vec![DueKind::Maintenance],
                horizon_days: 365,
                ..DueQuery::default()
            },
            today(),
        )
        .unwrap()
        .items
        .iter()
        .filter_map(|i| i.plan_id)
        .take(writers * per_writer)
        .collect();
    assert_eq!(plans.len(), writers * per_writer, "enough plans due");
    drop(reg);
    let started = Instant::now();
    std::thread::scope(|s| {
        for share in plans.chunks(per_writer) {
            s.spawn(move || {
                let mut reg = open();
                for &plan in share {
                    let occurrence = reg
                        .plan_detail(plan, today())
                        .unwrap()
                        .plan
                        .next_due
                        .expect("due");
                    reg.complete_plan(
                        plan,
                        &CompletionInput {
                            occurrence,
                            ..CompletionInput::default()
                        },
                        today(),
                    )
                    .unwrap();
                }
            });
        }
    });
    (writers * per_writer) as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let rows = env_u64("TEND_BENCH_ROWS", 100_000);
    let iters = env_u64("TEND_BENCH_ITERS", 500) as usize;
    let per_writer = env_u64("TEND_BENCH_COMPLETIONS", 200) as usize;
    let base = server_base();
    let parts = std::env::var("TEND_BENCH_PARTS").unwrap_or_else(|_| "reads,import,writers".into());
    let part = |name: &str| parts.split(',').any(|p| p.trim() == name);

    // The copy bench's demo register, worked on in a copy of its own.
    let demo = support::demo_register("copy", n);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.sqlite");
    Register::open(&demo).unwrap().backup_to(&file).unwrap();
    if part("reads") {
        let server = new_database(&base, "tend_bench_team");
        let t = Instant::now();
        tend_core::copy::copy(
            &Location::File(file.clone()),
            &Location::Server(Box::new(server.clone())),
        )
        .expect("copy the demo register to the server");
        let copied = t.elapsed();

        println!("\nteam register: {n} demo assets, release, p50/p95 of {iters} iterations");
        println!(
            "(`tend db copy` of the file to the server: {:.1} s)\n",
            copied.as_secs_f64()
        );
        println!("| measurement | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let mut on_file = Register::open(&file).unwrap();
        let mut on_server = Register::open_server(&server).unwrap();
        let file_reads = reads(&mut on_file, iters);
        let server_reads = reads(&mut on_server, iters);
        for ((name, f), (_, s)) in file_reads.iter().zip(&server_reads) {
            println!(
                "| {name} | {} | {} | {} | {} |",
                ms(f.0),
                ms(f.1),
                ms(s.0),
                ms(s.1)
            );
        }
        drop((on_file, on_server));
        drop_database(&base, &server);
    }
    if part("import") {
        for (what, csv) in [
            ("", asset_csv::asset_csv(rows)),
            (
                " with warranty months and end of life",
                asset_csv::dated_asset_csv(rows),
            ),
        ] {
            import_both(&base, dir.path(), rows, what, &csv);
        }
    }
    if part("writers") {
        println!(
            "\ncompletions per second ({per_writer} per writer, each writer its own connection):\n"
        );
        println!("| writers | SQLite | PostgreSQL |");
        println!("| ---: | ---: | ---: |");
        for writers in [1, 4, 8] {
            // A fresh copy each time: the plans completed are due again only
            // a period later.
            let lite_copy = dir.path().join(format!("race-{writers}.sqlite"));
            Register::open(&file)
                .unwrap()
                .backup_to(&lite_copy)
                .unwrap();
            let lite = completions(&|| Register::open(&lite_copy).unwrap(), writers, per_writer);
            let target = new_database(&base, "tend_bench_race");
            tend_core::copy::copy(
                &Location::File(file.clone()),
                &Location::Server(Box::new(target.clone())),
            )
            .unwrap();
            let pg = completions(
                &|| Register::open_server(&target).unwrap(),
                writers,
                per_writer,
            );
            println!("| {writers} | {lite:.0} | {pg:.0} |");
        }
    }
}
