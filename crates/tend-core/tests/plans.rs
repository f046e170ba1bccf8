//! Maintenance plans through the API: create, complete, skip, snooze,
//! pause/resume, undo, missed periods, templates — and every bad input
//! refused with its field named and nothing written.

use crate::common::{asset, temp_register};
use chrono::NaiveDate;
use tend_core::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A monthly fixed plan input starting on `start`.
pub fn monthly(title: &str, start: &str) -> PlanInput {
    PlanInput {
        title: title.into(),
        every: "1".into(),
        unit: "months".into(),
        anchoring: "fixed".into(),
        start_date: start.into(),
        ..PlanInput::default()
    }
}

fn completion(on: &str) -> CompletionInput {
    CompletionInput {
        completed_on: on.into(),
        ..CompletionInput::default()
    }
}

fn plan_count(reg: &Register, asset_id: i64) -> usize {
    reg.list_plans(asset_id).unwrap().len()
}

#[test]
fn a_new_plan_is_due_on_its_start_and_is_recorded() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let input = PlanInput {
        checklist: vec!["Check battery".into(), "".into(), "Clean filter".into()],
        assignee: "Facilities".into(),
        ..monthly("Battery test", "2025-01-31")
    };
    let p = reg.create_plan(a.id, &input, d("2025-01-10")).unwrap();
    assert_eq!(p.next_due.as_deref(), Some("2025-01-31"));
    assert_eq!(p.checklist, vec!["Check battery", "Clean filter"]);
    assert_eq!(p.assignee.as_deref(), Some("Facilities"));
    assert_eq!(p.lead_days, 7);
    let history = reg.asset_history(a.id, 10).unwrap();
    assert!(history[0].summary.contains("Battery test"), "{history:?}");
    assert_eq!(history[0].entity, EntityKind::Plan);
}

#[test]
fn completing_writes_a_linked_entry_and_advances_on_the_grid() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    reg.create_coverage(
        a.id,
        &CoverageInput {
            start_date: "2024-01-01".into(),
            end_date: "2026-01-01".into(),
            ..CoverageInput::default()
        },
    )
    .unwrap();
    let input = PlanInput {
        checklist: vec!["Check battery".into(), "Clean filter".into()],
        ..monthly("Battery test", "2025-01-31")
    };
    let p = reg.create_plan(a.id, &input, d("2025-01-10")).unwrap();
    let done = reg
        .complete_plan(
            p.id,
            &CompletionInput {
                completed_on: "2025-02-03".into(),
                performed_by: "Ana".into(),
                notes: "All good".into(),
                cost: "12.50".into(),
                minutes_spent: "40".into(),
                checked: vec!["Check battery".into()],
                ..CompletionInput::default()
            },
            d("2025-02-05"),
        )
        .unwrap();
    assert_eq!(done.occurrence, "2025-01-31");
    assert!(done.missed.is_empty());
    assert_eq!(done.plan.next_due.as_deref(), Some("2025-02-28"));
    assert_eq!(done.plan.last_done.as_deref(), Some("2025-02-03"));
    let w = &done.work;
    assert_eq!(w.plan_id, Some(p.id));
    assert_eq!(w.kind, WorkKind::PreventiveMaintenance);
    assert_eq!(w.performed_on, "2025-02-03");
    assert_eq!(w.performed_by.as_deref(), Some("Ana"));
    assert_eq!(w.cost.as_ref().map(|m| m.minor), Some(1250));
    assert!(w.covered_by_warranty, "coverage in force on the day");
    assert!(w.coverage_id.is_some());
    let details = w.details.clone().unwrap();
    assert!(details.contains("[x] Check battery"), "{details}");
    assert!(details.contains("[ ] Clean filter"), "{details}");
    assert!(details.contains("Time spent: 40 min"), "{details}");
    assert_eq!(reg.list_work(a.id, 10).unwrap().len(), 1);
    let detail = reg.plan_detail(p.id, d("2025-02-05")).unwrap();
    assert_eq!(detail.events[0].action, PlanAction::Completed);
    assert_eq!(detail.events[0].minutes_spent, Some(40));
}

