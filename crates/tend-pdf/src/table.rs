//! Tables: column widths (fixed or a share of what is left), cells wrapped
//! inside their column, the header row repeated at the top of every page,
//! rows kept whole across page breaks (a row taller than a page is split as a
//! last resort), optional zebra striping.
//!
//! Rows are consumed from an iterator and placed at once, so a table of a
//! hundred thousand rows never holds more than its laid-out marks.

use crate::error::PdfError;
use crate::font::{FontBook, FontKey, Weight};
use crate::layout::{Flow, GAP};
use crate::page::{Ink, Mark};
use crate::text::{wrap, Line, TextStyle};

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// A fixed width in points (1/72 inch).
    Points(f32),
    /// A share of the width the fixed columns leave: columns of `Fraction(2.0)`
    /// and `Fraction(1.0)` split it two to one.
    Fraction(f32),
}

/// Horizontal alignment of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    /// For amounts and counts.
    Right,
    Center,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: ColumnWidth,
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn new(title: impl Into<String>, width: ColumnWidth) -> Column {
        Column {
            title: title.into(),
            width,
            align: Align::Left,
        }
    }

    /// The same column with cells aligned as `align`.
    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }
}

/// The shape of a table: its columns and whether rows are striped.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub columns: Vec<Column>,
    /// Shade every other row.
    pub zebra: bool,
}

const CELL: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Regular,
};
const HEAD: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Bold,
};
const LEADING: f32 = 10.5;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

/// Resolved position of one column.
#[derive(Debug, Clone, Copy)]
struct Slot {
    x: f32,
    width: f32,
    align: Align,
}

/// Column positions for `spec` within `[left, left + available]`.
fn slots(spec: &TableSpec, left: f32, available: f32) -> Result<Vec<Slot>, PdfError> {
    if spec.columns.is_empty() {
        return Err(PdfError::NoColumns);
    }
    let fixed: f32 = spec
        .columns
        .iter()
        .map(|c| match c.width {
            ColumnWidth::Points(w) => w.max(0.0),
            ColumnWidth::Fraction(_) => 0.0,
        })
        .sum();
    let shares: f32 = spec
        .columns
        .iter()
        .map(|c| match c.width {
            ColumnWidth::Fraction(f) => f.max(0.0),
            ColumnWidth::Points(_) => 0.0,
        })
        .sum();
    let minimum = spec.columns.len() as f32 * (2.0 * PAD_X + 4.0);
    let rest = available - fixed;
    if fixed > available || (shares > 0.0 && rest < minimum) {
        return Err(PdfError::TableTooWide {
            needed: fixed + if shares > 0.0 { minimum } else { 0.0 },
            available,
        });
    }
    let mut x = left;
    Ok(spec
        .columns
        .iter()
        .map(|c| {
            let width = match c.width {
                ColumnWidth::Points(w) => w.max(0.0),
                ColumnWidth::Fraction(f) if shares > 0.0 => rest * f.max(0.0) / shares,
                ColumnWidth::Fraction(_) => 0.0,
            };
            let slot = Slot {
                x,
                width,
                align: c.align,
            };
            x += width;
            slot
        })
        .collect())
}

/// A row's cells, wrapped.
type Cells = Vec<Vec<Line>>;

fn wrap_cells<S: AsRef<str>>(
    flow: &mut Flow,
    book: &mut FontBook,
    slots: &[Slot],
    texts: impl Iterator<Item = S>,
    style: TextStyle,
) -> Cells {
    let mut cells: Cells = Vec::with_capacity(slots.len());
    for (slot, text) in slots.iter().zip(texts) {
        let wrapped = wrap(book, text.as_ref(), slot.width - 2.0 * PAD_X, style);
        flow.missing += wrapped.missing;
        cells.push(wrapped.lines);
    }
    cells.resize_with(slots.len(), Vec::new);
    cells
}

fn lines_of(cells: &Cells) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

fn height_of(lines: usize) -> f32 {
    lines as f32 * LEADING + 2.0 * PAD_Y
}

