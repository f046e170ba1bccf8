//! Page furniture: the header (logo, organisation, title, period and filters,
//! generation time) and the footer ("Page N of M") repeated on every page.
//!
//! The header is laid out once; its height fixes where the body starts. The
//! page numbers are added after the whole document is laid out, when M is
//! known.

use crate::font::{FontBook, FontKey, Weight};
use crate::page::{Geometry, Ink, Mark, Page};
use crate::text::{single_line, TextStyle};

const ORGANISATION: TextStyle = TextStyle {
    size: 10.0,
    weight: Weight::Bold,
};
const TITLE: TextStyle = TextStyle {
    size: 16.0,
    weight: Weight::Bold,
};
const DETAIL: TextStyle = TextStyle {
    size: 8.5,
    weight: Weight::Regular,
};
const FOOTER: TextStyle = TextStyle {
    size: 7.5,
    weight: Weight::Regular,
};
const HEADER_TOP: f32 = 30.0;
const LOGO_HEIGHT: f32 = 38.0;
const LOGO_MAX_WIDTH: f32 = 130.0;

/// What every page carries besides its content.
pub(crate) struct Furniture {
    header: Vec<Mark>,
    footer: Vec<Mark>,
    /// Where the body starts.
    pub(crate) body_top: f32,
    /// Where the body ends.
    pub(crate) body_bottom: f32,
    /// Placeholders drawn in the header and footer.
    pub(crate) missing: usize,
    geometry: Geometry,
}

/// The texts of the header and footer.
pub(crate) struct Labels<'a> {
    pub(crate) organisation: &'a str,
    pub(crate) title: &'a str,
    pub(crate) period: &'a str,
    pub(crate) generated_at: &'a str,
    /// Width over height of the logo, if there is one.
    pub(crate) logo_aspect: Option<f32>,
}

impl Furniture {
    pub(crate) fn new(book: &mut FontBook, geometry: Geometry, labels: &Labels) -> Furniture {
        let ascent = book.face(FontKey::REGULAR).ascender_em();
        let mut header = Vec::new();
        let mut missing = 0;
        let left = geometry.left();
        let right = geometry.right();

        let mut text_left = left;
        if let Some(aspect) = labels.logo_aspect {
            let w = (LOGO_HEIGHT * aspect).min(LOGO_MAX_WIDTH);
            let h = w / aspect;
            header.push(Mark::Logo {
                x: left,
                y: HEADER_TOP + (LOGO_HEIGHT - h) / 2.0,
                w,
                h,
            });
            text_left = left + w + 12.0;
        }

        let mut put = |text: &str,
                       style: TextStyle,
                       x_right: Option<f32>,
                       x: f32,
                       width: f32,
                       baseline: f32,
                       ink: Ink| {
            let wrapped = single_line(book, text, width, style);
            missing += wrapped.missing;
            for line in wrapped.lines {
                let x = x_right.map_or(x, |r| r - line.width);
                for run in line.runs {
                    header.push(Mark::Text {
                        x: x + run.x,
                        y: baseline,
                        width: run.width,
                        size: style.size,
                        font: run.font,
                        ink,
                        text: run.text,
                    });
                }
            }
        };

        let generated = format!("Generated {}", labels.generated_at);
        let generated_width = (right - text_left) * 0.4;
        let org_base = HEADER_TOP + ascent * ORGANISATION.size;
        put(
            &generated,
            DETAIL,
            Some(right),
            0.0,
            generated_width,
            org_base,
            Ink::Muted,
        );
        let org_width = right - text_left - generated_width - 10.0;
        put(
            labels.organisation,
            ORGANISATION,
            None,
            text_left,
            org_width,
            org_base,
            Ink::Text,
        );
        let title_base = org_base + 6.0 + ascent * TITLE.size;
        put(
            labels.title,
            TITLE,
            None,
            text_left,
            right - text_left,
            title_base,
            Ink::Accent,
        );
        let mut bottom = title_base + 6.0;
        if !labels.period.trim().is_empty() {
            let period_base = title_base + 6.0 + ascent * DETAIL.size;
            put(
                labels.period,
                DETAIL,
                None,
                text_left,
                right - text_left,
                period_base,
                Ink::Muted,
            );
            bottom = period_base + 5.0;
        }
        if labels.logo_aspect.is_some() {
            bottom = bottom.max(HEADER_TOP + LOGO_HEIGHT + 4.0);
        }
        header.push(Mark::Rule {
            x1: left,
            y1: bottom,
            x2: right,
            y2: bottom,
            thickness: 0.8,
            ink: Ink::Accent,
        });

        // Footer: a rule, then who and what on the left.
        let rule_y = geometry.height - 36.0;
        let mut footer = vec![Mark::Rule {
            x1: left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            thickness: 0.4,
            ink: Ink::Rule,
        }];
        let who = if labels.organisation.is_empty() {
            labels.title.to_string()
        } else {
            format!("{} · {}", labels.organisation, labels.title)
        };
        let wrapped = single_line(book, &who, geometry.content_width() * 0.7, FOOTER);
        missing += wrapped.missing;
        for line in wrapped.lines {
            for run in line.runs {
                footer.push(Mark::Text {
                    x: left + run.x,
                    y: rule_y + 12.0,
                    width: run.width,
                    size: FOOTER.size,
                    font: run.font,
                    ink: Ink::Muted,
                    text: run.text,
                });
            }
        }

        Furniture {
            header,
            footer,
            body_top: bottom + 14.0,
            body_bottom: rule_y - 10.0,
            missing,
            geometry,
        }
    }

