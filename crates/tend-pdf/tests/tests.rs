//! End-to-end tests: PDFs are generated into temporary directories and checked
//! with the real tools (poppler-utils: pdftotext, pdfinfo, pdfimages; qpdf).
//! A missing tool fails the test with what to install; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use tend_pdf::{
    Align, Bar, BarChart, Column, ColumnWidth, Document, DocumentSetup, Orientation, Paper,
    PdfError, TableSpec, Written,
};

const MIXED: &str = "José Müller, Zürich, 東京, Ελληνικά";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `tool` with `args`; panics with an install hint if it is missing.
fn run(tool: &str, args: &[&str]) -> String {
    let package = if tool == "qpdf" {
        "qpdf"
    } else {
        "poppler-utils"
    };
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}); install it: apt-get install {package}")
    });
    assert!(
        output.status.success() || tool == "qpdf",
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `qpdf --check` must find no errors.
fn check(path: &Path) {
    let p = path.to_str().unwrap();
    let out = Command::new("qpdf")
        .args(["--check", p])
        .output()
        .unwrap_or_else(|e| panic!("cannot run qpdf ({e}); install it: apt-get install qpdf"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("No syntax or stream encoding errors"),
        "qpdf --check {p}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text_of(path: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

fn page_text(path: &Path, page: usize) -> String {
    let n = page.to_string();
    run(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &n,
            "-l",
            &n,
            path.to_str().unwrap(),
            "-",
        ],
    )
}

fn pdfinfo_pages(path: &Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports Pages")
}

fn setup(title: &str) -> DocumentSetup {
    DocumentSetup {
        organisation: "Stadtwerke Zürich".into(),
        title: title.into(),
        period: "1 January – 31 March 2025".into(),
        generated_at: "2025-04-01 09:30".into(),
        ..Default::default()
    }
}

fn asset_table() -> TableSpec {
    TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Points(100.0)),
            Column::new("Serial", ColumnWidth::Points(120.0)),
            Column::new("Name", ColumnWidth::Fraction(1.0)),
            Column::new("Cost", ColumnWidth::Points(60.0)).align(Align::Right),
        ],
        zebra: true,
    }
}

fn write(doc: Document, dir: &Path, name: &str) -> (PathBuf, Written) {
    let path = dir.join(name);
    let written = doc.write_to(&path).expect("write pdf");
    check(&path);
    (path, written)
}

#[test]
fn mixed_scripts_come_back_out_with_the_cjk_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new(setup(MIXED)).unwrap();
    doc.heading(MIXED)
        .paragraph(&format!("Looked after by {MIXED}."));
    doc.table(&asset_table(), vec![vec!["SRV-1", "SN1", MIXED, "€1.00"]])
        .unwrap();
    let (path, written) = write(doc, dir.path(), "mixed.pdf");
    assert_eq!(
        written.missing_glyphs, 0,
        "no font for 東京 was found among the installed fonts: \
         install a CJK font, e.g. apt-get install fonts-noto-cjk"
    );
    let text = text_of(&path);
    assert!(
        text.contains(&format!("Looked after by {MIXED}.")),
        "{text}"
    );
    assert!(text.matches("東京").count() >= 3, "{text}");
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    // Every embedded font is a subset ("sub yes") and embedded ("emb yes").
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
        assert!(cols[0].chars().nth(6) == Some('+'), "subset tag: {line}");
    }
    assert!(fonts.lines().count() >= 5, "regular, bold and CJK: {fonts}");
}

#[test]
fn every_page_says_page_n_of_m_and_repeats_the_table_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new(setup("Asset list")).unwrap();
    doc.paragraph("All assets.");
    let rows = (0..400).map(|i| {
        vec![
            format!("AST-{i:05}"),
            format!("SN{i:08}"),
            format!("Server {i}"),
            format!("€{i}.00"),
        ]
    });
    doc.table(&asset_table(), rows).unwrap();
    let (path, written) = write(doc, dir.path(), "pages.pdf");
    let pages = pdfinfo_pages(&path);
    assert_eq!(pages, written.pages);
    assert!(pages >= 5, "{pages}");
    for page in 1..=pages {
        let text = page_text(&path, page);
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}: {text}"
        );
        assert!(text.contains("Serial"), "header row on page {page}");
        assert!(
            text.contains("Stadtwerke Zürich"),
            "organisation on page {page}"
        );
    }
    // Every row made it, once.
    let all = text_of(&path);
    for i in [0, 1, 199, 399] {
        assert_eq!(all.matches(&format!("AST-{i:05}")).count(), 1, "row {i}");
    }
}

