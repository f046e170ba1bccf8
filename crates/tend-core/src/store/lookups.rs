//! SQL for the lookups assets refer to: categories, vendors, people and the
//! location tree. Names are matched ignoring case and created on first use.

use crate::model::*;
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use rusqlite::params;

fn table(kind: LookupKind) -> &'static str {
    match kind {
        LookupKind::Category => "categories",
        LookupKind::Vendor => "vendors",
        LookupKind::Person => "people",
    }
}

/// Every entry of a lookup list, by name.
pub(crate) fn list(conn: &Connection, kind: LookupKind) -> Result<Vec<Lookup>> {
    let sql = format!("SELECT id, name FROM {} ORDER BY name, id", table(kind));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(Lookup {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entry named `name` (ignoring case), if any.
pub(crate) fn find(conn: &Connection, kind: LookupKind, name: &str) -> Result<Option<Lookup>> {
    let sql = format!("SELECT id, name FROM {} WHERE name = ?1", table(kind));
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_opt([name], |r| {
        Ok(Lookup {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })
}

/// Finds `name` ignoring case, or creates it. Call inside a write transaction.
pub(crate) fn ensure(conn: &Connection, kind: LookupKind, name: &str) -> Result<Lookup> {
    if let Some(found) = find(conn, kind, name)? {
        return Ok(found);
    }
    let sql = format!("INSERT INTO {} (name) VALUES (?1)", table(kind));
    let id = conn.prepare_cached(&sql)?.insert([name])?;
    Ok(Lookup {
        id,
        name: name.to_string(),
    })
}

/// [`ensure`] for an optional name, giving the id.
pub(crate) fn ensure_id(
    conn: &Connection,
    kind: LookupKind,
    name: Option<&str>,
) -> Result<Option<i64>> {
    name.map(|n| ensure(conn, kind, n).map(|l| l.id))
        .transpose()
}

/// Whether a record of `kind` with `id` exists.
pub(crate) fn exists(conn: &Connection, kind: LookupKind, id: i64) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table(kind));
    conn.prepare_cached(&sql)?.exists([id])
}

fn read_location(r: &Row<'_>) -> rusqlite::Result<Location> {
    Ok(Location {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        name: r.get(2)?,
        kind: super::assets::choice_column(r, 3)?,
        path: r.get(4)?,
    })
}

/// Every location, ordered by path (so children follow their parent).
pub(crate) fn list_locations(conn: &Connection) -> Result<Vec<Location>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, parent_id, name, kind, path FROM locations ORDER BY path, id",
    )?;
    let rows = stmt.query_map([], read_location)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One location by id.
pub(crate) fn get_location(conn: &Connection, id: i64) -> Result<Option<Location>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, parent_id, name, kind, path FROM locations WHERE id = ?1")?;
    stmt.query_opt([id], read_location)
}

/// Finds or creates every level of `levels` (site, building, room, rack) and
/// returns the deepest. Call inside a write transaction.
pub(crate) fn ensure_location(conn: &Connection, levels: &[String]) -> Result<Location> {
    if levels.is_empty() || levels.len() > LocationKind::ALL.len() {
        return Err(Error::validation(
            "location",
            "expected 1 to 4 levels (site › building › room › rack)",
        ));
    }
    let mut parent: Option<Location> = None;
    for (depth, name) in levels.iter().enumerate() {
        let parent_id = parent.as_ref().map(|p| p.id);
        let found = conn
            .prepare_cached(
                "SELECT id, parent_id, name, kind, path FROM locations
                 WHERE coalesce(parent_id, 0) = coalesce(?1, 0) AND name = ?2",
            )?
            .query_opt(params![parent_id, name], read_location)?;
        let node = match found {
            Some(node) => node,
            None => {
                let kind = LocationKind::ALL[depth];
                let path = match &parent {
                    Some(p) => format!("{}{LOCATION_SEPARATOR}{name}", p.path),
                    None => name.clone(),
                };
                let id = conn
                    .prepare_cached(
                        "INSERT INTO locations (parent_id, name, kind, path) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .insert(params![parent_id, name, kind.id(), path])?;
                Location {
                    id,
                    parent_id,
                    name: name.clone(),
                    kind,
                    path,
                }
            }
        };
        parent = Some(node);
    }
    Ok(parent.expect("levels is not empty"))
}
