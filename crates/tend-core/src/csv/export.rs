//! Export: assets, work log, plans and coverage, filtered like the register
//! (status, category, location, search, archived), as RFC 4180 CSV with
//! CRLF line ends, UTF-8 with a byte-order mark by default so that Excel
//! reads it. Every cell passes the formula guard ([`super::cell`]). The
//! asset, work-log and coverage files are Tend's own import format: export,
//! import into an empty database and export again gives identical bytes.

use super::cell;
use super::field::Target;
use super::options::ImportKind;
use crate::model::*;
use crate::store;
use crate::{Error, Register, Result};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::io::Write;
use ts_rs::TS;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportKind {
    Assets,
    WorkLog,
    Plans,
    Coverage,
}

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ExportOptions {
    /// Start the file with a UTF-8 byte-order mark (Excel needs it to read
    /// UTF-8). On by default.
    pub bom: bool,
    /// The register's filters; sort and paging are ignored (rows come by
    /// asset tag).
    pub query: AssetQuery,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            bom: true,
            query: AssetQuery::default(),
        }
    }
}

/// What an export wrote (for the desktop app's message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportWritten {
    pub path: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// Asset columns of Tend's own files, in order.
/// The header row for `targets` in a file of `kind`.
fn column_names(targets: &[Target], kind: ImportKind) -> Vec<String> {
    targets.iter().map(|t| t.column_name(kind)).collect()
}

pub fn asset_columns() -> Vec<Target> {
    Target::for_kind(ImportKind::Assets)
        .iter()
        .filter(|t| {
            !matches!(
                t,
                Target::WarrantyEnd | Target::WarrantyMonths | Target::WarrantyDetails
            )
        })
        .cloned()
        .collect()
}

const PLAN_COLUMNS: [&str; 15] = [
    "asset_tag",
    "title",
    "interval_count",
    "interval_unit",
    "anchor",
    "start_date",
    "end_date",
    "lead_days",
    "assignee",
    "expected_minutes",
    "checklist",
    "next_due",
    "last_done",
    "paused",
    "notes",
];

fn asset_cell(a: &Asset, t: &Target) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match t {
        Target::Tag => a.tag.clone(),
        Target::Name => a.name.clone(),
        Target::Category => a.category.clone(),
        Target::Status => a.status.id().to_string(),
        Target::Manufacturer => opt(&a.manufacturer),
        Target::Model => opt(&a.model),
        Target::Serial => opt(&a.serial),
        Target::Location => opt(&a.location),
        Target::RackUnit => a.rack_unit.map(|u| u.to_string()).unwrap_or_default(),
        Target::AssignedTo => opt(&a.assigned_to),
        Target::Hostname => opt(&a.hostname),
        Target::IpAddress => opt(&a.ip_address),
        Target::MacAddress => opt(&a.mac_address),
        Target::Firmware => opt(&a.firmware),
        Target::PurchaseDate => opt(&a.purchase_date),
        Target::PurchaseCost => a
            .purchase_cost
            .as_ref()
            .map(Money::amount_text)
            .unwrap_or_default(),
        Target::Currency => a
            .purchase_cost
            .as_ref()
            .map(|m| m.currency.clone())
            .unwrap_or_default(),
        Target::Supplier => opt(&a.supplier),
        Target::OrderNumber => opt(&a.order_number),
        Target::EndOfLife => opt(&a.end_of_life),
        Target::EndOfSupport => opt(&a.end_of_support),
        Target::Notes => opt(&a.notes),
        Target::CustomFields if a.custom_fields.is_empty() => String::new(),
        Target::CustomFields => serde_json::to_string(&a.custom_fields).unwrap_or_default(),
        Target::Archived => {
            if a.archived_at.is_some() {
                "yes".into()
            } else {
                String::new()
            }
        }
        _ => String::new(),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => String::new(),
    }
}

/// Money from (minor, currency) columns as "1234.56".
fn amount(minor: &Value, currency: &Value) -> String {
    match (minor, currency) {
        (Value::Integer(m), Value::Text(c)) => Money {
            minor: *m,
            currency: c.clone(),
        }
        .amount_text(),
        _ => String::new(),
    }
}

fn yes(v: &Value) -> String {
    match v {
        Value::Integer(n) if *n != 0 => "yes".into(),
        _ => String::new(),
    }
}

struct Sheet<'w> {
    w: csv::Writer<&'w mut dyn Write>,
    rows: u64,
}

fn io(e: std::io::Error) -> Error {
    Error::Io {
        path: "export".into(),
        source: e,
    }
}

impl Sheet<'_> {
    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.w
            .write_record(
                cells
                    .iter()
                    .map(|c| cell::neutralise(c.as_ref()).into_owned()),
            )
            .map_err(|e| io(std::io::Error::other(e)))?;
        self.rows += 1;
        Ok(())
    }
}

impl Register {
    /// Writes `kind` for the assets matching `options.query` to `out`;
    /// returns the number of rows written (header excluded).
    pub fn export_csv(
        &self,
        kind: ExportKind,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<u64> {
        if options.bom {
            out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        }
        let w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(256 * 1024)
            .from_writer(out);
        let mut sheet = Sheet { w, rows: 0 };
        let q = &*self.judged(&options.query)?;
        match kind {
            ExportKind::Assets => {
                let columns = asset_columns();
                sheet.row(&column_names(&columns, ImportKind::Assets))?;
                store::export::assets(&self.conn, q, &mut |a| {
                    let cells: Vec<String> = columns.iter().map(|t| asset_cell(a, t)).collect();
                    sheet.row(&cells)
                })?;
            }
            ExportKind::WorkLog => {
                sheet.row(&column_names(
                    Target::for_kind(ImportKind::WorkLog),
                    ImportKind::WorkLog,
                ))?;
                store::export::work(&self.conn, q, &mut |v| {
                    sheet.row(&[
                        text(&v[0]),
                        text(&v[1]),
                        text(&v[2]),
                        text(&v[3]),
                        text(&v[4]),
                        text(&v[5]),
                        text(&v[6]),
                        amount(&v[7], &v[8]),
                        text(&v[8]),
                        text(&v[9]),
                        text(&v[10]),
                        yes(&v[11]),
                        text(&v[12]),
                    ])
                })?;
            }
            ExportKind::Coverage => {
                sheet.row(&column_names(
                    Target::for_kind(ImportKind::Coverage),
                    ImportKind::Coverage,
                ))?;
                store::export::coverage(&self.conn, q, &mut |v| {
                    sheet.row(&[
                        text(&v[0]),
                        text(&v[1]),
                        text(&v[2]),
                        text(&v[3]),
                        text(&v[4]),
                        text(&v[5]),
                        text(&v[6]),
                        amount(&v[7], &v[8]),
                        text(&v[8]),
                        text(&v[9]),
                        text(&v[10]),
                    ])
                })?;
            }
            ExportKind::Plans => {
                sheet.row(&PLAN_COLUMNS)?;
                store::export::plans(&self.conn, q, &mut |v| {
                    let mut cells: Vec<String> = v.iter().map(text).collect();
                    cells[13] = yes(&v[13]);
                    sheet.row(&cells)
                })?;
            }
        }
        let rows = sheet.rows - 1;
        sheet.w.flush().map_err(io)?;
        Ok(rows)
    }
}
