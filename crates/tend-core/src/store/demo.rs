//! Bulk writes of the demo register: prepared statements reused for every
//! row, lookups given as ids, one "created" history entry per record (each
//! work-log and history entry by the register's author). The
//! large tables' secondary indexes are dropped during the load and rebuilt
//! after it (a sorted build is much faster than 1,000,000 random inserts),
//! all inside the caller's transaction.

use crate::model::*;
use crate::store::sql::{Connection, Statement};
use crate::Result;
use rusqlite::params;

/// An asset row with lookups already resolved to ids.
pub(crate) struct DemoAsset<'a> {
    pub tag: &'a str,
    pub name: &'a str,
    pub category_id: i64,
    pub manufacturer_id: i64,
    pub model: &'a str,
    pub serial: &'a str,
    pub status: AssetStatus,
    pub location_id: i64,
    pub rack_unit: Option<crate::model::RackUnit>,
    pub assigned_to_id: Option<i64>,
    pub hostname: Option<&'a str>,
    pub ip_address: Option<&'a str>,
    pub mac_address: Option<&'a str>,
    pub firmware: Option<&'a str>,
    pub purchase_date: &'a str,
    pub purchase_cost: &'a Money,
    pub supplier_id: i64,
    pub order_number: &'a str,
    pub end_of_life: &'a str,
    pub end_of_support: &'a str,
    pub notes: Option<&'a str>,
    pub archived_at: Option<&'a str>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

pub(crate) struct DemoCoverage<'a> {
    pub kind: CoverageKind,
    pub provider: &'a str,
    pub reference: &'a str,
    pub start_date: &'a str,
    pub end_date: &'a str,
    pub service_level: &'a str,
    pub cost: Option<&'a Money>,
    pub notice_days: Option<u32>,
}

pub(crate) struct DemoPlan<'a> {
    pub title: &'a str,
    pub interval_count: u32,
    pub interval_unit: &'a str,
    pub fixed: bool,
    pub start_date: &'a str,
    pub lead_days: u32,
    pub assignee_id: i64,
    pub expected_minutes: u32,
    pub checklist: &'a str,
    pub next_due: &'a str,
    pub last_done: Option<&'a str>,
}

pub(crate) struct DemoWork<'a> {
    pub plan_id: Option<i64>,
    pub kind: WorkKind,
    pub performed_on: &'a str,
    pub performed_by_id: i64,
    pub summary: &'a str,
    pub details: Option<&'a str>,
    pub outcome: Option<Outcome>,
    pub cost: Option<&'a Money>,
    pub downtime_minutes: Option<u32>,
    pub parts_used: Option<&'a str>,
    pub coverage_id: Option<i64>,
    pub external_ref: Option<&'a str>,
}

/// Writes demo rows through statements prepared once.
pub(crate) struct DemoWriter<'c> {
    asset: Statement<'c>,
    coverage: Statement<'c>,
    plan: Statement<'c>,
    work: Statement<'c>,
    history: Statement<'c>,
    /// Who is making the sample register.
    author: Option<String>,
}

