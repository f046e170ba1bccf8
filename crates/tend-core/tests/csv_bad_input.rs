//! Bad input: a clear error naming the file, row and column, nothing
//! written, never a panic.

use crate::common::temp_register;
use crate::csv_support::*;
use tend_core::csv::import::ImportMode::{Commit, DryRun};
use tend_core::csv::limit::MAX_ROW_BYTES;
use tend_core::csv::{ExportKind, ImportOptions, Severity, TextEncoding};
use tend_core::{Error, ErrorCode};

fn refused(bytes: &[u8], options: &ImportOptions) -> Error {
    let (_d, mut reg) = temp_register();
    let e = import_bytes(&mut reg, bytes, options, Commit).expect_err("refused");
    assert_eq!(reg.count_assets().unwrap(), 0);
    e
}

fn rejected_rows(bytes: &[u8]) -> Vec<(u64, String, String)> {
    let (_d, mut reg) = temp_register();
    let r = import_bytes(&mut reg, bytes, &ImportOptions::default(), Commit).expect("report");
    assert!(!r.committed);
    assert_eq!(reg.count_assets().unwrap(), 0);
    errors(&r)
}

#[test]
fn empty_file_and_header_only() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\n\n", b"\xFF\xFE"] {
        let e = refused(bytes, &ImportOptions::default());
        assert_eq!(e.code(), ErrorCode::Validation);
        assert!(
            e.to_string().starts_with("test.csv: the file is empty"),
            "{e}"
        );
    }
}

#[test]
fn a_header_without_rows_is_an_empty_successful_import_as_an_empty_registers_export_is() {
    let (_d, mut reg) = temp_register();
    let empty = export(&reg, tend_core::csv::ExportKind::Assets);
    for bytes in [&empty[..], b"tag,name\r\n"] {
        let r = import_bytes(&mut reg, bytes, &ImportOptions::default(), Commit).expect("report");
        assert_eq!((r.rows, r.created, r.rejected), (0, 0, 0), "{r:?}");
        assert!(r.committed, "an empty import succeeds");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn ragged_rows_name_the_row() {
    let rows = rejected_rows(b"tag,name\nA-1,One\nA-2,Two,extra\nA-3\n");
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![3, 4]);
    assert_eq!(rows[0].2, "has 3 cells; the header has 2 columns");
}

#[test]
fn a_long_cell_is_rejected_by_its_column_limit() {
    let mut text = b"tag,name,notes\nA-1,One,\"".to_vec();
    text.extend(std::iter::repeat_n(b'x', 1024 * 1024));
    text.extend(b"\"\n");
    let rows = rejected_rows(&text);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].0, rows[0].1.as_str()), (2, "notes"));
    assert!(rows[0].2.contains("at most 10000"), "{}", rows[0].2);
}

const UNCLOSED: &str =
    "a quoted cell is never closed, or the row is larger than 10 MB (the row starts on line 2)";

/// Regression: a cell over 10 MB (or a quote never closed, which makes the
/// rest of the file one cell) was read whole into memory before it was
/// refused.
#[test]
fn a_ten_megabyte_cell_is_refused_as_soon_as_its_row_passes_the_limit() {
    let mut text = b"tag,name,notes\nA-1,One,\"".to_vec();
    text.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    text.extend(b"\"\n");
    let e = refused(&text, &ImportOptions::default());
    assert_eq!(e.code(), ErrorCode::Validation);
    assert_eq!(e.field(), Some("notes"));
    assert_eq!(
        e.to_string(),
        format!("test.csv, row 2, column \"notes\": {UNCLOSED}")
    );
}

#[test]
fn an_unclosed_quote_in_a_large_file_is_refused_and_nothing_is_written() {
    let (dir, mut reg) = temp_register();
    import_bytes(
        &mut reg,
        b"tag,name\nKEEP-1,Kept\n",
        &ImportOptions::default(),
        Commit,
    )
    .unwrap();
    let before = export(&reg, ExportKind::Assets);
    // Row 2 opens a quote that never closes; 40 MB of good rows follow.
    let mut text = b"tag,name,notes\nA-1,One,\"never closed\nA-2,Two,fine\n".to_vec();
    let row = b"A-3,Three,some notes about it\n";
    text.extend(row.repeat(40 * 1024 * 1024 / row.len()));
    let path = dir.path().join("unclosed.csv");
    std::fs::write(&path, &text).unwrap();
    for mode in [DryRun, Commit] {
        let e = reg
            .import_csv(&path, &ImportOptions::default(), mode, &mut |_| {})
            .expect_err("refused");
        assert_eq!(
            e.to_string(),
            format!("{}, row 2, column \"notes\": {UNCLOSED}", path.display())
        );
    }
    assert_eq!(export(&reg, ExportKind::Assets), before);
    assert_eq!(reg.count_assets().unwrap(), 1);
}

