//! The follow-up desk's reports (`followup.report`), as PDF or .xlsx: items per unit and
//! status, the overdue items, the compliance of the council's acuerdos and ordenanzas, and the
//! indicators of the information requests that transparency bodies ask for. Every count is
//! grouped in SQL; lists are read by pages. A Jefe de unidad gets only their own unit.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::items::rows;
use super::output::{self, period, Cell, Grid, Output, OutputFormat};
use super::store::{self, Counts, Filter, GroupBy, RequestStats, View};
use super::{chile, scope};
use crate::context::Ctx;
use crate::error::Result;
use crate::records::{deliver, SheetFile};
use crate::spanish;

/// Rows read from the store at a time.
const PAGE: i64 = 500;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowupReportKind {
    /// Items per unit and status, with totals.
    PorUnidad,
    /// The overdue items, most overdue first.
    Vencidos,
    /// Compliance of the encargos of the council's acuerdos and ordenanzas.
    Acuerdos,
    /// Information requests per month: received, answered, in time, late, denied, days taken.
    Solicitudes,
}

/// Params of `followup.report`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FollowupReport {
    /// Which report.
    pub kind: FollowupReportKind,
    /// The year of the items received.
    pub year: i64,
    /// Only the items received in this month (1–12).
    #[serde(default)]
    #[ts(optional)]
    pub month: Option<i64>,
    /// Only this unit (a unit head gets only their own).
    #[serde(default)]
    #[ts(optional)]
    pub unit_id: Option<i64>,
    /// `pdf` (default) or `xlsx`.
    #[serde(default)]
    pub format: OutputFormat,
    /// Where to write the file; absent: the bytes come back in `bytes_base64`.
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

/// The unit a report is limited to: the unit head's own (a unit-only grant of this method or
/// of `followup.list`), else the one asked for.
pub(crate) async fn report_unit(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    asked: Option<i64>,
) -> Result<Option<i64>> {
    let own = match scope(conn, ctx, method).await? {
        Some(u) => Some(u),
        None => scope(conn, ctx, "followup.list").await?,
    };
    Ok(own.or(asked))
}

/// The words of each country for a unit.
pub(crate) fn unit_word(chile: bool) -> &'static str {
    if chile {
        "Dirección"
    } else {
        "Unidad orgánica"
    }
}

/// `followup.report`: one of the desk's reports, as PDF or .xlsx.
pub async fn report(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: FollowupReport,
) -> Result<SheetFile> {
    let unit = report_unit(conn, ctx, "followup.report", p.unit_id).await?;
    let (o, file_name, bytes) = render(conn, ctx, p.kind, p.year, p.month, unit, p.format).await?;
    deliver(file_name, bytes, o.rows(), p.path.as_deref())
}

/// The years with information requests, newest first: those whose «Solicitudes de acceso a
/// la información pública» report the transparency portal publishes.
pub async fn access_years(conn: &mut SqliteConnection) -> Result<Vec<i64>> {
    store::request_years(conn).await
}

/// The whole municipality's report of the information requests received in `year`, as PDF:
/// its file name and bytes (the same for the whole of a day: it states the situation on
/// `ctx.today`).
pub async fn access_pdf(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    year: i64,
) -> Result<(String, Vec<u8>)> {
    let kind = FollowupReportKind::Solicitudes;
    let (_, name, bytes) = render(conn, ctx, kind, year, None, None, OutputFormat::Pdf).await?;
    Ok((name, bytes))
}

