//! The Reportes de Seguimiento published on the Portal de Transparencia Estándar: the POI's
//! each semester (per centro de costo and activity, programmed against executed month by
//! month, with totals per action and objective of the strategic plan) and the PEI's each year
//! (each indicator of each objective and action: baseline, expected and obtained value,
//! achievement and direction).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::content::{
    col, lights_note, num, numbered, operational_name, pct, table, Body, Part, TablePart, Terms,
};
use super::monthly::{activities, capitalised};
use super::semester_months;
use crate::context::Ctx;
use crate::error::Result;
use crate::plans::compute::{self, Light, Thresholds};
use crate::plans::dashboard::default_month;
use crate::plans::operational::OperationalSummary;
use crate::plans::store::{self as plans, ActivityData};
use crate::plans::strategic::{PlanIndicator, StrategicPlan};
use crate::plans::{month_name, settings};

/// Short month names for table headers ("Set" in Peru, "Sep" in Chile).
pub(super) fn month_short(m: i64, chile: bool) -> &'static str {
    const NAMES: [&str; 12] = [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ];
    if m == 9 && chile {
        "Sep"
    } else {
        NAMES[(m.clamp(1, 12) - 1) as usize]
    }
}

/// A physical quantity as printed (up to two decimals).
fn qty(v: f64) -> String {
    compute::decimal(v, 2)
}

/// The execution of some activities over months `first..=last`.
struct Stretch {
    activities: i64,
    physical: Option<f64>,
    programmed: i64,
    executed: i64,
}

impl Stretch {
    fn of<'a>(acts: impl IntoIterator<Item = &'a ActivityData>, first: i64, last: i64) -> Stretch {
        let range = (first - 1) as usize..last as usize;
        let mut s = Stretch {
            activities: 0,
            physical: None,
            programmed: 0,
            executed: 0,
        };
        let mut pcts = Vec::new();
        for a in acts {
            s.activities += 1;
            pcts.push(activity_percent(a, first, last));
            s.programmed += a.financial[range.clone()].iter().sum::<i64>();
            s.executed += a.executed_financial[range.clone()]
                .iter()
                .flatten()
                .sum::<i64>();
        }
        s.physical = compute::physical_rollup(pcts);
        s
    }

    fn financial(&self) -> Option<f64> {
        compute::percent(self.executed as f64, self.programmed as f64)
    }
}

/// % of physical execution of one activity over months `first..=last`.
fn activity_percent(a: &ActivityData, first: i64, last: i64) -> Option<f64> {
    let range = (first - 1) as usize..last as usize;
    compute::percent(
        a.executed_physical[range.clone()].iter().flatten().sum(),
        a.physical[range].iter().sum(),
    )
}

