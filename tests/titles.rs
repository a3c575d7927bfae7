//! Titles that agree with the person (issue 10, part 5): a council presided by an alcaldesa
//! with a regidora and a secretaria general prints «Alcaldesa», «Regidora», «señora» and
//! «Secretaria General» in the convocatoria and the acta; people whose gender is not said keep
//! the usual wording.

mod common;

use common::Host;
use serde_json::{json, Value};

async fn pdf_text(h: &Host, kind: &str, id: i64) -> String {
    use base64::Engine;
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    if let Ok(dir) = std::env::var("CABILDO_TITLES_PDF_DIR") {
        std::fs::write(format!("{dir}/{kind}.pdf"), &pdf).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&f)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rewrite person `id` with `gender` (null: not said), keeping everything else.
async fn set_gender(h: &Host, id: i64, gender: Value) -> Value {
    let p = h
        .ok("org.person.list", json!({"query": null, "limit": 500}))
        .await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
        .clone();
    h.ok(
        "org.person.update",
        json!({"id": id, "doc_type": p["doc_type"], "doc_number": p["doc_number"],
            "given_names": p["given_names"], "surnames": p["surnames"], "email": p["email"],
            "phone": p["phone"], "gender": gender}),
    )
    .await
}

#[tokio::test]
async fn a_person_says_her_gender_and_a_wrong_one_is_refused() {
    let h = Host::peru().await;
    let p = h
        .ok(
            "org.person.create",
            json!({"doc_type": "DNI", "doc_number": "41234567", "given_names": "Ana",
                "surnames": "Pérez Ñahui", "email": null, "phone": null, "gender": "F"}),
        )
        .await;
    assert_eq!(p["gender"], "F");
    let q = h
        .ok(
            "org.person.create",
            json!({"doc_type": "DNI", "doc_number": "41234568", "given_names": "Luis",
                "surnames": "Quispe Mamani", "email": null, "phone": null}),
        )
        .await;
    assert_eq!(q["gender"], Value::Null, "not said unless said");
    let e = h
        .err(
            "org.person.create",
            json!({"doc_type": "DNI", "doc_number": "41234569", "given_names": "Sol",
                "surnames": "Ramos", "email": null, "phone": null, "gender": "X"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("gender"), "{}", e.message);
    assert!(
        e.message
            .contains("se esperaba uno de estos: femenino («F») o masculino («M»)."),
        "{}",
        e.message
    );
    let p = set_gender(&h, p["id"].as_i64().unwrap(), Value::Null).await;
    assert_eq!(p["gender"], Value::Null);
}

#[tokio::test]
async fn an_alcaldesa_a_regidora_and_a_secretaria_general_in_print() {
    let h = Host::demo_on("2026-12-03").await;
    let comp = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2026-12-03"}),
        )
        .await;
    let members = comp["members"].as_array().unwrap().clone();
    let alcalde = members.iter().find(|m| m["role"] == "alcalde").unwrap();
    let able: Vec<&Value> = members
        .iter()
        .filter(|m| m["role"] == "regidor" && m["able"] == true)
        .collect();
    let (regidora, regidor) = (able[0], able[1]);
    set_gender(&h, alcalde["person_id"].as_i64().unwrap(), json!("F")).await;
    set_gender(&h, regidora["person_id"].as_i64().unwrap(), json!("F")).await;
    set_gender(&h, regidor["person_id"].as_i64().unwrap(), json!("M")).await;
    let positions = h
        .ok(
            "org.position.list",
            json!({"person_id": null, "unit_id": null, "limit": 500}),
        )
        .await;
    let secretary = positions["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Secretario General")
        .unwrap()
        .clone();
    set_gender(&h, secretary["person_id"].as_i64().unwrap(), json!("F")).await;

    // The composition writes each member's role for the person.
    let comp = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2026-12-03"}),
        )
        .await;
    let title_of = |id: &Value| {
        comp["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == *id)
            .unwrap()["title"]
            .clone()
    };
    assert_eq!(title_of(&alcalde["id"]), "Alcaldesa");
    assert_eq!(title_of(&regidora["id"]), "Regidora");
    assert_eq!(title_of(&regidor["id"]), "Regidor");
    assert_eq!(comp["member_title"], "Regidor", "the generic word stays");

    let s = h
        .ok(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-12-03", "time": "10:00", "place": "Salón consistorial"}),
        )
        .await["session"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
            "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"}}),
    )
    .await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-11-21"}),
        )
        .await;
    let conv = pdf_text(&h, "convocatoria", s).await;
    assert!(
        conv.contains("Por disposición de la señora Alcaldesa, cito a usted"),
        "{conv}"
    );
    let name = |m: &Value| m["person_name"].as_str().unwrap().to_string();
    assert!(
        conv.contains(&format!(
            "Señora {} Regidora de la Municipalidad",
            name(regidora)
        )),
        "{conv}"
    );
    assert!(
        conv.contains(&format!(
            "Señor {} Regidor de la Municipalidad",
            name(regidor)
        )),
        "{conv}"
    );
    assert!(
        !conv.contains("Señor(a) "),
        "the demo's people say their gender"
    );
    assert!(conv.contains("Secretaria General"), "{conv}");

    // Hold it: everyone able present, then the acta.
    for m in d["members"].as_array().unwrap() {
        if m["able"] == true {
            h.ok(
                "attendance.set",
                json!({"session_id": s, "member_id": m["member_id"], "status": "presente", "arrival": "09:55"}),
            )
            .await;
        }
    }
    h.ok("session.start", json!({"id": s, "time": "10:05"}))
        .await;
    h.ok("session.conclude", json!({"id": s, "time": "11:30"}))
        .await;
    h.ok("minutes.generate", json!({"session_id": s})).await;
    let acta = pdf_text(&h, "acta", s).await;
    for want in [
        format!("bajo la presidencia de la Alcaldesa {}", name(alcalde)),
        "actuando como Secretaria General".to_string(),
        "la Alcaldesa declaró abierta la sesión".to_string(),
        "la Alcaldesa levantó la sesión".to_string(),
    ] {
        assert!(
            acta.contains(&want),
            "missing «{want}» in the acta:\n{acta}"
        );
    }
    // The signature blocks: the cargo under each line.
    assert!(
        acta.contains(&format!("{} Alcaldesa", name(alcalde))),
        "{acta}"
    );
}

