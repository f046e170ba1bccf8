//! Home's figures and the list filters its links open (both stores): cover
//! judged by the end of the last cover, repairs per month and quarter in
//! each currency, maintenance overdue and due this week, assets by
//! category and status.

use crate::common::{temp_register, Place};
use chrono::NaiveDate;
use tend_core::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn add(reg: &mut Register, tag: &str, category: &str, status: &str) -> i64 {
    reg.create_asset(&AssetInput {
        tag: tag.into(),
        name: format!("{category} {tag}"),
        category: category.into(),
        status: status.into(),
        ..AssetInput::default()
    })
    .unwrap()
    .id
}

fn cover(reg: &mut Register, id: i64, ends: &str) {
    reg.create_coverage(
        id,
        &CoverageInput {
            end_date: ends.into(),
            ..CoverageInput::default()
        },
    )
    .unwrap();
}

fn work(reg: &mut Register, id: i64, kind: &str, on: &str, cost: &str, currency: &str, down: &str) {
    reg.create_work(
        id,
        &WorkLogInput {
            kind: kind.into(),
            performed_on: on.into(),
            summary: format!("{kind} on {on}"),
            cost: cost.into(),
            currency: currency.into(),
            downtime_minutes: down.into(),
            ..WorkLogInput::default()
        },
    )
    .unwrap();
}

fn plan(reg: &mut Register, id: i64, start: &str) {
    reg.create_plan(
        id,
        &PlanInput {
            title: format!("Check from {start}"),
            every: "1".into(),
            unit: "months".into(),
            anchoring: "fixed".into(),
            start_date: start.into(),
            ..PlanInput::default()
        },
        day(start),
    )
    .unwrap();
}

struct Estate {
    reg: Register,
    _dir: Place,
    srv1: i64,
    srv2: i64,
    sw1: i64,
    sw2: i64,
    pc1: i64,
}

/// Judged on 2026-05-15 (cover "ending" up to 2026-08-13).
fn estate() -> Estate {
    let (dir, mut reg) = temp_register();
    let srv1 = add(&mut reg, "SRV-1", "Server", "in service");
    let srv2 = add(&mut reg, "SRV-2", "Server", "in service");
    let sw1 = add(&mut reg, "SW-1", "Switch", "in repair");
    let sw2 = add(&mut reg, "SW-2", "Switch", "spare");
    let pc1 = add(&mut reg, "PC-1", "PC", "retired");
    let pc2 = add(&mut reg, "PC-2", "PC", "in service");
    reg.archive_asset(pc2).unwrap();
    cover(&mut reg, srv1, "2025-01-01");
    cover(&mut reg, srv1, "2027-01-01");
    cover(&mut reg, srv2, "2026-06-30");
    cover(&mut reg, sw1, "2025-12-31");

    work(&mut reg, srv1, "repair", "2026-04-10", "100", "EUR", "30");
    work(&mut reg, srv2, "repair", "2026-02-01", "50", "EUR", "");
    work(&mut reg, sw1, "repair", "2026-03-05", "20", "USD", "60");
    work(&mut reg, sw1, "repair", "2025-06-01", "7", "EUR", "5");
    work(&mut reg, sw1, "repair", "2025-05-31", "1000", "EUR", "500");
    work(&mut reg, srv2, "inspection", "2026-05-01", "999", "EUR", "");
    work(&mut reg, srv2, "repair", "2026-05-20", "999", "EUR", "");

    plan(&mut reg, sw2, "2026-04-01");
    plan(&mut reg, srv1, "2026-05-20");
    plan(&mut reg, srv2, "2026-06-30");
    Estate {
        reg,
        _dir: dir,
        srv1,
        srv2,
        sw1,
        sw2,
        pc1,
    }
}

fn overview_on(reg: &Register, today: &str) -> Overview {
    let today = day(today);
    let due = reg
        .due_list(
            &DueQuery {
                horizon_days: 7,
                kinds: vec![DueKind::Maintenance],
                ..DueQuery::default()
            },
            today,
        )
        .unwrap();
    reg.overview(today, &due).unwrap()
}

fn eur(minor: i64) -> Money {
    Money {
        minor,
        currency: "EUR".into(),
    }
}

