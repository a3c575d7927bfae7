//! The strategic plan written as its matrix (Anexo B-2), one row per indicator.

use rust_xlsxwriter::Worksheet;
use sqlx::SqliteConnection;

use super::super::store;
use super::super::strategic::{self, PlanIndicator, StrategicStatus};
use super::export::{
    block, date_text, failed, file_name, frame, group, single, two_row_head, workbook, Built,
    Styles, HEAD,
};
use crate::context::Ctx;
use crate::error::Result;

/// The strategic plan's matrix (Anexo B-2): one row per indicator of each objective and action
/// (one row without indicator when it has none), in the tree's order — each action under its
/// objective, the order `plan.import` reads back.
pub(super) async fn pei(conn: &mut SqliteConnection, ctx: &Ctx, plan_id: i64) -> Result<Built> {
    let plan = strategic::load(conn, plan_id).await?;
    let labels = store::unit_labels(conn).await?;
    let unit_code = |id: i64| labels.get(&id).map(|l| l.0.clone()).unwrap_or_default();
    let f = frame(conn, ctx).await?;
    let s = Styles::new(f.chile);
    let p = &plan.plan;
    let title = if f.chile {
        "Plan de Desarrollo Comunal"
    } else {
        "Plan Estratégico Institucional"
    };
    let status = match p.status {
        StrategicStatus::Borrador => "En borrador".to_string(),
        StrategicStatus::Vigente | StrategicStatus::Reemplazado => format!(
            "{} — aprobado con {} el {}",
            if p.status == StrategicStatus::Vigente {
                "Vigente"
            } else {
                "Reemplazado"
            },
            p.norm_identifier.clone().unwrap_or_default(),
            date_text(p.approved_on.as_deref().unwrap_or(""))
        ),
    };
    let years: Vec<i64> = (p.first_year..=p.last_year).collect();
    let year_names: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let year_refs: Vec<&str> = year_names.iter().map(String::as_str).collect();
    let columns = vec![
        single("Nivel", 7.0),
        single("Código", 12.0),
        single("Enunciado", 44.0),
        single("Tipo", 6.0),
        single("Prioridad", 9.0),
        single("Indicador", 36.0),
        single("Unidad de medida", 13.0),
        single("Método de cálculo", 30.0),
        single("Fuente de datos", 22.0),
        group("Línea base", &["Valor", "Año"], 9.0),
        group("Logros esperados", &year_refs, 9.0),
        group("Valores obtenidos", &year_refs, 9.0),
        single("Cód. unidad responsable", 12.0),
        single("Unidad responsable", 30.0),
    ];
    let mut book = workbook(ctx, &format!("{title} — {}", p.name))?;
    let ws = book.add_worksheet();
    ws.set_name("Matriz PEI").map_err(failed)?;
    block(
        ws,
        &s,
        &f,
        &[
            format!("{title}: {} ({}–{})", p.name, p.first_year, p.last_year),
            format!("Versión {}. {status}.", p.version),
            "Matriz de objetivos y acciones estratégicas con sus indicadores (Anexo B-2)."
                .to_string(),
        ],
    )?;
    two_row_head(ws, &s, &columns)?;
    struct Element<'a> {
        level: &'a str,
        code: &'a str,
        statement: &'a str,
        kind: &'a str,
        priority: i64,
        unit_id: i64,
        unit_name: &'a str,
        indicators: &'a [PlanIndicator],
    }
    let mut elements = Vec::new();
    for o in &plan.objectives {
        elements.push(Element {
            level: "OEI",
            code: &o.code,
            statement: &o.statement,
            kind: match o.kind {
                strategic::ObjectiveKind::I => "I",
                strategic::ObjectiveKind::II => "II",
            },
            priority: o.priority,
            unit_id: o.unit_id,
            unit_name: &o.unit_name,
            indicators: &o.indicators,
        });
        for a in &o.actions {
            elements.push(Element {
                level: "AEI",
                code: &a.code,
                statement: &a.statement,
                kind: "",
                priority: a.priority,
                unit_id: a.unit_id,
                unit_name: &a.unit_name,
                indicators: &a.indicators,
            });
        }
    }
    let mut r = HEAD + 2;
    let n = years.len() as u16;
    for e in &elements {
        let none = [None];
        let list: Vec<Option<&PlanIndicator>> = if e.indicators.is_empty() {
            none.to_vec()
        } else {
            e.indicators.iter().map(Some).collect()
        };
        for ind in list {
            let level_fmt = if e.level == "OEI" {
                &s.bold_text
            } else {
                &s.text
            };
            let texts = [e.level, e.code, e.statement, e.kind];
            for (c, t) in texts.iter().enumerate() {
                let fmt = if c == 2 { &s.wrap } else { level_fmt };
                ws.write_string_with_format(r, c as u16, *t, fmt)
                    .map_err(failed)?;
            }
            ws.write_number_with_format(r, 4, e.priority as f64, &s.integer)
                .map_err(failed)?;
            let number = |ws: &mut Worksheet, c: u16, v: Option<f64>| match v {
                Some(v) => ws
                    .write_number_with_format(r, c, v, s.quantity(v))
                    .map(|_| ()),
                None => ws.write_blank(r, c, &s.text).map(|_| ()),
            };
            match ind {
                Some(i) => {
                    ws.write_string_with_format(r, 5, &i.name, &s.wrap)
                        .map_err(failed)?;
                    ws.write_string_with_format(r, 6, i.measure.label(), &s.text)
                        .map_err(failed)?;
                    ws.write_string_with_format(r, 7, &i.method, &s.wrap)
                        .map_err(failed)?;
                    ws.write_string_with_format(r, 8, &i.source, &s.wrap)
                        .map_err(failed)?;
                    number(ws, 9, i.baseline_value).map_err(failed)?;
                    match i.baseline_year {
                        Some(y) => ws.write_number_with_format(r, 10, y as f64, &s.text),
                        None => ws.write_blank(r, 10, &s.text),
                    }
                    .map_err(failed)?;
                    for (k, v) in i.values.iter().enumerate() {
                        number(ws, 11 + k as u16, v.expected).map_err(failed)?;
                        number(ws, 11 + n + k as u16, v.actual).map_err(failed)?;
                    }
                }
                None => {
                    for c in 5..11 + 2 * n {
                        ws.write_blank(r, c, &s.text).map_err(failed)?;
                    }
                }
            }
            ws.write_string_with_format(r, 11 + 2 * n, unit_code(e.unit_id), &s.text)
                .map_err(failed)?;
            ws.write_string_with_format(r, 12 + 2 * n, e.unit_name, &s.wrap)
                .map_err(failed)?;
            r += 1;
        }
    }
    ws.set_freeze_panes(HEAD + 2, 3).map_err(failed)?;
    ws.set_landscape();
    let rows = (r - HEAD - 2) as i64;
    let bytes = book.save_to_buffer().map_err(failed)?;
    Ok((
        file_name(&format!("{} v{}", p.name, p.version)),
        bytes,
        rows,
    ))
}
