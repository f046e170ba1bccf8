//! Files from any other tool: the caller binds each column by hand
//! ([`super::options::ColumnMapping`]). A mapping can be saved; it is offered
//! again for a file whose header has the same names (ignoring case and
//! punctuation), keyed in the settings by a hash of that header.

use super::field::Target;
use super::options::{ColumnMapping, ImportFormat, ImportKind};
use super::profile::Importer;

pub struct Mapped;

impl Importer for Mapped {
    fn format(&self) -> ImportFormat {
        ImportFormat::Mapped
    }

    fn recognise(&self, _normalised: &[String]) -> Option<ImportKind> {
        None
    }

    /// Columns not mapped by hand are pre-filled by name: one of Tend's
    /// field names or labels ("Serial", "Purchase date"), or a usual other
    /// name for one ("Serial Number", "Owner", "Bought").
    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target> {
        super::tend::Tend
            .target(kind, name, normalised)
            .or_else(|| similar(kind, normalised))
    }

    fn required(&self, kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        super::tend::Tend.required(kind)
    }
}

/// Usual names of Tend's asset fields in other tools' files (normalised).
const SYNONYMS: &[(&str, &str)] = &[
    ("assettag", "tag"),
    ("inventorynumber", "tag"),
    ("serialnumber", "serial"),
    ("serialno", "serial"),
    ("sn", "serial"),
    ("owner", "assigned_to"),
    ("assignee", "assigned_to"),
    ("user", "assigned_to"),
    ("bought", "purchase_date"),
    ("purchased", "purchase_date"),
    ("price", "purchase_cost"),
    ("cost", "purchase_cost"),
    ("vendor", "manufacturer"),
    ("make", "manufacturer"),
    ("room", "location"),
    ("site", "location"),
    ("ip", "ip_address"),
    ("ipaddress", "ip_address"),
    ("mac", "mac_address"),
    ("macaddress", "mac_address"),
    ("host", "hostname"),
    ("os", "firmware"),
    ("comments", "notes"),
    ("description", "notes"),
    ("type", "category"),
];

/// The field whose label is `normalised`, or that a usual other name
/// stands for.
fn similar(kind: ImportKind, normalised: &str) -> Option<Target> {
    let fields = Target::for_kind(kind);
    if let Some(t) = fields
        .iter()
        .find(|t| super::header::normalise(&t.label()) == normalised)
    {
        return Some(t.clone());
    }
    let (_, id) = SYNONYMS.iter().find(|(name, _)| *name == normalised)?;
    fields.iter().find(|t| t.id() == *id).cloned()
}

/// The settings key of the saved mapping for a header:
/// `import.mapping.<16 hex digits>` (FNV-1a of the normalised names).
pub fn settings_key(header: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in header {
        for b in super::header::normalise(name).bytes().chain([0x1f]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("import.mapping.{hash:016x}")
}

/// A mapping as stored in the settings (JSON).
pub fn encode(mapping: &[ColumnMapping]) -> String {
    serde_json::to_string(mapping).unwrap_or_else(|_| "[]".to_string())
}

/// A stored mapping; None when the stored text is not one.
pub fn decode(text: &str) -> Option<Vec<ColumnMapping>> {
    serde_json::from_str(text).ok()
}
