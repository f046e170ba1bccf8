//! Import/export benchmark. Generates asset CSVs under target/bench-data/
//! (15 columns: quoted commas, line breaks in notes, Unicode; the "dated"
//! file adds warranty months and end of life, so that coverage and the due
//! list are written too), then in one run measures:
//!
//! 1. Tend's validated import of the dated file, `TEND_BENCH_ROWS` rows
//!    (default 100,000), into an empty register, in rows per second;
//! 2. the anchor: the sqlite3 shell loading the same file into a fresh
//!    register of the same schema (made by Tend: the same tables, indexes,
//!    search index and triggers) the fastest way a database administrator
//!    would — `.import` into a staging table, one `INSERT … SELECT` into the
//!    assets, one into coverage, commit, checkpoint. It writes no history,
//!    no locations and no due list: less than Tend does;
//!    1 and 2 run in turn, `TEND_BENCH_ROUNDS` times (default 5), with a
//!    second anchor given Tend's bulk page cache; medians are compared;
//! 3. 1% more dated rows imported into an empty register and into the
//!    register just filled: the due list follows the rows imported, not
//!    the register (the backup every import makes first is timed alone);
//! 4. for information, the older measure: Tend's import of the file without
//!    dates against the shell's `.import` into one typed table with a
//!    UNIQUE tag column;
//! 5. the export of the imported assets to CSV;
//! 6. the peak memory (VmHWM) of a child process importing
//!    `TEND_BENCH_BIG_ROWS` dated rows (default 1,000,000; 0 skips it).
//!
//! The sqlite3 program must be installed. Run: `cargo xtask bench import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{ExportKind, ExportOptions, ImportOptions};
use tend_core::Register;

const CHILD_ENV: &str = "TEND_BENCH_IMPORT_CHILD";

/// The page cache Tend's bulk import uses, in KiB (store/import.rs).
const BULK_CACHE_KIB: i64 = 192 * 1024;

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
use asset_csv::{asset_csv, dated_asset_csv, more_dated_asset_csv};

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