/// The semestral Reporte de Seguimiento of `plan`.
pub(super) async fn operational(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    t: &Terms,
    plan: OperationalSummary,
    semester: i64,
) -> Result<Body> {
    let (first, last) = semester_months(semester);
    let cut = last.min(default_month(plan.year, ctx.today)).max(first);
    let th = settings(conn).await?.thresholds;
    let name = operational_name(t, &plan);
    let data = plans::matrix(conn, &plan, None).await?;
    let labels = plans::unit_labels(conn).await?;
    let (actions, objectives) = match plan.strategic_plan_id {
        Some(sp) => (
            plans::actions_of_plan(conn, sp).await?,
            plans::objectives_of_plan(conn, sp).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let action_code: HashMap<i64, &str> = actions.iter().map(|a| (a.id, a.code.as_str())).collect();
    let span = format!(
        "{} a {} de {}",
        month_name(first).to_lowercase(),
        month_name(cut).to_lowercase(),
        plan.year
    );
    let ordinal = if semester == 2 { "segundo" } else { "primer" };

    let whole = Stretch::of(&data, first, cut);
    let year_to_date = Stretch::of(&data, 1, cut);
    let mut by_unit: Vec<(i64, Vec<&ActivityData>)> = Vec::new();
    for a in &data {
        match by_unit.last_mut() {
            Some((u, acts)) if *u == a.unit_id => acts.push(a),
            _ => by_unit.push((a.unit_id, vec![a])),
        }
    }
    let summary = if data.is_empty() {
        vec![Part::Text(format!(
            "El {name} no tiene actividades registradas: no hay ejecución que reportar."
        ))]
    } else {
        vec![
            Part::Text(format!(
                "En el {ordinal} semestre ({span}), el {name} ({acts} de {units}) registra \
                 una ejecución física de {phys} y una ejecución financiera de {fexec} de {fprog} \
                 programados ({fpct}); semáforo {light}. Acumulado de enero a {cut}: {ytd} \
                 físico, {ytdf} financiero.",
                acts = activities(whole.activities),
                units = match (by_unit.len(), t.chile) {
                    (1, _) => format!("1 {}", t.cost_centre.to_lowercase()),
                    (n, true) => format!("{n} direcciones"),
                    (n, false) => format!("{n} centros de costo"),
                },
                phys = pct(whole.physical),
                fexec = t.money(whole.executed),
                fprog = t.money(whole.programmed),
                fpct = pct(whole.financial()),
                light = th.light(whole.physical).label().to_lowercase(),
                cut = month_name(cut).to_lowercase(),
                ytd = pct(year_to_date.physical),
                ytdf = pct(year_to_date.financial()),
            )),
            lights_note(&th),
        ]
    };

    let mut detail = vec![Part::Note(format!(
        "P: programado; E: ejecutado, en la unidad de medida de cada actividad, según la \
         programación vigente (versión {}). «—»: sin ejecución registrada.",
        plan.version
    ))];
    for (unit_id, acts) in &by_unit {
        let (code, unit_name) = labels.get(unit_id).cloned().unwrap_or_default();
        detail.push(Part::Subheading(format!(
            "{}: {code} — {unit_name}",
            t.cost_centre
        )));
        detail.push(unit_table(t, &th, acts, &action_code, (first, last, cut)));
    }

    let mut groups: Vec<(String, String, Vec<&ActivityData>)> = Vec::new();
    for a in &actions {
        let mine: Vec<&ActivityData> = data.iter().filter(|d| d.action_id == Some(a.id)).collect();
        if !mine.is_empty() {
            groups.push((a.code.clone(), a.statement.clone(), mine));
        }
    }
    let unlinked: Vec<&ActivityData> = data.iter().filter(|d| d.action_id.is_none()).collect();
    if !unlinked.is_empty() {
        groups.push((
            "—".into(),
            "Actividades sin acción estratégica vinculada".into(),
            unlinked,
        ));
    }
    let mut by_objective: Vec<(String, String, Vec<&ActivityData>)> = Vec::new();
    for o in &objectives {
        let ids: Vec<i64> = actions
            .iter()
            .filter(|a| a.objective_id == o.id)
            .map(|a| a.id)
            .collect();
        let mine: Vec<&ActivityData> = data
            .iter()
            .filter(|d| d.action_id.is_some_and(|a| ids.contains(&a)))
            .collect();
        if !mine.is_empty() {
            by_objective.push((o.code.clone(), o.statement.clone(), mine));
        }
    }
    let mut totals = Vec::new();
    if !by_objective.is_empty() {
        totals.push(Part::Subheading(t.objectives.to_string()));
        totals.push(group_table(t, &th, &by_objective, (first, cut)));
    }
    if !groups.is_empty() {
        totals.push(Part::Subheading(t.actions.to_string()));
        totals.push(group_table(t, &th, &groups, (first, cut)));
    }
    if totals.is_empty() {
        totals.push(Part::Text("No hay actividades registradas.".into()));
    }
    Ok(Body {
        title: format!("REPORTE DE SEGUIMIENTO DEL {}", name.to_uppercase()),
        subtitle: vec![format!("{} semestre: {span}", capitalised(ordinal))],
        memo: Vec::new(),
        landscape: true,
        sections: numbered(vec![
            ("Resumen".into(), summary),
            (
                format!(
                    "Seguimiento por {} y actividad operativa",
                    t.cost_centre.to_lowercase()
                ),
                detail,
            ),
            (
                format!("Ejecución por {} y {}", t.objective, t.action),
                totals,
            ),
        ]),
        closing: None,
        planner_signs: true,
    })
}

/// One centro de costo: its activities, month by month of the semester.
fn unit_table(
    t: &Terms,
    th: &Thresholds,
    acts: &[&ActivityData],
    action_code: &HashMap<i64, &str>,
    (first, last, cut): (i64, i64, i64),
) -> Part {
    let mut columns = vec![
        col("Código", 11),
        col("Actividad operativa", 34),
        col("Unidad de\nmedida", 14),
    ];
    for m in first..=last {
        let m_name = month_short(m, t.chile);
        columns.push(num(&format!("{m_name}\nP"), 7));
        columns.push(num(&format!("{m_name}\nE"), 7));
    }
    columns.extend([
        num("Total\nP", 8),
        num("Total\nE", 8),
        num("%\nejec.", 8),
        col("Semá-\nforo", 8),
    ]);
    let mut rows = Vec::new();
    let mut pcts = Vec::new();
    for a in acts {
        let code = match a.action_id.and_then(|id| action_code.get(&id)) {
            Some(action) => format!("{}\n{action}", a.code),
            None => a.code.clone(),
        };
        let mut r = vec![code, a.name.clone(), a.measure.clone()];
        for m in first..=last {
            let i = (m - 1) as usize;
            r.push(qty(a.physical[i]));
            r.push(match a.executed_physical[i] {
                Some(v) if m <= cut => qty(v),
                _ => "—".into(),
            });
        }
        let range = (first - 1) as usize..cut as usize;
        let p = activity_percent(a, first, cut);
        pcts.push(p);
        r.extend([
            qty(a.physical[range.clone()].iter().sum()),
            qty(a.executed_physical[range].iter().flatten().sum()),
            pct(p),
            th.light(p).label().to_string(),
        ]);
        rows.push(r);
    }
    let total = compute::physical_rollup(pcts);
    let mut r = vec![
        String::new(),
        format!("Total del {}", t.cost_centre.to_lowercase()),
        String::new(),
    ];
    r.extend(std::iter::repeat_n(
        String::new(),
        2 * (last - first + 1) as usize + 2,
    ));
    r.extend([pct(total), th.light(total).label().to_string()]);
    rows.push(r);
    Part::Table(TablePart {
        columns,
        rows,
        small: true,
    })
}

/// Totals per action or objective over the semester.
fn group_table(
    t: &Terms,
    th: &Thresholds,
    groups: &[(String, String, Vec<&ActivityData>)],
    (first, cut): (i64, i64),
) -> Part {
    let columns = vec![
        col("Código", 11),
        col("Enunciado", 50),
        num("Act.", 6),
        num("% físico\nsemestre", 10),
        num("% físico\nacum.", 10),
        num("Financiero\nprogramado", 17),
        num("Financiero\nejecutado", 17),
        num("% financ.", 9),
        col("Semáforo", 10),
    ];
    let rows = groups
        .iter()
        .map(|(code, statement, acts)| {
            let s = Stretch::of(acts.iter().copied(), first, cut);
            let ytd = Stretch::of(acts.iter().copied(), 1, cut);
            vec![
                code.clone(),
                statement.clone(),
                s.activities.to_string(),
                pct(s.physical),
                pct(ytd.physical),
                t.money(s.programmed),
                t.money(s.executed),
                pct(s.financial()),
                th.light(s.physical).label().to_string(),
            ]
        })
        .collect();
    table(columns, rows)
}

/// A value of an indicator as printed.
fn value(v: Option<f64>) -> String {
    v.map(qty).unwrap_or_else(|| "—".into())
}

/// The yearly Reporte de Seguimiento of the strategic plan `plan`.
pub(super) async fn strategic(
    conn: &mut SqliteConnection,
    t: &Terms,
    plan: &StrategicPlan,
    year: i64,
) -> Result<Body> {
    let th = settings(conn).await?.thresholds;
    let mut all: Vec<&PlanIndicator> = Vec::new();
    let mut sections_detail = Vec::new();
    for o in &plan.objectives {
        sections_detail.push(Part::Subheading(format!("{}: {}", o.code, o.statement)));
        let kind = match o.kind {
            crate::plans::strategic::ObjectiveKind::I => "tipo I",
            crate::plans::strategic::ObjectiveKind::II => "tipo II",
        };
        sections_detail.push(Part::Note(format!(
            "{} {kind}; responsable: {}; prioridad {}.",
            t.objective, o.unit_name, o.priority
        )));
        if !o.actions.is_empty() {
            sections_detail.push(Part::Bullets(
                o.actions
                    .iter()
                    .map(|a| format!("{}: {} (responsable: {})", a.code, a.statement, a.unit_name))
                    .collect(),
            ));
        }
        let mut rows = Vec::new();
        let element = |code: &str, indicators: &[PlanIndicator], rows: &mut Vec<Vec<String>>| {
            if indicators.is_empty() {
                rows.push(vec![
                    code.to_string(),
                    "Sin indicadores registrados".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
            for i in indicators {
                let v = i.values.iter().find(|v| v.year == year);
                let achievement = v.and_then(|v| v.achievement);
                rows.push(vec![
                    code.to_string(),
                    format!("{}\n({})", i.name, i.measure.label()),
                    match (i.baseline_value, i.baseline_year) {
                        (Some(b), Some(y)) => format!("{} ({y})", qty(b)),
                        _ => "—".into(),
                    },
                    value(v.and_then(|v| v.expected)),
                    value(v.and_then(|v| v.actual)),
                    pct(achievement),
                    i.direction.label().to_string(),
                    match th.light(achievement) {
                        Light::SinMeta => "Sin dato".to_string(),
                        l => l.label().to_string(),
                    },
                ]);
            }
        };
        element(&o.code, &o.indicators, &mut rows);
        all.extend(&o.indicators);
        for a in &o.actions {
            element(&a.code, &a.indicators, &mut rows);
            all.extend(&a.indicators);
        }
        sections_detail.push(table(
            vec![
                col("Código", 12),
                col("Indicador", 29),
                num("Línea base", 13),
                num(&format!("Logro\nesperado\n{year}"), 14),
                num(&format!("Valor\nobtenido\n{year}"), 14),
                num("% de\nlogro", 10),
                col("Sentido", 15),
                col("Semáforo", 13),
            ],
            rows,
        ));
    }
    if plan.objectives.is_empty() {
        sections_detail.push(Part::Text("El plan no tiene objetivos registrados.".into()));
    }
    let achievements: Vec<Option<f64>> = all
        .iter()
        .map(|i| {
            i.values
                .iter()
                .find(|v| v.year == year)
                .and_then(|v| v.achievement)
        })
        .collect();
    let with_value = all
        .iter()
        .filter(|i| {
            i.values
                .iter()
                .any(|v| v.year == year && v.actual.is_some())
        })
        .count();
    let count = |l: Light| achievements.iter().filter(|a| th.light(**a) == l).count();
    let actions: usize = plan.objectives.iter().map(|o| o.actions.len()).sum();
    let summary = vec![
        Part::Text(format!(
            "El {} tiene {} {}, {} {} y {} indicadores. {} valor obtenido registrado para \
             {year}.",
            plan.plan.name,
            plan.objectives.len(),
            t.objectives,
            actions,
            t.actions,
            all.len(),
            match with_value {
                0 => "Ninguno tiene".to_string(),
                1 => "Uno tiene".to_string(),
                n => format!("{n} tienen"),
            }
        )),
        table(
            vec![
                col("Logro de los indicadores en el año", 70),
                num("Indicadores", 30),
            ],
            vec![
                vec![
                    format!("Verde (desde {})", pct(Some(th.green))),
                    count(Light::Verde).to_string(),
                ],
                vec![
                    format!("Ámbar (desde {})", pct(Some(th.amber))),
                    count(Light::Ambar).to_string(),
                ],
                vec![
                    format!("Rojo (debajo de {})", pct(Some(th.amber))),
                    count(Light::Rojo).to_string(),
                ],
                vec![
                    "Sin dato (sin logro esperado o sin valor obtenido)".into(),
                    count(Light::SinMeta).to_string(),
                ],
            ],
        ),
        Part::Note(
            "% de logro: valor obtenido ÷ logro esperado × 100 cuando el indicador es \
             creciente; logro esperado ÷ valor obtenido × 100 cuando es decreciente. El sentido \
             se deduce de los logros esperados del plan."
                .into(),
        ),
    ];
    let approved = match (&plan.plan.norm_identifier, &plan.plan.approved_on) {
        (Some(n), Some(d)) => {
            let date = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|d| crate::spanish::long_date(d, t.chile))
                .unwrap_or_else(|_| d.clone());
            format!("; aprobado por {n} el {date}")
        }
        (Some(n), None) => format!("; aprobado por {n}"),
        _ => String::new(),
    };
    Ok(Body {
        title: format!(
            "REPORTE DE SEGUIMIENTO DEL {}",
            plan.plan.name.to_uppercase()
        ),
        subtitle: vec![
            format!("Año {year}"),
            format!("Versión {}{approved}", plan.plan.version),
        ],
        memo: Vec::new(),
        landscape: false,
        sections: numbered(vec![
            ("Resumen".into(), summary),
            ("Seguimiento de los indicadores".into(), sections_detail),
        ]),
        closing: None,
        planner_signs: true,
    })
}
