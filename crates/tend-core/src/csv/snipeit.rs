//! Snipe-IT: its asset importer files (labels such as "Asset Tag", "Model
//! Name", "Warranty (months)") with their aliases, and its asset list export
//! ("Serial", "Model", "Warranty Expires"). Its status labels are the
//! user's own; the usual ones map, the rest are reported.

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::{Importer, StatusReading};
use crate::model::AssetStatus;
use std::borrow::Cow;

pub struct SnipeIt;

impl Importer for SnipeIt {
    fn format(&self) -> ImportFormat {
        ImportFormat::SnipeIt
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        let known = [
            "assettag",
            "modelname",
            "warrantymonths",
            "assetname",
            "serialnumber",
        ];
        normalised
            .iter()
            .any(|n| known.contains(&n.as_str()))
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
            _ => return None,
        })
    }

    fn name_from_model(&self) -> bool {
        true
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![(vec![Target::Tag, Target::Serial], "Asset Tag")]
    }

    fn status(&self, value: &str) -> StatusReading {
        let norm = super::header::normalise(value);
        let status = match norm.as_str() {
            "readytodeploy" | "pending" | "instock" | "available" => AssetStatus::Spare,
            "deployed" | "deployable" | "inuse" => AssetStatus::InService,
            "archived" => AssetStatus::Retired,
            "outforrepair" | "broken" | "outformaintenance" | "inrepair" => AssetStatus::InRepair,
            "lost" | "stolen" | "loststolen" => AssetStatus::Lost,
            "disposed" | "scrapped" => AssetStatus::Disposed,
            _ => {
                return match AssetStatus::parse(value) {
                    Some(s) => StatusReading::Known(s),
                    None => StatusReading::Unmapped(AssetStatus::InService),
                }
            }
        };
        StatusReading::Known(status)
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
