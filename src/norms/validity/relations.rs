//! Relations between norms, recorded from the newer sealed norm to an older one: modifica,
//! deroga (total / parcial), reglamenta, prorroga, suspende… (table `norm_relation_kind`, with
//! the wording both ways). A total repeal ends the older norm's validity on the day the
//! repealing norm takes effect; removing it (a mistake) restores it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{refresh, sealed, store, view, NormValidity};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::norms::RECORD_KIND;
use crate::records::event;

/// Params of `norm.relation.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormRelationAdd {
    /// The newer, sealed norm that acts.
    pub id: i64,
    /// Kind code (`modifica`, `deroga_total`, `deroga_parcial`…).
    pub kind: String,
    /// The older norm it acts on.
    #[serde(default)]
    pub target_id: Option<i64>,
    /// Which articles, or any note.
    #[serde(default)]
    pub note: Option<String>,
    /// A suspension's last day (only `suspende`).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub until_on: Option<NaiveDate>,
}

/// `norm.relation.add`.
pub async fn relation_add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormRelationAdd,
) -> Result<NormValidity> {
    let source = sealed(conn, p.id, None).await?;
    let kinds = store::relation_kinds(conn).await?;
    let code = p.kind.trim();
    if code.is_empty() {
        return Err(Error::field("kind", "Elija el tipo de relación."));
    }
    let Some(kind) = kinds.iter().find(|k| k.code == code) else {
        return Err(Error::field(
            "kind",
            format!("«{code}» no es un tipo de relación entre normas."),
        ));
    };
    let Some(target_id) = p.target_id else {
        return Err(Error::field(
            "target_id",
            "Elija la norma relacionada: escriba su número o parte de su título.",
        ));
    };
    if target_id == p.id {
        return Err(Error::field(
            "target_id",
            format!(
                "Una norma no puede relacionarse consigo misma: {} no {} sí misma.",
                source.identifier,
                kind.active.to_lowercase()
            ),
        ));
    }
    let target = sealed(conn, target_id, Some("target_id")).await?;
    if target.date > source.date {
        return Err(Error::field(
            "target_id",
            format!(
                "{} ({}) es posterior a {} ({}): la relación se registra desde la norma más reciente; ábrala y regístrela allí.",
                target.identifier,
                target.date.format("%d/%m/%Y"),
                source.identifier,
                source.date.format("%d/%m/%Y")
            ),
        ));
    }
    if store::relation_exists(conn, p.id, target_id, code).await? {
        return Err(Error::field(
            "target_id",
            format!(
                "Ya está registrado que {} {} {}.",
                source.identifier,
                kind.active.to_lowercase(),
                target.identifier
            ),
        ));
    }
    if kind.effect == "deroga" || kind.effect == "deroga_parcial" || kind.effect == "suspende" {
        if let Some((_, by)) = store::repealed_by(conn, target_id).await? {
            return Err(Error::field(
                "target_id",
                format!(
                    "{} ya fue derogada totalmente por {}: no se puede derogar ni suspender de nuevo.",
                    target.identifier,
                    by.unwrap_or_default()
                ),
            ));
        }
    }
    if p.until_on.is_some() && kind.effect != "suspende" {
        return Err(Error::field(
            "until_on",
            "Solo una suspensión tiene fecha de término.",
        ));
    }
    if let Some(u) = p.until_on {
        if u < source.date {
            return Err(Error::field(
                "until_on",
                format!(
                    "La suspensión no puede terminar antes de la fecha de la norma que suspende ({}).",
                    source.date.format("%d/%m/%Y")
                ),
            ));
        }
    }
    let note = p.note.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if code == "deroga_parcial" && note.is_none() {
        return Err(Error::field(
            "note",
            "Indique qué artículos deroga (por ejemplo «artículos 3 y 5»).",
        ));
    }
    let until = p.until_on.map(|d| d.to_string());
    store::insert_relation(
        conn,
        &store::NewRelation {
            source: p.id,
            target: target_id,
            kind: code,
            note,
            until_on: until.as_deref(),
        },
        &ctx.stamp(),
        &ctx.actor.login,
    )
    .await?;
    refresh(conn, ctx, p.id).await?;
    let what = match note {
        Some(n) => format!(" ({n})"),
        None => String::new(),
    };
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("{} {}{what}", kind.active, target.identifier),
    )
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        target_id,
        &format!("{} {}{what}", kind.passive, source.identifier),
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// Params of `norm.relation.remove`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormRelationRemove {
    /// The norm whose page it is removed from (either end).
    pub id: i64,
    /// The relation recorded by mistake.
    pub relation_id: i64,
}

/// `norm.relation.remove`: a relation recorded by mistake; a total repeal removed gives the
/// older norm its validity back.
pub async fn relation_remove(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormRelationRemove,
) -> Result<NormValidity> {
    let Some((source_id, target_id, code)) = store::relation_ends(conn, p.relation_id).await?
    else {
        return Err(Error::NotFound("Esa relación no está registrada.".into()));
    };
    if p.id != source_id && p.id != target_id {
        return Err(Error::NotFound(
            "Esa relación no está registrada en esta norma.".into(),
        ));
    }
    let source = sealed(conn, source_id, None).await?;
    let target = sealed(conn, target_id, None).await?;
    let kinds = store::relation_kinds(conn).await?;
    let kind = kinds.iter().find(|k| k.code == code);
    store::delete_relation(conn, p.relation_id).await?;
    // The source first: it no longer affects the target, which refresh(source) would skip.
    refresh(conn, ctx, source_id).await?;
    refresh(conn, ctx, target_id).await?;
    let active = kind
        .map(|k| k.active.to_lowercase())
        .unwrap_or(code.clone());
    let text = format!(
        "Se quitó la relación «{} {} {}» (registrada por error)",
        source.identifier, active, target.identifier
    );
    event(conn, ctx, RECORD_KIND, source_id, &text).await?;
    event(conn, ctx, RECORD_KIND, target_id, &text).await?;
    view(conn, ctx, p.id).await
}
