//! NetBox device exports and bulk-import files: name, role, device type,
//! manufacturer, site › location › rack with a position, serial, asset tag,
//! status slugs, `cf_<name>` custom fields. A device without an asset tag
//! takes its name as the tag.

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::{Importer, StatusReading};
use crate::model::AssetStatus;
use std::borrow::Cow;

pub struct Netbox;

impl Importer for Netbox {
    fn format(&self) -> ImportFormat {
        ImportFormat::Netbox
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        let has = |n: &str| normalised.iter().any(|h| h == n);
        (has("devicetype") || (has("site") && (has("role") || has("devicerole"))))
            .then_some(ImportKind::Assets)
    }

    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target> {
        if kind != ImportKind::Assets {
            return None;
        }
        let trimmed = name.trim();
        if let Some(field) = trimmed
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("cf_"))
            .map(|_| trimmed[3..].trim())
            .filter(|f| !f.is_empty())
        {
            return Some(Target::Custom(field.to_string()));
        }
        Some(match normalised {
            "name" => Target::Name,
            "assettag" => Target::Tag,
            "role" | "devicerole" => Target::Category,
            "devicetype" => Target::Model,
            "manufacturer" => Target::Manufacturer,
            "platform" => Target::Firmware,
            "serial" => Target::Serial,
            "status" => Target::Status,
            "site" => Target::LocationLevel(0),
            "location" => Target::LocationLevel(1),
            "rack" => Target::LocationLevel(2),
            "position" => Target::RackUnit,
            "tenant" => Target::AssignedTo,
            "description" | "comments" => Target::Notes,
            _ => return None,
        })
    }

    fn tag_fallback(&self) -> Option<Target> {
        Some(Target::Name)
    }

    fn name_from_model(&self) -> bool {
        true
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![(vec![Target::Name, Target::Tag], "name")]
    }

    fn status(&self, value: &str) -> StatusReading {
        let status = match super::header::normalise(value).as_str() {
            "active" => AssetStatus::InService,
            "offline" | "planned" | "staged" | "inventory" => AssetStatus::Spare,
            "failed" => AssetStatus::InRepair,
            "decommissioning" => AssetStatus::Retired,
            _ => return StatusReading::Unmapped(AssetStatus::InService),
        };
        StatusReading::Known(status)
    }

    fn clean<'a>(&self, target: &Target, value: &'a str) -> Cow<'a, str> {
        match target {
            // Positions are decimals ("12.0"); half units are refused later.
            Target::RackUnit => Cow::Borrowed(value.trim().trim_end_matches(".0")),
            _ => Cow::Borrowed(value),
        }
    }
}
