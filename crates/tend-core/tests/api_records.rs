//! Coverage, work log, history and lookups through the API.

use crate::common::{asset, temp_register};
use tend_core::*;

#[test]
fn coverage_create_update_delete_are_listed_and_recorded_in_history() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let mut input = CoverageInput {
        kind: "support contract".into(),
        provider: "Dell".into(),
        start_date: "2024-01-01".into(),
        end_date: "2026-12-31".into(),
        cost: "1200".into(),
        notice_days: "90".into(),
        ..CoverageInput::default()
    };
    let c = reg.create_coverage(a.id, &input).unwrap();
    assert_eq!(c.kind, CoverageKind::SupportContract);
    assert_eq!(
        c.cost,
        Some(Money {
            minor: 120_000,
            currency: "EUR".into()
        })
    );
    input.end_date = "2027-12-31".into();
    let updated = reg.update_coverage(c.id, &input).unwrap();
    assert_eq!(updated.end_date, "2027-12-31");
    assert_eq!(reg.list_coverage(a.id).unwrap(), vec![updated]);
    reg.delete_coverage(c.id).unwrap();
    assert!(reg.list_coverage(a.id).unwrap().is_empty());
    assert_eq!(
        reg.delete_coverage(c.id).unwrap_err().code(),
        ErrorCode::NotFound
    );

    let history = reg.asset_history(a.id, 50).unwrap();
    let coverage: Vec<_> = history
        .iter()
        .filter(|h| h.entity == EntityKind::Coverage)
        .collect();
    assert_eq!(coverage.len(), 3);
    assert_eq!(coverage[0].action, ChangeAction::Deleted, "newest first");
    assert_eq!(coverage[1].field.as_deref(), Some("end_date"));
    assert_eq!(coverage[1].old_value.as_deref(), Some("2026-12-31"));
    assert_eq!(coverage[1].new_value.as_deref(), Some("2027-12-31"));
    assert_eq!(coverage[2].action, ChangeAction::Created);
    assert!(history.windows(2).all(|w| w[0].id > w[1].id));
}

#[test]
fn work_log_entries_are_listed_newest_first_and_appear_in_the_asset_history() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let warranty = reg
        .create_coverage(
            a.id,
            &CoverageInput {
                end_date: "2030-01-01".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let first = reg
        .create_work(
            a.id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: "2025-01-10".into(),
                performed_by: "Anna".into(),
                summary: "Replaced PSU".into(),
                outcome: "replaced".into(),
                cost: "0".into(),
                downtime_minutes: "45".into(),
                covered_by_warranty: true,
                coverage_id: Some(warranty.id),
                external_ref: "RMA-1".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    assert_eq!(first.asset_tag, "SRV-1");
    assert_eq!(first.outcome, Some(Outcome::Replaced));
    assert_eq!(first.performed_by.as_deref(), Some("Anna"));
    let second = reg
        .create_work(
            a.id,
            &WorkLogInput {
                kind: "inspection".into(),
                performed_on: "2025-03-01".into(),
                summary: "Checked fans".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    let listed: Vec<_> = reg
        .list_work(a.id, 10)
        .unwrap()
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(listed, vec![second.id, first.id]);
    let latest = reg.asset_history(a.id, 1).unwrap();
    assert_eq!(latest[0].entity, EntityKind::WorkLog);
    assert_eq!(latest[0].summary, "Inspection: Checked fans");

    let mut change = WorkLogInput {
        kind: "repair".into(),
        performed_on: "2025-01-10".into(),
        summary: "Replaced PSU and fan".into(),
        ..WorkLogInput::default()
    };
    change.downtime_minutes = "60".into();
    let updated = reg.update_work(first.id, &change).unwrap();
    assert_eq!(updated.downtime_minutes, Some(60));
    reg.delete_work(second.id).unwrap();
    assert_eq!(reg.list_work(a.id, 10).unwrap().len(), 1);
    let history = reg.asset_history(a.id, 100).unwrap();
    assert!(history
        .iter()
        .any(|h| h.entity == EntityKind::WorkLog && h.field.as_deref() == Some("summary")));
    assert_eq!(history[0].action, ChangeAction::Deleted);

    let other = reg.create_asset(&asset("SRV-2", "Other")).unwrap();
    let err = reg
        .create_work(
            other.id,
            &WorkLogInput {
                summary: "x".into(),
                coverage_id: Some(warranty.id),
                ..WorkLogInput::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        err.field(),
        Some("coverage_id"),
        "coverage of another asset"
    );
}

#[test]
fn lookups_are_created_on_the_fly_and_matched_ignoring_case() {
    let (_dir, mut reg) = temp_register();
    let categories = reg.list_lookups(LookupKind::Category).unwrap();
    let names: Vec<_> = categories.iter().map(|c| c.name.as_str()).collect();
    for seeded in [
        "Server",
        "Switch",
        "Router",
        "Firewall",
        "Access point",
        "PC",
        "Laptop",
        "Printer",
        "UPS",
        "Storage",
        "Phone",
        "Other",
    ] {
        assert!(names.contains(&seeded), "{seeded}");
    }
    let dell = reg.ensure_lookup(LookupKind::Vendor, " Dell ").unwrap();
    assert_eq!(reg.ensure_lookup(LookupKind::Vendor, "DELL").unwrap(), dell);
    reg.ensure_lookup(LookupKind::Person, "Infra team").unwrap();
    assert_eq!(reg.list_lookups(LookupKind::Vendor).unwrap(), vec![dell]);
    assert_eq!(reg.list_lookups(LookupKind::Person).unwrap().len(), 1);
    assert_eq!(
        reg.ensure_lookup(LookupKind::Vendor, "  ")
            .unwrap_err()
            .field(),
        Some("name")
    );

    let rack = reg
        .ensure_location("HQ > Building A › Server room › Rack 3")
        .unwrap();
    assert_eq!(rack.kind, LocationKind::Rack);
    assert_eq!(rack.path, "HQ › Building A › Server room › Rack 3");
    // A "/" is part of a name (a panel, a hall), never a level.
    let panel = reg.ensure_location("DC1 › Panel 07/08").unwrap();
    assert_eq!(panel.path, "DC1 › Panel 07/08");
    assert_eq!(panel.kind, LocationKind::Building);
    let again = reg
        .ensure_location("hq › building a › server room › rack 3")
        .unwrap();
    assert_eq!(again.id, rack.id, "levels matched ignoring case");
    assert_eq!(reg.list_locations().unwrap().len(), 6);
    let err = reg.ensure_location("a › b › c › d › e").unwrap_err();
    assert_eq!(err.field(), Some("location"));
}

#[test]
fn a_repair_is_covered_by_default_by_the_coverage_in_force_on_its_date() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let old = reg
        .create_coverage(
            a.id,
            &CoverageInput {
                kind: "manufacturer warranty".into(),
                start_date: "2020-01-01".into(),
                end_date: "2022-12-31".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let on = |reg: &Register, date: &str| {
        reg.coverage_for_work(a.id, date)
            .unwrap()
            .coverage
            .map(|c| c.id)
    };
    assert_eq!(
        on(&reg, "2021-06-01"),
        Some(old.id),
        "in force on the work's date"
    );
    assert_eq!(on(&reg, "2024-06-01"), None, "ended before it");
    assert_eq!(on(&reg, ""), None, "no date: today, when it has ended");
    let e = reg.coverage_for_work(a.id, "01/06/2021").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation);
    assert!(e.to_string().starts_with("performed_on:"), "{e}");
}
