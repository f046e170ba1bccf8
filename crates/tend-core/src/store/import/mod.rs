//! SQL of CSV imports: the bulk insert of new assets (prepared statements
//! reused for every row, lookups resolved through in-memory caches of the
//! names already seen), updates through the single-record paths with their
//! field-by-field history, and the look-ups that match a row to what is
//! stored. Everything runs inside the import's one write transaction.
//! A bulk import of new assets writes them faster by store: into a file
//! with its indexes and per-row triggers set aside (`deferred.rs`), to a
//! team register's server with COPY (`streamed.rs`).

mod deferred;
mod streamed;

use super::{assets, coverage, history, lookups, worklog};
use crate::model::*;
use crate::record::{self, AssetRecord, CoverageRecord, WorkRecord};
use crate::store::history::{Change, Stamp};
use crate::store::sql::{Connection, Statement};
use crate::Result;
use deferred::Deferred;
use rusqlite::params;
use std::cell::RefCell;
use std::collections::HashMap;
use streamed::Streamed;

/// Page cache of a bulk import, in KiB (SQLite's default is 2 MiB).
pub(crate) const BULK_CACHE_KIB: i64 = 192 * 1024;

/// Writes the cache key of a name into `out`: SQLite's NOCASE folds ASCII
/// letters only, and cache keys fold the same way.
fn key_into<'a>(out: &mut String, tag: char, parts: impl IntoIterator<Item = &'a str>) {
    out.clear();
    out.push(tag);
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push('\u{1f}');
        }
        out.push_str(part);
    }
    out.make_ascii_lowercase();
}

/// The history summary of imported coverage: its kind's label, this, its
/// end date.
const COVERAGE_IMPORTED: &str = " imported, ends ";

/// The insert of a new asset, kept prepared by the writer for all its rows
/// (looking it up in the statement cache hashes the whole text every row).
const INSERT_ASSET: &str =
    "INSERT INTO assets (tag, name, category_id, manufacturer_id, model, serial, status,
        location_id, rack_unit, assigned_to_id, hostname, ip_address, mac_address, firmware,
        purchase_date, purchase_cost_minor, purchase_currency, supplier_id, order_number,
        end_of_life, end_of_support, notes, custom_fields, archived_at, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?25)";

/// How a bulk import of assets runs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Bulk {
    /// Use a larger page cache (large files).
    pub cache: bool,
    /// Drop the assets' secondary indexes and per-row triggers while
    /// loading; everything is rebuilt before commit.
    pub defer: bool,
    /// Rows are matched by serial number: keep the index that finds them.
    pub by_serial: bool,
}

/// Writes the rows of one import.
pub(crate) struct ImportWriter<'c> {
    conn: &'c Connection,
    /// When the import writes and who runs it, on every entry it records.
    stamp: Stamp,
    /// Ids of the lookups and locations already seen, by cache key.
    ids: HashMap<String, i64>,
    /// The key being looked up (no allocation per row).
    scratch: String,
    /// The page cache size to restore when a bulk import is done.
    restore_cache: Option<i64>,
    deferred: Option<Deferred>,
    /// [`INSERT_ASSET`], once prepared.
    insert: Option<Statement<'c>>,
    /// The coverage insert, once prepared.
    insert_coverage: Option<Statement<'c>>,
    /// The register had no assets when the import began (and rows are
    /// matched by tag): a tag not seen earlier in the file matches nothing.
    fresh: bool,
    /// New assets waiting to be sent with COPY (a team register's bulk
    /// import of new assets).
    streamed: RefCell<Option<Streamed>>,
}

