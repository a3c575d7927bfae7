//! A norm's life: listed, loaded, created and saved as a draft, discarded, sealed with its
//! number, and corrected by a new norm that points to it.

use sqlx::SqliteConnection;

use super::model::{
    Norm, NormCorrect, NormId, NormInput, NormList, NormPage, NormUpdate, SealedNorm,
};
use super::templates::kind_label;
use super::validation::{check_complete, clean, validate_ids};
use super::{store, RECORD_KIND};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::numbering;
use crate::records::settings::Frame;
use crate::records::{event, seal, signatures_of};

/// `norm.list`: a page of norms, newest first; with a query, the search's ranking.
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: NormList) -> Result<NormPage> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(Error::field("limit", "Pida de 1 a 200 normas por página."));
    }
    let status = p.status.as_deref().filter(|s| !s.is_empty());
    if status.is_some_and(|s| !matches!(s, "borrador" | "sellada" | "importada" | "escaneada")) {
        return Err(Error::field(
            "status",
            "Elija proyecto, sellada, importada o escaneada.",
        ));
    }
    let after = p.after.as_deref().filter(|s| !s.is_empty());
    if let Some(q) = p.query.as_deref().filter(|q| !q.trim().is_empty()) {
        let kind = p.kind.map(|k| k.as_str());
        // The history's own statuses are a condition only this area can write.
        let (status, origin) = match status {
            Some("importada") => (None, Some("x.origin = 'importada'")),
            Some("escaneada") => (None, Some("x.text_status = 'scanned'")),
            s => (s, None),
        };
        let norm_sql =
            origin.map(|c| format!("EXISTS (SELECT 1 FROM norm x WHERE x.id = n.id AND {c})"));
        let (ids, next) =
            crate::search::norm_ids(conn, q, kind, status, norm_sql, after, limit).await?;
        let mut rows = store::summaries_of(conn, &ids).await?;
        rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
        return Ok(NormPage { rows, next });
    }
    let cursor = match after {
        None => None,
        Some(a) => {
            let bad = || {
                Error::field(
                    "after",
                    "La página pedida no es válida: vuelva a la primera.",
                )
            };
            let (date, id) = a.split_once('|').ok_or_else(bad)?;
            Some((date.to_string(), id.parse::<i64>().map_err(|_| bad())?))
        }
    };
    let mut rows = store::summaries(conn, p.kind, status, cursor, limit + 1).await?;
    let next = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| format!("{}|{}", r.date, r.id))
    } else {
        None
    };
    Ok(NormPage { rows, next })
}

/// The whole norm.
pub async fn load(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<Norm> {
    let r = store::row(conn, id).await?;
    let seal = seal::of(conn, RECORD_KIND, id).await?;
    let signatures = signatures_of(conn, RECORD_KIND, id).await?;
    let corrects = match r.corrects_id {
        Some(c) => Some(store::link(conn, c).await?),
        None => None,
    };
    let corrected_by = store::corrected_by(conn, id).await?;
    let imported = super::original::imported(conn, &r).await?;
    let next_identifier = if r.sealed_at.is_none() {
        let date = parse_date(&r.date, "date").unwrap_or(ctx.today);
        numbering::preview(
            conn,
            ctx,
            numbering::NumberingPreview {
                series: r.series.clone(),
                date: Some(date),
                session_kind: r.session_kind.clone(),
            },
        )
        .await
        .ok()
        .map(|p| p.identifier)
    } else {
        None
    };
    Ok(Norm {
        id,
        kind: r.kind,
        norm: r.input()?,
        identifier: r.identifier.clone(),
        next_identifier,
        seal,
        signatures,
        corrects,
        correction_reason: r.correction_reason.clone(),
        corrected_by,
        imported,
        created_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
    })
}

/// `norm.get`.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: NormId) -> Result<Norm> {
    load(conn, ctx, p.id).await
}

/// `norm.create`: a new draft.
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: NormInput) -> Result<Norm> {
    let (n, kind) = clean(conn, &p).await?;
    let country = crate::municipality::country(conn).await?;
    validate_ids(&n, &country)?;
    let id = store::insert(conn, &n, kind, None, None, &ctx.stamp()).await?;
    event(conn, ctx, RECORD_KIND, id, "Proyecto creado").await?;
    load(conn, ctx, id).await
}

