//! How flag values are read (statuses, sort columns, custom fields), and how a
//! field named in a core error maps back to the flag that set it.

use crate::args::Cli;
use clap::CommandFactory;
use std::collections::BTreeSet;
use tend_core::{AssetSortColumn, AssetStatus};

/// The limits on asset fields, from the core's validation.
pub fn limits_help() -> String {
    use tend_core::validate::*;
    format!(
        "Limits: tag 1 to {TAG_MAX} characters, unique ignoring case; name and other text at \
         most {NAME_MAX} characters; notes at most {NOTES_MAX}; at most {CUSTOM_FIELDS_MAX} \
         custom fields; rack unit a whole or half unit (10.5) from 1 to the setting \
         {RACK_UNITS_SETTING} (default {RACK_UNIT_MAX}). Costs are never negative."
    )
}

/// The flag that sets a core input field, when its name differs from the
/// field's ("purchase_cost" is set by "--cost"), for error messages.
pub fn flag_for_field(field: &str) -> Option<String> {
    let base = field.split('.').next().unwrap_or(field);
    let flag = match base {
        "purchase_cost" => "cost",
        "ip_address" => "ip",
        "mac_address" => "mac",
        "end_of_life" => "eol",
        "end_of_support" => "eos",
        "performed_on" => "date",
        "performed_by" => "by",
        "downtime_minutes" => "downtime",
        "parts_used" => "parts",
        "external_ref" | "reference" => "ref",
        "start_date" => "start",
        "end_date" => "end",
        "coverage_id" => "coverage",
        "covered_by_warranty" => "covered",
        "custom_fields" => "field",
        _ => return None,
    };
    let known = long_flags(&Cli::command());
    known.contains(flag).then(|| format!("--{flag}"))
}

/// Every long flag of `command` and its subcommands.
fn long_flags(command: &clap::Command) -> BTreeSet<String> {
    let mut flags: BTreeSet<String> = command
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_owned))
        .collect();
    for sub in command.get_subcommands() {
        flags.extend(long_flags(sub));
    }
    flags
}

/// Parses `KEY=VALUE` (the value may be empty, the key may not).
pub fn parse_custom_field(s: &str) -> Result<(String, String), CustomFieldSyntax> {
    match s.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err(CustomFieldSyntax),
    }
}

/// A `--field` value that is not `KEY=VALUE`.
#[derive(Debug, thiserror::Error)]
#[error("expected KEY=VALUE with a non-empty KEY")]
pub struct CustomFieldSyntax;

/// Parses a status identifier or label ("in_service", "in service", "spare").
pub fn parse_status(s: &str) -> Result<AssetStatus, UnknownValue> {
    AssetStatus::parse(s).ok_or_else(|| UnknownValue {
        expected: AssetStatus::ALL
            .iter()
            .map(|st| st.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Parses a sort column by its identifier ("purchase_date").
pub fn parse_sort_column(s: &str) -> Result<AssetSortColumn, UnknownValue> {
    let id = s.trim().to_ascii_lowercase().replace('-', "_");
    serde_json::from_value(serde_json::Value::String(id)).map_err(|_| UnknownValue {
        expected: SORT_COLUMNS.join(", "),
    })
}

/// The identifiers of [`AssetSortColumn`], for messages.
const SORT_COLUMNS: [&str; 16] = [
    "tag",
    "name",
    "category",
    "status",
    "location",
    "manufacturer",
    "model",
    "serial",
    "hostname",
    "ip_address",
    "assigned_to",
    "purchase_date",
    "purchase_cost",
    "end_of_life",
    "end_of_support",
    "updated_at",
];

/// A value that is not one of those a flag accepts.
#[derive(Debug, thiserror::Error)]
#[error("expected one of {expected}")]
pub struct UnknownValue {
    expected: String,
}

/// A cover state for `--cover`: in_cover, ending, ended, none.
pub fn parse_cover_state(s: &str) -> Result<tend_core::CoverState, UnknownValue> {
    use tend_core::CoverState as C;
    match s.trim().to_lowercase().replace('-', "_").as_str() {
        "in_cover" => Ok(C::InCover),
        "ending" => Ok(C::Ending),
        "ended" => Ok(C::Ended),
        "none" => Ok(C::None),
        _ => Err(UnknownValue {
            expected: "in_cover, ending, ended, none".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sort_column_named_in_messages_parses() {
        for name in SORT_COLUMNS {
            assert!(parse_sort_column(name).is_ok(), "{name}");
        }
        assert_eq!(
            parse_sort_column("Purchase-Date").unwrap(),
            AssetSortColumn::PurchaseDate
        );
        assert!(parse_sort_column("colour").is_err());
    }

    #[test]
    fn statuses_parse_by_identifier_and_label() {
        assert_eq!(parse_status("in service").unwrap(), AssetStatus::InService);
        assert_eq!(parse_status("spare").unwrap(), AssetStatus::Spare);
        assert!(parse_status("broken").is_err());
    }

    #[test]
    fn fields_named_unlike_their_flag_are_mapped_to_it() {
        for (field, flag) in [
            ("purchase_cost", "--cost"),
            ("end_of_support", "--eos"),
            ("downtime_minutes", "--downtime"),
            ("external_ref", "--ref"),
            ("end_date", "--end"),
            ("custom_fields.owner", "--field"),
        ] {
            assert_eq!(flag_for_field(field).as_deref(), Some(flag), "{field}");
        }
        assert_eq!(flag_for_field("tag"), None);
    }

    #[test]
    fn custom_fields_need_a_key() {
        assert_eq!(
            parse_custom_field("rack=R1").unwrap(),
            ("rack".to_owned(), "R1".to_owned())
        );
        assert_eq!(
            parse_custom_field("rack=").unwrap(),
            ("rack".to_owned(), String::new())
        );
        assert!(parse_custom_field("=x").is_err());
        assert!(parse_custom_field("rack").is_err());
    }
}
