//! The asset list: each filter, sort on every column, paging, total, search.

use crate::common::{asset, temp_register};
use tend_core::*;

/// Five assets with distinct values in every sortable column.
fn sample() -> (crate::common::Place, Register) {
    let (dir, mut reg) = temp_register();
    let rows = [
        (
            "SRV-3",
            "Web server",
            "Server",
            "in_service",
            "HQ › Building A › Server room › Rack 1",
            "Dell",
            "PowerEdge R750",
            "SN-C",
            "web01",
            "10.0.0.3",
            "Ops",
            "2021-03-01",
            "9000",
            "2027-01-01",
            "2028-01-01",
        ),
        (
            "SRV-1",
            "Database server",
            "Server",
            "in_repair",
            "HQ › Building A › Server room › Rack 2",
            "HPE",
            "ProLiant DL380",
            "SN-A",
            "db01",
            "10.0.0.1",
            "Anna",
            "2020-01-01",
            "12000",
            "2026-01-01",
            "2027-06-01",
        ),
        (
            "SW-2",
            "Core switch",
            "Switch",
            "in_service",
            "HQ › Building B › Comms room",
            "Cisco",
            "Catalyst 9300",
            "SN-E",
            "core-sw",
            "10.0.0.5",
            "Ben",
            "2022-05-05",
            "4000",
            "2029-01-01",
            "2030-01-01",
        ),
        (
            "LT-9",
            "Anna's laptop",
            "Laptop",
            "spare",
            "Branch › Office",
            "Lenovo",
            "ThinkPad T14",
            "SN-B",
            "lt09",
            "10.0.1.9",
            "Chloé",
            "2023-07-07",
            "1500",
            "2027-07-07",
            "2028-07-07",
        ),
        (
            "PRN-4",
            "Office printer",
            "Printer",
            "retired",
            "Branch › Office",
            "Brother",
            "HL-L6400DW",
            "SN-D",
            "prn04",
            "10.0.1.4",
            "Dora",
            "2019-02-02",
            "500",
            "2025-02-02",
            "2026-02-02",
        ),
    ];
    for (
        tag,
        name,
        cat,
        status,
        loc,
        maker,
        model,
        serial,
        host,
        ip,
        who,
        bought,
        cost,
        eol,
        eos,
    ) in rows
    {
        reg.create_asset(&AssetInput {
            category: cat.into(),
            status: status.into(),
            location: loc.into(),
            manufacturer: maker.into(),
            model: model.into(),
            serial: serial.into(),
            hostname: host.into(),
            ip_address: ip.into(),
            assigned_to: who.into(),
            purchase_date: bought.into(),
            purchase_cost: cost.into(),
            end_of_life: eol.into(),
            end_of_support: eos.into(),
            notes: format!("{name} notes"),
            ..asset(tag, name)
        })
        .unwrap();
        // Distinct updated_at stamps (millisecond precision) for the sort test.
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    (dir, reg)
}

fn tags(reg: &Register, q: AssetQuery) -> Vec<String> {
    reg.list_assets(&q)
        .unwrap()
        .rows
        .into_iter()
        .map(|a| a.tag)
        .collect()
}

#[test]
fn sorts_on_every_column_both_ways() {
    let (_dir, reg) = sample();
    use AssetSortColumn as S;
    let expected: [(S, [&str; 5]); 16] = [
        (S::Tag, ["LT-9", "PRN-4", "SRV-1", "SRV-3", "SW-2"]),
        (S::Name, ["LT-9", "SW-2", "SRV-1", "PRN-4", "SRV-3"]),
        (S::Category, ["LT-9", "PRN-4", "SRV-1", "SRV-3", "SW-2"]),
        (S::Status, ["SRV-1", "SRV-3", "SW-2", "PRN-4", "LT-9"]),
        (S::Location, ["LT-9", "PRN-4", "SRV-3", "SRV-1", "SW-2"]),
        (S::Manufacturer, ["PRN-4", "SW-2", "SRV-3", "SRV-1", "LT-9"]),
        (S::Model, ["SW-2", "PRN-4", "SRV-3", "SRV-1", "LT-9"]),
        (S::Serial, ["SRV-1", "LT-9", "SRV-3", "PRN-4", "SW-2"]),
        (S::Hostname, ["SW-2", "SRV-1", "LT-9", "PRN-4", "SRV-3"]),
        (S::IpAddress, ["SRV-1", "SRV-3", "SW-2", "PRN-4", "LT-9"]),
        (S::AssignedTo, ["SRV-1", "SW-2", "LT-9", "PRN-4", "SRV-3"]),
        (S::PurchaseDate, ["PRN-4", "SRV-1", "SRV-3", "SW-2", "LT-9"]),
        (S::PurchaseCost, ["PRN-4", "LT-9", "SW-2", "SRV-3", "SRV-1"]),
        (S::EndOfLife, ["PRN-4", "SRV-1", "SRV-3", "LT-9", "SW-2"]),
        (S::EndOfSupport, ["PRN-4", "SRV-1", "SRV-3", "LT-9", "SW-2"]),
        (S::UpdatedAt, ["SRV-3", "SRV-1", "SW-2", "LT-9", "PRN-4"]),
    ];
    for (sort, order) in expected {
        let asc = tags(
            &reg,
            AssetQuery {
                sort,
                ..AssetQuery::default()
            },
        );
        assert_eq!(asc, order, "{sort:?} ascending");
        let mut desc = order.to_vec();
        desc.reverse();
        assert_eq!(
            tags(
                &reg,
                AssetQuery {
                    sort,
                    descending: true,
                    ..AssetQuery::default()
                }
            ),
            desc,
            "{sort:?} descending"
        );
    }
}

#[test]
fn filters_by_status_category_and_location_subtree() {
    let (_dir, reg) = sample();
    let q = |f: AssetQuery| tags(&reg, f);
    assert_eq!(
        q(AssetQuery {
            status: Some(AssetStatus::InRepair),
            ..AssetQuery::default()
        }),
        ["SRV-1"]
    );
    let servers = reg
        .list_lookups(LookupKind::Category)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Server")
        .unwrap();
    assert_eq!(
        q(AssetQuery {
            category_id: Some(servers.id),
            ..AssetQuery::default()
        }),
        ["SRV-1", "SRV-3"]
    );
    let locations = reg.list_locations().unwrap();
    let id = |path: &str| {
        locations
            .iter()
            .find(|l| l.path == path)
            .unwrap_or_else(|| panic!("{path}"))
            .id
    };
    assert_eq!(
        q(AssetQuery {
            location_id: Some(id("HQ")),
            ..AssetQuery::default()
        }),
        ["SRV-1", "SRV-3", "SW-2"]
    );
    assert_eq!(
        q(AssetQuery {
            location_id: Some(id("HQ › Building A")),
            ..AssetQuery::default()
        }),
        ["SRV-1", "SRV-3"]
    );
    assert_eq!(
        q(AssetQuery {
            location_id: Some(id("HQ › Building A › Server room › Rack 2")),
            ..AssetQuery::default()
        }),
        ["SRV-1"]
    );
    let combined = AssetQuery {
        location_id: Some(id("HQ")),
        status: Some(AssetStatus::InService),
        category_id: Some(servers.id),
        ..AssetQuery::default()
    };
    assert_eq!(q(combined), ["SRV-3"]);
    let err = reg
        .list_assets(&AssetQuery {
            category_id: Some(999),
            ..AssetQuery::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("category_id"));
    let err = reg
        .list_assets(&AssetQuery {
            location_id: Some(999),
            ..AssetQuery::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("location_id"));
}

#[test]
fn pages_carry_the_total_of_all_matches() {
    let (_dir, mut reg) = temp_register();
    for i in 0..25 {
        reg.create_asset(&asset(&format!("PC-{i:03}"), "Office PC"))
            .unwrap();
    }
    let page = |offset, limit| {
        reg.list_assets(&AssetQuery {
            offset,
            limit,
            ..AssetQuery::default()
        })
        .unwrap()
    };
    let first = page(0, 10);
    assert_eq!((first.rows.len(), first.total), (10, 25));
    assert_eq!(first.rows[0].tag, "PC-000");
    let third = page(20, 10);
    assert_eq!((third.rows.len(), third.total), (5, 25));
    assert_eq!(third.rows[0].tag, "PC-020");
    let beyond = page(100, 10);
    assert_eq!((beyond.rows.len(), beyond.total), (0, 25));
    let capped = page(0, 5000);
    assert_eq!(capped.rows.len(), 25);
}

#[test]
fn free_text_search_matches_word_prefixes_across_fields_and_never_fails_on_syntax() {
    let (_dir, reg) = sample();
    let search = |s: &str| {
        tags(
            &reg,
            AssetQuery {
                search: Some(s.into()),
                include_archived: true,
                ..AssetQuery::default()
            },
        )
    };
    assert_eq!(search("datab"), ["SRV-1"], "prefix of the name");
    assert_eq!(search("sn-e"), ["SW-2"], "serial");
    assert_eq!(search("10.0.1"), ["LT-9", "PRN-4"], "IP prefix");
    assert_eq!(search("thinkpad"), ["LT-9"], "model");
    assert_eq!(
        search("server notes"),
        ["SRV-1", "SRV-3"],
        "all words must match"
    );
    assert_eq!(search("srv-3"), ["SRV-3"], "tag");
    for nasty in [
        "\"",
        "web\" OR \"x",
        "*",
        "(",
        "NEAR(a b)",
        "a:b",
        "-",
        "^web",
        "AND",
        "'; DROP TABLE assets; --",
    ] {
        reg.list_assets(&AssetQuery {
            search: Some(nasty.into()),
            ..AssetQuery::default()
        })
        .unwrap_or_else(|e| panic!("{nasty:?}: {e}"));
    }
    assert!(search("nothing-like-this").is_empty());
    let status_and_search = AssetQuery {
        search: Some("server".into()),
        status: Some(AssetStatus::InRepair),
        ..AssetQuery::default()
    };
    assert_eq!(tags(&reg, status_and_search), ["SRV-1"]);
}

#[test]
fn search_follows_updates() {
    let (_dir, mut reg) = temp_register();
    let a = reg
        .create_asset(&asset("AP-1", "Lobby access point"))
        .unwrap();
    let mut input = reg.asset_input(&a);
    input.name = "Canteen access point".into();
    reg.update_asset(a.id, &input).unwrap();
    let find = |s: &str| {
        reg.list_assets(&AssetQuery {
            search: Some(s.into()),
            ..AssetQuery::default()
        })
        .unwrap()
        .total
    };
    assert_eq!(find("lobby"), 0);
    assert_eq!(find("canteen"), 1);
}

#[test]
fn totals_from_the_maintained_counts_equal_counting_the_rows_after_changes() {
    let mut reg = Register::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
    demo::generate(&mut reg, 300, 3, today).unwrap();
    // Change statuses, categories and archive flags of a few assets.
    for id in [1, 2, 3, 50, 120] {
        let a = reg.get_asset(id).unwrap();
        let mut input = reg.asset_input(&a);
        input.status = "in_repair".into();
        input.category = if id % 2 == 0 {
            "Storage".into()
        } else {
            "Brand new category".into()
        };
        reg.update_asset(id, &input).unwrap();
    }
    reg.archive_asset(7).unwrap();
    reg.archive_asset(8).unwrap();
    reg.restore_asset(8).unwrap();
    let categories = reg.list_lookups(LookupKind::Category).unwrap();
    let mut checked = 0;
    for status in [None].into_iter().chain(AssetStatus::ALL.map(Some)) {
        for category in [None]
            .into_iter()
            .chain(categories.iter().map(|c| Some(c.id)))
        {
            for include_archived in [false, true] {
                let q = AssetQuery {
                    status,
                    category_id: category,
                    include_archived,
                    ..AssetQuery::default()
                };
                let fast = reg
                    .list_assets(&AssetQuery {
                        limit: 1,
                        ..q.clone()
                    })
                    .unwrap()
                    .total;
                let rows = reg
                    .list_assets(&AssetQuery { limit: 1000, ..q })
                    .unwrap()
                    .rows
                    .len() as u64;
                assert_eq!(
                    fast, rows,
                    "{status:?} {category:?} archived={include_archived}"
                );
                checked += u64::from(rows > 1);
            }
        }
    }
    assert!(checked > 20, "enough non-trivial combinations: {checked}");
    assert!(reg.check().unwrap().is_empty());
}

/// A team register's list keeps the lookups' names in memory: names that
/// another desk gives (a new maker, location, person or supplier, none of
/// them known when the list last read its names) show in the next page,
/// as they do on a file.
#[test]
fn names_given_at_another_desk_show_in_the_next_page() {
    let (_dir, mut reg) = temp_register();
    let created = reg
        .create_asset(&AssetInput {
            manufacturer: "Dell".into(),
            location: "HQ › Room 1".into(),
            ..asset("SRV-1", "Mail server")
        })
        .unwrap();
    let first = reg.list_assets(&AssetQuery::default()).unwrap();
    assert_eq!(first.rows[0].manufacturer.as_deref(), Some("Dell"));
    assert_eq!(first.rows[0].location.as_deref(), Some("HQ › Room 1"));

    let mut other = reg.open_again().unwrap();
    let mut input = other.asset_input(&created);
    input.manufacturer = "Lenovo".into();
    input.location = "HQ › Room 2".into();
    input.assigned_to = "Anna".into();
    input.supplier = "Acme Supplies".into();
    other.update_asset(created.id, &input).unwrap();
    let other_category = other
        .create_asset(&AssetInput {
            category: "Printer".into(),
            ..asset("PRN-1", "Floor printer")
        })
        .unwrap();

    let next = reg.list_assets(&AssetQuery::default()).unwrap();
    let srv = next.rows.iter().find(|a| a.tag == "SRV-1").unwrap();
    assert_eq!(srv.manufacturer.as_deref(), Some("Lenovo"));
    assert_eq!(srv.location.as_deref(), Some("HQ › Room 2"));
    assert_eq!(srv.assigned_to.as_deref(), Some("Anna"));
    assert_eq!(srv.supplier.as_deref(), Some("Acme Supplies"));
    let prn = next.rows.iter().find(|a| a.tag == "PRN-1").unwrap();
    assert_eq!(prn.category, "Printer");
    assert_eq!(prn.category_id, other_category.category_id);
    // The page's names are those of the stored assets, read one by one.
    for row in &next.rows {
        assert_eq!(row, &reg.get_asset(row.id).unwrap());
    }
}
