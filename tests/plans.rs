//! Institutional plans through the API: the PEI's life (draft, approval by a sealed norm,
//! frozen, new version), the POI's targets and reprogramming with history, the monthly
//! execution's refusals at the field, lateness, and the tablero moving with what was entered.

mod common;

use cabildo::error::ErrorKind;
use common::Host;
use serde_json::{json, Value};

/// The demo on 15 August 2026: POI 2026 executed January–July, PEI 2025–2030.
async fn host() -> Host {
    Host::demo_on("2026-08-15").await
}

async fn unit_id(h: &Host, code: &str) -> i64 {
    let units = h.ok("org.unit.list", json!({})).await;
    units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("unit {code}"))["id"]
        .as_i64()
        .unwrap()
}

async fn sealed_norm(h: &Host, title: &str) -> i64 {
    let t = h
        .ok(
            "norm.template",
            json!({"series": "resolucion-alcaldia", "date": "2026-08-10"}),
        )
        .await;
    let mut norm = t["norm"].clone();
    norm["title"] = json!(title);
    norm["date"] = json!("2026-08-10");
    norm["articles"] = json!([{"title": null, "text": "APROBAR el plan que como anexo forma parte de la presente resolución.", "items": []}]);
    let created = h.ok("norm.create", norm).await;
    let id = created["id"].as_i64().unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    id
}

fn field(e: &cabildo::ApiError) -> &str {
    e.field.as_deref().unwrap_or("")
}

#[tokio::test]
async fn a_strategic_plan_is_drafted_approved_frozen_and_revised() {
    let h = host().await;
    let gm = unit_id(&h, "GM").await;
    let p = h
        .ok(
            "plan.strategic.create",
            json!({"name": "PEI 2031-2034", "first_year": 2031, "last_year": 2034}),
        )
        .await;
    let id = p["plan"]["id"].as_i64().unwrap();
    let p = h
        .ok(
            "plan.objective.save",
            json!({"plan_id": id, "code": "OEI.01", "kind": "I", "statement": "Mejorar la calidad de vida de la población", "unit_id": gm, "priority": 1}),
        )
        .await;
    let oid = p["objectives"][0]["id"].as_i64().unwrap();
    // A falling indicator: anaemia from 40 to 25.
    let p = h
        .ok(
            "plan.indicator.save",
            json!({"objective_id": oid, "name": "Tasa de anemia infantil", "measure": "tasa",
                   "baseline_value": "40", "baseline_year": 2030,
                   "expected": [{"year": 2031, "expected": "36"}, {"year": 2034, "expected": "25,5"}]}),
        )
        .await;
    let ind = &p["objectives"][0]["indicators"][0];
    assert_eq!(ind["direction"], "decreciente");
    assert_eq!(ind["values"].as_array().unwrap().len(), 4);
    assert_eq!(ind["values"][3]["expected"], 25.5);

    // Text in a number is refused at its field.
    let e = h
        .err(
            "plan.indicator.save",
            json!({"objective_id": oid, "name": "Otro indicador", "measure": "porcentaje",
                   "expected": [{"year": 2032, "expected": "cuarenta"}]}),
        )
        .await;
    assert_eq!(field(&e), "expected.0.expected");
    assert!(e.message.contains("no es un número"), "{}", e.message);

    // Approval needs a sealed norm; then the plan is frozen.
    let e = h
        .err(
            "plan.strategic.approve",
            json!({"id": id, "norm_id": 999999, "approved_on": "2026-08-10"}),
        )
        .await;
    assert_eq!(field(&e), "norm_id");
    let norm = sealed_norm(&h, "Aprueba el PEI 2031-2034").await;
    let p = h
        .ok(
            "plan.strategic.approve",
            json!({"id": id, "norm_id": norm, "approved_on": "2026-08-10"}),
        )
        .await;
    assert_eq!(p["plan"]["status"], "vigente");
    assert!(p["plan"]["norm_identifier"]
        .as_str()
        .unwrap()
        .starts_with("RESOLUCIÓN DE ALCALDÍA"));
    let e = h
        .err(
            "plan.objective.save",
            json!({"plan_id": id, "code": "OEI.02", "kind": "II", "statement": "Fortalecer la gestión institucional", "unit_id": gm, "priority": 2}),
        )
        .await;
    assert_eq!(e.kind, ErrorKind::Sealed);

    // A new version copies the tree; approving it replaces the first.
    let v2 = h
        .ok(
            "plan.strategic.revise",
            json!({"id": id, "reason": "Ampliación del horizonte temporal"}),
        )
        .await;
    let v2id = v2["plan"]["id"].as_i64().unwrap();
    assert_eq!(v2["plan"]["version"], 2);
    assert_eq!(v2["plan"]["status"], "borrador");
    assert_eq!(
        v2["objectives"][0]["indicators"][0]["values"][3]["expected"],
        25.5
    );
    let norm2 = sealed_norm(&h, "Aprueba la modificación del PEI").await;
    h.ok(
        "plan.strategic.approve",
        json!({"id": v2id, "norm_id": norm2, "approved_on": "2026-08-10"}),
    )
    .await;
    let v1 = h.ok("plan.strategic.get", json!({"id": id})).await;
    assert_eq!(v1["plan"]["status"], "reemplazado");
}