/// The anchor: the sqlite3 shell loads `csv` (the dated file) into `db`, a
/// register Tend has just created, as a database administrator would; with
/// `cache`, the shell first gets the page cache Tend's bulk import uses.
fn anchor_import(csv: &Path, db: &Path, cache: bool) -> f64 {
    drop(Register::open(db).expect("create the anchor's register"));
    let now = "2026-12-06T12:00:00Z";
    let script = format!(
        ".bail on
{cache}
.import --csv --schema temp '{csv}' staging
BEGIN;
INSERT OR IGNORE INTO categories (name) SELECT DISTINCT category FROM temp.staging;
INSERT OR IGNORE INTO vendors (name)
    SELECT manufacturer FROM temp.staging UNION SELECT supplier FROM temp.staging;
INSERT INTO assets (tag, name, category_id, status, manufacturer_id, model, serial,
    hostname, ip_address, purchase_date, purchase_cost_minor, purchase_currency,
    supplier_id, notes, end_of_life, created_at, updated_at)
SELECT s.tag, s.name, c.id, s.status, m.id, s.model, s.serial, s.hostname, s.ip_address,
    s.purchase_date, CAST(round(s.purchase_cost * 100) AS INTEGER), s.currency, v.id,
    s.notes, nullif(s.end_of_life, ''), '{now}', '{now}'
FROM temp.staging s
JOIN categories c ON c.name = s.category
LEFT JOIN vendors m ON m.name = s.manufacturer
LEFT JOIN vendors v ON v.name = s.supplier
ORDER BY s.rowid;
INSERT INTO coverage (asset_id, kind, provider, end_date, created_at, updated_at)
SELECT a.id, 'manufacturer_warranty', s.manufacturer,
    date(s.purchase_date, '+' || s.warranty_months || ' months'), '{now}', '{now}'
FROM temp.staging s JOIN assets a ON a.tag = s.tag
WHERE s.warranty_months <> ''
ORDER BY a.id;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
",
        csv = csv.display(),
        cache = if cache {
            format!("PRAGMA cache_size = -{BULK_CACHE_KIB};")
        } else {
            String::new()
        }
    );
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run sqlite3 (install Debian's sqlite3 package)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let status = child.wait().expect("wait for sqlite3");
    let secs = started.elapsed().as_secs_f64();
    assert!(status.success(), "the anchor's sqlite3 script failed");
    secs
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn list(times: &[f64]) -> String {
    let each: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
    each.join(", ")
}

/// Assets and coverage rows in a register file.
fn counts(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).expect("open for counting");
    conn.query_row(
        "SELECT (SELECT count(*) FROM assets), (SELECT count(*) FROM coverage)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("count")
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
    let dated = dated_asset_csv(rows);
    let plain = asset_csv(rows);
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;

    // Rounds in turn, so that each meets the machine in the same states;
    // the medians are compared.
    let rounds = env_u64("TEND_BENCH_ROUNDS", 5).max(1);
    let (mut tend, mut anchor, mut tuned) = (Vec::new(), Vec::new(), Vec::new());
    let tend_db = fresh_db("import-tend.sqlite");
    let anchor_db = fresh_db("import-anchor.sqlite");
    for _ in 0..rounds {
        let (secs, created) = tend_import(&dated, &fresh_db("import-tend.sqlite"));
        assert_eq!(created, rows);
        tend.push(secs);
        anchor.push(anchor_import(
            &dated,
            &fresh_db("import-anchor.sqlite"),
            false,
        ));
        let cached = fresh_db("import-anchor-cache.sqlite");
        tuned.push(anchor_import(&dated, &cached, true));
    }
    let (tend_assets, tend_coverage) = counts(&tend_db);
    assert_eq!(
        (tend_assets, tend_coverage),
        counts(&anchor_db),
        "Tend and the anchor must load the same assets and coverage"
    );
    let (tend_secs, anchor_secs, tuned_secs) =
        (median(&mut tend), median(&mut anchor), median(&mut tuned));
    // The due list follows the rows imported, not the register: a small
    // import into the register just filled costs what it costs into an
    // empty one.
    let small = (rows / 100).max(1);
    let more = more_dated_asset_csv(rows, small);
    let into_empty = tend_import(&more, &fresh_db("import-small.sqlite")).0;
    // Every import first makes a verified backup, which follows the size of
    // the register: measured alone just before, to be told apart.
    let copy = fresh_db("import-backup-copy.sqlite");
    let started = Instant::now();
    Register::open(&tend_db)
        .expect("open for a backup")
        .backup_to(&copy)
        .expect("backup");
    let backup_secs = started.elapsed().as_secs_f64();
    let into_full = tend_import(&more, &tend_db).0;
    let plain_secs = tend_import(&plain, &fresh_db("import-tend-plain.sqlite")).0;
    let shell_secs = sqlite_import(&plain, &fresh_db("import-sqlite3.sqlite"));

    let reg = Register::open(&tend_db).expect("reopen");
    let out = bench_dir().join("export-assets.csv");
    let started = Instant::now();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).expect("create export"));
    let exported = reg
        .export_csv(ExportKind::Assets, &ExportOptions::default(), &mut file)
        .expect("export");
    file.flush().unwrap();
    let export_secs = started.elapsed().as_secs_f64();

    let rate = |secs: f64| rows as f64 / secs;
    println!("| measurement | result |");
    println!("| --- | --- |");
    println!(
        "| input | {rows} rows, 17 columns, {:.1} MB ({tend_coverage} with warranty months) |",
        size(&dated)
    );
    println!("| rounds (median, then every round) | {rounds} |");
    println!(
        "| Tend validated import | {tend_secs:.2} s, {:.0} rows/s ({}) |",
        rate(tend_secs),
        list(&tend)
    );
    println!(
        "| anchor: sqlite3 shell, staging table + `INSERT … SELECT` into Tend's schema | {anchor_secs:.2} s, {:.0} rows/s ({}) |",
        rate(anchor_secs),
        list(&anchor)
    );
    println!(
        "| ratio Tend / anchor, rows per second (goal ≥ 1.5×) | {:.2}× |",
        anchor_secs / tend_secs
    );
    println!(
        "| the anchor with Tend's bulk page cache ({} MiB) | {tuned_secs:.2} s, {:.0} rows/s ({}): Tend {:.2}× |",
        BULK_CACHE_KIB / 1024,
        rate(tuned_secs),
        list(&tuned),
        tuned_secs / tend_secs
    );
    println!(
        "| for information: Tend, the file without dates ({:.1} MB) | {plain_secs:.2} s, {:.0} rows/s |",
        size(&plain),
        rate(plain_secs)
    );
    println!(
        "| for information: sqlite3 `.import` of it into one table (UNIQUE tag) | {shell_secs:.2} s, {:.0} rows/s |",
        rate(shell_secs)
    );
    println!(
        "| {small} more dated rows into an empty register | {:.0} ms |",
        into_empty * 1000.0
    );
    println!(
        "| the same {small} rows into the register of {rows} just imported | {:.0} ms, of which the backup every import makes first ≈ {:.0} ms (measured alone) |",
        into_full * 1000.0,
        backup_secs * 1000.0
    );
    println!("| export of {exported} assets (goal ≤ 1 s) | {export_secs:.2} s |");

    if big > 0 {
        let big_csv = dated_asset_csv(big);
        let exe = std::env::current_exe().expect("bench executable");
        let output = Command::new(exe)
            .env(CHILD_ENV, &big_csv)
            .output()
            .expect("run child import");
        let text = String::from_utf8_lossy(&output.stdout);
        let parts: Vec<&str> = text.split_whitespace().collect();
        if let [n, secs, kb] = parts.as_slice() {
            let mb = kb.parse::<f64>().unwrap_or(0.0) / 1024.0;
            println!("| import of {n} dated rows in a child process | {:.1} s, peak RSS {mb:.0} MB (goal ≤ 500 MB) |", secs.parse::<f64>().unwrap_or(0.0));
        } else {
            println!(
                "| import of {big} rows in a child process | failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
