//! One pass over the rows of an import: each row checked, matched to what
//! is stored (by tag, or serial) and written through the bulk store path,
//! with the counts and problems of the report kept as it goes. A tag (or
//! serial) seen twice is an error on both rows.

use super::field::{self, Target};
use super::options::*;
use super::preview::{self, ImportReport, Problem, Severity, MAX_PROBLEMS};
use super::row::{AssetExtras, RowProblems, RowReader};
use crate::model::Asset;
use crate::record::{self, AssetRecord, CoverageRecord};
use crate::store::import::ImportWriter;
use crate::Result;
use std::collections::HashMap;

/// What the first row with an asset key did (to take it back when the key
/// turns up again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Done {
    Rejected,
    Created,
    Updated,
    Unchanged,
}

/// The state of one pass over the rows.
pub(crate) struct Load<'a> {
    pub rows: &'a RowReader<'a>,
    pub options: &'a ImportOptions,
    pub default_currency: &'a str,
    pub report: &'a mut ImportReport,
    /// Asset key (tag or serial, ASCII lower case) → (first row, what it did).
    pub seen: HashMap<String, (u64, Done)>,
    pub width: usize,
    /// Whether the report already says how rows without a tag are
    /// identified (told once, on the first such row).
    pub told_identity: bool,
    /// The register's highest rack unit.
    pub rack_max: u16,
    /// Whether the report already says that positions above 60 U or half
    /// units were kept.
    pub told_rack: bool,
}

/// What checking an asset row needs from the store: the stored asset a row
/// matches, and the writes. [`ImportWriter`] does them in SQL; a
/// [`NewAssets`] queue takes the new assets of a file whose rows cannot
/// match anything stored, for another thread to insert.
pub(crate) trait AssetWrites {
    fn asset_by_tag(&self, tag: &str) -> Result<Option<Asset>>;
    fn assets_by_serial(&self, serial: &str) -> Result<Vec<Asset>>;
    fn update_asset(
        &mut self,
        old: &Asset,
        rec: &AssetRecord,
        archived: Option<bool>,
    ) -> Result<bool>;
    fn ensure_warranty(&mut self, asset_id: i64, rec: &CoverageRecord) -> Result<bool>;
    /// Inserts a new asset (archived when `archived`) and its warranty.
    fn insert_new(&mut self, asset: NewAsset) -> Result<()>;
}

/// A new asset of an import, checked.
pub(crate) struct NewAsset {
    pub rec: AssetRecord,
    pub archived: bool,
    pub warranty: Option<CoverageRecord>,
}

impl AssetWrites for ImportWriter<'_> {
    fn asset_by_tag(&self, tag: &str) -> Result<Option<Asset>> {
        ImportWriter::asset_by_tag(self, tag)
    }
    fn assets_by_serial(&self, serial: &str) -> Result<Vec<Asset>> {
        ImportWriter::assets_by_serial(self, serial)
    }
    fn update_asset(
        &mut self,
        old: &Asset,
        rec: &AssetRecord,
        archived: Option<bool>,
    ) -> Result<bool> {
        ImportWriter::update_asset(self, old, rec, archived)
    }
    fn ensure_warranty(&mut self, asset_id: i64, rec: &CoverageRecord) -> Result<bool> {
        ImportWriter::ensure_warranty(self, asset_id, rec)
    }
    fn insert_new(&mut self, asset: NewAsset) -> Result<()> {
        let id = self.insert_asset(&asset.rec, asset.archived)?;
        if let Some(w) = &asset.warranty {
            // A new asset has no cover to match or move.
            self.insert_new_coverage(id, w)?;
        }
        Ok(())
    }
}

/// The new assets of rows checked against a register that had no assets
/// (rows matched by tag): no row can match a stored asset, so checking
/// needs no SQL and can run beside the inserts.
#[derive(Default)]
pub(crate) struct NewAssets(pub Vec<NewAsset>);

impl AssetWrites for NewAssets {
    fn asset_by_tag(&self, _tag: &str) -> Result<Option<Asset>> {
        Ok(None)
    }
    fn assets_by_serial(&self, _serial: &str) -> Result<Vec<Asset>> {
        Err(unmatched())
    }
    fn update_asset(&mut self, _: &Asset, _: &AssetRecord, _: Option<bool>) -> Result<bool> {
        Err(unmatched())
    }
    fn ensure_warranty(&mut self, _: i64, _: &CoverageRecord) -> Result<bool> {
        Err(unmatched())
    }
    fn insert_new(&mut self, asset: NewAsset) -> Result<()> {
        self.0.push(asset);
        Ok(())
    }
}

