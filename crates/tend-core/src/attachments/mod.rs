//! Files attached to assets, their coverage and their work-log entries,
//! kept inside the register on both stores: written and read in chunks
//! (memory stays bounded for a file of any size), stored once per SHA-256,
//! every link and removal recorded in history. `files.rs` checks a file
//! before it goes in; `index.rs` writes a folder of files with a CSV index
//! and reads one back.

pub mod files;
mod index;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use index::{AttachmentsExported, AttachmentsImported, INDEX_FILE};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    human_size, AssetQuery, Attached, AttachedTo, Attachment, ChangeAction, EntityKind, Id,
};
use crate::store::attachments::{self as stored, NewLink};
use crate::store::history::{self, Change, Stamp};
use crate::store::sql::Connection;
use crate::store::{assets, coverage, settings, worklog};
use crate::validate;
use crate::{Error, Register, Result};

/// The setting that caps one file's size, in megabytes (1,000,000 bytes).
pub const LIMIT_SETTING: &str = "attachment_max_mb";
/// The cap when the setting is not set.
pub const DEFAULT_LIMIT_MB: u32 = 100;
/// The highest cap the setting takes.
pub const LIMIT_MB_MAX: u32 = 4_000;
/// Most assets one file is linked to in one call.
pub const ASSETS_MAX: usize = 10_000;
/// Largest image the asset page is given whole for its thumbnail.
pub const PREVIEW_MAX: u64 = 8_000_000;

/// SQLite's page cache while a file streams in, in KiB: dirty pages go to
/// the log instead of piling up, so memory stays bounded (the usual cache
/// is 64 MiB, `store/connection.rs`).
const STREAMING_CACHE_KIB: i64 = 4_096;

/// Files the desktop attaches: to one asset (its page) or the assets
/// selected in the register, to one of an asset's coverage or work-log
/// entries, or to every asset the register's filter matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AttachRequest {
    /// The asset whose page it is, or the assets selected; empty with `query`.
    #[ts(type = "number[]")]
    pub asset_ids: Vec<Id>,
    pub to: AttachedTo,
    /// Every asset this filter matches (paging aside), in place of `asset_id`.
    pub query: Option<AssetQuery>,
    pub note: String,
}

/// Checks the limit setting's value (a whole number of megabytes).
pub fn checked_limit(key: &str, value: &str) -> Result<String> {
    Ok(validate::whole_number(key, value, 1, LIMIT_MB_MAX)?
        .unwrap_or(DEFAULT_LIMIT_MB)
        .to_string())
}

/// The history entity a link is recorded on.
fn entity(asset_id: i64, to: AttachedTo) -> (EntityKind, i64) {
    match to {
        AttachedTo::Asset => (EntityKind::Asset, asset_id),
        AttachedTo::Coverage(id) => (EntityKind::Coverage, id),
        AttachedTo::Work(id) => (EntityKind::WorkLog, id),
    }
}

/// Records that `link` was added (`added`) or removed, with `why` after a
/// removal's words (e.g. " with the coverage").
pub(crate) fn record(
    conn: &Connection,
    link: &Attachment,
    added: bool,
    why: &str,
    stamp: &Stamp,
) -> Result<()> {
    let (entity, entity_id) = entity(link.asset_id, link.attached_to);
    let summary = if added {
        format!("Attached {} ({})", link.name, human_size(link.size))
    } else {
        format!("Removed attachment {}{why}", link.name)
    };
    history::record(
        conn,
        &Change {
            asset_id: link.asset_id,
            entity,
            entity_id,
            action: ChangeAction::Updated,
            field: Some("attachment"),
            old_value: (!added).then_some(link.name.as_str()),
            new_value: added.then_some(link.name.as_str()),
            summary: &summary,
        },
        stamp,
    )
}

/// Before a coverage or work-log entry is deleted: records the removal of
/// the files attached to it (the links go with it; the contents no link
/// uses any more go at [`after_delete`]).
pub(crate) fn before_delete(
    conn: &Connection,
    to: AttachedTo,
    why: &str,
    stamp: &Stamp,
) -> Result<()> {
    for link in stored::for_target(conn, to)? {
        record(conn, &link, false, why, stamp)?;
    }
    Ok(())
}

/// After links were deleted: drops the contents no link uses.
pub(crate) fn after_delete(conn: &Connection) -> Result<()> {
    stored::drop_unlinked(conn)?;
    Ok(())
}

impl Register {
    /// The most bytes one attached file may have (the setting
    /// [`LIMIT_SETTING`], else [`DEFAULT_LIMIT_MB`]).
    pub fn attachment_limit(&self) -> Result<u64> {
        let mb = settings::get(&self.conn, LIMIT_SETTING)?
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(DEFAULT_LIMIT_MB);
        Ok(u64::from(mb) * 1_000_000)
    }

