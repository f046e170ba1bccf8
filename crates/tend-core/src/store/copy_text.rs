//! Rows in PostgreSQL's COPY text format: one line per row, columns split by
//! tabs, `\N` for NULL, and backslash escapes for the characters that would
//! break a line. It is what `COPY … TO STDOUT` prints, so a row read from
//! SQLite and rendered here is byte for byte the row PostgreSQL prints for
//! the same values: the form `tend db copy` compares both sides in.

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Text(String),
    /// Bytes, written as PostgreSQL's bytea hex form (`\\x0a1b…` in the
    /// line, the backslash escaped).
    Bytes(Vec<u8>),
}

/// Appends `cells` as one line (with its newline) to `out`.
pub(crate) fn render(cells: &[Cell], out: &mut Vec<u8>) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        match cell {
            Cell::Null => out.extend_from_slice(b"\\N"),
            Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Cell::Text(t) => escape(t, out),
            Cell::Bytes(b) => {
                out.extend_from_slice(b"\\\\x");
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.reserve(b.len() * 2);
                for byte in b {
                    out.push(HEX[usize::from(byte >> 4)]);
                    out.push(HEX[usize::from(byte & 0xf)]);
                }
            }
        }
    }
    out.push(b'\n');
}

/// The escapes PostgreSQL's COPY TO writes (CopyAttributeOutText).
fn escape(text: &str, out: &mut Vec<u8>) {
    for b in text.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0b => out.extend_from_slice(b"\\v"),
            0x0c => out.extend_from_slice(b"\\f"),
            b => out.push(b),
        }
    }
}

/// The bytes of a bytea field's text (`\x0a1b…`, once unescaped).
pub(crate) fn bytes(text: &str) -> Result<Vec<u8>, String> {
    let hex = text
        .strip_prefix("\\x")
        .ok_or_else(|| "bytes that do not start with \\x".to_string())?;
    if hex.len() % 2 != 0 {
        return Err("bytes with an odd number of hex digits".into());
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| "bytes that are not hex".to_string())
        })
        .collect()
}

/// Splits one line (without its newline) into `columns` fields: `None` for
/// NULL, else the unescaped text. Errors name what is wrong.
pub(crate) fn parse(line: &[u8], columns: usize) -> Result<Vec<Option<String>>, String> {
    let fields: Vec<&[u8]> = line.split(|b| *b == b'\t').collect();
    if fields.len() != columns {
        return Err(format!(
            "{} columns where {columns} were expected",
            fields.len()
        ));
    }
    fields
        .into_iter()
        .map(|f| {
            if f == b"\\N" {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(f.len());
            let mut bytes = f.iter();
            while let Some(&b) = bytes.next() {
                if b != b'\\' {
                    out.push(b);
                    continue;
                }
                let unescaped = match bytes.next() {
                    Some(b'n') => b'\n',
                    Some(b'r') => b'\r',
                    Some(b't') => b'\t',
                    Some(b'b') => 0x08,
                    Some(b'v') => 0x0b,
                    Some(b'f') => 0x0c,
                    Some(b'\\') => b'\\',
                    Some(&other) => return Err(format!("unknown escape \\{}", other as char)),
                    None => return Err("a backslash at the end of a field".into()),
                };
                out.push(unescaped);
            }
            String::from_utf8(out)
                .map(Some)
                .map_err(|_| "text that is not UTF-8".to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_through_the_text_format_with_every_escape() {
        let cells = vec![
            Cell::Int(-42),
            Cell::Null,
            Cell::Text("tab\there\nnew\\line\r\u{8}\u{b}\u{c} \\N ünï".into()),
            Cell::Text(String::new()),
        ];
        let mut line = Vec::new();
        render(&cells, &mut line);
        assert_eq!(line.iter().filter(|b| **b == b'\n').count(), 1);
        let parsed = parse(&line[..line.len() - 1], 4).unwrap();
        assert_eq!(
            parsed,
            vec![
                Some("-42".to_string()),
                None,
                Some("tab\there\nnew\\line\r\u{8}\u{b}\u{c} \\N ünï".into()),
                Some(String::new()),
            ]
        );
    }

    #[test]
    fn bytes_are_written_as_postgresql_prints_bytea() {
        let mut line = Vec::new();
        render(&[Cell::Bytes(vec![0, 0x1b, 0xff]), Cell::Int(1)], &mut line);
        assert_eq!(line, b"\\\\x001bff\t1\n");
        let parsed = parse(&line[..line.len() - 1], 2).unwrap();
        assert_eq!(
            bytes(parsed[0].as_deref().unwrap()).unwrap(),
            vec![0, 0x1b, 0xff]
        );
        assert!(bytes("\\x0").is_err());
        assert!(bytes("0a").is_err());
    }

    #[test]
    fn a_line_with_the_wrong_shape_is_named() {
        assert!(parse(b"1\t2", 3).unwrap_err().contains("2 columns"));
        assert!(parse(b"a\\q", 1).unwrap_err().contains("\\q"));
    }
}
