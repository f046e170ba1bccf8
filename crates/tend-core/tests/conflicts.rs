//! Two people at one register (two `Register`s on one file, as two desks or
//! the app and the CLI): a save made on a form opened before someone else's
//! change is refused and says who changed what; the same maintenance
//! completed twice is recorded once.

use crate::common::{asset, temp_register};
use crate::plans::{d, monthly};
use tend_core::*;

/// A second desk on the same register, acting as `who`.
fn desk(reg: &Register, who: &str) -> Register {
    let mut other = reg.open_again().unwrap();
    other.set_author(who).unwrap();
    other
}

fn conflict(e: Error) -> (String, String) {
    match e {
        Error::Conflict { field, message } => (field, message),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn a_form_opened_before_someone_elses_save_is_refused_and_names_who_changed_what() {
    let (_dir, mut mine) = temp_register();
    mine.set_author("ben").unwrap();
    let a = mine.create_asset(&asset("SRV-1", "File server")).unwrap();
    let mut form = mine.asset_input(&a); // the form opens
    assert_eq!(form.expected_updated_at, a.updated_at);

    let mut anna = desk(&mine, "anna");
    let theirs = AssetInput {
        location: "HQ › Room 2".into(),
        status: "in_repair".into(),
        ..anna.asset_input(&a)
    };
    anna.update_asset(a.id, &theirs).unwrap();

    form.notes = "checked the fans".into();
    let (field, message) = conflict(mine.update_asset(a.id, &form).unwrap_err());
    assert_eq!(field, "expected_updated_at");
    assert!(
        message.starts_with("asset SRV-1 was changed since it was read: anna changed "),
        "{message}"
    );
    assert!(
        message.contains("location") && message.contains("status"),
        "{message}"
    );
    assert!(message.contains(" UTC"), "{message}");
    let now = mine.get_asset(a.id).unwrap();
    assert_eq!(
        now.location.as_deref(),
        Some("HQ › Room 2"),
        "their change stands"
    );
    assert_eq!(now.notes, None, "nothing of mine was written");

    // Keeping mine: the form takes the new version and saves over theirs.
    form.expected_updated_at = now.updated_at.clone();
    let saved = mine.update_asset(a.id, &form).unwrap();
    assert_eq!(saved.notes.as_deref(), Some("checked the fans"));

    // Without an expected version (an old caller), the last save wins.
    let blind = AssetInput {
        expected_updated_at: String::new(),
        name: "Renamed".into(),
        ..anna.asset_input(&a)
    };
    anna.update_asset(a.id, &blind).unwrap();
}

#[test]
fn coverage_and_plans_edited_from_two_desks_keep_both_peoples_work() {
    let (_dir, mut mine) = temp_register();
    let a = mine.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let cov = mine
        .create_coverage(
            a.id,
            &CoverageInput {
                kind: "manufacturer_warranty".into(),
                end_date: "2027-05-31".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let plan = mine
        .create_plan(
            a.id,
            &monthly("Battery test", "2026-01-15"),
            d("2026-01-01"),
        )
        .unwrap();

    let mut anna = desk(&mine, "anna");
    let cov_form = CoverageInput {
        kind: "manufacturer_warranty".into(),
        end_date: "2027-05-31".into(),
        provider: "APC".into(),
        expected_updated_at: cov.updated_at.clone(),
        ..CoverageInput::default()
    };
    anna.update_coverage(
        cov.id,
        &CoverageInput {
            reference: "RMA-77".into(),
            ..cov_form.clone()
        },
    )
    .unwrap();
    let (field, message) = conflict(mine.update_coverage(cov.id, &cov_form).unwrap_err());
    assert_eq!(field, "expected_updated_at");
    assert!(
        message.contains("anna changed provider and reference"),
        "{message}"
    );
    assert_eq!(
        mine.list_coverage(a.id).unwrap()[0].reference.as_deref(),
        Some("RMA-77")
    );

    // A plan's form opened before a completion on another desk.
    let plan_form = PlanInput {
        notes: "bring a spare".into(),
        expected_updated_at: plan.updated_at.clone(),
        ..monthly("Battery test", "2026-01-15")
    };
    anna.complete_plan(plan.id, &CompletionInput::default(), d("2026-01-16"))
        .unwrap();
    let (field, message) = conflict(
        mine.update_plan(plan.id, &plan_form, d("2026-01-16"))
            .unwrap_err(),
    );
    assert_eq!(field, "expected_updated_at");
    assert!(
        message.starts_with("plan \"Battery test\" was changed"),
        "{message}"
    );
    assert!(message.contains("anna"), "{message}");
}

#[test]
fn the_same_maintenance_completed_from_two_desks_is_recorded_once() {
    let (_dir, mut mine) = temp_register();
    mine.set_author("ben").unwrap();
    let a = mine.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let plan = mine
        .create_plan(
            a.id,
            &monthly("Battery test", "2026-01-15"),
            d("2026-01-01"),
        )
        .unwrap();
    let seen = plan.next_due.clone().unwrap(); // both due lists show 2026-01-15
    let done = CompletionInput {
        occurrence: seen.clone(),
        ..CompletionInput::default()
    };
    let mut anna = desk(&mine, "anna");
    anna.complete_plan(plan.id, &done, d("2026-01-16")).unwrap();

    let (field, message) = conflict(
        mine.complete_plan(plan.id, &done, d("2026-01-16"))
            .unwrap_err(),
    );
    assert_eq!(field, "occurrence");
    assert!(
        message.contains("due 2026-01-15 was already completed on 2026-01-16 by anna"),
        "{message}"
    );
    assert!(
        message.contains("next occurrence is due 2026-02-15"),
        "{message}"
    );
    let work = mine.list_work(a.id, 10).unwrap();
    assert_eq!(work.len(), 1, "recorded once: {work:?}");
    assert_eq!(
        mine.get_plan(plan.id).unwrap().next_due.as_deref(),
        Some("2026-02-15"),
        "the plan advanced once"
    );

    // A snoozed occurrence: the due list shows the snooze date.
    let p = mine
        .snooze_plan(plan.id, "2026-02-20", d("2026-02-10"), "")
        .unwrap();
    let shown = p.snoozed_until.clone().unwrap();
    let done = CompletionInput {
        occurrence: shown,
        ..CompletionInput::default()
    };
    mine.complete_plan(plan.id, &done, d("2026-02-20")).unwrap();
    let (_, message) = conflict(
        anna.complete_plan(plan.id, &done, d("2026-02-20"))
            .unwrap_err(),
    );
    assert!(
        message.contains("already completed on 2026-02-20 by ben"),
        "{message}"
    );
    assert_eq!(mine.list_work(a.id, 10).unwrap().len(), 2);
}

#[test]
fn two_desks_skipping_or_snoozing_the_same_occurrence_never_move_two() {
    let (_dir, mut mine) = temp_register();
    mine.set_author("ben").unwrap();
    let a = mine.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let plan = mine
        .create_plan(
            a.id,
            &monthly("Battery test", "2026-01-15"),
            d("2026-01-01"),
        )
        .unwrap();
    let mut anna = desk(&mine, "anna");
    mine.skip_plan(plan.id, "site closed", "2026-01-15")
        .unwrap();

    let (field, message) = conflict(
        anna.skip_plan(plan.id, "no access", "2026-01-15")
            .unwrap_err(),
    );
    assert_eq!(field, "occurrence");
    assert!(
        message.contains("due 2026-01-15 was already skipped by ben"),
        "{message}"
    );
    let (_, message) = conflict(
        anna.snooze_plan(plan.id, "2026-02-20", d("2026-01-16"), "2026-01-15")
            .unwrap_err(),
    );
    assert!(message.contains("already skipped by ben"), "{message}");
    let now = mine.get_plan(plan.id).unwrap();
    assert_eq!(now.next_due.as_deref(), Some("2026-02-15"), "skipped once");
    assert_eq!(
        now.snoozed_until, None,
        "the next occurrence was not snoozed in its place"
    );
}

#[test]
fn a_work_log_entry_edited_from_two_desks_keeps_the_first_save() {
    let (_dir, mut mine) = temp_register();
    let a = mine.create_asset(&asset("SRV-1", "File server")).unwrap();
    let logged = WorkLogInput {
        kind: "repair".into(),
        summary: "Replaced PSU".into(),
        performed_on: "2026-12-01".into(),
        ..WorkLogInput::default()
    };
    let entry = mine.create_work(a.id, &logged).unwrap();
    let form = WorkLogInput {
        expected_updated_at: entry.updated_at.clone(),
        ..logged
    };
    let mut anna = desk(&mine, "anna");
    anna.update_work(
        entry.id,
        &WorkLogInput {
            external_ref: "RMA-9".into(),
            ..form.clone()
        },
    )
    .unwrap();
    let (field, message) = conflict(
        mine.update_work(
            entry.id,
            &WorkLogInput {
                details: "PSU 2".into(),
                ..form
            },
        )
        .unwrap_err(),
    );
    assert_eq!(field, "expected_updated_at");
    assert!(
        message.starts_with("the work-log entry \"Replaced PSU\" was changed since it was read: anna changed external ref"),
        "{message}"
    );
    assert_eq!(
        mine.list_work(a.id, 5).unwrap()[0].external_ref.as_deref(),
        Some("RMA-9")
    );
}
