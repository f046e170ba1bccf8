//! The calendar of recurring maintenance: pure functions, the clock passed in.
//!
//! A plan's due dates lie on a grid `start + k × interval`. Every grid date is
//! computed from the anchor (the start date), never from the previous date, so
//! month-end clamping never drifts: a plan anchored on 31 January is due 28/29
//! February, 31 March, 30 April, 31 May. Dates are calendar dates; no time zone
//! or daylight-saving change can move one.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The unit of a recurrence interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IntervalUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl IntervalUnit {
    /// The stable identifier stored in the database and used on the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            IntervalUnit::Days => "days",
            IntervalUnit::Weeks => "weeks",
            IntervalUnit::Months => "months",
            IntervalUnit::Years => "years",
        }
    }

    /// Parses "day", "days", "d", "week", "w", "month", "m", "year", "y"
    /// ignoring case.
    pub fn parse(s: &str) -> Option<IntervalUnit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => Some(IntervalUnit::Days),
            "w" | "week" | "weeks" => Some(IntervalUnit::Weeks),
            "m" | "month" | "months" => Some(IntervalUnit::Months),
            "y" | "year" | "years" => Some(IntervalUnit::Years),
            _ => None,
        }
    }
}

/// "Every N units".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Interval {
    pub every: u32,
    pub unit: IntervalUnit,
}

impl Interval {
    /// The date `n` intervals after `anchor`, clamped to the month's end where
    /// the anchor day does not exist. `None` past the end of the calendar.
    pub fn nth_after(self, anchor: NaiveDate, n: u32) -> Option<NaiveDate> {
        let steps = self.every.checked_mul(n)?;
        match self.unit {
            IntervalUnit::Days => anchor.checked_add_signed(Duration::days(i64::from(steps))),
            IntervalUnit::Weeks => anchor.checked_add_signed(Duration::weeks(i64::from(steps))),
            // chrono clamps to the last day of the target month.
            IntervalUnit::Months => anchor.checked_add_months(Months::new(steps)),
            IntervalUnit::Years => anchor.checked_add_months(Months::new(steps.checked_mul(12)?)),
        }
    }

    /// A lower bound on the number of whole intervals from `anchor` to `date`
    /// (exact for days and weeks), used to jump close to a date on the grid
    /// without walking it from the start.
    fn periods_before(self, anchor: NaiveDate, date: NaiveDate) -> u32 {
        if date <= anchor {
            return 0;
        }
        let every = i64::from(self.every.max(1));
        let n = match self.unit {
            IntervalUnit::Days => (date - anchor).num_days() / every,
            IntervalUnit::Weeks => (date - anchor).num_days() / (7 * every),
            IntervalUnit::Months => months_between(anchor, date) / every,
            IntervalUnit::Years => months_between(anchor, date) / (12 * every),
        };
        u32::try_from(n.saturating_sub(1).max(0)).unwrap_or(u32::MAX)
    }
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// How the next due date follows from a completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Anchoring {
    /// Calendar-anchored: due dates stay on the grid whenever the work is done.
    Fixed,
    /// Due one interval after the last completion.
    Floating,
}

/// Why a schedule is not acceptable; each names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("interval: must be at least 1 (got {0})")]
    ZeroInterval(u32),
    #[error("end_date: {end} is before the start date {start}")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("completed_on: {completed} is before the plan's start date {start}")]
    CompletedBeforeStart {
        completed: NaiveDate,
        start: NaiveDate,
    },
    #[error("completed_on: {completed} is in the future (today is {today})")]
    CompletedInFuture {
        completed: NaiveDate,
        today: NaiveDate,
    },
    #[error("completed_on: {completed} is before the last completion on {last}")]
    CompletedBeforeLast {
        completed: NaiveDate,
        last: NaiveDate,
    },
}

impl ScheduleError {
    /// The field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            ScheduleError::ZeroInterval(_) => "interval",
            ScheduleError::EndBeforeStart { .. } => "end_date",
            _ => "completed_on",
        }
    }
}

/// The recurrence of a maintenance plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Schedule {
    pub interval: Interval,
    pub anchoring: Anchoring,
    /// The anchor: the first due date, and the origin of the fixed grid.
    pub start: NaiveDate,
    /// No occurrence falls after this date.
    pub end: Option<NaiveDate>,
}

/// What a completion does to a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advance {
    /// The next due date; `None` when the plan has ended.
    pub next_due: Option<NaiveDate>,
    /// Grid dates passed without their own completion (fixed plans only):
    /// recorded as missed, never silently skipped.
    pub missed: Vec<NaiveDate>,
}

