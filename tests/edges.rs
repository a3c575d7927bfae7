//! The edges that trip a clerk (issue 14, items 6, 7, 8 and 10): session dates on days that
//! are not working days, a session started before its date or convened with nothing to
//! discuss, numbering that never dead-ends, messages that name what the person sent in
//! Spanish, and a command line that tells the truth.

mod common;

use cabildo::auth::Actor;
use cabildo::{ApiError, Cabildo};
use common::{cabildo_bin, pdftotext, Host};
use serde_json::{json, Value};

/// The same database seen on another day (the clerk comes back on the session's date).
async fn call_on(h: &Host, today: &str, method: &str, params: Value) -> Result<Value, ApiError> {
    let day = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    let cab = Cabildo::open(&h.db_path()).await.unwrap().with_today(day);
    let r = cabildo::api::dispatch(&cab, &Actor::system(), method, params, false)
        .await
        .map_err(|e| e.to_api());
    cab.close().await;
    r
}

async fn ok_on(h: &Host, today: &str, method: &str, params: Value) -> Value {
    match call_on(h, today, method, params.clone()).await {
        Ok(v) => v,
        Err(e) => panic!("{method} {params} on {today} failed: {e:?}"),
    }
}

async fn new_session(h: &Host, kind: &str, date: &str) -> Value {
    h.ok(
        "session.create",
        json!({"kind": kind, "date": date, "time": "10:00", "place": "Salón consistorial"}),
    )
    .await
}

/// A session with one matter on its agenda, filed on the host's today.
async fn session_with_item(h: &Host, date: &str) -> i64 {
    let s = new_session(h, "ordinaria", date).await["session"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Dictamen sobre el reglamento de ferias", "item_kind": "dictamen"}}),
    )
    .await;
    s
}

/// Every able member present, on `today`.
async fn all_present(h: &Host, today: &str, s: i64) {
    let d = ok_on(h, today, "session.get", json!({"id": s})).await;
    for m in d["members"].as_array().unwrap() {
        if m["able"] == true {
            ok_on(
                h,
                today,
                "attendance.set",
                json!({"session_id": s, "member_id": m["member_id"], "status": "presente", "arrival": "09:55", "departure": null, "note": ""}),
            )
            .await;
        }
    }
}

fn day_check(d: &Value) -> Option<String> {
    d["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "dia_no_habil")
        .map(|c| {
            assert_eq!(c["level"], "advertencia", "a warning, not a block");
            c["message"].as_str().unwrap().to_string()
        })
}

// ── 6. Session dates ────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn a_session_on_a_weekend_or_a_holiday_is_warned_not_blocked() {
    let h = Host::demo_on("2026-03-02").await;
    let d = new_session(&h, "ordinaria", "2026-03-14").await;
    assert_eq!(d["session"]["status"], "borrador", "created all the same");
    assert_eq!(
        day_check(&d).as_deref(),
        Some("El sábado 14/03/2026 no es día hábil en el calendario de la municipalidad (fin de semana). Puede sesionar si el concejo lo acordó.")
    );
    // A holiday is named.
    let d = new_session(&h, "ordinaria", "2026-07-28").await;
    let m = day_check(&d).expect("28 July is a holiday in Peru");
    assert!(
        m.starts_with("El martes 28/07/2026 no es día hábil") && m.contains("(feriado: "),
        "{m}"
    );
    // A working day says nothing.
    let d = new_session(&h, "ordinaria", "2026-03-16").await;
    assert_eq!(day_check(&d), None);
    // The session's detail keeps the warning.
    let id = d["session"]["id"].as_i64().unwrap() - 2;
    let again = h.ok("session.get", json!({"id": id})).await;
    assert!(day_check(&again).is_some());
}

#[tokio::test]
async fn a_session_cannot_start_before_its_date_nor_be_convened_without_agenda() {
    let h = Host::demo_on("2026-03-02").await;
    let empty = new_session(&h, "ordinaria", "2026-03-12").await["session"]["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err(
            "session.convene",
            json!({"id": empty, "convened_on": "2026-03-02"}),
        )
        .await;
    assert_eq!(e.kind, "validation");
    assert!(e.message.contains("La agenda está vacía"), "{}", e.message);
    assert_eq!(
        h.ok("session.get", json!({"id": empty})).await["session"]["status"],
        "borrador"
    );

    let s = session_with_item(&h, "2026-03-12").await;
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-03-02"}),
    )
    .await;
    all_present(&h, "2026-03-02", s).await;
    let e = h
        .err("session.start", json!({"id": s, "time": "10:05"}))
        .await;
    assert_eq!(e.field.as_deref(), Some("time"), "{e:?}");
    assert!(
        e.message
            .contains("fijada para el 12/03/2026: no puede iniciarse antes de su fecha"),
        "{}",
        e.message
    );
    let d = ok_on(
        &h,
        "2026-03-12",
        "session.start",
        json!({"id": s, "time": "10:05"}),
    )
    .await;
    assert_eq!(d["session"]["status"], "en_curso");
}

