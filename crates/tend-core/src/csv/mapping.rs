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

    /// Columns not mapped by hand are still taken when their name is one of
    /// Tend's field names ("Serial", "Purchase date").
    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target> {
        super::tend::Tend.target(kind, name, normalised)
    }

    fn required(&self, kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        super::tend::Tend.required(kind)
    }
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
