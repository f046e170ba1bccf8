//! SQL for attachments: contents stored once per SHA-256 in chunks of at
//! most [`CHUNK`] bytes, and the links that put a content on an asset, a
//! coverage or a work-log entry. The same statements serve both stores.

use std::io::{Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::history::Stamp;
use crate::model::{AttachedTo, Attachment};
use crate::store::sql::{Connection, Row};
use crate::{Error, Result};
use rusqlite::named_params;

/// The most bytes one chunk row holds: memory for a file of any size stays
/// at about this much.
pub(crate) const CHUNK: usize = 1 << 20;

const SELECT_LINK: &str = "SELECT l.id, l.asset_id, a.tag, l.coverage_id, l.work_log_id, l.name,
        l.media_type, c.size, c.sha256, l.note, l.created_at, l.author, l.content_id
    FROM attachments l
    JOIN assets a ON a.id = l.asset_id
    JOIN attachment_contents c ON c.id = l.content_id";

fn read_link(r: &Row<'_>) -> rusqlite::Result<(Attachment, i64)> {
    let coverage: Option<i64> = r.get(3)?;
    let work: Option<i64> = r.get(4)?;
    let size: i64 = r.get(7)?;
    Ok((
        Attachment {
            id: r.get(0)?,
            asset_id: r.get(1)?,
            asset_tag: r.get(2)?,
            attached_to: match (coverage, work) {
                (Some(id), _) => AttachedTo::Coverage(id),
                (None, Some(id)) => AttachedTo::Work(id),
                (None, None) => AttachedTo::Asset,
            },
            name: r.get(5)?,
            media_type: r.get(6)?,
            size: size.max(0) as u64,
            sha256: r.get::<Option<String>>(8)?.unwrap_or_default(),
            note: r.get(9)?,
            created_at: r.get(10)?,
            author: r.get(11)?,
        },
        r.get(12)?,
    ))
}

/// One link and the id of its content, or `NotFound`.
pub(crate) fn require(conn: &Connection, id: i64) -> Result<(Attachment, i64)> {
    let sql = format!("{SELECT_LINK} WHERE l.id = ?1");
    conn.prepare_cached(&sql)?
        .query_opt([id], read_link)?
        .ok_or_else(|| Error::not_found("attachment", id))
}

/// Every link of an asset (its own, its coverage's and its work log's),
/// newest first.
pub(crate) fn for_asset(conn: &Connection, asset_id: i64) -> Result<Vec<Attachment>> {
    let sql = format!("{SELECT_LINK} WHERE l.asset_id = ?1 ORDER BY l.id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([asset_id], read_link)?;
    Ok(rows
        .map(|r| r.map(|(a, _)| a))
        .collect::<rusqlite::Result<_>>()?)
}

/// The links made to one coverage or work-log entry.
pub(crate) fn for_target(conn: &Connection, to: AttachedTo) -> Result<Vec<Attachment>> {
    let (column, id) = match to {
        AttachedTo::Asset => return Ok(Vec::new()),
        AttachedTo::Coverage(id) => ("coverage_id", id),
        AttachedTo::Work(id) => ("work_log_id", id),
    };
    let sql = format!("{SELECT_LINK} WHERE l.{column} = ?1 ORDER BY l.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], read_link)?;
    Ok(rows
        .map(|r| r.map(|(a, _)| a))
        .collect::<rusqlite::Result<_>>()?)
}

/// A read of one file's chunks that sees one state of the register from
/// start to end (on a server, a repeatable read: a content deleted midway
/// is still read whole).
pub(crate) fn begin_reading(conn: &Connection) -> Result<crate::store::sql::Transaction<'_>> {
    let tx = conn.unchecked_transaction()?;
    if let Some(server) = tx.postgres() {
        server.batch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")?;
    }
    Ok(tx)
}

/// Calls `f` with every link and its content id, by asset tag then link.
pub(crate) fn each(
    conn: &Connection,
    f: &mut dyn FnMut(Attachment, i64) -> Result<()>,
) -> Result<()> {
    let sql = format!("{SELECT_LINK} ORDER BY a.tag, l.id");
    let mut stmt = conn.prepare(&sql)?;
    stmt.each([], |r| {
        let (link, content) = read_link(r)?;
        f(link, content)?;
        Ok(true)
    })
}

/// The number of links and of stored contents with their total size.
pub(crate) fn totals(conn: &Connection) -> Result<(u64, u64, u64)> {
    let links: i64 = conn.query_row("SELECT count(*) FROM attachments", [], |r| r.get(0))?;
    let (contents, bytes): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(size), 0) FROM attachment_contents",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((links as u64, contents as u64, bytes as u64))
}

/// A stored content: its id, and whether the register already held it.
pub(crate) struct Stored {
    pub content_id: i64,
    pub sha256: String,
    pub already_stored: bool,
}

/// Streams `source` (`expected` bytes, read from `path`) into a new content
/// in chunks, hashing as it goes; when the register already holds the same
/// bytes, the new copy is dropped and the old one used. Call inside a write
/// transaction: a read error or a size that changed midway fails the write,
/// so nothing is half-stored.
pub(crate) fn store_content(
    conn: &Connection,
    source: &mut dyn Read,
    expected: u64,
    path: &Path,
    at: &str,
) -> Result<Stored> {
    let content_id = conn
        .prepare_cached(
            "INSERT INTO attachment_contents (sha256, size, created_at) VALUES (NULL, ?1, ?2)",
        )?
        .insert(rusqlite::params![expected as i64, at])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO attachment_chunks (content_id, seq, data) VALUES (?1, ?2, ?3)",
    )?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut total: u64 = 0;
    let mut seq: i64 = 0;
    loop {
        let filled = fill(source, &mut buffer).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if filled == 0 {
            break;
        }
        total += filled as u64;
        if total > expected {
            break;
        }
        hasher.update(&buffer[..filled]);
        insert.execute(rusqlite::params![content_id, seq, &buffer[..filled]])?;
        seq += 1;
    }
    if total != expected {
        return Err(Error::validation(
            "file",
            format!(
                "{} changed while it was being read ({expected} bytes when it was opened, {} then): nothing was attached",
                path.display(),
                if total > expected {
                    "more".to_string()
                } else {
                    total.to_string()
                }
            ),
        ));
    }
    let sha256 = hex(&hasher.finalize());
    let existing = content_by_sha(conn, &sha256)?;
    if let Some(old) = existing {
        conn.prepare_cached("DELETE FROM attachment_contents WHERE id = ?1")?
            .execute([content_id])?;
        return Ok(Stored {
            content_id: old,
            sha256,
            already_stored: true,
        });
    }
    conn.prepare_cached("UPDATE attachment_contents SET sha256 = ?1 WHERE id = ?2")?
        .execute(rusqlite::params![sha256, content_id])?;
    Ok(Stored {
        content_id,
        sha256,
        already_stored: false,
    })
}

