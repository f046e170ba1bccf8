//! One record of a file turned into checked input: each bound cell cleaned
//! by the format, dates and money read in the declared formats, and the
//! result validated by the same rules as the desktop forms. Every problem
//! names the row, the column and the value.

use super::dates::{self, DateFormat};
use super::field::{AssigneePart, Target};
use super::header::Binding;
use super::money;
use super::options::{DecimalSeparator, TextEncoding};
use super::preview::{Problem, Severity};
use super::profile::{Importer, StatusReading};
use crate::model::*;
use crate::Error;
use std::collections::BTreeMap;

/// What every row of a file is read with.
pub(crate) struct RowReader<'a> {
    pub binding: &'a Binding,
    pub importer: &'a dyn Importer,
    pub date_format: Option<DateFormat>,
    pub date_format_text: Option<&'a str>,
    pub decimal: Option<DecimalSeparator>,
    /// The file's encoding (a guessed single-byte one can be wrong).
    pub encoding: TextEncoding,
}

/// The warranty and archive cells of an asset row.
#[derive(Debug, Default)]
pub(crate) struct AssetExtras {
    pub warranty_end: Option<String>,
    pub warranty_months: Option<u32>,
    pub warranty_details: Option<String>,
    pub archived: Option<bool>,
}

/// Problems of one row.
pub(crate) struct RowProblems<'p> {
    pub row: u64,
    pub list: &'p mut Vec<Problem>,
    pub errors: usize,
}

impl RowProblems<'_> {
    pub fn error(&mut self, column: &str, value: &str, reason: String) {
        self.errors += 1;
        self.list.push(Problem::new(
            self.row,
            column,
            value,
            reason,
            Severity::Error,
        ));
    }

    pub fn warning(&mut self, column: &str, value: &str, reason: String) {
        self.list.push(Problem::new(
            self.row,
            column,
            value,
            reason,
            Severity::Warning,
        ));
    }
}

/// A C1 control character: what a byte a single-byte encoding does not use
/// for text reads as.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// The reason given for a status label that neither Tend nor the format's
/// table knows.
fn unknown_status(label: &str, importer: &dyn Importer) -> String {
    let table = importer.status_table();
    let known: Vec<&str> = AssetStatus::ALL
        .iter()
        .map(|s| s.label())
        .chain(table.iter().map(|(l, _)| *l))
        .collect();
    format!(
        "status \"{label}\" has no match in Tend or in the {} status table; use one of: {}",
        importer.format().label(),
        known.join(", ")
    )
}

/// The assignee from the parts of a name a file gives in separate columns:
/// first and last name, else the user name, else the email address.
fn assignee(parts: &[(AssigneePart, String)]) -> String {
    let part = |wanted: AssigneePart| {
        parts
            .iter()
            .find(|(p, _)| *p == wanted)
            .map(|(_, v)| v.as_str())
    };
    let full: Vec<&str> = [AssigneePart::FirstName, AssigneePart::LastName]
        .into_iter()
        .filter_map(part)
        .collect();
    if !full.is_empty() {
        return full.join(" ");
    }
    part(AssigneePart::Username)
        .or(part(AssigneePart::Email))
        .unwrap_or_default()
        .to_string()
}

fn yes_no(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "f" | "0" | "n" => Some(false),
        "yes" | "true" | "t" | "1" | "y" | "x" => Some(true),
        _ => None,
    }
}