/// A report of `kind` over `year` (or one `month` of it), of one unit or of all.
async fn render(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: FollowupReportKind,
    year: i64,
    month: Option<i64>,
    unit: Option<i64>,
    format: OutputFormat,
) -> Result<(Output, String, Vec<u8>)> {
    let chile = chile(conn).await?;
    let (from, to, when) = period(year, month, chile)?;
    let unit_name = match unit {
        Some(u) => Some(crate::org::unit_name(conn, u).await?.ok_or_else(|| {
            crate::error::Error::field("unit_id", "La unidad elegida no existe.")
        })?),
        None => None,
    };
    let q = Query {
        from,
        to,
        unit,
        chile,
    };
    let mut subtitle = vec![when.clone()];
    if let Some(n) = &unit_name {
        subtitle.push(format!("{}: {n}", unit_word(chile)));
    }
    subtitle.push(format!(
        "Situación al {}",
        spanish::long_date(ctx.today, chile)
    ));
    let (title, name, grids, landscape) = match kind {
        FollowupReportKind::PorUnidad => (
            "REPORTE DE SEGUIMIENTO POR UNIDAD",
            "Seguimiento por unidad",
            vec![by_unit(conn, ctx, &q).await?],
            false,
        ),
        FollowupReportKind::Vencidos => (
            "ENCARGOS, SOLICITUDES Y RECLAMOS VENCIDOS",
            "Vencidos",
            vec![overdue(conn, ctx, &q).await?],
            true,
        ),
        FollowupReportKind::Acuerdos => (
            "CUMPLIMIENTO DE LOS ACUERDOS Y ORDENANZAS DEL CONCEJO",
            "Cumplimiento de acuerdos",
            agreements(conn, ctx, &q).await?,
            true,
        ),
        FollowupReportKind::Solicitudes => (
            "SOLICITUDES DE ACCESO A LA INFORMACIÓN PÚBLICA",
            "Solicitudes de acceso a la información",
            vec![requests(conn, ctx, &q, year).await?],
            true,
        ),
    };
    let o = Output {
        title: title.to_string(),
        subtitle,
        grids,
        landscape,
        stem: format!(
            "{name} {}{}",
            when,
            unit_name.map(|n| format!(" — {n}")).unwrap_or_default()
        ),
        keyword: format!("seguimiento-{}", serde_plain(kind)),
    };
    let (file_name, bytes) = output::write(conn, ctx, &o, format).await?;
    Ok((o, file_name, bytes))
}

fn serde_plain(k: FollowupReportKind) -> &'static str {
    match k {
        FollowupReportKind::PorUnidad => "por-unidad",
        FollowupReportKind::Vencidos => "vencidos",
        FollowupReportKind::Acuerdos => "acuerdos",
        FollowupReportKind::Solicitudes => "solicitudes",
    }
}

/// What every report reads: the period, the unit and the country.
struct Query {
    from: String,
    to: String,
    unit: Option<i64>,
    chile: bool,
}

async fn by_unit(conn: &mut SqliteConnection, ctx: &Ctx, q: &Query) -> Result<Grid> {
    let today = ctx.today.to_string();
    let counts = store::counts(conn, GroupBy::Unit, &q.from, &q.to, q.unit, &today).await?;
    let rows = with_total(&counts, |c| {
        vec![
            Cell::text(&c.label),
            Cell::Int(c.total),
            Cell::Int(c.open),
            Cell::Int(c.overdue),
            Cell::Int(c.attended),
            Cell::Int(c.archived),
        ]
    });
    Ok(Grid {
        heading: format!(
            "Registros por {} y estado",
            unit_word(q.chile).to_lowercase()
        ),
        sheet: "Por unidad".into(),
        intro: Some(format!(
            "Encargos, solicitudes de acceso a la información y reclamos recibidos en el \
             periodo, según su estado al {}.",
            spanish::long_date(ctx.today, q.chile)
        )),
        columns: vec![
            (unit_word(q.chile).to_string(), 40),
            ("Recibidos".into(), 11),
            ("Abiertos en plazo".into(), 11),
            ("Vencidos".into(), 11),
            ("Atendidos".into(), 11),
            ("Archivados".into(), 11),
        ],
        rows,
        note: Some(
            "Vencido: abierto con el plazo cumplido. Archivado: cerrado sin atención \
             (desistimiento, abandono, sin objeto)."
                .into(),
        ),
    })
}

/// A row per group, and a row of their sums («Total») when there is any.
fn with_total(groups: &[Counts], row: impl Fn(&Counts) -> Vec<Cell>) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = groups.iter().map(&row).collect();
    if !groups.is_empty() {
        let total = groups.iter().fold(
            Counts {
                label: "Total".into(),
                ..Counts::default()
            },
            |mut t, c| {
                t.total += c.total;
                t.open += c.open;
                t.overdue += c.overdue;
                t.attended += c.attended;
                t.on_time += c.on_time;
                t.archived += c.archived;
                t
            },
        );
        rows.push(row(&total));
    }
    rows
}

