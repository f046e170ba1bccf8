//! Drives the PDF engine for a report: the page header from the settings
//! (organisation, logo, title, period, generation time), progress reports and
//! cancellation while long tables are laid out, and the engine's errors
//! turned into core errors with the right code.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tend_pdf::{Document, DocumentSetup, Orientation, Paper, PdfError, TableSpec};
use ts_rs::TS;

use crate::{Error, Result};

/// Where a report stands, reported to the caller as it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportStage {
    /// Reading the figures from the register.
    Gathering,
    /// Laying out pages; `done` of `total` table rows placed.
    LayingOut,
    /// Drawing the pages and writing the file (cannot be cancelled).
    Writing,
}

/// A progress report: `done` of `total` steps of `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportProgress {
    pub stage: ReportStage,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Called with progress; returning `ControlFlow::Break(())` cancels the report
/// (nothing is written).
pub type ProgressFn<'a> = dyn FnMut(&ReportProgress) -> ControlFlow<()> + 'a;

/// Rows laid out between progress reports.
const ROWS_PER_STEP: usize = 250;

/// What every page shows, gathered from the settings.
pub(crate) struct Header {
    pub organisation: String,
    pub logo: Option<PathBuf>,
    pub paper: Paper,
    pub generated_at: String,
}

/// A report being laid out.
pub(crate) struct Sheet<'p, 'f> {
    doc: Document,
    progress: &'p mut ProgressFn<'f>,
    /// Table rows of the whole report, for progress.
    rows_total: u64,
    rows_done: u64,
}

impl<'p, 'f> Sheet<'p, 'f> {
    /// Starts a document; a logo that is not a readable PNG/JPEG is a
    /// validation error on `logo_path` naming the file.
    pub fn new(
        header: &Header,
        title: &str,
        period: &str,
        orientation: Orientation,
        progress: &'p mut ProgressFn<'f>,
    ) -> Result<Self> {
        let doc = Document::new(DocumentSetup {
            paper: header.paper,
            orientation,
            organisation: header.organisation.clone(),
            logo: header.logo.clone(),
            title: title.to_string(),
            period: period.to_string(),
            generated_at: header.generated_at.clone(),
            font_dirs: None,
        })
        .map_err(|e| pdf_error(e, title))?;
        Ok(Sheet {
            doc,
            progress,
            rows_total: 0,
            rows_done: 0,
        })
    }

    /// Reports the gathering stage; Err(Cancelled) when the caller stops.
    pub fn gathering(&mut self, done: u64, total: u64) -> Result<()> {
        self.report(ReportStage::Gathering, done, total)
    }

    /// Declares how many table rows the whole report will lay out.
    pub fn expect_rows(&mut self, rows: u64) {
        self.rows_total = rows;
    }

    fn report(&mut self, stage: ReportStage, done: u64, total: u64) -> Result<()> {
        match (self.progress)(&ReportProgress { stage, done, total }) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(Error::Cancelled { what: "report" }),
        }
    }

    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.doc.heading(text);
        self
    }

    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        self.doc.paragraph(text);
        self
    }

    pub fn figures(&mut self, items: &[(String, String)]) -> &mut Self {
        self.doc.figures(items);
        self
    }

    pub fn bar_chart(&mut self, chart: &tend_pdf::BarChart) -> &mut Self {
        self.doc.bar_chart(chart);
        self
    }

    pub fn page_break(&mut self) -> &mut Self {
        self.doc.page_break();
        self
    }

    /// A table, reporting progress every few hundred rows; stops early and
    /// returns Err(Cancelled) when the caller cancels.
    pub fn table<I>(&mut self, spec: &TableSpec, rows: I) -> Result<()>
    where
        I: IntoIterator<Item = Vec<String>>,
    {
        let total = self.rows_total.max(self.rows_done);
        let mut done = self.rows_done;
        let mut cancelled = false;
        let progress = &mut *self.progress;
        let rows = rows.into_iter().map_while(|row| {
            if cancelled {
                return None;
            }
            done += 1;
            if done.is_multiple_of(ROWS_PER_STEP as u64) {
                let step = ReportProgress {
                    stage: ReportStage::LayingOut,
                    done,
                    total: total.max(done),
                };
                if progress(&step).is_break() {
                    cancelled = true;
                    return None;
                }
            }
            Some(row)
        });
        self.doc
            .table(spec, rows)
            .map_err(|e| pdf_error(e, "report table"))?;
        self.rows_done = done;
        if cancelled {
            return Err(Error::Cancelled { what: "report" });
        }
        Ok(())
    }

    /// Writes the file atomically (complete or not at all).
    pub fn write(mut self, path: &Path) -> Result<tend_pdf::Written> {
        let total = self.rows_total.max(self.rows_done);
        self.report(ReportStage::Writing, total, total)?;
        self.doc.write_to(path).map_err(|e| pdf_error(e, "report"))
    }
}

/// Maps an engine error to the core's: a bad logo is a validation error on
/// `logo_path`, a missing folder or unwritable file an I/O error naming the
/// path, anything else an internal error.
pub(crate) fn pdf_error(e: PdfError, what: &str) -> Error {
    let message = e.to_string();
    match e {
        PdfError::LogoFile { .. } | PdfError::LogoFormat { .. } => {
            Error::validation("logo_path", message)
        }
        PdfError::OutputDirectory { path, dir } => Error::Io {
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("directory {} does not exist", dir.display()),
            ),
        },
        PdfError::Output { path, source } => Error::Io { path, source },
        PdfError::FontFile { path, source } => Error::Io { path, source },
        _ => Error::Internal {
            what: what.to_string(),
            message,
        },
    }
}
