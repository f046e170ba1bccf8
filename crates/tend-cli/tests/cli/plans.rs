//! `tend plans …` and `tend due` as a process: add, complete, skip, snooze,
//! pause, undo, templates, the due list with its filters and exit code 3.

use crate::support::Db;
use chrono::{Duration, Local, NaiveDate};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(n: i64) -> String {
    (today() - Duration::days(n)).to_string()
}

/// A register with UPS-1 and a monthly fixed plan starting today (plan #1).
fn with_plan() -> Db {
    let db = Db::new();
    db.ok(&[
        "assets",
        "add",
        "--tag",
        "UPS-1",
        "--name",
        "Rack UPS",
        "--category",
        "UPS",
    ]);
    let start = today().to_string();
    let plan = db.json(&[
        "plans",
        "add",
        "UPS-1",
        "--title",
        "Battery test",
        "--every",
        "1",
        "--unit",
        "months",
        "--start",
        &start,
        "--check",
        "Run test",
        "--check",
        "Log result",
    ]);
    assert_eq!(plan["id"], 1);
    assert_eq!(plan["next_due"], start.as_str());
    db
}

#[test]
fn complete_logs_work_and_advances_then_undo_puts_it_back() {
    let db = with_plan();
    let before = db.json(&["plans", "show", "1"]);
    let out = db.ok(&[
        "plans",
        "complete",
        "1",
        "--minutes",
        "20",
        "--check",
        "Run test",
    ]);
    assert!(out.contains("completed \"Battery test\""), "{out}");
    let plans = db.json(&["plans", "list", "UPS-1"]);
    let next = plans[0]["next_due"].as_str().unwrap();
    assert!(next > today().to_string().as_str(), "advanced to {next}");
    let log = db.json(&["log", "list", "UPS-1"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["plan_id"], 1);
    assert_eq!(log[0]["kind"], "preventive_maintenance");

    db.ok(&["plans", "undo", "1"]);
    let after = db.json(&["plans", "show", "1"]);
    assert_eq!(after["plan"], before["plan"]);
    assert!(db
        .json(&["log", "list", "UPS-1"])
        .as_array()
        .unwrap()
        .is_empty());
    let err = db.fails(&["plans", "undo", "1"]);
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn skip_snooze_pause_and_resume() {
    let db = with_plan();
    let err = db.fails(&["plans", "skip", "1", "--reason", " "]);
    assert!(err.contains("reason"), "{err}");
    let until = (today() + Duration::days(3)).to_string();
    let snoozed = db.json(&["plans", "snooze", "1", "--until", &until]);
    assert_eq!(snoozed["snoozed_until"], until.as_str());
    let paused = db.json(&["plans", "pause", "1"]);
    assert_eq!(paused["paused"], true);
    let err = db.fails(&["plans", "complete", "1"]);
    assert!(err.contains("paused"), "{err}");
    db.ok(&["plans", "resume", "1"]);
    let skipped = db.json(&["plans", "skip", "1", "--reason", "Site closed"]);
    assert_eq!(skipped["snoozed_until"], serde_json::Value::Null);
    assert!(skipped["next_due"].as_str().unwrap() > today().to_string().as_str());
}

#[test]
fn bad_plan_input_exits_1_and_names_the_field() {
    let db = with_plan();
    let cases: [(&[&str], &str); 5] = [
        (&["--every", "0", "--unit", "days"], "every"),
        (&["--every", "-2", "--unit", "days"], "every"),
        (&["--every", "1", "--unit", "fortnights"], "unknown unit"),
        (
            &[
                "--every",
                "1",
                "--unit",
                "days",
                "--start",
                "2025-05-01",
                "--end",
                "2025-04-01",
            ],
            "end_date",
        ),
        (
            &["--every", "1", "--unit", "days", "--lead-days", "x"],
            "lead_days",
        ),
    ];
    for (flags, words) in cases {
        let mut args = vec!["plans", "add", "UPS-1", "--title", "X"];
        args.extend_from_slice(flags);
        let err = db.fails(&args);
        assert!(err.contains(words), "{args:?}: {err}");
    }
    let future = (today() + Duration::days(2)).to_string();
    let err = db.fails(&["plans", "complete", "1", "--on", &future]);
    assert!(err.contains("in the future"), "{err}");
    let err = db.fails(&["plans", "complete", "1", "--on", &days_ago(400)]);
    assert!(err.contains("before the plan's start date"), "{err}");
    assert_eq!(
        db.json(&["plans", "list", "UPS-1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn templates_apply_to_a_category_and_an_empty_one_says_zero() {
    let db = with_plan();
    db.ok(&[
        "assets",
        "add",
        "--tag",
        "UPS-2",
        "--name",
        "UPS",
        "--category",
        "UPS",
    ]);
    let t = db.json(&[
        "plans",
        "add-template",
        "--category",
        "ups",
        "--title",
        "Replace battery",
        "--every",
        "3",
        "--unit",
        "years",
    ]);
    let id = t["id"].to_string();
    let applied = db.json(&["plans", "apply-template", &id]);
    assert_eq!(
        (applied["assets"].as_u64(), applied["created"].as_u64()),
        (Some(2), Some(2))
    );
    let t2 = db.json(&[
        "plans",
        "add-template",
        "--category",
        "Printer",
        "--title",
        "Clean",
        "--every",
        "1",
        "--unit",
        "months",
    ]);
    let out = db.ok(&["plans", "apply-template", &t2["id"].to_string()]);
    assert!(
        out.starts_with("0 assets in Printer: created 0 plan(s)"),
        "{out}"
    );

    // Deleting a template keeps the plans it created.
    let out = db.ok(&["plans", "delete-template", &id]);
    assert!(out.contains("stay on their assets"), "{out}");
    let plans = db.json(&["plans", "list", "UPS-2"]);
    assert_eq!(plans[0]["template_id"], serde_json::Value::Null, "{plans}");
    assert_eq!(
        db.json(&["plans", "templates"]).as_array().unwrap().len(),
        1
    );
    db.fails(&["plans", "delete-template", &id]);
}

#[test]
fn due_lists_json_filters_and_fails_if_overdue_with_exit_3() {
    let db = with_plan();
    db.ok(&[
        "assets",
        "add",
        "--tag",
        "SRV-1",
        "--name",
        "Server",
        "--location",
        "HQ › Room 1",
    ]);
    db.ok(&[
        "coverage",
        "add",
        "SRV-1",
        "--kind",
        "manufacturer_warranty",
        "--end",
        &days_ago(10),
    ]);
    let list = db.json(&["due", "--within", "30d"]);
    let items = list["items"].as_array().unwrap();
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["maintenance", "coverage_end"], "{list}");
    assert_eq!(items[0]["state"], "due");
    assert_eq!(items[1]["state"], "expired");
    assert_eq!(items[1]["days"], -10);

    let only = db.json(&["due", "--kind", "coverage_end", "--location", "HQ"]);
    assert_eq!(only["items"].as_array().unwrap().len(), 1);
    let table = db.ok(&["due", "--category", "UPS"]);
    assert!(
        table.starts_with("0 overdue, 1 due today, 0 expired, 0 upcoming"),
        "{table}"
    );

    // Nothing overdue yet: exit 0. A week later the plan is: exit 3.
    db.ok(&["due", "--fail-if-overdue"]);
    let later = (today() + Duration::days(7)).to_string();
    let out = db
        .tend(&["due", "--json", "--fail-if-overdue", "--today", &later])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["items"][0]["state"], "overdue");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 item(s) overdue"));

    let err = db.fails(&["due", "--within", "3 months"]);
    assert!(err.contains("30d"), "{err}");
    let err = db.fails(&["due", "--kind", "parties"]);
    assert!(err.contains("unknown kind"), "{err}");
}
