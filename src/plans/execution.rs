//! The monthly follow-up: each unit enters, per activity, what it executed in the month
//! (physical and financial) with a short comment. A month closes on a working day of the next
//! month set in the rule set (`plans.month_close`); a unit that reports after it is marked late.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::compute::{self, Light, Thresholds};
use super::operational::OperationalSummary;
use super::quantity::{self, Typed};
use super::store;
use crate::context::Ctx;
use crate::error::{Error, Result};

/// Params of `plan.execution.month`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MonthRef {
    /// Plan.
    pub plan_id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Month, 1–12.
    pub month: i64,
}

/// One activity of a unit's month.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MonthRow {
    /// Activity.
    pub activity_id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit of measure.
    pub measure: String,
    /// Physical target of the month (current programme).
    pub programmed_physical: f64,
    /// Financial target of the month, céntimos.
    pub programmed_financial: i64,
    /// Physical execution entered (none: not yet).
    pub physical: Option<f64>,
    /// Financial execution entered, céntimos.
    pub financial: Option<i64>,
    /// Comment.
    pub comment: String,
    /// % of physical execution in the month.
    pub percent: Option<f64>,
    /// % of physical execution accumulated January to the month.
    pub accumulated: Option<f64>,
    /// % of financial execution accumulated.
    pub financial_accumulated: Option<f64>,
    /// Light of the accumulated physical execution.
    pub light: Light,
}

/// When and by whom a unit reported a month.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Reported {
    /// Date reported.
    pub reported_on: String,
    /// Who.
    pub reported_by: String,
    /// Whether after the month closed.
    pub late: bool,
}

/// A unit's month, as the entry screen shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MonthSheet {
    /// Plan.
    pub plan_id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Unit name.
    pub unit_name: String,
    /// Month, 1–12.
    pub month: i64,
    /// The year.
    pub year: i64,
    /// Last day to report on time.
    pub closes_on: String,
    /// Whether the month has begun (entry allowed).
    pub open: bool,
    /// The unit's report of this month, if any.
    pub reported: Option<Reported>,
    /// Thresholds of the lights.
    pub thresholds: Thresholds,
    /// Its activities, by code.
    pub rows: Vec<MonthRow>,
}

/// The day month `month` of `year` closes: the `nth` working day of the next month.
pub fn closes_on(cal: &crate::calendar::Calendar, year: i64, month: i64, nth: i64) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let first = NaiveDate::from_ymd_opt(y as i32, m as u32, 1).expect("valid month");
    let eve = first.pred_opt().expect("a day before");
    cal.add_working_days(eve, nth.max(1))
}

/// The first day of a month of `year`.
fn first_day(year: i64, month: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(year as i32, month as u32, 1).expect("valid month")
}

/// `plan.execution.month`: a unit's activities in a month with what was entered.
pub async fn month(conn: &mut SqliteConnection, ctx: &Ctx, p: MonthRef) -> Result<MonthSheet> {
    let plan = store::operational(conn, p.plan_id).await?;
    check_month(p.month)?;
    let unit_name = super::unit_name(conn, p.unit_id).await?;
    let closing = closing(conn, &plan, p.month).await?;
    sheet(conn, ctx, &plan, p.unit_id, unit_name, p.month, closing).await
}

/// The follow-up settings and the day a month of `plan` closes.
async fn closing(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    month: i64,
) -> Result<(super::Settings, NaiveDate)> {
    let settings = super::settings(conn).await?;
    let cal = crate::calendar::load(conn).await?;
    Ok((
        settings,
        closes_on(&cal, plan.year, month, settings.month_close),
    ))
}

fn check_month(month: i64) -> Result<()> {
    if !(1..=12).contains(&month) {
        return Err(Error::field(
            "month",
            "El mes va de 1 (enero) a 12 (diciembre).",
        ));
    }
    Ok(())
}

async fn sheet(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    plan: &OperationalSummary,
    unit_id: i64,
    unit_name: String,
    month: i64,
    (settings, closes): (super::Settings, NaiveDate),
) -> Result<MonthSheet> {
    let data = store::matrix(conn, plan, Some(unit_id)).await?;
    let t = settings.thresholds;
    let m = month as usize;
    let rows = data
        .into_iter()
        .map(|a| {
            let prog: f64 = a.physical[..m].iter().sum();
            let exec: f64 = a.executed_physical[..m].iter().flatten().sum();
            let fprog: i64 = a.financial[..m].iter().sum();
            let fexec: i64 = a.executed_financial[..m].iter().flatten().sum();
            let accumulated = compute::percent(exec, prog);
            MonthRow {
                activity_id: a.id,
                code: a.code,
                name: a.name,
                measure: a.measure,
                programmed_physical: a.physical[m - 1],
                programmed_financial: a.financial[m - 1],
                physical: a.executed_physical[m - 1],
                financial: a.executed_financial[m - 1],
                comment: a.comments[m - 1].clone(),
                percent: a.executed_physical[m - 1]
                    .and_then(|e| compute::percent(e, a.physical[m - 1])),
                accumulated,
                financial_accumulated: compute::percent(fexec as f64, fprog as f64),
                light: t.light(accumulated),
            }
        })
        .collect();
    Ok(MonthSheet {
        plan_id: plan.id,
        unit_id,
        unit_name,
        month,
        year: plan.year,
        closes_on: closes.to_string(),
        open: first_day(plan.year, month) <= ctx.today,
        reported: store::reported(conn, plan.id, unit_id, month).await?,
        thresholds: t,
        rows,
    })
}

