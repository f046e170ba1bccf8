//! Changes to many assets at once — status, location, assignee, archive —
//! each one write for the whole selection, a history entry per asset as
//! an edit by hand would make, and an undo of the last one that refuses
//! when someone changed one of those assets since.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::conflicts;
use crate::model::*;
use crate::store::assets::{self, OneField};
use crate::store::history::{self, Change, Stamp};
use crate::store::lookups;
use crate::store::sql::Transaction;
use crate::validate;
use crate::{Error, Register, Result};

/// Most assets one bulk change may touch.
pub const BULK_MAX: usize = 100_000;

/// The assets a bulk action is for: the ids picked one by one, or every
/// asset a register filter matches ("select all N matching").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BulkSelection {
    #[ts(type = "number[]")]
    pub ids: Vec<Id>,
    /// Every asset this filter matches (paging aside), in place of `ids`.
    pub query: Option<AssetQuery>,
}

/// What to do to every asset selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum BulkAction {
    /// A status (`in_service`, `in repair`, … as a form takes it).
    SetStatus { status: String },
    /// A location path ("Site › Building › Room"), created when new; empty
    /// clears it.
    SetLocation { location: String },
    /// A person, created when new; empty clears it.
    SetAssignee { assigned_to: String },
    /// Hide the assets from the list (kept with their history).
    Archive,
}

/// What a bulk action (or its undo) did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulkDone {
    /// Assets selected.
    #[ts(type = "number")]
    pub selected: u64,
    /// Assets changed (the others already had the value).
    #[ts(type = "number")]
    pub changed: u64,
    /// In words: "Status set to in repair on 10 assets".
    pub summary: String,
}

/// How to take back one bulk change: when it was written (an undo is
/// refused for an asset changed since), and each changed asset with what
/// it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkUndo {
    summary: String,
    at: String,
    items: Vec<UndoItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct UndoItem {
    asset_id: i64,
    /// The change that puts the asset's value back (None: it was archived
    /// by the change; undo restores it).
    before: Option<BulkAction>,
}

