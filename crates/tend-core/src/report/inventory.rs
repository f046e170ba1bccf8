//! The inventory summary: how many assets, what they cost, by category,
//! status and site; then every asset (landscape pages for the wide table).

use std::collections::BTreeMap;
use std::path::Path;

use tend_pdf::{Align, Column, ColumnWidth, Orientation, TableSpec, Written};

use super::amounts::{grouped, money_exact, Amounts};
use super::render::ProgressFn;
use super::sentence::{category_count, category_plural, count, list, percent};
use super::{capitalised, or_dash, sheet, status_words, Context};
use crate::store::report_inventory::{self, GroupTotal, Grouping, Purchased};
use crate::Result;

/// One line of a breakdown table.
#[derive(Debug, Default)]
struct Group {
    count: u64,
    value: Amounts,
}

/// Folds per-currency rows into one group per label, largest count first.
fn fold(rows: Vec<GroupTotal>, none_label: &str) -> Vec<(String, Group)> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for row in rows {
        let g = groups
            .entry(row.label.unwrap_or_else(|| none_label.to_string()))
            .or_default();
        g.count += row.count;
        if let Some(c) = &row.currency {
            g.value.add(c, row.minor);
        }
    }
    let mut out: Vec<(String, Group)> = groups.into_iter().collect();
    out.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    out
}

fn breakdown_spec(first: &str) -> TableSpec {
    TableSpec {
        columns: vec![
            Column::new(first, ColumnWidth::Fraction(3.0)),
            Column::new("Assets", ColumnWidth::Fraction(1.0)).align(Align::Right),
            Column::new("Share", ColumnWidth::Fraction(1.0)).align(Align::Right),
            Column::new("Purchase value", ColumnWidth::Fraction(2.0)).align(Align::Right),
        ],
        zebra: true,
    }
}

