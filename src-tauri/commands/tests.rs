//! What the web view can send, and what it gets back: every argument of
//! every command, decoded as [`Payload`](crate::payload::Payload) decodes it,
//! from malformed and oversized JSON (wrong types, unknown fields, long text,
//! long lists, unknown enum values, bad ids); each is refused with a
//! `validation` error naming the argument or the field inside it, and nothing
//! panics. Well-shaped payloads with bad values (dates, choices, lengths) are
//! then refused by the core the command calls. Last, the command list is the
//! same in the manifest, the handler and the capability.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tend_core::backups::KeepInput;
use tend_core::csv::{ExportKind, ExportOptions, ImportOptions};
use tend_core::payload::{ITEMS_MAX, TEXT_MAX};
use tend_core::report::ReportOptions;
use tend_core::settings::Settings;
use tend_core::store::postgres::address::ServerFields;
use tend_core::*;

use crate::payload::decode;

type Decoder = fn(&str, Value) -> Result<(), ApiError>;

fn decoder<T: DeserializeOwned>() -> Decoder {
    |key, value| decode::<T>(key, value).map(|_| ())
}

/// Every argument the web view sends (state and app handles are not sent):
/// command, argument name, its decoder and a well-formed value.
fn arguments() -> Vec<(&'static str, &'static str, Decoder, Value)> {
    let id = || json!(1);
    let obj = || json!({});
    vec![
        ("list_assets", "query", decoder::<AssetQuery>(), obj()),
        ("get_asset", "id", decoder::<Id>(), id()),
        ("asset_input", "id", decoder::<Id>(), id()),
        ("create_asset", "input", decoder::<AssetInput>(), obj()),
        ("update_asset", "id", decoder::<Id>(), id()),
        ("update_asset", "input", decoder::<AssetInput>(), obj()),
        ("archive_asset", "id", decoder::<Id>(), id()),
        ("restore_asset", "id", decoder::<Id>(), id()),
        ("list_coverage", "asset_id", decoder::<Id>(), id()),
        ("list_attachments", "asset_id", decoder::<Id>(), id()),
        (
            "bulk_change",
            "selection",
            decoder::<tend_core::register::BulkSelection>(),
            json!({"ids": [1], "query": null}),
        ),
        (
            "bulk_change",
            "action",
            decoder::<tend_core::register::BulkAction>(),
            json!({"action": "archive"}),
        ),
        (
            "bulk_apply_template",
            "selection",
            decoder::<tend_core::register::BulkSelection>(),
            json!({"ids": [1], "query": null}),
        ),
        ("bulk_apply_template", "template_id", decoder::<Id>(), id()),
        (
            "choose_attachment_files",
            "start",
            decoder::<String>(),
            json!(""),
        ),
        (
            "attach_files",
            "files_chosen",
            decoder::<Vec<String>>(),
            json!(["t"]),
        ),
        (
            "attach_files",
            "request",
            decoder::<tend_core::attachments::AttachRequest>(),
            json!({"asset_ids": [1], "to": {"kind": "asset"}, "query": null, "note": ""}),
        ),
        ("attachment_preview", "id", decoder::<Id>(), id()),
        ("open_attachment", "id", decoder::<Id>(), id()),
        ("save_attachment_as", "id", decoder::<Id>(), id()),
        ("remove_attachment", "id", decoder::<Id>(), id()),
        (
            "label_preview",
            "request",
            decoder::<tend_core::labels::LabelRequest>(),
            obj(),
        ),
        (
            "write_labels",
            "request",
            decoder::<tend_core::labels::LabelRequest>(),
            obj(),
        ),
        ("write_labels", "path", decoder::<String>(), json!("t")),
        ("write_labels", "open_after", decoder::<bool>(), json!(true)),
        (
            "print_labels",
            "request",
            decoder::<tend_core::labels::LabelRequest>(),
            obj(),
        ),
        ("print_labels", "printer", decoder::<String>(), json!("p")),
        (
            "send_labels_zpl",
            "request",
            decoder::<tend_core::labels::LabelRequest>(),
            obj(),
        ),
        (
            "send_labels_zpl",
            "printer",
            decoder::<String>(),
            json!("zebra"),
        ),
        (
            "save_labels_zpl",
            "request",
            decoder::<tend_core::labels::LabelRequest>(),
            obj(),
        ),
        (
            "save_labels_zpl",
            "start",
            decoder::<String>(),
            json!("labels.zpl"),
        ),
        ("create_coverage", "asset_id", decoder::<Id>(), id()),
        (
            "create_coverage",
            "input",
            decoder::<CoverageInput>(),
            obj(),
        ),
        ("update_coverage", "id", decoder::<Id>(), id()),
        (
            "update_coverage",
            "input",
            decoder::<CoverageInput>(),
            obj(),
        ),
        ("delete_coverage", "id", decoder::<Id>(), id()),
        (
            "choose_import_file",
            "start",
            decoder::<String>(),
            json!(""),
        ),
        ("inspect_import", "file", decoder::<String>(), json!("t")),
        (
            "inspect_import",
            "options",
            decoder::<ImportOptions>(),
            obj(),
        ),
        ("preview_import", "file", decoder::<String>(), json!("t")),
        (
            "preview_import",
            "options",
            decoder::<ImportOptions>(),
            obj(),
        ),
        ("run_import", "file", decoder::<String>(), json!("t")),
        ("run_import", "options", decoder::<ImportOptions>(), obj()),
        (
            "save_import_problems",
            "file",
            decoder::<String>(),
            json!("t"),
        ),
        (
            "save_import_problems",
            "options",
            decoder::<ImportOptions>(),
            obj(),
        ),
        (
            "export_csv",
            "kind",
            decoder::<ExportKind>(),
            json!("assets"),
        ),
        ("export_csv", "options", decoder::<ExportOptions>(), obj()),
        ("list_work", "asset_id", decoder::<Id>(), id()),
        ("list_work", "limit", decoder::<u32>(), json!(50)),
        ("create_work", "asset_id", decoder::<Id>(), id()),
        ("create_work", "input", decoder::<WorkLogInput>(), obj()),
        ("asset_history", "asset_id", decoder::<Id>(), id()),
        ("asset_history", "limit", decoder::<u32>(), json!(50)),
        (
            "list_lookups",
            "kind",
            decoder::<LookupKind>(),
            json!("category"),
        ),
        ("load_demo", "assets", decoder::<u32>(), json!(200)),
        ("list_plans", "asset_id", decoder::<Id>(), id()),
        ("plan_detail", "id", decoder::<Id>(), id()),
        ("create_plan", "asset_id", decoder::<Id>(), id()),
        ("create_plan", "input", decoder::<PlanInput>(), obj()),
        ("update_plan", "id", decoder::<Id>(), id()),
        ("update_plan", "input", decoder::<PlanInput>(), obj()),
        ("delete_plan", "id", decoder::<Id>(), id()),
        ("complete_plan", "id", decoder::<Id>(), id()),
        (
            "complete_plan",
            "input",
            decoder::<CompletionInput>(),
            obj(),
        ),
        ("skip_plan", "id", decoder::<Id>(), id()),
        (
            "skip_plan",
            "reason",
            decoder::<String>(),
            json!("no access"),
        ),
        (
            "skip_plan",
            "occurrence",
            decoder::<String>(),
            json!("2030-01-01"),
        ),
        ("snooze_plan", "id", decoder::<Id>(), id()),
        (
            "snooze_plan",
            "until",
            decoder::<String>(),
            json!("2030-01-01"),
        ),
        (
            "snooze_plan",
            "occurrence",
            decoder::<String>(),
            json!("2030-01-01"),
        ),
        ("pause_plan", "id", decoder::<Id>(), id()),
        ("resume_plan", "id", decoder::<Id>(), id()),
        ("undo_plan", "id", decoder::<Id>(), id()),
        (
            "create_template",
            "input",
            decoder::<PlanTemplateInput>(),
            obj(),
        ),
        ("apply_template", "id", decoder::<Id>(), id()),
        ("delete_template", "id", decoder::<Id>(), id()),
        ("due_list", "query", decoder::<DueQuery>(), obj()),
        ("rack_view", "rack_id", decoder::<Id>(), id()),
        ("rename_location", "id", decoder::<Id>(), id()),
        (
            "rename_location",
            "name",
            decoder::<String>(),
            json!("Room"),
        ),
        ("move_location", "id", decoder::<Id>(), id()),
        ("move_location", "parent_id", decoder::<Id>(), id()),
        (
            "set_model_height",
            "model",
            decoder::<String>(),
            json!("R750"),
        ),
        ("set_model_height", "units", decoder::<u32>(), json!(2)),
        ("work_coverage", "asset_id", decoder::<Id>(), id()),
        (
            "work_coverage",
            "performed_on",
            decoder::<String>(),
            json!("2026-01-31"),
        ),
        (
            "choose_report_path",
            "start",
            decoder::<String>(),
            json!("x.pdf"),
        ),
        ("write_report", "options", decoder::<ReportOptions>(), obj()),
        ("write_report", "path", decoder::<String>(), json!("t")),
        (
            "write_report",
            "open_after",
            decoder::<bool>(),
            json!(false),
        ),
        ("update_settings", "input", decoder::<Settings>(), obj()),
        ("choose_logo", "start", decoder::<String>(), json!("")),
        (
            "restore_preview",
            "name",
            decoder::<String>(),
            json!("b.sqlite"),
        ),
        (
            "restore_backup",
            "name",
            decoder::<String>(),
            json!("b.sqlite"),
        ),
        (
            "set_backup_keep",
            "keep",
            decoder::<KeepInput>(),
            json!({ "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12 }),
        ),
        (
            "choose_backup_folder",
            "start",
            decoder::<String>(),
            json!(""),
        ),
        ("choose_ca_file", "start", decoder::<String>(), json!("")),
        (
            "test_register_connection",
            "server",
            decoder::<ServerFields>(),
            obj(),
        ),
        (
            "test_register_connection",
            "password",
            decoder::<String>(),
            json!("pw"),
        ),
        (
            "test_register_connection",
            "ca_file",
            decoder::<String>(),
            json!(""),
        ),
        (
            "use_server_register",
            "server",
            decoder::<ServerFields>(),
            json!({ "host": "db", "port": 5432, "database": "tend", "user": "anna", "tls": "verify-full" }),
        ),
        (
            "use_server_register",
            "password",
            decoder::<String>(),
            json!("pw"),
        ),
        (
            "use_server_register",
            "ca_file",
            decoder::<String>(),
            json!(""),
        ),
    ]
}

/// Values wrong for any argument: wrong types, unknown fields, and sizes over
/// the limits.
fn malformed(good: &Value) -> Vec<Value> {
    let long = "x".repeat(TEXT_MAX + 1);
    // (An empty list is no malformed struct: serde also reads a struct from
    // the list of its field values in order, checked the same way, and `[]`
    // is then every field's default.)
    let mut bad = vec![
        json!([1, 2, 3]),
        json!(long),
        json!(vec![0; ITEMS_MAX + 1]),
        json!({ "__proto__": { "admin": true } }),
        json!({ "zzz": 1 }),
    ];
    match good {
        Value::String(_) => bad.extend([json!(null), json!(7), json!(true), json!({}), json!([])]),
        Value::Number(_) => bad.extend([
            json!(null),
            json!([]),
            json!("1"),
            json!(-1),
            json!(1.5),
            json!(1e300),
            json!(u64::MAX),
            json!(-9_223_372_036_854_775_807i64),
            json!({}),
        ]),
        Value::Bool(_) => bad.extend([json!(null), json!("true"), json!(1), json!({}), json!([])]),
        Value::Object(_) => bad.extend([
            json!("{}"),
            json!(3),
            json!({ "limit": "fifty", "offset": -1, "kinds": "all" }),
            json!({ "a".repeat(TEXT_MAX + 1): 1 }),
        ]),
        Value::Array(_) => bad.extend([
            json!(null),
            json!("t"),
            json!({}),
            json!([7]),
            Value::Array(vec![json!("t"); ITEMS_MAX + 1]),
        ]),
        Value::Null => unreachable!("no argument is null"),
    }
    bad
}

#[test]
fn every_argument_refuses_malformed_and_oversized_payloads_as_validation_errors() {
    let mut checked = 0;
    for (command, arg, decode, good) in arguments() {
        decode(arg, good.clone())
            .unwrap_or_else(|e| panic!("{command}.{arg}: {good} should decode: {e:?}"));
        for bad in malformed(&good) {
            let shown: String = bad.to_string().chars().take(60).collect();
            let outcome = std::panic::catch_unwind(|| decode(arg, bad.clone()));
            let err = match outcome {
                Err(_) => panic!("{command}.{arg}: {shown} panicked"),
                Ok(Ok(())) => panic!("{command}.{arg}: {shown} was accepted"),
                Ok(Err(e)) => e,
            };
            assert_eq!(
                err.code,
                ErrorCode::Validation,
                "{command}.{arg}: {shown}: {err:?}"
            );
            let field = err.field.as_deref().unwrap_or_default();
            assert!(
                !field.is_empty(),
                "{command}.{arg}: {shown}: no field in {err:?}"
            );
            assert!(!err.message.is_empty());
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} cases");
}

#[test]
fn unknown_enum_values_and_fields_inside_payloads_are_refused() {
    let cases: Vec<(Decoder, Value)> = vec![
        (
            decoder::<AssetQuery>(),
            json!({ "sort": "name; DROP TABLE assets" }),
        ),
        (decoder::<AssetQuery>(), json!({ "status": "stolen" })),
        (decoder::<AssetQuery>(), json!({ "category_id": "1" })),
        (
            decoder::<AssetQuery>(),
            json!({ "limit": 4_294_967_296u64 }),
        ),
        (
            decoder::<DueQuery>(),
            json!({ "kinds": ["maintenance", "bogus"] }),
        ),
        (decoder::<DueQuery>(), json!({ "horizon_days": -30 })),
        (decoder::<ExportKind>(), json!("passwords")),
        (
            decoder::<ExportOptions>(),
            json!({ "query": { "search": "x", "extra": 1 } }),
        ),
        (decoder::<ImportOptions>(), json!({ "format": "excel" })),
        (decoder::<ServerFields>(), json!({ "tls": "always" })),
        (decoder::<ServerFields>(), json!({ "port": 65536 })),
        (
            decoder::<ServerFields>(),
            json!({ "host": "db", "password": "pw" }),
        ),
        (
            decoder::<ImportOptions>(),
            json!({ "mapping": [{ "column": "A" }] }),
        ),
        (
            decoder::<ImportOptions>(),
            json!({ "mapping": [{ "column": "A", "target": "tag", "x": 1 }] }),
        ),
        (decoder::<ImportOptions>(), json!({ "decimal": ";" })),
        (decoder::<ReportOptions>(), json!({ "kind": "everything" })),
        (decoder::<ReportOptions>(), json!({ "path": "/etc/passwd" })),
        (decoder::<Settings>(), json!({ "logo": "/etc/shadow" })),
        (
            decoder::<PlanTemplateInput>(),
            json!({ "plan": { "title": "x", "every": 3, "unit": "years" } }),
        ),
        (
            decoder::<PlanTemplateInput>(),
            json!({ "plan": { "bogus": "" } }),
        ),
        (decoder::<CompletionInput>(), json!({ "checked": "all" })),
        (decoder::<WorkLogInput>(), json!({ "coverage_id": "7" })),
        (
            decoder::<WorkLogInput>(),
            json!({ "covered_by_warranty": "yes" }),
        ),
        (
            decoder::<AssetInput>(),
            json!({ "custom_fields": ["a", "b"] }),
        ),
        (
            decoder::<AssetInput>(),
            json!({ "custom_fields": { "Room": 12 } }),
        ),
        (decoder::<LookupKind>(), json!("password")),
    ];
    for (decode, bad) in cases {
        let err = decode("arg", bad.clone()).expect_err(&bad.to_string());
        assert_eq!(err.code, ErrorCode::Validation, "{bad}: {err:?}");
    }
}

#[test]
fn the_sample_register_is_bounded_in_the_core() {
    let mut register = Register::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    for assets in [0, demo::ASSETS_MAX + 1, u64::MAX] {
        let err = ApiError::from(demo::generate(&mut register, assets, 42, today).unwrap_err());
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.field.as_deref(), Some("assets"));
    }
    assert_eq!(register.count_assets().unwrap(), 0);
}

/// Well-shaped payloads whose values are wrong reach the core, which refuses
/// them naming the field (as each command would answer).
#[test]
fn well_shaped_payloads_with_bad_values_are_refused_by_the_core() {
    let mut r = Register::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let asset = r
        .create_asset(&decode("input", json!({ "tag": "SRV-1", "name": "Web" })).unwrap())
        .unwrap();
    let long = "y".repeat(10_001);
    let validation = |result: Result<(), Error>, field: &str| {
        let err = ApiError::from(result.expect_err(field));
        assert_eq!(err.code, ErrorCode::Validation, "{field}: {err:?}");
        assert_eq!(err.field.as_deref(), Some(field), "{err:?}");
    };
    let asset_input = |v: Value| -> AssetInput { decode("input", v).unwrap() };
    validation(
        r.create_asset(&asset_input(json!({ "tag": "", "name": "x" })))
            .map(drop),
        "tag",
    );
    validation(
        r.create_asset(&asset_input(json!({ "tag": "T".repeat(65), "name": "x" })))
            .map(drop),
        "tag",
    );
    validation(
        r.create_asset(&asset_input(json!({ "tag": "A\u{0}B", "name": "x" })))
            .map(drop),
        "tag",
    );
    validation(
        r.create_asset(&asset_input(
            json!({ "tag": "T2", "name": "x", "purchase_date": "2025-02-30" }),
        ))
        .map(drop),
        "purchase_date",
    );
    validation(
        r.create_asset(&asset_input(
            json!({ "tag": "T2", "name": "x", "status": "stolen" }),
        ))
        .map(drop),
        "status",
    );
    validation(
        r.create_asset(&asset_input(
            json!({ "tag": "T2", "name": "x", "notes": long }),
        ))
        .map(drop),
        "notes",
    );
    validation(
        r.create_asset(&asset_input(
            json!({ "tag": "T2", "name": "x", "purchase_cost": "-5" }),
        ))
        .map(drop),
        "purchase_cost",
    );
    let coverage: CoverageInput = decode(
        "input",
        json!({ "kind": "lifetime", "end_date": "2027-01-01" }),
    )
    .unwrap();
    validation(r.create_coverage(asset.id, &coverage).map(drop), "kind");
    let coverage: CoverageInput = decode(
        "input",
        json!({ "kind": "support_contract", "end_date": "31/12/2027" }),
    )
    .unwrap();
    validation(r.create_coverage(asset.id, &coverage).map(drop), "end_date");
    let work: WorkLogInput = decode(
        "input",
        json!({ "kind": "repair", "summary": "x", "performed_on": "yesterday" }),
    )
    .unwrap();
    validation(r.create_work(asset.id, &work).map(drop), "performed_on");
    let plan: PlanInput = decode(
        "input",
        json!({ "title": "x", "every": "0", "unit": "years" }),
    )
    .unwrap();
    validation(r.create_plan(asset.id, &plan, today).map(drop), "every");
    let plan: PlanInput = decode(
        "input",
        json!({ "title": "x", "every": "1", "unit": "fortnights" }),
    )
    .unwrap();
    validation(r.create_plan(asset.id, &plan, today).map(drop), "unit");
    let query: AssetQuery = decode("query", json!({ "category_id": 999 })).unwrap();
    validation(r.list_assets(&query).map(drop), "category_id");
    let settings: Settings = decode(
        "input",
        json!({ "currency": "EURO", "paper_size": "A4", "date_format": "YYYY-MM-DD" }),
    )
    .unwrap();
    validation(r.update_settings(&settings).map(drop), "currency");
    // Ids that exist nowhere (but are well formed) are not found.
    let err = ApiError::from(r.get_asset(i64::MAX).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

/// The commands the manifest declares (build.rs), the ones lib.rs registers,
/// and the ones the main window's capability allows are the same list.
#[test]
fn manifest_handler_and_capability_name_the_same_commands() {
    let mut declared: Vec<String> = super::names::COMMANDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    declared.sort();
    let lib = include_str!("../lib.rs");
    let handler = &lib[lib.find("generate_handler![").expect("handler list")..];
    let handler = &handler[..handler.find("])").expect("end of handler list")];
    let mut registered: Vec<String> = handler
        .lines()
        .filter_map(|l| l.trim().strip_suffix(','))
        .filter_map(|path| path.rsplit("::").next())
        .map(str::to_string)
        .collect();
    registered.sort();
    assert_eq!(
        declared, registered,
        "src-tauri/commands/names.rs and lib.rs"
    );

    let capability: Value =
        serde_json::from_str(include_str!("../../capabilities/default.json")).unwrap();
    let mut allowed: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|slug| slug.replace('-', "_"))
        .collect();
    allowed.sort();
    assert_eq!(
        declared, allowed,
        "src-tauri/commands/names.rs and capabilities/default.json"
    );
    assert_eq!(capability["windows"], json!(["main"]));
}
