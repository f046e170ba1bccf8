//! The asset dossier: one asset — every field, its coverage, its
//! maintenance plans, its work log, the files attached to it (names, sizes,
//! dates) and its whole history, each entry with who logged or made it.

use std::path::Path;

use tend_pdf::{Align, Column, ColumnWidth, Orientation, TableSpec, Written};

use super::amounts::{money_exact, Amounts};
use super::render::ProgressFn;
use super::sentence::{count, duration};
use super::{capitalised, or_dash, sheet, Context};
use crate::model::{human_size, AttachedTo, Money};
use crate::store::{assets, coverage, history, report_dossier, worklog};
use crate::{Error, Result};

fn money(m: Option<&Money>) -> String {
    m.map(|m| money_exact(m.minor, &m.currency))
        .unwrap_or_else(|| "—".into())
}

pub(super) fn write(
    ctx: &Context<'_>,
    path: &Path,
    progress: &mut ProgressFn<'_>,
) -> Result<Written> {
    let tag = crate::validate::required("asset_tag", &ctx.asset_tag, crate::validate::TAG_MAX)?;
    let asset =
        assets::get_by_tag(ctx.conn, &tag)?.ok_or_else(|| Error::not_found("asset", &tag))?;
    let d = ctx.dates;
    let title = format!("Asset dossier: {}", asset.tag);
    let period = format!("{} · as of {}", asset.name, d.date(ctx.scope.today));
    let mut sheet = sheet(ctx, &title, &period, Orientation::Portrait, progress)?;
    sheet.gathering(0, 4)?;
    let cover = coverage::for_asset(ctx.conn, asset.id)?;
    let plans = report_dossier::plans(ctx.conn, asset.id)?;
    sheet.gathering(2, 4)?;
    let work = worklog::for_asset(ctx.conn, asset.id, u32::MAX)?;
    let changes = history::for_asset(ctx.conn, asset.id, u32::MAX)?;
    let files = crate::store::attachments::for_asset(ctx.conn, asset.id)?;
    sheet.gathering(4, 4)?;
    sheet.expect_rows(
        (cover.len() + plans.len() + work.len() + files.len() + changes.len() + 30) as u64,
    );

    let mut work_cost = Amounts::default();
    let mut downtime = 0u64;
    for w in &work {
        work_cost.add_money(w.cost.as_ref());
        downtime += u64::from(w.downtime_minutes.unwrap_or(0));
    }
    sheet.heading("At a glance");
    let mut text = format!(
        "{} ({}) is in category {} and {}",
        asset.tag,
        asset.name,
        asset.category,
        asset.status.label()
    );
    if let Some(loc) = &asset.location {
        text.push_str(&format!(", at {loc}"));
    }
    text.push('.');
    match (&asset.purchase_date, &asset.purchase_cost) {
        (Some(date), Some(cost)) => text.push_str(&format!(
            " It was bought on {} for {}.",
            d.text(date),
            money_exact(cost.minor, &cost.currency)
        )),
        (Some(date), None) => text.push_str(&format!(" It was bought on {}.", d.text(date))),
        (None, Some(cost)) => text.push_str(&format!(
            " It cost {}.",
            money_exact(cost.minor, &cost.currency)
        )),
        (None, None) => {}
    }
    match cover.iter().max_by(|a, b| a.end_date.cmp(&b.end_date)) {
        Some(c) if c.end_date.as_str() >= ctx.scope.today.to_string().as_str() => {
            text.push_str(&format!(
                " It is covered until {} ({}).",
                d.text(&c.end_date),
                c.kind.label().to_lowercase()
            ))
        }
        Some(c) => text.push_str(&format!(" Its cover ended on {}.", d.text(&c.end_date))),
        None => text.push_str(" It has no warranty or support contract recorded."),
    }
    let next = plans
        .iter()
        .filter(|p| !p.paused)
        .filter_map(|p| p.due_on.as_deref())
        .min();
    text.push_str(&format!(
        " It has {}{}.",
        count(plans.len() as u64, "maintenance plan", "maintenance plans"),
        next.map(|n| format!(", the next due on {}", d.text(n)))
            .unwrap_or_default()
    ));
    text.push_str(&format!(
        " Its work log holds {}, costing {} with {} of downtime.",
        count(work.len() as u64, "entry", "entries"),
        work_cost.rounded(&ctx.currency),
        duration(downtime)
    ));
    sheet.paragraph(&text);

    sheet.heading("Details");
    let field_spec = TableSpec {
        columns: vec![
            Column::new("Field", ColumnWidth::Fraction(1.0)),
            Column::new("Value", ColumnWidth::Fraction(3.0)),
        ],
        zebra: true,
    };
    let opt = |v: &Option<String>| or_dash(v.as_deref());
    let mut fields: Vec<Vec<String>> = vec![
        vec!["Asset tag".into(), asset.tag.clone()],
        vec!["Name".into(), asset.name.clone()],
        vec!["Category".into(), asset.category.clone()],
        vec!["Status".into(), capitalised(asset.status.label())],
        vec!["Manufacturer".into(), opt(&asset.manufacturer)],
        vec!["Model".into(), opt(&asset.model)],
        vec!["Serial number".into(), opt(&asset.serial)],
        vec!["Location".into(), opt(&asset.location)],
        vec![
            "Rack unit".into(),
            asset
                .rack_unit
                .map(|u| u.to_string())
                .unwrap_or_else(|| "—".into()),
        ],
        vec!["Assigned to".into(), opt(&asset.assigned_to)],
        vec!["Hostname".into(), opt(&asset.hostname)],
        vec!["IP address".into(), opt(&asset.ip_address)],
        vec!["MAC address".into(), opt(&asset.mac_address)],
        vec!["Firmware / OS".into(), opt(&asset.firmware)],
        vec![
            "Purchase date".into(),
            d.opt(asset.purchase_date.as_deref()),
        ],
        vec!["Purchase cost".into(), money(asset.purchase_cost.as_ref())],
        vec!["Supplier".into(), opt(&asset.supplier)],
        vec!["Order / invoice".into(), opt(&asset.order_number)],
        vec!["End of life".into(), d.opt(asset.end_of_life.as_deref())],
        vec![
            "End of support".into(),
            d.opt(asset.end_of_support.as_deref()),
        ],
        vec!["Notes".into(), opt(&asset.notes)],
        vec![
            "Archived".into(),
            asset
                .archived_at
                .as_deref()
                .map(|a| d.timestamp(a))
                .unwrap_or_else(|| "No".into()),
        ],
        vec!["Created".into(), d.timestamp(&asset.created_at)],
        vec!["Last changed".into(), d.timestamp(&asset.updated_at)],
    ];
    for (k, v) in &asset.custom_fields {
        fields.push(vec![k.clone(), v.clone()]);
    }
    sheet.table(&field_spec, fields)?;

    sheet.heading("Warranty and support");
    if cover.is_empty() {
        sheet.paragraph("No warranty or support contract is recorded.");
    } else {
        let spec = TableSpec {
            columns: vec![
                Column::new("Cover", ColumnWidth::Fraction(1.5)),
                Column::new("Provider and reference", ColumnWidth::Fraction(2.0)),
                Column::new("From", ColumnWidth::Fraction(1.0)),
                Column::new("Until", ColumnWidth::Fraction(1.0)),
                Column::new("Service level", ColumnWidth::Fraction(1.4)),
                Column::new("Cost", ColumnWidth::Fraction(1.1)).align(Align::Right),
            ],
            zebra: true,
        };
        let rows = cover.iter().map(|c| {
            vec![
                c.kind.label().to_string(),
                match (&c.provider, &c.reference) {
                    (Some(p), Some(r)) => format!("{p}, {r}"),
                    (p, r) => or_dash(p.as_deref().or(r.as_deref())),
                },
                d.opt(c.start_date.as_deref()),
                d.text(&c.end_date),
                opt(&c.service_level),
                money(c.cost.as_ref()),
            ]
        });
        sheet.table(&spec, rows)?;
    }

    sheet.heading("Maintenance plans");
    if plans.is_empty() {
        sheet.paragraph("No maintenance is planned.");
    } else {
        let spec = TableSpec {
            columns: vec![
                Column::new("Task", ColumnWidth::Fraction(2.2)),
                Column::new("Every", ColumnWidth::Fraction(1.3)),
                Column::new("Last done", ColumnWidth::Fraction(1.0)),
                Column::new("Next due", ColumnWidth::Fraction(1.0)),
                Column::new("Assignee", ColumnWidth::Fraction(1.3)),
            ],
            zebra: true,
        };
        let rows = plans.iter().map(|p| {
            let unit = p.interval_unit.trim_end_matches('s');
            vec![
                p.title.clone(),
                format!(
                    "{} {}{} ({})",
                    p.interval_count,
                    unit,
                    if p.interval_count == 1 { "" } else { "s" },
                    p.anchor
                ),
                d.opt(p.last_done.as_deref()),
                if p.paused {
                    "paused".into()
                } else {
                    d.opt(p.due_on.as_deref())
                },
                opt(&p.assignee),
            ]
        });
        sheet.table(&spec, rows)?;
    }

    sheet.heading("Work log");
    if work.is_empty() {
        sheet.paragraph("No work has been logged.");
    } else {
        let spec = TableSpec {
            columns: vec![
                Column::new("Date", ColumnWidth::Fraction(1.0)),
                Column::new("Kind", ColumnWidth::Fraction(1.1)),
                Column::new("What was done", ColumnWidth::Fraction(2.6)),
                Column::new("Done by", ColumnWidth::Fraction(1.1)),
                Column::new("Logged by", ColumnWidth::Fraction(1.1)),
                Column::new("Cost", ColumnWidth::Fraction(1.0)).align(Align::Right),
                // Wide enough for its title on one line.
                Column::new("Downtime", ColumnWidth::Fraction(1.05)).align(Align::Right),
            ],
            zebra: true,
        };
        let rows = work.iter().map(|w| {
            let mut what = w.summary.clone();
            if let Some(details) = &w.details {
                what.push_str(" — ");
                what.push_str(details);
            }
            if let Some(r) = &w.external_ref {
                what.push_str(&format!(" (ref. {r})"));
            }
            vec![
                d.text(&w.performed_on),
                w.kind.label().to_string(),
                what,
                opt(&w.performed_by),
                opt(&w.author),
                money(w.cost.as_ref()),
                w.downtime_minutes
                    .map(|m| duration(u64::from(m)))
                    .unwrap_or_else(|| "—".into()),
            ]
        });
        sheet.table(&spec, rows)?;
    }

    sheet.heading("Attachments");
    if files.is_empty() {
        sheet.paragraph("No files are attached.");
    } else {
        let spec = TableSpec {
            columns: vec![
                Column::new("File", ColumnWidth::Fraction(2.6)),
                Column::new("Attached to", ColumnWidth::Fraction(1.6)),
                Column::new("Size", ColumnWidth::Fraction(0.9)).align(Align::Right),
                Column::new("Added", ColumnWidth::Fraction(1.0)),
                Column::new("By", ColumnWidth::Fraction(1.1)),
            ],
            zebra: true,
        };
        let rows = files.iter().map(|f| {
            let to = match f.attached_to {
                AttachedTo::Asset => "the asset".to_string(),
                AttachedTo::Coverage(id) => cover
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| format!("{} to {}", c.kind.label(), d.text(&c.end_date)))
                    .unwrap_or_else(|| "coverage".into()),
                AttachedTo::Work(id) => work
                    .iter()
                    .find(|w| w.id == id)
                    .map(|w| format!("{} {}", w.kind.label(), d.text(&w.performed_on)))
                    .unwrap_or_else(|| "work log".into()),
            };
            let mut name = f.name.clone();
            if let Some(note) = &f.note {
                name.push_str(" — ");
                name.push_str(note);
            }
            vec![
                name,
                to,
                human_size(f.size),
                d.timestamp(&f.created_at),
                opt(&f.author),
            ]
        });
        sheet.table(&spec, rows)?;
    }

    sheet.heading("History");
    let spec = TableSpec {
        columns: vec![
            Column::new("When", ColumnWidth::Fraction(1.3)),
            Column::new("What changed", ColumnWidth::Fraction(2.2)),
            Column::new("Before", ColumnWidth::Fraction(1.4)),
            Column::new("After", ColumnWidth::Fraction(1.4)),
            Column::new("By", ColumnWidth::Fraction(1.2)),
        ],
        zebra: true,
    };
    let rows = changes.iter().map(|h| {
        vec![
            d.timestamp(&h.at),
            h.summary.clone(),
            opt(&h.old_value),
            opt(&h.new_value),
            opt(&h.author),
        ]
    });
    sheet.table(&spec, rows)?;
    sheet.write(path)
}
