//! Sheets of labels: a grid of equal labels on pages of any size (an A4
//! sheet of 14, or one 62 × 29 mm label per page for a thermal printer),
//! each with a large title, a QR code drawn as vector squares, a few lines
//! of small text and, optionally, the logo. Sizes are exact: a PDF printed
//! at 100 % puts every label where the sheet has it.

use std::path::Path;

use qrcode::{Color as Module, EcLevel, QrCode};

use crate::error::PdfError;
use crate::font::{FontBook, FontKey, Weight};
use crate::layout::put_line;
use crate::logo::Logo;
use crate::output::AtomicFile;
use crate::page::{Geometry, Ink, Mark, Page};
use crate::render::{build, write, Metadata};
use crate::text::{single_line, TextStyle};
use crate::Written;

/// Points per millimetre.
pub const POINTS_PER_MM: f32 = 72.0 / 25.4;

/// Where the labels sit on a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelGrid {
    pub page_width: f32,
    pub page_height: f32,
    pub label_width: f32,
    pub label_height: f32,
    pub columns: u32,
    pub rows: u32,
    /// The first label's left edge.
    pub left: f32,
    /// The first label's top edge.
    pub top: f32,
    /// Space between two labels side by side.
    pub gap_x: f32,
    /// Space between two labels one above the other.
    pub gap_y: f32,
}

impl LabelGrid {
    /// Labels on one page.
    pub fn per_page(&self) -> usize {
        (self.columns * self.rows) as usize
    }

    /// The top-left corner of label `slot` (0-based, row by row).
    pub fn origin(&self, slot: usize) -> (f32, f32) {
        let column = (slot % self.columns as usize) as f32;
        let row = (slot / self.columns as usize) as f32;
        (
            self.left + column * (self.label_width + self.gap_x),
            self.top + row * (self.label_height + self.gap_y),
        )
    }

    /// Refuses a grid whose labels do not fit on its page.
    fn check(&self) -> Result<(), PdfError> {
        let fits = |start: f32, size: f32, gap: f32, count: u32, page: f32| {
            count >= 1
                && size > 0.0
                && start >= 0.0
                && gap >= 0.0
                && start + count as f32 * size + (count - 1) as f32 * gap <= page + 0.5
        };
        if fits(
            self.left,
            self.label_width,
            self.gap_x,
            self.columns,
            self.page_width,
        ) && fits(
            self.top,
            self.label_height,
            self.gap_y,
            self.rows,
            self.page_height,
        ) {
            Ok(())
        } else {
            Err(PdfError::Layout(format!(
                "{} × {} labels of {:.1} × {:.1} mm do not fit on a {:.1} × {:.1} mm page",
                self.columns,
                self.rows,
                self.label_width / POINTS_PER_MM,
                self.label_height / POINTS_PER_MM,
                self.page_width / POINTS_PER_MM,
                self.page_height / POINTS_PER_MM,
            )))
        }
    }
}

/// What one label shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelText {
    /// In large bold type (the asset tag).
    pub title: String,
    /// Encoded in the QR code; none for no code.
    pub qr: Option<String>,
    /// Small lines under the title, as many as fit.
    pub lines: Vec<String>,
}

/// Writes `labels` onto pages of `grid`, leaving the first `skip` places of
/// the first page empty (a sheet already partly used), atomically to `path`.
pub fn write_labels(
    grid: &LabelGrid,
    skip: usize,
    labels: &[LabelText],
    logo: Option<&Path>,
    title: &str,
    path: &Path,
) -> Result<Written, PdfError> {
    grid.check()?;
    let logo = logo.map(Logo::load).transpose()?;
    let mut book = FontBook::new()?;
    let mut file = AtomicFile::create(path)?;
    let (pages, missing) = lay_out(
        &mut book,
        grid,
        skip,
        labels,
        logo.as_ref().map(|l| l.aspect),
        usize::MAX,
    )?;
    let count = pages.len();
    let geometry = Geometry::sized(grid.page_width, grid.page_height);
    let doc = build(
        pages,
        &book,
        logo.as_ref(),
        geometry,
        &Metadata {
            title,
            author: "Tend",
        },
    )?;
    write(doc, &mut file)?;
    let bytes = file.commit()?;
    Ok(Written {
        path: path.to_path_buf(),
        pages: count,
        bytes,
        missing_glyphs: missing,
    })
}

