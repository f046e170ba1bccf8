//! Changing many assets at once (both stores): one write for the whole
//! selection, a history entry per changed asset, the new value checked
//! once, and an undo that refuses when someone changed an asset since.

use crate::common::{asset, temp_register};
use tend_core::register::{BulkAction, BulkSelection};
use tend_core::*;

fn ten(reg: &mut Register) -> Vec<i64> {
    (1..=10)
        .map(|i| {
            reg.create_asset(&asset(&format!("PC-{i:02}"), "Desk PC"))
                .unwrap()
                .id
        })
        .collect()
}

fn status_of(reg: &Register, id: i64) -> AssetStatus {
    reg.get_asset(id).unwrap().status
}

#[test]
fn ten_assets_change_status_in_one_write_and_the_undo_puts_them_back() {
    let (_dir, mut reg) = temp_register();
    reg.set_author("anna").unwrap();
    let ids = ten(&mut reg);
    let mut one = reg.asset_input(&reg.get_asset(ids[0]).unwrap());
    one.status = "in repair".into();
    reg.update_asset(ids[0], &one).unwrap();
    let untouched = reg.get_asset(ids[0]).unwrap().updated_at;

    let (done, undo) = reg
        .bulk_change(
            &ids,
            &BulkAction::SetStatus {
                status: "in repair".into(),
            },
        )
        .unwrap();
    assert_eq!((done.selected, done.changed), (10, 9));
    assert_eq!(done.summary, "Status set to in repair on 9 assets");
    assert!(ids
        .iter()
        .all(|&id| status_of(&reg, id) == AssetStatus::InRepair));
    assert_eq!(
        reg.get_asset(ids[0]).unwrap().updated_at,
        untouched,
        "already so: left alone"
    );
    let history = reg.asset_history(ids[5], 10).unwrap();
    let entry = history
        .iter()
        .find(|h| h.field.as_deref() == Some("status"))
        .unwrap();
    assert_eq!(entry.author.as_deref(), Some("anna"));

    let back = reg.undo_bulk_change(&undo).unwrap();
    assert_eq!(back.changed, 9);
    assert_eq!(
        status_of(&reg, ids[0]),
        AssetStatus::InRepair,
        "it was so before"
    );
    assert!(ids[1..]
        .iter()
        .all(|&id| status_of(&reg, id) == AssetStatus::InService));
}

#[test]
fn an_undo_is_refused_whole_when_someone_changed_an_asset_since() {
    let (_dir, mut reg) = temp_register();
    let ids = ten(&mut reg);
    let (_, undo) = reg
        .bulk_change(
            &ids,
            &BulkAction::SetLocation {
                location: "HQ › Store room".into(),
            },
        )
        .unwrap();
    let mut other = reg.open_again().unwrap();
    other.set_author("ben").unwrap();
    let mut form = other.asset_input(&other.get_asset(ids[3]).unwrap());
    form.name = "Ben's PC".into();
    other.update_asset(ids[3], &form).unwrap();

    let e = reg.undo_bulk_change(&undo).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(
        e.to_string().contains("PC-04") && e.to_string().contains("ben"),
        "{e}"
    );
    // Nothing was taken back.
    assert!(ids
        .iter()
        .all(|&id| reg.get_asset(id).unwrap().location.as_deref() == Some("HQ › Store room")));
}

