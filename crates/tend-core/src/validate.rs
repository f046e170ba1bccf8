//! Turns what a user typed into checked values, or an error naming the field.
//! Pure: no database access (lookups given by name are resolved by the store).
//!
//! Limits (characters, after trimming):
//! - asset tag: required, at most [`TAG_MAX`] (64), no control characters;
//! - asset name, work summary: required, at most [`NAME_MAX`] (200);
//! - every other single-line text field: at most [`TEXT_MAX`] (200);
//! - notes and details: at most [`NOTES_MAX`] (10,000), line breaks allowed;
//! - custom fields: at most [`CUSTOM_FIELDS_MAX`] (50) of them, names at most
//!   [`TAG_MAX`], values at most [`TEXT_MAX`].
//!
//! Dates are ISO 8601 calendar dates `YYYY-MM-DD`. Money is an amount in major
//! units (`1234`, `1234.5`, `1234.56`; at most the currency's minor digits),
//! never negative. Currencies are three letters (ISO 4217).

use crate::model::*;
use crate::{Error, Result};
use std::collections::BTreeMap;

pub const TAG_MAX: usize = 64;
pub const NAME_MAX: usize = 200;
pub const TEXT_MAX: usize = 200;
pub const NOTES_MAX: usize = 10_000;
pub const CUSTOM_FIELDS_MAX: usize = 50;
/// Highest rack unit accepted when the setting `rack_units_max` is not set
/// (tall racks reach 58–70 U; NetBox allows more).
pub const RACK_UNIT_MAX: u16 = 100;
/// The setting that raises or lowers [`RACK_UNIT_MAX`] for a register.
pub const RACK_UNITS_SETTING: &str = "rack_units_max";

/// A rack position: a whole or half unit from 1 (`12`, `10.5`).
pub fn rack_unit(field: &str, value: &str) -> Result<Option<crate::model::RackUnit>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    crate::model::RackUnit::parse(v).map(Some).ok_or_else(|| {
        Error::validation(
            field,
            format!(
                "expected a rack unit such as 12 or 10.5 (whole or half units from 1), got \"{v}\""
            ),
        )
    })
}

/// Refuses a rack position above the register's highest unit `max`.
pub fn rack_unit_within(field: &str, unit: Option<crate::model::RackUnit>, max: u16) -> Result<()> {
    match unit {
        Some(u) if u > crate::model::RackUnit::whole(max) => Err(Error::validation(
            field,
            format!("U{u} is above the highest rack unit of this register, {max} (the setting {RACK_UNITS_SETTING})"),
        )),
        _ => Ok(()),
    }
}

/// A required single-line text.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    optional(field, value, max)?.ok_or_else(|| Error::validation(field, "is required"))
}

/// An optional single-line text: empty (after trimming) means not set.
pub fn optional(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().any(char::is_control) {
        return Err(Error::validation(
            field,
            "must not contain control characters (such as line breaks or tabs)",
        ));
    }
    check_length(field, v, max)?;
    Ok(Some(v.to_string()))
}

/// Optional multi-line text (notes, details): line breaks and tabs allowed.
pub fn multiline(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::validation(
            field,
            "must not contain control characters",
        ));
    }
    check_length(field, v, max)?;
    Ok(Some(v.to_string()))
}

fn check_length(field: &str, v: &str, max: usize) -> Result<()> {
    let len = v.chars().count();
    if len > max {
        return Err(Error::validation(
            field,
            format!("is {len} characters long; at most {max} are allowed"),
        ));
    }
    Ok(())
}

/// An optional ISO 8601 calendar date `YYYY-MM-DD`.
pub fn date(field: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    parse_date(v)
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .ok_or_else(|| {
            Error::validation(
                field,
                format!("expected a date as YYYY-MM-DD (e.g. 2025-03-31), got \"{v}\""),
            )
        })
}

/// Strict `YYYY-MM-DD` (four-digit year, two-digit month and day).
pub fn parse_date(v: &str) -> Option<chrono::NaiveDate> {
    let b = v.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
    };
    chrono::NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
}

/// A currency code; empty means `default`.
pub fn currency(field: &str, value: &str, default: &str) -> Result<String> {
    let v = value.trim();
    let v = if v.is_empty() { default } else { v };
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(Error::validation(
            field,
            format!("expected a three-letter currency code such as EUR or USD, got \"{v}\""),
        ))
    }
}

/// An optional amount of money in major units ("1234.56") in `currency`.
pub fn money(field: &str, value: &str, currency: &str) -> Result<Option<Money>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.starts_with('-') {
        return Err(Error::validation(
            field,
            format!("must not be negative, got \"{v}\""),
        ));
    }
    let digits = Money::minor_digits(currency);
    let bad = || {
        let example = if digits == 0 {
            "1234".to_string()
        } else {
            format!("1234.{}", "5".repeat(digits as usize))
        };
        Error::validation(field, format!("expected an amount such as {example} (at most {digits} decimals for {currency}), got \"{v}\""))
    };
    let (whole, frac) = match v.split_once('.') {
        Some((w, f)) => (w, f),
        None => (v, ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(frac)
        || frac.len() > digits as usize
        || (v.contains('.') && frac.is_empty())
    {
        return Err(bad());
    }
    let scale = 10i64.pow(digits);
    let frac_minor: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse::<i64>().map_err(|_| bad())? * 10i64.pow(digits - frac.len() as u32)
    };
    let minor = whole
        .parse::<i64>()
        .ok()
        .and_then(|w| w.checked_mul(scale))
        .and_then(|w| w.checked_add(frac_minor))
        .ok_or_else(|| Error::validation(field, format!("is too large: \"{v}\"")))?;
    Ok(Some(Money {
        minor,
        currency: currency.to_string(),
    }))
}

