//! Finding a category or a location by the name a person types (a CLI
//! filter, a report option): the one rule both front doors use.

use crate::model::{Location, LookupKind, LOCATION_SEPARATOR};
use crate::{Error, Register, Result};

/// The levels of a location path, trimmed and in lower case, whichever of
/// "›", ">" or "/" separates them.
fn path_levels(path: &str) -> Vec<String> {
    path.split(['›', '>', '/'])
        .map(|level| level.trim().to_lowercase())
        .filter(|level| !level.is_empty())
        .collect()
}

/// The id of the location with this full path, or else of the one location
/// with this name; an unknown or ambiguous name is a validation error on
/// `location` that says what to give instead.
pub(crate) fn location_in(locations: &[Location], path: &str) -> Result<i64> {
    let wanted = path_levels(path);
    if let Some(l) = locations.iter().find(|l| path_levels(&l.path) == wanted) {
        return Ok(l.id);
    }
    let named: Vec<&Location> = if wanted.len() == 1 {
        locations
            .iter()
            .filter(|l| l.name.trim().to_lowercase() == wanted[0])
            .collect()
    } else {
        Vec::new()
    };
    match named.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::validation(
            "location",
            format!(
                "no location '{path}' (give a path such as \"Site{LOCATION_SEPARATOR}Building{LOCATION_SEPARATOR}Room\")"
            ),
        )),
        many => {
            let paths: Vec<&str> = many.iter().map(|l| l.path.as_str()).collect();
            Err(Error::validation(
                "location",
                format!(
                    "'{path}' names {} locations ({}); give the full path",
                    many.len(),
                    paths.join("; ")
                ),
            ))
        }
    }
}

impl Register {
    /// The id of the category called `name` (ignoring case); an unknown
    /// name is a validation error on `category` listing the categories.
    pub fn find_category(&self, name: &str) -> Result<i64> {
        let categories = self.list_lookups(LookupKind::Category)?;
        let wanted = name.trim().to_lowercase();
        match categories.iter().find(|c| c.name.to_lowercase() == wanted) {
            Some(c) => Ok(c.id),
            None => {
                let known: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
                Err(Error::validation(
                    "category",
                    format!(
                        "no category named '{}' (the categories are: {})",
                        name.trim(),
                        known.join(", ")
                    ),
                ))
            }
        }
    }

    /// The id of the person or team called `name` (ignoring case); an
    /// unknown name is a validation error on `assigned_to`.
    pub fn find_person(&self, name: &str) -> Result<i64> {
        let people = self.list_lookups(LookupKind::Person)?;
        let wanted = name.trim().to_lowercase();
        people
            .iter()
            .find(|p| p.name.to_lowercase() == wanted)
            .map(|p| p.id)
            .ok_or_else(|| {
                Error::validation(
                    "assigned_to",
                    format!("no person or team named '{}'", name.trim()),
                )
            })
    }

    /// The id of the location `path` names: a full path ("HQ › Room 1",
    /// with "›", ">" or "/" between levels, ignoring case), or the one
    /// location with that name.
    pub fn find_location(&self, path: &str) -> Result<i64> {
        location_in(&self.list_locations()?, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LocationKind;

    fn loc(id: i64, name: &str, path: &str) -> Location {
        Location {
            id,
            parent_id: None,
            name: name.to_owned(),
            kind: LocationKind::Room,
            path: path.to_owned(),
        }
    }

    #[test]
    fn locations_match_by_path_with_any_separator_or_by_unique_name() {
        let all = [
            loc(1, "HQ", "HQ"),
            loc(2, "Building A", "HQ › Building A"),
            loc(3, "Room 1", "HQ › Building A › Room 1"),
            loc(4, "Room 1", "Branch › Room 1"),
        ];
        assert_eq!(location_in(&all, "hq > building a").unwrap(), 2);
        assert_eq!(location_in(&all, "HQ/Building A/Room 1").unwrap(), 3);
        assert_eq!(location_in(&all, "Building A").unwrap(), 2);
        let ambiguous = location_in(&all, "Room 1").unwrap_err().to_string();
        assert!(
            ambiguous.starts_with("location: 'Room 1' names 2 locations"),
            "{ambiguous}"
        );
        assert!(location_in(&all, "Nowhere").is_err());
    }
}
