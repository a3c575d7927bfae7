//! Management instruments: kinds per country, versions in date order with their norms, one
//! vigente at a time (approving a later version supersedes the vigente one in the same
//! request), the TUPA's chain with its provincial ratification, the version's file, errors that
//! save nothing, and a keyset list that stays stable while instruments are added.

mod common;

use common::Host;
use serde_json::{json, Value};

async fn chile() -> Host {
    let h = Host::new().await;
    h.ok(
        "municipality.create",
        json!({"name": "Ilustre Municipalidad de Putre", "short_name": "IMP", "country": "CL", "kind": "comuna"}),
    )
    .await;
    h
}

/// A norm of `series` dated `date`: sealed (with its number) or left as a draft.
async fn norm(h: &Host, series: &str, date: &str, title: &str, seal: bool) -> (i64, String) {
    let t = h
        .ok("norm.template", json!({"series": series, "date": date}))
        .await;
    let mut n = t["norm"].clone();
    n["title"] = json!(title);
    n["vistos"] = json!(["El Informe N° 010-OPP de la Oficina de Planeamiento y Presupuesto;"]);
    n["articles"] = json!([{"title": null, "text": "APROBAR el documento que como anexo forma parte de la presente.", "items": []}]);
    n["signatories"] = json!([{"name": "Ana Quispe Mamani", "cargo": "Alcaldesa", "dni": null}]);
    if t["norm"]["session_kind"].is_string() {
        n["session_kind"] = json!("ordinaria");
    }
    let id = h.ok("norm.create", n).await["id"].as_i64().unwrap();
    if !seal {
        return (id, String::new());
    }
    let sealed = h.ok("norm.seal", json!({"id": id})).await;
    (id, sealed["identifier"].as_str().unwrap().to_string())
}

async fn create(h: &Host, type_code: &str, title: &str) -> i64 {
    h.ok(
        "instrument.create",
        json!({"type_code": type_code, "title": title}),
    )
    .await["id"]
        .as_i64()
        .unwrap()
}

async fn add(h: &Host, p: Value) -> Value {
    h.ok("instrument.version.add", p).await
}

fn statuses(i: &Value) -> Vec<(i64, String)> {
    i["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["number"].as_i64().unwrap(),
                v["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn field(e: &cabildo::ApiError) -> Option<&str> {
    e.field.as_deref()
}

#[tokio::test]
async fn each_country_has_its_kinds_of_instrument() {
    let pe = Host::peru().await;
    let types = pe.ok("instrument.type.list", json!({})).await;
    let abbr: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["abbreviation"].as_str().unwrap())
        .collect();
    for a in [
        "ROF", "MPP", "CAP-P", "CPE", "PAP", "TUPA", "TUSNE", "MAPRO", "PEI", "POI", "PDLC",
    ] {
        assert!(abbr.contains(&a), "{a} in {abbr:?}");
    }
    assert!(!abbr.contains(&"PLADECO"));
    let rof = &types[0];
    assert_eq!(rof["code"], "rof");
    assert_eq!(rof["norm_kind"], "ordenanza");
    assert!(rof["legal_source"].as_str().unwrap().contains("27972"));
    let tupa = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "tupa")
        .unwrap();
    assert!(tupa["ratification"]
        .as_str()
        .unwrap()
        .contains("concejo provincial"));

    let cl = chile().await;
    let types = cl.ok("instrument.type.list", json!({})).await;
    let codes: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes[0], "pladeco");
    assert!(codes.contains(&"reglamento_interno"));
    assert!(codes.contains(&"plan_regulador"));
    assert!(!codes.contains(&"rof") && !codes.contains(&"tupa"));
    // No Peruvian law is cited as the source of a Chilean instrument.
    for t in types.as_array().unwrap() {
        assert!(!t["legal_source"].as_str().unwrap().contains("27972"));
    }
    // A Peruvian kind does not exist in a Chilean comuna.
    let e = cl
        .err(
            "instrument.create",
            json!({"type_code": "rof", "title": "Reglamento"}),
        )
        .await;
    assert_eq!(field(&e), Some("type_code"));
    assert!(e.message.contains("desconocido") && e.message.contains("PLADECO"));
    create(&cl, "pladeco", "Plan de Desarrollo Comunal de Putre").await;
}