/// One activity's execution as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExecutionEntry {
    /// Activity.
    pub activity_id: i64,
    /// Physical execution of the month.
    pub physical: Typed,
    /// Financial execution of the month, money.
    pub financial: Typed,
    /// What was done, or why it fell short.
    #[serde(default)]
    pub comment: String,
}

/// Params of `plan.execution.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExecutionSave {
    /// Plan.
    pub plan_id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Month, 1–12.
    pub month: i64,
    /// The unit's activities.
    pub entries: Vec<ExecutionEntry>,
}

/// Over this percentage an execution needs a comment that explains it.
pub const EXPLAIN_OVER_PERCENT: f64 = 999.0;

/// `plan.execution.save`: a unit's month, all its activities in one request. Refused at the
/// field: negative values, text in a number, a month not yet begun, more than 999 % of the
/// month's target (or execution with no target) without a comment, an activity of another unit.
/// The unit's report is recorded on its first save, late when after the month closed.
pub async fn save(conn: &mut SqliteConnection, ctx: &Ctx, p: ExecutionSave) -> Result<MonthSheet> {
    let plan = store::operational(conn, p.plan_id).await?;
    check_month(p.month)?;
    let unit_name = super::unit_name(conn, p.unit_id).await?;
    if first_day(plan.year, p.month) > ctx.today {
        return Err(Error::field(
            "month",
            format!(
                "{} de {} aún no llega: su ejecución se registra desde el primer día del mes.",
                super::month_name(p.month),
                plan.year
            ),
        ));
    }
    if p.entries.is_empty() {
        return Err(Error::field(
            "entries",
            "No hay actividades que guardar en este mes.",
        ));
    }
    let targets = store::month_targets(conn, &plan, p.unit_id, p.month).await?;
    let mut parsed = Vec::with_capacity(p.entries.len());
    for (i, e) in p.entries.iter().enumerate() {
        let Some(&(physical_target, _)) = targets.get(&e.activity_id) else {
            return Err(Error::field(
                &format!("entries.{i}.activity_id"),
                format!(
                    "La actividad {} no es de {unit_name} en este plan.",
                    e.activity_id
                ),
            ));
        };
        let physical = quantity::quantity(&e.physical.0, &format!("entries.{i}.physical"))?;
        let financial = quantity::cents(&e.financial.0, &format!("entries.{i}.financial"))?;
        let comment = e.comment.trim();
        if comment.chars().count() > 1000 {
            return Err(Error::field(
                &format!("entries.{i}.comment"),
                "El comentario es muy largo: resúmalo en 1000 caracteres.",
            ));
        }
        if comment.is_empty() {
            match compute::percent(physical, physical_target) {
                Some(pct) if pct > EXPLAIN_OVER_PERCENT => {
                    return Err(Error::field(
                        &format!("entries.{i}.comment"),
                        format!(
                            "La ejecución es {} de la meta del mes: verifique el valor o \
                             explique en el comentario por qué.",
                            compute::percent_text(Some(pct))
                        ),
                    ))
                }
                None if physical > 0.0 => {
                    return Err(Error::field(
                        &format!("entries.{i}.comment"),
                        "No había meta programada este mes: explique en el comentario qué se \
                         ejecutó.",
                    ))
                }
                _ => {}
            }
        }
        parsed.push((e.activity_id, physical, financial, comment.to_string()));
    }
    store::execution_write(conn, p.month, &parsed).await?;
    let (settings, closes) = closing(conn, &plan, p.month).await?;
    store::report_record(conn, ctx, plan.id, p.unit_id, p.month, ctx.today > closes).await?;
    sheet(
        conn,
        ctx,
        &plan,
        p.unit_id,
        unit_name,
        p.month,
        (settings, closes),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    #[test]
    fn a_month_closes_on_a_working_day_of_the_next() {
        let cal = Calendar::new(Vec::new(), Vec::new());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // March 2026 closes on the 5th working day of April: Wed 1 … Tue 7.
        assert_eq!(closes_on(&cal, 2026, 3, 5), d(2026, 4, 7));
        // December closes in January of the next year: Fri 1 is the first working day.
        assert_eq!(closes_on(&cal, 2026, 12, 1), d(2027, 1, 1));
        assert_eq!(closes_on(&cal, 2026, 1, 1), d(2026, 2, 2));
    }
}
