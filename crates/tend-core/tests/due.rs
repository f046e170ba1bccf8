//! The one due list: every kind, the states, urgency order, filters, expired
//! coverage staying listed until dealt with; effective coverage on a date;
//! what became due since the last look.

use crate::common::{asset, temp_register};
use crate::plans::{d, monthly};
use tend_core::*;

fn coverage(end: &str, notice: &str) -> CoverageInput {
    CoverageInput {
        kind: "support_contract".into(),
        provider: "Acme".into(),
        start_date: "2020-01-01".into(),
        end_date: end.into(),
        notice_days: notice.into(),
        ..CoverageInput::default()
    }
}

fn kinds(list: &DueList) -> Vec<(DueKind, DueState, String, String)> {
    list.items
        .iter()
        .map(|i| (i.kind, i.state, i.asset_tag.clone(), i.date.clone()))
        .collect()
}

#[test]
fn one_list_merges_every_kind_sorted_by_urgency() {
    let (_dir, mut reg) = temp_register();
    let today = d("2025-06-15");
    let srv = reg
        .create_asset(&AssetInput {
            end_of_life: "2025-07-01".into(),
            end_of_support: "2025-05-01".into(),
            location: "HQ › Room 1".into(),
            ..asset("SRV-1", "Server")
        })
        .unwrap();
    let sw = reg.create_asset(&asset("SW-1", "Switch")).unwrap();
    let fw = reg.create_asset(&asset("FW-1", "Firewall")).unwrap();
    reg.create_coverage(sw.id, &coverage("2025-06-10", ""))
        .unwrap();
    reg.create_coverage(fw.id, &coverage("2025-08-30", "60"))
        .unwrap();
    reg.create_plan(srv.id, &monthly("Firmware", "2025-06-01"), d("2025-05-20"))
        .unwrap();
    reg.create_plan(
        sw.id,
        &monthly("Config backup", "2025-06-15"),
        d("2025-05-20"),
    )
    .unwrap();
    reg.create_plan(
        fw.id,
        &monthly("Rules review", "2025-06-20"),
        d("2025-05-20"),
    )
    .unwrap();
    // Far away, outside lead time and horizon.
    reg.create_plan(fw.id, &monthly("Far", "2025-09-20"), d("2025-05-20"))
        .unwrap();

    let list = reg.due_list(&DueQuery::default(), today).unwrap();
    let want: Vec<(DueKind, DueState, String, String)> = [
        (
            DueKind::Maintenance,
            DueState::Overdue,
            "SRV-1",
            "2025-06-01",
        ),
        (DueKind::Maintenance, DueState::Due, "SW-1", "2025-06-15"),
        (
            DueKind::CoverageEnd,
            DueState::Expired,
            "SW-1",
            "2025-06-10",
        ),
        (
            DueKind::EndOfSupport,
            DueState::Expired,
            "SRV-1",
            "2025-05-01",
        ),
        (
            DueKind::Maintenance,
            DueState::Upcoming,
            "FW-1",
            "2025-06-20",
        ),
        (
            DueKind::EndOfLife,
            DueState::Upcoming,
            "SRV-1",
            "2025-07-01",
        ),
        // 2025-08-30 − 60 days of notice.
        (
            DueKind::RenewalNotice,
            DueState::Upcoming,
            "FW-1",
            "2025-07-01",
        ),
    ]
    .into_iter()
    .map(|(k, s, t, d)| (k, s, t.to_string(), d.to_string()))
    .collect();
    assert_eq!(kinds(&list), want);
    assert_eq!(list.items[6].days, 16);
    let srv_item = &list.items[0];
    assert_eq!(srv_item.location.as_deref(), Some("HQ › Room 1"));
    assert_eq!(srv_item.days, -14);
}