#[tokio::test]
async fn approving_a_new_version_supersedes_the_vigente_one() {
    let h = Host::peru().await;
    let (ord1, ident1) = norm(&h, "ordenanza", "2019-04-22", "Aprueba el ROF", true).await;
    let (ord2, ident2) = norm(&h, "ordenanza", "2024-08-14", "Aprueba el nuevo ROF", true).await;
    let id = create(&h, "rof", "Reglamento de Organización y Funciones").await;
    let i = h.ok("instrument.get", json!({"id": id})).await;
    assert_eq!(i["status"], "en_elaboracion");
    assert_eq!(i["instrument_type"]["abbreviation"], "ROF");

    let i = add(
        &h,
        json!({"instrument_id": id, "date": "2019-04-22", "status": "vigente", "norm_id": ord1}),
    )
    .await;
    assert_eq!(i["status"], "vigente");
    assert_eq!(i["versions"][0]["norm_identifier"], ident1.as_str());

    // A draft of the next version, then its approval: the first one gives way.
    let i = add(
        &h,
        json!({"instrument_id": id, "date": "2024-06-01", "status": "en_elaboracion", "label": "Proyecto 2024"}),
    )
    .await;
    assert_eq!(
        statuses(&i),
        vec![(1, "vigente".into()), (2, "en_elaboracion".into())]
    );
    let v2 = i["versions"][1]["id"].as_i64().unwrap();
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": v2, "date": "2024-08-14", "status": "vigente", "norm_id": ord2, "label": "ROF 2024"}),
        )
        .await;
    assert_eq!(
        statuses(&i),
        vec![(1, "derogado".into()), (2, "vigente".into())]
    );
    assert_eq!(i["versions"][0]["superseded_by"], v2);
    assert_eq!(i["versions"][0]["superseded_by_number"], 2);
    assert_eq!(i["versions"][1]["norm_identifier"], ident2.as_str());

    // The old version cannot rule again beside the new one.
    let v1 = i["versions"][0]["id"].as_i64().unwrap();
    let e = h
        .err(
            "instrument.version.update",
            json!({"id": v1, "date": "2019-04-22", "status": "vigente", "norm_id": ord1}),
        )
        .await;
    assert_eq!(field(&e), Some("status"));
    assert!(
        e.message.contains("dos versiones vigentes"),
        "{}",
        e.message
    );

    // A third version added straight as vigente supersedes the second, in the same request.
    let i = add(
        &h,
        json!({"instrument_id": id, "date": "2025-01-10", "status": "vigente", "norm_text": "Ordenanza Municipal N° 001-2025-MDPR"}),
    )
    .await;
    assert_eq!(
        statuses(&i),
        vec![
            (1, "derogado".into()),
            (2, "derogado".into()),
            (3, "vigente".into())
        ]
    );
    assert_eq!(
        i["versions"][2]["norm_text"],
        "Ordenanza Municipal N° 001-2025-MDPR"
    );
    // An approved version stays in the history; repealing the instrument leaves none vigente.
    let v3 = i["versions"][2]["id"].as_i64().unwrap();
    let e = h.err("instrument.version.remove", json!({"id": v3})).await;
    assert!(e.message.contains("en elaboración"), "{}", e.message);
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": v3, "date": "2025-01-10", "status": "derogado", "norm_text": "Ordenanza Municipal N° 001-2025-MDPR"}),
        )
        .await;
    assert_eq!(i["status"], "derogado");
    assert!(i["versions"][2]["superseded_by"].is_null());

    // The trail says what happened, in Spanish.
    let audit = h
        .ok("audit.list", json!({"filters": {"method": "instrument"}}))
        .await;
    let texts: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(
            |t| t.starts_with("Modificó la versión 2 («ROF 2024») del ROF") && t.contains(&ident2)
        ),
        "{texts:#?}"
    );
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Registró el ROF «Reglamento")));
}

