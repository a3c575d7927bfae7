//! The only code that touches `plan_report`. People's names and documents come from the view
//! `person_name` the organisation publishes (migration 0007).

use sqlx::{FromRow, SqliteConnection};

use super::ReportKind;
use crate::context::Ctx;
use crate::error::{Error, Result};

/// A row of `plan_report`.
#[derive(Debug, Clone, FromRow)]
pub(super) struct ReportRow {
    pub id: i64,
    pub kind: ReportKind,
    pub operational_plan_id: Option<i64>,
    pub strategic_plan_id: Option<i64>,
    pub period: i64,
    pub title: String,
    pub created_at: String,
    pub created_by: String,
    pub sealed_at: Option<String>,
}

const COLUMNS: &str = "id, kind, operational_plan_id, strategic_plan_id, period, title, \
     created_at, created_by, sealed_at";

pub(super) async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM plan_report")
        .fetch_one(&mut *conn)
        .await?)
}

/// A page, newest first.
pub(super) async fn page(
    conn: &mut SqliteConnection,
    offset: i64,
    limit: i64,
) -> Result<Vec<ReportRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_report ORDER BY id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

/// A page of the reports of `kind` for the list of printable records, newest first, after the
/// report `after`.
pub(super) async fn printable(
    conn: &mut SqliteConnection,
    kind: &str,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<ReportRow>> {
    let from = if after.is_some() {
        "id < $3"
    } else {
        "$3 IS NULL"
    };
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_report WHERE kind = $1 AND {from}
         ORDER BY id DESC LIMIT $2"
    ))
    .bind(kind)
    .bind(limit)
    .bind(after)
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn row(conn: &mut SqliteConnection, id: i64) -> Result<ReportRow> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM plan_report WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el informe {id}.")))
}

/// The report of a kind, plan and period, if one exists.
pub(super) async fn find(
    conn: &mut SqliteConnection,
    kind: ReportKind,
    plan_id: i64,
    period: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM plan_report
         WHERE kind = $1 AND coalesce(operational_plan_id, strategic_plan_id) = $2
           AND period = $3",
    )
    .bind(kind)
    .bind(plan_id)
    .bind(period)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: ReportKind,
    operational_plan_id: Option<i64>,
    strategic_plan_id: Option<i64>,
    period: i64,
    title: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO plan_report (kind, operational_plan_id, strategic_plan_id, period, title,
           created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(kind)
    .bind(operational_plan_id)
    .bind(strategic_plan_id)
    .bind(period)
    .bind(title)
    .bind(ctx.stamp())
    .bind(&ctx.actor.login)
    .fetch_one(&mut *conn)
    .await?)
}

pub(super) async fn mark_sealed(conn: &mut SqliteConnection, id: i64, at: &str) -> Result<()> {
    sqlx::query("UPDATE plan_report SET sealed_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM plan_report WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Full name and document number of person `id`.
pub(super) async fn person(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT full_name, doc_number FROM person_name WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Sealed reports after id `after`, oldest first, at most `limit`.
pub(super) async fn sealed_page(
    conn: &mut SqliteConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<ReportRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_report WHERE sealed_at IS NOT NULL AND id > $1
         ORDER BY id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}
