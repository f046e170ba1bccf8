//! SQL for single assets: insert, update, archive, read one. The list with
//! filters, sort and paging is in `asset_list.rs`.

use super::lookups;
use crate::model::*;
use crate::record::AssetRecord;
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use rusqlite::named_params;

/// Every column of an `Asset` (see [`read_asset`]). The lookup joins are
/// LEFT JOINs so that the assets table always drives the query (and its
/// indexes decide the order).
pub(crate) const ASSET_COLUMNS: &str = "a.id, a.tag, a.name, a.category_id, c.name, m.name, a.model, a.serial,
        a.status, a.location_id, l.path, a.rack_unit, p.name, a.hostname, a.ip_address, a.mac_address,
        a.firmware, a.purchase_date, a.purchase_cost_minor, a.purchase_currency, s.name, a.order_number,
        a.end_of_life, a.end_of_support, a.notes, a.custom_fields, a.archived_at, a.created_at, a.updated_at";

/// How many columns [`ASSET_COLUMNS`] (and [`ASSET_ID_COLUMNS`]) have: a
/// statement's own columns come after them.
pub(crate) const ASSET_COLUMN_COUNT: usize = 29;

/// [`ASSET_COLUMNS`] with each lookup's id where its name would be
/// (columns 4, 5, 10, 12 and 20), from `assets a` alone: for rows whose
/// names come from elsewhere (see [`read_asset_with`]).
pub(crate) const ASSET_ID_COLUMNS: &str = "a.id, a.tag, a.name, a.category_id, a.category_id, a.manufacturer_id, a.model, a.serial,
        a.status, a.location_id, a.location_id, a.rack_unit, a.assigned_to_id, a.hostname, a.ip_address, a.mac_address,
        a.firmware, a.purchase_date, a.purchase_cost_minor, a.purchase_currency, a.supplier_id, a.order_number,
        a.end_of_life, a.end_of_support, a.notes, a.custom_fields, a.archived_at, a.created_at, a.updated_at";

/// The columns that hold a lookup's name in [`ASSET_COLUMNS`] (its id in
/// [`ASSET_ID_COLUMNS`]).
const NAME_COLUMNS: [usize; 5] = [4, 5, 10, 12, 20];

/// The lookups of an asset, joined to their names.
pub(crate) const ASSET_JOINS: &str = "LEFT JOIN categories c ON c.id = a.category_id
    LEFT JOIN vendors m ON m.id = a.manufacturer_id
    LEFT JOIN locations l ON l.id = a.location_id
    LEFT JOIN people p ON p.id = a.assigned_to_id
    LEFT JOIN vendors s ON s.id = a.supplier_id";

fn select_asset_where(condition: &str) -> String {
    format!("SELECT {ASSET_COLUMNS} FROM assets a {ASSET_JOINS} WHERE {condition}")
}

/// Reads a stored identifier column into its enum.
pub(crate) fn choice_column<T: Choice>(r: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s = r.get_ref(idx)?.as_str()?;
    // Stored values are exact identifiers: match them without allocating,
    // and only fall back to the forgiving parse for anything else.
    if let Some(v) = T::ALL.iter().copied().find(|v| v.id() == s) {
        return Ok(v);
    }
    T::parse_id(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown value {s:?}").into(),
        )
    })
}

/// Reads money from a (minor, currency) column pair.
pub(crate) fn money_columns(
    r: &Row<'_>,
    minor: usize,
    currency: usize,
) -> rusqlite::Result<Option<Money>> {
    let m: Option<i64> = r.get(minor)?;
    let c: Option<String> = r.get(currency)?;
    Ok(m.zip(c).map(|(minor, currency)| Money { minor, currency }))
}

/// Maps one row selecting [`ASSET_COLUMNS`].
pub(crate) fn read_asset(r: &Row<'_>) -> rusqlite::Result<Asset> {
    read_asset_with(r, |r, i| r.get(i))
}

