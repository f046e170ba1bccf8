//! Checked records: user input after validation, ready for the store. Each
//! `from_input` names the offending field when a value is not acceptable.
//! Lookups (category, vendors, people, location) are still names here; the
//! store resolves them to ids, creating new ones, inside the write transaction.

use crate::model::*;
use crate::validate::{self, NAME_MAX, NOTES_MAX, TAG_MAX, TEXT_MAX};
use crate::{Error, Result};
use std::collections::BTreeMap;

mod plan;
pub(crate) use plan::{CompletionRecord, PlanRecord};

/// The category used when none is given.
pub const DEFAULT_CATEGORY: &str = "Other";

/// A validated asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AssetRecord {
    pub tag: String,
    pub name: String,
    pub category: String,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub status: AssetStatus,
    pub location: Option<Vec<String>>,
    pub rack_unit: Option<RackUnit>,
    pub assigned_to: Option<String>,
    pub hostname: Option<String>,
    pub ip_address: Option<String>,
    pub mac_address: Option<String>,
    pub firmware: Option<String>,
    pub purchase_date: Option<String>,
    pub purchase_cost: Option<Money>,
    pub supplier: Option<String>,
    pub order_number: Option<String>,
    pub end_of_life: Option<String>,
    pub end_of_support: Option<String>,
    pub notes: Option<String>,
    pub custom_fields: BTreeMap<String, String>,
}

impl AssetRecord {
    pub fn from_input(input: &AssetInput, default_currency: &str) -> Result<AssetRecord> {
        let currency = validate::currency("currency", &input.currency, default_currency)?;
        let rack_unit = validate::rack_unit("rack_unit", &input.rack_unit)?;
        let location = validate::location_path("location", &input.location)?;
        if rack_unit.is_some() && location.is_none() {
            return Err(Error::validation(
                "rack_unit",
                "needs a location (the rack the unit is in)",
            ));
        }
        Ok(AssetRecord {
            tag: validate::required("tag", &input.tag, TAG_MAX)?,
            name: validate::required("name", &input.name, NAME_MAX)?,
            category: validate::optional("category", &input.category, TEXT_MAX)?
                .unwrap_or_else(|| DEFAULT_CATEGORY.to_string()),
            manufacturer: validate::optional("manufacturer", &input.manufacturer, TEXT_MAX)?,
            model: validate::optional("model", &input.model, TEXT_MAX)?,
            serial: validate::optional("serial", &input.serial, TEXT_MAX)?,
            status: validate::status("status", &input.status)?,
            location,
            rack_unit,
            assigned_to: validate::optional("assigned_to", &input.assigned_to, TEXT_MAX)?,
            hostname: validate::hostname("hostname", &input.hostname)?,
            ip_address: validate::ip_address("ip_address", &input.ip_address)?,
            mac_address: validate::mac_address("mac_address", &input.mac_address)?,
            firmware: validate::optional("firmware", &input.firmware, TEXT_MAX)?,
            purchase_date: validate::date("purchase_date", &input.purchase_date)?,
            purchase_cost: validate::money("purchase_cost", &input.purchase_cost, &currency)?,
            supplier: validate::optional("supplier", &input.supplier, TEXT_MAX)?,
            order_number: validate::optional("order_number", &input.order_number, TEXT_MAX)?,
            end_of_life: validate::date("end_of_life", &input.end_of_life)?,
            end_of_support: validate::date("end_of_support", &input.end_of_support)?,
            notes: validate::multiline("notes", &input.notes, NOTES_MAX)?,
            custom_fields: validate::custom_fields("custom_fields", &input.custom_fields)?,
        })
    }
}

