//! Homebox exports: `HB.*` columns in any order, current and older names
//! (`HB.purchase_time`, `HB.labels`), `HB.field.<Name>` as custom fields,
//! locations with " / " between levels, tags separated by ";".

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::Importer;
use std::borrow::Cow;

pub struct Homebox;

impl Importer for Homebox {
    fn format(&self) -> ImportFormat {
        ImportFormat::Homebox
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        normalised
            .iter()
            .any(|n| n == "hbname" || n == "hblocation")
            .then_some(ImportKind::Assets)
    }

    fn target(&self, kind: ImportKind, name: &str, normalised: &str) -> Option<Target> {
        if kind != ImportKind::Assets {
            return None;
        }
        let trimmed = name.trim();
        if let Some(field) = trimmed
            .get(..9)
            .filter(|p| p.eq_ignore_ascii_case("HB.field."))
            .map(|_| trimmed[9..].trim())
            .filter(|f| !f.is_empty())
        {
            return Some(Target::Custom(field.to_string()));
        }
        Some(match normalised {
            "hbname" => Target::Name,
            "hbassetid" => Target::Tag,
            "hbserialnumber" => Target::Serial,
            "hbmanufacturer" => Target::Manufacturer,
            "hbmodelnumber" => Target::Model,
            "hblocation" => Target::Location,
            "hbpurchasedate" | "hbpurchasetime" => Target::PurchaseDate,
            "hbpurchaseprice" => Target::PurchaseCost,
            "hbpurchasefrom" => Target::Supplier,
            "hbwarrantyexpires" => Target::WarrantyEnd,
            "hbwarrantydetails" => Target::WarrantyDetails,
            "hbdescription" | "hbnotes" => Target::Notes,
            "hbtags" | "hblabels" => Target::Custom("Tags".into()),
            "hburl" => Target::Custom("URL".into()),
            "hbarchived" => Target::Archived,
            _ => return None,
        })
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![
            (vec![Target::Name], "HB.name"),
            (vec![Target::Location], "HB.location"),
            (vec![Target::Tag, Target::Serial], "HB.asset_id"),
        ]
    }

    fn clean<'a>(&self, target: &Target, value: &'a str) -> Cow<'a, str> {
        let v = value.trim();
        match target {
            // Homebox writes its zero time for "no date" and 0 for "no price".
            Target::PurchaseDate | Target::WarrantyEnd if v.starts_with("0001-01-01") => {
                Cow::Borrowed("")
            }
            Target::PurchaseCost
                if v.trim_start_matches('0')
                    .trim_start_matches('.')
                    .trim_start_matches('0')
                    .is_empty() =>
            {
                Cow::Borrowed("")
            }
            Target::Custom(name) if name == "Tags" => Cow::Owned(
                v.split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Target::Archived => Cow::Borrowed(match v.to_ascii_lowercase().as_str() {
                "true" | "t" | "1" | "yes" => "yes",
                _ => "",
            }),
            _ => Cow::Borrowed(value),
        }
    }
}
