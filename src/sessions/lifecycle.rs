//! A session's lifecycle: created as a draft, convened (every member cited, the receipts
//! recorded), postponed once, cancelled, started with quorum on or after its date (and
//! numbered then: see `number_at_start`), suspended, concluded.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::checks::Check;
use super::store::*;
use super::*;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::numbering;
use crate::{calendar, rules};

/// The Concejo of the term in force on `date`, created on first use.
pub async fn concejo(conn: &mut SqliteConnection, date: NaiveDate) -> Result<Body> {
    let term: i64 = crate::council::term_on(conn, date).await?.ok_or_else(|| {
        Error::field(
            "date",
            format!(
                "No hay periodo de gestión que cubra el {}: regístrelo en Concejo.",
                date.format("%d/%m/%Y")
            ),
        )
    })?;
    if let Some(b) = sqlx::query_as::<_, Body>(
        "SELECT id, name, kind, term_id FROM body WHERE kind = 'concejo' AND term_id = $1",
    )
    .bind(term)
    .fetch_optional(&mut *conn)
    .await?
    {
        return Ok(b);
    }
    let name = crate::council::find_term(conn, term)
        .await?
        .map(|t| format!("Concejo Municipal {}", t.name))
        .ok_or_else(|| Error::NotFound(format!("No existe el periodo {term}.")))?;
    Ok(sqlx::query_as(
        "INSERT INTO body (name, kind, term_id) VALUES ($1, 'concejo', $2) RETURNING id, name, kind, term_id",
    )
    .bind(name)
    .bind(term)
    .fetch_one(&mut *conn)
    .await?)
}

/// Params of `session.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionList {
    /// Year (default: every year).
    #[serde(default)]
    #[ts(optional)]
    pub year: Option<i32>,
    /// Body (default: every body).
    #[serde(default)]
    #[ts(optional)]
    pub body_id: Option<i64>,
    /// Only this kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<SessionKind>,
    /// Only this status.
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<SessionStatus>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `session.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionPage {
    /// The sessions, newest first.
    pub rows: Vec<Session>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `session.list`: a page of sessions, newest first (by date, time and id).
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: SessionList) -> Result<SessionPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(String, String, i64)>(p.after.as_deref())?;
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(SELECT);
    q.push(" WHERE 1 = 1");
    if let Some(y) = p.year {
        // A range on the date, so that the index on the date serves it.
        q.push(" AND date >= ")
            .push_bind(format!("{y:04}-01-01"))
            .push(" AND date < ")
            .push_bind(format!("{:04}-01-01", y + 1));
    }
    if let Some(b) = p.body_id {
        q.push(" AND body_id = ").push_bind(b);
    }
    if let Some(k) = p.kind {
        q.push(" AND kind = ").push_bind(k);
    }
    if let Some(s) = p.status {
        q.push(" AND status = ").push_bind(s);
    }
    if let Some((date, time, id)) = after {
        q.push(" AND (date, time, id) < (")
            .push_bind(date)
            .push(", ")
            .push_bind(time)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY date DESC, time DESC, id DESC LIMIT ")
        .push_bind(limit + 1);
    let rows: Vec<Session> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (rows, next) =
        crate::paging::finish(rows, limit, |s| (s.date.clone(), s.time.clone(), s.id));
    Ok(SessionPage { rows, next })
}

pub(crate) fn check_time(t: &str) -> Result<String> {
    let t = t.trim();
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .map(|v| v.format("%H:%M").to_string())
        .map_err(|_| {
            Error::field(
                "time",
                format!("«{t}» no es una hora válida: escriba HH:MM, por ejemplo 10:00."),
            )
        })
}

/// Params of `session.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionCreate {
    /// Ordinaria, extraordinaria or solemne.
    pub kind: SessionKind,
    /// Date.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Time (HH:MM).
    #[serde(with = "crate::dates::hhmm")]
    #[ts(type = "string")]
    pub time: NaiveTime,
    /// Place ("Salón consistorial").
    pub place: String,
    /// `presencial` (default) or `virtual`.
    pub mode: Option<String>,
    /// Body that meets (default: the Concejo of the term in force on the date).
    #[serde(default)]
    pub body_id: Option<i64>,
}