#[test]
fn a_fixed_plan_three_periods_overdue_says_so_and_records_the_missed_ones() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Firmware", "2025-01-15"), d("2025-01-01"))
        .unwrap();
    let today = d("2025-04-01");
    assert_eq!(reg.plan_detail(p.id, today).unwrap().periods_overdue, 3);
    let list = reg.due_list(&DueQuery::default(), today).unwrap();
    let item = list.items.iter().find(|i| i.plan_id == Some(p.id)).unwrap();
    assert_eq!(item.state, DueState::Overdue);
    assert_eq!(item.periods_overdue, 3);
    assert_eq!(item.days, -76);

    let done = reg
        .complete_plan(p.id, &completion("2025-04-01"), today)
        .unwrap();
    assert_eq!(done.plan.next_due.as_deref(), Some("2025-04-15"));
    assert_eq!(done.missed, vec!["2025-01-15", "2025-02-15"]);
    let history = reg.asset_history(a.id, 20).unwrap();
    let missed: Vec<_> = history
        .iter()
        .filter(|h| h.field.as_deref() == Some("missed"))
        .map(|h| h.new_value.clone().unwrap())
        .collect();
    assert_eq!(missed.len(), 2, "{history:?}");
    assert!(missed.contains(&"2025-01-15".to_string()));
}

#[test]
fn skip_advances_without_work_and_records_the_reason() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-03-31"), d("2025-03-01"))
        .unwrap();
    let skipped = reg.skip_plan(p.id, "Site closed", "").unwrap();
    assert_eq!(skipped.next_due.as_deref(), Some("2025-04-30"));
    assert!(reg.list_work(a.id, 10).unwrap().is_empty());
    let events = reg.plan_detail(p.id, d("2025-03-01")).unwrap().events;
    assert_eq!(events[0].action, PlanAction::Skipped);
    assert_eq!(events[0].reason.as_deref(), Some("Site closed"));
    let err = reg.skip_plan(p.id, "  ", "").unwrap_err();
    assert_eq!(err.field(), Some("reason"));
}

#[test]
fn snooze_moves_only_this_occurrence() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-03-10"), d("2025-03-01"))
        .unwrap();
    let s = reg
        .snooze_plan(p.id, "2025-03-20", d("2025-03-09"), "")
        .unwrap();
    assert_eq!(s.due_on(), Some("2025-03-20"));
    assert_eq!(s.next_due.as_deref(), Some("2025-03-10"));
    let list = reg.due_list(&DueQuery::default(), d("2025-03-12")).unwrap();
    let item = list.items.iter().find(|i| i.plan_id == Some(p.id)).unwrap();
    assert_eq!((item.state, item.snoozed), (DueState::Upcoming, true));
    let done = reg
        .complete_plan(p.id, &completion("2025-03-18"), d("2025-03-18"))
        .unwrap();
    assert_eq!(done.plan.next_due.as_deref(), Some("2025-04-10"));
    assert_eq!(done.plan.snoozed_until, None);
    for (until, today) in [("2025-03-01", "2025-03-18"), ("2025-04-10", "2025-03-18")] {
        let err = reg.snooze_plan(p.id, until, d(today), "").unwrap_err();
        assert_eq!(err.field(), Some("until"), "{until}: {err}");
    }
}

#[test]
fn pause_hides_from_the_due_list_and_refuses_completion_until_resumed() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-03-10"), d("2025-03-01"))
        .unwrap();
    assert!(reg.pause_plan(p.id).unwrap().paused);
    let list = reg.due_list(&DueQuery::default(), d("2025-03-20")).unwrap();
    assert!(list.items.iter().all(|i| i.plan_id != Some(p.id)));
    let err = reg
        .complete_plan(p.id, &completion("2025-03-20"), d("2025-03-20"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("paused"), "{err}");
    assert!(reg.list_work(a.id, 10).unwrap().is_empty());
    let resumed = reg.resume_plan(p.id).unwrap();
    assert!(!resumed.paused);
    assert_eq!(resumed.next_due.as_deref(), Some("2025-03-10"));
}