fn unmatched() -> crate::Error {
    crate::Error::Internal {
        what: "import".into(),
        message: "rows of an import into an empty register matched a stored asset".into(),
    }
}

impl Load<'_> {
    /// Checks and writes one record (`row` as a spreadsheet numbers it).
    pub fn row(
        &mut self,
        writer: &mut ImportWriter<'_>,
        record: &csv::StringRecord,
        row: u64,
    ) -> Result<()> {
        if !self.admit(record, row) {
            return Ok(());
        }
        match self.report.kind {
            ImportKind::Assets => asset_row(self, writer, record, row),
            ImportKind::WorkLog => super::related::work_row(self, writer, record, row),
            ImportKind::Coverage => super::related::coverage_row(self, writer, record, row),
        }
    }

    /// [`Load::row`] for a file of assets, through any [`AssetWrites`].
    pub fn asset_row<W: AssetWrites>(
        &mut self,
        writer: &mut W,
        record: &csv::StringRecord,
        row: u64,
    ) -> Result<()> {
        debug_assert_eq!(self.report.kind, ImportKind::Assets);
        if !self.admit(record, row) {
            return Ok(());
        }
        asset_row(self, writer, record, row)
    }

    /// Counts a record that is not blank and has the header's width;
    /// a record of another width is rejected here.
    fn admit(&mut self, record: &csv::StringRecord, row: u64) -> bool {
        if record.iter().all(|c| c.trim().is_empty()) {
            return false; // a blank line or a row of empty cells
        }
        self.report.rows += 1;
        self.warn_of_swallowed_rows(record, row);
        self.keep_samples(record);
        if record.len() == self.width {
            return true;
        }
        let before = self.report.problems.len();
        let mut p = RowProblems {
            row,
            list: &mut self.report.problems,
            errors: 0,
        };
        p.error(
            "",
            "",
            format!(
                "has {} cells; the header has {} columns",
                record.len(),
                self.width
            ),
        );
        self.report.rejected += 1;
        self.count_problems(before);
        false
    }

    /// Warns of each cell of a record that holds lines looking like rows
    /// of the file (see [`preview::rows_swallowed`]): the row count of
    /// the report is then short of the file's, without any other sign.
    fn warn_of_swallowed_rows(&mut self, record: &csv::StringRecord, row: u64) {
        if !record.as_slice().contains(['\n', '\r']) {
            return;
        }
        let before = self.report.problems.len();
        let delimiter = self.report.delimiter.byte();
        for (i, cell) in record.iter().enumerate() {
            if let Some(rows) = preview::rows_swallowed(cell, delimiter, self.width) {
                let column = self.rows.binding.names.get(i).map_or("", String::as_str);
                self.report.problems.push(Problem::new(
                    row,
                    column,
                    cell,
                    preview::rows_swallowed_reason(rows),
                    Severity::Warning,
                ));
            }
        }
        self.count_problems(before);
    }

    /// Keeps the first values of each column no field takes, for the
    /// preview to show beside it.
    fn keep_samples(&mut self, record: &csv::StringRecord) {
        for column in &mut self.report.unmapped {
            if column.samples.len() >= super::preview::SAMPLES {
                continue;
            }
            let i = column.position as usize - 1;
            if let Some(cell) = record.get(i).filter(|c| !c.trim().is_empty()) {
                let shown: String = cell.chars().take(super::preview::MAX_VALUE_CHARS).collect();
                column.samples.push(shown);
            }
        }
    }

    /// Keeps the problem list bounded; the count goes on.
    fn count_problems(&mut self, before: usize) {
        let added = self.report.problems.len() - before;
        if self.report.problems.len() > MAX_PROBLEMS {
            self.report.problem_count += added as u64;
            self.report.problems.truncate(MAX_PROBLEMS);
        } else {
            self.report.problem_count = self.report.problems.len() as u64;
        }
    }

    pub(super) fn outcome(&mut self, before: usize, errors: usize, change: Option<bool>) -> Done {
        let done = if errors > 0 {
            self.report.rejected += 1;
            Done::Rejected
        } else {
            match change {
                None => {
                    self.report.created += 1;
                    Done::Created
                }
                Some(true) => {
                    self.report.updated += 1;
                    Done::Updated
                }
                Some(false) => {
                    self.report.unchanged += 1;
                    Done::Unchanged
                }
            }
        };
        self.count_problems(before);
        done
    }
}

