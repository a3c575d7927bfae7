//! Horizontal bar charts: a title chunk, a scale chunk (repeated at the top of every page, like
//! a table's header row), one chunk per bar and a legend chunk. Vertical lines (gridlines,
//! references, the axis) are drawn inside every row, so they run down the whole chart.

use std::rc::Rc;

use super::scale::{format_number, nice_ticks};
use super::{legend, BarChart, Swatch, AXIS, GRID, SCALE_SIZE, TEXT_SIZE, TITLE_SIZE};
use crate::fonts::{self, FontId};
use crate::layout::{single_line, text_lines, Chunk, Composer, Draw, Ink, LEADING, MM};
use crate::model::{Align, Family, Rgb, Span};
use crate::page::fit;

/// Height of a bar, points.
const BAR_H: f32 = 9.0;
/// Space above and below a row's label, points.
const ROW_PAD: f32 = 2.5;
/// Dash of reference lines: on, off, points.
const DASH: (f32, f32) = (3.0, 2.0);
/// Gray of reference lines and their labels.
const REFERENCE: f32 = 0.25;

/// Where the parts of a row sit across the body.
struct Geometry {
    label_w: f32,
    x0: f32,
    x1: f32,
    max: f64,
}

impl Geometry {
    fn of(chart: &BarChart, width: f32) -> Geometry {
        let max = if chart.max_percent.is_finite() && chart.max_percent > 0.0 {
            chart.max_percent
        } else {
            100.0
        };
        let value_w = chart
            .bars
            .iter()
            .map(|b| fonts::text_width(FontId::SansBold, TEXT_SIZE, &b.value))
            .fold(12.0 * MM, f32::max)
            .min(width * 0.2)
            + 2.0 * MM;
        let label_w = (width * 0.34).min(65.0 * MM);
        Geometry {
            label_w,
            x0: label_w + 3.0 * MM,
            x1: width - value_w,
            max,
        }
    }

    /// The x of a percentage, clamped to the scale.
    fn x(&self, percent: f64) -> f32 {
        let p = if percent.is_finite() { percent } else { 0.0 };
        self.x0 + (p.clamp(0.0, self.max) / self.max) as f32 * (self.x1 - self.x0)
    }
}

impl Composer {
    /// A bar chart: nothing when it has no bars.
    pub(crate) fn bar_chart(&mut self, chart: &BarChart) {
        if chart.bars.is_empty() {
            return;
        }
        let g = Geometry::of(chart, self.width);
        let ticks: Vec<f64> = nice_ticks(0.0, g.max)
            .values
            .into_iter()
            .filter(|t| *t <= g.max + 1e-9)
            .collect();
        if let Some(title) = &chart.title {
            let mut y = 0.0;
            let mut draws = Vec::new();
            for (h, mut line) in text_lines(
                &[Span::bold(title.clone())],
                Family::Sans,
                TITLE_SIZE,
                Align::Left,
                self.width,
                0.0,
            ) {
                line.y += y;
                draws.push(Draw::Text(line));
                y += h;
            }
            self.push(Chunk {
                height: y,
                before: 8.0,
                after: 4.0,
                keep_with_next: true,
                draws,
                ..Chunk::default()
            });
        }
        let mut scale = scale_chunk(chart, &g, &ticks);
        if chart.title.is_none() {
            scale.before = 8.0;
        }
        let scale = Rc::new(scale);
        self.push((*scale).clone());
        let n = chart.bars.len();
        let has_legend = !chart.legend.is_empty();
        for i in 0..n {
            let mut row = bar_row(chart, &g, &ticks, i);
            row.repeat_header = Some(scale.clone());
            // The scale opens a page with two rows at least, and the last row (with the legend)
            // never stands alone.
            let last = i + 1 == n;
            row.keep_with_next = (n > 1 && (i == 0 || i + 2 == n)) || (last && has_legend);
            if last && !has_legend {
                row.after = 8.0;
            }
            self.push(row);
        }
        if has_legend {
            let entries: Vec<(Rgb, &str)> = chart
                .legend
                .iter()
                .map(|e| (e.color, e.label.as_str()))
                .collect();
            let (mut draws, h) = legend(&entries, Swatch::Square, self.width - g.x0);
            draws = draws.iter().map(|d| d.offset(g.x0, 0.0)).collect();
            self.push(Chunk {
                height: h,
                before: 4.0,
                after: 8.0,
                draws,
                ..Chunk::default()
            });
        }
    }
}