#[test]
fn a_bad_value_is_named_and_changes_nothing_and_archive_comes_back_by_undo() {
    let (_dir, mut reg) = temp_register();
    let ids = ten(&mut reg);
    let e = reg
        .bulk_change(
            &ids,
            &BulkAction::SetStatus {
                status: "melted".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation);
    assert!(e.to_string().starts_with("status:"), "{e}");
    assert!(ids
        .iter()
        .all(|&id| status_of(&reg, id) == AssetStatus::InService));

    let everything = BulkSelection {
        ids: vec![],
        query: Some(AssetQuery {
            search: Some("PC".into()),
            ..AssetQuery::default()
        }),
    };
    let selected = reg.selected_ids(&everything).unwrap();
    assert_eq!(selected.len(), 10);
    let (done, undo) = reg.bulk_change(&selected, &BulkAction::Archive).unwrap();
    assert_eq!(done.changed, 10);
    let listed = |reg: &Register| reg.list_assets(&AssetQuery::default()).unwrap().total;
    assert_eq!(listed(&reg), 0, "archived assets leave the list");
    reg.undo_bulk_change(&undo).unwrap();
    assert_eq!(listed(&reg), 10);
    let both = BulkSelection {
        ids: vec![],
        query: None,
    };
    assert!(reg.selected_ids(&both).is_err());
}

#[test]
fn a_template_reaches_the_selected_assets_in_use_once() {
    let (_dir, mut reg) = temp_register();
    let ids = ten(&mut reg);
    reg.ensure_lookup(LookupKind::Category, "PC").unwrap();
    let template = reg
        .create_template(&PlanTemplateInput {
            category: "PC".into(),
            plan: PlanInput {
                title: "Clean the fans".into(),
                every: "6".into(),
                unit: "months".into(),
                anchoring: "fixed".into(),
                ..PlanInput::default()
            },
            ..PlanTemplateInput::default()
        })
        .unwrap();
    let mut retired = reg.asset_input(&reg.get_asset(ids[2]).unwrap());
    retired.status = "retired".into();
    reg.update_asset(ids[2], &retired).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();

    let applied = reg
        .apply_template_to(template.id, &ids[..4], today)
        .unwrap();
    assert_eq!(
        (applied.assets, applied.created, applied.already_planned),
        (3, 3, 0),
        "the retired one is not in use"
    );
    assert!(reg.list_plans(ids[2]).unwrap().is_empty());
    assert_eq!(reg.list_plans(ids[0]).unwrap()[0].title, "Clean the fans");
    assert!(reg.list_plans(ids[4]).unwrap().is_empty(), "not selected");

    let again = reg
        .apply_template_to(template.id, &ids[..5], today)
        .unwrap();
    assert_eq!((again.created, again.already_planned), (1, 3));
    let err = reg.apply_template_to(template.id, &[], today).unwrap_err();
    assert_eq!(err.field(), Some("selection"));
}

#[test]
fn the_due_list_follows_a_bulk_change_of_status_and_a_tag_s_case() {
    let (_dir, mut reg) = temp_register();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let ids: Vec<i64> = (1..=3)
        .map(|i| {
            reg.create_asset(&AssetInput {
                end_of_life: "2027-01-01".into(),
                ..asset(&format!("pc-{i}"), "Desk PC")
            })
            .unwrap()
            .id
        })
        .collect();
    let listed = |reg: &Register| -> Vec<String> {
        let mut tags: Vec<String> = reg
            .due_list(&DueQuery::default(), today)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.asset_tag.clone())
            .collect();
        tags.sort();
        tags
    };
    assert_eq!(listed(&reg), ["pc-1", "pc-2", "pc-3"]);
    let set = |reg: &mut Register, status: &str| {
        reg.bulk_change(
            &ids[..2],
            &BulkAction::SetStatus {
                status: status.into(),
            },
        )
        .unwrap();
    };
    // Between statuses that are listed: the same entries.
    set(&mut reg, "in repair");
    assert_eq!(listed(&reg), ["pc-1", "pc-2", "pc-3"]);
    // Retired: gone; in use again: back.
    set(&mut reg, "retired");
    assert_eq!(listed(&reg), ["pc-3"]);
    set(&mut reg, "spare");
    assert_eq!(listed(&reg), ["pc-1", "pc-2", "pc-3"]);
    // A tag's case is shown as written.
    let mut input = reg.asset_input(&reg.get_asset(ids[2]).unwrap());
    input.tag = "PC-3".into();
    reg.update_asset(ids[2], &input).unwrap();
    assert_eq!(listed(&reg), ["PC-3", "pc-1", "pc-2"]);
}
