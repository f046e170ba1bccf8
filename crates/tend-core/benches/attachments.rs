//! Labels and attachments, each beside its baseline (issue 12):
//!
//! 1. A sheet of labels for 1,000 assets (Avery L7163), in-process, against
//!    the goal of 1 s.
//! 2. Attaching a 100 MB file with `tend attach` (the release binary, as a
//!    process) against copying the same file with `cp` on the same disk,
//!    alternating, `TEND_BENCH_ROUNDS` rounds (default 5), medians; and the
//!    attach's peak memory (max RSS, from wait4) against the same binary's
//!    idle size (`tend attachments list` on the same register).
//! 3. The register's hot reads (list, sort, search, due list, history) on a
//!    100,000-asset demo register, before and after `TEND_BENCH_ATTACH_GB`
//!    (default 5) GB of attachments are added, p50 of 200 runs each.
//!
//! Run: `cargo xtask bench attachments` (builds target/release/tend first).
//! Files go under target/bench-data/ (about 5.3 GB for part 3).

#[path = "support/demo_register.rs"]
mod demo_register;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tend_core::labels::{LabelLayout, LabelOptions};
use tend_core::*;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/attachments");
    std::fs::create_dir_all(&dir).expect("create target/bench-data/attachments");
    dir
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// `n` bytes that do not repeat (no file system or SQLite page dedup helps).
fn write_noise(path: &Path, n: u64, seed: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut x = seed.wrapping_mul(2).wrapping_add(1);
    let mut block = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        for chunk in block.chunks_exact_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        let take = left.min(block.len() as u64) as usize;
        out.write_all(&block[..take]).unwrap();
        left -= take as u64;
    }
    out.flush().unwrap();
}

/// Runs `cmd`, which must succeed; its wall time and peak memory (KiB).
fn run_measured(cmd: &mut Command) -> (Duration, u64) {
    let started = Instant::now();
    let child = cmd.spawn().expect("start the process");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child and fills `usage`; the Child handle
    // is forgotten so it does not wait a second time.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    std::mem::forget(child);
    assert_eq!(waited, pid, "wait4");
    let status = std::process::ExitStatus::from_raw(status);
    assert!(status.success(), "{cmd:?} failed: {status}");
    (elapsed, usage.ru_maxrss as u64)
}

fn labels() {
    let path = demo_register::demo_register("labels", 1_000);
    let reg = Register::open(&path).unwrap();
    let every = AssetQuery {
        include_archived: true,
        ..AssetQuery::default()
    };
    let assets = reg.chosen_assets(&[], Some(&every), None).unwrap();
    assert_eq!(assets.len(), 1_000);
    let out = bench_dir().join("labels.pdf");
    let options = LabelOptions {
        layout: LabelLayout::known("avery-l7163").unwrap(),
        start: 1,
        logo: false,
    };
    let rounds = env_u64("TEND_BENCH_ROUNDS", 5);
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        pages = reg.write_labels(&assets, &options, &out).unwrap();
        times.push(started.elapsed());
    }
    println!("\n## Labels: 1,000 assets on Avery L7163 ({pages} pages), {rounds} rounds");
    println!("| what | median | goal |");
    println!("| --- | --- | --- |");
    println!(
        "| Register::write_labels, 1,000 labels | {} | ≤ 1 s |",
        secs(median(times))
    );
}

fn attach_100mb() {
    let tend = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/tend");
    assert!(
        tend.exists(),
        "build target/release/tend first (cargo xtask bench attachments does)"
    );
    let dir = bench_dir();
    let size = env_u64("TEND_BENCH_ATTACH_MB", 100) * 1_000_000;
    let source = dir.join("source.bin");
    write_noise(&source, size, 7);
    let rounds = env_u64("TEND_BENCH_ROUNDS", 5);
    let (mut cp, mut cp_sync, mut attach, mut peak, mut idle) =
        (Vec::new(), Vec::new(), Vec::new(), 0u64, 0u64);
    for round in 0..rounds {
        let copy = dir.join("copy.bin");
        let _ = std::fs::remove_file(&copy);
        let (t, _) = run_measured(Command::new("cp").arg(&source).arg(&copy));
        cp.push(t);
        let _ = std::fs::remove_file(&copy);
        // The same copy made durable, as a commit is: cp, then sync the copy.
        let started = Instant::now();
        run_measured(Command::new("cp").arg(&source).arg(&copy));
        run_measured(Command::new("sync").arg(&copy));
        cp_sync.push(started.elapsed());
        let _ = std::fs::remove_file(&copy);

        // A fresh register each round, so the content is new every time.
        let db = dir.join(format!("attach-{round}.sqlite"));
        demo_register::remove_register(&db);
        let tend_on = |args: &[&str]| {
            let mut c = Command::new(&tend);
            c.arg("--db").arg(&db).args(args);
            c.stdout(std::process::Stdio::null());
            c
        };
        run_measured(&mut tend_on(&[
            "assets", "add", "--tag", "SRV-1", "--name", "bench",
        ]));
        let (t, kib) = run_measured(tend_on(&["attach", "SRV-1"]).arg(&source));
        attach.push(t);
        peak = peak.max(kib);
        let (_, kib) = run_measured(&mut tend_on(&["attachments", "list", "SRV-1"]));
        idle = idle.max(kib);
        demo_register::remove_register(&db);
    }
    let _ = std::fs::remove_file(&source);
    let (cp, cp_sync, attach) = (median(cp), median(cp_sync), median(attach));
    println!(
        "\n## Attaching a {} MB file, {rounds} alternating rounds",
        size / 1_000_000
    );
    println!("| what | median | against cp | against cp + sync |");
    println!("| --- | --- | --- | --- |");
    println!("| cp FILE COPY (same disk) | {} | 1.00× | |", secs(cp));
    println!(
        "| cp FILE COPY && sync COPY | {} | {:.2}× | 1.00× |",
        secs(cp_sync),
        cp_sync.as_secs_f64() / cp.as_secs_f64()
    );
    println!(
        "| tend attach TAG FILE (process, fresh register) | {} | {:.2}× (goal ≤ 1.5×) | {:.2}× |",
        secs(attach),
        attach.as_secs_f64() / cp.as_secs_f64(),
        attach.as_secs_f64() / cp_sync.as_secs_f64()
    );
    println!(
        "\nPeak memory (max RSS): attach {} MB, idle `tend attachments list` {} MB: {} MB above idle (goal ≤ 64 MB)",
        peak / 1024,
        idle / 1024,
        peak.saturating_sub(idle) / 1024
    );
}

