//! Turns the bytes of a file into UTF-8 text as a stream, never holding the
//! whole file. A byte-order mark decides UTF-8 or UTF-16 (LE/BE); without
//! one, a file that is valid UTF-8 is UTF-8, and any other is guessed from
//! its content by `chardetng` (Windows-1252, ISO-8859-2, Windows-1250, …),
//! with Mac Roman told from Windows-1252 by the bytes Windows-1252 leaves
//! undefined or uses for symbols. The preview shows the guess with sample
//! lines and the user can choose another. Invalid bytes in a declared
//! encoding are an error naming the line and byte; nothing is silently
//! replaced.

use super::options::TextEncoding;
use crate::{Error, Result};
use std::cell::Cell;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

const CHUNK: usize = 64 * 1024;

fn file_error(file: &str, message: String) -> Error {
    Error::Csv {
        file: file.to_string(),
        row: None,
        column: None,
        message,
    }
}

fn io_error(file: &str, e: io::Error) -> Error {
    Error::Io {
        path: file.into(),
        source: e,
    }
}

/// Reads `source` from the start and decides its encoding: `declared` when
/// given (checked), else from the byte-order mark, else UTF-8 when every
/// byte is valid UTF-8, else Windows-1252. Returns the encoding and the
/// length of the byte-order mark to skip. Leaves `source` at its start.
pub fn detect<R: Read + Seek>(
    source: &mut R,
    file: &str,
    declared: Option<TextEncoding>,
) -> Result<(TextEncoding, u64)> {
    source
        .seek(SeekFrom::Start(0))
        .map_err(|e| io_error(file, e))?;
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < 3 {
        match source.read(&mut head[n..]).map_err(|e| io_error(file, e))? {
            0 => break,
            k => n += k,
        }
    }
    let head = &head[..n];
    let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((TextEncoding::Utf8Bom, 3))
    } else if head.starts_with(&[0xFF, 0xFE]) {
        Some((TextEncoding::Utf16Le, 2))
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    };
    // A file without a byte-order mark is scanned whole once to decide
    // between UTF-8 and Windows-1252; a scan that found UTF-8 needs no second.
    let mut checked = false;
    let found = match (declared, bom) {
        (Some(TextEncoding::Utf8 | TextEncoding::Utf8Bom), Some((TextEncoding::Utf8Bom, skip))) => {
            (TextEncoding::Utf8Bom, skip)
        }
        (Some(TextEncoding::Utf8Bom), _) => (TextEncoding::Utf8, 0),
        (Some(enc), Some((bom_enc, skip))) if enc == bom_enc => (enc, skip),
        (Some(enc), _) => (enc, 0),
        (None, Some(found)) => found,
        (None, None) => {
            source
                .seek(SeekFrom::Start(0))
                .map_err(|e| io_error(file, e))?;
            checked = utf8_problem(source, file)?.is_none();
            let enc = if checked {
                TextEncoding::Utf8
            } else {
                source
                    .seek(SeekFrom::Start(0))
                    .map_err(|e| io_error(file, e))?;
                guess_single_byte(&read_head(source, file)?)
            };
            (enc, 0)
        }
    };
    if matches!(found.0, TextEncoding::Utf8 | TextEncoding::Utf8Bom) && !checked {
        source
            .seek(SeekFrom::Start(found.1))
            .map_err(|e| io_error(file, e))?;
        if let Some((line, offset)) = utf8_problem(source, file)? {
            return Err(file_error(
                file,
                format!(
                    "line {line} (byte {}) is not valid UTF-8; save the file as UTF-8, or choose its encoding (e.g. Windows-1252)",
                    offset + found.1
                ),
            ));
        }
    }
    source
        .seek(SeekFrom::Start(0))
        .map_err(|e| io_error(file, e))?;
    Ok(found)
}

/// How much of a file the guess of its encoding reads.
const GUESS_BYTES: usize = 1024 * 1024;

fn read_head<R: Read>(source: &mut R, file: &str) -> Result<Vec<u8>> {
    let mut head = Vec::new();
    source
        .take(GUESS_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| io_error(file, e))?;
    Ok(head)
}

/// Bytes Windows-1252 leaves undefined: a file holding one is not in it.
const UNDEFINED_IN_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The single-byte encoding of `bytes` (not UTF-8), by content.
pub fn guess_single_byte(bytes: &[u8]) -> TextEncoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let found = TextEncoding::ALL
        .into_iter()
        .filter(|e| e.single_byte())
        .find(|e| e.decoder() == Some(guess));
    match found {
        Some(TextEncoding::Windows1252) | None if mac_roman_likely(bytes) => TextEncoding::MacRoman,
        Some(enc) => enc,
        None => TextEncoding::Windows1252,
    }
}

/// Whether bytes read as Windows-1252 would be undefined, or mostly the
/// symbols of 0x80–0x9F (†, Š, ‰) where Mac Roman has its accented letters
/// (ä is 0x8A, é 0x8E, ü 0x9F): Windows-1252 text puts its letters in
/// 0xC0–0xFF.
fn mac_roman_likely(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| UNDEFINED_IN_1252.contains(b)) {
        return true;
    }
    let low = bytes.iter().filter(|b| (0x80..0xA0).contains(*b)).count();
    let letters = bytes.iter().filter(|b| **b >= 0xC0).count();
    low > letters
}