/// Turns a stored asset back into the input that would recreate it.
pub(crate) fn asset_input(asset: &Asset) -> AssetInput {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    AssetInput {
        // Saving this input back is refused if the asset changed meanwhile.
        expected_updated_at: asset.updated_at.clone(),
        tag: asset.tag.clone(),
        name: asset.name.clone(),
        category: asset.category.clone(),
        manufacturer: opt(&asset.manufacturer),
        model: opt(&asset.model),
        serial: opt(&asset.serial),
        status: asset.status.id().to_string(),
        location: opt(&asset.location),
        rack_unit: asset.rack_unit.map(|u| u.to_string()).unwrap_or_default(),
        assigned_to: opt(&asset.assigned_to),
        hostname: opt(&asset.hostname),
        ip_address: opt(&asset.ip_address),
        mac_address: opt(&asset.mac_address),
        firmware: opt(&asset.firmware),
        purchase_date: opt(&asset.purchase_date),
        purchase_cost: asset
            .purchase_cost
            .as_ref()
            .map(Money::amount_text)
            .unwrap_or_default(),
        currency: asset
            .purchase_cost
            .as_ref()
            .map(|m| m.currency.clone())
            .unwrap_or_default(),
        supplier: opt(&asset.supplier),
        order_number: opt(&asset.order_number),
        end_of_life: opt(&asset.end_of_life),
        end_of_support: opt(&asset.end_of_support),
        notes: opt(&asset.notes),
        custom_fields: asset.custom_fields.clone(),
    }
}

/// A validated coverage record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoverageRecord {
    pub kind: CoverageKind,
    pub provider: Option<String>,
    pub reference: Option<String>,
    pub start_date: Option<String>,
    pub end_date: String,
    pub service_level: Option<String>,
    pub cost: Option<Money>,
    pub notice_days: Option<u32>,
    pub notes: Option<String>,
}

impl CoverageRecord {
    pub fn from_input(input: &CoverageInput, default_currency: &str) -> Result<CoverageRecord> {
        let currency = validate::currency("currency", &input.currency, default_currency)?;
        let start_date = validate::date("start_date", &input.start_date)?;
        let end_date = validate::date("end_date", &input.end_date)?
            .ok_or_else(|| Error::validation("end_date", "is required (a date as YYYY-MM-DD)"))?;
        if start_date.as_deref().is_some_and(|s| s > end_date.as_str()) {
            return Err(Error::validation(
                "end_date",
                format!("{end_date} is before the start date"),
            ));
        }
        Ok(CoverageRecord {
            kind: validate::choice(
                "kind",
                &input.kind,
                Some(CoverageKind::ManufacturerWarranty),
            )?,
            provider: validate::optional("provider", &input.provider, TEXT_MAX)?,
            reference: validate::optional("reference", &input.reference, TEXT_MAX)?,
            start_date,
            end_date,
            service_level: validate::optional("service_level", &input.service_level, TEXT_MAX)?,
            cost: validate::money("cost", &input.cost, &currency)?,
            notice_days: validate::whole_number("notice_days", &input.notice_days, 0, 3650)?,
            notes: validate::multiline("notes", &input.notes, NOTES_MAX)?,
        })
    }
}

/// A validated work-log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WorkRecord {
    pub kind: WorkKind,
    pub performed_on: String,
    pub performed_by: Option<String>,
    pub summary: String,
    pub details: Option<String>,
    pub outcome: Option<Outcome>,
    pub cost: Option<Money>,
    pub downtime_minutes: Option<u32>,
    pub parts_used: Option<String>,
    pub covered_by_warranty: bool,
    pub coverage_id: Option<i64>,
    pub external_ref: Option<String>,
}

/// Longest downtime accepted: one year in minutes.
pub const DOWNTIME_MAX_MINUTES: u32 = 366 * 24 * 60;

