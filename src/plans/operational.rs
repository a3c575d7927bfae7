//! The operational plan: the POI in Peru (and the Plan Anual de Acción Municipal in Chile) or a
//! Programa de Mejoramiento de la Gestión. Activities (metas, in a PMG) belong to a unit (the
//! centro de costo) and serve an action of the strategic plan; each has 12 monthly physical
//! targets and 12 financial ones (céntimos) per programme version. While the plan is being
//! formulated the targets change in place; once approved, every change is a reprogramming: a
//! new version with its reason and date, so the original and the current programme both stay.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::quantity::{self, Typed};
use super::store;
use super::strategic::{approving_norm, duplicate};
use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};

/// What an operational plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OperationalKind {
    /// Plan Operativo Institucional (Peru) / Plan Anual de Acción Municipal (Chile).
    Poi,
    /// Programa de Mejoramiento de la Gestión (Chile, Ley 19.803).
    Pmg,
}

/// The phase of an operational plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OperationalStatus {
    /// Being formulated: targets change in place.
    Formulacion,
    /// Approved: targets change only by reprogramming.
    Aprobado,
}

/// A goal of a Programa de Mejoramiento de la Gestión.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum GoalKind {
    /// Meta institucional (the whole municipality).
    Institucional,
    /// Meta colectiva (one Dirección or unit).
    Colectiva,
}

/// An operational plan as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct OperationalSummary {
    /// Id.
    pub id: i64,
    /// POI / PMG.
    pub kind: OperationalKind,
    /// The year programmed month by month.
    pub year: i64,
    /// Last year of a multi-year plan (= `year` for an annual one).
    pub last_year: i64,
    /// Name ("POI 2026").
    pub name: String,
    /// The strategic plan version it serves.
    pub strategic_plan_id: Option<i64>,
    /// Phase.
    pub status: OperationalStatus,
    /// The norm that approved it.
    pub norm_id: Option<i64>,
    /// That norm's identifier.
    #[sqlx(skip)]
    pub norm_identifier: Option<String>,
    /// Date of approval.
    pub approved_on: Option<String>,
    /// Number of activities.
    pub activities: i64,
    /// Current programme version (1 = original).
    pub version: i64,
}

/// A programme version.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Programme {
    /// Version, from 1.
    pub version: i64,
    /// Why (the first: "Programación inicial").
    pub reason: String,
    /// Date decided.
    pub decided_on: String,
    /// Who recorded it.
    pub created_by: String,
}

/// An operational plan with its versions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OperationalPlan {
    /// The plan.
    pub plan: OperationalSummary,
    /// Its programme versions, oldest first.
    pub programmes: Vec<Programme>,
}

/// Params of `plan.operational.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OperationalList {
    /// Only the plans of this year.
    #[serde(default)]
    #[ts(optional)]
    pub year: Option<i64>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `plan.operational.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OperationalPage {
    /// The plans, newest year first.
    pub rows: Vec<OperationalSummary>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `plan.operational.list`: a page of operational plans, newest year first.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OperationalList,
) -> Result<OperationalPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(i64, OperationalKind, i64)>(p.after.as_deref())?;
    let rows = store::operational_page(conn, p.year, after, limit + 1).await?;
    let (mut rows, next) = crate::paging::finish(rows, limit, |s| (s.year, s.kind, s.id));
    for s in &mut rows {
        if let Some(n) = s.norm_id {
            s.norm_identifier = crate::norms::identifier_of(conn, n).await?;
        }
    }
    Ok(OperationalPage { rows, next })
}

/// `plan.operational.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<OperationalPlan> {
    load(conn, p.id).await
}

/// The plan `id` with its versions.
pub async fn load(conn: &mut SqliteConnection, id: i64) -> Result<OperationalPlan> {
    let mut plan = store::operational(conn, id).await?;
    if let Some(n) = plan.norm_id {
        plan.norm_identifier = crate::norms::identifier_of(conn, n).await?;
    }
    let programmes = store::programmes(conn, id).await?;
    Ok(OperationalPlan { plan, programmes })
}

