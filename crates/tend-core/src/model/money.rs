//! Money: integer minor units plus an ISO 4217 currency code. Never a float.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money, e.g. `{ minor: 123456, currency: "EUR" }` for €1,234.56.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Money {
    /// Amount in the currency's minor unit (cents for EUR/USD, yen for JPY).
    #[ts(type = "number")]
    pub minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

/// The currencies with no minor unit (ISO 4217).
const NO_MINOR_UNIT: [&str; 17] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
/// The currencies with three digits after the point (ISO 4217).
const THREE_DIGITS: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

impl Money {
    /// Digits after the decimal point in `currency` (ISO 4217): 0 for JPY,
    /// KRW and similar, 3 for BHD, KWD and similar, otherwise 2. The desktop
    /// shows and edits amounts with this same table
    /// (`ui/src/lib/bindings/currencyDigits.ts`, generated from it), never
    /// with the web view's locale data, which differs for HUF, IDR, COP and
    /// others.
    pub fn minor_digits(currency: &str) -> u32 {
        if NO_MINOR_UNIT.contains(&currency) {
            0
        } else if THREE_DIGITS.contains(&currency) {
            3
        } else {
            2
        }
    }

    /// The amount in major units as plain text, e.g. "1234.56" (what the
    /// input parser accepts back).
    pub fn amount_text(&self) -> String {
        let digits = Money::minor_digits(&self.currency);
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10i64.pow(digits);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale as u64,
            abs % scale as u64,
            width = digits as usize
        )
    }
}

impl std::fmt::Display for Money {
    /// "1234.56 EUR".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    /// Writes the table the desktop formats money with, beside the other
    /// bindings (`cargo xtask codegen`; `cargo xtask test` checks it is
    /// current).
    #[test]
    fn export_bindings_currency_digits() {
        let Ok(dir) = std::env::var("TS_RS_EXPORT_DIR") else {
            return;
        };
        let entries: Vec<String> = super::NO_MINOR_UNIT
            .iter()
            .map(|c| format!("  {c}: 0,"))
            .chain(super::THREE_DIGITS.iter().map(|c| format!("  {c}: 3,")))
            .collect();
        let text = format!(
            "// Generated from tend-core's Money::minor_digits (ISO 4217) by `cargo xtask codegen`. Do not edit.\n\n\
             /** Digits after the decimal point of the currencies with other than 2. */\n\
             export const CURRENCY_DIGITS: Readonly<Record<string, number>> = {{\n{}\n}};\n",
            entries.join("\n")
        );
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("currencyDigits.ts"), text).unwrap();
    }
}
