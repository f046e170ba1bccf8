//! Fuzzes the importer's reading of date cells (`csv::dates`): a declared
//! format's text (`DateFormat::parse`) and a cell read with no declared
//! format and with each of the six formats there are. Any panic is a bug;
//! errors are expected. It also checks what the module promises:
//! - a date read is a calendar date that reads back the same when written
//!   in ISO 8601 and in the format it was read with;
//! - ISO 8601 is read whatever the declared format;
//! - with no format declared only ISO 8601 is read: a cell two formats read
//!   as different dates is an error, never a guess;
//! - a format text that parses means the format it names.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use tend_core::csv::dates::{self, DateFormat, DateOrder, DateProblem};

const ORDERS: [DateOrder; 3] = [
    DateOrder::DayMonthYear,
    DateOrder::MonthDayYear,
    DateOrder::YearMonthDay,
];

/// Every format there is.
fn formats() -> impl Iterator<Item = DateFormat> {
    ORDERS.into_iter().flat_map(|order| {
        [false, true].map(|two_digit_year| DateFormat {
            order,
            two_digit_year,
        })
    })
}

/// The text of `format` as a user declares it ("DD/MM/YYYY", "YY-MM-DD").
fn format_text(format: DateFormat, separator: char) -> String {
    let year = if format.two_digit_year { "YY" } else { "YYYY" };
    let parts = match format.order {
        DateOrder::DayMonthYear => ["DD", "MM", year],
        DateOrder::MonthDayYear => ["MM", "DD", year],
        DateOrder::YearMonthDay => [year, "MM", "DD"],
    };
    parts.join(&separator.to_string())
}

/// `date` written in `format`, as a spreadsheet would.
fn write(date: NaiveDate, format: DateFormat) -> String {
    let year = if format.two_digit_year {
        format!("{:02}", date.year() % 100)
    } else {
        format!("{:04}", date.year())
    };
    let (d, m) = (format!("{:02}", date.day()), format!("{:02}", date.month()));
    match format.order {
        DateOrder::DayMonthYear => format!("{d}/{m}/{year}"),
        DateOrder::MonthDayYear => format!("{m}/{d}/{year}"),
        DateOrder::YearMonthDay => format!("{year}/{m}/{d}"),
    }
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A first line is also tried as a declared format's text.
    let (format_line, cell) = text.split_once('\n').unwrap_or(("", text));

    if let Some(format) = DateFormat::parse(text) {
        assert_eq!(DateFormat::parse(&format_text(format, '/')), Some(format));
    }
    if let Some(format) = DateFormat::parse(format_line) {
        let _ = dates::read(cell, Some(format));
    }

    let undeclared = dates::read(cell, None);
    match &undeclared {
        Ok(None) => assert!(cell.trim().is_empty()),
        Ok(Some(date)) => {
            // Only ISO 8601, perhaps with a time after it.
            assert!(
                cell.trim().starts_with(&iso(*date)),
                "{cell:?} read as {date}"
            );
            assert_eq!(dates::read(&iso(*date), None), Ok(Some(*date)));
        }
        Err(_) => {}
    }
    let mut read_as: Vec<(DateFormat, NaiveDate)> = Vec::new();
    for format in formats() {
        let declared = dates::read(cell, Some(format));
        if let Ok(found) = undeclared {
            // ISO 8601 (and an empty cell) read the same whatever is declared.
            assert_eq!(declared, Ok(found), "{cell:?} as {format:?}");
            continue;
        }
        match declared {
            Ok(Some(date)) => {
                if format.two_digit_year {
                    assert!((1970..=2069).contains(&date.year()), "{date} from {cell:?}");
                }
                let written = write(date, format);
                assert_eq!(
                    dates::read(&written, Some(format)),
                    Ok(Some(date)),
                    "{written:?} in {format:?}"
                );
                assert_eq!(dates::read(&iso(date), Some(format)), Ok(Some(date)));
                read_as.push((format, date));
            }
            Ok(None) => panic!("{cell:?} is empty as {format:?} but not undeclared"),
            Err(_) => {}
        }
    }
    // Two readings that differ: never guessed without a declared format.
    if read_as.iter().any(|(_, date)| *date != read_as[0].1) {
        assert!(undeclared.is_err(), "{cell:?} was guessed");
        // Day and month both up to 12, in one or two digits: ambiguous.
        let parts: Vec<&str> = cell.trim().split(['/', '.', '-', ' ']).collect();
        let small = |p: &str| p.len() <= 2 && p.parse::<u32>().is_ok_and(|n| n <= 12);
        if parts.len() == 3 && small(parts[0]) && small(parts[1]) {
            assert_eq!(undeclared, Err(DateProblem::Ambiguous), "{cell:?}");
        }
    }
});
