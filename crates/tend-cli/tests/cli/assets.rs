//! `tend assets …` end to end.

use crate::support::Db;

#[test]
fn an_asset_is_added_listed_shown_updated_archived_and_restored() {
    let db = Db::new();
    let tag = db.ok(&[
        "assets",
        "add",
        "--tag",
        "SRV-0042",
        "--name",
        "Core database server",
        "--category",
        "Server",
        "--manufacturer",
        "Dell",
        "--model",
        "PowerEdge R750",
        "--serial",
        "7XK2Q93",
        "--status",
        "in_service",
        "--location",
        "HQ › Building A › Server room › Rack 3",
        "--rack-unit",
        "12",
        "--assigned-to",
        "Infra team",
        "--hostname",
        "db01",
        "--ip",
        "10.0.0.42",
        "--mac",
        "00:1a:2b:3c:4d:5e",
        "--firmware",
        "2.19.1",
        "--purchase-date",
        "2023-05-17",
        "--cost",
        "1234.56",
        "--currency",
        "EUR",
        "--supplier",
        "Bechtle",
        "--order-number",
        "PO-7781",
        "--eol",
        "2030-05-31",
        "--eos",
        "2029-05-31",
        "--notes",
        "primary PostgreSQL",
        "--field",
        "asset_owner=Finance",
    ]);
    assert_eq!(tag.trim(), "SRV-0042");

    let table = db.ok(&["assets", "list"]);
    assert!(table.contains("SRV-0042"), "{table}");
    assert!(table.contains("Core database server"), "{table}");
    assert!(table.contains("showing 1–1 of 1"), "{table}");

    let page = db.json(&["assets", "list"]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["tag"], "SRV-0042");

    let shown = db.json(&["assets", "show", "srv-0042"]);
    let asset = &shown["asset"];
    assert_eq!(asset["name"], "Core database server");
    assert_eq!(asset["category"], "Server");
    assert_eq!(asset["status"], "in_service");
    assert_eq!(asset["rack_unit"], 12);
    assert_eq!(asset["ip_address"], "10.0.0.42");
    assert_eq!(asset["purchase_date"], "2023-05-17");
    assert_eq!(asset["purchase_cost"]["minor"], 123456);
    assert_eq!(asset["purchase_cost"]["currency"], "EUR");
    assert_eq!(asset["end_of_support"], "2029-05-31");
    assert_eq!(asset["custom_fields"]["asset_owner"], "Finance");
    assert!(asset["location"].as_str().unwrap().ends_with("Rack 3"));
    assert!(shown["coverage"].as_array().unwrap().is_empty());

    let human = db.ok(&["assets", "show", "SRV-0042"]);
    assert!(human.contains("PowerEdge R750"), "{human}");
    assert!(human.contains("1234.56 EUR"), "{human}");

    let updated = db.ok(&[
        "assets",
        "update",
        "SRV-0042",
        "--status",
        "in repair",
        "--serial",
        "",
        "--field",
        "asset_owner=",
    ]);
    assert_eq!(updated.trim(), "updated SRV-0042");
    let shown = db.json(&["assets", "show", "SRV-0042"]);
    let asset = &shown["asset"];
    assert_eq!(asset["status"], "in_repair");
    assert!(asset["serial"].is_null(), "serial cleared: {asset}");
    assert!(asset["custom_fields"].as_object().unwrap().is_empty());
    // Untouched fields are kept.
    assert_eq!(asset["model"], "PowerEdge R750");
    assert_eq!(asset["purchase_cost"]["minor"], 123456);
    let history = shown["recent_history"].as_array().unwrap();
    assert!(
        history.iter().any(|h| h["field"] == "status"),
        "status change recorded: {history:?}"
    );

    assert_eq!(
        db.ok(&["assets", "archive", "SRV-0042"]).trim(),
        "archived SRV-0042"
    );
    assert_eq!(db.json(&["assets", "list"])["total"], 0);
    let with_archived = db.json(&["assets", "list", "--archived"]);
    assert_eq!(with_archived["total"], 1);
    assert!(!with_archived["rows"][0]["archived_at"].is_null());

    assert_eq!(
        db.ok(&["assets", "restore", "srv-0042"]).trim(),
        "restored SRV-0042"
    );
    let page = db.json(&["assets", "list"]);
    assert_eq!(page["total"], 1);
    assert!(page["rows"][0]["archived_at"].is_null());
}

