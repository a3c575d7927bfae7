//! Collegiate bodies other than the Concejo: the comisiones de regidores (concejales in Chile),
//! each with its own members, presidente, numbering of sessions and quorum counted over its
//! members. The Concejo itself is the body of the term (`super::concejo`); its members are the
//! term's. A comisión's members are fixed once it has convened a session: comisiones are formed
//! for a period and a new composition is a new comisión (ADR 0007).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::Body;
use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::{council, numbering, rules};

/// Roles inside a comisión.
pub const ROLES: [&str; 3] = ["presidente", "vicepresidente", "miembro"];

/// A member of a body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct BodyMember {
    /// Council member.
    pub member_id: i64,
    /// Full name.
    pub name: String,
    /// `presidente`, `vicepresidente` or `miembro`.
    pub role: String,
}

/// A body with its members.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BodyView {
    /// Id.
    pub id: i64,
    /// "Concejo Municipal 2023-2026", "Comisión de Desarrollo Económico".
    pub name: String,
    /// `concejo` or `comision`.
    pub kind: String,
    /// Council term.
    pub term_id: i64,
    /// Abbreviation printed in its sessions' numbers (empty for the Concejo).
    pub abbreviation: String,
    /// Members (empty for the Concejo: its members are the term's).
    pub members: Vec<BodyMember>,
    /// Sessions held or convened (not drafts).
    pub sessions: i64,
}

/// One member in `body.create` / `body.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BodyMemberInput {
    /// Council member (a regidor of the term).
    pub member_id: i64,
    /// `presidente`, `vicepresidente` or `miembro`.
    pub role: String,
}

/// Params of `body.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BodyList {
    /// Term (default: the one in force today).
    pub term_id: Option<i64>,
}

/// Params of `body.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BodyCreate {
    /// "Comisión de Desarrollo Económico".
    pub name: String,
    /// Abbreviation for its sessions' numbers ("CDE"; default: the initials of the name).
    pub abbreviation: Option<String>,
    /// Members with their roles: one presidente.
    pub members: Vec<BodyMemberInput>,
}

/// Params of `body.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BodyUpdate {
    /// Body.
    pub id: i64,
    /// New name.
    pub name: String,
    /// Members (only while it has not convened a session).
    pub members: Vec<BodyMemberInput>,
}

/// The body with this id.
pub(crate) async fn body(conn: &mut SqliteConnection, id: i64) -> Result<Body> {
    sqlx::query_as("SELECT id, name, kind, term_id FROM body WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::field("body_id", format!("No existe el órgano {id}.")))
}

/// Members of a comisión by role (presidente first), `None` for the Concejo.
pub(crate) async fn roles(
    conn: &mut SqliteConnection,
    b: &Body,
) -> Result<Option<HashMap<i64, String>>> {
    if b.kind == "concejo" {
        return Ok(None);
    }
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT member_id, role FROM body_member WHERE body_id = ?")
            .bind(b.id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(rows.into_iter().collect()))
}

/// The numbering series of a body's sessions of `kind`.
pub(crate) fn series_of(b: &Body, kind: &str) -> String {
    if b.kind == "concejo" {
        format!("sesion-{kind}")
    } else {
        format!("sesion-{kind}-c{}", b.id)
    }
}

/// Session kinds a comisión holds.
pub const COMMISSION_KINDS: [&str; 2] = ["ordinaria", "extraordinaria"];

async fn members_of(conn: &mut SqliteConnection, body_id: i64) -> Result<Vec<BodyMember>> {
    Ok(sqlx::query_as(
        "SELECT bm.member_id, p.given_names || ' ' || p.surnames AS name, bm.role
         FROM body_member bm JOIN council_member m ON m.id = bm.member_id JOIN person p ON p.id = m.person_id
         WHERE bm.body_id = ?
         ORDER BY CASE bm.role WHEN 'presidente' THEN 0 WHEN 'vicepresidente' THEN 1 ELSE 2 END, m.seat",
    )
    .bind(body_id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn view(conn: &mut SqliteConnection, b: Body) -> Result<BodyView> {
    let members = if b.kind == "concejo" {
        Vec::new()
    } else {
        members_of(conn, b.id).await?
    };
    let sessions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM session WHERE body_id = ? AND status NOT IN ('borrador', 'cancelada')",
    )
    .bind(b.id)
    .fetch_one(&mut *conn)
    .await?;
    let abbreviation: String = if b.kind == "concejo" {
        String::new()
    } else {
        sqlx::query_scalar("SELECT organ FROM numbering_series WHERE code = ?")
            .bind(series_of(&b, "ordinaria"))
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_default()
    };
    Ok(BodyView {
        id: b.id,
        name: b.name,
        kind: b.kind,
        term_id: b.term_id,
        abbreviation,
        members,
        sessions,
    })
}

async fn term_today(conn: &mut SqliteConnection, today: NaiveDate) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM council_term WHERE start_date <= ?1 AND end_date >= ?1")
        .bind(today.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::field(
                "term_id",
                "No hay periodo de gestión vigente: regístrelo en Concejo antes de formar comisiones.",
            )
        })
}

/// `body.list`: the Concejo and the comisiones of a term.
pub async fn list(conn: &mut SqliteConnection, ctx: &Ctx, p: BodyList) -> Result<Vec<BodyView>> {
    let term = match p.term_id {
        Some(t) => t,
        None => term_today(conn, ctx.today).await?,
    };
    let start: String = sqlx::query_scalar("SELECT start_date FROM council_term WHERE id = ?")
        .bind(term)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::field("term_id", format!("No existe el periodo {term}.")))?;
    // The Concejo exists from the first time anyone looks.
    super::concejo(conn, numbering::parse_date(&start, "term_id")?).await?;
    let bodies: Vec<Body> = sqlx::query_as(
        "SELECT id, name, kind, term_id FROM body WHERE term_id = ?
         ORDER BY kind <> 'concejo', name COLLATE NOCASE",
    )
    .bind(term)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(bodies.len());
    for b in bodies {
        out.push(view(conn, b).await?);
    }
    Ok(out)
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 5 {
        return Err(Error::field(
            "name",
            "Escriba el nombre de la comisión (por ejemplo «Comisión de Desarrollo Económico»).",
        ));
    }
    if name.chars().count() > 120 {
        return Err(Error::field(
            "name",
            "El nombre no puede pasar de 120 caracteres.",
        ));
    }
    if name.contains(['{', '}']) {
        return Err(Error::field(
            "name",
            "El nombre no puede llevar llaves { }.",
        ));
    }
    Ok(name)
}

