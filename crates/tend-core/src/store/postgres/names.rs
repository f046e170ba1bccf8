//! The lookups' names (categories, vendors, people, location paths) that a
//! team register keeps in memory for the asset list. A page is then read
//! from the assets table alone, with each row's lookup ids, and the names
//! are taken from here: joining five lookup tables to the page would cost
//! the server more than reading the page itself. `lookup_version`
//! (migrations/0003) is read in the page's own statement, so the names are
//! known to be the ones of the page's snapshot, or loaded again.

use crate::store::sql::Connection;
use crate::Result;
use std::collections::HashMap;

/// The names, as of `version` of `lookup_version`.
#[derive(Debug, Default)]
pub(crate) struct LookupNames {
    /// None until loaded.
    version: Option<i64>,
    categories: HashMap<i64, String>,
    vendors: HashMap<i64, String>,
    people: HashMap<i64, String>,
    locations: HashMap<i64, String>,
}

/// The lookup ids of one asset row, to be given their names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LookupIds {
    pub category: i64,
    pub manufacturer: Option<i64>,
    pub location: Option<i64>,
    pub assigned_to: Option<i64>,
    pub supplier: Option<i64>,
}

/// Every name with the version, in one statement (one snapshot).
const LOAD: &str = "SELECT 0, v, NULL FROM lookup_version
    UNION ALL SELECT 1, id, name::text FROM categories
    UNION ALL SELECT 2, id, name::text FROM vendors
    UNION ALL SELECT 3, id, name::text FROM people
    UNION ALL SELECT 4, id, path FROM locations";

impl LookupNames {
    /// Makes sure the names are those of `version` (read with the rows
    /// that need them) and that every id in `ids` has one, loading them
    /// again when not. A newer load than `version` is fine: the names are
    /// then the register's latest.
    pub(crate) fn refresh(
        &mut self,
        conn: &Connection,
        version: i64,
        ids: &[LookupIds],
    ) -> Result<()> {
        if self.version.is_some_and(|v| v >= version) && ids.iter().all(|i| self.knows(i)) {
            return Ok(());
        }
        let mut fresh = LookupNames::default();
        conn.prepare_cached(LOAD)?.each((), |r| {
            let kind: i64 = r.get(0)?;
            let id: i64 = r.get(1)?;
            match kind {
                0 => fresh.version = Some(id),
                _ => {
                    let name: String = r.get(2)?;
                    fresh.table(kind).insert(id, name);
                }
            }
            Ok(true)
        })?;
        *self = fresh;
        Ok(())
    }

    fn table(&mut self, kind: i64) -> &mut HashMap<i64, String> {
        match kind {
            1 => &mut self.categories,
            2 => &mut self.vendors,
            3 => &mut self.people,
            _ => &mut self.locations,
        }
    }

    fn knows(&self, ids: &LookupIds) -> bool {
        self.categories.contains_key(&ids.category)
            && ids
                .manufacturer
                .is_none_or(|i| self.vendors.contains_key(&i))
            && ids.location.is_none_or(|i| self.locations.contains_key(&i))
            && ids.assigned_to.is_none_or(|i| self.people.contains_key(&i))
            && ids.supplier.is_none_or(|i| self.vendors.contains_key(&i))
    }

    /// Writes the names of `ids` into `asset`.
    pub(crate) fn name(&self, asset: &mut crate::model::Asset, ids: &LookupIds) {
        let get =
            |map: &HashMap<i64, String>, id: Option<i64>| id.and_then(|i| map.get(&i).cloned());
        asset.category = self
            .categories
            .get(&ids.category)
            .cloned()
            .unwrap_or_default();
        asset.manufacturer = get(&self.vendors, ids.manufacturer);
        asset.location = get(&self.locations, ids.location);
        asset.assigned_to = get(&self.people, ids.assigned_to);
        asset.supplier = get(&self.vendors, ids.supplier);
    }
}
