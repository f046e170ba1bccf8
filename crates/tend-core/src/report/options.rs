//! What a report covers: the period, the category and location filters and
//! the paper, as the user typed them ([`ReportOptions`]) and once checked and
//! resolved against the register ([`Scope`]).

use crate::store::report_scope::{self, ScopeFilter};
use crate::store::sql::Connection;
use crate::validate;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tend_pdf::Paper;
use ts_rs::TS;

/// The five reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    /// Counts and value by category, status and site; then the asset list.
    #[default]
    Inventory,
    /// Cover expired and ending; end of life and support ahead.
    Warranty,
    /// Overdue and due maintenance; completions on time or late; time spent.
    Maintenance,
    /// Repairs, their cost and downtime by month and category; costliest assets.
    Repairs,
    /// One asset: every field, its coverage, plans and whole history.
    Asset,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::Inventory,
        ReportKind::Warranty,
        ReportKind::Maintenance,
        ReportKind::Repairs,
        ReportKind::Asset,
    ];

    /// The stable identifier used on the CLI and over IPC.
    pub fn id(self) -> &'static str {
        match self {
            ReportKind::Inventory => "inventory",
            ReportKind::Warranty => "warranty",
            ReportKind::Maintenance => "maintenance",
            ReportKind::Repairs => "repairs",
            ReportKind::Asset => "asset",
        }
    }

    /// The title printed on the report.
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Inventory => "Inventory summary",
            ReportKind::Warranty => "Warranty and lifecycle",
            ReportKind::Maintenance => "Maintenance",
            ReportKind::Repairs => "Repairs and cost",
            ReportKind::Asset => "Asset dossier",
        }
    }
}

/// A report request as typed by the user. Empty strings mean "the default":
/// no period bound, every category, every location, the `paper_size` setting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ReportOptions {
    pub kind: ReportKind,
    /// First day of the period, `YYYY-MM-DD`.
    pub from: String,
    /// Last day of the period, `YYYY-MM-DD`.
    pub to: String,
    /// Category name (ignoring case).
    pub category: String,
    /// Location path ("Zürich › HQ"); the report covers it and everything below.
    pub location: String,
    /// "A4" or "Letter" (ignoring case).
    pub paper: String,
    /// The asset of the dossier (`kind` = asset).
    pub asset_tag: String,
}

/// A category or location the report is limited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub id: i64,
    pub name: String,
}

/// Checked options.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scope {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub category: Option<Named>,
    pub location: Option<Named>,
    pub paper: Paper,
    /// The day the report is made; "overdue", "ahead" and "expired" count from it.
    pub today: NaiveDate,
}

impl Scope {
    /// The filter the store applies to assets.
    pub fn filter(&self) -> ScopeFilter {
        ScopeFilter {
            category_id: self.category.as_ref().map(|c| c.id),
            location_id: self.location.as_ref().map(|l| l.id),
        }
    }
}

/// Parses a paper size: "A4" or "Letter", ignoring case.
pub fn parse_paper(field: &str, value: &str) -> Result<Paper> {
    match value.trim().to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "letter" | "us letter" | "us-letter" => Ok(Paper::Letter),
        _ => Err(Error::validation(
            field,
            format!("expected A4 or Letter, got \"{}\"", value.trim()),
        )),
    }
}

/// Checks `options` and resolves the category and location by name.
pub(crate) fn resolve(
    conn: &Connection,
    options: &ReportOptions,
    default_paper: &str,
    today: NaiveDate,
) -> Result<Scope> {
    let from = parsed_date("from", &options.from)?;
    let to = parsed_date("to", &options.to)?;
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(Error::validation(
                "to",
                format!("the period ends on {to} before it starts on {from}"),
            ));
        }
    }
    let category = match validate::optional("category", &options.category, validate::TEXT_MAX)? {
        None => None,
        Some(name) => Some(report_scope::category(conn, &name)?.ok_or_else(|| {
            Error::validation("category", format!("no category named \"{name}\""))
        })?),
    };
    let location =
        match validate::location_path("location", &options.location)? {
            None => None,
            Some(levels) => {
                let path = levels.join(crate::model::LOCATION_SEPARATOR);
                Some(report_scope::location(conn, &path)?.ok_or_else(|| {
                    Error::validation("location", format!("no location \"{path}\""))
                })?)
            }
        };
    let paper = if options.paper.trim().is_empty() {
        parse_paper("paper_size", default_paper).unwrap_or_default()
    } else {
        parse_paper("paper", &options.paper)?
    };
    Ok(Scope {
        from,
        to,
        category,
        location,
        paper,
        today,
    })
}

fn parsed_date(field: &str, value: &str) -> Result<Option<NaiveDate>> {
    Ok(validate::date(field, value)?.and_then(|d| validate::parse_date(&d)))
}
