//! The only code that touches the `norm` table.

use sqlx::{FromRow, SqliteConnection};

use chrono::NaiveDate;

use super::model::{NormInput, NormKind, NormLink, NormSummary, NormTextStatus};
use super::RECORD_KIND;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::records::registry::Listed;

/// A norm as stored.
#[derive(FromRow)]
pub(super) struct NormRow {
    pub series: String,
    pub session_kind: Option<String>,
    pub kind: NormKind,
    pub date: String,
    pub title: String,
    pub issuer: Option<String>,
    pub vistos: String,
    pub considerandos: String,
    pub preamble: Option<String>,
    pub operative_heading: String,
    pub articles: String,
    pub closing_formula: String,
    pub signatories: String,
    pub corrects_id: Option<i64>,
    pub correction_reason: Option<String>,
    pub identifier: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub sealed_at: Option<String>,
    pub text_status: Option<NormTextStatus>,
    pub document_sha256: Option<String>,
    pub published_on: Option<String>,
}

fn json_col<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::Internal(format!("columna JSON ilegible: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

impl NormRow {
    /// The content as the editor knows it.
    pub fn input(&self) -> Result<NormInput> {
        Ok(NormInput {
            series: self.series.clone(),
            session_kind: self.session_kind.clone(),
            date: parse_date(&self.date, "date")?,
            title: self.title.clone(),
            issuer: self.issuer.clone(),
            vistos: json_col(&self.vistos)?,
            considerandos: json_col(&self.considerandos)?,
            preamble: self.preamble.clone(),
            operative_heading: self.operative_heading.clone(),
            articles: json_col(&self.articles)?,
            closing_formula: self.closing_formula.clone(),
            signatories: json_col(&self.signatories)?,
        })
    }
}

/// Norm `id`, or not found.
pub(super) async fn row(conn: &mut SqliteConnection, id: i64) -> Result<NormRow> {
    sqlx::query_as(
        "SELECT series, session_kind, kind, date, title, issuer, vistos, considerandos, preamble,
           operative_heading, articles, closing_formula, signatories, corrects_id,
           correction_reason, identifier, created_at, updated_at, sealed_at, text_status,
           document_sha256, published_on
         FROM norm WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe la norma {id}.")))
}

/// The kind of norm `id`, if it exists.
pub(super) async fn kind_of(conn: &mut SqliteConnection, id: i64) -> Result<Option<NormKind>> {
    Ok(sqlx::query_scalar("SELECT kind FROM norm WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// A reference to norm `id`.
pub(super) async fn link(conn: &mut SqliteConnection, id: i64) -> Result<NormLink> {
    Ok(
        sqlx::query_as("SELECT id, identifier, title FROM norm WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The norms that correct norm `id`.
pub(super) async fn corrected_by(conn: &mut SqliteConnection, id: i64) -> Result<Vec<NormLink>> {
    Ok(
        sqlx::query_as("SELECT id, identifier, title FROM norm WHERE corrects_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The draft that corrects norm `id`, if one is open.
pub(super) async fn pending_correction(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM norm WHERE corrects_id = $1 AND sealed_at IS NULL")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

const SUMMARY: &str = "SELECT n.id, n.kind, n.series, n.date, n.title, n.identifier, n.sealed_at,
       s.verification_code,
       (SELECT count(*) FROM record_signature g WHERE g.record_kind = 'norma' AND g.record_id = n.id) AS signatures,
       n.corrects_id, n.text_status
     FROM norm n LEFT JOIN record_seal s ON s.record_kind = 'norma' AND s.record_id = n.id";

/// Up to `limit` norms of `kind` and status (`sellada`, `borrador`, `importada` or
/// `escaneada`) after `(date, id)`,
/// newest first.
pub(super) async fn summaries(
    conn: &mut SqliteConnection,
    kind: Option<NormKind>,
    status: Option<&str>,
    after: Option<(String, i64)>,
    limit: i64,
) -> Result<Vec<NormSummary>> {
    let (date, id) = after.unzip();
    // The cursor's condition only when there is one: a range of the (date, id) index that the
    // page starts at, not a filter checked row by row from the newest.
    let from = if date.is_some() {
        "AND (n.date, n.id) < ($3, $4)"
    } else {
        "AND $3 IS NULL AND $4 IS NULL"
    };
    Ok(sqlx::query_as(&format!(
        "{SUMMARY}
         WHERE ($1 IS NULL OR n.kind = $1)
           AND CASE $2 WHEN 'importada' THEN n.origin = 'importada'
                       WHEN 'escaneada' THEN n.text_status = 'scanned'
                       WHEN 'sellada' THEN n.sealed_at IS NOT NULL
                       WHEN 'borrador' THEN n.sealed_at IS NULL
                       ELSE 1 END
           {from}
         ORDER BY n.date DESC, n.id DESC
         LIMIT $5"
    ))
    .bind(kind)
    .bind(status)
    .bind(date)
    .bind(id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The norms `ids`, in no particular order.
pub(super) async fn summaries_of(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<Vec<NormSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    Ok(
        sqlx::query_as(&format!("{SUMMARY} WHERE n.id IN ({})", list.join(",")))
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// A page of the norms of `kind` as `records.list` shows them, newest first (by date and id,
/// on the index of kind and date), after the norm keyed `after` (`[date, id]`).
pub(super) async fn printable(
    conn: &mut SqliteConnection,
    kind: &str,
    after: Option<&serde_json::Value>,
    limit: i64,
) -> Result<Vec<Listed>> {
    let after: Option<(String, i64)> = after.and_then(|k| serde_json::from_value(k.clone()).ok());
    let (date, id) = after.map_or((None, None), |(d, i)| (Some(d), Some(i)));
    // The cursor's condition only when there is one: a range on the index, not a filter.
    let from = if date.is_some() {
        "AND (date, id) < ($3, $4)"
    } else {
        "AND $3 IS NULL AND $4 IS NULL"
    };
    let rows: Vec<(NormKind, i64, String, bool, String)> = sqlx::query_as(&format!(
        "SELECT kind, id,
           CASE WHEN identifier IS NULL THEN 'Proyecto: ' || title
                ELSE identifier || ' — ' || title END,
           sealed_at IS NOT NULL, date
         FROM norm
         WHERE kind = $1 {from}
         ORDER BY date DESC, id DESC LIMIT $2"
    ))
    .bind(kind)
    .bind(limit)
    .bind(date)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, title, sealed, date)| Listed {
            kind: kind.as_str().to_string(),
            record_kind: RECORD_KIND,
            id,
            title,
            sealed,
            key: serde_json::json!([date, id]),
        })
        .collect())
}

/// How many norms there are.
/// The identifier of norm `id` ("ACUERDO DE CONCEJO N° 012-2026-MDSRQ"), `None` while a draft.
pub async fn identifier_of(conn: &mut SqliteConnection, id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT identifier FROM norm WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten(),
    )
}

pub(crate) async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM norm")
        .fetch_one(&mut *conn)
        .await?)
}

/// The content columns in the order [`content_values`] binds them, from `$1`.
const CONTENT_COLUMNS: &str = "series, session_kind, kind, date, title, issuer, vistos,
    considerandos, preamble, operative_heading, articles, closing_formula, signatories";
const CONTENT_PARAMS: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13";

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

fn bind_content<'q>(q: Query<'q>, n: &'q NormInput, kind: NormKind) -> Query<'q> {
    q.bind(&n.series)
        .bind(&n.session_kind)
        .bind(kind)
        .bind(n.date.to_string())
        .bind(&n.title)
        .bind(&n.issuer)
        .bind(to_json(&n.vistos))
        .bind(to_json(&n.considerandos))
        .bind(&n.preamble)
        .bind(&n.operative_heading)
        .bind(to_json(&n.articles))
        .bind(&n.closing_formula)
        .bind(to_json(&n.signatories))
}

/// A new draft, stamped `at`; returns its id.
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    n: &NormInput,
    kind: NormKind,
    corrects: Option<i64>,
    reason: Option<&str>,
    at: &str,
) -> Result<i64> {
    use sqlx::Row;
    let sql = format!(
        "INSERT INTO norm ({CONTENT_COLUMNS}, corrects_id, correction_reason, created_at, updated_at)
         VALUES ({CONTENT_PARAMS}, $14, $15, $16, $16) RETURNING id"
    );
    let row = bind_content(sqlx::query(&sql), n, kind)
        .bind(corrects)
        .bind(reason)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("id")?)
}

/// Save a draft's content, stamped `at`.
pub(super) async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    n: &NormInput,
    kind: NormKind,
    at: &str,
) -> Result<()> {
    let sql = format!(
        "UPDATE norm SET ({CONTENT_COLUMNS}, updated_at) = ({CONTENT_PARAMS}, $14) WHERE id = $15"
    );
    bind_content(sqlx::query(&sql), n, kind)
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Discard a draft.
pub(super) async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM norm WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Record the number and seal time of a norm just sealed.
pub(super) async fn mark_sealed(
    conn: &mut SqliteConnection,
    id: i64,
    identifier: &str,
    assignment_id: i64,
    number: i64,
    sealed_at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE norm SET identifier = $1, assignment_id = $2, number = $3, sealed_at = $4
         WHERE id = $5",
    )
    .bind(identifier)
    .bind(assignment_id)
    .bind(number)
    .bind(sealed_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A norm brought in from the municipality's history, as `insert_imported` stores it.
pub(super) struct Imported<'a> {
    pub series: &'a str,
    pub kind: NormKind,
    pub session_kind: Option<&'a str>,
    pub date: NaiveDate,
    pub title: &'a str,
    pub issuer: Option<&'a str>,
    pub identifier: &'a str,
    pub number: i64,
    pub assignment_id: i64,
    pub document_sha256: Option<&'a str>,
    pub document_text: Option<&'a str>,
    pub text_status: NormTextStatus,
    pub published_on: Option<NaiveDate>,
    /// The import's instant: created, updated and registered (`sealed_at`) then.
    pub at: &'a str,
}

/// Register an imported norm: sealed from the start (the triggers keep it as it is), with no
/// structured content — its words are `document_text`, which the search index takes in the
/// same statement. Returns its id.
pub(super) async fn insert_imported(conn: &mut SqliteConnection, n: &Imported<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO norm (series, session_kind, kind, date, title, issuer, vistos, considerandos,
           operative_heading, articles, closing_formula, signatories, assignment_id, identifier,
           number, document_text, origin, document_sha256, text_status, published_on,
           created_at, updated_at, sealed_at)
         VALUES ($1, $2, $3, $4, $5, $6, '[]', '[]', '', '[]', '', '[]', $7, $8, $9, $10,
           'importada', $11, $12, $13, $14, $14, $14)
         RETURNING id",
    )
    .bind(n.series)
    .bind(n.session_kind)
    .bind(n.kind)
    .bind(n.date.to_string())
    .bind(n.title)
    .bind(n.issuer)
    .bind(n.assignment_id)
    .bind(n.identifier)
    .bind(n.number)
    .bind(n.document_text)
    .bind(n.document_sha256)
    .bind(n.text_status)
    .bind(n.published_on.map(|d| d.to_string()))
    .bind(n.at)
    .fetch_one(&mut *conn)
    .await?)
}
