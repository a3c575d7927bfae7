//! The monthly report of the Gerencia Municipal (Administración Municipal) to the alcalde: a
//! memorandum with the plan's execution at the month (summary, per unit, per objective and
//! action of the strategic plan), the units that did not report and what the units commented.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::charts;
use super::content::{
    col, lights_note, manager, money_of, num, numbered, operational_name, pct, since_january,
    strategic_tables, table, units_count, Body, MemoLine, Part, TablePart, Terms,
};
use crate::context::Ctx;
use crate::error::Result;
use crate::followup::{MonthSummary, UnitLine};
use crate::plans::dashboard::{self, Dashboard, UnitProgress};
use crate::plans::execution::closes_on;
use crate::plans::operational::OperationalSummary;
use crate::plans::{month_name, settings};
use crate::spanish;

/// The monthly report of `plan` at `month`.
pub(super) async fn build(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    t: &Terms,
    plan: OperationalSummary,
    month: i64,
) -> Result<Body> {
    let s = settings(conn).await?;
    let cal = crate::calendar::load(conn).await?;
    let closes = closes_on(&cal, plan.year, month, s.month_close);
    let name = operational_name(t, &plan);
    let when = format!("{} de {}", month_name(month).to_lowercase(), plan.year);
    let desk = crate::followup::month_summary(conn, plan.year, month, ctx.today).await?;
    let d = dashboard::build(conn, plan, month).await?;
    let alcalde = crate::norms::alcalde(conn, ctx.today).await?;
    let from = manager(conn, ctx, t).await?;
    let memo = vec![
        MemoLine {
            label: "A:".into(),
            text: match alcalde {
                Some(a) => format!("{}\n{}", a.name, a.cargo),
                None => "Alcalde".into(),
            },
        },
        MemoLine {
            label: "DE:".into(),
            text: match from {
                Some(m) => format!("{}\n{}", m.name, m.cargo),
                None => t.manager.to_string(),
            },
        },
        MemoLine {
            label: "ASUNTO:".into(),
            text: format!("Ejecución del {name} al mes de {when}"),
        },
    ];
    let sections = numbered(vec![
        ("Resumen".into(), summary(t, &d, &name, &when)),
        (
            format!("Ejecución por {}", t.unit.to_lowercase()),
            units(t, &d),
        ),
        (
            format!(
                "Ejecución por {} y {}",
                t.objectives.to_lowercase(),
                t.actions.to_lowercase()
            )
            .replace("(oei)", "(OEI)")
            .replace("(aei)", "(AEI)"),
            strategic_tables(t, &d, true),
        ),
        (
            format!("{} que no reportaron", capitalised(t.units)),
            missing(t, &d, &when, closes, ctx.today),
        ),
        (
            format!("Comentarios de las {}", t.units),
            comments(t, &d.units, &when),
        ),
        (
            "Seguimiento de acuerdos y encargos".into(),
            follow_up_desk(t, &desk, &when),
        ),
    ]);
    Ok(Body {
        title: format!(
            "INFORME MENSUAL DE LA {} AL ALCALDE",
            t.management.to_uppercase()
        ),
        subtitle: vec![format!("{name} — {}", capitalised(&when))],
        memo,
        landscape: false,
        sections,
        closing: Some(
            "Es cuanto informo a usted para su conocimiento y fines consiguientes.".into(),
        ),
        planner_signs: false,
    })
}

/// "1 actividad", "28 actividades".
pub(super) fn activities(n: i64) -> String {
    if n == 1 {
        "1 actividad".into()
    } else {
        format!("{n} actividades")
    }
}