/// `session.create`: a draft session of the Concejo (or of a comisión), its agenda empty.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionCreate,
) -> Result<SessionDetail> {
    // Chile (Ley 18.695, art. 84) knows ordinary and extraordinary sessions only; so do
    // comisiones.
    let chile = crate::municipality::country(conn).await? == "CL";
    let body = match p.body_id {
        Some(id) => Some(bodies::body(conn, id).await?).filter(|b| b.kind != BodyKind::Concejo),
        None => None,
    };
    let kinds: &[SessionKind] = if chile || body.is_some() {
        &KINDS[..2]
    } else {
        &KINDS
    };
    if !kinds.contains(&p.kind) {
        return Err(Error::field(
            "kind",
            if body.is_some() {
                "Una comisión o un comité celebra sesiones ordinarias o extraordinarias."
            } else if chile {
                "En Chile la sesión es ordinaria o extraordinaria."
            } else {
                "El tipo de sesión debe ser ordinaria, extraordinaria o solemne."
            },
        ));
    }
    let date = p.date;
    let time = p.time.format("%H:%M").to_string();
    let place = p.place.trim();
    if place.is_empty() {
        return Err(Error::field("place", "Indique el lugar de la sesión."));
    }
    let mode = p.mode.as_deref().unwrap_or("presencial");
    if !["presencial", "virtual"].contains(&mode) {
        return Err(Error::field(
            "mode",
            "La modalidad es presencial o virtual.",
        ));
    }
    let body = match body {
        Some(b) => {
            let covers = crate::council::find_term(conn, b.term_id)
                .await?
                .is_some_and(|t| t.start_date <= date && date <= t.end_date);
            if !covers {
                return Err(Error::field(
                    "date",
                    format!("La fecha cae fuera del periodo de gestión {}.", b.name),
                ));
            }
            b
        }
        None => concejo(conn, date).await?,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO session (body_id, kind, date, time, place, mode, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'borrador', $7) RETURNING id",
    )
    .bind(body.id)
    .bind(p.kind)
    .bind(date.to_string())
    .bind(&time)
    .bind(place)
    .bind(mode)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    detail(conn, ctx, id).await
}

pub(crate) fn state_error(s: &Session, what: &str) -> Error {
    Error::Conflict(format!(
        "La sesión está «{}»: no se puede {what}.",
        s.status.as_str().replace('_', " ")
    ))
}

/// Params of `session.convene`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionConvene {
    /// Session.
    pub id: i64,
    /// Day of the convocation (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub convened_on: Option<NaiveDate>,
    /// Members who ask for an extraordinary session; empty: the alcalde convenes.
    #[serde(default)]
    pub requesters: Vec<i64>,
}

/// `session.convene`: cite every member, lock an extraordinary agenda. The agenda must have
/// at least one matter. The number comes when the session starts (`number_at_start`).
pub async fn convene(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionConvene,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != SessionStatus::Borrador {
        return Err(state_error(&s, "convocar de nuevo"));
    }
    let on = p.convened_on.unwrap_or(ctx.today);
    // The day of the convocation is blamed on the field only when the user wrote it.
    let at_convened_on = |message: String| {
        match p.convened_on {
        Some(_) => Error::field("convened_on", message),
        None => Error::invalid(format!(
            "{message} Sin «fecha de la convocatoria» se toma la de hoy ({}): indíquela si la convocatoria se hizo otro día.",
            ctx.today.format("%d/%m/%Y")
        )),
    }
    };
    let date = parse_date(&s.date, "date")?;
    if on > date {
        return Err(at_convened_on(format!(
            "La convocatoria ({}) no puede ser posterior a la sesión ({}).",
            on.format("%d/%m/%Y"),
            date.format("%d/%m/%Y")
        )));
    }
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let d = detail(conn, ctx, p.id).await?;
    let concejo = s.body_kind == BodyKind::Concejo;
    let by_alcalde = p.requesters.is_empty();
    let mut blocks: Vec<Check> = Vec::new();
    if concejo {
        blocks.extend(checks::who_convenes(
            &rules,
            s.kind,
            by_alcalde,
            p.requesters.len() as i64,
            d.legal,
        ));
        blocks.extend(checks::lead_time(&cal, &rules, s.kind, on, date));
    } else if !p.requesters.is_empty() {
        return Err(Error::field(
            "requesters",
            "A una comisión la convoca su presidente: no lleva solicitantes.",
        ));
    }
    if let Some(b) = blocks.iter().find(|c| c.level == "bloqueo") {
        return Err(if b.code == "convocante" {
            Error::field("requesters", b.message.clone())
        } else {
            at_convened_on(b.message.clone())
        });
    }
    if d.agenda.is_empty() {
        return Err(Error::invalid(
            "La agenda está vacía: agregue al menos un asunto en la pestaña Agenda antes de convocar.",
        ));
    }
    for r in &p.requesters {
        if !d.members.iter().any(|m| m.member_id == *r) {
            return Err(Error::field(
                "requesters",
                format!("El miembro {r} no integra el concejo en la fecha de la sesión."),
            ));
        }
    }
    let by = if !concejo {
        "presidente".to_string()
    } else if by_alcalde {
        "alcalde".to_string()
    } else {
        let names: Vec<String> = d
            .members
            .iter()
            .filter(|m| p.requesters.contains(&m.member_id))
            .map(|m| m.name.clone())
            .collect();
        format!("a pedido de {}", names.join(", "))
    };
    sqlx::query(
        "UPDATE session SET status = 'convocada', convened_on = $1, convened_by = $2 WHERE id = $3",
    )
    .bind(on.to_string())
    .bind(&by)
    .bind(s.id)
    .execute(&mut *conn)
    .await?;
    for m in &d.members {
        sqlx::query(
            "INSERT INTO convocation (session_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(s.id)
        .bind(m.member_id)
        .execute(&mut *conn)
        .await?;
    }
    detail(conn, ctx, p.id).await
}

/// Params of `session.receipt`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionReceipt {
    /// Session.
    pub session_id: i64,
    /// Member cited.
    pub member_id: i64,
    /// Who received the citation (the member, or a relative at the address).
    pub received_by: String,
    /// When (YYYY-MM-DD HH:MM).
    pub received_at: String,
}

