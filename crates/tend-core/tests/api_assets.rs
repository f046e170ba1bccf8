//! Assets through the API: create, get, update with history, archive/restore.

use crate::common::{asset, temp_register};
use tend_core::*;

#[test]
fn create_then_get_returns_every_field() {
    let (_dir, mut reg) = temp_register();
    let mut input = asset(" SRV-0001 ", "Primary DB server");
    input.category = "server".into();
    input.manufacturer = "Dell".into();
    input.model = "PowerEdge R750".into();
    input.serial = "ABC123".into();
    input.status = "in repair".into();
    input.location = "HQ › Building A › Server room › Rack 3".into();
    input.rack_unit = "12".into();
    input.assigned_to = "Infra team".into();
    input.hostname = "db01.example.com".into();
    input.ip_address = "10.0.0.5".into();
    input.mac_address = "00-1A-2B-3C-4D-5E".into();
    input.purchase_date = "2023-04-01".into();
    input.purchase_cost = "12345.6".into();
    input.supplier = "Insight".into();
    input.end_of_support = "2028-04-01".into();
    input
        .custom_fields
        .insert("cost centre".into(), "IT-01".into());
    let created = reg.create_asset(&input).unwrap();
    assert_eq!(created.tag, "SRV-0001");
    assert_eq!(
        created.category, "Server",
        "existing category matched ignoring case"
    );
    assert_eq!(created.status, AssetStatus::InRepair);
    assert_eq!(
        created.location.as_deref(),
        Some("HQ › Building A › Server room › Rack 3")
    );
    assert_eq!(created.rack_unit, Some(tend_core::RackUnit::whole(12)));
    assert_eq!(created.mac_address.as_deref(), Some("00:1a:2b:3c:4d:5e"));
    assert_eq!(
        created.purchase_cost,
        Some(Money {
            minor: 1_234_560,
            currency: "EUR".into()
        })
    );
    assert_eq!(
        created.custom_fields.get("cost centre").map(String::as_str),
        Some("IT-01")
    );
    let fetched = reg.get_asset(created.id).unwrap();
    assert_eq!(fetched, created);
    assert_eq!(reg.get_asset_by_tag("srv-0001").unwrap().id, created.id);
    assert_eq!(reg.asset_input(&fetched).purchase_cost, "12345.60");
}

#[test]
fn update_records_one_history_entry_per_changed_field() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SW-1", "Core switch")).unwrap();
    let mut input = reg.asset_input(&a);
    input.status = "in_repair".into();
    input.hostname = "core-sw1".into();
    let updated = reg.update_asset(a.id, &input).unwrap();
    assert_eq!(updated.status, AssetStatus::InRepair);
    let history = reg.asset_history(a.id, 10).unwrap();
    let fields: Vec<_> = history.iter().filter_map(|h| h.field.as_deref()).collect();
    assert_eq!(history.len(), 3, "{history:?}");
    assert!(fields.contains(&"status") && fields.contains(&"hostname"));
    let status = history
        .iter()
        .find(|h| h.field.as_deref() == Some("status"))
        .unwrap();
    assert_eq!(status.old_value.as_deref(), Some("in service"));
    assert_eq!(status.new_value.as_deref(), Some("in repair"));
    assert_eq!(history.last().unwrap().action, ChangeAction::Created);
    // An update that changes nothing writes nothing (made on the saved
    // version: the old one would be refused as changed meanwhile).
    input.expected_updated_at = updated.updated_at.clone();
    reg.update_asset(a.id, &input).unwrap();
    assert_eq!(reg.asset_history(a.id, 10).unwrap().len(), 3);
}

#[test]
fn archive_hides_from_the_default_list_and_restore_brings_back() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("PC-1", "Reception PC")).unwrap();
    reg.create_asset(&asset("PC-2", "Office PC")).unwrap();
    let archived = reg.archive_asset(a.id).unwrap();
    assert!(archived.archived_at.is_some());
    let page = reg.list_assets(&AssetQuery::default()).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].tag, "PC-2");
    let all = reg
        .list_assets(&AssetQuery {
            include_archived: true,
            ..AssetQuery::default()
        })
        .unwrap();
    assert_eq!(all.total, 2);
    let restored = reg.restore_asset(a.id).unwrap();
    assert!(restored.archived_at.is_none());
    assert_eq!(reg.list_assets(&AssetQuery::default()).unwrap().total, 2);
    let actions: Vec<_> = reg
        .asset_history(a.id, 10)
        .unwrap()
        .iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(
        actions,
        vec![
            ChangeAction::Restored,
            ChangeAction::Archived,
            ChangeAction::Created
        ]
    );
}

#[test]
fn duplicate_tag_differing_in_case_is_a_conflict_on_tag() {
    let (_dir, mut reg) = temp_register();
    reg.create_asset(&asset("SRV-0042", "Web")).unwrap();
    let err = reg
        .create_asset(&asset("srv-0042", "Other web"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(err.field(), Some("tag"));
    assert_eq!(reg.count_assets().unwrap(), 1);
    let b = reg.create_asset(&asset("SRV-0043", "Mail")).unwrap();
    let err = reg
        .update_asset(b.id, &asset("Srv-0042", "Mail"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
}
