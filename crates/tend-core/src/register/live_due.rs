//! The due list kept in memory, for a process that shows it again and
//! again (the desktop app). It holds the items of `due_entries` up to a
//! date, already worked out for today and in list order, and on each read
//! catches up with the register: it asks the entries' change log (schema v5)
//! which assets' entries were rebuilt since it last looked — by this process
//! or any other — and reloads only those. A new day, a longer horizon than
//! it holds, or a log that no longer reaches back makes it load afresh.
//!
//! It answers exactly what [`Register::due_list`] answers (tests compare the
//! two after every kind of change).

use super::due::state_of;
use super::plans::{iso, stored_date};
use super::Register;
use crate::model::*;
use crate::schedule::DueState;
use crate::store::due::{self, DueRow};
use crate::store::due_entries;
use crate::Result;
use chrono::{Duration, NaiveDate};
use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::num::NonZeroU32;
use std::sync::Arc;

/// One stored entry, worked out for the day held. It keeps what the list
/// filters and orders by, and what the item shown is made of; the item
/// itself is made when it is first listed, then kept for the next read.
/// Text repeats across entries (an asset has several, and titles, places
/// and people are few), so each text is held once and shared ([`Texts`]),
/// and the plan or coverage id is the item id (as the stored entries say):
/// 80,000 entries never listed take about a third of the memory they took
/// as whole items.
struct Entry {
    date: NaiveDate,
    kind: DueKind,
    state: DueState,
    snoozed: bool,
    periods_overdue: u32,
    asset_id: i64,
    /// The plan, coverage or asset id (the last sort key).
    item_id: i64,
    category_id: i64,
    location_id: Option<i64>,
    assignee_id: Option<i64>,
    /// Maintenance: the day it starts to show (date − lead days).
    show_from: Option<NaiveDate>,
    /// Renewal notice: the contract's end.
    end_date: Option<NaiveDate>,
    asset: Arc<AssetText>,
    title: TextId,
    location: Option<TextId>,
    assignee: Option<TextId>,
    /// The item, once listed.
    item: OnceCell<Arc<DueItem>>,
}

/// The text of an asset that each of its entries shows.
struct AssetText {
    tag: Box<str>,
    name: Box<str>,
}

/// A text held in [`Texts`] (its place there, from 1).
#[derive(Clone, Copy)]
struct TextId(NonZeroU32);

/// Text held once however many entries show it.
#[derive(Default)]
struct Texts {
    ids: HashMap<Arc<str>, TextId>,
    texts: Vec<Arc<str>>,
    assets: HashMap<i64, Arc<AssetText>>,
}

impl Texts {
    fn text(&mut self, text: String) -> TextId {
        if let Some(id) = self.ids.get(text.as_str()) {
            return *id;
        }
        let text: Arc<str> = text.into();
        self.texts.push(Arc::clone(&text));
        let id = u32::try_from(self.texts.len())
            .ok()
            .and_then(NonZeroU32::new)
            .map(TextId)
            .expect("fewer than 4 billion texts");
        self.ids.insert(text, id);
        id
    }

    fn get(&self, id: TextId) -> &str {
        &self.texts[id.0.get() as usize - 1]
    }

    /// An asset's tag and name; a changed one replaces the one held.
    fn asset(&mut self, id: i64, tag: String, name: String) -> Arc<AssetText> {
        match self.assets.get(&id) {
            Some(held) if *held.tag == *tag && *held.name == *name => Arc::clone(held),
            _ => {
                let text = Arc::new(AssetText {
                    tag: tag.into(),
                    name: name.into(),
                });
                self.assets.insert(id, Arc::clone(&text));
                text
            }
        }
    }
}

impl Entry {
    /// Stored order: date, kind, tag (ignoring ASCII case), id.
    fn cmp(&self, other: &Entry) -> Ordering {
        self.date
            .cmp(&other.date)
            .then_with(|| self.kind.id().cmp(other.kind.id()))
            .then_with(|| nocase(&self.asset.tag, &other.asset.tag))
            .then_with(|| self.item_id.cmp(&other.item_id))
    }

    /// The item as listed on `today` (the day the entry was worked out for).
    fn item(&self, today: NaiveDate, texts: &Texts) -> Arc<DueItem> {
        Arc::clone(self.item.get_or_init(|| self.make_item(today, texts)))
    }

