//! The lookups the rooms of `sessions` share: a session, an agenda item, its nominal vote
//! and its interventions, with the SELECT lists and the order of business in SQL.

use sqlx::SqliteConnection;

use super::*;
use crate::error::{Error, Result};

pub(crate) const SELECT: &str =
    "SELECT id, body_id, kind, identifier, date, time, place, mode, status,
    convened_on, convened_by, postponed_from, started_at, ended_at, reason,
    (SELECT b.name FROM body b WHERE b.id = session.body_id) AS body_name,
    (SELECT b.kind FROM body b WHERE b.id = session.body_id) AS body_kind FROM session";

pub(crate) async fn session(conn: &mut SqliteConnection, id: i64) -> Result<Session> {
    sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la sesión {id}.")))
}

/// SQL ordering agenda items (table alias-free column `stage`) in the order of business.
pub(crate) const STAGE_ORDER: &str = "CASE stage WHEN 'acta_anterior' THEN 1 WHEN 'despacho' THEN 2
    WHEN 'informes' THEN 3 WHEN 'pedidos' THEN 4 ELSE 5 END";

pub(crate) const ITEM_SELECT: &str =
    "SELECT id, session_id, stage, position, title, summary, item_kind,
    filed_by, filed_on, late, majority, unit_id, debate, decision, tie_round, casting, agreement_id,
    minutes_of, carried_from FROM agenda_item";

pub(crate) async fn item(conn: &mut SqliteConnection, id: i64) -> Result<AgendaItem> {
    sqlx::query_as(&format!("{ITEM_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el asunto {id} de la agenda.")))
}

pub(crate) async fn nominal(conn: &mut SqliteConnection, item_id: i64) -> Result<Vec<NominalVote>> {
    Ok(sqlx::query_as(
        "SELECT v.member_id, p.given_names || ' ' || p.surnames AS name, v.ballot
         FROM vote v JOIN agenda_item i ON i.id = v.item_id
         JOIN session_participant sp ON sp.session_id = i.session_id AND sp.member_id = v.member_id
         JOIN person_name p ON p.id = sp.person_id
         WHERE v.item_id = $1 ORDER BY sp.seat, p.surnames",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?)
}
