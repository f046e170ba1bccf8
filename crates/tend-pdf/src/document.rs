//! The public face of the engine: a [`Document`] collects content blocks,
//! laying each out as it arrives, and [`Document::write_to`] draws every page
//! (now that the page count is known) and writes the file atomically.

use std::path::{Path, PathBuf};

use crate::chart::{bar_chart, BarChart};
use crate::error::PdfError;
use crate::font::FontBook;
use crate::furniture::{Furniture, Labels};
use crate::layout::{figures, heading, paragraph, Flow};
use crate::logo::Logo;
use crate::output::AtomicFile;
use crate::page::{Geometry, Orientation, Paper};
use crate::render::{build, write, Metadata};
use crate::table::{table, TableSpec};

/// What every page of a report shows, and its paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentSetup {
    pub paper: Paper,
    pub orientation: Orientation,
    /// Organisation name, shown at the top of every page.
    pub organisation: String,
    /// Organisation logo, a PNG or JPEG file.
    pub logo: Option<PathBuf>,
    /// Report title.
    pub title: String,
    /// Period and filters line, e.g. "1 January – 31 March 2025 · Site: Zürich".
    /// Empty for none.
    pub period: String,
    /// When the report was generated, already formatted for the reader.
    pub generated_at: String,
    /// Directories searched for fallback fonts instead of the platform's usual
    /// ones; `None` for the usual ones.
    pub font_dirs: Option<Vec<PathBuf>>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: u64,
    /// Characters that no available font has, drawn as "□" placeholders
    /// (those in the page header and footer counted once, not per page).
    pub missing_glyphs: usize,
}

/// A PDF report being built.
///
/// ```no_run
/// use tend_pdf::{Column, ColumnWidth, Document, DocumentSetup, TableSpec};
/// # fn main() -> Result<(), tend_pdf::PdfError> {
/// let mut doc = Document::new(DocumentSetup {
///     organisation: "Acme".into(),
///     title: "Inventory summary".into(),
///     generated_at: "2025-04-01 09:00".into(),
///     ..Default::default()
/// })?;
/// doc.heading("Summary");
/// doc.paragraph("12 servers lose warranty cover in the next 90 days.");
/// doc.figures(&[("Assets", "1,204"), ("Value", "€2.1M")]);
/// let spec = TableSpec {
///     columns: vec![
///         Column::new("Tag", ColumnWidth::Points(60.0)),
///         Column::new("Name", ColumnWidth::Fraction(1.0)),
///     ],
///     zebra: true,
/// };
/// doc.table(&spec, vec![vec!["SRV-0001", "Mail server"]])?;
/// doc.write_to("inventory.pdf".as_ref())?;
/// # Ok(())
/// # }
/// ```
pub struct Document {
    setup: DocumentSetup,
    book: FontBook,
    flow: Flow,
    furniture: Furniture,
    logo: Option<Logo>,
}

impl Document {
    /// Starts a document. Fails if the logo is not a readable PNG or JPEG.
    pub fn new(setup: DocumentSetup) -> Result<Document, PdfError> {
        let mut book = FontBook::new()?;
        if let Some(dirs) = &setup.font_dirs {
            book.set_fallback_dirs(dirs.clone());
        }
        let logo = setup.logo.as_deref().map(Logo::load).transpose()?;
        let geometry = Geometry::new(setup.paper, setup.orientation);
        let furniture = Furniture::new(
            &mut book,
            geometry,
            &Labels {
                organisation: &setup.organisation,
                title: &setup.title,
                period: &setup.period,
                generated_at: &setup.generated_at,
                logo_aspect: logo.as_ref().map(|l| l.aspect),
            },
        );
        let flow = Flow::new(geometry, furniture.body_top, furniture.body_bottom);
        Ok(Document {
            setup,
            book,
            flow,
            furniture,
            logo,
        })
    }

    /// A section heading. It is never left alone at the foot of a page.
    pub fn heading(&mut self, text: &str) -> &mut Self {
        heading(&mut self.flow, &mut self.book, text);
        self
    }

    /// A paragraph of plain sentences.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        paragraph(&mut self.flow, &mut self.book, text);
        self
    }

    /// Key figures as (label, value) pairs, shown as boxes four to a row.
    pub fn figures<L: AsRef<str>, V: AsRef<str>>(&mut self, items: &[(L, V)]) -> &mut Self {
        figures(&mut self.flow, &mut self.book, items);
        self
    }

    /// A table. Rows are consumed one at a time; each row yields its cells in
    /// column order (fewer cells than columns leaves the rest blank, more is
    /// an error naming the row).
    pub fn table<R, C, S>(&mut self, spec: &TableSpec, rows: R) -> Result<&mut Self, PdfError>
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        table(&mut self.flow, &mut self.book, spec, rows)?;
        Ok(self)
    }

    /// A vector bar chart.
    pub fn bar_chart(&mut self, chart: &BarChart) -> &mut Self {
        bar_chart(&mut self.flow, &mut self.book, chart);
        self
    }

    /// Continues on a new page (does nothing at the top of an empty page).
    pub fn page_break(&mut self) -> &mut Self {
        if !self.flow.at_top() {
            self.flow.new_page();
        }
        self
    }

    /// Pages laid out so far.
    pub fn page_count(&self) -> usize {
        self.flow.pages.len()
    }

    /// Draws every page with its header and "Page N of M" footer and writes
    /// the PDF to `path` atomically: the file appears complete or not at all.
    pub fn write_to(self, path: &Path) -> Result<Written, PdfError> {
        let mut file = AtomicFile::create(path)?;
        let Document {
            setup,
            mut book,
            mut flow,
            furniture,
            logo,
        } = self;
        furniture.decorate(&mut book, &mut flow.pages);
        let pages = flow.pages.len();
        let missing_glyphs = flow.missing + furniture.missing;
        let doc = build(
            std::mem::take(&mut flow.pages),
            &book,
            logo.as_ref(),
            flow.geometry,
            &Metadata {
                title: &setup.title,
                author: &setup.organisation,
            },
        )?;
        write(doc, &mut file)?;
        let bytes = file.commit()?;
        Ok(Written {
            path: path.to_path_buf(),
            pages,
            bytes,
            missing_glyphs,
        })
    }
}
