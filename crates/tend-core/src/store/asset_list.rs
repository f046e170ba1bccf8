//! SQL for the asset list: filters (status, category, location subtree,
//! archived, free text through FTS5), sort on any column with the tag as
//! tie-breaker, paging and the total count.
//!
//! Sort order is SQLite's: text columns compare ignoring case, empty (NULL)
//! values come first when ascending, IP addresses sort as text.

use super::assets::{read_asset, ASSET_COLUMNS, ASSET_JOINS};
use crate::model::*;
use crate::store::sql::{Connection, Store};
use crate::Result;
use rusqlite::ToSql;

/// The largest page the list hands out.
pub const MAX_PAGE: u32 = 1000;

fn sort_expression(column: AssetSortColumn) -> &'static str {
    use AssetSortColumn as S;
    match column {
        S::Tag => "a.tag",
        S::Name => "a.name",
        S::Category => "c.name",
        S::Status => "a.status",
        S::Location => "l.path",
        S::Manufacturer => "m.name",
        S::Model => "a.model",
        S::Serial => "a.serial",
        S::Hostname => "a.hostname",
        S::IpAddress => "a.ip_address",
        S::AssignedTo => "p.name",
        S::PurchaseDate => "a.purchase_date",
        S::PurchaseCost => "a.purchase_cost_minor",
        S::EndOfLife => "a.end_of_life",
        S::EndOfSupport => "a.end_of_support",
        S::UpdatedAt => "a.updated_at",
    }
}

/// Turns what a person typed into an FTS5 query that never fails to parse:
/// every word becomes a quoted prefix term (`"word"*`), all must match.
/// Words without a letter or digit are dropped; None when nothing is left.
pub(crate) fn fts_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search
        .split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// [`fts_query`] for PostgreSQL's full-text search: each word's letter and
/// digit runs must follow one another (`srv <-> 001:*`, the last a prefix),
/// as the quoted prefix phrase does in FTS5; all words must match.
pub(crate) fn tsquery(search: &str) -> Option<String> {
    let words: Vec<String> = search
        .split_whitespace()
        .filter_map(|w| {
            let runs: Vec<String> = w
                .split(|c: char| !c.is_alphanumeric())
                .filter(|r| !r.is_empty())
                .map(str::to_lowercase)
                .collect();
            (!runs.is_empty()).then(|| format!("{}:*", runs.join(" <-> ")))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" & "))
}

/// The search condition on a team register: its expression is the one the
/// index `assets_search` is built on (postgres/migrations/0002).
const PG_SEARCH: &str =
    "tend.asset_search(a.tag::text, a.name::text, a.serial::text, a.hostname::text,
        a.ip_address, a.mac_address::text, a.model::text, a.notes)
    @@ to_tsquery('simple', tend.unaccent('tend.unaccent'::regdictionary, :search))";

/// The FROM and WHERE part shared by the page and the count, with its
/// parameters. A search drives the query from the FTS index (forced with
/// CROSS JOIN): matches are few compared with the register.
pub(crate) struct Filter {
    pub(crate) from: &'static str,
    pub(crate) conditions: Vec<&'static str>,
    pub(crate) params: Vec<(&'static str, Box<dyn ToSql>)>,
}

pub(crate) fn filter(q: &AssetQuery, store: Store) -> Filter {
    let mut f = Filter {
        from: "assets a",
        conditions: Vec::new(),
        params: Vec::new(),
    };
    match (q.search.as_deref(), store) {
        (Some(search), Store::Sqlite) => {
            if let Some(search) = fts_query(search) {
                f.from = "assets_fts f CROSS JOIN assets a ON a.id = f.rowid";
                f.conditions.push("assets_fts MATCH :search");
                f.params.push((":search", Box::new(search)));
            }
        }
        (Some(search), Store::Postgres) => {
            if let Some(search) = tsquery(search) {
                f.conditions.push(PG_SEARCH);
                f.params.push((":search", Box::new(search)));
            }
        }
        (None, _) => {}
    }
    if !q.include_archived {
        f.conditions.push("a.archived_at IS NULL");
    }
    if let Some(status) = q.status {
        f.conditions.push("a.status = :status");
        f.params.push((":status", Box::new(status.id())));
    }
    if let Some(category) = q.category_id {
        f.conditions.push("a.category_id = :category");
        f.params.push((":category", Box::new(category)));
    }
    if let Some(location) = q.location_id {
        f.conditions.push(
            "a.location_id IN (WITH RECURSIVE subtree(id) AS (
                SELECT CAST(:location AS BIGINT) UNION ALL
                SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id)
             SELECT id FROM subtree)",
        );
        f.params.push((":location", Box::new(location)));
    }
    f
}

impl Filter {
    pub(crate) fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    pub(crate) fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        self.params.iter().map(|(n, v)| (*n, v.as_ref())).collect()
    }
}

