//! The first steps of the wizard: what the importer makes of a file before
//! reading its rows — encoding (with the file's first lines in each it may
//! be in), delimiter, format (or why none fits), each column's field and
//! first values, the format's status table.

use super::import::{format_and_kind, open, read_error, Opened};
use super::options::*;
use super::preview::{ColumnInfo, Inspection, MAX_VALUE_CHARS};
use super::{decode, field, header, mapping, profile};
use crate::store::settings;
use crate::{Error, Register, Result};
use std::io::Read;

/// The file's first lines in its encoding and in the others it may be in.
fn encoding_samples(
    path: &std::path::Path,
    chosen: TextEncoding,
) -> Result<Vec<decode::EncodingSample>> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(16 * 1024)
        .read_to_end(&mut head)
        .map_err(io)?;
    let bom: &[u8] = match chosen {
        TextEncoding::Utf8Bom => &[0xEF, 0xBB, 0xBF],
        TextEncoding::Utf16Le => &[0xFF, 0xFE],
        TextEncoding::Utf16Be => &[0xFE, 0xFF],
        _ => &[],
    };
    let body = head.strip_prefix(bom).unwrap_or(&head);
    Ok(decode::samples(body, chosen))
}

/// The first non-empty values of each column (at most
/// [`super::preview::SAMPLES`] each, from the first rows).
fn first_values<R: Read>(file: &str, opened: &mut Opened<R>) -> Result<Vec<Vec<String>>> {
    let mut samples = vec![Vec::new(); opened.header.len()];
    let mut record = csv::StringRecord::new();
    for _ in 0..20 {
        if !opened
            .reader
            .read_record(&mut record)
            .map_err(|e| read_error(file, e))?
        {
            break;
        }
        for (i, cell) in record.iter().enumerate().take(samples.len()) {
            if !cell.trim().is_empty() && samples[i].len() < super::preview::SAMPLES {
                samples[i].push(cell.chars().take(MAX_VALUE_CHARS).collect());
            }
        }
    }
    Ok(samples)
}

impl Register {
    /// Reads a file's header: its encoding, delimiter, format, and the field
    /// each column would feed. A header the importer cannot use as it is
    /// (unknown format, required column missing) is reported in
    /// `header_error`, for the mapping step to fix.
    pub fn inspect_csv(
        &self,
        path: &std::path::Path,
        options: &ImportOptions,
    ) -> Result<Inspection> {
        let file = path.display().to_string();
        let source = std::fs::File::open(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let mut opened = open(&file, source, options)?;
        let (format, kind) = format_and_kind(&opened.header, options);
        let samples = first_values(&file, &mut opened)?;
        let encodings = encoding_samples(path, opened.encoding)?;
        let saved = settings::get(&self.conn, &mapping::settings_key(&opened.header))?
            .and_then(|t| mapping::decode(&t));
        let overrides = if options.mapping.is_empty() {
            saved.clone().unwrap_or_default()
        } else {
            options.mapping.clone()
        };
        let importer = profile::importer(format);
        let bound = header::bind(&file, &opened.header, importer, kind, &overrides);
        let columns = opened
            .header
            .iter()
            .enumerate()
            .map(|(i, name)| ColumnInfo {
                name: name.clone(),
                samples: samples[i].clone(),
                target: match &bound {
                    Ok(b) => b.targets[i].as_ref().map(|t| t.column_name(kind)),
                    Err(_) => {
                        let norm = header::normalise(name);
                        importer
                            .target(kind, name, &norm)
                            .map(|t| t.column_name(kind))
                    }
                },
            })
            .collect();
        Ok(Inspection {
            file,
            format,
            kind,
            encoding: opened.encoding,
            delimiter: opened.delimiter,
            columns,
            saved_mapping: saved,
            targets: field::target_choices(kind),
            header_error: bound.err().map(|e| e.to_string()),
            format_note: options
                .format
                .is_none()
                .then(|| profile::no_fit_reason(&opened.header))
                .flatten(),
            status_map: profile::status_mappings(format),
            encodings,
        })
    }
}
