//! NetBox devices: the bulk-import column names (`name`, `device_type`,
//! `asset_tag`, `cf_<name>`) and the headers its user interface exports
//! ("Name", "Type", "Position (U)", "Serial number", "Primary IPv4", "ID").
//! Site, location and rack are separate columns, so a "/" in a name stays
//! in the name. A device without an asset tag is identified by its NetBox
//! ID (as the tag `netbox-<ID>`), else by its name; an unnamed device takes
//! its model as its name, never as its tag.

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::{Cells, Identity, Importer};
use crate::model::AssetStatus;
use std::borrow::Cow;

pub struct Netbox;

/// The custom field that keeps a device's NetBox ID.
pub const NETBOX_ID: &str = "NetBox ID";

/// NetBox's columns that feed no field of Tend (computed, or about
/// NetBox's own objects); listed in the preview for the user to map.
const KNOWN_UNUSED: &[&str] = &[
    "parentdevice",
    "devicebay",
    "virtualchassis",
    "vcposition",
    "vcpriority",
    "cluster",
    "configtemplate",
    "region",
    "sitegroup",
    "tenantgroup",
    "oobip",
    "primaryipv6",
    "primaryip6",
    "latitude",
    "longitude",
    "created",
    "lastupdated",
    "consoleports",
    "interfaces",
    "powerports",
    "modules",
    "inventoryitems",
];

/// A device's name as NetBox writes "no name".
fn unnamed(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v.eq_ignore_ascii_case("unnamed device") || v == "—"
}

impl Importer for Netbox {
    fn format(&self) -> ImportFormat {
        ImportFormat::Netbox
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        let has = |n: &str| normalised.iter().any(|h| h == n);
        let device_type = has("devicetype") || has("type");
        let role = has("role") || has("devicerole");
        (has("site") && (device_type || role) || has("devicetype") && has("name"))
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
            "name" | "device" => Target::Name,
            "assettag" => Target::Tag,
            "role" | "devicerole" => Target::Category,
            "devicetype" | "type" => Target::Model,
            "manufacturer" => Target::Manufacturer,
            "platform" => Target::Firmware,
            "serial" | "serialnumber" => Target::Serial,
            "status" => Target::Status,
            "site" => Target::LocationLevel(0),
            "location" => Target::LocationLevel(1),
            "rack" => Target::LocationLevel(2),
            "position" | "positionu" => Target::RackUnit,
            "tenant" => Target::AssignedTo,
            "ipaddress" | "primaryip" | "primaryipv4" | "primaryip4" => Target::IpAddress,
            "description" | "comments" => Target::Notes,
            "id" => Target::Custom(NETBOX_ID.into()),
            "face" | "rackface" => Target::Custom("Rack face".into()),
            "airflow" => Target::Custom("Airflow".into()),
            "tags" => Target::Custom("Tags".into()),
            _ => return None,
        })
    }

    fn knows(&self, kind: ImportKind, name: &str, normalised: &str) -> bool {
        self.target(kind, name, normalised).is_some() || KNOWN_UNUSED.contains(&normalised)
    }

    fn identity(&self, cells: Cells<'_>) -> Option<Identity> {
        if let Some((column, id)) = cells(&Target::Custom(NETBOX_ID.into())) {
            if !id.is_empty() {
                return Some(Identity {
                    tag: format!("netbox-{id}"),
                    column,
                    what: format!("its NetBox ID {id}"),
                });
            }
        }
        let (column, name) = cells(&Target::Name)?;
        (!unnamed(&name)).then(|| Identity {
            tag: name.clone(),
            column,
            what: format!("its name \"{name}\" (export the ID column to tell devices apart)"),
        })
    }

    fn name_from_model(&self) -> bool {
        true
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![(
            vec![Target::Name, Target::Tag, Target::Custom(NETBOX_ID.into())],
            "name",
        )]
    }

    fn status_table(&self) -> &'static [(&'static str, AssetStatus)] {
        &[
            ("active", AssetStatus::InService),
            ("offline", AssetStatus::Spare),
            ("planned", AssetStatus::Spare),
            ("staged", AssetStatus::Spare),
            ("inventory", AssetStatus::Spare),
            ("failed", AssetStatus::InRepair),
            ("decommissioning", AssetStatus::Retired),
        ]
    }

    fn clean<'a>(&self, target: &Target, value: &'a str) -> Cow<'a, str> {
        match target {
            // Positions are decimals ("12.0", "10.5").
            Target::RackUnit => Cow::Borrowed(value.trim().trim_end_matches(".0")),
            Target::Name if unnamed(value) => Cow::Borrowed(""),
            // The user interface writes "—" in an empty cell.
            _ if value.trim() == "—" => Cow::Borrowed(""),
            _ => Cow::Borrowed(value),
        }
    }
}
