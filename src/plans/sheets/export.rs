//! The plans written as .xlsx. Every sheet opens with a block naming the municipality, the plan,
//! its version and the date, then a bold header frozen in place with the first columns; numbers
//! are numbers (money with two decimals, percentages as percentages), so the file adds up in any
//! spreadsheet. The first sheet of the POI is also the shape `plan.import` reads back.

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};
use sqlx::SqliteConnection;

use super::super::compute::{Light, Thresholds};
use super::super::dashboard::{self, ExecutionProgress};
use super::super::operational::{GoalKind, OperationalKind, OperationalStatus};
use super::super::strategic::{self, PlanIndicator, StrategicStatus};
use super::super::{month_name, store};
use super::grid::column_letter;
use crate::context::Ctx;
use crate::error::{Error, Result};

/// A file: its proposed name, its bytes and its data rows.
pub(super) type Built = (String, Vec<u8>, i64);

/// The first row of the header of every table (after the block on top).
const HEAD: u32 = 6;

/// The formats of a workbook.
struct Styles {
    title: Format,
    note: Format,
    head: Format,
    text: Format,
    wrap: Format,
    integer: Format,
    decimal: Format,
    money: Format,
    percent: Format,
    bold_text: Format,
}

impl Styles {
    fn new(chile: bool) -> Styles {
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin);
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_italic(),
            head,
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format("#,##0"),
            decimal: cell.clone().set_num_format("#,##0.00"),
            money: cell
                .clone()
                .set_num_format(if chile { "#,##0" } else { "#,##0.00" }),
            percent: cell.clone().set_num_format("0.0%"),
            bold_text: cell.set_bold(),
        }
    }

    /// A quantity: whole numbers without decimals, others with two.
    fn quantity(&self, v: f64) -> &Format {
        if v.fract() == 0.0 {
            &self.integer
        } else {
            &self.decimal
        }
    }

    /// The light's word on its colour.
    fn light(&self, light: Light) -> Format {
        let (r, g, b) = light.rgb();
        let rgb = ((r * 255.0) as u32) << 16 | ((g * 255.0) as u32) << 8 | (b * 255.0) as u32;
        self.text
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_font_color(Color::RGB(0xFFFFFF))
            .set_background_color(Color::RGB(rgb))
    }
}

fn failed(e: XlsxError) -> Error {
    Error::Internal(format!("No se pudo generar la hoja de cálculo: {e}."))
}

/// What every sheet's block on top says.
struct Frame {
    municipality: String,
    chile: bool,
    date: String,
}

async fn frame(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<Frame> {
    let m = crate::municipality::find(conn).await?;
    Ok(Frame {
        chile: m.as_ref().is_some_and(|m| m.country == "CL"),
        municipality: m.map(|m| m.name).unwrap_or_default(),
        date: ctx.today.format("%d/%m/%Y").to_string(),
    })
}

/// A workbook stamped with the request's instant (never the machine's clock).
fn workbook(ctx: &Ctx, title: &str) -> Result<Workbook> {
    let now = ctx.now.naive_utc();
    let created = ExcelDateTime::from_ymd(now.year() as u16, now.month() as u8, now.day() as u8)
        .and_then(|d| d.and_hms(now.hour() as u16, now.minute() as u8, now.second()))
        .map_err(failed)?;
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(format!("Cabildo — {}", ctx.actor.login))
            .set_creation_datetime(&created),
    );
    Ok(book)
}

/// The block on top: municipality, then `lines`, then the date.
fn block(ws: &mut Worksheet, s: &Styles, f: &Frame, lines: &[String]) -> Result<()> {
    ws.write_string_with_format(0, 0, &f.municipality, &s.title)
        .map_err(failed)?;
    for (i, l) in lines.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, l).map_err(failed)?;
    }
    ws.write_string_with_format(
        1 + lines.len() as u32,
        0,
        format!("Emitido el {}", f.date),
        &s.note,
    )
    .map_err(failed)?;
    Ok(())
}

/// A column of a two-row header: its name, its sub-headers (none: one column spanning both
/// rows) and the width of each of its columns.
type Column = (String, Vec<String>, f64);

/// A single column of a two-row header.
fn single(name: &str, width: f64) -> Column {
    (name.to_string(), Vec::new(), width)
}

/// A group of columns under one name.
fn group(name: &str, subs: &[&str], width: f64) -> Column {
    (
        name.to_string(),
        subs.iter().map(|s| s.to_string()).collect(),
        width,
    )
}

/// A two-row header at [`HEAD`]: a single column spans both rows; a group spans its
/// sub-headers.
fn two_row_head(ws: &mut Worksheet, s: &Styles, columns: &[Column]) -> Result<()> {
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
            ws.set_column_width(col + i as u16, *width).map_err(failed)?;
        }
        col = last + 1;
    }
    ws.set_row_height(HEAD, 30).map_err(failed)?;
    Ok(())
}

/// A name safe for a file.
fn file_name(stem: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| if r#"/\:*?"<>|"#.contains(c) { '-' } else { c })
        .collect();
    format!("{}.xlsx", clean.trim())
}

fn date_text(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
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
                    .map(|m| format!("{}{}", column_letter((first_month + 2 * m + offset) as usize), r + 1))
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
    for (c, (name, width)) in head.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, *name, &s.head)
            .map_err(failed)?;
        ws.set_column_width(c as u16, *width).map_err(failed)?;
    }
    ws.set_row_height(HEAD, 30).map_err(failed)?;
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
        ws.write_string_with_format(r, 6, light.label(), &s.light(light))?;
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
    line(
        ws,
        "Plan",
        "",
        &d.plan.name,
        &d.total,
        d.light,
        None,
    )
    .map_err(failed)?;
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