#[test]
fn add_with_json_prints_the_created_asset() {
    let db = Db::new();
    let asset = db.json(&["assets", "add", "--tag", "SW-1", "--name", "Edge switch"]);
    assert_eq!(asset["tag"], "SW-1");
    assert_eq!(asset["status"], "in_service");
    assert!(asset["id"].as_i64().unwrap() > 0);
}

#[test]
fn update_can_rename_the_tag() {
    let db = Db::new();
    db.add("LAP-1", "Laptop");
    db.ok(&[
        "assets",
        "update",
        "LAP-1",
        "--tag",
        "LAP-0001",
        "--name",
        "Field laptop",
    ]);
    let asset = &db.json(&["assets", "show", "LAP-0001"])["asset"];
    assert_eq!(asset["name"], "Field laptop");
    let stderr = db.fails(&["assets", "show", "LAP-1"]);
    assert!(stderr.contains("not found"), "{stderr}");
}

#[test]
fn list_filters_sorts_and_pages() {
    let db = Db::new();
    for (tag, name, category, status, location) in [
        (
            "SRV-1",
            "Alpha server",
            "Server",
            "in_service",
            "HQ › Room 1",
        ),
        ("SRV-2", "Bravo server", "Server", "spare", "HQ › Room 2"),
        (
            "SW-1",
            "Charlie switch",
            "Switch",
            "in_service",
            "HQ › Room 1",
        ),
        ("UPS-1", "Delta UPS", "UPS", "retired", "Branch › Cellar"),
    ] {
        db.ok(&[
            "assets",
            "add",
            "--tag",
            tag,
            "--name",
            name,
            "--category",
            category,
            "--status",
            status,
            "--location",
            location,
        ]);
    }
    let tags = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["assets", "list"];
        all.extend_from_slice(args);
        db.json(&all)["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["tag"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(tags(&["--category", "server"]), ["SRV-1", "SRV-2"]);
    assert_eq!(tags(&["--status", "in service"]), ["SRV-1", "SW-1"]);
    assert_eq!(tags(&["--location", "HQ > Room 1"]), ["SRV-1", "SW-1"]);
    assert_eq!(tags(&["--location", "HQ"]), ["SRV-1", "SRV-2", "SW-1"]);
    assert_eq!(tags(&["--location", "Cellar"]), ["UPS-1"]);
    assert_eq!(tags(&["--search", "bravo"]), ["SRV-2"]);
    assert_eq!(
        tags(&["--sort", "name", "--desc"]),
        ["UPS-1", "SW-1", "SRV-2", "SRV-1"]
    );

    let page = db.json(&["assets", "list", "--limit", "2", "--offset", "1"]);
    assert_eq!(page["total"], 4);
    assert_eq!(page["rows"].as_array().unwrap().len(), 2);
    let table = db.ok(&["assets", "list", "--limit", "2", "--offset", "1"]);
    assert!(table.contains("showing 2–3 of 4"), "{table}");
    let none = db.ok(&["assets", "list", "--search", "nothing-like-this"]);
    assert!(none.contains("no assets match"), "{none}");
}

#[test]
fn coverage_is_added_and_listed() {
    let db = Db::new();
    db.add("FW-1", "Firewall");
    let added = db.ok(&[
        "coverage",
        "add",
        "FW-1",
        "--kind",
        "support_contract",
        "--end",
        "2027-03-31",
        "--start",
        "2024-04-01",
        "--provider",
        "Fortinet",
        "--ref",
        "FC-998",
        "--service-level",
        "next business day on-site",
        "--cost",
        "899.00",
        "--currency",
        "EUR",
        "--notice-days",
        "60",
    ]);
    assert!(added.contains("ending 2027-03-31"), "{added}");
    let list = db.json(&["coverage", "list", "FW-1"]);
    let c = &list[0];
    assert_eq!(c["kind"], "support_contract");
    assert_eq!(c["end_date"], "2027-03-31");
    assert_eq!(c["provider"], "Fortinet");
    assert_eq!(c["cost"]["minor"], 89900);
    assert_eq!(c["notice_days"], 60);
    let table = db.ok(&["coverage", "list", "FW-1"]);
    assert!(table.contains("support contract"), "{table}");
    let shown = db.json(&["assets", "show", "FW-1"]);
    assert_eq!(shown["coverage"].as_array().unwrap().len(), 1);
}

#[test]
fn list_limit_honours_its_documented_range_past_the_stores_thousand_rows() {
    let db = Db::new();
    let mut csv = String::from("tag,name\n");
    for n in 0..1_203 {
        csv.push_str(&format!("PC-{n:05},Desk PC {n}\n"));
    }
    let file = db.dir.path().join("pcs.csv");
    std::fs::write(&file, csv).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let page = db.json(&["assets", "list", "--limit", "1100"]);
    assert_eq!(page["total"], 1_203);
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1_100, "not cut at 1,000");
    assert_eq!(rows[1_099]["tag"], "PC-01099");
    let all = db.json(&["assets", "list", "--limit", "10000", "--offset", "3"]);
    assert_eq!(all["rows"].as_array().unwrap().len(), 1_200);
    let table = db.ok(&["assets", "list", "--limit", "10000"]);
    assert!(
        table.contains("showing 1–1203 of 1203"),
        "{}",
        &table[table.len() - 80..]
    );
}