async fn poi(h: &Host) -> Value {
    let list = h.ok("plan.operational.list", json!({})).await;
    list["rows"][0].clone()
}

async fn unit_activities(h: &Host, plan: i64, unit: i64, version: Option<i64>) -> Value {
    h.ok(
        "plan.activity.list",
        json!({"plan_id": plan, "unit_id": unit, "version": version}),
    )
    .await
}

#[tokio::test]
async fn reprogramming_keeps_the_original_and_refuses_past_months() {
    let h = host().await;
    let plan = poi(&h).await;
    let pid = plan["id"].as_i64().unwrap();
    assert_eq!(plan["status"], "aprobado");
    let version = plan["version"].as_i64().unwrap();
    let sg = unit_id(&h, "SG").await;
    let page = unit_activities(&h, pid, sg, None).await;
    let act = page["rows"][0]["id"].as_i64().unwrap();
    let before = page["rows"][0]["physical"][8].as_f64().unwrap();

    // Approved: targets change only by reprogramming.
    let e = h
        .err(
            "plan.targets.set",
            json!({"plan_id": pid, "changes": [{"activity_id": act, "month": 9, "physical": "5"}]}),
        )
        .await;
    assert_eq!(e.kind, ErrorKind::Sealed);
    // July is past on 15 August.
    let e = h
        .err(
            "plan.reprogram",
            json!({"plan_id": pid, "reason": "Ajuste por mayor demanda del servicio", "decided_on": "2026-08-14",
                   "changes": [{"activity_id": act, "month": 7, "physical": "5"}]}),
        )
        .await;
    assert_eq!(field(&e), "changes.0.month");
    let e = h
        .err(
            "plan.reprogram",
            json!({"plan_id": pid, "reason": "Ajuste", "decided_on": "2026-08-14",
                   "changes": [{"activity_id": act, "month": 9, "physical": "5"}]}),
        )
        .await;
    assert_eq!(field(&e), "reason");
    let saved = h
        .ok(
            "plan.reprogram",
            json!({"plan_id": pid, "reason": "Ajuste por mayor demanda del servicio", "decided_on": "2026-08-14",
                   "changes": [{"activity_id": act, "month": 9, "physical": "99", "financial": "1.500,50"}]}),
        )
        .await;
    assert_eq!(saved["version"], version + 1);
    let now = unit_activities(&h, pid, sg, None).await;
    assert_eq!(now["rows"][0]["physical"][8], 99.0);
    assert_eq!(now["rows"][0]["financial"][8], 150050);
    let original = unit_activities(&h, pid, sg, Some(1)).await;
    assert_eq!(original["rows"][0]["physical"][8].as_f64().unwrap(), before);
    let got = h.ok("plan.operational.get", json!({"id": pid})).await;
    let programmes = got["programmes"].as_array().unwrap();
    assert_eq!(programmes.len() as i64, version + 1);
    assert_eq!(
        programmes.last().unwrap()["reason"],
        "Ajuste por mayor demanda del servicio"
    );
}