/// Maps one row selecting [`ASSET_ID_COLUMNS`]: the asset with its lookups'
/// names left empty, and their ids (see `postgres/names.rs`).
pub(crate) fn read_asset_ids(
    r: &Row<'_>,
) -> rusqlite::Result<(Asset, crate::store::postgres::names::LookupIds)> {
    let [category, manufacturer, location, assigned_to, supplier] = NAME_COLUMNS;
    let ids = crate::store::postgres::names::LookupIds {
        category: r.get(category)?,
        manufacturer: r.get(manufacturer)?,
        location: r.get(location)?,
        assigned_to: r.get(assigned_to)?,
        supplier: r.get(supplier)?,
    };
    Ok((read_asset_with(r, |_, _| Ok(None))?, ids))
}

/// Maps one row of the asset's columns, the lookups' names (the
/// [`NAME_COLUMNS`]) read by `name`.
fn read_asset_with(
    r: &Row<'_>,
    name: impl Fn(&Row<'_>, usize) -> rusqlite::Result<Option<String>>,
) -> rusqlite::Result<Asset> {
    // Most assets have no custom fields ("{}"): no JSON parse for those.
    let custom = r.get_ref(25)?.as_str()?;
    let custom_fields = if custom == "{}" {
        Default::default()
    } else {
        serde_json::from_str(custom).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(25, rusqlite::types::Type::Text, Box::new(e))
        })?
    };
    Ok(Asset {
        id: r.get(0)?,
        tag: r.get(1)?,
        name: r.get(2)?,
        category_id: r.get(3)?,
        category: name(r, 4)?.unwrap_or_default(),
        manufacturer: name(r, 5)?,
        model: r.get(6)?,
        serial: r.get(7)?,
        status: choice_column(r, 8)?,
        location_id: r.get(9)?,
        location: name(r, 10)?,
        rack_unit: r.get(11)?,
        assigned_to: name(r, 12)?,
        hostname: r.get(13)?,
        ip_address: r.get(14)?,
        mac_address: r.get(15)?,
        firmware: r.get(16)?,
        purchase_date: r.get(17)?,
        purchase_cost: money_columns(r, 18, 19)?,
        supplier: name(r, 20)?,
        order_number: r.get(21)?,
        end_of_life: r.get(22)?,
        end_of_support: r.get(23)?,
        notes: r.get(24)?,
        custom_fields,
        archived_at: r.get(26)?,
        created_at: r.get(27)?,
        updated_at: r.get(28)?,
    })
}

/// One asset by id.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<Asset>> {
    let sql = select_asset_where("a.id = ?1");
    conn.prepare_cached(&sql)?.query_opt([id], read_asset)
}

/// One asset by tag, ignoring case.
pub(crate) fn get_by_tag(conn: &Connection, tag: &str) -> Result<Option<Asset>> {
    let sql = select_asset_where("a.tag = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([tag.trim()], read_asset)
}

/// One asset by id, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<Asset> {
    get(conn, id)?.ok_or_else(|| Error::not_found("asset", id))
}

/// Whether asset `id` exists.
pub(crate) fn exists(conn: &Connection, id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM assets WHERE id = ?1")?
        .exists([id])
}

/// Number of assets, archived included.
pub(crate) fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM assets")?
        .query_row([], |r| r.get(0))?;
    Ok(n as u64)
}

/// Refuses a tag already used by another asset (ignoring case).
fn check_tag_free(conn: &Connection, tag: &str, own_id: Option<i64>) -> Result<()> {
    let other: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, tag FROM assets WHERE tag = ?1")?
        .query_opt([tag], |r| Ok((r.get(0)?, r.get(1)?)))?;
    match other {
        Some((id, existing)) if Some(id) != own_id => Err(Error::Conflict {
            field: "tag".into(),
            message: format!("asset tag \"{tag}\" is already used by asset {existing} (tags are unique ignoring case)"),
        }),
        _ => Ok(()),
    }
}

/// Maps a UNIQUE violation on the tag (a race with another writer) to `Conflict`.
fn tag_conflict(e: Error, tag: &str) -> Error {
    // SQLite names the column; on PostgreSQL the tag is the assets table's
    // only unique value.
    let clash = match &e {
        Error::Storage(s) => s.to_string().contains("assets.tag"),
        Error::Conflict { .. } => true,
        _ => false,
    };
    if clash {
        Error::Conflict {
            field: "tag".into(),
            message: format!("asset tag \"{tag}\" is already used (tags are unique ignoring case)"),
        }
    } else {
        e
    }
}

