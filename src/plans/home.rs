//! What the home screen shows of the plans: the units that have not reported the month being
//! reported now (the last month ended) in the approved operational plan of its year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::execution::closes_on;
use crate::error::Result;

/// Units that owe their month.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Unreported {
    /// The operational plan.
    pub plan_id: i64,
    /// Its name («POI 2026»).
    pub plan_name: String,
    /// Year of the month.
    pub year: i64,
    /// The month (1–12).
    pub month: i64,
    /// The day the month closes (AAAA-MM-DD).
    pub closes_on: String,
    /// Units with activities and no report of the month: (id, name), by code.
    pub units: Vec<(i64, String)>,
    /// Units with activities in the plan.
    pub units_with_activities: i64,
}

/// The units of the approved plan that have not reported the last month ended before `today`
/// (only `unit` when given); `None` when there is no such plan.
pub async fn unreported(
    conn: &mut SqliteConnection,
    today: NaiveDate,
    unit: Option<i64>,
) -> Result<Option<Unreported>> {
    let (year, month) = if today.month() == 1 {
        (today.year() as i64 - 1, 12)
    } else {
        (today.year() as i64, today.month() as i64 - 1)
    };
    let plan: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM operational_plan WHERE year = $1 AND status = 'aprobado'
         ORDER BY kind = 'poi' DESC, id LIMIT 1",
    )
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((plan_id, plan_name)) = plan else {
        return Ok(None);
    };
    let units: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.name FROM unit_label u
         WHERE ($3 IS NULL OR u.id = $3)
           AND EXISTS (SELECT 1 FROM operational_activity a WHERE a.plan_id = $1 AND a.unit_id = u.id)
           AND NOT EXISTS (SELECT 1 FROM operational_report r
                           WHERE r.plan_id = $1 AND r.unit_id = u.id AND r.month = $2)
         ORDER BY u.code, u.id",
    )
    .bind(plan_id)
    .bind(month)
    .bind(unit)
    .fetch_all(&mut *conn)
    .await?;
    let with: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT unit_id) FROM operational_activity WHERE plan_id = $1 AND ($2 IS NULL OR unit_id = $2)",
    )
    .bind(plan_id)
    .bind(unit)
    .fetch_one(&mut *conn)
    .await?;
    let settings = super::settings(conn).await?;
    let cal = crate::calendar::load(conn).await?;
    Ok(Some(Unreported {
        plan_id,
        plan_name,
        year,
        month,
        closes_on: closes_on(&cal, year, month, settings.month_close).to_string(),
        units,
        units_with_activities: with,
    }))
}