#[test]
fn an_ended_plan_cannot_be_completed() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let input = PlanInput {
        unit: "years".into(),
        end_date: "2025-12-31".into(),
        ..monthly("Annual check", "2025-03-01")
    };
    let p = reg.create_plan(a.id, &input, d("2025-01-01")).unwrap();
    let done = reg
        .complete_plan(p.id, &completion("2025-03-02"), d("2025-03-02"))
        .unwrap();
    assert_eq!(done.plan.next_due, None);
    let err = reg
        .complete_plan(p.id, &completion("2025-04-01"), d("2025-04-01"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("ended"), "{err}");
}

#[test]
fn undo_restores_the_plan_and_removes_the_entry() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-03-10"), d("2025-03-01"))
        .unwrap();
    let err = reg.undo_plan(p.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("nothing to undo"), "{err}");
    reg.snooze_plan(p.id, "2025-03-15", d("2025-03-05"), "")
        .unwrap();
    let before = reg.get_plan(p.id).unwrap();
    reg.complete_plan(p.id, &completion("2025-03-12"), d("2025-03-12"))
        .unwrap();
    let after = reg.undo_plan(p.id).unwrap();
    assert_eq!(after, before);
    assert!(reg.list_work(a.id, 10).unwrap().is_empty());
    let history = reg.asset_history(a.id, 5).unwrap();
    assert!(
        history.iter().any(|h| h.summary.contains("undone")),
        "{history:?}"
    );
    assert_eq!(reg.undo_plan(p.id).unwrap_err().code(), ErrorCode::Conflict);
}

#[test]
fn bad_plan_input_names_the_field_and_writes_nothing() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let today = d("2025-03-01");
    let cases: Vec<(PlanInput, &str, &str)> = vec![
        (
            PlanInput {
                every: "0".into(),
                ..monthly("X", "")
            },
            "every",
            "at least 1",
        ),
        (
            PlanInput {
                every: "-3".into(),
                ..monthly("X", "")
            },
            "every",
            "at least 1",
        ),
        (
            PlanInput {
                every: "two".into(),
                ..monthly("X", "")
            },
            "every",
            "whole number",
        ),
        (
            PlanInput {
                unit: "fortnights".into(),
                ..monthly("X", "")
            },
            "unit",
            "unknown unit",
        ),
        (
            PlanInput {
                unit: "".into(),
                ..monthly("X", "")
            },
            "unit",
            "required",
        ),
        (
            PlanInput {
                anchoring: "sliding".into(),
                ..monthly("X", "")
            },
            "anchoring",
            "fixed or floating",
        ),
        (
            PlanInput {
                end_date: "2025-01-01".into(),
                ..monthly("X", "2025-02-01")
            },
            "end_date",
            "before the start date",
        ),
        (monthly("", "2025-02-01"), "title", "required"),
        (monthly("X", "2025-02-30"), "start_date", "YYYY-MM-DD"),
        (
            PlanInput {
                lead_days: "-1".into(),
                ..monthly("X", "")
            },
            "lead_days",
            "whole number",
        ),
    ];
    for (input, field, words) in cases {
        let err = reg.create_plan(a.id, &input, today).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{input:?}");
        assert_eq!(err.field(), Some(field), "{input:?}: {err}");
        assert!(err.to_string().contains(words), "{err}");
    }
    assert_eq!(plan_count(&reg, a.id), 0);
    let err = reg.create_plan(999, &monthly("X", ""), today).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn bad_completion_dates_say_which_and_write_nothing() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-03-10"), d("2025-03-01"))
        .unwrap();
    let today = d("2025-03-20");
    let cases = [
        ("2025-03-01", "before the plan's start date"),
        ("2025-03-21", "in the future"),
        ("2025-3-21", "YYYY-MM-DD"),
    ];
    for (on, words) in cases {
        let err = reg.complete_plan(p.id, &completion(on), today).unwrap_err();
        assert_eq!(err.field(), Some("completed_on"), "{on}: {err}");
        assert!(err.to_string().contains(words), "{on}: {err}");
        assert!(
            !err.to_string().contains("completed_on: completed_on"),
            "{err}"
        );
    }
    let err = reg
        .complete_plan(
            p.id,
            &CompletionInput {
                checked: vec!["Not on the list".into()],
                ..completion("2025-03-10")
            },
            today,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("checked"));
    assert!(reg.list_work(a.id, 10).unwrap().is_empty());
    assert_eq!(reg.get_plan(p.id).unwrap(), p);
}

