//! Import/export benchmark. Generates an asset CSV (15 columns, quoted
//! commas, line breaks in notes, Unicode) under target/bench-data/, then in
//! one run measures:
//!
//! 1. Tend's validated import of `TEND_BENCH_ROWS` rows (default 100,000)
//!    into an empty register, in rows per second;
//! 2. the sqlite3 shell's `.import` of the same file into a typed table with
//!    a UNIQUE tag column (the `sqlite3` program must be installed);
//! 3. the export of those assets to CSV;
//! 4. the peak memory (VmHWM) of a child process importing
//!    `TEND_BENCH_BIG_ROWS` rows (default 1,000,000; 0 skips it).
//!
//! Run: `cargo bench -p tend-core --bench import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{ExportKind, ExportOptions, ImportOptions};
use tend_core::Register;

const CHILD_ENV: &str = "TEND_BENCH_IMPORT_CHILD";

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

#[path = "support/asset_csv.rs"]
mod asset_csv;
use asset_csv::asset_csv;

fn fresh_db(name: &str) -> PathBuf {
    let path = bench_dir().join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn tend_import(csv: &Path, db: &Path) -> (f64, u64) {
    let mut reg = Register::open(db).expect("open register");
    let started = Instant::now();
    let report = reg
        .import_csv(
            csv,
            &ImportOptions::default(),
            ImportMode::Commit,
            &mut |_| {},
        )
        .expect("import");
    let secs = started.elapsed().as_secs_f64();
    assert!(report.committed, "{:?}", report.problems.first());
    (secs, report.created)
}

fn sqlite_import(csv: &Path, db: &Path) -> f64 {
    let schema = "CREATE TABLE assets (tag TEXT NOT NULL UNIQUE, name TEXT NOT NULL, category TEXT,
        status TEXT, manufacturer TEXT, model TEXT, serial TEXT, location TEXT, hostname TEXT,
        ip_address TEXT, purchase_date TEXT, purchase_cost REAL, currency TEXT, supplier TEXT, notes TEXT);";
    let status = Command::new("sqlite3")
        .arg(db)
        .arg(schema)
        .status()
        .expect("run sqlite3 (install Debian's sqlite3 package)");
    assert!(status.success());
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(db)
        .arg(format!(".import --csv --skip 1 {} assets", csv.display()))
        .status()
        .expect("run sqlite3");
    let secs = started.elapsed().as_secs_f64();
    assert!(status.success(), "sqlite3 .import failed");
    secs
}

/// In the child: import and print the peak resident set size.
fn child(csv: &str) {
    let db = fresh_db("import-big.sqlite");
    let (secs, rows) = tend_import(Path::new(csv), &db);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0");
    println!("{rows} {secs} {hwm}");
}

fn main() {
    if let Ok(csv) = std::env::var(CHILD_ENV) {
        child(&csv);
        return;
    }
    let rows = env_u64("TEND_BENCH_ROWS", 100_000);
    let big = env_u64("TEND_BENCH_BIG_ROWS", 1_000_000);
    let csv = asset_csv(rows);
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);

    let tend_db = fresh_db("import-tend.sqlite");
    let (tend_secs, created) = tend_import(&csv, &tend_db);
    assert_eq!(created, rows);
    let sqlite_secs = sqlite_import(&csv, &fresh_db("import-sqlite3.sqlite"));

    let reg = Register::open(&tend_db).expect("reopen");
    let out = bench_dir().join("export-assets.csv");
    let started = Instant::now();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).expect("create export"));
    let exported = reg
        .export_csv(ExportKind::Assets, &ExportOptions::default(), &mut file)
        .expect("export");
    file.flush().unwrap();
    let export_secs = started.elapsed().as_secs_f64();

    let tend_rate = rows as f64 / tend_secs;
    let sqlite_rate = rows as f64 / sqlite_secs;
    println!("| measurement | result |");
    println!("| --- | --- |");
    println!(
        "| input | {rows} rows, 15 columns, {:.1} MB |",
        size as f64 / 1e6
    );
    println!("| Tend validated import | {tend_secs:.2} s, {tend_rate:.0} rows/s |");
    println!("| sqlite3 shell `.import` (typed, UNIQUE tag) | {sqlite_secs:.2} s, {sqlite_rate:.0} rows/s |");
    println!(
        "| ratio Tend / sqlite3 (goal ≥ 1.0×) | {:.2}× |",
        tend_rate / sqlite_rate
    );
    println!("| export of {exported} assets (goal ≤ 1 s) | {export_secs:.2} s |");

    if big > 0 {
        let big_csv = asset_csv(big);
        let exe = std::env::current_exe().expect("bench executable");
        let output = Command::new(exe)
            .env(CHILD_ENV, &big_csv)
            .output()
            .expect("run child import");
        let text = String::from_utf8_lossy(&output.stdout);
        let parts: Vec<&str> = text.split_whitespace().collect();
        if let [n, secs, kb] = parts.as_slice() {
            let mb = kb.parse::<f64>().unwrap_or(0.0) / 1024.0;
            println!("| import of {n} rows in a child process | {:.1} s, peak RSS {mb:.0} MB (goal ≤ 500 MB) |", secs.parse::<f64>().unwrap_or(0.0));
        } else {
            println!(
                "| import of {big} rows in a child process | failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
