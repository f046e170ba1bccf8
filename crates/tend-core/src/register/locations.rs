//! The use-case API of the locations screen: the tree with what each place
//! holds (assets, overdue maintenance, counted here and below), a rack's
//! front view (devices by unit from their models' heights, overlaps
//! flagged), renaming a place or moving it under another parent of the
//! same level (its subtree follows; every asset there gets a history
//! entry), and the height of a model.

use super::Register;
use crate::model::*;
use crate::store::{locations, lookups};
use crate::validate::{self, TEXT_MAX};
use crate::{Error, Result};
use std::collections::HashMap;

/// Most units a model may take.
pub const MODEL_UNITS_MAX: u32 = 100;

fn depth_of(kind: LocationKind) -> u32 {
    LocationKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0) as u32
}

/// A place's name as a person typed it: trimmed, not empty, no level separator.
fn place_name(name: &str) -> Result<String> {
    let name = validate::required("name", name, TEXT_MAX)?;
    if name.contains(['›', '>']) {
        return Err(Error::validation(
            "name",
            format!("\"{name}\" holds a level separator (› or >); a place's name is one level"),
        ));
    }
    Ok(name)
}

impl Register {
    /// Every place, depth first (children by name under their parent),
    /// with the assets and overdue maintenance here and below. `due` is a
    /// due list the caller holds (the overdue are always in it).
    pub fn location_tree(&self, due: &DueList) -> Result<Vec<LocationNode>> {
        let places = lookups::list_locations(&self.conn)?;
        let by_path: HashMap<&str, i64> = places.iter().map(|l| (l.path.as_str(), l.id)).collect();
        let parent: HashMap<i64, Option<i64>> =
            places.iter().map(|l| (l.id, l.parent_id)).collect();
        let mut assets: HashMap<i64, u64> = HashMap::new();
        let mut overdue: HashMap<i64, u64> = HashMap::new();
        // Each count goes to its place and every place above it.
        let add = |to: &mut HashMap<i64, u64>, mut at: Option<i64>, n: u64| {
            while let Some(id) = at {
                *to.entry(id).or_default() += n;
                at = parent.get(&id).copied().flatten();
            }
        };
        for (id, n) in locations::asset_counts(&self.conn)? {
            add(&mut assets, Some(id), n);
        }
        for item in &due.items {
            if item.kind == DueKind::Maintenance && item.state == DueState::Overdue {
                let at = item
                    .location
                    .as_deref()
                    .and_then(|p| by_path.get(p))
                    .copied();
                add(&mut overdue, at, 1);
            }
        }
        let mut children: HashMap<Option<i64>, Vec<&Location>> = HashMap::new();
        for place in &places {
            children.entry(place.parent_id).or_default().push(place);
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then(a.id.cmp(&b.id))
            });
        }
        let mut out = Vec::with_capacity(places.len());
        let mut stack: Vec<&Location> = children.get(&None).cloned().unwrap_or_default();
        stack.reverse();
        while let Some(place) = stack.pop() {
            out.push(LocationNode {
                location: place.clone(),
                depth: depth_of(place.kind),
                assets: assets.get(&place.id).copied().unwrap_or(0),
                overdue: overdue.get(&place.id).copied().unwrap_or(0),
            });
            if let Some(below) = children.get(&Some(place.id)) {
                stack.extend(below.iter().rev());
            }
        }
        Ok(out)
    }

    /// A rack's front view.
    pub fn rack_view(&self, rack_id: i64) -> Result<RackView> {
        let rack = lookups::get_location(&self.conn, rack_id)?
            .ok_or_else(|| Error::not_found("location", rack_id))?;
        if rack.kind != LocationKind::Rack {
            return Err(Error::validation(
                "rack_id",
                format!("{} is a {}, not a rack", rack.path, rack.kind.id()),
            ));
        }
        let mut devices = Vec::new();
        let mut unplaced = Vec::new();
        for row in locations::rack_rows(&self.conn, rack_id)? {
            match row.rack_unit.as_deref().and_then(RackUnit::parse) {
                Some(position) => devices.push(RackDevice {
                    asset_id: row.asset_id,
                    tag: row.tag,
                    name: row.name,
                    model: row.model,
                    position,
                    height: row
                        .units
                        .map_or(1, |u| u.clamp(1, i64::from(MODEL_UNITS_MAX)) as u32),
                    height_known: row.units.is_some(),
                    overlaps: Vec::new(),
                }),
                None => unplaced.push(UnplacedAsset {
                    asset_id: row.asset_id,
                    tag: row.tag,
                    name: row.name,
                }),
            }
        }
        devices.sort_by(|a, b| a.position.cmp(&b.position).then(a.tag.cmp(&b.tag)));
        // In half units: a device at 10.5 with 2 U takes [21, 25).
        let span = |d: &RackDevice| {
            let from = d.position.units() * 2 + u32::from(d.position.is_half());
            (from, from + d.height * 2)
        };
        let spans: Vec<(u32, u32)> = devices.iter().map(span).collect();
        for i in 0..devices.len() {
            let overlaps = (0..devices.len())
                .filter(|&j| j != i && spans[i].0 < spans[j].1 && spans[j].0 < spans[i].1)
                .map(|j| devices[j].tag.clone())
                .collect();
            devices[i].overlaps = overlaps;
        }
        let top = spans
            .iter()
            .map(|(_, to)| to.div_ceil(2) - 1)
            .max()
            .unwrap_or(0);
        Ok(RackView {
            rack,
            units: top.max(RACK_HEIGHT_DEFAULT),
            devices,
            unplaced,
        })
    }

    /// Renames a place; every path below follows.
    pub fn rename_location(&mut self, id: i64, name: &str) -> Result<Location> {
        let name = place_name(name)?;
        let place = lookups::get_location(&self.conn, id)?
            .ok_or_else(|| Error::not_found("location", id))?;
        self.relocate(place.clone(), place.parent_id, &name)
    }

    /// Moves a place under `parent_id`, a place of the level its parent is
    /// (a room to another building, a rack to another room): the levels of
    /// everything below stay what they are.
    pub fn move_location(&mut self, id: i64, parent_id: i64) -> Result<Location> {
        let place = lookups::get_location(&self.conn, id)?
            .ok_or_else(|| Error::not_found("location", id))?;
        let parent = lookups::get_location(&self.conn, parent_id)?.ok_or_else(|| {
            Error::validation("parent_id", format!("no location with id {parent_id}"))
        })?;
        let depth = depth_of(place.kind);
        if depth == 0 {
            return Err(Error::validation(
                "id",
                format!("{} is a site: a site has no parent", place.path),
            ));
        }
        if depth_of(parent.kind) + 1 != depth {
            let wanted = LocationKind::ALL[depth as usize - 1].id();
            return Err(Error::validation(
                "parent_id",
                format!(
                    "{} is a {}; a {} goes into a {wanted}",
                    parent.path,
                    parent.kind.id(),
                    place.kind.id()
                ),
            ));
        }
        let name = place.name.clone();
        self.relocate(place, Some(parent_id), &name)
    }

    fn relocate(
        &mut self,
        place: Location,
        parent_id: Option<i64>,
        name: &str,
    ) -> Result<Location> {
        let timeout = self.busy_timeout_ms;
        let (tx, stamp) = self.write()?;
        if locations::sibling_named(&tx, place.id, parent_id, name)? {
            return Err(Error::validation(
                "name",
                format!("another place there is already called \"{name}\""),
            ));
        }
        let new_path = match parent_id {
            Some(p) => {
                let parent = lookups::get_location(&tx, p)?
                    .ok_or_else(|| Error::not_found("location", p))?;
                format!("{}{LOCATION_SEPARATOR}{name}", parent.path)
            }
            None => name.to_string(),
        };
        locations::relocate(
            &tx,
            place.id,
            parent_id,
            name,
            &place.path,
            &new_path,
            &stamp,
        )?;
        let moved = lookups::get_location(&tx, place.id)?
            .ok_or_else(|| Error::not_found("location", place.id))?;
        Register::commit(tx, timeout)?;
        Ok(moved)
    }

    /// Sets how many rack units `model` takes (1 to [`MODEL_UNITS_MAX`]).
    pub fn set_model_height(&mut self, model: &str, units: u32) -> Result<()> {
        let model = validate::required("model", model, TEXT_MAX)?;
        if !(1..=MODEL_UNITS_MAX).contains(&units) {
            return Err(Error::validation(
                "units",
                format!("is {units}; a model takes 1 to {MODEL_UNITS_MAX} units"),
            ));
        }
        let timeout = self.busy_timeout_ms;
        let (tx, _) = self.write()?;
        locations::set_model_height(&tx, &model, units)?;
        Register::commit(tx, timeout)
    }
}
