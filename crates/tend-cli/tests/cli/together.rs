//! Several desks on one register, as processes: a change made on a stale
//! read is refused with `conflict` naming who changed what, the same
//! maintenance completed twice is recorded once, and writers racing each
//! other lose nothing. The race runs 4 writers × 12 rounds here;
//! `cargo xtask together` runs 8 × 500 (TEND_TOGETHER_WRITERS and
//! TEND_TOGETHER_ROUNDS).

use crate::support::{tend_in, user_error, Db};
use serde_json::Value;
use std::collections::HashSet;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `tend --db DB --json ARGS` as `who`; (exit code, stdout, stderr).
fn run_as(db: &Db, who: &str, args: &[&str]) -> (i32, String, String) {
    let out = tend_in(db.dir.path())
        .arg("--db")
        .arg(&db.path)
        .args(["--wait", "120", "--json"])
        .args(args)
        .env("TEND_AUTHOR", who)
        .output()
        .expect("run tend");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_change_made_on_a_stale_read_is_refused_naming_who_changed_what() {
    let db = Db::new();
    db.add("SRV-1", "File server");
    let seen = db.json(&["assets", "show", "SRV-1"]);
    let stamp = seen["asset"]["updated_at"].as_str().unwrap().to_string();
    let (code, _, err) = run_as(
        &db,
        "anna",
        &["assets", "update", "SRV-1", "--status", "in_repair"],
    );
    assert_eq!(code, 0, "{err}");

    let args = [
        "assets",
        "update",
        "SRV-1",
        "--notes",
        "fans checked",
        "--if-unchanged-since",
        &stamp,
        "--json",
    ];
    let out = db.tend(&args).output().unwrap();
    let stderr = user_error(&args, out);
    assert!(
        stderr.contains("asset SRV-1 was changed since it was read: anna changed status"),
        "{stderr}"
    );
    assert!(stderr.contains("\"code\":\"conflict\""), "{stderr}");
    assert!(
        stderr.contains("\"field\":\"expected_updated_at\""),
        "{stderr}"
    );
    let now = db.json(&["assets", "show", "SRV-1"]);
    assert!(now.to_string().contains("in_repair"));
    assert!(
        !now.to_string().contains("fans checked"),
        "nothing was written"
    );
}

#[test]
fn completing_the_same_occurrence_from_two_desks_records_it_once() {
    let db = Db::new();
    db.add("UPS-1", "Rack UPS");
    let plan = db.json(&[
        "plans",
        "add",
        "UPS-1",
        "--title",
        "Battery test",
        "--every",
        "1",
        "--unit",
        "months",
    ]);
    let id = plan["id"].as_i64().unwrap().to_string();
    let due = plan["next_due"].as_str().unwrap().to_string();
    let (code, _, err) = run_as(
        &db,
        "anna",
        &["plans", "complete", &id, "--occurrence", &due],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_as(
        &db,
        "ben",
        &["plans", "complete", &id, "--occurrence", &due],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("due {due} was already completed on ")),
        "{err}"
    );
    assert!(err.contains(" by anna (recorded "), "{err}");
    assert!(err.contains("\"code\":\"conflict\""), "{err}");
    let log = db.json(&["log", "list", "UPS-1"]);
    assert_eq!(log.as_array().map(Vec::len), Some(1), "{log}");
}

/// What one writer did.
#[derive(Default)]
struct Tally {
    edits: usize,
    edit_conflicts: usize,
    completions: Vec<String>,
    completion_conflicts: usize,
}

#[test]
fn writers_racing_on_one_register_lose_nothing_and_every_refusal_is_a_conflict() {
    let writers = env_usize("TEND_TOGETHER_WRITERS", 4);
    let rounds = env_usize("TEND_TOGETHER_ROUNDS", 12);
    let db = Db::new();
    db.add("SRV-1", "File server");
    let plan = db.json(&[
        "plans",
        "add",
        "SRV-1",
        "--title",
        "Check",
        "--every",
        "1",
        "--unit",
        "days",
        "--start",
        "2020-01-01",
    ]);
    let plan_id = plan["id"].as_i64().unwrap().to_string();

    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let db = &db;
                let plan_id = plan_id.clone();
                s.spawn(move || {
                    let who = format!("writer-{w}");
                    let mut t = Tally::default();
                    for round in 0..rounds {
                        // Read, then write on what was read.
                        let (_, out, err) = run_as(db, &who, &["assets", "show", "SRV-1"]);
                        let shown: Value = serde_json::from_str(&out)
                            .unwrap_or_else(|e| panic!("{e}: {out} {err}"));
                        let stamp = shown["asset"]["updated_at"].as_str().unwrap().to_string();
                        let note = format!("{who} round {round}");
                        let (code, _, err) = run_as(
                            db,
                            &who,
                            &[
                                "assets",
                                "update",
                                "SRV-1",
                                "--notes",
                                &note,
                                "--if-unchanged-since",
                                &stamp,
                            ],
                        );
                        match code {
                            0 => t.edits += 1,
                            1 if err.contains("\"code\":\"conflict\"") => t.edit_conflicts += 1,
                            other => panic!("edit: exit {other}: {err}"),
                        }
                        let (_, out, _) = run_as(db, &who, &["plans", "show", &plan_id]);
                        let shown: Value = serde_json::from_str(&out).unwrap();
                        let due = shown["plan"]["next_due"].as_str().unwrap().to_string();
                        let (code, _, err) = run_as(
                            db,
                            &who,
                            &["plans", "complete", &plan_id, "--occurrence", &due],
                        );
                        match code {
                            0 => t.completions.push(due),
                            1 if err.contains("\"code\":\"conflict\"") => {
                                t.completion_conflicts += 1
                            }
                            other => panic!("completion: exit {other}: {err}"),
                        }
                    }
                    t
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let edits: usize = tallies.iter().map(|t| t.edits).sum();
    eprintln!(
        "{writers} writers × {rounds} rounds: {edits} edits saved, {} refused as changed meanwhile; \
         {} completions recorded, {} refused as already done",
        tallies.iter().map(|t| t.edit_conflicts).sum::<usize>(),
        tallies.iter().map(|t| t.completions.len()).sum::<usize>(),
        tallies.iter().map(|t| t.completion_conflicts).sum::<usize>(),
    );
    let completions: Vec<&String> = tallies.iter().flat_map(|t| &t.completions).collect();
    assert!(edits >= 1 && !completions.is_empty());
    assert_eq!(
        edits + tallies.iter().map(|t| t.edit_conflicts).sum::<usize>(),
        writers * rounds
    );
    // Every accepted edit is in the history, with its author: none lost.
    let shown = db.json(&["assets", "show", "SRV-1", "--recent", "100000"]);
    let history = shown["recent_history"].as_array().expect("history");
    let notes_changes = history.iter().filter(|e| e["field"] == "notes").count();
    assert!(
        history
            .iter()
            .filter(|e| e["field"] == "notes")
            .all(|e| e["author"]
                .as_str()
                .is_some_and(|a| a.starts_with("writer-"))),
        "every accepted edit names its writer"
    );
    assert_eq!(notes_changes, edits, "one history entry per accepted edit");
    // Each occurrence completed once, and the log holds exactly those.
    let distinct: HashSet<&&String> = completions.iter().collect();
    assert_eq!(
        distinct.len(),
        completions.len(),
        "an occurrence completed twice: {completions:?}"
    );
    let log = db.json(&["log", "list", "SRV-1", "--limit", "100000"]);
    assert_eq!(log.as_array().map(Vec::len), Some(completions.len()));
}
