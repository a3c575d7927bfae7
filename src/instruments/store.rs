//! The only code that touches `instrument_type`, `instrument` and `instrument_version`.

use sqlx::{FromRow, SqliteConnection};

use super::{InstrumentCursor, InstrumentStatus, InstrumentType};
use crate::error::{Error, Result};

/// The kinds of instrument of `country`, in their order.
pub(super) async fn types(
    conn: &mut SqliteConnection,
    country: &str,
) -> Result<Vec<InstrumentType>> {
    Ok(sqlx::query_as(
        "SELECT code, abbreviation, name, approved_by, norm_kind, ratification, legal_source, mark
         FROM instrument_type WHERE country = $1 ORDER BY position",
    )
    .bind(country)
    .fetch_all(&mut *conn)
    .await?)
}

/// The kind `code` of `country`, if it exists.
pub(super) async fn instrument_type(
    conn: &mut SqliteConnection,
    country: &str,
    code: &str,
) -> Result<Option<InstrumentType>> {
    Ok(sqlx::query_as(
        "SELECT code, abbreviation, name, approved_by, norm_kind, ratification, legal_source, mark
         FROM instrument_type WHERE country = $1 AND code = $2",
    )
    .bind(country)
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?)
}

/// An instrument as stored.
#[derive(FromRow)]
pub(super) struct InstrumentRow {
    pub country: String,
    pub type_code: String,
    pub title: String,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Instrument `id`, or not found.
pub(super) async fn instrument(conn: &mut SqliteConnection, id: i64) -> Result<InstrumentRow> {
    sqlx::query_as(
        "SELECT country, type_code, title, notes, created_at, updated_at
         FROM instrument WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe el instrumento de gestión N° {id}.")))
}

/// A new instrument; returns its id.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    country: &str,
    type_code: &str,
    title: &str,
    sort_title: &str,
    notes: Option<&str>,
    at: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO instrument (country, type_code, title, sort_title, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(country)
    .bind(type_code)
    .bind(title)
    .bind(sort_title)
    .bind(notes)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?)
}

/// Save an instrument's kind, title and notes.
pub(super) async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    type_code: &str,
    title: &str,
    sort_title: &str,
    notes: Option<&str>,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE instrument SET type_code = $1, title = $2, sort_title = $3, notes = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(type_code)
    .bind(title)
    .bind(sort_title)
    .bind(notes)
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stamp instrument `id` as changed `at` (a version added, changed or removed).
pub(super) async fn touch(conn: &mut SqliteConnection, id: i64, at: &str) -> Result<()> {
    sqlx::query("UPDATE instrument SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The status of an instrument from its versions: vigente while one version is, else en
/// elaboración while one is being written (or none exists yet), else derogado.
const STATUS: &str = "CASE
    WHEN EXISTS (SELECT 1 FROM instrument_version v WHERE v.instrument_id = i.id AND v.status = 'vigente') THEN 'vigente'
    WHEN EXISTS (SELECT 1 FROM instrument_version v WHERE v.instrument_id = i.id AND v.status = 'en_elaboracion')
      OR NOT EXISTS (SELECT 1 FROM instrument_version v WHERE v.instrument_id = i.id) THEN 'en_elaboracion'
    ELSE 'derogado' END";

/// The status of instrument `id`.
pub(super) async fn status(conn: &mut SqliteConnection, id: i64) -> Result<InstrumentStatus> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT {STATUS} FROM instrument i WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

/// A line of the list as read, with its place in the order.
#[derive(FromRow)]
pub(super) struct ListedRow {
    pub id: i64,
    pub type_code: String,
    pub abbreviation: String,
    pub type_name: String,
    pub title: String,
    pub status: InstrumentStatus,
    pub versions: i64,
    pub current_number: Option<i64>,
    pub current_label: Option<String>,
    pub current_date: Option<String>,
    pub position: i64,
    pub sort_title: String,
}

/// What the list is filtered by.
pub(super) struct Filter {
    pub country: String,
    pub type_code: Option<String>,
    pub status: Option<InstrumentStatus>,
    /// Folded words, each of which must be in the title or the kind's abbreviation.
    pub words: Vec<String>,
}

/// The WHERE of `f` over the subquery `x`, its placeholders from `$1`, and their values.
fn where_clause(f: &Filter) -> (String, Vec<String>) {
    let mut conds = vec!["x.country = $1".to_string()];
    let mut binds = vec![f.country.clone()];
    if let Some(t) = &f.type_code {
        binds.push(t.clone());
        conds.push(format!("x.type_code = ${}", binds.len()));
    }
    if let Some(s) = f.status {
        binds.push(s.as_str().to_string());
        conds.push(format!("x.status = ${}", binds.len()));
    }
    for w in &f.words {
        let escaped = w
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        binds.push(format!("%{escaped}%"));
        conds.push(format!("x.haystack LIKE ${} ESCAPE '\\'", binds.len()));
    }
    (conds.join(" AND "), binds)
}

fn listed_select() -> String {
    format!(
        "SELECT i.id, i.country, i.type_code, t.abbreviation, t.name AS type_name, i.title,
           {STATUS} AS status,
           (SELECT count(*) FROM instrument_version v WHERE v.instrument_id = i.id) AS versions,
           c.number AS current_number, c.label AS current_label, c.date AS current_date,
           t.position, i.sort_title,
           i.sort_title || ' ' || lower(t.abbreviation) AS haystack
         FROM instrument i
         JOIN instrument_type t ON t.country = i.country AND t.code = i.type_code
         LEFT JOIN instrument_version c ON c.instrument_id = i.id AND c.status = 'vigente'"
    )
}

/// Up to `limit` instruments matching `f` after `after`, in the order of their kind, then by
/// title, then by id (keyset: a page reads only its rows, and rows added meanwhile never
/// shift a page already read).
pub(super) async fn page(
    conn: &mut SqliteConnection,
    f: &Filter,
    after: Option<&InstrumentCursor>,
    limit: i64,
) -> Result<Vec<ListedRow>> {
    let (mut clause, binds) = where_clause(f);
    let mut n = binds.len();
    if after.is_some() {
        clause.push_str(&format!(
            " AND (x.position, x.sort_title, x.id) > (${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3
        ));
        n += 3;
    }
    let sql = format!(
        "SELECT x.id, x.type_code, x.abbreviation, x.type_name, x.title, x.status, x.versions,
           x.current_number, x.current_label, x.current_date, x.position, x.sort_title
         FROM ({}) x WHERE {clause}
         ORDER BY x.position, x.sort_title, x.id LIMIT ${}",
        listed_select(),
        n + 1
    );
    let mut q = sqlx::query_as::<_, ListedRow>(&sql);
    for b in binds {
        q = q.bind(b);
    }
    if let Some(c) = after {
        q = q.bind(c.position).bind(&c.title).bind(c.id);
    }
    Ok(q.bind(limit).fetch_all(&mut *conn).await?)
}

/// How many instruments match `f`.
pub(super) async fn count(conn: &mut SqliteConnection, f: &Filter) -> Result<i64> {
    let (clause, binds) = where_clause(f);
    let sql = format!(
        "SELECT count(*) FROM ({}) x WHERE {clause}",
        listed_select()
    );
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_one(&mut *conn).await?)
}

/// A version as stored, with its file's type and size.
#[derive(FromRow, Clone)]
pub(super) struct VersionRow {
    pub id: i64,
    pub instrument_id: i64,
    pub number: i64,
    pub label: Option<String>,
    pub date: String,
    pub status: InstrumentStatus,
    pub norm_id: Option<i64>,
    pub norm_text: Option<String>,
    pub ratified_by_id: Option<i64>,
    pub ratified_by_text: Option<String>,
    pub superseded_by: Option<i64>,
    pub file_sha256: Option<String>,
    pub file_name: Option<String>,
    pub file_mime: Option<String>,
    pub file_size: Option<i64>,
    pub notes: Option<String>,
}

const VERSION_SELECT: &str = "SELECT v.id, v.instrument_id, v.number, v.label, v.date, v.status,
       v.norm_id, v.norm_text, v.ratified_by_id, v.ratified_by_text, v.superseded_by,
       v.file_sha256, v.file_name, f.mime AS file_mime, f.size AS file_size, v.notes
     FROM instrument_version v LEFT JOIN stored_file_type f ON f.sha256 = v.file_sha256";

/// The versions of instrument `id`, oldest first (their numbers follow their dates).
pub(super) async fn versions(conn: &mut SqliteConnection, id: i64) -> Result<Vec<VersionRow>> {
    Ok(sqlx::query_as(&format!(
        "{VERSION_SELECT} WHERE v.instrument_id = $1 ORDER BY v.number"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Version `id`, or not found.
pub(super) async fn version(conn: &mut SqliteConnection, id: i64) -> Result<VersionRow> {
    sqlx::query_as(&format!("{VERSION_SELECT} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la versión N° {id}.")))
}

/// What a version holds, as written by `version.add` and `version.update`.
pub(super) struct VersionValues<'a> {
    pub label: Option<&'a str>,
    pub date: String,
    pub status: InstrumentStatus,
    pub norm_id: Option<i64>,
    pub norm_text: Option<&'a str>,
    pub ratified_by_id: Option<i64>,
    pub ratified_by_text: Option<&'a str>,
    pub file: Option<(&'a str, &'a str)>,
    pub notes: Option<&'a str>,
}

/// A new version numbered `number`; returns its id.
pub(super) async fn version_insert(
    conn: &mut SqliteConnection,
    instrument_id: i64,
    number: i64,
    v: &VersionValues<'_>,
    at: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO instrument_version (instrument_id, number, label, date, status, norm_id,
           norm_text, ratified_by_id, ratified_by_text, file_sha256, file_name, notes,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(instrument_id)
    .bind(number)
    .bind(v.label)
    .bind(&v.date)
    .bind(v.status)
    .bind(v.norm_id)
    .bind(v.norm_text)
    .bind(v.ratified_by_id)
    .bind(v.ratified_by_text)
    .bind(v.file.map(|f| f.0))
    .bind(v.file.map(|f| f.1))
    .bind(v.notes)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?)
}

/// Save version `id`.
pub(super) async fn version_update(
    conn: &mut SqliteConnection,
    id: i64,
    v: &VersionValues<'_>,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE instrument_version SET label = $1, date = $2, status = $3, norm_id = $4,
           norm_text = $5, ratified_by_id = $6, ratified_by_text = $7, file_sha256 = $8,
           file_name = $9, notes = $10, updated_at = $11
         WHERE id = $12",
    )
    .bind(v.label)
    .bind(&v.date)
    .bind(v.status)
    .bind(v.norm_id)
    .bind(v.norm_text)
    .bind(v.ratified_by_id)
    .bind(v.ratified_by_text)
    .bind(v.file.map(|f| f.0))
    .bind(v.file.map(|f| f.1))
    .bind(v.notes)
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Mark version `id` derogado, replaced by version `by`.
pub(super) async fn supersede(
    conn: &mut SqliteConnection,
    id: i64,
    by: i64,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE instrument_version SET status = 'derogado', superseded_by = $1, updated_at = $2
         WHERE id = $3",
    )
    .bind(by)
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Set the status of version `id` (no longer replaced by any other).
pub(super) async fn set_status(
    conn: &mut SqliteConnection,
    id: i64,
    status: InstrumentStatus,
) -> Result<()> {
    sqlx::query("UPDATE instrument_version SET status = $1, superseded_by = NULL WHERE id = $2")
        .bind(status)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Remove version `id`.
pub(super) async fn version_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM instrument_version WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many instruments there are.
pub(super) async fn instrument_count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM instrument")
        .fetch_one(&mut *conn)
        .await?)
}