fn asset_row<W: AssetWrites>(
    load: &mut Load<'_>,
    writer: &mut W,
    record: &csv::StringRecord,
    row: u64,
) -> Result<()> {
    let before = load.report.problems.len();
    let rows = load.rows;
    let by_serial = load.options.match_by == MatchBy::Serial;
    let mut tag_cell = rows
        .cell(record, &Target::Tag)
        .map(|c| c.trim().to_string())
        .unwrap_or_default();
    let serial_cell = rows
        .cell(record, &Target::Serial)
        .map(|c| c.trim().to_string())
        .unwrap_or_default();
    if tag_cell.is_empty() && (!by_serial || serial_cell.is_empty()) {
        let cells = |t: &Target| {
            let column = rows.binding.column_of(t)?.to_string();
            let value = rows.cell(record, t)?.trim().to_string();
            Some((column, value))
        };
        if let Some(identity) = rows.importer.identity(&cells) {
            if !load.told_identity {
                load.told_identity = true;
                let value = rows
                    .binding
                    .names
                    .iter()
                    .position(|n| *n == identity.column)
                    .and_then(|i| record.get(i))
                    .unwrap_or("");
                load.report.problems.push(Problem::new(
                    row,
                    &identity.column,
                    value,
                    format!(
                        "no asset tag: identified by {}, as the tag \"{}\" (rows after it without a tag likewise)",
                        identity.what, identity.tag
                    ),
                    Severity::Warning,
                ));
            }
            tag_cell = identity.tag;
        }
    }
    let mut p = RowProblems {
        row,
        list: &mut load.report.problems,
        errors: 0,
    };
    let key = if by_serial && !serial_cell.is_empty() {
        &serial_cell
    } else {
        &tag_cell
    };
    if key.is_empty() {
        let column = rows
            .binding
            .column_of(&Target::Tag)
            .unwrap_or("tag")
            .to_string();
        let reason = if by_serial {
            "has neither a serial number nor an asset tag".to_string()
        } else {
            "has no asset tag (match by serial number for files without tags)".to_string()
        };
        p.error(&column, "", reason);
        let errors = p.errors;
        load.outcome(before, errors, None);
        return Ok(());
    }
    // A tag (or serial) twice in one file: an error on both rows.
    let seen_key = key.to_ascii_lowercase();
    if let Some((first_row, first_done)) = load.seen.get(&seen_key).copied() {
        let serial_key = by_serial && !serial_cell.is_empty();
        let (what, target) = if serial_key {
            ("serial number", Target::Serial)
        } else {
            ("asset tag", Target::Tag)
        };
        let column = rows.binding.column_of(&target).unwrap_or("tag").to_string();
        p.error(
            &column,
            key,
            format!("the {what} \"{key}\" is also on row {first_row}"),
        );
        if first_done != Done::Rejected {
            p.list.push(Problem::new(
                first_row,
                &column,
                key,
                format!("the {what} \"{key}\" is also on row {row}"),
                Severity::Error,
            ));
            let counter = match first_done {
                Done::Created => &mut load.report.created,
                Done::Updated => &mut load.report.updated,
                _ => &mut load.report.unchanged,
            };
            *counter -= 1;
            load.report.rejected += 1;
            load.seen.insert(seen_key, (first_row, Done::Rejected));
        }
        load.outcome(before, 1, None);
        return Ok(());
    }
    load.seen.insert(seen_key.clone(), (row, Done::Rejected));
    let existing = if by_serial && !serial_cell.is_empty() {
        let mut found = writer.assets_by_serial(&serial_cell)?;
        if found.len() > 1 {
            let column = rows
                .binding
                .column_of(&Target::Serial)
                .unwrap_or("serial")
                .to_string();
            p.error(&column, &serial_cell, format!("the serial number \"{serial_cell}\" belongs to more than one stored asset; match by tag instead"));
            let errors = p.errors;
            load.outcome(before, errors, None);
            return Ok(());
        }
        found.pop()
    } else {
        writer.asset_by_tag(&tag_cell)?
    };
    let mut input = existing
        .as_ref()
        .map(record::asset_input)
        .unwrap_or_default();
    let extras = rows.apply_asset(record, &mut input, &mut p);
    if input.tag.trim().is_empty() {
        input.tag = if tag_cell.is_empty() {
            serial_cell.clone()
        } else {
            tag_cell.clone()
        };
    }
    if input.name.trim().is_empty() && rows.importer.name_from_model() {
        // Snipe-IT and NetBox rows often have no name: the model, else the tag.
        input.name = if input.model.trim().is_empty() {
            input.tag.clone()
        } else {
            input.model.clone()
        };
    }
    let targets = field::Target::for_kind(ImportKind::Assets);
    let rec = match AssetRecord::from_input(&input, load.default_currency).and_then(|rec| {
        crate::validate::rack_unit_within("rack_unit", rec.rack_unit, load.rack_max)?;
        Ok(rec)
    }) {
        Ok(rec) => {
            if !load.told_rack {
                load.told_rack = tell_rack_position(rows, record, &rec, &mut p);
            }
            Some(rec)
        }
        Err(e) => {
            rows.report(record, targets, &e, &mut p);
            None
        }
    };
    let warranty = rec
        .as_ref()
        .filter(|_| p.errors == 0)
        .and_then(|rec| warranty_of(rows, record, rec, &extras, load.default_currency, &mut p));
    let (Some(rec), 0) = (rec, p.errors) else {
        let errors = p.errors.max(1);
        load.outcome(before, errors, None);
        return Ok(());
    };
    let change = match &existing {
        Some(old) => {
            let changed = writer.update_asset(old, &rec, extras.archived)?;
            let warranty_changed = match &warranty {
                Some(w) => writer.ensure_warranty(old.id, w)?,
                None => false,
            };
            Some(changed || warranty_changed)
        }
        None => {
            writer.insert_new(NewAsset {
                rec,
                archived: extras.archived == Some(true),
                warranty,
            })?;
            None
        }
    };
    let done = load.outcome(before, 0, change);
    load.seen.insert(seen_key, (row, done));
    Ok(())
}