#[test]
fn expired_coverage_stays_until_covered_again_or_retired() {
    let (_dir, mut reg) = temp_register();
    let today = d("2025-06-15");
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    reg.create_coverage(a.id, &coverage("2021-01-31", ""))
        .unwrap();
    let only_coverage = DueQuery {
        kinds: vec![DueKind::CoverageEnd],
        ..DueQuery::default()
    };
    let list = reg.due_list(&only_coverage, today).unwrap();
    assert_eq!(list.items.len(), 1, "ended years ago, still listed");
    assert_eq!(list.items[0].state, DueState::Expired);

    reg.create_coverage(a.id, &coverage("2027-01-31", ""))
        .unwrap();
    assert!(reg
        .due_list(&only_coverage, today)
        .unwrap()
        .items
        .is_empty());

    let b = reg.create_asset(&asset("SRV-2", "Server")).unwrap();
    reg.create_coverage(b.id, &coverage("2022-01-31", ""))
        .unwrap();
    assert_eq!(reg.due_list(&only_coverage, today).unwrap().items.len(), 1);
    let mut input = reg.asset_input(&b);
    input.status = "retired".into();
    reg.update_asset(b.id, &input).unwrap();
    assert!(reg
        .due_list(&only_coverage, today)
        .unwrap()
        .items
        .is_empty());
}

#[test]
fn filters_narrow_the_list() {
    let (_dir, mut reg) = temp_register();
    let today = d("2025-06-15");
    let a = reg
        .create_asset(&AssetInput {
            category: "UPS".into(),
            location: "HQ › Basement".into(),
            assigned_to: "Facilities".into(),
            ..asset("UPS-1", "UPS")
        })
        .unwrap();
    let b = reg
        .create_asset(&AssetInput {
            location: "Plant › Hall".into(),
            ..asset("SRV-1", "Server")
        })
        .unwrap();
    let pa = reg
        .create_plan(
            a.id,
            &PlanInput {
                assignee: "Facilities".into(),
                ..monthly("Battery", "2025-06-10")
            },
            d("2025-06-01"),
        )
        .unwrap();
    reg.create_plan(b.id, &monthly("Firmware", "2025-06-12"), d("2025-06-01"))
        .unwrap();
    let ups = reg
        .list_lookups(LookupKind::Category)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "UPS")
        .unwrap();
    let hq = reg
        .list_locations()
        .unwrap()
        .into_iter()
        .find(|l| l.path == "HQ")
        .unwrap();
    let queries = [
        DueQuery {
            category_id: Some(ups.id),
            ..DueQuery::default()
        },
        DueQuery {
            location_id: Some(hq.id),
            ..DueQuery::default()
        },
        DueQuery {
            assignee: Some("facilities".into()),
            ..DueQuery::default()
        },
    ];
    for q in queries {
        let list = reg.due_list(&q, today).unwrap();
        let plans: Vec<_> = list.items.iter().map(|i| i.plan_id).collect();
        assert_eq!(plans, vec![Some(pa.id)], "{q:?}");
    }
    let all = reg.due_list(&DueQuery::default(), today).unwrap();
    assert_eq!(all.items.len(), 2);
    let limited = reg
        .due_list(
            &DueQuery {
                limit: Some(1),
                ..DueQuery::default()
            },
            today,
        )
        .unwrap();
    assert!(limited.truncated);
    assert_eq!(limited.items, all.items[..1]);

    let err = reg
        .due_list(
            &DueQuery {
                assignee: Some("Nobody".into()),
                ..DueQuery::default()
            },
            today,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("assignee"));
    let err = reg
        .due_list(
            &DueQuery {
                category_id: Some(9999),
                ..DueQuery::default()
            },
            today,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("category_id"));
}

