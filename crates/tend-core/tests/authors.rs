//! Who made each change: every history entry and work-log entry written
//! through the API records the register's author (the operating-system user
//! unless a front door names someone else), in the same transaction.

use crate::common::{asset, temp_register};
use crate::csv_support::import_bytes;
use crate::plans::{d, monthly};
use tend_core::csv::import::ImportMode::Commit;
use tend_core::csv::ImportOptions;
use tend_core::*;

/// Every history entry of the register: (summary, author).
fn all_history(reg: &Register) -> Vec<(String, Option<String>)> {
    let page = reg
        .list_assets(&AssetQuery {
            include_archived: true,
            limit: 1000,
            ..AssetQuery::default()
        })
        .unwrap();
    page.rows
        .iter()
        .flat_map(|a| reg.asset_history(a.id, 1000).unwrap())
        .map(|h| (h.summary, h.author))
        .collect()
}

#[test]
fn a_register_acts_as_the_operating_system_user_until_told_otherwise() {
    let (_dir, mut reg) = temp_register();
    // On a team register: the database user.
    let me = crate::common::database_user().or_else(tend_core::author::os_user);
    assert!(me.is_some(), "the test machine's user has a name");
    assert_eq!(reg.author(), me.as_deref());
    let a = reg.create_asset(&asset("SRV-1", "Mail server")).unwrap();
    let history = reg.asset_history(a.id, 10).unwrap();
    assert_eq!(history[0].author, me);

    reg.set_author("  Anna Berg ").unwrap();
    assert_eq!(reg.author(), Some("Anna Berg"));
    for bad in ["", "  ", "Anna\nBerg", &"x".repeat(201)] {
        let err = reg.set_author(bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{bad:?}");
        assert!(err.to_string().starts_with("author"), "{err}");
        assert_eq!(
            reg.author(),
            Some("Anna Berg"),
            "a refused name changes nothing"
        );
    }
}

#[test]
fn history_and_work_log_entries_record_who_made_them() {
    let (_dir, mut reg) = temp_register();
    reg.set_author("Anna Berg").unwrap();
    let a = reg.create_asset(&asset("SRV-1", "Mail server")).unwrap();
    let work = reg
        .create_work(
            a.id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: "2025-03-01".into(),
                performed_by: "Carl the contractor".into(),
                summary: "Replaced PSU".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    assert_eq!(work.author.as_deref(), Some("Anna Berg"));
    assert_eq!(work.performed_by.as_deref(), Some("Carl the contractor"));

    // Someone else edits the entry: the edit is theirs, the entry stays Anna's.
    reg.set_author("Ben Okafor").unwrap();
    let edited = reg
        .update_work(
            work.id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: "2025-03-01".into(),
                performed_by: "Carl the contractor".into(),
                summary: "Replaced PSU and fan".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    assert_eq!(edited.author.as_deref(), Some("Anna Berg"));
    assert_eq!(
        reg.list_work(a.id, 10).unwrap()[0].author.as_deref(),
        Some("Anna Berg")
    );
    let history = reg.asset_history(a.id, 10).unwrap();
    let by: Vec<(&str, Option<&str>)> = history
        .iter()
        .map(|h| (h.summary.as_str(), h.author.as_deref()))
        .collect();
    assert_eq!(
        by,
        vec![
            (
                "summary: Replaced PSU → Replaced PSU and fan",
                Some("Ben Okafor")
            ),
            ("Repair: Replaced PSU", Some("Anna Berg")),
            ("Asset created: SRV-1 — Mail server", Some("Anna Berg")),
        ]
    );

    reg.delete_work(work.id).unwrap();
    let latest = &reg.asset_history(a.id, 1).unwrap()[0];
    assert_eq!(latest.action, ChangeAction::Deleted);
    assert_eq!(latest.author.as_deref(), Some("Ben Okafor"));
}

#[test]
fn plan_completions_templates_and_imports_record_the_author_too() {
    let (_dir, mut reg) = temp_register();
    reg.set_author("Anna Berg").unwrap();
    let ups = reg
        .create_asset(&AssetInput {
            category: "UPS".into(),
            ..asset("UPS-1", "Rack UPS")
        })
        .unwrap();
    let plan = reg
        .create_plan(
            ups.id,
            &monthly("Battery test", "2025-01-01"),
            d("2025-01-01"),
        )
        .unwrap();
    let template = reg
        .create_template(&PlanTemplateInput {
            category: "UPS".into(),
            plan: monthly("Replace battery", ""),
            auto_apply: true,
        })
        .unwrap();

    reg.set_author("Ben Okafor").unwrap();
    let done = reg
        .complete_plan(
            plan.id,
            &CompletionInput {
                completed_on: "2025-03-02".into(),
                ..CompletionInput::default()
            },
            d("2025-03-02"),
        )
        .unwrap();
    assert_eq!(done.work.author.as_deref(), Some("Ben Okafor"));
    assert_eq!(
        reg.apply_template(template.id, d("2025-03-02"))
            .unwrap()
            .created,
        1
    );
    // A new asset of the category gets the automatic template's plan.
    reg.create_asset(&AssetInput {
        category: "UPS".into(),
        ..asset("UPS-2", "Second UPS")
    })
    .unwrap();

    reg.set_author("Chidi Import").unwrap();
    let text = "tag,name\nUPS-1,Rack UPS renamed\nSRV-9,New server\n";
    let report =
        import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    assert!(report.committed, "{report:?}");
    let work = "asset_tag,performed_on,kind,summary\nSRV-9,2025-03-03,inspection,Looked at it\n";
    let report =
        import_bytes(&mut reg, work.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    assert!(report.committed, "{report:?}");
    let server = reg.get_asset_by_tag("SRV-9").unwrap();
    assert_eq!(
        reg.list_work(server.id, 1).unwrap()[0].author.as_deref(),
        Some("Chidi Import")
    );

    let mut history = all_history(&reg);
    history.sort();
    let expected_author = |summary: &str| -> &str {
        if summary.starts_with("Preventive maintenance: Battery test")
            || summary.starts_with("Battery test:")
            || summary.starts_with("next_due")
            || summary.contains("from the UPS template")
            || summary.contains("UPS-2")
        {
            "Ben Okafor"
        } else if summary.contains("SRV-9")
            || summary.contains("Rack UPS renamed")
            || summary.starts_with("Inspection: Looked at it")
        {
            "Chidi Import"
        } else {
            "Anna Berg"
        }
    };
    for (summary, author) in &history {
        assert_eq!(
            author.as_deref(),
            Some(expected_author(summary)),
            "{summary}; all: {history:#?}"
        );
    }
    for who in ["Anna Berg", "Ben Okafor", "Chidi Import"] {
        assert!(
            history.iter().any(|(_, a)| a.as_deref() == Some(who)),
            "{who}: {history:#?}"
        );
    }
    // Two plans from the template: one applied to UPS-1, one automatic on UPS-2.
    assert_eq!(
        history
            .iter()
            .filter(|(s, _)| s.contains("from the UPS template"))
            .count(),
        2,
        "{history:#?}"
    );
}
