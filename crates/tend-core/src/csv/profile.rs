//! The importer trait: what a foreign format knows (how to recognise its
//! header, which column feeds which field, how its statuses and empty values
//! read, what identifies a row without an asset tag), one small file per
//! format. Everything else is shared.

use super::field::Target;
use super::header::normalise;
use super::options::{ImportFormat, ImportKind};
use super::{homebox, mapping, netbox, snipeit, tend};
use crate::model::AssetStatus;
use serde::Serialize;
use std::borrow::Cow;
use ts_rs::TS;

/// How a status label of a foreign tool reads in Tend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusReading {
    /// One of Tend's own statuses (its identifier or label).
    Known(AssetStatus),
    /// A label of the tool that its table maps to a Tend status; the
    /// original label is kept on the asset (and so in its history).
    Mapped(AssetStatus),
    /// A label neither Tend nor the format's table knows: a row problem.
    Unknown,
}

/// One line of a format's status table, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusMapping {
    /// The tool's label.
    pub from: String,
    /// Tend's status identifier.
    pub to: AssetStatus,
}

/// What identifies a row that has no asset tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The tag the asset gets (and is found by on the next import).
    pub tag: String,
    /// The header name of the column it came from.
    pub column: String,
    /// What was used, in words ("its NetBox ID 17").
    pub what: String,
}

/// The cells of one row by field (cleaned, trimmed; None when no column
/// feeds the field).
pub type Cells<'a> = &'a dyn Fn(&Target) -> Option<(String, String)>;

/// One foreign format.
pub trait Importer: Sync {
    fn format(&self) -> ImportFormat;

    /// Whether `normalised` header names (see [`super::header::normalise`])
    /// have what this format's files always have; the kind of rows when they
    /// do. [`detect`] also asks that most columns are the format's own.
    fn recognise(&self, normalised: &[String]) -> Option<ImportKind>;

    /// The field a column of a file of `kind` feeds, from its header name as
    /// written and normalised; None for a column this format does not know.
    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target>;

    /// Whether a column is one of this format's own, taken or not (an
    /// export's computed columns such as Snipe-IT's "Age" are the format's
    /// but feed no field); decides how well a header fits.
    fn knows(&self, kind: ImportKind, name: &str, normalised: &str) -> bool {
        self.target(kind, name, normalised).is_some()
    }

    /// Columns that must be present: alternatives for one field, and the
    /// name to give in the error.
    fn required(&self, kind: ImportKind) -> Vec<(Vec<Target>, &'static str)>;

    /// The tool's own status labels that Tend has no word for, each with the
    /// Tend status it becomes (matched ignoring case, spaces and
    /// punctuation). Shown in the preview.
    fn status_table(&self) -> &'static [(&'static str, AssetStatus)] {
        &[]
    }

    /// A status label as this tool writes it: Tend's own statuses, then the
    /// format's table; anything else is unknown.
    fn status(&self, value: &str) -> StatusReading {
        if let Some(s) = AssetStatus::parse(value) {
            return StatusReading::Known(s);
        }
        let norm = normalise(value);
        self.status_table()
            .iter()
            .find(|(label, _)| normalise(label) == norm)
            .map_or(StatusReading::Unknown, |(_, s)| StatusReading::Mapped(*s))
    }

    /// The identity of an asset row whose tag cell is empty (NetBox: its ID;
    /// Homebox: its import reference).
    fn identity(&self, _cells: Cells<'_>) -> Option<Identity> {
        None
    }

    /// Whether a row without a name takes its model (else its tag) as the
    /// name (tools whose exports often leave the name empty).
    fn name_from_model(&self) -> bool {
        false
    }

    /// A cell as Tend reads it: the tool's spelling of "no value" becomes
    /// empty, Tend's formula guard is removed, and so on.
    fn clean<'a>(&self, _target: &Target, value: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(value)
    }
}

/// The importer of `format`.
pub fn importer(format: ImportFormat) -> &'static dyn Importer {
    match format {
        ImportFormat::Tend => &tend::Tend,
        ImportFormat::SnipeIt => &snipeit::SnipeIt,
        ImportFormat::Homebox => &homebox::Homebox,
        ImportFormat::Netbox => &netbox::Netbox,
        ImportFormat::Mapped => &mapping::Mapped,
    }
}

/// A format's status table for the preview.
pub fn status_mappings(format: ImportFormat) -> Vec<StatusMapping> {
    importer(format)
        .status_table()
        .iter()
        .map(|(from, to)| StatusMapping {
            from: (*from).to_string(),
            to: *to,
        })
        .collect()
}

/// How well a header fits a format: the columns it knows among the named
/// ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub format: ImportFormat,
    pub kind: ImportKind,
    pub known: usize,
    pub named: usize,
}

impl Fit {
    /// A format fits when the header has what its files always have and at
    /// least half of the named columns are its own: a generic inventory
    /// whose header merely contains "Serial Number" is not Snipe-IT.
    pub fn good(&self) -> bool {
        self.known * 2 >= self.named && self.known > 0
    }
}

/// How `header` fits each format that recognises it, best first.
pub fn fits(header: &[String]) -> Vec<Fit> {
    let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let named = normalised.iter().filter(|n| !n.is_empty()).count();
    let mut fits: Vec<Fit> = [
        ImportFormat::Homebox,
        ImportFormat::Tend,
        ImportFormat::Netbox,
        ImportFormat::SnipeIt,
    ]
    .into_iter()
    .filter_map(|format| {
        let importer = importer(format);
        let kind = importer.recognise(&normalised)?;
        let known = header
            .iter()
            .zip(&normalised)
            .filter(|(h, n)| !n.is_empty() && importer.knows(kind, h, n))
            .count();
        Some(Fit {
            format,
            kind,
            known,
            named,
        })
    })
    .collect();
    // Stable: on a tie the more distinctive format (listed first) wins.
    fits.sort_by_key(|f| std::cmp::Reverse(f.known));
    fits
}

/// The format a header looks like, and its kind of rows: the format that
/// knows most of its columns, when it knows at least half of them; else
/// `mapped` (columns bound by hand, pre-filled by name).
pub fn detect(header: &[String]) -> (ImportFormat, ImportKind) {
    fits(header)
        .into_iter()
        .find(Fit::good)
        .map_or((ImportFormat::Mapped, ImportKind::Assets), |f| {
            (f.format, f.kind)
        })
}

/// Why no format was taken for `header`, in words for the preview; None
/// when one fits.
pub fn no_fit_reason(header: &[String]) -> Option<String> {
    let fits = fits(header);
    if fits.iter().any(Fit::good) {
        return None;
    }
    Some(match fits.first() {
        Some(best) => format!(
            "no known format fits this header well: the closest, {}, knows only {} of its {} columns; map the columns to Tend's fields",
            best.format.label(),
            best.known,
            best.named
        ),
        None => "no known format fits this header: the columns are not those of a Tend, Snipe-IT, Homebox or NetBox file; map them to Tend's fields".to_string(),
    })
}