async fn overdue(conn: &mut SqliteConnection, ctx: &Ctx, q: &Query) -> Result<Grid> {
    let filter = Filter {
        view: View::Vencidos,
        unit_id: q.unit,
        received: Some((q.from.clone(), q.to.clone())),
        today: ctx.today.to_string(),
        ..Filter::default()
    };
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let (_, page) = store::list(conn, &filter, offset, PAGE).await?;
        let n = page.len() as i64;
        for r in rows(conn, ctx.today, page).await? {
            out.push(vec![
                Cell::text(r.number),
                Cell::text(r.source_label),
                Cell::text(r.subject),
                Cell::text(r.unit_name),
                Cell::Day(r.due_on),
                Cell::Int(-r.days_left.unwrap_or(0)),
            ]);
        }
        if n < PAGE {
            break;
        }
        offset += n;
    }
    Ok(Grid {
        heading: "Registros vencidos, los más atrasados primero".into(),
        sheet: "Vencidos".into(),
        intro: Some(format!(
            "Registros abiertos recibidos en el periodo cuyo plazo venció antes del {}.",
            spanish::long_date(ctx.today, q.chile)
        )),
        columns: vec![
            ("Número".into(), 23),
            ("Fuente".into(), 31),
            ("Asunto".into(), 48),
            (unit_word(q.chile).into(), 32),
            ("Venció".into(), 14),
            ("Días hábiles de atraso".into(), 13),
        ],
        rows: out,
        note: None,
    })
}

async fn agreements(conn: &mut SqliteConnection, ctx: &Ctx, q: &Query) -> Result<Vec<Grid>> {
    let today = ctx.today.to_string();
    let compliance_columns = |first: &str| {
        vec![
            (first.to_string(), 40),
            ("Encargos".into(), 11),
            ("Atendidos".into(), 11),
            ("Atendidos a tiempo".into(), 11),
            ("Vencidos".into(), 11),
            ("Abiertos en plazo".into(), 11),
            ("% atendido a tiempo".into(), 12),
        ]
    };
    let by_source = store::counts(conn, GroupBy::NormKind, &q.from, &q.to, q.unit, &today).await?;
    let summary = with_total(&by_source, |c| {
        compliance_cells(
            match c.label.as_str() {
                "acuerdo" => "Acuerdos de Concejo",
                "ordenanza" => "Ordenanzas",
                other => other,
            },
            c,
        )
    });
    let by_norm = store::counts(conn, GroupBy::Norm, &q.from, &q.to, q.unit, &today).await?;
    let per_norm = by_norm
        .iter()
        .map(|c| compliance_cells(&c.label, c))
        .collect();
    let mut detail = Vec::new();
    let mut after = (0, 0);
    loop {
        let page = store::norm_items_page(conn, &q.from, &q.to, q.unit, after, PAGE).await?;
        let n = page.len() as i64;
        if let Some(last) = page.last() {
            after = (last.norm_id.unwrap_or(0), last.id);
        }
        for r in rows(conn, ctx.today, page).await? {
            let attended = r.status == "atendido";
            let on_time = match (&r.closed_on, &r.due_on) {
                (Some(c), Some(d)) if attended => Cell::text(if c <= d { "Sí" } else { "No" }),
                (Some(_), None) if attended => Cell::text("Sí"),
                _ => Cell::text("—"),
            };
            detail.push(vec![
                Cell::text(r.source_label),
                Cell::text(r.subject),
                Cell::text(r.unit_name),
                Cell::Day(r.due_on),
                Cell::text(r.status_label),
                Cell::Day(if attended { r.closed_on } else { None }),
                on_time,
            ]);
        }
        if n < PAGE {
            break;
        }
    }
    let on_time_note = "% atendido a tiempo: encargos atendidos hasta su vencimiento entre todos \
                        los encargos del periodo.";
    Ok(vec![
        Grid {
            heading: "Cumplimiento por tipo de norma".into(),
            sheet: "Resumen".into(),
            intro: Some(format!(
                "Encargos dispuestos por acuerdos y ordenanzas del Concejo recibidos en el \
                 periodo, según su estado al {}.",
                spanish::long_date(ctx.today, q.chile)
            )),
            columns: compliance_columns("Norma"),
            rows: summary,
            note: Some(on_time_note.into()),
        },
        Grid {
            heading: "Cumplimiento por norma".into(),
            sheet: "Por norma".into(),
            intro: None,
            columns: compliance_columns("Norma"),
            rows: per_norm,
            note: None,
        },
        Grid {
            heading: "Encargos de cada norma".into(),
            sheet: "Encargos".into(),
            intro: None,
            columns: vec![
                ("Norma".into(), 30),
                ("Encargo".into(), 50),
                (unit_word(q.chile).into(), 30),
                ("Vence".into(), 14),
                ("Estado".into(), 14),
                ("Atendido el".into(), 14),
                ("A tiempo".into(), 10),
            ],
            rows: detail,
            note: None,
        },
    ])
}

