//! The repairs and cost report: the repairs logged in the period, their cost
//! and downtime by month (vector bar charts), by category, and the assets
//! that cost most.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Months, NaiveDate};
use tend_pdf::{Align, Bar, BarChart, Column, ColumnWidth, Orientation, TableSpec, Written};

use super::amounts::{chart_value, grouped, money_exact, money_rounded, Amounts};
use super::render::ProgressFn;
use super::sentence::{category_plural, count, duration, month_name};
use super::{capitalised, sheet, Context};
use crate::store::report_repairs::{self, RepairRow};
use crate::validate::parse_date;
use crate::Result;

/// Assets listed as costing most.
const TOP_ASSETS: usize = 10;
/// Longer periods are charted by quarter instead of by month.
const MAX_MONTH_BARS: usize = 24;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Totals of a group of repairs.
#[derive(Debug, Default, Clone)]
struct Tally {
    repairs: u64,
    cost: Amounts,
    downtime: u64,
}

impl Tally {
    fn add(&mut self, r: &RepairRow) {
        self.repairs += 1;
        if let (Some(m), Some(c)) = (r.cost_minor, &r.currency) {
            self.cost.add(c, m);
        }
        self.downtime += u64::from(r.downtime_minutes.unwrap_or(0));
    }
}

/// The chart buckets from `from` to `to`: (year, first month, months long).
fn buckets(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32, u32)> {
    let months = ((to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1)
        .max(1) as usize;
    let step = if months > MAX_MONTH_BARS { 3 } else { 1 };
    let mut start = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    if step == 3 {
        start = NaiveDate::from_ymd_opt(start.year(), (start.month() - 1) / 3 * 3 + 1, 1)
            .unwrap_or(start);
    }
    let mut out = Vec::new();
    while start <= to {
        out.push((start.year(), start.month(), step));
        match start.checked_add_months(Months::new(step)) {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

fn bucket_label((year, month, step): (i32, u32, u32)) -> String {
    let yy = year.rem_euclid(100);
    if step == 3 {
        format!("Q{} {yy:02}", (month - 1) / 3 + 1)
    } else {
        format!("{} {yy:02}", MONTHS[(month - 1) as usize])
    }
}

fn bucket_index(b: &[(i32, u32, u32)], d: NaiveDate) -> Option<usize> {
    b.iter()
        .rposition(|(y, m, _)| (d.year(), d.month()) >= (*y, *m))
}

fn cost_cell(r: &RepairRow) -> String {
    match (r.cost_minor, &r.currency) {
        (Some(m), Some(c)) => money_exact(m, c),
        _ => "—".into(),
    }
}

pub(super) fn write(
    ctx: &Context<'_>,
    path: &Path,
    progress: &mut ProgressFn<'_>,
) -> Result<Written> {
    let to = ctx.scope.to.unwrap_or(ctx.scope.today);
    let default_from = NaiveDate::from_ymd_opt(to.year(), to.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(11)))
        .unwrap_or(to);
    let from = ctx.scope.from.unwrap_or(default_from);
    let period = ctx.period_line(Some((from, to)), "Repairs");
    let mut sheet = sheet(
        ctx,
        "Repairs and cost",
        &period,
        Orientation::Portrait,
        progress,
    )?;
    sheet.gathering(0, 1)?;
    let rows = report_repairs::repairs(
        ctx.conn,
        &ctx.scope.filter(),
        &from.to_string(),
        &to.to_string(),
    )?;
    sheet.gathering(1, 1)?;
    let cur_setting = &ctx.currency;
    let d = ctx.dates;

    let mut total = Tally::default();
    let mut assets: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut categories: BTreeMap<&str, Tally> = BTreeMap::new();
    let b = buckets(from, to);
    let mut by_bucket = vec![Tally::default(); b.len()];
    for r in &rows {
        total.add(r);
        assets.entry((&r.tag, &r.asset_name)).or_default().add(r);
        categories.entry(&r.category).or_default().add(r);
        if let Some(i) = parse_date(&r.performed_on).and_then(|day| bucket_index(&b, day)) {
            by_bucket[i].add(r);
        }
    }
    let cur = total.cost.main_currency(cur_setting).to_string();

    sheet.heading("At a glance");
    if rows.is_empty() {
        sheet.paragraph(&format!(
            "There is nothing to report: no repairs were logged in this period on assets {}.",
            ctx.where_words()
        ));
        return sheet.write(path);
    }
    let covered = rows.iter().filter(|r| r.covered_by_warranty).count() as u64;
    let mut text = format!(
        "In the period, {} logged on {}; they cost {} and took assets out of service for {} in all.",
        if rows.len() == 1 {
            "1 repair was".to_string()
        } else {
            format!("{} repairs were", grouped(rows.len() as u64))
        },
        count(assets.len() as u64, "asset", "assets"),
        total.cost.rounded(cur_setting),
        duration(total.downtime)
    );
    if covered > 0 {
        text.push_str(&format!(
            " {} of them {} covered by warranty.",
            grouped(covered),
            if covered == 1 { "was" } else { "were" }
        ));
    }
    if let Some((i, t)) = by_bucket
        .iter()
        .enumerate()
        .max_by_key(|(_, t)| t.cost.minor_in(&cur))
        .filter(|(_, t)| t.cost.minor_in(&cur) > 0)
    {
        let (y, m, step) = b[i];
        let when = if step == 1 {
            month_name(y, m)
        } else {
            bucket_label(b[i])
        };
        text.push_str(&format!(
            " The costliest {} was {when} ({}).",
            if step == 1 { "month" } else { "quarter" },
            money_rounded(t.cost.minor_in(&cur), &cur)
        ));
    }
    if let Some((cat, t)) = categories.iter().max_by_key(|(_, t)| t.cost.sort_key()) {
        text.push_str(&format!(
            " {} cost most: {} over {}.",
            capitalised(&category_plural(cat)),
            t.cost.rounded(cur_setting),
            count(t.repairs, "repair", "repairs")
        ));
    }
    sheet.paragraph(&text);
    sheet.figures(&[
        ("Repairs".to_string(), grouped(rows.len() as u64)),
        ("Cost".to_string(), total.cost.rounded(cur_setting)),
        ("Downtime".to_string(), duration(total.downtime)),
        ("Assets repaired".to_string(), grouped(assets.len() as u64)),
    ]);

    let other_currencies =
        total.cost.rounded(cur_setting) != money_rounded(total.cost.minor_in(&cur), &cur);
    sheet.bar_chart(&BarChart {
        title: if other_currencies {
            format!(
                "Repair cost by {} ({cur} only)",
                if b[0].2 == 1 { "month" } else { "quarter" }
            )
        } else {
            format!(
                "Repair cost by {}",
                if b[0].2 == 1 { "month" } else { "quarter" }
            )
        },
        unit: cur.clone(),
        bars: b
            .iter()
            .zip(&by_bucket)
            .map(|(k, t)| {
                let minor = t.cost.minor_in(&cur);
                Bar::new(
                    bucket_label(*k),
                    chart_value(minor, &cur),
                    money_rounded(minor, &cur),
                )
            })
            .collect(),
    });
    sheet.bar_chart(&BarChart {
        title: format!(
            "Downtime by {} (hours)",
            if b[0].2 == 1 { "month" } else { "quarter" }
        ),
        unit: "h".into(),
        bars: b
            .iter()
            .zip(&by_bucket)
            .map(|(k, t)| {
                Bar::new(
                    bucket_label(*k),
                    t.downtime as f64 / 60.0,
                    grouped((t.downtime + 30) / 60),
                )
            })
            .collect(),
    });

    sheet.expect_rows((rows.len() + categories.len() + TOP_ASSETS) as u64);
    sheet.heading("By category");
    let mut cats: Vec<(&&str, &Tally)> = categories.iter().collect();
    cats.sort_by(|a, b| {
        b.1.cost
            .sort_key()
            .cmp(&a.1.cost.sort_key())
            .then(a.0.cmp(b.0))
    });
    let cat_spec = TableSpec {
        columns: vec![
            Column::new("Category", ColumnWidth::Fraction(2.5)),
            Column::new("Repairs", ColumnWidth::Fraction(1.0)).align(Align::Right),
            Column::new("Cost", ColumnWidth::Fraction(1.6)).align(Align::Right),
            Column::new("Downtime", ColumnWidth::Fraction(1.2)).align(Align::Right),
        ],
        zebra: true,
    };
    let cat_rows = cats.iter().map(|(c, t)| {
        vec![
            c.to_string(),
            grouped(t.repairs),
            t.cost.exact(cur_setting),
            duration(t.downtime),
        ]
    });
    sheet.table(&cat_spec, cat_rows)?;

    sheet.heading(&format!("The {TOP_ASSETS} assets that cost most"));
    let mut top: Vec<(&(&str, &str), &Tally)> = assets.iter().collect();
    top.sort_by(|a, b| {
        b.1.cost
            .sort_key()
            .cmp(&a.1.cost.sort_key())
            .then(b.1.downtime.cmp(&a.1.downtime))
            .then(a.0.cmp(b.0))
    });
    let top_spec = TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Fraction(1.0)),
            Column::new("Asset", ColumnWidth::Fraction(2.5)),
            Column::new("Repairs", ColumnWidth::Fraction(0.9)).align(Align::Right),
            Column::new("Cost", ColumnWidth::Fraction(1.4)).align(Align::Right),
            Column::new("Downtime", ColumnWidth::Fraction(1.1)).align(Align::Right),
        ],
        zebra: true,
    };
    let top_rows = top.iter().take(TOP_ASSETS).map(|((tag, name), t)| {
        vec![
            tag.to_string(),
            name.to_string(),
            grouped(t.repairs),
            t.cost.exact(cur_setting),
            duration(t.downtime),
        ]
    });
    sheet.table(&top_spec, top_rows)?;

    sheet.heading("Every repair in the period");
    let spec = TableSpec {
        columns: vec![
            Column::new("Date", ColumnWidth::Fraction(1.0)),
            Column::new("Asset", ColumnWidth::Fraction(1.0)),
            Column::new("What was done", ColumnWidth::Fraction(3.0)),
            Column::new("Outcome", ColumnWidth::Fraction(1.1)),
            Column::new("Cost", ColumnWidth::Fraction(1.1)).align(Align::Right),
            Column::new("Downtime", ColumnWidth::Fraction(1.0)).align(Align::Right),
        ],
        zebra: true,
    };
    let list = rows.iter().map(|r| {
        vec![
            d.text(&r.performed_on),
            r.tag.clone(),
            if r.covered_by_warranty {
                format!("{} (under warranty)", r.summary)
            } else {
                r.summary.clone()
            },
            r.outcome
                .as_deref()
                .map(|o| capitalised(&o.replace('_', " ")))
                .unwrap_or_else(|| "—".into()),
            cost_cell(r),
            r.downtime_minutes
                .map(|m| duration(u64::from(m)))
                .unwrap_or_else(|| "—".into()),
        ]
    });
    sheet.table(&spec, list)?;
    sheet.write(path)
}
