//! The acta of a session and the Libro de Actas. The draft is generated from what happened, in
//! the order of business (header, attendance and quorum, each stage and item with its debate,
//! nominal vote and agreement number, closing time), then edited by the clerk. It is approved
//! in a later session through an item of its "aprobación del acta anterior" stage: approval
//! seals it and gives it its folios in the open book, continuing from the previous acta.
//!
//! The rooms: `draft` (the text written from the session), `book` (the Libro de Actas); this
//! file stores the acta, approves and seals it, and renders it.

mod book;
mod draft;
pub mod published;

pub use book::{book_list, book_open, Book, BookList, BookOpen, BookPage};
pub use draft::draft;
use draft::title_of;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{detail, session, BodyKind, SessionStatus};
use crate::context::{Ctx, Empty};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::norms::{self as norms, SignatoryInput};
use crate::pdf::{Align, Block, DocInfo, Document, Paragraph, Signatory, Span};
use crate::records::settings::Frame;
use crate::records::{event, RecordPdf, Seal};
use crate::{rules, spanish};

/// Kind of actas in seals, signatures and history (the id is the session's).
pub const RECORD_KIND: &str = "acta";

/// A section of the acta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Heading ("ASISTENCIA Y QUÓRUM", "DESPACHO"…); empty for the opening paragraphs.
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

/// An acta.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Minutes {
    /// Session.
    pub session_id: i64,
    /// "ACTA DE LA SESIÓN ORDINARIA N° 05-2026".
    pub title: String,
    /// `borrador` or `aprobada`.
    pub status: String,
    /// The text.
    pub sections: Vec<Section>,
    /// Observations made when it was approved.
    pub observations: String,
    /// Session that approved it.
    pub approved_in: Option<i64>,
    /// Book it was written in.
    pub book: Option<String>,
    /// First folio.
    pub folio_from: Option<i64>,
    /// Last folio.
    pub folio_to: Option<i64>,
    /// The seal, once approved.
    pub seal: Option<Seal>,
}

#[derive(sqlx::FromRow)]
struct Row {
    content: String,
    status: String,
    observations: String,
    approved_in: Option<i64>,
    book: Option<String>,
    folio_from: Option<i64>,
    folio_to: Option<i64>,
}

async fn load(conn: &mut SqliteConnection, session_id: i64) -> Result<Option<Minutes>> {
    let s = session(conn, session_id).await?;
    let row: Option<Row> = sqlx::query_as(
        "SELECT m.content, m.status, m.observations, m.approved_in, b.identifier AS book, m.folio_from, m.folio_to
         FROM minutes m LEFT JOIN minutes_book b ON b.id = m.book_id WHERE m.session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(Minutes {
        session_id,
        title: title_of(&s),
        status: r.status,
        sections: serde_json::from_str(&r.content)
            .map_err(|e| Error::Internal(format!("acta ilegible: {e}")))?,
        observations: r.observations,
        approved_in: r.approved_in,
        book: r.book,
        folio_from: r.folio_from,
        folio_to: r.folio_to,
        seal: crate::records::seal::of(conn, RECORD_KIND, session_id).await?,
    }))
}

/// Params naming a session's acta.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesId {
    /// Session.
    pub session_id: i64,
}

/// `minutes.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, p: MinutesId) -> Result<Minutes> {
    load(conn, p.session_id).await?.ok_or_else(|| {
        Error::NotFound("La sesión todavía no tiene acta: genere el borrador.".into())
    })
}

