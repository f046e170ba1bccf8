//! `tend import`: reads a CSV file into the register (or previews it), shows
//! a progress bar for large files when stderr is a terminal, and prints the
//! report: counts, then every problem with row, column, value and reason.

use super::Context;
use crate::csv_args::*;
use crate::failure::Failure;
use crate::output;
use std::io::IsTerminal;
use tend_core::csv::import::{ImportMode, Progress};
use tend_core::csv::*;
use tend_core::Error;

/// Files at least this large get a progress bar (on a terminal).
const PROGRESS_BYTES: u64 = 2 * 1024 * 1024;

fn options(a: &ImportArgs) -> Result<ImportOptions, Failure> {
    let mapping = a
        .map
        .iter()
        .map(|m| match m.rsplit_once('=') {
            Some((column, target)) if !column.trim().is_empty() => Ok(ColumnMapping {
                column: column.trim().to_string(),
                target: target.trim().to_string(),
            }),
            _ => Err(Failure::Core(Error::validation(
                "--map",
                format!("expected COLUMN=FIELD, got \"{m}\""),
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ImportOptions {
        format: a.format.map(|f| match f {
            FormatArg::Tend => ImportFormat::Tend,
            FormatArg::Snipeit => ImportFormat::SnipeIt,
            FormatArg::Homebox => ImportFormat::Homebox,
            FormatArg::Netbox => ImportFormat::Netbox,
            FormatArg::Mapped => ImportFormat::Mapped,
        }),
        kind: a.kind.map(|k| match k {
            KindArg::Assets => ImportKind::Assets,
            KindArg::Log => ImportKind::WorkLog,
            KindArg::Coverage => ImportKind::Coverage,
        }),
        encoding: a.encoding.map(|e| match e {
            EncodingArg::Utf8 => TextEncoding::Utf8,
            EncodingArg::Utf16le => TextEncoding::Utf16Le,
            EncodingArg::Utf16be => TextEncoding::Utf16Be,
            EncodingArg::Windows1252 => TextEncoding::Windows1252,
            EncodingArg::MacRoman => TextEncoding::MacRoman,
            EncodingArg::Iso8859_2 => TextEncoding::Iso8859_2,
            EncodingArg::Iso8859_15 => TextEncoding::Iso8859_15,
            EncodingArg::Windows1250 => TextEncoding::Windows1250,
            EncodingArg::Windows1251 => TextEncoding::Windows1251,
        }),
        delimiter: a.delimiter.map(|d| match d {
            DelimiterArg::Comma => Delimiter::Comma,
            DelimiterArg::Semicolon => Delimiter::Semicolon,
            DelimiterArg::Tab => Delimiter::Tab,
        }),
        date_format: a.date_format.clone(),
        decimal: a.decimal.map(|d| match d {
            DecimalArg::Point => DecimalSeparator::Point,
            DecimalArg::Comma => DecimalSeparator::Comma,
        }),
        match_by: match a.match_by {
            MatchArg::Tag => MatchBy::Tag,
            MatchArg::Serial => MatchBy::Serial,
        },
        mapping,
        save_mapping: a.save_mapping,
    })
}

pub fn run(cx: &mut Context, a: ImportArgs) -> Result<(), Failure> {
    if let Some(index) = attachments_index(&a.file) {
        return attachments(cx, &index);
    }
    let options = options(&a)?;
    let mode = if a.dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Commit
    };
    let size = std::fs::metadata(&a.file).map(|m| m.len()).unwrap_or(0);
    let bar = (std::io::stderr().is_terminal() && size >= PROGRESS_BYTES).then(|| {
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut on_progress = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_position(p.bytes_read.min(p.bytes_total));
            bar.set_message(format!("{} rows", p.rows));
        }
    };
    let result = cx
        .register
        .import_csv(&a.file, &options, mode, &mut on_progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = result?;
    if let Some(path) = &a.report {
        // Whole or not at all, like every file Tend writes.
        tend_core::atomic_file::write(path, |out| {
            report.write_problems(out, &path.display().to_string())
        })?;
    }
    if cx.json {
        output::json(cx.out, &report)?;
    } else {
        print(cx, &report, a.dry_run)?;
    }
    if report.rejected > 0 {
        return Err(Failure::Core(Error::Csv {
            file: report.file.clone(),
            row: None,
            column: None,
            message: format!(
                "{} row(s) rejected; nothing was written (fix them and import again)",
                report.rejected
            ),
        }));
    }
    Ok(())
}

fn print(cx: &mut Context, r: &ImportReport, dry_run: bool) -> Result<(), Failure> {
    let what = match r.kind {
        ImportKind::Assets => "assets",
        ImportKind::WorkLog => "work-log entries",
        ImportKind::Coverage => "coverage records",
    };
    writeln!(
        cx.out,
        "{}: {} file, {}, {} separated, {} rows of {what}",
        r.file,
        r.format.id(),
        r.encoding.label(),
        match r.delimiter {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        },
        r.rows
    )?;
    let verb = if r.committed {
        "Imported"
    } else if dry_run {
        "Preview (nothing written)"
    } else {
        "Not imported"
    };
    writeln!(
        cx.out,
        "{verb}: {} created, {} updated, {} unchanged, {} rejected",
        r.created, r.updated, r.unchanged, r.rejected
    )?;
    if !r.problems.is_empty() {
        let mut table = output::table(["row", "column", "value", "problem"]);
        for p in &r.problems {
            let kind = match p.severity {
                Severity::Error => "",
                Severity::Warning => "(warning) ",
            };
            table.add_row([
                p.row.to_string(),
                p.column.clone(),
                p.value.clone(),
                format!("{kind}{}", p.reason),
            ]);
        }
        output::write_table(cx.out, &table)?;
        if r.problem_count > r.problems.len() as u64 {
            writeln!(
                cx.out,
                "… and {} more problems",
                r.problem_count - r.problems.len() as u64
            )?;
        }
    }
    Ok(())
}

/// The attachments index `file` names: a folder written by `tend export
/// attachments`, or its index file itself.
fn attachments_index(file: &std::path::Path) -> Option<std::path::PathBuf> {
    if file.is_dir() {
        return Some(file.join(tend_core::attachments::INDEX_FILE));
    }
    (file.file_name()? == tend_core::attachments::INDEX_FILE).then(|| file.to_path_buf())
}

/// Reads an attachments index back: every link, or none.
fn attachments(cx: &mut Context, index: &std::path::Path) -> Result<(), Failure> {
    let done = cx.register.import_attachments(index)?;
    if cx.json {
        return output::json(cx.out, &done);
    }
    writeln!(
        cx.out,
        "{} attachment links made ({} files read in); {} already there",
        done.links, done.files_stored, done.unchanged
    )?;
    Ok(())
}
