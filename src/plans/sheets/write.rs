//! Writing a checked import into the plan, in the request's transaction: nothing here refuses
//! anything a check let through.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::super::operational::ActivitySave;
use super::super::quantity::Typed;
use super::super::store;
use super::super::strategic::{ActionSave, IndicatorSave, ObjectiveSave};
use super::import::PoiImport;
use super::import_pei::PeiImport;
use crate::error::Result;

/// Write a checked POI: each activity created or updated by code, then all the targets of the
/// plan's programme in one pass.
pub(super) async fn poi(conn: &mut SqliteConnection, i: PoiImport) -> Result<()> {
    let programme = store::programme_id(conn, i.plan.id, i.plan.version).await?;
    let mut changes = Vec::with_capacity(i.rows.len() * 12);
    for r in i.rows {
        let save = ActivitySave {
            plan_id: i.plan.id,
            id: r.existing,
            unit_id: r.unit_id,
            action_id: r.action_id,
            code: r.code,
            name: r.name,
            measure: r.measure,
            funding: r.funding,
            goal_kind: r.goal_kind,
            physical: Vec::new(),
            financial: Vec::new(),
            later_years: Vec::new(),
        };
        let id = store::activity_save(conn, &save).await?;
        for m in 0..12 {
            changes.push((id, m as i64 + 1, r.physical[m], r.financial.map(|f| f[m])));
        }
    }
    store::targets_bulk(conn, programme, i.plan.year, &changes).await
}

/// Write a checked matrix: objectives, then actions under them, then each one's indicators
/// with their expected and obtained values.
pub(super) async fn pei(conn: &mut SqliteConnection, i: PeiImport) -> Result<()> {
    let plan_id = i.plan.id;
    let mut objective_ids: HashMap<String, i64> = HashMap::new();
    let mut saved: Vec<(usize, i64)> = Vec::new();
    for (k, e) in i.elements.iter().enumerate().filter(|(_, e)| e.objective) {
        let id = store::objective_save(
            conn,
            &ObjectiveSave {
                plan_id,
                id: e.existing,
                code: e.code.clone(),
                kind: e.kind,
                statement: e.statement.clone(),
                unit_id: e.unit_id,
                priority: e.priority,
            },
        )
        .await?;
        objective_ids.insert(e.code.to_uppercase(), id);
        saved.push((k, id));
    }
    for (k, e) in i.elements.iter().enumerate().filter(|(_, e)| !e.objective) {
        let parent = e.parent.as_deref().unwrap_or_default();
        let id = store::action_save(
            conn,
            &ActionSave {
                objective_id: objective_ids[parent],
                id: e.existing,
                code: e.code.clone(),
                statement: e.statement.clone(),
                unit_id: e.unit_id,
                priority: e.priority,
            },
        )
        .await?;
        saved.push((k, id));
    }
    let existing: HashMap<(Option<i64>, Option<i64>, String), i64> =
        store::indicators_of_plan(conn, plan_id)
            .await?
            .into_iter()
            .map(|r| {
                (
                    (r.objective_id, r.action_id, crate::spanish::fold(&r.name)),
                    r.id,
                )
            })
            .collect();
    for (k, owner) in saved {
        let e = &i.elements[k];
        let (objective_id, action_id) = if e.objective {
            (Some(owner), None)
        } else {
            (None, Some(owner))
        };
        for ind in &e.indicators {
            let id = existing
                .get(&(objective_id, action_id, crate::spanish::fold(&ind.name)))
                .copied();
            let save = IndicatorSave {
                objective_id,
                action_id,
                id,
                name: ind.name.clone(),
                measure: ind.measure,
                method: ind.method.clone(),
                source: ind.source.clone(),
                baseline_value: Typed::default(),
                baseline_year: ind.baseline_year,
                expected: Vec::new(),
            };
            let id = store::indicator_save(conn, &save, ind.baseline, &ind.expected).await?;
            for (year, v) in &ind.actual {
                store::indicator_actual(conn, id, *year, Some(*v)).await?;
            }
        }
    }
    Ok(())
}