impl<'c> ImportWriter<'c> {
    /// A writer for one import. With `bulk.cache` it may use up to
    /// [`BULK_CACHE_KIB`] of page cache so that the transaction does not
    /// spill pages to disk before it commits; with `bulk.defer` it drops
    /// the assets' secondary indexes and insert triggers until
    /// [`ImportWriter::finish`] (call it whether the load worked or not).
    pub fn new(conn: &'c Connection, stamp: Stamp, bulk: Bulk) -> Result<ImportWriter<'c>> {
        // Every statement of a row stays prepared: the default cache (16) is
        // smaller than the set an import cycles through, and re-parsing the
        // SQL for every row would cost more than the row itself.
        // The bulk settings tune SQLite; a team register's server writes
        // row by row with its indexes and triggers in place.
        let file = conn.sqlite();
        if let Some(file) = file {
            file.set_prepared_statement_cache_capacity(256);
        }
        let restore_cache = match (bulk.cache, file) {
            (true, Some(file)) => {
                let previous: i64 = file.pragma_query_value(None, "cache_size", |r| r.get(0))?;
                file.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
                Some(previous)
            }
            _ => None,
        };
        let mut writer = ImportWriter {
            conn,
            stamp,
            ids: HashMap::new(),
            scratch: String::new(),
            restore_cache,
            deferred: None,
            insert: None,
            insert_coverage: None,
            fresh: false,
            streamed: RefCell::new(None),
        };
        if bulk.defer && conn.postgres().is_some() && !bulk.by_serial {
            let empty: bool =
                conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM assets)", (), |r| r.get(0))?;
            if empty {
                writer.fresh = true;
                *writer.streamed.borrow_mut() = Some(Streamed::default());
            }
        }
        if bulk.defer && file.is_some() {
            let (deferred, fresh) = Deferred::begin(conn, bulk.by_serial)?;
            writer.fresh = fresh;
            writer.deferred = Some(deferred);
        }
        Ok(writer)
    }

    /// Ends the import's use of the connection: gives it its usual page
    /// cache back and, when `complete` (the transaction is about to
    /// commit), writes what was deferred and creates the dropped triggers
    /// and indexes again. Otherwise the transaction must roll back, which
    /// restores them.
    pub fn finish(mut self, complete: bool) -> Result<()> {
        if complete {
            self.send_streamed()?;
            self.give_back_ids()?;
        }
        self.insert = None;
        self.insert_coverage = None;
        let done = if complete { self.complete() } else { Ok(()) };
        if let (Some(size), Some(file)) = (self.restore_cache, self.conn.sqlite()) {
            file.pragma_update(None, "cache_size", size)?;
        }
        done
    }

    fn complete(&mut self) -> Result<()> {
        self.flush()?;
        match self.deferred.take() {
            Some(deferred) => deferred.end(self.conn),
            None => Ok(()),
        }
    }

    /// Writes what the deferred bulk load left for the assets inserted
    /// since the last flush (see [`Deferred::flush`]).
    fn flush(&mut self) -> Result<()> {
        match self.deferred.as_mut() {
            Some(deferred) => deferred.flush(self.conn, &self.stamp),
            None => Ok(()),
        }
    }

    /// Sends the new assets waiting for COPY (see [`Streamed`]).
    fn send_streamed(&self) -> Result<()> {
        match self.streamed.borrow_mut().as_mut() {
            Some(s) => s.send(self.conn),
            None => Ok(()),
        }
    }

    /// Puts the sequences back after the last ids used.
    fn give_back_ids(&self) -> Result<()> {
        match self.streamed.borrow().as_ref() {
            Some(s) => s.give_back(self.conn),
            None => Ok(()),
        }
    }

    /// Streams a new asset (see [`Streamed`]); its id, or None when the
    /// import does not stream.
    fn stream_asset(&self, values: &[&dyn rusqlite::ToSql], summary: &str) -> Result<Option<i64>> {
        match self.streamed.borrow_mut().as_mut() {
            Some(s) => s.asset(self.conn, &self.stamp, values, summary).map(Some),
            None => Ok(None),
        }
    }

