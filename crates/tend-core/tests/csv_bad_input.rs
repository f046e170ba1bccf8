//! Bad input: a clear error naming the file, row and column, nothing
//! written, never a panic.

use crate::common::temp_register;
use crate::csv_support::*;
use tend_core::csv::import::ImportMode::Commit;
use tend_core::csv::{ImportOptions, TextEncoding};
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
    let e = refused(b"tag,name\r\n", &ImportOptions::default());
    assert_eq!(e.to_string(), "test.csv: the file has a header but no rows");
}

#[test]
fn ragged_rows_name_the_row() {
    let rows = rejected_rows(b"tag,name\nA-1,One\nA-2,Two,extra\nA-3\n");
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![3, 4]);
    assert_eq!(rows[0].2, "has 3 cells; the header has 2 columns");
}

#[test]
fn a_ten_megabyte_cell_is_rejected_by_its_column_limit() {
    let mut text = b"tag,name,notes\nA-1,One,\"".to_vec();
    text.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    text.extend(b"\"\n");
    let rows = rejected_rows(&text);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].0, rows[0].1.as_str()), (2, "notes"));
    assert!(rows[0].2.contains("at most 10000"), "{}", rows[0].2);
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
    assert!(e.to_string().contains("invalid bytes"), "{e}");
    let mut be = b"\xFE\xFF".to_vec();
    for u in "tag,name\nA-1,One\n".encode_utf16() {
        be.extend(u.to_be_bytes());
    }
    be.push(0x41);
    let e = refused(&be, &ImportOptions::default());
    assert!(e.to_string().contains("invalid bytes"), "{e}");
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

#[test]
fn duplicate_headers_name_both_columns() {
    let e = refused(b"tag,name,Name\nA-1,One,Two\n", &ImportOptions::default());
    assert_eq!(
        e.to_string(),
        "test.csv, row 1, column \"Name\": columns 2 \"name\" and 3 \"Name\" both give the name; remove one or map it to another field"
    );
    // Unknown duplicates are reported and ignored.
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
            .filter(|p| p.column == "Address" && p.reason.contains("ignored"))
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
