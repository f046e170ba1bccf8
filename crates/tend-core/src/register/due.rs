//! The use-case API for what is due: the one due list, the effective
//! coverage of an asset on a date, and what became due since the last look
//! (for the desktop's start-up notification). `today` is always passed in.

use super::plans::{iso, stored_date};
use super::Register;
use crate::model::*;
use crate::schedule::{ending_state, DueState, Schedule};
use crate::store::due::{self, DueFilter, DueRow};
use crate::store::{assets, coverage, lookups, settings};
use crate::{validate, Error, Result};
use chrono::NaiveDate;
use std::sync::Arc;

/// The setting holding the day the due list was last summarised at launch.
pub const LAST_DUE_LOOK_SETTING: &str = "due_last_seen_on";

/// The state of a row dated `date` on `today`, and for overdue maintenance
/// the number of periods missed.
pub(super) fn state_of(row: &DueRow, date: NaiveDate, today: NaiveDate) -> (DueState, u32) {
    match row.kind {
        DueKind::Maintenance | DueKind::RenewalNotice => {
            let state = if date < today {
                DueState::Overdue
            } else if date == today {
                DueState::Due
            } else {
                DueState::Upcoming
            };
            let periods = match (&row.plan_rule, state) {
                (Some(rule), DueState::Overdue) => periods_overdue(rule, today).unwrap_or(1),
                _ => 0,
            };
            (state, periods)
        }
        // Listed only within the horizon, so an ending not yet reached is upcoming.
        _ => (
            ending_state(date, 0, today).unwrap_or(DueState::Upcoming),
            0,
        ),
    }
}

fn periods_overdue(rule: &due::PlanRule, today: NaiveDate) -> Option<u32> {
    let schedule = Schedule {
        interval: rule.interval,
        anchoring: rule.anchoring,
        start: validate::parse_date(&rule.start_date)?,
        end: match &rule.end_date {
            Some(e) => Some(validate::parse_date(e)?),
            None => None,
        },
    };
    let next_due = validate::parse_date(&rule.next_due)?;
    Some(schedule.periods_overdue(next_due, today).max(1))
}

pub(super) fn item(row: DueRow, today: NaiveDate) -> Result<DueItem> {
    let date = stored_date("date", &row.date)?;
    let (state, periods_overdue) = state_of(&row, date, today);
    let snoozed = row.snoozed;
    Ok(DueItem {
        kind: row.kind,
        state,
        days: (date - today).num_days(),
        date: row.date,
        title: row.title,
        asset_id: row.asset_id,
        asset_tag: row.asset_tag,
        asset_name: row.asset_name,
        location: row.location,
        assignee: row.assignee,
        plan_id: row.plan_id,
        coverage_id: row.coverage_id,
        periods_overdue,
        snoozed,
    })
}

impl Register {
    /// Everything that needs attention on `today`, most urgent first:
    /// maintenance (within the horizon or its own lead time; paused plans
    /// left out), the last coverage of each asset ending or ended, renewal
    /// notices, end of life and end of support. Only assets in use (not
    /// archived, retired, disposed or lost) appear; an ended coverage stays
    /// listed until the asset leaves use or gets a coverage ending later.
    pub fn due_list(&self, query: &DueQuery, today: NaiveDate) -> Result<DueList> {
        let assignee_id = self.due_query_ids(query)?;
        // One more than asked tells whether the list was cut short.
        let limit = query.limit.map(|n| n.saturating_add(1));
        let filter = DueFilter {
            today,
            horizon_days: query.horizon_days,
            category_id: query.category_id,
            location_id: query.location_id,
            assignee_id,
            kinds: &query.kinds,
            limit,
        };
        let rows = due::list(&self.conn, &filter)?;
        let mut items = rows
            .into_iter()
            .map(|row| item(row, today).map(Arc::new))
            .collect::<Result<Vec<_>>>()?;
        let truncated = query.limit.is_some_and(|n| items.len() > n as usize);
        let counts = if truncated {
            due::counts(&self.conn, &filter)?
        } else {
            DueCounts::of(&items)
        };
        if let Some(n) = query.limit {
            items.truncate(n as usize);
        }
        Ok(DueList {
            today: iso(today),
            horizon_days: query.horizon_days,
            items,
            truncated,
            counts,
        })
    }

    /// Checks the query's category and location exist and finds its
    /// assignee's id, naming the field that is wrong.
    pub(crate) fn due_query_ids(&self, query: &DueQuery) -> Result<Option<i64>> {
        self.require_filter_ids(query.category_id, query.location_id)?;
        Ok(match query.assignee.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(
                lookups::find(&self.conn, LookupKind::Person, name)?
                    .ok_or_else(|| {
                        Error::validation("assignee", format!("no person or team named \"{name}\""))
                    })?
                    .id,
            ),
        })
    }

    /// The coverage a piece of work done on `performed_on` (`YYYY-MM-DD`;
    /// empty for today, as a new entry's date) is covered by unless the user
    /// says otherwise: the coverage in force that day. The one rule both
    /// front doors use to pre-fill "covered by warranty".
    pub fn coverage_for_work(&self, asset_id: i64, performed_on: &str) -> Result<CoverageStatus> {
        let text = performed_on.trim();
        let date = if text.is_empty() {
            chrono::Local::now().date_naive()
        } else {
            validate::parse_date(text).ok_or_else(|| {
                crate::Error::validation(
                    "performed_on",
                    format!("expected a date as YYYY-MM-DD, got \"{text}\""),
                )
            })?
        };
        self.coverage_on(asset_id, date)
    }

    /// The coverage in force on an asset on `date`, and the days it has left.
    pub fn coverage_on(&self, asset_id: i64, date: NaiveDate) -> Result<CoverageStatus> {
        assets::require(&self.conn, asset_id)?;
        let day = iso(date);
        let found = match due::effective_coverage(&self.conn, asset_id, &day)? {
            Some(id) => Some(coverage::require(&self.conn, id)?),
            None => None,
        };
        let days_left = found
            .as_ref()
            .and_then(|c| validate::parse_date(&c.end_date))
            .map(|end| (end - date).num_days());
        Ok(CoverageStatus {
            date: day,
            coverage: found,
            days_left,
        })
    }

    /// What became due, overdue or expired after the day last looked at
    /// (everything due on a first look), then remembers `today` as the last
    /// look. For the start-up notification: occurrences that fell due while
    /// the app was closed are reported, not skipped.
    pub fn due_since_last_look(&mut self, today: NaiveDate) -> Result<DueSince> {
        let since = settings::get(&self.conn, LAST_DUE_LOOK_SETTING)?
            .and_then(|s| validate::parse_date(&s));
        let list = self.due_list(
            &DueQuery {
                horizon_days: 0,
                ..DueQuery::default()
            },
            today,
        )?;
        let newly: Vec<Arc<DueItem>> = list
            .items
            .into_iter()
            .filter(|i| i.state != DueState::Upcoming)
            .filter(|i| match (since, validate::parse_date(&i.date)) {
                (Some(since), Some(date)) => date > since,
                _ => true,
            })
            .collect();
        let counts = DueCounts::of(&newly);
        if since != Some(today) {
            self.set_setting(LAST_DUE_LOOK_SETTING, &iso(today))?;
        }
        Ok(DueSince {
            since: since.map(iso),
            today: iso(today),
            newly,
            counts,
        })
    }
}
