//! Files attached to an asset, one of its coverage or one of its work-log
//! entries: the invoice, the contract, the vendor's report, the photo.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a file is attached to: the asset itself, or one of its coverage or
/// work-log entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum AttachedTo {
    Asset,
    Coverage(#[ts(type = "number")] i64),
    Work(#[ts(type = "number")] i64),
}

impl AttachedTo {
    /// `asset`, `coverage:ID` or `work:ID`, as the CLI writes it.
    pub fn label(self) -> String {
        match self {
            AttachedTo::Asset => "asset".into(),
            AttachedTo::Coverage(id) => format!("coverage:{id}"),
            AttachedTo::Work(id) => format!("work:{id}"),
        }
    }
}

/// One file linked to an asset (the same content may be linked to many).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attachment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub asset_tag: String,
    pub attached_to: AttachedTo,
    /// The file's name, without any folder.
    pub name: String,
    /// e.g. `application/pdf`, `image/jpeg`.
    pub media_type: String,
    /// Bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    pub note: Option<String>,
    /// When it was attached (UTC, RFC 3339).
    pub created_at: String,
    /// Who attached it.
    pub author: Option<String>,
}

impl Attachment {
    /// Images the asset page shows as thumbnails.
    pub fn is_image(&self) -> bool {
        matches!(
            self.media_type.as_str(),
            "image/png" | "image/jpeg" | "image/gif" | "image/webp"
        )
    }
}

/// What `attach` did with each file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attached {
    /// The links made, one per file and asset.
    pub links: Vec<Attachment>,
    /// Files whose content the register already held (stored once).
    #[ts(type = "number")]
    pub already_stored: u64,
}

/// Human size: "512 B", "1.4 KB", "23.0 MB" (powers of 1,000, one decimal).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1_000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1_000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1_000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1_000), "1.0 KB");
        assert_eq!(human_size(1_449_000), "1.4 MB");
        assert_eq!(human_size(999_960), "1.0 MB");
        assert_eq!(human_size(104_857_600), "104.9 MB");
    }
}
