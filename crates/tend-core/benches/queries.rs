//! Query benchmark: the asset table's hot queries on a demo register of
//! `TEND_BENCH_ASSETS` assets (default 100,000, about ten work-log entries
//! each), measured in-process, beside the same queries on an unindexed copy
//! (every secondary index dropped, search done with LIKE instead of FTS5).
//!
//! Run: `cargo bench -p tend-core --bench queries`. The registers are kept
//! under target/bench-data/ and reused. `TEND_BENCH_ITERS` (default 2,000)
//! sets the indexed iterations; the unindexed copy runs a tenth of them
//! (at least 20) because each of its queries scans whole tables.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tend_core::*;

const SEED: u64 = 42;

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

/// The demo register of `n` assets, generated once and reused.
fn demo_register(n: u64) -> PathBuf {
    let path = bench_dir().join(format!("demo-{n}.sqlite"));
    if let Ok(reg) = Register::open(&path) {
        if reg.count_assets().unwrap_or(0) == n {
            return path;
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut reg = Register::open(&path).expect("open bench register");
    let today = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
    let started = Instant::now();
    let summary = demo::generate(&mut reg, n, SEED, today).expect("generate demo register");
    eprintln!(
        "generated {} assets, {} coverage, {} plans, {} work-log entries in {:.1} s",
        summary.assets,
        summary.coverage,
        summary.plans,
        summary.work_log,
        started.elapsed().as_secs_f64()
    );
    path
}

/// A copy of the register with every secondary index dropped.
fn unindexed_copy(indexed: &Path, n: u64) -> PathBuf {
    let path = bench_dir().join(format!("unindexed-{n}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Register::open(indexed)
        .unwrap()
        .backup_to(&path)
        .expect("copy register");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for name in names {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))
            .unwrap();
    }
    conn.execute_batch("ANALYZE").unwrap();
    path
}

struct Stats {
    p50: Duration,
    p99: Duration,
}

fn measure(iters: u64, mut run: impl FnMut(u64) -> usize) -> Stats {
    let mut samples = Vec::with_capacity(iters as usize);
    let mut sink = 0usize;
    for i in 0..iters {
        let t = Instant::now();
        sink = sink.wrapping_add(run(i));
        samples.push(t.elapsed());
    }
    assert!(sink > 0, "the queries returned nothing");
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Stats {
        p50: at(0.50),
        p99: at(0.99),
    }
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.1} ms", us / 1000.0)
    }
}

/// splitmix64, to pick random assets reproducibly.
fn pick(i: u64, n: u64) -> u64 {
    let mut z = (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % n
}

/// The benchmarked queries, each a function of the iteration number.
struct Workload {
    n: u64,
    server_category: i64,
    serials: Vec<String>,
}

impl Workload {
    fn in_repair_by_purchase(reg: &Register, limit: u32) -> usize {
        let q = AssetQuery {
            status: Some(AssetStatus::InRepair),
            sort: AssetSortColumn::PurchaseDate,
            descending: true,
            limit,
            ..AssetQuery::default()
        };
        let page = reg.list_assets(&q).unwrap();
        page.rows.len() + page.total as usize
    }

    fn category_by_name(&self, reg: &Register, limit: u32) -> usize {
        let q = AssetQuery {
            category_id: Some(self.server_category),
            sort: AssetSortColumn::Name,
            limit,
            ..AssetQuery::default()
        };
        let page = reg.list_assets(&q).unwrap();
        page.rows.len() + page.total as usize
    }

    fn search_serial(&self, reg: &Register, i: u64) -> usize {
        let q = AssetQuery {
            search: Some(self.serials[(i as usize) % self.serials.len()].clone()),
            include_archived: true,
            ..AssetQuery::default()
        };
        reg.list_assets(&q).unwrap().rows.len()
    }

    fn history(&self, reg: &Register, i: u64) -> usize {
        reg.asset_history(1 + pick(i, self.n) as i64, 20)
            .unwrap()
            .len()
    }
}

/// The search on the unindexed copy: LIKE over the same columns.
fn like_search(conn: &rusqlite::Connection, word: &str) -> usize {
    let pattern = format!("%{word}%");
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.id, a.tag, a.name, a.serial, a.hostname FROM assets a
             WHERE a.tag LIKE ?1 OR a.name LIKE ?1 OR a.serial LIKE ?1 OR a.hostname LIKE ?1
                OR a.ip_address LIKE ?1 OR a.mac_address LIKE ?1 OR a.model LIKE ?1 OR a.notes LIKE ?1
             ORDER BY a.tag LIMIT 50",
        )
        .unwrap();
    let rows = stmt
        .query_map([&pattern], |r| r.get::<_, i64>(0))
        .unwrap()
        .count();
    let total: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM assets a
             WHERE a.tag LIKE ?1 OR a.name LIKE ?1 OR a.serial LIKE ?1 OR a.hostname LIKE ?1
                OR a.ip_address LIKE ?1 OR a.mac_address LIKE ?1 OR a.model LIKE ?1 OR a.notes LIKE ?1",
        )
        .unwrap()
        .query_row([&pattern], |r| r.get(0))
        .unwrap();
    rows + total as usize
}

