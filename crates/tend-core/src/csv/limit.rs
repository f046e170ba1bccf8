//! The size limit of one row, and the end of the text inside a quoted
//! cell. The reader under the CSV parser refuses a row as soon as it holds
//! more than [`MAX_ROW_BYTES`] of text or [`MAX_ROW_CELLS`] cells, and a
//! text that ends while a quoted cell is still open. Either way the error
//! names the row and column, so a quote that is never closed (which makes
//! the rest of the file one cell) is refused where it opened — at the end of
//! the file, or after reading about 10 MB of a large one — never read whole
//! into memory nor imported as one long cell.
//!
//! It follows the text with its own `csv_core` parser, set up exactly as the
//! `csv` reader above it (same delimiter, `"` quoting with doubled quotes,
//! CR, LF or CRLF ends a row, blank lines skipped), so both agree on where
//! every row and cell ends. It counts what the reader above keeps of a row:
//! the text of its cells and their number. Delimiters, quotes and blank
//! lines cost nothing, and memory stays bounded by the limits, however large
//! the file.

use std::fmt;
use std::io::{self, Read};

/// The most text one row may hold (all its cells together, in UTF-8).
pub const MAX_ROW_BYTES: u64 = 10 * 1024 * 1024;
/// The most cells one row may have.
pub const MAX_ROW_CELLS: usize = 100_000;

/// The error a [`RowLimit`] stops reading with (inside an [`io::Error`]):
/// a row past a limit, or a quoted cell still open at the end of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableRow {
    /// The row, as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    /// The header's name for the column of the cell that took the row past
    /// the limit, or of the quoted cell never closed, when known.
    pub column: Option<String>,
    /// Why, and the line the row starts on (or the quoted cell opens on).
    pub message: String,
}

impl fmt::Display for UnreadableRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnreadableRow {}

impl UnreadableRow {
    /// The row error inside `e`, if that is what `e` is.
    pub fn within(e: &io::Error) -> Option<&UnreadableRow> {
        e.get_ref()?.downcast_ref()
    }
}

/// A reader that passes `source` through unchanged and fails with
/// [`UnreadableRow`] once the row being read passes a limit, or when the
/// text ends inside a quoted cell.
pub struct RowLimit<R> {
    source: R,
    parser: csv_core::Reader,
    /// Where the parser copies cells to, and cell ends; both thrown away.
    text_scratch: Box<[u8]>,
    ends_scratch: Box<[usize]>,
    max_bytes: u64,
    max_cells: usize,
    /// Rows ended so far (the header is the first).
    rows: u64,
    /// Text and cells of the row being read.
    text: u64,
    cells: usize,
    /// Line breaks in the text of the cell being read so far: the line it
    /// opened on is that many before the parser's.
    cell_newlines: u64,
    /// The line the row being read starts on; `None` right after a row
    /// ends, until the first byte of the next (blank lines are skipped).
    row_line: Option<u64>,
    names: Vec<String>,
}

impl<R: Read> RowLimit<R> {
    /// Follows `source`, a CSV text with `delimiter`, from its start.
    pub fn new(source: R, delimiter: u8) -> RowLimit<R> {
        RowLimit::with_limits(source, delimiter, MAX_ROW_BYTES, MAX_ROW_CELLS)
    }

    fn with_limits(source: R, delimiter: u8, max_bytes: u64, max_cells: usize) -> RowLimit<R> {
        RowLimit {
            source,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            text_scratch: vec![0; 64 * 1024].into_boxed_slice(),
            ends_scratch: vec![0; 1024].into_boxed_slice(),
            max_bytes,
            max_cells,
            rows: 0,
            text: 0,
            cells: 0,
            cell_newlines: 0,
            row_line: None,
            names: Vec::new(),
        }
    }

    /// The header's column names, to name the column in an error.
    pub fn name_columns(&mut self, names: &[String]) {
        self.names = names.to_vec();
    }

