//! Files attached to assets, coverage and work-log entries, inside the
//! register (both stores): stored in chunks and once per content, read back
//! byte for byte, linked to many assets, removed with their history, and
//! refused whole when anything about them is wrong.

use crate::common::{asset, temp_register};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tend_core::*;

/// Bytes that differ from chunk to chunk (a pattern would hide a chunk
/// written twice or out of order).
fn bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path
}

fn sha(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read_back(reg: &Register, id: i64) -> Vec<u8> {
    let mut out = Vec::new();
    reg.copy_attachment(id, &mut out, Path::new("memory"))
        .unwrap();
    out
}

#[test]
fn a_file_goes_in_in_chunks_and_comes_back_byte_for_byte_with_who_and_when() {
    let (dir, mut reg) = temp_register();
    reg.set_author("anna").unwrap();
    let a = reg.create_asset(&asset("SRV-1", "File server")).unwrap();
    // More than three chunks of 1 MiB, and not a multiple of one.
    let data = bytes(3 * 1024 * 1024 + 12_345, 1);
    let path = write(dir.path(), "Invoice 2024-117.pdf", &data);
    let done = reg
        .attach_files(&[path], &[a.id], AttachedTo::Asset, Some("Dell invoice"))
        .unwrap();
    assert_eq!(done.links.len(), 1);
    assert_eq!(done.already_stored, 0);
    let link = &done.links[0];
    assert_eq!(link.name, "Invoice 2024-117.pdf");
    assert_eq!(link.media_type, "application/pdf");
    assert_eq!(link.size, data.len() as u64);
    assert_eq!(link.sha256, sha(&data));
    assert_eq!(link.note.as_deref(), Some("Dell invoice"));
    assert_eq!(link.author.as_deref(), Some("anna"));
    assert_eq!(link.attached_to, AttachedTo::Asset);
    assert_eq!(reg.list_attachments(a.id).unwrap(), done.links);
    assert_eq!(read_back(&reg, link.id), data);

    let saved = dir.path().join("saved.pdf");
    assert_eq!(
        reg.save_attachment(link.id, &saved).unwrap(),
        data.len() as u64
    );
    assert_eq!(std::fs::read(&saved).unwrap(), data);

    let history = reg.asset_history(a.id, 10).unwrap();
    let entry = history
        .iter()
        .find(|h| h.field.as_deref() == Some("attachment"))
        .expect("an attachment entry in the history");
    assert_eq!(entry.new_value.as_deref(), Some("Invoice 2024-117.pdf"));
    assert_eq!(entry.author.as_deref(), Some("anna"));
    assert!(
        entry.summary.starts_with("Attached Invoice 2024-117.pdf ("),
        "{}",
        entry.summary
    );
}

#[test]
fn one_invoice_for_many_assets_is_stored_once_and_goes_when_its_last_link_goes() {
    let (dir, mut reg) = temp_register();
    let ids: Vec<i64> = (1..=4)
        .map(|i| {
            reg.create_asset(&asset(&format!("LAP-{i}"), "Laptop"))
                .unwrap()
                .id
        })
        .collect();
    let data = bytes(200_000, 2);
    let invoice = write(dir.path(), "PO-123.pdf", &data);
    let done = reg
        .attach_files(&[invoice], &ids, AttachedTo::Asset, None)
        .unwrap();
    assert_eq!(done.links.len(), 4);
    assert_eq!(reg.attachment_totals().unwrap(), (4, 1, 200_000));

    // The same bytes under another name: linked, not stored again.
    let copy = write(dir.path(), "copy of PO-123.pdf", &data);
    let again = reg
        .attach_files(&[copy], &[ids[0]], AttachedTo::Asset, None)
        .unwrap();
    assert_eq!(again.already_stored, 1);
    assert_eq!(reg.attachment_totals().unwrap(), (5, 1, 200_000));

    for link in done.links.iter().chain(&again.links).skip(1) {
        reg.remove_attachment(link.id).unwrap();
        assert_eq!(
            reg.attachment_totals().unwrap().1,
            1,
            "content kept while linked"
        );
    }
    let last = reg.remove_attachment(done.links[0].id).unwrap();
    assert_eq!(reg.attachment_totals().unwrap(), (0, 0, 0));
    let history = reg.asset_history(last.asset_id, 20).unwrap();
    assert!(history
        .iter()
        .any(|h| h.summary == "Removed attachment PO-123.pdf"
            && h.old_value.as_deref() == Some("PO-123.pdf")));
    assert!(matches!(
        reg.attachment(last.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn files_on_coverage_and_work_go_with_their_record_and_stay_with_their_asset() {
    let (dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("SW-1", "Core switch")).unwrap();
    let b = reg.create_asset(&asset("SW-2", "Edge switch")).unwrap();
    let cover = reg
        .create_coverage(
            a.id,
            &CoverageInput {
                kind: "support contract".into(),
                start_date: "2025-01-01".into(),
                end_date: "2027-12-31".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let work = reg
        .create_work(
            a.id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: "2026-03-02".into(),
                summary: "Replaced fan tray".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    let contract = write(dir.path(), "contract.pdf", &bytes(5_000, 3));
    let photo = write(dir.path(), "fan.jpg", &bytes(7_000, 4));
    let c = reg
        .attach_files(
            std::slice::from_ref(&contract),
            &[],
            AttachedTo::Coverage(cover.id),
            None,
        )
        .unwrap();
    assert_eq!(c.links[0].asset_id, a.id);
    assert_eq!(c.links[0].attached_to, AttachedTo::Coverage(cover.id));
    let w = reg
        .attach_files(&[photo], &[a.id], AttachedTo::Work(work.id), None)
        .unwrap();
    assert_eq!(w.links[0].media_type, "image/jpeg");
    assert_eq!(reg.list_attachments(a.id).unwrap().len(), 2);

    // Another asset's record is refused, and nothing is stored.
    let e = reg
        .attach_files(&[contract], &[b.id], AttachedTo::Coverage(cover.id), None)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation, "{e}");
    assert!(e.to_string().contains("belongs to another asset"), "{e}");
    assert_eq!(reg.attachment_totals().unwrap().0, 2);

    reg.delete_work(work.id).unwrap();
    assert_eq!(reg.list_attachments(a.id).unwrap().len(), 1);
    assert_eq!(reg.attachment_totals().unwrap(), (1, 1, 5_000));
    assert!(reg
        .asset_history(a.id, 50)
        .unwrap()
        .iter()
        .any(|h| h.summary == "Removed attachment fan.jpg with the work-log entry"));
}

#[test]
fn bad_files_are_refused_with_the_reason_and_nothing_is_half_stored() {
    let (dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("PC-1", "Desk PC")).unwrap();
    let good = write(dir.path(), "good.txt", b"fine");
    let empty = write(dir.path(), "empty.pdf", b"");
    let control = write(dir.path(), "bad\nname.pdf", b"x");
    reg.set_setting(attachments::LIMIT_SETTING, "1").unwrap();
    let big = write(dir.path(), "big.iso", &bytes(1_500_000, 5));
    let missing = dir.path().join("gone.pdf");
    let folder = dir.path().to_path_buf();
    let cases: [(&Path, &str); 5] = [
        (&empty, "is empty (0 bytes)"),
        (&control, "control character"),
        (
            &big,
            "is 1.5 MB, over the limit of 1.0 MB per file (the setting attachment_max_mb)",
        ),
        (&missing, "gone.pdf"),
        (&folder, "not a file"),
    ];
    for (bad, why) in cases {
        // The good file first: it must not be stored when a later one fails.
        let e = reg
            .attach_files(
                &[good.clone(), bad.to_path_buf()],
                &[a.id],
                AttachedTo::Asset,
                None,
            )
            .unwrap_err();
        assert!(e.to_string().contains(why), "{}: {e}", bad.display());
        assert_eq!(reg.attachment_totals().unwrap(), (0, 0, 0));
    }
    let e = reg
        .set_setting(attachments::LIMIT_SETTING, "0")
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation);
    assert!(reg
        .attach_files(&[], &[a.id], AttachedTo::Asset, None)
        .is_err());
    assert!(reg
        .attach_files(&[good], &[], AttachedTo::Asset, None)
        .is_err());
    assert_eq!(reg.attachment_totals().unwrap(), (0, 0, 0));
}

/// A link as both registers must show it: name, content, what it is on,
/// note, who and when.
type Seen = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

/// The register the export came from, rebuilt in another register whose
/// ids differ: the same assets, coverage and work.
fn records(reg: &mut Register, tags: &[&str]) -> (Vec<Asset>, Coverage, WorkLogEntry) {
    let assets: Vec<Asset> = tags
        .iter()
        .map(|t| reg.create_asset(&asset(t, "Server")).unwrap())
        .collect();
    let cover = reg
        .create_coverage(
            assets[0].id,
            &CoverageInput {
                kind: "manufacturer warranty".into(),
                start_date: "2024-05-01".into(),
                end_date: "2027-04-30".into(),
                ..CoverageInput::default()
            },
        )
        .unwrap();
    let work = reg
        .create_work(
            assets[1].id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: "2026-01-15".into(),
                summary: "=Disk 3 swapped".into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    (assets, cover, work)
}

#[test]
fn an_exported_folder_read_into_another_register_keeps_every_link() {
    let (dir, mut from) = temp_register();
    from.set_author("ben").unwrap();
    let (assets, cover, work) = records(&mut from, &["SRV-A", "SRV-B"]);
    let shared = write(dir.path(), "invoice.pdf", &bytes(1_100_000, 6));
    let photo = write(dir.path(), "=rack.png", &bytes(900, 7));
    let ids: Vec<i64> = assets.iter().map(|a| a.id).collect();
    from.attach_files(
        std::slice::from_ref(&shared),
        &ids,
        AttachedTo::Asset,
        Some("PO-9"),
    )
    .unwrap();
    from.attach_files(&[shared], &[], AttachedTo::Coverage(cover.id), None)
        .unwrap();
    from.attach_files(&[photo], &[], AttachedTo::Work(work.id), None)
        .unwrap();
    let out = dir.path().join("export");
    let written = from.export_attachments(&out).unwrap();
    assert_eq!((written.links, written.files), (4, 2));
    // A second export into the same folder is refused rather than mixed.
    assert!(from.export_attachments(&out).is_err());

    let (_other, mut to) = temp_register();
    to.create_asset(&asset("OTHER", "Shifts the ids")).unwrap();
    records(&mut to, &["SRV-A", "SRV-B"]);
    let index = out.join(attachments::INDEX_FILE);
    let done = to.import_attachments(&index).unwrap();
    assert_eq!((done.links, done.unchanged, done.files_stored), (4, 0, 2));
    let view = |reg: &Register, tag: &str| -> Vec<Seen> {
        let a = reg.get_asset_by_tag(tag).unwrap();
        let mut v: Vec<_> = reg
            .list_attachments(a.id)
            .unwrap()
            .into_iter()
            .map(|l| {
                let to = match l.attached_to {
                    AttachedTo::Asset => "asset".to_string(),
                    AttachedTo::Coverage(_) => "coverage".to_string(),
                    AttachedTo::Work(_) => "work".to_string(),
                };
                (l.name, l.sha256, to, l.note, l.author, l.created_at)
            })
            .collect();
        v.sort();
        v
    };
    for tag in ["SRV-A", "SRV-B"] {
        assert_eq!(view(&from, tag), view(&to, tag), "{tag}");
    }
    // Read again: nothing new.
    let again = to.import_attachments(&index).unwrap();
    assert_eq!((again.links, again.unchanged), (0, 4));
}

#[test]
fn an_index_that_lies_or_points_outside_its_folder_is_refused_whole() {
    let (dir, mut from) = temp_register();
    let (assets, _, _) = records(&mut from, &["SRV-A", "SRV-B"]);
    let one = write(dir.path(), "one.pdf", &bytes(3_000, 8));
    let two = write(dir.path(), "two.pdf", &bytes(4_000, 9));
    from.attach_files(&[one, two], &[assets[0].id], AttachedTo::Asset, None)
        .unwrap();
    let out = dir.path().join("export");
    from.export_attachments(&out).unwrap();
    let index = out.join(attachments::INDEX_FILE);
    let text = std::fs::read_to_string(&index).unwrap();

    let (_other, mut to) = temp_register();
    records(&mut to, &["SRV-A", "SRV-B"]);
    // The second row's file swapped for another's bytes.
    let lines: Vec<&str> = text.lines().collect();
    let first_file = lines[1].rsplit(',').next().unwrap();
    let second_file = lines[2].rsplit(',').next().unwrap();
    let swapped = format!(
        "{}\n{}\n{}\n",
        lines[0],
        lines[1],
        lines[2].replace(second_file, first_file)
    );
    std::fs::write(&index, swapped).unwrap();
    let e = to.import_attachments(&index).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("row 3") && message.contains("sha256"),
        "{message}"
    );
    assert_eq!(to.attachment_totals().unwrap(), (0, 0, 0));

    let climbing = format!(
        "{}\n{}\n",
        lines[0],
        lines[1].replace(first_file, "../../etc/passwd")
    );
    std::fs::write(&index, climbing).unwrap();
    let e = to.import_attachments(&index).unwrap_err();
    assert!(e.to_string().contains("row 2, column \"file\""), "{e}");

    let unknown = format!(
        "{}\n{}\n",
        lines[0],
        lines[1].replacen("SRV-A", "NOPE-1", 1)
    );
    std::fs::write(&index, unknown).unwrap();
    let e = to.import_attachments(&index).unwrap_err();
    assert!(e.to_string().contains("column \"tag\""), "{e}");
    assert_eq!(to.attachment_totals().unwrap(), (0, 0, 0));
}

#[test]
fn the_dossier_lists_the_files_of_an_asset() {
    let (dir, mut reg) = temp_register();
    let a = reg.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    let manual = write(dir.path(), "UPS manual.pdf", &bytes(2_345_678, 10));
    reg.attach_files(&[manual], &[a.id], AttachedTo::Asset, None)
        .unwrap();
    let (text, _) = crate::reports::run(
        &reg,
        report::ReportKind::Asset,
        dir.path(),
        report::ReportOptions {
            asset_tag: "UPS-1".into(),
            ..report::ReportOptions::default()
        },
    );
    assert!(text.contains("Attachments"), "{text}");
    assert!(
        text.contains("UPS manual.pdf") && text.contains("2.3 MB"),
        "{text}"
    );
}
