//! Dates as spreadsheets write them. ISO 8601 (`2025-03-04`, also with a
//! time after it) is always read; day-first, month-first and other orders
//! only when the caller declares the format. A date such as `03/04/2025`
//! with no declared format is an error for that cell, never a guess.

use crate::validate;
use chrono::NaiveDate;

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
}

impl DateProblem {
    /// A reason for the problem report.
    pub fn reason(&self, value: &str, declared: Option<&str>) -> String {
        match (self, declared) {
            (DateProblem::Ambiguous, _) => format!(
                "the date \"{value}\" could be read more than one way; declare the date format (e.g. DD/MM/YYYY or MM/DD/YYYY)"
            ),
            (DateProblem::NoSuchDate, _) => format!("\"{value}\" is not a date in the calendar"),
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
        return Ok(Some(date));
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
            // 00–69 → 2000–2069, 70–99 → 1970–1999.
            if year < 70 {
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
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or(DateProblem::NoSuchDate)
}