/// Draws `cells[..][from..to]` as one row segment at the current position.
#[allow(clippy::too_many_arguments)]
fn put_row(
    flow: &mut Flow,
    ascent: f32,
    slots: &[Slot],
    cells: &mut Cells,
    from: usize,
    to: usize,
    background: Option<Ink>,
    ink: Ink,
    size: f32,
) {
    let height = height_of(to - from);
    let top = flow.y;
    let left = slots[0].x;
    let right = slots.last().map_or(left, |s| s.x + s.width);
    if let Some(fill) = background {
        flow.marks().push(Mark::Fill {
            x: left,
            y: top,
            w: right - left,
            h: height,
            ink: fill,
        });
    }
    // Line by line across the columns, so that the cells of one line are
    // consecutive marks on one baseline (drawn as one text operation).
    for i in from..to {
        let baseline = top + PAD_Y + (i - from) as f32 * LEADING + (LEADING - size) / 2.0 + ascent;
        for (slot, lines) in slots.iter().zip(cells.iter_mut()) {
            let Some(line) = lines.get_mut(i) else {
                continue;
            };
            let line = std::mem::take(line);
            if line.runs.is_empty() {
                continue;
            }
            let x = match slot.align {
                Align::Left => slot.x + PAD_X,
                Align::Right => slot.x + slot.width - PAD_X - line.width,
                Align::Center => slot.x + (slot.width - line.width) / 2.0,
            };
            flow.put_line(line, x, baseline, size, ink);
        }
    }
    if background != Some(Ink::HeaderFill) {
        flow.marks().push(Mark::Rule {
            x1: left,
            y1: top + height,
            x2: right,
            y2: top + height,
            thickness: 0.4,
            ink: Ink::Rule,
        });
    }
    flow.y = top + height;
}