/// An optional whole number in `0..=max`.
pub fn whole_number(field: &str, value: &str, min: u32, max: u32) -> Result<Option<u32>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(Error::validation(
            field,
            format!("expected a whole number from {min} to {max}, got \"{v}\""),
        )),
    }
}

/// One of a closed set of values; empty means `default` (or required when None).
pub fn choice<T: Choice>(field: &str, value: &str, default: Option<T>) -> Result<T> {
    let v = value.trim();
    if v.is_empty() {
        return default.ok_or_else(|| {
            Error::validation(field, format!("is required; expected {}", T::allowed()))
        });
    }
    T::parse_id(v).ok_or_else(|| {
        Error::validation(
            field,
            format!("unknown value \"{v}\"; expected {}", T::allowed()),
        )
    })
}

/// The asset status: an identifier or label, default in service.
pub fn status(field: &str, value: &str) -> Result<AssetStatus> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(AssetStatus::InService);
    }
    AssetStatus::parse(v).ok_or_else(|| {
        Error::validation(
            field,
            format!(
                "unknown status \"{v}\"; expected {}",
                AssetStatus::allowed()
            ),
        )
    })
}

/// A MAC address: 12 hex digits, optionally separated by `:`, `-` or `.`;
/// stored as lower-case `aa:bb:cc:dd:ee:ff`.
pub fn mac_address(field: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let hex: String = v
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    if hex.len() != 12 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::validation(
            field,
            format!("expected a MAC address such as 00:1a:2b:3c:4d:5e, got \"{v}\""),
        ));
    }
    let lower = hex.to_ascii_lowercase();
    let pairs: Vec<&str> = (0..6).map(|i| &lower[i * 2..i * 2 + 2]).collect();
    Ok(Some(pairs.join(":")))
}

/// An IPv4 or IPv6 address, optionally with a `/prefix`.
pub fn ip_address(field: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let (addr, prefix) = match v.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (v, None),
    };
    let ok_addr = addr.parse::<std::net::IpAddr>().ok();
    let ok_prefix = prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= 128));
    match ok_addr {
        Some(ip) if ok_prefix => Ok(Some(match prefix {
            Some(p) => format!("{ip}/{p}"),
            None => ip.to_string(),
        })),
        _ => Err(Error::validation(
            field,
            format!("expected an IP address such as 192.0.2.10, got \"{v}\""),
        )),
    }
}

/// A host name: letters, digits, `-`, `_` and `.`, at most 253 characters.
pub fn hostname(field: &str, value: &str) -> Result<Option<String>> {
    let Some(v) = optional(field, value, 253)? else {
        return Ok(None);
    };
    if v.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        Ok(Some(v))
    } else {
        Err(Error::validation(
            field,
            format!("a host name may hold only letters, digits, '-', '_' and '.', got \"{v}\""),
        ))
    }
}

/// Splits a location path ("HQ › Building A › Room 1 › Rack 3"; levels
/// separated by "›" or ">") into at most four levels. A "/" is part of a
/// name ("Panel 07/08", "Hall A/B"), never a separator: a file whose path
/// uses " / " (Homebox) is converted by its importer.
pub fn location_path(field: &str, value: &str) -> Result<Option<Vec<String>>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let levels: Vec<&str> = v.split(['›', '>']).map(str::trim).collect();
    if levels.iter().any(|l| l.is_empty()) {
        return Err(Error::validation(
            field,
            format!("has an empty level in \"{v}\""),
        ));
    }
    if levels.len() > LocationKind::ALL.len() {
        return Err(Error::validation(
            field,
            format!(
                "has {} levels; at most 4 are allowed (site › building › room › rack)",
                levels.len()
            ),
        ));
    }
    levels
        .into_iter()
        .map(|l| required(field, l, TEXT_MAX))
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// Custom fields: trimmed names and values; empty values are dropped.
pub fn custom_fields(
    field: &str,
    fields: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    if fields.len() > CUSTOM_FIELDS_MAX {
        return Err(Error::validation(
            field,
            format!(
                "has {} entries; at most {CUSTOM_FIELDS_MAX} are allowed",
                fields.len()
            ),
        ));
    }
    let mut out = BTreeMap::new();
    for (k, v) in fields {
        let key = required(field, k, TAG_MAX).map_err(|_| Error::validation(field, format!("field name \"{k}\" must be 1 to {TAG_MAX} characters without control characters")))?;
        if let Some(value) = optional(&format!("{field}.{key}"), v, TEXT_MAX)? {
            out.insert(key, value);
        }
    }
    Ok(out)
}
