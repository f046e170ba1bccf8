//! PDF reports for people who are not engineers: the inventory, warranty and
//! lifecycle, maintenance, repairs and cost, and one asset's dossier.
//!
//! Each report gathers its figures through `store::report_*` (all SQL stays
//! in the store), writes a first section of headline figures in plain
//! sentences, then the detail tables, and lays them out with the `tend-pdf`
//! engine (page header from the settings, "Page N of M", repeated table
//! headers, atomic file output). Both front doors call
//! [`Register::write_report`].

pub mod amounts;
mod dossier;
mod inventory;
mod maintenance;
pub mod options;
mod render;
mod repairs;
pub mod sentence;
mod warranty;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use options::{parse_paper, ReportKind, ReportOptions};
pub(crate) use render::pdf_error;
pub use render::{ProgressFn, ReportProgress, ReportStage};

use crate::store::settings;
use crate::{Register, Result};
use options::Scope;
use render::{Header, Sheet};
use sentence::DateStyle;

/// What a report wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportWritten {
    pub path: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Characters no installed font has (drawn as "□").
    pub missing_glyphs: u32,
}

/// Everything a report needs besides its own figures.
pub(crate) struct Context<'a> {
    pub conn: &'a crate::store::sql::Connection,
    pub scope: Scope,
    pub header: Header,
    pub dates: DateStyle,
    /// The `currency` setting, for totals with no amounts.
    pub currency: String,
    pub asset_tag: String,
}

impl Context<'_> {
    /// The filters line: "Category: Server · Location: Zürich › HQ".
    pub fn filters(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(c) = &self.scope.category {
            parts.push(format!("Category: {}", c.name));
        }
        if let Some(l) = &self.scope.location {
            parts.push(format!("Location: {}", l.name));
        }
        parts
    }

    /// "1 January – 31 March" as a period line, followed by the filters.
    pub fn period_line(&self, period: Option<(NaiveDate, NaiveDate)>, lead: &str) -> String {
        let mut parts = Vec::new();
        match period {
            Some((from, to)) => parts.push(format!(
                "{lead} {} – {}",
                self.dates.date(from),
                self.dates.date(to)
            )),
            None => parts.push(format!("{lead} {}", self.dates.date(self.scope.today))),
        }
        parts.extend(self.filters());
        parts.join(" · ")
    }

    /// "matching these filters" when filters apply, else "in the register".
    pub fn where_words(&self) -> &'static str {
        if self.filtered() {
            "matching these filters"
        } else {
            "in the register"
        }
    }

    /// Whether a category or location filter applies.
    pub fn filtered(&self) -> bool {
        self.scope.category.is_some() || self.scope.location.is_some()
    }
}

impl Register {
    /// Writes the report `options` asks for to `path` (atomically: the file
    /// appears complete or not at all), calling `progress` as it goes;
    /// `progress` returning `ControlFlow::Break(())` cancels (`Cancelled`).
    ///
    /// Errors: a reversed period, unknown category or location, or bad paper
    /// is `Validation` naming the option; an unknown asset tag `NotFound`; a
    /// logo that is not a readable PNG/JPEG `Validation` on `logo_path`
    /// naming the file; a missing output directory `Io` naming the path.
    pub fn write_report(
        &self,
        options: &ReportOptions,
        path: &Path,
        progress: &mut ProgressFn<'_>,
    ) -> Result<ReportWritten> {
        self.write_report_on(options, path, chrono::Local::now().naive_local(), progress)
    }

    /// [`Register::write_report`] as if it were `now` (for tests and
    /// reproducible output).
    pub fn write_report_on(
        &self,
        options: &ReportOptions,
        path: &Path,
        now: chrono::NaiveDateTime,
        progress: &mut ProgressFn<'_>,
    ) -> Result<ReportWritten> {
        let conn = &self.conn;
        let setting =
            |key: &str| -> Result<String> { Ok(settings::get(conn, key)?.unwrap_or_default()) };
        let dates = DateStyle::parse(&setting("date_format")?).unwrap_or_default();
        let scope = options::resolve(conn, options, &setting("paper_size")?, now.date())?;
        let logo = setting("logo_path")?;
        let organisation = setting("organisation_name")?;
        let currency = match setting("currency")?.trim() {
            "" => "EUR".to_string(),
            c => c.to_string(),
        };
        let ctx = Context {
            conn,
            header: Header {
                organisation: if organisation.trim().is_empty() {
                    "Tend".into()
                } else {
                    organisation.trim().to_string()
                },
                logo: (!logo.trim().is_empty()).then(|| logo.trim().into()),
                paper: scope.paper,
                generated_at: format!("{} {}", dates.date(now.date()), now.format("%H:%M")),
            },
            scope,
            dates,
            currency,
            asset_tag: options.asset_tag.clone(),
        };
        let written = match options.kind {
            ReportKind::Inventory => inventory::write(&ctx, path, progress)?,
            ReportKind::Warranty => warranty::write(&ctx, path, progress)?,
            ReportKind::Maintenance => maintenance::write(&ctx, path, progress)?,
            ReportKind::Repairs => repairs::write(&ctx, path, progress)?,
            ReportKind::Asset => dossier::write(&ctx, path, progress)?,
        };
        Ok(ReportWritten {
            path: written.path.display().to_string(),
            pages: written.pages as u32,
            bytes: written.bytes,
            missing_glyphs: written.missing_glyphs as u32,
        })
    }
}

/// Starts a report's sheet with its title and period line.
pub(crate) fn sheet<'p, 'f>(
    ctx: &Context<'_>,
    title: &str,
    period: &str,
    orientation: tend_pdf::Orientation,
    progress: &'p mut ProgressFn<'f>,
) -> Result<Sheet<'p, 'f>> {
    Sheet::new(&ctx.header, title, period, orientation, progress)
}

/// A stored status identifier in words ("in service").
pub(crate) fn status_words(id: &str) -> String {
    use crate::model::{AssetStatus, Choice};
    AssetStatus::parse_id(id)
        .map(|s| s.label().to_string())
        .unwrap_or_else(|| id.replace('_', " "))
}

/// Capitalises the first letter ("in service" → "In service").
pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "—" for a missing value.
pub(crate) fn or_dash(v: Option<&str>) -> String {
    match v {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => "—".into(),
    }
}