/// "Comisión de Desarrollo Económico" → "CDE".
pub fn initials(name: &str) -> String {
    const SMALL: [&str; 9] = ["de", "del", "la", "las", "los", "y", "e", "el", "en"];
    name.split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(8)
        .collect()
}

fn clean_abbreviation(a: Option<&str>, name: &str) -> Result<String> {
    let a = a
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_uppercase)
        .unwrap_or_else(|| initials(name));
    if a.is_empty()
        || a.chars().count() > 12
        || !a
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Err(Error::field(
            "abbreviation",
            "La sigla lleva de 1 a 12 letras o dígitos (por ejemplo «CDE»).",
        ));
    }
    Ok(a)
}

/// Check the members: regidores of the term in office today, no one twice, one presidente,
/// at least the rule set's minimum.
async fn check_members(
    conn: &mut SqliteConnection,
    term_id: i64,
    today: NaiveDate,
    members: &[BodyMemberInput],
) -> Result<()> {
    let rules = rules::load(conn).await?;
    let min: usize = rules
        .value("commission.min_members")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let title = rules
        .value("council.member_title_plural")
        .unwrap_or("Regidores")
        .to_lowercase();
    let council = council::members_on(conn, term_id, today).await?;
    for (i, m) in members.iter().enumerate() {
        let Some(c) = council.iter().find(|c| c.id == m.member_id) else {
            return Err(Error::field(
                &format!("members[{i}].member_id"),
                "Ese miembro no integra el concejo de este periodo.",
            ));
        };
        if c.role == "alcalde" {
            return Err(Error::field(
                &format!("members[{i}].member_id"),
                format!("Las comisiones se forman con {title}: el alcalde no las integra."),
            ));
        }
        if members[..i].iter().any(|o| o.member_id == m.member_id) {
            return Err(Error::field(
                &format!("members[{i}].member_id"),
                format!("{} ya figura en la comisión.", c.person_name),
            ));
        }
        if !ROLES.contains(&m.role.as_str()) {
            return Err(Error::field(
                &format!("members[{i}].role"),
                "El cargo en la comisión es presidente, vicepresidente o miembro.",
            ));
        }
    }
    if members.len() < min {
        return Err(Error::field(
            "members",
            format!(
                "Una comisión se integra con al menos {min} {title}; tiene {}.",
                members.len()
            ),
        ));
    }
    for (role, label) in [
        ("presidente", "un presidente"),
        ("vicepresidente", "un vicepresidente"),
    ] {
        let n = members.iter().filter(|m| m.role == role).count();
        if n > 1 || (role == "presidente" && n == 0) {
            return Err(Error::field(
                "members",
                format!(
                    "La comisión tiene {label}{}.",
                    if n == 0 { "" } else { " y solo uno" }
                ),
            ));
        }
    }
    Ok(())
}

