//! Drawing: laid-out pages become printpdf drawing operations (`Op`), fonts
//! are subset and embedded, and the document is serialised with compressed
//! streams into the output file.
//!
//! Pages are converted one at a time and each laid-out page is dropped as soon
//! as its operations exist, so the peak holds one copy of the content.

use std::io::Write;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, XObject,
    XObjectId, XObjectTransform,
};

use crate::error::PdfError;
use crate::font::{FontBook, FontKey};
use crate::logo::Logo;
use crate::output::AtomicFile;
use crate::page::{Geometry, Ink, Mark, Page};
use crate::subset::{subset, UsedChars};

const LOGO_ID: &str = "Logo";

fn font_id(key: FontKey) -> FontId {
    FontId(format!("F{}", key.0))
}

fn colour(ink: Ink) -> Color {
    let (r, g, b) = ink.rgb();
    let c = |v: f32| (v * 1000.0).round() / 1000.0;
    Color::Rgb(Rgb {
        r: c(r),
        g: c(g),
        b: c(b),
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// What to put into the document besides its pages.
pub(crate) struct Metadata<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
}

/// Builds the printpdf document from laid-out pages.
pub(crate) fn build(
    pages: Vec<Page>,
    book: &FontBook,
    logo: Option<&Logo>,
    geometry: Geometry,
    meta: &Metadata,
) -> Result<PdfDocument, PdfError> {
    let mut doc = PdfDocument::new(meta.title);
    doc.metadata.info.author = meta.author.to_string();
    doc.metadata.info.creator = "Tend".to_string();
    doc.metadata.info.producer = "Tend (printpdf)".to_string();

    let used = UsedChars::collect(&pages);
    for (key, face) in book.faces() {
        let chars = used.chars(key);
        if chars.is_empty() {
            continue;
        }
        let font = subset(face, &chars)?;
        doc.resources
            .fonts
            .map
            .insert(font_id(key), printpdf::PdfFont::new(font));
    }
    if let Some(logo) = logo {
        doc.resources.xobjects.map.insert(
            XObjectId(LOGO_ID.to_string()),
            XObject::Image(logo.image.clone()),
        );
    }

    let logo_px = logo.map(|l| (l.image.width as f32, l.image.height as f32));
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let ops = page_ops(page, geometry.height, logo_px);
        out.push(PdfPage::new(
            Pt(geometry.width).into(),
            Pt(geometry.height).into(),
            ops,
        ));
    }
    doc.with_pages(out);
    Ok(doc)
}

/// The drawing operations of one page: shapes first, then all text in one
/// text object.
fn page_ops(page: Page, height: f32, logo_px: Option<(f32, f32)>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.marks.len() * 2 + 8);
    let mut texts = Vec::with_capacity(page.marks.len());
    let mut fill = None;
    let mut stroke = None;
    let mut thickness = None;
    for mark in page.marks {
        match mark {
            Mark::Fill { x, y, w, h, ink } => {
                if fill != Some(ink) {
                    ops.push(Op::SetFillColor { col: colour(ink) });
                    fill = Some(ink);
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(round(x)),
                        y: Pt(round(height - y - h)),
                        width: Pt(round(w)),
                        height: Pt(round(h)),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Mark::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness: t,
                ink,
            } => {
                if stroke != Some(ink) {
                    ops.push(Op::SetOutlineColor { col: colour(ink) });
                    stroke = Some(ink);
                }
                if thickness != Some(t) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(t) });
                    thickness = Some(t);
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            point(round(x1), round(height - y1)),
                            point(round(x2), round(height - y2)),
                        ],
                        is_closed: false,
                    },
                });
            }
            Mark::Logo { x, y, w, h } => {
                if let Some((px_w, px_h)) = logo_px {
                    // At 72 dpi one pixel is one point; scale from there.
                    ops.push(Op::UseXobject {
                        id: XObjectId(LOGO_ID.to_string()),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(x)),
                            translate_y: Some(Pt(height - y - h)),
                            scale_x: Some(w / px_w),
                            scale_y: Some(h / px_h),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                }
            }
            text @ Mark::Text { .. } => texts.push(text),
        }
    }
    if !texts.is_empty() {
        ops.push(Op::StartTextSection);
        text_ops(texts, height, &mut ops);
        ops.push(Op::EndTextSection);
    }
    ops
}

/// A text operation being built: consecutive marks on one baseline with the
/// same font, size and colour become one `TJ` with spacing offsets between
/// them, instead of one positioned `Tj` each.
struct Pending {
    font: FontKey,
    size: f32,
    ink: Ink,
    y: f32,
    /// Where the pen is after the last piece, in points.
    pen: f32,
    items: Vec<TextItem>,
}

fn text_ops(texts: Vec<Mark>, height: f32, ops: &mut Vec<Op>) {
    let mut font_now = None;
    let mut ink_now = None;
    let mut pending: Option<Pending> = None;
    for mark in texts {
        let Mark::Text {
            x,
            y,
            width,
            size,
            font,
            ink,
            text,
        } = mark
        else {
            continue;
        };
        if let Some(p) = pending.as_mut() {
            if p.font == font && p.size == size && p.ink == ink && p.y == y && x >= p.pen - 0.01 {
                let gap = x - p.pen;
                if gap > 0.005 {
                    // TJ offsets are thousandths of the font size; negative moves right.
                    let offset = (-gap * 1000.0 / size * 10.0).round() / 10.0;
                    p.items.push(TextItem::Offset(offset));
                }
                p.items.push(TextItem::Text(text));
                p.pen = x + width;
                continue;
            }
        }
        if let Some(done) = pending.take() {
            ops.push(Op::ShowText { items: done.items });
        }
        if font_now != Some((font, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(font)),
                size: Pt(size),
            });
            font_now = Some((font, size));
        }
        if ink_now != Some(ink) {
            ops.push(Op::SetFillColor { col: colour(ink) });
            ink_now = Some(ink);
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(round(x)), Pt(round(height - y))),
        });
        pending = Some(Pending {
            font,
            size,
            ink,
            y,
            pen: x + width,
            items: vec![TextItem::Text(text)],
        });
    }
    if let Some(done) = pending {
        ops.push(Op::ShowText { items: done.items });
    }
}

/// Coordinates to 1/100 pt: finer than any printer, and short in the file.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Serialises `doc` with compressed streams into `file`. printpdf errors are
/// reported, not ignored. The drawing operations are dropped as soon as the
/// serialised form exists, before compression.
pub(crate) fn write(doc: PdfDocument, file: &mut AtomicFile) -> Result<(), PdfError> {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lopdf_doc = doc.to_lopdf_document(&opts, &mut warnings);
    drop(doc);
    let errors: Vec<String> = warnings
        .iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg.clone())
        .collect();
    if !errors.is_empty() {
        return Err(PdfError::Render {
            path: file.path().to_path_buf(),
            messages: errors.join("; "),
        });
    }
    lopdf_doc.compress();
    let path = file.path().to_path_buf();
    let mut writer = file.writer();
    // Object and cross-reference streams (PDF 1.5): the thousands of small
    // page, resource and stream dictionaries are compressed too.
    lopdf_doc
        .save_modern(&mut writer)
        .map_err(|source| PdfError::Output {
            path: path.clone(),
            source,
        })?;
    writer
        .flush()
        .map_err(|source| PdfError::Output { path, source })
}
