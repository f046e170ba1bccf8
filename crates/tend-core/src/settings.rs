//! The settings reports and both front doors use — organisation name, logo,
//! currency, paper size, date format, the highest rack unit — with the rule
//! each value must keep.
//! Other keys (kept by Tend for itself) are stored as given.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::report::parse_paper;
use crate::report::sentence::DateStyle;
use crate::store::settings;
use crate::validate::{self, TEXT_MAX};
use crate::{Error, Register, Result};

/// How hard a commit is pushed to the disk: "normal" (the default: WAL with
/// `synchronous=NORMAL`; a crash of Tend or of the system loses nothing
/// committed, but a power cut can undo the last commits before it) or
/// "full" (`synchronous=FULL`: every commit is on the disk before it is
/// acknowledged, at the cost measured in docs/reliability.md).
pub const DURABILITY_SETTING: &str = "durability";

/// The keys a user sets, in display order.
pub const KNOWN_KEYS: [&str; 6] = [
    "organisation_name",
    "logo_path",
    "currency",
    "paper_size",
    "date_format",
    validate::RACK_UNITS_SETTING,
];

/// The user's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Settings {
    /// Shown at the top of every report page.
    pub organisation_name: String,
    /// A PNG or JPEG shown beside the name on reports; empty for none.
    pub logo_path: String,
    /// Default currency of new amounts (ISO 4217).
    pub currency: String,
    /// "A4" or "Letter".
    pub paper_size: String,
    /// YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY.
    pub date_format: String,
    /// The highest rack unit accepted (tall racks; default 100).
    pub rack_units_max: String,
}

