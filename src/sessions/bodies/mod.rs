//! Collegiate bodies other than the Concejo: the comisiones de regidores (concejales in Chile)
//! and, in Chile, the Comité Estratégico de Gestión of officials presided by the Administrador
//! Municipal; each with its own members, presidente, numbering of sessions and quorum counted
//! over its members. The Concejo itself is the body of the term (`super::concejo`); its members
//! are the term's. A body's members are fixed once it has convened a session: comisiones are
//! formed for a period and a new composition is a new body (ADR 0007).
//!
//! `members` checks and stores a composition; this file holds the bodies themselves.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

mod members;

use members::{check_members, check_officials, set_members, set_officials};

use super::{Body, BodyKind, SessionKind};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::numbering;
use crate::rules;

/// Roles inside a comisión.
pub const ROLES: [&str; 3] = ["presidente", "vicepresidente", "miembro"];
/// Roles inside a comité of officials.
pub const COMMITTEE_ROLES: [&str; 3] = ["presidente", "secretario", "miembro"];

/// A member of a body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct BodyMember {
    /// Council member (comisión) or official of the comité: the id used in its sessions.
    pub member_id: i64,
    /// Person.
    pub person_id: i64,
    /// Full name.
    pub name: String,
    /// `presidente`, `vicepresidente` (comisión), `secretario` (comité) or `miembro`.
    pub role: String,
    /// The official's cargo ("Administrador Municipal"); empty for council members.
    pub cargo: String,
    /// The person's gender (null: not said).
    pub gender: Option<crate::spanish::Gender>,
}

/// One official in `body.create` / `body.update` of a comité.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OfficialInput {
    /// Person holding a position in the municipality.
    pub person_id: i64,
    /// `presidente`, `secretario` or `miembro`.
    pub role: String,
}

/// A body with its members.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BodyView {
    /// Id.
    pub id: i64,
    /// "Concejo Municipal 2023-2026", "Comisión de Desarrollo Económico".
    pub name: String,
    /// Concejo, comisión or comité.
    pub kind: BodyKind,
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
    /// `comision` (default) or `comite` (officials; where the rule set has `committee.enabled`).
    #[serde(default)]
    pub kind: Option<BodyKind>,
    /// Abbreviation for its sessions' numbers ("CDE"; default: the initials of the name).
    pub abbreviation: Option<String>,
    /// Members of a comisión with their roles: one presidente.
    #[serde(default)]
    pub members: Vec<BodyMemberInput>,
    /// Members of a comité with their roles: one presidente.
    #[serde(default)]
    pub officials: Vec<OfficialInput>,
}

/// Params of `body.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BodyUpdate {
    /// Body.
    pub id: i64,
    /// New name.
    pub name: String,
    /// Members of a comisión (only while it has not convened a session).
    #[serde(default)]
    pub members: Vec<BodyMemberInput>,
    /// Members of a comité (only while it has not convened a session).
    #[serde(default)]
    pub officials: Vec<OfficialInput>,
}