/// The text with its first letter in upper case.
pub(super) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn summary(t: &Terms, d: &Dashboard, name: &str, when: &str) -> Vec<Part> {
    let reported = d.units.iter().filter(|u| u.reported.is_some()).count();
    let late = d
        .units
        .iter()
        .filter(|u| u.reported.as_ref().is_some_and(|r| r.late))
        .count();
    let total = d.units.len();
    if total == 0 {
        return vec![Part::Text(format!(
            "El {name} no tiene actividades registradas: no hay ejecución que informar."
        ))];
    }
    let text = format!(
        "Al mes de {when}, el {name} ({acts} de {units}) registra una ejecución física \
         acumulada de {acc} y una ejecución financiera acumulada de {fin}. En el mes, la \
         ejecución física fue de {month}. El semáforo del plan está en {light}.",
        acts = activities(d.total.activities),
        units = units_count(t, total),
        acc = pct(d.total.accumulated),
        fin = money_of(t, &d.total),
        month = pct(d.total.month_percent),
        light = d.light.label().to_lowercase(),
    );
    let rows = vec![
        vec![
            format!("Ejecución física del mes ({when})"),
            pct(d.total.month_percent),
        ],
        vec![
            "Ejecución física acumulada (desde enero)".into(),
            pct(d.total.accumulated),
        ],
        vec![
            "Ejecución financiera acumulada".into(),
            money_of(t, &d.total),
        ],
        vec![
            "Presupuesto anual de las actividades".into(),
            t.money(d.total.financial_annual),
        ],
        vec!["Semáforo del plan".into(), d.light.label().to_string()],
        vec![
            format!("{} que reportaron", capitalised(t.units)),
            if late > 0 {
                format!("{reported} de {total} ({late} fuera de plazo)")
            } else {
                format!("{reported} de {total}")
            },
        ],
        vec![
            format!("{} que no reportaron", capitalised(t.units)),
            (total - reported).to_string(),
        ],
    ];
    vec![
        Part::Text(text),
        table(vec![col("Concepto", 55), num("Valor", 45)], rows),
        lights_note(&d.thresholds),
        Part::Curve(charts::money_curve(t, d)),
    ]
}

fn units(t: &Terms, d: &Dashboard) -> Vec<Part> {
    let span = since_january(d.month, d.plan.year);
    if d.units.is_empty() {
        return vec![Part::Text("No hay actividades registradas.".into())];
    }
    let columns = vec![
        col(t.unit, 31),
        num("Act.", 6),
        num("% del\nmes", 9),
        num("% físico\nacum.", 10),
        num("Financiero\nprogramado", 17),
        num("Financiero\nejecutado", 17),
        num("% financ.", 10),
        col("Semáforo", 13),
    ];
    let row = |label: String, p: &dashboard::ExecutionProgress, light: &str| {
        vec![
            label,
            p.activities.to_string(),
            pct(p.month_percent),
            pct(p.accumulated),
            t.money(p.financial_programmed),
            t.money(p.financial_executed),
            pct(p.financial_percent),
            light.to_string(),
        ]
    };
    let mut rows: Vec<Vec<String>> = d
        .units
        .iter()
        .map(|u| row(u.name.clone(), &u.progress, u.light.label()))
        .collect();
    rows.push(row("Total del plan".into(), &d.total, d.light.label()));
    vec![
        Part::Bars(charts::units_bars(t, d, &span)),
        table(columns, rows),
        Part::Note(format!(
            "La ejecución física y la financiera son acumuladas ({span}), con la programación \
             vigente."
        )),
    ]
}

fn long_date(iso: &str, chile: bool) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| spanish::long_date(d, chile))
        .unwrap_or_else(|_| iso.to_string())
}

fn missing(t: &Terms, d: &Dashboard, when: &str, closes: NaiveDate, today: NaiveDate) -> Vec<Part> {
    let deadline = format!(
        "El plazo para reportar la ejecución de {when} {} el {}.",
        if closes < today { "venció" } else { "vence" },
        spanish::long_date(closes, t.chile)
    );
    let mut out = Vec::new();
    if d.missing.is_empty() {
        out.push(Part::Text(format!(
            "{deadline} Todas las {} con actividades reportaron.",
            t.units
        )));
    } else {
        out.push(Part::Text(format!(
            "{deadline} {} {} de {}:",
            if d.missing.len() == 1 {
                "No reportó"
            } else {
                "No reportaron"
            },
            d.missing.len(),
            d.units.len()
        )));
        out.push(table(
            vec![
                col("Código", 14),
                col(t.unit, 56),
                num("Actividades", 15),
                num("% físico\nacum.", 15),
            ],
            d.missing
                .iter()
                .map(|u| {
                    vec![
                        u.code.clone(),
                        u.name.clone(),
                        u.progress.activities.to_string(),
                        pct(u.progress.accumulated),
                    ]
                })
                .collect(),
        ));
    }
    let late: Vec<String> = d
        .units
        .iter()
        .filter_map(|u| {
            let r = u.reported.as_ref().filter(|r| r.late)?;
            Some(format!(
                "{} ({})",
                u.name,
                long_date(&r.reported_on, t.chile)
            ))
        })
        .collect();
    if !late.is_empty() {
        out.push(Part::Text(format!(
            "Reportaron fuera de plazo: {}.",
            late.join("; ")
        )));
    }
    out
}

