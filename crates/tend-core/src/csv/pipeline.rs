//! Reading, checking and writing the records of an open file: one after the
//! other ([`load_rows`]), or — for assets into a register that had none —
//! checking the next batch on a second thread while this one inserts
//! ([`load_beside`]). Both give exactly the same problems, counts and ids.

use super::dates::DateFormat;
use super::header;
use super::import::{read_error, Opened, Progress};
use super::load::{AssetWrites, Load, NewAsset, NewAssets};
use super::options::*;
use super::preview::ImportReport;
use super::profile;
use super::row::RowReader;
use crate::store::import::ImportWriter;
use crate::Result;
use std::collections::HashMap;
use std::io::Read;

/// What every row of an import is checked with (shareable with the thread
/// that checks rows beside the inserts).
pub(super) struct Checks<'a> {
    pub binding: &'a header::Binding,
    pub format: ImportFormat,
    pub date_format: Option<DateFormat>,
    pub options: &'a ImportOptions,
    pub default_currency: &'a str,
    pub width: usize,
    /// The register's highest rack unit.
    pub rack_max: u16,
    pub encoding: TextEncoding,
}

impl<'a> Checks<'a> {
    fn reader(&self) -> RowReader<'a> {
        RowReader {
            binding: self.binding,
            importer: profile::importer(self.format),
            date_format: self.date_format,
            date_format_text: self.options.date_format.as_deref(),
            decimal: self.options.decimal,
            encoding: self.encoding,
        }
    }

    fn load<'l>(&self, rows: &'l RowReader<'l>, report: &'l mut ImportReport) -> Load<'l>
    where
        'a: 'l,
    {
        Load {
            rows,
            options: self.options,
            default_currency: self.default_currency,
            report,
            seen: HashMap::new(),
            width: self.width,
            rack_max: self.rack_max,
            told_identity: false,
            told_rack: false,
        }
    }
}

/// The records of an open file, and where to report progress.
pub(super) struct Records<'r, 'p, R: Read> {
    pub opened: &'r mut Opened<R>,
    pub file: &'r str,
    pub total: u64,
    pub progress: &'p mut dyn FnMut(Progress),
}

/// Rows reported between two progress calls.
const PROGRESS_ROWS: u64 = 4096;

/// Checks and writes every record, one after the other.
pub(super) fn load_rows<R: Read>(
    read: Records<'_, '_, R>,
    checks: &Checks<'_>,
    report: &mut ImportReport,
    writer: &mut ImportWriter<'_>,
) -> Result<()> {
    let rows = checks.reader();
    let mut load = checks.load(&rows, report);
    let mut record = csv::StringRecord::new();
    loop {
        match read.opened.reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(read_error(read.file, e)),
        }
        let row = record.position().map_or(0, |p| p.record()) + 1;
        load.row(writer, &record, row)?;
        if load.report.rows.is_multiple_of(PROGRESS_ROWS) {
            (read.progress)(Progress {
                bytes_read: read.opened.consumed.get(),
                bytes_total: read.total,
                rows: load.report.rows,
            });
        }
    }
    (read.progress)(Progress {
        bytes_read: read.total,
        bytes_total: read.total,
        rows: load.report.rows,
    });
    Ok(())
}

/// Records passed between the threads of [`load_beside`], with their row
/// numbers.
type Batch = Vec<(u64, csv::StringRecord)>;
const BATCH_ROWS: usize = 1024;
/// Batches between reading and inserting (bounds the memory used).
const IN_FLIGHT: usize = 2;

/// [`load_rows`] for assets into a register that had none: no row can
/// match a stored asset, so checking a row needs no SQL. This thread reads
/// the records and inserts the new assets while another thread checks the
/// next batch; rows are checked, reported and inserted in file order, so
/// the outcome is exactly that of [`load_rows`].
pub(super) fn load_beside<R: Read>(
    read: Records<'_, '_, R>,
    checks: &Checks<'_>,
    report: &mut ImportReport,
    writer: &mut ImportWriter<'_>,
) -> Result<()> {
    let (to_checker, batches) = std::sync::mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let (to_writer, checked) =
        std::sync::mpsc::sync_channel::<(Batch, Vec<NewAsset>, u64)>(IN_FLIGHT);
    let Records {
        opened,
        file,
        total,
        progress,
    } = read;
    let mut rows_done = 0;
    std::thread::scope(|scope| {
        let checker = scope.spawn(move || -> Result<()> {
            let rows = checks.reader();
            let mut load = checks.load(&rows, report);
            for batch in batches {
                let mut new = NewAssets::default();
                for (row, record) in &batch {
                    load.asset_row(&mut new, record, *row)?;
                }
                if to_writer.send((batch, new.0, load.report.rows)).is_err() {
                    break; // the writer stopped with an error
                }
            }
            Ok(())
        });
        let written = (|| -> Result<()> {
            let mut spare: Vec<Batch> = Vec::new();
            let mut in_flight = 0;
            let mut end = false;
            while !end || in_flight > 0 {
                if !end && in_flight < IN_FLIGHT {
                    let mut batch = spare.pop().unwrap_or_default();
                    let mut n = 0;
                    while n < BATCH_ROWS {
                        if batch.len() == n {
                            batch.push((0, csv::StringRecord::new()));
                        }
                        let (row, record) = &mut batch[n];
                        match opened.reader.read_record(record) {
                            Ok(true) => {}
                            Ok(false) => {
                                end = true;
                                break;
                            }
                            Err(e) => return Err(read_error(file, e)),
                        }
                        *row = record.position().map_or(0, |p| p.record()) + 1;
                        n += 1;
                    }
                    batch.truncate(n);
                    if n > 0 {
                        if to_checker.send(batch).is_err() {
                            return Ok(()); // the checker stopped with an error
                        }
                        in_flight += 1;
                    }
                    continue;
                }
                let Ok((batch, new, rows)) = checked.recv() else {
                    return Ok(()); // the checker stopped with an error
                };
                in_flight -= 1;
                for asset in new {
                    writer.insert_new(asset)?;
                }
                spare.push(batch);
                if rows / PROGRESS_ROWS != rows_done / PROGRESS_ROWS {
                    progress(Progress {
                        bytes_read: opened.consumed.get(),
                        bytes_total: total,
                        rows,
                    });
                }
                rows_done = rows;
            }
            Ok(())
        })();
        // Either side stopping ends the other: its channel closes.
        drop(to_checker);
        drop(checked);
        let checked = checker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written.and(checked)
    })?;
    progress(Progress {
        bytes_read: total,
        bytes_total: total,
        rows: rows_done,
    });
    Ok(())
}
