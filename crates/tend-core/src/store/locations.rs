//! SQL for the locations screen: assets per place, a rack's devices with
//! their models' heights, renaming or moving a place (its subtree's paths
//! follow, each asset there gets a history entry), model heights. The same
//! statements serve both stores.

use super::history::Stamp;
use crate::model::{ChangeAction, Choice, EntityKind};
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::named_params;

/// The ids of a place and everything below it, as a subquery on `:id`.
const SUBTREE: &str = "(WITH RECURSIVE subtree(id) AS (
        SELECT CAST(:id AS BIGINT) UNION ALL
        SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id)
     SELECT id FROM subtree)";

/// Assets (not archived) directly at each place that has any.
pub(crate) fn asset_counts(conn: &Connection) -> Result<Vec<(i64, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT location_id, COUNT(*) FROM assets
         WHERE archived_at IS NULL AND location_id IS NOT NULL
         GROUP BY location_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<i64>(1)?.max(0) as u64)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An asset in a rack.
pub(crate) struct RackRow {
    pub asset_id: i64,
    pub tag: String,
    pub name: String,
    pub model: Option<String>,
    pub rack_unit: Option<String>,
    pub units: Option<i64>,
}

/// The assets (not archived) directly in `rack_id`, by tag, with their
/// model's height when it is set.
pub(crate) fn rack_rows(conn: &Connection, rack_id: i64) -> Result<Vec<RackRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.tag, a.name, a.model, a.rack_unit, h.units
         FROM assets a LEFT JOIN model_heights h ON h.model = a.model
         WHERE a.location_id = ?1 AND a.archived_at IS NULL
         ORDER BY a.tag",
    )?;
    let rows = stmt.query_map([rack_id], |r| {
        Ok(RackRow {
            asset_id: r.get(0)?,
            tag: r.get(1)?,
            name: r.get(2)?,
            model: r.get(3)?,
            rack_unit: r.get(4)?,
            units: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Another place under `parent_id` (a site when None) named `name`
/// (ignoring case), other than `id`.
pub(crate) fn sibling_named(
    conn: &Connection,
    id: i64,
    parent_id: Option<i64>,
    name: &str,
) -> Result<bool> {
    conn.prepare_cached(
        "SELECT 1 FROM locations
         WHERE coalesce(parent_id, 0) = coalesce(CAST(?1 AS BIGINT), 0) AND lower(name) = lower(?2)
           AND id <> ?3",
    )?
    .exists(rusqlite::params![parent_id, name, id])
}

/// Gives place `id` the name `name` under `parent_id`, and its subtree the
/// paths that follow (`old_path` becomes `new_path` at their start). Every
/// asset in the subtree gets a history entry for its location and a new
/// `updated_at` (a form opened before saves into a conflict, not into the
/// old place). Returns how many assets that was. Call inside a write.
pub(crate) fn relocate(
    conn: &Connection,
    id: i64,
    parent_id: Option<i64>,
    name: &str,
    old_path: &str,
    new_path: &str,
    stamp: &Stamp,
) -> Result<u64> {
    // Characters of the old path kept after the new start (1-based).
    let cut = i64::try_from(old_path.chars().count()).unwrap_or(i64::MAX) + 1;
    let moved = format!(
        "INSERT INTO history (asset_id, entity, entity_id, action, field, old_value, new_value, at, summary, author)
         SELECT a.id, :entity, a.id, :action, 'location', l.path,
                :new || substr(l.path, CAST(:cut AS INTEGER)), :at,
                'location: ' || l.path || ' → ' || :new || substr(l.path, CAST(:cut AS INTEGER)), :author
         FROM assets a JOIN locations l ON l.id = a.location_id
         WHERE a.location_id IN {SUBTREE}"
    );
    let assets = conn.prepare_cached(&moved)?.execute(named_params! {
        ":entity": EntityKind::Asset.id(), ":action": ChangeAction::Updated.id(),
        ":new": new_path, ":cut": cut, ":at": stamp.at, ":author": stamp.author, ":id": id,
    })?;
    conn.prepare_cached(&format!(
        "UPDATE assets SET updated_at = :at WHERE location_id IN {SUBTREE}"
    ))?
    .execute(named_params! {":at": stamp.at, ":id": id})?;
    conn.prepare_cached("UPDATE locations SET name = ?2, parent_id = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![id, name, parent_id])?;
    conn.prepare_cached(&format!(
        "UPDATE locations SET path = :new || substr(path, CAST(:cut AS INTEGER))
         WHERE id IN {SUBTREE}"
    ))?
    .execute(named_params! {":new": new_path, ":cut": cut, ":id": id})?;
    Ok(assets as u64)
}

/// Sets how many units `model` takes (replacing what was set).
pub(crate) fn set_model_height(conn: &Connection, model: &str, units: u32) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO model_heights (model, units) VALUES (?1, ?2)
         ON CONFLICT (model) DO UPDATE SET units = excluded.units",
    )?
    .execute(rusqlite::params![model, units])?;
    Ok(())
}