#[test]
fn home_counts_cover_repairs_maintenance_and_categories_on_the_day() {
    let e = estate();
    let o = overview_on(&e.reg, "2026-05-15");
    assert_eq!(o.today, "2026-05-15");
    assert_eq!(o.in_service, 2, "the archived PC is not counted");
    assert_eq!(
        (o.cover.covered, o.cover.ending, o.cover.ended, o.cover.none),
        (1, 1, 1, 1),
        "the retired PC is not active"
    );
    assert_eq!(o.cover.ending_days, 90);
    assert_eq!(o.maintenance_overdue, 1);
    assert_eq!(o.maintenance_due_this_week, 1);

    assert_eq!(
        (o.this_quarter.from.as_str(), o.this_quarter.to.as_str()),
        ("2026-04-01", "2026-05-15")
    );
    assert_eq!(
        o.this_quarter.repairs, 1,
        "the inspection and the repair after today are not"
    );
    assert_eq!(o.this_quarter.cost, vec![eur(10_000)]);
    assert_eq!(o.this_quarter.downtime_minutes, 30);
    assert_eq!(
        (o.last_quarter.from.as_str(), o.last_quarter.to.as_str()),
        ("2026-01-01", "2026-03-31")
    );
    assert_eq!(o.last_quarter.repairs, 2);
    assert_eq!(
        o.last_quarter.cost,
        vec![
            eur(5_000),
            Money {
                minor: 2_000,
                currency: "USD".into()
            }
        ]
    );
    assert_eq!(o.last_quarter.downtime_minutes, 60);

    assert_eq!(o.months.len(), 12);
    assert_eq!(o.months[0].from, "2025-06-01");
    assert_eq!(o.months[0].to, "2025-06-30");
    assert_eq!(
        o.months[0].repairs, 1,
        "May 2025 is outside the twelve months"
    );
    assert_eq!(o.months[0].cost, vec![eur(700)]);
    assert_eq!(o.months[11].from, "2026-05-01");
    assert_eq!(o.months[11].to, "2026-05-15");
    assert_eq!(o.months[11].repairs, 0);
    assert_eq!(o.months[10].repairs, 1);
    let total: u64 = o.months.iter().map(|m| m.repairs).sum();
    assert_eq!(total, 4);

    let chart: Vec<(String, AssetStatus, u64)> = o
        .by_category
        .iter()
        .map(|c| (c.category.clone(), c.status, c.count))
        .collect();
    assert_eq!(
        chart,
        vec![
            ("PC".into(), AssetStatus::Retired, 1),
            ("Server".into(), AssetStatus::InService, 2),
            ("Switch".into(), AssetStatus::InRepair, 1),
            ("Switch".into(), AssetStatus::Spare, 1),
        ]
    );
    let latest: Vec<&str> = o
        .latest_work
        .iter()
        .map(|w| w.performed_on.as_str())
        .collect();
    assert_eq!(latest[0], "2026-05-20");
    assert_eq!(latest.len(), 7);
}

#[test]
fn completing_the_overdue_maintenance_changes_the_figures() {
    let mut e = estate();
    let before = overview_on(&e.reg, "2026-05-15");
    let plan = e.reg.list_plans(e.sw2).unwrap().remove(0);
    e.reg
        .complete_plan(
            plan.id,
            &CompletionInput {
                completed_on: "2026-05-15".into(),
                ..CompletionInput::default()
            },
            day("2026-05-15"),
        )
        .unwrap();
    let after = overview_on(&e.reg, "2026-05-15");
    assert_eq!(before.maintenance_overdue, 1);
    assert_eq!(after.maintenance_overdue, 0);
}

fn listed(reg: &Register, q: AssetQuery) -> Vec<i64> {
    let mut ids: Vec<i64> = reg
        .list_assets(&q)
        .unwrap()
        .rows
        .iter()
        .map(|a| a.id)
        .collect();
    ids.sort();
    ids
}

fn cover_query(state: CoverState, within_days: u32) -> AssetQuery {
    AssetQuery {
        cover: Some(CoverFilter {
            state,
            within_days,
            on: Some("2026-05-15".into()),
        }),
        ..AssetQuery::default()
    }
}

#[test]
fn cover_ending_is_judged_by_the_last_cover_with_both_ends_of_the_window() {
    let (_dir, mut reg) = temp_register();
    // Judged on 2026-05-15, within 30 days: 2026-05-15 to 2026-06-14.
    let on_the_day = add(&mut reg, "A-1", "Server", "in service");
    cover(&mut reg, on_the_day, "2026-05-15");
    let last_day = add(&mut reg, "A-2", "Server", "in service");
    cover(&mut reg, last_day, "2024-01-01");
    cover(&mut reg, last_day, "2026-06-14");
    let renewed = add(&mut reg, "A-3", "Server", "in service");
    cover(&mut reg, renewed, "2026-06-01");
    cover(&mut reg, renewed, "2026-06-15");
    let renewed_long = add(&mut reg, "A-4", "Server", "in service");
    cover(&mut reg, renewed_long, "2026-05-20");
    cover(&mut reg, renewed_long, "2029-01-01");
    let ended_yesterday = add(&mut reg, "A-5", "Server", "in service");
    cover(&mut reg, ended_yesterday, "2026-05-14");
    let twice_inside = add(&mut reg, "A-6", "Server", "in service");
    cover(&mut reg, twice_inside, "2026-05-20");
    cover(&mut reg, twice_inside, "2026-06-10");
    add(&mut reg, "A-7", "Server", "in service");

    assert_eq!(
        listed(&reg, cover_query(CoverState::Ending, 30)),
        vec![on_the_day, last_day, twice_inside]
    );
    assert_eq!(
        listed(&reg, cover_query(CoverState::InCover, 0)),
        vec![on_the_day, last_day, renewed, renewed_long, twice_inside]
    );
    assert_eq!(
        listed(&reg, cover_query(CoverState::Ended, 0)),
        vec![ended_yesterday]
    );
    // The kept order (the desktop's) filters the same way (a sort by a
    // lookup's name reads its ids at once).
    let mut kept = KeptOrder::new();
    let page = kept
        .page(
            &reg,
            &AssetQuery {
                limit: 50,
                sort: AssetSortColumn::Category,
                ..cover_query(CoverState::Ending, 30)
            },
        )
        .unwrap();
    let mut ids: Vec<i64> = page.rows.iter().map(|a| a.id).collect();
    ids.sort();
    assert_eq!(ids, vec![on_the_day, last_day, twice_inside]);
}

