//! Start-up benchmark: what opening a register costs on a demo register of
//! `TEND_BENCH_ASSETS` assets (default 100,000), warm page cache.
//!
//! - baseline: the connection and schema check alone (what an open cost
//!   before the start-up check existed);
//! - warm start: `Register::open` of a register closed cleanly and checked
//!   within the day (the lock file is read, no check runs);
//! - checked start: `Register::open` after an unclean close, which runs
//!   `PRAGMA quick_check` and `foreign_key_check`;
//! - the check alone.
//!
//! Run: `cargo bench -p tend-core --bench startup` (or `cargo xtask bench
//! startup`). The register is kept under target/bench-data/ and reused.

use std::time::{Duration, Instant};
use tend_core::store::{connection, migrations};
use tend_core::*;

#[path = "support/demo_register.rs"]
mod support;
use support::demo_register;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn p50(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let iters = env_u64("TEND_BENCH_ITERS", 15) as usize;
    let path = demo_register("startup", n);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    // Warm the page cache and leave a clean, checked close behind.
    drop(Register::open(&path).unwrap());
    let _ = std::fs::read(&path);

    let baseline = p50((0..iters)
        .map(|_| {
            let t = Instant::now();
            let mut conn = connection::open(&path, &Default::default()).unwrap();
            migrations::migrate(&mut conn).unwrap();
            let e = t.elapsed();
            drop(conn);
            e
        })
        .collect());
    let warm = p50((0..iters)
        .map(|_| {
            let t = Instant::now();
            let reg = Register::open(&path).unwrap();
            let e = t.elapsed();
            assert!(reg.damage().is_none());
            drop(reg);
            e
        })
        .collect());
    let checked = p50((0..iters.min(7))
        .map(|_| {
            // As after a crash: no record of a clean close.
            std::fs::write(presence::lock_path(&path), b"").unwrap();
            let t = Instant::now();
            let reg = Register::open(&path).unwrap();
            let e = t.elapsed();
            drop(reg);
            e
        })
        .collect());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let check_alone = p50((0..iters.min(7))
        .map(|_| {
            let t = Instant::now();
            let ok: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .unwrap();
            conn.execute_batch("PRAGMA foreign_key_check").unwrap();
            assert_eq!(ok, "ok");
            t.elapsed()
        })
        .collect());
    println!(
        "start-up of a {n}-asset register ({:.0} MB), warm page cache, p50",
        size as f64 / 1e6
    );
    println!("| measurement | time |");
    println!("| --- | --- |");
    println!(
        "| baseline: connection + schema check (no start-up check) | {} |",
        ms(baseline)
    );
    println!(
        "| warm start: Register::open, closed cleanly, checked today | {} |",
        ms(warm)
    );
    println!(
        "| warm start's cost over the baseline | {} |",
        ms(warm.saturating_sub(baseline))
    );
    println!(
        "| start after an unclean close: Register::open with quick_check | {} |",
        ms(checked)
    );
    println!(
        "| quick_check + foreign_key_check alone | {} |",
        ms(check_alone)
    );
}
