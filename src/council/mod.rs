//! The council of each term (periodo de gestión): alcalde and regidores/concejales, their status
//! over time, and the composition on any date — número legal, número hábil and quorum.

pub mod officers;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::rules;

/// A council term.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct CouncilTerm {
    /// Id.
    pub id: i64,
    /// Name ("Periodo de gestión 2023-2026").
    pub name: String,
    /// First day.
    pub start_date: String,
    /// Last day.
    pub end_date: String,
    /// Número legal: seats of the term (alcalde + regidores elected).
    pub legal_size: i64,
}

const TERM_SELECT: &str = "SELECT t.id, t.name, t.start_date, t.end_date,
    (SELECT count(DISTINCT seat) FROM council_member m WHERE m.term_id = t.id) AS legal_size
    FROM council_term t";

/// `council.term.list`: newest first.
pub async fn term_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<CouncilTerm>> {
    Ok(
        sqlx::query_as(&format!("{TERM_SELECT} ORDER BY t.start_date DESC"))
            .fetch_all(&mut *conn)
            .await?,
    )
}

async fn term(conn: &mut SqliteConnection, id: i64) -> Result<CouncilTerm> {
    sqlx::query_as(&format!("{TERM_SELECT} WHERE t.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::field("term_id", format!("No existe el periodo de gestión {id}.")))
}

/// Params of `council.term.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilTermCreate {
    /// Name.
    pub name: String,
    /// First day.
    pub start_date: String,
    /// Last day.
    pub end_date: String,
}

/// `council.term.create`: terms may not overlap.
pub async fn term_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CouncilTermCreate,
) -> Result<CouncilTerm> {
    if p.name.trim().chars().count() < 4 {
        return Err(Error::field(
            "name",
            "Escriba el nombre del periodo (por ejemplo «Periodo de gestión 2027-2030»).",
        ));
    }
    let start = parse_date(&p.start_date, "start_date")?;
    let end = parse_date(&p.end_date, "end_date")?;
    if end <= start {
        return Err(Error::field(
            "end_date",
            "El periodo debe terminar después de empezar.",
        ));
    }
    let overlap: Option<String> = sqlx::query_scalar(
        "SELECT name FROM council_term WHERE start_date <= ? AND end_date >= ? LIMIT 1",
    )
    .bind(end.to_string())
    .bind(start.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(other) = overlap {
        return Err(Error::field(
            "start_date",
            format!("Las fechas se superponen con «{other}»."),
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO council_term (name, start_date, end_date) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(p.name.trim())
    .bind(start.to_string())
    .bind(end.to_string())
    .fetch_one(&mut *conn)
    .await?;
    term(conn, id).await
}

/// A member of the council of a term, with the status on the date asked.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct CouncilMember {
    /// Id.
    pub id: i64,
    /// Term.
    pub term_id: i64,
    /// Person.
    pub person_id: i64,
    /// Full name.
    pub person_name: String,
    /// Identity document type.
    pub doc_type: String,
    /// Identity document number.
    pub doc_number: String,
    /// `alcalde` or `regidor` (shown as concejal in Chile).
    pub role: String,
    /// Political party or movement.
    pub party: String,
    /// Seat number (0 is the alcalde; an accesitario takes the seat of the member replaced).
    pub seat: i64,
    /// First day in office.
    pub from_date: String,
    /// Last day in office (null: to the end of the term).
    pub to_date: Option<String>,
    /// Status on the date asked: activo, licencia, suspendido, vacado; `fuera` when not in office.
    pub status: String,
    /// Since when that status holds.
    pub status_since: Option<String>,
    /// Until when (null: open).
    pub status_until: Option<String>,
    /// Whether the member can attend and vote on that date (in office and activo).
    pub able: bool,
}

const MEMBER_SELECT: &str = "SELECT m.id, m.term_id, m.person_id,
    p.given_names || ' ' || p.surnames AS person_name, p.doc_type, p.doc_number, m.role, m.party,
    m.seat, m.from_date, m.to_date,
    CASE WHEN m.from_date > ?1 OR (m.to_date IS NOT NULL AND m.to_date < ?1) THEN 'fuera'
         ELSE coalesce(s.status, 'activo') END AS status,
    s.from_date AS status_since, s.to_date AS status_until,
    (m.from_date <= ?1 AND (m.to_date IS NULL OR m.to_date >= ?1) AND coalesce(s.status, 'activo') = 'activo') AS able
    FROM council_member m
    JOIN person p ON p.id = m.person_id
    LEFT JOIN council_member_status s ON s.id = (
        SELECT s2.id FROM council_member_status s2
        WHERE s2.member_id = m.id AND s2.from_date <= ?1 AND (s2.to_date IS NULL OR s2.to_date >= ?1)
        ORDER BY s2.from_date DESC, s2.id DESC LIMIT 1)";

/// Members of a term with their status on `date`, by seat.
pub async fn members_on(
    conn: &mut SqliteConnection,
    term_id: i64,
    date: NaiveDate,
) -> Result<Vec<CouncilMember>> {
    Ok(sqlx::query_as(&format!(
        "{MEMBER_SELECT} WHERE m.term_id = ?2 ORDER BY m.seat, m.from_date"
    ))
    .bind(date.to_string())
    .bind(term_id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn member(conn: &mut SqliteConnection, id: i64, date: NaiveDate) -> Result<CouncilMember> {
    sqlx::query_as(&format!("{MEMBER_SELECT} WHERE m.id = ?2"))
        .bind(date.to_string())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::field(
                "member_id",
                format!("No existe el miembro del concejo {id}."),
            )
        })
}

/// Params of `council.member.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilMemberList {
    /// Term.
    pub term_id: i64,
    /// Date for the statuses (default today).
    pub date: Option<String>,
}

/// `council.member.list`.
pub async fn member_list(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CouncilMemberList,
) -> Result<Vec<CouncilMember>> {
    term(conn, p.term_id).await?;
    let date = match &p.date {
        Some(d) => parse_date(d, "date")?,
        None => ctx.today,
    };
    members_on(conn, p.term_id, date).await
}

/// Params of `council.member.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilMemberAdd {
    /// Term.
    pub term_id: i64,
    /// Person.
    pub person_id: i64,
    /// `alcalde` or `regidor`.
    pub role: String,
    /// Party or movement.
    pub party: String,
    /// First day in office (default: the term's first day).
    pub from_date: Option<String>,
    /// Last day in office.
    pub to_date: Option<String>,
    /// The vacated member this one replaces (accesitario): takes that seat.
    pub replaces_member_id: Option<i64>,
}

/// `council.member.add`.
pub async fn member_add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CouncilMemberAdd,
) -> Result<CouncilMember> {
    let t = term(conn, p.term_id).await?;
    if !matches!(p.role.as_str(), "alcalde" | "regidor") {
        return Err(Error::field("role", "El cargo es alcalde o regidor."));
    }
    let person: i64 = sqlx::query_scalar("SELECT count(*) FROM person WHERE id = ?")
        .bind(p.person_id)
        .fetch_one(&mut *conn)
        .await?;
    if person == 0 {
        return Err(Error::field(
            "person_id",
            "Elija la persona (regístrela antes en Personas).",
        ));
    }
    let already: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM council_member WHERE term_id = ? AND person_id = ?",
    )
    .bind(p.term_id)
    .bind(p.person_id)
    .fetch_one(&mut *conn)
    .await?;
    if already > 0 {
        return Err(Error::field(
            "person_id",
            "Esa persona ya integra el concejo de este periodo.",
        ));
    }
    let (from, to) = member_dates(&t, p.from_date.as_deref(), p.to_date.as_deref())?;
    let seat = match p.replaces_member_id {
        Some(rid) => {
            let replaced = member(conn, rid, from).await?;
            if replaced.term_id != p.term_id {
                return Err(Error::field(
                    "replaces_member_id",
                    "El miembro reemplazado es de otro periodo.",
                ));
            }
            if replaced.able {
                return Err(Error::field(
                    "replaces_member_id",
                    format!("{} sigue en funciones en esa fecha: registre antes su vacancia o licencia.", replaced.person_name),
                ));
            }
            if replaced.role != p.role {
                return Err(Error::field(
                    "role",
                    "El reemplazante ocupa el mismo cargo que el reemplazado.",
                ));
            }
            replaced.seat
        }
        None => {
            if p.role == "alcalde" {
                let alcaldes: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM council_member WHERE term_id = ? AND role = 'alcalde'",
                )
                .bind(p.term_id)
                .fetch_one(&mut *conn)
                .await?;
                if alcaldes > 0 {
                    return Err(Error::field(
                        "role",
                        "El periodo ya tiene alcalde; para un reemplazo indique a quién reemplaza.",
                    ));
                }
                0
            } else {
                sqlx::query_scalar::<_, i64>(
                    "SELECT coalesce(max(seat), 0) + 1 FROM council_member WHERE term_id = ?",
                )
                .bind(p.term_id)
                .fetch_one(&mut *conn)
                .await?
                .max(1)
            }
        }
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO council_member (term_id, person_id, role, party, seat, from_date, to_date)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(p.term_id)
    .bind(p.person_id)
    .bind(&p.role)
    .bind(p.party.trim())
    .bind(seat)
    .bind(from.to_string())
    .bind(to.map(|d| d.to_string()))
    .fetch_one(&mut *conn)
    .await?;
    let in_office = ctx.today >= from && to.is_none_or(|t| ctx.today <= t);
    member(conn, id, if in_office { ctx.today } else { from }).await
}

