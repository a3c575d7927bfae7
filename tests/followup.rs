//! The follow-up desk against a real database: legal deadlines of information requests at
//! their edges (after hours before a long weekend, holidays inside the term, the extension,
//! the correction that restarts the clock, Chile's 20 + 10), refused transitions, the unit
//! limit of a Jefe de unidad, the pedidos routed by sessions, and the home screen's counts
//! against the lists they open.

mod common;

use cabildo::api;
use cabildo::auth::Actor;
use cabildo::{ApiError, Cabildo};
use common::Host;
use serde_json::{json, Value};

/// A fresh municipality of `country` whose today is `today`, with two units.
async fn host(country: &str, today: &str) -> (Host, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let cab = Cabildo::open(&dir.path().join("cabildo.db"))
        .await
        .unwrap()
        .with_today(chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap());
    let h = Host { dir, cab };
    let (name, short, kind) = if country == "CL" {
        ("Municipalidad de Putre", "MPU", "comuna")
    } else {
        ("Municipalidad Distrital de Prueba", "MDPR", "distrital")
    };
    h.ok(
        "municipality.create",
        json!({"name": name, "short_name": short, "country": country, "kind": kind}),
    )
    .await;
    let mut ids = vec![];
    for (name, code) in [("Secretaría General", "SG"), ("Gerencia de Obras", "GO")] {
        let u = h
            .ok(
                "org.unit.create",
                json!({"parent_id": null, "name": name, "code": code, "kind": "apoyo", "head_person_id": null}),
            )
            .await;
        ids.push(u["id"].as_i64().unwrap());
    }
    (h, ids[0], ids[1])
}

fn request(filed_at: &str, unit: i64) -> Value {
    json!({"filed_at": filed_at, "channel": "presencial", "requester": "Rosa Quispe Mamani",
           "requester_doc": "41236587", "address": "Jr. Lima 123",
           "subject": "Copia del contrato de la obra del Jr. Lima", "unit_id": unit})
}

fn due(d: &Value) -> &str {
    d["item"]["due_on"].as_str().unwrap_or("")
}