/// `minutes.generate`: (re)write the draft from what was recorded in the session.
pub async fn generate(conn: &mut SqliteConnection, ctx: &Ctx, p: MinutesId) -> Result<Minutes> {
    let d = detail(conn, ctx, p.session_id).await?;
    if d.session.status != SessionStatus::Concluida {
        return Err(Error::Conflict(
            "El acta se genera cuando la sesión ha concluido.".into(),
        ));
    }
    if let Some(m) = load(conn, p.session_id).await? {
        if m.status == "aprobada" {
            return Err(Error::Sealed("El acta ya fue aprobada y sellada.".into()));
        }
    }
    let sections = draft(conn, ctx, &d).await?;
    sqlx::query(
        "INSERT INTO minutes (session_id, content, status, updated_at) VALUES ($1, $2, 'borrador', $3)
         ON CONFLICT (session_id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at",
    )
    .bind(p.session_id)
    .bind(serde_json::to_string(&sections).expect("plain data"))
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.session_id,
        "Borrador del acta generado",
    )
    .await?;
    get(conn, ctx, p).await
}

/// Params of `minutes.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesUpdate {
    /// Session.
    pub session_id: i64,
    /// The edited text.
    pub sections: Vec<Section>,
}

/// `minutes.update`: the clerk's edits of the draft.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: MinutesUpdate) -> Result<Minutes> {
    let m = get(
        conn,
        ctx,
        MinutesId {
            session_id: p.session_id,
        },
    )
    .await?;
    if m.status == "aprobada" {
        return Err(Error::Sealed(
            "El acta ya fue aprobada y sellada: no se puede modificar.".into(),
        ));
    }
    let sections: Vec<Section> = p
        .sections
        .iter()
        .map(|s| Section {
            heading: s.heading.trim().to_string(),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        })
        .filter(|s| !s.paragraphs.is_empty())
        .collect();
    if sections.is_empty() {
        return Err(Error::field("sections", "El acta no puede quedar vacía."));
    }
    sqlx::query("UPDATE minutes SET content = $1, updated_at = $2 WHERE session_id = $3")
        .bind(serde_json::to_string(&sections).expect("plain data"))
        .bind(ctx.stamp())
        .bind(p.session_id)
        .execute(&mut *conn)
        .await?;
    event(conn, ctx, RECORD_KIND, p.session_id, "Acta editada").await?;
    get(
        conn,
        ctx,
        MinutesId {
            session_id: p.session_id,
        },
    )
    .await
}

/// The frozen content of an approved acta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SealedMinutes {
    format: u32,
    title: String,
    date: String,
    sections: Vec<Section>,
    observations: String,
    approved_by: String,
    signatories: Vec<SignatoryInput>,
    book: String,
    folio_start: u32,
    frame: Frame,
}

fn document(
    c: &SealedMinutes,
    record_id: &str,
    code: Option<&str>,
    files_dir: &std::path::Path,
) -> Result<Document> {
    let date = parse_date(&c.date, "date")?;
    let letterhead = c.frame.letterhead(files_dir)?;
    let mut blocks = vec![Block::Title(c.title.clone())];
    if !c.book.is_empty() {
        blocks.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(c.book.clone())])
                .align(Align::Center)
                .spacing(0.0, 10.0),
        ));
    }
    for s in &c.sections {
        if !s.heading.is_empty() {
            blocks.push(Block::Heading(s.heading.clone()));
        }
        for p in &s.paragraphs {
            blocks.push(Block::Paragraph(Paragraph::text(p.clone())));
        }
    }
    if !c.approved_by.is_empty() {
        let mut text = c.approved_by.clone();
        if !c.observations.is_empty() {
            text.push_str(&format!(" Observaciones: {}", c.observations));
        }
        blocks.push(Block::Rule);
        blocks.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(text)])
                .size(9.0)
                .keep_with_next(),
        ));
    }
    blocks.push(Block::Signatures(
        c.signatories
            .iter()
            .map(|s| Signatory {
                name: s.name.clone(),
                cargo: s.cargo.clone(),
                dni: s.dni.clone(),
            })
            .collect(),
    ));
    let municipality = letterhead.municipality.clone();
    Ok(Document {
        settings: c.frame.settings.page(),
        info: DocInfo {
            record_id: record_id.to_string(),
            title: c.title.clone(),
            subject: "Acta de sesión del Concejo Municipal".into(),
            author: municipality.clone(),
            keywords: vec!["acta".into(), letterhead.siglas.clone()],
            date,
            country: letterhead.country,
        },
        running_header: Some((municipality.to_uppercase(), c.title.clone())),
        letterhead: Some(letterhead),
        verification_code: code.map(str::to_string),
        folio_start: (c.folio_start > 0).then_some(c.folio_start),
        page_numbers: None,
        blocks,
    })
}

