//! The annual evaluation of the operational plan: the year's execution per unit and per
//! objective and action of the strategic plan, the financial execution month by month, and
//! conclusions drawn from the lights and from what the units commented during the year.

use std::collections::BTreeMap;

use chrono::Datelike;
use sqlx::SqliteConnection;

use super::charts;
use super::content::{
    col, lights_note, money_of, num, numbered, operational_name, pct, since_january,
    strategic_tables, table, units_count, Body, Part, Terms,
};
use super::monthly::{activities, capitalised};
use crate::context::Ctx;
use crate::error::Result;
use crate::plans::compute::{self, Light};
use crate::plans::dashboard::{self, default_month, Dashboard, UnitProgress};
use crate::plans::month_name;
use crate::plans::operational::OperationalSummary;
use crate::plans::store::{self as plans, ActivityData};

/// The annual evaluation of `plan`, up to the last month begun of its year.
pub(super) async fn build(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    t: &Terms,
    plan: OperationalSummary,
) -> Result<Body> {
    let year = plan.year;
    let cut = default_month(year, ctx.today);
    let name = operational_name(t, &plan);
    let data = plans::matrix(conn, &plan, None).await?;
    let d = dashboard::build(conn, plan, cut).await?;
    let span = since_january(cut, year);
    let mut subtitle = vec![format!("Ejecución de {span}")];
    if (ctx.today.year() as i64) <= year {
        subtitle.push("Evaluación preliminar: el año aún no termina.".into());
    }
    let sections = numbered(vec![
        ("Resumen".into(), summary(t, &d, &name, &span)),
        (
            format!("Ejecución anual por {}", t.unit.to_lowercase()),
            units(t, &d),
        ),
        (
            format!("Ejecución por {} y {}", t.objective, t.action),
            strategic_tables(t, &d, false),
        ),
        ("Ejecución financiera mensual".into(), curve(t, &d)),
        ("Conclusiones".into(), conclusions(t, &d, &data, &name)),
        (
            format!("Comentarios de las {} durante el año", t.units),
            comments(t, &d, &data),
        ),
    ]);
    Ok(Body {
        title: format!("EVALUACIÓN ANUAL DEL {}", name.to_uppercase()),
        subtitle,
        memo: Vec::new(),
        landscape: false,
        sections,
        closing: None,
        planner_signs: true,
    })
}

fn summary(t: &Terms, d: &Dashboard, name: &str, span: &str) -> Vec<Part> {
    if d.units.is_empty() {
        return vec![Part::Text(format!(
            "El {name} no tiene actividades registradas: no hay ejecución que evaluar."
        ))];
    }
    let of_light = |l: Light| d.units.iter().filter(|u| u.light == l).count().to_string();
    vec![
        Part::Text(format!(
            "De {span}, el {name} ({acts} de {units}) alcanzó una ejecución física de {phys} y \
             una ejecución financiera de {fin}; semáforo {light}.",
            acts = activities(d.total.activities),
            units = units_count(t, d.units.len()),
            phys = pct(d.total.accumulated),
            fin = money_of(t, &d.total),
            light = d.light.label().to_lowercase(),
        )),
        table(
            vec![col("Concepto", 60), num("Valor", 40)],
            vec![
                vec!["Ejecución física".into(), pct(d.total.accumulated)],
                vec!["Ejecución financiera".into(), money_of(t, &d.total)],
                vec![
                    "Ejecución financiera sobre el presupuesto anual".into(),
                    pct(compute::percent(
                        d.total.financial_executed as f64,
                        d.total.financial_annual as f64,
                    )),
                ],
                vec!["Semáforo del plan".into(), d.light.label().to_string()],
                vec![
                    format!("{} en verde / ámbar / rojo", capitalised(t.units)),
                    format!(
                        "{} / {} / {}",
                        of_light(Light::Verde),
                        of_light(Light::Ambar),
                        of_light(Light::Rojo)
                    ),
                ],
            ],
        ),
        lights_note(&d.thresholds),
    ]
}

fn units(t: &Terms, d: &Dashboard) -> Vec<Part> {
    if d.units.is_empty() {
        return vec![Part::Text("No hay actividades registradas.".into())];
    }
    let row = |label: String, p: &dashboard::ExecutionProgress, light: Light| {
        vec![
            label,
            p.activities.to_string(),
            pct(p.accumulated),
            t.money(p.financial_programmed),
            t.money(p.financial_executed),
            pct(p.financial_percent),
            light.label().to_string(),
        ]
    };
    let mut rows: Vec<Vec<String>> = d
        .units
        .iter()
        .map(|u| row(u.name.clone(), &u.progress, u.light))
        .collect();
    rows.push(row("Total del plan".into(), &d.total, d.light));
    let when = month_name(d.month).to_lowercase();
    vec![
        Part::Bars(charts::units_bars(t, d, &when)),
        table(
            vec![
                col(t.unit, 36),
                num("Act.", 6),
                num("% físico", 10),
                num("Financiero\nprogramado", 18),
                num("Financiero\nejecutado", 18),
                num("% financ.", 10),
                col("Semáforo", 13),
            ],
            rows,
        ),
    ]
}

