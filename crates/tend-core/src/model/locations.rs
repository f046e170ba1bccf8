//! The locations screen: the site › building › room › rack tree with what
//! each place holds, and a rack's front view.

use super::{Location, RackUnit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The height of a rack drawn when nothing in it reaches higher.
pub const RACK_HEIGHT_DEFAULT: u32 = 42;

/// A place in the tree, with counts here and below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocationNode {
    pub location: Location,
    /// How deep it is (0 for a site).
    pub depth: u32,
    /// Assets (not archived) here and anywhere below.
    #[ts(type = "number")]
    pub assets: u64,
    /// Overdue maintenance of those assets.
    #[ts(type = "number")]
    pub overdue: u64,
}

/// One device in a rack, from its position up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackDevice {
    #[ts(type = "number")]
    pub asset_id: i64,
    pub tag: String,
    pub name: String,
    pub model: Option<String>,
    /// The lowest unit it occupies (a JSON number: 12, 10.5).
    #[ts(type = "number")]
    pub position: RackUnit,
    /// Units it takes (its model's height; 1 when the model's is not set).
    pub height: u32,
    /// Whether the model's height is set (else drawn 1 U and said so).
    pub height_known: bool,
    /// Other devices sharing one of its units, by tag.
    pub overlaps: Vec<String>,
}

/// A rack, front view: devices by unit, U1 at the bottom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackView {
    pub rack: Location,
    /// Units drawn: 42, or more when a device reaches higher.
    pub units: u32,
    /// Placed devices, lowest first.
    pub devices: Vec<RackDevice>,
    /// Assets in the rack with no position, by tag.
    pub unplaced: Vec<UnplacedAsset>,
}

/// An asset in a rack with no unit recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnplacedAsset {
    #[ts(type = "number")]
    pub asset_id: i64,
    pub tag: String,
    pub name: String,
}
