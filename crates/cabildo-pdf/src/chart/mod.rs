//! Charts drawn by the engine as vector paths in sRGB: horizontal bars of percentages
//! ([`BarChart`], one chunk per bar so a long chart paginates like a table, its scale repeated
//! on every page) and lines over categories ([`LineChart`], one chunk, never split). The
//! caller writes every text (values, labels, legend); the engine only formats the numbers of
//! the vertical scale, Spanish style ("1.250", "0,25").

mod bar;
mod line;
mod scale;
#[cfg(test)]
mod tests;

use super::fonts::{self, FontId};
use super::layout::{single_line, Draw, Ink};
use super::model::Rgb;
use super::page::fit;

/// One bar of a [`BarChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// What the bar measures (a unit's name): wrapped to two lines, then cut with "…".
    pub label: String,
    /// Length of the bar, a percentage; drawn between 0 and the chart's `max_percent`, and a
    /// longer bar is cut at the end of the scale with a break mark.
    pub percent: f64,
    /// Text written after the bar, as the caller formats it ("87,5 %", "142 %").
    pub value: String,
    /// Colour of the bar (a traffic light: green, amber, red).
    pub color: Rgb,
}

/// A vertical line across the bars of a [`BarChart`] (a goal, a threshold), labelled above
/// the scale.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceLine {
    /// Where it is drawn, a percentage of the same scale as the bars.
    pub percent: f64,
    /// Its label ("Meta 90 %").
    pub label: String,
}

/// One entry of a [`BarChart`]'s legend: a coloured square and what the colour means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The colour.
    pub color: Rgb,
    /// What it means ("≥ 90 %: en meta").
    pub label: String,
}

/// Horizontal bars of percentages, one row per bar: the label on the left, the bar, its value
/// after it. Rows never split; the title, the scale and the first two rows stay together, the
/// scale is repeated at the top of every page the chart spans, and the last row never stands
/// alone on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    /// Title printed above the chart.
    pub title: Option<String>,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// End of the scale, a percentage (100 by default; 120 leaves room for over-achievement).
    pub max_percent: f64,
    /// Dashed vertical lines with their labels.
    pub references: Vec<ReferenceLine>,
    /// Legend printed under the last bar; none when empty.
    pub legend: Vec<LegendEntry>,
}

impl Default for BarChart {
    fn default() -> Self {
        BarChart {
            title: None,
            bars: Vec::new(),
            max_percent: 100.0,
            references: Vec::new(),
            legend: Vec::new(),
        }
    }
}

/// One line of a [`LineChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Name in the legend ("Programado", "Ejecutado").
    pub name: String,
    /// Colour of the line and its points.
    pub color: Rgb,
    /// One value per category; `None` (a month not yet reached) leaves a gap in the line.
    /// Values past the last category are ignored.
    pub values: Vec<Option<f64>>,
}

/// Lines over categories (months on the horizontal axis), with a rounded vertical scale,
/// gridlines and a legend. Drawn as one piece, never split across pages.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    /// Title printed above the chart.
    pub title: Option<String>,
    /// Labels of the horizontal axis, left to right ("Ene" … "Dic").
    pub categories: Vec<String>,
    /// The lines.
    pub series: Vec<Series>,
    /// Text appended to every label of the vertical scale (" %"); empty for plain numbers.
    pub y_suffix: String,
    /// Height of the whole chart with its title and legend, mm (kept between 40 and 200).
    pub height_mm: f32,
}

impl Default for LineChart {
    fn default() -> Self {
        LineChart {
            title: None,
            categories: Vec::new(),
            series: Vec::new(),
            y_suffix: String::new(),
            height_mm: 80.0,
        }
    }
}

/// Size of chart texts (labels, values, legend), points.
const TEXT_SIZE: f32 = 8.0;
/// Size of the scales' numbers, points.
const SCALE_SIZE: f32 = 7.0;
/// Size of a chart's title, points.
const TITLE_SIZE: f32 = 10.0;
/// Gray of gridlines.
const GRID: Ink = Ink::Gray(0.85);
/// Gray of axes.
const AXIS: Ink = Ink::Gray(0.35);

/// How a legend shows its colour: a filled square (bars) or a short line (series).
#[derive(Clone, Copy)]
enum Swatch {
    Square,
    Line,
}

/// Legend entries flowing left to right in rows across `width`; the draws (from the top-left
/// corner of the legend) and its height.
fn legend(entries: &[(Rgb, &str)], swatch: Swatch, width: f32) -> (Vec<Draw>, f32) {
    let line_h = TEXT_SIZE * 1.5;
    let side = 7.0;
    let (mut x, mut row) = (0.0, 0);
    let mut draws = Vec::new();
    for (color, label) in entries {
        let label = fit(label, FontId::Sans, TEXT_SIZE, width - side - 4.0);
        let item_w = side + 4.0 + fonts::text_width(FontId::Sans, TEXT_SIZE, &label);
        if x > 0.0 && x + item_w > width {
            x = 0.0;
            row += 1;
        }
        let top = row as f32 * line_h;
        let mid = top + line_h / 2.0;
        draws.push(match swatch {
            Swatch::Square => Draw::Rect {
                x,
                y: mid - side / 2.0,
                w: side,
                h: side,
                ink: Ink::Rgb(*color),
            },
            Swatch::Line => Draw::Path {
                points: vec![(x, mid), (x + side, mid)],
                width: 2.0,
                ink: Ink::Rgb(*color),
                dash: None,
            },
        });
        draws.push(Draw::Text(single_line(
            &label,
            FontId::Sans,
            TEXT_SIZE,
            x + side + 4.0,
            mid + TEXT_SIZE * 0.35,
            0.0,
        )));
        x += item_w + 12.0;
    }
    let height = if entries.is_empty() {
        0.0
    } else {
        (row + 1) as f32 * line_h
    };
    (draws, height)
}
