//! Search over the registry (ADR 0016): accents and ñ, phrases, prefixes, identifiers typed
//! loosely, a word only in an article, filters combined, actas, and pages that stay put while
//! records are added. The index is kept by triggers in the record's own transaction.

mod common;

use common::Host;
use serde_json::{json, Value};

fn norm(series: &str, date: &str, title: &str, article: &str) -> Value {
    json!({
        "series": series,
        "date": date,
        "title": title,
        "issuer": "EL CONCEJO MUNICIPAL DEL DISTRITO DE PRUEBA",
        "vistos": ["El informe de la Gerencia Municipal;"],
        "considerandos": ["Que, es necesario regular la materia;"],
        "preamble": null,
        "operative_heading": "HA DADO LA ORDENANZA SIGUIENTE:",
        "articles": [{"title": "Objeto", "text": article, "items": ["primer literal"]}],
        "closing_formula": "Regístrese, comuníquese y cúmplase.",
        "signatories": [{"name": "Juan Pérez Quispe", "cargo": "Alcalde", "dni": "12345678"}]
    })
}

async fn sealed(h: &Host, series: &str, date: &str, title: &str, article: &str) -> (i64, String) {
    let id = h
        .ok("norm.create", norm(series, date, title, article))
        .await["id"]
        .as_i64()
        .unwrap();
    let s = h.ok("norm.seal", json!({"id": id})).await;
    (id, s["identifier"].as_str().unwrap().to_string())
}

async fn find(h: &Host, params: Value) -> Value {
    h.ok("search.find", params).await
}