    /// Feeds `input`, the next bytes of the text (empty at its end), to the
    /// parser.
    fn follow(&mut self, input: &[u8]) -> Result<(), UnreadableRow> {
        use csv_core::ReadRecordResult::*;
        let at_end = input.is_empty();
        // The parser would end a quoted cell still open at the end of the
        // text as if its quote were closed. So the end is first given to it
        // as a line end: that is copied into a cell only inside quotes;
        // anywhere else it ends the row, as the end of the text does, or is
        // skipped as a blank line. (Every line end since the quote opened
        // is in the cell's text.)
        let (mut input, opened) = if at_end {
            let line = self.parser.line().saturating_sub(self.cell_newlines);
            (&b"\n"[..], Some(line))
        } else {
            (input, None)
        };
        loop {
            if self.row_line.is_none() {
                if let Some(blank) = input.iter().position(|&b| b != b'\r' && b != b'\n') {
                    let newlines = input[..blank].iter().filter(|&&b| b == b'\n').count();
                    self.row_line = Some(self.parser.line() + newlines as u64);
                }
            }
            let (result, read, written, ended) =
                self.parser
                    .read_record(input, &mut self.text_scratch, &mut self.ends_scratch);
            if let (Some(line), 1..) = (opened, written) {
                return Err(self.never_closed(line));
            }
            input = &input[read..];
            let cells_before = self.cells;
            self.count_cell_newlines(written, ended);
            self.text += written as u64;
            self.cells += ended;
            if self.cells > self.max_cells {
                return Err(self.too_many_cells());
            }
            if self.text > self.max_bytes {
                // The cell that grew too large: the first to end past the
                // limit in this step, else the one still being read.
                let over = self.ends_scratch[..ended]
                    .iter()
                    .position(|&end| end as u64 > self.max_bytes)
                    .unwrap_or(ended);
                return Err(self.too_large(cells_before + over));
            }
            match result {
                Record => {
                    self.rows += 1;
                    self.text = 0;
                    self.cells = 0;
                    self.cell_newlines = 0;
                    self.row_line = None;
                }
                OutputFull | OutputEndsFull => {}
                InputEmpty | End if input.is_empty() || read == 0 => {
                    return Ok(());
                }
                InputEmpty | End => {}
            }
            if input.is_empty() && !at_end {
                return Ok(());
            }
        }
    }

    /// Keeps [`RowLimit::cell_newlines`] after a step of the parser that
    /// wrote `written` bytes of text to the scratch and ended `ended` cells.
    fn count_cell_newlines(&mut self, written: usize, ended: usize) {
        // Cell ends count from the start of the row; this step's text starts
        // at `self.text` of it.
        let open_from = match ended {
            0 => 0,
            n => (self.ends_scratch[n - 1] as u64).saturating_sub(self.text) as usize,
        };
        let newlines = self.text_scratch[open_from.min(written)..written]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        if ended > 0 {
            self.cell_newlines = newlines;
        } else {
            self.cell_newlines += newlines;
        }
    }

    /// The error for a text that ends inside the quoted cell being read,
    /// opened on `line`.
    fn never_closed(&self, line: u64) -> UnreadableRow {
        UnreadableRow {
            row: self.rows + 1,
            column: self
                .names
                .get(self.cells)
                .filter(|_| self.rows > 0)
                .cloned(),
            message: format!(
                "a quoted cell opened on line {line} is never closed (end of file inside quotes)"
            ),
        }
    }

    fn line(&self) -> u64 {
        self.row_line.unwrap_or_else(|| self.parser.line())
    }

    fn too_many_cells(&self) -> UnreadableRow {
        UnreadableRow {
            row: self.rows + 1,
            column: None,
            message: format!(
                "the row has more than {} cells (it starts on line {})",
                self.max_cells,
                self.line()
            ),
        }
    }

    /// The error for the row being read when its `cell` (counted from 0)
    /// takes it past the limit.
    fn too_large(&self, cell: usize) -> UnreadableRow {
        UnreadableRow {
            row: self.rows + 1,
            column: self.names.get(cell).filter(|_| self.rows > 0).cloned(),
            message: format!(
                "a quoted cell is never closed, or the row is larger than {} (the row starts on line {})",
                size(self.max_bytes),
                self.line()
            ),
        }
    }
}

/// "10 MB" for the limit (binary megabytes, as file managers show them).
fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

