//! Text measurement and line breaking: word wrap to a width, and hard breaking
//! of long unbroken tokens (serial numbers, MAC addresses, URLs) so that they
//! stay inside their box.
//!
//! A line is a list of runs; each run is drawn with one face. Runs are split
//! wherever the face that has the glyph changes (DejaVu → a CJK fallback and
//! back), so mixed-script text needs no special handling by callers.
//!
//! No shaping is done: no kerning, ligatures, right-to-left reordering or
//! contextual forms (Arabic, Indic scripts render as isolated glyphs).

use crate::font::{FontBook, FontKey, Glyph, Weight};

/// A piece of a line drawn with one face.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) font: FontKey,
    pub(crate) text: String,
    /// Offset of the run from the start of the line, in points.
    pub(crate) x: f32,
    /// Width of the run in points.
    pub(crate) width: f32,
}

/// One laid-out line of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub(crate) runs: Vec<Run>,
    /// Width in points.
    pub(crate) width: f32,
}

impl Line {
    /// The line's text, runs joined.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Text style for wrapping: size in points and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
}

/// Result of wrapping one text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Wrapped {
    pub(crate) lines: Vec<Line>,
    /// Characters that no font has and were drawn as placeholders.
    pub(crate) missing: usize,
}

/// Characters after which a long token may be broken if it has no spaces.
fn is_soft_break_after(c: char) -> bool {
    matches!(
        c,
        '-' | '/' | '\\' | '_' | ':' | '.' | ',' | ';' | '=' | '&' | '?' | '|' | '+'
    )
}

/// Wraps `text` into lines no wider than `width` points.
///
/// Breaks at spaces where possible; a token longer than the width is broken
/// after punctuation (`-`, `/`, `:`, `.` ...) or, failing that, between any two
/// characters. `\n` forces a line break. Never returns a line wider than
/// `width` unless a single glyph is wider than `width` on its own.
pub(crate) fn wrap(book: &mut FontBook, text: &str, width: f32, style: TextStyle) -> Wrapped {
    let mut out = Wrapped::default();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
        wrap_paragraph(book, paragraph, width, style, &mut out);
    }
    out
}

fn wrap_paragraph(
    book: &mut FontBook,
    text: &str,
    width: f32,
    style: TextStyle,
    out: &mut Wrapped,
) {
    let glyphs: Vec<Glyph> = text
        .chars()
        .map(|c| {
            let c = if c == '\t' || c.is_control() { ' ' } else { c };
            book.resolve(c, style.weight)
        })
        .collect();
    out.missing += glyphs.iter().filter(|g| g.missing).count();
    let limit = width / style.size; // in em

    let mut start = 0;
    while start < glyphs.len() {
        // Skip spaces at the start of a continuation line.
        if start > 0 {
            while start < glyphs.len() && glyphs[start].ch == ' ' {
                start += 1;
            }
            if start == glyphs.len() {
                break;
            }
        }
        let mut used = 0.0f32;
        let mut end = start;
        let mut space_break = None; // index of the first glyph after a space
        let mut soft_break = None; // index after punctuation
        while end < glyphs.len() {
            let g = glyphs[end];
            if used + g.advance > limit + 1e-4 && end > start {
                break;
            }
            used += g.advance;
            end += 1;
            if g.ch == ' ' {
                space_break = Some(end);
            } else if is_soft_break_after(g.ch) {
                soft_break = Some(end);
            }
        }
        let stop = if end == glyphs.len() {
            end
        } else if let Some(b) = space_break {
            b
        } else if let Some(b) = soft_break {
            b
        } else {
            end
        };
        out.lines.push(build_line(&glyphs[start..stop], style.size));
        start = stop;
    }
    if glyphs.is_empty() {
        out.lines.push(Line::default());
    }
}

/// Turns a slice of glyphs into runs, trimming trailing spaces.
fn build_line(glyphs: &[Glyph], size: f32) -> Line {
    let trimmed = glyphs
        .iter()
        .rposition(|g| g.ch != ' ')
        .map_or(0, |i| i + 1);
    let mut line = Line::default();
    let mut x = 0.0f32;
    for g in &glyphs[..trimmed] {
        let advance = g.advance * size;
        match line.runs.last_mut() {
            Some(run) if run.font == g.font => {
                run.text.push(g.ch);
                run.width += advance;
            }
            _ => line.runs.push(Run {
                font: g.font,
                text: g.ch.to_string(),
                x,
                width: advance,
            }),
        }
        x += advance;
    }
    line.width = x;
    line
}

