//! A position in a rack, in rack units (U) counted from the bottom. Whole
//! units and NetBox's half units (10.5) are kept exactly: the value is held
//! as a count of half units, stored as its decimal text ("10", "10.5"), and
//! sent to the UI and to scripts as a JSON number.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Highest position any register accepts (the stores' CHECK allows four
/// digits); the register's own limit is the setting `rack_units_max`.
pub const RACK_UNIT_CEILING: u16 = 9_999;

/// A rack position: 1, 1.5, 2, … up to [`RACK_UNIT_CEILING`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RackUnit {
    halves: u32,
}

impl RackUnit {
    /// Reads "12", "12.0" or "10.5"; None for anything else (0, negative,
    /// other fractions, above the ceiling).
    pub fn parse(text: &str) -> Option<RackUnit> {
        let t = text.trim();
        let (whole, half) = match t.split_once('.') {
            Some((w, f)) if f.bytes().all(|b| b == b'0') && !f.is_empty() => (w, false),
            Some((w, f)) if f.starts_with('5') && f[1..].bytes().all(|b| b == b'0') => (w, true),
            Some(_) => return None,
            None => (t, false),
        };
        if whole.is_empty() || whole.len() > 4 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let units: u32 = whole.parse().ok()?;
        if units == 0 || units > u32::from(RACK_UNIT_CEILING) {
            return None;
        }
        Some(RackUnit {
            halves: units * 2 + u32::from(half),
        })
    }

    /// A whole position.
    pub fn whole(units: u16) -> RackUnit {
        RackUnit {
            halves: u32::from(units) * 2,
        }
    }

    /// Whether it is a half unit (10.5).
    pub fn is_half(self) -> bool {
        self.halves % 2 == 1
    }

    /// The whole units (10 for 10.5).
    pub fn units(self) -> u32 {
        self.halves / 2
    }
}

impl fmt::Display for RackUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_half() {
            write!(f, "{}.5", self.units())
        } else {
            write!(f, "{}", self.units())
        }
    }
}

impl Serialize for RackUnit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_half() {
            s.serialize_f64(f64::from(self.halves) / 2.0)
        } else {
            s.serialize_u32(self.units())
        }
    }
}

impl<'de> Deserialize<'de> for RackUnit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RackUnit, D::Error> {
        let n = f64::deserialize(d)?;
        RackUnit::parse(&n.to_string())
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a rack position")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_half_units_read_and_print_back() {
        for (text, shown) in [
            ("1", Some("1")),
            ("12.0", Some("12")),
            ("10.5", Some("10.5")),
            ("10.50", Some("10.5")),
            ("61", Some("61")),
            ("100", Some("100")),
            ("0", None),
            ("0.5", None),
            ("10.25", None),
            ("-3", None),
            ("U12", None),
            ("10000", None),
            ("", None),
        ] {
            assert_eq!(
                RackUnit::parse(text).map(|u| u.to_string()).as_deref(),
                shown,
                "{text}"
            );
        }
        assert_eq!(serde_json::to_string(&RackUnit::whole(12)).unwrap(), "12");
        assert_eq!(
            serde_json::to_string(&RackUnit::parse("10.5").unwrap()).unwrap(),
            "10.5"
        );
    }
}
