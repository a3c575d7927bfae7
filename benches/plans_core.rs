//! Figures for the plans issue on an operational plan of 2,000 activities × 12 months over the
//! demo's 28 units, executed January–October: the grid's first page, saving a unit's month,
//! the tablero's roll-up, and (with the reports and spreadsheets) the monthly report's PDF and
//! the .xlsx export.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use cabildo::auth::Actor;
use cabildo::Cabildo;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

async fn call(cab: &Cabildo, method: &str, params: Value) -> Value {
    cabildo::api::dispatch(cab, &Actor::system(), method, params, false)
        .await
        .unwrap_or_else(|e| panic!("{method}: {e}"))
}

/// Activities of the fixture.
const ACTIVITIES: usize = 2_000;

/// A PMG of 2,000 activities spread over the units, executed January–October; returns the
/// store, the plan and the unit with most activities and its month-11 entries.
async fn setup(dir: &std::path::Path) -> (Cabildo, i64, i64, Value) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let cab = Cabildo::open(&dir.join("c.db"))
        .await
        .expect("open")
        .with_today(today);
    call(&cab, "demo.load", json!({"history": false})).await;
    let units: Vec<i64> = call(&cab, "org.unit.list", json!({}))
        .await
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["id"].as_i64().expect("id"))
        .collect();
    let plan = call(
        &cab,
        "plan.operational.create",
        json!({"kind": "pmg", "year": 2026, "name": "PMG 2026 (2.000 metas)"}),
    )
    .await["plan"]["id"]
        .as_i64()
        .expect("plan");
    let mut by_unit: Vec<Vec<i64>> = vec![Vec::new(); units.len()];
    for n in 0..ACTIVITIES {
        let u = n % units.len();
        let physical: Vec<Value> = (1..=12)
            .map(|m| json!(((n + m) % 7 + 1).to_string()))
            .collect();
        let financial: Vec<Value> = (1..=12)
            .map(|m| json!(format!("{}", 1000 + (n * m) % 900)))
            .collect();
        let row = call(
            &cab,
            "plan.activity.save",
            json!({"plan_id": plan, "unit_id": units[u], "code": format!("M{n:05}"),
                   "name": format!("Meta de gestión número {n} de la unidad"), "measure": "Informe",
                   "goal_kind": if n % 3 == 0 { "institucional" } else { "colectiva" },
                   "physical": physical, "financial": financial}),
        )
        .await;
        by_unit[u].push(row["id"].as_i64().expect("id"));
    }
    for month in 1..=10 {
        for (u, acts) in by_unit.iter().enumerate() {
            let entries: Vec<Value> = acts
                .iter()
                .enumerate()
                .map(|(i, a)| json!({"activity_id": a, "physical": ((i + month) % 6).to_string(), "financial": "950,50", "comment": ""}))
                .collect();
            call(
                &cab,
                "plan.execution.save",
                json!({"plan_id": plan, "unit_id": units[u], "month": month, "entries": entries}),
            )
            .await;
        }
    }
    call(
        &cab,
        "plan.report.create",
        json!({"kind": "informe-mensual", "plan_id": plan, "period": 10}),
    )
    .await;
    let entries: Vec<Value> = by_unit[0]
        .iter()
        .map(|a| json!({"activity_id": a, "physical": "3", "financial": "1.000", "comment": ""}))
        .collect();
    (cab, plan, units[0], Value::Array(entries))
}

fn plans(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let (cab, plan, unit, entries) = rt.block_on(setup(dir.path()));
    let mut g = c.benchmark_group("plans_2000_activities");
    g.sample_size(20);
    g.bench_function("grid_first_page_200_rows", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "plan.activity.list",
                json!({"plan_id": plan, "limit": 200}),
            ))
        })
    });
    g.bench_function("grid_one_unit", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "plan.activity.list",
                json!({"plan_id": plan, "unit_id": unit}),
            ))
        })
    });
    g.bench_function("save_a_units_month", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "plan.execution.save",
                json!({"plan_id": plan, "unit_id": unit, "month": 11, "entries": entries}),
            ))
        })
    });
    g.bench_function("tablero_rollup", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "plan.dashboard",
                json!({"plan_id": plan, "month": 10}),
            ))
        })
    });
    let report = rt.block_on(call(&cab, "plan.report.list", json!({})))["rows"][0]["id"].clone();
    g.sample_size(10);
    g.bench_function("monthly_report_pdf", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "records.pdf",
                json!({"kind": "informe-mensual", "id": report}),
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
