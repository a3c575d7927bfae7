//! Who sits in a comisión or a comité: the checks of a composition (regidores of the term in
//! office, officials for a comité, one presidente, the rule set's minimum) and its storage.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{BodyMemberInput, OfficialInput, COMMITTEE_ROLES, ROLES};
use crate::error::{Error, Result};
use crate::{council, rules};

/// Check the members: regidores of the term in office today, no one twice, one presidente,
/// at least the rule set's minimum.
pub(super) async fn check_members(
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
    let roles: Vec<&str> = members.iter().map(|m| m.role.as_str()).collect();
    one_presidente(&roles, "vicepresidente", "members", "La comisión")?;
    Ok(())
}

/// Exactly one presidente and at most one `second` (vicepresidente, secretario) in `roles`.
fn one_presidente(roles: &[&str], second: &str, field: &str, body: &str) -> Result<()> {
    for role in ["presidente", second] {
        let n = roles.iter().filter(|r| **r == role).count();
        if n > 1 || (role == "presidente" && n == 0) {
            return Err(Error::field(
                field,
                format!(
                    "{body} tiene un {role}{}.",
                    if n == 0 { "" } else { " y solo uno" }
                ),
            ));
        }
    }
    Ok(())
}

/// Check a comité's officials: people holding a position today, no one twice, one presidente,
/// at most one secretario, at least the rule set's minimum. Gives each one's cargo.
pub(super) async fn check_officials(
    conn: &mut SqliteConnection,
    today: NaiveDate,
    officials: &[OfficialInput],
) -> Result<Vec<String>> {
    let rules = rules::load(conn).await?;
    let min: usize = rules
        .value("commission.min_members")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut cargos = Vec::new();
    for (i, o) in officials.iter().enumerate() {
        let field = format!("officials[{i}].person_id");
        let cargo = crate::org::position_title_on(conn, o.person_id, today).await?;
        let Some(cargo) = cargo else {
            return Err(Error::field(
                &field,
                "Esa persona no ocupa hoy un cargo en la municipalidad: el comité se integra con funcionarios.",
            ));
        };
        if officials[..i].iter().any(|x| x.person_id == o.person_id) {
            return Err(Error::field(&field, "Esa persona ya figura en el comité."));
        }
        if !COMMITTEE_ROLES.contains(&o.role.as_str()) {
            return Err(Error::field(
                &format!("officials[{i}].role"),
                "El cargo en el comité es presidente, secretario o miembro.",
            ));
        }
        cargos.push(cargo);
    }
    if officials.len() < min {
        return Err(Error::field(
            "officials",
            format!(
                "Un comité se integra con al menos {min} funcionarios; tiene {}.",
                officials.len()
            ),
        ));
    }
    let roles: Vec<&str> = officials.iter().map(|m| m.role.as_str()).collect();
    one_presidente(&roles, "secretario", "officials", "El comité")?;
    Ok(cargos)
}

pub(super) async fn set_officials(
    conn: &mut SqliteConnection,
    body_id: i64,
    officials: &[OfficialInput],
    cargos: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM body_official WHERE body_id = $1")
        .bind(body_id)
        .execute(&mut *conn)
        .await?;
    for (o, cargo) in officials.iter().zip(cargos) {
        sqlx::query(
            "INSERT INTO body_official (body_id, person_id, role, cargo) VALUES ($1, $2, $3, $4)",
        )
        .bind(body_id)
        .bind(o.person_id)
        .bind(&o.role)
        .bind(cargo)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn set_members(
    conn: &mut SqliteConnection,
    body_id: i64,
    members: &[BodyMemberInput],
) -> Result<()> {
    sqlx::query("DELETE FROM body_member WHERE body_id = $1")
        .bind(body_id)
        .execute(&mut *conn)
        .await?;
    for m in members {
        sqlx::query("INSERT INTO body_member (body_id, member_id, role) VALUES ($1, $2, $3)")
            .bind(body_id)
            .bind(m.member_id)
            .bind(&m.role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
