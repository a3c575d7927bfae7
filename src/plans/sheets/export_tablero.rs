//! The tablero written at a month: the whole plan, each unit, each action and each objective on
//! one filterable table, and the monthly curve on a second sheet.

use rust_xlsxwriter::{Color, Format, FormatAlign, Worksheet, XlsxError};
use sqlx::SqliteConnection;

use super::super::compute::{Light, Thresholds};
use super::super::dashboard::{self, ExecutionProgress};
use super::super::{month_name, store};
use super::export::{
    block, date_text, failed, file_name, frame, head_row, workbook, Built, Styles, HEAD,
};
use crate::context::Ctx;
use crate::error::{Error, Result};

/// The tablero at a month: one table of the whole plan, each unit, each action (AEI) and each
/// objective (OEI), with the month's and the accumulated physical %, the light's word, the
/// financial execution and whether the unit reported; and a sheet with the monthly curve.
pub(super) async fn tablero(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    plan_id: i64,
    month: Option<i64>,
) -> Result<Built> {
    let plan = store::operational(conn, plan_id).await?;
    let month = month.unwrap_or_else(|| dashboard::default_month(plan.year, ctx.today));
    if !(1..=12).contains(&month) {
        return Err(Error::field(
            "month",
            "El mes va de 1 (enero) a 12 (diciembre).",
        ));
    }
    let d = dashboard::build(conn, plan, month).await?;
    let f = frame(conn, ctx).await?;
    let s = Styles::new(f.chile);
    let t: Thresholds = d.thresholds;
    let month_label = format!("{} {}", month_name(month), d.plan.year);
    let mut book = workbook(ctx, &format!("Tablero — {}", d.plan.name))?;
    let ws = book.add_worksheet();
    ws.set_name("Tablero").map_err(failed)?;
    block(
        ws,
        &s,
        &f,
        &[
            format!("Tablero de seguimiento — {}", d.plan.name),
            format!(
                "Ejecución a {} (acumulada desde enero).",
                month_label.to_lowercase()
            ),
            format!(
                "Semáforo: verde desde {} %, ámbar desde {} %, rojo por debajo.",
                t.green, t.amber
            ),
        ],
    )?;
    let head = [
        ("Nivel", 12.0),
        ("Código", 12.0),
        ("Nombre", 44.0),
        ("Actividades", 11.0),
        ("% físico del mes", 11.0),
        ("% físico acumulado", 11.0),
        ("Semáforo", 10.0),
        ("Programado acumulado", 15.0),
        ("Ejecutado acumulado", 15.0),
        ("% financiero", 11.0),
        ("Programado anual", 15.0),
        ("Reporte del mes", 22.0),
    ];
    head_row(ws, &s, &head)?;
    let mut r = HEAD + 1;
    let mut line = |ws: &mut Worksheet,
                    level: &str,
                    code: &str,
                    name: &str,
                    p: &ExecutionProgress,
                    light: Light,
                    report: Option<String>|
     -> std::result::Result<(), XlsxError> {
        let bold = level == "Plan";
        let txt = if bold { &s.bold_text } else { &s.text };
        ws.write_string_with_format(r, 0, level, txt)?;
        ws.write_string_with_format(r, 1, code, txt)?;
        ws.write_string_with_format(r, 2, name, &s.wrap)?;
        ws.write_number_with_format(r, 3, p.activities as f64, &s.integer)?;
        for (c, v) in [(4, p.month_percent), (5, p.accumulated)] {
            match v {
                Some(v) => ws.write_number_with_format(r, c, v / 100.0, &s.percent)?,
                None => ws.write_blank(r, c, &s.text)?,
            };
        }
        ws.write_string_with_format(r, 6, light.label(), &light_format(&s, light))?;
        for (c, cents) in [
            (7, p.financial_programmed),
            (8, p.financial_executed),
            (10, p.financial_annual),
        ] {
            ws.write_number_with_format(r, c, cents as f64 / 100.0, &s.money)?;
        }
        match p.financial_percent {
            Some(v) => ws.write_number_with_format(r, 9, v / 100.0, &s.percent)?,
            None => ws.write_blank(r, 9, &s.text)?,
        };
        ws.write_string_with_format(r, 11, report.unwrap_or_default(), &s.text)?;
        r += 1;
        Ok(())
    };
    line(ws, "Plan", "", &d.plan.name, &d.total, d.light, None).map_err(failed)?;
    for u in &d.units {
        let report = Some(match &u.reported {
            Some(rep) if rep.late => format!("Tardío, {}", date_text(&rep.reported_on)),
            Some(rep) => format!("A tiempo, {}", date_text(&rep.reported_on)),
            None => "No reportó".to_string(),
        });
        line(ws, "Unidad", &u.code, &u.name, &u.progress, u.light, report).map_err(failed)?;
    }
    for a in &d.actions {
        line(ws, "AEI", &a.code, &a.statement, &a.progress, a.light, None).map_err(failed)?;
    }
    for o in &d.objectives {
        line(ws, "OEI", &o.code, &o.statement, &o.progress, o.light, None).map_err(failed)?;
    }
    let rows = (r - HEAD - 1) as i64;
    ws.autofilter(HEAD, 0, r - 1, 11).map_err(failed)?;
    ws.set_freeze_panes(HEAD + 1, 3).map_err(failed)?;
    ws.set_landscape();

    let ws = book.add_worksheet();
    ws.set_name("Curva mensual").map_err(failed)?;
    block(
        ws,
        &s,
        &f,
        &[
            format!("Curva de ejecución — {}", d.plan.name),
            format!("Hasta {}.", month_label.to_lowercase()),
            "Programado y ejecutado financiero por mes y acumulado; % físico del mes.".to_string(),
        ],
    )?;
    let head = [
        "Mes",
        "Programado",
        "Ejecutado",
        "Programado acumulado",
        "Ejecutado acumulado",
        "% físico del mes",
    ];
    for (c, name) in head.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, *name, &s.head)
            .map_err(failed)?;
        ws.set_column_width(c as u16, if c == 0 { 12.0 } else { 15.0 })
            .map_err(failed)?;
    }
    for (i, pt) in d.curve.iter().enumerate() {
        let r = HEAD + 1 + i as u32;
        ws.write_string_with_format(r, 0, month_name(pt.month), &s.text)
            .map_err(failed)?;
        let cells = [
            (1, Some(pt.programmed)),
            (2, pt.executed),
            (3, Some(pt.programmed_accumulated)),
            (4, pt.executed_accumulated),
        ];
        for (c, v) in cells {
            match v {
                Some(cents) => ws.write_number_with_format(r, c, cents as f64 / 100.0, &s.money),
                None => ws.write_blank(r, c, &s.text),
            }
            .map_err(failed)?;
        }
        match pt.physical_percent {
            Some(v) => ws.write_number_with_format(r, 5, v / 100.0, &s.percent),
            None => ws.write_blank(r, 5, &s.text),
        }
        .map_err(failed)?;
    }
    ws.set_freeze_panes(HEAD + 1, 1).map_err(failed)?;
    let bytes = book.save_to_buffer().map_err(failed)?;
    Ok((
        file_name(&format!("Tablero {} {month_label}", d.plan.name)),
        bytes,
        rows,
    ))
}

/// The light's word on its colour.
fn light_format(s: &Styles, light: Light) -> Format {
    let (r, g, b) = light.rgb();
    let rgb = ((r * 255.0) as u32) << 16 | ((g * 255.0) as u32) << 8 | (b * 255.0) as u32;
    s.text
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_font_color(Color::RGB(0xFFFFFF))
        .set_background_color(Color::RGB(rgb))
}
