//! The asset list's filters that are judged rather than matched: the day a
//! cover filter is judged on (the front door's, `Register::set_today`), the
//! size of a selection, the cover window and the repair period.

use super::Register;
use crate::model::*;
use crate::{validate, Error, Result};
use std::borrow::Cow;

/// Refuses a cover filter or repair period the list cannot judge.
fn check_list_filters(query: &AssetQuery) -> Result<()> {
    if query.ids.len() > SELECTION_MAX {
        return Err(Error::validation(
            "ids",
            format!(
                "{} assets named; a selection holds at most {SELECTION_MAX}",
                query.ids.len()
            ),
        ));
    }
    if let Some(cover) = &query.cover {
        let on = cover.on.as_deref().unwrap_or("");
        if validate::parse_date(on).is_none() {
            return Err(Error::validation(
                "cover.on",
                format!("{on:?} is not a date (YYYY-MM-DD): cover is judged on a day"),
            ));
        }
        if cover.within_days > COVER_WINDOW_MAX_DAYS {
            return Err(Error::validation(
                "cover.within_days",
                format!(
                    "is {}; at most {COVER_WINDOW_MAX_DAYS} days",
                    cover.within_days
                ),
            ));
        }
    }
    if let Some(period) = &query.repaired {
        let from = validate::parse_date(&period.from);
        let to = validate::parse_date(&period.to);
        match (from, to) {
            (None, _) => {
                return Err(Error::validation(
                    "repaired.from",
                    format!("{:?} is not a date (YYYY-MM-DD)", period.from),
                ))
            }
            (_, None) => {
                return Err(Error::validation(
                    "repaired.to",
                    format!("{:?} is not a date (YYYY-MM-DD)", period.to),
                ))
            }
            (Some(f), Some(t)) if f > t => {
                return Err(Error::validation(
                    "repaired.to",
                    format!("{} is before {}", period.to, period.from),
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// The longest "cover ending within" window the list takes (ten years).
pub const COVER_WINDOW_MAX_DAYS: u32 = 3_660;

impl Register {
    /// `query` with its cover filter's day filled from [`Register::set_today`]
    /// when it names none, checked.
    pub(crate) fn judged<'q>(&self, query: &'q AssetQuery) -> Result<Cow<'q, AssetQuery>> {
        let mut query = Cow::Borrowed(query);
        if let (Some(cover), Some(today)) = (&query.cover, self.today) {
            if cover.on.is_none() {
                let day = today.format("%Y-%m-%d").to_string();
                if let Some(c) = query.to_mut().cover.as_mut() {
                    c.on = Some(day);
                }
            }
        }
        check_list_filters(&query)?;
        Ok(query)
    }
}