    /// Adds the header, footer and "Page N of M" to every page.
    pub(crate) fn decorate(&self, book: &mut FontBook, pages: &mut [Page]) {
        let total = pages.len();
        let right = self.geometry.right();
        let baseline = self.geometry.height - 36.0 + 12.0;
        for (i, page) in pages.iter_mut().enumerate() {
            page.marks.extend(self.header.iter().cloned());
            page.marks.extend(self.footer.iter().cloned());
            let label = format!("Page {} of {}", i + 1, total);
            let width = book.measure(&label, FOOTER.size, FOOTER.weight);
            page.marks.push(Mark::Text {
                x: right - width,
                y: baseline,
                width,
                size: FOOTER.size,
                font: FontKey::REGULAR,
                ink: Ink::Text,
                text: label,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Orientation, Paper};

    fn labels<'a>(title: &'a str, logo: Option<f32>) -> Labels<'a> {
        Labels {
            organisation: "Acme",
            title,
            period: "1 Jan 2025 – 31 Mar 2025",
            generated_at: "2025-04-01 09:00",
            logo_aspect: logo,
        }
    }

    #[test]
    fn every_page_gets_its_number_of_the_total() {
        let mut book = FontBook::new().unwrap();
        let g = Geometry::new(Paper::A4, Orientation::Portrait);
        let f = Furniture::new(&mut book, g, &labels("Inventory", None));
        let mut pages = vec![Page::default(), Page::default(), Page::default()];
        f.decorate(&mut book, &mut pages);
        for (i, page) in pages.iter().enumerate() {
            let expected = format!("Page {} of 3", i + 1);
            assert!(page
                .marks
                .iter()
                .any(|m| matches!(m, Mark::Text { text, .. } if *text == expected)));
        }
    }

    #[test]
    fn huge_title_does_not_push_the_body_off_the_page() {
        let mut book = FontBook::new().unwrap();
        let g = Geometry::new(Paper::Letter, Orientation::Landscape);
        let title = "Warranty ".repeat(600);
        let f = Furniture::new(&mut book, g, &labels(&title, Some(4.0)));
        assert!(f.body_top < 140.0, "{}", f.body_top);
        assert!(f.body_bottom - f.body_top > 300.0);
    }
}
