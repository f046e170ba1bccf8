//! A realistic sample register: mixed categories, sites with buildings, rooms
//! and racks, coverage ending at varied dates, maintenance plans and years of
//! work log. Used by tests, benchmarks and a newcomer's first look.

mod catalog;

use crate::model::*;
use crate::store::demo::{
    with_indexes_rebuilt_after, DemoAsset, DemoCoverage, DemoPlan, DemoWork, DemoWriter,
};
use crate::store::{self, lookups};
use crate::{Register, Result};
use catalog::{Kind, KINDS};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// What `generate` wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoSummary {
    #[ts(type = "number")]
    pub assets: u64,
    #[ts(type = "number")]
    pub coverage: u64,
    #[ts(type = "number")]
    pub plans: u64,
    #[ts(type = "number")]
    pub work_log: u64,
}

/// Most sample assets one call makes: the register is built and measured for
/// a hundred thousand assets (about a million work-log entries with them).
pub const ASSETS_MAX: u64 = 100_000;

/// Fills `register` with `assets` sample assets (about ten work-log entries
/// each), deterministically from `seed`, dated around `today`, in one transaction.
/// Coverage ends spread around `today` (some expired, some within 30 and 90
/// days), purchases over the six years before it. `assets` must be from 1 to
/// [`ASSETS_MAX`] (a validation error on `assets` otherwise).
pub fn generate(
    register: &mut Register,
    assets: u64,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary> {
    if !(1..=ASSETS_MAX).contains(&assets) {
        return Err(crate::Error::validation(
            "assets",
            format!("expected a number of sample assets from 1 to {ASSETS_MAX}, got {assets}"),
        ));
    }
    // Sample data never mixes with a real register (both front doors).
    let existing = register.count_assets()?;
    if existing > 0 {
        return Err(crate::Error::Conflict {
            field: "register".to_owned(),
            message: format!(
                "it already holds {existing} asset(s); the sample register is only written into an empty register"
            ),
        });
    }
    let timeout = register.busy_timeout_ms;
    let (tx, stamp) = register.write()?;
    let world = World::create(&tx, assets)?;
    let tables = [
        "assets",
        "coverage",
        "maintenance_plans",
        "work_log",
        "history",
    ];
    let summary = with_indexes_rebuilt_after(&tx, &tables, || {
        let mut writer = DemoWriter::new(&tx, stamp.author)?;
        let mut gen = Generator {
            rng: Rng(seed),
            today,
            world: &world,
            summary: DemoSummary {
                assets: 0,
                coverage: 0,
                plans: 0,
                work_log: 0,
            },
        };
        for n in 1..=assets {
            gen.asset(&mut writer, n)?;
        }
        Ok(gen.summary)
    })?;
    store::due_entries::flush(&tx)?;
    tx.commit()
        .map_err(|e| store::busy_or_storage_error(e, timeout))?;
    Ok(summary)
}

/// splitmix64: tiny, fast and good enough for sample data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn stamp(d: NaiveDate, hour: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}T{hour:02}:00:00.000Z",
        d.year(),
        d.month(),
        d.day()
    )
}

fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(years * 12)).unwrap_or(d)
}

fn add_interval(d: NaiveDate, count: u32, unit: &str) -> NaiveDate {
    match unit {
        "days" => d + chrono::Days::new(u64::from(count)),
        "weeks" => d + chrono::Days::new(u64::from(count) * 7),
        "months" => d.checked_add_months(Months::new(count)).unwrap_or(d),
        _ => add_years(d, count),
    }
}

fn days(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::days(n)
}

