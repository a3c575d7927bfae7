//! The plans' printed reports through the API: each kind renders with what was entered, a
//! sealed report keeps printing what it printed when sealed, and the refusals speak Spanish at
//! the field. The fixture is built through the plans' own methods on the demo municipality.
//!
//! Needs poppler-utils (`pdftotext`). Set `CABILDO_PDF_OUT=/some/dir` to keep the PDFs and look
//! at them (`pdftoppm -png -r 50 file.pdf page`).

mod common;

use common::pki::{make_pki, PASS1};
use common::{pdftotext, Host};
use serde_json::{json, Value};

async fn pdf_of(h: &Host, kind: &str, id: i64, name: &str) -> Vec<u8> {
    use base64::Engine;
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    if let Ok(dir) = std::env::var("CABILDO_PDF_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), &pdf).unwrap();
    }
    pdf
}

struct Fixture {
    h: Host,
    poi: i64,
    pei: i64,
}

/// The demo on 15 August 2026: its PEI in force and its POI 2026, executed to July.
async fn fixture() -> Fixture {
    let h = Host::demo_on("2026-08-15").await;
    let poi = h.ok("plan.operational.list", json!({})).await["rows"][0]["id"]
        .as_i64()
        .unwrap();
    let pei = h.ok("plan.strategic.list", json!({})).await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "vigente")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    Fixture { h, poi, pei }
}

async fn dashboard(h: &Host, poi: i64, month: i64) -> Value {
    h.ok("plan.dashboard", json!({"plan_id": poi, "month": month}))
        .await
}

/// A unit's line on the tablero, by code.
fn unit<'a>(d: &'a Value, code: &str) -> &'a Value {
    d["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap()
}

fn percent(v: &Value) -> String {
    cabildo::plans::compute::percent_text(v.as_f64())
}

/// Save a unit's month again with every activity at `times` its target and `comment`.
async fn enter(h: &Host, poi: i64, unit_id: i64, month: i64, times: f64, comment: &str) {
    let sheet = h
        .ok(
            "plan.execution.month",
            json!({"plan_id": poi, "unit_id": unit_id, "month": month}),
        )
        .await;
    let entries: Vec<Value> = sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!({"activity_id": r["activity_id"],
                   "physical": r["programmed_physical"].as_f64().unwrap() * times,
                   "financial": r["programmed_financial"].as_f64().unwrap() / 100.0 * times,
                   "comment": comment})
        })
        .collect();
    h.ok(
        "plan.execution.save",
        json!({"plan_id": poi, "unit_id": unit_id, "month": month, "entries": entries}),
    )
    .await;
}

async fn create(h: &Host, kind: &str, plan_id: i64, period: i64) -> i64 {
    h.ok(
        "plan.report.create",
        json!({"kind": kind, "plan_id": plan_id, "period": period}),
    )
    .await["report"]["id"]
        .as_i64()
        .unwrap()
}

