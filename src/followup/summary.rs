//! The month of the follow-up desk as the Gerencia Municipal (Administración Municipal) reports
//! it to the alcalde: per unit, the encargos open and overdue at the month's end, received and
//! attended in the month, and the most overdue ones; with the month's information requests.
//! The plans' monthly report prints it; the counts are grouped in SQL.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::items::rows;
use super::output::month_bounds;
use super::store;
use crate::error::Result;

/// Overdue encargos listed at most.
const OVERDUE_SHOWN: i64 = 15;

/// One unit's encargos in the month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitLine {
    /// The unit.
    pub unit_name: String,
    /// Open at the month's end.
    pub open: i64,
    /// Received in the month.
    pub received: i64,
    /// Attended in the month.
    pub attended: i64,
    /// Open at the month's end with their due date passed.
    pub overdue: i64,
}

/// An overdue encargo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueLine {
    /// «Encargo N° 004-2026».
    pub number: String,
    /// Where it comes from («ACUERDO DE CONCEJO N° 012-2026-MDSRQ»).
    pub source: String,
    /// What must be done.
    pub subject: String,
    /// The responsible unit.
    pub unit_name: String,
    /// Its due date (AAAA-MM-DD).
    pub due_on: String,
    /// Working days overdue at the month's end.
    pub days_overdue: i64,
}

/// The follow-up desk in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthSummary {
    /// The day it stands on: the month's last day, or today while the month runs.
    pub as_of: NaiveDate,
    /// Whether the month had ended.
    pub closed: bool,
    /// Per unit, in the chart's order (units with encargos only).
    pub units: Vec<UnitLine>,
    /// The sums of `units`.
    pub total: UnitLine,
    /// The most overdue encargos, most overdue first (at most 15).
    pub overdue: Vec<OverdueLine>,
    /// Overdue encargos in all.
    pub overdue_count: i64,
    /// Information requests received in the month.
    pub requests_received: i64,
    /// Of them, answered.
    pub requests_answered: i64,
    /// Of them, answered after their due date.
    pub requests_late: i64,
    /// Of them, still open.
    pub requests_pending: i64,
}

/// The follow-up desk in month `month` of `year`, as it stood at the month's end (or on
/// `today`, while the month runs).
pub async fn month_summary(
    conn: &mut SqliteConnection,
    year: i64,
    month: i64,
    today: NaiveDate,
) -> Result<MonthSummary> {
    let (first, last) = month_bounds(year, month)?;
    let as_of = last.min(today);
    let units: Vec<UnitLine> = store::month_by_unit(conn, &first.to_string(), &as_of.to_string())
        .await?
        .into_iter()
        .map(|u| UnitLine {
            unit_name: u.unit_name,
            open: u.open,
            received: u.received,
            attended: u.attended,
            overdue: u.overdue,
        })
        .collect();
    let total = units.iter().fold(
        UnitLine {
            unit_name: "Total".into(),
            ..UnitLine::default()
        },
        |mut t, u| {
            t.open += u.open;
            t.received += u.received;
            t.attended += u.attended;
            t.overdue += u.overdue;
            t
        },
    );
    let (overdue_count, records) =
        store::overdue_on(conn, &as_of.to_string(), OVERDUE_SHOWN).await?;
    let overdue = rows(conn, as_of, records)
        .await?
        .into_iter()
        .map(|r| OverdueLine {
            number: r.number,
            source: r.source_label,
            subject: r.subject,
            unit_name: r.unit_name,
            due_on: r.due_on.unwrap_or_default(),
            days_overdue: -r.days_left.unwrap_or(0),
        })
        .collect();
    let (_, requests) =
        store::request_stats(conn, &first.to_string(), &last.to_string(), None).await?;
    Ok(MonthSummary {
        as_of,
        closed: last < today,
        units,
        total,
        overdue,
        overdue_count,
        requests_received: requests.received,
        requests_answered: requests.answered,
        requests_late: requests.late,
        requests_pending: requests.pending,
    })
}
