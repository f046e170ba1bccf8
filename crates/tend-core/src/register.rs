//! The use-case API: the one door both front ends use. Each method validates
//! its input (naming the field), then calls the store in one transaction.

use crate::model::*;
use crate::Result;
use std::path::Path;

/// An open register (one SQLite database file).
pub struct Register {
    pub(crate) conn: rusqlite::Connection,
}

impl Register {
    /// Opens (creating if missing) the database at `path`, upgrading its schema
    /// after copying the file aside. Refuses, untouched, a file that is not
    /// SQLite or was written by a newer Tend.
    pub fn open(path: &Path) -> Result<Register> {
        todo!()
    }

    /// A fresh register in memory, for tests.
    pub fn open_in_memory() -> Result<Register> {
        todo!()
    }

    // ---- assets ----
    pub fn create_asset(&mut self, input: &AssetInput) -> Result<Asset> {
        todo!()
    }
    /// Replaces every field of asset `id` with `input`; records one history
    /// entry per changed field.
    pub fn update_asset(&mut self, id: i64, input: &AssetInput) -> Result<Asset> {
        todo!()
    }
    pub fn archive_asset(&mut self, id: i64) -> Result<Asset> {
        todo!()
    }
    pub fn restore_asset(&mut self, id: i64) -> Result<Asset> {
        todo!()
    }
    pub fn get_asset(&self, id: i64) -> Result<Asset> {
        todo!()
    }
    /// Finds an asset by tag, ignoring case.
    pub fn get_asset_by_tag(&self, tag: &str) -> Result<Asset> {
        todo!()
    }
    pub fn list_assets(&self, query: &AssetQuery) -> Result<AssetPage> {
        todo!()
    }
    /// Turns an asset back into the input that would recreate it (for edit forms
    /// and partial updates from the CLI).
    pub fn asset_input(&self, asset: &Asset) -> AssetInput {
        todo!()
    }

    // ---- coverage ----
    pub fn create_coverage(&mut self, asset_id: i64, input: &CoverageInput) -> Result<Coverage> {
        todo!()
    }
    pub fn update_coverage(&mut self, id: i64, input: &CoverageInput) -> Result<Coverage> {
        todo!()
    }
    pub fn delete_coverage(&mut self, id: i64) -> Result<()> {
        todo!()
    }
    pub fn list_coverage(&self, asset_id: i64) -> Result<Vec<Coverage>> {
        todo!()
    }

    // ---- work log ----
    pub fn create_work(&mut self, asset_id: i64, input: &WorkLogInput) -> Result<WorkLogEntry> {
        todo!()
    }
    pub fn update_work(&mut self, id: i64, input: &WorkLogInput) -> Result<WorkLogEntry> {
        todo!()
    }
    pub fn delete_work(&mut self, id: i64) -> Result<()> {
        todo!()
    }
    /// Newest first.
    pub fn list_work(&self, asset_id: i64, limit: u32) -> Result<Vec<WorkLogEntry>> {
        todo!()
    }

    // ---- history ----
    /// Field changes and work-log events of one asset, newest first.
    pub fn asset_history(&self, asset_id: i64, limit: u32) -> Result<Vec<HistoryEntry>> {
        todo!()
    }

    // ---- lookups ----
    pub fn list_lookups(&self, kind: LookupKind) -> Result<Vec<Lookup>> {
        todo!()
    }
    /// Finds by name ignoring case, or creates.
    pub fn ensure_lookup(&mut self, kind: LookupKind, name: &str) -> Result<Lookup> {
        todo!()
    }
    pub fn list_locations(&self) -> Result<Vec<Location>> {
        todo!()
    }
    /// Finds or creates every level of a path like "HQ › Building A › Room 1 › Rack 3".
    pub fn ensure_location(&mut self, path: &str) -> Result<Location> {
        todo!()
    }

    // ---- settings ----
    pub fn get_setting(&self, key: &str) -> Result<Option<String>> {
        todo!()
    }
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        todo!()
    }

    // ---- database ----
    /// integrity_check + foreign_key_check; empty when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        todo!()
    }
    /// Online backup to `dest` (safe while other connections write).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        todo!()
    }
    /// Number of assets (archived included).
    pub fn count_assets(&self) -> Result<u64> {
        todo!()
    }
}
