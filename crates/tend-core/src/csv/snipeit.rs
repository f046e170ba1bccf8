//! Snipe-IT: its asset importer files (labels such as "Asset Tag", "Model
//! Name", "Warranty (months)", "Checked Out to: First Name") with their
//! aliases, and its asset list export ("Serial", "Model", "Checked Out To",
//! "Warranty Expires"). Its status labels are the user's own; the usual ones
//! map by the table below, any other is a row problem.

use super::field::{AssigneePart, Target};
use super::options::{ImportFormat, ImportKind};
use super::profile::Importer;
use crate::model::AssetStatus;
use std::borrow::Cow;

pub struct SnipeIt;

/// Snipe-IT's columns that feed no field of Tend (computed by the export,
/// or about Snipe-IT itself); listed in the preview for the user to map.
const KNOWN_UNUSED: &[&str] = &[
    "id",
    "deviceimage",
    "imagefilename",
    "age",
    "eolrate",
    "checkouts",
    "checkins",
    "requests",
    "createdby",
    "createdat",
    "updatedat",
    "requestable",
    "byod",
    "modelnotes",
    "checkouttype",
    "checkouttolocation",
    "checkoutdate",
    "lastcheckindate",
    "expectedcheckindate",
    "lastaudit",
    "nextauditdate",
    "employeenumber",
    "defaultlocation",
    "address",
];

impl Importer for SnipeIt {
    fn format(&self) -> ImportFormat {
        ImportFormat::SnipeIt
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        // Columns only Snipe-IT writes; "Serial Number" alone is any
        // inventory's.
        let own = [
            "assettag",
            "modelname",
            "warrantymonths",
            "assetname",
            "checkedoutto",
            "checkedouttofullname",
            "checkedouttousername",
            "modelno",
        ];
        normalised
            .iter()
            .any(|n| own.contains(&n.as_str()))
            .then_some(ImportKind::Assets)
    }

    fn target(&self, kind: ImportKind, _name: &str, normalised: &str) -> Option<Target> {
        if kind != ImportKind::Assets {
            return None;
        }
        Some(match normalised {
            "assettag" => Target::Tag,
            "assetname" | "itemname" | "name" => Target::Name,
            "serialnumber" | "serial" | "serialno" | "productkey" | "key" => Target::Serial,
            "modelname" | "model" => Target::Model,
            "modelno" | "modelnumber" | "modelnum" => Target::Custom("Model No.".into()),
            "category" => Target::Category,
            "manufacturer" => Target::Manufacturer,
            "company" => Target::Custom("Company".into()),
            "location" => Target::Location,
            "supplier" => Target::Supplier,
            "ordernumber" => Target::OrderNumber,
            "purchasedate" | "purchased" => Target::PurchaseDate,
            "purchasecost" | "cost" => Target::PurchaseCost,
            "warrantymonths" | "warranty" => Target::WarrantyMonths,
            "warrantyexpires" => Target::WarrantyEnd,
            "eoldate" | "eol" | "asseteoldate" => Target::EndOfLife,
            "status" => Target::Status,
            "assetnotes" | "notes" => Target::Notes,
            "checkedouttofullname" | "checkedoutto" | "fullname" => Target::AssignedTo,
            "checkedouttofirstname" | "firstname" => {
                Target::AssignedToPart(AssigneePart::FirstName)
            }
            "checkedouttolastname" | "lastname" => Target::AssignedToPart(AssigneePart::LastName),
            "checkedouttousername" | "username" => Target::AssignedToPart(AssigneePart::Username),
            "checkedouttoemail" | "email" => Target::AssignedToPart(AssigneePart::Email),
            _ => return None,
        })
    }

    fn knows(&self, kind: ImportKind, name: &str, normalised: &str) -> bool {
        self.target(kind, name, normalised).is_some() || KNOWN_UNUSED.contains(&normalised)
    }

    fn name_from_model(&self) -> bool {
        true
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![(vec![Target::Tag, Target::Serial], "Asset Tag")]
    }

    fn status_table(&self) -> &'static [(&'static str, AssetStatus)] {
        &[
            ("Ready to Deploy", AssetStatus::Spare),
            ("Deployable", AssetStatus::Spare),
            ("Pending", AssetStatus::Spare),
            ("In Stock", AssetStatus::Spare),
            ("Available", AssetStatus::Spare),
            ("Deployed", AssetStatus::InService),
            ("In Use", AssetStatus::InService),
            ("Pending Diagnostics", AssetStatus::InRepair),
            ("Out for Repair", AssetStatus::InRepair),
            ("Out for Maintenance", AssetStatus::InRepair),
            ("Broken", AssetStatus::InRepair),
            ("Undeployable", AssetStatus::InRepair),
            ("Archived", AssetStatus::Retired),
            ("Lost/Stolen", AssetStatus::Lost),
            ("Stolen", AssetStatus::Lost),
            ("Scrapped", AssetStatus::Disposed),
        ]
    }

    fn clean<'a>(&self, target: &Target, value: &'a str) -> Cow<'a, str> {
        match target {
            // The list export writes "36 months".
            Target::WarrantyMonths => Cow::Borrowed(
                value
                    .trim()
                    .trim_end_matches("months")
                    .trim_end_matches("month")
                    .trim(),
            ),
            _ => Cow::Borrowed(value),
        }
    }
}
