//! The strategic plan (PEI in Peru, PLADECO in Chile): objectives (OEI / lineamientos), their
//! actions (AEI / objetivos), the indicators of both with a baseline and a value expected and
//! obtained per year, and the ruta estratégica (each element's priority). A draft is edited
//! freely; once approved by a norm it is frozen except for the values obtained, and a
//! modification is a new version copied from it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::compute::{self, Direction};
use super::quantity::{self, Typed};
use super::store;
use crate::context::{Ctx, IdParam};
use crate::error::{Error, Result};

/// The state of a strategic plan version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum StrategicStatus {
    /// Being written or modified.
    Borrador,
    /// Approved and in force.
    Vigente,
    /// Replaced by a later approved version.
    Reemplazado,
}

/// Type of an objective: outcomes for the population (I) or internal (II).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
pub enum ObjectiveKind {
    /// Tipo I: conditions of the population or its territory.
    I,
    /// Tipo II: the institution's own management.
    II,
}

/// Unit of measure of an indicator (CEPLAN's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Measure {
    /// Cantidad.
    Cantidad,
    /// Número.
    Numero,
    /// Porcentaje.
    Porcentaje,
    /// Ratio.
    Ratio,
    /// Tasa.
    Tasa,
    /// Índice.
    Indice,
    /// Tasa de variación.
    TasaVariacion,
}

impl Measure {
    /// Every unit of measure, in CEPLAN's order.
    pub const ALL: [Measure; 7] = [
        Measure::Cantidad,
        Measure::Numero,
        Measure::Porcentaje,
        Measure::Ratio,
        Measure::Tasa,
        Measure::Indice,
        Measure::TasaVariacion,
    ];

    /// The word shown and printed.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Cantidad => "Cantidad",
            Measure::Numero => "Número",
            Measure::Porcentaje => "Porcentaje",
            Measure::Ratio => "Ratio",
            Measure::Tasa => "Tasa",
            Measure::Indice => "Índice",
            Measure::TasaVariacion => "Tasa de variación",
        }
    }

    /// The measure a label or identifier names (import of matrices), accents and case aside.
    pub fn from_text(text: &str) -> Option<Measure> {
        let t = crate::spanish::fold(text.trim());
        Measure::ALL
            .into_iter()
            .find(|m| crate::spanish::fold(m.label()) == t || format!("{m:?}").to_lowercase() == t)
    }
}

/// A strategic plan version as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct StrategicSummary {
    /// Id.
    pub id: i64,
    /// Name ("PEI 2025–2030").
    pub name: String,
    /// First year covered.
    pub first_year: i64,
    /// Last year covered.
    pub last_year: i64,
    /// Version, from 1.
    pub version: i64,
    /// The version it modifies.
    pub previous_id: Option<i64>,
    /// Why it was modified.
    pub reason: Option<String>,
    /// State.
    pub status: StrategicStatus,
    /// The norm that approved it.
    pub norm_id: Option<i64>,
    /// That norm's identifier.
    #[sqlx(skip)]
    pub norm_identifier: Option<String>,
    /// Date of approval.
    pub approved_on: Option<String>,
    /// Mission.
    pub mission: String,
}

/// An indicator's values of one year.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct YearValue {
    /// Year.
    pub year: i64,
    /// Logro esperado.
    pub expected: Option<f64>,
    /// Valor obtenido.
    pub actual: Option<f64>,
    /// % of achievement ([`compute::achievement`]).
    pub achievement: Option<f64>,
}

/// An indicator with its values and what is computed from them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanIndicator {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Unit of measure.
    pub measure: Measure,
    /// Method of calculation.
    pub method: String,
    /// Source of data.
    pub source: String,
    /// Línea base: value.
    pub baseline_value: Option<f64>,
    /// Línea base: year.
    pub baseline_year: Option<i64>,
    /// Inferred from the expected values.
    pub direction: Direction,
    /// One entry per year of the plan.
    pub values: Vec<YearValue>,
}