fn member_dates(
    t: &CouncilTerm,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let ts = parse_date(&t.start_date, "from_date")?;
    let te = parse_date(&t.end_date, "to_date")?;
    let from = match from.filter(|s| !s.trim().is_empty()) {
        Some(f) => parse_date(f, "from_date")?,
        None => ts,
    };
    if from < ts || from > te {
        return Err(Error::field(
            "from_date",
            format!(
                "La fecha debe estar dentro del periodo ({} a {}).",
                t.start_date, t.end_date
            ),
        ));
    }
    let to = match to.filter(|s| !s.trim().is_empty()) {
        Some(x) => {
            let x = parse_date(x, "to_date")?;
            if x < from || x > te {
                return Err(Error::field(
                    "to_date",
                    "La fecha de término debe estar entre el inicio y el fin del periodo.",
                ));
            }
            Some(x)
        }
        None => None,
    };
    Ok((from, to))
}

/// Params of `council.member.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilMemberUpdate {
    /// Member id.
    pub id: i64,
    /// Party or movement.
    pub party: String,
    /// First day in office.
    pub from_date: Option<String>,
    /// Last day in office.
    pub to_date: Option<String>,
}

/// `council.member.update`.
pub async fn member_update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CouncilMemberUpdate,
) -> Result<CouncilMember> {
    let m = member(conn, p.id, ctx.today).await?;
    let t = term(conn, m.term_id).await?;
    let (from, to) = member_dates(&t, p.from_date.as_deref(), p.to_date.as_deref())?;
    sqlx::query("UPDATE council_member SET party = ?, from_date = ?, to_date = ? WHERE id = ?")
        .bind(p.party.trim())
        .bind(from.to_string())
        .bind(to.map(|d| d.to_string()))
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    member(conn, p.id, ctx.today).await
}

