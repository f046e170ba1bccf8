//! The sample register: deterministic, realistic, consistent.

use chrono::NaiveDate;
use tend_core::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

#[test]
fn generates_a_consistent_register_with_work_log_and_coverage_around_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("demo.sqlite")).unwrap();
    let summary = demo::generate(&mut reg, 200, 7, today()).unwrap();
    assert_eq!(summary.assets, 200);
    assert_eq!(reg.count_assets().unwrap(), 200);
    assert!(
        (1500..=2600).contains(&summary.work_log),
        "about ten entries per asset: {}",
        summary.work_log
    );
    assert!(summary.coverage >= 200 && summary.plans > 0, "{summary:?}");
    assert_eq!(
        reg.check().unwrap(),
        Vec::<String>::new(),
        "integrity and foreign keys hold"
    );

    let all = reg
        .list_assets(&AssetQuery {
            include_archived: true,
            limit: 1000,
            ..AssetQuery::default()
        })
        .unwrap();
    let categories: std::collections::BTreeSet<_> =
        all.rows.iter().map(|a| a.category.as_str()).collect();
    assert!(categories.len() >= 8, "mixed categories: {categories:?}");
    assert!(all.rows.iter().any(
        |a| a.rack_unit.is_some() && a.location.as_deref().is_some_and(|l| l.contains("Rack"))
    ));
    assert!(all
        .rows
        .iter()
        .any(|a| a.status == AssetStatus::InRepair || a.status == AssetStatus::Spare));

    let mut ends = Vec::new();
    for a in &all.rows {
        for c in reg.list_coverage(a.id).unwrap() {
            ends.push(NaiveDate::parse_from_str(&c.end_date, "%Y-%m-%d").unwrap());
        }
    }
    let t = today();
    assert!(ends.iter().any(|d| *d < t), "some coverage expired");
    assert!(
        ends.iter().any(|d| *d >= t && (*d - t).num_days() <= 30),
        "some ends within 30 days"
    );
    assert!(
        ends.iter()
            .any(|d| (*d - t).num_days() > 30 && (*d - t).num_days() <= 90),
        "some end within 90 days"
    );

    let first = &all.rows[0];
    let work = reg.list_work(first.id, 100).unwrap();
    assert!(work.len() >= 5);
    assert!(
        work.windows(2)
            .all(|w| w[0].performed_on >= w[1].performed_on),
        "newest first"
    );
    let history = reg.asset_history(first.id, 100).unwrap();
    let logged = history
        .iter()
        .filter(|h| h.entity == EntityKind::WorkLog)
        .count();
    assert_eq!(
        logged,
        work.len(),
        "every work-log entry is in the asset's history"
    );
    let hits = reg
        .list_assets(&AssetQuery {
            search: first.serial.clone(),
            ..AssetQuery::default()
        })
        .unwrap();
    assert!(
        hits.rows.iter().any(|a| a.id == first.id),
        "the FTS index was filled"
    );
}

#[test]
fn the_same_seed_gives_the_same_register() {
    let tags = |seed| {
        let mut reg = Register::open_in_memory().unwrap();
        demo::generate(&mut reg, 30, seed, today()).unwrap();
        let page = reg
            .list_assets(&AssetQuery {
                include_archived: true,
                limit: 100,
                ..AssetQuery::default()
            })
            .unwrap();
        page.rows
            .into_iter()
            .map(|a| (a.tag, a.serial, a.purchase_date))
            .collect::<Vec<_>>()
    };
    assert_eq!(tags(1), tags(1));
    assert_ne!(tags(1), tags(2));
}

#[test]
fn the_sample_register_is_never_written_over_real_assets() {
    let (_dir, mut reg) = crate::common::temp_register();
    reg.create_asset(&crate::common::asset("REAL-1", "A real server"))
        .unwrap();
    let e = demo::generate(&mut reg, 10, 42, today()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(e.to_string().contains("already holds 1 asset"), "{e}");
    assert_eq!(reg.count_assets().unwrap(), 1);
}
