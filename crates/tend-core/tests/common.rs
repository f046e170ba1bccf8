//! Shared set-up for the integration tests: temp databases and sample inputs.

use tend_core::{AssetInput, Register};

/// A register in a fresh temp directory (kept alive by the returned guard).
pub fn temp_register() -> (tempfile::TempDir, Register) {
    let dir = tempfile::tempdir().expect("temp dir");
    let reg = Register::open(&dir.path().join("tend.sqlite")).expect("open register");
    (dir, reg)
}

/// A valid asset input with tag and name.
pub fn asset(tag: &str, name: &str) -> AssetInput {
    AssetInput {
        tag: tag.into(),
        name: name.into(),
        ..AssetInput::default()
    }
}
