//! The use-case API: the one door both front ends use. Each method validates
//! its input (naming the field), then calls the store; every write runs in
//! one IMMEDIATE transaction together with its history entries.

use crate::model::*;
use crate::presence::Presence;
use crate::record::{self, AssetRecord};
use crate::store::history::{Change, Stamp};
use crate::store::postgres::names::LookupNames;
use crate::store::sql::{Connection, Transaction};
use crate::store::{self, asset_list, assets, history, integrity, lookups, settings};
use crate::validate::{self, TAG_MAX, TEXT_MAX};
use crate::{Error, Result};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

mod backups;
mod bulk;
mod conflicts;
mod due;
mod find;
mod kept_order;
mod list_filters;
mod live_due;
mod locations;
mod open;
mod overview;
mod plan_ops;
mod plans;
mod records;
mod templates;

pub use bulk::{BulkAction, BulkDone, BulkSelection, BulkUndo, BULK_MAX};
pub use due::LAST_DUE_LOOK_SETTING;
pub use kept_order::KeptOrder;
pub use list_filters::COVER_WINDOW_MAX_DAYS;
pub use live_due::LiveDueList;
pub use overview::LATEST_WORK;

/// An open register: a SQLite database file, or a team register on a
/// PostgreSQL server.
pub struct Register {
    // Declared first so that it closes before `presence` records the close.
    pub(crate) conn: Connection,
    pub(crate) busy_timeout_ms: u64,
    path: Option<PathBuf>,
    /// What the start-up check found wrong: while set, nothing is written.
    damage: Option<Vec<String>>,
    /// This program's hold on the file (None in memory, or where the lock
    /// file cannot be made).
    presence: Option<Presence>,
    /// Who is acting: recorded on every history and work-log entry.
    author: Option<String>,
    /// The lookups' names a team register's asset list takes its names
    /// from (store/postgres/names.rs); unused on a file.
    names: RefCell<LookupNames>,
    /// The day a front door said "today" is (`set_today`): what a filter
    /// judged on a day uses when it names none. The core never reads the clock.
    today: Option<chrono::NaiveDate>,
}

/// Most assets one call of [`Register::list_assets`] returns (the CLI's
/// `--limit` range).
pub const LIST_LIMIT_MAX: u32 = 10_000;

impl Register {
    /// What the start-up check found wrong with the file, if anything.
    /// While there is something, every write is refused.
    pub fn damage(&self) -> Option<&[String]> {
        self.damage.as_deref()
    }

    /// Refuses to write to a damaged register.
    pub(crate) fn ensure_writable(&self) -> Result<()> {
        match &self.damage {
            None => Ok(()),
            Some(problems) => Err(Error::Damaged {
                path: self.path.clone(),
                problems: problems.clone(),
                newest_backup: self.newest_good_backup(),
            }),
        }
    }

    /// The newest verified backup, as "PATH (taken TIME)".
    fn newest_good_backup(&self) -> Option<String> {
        crate::backups::newest_good(self.path.as_deref()?)
    }

    /// Adds to a busy error the Tend programs that have the register open,
    /// and to a damage error the register's path and newest good backup.
    pub(crate) fn explain(&self, e: Error) -> Error {
        match e {
            Error::Damaged {
                problems,
                newest_backup: None,
                ..
            } => Error::Damaged {
                path: self.path.clone(),
                problems,
                newest_backup: self.newest_good_backup(),
            },
            other => with_holders(other, &self.presence),
        }
    }

