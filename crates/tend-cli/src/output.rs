//! How results are printed: JSON for scripts, tables and labelled fields for
//! people. Nothing here decides anything about the register.

use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;
use std::io::Write;
use tend_core::Money;

use crate::failure::Failure;

/// Writes `value` as pretty-printed JSON and a newline.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A table with a header row, fitted to the terminal's width when there is one.
pub fn table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    table
}

/// Writes a table followed by a newline.
pub fn write_table(out: &mut dyn Write, table: &Table) -> Result<(), Failure> {
    writeln!(out, "{table}")?;
    Ok(())
}

/// Writes `label: value` lines, labels aligned, skipping empty values.
pub fn fields(out: &mut dyn Write, rows: &[(&str, String)]) -> Result<(), Failure> {
    let width = rows
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(out, "{label:<width$}  {value}")?;
    }
    Ok(())
}

/// Text of an optional value, empty when unset.
pub fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// An amount for people: "1234.56 EUR", with the currency's minor-unit digits.
pub fn money(value: &Option<Money>) -> String {
    let Some(m) = value else {
        return String::new();
    };
    let digits = minor_digits(&m.currency);
    if digits == 0 {
        return format!("{} {}", m.minor, m.currency);
    }
    let scale = 10_i64.pow(digits);
    let sign = if m.minor < 0 { "-" } else { "" };
    let abs = m.minor.unsigned_abs();
    let (major, minor) = (abs / scale as u64, abs % scale as u64);
    format!(
        "{sign}{major}.{minor:0width$} {}",
        m.currency,
        width = digits as usize
    )
}

/// Number of digits after the decimal point in an ISO 4217 currency's amounts.
fn minor_digits(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Words for an identifier such as `sent_to_vendor` ("sent to vendor").
pub fn words<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(minor: i64, currency: &str) -> Option<Money> {
        Some(Money {
            minor,
            currency: currency.to_owned(),
        })
    }

    #[test]
    fn money_uses_the_currency_minor_unit() {
        assert_eq!(money(&m(123456, "EUR")), "1234.56 EUR");
        assert_eq!(money(&m(5, "USD")), "0.05 USD");
        assert_eq!(money(&m(-250, "GBP")), "-2.50 GBP");
        assert_eq!(money(&m(1500, "JPY")), "1500 JPY");
        assert_eq!(money(&m(1500, "KWD")), "1.500 KWD");
        assert_eq!(money(&None), "");
    }

    #[test]
    fn identifiers_become_words() {
        assert_eq!(words(&tend_core::Outcome::SentToVendor), "sent to vendor");
    }
}
