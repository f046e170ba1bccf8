//! Fuzzes the importer's reading of money cells (`csv::money`) with no
//! declared decimal separator and with each, and the core's money parser
//! (`validate::money`) on what it gives. Any panic is a bug; errors are
//! expected. It also checks what the modules promise:
//! - an amount read is plain digits with at most one point, and a currency
//!   read is a three-letter upper-case code;
//! - with no separator declared an amount is read only as with a point;
//! - minor units are consistent: the amount's text and the parsed money's
//!   text (`Money::amount_text`) are the same number, and that text written
//!   back as a spreadsheet would (either separator, grouped in thousands,
//!   a symbol or a code) reads back as the same money.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tend_core::csv::money::{self, Amount};
use tend_core::csv::DecimalSeparator;
use tend_core::{validate, Money};

/// A number's digits without leading zeros before the point nor trailing
/// zeros after it: "007.50" → ("7", "5").
fn number(text: &str) -> (String, String) {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    (
        whole.trim_start_matches('0').to_string(),
        frac.trim_end_matches('0').to_string(),
    )
}

/// `digits` grouped in threes with `sep`: "1234567" → "1,234,567".
fn grouped(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Ways a spreadsheet writes `money`, with the separator to declare.
fn written(money: &Money) -> Vec<(String, DecimalSeparator)> {
    let text = money.amount_text();
    let code = &money.currency;
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let with = |group: char, point: char| match frac {
        Some(f) => format!("{}{point}{f}", grouped(whole, group)),
        None => grouped(whole, group),
    };
    let symbol = match code.as_str() {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        _ => "",
    };
    let mut ways = vec![
        (format!("{text} {code}"), DecimalSeparator::Point),
        (
            format!("{code} {}", text.replace('.', ",")),
            DecimalSeparator::Comma,
        ),
        (
            format!("{} {code}", with(',', '.')),
            DecimalSeparator::Point,
        ),
        (format!("{}{code}", with('.', ',')), DecimalSeparator::Comma),
        (
            format!("{} {code}", with('\'', '.')),
            DecimalSeparator::Point,
        ),
    ];
    if !symbol.is_empty() {
        ways.push((
            format!("{symbol} {}", with(' ', ',')),
            DecimalSeparator::Comma,
        ));
        ways.push((
            format!("{}{symbol}", with(',', '.')),
            DecimalSeparator::Point,
        ));
    }
    ways
}

fn check_amount(cell: &str, amount: &Amount) {
    let text = &amount.text;
    let (whole, frac) = text.split_once('.').unwrap_or((text, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    assert!(digits(whole) && digits(frac), "{cell:?} read as {text:?}");
    if let Some(code) = &amount.currency {
        assert!(
            code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{cell:?}: currency {code:?}"
        );
    }
    let currency = amount.currency.as_deref().unwrap_or("EUR");
    let Ok(parsed) = validate::money("cost", text, currency) else {
        // Too many decimals for the currency, or too large.
        return;
    };
    let money = parsed.expect("an amount that is not empty");
    assert!(money.minor >= 0);
    assert_eq!(
        number(text),
        number(&money.amount_text()),
        "{cell:?}: {money:?}"
    );
    for (again, decimal) in written(&money) {
        let back = money::read(&again, Some(decimal))
            .unwrap_or_else(|e| panic!("{again:?} ({decimal:?}) from {cell:?}: {e:?}"))
            .expect("not empty");
        assert_eq!(back.currency.as_deref(), Some(currency), "{again:?}");
        let reparsed = validate::money("cost", &back.text, currency)
            .unwrap_or_else(|e| panic!("{again:?} from {cell:?}: {e}"));
        assert_eq!(reparsed.as_ref(), Some(&money), "{again:?} from {cell:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(cell) = std::str::from_utf8(data) else {
        return;
    };
    let undeclared = money::read(cell, None);
    if undeclared.is_ok() {
        assert_eq!(
            undeclared,
            money::read(cell, Some(DecimalSeparator::Point)),
            "{cell:?}"
        );
    }
    for decimal in [DecimalSeparator::Point, DecimalSeparator::Comma] {
        if let Ok(Some(amount)) = money::read(cell, Some(decimal)) {
            check_amount(cell, &amount);
        }
    }
});
