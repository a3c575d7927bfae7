//! The council of each term (periodo de gestión): alcalde and regidores/concejales, their status
//! over time, and the composition on any date — número legal, número hábil and quorum.

pub mod officers;
mod store;

pub use store::{term as find_term, term_on, terms};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::spanish::{self, Gender};
use crate::{org, rules};

/// Office held in the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum CouncilRole {
    /// `alcalde`: presides the council (seat 0).
    Alcalde,
    /// `regidor`: an elected member (concejal in Chile). The stored and answered code stays
    /// `regidor` in every country; `concejal` is accepted on input as the same value.
    #[serde(alias = "concejal")]
    Regidor,
}

/// Status of a member over a period (`council_member_status.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum MemberStatus {
    /// `activo`: in office.
    Activo,
    /// `licencia`: on licence.
    Licencia,
    /// `suspendido`: suspended.
    Suspendido,
    /// `vacado`: the office was vacated (never ends).
    Vacado,
}

impl MemberStatus {
    /// The stored code, as shown in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Activo => "activo",
            MemberStatus::Licencia => "licencia",
            MemberStatus::Suspendido => "suspendido",
            MemberStatus::Vacado => "vacado",
        }
    }
}

/// A council term.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct CouncilTerm {
    /// Id.
    pub id: i64,
    /// Name ("Periodo de gestión 2023-2026").
    pub name: String,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Número legal: seats of the term (alcalde + regidores elected).
    pub legal_size: i64,
}

/// `council.term.list`: newest first.
pub async fn term_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<CouncilTerm>> {
    store::terms(conn).await
}

async fn term(conn: &mut SqliteConnection, id: i64) -> Result<CouncilTerm> {
    store::term(conn, id)
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
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    /// Last day.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub end_date: NaiveDate,
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
    let (start, end) = (p.start_date, p.end_date);
    if end <= start {
        return Err(Error::field(
            "end_date",
            "El periodo debe terminar después de empezar.",
        ));
    }
    if let Some(other) = store::overlapping_term(conn, start, end).await? {
        return Err(Error::field(
            "start_date",
            format!("Las fechas se superponen con «{other}»."),
        ));
    }
    let id = store::term_insert(conn, p.name.trim(), start, end).await?;
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
    /// The person's gender (null: not said).
    pub gender: Option<Gender>,
    /// The role as printed for this person: Alcalde / Alcaldesa, Regidor / Regidora, Concejal /
    /// Concejala.
    #[sqlx(skip)]
    pub title: String,
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

/// Members of a term with their status on `date`, by seat.
pub async fn members_on(
    conn: &mut SqliteConnection,
    term_id: i64,
    date: NaiveDate,
) -> Result<Vec<CouncilMember>> {
    let mut members = store::members_on(conn, term_id, date).await?;
    let set = rules::load(conn).await?;
    for m in &mut members {
        m.title = member_title(&set, &m.role, m.gender);
    }
    Ok(members)
}

/// A member's role as printed for the person: "Alcaldesa", "Regidor", "Concejala"…
pub fn member_title(set: &rules::RuleSet, role: &str, gender: Option<Gender>) -> String {
    let base = if role == role_code(CouncilRole::Alcalde) {
        "Alcalde"
    } else {
        set.value("council.member_title").unwrap_or("Regidor")
    };
    spanish::title(base, gender)
}

async fn member(conn: &mut SqliteConnection, id: i64, date: NaiveDate) -> Result<CouncilMember> {
    let mut m = store::member(conn, id, date).await?.ok_or_else(|| {
        Error::field(
            "member_id",
            format!("No existe el miembro del concejo {id}."),
        )
    })?;
    m.title = member_title(&rules::load(conn).await?, &m.role, m.gender);
    Ok(m)
}

/// Params of `council.member.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilMemberList {
    /// Term.
    pub term_id: i64,
    /// Date for the statuses (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
}