    /// Streams the cover of a new asset, after its asset; its id, or None
    /// when the import does not stream.
    fn stream_coverage(&self, asset_id: i64, rec: &CoverageRecord) -> Result<Option<i64>> {
        match self.streamed.borrow_mut().as_mut() {
            Some(s) => s.coverage(self.conn, &self.stamp, asset_id, rec).map(Some),
            None => Ok(None),
        }
    }

    /// The register had no assets when this (bulk) import began, and rows
    /// are matched by tag: no row can match a stored asset.
    pub fn fresh(&self) -> bool {
        self.fresh
    }

    /// Whether asset `id` was inserted by this import and is still waiting
    /// for its search entry, count and history.
    fn pending(&self, id: i64) -> bool {
        self.deferred.as_ref().is_some_and(|d| d.pending(id))
    }

    fn lookup(&mut self, kind: LookupKind, name: Option<&str>) -> Result<Option<i64>> {
        let Some(name) = name else { return Ok(None) };
        key_into(&mut self.scratch, char::from(kind as u8), [name]);
        if let Some(id) = self.ids.get(self.scratch.as_str()) {
            return Ok(Some(*id));
        }
        let id = lookups::ensure(self.conn, kind, name)?.id;
        self.ids.insert(self.scratch.clone(), id);
        Ok(Some(id))
    }

    fn location(&mut self, levels: Option<&[String]>) -> Result<Option<i64>> {
        let Some(levels) = levels else {
            return Ok(None);
        };
        // 'L' is no lookup kind's number: locations have keys of their own.
        key_into(&mut self.scratch, 'L', levels.iter().map(String::as_str));
        if let Some(id) = self.ids.get(self.scratch.as_str()) {
            return Ok(Some(*id));
        }
        let id = lookups::ensure_location(self.conn, levels)?.id;
        self.ids.insert(self.scratch.clone(), id);
        Ok(Some(id))
    }

    /// The stored asset with this tag (ignoring case).
    pub fn asset_by_tag(&self, tag: &str) -> Result<Option<Asset>> {
        if self.fresh {
            return Ok(None);
        }
        match self.asset_id_by_tag(tag)? {
            Some(id) => assets::get(self.conn, id),
            None => Ok(None),
        }
    }

    /// The id of the asset with this tag (ignoring case).
    pub fn asset_id_by_tag(&self, tag: &str) -> Result<Option<i64>> {
        self.send_streamed()?;
        self.conn
            .prepare_cached("SELECT id FROM assets WHERE tag = ?1")?
            .query_opt([tag.trim()], |r| r.get(0))
    }

