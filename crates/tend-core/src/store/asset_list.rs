//! SQL for the asset list: filters (status, category, location subtree,
//! archived, free text through FTS5), sort on any column with the tag as
//! tie-breaker, paging and the total count.
//!
//! Sort order is SQLite's: text columns compare ignoring case, empty (NULL)
//! values come first when ascending, IP addresses sort as text.

use super::assets::{
    read_asset, read_asset_ids, ASSET_COLUMNS, ASSET_COLUMN_COUNT, ASSET_ID_COLUMNS, ASSET_JOINS,
};
use super::postgres::names::LookupNames;
use crate::model::*;
use crate::store::sql::{Connection, Store};
use crate::Result;
use rusqlite::ToSql;
use std::cell::RefCell;
use std::collections::HashMap;

/// The largest page the list hands out.
pub const MAX_PAGE: u32 = 1000;

fn sort_expression(column: AssetSortColumn, store: Store) -> String {
    use AssetSortColumn as S;
    match column {
        S::Tag => store.nocase_key("a.tag"),
        S::Name => store.nocase_key("a.name"),
        S::Category => "c.name".into(),
        S::Status => "a.status".into(),
        S::Location => "l.path".into(),
        S::Manufacturer => "m.name".into(),
        S::Model => store.nocase_key("a.model"),
        S::Serial => store.nocase_key("a.serial"),
        S::Hostname => store.nocase_key("a.hostname"),
        S::IpAddress => "a.ip_address".into(),
        S::AssignedTo => "p.name".into(),
        S::PurchaseDate => "a.purchase_date".into(),
        S::PurchaseCost => "a.purchase_cost_minor".into(),
        S::EndOfLife => "a.end_of_life".into(),
        S::EndOfSupport => "a.end_of_support".into(),
        S::UpdatedAt => "a.updated_at".into(),
    }
}

/// The join a sort on a lookup's name needs (the name, with its own
/// collation, is what the page is ordered by).
fn sort_join(column: AssetSortColumn) -> &'static str {
    use AssetSortColumn as S;
    match column {
        S::Category => "LEFT JOIN categories c ON c.id = a.category_id",
        S::Location => "LEFT JOIN locations l ON l.id = a.location_id",
        S::Manufacturer => "LEFT JOIN vendors m ON m.id = a.manufacturer_id",
        S::AssignedTo => "LEFT JOIN people p ON p.id = a.assigned_to_id",
        _ => "",
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

/// The end of an asset's last cover (NULL when it has none): what the
/// cover filter and Home's cover figures judge.
macro_rules! last_cover_end {
    () => {
        "(SELECT MAX(cv.end_date) FROM coverage cv WHERE cv.asset_id = a.id)"
    };
}
pub(crate) const LAST_COVER_END: &str = last_cover_end!();

/// The FROM and WHERE part shared by the page and the count, with its
/// parameters. A search drives the query from the FTS index (forced with
/// CROSS JOIN): matches are few compared with the register.
pub(crate) struct Filter {
    pub(crate) from: &'static str,
    pub(crate) conditions: Vec<&'static str>,
    /// Conditions made for this query (the ids of a selection).
    pub(crate) made: Vec<String>,
    pub(crate) params: Vec<(&'static str, Box<dyn ToSql>)>,
}

pub(crate) fn filter(q: &AssetQuery, store: Store) -> Filter {
    let mut f = Filter {
        from: "assets a",
        conditions: Vec::new(),
        made: Vec::new(),
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
    if let Some(person) = q.assigned_to_id {
        f.conditions.push("a.assigned_to_id = :assigned_to");
        f.params.push((":assigned_to", Box::new(person)));
    }
    if let Some(cover) = &q.cover {
        let on = cover.on.clone().unwrap_or_default();
        match cover.state {
            CoverState::InCover => f.conditions.push(IN_COVER),
            CoverState::Ending => {
                f.conditions.push(ENDING);
                let until = crate::validate::parse_date(&on)
                    .map(|d| d + chrono::Days::new(u64::from(cover.within_days)))
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                f.params.push((":cover_until", Box::new(until)));
            }
            CoverState::Ended => f.conditions.push(ENDED),
            CoverState::None => f
                .conditions
                .push("NOT EXISTS (SELECT 1 FROM coverage cv WHERE cv.asset_id = a.id)"),
        }
        if cover.state != CoverState::None {
            f.params.push((":cover_on", Box::new(on)));
        }
    }
    if !q.ids.is_empty() {
        // Whole numbers only (the type says so): written into the statement.
        let ids: Vec<String> = q.ids.iter().map(i64::to_string).collect();
        f.made.push(format!("a.id IN ({})", ids.join(", ")));
    }
    if let Some(period) = &q.repaired {
        f.conditions.push(
            "EXISTS (SELECT 1 FROM work_log w WHERE w.asset_id = a.id AND w.kind = 'repair'
                AND w.performed_on BETWEEN :repaired_from AND :repaired_to)",
        );
        f.params
            .push((":repaired_from", Box::new(period.from.clone())));
        f.params.push((":repaired_to", Box::new(period.to.clone())));
    }
    f
}

const IN_COVER: &str = concat!(last_cover_end!(), " >= :cover_on");
/// The last cover ends within the window: a cover ends in it and none
/// after it. Asked this way, the covers ending in the window are read from
/// their end-date index (6,000 of 100,000 assets: about 5 ms), where asking
/// each asset for its last end reads every asset (about 45 ms).
const ENDING: &str = "a.id IN (SELECT cv.asset_id FROM coverage cv
    WHERE cv.end_date BETWEEN :cover_on AND :cover_until
      AND NOT EXISTS (SELECT 1 FROM coverage later
          WHERE later.asset_id = cv.asset_id AND later.end_date > :cover_until))";
const ENDED: &str = concat!(last_cover_end!(), " < :cover_on");

impl Filter {
    pub(crate) fn where_clause(&self) -> String {
        let all: Vec<&str> = self
            .conditions
            .iter()
            .copied()
            .chain(self.made.iter().map(String::as_str))
            .collect();
        if all.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", all.join(" AND "))
        }
    }

    pub(crate) fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        self.params.iter().map(|(n, v)| (*n, v.as_ref())).collect()
    }
}