/// A file of 50 asset rows (spreadsheet rows 2 to 51, one line each, no
/// quotes) with row `bad` (its spreadsheet number) written as `line`.
fn fifty_rows(bad: u64, line: &str) -> String {
    let mut text = String::from("tag,name,location,notes\n");
    for row in 2..=51 {
        if row == bad {
            text.push_str(line);
        } else {
            text.push_str(&format!(
                "A-{row:03},Asset {row},Rack {},notes of row {row}\n",
                row % 4
            ));
        }
    }
    text
}

/// Regression: a quote never closed in a small file made every row after
/// it one cell, and the file imported "successfully" (50 rows as 10
/// assets, the tenth with 40 rows in a cell); the dry run said the same.
#[test]
fn a_quote_never_closed_before_the_end_of_the_file_is_refused_naming_its_row_and_column() {
    let text = fifty_rows(10, "A-010,Asset 10,\"Rack 2, shelf 3,fan replaced\n");
    // Into an empty register (rows checked beside the inserts) and into one
    // with an asset (row by row).
    for keep in [false, true] {
        let (dir, mut reg) = temp_register();
        if keep {
            import_bytes(
                &mut reg,
                b"tag,name\nKEEP-1,Kept\n",
                &ImportOptions::default(),
                Commit,
            )
            .unwrap();
        }
        let path = dir.path().join("assets.csv");
        std::fs::write(&path, &text).unwrap();
        for mode in [DryRun, Commit] {
            let e = reg
                .import_csv(&path, &ImportOptions::default(), mode, &mut |_| {})
                .expect_err("refused");
            assert!(
                matches!(&e, Error::Csv { row: Some(10), column: Some(c), .. } if c == "location"),
                "{e:?}"
            );
            assert_eq!(e.code(), ErrorCode::Validation);
            assert_eq!(
                e.to_string(),
                format!(
                    "{}, row 10, column \"location\": a quoted cell opened on line 10 is never closed (end of file inside quotes)",
                    path.display()
                )
            );
        }
        assert_eq!(reg.count_assets().unwrap(), u64::from(keep));
    }
}

#[test]
fn a_quote_never_closed_in_the_header_is_refused_when_the_columns_are_read() {
    let (dir, mut reg) = temp_register();
    let path = dir.path().join("assets.csv");
    std::fs::write(&path, "tag,\"name,notes\nA-1,One,x\nA-2,Two,y\n").unwrap();
    let expected = format!(
        "{}, row 1: a quoted cell opened on line 1 is never closed (end of file inside quotes)",
        path.display()
    );
    let e = reg
        .inspect_csv(&path, &ImportOptions::default())
        .expect_err("refused");
    assert_eq!(e.to_string(), expected);
    for mode in [DryRun, Commit] {
        let e = reg
            .import_csv(&path, &ImportOptions::default(), mode, &mut |_| {})
            .expect_err("refused");
        assert_eq!(e.to_string(), expected);
    }
    assert_eq!(reg.count_assets().unwrap(), 0);
}

/// The warnings of a dry run of `text` as (row, column, reason), and its
/// count of rows.
fn preview_warnings(text: &str) -> (Vec<(u64, String, String)>, u64) {
    let (_d, mut reg) = temp_register();
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), DryRun)
        .expect("a report");
    let warnings = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| (p.row, p.column.clone(), p.reason.clone()))
        .collect();
    (warnings, r.rows)
}