    /// The assets with this serial number (ignoring case), at most two.
    pub fn assets_by_serial(&self, serial: &str) -> Result<Vec<Asset>> {
        self.send_streamed()?;
        // By the serial's key on PostgreSQL: its sort index serves the look-up.
        let store = self.conn.store();
        let sql = format!(
            "SELECT id FROM assets WHERE {} = {} ORDER BY id LIMIT 2",
            store.nocase_key("serial"),
            store.nocase_value("?1")
        );
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_map([serial.trim()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| assets::require(self.conn, id))
            .collect()
    }

    /// Inserts a new asset (archived when `archived`), with its "created"
    /// history entry; returns its id.
    pub fn insert_asset(&mut self, rec: &AssetRecord, archived: bool) -> Result<i64> {
        let category = self
            .lookup(LookupKind::Category, Some(&rec.category))?
            .unwrap_or_default();
        let manufacturer = self.lookup(LookupKind::Vendor, rec.manufacturer.as_deref())?;
        let location = self.location(rec.location.as_deref())?;
        let person = self.lookup(LookupKind::Person, rec.assigned_to.as_deref())?;
        let supplier = self.lookup(LookupKind::Vendor, rec.supplier.as_deref())?;
        let custom: std::borrow::Cow<'static, str> = if rec.custom_fields.is_empty() {
            "{}".into()
        } else {
            serde_json::to_string(&rec.custom_fields)
                .map_err(|e| crate::Error::validation("custom_fields", e.to_string()))?
                .into()
        };
        let now = self.stamp.at.as_str();
        if self.streamed.borrow().is_some() {
            let summary = format!("Asset imported: {} — {}", rec.tag, rec.name);
            let cost_minor = rec.purchase_cost.as_ref().map(|m| m.minor);
            let currency = rec.purchase_cost.as_ref().map(|m| m.currency.as_str());
            let archived_at = archived.then_some(now);
            let status = rec.status.id();
            let values: [&dyn rusqlite::ToSql; 26] = [
                &rec.tag,
                &rec.name,
                &category,
                &manufacturer,
                &rec.model,
                &rec.serial,
                &status,
                &location,
                &rec.rack_unit,
                &person,
                &rec.hostname,
                &rec.ip_address,
                &rec.mac_address,
                &rec.firmware,
                &rec.purchase_date,
                &cost_minor,
                &currency,
                &supplier,
                &rec.order_number,
                &rec.end_of_life,
                &rec.end_of_support,
                &rec.notes,
                &custom,
                &archived_at,
                &now,
                &now,
            ];
            if let Some(id) = self.stream_asset(&values, &summary)? {
                return Ok(id);
            }
        }
        let conn = self.conn;
        let insert = match &mut self.insert {
            Some(stmt) => stmt,
            none => none.insert(conn.prepare(INSERT_ASSET)?),
        };
        let id = insert.insert(params![
            rec.tag,
            rec.name,
            category,
            manufacturer,
            rec.model,
            rec.serial,
            rec.status.id(),
            location,
            rec.rack_unit,
            person,
            rec.hostname,
            rec.ip_address,
            rec.mac_address,
            rec.firmware,
            rec.purchase_date,
            rec.purchase_cost.as_ref().map(|m| m.minor),
            rec.purchase_cost.as_ref().map(|m| m.currency.as_str()),
            supplier,
            rec.order_number,
            rec.end_of_life,
            rec.end_of_support,
            rec.notes,
            custom,
            archived.then_some(now),
            now,
        ])?;
        if self.deferred.is_none() {
            let summary = format!("Asset imported: {} — {}", rec.tag, rec.name);
            self.created(id, EntityKind::Asset, id, &summary)?;
        }
        Ok(id)
    }

    fn created(&self, asset_id: i64, entity: EntityKind, id: i64, summary: &str) -> Result<()> {
        created(self.conn, &self.stamp, asset_id, entity, id, summary)
    }

    /// Replaces the fields of asset `old` by `rec` and sets its archive
    /// state; records the changed fields. Returns whether anything changed.
    pub fn update_asset(
        &mut self,
        old: &Asset,
        rec: &AssetRecord,
        archived: Option<bool>,
    ) -> Result<bool> {
        self.send_streamed()?;
        if self.pending(old.id) {
            // Its search entry and count must exist before the update
            // triggers adjust them.
            self.flush()?;
        }
        let mut changed = false;
        let unchanged_fields = AssetRecord::from_input(
            &record::asset_input(old),
            old.purchase_cost
                .as_ref()
                .map_or("EUR", |m| m.currency.as_str()),
        )
        .is_ok_and(|stored| stored == *rec);
        if !unchanged_fields {
            assets::update(self.conn, old.id, rec, &self.stamp.at)?;
            let new = assets::require(self.conn, old.id)?;
            let changes = record::changed_fields(
                record::asset_field_values(old),
                record::asset_field_values(&new),
            );
            history::record_field_changes(
                self.conn,
                old.id,
                EntityKind::Asset,
                old.id,
                &changes,
                &self.stamp,
            )?;
            changed = !changes.is_empty();
        }
        if let Some(archive) = archived {
            if old.archived_at.is_some() != archive {
                let archived_at = archive.then_some(self.stamp.at.as_str());
                assets::set_archived(self.conn, old.id, archived_at, &self.stamp.at)?;
                let (action, summary) = if archive {
                    (ChangeAction::Archived, "Asset archived by an import")
                } else {
                    (ChangeAction::Restored, "Asset restored by an import")
                };
                history::record(
                    self.conn,
                    &Change::event(old.id, EntityKind::Asset, old.id, action, summary),
                    &self.stamp,
                )?;
                changed = true;
            }
        }
        Ok(changed)
    }