#[tokio::test]
async fn a_units_month_is_refused_at_the_field_and_moves_the_tablero() {
    let h = host().await;
    let pid = poi(&h).await["id"].as_i64().unwrap();
    // SGOP has not reported July in the demo.
    let sgop = unit_id(&h, "SGOP").await;
    let sheet = h
        .ok(
            "plan.execution.month",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7}),
        )
        .await;
    assert!(sheet["reported"].is_null());
    let rows = sheet["rows"].as_array().unwrap().clone();
    let dash = h
        .ok("plan.dashboard", json!({"plan_id": pid, "month": 7}))
        .await;
    assert_eq!(dash["month"], 7);
    let line = |d: &Value| {
        d["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit_id"] == sgop)
            .unwrap()
            .clone()
    };
    assert_eq!(line(&dash)["light"], "rojo");
    assert!(dash["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["unit_id"] == sgop));

    let entries = |physical: Vec<Value>, comment: &str| -> Value {
        Value::Array(
            rows.iter()
                .zip(physical)
                .map(|(r, p)| {
                    json!({"activity_id": r["activity_id"], "physical": p,
                           "financial": r["programmed_financial"].as_i64().unwrap() as f64 / 100.0,
                           "comment": comment})
                })
                .collect(),
        )
    };
    let full: Vec<Value> = rows
        .iter()
        .map(|r| r["programmed_physical"].clone())
        .collect();

    // Negative, text, a month not reached.
    let mut bad = full.clone();
    bad[1] = json!("-2");
    let e = h
        .err(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7, "entries": entries(bad, "")}),
        )
        .await;
    assert_eq!(field(&e), "entries.1.physical");
    assert!(e.message.contains("negativo"), "{}", e.message);
    let mut bad = full.clone();
    bad[0] = json!("diez");
    let e = h
        .err(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7, "entries": entries(bad, "")}),
        )
        .await;
    assert_eq!(field(&e), "entries.0.physical");
    let e = h
        .err(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": sgop, "month": 9, "entries": entries(full.clone(), "")}),
        )
        .await;
    assert_eq!(field(&e), "month");
    assert!(e.message.contains("aún no llega"), "{}", e.message);
    // Over 999 % needs a comment.
    let mut huge = full.clone();
    let target = rows[0]["programmed_physical"].as_f64().unwrap();
    huge[0] = json!(target * 10.5);
    let e = h
        .err(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7, "entries": entries(huge.clone(), "")}),
        )
        .await;
    assert_eq!(field(&e), "entries.0.comment");
    // Nothing half-written: the month is still empty.
    let again = h
        .ok(
            "plan.execution.month",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7}),
        )
        .await;
    assert!(again["rows"][0]["physical"].is_null());

    // The full month, reported after the close (5th working day of August): late.
    let saved = h
        .ok(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": sgop, "month": 7, "entries": entries(full, "Obras al día")}),
        )
        .await;
    assert_eq!(saved["reported"]["late"], true);
    assert_eq!(saved["rows"][0]["percent"], 100.0);
    let after = h
        .ok("plan.dashboard", json!({"plan_id": pid, "month": 7}))
        .await;
    assert!(
        line(&after)["progress"]["month_percent"].as_f64().unwrap()
            > line(&dash)["progress"]["month_percent"]
                .as_f64()
                .unwrap_or(0.0)
    );
    assert!(!after["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["unit_id"] == sgop));
}

#[tokio::test]
async fn a_plan_in_formulation_takes_targets_and_refuses_bad_cells() {
    let h = host().await;
    let gm = unit_id(&h, "GM").await;
    let p = h
        .ok(
            "plan.operational.create",
            json!({"kind": "pmg", "year": 2027, "name": "PMG 2027"}),
        )
        .await;
    let pid = p["plan"]["id"].as_i64().unwrap();
    assert_eq!(p["plan"]["status"], "formulacion");
    let twelve = |v: &str| vec![json!(v); 12];
    let mut physical = twelve("1");
    physical[3] = json!("uno");
    let e = h
        .err(
            "plan.activity.save",
            json!({"plan_id": pid, "unit_id": gm, "code": "MC-01", "name": "Meta colectiva de atención",
                   "measure": "Informe", "goal_kind": "colectiva", "physical": physical, "financial": twelve("0")}),
        )
        .await;
    assert_eq!(field(&e), "physical.3");
    let row = h
        .ok(
            "plan.activity.save",
            json!({"plan_id": pid, "unit_id": gm, "code": "MC-01", "name": "Meta colectiva de atención",
                   "measure": "Informe", "goal_kind": "colectiva", "physical": twelve("1"), "financial": twelve("1.000")}),
        )
        .await;
    assert_eq!(row["financial"][0], 100000);
    let act = row["id"].as_i64().unwrap();
    let saved = h
        .ok(
            "plan.targets.set",
            json!({"plan_id": pid, "changes": [
                {"activity_id": act, "month": 1, "physical": "3"},
                {"activity_id": act, "month": 2, "financial": "2500,5"}]}),
        )
        .await;
    assert_eq!(saved["cells"], 2);
    let page = h
        .ok("plan.activity.list", json!({"plan_id": pid, "limit": 10}))
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["physical"][0], 3.0);
    assert_eq!(page["rows"][0]["financial"][1], 250050);
    let e = h
        .err(
            "plan.operational.create",
            json!({"kind": "pmg", "year": 2027, "name": "PMG 2027 bis"}),
        )
        .await;
    assert_eq!(field(&e), "year");
}

