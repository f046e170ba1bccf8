//! Dates as spreadsheets write them. ISO 8601 (`2025-03-04`, also with a
//! time after it) is always read; day-first, month-first and other orders
//! only when the caller declares the format. A date such as `03/04/2025`
//! with no declared format is an error for that cell, never a guess.
//!
//! A year before [`YEAR_MIN`] or after [`YEAR_MAX`] is a typing slip for an
//! asset register ("0202-09-30"): an error for that cell, with the date it
//! probably meant. Two-digit years (`M/D/YY`) take the century window of
//! spreadsheets (Excel, LibreOffice): 00–29 are 2000–2029, 30–99 are
//! 1930–1999.

use crate::validate;
use chrono::NaiveDate;

/// Earliest year read as a date of the register.
pub const YEAR_MIN: i32 = 1900;
/// Latest year read as a date of the register.
pub const YEAR_MAX: i32 = 2200;
/// Two-digit years below this are 20YY, the others 19YY.
pub const TWO_DIGIT_PIVOT: u32 = 30;

/// The order of day, month and year in a declared format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// A declared date format: the order of the parts (any of `/`, `.`, `-`,
/// space between them), and whether the year has two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFormat {
    pub order: DateOrder,
    pub two_digit_year: bool,
}

impl DateFormat {
    /// Parses `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `DD-MM-YY`,
    /// `YYYY/MM/DD`, `M/D/YY`, … (case does not matter).
    pub fn parse(text: &str) -> Option<DateFormat> {
        let upper = text.trim().to_ascii_uppercase();
        let parts: Vec<&str> = upper
            .split(['/', '.', '-', ' '])
            .filter(|p| !p.is_empty())
            .collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let kind = |p: &str| p.chars().next().filter(|ch| p.chars().all(|x| x == *ch));
        let (ka, kb, kc) = (kind(a)?, kind(b)?, kind(c)?);
        let (order, year) = match (ka, kb, kc) {
            ('D', 'M', 'Y') => (DateOrder::DayMonthYear, *c),
            ('M', 'D', 'Y') => (DateOrder::MonthDayYear, *c),
            ('Y', 'M', 'D') => (DateOrder::YearMonthDay, *a),
            _ => return None,
        };
        let two_digit_year = match year.len() {
            2 => true,
            4 => false,
            _ => return None,
        };
        Some(DateFormat {
            order,
            two_digit_year,
        })
    }
}

/// Why a date cell was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Could be read two ways; a format must be declared.
    Ambiguous,
    /// Not in the declared format (or ISO 8601 when none is declared).
    Unreadable,
    /// The parts are in range of no calendar date (31 April).
    NoSuchDate,
    /// A year outside [`YEAR_MIN`]..=[`YEAR_MAX`]; the date it probably
    /// meant, when one is near.
    Implausible(Option<NaiveDate>),
}

impl DateProblem {
    /// A reason for the problem report.
    pub fn reason(&self, value: &str, declared: Option<&str>) -> String {
        match (self, declared) {
            (DateProblem::Ambiguous, _) => format!(
                "the date \"{value}\" could be read more than one way; declare the date format (e.g. DD/MM/YYYY or MM/DD/YYYY)"
            ),
            (DateProblem::NoSuchDate, _) => format!("\"{value}\" is not a date in the calendar"),
            (DateProblem::Implausible(Some(meant)), _) => format!(
                "the year of \"{value}\" is outside {YEAR_MIN}–{YEAR_MAX}; {value} is probably {}",
                meant.format("%Y-%m-%d")
            ),
            (DateProblem::Implausible(None), _) => format!(
                "the year of \"{value}\" is outside {YEAR_MIN}–{YEAR_MAX}; check the date"
            ),
            (DateProblem::Unreadable, Some(f)) => {
                format!("expected a date as {f} or YYYY-MM-DD, got \"{value}\"")
            }
            (DateProblem::Unreadable, None) => format!(
                "expected a date as YYYY-MM-DD, got \"{value}\" (declare the date format if the file uses another)"
            ),
        }
    }
}