async fn unique_name(conn: &mut SqliteConnection, name: &str, except: i64) -> Result<()> {
    let taken: i64 =
        sqlx::query_scalar("SELECT count(*) FROM body WHERE name = ? COLLATE NOCASE AND id <> ?")
            .bind(name)
            .bind(except)
            .fetch_one(&mut *conn)
            .await?;
    if taken > 0 {
        return Err(Error::field(
            "name",
            format!("Ya existe «{name}»: use otro nombre (por ejemplo con el año)."),
        ));
    }
    Ok(())
}

async fn set_members(
    conn: &mut SqliteConnection,
    body_id: i64,
    members: &[BodyMemberInput],
) -> Result<()> {
    sqlx::query("DELETE FROM body_member WHERE body_id = ?")
        .bind(body_id)
        .execute(&mut *conn)
        .await?;
    for m in members {
        sqlx::query("INSERT INTO body_member (body_id, member_id, role) VALUES (?, ?, ?)")
            .bind(body_id)
            .bind(m.member_id)
            .bind(&m.role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// `body.create`: a comisión of the term in force, with its members and the numbering series
/// of its sessions (the Concejo's patterns with the comisión's abbreviation).
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: BodyCreate) -> Result<BodyView> {
    let name = clean_name(&p.name)?;
    let abbreviation = clean_abbreviation(p.abbreviation.as_deref(), &name)?;
    let term = term_today(conn, ctx.today).await?;
    unique_name(conn, &name, 0).await?;
    check_members(conn, term, ctx.today, &p.members).await?;
    let b: Body = sqlx::query_as(
        "INSERT INTO body (name, kind, term_id) VALUES (?, 'comision', ?) RETURNING id, name, kind, term_id",
    )
    .bind(&name)
    .bind(term)
    .fetch_one(&mut *conn)
    .await?;
    set_members(conn, b.id, &p.members).await?;
    for kind in COMMISSION_KINDS {
        let (pattern, reset): (String, String) =
            sqlx::query_as("SELECT pattern, reset FROM numbering_series WHERE code = ?")
                .bind(format!("sesion-{kind}"))
                .fetch_optional(&mut *conn)
                .await?
                .unwrap_or_else(|| {
                    (
                        format!("SESIÓN {} N° {{n:2}}-{{yyyy}}", kind.to_uppercase()),
                        "yearly".into(),
                    )
                });
        sqlx::query(
            "INSERT INTO numbering_series (code, name, organ, pattern, reset) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(series_of(&b, kind))
        .bind(format!("Sesiones {kind}s — {name}"))
        .bind(&abbreviation)
        .bind(format!("{pattern}-{{organo}}"))
        .bind(reset)
        .execute(&mut *conn)
        .await?;
    }
    view(conn, b).await
}

/// `body.update`: rename a comisión; change its members while it has not convened a session.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: BodyUpdate) -> Result<BodyView> {
    let b = body(conn, p.id).await?;
    if b.kind == "concejo" {
        return Err(Error::Conflict(
            "El Concejo no se edita aquí: sus miembros son los del periodo (Concejo → Miembros)."
                .into(),
        ));
    }
    let name = clean_name(&p.name)?;
    unique_name(conn, &name, b.id).await?;
    let current = view(conn, b.clone()).await?;
    let mut before: Vec<(i64, &str)> = current
        .members
        .iter()
        .map(|m| (m.member_id, m.role.as_str()))
        .collect();
    let mut after: Vec<(i64, &str)> = p
        .members
        .iter()
        .map(|m| (m.member_id, m.role.as_str()))
        .collect();
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        if current.sessions > 0 {
            return Err(Error::field(
                "members",
                "La comisión ya sesionó: su composición queda como está en sus actas. Para otra composición, forme una comisión nueva.",
            ));
        }
        check_members(conn, b.term_id, ctx.today, &p.members).await?;
        set_members(conn, b.id, &p.members).await?;
    }
    sqlx::query("UPDATE body SET name = ? WHERE id = ?")
        .bind(&name)
        .bind(b.id)
        .execute(&mut *conn)
        .await?;
    for kind in COMMISSION_KINDS {
        sqlx::query("UPDATE numbering_series SET name = ? WHERE code = ?")
            .bind(format!("Sesiones {kind}s — {name}"))
            .bind(series_of(&b, kind))
            .execute(&mut *conn)
            .await?;
    }
    let renamed = body(conn, b.id).await?;
    view(conn, renamed).await
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_skip_articles() {
        assert_eq!(initials("Comisión de Desarrollo Económico"), "CDE");
        assert_eq!(initials("Comisión de Obras y Servicios"), "COS");
        assert_eq!(initials("comisión de la mujer"), "CM");
    }
}