#[tokio::test]
async fn the_tupa_shows_its_chain_of_norms_in_date_order() {
    let h = Host::peru().await;
    let (ord, ord_ident) = norm(&h, "ordenanza", "2023-05-09", "Aprueba el TUPA", true).await;
    let (dec, dec_ident) = norm(&h, "decreto", "2025-10-03", "Adecua el TUPA", true).await;
    let id = create(&h, "tupa", "Texto Único de Procedimientos Administrativos").await;
    add(
        &h,
        json!({"instrument_id": id, "date": "2023-05-09", "status": "vigente", "norm_id": ord,
               "ratified_by_text": "Acuerdo de Concejo N° 087-2023-MPU (Municipalidad Provincial de Urubamba)"}),
    )
    .await;
    let i = add(
        &h,
        json!({"instrument_id": id, "date": "2025-10-03", "status": "vigente", "norm_id": dec,
               "label": "Adecuación"}),
    )
    .await;
    let v = i["versions"].as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["date"], "2023-05-09");
    assert_eq!(v[0]["norm_identifier"], ord_ident.as_str());
    assert_eq!(
        v[0]["ratified_by_text"],
        "Acuerdo de Concejo N° 087-2023-MPU (Municipalidad Provincial de Urubamba)"
    );
    assert_eq!(v[0]["status"], "derogado");
    assert_eq!(v[1]["norm_identifier"], dec_ident.as_str());
    assert_eq!(v[1]["status"], "vigente");

    // The ratification can also be a registered acuerdo; the identifiers come from the registry.
    let (acu, acu_ident) = norm(&h, "acuerdo", "2023-06-15", "Ratifica el TUPA", true).await;
    let v1 = v[0]["id"].as_i64().unwrap();
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": v1, "date": "2023-05-09", "status": "derogado", "norm_id": ord, "ratified_by_id": acu}),
        )
        .await;
    assert_eq!(
        i["versions"][0]["ratified_by_identifier"],
        acu_ident.as_str()
    );
    assert!(i["versions"][0]["ratified_by_text"].is_null());
    // Still replaced by the adecuación.
    assert_eq!(i["versions"][0]["superseded_by_number"], 2);
}

#[tokio::test]
async fn errors_are_spanish_at_the_field_and_save_nothing() {
    let h = Host::peru().await;
    let (draft, _) = norm(&h, "ordenanza", "2024-01-10", "Proyecto de ROF", false).await;
    let id = create(&h, "rof", "Reglamento de Organización y Funciones").await;
    add(
        &h,
        json!({"instrument_id": id, "date": "2024-03-01", "status": "vigente", "norm_text": "Ordenanza N° 002-2024"}),
    )
    .await;
    let before = h.ok("instrument.get", json!({"id": id})).await;
    let audit_before = h.ok("audit.list", json!({})).await["entries"][0]["id"].clone();
    let txt = h.dir.path().join("rof.txt");
    std::fs::write(&txt, "no es un PDF").unwrap();
    let zip = h.dir.path().join("rof.zip");
    std::fs::write(&zip, b"PK\x03\x04 un zip cualquiera").unwrap();

    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "instrument.create",
            json!({"type_code": "rof", "title": "  "}),
            "title",
            "título",
        ),
        (
            "instrument.create",
            json!({"type_code": "xyz", "title": "Algo"}),
            "type_code",
            "desconocido",
        ),
        (
            "instrument.update",
            json!({"id": id, "type_code": "rof", "title": ""}),
            "title",
            "título",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-02-28", "status": "en_elaboracion"}),
            "date",
            "anterior a la de la versión 1 (del 01/03/2024)",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_id": draft}),
            "norm_id",
            "proyecto de norma sin número",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_id": 9999}),
            "norm_id",
            "No existe la norma",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente"}),
            "norm_id",
            "Indique la norma",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_text": "Ordenanza N° 3", "ratified_by_id": draft}),
            "ratified_by_id",
            "sin número",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "derogado", "norm_text": "Ordenanza N° 3"}),
            "status",
            "Está vigente la versión 1",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_text": "Ordenanza N° 3", "file_path": txt}),
            "file_path",
            "no es un PDF",
        ),
        (
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_text": "Ordenanza N° 3", "file_path": zip}),
            "file_path",
            "(.xlsx)",
        ),
        (
            "instrument.version.update",
            json!({"id": before["versions"][0]["id"], "date": "2024-03-01", "status": "en_elaboracion"}),
            "status",
            "no vuelve a estar en elaboración",
        ),
    ];
    for (method, params, f, words) in cases {
        let e = h.err(method, params.clone()).await;
        assert_eq!(field(&e), Some(f), "{method} {params}: {e:?}");
        assert!(e.message.contains(words), "{method}: «{}»", e.message);
    }
    // A version of the registry and one as written at once.
    let e = h
        .err(
            "instrument.version.add",
            json!({"instrument_id": id, "date": "2024-05-01", "status": "vigente", "norm_id": draft, "norm_text": "Ordenanza N° 3"}),
        )
        .await;
    assert_eq!(field(&e), Some("norm_text"));

    // Nothing was saved: the same instrument, one instrument, no entry in the trail, no file.
    assert_eq!(h.ok("instrument.get", json!({"id": id})).await, before);
    assert_eq!(h.ok("instrument.list", json!({})).await["total"], 1);
    assert_eq!(
        h.ok("audit.list", json!({})).await["entries"][0]["id"],
        audit_before
    );
    let staged = h.dir.path().join("files").join(".staging");
    assert!(std::fs::read_dir(&staged).map_or(true, |mut d| d.next().is_none()));
}

