//! Amounts of money as spreadsheets write them: "1234.56", "1,234.56",
//! "1.234,56" (with the decimal separator declared), "€ 1 234,56",
//! "1'234.50 CHF", "$99". The result is the plain text the core's money
//! parser takes ("1234.56") and the currency a symbol or code named.

use super::options::DecimalSeparator;

/// An amount read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// Major units with a point before the cents: "1234.56".
    pub text: String,
    /// The currency named by a symbol or code in the cell, if any.
    pub currency: Option<String>,
}

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyProblem {
    Negative,
    /// "1,234" or "1234,56" with no declared decimal separator.
    Ambiguous,
    Unreadable,
}

impl MoneyProblem {
    pub fn reason(&self, value: &str) -> String {
        match self {
            MoneyProblem::Negative => format!("an amount must not be negative, got \"{value}\""),
            MoneyProblem::Ambiguous => format!(
                "the amount \"{value}\" could be read more than one way; declare the decimal separator (\".\" or \",\")"
            ),
            MoneyProblem::Unreadable => {
                format!("expected an amount such as 1234.56, got \"{value}\"")
            }
        }
    }
}

const SYMBOLS: [(char, &str); 6] = [
    ('€', "EUR"),
    ('$', "USD"),
    ('£', "GBP"),
    ('¥', "JPY"),
    ('₹', "INR"),
    ('₽', "RUB"),
];

/// Takes a currency symbol or a three-letter code off either end.
fn split_currency(v: &str) -> (String, Option<String>) {
    let mut text = v.trim().to_string();
    let mut currency = None;
    for (symbol, code) in SYMBOLS {
        if text.starts_with(symbol) || text.ends_with(symbol) {
            text = text.trim_matches(symbol).trim().to_string();
            currency = Some(code.to_string());
            break;
        }
    }
    if currency.is_none() {
        let letters = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic());
        if let Some(code) = text.get(..3).filter(|c| letters(c)) {
            currency = Some(code.to_ascii_uppercase());
            text = text[3..].trim().to_string();
        } else if let Some(code) = text
            .len()
            .checked_sub(3)
            .and_then(|i| text.get(i..))
            .filter(|c| letters(c))
        {
            currency = Some(code.to_ascii_uppercase());
            text = text[..text.len() - 3].trim().to_string();
        }
    }
    (text, currency)
}

/// Whether `whole` is digits grouped by `sep` in threes ("1,234,567").
fn grouped(whole: &str, sep: char) -> bool {
    let mut groups = whole.split(sep);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads one money cell: empty is None.
pub fn read(
    value: &str,
    decimal: Option<DecimalSeparator>,
) -> Result<Option<Amount>, MoneyProblem> {
    let (text, currency) = split_currency(value);
    if text.is_empty() {
        return if currency.is_some() {
            Err(MoneyProblem::Unreadable)
        } else {
            Ok(None)
        };
    }
    if text.starts_with('-') || (text.starts_with('(') && text.ends_with(')')) {
        return Err(MoneyProblem::Negative);
    }
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let point = text.rfind('.');
    let comma = text.rfind(',');
    let decimal = match decimal {
        Some(d) => d,
        None => match (point, comma) {
            (Some(p), Some(c)) if p > c => DecimalSeparator::Point,
            (Some(_), Some(_)) => return Err(MoneyProblem::Ambiguous),
            (None, Some(_)) => return Err(MoneyProblem::Ambiguous),
            _ => DecimalSeparator::Point,
        },
    };
    let (dec, group) = match decimal {
        DecimalSeparator::Point => ('.', ','),
        DecimalSeparator::Comma => (',', '.'),
    };
    let (whole, frac) = match text.split_once(dec) {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let whole_ok = if whole.contains(group) {
        grouped(whole, group)
    } else {
        !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit())
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !whole_ok || !frac_ok {
        return Err(MoneyProblem::Unreadable);
    }
    let digits: String = whole.chars().filter(|c| *c != group).collect();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    Ok(Some(Amount { text, currency }))
}