/// A way to read a file, with its first lines as they read that way (for
/// the preview to show, and the user to choose).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EncodingSample {
    pub encoding: TextEncoding,
    pub label: String,
    /// The first lines (at most [`SAMPLE_LINES`]) decoded in `encoding`;
    /// a byte it cannot read shows as U+FFFD.
    pub lines: Vec<String>,
}

/// Lines shown for each encoding.
pub const SAMPLE_LINES: usize = 4;

/// The chosen encoding and, for a file of single bytes, the others it may
/// be in, each with the first lines of the file (`head`, after the
/// byte-order mark) as they read.
pub fn samples(head: &[u8], chosen: TextEncoding) -> Vec<EncodingSample> {
    let mut list = vec![chosen];
    if chosen.single_byte() {
        list.extend(
            TextEncoding::ALL
                .into_iter()
                .filter(|e| e.single_byte() && *e != chosen),
        );
    }
    list.into_iter()
        .map(|encoding| {
            let text = match encoding.decoder() {
                Some(d) => d.decode_without_bom_handling(head).0.into_owned(),
                None => String::from_utf8_lossy(head).into_owned(),
            };
            EncodingSample {
                encoding,
                label: encoding.label().to_string(),
                lines: text
                    .lines()
                    .take(SAMPLE_LINES)
                    .map(|l| l.chars().take(200).collect())
                    .collect(),
            }
        })
        .collect()
}

/// Scans the rest of `source`; the (line, byte offset) of the first invalid
/// UTF-8 sequence, if any.
fn utf8_problem<R: Read>(source: &mut R, file: &str) -> Result<Option<(u64, u64)>> {
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize;
    let mut offset: u64 = 0; // of buf[0] in the scanned stream
    let mut lines: u64 = 1;
    loop {
        let n = source
            .read(&mut buf[carry..carry + CHUNK])
            .map_err(|e| io_error(file, e))?;
        let len = carry + n;
        match std::str::from_utf8(&buf[..len]) {
            Ok(_) if n == 0 => return Ok(None),
            Ok(_) => {
                lines += memchr_count(&buf[..len]);
                offset += len as u64;
                carry = 0;
            }
            Err(e) if e.error_len().is_none() && n > 0 => {
                // An incomplete sequence at the end of the chunk: carry it over.
                let valid = e.valid_up_to();
                lines += memchr_count(&buf[..valid]);
                offset += valid as u64;
                buf.copy_within(valid..len, 0);
                carry = len - valid;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                lines += memchr_count(&buf[..valid]);
                return Ok(Some((lines, offset + valid as u64)));
            }
        }
    }
}

fn memchr_count(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A reader of UTF-8 text over `source` in `encoding` (after its byte-order
/// mark). Counts the source bytes read in `consumed` (for progress bars).
pub struct TextReader<R> {
    source: R,
    decoder: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// The decoder has seen the end of the input; it must not be called
    /// again (encoding_rs panics), however often the reader above asks.
    finished: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    consumed: Rc<Cell<u64>>,
    /// The encoding's name, for messages.
    label: &'static str,
}

impl<R: Read> TextReader<R> {
    /// `source` must be positioned after the byte-order mark.
    pub fn new(source: R, encoding: TextEncoding, consumed: Rc<Cell<u64>>) -> TextReader<R> {
        let decoder = encoding
            .decoder()
            .map(|e| e.new_decoder_without_bom_handling());
        TextReader {
            source,
            decoder,
            input: vec![0; CHUNK],
            start: 0,
            end: 0,
            eof: false,
            finished: false,
            output: vec![0; CHUNK * 3 + 16],
            out_start: 0,
            out_end: 0,
            consumed,
            label: encoding.label(),
        }
    }

    fn fill_output(&mut self) -> io::Result<()> {
        let Some(decoder) = self.decoder.as_mut() else {
            return Ok(());
        };
        if self.finished {
            self.out_start = 0;
            self.out_end = 0;
            return Ok(());
        }
        loop {
            if self.start == self.end && !self.eof {
                let n = self.source.read(&mut self.input)?;
                self.consumed.set(self.consumed.get() + n as u64);
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
            self.finished = self.eof && result == encoding_rs::DecoderResult::InputEmpty;
            if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                let at = self.consumed.get() - (self.end - self.start) as u64;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the bytes near byte {at} cannot be read as {}: the file is in another encoding; choose it (e.g. UTF-8, Windows-1252, Mac Roman)",
                        self.label
                    ),
                ));
            }
            if written > 0 || (self.eof && self.start == self.end) {
                return Ok(());
            }
        }
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.decoder.is_none() {
            let n = self.source.read(buf)?;
            self.consumed.set(self.consumed.get() + n as u64);
            return Ok(n);
        }
        if self.out_start == self.out_end {
            self.fill_output()?;
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}
