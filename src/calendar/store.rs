//! The calendar's tables (`holiday_rule`, `calendar_day`): the only code that touches them.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{iso, DayOverride, HolidayRule, NewRule, OverrideKind};
use crate::error::Result;

const RULE_COLUMNS: &str = "id, country, name, kind, month, day, easter_offset, from_year, to_year";

/// The holiday rules of `country`, by id.
pub(super) async fn rules_of(
    conn: &mut SqliteConnection,
    country: &str,
) -> Result<Vec<HolidayRule>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RULE_COLUMNS} FROM holiday_rule WHERE country = $1 ORDER BY id"
    ))
    .bind(country)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every per-date override. Rows whose date or kind cannot be read (never written by the
/// core) are ignored.
pub(super) async fn overrides(conn: &mut SqliteConnection) -> Result<Vec<DayOverride>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT date, kind, name FROM calendar_day ORDER BY date")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(date, kind, name)| {
            Some(DayOverride {
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?,
                kind: OverrideKind::parse(&kind)?,
                name,
            })
        })
        .collect())
}

/// Create or replace the override of `date`.
pub(super) async fn override_set(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    kind: OverrideKind,
    name: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO calendar_day (date, kind, name) VALUES ($1, $2, $3)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
    )
    .bind(iso(date))
    .bind(kind)
    .bind(name)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Remove the override of `date`; whether there was one.
pub(super) async fn override_delete(conn: &mut SqliteConnection, date: NaiveDate) -> Result<bool> {
    let done = sqlx::query("DELETE FROM calendar_day WHERE date = $1")
        .bind(iso(date))
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The name of a rule of `country` that gives the same date as `r` in a year both apply.
pub(super) async fn rule_clash(
    conn: &mut SqliteConnection,
    country: &str,
    r: &NewRule,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM holiday_rule
         WHERE country = $1 AND kind = $2 AND month IS $3 AND day IS $4 AND easter_offset IS $5
           AND COALESCE(from_year, -1000000) <= COALESCE($6, 1000000)
           AND COALESCE(to_year, 1000000) >= COALESCE($7, -1000000)
         LIMIT 1",
    )
    .bind(country)
    .bind(r.kind)
    .bind(r.month)
    .bind(r.day)
    .bind(r.easter_offset)
    .bind(r.to_year)
    .bind(r.from_year)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Store a checked rule for `country`.
pub(super) async fn rule_insert(
    conn: &mut SqliteConnection,
    country: &str,
    r: &NewRule,
) -> Result<HolidayRule> {
    Ok(sqlx::query_as(&format!(
        "INSERT INTO holiday_rule (country, name, kind, month, day, easter_offset, from_year, to_year)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING {RULE_COLUMNS}"
    ))
    .bind(country)
    .bind(&r.name)
    .bind(r.kind)
    .bind(r.month)
    .bind(r.day)
    .bind(r.easter_offset)
    .bind(r.from_year)
    .bind(r.to_year)
    .fetch_one(&mut *conn)
    .await?)
}

/// Remove rule `id` of `country`; whether there was one.
pub(super) async fn rule_delete(
    conn: &mut SqliteConnection,
    id: i64,
    country: &str,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM holiday_rule WHERE id = $1 AND country = $2")
        .bind(id)
        .bind(country)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
