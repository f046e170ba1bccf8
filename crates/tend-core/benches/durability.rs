//! Durability benchmark: what `synchronous=FULL` (the "durability" setting
//! "full") costs a commit, beside the default `synchronous=NORMAL`, on this
//! machine's disk. Each mode makes `TEND_BENCH_COMMITS` (default 300) small
//! commits — one asset created each, as the desktop's "Save" does — on a
//! fresh register in target/bench-data/.
//!
//! Run: `cargo bench -p tend-core --bench durability` (or `cargo xtask bench
//! durability`).

use std::path::Path;
use std::time::{Duration, Instant};
use tend_core::*;

fn commits(dir: &Path, mode: &str, n: u64) -> Vec<Duration> {
    let path = dir.join(format!("durability-{mode}.sqlite"));
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut reg = Register::open(&path).expect("open");
    reg.set_setting("durability", mode).expect("durability");
    let mut samples = Vec::with_capacity(n as usize);
    for i in 0..n {
        let input = AssetInput {
            tag: format!("D-{i:05}"),
            name: format!("Durability probe {i}"),
            ..AssetInput::default()
        };
        let t = Instant::now();
        reg.create_asset(&input).expect("create");
        samples.push(t.elapsed());
    }
    samples.sort_unstable();
    samples
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n = std::env::var("TEND_BENCH_COMMITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let normal = commits(&dir, "normal", n);
    let full = commits(&dir, "full", n);
    let at = |s: &[Duration], q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
    println!("{n} commits (one asset each) per mode, this machine's disk");
    println!("| synchronous | p50 | p99 | total |");
    println!("| --- | --- | --- | --- |");
    for (name, s) in [("NORMAL (default)", &normal), ("FULL", &full)] {
        let total: Duration = s.iter().sum();
        println!(
            "| {name} | {} | {} | {:.2} s |",
            ms(at(s, 0.5)),
            ms(at(s, 0.99)),
            total.as_secs_f64()
        );
    }
}
