//! Figures for the council issue: generating (and printing) the acta of a session with 20 items
//! and 11 members, and building the packet of a session with 10 attached PDFs of 20 pages each.

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

/// A concluded session of 20 voted items with 11 members present (the demo's alcalde and nine
/// regidores plus one more), and a convened one whose 10 items each carry a 20-page PDF.
async fn setup(dir: &std::path::Path) -> (Cabildo, i64, i64) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let cab = Cabildo::open(&dir.join("c.db"))
        .await
        .expect("open")
        .with_today(today);
    call(&cab, "demo.load", json!({"history": false})).await;
    let term = call(&cab, "council.term.list", json!({})).await[0]["id"].clone();
    let person = call(
        &cab,
        "org.person.create",
        json!({"doc_type": "DNI", "doc_number": "45678912", "given_names": "Rosa Elvira", "surnames": "Quispe Mamani"}),
    )
    .await;
    call(
        &cab,
        "council.member.add",
        json!({"term_id": term, "person_id": person["id"], "role": "regidor", "party": "Independiente"}),
    )
    .await;
    let s = call(&cab, "session.create", json!({"kind": "ordinaria", "date": "2026-10-15", "time": "10:00", "place": "Salón consistorial"})).await["session"]["id"]
        .as_i64()
        .expect("id");
    for n in 1..=20 {
        call(
            &cab,
            "agenda.add",
            json!({"session_id": s, "item": {"stage": if n <= 4 { "despacho" } else { "orden_del_dia" },
                "title": format!("Asunto {n}: dictamen sobre la ordenanza de ferias y mercados del distrito"),
                "summary": "Dictamen favorable de la comisión, con observaciones de la Oficina de Asesoría Jurídica.",
                "item_kind": "dictamen", "filed_by": "Comisión de Desarrollo Económico", "filed_on": "2026-10-01"}}),
        )
        .await;
    }
    let d = call(
        &cab,
        "session.convene",
        json!({"id": s, "convened_on": "2026-10-08"}),
    )
    .await;
    for m in d["members"].as_array().expect("members") {
        call(&cab, "attendance.set", json!({"session_id": s, "member_id": m["member_id"], "status": if m["able"] == true { "presente" } else { "licencia" }})).await;
    }
    let d = call(&cab, "session.start", json!({"id": s, "time": "10:05"})).await;
    for it in d["agenda"].as_array().expect("agenda") {
        call(&cab, "intervention.add", json!({"item_id": it["id"], "speaker": "Gerente Municipal", "text": "Explica los alcances del dictamen y responde las preguntas de los regidores."})).await;
        call(
            &cab,
            "vote.cast",
            json!({"item_id": it["id"], "all": "a_favor"}),
        )
        .await;
    }
    call(&cab, "session.conclude", json!({"id": s, "time": "13:10"})).await;

    let p = call(&cab, "session.create", json!({"kind": "ordinaria", "date": "2026-10-29", "time": "10:00", "place": "Salón consistorial"})).await["session"]["id"]
        .as_i64()
        .expect("id");
    let mut long = cabildo::pdf::sample::norm(140, 0);
    long.record_id = "anexo".into();
    let pdf = cabildo::pdf::norm::render(&long).expect("render");
    let pages = lopdf::Document::load_mem(&pdf)
        .expect("pdf")
        .get_pages()
        .len();
    assert!(
        (19..=22).contains(&pages),
        "attachments of about 20 pages: {pages}"
    );
    for n in 1..=10 {
        let d = call(&cab, "agenda.add", json!({"session_id": p, "item": {"stage": "orden_del_dia", "title": format!("Expediente {n}"), "item_kind": "dictamen", "filed_on": "2026-10-15"}})).await;
        let item = d["agenda"]
            .as_array()
            .expect("agenda")
            .last()
            .expect("item")["id"]
            .clone();
        // Each attachment differs (its own record id), so none is stored twice.
        let mut doc = cabildo::pdf::sample::norm(140, 0);
        doc.record_id = format!("anexo-{n}");
        let file = dir.join(format!("anexo-{n}.pdf"));
        std::fs::write(&file, cabildo::pdf::norm::render(&doc).expect("render")).expect("write");
        call(
            &cab,
            "agenda.attach",
            json!({"item_id": item, "path": file.display().to_string()}),
        )
        .await;
    }
    call(
        &cab,
        "session.convene",
        json!({"id": p, "convened_on": "2026-10-22"}),
    )
    .await;
    (cab, s, p)
}

fn sessions(c: &mut Criterion) {
    let rt = rt();
    let dir = tempfile::tempdir().expect("tempdir");
    let (cab, acta, packet) = rt.block_on(setup(dir.path()));
    let mut group = c.benchmark_group("sessions");
    group.sample_size(10);
    group.bench_function("acta draft, 20 items, 11 members (minutes.generate)", |b| {
        b.iter(|| rt.block_on(call(&cab, "minutes.generate", json!({"session_id": acta}))))
    });
    group.bench_function("acta draft printed (records.pdf acta)", |b| {
        b.iter(|| {
            rt.block_on(call(
                &cab,
                "records.pdf",
                json!({"kind": "acta", "id": acta}),
            ))
        })
    });
    let pages = rt.block_on(call(
        &cab,
        "records.pdf",
        json!({"kind": "paquete", "id": packet}),
    ))["pages"]
        .clone();
    group.bench_function(
        format!("packet, 10 PDFs of ~20 pages ({pages} pages)"),
        |b| {
            b.iter(|| {
                rt.block_on(call(
                    &cab,
                    "records.pdf",
                    json!({"kind": "paquete", "id": packet}),
                ))
            })
        },
    );
    group.finish();
}

criterion_group!(benches, sessions);
criterion_main!(benches);
