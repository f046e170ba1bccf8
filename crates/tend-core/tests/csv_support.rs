//! Shared set-up of the CSV tests: fixture paths, imports of in-memory text.

use std::io::Cursor;
use std::path::PathBuf;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{ImportOptions, ImportReport};
use tend_core::{Register, Result};

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

pub fn import_file(reg: &mut Register, name: &str, options: &ImportOptions) -> ImportReport {
    reg.import_csv(&fixture(name), options, ImportMode::Commit, &mut |_| {})
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn import_bytes(
    reg: &mut Register,
    bytes: &[u8],
    options: &ImportOptions,
    mode: ImportMode,
) -> Result<ImportReport> {
    reg.import_csv_from(
        "test.csv",
        Cursor::new(bytes.to_vec()),
        bytes.len() as u64,
        options,
        mode,
        &mut |_| {},
    )
}

pub fn export(reg: &Register, kind: tend_core::csv::ExportKind) -> Vec<u8> {
    let mut out = Vec::new();
    reg.export_csv(kind, &tend_core::csv::ExportOptions::default(), &mut out)
        .expect("export");
    out
}

/// The error problems of a report as (row, column, reason).
pub fn errors(report: &ImportReport) -> Vec<(u64, String, String)> {
    report
        .errors()
        .map(|p| (p.row, p.column.clone(), p.reason.clone()))
        .collect()
}