#[tokio::test]
async fn the_demo_tablero_rolls_up_per_unit_action_and_objective() {
    let h = host().await;
    let plan = poi(&h).await;
    let pid = plan["id"].as_i64().unwrap();
    assert!(plan["activities"].as_i64().unwrap() >= 100);
    // On 15 August the default month is July, the last month ended.
    let d = h.ok("plan.dashboard", json!({"plan_id": pid})).await;
    assert_eq!(d["month"], 7);
    assert_eq!(d["objectives"].as_array().unwrap().len(), 6);
    assert_eq!(d["actions"].as_array().unwrap().len(), 20);
    let missing: Vec<&str> = d["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["AMQA", "PPM", "SGOP"]);
    let lights: Vec<&str> = d["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["light"].as_str().unwrap())
        .collect();
    assert!(lights.contains(&"rojo") && lights.contains(&"verde"));
    let curve = d["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 12);
    assert!(curve[6]["executed"].is_i64());
    assert!(curve[7]["executed"].is_null());
    // The PEI: indicators with values obtained in 2025 and their achievement.
    let peis = h.ok("plan.strategic.list", json!({})).await;
    let pei = h
        .ok("plan.strategic.get", json!({"id": peis["rows"][0]["id"]}))
        .await;
    let ind = &pei["objectives"][0]["indicators"][0];
    assert!(ind["values"][0]["actual"].is_f64());
    assert!(ind["values"][0]["achievement"].is_f64());
    assert!(ind["values"][1]["actual"].is_null());
}

#[tokio::test]
async fn thresholds_come_from_the_rule_set() {
    let h = host().await;
    let pid = poi(&h).await["id"].as_i64().unwrap();
    let before = h
        .ok("plan.dashboard", json!({"plan_id": pid, "month": 7}))
        .await;
    assert_eq!(before["thresholds"]["green"], 90.0);
    let e = h
        .err(
            "rules.set",
            json!({"key": "plans.light.green", "value": "150"}),
        )
        .await;
    assert_eq!(field(&e), "value");
    h.ok(
        "rules.set",
        json!({"key": "plans.light.green", "value": "50"}),
    )
    .await;
    h.ok(
        "rules.set",
        json!({"key": "plans.light.amber", "value": "40"}),
    )
    .await;
    let after = h
        .ok("plan.dashboard", json!({"plan_id": pid, "month": 7}))
        .await;
    assert_eq!(after["thresholds"]["green"], 50.0);
    assert!(after["units"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["light"] != "rojo"));
}

#[tokio::test]
async fn a_chilean_pmg_measures_institutional_and_collective_goals() {
    let h = Host::new().await;
    h.ok("municipality.create", json!({"name": "Municipalidad de Putre", "short_name": "MPU", "country": "CL", "kind": "comuna"})).await;
    let dideco = h
        .ok(
            "org.unit.create",
            json!({"name": "Dirección de Desarrollo Comunitario", "code": "DIDECO", "kind": "linea"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let secplan = h
        .ok(
            "org.unit.create",
            json!({"name": "Secretaría Comunal de Planificación", "code": "SECPLAN", "kind": "asesoramiento"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    // The PLADECO: a lineamiento with an objective.
    let p = h
        .ok(
            "plan.strategic.create",
            json!({"name": "PLADECO 2025-2028", "first_year": 2025, "last_year": 2028}),
        )
        .await;
    let pladeco = p["plan"]["id"].as_i64().unwrap();
    h.ok(
        "plan.objective.save",
        json!({"plan_id": pladeco, "code": "L1", "kind": "I", "statement": "Desarrollo social inclusivo de la comuna", "unit_id": dideco, "priority": 1}),
    )
    .await;
    let pmg = h
        .ok(
            "plan.operational.create",
            json!({"kind": "pmg", "year": 2025, "name": "PMG 2025", "strategic_plan_id": pladeco}),
        )
        .await;
    let pid = pmg["plan"]["id"].as_i64().unwrap();
    let twelve = |v: &str| vec![json!(v); 12];
    let meta = |unit: i64, code: &str, kind: &str| {
        json!({"plan_id": pid, "unit_id": unit, "code": code, "name": format!("Meta {code} de la dirección"),
               "measure": "Informe", "goal_kind": kind, "physical": twelve("1"), "financial": twelve("0")})
    };
    let mi = h
        .ok("plan.activity.save", meta(secplan, "MI-1", "institucional"))
        .await["id"]
        .clone();
    let mc = h
        .ok("plan.activity.save", meta(dideco, "MC-1", "colectiva"))
        .await["id"]
        .clone();
    // January: the institutional goal met, the collective one at half.
    for (unit, id, done) in [(secplan, &mi, "1"), (dideco, &mc, "0,5")] {
        h.ok(
            "plan.execution.save",
            json!({"plan_id": pid, "unit_id": unit, "month": 1,
                   "entries": [{"activity_id": id, "physical": done, "financial": "0"}]}),
        )
        .await;
    }
    let d = h
        .ok("plan.dashboard", json!({"plan_id": pid, "month": 1}))
        .await;
    let kinds = d["goal_kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 2);
    assert_eq!(kinds[0]["statement"], "Metas institucionales");
    assert_eq!(kinds[0]["progress"]["accumulated"], 100.0);
    assert_eq!(kinds[0]["light"], "verde");
    assert_eq!(kinds[1]["progress"]["accumulated"], 50.0);
    assert_eq!(kinds[1]["light"], "rojo");
    // Units (Direcciones) by code; both reported January, on a date after it closed: late.
    let units: Vec<&str> = d["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["DIDECO", "SECPLAN"]);
    assert!(d["missing"].as_array().unwrap().is_empty());
    assert_eq!(d["units"][0]["reported"]["late"], true);
}

#[tokio::test]
async fn a_unit_with_plan_activities_is_not_deleted() {
    let h = host().await;
    let unit = h
        .ok(
            "org.unit.create",
            json!({"name": "Oficina de Cooperación Técnica", "code": "OCT", "kind": "apoyo"}),
        )
        .await["id"]
        .clone();
    let pid = h
        .ok(
            "plan.operational.create",
            json!({"kind": "pmg", "year": 2027, "name": "PMG 2027"}),
        )
        .await["plan"]["id"]
        .clone();
    h.ok(
        "plan.activity.save",
        json!({"plan_id": pid, "unit_id": unit, "code": "MC-9", "name": "Convenios de cooperación suscritos", "measure": "Convenio"}),
    )
    .await;
    let e = h.err("org.unit.delete", json!({"id": unit})).await;
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("planes"), "{}", e.message);
}
