//! The locations screen (both stores): counts here and below, a rack's
//! devices by unit from their models' heights with overlaps flagged, and
//! renaming or moving a place with its subtree and history.

use crate::common::temp_register;
use chrono::NaiveDate;
use tend_core::*;

fn place(reg: &mut Register, tag: &str, location: &str, unit: &str, model: &str) -> i64 {
    reg.create_asset(&AssetInput {
        tag: tag.into(),
        name: format!("Device {tag}"),
        location: location.into(),
        rack_unit: unit.into(),
        model: model.into(),
        ..AssetInput::default()
    })
    .unwrap()
    .id
}

fn node<'a>(tree: &'a [LocationNode], path: &str) -> &'a LocationNode {
    tree.iter()
        .find(|n| n.location.path == path)
        .unwrap_or_else(|| panic!("{path} not in the tree"))
}

const RACK: &str = "HQ › Building A › Server room › Rack 3";

#[test]
fn the_tree_counts_assets_and_overdue_maintenance_here_and_below() {
    let (_dir, mut reg) = temp_register();
    let srv = place(&mut reg, "SRV-1", RACK, "1", "R750");
    place(&mut reg, "SW-1", "HQ › Building A › Server room", "", "");
    place(&mut reg, "PC-1", "Branch › Office", "", "");
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    reg.create_plan(
        srv,
        &PlanInput {
            title: "Check fans".into(),
            every: "1".into(),
            unit: "months".into(),
            anchoring: "fixed".into(),
            start_date: "2026-01-05".into(),
            ..PlanInput::default()
        },
        start,
    )
    .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let due = reg.due_list(&DueQuery::default(), today).unwrap();
    let tree = reg.location_tree(&due).unwrap();
    let paths: Vec<&str> = tree.iter().map(|n| n.location.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Branch",
            "Branch › Office",
            "HQ",
            "HQ › Building A",
            "HQ › Building A › Server room",
            RACK
        ],
        "depth first, by name"
    );
    assert_eq!(node(&tree, "HQ").assets, 2);
    assert_eq!(node(&tree, "HQ").overdue, 1);
    assert_eq!(node(&tree, RACK).assets, 1);
    assert_eq!(node(&tree, RACK).depth, 3);
    assert_eq!(node(&tree, "Branch").overdue, 0);
    assert_eq!(node(&tree, "Branch").assets, 1);
}

#[test]
fn a_rack_shows_devices_by_unit_with_their_models_heights_and_overlaps() {
    let (_dir, mut reg) = temp_register();
    place(&mut reg, "SRV-1", RACK, "1", "PowerEdge R750");
    place(&mut reg, "SRV-2", RACK, "2", "Unknown box");
    place(&mut reg, "SW-1", RACK, "10.5", "Switch 48");
    place(&mut reg, "UPS-1", RACK, "", "UPS 3000");
    reg.set_model_height("poweredge r750", 2).unwrap();
    let rack_id = reg.find_location(RACK).unwrap();
    let view = reg.rack_view(rack_id).unwrap();
    assert_eq!(view.units, 42);
    let shown: Vec<(&str, String, u32, bool)> = view
        .devices
        .iter()
        .map(|d| {
            (
                d.tag.as_str(),
                d.position.to_string(),
                d.height,
                d.height_known,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("SRV-1", "1".to_string(), 2, true),
            ("SRV-2", "2".to_string(), 1, false),
            ("SW-1", "10.5".to_string(), 1, false)
        ]
    );
    assert_eq!(view.devices[0].overlaps, ["SRV-2"], "2 U from U1 covers U2");
    assert_eq!(view.devices[1].overlaps, ["SRV-1"]);
    assert!(view.devices[2].overlaps.is_empty());
    assert_eq!(view.unplaced[0].tag, "UPS-1");

    place(&mut reg, "SAN-1", RACK, "45", "");
    assert_eq!(
        reg.rack_view(rack_id).unwrap().units,
        45,
        "a device higher up"
    );
    let room = reg.find_location("HQ › Building A › Server room").unwrap();
    assert_eq!(reg.rack_view(room).unwrap_err().field(), Some("rack_id"));
    assert_eq!(
        reg.set_model_height("R750", 0).unwrap_err().field(),
        Some("units")
    );
}

#[test]
fn renaming_or_moving_a_place_takes_its_subtree_along_with_history() {
    let (_dir, mut reg) = temp_register();
    reg.set_author("anna").unwrap();
    let srv = place(&mut reg, "SRV-1", RACK, "1", "");
    place(&mut reg, "PC-1", "HQ › Building B › Office", "", "");
    let before = reg.get_asset(srv).unwrap().updated_at;
    let room = reg.find_location("HQ › Building A › Server room").unwrap();

    let renamed = reg.rename_location(room, "Data hall").unwrap();
    assert_eq!(renamed.path, "HQ › Building A › Data hall");
    let asset = reg.get_asset(srv).unwrap();
    assert_eq!(
        asset.location.as_deref(),
        Some("HQ › Building A › Data hall › Rack 3")
    );
    assert_ne!(
        asset.updated_at, before,
        "an edit form opened before now conflicts"
    );
    let entry = reg
        .asset_history(srv, 10)
        .unwrap()
        .into_iter()
        .find(|h| h.field.as_deref() == Some("location"))
        .expect("a history entry for the asset");
    assert_eq!(entry.old_value.as_deref(), Some(RACK));
    assert_eq!(entry.author.as_deref(), Some("anna"));
    assert!(reg.find_location(RACK).is_err(), "the old path is gone");

    // A room moves to another building; the rack follows.
    let building_b = reg.find_location("HQ › Building B").unwrap();
    let moved = reg.move_location(room, building_b).unwrap();
    assert_eq!(moved.path, "HQ › Building B › Data hall");
    assert_eq!(
        reg.get_asset(srv).unwrap().location.as_deref(),
        Some("HQ › Building B › Data hall › Rack 3")
    );

    // Refused: a name taken beside it, a separator, a parent of the wrong level.
    let office = reg.find_location("HQ › Building B › Office").unwrap();
    assert_eq!(
        reg.rename_location(office, "data HALL")
            .unwrap_err()
            .field(),
        Some("name")
    );
    assert_eq!(
        reg.rename_location(office, "A › B").unwrap_err().field(),
        Some("name")
    );
    let hq = reg.find_location("HQ").unwrap();
    assert_eq!(
        reg.move_location(office, hq).unwrap_err().field(),
        Some("parent_id")
    );
    assert_eq!(
        reg.get_asset(srv).unwrap().location.as_deref(),
        Some("HQ › Building B › Data hall › Rack 3"),
        "nothing changed by a refusal"
    );
}
