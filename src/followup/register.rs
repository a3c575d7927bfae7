//! The register of requests for access to public information that the transparency laws ask
//! the municipality to keep (Peru: TUO Ley 27806 and its reglamento; Chile: Ley 20.285),
//! exported as .xlsx: one row per request of the year, in the order they were numbered, read
//! from the store by pages and written as they come.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::access::access_rules;
use super::items::number;
use super::output::{sheet_head, write_row, Cell};
use super::reports::{report_unit, unit_word};
use super::store::{self, RegisterRow};
use super::ItemKind;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::records::{deliver, SheetFile};
use crate::xlsx::{self, failed, Styles, HEAD};

/// Requests read from the store at a time.
const PAGE: i64 = 500;

/// Params of `access.register.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RegisterExport {
    /// The year whose requests are listed (by their number).
    pub year: i64,
    /// Where to write the file; absent: the bytes come back in `bytes_base64`.
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

/// How a request arrived, as the register writes it.
pub(crate) fn channel_label(code: &str, chile: bool) -> &'static str {
    match (code, chile) {
        ("presencial", false) => "Presencial (mesa de partes)",
        ("presencial", true) => "Presencial (oficina de partes)",
        ("correo", _) => "Correo electrónico",
        ("portal", false) => "Portal web",
        ("portal", true) => "Portal de Transparencia",
        _ => "Carta",
    }
}

/// How a request ended, as the register writes it; empty while it is open.
pub(crate) fn outcome_label(state: &str) -> &'static str {
    match state {
        "entregada" => "Entregada",
        "entregada_parcial" => "Entregada en parte",
        "denegada" => "Denegada",
        "desistida" => "Desistida",
        "no_subsanada" => "No subsanada",
        _ => "",
    }
}

/// Where a request stands on `today`.
fn state_label(r: &RegisterRow, today: &str) -> &'static str {
    if r.closed_on.is_some() {
        return if r.status == "archivado" {
            "Archivada"
        } else {
            "Atendida"
        };
    }
    if r.due_on.as_deref().is_some_and(|d| d < today) {
        return "Vencida";
    }
    match r.request.state.as_str() {
        "en_subsanacion" => "En subsanación",
        "prorrogada" => "Prorrogada",
        _ => "En trámite",
    }
}

const COLUMNS: [(&str, u32); 19] = [
    ("Número", 18),
    ("Fecha y hora de recepción", 17),
    ("Medio", 18),
    ("Solicitante", 28),
    ("Documento de identidad", 14),
    ("Información solicitada", 48),
    ("Unidad que posee la información", 28),
    ("Vencimiento legal", 13),
    ("Vencimiento prorrogado", 13),
    ("Estado", 14),
    ("Subsanación pedida", 13),
    ("Subsanada", 13),
    ("Prórroga comunicada", 13),
    ("Respuesta", 13),
    ("Días hábiles", 10),
    ("Resultado", 16),
    ("Causal de denegatoria", 36),
    ("Costo de reproducción", 12),
    ("Motivo de la prórroga", 30),
];

fn cells(r: &RegisterRow, chile: bool, today: &str) -> Vec<Cell> {
    let q = &r.request;
    let filed = NaiveDateTime::parse_from_str(&q.filed_at, "%Y-%m-%dT%H:%M")
        .map(Cell::Instant)
        .unwrap_or_else(|_| Cell::text(&q.filed_at));
    vec![
        Cell::text(number(ItemKind::Solicitud, r.seq, r.year)),
        filed,
        Cell::text(channel_label(&q.channel, chile)),
        Cell::text(&q.requester),
        Cell::text(&q.requester_doc),
        Cell::text(&r.subject),
        Cell::text(&r.unit_name),
        Cell::Day(q.legal_due_on.clone()),
        Cell::Day(q.extended_on.as_ref().and(r.due_on.clone())),
        Cell::text(state_label(r, today)),
        Cell::Day(q.correction_asked_on.clone()),
        Cell::Day(q.corrected_on.clone()),
        Cell::Day(q.extended_on.clone()),
        Cell::Day(q.answered_on.clone()),
        match q.days_taken {
            Some(d) => Cell::Int(d),
            None => Cell::text(""),
        },
        Cell::text(outcome_label(&q.state)),
        Cell::text(&q.denial_ground),
        Cell::Money(q.cost_cents),
        Cell::text(&q.extension_reason),
    ]
}

/// `access.register.export`: the year's register of information requests as .xlsx, with the
/// municipality, the law and the year on top, a bold frozen header, dates as dates and
/// numbers as numbers. A unit head gets the requests of their unit only.
pub async fn export(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: RegisterExport,
) -> Result<SheetFile> {
    if !(2000..=2100).contains(&p.year) {
        return Err(Error::field("year", "Indique un año entre 2000 y 2100."));
    }
    let unit = report_unit(conn, ctx, "access.register.export", None).await?;
    let rules = access_rules(conn).await?;
    let f = xlsx::frame(conn, ctx).await?;
    let s = Styles::new(f.chile);
    let title = format!(
        "Registro de solicitudes de acceso a la información pública — {}",
        p.year
    );
    let mut lines = vec![title.clone(), rules.law.clone()];
    if let Some(u) = unit {
        let name = crate::org::unit_name(conn, u).await?.unwrap_or_default();
        lines.push(format!("{}: {name}", unit_word(f.chile)));
    }
    let mut book = xlsx::workbook(ctx, &title)?;
    let ws = book.add_worksheet();
    let columns: Vec<(String, u32)> = COLUMNS.iter().map(|(h, w)| (h.to_string(), *w)).collect();
    sheet_head(ws, &s, &f, "Registro", &lines, &columns)?;
    let today = ctx.today.to_string();
    let mut written: u32 = 0;
    let mut after = 0;
    loop {
        let page = store::register_page(conn, p.year, unit, after, PAGE).await?;
        for r in &page {
            write_row(ws, &s, HEAD + 1 + written, &cells(r, f.chile, &today))?;
            written += 1;
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.id,
            _ => break,
        }
    }
    if written > 0 {
        ws.autofilter(HEAD, 0, HEAD + written, COLUMNS.len() as u16 - 1)
            .map_err(failed)?;
    }
    let bytes = book.save_to_buffer().map_err(failed)?;
    deliver(
        xlsx::file_name(&format!(
            "Registro de solicitudes de acceso a la información {}",
            p.year
        )),
        bytes,
        written as i64,
        p.path.as_deref(),
    )
}