/// The scale above the bars: reference labels (on a second line when they would touch), the
/// percentages of the ticks, and the top axis.
fn scale_chunk(chart: &BarChart, g: &Geometry, ticks: &[f64]) -> Chunk {
    let line_h = SCALE_SIZE * LEADING;
    let mut draws = Vec::new();
    // Reference labels, centred on their line, kept inside the chart, stacked when crowded.
    let mut rows_end: Vec<f32> = Vec::new();
    let mut placed = Vec::new();
    let mut refs: Vec<_> = chart.references.iter().collect();
    refs.sort_by(|a, b| a.percent.total_cmp(&b.percent));
    for r in refs {
        let x = g.x(r.percent);
        let label = fit(&r.label, FontId::Sans, SCALE_SIZE, 40.0 * MM);
        let w = fonts::text_width(FontId::Sans, SCALE_SIZE, &label);
        let left = (x - w / 2.0).clamp(g.x0, (g.x1 + 12.0 * MM - w).max(g.x0));
        let row = match rows_end.iter().position(|end| left >= end + 3.0) {
            Some(row) => row,
            None => {
                rows_end.push(f32::MIN);
                rows_end.len() - 1
            }
        };
        rows_end[row] = left + w;
        placed.push((x, left, row, label));
    }
    let ref_h = rows_end.len() as f32 * line_h;
    let tick_base = ref_h + line_h;
    let height = tick_base + 3.0;
    for (x, left, row, label) in placed {
        let baseline = row as f32 * line_h + SCALE_SIZE;
        draws.push(Draw::Text(single_line(
            &label,
            FontId::Sans,
            SCALE_SIZE,
            left,
            baseline,
            REFERENCE,
        )));
        draws.push(Draw::Path {
            points: vec![(x, baseline + 2.0), (x, height)],
            width: 0.7,
            ink: Ink::Gray(REFERENCE),
            dash: Some(DASH),
        });
    }
    for t in ticks {
        let x = g.x(*t);
        let label = format!("{} %", format_number(*t, 0));
        let w = fonts::text_width(FontId::Sans, SCALE_SIZE, &label);
        // On white: a reference line passing by stops short of the number.
        draws.push(Draw::Rect {
            x: x - w / 2.0 - 1.5,
            y: tick_base - SCALE_SIZE,
            w: w + 3.0,
            h: SCALE_SIZE * 1.25,
            ink: Ink::Gray(1.0),
        });
        draws.push(Draw::Text(single_line(
            &label,
            FontId::Sans,
            SCALE_SIZE,
            x - w / 2.0,
            tick_base,
            0.35,
        )));
        draws.push(Draw::Line {
            x1: x,
            y1: height - 2.0,
            x2: x,
            y2: height,
            width: 0.5,
            ink: AXIS,
        });
    }
    draws.push(Draw::Line {
        x1: g.x0,
        y1: height,
        x2: g.x1,
        y2: height,
        width: 0.6,
        ink: AXIS,
    });
    Chunk {
        height,
        keep_with_next: true,
        draws,
        ..Chunk::default()
    }
}

