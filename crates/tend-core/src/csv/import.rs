//! The import itself: streams the file record by record (never the whole
//! file in memory), checks every row, and writes through the bulk store
//! path inside ONE IMMEDIATE transaction. Any rejected row, or a preview,
//! rolls the transaction back: an import is all-or-nothing, and a preview
//! counts exactly what the import would do.

use super::dates::DateFormat;
use super::decode::{self, TextReader};
use super::header;
use super::limit::{RowLimit, UnreadableRow};
use super::options::*;
use super::pipeline::{load_beside, load_rows, Checks, Records};
use super::preview::{ImportReport, Problem, Severity, UnmappedColumn, MAX_PROBLEMS};
use super::profile;
use super::{mapping, sniff};
use crate::store::{self, import::Bulk, import::ImportWriter, settings};
use crate::{Error, Register, Result};
use std::cell::Cell;
use std::io::{BufRead, BufReader, Read, Seek};
use std::rc::Rc;

/// Files at least this large are loaded with the assets' secondary indexes
/// dropped and rebuilt afterwards (inside the same transaction).
const BULK_BYTES: u64 = 4 * 1024 * 1024;

/// How far an import has got, for progress bars.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

/// Preview (nothing is written) or import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    DryRun,
    Commit,
}

fn csv_error(file: &str, row: Option<u64>, message: String) -> Error {
    Error::Csv {
        file: file.to_string(),
        row,
        column: None,
        message,
    }
}

/// Maps an error of the CSV reader (including the decoder's and the row
/// limit's) to the file and row it happened in.
pub(super) fn read_error(file: &str, e: csv::Error) -> Error {
    let row = e.position().map(|p| p.record() + 1);
    let message = match e.into_kind() {
        csv::ErrorKind::Io(io) => match UnreadableRow::within(&io) {
            Some(limit) => {
                return Error::Csv {
                    file: file.to_string(),
                    row: Some(limit.row),
                    column: limit.column.clone(),
                    message: limit.message.clone(),
                }
            }
            None => io.to_string(),
        },
        csv::ErrorKind::Utf8 { err, .. } => format!("field {} is not valid text", err.field() + 1),
        other => format!("{other:?}"),
    };
    csv_error(file, row, message)
}

/// An open file: detected encoding and delimiter, the record reader, and
/// the header.
pub(super) struct Opened<R: Read> {
    pub(super) encoding: TextEncoding,
    pub(super) delimiter: Delimiter,
    pub(super) reader: csv::Reader<RowLimit<BufReader<TextReader<R>>>>,
    pub(super) header: Vec<String>,
    pub(super) consumed: Rc<Cell<u64>>,
}

pub(super) fn open<R: Read + Seek>(
    file: &str,
    mut source: R,
    options: &ImportOptions,
) -> Result<Opened<R>> {
    let (encoding, bom) = decode::detect(&mut source, file, options.encoding)?;
    source
        .seek(std::io::SeekFrom::Start(bom))
        .map_err(|e| Error::Io {
            path: file.into(),
            source: e,
        })?;
    let consumed = Rc::new(Cell::new(bom));
    let mut text = BufReader::with_capacity(
        64 * 1024,
        TextReader::new(source, encoding, consumed.clone()),
    );
    let head = text
        .fill_buf()
        .map_err(|e| csv_error(file, Some(1), e.to_string()))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(csv_error(
            file,
            None,
            "the file is empty; expected a header row naming the columns, then one row per record"
                .into(),
        ));
    }
    let delimiter = options.delimiter.unwrap_or_else(|| sniff::delimiter(head));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .buffer_capacity(64 * 1024)
        .from_reader(RowLimit::new(text, delimiter.byte()));
    let mut record = csv::StringRecord::new();
    if !reader
        .read_record(&mut record)
        .map_err(|e| read_error(file, e))?
    {
        return Err(csv_error(file, None, "the file is empty".into()));
    }
    let header: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    reader.get_mut().name_columns(&header);
    Ok(Opened {
        encoding,
        delimiter,
        reader,
        header,
        consumed,
    })
}

/// The format and kind to read a header with.
pub(super) fn format_and_kind(
    header: &[String],
    options: &ImportOptions,
) -> (ImportFormat, ImportKind) {
    let (detected, kind) = profile::detect(header);
    let format = options.format.unwrap_or(detected);
    let kind = options.kind.unwrap_or(if format == detected {
        kind
    } else {
        ImportKind::Assets
    });
    (format, kind)
}

/// Whether the caller's mapping says to ignore the column `name`.
fn explicitly_ignored(name: &str, overrides: &[ColumnMapping]) -> bool {
    let norm = header::normalise(name);
    overrides
        .iter()
        .any(|m| header::normalise(&m.column) == norm && matches!(m.target.trim(), "ignore" | ""))
}