/// An action (AEI) with its indicators.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StrategicAction {
    /// Id.
    pub id: i64,
    /// Its objective.
    pub objective_id: i64,
    /// Code ("AEI.01.02").
    pub code: String,
    /// Statement: good or service + attribute + user group.
    pub statement: String,
    /// Responsible unit.
    pub unit_id: i64,
    /// That unit's name.
    pub unit_name: String,
    /// Priority in the ruta estratégica (1 first).
    pub priority: i64,
    /// Indicators.
    pub indicators: Vec<PlanIndicator>,
}

/// An objective (OEI) with its actions and indicators.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StrategicObjective {
    /// Id.
    pub id: i64,
    /// Code ("OEI.01").
    pub code: String,
    /// Type I or II.
    pub kind: ObjectiveKind,
    /// Statement.
    pub statement: String,
    /// Responsible unit.
    pub unit_id: i64,
    /// That unit's name.
    pub unit_name: String,
    /// Priority in the ruta estratégica (1 first).
    pub priority: i64,
    /// Indicators.
    pub indicators: Vec<PlanIndicator>,
    /// Actions, by code.
    pub actions: Vec<StrategicAction>,
}

/// A strategic plan version with its whole tree.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StrategicPlan {
    /// The version.
    pub plan: StrategicSummary,
    /// Objectives, by code.
    pub objectives: Vec<StrategicObjective>,
}

/// Params of `plan.strategic.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StrategicList {
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `plan.strategic.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StrategicPage {
    /// The versions, newest plan first.
    pub rows: Vec<StrategicSummary>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `plan.strategic.list`: a page of versions, newest plan first.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: StrategicList,
) -> Result<StrategicPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(i64, i64, i64)>(p.after.as_deref())?;
    let rows = store::strategic_page(conn, after, limit + 1).await?;
    let (mut rows, next) = crate::paging::finish(rows, limit, |s| (s.first_year, s.version, s.id));
    for s in &mut rows {
        s.norm_identifier = norm_identifier(conn, s.norm_id).await?;
    }
    Ok(StrategicPage { rows, next })
}

async fn norm_identifier(conn: &mut SqliteConnection, id: Option<i64>) -> Result<Option<String>> {
    match id {
        Some(id) => crate::norms::identifier_of(conn, id).await,
        None => Ok(None),
    }
}

/// `plan.strategic.get`: a version with its tree and the computed directions and achievements.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<StrategicPlan> {
    load(conn, p.id).await
}

/// A version with its tree.
pub async fn load(conn: &mut SqliteConnection, id: i64) -> Result<StrategicPlan> {
    let mut plan = store::strategic(conn, id).await?;
    plan.norm_identifier = norm_identifier(conn, plan.norm_id).await?;
    let units = super::unit_names(conn).await?;
    let unit_name = |id: i64| units.get(&id).cloned().unwrap_or_default();
    let indicators = store::indicators_of_plan(conn, id).await?;
    let values = store::indicator_values_of_plan(conn, id).await?;
    let build = |row: &store::IndicatorRow| -> PlanIndicator {
        let mut vals: Vec<YearValue> = (plan.first_year..=plan.last_year)
            .map(|year| {
                let v = values
                    .iter()
                    .find(|v| v.indicator_id == row.id && v.year == year);
                YearValue {
                    year,
                    expected: v.and_then(|v| v.expected),
                    actual: v.and_then(|v| v.actual),
                    achievement: None,
                }
            })
            .collect();
        let expected: Vec<Option<f64>> = vals.iter().map(|v| v.expected).collect();
        let direction = compute::direction(row.baseline_value, &expected);
        for v in &mut vals {
            v.achievement = compute::achievement(direction, v.expected, v.actual);
        }
        PlanIndicator {
            id: row.id,
            name: row.name.clone(),
            measure: row.measure,
            method: row.method.clone(),
            source: row.source.clone(),
            baseline_value: row.baseline_value,
            baseline_year: row.baseline_year,
            direction,
            values: vals,
        }
    };
    let actions = store::actions_of_plan(conn, id).await?;
    let objectives = store::objectives_of_plan(conn, id)
        .await?
        .into_iter()
        .map(|o| StrategicObjective {
            indicators: indicators
                .iter()
                .filter(|i| i.objective_id == Some(o.id))
                .map(build)
                .collect(),
            actions: actions
                .iter()
                .filter(|a| a.objective_id == o.id)
                .map(|a| StrategicAction {
                    id: a.id,
                    objective_id: a.objective_id,
                    code: a.code.clone(),
                    statement: a.statement.clone(),
                    unit_id: a.unit_id,
                    unit_name: unit_name(a.unit_id),
                    priority: a.priority,
                    indicators: indicators
                        .iter()
                        .filter(|i| i.action_id == Some(a.id))
                        .map(build)
                        .collect(),
                })
                .collect(),
            id: o.id,
            code: o.code,
            kind: o.kind,
            statement: o.statement,
            unit_id: o.unit_id,
            unit_name: unit_name(o.unit_id),
            priority: o.priority,
        })
        .collect();
    Ok(StrategicPlan { plan, objectives })
}

/// Params of `plan.strategic.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StrategicCreate {
    /// Name ("PEI 2025–2030").
    pub name: String,
    /// First year.
    pub first_year: i64,
    /// Last year.
    pub last_year: i64,
    /// Mission.
    #[serde(default)]
    pub mission: String,
}

