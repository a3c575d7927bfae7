//! Numbers a municipality gave before Cabildo: a norm of its history brought in with the number
//! it was issued with. Each is registered in `numbering_assignment` like a live number (marked
//! `historical`), so it is never given again, and the series' counter is raised to at least
//! that number, so a live number continues after the highest one of its period: import
//! ordenanzas 1–5 of this year and the next sealed ordenanza is the 6th. A number of a past
//! year moves only that year's counter.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{period_of, render_for, series_row, siglas};
use crate::context::Ctx;
use crate::error::Result;

/// Where a historical number of a series falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoricalSlot {
    /// The period it belongs to (its year, or 0 when the series never resets).
    pub period: i64,
    /// The identifier the series' pattern gives that number on that date.
    pub identifier: String,
    /// The identifier already holding that number in that period, if one does.
    pub taken_by: Option<String>,
}

/// The period, the identifier and whether number `number` of `series` on `date` is free.
pub async fn historical_slot(
    conn: &mut SqliteConnection,
    series: &str,
    number: i64,
    date: NaiveDate,
    session_kind: Option<&str>,
) -> Result<HistoricalSlot> {
    let row = series_row(conn, series).await?;
    let period = period_of(row.reset, date);
    let siglas = siglas(conn).await?;
    let identifier = render_for(&row, &siglas, number, date, session_kind)?;
    let taken_by = sqlx::query_scalar(
        "SELECT identifier FROM numbering_assignment
         WHERE series_id = $1 AND period = $2 AND number = $3",
    )
    .bind(row.id)
    .bind(period)
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(HistoricalSlot {
        period,
        identifier,
        taken_by,
    })
}

/// Register number `number` of `series`, given on `date` before Cabildo as `identifier`, for a
/// record of `record_kind`; returns the assignment's id (link the record with
/// [`super::link_record`] once it has one). The counter of its period never goes down.
pub async fn register_historical(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    series: &str,
    number: i64,
    date: NaiveDate,
    identifier: &str,
    record_kind: &str,
) -> Result<i64> {
    let row = series_row(conn, series).await?;
    let period = period_of(row.reset, date);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO numbering_assignment (series_id, period, number, identifier, date, record_kind,
           assigned_at, historical)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id",
    )
    .bind(row.id)
    .bind(period)
    .bind(number)
    .bind(identifier)
    .bind(date.to_string())
    .bind(record_kind)
    .bind(ctx.stamp_millis())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO numbering_counter (series_id, period, last_number) VALUES ($1, $2, $3)
         ON CONFLICT (series_id, period) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
    )
    .bind(row.id)
    .bind(period)
    .bind(number)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
