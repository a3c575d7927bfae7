//! People (with their identity document) and the positions they hold in units.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::spanish;
use crate::{ids, municipality};

/// A person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Person {
    /// Id.
    pub id: i64,
    /// DNI, CE or RUN.
    pub doc_type: String,
    /// Normalized document number.
    pub doc_number: String,
    /// Given names.
    pub given_names: String,
    /// Surnames.
    pub surnames: String,
    /// "Given Surnames".
    pub full_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

const PERSON_SELECT: &str = "SELECT id, doc_type, doc_number, given_names, surnames,
    given_names || ' ' || surnames AS full_name, email, phone FROM person";

/// Params of `org.person.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonList {
    /// Words to search in names and document number.
    pub query: Option<String>,
}

/// `org.person.list`: people ordered by surname, filtered by every word of the query.
pub async fn person_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPersonList,
) -> Result<Vec<Person>> {
    let all: Vec<Person> =
        sqlx::query_as(&format!("{PERSON_SELECT} ORDER BY surnames, given_names"))
            .fetch_all(&mut *conn)
            .await?;
    let words: Vec<String> = p
        .query
        .unwrap_or_default()
        .split_whitespace()
        .map(spanish::fold)
        .collect();
    Ok(all
        .into_iter()
        .filter(|person| {
            let hay = spanish::fold(&format!("{} {}", person.full_name, person.doc_number));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect())
}

async fn person(conn: &mut SqliteConnection, id: i64) -> Result<Person> {
    sqlx::query_as(&format!("{PERSON_SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la persona {id}.")))
}

/// Params of `org.person.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonCreate {
    /// DNI, CE or RUN.
    pub doc_type: String,
    /// Document number (a DNI may carry its verification character: 12345678-1).
    pub doc_number: String,
    /// Given names.
    pub given_names: String,
    /// Surnames.
    pub surnames: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// Params of `org.person.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonUpdate {
    /// Person id.
    pub id: i64,
    /// DNI, CE or RUN.
    pub doc_type: String,
    /// Document number.
    pub doc_number: String,
    /// Given names.
    pub given_names: String,
    /// Surnames.
    pub surnames: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

struct CleanPerson {
    doc_type: String,
    doc_number: String,
    given_names: String,
    surnames: String,
    email: Option<String>,
    phone: Option<String>,
}

fn name_part(s: &str, field: &str, what: &str) -> Result<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() < 2 {
        return Err(Error::field(field, format!("Escriba {what}.")));
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        // `what` is plural ("los nombres", "los apellidos"): the verb agrees with it.
        let mut subject = what.to_string();
        subject[..1].make_ascii_uppercase();
        return Err(Error::field(field, format!("{subject} no llevan dígitos.")));
    }
    Ok(s)
}

impl From<OrgPersonUpdate> for OrgPersonCreate {
    fn from(p: OrgPersonUpdate) -> Self {
        OrgPersonCreate {
            doc_type: p.doc_type,
            doc_number: p.doc_number,
            given_names: p.given_names,
            surnames: p.surnames,
            email: p.email,
            phone: p.phone,
        }
    }
}

async fn clean_person(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    p: &OrgPersonCreate,
) -> Result<CleanPerson> {
    let doc_type = p.doc_type.as_str();
    let doc_number = ids::validate(doc_type, &p.doc_number)?;
    let given_names = name_part(&p.given_names, "given_names", "los nombres")?;
    let surnames = name_part(&p.surnames, "surnames", "los apellidos")?;
    let email = p
        .email
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from);
    if let Some(e) = &email {
        municipality::validate_email(e, "email")?;
    }
    let phone = p
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from);
    if let Some(ph) = &phone {
        municipality::validate_phone(ph, "phone")?;
    }
    let clash: Option<String> = sqlx::query_scalar(
        "SELECT given_names || ' ' || surnames FROM person WHERE doc_type = ? AND doc_number = ? AND id IS NOT ?",
    )
    .bind(doc_type)
    .bind(&doc_number)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(other) = clash {
        return Err(Error::field(
            "doc_number",
            format!("El {doc_type} {doc_number} ya está registrado a nombre de {other}."),
        ));
    }
    Ok(CleanPerson {
        doc_type: doc_type.to_string(),
        doc_number,
        given_names,
        surnames,
        email,
        phone,
    })
}

/// `org.person.create`.
pub async fn person_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPersonCreate,
) -> Result<Person> {
    let c = clean_person(conn, None, &p).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO person (doc_type, doc_number, given_names, surnames, email, phone)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&c.doc_type)
    .bind(&c.doc_number)
    .bind(&c.given_names)
    .bind(&c.surnames)
    .bind(&c.email)
    .bind(&c.phone)
    .fetch_one(&mut *conn)
    .await?;
    person(conn, id).await
}

