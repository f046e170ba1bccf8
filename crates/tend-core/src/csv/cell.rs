//! Formula-injection neutralisation. A spreadsheet runs a cell that starts
//! with `=`, `+`, `-`, `@`, TAB or CR as a formula; the exporter puts an
//! apostrophe before such a cell and Tend's importer removes exactly that
//! apostrophe again. A cell that already starts with apostrophes followed by
//! one of those characters gets one more, so the mapping is a bijection and
//! every value survives the round trip.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_apostrophe(value: &str) -> bool {
    value
        .trim_start_matches('\'')
        .starts_with(|c: char| TRIGGERS.contains(&c))
}

/// The cell as written to a file: `=SUM(A1)` becomes `'=SUM(A1)`.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if needs_apostrophe(value) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// The value of a cell written by [`neutralise`]: `'=SUM(A1)` becomes
/// `=SUM(A1)`; every other cell is returned unchanged.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_apostrophe(rest) => rest,
        _ => cell,
    }
}
