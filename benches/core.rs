//! Figures for the closing notes: opening and migrating a database, loading the demo,
//! assigning a number through the full dispatch, and working-day arithmetic.

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

criterion_group!(benches, open_and_migrate, demo, numbering);
criterion_main!(benches);
