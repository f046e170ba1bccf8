//! Words for headline sentences: counts with the right noun, category names
//! as plural nouns, lists, dates in the chosen format, durations, rates.

use chrono::NaiveDate;

use super::amounts::grouped;

/// "1 asset", "1,204 assets".
pub fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(n))
    }
}

/// "is" or "are" for `n` things.
pub fn verb_be(n: u64) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// A category as a noun for `n` of its assets: "12 servers", "1 UPS unit",
/// "3 assets in category “Lab kit”" for categories the user made up.
pub fn category_count(n: u64, category: &str) -> String {
    match category_nouns(category) {
        Some((one, many)) => count(n, one, many),
        None => format!(
            "{} in category “{}”",
            count(n, "asset", "assets"),
            category.trim()
        ),
    }
}

/// The category as a plural noun: "servers", "assets in category “Lab kit”".
pub fn category_plural(category: &str) -> String {
    match category_nouns(category) {
        Some((_, many)) => many.to_string(),
        None => format!("assets in category “{}”", category.trim()),
    }
}

/// Singular and plural nouns of the standard categories.
fn category_nouns(category: &str) -> Option<(&'static str, &'static str)> {
    Some(match category.trim().to_lowercase().as_str() {
        "server" => ("server", "servers"),
        "switch" => ("switch", "switches"),
        "router" => ("router", "routers"),
        "firewall" => ("firewall", "firewalls"),
        "access point" => ("access point", "access points"),
        "pc" => ("PC", "PCs"),
        "laptop" => ("laptop", "laptops"),
        "printer" => ("printer", "printers"),
        "ups" => ("UPS unit", "UPS units"),
        "storage" => ("storage system", "storage systems"),
        "phone" => ("phone", "phones"),
        "other" => ("other asset", "other assets"),
        _ => return None,
    })
}

/// "a", "a and b", "a, b and c".
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(|s| s.as_ref()).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// Dates as the `date_format` setting asks: YYYY-MM-DD (default),
/// DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    #[default]
    Iso,
    DayDotMonth,
    DaySlashMonth,
    MonthSlashDay,
}

impl DateStyle {
    /// The settings values accepted, in order.
    pub const SETTINGS: [&'static str; 4] =
        ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY"];

    /// Reads the setting; `None` for an unknown value.
    pub fn parse(setting: &str) -> Option<DateStyle> {
        Some(match setting.trim().to_ascii_uppercase().as_str() {
            "YYYY-MM-DD" => DateStyle::Iso,
            "DD.MM.YYYY" => DateStyle::DayDotMonth,
            "DD/MM/YYYY" => DateStyle::DaySlashMonth,
            "MM/DD/YYYY" => DateStyle::MonthSlashDay,
            _ => return None,
        })
    }

    fn pattern(self) -> &'static str {
        match self {
            DateStyle::Iso => "%Y-%m-%d",
            DateStyle::DayDotMonth => "%d.%m.%Y",
            DateStyle::DaySlashMonth => "%d/%m/%Y",
            DateStyle::MonthSlashDay => "%m/%d/%Y",
        }
    }

    pub fn date(self, d: NaiveDate) -> String {
        d.format(self.pattern()).to_string()
    }

    /// A stored `YYYY-MM-DD` text in this style (unparseable text as is).
    pub fn text(self, stored: &str) -> String {
        match crate::validate::parse_date(stored) {
            Some(d) => self.date(d),
            None => stored.to_string(),
        }
    }

    /// An optional stored date; "—" when not set.
    pub fn opt(self, stored: Option<&str>) -> String {
        stored.map(|s| self.text(s)).unwrap_or_else(|| "—".into())
    }

    /// A stored RFC 3339 timestamp as date and minutes ("2025-04-01 09:30"),
    /// in UTC as stored.
    pub fn timestamp(self, stored: &str) -> String {
        let date = stored.get(..10).map(|d| self.text(d)).unwrap_or_default();
        match stored.get(11..16) {
            Some(time) => format!("{date} {time}"),
            None => date,
        }
    }
}

/// "45 min", "3 h 20 min", "1,250 h".
pub fn duration(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{} h", grouped(h)),
        (h, m) if h >= 100 => format!("{} h", grouped(h + u64::from(m >= 30))),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A whole percentage of `part` in `whole`, "—" when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".into();
    }
    format!("{} %", (part * 100 + whole / 2) / whole)
}

/// "March 2025".
pub fn month_name(year: i32, month: u32) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {year}", NAMES[(month.clamp(1, 12) - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(count(1, "asset", "assets"), "1 asset");
        assert_eq!(count(1204, "asset", "assets"), "1,204 assets");
        assert_eq!(category_count(12, "Server"), "12 servers");
        assert_eq!(category_count(1, "UPS"), "1 UPS unit");
        assert_eq!(category_count(2, "PC"), "2 PCs");
        assert_eq!(
            category_count(3, "Lab kit"),
            "3 assets in category “Lab kit”"
        );
        assert_eq!(category_plural("Access point"), "access points");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(list(&["a"]), "a");
    }

    #[test]
    fn dates_durations_and_rates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 7).unwrap();
        assert_eq!(DateStyle::Iso.date(d), "2025-03-07");
        assert_eq!(
            DateStyle::parse("dd.mm.yyyy").unwrap().date(d),
            "07.03.2025"
        );
        assert_eq!(DateStyle::MonthSlashDay.text("2025-03-07"), "03/07/2025");
        assert_eq!(
            DateStyle::Iso.timestamp("2025-03-07T09:30:12.000Z"),
            "2025-03-07 09:30"
        );
        assert_eq!(DateStyle::parse("nonsense"), None);
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(200), "3 h 20 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(75_030), "1,251 h");
        assert_eq!(percent(2, 3), "67 %");
        assert_eq!(percent(0, 0), "—");
        assert_eq!(month_name(2025, 3), "March 2025");
    }
}
