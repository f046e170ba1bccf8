//! The estate at a glance, for the desktop's Home: headline figures, the
//! assets by category and status, repair cost and downtime per month, and
//! the latest work logged.

use super::{AssetStatus, Money, WorkLogEntry};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many days ahead "cover ending soon" looks.
pub const COVER_ENDING_DAYS: u32 = 90;

/// How many months the repair chart covers, this one included.
pub const REPAIR_MONTHS: usize = 12;

/// Everything Home shows, judged on `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Overview {
    /// The day the figures are judged on (ISO 8601).
    pub today: String,
    /// Assets in service (archived ones not counted).
    #[ts(type = "number")]
    pub in_service: u64,
    /// Cover of the active assets (in service, in repair, spare).
    pub cover: CoverCounts,
    /// Maintenance past its due date, and due from today to 7 days ahead.
    #[ts(type = "number")]
    pub maintenance_overdue: u64,
    #[ts(type = "number")]
    pub maintenance_due_this_week: u64,
    /// Repairs in this calendar quarter so far, and in the whole last one.
    pub this_quarter: RepairFigures,
    pub last_quarter: RepairFigures,
    /// Assets (not archived) per category and status, by category name.
    pub by_category: Vec<CategoryStatusCount>,
    /// Repairs per month, oldest first, ending with this month.
    pub months: Vec<RepairFigures>,
    /// The latest work-log entries, newest first.
    pub latest_work: Vec<WorkLogEntry>,
}

/// Active assets by the end of their last cover.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoverCounts {
    /// Cover ends later than [`COVER_ENDING_DAYS`] from today.
    #[ts(type = "number")]
    pub covered: u64,
    /// Cover ends from today to [`COVER_ENDING_DAYS`] ahead.
    #[ts(type = "number")]
    pub ending: u64,
    /// All cover ended before today.
    #[ts(type = "number")]
    pub ended: u64,
    /// No cover recorded at all.
    #[ts(type = "number")]
    pub none: u64,
    /// The window of `ending`, in days.
    pub ending_days: u32,
}

/// Repairs in a period: how many, what they cost (one amount per
/// currency, by currency code) and the downtime they caused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RepairFigures {
    /// First and last day of the period (ISO 8601).
    pub from: String,
    pub to: String,
    #[ts(type = "number")]
    pub repairs: u64,
    pub cost: Vec<Money>,
    #[ts(type = "number")]
    pub downtime_minutes: u64,
}

/// How many assets of a category have a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CategoryStatusCount {
    #[ts(type = "number")]
    pub category_id: i64,
    pub category: String,
    pub status: AssetStatus,
    #[ts(type = "number")]
    pub count: u64,
}
