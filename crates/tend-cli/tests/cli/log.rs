//! `tend log …` end to end.

use crate::support::Db;

#[test]
fn repairs_are_logged_and_listed_newest_first() {
    let db = Db::new();
    db.add("SRV-7", "File server");
    let logged = db.ok(&[
        "log",
        "add",
        "SRV-7",
        "--kind",
        "repair",
        "--summary",
        "Replaced failed PSU",
        "--date",
        "2024-02-03",
        "--by",
        "Sam",
        "--details",
        "PSU 2 dead, swapped from spares",
        "--outcome",
        "replaced",
        "--cost",
        "189.90",
        "--currency",
        "EUR",
        "--downtime",
        "45",
        "--parts",
        "PSU 750W",
        "--covered",
        "--ref",
        "RMA-1234",
    ]);
    assert!(logged.starts_with("logged repair #"), "{logged}");
    db.ok(&[
        "log",
        "add",
        "SRV-7",
        "--kind",
        "inspection",
        "--summary",
        "Checked fans",
        "--date",
        "2024-06-01",
    ]);

    let entries = db.json(&["log", "list", "SRV-7"]);
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["summary"], "Checked fans");
    let repair = &entries[1];
    assert_eq!(repair["kind"], "repair");
    assert_eq!(repair["asset_tag"], "SRV-7");
    assert_eq!(repair["performed_on"], "2024-02-03");
    assert_eq!(repair["performed_by"], "Sam");
    assert_eq!(repair["outcome"], "replaced");
    assert_eq!(repair["cost"]["minor"], 18990);
    assert_eq!(repair["downtime_minutes"], 45);
    assert_eq!(repair["parts_used"], "PSU 750W");
    assert_eq!(repair["covered_by_warranty"], true);
    assert_eq!(repair["external_ref"], "RMA-1234");

    let limited = db.json(&["log", "list", "SRV-7", "--limit", "1"]);
    assert_eq!(limited.as_array().unwrap().len(), 1);

    let table = db.ok(&["log", "list", "srv-7"]);
    assert!(table.contains("Replaced failed PSU"), "{table}");
    assert!(table.contains("45 min"), "{table}");

    let shown = db.json(&["assets", "show", "SRV-7"]);
    assert_eq!(shown["recent_work"].as_array().unwrap().len(), 2);
}

#[test]
fn logging_defaults_to_a_repair_today() {
    let db = Db::new();
    db.add("PC-1", "Reception PC");
    let entry = db.json(&["log", "add", "PC-1", "--summary", "Reseated RAM"]);
    assert_eq!(entry["kind"], "repair");
    // The core may date by local time or UTC; either is "today".
    let local = chrono::Local::now().date_naive().to_string();
    let utc = chrono::Utc::now().date_naive().to_string();
    let on = entry["performed_on"].as_str().unwrap();
    assert!(on == local || on == utc, "{on} is not today");
}

#[test]
fn work_defaults_to_covered_by_the_coverage_in_force_on_its_date() {
    let db = Db::new();
    db.add("UPS-3", "Rack UPS");
    let coverage = db.json(&[
        "coverage",
        "add",
        "UPS-3",
        "--kind",
        "manufacturer_warranty",
        "--start",
        "2024-01-01",
        "--end",
        "2024-12-31",
    ]);
    let coverage_id = coverage["id"].clone();

    // Inside the warranty: covered, by that coverage, without a flag.
    let inside = db.json(&[
        "log",
        "add",
        "UPS-3",
        "--summary",
        "Battery fault",
        "--date",
        "2024-06-01",
    ]);
    assert_eq!(inside["covered_by_warranty"], true);
    assert_eq!(inside["coverage_id"], coverage_id);

    // After it ended: not covered.
    let after = db.json(&[
        "log",
        "add",
        "UPS-3",
        "--summary",
        "Fan noise",
        "--date",
        "2025-02-01",
    ]);
    assert_eq!(after["covered_by_warranty"], false);
    assert!(after["coverage_id"].is_null());

    // --not-covered overrides the default.
    let refused = db.json(&[
        "log",
        "add",
        "UPS-3",
        "--summary",
        "Dropped in transit",
        "--date",
        "2024-07-01",
        "--not-covered",
    ]);
    assert_eq!(refused["covered_by_warranty"], false);
    assert!(refused["coverage_id"].is_null());
}

#[test]
fn assets_show_says_who_made_each_change_and_tend_author_names_them() {
    let db = Db::new();
    let me = db
        .database_user()
        .or_else(tend_core::author::os_user)
        .expect("the test machine's user has a name");
    db.add("SRV-8", "Mail server");
    let anna = |args: &[&str]| {
        let output = db
            .tend(args)
            .env("TEND_AUTHOR", "Anna Berg")
            .output()
            .expect("run tend");
        assert!(output.status.success(), "{output:?}");
    };
    anna(&[
        "log",
        "add",
        "SRV-8",
        "--kind",
        "repair",
        "--summary",
        "Replaced PSU",
        "--date",
        "2024-02-03",
        "--by",
        "Sam",
    ]);
    anna(&["assets", "update", "SRV-8", "--status", "spare"]);

    let shown = db.json(&["assets", "show", "SRV-8"]);
    let work = &shown["recent_work"][0];
    assert_eq!(work["performed_by"], "Sam");
    assert_eq!(work["author"], "Anna Berg", "{work}");
    let by: Vec<(&str, &str)> = shown["recent_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["summary"].as_str().unwrap(),
                h["author"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by,
        vec![
            ("status: in service → spare / in stock", "Anna Berg"),
            ("Repair: Replaced PSU", "Anna Berg"),
            ("Asset created: SRV-8 — Mail server", me.as_str()),
        ]
    );

    let human = db.ok(&["assets", "show", "SRV-8"]);
    assert!(human.contains("logged by"), "{human}");
    let created = human
        .lines()
        .find(|l| l.contains("Asset created"))
        .unwrap_or_else(|| panic!("{human}"));
    assert!(created.trim_end().ends_with(&me), "{created}");
    let repair = human
        .lines()
        .find(|l| l.contains("Repair: Replaced PSU"))
        .unwrap_or_else(|| panic!("{human}"));
    assert!(repair.trim_end().ends_with("Anna Berg"), "{repair}");

    // A name the core refuses is an error naming it, and nothing is written.
    let before = db.json(&["assets", "show", "SRV-8"]);
    let output = db
        .tend(&["assets", "update", "SRV-8", "--status", "lost"])
        .env("TEND_AUTHOR", "Anna\nBerg")
        .output()
        .expect("run tend");
    let stderr = crate::support::user_error(&["assets", "update"], output);
    assert!(stderr.contains("author"), "{stderr}");
    assert_eq!(db.json(&["assets", "show", "SRV-8"]), before);
}