fn check_header(p: &StrategicCreate) -> Result<()> {
    if p.name.trim().chars().count() < 3 {
        return Err(Error::field(
            "name",
            "Escriba el nombre del plan (por ejemplo «PEI 2025-2030»).",
        ));
    }
    if !(2000..=2100).contains(&p.first_year) {
        return Err(Error::field(
            "first_year",
            "Indique un año entre 2000 y 2100.",
        ));
    }
    if p.last_year < p.first_year {
        return Err(Error::field(
            "last_year",
            "El último año no puede ser anterior al primero.",
        ));
    }
    if p.last_year - p.first_year > 11 {
        return Err(Error::field(
            "last_year",
            "Un plan estratégico abarca como máximo doce años.",
        ));
    }
    Ok(())
}

/// `plan.strategic.create`: a new plan, version 1, as a draft.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: StrategicCreate,
) -> Result<StrategicPlan> {
    check_header(&p)?;
    let id = store::strategic_insert(conn, ctx, &p).await?;
    load(conn, id).await
}

/// Params of `plan.strategic.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StrategicUpdate {
    /// Version id.
    pub id: i64,
    /// The header.
    #[serde(flatten)]
    pub plan: StrategicCreate,
}

/// `plan.strategic.update`: the header of a draft.
pub async fn update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: StrategicUpdate,
) -> Result<StrategicPlan> {
    draft(conn, p.id).await?;
    check_header(&p.plan)?;
    store::strategic_update(conn, p.id, &p.plan).await?;
    load(conn, p.id).await
}

/// The version `id`, refused unless it is a draft.
async fn draft(conn: &mut SqliteConnection, id: i64) -> Result<StrategicSummary> {
    let s = store::strategic(conn, id).await?;
    if s.status != StrategicStatus::Borrador {
        return Err(Error::Sealed(format!(
            "«{}» (versión {}) ya fue aprobado y no se modifica: registre una nueva versión \
             con su motivo y la norma que la apruebe.",
            s.name, s.version
        )));
    }
    Ok(s)
}

/// Params of `plan.strategic.approve`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StrategicApprove {
    /// Version id.
    pub id: i64,
    /// The sealed norm that approves it (from the registry).
    pub norm_id: i64,
    /// Date of approval.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub approved_on: NaiveDate,
}

