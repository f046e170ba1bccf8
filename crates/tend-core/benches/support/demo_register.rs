//! A demo register of `n` assets kept under target/bench-data/ as
//! `NAME-N.sqlite` and reused while it still holds `n` assets; shared by
//! the benches (included with `#[path]`).

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use tend_core::{demo, Register};

pub fn demo_register(name: &str, n: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let path = dir.join(format!("{name}-{n}.sqlite"));
    if let Ok(reg) = Register::open(&path) {
        if reg.count_assets().unwrap_or(0) == n {
            return path;
        }
    }
    remove_register(&path);
    let mut reg = Register::open(&path).expect("open bench register");
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    demo::generate(&mut reg, n, 42, today).expect("generate demo register");
    path
}

/// Removes a register file with its log, shared memory and lock file.
pub fn remove_register(path: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