#[test]
fn horizon_and_lead_time_decide_what_is_upcoming() {
    let (_dir, mut reg) = temp_register();
    let today = d("2025-06-15");
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(
            a.id,
            &PlanInput {
                lead_days: "40".into(),
                ..monthly("Long lead", "2025-07-20")
            },
            d("2025-06-01"),
        )
        .unwrap();
    let short = DueQuery {
        horizon_days: 7,
        ..DueQuery::default()
    };
    let items = reg.due_list(&short, today).unwrap().items;
    assert_eq!(items.len(), 1, "within its 40-day lead time");
    assert_eq!(items[0].plan_id, Some(p.id));
    let mut input = monthly("Long lead", "2025-07-20");
    input.lead_days = "3".into();
    reg.update_plan(p.id, &input, today).unwrap();
    assert!(reg.due_list(&short, today).unwrap().items.is_empty());
    let long = DueQuery {
        horizon_days: 60,
        ..DueQuery::default()
    };
    assert_eq!(reg.due_list(&long, today).unwrap().items.len(), 1);
}

#[test]
fn effective_coverage_is_the_longest_running_active_one() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let warranty = reg
        .create_coverage(
            a.id,
            &CoverageInput {
                start_date: "2023-01-01".into(),
                end_date: "2025-12-31".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let contract = reg
        .create_coverage(
            a.id,
            &CoverageInput {
                start_date: "2025-01-01".into(),
                ..coverage("2026-06-30", "30")
            },
        )
        .unwrap();
    let on = reg.coverage_on(a.id, d("2025-06-01")).unwrap();
    assert_eq!(on.coverage.as_ref().map(|c| c.id), Some(contract.id));
    assert_eq!(on.days_left, Some(394));
    let early = reg.coverage_on(a.id, d("2023-06-01")).unwrap();
    assert_eq!(early.coverage.map(|c| c.id), Some(warranty.id));
    let after = reg.coverage_on(a.id, d("2026-07-01")).unwrap();
    assert!(!after.covered());
    assert_eq!(after.days_left, None);
}

#[test]
fn what_became_due_since_the_last_look_is_reported_once() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    reg.create_plan(a.id, &monthly("Firmware", "2025-06-10"), d("2025-06-01"))
        .unwrap();
    let first = reg.due_since_last_look(d("2025-06-05")).unwrap();
    assert_eq!(first.since, None);
    assert!(first.newly.is_empty(), "upcoming is not yet due");
    let later = reg.due_since_last_look(d("2025-06-12")).unwrap();
    assert_eq!(later.since.as_deref(), Some("2025-06-05"));
    assert_eq!(later.counts.overdue, 1);
    assert_eq!(later.newly[0].date, "2025-06-10");
    let again = reg.due_since_last_look(d("2025-06-13")).unwrap();
    assert!(again.newly.is_empty(), "already reported");
    assert_eq!(
        reg.get_setting(tend_core::register::LAST_DUE_LOOK_SETTING)
            .unwrap()
            .as_deref(),
        Some("2025-06-13")
    );
}

#[test]
fn a_page_of_the_list_still_counts_the_whole_list() {
    let (_dir, mut reg) = temp_register();
    let today = d("2025-06-15");
    for n in 0..6 {
        let a = reg
            .create_asset(&AssetInput {
                end_of_life: "2025-01-01".into(),
                ..asset(&format!("A-{n}"), "Kit")
            })
            .unwrap();
        reg.create_plan(a.id, &monthly("Check", "2025-06-01"), d("2025-05-20"))
            .unwrap();
    }
    let whole = reg.due_list(&DueQuery::default(), today).unwrap();
    assert_eq!(whole.items.len(), 12);
    assert!(!whole.truncated);
    assert_eq!(
        (whole.counts.overdue, whole.counts.expired),
        (6, 6),
        "{:?}",
        whole.counts
    );
    let page = reg
        .due_list(
            &DueQuery {
                limit: Some(4),
                ..DueQuery::default()
            },
            today,
        )
        .unwrap();
    assert_eq!(page.items.len(), 4);
    assert!(page.truncated);
    assert_eq!(page.counts, whole.counts);
    let mut kept = LiveDueList::new();
    assert_eq!(
        kept.list(
            &reg,
            &DueQuery {
                limit: Some(4),
                ..DueQuery::default()
            },
            today
        )
        .unwrap(),
        page
    );
}