/// A quote missing (or one too many) where a later quote closes it: the
/// rows between become one cell, the row keeps the header's width, and
/// without a warning the preview would only show fewer rows than the file.
#[test]
fn a_cell_that_swallowed_rows_up_to_a_later_quote_is_a_warning_in_the_preview() {
    let mut text = String::from("tag,name,location,notes\n");
    for row in 2..=12 {
        let notes = match row {
            4 => "\"fan noise",
            9 => "\"checked\"",
            _ => "ok",
        };
        text.push_str(&format!("A-{row},Asset {row},Lab,{notes}\n"));
    }
    let (warnings, rows) = preview_warnings(&text);
    // The lines of and the start of A-9 are in the notes of
    // A-4 (row 4); A-10 is row 5.
    assert_eq!(rows, 6);
    assert_eq!(
        warnings,
        [(
            4,
            "notes".to_string(),
            "cell holds 5 line breaks that look like rows of this file; is a quote missing earlier?"
                .to_string()
        )]
    );
}

#[test]
fn multi_line_notes_are_not_warned_about() {
    let text = "tag,name,location,notes\n\
        A-1,One,Lab,\"Replaced the fan.\nTested, all fine.\"\n\
        A-2,Two,Lab,\"Fan, PSU.\r\nChecked, ok.\r\nCleaned, done.\r\nLabelled, yes.\"\n\
        A-3,Three,\"Lab\nshelf 2\",\"Parts:\n- fan, 80 mm, Noctua\n- PSU, 500 W\n- cable\"\n";
    assert_eq!(preview_warnings(text), (vec![], 3));
}

/// A file of `len` bytes that is never in memory: `head`, then `x` to the
/// end. Remembers how far the last pass from the start read.
struct Generated {
    head: &'static [u8],
    len: u64,
    at: u64,
    furthest: u64,
}

impl std::io::Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min((self.len - self.at.min(self.len)) as usize);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            let at = self.at as usize + i;
            *b = self.head.get(at).copied().unwrap_or(b'x');
        }
        self.at += n as u64;
        self.furthest = self.furthest.max(self.at);
        Ok(n)
    }
}

impl std::io::Seek for Generated {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.at = match to {
            std::io::SeekFrom::Start(n) => n,
            std::io::SeekFrom::End(d) => self.len.saturating_add_signed(d),
            std::io::SeekFrom::Current(d) => self.at.saturating_add_signed(d),
        };
        if self.at == 0 {
            self.furthest = 0; // a new pass from the start
        }
        Ok(self.at)
    }
}

/// Memory does not grow with the file: a row that never ends is refused
/// once it passes the limit, after reading about 10 MB of a 100 MB file
/// (the encoding check before reads the file through, in small chunks).
#[test]
fn a_row_that_never_ends_is_refused_after_reading_about_the_limit() {
    let mut file = Generated {
        head: b"tag,name,notes\nA-1,One,\"",
        len: 100 * 1024 * 1024,
        at: 0,
        furthest: 0,
    };
    let (_d, mut reg) = temp_register();
    let len = file.len;
    let e = reg
        .import_csv_from(
            "endless.csv",
            &mut file,
            len,
            &ImportOptions::default(),
            Commit,
            &mut |_| {},
        )
        .expect_err("refused");
    assert_eq!(
        e.to_string(),
        format!("endless.csv, row 2, column \"notes\": {UNCLOSED}")
    );
    assert!(file.furthest > MAX_ROW_BYTES, "{}", file.furthest);
    assert!(
        file.furthest < MAX_ROW_BYTES + 1024 * 1024,
        "read {} bytes of the row before refusing it",
        file.furthest
    );
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn ten_thousand_columns_are_refused() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let text = format!(
        "tag,name,{}\nA-1,One{}\n",
        header.join(","),
        ",".repeat(10_000)
    );
    let e = refused(text.as_bytes(), &ImportOptions::default());
    assert_eq!(
        e.to_string(),
        "test.csv, row 1: the header has 10002 columns; at most 1000 are supported"
    );
}

#[test]
fn nul_bytes() {
    let rows = rejected_rows(b"tag,name\nA-1,On\0e\n");
    assert_eq!((rows[0].0, rows[0].1.as_str()), (2, "name"));
    assert!(rows[0].2.contains("NUL"));
    let e = refused(b"t\0ag,name\nA-1,One\n", &ImportOptions::default());
    assert!(e.to_string().contains("NUL"), "{e}");
}