/// Places `labels` on pages of `grid` (at most `max_pages`); the pages and
/// the characters no font had.
fn lay_out(
    book: &mut FontBook,
    grid: &LabelGrid,
    skip: usize,
    labels: &[LabelText],
    logo_aspect: Option<f32>,
    max_pages: usize,
) -> Result<(Vec<Page>, usize), PdfError> {
    let per_page = grid.per_page();
    let skip = skip % per_page;
    let mut pages: Vec<Page> = Vec::new();
    let mut missing = 0;
    for (i, label) in labels.iter().enumerate() {
        let slot = skip + i;
        if slot.is_multiple_of(per_page) || pages.is_empty() {
            if pages.len() == max_pages {
                break;
            }
            pages.push(Page::default());
        }
        let (x, y) = grid.origin(slot % per_page);
        let page = pages.last_mut().expect("a page");
        missing += draw_label(
            book,
            &mut page.marks,
            label,
            logo_aspect,
            (x, y, grid.label_width, grid.label_height),
        )?;
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    Ok((pages, missing))
}

/// The first page of `labels` on `grid` as SVG, for a preview before
/// printing: the same layout as the PDF, the page's size in points as the
/// view box, label outlines in light grey and the logo's place shaded.
pub fn preview_labels_svg(
    grid: &LabelGrid,
    skip: usize,
    labels: &[LabelText],
    logo: Option<&Path>,
) -> Result<String, PdfError> {
    grid.check()?;
    let logo = logo.map(Logo::load).transpose()?;
    let mut book = FontBook::new()?;
    let (pages, _) = lay_out(
        &mut book,
        grid,
        skip,
        labels,
        logo.as_ref().map(|l| l.aspect),
        1,
    )?;
    let (w, h) = (grid.page_width, grid.page_height);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.2} {h:.2}\" \
         width=\"{w:.2}\" height=\"{h:.2}\" font-family=\"DejaVu Sans, sans-serif\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
    );
    for slot in 0..grid.per_page() {
        let (x, y) = grid.origin(slot);
        svg.push_str(&format!(
            "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"4\" fill=\"none\" stroke=\"#d0d5dc\" stroke-width=\"0.5\"/>",
            grid.label_width, grid.label_height
        ));
    }
    for mark in pages
        .into_iter()
        .next()
        .map(|p| p.marks)
        .unwrap_or_default()
    {
        match mark {
            Mark::Fill { x, y, w, h, .. } => svg.push_str(&format!(
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\"/>"
            )),
            Mark::Text {
                x, y, size, font, text, ..
            } => {
                let weight = if font == FontKey::BOLD { "bold" } else { "normal" };
                svg.push_str(&format!(
                    "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size:.2}\" font-weight=\"{weight}\" fill=\"#1f2328\">{}</text>",
                    xml_text(&text)
                ));
            }
            Mark::Logo { x, y, w, h } => svg.push_str(&format!(
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"#e4e8ee\"/>"
            )),
            Mark::Rule { .. } => {}
        }
    }
    svg.push_str("</svg>");
    Ok(svg)
}

/// Text as XML character data.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Modules of quiet zone around a QR code, as the standard asks.
const QUIET: usize = 4;