/// Column values of a record, lookups resolved (created when new).
struct Resolved {
    category_id: i64,
    manufacturer_id: Option<i64>,
    location_id: Option<i64>,
    assigned_to_id: Option<i64>,
    supplier_id: Option<i64>,
    custom_fields: String,
}

fn resolve(conn: &Connection, rec: &AssetRecord) -> Result<Resolved> {
    Ok(Resolved {
        category_id: lookups::ensure(conn, LookupKind::Category, &rec.category)?.id,
        manufacturer_id: lookups::ensure_id(conn, LookupKind::Vendor, rec.manufacturer.as_deref())?,
        location_id: rec
            .location
            .as_deref()
            .map(|l| lookups::ensure_location(conn, l).map(|n| n.id))
            .transpose()?,
        assigned_to_id: lookups::ensure_id(conn, LookupKind::Person, rec.assigned_to.as_deref())?,
        supplier_id: lookups::ensure_id(conn, LookupKind::Vendor, rec.supplier.as_deref())?,
        custom_fields: serde_json::to_string(&rec.custom_fields)
            .map_err(|e| Error::validation("custom_fields", e.to_string()))?,
    })
}

/// Inserts a new asset; returns its id. Call inside a write transaction.
pub(crate) fn insert(conn: &Connection, rec: &AssetRecord, now: &str) -> Result<i64> {
    check_tag_free(conn, &rec.tag, None)?;
    let ids = resolve(conn, rec)?;
    let id = conn.prepare_cached(
        "INSERT INTO assets (tag, name, category_id, manufacturer_id, model, serial, status, location_id,
            rack_unit, assigned_to_id, hostname, ip_address, mac_address, firmware, purchase_date,
            purchase_cost_minor, purchase_currency, supplier_id, order_number, end_of_life, end_of_support,
            notes, custom_fields, created_at, updated_at)
         VALUES (:tag, :name, :category_id, :manufacturer_id, :model, :serial, :status, :location_id,
            :rack_unit, :assigned_to_id, :hostname, :ip_address, :mac_address, :firmware, :purchase_date,
            :cost_minor, :cost_currency, :supplier_id, :order_number, :end_of_life, :end_of_support,
            :notes, :custom_fields, :now, :now)",
    )?
    .insert(named_params! {
        ":tag": rec.tag, ":name": rec.name, ":category_id": ids.category_id,
        ":manufacturer_id": ids.manufacturer_id, ":model": rec.model, ":serial": rec.serial,
        ":status": rec.status.id(), ":location_id": ids.location_id, ":rack_unit": rec.rack_unit,
        ":assigned_to_id": ids.assigned_to_id, ":hostname": rec.hostname, ":ip_address": rec.ip_address,
        ":mac_address": rec.mac_address, ":firmware": rec.firmware, ":purchase_date": rec.purchase_date,
        ":cost_minor": rec.purchase_cost.as_ref().map(|m| m.minor),
        ":cost_currency": rec.purchase_cost.as_ref().map(|m| m.currency.as_str()),
        ":supplier_id": ids.supplier_id, ":order_number": rec.order_number,
        ":end_of_life": rec.end_of_life, ":end_of_support": rec.end_of_support, ":notes": rec.notes,
        ":custom_fields": ids.custom_fields, ":now": now,
    })
    .map_err(|e| tag_conflict(e, &rec.tag))?;
    Ok(id)
}

