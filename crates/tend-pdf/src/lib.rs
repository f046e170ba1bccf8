//! Tend's PDF report engine.
//!
//! It knows nothing about assets: it lays out headings, paragraphs, key
//! figures, tables and bar charts onto A4 or US Letter pages, with a header
//! (organisation, logo, title, period, generation time) and a "Page N of M"
//! footer on every page, and writes the file atomically. The reports
//! themselves are built from these blocks elsewhere. It also draws sheets of
//! labels with QR codes (`labels`).
//!
//! How it works, in order:
//! - `font` resolves each character to a face (bundled DejaVu Sans, then
//!   installed fallbacks found by `fallback`) and measures it;
//! - `text` wraps text to a width, breaking long tokens;
//! - `layout`, `table` and `chart` place blocks onto pages as marks
//!   (`page`), consuming table rows as they come;
//! - when the document is written, `furniture` adds headers and page
//!   numbers, `subset` cuts the fonts down to the glyphs used, `render`
//!   turns marks into printpdf operations, and `output` writes the file.
//!
//! Limits: text is not shaped (no kerning, ligatures, right-to-left
//! reordering or Arabic/Indic joining). A character that no font has is drawn
//! as "□" and counted in [`Written::missing_glyphs`].
//!
//! Bundled fonts: DejaVu Sans and DejaVu Sans Bold, under the Bitstream Vera
//! licence with DejaVu changes in the public domain (`fonts/LICENSE-DejaVu.txt`).

mod chart;
mod document;
mod error;
mod fallback;
mod font;
mod furniture;
mod labels;
mod layout;
mod logo;
mod output;
mod page;
mod render;
mod subset;
mod table;
mod text;

pub use chart::{Bar, BarChart};
pub use document::{Document, DocumentSetup, Written};
pub use error::PdfError;
pub use labels::{preview_labels_svg, write_labels, LabelGrid, LabelText, POINTS_PER_MM};
pub use output::AtomicFile;
pub use page::{Orientation, Paper};
pub use table::{Align, Column, ColumnWidth, TableSpec};

/// Checks that `path` is a PNG or JPEG the engine can draw as a logo, so a
/// bad file can be refused when it is chosen rather than when a report is
/// made. The error names the file.
pub fn check_logo(path: &std::path::Path) -> Result<(), PdfError> {
    logo::Logo::load(path).map(|_| ())
}
