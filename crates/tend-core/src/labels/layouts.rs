//! The label layouts Tend knows — Avery sheets, thermal labels — and
//! custom sheets, as grids in points for tend-pdf.

use serde::{Deserialize, Serialize};
use tend_pdf::{LabelGrid, POINTS_PER_MM};
use ts_rs::TS;

use crate::{Error, Result};

/// A label layout: a sheet of labels, or one label per page for a thermal
/// printer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabelLayout {
    /// A layout from [`LAYOUTS`] (its index).
    Known { index: usize },
    /// A sheet of `columns` × `rows` equal labels on A4 or Letter, with a
    /// margin around the sheet and a gap between labels, in millimetres.
    Custom {
        letter: bool,
        columns: u32,
        rows: u32,
        margin_mm: f32,
        gap_mm: f32,
    },
}

/// A layout Tend knows, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnownLayout {
    pub id: &'static str,
    pub name: &'static str,
    /// Page size; for thermal labels the label itself.
    pub page: (f32, f32),
    pub label: (f32, f32),
    pub columns: u32,
    pub rows: u32,
    /// The first label's left and top edges.
    pub origin: (f32, f32),
    /// Between labels side by side, and one above the other.
    pub gap: (f32, f32),
}

const INCH: f32 = 25.4;

/// Every layout Tend knows. Sheets from their makers' templates; a thermal
/// label is its own page, landscape.
pub const LAYOUTS: [KnownLayout; 8] = [
    KnownLayout {
        id: "avery-l7163",
        name: "Avery L7163 (A4, 2 × 7, 99.1 × 38.1 mm)",
        page: (210.0, 297.0),
        label: (99.1, 38.1),
        columns: 2,
        rows: 7,
        origin: (4.65, 15.15),
        gap: (2.5, 0.0),
    },
    KnownLayout {
        id: "avery-l7160",
        name: "Avery L7160 (A4, 3 × 7, 63.5 × 38.1 mm)",
        page: (210.0, 297.0),
        label: (63.5, 38.1),
        columns: 3,
        rows: 7,
        origin: (7.25, 15.15),
        gap: (2.5, 0.0),
    },
    KnownLayout {
        id: "avery-5160",
        name: "Avery 5160 (Letter, 3 × 10, 2 5/8 × 1 in)",
        page: (8.5 * INCH, 11.0 * INCH),
        label: (2.625 * INCH, 1.0 * INCH),
        columns: 3,
        rows: 10,
        origin: (0.1875 * INCH, 0.5 * INCH),
        gap: (0.125 * INCH, 0.0),
    },
    KnownLayout {
        id: "avery-5163",
        name: "Avery 5163 (Letter, 2 × 5, 4 × 2 in)",
        page: (8.5 * INCH, 11.0 * INCH),
        label: (4.0 * INCH, 2.0 * INCH),
        columns: 2,
        rows: 5,
        origin: (0.15625 * INCH, 0.5 * INCH),
        gap: (0.1875 * INCH, 0.0),
    },
    KnownLayout {
        id: "brother-62x29",
        name: "Brother QL, 62 mm tape, 62 × 29 mm (DK-11209)",
        page: (62.0, 29.0),
        label: (62.0, 29.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "brother-29x90",
        name: "Brother QL, 29 × 90 mm (DK-11201)",
        page: (90.0, 29.0),
        label: (90.0, 29.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "dymo-99012",
        name: "DYMO 99012, 36 × 89 mm",
        page: (89.0, 36.0),
        label: (89.0, 36.0),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
    KnownLayout {
        id: "zebra-2x1",
        name: "Zebra, 2 × 1 in",
        page: (2.0 * INCH, 1.0 * INCH),
        label: (2.0 * INCH, 1.0 * INCH),
        columns: 1,
        rows: 1,
        origin: (0.0, 0.0),
        gap: (0.0, 0.0),
    },
];

/// The layout used when none is given.
pub const DEFAULT_LAYOUT: &str = "avery-l7163";

impl LabelLayout {
    /// The known layout `id` (ignoring case).
    pub fn known(id: &str) -> Result<LabelLayout> {
        let wanted = id.trim().to_ascii_lowercase();
        LAYOUTS
            .iter()
            .position(|l| l.id == wanted)
            .map(|index| LabelLayout::Known { index })
            .ok_or_else(|| {
                let ids: Vec<&str> = LAYOUTS.iter().map(|l| l.id).collect();
                Error::validation(
                    "layout",
                    format!(
                        "no label layout \"{}\"; the layouts are {}, or custom",
                        id.trim(),
                        ids.join(", ")
                    ),
                )
            })
    }

    /// Where the labels sit, in points.
    pub fn grid(&self) -> Result<LabelGrid> {
        let mm = POINTS_PER_MM;
        match *self {
            LabelLayout::Known { index } => {
                let l = LAYOUTS[index];
                Ok(LabelGrid {
                    page_width: l.page.0 * mm,
                    page_height: l.page.1 * mm,
                    label_width: l.label.0 * mm,
                    label_height: l.label.1 * mm,
                    columns: l.columns,
                    rows: l.rows,
                    left: l.origin.0 * mm,
                    top: l.origin.1 * mm,
                    gap_x: l.gap.0 * mm,
                    gap_y: l.gap.1 * mm,
                })
            }
            LabelLayout::Custom {
                letter,
                columns,
                rows,
                margin_mm,
                gap_mm,
            } => {
                let (w, h) = if letter {
                    (8.5 * INCH, 11.0 * INCH)
                } else {
                    (210.0, 297.0)
                };
                if !(1..=20).contains(&columns) || !(1..=40).contains(&rows) {
                    return Err(Error::validation(
                        "layout",
                        format!("a custom sheet has 1 to 20 columns and 1 to 40 rows, not {columns} × {rows}"),
                    ));
                }
                if !(0.0..=50.0).contains(&margin_mm) || !(0.0..=50.0).contains(&gap_mm) {
                    return Err(Error::validation(
                        "layout",
                        "margins and gaps are 0 to 50 mm",
                    ));
                }
                let label_w =
                    (w - 2.0 * margin_mm - (columns - 1) as f32 * gap_mm) / columns as f32;
                let label_h = (h - 2.0 * margin_mm - (rows - 1) as f32 * gap_mm) / rows as f32;
                if label_w < 15.0 || label_h < 10.0 {
                    return Err(Error::validation(
                        "layout",
                        format!("{columns} × {rows} labels would be {label_w:.1} × {label_h:.1} mm; a label needs at least 15 × 10 mm"),
                    ));
                }
                Ok(LabelGrid {
                    page_width: w * mm,
                    page_height: h * mm,
                    label_width: label_w * mm,
                    label_height: label_h * mm,
                    columns,
                    rows,
                    left: margin_mm * mm,
                    top: margin_mm * mm,
                    gap_x: gap_mm * mm,
                    gap_y: gap_mm * mm,
                })
            }
        }
    }

    /// Labels on one page.
    pub fn per_page(&self) -> Result<usize> {
        Ok(self.grid()?.per_page())
    }
}

/// A layout as the desktop offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabelLayoutInfo {
    pub id: String,
    pub name: String,
    pub per_page: u32,
}

/// Every known layout, for a chooser.
pub fn label_layouts() -> Vec<LabelLayoutInfo> {
    LAYOUTS
        .iter()
        .map(|l| LabelLayoutInfo {
            id: l.id.into(),
            name: l.name.into(),
            per_page: l.columns * l.rows,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_fits_its_page() {
        for (index, l) in LAYOUTS.iter().enumerate() {
            let g = LabelLayout::Known { index }.grid().unwrap();
            let (x, y) = g.origin(g.per_page() - 1);
            assert!(
                x + g.label_width <= g.page_width + 0.5
                    && y + g.label_height <= g.page_height + 0.5,
                "{}",
                l.id
            );
        }
    }

    #[test]
    fn a_custom_sheet_divides_the_page_and_refuses_tiny_labels() {
        let layout = LabelLayout::Custom {
            letter: false,
            columns: 3,
            rows: 8,
            margin_mm: 10.0,
            gap_mm: 2.0,
        };
        let g = layout.grid().unwrap();
        let mm = |pt: f32| pt / POINTS_PER_MM;
        assert!((mm(g.label_width) - (190.0 - 4.0) / 3.0).abs() < 0.01);
        let tiny = LabelLayout::Custom {
            letter: false,
            columns: 20,
            rows: 40,
            margin_mm: 0.0,
            gap_mm: 0.0,
        };
        let e = tiny.grid().unwrap_err().to_string();
        assert!(e.contains("at least 15 × 10 mm"), "{e}");
    }
}
