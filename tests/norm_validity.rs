//! Publication and validity of sealed norms, relations between norms and their distribution
//! to units (docs/adr/0016-norm-validity.md), through the API as the desktop app calls it.

mod common;

use base64::Engine;
use cabildo::Cabildo;
use common::Host;
use serde_json::{json, Value};

const TODAY: &str = "2026-06-15";

/// A municipality of `country` and `kind` whose today is [`TODAY`].
async fn host(country: &str, kind: &str) -> Host {
    let dir = tempfile::tempdir().expect("tempdir");
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let cab = Cabildo::open(&dir.path().join("cabildo.db"))
        .await
        .expect("open")
        .with_today(today);
    let h = Host { dir, cab };
    let name = if country == "CL" {
        "Ilustre Municipalidad de Putre"
    } else if kind == "provincial" {
        "Municipalidad Provincial de Prueba"
    } else {
        "Municipalidad Distrital de Prueba"
    };
    h.ok(
        "municipality.create",
        json!({"name": name, "short_name": "MPR", "country": country, "kind": kind}),
    )
    .await;
    h
}

/// A sealed norm of `series` dated `date`; returns its id.
async fn sealed(h: &Host, series: &str, date: &str, title: &str) -> i64 {
    let signer = if h.ok("municipality.get", json!({})).await["country"] == "CL" {
        json!({"name": "Ana Rojas", "cargo": "Alcaldesa"})
    } else {
        json!({"name": "Ana Pérez Quispe", "cargo": "Alcaldesa", "dni": "12345678"})
    };
    let d = h
        .ok(
            "norm.create",
            json!({
                "series": series,
                "date": date,
                "title": title,
                "operative_heading": "HA DADO LA ORDENANZA SIGUIENTE:",
                "articles": [{"text": "Apruébase lo que antecede."}],
                "closing_formula": "Regístrese, comuníquese, publíquese y cúmplase.",
                "signatories": [signer]
            }),
        )
        .await;
    let id = d["id"].as_i64().unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    id
}

async fn validity(h: &Host, id: i64) -> Value {
    h.ok("norm.validity", json!({"id": id})).await
}

fn status(v: &Value) -> &str {
    v["status"].as_str().unwrap_or("(ninguno)")
}

/// A tiny PDF, enough to be taken for one.
fn pdf_b64() -> String {
    base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.4\n% pagina escaneada\n%%EOF\n")
}

async fn publish(h: &Host, id: i64, medium: &str, on: &str) -> Value {
    h.ok(
        "norm.publication.add",
        json!({"id": id, "medium": medium, "published_on": on, "reference": "Edición 1234, p. 5",
               "file_base64": pdf_b64(), "file_name": "el-peruano.pdf"}),
    )
    .await
}

/// The status of norm `id` on `day`, and its group, with the SQL expressions lists use.
async fn sql_status(h: &Host, id: i64, day: &str) -> (Option<String>, Option<String>) {
    let sql = format!(
        "SELECT {}, {} FROM norm n LEFT JOIN norm_validity v ON v.norm_id = n.id WHERE n.id = $2",
        cabildo::norms::validity::status_sql("v", "$1"),
        cabildo::norms::validity::group_sql("v", "$1"),
    );
    sqlx::query_as(&sql)
        .bind(day)
        .bind(id)
        .fetch_one(h.cab.pool())
        .await
        .unwrap()
}

fn field(e: &cabildo::ApiError) -> &str {
    e.field.as_deref().unwrap_or("")
}

