//! People (with their identity document) and the positions they hold in units.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::store;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::spanish::{self, Gender};
use crate::{ids, municipality, paging};

/// Type of identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
pub enum DocType {
    /// Documento Nacional de Identidad (Peru).
    #[serde(rename = "DNI")]
    #[sqlx(rename = "DNI")]
    Dni,
    /// Carné de extranjería.
    #[serde(rename = "CE")]
    #[sqlx(rename = "CE")]
    Ce,
    /// Rol Único Nacional (Chile).
    #[serde(rename = "RUN")]
    #[sqlx(rename = "RUN")]
    Run,
}

impl DocType {
    /// The stored code, as printed (`DNI`, `CE`, `RUN`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Dni => "DNI",
            DocType::Ce => "CE",
            DocType::Run => "RUN",
        }
    }
}

/// A person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Person {
    /// Id.
    pub id: i64,
    /// DNI, CE or RUN.
    pub doc_type: DocType,
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
    /// Grammatical gender for the titles printed for the person (null: not said).
    pub gender: Option<Gender>,
}

/// Params of `org.person.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonList {
    /// Words to search in names and document number (every one must appear; accents and
    /// capitals do not matter).
    #[serde(default)]
    #[ts(optional)]
    pub query: Option<String>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `org.person.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonPage {
    /// The people, by surname.
    pub rows: Vec<Person>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `org.person.list`: a page of people ordered by surname, given names and document (accents
/// and capitals aside), filtered by every word of the query.
pub async fn person_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPersonList,
) -> Result<PersonPage> {
    let limit = paging::limit(p.limit)?;
    let after = paging::after::<(String, i64)>(p.after.as_deref())?;
    let words: Vec<String> = p
        .query
        .unwrap_or_default()
        .split_whitespace()
        .map(spanish::fold)
        .collect();
    let rows = store::person_page(conn, &words, after, limit + 1).await?;
    let (rows, next) = paging::finish(rows, limit, |(person, key)| (key.clone(), person.id));
    Ok(PersonPage {
        rows: rows.into_iter().map(|(person, _)| person).collect(),
        next,
    })
}

async fn person(conn: &mut SqliteConnection, id: i64) -> Result<Person> {
    store::person(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la persona {id}.")))
}

/// Params of `org.person.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonCreate {
    /// DNI, CE or RUN.
    pub doc_type: DocType,
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
    /// Gender the titles agree with (Alcaldesa, Regidora); null when not said.
    #[serde(default)]
    pub gender: Option<Gender>,
}

/// Params of `org.person.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersonUpdate {
    /// Person id.
    pub id: i64,
    /// DNI, CE or RUN.
    pub doc_type: DocType,
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
    /// Gender the titles agree with (Alcaldesa, Regidora); null when not said.
    #[serde(default)]
    pub gender: Option<Gender>,
}

/// The checked fields of a person being written.
pub(super) struct CleanPerson {
    /// Document type.
    pub doc_type: DocType,
    /// Normalized document number.
    pub doc_number: String,
    /// Given names, whitespace collapsed.
    pub given_names: String,
    /// Surnames, whitespace collapsed.
    pub surnames: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
}

/// A part of a name: `what` is its Spanish noun with article, both in plural ("los nombres").
fn name_part(s: &str, field: &str, what: &str) -> Result<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() < 2 {
        return Err(Error::field(field, format!("Escriba {what}.")));
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        let mut message = format!("{what} no llevan dígitos.");
        message[..1].make_ascii_uppercase();
        return Err(Error::field(field, message));
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
            gender: p.gender,
        }
    }
}

async fn clean_person(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    p: &OrgPersonCreate,
) -> Result<CleanPerson> {
    let doc_type = p.doc_type;
    let doc_number = ids::validate(doc_type.as_str(), &p.doc_number)?;
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
    let clean = CleanPerson {
        doc_type,
        doc_number,
        given_names,
        surnames,
        email,
        phone,
        gender: p.gender,
    };
    if let Some(other) = store::document_holder(conn, &clean, id).await? {
        return Err(Error::field(
            "doc_number",
            format!(
                "El {} {} ya está registrado a nombre de {other}.",
                doc_type.as_str(),
                clean.doc_number
            ),
        ));
    }
    Ok(clean)
}

/// `org.person.create`.
pub async fn person_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPersonCreate,
) -> Result<Person> {
    let c = clean_person(conn, None, &p).await?;
    let id = store::person_insert(conn, &c).await?;
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
    store::person_update(conn, id, &c).await?;
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

/// Params of `org.position.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPositionList {
    /// Only this person's positions.
    #[serde(default)]
    #[ts(optional)]
    pub person_id: Option<i64>,
    /// Only this unit's positions.
    #[serde(default)]
    #[ts(optional)]
    pub unit_id: Option<i64>,
    /// Only the positions without an end date (`true`) or only those with one (`false`).
    #[serde(default)]
    #[ts(optional)]
    pub current: Option<bool>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `org.position.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PositionPage {
    /// The positions: current first, newest first.
    pub rows: Vec<Position>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `org.position.list`: a page of positions, current first, newest first.
pub async fn position_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPositionList,
) -> Result<PositionPage> {
    let limit = paging::limit(p.limit)?;
    let after = paging::after::<(bool, String, i64)>(p.after.as_deref())?;
    let rows =
        store::position_page(conn, p.person_id, p.unit_id, p.current, after, limit + 1).await?;
    let (rows, next) = paging::finish(rows, limit, |r| {
        (r.end_date.is_none(), r.start_date.clone(), r.id)
    });
    Ok(PositionPage { rows, next })
}

async fn position(conn: &mut SqliteConnection, id: i64) -> Result<Position> {
    store::position(conn, id)
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
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    /// To.
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub end_date: Option<NaiveDate>,
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
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    /// To (set it to end the position).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub end_date: Option<NaiveDate>,
}

/// Check a position's fields.
async fn validate_position<'a>(
    conn: &mut SqliteConnection,
    unit_id: i64,
    title: &'a str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<store::PositionFields<'a>> {
    if !store::unit_exists(conn, unit_id).await? {
        return Err(Error::field("unit_id", "Elija la unidad orgánica."));
    }
    let title = title.trim();
    if title.chars().count() < 3 {
        return Err(Error::field(
            "title",
            "Escriba el cargo (por ejemplo «Gerente Municipal»).",
        ));
    }
    if end.is_some_and(|e| e < start) {
        return Err(Error::field(
            "end_date",
            "La fecha de término no puede ser anterior a la de inicio.",
        ));
    }
    Ok(store::PositionFields {
        unit_id,
        title,
        start_date: start.to_string(),
        end_date: end.map(|e| e.to_string()),
    })
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
    let fields = validate_position(conn, p.unit_id, &p.title, p.start_date, p.end_date).await?;
    let id = store::position_insert(conn, p.person_id, &fields).await?;
    position(conn, id).await
}

/// `org.position.update`.
pub async fn position_update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgPositionUpdate,
) -> Result<Position> {
    position(conn, p.id).await?;
    let fields = validate_position(conn, p.unit_id, &p.title, p.start_date, p.end_date).await?;
    store::position_update(conn, p.id, &fields).await?;
    position(conn, p.id).await
}