/// One page of assets matching `q`, and how many match in all. On a team
/// register the lookups' names come from `names`, kept up to date.
pub(crate) fn list(
    conn: &Connection,
    names: &RefCell<LookupNames>,
    q: &AssetQuery,
) -> Result<AssetPage> {
    let f = filter(q, conn.store());
    let maintained = maintained_total(q);
    let limit = i64::from(q.limit.min(MAX_PAGE));
    let offset = i64::from(q.offset);
    let mut params = f.params();
    params.push((":offset", &offset));
    let mut total = None;
    let rows = match conn.store() {
        Store::Sqlite => {
            let sql = page_sql(q, &f, maintained.as_deref(), limit);
            conn.prepare_cached(&sql)?
                .query_map(params.as_slice(), |r| {
                    if maintained.is_some() {
                        total = Some(r.get::<i64>(ASSET_COLUMN_COUNT)?);
                    }
                    read_asset(r)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        Store::Postgres => {
            let sql = page_ids_sql(q, &f, maintained.as_deref(), limit);
            let mut version = 0;
            let read = conn
                .prepare_cached(&sql)?
                .query_map(params.as_slice(), |r| {
                    version = r.get(ASSET_COLUMN_COUNT)?;
                    if maintained.is_some() {
                        total = Some(r.get::<i64>(ASSET_COLUMN_COUNT + 1)?);
                    }
                    read_asset_ids(r)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let ids: Vec<_> = read.iter().map(|(_, ids)| *ids).collect();
            let mut names = names.borrow_mut();
            if !read.is_empty() {
                names.refresh(conn, version, &ids)?;
            }
            read.into_iter()
                .map(|(mut asset, ids)| {
                    names.name(&mut asset, &ids);
                    asset
                })
                .collect()
        }
    };

    // A short page tells the total without counting.
    let short_page = (rows.len() as i64) < limit && (offset == 0 || !rows.is_empty());
    if short_page {
        return Ok(AssetPage {
            total: (offset as u64) + rows.len() as u64,
            rows,
        });
    }
    let total = match (total, maintained) {
        (Some(total), _) => total,
        (None, Some(maintained)) => conn
            .prepare_cached(&format!("SELECT {maintained}"))?
            .query_row(f.params().as_slice(), |r| r.get(0))?,
        (None, None) => {
            let count_sql = format!("SELECT count(*) FROM {} {}", f.from, f.where_clause());
            conn.prepare_cached(&count_sql)?
                .query_row(f.params().as_slice(), |r| r.get::<i64>(0))?
        }
    };
    Ok(AssetPage {
        rows,
        total: total as u64,
    })
}

/// `ORDER BY` of a page: the sort `q` asks for, then the tag.
fn order(q: &AssetQuery, store: Store) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    let sort = sort_expression(q.sort, store);
    if q.sort == AssetSortColumn::Tag {
        format!("{sort} {dir}")
    } else {
        format!("{sort} {dir}, {} {dir}", store.nocase_key("a.tag"))
    }
}

/// The statement reading one page of assets matching `f` from a register
/// file, with `total` (an expression) as one more column when given. The
/// page is chosen from the assets table alone (with the one lookup a sort
/// on a name needs), so that the rows skipped by the offset cost no more
/// than reading the sort's index; the lookups are joined to the rows kept.
fn page_sql(q: &AssetQuery, f: &Filter, total: Option<&str>, limit: i64) -> String {
    let order = order(q, Store::Sqlite);
    let total = total.map(|t| format!(", {t}")).unwrap_or_default();
    format!(
        "SELECT {ASSET_COLUMNS}{total}
         FROM (SELECT a.* FROM {} {} {} ORDER BY {order} LIMIT {limit} OFFSET :offset) a
         {ASSET_JOINS} ORDER BY {order}",
        f.from,
        sort_join(q.sort),
        f.where_clause()
    )
}

/// The statement reading one page of assets matching `f` from a team
/// register: the assets table alone (with the one lookup a sort on a name
/// needs), the lookups' ids instead of their names, then `lookup_version`
/// (in the same snapshot, see postgres/names.rs) and `total` when given.
///
/// The page size is written into the statement, not bound: PostgreSQL
/// plans a statement once for any values (see postgres/connect.rs), and a
/// plan made for an unknown LIMIT expects a tenth of the table.
fn page_ids_sql(q: &AssetQuery, f: &Filter, total: Option<&str>, limit: i64) -> String {
    let order = order(q, Store::Postgres);
    let total = total.map(|t| format!(", {t}")).unwrap_or_default();
    format!(
        "SELECT {ASSET_ID_COLUMNS}, (SELECT v FROM lookup_version){total}
         FROM {} {} {} ORDER BY {order} LIMIT {limit} OFFSET :offset",
        f.from,
        sort_join(q.sort),
        f.where_clause()
    )
}

/// Every asset matching `q`, in its order, by id: what the desktop keeps
/// so that a block at any depth of the scrolling list is read by id.
pub(crate) fn ordered_ids(conn: &Connection, q: &AssetQuery) -> Result<Vec<i64>> {
    let f = filter(q, conn.store());
    let sql = format!(
        "SELECT a.id FROM {} {} {} ORDER BY {}",
        f.from,
        sort_join(q.sort),
        f.where_clause(),
        order(q, conn.store())
    );
    let params = f.params();
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(params.as_slice(), |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The lookup a sort on a name orders by: its table, the assets' column
/// naming it, and the column the lookups are ordered by.
fn sort_lookup(column: AssetSortColumn) -> Option<(&'static str, &'static str, &'static str)> {
    use AssetSortColumn as S;
    match column {
        S::Category => Some(("categories", "category_id", "name")),
        S::Location => Some(("locations", "location_id", "path")),
        S::Manufacturer => Some(("vendors", "manufacturer_id", "name")),
        S::AssignedTo => Some(("people", "assigned_to_id", "name")),
        _ => None,
    }
}

/// Every asset of a register file, archived ones too, in `sort`'s
/// ascending order (the tag breaking ties): the order a page sorted so
/// gives, read from the sort's own index without looking at the rows. The
/// descending order is exactly its reverse (the tag is unique; empty values
/// come first ascending and last descending).
///
/// A sort on a lookup's name walks the `(lookup, tag)` index once and puts
/// each lookup's run of assets in the lookups' order (those without one
/// first), instead of sorting every asset by a joined name. None when two
/// lookups share a name (two locations with the same path): the page's own
/// `ORDER BY` then decides how their assets mix.
pub(crate) fn whole_order(conn: &Connection, sort: AssetSortColumn) -> Result<Option<Vec<i64>>> {
    let Some((table, column, key)) = sort_lookup(sort) else {
        let by = order(
            &AssetQuery {
                sort,
                ..AssetQuery::default()
            },
            conn.store(),
        );
        let mut ids = Vec::new();
        read_ids(
            conn,
            &format!("SELECT a.id FROM assets a ORDER BY {by}"),
            (),
            &mut ids,
        )?;
        return Ok(Some(ids));
    };
    let mut lookups: Vec<(i64, String)> = Vec::new();
    conn.prepare_cached(&format!("SELECT id, {key} FROM {table} ORDER BY {key}"))?
        .each((), |r| {
            lookups.push((r.get(0)?, r.get(1)?));
            Ok(true)
        })?;
    // (Conservative: a tie under the sort's collation is one of these.)
    if lookups
        .windows(2)
        .any(|w| w[0].1.eq_ignore_ascii_case(&w[1].1))
    {
        return Ok(None);
    }
    // One walk of the `(lookup, tag)` index: each lookup's assets come
    // together, by tag (those without one first); then the runs are put in
    // the lookups' order.
    let mut rows: Vec<(Option<i64>, i64)> = Vec::new();
    conn.prepare_cached(&format!(
        "SELECT {column}, id FROM assets ORDER BY {column}, {}",
        conn.store().nocase_key("tag")
    ))?
    .each((), |r| {
        rows.push((r.get(0)?, r.get(1)?));
        Ok(true)
    })?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut runs: HashMap<i64, &[(Option<i64>, i64)]> = HashMap::new();
    for run in rows.chunk_by(|a, b| a.0 == b.0) {
        match run[0].0 {
            None => ids.extend(run.iter().map(|(_, id)| *id)),
            Some(lookup) => {
                runs.insert(lookup, run);
            }
        }
    }
    for (lookup, _) in lookups {
        if let Some(run) = runs.remove(&lookup) {
            ids.extend(run.iter().map(|(_, id)| *id));
        }
    }
    // An asset whose lookup is not in the lookups' table cannot be, but
    // would be lost here: the SQL order then decides.
    if ids.len() != rows.len() {
        return Ok(None);
    }
    Ok(Some(ids))
}

/// Appends the first column of every row `sql` gives to `ids`.
fn read_ids(
    conn: &Connection,
    sql: &str,
    params: impl crate::store::sql::Params,
    ids: &mut Vec<i64>,
) -> Result<()> {
    conn.prepare_cached(sql)?.each(params, |r| {
        ids.push(r.get(0)?);
        Ok(true)
    })
}

/// The archived assets of a register file, read from the index that holds
/// only them (schema v13; they are few).
pub(crate) fn archived_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    read_ids(
        conn,
        "SELECT id FROM assets WHERE archived_at IS NOT NULL",
        (),
        &mut ids,
    )?;
    Ok(ids)
}

/// Every asset matching `q`, in no particular order.
pub(crate) fn matching_ids(conn: &Connection, q: &AssetQuery) -> Result<Vec<i64>> {
    let f = filter(q, conn.store());
    let sql = format!("SELECT a.id FROM {} {}", f.from, f.where_clause());
    let mut ids = Vec::new();
    read_ids(conn, &sql, f.params().as_slice(), &mut ids)?;
    Ok(ids)
}

/// The total for filters on status, category and archived only, from the
/// `asset_counts` table that triggers keep exact (schema v2): an
/// expression over the page's own parameters. None for a search or a
/// location, which must be counted.
fn maintained_total(q: &AssetQuery) -> Option<String> {
    if q.search.as_deref().and_then(fts_query).is_some()
        || q.location_id.is_some()
        || q.assigned_to_id.is_some()
        || q.cover.is_some()
        || q.repaired.is_some()
        || !q.ids.is_empty()
    {
        return None;
    }
    let mut conditions = Vec::new();
    if q.status.is_some() {
        conditions.push("status = :status");
    }
    if q.category_id.is_some() {
        conditions.push("category_id = :category");
    }
    if !q.include_archived {
        conditions.push("archived = 0");
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    Some(format!(
        "(SELECT coalesce(sum(n), 0) FROM asset_counts{where_clause})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{connection, migrations};
    use AssetSortColumn as S;

    /// How SQLite reads the assets for a page of `q`.
    fn plan(conn: &Connection, q: &AssetQuery) -> String {
        let f = filter(q, conn.store());
        let sql = format!("EXPLAIN QUERY PLAN {}", page_sql(q, &f, None, 50));
        let offset = 0i64;
        let mut params = f.params();
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
