//! An approved item of the Concejo becomes a numbered, sealed Acuerdo de Concejo.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::store::*;
use super::vote::Tally;
use super::*;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::norms::{self as norms, ArticleInput, NormInput};

/// Params of `vote.adopt`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VoteAdopt {
    /// Agenda item approved.
    pub item_id: i64,
    /// The articles of the agreement, one per line ("APROBAR …", "ENCARGAR …").
    pub articles: Vec<String>,
}

/// `vote.adopt`: an approved item becomes a numbered, sealed Acuerdo de Concejo.
pub async fn adopt(conn: &mut SqliteConnection, ctx: &Ctx, p: VoteAdopt) -> Result<norms::Norm> {
    let it = item(conn, p.item_id).await?;
    if it.decision.as_deref() != Some("aprobado") {
        return Err(Error::Conflict(
            "Solo un asunto aprobado se convierte en acuerdo.".into(),
        ));
    }
    if it.agreement_id.is_some() {
        return Err(Error::Conflict("Este asunto ya tiene su acuerdo.".into()));
    }
    let s = session(conn, it.session_id).await?;
    if s.body_kind != BodyKind::Concejo {
        return Err(Error::Conflict(format!(
            "{} no adopta acuerdos de concejo: {}",
            bodies::capitalize(&bodies::the_body(&s.body_name)),
            if s.body_kind == BodyKind::Comision {
                "lo aprobado es su dictamen, que pasa al Concejo como asunto de su agenda."
            } else {
                "lo aprobado consta en su acta."
            }
        )));
    }
    let articles: Vec<ArticleInput> = p
        .articles
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(|a| ArticleInput {
            title: None,
            text: a.to_string(),
            items: vec![],
        })
        .collect();
    if articles.is_empty() {
        return Err(Error::field(
            "articles",
            "Escriba al menos un artículo del acuerdo.",
        ));
    }
    let date = parse_date(&s.date, "date")?;
    let votes = Tally::of(nominal(conn, it.id).await?.iter().map(|v| v.ballot));
    let t = norms::template(
        conn,
        ctx,
        norms::NormTemplateParams {
            series: "acuerdo".into(),
            date: Some(date),
        },
    )
    .await?;
    let how = if votes.en_contra == 0 && votes.abstenciones == 0 {
        "por UNANIMIDAD".to_string()
    } else {
        format!("por MAYORÍA ({})", votes.in_words())
    };
    let identifier = s.identifier.clone().unwrap_or_default();
    let title = it.title.clone();
    // VISTOS names the document seen; the matter's summary is a considerando, not a visto.
    let mut vistos = Vec::new();
    let seen = it.item_kind.trim();
    if !seen.is_empty() {
        let mut chars = seen.chars();
        let seen: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        let by = it.filed_by.trim();
        vistos.push(if by.is_empty() {
            format!("{seen}, sobre «{title}»;")
        } else {
            format!("{seen}, de {by}, sobre «{title}»;")
        });
    }
    let mut considerandos = Vec::new();
    let summary = it.summary.trim().trim_end_matches(['.', ';']);
    if !summary.is_empty() {
        considerandos.push(format!("Que, el asunto se resume así: {summary};"));
    }
    let input = NormInput {
        series: "acuerdo".into(),
        session_kind: Some(s.kind.as_str().to_string()),
        date,
        title: title.clone(),
        issuer: t.norm.issuer.clone(),
        vistos,
        considerandos: {
            considerandos.push(format!(
                "Que, en la {} de fecha {}, el Concejo Municipal trató el asunto «{title}» y lo aprobó {how};",
                titlecase(&identifier),
                crate::spanish::long_date(date, false)
            ));
            considerandos
        },
        preamble: t.norm.preamble.clone().map(|p| p.replace("por …", &how)),
        operative_heading: t.norm.operative_heading.clone(),
        articles,
        closing_formula: t.norm.closing_formula.clone(),
        signatories: t.norm.signatories.clone(),
    };
    let created = norms::create(conn, ctx, input).await?;
    let sealed = norms::seal_norm(conn, ctx, norms::NormId { id: created.id }).await?;
    sqlx::query("UPDATE agenda_item SET agreement_id = $1 WHERE id = $2")
        .bind(created.id)
        .bind(it.id)
        .execute(&mut *conn)
        .await?;
    Ok(sealed)
}

fn titlecase(identifier: &str) -> String {
    // "SESIÓN ORDINARIA N° 05-2026" → "Sesión Ordinaria N° 05-2026".
    identifier
        .split(' ')
        .map(|w| {
            if w.chars().all(|c| c.is_uppercase()) && w.chars().count() > 2 {
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
