//! The plans written as .xlsx. Every sheet opens with a block naming the municipality, the plan,
//! its version and the date, then a bold header frozen in place with the first columns; numbers
//! are numbers (money with two decimals, percentages as percentages), so the file adds up in any
//! spreadsheet. Here: what every workbook shares, and the POI — whose first sheet is also the
//! shape `plan.import` reads back; the PEI matrix and the tablero have files of their own.

use rust_xlsxwriter::{Formula, Worksheet};
use sqlx::SqliteConnection;

use super::super::operational::{GoalKind, OperationalKind, OperationalStatus};
use super::super::{month_name, store};
use super::grid::column_letter;
use crate::context::Ctx;
use crate::error::{Error, Result};
pub(super) use crate::xlsx::{
    block, date_text, failed, file_name, frame, head_row, workbook, Styles, HEAD,
};

/// A file: its proposed name, its bytes and its data rows.
pub(super) type Built = (String, Vec<u8>, i64);

/// A column of a two-row header: its name, its sub-headers (none: one column spanning both
/// rows) and the width of each of its columns.
pub(super) type Column = (String, Vec<String>, f64);

/// A single column of a two-row header.
pub(super) fn single(name: &str, width: f64) -> Column {
    (name.to_string(), Vec::new(), width)
}

/// A group of columns under one name.
pub(super) fn group(name: &str, subs: &[&str], width: f64) -> Column {
    (
        name.to_string(),
        subs.iter().map(|s| s.to_string()).collect(),
        width,
    )
}

/// A two-row header at [`HEAD`]: a single column spans both rows; a group spans its
/// sub-headers.
pub(super) fn two_row_head(ws: &mut Worksheet, s: &Styles, columns: &[Column]) -> Result<()> {
    let mut col: u16 = 0;
    for (name, subs, width) in columns {
        if subs.is_empty() {
            ws.merge_range(HEAD, col, HEAD + 1, col, name, &s.head)
                .map_err(failed)?;
            ws.set_column_width(col, *width).map_err(failed)?;
            col += 1;
            continue;
        }
        let last = col + subs.len() as u16 - 1;
        if last > col {
            ws.merge_range(HEAD, col, HEAD, last, name, &s.head)
                .map_err(failed)?;
        } else {
            ws.write_string_with_format(HEAD, col, name, &s.head)
                .map_err(failed)?;
        }
        for (i, sub) in subs.iter().enumerate() {
            ws.write_string_with_format(HEAD + 1, col + i as u16, sub, &s.head)
                .map_err(failed)?;
            ws.set_column_width(col + i as u16, *width)
                .map_err(failed)?;
        }
        col = last + 1;
    }
    ws.set_row_height(HEAD, 30).map_err(failed)?;
    Ok(())
}

