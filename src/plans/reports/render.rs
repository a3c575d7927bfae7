//! A report on paper: its content laid out with the PDF engine — letterhead, title, the
//! memorandum's heading or the place and date, numbered sections with their tables, and the
//! signatures. A sealed report renders its frozen content; a draft its content of today,
//! marked as a draft.

use sqlx::SqliteConnection;

use super::charts;
use super::content::{self, Part, ReportContent};
use super::{store, ReportKind, RECORD_KIND};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::pdf::{
    Align, Block, Column, DocInfo, Document, Paper, Paragraph, Signatory, Span, Table,
};
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

/// Running text with its amounts and percentages kept on one line ("S/ 1.234,50", "87,5 %").
fn unbroken(text: &str) -> String {
    text.replace("S/ ", "S/\u{a0}")
        .replace("$ ", "$\u{a0}")
        .replace(" %", "\u{a0}%")
}

fn part_blocks(part: &Part, out: &mut Vec<Block>) {
    match part {
        Part::Text(t) => out.push(Block::Paragraph(Paragraph::text(unbroken(t)))),
        Part::Note(t) => out.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(t.clone())])
                .size(9.0)
                .align(Align::Left)
                .spacing(0.0, 6.0),
        )),
        Part::Subheading(t) => out.push(Block::Paragraph(
            Paragraph::new(vec![Span::bold(t.clone())])
                .size(10.0)
                .align(Align::Left)
                .spacing(6.0, 2.0)
                .keep_with_next(),
        )),
        // Ragged right: items are lists of codes and names, which justify badly.
        Part::Bullets(items) => {
            for (n, item) in items.iter().enumerate() {
                let mut p = Paragraph::new(vec![Span::regular(unbroken(item))])
                    .align(Align::Left)
                    .indent(7.0)
                    .spacing(0.0, if n + 1 == items.len() { 6.0 } else { 3.0 });
                p.label = Some(Span::regular("•"));
                out.push(Block::Paragraph(p));
            }
        }
        Part::Table(t) => out.push(Block::Table(Table {
            columns: t
                .columns
                .iter()
                .map(|c| {
                    if c.right {
                        Column::right(c.header.clone(), c.width as f32)
                    } else {
                        Column::new(c.header.clone(), c.width as f32)
                    }
                })
                .collect(),
            rows: t.rows.clone(),
            size: if t.small { 7.0 } else { 8.0 },
        })),
        Part::Bars(b) => out.push(Block::BarChart(charts::bar_chart(b))),
        Part::Curve(c) => out.push(Block::LineChart(charts::line_chart(c))),
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
    let letterhead = c.frame.letterhead(files_dir)?;
    let mut settings = c.frame.settings.page();
    if c.landscape {
        let (w, h) = settings.paper.size_mm();
        settings.paper = Paper::Custom {
            width_mm: w.max(h),
            height_mm: w.min(h),
        };
    }
    let mut b = vec![Block::Title(c.title.clone())];
    for (i, line) in c.subtitle.iter().enumerate() {
        let span = if i == 0 {
            Span::bold(line.clone())
        } else {
            Span::regular(line.clone())
        };
        b.push(Block::Paragraph(
            Paragraph::new(vec![span])
                .align(Align::Center)
                .spacing(0.0, 2.0),
        ));
    }
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
    for s in &c.sections {
        b.push(Block::Heading(s.heading.clone()));
        for (i, part) in s.parts.iter().enumerate() {
            part_blocks(part, &mut b);
            // A sentence that introduces a table or a chart stays on its page.
            if matches!(part, Part::Text(_))
                && matches!(
                    s.parts.get(i + 1),
                    Some(Part::Table(_) | Part::Bars(_) | Part::Curve(_))
                )
            {
                if let Some(Block::Paragraph(p)) = b.last_mut() {
                    p.keep_with_next = true;
                }
            }
        }
    }
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
    let municipality = letterhead.municipality.clone();
    Ok(Document {
        settings,
        info: DocInfo {
            record_id: record_id.to_string(),
            title: c.name.clone(),
            subject: c.subtitle.join(" — "),
            author: municipality.clone(),
            keywords: vec![c.kind.as_str().to_string(), letterhead.siglas.clone()],
            date: c.date,
            country: letterhead.country,
        },
        running_header: Some((municipality.to_uppercase(), running(c))),
        letterhead: Some(letterhead),
        verification_code: code.map(str::to_string),
        folio_start: None,
        page_numbers: None,
        blocks: b,
    })
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
