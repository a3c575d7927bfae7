//! The charts of a report as content: a bar per unit of its accumulated physical execution,
//! coloured by its light, with the thresholds drawn across; and the financial curve, programmed
//! against executed, accumulated month by month. Lengths are tenths of a percent and amounts
//! céntimos, colours sRGB channels, so the frozen content holds integers only.

use super::content::{pct, Terms};
use super::follow_up::month_short;
use crate::plans::compute::{Light, Thresholds};
use crate::plans::dashboard::Dashboard;
use crate::records::layout::{BarItem, BarsPart, CurvePart, Reference, Swatch};

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
