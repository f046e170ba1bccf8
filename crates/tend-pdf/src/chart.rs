//! Vector bar charts: axes, gridlines, tick labels, one filled path per bar,
//! the value over each bar and the category under it. No images.

use crate::font::{FontBook, FontKey, Weight};
use crate::layout::{Flow, GAP};
use crate::page::{Ink, Mark};
use crate::text::{single_line, wrap, TextStyle};

/// One bar: its category label, the value that sets its height, and the text
/// printed over it (e.g. "€4,200"; empty for none).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub caption: String,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64, caption: impl Into<String>) -> Bar {
        Bar {
            label: label.into(),
            value,
            caption: caption.into(),
        }
    }
}

/// A bar chart: a title, the unit of the value axis (e.g. "EUR", "hours"),
/// and the bars, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub unit: String,
    pub bars: Vec<Bar>,
}

const HEIGHT: f32 = 210.0;
const TITLE: TextStyle = TextStyle {
    size: 10.0,
    weight: Weight::Bold,
};
const SMALL: TextStyle = TextStyle {
    size: 7.0,
    weight: Weight::Regular,
};
const LABEL: TextStyle = TextStyle {
    size: 7.5,
    weight: Weight::Regular,
};

/// A step of 1, 2, 2.5 or 5 × 10ⁿ giving about five intervals over `span`.
pub(crate) fn nice_step(span: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Compact tick label: 950, 1.5k, 48k, 2.4M.
pub(crate) fn tick_label(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (value / 1e9, "G")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = format!("{scaled:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text}{suffix}")
}

/// Lays out `chart` at the current position of `flow`.
pub(crate) fn bar_chart(flow: &mut Flow, book: &mut FontBook, chart: &BarChart) {
    flow.gap(GAP);
    flow.reserve(HEIGHT);
    let top = flow.y;
    let left = flow.geometry.left();
    let width = flow.geometry.content_width();
    let ascent = book.face(FontKey::REGULAR).ascender_em();

    let title = single_line(book, &chart.title, width, TITLE);
    flow.missing += title.missing;
    for line in title.lines {
        flow.put_line(line, left, top + ascent * TITLE.size, TITLE.size, Ink::Text);
    }

    let values: Vec<f64> = chart
        .bars
        .iter()
        .map(|b| if b.value.is_finite() { b.value } else { 0.0 })
        .collect();
    let low = values.iter().copied().fold(0.0f64, f64::min);
    let high = values.iter().copied().fold(0.0f64, f64::max);
    let step = nice_step(high - low);
    let axis_low = (low / step).floor() * step;
    let axis_high = ((high / step).ceil() * step).max(axis_low + step);
    let ticks: Vec<f64> = (0..=((axis_high - axis_low) / step).round() as usize)
        .map(|i| axis_low + i as f64 * step)
        .collect();
    let tick_texts: Vec<String> = ticks.iter().map(|t| tick_label(*t)).collect();
    let axis_w = tick_texts
        .iter()
        .map(|t| book.measure(t, SMALL.size, SMALL.weight))
        .fold(0.0f32, f32::max)
        + 6.0;

    let plot_left = left + axis_w;
    let plot_right = left + width;
    let plot_top = top + 30.0;
    let plot_bottom = top + HEIGHT - 32.0;
    let span = (axis_high - axis_low) as f32;
    let y_of = |v: f64| plot_bottom - ((v - axis_low) as f32 / span) * (plot_bottom - plot_top);

    // Unit over the axis, gridlines and tick labels.
    let unit = single_line(book, &chart.unit, axis_w + 40.0, SMALL);
    for line in unit.lines {
        flow.put_line(line, left, plot_top - 8.0, SMALL.size, Ink::Muted);
    }
    for (tick, text) in ticks.iter().zip(tick_texts) {
        let y = y_of(*tick);
        flow.marks().push(Mark::Rule {
            x1: plot_left,
            y1: y,
            x2: plot_right,
            y2: y,
            thickness: if *tick == 0.0 { 0.8 } else { 0.3 },
            ink: Ink::Rule,
        });
        let line = single_line(book, &text, axis_w, SMALL).lines.remove(0);
        let x = plot_left - 4.0 - line.width;
        flow.put_line(line, x, y + SMALL.size * 0.35, SMALL.size, Ink::Muted);
    }
    flow.marks().push(Mark::Rule {
        x1: plot_left,
        y1: plot_top,
        x2: plot_left,
        y2: plot_bottom,
        thickness: 0.8,
        ink: Ink::Rule,
    });

    if chart.bars.is_empty() {
        let line = single_line(book, "No data for this period", width, LABEL)
            .lines
            .remove(0);
        let x = plot_left + (plot_right - plot_left - line.width) / 2.0;
        flow.put_line(
            line,
            x,
            (plot_top + plot_bottom) / 2.0,
            LABEL.size,
            Ink::Muted,
        );
    } else {
        let slot = (plot_right - plot_left) / chart.bars.len() as f32;
        let bar_w = (slot * 0.62).min(48.0);
        let zero = y_of(0.0);
        for (i, (bar, value)) in chart.bars.iter().zip(&values).enumerate() {
            let centre = plot_left + slot * (i as f32 + 0.5);
            let y = y_of(*value);
            let (bar_top, bar_h) = if y < zero {
                (y, zero - y)
            } else {
                (zero, y - zero)
            };
            flow.marks().push(Mark::Fill {
                x: centre - bar_w / 2.0,
                y: bar_top,
                w: bar_w,
                h: bar_h.max(0.01),
                ink: Ink::Accent,
            });
            if !bar.caption.is_empty() {
                let caption = single_line(book, &bar.caption, slot, SMALL);
                flow.missing += caption.missing;
                for line in caption.lines {
                    let x = centre - line.width / 2.0;
                    let baseline = if *value >= 0.0 {
                        bar_top - 3.0
                    } else {
                        bar_top + bar_h + 8.0
                    };
                    flow.put_line(line, x, baseline, SMALL.size, Ink::Text);
                }
            }
            let label = wrap(book, &bar.label, slot - 2.0, LABEL);
            flow.missing += label.missing;
            for (n, line) in label.lines.into_iter().take(2).enumerate() {
                let x = centre - line.width / 2.0;
                let baseline = plot_bottom + 11.0 + n as f32 * 9.0;
                flow.put_line(line, x, baseline, LABEL.size, Ink::Text);
            }
        }
    }
    flow.y = top + HEIGHT;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Geometry, Orientation, Paper};

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(48_200.0), 10_000.0);
        assert_eq!(nice_step(12.0), 2.5);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn tick_labels_are_compact() {
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(950.0), "950");
        assert_eq!(tick_label(1500.0), "1.5k");
        assert_eq!(tick_label(48_000.0), "48k");
        assert_eq!(tick_label(2_400_000.0), "2.4M");
        assert_eq!(tick_label(-2500.0), "-2.5k");
    }

    #[test]
    fn bars_are_filled_paths_scaled_to_their_values() {
        let mut flow = Flow::new(
            Geometry::new(Paper::A4, Orientation::Portrait),
            100.0,
            780.0,
        );
        let mut book = FontBook::new().unwrap();
        let chart = BarChart {
            title: "Repair cost by month".into(),
            unit: "EUR".into(),
            bars: vec![Bar::new("Jan", 100.0, "100"), Bar::new("Feb", 50.0, "50")],
        };
        bar_chart(&mut flow, &mut book, &chart);
        let bars: Vec<f32> = flow.pages[0]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Fill {
                    h,
                    ink: Ink::Accent,
                    ..
                } => Some(*h),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 2);
        assert!((bars[0] - 2.0 * bars[1]).abs() < 0.01, "{bars:?}");
    }
}
