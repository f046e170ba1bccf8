//! The due list: everything with a date that needs attention — maintenance,
//! coverage ending or ended, renewal notices, end of life and end of support —
//! and the effective coverage of an asset on a date.

use super::Coverage;
pub use crate::schedule::DueState;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;

/// What a due item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DueKind {
    /// The next occurrence of a maintenance plan.
    Maintenance,
    /// The asset's last coverage ends (or has ended).
    CoverageEnd,
    /// A contract's renewal must be decided by end − notice days.
    RenewalNotice,
    EndOfLife,
    EndOfSupport,
}

impl DueKind {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            DueKind::Maintenance => "Maintenance",
            DueKind::CoverageEnd => "Coverage ends",
            DueKind::RenewalNotice => "Renewal notice",
            DueKind::EndOfLife => "End of life",
            DueKind::EndOfSupport => "End of support",
        }
    }
}

/// One line of the due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueItem {
    pub kind: DueKind,
    pub state: DueState,
    /// ISO 8601 date the item falls due (or fell due, or ended).
    pub date: String,
    /// Days from today to `date`: negative when it has passed.
    #[ts(type = "number")]
    pub days: i64,
    /// One line for people: the plan title, the coverage, "End of life".
    pub title: String,
    #[ts(type = "number")]
    pub asset_id: i64,
    pub asset_tag: String,
    pub asset_name: String,
    pub location: Option<String>,
    /// The plan's assignee, or for other kinds the asset's assigned person.
    pub assignee: Option<String>,
    #[ts(type = "number | null")]
    pub plan_id: Option<i64>,
    #[ts(type = "number | null")]
    pub coverage_id: Option<i64>,
    /// For overdue maintenance: how many occurrences have passed undone
    /// (1 when only this one).
    pub periods_overdue: u32,
    /// For maintenance: the occurrence was snoozed to `date`.
    pub snoozed: bool,
}

/// What to list. Items dated up to `today + horizon_days` are listed, and
/// maintenance also within its own lead time; overdue and expired items are
/// always listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct DueQuery {
    pub horizon_days: u32,
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
    /// This location and everything below it.
    #[ts(type = "number | null")]
    pub location_id: Option<i64>,
    /// The person or team, by name (ignoring case).
    pub assignee: Option<String>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<DueKind>,
    /// At most this many items, most urgent first (all when `None`).
    pub limit: Option<u32>,
}

impl Default for DueQuery {
    fn default() -> Self {
        DueQuery {
            horizon_days: 30,
            category_id: None,
            location_id: None,
            assignee: None,
            kinds: Vec::new(),
            limit: None,
        }
    }
}

/// The due list on a day, most urgent first: overdue, due today, expired
/// (most recently first), then upcoming (soonest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueList {
    /// ISO 8601 date the list was computed for.
    pub today: String,
    pub horizon_days: u32,
    // Shared, so that a list kept in memory hands out its items without
    // copying them.
    pub items: Vec<Arc<DueItem>>,
    /// True when `limit` cut the list short.
    pub truncated: bool,
    /// How many items of each state the whole list holds (also when `limit`
    /// shows fewer).
    pub counts: DueCounts,
}

/// How many items of each state, for headlines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueCounts {
    pub overdue: u32,
    pub due: u32,
    pub expired: u32,
    pub upcoming: u32,
}

impl DueCounts {
    /// Counts the states of `items`.
    pub fn of(items: &[Arc<DueItem>]) -> DueCounts {
        let mut c = DueCounts::default();
        for item in items {
            match item.state {
                DueState::Overdue => c.overdue += 1,
                DueState::Due => c.due += 1,
                DueState::Expired => c.expired += 1,
                DueState::Upcoming => c.upcoming += 1,
            }
        }
        c
    }
}

/// Whether an asset is under coverage on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoverageStatus {
    /// ISO 8601 date asked about.
    pub date: String,
    /// The effective coverage: of those active on the date, the one that
    /// runs longest (latest end date, then the newest record).
    pub coverage: Option<Coverage>,
    /// Days from `date` to the coverage's end (0 on its last day).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
}

impl CoverageStatus {
    /// True when some coverage is active on the date.
    pub fn covered(&self) -> bool {
        self.coverage.is_some()
    }
}

/// What changed since a given day, for the start-up notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueSince {
    /// The day last looked at (`None` on the first launch).
    pub since: Option<String>,
    pub today: String,
    /// Items that became due, overdue or expired after `since` (all of them
    /// on the first launch).
    pub newly: Vec<Arc<DueItem>>,
    pub counts: DueCounts,
}
