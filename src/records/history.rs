//! A record's history: one line per thing that happened to it.

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::registry::{resolve, RecordRef};
use crate::context::Ctx;
use crate::error::Result;

/// One line of a record's history.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct RecordEvent {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What happened (Spanish).
    pub event: String,
}

/// Append a line to a record's history.
pub(crate) async fn event(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: &str,
    id: i64,
    what: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO record_event (record_kind, record_id, at, actor, event) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(kind)
    .bind(id)
    .bind(ctx.stamp())
    .bind(&ctx.actor.login)
    .bind(what)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `records.history`.
pub async fn history(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: RecordRef,
) -> Result<Vec<RecordEvent>> {
    let (kind, id) = resolve(conn, &p).await?;
    Ok(sqlx::query_as(
        "SELECT at, actor, event FROM record_event WHERE record_kind = $1 AND record_id = $2 ORDER BY id",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}