/// Params of `plan.operational.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OperationalCreate {
    /// POI / PMG.
    pub kind: OperationalKind,
    /// The year programmed month by month.
    pub year: i64,
    /// Last year (multi-year POI); default: `year`.
    #[serde(default)]
    pub last_year: Option<i64>,
    /// Name.
    pub name: String,
    /// The strategic plan version it serves (default: the one in force).
    #[serde(default)]
    pub strategic_plan_id: Option<i64>,
}

/// `plan.operational.create`: a plan in formulation with its programme version 1.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: OperationalCreate,
) -> Result<OperationalPlan> {
    if !(2000..=2100).contains(&p.year) {
        return Err(Error::field("year", "Indique un año entre 2000 y 2100."));
    }
    let last = p.last_year.unwrap_or(p.year);
    if last < p.year || last - p.year > 3 {
        return Err(Error::field(
            "last_year",
            "Un plan multianual abarca de uno a cuatro años, empezando por el del plan anual.",
        ));
    }
    if p.name.trim().chars().count() < 3 {
        return Err(Error::field(
            "name",
            "Escriba el nombre (por ejemplo «POI 2026»).",
        ));
    }
    let mut p = p;
    match p.strategic_plan_id {
        Some(s) => {
            store::strategic(conn, s).await?;
        }
        None => p.strategic_plan_id = store::strategic_in_force(conn).await?,
    }
    let id = store::operational_insert(conn, ctx, &p, last)
        .await
        .map_err(|e| {
            duplicate(
                e,
                "year",
                &format!("Ya hay un plan de ese tipo para {}.", p.year),
            )
        })?;
    load(conn, id).await
}

/// Params of `plan.operational.approve`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OperationalApprove {
    /// Plan.
    pub id: i64,
    /// The sealed norm that approves it.
    pub norm_id: i64,
    /// Date of approval.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub approved_on: NaiveDate,
}

/// `plan.operational.approve`: the programme formulated becomes the original one (version 1).
pub async fn approve(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OperationalApprove,
) -> Result<OperationalPlan> {
    let plan = formulating(conn, p.id).await?;
    approving_norm(conn, p.norm_id).await?;
    if plan.activities == 0 {
        return Err(Error::invalid(
            "El plan no tiene actividades: registre al menos una antes de aprobarlo.",
        ));
    }
    store::operational_approve(conn, p.id, p.norm_id, p.approved_on).await?;
    load(conn, p.id).await
}

async fn formulating(conn: &mut SqliteConnection, id: i64) -> Result<OperationalSummary> {
    let plan = store::operational(conn, id).await?;
    if plan.status != OperationalStatus::Formulacion {
        return Err(Error::Sealed(format!(
            "«{}» ya fue aprobado: sus metas cambian solo por reprogramación, con su motivo.",
            plan.name
        )));
    }
    Ok(plan)
}

/// An activity with its programme and execution, one row of the grid.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActivityRow {
    /// Id.
    pub id: i64,
    /// Unit (centro de costo).
    pub unit_id: i64,
    /// Unit code.
    pub unit_code: String,
    /// Unit name.
    pub unit_name: String,
    /// The action (AEI) it serves.
    pub action_id: Option<i64>,
    /// That action's code.
    pub action_code: Option<String>,
    /// Code ("AOI00012").
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit of measure ("Informe", "Persona capacitada").
    pub measure: String,
    /// Funding source ("Recursos ordinarios").
    pub funding: String,
    /// PMG: institutional or collective goal.
    pub goal_kind: Option<GoalKind>,
    /// Physical targets, January to December, of the version asked for.
    pub physical: Vec<f64>,
    /// Financial targets in céntimos, January to December.
    pub financial: Vec<i64>,
    /// Physical execution per month (none: not entered).
    pub executed_physical: Vec<Option<f64>>,
    /// Financial execution per month, céntimos.
    pub executed_financial: Vec<Option<i64>>,
    /// Annual targets of the later years of a multi-year plan.
    pub later_years: Vec<LaterYear>,
}

/// The annual target of a later year of a multi-year plan.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LaterYear {
    /// Year.
    pub year: i64,
    /// Physical target.
    pub physical: f64,
    /// Financial target, céntimos.
    pub financial: i64,
}