impl WorkRecord {
    pub fn from_input(
        input: &WorkLogInput,
        default_currency: &str,
        today: chrono::NaiveDate,
    ) -> Result<WorkRecord> {
        let currency = validate::currency("currency", &input.currency, default_currency)?;
        let outcome = if input.outcome.trim().is_empty() {
            None
        } else {
            Some(validate::choice::<Outcome>(
                "outcome",
                &input.outcome,
                None,
            )?)
        };
        Ok(WorkRecord {
            kind: validate::choice("kind", &input.kind, Some(WorkKind::Repair))?,
            performed_on: validate::date("performed_on", &input.performed_on)?
                .unwrap_or_else(|| today.format("%Y-%m-%d").to_string()),
            performed_by: validate::optional("performed_by", &input.performed_by, TEXT_MAX)?,
            summary: validate::required("summary", &input.summary, NAME_MAX)?,
            details: validate::multiline("details", &input.details, NOTES_MAX)?,
            outcome,
            cost: validate::money("cost", &input.cost, &currency)?,
            downtime_minutes: validate::whole_number(
                "downtime_minutes",
                &input.downtime_minutes,
                0,
                DOWNTIME_MAX_MINUTES,
            )?,
            parts_used: validate::multiline("parts_used", &input.parts_used, NOTES_MAX)?,
            covered_by_warranty: input.covered_by_warranty,
            coverage_id: input.coverage_id,
            external_ref: validate::optional("external_ref", &input.external_ref, TEXT_MAX)?,
        })
    }
}

/// The fields of an asset as people read them, for history entries: one
/// (field, value) pair per stored field, lookups by name.
pub(crate) fn asset_field_values(a: &Asset) -> Vec<(&'static str, Option<String>)> {
    let custom = if a.custom_fields.is_empty() {
        None
    } else {
        serde_json::to_string(&a.custom_fields).ok()
    };
    vec![
        ("tag", Some(a.tag.clone())),
        ("name", Some(a.name.clone())),
        ("category", Some(a.category.clone())),
        ("manufacturer", a.manufacturer.clone()),
        ("model", a.model.clone()),
        ("serial", a.serial.clone()),
        ("status", Some(a.status.label().to_string())),
        ("location", a.location.clone()),
        ("rack_unit", a.rack_unit.map(|u| u.to_string())),
        ("assigned_to", a.assigned_to.clone()),
        ("hostname", a.hostname.clone()),
        ("ip_address", a.ip_address.clone()),
        ("mac_address", a.mac_address.clone()),
        ("firmware", a.firmware.clone()),
        ("purchase_date", a.purchase_date.clone()),
        (
            "purchase_cost",
            a.purchase_cost.as_ref().map(Money::to_string),
        ),
        ("supplier", a.supplier.clone()),
        ("order_number", a.order_number.clone()),
        ("end_of_life", a.end_of_life.clone()),
        ("end_of_support", a.end_of_support.clone()),
        ("notes", a.notes.clone()),
        ("custom_fields", custom),
    ]
}

/// The fields of a coverage record as people read them.
pub(crate) fn coverage_field_values(c: &Coverage) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(c.kind.id().to_string())),
        ("provider", c.provider.clone()),
        ("reference", c.reference.clone()),
        ("start_date", c.start_date.clone()),
        ("end_date", Some(c.end_date.clone())),
        ("service_level", c.service_level.clone()),
        ("cost", c.cost.as_ref().map(Money::to_string)),
        ("notice_days", c.notice_days.map(|n| n.to_string())),
        ("notes", c.notes.clone()),
    ]
}

/// The fields of a work-log entry as people read them.
pub(crate) fn work_field_values(w: &WorkLogEntry) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(w.kind.id().to_string())),
        ("performed_on", Some(w.performed_on.clone())),
        ("performed_by", w.performed_by.clone()),
        ("summary", Some(w.summary.clone())),
        ("details", w.details.clone()),
        ("outcome", w.outcome.map(|o| o.id().to_string())),
        ("cost", w.cost.as_ref().map(Money::to_string)),
        (
            "downtime_minutes",
            w.downtime_minutes.map(|n| n.to_string()),
        ),
        ("parts_used", w.parts_used.clone()),
        (
            "covered_by_warranty",
            Some(w.covered_by_warranty.to_string()),
        ),
        ("coverage_id", w.coverage_id.map(|n| n.to_string())),
        ("external_ref", w.external_ref.clone()),
    ]
}

/// (field, old, new) for every field whose value differs.
pub(crate) fn changed_fields(
    old: Vec<(&'static str, Option<String>)>,
    new: Vec<(&'static str, Option<String>)>,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    old.into_iter()
        .zip(new)
        .filter(|((_, o), (_, n))| o != n)
        .map(|((f, o), (_, n))| (f, o, n))
        .collect()
}