/// One period of a member's status.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct StatusPeriod {
    /// Id.
    pub id: i64,
    /// Member.
    pub member_id: i64,
    /// activo, licencia, suspendido, vacado.
    pub status: String,
    /// From.
    pub from_date: String,
    /// To (null: open).
    pub to_date: Option<String>,
    /// Note (the acuerdo that granted the licence, the resolution of the JNE…).
    pub note: String,
}

/// Params of `council.status.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilStatusSet {
    /// Member.
    pub member_id: i64,
    /// activo, licencia, suspendido, vacado.
    pub status: String,
    /// From.
    pub from_date: String,
    /// To (null: open; a vacancy is always open).
    pub to_date: Option<String>,
    /// Note.
    pub note: String,
}

/// `council.status.set`: record a status period. An earlier open period is closed the day
/// before; any other overlap is refused.
pub async fn status_set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CouncilStatusSet,
) -> Result<CouncilMember> {
    if !matches!(
        p.status.as_str(),
        "activo" | "licencia" | "suspendido" | "vacado"
    ) {
        return Err(Error::field(
            "status",
            "El estado es activo, licencia, suspendido o vacado.",
        ));
    }
    let from = parse_date(&p.from_date, "from_date")?;
    let m = member(conn, p.member_id, from).await?;
    let t = term(conn, m.term_id).await?;
    let (from, to) = member_dates(&t, Some(&p.from_date), p.to_date.as_deref())?;
    if p.status == "vacado" && to.is_some() {
        return Err(Error::field(
            "to_date",
            "La vacancia no tiene fecha de término.",
        ));
    }
    if p.status != "activo" && p.note.trim().chars().count() < 3 {
        return Err(Error::field(
            "note",
            "Indique el sustento (por ejemplo «Acuerdo de Concejo N° 015-2026 que concede licencia»).",
        ));
    }
    let periods: Vec<StatusPeriod> = sqlx::query_as(
        "SELECT id, member_id, status, from_date, to_date, note FROM council_member_status WHERE member_id = ? ORDER BY from_date",
    )
    .bind(p.member_id)
    .fetch_all(&mut *conn)
    .await?;
    let far = NaiveDate::MAX;
    for other in &periods {
        let os = parse_date(&other.from_date, "from_date")?;
        let oe = other
            .to_date
            .as_deref()
            .map(|d| parse_date(d, "to_date"))
            .transpose()?;
        let overlaps = os <= to.unwrap_or(far) && oe.unwrap_or(far) >= from;
        if !overlaps {
            continue;
        }
        if oe.is_none() && os < from && other.status != "vacado" {
            sqlx::query("UPDATE council_member_status SET to_date = ? WHERE id = ?")
                .bind((from - Duration::days(1)).to_string())
                .bind(other.id)
                .execute(&mut *conn)
                .await?;
        } else {
            return Err(Error::field(
                "from_date",
                format!(
                    "Se superpone con el estado «{}» desde {}{}.",
                    other.status,
                    other.from_date,
                    other
                        .to_date
                        .as_deref()
                        .map(|d| format!(" hasta {d}"))
                        .unwrap_or_default()
                ),
            ));
        }
    }
    sqlx::query(
        "INSERT INTO council_member_status (member_id, status, from_date, to_date, note) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(p.member_id)
    .bind(&p.status)
    .bind(from.to_string())
    .bind(to.map(|d| d.to_string()))
    .bind(p.note.trim())
    .execute(&mut *conn)
    .await?;
    member(conn, p.member_id, from).await
}

/// Params of `council.status.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilStatusList {
    /// Member.
    pub member_id: i64,
}

