//! Lookups that assets refer to by name: categories, locations, vendors, people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A named record (category, vendor, person or team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Lookup {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// Which lookup list is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LookupKind {
    Category,
    Vendor,
    Person,
}

/// The level of a location in the hierarchy site › building › room › rack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LocationKind {
    Site,
    Building,
    Room,
    Rack,
}

/// A node of the location tree, with its full path for display
/// ("HQ › Building A › Server room › Rack 3").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Location {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
    pub name: String,
    pub kind: LocationKind,
    pub path: String,
}

/// Separator used when a location path is displayed.
pub const LOCATION_SEPARATOR: &str = " › ";
