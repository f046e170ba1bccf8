//! Table benchmark: tend-pdf against ReportLab, in the same run.
//!
//! `cargo bench -p tend-pdf --bench table`
//!
//! 1. 10,000 asset-like rows × 8 columns, A4 portrait, DejaVu Sans: tend-pdf
//!    (median of 3) and ReportLab's canvas API drawing the same table the same
//!    way (benches/reportlab_table.py, run with python3; `reportlab` is
//!    installed with pip if it is missing, and the bench says so).
//! 2. 100,000 rows in a child process of this binary, so that its peak
//!    resident memory (VmHWM) is its own.
//!
//! Prints a table of measurements against the targets: 10,000 rows in at most
//! 0.3 × ReportLab's time and at most 1 s, output at most 1.5 MB; 100,000 rows
//! in at most 10 s and 600 MB.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tend_pdf::{Align, Column, ColumnWidth, Document, DocumentSetup, TableSpec};

mod reportlab;

const CHILD_ENV: &str = "TEND_PDF_BENCH_ROWS";

/// Synthetic asset row `i`: tag, name, category, model, serial, location,
/// status, cost.
fn row(i: usize) -> [String; 8] {
    const CATEGORIES: [&str; 8] = [
        "Server", "Switch", "Router", "Firewall", "Laptop", "PC", "Printer", "UPS",
    ];
    const MODELS: [&str; 6] = [
        "Dell PowerEdge R750",
        "Cisco Catalyst 9300-48P",
        "HPE ProLiant DL380 Gen10",
        "Lenovo ThinkPad T14s Gen 4",
        "APC Smart-UPS SRT 3000VA",
        "Fortinet FortiGate 100F",
    ];
    const SITES: [&str; 5] = [
        "Zürich › HQ › Room 2.14 › Rack A3",
        "Berlin › Lager",
        "Αθήνα › Office 3",
        "Lyon › Atelier",
        "Wien › DC1 › Rack 12",
    ];
    const STATUS: [&str; 4] = ["In service", "In repair", "Spare", "Retired"];
    let category = CATEGORIES[i % CATEGORIES.len()];
    [
        format!("AST-{i:06}"),
        format!("{category} {} for José Müller's team", i % 997),
        category.to_string(),
        MODELS[i % MODELS.len()].to_string(),
        format!(
            "SN{:010X}{:04}",
            (i as u64).wrapping_mul(2_654_435_761),
            i % 9973
        ),
        SITES[i % SITES.len()].to_string(),
        STATUS[i % STATUS.len()].to_string(),
        format!("€{}.{:02}", 150 + (i * 7919) % 24_000, i % 100),
    ]
}

fn spec() -> TableSpec {
    let fr = ColumnWidth::Fraction;
    TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Points(56.0)),
            Column::new("Name", fr(2.0)),
            Column::new("Category", fr(1.0)),
            Column::new("Model", fr(1.5)),
            Column::new("Serial", fr(1.4)),
            Column::new("Location", fr(1.6)),
            Column::new("Status", fr(1.0)),
            Column::new("Cost", ColumnWidth::Points(56.0)).align(Align::Right),
        ],
        zebra: true,
    }
}

fn setup() -> DocumentSetup {
    DocumentSetup {
        organisation: "Stadtwerke Zürich".into(),
        title: "Asset register".into(),
        period: "All sites · All categories".into(),
        generated_at: "2025-04-01 09:30".into(),
        ..Default::default()
    }
}

/// Renders `rows` with tend-pdf; returns (seconds, pages, bytes).
fn render<I>(rows: I, out: &Path) -> (f64, usize, u64)
where
    I: IntoIterator,
    I::Item: IntoIterator,
    <I::Item as IntoIterator>::Item: AsRef<str>,
{
    let start = Instant::now();
    let mut doc = Document::new(setup()).expect("document");
    doc.table(&spec(), rows).expect("table");
    let written = doc.write_to(out).expect("write");
    (start.elapsed().as_secs_f64(), written.pages, written.bytes)
}

/// Peak resident set of this process in MB (Linux), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The table above, as ReportLab draws it.
const LAYOUT: reportlab::Layout<'static> = reportlab::Layout {
    landscape: false,
    title: "Asset register",
    subtitle: "All sites · All categories",
    footer: "Stadtwerke Zürich · Asset register",
    columns: &[
        ("Tag", "pt:56"),
        ("Name", "fr:2.0"),
        ("Category", "fr:1.0"),
        ("Model", "fr:1.5"),
        ("Serial", "fr:1.4"),
        ("Location", "fr:1.6"),
        ("Status", "fr:1.0"),
        ("Cost", "pt:56"),
    ],
    right_aligned: 7,
};

fn child(rows: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("large.pdf");
    // Rows are generated as they are consumed, as a report streams them.
    let (secs, pages, bytes) = render((0..rows).map(row), &out);
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    println!("{secs} {pages} {bytes} {rss}");
}

fn main() {
    if let Ok(rows) = std::env::var(CHILD_ENV) {
        child(rows.parse().expect("row count"));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let rows: Vec<[String; 8]> = (0..10_000).map(row).collect();

    let mut times = Vec::new();
    let mut last = (0, 0);
    for run in 0..3 {
        let out = dir.path().join(format!("tend-{run}.pdf"));
        let (secs, pages, bytes) = render(rows.iter(), &out);
        times.push(secs);
        last = (pages, bytes);
    }
    times.sort_by(f64::total_cmp);
    let tend = times[1];
    let (pages, bytes) = last;

    let reportlab = reportlab::run(&LAYOUT, &rows, dir.path());

    let exe = std::env::current_exe().expect("own path");
    let large = Command::new(exe)
        .env(CHILD_ENV, "100000")
        .output()
        .expect("run 100,000-row child");
    let large = String::from_utf8_lossy(&large.stdout);
    let fields: Vec<f64> = large
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();

    let mb = |b: f64| b / 1_000_000.0;
    println!();
    println!("| measurement | value | target |");
    println!("| --- | --- | --- |");
    println!("| tend-pdf, 10,000 rows (median of 3) | {tend:.3} s ({pages} pages) | ≤ 1 s |");
    match &reportlab {
        Ok((rl, rl_pages, rl_size)) => {
            println!(
                "| ReportLab canvas, 10,000 rows | {rl:.3} s ({rl_pages} pages, {:.2} MB) | |",
                mb(*rl_size as f64)
            );
            println!("| tend-pdf / ReportLab | {:.3} × | ≤ 0.3 × |", tend / rl);
        }
        Err(e) => println!("| ReportLab canvas, 10,000 rows | not measured: {e} | |"),
    }
    println!(
        "| tend-pdf output, 10,000 rows | {:.2} MB | ≤ 1.5 MB |",
        mb(bytes as f64)
    );
    if let [secs, pages, size, rss] = fields[..] {
        println!(
            "| tend-pdf, 100,000 rows | {secs:.2} s ({pages} pages, {:.1} MB) | ≤ 10 s |",
            mb(size)
        );
        println!("| tend-pdf, 100,000 rows, peak RSS | {rss:.0} MB | ≤ 600 MB |");
    } else {
        println!("| tend-pdf, 100,000 rows | child failed: {large} | |");
    }
}