#[test]
fn updating_the_rule_recomputes_the_next_due_from_the_last_completion() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let p = reg
        .create_plan(a.id, &monthly("Filters", "2025-01-10"), d("2025-01-01"))
        .unwrap();
    reg.complete_plan(p.id, &completion("2025-01-12"), d("2025-01-12"))
        .unwrap();
    let floating = PlanInput {
        anchoring: "floating".into(),
        every: "2".into(),
        unit: "weeks".into(),
        ..monthly("Filters", "2025-01-10")
    };
    let changed = reg.update_plan(p.id, &floating, d("2025-01-13")).unwrap();
    assert_eq!(changed.next_due.as_deref(), Some("2025-01-26"));
    let renamed = PlanInput {
        title: "Filters and fans".into(),
        ..floating
    };
    let same_rule = reg.update_plan(p.id, &renamed, d("2025-01-13")).unwrap();
    assert_eq!(same_rule.next_due.as_deref(), Some("2025-01-26"));
    assert_eq!(same_rule.title, "Filters and fans");
}

#[test]
fn a_template_reaches_every_active_asset_of_its_category_once() {
    let (_dir, mut reg) = temp_register();
    let ups = |tag: &str| AssetInput {
        category: "UPS".into(),
        ..asset(tag, "UPS")
    };
    let a1 = reg.create_asset(&ups("UPS-1")).unwrap();
    reg.create_asset(&ups("UPS-2")).unwrap();
    reg.create_asset(&AssetInput {
        status: "retired".into(),
        ..ups("UPS-OLD")
    })
    .unwrap();
    reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let template = reg
        .create_template(&PlanTemplateInput {
            category: "ups".into(),
            plan: PlanInput {
                unit: "years".into(),
                ..monthly("Replace battery", "")
            },
            auto_apply: true,
        })
        .unwrap();
    assert_eq!(template.category, "UPS");
    let today = d("2025-05-01");
    let applied = reg.apply_template(template.id, today).unwrap();
    assert_eq!(
        (applied.assets, applied.created, applied.already_planned),
        (2, 2, 0)
    );
    let again = reg.apply_template(template.id, today).unwrap();
    assert_eq!(
        (again.assets, again.created, again.already_planned),
        (2, 0, 2)
    );
    assert_eq!(plan_count(&reg, a1.id), 1);

    // Added to the category later: the automatic template reaches it too.
    let late = reg.create_asset(&ups("UPS-3")).unwrap();
    assert_eq!(
        reg.list_plans(late.id).unwrap()[0].template_id,
        Some(template.id)
    );
    let moved = reg.create_asset(&asset("X-1", "Unsorted")).unwrap();
    let mut input = reg.asset_input(&moved);
    input.category = "UPS".into();
    reg.update_asset(moved.id, &input).unwrap();
    assert_eq!(plan_count(&reg, moved.id), 1);
}

