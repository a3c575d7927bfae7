//! What was said on each agenda item, for the acta.

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::lifecycle::state_error;
use super::store::*;
use super::SessionStatus;
use crate::context::Ctx;
use crate::error::{Error, Result};

/// Params of `intervention.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InterventionAdd {
    /// Agenda item.
    pub item_id: i64,
    /// Member who spoke (none: an official or a guest, named in `speaker`).
    pub member_id: Option<i64>,
    /// Speaker's name when not a member.
    pub speaker: Option<String>,
    /// What was said, in short.
    pub text: String,
}

/// An intervention.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Intervention {
    /// Id.
    pub id: i64,
    /// Member.
    pub member_id: Option<i64>,
    /// Speaker.
    pub speaker: String,
    /// Text.
    pub text: String,
}

/// `intervention.add`: the intervention recorded.
pub async fn intervention_add(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: InterventionAdd,
) -> Result<Intervention> {
    let it = item(conn, p.item_id).await?;
    let s = session(conn, it.session_id).await?;
    if s.status != SessionStatus::EnCurso {
        return Err(state_error(&s, "registrar intervenciones"));
    }
    if p.text.trim().is_empty() {
        return Err(Error::field("text", "Resuma la intervención."));
    }
    let speaker = match (
        p.member_id,
        p.speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (Some(m), _) => sqlx::query_scalar::<_, String>(
            "SELECT p.given_names || ' ' || p.surnames FROM agenda_item i
             JOIN session_participant sp ON sp.session_id = i.session_id AND sp.member_id = $1
             JOIN person_name p ON p.id = sp.person_id WHERE i.id = $2",
        )
        .bind(m)
        .bind(p.item_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::field(
                "member_id",
                "Esa persona no integra el órgano de la sesión.",
            )
        })?,
        (None, Some(s)) => s.to_string(),
        (None, None) => return Err(Error::field("speaker", "Indique quién intervino.")),
    };
    Ok(sqlx::query_as(
        "INSERT INTO intervention (item_id, member_id, speaker, text) VALUES ($1, $2, $3, $4)
         RETURNING id, member_id, speaker, text",
    )
    .bind(p.item_id)
    .bind(p.member_id)
    .bind(&speaker)
    .bind(p.text.trim())
    .fetch_one(&mut *conn)
    .await?)
}

/// Params of `intervention.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InterventionList {
    /// Agenda item.
    pub item_id: i64,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `intervention.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InterventionPage {
    /// The interventions, in the order they were made.
    pub rows: Vec<Intervention>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `intervention.list`: a page of what was said on an item, in order.
pub async fn intervention_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: InterventionList,
) -> Result<InterventionPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<i64>(p.after.as_deref())?;
    item(conn, p.item_id).await?;
    let rows: Vec<Intervention> = sqlx::query_as(
        "SELECT id, member_id, speaker, text FROM intervention
         WHERE item_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(p.item_id)
    .bind(after.unwrap_or(0))
    .bind(limit + 1)
    .fetch_all(&mut *conn)
    .await?;
    let (rows, next) = crate::paging::finish(rows, limit, |i| i.id);
    Ok(InterventionPage { rows, next })
}