fn comments(t: &Terms, units: &[UnitProgress], when: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| !u.comments.is_empty()) {
        out.push(Part::Subheading(u.name.clone()));
        out.push(Part::Bullets(u.comments.clone()));
    }
    if out.is_empty() {
        out.push(Part::Text(format!(
            "Las {} no registraron comentarios sobre la ejecución de {when}.",
            t.units
        )));
    }
    out
}

/// The follow-up desk in the month: per unit, the encargos open and overdue at its end,
/// received and attended in it; the most overdue; the month's information requests.
fn follow_up_desk(t: &Terms, s: &MonthSummary, when: &str) -> Vec<Part> {
    let at = if s.closed {
        format!("al cierre de {when}")
    } else {
        format!("al {}", spanish::long_date(s.as_of, t.chile))
    };
    let mut out = Vec::new();
    if s.units.is_empty() {
        out.push(Part::Text(format!(
            "No hay encargos en seguimiento {at}: ninguno abierto ni atendido en el mes."
        )));
    } else {
        let received = match s.total.received {
            0 => "no se recibieron encargos".to_string(),
            1 => "se recibió 1 encargo".to_string(),
            n => format!("se recibieron {n} encargos"),
        };
        let attended = match s.total.attended {
            0 => "no se atendió ninguno".to_string(),
            1 => "se atendió 1".to_string(),
            n => format!("se atendieron {n}"),
        };
        let open = match (s.total.open, s.total.overdue) {
            (0, _) => "no queda ninguno abierto".to_string(),
            (1, 0) => "queda 1 abierto, en plazo".to_string(),
            (1, _) => "queda 1 abierto, con el plazo vencido".to_string(),
            (n, 0) => format!("quedan {n} abiertos, todos en plazo"),
            (n, v) => format!("quedan {n} abiertos, {v} de ellos con el plazo vencido"),
        };
        out.push(Part::Text(format!(
            "En {when} {received} y {attended}. {} {open}.",
            capitalised(&at)
        )));
        let row = |u: &UnitLine| {
            vec![
                u.unit_name.clone(),
                u.open.to_string(),
                u.received.to_string(),
                u.attended.to_string(),
                u.overdue.to_string(),
            ]
        };
        let mut rows: Vec<Vec<String>> = s.units.iter().map(row).collect();
        rows.push(row(&s.total));
        out.push(table(
            vec![
                col(t.unit, 44),
                num("Abiertos\nal cierre", 14),
                num("Recibidos\nen el mes", 14),
                num("Atendidos\nen el mes", 14),
                num("Vencidos\nal cierre", 14),
            ],
            rows,
        ));
    }
    if !s.overdue.is_empty() {
        out.push(Part::Subheading(
            if s.overdue_count > s.overdue.len() as i64 {
                format!(
                    "Encargos vencidos: los {} más atrasados de {}",
                    s.overdue.len(),
                    s.overdue_count
                )
            } else {
                "Encargos vencidos".to_string()
            },
        ));
        out.push(Part::Table(TablePart {
            columns: vec![
                col("Número", 17),
                col("Fuente", 21),
                col("Encargo", 29),
                col(t.unit, 18),
                col("Venció", 10),
                num("Días de\natraso", 8),
            ],
            rows: s
                .overdue
                .iter()
                .map(|o| {
                    vec![
                        o.number.clone(),
                        o.source.clone(),
                        o.subject.clone(),
                        o.unit_name.clone(),
                        NaiveDate::parse_from_str(&o.due_on, "%Y-%m-%d")
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_else(|_| o.due_on.clone()),
                        o.days_overdue.to_string(),
                    ]
                })
                .collect(),
            small: true,
        }));
    }
    if s.requests_received > 0 {
        out.push(Part::Text(format!(
            "Solicitudes de acceso a la información recibidas en el mes: {}; respondidas: {}{}; \
             pendientes a la fecha: {}.",
            s.requests_received,
            s.requests_answered,
            if s.requests_late > 0 {
                format!(" ({} fuera de plazo)", s.requests_late)
            } else {
                String::new()
            },
            s.requests_pending
        )));
    }
    out
}