fn sealed_error(identifier: &str) -> Error {
    Error::Sealed(format!(
        "{identifier} está sellada: no se puede modificar ni borrar. Para corregirla, registre una corrección."
    ))
}

/// `norm.update`: save a draft.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: NormUpdate) -> Result<Norm> {
    let current = store::row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(sealed_error(ident));
    }
    let (n, kind) = clean(conn, &p.norm).await?;
    let country = crate::municipality::country(conn).await?;
    validate_ids(&n, &country)?;
    store::update(conn, p.id, &n, kind, &ctx.stamp()).await?;
    if current.input()? != n {
        event(conn, ctx, RECORD_KIND, p.id, "Proyecto modificado").await?;
    }
    load(conn, ctx, p.id).await
}

/// `norm.delete`: discard a draft (a sealed norm can never be deleted).
pub async fn delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: NormId,
) -> Result<crate::context::Empty> {
    let current = store::row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(sealed_error(ident));
    }
    store::delete(conn, p.id).await?;
    Ok(crate::context::Empty {})
}

/// `norm.seal`: number the draft from its series, freeze it and seal it, in one transaction.
pub async fn seal_norm(conn: &mut SqliteConnection, ctx: &Ctx, p: NormId) -> Result<Norm> {
    let current = store::row(conn, p.id).await?;
    if let Some(ident) = &current.identifier {
        return Err(Error::Sealed(format!("{ident} ya está sellada.")));
    }
    let (n, kind) = clean(conn, &current.input()?).await?;
    let country = crate::municipality::country(conn).await?;
    check_complete(&n, &country)?;
    let date = n.date;
    let note = match current.corrects_id {
        Some(c) => {
            let l = store::link(conn, c).await?;
            Some(format!(
                "Corrige {}: {}",
                l.identifier.unwrap_or(l.title),
                current.correction_reason.clone().unwrap_or_default()
            ))
        }
        None => None,
    };
    let assignment = numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series: n.series.clone(),
            date: n.date,
            session_kind: n.session_kind.clone(),
            record_kind: Some(RECORD_KIND.to_string()),
            record_id: Some(p.id),
        },
    )
    .await?;
    let frame = Frame::current(conn, date).await?;
    let content = SealedNorm {
        format: 1,
        kind,
        kind_label: kind_label(&n.series, &country).to_string(),
        identifier: assignment.identifier.clone(),
        note,
        norm: n,
        frame,
    };
    let value = serde_json::to_value(&content).map_err(|e| Error::Internal(e.to_string()))?;
    let s = seal::create(conn, ctx, RECORD_KIND, p.id, &value).await?;
    store::mark_sealed(
        conn,
        p.id,
        &assignment.identifier,
        assignment.id,
        assignment.number,
        &s.sealed_at,
    )
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!(
            "Sellada como {} (código de verificación {})",
            assignment.identifier, s.verification_code
        ),
    )
    .await?;
    super::validity::on_sealed(conn, ctx, p.id).await?;
    load(conn, ctx, p.id).await
}

/// `norm.correct`: a new draft that corrects a sealed norm, starting from its content.
pub async fn correct(conn: &mut SqliteConnection, ctx: &Ctx, p: NormCorrect) -> Result<Norm> {
    let original = store::row(conn, p.id).await?;
    let Some(ident) = original.identifier.clone() else {
        return Err(Error::Conflict(
            "Un proyecto no se corrige: modifíquelo directamente.".into(),
        ));
    };
    let reason = p.reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Explique qué se corrige (por ejemplo «error material en el artículo 2°»).",
        ));
    }
    let pending = store::pending_correction(conn, p.id).await?;
    if let Some(d) = pending {
        return Err(Error::Conflict(format!(
            "Ya hay un proyecto de corrección de {ident} (proyecto {d}); complételo o descártelo."
        )));
    }
    let mut n = original.input()?;
    n.date = ctx.today;
    let id = store::insert(
        conn,
        &n,
        original.kind,
        Some(p.id),
        Some(reason),
        &ctx.stamp(),
    )
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        id,
        &format!("Proyecto de corrección de {ident}: {reason}"),
    )
    .await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("Se abrió una corrección (proyecto {id}): {reason}"),
    )
    .await?;
    load(conn, ctx, id).await
}
