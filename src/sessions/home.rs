//! What the home screen shows of the sessions: the next ones with what they still lack, and
//! the actas still waiting for approval.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::store::SELECT;
use super::{Session, SessionStatus};
use crate::error::Result;

/// A coming session and what it still lacks.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UpcomingSession {
    /// The session.
    pub session: Session,
    /// What is missing, in words («convocatoria», «agenda vacía», «3 asuntos sin documentos»,
    /// «cargos de notificación: faltan 2»).
    pub lacks: Vec<String>,
}

/// The next `limit` sessions from `today` not yet held, soonest first, with what they lack.
pub async fn upcoming(
    conn: &mut SqliteConnection,
    today: &str,
    limit: i64,
) -> Result<Vec<UpcomingSession>> {
    let sessions: Vec<Session> = sqlx::query_as(&format!(
        "{SELECT} WHERE date >= $1 AND status IN ('borrador', 'convocada') ORDER BY date, time, id LIMIT $2"
    ))
    .bind(today)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(sessions.len());
    for s in sessions {
        let (items, without_docs): (i64, i64) = sqlx::query_as(
            "SELECT count(*),
                    COALESCE(sum(stage = 'orden_del_dia' AND NOT EXISTS
                      (SELECT 1 FROM item_attachment a WHERE a.item_id = agenda_item.id)), 0)
             FROM agenda_item WHERE session_id = $1",
        )
        .bind(s.id)
        .fetch_one(&mut *conn)
        .await?;
        let mut lacks = Vec::new();
        if s.status == SessionStatus::Borrador {
            lacks.push("convocatoria".to_string());
        }
        if items == 0 {
            lacks.push("agenda vacía".to_string());
        } else if without_docs > 0 {
            lacks.push(crate::spanish::count(
                without_docs as u32,
                "asunto de la orden del día sin documentos",
                "asuntos de la orden del día sin documentos",
            ));
        }
        if s.status == SessionStatus::Convocada {
            let missing: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM convocation WHERE session_id = $1 AND received_at IS NULL",
            )
            .bind(s.id)
            .fetch_one(&mut *conn)
            .await?;
            if missing > 0 {
                lacks.push(if missing == 1 {
                    "falta 1 cargo de notificación".to_string()
                } else {
                    format!("faltan {missing} cargos de notificación")
                });
            }
        }
        out.push(UpcomingSession { session: s, lacks });
    }
    Ok(out)
}

/// Held sessions whose acta is not approved yet (no draft, or a draft), oldest first: the count
/// and the first `limit`.
pub async fn minutes_pending(
    conn: &mut SqliteConnection,
    limit: i64,
) -> Result<(i64, Vec<Session>)> {
    const PENDING: &str = "status = 'concluida'";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM session WHERE {PENDING}"))
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<Session> = sqlx::query_as(&format!(
        "{SELECT} WHERE {PENDING} ORDER BY date, id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, rows))
}
