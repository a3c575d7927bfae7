//! Line charts: one chunk of a fixed height holding the title, the vertical scale with its
//! gridlines, the categories, the lines with a square on every point, and the legend.

use super::scale::{format_number, nice_ticks, Ticks};
use super::{legend, LineChart, Swatch, AXIS, GRID, SCALE_SIZE, TEXT_SIZE, TITLE_SIZE};
use crate::fonts::{self, FontId};
use crate::layout::{single_line, text_lines, Chunk, Composer, Draw, Ink, LEADING, MM};
use crate::model::{Align, Family, Rgb, Span};
use crate::page::fit;

/// Limits of a line chart's height, mm.
const HEIGHT_MM: (f32, f32) = (40.0, 200.0);
/// Width of a series' line, points.
const LINE_W: f32 = 1.6;
/// Side of the square on each point, points.
const MARK: f32 = 3.2;

/// The finite values of the series that fall on a category.
fn values(chart: &LineChart) -> impl Iterator<Item = f64> + '_ {
    let n = chart.categories.len();
    chart
        .series
        .iter()
        .flat_map(move |s| s.values.iter().take(n).flatten().copied())
        .filter(|v| v.is_finite())
}

/// The vertical scale: from zero (or the lowest value, if negative) to the highest value.
pub(super) fn y_ticks(chart: &LineChart) -> Ticks {
    let (lo, hi) = values(chart).fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    nice_ticks(lo, hi)
}

impl Composer {
    /// A line chart: nothing when it has no categories.
    pub(crate) fn line_chart(&mut self, chart: &LineChart) {
        if chart.categories.is_empty() {
            return;
        }
        let width = self.width;
        let height = chart.height_mm.clamp(HEIGHT_MM.0, HEIGHT_MM.1) * MM;
        let mut draws = Vec::new();
        let mut top = 0.0;
        if let Some(title) = &chart.title {
            for (h, mut line) in text_lines(
                &[Span::bold(title.clone())],
                Family::Sans,
                TITLE_SIZE,
                Align::Left,
                width,
                0.0,
            ) {
                line.y += top;
                draws.push(Draw::Text(line));
                top += h;
            }
            top += 3.0;
        }
        let entries: Vec<(Rgb, &str)> = chart
            .series
            .iter()
            .map(|s| (s.color, s.name.as_str()))
            .collect();
        let (legend_draws, legend_h) = legend(&entries, Swatch::Line, width);
        let legend_top = height - legend_h;
        draws.extend(legend_draws.iter().map(|d| d.offset(0.0, legend_top)));

        let ticks = y_ticks(chart);
        let labels: Vec<String> = ticks
            .values
            .iter()
            .map(|v| format!("{}{}", format_number(*v, ticks.decimals), chart.y_suffix))
            .collect();
        let label_w = labels
            .iter()
            .map(|l| fonts::text_width(FontId::Sans, SCALE_SIZE, l))
            .fold(0.0, f32::max);
        let x0 = label_w + 2.0 * MM;
        let x1 = width - 2.0;
        // Room above the plot for the top tick's number, below it for the categories.
        let plot_top = top + SCALE_SIZE;
        let category_h = TEXT_SIZE * LEADING + 3.0;
        let plot_bottom = legend_top - category_h - if legend_h > 0.0 { 4.0 } else { 0.0 };
        let span = (ticks.high() - ticks.low()).max(f64::MIN_POSITIVE);
        let y_of =
            |v: f64| plot_bottom - ((v - ticks.low()) / span) as f32 * (plot_bottom - plot_top);

        for (v, label) in ticks.values.iter().zip(&labels) {
            let y = y_of(*v);
            let (ink, w) = if *v == ticks.low() || *v == 0.0 {
                (AXIS, 0.6)
            } else {
                (GRID, 0.4)
            };
            draws.push(Draw::Line {
                x1: x0,
                y1: y,
                x2: x1,
                y2: y,
                width: w,
                ink,
            });
            let lw = fonts::text_width(FontId::Sans, SCALE_SIZE, label);
            draws.push(Draw::Text(single_line(
                label,
                FontId::Sans,
                SCALE_SIZE,
                x0 - 1.5 * MM - lw,
                y + SCALE_SIZE * 0.35,
                0.35,
            )));
        }
        draws.push(Draw::Line {
            x1: x0,
            y1: plot_top,
            x2: x0,
            y2: plot_bottom,
            width: 0.6,
            ink: AXIS,
        });

        let n = chart.categories.len();
        let band = (x1 - x0) / n as f32;
        let x_of = |i: usize| x0 + (i as f32 + 0.5) * band;
        // Label every k-th category when the labels would not fit their bands.
        let widest = chart
            .categories
            .iter()
            .map(|c| fonts::text_width(FontId::Sans, TEXT_SIZE, c))
            .fold(0.0, f32::max);
        let every = ((widest + 4.0) / band).ceil().max(1.0) as usize;
        for (i, c) in chart.categories.iter().enumerate() {
            let x = x_of(i);
            draws.push(Draw::Line {
                x1: x,
                y1: plot_bottom,
                x2: x,
                y2: plot_bottom + 2.0,
                width: 0.5,
                ink: AXIS,
            });
            if i % every == 0 {
                let label = fit(c, FontId::Sans, TEXT_SIZE, band * every as f32 - 2.0);
                let lw = fonts::text_width(FontId::Sans, TEXT_SIZE, &label);
                draws.push(Draw::Text(single_line(
                    &label,
                    FontId::Sans,
                    TEXT_SIZE,
                    (x - lw / 2.0).min(width - lw),
                    plot_bottom + 3.0 + TEXT_SIZE,
                    0.0,
                )));
            }
        }

        for s in &chart.series {
            let points: Vec<Option<(f32, f32)>> = (0..n)
                .map(|i| {
                    s.values
                        .get(i)
                        .copied()
                        .flatten()
                        .filter(|v| v.is_finite())
                        .map(|v| (x_of(i), y_of(v)))
                })
                .collect();
            for run in points.split(Option::is_none) {
                let run: Vec<(f32, f32)> = run.iter().flatten().copied().collect();
                if run.len() > 1 {
                    draws.push(Draw::Path {
                        points: run.clone(),
                        width: LINE_W,
                        ink: Ink::Rgb(s.color),
                        dash: None,
                    });
                }
                for (x, y) in run {
                    draws.push(Draw::Rect {
                        x: x - MARK / 2.0,
                        y: y - MARK / 2.0,
                        w: MARK,
                        h: MARK,
                        ink: Ink::Rgb(s.color),
                    });
                }
            }
        }
        self.push(Chunk {
            height,
            before: 8.0,
            after: 8.0,
            draws,
            ..Chunk::default()
        });
    }
}