/// Lays `text` out on one line without wrapping, shortening it with "…" if it
/// is wider than `width`.
pub(crate) fn single_line(
    book: &mut FontBook,
    text: &str,
    width: f32,
    style: TextStyle,
) -> Wrapped {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut wrapped = wrap(book, &flat, width, style);
    if wrapped.lines.len() > 1 {
        let ellipsis = book.resolve('…', style.weight);
        let mut first = wrapped.lines.swap_remove(0);
        wrapped.lines.clear();
        let limit = width - ellipsis.advance * style.size;
        while first.width > limit {
            let Some(run) = first.runs.last_mut() else {
                break;
            };
            match run.text.pop() {
                Some(c) => {
                    let advance = book.resolve(c, style.weight).advance * style.size;
                    first.width -= advance;
                    run.width -= advance;
                }
                None => {
                    first.runs.pop();
                }
            }
        }
        first.runs.retain(|r| !r.text.is_empty());
        let advance = ellipsis.advance * style.size;
        match first.runs.last_mut() {
            Some(run) if run.font == ellipsis.font => {
                run.text.push('…');
                run.width += advance;
            }
            _ => first.runs.push(Run {
                font: ellipsis.font,
                text: '…'.to_string(),
                x: first.width,
                width: advance,
            }),
        }
        first.width += ellipsis.advance * style.size;
        wrapped.lines.push(first);
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> TextStyle {
        TextStyle {
            size: 10.0,
            weight: Weight::Regular,
        }
    }

    fn book() -> FontBook {
        FontBook::new().unwrap()
    }

    #[test]
    fn short_text_is_one_line() {
        let w = wrap(&mut book(), "Server room", 200.0, style());
        assert_eq!(w.lines.len(), 1);
        assert_eq!(w.lines[0].text(), "Server room");
    }

    #[test]
    fn wraps_at_spaces_and_every_line_fits() {
        let mut b = book();
        let text = "Twelve servers lose warranty cover in the next ninety days and together they cost a lot";
        let w = wrap(&mut b, text, 120.0, style());
        assert!(w.lines.len() > 2);
        for line in &w.lines {
            assert!(line.width <= 120.0 + 1e-3, "{} too wide", line.text());
            assert!(!line.text().starts_with(' ') && !line.text().ends_with(' '));
        }
        let joined: Vec<String> = w.lines.iter().map(|l| l.text()).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn long_serial_is_hard_broken_inside_the_width() {
        let serial: String = "X7K2".repeat(125); // 500 characters, no spaces
        let w = wrap(&mut book(), &serial, 60.0, style());
        assert!(w.lines.len() > 10);
        assert!(w.lines.iter().all(|l| l.width <= 60.0 + 1e-3));
        let joined: String = w.lines.iter().map(|l| l.text()).collect();
        assert_eq!(joined, serial, "no character may be lost");
    }

    #[test]
    fn mac_address_breaks_after_a_colon() {
        let w = wrap(&mut book(), "00:1A:2B:3C:4D:5E", 50.0, style());
        assert!(w.lines.len() > 1);
        assert!(w.lines[0].text().ends_with(':'), "{:?}", w.lines[0].text());
    }

    #[test]
    fn newline_forces_a_break_and_empty_text_gives_one_empty_line() {
        let w = wrap(&mut book(), "a\nb", 200.0, style());
        assert_eq!(w.lines.len(), 2);
        let empty = wrap(&mut book(), "", 200.0, style());
        assert_eq!(empty.lines.len(), 1);
        assert!(empty.lines[0].runs.is_empty());
    }

    #[test]
    fn five_thousand_character_name_wraps() {
        let name = "Müller ".repeat(700) + &"é".repeat(100);
        let w = wrap(&mut book(), &name, 100.0, style());
        assert!(w.lines.len() > 100);
        assert!(w.lines.iter().all(|l| l.width <= 100.0 + 1e-3));
    }

    #[test]
    fn unknown_characters_are_counted_placeholders() {
        let mut b = book();
        b.set_fallback_dirs(Vec::new());
        let w = wrap(&mut b, "\u{1F680}\u{1FA90}", 200.0, style());
        assert_eq!(w.missing, 2);
        assert_eq!(w.lines[0].text(), "\u{25A1}\u{25A1}");
    }

    #[test]
    fn single_line_shortens_with_an_ellipsis() {
        let mut b = book();
        let w = single_line(&mut b, &"Organisation ".repeat(40), 150.0, style());
        assert_eq!(w.lines.len(), 1);
        assert!(w.lines[0].width <= 150.0 + 1e-3);
        assert!(w.lines[0].text().ends_with('…'));
    }

    #[test]
    fn runs_split_where_the_face_changes() {
        let mut b = book();
        let w = wrap(&mut b, "Tokyo 東京", 300.0, style());
        let line = &w.lines[0];
        if b.faces().count() > 2 {
            // A CJK fallback is installed: two runs, second in the fallback.
            assert_eq!(line.runs.len(), 2);
            assert_eq!(line.runs[1].text, "東京");
            assert!(line.runs[1].x > 0.0);
        } else {
            assert_eq!(w.missing, 2);
        }
    }
}
