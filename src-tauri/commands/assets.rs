//! Asset commands: list, count, read, create, update, archive and restore.

use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::labels::Scanned;
use tend_core::{ApiError, Asset, AssetInput, AssetPage, AssetQuery, Id};

/// One block of the asset list, with the number of assets matching the
/// filters (a cover filter judged on today, as `Db` tells the register),
/// read through the order kept in memory: a block at the end of the list
/// costs what the first one does.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_assets(
    db: State<'_, Db>,
    query: Payload<AssetQuery>,
) -> Result<AssetPage, ApiError> {
    db.with_order(|r, kept| kept.page(r, &query))
}

/// Number of assets in the register, archived included (0 means a first launch).
#[tauri::command(rename_all = "snake_case")]
pub async fn count_assets(db: State<'_, Db>) -> Result<u64, ApiError> {
    db.with(|r| r.count_assets())
}

/// The asset a scanner's text names (a tag, or a link from a label's QR
/// code), or the tag alone when no asset has it.
#[tauri::command(rename_all = "snake_case")]
pub async fn find_scanned(db: State<'_, Db>, text: Payload<String>) -> Result<Scanned, ApiError> {
    db.with(|r| r.find_scanned(&text))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_asset(db: State<'_, Db>, id: Payload<Id>) -> Result<Asset, ApiError> {
    db.with(|r| r.get_asset(id.get()))
}

/// The input that would recreate asset `id`, to fill the edit form.
#[tauri::command(rename_all = "snake_case")]
pub async fn asset_input(db: State<'_, Db>, id: Payload<Id>) -> Result<AssetInput, ApiError> {
    db.with(|r| {
        let asset = r.get_asset(id.get())?;
        Ok(r.asset_input(&asset))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_asset(
    db: State<'_, Db>,
    input: Payload<AssetInput>,
) -> Result<Asset, ApiError> {
    db.with(|r| r.create_asset(&input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_asset(
    db: State<'_, Db>,
    id: Payload<Id>,
    input: Payload<AssetInput>,
) -> Result<Asset, ApiError> {
    db.with(|r| r.update_asset(id.get(), &input))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn archive_asset(db: State<'_, Db>, id: Payload<Id>) -> Result<Asset, ApiError> {
    db.with(|r| r.archive_asset(id.get()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_asset(db: State<'_, Db>, id: Payload<Id>) -> Result<Asset, ApiError> {
    db.with(|r| r.restore_asset(id.get()))
}