#[test]
fn invalid_bytes_in_every_encoding() {
    // UTF-8 declared by a BOM, then an invalid sequence on line 2.
    let e = refused(
        b"\xEF\xBB\xBFtag,name\nA-1,\xC3\x28\n",
        &ImportOptions::default(),
    );
    assert!(
        e.to_string().contains("line 2") && e.to_string().contains("not valid UTF-8"),
        "{e}"
    );
    // UTF-8 declared by the caller.
    let e = refused(
        b"tag,name\nA-1,\xFF\n",
        &ImportOptions {
            encoding: Some(TextEncoding::Utf8),
            ..Default::default()
        },
    );
    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
    // UTF-16 LE with an unpaired surrogate, and with an odd number of bytes.
    let mut le = b"\xFF\xFE".to_vec();
    for u in "tag,name\nA-1,".encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    le.extend([0x00, 0xD8, b'x', 0x00, b'\n', 0x00]);
    let e = refused(&le, &ImportOptions::default());
    assert!(
        e.to_string().contains("cannot be read as UTF-16 LE"),
        "the encoding is blamed: {e}"
    );
    let mut be = b"\xFE\xFF".to_vec();
    for u in "tag,name\nA-1,One\n".encode_utf16() {
        be.extend(u.to_be_bytes());
    }
    be.push(0x41);
    let e = refused(&be, &ImportOptions::default());
    assert!(e.to_string().contains("cannot be read as UTF-16 BE"), "{e}");
    // Not UTF-8 and no BOM: Windows-1252, every byte is a character.
    let (_d, mut reg) = temp_register();
    let r = import_bytes(
        &mut reg,
        b"tag,name\nA-1,Caf\xE9 \x80\n",
        &ImportOptions::default(),
        Commit,
    )
    .unwrap();
    assert_eq!(r.encoding, TextEncoding::Windows1252);
    assert_eq!(reg.get_asset_by_tag("A-1").unwrap().name, "Café €");
}

/// Regression (found by the fuzz target, corpus
/// `regression_cp1252_no_final_line_end.csv`): a Windows-1252 or UTF-16
/// file whose last row has no line end panicked in the decoder ("Must not
/// use a decoder that has finished") when the reader asked for more text
/// after the end.
#[test]
fn a_decoded_file_without_a_final_line_end_does_not_panic() {
    // The minimised fuzz input (after its options byte): a header only.
    let e = refused(b";\xF5;;;", &ImportOptions::default());
    assert_eq!(e.code(), ErrorCode::Validation);
    let mut le = b"\xFF\xFE".to_vec();
    for u in "tag,name\nA-2,Zoë".encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    for (bytes, tag, name) in [
        (&b"tag,name\nA-1,Caf\xE9"[..], "A-1", "Café"),
        (&le[..], "A-2", "Zoë"),
    ] {
        let (_d, mut reg) = temp_register();
        let r = import_bytes(&mut reg, bytes, &ImportOptions::default(), Commit).unwrap();
        assert!(r.committed);
        assert_eq!(reg.get_asset_by_tag(tag).unwrap().name, name);
    }
}

#[test]
fn duplicate_headers_name_both_columns() {
    let e = refused(b"tag,name,Name\nA-1,One,Two\n", &ImportOptions::default());
    assert_eq!(
        e.to_string(),
        "test.csv, row 1, column \"Name\": columns 2 \"name\" and 3 \"Name\" both give the name; remove one or map it to another field"
    );
    // Unknown duplicates are each listed, with their values, and not imported.
    let (_d, mut reg) = temp_register();
    let r = import_bytes(
        &mut reg,
        b"tag,name,Address,Address\nA-1,One,x,y\n",
        &ImportOptions::default(),
        Commit,
    )
    .unwrap();
    assert!(r.committed);
    assert_eq!(
        r.problems
            .iter()
            .filter(|p| p.column == "Address" && p.reason.contains("not imported"))
            .count(),
        2
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let e = refused(
        b"HB.name,HB.asset_id\nNAS,000-001\n",
        &ImportOptions::default(),
    );
    assert_eq!(e.to_string(), "test.csv, row 1, column \"HB.location\": the required column \"HB.location\" is missing (the homebox format needs it)");
    assert_eq!(e.field(), Some("HB.location"));
}

#[test]
fn unterminated_quotes_and_garbage_never_panic() {
    for bytes in [
        &b"tag,name\n\"A-1,One\n"[..],
        b"\"\"\"\n\"",
        b"tag,name\n\r\r\r,,,\n",
        b",,,\n,,,\n",
    ] {
        let (_d, mut reg) = temp_register();
        let _ = import_bytes(&mut reg, bytes, &ImportOptions::default(), Commit);
        assert_eq!(reg.count_assets().unwrap(), 0);
    }
}
