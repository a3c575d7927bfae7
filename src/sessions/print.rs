//! The printed documents of a session: the citation of each member with its notification
//! receipt (`convocatoria`), the agenda (`agenda`), and the session packet (`paquete`): an
//! index, the convocation and the agenda followed by every attached PDF, numbered over the
//! whole file — what members ask council software for first.

use sqlx::SqliteConnection;

pub use super::attachments::{
    attach, attachment, attachment_save, detach, AgendaAttach, Attachment, AttachmentFile,
    AttachmentRef, AttachmentSave, SavedAttachment,
};
use super::{detail, BodyKind, SessionDetail, Stage};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::files;
use crate::norms;
use crate::pdf::{
    self, Align, Block, Column, DocInfo, Document, ListKind, Paragraph, Signatory, Span, Table,
};
use crate::records::settings::Frame;
use crate::records::RecordPdf;
use crate::{rules, spanish};

struct Context {
    frame: Frame,
    chile: bool,
    secretary: Option<norms::SignatoryInput>,
    member_title: String,
    /// The parts of the session, in the rule set's order and names.
    stages: Vec<(Stage, String)>,
    /// What the business is called: "Agenda" (Peru), "Tabla" (Chile).
    agenda: String,
    /// The law the citation cites for the documents at the members' disposal, as printed
    /// (" (art. 14 de la Ley N° 27972)"; empty where the country's set cites nothing).
    cite_documents: String,
}

async fn context(conn: &mut SqliteConnection, d: &SessionDetail) -> Result<Context> {
    if d.session.convened_on.is_none() {
        return Err(Error::Conflict(
            "La sesión no ha sido convocada: los documentos de la convocatoria se imprimen al convocarla.".into(),
        ));
    }
    let date = parse_date(&d.session.date, "date")?;
    let frame = Frame::current(conn, date).await?;
    let chile = frame.country == "CL";
    let rules = rules::load(conn).await?;
    Ok(Context {
        secretary: norms::secretary(conn, date, chile, &rules).await?,
        member_title: rules
            .value("council.member_title")
            .unwrap_or("Regidor")
            .to_string(),
        stages: Stage::plan(&rules),
        agenda: super::agenda_name(&rules),
        cite_documents: rules.cite("law.citation_documents"),
        frame,
        chile,
    })
}

fn agenda_blocks(c: &Context, d: &SessionDetail) -> Vec<Block> {
    let mut b = Vec::new();
    for (stage, label) in &c.stages {
        let items: Vec<&super::AgendaItem> =
            d.agenda.iter().filter(|i| i.stage == *stage).collect();
        if items.is_empty() {
            continue;
        }
        b.push(Block::Heading(label.to_uppercase()));
        b.push(Block::List {
            kind: ListKind::Numbered,
            items: items
                .iter()
                .map(|i| {
                    let mut spans = vec![Span::bold(i.title.clone())];
                    let mut tail = format!(" ({}", i.item_kind);
                    if !i.filed_by.is_empty() {
                        tail.push_str(&format!("; presentado por {}", i.filed_by));
                    }
                    tail.push(')');
                    if !i.summary.is_empty() {
                        tail.push_str(&format!(". {}", i.summary));
                    }
                    spans.push(Span::regular(tail));
                    spans
                })
                .collect(),
            indent_mm: 5.0,
        });
    }
    if d.agenda.is_empty() {
        b.push(Block::Paragraph(Paragraph::text(format!(
            "La {} no tiene asuntos registrados.",
            c.agenda.to_lowercase()
        ))));
    }
    b
}

fn base(
    c: &Context,
    d: &SessionDetail,
    title: &str,
    subject: &str,
    record_id: &str,
    files_dir: &std::path::Path,
    blocks: Vec<Block>,
) -> Result<Document> {
    let date = parse_date(&d.session.date, "date")?;
    let letterhead = c.frame.letterhead(files_dir)?;
    let municipality = letterhead.municipality.clone();
    Ok(Document {
        settings: c.frame.settings.page(),
        info: DocInfo {
            record_id: record_id.to_string(),
            title: title.to_string(),
            subject: subject.to_string(),
            author: municipality.clone(),
            keywords: vec![subject.to_lowercase(), letterhead.siglas.clone()],
            date,
            country: letterhead.country,
        },
        running_header: Some((municipality.to_uppercase(), title.to_string())),
        letterhead: Some(letterhead),
        verification_code: None,
        folio_start: None,
        page_numbers: None,
        blocks,
    })
}

