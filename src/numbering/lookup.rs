//! What other areas ask of numbering beyond assigning a number: whether a series exists and
//! carries the session kind, and which record a number went to.

use sqlx::SqliteConnection;

use crate::error::Result;

/// Whether series `code` prints the session kind (`{sesion}` in its pattern); `None` when no
/// series has that code.
pub async fn series_needs_session(conn: &mut SqliteConnection, code: &str) -> Result<Option<bool>> {
    Ok(sqlx::query_scalar(
        "SELECT instr(pattern, '{sesion}') > 0 FROM numbering_series WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Record on assignment `assignment_id` the record its number went to (a record numbered
/// before it had an id).
pub async fn link_record(
    conn: &mut SqliteConnection,
    assignment_id: i64,
    record_id: i64,
) -> Result<()> {
    sqlx::query("UPDATE numbering_assignment SET record_id = $1 WHERE id = $2")
        .bind(record_id)
        .bind(assignment_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
