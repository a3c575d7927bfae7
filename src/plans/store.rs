//! The only code that touches the plans' tables. Unit codes and names come from the view
//! `unit_label` the organisation publishes (migration 0010).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

use super::execution::Reported;
use super::operational::{
    ActivityRow, ActivitySave, GoalKind, LaterYear, Months, OperationalCreate, OperationalKind,
    OperationalSummary, Programme,
};
use super::strategic::{
    ActionSave, IndicatorSave, Measure, ObjectiveKind, ObjectiveSave, StrategicCreate,
    StrategicSummary,
};
use crate::context::Ctx;
use crate::error::{Error, Result};

const STRATEGIC_COLUMNS: &str = "id, name, first_year, last_year, version, previous_id, reason, \
     status, norm_id, approved_on, mission";

/// A page of the strategic plans' versions, newest first (by first year, version and id),
/// after the one keyed `after`.
pub(super) async fn strategic_page(
    conn: &mut SqliteConnection,
    after: Option<(i64, i64, i64)>,
    limit: i64,
) -> Result<Vec<StrategicSummary>> {
    let mut q: QueryBuilder<Sqlite> =
        QueryBuilder::new(format!("SELECT {STRATEGIC_COLUMNS} FROM strategic_plan"));
    if let Some((first_year, version, id)) = after {
        q.push(" WHERE (first_year, version, id) < (")
            .push_bind(first_year)
            .push(", ")
            .push_bind(version)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY first_year DESC, version DESC, id DESC LIMIT ")
        .push_bind(limit);
    Ok(q.build_query_as().fetch_all(&mut *conn).await?)
}

pub(super) async fn strategic(conn: &mut SqliteConnection, id: i64) -> Result<StrategicSummary> {
    sqlx::query_as(&format!(
        "SELECT {STRATEGIC_COLUMNS} FROM strategic_plan WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe el plan estratégico {id}.")))
}

/// The strategic plan in force (its latest approved version), if any.
pub(super) async fn strategic_in_force(conn: &mut SqliteConnection) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM strategic_plan WHERE status = 'vigente' ORDER BY last_year DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn strategic_insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &StrategicCreate,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO strategic_plan (name, first_year, last_year, mission, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(p.name.trim())
    .bind(p.first_year)
    .bind(p.last_year)
    .bind(p.mission.trim())
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?)
}