/// Reads until `buffer` is full or the source ends; the bytes read.
fn fill(source: &mut dyn Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The content whose SHA-256 is `sha256`, if stored.
pub(crate) fn content_by_sha(conn: &Connection, sha256: &str) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM attachment_contents WHERE sha256 = ?1")?
        .query_opt([sha256], |r| r.get(0))
}

/// What a new link says.
pub(crate) struct NewLink<'a> {
    pub content_id: i64,
    pub asset_id: i64,
    pub to: AttachedTo,
    pub name: &'a str,
    pub media_type: &'a str,
    pub note: Option<&'a str>,
}

/// Inserts a link; its id.
pub(crate) fn insert_link(conn: &Connection, link: &NewLink<'_>, stamp: &Stamp) -> Result<i64> {
    let (coverage, work) = match link.to {
        AttachedTo::Asset => (None, None),
        AttachedTo::Coverage(id) => (Some(id), None),
        AttachedTo::Work(id) => (None, Some(id)),
    };
    conn.prepare_cached(
        "INSERT INTO attachments (content_id, asset_id, coverage_id, work_log_id, name, media_type,
            note, created_at, author)
         VALUES (:content, :asset, :coverage, :work, :name, :media, :note, :at, :author)",
    )?
    .insert(named_params! {
        ":content": link.content_id, ":asset": link.asset_id, ":coverage": coverage,
        ":work": work, ":name": link.name, ":media": link.media_type, ":note": link.note,
        ":at": stamp.at, ":author": stamp.author,
    })
}