/// `council.status.list`: newest first.
pub async fn status_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CouncilStatusList,
) -> Result<Vec<StatusPeriod>> {
    Ok(sqlx::query_as(
        "SELECT id, member_id, status, from_date, to_date, note FROM council_member_status
         WHERE member_id = ? ORDER BY from_date DESC, id DESC",
    )
    .bind(p.member_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The council on a date.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Composition {
    /// The date.
    pub date: String,
    /// Term in force.
    pub term_id: i64,
    /// Its name.
    pub term_name: String,
    /// Número legal (seats).
    pub legal_size: i64,
    /// Número hábil (seats whose holder is in office and not on licence, suspended or vacated).
    pub able_size: i64,
    /// Quorum by the municipality's rule set.
    pub quorum: i64,
    /// How the quorum was computed, in Spanish.
    pub quorum_rule: String,
    /// "Regidor" or "Concejal".
    pub member_title: String,
    /// Members with their status on the date.
    pub members: Vec<CouncilMember>,
}

/// Params of `council.composition`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilComposition {
    /// Term (default: the one in force on the date).
    pub term_id: Option<i64>,
    /// Date.
    pub date: String,
}

/// Número legal, número hábil and quorum on a date.
pub async fn composition_on(
    conn: &mut SqliteConnection,
    term_id: Option<i64>,
    date: NaiveDate,
) -> Result<Composition> {
    let term_id = match term_id {
        Some(id) => id,
        None => sqlx::query_scalar(
            "SELECT id FROM council_term WHERE start_date <= ?1 AND end_date >= ?1",
        )
        .bind(date.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::field(
                "date",
                format!("No hay periodo de gestión registrado que cubra el {date}."),
            )
        })?,
    };
    let t = term(conn, term_id).await?;
    let members = members_on(conn, term_id, date).await?;
    let legal = t.legal_size;
    let mut seats: Vec<i64> = members.iter().filter(|m| m.able).map(|m| m.seat).collect();
    seats.sort_unstable();
    seats.dedup();
    let able = seats.len() as i64;
    let set = rules::load(conn).await?;
    let quorum = set.quorum(legal, able);
    let base = if set.value("quorum.base") == Some("legal") {
        "número legal"
    } else {
        "número hábil"
    };
    let formula = set.value("quorum.formula").unwrap_or("half_plus_one");
    let quorum_rule = if formula == "half_plus_one" {
        format!("más de la mitad del {base}: ⌊n/2⌋ + 1")
    } else {
        format!("{formula} del {base}, redondeado hacia arriba")
    };
    Ok(Composition {
        date: date.to_string(),
        term_id,
        term_name: t.name,
        legal_size: legal,
        able_size: able,
        quorum,
        quorum_rule,
        member_title: set
            .value("council.member_title")
            .unwrap_or("Regidor")
            .to_string(),
        members,
    })
}

/// `council.composition`.
pub async fn composition(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CouncilComposition,
) -> Result<Composition> {
    let date = parse_date(&p.date, "date")?;
    composition_on(conn, p.term_id, date).await
}
