//! Assets: one piece of hardware in the register.

use super::{Money, RackUnit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Lifecycle status of an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssetStatus {
    InService,
    InRepair,
    Spare,
    Retired,
    Disposed,
    Lost,
}

impl AssetStatus {
    pub const ALL: [AssetStatus; 6] = [
        AssetStatus::InService,
        AssetStatus::InRepair,
        AssetStatus::Spare,
        AssetStatus::Retired,
        AssetStatus::Disposed,
        AssetStatus::Lost,
    ];

    /// The stable identifier stored in the database and used on the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetStatus::InService => "in_service",
            AssetStatus::InRepair => "in_repair",
            AssetStatus::Spare => "spare",
            AssetStatus::Retired => "retired",
            AssetStatus::Disposed => "disposed",
            AssetStatus::Lost => "lost",
        }
    }

    /// Words for people ("in service").
    pub fn label(self) -> &'static str {
        match self {
            AssetStatus::InService => "in service",
            AssetStatus::InRepair => "in repair",
            AssetStatus::Spare => "spare / in stock",
            AssetStatus::Retired => "retired",
            AssetStatus::Disposed => "disposed",
            AssetStatus::Lost => "lost",
        }
    }

    /// Parses the identifier or the label, ignoring case, spaces, `-` and `_`.
    pub fn parse(s: &str) -> Option<AssetStatus> {
        let norm: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        AssetStatus::ALL.into_iter().find(|st| {
            let id: String = st.as_str().chars().filter(|c| *c != '_').collect();
            norm == id || (norm == "spareinstock" && *st == AssetStatus::Spare)
        })
    }
}

/// An asset as stored, with lookups resolved to names for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Asset {
    #[ts(type = "number")]
    pub id: i64,
    pub tag: String,
    pub name: String,
    #[ts(type = "number")]
    pub category_id: i64,
    pub category: String,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub status: AssetStatus,
    #[ts(type = "number | null")]
    pub location_id: Option<i64>,
    /// Full path, e.g. "HQ › Building A › Server room › Rack 3".
    pub location: Option<String>,
    /// Rack position in units; half units (10.5) are kept.
    #[ts(type = "number | null")]
    pub rack_unit: Option<RackUnit>,
    pub assigned_to: Option<String>,
    pub hostname: Option<String>,
    pub ip_address: Option<String>,
    pub mac_address: Option<String>,
    pub firmware: Option<String>,
    /// ISO 8601 calendar date.
    pub purchase_date: Option<String>,
    pub purchase_cost: Option<Money>,
    pub supplier: Option<String>,
    pub order_number: Option<String>,
    pub end_of_life: Option<String>,
    pub end_of_support: Option<String>,
    pub notes: Option<String>,
    pub custom_fields: BTreeMap<String, String>,
    /// Set when the asset was archived (hidden from the default list).
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a user gives to create or update an asset. Text as typed: the core
/// parses dates (ISO 8601, `YYYY-MM-DD`), money (`1234.56`) and the status,
/// and names the field when a value is not acceptable. Empty strings mean
/// "not set". Lookups are given by name and created when new.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct AssetInput {
    pub tag: String,
    pub name: String,
    /// Category name; matched ignoring case, created when new. Defaults to "Other".
    pub category: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    /// Status identifier or label; defaults to in service.
    pub status: String,
    /// Location path, levels separated by "›", ">" or "/"
    /// (site › building › room › rack); created when new.
    pub location: String,
    pub rack_unit: String,
    pub assigned_to: String,
    pub hostname: String,
    pub ip_address: String,
    pub mac_address: String,
    pub firmware: String,
    pub purchase_date: String,
    /// Amount in major units, e.g. "1234.56".
    pub purchase_cost: String,
    /// ISO 4217 code; defaults to the `currency` setting.
    pub currency: String,
    pub supplier: String,
    pub order_number: String,
    pub end_of_life: String,
    pub end_of_support: String,
    pub notes: String,
    pub custom_fields: BTreeMap<String, String>,
    /// The record's `updated_at` when the form was opened (empty: do not
    /// check). When the record has changed since, the save is refused with
    /// `Conflict` on `expected_updated_at`, saying who changed what.
    pub expected_updated_at: String,
}

/// Columns the asset list can be sorted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssetSortColumn {
    #[default]
    Tag,
    Name,
    Category,
    Status,
    Location,
    Manufacturer,
    Model,
    Serial,
    Hostname,
    IpAddress,
    AssignedTo,
    PurchaseDate,
    PurchaseCost,
    EndOfLife,
    EndOfSupport,
    UpdatedAt,
}

/// Filters, sort and page for the asset list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct AssetQuery {
    /// Free text, matched with the full-text index against tag, name, serial,
    /// hostname, IP, MAC, model and notes (prefix match on each word).
    pub search: Option<String>,
    pub status: Option<AssetStatus>,
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
    /// Matches this location and everything below it.
    #[ts(type = "number | null")]
    pub location_id: Option<i64>,
    /// Assigned to this person or team.
    #[ts(type = "number | null")]
    pub assigned_to_id: Option<i64>,
    /// By the end of the asset's last cover.
    pub cover: Option<CoverFilter>,
    /// With a repair logged in this period.
    pub repaired: Option<Period>,
    /// Only these assets (a selection), when not empty; at most
    /// [`SELECTION_MAX`].
    #[ts(type = "number[]")]
    pub ids: Vec<i64>,
    pub include_archived: bool,
    pub sort: AssetSortColumn,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for AssetQuery {
    fn default() -> Self {
        AssetQuery {
            search: None,
            status: None,
            category_id: None,
            location_id: None,
            assigned_to_id: None,
            cover: None,
            repaired: None,
            ids: Vec::new(),
            include_archived: false,
            sort: AssetSortColumn::Tag,
            descending: false,
            offset: 0,
            limit: 50,
        }
    }
}

/// The most assets a query names one by one (`AssetQuery::ids`).
pub const SELECTION_MAX: usize = 10_000;

/// Where an asset's cover stands on a day: judged by the end of its last
/// cover, as the warranty report and Home judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CoverState {
    /// Cover ends on the day or later.
    InCover,
    /// Cover ends from the day to `within_days` later.
    Ending,
    /// All cover ended before the day.
    Ended,
    /// No cover recorded.
    None,
}

/// The cover filter of the asset list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CoverFilter {
    pub state: CoverState,
    /// For `ending`: how many days ahead.
    #[serde(default)]
    pub within_days: u32,
    /// The day cover is judged on (ISO 8601). The front door sets it from
    /// its clock; the core refuses a filter without it.
    #[serde(default)]
    pub on: Option<String>,
}

/// Days from `from` to `to`, both included (ISO 8601).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// One page of the asset list and the number of assets matching the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetPage {
    pub rows: Vec<Asset>,
    #[ts(type = "number")]
    pub total: u64,
}
