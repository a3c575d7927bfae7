//! Figures for the closing notes: opening and migrating a database, loading the demo,
//! assigning a number through the full dispatch, working-day arithmetic, and pages of the
//! audit trail after twenty years (200,000 entries).

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;

use cabildo::auth::Actor;
use cabildo::Cabildo;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn open_and_migrate(c: &mut Criterion) {
    let rt = rt();
    c.bench_function("db open + migrate (new file)", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                rt.block_on(async {
                    let cab = Cabildo::open(&dir.path().join("c.db")).await.expect("open");
                    cab.close().await;
                });
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    rt.block_on(async { Cabildo::open(&path).await.expect("open").close().await });
    c.bench_function("db open (already migrated)", |b| {
        b.iter(|| rt.block_on(async { Cabildo::open(&path).await.expect("open").close().await }))
    });
}

fn demo(c: &mut Criterion) {
    let rt = rt();
    let mut group = c.benchmark_group("demo");
    group.sample_size(10);
    group.bench_function("demo.load (new database)", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let cab = rt
                    .block_on(Cabildo::open(&dir.path().join("c.db")))
                    .expect("open");
                (dir, cab)
            },
            |(dir, cab)| {
                rt.block_on(cabildo::api::dispatch(
                    &cab,
                    &Actor::system(),
                    "demo.load",
                    json!({}),
                    false,
                ))
                .expect("demo");
                (dir, cab)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn numbering(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let cab = rt
        .block_on(Cabildo::open(&dir.path().join("c.db")))
        .expect("open");
    rt.block_on(cabildo::api::dispatch(
        &cab,
        &Actor::system(),
        "demo.load",
        json!({}),
        false,
    ))
    .expect("demo");
    c.bench_function("numbering.assign (dispatch + audit + fsync)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &Actor::system(),
                "numbering.assign",
                json!({"series": "resolucion-gerencia", "date": "2099-12-31"}),
                false,
            ))
            .expect("assign")
        })
    });
    c.bench_function("council.composition (demo)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &Actor::system(),
                "council.composition",
                json!({"term_id": null, "date": cab.today().to_string()}),
                false,
            ))
            .expect("composition")
        })
    });
    c.bench_function("calendar.add_working_days 250 (dispatch)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &Actor::system(),
                "calendar.add_working_days",
                json!({"date": "2026-01-02", "days": 250}),
                false,
            ))
            .expect("add")
        })
    });
}

/// Twenty years of trail (200,000 entries, ~10,000 a year) written straight into the table:
/// the list reads pages, so the chain's hashes need not be real here.
fn audit(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let cab = rt
        .block_on(Cabildo::open(&dir.path().join("c.db")))
        .expect("open");
    rt.block_on(async {
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
             INSERT INTO audit_log (at, actor, method, params_sha256, result_sha256, prev_hash,
                                    hash, v, params, record_kind, record_id, record_label, summary)
             SELECT date('2006-01-01', '+' || (i * 7300 / 200000) || ' days') || 'T10:00:00.000-05:00',
                    CASE i % 5 WHEN 0 THEN 'mesa' ELSE 'admin' END,
                    CASE i % 4 WHEN 0 THEN 'norm.update' WHEN 1 THEN 'attendance.set'
                               WHEN 2 THEN 'plan.execution.save' ELSE 'org.person.update' END,
                    'p', 'r', '', printf('%064d', i), 2, '{\"id\":' || i || '}',
                    CASE i % 4 WHEN 0 THEN 'norma' WHEN 1 THEN 'sesion'
                               WHEN 2 THEN 'plan-operativo' ELSE 'persona' END,
                    i % 997,
                    CASE i % 4 WHEN 0 THEN 'ORDENANZA N° ' || (i % 997) || '-2026-MDSRQ' ELSE NULL END,
                    'Modificó el registro ' || i
             FROM n",
        )
        .execute(cab.pool())
        .await
        .expect("fill")
    });
    let list = |filters: serde_json::Value| {
        let out = rt
            .block_on(cabildo::api::dispatch(
                &cab,
                &Actor::system(),
                "audit.list",
                json!({"filters": filters, "limit": 50}),
                false,
            ))
            .expect("list");
        assert!(out["entries"].as_array().is_some());
    };
    let mut group = c.benchmark_group("audit.list (200,000 entries)");
    for (name, filters) in [
        ("newest page", json!({})),
        ("user", json!({"actor": "mesa"})),
        ("area", json!({"method": "norm"})),
        (
            "one month of 2015",
            json!({"from": "2015-03-01", "to": "2015-03-31"}),
        ),
        ("record", json!({"record_kind": "norma", "record_id": 500})),
        ("identifier text (rare)", json!({"text": "N° 996-2026"})),
        (
            "text found nowhere (whole scan)",
            json!({"text": "no existe"}),
        ),
    ] {
        group.bench_function(name, |b| b.iter(|| list(filters.clone())));
    }
    group.finish();
}

/// What authorization costs a request, side by side: the same read as the system (no check)
/// and as a signed-in user of the demo (the user's state and grants read inside the
/// transaction); and a sign-in (one Argon2id verification).
fn authorization(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let cab = rt
        .block_on(Cabildo::open(&dir.path().join("c.db")))
        .expect("open");
    rt.block_on(cabildo::api::dispatch(
        &cab,
        &Actor::system(),
        "demo.load",
        json!({"history": false}),
        false,
    ))
    .expect("demo");
    let me = rt
        .block_on(cabildo::api::sign_in(
            &cab,
            "secretaria",
            cabildo::demo::DEMO_PASSWORD,
        ))
        .expect("sign in");
    let user = Actor::user(me.id, &me.login);
    let mut group = c.benchmark_group("authorize");
    for (name, actor) in [("as the system", Actor::system()), ("as a user", user)] {
        group.bench_function(format!("calendar.rule.list {name}"), |b| {
            b.iter(|| {
                rt.block_on(cabildo::api::dispatch(
                    &cab,
                    &actor,
                    "calendar.rule.list",
                    json!({}),
                    false,
                ))
                .expect("list")
            })
        });
    }
    group.bench_function("auth.sign_in (Argon2id)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::sign_in(
                &cab,
                "secretaria",
                cabildo::demo::DEMO_PASSWORD,
            ))
            .expect("sign in")
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    open_and_migrate,
    demo,
    numbering,
    audit,
    authorization
);
criterion_main!(benches);
