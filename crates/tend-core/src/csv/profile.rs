//! The importer trait: what a foreign format knows (how to recognise its
//! header, which column feeds which field, how its statuses and empty values
//! read), one small file per format. Everything else is shared.

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::{homebox, mapping, netbox, snipeit, tend};
use crate::model::AssetStatus;
use std::borrow::Cow;

/// How a status label of a foreign tool reads in Tend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusReading {
    /// A status Tend knows.
    Known(AssetStatus),
    /// A label that does not map: reported as a warning, imported as the
    /// given status.
    Unmapped(AssetStatus),
}

/// One foreign format.
pub trait Importer {
    fn format(&self) -> ImportFormat;

    /// Whether `normalised` header names (see [`super::header::normalise`])
    /// look like this format's; the kind of rows when they do.
    fn recognise(&self, normalised: &[String]) -> Option<ImportKind>;

    /// The field a column of a file of `kind` feeds, from its header name as
    /// written and normalised; None for a column this format does not know.
    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target>;

    /// Columns that must be present: alternatives for one field, and the
    /// name to give in the error.
    fn required(&self, kind: ImportKind) -> Vec<(Vec<Target>, &'static str)>;

    /// A status label as this tool writes it.
    fn status(&self, value: &str) -> StatusReading {
        match AssetStatus::parse(value) {
            Some(s) => StatusReading::Known(s),
            None => StatusReading::Unmapped(AssetStatus::InService),
        }
    }

    /// The column that gives the tag of a row without one (NetBox: the
    /// device name).
    fn tag_fallback(&self) -> Option<Target> {
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

/// The format a header looks like, and its kind of rows. Tried in order of
/// how distinctive the formats' headers are; a header no format claims is
/// `mapped` (columns bound by hand).
pub fn detect(header: &[String]) -> (ImportFormat, ImportKind) {
    let normalised: Vec<String> = header.iter().map(|h| super::header::normalise(h)).collect();
    for format in [
        ImportFormat::Homebox,
        ImportFormat::Tend,
        ImportFormat::Netbox,
        ImportFormat::SnipeIt,
    ] {
        if let Some(kind) = importer(format).recognise(&normalised) {
            return (format, kind);
        }
    }
    (ImportFormat::Mapped, ImportKind::Assets)
}
