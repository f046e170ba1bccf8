//! A register you can trust: damaged files are found and never written to,
//! refused files are left byte-identical (their log included), backups are
//! verified and bounded in time while others write, and a restore swaps
//! whole registers only.

use crate::common::asset;
use std::path::{Path, PathBuf};
use tend_core::store::migrations;
use tend_core::*;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

/// A closed register of `n` sample assets at `dir/tend.sqlite`.
fn sample_register(dir: &Path, n: u64) -> PathBuf {
    let path = dir.join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    demo::generate(&mut reg, n, 7, today()).unwrap();
    path
}

/// Overwrites one page in the middle of the file with garbage, as a disk
/// or another program might.
fn damage_a_page(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = bytes.len() / 4096;
    let page = pages / 2;
    for b in &mut bytes[page * 4096..page * 4096 + 4096] {
        *b = 0x5A;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_register_damaged_inside_a_page_is_found_at_open_and_never_written_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 200);
    let good = Register::open(&path).unwrap().back_up("by hand").unwrap();
    damage_a_page(&path);
    let before = std::fs::read(&path).unwrap();

    let mut reg = Register::open(&path).unwrap();
    let damage = reg.damage().expect("the start-up check found the damage");
    assert!(!damage.is_empty());
    let err = reg
        .create_asset(&asset("NEW-1", "Not written"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Damaged, "{err}");
    let text = err.to_string();
    assert!(text.contains("damaged"), "{text}");
    assert!(
        text.contains(&good.path.display().to_string()),
        "the newest good backup is offered: {text}"
    );
    let err = reg.backup_to(&dir.path().join("copy.sqlite")).unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::Damaged,
        "a copy of damage is no backup"
    );
    assert!(!dir.path().join("copy.sqlite").exists());
    let err = reg.set_setting("currency", "USD").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Damaged);

    // The full check lists problems instead of failing on the first.
    let problems = reg.check().unwrap();
    assert!(!problems.is_empty());
    drop(reg);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "not one byte written"
    );
}

#[test]
fn a_database_from_a_newer_tend_with_a_log_beside_it_is_refused_byte_identical_log_included() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    drop(Register::open(&path).unwrap());
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    writer
        .pragma_update(None, "user_version", migrations::latest_version() + 1)
        .unwrap();
    writer
        .execute("INSERT INTO vendors (name) VALUES ('From the future')", [])
        .unwrap();
    // Copy the file and its uncheckpointed log, as a newer Tend left them.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("tend.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    let wal = copy_dir.path().join("tend.sqlite-wal");
    std::fs::copy(dir.path().join("tend.sqlite-wal"), &wal).unwrap();
    drop(writer);
    let db_before = std::fs::read(&copy).unwrap();
    let wal_before = std::fs::read(&wal).unwrap();
    assert!(!wal_before.is_empty());

    let err = Register::open(&copy).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Incompatible, "{err}");
    assert!(err.to_string().contains("newer version of Tend"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), db_before, "the file");
    assert_eq!(std::fs::read(&wal).unwrap(), wal_before, "the log");
}

#[test]
fn a_file_whose_header_is_damaged_is_called_damaged_and_the_backups_are_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 20);
    let good = Register::open(&path).unwrap().back_up("by hand").unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[..16].copy_from_slice(&[0u8; 16]);
    std::fs::write(&path, &bytes).unwrap();
    let err = Register::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Damaged, "{err}");
    let text = err.to_string();
    assert!(text.contains("header"), "{text}");
    assert!(!text.contains("not SQLite"), "{text}");
    assert!(text.contains(&good.path.display().to_string()), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it was");
}

#[test]
fn a_backup_finishes_while_another_connection_commits_all_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 1_000);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut reg = Register::open(&path).unwrap();
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                reg.create_asset(&asset(&format!("W-{n}"), "Written during the backup"))
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let backup = {
        let path = path.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let reg = Register::open(&path).unwrap();
            let made = reg.back_up("by hand");
            let _ = done_tx.send(());
            made
        })
    };
    let finished = done_rx.recv_timeout(std::time::Duration::from_secs(120));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(
        finished.is_ok(),
        "the backup did not finish within 2 minutes"
    );
    let made = backup.join().unwrap().unwrap();
    assert!(written > 0);
    assert!(made.verified);
    let copy = Register::open(&made.path).unwrap();
    assert!(copy.check().unwrap().is_empty());
}

