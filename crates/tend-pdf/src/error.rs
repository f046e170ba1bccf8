//! The one error type of the crate; every variant names what it was about.

use std::path::PathBuf;

/// Why a document could not be built or written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be parsed.
    #[error("cannot read font {font}: {reason}")]
    Font { font: String, reason: String },

    /// A font file could not be read from disk.
    #[error("cannot read font file {path}: {source}")]
    FontFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A font could not be cut down to the glyphs the document uses.
    #[error("cannot subset font {font}: {reason}")]
    Subset { font: String, reason: String },

    /// The logo file could not be read.
    #[error("cannot read logo {path}: {source}")]
    LogoFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The logo file is not a PNG or JPEG image that can be decoded.
    #[error("logo {path} is not a readable PNG or JPEG image: {reason}")]
    LogoFormat { path: PathBuf, reason: String },

    /// A table row has more cells than the table has columns.
    /// Labels that cannot be laid out or encoded (the grid does not fit its
    /// page, a QR code cannot hold the text).
    #[error("{0}")]
    Layout(String),

    #[error("table row {row} has {found} cells but the table has {expected} columns")]
    RowWidth {
        row: usize,
        expected: usize,
        found: usize,
    },

    /// A table was declared without columns.
    #[error("a table needs at least one column")]
    NoColumns,

    /// The fixed column widths leave no room on the page.
    #[error("table columns need {needed:.0} pt but the page has {available:.0} pt")]
    TableTooWide { needed: f32, available: f32 },

    /// The directory the output should go into does not exist.
    #[error("cannot write {path}: directory {dir} does not exist")]
    OutputDirectory { path: PathBuf, dir: PathBuf },

    /// The output could not be written (permissions, disk full, ...).
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// printpdf reported an error while serialising the document.
    #[error("cannot produce PDF for {path}: {messages}")]
    Render { path: PathBuf, messages: String },
}
