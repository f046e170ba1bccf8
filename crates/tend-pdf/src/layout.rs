//! The flow: content blocks placed top to bottom onto pages, starting a new
//! page when a block does not fit. Headings, paragraphs and key-figure blocks
//! are laid out here; tables and charts have their own modules and use the
//! same flow.

use crate::font::{FontBook, FontKey, Weight};
use crate::page::{Geometry, Ink, Mark, Page};
use crate::text::{wrap, Line, TextStyle};

/// Body text size and leading.
pub(crate) const BODY: TextStyle = TextStyle {
    size: 10.0,
    weight: Weight::Regular,
};
const BODY_LEADING: f32 = 14.0;
const HEADING: TextStyle = TextStyle {
    size: 13.0,
    weight: Weight::Bold,
};
const HEADING_LEADING: f32 = 17.0;
/// Space between blocks.
pub(crate) const GAP: f32 = 10.0;
/// A heading is moved to the next page unless this much room is left under it.
const KEEP_WITH_NEXT: f32 = 48.0;

/// Pages laid out so far and where the next block goes.
pub(crate) struct Flow {
    pub(crate) geometry: Geometry,
    /// Top of the body area (below the page header).
    pub(crate) top: f32,
    /// Bottom of the body area (above the page footer).
    pub(crate) bottom: f32,
    pub(crate) pages: Vec<Page>,
    /// Current vertical position.
    pub(crate) y: f32,
    /// Placeholders drawn so far for characters no font has.
    pub(crate) missing: usize,
}

impl Flow {
    pub(crate) fn new(geometry: Geometry, top: f32, bottom: f32) -> Flow {
        Flow {
            geometry,
            top,
            bottom,
            pages: vec![Page::default()],
            y: top,
            missing: 0,
        }
    }

    /// Marks of the current page.
    pub(crate) fn marks(&mut self) -> &mut Vec<Mark> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].marks
    }

    /// Starts a new page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
    }

    /// True if nothing has been placed on the current page yet.
    pub(crate) fn at_top(&self) -> bool {
        self.y <= self.top + 0.01
    }

    /// Room left on the current page.
    pub(crate) fn remaining(&self) -> f32 {
        self.bottom - self.y
    }

    /// Height of the body area of an empty page.
    pub(crate) fn body_height(&self) -> f32 {
        self.bottom - self.top
    }

    /// Moves to a new page unless `height` fits on this one (or this page is
    /// still empty, where nothing more can be done).
    pub(crate) fn reserve(&mut self, height: f32) {
        if height > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    /// Adds the space between blocks, unless at the top of a page.
    pub(crate) fn gap(&mut self, gap: f32) {
        if !self.at_top() {
            self.y = (self.y + gap).min(self.bottom);
        }
    }

    /// Puts `line` on the current page with its left end at `x` and its
    /// baseline at `baseline`.
    pub(crate) fn put_line(&mut self, line: Line, x: f32, baseline: f32, size: f32, ink: Ink) {
        put_line(self.marks(), line, x, baseline, size, ink);
    }

    /// Places wrapped lines at the current position, moving to new pages as
    /// needed.
    fn put_lines(
        &mut self,
        book: &FontBook,
        lines: Vec<Line>,
        style: TextStyle,
        leading: f32,
        ink: Ink,
    ) {
        let ascent = book.face(FontKey::REGULAR).ascender_em() * style.size;
        let top_pad = (leading - style.size) / 2.0;
        for line in lines {
            if leading > self.remaining() && !self.at_top() {
                self.new_page();
            }
            let baseline = self.y + top_pad + ascent;
            let x = self.geometry.left();
            self.put_line(line, x, baseline, style.size, ink);
            self.y += leading;
        }
    }
}

/// A section heading, kept on the same page as what follows it.
pub(crate) fn heading(flow: &mut Flow, book: &mut FontBook, text: &str) {
    flow.gap(GAP * 1.4);
    let wrapped = wrap(book, text, flow.geometry.content_width(), HEADING);
    flow.missing += wrapped.missing;
    let height = wrapped.lines.len() as f32 * HEADING_LEADING;
    flow.reserve(height + KEEP_WITH_NEXT);
    flow.put_lines(book, wrapped.lines, HEADING, HEADING_LEADING, Ink::Accent);
    let (left, right, y) = (flow.geometry.left(), flow.geometry.right(), flow.y + 1.0);
    flow.marks().push(Mark::Rule {
        x1: left,
        y1: y,
        x2: right,
        y2: y,
        thickness: 0.6,
        ink: Ink::Rule,
    });
    flow.y += 5.0;
}

/// A paragraph of plain sentences, wrapped to the content width.
pub(crate) fn paragraph(flow: &mut Flow, book: &mut FontBook, text: &str) {
    flow.gap(GAP * 0.6);
    let wrapped = wrap(book, text, flow.geometry.content_width(), BODY);
    flow.missing += wrapped.missing;
    flow.put_lines(book, wrapped.lines, BODY, BODY_LEADING, Ink::Text);
}