#[test]
fn a_backup_to_a_folder_that_is_gone_is_an_error_and_an_import_then_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    reg.set_setting("backup_folder", share.to_str().unwrap())
        .unwrap();
    std::fs::remove_dir(&share).unwrap();
    let err = reg.back_up("by hand").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io, "{err}");
    assert!(err.to_string().contains("share"), "{err}");
    assert!(
        !share.exists(),
        "an offline share is not replaced by a local folder"
    );

    let csv = dir.path().join("assets.csv");
    std::fs::write(&csv, "tag,name\nA-1,One\n").unwrap();
    let err = reg
        .import_csv(
            &csv,
            &csv::ImportOptions::default(),
            csv::import::ImportMode::Commit,
            &mut |_| {},
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("could not back the register up before import"),
        "{err}"
    );
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn an_import_is_preceded_by_a_verified_backup_named_after_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    let csv = dir.path().join("assets.csv");
    std::fs::write(&csv, "tag,name\nA-1,One\n").unwrap();
    reg.import_csv(
        &csv,
        &csv::ImportOptions::default(),
        csv::import::ImportMode::DryRun,
        &mut |_| {},
    )
    .unwrap();
    assert!(
        reg.list_backups().unwrap().1.is_empty(),
        "a dry run writes nothing"
    );
    reg.import_csv(
        &csv,
        &csv::ImportOptions::default(),
        csv::import::ImportMode::Commit,
        &mut |_| {},
    )
    .unwrap();
    let (folder, found) = reg.list_backups().unwrap();
    assert_eq!(folder, dir.path().join("backups"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].reason, "before import of assets.csv");
    assert!(found[0].verified);
    assert_eq!(found[0].sha256.as_ref().map(String::len), Some(64));
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_the_register_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    reg.create_asset(&asset("OLD-1", "Before the backup"))
        .unwrap();
    let backup = reg.back_up("by hand").unwrap();
    reg.create_asset(&asset("NEW-1", "After the backup"))
        .unwrap();
    reg.create_asset(&asset("NEW-2", "After the backup"))
        .unwrap();

    let preview = backups::restore_preview(&path, &backup.path).unwrap();
    assert_eq!(preview.changes_lost, 2, "two assets created since");
    let err = backups::restore(&path, &backup.path, chrono::Utc::now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Busy, "refused while open: {err}");
    assert!(reg.get_asset_by_tag("NEW-1").is_ok(), "nothing changed");
    drop(reg);

    let restored = backups::restore(&path, &backup.path, chrono::Utc::now()).unwrap();
    assert!(!restored.previous_damaged);
    let reg = Register::open(&path).unwrap();
    assert!(reg.get_asset_by_tag("OLD-1").is_ok());
    assert_eq!(
        reg.get_asset_by_tag("NEW-1").unwrap_err().code(),
        ErrorCode::NotFound
    );
    let previous = Register::open(restored.previous.as_ref().unwrap()).unwrap();
    assert!(
        previous.get_asset_by_tag("NEW-2").is_ok(),
        "the replaced register was kept"
    );
    let (_, found) = reg.list_backups().unwrap();
    assert!(found.iter().any(|b| b.reason == "before restore"));
}

#[test]
fn a_restore_over_a_damaged_register_copies_the_damaged_file_aside_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 200);
    let backup = Register::open(&path).unwrap().back_up("by hand").unwrap();
    damage_a_page(&path);
    let damaged = std::fs::read(&path).unwrap();
    let restored = backups::restore(&path, &backup.path, chrono::Utc::now()).unwrap();
    assert!(restored.previous_damaged);
    let aside = restored.previous.unwrap();
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        damaged,
        "kept byte for byte"
    );
    let reg = Register::open(&path).unwrap();
    assert!(reg.damage().is_none());
    assert!(reg.check().unwrap().is_empty());
    assert_eq!(reg.count_assets().unwrap(), 200);
}

#[test]
fn a_backup_whose_bytes_changed_is_refused_for_a_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 20);
    let backup = Register::open(&path).unwrap().back_up("by hand").unwrap();
    let mut bytes = std::fs::read(&backup.path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xFF;
    std::fs::write(&backup.path, bytes).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = backups::restore(&path, &backup.path, chrono::Utc::now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Damaged, "{err}");
    assert!(err.to_string().contains("SHA-256"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_start_up_backup_is_made_once_a_day_through_its_own_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 20);
    let reg = Register::open(&path).unwrap(); // the app keeps it open
    let now = chrono::Utc::now();
    let backups::DailyBackup::Made(made) =
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap()
    else {
        panic!("none yet, so one is made");
    };
    assert_eq!(made.reason, "daily");
    assert!(made.verified);
    assert_eq!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        backups::DailyBackup::Recent,
        "one a day"
    );
    let tomorrow = now + chrono::Duration::hours(25);
    assert!(matches!(
        backups::back_up_if_stale(&path, tomorrow, &backups::BackupStop::default()).unwrap(),
        backups::DailyBackup::Made(_)
    ));
    assert_eq!(reg.list_backups().unwrap().1.len(), 2);
}