/// The body with this id.
pub(crate) async fn body(conn: &mut SqliteConnection, id: i64) -> Result<Body> {
    sqlx::query_as("SELECT id, name, kind, term_id FROM body WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::field("body_id", format!("No existe el órgano {id}.")))
}

/// "de la Comisión de …", "del Comité Estratégico de Gestión".
pub fn of_body(name: &str) -> String {
    if name.starts_with("Comité") || name.starts_with("Concejo") {
        format!("del {name}")
    } else {
        format!("de la {name}")
    }
}

/// "la Comisión de …", "el Comité Estratégico de Gestión".
pub fn the_body(name: &str) -> String {
    if name.starts_with("Comité") || name.starts_with("Concejo") {
        format!("el {name}")
    } else {
        format!("la {name}")
    }
}

/// The numbering series of a body's sessions of `kind`.
pub(crate) fn series_of(b: &Body, kind: SessionKind) -> String {
    let kind = kind.as_str();
    if b.kind == BodyKind::Concejo {
        format!("sesion-{kind}")
    } else {
        format!("sesion-{kind}-c{}", b.id)
    }
}

/// Session kinds a comisión holds.
pub const COMMISSION_KINDS: [SessionKind; 2] =
    [SessionKind::Ordinaria, SessionKind::Extraordinaria];

/// The members of a comisión or comité, presidente first.
pub(crate) async fn members_of(conn: &mut SqliteConnection, b: &Body) -> Result<Vec<BodyMember>> {
    Ok(sqlx::query_as(if b.kind == BodyKind::Comite {
        "SELECT o.id AS member_id, o.person_id, p.given_names || ' ' || p.surnames AS name, o.role, o.cargo, p.gender
         FROM body_official o JOIN person_name p ON p.id = o.person_id
         WHERE o.body_id = $1
         ORDER BY CASE o.role WHEN 'presidente' THEN 0 WHEN 'secretario' THEN 1 ELSE 2 END, p.surnames"
    } else {
        "SELECT bm.member_id, m.person_id, m.full_name AS name, bm.role, '' AS cargo, m.gender
         FROM body_member bm JOIN council_seat m ON m.id = bm.member_id
         WHERE bm.body_id = $1
         ORDER BY CASE bm.role WHEN 'presidente' THEN 0 WHEN 'vicepresidente' THEN 1 ELSE 2 END, m.seat"
    })
    .bind(b.id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn view(conn: &mut SqliteConnection, b: Body) -> Result<BodyView> {
    let members = if b.kind == BodyKind::Concejo {
        Vec::new()
    } else {
        members_of(conn, &b).await?
    };
    let sessions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM session WHERE body_id = $1 AND status NOT IN ('borrador', 'cancelada')",
    )
    .bind(b.id)
    .fetch_one(&mut *conn)
    .await?;
    let abbreviation: String = if b.kind == BodyKind::Concejo {
        String::new()
    } else {
        numbering::series_organ(conn, &series_of(&b, SessionKind::Ordinaria))
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
    crate::council::term_on(conn, today).await?.ok_or_else(|| {
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
    let start = crate::council::find_term(conn, term)
        .await?
        .map(|t| t.start_date)
        .ok_or_else(|| Error::field("term_id", format!("No existe el periodo {term}.")))?;
    // The Concejo exists from the first time anyone looks.
    super::concejo(conn, start).await?;
    let bodies: Vec<Body> = sqlx::query_as(
        "SELECT id, name, kind, term_id FROM body WHERE term_id = $1
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

async fn unique_name(conn: &mut SqliteConnection, name: &str, except: i64) -> Result<()> {
    let taken: i64 =
        sqlx::query_scalar("SELECT count(*) FROM body WHERE name = $1 COLLATE NOCASE AND id <> $2")
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

/// `body.create`: a comisión (or a comité of officials) of the term in force, with its members
/// and the numbering series of its sessions (the Concejo's patterns with its abbreviation).
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: BodyCreate) -> Result<BodyView> {
    let committee = match p.kind.unwrap_or(BodyKind::Comision) {
        BodyKind::Comision => false,
        BodyKind::Comite => {
            if rules::load(conn).await?.value("committee.enabled") != Some("yes") {
                return Err(Error::field(
                    "kind",
                    "Esta municipalidad no tiene comités de funcionarios (regla «committee.enabled» en Reglas legales).",
                ));
            }
            true
        }
        BodyKind::Concejo => {
            return Err(Error::field(
                "kind",
                "El órgano es una comisión o un comité.",
            ))
        }
    };
    let name = clean_name(&p.name)?;
    let abbreviation = clean_abbreviation(p.abbreviation.as_deref(), &name)?;
    let term = term_today(conn, ctx.today).await?;
    unique_name(conn, &name, 0).await?;
    let cargos = if committee {
        if !p.members.is_empty() {
            return Err(Error::field(
                "members",
                "Un comité se integra con funcionarios, no con miembros del concejo.",
            ));
        }
        check_officials(conn, ctx.today, &p.officials).await?
    } else {
        if !p.officials.is_empty() {
            return Err(Error::field(
                "officials",
                "Una comisión se integra con miembros del concejo, no con funcionarios.",
            ));
        }
        check_members(conn, term, ctx.today, &p.members).await?;
        Vec::new()
    };
    let b: Body = sqlx::query_as(
        "INSERT INTO body (name, kind, term_id) VALUES ($1, $2, $3) RETURNING id, name, kind, term_id",
    )
    .bind(&name)
    .bind(if committee {
        BodyKind::Comite
    } else {
        BodyKind::Comision
    })
    .bind(term)
    .fetch_one(&mut *conn)
    .await?;
    if committee {
        set_officials(conn, b.id, &p.officials, &cargos).await?;
    } else {
        set_members(conn, b.id, &p.members).await?;
    }
    for session_kind in COMMISSION_KINDS {
        let kind = session_kind.as_str();
        let fallback = format!("SESIÓN {} N° {{n:2}}-{{yyyy}}", kind.to_uppercase());
        numbering::create_organ_series(
            conn,
            &format!("sesion-{kind}"),
            &series_of(&b, session_kind),
            &format!("Sesiones {kind}s — {name}"),
            &abbreviation,
            (&fallback, "yearly"),
        )
        .await?;
    }
    view(conn, b).await
}

/// `body.update`: rename a comisión; change its members while it has not convened a session.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: BodyUpdate) -> Result<BodyView> {
    let b = body(conn, p.id).await?;
    if b.kind == BodyKind::Concejo {
        return Err(Error::Conflict(
            "El Concejo no se edita aquí: sus miembros son los del periodo (Concejo → Miembros)."
                .into(),
        ));
    }
    let name = clean_name(&p.name)?;
    unique_name(conn, &name, b.id).await?;
    let current = view(conn, b.clone()).await?;
    let committee = b.kind == BodyKind::Comite;
    // Compared by person for a comité (its officials' ids are replaced on each change).
    let mut before: Vec<(i64, &str)> = current
        .members
        .iter()
        .map(|m| {
            let id = if committee { m.person_id } else { m.member_id };
            (id, m.role.as_str())
        })
        .collect();
    let mut after: Vec<(i64, &str)> = if committee {
        p.officials
            .iter()
            .map(|m| (m.person_id, m.role.as_str()))
            .collect()
    } else {
        p.members
            .iter()
            .map(|m| (m.member_id, m.role.as_str()))
            .collect()
    };
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        if current.sessions > 0 {
            return Err(Error::field(
                if committee { "officials" } else { "members" },
                format!(
                    "{} ya sesionó: su composición queda como está en sus actas; una composición distinta se registra como un órgano nuevo.",
                    capitalize(&the_body(&b.name))
                ),
            ));
        }
        if committee {
            let cargos = check_officials(conn, ctx.today, &p.officials).await?;
            set_officials(conn, b.id, &p.officials, &cargos).await?;
        } else {
            check_members(conn, b.term_id, ctx.today, &p.members).await?;
            set_members(conn, b.id, &p.members).await?;
        }
    }
    sqlx::query("UPDATE body SET name = $1 WHERE id = $2")
        .bind(&name)
        .bind(b.id)
        .execute(&mut *conn)
        .await?;
    for kind in COMMISSION_KINDS {
        numbering::rename_series(
            conn,
            &series_of(&b, kind),
            &format!("Sesiones {}s — {name}", kind.as_str()),
        )
        .await?;
    }
    let renamed = body(conn, b.id).await?;
    view(conn, renamed).await
}

/// The first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
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