#[tokio::test]
async fn without_a_gender_the_usual_wording_stays() {
    let h = Host::demo_on("2026-12-03").await;
    let comp = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2026-12-03"}),
        )
        .await;
    for m in comp["members"].as_array().unwrap() {
        set_gender(&h, m["person_id"].as_i64().unwrap(), Value::Null).await;
    }
    let comp = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2026-12-03"}),
        )
        .await;
    for m in comp["members"].as_array().unwrap() {
        let want = if m["role"] == "alcalde" {
            "Alcalde"
        } else {
            "Regidor"
        };
        assert_eq!(m["title"], want);
    }
    let s = h
        .ok(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-12-03", "time": "10:00", "place": "Salón consistorial"}),
        )
        .await["session"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
            "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"}}),
    )
    .await;
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-11-21"}),
    )
    .await;
    let conv = pdf_text(&h, "convocatoria", s).await;
    assert!(
        conv.contains("Por disposición del señor Alcalde, cito a usted"),
        "{conv}"
    );
    assert!(conv.contains("Señor(a) "), "{conv}");
    assert!(!conv.contains("Regidora"), "{conv}");
}

#[tokio::test]
async fn a_chilean_council_has_its_alcaldesa_and_its_concejalas() {
    let h = Host::new().await;
    h.ok(
        "municipality.create",
        json!({"name": "Ilustre Municipalidad de Putre", "short_name": "IMP", "country": "CL", "kind": "comuna"}),
    )
    .await;
    let t = h
        .ok(
            "council.term.create",
            json!({"name": "Periodo 2024-2028", "start_date": "2024-12-06", "end_date": "2028-12-05"}),
        )
        .await;
    let people = [
        (
            "12.345.678-5",
            "Carolina",
            "Mamani Choque",
            "alcalde",
            json!("F"),
        ),
        (
            "11.111.111-1",
            "Javiera",
            "Flores Condori",
            "regidor",
            json!("F"),
        ),
        (
            "22.222.222-2",
            "Matías",
            "Huanca Vargas",
            "regidor",
            json!("M"),
        ),
        (
            "15.555.555-6",
            "Isidora",
            "Quispe Rojas",
            "regidor",
            Value::Null,
        ),
    ];
    for (run, given, surnames, role, gender) in people {
        let p = h
            .ok(
                "org.person.create",
                json!({"doc_type": "RUN", "doc_number": run, "given_names": given,
                    "surnames": surnames, "email": null, "phone": null, "gender": gender}),
            )
            .await;
        h.ok(
            "council.member.add",
            json!({"term_id": t["id"], "person_id": p["id"], "role": role, "party": "",
                "from_date": null, "to_date": null, "replaces_member_id": null}),
        )
        .await;
    }
    let comp = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2026-12-03"}),
        )
        .await;
    let titles: Vec<&str> = comp["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Alcaldesa", "Concejala", "Concejal", "Concejal"]);
}