/// `session.receipt`: record the notification receipt of a citation.
pub async fn receipt(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReceipt,
) -> Result<SessionDetail> {
    record_receipt(conn, &p).await?;
    detail(conn, ctx, p.session_id).await
}

/// Check and store a receipt (without reloading the session).
pub(crate) async fn record_receipt(conn: &mut SqliteConnection, p: &SessionReceipt) -> Result<()> {
    if p.received_by.trim().is_empty() {
        return Err(Error::field(
            "received_by",
            "Indique quién recibió la citación.",
        ));
    }
    chrono::NaiveDateTime::parse_from_str(p.received_at.trim(), "%Y-%m-%d %H:%M").map_err(
        |_| {
            Error::field(
                "received_at",
                "Escriba la fecha y hora de recepción como AAAA-MM-DD HH:MM.",
            )
        },
    )?;
    let n = sqlx::query(
        "UPDATE convocation SET received_by = $1, received_at = $2 WHERE session_id = $3 AND member_id = $4",
    )
    .bind(p.received_by.trim())
    .bind(p.received_at.trim())
    .bind(p.session_id)
    .bind(p.member_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(Error::Conflict(
            "Ese miembro no tiene citación: la sesión no se ha convocado o no integra el concejo."
                .into(),
        ));
    }
    Ok(())
}

/// Params of `session.postpone`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionPostpone {
    /// Session.
    pub id: i64,
    /// New date.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Members who ask for the postponement.
    pub requesters: Vec<i64>,
}