/// Params of `plan.activity.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActivityList {
    /// Plan.
    pub plan_id: i64,
    /// Only this unit's activities.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Programme version (default: the current one; 1 is the original).
    #[serde(default)]
    pub version: Option<i64>,
    /// Rows to skip (sorted by unit code, then activity code).
    #[serde(default)]
    pub offset: i64,
    /// Rows to return (1–500, default 200).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A page of activities.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActivityPage {
    /// Activities matching, over all pages.
    pub total: i64,
    /// The version shown.
    pub version: i64,
    /// This page's rows.
    pub rows: Vec<ActivityRow>,
}

/// `plan.activity.list`: a page of the grid, sorted by unit and code in the core.
pub async fn activity_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: ActivityList,
) -> Result<ActivityPage> {
    let plan = store::operational(conn, p.plan_id).await?;
    let version = match p.version {
        Some(v) if v < 1 || v > plan.version => {
            return Err(Error::field(
                "version",
                format!(
                    "Las versiones de la programación van de 1 a {}.",
                    plan.version
                ),
            ))
        }
        Some(v) => v,
        None => plan.version,
    };
    let limit = p.limit.unwrap_or(200);
    if !(1..=500).contains(&limit) {
        return Err(Error::field("limit", "Pida de 1 a 500 filas por página."));
    }
    let total = store::activity_count(conn, p.plan_id, p.unit_id).await?;
    let rows =
        store::activity_page(conn, &plan, version, p.unit_id, p.offset.max(0), limit).await?;
    Ok(ActivityPage {
        total,
        version,
        rows,
    })
}

/// Params of `plan.activity.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActivitySave {
    /// Plan.
    pub plan_id: i64,
    /// The activity, when editing one.
    #[serde(default)]
    pub id: Option<i64>,
    /// Unit (centro de costo).
    pub unit_id: i64,
    /// The action (AEI) it serves.
    #[serde(default)]
    pub action_id: Option<i64>,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit of measure.
    pub measure: String,
    /// Funding source.
    #[serde(default)]
    pub funding: String,
    /// PMG: institutional or collective goal.
    #[serde(default)]
    pub goal_kind: Option<GoalKind>,
    /// Physical targets January–December (in formulation only; empty: keep).
    #[serde(default)]
    pub physical: Vec<Typed>,
    /// Financial targets January–December, in money (in formulation only; empty: keep).
    #[serde(default)]
    pub financial: Vec<Typed>,
    /// Annual targets of the later years (multi-year plans).
    #[serde(default)]
    pub later_years: Vec<LaterYearInput>,
}

/// An annual target of a later year, as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LaterYearInput {
    /// Year.
    pub year: i64,
    /// Physical target.
    pub physical: Typed,
    /// Financial target, money.
    pub financial: Typed,
}

/// Parsed monthly targets (index 0 = January).
pub(super) type Months = ([f64; 12], [i64; 12]);

fn months(physical: &[Typed], financial: &[Typed]) -> Result<Option<Months>> {
    if physical.is_empty() && financial.is_empty() {
        return Ok(None);
    }
    if physical.len() != 12 || financial.len() != 12 {
        return Err(Error::invalid(
            "Las metas van mes a mes: doce metas físicas y doce financieras.",
        ));
    }
    let mut out = ([0.0; 12], [0; 12]);
    for m in 0..12 {
        out.0[m] = quantity::quantity(&physical[m].0, &format!("physical.{m}"))?;
        out.1[m] = quantity::cents(&financial[m].0, &format!("financial.{m}"))?;
    }
    Ok(Some(out))
}

