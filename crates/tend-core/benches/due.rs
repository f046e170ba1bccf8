//! Due-list benchmark: the one due list for a 30-day horizon on two
//! registers of `TEND_BENCH_ASSETS` assets (default 100,000) with twice as
//! many maintenance plans and coverage on every asset, measured in-process
//! (the full list and its first page of 100) beside a naive approach
//! measured in the same run (load every asset, plan, coverage, location and
//! person row, compute each item in Rust with the schedule module, no
//! index, same items and order — checked), the previous single UNION ALL
//! statement, and `tend due --json --within 30d` as a whole process when
//! target/release/tend exists.
//!
//! The two registers (described again in the output):
//! - "neglected": the demo generator as it comes, then extra plans in one
//!   bulk INSERT … SELECT. Nothing was ever renewed, retired or caught up:
//!   ~37,000 in-use assets whose last coverage has ended, ~8,800 in-use
//!   assets past end of life, ~29,000 overdue plans on in-use assets;
//!   ~105,000 items.
//! - "well-kept": a copy of the neglected register after a year of
//!   housekeeping: in-use kit past its end of life or end of support is
//!   retired (1 in 20 is not), in-use assets whose last coverage ends within
//!   the horizon got a renewal contract (1 in 20 did not), and overdue plans
//!   on in-use assets were caught up to a date within one interval after
//!   today (1 in 50 was not; the new date is not snapped to a fixed plan's
//!   grid). The same 200,000 plans with the same intervals: the ~59,000
//!   monthly ones still all fall within 30 days, so the list holds ~40,600
//!   items, most of them upcoming maintenance.
//!
//! Run: `cargo bench -p tend-core --bench due` (build the CLI first with
//! `cargo build --release -p tend-cli` for the process figure). The
//! registers are generated once and kept under target/bench-data/.

use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tend_core::schedule::{task_state, Anchoring, Interval, IntervalUnit, Schedule};
use tend_core::*;

