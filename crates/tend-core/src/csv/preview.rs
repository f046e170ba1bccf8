//! What an import found, before (dry run) or after it wrote: counts of rows
//! created, updated, unchanged and rejected, and every problem with the row
//! number as a spreadsheet shows it (the header is row 1), the column, the
//! value and the reason. Savable as a CSV of problems. Also the warning for
//! a cell that looks like it swallowed rows of its file
//! ([`rows_swallowed`]).

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
/// First values kept of a column no field takes.
pub const SAMPLES: usize = 3;

/// A column no field takes, with its first non-empty values: the preview
/// lists it so that the user chooses "ignore", a field or a custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnmappedColumn {
    /// Column number as a spreadsheet counts it (1 = first).
    pub position: u32,
    pub name: String,
    pub samples: Vec<String>,
}

impl UnmappedColumn {
    /// The warning the report gives for it (on the header row).
    pub fn reason(&self) -> String {
        let values = if self.samples.is_empty() {
            "it is empty in every row".to_string()
        } else {
            let quoted: Vec<String> = self.samples.iter().map(|v| format!("\"{v}\"")).collect();
            format!("first values: {}", quoted.join(", "))
        };
        format!("no field takes this column, so it is not imported ({values}); map it to a field or a custom field, or choose to ignore it")
    }
}

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

/// The line breaks in `cell` followed by text that looks like a row of a
/// file of `width` columns separated by `delimiter`, when there are enough
/// of them to suggest that the cell's quote was meant to close sooner (a
/// quote missing earlier, or one too many, makes the rows that follow the
/// text of one cell up to the next quote in the file).
///
/// A line looks like a row when it holds at least two delimiters (one in a
/// file of two columns): prose often holds one comma a line, rarely two. It
/// takes two lines that hold a whole row's delimiters, or three that look
/// like rows, so a few lines of prose in a notes cell are not warned about.
pub(crate) fn rows_swallowed(cell: &str, delimiter: u8, width: usize) -> Option<usize> {
    if width < 2 || !cell.contains(['\n', '\r']) {
        return None;
    }
    let whole = width - 1;
    let some = whole.min(2);
    let (mut whole_rows, mut rows) = (0, 0);
    // CRLF leaves an empty line between its two breaks: it counts for
    // nothing.
    for line in cell.split(['\n', '\r']).skip(1) {
        let delimiters = line.bytes().filter(|&b| b == delimiter).count();
        whole_rows += usize::from(delimiters >= whole);
        rows += usize::from(delimiters >= some);
    }
    (whole_rows >= 2 || rows >= 3).then_some(rows)
}

/// The reason given for a cell in which [`rows_swallowed`] found `rows`.
pub(crate) fn rows_swallowed_reason(rows: usize) -> String {
    format!("cell holds {rows} line breaks that look like rows of this file; is a quote missing earlier?")
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
    /// Columns no field takes, with their first values.
    pub unmapped: Vec<UnmappedColumn>,
    /// How the format's own status labels become Tend's (empty for Tend's
    /// own files and mapped ones).
    pub status_map: Vec<super::profile::StatusMapping>,
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
    /// The column's first non-empty values (at most [`SAMPLES`]), as in the
    /// file.
    pub samples: Vec<String>,
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
    /// Why no known format was taken (the header fits none well): the
    /// columns are pre-filled by name for the mapping step.
    pub format_note: Option<String>,
    /// How the format's own status labels become Tend's.
    pub status_map: Vec<super::profile::StatusMapping>,
    /// The encoding chosen first, then the others the file may be in (for
    /// a file of single bytes), each with the file's first lines as they
    /// read: the user can choose another.
    pub encodings: Vec<super::decode::EncodingSample>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_holding_lines_that_look_like_rows_is_told_from_multi_line_notes() {
        for (cell, width, delimiter, swallowed) in [
            // Rows of a four-column file after the notes of the first.
            (
                "fan noise\nA-5,Five,Lab,ok\nA-6,Six,Lab,ok",
                4,
                b',',
                Some(2),
            ),
            (
                "fan noise\r\nA-5,Five,Lab,ok\r\nA-6,Six,Lab,ok\r\n",
                4,
                b',',
                Some(2),
            ),
            ("x\nA-5;Five;;\nA-6;Six;;\nA-7;Seven", 4, b';', Some(2)),
            // Three lines that each hold part of a row.
            ("x\nA-5,Five,\nA-6,Six,\nA-7,Seven,", 12, b',', Some(3)),
            ("x\nA-5\tFive\nA-6\tSix", 2, b'\t', Some(2)),
            // Notes: prose of two lines, a comma a line, a list.
            ("Replaced the fan.\nTested, all fine.", 4, b',', None),
            (
                "Fan, PSU.\nChecked, ok.\nCleaned, done.\nLabelled, yes.",
                4,
                b',',
                None,
            ),
            ("Parts:\n- fan, 80 mm, Noctua\n- PSU, 500 W", 12, b',', None),
            // One line that looks like a row is not enough; nor is a single
            // column, nor a cell on one line.
            ("x\nA-5,Five,Lab,ok\nmore text", 4, b',', None),
            ("x\ny\nz\nw", 1, b',', None),
            ("A-5,Five,Lab,ok,A-6,Six,Lab,ok", 4, b',', None),
        ] {
            assert_eq!(
                rows_swallowed(cell, delimiter, width),
                swallowed,
                "{cell:?}"
            );
        }
    }
}
