//! The warranty and lifecycle report: which active assets (in service, in
//! repair, spare) are out of cover, which lose it within 30, 90 and 180 days
//! and in which quarter, which reach end of life or support, and what they
//! cost. An asset's cover is its longest-running coverage.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use tend_pdf::{Align, Column, ColumnWidth, Orientation, TableSpec, Written};

use super::amounts::{grouped, money_exact, Amounts};
use super::render::ProgressFn;
use super::sentence::{category_count, category_plural, count};
use super::{capitalised, sheet, Context};
use crate::model::{Choice, CoverageKind};
use crate::store::report_warranty::{self, CoverRow};
use crate::validate::parse_date;
use crate::Result;

/// The windows ahead the report counts.
const WINDOWS: [i64; 3] = [30, 90, 180];

fn value_of<'a>(rows: impl Iterator<Item = &'a CoverRow>) -> Amounts {
    let mut a = Amounts::default();
    for r in rows {
        if let (Some(m), Some(c)) = (r.cost_minor, &r.currency) {
            a.add(c, m);
        }
    }
    a
}

fn cost_cell(r: &CoverRow) -> String {
    match (r.cost_minor, &r.currency) {
        (Some(m), Some(c)) => money_exact(m, c),
        _ => "—".into(),
    }
}

fn cover_words(r: &CoverRow) -> String {
    let kind = r
        .cover_kind
        .as_deref()
        .and_then(CoverageKind::parse_id)
        .map(|k| k.label().to_string())
        .unwrap_or_else(|| "—".into());
    match &r.cover_provider {
        Some(p) => format!("{kind}, {p}"),
        None => kind,
    }
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

fn next_quarter((y, q): (i32, u32)) -> (i32, u32) {
    if q == 4 {
        (y + 1, 1)
    } else {
        (y, q + 1)
    }
}

/// "12 servers lose" when all are one category, else "12 assets lose".
fn subject(rows: &[&CoverRow]) -> String {
    let first = rows.first().map(|r| r.category.as_str()).unwrap_or("");
    if !rows.is_empty() && rows.iter().all(|r| r.category == first) {
        category_count(rows.len() as u64, first)
    } else {
        count(rows.len() as u64, "asset", "assets")
    }
}

/// "Most of them are servers (7)." when the group is mixed.
fn leading_category(rows: &[&CoverRow]) -> String {
    let mut by: BTreeMap<&str, u64> = BTreeMap::new();
    for r in rows {
        *by.entry(r.category.as_str()).or_default() += 1;
    }
    match by.iter().max_by_key(|(_, n)| **n) {
        Some((cat, n)) if by.len() > 1 => {
            format!(
                " The largest group is {} ({}).",
                category_plural(cat),
                grouped(*n)
            )
        }
        _ => String::new(),
    }
}

pub(super) fn write(
    ctx: &Context<'_>,
    path: &Path,
    progress: &mut ProgressFn<'_>,
) -> Result<Written> {
    let start = ctx.scope.from.unwrap_or(ctx.scope.today);
    let horizon = ctx
        .scope
        .to
        .unwrap_or(start + Duration::days(365))
        .max(start);
    let period = ctx.period_line(Some((start, horizon)), "Looking ahead");
    let mut sheet = sheet(
        ctx,
        "Warranty and lifecycle",
        &period,
        Orientation::Portrait,
        progress,
    )?;
    sheet.gathering(0, 1)?;
    let rows = report_warranty::active_assets(ctx.conn, &ctx.scope.filter())?;
    sheet.gathering(1, 1)?;
    let cur = &ctx.currency;
    let d = ctx.dates;

    let end_of = |r: &CoverRow| r.cover_end.as_deref().and_then(parse_date);
    let uncovered: Vec<&CoverRow> = rows.iter().filter(|r| end_of(r).is_none()).collect();
    let expired: Vec<&CoverRow> = rows
        .iter()
        .filter(|r| end_of(r).is_some_and(|e| e < start))
        .collect();
    let within = |days: i64| -> Vec<&CoverRow> {
        let last = start + Duration::days(days);
        rows.iter()
            .filter(|r| end_of(r).is_some_and(|e| e >= start && e <= last))
            .collect()
    };
    let ahead = |date: &Option<String>| {
        date.as_deref()
            .and_then(parse_date)
            .is_some_and(|e| e >= start && e <= horizon)
    };
    let lifecycle: Vec<&CoverRow> = rows
        .iter()
        .filter(|r| ahead(&r.end_of_life) || ahead(&r.end_of_support))
        .collect();

    sheet.heading("At a glance");
    if rows.is_empty() {
        sheet.paragraph(&format!(
            "There is nothing to report: there are no assets in service, in repair or spare {}.",
            ctx.where_words()
        ));
        return sheet.write(path);
    }
    let in_90 = within(90);
    let mut text = if in_90.is_empty() {
        "No asset loses warranty or support cover in the next 90 days.".to_string()
    } else {
        format!(
            "{} {} warranty or support cover in the next 90 days; {} {}.{}",
            subject(&in_90),
            if in_90.len() == 1 { "loses" } else { "lose" },
            if in_90.len() == 1 {
                "it cost"
            } else {
                "together they cost"
            },
            value_of(in_90.iter().copied()).rounded(cur),
            leading_category(&in_90)
        )
    };
    if !expired.is_empty() {
        text.push_str(&format!(
            " {} already out of cover; {} {}.",
            if expired.len() == 1 {
                "1 asset is".to_string()
            } else {
                format!("{} assets are", grouped(expired.len() as u64))
            },
            if expired.len() == 1 {
                "it cost"
            } else {
                "they cost"
            },
            value_of(expired.iter().copied()).rounded(cur)
        ));
    }
    if !uncovered.is_empty() {
        text.push_str(&format!(
            " {} no warranty or support contract recorded at all.",
            if uncovered.len() == 1 {
                "1 asset has".to_string()
            } else {
                format!("{} assets have", grouped(uncovered.len() as u64))
            }
        ));
    }
    let eos = rows.iter().filter(|r| ahead(&r.end_of_support)).count() as u64;
    let eol = rows.iter().filter(|r| ahead(&r.end_of_life)).count() as u64;
    text.push_str(&format!(
        " By {}, {} reach the end of vendor support and {} the end of life.",
        d.date(horizon),
        count(eos, "asset", "assets"),
        grouped(eol)
    ));
    sheet.paragraph(&text);
    sheet.paragraph(&format!(
        "The report counts the {} active assets (in service, in repair or spare) {}; an asset is covered until the end of its longest-running warranty or support contract.",
        grouped(rows.len() as u64),
        ctx.where_words()
    ));
    sheet.figures(&[
        ("Active assets".to_string(), grouped(rows.len() as u64)),
        ("Out of cover".to_string(), grouped(expired.len() as u64)),
        (
            "Losing cover in 90 days".to_string(),
            grouped(in_90.len() as u64),
        ),
        (
            "Value losing cover in 90 days".to_string(),
            value_of(in_90.iter().copied()).rounded(cur),
        ),
    ]);

    let in_180 = within(180);
    sheet.expect_rows((in_180.len() + expired.len() + lifecycle.len()) as u64);
    sheet.heading("Exposure");
    let summary_spec = TableSpec {
        columns: vec![
            Column::new("Cover", ColumnWidth::Fraction(3.0)),
            Column::new("Assets", ColumnWidth::Fraction(1.0)).align(Align::Right),
            Column::new("Purchase value", ColumnWidth::Fraction(2.0)).align(Align::Right),
        ],
        zebra: true,
    };
    let mut summary = vec![vec![
        format!("Already ended (before {})", d.date(start)),
        grouped(expired.len() as u64),
        value_of(expired.iter().copied()).exact(cur),
    ]];
    for days in WINDOWS {
        let w = within(days);
        summary.push(vec![
            format!("Ending within {days} days"),
            grouped(w.len() as u64),
            value_of(w.iter().copied()).exact(cur),
        ]);
    }
    summary.push(vec![
        "No cover recorded".into(),
        grouped(uncovered.len() as u64),
        value_of(uncovered.iter().copied()).exact(cur),
    ]);
    sheet.table(&summary_spec, summary)?;

    sheet.heading("Cover ending by quarter");
    let mut quarters: Vec<Vec<String>> = Vec::new();
    let mut q = quarter_of(start);
    let last = quarter_of(horizon).max({
        let mut l = q;
        for _ in 0..3 {
            l = next_quarter(l);
        }
        l
    });
    loop {
        let ending: Vec<&CoverRow> = rows
            .iter()
            .filter(|r| end_of(r).is_some_and(|e| e >= start && quarter_of(e) == q))
            .collect();
        quarters.push(vec![
            format!("{} Q{}", q.0, q.1),
            grouped(ending.len() as u64),
            value_of(ending.iter().copied()).exact(cur),
        ]);
        if q >= last {
            break;
        }
        q = next_quarter(q);
    }
    let quarter_spec = TableSpec {
        columns: vec![
            Column::new("Quarter", ColumnWidth::Fraction(3.0)),
            Column::new("Assets losing cover", ColumnWidth::Fraction(1.5)).align(Align::Right),
            Column::new("Purchase value", ColumnWidth::Fraction(2.0)).align(Align::Right),
        ],
        zebra: true,
    };
    sheet.table(&quarter_spec, quarters)?;

    let asset_cols = |extra: [(&str, f32); 3]| TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Fraction(1.0)),
            Column::new("Name", ColumnWidth::Fraction(2.0)),
            Column::new("Category", ColumnWidth::Fraction(1.1)),
            Column::new(extra[0].0, ColumnWidth::Fraction(extra[0].1)),
            Column::new(extra[1].0, ColumnWidth::Fraction(extra[1].1)),
            Column::new(extra[2].0, ColumnWidth::Fraction(extra[2].1)).align(Align::Right),
        ],
        zebra: true,
    };
    sheet.heading("Cover ending within 180 days");
    if in_180.is_empty() {
        sheet.paragraph("None.");
    } else {
        let mut list = in_180.clone();
        list.sort_by(|a, b| a.cover_end.cmp(&b.cover_end).then(a.tag.cmp(&b.tag)));
        let rows = list.iter().map(|r| {
            vec![
                r.tag.clone(),
                r.name.clone(),
                r.category.clone(),
                cover_words(r),
                d.opt(r.cover_end.as_deref()),
                cost_cell(r),
            ]
        });
        sheet.table(
            &asset_cols([("Cover", 1.8), ("Ends", 1.0), ("Cost", 1.1)]),
            rows,
        )?;
    }

    sheet.heading("End of life and end of support ahead");
    if lifecycle.is_empty() {
        sheet.paragraph(&format!("None before {}.", d.date(horizon)));
    } else {
        let rows = lifecycle.iter().map(|r| {
            vec![
                r.tag.clone(),
                r.name.clone(),
                r.category.clone(),
                d.opt(r.end_of_support.as_deref()),
                d.opt(r.end_of_life.as_deref()),
                cost_cell(r),
            ]
        });
        sheet.table(
            &asset_cols([("End of support", 1.2), ("End of life", 1.2), ("Cost", 1.1)]),
            rows,
        )?;
    }

    sheet.heading("Out of cover");
    if expired.is_empty() {
        sheet.paragraph("No active asset is out of cover.");
    } else {
        let rows = expired.iter().map(|r| {
            vec![
                r.tag.clone(),
                r.name.clone(),
                r.category.clone(),
                capitalised(&cover_words(r)),
                d.opt(r.cover_end.as_deref()),
                cost_cell(r),
            ]
        });
        sheet.table(
            &asset_cols([("Last cover", 1.8), ("Ended", 1.0), ("Cost", 1.1)]),
            rows,
        )?;
    }
    if !uncovered.is_empty() {
        sheet.heading("No cover recorded");
        let spec = TableSpec {
            columns: vec![
                Column::new("Tag", ColumnWidth::Fraction(1.0)),
                Column::new("Name", ColumnWidth::Fraction(3.0)),
                Column::new("Category", ColumnWidth::Fraction(1.5)),
                Column::new("Cost", ColumnWidth::Fraction(1.2)).align(Align::Right),
            ],
            zebra: true,
        };
        let rows = uncovered.iter().map(|r| {
            vec![
                r.tag.clone(),
                r.name.clone(),
                r.category.clone(),
                cost_cell(r),
            ]
        });
        sheet.table(&spec, rows)?;
    }
    sheet.write(path)
}
