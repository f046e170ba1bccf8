//! `tend demo` end to end.

use crate::support::Db;

#[test]
fn demo_fills_an_empty_register_and_refuses_a_full_one() {
    let db = Db::new();
    let summary = db.json(&["demo", "--assets", "50", "--seed", "7"]);
    assert_eq!(summary["assets"], 50);
    assert!(summary["work_log"].as_u64().unwrap() > 0);
    assert_eq!(db.json(&["assets", "list", "--archived"])["total"], 50);
    let check = db.ok(&["db", "check"]);
    assert!(check.starts_with("ok"), "{check}");

    let before = db.snapshot();
    let stderr = db.fails(&["demo", "--assets", "10"]);
    assert!(stderr.contains("already holds 50"), "{stderr}");
    assert_eq!(db.snapshot(), before);
}
