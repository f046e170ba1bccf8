//! How results are printed: JSON for scripts, tables and labelled fields for
//! people. Nothing here decides anything about the register.

use comfy_table::{presets, ContentArrangement, Table, TableComponent};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use tend_core::Money;

use crate::failure::Failure;

/// Writes `value` as JSON and a newline.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    // Indented for a person at a terminal; compact (about half the bytes)
    // for the scripts and pipes that read it.
    let written = if std::io::stdout().is_terminal() {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    written.map_err(|e| {
        // A closed stdout is an output failure like any other write's.
        if e.is_io() {
            Failure::Output(e.into())
        } else {
            Failure::Json(e)
        }
    })?;
    writeln!(out)?;
    Ok(())
}

/// A table with a header row underlined and no other rules, fitted to the
/// terminal's width when there is one (long cells wrap).
pub fn table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
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

/// A stored RFC 3339 timestamp in local time for people ("2025-11-30 11:00").
pub fn timestamp(value: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(value) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => value.to_owned(),
    }
}

/// An amount for people ("1234.56 EUR"), empty when unset.
pub fn money(value: &Option<Money>) -> String {
    value.as_ref().map(Money::to_string).unwrap_or_default()
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
        assert_eq!(money(&None), "");
    }

    #[test]
    fn timestamps_that_do_not_parse_are_shown_as_stored() {
        assert_eq!(timestamp("yesterday"), "yesterday");
        assert_eq!(timestamp("2025-11-30T10:00:00.000Z").len(), 16);
    }

    #[test]
    fn identifiers_become_words() {
        assert_eq!(words(&tend_core::Outcome::SentToVendor), "sent to vendor");
    }
}
