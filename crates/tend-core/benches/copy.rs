//! `tend db copy` benchmark: a demo register of `TEND_BENCH_ASSETS` assets
//! (default 100,000, about a million work-log entries) copied file → server
//! and server → file, on the PostgreSQL that `cargo xtask bench copy` starts
//! (TEND_TEST_POSTGRES). Goal (issue 10): file → server ≤ 60 s.
//!
//! Baseline in the same run: Tend's own checked backup of the same file
//! (`VACUUM INTO`, integrity check, SHA-256) — reading and writing the
//! whole register once on this machine, with no server in between.
//!
//! Run: `cargo xtask bench copy`. The register is kept under
//! target/bench-data/ and reused.

use std::time::{Duration, Instant};
use tend_core::copy::copy;
use tend_core::location::Location;
use tend_core::store::postgres::ServerAddress;
use tend_core::*;

#[path = "support/demo_register.rs"]
mod support;
use support::demo_register;

fn s(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn main() {
    let n: u64 = std::env::var("TEND_BENCH_ASSETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let Ok(admin) = std::env::var("TEND_TEST_POSTGRES") else {
        eprintln!("copy bench: no server; run it with `cargo xtask bench copy`");
        std::process::exit(1);
    };
    let path = demo_register("copy", n);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::read(&path); // warm the page cache

    let base = admin
        .split_once("/postgres")
        .expect("admin URL")
        .0
        .to_string();
    let db = format!("tend_bench_{}", std::process::id());
    let mut client =
        postgres::Client::connect(&format!("{base}/postgres?sslmode=disable"), postgres::NoTls)
            .expect("admin connection");
    client
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .expect("create bench database");
    let url = format!("{base}/{db}?sslmode=disable");
    let server = Location::Server(Box::new(ServerAddress::parse(&url).expect("URL")));

    let backup_dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    Register::open(&path)
        .unwrap()
        .backup_to(&backup_dir.path().join("b.sqlite"))
        .unwrap();
    let baseline = t.elapsed();

    let t = Instant::now();
    let up = copy(&Location::File(path.clone()), &server).expect("file → server");
    let to_server = t.elapsed();

    let back = backup_dir.path().join("back.sqlite");
    let t = Instant::now();
    let down = copy(&server, &Location::File(back)).expect("server → file");
    let to_file = t.elapsed();
    assert_eq!(up.sha256, down.sha256);

    let rows: u64 = up.tables.iter().map(|t| t.rows).sum();
    let work: u64 = up
        .tables
        .iter()
        .find(|t| t.table == "work_log")
        .map_or(0, |t| t.rows);
    println!(
        "\ntend db copy, {n} assets, {work} work-log entries, {rows} rows in all, file {:.0} MB",
        size as f64 / 1e6
    );
    println!("| what | time |");
    println!("| --- | --- |");
    println!(
        "| baseline: checked backup of the file (VACUUM INTO + integrity_check + SHA-256) | {} |",
        s(baseline)
    );
    println!(
        "| `tend db copy` file → server (COPY in, read back and compared, one transaction) | {} |",
        s(to_server)
    );
    println!(
        "| `tend db copy` server → file (COPY out, insert, read back and compared) | {} |",
        s(to_file)
    );
    println!(
        "goal: file → server ≤ 60 s: {}",
        if to_server <= Duration::from_secs(60) {
            "met"
        } else {
            "NOT met"
        }
    );
    client
        .batch_execute(&format!("DROP DATABASE {db}"))
        .expect("drop bench database");
}
