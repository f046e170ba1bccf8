//! The register's list order kept in memory (`KeptOrder`, held by the
//! desktop beside the kept due list): for the filter and sort last asked,
//! every matching asset's id in order. A block of the scrolling table at
//! any depth is then the ids at those places, read by id — instead of an
//! SQL `OFFSET` that walks every row before it (half a second at the end
//! of 100,000 assets sorted by location). The ids are read again when the
//! filter or sort changes, or when the register changed since (a write here
//! or on another connection); the top of a new list comes straight from
//! SQL (as fast there), the ids are read on the first block below it. On a team register the list is asked of the
//! server each time: its changes are not seen from here without a query.

use super::Register;
use crate::model::*;
use crate::store::asset_list;
use crate::store::sql::Store;
use crate::Result;
use std::collections::HashMap;

/// What a kept order was read under.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Basis {
    /// The query without its offset and limit.
    query: AssetQuery,
    /// The register's state then (`Register::change_stamp`).
    stamp: (i64, u64),
}

/// The ids of the list last asked for, in order.
#[derive(Debug, Default)]
pub struct KeptOrder {
    basis: Option<Basis>,
    ids: Vec<i64>,
    reads: u64,
}

impl KeptOrder {
    pub fn new() -> KeptOrder {
        KeptOrder::default()
    }

    /// How many times the ids were read from the register (for tests).
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// The page `query` asks for, as `Register::list_assets` gives it.
    pub fn page(&mut self, reg: &Register, query: &AssetQuery) -> Result<AssetPage> {
        if reg.store() != Store::Sqlite {
            return reg.list_assets(query);
        }
        let query = reg.judged(query)?;
        reg.require_filter_ids(query.category_id, query.location_id)?;
        let basis = Basis {
            query: AssetQuery {
                offset: 0,
                limit: 0,
                ..query.as_ref().clone()
            },
            stamp: reg.change_stamp()?,
        };
        if self.basis.as_ref() != Some(&basis) {
            // A new filter or sort shows its top first: SQL reads that as
            // fast as any, so the ids wait for the first scroll down.
            if query.offset == 0 {
                return reg.list_assets(&query);
            }
            self.ids = asset_list::ordered_ids(&reg.conn, &basis.query)?;
            self.basis = Some(basis);
            self.reads += 1;
        }
        let total = self.ids.len();
        let from = (query.offset as usize).min(total);
        let to = from
            .saturating_add(query.limit.min(super::LIST_LIMIT_MAX) as usize)
            .min(total);
        let wanted = &self.ids[from..to];
        if wanted.is_empty() {
            return Ok(AssetPage {
                rows: Vec::new(),
                total: total as u64,
            });
        }
        let by_id = AssetQuery {
            ids: wanted.to_vec(),
            include_archived: true,
            limit: wanted.len() as u32,
            ..AssetQuery::default()
        };
        let mut found: HashMap<i64, Asset> = asset_list::list(&reg.conn, &reg.names, &by_id)?
            .rows
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let rows = wanted.iter().filter_map(|id| found.remove(id)).collect();
        Ok(AssetPage {
            rows,
            total: total as u64,
        })
    }
}