const SEED: u64 = 7;
const HORIZON: u32 = 30;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).expect("a date")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The register: demo assets, then extra plans up to two per asset.
fn bench_register(n: u64) -> PathBuf {
    let dir = repo_root().join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let path = dir.join(format!("due-{n}.sqlite"));
    if let Ok(reg) = Register::open(&path) {
        if reg.count_assets().unwrap_or(0) == n && plan_count(&path) >= 2 * n {
            return path;
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let started = Instant::now();
    let mut reg = Register::open(&path).expect("open bench register");
    let summary = demo::generate(&mut reg, n, SEED, today()).expect("demo register");
    drop(reg);
    add_plans(&path, 2 * n - summary.plans.min(2 * n));
    eprintln!(
        "generated {} assets, {} coverage, {} plans in {:.1} s",
        summary.assets,
        summary.coverage,
        plan_count(&path),
        started.elapsed().as_secs_f64()
    );
    path
}

/// The well-kept register: a copy of the neglected one after housekeeping
/// (see the header). Generated once; a marker file says it is complete.
fn kept_register(neglected: &Path, n: u64) -> PathBuf {
    let path = neglected.with_file_name(format!("due-kept-{n}.sqlite"));
    let marker = path.with_extension("sqlite.done");
    if marker.exists() && path.exists() {
        return path;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let started = Instant::now();
    Register::open(neglected)
        .expect("open neglected register")
        .backup_to(&path)
        .expect("copy register");
    let conn = Connection::open(&path).expect("open copy");
    let active = "status IN ('in_service', 'in_repair', 'spare') AND archived_at IS NULL";
    let sql = format!(
        "BEGIN;
        UPDATE assets SET status = 'retired'
         WHERE {active} AND (end_of_life < :today OR end_of_support < :today) AND id % 20 <> 0;
        INSERT INTO coverage (asset_id, kind, provider, start_date, end_date, notice_days, created_at, updated_at)
        SELECT a.id, 'support_contract', 'Renewals Ltd', date(m.last_end, '+1 day'),
            date(:today, printf('+%d days', 60 + (a.id * 37) % 1000)),
            CASE WHEN a.id % 3 = 0 THEN 60 END, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'
        FROM assets a JOIN (SELECT asset_id, max(end_date) AS last_end FROM coverage GROUP BY asset_id) m
             ON m.asset_id = a.id
        WHERE a.{active} AND m.last_end <= :hi AND a.id % 20 <> 0;
        UPDATE maintenance_plans SET snoozed_until = NULL,
            next_due = date(:today, printf('+%d days', 1 + (id * 7) % (interval_count *
                CASE interval_unit WHEN 'days' THEN 1 WHEN 'weeks' THEN 7 WHEN 'months' THEN 30 ELSE 365 END)))
         WHERE paused = 0 AND coalesce(snoozed_until, next_due) < :today AND id % 50 <> 0
           AND asset_id IN (SELECT id FROM assets WHERE {active});
        COMMIT;"
    );
    let hi = (today() + chrono::Duration::days(i64::from(HORIZON))).to_string();
    let sql = sql
        .replace(":today", &format!("'{}'", today()))
        .replace(":hi", &format!("'{hi}'"));
    conn.execute_batch(&sql).expect("housekeeping");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    std::fs::write(&marker, "well-kept v1\n").unwrap();
    eprintln!(
        "well-kept copy written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    path
}

fn plan_count(path: &Path) -> u64 {
    Connection::open(path)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM maintenance_plans", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .map_or(0, |n| n as u64)
}

/// Adds `extra` plans spread over the assets in one statement: monthly,
/// quarterly or yearly, fixed or floating, next due from 60 days ago to a
/// year ahead (so some are overdue, some due soon, most later).
fn add_plans(path: &Path, extra: u64) {
    let conn = Connection::open(path).expect("open for bulk plans");
    let sql = "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
        INSERT INTO maintenance_plans (asset_id, title, interval_count, interval_unit, anchor,
            start_date, lead_days, checklist, next_due, created_at, updated_at)
        SELECT 1 + (i * 7919) % (SELECT max(id) FROM assets),
            CASE i % 3 WHEN 0 THEN 'Clean filters' WHEN 1 THEN 'Check firmware' ELSE 'Test restore' END,
            CASE i % 3 WHEN 2 THEN 1 ELSE 1 + (i % 2) * 2 END,
            CASE i % 3 WHEN 2 THEN 'years' ELSE 'months' END,
            CASE i % 2 WHEN 0 THEN 'fixed' ELSE 'floating' END,
            '2020-01-01', 7, '[]',
            date(?2, printf('%+d days', (i * 37) % 425 - 60)),
            '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'
        FROM k";
    conn.execute(sql, rusqlite::params![extra as i64, today().to_string()])
        .expect("bulk plans");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// (p50, p95, items) of `iters` runs of `f`.
fn measure(iters: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut items = f(); // warm the page cache and the statement cache
    let mut times = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        items = f();
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95), items)
}

/// One item of the naive list, with everything the real list shows.
#[allow(dead_code)]
struct NaiveItem {
    group: u8,
    date: NaiveDate,
    kind: DueKind,
    state: DueState,
    title: String,
    asset_id: i64,
    tag: String,
    name: String,
    location: Option<String>,
    assignee: Option<String>,
    id: i64,
    periods_overdue: u32,
    snoozed: bool,
}

/// The naive due list: every asset, plan, coverage, location and person row
/// loaded (no index used), each item worked out in Rust with the same rules
/// as `Register::due_list` (paused plans out, lead time, last coverage per
/// asset, renewal notices, missed periods) and sorted by the same urgency.
fn naive_due(conn: &Connection, today: NaiveDate) -> Vec<NaiveItem> {
    struct AssetRow {
        active: bool,
        tag: String,
        name: String,
        location: Option<String>,
        assignee: Option<String>,
        eol: Option<NaiveDate>,
        eos: Option<NaiveDate>,
    }
    let date = |s: Option<String>| s.and_then(|s| s.parse::<NaiveDate>().ok());
    let hi = today + chrono::Duration::days(i64::from(HORIZON));
    let names = |sql: &str| -> HashMap<i64, String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let locations = names("SELECT id, path FROM locations");
    let people = names("SELECT id, name FROM people");
    let mut assets = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT id, tag, name, location_id, assigned_to_id, status, archived_at, end_of_life, end_of_support FROM assets")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let status: String = r.get(5).unwrap();
        let archived: Option<String> = r.get(6).unwrap();
        let location: Option<i64> = r.get(3).unwrap();
        let assignee: Option<i64> = r.get(4).unwrap();
        assets.insert(
            r.get::<_, i64>(0).unwrap(),
            AssetRow {
                active: archived.is_none()
                    && matches!(status.as_str(), "in_service" | "in_repair" | "spare"),
                tag: r.get(1).unwrap(),
                name: r.get(2).unwrap(),
                location: location.and_then(|l| locations.get(&l).cloned()),
                assignee: assignee.and_then(|p| people.get(&p).cloned()),
                eol: date(r.get(7).unwrap()),
                eos: date(r.get(8).unwrap()),
            },
        );
    }
    let mut items: Vec<NaiveItem> = Vec::new();
    let mut push = |kind: DueKind,
                    d: NaiveDate,
                    title: String,
                    asset_id: i64,
                    a: &AssetRow,
                    assignee: Option<String>,
                    id: i64,
                    periods: u32,
                    snoozed: bool| {
        let ends = matches!(
            kind,
            DueKind::CoverageEnd | DueKind::EndOfLife | DueKind::EndOfSupport
        );
        let (group, state) = if d == today {
            (1, DueState::Due)
        } else if d > today {
            (3, DueState::Upcoming)
        } else if ends {
            (2, DueState::Expired)
        } else {
            (0, DueState::Overdue)
        };
        items.push(NaiveItem {
            group,
            date: d,
            kind,
            state,
            title,
            asset_id,
            tag: a.tag.clone(),
            name: a.name.clone(),
            location: a.location.clone(),
            assignee,
            id,
            periods_overdue: periods,
            snoozed,
        });
    };
    let mut stmt = conn
        .prepare("SELECT id, asset_id, title, interval_count, interval_unit, anchor, start_date, end_date, next_due, snoozed_until, lead_days, paused, assignee_id FROM maintenance_plans")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let paused: bool = r.get(11).unwrap();
        let Some(a) = assets
            .get(&r.get::<_, i64>(1).unwrap())
            .filter(|a| a.active)
        else {
            continue;
        };
        let Some(next) = date(r.get(8).unwrap()) else {
            continue;
        };
        if paused {
            continue;
        }
        let snoozed = date(r.get(9).unwrap());
        let due = snoozed.unwrap_or(next);
        let lead: u32 = r.get(10).unwrap();
        if task_state(due, lead.max(HORIZON), today).is_none() {
            continue;
        }
        let periods = if due < today {
            let unit: String = r.get(4).unwrap();
            let schedule = Schedule {
                interval: Interval {
                    every: r.get(3).unwrap(),
                    unit: IntervalUnit::parse(&unit).unwrap(),
                },
                anchoring: if r.get::<_, String>(5).unwrap() == "fixed" {
                    Anchoring::Fixed
                } else {
                    Anchoring::Floating
                },
                start: date(r.get(6).unwrap()).unwrap(),
                end: date(r.get(7).unwrap()),
            };
            schedule.periods_overdue(next, today).max(1)
        } else {
            0
        };
        let assignee = r
            .get::<_, Option<i64>>(12)
            .unwrap()
            .and_then(|p| people.get(&p).cloned());
        let asset_id = r.get(1).unwrap();
        push(
            DueKind::Maintenance,
            due,
            r.get(2).unwrap(),
            asset_id,
            a,
            assignee,
            r.get(0).unwrap(),
            periods,
            snoozed.is_some(),
        );
    }
    // The last coverage of each asset: latest end, then newest record.
    struct Cover {
        id: i64,
        end: NaiveDate,
        kind: String,
        provider: Option<String>,
        notice: Option<i64>,
    }
    let mut last: HashMap<i64, Cover> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT id, asset_id, end_date, kind, provider, notice_days FROM coverage")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let c = Cover {
            id: r.get(0).unwrap(),
            end: date(r.get(2).unwrap()).unwrap(),
            kind: r.get(3).unwrap(),
            provider: r.get(4).unwrap(),
            notice: r.get(5).unwrap(),
        };
        match last.entry(r.get(1).unwrap()) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                if (c.end, c.id) > (e.get().end, e.get().id) {
                    e.insert(c);
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(c);
            }
        }
    }
    for (asset_id, c) in &last {
        let Some(a) = assets.get(asset_id).filter(|a| a.active) else {
            continue;
        };
        let title = || {
            let kind = match c.kind.as_str() {
                "manufacturer_warranty" => "Manufacturer warranty",
                "extended_warranty" => "Extended warranty",
                _ => "Support contract",
            };
            match &c.provider {
                Some(p) => format!("{kind} ({p})"),
                None => kind.to_string(),
            }
        };
        if c.end <= hi {
            push(
                DueKind::CoverageEnd,
                c.end,
                title(),
                *asset_id,
                a,
                a.assignee.clone(),
                c.id,
                0,
                false,
            );
        }
        if let Some(notice) = c.notice {
            let on = c.end - chrono::Duration::days(notice);
            if on <= hi && c.end >= today {
                push(
                    DueKind::RenewalNotice,
                    on,
                    title(),
                    *asset_id,
                    a,
                    a.assignee.clone(),
                    c.id,
                    0,
                    false,
                );
            }
        }
    }
    for (id, a) in &assets {
        for (kind, d, title) in [
            (DueKind::EndOfLife, a.eol, "End of life"),
            (DueKind::EndOfSupport, a.eos, "End of support"),
        ] {
            if let (true, Some(d)) = (a.active, d) {
                if d <= hi {
                    push(
                        kind,
                        d,
                        title.to_string(),
                        *id,
                        a,
                        a.assignee.clone(),
                        *id,
                        0,
                        false,
                    );
                }
            }
        }
    }
    let kind_id = |k: DueKind| match k {
        DueKind::Maintenance => "maintenance",
        DueKind::CoverageEnd => "coverage_end",
        DueKind::RenewalNotice => "renewal_notice",
        DueKind::EndOfLife => "end_of_life",
        DueKind::EndOfSupport => "end_of_support",
    };
    items.sort_by(|x, y| {
        let by_date = if x.group == 2 {
            y.date.cmp(&x.date)
        } else {
            x.date.cmp(&y.date)
        };
        x.group
            .cmp(&y.group)
            .then(by_date)
            .then_with(|| kind_id(x.kind).cmp(kind_id(y.kind)))
            .then_with(|| x.tag.to_ascii_lowercase().cmp(&y.tag.to_ascii_lowercase()))
            .then(x.id.cmp(&y.id))
    });
    items
}