/// `plan.strategic.approve`: the draft becomes the plan in force, linked to the sealed norm
/// that approved it; the version it modifies is marked replaced.
pub async fn approve(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: StrategicApprove,
) -> Result<StrategicPlan> {
    let s = draft(conn, p.id).await?;
    approving_norm(conn, p.norm_id).await?;
    if store::objective_count(conn, p.id).await? == 0 {
        return Err(Error::invalid(
            "El plan no tiene objetivos: registre al menos uno antes de aprobarlo.",
        ));
    }
    store::strategic_approve(conn, p.id, p.norm_id, p.approved_on).await?;
    if let Some(prev) = s.previous_id {
        store::strategic_replace(conn, prev).await?;
    }
    load(conn, p.id).await
}

/// A norm that can approve a plan: it exists in the registry and is sealed.
pub(super) async fn approving_norm(conn: &mut SqliteConnection, norm_id: i64) -> Result<String> {
    crate::norms::identifier_of(conn, norm_id)
        .await?
        .ok_or_else(|| {
            Error::field(
                "norm_id",
                "Elija una norma numerada y sellada del registro (la que aprueba el plan).",
            )
        })
}

/// Params of `plan.strategic.revise`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StrategicRevise {
    /// The version in force to modify.
    pub id: i64,
    /// Why it is modified.
    pub reason: String,
}

/// `plan.strategic.revise`: a new draft version copied from the version in force (objectives,
/// actions, indicators and their values), to be modified and approved by its own norm.
pub async fn revise(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: StrategicRevise,
) -> Result<StrategicPlan> {
    let s = store::strategic(conn, p.id).await?;
    if s.status != StrategicStatus::Vigente {
        return Err(Error::Conflict(
            "Solo se modifica la versión vigente del plan.".to_string(),
        ));
    }
    if p.reason.trim().chars().count() < 5 {
        return Err(Error::field(
            "reason",
            "Escriba el motivo de la modificación (por ejemplo «Actualización por cambio de \
             gestión»).",
        ));
    }
    if let Some(d) = store::strategic_draft_after(conn, p.id).await? {
        return Err(Error::Conflict(format!(
            "Ya hay una versión {d} en borrador de este plan: termínela o apruébela primero."
        )));
    }
    let id = store::strategic_copy(conn, ctx, p.id, p.reason.trim()).await?;
    load(conn, id).await
}

/// Params of `plan.objective.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSave {
    /// The plan version.
    pub plan_id: i64,
    /// The objective, when editing one.
    #[serde(default)]
    pub id: Option<i64>,
    /// Code ("OEI.01").
    pub code: String,
    /// Type I or II.
    pub kind: ObjectiveKind,
    /// Statement.
    pub statement: String,
    /// Responsible unit.
    pub unit_id: i64,
    /// Priority in the ruta estratégica.
    pub priority: i64,
}

fn check_element(code: &str, statement: &str, priority: i64, example: &str) -> Result<()> {
    if code.trim().is_empty() || code.chars().count() > 20 {
        return Err(Error::field(
            "code",
            format!("Escriba el código, de hasta 20 caracteres (por ejemplo «{example}»)."),
        ));
    }
    if statement.trim().chars().count() < 10 {
        return Err(Error::field(
            "statement",
            "Escriba el enunciado completo (al menos 10 caracteres).",
        ));
    }
    if !(1..=999).contains(&priority) {
        return Err(Error::field(
            "priority",
            "La prioridad es un número de 1 (la primera) a 999.",
        ));
    }
    Ok(())
}

/// `plan.objective.save`: create or edit an objective of a draft.
pub async fn objective_save(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: ObjectiveSave,
) -> Result<StrategicPlan> {
    draft(conn, p.plan_id).await?;
    check_element(&p.code, &p.statement, p.priority, "OEI.01")?;
    super::unit_exists(conn, p.unit_id).await?;
    if let Some(id) = p.id {
        if store::objective_plan(conn, id).await? != p.plan_id {
            return Err(Error::NotFound(format!(
                "El objetivo {id} no es de este plan."
            )));
        }
    }
    store::objective_save(conn, &p)
        .await
        .map_err(|e| duplicate(e, "code", "Ya hay un objetivo con ese código en el plan."))?;
    load(conn, p.plan_id).await
}