impl Settings {
    fn pairs(&self) -> [(&'static str, &str); 6] {
        [
            ("organisation_name", &self.organisation_name),
            ("logo_path", &self.logo_path),
            ("currency", &self.currency),
            ("paper_size", &self.paper_size),
            ("date_format", &self.date_format),
            (validate::RACK_UNITS_SETTING, &self.rack_units_max),
        ]
    }
}

/// Checks `value` for `key` and returns what is stored. Known keys follow
/// their rule (the error names the key); other keys take any text.
pub fn checked(key: &str, value: &str) -> Result<String> {
    match key {
        "organisation_name" => {
            let name = validate::optional(key, value, TEXT_MAX)?.unwrap_or_default();
            if !name.is_empty() && !name.chars().any(char::is_alphanumeric) {
                return Err(Error::validation(
                    key,
                    "has no letters or digits (only symbols or emoji), which a report page cannot show as a name",
                ));
            }
            Ok(name)
        }
        "currency" => validate::currency(key, value, ""),
        "paper_size" => Ok(match parse_paper(key, value)? {
            tend_pdf::Paper::A4 => "A4".into(),
            tend_pdf::Paper::Letter => "Letter".into(),
        }),
        "date_format" => {
            let style = value.trim().to_ascii_uppercase();
            if DateStyle::parse(&style).is_none() {
                return Err(Error::validation(
                    key,
                    format!(
                        "expected one of {}, got \"{}\"",
                        DateStyle::SETTINGS.join(", "),
                        value.trim()
                    ),
                ));
            }
            Ok(style)
        }
        "logo_path" => {
            let Some(path) = validate::optional(key, value, 4096)? else {
                return Ok(String::new());
            };
            let absolute = std::path::absolute(Path::new(&path)).map_err(|source| Error::Io {
                path: path.clone().into(),
                source,
            })?;
            tend_pdf::check_logo(&absolute)
                .map_err(|e| crate::report::pdf_error(e, "logo_path"))?;
            Ok(absolute.display().to_string())
        }
        validate::RACK_UNITS_SETTING => {
            let max =
                validate::whole_number(key, value, 1, u32::from(crate::model::RACK_UNIT_CEILING))?
                    .unwrap_or(u32::from(validate::RACK_UNIT_MAX));
            Ok(max.to_string())
        }
        crate::labels::QR_URL_SETTING => crate::labels::check_qr_url(key, value),
        crate::attachments::LIMIT_SETTING => crate::attachments::checked_limit(key, value),
        crate::labels::RETURN_LINE_SETTING => {
            Ok(validate::optional(key, value, TEXT_MAX)?.unwrap_or_default())
        }
        DURABILITY_SETTING => match value.trim().to_ascii_lowercase().as_str() {
            "" | "normal" => Ok("normal".into()),
            "full" => Ok("full".into()),
            other => Err(Error::validation(
                key,
                format!("expected \"normal\" or \"full\", got \"{other}\""),
            )),
        },
        crate::backups::FOLDER_SETTING => {
            let Some(folder) = validate::optional(key, value, 4096)? else {
                return Ok(String::new());
            };
            if !Path::new(&folder).is_absolute() {
                return Err(Error::validation(
                    key,
                    format!("expected a full path to a folder (e.g. /mnt/share/tend-backups), got \"{folder}\""),
                ));
            }
            Ok(folder)
        }
        k if crate::backups::retention::KEEP_SETTINGS.contains(&k) => {
            Ok(crate::backups::retention::parse_count(key, value)?.to_string())
        }
        _ => Ok(validate::multiline(key, value, validate::NOTES_MAX)?.unwrap_or_default()),
    }
}

/// The register's own safety settings: how commits reach the disk, where
/// backups go and how many are kept.
pub const SAFETY_KEYS: [&str; 5] = [
    DURABILITY_SETTING,
    crate::backups::FOLDER_SETTING,
    "backup_keep_daily",
    "backup_keep_weekly",
    "backup_keep_monthly",
];

/// What asset labels print besides the asset's fields: the QR code's link
/// (with `{tag}`; empty for the tag alone) and the "return to / call" line.
pub const LABEL_KEYS: [&str; 2] = [
    crate::labels::QR_URL_SETTING,
    crate::labels::RETURN_LINE_SETTING,
];

/// What attachments may be: the most megabytes one file may have.
pub const ATTACHMENT_KEYS: [&str; 1] = [crate::attachments::LIMIT_SETTING];

/// Refuses a key that is not one of [`KNOWN_KEYS`], [`LABEL_KEYS`],
/// [`ATTACHMENT_KEYS`] or [`SAFETY_KEYS`] (for front doors that only let
/// users set those).
pub fn known_key(key: &str) -> Result<&'static str> {
    KNOWN_KEYS
        .iter()
        .chain(LABEL_KEYS.iter())
        .chain(ATTACHMENT_KEYS.iter())
        .chain(SAFETY_KEYS.iter())
        .copied()
        .find(|k| *k == key.trim())
        .ok_or_else(|| {
            Error::validation(
                "key",
                format!(
                    "unknown setting \"{}\"; the settings are {}, {}, {}, {}",
                    key.trim(),
                    KNOWN_KEYS.join(", "),
                    LABEL_KEYS.join(", "),
                    ATTACHMENT_KEYS.join(", "),
                    SAFETY_KEYS.join(", ")
                ),
            )
        })
}

impl Register {
    /// The user's settings (empty strings for unset ones).
    pub fn settings(&self) -> Result<Settings> {
        let get =
            |k: &str| -> Result<String> { Ok(settings::get(&self.conn, k)?.unwrap_or_default()) };
        Ok(Settings {
            organisation_name: get("organisation_name")?,
            logo_path: get("logo_path")?,
            currency: get("currency")?,
            paper_size: get("paper_size")?,
            date_format: get("date_format")?,
            rack_units_max: get(validate::RACK_UNITS_SETTING)?,
        })
    }

    /// Checks every setting (the error names the first bad one) and stores
    /// them all in one transaction.
    pub fn update_settings(&mut self, input: &Settings) -> Result<Settings> {
        let mut values = Vec::with_capacity(KNOWN_KEYS.len());
        for (key, value) in input.pairs() {
            values.push((key, checked(key, value)?));
        }
        let timeout = self.busy_timeout_ms;
        let tx = self.begin_write()?;
        for (key, value) in &values {
            settings::set(&tx, key, value)?;
        }
        tx.commit()
            .map_err(|e| crate::store::busy_or_storage_error(e, timeout))?;
        self.settings()
    }
}