fn compliance_cells(label: &str, c: &Counts) -> Vec<Cell> {
    vec![
        Cell::text(label),
        Cell::Int(c.total),
        Cell::Int(c.attended),
        Cell::Int(c.on_time),
        Cell::Int(c.overdue),
        Cell::Int(c.open),
        Cell::Pct((c.total > 0).then(|| c.on_time as f64 * 100.0 / c.total as f64)),
    ]
}

async fn requests(conn: &mut SqliteConnection, ctx: &Ctx, q: &Query, year: i64) -> Result<Grid> {
    let (months, total) = store::request_stats(conn, &q.from, &q.to, q.unit).await?;
    let first: i64 = q.from[5..7].parse().unwrap_or(1);
    let mut last: i64 = q.to[5..7].parse().unwrap_or(12);
    if year == chrono::Datelike::year(&ctx.today) as i64 {
        last = last.min(chrono::Datelike::month(&ctx.today) as i64);
    }
    let mut out = Vec::new();
    for m in first..=last.max(first) {
        let s = months
            .iter()
            .find(|s| s.month == Some(m))
            .cloned()
            .unwrap_or_default();
        out.push(stats_cells(Cell::text(output::month_label(m, q.chile)), &s));
    }
    out.push(stats_cells(Cell::text("Total"), &total));
    Ok(Grid {
        heading: "Indicadores por mes de recepción".into(),
        sheet: "Solicitudes".into(),
        intro: Some(format!(
            "Solicitudes de acceso a la información pública recibidas en el periodo, según su \
             situación al {}.",
            spanish::long_date(ctx.today, q.chile)
        )),
        columns: vec![
            ("Mes".into(), 16),
            ("Recibidas".into(), 10),
            ("Respondidas".into(), 11),
            ("En plazo".into(), 10),
            ("Fuera de plazo".into(), 10),
            ("Denegadas (total o parcial)".into(), 12),
            ("Pendientes".into(), 11),
            ("Desistidas o no subsanadas".into(), 12),
            ("Promedio de días hábiles".into(), 11),
            ("Máximo de días hábiles".into(), 11),
        ],
        rows: out,
        note: Some(
            "En plazo: respondidas hasta su vencimiento, con la prórroga si la hubo. Días \
             hábiles: desde la recepción hasta la respuesta, sin sábados, domingos ni feriados."
                .into(),
        ),
    })
}

fn stats_cells(label: Cell, s: &RequestStats) -> Vec<Cell> {
    vec![
        label,
        Cell::Int(s.received),
        Cell::Int(s.answered),
        Cell::Int(s.in_time),
        Cell::Int(s.late),
        Cell::Int(s.denied),
        Cell::Int(s.pending),
        Cell::Int(s.withdrawn),
        Cell::Dec(s.avg_days),
        match s.max_days {
            Some(d) => Cell::Int(d),
            None => Cell::Dec(None),
        },
    ]
}