/// A unique-constraint failure as a message at the field.
pub(super) fn duplicate(e: Error, field: &str, message: &str) -> Error {
    match &e {
        Error::Database(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            Error::field(field, message)
        }
        _ => e,
    }
}

/// `plan.objective.delete`: remove an objective of a draft with its actions and indicators.
pub async fn objective_delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: IdParam,
) -> Result<StrategicPlan> {
    let plan_id = store::objective_plan(conn, p.id).await?;
    draft(conn, plan_id).await?;
    if store::activities_of_objective(conn, p.id).await? > 0 {
        return Err(Error::Conflict(
            "Hay actividades operativas vinculadas a acciones de este objetivo: vincúlelas a \
             otra acción primero."
                .to_string(),
        ));
    }
    store::objective_delete(conn, p.id).await?;
    load(conn, plan_id).await
}

/// Params of `plan.action.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActionSave {
    /// Its objective.
    pub objective_id: i64,
    /// The action, when editing one.
    #[serde(default)]
    pub id: Option<i64>,
    /// Code ("AEI.01.01").
    pub code: String,
    /// Statement.
    pub statement: String,
    /// Responsible unit.
    pub unit_id: i64,
    /// Priority in the ruta estratégica.
    pub priority: i64,
}

/// `plan.action.save`: create or edit an action of a draft.
pub async fn action_save(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: ActionSave,
) -> Result<StrategicPlan> {
    let plan_id = store::objective_plan(conn, p.objective_id).await?;
    draft(conn, plan_id).await?;
    check_element(&p.code, &p.statement, p.priority, "AEI.01.01")?;
    super::unit_exists(conn, p.unit_id).await?;
    if let Some(id) = p.id {
        if store::action_plan(conn, id).await? != plan_id {
            return Err(Error::NotFound(format!(
                "La acción {id} no es de este plan."
            )));
        }
    }
    store::action_save(conn, &p).await.map_err(|e| {
        duplicate(
            e,
            "code",
            "Ya hay una acción con ese código en el objetivo.",
        )
    })?;
    load(conn, plan_id).await
}

/// `plan.action.delete`: remove an action of a draft with its indicators.
pub async fn action_delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: IdParam,
) -> Result<StrategicPlan> {
    let plan_id = store::action_plan(conn, p.id).await?;
    draft(conn, plan_id).await?;
    if store::activities_of_action(conn, p.id).await? > 0 {
        return Err(Error::Conflict(
            "Hay actividades operativas vinculadas a esta acción: vincúlelas a otra primero."
                .to_string(),
        ));
    }
    store::action_delete(conn, p.id).await?;
    load(conn, plan_id).await
}

/// An expected value of one year, as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExpectedInput {
    /// Year.
    pub year: i64,
    /// Logro esperado (blank: none).
    pub expected: Typed,
}

/// Params of `plan.indicator.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSave {
    /// The objective it measures (or `action_id`).
    #[serde(default)]
    pub objective_id: Option<i64>,
    /// The action it measures (or `objective_id`).
    #[serde(default)]
    pub action_id: Option<i64>,
    /// The indicator, when editing one.
    #[serde(default)]
    pub id: Option<i64>,
    /// Name.
    pub name: String,
    /// Unit of measure.
    pub measure: Measure,
    /// Method of calculation.
    #[serde(default)]
    pub method: String,
    /// Source of data.
    #[serde(default)]
    pub source: String,
    /// Línea base: value (blank: none).
    #[serde(default)]
    pub baseline_value: Typed,
    /// Línea base: year.
    #[serde(default)]
    pub baseline_year: Option<i64>,
    /// Logros esperados per year.
    #[serde(default)]
    pub expected: Vec<ExpectedInput>,
}

/// A typed optional value: blank is none.
fn optional(t: &Typed, field: &str) -> Result<Option<f64>> {
    if t.is_blank() {
        return Ok(None);
    }
    let v = quantity::number(&t.0).ok_or_else(|| {
        Error::field(
            field,
            format!(
                "«{}» no es un número. Escriba un número; por ejemplo 45 o 12,5.",
                t.0.trim()
            ),
        )
    })?;
    Ok(Some(v))
}