/// p50 of `runs` calls of `f`.
fn p50(runs: u32, mut f: impl FnMut() -> usize) -> Duration {
    let mut times = Vec::with_capacity(runs as usize);
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f());
        times.push(started.elapsed());
    }
    median(times)
}

fn figures(reg: &Register) -> Vec<(&'static str, Duration)> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let first = AssetQuery::default();
    let by_name = AssetQuery {
        sort: AssetSortColumn::Name,
        offset: 50_000,
        ..AssetQuery::default()
    };
    let search = AssetQuery {
        search: Some("server".into()),
        ..AssetQuery::default()
    };
    let due = DueQuery {
        horizon_days: 30,
        limit: Some(200),
        ..DueQuery::default()
    };
    vec![
        (
            "register: first page by tag",
            p50(200, || reg.list_assets(&first).unwrap().rows.len()),
        ),
        (
            "register: by name, row 50,000",
            p50(200, || reg.list_assets(&by_name).unwrap().rows.len()),
        ),
        (
            "search \"server\", first page",
            p50(200, || reg.list_assets(&search).unwrap().rows.len()),
        ),
        (
            "due list, 30 days, 200 rows",
            p50(50, || reg.due_list(&due, today).unwrap().items.len()),
        ),
        (
            "an asset's page: its attachments",
            p50(200, || reg.list_attachments(1).unwrap().len()),
        ),
        (
            "an asset's history, 50 entries",
            p50(200, || reg.asset_history(1, 50).unwrap().len()),
        ),
    ]
}

fn big_register() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let gb = env_u64("TEND_BENCH_ATTACH_GB", 5);
    let demo = demo_register::demo_register("demo", n);
    let path = bench_dir().join(format!("with-files-{n}.sqlite"));
    demo_register::remove_register(&path);
    {
        let reg = Register::open(&demo).unwrap();
        reg.backup_to(&path).unwrap();
    }
    let mut reg = Register::open(&path).unwrap();
    // A first pass warms the caches; the second is measured (both times).
    figures(&reg);
    let before = figures(&reg);
    let file = bench_dir().join("part.bin");
    let started = Instant::now();
    let files = gb * 10;
    for i in 0..files {
        write_noise(&file, 100_000_000, 1_000 + i);
        // Spread over the register: every 2,000th asset.
        let asset = 1 + (i as i64 * 2_000) % n as i64;
        reg.attach_files(
            std::slice::from_ref(&file),
            &[asset],
            AttachedTo::Asset,
            None,
        )
        .unwrap();
    }
    let _ = std::fs::remove_file(&file);
    let (links, contents, bytes) = reg.attachment_totals().unwrap();
    eprintln!(
        "attached {links} links, {contents} contents, {:.1} GB in {:.0} s",
        bytes as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );
    drop(reg);
    let reg = Register::open(&path).unwrap();
    figures(&reg);
    let after = figures(&reg);
    let file_gb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e9;
    println!("\n## The register's reads with {gb} GB of attachments ({n} assets, file {file_gb:.1} GB), p50");
    println!("| query | without files | with {gb} GB | ratio |");
    println!("| --- | --- | --- | --- |");
    for ((name, b), (_, a)) in before.iter().zip(&after) {
        println!(
            "| {name} | {:.3} ms | {:.3} ms | {:.2}× |",
            b.as_secs_f64() * 1e3,
            a.as_secs_f64() * 1e3,
            a.as_secs_f64() / b.as_secs_f64()
        );
    }
    drop(reg);
    if std::env::var_os("TEND_BENCH_KEEP").is_none() {
        demo_register::remove_register(&path);
    }
}

fn main() {
    let parts =
        std::env::var("TEND_BENCH_PARTS").unwrap_or_else(|_| "labels,attach,register".into());
    if parts.contains("labels") {
        labels();
    }
    if parts.contains("attach") {
        attach_100mb();
    }
    if parts.contains("register") {
        big_register();
    }
}
