//! SQL for the change history: append entries, read an asset's story.
//! Every entry says when and by whom ([`Stamp`]).

use super::assets::choice_column;
use crate::model::*;
use crate::store::sql::{Connection, Row};
use crate::Result;
use rusqlite::named_params;

/// When a write happens and who makes it: every history entry and work-log
/// entry of one write carries both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// RFC 3339, UTC, milliseconds ([`super::now_timestamp`]).
    pub at: String,
    /// Who is acting ([`crate::Register::author`]); None when nobody is known.
    pub author: Option<String>,
}

impl Stamp {
    /// Now, by `author`.
    pub fn now(author: Option<String>) -> Stamp {
        Stamp {
            at: super::now_timestamp(),
            author,
        }
    }
}

/// One change to record.
pub(crate) struct Change<'a> {
    pub asset_id: i64,
    pub entity: EntityKind,
    pub entity_id: i64,
    pub action: ChangeAction,
    pub field: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub summary: &'a str,
}

impl<'a> Change<'a> {
    /// A change with no field (created, deleted, archived, restored).
    pub fn event(
        asset_id: i64,
        entity: EntityKind,
        entity_id: i64,
        action: ChangeAction,
        summary: &'a str,
    ) -> Self {
        Change {
            asset_id,
            entity,
            entity_id,
            action,
            field: None,
            old_value: None,
            new_value: None,
            summary,
        }
    }
}

/// Appends one entry. Call inside the write transaction of the change.
pub(crate) fn record(conn: &Connection, c: &Change<'_>, stamp: &Stamp) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO history (asset_id, entity, entity_id, action, field, old_value, new_value, at, summary, author)
         VALUES (:asset, :entity, :entity_id, :action, :field, :old, :new, :at, :summary, :author)",
    )?
    .execute(named_params! {
        ":asset": c.asset_id, ":entity": c.entity.id(), ":entity_id": c.entity_id,
        ":action": c.action.id(), ":field": c.field, ":old": c.old_value, ":new": c.new_value,
        ":at": stamp.at, ":summary": c.summary, ":author": stamp.author,
    })?;
    Ok(())
}

/// Records one "updated" entry per changed field, summary "field: old → new".
pub(crate) fn record_field_changes(
    conn: &Connection,
    asset_id: i64,
    entity: EntityKind,
    entity_id: i64,
    changes: &[(&'static str, Option<String>, Option<String>)],
    stamp: &Stamp,
) -> Result<()> {
    for (field, old, new) in changes {
        let summary = format!(
            "{field}: {} → {}",
            old.as_deref().unwrap_or("(none)"),
            new.as_deref().unwrap_or("(none)")
        );
        let summary: String = summary.chars().take(500).collect();
        record(
            conn,
            &Change {
                asset_id,
                entity,
                entity_id,
                action: ChangeAction::Updated,
                field: Some(field),
                old_value: old.as_deref(),
                new_value: new.as_deref(),
                summary: &summary,
            },
            stamp,
        )?;
    }
    Ok(())
}

/// The newest `limit` entries of an asset, newest first.
pub(crate) fn for_asset(conn: &Connection, asset_id: i64, limit: u32) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, asset_id, entity, entity_id, action, field, old_value, new_value, summary,
                author
         FROM history WHERE asset_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![asset_id, limit], read_entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The changes to one record (of `asset_id`) recorded after `after` (a
/// stored timestamp), oldest first: what someone else did since a form
/// showed the record.
pub(crate) fn record_changes_since(
    conn: &Connection,
    asset_id: i64,
    entity: EntityKind,
    entity_id: i64,
    after: &str,
) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, asset_id, entity, entity_id, action, field, old_value, new_value, summary,
                author
         FROM history
         WHERE asset_id = ?1 AND entity = ?2 AND entity_id = ?3 AND at > ?4
         ORDER BY id LIMIT 50",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![asset_id, entity.id(), entity_id, after],
        read_entry,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_entry(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    Ok(HistoryEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        asset_id: r.get(2)?,
        entity: choice_column(r, 3)?,
        entity_id: r.get(4)?,
        action: choice_column(r, 5)?,
        field: r.get(6)?,
        old_value: r.get(7)?,
        new_value: r.get(8)?,
        summary: r.get(9)?,
        author: r.get(10)?,
    })
}