    /// The plan of a maintenance entry, the coverage of a contract's end
    /// or renewal notice (the item id, as the stored entries say).
    fn plan_id(&self) -> Option<i64> {
        (self.kind == DueKind::Maintenance).then_some(self.item_id)
    }

    fn coverage_id(&self) -> Option<i64> {
        matches!(self.kind, DueKind::CoverageEnd | DueKind::RenewalNotice).then_some(self.item_id)
    }

    fn make_item(&self, today: NaiveDate, texts: &Texts) -> Arc<DueItem> {
        Arc::new(DueItem {
            kind: self.kind,
            state: self.state,
            date: iso(self.date),
            days: (self.date - today).num_days(),
            title: texts.get(self.title).to_string(),
            asset_id: self.asset_id,
            asset_tag: self.asset.tag.to_string(),
            asset_name: self.asset.name.to_string(),
            location: self.location.map(|t| texts.get(t).to_string()),
            assignee: self.assignee.map(|t| texts.get(t).to_string()),
            plan_id: self.plan_id(),
            coverage_id: self.coverage_id(),
            periods_overdue: self.periods_overdue,
            snoozed: self.snoozed,
        })
    }
}

/// SQLite's NOCASE order (the tag column's collation).
fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

fn ends(kind: DueKind) -> bool {
    matches!(
        kind,
        DueKind::CoverageEnd | DueKind::EndOfLife | DueKind::EndOfSupport
    )
}

/// What is held: the entries dated up to `bound`, for `today`, as of log
/// position `seq`.
struct Held {
    today: NaiveDate,
    bound: String,
    seq: i64,
    entries: Vec<Entry>,
    texts: Texts,
}

/// A due list kept in memory and brought up to date on each read.
#[derive(Default)]
pub struct LiveDueList {
    held: Option<Held>,
    loads: u64,
}

impl LiveDueList {
    pub fn new() -> LiveDueList {
        LiveDueList::default()
    }

    /// How many times the whole list was loaded (for tests and benchmarks:
    /// a write should not cause a reload).
    pub fn full_loads(&self) -> u64 {
        self.loads
    }

    /// The due list for `query` on `today`, as [`Register::due_list`].
    pub fn list(&mut self, reg: &Register, query: &DueQuery, today: NaiveDate) -> Result<DueList> {
        let assignee_id = reg.due_query_ids(query)?;
        let conn = &reg.conn;
        if !due_entries::ready(conn)? {
            // Someone else holds the write lock with entries still to
            // rebuild: the register answers from the definition.
            self.held = None;
            return reg.due_list(query, today);
        }
        let lead_hi =
            today + Duration::days(i64::from(query.horizon_days.max(due::max_lead_days(conn)?)));
        self.catch_up(reg, today, &iso(lead_hi))?;
        let held = self.held.as_ref().expect("caught up");

        let subtree: Option<HashSet<i64>> = match query.location_id {
            Some(id) => Some(due::location_subtree(conn, id)?.into_iter().collect()),
            None => None,
        };
        let today_s = iso(today);
        let hi = today + Duration::days(i64::from(query.horizon_days));
        let wanted = |e: &Entry| {
            (query.kinds.is_empty() || query.kinds.contains(&e.kind))
                && query.category_id.is_none_or(|c| e.category_id == c)
                && subtree
                    .as_ref()
                    .is_none_or(|s| e.location_id.is_some_and(|l| s.contains(&l)))
                && assignee_id.is_none_or(|a| e.assignee_id == Some(a))
        };
        // One more than asked tells whether the list was cut short.
        let room = query
            .limit
            .map_or(usize::MAX, |n| (n as usize).saturating_add(1));
        let (entries, texts) = (&held.entries, &held.texts);
        let first_today = entries.partition_point(|e| e.date < today);
        let after_today = entries.partition_point(|e| e.date <= today);
        let before = &entries[..first_today];
        let mut items: Vec<Arc<DueItem>> = Vec::new();
        // Every match is counted; the first `room` are listed.
        let mut counts = DueCounts::default();
        let push = |items: &mut Vec<Arc<DueItem>>, count: &mut u32, e: &Entry| {
            *count += 1;
            if items.len() < room {
                items.push(e.item(today, texts));
            }
        };
        // Overdue: maintenance, and renewal notices of contracts not ended.
        for e in before {
            if !ends(e.kind)
                && (e.kind == DueKind::Maintenance || e.end_date.is_some_and(|end| end >= today))
                && wanted(e)
            {
                push(&mut items, &mut counts.overdue, e);
            }
        }
        for e in &entries[first_today..after_today] {
            if wanted(e) {
                push(&mut items, &mut counts.due, e);
            }
        }
        // Expired: newest day first, each day in stored order.
        let mut day_end = before.len();
        while day_end > 0 {
            let date = before[day_end - 1].date;
            let day_start = before[..day_end].partition_point(|e| e.date < date);
            for e in &before[day_start..day_end] {
                if ends(e.kind) && wanted(e) {
                    push(&mut items, &mut counts.expired, e);
                }
            }
            day_end = day_start;
        }
        // Upcoming: within the horizon, maintenance also within its lead time.
        for e in &entries[after_today..] {
            if e.date > lead_hi {
                break;
            }
            let shows = e.date <= hi || e.show_from.is_some_and(|s| s <= today);
            if shows && wanted(e) {
                push(&mut items, &mut counts.upcoming, e);
            }
        }
        let truncated = query.limit.is_some_and(|n| items.len() > n as usize);
        if let Some(n) = query.limit {
            items.truncate(n as usize);
        }
        Ok(DueList {
            today: today_s,
            horizon_days: query.horizon_days,
            items,
            truncated,
            counts,
        })
    }

