//! The organisation's tables (`person`, `org_unit`, `position`): the only code that touches
//! them. Other areas read names through the `person_name` view or call the public functions
//! re-exported by [`crate::org`].

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::people::CleanPerson;
use super::{OrgUnit, Person, Position, UnitKind};
use crate::error::Result;
use crate::spanish::Gender;

const UNIT_SELECT: &str = "SELECT u.id, u.parent_id, u.name, u.code, u.kind, u.head_person_id,
    CASE WHEN p.id IS NULL THEN NULL ELSE p.given_names || ' ' || p.surnames END AS head_name, u.sort_order
    FROM org_unit u LEFT JOIN person p ON p.id = u.head_person_id";

/// The checked fields of a unit being written.
pub(super) struct UnitFields<'a> {
    /// Parent unit.
    pub parent_id: Option<i64>,
    /// Name.
    pub name: &'a str,
    /// Code, upper case.
    pub code: &'a str,
    /// Kind.
    pub kind: UnitKind,
    /// Head.
    pub head_person_id: Option<i64>,
}

/// Every unit, by sort order.
pub(super) async fn units(conn: &mut SqliteConnection) -> Result<Vec<OrgUnit>> {
    Ok(
        sqlx::query_as(&format!("{UNIT_SELECT} ORDER BY u.sort_order, u.id"))
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// One unit.
pub(super) async fn unit(conn: &mut SqliteConnection, id: i64) -> Result<Option<OrgUnit>> {
    Ok(sqlx::query_as(&format!("{UNIT_SELECT} WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The name of another unit (not `id`) that uses `code`.
pub(super) async fn unit_with_code(
    conn: &mut SqliteConnection,
    code: &str,
    id: Option<i64>,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM org_unit WHERE code = $1 AND id IS NOT $2")
            .bind(code)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The parent of unit `id`: `None` when the unit does not exist.
pub(super) async fn unit_parent(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<Option<i64>>> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT parent_id FROM org_unit WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Whether unit `id` exists.
pub(super) async fn unit_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM org_unit WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Add a unit last among its siblings; its id.
pub(super) async fn unit_insert(conn: &mut SqliteConnection, u: &UnitFields<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO org_unit (parent_id, name, code, kind, head_person_id, sort_order)
         VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(sort_order), 0) + 1 FROM org_unit WHERE parent_id IS $1))
         RETURNING id",
    )
    .bind(u.parent_id)
    .bind(u.name)
    .bind(u.code)
    .bind(u.kind)
    .bind(u.head_person_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// Rewrite unit `id`; when `moved` to another parent it goes last among its new siblings.
pub(super) async fn unit_update(
    conn: &mut SqliteConnection,
    id: i64,
    u: &UnitFields<'_>,
    moved: bool,
) -> Result<()> {
    sqlx::query(
        "UPDATE org_unit SET parent_id = $1, name = $2, code = $3, kind = $4, head_person_id = $5,
         sort_order = CASE WHEN $6 THEN (SELECT coalesce(max(sort_order), 0) + 1 FROM org_unit WHERE parent_id IS $1) ELSE sort_order END
         WHERE id = $7",
    )
    .bind(u.parent_id)
    .bind(u.name)
    .bind(u.code)
    .bind(u.kind)
    .bind(u.head_person_id)
    .bind(moved)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The ids of the units under `parent`, in order.
pub(super) async fn unit_siblings(
    conn: &mut SqliteConnection,
    parent: Option<i64>,
) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM org_unit WHERE parent_id IS $1 ORDER BY sort_order, id")
            .bind(parent)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Set the order of unit `id` among its siblings.
pub(super) async fn unit_set_order(conn: &mut SqliteConnection, id: i64, order: i64) -> Result<()> {
    sqlx::query("UPDATE org_unit SET sort_order = $1 WHERE id = $2")
        .bind(order)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many units depend directly on unit `id`.
pub(super) async fn unit_children(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM org_unit WHERE parent_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// How many positions (current or past) unit `id` has.
pub(super) async fn unit_positions(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM position WHERE unit_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Remove unit `id`.
pub(super) async fn unit_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM org_unit WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const PERSON_SELECT: &str = "SELECT id, doc_type, doc_number, given_names, surnames,
    given_names || ' ' || surnames AS full_name, email, phone, gender FROM person";

/// A page of people sorted by their folded name key (surnames, given names, document) and id,
/// after `after`, each of `words` (folded) somewhere in the key; `limit` rows at most.
pub(super) async fn person_page(
    conn: &mut SqliteConnection,
    words: &[String],
    after: Option<(String, i64)>,
    limit: i64,
) -> Result<Vec<(Person, String)>> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT id, doc_type, doc_number, given_names, surnames,
         given_names || ' ' || surnames AS full_name, email, phone, gender, name_key
         FROM person WHERE 1 = 1",
    );
    for w in words {
        q.push(" AND name_key LIKE ")
            .push_bind(crate::paging::contains(w));
    }
    if let Some((key, id)) = after {
        q.push(" AND (name_key, id) > (")
            .push_bind(key)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY name_key, id LIMIT ").push_bind(limit);
    let rows: Vec<PersonKeyed> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|r| (r.person, r.name_key)).collect())
}

#[derive(sqlx::FromRow)]
struct PersonKeyed {
    #[sqlx(flatten)]
    person: Person,
    name_key: String,
}

/// One person.
pub(super) async fn person(conn: &mut SqliteConnection, id: i64) -> Result<Option<Person>> {
    Ok(sqlx::query_as(&format!("{PERSON_SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether person `id` exists.
pub async fn person_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM person WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// The name of unit `id`, when it exists.
pub async fn unit_name(conn: &mut SqliteConnection, id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM org_unit WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Every unit as (id, code), for callers that look units up by code (the demo).
pub async fn unit_codes(conn: &mut SqliteConnection) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT id, code FROM org_unit ORDER BY id")
        .fetch_all(&mut *conn)
        .await?)
}

/// The title of the position person `person_id` holds on `date` (the latest begun), if any, in
/// the form that agrees with the person ("Secretaria General").
pub async fn position_title_on(
    conn: &mut SqliteConnection,
    person_id: i64,
    date: chrono::NaiveDate,
) -> Result<Option<String>> {
    let row: Option<(String, Option<Gender>)> = sqlx::query_as(
        "SELECT ps.title, p.gender FROM position ps JOIN person p ON p.id = ps.person_id
         WHERE ps.person_id = $1 AND ps.start_date <= $2
         AND (ps.end_date IS NULL OR ps.end_date >= $2) ORDER BY ps.start_date DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(date.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(title, gender)| crate::spanish::title(&title, gender)))
}

/// Who holds, on `date`, a position whose title matches the SQL `LIKE` pattern `title`
/// (the latest begun): (full name, title as recorded, document number, gender).
pub async fn title_holder_on(
    conn: &mut SqliteConnection,
    date: chrono::NaiveDate,
    title: &str,
) -> Result<Option<(String, String, String, Option<Gender>)>> {
    Ok(sqlx::query_as(
        "SELECT p.given_names || ' ' || p.surnames, ps.title, p.doc_number, p.gender
         FROM position ps JOIN person p ON p.id = ps.person_id
         WHERE ps.title LIKE $2 AND ps.start_date <= $1
           AND (ps.end_date IS NULL OR ps.end_date >= $1)
         ORDER BY ps.start_date DESC LIMIT 1",
    )
    .bind(date.to_string())
    .bind(title)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Whether a person with this document number, or with exactly these names, is registered.
pub async fn person_known(
    conn: &mut SqliteConnection,
    doc_number: &str,
    given_names: &str,
    surnames: &str,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM person WHERE doc_number = $1 OR (given_names = $2 AND surnames = $3)",
    )
    .bind(doc_number)
    .bind(given_names)
    .bind(surnames)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// The full name of another person (not `id`) with the same document.
pub(super) async fn document_holder(
    conn: &mut SqliteConnection,
    c: &CleanPerson,
    id: Option<i64>,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT given_names || ' ' || surnames FROM person WHERE doc_type = $1 AND doc_number = $2 AND id IS NOT $3",
    )
    .bind(c.doc_type)
    .bind(&c.doc_number)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Register a person; the id.
pub(super) async fn person_insert(conn: &mut SqliteConnection, c: &CleanPerson) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO person (doc_type, doc_number, given_names, surnames, email, phone, gender)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(c.doc_type)
    .bind(&c.doc_number)
    .bind(&c.given_names)
    .bind(&c.surnames)
    .bind(&c.email)
    .bind(&c.phone)
    .bind(c.gender)
    .fetch_one(&mut *conn)
    .await?)
}

/// Rewrite person `id`.
pub(super) async fn person_update(
    conn: &mut SqliteConnection,
    id: i64,
    c: &CleanPerson,
) -> Result<()> {
    sqlx::query(
        "UPDATE person SET doc_type = $1, doc_number = $2, given_names = $3, surnames = $4, email = $5, phone = $6,
         gender = $7 WHERE id = $8",
    )
    .bind(c.doc_type)
    .bind(&c.doc_number)
    .bind(&c.given_names)
    .bind(&c.surnames)
    .bind(&c.email)
    .bind(&c.phone)
    .bind(c.gender)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const POSITION_SELECT: &str =
    "SELECT ps.id, ps.person_id, p.given_names || ' ' || p.surnames AS person_name,
    ps.unit_id, u.name AS unit_name, ps.title, ps.start_date, ps.end_date
    FROM position ps JOIN person p ON p.id = ps.person_id JOIN org_unit u ON u.id = ps.unit_id";

/// The checked fields of a position being written.
pub(super) struct PositionFields<'a> {
    /// Unit.
    pub unit_id: i64,
    /// Cargo, trimmed.
    pub title: &'a str,
    /// From, `AAAA-MM-DD`.
    pub start_date: String,
    /// To, `AAAA-MM-DD`.
    pub end_date: Option<String>,
}

/// A page of the positions of a person and/or a unit (every one when both are `None`): current
/// first, then by start date and id, newest first; after the position keyed `after`
/// (`(current, start_date, id)`).
pub(super) async fn position_page(
    conn: &mut SqliteConnection,
    person_id: Option<i64>,
    unit_id: Option<i64>,
    current: Option<bool>,
    after: Option<(bool, String, i64)>,
    limit: i64,
) -> Result<Vec<Position>> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(POSITION_SELECT);
    q.push(" WHERE 1 = 1");
    if let Some(id) = person_id {
        q.push(" AND ps.person_id = ").push_bind(id);
    }
    if let Some(id) = unit_id {
        q.push(" AND ps.unit_id = ").push_bind(id);
    }
    if let Some(current) = current {
        // The same expression as the index's, so that it is a range of it.
        q.push(" AND (ps.end_date IS NULL) = ").push_bind(current);
    }
    if let Some((current, start, id)) = after {
        q.push(" AND (ps.end_date IS NULL, ps.start_date, ps.id) < (")
            .push_bind(current)
            .push(", ")
            .push_bind(start)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY ps.end_date IS NULL DESC, ps.start_date DESC, ps.id DESC LIMIT ")
        .push_bind(limit);
    Ok(q.build_query_as().fetch_all(&mut *conn).await?)
}

/// One position.
pub(super) async fn position(conn: &mut SqliteConnection, id: i64) -> Result<Option<Position>> {
    Ok(
        sqlx::query_as(&format!("{POSITION_SELECT} WHERE ps.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Give `person_id` a position; its id.
pub(super) async fn position_insert(
    conn: &mut SqliteConnection,
    person_id: i64,
    f: &PositionFields<'_>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO position (person_id, unit_id, title, start_date, end_date) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(person_id)
    .bind(f.unit_id)
    .bind(f.title)
    .bind(&f.start_date)
    .bind(&f.end_date)
    .fetch_one(&mut *conn)
    .await?)
}

/// Rewrite position `id`.
pub(super) async fn position_update(
    conn: &mut SqliteConnection,
    id: i64,
    f: &PositionFields<'_>,
) -> Result<()> {
    sqlx::query(
        "UPDATE position SET unit_id = $1, title = $2, start_date = $3, end_date = $4 WHERE id = $5",
    )
    .bind(f.unit_id)
    .bind(f.title)
    .bind(&f.start_date)
    .bind(&f.end_date)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