impl Schedule {
    /// Checks the interval and the end date.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if self.interval.every == 0 {
            return Err(ScheduleError::ZeroInterval(0));
        }
        if let Some(end) = self.end {
            if end < self.start {
                return Err(ScheduleError::EndBeforeStart {
                    start: self.start,
                    end,
                });
            }
        }
        Ok(())
    }

    /// The first due date: the start, unless the plan ends before it.
    pub fn first_due(&self) -> Option<NaiveDate> {
        self.within_end(Some(self.start))
    }

    fn within_end(&self, date: Option<NaiveDate>) -> Option<NaiveDate> {
        date.filter(|d| self.end.is_none_or(|end| *d <= end))
    }

    /// The first date of the fixed grid strictly after `date`.
    pub fn grid_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut n = self.interval.periods_before(self.start, date);
        loop {
            let d = self.interval.nth_after(self.start, n)?;
            if d > date {
                return Some(d);
            }
            n = n.checked_add(1)?;
        }
    }

    /// Grid dates in `from..=to` (fixed plans), in order.
    pub fn grid_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut n = self.interval.periods_before(self.start, from);
        while let Some(d) = self.interval.nth_after(self.start, n) {
            if d > to {
                break;
            }
            if d >= from {
                out.push(d);
            }
            n += 1;
        }
        out
    }

    /// Checks a completion date against the plan's start, today and the last
    /// completion.
    pub fn check_completion(
        &self,
        completed: NaiveDate,
        last_done: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), ScheduleError> {
        if completed < self.start {
            return Err(ScheduleError::CompletedBeforeStart {
                completed,
                start: self.start,
            });
        }
        if completed > today {
            return Err(ScheduleError::CompletedInFuture { completed, today });
        }
        if let Some(last) = last_done.filter(|last| completed < *last) {
            return Err(ScheduleError::CompletedBeforeLast { completed, last });
        }
        Ok(())
    }

    /// The plan after the occurrence due on `due` is completed on `completed`.
    ///
    /// Fixed: the next due date is the first grid date after both `due` and
    /// `completed`; grid dates from `due` up to the completion, other than the
    /// latest one (which the completion fulfils), are returned as missed.
    /// Floating: one interval after the completion.
    pub fn complete(&self, due: NaiveDate, completed: NaiveDate) -> Advance {
        match self.anchoring {
            Anchoring::Fixed => {
                let mut passed = if completed >= due {
                    self.grid_between(due, completed)
                } else {
                    Vec::new()
                };
                passed.pop();
                Advance {
                    next_due: self.within_end(self.grid_after(due.max(completed))),
                    missed: passed,
                }
            }
            Anchoring::Floating => Advance {
                next_due: self.within_end(self.interval.nth_after(completed, 1)),
                missed: Vec::new(),
            },
        }
    }

    /// The plan after the occurrence due on `due` is skipped (no work done).
    pub fn skip(&self, due: NaiveDate) -> Option<NaiveDate> {
        match self.anchoring {
            Anchoring::Fixed => self.within_end(self.grid_after(due)),
            Anchoring::Floating => self.within_end(self.interval.nth_after(due, 1)),
        }
    }

    /// How many whole periods an occurrence due on `due` is overdue by on
    /// `today` (0 when not overdue): for a fixed plan, the grid dates after
    /// `due` that have also passed, plus one for `due` itself.
    pub fn periods_overdue(&self, due: NaiveDate, today: NaiveDate) -> u32 {
        if today <= due {
            return 0;
        }
        let mut count = 1u32;
        let mut next = due;
        loop {
            let step = match self.anchoring {
                Anchoring::Fixed => self.grid_after(next),
                Anchoring::Floating => self.interval.nth_after(next, 1),
            };
            match self.within_end(step) {
                Some(d) if d < today => {
                    count += 1;
                    next = d;
                }
                _ => return count,
            }
        }
    }
}

/// Where a dated item stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DueState {
    /// Ended (coverage, end of support): stays listed until dealt with.
    Expired,
    Overdue,
    Due,
    Upcoming,
}

/// The state of a task due on `due` with a reminder lead time, or `None`
/// when it is not yet within its lead time.
pub fn task_state(due: NaiveDate, lead_days: u32, today: NaiveDate) -> Option<DueState> {
    if today > due {
        Some(DueState::Overdue)
    } else if today == due {
        Some(DueState::Due)
    } else if today >= due - Duration::days(i64::from(lead_days)) {
        Some(DueState::Upcoming)
    } else {
        None
    }
}