/// `plan.activity.save`: create or edit an activity; its targets change here only while the
/// plan is formulated.
pub async fn activity_save(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: ActivitySave,
) -> Result<ActivityRow> {
    let plan = store::operational(conn, p.plan_id).await?;
    let targets = months(&p.physical, &p.financial)?;
    if (targets.is_some() || p.id.is_none() || !p.later_years.is_empty())
        && plan.status != OperationalStatus::Formulacion
    {
        return Err(Error::Sealed(format!(
            "«{}» ya fue aprobado: las metas y las actividades nuevas se registran con una \
             reprogramación.",
            plan.name
        )));
    }
    if p.code.trim().is_empty() || p.code.chars().count() > 30 {
        return Err(Error::field(
            "code",
            "Escriba el código de la actividad (por ejemplo «AOI00012»).",
        ));
    }
    if p.name.trim().chars().count() < 5 {
        return Err(Error::field("name", "Escriba el nombre de la actividad."));
    }
    if p.measure.trim().is_empty() {
        return Err(Error::field(
            "measure",
            "Escriba la unidad de medida (por ejemplo «Informe» o «Persona atendida»).",
        ));
    }
    super::unit_exists(conn, p.unit_id).await?;
    if let Some(a) = p.action_id {
        check_action(conn, &plan, a).await?;
    }
    let mut later = Vec::new();
    for (i, l) in p.later_years.iter().enumerate() {
        if l.year <= plan.year || l.year > plan.last_year {
            return Err(Error::field(
                &format!("later_years.{i}.year"),
                format!(
                    "Los años siguientes de este plan van de {} a {}.",
                    plan.year + 1,
                    plan.last_year
                ),
            ));
        }
        later.push((
            l.year,
            quantity::quantity(&l.physical.0, &format!("later_years.{i}.physical"))?,
            quantity::cents(&l.financial.0, &format!("later_years.{i}.financial"))?,
        ));
    }
    if let Some(id) = p.id {
        if store::activity_plan(conn, id).await? != p.plan_id {
            return Err(Error::NotFound(format!(
                "La actividad {id} no es de este plan."
            )));
        }
    }
    let id = store::activity_save(conn, &p)
        .await
        .map_err(|e| duplicate(e, "code", "Ya hay una actividad con ese código en el plan."))?;
    let programme = store::programme_id(conn, p.plan_id, plan.version).await?;
    if let Some(t) = targets {
        store::targets_write(conn, programme, id, plan.year, &t).await?;
    }
    for (year, physical, financial) in later {
        store::later_write(conn, programme, id, year, physical, financial).await?;
    }
    let plan = store::operational(conn, p.plan_id).await?;
    store::activity_row(conn, &plan, id).await
}

/// An action must belong to the strategic plan the operational plan serves.
async fn check_action(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    action_id: i64,
) -> Result<()> {
    let of = store::action_plan(conn, action_id).await.map_err(|_| {
        Error::field(
            "action_id",
            format!("No existe la acción estratégica {action_id}."),
        )
    })?;
    if plan.strategic_plan_id.is_some_and(|s| s != of) {
        return Err(Error::field(
            "action_id",
            "La acción estratégica no es del plan estratégico que este plan sirve.",
        ));
    }
    Ok(())
}

/// `plan.activity.delete`: remove an activity while the plan is formulated.
pub async fn activity_delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let plan_id = store::activity_plan(conn, p.id).await?;
    formulating(conn, plan_id).await?;
    store::activity_delete(conn, p.id).await?;
    Ok(Empty {})
}

/// One changed cell of the grid.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TargetChange {
    /// Activity.
    pub activity_id: i64,
    /// Month, 1–12.
    pub month: i64,
    /// New physical target (absent: unchanged).
    #[serde(default)]
    pub physical: Option<Typed>,
    /// New financial target, money (absent: unchanged).
    #[serde(default)]
    pub financial: Option<Typed>,
}

/// Params of `plan.targets.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TargetsSet {
    /// Plan.
    pub plan_id: i64,
    /// The cells changed (a paste is one request).
    pub changes: Vec<TargetChange>,
}

/// The outcome of a change of targets.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TargetsSaved {
    /// The version the changes went into.
    pub version: i64,
    /// Cells written.
    pub cells: i64,
}