/// The lookups every generated asset refers to, created once.
struct World {
    categories: HashMap<&'static str, i64>,
    vendors: HashMap<String, i64>,
    suppliers: Vec<i64>,
    /// (id, name) of people; the first twelve are the IT staff who do the work.
    people: Vec<i64>,
    teams: Vec<i64>,
    /// Per site: (code, rack location ids, office room location ids).
    sites: Vec<(&'static str, Vec<i64>, Vec<i64>)>,
}

impl World {
    fn create(conn: &crate::store::sql::Connection, assets: u64) -> Result<World> {
        let mut categories = HashMap::new();
        let mut vendors = HashMap::new();
        for kind in KINDS {
            categories.insert(
                kind.category,
                lookups::ensure(conn, LookupKind::Category, kind.category)?.id,
            );
            for (maker, ..) in kind.models {
                if !vendors.contains_key(*maker) {
                    vendors.insert(
                        maker.to_string(),
                        lookups::ensure(conn, LookupKind::Vendor, maker)?.id,
                    );
                }
            }
        }
        let suppliers = catalog::SUPPLIERS
            .iter()
            .map(|s| lookups::ensure(conn, LookupKind::Vendor, s).map(|l| l.id))
            .collect::<Result<Vec<_>>>()?;
        let mut people = Vec::new();
        for (i, first) in catalog::FIRST_NAMES.iter().enumerate() {
            for (j, last) in catalog::LAST_NAMES.iter().enumerate() {
                if (i + j) % 3 == 0 {
                    people.push(
                        lookups::ensure(conn, LookupKind::Person, &format!("{first} {last}"))?.id,
                    );
                }
            }
        }
        let teams = catalog::TEAMS
            .iter()
            .map(|t| lookups::ensure(conn, LookupKind::Person, t).map(|l| l.id))
            .collect::<Result<Vec<_>>>()?;
        // About one rack per twenty racked assets, at least two per server room.
        let server_rooms: u64 = catalog::SITES.iter().map(|(_, _, b)| b.len() as u64).sum();
        let racks_per_room = (assets / 4 / 20 / server_rooms.max(1)).clamp(2, 200);
        let mut sites = Vec::new();
        for (site, code, buildings) in catalog::SITES {
            let (mut racks, mut rooms) = (Vec::new(), Vec::new());
            for building in *buildings {
                for room in catalog::ROOMS {
                    let path = [site.to_string(), building.to_string(), room.to_string()];
                    if *room == "Server room" {
                        for r in 1..=racks_per_room {
                            let mut rack = path.to_vec();
                            rack.push(format!("Rack {r:02}"));
                            racks.push(lookups::ensure_location(conn, &rack)?.id);
                        }
                    } else {
                        rooms.push(lookups::ensure_location(conn, &path)?.id);
                    }
                }
            }
            sites.push((*code, racks, rooms));
        }
        Ok(World {
            categories,
            vendors,
            suppliers,
            people,
            teams,
            sites,
        })
    }
}

struct Generator<'w> {
    rng: Rng,
    today: NaiveDate,
    world: &'w World,
    summary: DemoSummary,
}

const SERIAL_CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

