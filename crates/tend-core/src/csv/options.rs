//! What the caller can declare about a file to import (format, encoding,
//! delimiter, date format, decimal separator, how rows match stored assets,
//! a manual column mapping) and what the importer detected.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The tool a file comes from; decides which columns mean what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportFormat {
    /// Tend's own files (exactly what `tend export` writes).
    Tend,
    /// Snipe-IT importer files and asset list exports.
    SnipeIt,
    /// Homebox exports (`HB.*` columns).
    Homebox,
    /// NetBox device exports.
    Netbox,
    /// Any other file, with columns mapped by hand.
    Mapped,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Tend,
        ImportFormat::SnipeIt,
        ImportFormat::Homebox,
        ImportFormat::Netbox,
        ImportFormat::Mapped,
    ];

    /// The identifier used on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ImportFormat::Tend => "tend",
            ImportFormat::SnipeIt => "snipeit",
            ImportFormat::Homebox => "homebox",
            ImportFormat::Netbox => "netbox",
            ImportFormat::Mapped => "mapped",
        }
    }

    /// The tool's name, for people.
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Tend => "Tend",
            ImportFormat::SnipeIt => "Snipe-IT",
            ImportFormat::Homebox => "Homebox",
            ImportFormat::Netbox => "NetBox",
            ImportFormat::Mapped => "columns mapped by hand",
        }
    }

    /// Parses an identifier, ignoring case and punctuation ("Snipe-IT").
    pub fn parse(s: &str) -> Option<ImportFormat> {
        let norm = crate::csv::header::normalise(s);
        ImportFormat::ALL.into_iter().find(|f| f.id() == norm)
    }
}

/// What the rows of a file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKind {
    /// Assets, optionally with a warranty end date or months per row.
    #[default]
    Assets,
    /// Work-log entries, matched to assets by tag.
    WorkLog,
    /// Coverage (warranties, support contracts), matched to assets by tag.
    Coverage,
}

/// The text encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 starting with a byte-order mark (as Excel writes it).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Windows-1252 (Western European; also what ISO-8859-1 files read as).
    Windows1252,
    /// Mac Roman (older Excel for Mac).
    MacRoman,
    /// ISO-8859-2 (Central European).
    #[serde(rename = "iso8859_2")]
    Iso8859_2,
    /// ISO-8859-15 (Western European with €).
    #[serde(rename = "iso8859_15")]
    Iso8859_15,
    /// Windows-1250 (Central European).
    Windows1250,
    /// Windows-1251 (Cyrillic).
    Windows1251,
}

impl TextEncoding {
    /// Every encoding a file may be read in, for the user to choose from.
    pub const ALL: [TextEncoding; 10] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Windows1252,
        TextEncoding::MacRoman,
        TextEncoding::Iso8859_2,
        TextEncoding::Iso8859_15,
        TextEncoding::Windows1250,
        TextEncoding::Windows1251,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::MacRoman => "Mac Roman",
            TextEncoding::Iso8859_2 => "ISO-8859-2",
            TextEncoding::Iso8859_15 => "ISO-8859-15",
            TextEncoding::Windows1250 => "Windows-1250",
            TextEncoding::Windows1251 => "Windows-1251",
        }
    }

    /// The decoder's encoding; None for UTF-8 (read as it is).
    pub fn decoder(self) -> Option<&'static encoding_rs::Encoding> {
        Some(match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => return None,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
            TextEncoding::MacRoman => encoding_rs::MACINTOSH,
            TextEncoding::Iso8859_2 => encoding_rs::ISO_8859_2,
            TextEncoding::Iso8859_15 => encoding_rs::ISO_8859_15,
            TextEncoding::Windows1250 => encoding_rs::WINDOWS_1250,
            TextEncoding::Windows1251 => encoding_rs::WINDOWS_1251,
        })
    }

    /// Whether each byte is one character (a guess from the content when
    /// not declared).
    pub fn single_byte(self) -> bool {
        !matches!(
            self,
            TextEncoding::Utf8
                | TextEncoding::Utf8Bom
                | TextEncoding::Utf16Le
                | TextEncoding::Utf16Be
        )
    }
}

/// The character between cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// The character before the cents in amounts of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum DecimalSeparator {
    #[serde(rename = ".")]
    Point,
    #[serde(rename = ",")]
    Comma,
}

/// How a row finds the stored asset it updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchBy {
    /// By asset tag (ignoring case).
    #[default]
    Tag,
    /// By serial number, for files without tags; a row without a tag then
    /// takes its serial number as the tag of a new asset.
    Serial,
}

/// One column bound by hand to a field (`target` is a [`crate::csv::Target`]
/// identifier such as `purchase_date` or `custom:Room`; `ignore` skips it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ColumnMapping {
    pub column: String,
    pub target: String,
}

/// What the caller declares; everything left empty is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ImportOptions {
    pub format: Option<ImportFormat>,
    /// What the rows are; detected from the header for Tend's own files,
    /// assets otherwise.
    pub kind: Option<ImportKind>,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<Delimiter>,
    /// A declared date format such as `DD/MM/YYYY`, `MM/DD/YYYY`,
    /// `DD.MM.YYYY` or `MM/DD/YY`. ISO 8601 dates are always accepted.
    pub date_format: Option<String>,
    pub decimal: Option<DecimalSeparator>,
    pub match_by: MatchBy,
    /// Columns bound by hand (format `mapped`); for other formats these
    /// override the profile's binding of the named columns.
    pub mapping: Vec<ColumnMapping>,
    /// Remember `mapping` for files with the same header.
    pub save_mapping: bool,
}
