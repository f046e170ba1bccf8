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