impl BulkAction {
    fn words(&self) -> String {
        match self {
            BulkAction::SetStatus { status } => format!(
                "Status set to {}",
                AssetStatus::parse_id(status).map_or(status.trim(), |s| s.label())
            ),
            BulkAction::SetLocation { location } if location.trim().is_empty() => {
                "Location cleared".into()
            }
            BulkAction::SetLocation { location } => format!("Location set to {}", location.trim()),
            BulkAction::SetAssignee { assigned_to } if assigned_to.trim().is_empty() => {
                "Assignee cleared".into()
            }
            BulkAction::SetAssignee { assigned_to } => {
                format!("Assigned to {}", assigned_to.trim())
            }
            BulkAction::Archive => "Archived".into(),
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Register {
    /// The ids a selection names: those given (each must exist), or every
    /// asset its filter matches.
    pub fn selected_ids(&self, selection: &BulkSelection) -> Result<Vec<i64>> {
        let ids: Vec<i64> = match (&selection.query, selection.ids.is_empty()) {
            (Some(query), true) => self
                .chosen_assets(&[], Some(query), None)?
                .iter()
                .map(|a| a.id)
                .collect(),
            (None, false) => selection.ids.iter().map(|id| id.get()).collect(),
            _ => {
                return Err(Error::validation(
                    "selection",
                    "select assets, or every asset the filter matches, not both",
                ))
            }
        };
        if ids.is_empty() {
            return Err(Error::validation("selection", "no asset is selected"));
        }
        if ids.len() > BULK_MAX {
            return Err(Error::validation(
                "selection",
                format!(
                    "{} assets selected; a bulk change takes at most {BULK_MAX}",
                    ids.len()
                ),
            ));
        }
        Ok(ids)
    }

    /// Applies `action` to every asset of `ids` in one write: the new
    /// value is checked once (the field named on failure), each asset that
    /// changes gets its history entry, assets already so are left alone.
    /// Returns what was done and how to undo it.
    pub fn bulk_change(
        &mut self,
        ids: &[i64],
        action: &BulkAction,
    ) -> Result<(BulkDone, BulkUndo)> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        let mut items = Vec::new();
        if let BulkAction::Archive = action {
            for &id in ids {
                let old = assets::require(&tx, id)?;
                if old.archived_at.is_some() {
                    continue;
                }
                assets::set_archived(&tx, id, Some(&stamp.at), &stamp.at)?;
                history::record(
                    &tx,
                    &Change::event(
                        id,
                        EntityKind::Asset,
                        id,
                        ChangeAction::Archived,
                        "Asset archived",
                    ),
                    &stamp,
                )?;
                items.push(UndoItem {
                    asset_id: id,
                    before: None,
                });
            }
        } else {
            // The value is checked, and its location or person made, once.
            let value = Value::resolve(&tx, action)?;
            for &id in ids {
                let old = assets::require(&tx, id)?;
                if let Some(before) = value.set(&tx, &old, &stamp)? {
                    items.push(UndoItem {
                        asset_id: id,
                        before: Some(before),
                    });
                }
            }
        }
        let changed = items.len() as u64;
        let summary = format!("{} on {changed} asset{}", action.words(), plural(changed));
        Register::commit(tx, timeout)?;
        Ok((
            BulkDone {
                selected: ids.len() as u64,
                changed,
                summary: summary.clone(),
            },
            BulkUndo {
                summary,
                at: stamp.at.clone(),
                items,
            },
        ))
    }

    /// Takes a bulk change back, in one write: every asset it changed gets
    /// its values back. Refused whole (`conflict`, naming the asset and who
    /// changed what) when one of them was changed since.
    pub fn undo_bulk_change(&mut self, undo: &BulkUndo) -> Result<BulkDone> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        for item in &undo.items {
            let now = assets::require(&tx, item.asset_id)?;
            conflicts::check_unchanged(
                &tx,
                &conflicts::Seen {
                    what: format!("asset {}", now.tag),
                    asset_id: item.asset_id,
                    entity: EntityKind::Asset,
                    entity_id: item.asset_id,
                    updated_at: &now.updated_at,
                },
                &undo.at,
            )?;
            match &item.before {
                None => {
                    assets::set_archived(&tx, item.asset_id, None, &stamp.at)?;
                    history::record(
                        &tx,
                        &Change::event(
                            item.asset_id,
                            EntityKind::Asset,
                            item.asset_id,
                            ChangeAction::Restored,
                            "Asset restored from the archive (bulk change undone)",
                        ),
                        &stamp,
                    )?;
                }
                Some(before) => {
                    Value::resolve(&tx, before)?.set(&tx, &now, &stamp)?;
                }
            }
        }
        Register::commit(tx, timeout)?;
        let n = undo.items.len() as u64;
        Ok(BulkDone {
            selected: n,
            changed: n,
            summary: format!("Undone: {}", undo.summary),
        })
    }
}

/// A bulk change's new value, checked and resolved once: what the row
/// stores, and how history shows it.
enum Value {
    Status(AssetStatus),
    Location(Option<Location>),
    Assignee(Option<Lookup>),
}

impl Value {
    fn resolve(tx: &Transaction<'_>, action: &BulkAction) -> Result<Value> {
        Ok(match action {
            BulkAction::SetStatus { status } => Value::Status(validate::status("status", status)?),
            BulkAction::SetLocation { location } => {
                Value::Location(match validate::location_path("location", location)? {
                    Some(levels) => Some(lookups::ensure_location(tx, &levels)?),
                    None => None,
                })
            }
            BulkAction::SetAssignee { assigned_to } => Value::Assignee(
                match validate::optional("assigned_to", assigned_to, validate::TEXT_MAX)? {
                    Some(name) => Some(lookups::ensure(tx, LookupKind::Person, &name)?),
                    None => None,
                },
            ),
            BulkAction::Archive => {
                return Err(Error::validation("action", "archiving sets no value"))
            }
        })
    }

    /// Sets the value on `old` (with its history entry) unless it already
    /// has it; the change that would put the old value back.
    fn set(&self, tx: &Transaction<'_>, old: &Asset, stamp: &Stamp) -> Result<Option<BulkAction>> {
        let (field, before, after, back, column) = match self {
            Value::Status(s) => (
                "status",
                Some(old.status.label().to_string()),
                Some(s.label().to_string()),
                BulkAction::SetStatus {
                    status: old.status.id().to_string(),
                },
                OneField::Status(s.id()),
            ),
            Value::Location(l) => (
                "location",
                old.location.clone(),
                l.as_ref().map(|l| l.path.clone()),
                BulkAction::SetLocation {
                    location: old.location.clone().unwrap_or_default(),
                },
                OneField::LocationId(l.as_ref().map(|l| l.id)),
            ),
            Value::Assignee(p) => (
                "assigned_to",
                old.assigned_to.clone(),
                p.as_ref().map(|p| p.name.clone()),
                BulkAction::SetAssignee {
                    assigned_to: old.assigned_to.clone().unwrap_or_default(),
                },
                OneField::AssignedToId(p.as_ref().map(|p| p.id)),
            ),
        };
        if before == after {
            return Ok(None);
        }
        assets::set_one(tx, old.id, &column, &stamp.at)?;
        history::record_field_changes(
            tx,
            old.id,
            EntityKind::Asset,
            old.id,
            &[(field, before, after)],
            stamp,
        )?;
        Ok(Some(back))
    }
}