/// Says, on the first row that has one, that a position above 60 U or a
/// half unit was kept as it is (older registers refused them). True when
/// it told.
fn tell_rack_position(
    rows: &RowReader<'_>,
    record: &csv::StringRecord,
    rec: &AssetRecord,
    p: &mut RowProblems<'_>,
) -> bool {
    let Some(unit) = rec.rack_unit.filter(|u| u.is_half() || u.units() > 60) else {
        return false;
    };
    let column = rows
        .binding
        .column_of(&Target::RackUnit)
        .unwrap_or("rack_unit");
    let value = rows
        .cell(record, &Target::RackUnit)
        .map(|c| c.into_owned())
        .unwrap_or_default();
    let what = if unit.is_half() {
        format!("the half unit U{unit} is kept as it is")
    } else {
        format!("U{unit} is kept: racks taller than 60 U are accepted")
    };
    p.warning(
        column,
        &value,
        format!("{what} (rows after it likewise; the highest unit is the setting rack_units_max)"),
    );
    true
}

/// The manufacturer warranty a row gives: an end date, or months from the
/// purchase date (clamped to month end: 31 Jan + 1 month = 28/29 Feb).
fn warranty_of(
    rows: &RowReader<'_>,
    record: &csv::StringRecord,
    rec: &AssetRecord,
    extras: &AssetExtras,
    currency: &str,
    p: &mut RowProblems<'_>,
) -> Option<CoverageRecord> {
    let end = match (&extras.warranty_end, extras.warranty_months) {
        (Some(end), _) => end.clone(),
        (None, Some(0)) | (None, None) => return None,
        (None, Some(months)) => {
            let column = rows
                .binding
                .column_of(&Target::WarrantyMonths)
                .unwrap_or("warranty_months")
                .to_string();
            let value = rows
                .cell(record, &Target::WarrantyMonths)
                .map(|c| c.into_owned())
                .unwrap_or_default();
            let Some(start) = rec
                .purchase_date
                .as_deref()
                .and_then(crate::validate::parse_date)
            else {
                p.error(
                    &column,
                    &value,
                    "a warranty in months needs the purchase date it runs from".into(),
                );
                return None;
            };
            match start.checked_add_months(chrono::Months::new(months)) {
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => {
                    p.error(
                        &column,
                        &value,
                        "the warranty ends beyond the calendar".into(),
                    );
                    return None;
                }
            }
        }
    };
    let input = crate::model::CoverageInput {
        kind: "manufacturer_warranty".into(),
        provider: rec.manufacturer.clone().unwrap_or_default(),
        start_date: rec
            .purchase_date
            .clone()
            .filter(|s| s.as_str() <= end.as_str())
            .unwrap_or_default(),
        end_date: end,
        service_level: extras.warranty_details.clone().unwrap_or_default(),
        ..Default::default()
    };
    match CoverageRecord::from_input(&input, currency) {
        Ok(c) => Some(c),
        Err(e) => {
            let column = rows
                .binding
                .column_of(&Target::WarrantyEnd)
                .or(rows.binding.column_of(&Target::WarrantyDetails))
                .unwrap_or("warranty")
                .to_string();
            p.error(&column, "", e.to_string());
            None
        }
    }
}
