//! What an import found, before (dry run) or after it wrote: counts of rows
//! created, updated, unchanged and rejected, and every problem with the row
//! number as a spreadsheet shows it (the header is row 1), the column, the
//! value and the reason. Savable as a CSV of problems.

use super::field::TargetInfo;
use super::options::*;
use crate::Result;
use serde::Serialize;
use std::io::Write;
use ts_rs::TS;

/// Most problems kept in a report; the count goes on beyond it.
pub const MAX_PROBLEMS: usize = 10_000;
/// Longest value quoted in a problem (characters).
pub const MAX_VALUE_CHARS: usize = 200;

/// Whether a problem rejects its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// The row is rejected (and so the import writes nothing).
    Error,
    /// Reported, the row is imported (an ignored column, a status label
    /// that does not map).
    Warning,
}

/// One problem, located as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Problem {
    /// Spreadsheet row: the header is row 1, the first record row 2.
    #[ts(type = "number")]
    pub row: u64,
    /// The header name of the column (empty for the row as a whole).
    pub column: String,
    /// The cell as read (shortened to 200 characters).
    pub value: String,
    pub reason: String,
    pub severity: Severity,
}

impl Problem {
    pub fn new(row: u64, column: &str, value: &str, reason: String, severity: Severity) -> Problem {
        let mut shown: String = value.chars().take(MAX_VALUE_CHARS).collect();
        if shown.len() < value.len() {
            shown.push('…');
        }
        Problem {
            row,
            column: column.to_string(),
            value: shown.replace('\0', "\\0"),
            reason,
            severity,
        }
    }
}

/// The outcome of an import or its preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub format: ImportFormat,
    pub kind: ImportKind,
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
    /// Rows read after the header.
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub rejected: u64,
    /// The first [`MAX_PROBLEMS`] problems, in file order.
    pub problems: Vec<Problem>,
    /// Every problem found, also those beyond [`MAX_PROBLEMS`].
    #[ts(type = "number")]
    pub problem_count: u64,
    /// Whether the rows were written (false for a preview, and for an
    /// import with rejected rows: the import is all-or-nothing).
    pub committed: bool,
}

impl ImportReport {
    /// Problems that reject rows.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// Writes the problems as CSV (UTF-8 with BOM): row, column, value,
    /// severity, reason.
    pub fn write_problems(&self, out: &mut dyn Write, path_for_errors: &str) -> Result<()> {
        let io = |e: std::io::Error| crate::Error::Io {
            path: path_for_errors.into(),
            source: e,
        };
        out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let csv_err = |e: csv::Error| crate::Error::Io {
            path: path_for_errors.into(),
            source: std::io::Error::other(e),
        };
        w.write_record(["row", "column", "value", "severity", "reason"])
            .map_err(csv_err)?;
        for p in &self.problems {
            let severity = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let row = p.row.to_string();
            w.write_record([
                row.as_str(),
                &super::cell::neutralise(&p.column),
                &super::cell::neutralise(&p.value),
                severity,
                &super::cell::neutralise(&p.reason),
            ])
            .map_err(csv_err)?;
        }
        w.flush().map_err(io)?;
        Ok(())
    }
}

/// A column of a file and the field it was bound to (None: ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ColumnInfo {
    pub name: String,
    pub target: Option<String>,
}

/// What the importer makes of a file before reading its rows (the first
/// steps of the wizard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Inspection {
    pub file: String,
    pub format: ImportFormat,
    pub kind: ImportKind,
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
    pub columns: Vec<ColumnInfo>,
    /// The mapping saved for files with this header, if any.
    pub saved_mapping: Option<Vec<ColumnMapping>>,
    /// The fields a column can be mapped to for this kind of rows.
    pub targets: Vec<TargetInfo>,
    /// Why the header cannot be used as it is (a required column missing, two
    /// columns for one field): the mapping step can fix it.
    pub header_error: Option<String>,
}
