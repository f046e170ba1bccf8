//! Benchmark of the inventory report (`cargo bench -p tend-core --bench report`).
//!
//! Measures, in one run:
//! - the inventory report of a 10,000-asset demo register, end to end
//!   (queries, summary tables, the landscape asset list, subset fonts,
//!   compressed streams, atomic write), median of three;
//! - Python ReportLab's canvas API drawing the same asset table the same way
//!   (tend-pdf's benches/reportlab_table.py through its benches/reportlab.rs,
//!   with this table's layout: same DejaVu fonts, columns, wrapping, repeated
//!   header, "Page N of M"), given
//!   the same rows through a TSV file it reads before its clock starts;
//! - the 100,000-asset report in a child process, with its peak memory.
//!
//! The demo registers are generated once into target/bench-data/.
//! ReportLab is installed with pip when missing.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use tend_core::report::amounts::money_exact;
use tend_core::report::{ReportOptions, ReportProgress, ReportStage, ReportWritten};
use tend_core::{AssetQuery, AssetSortColumn, Register};

#[path = "../../tend-pdf/benches/reportlab.rs"]
mod reportlab;

const CHILD_ENV: &str = "TEND_REPORT_BENCH_CHILD";

fn bench_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    dir
}

/// A demo register of `assets` assets, generated on first use.
fn register(assets: u64) -> Register {
    let path = bench_dir().join(format!("report-{assets}.sqlite"));
    let fresh = !path.exists();
    let mut reg = Register::open(&path).expect("open bench register");
    if fresh {
        let started = Instant::now();
        let today = chrono::Local::now().date_naive();
        tend_core::demo::generate(&mut reg, assets, 11, today).expect("demo register");
        reg.set_setting("organisation_name", "Stadtwerke Zürich")
            .expect("setting");
        println!(
            "generated {} ({assets} assets) in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    reg
}

/// Seconds spent reading the register, laying out pages, and drawing and
/// writing the file.
#[derive(Debug, Clone, Copy, Default)]
struct Stages {
    gathering: f64,
    layout: f64,
    writing: f64,
}

fn inventory(reg: &Register, out: &Path) -> (f64, ReportWritten, Stages) {
    let start = Instant::now();
    let mut laying_out_at = None;
    let mut writing_at = None;
    let written = reg
        .write_report(&ReportOptions::default(), out, &mut |p: &ReportProgress| {
            let now = start.elapsed().as_secs_f64();
            match p.stage {
                ReportStage::Gathering => {}
                ReportStage::LayingOut => {
                    laying_out_at.get_or_insert(now);
                }
                ReportStage::Writing => writing_at = Some(now),
            }
            ControlFlow::Continue(())
        })
        .expect("inventory report");
    let total = start.elapsed().as_secs_f64();
    // Layout begins when the last query returns: just before the first row
    // report, give or take the summary tables (a few dozen rows).
    let writing_at = writing_at.unwrap_or(total);
    let gathering = laying_out_at.unwrap_or(writing_at).min(writing_at);
    let stages = Stages {
        gathering,
        layout: writing_at - gathering,
        writing: total - writing_at,
    };
    (total, written, stages)
}

/// The asset list's rows as the report prints them, for ReportLab.
fn rows(reg: &Register) -> Vec<[String; 9]> {
    let mut out = Vec::new();
    let mut query = AssetQuery {
        sort: AssetSortColumn::Tag,
        limit: 1000,
        ..AssetQuery::default()
    };
    loop {
        let page = reg.list_assets(&query).expect("list");
        for a in &page.rows {
            let make = match (&a.manufacturer, &a.model) {
                (Some(m), Some(model)) => format!("{m} {model}"),
                (m, model) => m.clone().or(model.clone()).unwrap_or_else(|| "—".into()),
            };
            let label = a.status.label();
            let mut status = label[..1].to_uppercase();
            status.push_str(&label[1..]);
            out.push([
                a.tag.clone(),
                a.name.clone(),
                a.category.clone(),
                make,
                a.serial.clone().unwrap_or_else(|| "—".into()),
                a.location.clone().unwrap_or_else(|| "—".into()),
                status,
                a.purchase_date.clone().unwrap_or_else(|| "—".into()),
                a.purchase_cost
                    .as_ref()
                    .map(|m| money_exact(m.minor, &m.currency))
                    .unwrap_or_else(|| "—".into()),
            ]);
        }
        if page.rows.len() < query.limit as usize {
            return out;
        }
        query.offset += query.limit;
    }
}

/// The inventory report's asset list, as ReportLab draws it.
const LAYOUT: reportlab::Layout<'static> = reportlab::Layout {
    landscape: true,
    title: "Inventory summary",
    subtitle: "Assets as of 2025-04-01",
    footer: "Stadtwerke Zürich · Inventory summary",
    columns: &[
        ("Tag", "fr:1.0"),
        ("Name", "fr:2.2"),
        ("Category", "fr:1.1"),
        ("Make and model", "fr:1.8"),
        ("Serial", "fr:1.4"),
        ("Location", "fr:2.2"),
        ("Status", "fr:1.0"),
        ("Purchased", "fr:1.0"),
        ("Cost", "fr:1.1"),
    ],
    right_aligned: 8,
};

/// A figure of this process's /proc/self/status in MB (Linux), if known.
fn status_mb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The 100,000-asset report, in its own process so its peak memory is its own.
fn child(assets: u64) {
    let reg = register(assets);
    let dir = tempfile::tempdir().expect("temp dir");
    let (secs, written, _) = inventory(&reg, &dir.path().join("large.pdf"));
    // Peak resident set; and, of what is resident at the end, the pages of
    // files mapped into memory (SQLite maps the database file), which the
    // kernel shares with its page cache and can drop at will.
    let rss = status_mb("VmHWM:").unwrap_or(f64::NAN);
    let mapped = status_mb("RssFile:").unwrap_or(f64::NAN);
    println!("{secs} {} {} {rss} {mapped}", written.pages, written.bytes);
}

fn main() {
    if let Ok(assets) = std::env::var(CHILD_ENV) {
        child(assets.parse().expect("asset count"));
        return;
    }
    // Generate the large register first, outside any measurement.
    drop(register(100_000));
    let reg = register(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut times = Vec::new();
    let mut runs = Vec::new();
    for run in 0..3 {
        let (secs, written, stages) = inventory(&reg, &dir.path().join(format!("tend-{run}.pdf")));
        times.push(secs);
        runs.push((secs, written, stages));
    }
    times.sort_by(f64::total_cmp);
    let tend = times[1];
    let (_, last, stages) = runs
        .into_iter()
        .find(|(secs, _, _)| *secs == tend)
        .expect("the median run");
    let table = rows(&reg);
    let reportlab = reportlab::run(&LAYOUT, &table, dir.path());

    let exe = std::env::current_exe().expect("own path");
    let large = Command::new(exe)
        .env(CHILD_ENV, "100000")
        .output()
        .expect("run the 100,000-asset child");
    let large = String::from_utf8_lossy(&large.stdout);
    let fields: Vec<f64> = large
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();

    let mb = |b: f64| b / 1_000_000.0;
    println!();
    println!("| measurement | value | target |");
    println!("| --- | --- | --- |");
    println!(
        "| inventory report, 10,000 assets (median of 3) | {tend:.3} s ({} pages, {} asset rows) | ≤ 1 s |",
        last.pages,
        table.len()
    );
    println!(
        "| of which: reading the register / laying out / drawing and writing | {:.3} s / {:.3} s / {:.3} s | |",
        stages.gathering, stages.layout, stages.writing
    );
    match &reportlab {
        Ok((rl, rl_pages, rl_size)) => {
            println!(
                "| ReportLab canvas, same asset table | {rl:.3} s ({rl_pages} pages, {:.2} MB) | |",
                mb(*rl_size as f64)
            );
            println!("| Tend / ReportLab | {:.3} × | ≤ 0.3 × |", tend / rl);
        }
        Err(e) => println!("| ReportLab canvas, same asset table | not measured: {e} | |"),
    }
    println!(
        "| inventory report output, 10,000 assets | {:.2} MB | ≤ 1.5 MB |",
        mb(last.bytes as f64)
    );
    if let [secs, pages, size, rss, mapped] = fields[..] {
        println!(
            "| inventory report, 100,000 assets | {secs:.2} s ({pages} pages, {:.1} MB) | ≤ 10 s |",
            mb(size)
        );
        println!(
            "| inventory report, 100,000 assets, peak RSS | {rss:.0} MB, of which {mapped:.0} MB mapped file pages | ≤ 600 MB |"
        );
    } else {
        println!("| inventory report, 100,000 assets | child failed: {large} | |");
    }
}
