//! Attendance of each member; the quorum in the session's detail follows at once.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::lifecycle::{check_time, state_error};
use super::store::*;
use super::*;
use crate::context::Ctx;
use crate::error::{Error, Result};

/// Params of `attendance.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSet {
    /// Session.
    pub session_id: i64,
    /// Member.
    pub member_id: i64,
    /// `presente`, `ausente`, `justificada` or `licencia`.
    pub status: String,
    /// Arrival (HH:MM).
    pub arrival: Option<String>,
    /// Departure (HH:MM).
    pub departure: Option<String>,
    /// Note (reason of a justified absence).
    #[serde(default)]
    pub note: String,
}

/// `attendance.set`: the quorum in the result is recomputed at once.
pub async fn attendance_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AttendanceSet,
) -> Result<SessionDetail> {
    let s = session(conn, p.session_id).await?;
    if !matches!(s.status, SessionStatus::Convocada | SessionStatus::EnCurso) {
        return Err(state_error(&s, "tomar asistencia"));
    }
    if !["presente", "ausente", "justificada", "licencia"].contains(&p.status.as_str()) {
        return Err(Error::field(
            "status",
            "La asistencia es presente, ausente, justificada o licencia.",
        ));
    }
    let d = detail(conn, ctx, s.id).await?;
    let Some(m) = d.members.iter().find(|m| m.member_id == p.member_id) else {
        return Err(Error::field(
            "member_id",
            "Ese miembro no integra el concejo en la fecha de la sesión.",
        ));
    };
    if !m.able && p.status == "presente" {
        return Err(Error::field(
            "status",
            format!(
                "{} está con licencia o suspendido en la fecha: no cuenta para el quórum ni vota.",
                m.name
            ),
        ));
    }
    let arrival = p
        .arrival
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            check_time(t).map_err(|_| {
                Error::field(
                    "arrival",
                    format!(
                        "«{}» no es una hora de llegada válida: escriba HH:MM, por ejemplo 09:55.",
                        t.trim()
                    ),
                )
            })
        })
        .transpose()?;
    let departure = p
        .departure
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            check_time(t)
                .map_err(|_| Error::field("departure", "Escriba la hora de salida como HH:MM."))
        })
        .transpose()?;
    if let (Some(a), Some(dep)) = (&arrival, &departure) {
        if dep < a {
            return Err(Error::field(
                "departure",
                "La hora de salida es anterior a la de llegada.",
            ));
        }
    }
    if p.status != "presente" {
        let status = match p.status.as_str() {
            "ausente" => "ausente",
            "justificada" => "con inasistencia justificada",
            _ => "con licencia",
        };
        if arrival.is_some() {
            return Err(Error::field(
                "arrival",
                format!("{} figura {status}: no lleva hora de llegada. Borre la hora o márquelo presente.", m.name),
            ));
        }
        if departure.is_some() {
            return Err(Error::field(
                "departure",
                format!("{} figura {status}: no lleva hora de salida. Borre la hora o márquelo presente.", m.name),
            ));
        }
    }
    if p.status == "justificada" && p.note.trim().is_empty() {
        return Err(Error::field(
            "note",
            "Indique el motivo de la inasistencia justificada.",
        ));
    }
    sqlx::query(
        "INSERT INTO attendance (session_id, member_id, status, arrival, departure, note) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status,
           arrival = excluded.arrival, departure = excluded.departure, note = excluded.note",
    )
    .bind(s.id)
    .bind(p.member_id)
    .bind(&p.status)
    .bind(arrival)
    .bind(departure)
    .bind(p.note.trim())
    .execute(&mut *conn)
    .await?;
    detail(conn, ctx, s.id).await
}
