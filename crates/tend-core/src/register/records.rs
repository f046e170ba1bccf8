//! An asset's records: its coverage (warranties, support contracts) and
//! its work-log entries — created, changed and deleted each in one write
//! with its history entry, and listed.

use super::{conflicts, Register};
use crate::model::*;
use crate::record::{self, CoverageRecord, WorkRecord};
use crate::store::history::{Change, Stamp};
use crate::store::sql::Transaction;
use crate::store::{assets, coverage, history, worklog};
use crate::Result;

impl Register {
    // ---- coverage ----

    pub fn create_coverage(&mut self, asset_id: i64, input: &CoverageInput) -> Result<Coverage> {
        let rec = CoverageRecord::from_input(input, &self.default_currency()?)?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        assets::require(&tx, asset_id)?;
        let id = coverage::insert(&tx, asset_id, &rec, &stamp.at)?;
        let summary = format!("{} added, ends {}", rec.kind.label(), rec.end_date);
        history::record(
            &tx,
            &Change::event(
                asset_id,
                EntityKind::Coverage,
                id,
                ChangeAction::Created,
                &summary,
            ),
            &stamp,
        )?;
        let created = coverage::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(created)
    }

    pub fn update_coverage(&mut self, id: i64, input: &CoverageInput) -> Result<Coverage> {
        let rec = CoverageRecord::from_input(input, &self.default_currency()?)?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = coverage::require(&tx, id)?;
        conflicts::check_unchanged(
            &tx,
            &conflicts::Seen {
                what: format!(
                    "the {} ending {}",
                    old.kind.label().to_lowercase(),
                    old.end_date
                ),
                asset_id: old.asset_id,
                entity: EntityKind::Coverage,
                entity_id: id,
                updated_at: &old.updated_at,
            },
            &input.expected_updated_at,
        )?;
        coverage::update(&tx, id, &rec, &stamp.at)?;
        let new = coverage::require(&tx, id)?;
        let changed = Changed {
            entity: EntityKind::Coverage,
            id,
            asset_id: old.asset_id,
            values: record::coverage_field_values,
        };
        changed.record(tx, &stamp, timeout, old, new)
    }

    pub fn delete_coverage(&mut self, id: i64) -> Result<()> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = coverage::require(&tx, id)?;
        crate::attachments::before_delete(
            &tx,
            AttachedTo::Coverage(id),
            " with the coverage",
            &stamp,
        )?;
        coverage::delete(&tx, id)?;
        crate::attachments::after_delete(&tx)?;
        let summary = format!("{} removed (ended {})", old.kind.label(), old.end_date);
        history::record(
            &tx,
            &Change::event(
                old.asset_id,
                EntityKind::Coverage,
                id,
                ChangeAction::Deleted,
                &summary,
            ),
            &stamp,
        )?;
        Register::commit(tx, timeout)
    }

    /// Coverage of an asset, latest end date first.
    pub fn list_coverage(&self, asset_id: i64) -> Result<Vec<Coverage>> {
        assets::require(&self.conn, asset_id)?;
        coverage::for_asset(&self.conn, asset_id)
    }

    // ---- work log ----

    /// Logs work on an asset; the entry also appears in the asset's history.
    pub fn create_work(&mut self, asset_id: i64, input: &WorkLogInput) -> Result<WorkLogEntry> {
        let rec = WorkRecord::from_input(input, &self.default_currency()?, Register::today())?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        assets::require(&tx, asset_id)?;
        let id = worklog::insert(&tx, asset_id, &rec, &stamp)?;
        let summary = format!("{}: {}", rec.kind.label(), rec.summary);
        history::record(
            &tx,
            &Change::event(
                asset_id,
                EntityKind::WorkLog,
                id,
                ChangeAction::Created,
                &summary,
            ),
            &stamp,
        )?;
        let created = worklog::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(created)
    }

    pub fn update_work(&mut self, id: i64, input: &WorkLogInput) -> Result<WorkLogEntry> {
        let rec = WorkRecord::from_input(input, &self.default_currency()?, Register::today())?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = worklog::require(&tx, id)?;
        conflicts::check_unchanged(
            &tx,
            &conflicts::Seen {
                what: format!("the work-log entry \"{}\"", old.summary),
                asset_id: old.asset_id,
                entity: EntityKind::WorkLog,
                entity_id: id,
                updated_at: &old.updated_at,
            },
            &input.expected_updated_at,
        )?;
        worklog::update(&tx, id, old.asset_id, &rec, &stamp.at)?;
        let new = worklog::require(&tx, id)?;
        let changed = Changed {
            entity: EntityKind::WorkLog,
            id,
            asset_id: old.asset_id,
            values: record::work_field_values,
        };
        changed.record(tx, &stamp, timeout, old, new)
    }

    pub fn delete_work(&mut self, id: i64) -> Result<()> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = worklog::require(&tx, id)?;
        crate::attachments::before_delete(
            &tx,
            AttachedTo::Work(id),
            " with the work-log entry",
            &stamp,
        )?;
        worklog::delete(&tx, id)?;
        crate::attachments::after_delete(&tx)?;
        let summary = format!(
            "{} removed from the work log: {}",
            old.kind.label(),
            old.summary
        );
        history::record(
            &tx,
            &Change::event(
                old.asset_id,
                EntityKind::WorkLog,
                id,
                ChangeAction::Deleted,
                &summary,
            ),
            &stamp,
        )?;
        Register::commit(tx, timeout)
    }

    /// Newest first.
    pub fn list_work(&self, asset_id: i64, limit: u32) -> Result<Vec<WorkLogEntry>> {
        assets::require(&self.conn, asset_id)?;
        worklog::for_asset(&self.conn, asset_id, limit)
    }
}

/// A record's fields by name, as its history shows them.
type FieldValues<T> = fn(&T) -> Vec<(&'static str, Option<String>)>;

/// A record of an asset that an update rewrote, and how to read its fields.
struct Changed<T> {
    entity: EntityKind,
    id: i64,
    asset_id: i64,
    values: FieldValues<T>,
}

impl<T> Changed<T> {
    /// Records each field that changed from `old` to `new` in the asset's
    /// history and commits, answering `new`; when nothing changed, answers
    /// `old` and drops `tx` (rolling back the untouched row's timestamp).
    fn record(self, tx: Transaction<'_>, stamp: &Stamp, timeout: u64, old: T, new: T) -> Result<T> {
        let changes = record::changed_fields((self.values)(&old), (self.values)(&new));
        if changes.is_empty() {
            return Ok(old);
        }
        history::record_field_changes(&tx, self.asset_id, self.entity, self.id, &changes, stamp)?;
        Register::commit(tx, timeout)?;
        Ok(new)
    }
}
