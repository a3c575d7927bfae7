//! The tablero: an operational plan's execution up to a month, rolled up per unit, per action
//! and per objective of the strategic plan, with the monthly curve of programmed against
//! executed and the units that have not reported. The monthly report prints the same data.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::compute::{self, Light, Thresholds};
use super::execution::Reported;
use super::operational::{GoalKind, OperationalKind, OperationalSummary};
use super::store::{self, ActivityData};
use crate::context::Ctx;
use crate::error::{Error, Result};

/// Params of `plan.dashboard`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DashboardParams {
    /// Operational plan.
    pub plan_id: i64,
    /// Month, 1–12 (default: the last month ended, within the plan's year).
    #[serde(default)]
    pub month: Option<i64>,
}

/// The execution of a group of activities (a unit, an action, an objective, the plan).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ExecutionProgress {
    /// Activities in the group.
    pub activities: i64,
    /// Physical execution of the month ([`compute::physical_rollup`]).
    pub month_percent: Option<f64>,
    /// Physical execution accumulated January to the month.
    pub accumulated: Option<f64>,
    /// Financial target accumulated, céntimos.
    pub financial_programmed: i64,
    /// Financial execution accumulated, céntimos.
    pub financial_executed: i64,
    /// Financial execution accumulated, %.
    pub financial_percent: Option<f64>,
    /// Annual financial target, céntimos.
    pub financial_annual: i64,
}

/// A unit's line on the tablero.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnitProgress {
    /// Unit.
    pub unit_id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its execution.
    pub progress: ExecutionProgress,
    /// Light of the accumulated physical execution.
    pub light: Light,
    /// Its report of the month, if any.
    pub reported: Option<Reported>,
    /// Comments of the month ("AOI0003: …"), for the report.
    pub comments: Vec<String>,
}

/// An action's or objective's line.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct GroupProgress {
    /// Id (action or objective; 0 for activities with no action).
    pub id: i64,
    /// Code ("AEI.01.02").
    pub code: String,
    /// Statement.
    pub statement: String,
    /// Its execution.
    pub progress: ExecutionProgress,
    /// Light of the accumulated physical execution.
    pub light: Light,
}

/// One month of the curve.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MonthPoint {
    /// Month, 1–12.
    pub month: i64,
    /// Financial target of the month, céntimos.
    pub programmed: i64,
    /// Financial execution of the month (none after the month shown).
    pub executed: Option<i64>,
    /// Financial target accumulated to the month.
    pub programmed_accumulated: i64,
    /// Financial execution accumulated (none after the month shown).
    pub executed_accumulated: Option<i64>,
    /// Physical execution of the month, % (roll-up of all activities).
    pub physical_percent: Option<f64>,
}

/// The tablero of an operational plan at a month.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// The plan.
    pub plan: OperationalSummary,
    /// Month shown.
    pub month: i64,
    /// Thresholds of the lights.
    pub thresholds: Thresholds,
    /// The whole plan.
    pub total: ExecutionProgress,
    /// Its light.
    pub light: Light,
    /// Units, by code.
    pub units: Vec<UnitProgress>,
    /// Actions of the strategic plan, by code (last: activities with no action).
    pub actions: Vec<GroupProgress>,
    /// Objectives of the strategic plan, by code.
    pub objectives: Vec<GroupProgress>,
    /// A PMG's compliance per kind of goal (institucional, colectiva); empty for a POI.
    pub goal_kinds: Vec<GroupProgress>,
    /// January to December.
    pub curve: Vec<MonthPoint>,
    /// Units with activities that have not reported the month.
    pub missing: Vec<UnitProgress>,
}

/// The month a tablero shows by default: the last one ended within the plan's year (the
/// month the units are reporting now), January while January runs.
pub fn default_month(year: i64, today: chrono::NaiveDate) -> i64 {
    match (today.year() as i64).cmp(&year) {
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Greater => 12,
        std::cmp::Ordering::Equal => (today.month() as i64 - 1).max(1),
    }
}

/// The execution of a set of activities up to `month`.
pub(super) fn progress<'a>(
    acts: impl IntoIterator<Item = &'a ActivityData>,
    month: i64,
) -> ExecutionProgress {
    let m = month as usize;
    let mut p = ExecutionProgress::default();
    let (mut month_pcts, mut acc_pcts) = (Vec::new(), Vec::new());
    for a in acts {
        p.activities += 1;
        let prog: f64 = a.physical[..m].iter().sum();
        let exec: f64 = a.executed_physical[..m].iter().flatten().sum();
        acc_pcts.push(compute::percent(exec, prog));
        month_pcts.push(compute::percent(
            a.executed_physical[m - 1].unwrap_or(0.0),
            a.physical[m - 1],
        ));
        p.financial_programmed += a.financial[..m].iter().sum::<i64>();
        p.financial_executed += a.executed_financial[..m].iter().flatten().sum::<i64>();
        p.financial_annual += a.financial.iter().sum::<i64>();
    }
    p.month_percent = compute::physical_rollup(month_pcts);
    p.accumulated = compute::physical_rollup(acc_pcts);
    p.financial_percent =
        compute::percent(p.financial_executed as f64, p.financial_programmed as f64);
    p
}

