//! Municipality profile, units tree, people with DNI/RUN check rules, positions, council
//! composition and quorum over time.

mod common;

use common::Host;
use serde_json::json;

#[tokio::test]
async fn municipality_validation_names_the_field() {
    let h = Host::new().await;
    let st = h.ok("system.status", json!({})).await;
    assert_eq!(st["initialized"], false);
    let e = h.err("municipality.create", json!({"name": "Municipalidad Distrital de X", "short_name": "m d", "country": "PE", "kind": "distrital"})).await;
    assert_eq!(
        (e.kind.as_str(), e.field.as_deref()),
        ("validation", Some("short_name"))
    );
    let e = h.err("municipality.create", json!({"name": "Municipalidad de Ñuñoa", "short_name": "MÑ", "country": "CL", "kind": "distrital"})).await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    let e = h.err("municipality.create", json!({"name": "Municipalidad", "short_name": "MP", "country": "AR", "kind": "distrital"})).await;
    assert_eq!(e.field.as_deref(), Some("country"));
    let e = h
        .err(
            "municipality.create",
            json!({"short_name": "MP", "country": "PE", "kind": "distrital"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("name"));
    h.ok("municipality.create", json!({"name": "Municipalidad de Ñuñoa", "short_name": "MÑ", "country": "CL", "kind": "comuna"})).await;
    let e = h.err("municipality.create", json!({"name": "Otra Municipalidad", "short_name": "OM", "country": "PE", "kind": "distrital"})).await;
    assert_eq!(e.kind, "conflict");
    let e = h.err("municipality.update", json!({"name": "Municipalidad de Ñuñoa", "short_name": "MÑ", "kind": "comuna", "territorial_code": "1310", "address": null, "phone": null, "email": null, "website": null})).await;
    assert_eq!(e.field.as_deref(), Some("territorial_code"));
    let m = h.ok("municipality.update", json!({"name": "Municipalidad de Ñuñoa", "short_name": "MÑ", "kind": "comuna", "territorial_code": "13120", "address": "Av. Irarrázaval 3550", "phone": null, "email": "oficina@nunoa.cl", "website": null})).await;
    assert_eq!(m["territorial_code"], "13120");
    // Chile gets its own rule set and series.
    let rules = h.ok("rules.get", json!({})).await;
    assert_eq!(rules["country"], "CL");
    let series = h.ok("numbering.series.list", json!({})).await;
    assert!(series.as_array().unwrap().iter().any(|s| s["next_preview"]
        .as_str()
        .unwrap()
        .starts_with("DECRETO ALCALDICIO")));
}

#[tokio::test]
async fn logo_is_stored_content_addressed() {
    let h = Host::peru().await;
    let png = h.dir.path().join("logo.png");
    // A 1×1 PNG.
    let bytes: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0x00, 0x01, 0xFF,
        0x89, 0x99, 0x3D, 0x1D, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    std::fs::write(&png, bytes).unwrap();
    let m = h
        .ok(
            "municipality.logo.set",
            json!({"path": png.to_str().unwrap()}),
        )
        .await;
    let sha = m["logo_sha256"].as_str().unwrap().to_string();
    assert!(h
        .dir
        .path()
        .join("files")
        .join(&sha[..2])
        .join(&sha)
        .exists());
    let logo = h.ok("municipality.logo.get", json!({})).await;
    assert!(logo["data_url"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let txt = h.dir.path().join("nota.txt");
    std::fs::write(&txt, "hola").unwrap();
    let e = h
        .err(
            "municipality.logo.set",
            json!({"path": txt.to_str().unwrap()}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("path"));
}

#[tokio::test]
async fn units_form_a_tree_without_cycles() {
    let h = Host::peru().await;
    let unit = |parent: Option<i64>, name: &str, code: &str| json!({"parent_id": parent, "name": name, "code": code, "kind": "linea", "head_person_id": null});
    let a = h.ok("org.unit.create", unit(None, "Alcaldía", "ALC")).await;
    let a_id = a["id"].as_i64().unwrap();
    let b = h
        .ok(
            "org.unit.create",
            unit(Some(a_id), "Gerencia Municipal", "GM"),
        )
        .await;
    let b_id = b["id"].as_i64().unwrap();
    let c = h
        .ok(
            "org.unit.create",
            unit(Some(b_id), "Gerencia de Rentas", "GR"),
        )
        .await;
    let c2 = h
        .ok(
            "org.unit.create",
            unit(Some(b_id), "Gerencia de Obras", "GO"),
        )
        .await;
    let e = h.err("org.unit.create", unit(None, "Otra", "gm")).await;
    assert_eq!(
        e.field.as_deref(),
        Some("code"),
        "codes are unique, case-insensitively"
    );
    // Moving the top under its grandchild would make a cycle.
    let e = h.err("org.unit.update", json!({"id": a_id, "parent_id": c["id"], "name": "Alcaldía", "code": "ALC", "kind": "gobierno", "head_person_id": null})).await;
    assert_eq!(e.field.as_deref(), Some("parent_id"));
    let list = h.ok("org.unit.list", json!({})).await;
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ALC", "GM", "GR", "GO"]);
    let list = h
        .ok("org.unit.move", json!({"id": c2["id"], "direction": "up"}))
        .await;
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ALC", "GM", "GO", "GR"]);
    let e = h.err("org.unit.delete", json!({"id": b_id})).await;
    assert_eq!(e.kind, "conflict");
    h.ok("org.unit.delete", json!({"id": c["id"]})).await;
}

#[tokio::test]
async fn people_documents_follow_their_check_rules() {
    let h = Host::peru().await;
    let person = |t: &str, n: &str| json!({"doc_type": t, "doc_number": n, "given_names": "Rosa", "surnames": "Quispe Núñez", "email": null, "phone": null});
    let e = h.err("org.person.create", person("DNI", "1234567")).await;
    assert_eq!(e.field.as_deref(), Some("doc_number"));
    let e = h
        .err("org.person.create", person("DNI", "12345678-2"))
        .await;
    assert!(e.message.contains("1 o E"), "{}", e.message);
    let p = h.ok("org.person.create", person("DNI", "12345678-1")).await;
    assert_eq!(p["doc_number"], "12345678");
    let e = h.err("org.person.create", person("DNI", "12345678")).await;
    assert_eq!(e.field.as_deref(), Some("doc_number"), "{}", e.message);
    let e = h
        .err("org.person.create", person("RUN", "12.345.678-9"))
        .await;
    assert!(e.message.contains("debería ser 5"), "{}", e.message);
    let p = h
        .ok("org.person.create", person("RUN", "12.345.678-5"))
        .await;
    assert_eq!(p["doc_number"], "12345678-5");
    let found = h
        .ok("org.person.list", json!({"query": "nunez rosa"}))
        .await;
    assert_eq!(
        found["rows"].as_array().unwrap().len(),
        2,
        "search ignores accents and case"
    );
    let e = h.err("org.person.create", json!({"doc_type": "DNI", "doc_number": "45678912", "given_names": "R2", "surnames": "Quispe", "email": "x@", "phone": null})).await;
    assert_eq!(e.field.as_deref(), Some("given_names"));
    assert_eq!(e.message, "Los nombres no llevan dígitos.");
    let e = h.err("org.person.create", json!({"doc_type": "DNI", "doc_number": "45678912", "given_names": "Rosa", "surnames": "Quispe 2", "email": null, "phone": null})).await;
    assert_eq!(e.field.as_deref(), Some("surnames"));
    assert_eq!(e.message, "Los apellidos no llevan dígitos.");
}

#[tokio::test]
async fn positions_have_a_period() {
    let h = Host::peru().await;
    let u = h.ok("org.unit.create", json!({"parent_id": null, "name": "Secretaría General", "code": "SG", "kind": "apoyo", "head_person_id": null})).await;
    let p = h.ok("org.person.create", json!({"doc_type": "DNI", "doc_number": "45678912", "given_names": "Luis", "surnames": "Torres Apaza", "email": null, "phone": null})).await;
    let e = h.err("org.position.create", json!({"person_id": p["id"], "unit_id": u["id"], "title": "Secretario General", "start_date": "2026-05-01", "end_date": "2026-04-01"})).await;
    assert_eq!(e.field.as_deref(), Some("end_date"));
    let e = h.err("org.position.create", json!({"person_id": p["id"], "unit_id": u["id"], "title": "Secretario General", "start_date": "2026-02-30", "end_date": null})).await;
    assert_eq!(e.field.as_deref(), Some("start_date"));
    let pos = h.ok("org.position.create", json!({"person_id": p["id"], "unit_id": u["id"], "title": "Secretario General", "start_date": "2026-01-02", "end_date": null})).await;
    assert_eq!(pos["unit_name"], "Secretaría General");
    let list = h
        .ok(
            "org.position.list",
            json!({"person_id": p["id"], "unit_id": null}),
        )
        .await;
    assert_eq!(list["rows"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn quorum_on_a_date_counts_members_on_licence_out() {
    let h = Host::peru().await;
    let term = h.ok("council.term.create", json!({"name": "Periodo de gestión 2023-2026", "start_date": "2023-01-01", "end_date": "2026-12-31"})).await;
    let tid = term["id"].as_i64().unwrap();
    let mut members = Vec::new();
    for i in 0..10 {
        let dni = format!("{:08}", 40_000_000 + i * 1_111);
        let p = h.ok("org.person.create", json!({"doc_type": "DNI", "doc_number": dni, "given_names": "Miembro", "surnames": format!("Número {}", ["Uno","Dos","Tres","Cuatro","Cinco","Seis","Siete","Ocho","Nueve","Diez"][i as usize]), "email": null, "phone": null})).await;
        let role = if i == 0 { "alcalde" } else { "regidor" };
        let m = h.ok("council.member.add", json!({"term_id": tid, "person_id": p["id"], "role": role, "party": "Partido", "from_date": null, "to_date": null, "replaces_member_id": null})).await;
        members.push(m["id"].as_i64().unwrap());
    }
    let on = |d: &str| json!({"term_id": null, "date": d});
    let c = h.ok("council.composition", on("2026-03-10")).await;
    assert_eq!(
        (
            c["legal_size"].as_i64(),
            c["able_size"].as_i64(),
            c["quorum"].as_i64()
        ),
        (Some(10), Some(10), Some(6))
    );
    // Regidor 3 on licence 1–15 March, regidor 4 suspended from 12 March (open).
    h.ok("council.status.set", json!({"member_id": members[3], "status": "licencia", "from_date": "2026-03-01", "to_date": "2026-03-15", "note": "Acuerdo de Concejo N° 010-2026"})).await;
    h.ok("council.status.set", json!({"member_id": members[4], "status": "suspendido", "from_date": "2026-03-12", "to_date": null, "note": "Resolución del JNE"})).await;
    let c = h.ok("council.composition", on("2026-03-10")).await;
    assert_eq!(
        (c["able_size"].as_i64(), c["quorum"].as_i64()),
        (Some(9), Some(5)),
        "hábil 9 → quorum ⌊9/2⌋+1 = 5"
    );
    let c = h.ok("council.composition", on("2026-03-12")).await;
    assert_eq!(
        (c["able_size"].as_i64(), c["quorum"].as_i64()),
        (Some(8), Some(5))
    );
    let c = h.ok("council.composition", on("2026-03-16")).await;
    assert_eq!(
        (c["able_size"].as_i64(), c["quorum"].as_i64()),
        (Some(9), Some(5))
    );
    assert_eq!(c["members"][4]["status"], "suspendido");
    // The suspension ends: the open period is closed the day before the new one.
    h.ok("council.status.set", json!({"member_id": members[4], "status": "activo", "from_date": "2026-04-01", "to_date": null, "note": ""})).await;
    let c = h.ok("council.composition", on("2026-04-01")).await;
    assert_eq!(c["able_size"].as_i64(), Some(10));
    // Overlaps are refused.
    let e = h.err("council.status.set", json!({"member_id": members[3], "status": "licencia", "from_date": "2026-03-10", "to_date": "2026-03-20", "note": "otra licencia"})).await;
    assert_eq!(e.field.as_deref(), Some("from_date"));
    // A vacancy, then the accesitario takes the seat: legal stays 10.
    h.ok("council.status.set", json!({"member_id": members[9], "status": "vacado", "from_date": "2026-05-01", "to_date": null, "note": "Acuerdo de vacancia"})).await;
    let c = h.ok("council.composition", on("2026-05-02")).await;
    assert_eq!(
        (c["legal_size"].as_i64(), c["able_size"].as_i64()),
        (Some(10), Some(9))
    );
    let acc = h.ok("org.person.create", json!({"doc_type": "DNI", "doc_number": "47777777", "given_names": "Accesitario", "surnames": "Suplente", "email": null, "phone": null})).await;
    h.ok("council.member.add", json!({"term_id": tid, "person_id": acc["id"], "role": "regidor", "party": "Partido", "from_date": "2026-05-10", "to_date": null, "replaces_member_id": members[9]})).await;
    let c = h.ok("council.composition", on("2026-05-10")).await;
    assert_eq!(
        (c["legal_size"].as_i64(), c["able_size"].as_i64()),
        (Some(10), Some(10))
    );
    // No term covers this date.
    let e = h.err("council.composition", on("2031-01-01")).await;
    assert_eq!(e.field.as_deref(), Some("date"));
}

#[tokio::test]
async fn chile_quorum_is_its_rule_set() {
    let h = Host::new().await;
    h.ok("municipality.create", json!({"name": "Municipalidad de Putre", "short_name": "MPU", "country": "CL", "kind": "comuna"})).await;
    let t = h.ok("council.term.create", json!({"name": "Periodo 2024-2028", "start_date": "2024-12-06", "end_date": "2028-12-05"})).await;
    for i in 0..7 {
        let run = format!("{}", 10_000_000 + i * 37);
        let dv = cabildo::ids::run_check_digit(run.parse().unwrap());
        let p = h.ok("org.person.create", json!({"doc_type": "RUN", "doc_number": format!("{run}-{dv}"), "given_names": "Concejal", "surnames": format!("Apellido {}", ["A","B","C","D","E","F","G"][i as usize]), "email": null, "phone": null})).await;
        h.ok("council.member.add", json!({"term_id": t["id"], "person_id": p["id"], "role": if i == 0 {"alcalde"} else {"regidor"}, "party": "", "from_date": null, "to_date": null, "replaces_member_id": null})).await;
    }
    let c = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2025-06-02"}),
        )
        .await;
    assert_eq!(c["member_title"], "Concejal");
    // Ley 18.695: the concejo is its concejales (art. 72); the alcalde presides it. By default
    // the 1/3 is of the 6 concejales, not of the 7 seats (docs/adr/0015-chile.md).
    assert_eq!(c["legal_size"].as_i64(), Some(7));
    assert_eq!(c["quorum"].as_i64(), Some(2), "1/3 of 6 concejales");
    assert!(
        c["quorum_rule"]
            .as_str()
            .unwrap()
            .contains("sin contar al alcalde"),
        "{c}"
    );
    // A reglamento interno that counts the alcalde: 1/3 of 7, rounded up.
    h.ok(
        "rules.set",
        json!({"key": "quorum.alcalde_counts", "value": "yes"}),
    )
    .await;
    let c = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2025-06-02"}),
        )
        .await;
    assert_eq!(c["quorum"].as_i64(), Some(3), "1/3 of 7, rounded up");
    let e = h
        .err(
            "rules.set",
            json!({"key": "quorum.alcalde_counts", "value": "si"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("value"));
    h.ok(
        "rules.set",
        json!({"key": "quorum.formula", "value": "half_plus_one"}),
    )
    .await;
    let c = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": "2025-06-02"}),
        )
        .await;
    assert_eq!(c["quorum"].as_i64(), Some(4));
    let e = h
        .err(
            "rules.set",
            json!({"key": "quorum.formula", "value": "mitad"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("value"));
}

#[tokio::test]
async fn the_demo_is_a_complete_municipality() {
    let h = Host::demo().await;
    let units = h.ok("org.unit.list", json!({})).await;
    let units = units.as_array().unwrap();
    assert!((24..=30).contains(&units.len()), "{} units", units.len());
    assert!(
        units.iter().all(|u| !u["head_name"].is_null()),
        "every unit has a head"
    );
    let st = h.ok("system.status", json!({})).await;
    let today = st["today"].as_str().unwrap();
    let c = h
        .ok(
            "council.composition",
            json!({"term_id": null, "date": today}),
        )
        .await;
    assert_eq!(c["legal_size"].as_i64(), Some(10));
    assert_eq!(c["able_size"].as_i64(), Some(9), "one regidor on licence");
    assert_eq!(c["quorum"].as_i64(), Some(5));
    let e = h.err("demo.load", json!({})).await;
    assert_eq!(e.kind, "conflict");
}

/// A dry run (the UI's validation) and a refused request leave no file in the store; a file the
/// request staged reaches the store only when it commits.
#[tokio::test]
async fn files_reach_the_store_only_after_commit() {
    let h = Host::peru().await;
    let png = h.dir.path().join("escudo.png");
    let bytes: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0x00, 0x01, 0xFF,
        0x89, 0x99, 0x3D, 0x1D, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    std::fs::write(&png, bytes).unwrap();
    let files = h.dir.path().join("files");
    let stored = |dir: &std::path::Path| -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                for f in std::fs::read_dir(entry.path()).unwrap().flatten() {
                    out.push(f.file_name().to_string_lossy().to_string());
                }
            }
        }
        out
    };
    let params = json!({"path": png.to_str().unwrap()});
    let actor = cabildo::auth::Actor::system();
    cabildo::api::dispatch(
        &h.cab,
        &actor,
        "municipality.logo.set",
        params.clone(),
        true,
    )
    .await
    .unwrap();
    assert!(
        stored(&files).is_empty(),
        "a dry run stored {:?}",
        stored(&files)
    );
    let m = h.ok("municipality.logo.set", params).await;
    let sha = m["logo_sha256"].as_str().unwrap().to_string();
    assert_eq!(stored(&files), vec![sha.clone()]);

    // A request that committed but stopped before moving its file: the next start finishes it.
    let target = files.join(&sha[..2]).join(&sha);
    std::fs::rename(&target, files.join(".staging").join(format!("{sha}.1-0"))).unwrap();
    let db = h.db_path();
    let reopened = cabildo::Cabildo::open(&db).await.unwrap();
    assert!(target.exists(), "the staged file was not recovered");
    reopened.close().await;
}
