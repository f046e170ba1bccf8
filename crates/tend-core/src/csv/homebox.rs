//! Homebox exports: `HB.*` columns in any order, current and older names
//! (`HB.purchase_time`, `HB.sold_time`, `HB.labels`), `HB.field.<Name>` as
//! custom fields, locations with " / " between levels, tags separated by
//! ";". Most Homebox items have no asset ID: an item is identified by its
//! asset ID when it has one (normalised as Homebox shows it: "1" is
//! "000-001"), else by Homebox's own import reference, else by its name and
//! location. What Tend has no field for (insured, lifetime warranty, sold,
//! quantity) is kept as custom fields.

use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::{Cells, Identity, Importer};
use crate::model::LOCATION_SEPARATOR;
use std::borrow::Cow;

pub struct Homebox;

/// The custom field that keeps Homebox's import reference.
pub const IMPORT_REF: &str = "Homebox import ref";

/// An asset ID as Homebox shows it: "1", "0001" and "000-001" are the same
/// item, "000-001"; 0 is Homebox's "no asset ID" (empty); a value that is
/// not a number is kept as written.
pub fn asset_id(value: &str) -> Cow<'_, str> {
    let v = value.trim();
    let digits: String = v.chars().filter(|c| *c != '-').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(v);
    }
    let Ok(n) = digits.trim_start_matches('0').parse::<u64>().or_else(|e| {
        if digits.trim_start_matches('0').is_empty() {
            Ok(0)
        } else {
            Err(e)
        }
    }) else {
        return Cow::Borrowed(v);
    };
    if n == 0 {
        return Cow::Borrowed("");
    }
    let padded = format!("{n:06}");
    let (head, tail) = padded.split_at(padded.len() - 3);
    Cow::Owned(format!("{head}-{tail}"))
}

/// A short stable hash (FNV-1a, 8 hex digits) of an item's name and
/// location, for items with neither an asset ID nor an import reference.
fn name_key(name: &str, location: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in name
        .trim()
        .to_lowercase()
        .bytes()
        .chain([0x1f])
        .chain(location.trim().to_lowercase().bytes())
    {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("HB-{hash:08x}")
}

fn boolean(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "1" | "yes" => Some(true),
        "false" | "f" | "0" | "no" | "" => Some(false),
        _ => None,
    }
}

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
        let custom = |name: &str| Target::Custom(name.to_string());
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
            "hbtags" | "hblabels" => custom("Tags"),
            "hburl" => custom("URL"),
            "hbarchived" => Target::Archived,
            "hbimportref" => custom(IMPORT_REF),
            "hbparentimportref" => custom("Homebox parent import ref"),
            "hbinsured" => custom("Insured"),
            "hblifetimewarranty" => custom("Lifetime warranty"),
            "hbsolddate" | "hbsoldtime" => custom("Sold on"),
            "hbsoldto" => custom("Sold to"),
            "hbsoldprice" => custom("Sold price"),
            "hbsoldnotes" => custom("Sold notes"),
            "hbquantity" => custom("Quantity"),
            _ => return None,
        })
    }

    fn identity(&self, cells: Cells<'_>) -> Option<Identity> {
        if let Some((column, reference)) = cells(&Target::Custom(IMPORT_REF.into())) {
            if !reference.is_empty() {
                return Some(Identity {
                    tag: format!("HB-{reference}"),
                    column,
                    what: format!("its Homebox import reference \"{reference}\""),
                });
            }
        }
        let (column, name) = cells(&Target::Name)?;
        let location = cells(&Target::Location).map(|(_, l)| l).unwrap_or_default();
        (!name.is_empty()).then(|| Identity {
            tag: name_key(&name, &location),
            column,
            what: format!(
                "its name \"{name}\" and location (it has no asset ID nor import reference)"
            ),
        })
    }

    fn required(&self, _kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        vec![
            (vec![Target::Name], "HB.name"),
            (vec![Target::Location], "HB.location"),
        ]
    }

    fn clean<'a>(&self, target: &Target, value: &'a str) -> Cow<'a, str> {
        let v = value.trim();
        match target {
            Target::Tag => asset_id(v),
            // Homebox's path has " / " between levels; a "/" without spaces
            // is part of a name.
            Target::Location => Cow::Owned(
                v.split(" / ")
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(LOCATION_SEPARATOR),
            ),
            // Homebox writes its zero time for "no date" and 0 for "no price".
            Target::PurchaseDate | Target::WarrantyEnd if v.starts_with("0001-01-01") => {
                Cow::Borrowed("")
            }
            Target::Custom(name) if name == "Sold on" && v.starts_with("0001-01-01") => {
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
            Target::Custom(name)
                if name == "Sold price" && v.trim_matches(['0', '.']).is_empty() =>
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
            // Yes-or-no fields: kept as "yes", nothing when false.
            Target::Custom(name) if name == "Insured" || name == "Lifetime warranty" => {
                match boolean(v) {
                    Some(true) => Cow::Borrowed("yes"),
                    Some(false) => Cow::Borrowed(""),
                    None => Cow::Borrowed(value),
                }
            }
            Target::Archived => Cow::Borrowed(match boolean(v) {
                Some(true) => "yes",
                _ => "",
            }),
            _ => Cow::Borrowed(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::asset_id;

    #[test]
    fn asset_ids_are_normalised_the_way_homebox_shows_them() {
        for (given, shown) in [
            ("1", "000-001"),
            ("000-001", "000-001"),
            ("0001", "000-001"),
            ("000001", "000-001"),
            ("1234", "001-234"),
            ("1234567", "1234-567"),
            ("0", ""),
            ("000-000", ""),
            ("A-17", "A-17"),
            ("", ""),
        ] {
            assert_eq!(asset_id(given), shown, "{given}");
        }
    }
}
