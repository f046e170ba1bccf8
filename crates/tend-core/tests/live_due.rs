//! The due list kept in memory answers exactly what the register answers,
//! after every kind of change — made through this register or by another
//! process on the same file — and catches up without reloading everything.

use crate::common::asset;
use crate::plans::d;
use chrono::{Duration, NaiveDate};
use tend_core::*;

fn today() -> NaiveDate {
    d("2025-06-15")
}

/// The queries compared after each change: every filter, kinds, pages and
/// horizons.
fn queries(reg: &Register) -> Vec<DueQuery> {
    let category = reg
        .list_lookups(LookupKind::Category)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Server")
        .unwrap()
        .id;
    let site = reg
        .list_locations()
        .unwrap()
        .into_iter()
        .find(|l| l.parent_id.is_none())
        .expect("a site")
        .id;
    let person = reg
        .list_lookups(LookupKind::Person)
        .unwrap()
        .into_iter()
        .next()
        .expect("a person")
        .name;
    vec![
        DueQuery::default(),
        DueQuery {
            horizon_days: 0,
            ..DueQuery::default()
        },
        DueQuery {
            horizon_days: 120,
            ..DueQuery::default()
        },
        DueQuery {
            limit: Some(25),
            ..DueQuery::default()
        },
        DueQuery {
            category_id: Some(category),
            ..DueQuery::default()
        },
        DueQuery {
            location_id: Some(site),
            ..DueQuery::default()
        },
        DueQuery {
            assignee: Some(person),
            ..DueQuery::default()
        },
        DueQuery {
            kinds: vec![DueKind::Maintenance, DueKind::RenewalNotice],
            ..DueQuery::default()
        },
        DueQuery {
            kinds: vec![DueKind::CoverageEnd],
            limit: Some(10),
            ..DueQuery::default()
        },
    ]
}

fn same(live: &mut LiveDueList, reg: &Register, day: NaiveDate, what: &str) {
    for q in queries(reg) {
        let want = reg.due_list(&q, day).unwrap();
        let got = live.list(reg, &q, day).unwrap();
        assert_eq!(got, want, "after {what}, query {q:?}");
    }
}

fn demo_register(dir: &tempfile::TempDir) -> Register {
    let mut reg = Register::open(&dir.path().join("tend.sqlite")).unwrap();
    demo::generate(&mut reg, 300, 11, today()).unwrap();
    reg
}

#[test]
fn every_change_is_seen_and_only_changed_assets_are_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = demo_register(&dir);
    let mut live = LiveDueList::new();
    same(&mut live, &reg, today(), "opening");
    assert!(!reg
        .due_list(&DueQuery::default(), today())
        .unwrap()
        .items
        .is_empty());
    let loads = live.full_loads();

    let plan = reg
        .due_list(
            &DueQuery {
                kinds: vec![DueKind::Maintenance],
                ..DueQuery::default()
            },
            today(),
        )
        .unwrap()
        .items[0]
        .plan_id
        .unwrap();
    reg.complete_plan(
        plan,
        &CompletionInput {
            completed_on: "2025-06-14".into(),
            ..CompletionInput::default()
        },
        today(),
    )
    .unwrap();
    same(&mut live, &reg, today(), "completing a plan");
    reg.undo_plan(plan).unwrap();
    same(&mut live, &reg, today(), "undoing it");
    reg.skip_plan(plan, "not needed", "").unwrap();
    same(&mut live, &reg, today(), "skipping");
    let next_due = d(reg.get_plan(plan).unwrap().next_due.as_deref().unwrap());
    let until = (next_due + Duration::days(5)).to_string();
    reg.snooze_plan(plan, &until, today(), "").unwrap();
    same(&mut live, &reg, today(), "snoozing");
    reg.pause_plan(plan).unwrap();
    same(&mut live, &reg, today(), "pausing");
    reg.resume_plan(plan).unwrap();
    same(&mut live, &reg, today(), "resuming");

    let created = reg
        .create_asset(&AssetInput {
            end_of_life: "2025-06-20".into(),
            end_of_support: "2025-01-01".into(),
            location: "Depot › Shelf".into(),
            assigned_to: "Night shift".into(),
            ..asset("NEW-1", "New router")
        })
        .unwrap();
    same(&mut live, &reg, today(), "creating an asset");
    let cover = reg
        .create_coverage(
            created.id,
            &CoverageInput {
                kind: "support_contract".into(),
                provider: "Acme".into(),
                end_date: "2025-07-10".into(),
                notice_days: "30".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    same(&mut live, &reg, today(), "adding coverage");
    reg.delete_coverage(cover.id).unwrap();
    same(&mut live, &reg, today(), "deleting coverage");

    let moved = reg.get_asset(created.id).unwrap();
    let mut input = reg.asset_input(&moved);
    input.tag = "aa-first".into();
    input.status = "retired".into();
    let saved = reg.update_asset(created.id, &input).unwrap();
    same(&mut live, &reg, today(), "renaming and retiring");
    input.expected_updated_at = saved.updated_at;
    input.status = "spare".into();
    reg.update_asset(created.id, &input).unwrap();
    same(&mut live, &reg, today(), "back in use");
    reg.archive_asset(created.id).unwrap();
    same(&mut live, &reg, today(), "archiving");
    reg.restore_asset(created.id).unwrap();
    same(&mut live, &reg, today(), "restoring");
    // The list holds an asset's text once for all its entries: a new name
    // or place shows on every one of them.
    let shown = reg.get_asset(created.id).unwrap();
    let mut input = reg.asset_input(&shown);
    input.name = "Core router".into();
    input.location = "Depot › Cage".into();
    reg.update_asset(created.id, &input).unwrap();
    same(&mut live, &reg, today(), "renaming in use and moving");
    assert_eq!(
        live.full_loads(),
        loads,
        "writes through the register are caught up asset by asset"
    );

    // Another process writes to the same file.
    let mut other = Register::open(&dir.path().join("tend.sqlite")).unwrap();
    other.delete_plan(plan).unwrap();
    same(&mut live, &reg, today(), "another process deleting a plan");
    assert_eq!(live.full_loads(), loads);

    // A new day is worked out afresh.
    let tomorrow = today() + Duration::days(1);
    same(&mut live, &reg, tomorrow, "a new day");
    assert!(live.full_loads() > loads);
}

#[test]
fn a_write_outside_the_api_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let reg = demo_register(&dir);
    let mut live = LiveDueList::new();
    same(&mut live, &reg, today(), "opening");
    // Straight SQL, as an older script might: triggers note the change, the
    // next read rebuilds the entries before answering.
    let raw = rusqlite::Connection::open(dir.path().join("tend.sqlite")).unwrap();
    raw.execute_batch(
        "UPDATE maintenance_plans SET next_due = '2025-06-01' WHERE id IN (SELECT id FROM maintenance_plans LIMIT 40);
         UPDATE assets SET status = 'lost' WHERE id IN (SELECT id FROM assets LIMIT 5);",
    )
    .unwrap();
    same(&mut live, &reg, today(), "raw SQL");
    let fresh = reg.due_list(&DueQuery::default(), today()).unwrap();
    assert!(fresh
        .items
        .iter()
        .any(|i| i.kind == DueKind::Maintenance && i.date == "2025-06-01"));
}
