//! A norm on paper: its sealed content rendered again, its draft marked PROYECTO, and its
//! text as a certified copy reprints it.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::{NormInput, NormKind, SealedNorm, SignatoryInput};
use super::templates::kind_label;
use super::{store, RECORD_KIND};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::municipality::place_name;
use crate::pdf::{self, Article, ArticleStyle, NormDocument, Signatory};
use crate::records::registry::SealedRender;
use crate::records::settings::Frame;
use crate::records::{file_name, seal, RecordPdf};
use crate::spanish;

/// The printable norm. `seal` is the record id for the PDF (the digest once sealed) and the
/// verification code.
fn document(
    kind_label: &str,
    identifier: &str,
    note: Option<String>,
    n: &NormInput,
    frame: &Frame,
    files_dir: &std::path::Path,
    (record_id, code): (&str, Option<&str>),
) -> Result<NormDocument> {
    let date = n.date;
    let chile = frame.country == "CL";
    let kind = NormKind::of_series(&n.series).unwrap_or(NormKind::Resolucion);
    Ok(NormDocument {
        record_id: record_id.to_string(),
        date,
        kind_label: kind_label.to_string(),
        identifier: identifier.to_string(),
        place_date: format!(
            "{}, {}",
            place_name(&frame.municipality),
            spanish::long_date(date, chile)
        ),
        note,
        issuer: n.issuer.clone(),
        vistos: n.vistos.clone(),
        considerandos: n.considerandos.clone(),
        preamble: n.preamble.clone(),
        operative_heading: n.operative_heading.clone(),
        // The title of an ordenanza is printed after "HA DADO LA ORDENANZA SIGUIENTE:"; other
        // norms carry it only as their sumilla (lists, metadata).
        title: (kind == NormKind::Ordenanza).then(|| n.title.to_uppercase()),
        articles: n
            .articles
            .iter()
            .map(|a| Article {
                title: a.title.clone(),
                text: a.text.clone(),
                items: a.items.clone(),
                table: None,
            })
            .collect(),
        article_style: ArticleStyle::Numeric,
        closing_formula: n.closing_formula.clone(),
        signatories: n
            .signatories
            .iter()
            .map(|s| Signatory {
                name: s.name.clone(),
                cargo: s.cargo.clone(),
                dni: s.dni.clone(),
            })
            .collect(),
        letterhead: frame.letterhead(files_dir)?,
        settings: frame.settings.page(),
        verification_code: code.map(str::to_string),
    })
}

fn record_pdf(r: pdf::Rendered, identifier: &str, n: &NormInput) -> RecordPdf {
    RecordPdf {
        pdf: r.pdf,
        pages: r.pages,
        boxes: r.signature_boxes,
        filename: file_name(identifier),
        signatures: 0,
        signers: n
            .signatories
            .iter()
            .map(|s| (s.name.clone(), s.cargo.clone(), s.dni.clone()))
            .collect(),
    }
}

/// Render a sealed norm's frozen content.
pub(crate) fn render_sealed(
    ctx: &Ctx,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<SealedRender> {
    let c: SealedNorm = serde_json::from_value(value.clone())
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let doc = document(
        &c.kind_label,
        &c.identifier,
        c.note.clone(),
        &c.norm,
        &c.frame,
        &ctx.files_dir,
        (digest, Some(code)),
    )?;
    let r = doc.document()?.render()?;
    Ok(SealedRender {
        print_kind: c.kind.as_str().to_string(),
        identifier: c.identifier.clone(),
        pdf: record_pdf(r, &c.identifier, &c.norm),
    })
}

/// Render a norm: the sealed content, or the draft as it stands (marked PROYECTO, unnumbered).
pub(crate) async fn render(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<RecordPdf> {
    if let Some((s, value)) = seal::content(conn, RECORD_KIND, id).await? {
        return Ok(render_sealed(ctx, &value, &s.digest, &s.verification_code)?.pdf);
    }
    // A norm of the history prints as its original.
    if let Some(original) = super::original::render(conn, ctx, id).await? {
        return Ok(original);
    }
    let r = store::row(conn, id).await?;
    let n = r.input()?;
    let date = n.date;
    let country = crate::municipality::country(conn).await?;
    let frame = Frame::current(conn, date).await?;
    let identifier = format!("PROYECTO DE {}", kind_label(&n.series, &country));
    let mut n_print = n.clone();
    if n_print.signatories.is_empty() {
        n_print.signatories.push(SignatoryInput {
            name: "(sin firmante)".into(),
            cargo: "(por designar)".into(),
            dni: None,
        });
    }
    let doc = document(
        kind_label(&n.series, &country),
        &identifier,
        Some("Proyecto sin número ni sello: no es un documento oficial.".into()),
        &n_print,
        &frame,
        &ctx.files_dir,
        (&format!("proyecto-{id}-{}", r.updated_at), None),
    )?;
    let rendered = doc.document()?.render()?;
    Ok(record_pdf(
        rendered,
        &format!("proyecto-{}-{id}", r.kind.as_str()),
        &n_print,
    ))
}

/// The text of a sealed norm for a certified copy: (identifier, date, paragraphs as printed,
/// its kind).
pub(crate) async fn copy_text(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<(String, NaiveDate, Vec<String>, NormKind)> {
    let Some((_, value)) = seal::content(conn, RECORD_KIND, id).await? else {
        return Err(Error::field(
            "norm_id",
            "Solo se certifica una norma sellada; esta norma es todavía un proyecto.",
        ));
    };
    let c: SealedNorm = serde_json::from_value(value)
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let n = &c.norm;
    let date = n.date;
    let mut p = Vec::new();
    p.push(format!(
        "{}, {}",
        place_name(&c.frame.municipality),
        spanish::long_date(date, c.frame.country == "CL")
    ));
    if let Some(note) = &c.note {
        p.push(note.clone());
    }
    p.extend(n.issuer.iter().cloned());
    if !n.vistos.is_empty() {
        p.push("VISTOS:".into());
        p.extend(n.vistos.iter().cloned());
    }
    if !n.considerandos.is_empty() {
        p.push("CONSIDERANDO:".into());
        p.extend(n.considerandos.iter().cloned());
    }
    p.extend(n.preamble.iter().cloned());
    p.push(n.operative_heading.clone());
    if c.kind == NormKind::Ordenanza {
        p.push(n.title.to_uppercase());
    }
    for (i, a) in n.articles.iter().enumerate() {
        let mut t = ArticleStyle::Numeric.label(i as u32 + 1);
        if let Some(title) = &a.title {
            t.push_str(&format!(" {}.", title.trim_end_matches('.')));
        }
        t.push(' ');
        t.push_str(&a.text);
        p.push(t);
        for (j, item) in a.items.iter().enumerate() {
            let letter = (b'a' + (j % 26) as u8) as char;
            p.push(format!("{letter}) {item}"));
        }
    }
    p.push(n.closing_formula.clone());
    for s in &n.signatories {
        p.push(format!("{} — {}", s.name, s.cargo));
    }
    Ok((c.identifier, date, p, c.kind))
}