/// Replaces every field of asset `id`. Call inside a write transaction.
pub(crate) fn update(conn: &Connection, id: i64, rec: &AssetRecord, now: &str) -> Result<()> {
    check_tag_free(conn, &rec.tag, Some(id))?;
    let ids = resolve(conn, rec)?;
    let n = conn
        .prepare_cached(
            "UPDATE assets SET tag = :tag, name = :name, category_id = :category_id,
                manufacturer_id = :manufacturer_id, model = :model, serial = :serial, status = :status,
                location_id = :location_id, rack_unit = :rack_unit, assigned_to_id = :assigned_to_id,
                hostname = :hostname, ip_address = :ip_address, mac_address = :mac_address,
                firmware = :firmware, purchase_date = :purchase_date, purchase_cost_minor = :cost_minor,
                purchase_currency = :cost_currency, supplier_id = :supplier_id,
                order_number = :order_number, end_of_life = :end_of_life,
                end_of_support = :end_of_support, notes = :notes, custom_fields = :custom_fields,
                updated_at = :now
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":id": id,
            ":tag": rec.tag, ":name": rec.name, ":category_id": ids.category_id,
            ":manufacturer_id": ids.manufacturer_id, ":model": rec.model, ":serial": rec.serial,
            ":status": rec.status.id(), ":location_id": ids.location_id, ":rack_unit": rec.rack_unit,
            ":assigned_to_id": ids.assigned_to_id, ":hostname": rec.hostname, ":ip_address": rec.ip_address,
            ":mac_address": rec.mac_address, ":firmware": rec.firmware, ":purchase_date": rec.purchase_date,
            ":cost_minor": rec.purchase_cost.as_ref().map(|m| m.minor),
            ":cost_currency": rec.purchase_cost.as_ref().map(|m| m.currency.as_str()),
            ":supplier_id": ids.supplier_id, ":order_number": rec.order_number,
            ":end_of_life": rec.end_of_life, ":end_of_support": rec.end_of_support, ":notes": rec.notes,
            ":custom_fields": ids.custom_fields, ":now": now,
        })
        .map_err(|e| tag_conflict(e, &rec.tag))?;
    if n == 0 {
        return Err(Error::not_found("asset", id));
    }
    Ok(())
}

/// One field a bulk change sets, resolved to what the row stores.
pub(crate) enum OneField<'a> {
    Status(&'a str),
    LocationId(Option<i64>),
    AssignedToId(Option<i64>),
}

/// Sets one field of asset `id` (a bulk change: the value was checked and
/// its lookup made once for every asset). Call inside a write transaction.
pub(crate) fn set_one(conn: &Connection, id: i64, field: &OneField<'_>, now: &str) -> Result<()> {
    let n = match field {
        OneField::Status(status) => conn
            .prepare_cached("UPDATE assets SET status = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![id, status, now])?,
        OneField::LocationId(location) => conn
            .prepare_cached("UPDATE assets SET location_id = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![id, location, now])?,
        OneField::AssignedToId(person) => conn
            .prepare_cached("UPDATE assets SET assigned_to_id = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(rusqlite::params![id, person, now])?,
    };
    if n == 0 {
        return Err(Error::not_found("asset", id));
    }
    Ok(())
}

/// Sets or clears `archived_at`. Call inside a write transaction.
pub(crate) fn set_archived(
    conn: &Connection,
    id: i64,
    archived_at: Option<&str>,
    now: &str,
) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE assets SET archived_at = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(rusqlite::params![id, archived_at, now])?;
    if n == 0 {
        return Err(Error::not_found("asset", id));
    }
    Ok(())
}

/// A rack position is stored as its decimal text ("12", "10.5"), the same
/// on both stores (schema v8 and PostgreSQL's 0004).
impl rusqlite::ToSql for RackUnit {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Owned(
            rusqlite::types::Value::Text(self.to_string()),
        ))
    }
}

impl rusqlite::types::FromSql for RackUnit {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::{FromSqlError, ValueRef};
        let text = match value {
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            ValueRef::Integer(i) => i.to_string(),
            _ => return Err(FromSqlError::InvalidType),
        };
        RackUnit::parse(&text)
            .ok_or_else(|| FromSqlError::Other(format!("\"{text}\" is not a rack position").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(list: &str) -> Vec<String> {
        list.split(',').map(|c| c.trim().to_string()).collect()
    }

    /// The two column lists are read by one mapping: they must differ only
    /// where a name stands for its id.
    #[test]
    fn the_id_columns_are_the_asset_columns_with_ids_for_names() {
        let names = columns(ASSET_COLUMNS);
        let ids = columns(ASSET_ID_COLUMNS);
        assert_eq!(names.len(), ASSET_COLUMN_COUNT);
        assert_eq!(ids.len(), ASSET_COLUMN_COUNT);
        for (i, (n, d)) in names.iter().zip(&ids).enumerate() {
            if NAME_COLUMNS.contains(&i) {
                assert!(n.ends_with(".name") || n.ends_with(".path"), "{i}: {n}");
                assert!(d.ends_with("_id"), "{i}: {d}");
            } else {
                assert_eq!(n, d, "column {i}");
            }
        }
    }
}