/// Reads one date cell: empty is None; ISO 8601 always; otherwise only in
/// the `declared` format.
pub fn read(value: &str, declared: Option<DateFormat>) -> Result<Option<NaiveDate>, DateProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    // ISO 8601, optionally followed by a time ("2025-03-04 10:00:00", "…T…").
    let iso = v
        .get(..10)
        .filter(|_| v.len() == 10 || v[10..].starts_with([' ', 'T']));
    if let Some(date) = iso.and_then(validate::parse_date) {
        return plausible(date);
    }
    let parts: Vec<&str> = v.split(['/', '.', '-', ' ']).collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|d| d.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(numeric) {
        return Err(DateProblem::Unreadable);
    }
    // At most four ASCII digits each: the parses cannot fail.
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let Some(format) = declared else {
        // Day-first or month-first? Without a declared format it is never
        // guessed (even 23/01/2025 might be a typo of 03/01/2025).
        return Err(
            if parts[0].len() <= 2 && parts[1].len() <= 2 && n[0] <= 12 && n[1] <= 12 {
                DateProblem::Ambiguous
            } else {
                DateProblem::Unreadable
            },
        );
    };
    let (day, month, year, year_text) = match format.order {
        DateOrder::DayMonthYear => (n[0], n[1], n[2], parts[2]),
        DateOrder::MonthDayYear => (n[1], n[0], n[2], parts[2]),
        DateOrder::YearMonthDay => (n[2], n[1], n[0], parts[0]),
    };
    let year = match (format.two_digit_year, year_text.len()) {
        (true, 2) => {
            // The spreadsheets' window: 00–29 → 2000–2029, 30–99 → 1930–1999.
            if year < TWO_DIGIT_PIVOT {
                2000 + year
            } else {
                1900 + year
            }
        }
        (false, 4) => year,
        _ => return Err(DateProblem::Unreadable),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateProblem::Unreadable);
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateProblem::NoSuchDate)?;
    plausible(date)
}

/// `date` when its year is within [`YEAR_MIN`]..=[`YEAR_MAX`].
fn plausible(date: NaiveDate) -> Result<Option<NaiveDate>, DateProblem> {
    use chrono::Datelike;
    let year = date.year();
    if (YEAR_MIN..=YEAR_MAX).contains(&year) {
        return Ok(Some(date));
    }
    // The usual slips: a digit lost at the end (0202 for 2020), two digits
    // swapped (2202 for 2022, 2102 for 2012), the century mistyped (3024).
    let digits = format!("{year:04}");
    let b = digits.as_bytes();
    let swapped = |i: usize, j: usize| {
        let mut d = b.to_vec();
        d.swap(i, j);
        String::from_utf8(d).ok()?.parse::<i32>().ok()
    };
    let candidates = [
        Some(year * 10),
        swapped(2, 3),
        swapped(1, 2),
        swapped(0, 1),
        Some(2000 + year.rem_euclid(100)),
    ];
    let meant = candidates
        .into_iter()
        .flatten()
        .filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y))
        .find_map(|y| date.with_year(y));
    Err(DateProblem::Implausible(meant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_1900_to_2200_are_a_problem_with_the_date_probably_meant() {
        for (cell, meant) in [
            ("0202-09-30", Some("2020-09-30")),
            ("2202-01-15", Some("2022-01-15")),
            ("3024-05-01", Some("2024-05-01")),
            ("1024-05-01", Some("2024-05-01")),
        ] {
            match read(cell, None) {
                Err(DateProblem::Implausible(m)) => assert_eq!(
                    m.map(|d| d.format("%Y-%m-%d").to_string()).as_deref(),
                    meant,
                    "{cell}"
                ),
                other => panic!("{cell}: {other:?}"),
            }
        }
        assert!(read("1900-01-01", None).is_ok());
        assert!(read("2200-12-31", None).is_ok());
        let reason = read("0202-09-30", None)
            .unwrap_err()
            .reason("0202-09-30", None);
        assert!(
            reason.contains("0202-09-30 is probably 2020-09-30"),
            "{reason}"
        );
    }

    #[test]
    fn two_digit_years_take_the_spreadsheet_century_window() {
        let us = DateFormat::parse("M/D/YY");
        for (cell, date) in [
            ("1/23/00", "2000-01-23"),
            ("1/23/29", "2029-01-23"),
            ("1/23/30", "1930-01-23"),
            ("1/23/99", "1999-01-23"),
        ] {
            assert_eq!(
                read(cell, us).unwrap().map(|d| d.to_string()).as_deref(),
                Some(date),
                "{cell}"
            );
        }
    }
}