const FIGURE_VALUE: TextStyle = TextStyle {
    size: 17.0,
    weight: Weight::Bold,
};
const FIGURE_LABEL: TextStyle = TextStyle {
    size: 8.5,
    weight: Weight::Regular,
};
const FIGURES_PER_ROW: usize = 4;
const FIGURE_PAD: f32 = 8.0;

/// Key figures: boxes with a large value over a short label, four to a row.
pub(crate) fn figures<L: AsRef<str>, V: AsRef<str>>(
    flow: &mut Flow,
    book: &mut FontBook,
    items: &[(L, V)],
) {
    if items.is_empty() {
        return;
    }
    flow.gap(GAP);
    let spacing = 8.0;
    let per_row = items.len().min(FIGURES_PER_ROW);
    let box_w = (flow.geometry.content_width() - spacing * (per_row as f32 - 1.0)) / per_row as f32;
    let inner = box_w - 2.0 * FIGURE_PAD;
    let ascent = book.face(FontKey::REGULAR).ascender_em();
    for row in items.chunks(FIGURES_PER_ROW) {
        let cells: Vec<_> = row
            .iter()
            .map(|(label, value)| {
                let v = wrap(book, value.as_ref(), inner, FIGURE_VALUE);
                let l = wrap(book, label.as_ref(), inner, FIGURE_LABEL);
                flow.missing += v.missing + l.missing;
                (v.lines, l.lines)
            })
            .collect();
        let height = cells
            .iter()
            .map(|(v, l)| v.len() as f32 * 20.0 + l.len() as f32 * 11.0)
            .fold(0.0f32, f32::max)
            + 2.0 * FIGURE_PAD
            + 2.0;
        let height = height.min(flow.body_height());
        flow.reserve(height);
        let top = flow.y;
        for (i, (value_lines, label_lines)) in cells.into_iter().enumerate() {
            let x = flow.geometry.left() + i as f32 * (box_w + spacing);
            flow.marks().push(Mark::Fill {
                x,
                y: top,
                w: box_w,
                h: height,
                ink: Ink::Panel,
            });
            flow.marks().push(Mark::Fill {
                x,
                y: top,
                w: 2.5,
                h: height,
                ink: Ink::Accent,
            });
            let mut y = top + FIGURE_PAD;
            for line in value_lines {
                let baseline = y + ascent * FIGURE_VALUE.size;
                if baseline <= top + height {
                    flow.put_line(
                        line,
                        x + FIGURE_PAD,
                        baseline,
                        FIGURE_VALUE.size,
                        Ink::Accent,
                    );
                }
                y += 20.0;
            }
            y += 2.0;
            for line in label_lines {
                let baseline = y + ascent * FIGURE_LABEL.size;
                if baseline <= top + height {
                    flow.put_line(
                        line,
                        x + FIGURE_PAD,
                        baseline,
                        FIGURE_LABEL.size,
                        Ink::Muted,
                    );
                }
                y += 11.0;
            }
        }
        flow.y = top + height + spacing;
    }
}

/// Adds `line` to `marks` with its left end at `x` and its baseline at
/// `baseline`: a text mark per run.
pub(crate) fn put_line(
    marks: &mut Vec<Mark>,
    line: Line,
    x: f32,
    baseline: f32,
    size: f32,
    ink: Ink,
) {
    for run in line.runs {
        marks.push(Mark::Text {
            x: x + run.x,
            y: baseline,
            width: run.width,
            size,
            font: run.font,
            ink,
            text: run.text,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Orientation, Paper};

    fn flow() -> Flow {
        Flow::new(
            Geometry::new(Paper::A4, Orientation::Portrait),
            100.0,
            780.0,
        )
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_paragraph_continues_on_the_next_page() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        let text = "Every asset is checked once a year. ".repeat(600);
        paragraph(&mut f, &mut book, &text);
        assert!(f.pages.len() > 1);
        for page in &f.pages {
            for m in &page.marks {
                if let Mark::Text { y, .. } = m {
                    assert!(*y >= 100.0 && *y <= 780.0, "baseline {y} outside body");
                }
            }
        }
    }

    #[test]
    fn heading_is_not_left_alone_at_the_bottom() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        f.y = f.bottom - 30.0;
        heading(&mut f, &mut book, "Repairs");
        assert_eq!(f.pages.len(), 2);
        assert_eq!(texts(&f.pages[1]), vec!["Repairs"]);
    }

    #[test]
    fn figures_are_laid_out_four_to_a_row() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        let items: Vec<(String, String)> = (0..6)
            .map(|i| (format!("label {i}"), format!("{i}")))
            .collect();
        figures(&mut f, &mut book, &items);
        let t = texts(&f.pages[0]);
        assert!(t.contains(&"label 5") && t.contains(&"5"));
        let fills = f.pages[0]
            .marks
            .iter()
            .filter(|m| {
                matches!(
                    m,
                    Mark::Fill {
                        ink: Ink::Panel,
                        ..
                    }
                )
            })
            .count();
        assert_eq!(fills, 6);
    }
}