/// The POI: "Metas físicas" (the sheet `plan.import` reads) and "Metas financieras", one row per
/// activity with its centro de costo, AEI, code, name, unit of measure and funding, then each
/// month's programmed / executed pair, the annual totals and the % executed.
pub(super) async fn poi(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    plan_id: i64,
    version: Option<i64>,
) -> Result<Built> {
    let plan = store::operational(conn, plan_id).await?;
    let version = version.unwrap_or(plan.version);
    if !(1..=plan.version).contains(&version) {
        return Err(Error::field(
            "version",
            format!(
                "Las versiones de la programación van de 1 a {}.",
                plan.version
            ),
        ));
    }
    let programme = store::programmes(conn, plan_id)
        .await?
        .into_iter()
        .find(|g| g.version == version);
    let rows = store::activity_page(conn, &plan, version, None, 0, -1).await?;
    let f = frame(conn, ctx).await?;
    let s = Styles::new(f.chile);
    let title = match (plan.kind, f.chile) {
        (OperationalKind::Pmg, _) => "Programa de Mejoramiento de la Gestión",
        (OperationalKind::Poi, true) => "Plan Anual de Acción Municipal",
        (OperationalKind::Poi, false) => "Plan Operativo Institucional",
    };
    let status = match (plan.status, plan.norm_id) {
        (OperationalStatus::Aprobado, Some(n)) => format!(
            "Aprobado con {} el {}",
            crate::norms::identifier_of(conn, n)
                .await?
                .unwrap_or_default(),
            date_text(plan.approved_on.as_deref().unwrap_or(""))
        ),
        (OperationalStatus::Aprobado, None) => "Aprobado".to_string(),
        (OperationalStatus::Formulacion, _) => "En formulación".to_string(),
    };
    let version_line = match &programme {
        Some(g) => format!(
            "Programación: versión {version} — {} ({}). {status}.",
            g.reason,
            date_text(&g.decided_on)
        ),
        None => format!("Programación: versión {version}. {status}."),
    };
    let pmg = plan.kind == OperationalKind::Pmg;
    let mut columns = vec![
        single("Cód. centro de costo", 11.0),
        single("Centro de costo", 28.0),
        single("Cód. AEI", 12.0),
        single("Cód. actividad", 13.0),
        single("Actividad operativa", 46.0),
        single("Unidad de medida", 16.0),
        single("Fuente de financiamiento", 18.0),
    ];
    if pmg {
        columns.push(single("Tipo de meta", 13.0));
    }
    let first_month = columns.len() as u16;
    columns.extend((1..=12).map(|m| group(month_name(m), &["Prog.", "Ejec."], 9.5)));
    columns.push(group("Total anual", &["Prog.", "Ejec."], 11.0));
    columns.push(single("% Ejec.", 8.0));
    let currency = if f.chile { "$" } else { "S/" };

    let mut book = workbook(ctx, &format!("{title} — {}", plan.name))?;
    for money in [false, true] {
        let mut ws = Worksheet::new();
        ws.set_name(if money {
            "Metas financieras"
        } else {
            "Metas físicas"
        })
        .map_err(failed)?;
        block(
            &mut ws,
            &s,
            &f,
            &[
                format!("{title}: {} ({})", plan.name, plan.year),
                version_line.clone(),
                if money {
                    format!("Metas y ejecución financieras, en {currency}.")
                } else {
                    "Metas y ejecución físicas, en la unidad de medida de cada actividad."
                        .to_string()
                },
            ],
        )?;
        two_row_head(&mut ws, &s, &columns)?;
        for (i, a) in rows.iter().enumerate() {
            let r = HEAD + 2 + i as u32;
            let texts = [
                a.unit_code.as_str(),
                &a.unit_name,
                a.action_code.as_deref().unwrap_or(""),
                &a.code,
                &a.name,
                &a.measure,
                &a.funding,
            ];
            for (c, t) in texts.into_iter().enumerate() {
                let fmt = if c == 1 || c == 4 { &s.wrap } else { &s.text };
                ws.write_string_with_format(r, c as u16, t, fmt)
                    .map_err(failed)?;
            }
            if pmg {
                let kind = match a.goal_kind {
                    Some(GoalKind::Institucional) => "Institucional",
                    Some(GoalKind::Colectiva) => "Colectiva",
                    None => "",
                };
                ws.write_string_with_format(r, 7, kind, &s.text)
                    .map_err(failed)?;
            }
            let (mut prog, mut exec) = (0.0, 0.0);
            for m in 0..12 {
                let c = first_month + 2 * m as u16;
                let (p, e) = if money {
                    (
                        a.financial[m] as f64 / 100.0,
                        a.executed_financial[m].map(|v| v as f64 / 100.0),
                    )
                } else {
                    (a.physical[m], a.executed_physical[m])
                };
                let pf = if money { &s.money } else { s.quantity(p) };
                ws.write_number_with_format(r, c, p, pf).map_err(failed)?;
                match e {
                    Some(e) => {
                        let ef = if money { &s.money } else { s.quantity(e) };
                        ws.write_number_with_format(r, c + 1, e, ef)
                            .map_err(failed)?
                    }
                    None => ws.write_blank(r, c + 1, &s.text).map_err(failed)?,
                };
                prog += p;
                exec += e.unwrap_or(0.0);
            }
            let total = first_month + 24;
            let sum = |offset: u16| {
                (0..12)
                    .map(|m| {
                        format!(
                            "{}{}",
                            column_letter((first_month + 2 * m + offset) as usize),
                            r + 1
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            };
            let total_fmt = |v: f64| if money { &s.money } else { s.quantity(v) };
            ws.write_formula_with_format(
                r,
                total,
                Formula::new(format!("={}", sum(0))).set_result(prog.to_string()),
                total_fmt(prog),
            )
            .map_err(failed)?;
            ws.write_formula_with_format(
                r,
                total + 1,
                Formula::new(format!("={}", sum(1))).set_result(exec.to_string()),
                total_fmt(exec),
            )
            .map_err(failed)?;
            let (pc, ec) = (
                format!("{}{}", column_letter(total as usize), r + 1),
                format!("{}{}", column_letter(total as usize + 1), r + 1),
            );
            let ratio = (prog > 0.0).then(|| exec / prog);
            ws.write_formula_with_format(
                r,
                total + 2,
                Formula::new(format!("=IF({pc}>0,{ec}/{pc},\"\")"))
                    .set_result(ratio.map(|v| v.to_string()).unwrap_or_default()),
                &s.percent,
            )
            .map_err(failed)?;
        }
        ws.set_freeze_panes(HEAD + 2, 5).map_err(failed)?;
        ws.set_landscape();
        ws.set_repeat_rows(HEAD, HEAD + 1).map_err(failed)?;
        book.push_worksheet(ws);
    }
    let bytes = book.save_to_buffer().map_err(failed)?;
    Ok((
        file_name(&format!("{} v{version}", plan.name)),
        bytes,
        rows.len() as i64,
    ))
}
