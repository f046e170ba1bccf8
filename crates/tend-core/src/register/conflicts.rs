//! Two people at one record. A save made on a form opened before someone
//! else changed the record is refused (`Conflict` on `expected_updated_at`),
//! saying who changed what and when, so that nobody's change is lost
//! without a word; the same maintenance completed from two desks is
//! recorded once (`Conflict` on `occurrence`). Built on what both stores
//! keep: each record's `updated_at`, the history with its authors, and the
//! plan events.

use crate::model::*;
use crate::store::sql::Connection;
use crate::store::{history, plans};
use crate::{Error, Result};

/// The record a form was opened on.
pub(crate) struct Seen<'a> {
    /// "asset SRV-0042", "the coverage", … for the message.
    pub what: String,
    pub asset_id: i64,
    pub entity: EntityKind,
    pub entity_id: i64,
    /// The record's `updated_at` now, inside the write transaction.
    pub updated_at: &'a str,
}

/// Refuses the save when the form's `expected` (the record's `updated_at`
/// when it was read; empty = do not check) is no longer the record's.
pub(crate) fn check_unchanged(conn: &Connection, seen: &Seen<'_>, expected: &str) -> Result<()> {
    let expected = expected.trim();
    if expected.is_empty() || expected == seen.updated_at {
        return Ok(());
    }
    let changes =
        history::record_changes_since(conn, seen.asset_id, seen.entity, seen.entity_id, expected)?;
    let said = if changes.is_empty() {
        format!("it was changed at {}", when(seen.updated_at))
    } else {
        who_did_what(&changes)
    };
    Err(Error::Conflict {
        field: "expected_updated_at".into(),
        message: format!(
            "{} was changed since it was read: {said}. Nothing was saved; reload it to see \
             the changes, then save again",
            seen.what
        ),
    })
}

/// "Anna changed location and status at 2026-12-06 10:42 UTC; Ben archived
/// it at 10:45 UTC" from history entries, oldest first.
fn who_did_what(changes: &[HistoryEntry]) -> String {
    let mut clauses: Vec<String> = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let first = &changes[i];
        // One write = one author and one time: its fields go together.
        let group: Vec<&HistoryEntry> = changes[i..]
            .iter()
            .take_while(|c| c.at == first.at && c.author == first.author)
            .collect();
        i += group.len();
        let who = first.author.as_deref().unwrap_or("someone");
        let fields: Vec<String> = group
            .iter()
            .filter_map(|c| c.field.as_deref())
            .map(|f| f.replace('_', " "))
            .collect();
        let did = match first.action {
            ChangeAction::Updated if !fields.is_empty() => format!("changed {}", and_list(&fields)),
            ChangeAction::Updated => "changed it".into(),
            ChangeAction::Created => "created it".into(),
            ChangeAction::Deleted => "deleted it".into(),
            ChangeAction::Archived => "archived it".into(),
            ChangeAction::Restored => "restored it".into(),
        };
        clauses.push(format!("{who} {did} at {}", when(&first.at)));
    }
    clauses.join("; ")
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "2026-12-06 10:42 UTC" from a stored timestamp.
fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_string(),
    }
}

/// Refuses a completion of an occurrence someone else has already acted on.
/// `expected` is the date the user saw: the occurrence's due date, or the
/// date it was snoozed to (what the due list shows); empty = the plan's next.
pub(crate) fn check_occurrence(
    conn: &Connection,
    plan: &Plan,
    next: &str,
    expected: &str,
) -> Result<()> {
    let expected = expected.trim();
    if expected.is_empty() || expected == next || plan.snoozed_until.as_deref() == Some(expected) {
        return Ok(());
    }
    let message = match plans::last_event_on(conn, plan.id, expected)? {
        Some(done) => format!(
            "\"{}\" due {expected} was already {} by {} (recorded {}); it is recorded \
             once. The next occurrence is due {next}",
            plan.title,
            done.action_text(),
            done.author.as_deref().unwrap_or("someone"),
            when(&done.at)
        ),
        None => format!(
            "\"{}\" is no longer due {expected}: it was changed since the list was read, and \
             its next occurrence is due {next}. Nothing was recorded; reload the list",
            plan.title
        ),
    };
    Err(Error::Conflict {
        field: "occurrence".into(),
        message,
    })
}