/// Draws one label with its top-left corner at (x, y); returns the
/// characters no font had.
fn draw_label(
    book: &mut FontBook,
    marks: &mut Vec<Mark>,
    label: &LabelText,
    logo_aspect: Option<f32>,
    (x, y, w, h): (f32, f32, f32, f32),
) -> Result<usize, PdfError> {
    let pad = (w.min(h) * 0.06).max(3.0);
    let mut text_left = x + pad;
    if let Some(data) = &label.qr {
        // Error correction Q: a quarter of the code may be scuffed.
        let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::Q)
            .map_err(|e| PdfError::Layout(format!("a QR code cannot hold {data:?}: {e}")))?;
        let side = (h - 2.0 * pad).min(w * 0.5);
        let n = code.width();
        let module = side / (n + 2 * QUIET) as f32;
        let (qx, qy) = (
            x + pad + QUIET as f32 * module,
            y + (h - side) / 2.0 + QUIET as f32 * module,
        );
        let colors = code.to_colors();
        for row in 0..n {
            // One rectangle per run of dark modules in a row.
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == Module::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == Module::Dark {
                        col += 1;
                    }
                    marks.push(Mark::Fill {
                        x: qx + start as f32 * module,
                        y: qy + row as f32 * module,
                        w: (col - start) as f32 * module,
                        h: module,
                        ink: Ink::Black,
                    });
                } else {
                    col += 1;
                }
            }
        }
        // The text starts after the code's own quiet zone.
        text_left = x + pad + side;
    }
    let width = x + w - pad - text_left;
    let mut missing = 0;
    if width <= 4.0 {
        return Ok(missing);
    }
    let ascent = book.face(FontKey::REGULAR).ascender_em();
    // The title as large as fits: a third of the label's height at most.
    let mut size = (h * 0.3).min(32.0);
    while size > 6.0 && book.measure(&label.title, size, Weight::Bold) > width {
        size -= 0.5;
    }
    let mut baseline = y + pad + ascent * size;
    let title = single_line(
        book,
        &label.title,
        width,
        TextStyle {
            size,
            weight: Weight::Bold,
        },
    );
    missing += title.missing;
    for line in title.lines {
        put_line(marks, line, text_left, baseline, size, Ink::Text);
    }
    let small = (size * 0.42).clamp(5.0, 9.0);
    let leading = small * 1.25;
    let logo_height = logo_aspect.map_or(0.0, |_| (h * 0.22).min(small * 3.0));
    let bottom = y + h - pad - logo_height;
    baseline += size * 0.35;
    for text in &label.lines {
        if text.trim().is_empty() {
            continue;
        }
        if baseline + leading > bottom + 0.01 {
            break;
        }
        baseline += leading;
        let line = single_line(
            book,
            text,
            width,
            TextStyle {
                size: small,
                weight: Weight::Regular,
            },
        );
        missing += line.missing;
        for l in line.lines {
            put_line(marks, l, text_left, baseline, small, Ink::Text);
        }
    }
    if let Some(aspect) = logo_aspect {
        let lw = (logo_height * aspect).min(width);
        let lh = lw / aspect;
        marks.push(Mark::Logo {
            x: x + w - pad - lw,
            y: y + h - pad - lh,
            w: lw,
            h: lh,
        });
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> LabelGrid {
        let mm = POINTS_PER_MM;
        LabelGrid {
            page_width: 210.0 * mm,
            page_height: 297.0 * mm,
            label_width: 99.1 * mm,
            label_height: 38.1 * mm,
            columns: 2,
            rows: 7,
            left: 4.65 * mm,
            top: 15.15 * mm,
            gap_x: 2.5 * mm,
            gap_y: 0.0,
        }
    }

    #[test]
    fn labels_fill_the_sheet_row_by_row_after_the_places_skipped() {
        let g = grid();
        assert_eq!(g.per_page(), 14);
        let (x0, y0) = g.origin(0);
        let (x1, y1) = g.origin(1);
        let (x2, y2) = g.origin(2);
        assert_eq!((x0, y0), (g.left, g.top));
        assert!((x1 - x0 - (g.label_width + g.gap_x)).abs() < 0.01 && y1 == y0);
        assert!(x2 == x0 && (y2 - y0 - g.label_height).abs() < 0.01);
        // The last label ends inside the page.
        let (x, y) = g.origin(13);
        assert!(x + g.label_width <= g.page_width && y + g.label_height <= g.page_height);
    }

    #[test]
    fn the_preview_is_the_first_page_as_svg_with_its_text_escaped() {
        let labels: Vec<LabelText> = (0..20)
            .map(|i| LabelText {
                title: format!("A-{i}"),
                qr: Some(format!("A-{i}")),
                lines: vec!["<Core> & switch".into()],
            })
            .collect();
        let svg = preview_labels_svg(&grid(), 2, &labels, None).unwrap();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        // 14 places, 2 skipped: A-0 … A-11 on the first page.
        assert!(svg.contains(">A-11</text>") && !svg.contains(">A-12</text>"));
        assert!(svg.contains("&lt;Core&gt; &amp; switch") && !svg.contains("<Core>"));
    }

    #[test]
    fn a_grid_larger_than_its_page_is_refused_in_millimetres() {
        let mut g = grid();
        g.rows = 8;
        let e = g.check().unwrap_err().to_string();
        assert!(e.contains("2 × 8 labels of 99.1 × 38.1 mm"), "{e}");
    }

    #[test]
    fn a_label_draws_its_code_inside_the_label_and_its_title() {
        let mut book = FontBook::new().unwrap();
        let mut marks = Vec::new();
        let label = LabelText {
            title: "SRV-0001".into(),
            qr: Some("SRV-0001".into()),
            lines: vec!["Mail server".into(), "SN 12345".into()],
        };
        let (x, y, w, h) = (10.0, 20.0, 280.0, 108.0);
        draw_label(&mut book, &mut marks, &label, None, (x, y, w, h)).unwrap();
        let squares: Vec<&Mark> = marks
            .iter()
            .filter(|m| matches!(m, Mark::Fill { .. }))
            .collect();
        assert!(squares.len() > 20, "{}", squares.len());
        for m in &marks {
            if let Mark::Fill {
                x: fx,
                y: fy,
                w: fw,
                h: fh,
                ..
            } = m
            {
                assert!(*fx >= x && *fy >= y && fx + fw <= x + w && fy + fh <= y + h);
            }
        }
        let texts: Vec<&str> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["SRV-0001", "Mail server", "SN 12345"]);
    }
}