/// Whether the same content is already linked under the same name to the
/// same place (an index read back a second time).
pub(crate) fn link_exists(conn: &Connection, link: &NewLink<'_>) -> Result<bool> {
    let (coverage, work) = match link.to {
        AttachedTo::Asset => (0, 0),
        AttachedTo::Coverage(id) => (id, 0),
        AttachedTo::Work(id) => (0, id),
    };
    conn.prepare_cached(
        "SELECT 1 FROM attachments WHERE content_id = ?1 AND asset_id = ?2
            AND coalesce(coverage_id, 0) = ?3 AND coalesce(work_log_id, 0) = ?4 AND name = ?5",
    )?
    .exists(rusqlite::params![
        link.content_id,
        link.asset_id,
        coverage,
        work,
        link.name
    ])
}

/// Deletes one link.
pub(crate) fn delete_link(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM attachments WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::not_found("attachment", id));
    }
    Ok(())
}

/// Deletes every content no link uses any more (with its chunks); how many.
pub(crate) fn drop_unlinked(conn: &Connection) -> Result<usize> {
    conn.prepare_cached(
        "DELETE FROM attachment_contents
         WHERE sha256 IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM attachments l WHERE l.content_id = attachment_contents.id)",
    )?
    .execute([])
}

/// Writes content `content_id` to `out` chunk by chunk and checks it
/// against its SHA-256; the bytes written.
pub(crate) fn read_content(
    conn: &Connection,
    content_id: i64,
    out: &mut dyn Write,
    target: &Path,
) -> Result<u64> {
    let (sha256, size): (Option<String>, i64) = conn
        .prepare_cached("SELECT sha256, size FROM attachment_contents WHERE id = ?1")?
        .query_opt([content_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .ok_or_else(|| Error::not_found("attachment content", content_id))?;
    let mut chunk = conn
        .prepare_cached("SELECT data FROM attachment_chunks WHERE content_id = ?1 AND seq = ?2")?;
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    let mut seq: i64 = 0;
    while let Some(data) =
        chunk.query_opt(rusqlite::params![content_id, seq], |r| r.get::<Vec<u8>>(0))?
    {
        hasher.update(&data);
        out.write_all(&data).map_err(|source| Error::Io {
            path: target.to_path_buf(),
            source,
        })?;
        total += data.len() as u64;
        seq += 1;
    }
    let got = hex(&hasher.finalize());
    if total != size as u64 || sha256.as_deref() != Some(got.as_str()) {
        return Err(Error::Internal {
            what: format!("attachment content {content_id}"),
            message: format!(
                "does not match its SHA-256 ({total} of {size} bytes read): the register is damaged; run `tend check` and restore a backup"
            ),
        });
    }
    Ok(total)
}

/// The coverage of `asset_id` of this kind and period (an index row's way
/// of naming one; ids differ between registers).
pub(crate) fn coverage_matching(
    conn: &Connection,
    asset_id: i64,
    kind: &str,
    start: &str,
    end: &str,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM coverage WHERE asset_id = ?1 AND kind = ?2 AND start_date = ?3 AND end_date = ?4 ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![asset_id, kind, start, end], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The work-log entries of `asset_id` done on `date` with this summary.
pub(crate) fn work_matching(
    conn: &Connection,
    asset_id: i64,
    date: &str,
    summary: &str,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM work_log WHERE asset_id = ?1 AND performed_on = ?2 AND summary = ?3 ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![asset_id, date, summary], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a link's time and author (an index read back keeps who attached
/// the file and when).
pub(crate) fn restamp_link(
    conn: &Connection,
    id: i64,
    at: &str,
    author: Option<&str>,
) -> Result<()> {
    conn.prepare_cached("UPDATE attachments SET created_at = ?1, author = ?2 WHERE id = ?3")?
        .execute(rusqlite::params![at, author, id])?;
    Ok(())
}