    /// Brings what is held up to the register's current entries, for
    /// `today`, covering dates up to at least `bound`.
    fn catch_up(&mut self, reg: &Register, today: NaiveDate, bound: &str) -> Result<()> {
        let conn = &reg.conn;
        // One read transaction: the log position and the rows read agree.
        let tx = conn.unchecked_transaction()?;
        let seq = due_entries::log_position(&tx)?;
        let changed = match &self.held {
            Some(h) if h.today == today && h.bound.as_str() >= bound && seq >= h.seq => {
                if seq == h.seq {
                    Some(Vec::new())
                } else {
                    due_entries::changed_since(&tx, h.seq)?
                }
            }
            _ => None,
        };
        match changed {
            Some(ids) => {
                let held = self.held.as_mut().expect("held");
                if !ids.is_empty() {
                    // `ids` is sorted: a search is cheaper than hashing for
                    // each of the (many) entries held.
                    held.entries
                        .retain(|e| ids.binary_search(&e.asset_id).is_err());
                    for id in ids {
                        for row in due::asset_rows_upto(&tx, id, &held.bound)? {
                            let entry = entry(row, today, &mut held.texts)?;
                            let at = held
                                .entries
                                .partition_point(|e| e.cmp(&entry) == Ordering::Less);
                            held.entries.insert(at, entry);
                        }
                    }
                }
                held.seq = seq;
            }
            None => {
                let bound = match &self.held {
                    // Keep the longest horizon asked for today.
                    Some(h) if h.today == today && h.bound.as_str() > bound => h.bound.clone(),
                    _ => bound.to_string(),
                };
                // What was held goes first, so that the list is never in
                // memory twice.
                self.held = None;
                let mut texts = Texts::default();
                let mut entries = Vec::new();
                due::each_row_upto(&tx, &bound, &mut |row| {
                    entries.push(entry(row, today, &mut texts)?);
                    Ok(())
                })?;
                entries.shrink_to_fit();
                self.loads += 1;
                self.held = Some(Held {
                    today,
                    bound,
                    seq,
                    entries,
                    texts,
                });
            }
        }
        tx.commit()?;
        Ok(())
    }
}

fn entry(mut row: DueRow, today: NaiveDate, texts: &mut Texts) -> Result<Entry> {
    let on = stored_date("date", &row.date)?;
    let (state, periods_overdue) = state_of(&row, on, today);
    let keys = std::mem::take(&mut row.keys);
    Ok(Entry {
        date: on,
        kind: row.kind,
        state,
        snoozed: row.snoozed,
        periods_overdue,
        asset_id: row.asset_id,
        item_id: keys.item_id,
        category_id: keys.category_id,
        location_id: keys.location_id,
        assignee_id: keys.assignee_id,
        show_from: keys
            .show_from
            .map(|d| stored_date("show_from", &d))
            .transpose()?,
        end_date: keys
            .end_date
            .map(|d| stored_date("end_date", &d))
            .transpose()?,
        asset: texts.asset(row.asset_id, row.asset_tag, row.asset_name),
        title: texts.text(row.title),
        location: row.location.map(|l| texts.text(l)),
        assignee: row.assignee.map(|a| texts.text(a)),
        item: OnceCell::new(),
    })
}