/// Who signs an acta: the alcalde and the secretary for the Concejo; a comisión's members
/// (presidente first) for its own.
async fn signatories(
    conn: &mut SqliteConnection,
    s: &super::Session,
    chile: bool,
) -> Result<Vec<SignatoryInput>> {
    let date = parse_date(&s.date, "date")?;
    if s.body_kind != BodyKind::Concejo {
        let body = super::bodies::body(conn, s.body_id).await?;
        let dnis: std::collections::HashMap<i64, String> = sqlx::query_as(
            "SELECT sp.member_id, p.doc_number FROM session_participant sp
             JOIN person_name p ON p.id = sp.person_id WHERE sp.session_id = $1",
        )
        .bind(s.id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let of = if s.body_kind == BodyKind::Comite {
            "del Comité"
        } else {
            "de la Comisión"
        };
        let mut out = Vec::new();
        for m in super::bodies::members_of(conn, &body).await? {
            let cargo = crate::spanish::title(
                &match m.role.as_str() {
                    "presidente" => format!("Presidente {of}"),
                    "vicepresidente" => format!("Vicepresidente {of}"),
                    "secretario" => format!("Secretario {of}"),
                    _ => format!("Miembro {of}"),
                },
                m.gender,
            );
            out.push(SignatoryInput {
                dni: dnis.get(&m.member_id).cloned(),
                name: m.name,
                cargo,
            });
        }
        return Ok(out);
    }
    let rules = rules::load(conn).await?;
    let mut out = Vec::new();
    out.extend(norms::alcalde(conn, date).await?);
    out.extend(norms::secretary(conn, date, chile, &rules).await?);
    Ok(out)
}

fn record(r: crate::pdf::Rendered, title: &str, c: &SealedMinutes) -> RecordPdf {
    RecordPdf {
        pdf: r.pdf,
        pages: r.pages,
        boxes: r.signature_boxes,
        filename: crate::records::file_name(title),
        signatures: 0,
        signers: c
            .signatories
            .iter()
            .map(|s| (s.name.clone(), s.cargo.clone(), s.dni.clone()))
            .collect(),
    }
}

/// Approve and seal the acta of `session_id` in session `approving` (called when the item of
/// its "acta anterior" stage is approved): folios from the open book, then the seal.
pub(crate) async fn approve(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    session_id: i64,
    approving: i64,
    observations: &str,
) -> Result<()> {
    let m = get(conn, ctx, MinutesId { session_id }).await?;
    if m.status == "aprobada" {
        return Err(Error::Conflict("Esa acta ya fue aprobada.".into()));
    }
    let s = session(conn, session_id).await?;
    let by = session(conn, approving).await?;
    let date = parse_date(&s.date, "date")?;
    // A comisión's actas are sealed but kept outside the Concejo's Libro de Actas.
    let concejo = s.body_kind == BodyKind::Concejo;
    let book: Option<(i64, String, i64, i64)> = if concejo {
        sqlx::query_as(
            "SELECT id, identifier, folios, next_folio FROM minutes_book WHERE closed_on IS NULL",
        )
        .fetch_optional(&mut *conn)
        .await?
    } else {
        Some((0, String::new(), i64::MAX, 0))
    };
    let Some((book_id, book_ident, folios, next)) = book else {
        return Err(Error::Conflict(
            "No hay un Libro de Actas abierto: ábralo (acta de apertura) antes de aprobar actas."
                .into(),
        ));
    };
    let muni = crate::municipality::get(conn, ctx, Empty {}).await?;
    let chile = muni.country == "CL";
    let by_date = parse_date(&by.date, "date")?;
    let mut content = SealedMinutes {
        format: 1,
        title: m.title.clone(),
        date: s.date.clone(),
        sections: m.sections.clone(),
        observations: observations.trim().to_string(),
        approved_by: format!(
            "Acta aprobada en la {} del {}.",
            by.identifier.clone().unwrap_or_default(),
            spanish::long_date(by_date, chile)
        ),
        signatories: signatories(conn, &s, chile).await?,
        book: if concejo {
            format!("{book_ident}, folios {next} y siguientes")
        } else {
            String::new()
        },
        folio_start: next as u32,
        frame: Frame::current(conn, date).await?,
    };
    let pages = document(&content, "recuento", None, &ctx.files_dir)?
        .render()?
        .pages as i64;
    let last = next + pages - 1;
    content.book = if !concejo {
        String::new()
    } else if pages == 1 {
        format!("{book_ident}, folio {next}")
    } else {
        format!("{book_ident}, folios {next} a {last}")
    };
    if last > folios {
        return Err(Error::Conflict(format!(
            "El {book_ident} tiene {folios} folios y el acta necesita hasta el folio {last}: cierre el libro y abra uno nuevo."
        )));
    }
    let value = serde_json::to_value(&content).map_err(|e| Error::Internal(e.to_string()))?;
    let seal = crate::records::seal::create(conn, ctx, RECORD_KIND, session_id, &value).await?;
    sqlx::query(
        "UPDATE minutes SET status = 'aprobada', observations = $1, approved_in = $2, book_id = $3, folio_from = $4, folio_to = $5 WHERE session_id = $6",
    )
    .bind(observations.trim())
    .bind(approving)
    .bind(concejo.then_some(book_id))
    .bind(concejo.then_some(next))
    .bind(concejo.then_some(last))
    .bind(session_id)
    .execute(&mut *conn)
    .await?;
    if concejo {
        sqlx::query("UPDATE minutes_book SET next_folio = $1 WHERE id = $2")
            .bind(last + 1)
            .bind(book_id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE session SET status = 'acta_aprobada' WHERE id = $1")
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        session_id,
        &format!(
            "Aprobada y sellada (código {}){}",
            seal.verification_code,
            if content.book.is_empty() {
                String::new()
            } else {
                format!("; {}", content.book)
            }
        ),
    )
    .await?;
    Ok(())
}

/// Render an approved acta's frozen content.
pub(crate) fn render_sealed(
    ctx: &Ctx,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<(String, RecordPdf)> {
    let c: SealedMinutes = serde_json::from_value(value.clone())
        .map_err(|e| Error::Internal(format!("acta sellada ilegible: {e}")))?;
    let r = document(&c, digest, Some(code), &ctx.files_dir)?.render()?;
    Ok((c.title.clone(), record(r, &c.title, &c)))
}

/// Render an acta: sealed when approved, else the draft marked as such.
pub(crate) async fn render(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    session_id: i64,
) -> Result<RecordPdf> {
    if let Some((s, value)) = crate::records::seal::content(conn, RECORD_KIND, session_id).await? {
        return Ok(render_sealed(ctx, &value, &s.digest, &s.verification_code)?.1);
    }
    let m = get(conn, ctx, MinutesId { session_id }).await?;
    let s = session(conn, session_id).await?;
    let date = parse_date(&s.date, "date")?;
    let chile = crate::municipality::country(conn).await? == "CL";
    let c = SealedMinutes {
        format: 1,
        title: format!("PROYECTO DE {}", m.title),
        date: s.date.clone(),
        sections: m.sections.clone(),
        observations: String::new(),
        approved_by: String::new(),
        signatories: signatories(conn, &s, chile).await?,
        book: String::new(),
        folio_start: 0,
        frame: Frame::current(conn, date).await?,
    };
    let r = document(
        &c,
        &format!("proyecto-acta-{session_id}"),
        None,
        &ctx.files_dir,
    )?
    .render()?;
    Ok(record(r, &c.title, &c))
}