/// One page of assets matching `q`, and how many match in all.
pub(crate) fn list(conn: &Connection, q: &AssetQuery) -> Result<AssetPage> {
    let f = filter(q, conn.store());
    let sql = page_sql(q, &f);
    let limit = i64::from(q.limit.min(MAX_PAGE));
    let offset = i64::from(q.offset);
    let mut params = f.params();
    params.push((":limit", &limit));
    params.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params.as_slice(), read_asset)?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // A short page tells the total without counting.
    let short_page = (rows.len() as i64) < limit && (offset == 0 || !rows.is_empty());
    if short_page {
        return Ok(AssetPage {
            total: (offset as u64) + rows.len() as u64,
            rows,
        });
    }
    let total = if q.search.as_deref().and_then(fts_query).is_none() && q.location_id.is_none() {
        maintained_total(conn, q)?
    } else {
        let count_sql = format!("SELECT count(*) FROM {} {}", f.from, f.where_clause());
        conn.prepare_cached(&count_sql)?
            .query_row(f.params().as_slice(), |r| r.get::<i64>(0))?
    };
    Ok(AssetPage {
        rows,
        total: total as u64,
    })
}

/// The statement reading one page of assets matching `f`, sorted as `q` asks.
fn page_sql(q: &AssetQuery, f: &Filter) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    let sort = sort_expression(q.sort);
    let tie = if q.sort == AssetSortColumn::Tag {
        String::new()
    } else {
        format!(", a.tag {dir}")
    };
    format!(
        "SELECT {ASSET_COLUMNS} FROM {} {ASSET_JOINS} {} ORDER BY {sort} {dir}{tie} LIMIT :limit OFFSET :offset",
        f.from,
        f.where_clause()
    )
}

/// The total for filters on status, category and archived only, from the
/// `asset_counts` table that triggers keep exact (schema v2).
fn maintained_total(conn: &Connection, q: &AssetQuery) -> Result<i64> {
    let mut conditions = Vec::new();
    let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
    let status = q.status.map(|s| s.id());
    if let Some(status) = &status {
        conditions.push("status = :status");
        params.push((":status", status));
    }
    if let Some(category) = &q.category_id {
        conditions.push("category_id = :category");
        params.push((":category", category));
    }
    if !q.include_archived {
        conditions.push("archived = 0");
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!("SELECT coalesce(sum(n), 0) FROM asset_counts {where_clause}");
    conn.prepare_cached(&sql)?
        .query_row(params.as_slice(), |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{connection, migrations};
    use AssetSortColumn as S;

    /// How SQLite reads the assets for a page of `q`.
    fn plan(conn: &Connection, q: &AssetQuery) -> String {
        let f = filter(q, conn.store());
        let sql = format!("EXPLAIN QUERY PLAN {}", page_sql(q, &f));
        let (limit, offset) = (50i64, 0i64);
        let mut params = f.params();
        params.push((":limit", &limit));
        params.push((":offset", &offset));
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map(params.as_slice(), |r| r.get::<String>(3))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        rows.join("; ")
    }

    /// Regression: up to schema v5 an index on `archived_at` alone (and one
    /// on status or category with `archived_at`) let the planner, which has
    /// no statistics, answer the usual list (archived assets hidden) by
    /// looking up every asset in use and sorting them all for one page:
    /// about 50 ms on 100,000 assets. A page sorted on a column with an
    /// index of its own (alone, or after the status or category filtered
    /// on) must read that index in order and stop after the page.
    #[test]
    fn a_page_sorted_on_an_indexed_column_reads_the_index_in_order() {
        let mut file = connection::open_in_memory().unwrap();
        migrations::migrate(&mut file).unwrap();
        let conn = Connection::Sqlite(file);
        let unfiltered = [
            S::Tag,
            S::Name,
            S::Status,
            S::Model,
            S::Serial,
            S::Hostname,
            S::IpAddress,
            S::PurchaseDate,
            S::PurchaseCost,
            S::EndOfLife,
            S::EndOfSupport,
            S::UpdatedAt,
        ];
        let mut queries: Vec<AssetQuery> = unfiltered
            .into_iter()
            .map(|sort| AssetQuery {
                sort,
                ..AssetQuery::default()
            })
            .collect();
        for sort in [S::Tag, S::Name, S::PurchaseDate, S::EndOfSupport] {
            queries.push(AssetQuery {
                sort,
                status: Some(AssetStatus::InRepair),
                ..AssetQuery::default()
            });
        }
        for sort in [S::Tag, S::Name, S::PurchaseDate] {
            queries.push(AssetQuery {
                sort,
                category_id: Some(1),
                ..AssetQuery::default()
            });
        }
        for q in queries {
            for descending in [false, true] {
                let q = AssetQuery {
                    descending,
                    ..q.clone()
                };
                let plan = plan(&conn, &q);
                assert!(
                    !plan.contains("FOR ORDER BY"),
                    "{:?} {:?} {:?} descending {descending}: {plan}",
                    q.sort,
                    q.status,
                    q.category_id
                );
            }
        }
    }
}
