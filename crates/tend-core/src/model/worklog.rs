//! Work-log entries: repairs and completed maintenance.

use super::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of work an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WorkKind {
    Repair,
    PreventiveMaintenance,
    Inspection,
    Upgrade,
    Incident,
}

impl WorkKind {
    /// Words for people ("Preventive maintenance").
    pub fn label(self) -> &'static str {
        match self {
            WorkKind::Repair => "Repair",
            WorkKind::PreventiveMaintenance => "Preventive maintenance",
            WorkKind::Inspection => "Inspection",
            WorkKind::Upgrade => "Upgrade",
            WorkKind::Incident => "Incident",
        }
    }
}

/// How the work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Fixed,
    Workaround,
    Replaced,
    SentToVendor,
    CouldNotFix,
}

/// One entry of an asset's work log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkLogEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub asset_tag: String,
    #[ts(type = "number | null")]
    pub plan_id: Option<i64>,
    pub kind: WorkKind,
    /// ISO 8601 date the work was done.
    pub performed_on: String,
    pub performed_by: Option<String>,
    pub summary: String,
    pub details: Option<String>,
    pub outcome: Option<Outcome>,
    pub cost: Option<Money>,
    pub downtime_minutes: Option<u32>,
    pub parts_used: Option<String>,
    pub covered_by_warranty: bool,
    #[ts(type = "number | null")]
    pub coverage_id: Option<i64>,
    /// External ticket or RMA reference.
    pub external_ref: Option<String>,
    pub created_at: String,
    /// Who logged the entry (not who did the work: that is `performed_by`);
    /// absent for entries logged before schema v7.
    pub author: Option<String>,
    /// UTC timestamp of the last change (what an edit sends back as
    /// `expected_updated_at`).
    pub updated_at: String,
}

/// What a user gives to log work (text as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct WorkLogInput {
    /// `repair`, `preventive_maintenance`, `inspection`, `upgrade`, `incident`.
    pub kind: String,
    /// ISO 8601 date; defaults to today.
    pub performed_on: String,
    pub performed_by: String,
    pub summary: String,
    pub details: String,
    /// `fixed`, `workaround`, `replaced`, `sent_to_vendor`, `could_not_fix`.
    pub outcome: String,
    pub cost: String,
    pub currency: String,
    /// Whole minutes.
    pub downtime_minutes: String,
    pub parts_used: String,
    pub covered_by_warranty: bool,
    #[ts(type = "number | null")]
    pub coverage_id: Option<i64>,
    pub external_ref: String,
    /// The entry's `updated_at` when the form was opened (empty: do not
    /// check). When it has changed since, the save is refused with
    /// `Conflict` on `expected_updated_at`, saying who changed what.
    pub expected_updated_at: String,
}
