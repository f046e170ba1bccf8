//! Writes a sample report (all block kinds, mixed scripts) to the path given
//! as the first argument, and prints what was written.
//!
//! `cargo run -p tend-pdf --example sample -- /tmp/sample.pdf [rows] [logo]`

use std::path::PathBuf;

use tend_pdf::{
    Align, Bar, BarChart, Column, ColumnWidth, Document, DocumentSetup, Orientation, Paper,
    PdfError, TableSpec,
};

fn main() -> Result<(), PdfError> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "sample.pdf".into()));
    let rows: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(120);
    let logo = args.next().map(PathBuf::from);
    let mut doc = Document::new(DocumentSetup {
        paper: Paper::A4,
        orientation: Orientation::Portrait,
        organisation: "Stadtwerke Zürich".into(),
        logo,
        title: "Inventory summary".into(),
        period: "1 January – 31 March 2025 · All sites · All categories".into(),
        generated_at: "2025-04-01 09:30".into(),
        font_dirs: None,
    })?;
    doc.heading("At a glance");
    doc.paragraph(
        "The register holds 1,204 assets worth €2.1M. 12 servers lose warranty cover in the \
         next 90 days; together they cost €48,200. Assets are looked after by José Müller, \
         Zürich, 東京, Ελληνικά.",
    );
    doc.figures(&[
        ("assets in service", "1,204"),
        ("purchase value", "€2.1M"),
        ("servers losing cover in 90 days", "12"),
        ("repairs this quarter", "37"),
    ]);
    doc.bar_chart(&BarChart {
        title: "Repair cost by month".into(),
        unit: "EUR".into(),
        bars: ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
            .iter()
            .zip([4200.0, 1800.0, 6400.0, 900.0, 3100.0, 5200.0])
            .map(|(m, v)| Bar::new(*m, v, format!("€{v:.0}")))
            .collect(),
    });
    doc.heading("Asset list");
    let spec = TableSpec {
        columns: vec![
            Column::new("Tag", ColumnWidth::Points(56.0)),
            Column::new("Name", ColumnWidth::Fraction(2.0)),
            Column::new("Category", ColumnWidth::Fraction(1.2)),
            Column::new("Serial", ColumnWidth::Fraction(1.5)),
            Column::new("Location", ColumnWidth::Fraction(1.5)),
            Column::new("Status", ColumnWidth::Fraction(1.0)),
            Column::new("Cost", ColumnWidth::Points(58.0)).align(Align::Right),
        ],
        zebra: true,
    };
    let categories = ["Server", "Switch", "Laptop", "Printer", "UPS", "Firewall"];
    let places = [
        "Zürich › HQ › R1",
        "東京 › DC2",
        "Αθήνα › Office",
        "Berlin › Lager",
    ];
    doc.table(
        &spec,
        (0..rows).map(|i| {
            vec![
                format!("SRV-{i:04}"),
                if i == 3 {
                    "José Müller's workstation with a very long descriptive name".to_string()
                } else {
                    format!("{} {}", categories[i % 6], i)
                },
                categories[i % 6].to_string(),
                if i == 5 {
                    "SN".to_string() + &"7K2X".repeat(20)
                } else {
                    format!("SN{:08X}", i * 7919)
                },
                places[i % 4].to_string(),
                if i % 9 == 0 {
                    "In repair"
                } else {
                    "In service"
                }
                .to_string(),
                format!("€{}.{:02}", 400 + i * 13 % 5000, i % 100),
            ]
        }),
    )?;
    let written = doc.write_to(&path)?;
    println!(
        "{}: {} pages, {} bytes, {} missing glyphs",
        written.path.display(),
        written.pages,
        written.bytes,
        written.missing_glyphs
    );
    Ok(())
}
