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

impl Money {
    /// Digits after the decimal point in `currency` (ISO 4217): 0 for JPY,
    /// KRW and similar, 3 for BHD, KWD and similar, otherwise 2.
    pub fn minor_digits(currency: &str) -> u32 {
        match currency {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
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
