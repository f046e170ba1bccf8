//! Coverage: warranties and support contracts; an asset can have several.

use super::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What sort of cover a coverage record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CoverageKind {
    ManufacturerWarranty,
    ExtendedWarranty,
    SupportContract,
}

impl CoverageKind {
    /// Words for people ("Manufacturer warranty").
    pub fn label(self) -> &'static str {
        match self {
            CoverageKind::ManufacturerWarranty => "Manufacturer warranty",
            CoverageKind::ExtendedWarranty => "Extended warranty",
            CoverageKind::SupportContract => "Support contract",
        }
    }
}

/// A warranty or support contract on one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Coverage {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub kind: CoverageKind,
    pub provider: Option<String>,
    pub reference: Option<String>,
    /// ISO 8601 dates.
    pub start_date: Option<String>,
    pub end_date: String,
    /// e.g. "next business day on-site".
    pub service_level: Option<String>,
    pub cost: Option<Money>,
    /// Days before `end_date` by which a renewal must be decided.
    pub notice_days: Option<u32>,
    pub notes: Option<String>,
    /// UTC timestamp of the last change (what an edit form sends back as
    /// `expected_updated_at`).
    pub updated_at: String,
}

/// What a user gives to create or update a coverage record (text as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct CoverageInput {
    /// `manufacturer_warranty`, `extended_warranty` or `support_contract`.
    pub kind: String,
    pub provider: String,
    pub reference: String,
    pub start_date: String,
    pub end_date: String,
    pub service_level: String,
    pub cost: String,
    pub currency: String,
    pub notice_days: String,
    pub notes: String,
    /// The record's `updated_at` when the form was opened (empty: do not
    /// check). When the record has changed since, the save is refused with
    /// `Conflict` on `expected_updated_at`, saying who changed what.
    pub expected_updated_at: String,
}