/// Lays out a table at the current position of `flow`.
pub(crate) fn table<R, C, S>(
    flow: &mut Flow,
    book: &mut FontBook,
    spec: &TableSpec,
    rows: R,
) -> Result<(), PdfError>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let slots = slots(spec, flow.geometry.left(), flow.geometry.content_width())?;
    let ascent = book.face(FontKey::REGULAR).ascender_em() * CELL.size;
    let header = wrap_cells(
        flow,
        book,
        &slots,
        spec.columns.iter().map(|c| c.title.as_str()),
        HEAD,
    );
    // The header never takes more than a third of the page.
    let header_lines = lines_of(&header)
        .min(((flow.body_height() / 3.0 - 2.0 * PAD_Y) / LEADING) as usize)
        .max(1);
    let header_height = height_of(header_lines);
    let draw_header = |flow: &mut Flow| {
        let mut copy = header.clone();
        put_row(
            flow,
            ascent,
            &slots,
            &mut copy,
            0,
            header_lines,
            Some(Ink::HeaderFill),
            Ink::OnHeader,
            HEAD.size,
        );
    };

    flow.gap(GAP);
    // The header is drawn with the first row, so it never stands alone at
    // the foot of a page.
    let mut started = false;
    let columns = slots.len();
    for (index, row) in rows.into_iter().enumerate() {
        let mut texts = row.into_iter();
        let mut cells = wrap_cells(flow, book, &slots, texts.by_ref(), CELL);
        let extra = texts.count();
        if extra > 0 {
            return Err(PdfError::RowWidth {
                row: index + 1,
                expected: columns,
                found: columns + extra,
            });
        }
        let stripe = (spec.zebra && index % 2 == 1).then_some(Ink::Stripe);
        let total = lines_of(&cells);
        let height = height_of(total);
        if !started {
            flow.reserve(header_height + height.min(flow.body_height() - header_height));
            draw_header(flow);
            started = true;
        } else if height > flow.remaining() && height <= flow.body_height() - header_height {
            flow.new_page();
            draw_header(flow);
        }
        // Place the row, splitting it across pages only if it is taller
        // than a page.
        let mut from = 0;
        while from < total {
            let fit = ((flow.remaining() - 2.0 * PAD_Y) / LEADING)
                .floor()
                .max(0.0) as usize;
            if fit == 0 {
                flow.new_page();
                draw_header(flow);
                continue;
            }
            let to = (from + fit).min(total);
            put_row(
                flow,
                ascent,
                &slots,
                &mut cells,
                from,
                to,
                stripe,
                Ink::Text,
                CELL.size,
            );
            from = to;
        }
    }
    if !started {
        flow.reserve(header_height + height_of(1));
        draw_header(flow);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Geometry, Orientation, Page, Paper};

    fn flow() -> Flow {
        Flow::new(
            Geometry::new(Paper::A4, Orientation::Portrait),
            100.0,
            780.0,
        )
    }

    fn spec() -> TableSpec {
        TableSpec {
            columns: vec![
                Column::new("Tag", ColumnWidth::Points(60.0)),
                Column::new("Serial", ColumnWidth::Fraction(1.0)),
                Column::new("Cost", ColumnWidth::Fraction(1.0)).align(Align::Right),
            ],
            zebra: true,
        }
    }

    fn texts(page: &Page) -> Vec<(f32, f32, String)> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn fractions_share_what_fixed_columns_leave() {
        let s = slots(&spec(), 0.0, 460.0).unwrap();
        assert_eq!(s[0].width, 60.0);
        assert_eq!(s[1].width, 200.0);
        assert_eq!(s[2].x, 260.0);
    }

    #[test]
    fn too_wide_fixed_columns_are_an_error() {
        let wide = TableSpec {
            columns: vec![Column::new("A", ColumnWidth::Points(900.0))],
            zebra: false,
        };
        assert!(matches!(
            slots(&wide, 0.0, 500.0),
            Err(PdfError::TableTooWide { .. })
        ));
    }

    #[test]
    fn header_repeats_on_every_page_and_rows_stay_whole() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        let rows = (0..300).map(|i| {
            vec![
                format!("SRV-{i:04}"),
                if i % 7 == 0 {
                    "long serial ".repeat(6)
                } else {
                    "SN".into()
                },
                format!("{i}.00"),
            ]
        });
        table(&mut f, &mut book, &spec(), rows).unwrap();
        assert!(f.pages.len() > 3);
        for page in &f.pages {
            let t = texts(page);
            assert_eq!(t[0].2, "Tag", "header first on every page");
            // A row's tag and its cost share a baseline: the row was not split.
            for (_, y, text) in t.iter().filter(|(_, _, s)| s.starts_with("SRV-")) {
                assert!(
                    t.iter().any(|(_, y2, s)| s.ends_with(".00") && y2 == y),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn header_is_not_left_alone_at_the_foot_of_a_page() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        f.y = f.bottom - 40.0; // room for the header and one line, not four
        let tall = "line one\nline two\nline three\nline four";
        table(&mut f, &mut book, &spec(), vec![vec!["A", tall, "1"]]).unwrap();
        assert_eq!(f.pages.len(), 2);
        assert!(texts(&f.pages[0]).is_empty(), "{:?}", texts(&f.pages[0]));
        assert_eq!(texts(&f.pages[1])[0].2, "Tag");
    }

    #[test]
    fn empty_table_still_shows_its_header() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        table(&mut f, &mut book, &spec(), Vec::<Vec<&str>>::new()).unwrap();
        assert_eq!(texts(&f.pages[0])[0].2, "Tag");
    }

    #[test]
    fn right_aligned_cells_end_at_the_padding() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        table(&mut f, &mut book, &spec(), vec![vec!["A", "B", "12.00"]]).unwrap();
        let s = slots(&spec(), f.geometry.left(), f.geometry.content_width()).unwrap();
        let (x, _, _) = texts(&f.pages[0])
            .into_iter()
            .find(|(_, _, t)| t == "12.00")
            .unwrap();
        let width = book.measure("12.00", 8.0, Weight::Regular);
        let right = s[2].x + s[2].width - PAD_X;
        assert!((x + width - right).abs() < 0.01);
    }

    #[test]
    fn row_taller_than_a_page_is_split_not_lost() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        let huge = "word ".repeat(3000);
        table(
            &mut f,
            &mut book,
            &spec(),
            vec![vec!["A", huge.as_str(), "1"]],
        )
        .unwrap();
        assert!(f.pages.len() > 1);
        let words: usize = f
            .pages
            .iter()
            .flat_map(texts)
            .map(|(_, _, t)| t.matches("word").count())
            .sum();
        assert_eq!(words, 3000);
    }

    #[test]
    fn too_many_cells_is_an_error_naming_the_row() {
        let mut f = flow();
        let mut book = FontBook::new().unwrap();
        let err = table(
            &mut f,
            &mut book,
            &spec(),
            vec![vec!["a", "b", "c"], vec!["a", "b", "c", "d"]],
        )
        .unwrap_err();
        assert!(matches!(
            err,
            PdfError::RowWidth {
                row: 2,
                expected: 3,
                found: 4
            }
        ));
    }
}