impl Generator<'_> {
    fn kind(&mut self) -> &'static Kind {
        let total: u32 = KINDS.iter().map(|k| k.weight).sum();
        let mut roll = self.rng.below(u64::from(total)) as u32;
        for kind in KINDS {
            if roll < kind.weight {
                return kind;
            }
            roll -= kind.weight;
        }
        &KINDS[0]
    }

    fn status(&mut self, age_days: i64, lifetime_years: u32) -> AssetStatus {
        if age_days > i64::from(lifetime_years) * 365 && self.rng.chance(50) {
            return if self.rng.chance(60) {
                AssetStatus::Retired
            } else {
                AssetStatus::Disposed
            };
        }
        match self.rng.below(100) {
            0..=84 => AssetStatus::InService,
            85..=91 => AssetStatus::Spare,
            92..=94 => AssetStatus::InRepair,
            95..=97 => AssetStatus::Retired,
            98 => AssetStatus::Disposed,
            _ => AssetStatus::Lost,
        }
    }

    fn asset(&mut self, w: &mut DemoWriter<'_>, n: u64) -> Result<()> {
        let kind = self.kind();
        let today = self.today;
        let (maker, model, lo, hi) = *self.rng.pick(kind.models);
        let purchased = today - days(self.rng.range(20, 6 * 365));
        let age = (today - purchased).num_days();
        let status = self.status(age, kind.lifetime_years);
        let site_index = if self.rng.chance(40) {
            0
        } else {
            self.rng.below(self.world.sites.len() as u64) as usize
        };
        let (site_code, racks, rooms) = &self.world.sites[site_index];
        let (location_id, rack_unit) = if kind.racked {
            (
                *self.rng.pick(racks),
                Some(crate::model::RackUnit::whole(self.rng.range(1, 42) as u16)),
            )
        } else {
            (*self.rng.pick(rooms), None)
        };
        let serial: String = (0..10)
            .map(|_| *self.rng.pick(SERIAL_CHARS) as char)
            .collect();
        let tag = format!("{}-{n:06}", kind.tag_prefix);
        let name = format!("{} {n}", self.rng.pick(kind.roles));
        let hostname = kind.host_prefix.map(|p| format!("{p}-{site_code}-{n:06}"));
        let ip = hostname
            .as_ref()
            .map(|_| format!("10.{}.{}.{}", site_index, (n / 250) % 256, n % 250 + 2));
        let mac = hostname.as_ref().map(|_| {
            let b = self.rng.next().to_le_bytes();
            format!(
                "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
                b[0] & 0xfe | 0x02,
                b[1],
                b[2],
                b[3],
                b[4],
                b[5]
            )
        });
        let firmware = hostname.as_ref().map(|_| {
            format!(
                "{}.{}.{}",
                self.rng.range(1, 17),
                self.rng.range(0, 9),
                self.rng.range(0, 30)
            )
        });
        let cost = Money {
            minor: self.rng.range(i64::from(lo), i64::from(hi)) * 100 + self.rng.range(0, 99),
            currency: "EUR".into(),
        };
        let assigned_to_id = Some(if kind.personal {
            *self.rng.pick(&self.world.people)
        } else {
            *self.rng.pick(&self.world.teams)
        });
        let end_of_life = add_years(purchased, kind.lifetime_years);
        let end_of_support = add_years(end_of_life, 1 + self.rng.below(2) as u32);
        let created_at = stamp(purchased, 9);
        let updated_at = stamp(purchased + days(self.rng.range(0, age)), 15);
        let archived_at =
            matches!(status, AssetStatus::Disposed | AssetStatus::Lost).then(|| updated_at.clone());
        let notes = self.rng.chance(10).then(|| {
            format!(
                "Bought for the {} roll-out. Keep the original box.",
                site_code.to_uppercase()
            )
        });
        let asset_id = w.asset(&DemoAsset {
            tag: &tag,
            name: &name,
            category_id: self.world.categories[kind.category],
            manufacturer_id: self.world.vendors[maker],
            model,
            serial: &serial,
            status,
            location_id,
            rack_unit,
            assigned_to_id,
            hostname: hostname.as_deref(),
            ip_address: ip.as_deref(),
            mac_address: mac.as_deref(),
            firmware: firmware.as_deref(),
            purchase_date: &iso(purchased),
            purchase_cost: &cost,
            supplier_id: *self.rng.pick(&self.world.suppliers),
            order_number: &format!("PO-{}-{n:06}", purchased.year()),
            end_of_life: &iso(end_of_life),
            end_of_support: &iso(end_of_support),
            notes: notes.as_deref(),
            archived_at: archived_at.as_deref(),
            created_at: &created_at,
            updated_at: &updated_at,
        })?;
        self.summary.assets += 1;

        let warranty_end = add_years(purchased, *self.rng.pick(kind.warranty_years));
        let warranty_id = w.coverage(
            asset_id,
            &DemoCoverage {
                kind: CoverageKind::ManufacturerWarranty,
                provider: maker,
                reference: &format!("WTY-{serial}"),
                start_date: &iso(purchased),
                end_date: &iso(warranty_end),
                service_level: if kind.racked {
                    "next business day on-site"
                } else {
                    "return to base"
                },
                cost: None,
                notice_days: None,
            },
            &created_at,
        )?;
        self.summary.coverage += 1;
        let active = matches!(
            status,
            AssetStatus::InService | AssetStatus::InRepair | AssetStatus::Spare
        );
        if active && (kind.support_contract || self.rng.chance(8)) {
            // Renewed yearly: ends somewhere from two months ago to thirteen months ahead.
            let end = (today + days(self.rng.range(-60, 400))).max(purchased + days(365));
            let start = (end - days(365)).max(purchased);
            let (covkind, level) = if kind.support_contract {
                (CoverageKind::SupportContract, "4-hour on-site, 24/7")
            } else {
                (CoverageKind::ExtendedWarranty, "next business day on-site")
            };
            let fee = Money {
                minor: cost.minor / 10,
                currency: "EUR".into(),
            };
            w.coverage(
                asset_id,
                &DemoCoverage {
                    kind: covkind,
                    provider: maker,
                    reference: &format!("SC-{n:07}"),
                    start_date: &iso(start),
                    end_date: &iso(end),
                    service_level: level,
                    cost: Some(&fee),
                    notice_days: Some(*self.rng.pick(&[30, 60, 90])),
                },
                &stamp(start, 9),
            )?;
            self.summary.coverage += 1;
        }

        let mut plan_ids = Vec::new();
        if active {
            for (title, count, unit, fixed, minutes, checklist) in kind.plans {
                let interval_days = (add_interval(today, *count, unit) - today)
                    .num_days()
                    .max(1);
                let last = today - days(self.rng.range(0, interval_days + 30));
                let last = last.max(purchased);
                let next_due = add_interval(last, *count, unit);
                let id = w.plan(
                    asset_id,
                    &DemoPlan {
                        title,
                        interval_count: *count,
                        interval_unit: unit,
                        fixed: *fixed,
                        start_date: &iso(purchased),
                        lead_days: if *unit == "years" { 30 } else { 7 },
                        assignee_id: *self.rng.pick(&self.world.teams),
                        expected_minutes: *minutes,
                        checklist,
                        next_due: &iso(next_due),
                        last_done: (last > purchased).then(|| iso(last)).as_deref(),
                    },
                    &created_at,
                )?;
                plan_ids.push((id, *title));
                self.summary.plans += 1;
            }
        }

        let entries = self.rng.range(5, 15);
        let mut dates: Vec<i64> = (0..entries).map(|_| self.rng.range(0, age)).collect();
        dates.sort_unstable();
        for offset in dates {
            let on = purchased + days(offset);
            self.work(w, asset_id, kind, on, &plan_ids, warranty_id, warranty_end)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn work(
        &mut self,
        w: &mut DemoWriter<'_>,
        asset_id: i64,
        kind: &Kind,
        on: NaiveDate,
        plans: &[(i64, &'static str)],
        warranty_id: i64,
        warranty_end: NaiveDate,
    ) -> Result<()> {
        let staff = &self.world.people[..12.min(self.world.people.len())];
        let by = *self.rng.pick(staff);
        let roll = self.rng.below(100);
        let mut entry = DemoWork {
            plan_id: None,
            kind: WorkKind::Inspection,
            performed_on: "",
            performed_by_id: by,
            summary: "",
            details: None,
            outcome: None,
            cost: None,
            downtime_minutes: None,
            parts_used: None,
            coverage_id: None,
            external_ref: None,
        };
        let mut cost = None;
        let external;
        let plan_title;
        match roll {
            0..=34 if !plans.is_empty() => {
                let (id, title) = *self.rng.pick(plans);
                entry.kind = WorkKind::PreventiveMaintenance;
                entry.plan_id = Some(id);
                plan_title = title.to_string();
                entry.summary = &plan_title;
                entry.outcome = Some(Outcome::Fixed);
            }
            0..=54 => {
                entry.kind = WorkKind::Inspection;
                entry.summary = *self.rng.pick(catalog::INSPECTIONS);
            }
            55..=79 => {
                let (summary, parts) = *self.rng.pick(kind.repairs);
                entry.kind = WorkKind::Repair;
                entry.summary = summary;
                entry.parts_used = (!parts.is_empty()).then_some(parts);
                entry.outcome = Some(match self.rng.below(100) {
                    0..=59 => Outcome::Fixed,
                    60..=79 => Outcome::Replaced,
                    80..=89 => Outcome::Workaround,
                    90..=96 => Outcome::SentToVendor,
                    _ => Outcome::CouldNotFix,
                });
                entry.downtime_minutes = Some(self.rng.range(15, 2880) as u32);
                if on <= warranty_end {
                    entry.coverage_id = Some(warranty_id);
                } else if entry.parts_used.is_some() {
                    cost = Some(Money {
                        minor: self.rng.range(20, 900) * 100,
                        currency: "EUR".into(),
                    });
                }
                if entry.outcome == Some(Outcome::SentToVendor) {
                    external = format!("RMA-{}", self.rng.range(100_000, 999_999));
                    entry.external_ref = Some(&external);
                }
                entry.details = Some("Diagnosed on site; see the ticket for logs.");
            }
            80..=89 => {
                let (summary, parts) = *self.rng.pick(catalog::UPGRADES);
                entry.kind = WorkKind::Upgrade;
                entry.summary = summary;
                entry.parts_used = (!parts.is_empty()).then_some(parts);
                entry.downtime_minutes = Some(self.rng.range(0, 120) as u32);
            }
            _ => {
                entry.kind = WorkKind::Incident;
                entry.summary = *self.rng.pick(catalog::INCIDENTS);
                entry.outcome = Some(if self.rng.chance(80) {
                    Outcome::Fixed
                } else {
                    Outcome::Workaround
                });
                entry.downtime_minutes = Some(self.rng.range(5, 600) as u32);
                external = format!("INC-{}", self.rng.range(10_000, 99_999));
                entry.external_ref = Some(&external);
            }
        }
        entry.cost = cost.as_ref();
        let date = iso(on);
        entry.performed_on = &date;
        w.work(asset_id, &entry, &stamp(on, 10))?;
        self.summary.work_log += 1;
        Ok(())
    }
}
