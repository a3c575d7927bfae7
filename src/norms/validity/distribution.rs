//! Distribution of a sealed norm to the organic units it concerns, each unit's
//! acknowledgement, and the paged list of what units still owe.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::{sealed, store, view, NormValidity};
use crate::context::Ctx;
use crate::dates::dmy;
use crate::error::{Error, Result};
use crate::norms::model::NormKind;
use crate::norms::RECORD_KIND;
use crate::records::event;

/// Params of `norm.distribution.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormDistributionSet {
    /// The sealed norm.
    pub id: i64,
    /// Every unit it concerns (units left out are removed, unless they acknowledged it).
    pub unit_ids: Vec<i64>,
    /// Day the new units were sent it (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub sent_on: Option<NaiveDate>,
}

/// `norm.distribution.set`: the units a sealed norm is sent to.
pub async fn distribution_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormDistributionSet,
) -> Result<NormValidity> {
    let n = sealed(conn, p.id, None).await?;
    let sent_on = p.sent_on.unwrap_or(ctx.today);
    if sent_on < n.date {
        return Err(Error::field(
            "sent_on",
            format!(
                "La fecha de envío no puede ser anterior a la fecha de la norma ({}).",
                n.date.format("%d/%m/%Y")
            ),
        ));
    }
    if sent_on > ctx.today {
        return Err(Error::field(
            "sent_on",
            "La fecha de envío no puede ser posterior a hoy.",
        ));
    }
    let mut wanted: Vec<i64> = Vec::new();
    for u in &p.unit_ids {
        if !store::unit_exists(conn, *u).await? {
            return Err(Error::field(
                "unit_ids",
                format!("No existe la unidad orgánica {u}."),
            ));
        }
        if !wanted.contains(u) {
            wanted.push(*u);
        }
    }
    let current = store::distribution(conn, p.id).await?;
    let mut removed = Vec::new();
    for d in current.iter().filter(|d| !wanted.contains(&d.unit_id)) {
        if let Some(on) = &d.received_on {
            return Err(Error::field(
                "unit_ids",
                format!(
                    "{} ya acusó recibo el {}: no se puede quitar de la distribución.",
                    d.unit_name,
                    dmy(on)
                ),
            ));
        }
        removed.push(d.unit_name.clone());
    }
    for d in current.iter().filter(|d| !wanted.contains(&d.unit_id)) {
        store::remove_distribution(conn, p.id, d.unit_id).await?;
    }
    let added: Vec<i64> = wanted
        .iter()
        .copied()
        .filter(|u| !current.iter().any(|d| d.unit_id == *u))
        .collect();
    let day = sent_on.to_string();
    for u in &added {
        store::add_distribution(conn, p.id, *u, &day).await?;
    }
    let after = store::distribution(conn, p.id).await?;
    let names: Vec<String> = after
        .iter()
        .filter(|d| added.contains(&d.unit_id))
        .map(|d| d.unit_name.clone())
        .collect();
    if !names.is_empty() {
        event(
            conn,
            ctx,
            RECORD_KIND,
            p.id,
            &format!("Distribuida el {} a {}", dmy(&day), names.join(", ")),
        )
        .await?;
    }
    if !removed.is_empty() {
        event(
            conn,
            ctx,
            RECORD_KIND,
            p.id,
            &format!("Se quitó de la distribución: {}", removed.join(", ")),
        )
        .await?;
    }
    view(conn, ctx, p.id).await
}

/// Params of `norm.distribution.acknowledge`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormDistributionAck {
    /// The norm.
    pub id: i64,
    /// The unit that acknowledges it.
    pub unit_id: i64,
    /// Day received (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub received_on: Option<NaiveDate>,
    /// Who received it.
    pub received_by: String,
    /// A note (optional).
    #[serde(default)]
    pub note: Option<String>,
}

/// `norm.distribution.acknowledge`: a unit's acknowledgement (a second call corrects it).
pub async fn distribution_acknowledge(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormDistributionAck,
) -> Result<NormValidity> {
    sealed(conn, p.id, None).await?;
    let current = store::distribution(conn, p.id).await?;
    let Some(d) = current.iter().find(|d| d.unit_id == p.unit_id) else {
        return Err(Error::field(
            "unit_id",
            "Esa unidad no está en la distribución de la norma: agréguela primero.",
        ));
    };
    let on = p.received_on.unwrap_or(ctx.today);
    let on_s = on.to_string();
    if on_s < d.sent_on {
        return Err(Error::field(
            "received_on",
            format!(
                "La fecha de recepción no puede ser anterior al envío ({}).",
                dmy(&d.sent_on)
            ),
        ));
    }
    if on > ctx.today {
        return Err(Error::field(
            "received_on",
            "La fecha de recepción no puede ser posterior a hoy.",
        ));
    }
    let by = p.received_by.trim();
    if by.is_empty() {
        return Err(Error::field(
            "received_by",
            "Escriba quién recibió la norma en la unidad.",
        ));
    }
    let note = p.note.as_deref().map(str::trim).filter(|s| !s.is_empty());
    store::acknowledge(conn, p.id, p.unit_id, &on_s, by, note).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("{} acusó recibo el {} ({by})", d.unit_name, dmy(&on_s)),
    )
    .await?;
    view(conn, ctx, p.id).await
}

/// Params of `norm.distribution.pending`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormPendingList {
    /// Only this unit's.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Rows to skip.
    #[serde(default)]
    pub offset: i64,
    /// Rows to return (1–200, default 50).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A norm a unit has not acknowledged yet.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormPendingRow {
    /// The norm.
    pub norm_id: i64,
    /// Its kind.
    pub kind: NormKind,
    /// Its identifier.
    pub identifier: Option<String>,
    /// Its title.
    pub title: String,
    /// The unit.
    pub unit_id: i64,
    /// Its name.
    pub unit_name: String,
    /// Day sent.
    pub sent_on: String,
}

/// A page of norms pending acknowledgement.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormPendingPage {
    /// Rows over all pages.
    pub total: i64,
    /// This page, oldest first.
    pub rows: Vec<NormPendingRow>,
}

/// `norm.distribution.pending`: norms sent to units and not acknowledged, oldest first.
pub async fn distribution_pending(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: NormPendingList,
) -> Result<NormPendingPage> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(Error::field("limit", "Pida entre 1 y 200 filas."));
    }
    if p.offset < 0 {
        return Err(Error::field(
            "offset",
            "El desplazamiento no puede ser negativo.",
        ));
    }
    let (total, rows) = store::pending(conn, p.unit_id, p.offset, limit).await?;
    Ok(NormPendingPage { total, rows })
}