/// `council.member.list`.
pub async fn member_list(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CouncilMemberList,
) -> Result<Vec<CouncilMember>> {
    term(conn, p.term_id).await?;
    members_on(conn, p.term_id, p.date.unwrap_or(ctx.today)).await
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
    pub role: CouncilRole,
    /// Party or movement.
    pub party: String,
    /// First day in office (default: the term's first day).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub from_date: Option<NaiveDate>,
    /// Last day in office.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub to_date: Option<NaiveDate>,
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
    if !org::person_exists(conn, p.person_id).await? {
        return Err(Error::field(
            "person_id",
            "Elija la persona (regístrela antes en Personas).",
        ));
    }
    if store::is_member(conn, p.term_id, p.person_id).await? {
        return Err(Error::field(
            "person_id",
            "Esa persona ya integra el concejo de este periodo.",
        ));
    }
    let (from, to) = member_dates(&t, p.from_date, p.to_date)?;
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
            if replaced.role != role_code(p.role) {
                return Err(Error::field(
                    "role",
                    "El reemplazante debe ocupar el mismo cargo que el reemplazado.",
                ));
            }
            replaced.seat
        }
        None => {
            if p.role == CouncilRole::Alcalde {
                if store::has_alcalde(conn, p.term_id).await? {
                    return Err(Error::field(
                        "role",
                        "El periodo ya tiene alcalde; para un reemplazo indique a quién reemplaza.",
                    ));
                }
                0
            } else {
                store::next_seat(conn, p.term_id).await?
            }
        }
    };
    let id = store::member_insert(
        conn,
        &store::NewMember {
            term_id: p.term_id,
            person_id: p.person_id,
            role: p.role,
            party: p.party.trim(),
            seat,
            from,
            to,
        },
    )
    .await?;
    let in_office = ctx.today >= from && to.is_none_or(|t| ctx.today <= t);
    member(conn, id, if in_office { ctx.today } else { from }).await
}

/// The code of a role as [`CouncilMember::role`] carries it.
fn role_code(role: CouncilRole) -> &'static str {
    match role {
        CouncilRole::Alcalde => "alcalde",
        CouncilRole::Regidor => "regidor",
    }
}

/// A member's days in office, checked against the term (`from` defaults to its first day).
fn member_dates(
    t: &CouncilTerm,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let (ts, te) = (t.start_date, t.end_date);
    let from = from.unwrap_or(ts);
    if from < ts || from > te {
        return Err(Error::field(
            "from_date",
            format!(
                "La fecha debe estar dentro del periodo ({} a {}).",
                t.start_date, t.end_date
            ),
        ));
    }
    let to = match to {
        Some(x) => {
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
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub from_date: Option<NaiveDate>,
    /// Last day in office.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub to_date: Option<NaiveDate>,
}

/// `council.member.update`.
pub async fn member_update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CouncilMemberUpdate,
) -> Result<CouncilMember> {
    let m = member(conn, p.id, ctx.today).await?;
    let t = term(conn, m.term_id).await?;
    let (from, to) = member_dates(&t, p.from_date, p.to_date)?;
    store::member_update(conn, p.id, p.party.trim(), from, to).await?;
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
    pub status: MemberStatus,
    /// From.
    pub from_date: NaiveDate,
    /// To (null: open).
    pub to_date: Option<NaiveDate>,
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
    pub status: MemberStatus,
    /// From.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub from_date: NaiveDate,
    /// To (null: open; a vacancy is always open).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub to_date: Option<NaiveDate>,
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
    let m = member(conn, p.member_id, p.from_date).await?;
    let t = term(conn, m.term_id).await?;
    let (from, to) = member_dates(&t, Some(p.from_date), p.to_date)?;
    if p.status == MemberStatus::Vacado && to.is_some() {
        return Err(Error::field(
            "to_date",
            "La vacancia no tiene fecha de término.",
        ));
    }
    if p.status != MemberStatus::Activo && p.note.trim().chars().count() < 3 {
        return Err(Error::field(
            "note",
            "Indique el sustento (por ejemplo «Acuerdo de Concejo N° 015-2026 que concede licencia»).",
        ));
    }
    let periods = store::statuses(conn, p.member_id).await?;
    let far = NaiveDate::MAX;
    for other in &periods {
        let (os, oe) = (other.from_date, other.to_date);
        let overlaps = os <= to.unwrap_or(far) && oe.unwrap_or(far) >= from;
        if !overlaps {
            continue;
        }
        if oe.is_none() && os < from && other.status != MemberStatus::Vacado {
            store::status_close(conn, other.id, from - Duration::days(1)).await?;
        } else {
            return Err(Error::field(
                "from_date",
                format!(
                    "Se superpone con el estado «{}» desde {}{}.",
                    other.status.as_str(),
                    other.from_date,
                    other
                        .to_date
                        .map(|d| format!(" hasta {d}"))
                        .unwrap_or_default()
                ),
            ));
        }
    }
    store::status_insert(conn, p.member_id, p.status, from, to, p.note.trim()).await?;
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
    store::statuses_newest_first(conn, p.member_id).await
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
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
}

/// Número legal, número hábil and quorum on a date.
pub async fn composition_on(
    conn: &mut SqliteConnection,
    term_id: Option<i64>,
    date: NaiveDate,
) -> Result<Composition> {
    let term_id = match term_id {
        Some(id) => id,
        None => store::term_on(conn, date).await?.ok_or_else(|| {
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
    composition_on(conn, p.term_id, p.date).await
}