/// The highest rack unit is a setting a user can set (the CLI and the
/// desktop's Settings), checked when set and when an asset takes a unit.
#[test]
fn the_highest_rack_unit_is_a_setting_that_positions_are_checked_against() {
    let db = Db::new();
    let add = |tag: &'static str, unit: &'static str| {
        [
            "assets",
            "add",
            "--tag",
            tag,
            "--name",
            "Switch",
            "--location",
            "HQ › Rack 1",
            "--rack-unit",
            unit,
        ]
    };

    db.ok(&add("SW-1", "72"));
    db.ok(&["settings", "set", "rack_units_max", "48"]);
    assert_eq!(db.ok(&["settings", "get", "rack_units_max"]).trim(), "48");
    let refused = db.fails(&add("SW-2", "50"));
    assert!(refused.contains("rack_unit"), "{refused}");
    assert!(refused.contains("48"), "{refused}");
    db.ok(&add("SW-3", "47.5"));

    for bad in ["0", "10000", "tall"] {
        let refused = db.fails(&["settings", "set", "rack_units_max", bad]);
        assert!(refused.contains("rack_units_max"), "{bad}: {refused}");
    }
    assert_eq!(db.ok(&["settings", "get", "rack_units_max"]).trim(), "48");
}

#[test]
fn the_list_filters_by_cover_assignee_and_repairs() {
    let db = Db::new();
    let day = |days: i64| {
        (chrono::Local::now().date_naive() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    db.add("FW-1", "Firewall");
    db.add("FW-2", "Firewall");
    db.add("FW-3", "Firewall");
    db.ok(&[
        "coverage",
        "add",
        "FW-1",
        "--kind",
        "manufacturer_warranty",
        "--end",
        &day(30),
    ]);
    db.ok(&[
        "coverage",
        "add",
        "FW-2",
        "--kind",
        "manufacturer_warranty",
        "--end",
        &day(-1),
    ]);
    db.ok(&["assets", "update", "FW-3", "--assigned-to", "Infra team"]);
    db.ok(&[
        "log",
        "add",
        "FW-2",
        "--kind",
        "repair",
        "--date",
        "2026-03-05",
        "--summary",
        "Fan",
    ]);
    let tags = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["assets", "list"];
        all.extend_from_slice(args);
        db.json(&all)["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["tag"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(tags(&["--cover", "ending"]), ["FW-1"]);
    assert_eq!(
        tags(&["--cover", "ending", "--cover-within", "10"]),
        Vec::<String>::new()
    );
    assert_eq!(tags(&["--cover", "ended"]), ["FW-2"]);
    assert_eq!(tags(&["--cover", "none"]), ["FW-3"]);
    assert_eq!(tags(&["--assigned-to", "infra TEAM"]), ["FW-3"]);
    assert_eq!(
        tags(&[
            "--repaired-from",
            "2026-03-01",
            "--repaired-to",
            "2026-03-31"
        ]),
        ["FW-2"]
    );
    let refused = db.fails(&["assets", "list", "--assigned-to", "Nobody"]);
    assert!(refused.contains("--assigned-to"), "{refused}");
    let refused = db.fails(&["assets", "list", "--cover", "maybe"]);
    assert!(
        refused.contains("in_cover, ending, ended, none"),
        "{refused}"
    );
}
