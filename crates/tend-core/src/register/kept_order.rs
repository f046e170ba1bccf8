//! The register's list order kept in memory (`KeptOrder`, held by the
//! desktop beside the kept due list): for the filter and sort last asked,
//! every matching asset's id in order. A block of the scrolling table at
//! any depth is then the ids at those places, read by id — instead of an
//! SQL `OFFSET` that walks every row before it (half a second at the end
//! of 100,000 assets sorted by location). The ids are read again when the
//! filter or sort changes, or when the register changed since (a write here
//! or on another connection); the top of a new list comes straight from
//! SQL where that is as fast, the ids are read on the first block below it.
//!
//! The ids come from the whole register's order for the sort (archived
//! assets too, read from the sort's index without touching the rows; see
//! `asset_list::whole_order`), kept for the last few sorts, with the
//! archived assets or the filter's matches taken out — instead of sorting
//! the filter's matches in SQL each time (an `ORDER BY` over 100,000 rows
//! that checks each row for the archived mark). A search or a selection
//! (few matches) is still ordered by SQL. On a team register the list is
//! asked of the server each time: its changes are not seen from here
//! without a query.

use super::Register;
use crate::model::*;
use crate::store::asset_list;
use crate::store::sql::Store;
use crate::Result;
use std::collections::HashMap;

fn sorts_by_lookup(sort: AssetSortColumn) -> bool {
    use AssetSortColumn as S;
    matches!(
        sort,
        S::Category | S::Location | S::Manufacturer | S::AssignedTo
    )
}

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
    /// Whole orders of the register, most recently used first, and the
    /// archived assets, as of `stamp`.
    whole: Vec<(AssetSortColumn, Vec<i64>)>,
    archived: Option<Vec<i64>>,
    stamp: Option<(i64, u64)>,
}

/// How many sorts' whole orders are kept (each 8 bytes an asset).
const WHOLE_KEPT: usize = 3;

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
            // fast as any, so the ids wait for the first scroll down —
            // except under a sort on a lookup's name, which SQL can only
            // answer by sorting every match.
            if query.offset == 0 && !sorts_by_lookup(query.sort) {
                return reg.list_assets(&query);
            }
            self.ids = self.ordered_ids(reg, &basis)?;
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

    /// Every asset `basis` asks for, in its order.
    fn ordered_ids(&mut self, reg: &Register, basis: &Basis) -> Result<Vec<i64>> {
        let q = &basis.query;
        let narrow = q
            .search
            .as_deref()
            .and_then(asset_list::fts_query)
            .is_some()
            || !q.ids.is_empty();
        if narrow {
            return asset_list::ordered_ids(&reg.conn, q);
        }
        if self.stamp != Some(basis.stamp) {
            self.whole.clear();
            self.archived = None;
            self.stamp = Some(basis.stamp);
        }
        // Only sorted (any other field set, a filter of today or of
        // tomorrow, goes through the filter's matches).
        let only_sorted = *q
            == AssetQuery {
                sort: q.sort,
                descending: q.descending,
                include_archived: q.include_archived,
                offset: 0,
                limit: 0,
                ..AssetQuery::default()
            };
        let keep = if !only_sorted {
            IdSet::of(&asset_list::matching_ids(&reg.conn, q)?)
        } else if q.include_archived {
            IdSet::All
        } else {
            if self.archived.is_none() {
                self.archived = Some(asset_list::archived_ids(&reg.conn)?);
            }
            IdSet::AllBut(IdSet::of(self.archived.as_deref().unwrap_or_default()).into())
        };
        let Some(order) = self.whole_order(reg, q.sort)? else {
            return asset_list::ordered_ids(&reg.conn, q);
        };
        let mut ids: Vec<i64> = order.iter().copied().filter(|id| keep.has(*id)).collect();
        if q.descending {
            ids.reverse();
        }
        Ok(ids)
    }

    /// The register's whole order by `sort` (kept for the last few sorts);
    /// None when SQL must order it (`asset_list::whole_order`).
    fn whole_order(&mut self, reg: &Register, sort: AssetSortColumn) -> Result<Option<&[i64]>> {
        match self.whole.iter().position(|(s, _)| *s == sort) {
            Some(at) => {
                let used = self.whole.remove(at);
                self.whole.insert(0, used);
            }
            None => {
                let Some(order) = asset_list::whole_order(&reg.conn, sort)? else {
                    return Ok(None);
                };
                self.whole.insert(0, (sort, order));
                self.whole.truncate(WHOLE_KEPT);
            }
        }
        Ok(self.whole.first().map(|(_, order)| order.as_slice()))
    }
}

/// Which ids a list keeps of a whole order.
enum IdSet {
    All,
    AllBut(Box<IdSet>),
    /// One bit per id up to the largest.
    Bits(Vec<u64>),
    /// The ids in order, when they are too sparse for bits.
    Sorted(Vec<i64>),
}

impl IdSet {
    fn of(ids: &[i64]) -> IdSet {
        let largest = ids.iter().copied().max().unwrap_or(0).max(0) as usize;
        if largest / 64 > ids.len() + 4096 {
            let mut sorted = ids.to_vec();
            sorted.sort_unstable();
            return IdSet::Sorted(sorted);
        }
        let mut bits = vec![0u64; largest / 64 + 1];
        for id in ids.iter().filter(|id| **id >= 0) {
            bits[*id as usize / 64] |= 1 << (*id as usize % 64);
        }
        IdSet::Bits(bits)
    }

    fn has(&self, id: i64) -> bool {
        match self {
            IdSet::All => true,
            IdSet::AllBut(not) => !not.has(id),
            IdSet::Bits(bits) => usize::try_from(id)
                .ok()
                .and_then(|id| bits.get(id / 64).map(|word| word & (1 << (id % 64)) != 0))
                .unwrap_or(false),
            IdSet::Sorted(ids) => ids.binary_search(&id).is_ok(),
        }
    }
}
