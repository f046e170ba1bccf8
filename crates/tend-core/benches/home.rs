//! What Home and the locations screen ask of the core on the 100,000-asset
//! demo register (about a million work-log entries): the figures
//! (`Register::overview`, with the week's maintenance from the kept due
//! list, as the desktop asks), the locations tree, and a register page
//! under the new cover filter beside the same page unfiltered. Issue 11's
//! goal is Home painted within 1 s of launch; this is the core's share.
//!
//! Run: `cargo xtask bench home`. `TEND_BENCH_ASSETS` (default 100,000)
//! sets the size.

#[path = "support/demo_register.rs"]
mod demo_register;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tend_core::{
    AssetQuery, AssetSortColumn, CoverFilter, CoverState, DueKind, DueQuery, KeptOrder,
    LiveDueList, Register,
};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The first run and the median of `runs` more.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let started = Instant::now();
    std::hint::black_box(f());
    let first = started.elapsed();
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    all.sort();
    (first, all[all.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let path = demo_register::demo_register("demo", n);
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let mut reg = Register::open(&path).unwrap();
    reg.set_today(today);

    let week = DueQuery {
        horizon_days: 7,
        kinds: vec![DueKind::Maintenance],
        ..DueQuery::default()
    };
    let mut kept = LiveDueList::new();
    let (due_first, due_median) = time(5, || kept.list(&reg, &week, today).unwrap());
    let due = kept.list(&reg, &week, today).unwrap();
    let (overview_first, overview_median) = time(5, || reg.overview(today, &due).unwrap());
    let (tree_first, tree_median) = time(5, || reg.location_tree(&due).unwrap());

    let plain = AssetQuery::default();
    let ending = AssetQuery {
        cover: Some(CoverFilter {
            state: CoverState::Ending,
            within_days: 90,
            on: None,
        }),
        ..AssetQuery::default()
    };
    let (_, plain_median) = time(9, || reg.list_assets(&plain).unwrap());
    let (_, ending_median) = time(9, || reg.list_assets(&ending).unwrap());
    let matched = reg.list_assets(&ending).unwrap().total;

    // The register scrolled to its end: the last block under each sort, as
    // the scrolling table asks for it, beside its first block.
    let total = reg.list_assets(&plain).unwrap().total;
    let mut depth = Vec::new();
    for sort in [
        AssetSortColumn::Tag,
        AssetSortColumn::Name,
        AssetSortColumn::Category,
        AssetSortColumn::Location,
        AssetSortColumn::PurchaseDate,
        AssetSortColumn::UpdatedAt,
    ] {
        let block = |offset: u32| AssetQuery {
            sort,
            offset,
            limit: 100,
            ..AssetQuery::default()
        };
        let (_, top) = time(9, || reg.list_assets(&block(0)).unwrap());
        let last = (total as u32).saturating_sub(100);
        let (_, end) = time(9, || reg.list_assets(&block(last)).unwrap());
        // The same through the order the desktop keeps: reading the ids
        // once for this sort, then any block by id.
        // As the app asks: the top of the new sort, then a jump to the end.
        let mut kept = KeptOrder::new();
        let started = Instant::now();
        assert_eq!(kept.page(&reg, &block(0)).unwrap().rows.len(), 100);
        let kept_top = started.elapsed();
        let started = Instant::now();
        kept.page(&reg, &block(last)).unwrap();
        let ids_read = started.elapsed();
        let (_, kept_end) = time(9, || kept.page(&reg, &block(last)).unwrap());
        let (_, kept_middle) = time(9, || kept.page(&reg, &block(last / 2)).unwrap());
        assert_eq!(
            kept.page(&reg, &block(last)).unwrap().rows,
            reg.list_assets(&block(last)).unwrap().rows,
            "the kept order gives the register's rows"
        );
        depth.push((sort, top, end, kept_top, ids_read, kept_middle, kept_end));
    }

    println!("home bench: {n} assets, judged on {today}");
    println!(
        "  due list, maintenance this week (kept): first {}, then {}",
        ms(due_first),
        ms(due_median)
    );
    println!(
        "  overview (Home's figures and charts):   first {}, then {}",
        ms(overview_first),
        ms(overview_median)
    );
    println!(
        "  Home's core share on launch: {} of the 1 s goal",
        ms(due_first + overview_first)
    );
    println!(
        "  locations tree:                         first {}, then {}",
        ms(tree_first),
        ms(tree_median)
    );
    println!(
        "  register page, no filter: {}; cover ending within 90 days ({matched} match): {}",
        ms(plain_median),
        ms(ending_median)
    );
    println!(
        "  a block of 100 rows by sort ({total} rows), median: SQL first / SQL last || kept: top, then a jump to the last block (ids read), then middle / last"
    );
    for (sort, top, end, kept_top, ids_read, middle, last) in depth {
        println!(
            "    {sort:?}: {} / {} || {}, {}, then {} / {}",
            ms(top),
            ms(end),
            ms(kept_top),
            ms(ids_read),
            ms(middle),
            ms(last)
        );
    }
}