fn curve(t: &Terms, d: &Dashboard) -> Vec<Part> {
    let rows = d
        .curve
        .iter()
        .map(|p| {
            vec![
                month_name(p.month).to_string(),
                t.money(p.programmed),
                p.executed.map(|e| t.money(e)).unwrap_or_else(|| "—".into()),
                t.money(p.programmed_accumulated),
                p.executed_accumulated
                    .map(|e| t.money(e))
                    .unwrap_or_else(|| "—".into()),
                pct(p
                    .executed_accumulated
                    .and_then(|e| compute::percent(e as f64, p.programmed_accumulated as f64))),
                pct(p.physical_percent),
            ]
        })
        .collect();
    vec![
        Part::Curve(charts::money_curve(t, d)),
        table(
            vec![
                col("Mes", 12),
                num("Programado", 17),
                num("Ejecutado", 17),
                num("Programado\nacumulado", 17),
                num("Ejecutado\nacumulado", 17),
                num("% financ.\nacum.", 10),
                num("% físico\ndel mes", 10),
            ],
            rows,
        ),
    ]
}

/// One thing a unit said during the year: its text, where and when (activity code, month),
/// and whether it was said of a month that fell short of its target.
struct Said {
    text: String,
    at: Vec<(String, i64)>,
    short: usize,
}

/// What each unit said, each text once, in the order first said (by month, then activity).
fn said_by_unit(data: &[ActivityData], cut: i64) -> BTreeMap<i64, Vec<Said>> {
    let mut all: Vec<(i64, i64, &str, &str, bool)> = Vec::new();
    for a in data {
        for m in 1..=cut {
            let i = (m - 1) as usize;
            let text = a.comments[i].as_str();
            if !text.is_empty() {
                let short = a.executed_physical[i].is_some_and(|e| e < a.physical[i]);
                all.push((a.unit_id, m, a.code.as_str(), text, short));
            }
        }
    }
    all.sort_by_key(|&(unit, m, code, _, _)| (unit, m, code));
    let mut out: BTreeMap<i64, Vec<Said>> = BTreeMap::new();
    for (unit, m, code, text, short) in all {
        let list = out.entry(unit).or_default();
        let at = match list.iter().position(|s| s.text == text) {
            Some(i) => i,
            None => {
                list.push(Said {
                    text: text.to_string(),
                    at: Vec::new(),
                    short: 0,
                });
                list.len() - 1
            }
        };
        list[at].at.push((code.to_string(), m));
        list[at].short += short as usize;
    }
    out
}

fn names(units: &[&UnitProgress]) -> String {
    units
        .iter()
        .map(|u| format!("{} ({})", u.name, pct(u.progress.accumulated)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn conclusions(t: &Terms, d: &Dashboard, data: &[ActivityData], name: &str) -> Vec<Part> {
    if d.units.is_empty() {
        return vec![Part::Text("Sin actividades no hay conclusiones.".into())];
    }
    let mut items = vec![format!(
        "El {name} alcanzó una ejecución física de {} y una ejecución financiera de {}, con \
         semáforo {}.",
        pct(d.total.accumulated),
        pct(d.total.financial_percent),
        d.light.label().to_lowercase()
    )];
    for (l, words) in [
        (Light::Verde, "alcanzaron la meta (verde)"),
        (Light::Ambar, "quedaron en ámbar"),
        (Light::Rojo, "quedaron en rojo"),
    ] {
        let these: Vec<&UnitProgress> = d.units.iter().filter(|u| u.light == l).collect();
        let who = if these.len() == 1 {
            t.unit.to_lowercase()
        } else {
            t.units.to_string()
        };
        // Those that met their targets are counted; those that did not are named.
        match (these.len(), l) {
            (0, _) => {}
            (n, Light::Verde) => items.push(format!("{n} {who} {words}.")),
            (n, _) => items.push(format!("{n} {who} {words}: {}.", names(&these))),
        }
    }
    let red: Vec<String> = d
        .actions
        .iter()
        .filter(|a| a.light == Light::Rojo)
        .map(|a| format!("{} ({})", a.code, pct(a.progress.accumulated)))
        .collect();
    if !red.is_empty() {
        items.push(format!(
            "{} con ejecución en rojo: {}.",
            t.actions,
            red.join(", ")
        ));
    }
    // The causes a unit gave most often for the months it fell short.
    let said = said_by_unit(data, d.month);
    for u in d
        .units
        .iter()
        .filter(|u| matches!(u.light, Light::Ambar | Light::Rojo))
    {
        let mut causes: Vec<&Said> = said
            .get(&u.unit_id)
            .map(|s| s.iter().filter(|s| s.short > 0).collect())
            .unwrap_or_default();
        causes.sort_by_key(|s| std::cmp::Reverse(s.short));
        if !causes.is_empty() {
            items.push(format!(
                "{} ({}) explicó sus brechas así: {}",
                u.name,
                pct(u.progress.accumulated),
                causes
                    .iter()
                    .take(2)
                    .map(|s| format!("«{}»", s.text.trim_end_matches('.')))
                    .collect::<Vec<_>>()
                    .join(" y ")
                    + "."
            ));
        }
    }
    vec![Part::Bullets(items)]
}

fn comments(t: &Terms, d: &Dashboard, data: &[ActivityData]) -> Vec<Part> {
    let said = said_by_unit(data, d.month);
    let mut out = Vec::new();
    for u in &d.units {
        if let Some(list) = said.get(&u.unit_id) {
            out.push(Part::Subheading(u.name.clone()));
            out.push(Part::Bullets(
                list.iter()
                    .map(|s| {
                        let at: Vec<String> = s
                            .at
                            .iter()
                            .map(|(code, m)| format!("{code} en {}", month_name(*m).to_lowercase()))
                            .collect();
                        format!("{} ({})", s.text, at.join(", "))
                    })
                    .collect(),
            ));
        }
    }
    if out.is_empty() {
        out.push(Part::Text(format!(
            "Las {} no registraron comentarios durante el año.",
            t.units
        )));
    }
    out
}