impl<'c> DemoWriter<'c> {
    pub fn new(conn: &'c Connection, author: Option<String>) -> Result<Self> {
        Ok(DemoWriter {
            author,
            asset: conn.prepare_cached(
                "INSERT INTO assets (tag, name, category_id, manufacturer_id, model, serial, status,
                    location_id, rack_unit, assigned_to_id, hostname, ip_address, mac_address, firmware,
                    purchase_date, purchase_cost_minor, purchase_currency, supplier_id, order_number,
                    end_of_life, end_of_support, notes, archived_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            )?,
            coverage: conn.prepare_cached(
                "INSERT INTO coverage (asset_id, kind, provider, reference, start_date, end_date,
                    service_level, cost_minor, cost_currency, notice_days, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            )?,
            plan: conn.prepare_cached(
                "INSERT INTO maintenance_plans (asset_id, title, interval_count, interval_unit, anchor,
                    start_date, lead_days, assignee_id, expected_minutes, checklist, next_due, last_done,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            )?,
            work: conn.prepare_cached(
                "INSERT INTO work_log (asset_id, plan_id, kind, performed_on, performed_by_id, summary,
                    details, outcome, cost_minor, cost_currency, downtime_minutes, parts_used,
                    covered_by_warranty, coverage_id, external_ref, created_at, updated_at, author)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16,
                    ?17)",
            )?,
            history: conn.prepare_cached(
                "INSERT INTO history (asset_id, entity, entity_id, action, at, summary, author)
                 VALUES (?1, ?2, ?3, 'created', ?4, ?5, ?6)",
            )?,
        })
    }

    fn created(
        &mut self,
        asset_id: i64,
        entity: EntityKind,
        id: i64,
        at: &str,
        summary: &str,
    ) -> Result<()> {
        self.history
            .execute(params![asset_id, entity.id(), id, at, summary, self.author])?;
        Ok(())
    }

    pub fn asset(&mut self, a: &DemoAsset<'_>) -> Result<i64> {
        let id = self.asset.insert(params![
            a.tag,
            a.name,
            a.category_id,
            a.manufacturer_id,
            a.model,
            a.serial,
            a.status.id(),
            a.location_id,
            a.rack_unit,
            a.assigned_to_id,
            a.hostname,
            a.ip_address,
            a.mac_address,
            a.firmware,
            a.purchase_date,
            a.purchase_cost.minor,
            a.purchase_cost.currency,
            a.supplier_id,
            a.order_number,
            a.end_of_life,
            a.end_of_support,
            a.notes,
            a.archived_at,
            a.created_at,
            a.updated_at
        ])?;
        let summary = format!("Asset created: {} — {}", a.tag, a.name);
        self.created(id, EntityKind::Asset, id, a.created_at, &summary)?;
        Ok(id)
    }

    pub fn coverage(&mut self, asset_id: i64, c: &DemoCoverage<'_>, at: &str) -> Result<i64> {
        let id = self.coverage.insert(params![
            asset_id,
            c.kind.id(),
            c.provider,
            c.reference,
            c.start_date,
            c.end_date,
            c.service_level,
            c.cost.map(|m| m.minor),
            c.cost.map(|m| m.currency.as_str()),
            c.notice_days,
            at
        ])?;
        let summary = format!("{} added, ends {}", c.kind.label(), c.end_date);
        self.created(asset_id, EntityKind::Coverage, id, at, &summary)?;
        Ok(id)
    }

    pub fn plan(&mut self, asset_id: i64, p: &DemoPlan<'_>, at: &str) -> Result<i64> {
        let id = self.plan.insert(params![
            asset_id,
            p.title,
            p.interval_count,
            p.interval_unit,
            if p.fixed { "fixed" } else { "floating" },
            p.start_date,
            p.lead_days,
            p.assignee_id,
            p.expected_minutes,
            p.checklist,
            p.next_due,
            p.last_done,
            at
        ])?;
        let summary = format!("Maintenance plan added: {}", p.title);
        self.created(asset_id, EntityKind::Plan, id, at, &summary)?;
        Ok(id)
    }

    pub fn work(&mut self, asset_id: i64, w: &DemoWork<'_>, at: &str) -> Result<i64> {
        let id = self.work.insert(params![
            asset_id,
            w.plan_id,
            w.kind.id(),
            w.performed_on,
            w.performed_by_id,
            w.summary,
            w.details,
            w.outcome.map(|o| o.id()),
            w.cost.map(|m| m.minor),
            w.cost.map(|m| m.currency.as_str()),
            w.downtime_minutes,
            w.parts_used,
            w.coverage_id.is_some(),
            w.coverage_id,
            w.external_ref,
            at,
            self.author
        ])?;
        let summary = format!("{}: {}", w.kind.label(), w.summary);
        self.created(asset_id, EntityKind::WorkLog, id, at, &summary)?;
        Ok(id)
    }
}

/// Runs `load` with the secondary indexes of `tables` dropped, then rebuilds
/// them from their stored definitions. Use inside one transaction so that a
/// failure restores the indexes with everything else.
pub(crate) fn with_indexes_rebuilt_after<T>(
    conn: &Connection,
    tables: &[&str],
    load: impl FnOnce() -> Result<T>,
) -> Result<T> {
    // On a team register the server keeps its indexes.
    if conn.sqlite().is_none() {
        return load();
    }
    let mut indexes: Vec<(String, String)> = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1",
        )?;
        for table in tables {
            let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                indexes.push(row?);
            }
        }
    }
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let out = load()?;
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    Ok(out)
}