/// The previous implementation, for comparison: one UNION ALL statement over
/// the five kinds, sorted by urgency in SQL (rows stepped and read as text,
/// not turned into items).
fn previous_single_statement(conn: &Connection, today: NaiveDate) -> usize {
    let active = "+a.archived_at IS NULL AND +a.status IN ('in_service', 'in_repair', 'spare')";
    let last = "NOT EXISTS (SELECT 1 FROM coverage c2 WHERE c2.asset_id = c.asset_id
        AND (c2.end_date > c.end_date OR (c2.end_date = c.end_date AND c2.id > c.id)))";
    let join = |o: &str| {
        format!("CROSS JOIN assets a ON a.id = {o}.asset_id LEFT JOIN locations l ON l.id = a.location_id")
    };
    let sql = format!(
        "WITH d(kind, due, tag) AS (
           SELECT 'maintenance', coalesce(p.snoozed_until, p.next_due), a.tag FROM maintenance_plans p {}
            LEFT JOIN people pe ON pe.id = p.assignee_id
            WHERE p.paused = 0 AND p.next_due IS NOT NULL AND coalesce(p.snoozed_until, p.next_due) <= :lead_hi
              AND (coalesce(p.snoozed_until, p.next_due) <= :hi
                   OR coalesce(p.snoozed_until, p.next_due) <= date(:today, printf('+%d days', p.lead_days)))
              AND {active}
           UNION ALL SELECT 'coverage_end', c.end_date, a.tag FROM coverage c {} WHERE c.end_date <= :hi AND {last} AND {active}
           UNION ALL SELECT 'renewal_notice', date(c.end_date, printf('-%d days', c.notice_days)), a.tag FROM coverage c {}
            WHERE c.notice_days IS NOT NULL AND date(c.end_date, printf('-%d days', c.notice_days)) <= :hi
              AND c.end_date >= :today AND {last} AND {active}
           UNION ALL SELECT 'end_of_life', a.end_of_life, a.tag FROM assets a WHERE a.end_of_life <= :hi AND {active}
           UNION ALL SELECT 'end_of_support', a.end_of_support, a.tag FROM assets a WHERE a.end_of_support <= :hi AND {active})
         SELECT kind, due, tag FROM d
         ORDER BY CASE WHEN d.due > :today THEN 3 WHEN d.due = :today THEN 1
                       WHEN d.kind IN ('coverage_end', 'end_of_life', 'end_of_support') THEN 2 ELSE 0 END,
                  CASE WHEN d.due < :today AND d.kind IN ('coverage_end', 'end_of_life', 'end_of_support')
                       THEN -julianday(d.due) ELSE julianday(d.due) END, d.kind, d.tag",
        join("p"), join("c"), join("c")
    );
    let hi = (today + chrono::Duration::days(i64::from(HORIZON))).to_string();
    let max_lead: i64 = conn
        .query_row(
            "SELECT ifnull(max(lead_days), 0) FROM maintenance_plans",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let lead_hi = (today + chrono::Duration::days(i64::from(HORIZON).max(max_lead))).to_string();
    let mut stmt = conn.prepare_cached(&sql).unwrap();
    let rows = stmt
        .query_map(
            rusqlite::named_params! {":today": today.to_string(), ":hi": hi, ":lead_hi": lead_hi},
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .unwrap();
    rows.count()
}

fn process_run(tend: &Path, db: &Path) -> Duration {
    let t = Instant::now();
    let status = Command::new(tend)
        .args(["due", "--json", "--within", "30d", "--today"])
        .arg(today().to_string())
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .status()
        .expect("run tend");
    assert!(status.success(), "tend due failed: {status}");
    t.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// What a data set holds, for the output.
fn describe(path: &Path, today: NaiveDate) -> String {
    let conn = Connection::open(path).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let active = "status IN ('in_service', 'in_repair', 'spare') AND archived_at IS NULL";
    let hi = today + chrono::Duration::days(i64::from(HORIZON));
    format!(
        "{} assets ({} in use), {} plans ({} overdue on in-use assets), {} coverage records \
         ({} in-use assets whose last coverage ended before today), {} in-use assets past end of life",
        q("SELECT count(*) FROM assets"),
        q(&format!("SELECT count(*) FROM assets WHERE {active}")),
        q("SELECT count(*) FROM maintenance_plans"),
        q(&format!("SELECT count(*) FROM maintenance_plans WHERE paused = 0
            AND coalesce(snoozed_until, next_due) < '{today}' AND asset_id IN (SELECT id FROM assets WHERE {active})")),
        q("SELECT count(*) FROM coverage"),
        q(&format!("SELECT count(*) FROM (SELECT asset_id, max(end_date) AS e FROM coverage GROUP BY asset_id) m
            JOIN assets a ON a.id = m.asset_id WHERE a.{active} AND m.e < '{today}'")),
        q(&format!("SELECT count(*) FROM assets WHERE {active} AND end_of_life < '{today}'")),
    ) + &format!(" (horizon ends {hi})")
}

/// The naive list and the real one hold the same items in the same order.
fn check_same(naive: &[NaiveItem], list: &DueList) {
    assert_eq!(
        naive.len(),
        list.items.len(),
        "naive and indexed lists differ in length"
    );
    for (n, i) in naive.iter().zip(&list.items) {
        assert_eq!(
            (
                n.kind,
                n.date.to_string(),
                n.tag.as_str(),
                n.periods_overdue,
                n.state
            ),
            (
                i.kind,
                i.date.clone(),
                i.asset_tag.as_str(),
                i.periods_overdue,
                i.state
            ),
            "naive and indexed lists differ"
        );
    }
}

fn run_data_set(label: &str, path: &Path, iters: usize) {
    let mut reg = Register::open(path).expect("open bench register");
    let query = DueQuery {
        horizon_days: HORIZON,
        ..DueQuery::default()
    };
    let page = DueQuery {
        limit: Some(100),
        ..query.clone()
    };
    let overdue_only = DueQuery {
        kinds: vec![DueKind::Maintenance],
        horizon_days: 0,
        ..query.clone()
    };
    let conn = Connection::open(path).expect("open for the naive run");
    check_same(
        &naive_due(&conn, today()),
        &reg.due_list(&query, today()).unwrap(),
    );
    // The list kept in memory (the desktop's): loaded once, then read
    // again unchanged, and read right after a write through the register
    // (an asset renamed back and forth: its entries are rebuilt and the
    // kept list reloads that asset alone).
    let mut live = LiveDueList::new();
    let t = Instant::now();
    let loaded = live.list(&reg, &query, today()).unwrap();
    let first_load = t.elapsed();
    assert_eq!(
        loaded,
        reg.due_list(&query, today()).unwrap(),
        "the kept list answers what the register answers"
    );
    let kept = measure(iters, || {
        live.list(&reg, &query, today()).unwrap().items.len()
    });
    let asset_id = loaded.items[0].asset_id;
    let original = reg.get_asset(asset_id).unwrap();
    let mut input = reg.asset_input(&original);
    let mut renamed = 0u64;
    let mut write_times = Vec::new();
    let loads_before = live.full_loads();
    let after_write = measure(iters, || {
        renamed += 1;
        input.name = format!("{} (renamed {renamed})", original.name);
        let t = Instant::now();
        reg.update_asset(asset_id, &input).unwrap();
        write_times.push(t.elapsed());
        live.list(&reg, &query, today()).unwrap().items.len()
    });
    assert_eq!(
        live.full_loads(),
        loads_before,
        "a write must not make the kept list load everything again"
    );
    assert_eq!(
        live.list(&reg, &query, today()).unwrap(),
        reg.due_list(&query, today()).unwrap()
    );
    input.name = original.name.clone();
    reg.update_asset(asset_id, &input).unwrap();
    write_times.sort();
    let write = (
        percentile(&write_times, 0.5),
        percentile(&write_times, 0.95),
        1,
    );

    let full = measure(iters, || reg.due_list(&query, today()).unwrap().items.len());
    let first = measure(iters, || reg.due_list(&page, today()).unwrap().items.len());
    let maint = measure(iters, || {
        reg.due_list(&overdue_only, today()).unwrap().items.len()
    });
    let naive = measure(iters.min(10), || naive_due(&conn, today()).len());
    let previous = measure(iters.min(10), || previous_single_statement(&conn, today()));

    println!();
    println!("**{label}**: {}", describe(path, today()));
    println!();
    println!("| measurement | p50 | p95 | items |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| kept list (LiveDueList), first load | {} | | {} |",
        ms(first_load),
        loaded.items.len()
    );
    for (name, (p50, p95, items)) in [
        ("kept list, full list, nothing changed", kept),
        ("kept list, full list right after a write", after_write),
        (
            "(the write itself: update_asset, with its due entries)",
            write,
        ),
        ("due_list from SQLite, full list", full),
        ("due_list from SQLite, first page (limit 100)", first),
        (
            "due_list from SQLite, maintenance within lead time only",
            maint,
        ),
        (
            "naive: load every row, compute in Rust (same items, checked)",
            naive,
        ),
        (
            "previous: one UNION ALL statement sorted in SQL (rows only)",
            previous,
        ),
    ] {
        println!("| {name} | {} | {} | {items} |", ms(p50), ms(p95));
    }
    let tend = repo_root().join("target/release/tend");
    if tend.exists() {
        let mut times: Vec<Duration> = (0..7).map(|_| process_run(&tend, path)).collect();
        times.sort();
        println!(
            "| `tend due --json --within 30d` (whole process, 7 runs) | {} | {} | {} |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            full.2
        );
    } else {
        println!(
            "(build `cargo build --release -p tend-cli` to measure `tend due --json` as a process)"
        );
    }
}

fn main() {
    let n = env_u64("TEND_BENCH_ASSETS", 100_000);
    let iters = env_u64("TEND_BENCH_ITERS", 30) as usize;
    let neglected = bench_register(n);
    let kept = kept_register(&neglected, n);
    println!(
        "due list, 30-day horizon, today {}, release, in-process p50/p95 of {iters} iterations (naive and previous: at most 10)",
        today()
    );
    run_data_set("well-kept register", &kept, iters);
    run_data_set(
        "neglected register (demo generator as is)",
        &neglected,
        iters,
    );
}