/// The label in at most two lines: wrapped at spaces, the second cut with "…".
fn label_lines(text: &str, width: f32) -> Vec<String> {
    let width_of = |s: &str| fonts::text_width(FontId::Sans, TEXT_SIZE, s);
    let mut words = text.split_whitespace().peekable();
    let mut first = String::new();
    while let Some(w) = words.peek() {
        let candidate = if first.is_empty() {
            (*w).to_string()
        } else {
            format!("{first} {w}")
        };
        if !first.is_empty() && width_of(&candidate) > width {
            break;
        }
        first = candidate;
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    let mut lines = vec![fit(&first, FontId::Sans, TEXT_SIZE, width)];
    if !rest.is_empty() {
        lines.push(fit(&rest.join(" "), FontId::Sans, TEXT_SIZE, width));
    }
    lines
}

/// One bar with its label, value, gridlines, reference lines and the axis.
fn bar_row(chart: &BarChart, g: &Geometry, ticks: &[f64], i: usize) -> Chunk {
    let bar = &chart.bars[i];
    let line_h = TEXT_SIZE * LEADING;
    let lines = label_lines(&bar.label, g.label_w);
    let height = (lines.len() as f32 * line_h).max(BAR_H + 3.0) + 2.0 * ROW_PAD;
    let mid = height / 2.0;
    let mut draws = Vec::new();
    let text_top = mid - lines.len() as f32 * line_h / 2.0;
    for (k, line) in lines.iter().enumerate() {
        let baseline = text_top + k as f32 * line_h + line_h / 2.0 + TEXT_SIZE * 0.35;
        draws.push(Draw::Text(single_line(
            line,
            FontId::Sans,
            TEXT_SIZE,
            0.0,
            baseline,
            0.0,
        )));
    }
    for t in ticks.iter().filter(|t| **t > 0.0) {
        let x = g.x(*t);
        draws.push(Draw::Line {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: height,
            width: 0.4,
            ink: GRID,
        });
    }
    let end = g.x(bar.percent);
    let top = mid - BAR_H / 2.0;
    if end > g.x0 {
        draws.push(Draw::Rect {
            x: g.x0,
            y: top,
            w: end - g.x0,
            h: BAR_H,
            ink: Ink::Rgb(bar.color),
        });
    }
    let clamped = bar.percent > g.max;
    if clamped {
        // A break mark: the bar goes on past the end of the scale.
        for dx in [7.0, 4.0] {
            draws.push(Draw::Path {
                points: vec![
                    (end - dx - 1.5, top + BAR_H + 0.5),
                    (end - dx + 1.5, top - 0.5),
                ],
                width: 1.2,
                ink: Ink::Gray(1.0),
                dash: None,
            });
        }
    }
    for r in &chart.references {
        let x = g.x(r.percent);
        draws.push(Draw::Path {
            points: vec![(x, 0.0), (x, height)],
            width: 0.7,
            ink: Ink::Gray(REFERENCE),
            dash: Some(DASH),
        });
    }
    draws.push(Draw::Line {
        x1: g.x0,
        y1: 0.0,
        x2: g.x0,
        y2: height,
        width: 0.6,
        ink: AXIS,
    });
    if i + 1 == chart.bars.len() {
        draws.push(Draw::Line {
            x1: g.x0,
            y1: height,
            x2: g.x1,
            y2: height,
            width: 0.6,
            ink: AXIS,
        });
    }
    // The value on white, so the lines it crosses do not run through its figures.
    let value_w = fonts::text_width(FontId::SansBold, TEXT_SIZE, &bar.value);
    let value_x = end + 1.5 * MM;
    draws.push(Draw::Rect {
        x: value_x - 1.0,
        y: mid - TEXT_SIZE * 0.6,
        w: value_w + 2.0,
        h: TEXT_SIZE * 1.2,
        ink: Ink::Gray(1.0),
    });
    draws.push(Draw::Text(single_line(
        &bar.value,
        FontId::SansBold,
        TEXT_SIZE,
        value_x,
        mid + TEXT_SIZE * 0.35,
        0.0,
    )));
    Chunk {
        height,
        draws,
        ..Chunk::default()
    }
}
