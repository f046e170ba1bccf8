//! `tend assets …`: list, show, add, update, archive and restore assets.

use super::Context;
use crate::args::{AddArgs, AssetFields, AssetsCommand, ListArgs, ShowArgs, TagArg, UpdateArgs};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use tend_core::{
    Asset, AssetInput, AssetQuery, CoverFilter, Coverage, HistoryEntry, Period, WorkLogEntry,
};

pub fn run(cx: &mut Context, command: AssetsCommand) -> Result<(), Failure> {
    match command {
        AssetsCommand::List(a) => list(cx, a),
        AssetsCommand::Show(a) => show(cx, a),
        AssetsCommand::Add(a) => add(cx, a),
        AssetsCommand::Update(a) => update(cx, a),
        AssetsCommand::Archive(TagArg { tag }) => {
            let asset = cx.register.get_asset_by_tag(&tag)?;
            let asset = cx.register.archive_asset(asset.id)?;
            written(cx, &asset, "archived")
        }
        AssetsCommand::Restore(TagArg { tag }) => {
            let asset = cx.register.get_asset_by_tag(&tag)?;
            let asset = cx.register.restore_asset(asset.id)?;
            written(cx, &asset, "restored")
        }
    }
}

fn list(cx: &mut Context, a: ListArgs) -> Result<(), Failure> {
    let category_id = match &a.category {
        Some(name) => Some(category_id(cx, name)?),
        None => None,
    };
    let location_id = match &a.location {
        Some(path) => Some(location_id(cx, path)?),
        None => None,
    };
    let assigned_to_id = match &a.assigned_to {
        Some(name) => Some(
            cx.register
                .find_person(name)
                .map_err(|e| as_flag(e, "--assigned-to"))?,
        ),
        None => None,
    };
    let query = AssetQuery {
        search: a.search.filter(|s| !s.trim().is_empty()),
        status: a.status,
        category_id,
        location_id,
        assigned_to_id,
        cover: a.cover.map(|state| CoverFilter {
            state,
            within_days: a.cover_within,
            on: Some(crate::clock::today().format("%Y-%m-%d").to_string()),
        }),
        repaired: match (a.repaired_from, a.repaired_to) {
            (Some(from), Some(to)) => Some(Period { from, to }),
            _ => None,
        },
        ids: Vec::new(),
        include_archived: a.archived,
        sort: a.sort,
        descending: a.desc,
        offset: a.offset,
        limit: a.limit,
    };
    let page = cx.register.list_assets(&query)?;
    if cx.json {
        return output::json(cx.out, &page);
    }
    let mut table = output::table([
        "tag", "name", "category", "status", "location", "model", "serial",
    ]);
    for asset in &page.rows {
        let mut status = asset.status.label().to_owned();
        if asset.archived_at.is_some() {
            status.push_str(" (archived)");
        }
        table.add_row([
            asset.tag.clone(),
            asset.name.clone(),
            asset.category.clone(),
            status,
            output::text(&asset.location),
            output::text(&asset.model),
            output::text(&asset.serial),
        ]);
    }
    if !page.rows.is_empty() {
        output::write_table(cx.out, &table)?;
    }
    writeln!(
        cx.out,
        "{}",
        shown_range(query.offset, page.rows.len(), page.total)
    )?;
    Ok(())
}

/// "showing 1–50 of 1234", or why nothing is shown.
fn shown_range(offset: u32, shown: usize, total: u64) -> String {
    match (shown, total) {
        (_, 0) => "no assets match".to_owned(),
        (0, _) => format!("showing none of {total} (--offset {offset} is past the end)"),
        _ => format!(
            "showing {}–{} of {total}",
            u64::from(offset) + 1,
            u64::from(offset) + shown as u64
        ),
    }
}

/// The id of the category called `name` (the core's rule, ignoring case);
/// a failure names the flag.
pub(super) fn category_id(cx: &Context, name: &str) -> Result<i64, Failure> {
    cx.register
        .find_category(name)
        .map_err(|e| as_flag(e, "--category"))
}

/// The id of the location `path` names (the core's rule: a full path, or
/// the one location with this name); a failure names the flag.
pub(super) fn location_id(cx: &Context, path: &str) -> Result<i64, Failure> {
    cx.register
        .find_location(path)
        .map_err(|e| as_flag(e, "--location"))
}

/// A validation error about a filter, naming the flag it came from.
fn as_flag(e: tend_core::Error, flag: &str) -> Failure {
    match e {
        tend_core::Error::Validation { message, .. } => tend_core::Error::Validation {
            field: flag.to_owned(),
            message,
        }
        .into(),
        other => other.into(),
    }
}

/// Everything `tend assets show --json` prints about one asset.
#[derive(Serialize)]
struct AssetDetail<'a> {
    asset: &'a Asset,
    coverage: &'a [Coverage],
    recent_work: &'a [WorkLogEntry],
    recent_history: &'a [HistoryEntry],
}