#[tokio::test]
async fn an_ordinance_takes_effect_the_day_after_its_publication() {
    let h = host("PE", "distrital").await;
    let id = sealed(
        &h,
        "ordenanza",
        "2026-03-02",
        "Regula el comercio ambulatorio",
    )
    .await;
    let v = validity(&h, id).await;
    assert_eq!(status(&v), "sin_efecto");
    assert_eq!(v["status_label"], "Sin efecto hasta su publicación");
    assert_eq!(v["needs_publication"], true);
    assert_eq!(
        sql_status(&h, id, TODAY).await.1.as_deref(),
        Some("sin_efecto")
    );

    // The portal alone gives no effect (rule norms.publication.effect_media).
    let v = publish(&h, id, "portal", "2026-03-04").await;
    assert_eq!(status(&v), "sin_efecto");
    let v = publish(&h, id, "el_peruano", "2026-03-05").await;
    assert_eq!(v["in_force_from"], "2026-03-06");
    assert_eq!(status(&v), "vigente");
    assert_eq!(
        v["status_detail"],
        "Vigente desde el 06/03/2026 (publicada el 05/03/2026)."
    );
    assert_eq!(
        v["publications"][1]["medium_label"],
        "Diario Oficial El Peruano"
    );
    assert_eq!(v["publications"][1]["gives_effect"], true);
    assert_eq!(v["publications"][0]["gives_effect"], false);
    // Before that day it was not in force; the groups say so in SQL.
    assert_eq!(
        sql_status(&h, id, "2026-03-05").await,
        (Some("vigencia_futura".into()), Some("sin_efecto".into()))
    );
    assert_eq!(
        sql_status(&h, id, "2026-03-06").await,
        (Some("vigente".into()), Some("vigente".into()))
    );
    // The evidence is in the file store and comes back as it was sent.
    let sha = v["publications"][1]["file_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let f = h
        .ok("norm.evidence", json!({"id": id, "sha256": sha}))
        .await;
    assert_eq!(f["bytes_base64"].as_str().unwrap(), pdf_b64());
    assert_eq!(f["file_name"], "el-peruano.pdf");
    // The history tells it in date order.
    let kinds: Vec<&str> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["emision", "publicacion", "publicacion", "vigencia"]);

    // Removing the effective publication (a mistake) takes the validity away again.
    let pub_id = v["publications"][1]["id"].as_i64().unwrap();
    let v = h
        .ok(
            "norm.publication.remove",
            json!({"id": id, "publication_id": pub_id}),
        )
        .await;
    assert_eq!(status(&v), "sin_efecto");
    assert!(v["in_force_from"].is_null());
}

#[tokio::test]
async fn the_date_the_norm_states_postpones_its_validity() {
    let h = host("PE", "distrital").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Horario de mercados").await;
    let v = h
        .ok(
            "norm.publication.add",
            json!({"id": id, "medium": "avisos_judiciales", "published_on": "2026-03-05",
                   "stated_from": "2026-07-01"}),
        )
        .await;
    assert_eq!(v["stated_from"], "2026-07-01");
    assert_eq!(v["in_force_from"], "2026-07-01");
    assert_eq!(status(&v), "vigencia_futura");
    assert_eq!(v["status_detail"], "Entra en vigencia el 01/07/2026.");
    // A stated date before the day after publication does not bring it forward.
    let v = h
        .ok(
            "norm.validity.set",
            json!({"id": id, "tax_ordinance": false, "stated_from": "2026-03-03"}),
        )
        .await;
    assert_eq!(v["in_force_from"], "2026-03-06");
    assert_eq!(status(&v), "vigente");
}

#[tokio::test]
async fn resolutions_rule_from_their_date_and_acuerdos_when_flagged() {
    let h = host("PE", "distrital").await;
    let r = sealed(
        &h,
        "resolucion-alcaldia",
        "2026-03-02",
        "Designa al fedatario",
    )
    .await;
    let v = validity(&h, r).await;
    assert_eq!(v["publication_rule"], "no");
    assert_eq!(v["in_force_from"], "2026-03-02");
    assert_eq!(status(&v), "vigente");
    // Not per norm for resoluciones: the field says where the rule is.
    let e = h
        .err(
            "norm.validity.set",
            json!({"id": r, "needs_publication": true}),
        )
        .await;
    assert_eq!(field(&e), "needs_publication");
    assert!(
        e.message.contains("norms.publication.resolucion"),
        "{}",
        e.message
    );
    // Nor a tax ordinance.
    let e = h
        .err("norm.validity.set", json!({"id": r, "tax_ordinance": true}))
        .await;
    assert_eq!(field(&e), "tax_ordinance");

    let a = sealed(
        &h,
        "acuerdo",
        "2026-03-03",
        "Fija las dietas de los regidores",
    )
    .await;
    let v = validity(&h, a).await;
    assert_eq!(v["publication_rule"], "per_norm");
    assert_eq!(status(&v), "vigente");
    let v = h
        .ok(
            "norm.validity.set",
            json!({"id": a, "needs_publication": true}),
        )
        .await;
    assert_eq!(status(&v), "sin_efecto");
    let v = publish(&h, a, "carteles", "2026-03-10").await;
    assert_eq!(v["in_force_from"], "2026-03-11");
}