/// Words of `pdftotext -bbox` output: (xMin, xMax, text).
fn words(path: &Path) -> Vec<(f32, f32, String)> {
    let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let attr = |name: &str| -> f32 {
                let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + l[start..].find('"').unwrap();
                l[start..end].parse().unwrap()
            };
            let text_start = l.find('>').unwrap() + 1;
            let text_end = l.rfind("</word>").unwrap();
            (
                attr("xMin"),
                attr("xMax"),
                l[text_start..text_end].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_500_character_serial_stays_inside_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let serial: String = (0..500).map(|i| char::from(b"QZ7X9K"[i % 6])).collect();
    let mut doc = Document::new(setup("Serials")).unwrap();
    doc.table(
        &asset_table(),
        vec![vec!["SRV-1", serial.as_str(), "Mail server", "€1.00"]],
    )
    .unwrap();
    let (path, _) = write(doc, dir.path(), "serial.pdf");
    // A4: 42 pt margin, then Tag (100 pt), then Serial (120 pt) with 4 pt padding.
    let (left, right) = (42.0 + 100.0, 42.0 + 100.0 + 120.0);
    let pieces: Vec<_> = words(&path)
        .into_iter()
        .filter(|(_, _, t)| t.chars().all(|c| "QZ7X9K".contains(c)) && t.len() > 3)
        .collect();
    assert!(pieces.len() > 10, "the serial wraps over many lines");
    for (x_min, x_max, text) in &pieces {
        assert!(*x_min >= left, "{text} starts at {x_min} left of {left}");
        assert!(
            *x_max <= right - 4.0 + 0.5,
            "{text} ends at {x_max} past {right}"
        );
    }
    let joined: String = pieces.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(joined, serial, "the whole serial is there, in order");
}

#[test]
fn a_5000_character_name_wraps_everywhere_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let spaced = "Müller-Lüdenscheidt ".repeat(250);
    let solid = "W".repeat(5000);
    let mut s = setup(&spaced);
    s.organisation = solid.clone();
    s.period = spaced.clone();
    let mut doc = Document::new(s).unwrap();
    doc.heading(&solid).paragraph(&spaced).paragraph(&solid);
    doc.figures(&[(solid.as_str(), spaced.as_str())]);
    doc.table(
        &asset_table(),
        vec![vec![
            solid.as_str(),
            spaced.as_str(),
            solid.as_str(),
            spaced.as_str(),
        ]],
    )
    .unwrap();
    doc.bar_chart(&BarChart {
        title: spaced.clone(),
        unit: solid.clone(),
        bars: vec![Bar::new(solid.clone(), 3.0, spaced.clone())],
    });
    let (path, written) = write(doc, dir.path(), "long.pdf");
    assert!(written.pages > 2);
    assert_eq!(pdfinfo_pages(&path), written.pages);
}

#[test]
fn emoji_only_text_shows_counted_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let emoji = "🚀🦄🪐";
    let mut s = setup("Emoji");
    // No fallback fonts at all: only the bundled DejaVu Sans, which has none
    // of these three.
    s.font_dirs = Some(Vec::new());
    let mut doc = Document::new(s).unwrap();
    doc.paragraph(emoji);
    doc.table(&asset_table(), vec![vec![emoji, emoji, "", ""]])
        .unwrap();
    let (path, written) = write(doc, dir.path(), "emoji.pdf");
    assert_eq!(written.missing_glyphs, 9);
    let text = text_of(&path);
    assert_eq!(text.matches('□').count(), 9, "{text}");
}

#[test]
fn a_logo_that_is_not_an_image_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("company-logo.png");
    std::fs::write(&logo, "<svg>not a png</svg>").unwrap();
    let mut s = setup("Logo");
    s.logo = Some(logo);
    let err = Document::new(s).err().expect("must fail");
    assert!(matches!(err, PdfError::LogoFormat { .. }), "{err:?}");
    assert!(err.to_string().contains("company-logo.png"), "{err}");
}