fn ids(page: &Value) -> Vec<i64> {
    page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

/// A registry with a few ordenanzas of 2019 and 2020 and a draft.
async fn registry() -> (Host, Vec<i64>) {
    let h = Host::peru().await;
    let mut out = Vec::new();
    let rows = [
        (
            "2019-02-04",
            "Regula el servicio de agua potable y desagüe",
            "Establecer las tarifas del servicio.",
        ),
        (
            "2019-03-11",
            "Aprueba el Reglamento de Organización y Funciones",
            "Aprobar el ROF de la municipalidad.",
        ),
        (
            "2019-05-20",
            "Declara el Año de la Cañihua en el distrito",
            "Promover la siembra de cañihua y quinua.",
        ),
        (
            "2019-08-02",
            "Regula el comercio ambulatorio",
            "Prohibir la venta en la vía pública sin licencia de funcionamiento.",
        ),
        (
            "2019-09-09",
            "Ordenanza de tránsito",
            "Los vehículos de carga pesada no circularán por el centro histórico.",
        ),
    ];
    for (date, title, article) in rows {
        out.push(sealed(&h, "ordenanza", date, title, article).await.0);
    }
    // Up to number 12 of 2019, for the loose identifiers.
    for n in 6..=12 {
        out.push(
            sealed(
                &h,
                "ordenanza",
                &format!("2019-10-{:02}", n + 10),
                &format!("Ordenanza número {n} de prueba"),
                "Disposición de prueba.",
            )
            .await
            .0,
        );
    }
    out.push(
        sealed(
            &h,
            "ordenanza",
            "2020-01-15",
            "Modifica el régimen del agua potable",
            "Modificar el artículo 2.",
        )
        .await
        .0,
    );
    let draft = h
        .ok(
            "norm.create",
            norm(
                "ordenanza",
                "2020-02-01",
                "Proyecto sobre el desagüe pluvial",
                "Texto.",
            ),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    out.push(draft);
    (h, out)
}

#[tokio::test]
async fn accents_case_and_enie_do_not_matter() {
    let (h, n) = registry().await;
    // "desague" finds "desagüe" (in the sealed norm's title and in the draft's).
    let p = find(&h, json!({"query": "DESAGUE"})).await;
    assert_eq!(ids(&p), vec![n[13], n[0]], "{p}");
    // ñ typed or not.
    for q in ["cañihua", "canihua", "CAÑIHUA"] {
        assert_eq!(ids(&find(&h, json!({"query": q})).await), vec![n[2]], "{q}");
    }
    // The passage found is marked.
    let p = find(&h, json!({"query": "quinua"})).await;
    let hit = &p["hits"][0];
    assert_eq!(hit["matched"], "texto");
    let marked: Vec<&str> = hit["passage"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["hit"] == true)
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["quinua"]);
}

#[tokio::test]
async fn phrases_prefixes_and_a_word_only_in_an_article() {
    let (h, n) = registry().await;
    // A phrase must appear as typed; its words apart do not count.
    assert_eq!(
        ids(&find(&h, json!({"query": "\"agua potable\""})).await),
        vec![n[12], n[0]]
    );
    assert!(ids(&find(&h, json!({"query": "\"potable agua\""})).await).is_empty());
    // Prefixes.
    assert_eq!(ids(&find(&h, json!({"query": "ambul*"})).await), vec![n[3]]);
    // Only in an article (not the title): found, and said so.
    let p = find(&h, json!({"query": "carga pesada"})).await;
    assert_eq!(ids(&p), vec![n[4]]);
    assert_eq!(p["hits"][0]["matched"], "texto");
    // A literal of an article, and a signatory's name.
    assert!(ids(&find(&h, json!({"query": "primer literal"})).await).contains(&n[1]));
    assert_eq!(
        ids(&find(&h, json!({"query": "Pérez Quispe"})).await).len(),
        n.len()
    );
    // Title matches come before text matches.
    let p = find(&h, json!({"query": "agua"})).await;
    assert_eq!(p["hits"][0]["matched"], "titulo");
    // What FTS would read as syntax is only words.
    assert!(find(&h, json!({"query": "NOT OR ( \" * :"})).await["hits"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn identifiers_typed_as_remembered_come_first() {
    let (h, n) = registry().await;
    let twelve = n[11];
    for q in [
        "ord 12 2019",
        "N° 012-2019",
        "ordenanza 12-2019",
        "ORDENANZA N° 012-2019-MDPR",
        "12/2019",
    ] {
        let p = find(&h, json!({"query": q})).await;
        assert_eq!(p["hits"][0]["id"], twelve, "{q}: {p}");
        assert_eq!(p["hits"][0]["matched"], "numero", "{q}");
    }
    // A decreto 12 is not an ordenanza 12.
    let p = find(&h, json!({"query": "decreto 12 2019"})).await;
    assert!(p["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["matched"] != "numero"));
    // The norms list finds it the same way.
    let l = h.ok("norm.list", json!({"query": "ord 12 2019"})).await;
    assert_eq!(l["rows"][0]["id"], twelve);
}

#[tokio::test]
async fn filters_combine() {
    let (h, n) = registry().await;
    let p = find(&h, json!({"query": "agua", "year": 2019})).await;
    assert_eq!(ids(&p), vec![n[0]]);
    let p = find(
        &h,
        json!({"query": "agua", "from": "2020-01-01", "to": "2020-12-31"}),
    )
    .await;
    assert_eq!(ids(&p), vec![n[12]]);
    let p = find(&h, json!({"query": "desague", "status": "borrador"})).await;
    assert_eq!(ids(&p), vec![n[13]]);
    let p = find(
        &h,
        json!({"query": "desague", "status": "sellada", "kind": "ordenanza"}),
    )
    .await;
    assert_eq!(ids(&p), vec![n[0]]);
    assert!(ids(&find(&h, json!({"query": "agua", "kind": "decreto"})).await).is_empty());
    let p = find(
        &h,
        json!({"query": "agua", "issuer": "concejo", "year": 2020}),
    )
    .await;
    assert_eq!(ids(&p), vec![n[12]]);
    assert!(ids(&find(&h, json!({"query": "agua", "issuer": "alcalde"})).await).is_empty());
    // Without words: everything of the filters, newest first.
    let p = find(&h, json!({"year": 2020, "source": "norma"})).await;
    assert_eq!(ids(&p), vec![n[13], n[12]]);
    // Bad filters are refused at their field.
    for (params, field) in [
        (json!({"year": 19}), "year"),
        (json!({"from": "2020-02-01", "to": "2020-01-01"}), "to"),
        (json!({"kind": "bando"}), "kind"),
        (json!({"source": "acta", "kind": "ordenanza"}), "source"),
        (json!({"limit": 0}), "limit"),
        (json!({"after": "basura"}), "after"),
    ] {
        let e = h.err("search.find", params.clone()).await;
        assert_eq!(e.field.as_deref(), Some(field), "{params}: {}", e.message);
    }
}

#[tokio::test]
async fn pages_stay_put_while_records_are_added() {
    let (h, _) = registry().await;
    // "prueba" is in every norm's issuer: walk them three at a time.
    let mut seen: Vec<i64> = Vec::new();
    let mut after: Option<String> = None;
    let mut added = false;
    loop {
        let p = find(&h, json!({"query": "prueba", "limit": 3, "after": after})).await;
        seen.extend(ids(&p));
        if !added {
            // New norms, newer and older than the page, while the clerk reads it.
            sealed(&h, "ordenanza", "2020-06-01", "Nueva de prueba", "x").await;
            h.ok(
                "norm.create",
                norm("ordenanza", "2019-01-02", "Antigua de prueba", "x"),
            )
            .await;
            added = true;
        }
        match p["next"].as_str() {
            Some(n) => after = Some(n.to_string()),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a row appeared twice: {seen:?}");
    // Every record that existed when the walk began was seen.
    for id in 1..=14 {
        assert!(seen.contains(&id), "{id} missing from {seen:?}");
    }
    // The norms list pages by date the same way.
    let mut listed = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let p = h.ok("norm.list", json!({"limit": 4, "after": after})).await;
        listed.extend(
            p["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["date"].as_str().unwrap().to_string()),
        );
        match p["next"].as_str() {
            Some(n) => after = Some(n.to_string()),
            None => break,
        }
    }
    let mut sorted = listed.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(listed, sorted);
    assert_eq!(listed.len(), 16);
}

#[tokio::test]
async fn the_index_follows_the_record_in_its_transaction() {
    let (h, n) = registry().await;
    let draft = n[13];
    // Edited: the old words go, the new ones come.
    let mut edited = norm(
        "ordenanza",
        "2020-02-01",
        "Proyecto sobre el alumbrado público",
        "Texto.",
    );
    edited["vistos"] = json!(["El informe técnico de iluminación;"]);
    h.ok("norm.update", json!({"id": draft, "norm": edited}))
        .await;
    assert!(!ids(&find(&h, json!({"query": "pluvial"})).await).contains(&draft));
    assert_eq!(
        ids(&find(&h, json!({"query": "iluminacion"})).await),
        vec![draft]
    );
    // A refused write leaves the index as it was.
    let mut bad = norm("ordenanza", "2020-02-01", "", "Texto.");
    bad["vistos"] = json!(["palabraquenoexiste"]);
    h.err("norm.update", json!({"id": draft, "norm": bad}))
        .await;
    assert!(ids(&find(&h, json!({"query": "palabraquenoexiste"})).await).is_empty());
    // Discarded: gone from the index.
    h.ok("norm.delete", json!({"id": draft})).await;
    assert!(ids(&find(&h, json!({"query": "alumbrado"})).await).is_empty());
}

#[tokio::test]
async fn actas_are_searched_too() {
    let h = Host::demo().await;
    // The demo's year of sessions has actas; their text names the session's matters.
    let p = find(&h, json!({"query": "quórum", "source": "acta", "limit": 5})).await;
    let hits = p["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{p}");
    assert!(hits.iter().all(|x| x["source"] == "acta"));
    assert!(hits[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Acta de la sesión"));
    // Both sources at once, and only approved actas.
    let both = find(&h, json!({"query": "municipalidad", "limit": 200})).await;
    let sources: std::collections::BTreeSet<&str> = both["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    let approved = find(
        &h,
        json!({"source": "acta", "status": "aprobada", "limit": 200}),
    )
    .await;
    assert!(approved["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["status"] == "aprobada"));
}

#[tokio::test]
async fn a_repeal_changes_what_is_found_as_in_force() {
    let (h, n) = registry().await;
    // Unpublished ordenanzas have no effect yet (Ley 27972 art. 44).
    let p = find(&h, json!({"query": "agua", "validity": "sin_efecto"})).await;
    assert_eq!(ids(&p), vec![n[12], n[0]]);
    assert_eq!(p["hits"][0]["validity"], "Sin efecto hasta su publicación");
    for id in [n[0], n[12]] {
        h.ok(
            "norm.publication.add",
            json!({"id": id, "medium": "avisos_judiciales", "published_on": "2020-01-20"}),
        )
        .await;
    }
    let p = find(&h, json!({"query": "agua", "validity": "vigente"})).await;
    assert_eq!(ids(&p), vec![n[12], n[0]]);
    // The 2020 ordenanza repeals the 2019 one: found as derogada, no longer as vigente.
    h.ok(
        "norm.relation.add",
        json!({"id": n[12], "kind": "deroga_total", "target_id": n[0]}),
    )
    .await;
    let p = find(&h, json!({"query": "agua", "validity": "derogada"})).await;
    assert_eq!(ids(&p), vec![n[0]]);
    assert_eq!(p["hits"][0]["validity"], "Derogada");
    assert_eq!(
        ids(&find(&h, json!({"query": "agua", "validity": "vigente"})).await),
        vec![n[12]]
    );
    // Drafts and actas have no validity; a wrong value is refused at its field.
    let p = find(&h, json!({"query": "pluvial"})).await;
    assert!(p["hits"][0]["validity"].is_null());
    let e = h.err("search.find", json!({"validity": "caduca"})).await;
    assert_eq!(e.field.as_deref(), Some("validity"));
}