/// Check the changes; every refusal names the cell (`changes.N.physical`).
async fn parsed_changes(
    conn: &mut SqliteConnection,
    plan_id: i64,
    changes: &[TargetChange],
    first_open_month: i64,
) -> Result<Vec<(i64, i64, Option<f64>, Option<i64>)>> {
    if changes.is_empty() {
        return Err(Error::field("changes", "No hay cambios que guardar."));
    }
    let ids = store::activity_ids(conn, plan_id).await?;
    let mut out = Vec::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        if !ids.contains(&c.activity_id) {
            return Err(Error::field(
                &format!("changes.{i}.activity_id"),
                format!("La actividad {} no es de este plan.", c.activity_id),
            ));
        }
        if !(1..=12).contains(&c.month) {
            return Err(Error::field(
                &format!("changes.{i}.month"),
                "El mes va de 1 (enero) a 12 (diciembre).",
            ));
        }
        if c.month < first_open_month {
            return Err(Error::field(
                &format!("changes.{i}.month"),
                format!(
                    "{} ya pasó: se reprograman solo los meses desde {}.",
                    super::month_name(c.month),
                    super::month_name(first_open_month).to_lowercase()
                ),
            ));
        }
        let physical = match &c.physical {
            Some(t) => Some(quantity::quantity(&t.0, &format!("changes.{i}.physical"))?),
            None => None,
        };
        let financial = match &c.financial {
            Some(t) => Some(quantity::cents(&t.0, &format!("changes.{i}.financial"))?),
            None => None,
        };
        out.push((c.activity_id, c.month, physical, financial));
    }
    Ok(out)
}

/// `plan.targets.set`: change targets of a plan being formulated (grid edits and pastes).
pub async fn targets_set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: TargetsSet,
) -> Result<TargetsSaved> {
    let plan = formulating(conn, p.plan_id).await?;
    let changes = parsed_changes(conn, p.plan_id, &p.changes, 1).await?;
    let programme = store::programme_id(conn, p.plan_id, plan.version).await?;
    store::targets_apply(conn, programme, plan.year, &changes).await?;
    Ok(TargetsSaved {
        version: plan.version,
        cells: changes.len() as i64,
    })
}

/// Params of `plan.reprogram`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Reprogram {
    /// Plan.
    pub plan_id: i64,
    /// Why the programme changes.
    pub reason: String,
    /// Date decided.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    /// The cells changed.
    pub changes: Vec<TargetChange>,
}

/// `plan.reprogram`: a new programme version of an approved plan, copied from the current
/// one with the changes applied; months already past in the plan's year stay as they were.
pub async fn reprogram(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: Reprogram,
) -> Result<TargetsSaved> {
    let plan = store::operational(conn, p.plan_id).await?;
    if plan.status != OperationalStatus::Aprobado {
        return Err(Error::Conflict(
            "El plan aún se formula: cambie las metas directamente, sin reprogramar.".to_string(),
        ));
    }
    if p.reason.trim().chars().count() < 10 {
        return Err(Error::field(
            "reason",
            "Escriba el motivo de la reprogramación (al menos 10 caracteres).",
        ));
    }
    if p.decided_on > ctx.today {
        return Err(Error::field(
            "decided_on",
            "La fecha de la reprogramación no puede ser futura.",
        ));
    }
    let first_open = first_open_month(plan.year, ctx.today);
    if first_open > 12 {
        return Err(Error::Conflict(format!(
            "El año {} ya terminó: su programación no se reprograma.",
            plan.year
        )));
    }
    let changes = parsed_changes(conn, p.plan_id, &p.changes, first_open).await?;
    let version = plan.version + 1;
    let from = store::programme_id(conn, p.plan_id, plan.version).await?;
    let to = store::programme_insert(conn, ctx, p.plan_id, version, p.reason.trim(), p.decided_on)
        .await?;
    store::programme_copy(conn, from, to).await?;
    store::targets_apply(conn, to, plan.year, &changes).await?;
    Ok(TargetsSaved {
        version,
        cells: changes.len() as i64,
    })
}

/// The first month of `year` that may still be reprogrammed on `today`: the current month
/// (1 before the year starts, 13 after it ends).
pub fn first_open_month(year: i64, today: NaiveDate) -> i64 {
    match (today.year() as i64).cmp(&year) {
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Greater => 13,
        std::cmp::Ordering::Equal => today.month() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(first_open_month(2026, d(2025, 12, 31)), 1);
        assert_eq!(first_open_month(2026, d(2026, 1, 1)), 1);
        assert_eq!(first_open_month(2026, d(2026, 7, 15)), 7);
        assert_eq!(first_open_month(2026, d(2026, 12, 31)), 12);
        assert_eq!(first_open_month(2026, d(2027, 1, 1)), 13);
    }
}
