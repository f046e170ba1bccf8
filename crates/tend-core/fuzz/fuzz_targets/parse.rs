//! Fuzzes the importer's reading of a file, without a register: encoding
//! detection and streaming decoding (`csv::decode`), delimiter sniffing
//! (`csv::sniff`), the row limit's own CSV parser beside the `csv` reader
//! (`csv::limit`), format detection (`csv::profile`) and header binding
//! (`csv::header`) as detected and in a format the first byte names. The reader is set up as the
//! importer's `open` sets it up. Any panic is a bug; errors are expected.
//!
//! Besides "no panic" it checks what the modules promise:
//! - the decoded text is exactly the bytes after the byte-order mark (UTF-8)
//!   or what `encoding_rs` decodes in one go (UTF-16, Windows-1252), and a
//!   decoding error happens exactly when that one-go decoding finds
//!   malformed input: nothing is replaced;
//! - the `csv` reader never finds invalid UTF-8 in the decoded text;
//! - a quoted cell never closed is refused on the row the `csv` reader was
//!   reading (the row limit's parser and the reader agree on every row end);
//! - no row read is over the row limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::Cell;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::rc::Rc;
use tend_core::csv::limit::{RowLimit, UnreadableRow, MAX_ROW_BYTES, MAX_ROW_CELLS};
use tend_core::csv::{decode, header, profile, sniff};
use tend_core::csv::{ColumnMapping, Delimiter, ImportFormat, ImportKind, TextEncoding};

const FILE: &str = "fuzz.csv";

/// The encoding the first byte declares (bits 0–2; 0 and 6–7 detect).
fn declared_encoding(flags: u8) -> Option<TextEncoding> {
    match flags & 7 {
        1 => Some(TextEncoding::Utf8),
        2 => Some(TextEncoding::Utf8Bom),
        3 => Some(TextEncoding::Utf16Le),
        4 => Some(TextEncoding::Utf16Be),
        5 => Some(TextEncoding::Windows1252),
        _ => None,
    }
}

/// The delimiter the first byte declares (bits 3–4; 0 sniffs).
fn declared_delimiter(flags: u8) -> Option<Delimiter> {
    match (flags >> 3) & 3 {
        1 => Some(Delimiter::Comma),
        2 => Some(Delimiter::Semicolon),
        3 => Some(Delimiter::Tab),
        _ => None,
    }
}

/// The format the first byte names to bind the header with as well
/// (bits 5–7; 0, 6 and 7 none).
fn declared_format(flags: u8) -> Option<ImportFormat> {
    ImportFormat::ALL
        .get(usize::from(flags >> 5).wrapping_sub(1))
        .copied()
}

/// What the decoder must produce from `bytes` (after the byte-order mark)
/// in `encoding`: the text, or None where it must refuse.
fn expected_text(bytes: &[u8], encoding: TextEncoding) -> Option<Vec<u8>> {
    let Some(enc) = encoding.decoder() else {
        return Some(bytes.to_vec());
    };
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned().into_bytes())
}

/// Decodes `bytes` whole through the importer's decoder and compares.
fn check_decoding(bytes: &[u8], encoding: TextEncoding, bom: u64) {
    let after_bom = &bytes[bom as usize..];
    let mut source = Cursor::new(bytes);
    source.set_position(bom);
    let consumed = Rc::new(Cell::new(bom));
    let mut text = Vec::new();
    let decoded = decode::TextReader::new(source, encoding, consumed.clone())
        .read_to_end(&mut text)
        .map(|_| text);
    match (decoded, expected_text(after_bom, encoding)) {
        (Ok(text), Some(expected)) => {
            assert_eq!(text, expected, "decoded as {encoding:?}");
            assert_eq!(consumed.get(), bytes.len() as u64, "bytes counted");
        }
        (Err(_), None) => {}
        (got, expected) => panic!(
            "{encoding:?}: the decoder gave {:?}, a one-go decoding {:?}",
            got.map(|t| t.len()),
            expected.map(|t| t.len())
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let declared = declared_encoding(flags);
    let mut source = Cursor::new(bytes);
    let Ok((encoding, bom)) = decode::detect(&mut source, FILE, declared) else {
        return;
    };
    assert_eq!(
        source.position(),
        0,
        "detect leaves the source at its start"
    );
    assert!(bom as usize <= bytes.len());
    if let Some(d) = declared {
        let same = d == encoding
            || matches!(
                (d, encoding),
                (TextEncoding::Utf8, TextEncoding::Utf8Bom)
                    | (TextEncoding::Utf8Bom, TextEncoding::Utf8)
            );
        assert!(same, "declared {d:?}, detected {encoding:?}");
    }
    check_decoding(bytes, encoding, bom);

    // As the importer opens a file.
    source.set_position(bom);
    let consumed = Rc::new(Cell::new(bom));
    let mut text = BufReader::with_capacity(
        64 * 1024,
        decode::TextReader::new(source, encoding, consumed),
    );
    let Ok(head) = text.fill_buf() else {
        return;
    };
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return;
    }
    let sniffed = sniff::delimiter(head);
    let delimiter = declared_delimiter(flags).unwrap_or(sniffed);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .buffer_capacity(64 * 1024)
        .from_reader(RowLimit::new(text, delimiter.byte()));

    // The header and the row under it (a column mapping), and the rows read.
    let mut records: Vec<csv::StringRecord> = Vec::new();
    let mut rows: u64 = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                assert!(record.len() <= MAX_ROW_CELLS);
                assert!(record.as_slice().len() as u64 <= MAX_ROW_BYTES);
                if rows == 0 {
                    let names: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
                    reader.get_mut().name_columns(&names);
                }
                if rows < 2 {
                    records.push(record.clone());
                }
                rows += 1;
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(io) => {
                    if let Some(limit) = UnreadableRow::within(io) {
                        assert_eq!(
                            limit.row,
                            rows + 1,
                            "the row limit and the reader disagree on the row: {}",
                            limit.message
                        );
                    }
                    break;
                }
                csv::ErrorKind::Utf8 { .. } => panic!("invalid UTF-8 in decoded text: {e}"),
                _ => break,
            },
        }
    }
    let Some(first) = records.first() else {
        return;
    };
    let header: Vec<String> = first.iter().map(|h| h.trim().to_string()).collect();
    let (format, kind) = profile::detect(&header);
    let _ = header::bind(FILE, &header, profile::importer(format), kind, &[]);
    // The second row, if any, as a column mapping: each header name to the
    // field named in the cell below it.
    let mapping: Vec<ColumnMapping> = records
        .get(1)
        .map(|row| {
            header
                .iter()
                .zip(row.iter())
                .map(|(column, target)| ColumnMapping {
                    column: column.clone(),
                    target: target.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    // Binding is the costly step (every name normalised against every
    // known one): besides the detected format, only the one the first byte
    // names, as each kind of rows.
    let Some(format) = declared_format(flags) else {
        return;
    };
    for kind in [
        ImportKind::Assets,
        ImportKind::WorkLog,
        ImportKind::Coverage,
    ] {
        let importer = profile::importer(format);
        if let Ok(binding) = header::bind(FILE, &header, importer, kind, &mapping) {
            assert_eq!(binding.names, header);
            assert_eq!(binding.targets.len(), header.len());
        }
    }
});