#[test]
fn applying_a_template_to_a_category_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("tend.sqlite")).unwrap();
    let mut ups = asset("UPS-1", "Rack UPS");
    ups.category = "UPS".into();
    reg.create_asset(&ups).unwrap();
    let template = reg
        .create_template(&PlanTemplateInput {
            category: "UPS".into(),
            plan: PlanInput {
                unit: "years".into(),
                every: "3".into(),
                ..crate::plans::monthly("Replace battery", "")
            },
            auto_apply: false,
        })
        .unwrap();
    reg.apply_template(template.id, today()).unwrap();
    let (_, found) = reg.list_backups().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].reason,
        "before applying the template \"Replace battery\""
    );
}

/// Regression: on a brand-new register the desktop showed "The daily backup
/// could not be made: storage error: no such table: settings". The start-up
/// backup read the file through its own connection while the app was still
/// creating it: a file not there yet, an empty one, or one whose schema was
/// not written yet. None of these, nor a new register with nothing in it,
/// is anything to back up, and none is touched.
#[test]
fn the_start_up_backup_of_a_register_not_yet_made_or_holding_nothing_is_nothing_to_back_up() {
    use backups::DailyBackup::NothingYet;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let now = chrono::Utc::now();
    let folder = backups::default_folder(&path);

    // Not there yet.
    assert_eq!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        NothingYet
    );
    assert!(!path.exists(), "no file is made");

    // An empty file, as SQLite leaves it before the first write.
    std::fs::write(&path, b"").unwrap();
    assert_eq!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        NothingYet
    );
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "left empty");

    // Opened, its schema not written yet: the moment the desktop's start-up
    // backup read it.
    let opening = store::connection::open(&path, &Default::default()).unwrap();
    assert_eq!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        NothingYet
    );
    drop(opening);

    // Open and upgraded, but nothing in it yet (settings are not content).
    let mut reg = Register::open(&path).unwrap();
    reg.set_setting(backups::retention::KEEP_SETTINGS[0], "3")
        .unwrap();
    assert_eq!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        NothingYet
    );
    assert!(!folder.exists(), "no backup folder for nothing");

    // One asset is worth a daily backup.
    reg.create_asset(&asset("SRV-1", "First server")).unwrap();
    assert!(matches!(
        backups::back_up_if_stale(&path, now, &backups::BackupStop::default()).unwrap(),
        backups::DailyBackup::Made(_)
    ));
}

/// Where a register's backups and their partial copies go (the default
/// folder beside it): what is there, names only.
fn backup_folder_names(path: &Path) -> Vec<String> {
    let reg = Register::open(path).unwrap();
    let folder = reg.list_backups().unwrap().0;
    drop(reg);
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_stopped_start_up_backup_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 20);
    let stop = backups::BackupStop::default();
    stop.stop();
    let err = backups::back_up_if_stale(&path, chrono::Utc::now(), &stop).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled, "{err}");
    assert!(
        backup_folder_names(&path)
            .iter()
            .all(|n| !n.contains("tend-")),
        "{:?}",
        backup_folder_names(&path)
    );
}

/// The app ends while its start-up backup copies a large register: the
/// copy stops at once (SQLite interrupted), its partial file is removed,
/// and the next try makes a whole backup.
#[test]
fn a_start_up_backup_stopped_midway_leaves_no_partial_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_register(dir.path(), 20);
    // 48 MB of attachment, so the copy takes a while.
    let big = dir.path().join("rack-photos.bin");
    let bytes: Vec<u8> = (0..48_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&big, bytes).unwrap();
    {
        let mut reg = Register::open(&path).unwrap();
        let id = reg.list_assets(&AssetQuery::default()).unwrap().rows[0].id;
        reg.attach_files(&[big], &[id], AttachedTo::Asset, None)
            .unwrap();
    }
    let folder = Register::open(&path).unwrap().list_backups().unwrap().0;
    let stop = backups::BackupStop::default();
    let stopper = {
        let (stop, folder) = (stop.clone(), folder.clone());
        std::thread::spawn(move || {
            // Stops as soon as the copy is being written.
            let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while std::time::Instant::now() < until {
                let writing = std::fs::read_dir(&folder).is_ok_and(|entries| {
                    entries
                        .flatten()
                        .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
                });
                if writing {
                    stop.stop();
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            false
        })
    };
    let outcome = backups::back_up_if_stale(&path, chrono::Utc::now(), &stop);
    assert!(stopper.join().unwrap(), "the copy was seen being written");
    let err = outcome.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled, "{err}");
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "nothing half-written is left: {left:?}");

    let again =
        backups::back_up_if_stale(&path, chrono::Utc::now(), &backups::BackupStop::default())
            .unwrap();
    assert!(
        matches!(again, backups::DailyBackup::Made(ref made) if made.verified),
        "{again:?}"
    );
}