fn when(c: &Context, d: &SessionDetail) -> Result<String> {
    let date = parse_date(&d.session.date, "date")?;
    Ok(format!(
        "el {} a las {} horas, en {} (modalidad {})",
        spanish::long_date(date, c.chile),
        d.session.time,
        d.session.place,
        d.session.mode
    ))
}

fn signer(c: &Context) -> Vec<Signatory> {
    c.secretary
        .iter()
        .map(|s| Signatory {
            name: s.name.clone(),
            cargo: s.cargo.clone(),
            dni: s.dni.clone(),
        })
        .collect()
}

/// Who convenes, in the words that agree with the person ("del señor Alcalde", "de la señora
/// Alcaldesa", "de la señora Presidenta de la Comisión de …") and the body ("del Concejo
/// Municipal", "de la Comisión de …").
fn convener(d: &SessionDetail) -> (String, String) {
    if d.session.body_kind == BodyKind::Concejo {
        let gender = d
            .members
            .iter()
            .find(|m| m.role == "alcalde")
            .and_then(|m| m.gender);
        (
            spanish::title("del señor Alcalde", gender),
            "del Concejo Municipal".into(),
        )
    } else {
        let of = super::bodies::of_body(&d.session.body_name);
        let gender = d
            .members
            .iter()
            .find(|m| m.body_role.as_deref() == Some("presidente"))
            .and_then(|m| m.gender);
        (
            spanish::title(&format!("del señor Presidente {of}"), gender),
            of,
        )
    }
}

/// How a citation greets the member: "Señora", "Señor"; "Señor(a)" when not said.
fn greeting(gender: Option<spanish::Gender>) -> &'static str {
    match gender {
        Some(spanish::Gender::F) => "Señora ",
        Some(spanish::Gender::M) => "Señor ",
        None => "Señor(a) ",
    }
}

fn convened_line(c: &Context, d: &SessionDetail) -> Result<String> {
    let on = parse_date(
        d.session.convened_on.as_deref().unwrap_or(&d.session.date),
        "convened_on",
    )?;
    Ok(format!(
        "{}, {}",
        norms::place_name(&c.frame.municipality),
        spanish::long_date(on, c.chile)
    ))
}

/// `convocatoria`: one citation per member, each with its notification receipt.
pub async fn convocation(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    session_id: i64,
) -> Result<RecordPdf> {
    let d = detail(conn, ctx, session_id).await?;
    let c = context(conn, &d).await?;
    let ident = session_name(&d)?;
    let title = format!("CITACIÓN A LA {ident}");
    let mut blocks = Vec::new();
    // Members on licence or suspended on the date are not cited.
    let cited: Vec<&super::Attendance> = d
        .members
        .iter()
        .filter(|m| m.role != "alcalde" && m.able)
        .collect();
    let (who, of_body) = convener(&d);
    for (n, m) in cited.iter().enumerate() {
        if n > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Title(title.clone()));
        blocks.push(Block::Paragraph(
            Paragraph::text(convened_line(&c, &d)?)
                .align(Align::Right)
                .spacing(0.0, 10.0),
        ));
        blocks.push(Block::Paragraph(
            Paragraph::new(vec![
                Span::regular(greeting(m.gender)),
                Span::bold(m.name.clone()),
            ])
            .align(Align::Left),
        ));
        blocks.push(Block::Paragraph(
            Paragraph::text(if d.session.body_kind == BodyKind::Comite {
                format!(
                    "Integrante {}",
                    super::bodies::of_body(&d.session.body_name)
                )
            } else {
                format!(
                    "{} de la {}",
                    spanish::title(&c.member_title, m.gender),
                    c.frame.municipality
                )
            })
            .align(Align::Left),
        ));
        blocks.push(Block::Paragraph(
            Paragraph::text("Presente.—")
                .align(Align::Left)
                .spacing(0.0, 8.0),
        ));
        blocks.push(Block::Paragraph(Paragraph::text(format!(
            "Por disposición {}{}, cito a usted a la {} {}, que se realizará {}, para tratar la siguiente {}:",
            who,
            d.session.convened_by.as_deref().filter(|b| *b != "alcalde" && *b != "presidente").map(|b| format!(" ({b})")).unwrap_or_default(),
            spanish_session(&ident),
            of_body,
            when(&c, &d)?,
            c.agenda.to_lowercase()
        ))));
        blocks.extend(agenda_blocks(&c, &d));
        blocks.push(Block::Paragraph(Paragraph::text(format!(
            "Los documentos de los asuntos de la {} se encuentran a su disposición en la Secretaría desde la fecha de esta citación{}.",
            c.agenda.to_lowercase(),
            c.cite_documents
        ))));
        blocks.push(Block::Paragraph(
            Paragraph::text("Atentamente,")
                .align(Align::Left)
                .keep_together(),
        ));
        blocks.push(Block::Signatures(signer(&c)));
        let receipt = match (&m.received_by, &m.received_at) {
            (Some(by), Some(at)) => format!("CARGO DE NOTIFICACIÓN — Recibido por: {by}. Fecha y hora: {at}."),
            _ => "CARGO DE NOTIFICACIÓN — Recibido por: ______________________  Fecha: ____/____/______  Hora: ______  Firma: ______________".to_string(),
        };
        blocks.push(Block::Rule);
        blocks.push(Block::Paragraph(
            Paragraph::text(receipt).size(9.0).align(Align::Left),
        ));
    }
    if cited.is_empty() {
        return Err(Error::Conflict(format!(
            "{} no tiene miembros que citar en esa fecha.",
            super::bodies::capitalize(&super::bodies::the_body(&d.session.body_name))
        )));
    }
    let doc = base(
        &c,
        &d,
        &title,
        "Convocatoria",
        &format!("convocatoria-{session_id}-{ident}"),
        &ctx.files_dir,
        blocks,
    )?;
    let r = doc.render()?;
    Ok(plain(r, &title))
}