pub(super) fn write(
    ctx: &Context<'_>,
    path: &Path,
    progress: &mut ProgressFn<'_>,
) -> Result<Written> {
    let purchased = Purchased {
        from: ctx.scope.from.map(|d| d.to_string()),
        to: ctx.scope.to.map(|d| d.to_string()),
    };
    let period = match (ctx.scope.from, ctx.scope.to) {
        (None, None) => ctx.period_line(None, "Assets as of"),
        (from, to) => {
            let mut parts = vec![format!(
                "Purchased {} – {}",
                from.map(|d| ctx.dates.date(d))
                    .unwrap_or_else(|| "any time".into()),
                to.map(|d| ctx.dates.date(d))
                    .unwrap_or_else(|| ctx.dates.date(ctx.scope.today)),
            )];
            parts.extend(ctx.filters());
            parts.join(" · ")
        }
    };
    let mut sheet = sheet(
        ctx,
        "Inventory summary",
        &period,
        Orientation::Landscape,
        progress,
    )?;
    sheet.gathering(0, 4)?;
    let filter = ctx.scope.filter();
    let by_category = fold(
        report_inventory::breakdown(ctx.conn, &filter, &purchased, Grouping::Category)?,
        "—",
    );
    let by_status = fold(
        report_inventory::breakdown(ctx.conn, &filter, &purchased, Grouping::Status)?,
        "—",
    );
    let by_site = fold(
        report_inventory::breakdown(ctx.conn, &filter, &purchased, Grouping::Site)?,
        "No location recorded",
    );
    sheet.gathering(3, 4)?;
    let assets = report_inventory::assets(ctx.conn, &filter, &purchased)?;
    sheet.gathering(4, 4)?;

    let total: u64 = by_category.iter().map(|(_, g)| g.count).sum();
    let mut value = Amounts::default();
    for (_, g) in &by_category {
        value.add_all(&g.value);
    }
    let without_cost = assets.iter().filter(|a| a.cost_minor.is_none()).count() as u64;
    let cur = &ctx.currency;

    sheet.heading("At a glance");
    if total == 0 {
        sheet.paragraph(&format!(
            "There is nothing to report: there are no assets {} for this period.",
            ctx.where_words()
        ));
        return sheet.write(path);
    }
    let mut text = format!(
        "The register holds {}{}, bought for {} in all.",
        count(total, "asset", "assets"),
        if ctx.filtered() {
            " matching these filters"
        } else {
            ""
        },
        value.rounded(cur)
    );
    let statuses: Vec<String> = by_status
        .iter()
        .map(|(s, g)| format!("{} {}", grouped(g.count), status_words(s)))
        .collect();
    text.push_str(&format!(" Of these, {}.", list(&statuses)));
    if let Some((name, g)) = by_category.iter().max_by_key(|(_, g)| g.value.sort_key()) {
        if !g.value.is_zero() {
            text.push_str(&format!(
                " {} account for the largest share of the value: {} worth {}.",
                capitalised(&category_plural(name)),
                category_count(g.count, name),
                g.value.rounded(cur)
            ));
        }
    }
    if let Some((site, g)) = by_site.first() {
        text.push_str(&format!(
            " The largest site is {site} with {}.",
            count(g.count, "asset", "assets")
        ));
    }
    if without_cost > 0 {
        text.push_str(&format!(
            " {} no purchase cost recorded, so the value is understated.",
            if without_cost == 1 {
                "1 asset has".to_string()
            } else {
                format!("{} assets have", grouped(without_cost))
            }
        ));
    }
    sheet.paragraph(&text);
    let in_service = by_status
        .iter()
        .find(|(s, _)| s == "in_service")
        .map_or(0, |(_, g)| g.count);
    sheet.figures(&[
        ("Assets".to_string(), grouped(total)),
        ("Purchase value".to_string(), value.rounded(cur)),
        ("In service".to_string(), grouped(in_service)),
        ("Sites".to_string(), grouped(by_site.len() as u64)),
    ]);

    sheet.expect_rows(assets.len() as u64);
    for (title, first, groups, words) in [
        ("By category", "Category", &by_category, false),
        ("By status", "Status", &by_status, true),
        ("By site", "Site", &by_site, false),
    ] {
        sheet.heading(title);
        let rows = groups.iter().map(|(label, g)| {
            vec![
                if words {
                    capitalised(&status_words(label))
                } else {
                    label.clone()
                },
                grouped(g.count),
                percent(g.count, total),
                g.value.exact(cur),
            ]
        });
        sheet.table(&breakdown_spec(first), rows)?;
    }
    if total != assets.len() as u64 {
        sheet.paragraph(&format!(
            "Note: {} were found for the list but {} in the totals; the register changed while the report was made.",
            grouped(assets.len() as u64),
            grouped(total)
        ));
    }

    sheet.page_break();
    sheet.heading("Asset list");
    let spec = TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Fraction(1.0)),
            Column::new("Name", ColumnWidth::Fraction(2.2)),
            Column::new("Category", ColumnWidth::Fraction(1.1)),
            Column::new("Make and model", ColumnWidth::Fraction(1.8)),
            Column::new("Serial", ColumnWidth::Fraction(1.4)),
            Column::new("Location", ColumnWidth::Fraction(2.2)),
            Column::new("Status", ColumnWidth::Fraction(1.0)),
            Column::new("Purchased", ColumnWidth::Fraction(1.0)),
            Column::new("Cost", ColumnWidth::Fraction(1.1)).align(Align::Right),
        ],
        zebra: true,
    };
    let dates = ctx.dates;
    let rows = assets.into_iter().map(move |a| {
        let make = match (a.manufacturer, a.model) {
            (Some(m), Some(model)) => format!("{m} {model}"),
            (m, model) => m.or(model).unwrap_or_else(|| "—".into()),
        };
        vec![
            a.tag,
            a.name,
            a.category,
            make,
            or_dash(a.serial.as_deref()),
            or_dash(a.location.as_deref()),
            capitalised(&status_words(&a.status)),
            dates.opt(a.purchase_date.as_deref()),
            match (a.cost_minor, a.currency) {
                (Some(m), Some(c)) => money_exact(m, &c),
                _ => "—".into(),
            },
        ]
    });
    sheet.table(&spec, rows)?;
    sheet.write(path)
}