impl<R: Read> Read for RowLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.source.read(buf)?;
        if !buf.is_empty() {
            // 0 bytes read into a buffer with room: the end of the text.
            self.follow(&buf[..n]).map_err(io::Error::other)?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads all of `text` through a limit in chunks of `chunk` bytes.
    fn read_all(text: &[u8], chunk: usize, max_bytes: u64, max_cells: usize) -> io::Result<()> {
        let mut limit = RowLimit::with_limits(text, b',', max_bytes, max_cells);
        limit.name_columns(&["tag".into(), "name".into(), "notes".into()]);
        let mut buf = vec![0; chunk];
        while limit.read(&mut buf)? > 0 {}
        Ok(())
    }

    fn too_large(text: &[u8], chunk: usize, max_bytes: u64) -> UnreadableRow {
        let e = read_all(text, chunk, max_bytes, 1000).expect_err("over the limit");
        UnreadableRow::within(&e)
            .expect("a row limit error")
            .clone()
    }

    #[test]
    fn an_unclosed_quote_names_its_row_column_and_line() {
        // Row 3 starts on line 5: row 2 has a newline in a cell and CRLF
        // ends, and a blank line comes before row 3.
        let mut text = b"tag,name,notes\r\nA-1,\"One\r\nand a half\",x\r\n\r\nA-2,Two,\"".to_vec();
        text.extend([b'y'; 200]);
        for chunk in [1, 7, 4096] {
            let e = too_large(&text, chunk, 100);
            assert_eq!(e.row, 3, "chunk {chunk}");
            assert_eq!(e.column.as_deref(), Some("notes"));
            assert_eq!(
                e.message,
                "a quoted cell is never closed, or the row is larger than 100 bytes (the row starts on line 5)"
            );
        }
    }

    #[test]
    fn a_closed_cell_too_large_is_named_by_its_column() {
        let big = "y".repeat(200);
        for (text, column) in [
            (format!("tag,name,notes\nA-1,One,\"{big}\"\n"), "notes"),
            (format!("tag,name,notes\nA-1,{big},z\n"), "name"),
        ] {
            for chunk in [1, 64, 4096] {
                let e = too_large(text.as_bytes(), chunk, 100);
                assert_eq!((e.row, e.column.as_deref()), (2, Some(column)), "{chunk}");
            }
        }
    }

    #[test]
    fn the_limit_is_on_a_row_not_on_the_file() {
        let row = format!("A-1,{},z\n", "x".repeat(40));
        let text = format!("tag,name,notes\n{}", row.repeat(1000));
        read_all(text.as_bytes(), 64, 100, 1000).expect("every row is small");
        // Text is what counts: doubled quotes count once, blank lines not at all.
        let text = format!("a\n\"{}\"\n{}b\n", "\"\"".repeat(100), "\n".repeat(500));
        read_all(text.as_bytes(), 64, 100, 1000).expect("100 bytes of text");
        let text = format!("a\n\"{}\"\n", "\"\"".repeat(101));
        assert_eq!(too_large(text.as_bytes(), 64, 100).row, 2);
    }

    #[test]
    fn too_many_cells() {
        let text = format!("tag\n{}\n", ",".repeat(1500));
        let e = read_all(text.as_bytes(), 64, 100, 1000).expect_err("too many cells");
        let e = UnreadableRow::within(&e).unwrap();
        assert_eq!((e.row, e.column.as_deref()), (2, None));
        assert_eq!(
            e.message,
            "the row has more than 1000 cells (it starts on line 2)"
        );
    }

    #[test]
    fn the_header_is_row_one_without_a_column_name() {
        let e = too_large(b"tag,\"name", 3, 2);
        assert_eq!((e.row, e.column), (1, None));
    }

    /// The error of reading all of `text` in chunks of `chunk` bytes, with
    /// limits far above it.
    fn unreadable(text: &[u8], chunk: usize) -> Option<UnreadableRow> {
        read_all(text, chunk, MAX_ROW_BYTES, MAX_ROW_CELLS)
            .err()
            .map(|e| UnreadableRow::within(&e).expect("a row error").clone())
    }

    /// Regression: a quote never closed in a small file made every row
    /// after it one cell, and the file imported "successfully" with fewer
    /// rows than it has.
    #[test]
    fn the_end_of_the_file_inside_quotes_names_the_row_column_and_line_the_quote_opened_on() {
        // Row 3 starts on line 5 (after a cell with a line break, CRLF ends
        // and a blank line); its name has a line break too, so its notes
        // open on line 6; two more lines follow.
        let text = b"tag,name,notes\r\nA-1,\"One\r\nand a half\",x\r\n\r\nA-2,\"Two\nlines\",\"never closed\nA-3,Three,z\n";
        for chunk in [1, 7, 4096] {
            let e = unreadable(text, chunk).expect("refused");
            assert_eq!((e.row, e.column.as_deref()), (3, Some("notes")), "{chunk}");
            assert_eq!(
                e.message,
                "a quoted cell opened on line 6 is never closed (end of file inside quotes)"
            );
        }
        // In the header: row 1, and no column name to give.
        let e = unreadable(b"tag,\"name,notes\nA-1,One,x\n", 3).expect("refused");
        assert_eq!((e.row, e.column), (1, None));
        assert!(e.message.contains("line 1 "), "{}", e.message);
        // A doubled quote is a quote inside the cell, not its end.
        let e = unreadable(b"tag,name\nA-1,\"5\"\" disk\"\"", 4096).expect("refused");
        assert_eq!((e.row, e.column.as_deref()), (2, Some("name")));
    }

    #[test]
    fn quotes_closed_at_the_end_of_the_file_or_inside_a_cell_are_read() {
        for text in [
            &b"tag,name\nA-1,\"One\""[..],
            b"tag,name\nA-1,\"One, \"\"the\"\" first\"\r\n\r\n",
            b"tag,name\nA-1,5\" disk\n",
            b"tag,name\nA-1,\"One\"x\"\n",
            b"tag,name\nA-1,\"\"",
            b"",
        ] {
            for chunk in [1, 4096] {
                assert_eq!(
                    unreadable(text, chunk),
                    None,
                    "{:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    }

    /// Where a quoted cell opens that is still open at the end of `text`
    /// (its line), by a plain reading of the quoting rules: a quote opens a
    /// cell only as its first byte; inside, a doubled quote is a quote and a
    /// single one closes it; after that, quotes are text.
    fn open_quote_at_end(text: &[u8]) -> Option<u64> {
        #[derive(PartialEq)]
        enum At {
            CellStart,
            Text,
            Quoted,
            QuoteInQuoted,
        }
        let (mut at, mut line, mut opened) = (At::CellStart, 1, 0);
        for &b in text {
            at = match (at, b) {
                (At::Quoted, b'"') => At::QuoteInQuoted,
                (At::Quoted, _) => At::Quoted,
                (At::QuoteInQuoted, b'"') => At::Quoted,
                (At::CellStart, b'"') => {
                    opened = line;
                    At::Quoted
                }
                (_, b',' | b'\r' | b'\n') => At::CellStart,
                _ => At::Text,
            };
            line += u64::from(b == b'\n');
        }
        (at == At::Quoted).then_some(opened)
    }

    proptest! {
        /// The limit's parser ends rows and cells where the `csv` reader
        /// does: for any text of quotes, delimiters and line ends, the
        /// limit stops at the first row the reader would read as too large,
        /// and only there; else, when the text ends inside a quoted cell, at
        /// the reader's last row, naming its last cell and the line its
        /// quote opened on.
        #[test]
        fn stops_at_the_first_row_the_csv_reader_reads_as_too_large_or_at_a_quote_left_open(
            text in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b','), Just(b'\r'), Just(b'\n'), Just(b'x')],
                0..200,
            ),
            max_bytes in 0u64..8,
            max_cells in 1usize..6,
            chunk in 1usize..16,
        ) {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&text[..]);
            let records: Vec<_> = reader
                .byte_records()
                .map(|r| r.expect("bytes in memory"))
                .collect();
            // The first row too large, and the column of its first cell to
            // end past the limit (when only its text is too large).
            let too_large = records
                .iter()
                .enumerate()
                .find(|(_, r)| r.as_slice().len() as u64 > max_bytes || r.len() > max_cells)
                .map(|(i, r)| {
                    let cell = (0..r.len())
                        .find(|&c| r.range(c).is_some_and(|at| at.end as u64 > max_bytes));
                    let column = cell
                        .filter(|_| i > 0 && r.len() <= max_cells)
                        .map(|c| format!("c{c}"));
                    (i as u64 + 1, column, r.len() > max_cells, None)
                });
            // Else a quote left open: the reader ends its last row there.
            let left_open = open_quote_at_end(&text).map(|line| {
                let row = records.len() as u64;
                let last = records.last().expect("the row of the open quote");
                let column = (row > 1).then(|| format!("c{}", last.len() - 1));
                (row, column, false, Some(line))
            });
            let expected = too_large.or(left_open);
            let mut limit = RowLimit::with_limits(&text[..], b',', max_bytes, max_cells);
            limit.name_columns(&(0..200).map(|c| format!("c{c}")).collect::<Vec<_>>());
            let mut buf = vec![0; chunk];
            let found = loop {
                match limit.read(&mut buf) {
                    Ok(0) => break None,
                    Ok(_) => {}
                    Err(e) => break Some(UnreadableRow::within(&e).expect("the limit").clone()),
                }
            };
            match (found, expected) {
                (None, None) => {}
                (Some(found), Some((row, column, cells, line))) => {
                    prop_assert_eq!(found.row, row);
                    if !cells {
                        prop_assert_eq!(found.column, column);
                    }
                    if let Some(line) = line {
                        prop_assert_eq!(
                            found.message,
                            format!("a quoted cell opened on line {line} is never closed (end of file inside quotes)")
                        );
                    }
                }
                (found, expected) => prop_assert!(false, "{:?} != {:?}", found, expected),
            }
        }
    }
}
