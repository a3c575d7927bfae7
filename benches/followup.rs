//! Figures for the follow-up desk's closing note: the home screen and each list it opens with
//! twenty years of items (50,000 encargos, information requests and complaints on top of the
//! demo), through the full dispatch (authorization, transaction), as the administrator and as
//! a Jefe de unidad limited to their unit.

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

/// 50,000 items over twenty years before today: 3 % still open (due around today, a third of
/// them overdue), the rest closed; a third are information requests with their requester.
const FILL: &str = "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000),
units AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM unit_label),
nu AS (SELECT count(*) AS c FROM unit_label)
INSERT INTO followup_item (kind, year, seq, source, source_ref, subject, detail, unit_id,
    received_on, due_on, due_basis, status, progress, answer, closed_on, created_by, created_at,
    updated_at)
SELECT CASE i % 3 WHEN 0 THEN 'encargo' WHEN 1 THEN 'solicitud' ELSE 'reclamo' END,
       CAST(strftime('%Y', date($today, printf('%+d days', -((50000 - i) * 7300 / 50000)))) AS INTEGER),
       100000 + i,
       CASE i % 3 WHEN 0 THEN (CASE i % 9 WHEN 0 THEN 'gerencia' WHEN 3 THEN 'contraloria' ELSE 'alcaldia' END)
                  WHEN 1 THEN 'solicitud' ELSE 'reclamo' END,
       'Documento N° ' || i,
       'Asunto histórico número ' || i || CASE WHEN i % 500 = 0 THEN ' alumbrado' ELSE '' END,
       '',
       (SELECT id FROM units WHERE k = i % (SELECT c FROM nu)),
       date($today, printf('%+d days', -((50000 - i) * 7300 / 50000))),
       CASE WHEN i > 48500 THEN date($today, printf('%+d days', i % 30 - 10))
            ELSE date($today, printf('%+d days', 14 - (50000 - i) * 7300 / 50000)) END,
       '{}',
       CASE WHEN i > 48500 THEN (CASE i % 2 WHEN 0 THEN 'pendiente' ELSE 'en_proceso' END)
            WHEN i % 17 = 0 THEN 'archivado' ELSE 'atendido' END,
       NULL, '',
       CASE WHEN i > 48500 THEN NULL
            ELSE date($today, printf('%+d days', 9 - (50000 - i) * 7300 / 50000)) END,
       'bench', $today, $today
FROM n";

fn followup(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let cab = rt
        .block_on(Cabildo::open(&dir.path().join("c.db")))
        .expect("open");
    let today = cab.today().to_string();
    rt.block_on(async {
        cabildo::api::dispatch(
            &cab,
            &Actor::system(),
            "demo.load",
            json!({"seed": 7}),
            false,
        )
        .await
        .expect("demo");
        let sql = FILL.replace("$today", &format!("'{today}'"));
        sqlx::query(&sql).execute(cab.pool()).await.expect("fill");
        sqlx::query(
            "INSERT INTO info_request (item_id, filed_at, channel, requester, state)
             SELECT id, received_on || 'T10:00', 'presencial', 'Solicitante ' || id,
                    CASE WHEN closed_on IS NULL THEN 'en_tramite' ELSE 'entregada' END
             FROM followup_item WHERE kind = 'solicitud' AND created_by = 'bench'",
        )
        .execute(cab.pool())
        .await
        .expect("requests");
        sqlx::query("ANALYZE")
            .execute(cab.pool())
            .await
            .expect("analyze");
    });
    let items: i64 = rt
        .block_on(
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM followup_item")
                .fetch_one(cab.pool()),
        )
        .expect("count");
    eprintln!("follow-up items in the database: {items}");
    let jefe = rt
        .block_on(cabildo::api::sign_in(
            &cab,
            "jefe.urbano",
            cabildo::demo::DEMO_PASSWORD,
        ))
        .map(|me| Actor::user(me.id, &me.login))
        .expect("sign in");
    let call = |actor: &Actor, method: &str, params: Value| -> Value {
        rt.block_on(cabildo::api::dispatch(&cab, actor, method, params, false))
            .expect("call")
    };
    let admin = Actor::system();
    let mut group = c.benchmark_group(format!("follow-up ({items} items)"));
    group.bench_function("home.get (all units)", |b| {
        b.iter(|| call(&admin, "home.get", json!({})))
    });
    group.bench_function("home.get (Jefe de unidad: own unit)", |b| {
        b.iter(|| call(&jefe, "home.get", json!({})))
    });
    for (name, params) in [
        ("list: abiertos, first page", json!({})),
        ("list: vencidos", json!({"view": "vencidos"})),
        ("list: vencen esta semana", json!({"view": "semana"})),
        ("list: solicitudes abiertas", json!({"kind": "solicitud"})),
        ("list: todos, first page", json!({"view": "todos"})),
        (
            "list: todos, page 800 (offset 40,000)",
            json!({"view": "todos", "offset": 40000}),
        ),
        (
            "list: cerrados of one year",
            json!({"view": "cerrados", "year": 2016}),
        ),
        (
            "list: text «alumbrado» (whole scan)",
            json!({"view": "todos", "text": "alumbrado"}),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| call(&admin, "followup.list", params.clone()))
        });
    }
    group.bench_function("list: abiertos as Jefe de unidad", |b| {
        b.iter(|| call(&jefe, "followup.list", json!({})))
    });
    let one: i64 = rt
        .block_on(
            sqlx::query_scalar::<_, i64>("SELECT max(id) FROM followup_item").fetch_one(cab.pool()),
        )
        .expect("id");
    group.bench_function("followup.get", |b| {
        b.iter(|| call(&admin, "followup.get", json!({"id": one})))
    });
    group.finish();
}

criterion_group!(benches, followup);
criterion_main!(benches);
