//! Bad input: each is refused with an error naming its field, and nothing is written.

use crate::common::{asset, temp_register};
use tend_core::*;

/// A change that spoils one field of a valid input.
type Spoil = Box<dyn Fn(&mut AssetInput)>;

#[test]
fn each_bad_asset_value_is_a_validation_error_naming_its_field() {
    let (_dir, mut reg) = temp_register();
    let long = "x".repeat(201);
    let cases: Vec<(&str, Spoil)> = vec![
        ("tag", Box::new(|i| i.tag = "   ".into())),
        ("tag", Box::new(|i| i.tag = "x".repeat(65))),
        ("tag", Box::new(|i| i.tag = "SRV\t1".into())),
        ("name", Box::new(|i| i.name = String::new())),
        ("name", Box::new(move |i| i.name = long.clone())),
        ("model", Box::new(|i| i.model = "m".repeat(201))),
        ("notes", Box::new(|i| i.notes = "n".repeat(10_001))),
        ("status", Box::new(|i| i.status = "broken".into())),
        (
            "purchase_date",
            Box::new(|i| i.purchase_date = "03/04/2025".into()),
        ),
        (
            "purchase_date",
            Box::new(|i| i.purchase_date = "2025-02-30".into()),
        ),
        (
            "end_of_life",
            Box::new(|i| i.end_of_life = "2025-1-5".into()),
        ),
        ("purchase_cost", Box::new(|i| i.purchase_cost = "-5".into())),
        (
            "purchase_cost",
            Box::new(|i| i.purchase_cost = "12.345".into()),
        ),
        (
            "purchase_cost",
            Box::new(|i| i.purchase_cost = "1,5".into()),
        ),
        ("currency", Box::new(|i| i.currency = "EURO".into())),
        (
            "rack_unit",
            Box::new(|i| {
                i.location = "HQ".into();
                // Above the default highest unit (100); half units are fine.
                i.rack_unit = "101".into()
            }),
        ),
        (
            "rack_unit",
            Box::new(|i| {
                i.location = "HQ".into();
                i.rack_unit = "0".into()
            }),
        ),
        (
            "rack_unit",
            Box::new(|i| {
                i.location = "HQ".into();
                i.rack_unit = "10.25".into()
            }),
        ),
        (
            "mac_address",
            Box::new(|i| i.mac_address = "00:11:22".into()),
        ),
        (
            "ip_address",
            Box::new(|i| i.ip_address = "300.1.1.1".into()),
        ),
        ("hostname", Box::new(|i| i.hostname = "web server".into())),
        ("location", Box::new(|i| i.location = "HQ ›  › Room".into())),
    ];
    for (field, spoil) in cases {
        let mut input = asset("SRV-1", "Server");
        spoil(&mut input);
        let err = reg.create_asset(&input).expect_err(field);
        assert_eq!(err.code(), ErrorCode::Validation, "{field}: {err}");
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(reg.count_assets().unwrap(), 0, "nothing written");
}

#[test]
fn messages_say_what_was_expected_and_what_was_given() {
    let (_dir, mut reg) = temp_register();
    let err = reg
        .create_asset(&AssetInput {
            purchase_date: "03/04/2025".into(),
            ..asset("A", "B")
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("YYYY-MM-DD") && err.to_string().contains("03/04/2025"),
        "{err}"
    );
    let err = reg
        .create_asset(&AssetInput {
            purchase_cost: "-5".into(),
            ..asset("A", "B")
        })
        .unwrap_err();
    assert!(err.to_string().contains("must not be negative"), "{err}");
    let err = reg
        .create_asset(&AssetInput {
            status: "broken".into(),
            ..asset("A", "B")
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("in_service") && err.to_string().contains("lost"),
        "lists allowed values: {err}"
    );
    let api = ApiError::from(&err);
    assert_eq!(api.code, ErrorCode::Validation);
    assert_eq!(api.field.as_deref(), Some("status"));
}

#[test]
fn accepted_values_are_normalised() {
    let (_dir, mut reg) = temp_register();
    let a = reg
        .create_asset(&AssetInput {
            purchase_cost: "1234.5".into(),
            currency: "jpy".into(),
            ..asset("A-1", "x")
        })
        .unwrap_err();
    assert_eq!(a.field(), Some("purchase_cost"), "JPY has no minor digits");
    let a = reg
        .create_asset(&AssetInput {
            purchase_cost: "1234".into(),
            currency: "jpy".into(),
            mac_address: "001A.2B3C.4D5E".into(),
            ip_address: "2001:DB8::1".into(),
            status: "Spare / in stock".into(),
            ..asset("A-1", "x")
        })
        .unwrap();
    assert_eq!(
        a.purchase_cost,
        Some(Money {
            minor: 1234,
            currency: "JPY".into()
        })
    );
    assert_eq!(a.mac_address.as_deref(), Some("00:1a:2b:3c:4d:5e"));
    assert_eq!(a.ip_address.as_deref(), Some("2001:db8::1"));
    assert_eq!(a.status, AssetStatus::Spare);
    assert_eq!(a.category, "Other");
}

#[test]
fn bad_coverage_and_work_values_name_their_fields() {
    let (_dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SRV-1", "Server")).unwrap();
    let cov = |f: fn(&mut CoverageInput)| {
        let mut i = CoverageInput {
            end_date: "2026-01-01".into(),
            ..CoverageInput::default()
        };
        f(&mut i);
        i
    };
    let cases: [(&str, CoverageInput); 5] = [
        ("end_date", cov(|i| i.end_date = String::new())),
        ("kind", cov(|i| i.kind = "insurance".into())),
        ("cost", cov(|i| i.cost = "-1".into())),
        ("notice_days", cov(|i| i.notice_days = "soon".into())),
        ("end_date", cov(|i| i.start_date = "2027-01-01".into())),
    ];
    for (field, input) in cases {
        assert_eq!(
            reg.create_coverage(a.id, &input).unwrap_err().field(),
            Some(field)
        );
    }
    let work = |f: fn(&mut WorkLogInput)| {
        let mut i = WorkLogInput {
            summary: "Fixed".into(),
            ..WorkLogInput::default()
        };
        f(&mut i);
        i
    };
    let cases: [(&str, WorkLogInput); 5] = [
        ("summary", work(|i| i.summary = " ".into())),
        ("kind", work(|i| i.kind = "party".into())),
        ("outcome", work(|i| i.outcome = "maybe".into())),
        (
            "downtime_minutes",
            work(|i| i.downtime_minutes = "-3".into()),
        ),
        (
            "performed_on",
            work(|i| i.performed_on = "yesterday".into()),
        ),
    ];
    for (field, input) in cases {
        assert_eq!(
            reg.create_work(a.id, &input).unwrap_err().field(),
            Some(field)
        );
    }
    assert!(reg.list_coverage(a.id).unwrap().is_empty());
    assert!(reg.list_work(a.id, 10).unwrap().is_empty());
    assert_eq!(
        reg.create_work(999, &work(|_| ())).unwrap_err().code(),
        ErrorCode::NotFound
    );
}