/// The session's identifier once it has one (it is numbered when it starts); before, its
/// kind and date: "SESIÓN ORDINARIA DEL 14/03/2026".
fn session_name(d: &SessionDetail) -> Result<String> {
    if let Some(ident) = &d.session.identifier {
        return Ok(ident.clone());
    }
    let date = parse_date(&d.session.date, "date")?;
    Ok(format!(
        "SESIÓN {} DEL {}",
        d.session.kind.as_str().to_uppercase(),
        date.format("%d/%m/%Y")
    ))
}

fn spanish_session(ident: &str) -> String {
    // "SESIÓN ORDINARIA N° 05-2026" → "Sesión Ordinaria N° 05-2026";
    // "SESIÓN ORDINARIA DEL 14/03/2026" → "Sesión Ordinaria del 14/03/2026".
    ident
        .split(' ')
        .map(|w| {
            if w == "DEL" {
                "del".to_string()
            } else if w.chars().count() > 2 && w.chars().all(|c| c.is_uppercase()) {
                let mut cs = w.chars();
                let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
                format!("{first}{}", cs.as_str().to_lowercase())
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn plain(r: pdf::Rendered, title: &str) -> RecordPdf {
    RecordPdf {
        pdf: r.pdf,
        pages: r.pages,
        boxes: r.signature_boxes,
        filename: crate::records::file_name(title),
        signatures: 0,
        signers: vec![],
    }
}

fn agenda_document(
    c: &Context,
    d: &SessionDetail,
    files_dir: &std::path::Path,
) -> Result<Document> {
    let ident = session_name(d)?;
    let title = format!("{} DE LA {ident}", c.agenda.to_uppercase());
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Paragraph(
            Paragraph::text(format!(
                "{} {}.",
                if d.session.started_at.is_some() {
                    "Se realizó"
                } else {
                    "Se realizará"
                },
                when(c, d)?
            ))
            .align(Align::Center)
            .spacing(0.0, 10.0),
        ),
    ];
    blocks.extend(agenda_blocks(c, d));
    let late: Vec<&super::AgendaItem> = d.agenda.iter().filter(|i| i.late).collect();
    if !late.is_empty() {
        blocks.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(format!(
                "Presentados fuera de plazo: {}.",
                late.iter()
                    .map(|i| i.title.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))])
            .size(9.0),
        ));
    }
    blocks.push(Block::Signatures(signer(c)));
    base(
        c,
        d,
        &title,
        &c.agenda,
        &format!("agenda-{}-{ident}", d.session.id),
        files_dir,
        blocks,
    )
}

/// `agenda`: the agenda of a convened session.
pub async fn agenda(conn: &mut SqliteConnection, ctx: &Ctx, session_id: i64) -> Result<RecordPdf> {
    let d = detail(conn, ctx, session_id).await?;
    let c = context(conn, &d).await?;
    let doc = agenda_document(&c, &d, &ctx.files_dir)?;
    let title = doc.info.title.clone();
    Ok(plain(doc.render()?, &title))
}

