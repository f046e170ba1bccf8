//! The sample-register command offered on first launch.

use crate::payload::Payload;
use crate::state::Db;
use tauri::State;
use tend_core::demo::{self, DemoSummary};
use tend_core::ApiError;

/// Seed of the sample register, so every newcomer sees the same one.
const DEMO_SEED: u64 = 42;

/// Fills the register with `assets` sample assets dated around today.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_demo(db: State<'_, Db>, assets: Payload<u32>) -> Result<DemoSummary, ApiError> {
    let today = crate::clock::today();
    db.with(|r| demo::generate(r, u64::from(*assets), DEMO_SEED, today))
}