#[test]
fn png_and_jpeg_logos_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["logo.png", "logo.jpg"] {
        let mut s = setup("Logo");
        s.logo = Some(fixture(name));
        let mut doc = Document::new(s).unwrap();
        doc.paragraph("Two pages.")
            .page_break()
            .paragraph("Second.");
        let (path, _) = write(doc, dir.path(), &format!("{name}.pdf"));
        let images = run("pdfimages", &["-list", path.to_str().unwrap()]);
        // Header lines, then one use of the logo per page.
        assert_eq!(images.lines().count() - 2, 2, "{images}");
    }
}

#[test]
fn missing_output_directory_is_an_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("report.pdf");
    let mut doc = Document::new(setup("Nothing")).unwrap();
    doc.paragraph("Never written.");
    let err = doc.write_to(&path).expect_err("must fail");
    assert!(matches!(err, PdfError::OutputDirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("report.pdf"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn output_path_that_is_a_directory_is_an_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.pdf");
    std::fs::create_dir(&target).unwrap();
    let doc = Document::new(setup("Nothing")).unwrap();
    let err = doc.write_to(&target).expect_err("must fail");
    assert!(err.to_string().contains("report.pdf"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the directory itself: {left:?}");
}

#[test]
fn an_existing_report_is_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, "old").unwrap();
    let mut doc = Document::new(setup("New")).unwrap();
    doc.paragraph("Fresh.");
    doc.write_to(&path).unwrap();
    check(&path);
    assert!(text_of(&path).contains("Fresh."));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn paper_sizes_and_orientations() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (Paper::A4, Orientation::Portrait, (595.28, 841.89)),
        (Paper::A4, Orientation::Landscape, (841.89, 595.28)),
        (Paper::Letter, Orientation::Portrait, (612.0, 792.0)),
        (Paper::Letter, Orientation::Landscape, (792.0, 612.0)),
    ];
    for (i, (paper, orientation, size)) in cases.into_iter().enumerate() {
        let mut s = setup("Paper");
        s.paper = paper;
        s.orientation = orientation;
        let mut doc = Document::new(s).unwrap();
        doc.paragraph("Size check.");
        let (path, _) = write(doc, dir.path(), &format!("paper-{i}.pdf"));
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        let line = info
            .lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .expect("pdfinfo reports the page size");
        let numbers: Vec<f32> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(
            (numbers[0] - size.0).abs() < 0.02 && (numbers[1] - size.1).abs() < 0.02,
            "{line}, expected {size:?}"
        );
    }
}

#[test]
fn charts_are_vector_drawings_and_empty_documents_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new(setup("Repairs and cost")).unwrap();
    doc.bar_chart(&BarChart {
        title: "Cost by month".into(),
        unit: "EUR".into(),
        bars: vec![
            Bar::new("Jan", 1200.0, "€1,200"),
            Bar::new("Feb", 300.0, "€300"),
        ],
    });
    doc.bar_chart(&BarChart {
        title: "Downtime by month".into(),
        unit: "hours".into(),
        bars: Vec::new(),
    });
    let (path, _) = write(doc, dir.path(), "chart.pdf");
    let images = run("pdfimages", &["-list", path.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 2, "no raster images: {images}");
    let text = text_of(&path);
    assert!(text.contains("€1,200") && text.contains("Feb") && text.contains("No data"));

    let empty = Document::new(setup("Nothing to report")).unwrap();
    let (path, written) = write(empty, dir.path(), "empty.pdf");
    assert_eq!((written.pages, pdfinfo_pages(&path)), (1, 1));
    assert!(text_of(&path).contains("Page 1 of 1"));
}

#[test]
fn documents_can_be_built_on_a_worker_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Document>();
    assert_send::<PdfError>();
}

/// The engine knows nothing about assets: it must not depend on tend-core.
#[test]
fn the_engine_does_not_depend_on_the_domain() {
    let manifest = include_str!("../Cargo.toml");
    assert!(
        !manifest.contains("tend-core"),
        "tend-pdf must stay domain-free"
    );
}