    /// Attaches the files at `paths` in one write: to each asset of
    /// `assets` (`to` = asset), or to one coverage or work-log entry (then
    /// `assets` is empty or names its asset). Each file is read once, in
    /// chunks, and stored once however many assets it goes to (and not at
    /// all when the register already holds the same bytes). One refused
    /// file and nothing is attached.
    pub fn attach_files(
        &mut self,
        paths: &[PathBuf],
        assets: &[i64],
        to: AttachedTo,
        note: Option<&str>,
    ) -> Result<Attached> {
        if paths.is_empty() {
            return Err(Error::validation("file", "no file given to attach"));
        }
        if assets.len() > ASSETS_MAX {
            return Err(Error::validation(
                "assets",
                format!(
                    "{} assets at once; attach to at most {ASSETS_MAX}",
                    assets.len()
                ),
            ));
        }
        let note = validate::multiline("note", note.unwrap_or(""), validate::NOTES_MAX)?;
        let limit = self.attachment_limit()?;
        let mut sources = paths
            .iter()
            .map(|p| files::open(p, limit))
            .collect::<Result<Vec<_>>>()?;
        self.with_streaming_cache(|reg| {
            let timeout = reg.busy_timeout_ms;
            let (tx, stamp) = reg.write()?;
            let owners = owners(&tx, assets, to)?;
            let mut attached = Attached {
                links: Vec::new(),
                already_stored: 0,
            };
            for source in &mut sources {
                let content = stored::store_content(
                    &tx,
                    &mut source.file,
                    source.size,
                    &source.path,
                    &stamp.at,
                )?;
                attached.already_stored += u64::from(content.already_stored);
                for &asset_id in &owners {
                    let id = stored::insert_link(
                        &tx,
                        &NewLink {
                            content_id: content.content_id,
                            asset_id,
                            to,
                            name: &source.name,
                            media_type: &source.media_type,
                            note: note.as_deref(),
                        },
                        &stamp,
                    )?;
                    let (link, _) = stored::require(&tx, id)?;
                    record(&tx, &link, true, "", &stamp)?;
                    attached.links.push(link);
                }
            }
            Register::commit(tx, timeout)?;
            Ok(attached)
        })
    }

    /// Attaches the files at `paths` as the desktop asked ([`AttachRequest`]).
    pub fn attach_requested(
        &mut self,
        paths: &[PathBuf],
        request: &AttachRequest,
    ) -> Result<Attached> {
        let assets: Vec<i64> = match (&request.query, request.asset_ids.is_empty()) {
            (Some(query), true) => self
                .chosen_assets(&[], Some(query), None)?
                .iter()
                .map(|a| a.id)
                .collect(),
            (None, false) => request.asset_ids.iter().map(|id| id.get()).collect(),
            _ => {
                return Err(Error::validation(
                    "asset_ids",
                    "give the assets, or the register's filter, not both",
                ))
            }
        };
        if assets.is_empty() {
            return Err(Error::validation(
                "query",
                "no asset matches: nothing attached",
            ));
        }
        self.attach_files(paths, &assets, request.to, Some(&request.note))
    }

    /// Runs `f` with SQLite's page cache made small, so a streamed file's
    /// pages go to the log rather than to memory; the cache is put back
    /// after, whatever `f` returned.
    pub(crate) fn with_streaming_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Register) -> Result<T>,
    ) -> Result<T> {
        let Some(file) = self.conn.sqlite() else {
            return f(self);
        };
        let usual: i64 = file.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        file.pragma_update(None, "cache_size", -STREAMING_CACHE_KIB)?;
        let result = f(self);
        if let Some(file) = self.conn.sqlite() {
            file.pragma_update(None, "cache_size", usual)?;
        }
        result
    }

    /// One attachment, or `not_found`.
    pub fn attachment(&self, id: i64) -> Result<Attachment> {
        Ok(stored::require(&self.conn, id)?.0)
    }

    /// Every file attached to an asset, its coverage and its work log,
    /// newest first.
    pub fn list_attachments(&self, asset_id: i64) -> Result<Vec<Attachment>> {
        assets::require(&self.conn, asset_id)?;
        stored::for_asset(&self.conn, asset_id)
    }

    /// Links, stored contents and their bytes in the whole register.
    pub fn attachment_totals(&self) -> Result<(u64, u64, u64)> {
        stored::totals(&self.conn)
    }

    /// Writes attachment `id`'s bytes to `out` (`target` names it in
    /// errors), checked against their SHA-256; the bytes written.
    pub fn copy_attachment(&self, id: i64, out: &mut dyn Write, target: &Path) -> Result<u64> {
        let tx = stored::begin_reading(&self.conn)?;
        let (_, content) = stored::require(&tx, id)?;
        let n = stored::read_content(&tx, content, out, target)?;
        tx.commit()?;
        Ok(n)
    }

    /// Saves attachment `id` as `path`: the whole file appears, or none.
    pub fn save_attachment(&self, id: i64, path: &Path) -> Result<u64> {
        crate::atomic_file::write(path, |out| self.copy_attachment(id, out, path))
    }

    /// Saves attachment `id` under its own name in `folder` (e.g. a fresh
    /// temporary folder, for the system's viewer); the file's path.
    pub fn save_attachment_in(&self, id: i64, folder: &Path) -> Result<PathBuf> {
        let link = self.attachment(id)?;
        let path = folder.join(files::checked_name("name", &link.name)?);
        self.save_attachment(id, &path)?;
        Ok(path)
    }

    /// An image attachment's bytes for a thumbnail; None for other types
    /// and for images over [`PREVIEW_MAX`].
    pub fn attachment_preview(&self, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        let link = self.attachment(id)?;
        if !link.is_image() || link.size > PREVIEW_MAX {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(link.size as usize);
        self.copy_attachment(id, &mut bytes, Path::new(&link.name))?;
        Ok(Some((link.media_type, bytes)))
    }

    /// Removes one link (recorded in the history of what it was attached
    /// to); the content goes too when no other link uses it.
    pub fn remove_attachment(&mut self, id: i64) -> Result<Attachment> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let (link, _) = stored::require(&tx, id)?;
        stored::delete_link(&tx, id)?;
        stored::drop_unlinked(&tx)?;
        record(&tx, &link, false, "", &stamp)?;
        Register::commit(tx, timeout)?;
        Ok(link)
    }
}