/// `paquete`: index, convocation and agenda, then every attached PDF, numbered over the whole
/// file. Attachments that are not PDF are listed in the index as not included.
pub async fn packet(conn: &mut SqliteConnection, ctx: &Ctx, session_id: i64) -> Result<RecordPdf> {
    let d = detail(conn, ctx, session_id).await?;
    let c = context(conn, &d).await?;
    let ident = session_name(&d)?;
    let held = d.session.started_at.is_some();
    let atts = &d.attachments;
    let mut pdfs: Vec<(String, Vec<u8>, u32)> = Vec::new();
    let mut skipped = Vec::new();
    for a in atts {
        let item = d
            .agenda
            .iter()
            .find(|i| i.id == a.item_id)
            .map(|i| i.title.clone())
            .unwrap_or_default();
        if a.mime != "application/pdf" {
            skipped.push(format!("{} ({item})", a.name));
            continue;
        }
        let bytes = files::read(&ctx.files_dir, &a.file_sha256)?;
        let pages = lopdf::Document::load_mem(&bytes)
            .map(|doc| doc.get_pages().len() as u32)
            .map_err(|e| {
                Error::Conflict(format!("El anexo «{}» no es un PDF legible: {e}.", a.name))
            })?;
        pdfs.push((format!("{} — {}", item, a.name), bytes, pages));
    }
    // What a session already held produced: its acta (draft or approved) and its agreements,
    // placed after the agenda and before the attachments.
    let mut produced: Vec<(String, Vec<u8>, u32)> = Vec::new();
    let mut results: Vec<Vec<String>> = Vec::new();
    if held {
        let has_minutes: bool =
            sqlx::query_scalar("SELECT count(*) > 0 FROM minutes WHERE session_id = $1")
                .bind(session_id)
                .fetch_one(&mut *conn)
                .await?;
        if has_minutes {
            let approved = d.session.status == super::SessionStatus::ActaAprobada;
            let acta = super::minutes::render(conn, ctx, session_id).await?;
            produced.push((
                if approved { "Acta" } else { "Proyecto de acta" }.to_string(),
                acta.pdf,
                acta.pages,
            ));
        }
        for i in &d.agenda {
            let Some(decision) = &i.decision else {
                continue;
            };
            let tally = super::vote::Tally::of(
                super::nominal(conn, i.id)
                    .await?
                    .into_iter()
                    .map(|v| v.ballot),
            );
            let mut outcome = decision_label(decision).to_string();
            if let Some(a) = i.agreement_id {
                let identifier = norms::identifier_of(conn, a).await?;
                let pdf = norms::render_pdf(conn, ctx, a).await?;
                let name = identifier.unwrap_or_else(|| "Proyecto de acuerdo".into());
                outcome.push_str(&format!(" — {name}"));
                produced.push((name, pdf.pdf, pdf.pages));
            }
            results.push(vec![
                i.title.clone(),
                outcome,
                format!(
                    "{} / {} / {}",
                    tally.a_favor, tally.en_contra, tally.abstenciones
                ),
            ]);
        }
    }
    let convocation = convocation_general(&c, &d, &ctx.files_dir)?;
    let agenda = agenda_document(&c, &d, &ctx.files_dir)?;
    let conv_pages = convocation.render()?.pages;
    let agenda_pages = agenda.render()?.pages;
    // The index's own length decides where everything starts: lay it out until it settles.
    let mut index_pages = 1;
    let mut index_doc;
    loop {
        let mut starts = vec![index_pages + 1, index_pages + 1 + conv_pages];
        let mut next = index_pages + 1 + conv_pages + agenda_pages;
        for (_, _, p) in produced.iter().chain(pdfs.iter()) {
            starts.push(next);
            next += p;
        }
        let total = next - 1;
        let mut rows = vec![
            vec!["Convocatoria".to_string(), starts[0].to_string()],
            vec![c.agenda.clone(), starts[1].to_string()],
        ];
        for (n, (name, _, _)) in produced.iter().enumerate() {
            rows.push(vec![name.clone(), starts[n + 2].to_string()]);
        }
        for (n, (name, _, _)) in pdfs.iter().enumerate() {
            rows.push(vec![
                format!("Anexo {}: {name}", n + 1),
                starts[n + 2 + produced.len()].to_string(),
            ]);
        }
        let status_line = match d.session.status {
            _ if !held => format!("Sesión que se realizará {}.", when(&c, &d)?),
            super::SessionStatus::Suspendida => {
                format!("Sesión iniciada {} y suspendida.", when(&c, &d)?)
            }
            super::SessionStatus::EnCurso => {
                format!("Sesión en curso, iniciada {}.", when(&c, &d)?)
            }
            _ => format!("Sesión realizada {}.", when(&c, &d)?),
        };
        let mut blocks = vec![
            Block::Title(format!("DOCUMENTOS DE LA {ident}")),
            Block::Paragraph(
                Paragraph::text(status_line)
                    .align(Align::Center)
                    .spacing(0.0, 10.0),
            ),
            Block::Heading("ÍNDICE".into()),
            Block::Table(Table {
                columns: vec![
                    Column::new("Documento", 140.0),
                    Column::right("Página", 20.0),
                ],
                rows,
                size: 10.0,
            }),
        ];
        if !results.is_empty() {
            blocks.push(Block::Heading("VOTACIONES".into()));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("Asunto", 80.0),
                    Column::new("Resultado", 55.0),
                    Column::right("A favor / en contra / abst.", 25.0),
                ],
                rows: results.clone(),
                size: 9.0,
            }));
        }
        if !skipped.is_empty() {
            blocks.push(Block::Paragraph(Paragraph::text(format!(
                "Anexos que no son PDF, disponibles en la Secretaría: {}.",
                skipped.join("; ")
            ))));
        }
        index_doc = base(
            &c,
            &d,
            &format!("DOCUMENTOS DE LA {ident}"),
            "Paquete de la sesión",
            &format!("paquete-{session_id}-{ident}"),
            &ctx.files_dir,
            blocks,
        )?;
        index_doc.page_numbers = Some((1, total));
        let pages = index_doc.render()?.pages;
        if pages == index_pages {
            let mut conv = convocation.clone();
            conv.page_numbers = Some((starts[0], total));
            let mut ag = agenda.clone();
            ag.page_numbers = Some((starts[1], total));
            let parts_bytes = [
                index_doc.render()?.pdf,
                conv.render()?.pdf,
                ag.render()?.pdf,
            ];
            let titles = [
                "Índice".to_string(),
                "Convocatoria".to_string(),
                c.agenda.clone(),
            ];
            let mut parts: Vec<pdf::MergePart> = parts_bytes
                .iter()
                .zip(titles.iter())
                .map(|(b, t)| pdf::MergePart {
                    pdf: b,
                    title: Some(t),
                })
                .collect();
            for (name, bytes, _) in produced.iter().chain(pdfs.iter()) {
                parts.push(pdf::MergePart {
                    pdf: bytes,
                    title: Some(name),
                });
            }
            let merged = pdf::merge_with(
                &parts,
                &pdf::MergeOptions {
                    page_numbers: true,
                    stamp_from_part: 3,
                },
            )?;
            return Ok(RecordPdf {
                pdf: merged.pdf,
                pages: merged.pages,
                boxes: vec![],
                filename: crate::records::file_name(&format!("PAQUETE {ident}")),
                signatures: 0,
                signers: vec![],
            });
        }
        index_pages = pages;
    }
}

