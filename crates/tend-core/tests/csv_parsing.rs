//! Table-driven tests of the cell readers: dates, money, the formula guard,
//! the delimiter sniffer and header normalisation.

use tend_core::csv::cell::{neutralise, restore};
use tend_core::csv::dates::{self, DateFormat, DateProblem};
use tend_core::csv::header::normalise;
use tend_core::csv::money::{self, MoneyProblem};
use tend_core::csv::{sniff, DecimalSeparator, Delimiter};

/// A cell, the declared date format, and the date (or the problem) expected.
type DateCase<'a> = (
    &'a str,
    Option<DateFormat>,
    Result<Option<&'a str>, DateProblem>,
);

/// A cell, the declared decimal separator, and the amount and currency (or
/// the problem) expected.
type MoneyCase<'a> = (
    &'a str,
    Option<DecimalSeparator>,
    Result<Option<(&'a str, Option<&'a str>)>, MoneyProblem>,
);

#[test]
fn dates_in_iso_and_declared_formats() {
    let fmt = |s: &str| Some(DateFormat::parse(s).expect(s));
    let cases: &[DateCase] = &[
        ("", None, Ok(None)),
        ("2025-03-04", None, Ok(Some("2025-03-04"))),
        ("2025-03-04 10:22:00", None, Ok(Some("2025-03-04"))),
        ("2025-03-04T10:22:00Z", None, Ok(Some("2025-03-04"))),
        ("03/04/2025", None, Err(DateProblem::Ambiguous)),
        ("3/4/25", None, Err(DateProblem::Ambiguous)),
        ("23/01/2025", None, Err(DateProblem::Unreadable)),
        ("03/04/2025", fmt("DD/MM/YYYY"), Ok(Some("2025-04-03"))),
        ("03/04/2025", fmt("MM/DD/YYYY"), Ok(Some("2025-03-04"))),
        ("04.03.2025", fmt("DD.MM.YYYY"), Ok(Some("2025-03-04"))),
        ("1/23/23", fmt("M/D/YY"), Ok(Some("2023-01-23"))),
        ("12/31/99", fmt("MM/DD/YY"), Ok(Some("1999-12-31"))),
        ("2025/03/04", fmt("YYYY/MM/DD"), Ok(Some("2025-03-04"))),
        (
            "31/04/2025",
            fmt("DD/MM/YYYY"),
            Err(DateProblem::NoSuchDate),
        ),
        (
            "29/02/2023",
            fmt("DD/MM/YYYY"),
            Err(DateProblem::NoSuchDate),
        ),
        ("29/02/2024", fmt("DD/MM/YYYY"), Ok(Some("2024-02-29"))),
        (
            "13/13/2025",
            fmt("DD/MM/YYYY"),
            Err(DateProblem::Unreadable),
        ),
        ("1/23/2023", fmt("M/D/YY"), Err(DateProblem::Unreadable)),
        ("yesterday", fmt("DD/MM/YYYY"), Err(DateProblem::Unreadable)),
        ("2025-02-30", None, Err(DateProblem::Unreadable)),
        ("1970-01-01", None, Ok(Some("1970-01-01"))),
    ];
    for (input, format, expected) in cases {
        let got = dates::read(input, *format).map(|d| d.map(|d| d.format("%Y-%m-%d").to_string()));
        let expected = expected.clone().map(|d| d.map(str::to_string));
        assert_eq!(got, expected, "date {input:?} with {format:?}");
    }
    assert!(DateFormat::parse("YYYY-DD").is_none());
    assert!(DateFormat::parse("DD/MM/YYY").is_none());
}

#[test]
fn money_with_separators_and_symbols() {
    use DecimalSeparator::{Comma, Point};
    let cases: &[MoneyCase] = &[
        ("", None, Ok(None)),
        ("1234.56", None, Ok(Some(("1234.56", None)))),
        ("1,234.56", None, Ok(Some(("1234.56", None)))),
        ("1,234,567.5", None, Ok(Some(("1234567.5", None)))),
        ("1.234,56", None, Err(MoneyProblem::Ambiguous)),
        ("1234,56", None, Err(MoneyProblem::Ambiguous)),
        ("1.234,56", Some(Comma), Ok(Some(("1234.56", None)))),
        (
            "1 234,56 €",
            Some(Comma),
            Ok(Some(("1234.56", Some("EUR")))),
        ),
        ("€1,234.56", Some(Point), Ok(Some(("1234.56", Some("EUR"))))),
        ("$99", None, Ok(Some(("99", Some("USD"))))),
        ("£ 12.50", None, Ok(Some(("12.50", Some("GBP"))))),
        ("CHF 1'234.50", None, Ok(Some(("1234.50", Some("CHF"))))),
        ("1234.56 usd", None, Ok(Some(("1234.56", Some("USD"))))),
        ("-5.00", None, Err(MoneyProblem::Negative)),
        ("(5.00)", None, Err(MoneyProblem::Negative)),
        ("12,34.5", Some(Point), Err(MoneyProblem::Unreadable)),
        ("abc", None, Err(MoneyProblem::Unreadable)),
        ("1.2.3", None, Err(MoneyProblem::Unreadable)),
        ("€", None, Err(MoneyProblem::Unreadable)),
    ];
    for (input, decimal, expected) in cases {
        let got = money::read(input, *decimal).map(|a| a.map(|a| (a.text, a.currency)));
        let expected = expected
            .clone()
            .map(|o| o.map(|(t, c)| (t.to_string(), c.map(str::to_string))));
        assert_eq!(got, expected, "money {input:?} with {decimal:?}");
    }
}

#[test]
fn formula_guard_is_a_bijection() {
    for (value, written) in [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-5 dB", "'-5 dB"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("plain", "plain"),
        ("", ""),
    ] {
        assert_eq!(neutralise(value), written, "neutralise {value:?}");
        assert_eq!(restore(written), value, "restore {written:?}");
    }
}

#[test]
fn delimiter_sniffing_ignores_quoted_text() {
    assert_eq!(sniff::delimiter(b"a,b,c\n1;2;3"), Delimiter::Comma);
    assert_eq!(sniff::delimiter(b"a;b;c\n"), Delimiter::Semicolon);
    assert_eq!(sniff::delimiter(b"a\tb\tc"), Delimiter::Tab);
    assert_eq!(sniff::delimiter(b"\"x,y,z\";b;c"), Delimiter::Semicolon);
    assert_eq!(sniff::delimiter(b"single"), Delimiter::Comma);
}

#[test]
fn header_names_match_ignoring_case_spaces_and_punctuation() {
    assert_eq!(normalise("Warranty (months)"), "warrantymonths");
    assert_eq!(normalise(" Asset  Tag "), "assettag");
    assert_eq!(normalise("HB.serial_number"), "hbserialnumber");
    assert_eq!(normalise("Model No."), "modelno");
}
