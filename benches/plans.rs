//! Figures for the plans' spreadsheets: a POI of 2,000 activities × 12 months written as .xlsx
//! (`plan.export`), and that file read back into a plan being formulated (`plan.import.preview`,
//! and `plan.import` run dry so every iteration creates the 2,000 activities again).

use base64::Engine;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use cabildo::auth::Actor;
use cabildo::Cabildo;

const ACTIVITIES: usize = 2_000;

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

/// The demo with a POI of 2,000 activities for next year (spread over the demo's units and
/// actions, each with twelve physical and financial targets), built with `plan.import` from a
/// .csv; and an empty POI of the year after, to import into.
async fn setup(dir: &std::path::Path) -> (Cabildo, i64, i64) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 8, 15).expect("date");
    let cab = Cabildo::open(&dir.join("c.db"))
        .await
        .expect("open")
        .with_today(today);
    call(&cab, "demo.load", json!({"history": false})).await;
    let units: Vec<String> = call(&cab, "org.unit.list", json!({}))
        .await
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["code"].as_str().expect("code").to_string())
        .collect();
    let plan = |year: i64| {
        let cab = &cab;
        async move {
            call(
                cab,
                "plan.operational.create",
                json!({"kind": "poi", "year": year, "name": format!("POI {year}")}),
            )
            .await["plan"]["id"]
                .as_i64()
                .expect("id")
        }
    };
    let (source, target) = (plan(2027).await, plan(2028).await);
    let strategic = call(&cab, "plan.operational.get", json!({"id": source})).await["plan"]
        ["strategic_plan_id"]
        .clone();
    let tree = call(&cab, "plan.strategic.get", json!({"id": strategic})).await;
    let actions: Vec<String> = tree["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .flat_map(|o| o["actions"].as_array().expect("actions").clone())
        .map(|a| a["code"].as_str().expect("code").to_string())
        .collect();
    let mut csv = String::from(
        "Cód. centro de costo;Cód. AEI;Cód. actividad;Actividad operativa;Unidad de medida;\
         Fuente de financiamiento",
    );
    let months = [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ];
    for m in months {
        csv.push_str(&format!(";{m}"));
    }
    for m in months {
        csv.push_str(&format!(";Fin. {m}"));
    }
    csv.push_str("\r\n");
    for n in 0..ACTIVITIES {
        csv.push_str(&format!(
            "{};{};AOI{n:05};Actividad operativa número {n} del plan;Informe;Recursos ordinarios",
            units[n % units.len()],
            actions[n % actions.len()]
        ));
        for m in 0..12 {
            csv.push_str(&format!(";{}", (n + m) % 7));
        }
        for m in 0..12 {
            csv.push_str(&format!(";{},{:02}", 100 + n % 900, m * 7 % 100));
        }
        csv.push_str("\r\n");
    }
    let r = call(
        &cab,
        "plan.import",
        json!({"plan_id": source, "kind": "poi", "file_name": "poi.csv",
               "content_base64": base64::engine::general_purpose::STANDARD.encode(csv)}),
    )
    .await;
    assert_eq!(r["created"], ACTIVITIES as i64);
    (cab, source, target)
}

fn plans(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let (cab, source, target) = rt.block_on(setup(dir.path()));
    let exported = rt.block_on(call(
        &cab,
        "plan.export",
        json!({"what": "poi", "plan_id": source}),
    ));
    assert_eq!(exported["rows"], ACTIVITIES as i64);
    let size = exported["size"].as_i64().expect("size");
    let params = json!({"plan_id": target, "kind": "poi", "file_name": "poi.xlsx",
                        "content_base64": exported["bytes_base64"]});

    let mut group = c.benchmark_group("plans");
    group.sample_size(10);
    group.bench_function(
        "POI 2,000 activities × 12 months to .xlsx (plan.export)",
        |b| {
            b.iter(|| {
                rt.block_on(call(
                    &cab,
                    "plan.export",
                    json!({"what": "poi", "plan_id": source}),
                ))
            })
        },
    );
    group.bench_function(
        format!(
            "that .xlsx ({} KB) checked (plan.import.preview)",
            size / 1024
        ),
        |b| b.iter(|| rt.block_on(call(&cab, "plan.import.preview", params.clone()))),
    );
    group.bench_function(
        "that .xlsx imported, 2,000 created (plan.import, dry run)",
        |b| {
            b.iter(|| {
                rt.block_on(async {
                    let r = cabildo::api::dispatch(
                        &cab,
                        &Actor::system(),
                        "plan.import",
                        params.clone(),
                        true,
                    )
                    .await
                    .expect("import");
                    assert_eq!(r["created"], ACTIVITIES as i64);
                })
            })
        },
    );
    group.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
