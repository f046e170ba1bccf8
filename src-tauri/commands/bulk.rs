//! Bulk changes from the register's selection, and Undo of the last one.
//! The way back is kept here, not in the web view: the page can only ask
//! to undo the last change this window made.

use std::sync::Mutex;

use tauri::State;
use tend_core::register::{BulkAction, BulkDone, BulkSelection, BulkUndo};
use tend_core::{ApiError, Error, Id, TemplateApplied};

use crate::payload::Payload;
use crate::state::Db;

/// The last bulk change's way back (app state).
#[derive(Default)]
pub struct LastBulk(Mutex<Option<BulkUndo>>);

impl LastBulk {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<BulkUndo>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Applies `action` to every asset of `selection` in one write; the last
/// change can then be undone.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_change(
    db: State<'_, Db>,
    last: State<'_, LastBulk>,
    selection: Payload<BulkSelection>,
    action: Payload<BulkAction>,
) -> Result<BulkDone, ApiError> {
    let (done, undo) = db.with(|r| {
        let ids = r.selected_ids(&selection)?;
        r.bulk_change(&ids, &action)
    })?;
    *last.lock() = Some(undo);
    Ok(done)
}

/// Takes back the last bulk change (refused, and kept, when an asset it
/// changed was changed since).
#[tauri::command(rename_all = "snake_case")]
pub async fn undo_bulk_change(
    db: State<'_, Db>,
    last: State<'_, LastBulk>,
) -> Result<BulkDone, ApiError> {
    let Some(undo) = last.lock().clone() else {
        return Err(Error::validation("undo", "there is no bulk change to undo").into());
    };
    let done = db.with(|r| r.undo_bulk_change(&undo))?;
    *last.lock() = None;
    Ok(done)
}

/// Creates a template's plan on every selected asset in use that has none
/// from it yet, in one write (not undone by Undo: each plan can be removed
/// on its asset's page, and its history says where it came from).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_apply_template(
    db: State<'_, Db>,
    selection: Payload<BulkSelection>,
    template_id: Payload<Id>,
) -> Result<TemplateApplied, ApiError> {
    db.with(|r| {
        let ids = r.selected_ids(&selection)?;
        r.apply_template_to(template_id.get(), &ids, crate::clock::today())
    })
}
