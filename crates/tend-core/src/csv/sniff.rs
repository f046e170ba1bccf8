//! Picks the delimiter of a file among comma, semicolon and tab by counting
//! each outside quotes on the header line (the first line of the text).

use super::options::Delimiter;

/// The delimiter that occurs most often outside quotes on the first line of
/// `text` (ties prefer comma, then semicolon, then tab; none at all means a
/// one-column file, read as comma-separated).
pub fn delimiter(text: &[u8]) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .fold(0, |best, (i, &n)| if n > counts[best] { i } else { best });
    [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab][best]
}