fn show(cx: &mut Context, a: ShowArgs) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.tag)?;
    let coverage = cx.register.list_coverage(asset.id)?;
    let work = cx.register.list_work(asset.id, a.recent)?;
    let history = cx.register.asset_history(asset.id, a.recent)?;
    if cx.json {
        return output::json(
            cx.out,
            &AssetDetail {
                asset: &asset,
                coverage: &coverage,
                recent_work: &work,
                recent_history: &history,
            },
        );
    }
    let out = &mut *cx.out;
    writeln!(out, "{}  {}", asset.tag, asset.name)?;
    writeln!(out)?;
    output::fields(
        out,
        &[
            ("category", asset.category.clone()),
            ("status", asset.status.label().to_owned()),
            (
                "archived",
                asset
                    .archived_at
                    .as_deref()
                    .map(output::timestamp)
                    .unwrap_or_default(),
            ),
            ("manufacturer", output::text(&asset.manufacturer)),
            ("model", output::text(&asset.model)),
            ("serial", output::text(&asset.serial)),
            ("location", output::text(&asset.location)),
            (
                "rack unit",
                asset.rack_unit.map(|u| u.to_string()).unwrap_or_default(),
            ),
            ("assigned to", output::text(&asset.assigned_to)),
            ("hostname", output::text(&asset.hostname)),
            ("IP address", output::text(&asset.ip_address)),
            ("MAC address", output::text(&asset.mac_address)),
            ("firmware", output::text(&asset.firmware)),
            ("purchase date", output::text(&asset.purchase_date)),
            ("purchase cost", output::money(&asset.purchase_cost)),
            ("supplier", output::text(&asset.supplier)),
            ("order number", output::text(&asset.order_number)),
            ("end of life", output::text(&asset.end_of_life)),
            ("end of support", output::text(&asset.end_of_support)),
            ("notes", output::text(&asset.notes)),
            ("created", output::timestamp(&asset.created_at)),
            ("updated", output::timestamp(&asset.updated_at)),
        ],
    )?;
    if !asset.custom_fields.is_empty() {
        writeln!(out, "\nCustom fields")?;
        let rows: Vec<(&str, String)> = asset
            .custom_fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        output::fields(out, &rows)?;
    }
    writeln!(out, "\nCoverage")?;
    if coverage.is_empty() {
        writeln!(out, "none recorded")?;
    } else {
        super::coverage::write_table(out, &coverage)?;
    }
    writeln!(out, "\nRecent work")?;
    if work.is_empty() {
        writeln!(out, "none logged")?;
    } else {
        super::log::write_table(out, &work)?;
    }
    writeln!(out, "\nRecent history")?;
    if history.is_empty() {
        writeln!(out, "none")?;
    } else {
        let mut table = output::table(["when", "change", "by"]);
        for h in &history {
            table.add_row([
                output::timestamp(&h.at),
                h.summary.clone(),
                output::text(&h.author),
            ]);
        }
        output::write_table(out, &table)?;
    }
    Ok(())
}

fn add(cx: &mut Context, a: AddArgs) -> Result<(), Failure> {
    let mut input = AssetInput {
        tag: a.tag,
        name: a.name,
        ..AssetInput::default()
    };
    apply(&mut input, a.fields);
    let asset = cx.register.create_asset(&input)?;
    if cx.json {
        return output::json(cx.out, &asset);
    }
    writeln!(cx.out, "{}", asset.tag)?;
    Ok(())
}

fn update(cx: &mut Context, a: UpdateArgs) -> Result<(), Failure> {
    let asset = cx.register.get_asset_by_tag(&a.current_tag)?;
    let mut input = cx.register.asset_input(&asset);
    if let Some(seen) = a.if_unchanged_since {
        input.expected_updated_at = seen;
    }
    if let Some(tag) = a.tag {
        input.tag = tag;
    }
    if let Some(name) = a.name {
        input.name = name;
    }
    apply(&mut input, a.fields);
    let asset = cx.register.update_asset(asset.id, &input)?;
    written(cx, &asset, "updated")
}

/// Prints an asset that was just changed: as JSON, or "<verb> <tag>".
fn written(cx: &mut Context, asset: &Asset, verb: &str) -> Result<(), Failure> {
    if cx.json {
        return output::json(cx.out, asset);
    }
    writeln!(cx.out, "{verb} {}", asset.tag)?;
    Ok(())
}

/// Overrides the fields of `input` that were given on the command line. A
/// custom field with an empty value is removed.
fn apply(input: &mut AssetInput, f: AssetFields) {
    let pairs = [
        (f.category, &mut input.category),
        (f.manufacturer, &mut input.manufacturer),
        (f.model, &mut input.model),
        (f.serial, &mut input.serial),
        (f.status, &mut input.status),
        (f.location, &mut input.location),
        (f.rack_unit, &mut input.rack_unit),
        (f.assigned_to, &mut input.assigned_to),
        (f.hostname, &mut input.hostname),
        (f.ip, &mut input.ip_address),
        (f.mac, &mut input.mac_address),
        (f.firmware, &mut input.firmware),
        (f.purchase_date, &mut input.purchase_date),
        (f.cost, &mut input.purchase_cost),
        (f.currency, &mut input.currency),
        (f.supplier, &mut input.supplier),
        (f.order_number, &mut input.order_number),
        (f.eol, &mut input.end_of_life),
        (f.eos, &mut input.end_of_support),
        (f.notes, &mut input.notes),
    ];
    for (given, field) in pairs {
        if let Some(value) = given {
            *field = value;
        }
    }
    for (key, value) in f.custom_fields {
        if value.is_empty() {
            input.custom_fields.remove(&key);
        } else {
            input.custom_fields.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_line_counts_from_one() {
        assert_eq!(shown_range(0, 50, 1234), "showing 1–50 of 1234");
        assert_eq!(shown_range(1200, 34, 1234), "showing 1201–1234 of 1234");
        assert_eq!(shown_range(0, 0, 0), "no assets match");
    }
}