#[tokio::test]
async fn a_total_repeal_ends_the_older_norm_and_removing_it_restores_it() {
    let h = host("PE", "distrital").await;
    let old = sealed(
        &h,
        "ordenanza",
        "2026-03-02",
        "Regula el comercio ambulatorio",
    )
    .await;
    publish(&h, old, "el_peruano", "2026-03-05").await;
    let new = sealed(&h, "ordenanza", "2026-04-10", "Nuevo régimen del comercio").await;

    let v = h
        .ok(
            "norm.relation.add",
            json!({"id": new, "kind": "deroga_total", "target_id": old}),
        )
        .await;
    let rel = &v["relations"][0];
    assert_eq!(rel["direction"], "activa");
    assert_eq!(rel["wording"], "Deroga totalmente a");
    let rel_id = rel["id"].as_i64().unwrap();
    // The repealing norm is not in force yet: the older one still rules.
    let o = validity(&h, old).await;
    assert_eq!(status(&o), "vigente");
    assert_eq!(o["ended_by"]["id"], new);
    assert!(o["ended_on"].is_null());
    assert_eq!(o["relations"][0]["direction"], "pasiva");
    assert_eq!(o["relations"][0]["wording"], "Derogada totalmente por");

    // Published, the repealing norm takes effect and ends the older one that day.
    publish(&h, new, "el_peruano", "2026-04-12").await;
    let o = validity(&h, old).await;
    assert_eq!(o["ended_on"], "2026-04-13");
    assert_eq!(status(&o), "derogada");
    assert_eq!(o["status_label"], "Derogada");
    let ident = h.ok("norm.get", json!({"id": new})).await["identifier"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        o["status_detail"],
        format!("Derogada totalmente por {ident}; dejó de regir el 13/04/2026.")
    );
    assert_eq!(
        sql_status(&h, old, "2026-04-12").await.0.as_deref(),
        Some("vigente")
    );
    assert_eq!(
        sql_status(&h, old, "2026-04-13").await.1.as_deref(),
        Some("derogada")
    );
    assert_eq!(
        o["history"].as_array().unwrap().last().unwrap()["kind"],
        "fin"
    );

    // A second total repeal is refused at the field, and saves nothing.
    let newer = sealed(&h, "ordenanza", "2026-05-02", "Otra").await;
    let e = h
        .err(
            "norm.relation.add",
            json!({"id": newer, "kind": "deroga_total", "target_id": old}),
        )
        .await;
    assert_eq!(field(&e), "target_id");
    assert!(
        e.message.contains("ya fue derogada totalmente"),
        "{}",
        e.message
    );
    assert_eq!(validity(&h, newer).await["relations"], json!([]));

    // Removed (recorded by mistake), the older norm is in force again.
    let o = h
        .ok(
            "norm.relation.remove",
            json!({"id": old, "relation_id": rel_id}),
        )
        .await;
    assert_eq!(status(&o), "vigente");
    assert!(o["ended_by"].is_null());
    assert_eq!(o["relations"], json!([]));
}