/// `org.person.update`.
pub async fn person_update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPersonUpdate,
) -> Result<Person> {
    person(conn, p.id).await?;
    let id = p.id;
    let c = clean_person(conn, Some(id), &p.into()).await?;
    sqlx::query(
        "UPDATE person SET doc_type = ?, doc_number = ?, given_names = ?, surnames = ?, email = ?, phone = ?
         WHERE id = ?",
    )
    .bind(&c.doc_type)
    .bind(&c.doc_number)
    .bind(&c.given_names)
    .bind(&c.surnames)
    .bind(&c.email)
    .bind(&c.phone)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    person(conn, id).await
}

/// A position (cargo) held by a person in a unit over a period.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Position {
    /// Id.
    pub id: i64,
    /// Person.
    pub person_id: i64,
    /// Person's full name.
    pub person_name: String,
    /// Unit.
    pub unit_id: i64,
    /// Unit name.
    pub unit_name: String,
    /// Cargo ("Gerente Municipal").
    pub title: String,
    /// From.
    pub start_date: String,
    /// To (null: current).
    pub end_date: Option<String>,
}

const POSITION_SELECT: &str =
    "SELECT ps.id, ps.person_id, p.given_names || ' ' || p.surnames AS person_name,
    ps.unit_id, u.name AS unit_name, ps.title, ps.start_date, ps.end_date
    FROM position ps JOIN person p ON p.id = ps.person_id JOIN org_unit u ON u.id = ps.unit_id";

/// Params of `org.position.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPositionList {
    /// Only this person's positions.
    pub person_id: Option<i64>,
    /// Only this unit's positions.
    pub unit_id: Option<i64>,
}

/// `org.position.list`: current positions first, newest first.
pub async fn position_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPositionList,
) -> Result<Vec<Position>> {
    Ok(sqlx::query_as(&format!(
        "{POSITION_SELECT} WHERE (? IS NULL OR ps.person_id = ?) AND (? IS NULL OR ps.unit_id = ?)
         ORDER BY ps.end_date IS NOT NULL, ps.start_date DESC, ps.id DESC"
    ))
    .bind(p.person_id)
    .bind(p.person_id)
    .bind(p.unit_id)
    .bind(p.unit_id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn position(conn: &mut SqliteConnection, id: i64) -> Result<Position> {
    sqlx::query_as(&format!("{POSITION_SELECT} WHERE ps.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el cargo {id}.")))
}

/// Params of `org.position.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPositionCreate {
    /// Person.
    pub person_id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Cargo.
    pub title: String,
    /// From.
    pub start_date: String,
    /// To.
    pub end_date: Option<String>,
}

/// Params of `org.position.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPositionUpdate {
    /// Position id.
    pub id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Cargo.
    pub title: String,
    /// From.
    pub start_date: String,
    /// To (set it to end the position).
    pub end_date: Option<String>,
}

async fn validate_position(
    conn: &mut SqliteConnection,
    unit_id: i64,
    title: &str,
    start: &str,
    end: &Option<String>,
) -> Result<(String, Option<String>)> {
    let exists: i64 = sqlx::query_scalar("SELECT count(*) FROM org_unit WHERE id = ?")
        .bind(unit_id)
        .fetch_one(&mut *conn)
        .await?;
    if exists == 0 {
        return Err(Error::field("unit_id", "Elija la unidad orgánica."));
    }
    if title.trim().chars().count() < 3 {
        return Err(Error::field(
            "title",
            "Escriba el cargo (por ejemplo «Gerente Municipal»).",
        ));
    }
    let s = parse_date(start, "start_date")?;
    let e = match end.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
        Some(e) => {
            let e = parse_date(e, "end_date")?;
            if e < s {
                return Err(Error::field(
                    "end_date",
                    "La fecha de término no puede ser anterior a la de inicio.",
                ));
            }
            Some(e.to_string())
        }
        None => None,
    };
    Ok((s.to_string(), e))
}

/// `org.position.create`.
pub async fn position_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPositionCreate,
) -> Result<Position> {
    person(conn, p.person_id)
        .await
        .map_err(|_| Error::field("person_id", "Elija la persona."))?;
    let (start, end) =
        validate_position(conn, p.unit_id, &p.title, &p.start_date, &p.end_date).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO position (person_id, unit_id, title, start_date, end_date) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(p.person_id)
    .bind(p.unit_id)
    .bind(p.title.trim())
    .bind(start)
    .bind(end)
    .fetch_one(&mut *conn)
    .await?;
    position(conn, id).await
}

/// `org.position.update`.
pub async fn position_update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPositionUpdate,
) -> Result<Position> {
    position(conn, p.id).await?;
    let (start, end) =
        validate_position(conn, p.unit_id, &p.title, &p.start_date, &p.end_date).await?;
    sqlx::query(
        "UPDATE position SET unit_id = ?, title = ?, start_date = ?, end_date = ? WHERE id = ?",
    )
    .bind(p.unit_id)
    .bind(p.title.trim())
    .bind(start)
    .bind(end)
    .bind(p.id)
    .execute(&mut *conn)
    .await?;
    position(conn, p.id).await
}
