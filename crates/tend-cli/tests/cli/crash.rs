//! Crash trials: `tend` killed with SIGKILL at random moments while it
//! imports, while four processes complete plans and edit assets, while it
//! restores and while it backs up; after each kill the register must open,
//! pass `tend db check` (integrity, foreign keys, counts, search index, due
//! list), and hold none or all of an import, every acknowledged change, the
//! old register or the new one — never a mix.
//!
//! The normal test run makes a few trials on small files. `cargo xtask
//! crash` runs the full harness in release mode: TEND_CRASH_TRIALS=50
//! kills per scenario, TEND_CRASH_ROWS=100000 rows. TEND_CRASH_SEED
//! repeats a run (the seed is printed).

use crate::support::Db;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small xorshift generator: the trials need spread, not quality.
struct Dice(u64);

impl Dice {
    fn new(scenario: &str) -> Dice {
        let seed = setting(
            "TEND_CRASH_SEED",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64,
        );
        eprintln!("{scenario}: TEND_CRASH_SEED={seed}");
        Dice(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn tend(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tend"));
    cmd.env_remove("TEND_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `cmd`, killing it with SIGKILL after `after` if it is still running.
/// True when it finished on its own with success.
fn run_killed_after(mut cmd: Command, after: Duration) -> bool {
    let mut child: Child = cmd.spawn().unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        if started.elapsed() >= after {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return false;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// Copies a closed register (file and backups) to a fresh folder.
fn fresh_copy(from: &Db) -> Db {
    let to = Db::new();
    std::fs::copy(&from.path, &to.path).unwrap();
    let backups = from.dir.path().join("backups");
    if backups.is_dir() {
        let dest = to.dir.path().join("backups");
        std::fs::create_dir(&dest).unwrap();
        for entry in std::fs::read_dir(&backups).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dest.join(entry.file_name())).unwrap();
        }
    }
    to
}

/// The register opens and every check passes.
fn assert_sound(db: &Db, after: &str) {
    let report = db.json(&["db", "check"]);
    assert_eq!(report["ok"], true, "{after}: {report}");
}

fn total(db: &Db) -> u64 {
    db.json(&["assets", "list", "--archived", "--limit", "1"])["total"]
        .as_u64()
        .unwrap()
}

#[test]
fn an_import_killed_at_any_moment_leaves_none_or_all_of_its_rows() {
    let trials = setting("TEND_CRASH_TRIALS", 4);
    let rows = setting("TEND_CRASH_ROWS", 3_000);
    let mut dice = Dice::new("import");
    let base = Db::new();
    base.ok(&["demo", "--assets", "40"]);
    let before = total(&base);
    let csv = base.dir.path().join("import.csv");
    let mut text = String::from("tag,name,category,location,serial,warranty_end,notes\n");
    for i in 0..rows {
        text.push_str(&format!(
            "K-{i:07},Killed import {i},Server,HQ › Room {} › Rack {},SN{i:010},2027-{:02}-15,\"row {i}, with a comma\"\n",
            i % 7,
            i % 13,
            1 + i % 12
        ));
    }
    std::fs::write(&csv, text).unwrap();
    // An import that runs to its end, to know how long the moments last.
    let timing = fresh_copy(&base);
    let started = Instant::now();
    timing.ok(&["import", csv.to_str().unwrap()]);
    let whole = started.elapsed();
    assert_eq!(total(&timing), before + rows);
    let mut outcomes = [0u32; 2];
    for trial in 0..trials {
        let db = fresh_copy(&base);
        let at = Duration::from_micros(dice.below(whole.as_micros() as u64 * 11 / 10));
        let finished = run_killed_after(tend(&db.path, &["import", csv.to_str().unwrap()]), at);
        let after = format!("import trial {trial}, killed at {at:?} of {whole:?}");
        assert_sound(&db, &after);
        let n = total(&db);
        assert!(n == before || n == before + rows, "{after}: {n} assets");
        outcomes[usize::from(n == before + rows)] += 1;
        if finished {
            assert_eq!(n, before + rows, "{after}: acknowledged but missing");
        }
    }
    eprintln!(
        "import: {trials} kills over {whole:?}: {} left nothing, {} left everything",
        outcomes[0], outcomes[1]
    );
}

#[test]
fn four_processes_killed_while_completing_plans_and_editing_assets_lose_no_acknowledged_change() {
    let trials = setting("TEND_CRASH_TRIALS", 3);
    let mut dice = Dice::new("storm");
    let base = Db::new();
    base.ok(&["demo", "--assets", "40"]);
    // Four assets, each with a plan, one per process.
    let mut targets = Vec::new();
    for row in base.json(&["assets", "list", "--limit", "40"])["rows"]
        .as_array()
        .unwrap()
    {
        let tag = row["tag"].as_str().unwrap().to_owned();
        let plans = base.json(&["plans", "list", &tag]);
        if let Some(plan) = plans.as_array().and_then(|p| p.first()) {
            targets.push((tag, plan["id"].as_i64().unwrap()));
        }
        if targets.len() == 4 {
            break;
        }
    }
    assert_eq!(targets.len(), 4, "the demo register has plans");
    let (mut edits, mut completions_acked, mut cut_short) = (0usize, 0usize, 0usize);
    for trial in 0..trials {
        let db = fresh_copy(&base);
        let deadline = Instant::now() + Duration::from_millis(300 + dice.below(1_500));
        let logged_before: Vec<usize> = targets
            .iter()
            .map(|(tag, plan)| completions(&db, tag, *plan))
            .collect();
        let workers: Vec<_> = targets
            .iter()
            .cloned()
            .enumerate()
            .map(|(w, (tag, plan))| {
                let path = db.path.clone();
                std::thread::spawn(move || {
                    let (mut notes_acked, mut completed_acked, mut edits_acked) =
                        (None, 0usize, 0usize);
                    let mut in_flight_completion = false;
                    for k in 0.. {
                        let left = deadline.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        let (ok, completion) = if k % 2 == 0 {
                            let notes = format!("storm {w}-{k}");
                            let ok = run_killed_after(
                                tend(
                                    &path,
                                    &["--wait", "30", "assets", "update", &tag, "--notes", &notes],
                                ),
                                left,
                            );
                            if ok {
                                notes_acked = Some(notes);
                                edits_acked += 1;
                            }
                            (ok, false)
                        } else {
                            let ok = run_killed_after(
                                tend(
                                    &path,
                                    &["--wait", "30", "plans", "complete", &plan.to_string()],
                                ),
                                left,
                            );
                            if ok {
                                completed_acked += 1;
                            }
                            (ok, true)
                        };
                        in_flight_completion = !ok && completion;
                    }
                    (
                        notes_acked,
                        completed_acked,
                        in_flight_completion,
                        edits_acked,
                    )
                })
            })
            .collect();
        for (w, worker) in workers.into_iter().enumerate() {
            let (notes_acked, completed_acked, maybe_one_more, edits_acked) =
                worker.join().unwrap();
            edits += edits_acked;
            completions_acked += completed_acked;
            let (tag, plan) = &targets[w];
            let after = format!("storm trial {trial}, process {w}");
            let asset = db.json(&["assets", "show", tag]);
            if let Some(notes) = notes_acked {
                // The last acknowledged edit, or a later one cut short after commit.
                let now = asset["asset"]["notes"]
                    .as_str()
                    .or(asset["notes"].as_str())
                    .unwrap_or_default()
                    .to_owned();
                let acked_k: u64 = notes.rsplit('-').next().unwrap().parse().unwrap();
                let now_k: u64 = now.rsplit('-').next().unwrap().parse().unwrap_or(0);
                assert!(
                    now.starts_with(&format!("storm {w}-")) && now_k >= acked_k,
                    "{after}: {now} after {notes}"
                );
            }
            let logged = completions(&db, tag, *plan) - logged_before[w];
            cut_short += logged - completed_acked;
            let most = completed_acked + usize::from(maybe_one_more);
            assert!(
                (completed_acked..=most).contains(&logged),
                "{after}: {logged} completions logged, {completed_acked} acknowledged"
            );
        }
        assert_sound(&db, &format!("storm trial {trial}"));
    }
    eprintln!(
        "storm: {trials} kills of 4 processes: {edits} acknowledged edits and {completions_acked} acknowledged completions all present; {cut_short} completion(s) killed after their commit also present"
    );
}

/// Work-log entries of `plan` on asset `tag`.
fn completions(db: &Db, tag: &str, plan: i64) -> usize {
    db.json(&["log", "list", tag, "--limit", "10000"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["plan_id"].as_i64() == Some(plan))
        .count()
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_register_or_the_new_one() {
    let trials = setting("TEND_CRASH_TRIALS", 4);
    let mut dice = Dice::new("restore");
    let base = Db::new();
    base.ok(&[
        "demo",
        "--assets",
        &setting("TEND_CRASH_ROWS", 3_000).min(20_000).to_string(),
    ]);
    let backup = base.json(&["db", "backup"])["path"]
        .as_str()
        .unwrap()
        .to_owned();
    base.add("AFTER-1", "Made after the backup");
    let name = Path::new(&backup).file_name().unwrap().to_owned();
    let timing = fresh_copy(&base);
    let restored = timing.dir.path().join("backups").join(&name);
    let started = Instant::now();
    timing.ok(&["db", "restore", restored.to_str().unwrap()]);
    let whole = started.elapsed();
    let mut outcomes = [0u32; 2];
    for trial in 0..trials {
        let db = fresh_copy(&base);
        let from = db.dir.path().join("backups").join(&name);
        let at = Duration::from_micros(dice.below(whole.as_micros() as u64 * 11 / 10));
        let finished = run_killed_after(
            tend(&db.path, &["db", "restore", from.to_str().unwrap()]),
            at,
        );
        let after = format!("restore trial {trial}, killed at {at:?} of {whole:?}");
        assert_sound(&db, &after);
        let old = db
            .tend(&["assets", "show", "AFTER-1"])
            .output()
            .unwrap()
            .status
            .success();
        if finished {
            assert!(!old, "{after}: acknowledged, but the old register is there");
        }
        outcomes[usize::from(!old)] += 1;
    }
    eprintln!(
        "restore: {trials} kills over {whole:?}: {} left the old register, {} the new one",
        outcomes[0], outcomes[1]
    );
}

#[test]
fn a_backup_killed_at_any_moment_leaves_no_file_that_looks_like_a_backup_but_is_not_one() {
    let trials = setting("TEND_CRASH_TRIALS", 4);
    let mut dice = Dice::new("backup");
    let base = Db::new();
    base.ok(&[
        "demo",
        "--assets",
        &setting("TEND_CRASH_ROWS", 3_000).min(20_000).to_string(),
    ]);
    let timing = fresh_copy(&base);
    let started = Instant::now();
    timing.ok(&["db", "backup"]);
    let whole = started.elapsed();
    let db = fresh_copy(&base);
    let mut finished_count = 0;
    for trial in 0..trials {
        let at = Duration::from_micros(dice.below(whole.as_micros() as u64 * 11 / 10));
        finished_count += usize::from(run_killed_after(tend(&db.path, &["db", "backup"]), at));
        let after = format!("backup trial {trial}, killed at {at:?} of {whole:?}");
        let listed = db.json(&["db", "backups"]);
        for b in listed["backups"].as_array().unwrap() {
            assert_eq!(b["verified"], true, "{after}: {b}");
            let path = b["path"].as_str().unwrap();
            assert_eq!(
                std::fs::metadata(path).unwrap().len(),
                b["size"].as_u64().unwrap(),
                "{after}: {path}"
            );
        }
        assert_sound(&db, &after);
    }
    let listed = db.json(&["db", "backups"])["backups"]
        .as_array()
        .unwrap()
        .len();
    eprintln!(
        "backup: {trials} kills over {whole:?}: {finished_count} finished first; {listed} backup(s) listed after rotation, every one checked and whole"
    );
}