#[tokio::test]
async fn a_partial_repeal_keeps_the_norm_in_force() {
    let h = host("PE", "distrital").await;
    let old = sealed(
        &h,
        "ordenanza",
        "2026-03-02",
        "Regula el comercio ambulatorio",
    )
    .await;
    publish(&h, old, "el_peruano", "2026-03-05").await;
    let new = sealed(&h, "ordenanza", "2026-04-10", "Modifica el comercio").await;
    publish(&h, new, "el_peruano", "2026-04-12").await;
    // Which articles is asked.
    let e = h
        .err(
            "norm.relation.add",
            json!({"id": new, "kind": "deroga_parcial", "target_id": old}),
        )
        .await;
    assert_eq!(field(&e), "note");
    h.ok(
        "norm.relation.add",
        json!({"id": new, "kind": "deroga_parcial", "target_id": old, "note": "artículos 3 y 5"}),
    )
    .await;
    h.ok(
        "norm.relation.add",
        json!({"id": new, "kind": "modifica", "target_id": old, "note": "artículo 2"}),
    )
    .await;
    let o = validity(&h, old).await;
    assert_eq!(status(&o), "derogada_parcialmente");
    assert!(o["ended_on"].is_null());
    assert_eq!(
        sql_status(&h, old, TODAY).await.1.as_deref(),
        Some("vigente")
    );
    let passive: Vec<&str> = o["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["wording"].as_str().unwrap())
        .collect();
    assert_eq!(passive, ["Derogada parcialmente por", "Modificada por"]);
    assert_eq!(o["relations"][0]["note"], "artículos 3 y 5");
}

#[tokio::test]
async fn nonsense_relations_are_refused_at_their_field_and_save_nothing() {
    let h = host("PE", "distrital").await;
    let old = sealed(&h, "ordenanza", "2026-03-02", "Antigua").await;
    let new = sealed(&h, "ordenanza", "2026-04-10", "Nueva").await;
    let draft = h
        .ok(
            "norm.create",
            json!({"series": "ordenanza", "date": "2026-04-01", "title": "Proyecto",
                   "operative_heading": "", "closing_formula": ""}),
        )
        .await["id"]
        .as_i64()
        .unwrap();

    let cases = [
        (
            json!({"id": new, "kind": "deroga_total", "target_id": new}),
            "target_id",
            "consigo misma",
        ),
        (
            json!({"id": new, "kind": "modifica", "target_id": draft}),
            "target_id",
            "es un proyecto",
        ),
        (
            json!({"id": old, "kind": "modifica", "target_id": new}),
            "target_id",
            "es posterior",
        ),
        (
            json!({"id": new, "kind": "", "target_id": old}),
            "kind",
            "Elija el tipo",
        ),
        (
            json!({"id": new, "kind": "anula", "target_id": old}),
            "kind",
            "no es un tipo",
        ),
        (
            json!({"id": new, "kind": "modifica"}),
            "target_id",
            "Elija la norma",
        ),
        (
            json!({"id": new, "kind": "modifica", "target_id": old, "until_on": "2026-12-31"}),
            "until_on",
            "suspensión",
        ),
    ];
    for (params, f, words) in cases {
        let e = h.err("norm.relation.add", params.clone()).await;
        assert_eq!(field(&e), f, "{params}: {}", e.message);
        assert!(e.message.contains(words), "{params}: {}", e.message);
    }
    // A draft cannot relate either (it has no page of validity yet).
    let e = h
        .err(
            "norm.relation.add",
            json!({"id": draft, "kind": "modifica", "target_id": old}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    assert_eq!(validity(&h, new).await["relations"], json!([]));
    assert_eq!(validity(&h, old).await["relations"], json!([]));

    // Duplicates.
    h.ok(
        "norm.relation.add",
        json!({"id": new, "kind": "reglamenta", "target_id": old}),
    )
    .await;
    let e = h
        .err(
            "norm.relation.add",
            json!({"id": new, "kind": "reglamenta", "target_id": old}),
        )
        .await;
    assert_eq!(field(&e), "target_id");
    assert!(e.message.contains("Ya está registrado"), "{}", e.message);

    // A draft has no validity.
    let d = validity(&h, draft).await;
    assert!(d["status"].is_null());
    assert_eq!(d["sealed"], false);
    assert_eq!(sql_status(&h, draft, TODAY).await, (None, None));
}

#[tokio::test]
async fn bad_publications_are_refused_at_their_field_and_save_nothing() {
    let h = host("PE", "distrital").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Regula").await;
    let cases = [
        (
            json!({"id": id, "medium": "", "published_on": "2026-03-05"}),
            "medium",
        ),
        (
            json!({"id": id, "medium": "diario_oficial", "published_on": "2026-03-05"}),
            "medium",
        ),
        (json!({"id": id, "medium": "el_peruano"}), "published_on"),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-01"}),
            "published_on",
        ),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-06-16"}),
            "published_on",
        ),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-02-30"}),
            "published_on",
        ),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-05", "stated_from": "2026-01-01"}),
            "stated_from",
        ),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-05",
                "file_base64": base64::engine::general_purpose::STANDARD.encode(b"hola"), "file_name": "x.txt"}),
            "file_base64",
        ),
        (
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-05", "file_path": "/no/existe.pdf"}),
            "file_path",
        ),
    ];
    for (params, f) in cases {
        let e = h.err("norm.publication.add", params.clone()).await;
        assert_eq!(field(&e), f, "{params}: {}", e.message);
    }
    let v = validity(&h, id).await;
    assert_eq!(v["publications"], json!([]));
    assert_eq!(status(&v), "sin_efecto");
    publish(&h, id, "el_peruano", "2026-03-05").await;
    let e = h
        .err(
            "norm.publication.add",
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-05"}),
        )
        .await;
    assert_eq!(field(&e), "published_on");
    assert!(e.message.contains("Ya está registrada"), "{}", e.message);
}