/// A UPS template (yearly battery, automatic) over UPS-1 and UPS-2 in
/// service and UPS-OLD retired, beside a server.
fn ups_register_with_template() -> (crate::common::Place, Register, PlanTemplate) {
    let (dir, mut reg) = temp_register();
    for (tag, status) in [
        ("UPS-1", "in_service"),
        ("UPS-2", "spare"),
        ("UPS-OLD", "retired"),
    ] {
        reg.create_asset(&AssetInput {
            category: "UPS".into(),
            status: status.into(),
            ..asset(tag, "UPS")
        })
        .unwrap();
    }
    reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let template = reg
        .create_template(&PlanTemplateInput {
            category: "UPS".into(),
            plan: PlanInput {
                unit: "years".into(),
                ..monthly("Replace battery", "")
            },
            auto_apply: true,
        })
        .unwrap();
    (dir, reg, template)
}

#[test]
fn template_reach_counts_active_assets_and_those_already_planned() {
    let (_dir, mut reg, template) = ups_register_with_template();
    let other = reg
        .create_template(&PlanTemplateInput {
            category: "Printer".into(),
            plan: monthly("Clean rollers", ""),
            auto_apply: false,
        })
        .unwrap();
    let reach = |reg: &Register| -> Vec<(i64, u64, u64)> {
        let mut rows: Vec<_> = reg
            .template_reach()
            .unwrap()
            .into_iter()
            .map(|r| (r.template.id, r.assets, r.planned))
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(reach(&reg), vec![(template.id, 2, 0), (other.id, 0, 0)]);

    // The campaign plans every active UPS.
    reg.apply_template(template.id, d("2025-05-01")).unwrap();
    assert_eq!(reach(&reg), vec![(template.id, 2, 2), (other.id, 0, 0)]);

    // A planned asset that retires no longer counts on either side.
    let ups1 = reg.get_asset_by_tag("UPS-1").unwrap();
    let mut input = reg.asset_input(&ups1);
    input.status = "retired".into();
    reg.update_asset(ups1.id, &input).unwrap();
    assert_eq!(reach(&reg)[0], (template.id, 1, 1));
    // Listed by category name, each with the template as stored.
    let listed = reg.template_reach().unwrap();
    assert_eq!(listed[0].template, other);
    assert_eq!(listed[1].template, template);
}

#[test]
fn deleting_a_template_keeps_its_plans_unlinked_and_recorded() {
    let (_dir, mut reg, template) = ups_register_with_template();
    let applied = reg.apply_template(template.id, d("2025-05-01")).unwrap();
    assert_eq!(applied.created, 2);
    let ups1 = reg.get_asset_by_tag("UPS-1").unwrap();

    reg.delete_template(template.id).unwrap();
    assert!(reg.list_templates().unwrap().is_empty());
    let plans = reg.list_plans(ups1.id).unwrap();
    assert_eq!(plans.len(), 1, "the plan stays on its asset");
    assert_eq!(plans[0].template_id, None);
    assert_eq!(plans[0].next_due.as_deref(), Some("2025-05-01"));
    let history = reg.asset_history(ups1.id, 1).unwrap();
    assert_eq!(history[0].entity, EntityKind::Plan);
    assert_eq!(history[0].field.as_deref(), Some("template_id"));
    assert!(
        history[0].summary.contains("Replace battery"),
        "{history:?}"
    );

    // No longer automatic: a UPS added now gets no plan.
    let late = reg
        .create_asset(&AssetInput {
            category: "UPS".into(),
            ..asset("UPS-3", "UPS")
        })
        .unwrap();
    assert_eq!(plan_count(&reg, late.id), 0);

    let err = reg.delete_template(template.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn a_template_for_an_empty_category_says_zero_assets() {
    let (_dir, mut reg) = temp_register();
    let t = reg
        .create_template(&PlanTemplateInput {
            category: "Printer".into(),
            plan: monthly("Clean rollers", ""),
            auto_apply: false,
        })
        .unwrap();
    let applied = reg.apply_template(t.id, d("2025-05-01")).unwrap();
    assert_eq!((applied.assets, applied.created), (0, 0));
    let err = reg
        .create_template(&PlanTemplateInput {
            category: "Spaceships".into(),
            plan: monthly("Refuel", ""),
            auto_apply: false,
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("category"));
}
