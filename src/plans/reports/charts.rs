//! The charts of a report as content: a bar per unit of its accumulated physical execution,
//! coloured by its light, with the thresholds drawn across; and the financial curve, programmed
//! against executed, accumulated month by month. Lengths are tenths of a percent and amounts
//! céntimos, colours sRGB channels, so the frozen content holds integers only.

use serde::{Deserialize, Serialize};

use super::content::{pct, Terms};
use super::follow_up::month_short;
use crate::pdf::{Bar, BarChart, LegendEntry, LineChart, ReferenceLine, Rgb, Series};
use crate::plans::compute::{Light, Thresholds};
use crate::plans::dashboard::Dashboard;

/// Horizontal bars of percentages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct BarsPart {
    /// Title above the chart.
    pub title: String,
    /// The bars, top to bottom.
    pub bars: Vec<BarItem>,
    /// Lines across the bars (the thresholds).
    pub references: Vec<Reference>,
    /// What each colour means.
    pub legend: Vec<Swatch>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct BarItem {
    /// What it measures.
    pub label: String,
    /// Its length, tenths of a percent.
    pub tenths: i64,
    /// The value written after it.
    pub value: String,
    /// Its colour.
    pub color: [u8; 3],
}

/// A line across the bars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Reference {
    /// Where, tenths of a percent.
    pub tenths: i64,
    /// Its label.
    pub label: String,
}

/// A colour and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Swatch {
    /// The colour.
    pub color: [u8; 3],
    /// Its meaning.
    pub label: String,
}

/// Lines over the months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct CurvePart {
    /// Title above the chart.
    pub title: String,
    /// The months, left to right.
    pub categories: Vec<String>,
    /// The lines: name, colour, one amount (céntimos) per month or none.
    pub series: Vec<(String, [u8; 3], Vec<Option<i64>>)>,
}

fn channels(l: Light) -> [u8; 3] {
    let (r, g, b) = l.rgb();
    [r, g, b].map(|c| (c * 255.0).round() as u8)
}

fn tenths(p: Option<f64>) -> i64 {
    p.map(|p| (p * 10.0).round() as i64).unwrap_or(0)
}

/// A bar per unit: its accumulated physical execution, coloured by its light.
/// `span` is the months accumulated ("enero a julio de 2026").
pub(super) fn units_bars(t: &Terms, d: &Dashboard, span: &str) -> BarsPart {
    let th: &Thresholds = &d.thresholds;
    let mut legend = vec![
        Swatch {
            color: channels(Light::Verde),
            label: format!("Verde: desde {}", pct(Some(th.green))),
        },
        Swatch {
            color: channels(Light::Ambar),
            label: format!("Ámbar: desde {}", pct(Some(th.amber))),
        },
        Swatch {
            color: channels(Light::Rojo),
            label: format!("Rojo: debajo de {}", pct(Some(th.amber))),
        },
    ];
    if d.units.iter().any(|u| u.light == Light::SinMeta) {
        legend.push(Swatch {
            color: channels(Light::SinMeta),
            label: "Sin meta en el periodo".into(),
        });
    }
    BarsPart {
        title: format!(
            "Ejecución física acumulada por {} ({span})",
            t.unit.to_lowercase()
        ),
        bars: d
            .units
            .iter()
            .map(|u| BarItem {
                label: u.name.clone(),
                tenths: tenths(u.progress.accumulated),
                value: pct(u.progress.accumulated),
                color: channels(u.light),
            })
            .collect(),
        references: vec![
            Reference {
                tenths: tenths(Some(th.amber)),
                label: format!("Ámbar {}", pct(Some(th.amber))),
            },
            Reference {
                tenths: tenths(Some(th.green)),
                label: format!("Verde {}", pct(Some(th.green))),
            },
        ],
        legend,
    }
}

/// The financial curve: programmed and executed, accumulated month by month.
pub(super) fn money_curve(t: &Terms, d: &Dashboard) -> CurvePart {
    CurvePart {
        title: format!(
            "Ejecución financiera acumulada, programado y ejecutado ({})",
            t.currency
        ),
        categories: (1..=12)
            .map(|m| month_short(m, t.chile).to_string())
            .collect(),
        series: vec![
            (
                "Programado".into(),
                [90, 110, 140],
                d.curve
                    .iter()
                    .map(|p| Some(p.programmed_accumulated))
                    .collect(),
            ),
            (
                "Ejecutado".into(),
                channels(Light::Verde),
                d.curve.iter().map(|p| p.executed_accumulated).collect(),
            ),
        ],
    }
}

fn rgb([r, g, b]: [u8; 3]) -> Rgb {
    Rgb::new(r, g, b)
}

/// The engine's bar chart.
pub(super) fn bar_chart(b: &BarsPart) -> BarChart {
    BarChart {
        title: Some(b.title.clone()),
        bars: b
            .bars
            .iter()
            .map(|x| Bar {
                label: x.label.clone(),
                percent: x.tenths as f64 / 10.0,
                value: x.value.clone(),
                color: rgb(x.color),
            })
            .collect(),
        max_percent: 100.0,
        references: b
            .references
            .iter()
            .map(|r| ReferenceLine {
                percent: r.tenths as f64 / 10.0,
                label: r.label.clone(),
            })
            .collect(),
        legend: b
            .legend
            .iter()
            .map(|s| LegendEntry {
                color: rgb(s.color),
                label: s.label.clone(),
            })
            .collect(),
    }
}

/// The engine's line chart, in currency units (not céntimos).
pub(super) fn line_chart(c: &CurvePart) -> LineChart {
    LineChart {
        title: Some(c.title.clone()),
        categories: c.categories.clone(),
        series: c
            .series
            .iter()
            .map(|(name, color, values)| Series {
                name: name.clone(),
                color: rgb(*color),
                values: values
                    .iter()
                    .map(|v| v.map(|cents| cents as f64 / 100.0))
                    .collect(),
            })
            .collect(),
        y_suffix: String::new(),
        height_mm: 70.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lights_become_channels_and_percentages_tenths() {
        assert_eq!(channels(Light::Verde), [41, 143, 69]);
        assert_eq!(tenths(Some(92.857)), 929);
        assert_eq!(tenths(None), 0);
    }
}