    /// Starts a write: refused on a damaged register; a busy error names
    /// the programs that hold the register.
    pub(crate) fn begin_write(&mut self) -> Result<Transaction<'_>> {
        self.ensure_writable()?;
        let timeout = self.busy_timeout_ms;
        let presence = &self.presence;
        self.conn
            .transaction()
            .map_err(|e| with_holders(store::busy_or_storage_error(e, timeout), presence))
    }

    /// The database file (None in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Who is acting: the name every history entry and work-log entry
    /// written through this register records. The operating-system user
    /// when opened (see [`crate::author::os_user`]); None when it has no name.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// Names who is acting from now on, in place of the operating-system
    /// user (a front door's choice, e.g. the CLI's `TEND_AUTHOR`). The name
    /// is trimmed and must be one line of 1 to 200 characters (a validation
    /// error on `author` otherwise).
    pub fn set_author(&mut self, name: &str) -> Result<()> {
        self.author = Some(crate::author::checked(name)?);
        Ok(())
    }

    /// Starts a write ([`Register::begin_write`]) and stamps it: the time
    /// once the write lock is held, and who is acting.
    pub(crate) fn write(&mut self) -> Result<(Transaction<'_>, Stamp)> {
        let author = self.author.clone();
        let tx = self.begin_write()?;
        Ok((tx, Stamp::now(author)))
    }

    /// Commits a write, first bringing the kept due list up to date with it.
    pub(crate) fn commit(tx: Transaction<'_>, busy_timeout_ms: u64) -> Result<()> {
        store::due_entries::flush(&tx)?;
        tx.commit()
            .map_err(|e| store::busy_or_storage_error(e, busy_timeout_ms))
    }

    fn default_currency(&self) -> Result<String> {
        Ok(settings::get(&self.conn, "currency")?.unwrap_or_else(|| "EUR".into()))
    }

    /// The highest rack unit this register accepts (the setting
    /// `rack_units_max`, else [`crate::validate::RACK_UNIT_MAX`]).
    pub fn rack_units_max(&self) -> Result<u16> {
        Ok(
            settings::get(&self.conn, crate::validate::RACK_UNITS_SETTING)?
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(crate::validate::RACK_UNIT_MAX),
        )
    }

    fn today() -> chrono::NaiveDate {
        chrono::Local::now().date_naive()
    }

    // ---- assets ----

    /// Creates an asset; lookups given by name are created when new.
    /// A tag already used (ignoring case) is `Conflict { field: "tag" }`.
    pub fn create_asset(&mut self, input: &AssetInput) -> Result<Asset> {
        let rec = AssetRecord::from_input(input, &self.default_currency()?)?;
        crate::validate::rack_unit_within("rack_unit", rec.rack_unit, self.rack_units_max()?)?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let id = assets::insert(&tx, &rec, &stamp.at)?;
        let summary = format!("Asset created: {} — {}", rec.tag, rec.name);
        history::record(
            &tx,
            &Change::event(id, EntityKind::Asset, id, ChangeAction::Created, &summary),
            &stamp,
        )?;
        templates::apply_automatic(&tx, id, Register::today(), &stamp)?;
        let asset = assets::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(asset)
    }

    /// Replaces every field of asset `id` with `input`; records one history
    /// entry per changed field. Nothing is written when nothing changed.
    pub fn update_asset(&mut self, id: i64, input: &AssetInput) -> Result<Asset> {
        let rec = AssetRecord::from_input(input, &self.default_currency()?)?;
        crate::validate::rack_unit_within("rack_unit", rec.rack_unit, self.rack_units_max()?)?;
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = assets::require(&tx, id)?;
        conflicts::check_unchanged(
            &tx,
            &conflicts::Seen {
                what: format!("asset {}", old.tag),
                asset_id: id,
                entity: EntityKind::Asset,
                entity_id: id,
                updated_at: &old.updated_at,
            },
            &input.expected_updated_at,
        )?;
        assets::update(&tx, id, &rec, &stamp.at)?;
        let new = assets::require(&tx, id)?;
        let changes = record::changed_fields(
            record::asset_field_values(&old),
            record::asset_field_values(&new),
        );
        if changes.is_empty() {
            return Ok(old); // dropping `tx` rolls back the untouched row's timestamp
        }
        history::record_field_changes(&tx, id, EntityKind::Asset, id, &changes, &stamp)?;
        if old.category != new.category {
            templates::apply_automatic(&tx, id, Register::today(), &stamp)?;
        }
        Register::commit(tx, timeout)?;
        Ok(new)
    }

    /// Hides an asset from the default list (its records stay). Archiving an
    /// archived asset changes nothing.
    pub fn archive_asset(&mut self, id: i64) -> Result<Asset> {
        self.set_archived(id, true)
    }

    /// Brings an archived asset back to the default list.
    pub fn restore_asset(&mut self, id: i64) -> Result<Asset> {
        self.set_archived(id, false)
    }

    fn set_archived(&mut self, id: i64, archive: bool) -> Result<Asset> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let old = assets::require(&tx, id)?;
        if old.archived_at.is_some() == archive {
            return Ok(old);
        }
        let (archived_at, action, summary) = if archive {
            (
                Some(stamp.at.as_str()),
                ChangeAction::Archived,
                "Asset archived",
            )
        } else {
            (
                None,
                ChangeAction::Restored,
                "Asset restored from the archive",
            )
        };
        assets::set_archived(&tx, id, archived_at, &stamp.at)?;
        history::record(
            &tx,
            &Change::event(id, EntityKind::Asset, id, action, summary),
            &stamp,
        )?;
        let asset = assets::require(&tx, id)?;
        Register::commit(tx, timeout)?;
        Ok(asset)
    }

    pub fn get_asset(&self, id: i64) -> Result<Asset> {
        assets::require(&self.conn, id)
    }

    /// Finds an asset by tag, ignoring case.
    pub fn get_asset_by_tag(&self, tag: &str) -> Result<Asset> {
        assets::get_by_tag(&self.conn, tag)?.ok_or_else(|| Error::not_found("asset", tag.trim()))
    }

    /// The assets a command acts on: those named by `tags` (in that order;
    /// an unknown tag is an error naming it), or else every asset `query`
    /// matches, paging aside; with `order_number`, only the assets bought
    /// on that order (ignoring case), e.g. the forty laptops of one invoice.
    pub fn chosen_assets(
        &self,
        tags: &[String],
        query: Option<&AssetQuery>,
        order_number: Option<&str>,
    ) -> Result<Vec<Asset>> {
        let order = order_number.map(str::trim).filter(|o| !o.is_empty());
        let on_order = |a: &Asset| {
            order.is_none_or(|o| {
                a.order_number
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(o))
            })
        };
        if !tags.is_empty() {
            let assets = tags
                .iter()
                .map(|t| self.get_asset_by_tag(t))
                .collect::<Result<Vec<_>>>()?;
            return Ok(assets.into_iter().filter(on_order).collect());
        }
        let mut query = query.cloned().unwrap_or_default();
        query.offset = 0;
        query.limit = 1000;
        let mut assets = Vec::new();
        loop {
            let page = self.list_assets(&query)?;
            let full = page.rows.len() == query.limit as usize;
            assets.extend(page.rows.into_iter().filter(on_order));
            if !full {
                return Ok(assets);
            }
            query.offset += query.limit;
        }
    }

    /// A list filter's category and location must exist (a validation
    /// error naming `category_id` or `location_id` otherwise).
    /// Says which day "today" is for what follows (a front door calls it
    /// with its clock's day before each command).
    pub fn set_today(&mut self, day: chrono::NaiveDate) {
        self.today = Some(day);
    }

    pub(crate) fn require_filter_ids(
        &self,
        category_id: Option<i64>,
        location_id: Option<i64>,
    ) -> Result<()> {
        if let Some(id) = category_id {
            if !lookups::exists(&self.conn, LookupKind::Category, id)? {
                return Err(Error::validation(
                    "category_id",
                    format!("no category with id {id}"),
                ));
            }
        }
        if let Some(id) = location_id {
            if lookups::get_location(&self.conn, id)?.is_none() {
                return Err(Error::validation(
                    "location_id",
                    format!("no location with id {id}"),
                ));
            }
        }
        Ok(())
    }

    /// One page of the asset list (`limit` rows, at most
    /// [`LIST_LIMIT_MAX`]) and the total matching. The store reads at most
    /// 1,000 rows a query; a longer page is read in as many queries, so a
    /// limit is honoured, never cut short silently. An unknown
    /// `category_id` or `location_id`, or a limit above the maximum, is a
    /// validation error.
    pub fn list_assets(&self, query: &AssetQuery) -> Result<AssetPage> {
        self.require_filter_ids(query.category_id, query.location_id)?;
        let query = &*self.judged(query)?;
        if let Some(id) = query.assigned_to_id {
            if !lookups::exists(&self.conn, LookupKind::Person, id)? {
                return Err(Error::validation(
                    "assigned_to_id",
                    format!("no person or team with id {id}"),
                ));
            }
        }
        if query.limit > LIST_LIMIT_MAX {
            return Err(Error::validation(
                "limit",
                format!(
                    "is {}; at most {LIST_LIMIT_MAX} assets are listed at once (use offset for more)",
                    query.limit
                ),
            ));
        }
        let mut page = asset_list::list(&self.conn, &self.names, query)?;
        // Only a full store page can have more after it.
        let mut last = page.rows.len();
        while (page.rows.len() as u32) < query.limit && last as u32 == asset_list::MAX_PAGE {
            let done = page.rows.len() as u32;
            let next = AssetQuery {
                offset: query.offset.saturating_add(done),
                limit: query.limit - done,
                ..query.clone()
            };
            let more = asset_list::list(&self.conn, &self.names, &next)?;
            last = more.rows.len();
            page.rows.extend(more.rows);
        }
        Ok(page)
    }

    /// Turns an asset back into the input that would recreate it (for edit forms
    /// and partial updates from the CLI).
    pub fn asset_input(&self, asset: &Asset) -> AssetInput {
        record::asset_input(asset)
    }

    // ---- history ----

    /// Field changes and work-log events of one asset, newest first.
    pub fn asset_history(&self, asset_id: i64, limit: u32) -> Result<Vec<HistoryEntry>> {
        if !assets::exists(&self.conn, asset_id)? {
            return Err(Error::not_found("asset", asset_id));
        }
        history::for_asset(&self.conn, asset_id, limit)
    }

    // ---- lookups ----

    pub fn list_lookups(&self, kind: LookupKind) -> Result<Vec<Lookup>> {
        lookups::list(&self.conn, kind)
    }

    /// Finds by name ignoring case, or creates.
    pub fn ensure_lookup(&mut self, kind: LookupKind, name: &str) -> Result<Lookup> {
        let name = validate::required("name", name, TEXT_MAX)?;
        let timeout = self.busy_timeout_ms;
        let tx = self.begin_write()?;
        let found = lookups::ensure(&tx, kind, &name)?;
        Register::commit(tx, timeout)?;
        Ok(found)
    }

    pub fn list_locations(&self) -> Result<Vec<Location>> {
        lookups::list_locations(&self.conn)
    }

    /// Finds or creates every level of a path like "HQ › Building A › Room 1 › Rack 3".
    pub fn ensure_location(&mut self, path: &str) -> Result<Location> {
        let levels = validate::location_path("location", path)?
            .ok_or_else(|| Error::validation("location", "is required"))?;
        let timeout = self.busy_timeout_ms;
        let tx = self.begin_write()?;
        let node = lookups::ensure_location(&tx, &levels)?;
        Register::commit(tx, timeout)?;
        Ok(node)
    }

    // ---- settings ----

    pub fn get_setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(&self.conn, key)
    }

    /// Sets a setting; the known keys follow their rule (see
    /// [`crate::settings::checked`]), e.g. `currency` must be a three-letter
    /// code (stored upper case).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let key = validate::required("key", key, TAG_MAX)?;
        let value = crate::settings::checked(&key, value)?;
        let timeout = self.busy_timeout_ms;
        let tx = self.begin_write()?;
        settings::set(&tx, &key, &value)?;
        Register::commit(tx, timeout)?;
        // On a team register durability is the server's own setting.
        if let (true, Some(conn)) = (
            key == crate::settings::DURABILITY_SETTING,
            self.conn.sqlite(),
        ) {
            if value == "full" {
                store::connection::set_full_durability(conn)?;
            } else {
                store::connection::set_normal_durability(conn)?;
            }
        }
        Ok(())
    }

    // ---- database ----

    /// integrity_check, foreign_key_check and the kept counts; one line per
    /// problem, empty when all is well. A check that SQLite stops part-way
    /// (a damaged page) keeps what it found and says where it stopped.
    pub fn check(&self) -> Result<Vec<String>> {
        integrity::full(&self.conn)
    }

    /// The `synchronous` level this register's connection commits with:
    /// 1 (NORMAL, the default) or 2 (FULL, the durability setting "full").
    pub fn synchronous(&self) -> Result<i64> {
        store::connection::synchronous(self.file_conn("the synchronous level")?)
    }

    /// A number that changes whenever someone else — another program, another
    /// desk — has committed a change to the register since the last call;
    /// on a register file this register's own writes leave it as it is (on
    /// a team register they count too). The desktop polls it to bring its
    /// open views up to date.
    pub fn changes_elsewhere(&self) -> Result<i64> {
        store::changes::count(&self.conn)
    }

    /// Changes whenever the register does, here or elsewhere: SQLite's
    /// `data_version` (others' commits) and this connection's own count of
    /// changed rows. What kept lists and figures worked out ahead compare
    /// to know they are still true.
    pub fn change_stamp(&self) -> Result<(i64, u64)> {
        let own = self
            .conn
            .sqlite()
            .map_or(0, rusqlite::Connection::total_changes);
        Ok((self.changes_elsewhere()?, own))
    }

    /// Number of assets (archived included).
    pub fn count_assets(&self) -> Result<u64> {
        assets::count(&self.conn)
    }
}

/// [`Error::Busy`] with the other Tend programs that have the register open.
fn with_holders(e: Error, presence: &Option<Presence>) -> Error {
    match e {
        Error::Busy { waited_ms, .. } => Error::Busy {
            waited_ms,
            holders: presence.as_ref().map(Presence::others).unwrap_or_default(),
        },
        other => other,
    }
}
