//! What a norm must be: a draft is cleaned (trimmed, empty rows dropped) and needs a norm
//! series, a date and a title; sealing needs it complete, with valid DNI/RUN.

use sqlx::SqliteConnection;

use super::model::{ArticleInput, NormInput, NormKind, SignatoryInput};
use crate::error::{Error, Result};
use crate::{ids, numbering};

fn trimmed(s: &str) -> String {
    s.trim().to_string()
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Clean what the editor sent (trim, drop empty paragraphs and literales) and check what a
/// draft needs: a norm series, a date and a title. Completeness is checked when sealing.
pub(super) async fn clean(
    conn: &mut SqliteConnection,
    p: &NormInput,
) -> Result<(NormInput, NormKind)> {
    let series = p.series.trim();
    let needs_session = numbering::series_needs_session(conn, series).await?;
    let (kind, needs_session) = NormKind::of_series(series)
        .zip(needs_session)
        .ok_or_else(|| {
            Error::field(
                "series",
                format!(
                    "«{series}» no es una serie de normas (ordenanza, decreto, resolución o acuerdo)."
                ),
            )
        })?;
    let session_kind = match p
        .session_kind
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        _ if !needs_session => None,
        None => Some("ordinaria".to_string()),
        Some(k @ ("ordinaria" | "extraordinaria" | "solemne")) => Some(k.to_string()),
        Some(other) => {
            return Err(Error::field(
                "session_kind",
                format!("«{other}» no es un tipo de sesión: ordinaria, extraordinaria o solemne."),
            ))
        }
    };
    if p.title.trim().is_empty() {
        return Err(Error::field(
            "title",
            "Escriba el título de la norma: de qué trata, en una línea.",
        ));
    }
    let paragraphs = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let signatories = p
        .signatories
        .iter()
        .map(|s| SignatoryInput {
            name: trimmed(&s.name),
            cargo: trimmed(&s.cargo),
            dni: opt(&s.dni),
        })
        .filter(|s| !(s.name.is_empty() && s.cargo.is_empty() && s.dni.is_none()))
        .collect();
    Ok((
        NormInput {
            series: series.to_string(),
            session_kind,
            date: p.date,
            title: trimmed(&p.title),
            issuer: opt(&p.issuer),
            vistos: paragraphs(&p.vistos),
            considerandos: paragraphs(&p.considerandos),
            preamble: opt(&p.preamble),
            operative_heading: trimmed(&p.operative_heading),
            articles: p
                .articles
                .iter()
                .map(|a| ArticleInput {
                    title: opt(&a.title),
                    text: trimmed(&a.text),
                    items: paragraphs(&a.items),
                })
                .filter(|a| !(a.text.is_empty() && a.title.is_none() && a.items.is_empty()))
                .collect(),
            closing_formula: trimmed(&p.closing_formula),
            signatories,
        },
        kind,
    ))
}

/// What sealing needs beyond a draft: the operative part, articles with text, 1 to 4
/// signatories with name and cargo, valid DNI/RUN.
pub(super) fn check_complete(n: &NormInput, country: &str) -> Result<()> {
    if n.operative_heading.is_empty() {
        return Err(Error::field(
            "operative_heading",
            "Falta la fórmula de la parte resolutiva (por ejemplo «SE RESUELVE:»).",
        ));
    }
    if n.articles.is_empty() {
        return Err(Error::field(
            "articles",
            "La norma necesita al menos un artículo.",
        ));
    }
    for (i, a) in n.articles.iter().enumerate() {
        if a.text.is_empty() {
            return Err(Error::field(
                &format!("articles[{i}].text"),
                format!("El artículo {} no tiene texto.", i + 1),
            ));
        }
    }
    if n.closing_formula.is_empty() {
        return Err(Error::field(
            "closing_formula",
            "Falta la fórmula de cierre («Regístrese, comuníquese…»).",
        ));
    }
    if n.signatories.is_empty() {
        return Err(Error::field(
            "signatories",
            "Indique quién firma la norma (al menos una persona).",
        ));
    }
    if n.signatories.len() > 4 {
        return Err(Error::field(
            "signatories",
            "Una norma lleva como máximo cuatro firmas.",
        ));
    }
    for (i, s) in n.signatories.iter().enumerate() {
        if s.name.is_empty() {
            return Err(Error::field(
                &format!("signatories[{i}].name"),
                format!("Falta el nombre de quien firma en el bloque {}.", i + 1),
            ));
        }
        if s.cargo.is_empty() {
            return Err(Error::field(
                &format!("signatories[{i}].cargo"),
                format!("Falta el cargo de {}.", s.name),
            ));
        }
    }
    validate_ids(n, country)
}

/// The DNI (Peru) or RUN (Chile) of each signatory, when given, is a valid one.
pub(super) fn validate_ids(n: &NormInput, country: &str) -> Result<()> {
    for (i, s) in n.signatories.iter().enumerate() {
        if let Some(d) = &s.dni {
            let doc = if country == "CL" { "RUN" } else { "DNI" };
            ids::validate(doc, d)
                .map_err(|e| Error::field(&format!("signatories[{i}].dni"), e.to_api().message))?;
        }
    }
    Ok(())
}
