//! The approved actas of the Concejo as the transparency portal lists them:
//! sealed, newest first. The actas of comisiones and comités are their working records and
//! stay out.

use sqlx::SqliteConnection;

use super::{session, title_of};
use crate::error::Result;

/// An approved acta of the Concejo.
#[derive(Debug, Clone)]
pub struct PublishedActa {
    /// Its session (the acta's id as a printable record).
    pub session_id: i64,
    /// The session's date (AAAA-MM-DD).
    pub date: String,
    /// "ACTA DE LA SESIÓN ORDINARIA N° 05-2026".
    pub title: String,
}

const APPROVED: &str = "FROM minutes m JOIN session s ON s.id = m.session_id
     JOIN body b ON b.id = s.body_id
     WHERE m.status = 'aprobada' AND b.kind = 'concejo'";

/// How many approved actas of the Concejo each year has, newest year first.
pub async fn approved_years(conn: &mut SqliteConnection) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT CAST(substr(s.date, 1, 4) AS INTEGER) AS year, count(*) {APPROVED}
         GROUP BY year ORDER BY year DESC"
    ))
    .fetch_all(&mut *conn)
    .await?)
}

/// A page of the approved actas of the Concejo of `year`, newest first, after the session
/// `(date, id)` of the previous page.
pub async fn approved_page(
    conn: &mut SqliteConnection,
    year: i64,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<PublishedActa>> {
    let (after_date, after_id) = after.unwrap_or(("9999-12-31", i64::MAX));
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT s.id, s.date {APPROVED} AND s.date >= $1 AND s.date < $2
           AND (s.date < $3 OR (s.date = $3 AND s.id < $4))
         ORDER BY s.date DESC, s.id DESC LIMIT $5"
    ))
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{:04}-01-01", year + 1))
    .bind(after_date)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, date) in rows {
        let s = session(conn, id).await?;
        out.push(PublishedActa {
            session_id: id,
            date,
            title: title_of(&s),
        });
    }
    Ok(out)
}