/// The state of something that ends on `end` (coverage, support, life):
/// expired once the date has passed, due on the day, upcoming within
/// `horizon_days`.
pub fn ending_state(end: NaiveDate, horizon_days: u32, today: NaiveDate) -> Option<DueState> {
    if today > end {
        Some(DueState::Expired)
    } else if today == end {
        Some(DueState::Due)
    } else if today >= end - Duration::days(i64::from(horizon_days)) {
        Some(DueState::Upcoming)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn plan(every: u32, unit: IntervalUnit, anchoring: Anchoring, start: &str) -> Schedule {
        Schedule {
            interval: Interval { every, unit },
            anchoring,
            start: d(start),
            end: None,
        }
    }

    #[test]
    fn month_grid_remembers_the_anchor_day() {
        let p = plan(1, IntervalUnit::Months, Anchoring::Fixed, "2025-01-31");
        let grid = p.grid_between(d("2025-01-01"), d("2025-06-30"));
        let want: Vec<NaiveDate> = [
            "2025-01-31",
            "2025-02-28",
            "2025-03-31",
            "2025-04-30",
            "2025-05-31",
            "2025-06-30",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        assert_eq!(grid, want);
    }

    #[test]
    fn calendar_cases() {
        // (start, every, unit, n, expected)
        let cases = [
            ("2024-01-31", 1, IntervalUnit::Months, 1, "2024-02-29"), // leap year
            ("2023-01-31", 1, IntervalUnit::Months, 1, "2023-02-28"),
            ("2024-02-29", 1, IntervalUnit::Years, 1, "2025-02-28"),
            ("2024-02-29", 1, IntervalUnit::Years, 4, "2028-02-29"),
            ("2025-12-31", 1, IntervalUnit::Days, 1, "2026-01-01"), // year end
            ("2025-11-30", 3, IntervalUnit::Months, 1, "2026-02-28"),
            ("2025-11-30", 3, IntervalUnit::Months, 2, "2026-05-30"),
            ("2025-12-29", 1, IntervalUnit::Weeks, 1, "2026-01-05"),
            ("2025-08-31", 6, IntervalUnit::Months, 1, "2026-02-28"),
            ("2025-08-31", 6, IntervalUnit::Months, 2, "2026-08-31"),
        ];
        for (start, every, unit, n, want) in cases {
            let got = Interval { every, unit }.nth_after(d(start), n);
            assert_eq!(got, Some(d(want)), "{start} + {n}×{every} {unit:?}");
        }
    }

    #[test]
    fn fixed_plan_overdue_by_three_periods_records_missed_ones() {
        let p = plan(1, IntervalUnit::Months, Anchoring::Fixed, "2025-01-15");
        assert_eq!(p.periods_overdue(d("2025-01-15"), d("2025-04-01")), 3);
        let adv = p.complete(d("2025-01-15"), d("2025-04-01"));
        assert_eq!(adv.next_due, Some(d("2025-04-15")));
        assert_eq!(adv.missed, vec![d("2025-01-15"), d("2025-02-15")]);
    }

    #[test]
    fn fixed_plan_completed_early_or_late_stays_on_grid() {
        let p = plan(1, IntervalUnit::Months, Anchoring::Fixed, "2025-01-31");
        assert_eq!(
            p.complete(d("2025-02-28"), d("2025-02-20")).next_due,
            Some(d("2025-03-31"))
        );
        assert_eq!(
            p.complete(d("2025-02-28"), d("2025-03-02")).next_due,
            Some(d("2025-03-31"))
        );
        assert!(p
            .complete(d("2025-02-28"), d("2025-03-02"))
            .missed
            .is_empty());
    }

    #[test]
    fn floating_plan_follows_the_completion() {
        let p = plan(2, IntervalUnit::Weeks, Anchoring::Floating, "2025-01-01");
        assert_eq!(
            p.complete(d("2025-01-01"), d("2025-01-10")).next_due,
            Some(d("2025-01-24"))
        );
    }

    #[test]
    fn plan_ends_after_its_end_date() {
        let mut p = plan(1, IntervalUnit::Years, Anchoring::Fixed, "2025-03-01");
        p.end = Some(d("2025-12-31"));
        assert_eq!(p.complete(d("2025-03-01"), d("2025-03-01")).next_due, None);
        assert_eq!(p.skip(d("2025-03-01")), None);
    }

    #[test]
    fn bad_schedules_name_their_field() {
        let mut p = plan(0, IntervalUnit::Days, Anchoring::Fixed, "2025-03-01");
        assert_eq!(p.validate().map_err(|e| e.field()), Err("interval"));
        p.interval.every = 1;
        p.end = Some(d("2025-01-01"));
        assert_eq!(p.validate().map_err(|e| e.field()), Err("end_date"));
        p.end = None;
        let today = d("2025-06-01");
        assert!(matches!(
            p.check_completion(d("2025-02-01"), None, today),
            Err(ScheduleError::CompletedBeforeStart { .. })
        ));
        assert!(matches!(
            p.check_completion(d("2025-06-02"), None, today),
            Err(ScheduleError::CompletedInFuture { .. })
        ));
        assert!(matches!(
            p.check_completion(d("2025-04-01"), Some(d("2025-05-01")), today),
            Err(ScheduleError::CompletedBeforeLast { .. })
        ));
    }

    #[test]
    fn states() {
        let today = d("2025-06-10");
        assert_eq!(
            task_state(d("2025-06-01"), 7, today),
            Some(DueState::Overdue)
        );
        assert_eq!(task_state(d("2025-06-10"), 7, today), Some(DueState::Due));
        assert_eq!(
            task_state(d("2025-06-15"), 7, today),
            Some(DueState::Upcoming)
        );
        assert_eq!(task_state(d("2025-06-30"), 7, today), None);
        assert_eq!(
            ending_state(d("2025-06-01"), 30, today),
            Some(DueState::Expired)
        );
        assert_eq!(
            ending_state(d("2025-07-01"), 30, today),
            Some(DueState::Upcoming)
        );
    }
}