/// The mapping to bind with: the caller's, else the one saved for this header.
fn mapping_for(
    reg: &Register,
    header: &[String],
    options: &ImportOptions,
) -> Result<Vec<ColumnMapping>> {
    if !options.mapping.is_empty() {
        return Ok(options.mapping.clone());
    }
    Ok(settings::get(&reg.conn, &mapping::settings_key(header))?
        .and_then(|t| mapping::decode(&t))
        .unwrap_or_default())
}

impl Register {
    /// Imports (or previews, with [`ImportMode::DryRun`]) the file at
    /// `path`. Row problems are in the report (and then nothing is
    /// written); a file that cannot be read at all is an error naming it.
    pub fn import_csv(
        &mut self,
        path: &std::path::Path,
        options: &ImportOptions,
        mode: ImportMode,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        let file = path.display().to_string();
        let source = std::fs::File::open(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let total = source.metadata().map(|m| m.len()).unwrap_or(0);
        self.import_csv_from(&file, source, total, options, mode, progress)
    }

    /// [`Register::import_csv`] over any seekable source (`file` names it in
    /// messages; `total` is its length in bytes, for progress).
    pub fn import_csv_from<R: Read + Seek>(
        &mut self,
        file: &str,
        source: R,
        total: u64,
        options: &ImportOptions,
        mode: ImportMode,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        let mut opened = open(file, source, options)?;
        let (format, kind) = format_and_kind(&opened.header, options);
        let overrides = mapping_for(self, &opened.header, options)?;
        header::check(file, &opened.header)?;
        if format == ImportFormat::Mapped && overrides.is_empty() {
            return Err(Error::Csv {
                file: file.to_string(),
                row: Some(1),
                column: None,
                message: profile::no_fit_reason(&opened.header).unwrap_or_else(|| "the format \"mapped\" needs a column mapping; map the columns to Tend's fields".into()),
            });
        }
        let importer = profile::importer(format);
        let binding = header::bind(file, &opened.header, importer, kind, &overrides)?;
        let date_format = match options.date_format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            Some(text) => Some(DateFormat::parse(text).ok_or_else(|| {
                Error::validation("date_format", format!("unknown date format \"{text}\"; expected e.g. DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY or MM/DD/YY"))
            })?),
            None => None,
        };
        let default_currency =
            settings::get(&self.conn, "currency")?.unwrap_or_else(|| "EUR".into());
        let rack_max = self.rack_units_max()?;
        let mut report = ImportReport {
            file: file.to_string(),
            format,
            kind,
            encoding: opened.encoding,
            delimiter: opened.delimiter,
            rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            rejected: 0,
            problems: Vec::new(),
            problem_count: 0,
            committed: false,
            unmapped: binding
                .targets
                .iter()
                .zip(&binding.names)
                .enumerate()
                .filter(|(_, (t, n))| {
                    t.is_none() && !n.trim().is_empty() && !explicitly_ignored(n, &overrides)
                })
                .map(|(i, (_, n))| UnmappedColumn {
                    position: i as u32 + 1,
                    name: n.clone(),
                    samples: Vec::new(),
                })
                .collect(),
            status_map: profile::status_mappings(format),
        };
        if mode == ImportMode::Commit {
            let name = std::path::Path::new(file)
                .file_name()
                .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
            self.back_up_before(&format!("import of {name}"))?;
        }
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let large = total >= BULK_BYTES;
        let bulk = Bulk {
            cache: large,
            defer: kind == ImportKind::Assets && large,
            by_serial: options.match_by == MatchBy::Serial,
        };
        let mut writer = ImportWriter::new(&tx, stamp, bulk)?;
        let checks = Checks {
            binding: &binding,
            format,
            date_format,
            options,
            default_currency: &default_currency,
            width: opened.header.len(),
            rack_max,
            encoding: opened.encoding,
        };
        let read = Records {
            opened: &mut opened,
            file,
            total,
            progress,
        };
        let loaded = if kind == ImportKind::Assets && writer.fresh() {
            load_beside(read, &checks, &mut report, &mut writer)
        } else {
            load_rows(read, &checks, &mut report, &mut writer)
        };
        // What a bulk load deferred is only worth writing when the
        // transaction will commit; otherwise the rollback undoes it all.
        let complete =
            loaded.is_ok() && mode == ImportMode::Commit && report.rejected == 0 && report.rows > 0;
        let fresh = writer.fresh();
        let finished = writer.finish(complete);
        loaded?;
        finished?;
        // The header's warnings come first (file order), with the values
        // seen in the rows.
        let header_warnings: Vec<Problem> = report
            .unmapped
            .iter()
            .map(|c| Problem::new(1, &c.name, &c.name, c.reason(), Severity::Warning))
            .collect();
        report.problem_count += header_warnings.len() as u64;
        report.problems.splice(0..0, header_warnings);
        // In file order: a problem found later about an earlier row (a tag
        // seen again) goes with that row.
        report.problems.sort_by_key(|p| p.row);
        report.problem_count = report.problem_count.max(report.problems.len() as u64);
        report.problems.truncate(MAX_PROBLEMS);
        if mode == ImportMode::Commit && report.rejected == 0 {
            if options.save_mapping && !options.mapping.is_empty() {
                settings::set(
                    &tx,
                    &mapping::settings_key(&opened.header),
                    &mapping::encode(&options.mapping),
                )?;
            }
            store::due_entries::flush(&tx)?;
            tx.commit()
                .map_err(|e| store::busy_or_storage_error(e, timeout))?;
            report.committed = true;
            if fresh {
                // After the commit: inside the import's transaction the same
                // ANALYZE took 2.3 s instead of 0.24 s. The rows are stored
                // whatever it answers: a failure leaves the statistics to
                // autovacuum, not the import undone.
                let _ = store::import::renew_statistics(&self.conn);
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    //! The bulk path (files of at least [`BULK_BYTES`]) must leave exactly
    //! what the row-by-row path leaves: the same assets, counts, history
    //! and search index, and the schema as it was.
    use super::*;
    use std::io::Cursor;

    fn import(
        reg: &mut Register,
        text: &str,
        bulk: bool,
        options: &ImportOptions,
        mode: ImportMode,
    ) -> ImportReport {
        let total = if bulk { BULK_BYTES } else { text.len() as u64 };
        reg.import_csv_from(
            "test.csv",
            Cursor::new(text.as_bytes().to_vec()),
            total,
            options,
            mode,
            &mut |_| {},
        )
        .expect("import")
    }

    fn strings(reg: &Register, sql: &str) -> Vec<String> {
        let mut stmt = reg.conn.prepare(sql).unwrap();
        stmt.query_map([], |r| {
            (0..r.column_count())
                .map(|i| r.get::<rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|v| v.join("|"))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Today's timestamps ("2025-01-31T12:00:00.000Z") made comparable.
    fn mask_timestamps(row: &str) -> String {
        let today = format!("{}T", &store::now_timestamp()[..10]);
        let mut out = String::new();
        let mut rest = row;
        while let Some(at) = rest.find(&today) {
            out.push_str(&rest[..at]);
            out.push_str("NOW");
            rest = &rest[(at + today.len() + 13).min(rest.len())..];
        }
        out.push_str(rest);
        out
    }

    /// Everything an import writes, in a comparable form.
    fn state(reg: &Register) -> Vec<Vec<String>> {
        reg.conn
            .execute(
                "INSERT INTO assets_fts (assets_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .expect("search index in sync with the assets");
        let counted = strings(
            reg,
            "SELECT status, category_id, archived_at IS NOT NULL, count(*) FROM assets GROUP BY 1, 2, 3",
        );
        let counts = strings(
            reg,
            "SELECT status, category_id, archived, n FROM asset_counts WHERE n > 0 ORDER BY 1, 2, 3",
        );
        assert_eq!(counted, counts, "asset_counts exact");
        let mut search = Vec::new();
        for term in [
            "quotes",
            "zurich",
            "rack",
            "host",
            "sn000000003",
            "new",
            "ünïcödé",
        ] {
            search.extend(strings(
                reg,
                &format!("SELECT '{term}', rowid FROM assets_fts WHERE assets_fts MATCH '\"{term}\"' ORDER BY rowid"),
            ));
        }
        let entries = strings(
            reg,
            "SELECT asset_id, entity, entity_id, action, field, old_value, new_value, summary, author FROM history ORDER BY 1, 2, 3, 4, 5",
        );
        assert!(
            entries
                .iter()
                .all(|e| e.ends_with("|Text(\"Ines Import\")")),
            "every entry by the importer: {entries:?}"
        );
        // Each asset's own history in order (ids may interleave differently
        // across assets).
        let per_asset = strings(
            reg,
            "SELECT asset_id, entity, action, field FROM history ORDER BY asset_id, id",
        );
        vec![
            strings(reg, "SELECT * FROM assets ORDER BY id")
                .into_iter()
                .map(|r| mask_timestamps(&r))
                .collect(),
            strings(reg, "SELECT id, asset_id, kind, provider, start_date, end_date, service_level FROM coverage ORDER BY id"),
            counts,
            search,
            entries,
            per_asset,
            strings(reg, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"),
        ]
    }

    fn file(rows: std::ops::Range<u32>, extra: &str) -> String {
        let mut text = String::from(
            "tag,name,category,status,manufacturer,serial,location,hostname,purchase_date,warranty_end,archived,notes\n",
        );
        for i in rows {
            let warranty = if i % 3 == 0 { "2030-01-31" } else { "" };
            let archived = if i % 5 == 0 { "yes" } else { "" };
            text.push_str(&format!(
                "A-{i:03},\"Asset {i}, rack {}{extra}\",{},{},Dell,SN{i:09},{},host-{i},2024-01-{:02},{warranty},{archived},\"Notes {i}:\nwith \"\"quotes\"\", Ünïcödé\"\n",
                i % 4,
                ["Server", "Laptop"][i as usize % 2],
                ["in_service", "spare", "retired"][i as usize % 3],
                ["Zürich", "HQ › Room 1"][i as usize % 2],
                1 + i % 28,
            ));
        }
        text
    }

    /// Runs the steps through both paths, compares, and returns the reports'
    /// (rows, created, updated, unchanged, rejected, committed).
    fn both(steps: &[(&str, ImportOptions, ImportMode)]) -> Vec<(u64, u64, u64, u64, u64, bool)> {
        let mut states = Vec::new();
        for bulk in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let mut reg = Register::open(&dir.path().join("t.sqlite")).unwrap();
            reg.set_author("Ines Import").unwrap();
            let mut reports = Vec::new();
            let mut problems = Vec::new();
            for (text, options, mode) in steps {
                let r = import(&mut reg, text, bulk, options, *mode);
                problems.push((r.problems.clone(), r.problem_count));
                reports.push((
                    r.rows,
                    r.created,
                    r.updated,
                    r.unchanged,
                    r.rejected,
                    r.committed,
                ));
            }
            // The triggers work again after the import.
            reg.conn
                .execute(
                    "UPDATE assets SET name = 'renamed new', status = 'lost' WHERE id = (SELECT min(id) FROM assets)",
                    [],
                )
                .unwrap();
            states.push((reports, state(&reg), problems));
        }
        assert_eq!(states[0].0, states[1].0, "reports");
        assert_eq!(states[0].2, states[1].2, "problems");
        for (a, b) in states[0].1.iter().zip(&states[1].1) {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x, y);
            }
        }
        states.swap_remove(0).0
    }

    #[test]
    fn bulk_path_writes_what_the_row_path_writes() {
        let serial = ImportOptions {
            match_by: MatchBy::Serial,
            ..Default::default()
        };
        // A fresh import, then a re-import updating by tag and adding rows,
        // then by serial.
        both(&[
            (
                &file(0..40, ""),
                ImportOptions::default(),
                ImportMode::Commit,
            ),
            (
                &file(20..60, " new"),
                ImportOptions::default(),
                ImportMode::Commit,
            ),
            (&file(50..70, " newer"), serial.clone(), ImportMode::Commit),
        ]);
        // By serial into an empty register, where a later row without a
        // serial updates (by its tag) an asset an earlier row created.
        let mut text = file(0..10, "");
        text.push_str("A-003,Asset three renamed,Server,spare,,,,,,,yes,\n");
        let reports = both(&[(&text, serial, ImportMode::Commit)]);
        assert_eq!(reports, [(11, 10, 1, 0, 0, true)]);
    }

    #[test]
    fn bulk_import_into_an_empty_register_reports_every_problem_in_order() {
        // Rows are checked on another thread there: the same problems, in
        // the same order, and nothing written.
        let mut bad = file(0..3000, "");
        bad.push_str("A-100,Duplicate,Server,in_service,,,,,,,,\n");
        bad.push_str("A-5000,,Server,in_service,,,,,,,,\n");
        bad.push_str("A-5001,Short row\n");
        bad.push_str("A-5002,Bad date,Server,in_service,,,,,2024-13-45,,,\n");
        bad.push_str(file(3000..3100, "").split_once('\n').unwrap().1);
        let reports = both(&[(&bad, ImportOptions::default(), ImportMode::Commit)]);
        assert_eq!(reports, [(3104, 3099, 0, 0, 5, false)]);
    }

    #[test]
    fn bulk_preview_and_rejected_file_leave_everything_as_it_was() {
        let mut bad = file(0..30, "");
        bad.push_str("A-100,,Server,in_service,,,,,,,,\n");
        let reports = both(&[
            (
                &file(0..10, ""),
                ImportOptions::default(),
                ImportMode::Commit,
            ),
            (
                &file(0..30, " new"),
                ImportOptions::default(),
                ImportMode::DryRun,
            ),
            (&bad, ImportOptions::default(), ImportMode::Commit),
        ]);
        assert!(!reports[1].5 && !reports[2].5 && reports[2].4 == 1);
    }
}