/// `plan.indicator.save`: create or edit an indicator of a draft, with its expected values.
pub async fn indicator_save(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: IndicatorSave,
) -> Result<StrategicPlan> {
    let plan_id = match (p.objective_id, p.action_id) {
        (Some(o), None) => store::objective_plan(conn, o).await?,
        (None, Some(a)) => store::action_plan(conn, a).await?,
        _ => {
            return Err(Error::invalid(
                "Un indicador mide un objetivo o una acción: indique uno de los dos.",
            ))
        }
    };
    let plan = draft(conn, plan_id).await?;
    if p.name.trim().chars().count() < 5 {
        return Err(Error::field("name", "Escriba el nombre del indicador."));
    }
    let baseline = optional(&p.baseline_value, "baseline_value")?;
    if let Some(y) = p.baseline_year {
        if !(1990..=plan.last_year).contains(&y) {
            return Err(Error::field(
                "baseline_year",
                format!("El año de la línea base va de 1990 a {}.", plan.last_year),
            ));
        }
    }
    if baseline.is_some() != p.baseline_year.is_some() {
        return Err(Error::field(
            if baseline.is_some() {
                "baseline_year"
            } else {
                "baseline_value"
            },
            "La línea base lleva su valor y su año.",
        ));
    }
    let mut expected = Vec::new();
    for (i, e) in p.expected.iter().enumerate() {
        let field = format!("expected.{i}.expected");
        if !(plan.first_year..=plan.last_year).contains(&e.year) {
            return Err(Error::field(
                &field,
                format!(
                    "El año {} está fuera del plan ({}–{}).",
                    e.year, plan.first_year, plan.last_year
                ),
            ));
        }
        expected.push((e.year, optional(&e.expected, &field)?));
    }
    if let Some(id) = p.id {
        if store::indicator_plan(conn, id).await? != plan_id {
            return Err(Error::NotFound(format!(
                "El indicador {id} no es de este plan."
            )));
        }
    }
    store::indicator_save(conn, &p, baseline, &expected).await?;
    load(conn, plan_id).await
}

/// `plan.indicator.delete`: remove an indicator of a draft.
pub async fn indicator_delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: IdParam,
) -> Result<StrategicPlan> {
    let plan_id = store::indicator_plan(conn, p.id).await?;
    draft(conn, plan_id).await?;
    store::indicator_delete(conn, p.id).await?;
    load(conn, plan_id).await
}

/// Params of `plan.indicator.actual`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IndicatorActual {
    /// Indicator.
    pub id: i64,
    /// Year.
    pub year: i64,
    /// Valor obtenido (blank clears it).
    pub actual: Typed,
}

/// `plan.indicator.actual`: record the value obtained in a year — the follow-up of a plan in
/// force (also of a draft). A year not yet begun is refused.
pub async fn indicator_actual(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: IndicatorActual,
) -> Result<StrategicPlan> {
    let plan_id = store::indicator_plan(conn, p.id).await?;
    let plan = store::strategic(conn, plan_id).await?;
    if plan.status == StrategicStatus::Reemplazado {
        return Err(Error::Sealed(
            "Esta versión del plan fue reemplazada: registre los valores en la vigente."
                .to_string(),
        ));
    }
    if !(plan.first_year..=plan.last_year).contains(&p.year) {
        return Err(Error::field(
            "year",
            format!(
                "El año está fuera del plan ({}–{}).",
                plan.first_year, plan.last_year
            ),
        ));
    }
    use chrono::Datelike;
    if p.year > ctx.today.year() as i64 {
        return Err(Error::field(
            "actual",
            format!("El año {} aún no llega: no tiene valor obtenido.", p.year),
        ));
    }
    let actual = optional(&p.actual, "actual")?;
    store::indicator_actual(conn, p.id, p.year, actual).await?;
    load(conn, plan_id).await
}
