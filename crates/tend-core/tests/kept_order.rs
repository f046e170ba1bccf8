//! The list order the desktop keeps (both stores): every block at any depth
//! is the page `list_assets` gives, the ids are read once per filter and
//! sort, and again after the register changed.

use crate::common::{asset, on_postgres, temp_register};
use tend_core::*;

fn tags(page: &AssetPage) -> Vec<String> {
    page.rows.iter().map(|a| a.tag.clone()).collect()
}

#[test]
fn every_block_is_the_page_the_register_gives() {
    let (_dir, mut reg) = temp_register();
    for i in 0..57 {
        let mut input = asset(&format!("A-{i:03}"), &format!("Name {}", (i * 7) % 13));
        input.status = if i % 3 == 0 { "spare" } else { "in service" }.into();
        reg.create_asset(&input).unwrap();
    }
    let mut kept = KeptOrder::new();
    for sort in [
        AssetSortColumn::Tag,
        AssetSortColumn::Name,
        AssetSortColumn::Status,
    ] {
        for descending in [false, true] {
            for offset in [0, 10, 50, 56, 57, 80] {
                let q = AssetQuery {
                    sort,
                    descending,
                    offset,
                    limit: 10,
                    ..AssetQuery::default()
                };
                let want = reg.list_assets(&q).unwrap();
                let got = kept.page(&reg, &q).unwrap();
                assert_eq!(tags(&got), tags(&want), "{sort:?} {descending} at {offset}");
                assert_eq!(got.total, want.total);
            }
        }
    }
    if !on_postgres() {
        assert_eq!(
            kept.reads(),
            6,
            "once per sort and direction (not for the top)"
        );
    }

    // A new asset: the next block knows it.
    let q = AssetQuery {
        status: Some(AssetStatus::Spare),
        limit: 100,
        ..AssetQuery::default()
    };
    let before = kept.page(&reg, &q).unwrap().total;
    let mut input = asset("A-999", "Late");
    input.status = "spare".into();
    reg.create_asset(&input).unwrap();
    let after = kept.page(&reg, &q).unwrap();
    assert_eq!(after.total, before + 1);
    assert_eq!(after.rows.last().unwrap().tag, "A-999");
}

/// The whole-order path: every sort (lookups' names too, empty values,
/// equal values), both directions, with archived assets and each kind of
/// filter, gives at every depth the page `list_assets` gives.
#[test]
fn every_sort_and_filter_gives_the_registers_pages() {
    let (_dir, mut reg) = temp_register();
    let places = ["", "HQ", "HQ › Room 1", "HQ › Room 2", "Annex › Cage"];
    let kinds = ["", "Server", "switch", "Laptop"];
    let makers = ["", "Dell", "hp", "Cisco"];
    let people = ["", "Anna", "bob"];
    let mut ids = Vec::new();
    for i in 0..90usize {
        let mut input = asset(
            &format!("T-{:03}", (i * 37) % 90),
            &format!("Box {}", i % 7),
        );
        input.status = ["in service", "spare", "in repair"][i % 3].into();
        input.location = places[i % places.len()].into();
        input.category = kinds[i % kinds.len()].into();
        input.manufacturer = makers[(i / 2) % makers.len()].into();
        input.assigned_to = people[(i / 3) % people.len()].into();
        input.model = if i % 4 == 0 {
            String::new()
        } else {
            format!("M{}", i % 5)
        };
        input.purchase_date = if i % 6 == 0 {
            String::new()
        } else {
            format!("2024-0{}-1{}", 1 + i % 9, i % 10)
        };
        input.purchase_cost = if i % 5 == 0 {
            String::new()
        } else {
            format!("{}.00", i % 11)
        };
        input.currency = "EUR".into();
        ids.push(reg.create_asset(&input).unwrap().id);
    }
    for id in ids.iter().step_by(8) {
        reg.archive_asset(*id).unwrap();
    }
    let category = reg
        .list_lookups(LookupKind::Category)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Server")
        .unwrap()
        .id;
    let hq = reg
        .list_locations()
        .unwrap()
        .into_iter()
        .find(|l| l.path == "HQ")
        .unwrap()
        .id;
    let filters = [
        AssetQuery::default(),
        AssetQuery {
            include_archived: true,
            ..AssetQuery::default()
        },
        AssetQuery {
            status: Some(AssetStatus::Spare),
            ..AssetQuery::default()
        },
        AssetQuery {
            category_id: Some(category),
            include_archived: true,
            ..AssetQuery::default()
        },
        AssetQuery {
            location_id: Some(hq),
            ..AssetQuery::default()
        },
        AssetQuery {
            search: Some("box".into()),
            ..AssetQuery::default()
        },
    ];
    use AssetSortColumn as S;
    let sorts = [
        S::Tag,
        S::Name,
        S::Category,
        S::Status,
        S::Location,
        S::Manufacturer,
        S::Model,
        S::Serial,
        S::Hostname,
        S::IpAddress,
        S::AssignedTo,
        S::PurchaseDate,
        S::PurchaseCost,
        S::EndOfLife,
        S::EndOfSupport,
        S::UpdatedAt,
    ];
    let mut kept = KeptOrder::new();
    for filter in &filters {
        for sort in sorts {
            for descending in [false, true] {
                for offset in [0, 7, 30, 61, 85] {
                    let q = AssetQuery {
                        sort,
                        descending,
                        offset,
                        limit: 12,
                        ..filter.clone()
                    };
                    let want = reg.list_assets(&q).unwrap();
                    let got = kept.page(&reg, &q).unwrap();
                    assert_eq!(tags(&got), tags(&want), "{q:?}");
                    assert_eq!(got.total, want.total, "{q:?}");
                }
            }
        }
    }
}