#[test]
fn the_register_filters_by_cover_repairs_and_assignee() {
    let mut e = estate();
    let reg = &e.reg;
    assert_eq!(
        listed(reg, cover_query(CoverState::InCover, 0)),
        vec![e.srv1, e.srv2]
    );
    assert_eq!(
        listed(reg, cover_query(CoverState::Ending, 90)),
        vec![e.srv2]
    );
    assert_eq!(
        listed(reg, cover_query(CoverState::Ending, 30)),
        Vec::<i64>::new()
    );
    assert_eq!(listed(reg, cover_query(CoverState::Ended, 0)), vec![e.sw1]);
    assert_eq!(
        listed(reg, cover_query(CoverState::None, 0)),
        vec![e.sw2, e.pc1]
    );
    let page = reg.list_assets(&cover_query(CoverState::None, 0)).unwrap();
    assert_eq!(page.total, 2, "the count follows the filter");

    let repaired = AssetQuery {
        repaired: Some(Period {
            from: "2026-02-01".into(),
            to: "2026-03-31".into(),
        }),
        ..AssetQuery::default()
    };
    assert_eq!(listed(reg, repaired), vec![e.srv2, e.sw1]);

    let mut input = e.reg.asset_input(&e.reg.get_asset(e.sw2).unwrap());
    input.assigned_to = "Anna".into();
    e.reg.update_asset(e.sw2, &input).unwrap();
    let anna = e
        .reg
        .list_lookups(LookupKind::Person)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Anna")
        .unwrap();
    let assigned = AssetQuery {
        assigned_to_id: Some(anna.id),
        ..AssetQuery::default()
    };
    assert_eq!(listed(&e.reg, assigned), vec![e.sw2]);
}

#[test]
fn a_selection_lists_exports_only_its_assets() {
    let e = estate();
    let q = AssetQuery {
        ids: vec![e.sw1, e.srv1],
        ..AssetQuery::default()
    };
    assert_eq!(listed(&e.reg, q.clone()), vec![e.srv1, e.sw1]);
    let mut out = Vec::new();
    let rows = e
        .reg
        .export_csv(
            tend_core::csv::ExportKind::Assets,
            &tend_core::csv::ExportOptions {
                bom: false,
                query: q,
            },
            &mut out,
        )
        .unwrap();
    assert_eq!(rows, 2);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("SRV-1") && text.contains("SW-1") && !text.contains("SRV-2"));
    let too_many = AssetQuery {
        ids: (1..=10_001).collect(),
        ..AssetQuery::default()
    };
    assert_eq!(
        e.reg.list_assets(&too_many).unwrap_err().field(),
        Some("ids")
    );
}

#[test]
fn cover_is_judged_on_the_day_the_front_door_gave() {
    let mut e = estate();
    let mut q = cover_query(CoverState::Ending, 90);
    q.cover.as_mut().unwrap().on = None;
    e.reg.set_today(day("2026-05-15"));
    assert_eq!(listed(&e.reg, q.clone()), vec![e.srv2]);
    e.reg.set_today(day("2027-01-01"));
    assert_eq!(
        listed(&e.reg, q),
        vec![e.srv1],
        "a later day, another answer"
    );
}

#[test]
fn a_filter_that_cannot_be_judged_is_refused_naming_its_field() {
    let e = estate();
    let mut q = cover_query(CoverState::InCover, 0);
    q.cover.as_mut().unwrap().on = None;
    let err = e.reg.list_assets(&q).unwrap_err();
    assert_eq!(err.field(), Some("cover.on"), "no day given, none set");
    let mut q = cover_query(CoverState::Ending, 99_999);
    let err = e.reg.list_assets(&q).unwrap_err();
    assert_eq!(err.field(), Some("cover.within_days"));
    q = AssetQuery {
        repaired: Some(Period {
            from: "2026-03-01".into(),
            to: "2026-02-01".into(),
        }),
        ..AssetQuery::default()
    };
    let err = e.reg.list_assets(&q).unwrap_err();
    assert_eq!(err.field(), Some("repaired.to"));
    let err = e
        .reg
        .list_assets(&AssetQuery {
            assigned_to_id: Some(9_999),
            ..AssetQuery::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("assigned_to_id"));
}
