//! SQL for Home's figures: counts by category and status, the cover of the
//! active assets, and repairs per month. The same statements serve both
//! stores (dates are ISO text on both).

use super::asset_list::LAST_COVER_END;
use crate::model::AssetStatus;
use crate::store::sql::Connection;
use crate::Result;

/// Assets (not archived) of a category with a status.
pub(crate) struct StatusRow {
    pub category_id: i64,
    pub category: String,
    pub status: AssetStatus,
    pub count: u64,
}

/// Read from the counts the stores keep (`asset_counts`), not the assets.
pub(crate) fn by_category(conn: &Connection) -> Result<Vec<StatusRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, ac.status, CAST(SUM(ac.n) AS BIGINT)
         FROM asset_counts ac JOIN categories c ON c.id = ac.category_id
         WHERE ac.archived = 0
         GROUP BY c.id, c.name, ac.status
         HAVING SUM(ac.n) > 0",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(2)?;
        Ok(StatusRow {
            category_id: r.get(0)?,
            category: r.get(1)?,
            // The stores' CHECK keeps the status one of the known ones.
            status: AssetStatus::parse(&status).unwrap_or(AssetStatus::InService),
            count: r.get::<i64>(3)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Active assets (in service, in repair, spare; not archived) whose last
/// cover ends after `soon`, from `today` to `soon`, before `today`, and
/// those with none.
pub(crate) fn cover(conn: &Connection, today: &str, soon: &str) -> Result<[u64; 4]> {
    let sql = format!(
        // Materialized: each asset's last cover is looked up once, not once
        // per count (SQLite would otherwise repeat the subquery in each).
        // The archived are taken out by id (few, and on SQLite in an index
        // of their own, schema v13), so the active assets come from the
        // status index alone without reading their rows: 165 → 100 ms at
        // 100,000 assets.
        "WITH e AS MATERIALIZED (
             SELECT {LAST_COVER_END} AS ends FROM assets a
             WHERE a.status IN ('in_service', 'in_repair', 'spare')
               AND a.id NOT IN (SELECT id FROM assets WHERE archived_at IS NOT NULL))
         SELECT COUNT(CASE WHEN e.ends > :soon THEN 1 END),
                COUNT(CASE WHEN e.ends >= :today AND e.ends <= :soon THEN 1 END),
                COUNT(CASE WHEN e.ends < :today THEN 1 END),
                COUNT(CASE WHEN e.ends IS NULL THEN 1 END)
         FROM e"
    );
    let counts = conn.prepare_cached(&sql)?.query_row(
        rusqlite::named_params! {":today": today, ":soon": soon},
        |r| {
            let n = |i| r.get::<i64>(i).map(|v| v.max(0) as u64);
            Ok([n(0)?, n(1)?, n(2)?, n(3)?])
        },
    )?;
    Ok(counts)
}

/// Repairs of one month (`YYYY-MM`) in one currency (none when no cost).
pub(crate) struct MonthRow {
    pub month: String,
    pub currency: Option<String>,
    pub repairs: u64,
    pub cost_minor: Option<i64>,
    pub downtime_minutes: Option<i64>,
}

/// Repairs performed from `from` to `to` (inclusive), per month and currency.
pub(crate) fn repairs_by_month(conn: &Connection, from: &str, to: &str) -> Result<Vec<MonthRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(w.performed_on, 1, 7), w.cost_currency, COUNT(*),
                CAST(SUM(w.cost_minor) AS BIGINT), CAST(SUM(w.downtime_minutes) AS BIGINT)
         FROM work_log w
         WHERE w.kind = 'repair' AND w.performed_on BETWEEN :from AND :to
         GROUP BY substr(w.performed_on, 1, 7), w.cost_currency",
    )?;
    let rows = stmt.query_map(rusqlite::named_params! {":from": from, ":to": to}, |r| {
        Ok(MonthRow {
            month: r.get(0)?,
            currency: r.get(1)?,
            repairs: r.get::<i64>(2)?.max(0) as u64,
            cost_minor: r.get(3)?,
            downtime_minutes: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
