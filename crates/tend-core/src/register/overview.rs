//! Home's figures (`Register::overview`): judged on a day the caller
//! passes, with the maintenance counts taken from a due list the caller
//! already holds (the desktop's kept one), so nothing is read twice.

use super::Register;
use crate::model::*;
use crate::store::{overview, worklog};
use crate::Result;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeMap;

/// How many work-log entries Home lists.
pub const LATEST_WORK: u32 = 8;

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn first_of_quarter(d: NaiveDate) -> NaiveDate {
    let month = (d.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(d.year(), month, 1).unwrap_or(d)
}

/// The repairs of the months from `from`'s to `to`'s. Periods here are
/// whole months, the current one cut at today (no later row is read).
fn figures(rows: &[overview::MonthRow], from: NaiveDate, to: NaiveDate) -> RepairFigures {
    let mut out = RepairFigures {
        from: iso(from),
        to: iso(to),
        ..RepairFigures::default()
    };
    let months = out.from[..7].to_string()..=out.to[..7].to_string();
    let mut cost: BTreeMap<&str, i64> = BTreeMap::new();
    for r in rows {
        if !months.contains(&r.month) {
            continue;
        }
        out.repairs += r.repairs;
        out.downtime_minutes += r.downtime_minutes.unwrap_or(0).max(0) as u64;
        if let (Some(minor), Some(currency)) = (r.cost_minor, r.currency.as_deref()) {
            *cost.entry(currency).or_default() += minor;
        }
    }
    out.cost = cost
        .into_iter()
        .map(|(currency, minor)| Money {
            minor,
            currency: currency.to_string(),
        })
        .collect();
    out
}

impl Register {
    /// Home's figures on `today`. `due` is a due list of that day holding
    /// at least the maintenance within 7 days (the overdue always is).
    pub fn overview(&self, today: NaiveDate, due: &DueList) -> Result<Overview> {
        let soon = today + Days::new(u64::from(COVER_ENDING_DAYS));
        let [covered, ending, ended, none] = overview::cover(&self.conn, &iso(today), &iso(soon))?;

        let mut by_category: Vec<CategoryStatusCount> = overview::by_category(&self.conn)?
            .into_iter()
            .map(|r| CategoryStatusCount {
                category_id: r.category_id,
                category: r.category,
                status: r.status,
                count: r.count,
            })
            .collect();
        let rank = |s: AssetStatus| AssetStatus::ALL.iter().position(|x| *x == s);
        by_category.sort_by(|a, b| {
            a.category
                .to_lowercase()
                .cmp(&b.category.to_lowercase())
                .then(a.category_id.cmp(&b.category_id))
                .then(rank(a.status).cmp(&rank(b.status)))
        });
        let in_service = by_category
            .iter()
            .filter(|c| c.status == AssetStatus::InService)
            .map(|c| c.count)
            .sum();

        let this_month = first_of_month(today);
        let first_month = this_month
            .checked_sub_months(Months::new(REPAIR_MONTHS as u32 - 1))
            .unwrap_or(this_month);
        let this_quarter = first_of_quarter(today);
        let last_quarter = this_quarter
            .checked_sub_months(Months::new(3))
            .unwrap_or(this_quarter);
        let read_from = first_month.min(last_quarter);
        let rows = overview::repairs_by_month(&self.conn, &iso(read_from), &iso(today))?;
        let months = (0..REPAIR_MONTHS as u32)
            .map(|i| {
                let start = first_month
                    .checked_add_months(Months::new(i))
                    .unwrap_or(first_month);
                let end = start
                    .checked_add_months(Months::new(1))
                    .and_then(|next| next.pred_opt())
                    .unwrap_or(start)
                    .min(today);
                figures(&rows, start, end)
            })
            .collect();

        let maintenance = due.items.iter().filter(|i| i.kind == DueKind::Maintenance);
        let maintenance_overdue = maintenance
            .clone()
            .filter(|i| i.state == DueState::Overdue)
            .count() as u64;
        let maintenance_due_this_week =
            maintenance.filter(|i| (0..=7).contains(&i.days)).count() as u64;

        Ok(Overview {
            today: iso(today),
            in_service,
            cover: CoverCounts {
                covered,
                ending,
                ended,
                none,
                ending_days: COVER_ENDING_DAYS,
            },
            maintenance_overdue,
            maintenance_due_this_week,
            this_quarter: figures(&rows, this_quarter, today),
            last_quarter: figures(
                &rows,
                last_quarter,
                this_quarter.pred_opt().unwrap_or(this_quarter),
            ),
            by_category,
            months,
            latest_work: worklog::latest(&self.conn, LATEST_WORK)?,
        })
    }
}