#[tokio::test]
async fn a_version_keeps_its_file_and_gives_it_back() {
    let h = Host::peru().await;
    let id = create(&h, "mapro", "Manual de Procedimientos").await;
    let pdf = h.dir.path().join("MAPRO 2025.pdf");
    let bytes = b"%PDF-1.4\n% manual de procedimientos\n%%EOF\n".to_vec();
    std::fs::write(&pdf, &bytes).unwrap();
    let i = add(
        &h,
        json!({"instrument_id": id, "date": "2025-02-01", "status": "en_elaboracion", "file_path": pdf}),
    )
    .await;
    let v = &i["versions"][0];
    assert_eq!(v["file"]["name"], "MAPRO 2025.pdf");
    assert_eq!(v["file"]["mime"], "application/pdf");
    let sha = v["file"]["sha256"].as_str().unwrap();
    assert!(h
        .dir
        .path()
        .join("files")
        .join(&sha[..2])
        .join(sha)
        .exists());
    let vid = v["id"].as_i64().unwrap();
    let f = h.ok("instrument.file", json!({"version_id": vid})).await;
    use base64::Engine;
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(f["bytes_base64"].as_str().unwrap())
            .unwrap(),
        bytes
    );
    let copy = h.dir.path().join("copia.pdf");
    let f = h
        .ok("instrument.file", json!({"version_id": vid, "path": copy}))
        .await;
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    assert!(f["bytes_base64"].is_null());

    // A Word document replaces it; an Excel sheet is accepted too.
    let docx = h.dir.path().join("mapro.docx");
    std::fs::write(&docx, b"PK\x03\x04word").unwrap();
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": vid, "date": "2025-02-01", "status": "en_elaboracion", "file_path": docx}),
        )
        .await;
    assert_eq!(i["versions"][0]["file"]["name"], "mapro.docx");
    // Kept when the update names no file; removed when asked.
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": vid, "date": "2025-02-02", "status": "en_elaboracion", "notes": "Revisado"}),
        )
        .await;
    assert_eq!(i["versions"][0]["file"]["name"], "mapro.docx");
    let i = h
        .ok(
            "instrument.version.update",
            json!({"id": vid, "date": "2025-02-02", "status": "en_elaboracion", "remove_file": true}),
        )
        .await;
    assert!(i["versions"][0]["file"].is_null());
    let e = h.err("instrument.file", json!({"version_id": vid})).await;
    assert!(e.message.contains("no tiene archivo"));

    // A draft version can be removed.
    let i = h.ok("instrument.version.remove", json!({"id": vid})).await;
    assert_eq!(i["versions"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn the_list_filters_and_pages_stably_while_instruments_are_added() {
    let h = Host::peru().await;
    for (t, title) in [
        ("tupa", "TUPA distrital"),
        ("rof", "Reglamento B"),
        ("rof", "Reglamento D"),
        ("pei", "Plan estratégico"),
        ("rof", "Reglamento F"),
        ("mapro", "Manual de Órdenes"),
    ] {
        create(&h, t, title).await;
    }
    let first = h.ok("instrument.list", json!({"limit": 2})).await;
    let titles = |p: &Value| -> Vec<String> {
        p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&first), ["Reglamento B", "Reglamento D"]);
    assert_eq!(first["total"], 6);
    // Added meanwhile: one before the cursor (never shifts the next page), one after it.
    create(&h, "rof", "Reglamento A").await;
    create(&h, "rof", "Reglamento E").await;
    let second = h
        .ok(
            "instrument.list",
            json!({"limit": 2, "after": first["next"]}),
        )
        .await;
    assert_eq!(titles(&second), ["Reglamento E", "Reglamento F"]);
    let third = h
        .ok(
            "instrument.list",
            json!({"limit": 2, "after": second["next"]}),
        )
        .await;
    // The kinds' order: ROF, …, TUPA, …, MAPRO, PEI.
    assert_eq!(titles(&third), ["TUPA distrital", "Manual de Órdenes"]);
    let last = h
        .ok(
            "instrument.list",
            json!({"limit": 2, "after": third["next"]}),
        )
        .await;
    assert_eq!(titles(&last), ["Plan estratégico"]);
    assert!(last["next"].is_null());

    // Filters: kind, status, words without accents.
    let rofs = h.ok("instrument.list", json!({"type_code": "rof"})).await;
    assert_eq!(rofs["total"], 5);
    let found = h
        .ok("instrument.list", json!({"text": "ordenes manual"}))
        .await;
    assert_eq!(titles(&found), ["Manual de Órdenes"]);
    let by_abbr = h.ok("instrument.list", json!({"text": "tupa"})).await;
    assert_eq!(by_abbr["total"], 1);
    let tupa = by_abbr["rows"][0]["id"].as_i64().unwrap();
    add(
        &h,
        json!({"instrument_id": tupa, "date": "2024-01-05", "status": "vigente", "norm_text": "Ordenanza N° 1", "label": "TUO"}),
    )
    .await;
    let vigentes = h.ok("instrument.list", json!({"status": "vigente"})).await;
    assert_eq!(titles(&vigentes), ["TUPA distrital"]);
    assert_eq!(vigentes["rows"][0]["current_number"], 1);
    assert_eq!(vigentes["rows"][0]["current_label"], "TUO");
    let drafts = h
        .ok("instrument.list", json!({"status": "en_elaboracion"}))
        .await;
    assert_eq!(drafts["total"], 7);
    let e = h
        .err("instrument.list", json!({"type_code": "pladeco"}))
        .await;
    assert_eq!(field(&e), Some("type_code"));
    let e = h.err("instrument.list", json!({"limit": 0})).await;
    assert_eq!(field(&e), Some("limit"));
}

#[tokio::test]
async fn the_demo_has_its_instruments() {
    let h = Host::demo().await;
    let list = h.ok("instrument.list", json!({})).await;
    let rows = list["rows"].as_array().unwrap();
    let by = |code: &str| {
        rows.iter()
            .find(|r| r["type_code"] == code)
            .unwrap()
            .clone()
    };
    let rof = h.ok("instrument.get", json!({"id": by("rof")["id"]})).await;
    assert_eq!(
        statuses(&rof),
        vec![(1, "derogado".into()), (2, "vigente".into())]
    );
    let tupa = h
        .ok("instrument.get", json!({"id": by("tupa")["id"]}))
        .await;
    assert!(tupa["versions"][0]["ratified_by_text"]
        .as_str()
        .unwrap()
        .contains("ratifica"));
    assert!(tupa["versions"][1]["norm_text"]
        .as_str()
        .unwrap()
        .starts_with("Decreto de Alcaldía"));
    // The PEI cites the resoluciones the plans' demo sealed.
    let pei = h.ok("instrument.get", json!({"id": by("pei")["id"]})).await;
    assert!(pei["versions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["norm_identifier"]
            .as_str()
            .is_some_and(|i| i.contains("RESOLUCIÓN") || i.contains("Resolución"))));
    assert_eq!(by("mapro")["status"], "en_elaboracion");

    let cl = Host::new().await;
    cl.ok("demo.load", json!({"seed": 7, "country": "CL"}))
        .await;
    let list = cl.ok("instrument.list", json!({})).await;
    let pladeco = &list["rows"][0];
    assert_eq!(pladeco["abbreviation"], "PLADECO");
    let p = cl.ok("instrument.get", json!({"id": pladeco["id"]})).await;
    assert_eq!(
        statuses(&p),
        vec![(1, "derogado".into()), (2, "vigente".into())]
    );
    assert!(p["versions"][1]["norm_text"]
        .as_str()
        .unwrap()
        .contains("Decreto Alcaldicio"));
}