// ── 7. Numbering that does not dead-end ─────────────────────────────────────────────────────

fn number_of(identifier: &Value) -> i64 {
    let s = identifier.as_str().expect("numbered");
    s.split("N° ").nth(1).unwrap()[..2].parse().unwrap()
}

#[tokio::test]
async fn convening_a_later_session_first_does_not_block_an_earlier_one() {
    let h = Host::demo_on("2026-03-02").await;
    let later = session_with_item(&h, "2026-03-20").await;
    let earlier = session_with_item(&h, "2026-03-13").await;
    let cancelled = session_with_item(&h, "2026-03-17").await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": later, "convened_on": "2026-03-02"}),
        )
        .await;
    assert_eq!(
        d["session"]["identifier"],
        Value::Null,
        "numbered when it starts"
    );
    // Today's main refused this: «la correlación no admite una fecha anterior».
    let d = h
        .ok(
            "session.convene",
            json!({"id": earlier, "convened_on": "2026-03-03"}),
        )
        .await;
    assert_eq!(d["session"]["status"], "convocada");
    h.ok(
        "session.convene",
        json!({"id": cancelled, "convened_on": "2026-03-03"}),
    )
    .await;
    // A convened session prints its convocation before it has a number.
    let v = h
        .ok(
            "records.pdf",
            json!({"kind": "convocatoria", "id": earlier}),
        )
        .await;
    assert!(v["base64"].as_str().is_some());
    // Cancelling a convened session burns no number.
    h.ok(
        "session.cancel",
        json!({"id": cancelled, "reason": "Falta de presupuesto"}),
    )
    .await;

    all_present(&h, "2026-03-13", earlier).await;
    let first = ok_on(
        &h,
        "2026-03-13",
        "session.start",
        json!({"id": earlier, "time": "10:05"}),
    )
    .await;
    all_present(&h, "2026-03-20", later).await;
    let second = ok_on(
        &h,
        "2026-03-20",
        "session.start",
        json!({"id": later, "time": "10:05"}),
    )
    .await;
    let (a, b) = (
        number_of(&first["session"]["identifier"]),
        number_of(&second["session"]["identifier"]),
    );
    assert_eq!(b, a + 1, "gap-free, in date order");

    // Recording a session after a later one was held is refused with what to do.
    let late = session_with_item(&h, "2026-03-18").await;
    ok_on(
        &h,
        "2026-03-04",
        "session.convene",
        json!({"id": late, "convened_on": "2026-03-04"}),
    )
    .await;
    all_present(&h, "2026-03-25", late).await;
    let e = call_on(
        &h,
        "2026-03-25",
        "session.start",
        json!({"id": late, "time": "10:00"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("en orden de fecha"), "{}", e.message);
}

// ── 8. Messages a person can act on ─────────────────────────────────────────────────────────

#[tokio::test]
async fn messages_name_fields_in_spanish_and_only_fields_that_were_sent() {
    let h = Host::demo_on("2026-03-02").await;
    let e = h
        .err(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-03-16", "place": "Sala"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("time"));
    assert_eq!(e.message, "Falta el dato «hora».");

    let e = h
        .err(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-02-30", "time": "10:00", "place": "Sala"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("date"));
    assert!(
        e.message.starts_with("El 30 de febrero de 2026 no existe"),
        "{}",
        e.message
    );

    // A session already past, convened without a date of convocation: today is taken, and
    // the message says so without naming a field the person did not send.
    let s = new_session(&h, "ordinaria", "2026-02-20").await["session"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Dictamen sobre ferias", "item_kind": "dictamen", "filed_on": "2026-02-10"}}),
    )
    .await;
    let e = h.err("session.convene", json!({"id": s})).await;
    assert_eq!(e.field, None, "{e:?}");
    assert!(!e.message.contains("convened_on"), "{}", e.message);
    assert!(
        e.message.contains("fecha de la convocatoria"),
        "{}",
        e.message
    );
    let e = h
        .err(
            "session.convene",
            json!({"id": s, "convened_on": "2026-02-25"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("convened_on"));

    // The same for the day a matter was filed.
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Otro asunto", "item_kind": "moción"}}),
        )
        .await;
    assert_eq!(e.field, None, "{e:?}");
    assert!(!e.message.contains("filed_on"), "{}", e.message);

    // Enumerations in Spanish, every quote closed.
    let e = h
        .err(
            "numbering.series.create",
            json!({"code": "x-y", "name": "Serie de prueba", "organ": "", "pattern": "{numero}", "reset": "yearl"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("reset"));
    assert!(
        e.message.contains("anual («yearly») o nunca («never»)"),
        "{}",
        e.message
    );
    assert!(
        e.message.starts_with("«reinicio de la numeración»"),
        "{}",
        e.message
    );
    assert_eq!(
        e.message.matches('«').count(),
        e.message.matches('»').count()
    );

    // A RUN typed without its check digit.
    let e = h
        .err(
            "org.person.create",
            json!({"doc_type": "RUN", "doc_number": "12.345.678", "given_names": "Ana", "surnames": "Soto Pérez", "email": null, "phone": null}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("doc_number"));
    assert!(
        e.message
            .starts_with("Falta el dígito verificador del RUN 12.345.678"),
        "{}",
        e.message
    );
}

// ── 10. The command line tells the truth ────────────────────────────────────────────────────

#[test]
fn print_help_and_the_readme_list_every_printable_kind() {
    let o = cabildo_bin().args(["print", "--help"]).output().unwrap();
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cabildo print ") && l.contains("tipos:"))
        .expect("the README's line of `cabildo print` with its kinds");
    let kinds = cabildo::printable_kinds();
    assert!(kinds.len() >= 13, "{kinds:?}");
    for k in kinds {
        assert!(help.contains(k), "`print --help` lacks {k}: {help}");
        assert!(
            line.split([' ', ',', ':']).any(|w| w == k),
            "the README lacks {k}: {line}"
        );
    }
}

#[test]
fn a_batch_with_a_failed_line_exits_non_zero_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let o = cabildo_bin()
        .arg("--db")
        .arg(&db)
        .args([
            "init",
            "--name",
            "Municipalidad Distrital de Prueba",
            "--short",
            "MDPR",
            "--country",
            "PE",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut child = cabildo_bin()
        .arg("--db")
        .arg(&db)
        .args(["call", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, r#"{{"method": "org.unit.list", "params": {{}}}}"#).unwrap();
        writeln!(stdin, r#"{{"method": "no.existe", "params": {{}}}}"#).unwrap();
        writeln!(stdin, r#"{{"method": "org.unit.list", "params": {{}}}}"#).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(!o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 3);
    let err: Value = serde_json::from_slice(&o.stderr)
        .unwrap_or_else(|_| panic!("stderr: {}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(err["failed"], 1);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("Falló 1 de 3 líneas"),
        "{err}"
    );
}

#[test]
fn a_failed_init_or_verify_leaves_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nueva.db");
    let o = cabildo_bin()
        .arg("--db")
        .arg(&db)
        .args([
            "init",
            "--name",
            "Municipalidad de Ninguna Parte",
            "--short",
            "MNP",
            "--country",
            "AR",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    let pdf = dir.path().join("no-existe.pdf");
    let o = cabildo_bin()
        .arg("--db")
        .arg(&db)
        .arg("verify")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("No existe la base de datos"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[tokio::test]
async fn an_absence_with_an_arrival_time_is_refused() {
    let h = Host::demo_on("2026-03-02").await;
    let s = session_with_item(&h, "2026-03-12").await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-03-02"}),
        )
        .await;
    let m = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["able"] == true && m["role"] != "alcalde")
        .unwrap()
        .clone();
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "ausente", "arrival": "10:10", "departure": null, "note": ""}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("arrival"), "{e:?}");
    assert!(
        e.message.contains("no lleva hora de llegada"),
        "{}",
        e.message
    );
    // A wrong arrival time names the arrival, not «time».
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "presente", "arrival": "25:00", "departure": null, "note": ""}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("arrival"), "{e:?}");
    h.ok(
        "attendance.set",
        json!({"session_id": s, "member_id": m["member_id"], "status": "ausente", "arrival": null, "departure": null, "note": ""}),
    )
    .await;
}

#[tokio::test]
async fn the_packet_of_a_held_session_shows_what_it_produced() {
    use base64::Engine;
    let h = Host::demo().await;
    let sessions = h
        .ok(
            "session.list",
            json!({"status": "acta_aprobada", "limit": 500}),
        )
        .await;
    let held = sessions["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "acta_aprobada" && s["body_kind"] == "concejo")
        .expect("the demo holds sessions with approved actas")
        .clone();
    let id = held["id"].as_i64().unwrap();
    let v = h
        .ok("records.pdf", json!({"kind": "paquete", "id": id}))
        .await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    let text = pdftotext(&pdf);
    // The index speaks of a session held (the convocation inside stays as it was issued).
    assert!(!text.contains("Sesión que se realizará"), "{text}");
    assert!(text.contains("Sesión realizada"), "{text}");
    assert!(text.contains("VOTACIONES"), "{text}");
    assert!(text.contains("ACTA DE LA"), "the acta is in the packet");
    let d = h.ok("session.get", json!({"id": id})).await;
    if let Some(agreement) = d["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|i| i["agreement_id"].as_i64())
    {
        let ident = h.ok("norm.get", json!({"id": agreement})).await["identifier"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            !ident.is_empty() && text.contains(&ident),
            "{ident} in the packet"
        );
    }
}
