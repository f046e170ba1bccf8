//! Change history: every change to every record, kept for an asset's story.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which kind of record a history entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntityKind {
    Asset,
    Coverage,
    Plan,
    WorkLog,
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeAction {
    Created,
    Updated,
    Deleted,
    Archived,
    Restored,
}

/// One recorded change. A creation or deletion is one entry with no field;
/// an update is one entry per changed field with its old and new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// UTC timestamp, RFC 3339.
    pub at: String,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub entity: EntityKind,
    #[ts(type = "number")]
    pub entity_id: i64,
    pub action: ChangeAction,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// One line for people, e.g. "Repair: replaced PSU" or "status: in service → in repair".
    pub summary: String,
    /// Who made the change (on SQLite the operating-system user unless a
    /// front door named someone else); absent for changes made before schema v7.
    pub author: Option<String>,
}
