//! Tend's own files: exactly what `tend export` writes. Column names are
//! the field identifiers; the formula guard's apostrophe is removed.

use super::cell;
use super::field::Target;
use super::options::{ImportFormat, ImportKind};
use super::profile::Importer;
use std::borrow::Cow;

pub struct Tend;

fn has(normalised: &[String], name: &str) -> bool {
    normalised.iter().any(|n| n == name)
}

impl Importer for Tend {
    fn format(&self) -> ImportFormat {
        ImportFormat::Tend
    }

    fn recognise(&self, normalised: &[String]) -> Option<ImportKind> {
        if has(normalised, "tag") && has(normalised, "name") {
            Some(ImportKind::Assets)
        } else if has(normalised, "assettag")
            && has(normalised, "performedon")
            && has(normalised, "summary")
        {
            Some(ImportKind::WorkLog)
        } else if has(normalised, "assettag")
            && has(normalised, "enddate")
            && has(normalised, "kind")
        {
            Some(ImportKind::Coverage)
        } else {
            None
        }
    }

    fn target(&self, kind: ImportKind, _name: &str, normalised: &str) -> Option<Target> {
        // Tend's column names are the field identifiers.
        Target::for_kind(kind)
            .iter()
            .find(|t| super::header::normalise(&t.column_name(kind)) == normalised)
            .cloned()
    }

    fn required(&self, kind: ImportKind) -> Vec<(Vec<Target>, &'static str)> {
        match kind {
            ImportKind::Assets => vec![
                (vec![Target::Tag, Target::Serial], "tag"),
                (vec![Target::Name], "name"),
            ],
            ImportKind::WorkLog => vec![
                (vec![Target::AssetTag], "asset_tag"),
                (vec![Target::Summary], "summary"),
            ],
            ImportKind::Coverage => vec![
                (vec![Target::AssetTag], "asset_tag"),
                (vec![Target::EndDate], "end_date"),
            ],
        }
    }

    fn clean<'a>(&self, _target: &Target, value: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(cell::restore(value))
    }
}
