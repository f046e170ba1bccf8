//! Attachments out to a folder and back: every stored file under
//! `files/`, and a CSV index ([`INDEX_FILE`]) with one row per link that
//! says which asset (by tag), which coverage (kind and period) or work-log
//! entry (date and summary) it belongs to, so that the links come back in
//! another register whose ids differ. Reading an index back is one write:
//! every link goes in, or none.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::files;
use crate::csv::cell;
use crate::model::{AttachedTo, Attachment};
use crate::store::attachments::{self as stored, NewLink};
use crate::store::{assets, coverage, worklog};
use crate::{Error, Register, Result};

/// The index's name inside an exported folder.
pub const INDEX_FILE: &str = "attachments.csv";

/// The index's columns, in order.
const COLUMNS: [&str; 15] = [
    "tag",
    "attached_to",
    "coverage_kind",
    "coverage_start",
    "coverage_end",
    "work_date",
    "work_summary",
    "name",
    "media_type",
    "size",
    "sha256",
    "note",
    "added_at",
    "added_by",
    "file",
];

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentsExported {
    /// Rows of the index (links).
    #[ts(type = "number")]
    pub links: u64,
    /// Files written under `files/`.
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What reading an index back did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentsImported {
    /// Links made.
    #[ts(type = "number")]
    pub links: u64,
    /// Rows whose link the register already had (left as they were).
    #[ts(type = "number")]
    pub unchanged: u64,
    /// Files read in (the others were already stored).
    #[ts(type = "number")]
    pub files_stored: u64,
}

/// Where a content goes under `files/`: its hash's start and its name, so
/// the folder reads well and two contents never share a path.
fn file_path(sha256: &str, name: &str) -> String {
    format!("files/{}-{name}", &sha256[..16.min(sha256.len())])
}

impl Register {
    /// Writes every attachment into `folder` (created if missing; refused
    /// when it holds anything): each file once under `files/`, then the
    /// index. A file appears whole or not at all.
    pub fn export_attachments(&self, folder: &Path) -> Result<AttachmentsExported> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        std::fs::create_dir_all(folder).map_err(io(folder))?;
        if std::fs::read_dir(folder)
            .map_err(io(folder))?
            .next()
            .is_some()
        {
            return Err(Error::validation(
                "output",
                format!(
                    "{} is not empty; export attachments into a new or empty folder",
                    folder.display()
                ),
            ));
        }
        let files_dir = folder.join("files");
        std::fs::create_dir(&files_dir).map_err(io(&files_dir))?;
        let mut written = AttachmentsExported {
            links: 0,
            files: 0,
            bytes: 0,
        };
        let mut rows: Vec<[String; 15]> = Vec::new();
        let mut done: HashSet<String> = HashSet::new();
        let mut links = Vec::new();
        stored::each(&self.conn, &mut |link, _| {
            links.push(link);
            Ok(())
        })?;
        for link in links {
            let relative = file_path(&link.sha256, &link.name);
            if done.insert(relative.clone()) {
                written.bytes += self.save_attachment(link.id, &folder.join(&relative))?;
                written.files += 1;
            }
            rows.push(self.index_row(&link, relative)?);
            written.links += 1;
        }
        let index = folder.join(INDEX_FILE);
        crate::atomic_file::write(&index, |out| {
            out.write_all(b"\xEF\xBB\xBF").map_err(io(&index))?;
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            let failed = |e: csv::Error| Error::Io {
                path: index.clone(),
                source: std::io::Error::other(e),
            };
            w.write_record(COLUMNS).map_err(failed)?;
            for row in &rows {
                w.write_record(row.iter().map(|c| cell::neutralise(c).into_owned()))
                    .map_err(failed)?;
            }
            w.flush().map_err(io(&index))
        })?;
        Ok(written)
    }

    fn index_row(&self, link: &Attachment, file: String) -> Result<[String; 15]> {
        let (mut kind, mut start, mut end, mut date, mut summary) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        );
        let attached_to = match link.attached_to {
            AttachedTo::Asset => "asset",
            AttachedTo::Coverage(id) => {
                let c = coverage::require(&self.conn, id)?;
                kind = crate::model::Choice::id(c.kind).to_string();
                start = c.start_date.unwrap_or_default();
                end = c.end_date;
                "coverage"
            }
            AttachedTo::Work(id) => {
                let w = worklog::require(&self.conn, id)?;
                date = w.performed_on;
                summary = w.summary;
                "work"
            }
        };
        Ok([
            link.asset_tag.clone(),
            attached_to.into(),
            kind,
            start,
            end,
            date,
            summary,
            link.name.clone(),
            link.media_type.clone(),
            link.size.to_string(),
            link.sha256.clone(),
            link.note.clone().unwrap_or_default(),
            link.created_at.clone(),
            link.author.clone().unwrap_or_default(),
            file,
        ])
    }

    /// Reads an index written by [`Register::export_attachments`] (the
    /// files are found beside it) and makes its links in one write: every
    /// row, or none. A link the register already has is left as it is; a
    /// file whose bytes do not match the index's SHA-256 is refused.
    pub fn import_attachments(&mut self, index: &Path) -> Result<AttachmentsImported> {
        let shown = index.display().to_string();
        let at = |row: u64, column: &str, message: String| Error::Csv {
            file: shown.clone(),
            row: Some(row),
            column: Some(column.to_string()),
            message,
        };
        let folder = index.parent().map(Path::to_path_buf).unwrap_or_default();
        let file = std::fs::File::open(index).map_err(|source| Error::Io {
            path: index.to_path_buf(),
            source,
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(std::io::BufReader::new(file));
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| at(1, "", e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        if header != COLUMNS {
            return Err(Error::Csv {
                file: shown.clone(),
                row: Some(1),
                column: None,
                message: format!(
                    "not an attachments index: the columns must be {}",
                    COLUMNS.join(",")
                ),
            });
        }
        let limit = self.attachment_limit()?;
        self.with_streaming_cache(|reg| {
            let timeout = reg.busy_timeout_ms;
            let (tx, stamp) = reg.write()?;
            let mut done = AttachmentsImported {
                links: 0,
                unchanged: 0,
                files_stored: 0,
            };
            for (i, record) in reader.records().enumerate() {
                let row = i as u64 + 2;
                let record = record.map_err(|e| at(row, "", e.to_string()))?;
                let get = |column: &str| -> String {
                    let i = COLUMNS.iter().position(|c| *c == column).unwrap_or(0);
                    cell::restore(record.get(i).unwrap_or("")).to_string()
                };
                let tag = get("tag");
                let asset = assets::get_by_tag(&tx, &tag)?
                    .ok_or_else(|| at(row, "tag", format!("no asset has the tag {tag:?}")))?;
                let to = match get("attached_to").as_str() {
                    "asset" => AttachedTo::Asset,
                    "coverage" => {
                        let found = stored::coverage_matching(
                            &tx,
                            asset.id,
                            &get("coverage_kind"),
                            &get("coverage_start"),
                            &get("coverage_end"),
                        )?;
                        match found.as_slice() {
                            [id] => AttachedTo::Coverage(*id),
                            [] => return Err(at(row, "coverage_kind", format!(
                                "{tag} has no {} coverage from {} to {}; import the coverage first",
                                get("coverage_kind"), get("coverage_start"), get("coverage_end")
                            ))),
                            _ => return Err(at(row, "coverage_kind", format!(
                                "{tag} has {} coverage records of that kind and period; which one is meant cannot be told",
                                found.len()
                            ))),
                        }
                    }
                    "work" => {
                        let found =
                            stored::work_matching(&tx, asset.id, &get("work_date"), &get("work_summary"))?;
                        match found.as_slice() {
                            [id] => AttachedTo::Work(*id),
                            [] => return Err(at(row, "work_date", format!(
                                "{tag} has no work-log entry on {} named {:?}; import the work log first",
                                get("work_date"), get("work_summary")
                            ))),
                            _ => return Err(at(row, "work_date", format!(
                                "{tag} has {} work-log entries on {} named {:?}; which one is meant cannot be told",
                                found.len(), get("work_date"), get("work_summary")
                            ))),
                        }
                    }
                    other => {
                        return Err(at(
                            row,
                            "attached_to",
                            format!("expected asset, coverage or work, got {other:?}"),
                        ))
                    }
                };
                let name = files::checked_name("name", &get("name"))
                    .map_err(|e| at(row, "name", e.to_string()))?;
                let sha256 = get("sha256").to_ascii_lowercase();
                if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(at(row, "sha256", format!("expected 64 hex digits, got {sha256:?}")));
                }
                let content_id = match stored::content_by_sha(&tx, &sha256)? {
                    Some(id) => id,
                    None => {
                        let path = inside(&folder, &get("file"))
                            .map_err(|message| at(row, "file", message))?;
                        let mut source = files::open(&path, limit)
                            .map_err(|e| at(row, "file", e.to_string()))?;
                        let content = stored::store_content(
                            &tx,
                            &mut source.file,
                            source.size,
                            &path,
                            &stamp.at,
                        )?;
                        if content.sha256 != sha256 {
                            return Err(at(
                                row,
                                "sha256",
                                format!("{} does not hold the bytes the index names (its SHA-256 is {})", path.display(), content.sha256),
                            ));
                        }
                        done.files_stored += 1;
                        content.content_id
                    }
                };
                let media_type = match get("media_type") {
                    m if m.is_empty() => files::media_type(&name),
                    m => m,
                };
                let note = crate::validate::multiline("note", &get("note"), crate::validate::NOTES_MAX)
                    .map_err(|e| at(row, "note", e.to_string()))?;
                let link = NewLink {
                    content_id,
                    asset_id: asset.id,
                    to,
                    name: &name,
                    media_type: &media_type,
                    note: note.as_deref(),
                };
                if stored::link_exists(&tx, &link)? {
                    done.unchanged += 1;
                    continue;
                }
                let id = stored::insert_link(&tx, &link, &stamp)?;
                let added_at = get("added_at");
                if !added_at.is_empty() {
                    if chrono::DateTime::parse_from_rfc3339(&added_at).is_err() {
                        return Err(at(row, "added_at", format!("expected a time like 2026-01-31T09:30:00.000Z, got {added_at:?}")));
                    }
                    let by = get("added_by");
                    let by = (!by.is_empty())
                        .then(|| crate::author::checked(&by))
                        .transpose()
                        .map_err(|e| at(row, "added_by", e.to_string()))?;
                    stored::restamp_link(&tx, id, &added_at, by.as_deref())?;
                }
                let (made, _) = stored::require(&tx, id)?;
                super::record(&tx, &made, true, "", &stamp)?;
                done.links += 1;
            }
            crate::Register::commit(tx, timeout)?;
            Ok(done)
        })
    }
}

/// `relative` under `folder`, refused when it is absolute or climbs out.
fn inside(folder: &Path, relative: &str) -> std::result::Result<PathBuf, String> {
    let path = Path::new(relative);
    if relative.is_empty() {
        return Err("no file named".into());
    }
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(format!(
            "{relative:?} is not a path inside the index's folder (no leading /, no ..)"
        ));
    }
    Ok(folder.join(path))
}