/// A vote's result as the packet lists it.
fn decision_label(decision: &str) -> &'static str {
    match decision {
        "aprobado" => "Aprobado",
        "rechazado" => "Rechazado",
        "empate_repetir" => "Empate: la votación se repite",
        "empate_nueva_sesion" => "Empate: pasa a una nueva sesión",
        "empate_voto_dirimente" => "Empate: voto dirimente pendiente",
        _ => "Votado",
    }
}

fn convocation_general(
    c: &Context,
    d: &SessionDetail,
    files_dir: &std::path::Path,
) -> Result<Document> {
    let ident = session_name(d)?;
    let title = format!("CONVOCATORIA A LA {ident}");
    let (who, of_body) = convener(d);
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Paragraph(Paragraph::text(convened_line(c, d)?).align(Align::Right).spacing(0.0, 10.0)),
        Block::Paragraph(Paragraph::text(format!(
            "Por disposición {}, se convoca a los señores miembros {} a la {}, que se realizará {}, con la {} que se adjunta.",
            who,
            of_body,
            spanish_session(&ident),
            when(c, d)?,
            c.agenda.to_lowercase()
        ))),
        Block::Paragraph(Paragraph::text(format!(
            "Citados: {}.",
            d.members.iter().filter(|m| m.role != "alcalde").map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    ];
    blocks.push(Block::Signatures(signer(c)));
    base(
        c,
        d,
        &title,
        "Convocatoria",
        &format!("convocatoria-general-{}-{ident}", d.session.id),
        files_dir,
        blocks,
    )
}
