//! `tend labels …` end to end: the PDF's pages measured with pdfinfo, its QR
//! codes rendered with pdftoppm and read back with zbarimg (Debian's
//! zbar-tools), and ZPL captured from a printer's port played by a local
//! TCP listener.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::support::Db;

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is installed: {e}"));
    assert!(
        out.status.success() || program == "zbarimg",
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pages and the first page's size in points.
fn pages_and_size(pdf: &Path) -> (u32, f64, f64) {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("pdfinfo prints {name}: {info}"))
            .trim()
            .to_string()
    };
    let pages = field("Pages:").parse().unwrap();
    let size = field("Page size:");
    let parts: Vec<&str> = size.split_whitespace().collect();
    (pages, parts[0].parse().unwrap(), parts[2].parse().unwrap())
}

/// Page `page` of `pdf` rendered at 200 dpi; its PNG.
fn render(pdf: &Path, page: u32) -> std::path::PathBuf {
    let prefix = pdf.with_extension(format!("p{page}"));
    let n = page.to_string();
    run(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    prefix.with_extension(format!("p{page}.png"))
}

/// What the QR codes in a PNG hold, read as a scanner would.
fn read_codes(png: &Path) -> BTreeSet<String> {
    run("zbarimg", &["-q", "--raw", png.to_str().unwrap()])
        .lines()
        .map(str::to_string)
        .collect()
}

/// What the QR codes on page `page` of `pdf` hold (a page of one label).
fn scanned(pdf: &Path, page: u32) -> BTreeSet<String> {
    read_codes(&render(pdf, page))
}

/// What the code of each label of an Avery L7163 sheet holds, place by
/// place (row by row): each label cut out of the page and read alone, as a
/// phone held over one label reads it. None for a place with no code.
fn scanned_l7163(pdf: &Path, page: u32) -> Vec<Option<String>> {
    let png = render(pdf, page);
    let px = |mm: f64| (mm / 25.4 * 200.0).round() as i64;
    (0..14)
        .map(|place| {
            let (column, row) = ((place % 2) as f64, (place / 2) as f64);
            let (x, y) = (4.65 + column * (99.1 + 2.5), 15.15 + row * 38.1);
            let cut = png.with_extension(format!("{place}.png"));
            run(
                "convert",
                &[
                    png.to_str().unwrap(),
                    "-crop",
                    &format!("{}x{}+{}+{}", px(99.1), px(38.1), px(x), px(y)),
                    "+repage",
                    cut.to_str().unwrap(),
                ],
            );
            let codes = read_codes(&cut);
            assert!(codes.len() <= 1, "place {place}: {codes:?}");
            codes.into_iter().next()
        })
        .collect()
}

fn tags(db: &Db) -> Vec<String> {
    let list = db.json(&["assets", "list", "--limit", "1000"]);
    list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["tag"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_sheet_of_labels_scans_back_to_the_tags_at_the_sheets_exact_size() {
    let db = Db::new();
    db.ok(&["demo", "--assets", "30", "--seed", "5"]);
    let all = tags(&db);
    let pdf = db.dir.path().join("sheet.pdf");
    let said = db.ok(&["labels", "--all", "-o", pdf.to_str().unwrap()]);
    let expected = all.len().div_ceil(14);
    assert!(all.len() > 28, "{}", all.len());
    assert!(
        said.contains(&format!("{} labels on {expected} pages", all.len())),
        "{said}"
    );
    let (pages, w, h) = pages_and_size(&pdf);
    assert_eq!(pages as usize, expected);
    // A4: 210 × 297 mm.
    assert!(
        (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
        "{w} × {h}"
    );
    // Avery L7163 holds 14, in the list's order, each inside its label.
    let expected: Vec<Option<String>> = all.iter().cloned().map(Some).collect();
    assert_eq!(scanned_l7163(&pdf, 1), expected[..14]);
    assert_eq!(scanned_l7163(&pdf, 2), expected[14..28]);
}

#[test]
fn a_thermal_label_is_its_own_page_and_a_half_used_sheet_starts_further_on() {
    let db = Db::new();
    db.add("SRV-0001", "Mail server");
    db.add("SRV-0002", "File server");
    db.add("SRV-0003", "Backup server");
    let thermal = db.dir.path().join("thermal.pdf");
    db.ok(&[
        "labels",
        "SRV-0002",
        "--layout",
        "brother-62x29",
        "-o",
        thermal.to_str().unwrap(),
    ]);
    let (pages, w, h) = pages_and_size(&thermal);
    let mm = |pt: f64| pt * 25.4 / 72.0;
    assert_eq!(pages, 1);
    assert!(
        (mm(w) - 62.0).abs() < 0.05 && (mm(h) - 29.0).abs() < 0.05,
        "{w} × {h}"
    );
    assert_eq!(
        scanned(&thermal, 1),
        BTreeSet::from(["SRV-0002".to_string()])
    );
    // Starting at place 14 of 14: one label on the first sheet, two on
    // the next.
    let sheet = db.dir.path().join("rest.pdf");
    db.ok(&[
        "labels",
        "SRV-0001",
        "SRV-0002",
        "SRV-0003",
        "--start",
        "14",
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(pages_and_size(&sheet).0, 2);
    let mut first = vec![None; 13];
    first.push(Some("SRV-0001".to_string()));
    assert_eq!(scanned_l7163(&sheet, 1), first);
    let second = scanned_l7163(&sheet, 2);
    assert_eq!(
        second[..2],
        [Some("SRV-0002".into()), Some("SRV-0003".into())]
    );
    assert!(second[2..].iter().all(Option::is_none));
    let e = db.fails(&["labels", "SRV-0001", "--start", "15", "-o", "x.pdf"]);
    assert!(e.contains("from 1 to 14"), "{e}");
}

#[test]
fn the_code_holds_a_link_when_one_is_set_and_the_return_line_is_printed() {
    let db = Db::new();
    db.add("PC 7/1", "Reception PC");
    let e = db.fails(&[
        "settings",
        "set",
        "label_qr_url",
        "https://wiki.example.org/assets",
    ]);
    assert!(e.contains("{tag}"), "{e}");
    db.ok(&[
        "settings",
        "set",
        "label_qr_url",
        "https://wiki.example.org/assets/{tag}",
    ]);
    db.ok(&[
        "settings",
        "set",
        "label_return_line",
        "Return to IT, ext. 4242",
    ]);
    let pdf = db.dir.path().join("one.pdf");
    db.ok(&["labels", "PC 7/1", "-o", pdf.to_str().unwrap()]);
    assert_eq!(
        scanned(&pdf, 1),
        BTreeSet::from(["https://wiki.example.org/assets/PC%207%2F1".to_string()])
    );
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for expected in ["PC 7/1", "Reception PC", "Return to IT, ext. 4242"] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}

#[test]
fn zpl_sent_to_a_printer_is_what_the_file_would_hold() {
    let db = Db::new();
    db.add("SW^01", "Core switch");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let printer = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut got = Vec::new();
        socket.read_to_end(&mut got).unwrap();
        got
    });
    let said = db.ok(&[
        "labels",
        "SW^01",
        "--zpl",
        "--printer",
        &format!("127.0.0.1:{port}"),
    ]);
    assert!(said.contains("sent 1 label"), "{said}");
    let received = String::from_utf8(printer.join().unwrap()).unwrap();
    let file = db.dir.path().join("labels.zpl");
    db.ok(&["labels", "SW^01", "--zpl", "-o", file.to_str().unwrap()]);
    assert_eq!(received, std::fs::read_to_string(&file).unwrap());
    assert!(
        received.starts_with("^XA\n") && received.ends_with("^XZ\n"),
        "{received}"
    );
    // The tag's caret is escaped, in the code and in the text.
    assert!(received.contains("^FDQA,SW_5E01^FS"), "{received}");
    assert!(received.contains("^FDSW_5E01^FS"), "{received}");
    // No printer listening: said in words, exit 1.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let e = db.fails(&[
        "labels",
        "SW^01",
        "--zpl",
        "--printer",
        &format!("127.0.0.1:{port}"),
    ]);
    assert!(e.contains("could not send the labels"), "{e}");
}
