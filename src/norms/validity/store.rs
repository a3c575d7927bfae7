//! The only code that touches `norm_validity`, `norm_publication`, `norm_ratification`,
//! `norm_relation`, `norm_relation_kind` and `norm_distribution`.

use sqlx::{FromRow, SqliteConnection};

use super::compute::status_sql;
use super::{
    NormDistributionRow, NormPendingRow, NormPublication, NormRatification, NormRelationKind,
};
use crate::error::Result;

/// A `norm_validity` row.
#[derive(Debug, Clone, FromRow)]
pub(super) struct ValidityRow {
    pub publication_flag: Option<bool>,
    pub tax_ordinance: bool,
    pub stated_from: Option<String>,
    pub needs_publication: bool,
    pub needs_ratification: bool,
    pub published_on: Option<String>,
    pub in_force_from: Option<String>,
    pub ended_on: Option<String>,
    pub ended_by: Option<i64>,
}

pub(super) async fn validity(conn: &mut SqliteConnection, id: i64) -> Result<Option<ValidityRow>> {
    Ok(sqlx::query_as(
        "SELECT publication_flag, tax_ordinance, stated_from, needs_publication,
           needs_ratification, published_on, in_force_from, ended_on, ended_by
         FROM norm_validity WHERE norm_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The status code of norm `id` on `day` ([`status_sql`]); `None` for a draft.
pub(super) async fn status(
    conn: &mut SqliteConnection,
    id: i64,
    day: &str,
) -> Result<Option<String>> {
    let sql = format!(
        "SELECT {} FROM norm n LEFT JOIN norm_validity v ON v.norm_id = n.id WHERE n.id = $2",
        status_sql("v", "$1")
    );
    Ok(sqlx::query_scalar::<_, Option<String>>(&sql)
        .bind(day)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten())
}

/// The row of a norm just sealed.
pub(super) async fn insert_validity(conn: &mut SqliteConnection, id: i64, at: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO norm_validity (norm_id, needs_publication, updated_at) VALUES ($1, 0, $2)
         ON CONFLICT (norm_id) DO NOTHING",
    )
    .bind(id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What the clerk says of a norm.
pub(super) async fn set_settings(
    conn: &mut SqliteConnection,
    id: i64,
    publication_flag: Option<bool>,
    tax_ordinance: bool,
    stated_from: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE norm_validity SET publication_flag = $1, tax_ordinance = $2, stated_from = $3
         WHERE norm_id = $4",
    )
    .bind(publication_flag)
    .bind(tax_ordinance)
    .bind(stated_from)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The stated date alone (recorded with a publication).
pub(super) async fn set_stated_from(
    conn: &mut SqliteConnection,
    id: i64,
    stated: &str,
) -> Result<()> {
    sqlx::query("UPDATE norm_validity SET stated_from = $1 WHERE norm_id = $2")
        .bind(stated)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What is derived from the rules, the publications, the ratification and the relations.
#[derive(Debug, Clone, Default)]
pub(super) struct Derived {
    pub needs_publication: bool,
    pub needs_ratification: bool,
    pub published_on: Option<String>,
    pub ratified_on: Option<String>,
    pub in_force_from: Option<String>,
    pub ended_on: Option<String>,
    pub ended_by: Option<i64>,
    pub partial_from: Option<String>,
    pub suspended_from: Option<String>,
    pub suspended_until: Option<String>,
}

pub(super) async fn write_derived(
    conn: &mut SqliteConnection,
    id: i64,
    d: &Derived,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE norm_validity SET needs_publication = $1, needs_ratification = $2,
           published_on = $3, ratified_on = $4, in_force_from = $5, ended_on = $6, ended_by = $7,
           partial_from = $8, suspended_from = $9, suspended_until = $10, updated_at = $11
         WHERE norm_id = $12",
    )
    .bind(d.needs_publication)
    .bind(d.needs_ratification)
    .bind(&d.published_on)
    .bind(&d.ratified_on)
    .bind(&d.in_force_from)
    .bind(&d.ended_on)
    .bind(d.ended_by)
    .bind(&d.partial_from)
    .bind(&d.suspended_from)
    .bind(&d.suspended_until)
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// Publications.

pub(super) async fn publications(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Vec<NormPublication>> {
    Ok(sqlx::query_as(
        "SELECT id, medium, '' AS medium_label, 0 AS gives_effect, published_on, reference,
           file_sha256, file_name
         FROM norm_publication WHERE norm_id = $1 ORDER BY published_on, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The norm a publication belongs to.
pub(super) async fn publication_norm(
    conn: &mut SqliteConnection,
    pub_id: i64,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT norm_id FROM norm_publication WHERE id = $1")
            .bind(pub_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub(super) async fn publication_exists(
    conn: &mut SqliteConnection,
    id: i64,
    medium: &str,
    on: &str,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM norm_publication WHERE norm_id = $1 AND medium = $2 AND published_on = $3",
    )
    .bind(id)
    .bind(medium)
    .bind(on)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// A publication to record.
pub(super) struct NewPublication<'a> {
    pub medium: &'a str,
    pub published_on: &'a str,
    pub reference: Option<&'a str>,
    pub file: Option<(&'a str, &'a str)>,
}

pub(super) async fn insert_publication(
    conn: &mut SqliteConnection,
    id: i64,
    p: &NewPublication<'_>,
    at: &str,
    by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO norm_publication (norm_id, medium, published_on, reference, file_sha256,
           file_name, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(p.medium)
    .bind(p.published_on)
    .bind(p.reference)
    .bind(p.file.map(|f| f.0))
    .bind(p.file.map(|f| f.1))
    .bind(at)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn delete_publication(conn: &mut SqliteConnection, pub_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM norm_publication WHERE id = $1")
        .bind(pub_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

// Ratification.

pub(super) async fn ratification(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<NormRatification>> {
    Ok(sqlx::query_as(
        "SELECT identifier, date, published_on, file_sha256, file_name
         FROM norm_ratification WHERE norm_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn set_ratification(
    conn: &mut SqliteConnection,
    id: i64,
    r: &NormRatification,
    at: &str,
    by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO norm_ratification (norm_id, identifier, date, published_on, file_sha256,
           file_name, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (norm_id) DO UPDATE SET identifier = excluded.identifier,
           date = excluded.date, published_on = excluded.published_on,
           file_sha256 = coalesce(excluded.file_sha256, norm_ratification.file_sha256),
           file_name = coalesce(excluded.file_name, norm_ratification.file_name),
           created_at = excluded.created_at, created_by = excluded.created_by",
    )
    .bind(id)
    .bind(&r.identifier)
    .bind(&r.date)
    .bind(&r.published_on)
    .bind(&r.file_sha256)
    .bind(&r.file_name)
    .bind(at)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn delete_ratification(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM norm_ratification WHERE norm_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether `sha256` is evidence of norm `id` (a publication's or the ratification's), and its
/// name.
pub(super) async fn evidence_name(
    conn: &mut SqliteConnection,
    id: i64,
    sha256: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT coalesce(file_name, 'constancia') FROM norm_publication WHERE norm_id = $1 AND file_sha256 = $2
         UNION ALL
         SELECT coalesce(file_name, 'constancia') FROM norm_ratification WHERE norm_id = $1 AND file_sha256 = $2
         LIMIT 1",
    )
    .bind(id)
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?)
}

// Relations.

pub(super) async fn relation_kinds(conn: &mut SqliteConnection) -> Result<Vec<NormRelationKind>> {
    Ok(sqlx::query_as(
        "SELECT code, active, passive, effect FROM norm_relation_kind ORDER BY sort_order",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A relation seen from one of its norms.
#[derive(Debug, Clone, FromRow)]
pub(super) struct RelationRow {
    pub id: i64,
    pub kind: String,
    pub active: String,
    pub passive: String,
    pub effect: String,
    pub note: Option<String>,
    pub until_on: Option<String>,
    pub other_id: i64,
    pub other_identifier: Option<String>,
    pub other_title: String,
    pub other_date: String,
    /// The entry into force of the relation's source (the newer norm).
    pub source_in_force: Option<String>,
}

const RELATION_SELECT: &str = "SELECT r.id, r.kind, k.active, k.passive, k.effect, r.note, r.until_on,
    o.id AS other_id, o.identifier AS other_identifier, o.title AS other_title, o.date AS other_date,
    sv.in_force_from AS source_in_force
  FROM norm_relation r JOIN norm_relation_kind k ON k.code = r.kind
  LEFT JOIN norm_validity sv ON sv.norm_id = r.source_id";

/// Relations recorded from norm `id` (it is the newer one).
pub(super) async fn relations_from(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Vec<RelationRow>> {
    Ok(sqlx::query_as(&format!(
        "{RELATION_SELECT} JOIN norm o ON o.id = r.target_id
         WHERE r.source_id = $1 ORDER BY k.sort_order, o.date, r.id"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Relations that point at norm `id` (from newer norms).
pub(super) async fn relations_to(conn: &mut SqliteConnection, id: i64) -> Result<Vec<RelationRow>> {
    Ok(sqlx::query_as(&format!(
        "{RELATION_SELECT} JOIN norm o ON o.id = r.source_id
         WHERE r.target_id = $1 ORDER BY o.date, r.id"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The (source, target) of relation `rel_id`.
pub(super) async fn relation_ends(
    conn: &mut SqliteConnection,
    rel_id: i64,
) -> Result<Option<(i64, i64, String)>> {
    Ok(
        sqlx::query_as("SELECT source_id, target_id, kind FROM norm_relation WHERE id = $1")
            .bind(rel_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The norm that totally repealed norm `id`, if any: (its id, identifier).
pub(super) async fn repealed_by(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT n.id, n.identifier FROM norm_relation r JOIN norm n ON n.id = r.source_id
         WHERE r.target_id = $1 AND r.kind = 'deroga_total'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn relation_exists(
    conn: &mut SqliteConnection,
    source: i64,
    target: i64,
    kind: &str,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM norm_relation WHERE source_id = $1 AND target_id = $2 AND kind = $3",
    )
    .bind(source)
    .bind(target)
    .bind(kind)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// A relation to record.
pub(super) struct NewRelation<'a> {
    pub source: i64,
    pub target: i64,
    pub kind: &'a str,
    pub note: Option<&'a str>,
    pub until_on: Option<&'a str>,
}

pub(super) async fn insert_relation(
    conn: &mut SqliteConnection,
    r: &NewRelation<'_>,
    at: &str,
    by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO norm_relation (source_id, target_id, kind, note, until_on, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(r.source)
    .bind(r.target)
    .bind(r.kind)
    .bind(r.note)
    .bind(r.until_on)
    .bind(at)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn delete_relation(conn: &mut SqliteConnection, rel_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM norm_relation WHERE id = $1")
        .bind(rel_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The norms whose validity norm `id` affects (targets of its relations with an effect).
pub(super) async fn affected_by(conn: &mut SqliteConnection, id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT r.target_id FROM norm_relation r JOIN norm_relation_kind k ON k.code = r.kind
         WHERE r.source_id = $1 AND k.effect <> '' ORDER BY r.target_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

// Distribution.

const DISTRIBUTION_SELECT: &str = "SELECT d.unit_id, u.name AS unit_name, d.sent_on, d.received_on,
    d.received_by, d.note
  FROM norm_distribution d JOIN unit_label u ON u.id = d.unit_id";

pub(super) async fn distribution(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Vec<NormDistributionRow>> {
    Ok(sqlx::query_as(&format!(
        "{DISTRIBUTION_SELECT} WHERE d.norm_id = $1 ORDER BY u.sort_order, u.name"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn add_distribution(
    conn: &mut SqliteConnection,
    id: i64,
    unit_id: i64,
    sent_on: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO norm_distribution (norm_id, unit_id, sent_on) VALUES ($1, $2, $3)
         ON CONFLICT (norm_id, unit_id) DO NOTHING",
    )
    .bind(id)
    .bind(unit_id)
    .bind(sent_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn remove_distribution(
    conn: &mut SqliteConnection,
    id: i64,
    unit_id: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM norm_distribution WHERE norm_id = $1 AND unit_id = $2")
        .bind(id)
        .bind(unit_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn acknowledge(
    conn: &mut SqliteConnection,
    id: i64,
    unit_id: i64,
    on: &str,
    by: &str,
    note: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE norm_distribution SET received_on = $1, received_by = $2, note = $3
         WHERE norm_id = $4 AND unit_id = $5",
    )
    .bind(on)
    .bind(by)
    .bind(note)
    .bind(id)
    .bind(unit_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A page of distributions not yet acknowledged, oldest first (of one unit, or of all).
pub(super) async fn pending(
    conn: &mut SqliteConnection,
    unit_id: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<NormPendingRow>)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM norm_distribution WHERE received_on IS NULL AND ($1 IS NULL OR unit_id = $1)",
    )
    .bind(unit_id)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(
        "SELECT n.id AS norm_id, n.kind, n.identifier, n.title, d.unit_id, u.name AS unit_name, d.sent_on
         FROM norm_distribution d JOIN norm n ON n.id = d.norm_id JOIN unit_label u ON u.id = d.unit_id
         WHERE d.received_on IS NULL AND ($1 IS NULL OR d.unit_id = $1)
         ORDER BY d.sent_on, n.id, u.sort_order
         LIMIT $2 OFFSET $3",
    )
    .bind(unit_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, rows))
}

/// Whether unit `unit_id` exists (the organisation's published view).
pub(super) async fn unit_exists(conn: &mut SqliteConnection, unit_id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM unit_label WHERE id = $1")
        .bind(unit_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}