#[tokio::test]
async fn filed_friday_after_hours_before_the_national_holidays_of_july() {
    let (h, sg, _) = host("PE", "2026-08-20").await;
    // Friday 24 July 2026, 17:10 (the office closes at 16:30): received Monday 27; 28 and 29
    // July and 6 August are national holidays.
    let d = h
        .ok("access.register", request("2026-07-24T17:10", sg))
        .await;
    assert_eq!(d["item"]["received_on"], "2026-07-27");
    assert_eq!(due(&d), "2026-08-13");
    let steps: Vec<&str> = d["deadline"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        steps[0].contains("después del cierre de la oficina (16:30)"),
        "{steps:?}"
    );
    let skipped: Vec<(&str, &str)> = d["deadline"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["date"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    for holiday in ["2026-07-28", "2026-07-29", "2026-08-06"] {
        assert!(
            skipped
                .iter()
                .any(|(d, r)| *d == holiday && r.starts_with("feriado")),
            "{holiday} in {skipped:?}"
        );
    }
    // One minute before closing: received that Friday, one working day sooner.
    let d = h
        .ok("access.register", request("2026-07-24T16:29", sg))
        .await;
    assert_eq!(d["item"]["received_on"], "2026-07-24");
    assert_eq!(due(&d), "2026-08-12");
    // The preview the form shows is the same computation.
    let p = h
        .ok(
            "access.deadline",
            json!({"kind": "solicitud", "filed_at": "2026-07-24T17:10"}),
        )
        .await;
    assert_eq!(p["due_on"], "2026-08-13");
    // Numbered in the year's register.
    assert_eq!(d["item"]["number"], "Solicitud N° 002-2026");
}

#[tokio::test]
async fn a_declared_non_working_day_inside_the_term_moves_the_due_date() {
    let (h, sg, _) = host("PE", "2026-04-30").await;
    let before = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await;
    assert_eq!(due(&before), "2026-03-16");
    h.ok(
        "calendar.day.set",
        json!({"date": "2026-03-04", "kind": "no_laborable", "name": "Día no laborable D.S. 001-2026-PCM"}),
    )
    .await;
    let after = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await;
    assert_eq!(due(&after), "2026-03-17");
}

#[tokio::test]
async fn peru_extends_once_with_a_date_communicated_within_two_working_days() {
    let (h, sg, _) = host("PE", "2026-03-20").await;
    let d = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await;
    let id = d["item"]["id"].as_i64().unwrap();
    assert_eq!(due(&d), "2026-03-16");
    // The third working day after receipt is too late.
    let late = h
        .err(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-05", "reason": "Archivo periférico", "deliver_on": "2026-03-27"}),
        )
        .await;
    assert_eq!(late.field.as_deref(), Some("on_date"));
    assert!(
        late.message.contains("dentro de dos (2) días hábiles"),
        "{}",
        late.message
    );
    // Without the date of delivery Peru's extension is incomplete.
    let no_date = h
        .err(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-04", "reason": "Archivo"}),
        )
        .await;
    assert_eq!(no_date.field.as_deref(), Some("deliver_on"));
    let d = h
        .ok(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-04", "reason": "Archivo periférico", "deliver_on": "2026-03-27"}),
        )
        .await;
    assert_eq!(due(&d), "2026-03-27");
    assert_eq!(d["request"]["state"], "prorrogada");
    assert_eq!(d["request"]["legal_due_on"], "2026-03-16");
    let twice = h
        .err(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-04", "reason": "Otra vez", "deliver_on": "2026-04-10"}),
        )
        .await;
    assert_eq!(twice.kind, "conflict");
    assert!(twice.message.contains("una sola vez"), "{}", twice.message);
}

#[tokio::test]
async fn a_correction_stops_the_clock_and_restarts_it() {
    let (h, sg, _) = host("PE", "2026-04-30").await;
    let d = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await;
    let id = d["item"]["id"].as_i64().unwrap();
    let d = h
        .ok(
            "access.correction",
            json!({"id": id, "on_date": "2026-03-03", "note": "Precisar el periodo"}),
        )
        .await;
    assert_eq!(d["request"]["state"], "en_subsanacion");
    // Two working days for the requester: 4 and 5 March.
    assert_eq!(d["request"]["correction_due_on"], "2026-03-05");
    // The clock is stopped: no due date, never overdue.
    assert!(d["item"]["due_on"].is_null());
    let overdue = h
        .ok(
            "followup.list",
            json!({"kind": "solicitud", "view": "vencidos"}),
        )
        .await;
    assert_eq!(overdue["total"], 0);
    // Answering before the correction is refused.
    let e = h
        .err("access.answer", json!({"id": id, "outcome": "entregada", "answer": "Se entrega", "on_date": "2026-03-10"}))
        .await;
    assert_eq!(e.kind, "conflict");
    // A correction after its term is refused at the field.
    let e = h
        .err(
            "access.corrected",
            json!({"id": id, "filed_at": "2026-03-06T09:00"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("filed_at"));
    // Corrected on Thursday 5 March: ten working days from then.
    let d = h
        .ok(
            "access.corrected",
            json!({"id": id, "filed_at": "2026-03-05T11:00"}),
        )
        .await;
    assert_eq!(d["item"]["received_on"], "2026-03-05");
    assert_eq!(due(&d), "2026-03-19");
    assert_eq!(d["request"]["state"], "en_tramite");
    let steps = d["deadline"]["steps"].to_string();
    assert!(steps.contains("se reinicia"), "{steps}");
    // A second correction is not asked.
    let e = h
        .err(
            "access.correction",
            json!({"id": id, "on_date": "2026-03-06", "note": "Otra"}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
}

#[tokio::test]
async fn a_request_not_corrected_in_time_is_archived_and_then_cannot_be_answered() {
    let (h, sg, _) = host("PE", "2026-04-30").await;
    let id = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "access.correction",
        json!({"id": id, "on_date": "2026-03-02", "note": "Falta firma"}),
    )
    .await;
    let early = h
        .err(
            "access.close",
            json!({"id": id, "reason": "no_subsanada", "on_date": "2026-03-04"}),
        )
        .await;
    assert_eq!(early.field.as_deref(), Some("on_date"));
    let d = h
        .ok(
            "access.close",
            json!({"id": id, "reason": "no_subsanada", "on_date": "2026-03-06"}),
        )
        .await;
    assert_eq!(d["item"]["status"], "archivado");
    let e = h
        .err(
            "access.answer",
            json!({"id": id, "outcome": "entregada", "answer": "Se entrega"}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("archivado"), "{}", e.message);
    let e = h
        .err("followup.progress", json!({"id": id, "note": "Algo más"}))
        .await;
    assert_eq!(e.kind, "conflict");
}

#[tokio::test]
async fn chile_counts_twenty_working_days_and_extends_ten_before_the_deadline() {
    let (h, sg, _) = host("CL", "2026-05-29").await;
    // Monday 2 March 2026, 10:00 (the office closes at 14:00).
    let d = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await;
    let id = d["item"]["id"].as_i64().unwrap();
    assert_eq!(due(&d), "2026-03-30");
    // After the deadline, no extension.
    let e = h
        .err(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-31", "reason": "Volumen"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("on_date"));
    // On the last day: ten more working days; Good Friday (3 April) is skipped.
    let d = h
        .ok(
            "access.extend",
            json!({"id": id, "on_date": "2026-03-30", "reason": "Volumen de la información"}),
        )
        .await;
    assert_eq!(due(&d), "2026-04-14");
    // Filed at 15:00 (after 14:00): counts from the next working day.
    let d = h
        .ok("access.register", request("2026-03-02T15:00", sg))
        .await;
    assert_eq!(d["item"]["received_on"], "2026-03-03");
    assert_eq!(due(&d), "2026-03-31");
    // Chilean denial grounds are Ley 20.285's.
    let rules = h.ok("access.rules", json!({})).await;
    assert!(rules["law"].as_str().unwrap().contains("20.285"));
    assert!(!rules.to_string().contains("27806"));
}

#[tokio::test]
async fn an_answer_records_the_days_taken_the_cost_and_the_ground_of_a_denial() {
    let (h, sg, _) = host("PE", "2026-04-30").await;
    let id = h
        .ok("access.register", request("2026-03-02T10:00", sg))
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err("access.answer", json!({"id": id, "outcome": "denegada", "answer": "No procede", "on_date": "2026-03-10"}))
        .await;
    assert_eq!(e.field.as_deref(), Some("denial_ground"));
    let e = h
        .err("access.answer", json!({"id": id, "outcome": "entregada", "answer": "Copias", "cost": "diez soles", "on_date": "2026-03-10"}))
        .await;
    assert_eq!(e.field.as_deref(), Some("cost"));
    let d = h
        .ok("access.answer", json!({"id": id, "outcome": "entregada_parcial", "answer": "Copias de lo disponible",
            "denial_ground": "Información confidencial (art. 17 del TUO de la Ley N° 27806)", "cost": "S/ 2.50", "on_date": "2026-03-10"}))
        .await;
    assert_eq!(d["request"]["days_taken"], 6);
    assert_eq!(d["request"]["cost_cents"], 250);
    assert_eq!(d["item"]["status"], "atendido");
    assert_eq!(d["item"]["closed_on"], "2026-03-10");
}

#[tokio::test]
async fn encargos_move_through_their_states_and_refuse_what_does_not_apply() {
    let (h, sg, go) = host("PE", "2026-05-15").await;
    // A Contraloría requirement needs its oficio.
    let e = h
        .err(
            "followup.create",
            json!({"source": "contraloria", "subject": "Remitir información", "unit_id": go}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("source_ref"));
    let e = h
        .err(
            "followup.create",
            json!({"source": "acuerdo", "subject": "Ejecutar", "unit_id": go}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("norm_id"));
    let e = h
        .err(
            "followup.create",
            json!({"source": "solicitud", "subject": "x", "unit_id": go}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("source"));
    let d = h
        .ok("followup.create", json!({"source": "contraloria", "source_ref": "Oficio N° 0456-2026-CG/OCI",
            "subject": "Remitir el expediente de contratación", "unit_id": go, "received_on": "2026-05-04", "days": 10}))
        .await;
    let id = d["item"]["id"].as_i64().unwrap();
    assert_eq!(due(&d), "2026-05-18");
    assert_eq!(d["item"]["number"], "Encargo N° 001-2026");
    assert_eq!(d["item"]["status"], "pendiente");
    assert_eq!(d["item"]["days_left"], 1);
    let e = h
        .err(
            "followup.progress",
            json!({"id": id, "note": "Listo", "status": "vencido"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("status"));
    let e = h
        .err(
            "followup.progress",
            json!({"id": id, "note": "Listo", "status": "atendido"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("answer"));
    let e = h
        .err(
            "followup.update",
            json!({"id": id, "subject": "Remitir", "unit_id": sg, "due_on": "2026-05-29"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("reason"));
    let d = h
        .ok(
            "followup.update",
            json!({"id": id, "subject": "Remitir el expediente de contratación", "unit_id": sg,
            "due_on": "2026-05-29", "reason": "Ampliación concedida por el OCI"}),
        )
        .await;
    assert_eq!(due(&d), "2026-05-29");
    let kinds: Vec<&str> = d["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["registro", "plazo", "derivacion"]);
    let d = h
        .ok(
            "followup.progress",
            json!({"id": id, "note": "Se reunió la documentación", "progress": 60}),
        )
        .await;
    assert_eq!(d["item"]["status"], "en_proceso");
    assert_eq!(d["item"]["progress"], 60);
    let d = h
        .ok(
            "followup.progress",
            json!({"id": id, "note": "Remitido con Oficio N° 88-2026", "status": "atendido",
            "answer": "Se remitió el expediente completo"}),
        )
        .await;
    assert_eq!(d["item"]["status"], "atendido");
    assert_eq!(d["item"]["progress"], 100);
    let e = h
        .err("followup.progress", json!({"id": id, "note": "Otra cosa"}))
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("atendido"), "{}", e.message);
}

async fn as_user(h: &Host, actor: &Actor, method: &str, params: Value) -> Result<Value, ApiError> {
    api::dispatch(&h.cab, actor, method, params, false)
        .await
        .map_err(|e| e.to_api())
}

async fn sign_in(h: &Host, login: &str) -> Actor {
    let me = api::sign_in(&h.cab, login, cabildo::demo::DEMO_PASSWORD)
        .await
        .unwrap();
    Actor::user(me.id, &me.login)
}

#[tokio::test]
async fn a_unit_head_sees_and_works_only_the_items_of_their_unit() {
    let h = Host::demo_on("2026-11-20").await;
    let jefe = sign_in(&h, "jefe.urbano").await;
    let me = as_user(&h, &jefe, "auth.me", json!({})).await.unwrap();
    let own = me["unit_id"]
        .as_i64()
        .expect("the demo's unit head has a unit");
    let other: i64 = h
        .ok("org.unit.list", json!({}))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .find(|id| *id != own)
        .unwrap();
    let mine = h
        .ok(
            "followup.create",
            json!({"source": "gerencia", "source_ref": "Memorando N° 1-2026-GM",
            "subject": "Informe de obras", "unit_id": own, "days": 5}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    let theirs = h
        .ok(
            "followup.create",
            json!({"source": "gerencia", "source_ref": "Memorando N° 2-2026-GM",
            "subject": "Informe de rentas", "unit_id": other, "days": 5}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    // The list is limited to the unit, whatever filter is sent.
    let page = as_user(
        &h,
        &jefe,
        "followup.list",
        json!({"view": "todos", "limit": 200}),
    )
    .await
    .unwrap();
    assert_eq!(page["scoped_unit"], own);
    assert!(page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["unit_id"] == own));
    let e = as_user(&h, &jefe, "followup.list", json!({"unit_id": other}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    let e = as_user(&h, &jefe, "followup.get", json!({"id": theirs}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    let e = as_user(
        &h,
        &jefe,
        "followup.progress",
        json!({"id": theirs, "note": "avance"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    as_user(
        &h,
        &jefe,
        "followup.progress",
        json!({"id": mine, "note": "Se inició", "progress": 10}),
    )
    .await
    .unwrap();
    // Given the right to create for their unit only, they cannot assign another unit, nor
    // move an item there.
    let role = h.ok("role.list", json!({})).await;
    let jefe_role = role
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "jefe_unidad")
        .unwrap()
        .clone();
    let mut perms = jefe_role["permissions"].as_array().unwrap().clone();
    perms.push(json!({"method": "followup.create", "unit_only": true}));
    perms.push(json!({"method": "followup.update", "unit_only": true}));
    h.ok("role.save", json!({"code": "jefe_unidad", "name": jefe_role["name"], "description": jefe_role["description"], "permissions": perms}))
        .await;
    let e = as_user(
        &h,
        &jefe,
        "followup.create",
        json!({"source": "gerencia", "source_ref": "M-3",
        "subject": "Para otra unidad", "unit_id": other, "days": 5}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    let e = as_user(&h, &jefe, "followup.update", json!({"id": mine, "subject": "Informe de obras", "unit_id": other, "reason": "No es nuestro"}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    // Their home screen counts only their unit, and each count equals its list.
    let home = as_user(&h, &jefe, "home.get", json!({})).await.unwrap();
    assert_eq!(home["scoped_unit"][0], own);
    counts_equal_lists(&h, Some(&jefe), &home).await;
}

async fn counts_equal_lists(h: &Host, actor: Option<&Actor>, home: &Value) {
    let sections = home["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 4);
    let mut seen = 0;
    for s in sections {
        for c in s["counts"].as_array().unwrap() {
            let list = c["list"].clone();
            let page = match actor {
                Some(a) => as_user(h, a, "followup.list", list.clone()).await.unwrap(),
                None => h.ok("followup.list", list.clone()).await,
            };
            assert_eq!(
                page["total"], c["count"],
                "{} {} {list}",
                s["title"], c["label"]
            );
            seen += c["count"].as_i64().unwrap();
        }
    }
    assert!(seen > 0, "the demo has open items");
}

#[tokio::test]
async fn the_home_screen_counts_equal_the_lists_they_open() {
    let h = Host::demo().await;
    let home = h.ok("home.get", json!({})).await;
    counts_equal_lists(&h, None, &home).await;
    let all = &home["sections"][0]["counts"];
    let by_kind: i64 = (1..4)
        .map(|i| home["sections"][i]["counts"][3]["count"].as_i64().unwrap())
        .sum();
    assert_eq!(all[3]["count"].as_i64().unwrap(), by_kind);
    assert!(home["sessions"].is_array());
    assert!(home["unsigned"]["total"].is_number());
    // The demo's year: overdue items exist, and the due list starts with the most overdue.
    let due = home["due"].as_array().unwrap();
    assert!(!due.is_empty());
    let left: Vec<i64> = due
        .iter()
        .map(|r| r["days_left"].as_i64().unwrap())
        .collect();
    let mut sorted = left.clone();
    sorted.sort();
    assert_eq!(left, sorted);
}

#[tokio::test]
async fn a_pedido_routed_to_a_unit_becomes_an_item_and_leaves_with_it() {
    let h = Host::demo_on("2026-11-20").await;
    let unit = h.ok("org.unit.list", json!({})).await[0]["id"]
        .as_i64()
        .unwrap();
    let s = h
        .ok(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-12-03", "time": "10:00",
            "place": "Salón de actos"}),
        )
        .await;
    let sid = s["session"]["id"].as_i64().unwrap();
    let d = h
        .ok("agenda.add", json!({"session_id": sid, "item": {"stage": "pedidos", "title": "Informe sobre el alumbrado del parque",
            "item_kind": "pedido", "filed_by": "Regidora Ana Torres", "filed_on": "2026-11-20", "unit_id": unit}}))
        .await;
    let item_id = d["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Informe sobre el alumbrado del parque")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let page = h
        .ok(
            "followup.list",
            json!({"source": "pedido", "text": "alumbrado del parque"}),
        )
        .await;
    assert_eq!(page["total"], 1, "{page}");
    let row = &page["rows"][0];
    assert_eq!(row["unit_id"], unit);
    assert_eq!(row["received_on"], "2026-12-03");
    h.ok("agenda.delete", json!({"id": item_id})).await;
    let page = h
        .ok(
            "followup.list",
            json!({"source": "pedido", "text": "alumbrado del parque"}),
        )
        .await;
    assert_eq!(page["total"], 0);
}

#[tokio::test]
async fn a_request_filed_on_a_sunday_can_be_answered_that_same_day() {
    // Filed on Sunday 29 November 2026: it counts from Monday 30, but the clerk on duty may
    // deliver at once; the answer is not "before the reception".
    let (h, sg, _) = host("PE", "2026-11-29").await;
    let d = h
        .ok("access.register", request("2026-11-29T10:00", sg))
        .await;
    assert_eq!(d["item"]["received_on"], "2026-11-30");
    let id = d["item"]["id"].as_i64().unwrap();
    let d = h
        .ok("access.answer", json!({"id": id, "outcome": "entregada", "answer": "Copia simple", "on_date": "2026-11-29"}))
        .await;
    assert_eq!(d["request"]["days_taken"], 0);
    // Not before it was filed, though.
    let d = h
        .ok("access.register", request("2026-11-29T10:00", sg))
        .await;
    let e = h
        .err("access.answer", json!({"id": d["item"]["id"], "outcome": "entregada", "answer": "Copia", "on_date": "2026-11-27"}))
        .await;
    assert_eq!(e.field.as_deref(), Some("on_date"));
}