impl RowReader<'_> {
    /// Why a cell read in a single-byte encoding holds control characters
    /// (U+0080–U+009F): the file's bytes mean something else, and the
    /// error blames the encoding, not the cell.
    fn misread(&self, value: &str) -> Option<String> {
        if !self.encoding.single_byte() {
            return None;
        }
        let c = value.chars().find(|c| is_c1(*c))?;
        Some(format!(
            "holds the byte 0x{:02X}, which {} does not use for text: the file is probably in another encoding; choose it in the preview (e.g. Mac Roman, ISO-8859-2) or with --encoding",
            u32::from(c),
            self.encoding.label()
        ))
    }

    /// A cell's value as a row uses it: None (reported) when it holds a
    /// NUL. A cell misread in its encoding is reported once, as the
    /// encoding's fault, and goes on without its control characters (the
    /// row is rejected anyway).
    fn usable<'v>(
        &self,
        column: &str,
        raw: &str,
        value: std::borrow::Cow<'v, str>,
        p: &mut RowProblems<'_>,
    ) -> Option<std::borrow::Cow<'v, str>> {
        if value.contains('\0') {
            p.error(column, raw, "contains a NUL character".into());
            return None;
        }
        match self.misread(&value) {
            Some(reason) => {
                p.error(column, raw, reason);
                Some(std::borrow::Cow::Owned(
                    value
                        .chars()
                        .map(|c| if is_c1(c) { '\u{FFFD}' } else { c })
                        .collect(),
                ))
            }
            None => Some(value),
        }
    }

    /// The cleaned cell of the first column feeding `target`.
    pub fn cell<'r>(
        &self,
        record: &'r csv::StringRecord,
        target: &Target,
    ) -> Option<std::borrow::Cow<'r, str>> {
        let i = self
            .binding
            .targets
            .iter()
            .position(|t| t.as_ref() == Some(target))?;
        Some(self.importer.clean(target, record.get(i).unwrap_or("")))
    }

    /// Each bound column with its cleaned cell.
    fn cells<'r>(
        &'r self,
        record: &'r csv::StringRecord,
    ) -> impl Iterator<Item = (&'r str, &'r Target, std::borrow::Cow<'r, str>, &'r str)> + 'r {
        self.binding
            .targets
            .iter()
            .enumerate()
            .filter_map(move |(i, t)| {
                let t = t.as_ref()?;
                let raw = record.get(i).unwrap_or("");
                Some((
                    self.binding.names[i].as_str(),
                    t,
                    self.importer.clean(t, raw),
                    raw,
                ))
            })
    }

    /// Reads a date cell into `field`; on a problem (reported) `field` keeps
    /// its value.
    fn set_date(
        &self,
        field: &mut String,
        column: &str,
        value: &str,
        raw: &str,
        p: &mut RowProblems<'_>,
    ) {
        if let Some(d) = self.date(column, value, raw, p) {
            *field = d;
        }
    }

    /// Reads the cleaned `value`; a problem quotes the cell as in the file
    /// (`raw`).
    fn date(
        &self,
        column: &str,
        value: &str,
        raw: &str,
        p: &mut RowProblems<'_>,
    ) -> Option<String> {
        match dates::read(value, self.date_format) {
            Ok(d) => Some(
                d.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            Err(problem) => {
                p.error(column, raw, problem.reason(raw, self.date_format_text));
                None
            }
        }
    }

    /// Money into (`amount`, `currency named in the cell`).
    fn money(
        &self,
        column: &str,
        value: &str,
        raw: &str,
        p: &mut RowProblems<'_>,
    ) -> Option<(String, Option<String>)> {
        match money::read(value, self.decimal) {
            Ok(Some(a)) => Some((a.text, a.currency)),
            Ok(None) => Some((String::new(), None)),
            Err(problem) => {
                p.error(column, raw, problem.reason(raw));
                None
            }
        }
    }

    /// Applies the cells of an asset row over `input` (the stored asset's
    /// input when the row updates one).
    pub fn apply_asset(
        &self,
        record: &csv::StringRecord,
        input: &mut AssetInput,
        p: &mut RowProblems<'_>,
    ) -> AssetExtras {
        let mut extras = AssetExtras::default();
        let mut levels: [Option<String>; 4] = Default::default();
        let mut has_levels = false;
        let mut notes: Option<Vec<String>> = None;
        let mut cost_currency: Option<(String, String, String)> = None;
        let mut assignee_parts: Vec<(AssigneePart, String)> = Vec::new();
        for (column, target, value, raw) in self.cells(record) {
            let Some(value) = self.usable(column, raw, value, p) else {
                continue;
            };
            let v = value.as_ref();
            match target {
                Target::Tag => input.tag = v.to_string(),
                Target::Name => input.name = v.to_string(),
                Target::Category => input.category = v.to_string(),
                Target::Manufacturer => input.manufacturer = v.to_string(),
                Target::Model => input.model = v.to_string(),
                Target::Serial => input.serial = v.to_string(),
                Target::Status => {
                    let label = v.trim();
                    if label.is_empty() {
                        input.status = String::new();
                    } else {
                        match self.importer.status(label) {
                            StatusReading::Known(s) => input.status = s.id().to_string(),
                            StatusReading::Mapped(s) => {
                                input.status = s.id().to_string();
                                // The tool's own word is kept beside Tend's.
                                let key = format!("{} status", self.importer.format().label());
                                input.custom_fields.insert(key, label.to_string());
                            }
                            StatusReading::Unknown => {
                                p.error(column, raw, unknown_status(raw, self.importer))
                            }
                        }
                    }
                }
                Target::Location => input.location = v.to_string(),
                Target::LocationLevel(n) => {
                    has_levels = true;
                    let t = v.trim();
                    levels[usize::from(*n).min(3)] = (!t.is_empty()).then(|| t.to_string());
                }
                Target::RackUnit => input.rack_unit = v.to_string(),
                Target::AssignedTo => input.assigned_to = v.to_string(),
                Target::AssignedToPart(part) => {
                    let t = v.trim();
                    if !t.is_empty() {
                        assignee_parts.push((*part, t.to_string()));
                    }
                }
                Target::Hostname => input.hostname = v.to_string(),
                Target::IpAddress => input.ip_address = v.to_string(),
                Target::MacAddress => input.mac_address = v.to_string(),
                Target::Firmware => input.firmware = v.to_string(),
                Target::PurchaseDate => self.set_date(&mut input.purchase_date, column, v, raw, p),
                Target::EndOfLife => self.set_date(&mut input.end_of_life, column, v, raw, p),
                Target::EndOfSupport => self.set_date(&mut input.end_of_support, column, v, raw, p),
                Target::PurchaseCost => {
                    if let Some((amount, currency)) = self.money(column, v, raw, p) {
                        input.purchase_cost = amount;
                        if let Some(c) = currency {
                            cost_currency = Some((c, column.to_string(), v.to_string()));
                        }
                    }
                }
                Target::Currency => input.currency = v.to_string(),
                Target::Supplier => input.supplier = v.to_string(),
                Target::OrderNumber => input.order_number = v.to_string(),
                Target::Notes => {
                    let t = v.trim();
                    let parts = notes.get_or_insert_with(Vec::new);
                    if !t.is_empty() {
                        parts.push(t.to_string());
                    }
                }
                Target::CustomFields => {
                    if v.trim().is_empty() {
                        input.custom_fields.clear();
                    } else {
                        match serde_json::from_str::<BTreeMap<String, String>>(v) {
                            Ok(map) => input.custom_fields = map,
                            Err(_) => p.error(column, raw, "expected custom fields as a JSON object of texts, e.g. {\"Room\": \"B12\"}".into()),
                        }
                    }
                }
                Target::Custom(name) => {
                    if v.trim().is_empty() {
                        input.custom_fields.remove(name);
                    } else {
                        input.custom_fields.insert(name.clone(), v.to_string());
                    }
                }
                Target::Archived => match yes_no(v) {
                    Some(b) => extras.archived = Some(b),
                    None => p.error(
                        column,
                        raw,
                        format!("expected yes or no, got \"{}\"", v.trim()),
                    ),
                },
                Target::WarrantyEnd => {
                    if let Some(d) = self.date(column, v, raw, p) {
                        extras.warranty_end = (!d.is_empty()).then_some(d);
                    }
                }
                Target::WarrantyMonths => match crate::validate::whole_number(column, v, 0, 1200) {
                    Ok(m) => extras.warranty_months = m,
                    Err(_) => p.error(
                        column,
                        raw,
                        format!(
                            "expected a number of months from 0 to 1200, got \"{}\"",
                            v.trim()
                        ),
                    ),
                },
                Target::WarrantyDetails => {
                    let t = v.trim();
                    extras.warranty_details = (!t.is_empty()).then(|| t.to_string());
                }
                _ => {}
            }
        }
        if has_levels {
            let path: Vec<String> = levels.into_iter().flatten().collect();
            input.location = path.join(LOCATION_SEPARATOR);
        }
        if let Some(parts) = notes {
            input.notes = parts.join("\n\n");
        }
        if input.assigned_to.trim().is_empty() && !assignee_parts.is_empty() {
            input.assigned_to = assignee(&assignee_parts);
        }
        if let Some((symbol_currency, column, value)) = cost_currency {
            let declared = input.currency.trim().to_ascii_uppercase();
            if self.binding.has(&Target::Currency)
                && !declared.is_empty()
                && declared != symbol_currency
            {
                p.error(&column, &value, format!("the amount is in {symbol_currency} but the currency column says {declared}"));
            } else {
                input.currency = symbol_currency;
            }
        }
        extras
    }

    /// A work-log row: the tag of its asset and its input.
    pub fn work(
        &self,
        record: &csv::StringRecord,
        p: &mut RowProblems<'_>,
    ) -> (String, WorkLogInput) {
        let mut input = WorkLogInput::default();
        let mut tag = String::new();
        for (column, target, value, raw) in self.cells(record) {
            let Some(value) = self.usable(column, raw, value, p) else {
                continue;
            };
            let v = value.as_ref();
            match target {
                Target::AssetTag => tag = v.trim().to_string(),
                Target::WorkKind => input.kind = v.to_string(),
                Target::PerformedOn => self.set_date(&mut input.performed_on, column, v, raw, p),
                Target::PerformedBy => input.performed_by = v.to_string(),
                Target::Summary => input.summary = v.to_string(),
                Target::Details => input.details = v.to_string(),
                Target::Outcome => input.outcome = v.to_string(),
                Target::Cost => {
                    if let Some((amount, currency)) = self.money(column, v, raw, p) {
                        input.cost = amount;
                        if let Some(c) = currency.filter(|_| input.currency.is_empty()) {
                            input.currency = c;
                        }
                    }
                }
                Target::Currency if !v.trim().is_empty() => input.currency = v.to_string(),
                Target::DowntimeMinutes => input.downtime_minutes = v.to_string(),
                Target::PartsUsed => input.parts_used = v.to_string(),
                Target::CoveredByWarranty => match yes_no(v) {
                    Some(b) => input.covered_by_warranty = b,
                    None => p.error(
                        column,
                        raw,
                        format!("expected yes or no, got \"{}\"", v.trim()),
                    ),
                },
                Target::ExternalRef => input.external_ref = v.to_string(),
                _ => {}
            }
        }
        (tag, input)
    }

    /// A coverage row: the tag of its asset and its input.
    pub fn coverage(
        &self,
        record: &csv::StringRecord,
        p: &mut RowProblems<'_>,
    ) -> (String, CoverageInput) {
        let mut input = CoverageInput::default();
        let mut tag = String::new();
        for (column, target, value, raw) in self.cells(record) {
            let Some(value) = self.usable(column, raw, value, p) else {
                continue;
            };
            let v = value.as_ref();
            match target {
                Target::AssetTag => tag = v.trim().to_string(),
                Target::CoverageKind => input.kind = v.to_string(),
                Target::Provider => input.provider = v.to_string(),
                Target::Reference => input.reference = v.to_string(),
                Target::StartDate => self.set_date(&mut input.start_date, column, v, raw, p),
                Target::EndDate => self.set_date(&mut input.end_date, column, v, raw, p),
                Target::ServiceLevel => input.service_level = v.to_string(),
                Target::Cost => {
                    if let Some((amount, currency)) = self.money(column, v, raw, p) {
                        input.cost = amount;
                        if let Some(c) = currency.filter(|_| input.currency.is_empty()) {
                            input.currency = c;
                        }
                    }
                }
                Target::Currency if !v.trim().is_empty() => input.currency = v.to_string(),
                Target::NoticeDays => input.notice_days = v.to_string(),
                Target::Notes => input.notes = v.to_string(),
                _ => {}
            }
        }
        (tag, input)
    }

    /// Reports a validation error of the row's record against the column
    /// that fed the field (or the field's name when no column did).
    pub fn report(
        &self,
        record: &csv::StringRecord,
        kind_targets: &[Target],
        e: &Error,
        p: &mut RowProblems<'_>,
    ) {
        let field = e.field().unwrap_or("");
        let message = e.to_string();
        let target = kind_targets
            .iter()
            .find(|t| {
                t.id() == field
                    || (field == "kind" && matches!(t, Target::WorkKind | Target::CoverageKind))
            })
            .or(match field {
                "custom_fields" => Some(&Target::CustomFields),
                _ => None,
            });
        let column = target.and_then(|t| self.binding.column_of(t));
        match (column, target) {
            (Some(column), Some(t)) => {
                let value = self
                    .cell(record, t)
                    .map(|c| c.into_owned())
                    .unwrap_or_default();
                p.error(column, &value, message);
            }
            _ => p.error(field, "", message),
        }
    }
}
