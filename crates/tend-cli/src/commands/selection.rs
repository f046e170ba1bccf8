//! Which assets a command acts on: tags given one by one, or every asset of
//! a category, a location, an order (invoice) number, or the register. The
//! choosing itself is the core's (`Register::chosen_assets`).

use super::assets::{category_id, location_id};
use super::Context;
use crate::failure::Failure;
use tend_core::{Asset, AssetQuery, Error};

/// The arguments that choose assets, as a command gives them.
pub struct Choice<'a> {
    /// The command's name, for messages ("labels", "attach").
    pub command: &'a str,
    pub tags: &'a [String],
    pub category: Option<&'a str>,
    pub location: Option<&'a str>,
    pub order_number: Option<&'a str>,
    pub all: bool,
}

/// The assets `choice` names: the tags given (in that order), or every
/// asset the filters match, by tag. Tags and filters do not mix, and one
/// of them is needed.
pub fn chosen(cx: &Context, choice: &Choice<'_>) -> Result<Vec<Asset>, Failure> {
    let filters =
        choice.category.is_some() || choice.location.is_some() || choice.order_number.is_some();
    let refuse = |message: String| -> Failure { Error::validation(choice.command, message).into() };
    if !choice.tags.is_empty() && (filters || choice.all) || filters && choice.all {
        return Err(refuse(
            "give tags, or filters (--category, --location, --invoice-number), or --all".into(),
        ));
    }
    if !choice.tags.is_empty() {
        return Ok(cx.register.chosen_assets(choice.tags, None, None)?);
    }
    if !filters && !choice.all {
        return Err(refuse(
            "which assets? give tags, --category, --location, --invoice-number or --all".into(),
        ));
    }
    let mut query = AssetQuery::default();
    if let Some(name) = choice.category {
        query.category_id = Some(category_id(cx, name)?);
    }
    if let Some(path) = choice.location {
        query.location_id = Some(location_id(cx, path)?);
    }
    Ok(cx
        .register
        .chosen_assets(&[], Some(&query), choice.order_number)?)
}