/// Where the time of the filtered page goes: the same page (status = in
/// repair, newest purchase first, 50 rows) through raw SQL on the indexed
/// file, from ids only up to every column with the five lookup joins, each
/// row stepped but not turned into an `Asset`.
fn breakdown(path: &Path, iters: u64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let columns = "a.id, a.tag, a.name, a.category_id, a.manufacturer_id, a.model, a.serial,
        a.status, a.location_id, a.rack_unit, a.assigned_to_id, a.hostname, a.ip_address, a.mac_address,
        a.firmware, a.purchase_date, a.purchase_cost_minor, a.purchase_currency, a.supplier_id, a.order_number,
        a.end_of_life, a.end_of_support, a.notes, a.custom_fields, a.archived_at, a.created_at, a.updated_at";
    let joined = "a.id, a.tag, a.name, a.category_id, c.name, m.name, a.model, a.serial,
        a.status, a.location_id, l.path, a.rack_unit, p.name, a.hostname, a.ip_address, a.mac_address,
        a.firmware, a.purchase_date, a.purchase_cost_minor, a.purchase_currency, s.name, a.order_number,
        a.end_of_life, a.end_of_support, a.notes, a.custom_fields, a.archived_at, a.created_at, a.updated_at";
    let joins = "LEFT JOIN categories c ON c.id = a.category_id
        LEFT JOIN vendors m ON m.id = a.manufacturer_id
        LEFT JOIN locations l ON l.id = a.location_id
        LEFT JOIN people p ON p.id = a.assigned_to_id
        LEFT JOIN vendors s ON s.id = a.supplier_id";
    let tail = "WHERE a.archived_at IS NULL AND a.status = 'in_repair'
        ORDER BY a.purchase_date DESC, a.tag DESC LIMIT 50";
    let cases = [
        ("ids only (covering index, no row read)", "SELECT a.id FROM assets a WHERE a.status = 'in_repair' ORDER BY a.purchase_date DESC, a.tag DESC LIMIT 50".to_string()),
        ("ids, archived filter (row read)", format!("SELECT a.id FROM assets a {tail}")),
        ("every asset column, no joins", format!("SELECT {columns} FROM assets a {tail}")),
        ("every column + five lookup joins", format!("SELECT {joined} FROM assets a {joins} {tail}")),
        ("the total from asset_counts", "SELECT ifnull(sum(n), 0) FROM asset_counts WHERE status = 'in_repair' AND archived = 0".to_string()),
    ];
    println!();
    println!("breakdown of the first row (raw SQL, rows stepped, columns not read), beside the whole call:");
    println!();
    println!("| step | p50 | p99 |");
    println!("| --- | ---: | ---: |");
    for (name, sql) in cases {
        let run = |_| {
            let mut stmt = conn.prepare_cached(&sql).unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut n = 0;
            while let Some(_r) = rows.next().unwrap() {
                n += 1;
            }
            n
        };
        for i in 0..20 {
            run(i);
        }
        let s = measure(iters, run);
        println!("| {name} | {} | {} |", fmt(s.p50), fmt(s.p99));
    }
    let reg = Register::open(path).unwrap();
    let s = measure(iters, |_| Workload::in_repair_by_purchase(&reg, 50));
    println!(
        "| Register::list_assets (rows as `Asset` + total) | {} | {} |",
        fmt(s.p50),
        fmt(s.p99)
    );
    let s = measure(iters, |_| Workload::in_repair_by_purchase(&reg, 0));
    println!(
        "| Register::list_assets, total only (limit 0) | {} | {} |",
        fmt(s.p50),
        fmt(s.p99)
    );
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let iters = env_u64("TEND_BENCH_ITERS", 2_000);
    let slow_iters = (iters / 10).max(20);
    let indexed_path = demo_register(n);
    if std::env::var_os("TEND_BENCH_BREAKDOWN").is_some() {
        breakdown(&indexed_path, iters);
        if std::env::var("TEND_BENCH_BREAKDOWN").as_deref() == Ok("only") {
            return;
        }
    }
    let unindexed_path = unindexed_copy(&indexed_path, n);

    let indexed = Register::open(&indexed_path).unwrap();
    let unindexed = Register::open(&unindexed_path).unwrap();
    let raw = rusqlite::Connection::open(&unindexed_path).unwrap();
    let server_category = indexed
        .list_lookups(LookupKind::Category)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Server")
        .unwrap()
        .id;
    let serials: Vec<String> = (0..200)
        .map(|i| {
            indexed
                .get_asset(1 + pick(i + 1_000_000, n) as i64)
                .unwrap()
                .serial
                .unwrap()
        })
        .collect();
    let work = Workload {
        n,
        server_category,
        serials,
    };

    type Query<'a> = Box<dyn Fn(u64) -> usize + 'a>;
    let rows: Vec<(&str, Query, Query)> = vec![
        (
            "status = in repair, sorted by purchase date (newest first), page of 50 + total",
            Box::new(|_| Workload::in_repair_by_purchase(&indexed, 50)),
            Box::new(|_| Workload::in_repair_by_purchase(&unindexed, 50)),
        ),
        (
            "… of which the total alone (limit 0)",
            Box::new(|_| Workload::in_repair_by_purchase(&indexed, 0)),
            Box::new(|_| Workload::in_repair_by_purchase(&unindexed, 0)),
        ),
        (
            "category = Server, sorted by name, page of 50 + total",
            Box::new(|_| work.category_by_name(&indexed, 50)),
            Box::new(|_| work.category_by_name(&unindexed, 50)),
        ),
        (
            "… of which the total alone (limit 0)",
            Box::new(|_| work.category_by_name(&indexed, 0)),
            Box::new(|_| work.category_by_name(&unindexed, 0)),
        ),
        (
            "full-text search of a serial number, page of 50 + total",
            Box::new(|i| work.search_serial(&indexed, i)),
            Box::new(|i| like_search(&raw, &work.serials[(i as usize) % work.serials.len()])),
        ),
        (
            "last 20 history entries of a random asset",
            Box::new(|i| work.history(&indexed, i)),
            Box::new(|i| work.history(&unindexed, i)),
        ),
    ];

    let history_rows: i64 = raw
        .query_row("SELECT count(*) FROM history", [], |r| r.get(0))
        .unwrap();
    let work_rows: i64 = raw
        .query_row("SELECT count(*) FROM work_log", [], |r| r.get(0))
        .unwrap();
    println!();
    println!(
        "{n} assets, {work_rows} work-log entries, {history_rows} history entries; \
         indexed: {iters} iterations, unindexed: {slow_iters} iterations (release, in-process)"
    );
    println!();
    println!("| query | indexed p50 | indexed p99 | unindexed p50 | unindexed p99 |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, fast, slow) in &rows {
        // Warm the page cache and the statement cache first.
        for i in 0..20 {
            fast(i);
        }
        let a = measure(iters, fast);
        slow(0);
        let b = measure(slow_iters, slow);
        println!(
            "| {name} | {} | {} | {} | {} |",
            fmt(a.p50),
            fmt(a.p99),
            fmt(b.p50),
            fmt(b.p99)
        );
    }
}