    /// Makes the asset's manufacturer warranty end on `end`: unchanged when
    /// one already does, the only one moved when there is exactly one, a
    /// new one otherwise. Returns whether anything was written.
    pub fn ensure_warranty(&mut self, asset_id: i64, rec: &CoverageRecord) -> Result<bool> {
        self.send_streamed()?;
        let warranties: Vec<Coverage> = coverage::for_asset(self.conn, asset_id)?
            .into_iter()
            .filter(|c| c.kind == CoverageKind::ManufacturerWarranty)
            .collect();
        if warranties.iter().any(|c| c.end_date == rec.end_date) {
            return Ok(false);
        }
        if let [only] = warranties.as_slice() {
            let mut moved = rec.clone();
            moved.provider = rec.provider.clone().or_else(|| only.provider.clone());
            moved.reference = only.reference.clone();
            moved.cost = only.cost.clone();
            moved.notice_days = only.notice_days;
            moved.notes = only.notes.clone();
            moved.service_level = rec
                .service_level
                .clone()
                .or_else(|| only.service_level.clone());
            self.update_coverage(only, &moved)?;
            return Ok(true);
        }
        self.insert_coverage(asset_id, rec)?;
        Ok(true)
    }

    /// The coverage of an asset a coverage row matches: same kind and
    /// reference, or (without a reference) same kind and end date.
    pub fn find_coverage(&self, asset_id: i64, rec: &CoverageRecord) -> Result<Option<Coverage>> {
        self.send_streamed()?;
        Ok(coverage::for_asset(self.conn, asset_id)?
            .into_iter()
            .find(|c| {
                c.kind == rec.kind
                    && match &rec.reference {
                        Some(r) => c.reference.as_deref() == Some(r.as_str()),
                        None => c.reference.is_none() && c.end_date == rec.end_date,
                    }
            }))
    }

    /// Inserts the cover of an asset this import created: streamed with
    /// it when the import streams.
    pub fn insert_new_coverage(&mut self, asset_id: i64, rec: &CoverageRecord) -> Result<i64> {
        match self.stream_coverage(asset_id, rec)? {
            Some(id) => Ok(id),
            None => self.insert_coverage(asset_id, rec),
        }
    }

    pub fn insert_coverage(&mut self, asset_id: i64, rec: &CoverageRecord) -> Result<i64> {
        self.send_streamed()?;
        let conn = self.conn;
        let stmt = match &mut self.insert_coverage {
            Some(stmt) => stmt,
            none => none.insert(conn.prepare(coverage::INSERT)?),
        };
        let id = coverage::insert_with(stmt, asset_id, rec, &self.stamp.at)?;
        if self.pending(asset_id) {
            // After the asset's own "created" entry.
            if let Some(d) = self.deferred.as_mut() {
                d.coverage_inserted();
            }
        } else {
            let summary = format!("{}{COVERAGE_IMPORTED}{}", rec.kind.label(), rec.end_date);
            self.created(asset_id, EntityKind::Coverage, id, &summary)?;
        }
        Ok(id)
    }

    /// Returns whether anything changed.
    pub fn update_coverage(&mut self, old: &Coverage, rec: &CoverageRecord) -> Result<bool> {
        self.send_streamed()?;
        coverage::update(self.conn, old.id, rec, &self.stamp.at)?;
        let new = coverage::require(self.conn, old.id)?;
        let changes = record::changed_fields(
            record::coverage_field_values(old),
            record::coverage_field_values(&new),
        );
        history::record_field_changes(
            self.conn,
            old.asset_id,
            EntityKind::Coverage,
            old.id,
            &changes,
            &self.stamp,
        )?;
        Ok(!changes.is_empty())
    }