/// The first unit of the tablero that reported the month and whose line matches `pick`.
fn reported(d: &Value, pick: impl Fn(&Value) -> bool) -> &Value {
    d["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| !u["reported"].is_null() && pick(u))
        .expect("a unit that reported")
}

#[tokio::test]
async fn every_kind_prints_what_was_entered() {
    let f = fixture().await;
    let h = &f.h;
    let said = "Se cumplió la campaña programada para julio con apoyo del equipo de campo.";
    let code = reported(&dashboard(h, f.poi, 7).await, |_| true)["code"]
        .as_str()
        .unwrap()
        .to_string();
    let unit_id = unit(&dashboard(h, f.poi, 7).await, &code)["unit_id"]
        .as_i64()
        .unwrap();
    enter(h, f.poi, unit_id, 7, 1.0, said).await;
    let d = dashboard(h, f.poi, 7).await;
    let u = unit(&d, &code);
    let name = u["name"].as_str().unwrap();
    let first_activity = h
        .ok(
            "plan.activity.list",
            json!({"plan_id": f.poi, "unit_id": unit_id}),
        )
        .await["rows"][0]
        .clone();
    let activity = first_activity["code"].as_str().unwrap();
    let manager = h
        .ok("org.unit.list", json!({}))
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "GM")
        .unwrap()["head_name"]
        .as_str()
        .unwrap()
        .to_string();

    let monthly = create(h, "informe-mensual", f.poi, 7).await;
    let text = pdftotext(&pdf_of(h, "informe-mensual", monthly, "informe-mensual").await);
    for want in [
        "INFORME MENSUAL DE LA GERENCIA MUNICIPAL AL ALCALDE",
        "POI 2026 — Julio de 2026",
        "ASUNTO: Ejecución del POI 2026 al mes de julio de 2026",
        name,
        &percent(&u["progress"]["accumulated"]),
        &percent(&d["total"]["accumulated"]),
        &format!("{activity}: {said}"),
        &manager,
        "Gerente Municipal",
        "Borrador con los datos registrados al 15 de agosto de 2026",
    ] {
        assert!(text.contains(want), "falta «{want}» en:\n{text}");
    }
    // The units that did not report July are named in section IV.
    let missing = text.split("QUE NO REPORTARON").nth(1).unwrap();
    assert!(!d["missing"].as_array().unwrap().is_empty());
    for m in d["missing"].as_array().unwrap() {
        let m = m["name"].as_str().unwrap();
        assert!(missing.contains(m), "falta «{m}» en:\n{missing}");
    }

    let poi = create(h, "seguimiento-poi", f.poi, 1).await;
    let text = pdftotext(&pdf_of(h, "seguimiento-poi", poi, "seguimiento-poi").await);
    for want in [
        "REPORTE DE SEGUIMIENTO DEL POI 2026",
        "Primer semestre: enero a junio de 2026",
        &format!("Centro de costo: {code} — {name}"),
        activity,
        first_activity["measure"].as_str().unwrap(),
        "Acciones Estratégicas Institucionales (AEI)",
    ] {
        assert!(text.contains(want), "falta «{want}» en:\n{text}");
    }

    // An indicator's value obtained in 2026, as the planning office records it.
    let tree = h.ok("plan.strategic.get", json!({"id": f.pei})).await;
    let indicator = &tree["objectives"][0]["indicators"][0];
    h.ok(
        "plan.indicator.actual",
        json!({"id": indicator["id"], "year": 2026, "actual": "47,5"}),
    )
    .await;
    let tree = h.ok("plan.strategic.get", json!({"id": f.pei})).await;
    let indicator = &tree["objectives"][0]["indicators"][0];
    let year = indicator["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["year"] == 2026)
        .unwrap();
    let pei = create(h, "seguimiento-pei", f.pei, 2026).await;
    let text = pdftotext(&pdf_of(h, "seguimiento-pei", pei, "seguimiento-pei").await);
    for want in [
        &format!(
            "REPORTE DE SEGUIMIENTO DEL {}",
            tree["plan"]["name"].as_str().unwrap().to_uppercase()
        ),
        "Año 2026",
        indicator["name"].as_str().unwrap(),
        &format!("({})", indicator["baseline_year"]),
        "47,5",
        &percent(&year["achievement"]),
        "Creciente",
        "Decreciente",
    ] {
        assert!(text.contains(want), "falta «{want}» en:\n{text}");
    }

    let annual = create(h, "evaluacion-anual", f.poi, 2026).await;
    let text = pdftotext(&pdf_of(h, "evaluacion-anual", annual, "evaluacion-anual").await);
    for want in [
        "EVALUACIÓN ANUAL DEL POI 2026",
        "Ejecución de enero a julio de 2026",
        "Evaluación preliminar",
        "EJECUCIÓN FINANCIERA MENSUAL",
        "CONCLUSIONES",
        &format!("{said} ({activity} en julio"),
    ] {
        assert!(text.contains(want), "falta «{want}» en:\n{text}");
    }

    let list = h.ok("plan.report.list", json!({"limit": 2})).await;
    assert_eq!(list["total"], 4);
    assert_eq!(list["rows"][0]["id"], annual);
    assert_eq!(list["rows"][1]["kind"], "seguimiento-pei");
    assert_eq!(list["rows"][1]["period_label"], "Año 2026");
    let records = h
        .ok("records.list", json!({"kind": "informe-mensual"}))
        .await;
    assert!(records["rows"].as_array().unwrap().iter().any(|r| {
        r["kind"] == "informe-mensual"
            && r["title"]
                == "Borrador: Informe mensual de la Gerencia Municipal al Alcalde — Julio de 2026"
    }));
}

#[tokio::test]
async fn a_sealed_report_keeps_what_it_printed() {
    let f = fixture().await;
    let h = &f.h;
    let d = dashboard(h, f.poi, 7).await;
    let short = reported(&d, |u| u["progress"]["accumulated"].as_f64() < Some(90.0));
    let (code, unit_id) = (
        short["code"].as_str().unwrap().to_string(),
        short["unit_id"].as_i64().unwrap(),
    );
    let was = percent(&short["progress"]["accumulated"]);
    let id = create(h, "informe-mensual", f.poi, 7).await;
    let sealed = h.ok("plan.report.seal", json!({"id": id})).await;
    assert!(sealed["report"]["sealed_at"].is_string());
    assert!(sealed["seal"]["verification_code"].is_string());
    let before = pdf_of(h, "informe-mensual", id, "informe-mensual-sellado").await;
    let text = pdftotext(&before);
    assert!(text.contains(&was) && !text.contains("Borrador"));

    // The unit makes up its shortfall in July after the report was sealed.
    let late = "Se recuperó el atraso acumulado del semestre.";
    enter(h, f.poi, unit_id, 7, 3.0, late).await;
    let now = percent(&unit(&dashboard(h, f.poi, 7).await, &code)["progress"]["accumulated"]);
    assert_ne!(now, was, "the tablero moved");
    let after = pdf_of(h, "informe-mensual", id, "informe-mensual-sellado-2").await;
    assert_eq!(before, after, "a sealed report renders the same bytes");
    assert!(!pdftotext(&after).contains(late));
    // A draft prints the data as they stand.
    let annual = create(h, "evaluacion-anual", f.poi, 2026).await;
    assert!(
        pdftotext(&pdf_of(h, "evaluacion-anual", annual, "evaluacion-anual-2").await)
            .contains(late)
    );

    let e = h.err("plan.report.delete", json!({"id": id})).await;
    assert_eq!(e.kind, cabildo::ErrorKind::Sealed);
    let e = h.err("plan.report.seal", json!({"id": id})).await;
    assert_eq!(e.kind, cabildo::ErrorKind::Sealed);
    let history = h
        .ok(
            "records.history",
            json!({"kind": "informe-mensual", "id": id}),
        )
        .await;
    assert_eq!(history[0]["event"], "Borrador creado");
    assert!(history[1]["event"].as_str().unwrap().starts_with("Sellado"));
    let v = h
        .ok("records.pdf", json!({"kind": "informe-mensual", "id": id}))
        .await;
    assert_eq!(v["blocks"][0]["cargo"], "Gerente Municipal");
}

#[tokio::test]
async fn refusals_name_the_field() {
    let f = fixture().await;
    let h = &f.h;
    let cases = [
        (
            json!({"kind": "informe-mensual", "plan_id": f.poi, "period": 9}),
            "period",
            "Septiembre de 2026 aún no llega",
        ),
        (
            json!({"kind": "informe-mensual", "plan_id": f.poi, "period": 13}),
            "period",
            "El mes va de 1 (enero) a 12 (diciembre).",
        ),
        (
            json!({"kind": "seguimiento-poi", "plan_id": f.poi, "period": 3}),
            "period",
            "El semestre es 1",
        ),
        (
            json!({"kind": "seguimiento-pei", "plan_id": f.pei, "period": 2027}),
            "period",
            "El año 2027 aún no empieza",
        ),
        (
            json!({"kind": "seguimiento-pei", "plan_id": f.pei, "period": 2031}),
            "period",
            "fuera del plan",
        ),
        (
            json!({"kind": "evaluacion-anual", "plan_id": f.poi, "period": 2025}),
            "period",
            "del año 2026",
        ),
        (
            json!({"kind": "seguimiento-pei", "plan_id": 999, "period": 2026}),
            "plan_id",
            "No existe el plan estratégico 999",
        ),
        (
            json!({"kind": "informe-mensual", "plan_id": 999, "period": 1}),
            "plan_id",
            "No existe el plan operativo 999",
        ),
        (
            json!({"kind": "informe-semanal", "plan_id": f.poi, "period": 1}),
            "kind",
            "no es válido",
        ),
    ];
    for (params, field, message) in cases {
        let e = h.err("plan.report.create", params.clone()).await;
        assert_eq!(e.field.as_deref(), Some(field), "{params}: {e:?}");
        assert!(e.message.contains(message), "{params}: {}", e.message);
    }
    let id = create(h, "informe-mensual", f.poi, 8).await;
    let e = h
        .err(
            "plan.report.create",
            json!({"kind": "informe-mensual", "plan_id": f.poi, "period": 8}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("period"));
    assert!(
        e.message.contains("Ya existe este informe"),
        "{}",
        e.message
    );
    let e = h
        .err("records.pdf", json!({"kind": "seguimiento-poi", "id": id}))
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    assert!(
        e.message.contains("es de tipo «informe-mensual»"),
        "{}",
        e.message
    );
    // A draft is discarded; its period is free again.
    h.ok("plan.report.delete", json!({"id": id})).await;
    let again = create(h, "informe-mensual", f.poi, 8).await;
    assert_ne!(again, id, "ids are not reused");
}

#[tokio::test]
async fn a_chilean_report_speaks_of_direcciones_and_the_administracion_municipal() {
    let h = Host::new().await;
    h.ok(
        "municipality.create",
        json!({"name": "Municipalidad de Putre", "short_name": "MPU", "country": "CL", "kind": "comuna"}),
    )
    .await;
    let admin = h
        .ok(
            "org.person.create",
            json!({"doc_type": "RUN", "doc_number": "12.345.678-5", "given_names": "Rosa",
                   "surnames": "Mamani Choque", "email": null, "phone": null}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let unit = |name: &str, code: &str, kind: &str, head: Option<i64>| json!({"parent_id": null, "name": name, "code": code, "kind": kind, "head_person_id": head});
    let am = h
        .ok(
            "org.unit.create",
            unit(
                "Administración Municipal",
                "AM",
                "alta_direccion",
                Some(admin),
            ),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "org.position.create",
        json!({"person_id": admin, "unit_id": am, "title": "Administradora Municipal",
               "start_date": "2024-12-06", "end_date": null}),
    )
    .await;
    let dideco = h
        .ok(
            "org.unit.create",
            unit(
                "Dirección de Desarrollo Comunitario",
                "DIDECO",
                "linea",
                None,
            ),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let pladeco = h
        .ok(
            "plan.strategic.create",
            json!({"name": "PLADECO 2025-2028", "first_year": 2025, "last_year": 2028}),
        )
        .await["plan"]["id"]
        .as_i64()
        .unwrap();
    let tree = h
        .ok(
            "plan.objective.save",
            json!({"plan_id": pladeco, "code": "L1", "kind": "I",
                   "statement": "Desarrollo social inclusivo de la comuna", "unit_id": dideco,
                   "priority": 1}),
        )
        .await;
    let tree = h
        .ok(
            "plan.action.save",
            json!({"objective_id": tree["objectives"][0]["id"], "code": "L1.O1",
                   "statement": "Adultos mayores de la comuna atendidos en sus sedes", "unit_id": dideco,
                   "priority": 1}),
        )
        .await;
    let plan = h
        .ok(
            "plan.operational.create",
            json!({"kind": "poi", "year": 2025, "name": "Plan Anual 2025", "strategic_plan_id": pladeco}),
        )
        .await["plan"]["id"]
        .as_i64()
        .unwrap();
    let activity = h
        .ok(
            "plan.activity.save",
            json!({"plan_id": plan, "unit_id": dideco,
                   "action_id": tree["objectives"][0]["actions"][0]["id"], "code": "D-01",
                   "name": "Talleres para clubes de adulto mayor", "measure": "Taller",
                   "physical": vec![json!(4); 12], "financial": vec![json!("250.000"); 12]}),
        )
        .await["id"]
        .clone();
    h.ok(
        "plan.execution.save",
        json!({"plan_id": plan, "unit_id": dideco, "month": 1, "entries": [
            {"activity_id": activity, "physical": 3, "financial": "180.000",
             "comment": "Un taller se reprogramó por la fiesta de la Candelaria."}]}),
    )
    .await;
    let id = create(&h, "informe-mensual", plan, 1).await;
    let text = pdftotext(&pdf_of(&h, "informe-mensual", id, "informe-mensual-cl").await);
    for want in [
        "INFORME MENSUAL DE LA ADMINISTRACIÓN MUNICIPAL AL ALCALDE",
        "Plan Anual de Acción Municipal 2025 — Enero de 2025",
        "II. EJECUCIÓN POR DIRECCIÓN",
        "Lineamientos estratégicos",
        "Dirección de Desarrollo Comunitario",
        "75 %",
        "$ 180.000",
        "D-01: Un taller se reprogramó por la fiesta de la Candelaria.",
        "Rosa Mamani Choque",
        "Administradora Municipal",
        "RUN",
    ] {
        assert!(text.contains(want), "falta «{want}» en:\n{text}");
    }
    let sealed = h.ok("plan.report.seal", json!({"id": id})).await;
    assert!(sealed["seal"].is_object());
}

#[tokio::test]
async fn a_sealed_report_is_signed_by_the_gerente_municipal_and_verified() {
    let pki = make_pki();
    let f = fixture().await;
    let h = &f.h;
    // The Gerente Municipal holds the certificate of the test PKI (DNI 12345678).
    let units = h.ok("org.unit.list", json!({})).await;
    let gm = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "GM")
        .unwrap()["head_person_id"]
        .clone();
    let person = h
        .ok("org.person.list", json!({"query": null, "limit": 500}))
        .await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == gm)
        .unwrap()
        .clone();
    h.ok(
        "org.person.update",
        json!({"id": gm, "doc_type": "DNI", "doc_number": "12345678-1",
               "given_names": person["given_names"], "surnames": person["surnames"],
               "email": null, "phone": null}),
    )
    .await;
    let id = create(h, "informe-mensual", f.poi, 7).await;
    let sign = json!({"kind": "informe-mensual", "id": id,
        "p12_path": pki.path("s1.p12").display().to_string(), "password": PASS1,
        "block": 1, "reason": "Conformidad"});
    let e = h.err("records.sign", sign.clone()).await;
    assert_eq!(
        e.kind,
        cabildo::ErrorKind::Conflict,
        "a draft is not signed"
    );
    h.ok("plan.report.seal", json!({"id": id})).await;
    let row = h.ok("records.sign", sign).await;
    assert_eq!(row["seq"], 1);
    let got = h.ok("plan.report.get", json!({"id": id})).await;
    assert_eq!(got["signatures"].as_array().unwrap().len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("informe-firmado.pdf");
    h.ok(
        "records.export",
        json!({"kind": "informe-mensual", "id": id, "path": out.display().to_string()}),
    )
    .await;
    let v = h
        .ok("records.verify", json!({"path": out.display().to_string()}))
        .await;
    assert_eq!(v["seal"]["kind"], "informe-mensual", "{v}");
    assert_eq!(v["seal"]["content_matches"], true, "{v}");
    assert_eq!(v["seal"]["digest_ok"], true, "{v}");
}
