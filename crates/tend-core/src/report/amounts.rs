//! Sums of money for reports: integer minor units per currency (never a
//! float), and how they read ("€48,200", "€1,234.56", "€48,200 and $1,200").

use crate::model::Money;
use std::collections::BTreeMap;

/// A total that may mix currencies: minor units per ISO 4217 code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amounts(BTreeMap<String, i64>);

impl Amounts {
    /// Adds `minor` units of `currency`.
    pub fn add(&mut self, currency: &str, minor: i64) {
        let slot = self.0.entry(currency.to_string()).or_insert(0);
        *slot = slot.saturating_add(minor);
    }

    /// Adds an optional amount.
    pub fn add_money(&mut self, money: Option<&Money>) {
        if let Some(m) = money {
            self.add(&m.currency, m.minor);
        }
    }

    /// Adds every currency of `other`.
    pub fn add_all(&mut self, other: &Amounts) {
        for (currency, minor) in &other.0 {
            self.add(currency, *minor);
        }
    }

    pub fn is_zero(&self) -> bool {
        self.0.values().all(|v| *v == 0)
    }

    /// The amount in `currency` (0 when none).
    pub fn minor_in(&self, currency: &str) -> i64 {
        self.0.get(currency).copied().unwrap_or(0)
    }

    /// The currency holding the largest amount, or `fallback` when empty.
    pub fn main_currency<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.0
            .iter()
            .max_by_key(|(_, v)| **v)
            .map(|(c, _)| c.as_str())
            .unwrap_or(fallback)
    }

    /// A key for sorting by size: the amount in the main currency.
    pub fn sort_key(&self) -> i64 {
        self.0.values().copied().max().unwrap_or(0)
    }

    /// Rounded to whole units, for sentences: "€48,200" or
    /// "€48,200 and $1,200"; `fallback` currency when empty ("€0").
    pub fn rounded(&self, fallback: &str) -> String {
        self.join(fallback, |c, m| money_rounded(m, c))
    }

    /// Exact, for tables: "€48,200.50".
    pub fn exact(&self, fallback: &str) -> String {
        self.join(fallback, |c, m| money_exact(m, c))
    }

    fn join(&self, fallback: &str, one: impl Fn(&str, i64) -> String) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .filter(|(_, v)| **v != 0)
            .map(|(c, v)| one(c, *v))
            .collect();
        if parts.is_empty() {
            return one(fallback, 0);
        }
        crate::report::sentence::list(&parts)
    }
}

/// The symbol written before an amount; other currencies show their code.
fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "KRW" => "₩",
        "ILS" => "₪",
        _ => return None,
    })
}

fn with_currency(digits: String, currency: &str, negative: bool) -> String {
    let sign = if negative { "−" } else { "" };
    match symbol(currency) {
        Some(s) => format!("{sign}{s}{digits}"),
        None => format!("{sign}{currency} {digits}"),
    }
}

/// Groups thousands with commas: 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An amount with every minor digit: 123456 EUR → "€1,234.56".
pub fn money_exact(minor: i64, currency: &str) -> String {
    let digits = Money::minor_digits(currency);
    let abs = minor.unsigned_abs();
    let scale = 10u64.pow(digits);
    let text = if digits == 0 {
        grouped(abs)
    } else {
        format!(
            "{}.{:0width$}",
            grouped(abs / scale),
            abs % scale,
            width = digits as usize
        )
    };
    with_currency(text, currency, minor < 0)
}

/// An amount rounded half up to whole units: 4820050 EUR → "€48,201".
pub fn money_rounded(minor: i64, currency: &str) -> String {
    let scale = 10u64.pow(Money::minor_digits(currency));
    let abs = minor.unsigned_abs();
    let whole = abs / scale + u64::from(abs % scale >= scale.div_ceil(2) && scale > 1);
    with_currency(grouped(whole), currency, minor < 0 && whole > 0)
}

/// The amount in major units as a float, for drawing bar heights only.
pub fn chart_value(minor: i64, currency: &str) -> f64 {
    minor as f64 / 10f64.powi(Money::minor_digits(currency) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minor_units_without_floats() {
        assert_eq!(money_exact(123_456, "EUR"), "€1,234.56");
        assert_eq!(money_exact(5, "USD"), "$0.05");
        assert_eq!(money_exact(1_234_567, "JPY"), "¥1,234,567");
        assert_eq!(money_exact(1_234_567, "KWD"), "KWD 1,234.567");
        assert_eq!(money_exact(100, "CHF"), "CHF 1.00");
        assert_eq!(money_rounded(4_820_050, "EUR"), "€48,201");
        assert_eq!(money_rounded(4_820_049, "EUR"), "€48,200");
        assert_eq!(money_rounded(999, "JPY"), "¥999");
        assert_eq!(money_rounded(i64::MAX, "USD"), "$92,233,720,368,547,758");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }

    #[test]
    fn mixed_currencies_are_listed_not_added() {
        let mut a = Amounts::default();
        assert_eq!(a.rounded("EUR"), "€0");
        a.add("EUR", 4_820_000);
        a.add("USD", 120_000);
        a.add("EUR", 100);
        assert_eq!(a.rounded("EUR"), "€48,201 and $1,200");
        assert_eq!(a.exact("EUR"), "€48,201.00 and $1,200.00");
        assert_eq!(a.main_currency("GBP"), "EUR");
        assert_eq!(a.minor_in("USD"), 120_000);
    }
}
