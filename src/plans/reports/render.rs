//! A report on paper: its content laid out with the PDF engine — letterhead, title, the
//! memorandum's heading or the place and date, numbered sections with their tables, and the
//! signatures. A sealed report renders its frozen content; a draft its content of today,
//! marked as a draft.

use sqlx::SqliteConnection;

use super::content::{self, ReportContent};
use super::{store, ReportKind, RECORD_KIND};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::pdf::{Align, Block, Document, Paragraph, Signatory, Span};
use crate::records::layout::{self, oriented, section_blocks, title_blocks, Heading};
use crate::records::registry::SealedRender;
use crate::records::{file_name, seal, RecordPdf};
use crate::spanish;

/// The right-hand text of the running header: short enough to leave room for the
/// municipality's name on the left.
fn running(c: &ReportContent) -> String {
    match (c.kind, c.name.split_once(" — ")) {
        (ReportKind::InformeMensual, Some((_, when))) => format!("Informe mensual — {when}"),
        _ => c.name.replace("Reporte de Seguimiento", "Seguimiento"),
    }
}

/// The printable document of a report. `record_id` is the digest once sealed (the PDF's
/// document ID); `code` the verification code printed on every page.
pub(super) fn document(
    c: &ReportContent,
    record_id: &str,
    code: Option<&str>,
    draft: bool,
    files_dir: &std::path::Path,
) -> Result<Document> {
    let mut b = title_blocks(&c.title, &c.subtitle);
    if draft {
        b.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(format!(
                "Borrador con los datos registrados al {}: sin sello no es un documento oficial.",
                spanish::long_date(c.date, c.frame.country == "CL")
            ))])
            .size(9.0)
            .align(Align::Center)
            .spacing(2.0, 0.0),
        ));
    }
    b.push(Block::Space(3.0));
    if c.memo.is_empty() {
        b.push(Block::Paragraph(
            Paragraph::text(c.place_date.clone())
                .align(Align::Right)
                .spacing(0.0, 8.0),
        ));
    } else {
        let fecha = content::MemoLine {
            label: "FECHA:".into(),
            text: c.place_date.clone(),
        };
        for line in c.memo.iter().chain(std::iter::once(&fecha)) {
            let mut p = Paragraph::new(vec![Span::regular(line.text.clone())])
                .align(Align::Left)
                .indent(25.0)
                .spacing(0.0, 4.0);
            p.label = Some(Span::bold(line.label.clone()));
            b.push(Block::Paragraph(p));
        }
        b.push(Block::Rule);
    }
    section_blocks(&c.sections, &mut b);
    if let Some(closing) = &c.closing {
        b.push(Block::Paragraph(
            Paragraph::text(closing.clone())
                .spacing(8.0, 0.0)
                .keep_together(),
        ));
    }
    if !c.signatories.is_empty() {
        b.push(Block::Signatures(
            c.signatories
                .iter()
                .map(|s| Signatory {
                    name: s.name.clone(),
                    cargo: s.cargo.clone(),
                    dni: s.dni.clone(),
                })
                .collect(),
        ));
    }
    let subject = c.subtitle.join(" — ");
    let mut doc = layout::document(
        &c.frame,
        files_dir,
        Heading {
            record_id,
            title: &c.name,
            subject: &subject,
            keyword: c.kind.as_str(),
            date: c.date,
            running: &running(c),
        },
        b,
    )?;
    doc.settings = oriented(doc.settings, c.landscape);
    doc.verification_code = code.map(str::to_string);
    Ok(doc)
}

fn record_pdf(r: crate::pdf::Rendered, filename: String, c: &ReportContent) -> RecordPdf {
    RecordPdf {
        pdf: r.pdf,
        pages: r.pages,
        boxes: r.signature_boxes,
        filename,
        signatures: 0,
        signers: c
            .signatories
            .iter()
            .map(|s| (s.name.clone(), s.cargo.clone(), s.dni.clone()))
            .collect(),
    }
}

/// Render a sealed report's frozen content.
pub(super) fn render_sealed(
    ctx: &Ctx,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<SealedRender> {
    let c: ReportContent = serde_json::from_value(value.clone())
        .map_err(|e| Error::Internal(format!("informe sellado ilegible: {e}")))?;
    let r = document(&c, digest, Some(code), false, &ctx.files_dir)?.render()?;
    Ok(SealedRender {
        print_kind: c.kind.as_str().to_string(),
        identifier: c.name.clone(),
        pdf: record_pdf(r, file_name(&c.name), &c),
    })
}

/// Render report `id`: its sealed content, or its draft with the data as they stand.
pub(super) async fn render(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<RecordPdf> {
    if let Some((s, value)) = seal::content(conn, RECORD_KIND, id).await? {
        return Ok(render_sealed(ctx, &value, &s.digest, &s.verification_code)?.pdf);
    }
    let row = store::row(conn, id).await?;
    let c = content::build(conn, ctx, &row).await?;
    let r = document(
        &c,
        &format!("borrador-{}-{id}-{}", row.kind.as_str(), ctx.today),
        None,
        true,
        &ctx.files_dir,
    )?
    .render()?;
    Ok(record_pdf(
        r,
        format!("borrador-{}-{id}.pdf", row.kind.as_str()),
        &c,
    ))
}