pub(super) async fn strategic_update(
    conn: &mut SqliteConnection,
    id: i64,
    p: &StrategicCreate,
) -> Result<()> {
    sqlx::query(
        "UPDATE strategic_plan SET name = $2, first_year = $3, last_year = $4, mission = $5
         WHERE id = $1",
    )
    .bind(id)
    .bind(p.name.trim())
    .bind(p.first_year)
    .bind(p.last_year)
    .bind(p.mission.trim())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn strategic_approve(
    conn: &mut SqliteConnection,
    id: i64,
    norm_id: i64,
    on: NaiveDate,
) -> Result<()> {
    sqlx::query(
        "UPDATE strategic_plan SET status = 'vigente', norm_id = $2, approved_on = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(norm_id)
    .bind(on.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn strategic_replace(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("UPDATE strategic_plan SET status = 'reemplazado' WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The version number of a draft that modifies `id`, if one exists.
pub(super) async fn strategic_draft_after(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT version FROM strategic_plan WHERE previous_id = $1 AND status = 'borrador'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Copy version `id` into a new draft version with its whole tree; returns the new id.
pub(super) async fn strategic_copy(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: i64,
    reason: &str,
) -> Result<i64> {
    let new: i64 = sqlx::query_scalar(
        "INSERT INTO strategic_plan (name, first_year, last_year, mission, version, previous_id,
           reason, created_at)
         SELECT name, first_year, last_year, mission, version + 1, id, $2, $3
         FROM strategic_plan WHERE id = $1 RETURNING id",
    )
    .bind(id)
    .bind(reason)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    for o in objectives_of_plan(conn, id).await? {
        let o_new: i64 = sqlx::query_scalar(
            "INSERT INTO strategic_objective (plan_id, code, kind, statement, unit_id, priority)
             SELECT $2, code, kind, statement, unit_id, priority FROM strategic_objective
             WHERE id = $1 RETURNING id",
        )
        .bind(o.id)
        .bind(new)
        .fetch_one(&mut *conn)
        .await?;
        copy_indicators(conn, "objective_id", o.id, o_new).await?;
        let actions: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM strategic_action WHERE objective_id = $1")
                .bind(o.id)
                .fetch_all(&mut *conn)
                .await?;
        for a in actions {
            let a_new: i64 = sqlx::query_scalar(
                "INSERT INTO strategic_action (objective_id, code, statement, unit_id, priority)
                 SELECT $2, code, statement, unit_id, priority FROM strategic_action
                 WHERE id = $1 RETURNING id",
            )
            .bind(a)
            .bind(o_new)
            .fetch_one(&mut *conn)
            .await?;
            copy_indicators(conn, "action_id", a, a_new).await?;
        }
    }
    Ok(new)
}

async fn copy_indicators(
    conn: &mut SqliteConnection,
    column: &str,
    from: i64,
    to: i64,
) -> Result<()> {
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM plan_indicator WHERE {column} = $1"
    ))
    .bind(from)
    .fetch_all(&mut *conn)
    .await?;
    for i in ids {
        let new: i64 = sqlx::query_scalar(&format!(
            "INSERT INTO plan_indicator ({column}, name, measure, method, source, baseline_value,
               baseline_year, sort_order)
             SELECT $2, name, measure, method, source, baseline_value, baseline_year, sort_order
             FROM plan_indicator WHERE id = $1 RETURNING id"
        ))
        .bind(i)
        .bind(to)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO plan_indicator_value (indicator_id, year, expected, actual)
             SELECT $2, year, expected, actual FROM plan_indicator_value WHERE indicator_id = $1",
        )
        .bind(i)
        .bind(new)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn objective_count(conn: &mut SqliteConnection, plan_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM strategic_objective WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// An objective as stored.
#[derive(FromRow)]
pub(super) struct ObjectiveRow {
    pub id: i64,
    pub code: String,
    pub kind: ObjectiveKind,
    pub statement: String,
    pub unit_id: i64,
    pub priority: i64,
}

pub(super) async fn objectives_of_plan(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<ObjectiveRow>> {
    Ok(sqlx::query_as(
        "SELECT id, code, kind, statement, unit_id, priority FROM strategic_objective
         WHERE plan_id = $1 ORDER BY code",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An action as stored.
#[derive(FromRow)]
pub(super) struct ActionRow {
    pub id: i64,
    pub objective_id: i64,
    pub code: String,
    pub statement: String,
    pub unit_id: i64,
    pub priority: i64,
}

pub(super) async fn actions_of_plan(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<ActionRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.objective_id, a.code, a.statement, a.unit_id, a.priority
         FROM strategic_action a JOIN strategic_objective o ON o.id = a.objective_id
         WHERE o.plan_id = $1 ORDER BY a.code",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An indicator as stored.
#[derive(FromRow)]
pub(super) struct IndicatorRow {
    pub id: i64,
    pub objective_id: Option<i64>,
    pub action_id: Option<i64>,
    pub name: String,
    pub measure: Measure,
    pub method: String,
    pub source: String,
    pub baseline_value: Option<f64>,
    pub baseline_year: Option<i64>,
}

const PLAN_INDICATORS: &str = "plan_indicator i
     LEFT JOIN strategic_action a ON a.id = i.action_id
     JOIN strategic_objective o ON o.id = coalesce(i.objective_id, a.objective_id)";

pub(super) async fn indicators_of_plan(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<IndicatorRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT i.id, i.objective_id, i.action_id, i.name, i.measure, i.method, i.source,
           i.baseline_value, i.baseline_year
         FROM {PLAN_INDICATORS} WHERE o.plan_id = $1 ORDER BY i.sort_order, i.id"
    ))
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An indicator's values of a year.
#[derive(FromRow)]
pub(super) struct ValueRow {
    pub indicator_id: i64,
    pub year: i64,
    pub expected: Option<f64>,
    pub actual: Option<f64>,
}

pub(super) async fn indicator_values_of_plan(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<ValueRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT v.indicator_id, v.year, v.expected, v.actual
         FROM {PLAN_INDICATORS} JOIN plan_indicator_value v ON v.indicator_id = i.id
         WHERE o.plan_id = $1 ORDER BY v.indicator_id, v.year"
    ))
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn objective_plan(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    sqlx::query_scalar("SELECT plan_id FROM strategic_objective WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el objetivo estratégico {id}.")))
}

pub(super) async fn objective_save(conn: &mut SqliteConnection, p: &ObjectiveSave) -> Result<i64> {
    Ok(match p.id {
        Some(id) => {
            sqlx::query(
                "UPDATE strategic_objective SET code = $2, kind = $3, statement = $4,
                   unit_id = $5, priority = $6 WHERE id = $1",
            )
            .bind(id)
            .bind(p.code.trim())
            .bind(p.kind)
            .bind(p.statement.trim())
            .bind(p.unit_id)
            .bind(p.priority)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => sqlx::query_scalar(
            "INSERT INTO strategic_objective (plan_id, code, kind, statement, unit_id, priority)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(p.plan_id)
        .bind(p.code.trim())
        .bind(p.kind)
        .bind(p.statement.trim())
        .bind(p.unit_id)
        .bind(p.priority)
        .fetch_one(&mut *conn)
        .await?,
    })
}

pub(super) async fn objective_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM strategic_objective WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn activities_of_objective(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM operational_activity t JOIN strategic_action a ON a.id = t.action_id
         WHERE a.objective_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

pub(super) async fn action_plan(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    sqlx::query_scalar(
        "SELECT o.plan_id FROM strategic_action a JOIN strategic_objective o ON o.id = a.objective_id
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe la acción estratégica {id}.")))
}

pub(super) async fn action_save(conn: &mut SqliteConnection, p: &ActionSave) -> Result<i64> {
    Ok(match p.id {
        Some(id) => {
            sqlx::query(
                "UPDATE strategic_action SET objective_id = $2, code = $3, statement = $4,
                   unit_id = $5, priority = $6 WHERE id = $1",
            )
            .bind(id)
            .bind(p.objective_id)
            .bind(p.code.trim())
            .bind(p.statement.trim())
            .bind(p.unit_id)
            .bind(p.priority)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO strategic_action (objective_id, code, statement, unit_id, priority)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(p.objective_id)
            .bind(p.code.trim())
            .bind(p.statement.trim())
            .bind(p.unit_id)
            .bind(p.priority)
            .fetch_one(&mut *conn)
            .await?
        }
    })
}

pub(super) async fn action_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM strategic_action WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn activities_of_action(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM operational_activity WHERE action_id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub(super) async fn indicator_plan(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    sqlx::query_scalar(&format!(
        "SELECT o.plan_id FROM {PLAN_INDICATORS} WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe el indicador {id}.")))
}

pub(super) async fn indicator_save(
    conn: &mut SqliteConnection,
    p: &IndicatorSave,
    baseline: Option<f64>,
    expected: &[(i64, Option<f64>)],
) -> Result<i64> {
    let id = match p.id {
        Some(id) => {
            sqlx::query(
                "UPDATE plan_indicator SET name = $2, measure = $3, method = $4, source = $5,
                   baseline_value = $6, baseline_year = $7 WHERE id = $1",
            )
            .bind(id)
            .bind(p.name.trim())
            .bind(p.measure)
            .bind(p.method.trim())
            .bind(p.source.trim())
            .bind(baseline)
            .bind(p.baseline_year)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => sqlx::query_scalar(
            "INSERT INTO plan_indicator (objective_id, action_id, name, measure, method, source,
                   baseline_value, baseline_year, sort_order)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                   (SELECT coalesce(max(sort_order), 0) + 1 FROM plan_indicator))
                 RETURNING id",
        )
        .bind(p.objective_id)
        .bind(p.action_id)
        .bind(p.name.trim())
        .bind(p.measure)
        .bind(p.method.trim())
        .bind(p.source.trim())
        .bind(baseline)
        .bind(p.baseline_year)
        .fetch_one(&mut *conn)
        .await?,
    };
    for (year, value) in expected {
        sqlx::query(
            "INSERT INTO plan_indicator_value (indicator_id, year, expected) VALUES ($1, $2, $3)
             ON CONFLICT (indicator_id, year) DO UPDATE SET expected = excluded.expected",
        )
        .bind(id)
        .bind(year)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

pub(super) async fn indicator_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM plan_indicator WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn indicator_actual(
    conn: &mut SqliteConnection,
    id: i64,
    year: i64,
    actual: Option<f64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO plan_indicator_value (indicator_id, year, actual) VALUES ($1, $2, $3)
         ON CONFLICT (indicator_id, year) DO UPDATE SET actual = excluded.actual",
    )
    .bind(id)
    .bind(year)
    .bind(actual)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const OPERATIONAL_SELECT: &str = "SELECT p.id, p.kind, p.year, p.last_year, p.name,
       p.strategic_plan_id, p.status, p.norm_id, p.approved_on,
       (SELECT count(*) FROM operational_activity a WHERE a.plan_id = p.id) AS activities,
       (SELECT max(version) FROM operational_programme g WHERE g.plan_id = p.id) AS version
     FROM operational_plan p";

/// A page of the operational plans, newest year first (then by kind and id, descending), of
/// one year or every one, after the plan keyed `after`.
pub(super) async fn operational_page(
    conn: &mut SqliteConnection,
    year: Option<i64>,
    after: Option<(i64, OperationalKind, i64)>,
    limit: i64,
) -> Result<Vec<OperationalSummary>> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(OPERATIONAL_SELECT);
    q.push(" WHERE 1 = 1");
    if let Some(y) = year {
        q.push(" AND p.year = ").push_bind(y);
    }
    if let Some((year, kind, id)) = after {
        q.push(" AND (p.year, p.kind, p.id) < (")
            .push_bind(year)
            .push(", ")
            .push_bind(kind)
            .push(", ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY p.year DESC, p.kind DESC, p.id DESC LIMIT ")
        .push_bind(limit);
    Ok(q.build_query_as().fetch_all(&mut *conn).await?)
}

pub(super) async fn operational(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<OperationalSummary> {
    sqlx::query_as(&format!("{OPERATIONAL_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el plan operativo {id}.")))
}

pub(super) async fn operational_insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &OperationalCreate,
    last_year: i64,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO operational_plan (kind, year, last_year, name, strategic_plan_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(p.kind)
    .bind(p.year)
    .bind(last_year)
    .bind(p.name.trim())
    .bind(p.strategic_plan_id)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    programme_insert(conn, ctx, id, 1, "Programación inicial", ctx.today).await?;
    Ok(id)
}

pub(super) async fn operational_approve(
    conn: &mut SqliteConnection,
    id: i64,
    norm_id: i64,
    on: NaiveDate,
) -> Result<()> {
    sqlx::query(
        "UPDATE operational_plan SET status = 'aprobado', norm_id = $2, approved_on = $3
         WHERE id = $1",
    )
    .bind(id)
    .bind(norm_id)
    .bind(on.to_string())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE operational_programme SET decided_on = $2 WHERE plan_id = $1 AND version = 1",
    )
    .bind(id)
    .bind(on.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn programmes(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<Programme>> {
    Ok(sqlx::query_as(
        "SELECT version, reason, decided_on, created_by FROM operational_programme
         WHERE plan_id = $1 ORDER BY version",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn programme_id(
    conn: &mut SqliteConnection,
    plan_id: i64,
    version: i64,
) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM operational_programme WHERE plan_id = $1 AND version = $2")
        .bind(plan_id)
        .bind(version)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la versión {version} del plan.")))
}

pub(super) async fn programme_insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    plan_id: i64,
    version: i64,
    reason: &str,
    decided_on: NaiveDate,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO operational_programme (plan_id, version, reason, decided_on, created_at,
           created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(plan_id)
    .bind(version)
    .bind(reason)
    .bind(decided_on.to_string())
    .bind(ctx.stamp())
    .bind(&ctx.actor.login)
    .fetch_one(&mut *conn)
    .await?)
}

pub(super) async fn programme_copy(conn: &mut SqliteConnection, from: i64, to: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO operational_target (programme_id, activity_id, year, month, physical, financial)
         SELECT $2, activity_id, year, month, physical, financial FROM operational_target
         WHERE programme_id = $1",
    )
    .bind(from)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn activity_count(
    conn: &mut SqliteConnection,
    plan_id: i64,
    unit_id: Option<i64>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM operational_activity WHERE plan_id = $1
           AND ($2 IS NULL OR unit_id = $2)",
    )
    .bind(plan_id)
    .bind(unit_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// An activity's own columns with its unit's and action's labels.
#[derive(FromRow)]
struct ActivityHead {
    id: i64,
    unit_id: i64,
    unit_code: String,
    unit_name: String,
    action_id: Option<i64>,
    action_code: Option<String>,
    code: String,
    name: String,
    measure: String,
    funding: String,
    goal_kind: Option<GoalKind>,
}

const ACTIVITY_HEAD: &str = "SELECT a.id, a.unit_id, u.code AS unit_code, u.name AS unit_name,
       a.action_id, s.code AS action_code, a.code, a.name, a.measure, a.funding, a.goal_kind
     FROM operational_activity a
     JOIN unit_label u ON u.id = a.unit_id
     LEFT JOIN strategic_action s ON s.id = a.action_id";

/// The ids of a page, as a subquery ($1 plan, $2 unit or null, $3 limit, $4 offset).
const PAGE_IDS: &str =
    "SELECT a.id FROM operational_activity a JOIN unit_label u ON u.id = a.unit_id
     WHERE a.plan_id = $1 AND ($2 IS NULL OR a.unit_id = $2)
     ORDER BY u.code, a.code LIMIT $3 OFFSET $4";

#[derive(FromRow)]
struct TargetRow {
    activity_id: i64,
    year: i64,
    month: i64,
    physical: f64,
    financial: i64,
}

#[derive(FromRow)]
struct ExecutionRow {
    activity_id: i64,
    month: i64,
    physical: f64,
    financial: i64,
    comment: String,
}

fn empty_row(h: ActivityHead) -> ActivityRow {
    ActivityRow {
        id: h.id,
        unit_id: h.unit_id,
        unit_code: h.unit_code,
        unit_name: h.unit_name,
        action_id: h.action_id,
        action_code: h.action_code,
        code: h.code,
        name: h.name,
        measure: h.measure,
        funding: h.funding,
        goal_kind: h.goal_kind,
        physical: vec![0.0; 12],
        financial: vec![0; 12],
        executed_physical: vec![None; 12],
        executed_financial: vec![None; 12],
        later_years: Vec::new(),
    }
}

fn fill(
    rows: &mut [ActivityRow],
    year: i64,
    targets: Vec<TargetRow>,
    executions: Vec<ExecutionRow>,
) {
    let at: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for t in targets {
        let Some(&i) = at.get(&t.activity_id) else {
            continue;
        };
        let r = &mut rows[i];
        if t.year == year && (1..=12).contains(&t.month) {
            r.physical[t.month as usize - 1] = t.physical;
            r.financial[t.month as usize - 1] = t.financial;
        } else if t.year > year {
            r.later_years.push(LaterYear {
                year: t.year,
                physical: t.physical,
                financial: t.financial,
            });
        }
    }
    for e in executions {
        if let Some(&i) = at.get(&e.activity_id) {
            rows[i].executed_physical[e.month as usize - 1] = Some(e.physical);
            rows[i].executed_financial[e.month as usize - 1] = Some(e.financial);
        }
    }
}

pub(super) async fn activity_page(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    version: i64,
    unit_id: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<Vec<ActivityRow>> {
    let heads: Vec<ActivityHead> = sqlx::query_as(&format!(
        "{ACTIVITY_HEAD} WHERE a.id IN ({PAGE_IDS}) ORDER BY u.code, a.code"
    ))
    .bind(plan.id)
    .bind(unit_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let mut rows: Vec<ActivityRow> = heads.into_iter().map(empty_row).collect();
    let programme = programme_id(conn, plan.id, version).await?;
    let targets: Vec<TargetRow> = sqlx::query_as(&format!(
        "SELECT activity_id, year, month, physical, financial FROM operational_target
         WHERE programme_id = $5 AND activity_id IN ({PAGE_IDS}) ORDER BY year, month"
    ))
    .bind(plan.id)
    .bind(unit_id)
    .bind(limit)
    .bind(offset)
    .bind(programme)
    .fetch_all(&mut *conn)
    .await?;
    let executions: Vec<ExecutionRow> = sqlx::query_as(&format!(
        "SELECT activity_id, month, physical, financial, comment FROM operational_execution
         WHERE activity_id IN ({PAGE_IDS})"
    ))
    .bind(plan.id)
    .bind(unit_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    fill(&mut rows, plan.year, targets, executions);
    Ok(rows)
}

/// One activity as a grid row (current version).
pub(super) async fn activity_row(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    id: i64,
) -> Result<ActivityRow> {
    let head: ActivityHead = sqlx::query_as(&format!("{ACTIVITY_HEAD} WHERE a.id = $1"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let mut rows = vec![empty_row(head)];
    let programme = programme_id(conn, plan.id, plan.version).await?;
    let targets: Vec<TargetRow> = sqlx::query_as(
        "SELECT activity_id, year, month, physical, financial FROM operational_target
         WHERE programme_id = $1 AND activity_id = $2 ORDER BY year, month",
    )
    .bind(programme)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let executions: Vec<ExecutionRow> = sqlx::query_as(
        "SELECT activity_id, month, physical, financial, comment FROM operational_execution
         WHERE activity_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    fill(&mut rows, plan.year, targets, executions);
    Ok(rows.remove(0))
}

pub(super) async fn activity_plan(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    sqlx::query_scalar("SELECT plan_id FROM operational_activity WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la actividad {id}.")))
}

pub(super) async fn activity_ids(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<HashSet<i64>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM operational_activity WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(ids.into_iter().collect())
}

pub(super) async fn activity_save(conn: &mut SqliteConnection, p: &ActivitySave) -> Result<i64> {
    Ok(match p.id {
        Some(id) => {
            sqlx::query(
                "UPDATE operational_activity SET unit_id = $2, action_id = $3, code = $4,
                   name = $5, measure = $6, funding = $7, goal_kind = $8 WHERE id = $1",
            )
            .bind(id)
            .bind(p.unit_id)
            .bind(p.action_id)
            .bind(p.code.trim())
            .bind(p.name.trim())
            .bind(p.measure.trim())
            .bind(p.funding.trim())
            .bind(p.goal_kind)
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO operational_activity (plan_id, unit_id, action_id, code, name,
                   measure, funding, goal_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING id",
            )
            .bind(p.plan_id)
            .bind(p.unit_id)
            .bind(p.action_id)
            .bind(p.code.trim())
            .bind(p.name.trim())
            .bind(p.measure.trim())
            .bind(p.funding.trim())
            .bind(p.goal_kind)
            .fetch_one(&mut *conn)
            .await?
        }
    })
}

pub(super) async fn activity_delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM operational_activity WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const TARGET_UPSERT: &str = "INSERT INTO operational_target
       (programme_id, activity_id, year, month, physical, financial)
     VALUES ($1, $2, $3, $4, coalesce($5, 0), coalesce($6, 0))
     ON CONFLICT (programme_id, activity_id, year, month) DO UPDATE SET
       physical = coalesce($5, physical), financial = coalesce($6, financial)";

pub(super) async fn targets_write(
    conn: &mut SqliteConnection,
    programme: i64,
    activity: i64,
    year: i64,
    t: &Months,
) -> Result<()> {
    for m in 0..12 {
        sqlx::query(TARGET_UPSERT)
            .bind(programme)
            .bind(activity)
            .bind(year)
            .bind(m as i64 + 1)
            .bind(Some(t.0[m]))
            .bind(Some(t.1[m]))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(super) async fn later_write(
    conn: &mut SqliteConnection,
    programme: i64,
    activity: i64,
    year: i64,
    physical: f64,
    financial: i64,
) -> Result<()> {
    sqlx::query(TARGET_UPSERT)
        .bind(programme)
        .bind(activity)
        .bind(year)
        .bind(0i64)
        .bind(Some(physical))
        .bind(Some(financial))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn targets_apply(
    conn: &mut SqliteConnection,
    programme: i64,
    year: i64,
    changes: &[(i64, i64, Option<f64>, Option<i64>)],
) -> Result<()> {
    for (activity, month, physical, financial) in changes {
        sqlx::query(TARGET_UPSERT)
            .bind(programme)
            .bind(activity)
            .bind(year)
            .bind(month)
            .bind(physical)
            .bind(financial)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Every activity of a plan (or of one unit) with its current targets, executions and
/// comments of the plan's year, sorted by unit code and code: the matrix the follow-up
/// computes on.
pub(super) struct ActivityData {
    pub id: i64,
    pub unit_id: i64,
    pub action_id: Option<i64>,
    pub goal_kind: Option<GoalKind>,
    pub code: String,
    pub name: String,
    pub measure: String,
    pub physical: [f64; 12],
    pub financial: [i64; 12],
    pub executed_physical: [Option<f64>; 12],
    pub executed_financial: [Option<i64>; 12],
    pub comments: Vec<String>,
}

pub(super) async fn matrix(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    unit_id: Option<i64>,
) -> Result<Vec<ActivityData>> {
    #[derive(FromRow)]
    struct Head {
        id: i64,
        unit_id: i64,
        action_id: Option<i64>,
        goal_kind: Option<GoalKind>,
        code: String,
        name: String,
        measure: String,
    }
    let heads: Vec<Head> = sqlx::query_as(
        "SELECT a.id, a.unit_id, a.action_id, a.goal_kind, a.code, a.name, a.measure
         FROM operational_activity a JOIN unit_label u ON u.id = a.unit_id
         WHERE a.plan_id = $1 AND ($2 IS NULL OR a.unit_id = $2) ORDER BY u.code, a.code",
    )
    .bind(plan.id)
    .bind(unit_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<ActivityData> = heads
        .into_iter()
        .map(|h| ActivityData {
            id: h.id,
            unit_id: h.unit_id,
            action_id: h.action_id,
            goal_kind: h.goal_kind,
            code: h.code,
            name: h.name,
            measure: h.measure,
            physical: [0.0; 12],
            financial: [0; 12],
            executed_physical: [None; 12],
            executed_financial: [None; 12],
            comments: vec![String::new(); 12],
        })
        .collect();
    let at: HashMap<i64, usize> = out.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let programme = programme_id(conn, plan.id, plan.version).await?;
    let targets: Vec<(i64, i64, f64, i64)> = sqlx::query_as(
        "SELECT t.activity_id, t.month, t.physical, t.financial FROM operational_target t
         JOIN operational_activity a ON a.id = t.activity_id
         WHERE t.programme_id = $1 AND t.year = $2 AND t.month > 0
           AND ($3 IS NULL OR a.unit_id = $3)",
    )
    .bind(programme)
    .bind(plan.year)
    .bind(unit_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, month, physical, financial) in targets {
        if let Some(&i) = at.get(&id) {
            out[i].physical[month as usize - 1] = physical;
            out[i].financial[month as usize - 1] = financial;
        }
    }
    let executions: Vec<ExecutionRow> = sqlx::query_as(
        "SELECT e.activity_id, e.month, e.physical, e.financial, e.comment
         FROM operational_execution e JOIN operational_activity a ON a.id = e.activity_id
         WHERE a.plan_id = $1 AND ($2 IS NULL OR a.unit_id = $2)",
    )
    .bind(plan.id)
    .bind(unit_id)
    .fetch_all(&mut *conn)
    .await?;
    for e in executions {
        if let Some(&i) = at.get(&e.activity_id) {
            let m = e.month as usize - 1;
            out[i].executed_physical[m] = Some(e.physical);
            out[i].executed_financial[m] = Some(e.financial);
            out[i].comments[m] = e.comment;
        }
    }
    Ok(out)
}

/// The current targets of a unit's activities in a month: activity → (physical, financial).
pub(super) async fn month_targets(
    conn: &mut SqliteConnection,
    plan: &OperationalSummary,
    unit_id: i64,
    month: i64,
) -> Result<HashMap<i64, (f64, i64)>> {
    let programme = programme_id(conn, plan.id, plan.version).await?;
    let rows: Vec<(i64, Option<f64>, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, t.physical, t.financial FROM operational_activity a
         LEFT JOIN operational_target t ON t.activity_id = a.id AND t.programme_id = $3
           AND t.year = $4 AND t.month = $5
         WHERE a.plan_id = $1 AND a.unit_id = $2",
    )
    .bind(plan.id)
    .bind(unit_id)
    .bind(programme)
    .bind(plan.year)
    .bind(month)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, p, f)| (id, (p.unwrap_or(0.0), f.unwrap_or(0))))
        .collect())
}

pub(super) async fn execution_write(
    conn: &mut SqliteConnection,
    month: i64,
    entries: &[(i64, f64, i64, String)],
) -> Result<()> {
    for (activity, physical, financial, comment) in entries {
        sqlx::query(
            "INSERT INTO operational_execution (activity_id, month, physical, financial, comment)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (activity_id, month) DO UPDATE SET physical = excluded.physical,
               financial = excluded.financial, comment = excluded.comment",
        )
        .bind(activity)
        .bind(month)
        .bind(physical)
        .bind(financial)
        .bind(comment)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn reported(
    conn: &mut SqliteConnection,
    plan_id: i64,
    unit_id: i64,
    month: i64,
) -> Result<Option<Reported>> {
    Ok(sqlx::query_as(
        "SELECT reported_on, reported_by, late FROM operational_report
         WHERE plan_id = $1 AND unit_id = $2 AND month = $3",
    )
    .bind(plan_id)
    .bind(unit_id)
    .bind(month)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every unit's report of a month: unit → report.
pub(super) async fn reports_of_month(
    conn: &mut SqliteConnection,
    plan_id: i64,
    month: i64,
) -> Result<HashMap<i64, Reported>> {
    #[derive(FromRow)]
    struct Row {
        unit_id: i64,
        #[sqlx(flatten)]
        r: Reported,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT unit_id, reported_on, reported_by, late FROM operational_report
         WHERE plan_id = $1 AND month = $2",
    )
    .bind(plan_id)
    .bind(month)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.unit_id, r.r)).collect())
}

/// Record a unit's report of a month the first time it is saved (later corrections keep the
/// first date and lateness).
pub(super) async fn report_record(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    plan_id: i64,
    unit_id: i64,
    month: i64,
    late: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO operational_report (plan_id, unit_id, month, reported_on, reported_at,
           reported_by, late) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (plan_id, unit_id, month) DO NOTHING",
    )
    .bind(plan_id)
    .bind(unit_id)
    .bind(month)
    .bind(ctx.today.to_string())
    .bind(ctx.stamp())
    .bind(&ctx.actor.login)
    .bind(late)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Record a unit's report with a given date (the demo's past months).
pub(super) async fn report_insert(
    conn: &mut SqliteConnection,
    plan_id: i64,
    unit_id: i64,
    month: i64,
    on: NaiveDate,
    late: bool,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO operational_report (plan_id, unit_id, month, reported_on, reported_at,
           reported_by, late) VALUES ($1, $2, $3, $4, $5, 'demo', $6)",
    )
    .bind(plan_id)
    .bind(unit_id)
    .bind(month)
    .bind(on.to_string())
    .bind(format!("{on}T10:00:00-05:00"))
    .bind(late)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The name of unit `id` (the published view), if it exists.
pub(super) async fn unit_name(conn: &mut SqliteConnection, id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM unit_label WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Code and name of every unit (the published view), by id.
pub(super) async fn unit_labels(
    conn: &mut SqliteConnection,
) -> Result<HashMap<i64, (String, String)>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, code, name FROM unit_label")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(id, c, n)| (id, (c, n))).collect())
}

// Spreadsheets

/// An activity as an import finds it by code: what a file without that column keeps.
#[derive(FromRow)]
pub(super) struct CodedActivity {
    pub id: i64,
    pub code: String,
    pub action_id: Option<i64>,
    pub funding: String,
    pub goal_kind: Option<GoalKind>,
}

/// Every activity of a plan with its code.
pub(super) async fn activities_by_code(
    conn: &mut SqliteConnection,
    plan_id: i64,
) -> Result<Vec<CodedActivity>> {
    Ok(sqlx::query_as(
        "SELECT id, code, action_id, funding, goal_kind FROM operational_activity
         WHERE plan_id = $1",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The monthly targets of a whole imported POI, many rows per statement: (activity, month,
/// physical, financial). A row without a financial target keeps the one stored (0 when new).
pub(super) async fn targets_bulk(
    conn: &mut SqliteConnection,
    programme: i64,
    year: i64,
    rows: &[(i64, i64, f64, Option<i64>)],
) -> Result<()> {
    const CHUNK: usize = 100;
    for with_money in [true, false] {
        let rows: Vec<_> = rows
            .iter()
            .filter(|r| r.3.is_some() == with_money)
            .collect();
        for chunk in rows.chunks(CHUNK) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = 3 + 4 * i;
                    format!("($1, $2, ${b}, ${}, ${}, ${})", b + 1, b + 2, b + 3)
                })
                .collect();
            let sql = format!(
                "INSERT INTO operational_target
                   (programme_id, year, activity_id, month, physical, financial)
                 VALUES {}
                 ON CONFLICT (programme_id, activity_id, year, month) DO UPDATE SET
                   physical = excluded.physical{}",
                values.join(", "),
                if with_money {
                    ", financial = excluded.financial"
                } else {
                    ""
                }
            );
            let mut q = sqlx::query(&sql).bind(programme).bind(year);
            for (activity, month, physical, financial) in chunk {
                q = q
                    .bind(activity)
                    .bind(month)
                    .bind(physical)
                    .bind(financial.unwrap_or(0));
            }
            q.execute(&mut *conn).await?;
        }
    }
    Ok(())
}