    /// The work-log entry a row matches: same asset, date and summary.
    pub fn find_work(&self, asset_id: i64, rec: &WorkRecord) -> Result<Option<WorkLogEntry>> {
        self.send_streamed()?;
        let id: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM work_log WHERE asset_id = ?1 AND performed_on = ?2 AND summary = ?3
                 ORDER BY id LIMIT 1",
            )?
            .query_opt(params![asset_id, rec.performed_on, rec.summary], |r| {
                r.get(0)
            })?;
        id.map(|id| worklog::require(self.conn, id)).transpose()
    }

    pub fn insert_work(&mut self, asset_id: i64, rec: &WorkRecord) -> Result<i64> {
        self.send_streamed()?;
        let id = worklog::insert(self.conn, asset_id, rec, &self.stamp)?;
        let summary = format!("{}: {}", rec.kind.label(), rec.summary);
        self.created(asset_id, EntityKind::WorkLog, id, &summary)?;
        Ok(id)
    }

    /// Returns whether anything changed.
    pub fn update_work(&mut self, old: &WorkLogEntry, rec: &WorkRecord) -> Result<bool> {
        self.send_streamed()?;
        let mut rec = rec.clone();
        // Links to a plan or coverage are not in the file: keep them.
        rec.coverage_id = old.coverage_id;
        let same = record::work_field_values(old)
            .into_iter()
            .zip(work_values(old, &rec))
            .all(|((_, a), b)| a == b);
        if same {
            return Ok(false);
        }
        worklog::update(self.conn, old.id, old.asset_id, &rec, &self.stamp.at)?;
        let new = worklog::require(self.conn, old.id)?;
        let changes = record::changed_fields(
            record::work_field_values(old),
            record::work_field_values(&new),
        );
        history::record_field_changes(
            self.conn,
            old.asset_id,
            EntityKind::WorkLog,
            old.id,
            &changes,
            &self.stamp,
        )?;
        Ok(!changes.is_empty())
    }
}

/// After a first import into an empty team register has committed: the
/// planner's statistics of what it filled, which it had none of (schema
/// v10 says why). A register file keeps none.
pub(crate) fn renew_statistics(conn: &Connection) -> Result<()> {
    if conn.postgres().is_some() {
        conn.execute_batch("SELECT tend.renew_statistics()")?;
    }
    Ok(())
}

/// Records the "created" history entry of one record.
fn created(
    conn: &Connection,
    stamp: &Stamp,
    asset_id: i64,
    entity: EntityKind,
    id: i64,
    summary: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO history (asset_id, entity, entity_id, action, at, summary, author)
         VALUES (?1, ?2, ?3, 'created', ?4, ?5, ?6)",
    )?
    .execute(params![
        asset_id,
        entity.id(),
        id,
        stamp.at,
        summary,
        stamp.author
    ])?;
    Ok(())
}

/// The values `record::work_field_values` would give for `rec` stored on
/// the entry `old`.
fn work_values(old: &WorkLogEntry, rec: &WorkRecord) -> Vec<Option<String>> {
    let entry = WorkLogEntry {
        kind: rec.kind,
        performed_on: rec.performed_on.clone(),
        performed_by: rec.performed_by.clone(),
        summary: rec.summary.clone(),
        details: rec.details.clone(),
        outcome: rec.outcome,
        cost: rec.cost.clone(),
        downtime_minutes: rec.downtime_minutes,
        parts_used: rec.parts_used.clone(),
        covered_by_warranty: rec.covered_by_warranty,
        coverage_id: rec.coverage_id,
        external_ref: rec.external_ref.clone(),
        ..old.clone()
    };
    record::work_field_values(&entry)
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}
