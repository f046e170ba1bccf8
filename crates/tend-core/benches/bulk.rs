//! A bulk status change of 10,000 assets on the 100,000-asset demo
//! register (issue 11's goal: ≤ 2 s), and its undo, beside the baseline of
//! the same change made one asset at a time through `update_asset` (what a
//! script without bulk changes does), on copies of the same register.
//!
//! Run: `cargo xtask bench bulk`. `TEND_BENCH_ASSETS` (default 100,000)
//! and `TEND_BENCH_BULK` (default 10,000) set the sizes.

#[path = "support/demo_register.rs"]
mod demo_register;

use std::path::{Path, PathBuf};
use std::time::Instant;

use tend_core::register::BulkAction;
use tend_core::{AssetQuery, AssetStatus, Register};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A fresh copy of the demo register to change.
fn copy_of(demo: &Path, name: &str) -> PathBuf {
    let path = demo.with_file_name(format!("bulk-{name}.sqlite"));
    demo_register::remove_register(&path);
    Register::open(demo).unwrap().backup_to(&path).unwrap();
    path
}

/// `n` assets in service, by tag.
fn in_service(reg: &Register, n: u64) -> Vec<i64> {
    let query = AssetQuery {
        status: Some(AssetStatus::InService),
        ..AssetQuery::default()
    };
    let ids: Vec<i64> = reg
        .chosen_assets(&[], Some(&query), None)
        .unwrap()
        .into_iter()
        .take(n as usize)
        .map(|a| a.id)
        .collect();
    assert_eq!(
        ids.len() as u64,
        n,
        "the demo register has {n} assets in service"
    );
    ids
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let size = env_u64("TEND_BENCH_BULK", 10_000);
    let demo = demo_register::demo_register("demo", n);

    // In repair: still listed, the due list's entries stay as they are.
    // Retired: every entry of the assets goes (and comes back on undo).
    let path = copy_of(&demo, "bulk");
    let mut reg = Register::open(&path).unwrap();
    let ids = in_service(&reg, size);
    let mut timed = Vec::new();
    for status in ["in_repair", "retired"] {
        let action = BulkAction::SetStatus {
            status: status.into(),
        };
        let started = Instant::now();
        let (done, undo) = reg.bulk_change(&ids, &action).unwrap();
        let bulk = started.elapsed();
        assert_eq!(done.changed, size);
        let started = Instant::now();
        reg.undo_bulk_change(&undo).unwrap();
        timed.push((status, bulk, started.elapsed()));
    }
    drop(reg);

    let path = copy_of(&demo, "one-by-one");
    let mut reg = Register::open(&path).unwrap();
    let ids = in_service(&reg, size);
    let started = Instant::now();
    for &id in &ids {
        let mut input = reg.asset_input(&reg.get_asset(id).unwrap());
        input.status = "in_repair".into();
        reg.update_asset(id, &input).unwrap();
    }
    let one_by_one = started.elapsed();
    drop(reg);

    println!("\n## A status change of {size} assets ({n}-asset register)");
    println!("| what | time | goal |");
    println!("| --- | ---: | --- |");
    for (status, bulk, undone) in timed {
        println!(
            "| Register::bulk_change to {status} (one write) | {:.2} s | ≤ 2 s |",
            bulk.as_secs_f64()
        );
        println!(
            "| Register::undo_bulk_change of it | {:.2} s | |",
            undone.as_secs_f64()
        );
    }
    println!(
        "| update_asset × {size} (baseline: one write each) | {:.2} s | |",
        one_by_one.as_secs_f64()
    );
    for name in ["bulk", "one-by-one"] {
        let path = demo.with_file_name(format!("bulk-{name}.sqlite"));
        demo_register::remove_register(&path);
    }
}
