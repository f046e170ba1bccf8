//! Paper sizes, page geometry, and the laid-out page: a list of marks
//! (text runs, filled rectangles, rules, the logo) in points, measured from
//! the top-left corner. Rendering turns marks into printpdf operations.

use crate::font::FontKey;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    /// Wide pages, for tables with many columns.
    Landscape,
}

/// Page size and the margins that frame the content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) margin: f32,
}

/// Side margins, in points (about 15 mm).
const MARGIN: f32 = 42.0;

impl Geometry {
    pub(crate) fn new(paper: Paper, orientation: Orientation) -> Geometry {
        let (w, h) = match paper {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        let (width, height) = match orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        };
        Geometry {
            width,
            height,
            margin: MARGIN,
        }
    }

    /// A page of any size, without margins (labels).
    pub(crate) fn sized(width: f32, height: f32) -> Geometry {
        Geometry {
            width,
            height,
            margin: 0.0,
        }
    }

    /// Left edge of the content.
    pub(crate) fn left(&self) -> f32 {
        self.margin
    }

    /// Right edge of the content.
    pub(crate) fn right(&self) -> f32 {
        self.width - self.margin
    }

    /// Width available to content.
    pub(crate) fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

/// The few colours reports use, so every report looks the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Body text.
    Text,
    /// Secondary text: labels, header details, footer.
    Muted,
    /// Headings, key-figure values, bars.
    Accent,
    /// Table header background.
    HeaderFill,
    /// Text on [`Ink::HeaderFill`].
    OnHeader,
    /// Zebra stripe background.
    Stripe,
    /// Thin rules and axes.
    Rule,
    /// Key-figure box background.
    Panel,
    /// Pure black: QR code modules, which scanners read by contrast.
    Black,
}

impl Ink {
    /// RGB in 0..=1.
    pub(crate) fn rgb(self) -> (f32, f32, f32) {
        let hex: u32 = match self {
            Ink::Text => 0x1F2328,
            Ink::Muted => 0x5B6470,
            Ink::Accent => 0x1F5C99,
            Ink::HeaderFill => 0x24476B,
            Ink::OnHeader => 0xFFFFFF,
            Ink::Stripe => 0xF1F4F8,
            Ink::Rule => 0xC5CCD6,
            Ink::Panel => 0xEEF3F9,
            Ink::Black => 0x000000,
        };
        let c = |shift: u32| ((hex >> shift) & 0xFF) as f32 / 255.0;
        (c(16), c(8), c(0))
    }
}

/// Something drawn on a page. Coordinates are points from the top-left
/// corner; `y` of text is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    Text {
        x: f32,
        y: f32,
        /// Advance width of `text`, in points.
        width: f32,
        size: f32,
        font: FontKey,
        ink: Ink,
        text: String,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        ink: Ink,
    },
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// A laid-out page: its marks, in drawing order within each kind (shapes are
/// drawn before text).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub(crate) marks: Vec<Mark>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landscape_swaps_the_sides() {
        let p = Geometry::new(Paper::Letter, Orientation::Portrait);
        let l = Geometry::new(Paper::Letter, Orientation::Landscape);
        assert_eq!((p.width, p.height), (612.0, 792.0));
        assert_eq!((l.width, l.height), (792.0, 612.0));
        assert!(l.content_width() > p.content_width());
    }

    #[test]
    fn a4_is_210_by_297_mm() {
        let g = Geometry::new(Paper::A4, Orientation::Portrait);
        let mm = |pt: f32| pt * 25.4 / 72.0;
        assert!((mm(g.width) - 210.0).abs() < 0.1);
        assert!((mm(g.height) - 297.0).abs() < 0.1);
    }
}