/// `plan.dashboard`.
pub async fn dashboard(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: DashboardParams,
) -> Result<Dashboard> {
    let plan = store::operational(conn, p.plan_id).await?;
    let month = p
        .month
        .unwrap_or_else(|| default_month(plan.year, ctx.today));
    if !(1..=12).contains(&month) {
        return Err(Error::field(
            "month",
            "El mes va de 1 (enero) a 12 (diciembre).",
        ));
    }
    build(conn, plan, month).await
}

/// The tablero of `plan` at `month`.
pub async fn build(
    conn: &mut SqliteConnection,
    plan: OperationalSummary,
    month: i64,
) -> Result<Dashboard> {
    let settings = super::settings(conn).await?;
    let t: Thresholds = settings.thresholds;
    let data = store::matrix(conn, &plan, None).await?;
    let labels = store::unit_labels(conn).await?;
    let reports = store::reports_of_month(conn, plan.id, month).await?;

    let mut by_unit: BTreeMap<(String, i64), Vec<&ActivityData>> = BTreeMap::new();
    for a in &data {
        let code = labels
            .get(&a.unit_id)
            .map(|l| l.0.clone())
            .unwrap_or_default();
        by_unit.entry((code, a.unit_id)).or_default().push(a);
    }
    let m = month as usize;
    let units: Vec<UnitProgress> = by_unit
        .into_iter()
        .map(|((code, unit_id), acts)| {
            let progress = progress(acts.iter().copied(), month);
            let comments = acts
                .iter()
                .filter(|a| !a.comments[m - 1].is_empty())
                .map(|a| format!("{}: {}", a.code, a.comments[m - 1]))
                .collect();
            UnitProgress {
                unit_id,
                name: labels
                    .get(&unit_id)
                    .map(|l| l.1.clone())
                    .unwrap_or_default(),
                code,
                light: t.light(progress.accumulated),
                progress,
                reported: reports.get(&unit_id).cloned(),
                comments,
            }
        })
        .collect();
    let missing = units
        .iter()
        .filter(|u| u.reported.is_none())
        .cloned()
        .collect();

    let (mut actions, mut objectives) = (Vec::new(), Vec::new());
    if let Some(sp) = plan.strategic_plan_id {
        let acts = store::actions_of_plan(conn, sp).await?;
        for a in &acts {
            let mine: Vec<&ActivityData> =
                data.iter().filter(|d| d.action_id == Some(a.id)).collect();
            if mine.is_empty() {
                continue;
            }
            let progress = progress(mine, month);
            actions.push(GroupProgress {
                id: a.id,
                code: a.code.clone(),
                statement: a.statement.clone(),
                light: t.light(progress.accumulated),
                progress,
            });
        }
        for o in store::objectives_of_plan(conn, sp).await? {
            let ids: Vec<i64> = acts
                .iter()
                .filter(|a| a.objective_id == o.id)
                .map(|a| a.id)
                .collect();
            let mine: Vec<&ActivityData> = data
                .iter()
                .filter(|d| d.action_id.is_some_and(|a| ids.contains(&a)))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let progress = progress(mine, month);
            objectives.push(GroupProgress {
                id: o.id,
                code: o.code,
                statement: o.statement,
                light: t.light(progress.accumulated),
                progress,
            });
        }
    }
    let unlinked: Vec<&ActivityData> = data.iter().filter(|d| d.action_id.is_none()).collect();
    if !unlinked.is_empty() && plan.kind == OperationalKind::Poi {
        let progress = progress(unlinked, month);
        actions.push(GroupProgress {
            id: 0,
            code: "—".to_string(),
            statement: "Actividades sin acción estratégica vinculada".to_string(),
            light: t.light(progress.accumulated),
            progress,
        });
    }

    let mut goal_kinds = Vec::new();
    if plan.kind == OperationalKind::Pmg {
        for (kind, code, label) in [
            (GoalKind::Institucional, "MI", "Metas institucionales"),
            (GoalKind::Colectiva, "MC", "Metas colectivas"),
        ] {
            let mine: Vec<&ActivityData> =
                data.iter().filter(|d| d.goal_kind == Some(kind)).collect();
            if mine.is_empty() {
                continue;
            }
            let progress = progress(mine, month);
            goal_kinds.push(GroupProgress {
                id: 0,
                code: code.to_string(),
                statement: label.to_string(),
                light: t.light(progress.accumulated),
                progress,
            });
        }
    }

    let mut curve = Vec::with_capacity(12);
    let (mut prog_acc, mut exec_acc) = (0i64, 0i64);
    for mm in 1..=12usize {
        let programmed: i64 = data.iter().map(|a| a.financial[mm - 1]).sum();
        let executed: i64 = data
            .iter()
            .filter_map(|a| a.executed_financial[mm - 1])
            .sum();
        prog_acc += programmed;
        exec_acc += executed;
        let shown = mm as i64 <= month;
        curve.push(MonthPoint {
            month: mm as i64,
            programmed,
            executed: shown.then_some(executed),
            programmed_accumulated: prog_acc,
            executed_accumulated: shown.then_some(exec_acc),
            physical_percent: if shown {
                compute::physical_rollup(data.iter().map(|a| {
                    compute::percent(
                        a.executed_physical[mm - 1].unwrap_or(0.0),
                        a.physical[mm - 1],
                    )
                }))
            } else {
                None
            },
        });
    }
    let total = progress(&data, month);
    Ok(Dashboard {
        light: t.light(total.accumulated),
        plan,
        month,
        thresholds: t,
        total,
        units,
        actions,
        objectives,
        goal_kinds,
        curve,
        missing,
    })
}