#[tokio::test]
async fn a_district_tax_ordinance_waits_for_the_provincial_ratification() {
    let h = host("PE", "distrital").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Arbitrios municipales 2026").await;
    let v = validity(&h, id).await;
    assert_eq!(v["ratification_applies"], true);
    // Ratification of a norm not marked as a tax ordinance: the field to mark first.
    let e = h
        .err(
            "norm.ratification.set",
            json!({"id": id, "identifier": "Acuerdo de Concejo N° 100-2026-MPL", "date": "2026-03-20"}),
        )
        .await;
    assert_eq!(field(&e), "tax_ordinance");
    let v = h
        .ok(
            "norm.validity.set",
            json!({"id": id, "tax_ordinance": true}),
        )
        .await;
    assert_eq!(v["needs_ratification"], true);
    assert_eq!(status(&v), "pendiente_ratificacion");
    assert_eq!(v["status_label"], "Pendiente de ratificación provincial");
    // Published but not ratified: still pending.
    let v = publish(&h, id, "el_peruano", "2026-03-05").await;
    assert_eq!(status(&v), "pendiente_ratificacion");
    assert_eq!(
        sql_status(&h, id, TODAY).await.1.as_deref(),
        Some("sin_efecto")
    );
    // Bad ratifications.
    for (params, f) in [
        (
            json!({"id": id, "identifier": " ", "date": "2026-03-20"}),
            "identifier",
        ),
        (json!({"id": id, "identifier": "AC 100"}), "date"),
        (
            json!({"id": id, "identifier": "AC 100", "date": "2026-02-01"}),
            "date",
        ),
        (
            json!({"id": id, "identifier": "AC 100", "date": "2026-03-20", "published_on": "2026-03-19"}),
            "published_on",
        ),
    ] {
        let e = h.err("norm.ratification.set", params.clone()).await;
        assert_eq!(field(&e), f, "{params}: {}", e.message);
    }
    let v = h
        .ok(
            "norm.ratification.set",
            json!({"id": id, "identifier": "Acuerdo de Concejo N° 100-2026-MPL", "date": "2026-03-20",
                   "published_on": "2026-03-25", "file_base64": pdf_b64(), "file_name": "ratificacion.pdf"}),
        )
        .await;
    assert_eq!(
        v["ratification"]["identifier"],
        "Acuerdo de Concejo N° 100-2026-MPL"
    );
    assert_eq!(v["in_force_from"], "2026-03-26");
    assert_eq!(status(&v), "vigente");
    assert!(v["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "Ratificada por Acuerdo de Concejo N° 100-2026-MPL"));
    let v = h.ok("norm.ratification.remove", json!({"id": id})).await;
    assert_eq!(status(&v), "pendiente_ratificacion");
}

#[tokio::test]
async fn no_ratification_in_a_province_nor_in_chile() {
    let h = host("PE", "provincial").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Arbitrios").await;
    let v = h
        .ok(
            "norm.validity.set",
            json!({"id": id, "tax_ordinance": true}),
        )
        .await;
    assert_eq!(v["ratification_applies"], false);
    assert_eq!(v["needs_ratification"], false);
    assert_eq!(status(&v), "sin_efecto");
    let e = h
        .err(
            "norm.ratification.set",
            json!({"id": id, "identifier": "AC 1", "date": "2026-03-20"}),
        )
        .await;
    assert_eq!(e.kind, "conflict");

    let h = host("CL", "comuna").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Derechos municipales").await;
    let v = h
        .ok(
            "norm.validity.set",
            json!({"id": id, "tax_ordinance": true}),
        )
        .await;
    assert_eq!(v["needs_ratification"], false);
    assert_eq!(status(&v), "sin_efecto");
    // Chile's media, and effect from the day of publication (Ley 19.880 art. 51).
    let codes: Vec<&str> = v["media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["diario_oficial", "sitio_web"]);
    let e = h
        .err(
            "norm.publication.add",
            json!({"id": id, "medium": "el_peruano", "published_on": "2026-03-05"}),
        )
        .await;
    assert_eq!(field(&e), "medium");
    let v = publish(&h, id, "diario_oficial", "2026-03-05").await;
    assert_eq!(v["in_force_from"], "2026-03-05");
    assert_eq!(status(&v), "vigente");
}

#[tokio::test]
async fn rules_decide_per_country_and_changing_them_applies_on_the_next_write() {
    let h = host("CL", "comuna").await;
    // Chile: a decreto alcaldicio is published only when the norm says so.
    let d = sealed(&h, "decreto", "2026-03-02", "Fija horario de atención").await;
    let v = validity(&h, d).await;
    assert_eq!(v["publication_rule"], "per_norm");
    assert_eq!(status(&v), "vigente");
    // The offset is a rule: 1 day in Chile too, then it applies to the next write.
    h.ok(
        "rules.set",
        json!({"key": "norms.validity.publication_offset_days", "value": "1"}),
    )
    .await;
    h.ok(
        "norm.validity.set",
        json!({"id": d, "needs_publication": true}),
    )
    .await;
    let v = publish(&h, d, "diario_oficial", "2026-03-05").await;
    assert_eq!(v["in_force_from"], "2026-03-06");
    // Rule values are checked at their field.
    let e = h
        .err(
            "rules.set",
            json!({"key": "norms.publication.decreto", "value": "quizá"}),
        )
        .await;
    assert_eq!(field(&e), "value");
    // The site may give effect where the municipality decides so.
    h.ok(
        "rules.set",
        json!({"key": "norms.publication.effect_media", "value": "diario_oficial, sitio_web"}),
    )
    .await;
    let o = sealed(&h, "ordenanza", "2026-03-03", "Ordenanza de aseo").await;
    let v = publish(&h, o, "sitio_web", "2026-03-04").await;
    assert_eq!(v["in_force_from"], "2026-03-05");
}

#[tokio::test]
async fn distribution_tracks_each_units_acknowledgement() {
    let h = host("PE", "distrital").await;
    let a = h
        .ok(
            "org.unit.create",
            json!({"name": "Gerencia de Rentas", "code": "GR", "kind": "linea"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let b = h
        .ok(
            "org.unit.create",
            json!({"name": "Subgerencia de Fiscalización", "code": "SGF", "kind": "linea"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let id = sealed(&h, "ordenanza", "2026-03-02", "Regula el comercio").await;
    let v = h
        .ok(
            "norm.distribution.set",
            json!({"id": id, "unit_ids": [a, b, a], "sent_on": "2026-03-03"}),
        )
        .await;
    assert_eq!(v["distribution"].as_array().unwrap().len(), 2);
    let page = h
        .ok("norm.distribution.pending", json!({"unit_id": a}))
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["norm_id"], id);
    assert_eq!(page["rows"][0]["unit_name"], "Gerencia de Rentas");

    // Bad acknowledgements save nothing.
    for (params, f) in [
        (
            json!({"id": id, "unit_id": a, "received_by": " "}),
            "received_by",
        ),
        (
            json!({"id": id, "unit_id": a, "received_by": "Luis", "received_on": "2026-03-01"}),
            "received_on",
        ),
        (
            json!({"id": id, "unit_id": a, "received_by": "Luis", "received_on": "2026-07-01"}),
            "received_on",
        ),
        (
            json!({"id": id, "unit_id": 999, "received_by": "Luis"}),
            "unit_id",
        ),
    ] {
        let e = h.err("norm.distribution.acknowledge", params.clone()).await;
        assert_eq!(field(&e), f, "{params}: {}", e.message);
    }
    let v = h
        .ok(
            "norm.distribution.acknowledge",
            json!({"id": id, "unit_id": a, "received_on": "2026-03-04", "received_by": "Luis Soto",
                   "note": "Recibido con cargo"}),
        )
        .await;
    let row = v["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit_id"] == a)
        .unwrap()
        .clone();
    assert_eq!(row["received_on"], "2026-03-04");
    assert_eq!(row["received_by"], "Luis Soto");
    let all = h.ok("norm.distribution.pending", json!({})).await;
    assert_eq!(all["total"], 1);
    assert_eq!(all["rows"][0]["unit_id"], b);
    // An acknowledged unit stays; a pending one may be removed.
    let e = h
        .err("norm.distribution.set", json!({"id": id, "unit_ids": [b]}))
        .await;
    assert_eq!(field(&e), "unit_ids");
    assert!(e.message.contains("ya acusó recibo"), "{}", e.message);
    let v = h
        .ok("norm.distribution.set", json!({"id": id, "unit_ids": [a]}))
        .await;
    assert_eq!(v["distribution"].as_array().unwrap().len(), 1);
    assert_eq!(
        h.ok("norm.distribution.pending", json!({})).await["total"],
        0
    );
    let e = h
        .err(
            "norm.distribution.set",
            json!({"id": id, "unit_ids": [a, 4242]}),
        )
        .await;
    assert_eq!(field(&e), "unit_ids");
    let e = h
        .err("norm.distribution.pending", json!({"limit": 0}))
        .await;
    assert_eq!(field(&e), "limit");
    // A unit a norm was sent to is not deleted.
    let e = h.err("org.unit.delete", json!({"id": a})).await;
    assert_eq!(e.kind, "conflict");
}

#[tokio::test]
async fn every_write_is_in_the_audit_trail_and_the_records_history() {
    let h = host("PE", "distrital").await;
    let id = sealed(&h, "ordenanza", "2026-03-02", "Regula").await;
    publish(&h, id, "el_peruano", "2026-03-05").await;
    let events = h
        .ok("records.history", json!({"kind": "ordenanza", "id": id}))
        .await;
    assert!(events
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["event"] == "Publicada en Diario Oficial El Peruano el 05/03/2026"));
    let trail = h.ok("audit.list", json!({})).await;
    let text = trail.to_string();
    assert!(
        text.contains("Registró la publicación de ORDENANZA"),
        "{text}"
    );
}

#[tokio::test]
async fn a_suspension_holds_from_the_suspending_norms_validity_until_its_last_day() {
    let h = host("PE", "distrital").await;
    let old = sealed(&h, "decreto", "2026-03-02", "Horario del mercado").await;
    publish(&h, old, "el_peruano", "2026-03-03").await;
    let new = sealed(&h, "decreto", "2026-04-01", "Suspende el horario").await;
    // Only a suspension has a last day, and not before the suspending norm.
    let e = h
        .err(
            "norm.relation.add",
            json!({"id": new, "kind": "suspende", "target_id": old, "until_on": "2026-03-15"}),
        )
        .await;
    assert_eq!(field(&e), "until_on");
    h.ok(
        "norm.relation.add",
        json!({"id": new, "kind": "suspende", "target_id": old, "until_on": "2026-06-30"}),
    )
    .await;
    // Not in force yet, the suspending decree suspends nothing.
    assert_eq!(status(&validity(&h, old).await), "vigente");
    publish(&h, new, "el_peruano", "2026-04-02").await;
    let o = validity(&h, old).await;
    assert_eq!(status(&o), "suspendida");
    assert!(o["status_detail"]
        .as_str()
        .unwrap()
        .ends_with("hasta el 30/06/2026."));
    assert_eq!(
        sql_status(&h, old, "2026-04-02").await.0.as_deref(),
        Some("vigente")
    );
    assert_eq!(
        sql_status(&h, old, "2026-06-30").await,
        (Some("suspendida".into()), Some("sin_efecto".into()))
    );
    assert_eq!(
        sql_status(&h, old, "2026-07-01").await.0.as_deref(),
        Some("vigente")
    );
}
