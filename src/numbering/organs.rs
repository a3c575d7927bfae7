//! The series of a comisión or comité of its own ("SESIÓN ORDINARIA N° 01-2026-CDE"): created
//! from a base series when the body is formed, renamed with it. Called by the sessions area,
//! which never touches `numbering_series` itself.

use sqlx::SqliteConnection;

use crate::error::Result;

/// A series of an organ's own, derived from `base` (e.g. a comisión's sessions from
/// `sesion-ordinaria`): the base's pattern followed by "-{organo}" and its reset, or
/// `fallback` (pattern, reset) when the base series does not exist.
pub async fn create_organ_series(
    conn: &mut SqliteConnection,
    base: &str,
    code: &str,
    name: &str,
    organ: &str,
    fallback: (&str, &str),
) -> Result<()> {
    let (pattern, reset): (String, String) =
        sqlx::query_as("SELECT pattern, reset FROM numbering_series WHERE code = $1")
            .bind(base)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_else(|| (fallback.0.to_string(), fallback.1.to_string()));
    sqlx::query(
        "INSERT INTO numbering_series (code, name, organ, pattern, reset) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code)
    .bind(name)
    .bind(organ)
    .bind(format!("{pattern}-{{organo}}"))
    .bind(reset)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rename a series (its organ was renamed); nothing happens when it does not exist.
pub async fn rename_series(conn: &mut SqliteConnection, code: &str, name: &str) -> Result<()> {
    sqlx::query("UPDATE numbering_series SET name = $1 WHERE code = $2")
        .bind(name)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The organ abbreviation of a series ("CDE"), if the series exists.
pub async fn series_organ(conn: &mut SqliteConnection, code: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT organ FROM numbering_series WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