/// The assets a link goes to: `assets` for the asset itself, else the one
/// asset that owns the coverage or work-log entry (checked against
/// `assets` when given).
fn owners(conn: &Connection, assets: &[i64], to: AttachedTo) -> Result<Vec<i64>> {
    let owner = match to {
        AttachedTo::Asset => {
            if assets.is_empty() {
                return Err(Error::validation(
                    "assets",
                    "no asset to attach the file to",
                ));
            }
            let mut seen = std::collections::HashSet::with_capacity(assets.len());
            let mut unique = Vec::with_capacity(assets.len());
            for &id in assets {
                if seen.insert(id) {
                    assets::require(conn, id)?;
                    unique.push(id);
                }
            }
            return Ok(unique);
        }
        AttachedTo::Coverage(id) => coverage::require(conn, id)?.asset_id,
        AttachedTo::Work(id) => worklog::require(conn, id)?.asset_id,
    };
    if assets.iter().any(|&a| a != owner) {
        return Err(Error::validation(
            "to",
            format!("{} belongs to another asset", to.label()),
        ));
    }
    Ok(vec![owner])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Gives `good` bytes, then fails as a file that vanished (a network
    /// share gone, a USB stick pulled) would.
    struct Vanishing {
        good: usize,
    }

    impl Read for Vanishing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.good == 0 {
                return Err(std::io::Error::other("the device went away"));
            }
            let n = buf.len().min(self.good);
            buf[..n].fill(7);
            self.good -= n;
            Ok(n)
        }
    }

    fn stored(reg: &Register) -> (u64, u64) {
        let (_, contents, bytes) = reg.attachment_totals().unwrap();
        (contents, bytes)
    }

    #[test]
    fn a_file_that_vanishes_or_shrinks_mid_read_leaves_nothing_stored() {
        let mut reg = Register::open_in_memory().unwrap();
        let path = Path::new("/mnt/share/scan.pdf");
        // Fails after two and a half chunks: the write is taken back.
        let (tx, stamp) = reg.write().unwrap();
        let e = stored::store_content(
            &tx,
            &mut Vanishing {
                good: 2 * stored::CHUNK + 100,
            },
            5 * stored::CHUNK as u64,
            path,
            &stamp.at,
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("the device went away"), "{e}");
        assert!(e.to_string().contains("/mnt/share/scan.pdf"), "{e}");
        drop(tx);
        assert_eq!(stored(&reg), (0, 0));

        // Shorter than when it was opened: refused, naming both sizes.
        let (tx, stamp) = reg.write().unwrap();
        let short: &[u8] = &[1u8; 1_000];
        let e = stored::store_content(&tx, &mut &short[..], 4_000, path, &stamp.at)
            .err()
            .unwrap();
        assert!(
            e.to_string().contains(
                "changed while it was being read (4000 bytes when it was opened, 1000 then)"
            ),
            "{e}"
        );
        drop(tx);
        // Longer: refused too.
        let (tx, stamp) = reg.write().unwrap();
        let long: &[u8] = &[1u8; 5_000];
        let e = stored::store_content(&tx, &mut &long[..], 4_000, path, &stamp.at)
            .err()
            .unwrap();
        assert!(e.to_string().contains("more then"), "{e}");
        drop(tx);
        assert_eq!(stored(&reg), (0, 0));
    }
}