/// `session.postpone`: once, 3–5 working days later, without a new citation (art. 15).
pub async fn postpone(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionPostpone,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != SessionStatus::Convocada {
        return Err(state_error(&s, "aplazar"));
    }
    let new_date = p.date;
    let original = parse_date(&s.date, "date")?;
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let d = detail(conn, ctx, p.id).await?;
    let found = checks::postponement(
        &cal,
        &rules,
        s.postponed_from.is_some(),
        original,
        new_date,
        p.requesters.len() as i64,
        d.legal,
    );
    if let Some(b) = found.first() {
        let field = if b.code == "aplazamiento_solicitantes" {
            "requesters"
        } else {
            "date"
        };
        return Err(Error::field(field, b.message.clone()));
    }
    sqlx::query("UPDATE session SET date = $1, postponed_from = $2 WHERE id = $3")
        .bind(new_date.to_string())
        .bind(original.to_string())
        .bind(s.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// Params of `session.suspend` and `session.cancel`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionReason {
    /// Session.
    pub id: i64,
    /// Why.
    pub reason: String,
}

async fn set_closed(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
    status: SessionStatus,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    let allowed = match status {
        SessionStatus::Cancelada => {
            matches!(s.status, SessionStatus::Borrador | SessionStatus::Convocada)
        }
        _ => s.status == SessionStatus::EnCurso,
    };
    if !allowed {
        return Err(state_error(
            &s,
            if status == SessionStatus::Cancelada {
                "cancelar"
            } else {
                "suspender"
            },
        ));
    }
    if p.reason.trim().is_empty() {
        return Err(Error::field("reason", "Indique el motivo."));
    }
    sqlx::query("UPDATE session SET status = $1, reason = $2 WHERE id = $3")
        .bind(status)
        .bind(p.reason.trim())
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// `session.cancel`.
pub async fn cancel(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
) -> Result<SessionDetail> {
    set_closed(conn, ctx, p, SessionStatus::Cancelada).await
}

/// `session.suspend`: a session in progress is suspended (e.g. quorum lost).
pub async fn suspend(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
) -> Result<SessionDetail> {
    set_closed(conn, ctx, p, SessionStatus::Suspendida).await
}

/// Params of `session.start` and `session.conclude`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionClock {
    /// Session.
    pub id: i64,
    /// Time (HH:MM).
    #[serde(with = "crate::dates::hhmm")]
    #[ts(type = "string")]
    pub time: NaiveTime,
}

/// `session.start`: on or after the session's date, only with quorum; the session gets its
/// number now.
pub async fn start(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionClock,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != SessionStatus::Convocada {
        return Err(state_error(&s, "iniciar"));
    }
    let date = parse_date(&s.date, "date")?;
    if ctx.today < date {
        return Err(Error::field(
            "time",
            format!(
                "La sesión está fijada para el {}: no puede iniciarse antes de su fecha (hoy es {}).",
                date.format("%d/%m/%Y"),
                ctx.today.format("%d/%m/%Y")
            ),
        ));
    }
    let time = p.time.format("%H:%M").to_string();
    let d = detail(conn, ctx, p.id).await?;
    if !d.has_quorum {
        let present = if d.quorum_present != d.present {
            format!("{}, sin contar al alcalde,", d.quorum_present)
        } else {
            d.present.to_string()
        };
        return Err(Error::Conflict(format!(
            "No hay quórum: están presentes {present} y se necesitan {} (número hábil {}).",
            d.quorum, d.able
        )));
    }
    // A session convened before numbering moved to the start keeps the number it has.
    if s.identifier.is_none() {
        let assignment = number_at_start(conn, ctx, &s, date).await?;
        sqlx::query("UPDATE session SET identifier = $1, assignment_id = $2 WHERE id = $3")
            .bind(&assignment.identifier)
            .bind(assignment.id)
            .bind(p.id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE session SET status = 'en_curso', started_at = $1 WHERE id = $2")
        .bind(&time)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// A session is numbered when it starts, not when it is convened (ADR 0015, «Session
/// numbering»): sessions are held in the order of their dates, so the correlative follows
/// the dates without gaps, a cancelled session burns no number, and convening a later
/// session first never blocks an earlier one. Only recording a session after a later one
/// was already held is refused, with what to do.
async fn number_at_start(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    s: &Session,
    date: NaiveDate,
) -> Result<numbering::Assignment> {
    let body = bodies::body(conn, s.body_id).await?;
    let series = bodies::series_of(&body, s.kind);
    let later = numbering::later_than(conn, &series, date)
        .await?
        .map(|a| (a.identifier, a.date));
    if let Some((identifier, later_date)) = later {
        let later_date = parse_date(&later_date, "date")?;
        return Err(Error::Conflict(format!(
            "La {identifier}, del {}, ya se inició: las sesiones se numeran al iniciarse y en orden de fecha, y esta es del {}. Registre las sesiones en el orden en que se realizaron; si esta no se realizó, cancélela.",
            later_date.format("%d/%m/%Y"),
            date.format("%d/%m/%Y")
        )));
    }
    numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series,
            date,
            session_kind: None,
            record_kind: Some("sesion".into()),
            record_id: Some(s.id),
        },
    )
    .await
}

/// `session.conclude`.
pub async fn conclude(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionClock,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != SessionStatus::EnCurso {
        return Err(state_error(&s, "concluir"));
    }
    let time = p.time.format("%H:%M").to_string();
    sqlx::query("UPDATE session SET status = 'concluida', ended_at = $1 WHERE id = $2")
        .bind(&time)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}
