//! Printable, sealed and signed records through the API and the CLI: the norm editor's rules,
//! sealing and its triggers, corrections, certified copies, signing stored records in their
//! engine-drawn blocks, verification against the database, trusted roots, print settings.
//!
//! Tools (installed by the Makefile): openssl, poppler-utils (pdftotext, pdfsig), qpdf.

mod common;

use std::process::Command;

use common::pki::{make_pki, require, run_ok, Pki, PASS1, PASS2};
use common::{cabildo_bin, Host};
use serde_json::{json, Value};
use sqlx::Connection;

fn draft(series: &str) -> Value {
    json!({
        "series": series,
        "date": chrono::Local::now().date_naive().to_string(),
        "title": "Aprueba la directiva de uso del auditorio municipal",
        "vistos": ["El Informe N° 015-2026-OAJ/MDPR de la Oficina de Asesoría Jurídica;", "  "],
        "considerandos": ["Que, es necesario ordenar el uso del auditorio; ¿quién lo reserva? ¡Todos!"],
        "preamble": "Estando a lo expuesto;",
        "operative_heading": "SE RESUELVE:",
        "articles": [
            {"title": "Aprobación", "text": "APROBAR la directiva N° 001-2026 «Uso del auditorio», con sus 3 anexos.", "items": ["Anexo 1: formato de solicitud.", ""]},
            {"text": "ENCARGAR su cumplimiento a la Gerencia Municipal."}
        ],
        "closing_formula": "Regístrese, comuníquese y cúmplase.",
        "signatories": [
            {"name": "Juan Pérez Quispe", "cargo": "Alcalde", "dni": "12345678"},
            {"name": "María López Ñahui", "cargo": "Secretaria General", "dni": "87654321"}
        ]
    })
}

fn pdftotext(pdf: &[u8]) -> String {
    require("pdftotext", "apt-get install -y poppler-utils");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, pdf).unwrap();
    // Lines are joined: a sentence may wrap anywhere.
    let text = run_ok(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&f)
            .arg("-"),
    );
    text.split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\u{c}")
}

async fn pdf_of(h: &Host, kind: &str, id: i64) -> Vec<u8> {
    use base64::Engine;
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap()
}

#[tokio::test]
async fn a_draft_is_edited_then_sealed_with_its_number_and_never_changes_again() {
    let h = Host::peru().await;
    let created = h.ok("norm.create", draft("resolucion-alcaldia")).await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["kind"], "resolucion");
    assert!(created["identifier"].is_null());
    let year = chrono::Local::now().date_naive().format("%Y").to_string();
    assert_eq!(
        created["next_identifier"],
        format!("RESOLUCIÓN DE ALCALDÍA N° 001-{year}-ALC/MDPR")
    );
    // Empty paragraphs and literales are dropped; text is kept exactly.
    assert_eq!(created["norm"]["vistos"].as_array().unwrap().len(), 1);
    assert_eq!(
        created["norm"]["articles"][0]["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // An article with a heading and no text is reported at that article's text.
    let mut bad = draft("resolucion-alcaldia");
    bad["articles"][1] = json!({"title": "Encargo", "text": "  "});
    h.ok("norm.update", json!({"id": id, "norm": bad})).await;
    let e = h.err("norm.seal", json!({"id": id})).await;
    assert_eq!(e.field.as_deref(), Some("articles[1].text"), "{e:?}");
    assert!(e.message.contains("artículo 2"), "{}", e.message);
    // Nothing was numbered by the failed seal.
    let again = h.ok("norm.get", json!({"id": id})).await;
    assert!(again["identifier"].is_null());
    assert_eq!(
        again["next_identifier"],
        format!("RESOLUCIÓN DE ALCALDÍA N° 001-{year}-ALC/MDPR")
    );

    // A wrong DNI check is reported at the signatory.
    let mut bad = draft("resolucion-alcaldia");
    bad["signatories"][1]["dni"] = json!("8765432");
    let e = h.err("norm.update", json!({"id": id, "norm": bad})).await;
    assert_eq!(e.field.as_deref(), Some("signatories[1].dni"), "{e:?}");

    h.ok(
        "norm.update",
        json!({"id": id, "norm": draft("resolucion-alcaldia")}),
    )
    .await;
    let sealed = h.ok("norm.seal", json!({"id": id})).await;
    assert_eq!(
        sealed["identifier"],
        format!("RESOLUCIÓN DE ALCALDÍA N° 001-{year}-ALC/MDPR")
    );
    let code = sealed["seal"]["verification_code"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(code.len(), 11);
    assert_eq!(sealed["seal"]["digest"].as_str().unwrap().len(), 64);

    // Sealed: the API refuses changes with the "sealed" kind.
    let e = h
        .err(
            "norm.update",
            json!({"id": id, "norm": draft("resolucion-alcaldia")}),
        )
        .await;
    assert_eq!(e.kind, "sealed");
    let e = h.err("norm.delete", json!({"id": id})).await;
    assert_eq!(e.kind, "sealed");
    let e = h.err("norm.seal", json!({"id": id})).await;
    assert_eq!(e.kind, "sealed");

    // The printed record carries the number, the text exactly and the code on every page.
    let pdf = pdf_of(&h, "resolucion", id).await;
    let text = pdftotext(&pdf);
    for want in [
        "RESOLUCIÓN DE ALCALDÍA N° 001-",
        "¿quién lo reserva? ¡Todos!",
        "APROBAR la directiva N° 001-2026 «Uso del auditorio», con sus 3 anexos.",
        "María López Ñahui",
        code.as_str(),
    ] {
        assert!(text.contains(want), "missing «{want}» in:\n{text}");
    }
    // Rendering the sealed record again gives the same bytes.
    assert_eq!(pdf, pdf_of(&h, "resolucion", id).await);

    // History tells what happened.
    let hist = h
        .ok("records.history", json!({"kind": "resolucion", "id": id}))
        .await;
    let events: Vec<&str> = hist
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events[0], "Proyecto creado");
    assert!(events
        .iter()
        .any(|e| e.starts_with("Sellada como RESOLUCIÓN")));
}

#[tokio::test]
async fn triggers_refuse_changes_to_sealed_rows_even_through_plain_sql() {
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("decreto")).await["id"]
        .as_i64()
        .unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    let copy = h.ok("copy.create", json!({"norm_id": id, "certifier": {"name": "María López Ñahui", "cargo": "Secretaria General"}})).await;
    let copy_id = copy["id"].as_i64().unwrap();
    let url = format!("sqlite://{}", h.db_path().display());
    h.cab.close().await;

    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for sql in [
        format!("UPDATE norm SET title = 'otra cosa' WHERE id = {id}"),
        format!("DELETE FROM norm WHERE id = {id}"),
        "UPDATE record_seal SET content = '{}'".to_string(),
        "DELETE FROM record_seal".to_string(),
        format!("UPDATE certified_copy SET purpose = 'x' WHERE id = {copy_id}"),
        format!("DELETE FROM certified_copy WHERE id = {copy_id}"),
        "DELETE FROM record_event".to_string(),
    ] {
        let e = sqlx::query(&sql).execute(&mut conn).await.unwrap_err();
        assert!(
            e.to_string().contains("sellad") || e.to_string().contains("no se puede"),
            "{sql}: {e}"
        );
    }
    // A draft is not protected: it can still be edited by SQL (the app uses the API).
    let d = sqlx::query("UPDATE norm SET title = title WHERE sealed_at IS NULL")
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(d.rows_affected(), 0);
}

#[tokio::test]
async fn a_correction_is_a_new_norm_pointing_to_the_one_it_corrects() {
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("resolucion-alcaldia")).await["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err("norm.correct", json!({"id": id, "reason": "x"}))
        .await;
    assert_eq!(e.kind, "conflict");
    let first = h.ok("norm.seal", json!({"id": id})).await;
    let e = h
        .err("norm.correct", json!({"id": id, "reason": " "}))
        .await;
    assert_eq!(e.field.as_deref(), Some("reason"));
    let fix = h
        .ok(
            "norm.correct",
            json!({"id": id, "reason": "error material en el artículo 2°"}),
        )
        .await;
    let fix_id = fix["id"].as_i64().unwrap();
    assert_eq!(fix["corrects"]["id"], id);
    // Only one open correction at a time.
    let e = h
        .err("norm.correct", json!({"id": id, "reason": "otra"}))
        .await;
    assert_eq!(e.kind, "conflict");
    let sealed = h.ok("norm.seal", json!({"id": fix_id})).await;
    let year = chrono::Local::now().date_naive().format("%Y").to_string();
    assert_eq!(
        sealed["identifier"],
        format!("RESOLUCIÓN DE ALCALDÍA N° 002-{year}-ALC/MDPR")
    );
    let text = pdftotext(&pdf_of(&h, "resolucion", fix_id).await);
    assert!(
        text.contains(&format!(
            "Corrige {}: error material en el artículo 2°",
            first["identifier"].as_str().unwrap()
        )),
        "{text}"
    );
    let original = h.ok("norm.get", json!({"id": id})).await;
    assert_eq!(original["corrected_by"][0]["id"], fix_id);
    // The original is untouched.
    assert_eq!(original["seal"], first["seal"]);
}

#[tokio::test]
async fn acuerdos_carry_the_session_kind_in_their_number() {
    let h = Host::peru().await;
    let mut d = draft("acuerdo");
    d["session_kind"] = json!("extraordinaria");
    let id = h.ok("norm.create", d).await["id"].as_i64().unwrap();
    let sealed = h.ok("norm.seal", json!({"id": id})).await;
    let year = chrono::Local::now().date_naive().format("%Y").to_string();
    assert_eq!(
        sealed["identifier"],
        format!("ACUERDO DE CONCEJO N° 001-{year}-SE-CM/MDPR")
    );
    let mut d = draft("acuerdo");
    d["session_kind"] = json!("reservada");
    let e = h.err("norm.create", d).await;
    assert_eq!(e.field.as_deref(), Some("session_kind"));
    let e = h.err("norm.create", draft("sesion-ordinaria")).await;
    assert_eq!(e.field.as_deref(), Some("series"));
}

#[tokio::test]
async fn template_offers_the_countrys_wording_and_the_current_signatories() {
    let h = Host::demo().await;
    let t = h.ok("norm.template", json!({"series": "ordenanza"})).await;
    assert_eq!(
        t["norm"]["operative_heading"],
        "HA DADO LA ORDENANZA SIGUIENTE:"
    );
    assert_eq!(
        t["norm"]["closing_formula"],
        "Regístrese, comuníquese, publíquese y cúmplase."
    );
    let signers = t["norm"]["signatories"].as_array().unwrap();
    assert_eq!(signers.len(), 2, "{t}");
    assert_eq!(
        signers[0]["cargo"], "Alcaldesa",
        "the demo's alcalde is a woman: her cargo agrees"
    );
    assert!(signers[1]["cargo"]
        .as_str()
        .unwrap()
        .starts_with("Secretari"));
}

fn sign(pki: &Pki, kind: &str, id: i64, who: &str, block: Option<u32>) -> Value {
    let pass = if who == "s1" { PASS1 } else { PASS2 };
    json!({
        "kind": kind, "id": id,
        "p12_path": pki.path(&format!("{who}.p12")).display().to_string(),
        "password": pass, "block": block, "reason": "Suscripción"
    })
}

#[tokio::test]
async fn stored_records_are_signed_in_their_blocks_and_verified_against_the_database() {
    let pki = make_pki();
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("resolucion-alcaldia")).await["id"]
        .as_i64()
        .unwrap();

    // Only sealed records are signed.
    let e = h
        .err("records.sign", sign(&pki, "resolucion", id, "s1", Some(1)))
        .await;
    assert_eq!(e.kind, "conflict");
    h.ok("norm.seal", json!({"id": id})).await;
    let sealed_pdf = pdf_of(&h, "resolucion", id).await;

    // A wrong password is reported at the password, and nothing is stored.
    let mut wrong = sign(&pki, "resolucion", id, "s1", Some(1));
    wrong["password"] = json!("no-es");
    let e = h.err("records.sign", wrong).await;
    assert_eq!(e.field.as_deref(), Some("password"), "{e:?}");
    assert_eq!(
        h.ok(
            "records.signatures",
            json!({"kind": "resolucion", "id": id})
        )
        .await,
        json!([])
    );

    // María's certificate does not sign Juan's block.
    let e = h
        .err("records.sign", sign(&pki, "resolucion", id, "s2", Some(1)))
        .await;
    assert_eq!(e.field.as_deref(), Some("block"), "{e:?}");
    assert!(e.message.contains("DNI 87654321"), "{}", e.message);
    let first = h
        .ok("records.sign", sign(&pki, "resolucion", id, "s1", Some(1)))
        .await;
    assert_eq!(first["signer_name"], "JUAN PÉREZ QUISPE");
    assert_eq!(first["signer_dni"], "12345678");
    assert_eq!(first["block"], 1);
    // The same block cannot be signed twice; without a block the next free one is used.
    let e = h
        .err("records.sign", sign(&pki, "resolucion", id, "s2", Some(1)))
        .await;
    assert_eq!(e.field.as_deref(), Some("block"));
    let second = h
        .ok("records.sign", sign(&pki, "resolucion", id, "s2", None))
        .await;
    assert_eq!(second["block"], 2);
    assert_eq!(second["seq"], 2);
    let e = h
        .err("records.sign", sign(&pki, "resolucion", id, "s1", None))
        .await;
    assert_eq!(e.kind, "conflict");

    // The preview now is the signed file, which starts with the sealed render.
    let file = h
        .ok("records.pdf", json!({"kind": "resolucion", "id": id}))
        .await;
    assert_eq!(file["signatures"], 2);
    let signed = pdf_of(&h, "resolucion", id).await;
    assert!(signed.starts_with(&sealed_pdf));
    let text = pdftotext(&signed);
    assert!(
        text.contains("JUAN PÉREZ QUISPE") || text.contains("JUAN P"),
        "{text}"
    );

    // The password never reaches the audit trail, not even inside a digest.
    let audit = h
        .ok("audit.list", json!({"filters": {"method": "records.sign"}}))
        .await;
    let signs: Vec<&Value> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["method"] == "records.sign")
        .collect();
    assert_eq!(
        signs.len(),
        2,
        "only the two successful signatures are audited"
    );
    let with = sign(&pki, "resolucion", id, "s1", Some(1));
    let mut without = with.clone();
    without.as_object_mut().unwrap().remove("password");
    assert!(signs
        .iter()
        .any(|e| e["params_sha256"] == cabildo::audit::digest(&without)));
    assert!(!signs
        .iter()
        .any(|e| e["params_sha256"] == cabildo::audit::digest(&with)));
    // The params are kept to be read, without the password; no column of the trail holds it.
    assert!(signs
        .iter()
        .all(|e| e["params"]["p12_path"].is_string() && e["params"].get("password").is_none()));
    let leaked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE params LIKE $1 OR summary LIKE $1",
    )
    .bind(format!("%{PASS1}%"))
    .fetch_one(h.cab.pool())
    .await
    .unwrap();
    assert_eq!(leaked, 0);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("firmado.pdf");
    h.ok(
        "records.export",
        json!({"kind": "resolucion", "id": id, "path": out.display().to_string()}),
    )
    .await;
    assert_eq!(std::fs::read(&out).unwrap(), signed);

    // Untrusted root: INDETERMINADO, but the seal matches.
    let v = h
        .ok("records.verify", json!({"path": out.display().to_string()}))
        .await;
    assert_eq!(v["verdict"], "INDETERMINADO", "{v}");
    assert_eq!(v["seal"]["content_matches"], true);
    assert_eq!(v["seal"]["digest_ok"], true);

    // Import the CA in Configuración: VÁLIDO.
    let ca = pki.path("ca.pem").display().to_string();
    let added = h.ok("trust.root.add", json!({"path": ca})).await;
    assert_eq!(added.as_array().unwrap().len(), 1);
    assert!(added[0]["subject"]
        .as_str()
        .unwrap()
        .contains("CA de Prueba Cabildo"));
    let e = h.err("trust.root.add", json!({"path": ca})).await;
    assert_eq!(e.kind, "conflict");
    let e = h
        .err(
            "trust.root.add",
            json!({"path": pki.path("s1.pem").display().to_string()}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("path"));
    assert!(
        e.message.contains("autoridad de certificación"),
        "{}",
        e.message
    );
    let v = h
        .ok("records.verify", json!({"path": out.display().to_string()}))
        .await;
    assert_eq!(v["verdict"], "VÁLIDO", "{v}");
    assert_eq!(v["verification"]["signatures"].as_array().unwrap().len(), 2);

    // The CLI says the same with --db, and exits 0 only when VÁLIDO.
    let cli = cabildo_bin()
        .arg("--db")
        .arg(h.db_path())
        .arg("verify")
        .arg(&out)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(report["verdict"], "VÁLIDO", "{report}");
    assert!(cli.status.success());
    assert_eq!(
        report["seal"]["identifier"],
        h.ok("norm.get", json!({"id": id})).await["identifier"]
    );

    // One byte changed inside the first revision: NO VÁLIDO, and the seal does not match.
    let mut tampered = signed.clone();
    let pos = sealed_pdf.len() / 3;
    tampered[pos] ^= 0x01;
    let bad = dir.path().join("alterado.pdf");
    std::fs::write(&bad, &tampered).unwrap();
    let v = h
        .ok("records.verify", json!({"path": bad.display().to_string()}))
        .await;
    assert_eq!(v["verdict"], "NO VÁLIDO", "{v}");
    let cli = cabildo_bin()
        .arg("--db")
        .arg(h.db_path())
        .arg("verify")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1));

    // Removing the trusted root makes it INDETERMINADO again.
    let root_id = added[0]["id"].as_i64().unwrap();
    h.ok("trust.root.delete", json!({"id": root_id})).await;
    let v = h
        .ok("records.verify", json!({"path": out.display().to_string()}))
        .await;
    assert_eq!(v["verdict"], "INDETERMINADO");

    // pdfsig agrees that both signatures are intact.
    require("pdfsig", "apt-get install -y poppler-utils");
    let report = run_ok(Command::new("pdfsig").arg(&out));
    assert_eq!(
        report
            .matches("Signature Validation: Signature is Valid.")
            .count(),
        2,
        "{report}"
    );
}

#[tokio::test]
async fn a_sealed_file_altered_without_signatures_no_longer_matches_its_seal() {
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("decreto")).await["id"]
        .as_i64()
        .unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    let pdf = pdf_of(&h, "decreto", id).await;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("d.pdf");
    std::fs::write(&good, &pdf).unwrap();
    let v = h
        .ok(
            "records.verify",
            json!({"path": good.display().to_string()}),
        )
        .await;
    assert_eq!(v["seal"]["content_matches"], true, "{v}");
    assert_eq!(
        v["verdict"], "INDETERMINADO",
        "sealed and intact, but unsigned: {v}"
    );
    let mut altered = pdf.clone();
    let n = altered.len();
    altered[n / 2] ^= 0x20;
    let bad = dir.path().join("x.pdf");
    std::fs::write(&bad, &altered).unwrap();
    let v = h
        .ok("records.verify", json!({"path": bad.display().to_string()}))
        .await;
    assert_eq!(v["seal"]["content_matches"], false, "{v}");
    assert_eq!(v["verdict"], "NO VÁLIDO");
}

#[tokio::test]
async fn certified_copies_are_numbered_sealed_and_printed_with_the_copied_text() {
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("ordenanza")).await["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err(
            "copy.create",
            json!({"norm_id": id, "certifier": {"name": "Ana", "cargo": "Secretaria General"}}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("norm_id"), "{e:?}");
    h.ok("norm.seal", json!({"id": id})).await;
    // Nobody holds the secretary's cargo in this municipality: the certifier must be given.
    let e = h.err("copy.create", json!({"norm_id": id})).await;
    assert_eq!(e.field.as_deref(), Some("certifier"));
    let e = h.err("copy.create", json!({})).await;
    assert_eq!(e.field.as_deref(), Some("norm_id"));
    let c = h
        .ok(
            "copy.create",
            json!({"norm_id": id, "purpose": "A solicitud de don José Ñique, para trámite judicial.",
                   "certifier": {"name": "María López Ñahui", "cargo": "Secretaria General", "dni": "87654321"}}),
        )
        .await;
    let year = chrono::Local::now().date_naive().format("%Y").to_string();
    assert_eq!(
        c["identifier"],
        format!("CERTIFICADO N° 0001-{year}-SG/MDPR")
    );
    let folios = c["folios"].as_i64().unwrap();
    let pdf = pdf_of(&h, "copia-certificada", c["id"].as_i64().unwrap()).await;
    let text = pdftotext(&pdf);
    for want in [
        "LA SECRETARIA GENERAL DE LA MUNICIPALIDAD DISTRITAL DE PRUEBA QUE SUSCRIBE,",
        "es copia fiel del original de la ORDENANZA N° 001-",
        "A solicitud de don José Ñique",
        "¿quién lo reserva? ¡Todos!",
        "ES COPIA FIEL DEL ORIGINAL",
    ] {
        assert!(text.contains(want), "missing «{want}» in:\n{text}");
    }
    // The folios stated are the original's pages (the sealed norm as printed), not the
    // certificate's.
    let original = pdftotext(&pdf_of(&h, "ordenanza", id).await);
    let original_pages = original.matches('\u{c}').count() as i64;
    assert_eq!(
        folios, original_pages,
        "the folios are the original's pages"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!(
            "consta de {} ({folios}) folio",
            cabildo::spanish::apocope(&cabildo::spanish::number_words(folios as u32))
        )),
        "{flat}"
    );
    // A decreto is masculine: "del original del DECRETO", never "de la DECRETO".
    let dec = h.ok("norm.create", draft("decreto")).await["id"]
        .as_i64()
        .unwrap();
    h.ok("norm.seal", json!({"id": dec})).await;
    let c = h
        .ok(
            "copy.create",
            json!({"norm_id": dec, "certifier": {"name": "María López Ñahui", "cargo": "Secretaria General"}}),
        )
        .await;
    let text = pdftotext(&pdf_of(&h, "copia-certificada", c["id"].as_i64().unwrap()).await)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("es copia fiel del original del DECRETO DE ALCALDÍA N° 001-"),
        "{text}"
    );
    assert!(!text.contains("la DECRETO"), "{text}");
    // Listed as printable.
    let list = h
        .ok("records.list", json!({"kind": "copia-certificada"}))
        .await;
    assert!(list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "copia-certificada" && r["id"] == c["id"]));
}

#[tokio::test]
async fn print_settings_are_checked_and_frozen_into_each_seal() {
    let h = Host::peru().await;
    let id = h.ok("norm.create", draft("decreto")).await["id"]
        .as_i64()
        .unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    let before = pdf_of(&h, "decreto", id).await;
    let mut s = h.ok("print.settings.get", json!({})).await;
    assert_eq!(s["paper"], "a4");
    s["paper"] = json!("legal");
    assert_eq!(
        h.err("print.settings.set", s.clone())
            .await
            .field
            .as_deref(),
        Some("paper")
    );
    s["paper"] = json!("oficio");
    s["margin_left_mm"] = json!(2);
    assert_eq!(
        h.err("print.settings.set", s.clone())
            .await
            .field
            .as_deref(),
        Some("margin_left_mm")
    );
    s["margin_left_mm"] = json!(35);
    h.ok("print.settings.set", s).await;
    // The sealed decree prints as it was sealed; a new one takes Oficio.
    assert_eq!(before, pdf_of(&h, "decreto", id).await);
    let id2 = h.ok("norm.create", draft("decreto")).await["id"]
        .as_i64()
        .unwrap();
    h.ok("norm.seal", json!({"id": id2})).await;
    let pdf = pdf_of(&h, "decreto", id2).await;
    let info = run_pdfinfo(&pdf);
    assert!(
        info.contains("612.284 x 935.433 pts"),
        "Oficio is 216 × 330 mm: {info}"
    );
}

fn run_pdfinfo(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, pdf).unwrap();
    run_ok(Command::new("pdfinfo").arg(&f))
}

#[test]
fn cli_prints_every_demo_record_and_explains_bad_requests() {
    require("qpdf", "apt-get install -y qpdf");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let run = |args: &[&str]| {
        cabildo_bin()
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let out = run(&["print", "--list"]);
    assert!(out.status.success());
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = list.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    for k in [
        "ordenanza",
        "decreto",
        "resolucion",
        "acuerdo",
        "copia-certificada",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    for r in &list {
        assert_eq!(r.as_object().unwrap().len(), 3, "{{kind, id, title}}: {r}");
    }
    // One record of each kind, printed twice.
    let mut seen = std::collections::BTreeSet::new();
    for r in list
        .iter()
        .filter(|r| seen.insert(r["kind"].as_str().unwrap().to_string()))
    {
        let file = dir
            .path()
            .join(format!("{}-{}.pdf", r["kind"].as_str().unwrap(), r["id"]));
        let out = run(&[
            "print",
            r["kind"].as_str().unwrap(),
            &r["id"].to_string(),
            "-o",
            file.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        run_ok(Command::new("qpdf").arg("--check").arg(&file));
        // Printing the same sealed record twice gives the same bytes.
        let again = dir.path().join("again.pdf");
        run(&[
            "print",
            r["kind"].as_str().unwrap(),
            &r["id"].to_string(),
            "-o",
            again.to_str().unwrap(),
        ]);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(&again).unwrap(),
            "{r}"
        );
    }
    let e = run(&["print", "memorando", "1", "-o", "x.pdf"]);
    assert_eq!(e.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&e.stderr).unwrap();
    assert_eq!(err["field"], "kind");
    assert!(err["message"].as_str().unwrap().contains("ordenanza"));
    let e = run(&["print", "ordenanza", "999", "-o", "x.pdf"]);
    assert_eq!(e.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&e.stderr).unwrap();
    assert_eq!(err["kind"], "not_found");
    let e = run(&["print", "ordenanza"]);
    assert_eq!(e.status.code(), Some(1));
    let ordenanza = list.iter().find(|r| r["kind"] == "ordenanza").unwrap()["id"].to_string();
    let e = run(&["print", "ordenanza", &ordenanza, "-o", "/no/existe/x.pdf"]);
    let err: Value = serde_json::from_slice(&e.stderr).unwrap();
    assert_eq!(err["field"], "path", "{err}");
}

#[tokio::test]
async fn a_certified_copy_of_an_attached_pdf_carries_its_pages_after_the_certificate() {
    let h = Host::peru().await;
    let dir = tempfile::tempdir().unwrap();
    // Any PDF the clerk has: here, a three-page sample norm rendered by the engine.
    let attached = cabildo::pdf::norm::render(&cabildo::pdf::sample::norm(30, 0)).unwrap();
    let attached_pages = run_pdfinfo(&attached)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse::<i64>().unwrap())
        })
        .unwrap();
    let file = dir.path().join("acta-escaneada.pdf");
    std::fs::write(&file, &attached).unwrap();
    let certifier = json!({"name": "María López Ñahui", "cargo": "Secretaria General"});
    let e = h
        .err(
            "copy.create",
            json!({"file_path": file.display().to_string(), "certifier": certifier}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("description"));
    let not_pdf = dir.path().join("nota.txt");
    std::fs::write(&not_pdf, "hola").unwrap();
    let e = h
        .err("copy.create", json!({"file_path": not_pdf.display().to_string(), "description": "x", "certifier": certifier}))
        .await;
    assert_eq!(e.field.as_deref(), Some("file_path"));
    let c = h
        .ok(
            "copy.create",
            json!({"file_path": file.display().to_string(), "certifier": certifier,
                   "description": "Acta de la Sesión Ordinaria N° 21-2026, folios 120 a 131"}),
        )
        .await;
    let pdf = pdf_of(&h, "copia-certificada", c["id"].as_i64().unwrap()).await;
    let pages = run_pdfinfo(&pdf)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse::<i64>().unwrap())
        })
        .unwrap();
    assert!(
        pages > attached_pages,
        "the certificate, then the attached pages"
    );
    assert_eq!(
        c["folios"].as_i64().unwrap(),
        attached_pages,
        "the folios stated are the original's pages"
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Documento certificado: Acta de la Sesión Ordinaria N° 21-2026"),
        "{text}"
    );
    assert!(
        text.contains("ORDENANZA QUE REGULA LA SEGREGACIÓN"),
        "the attached pages follow: {text}"
    );
    require("qpdf", "apt-get install -y qpdf");
    let f = dir.path().join("copia.pdf");
    std::fs::write(&f, &pdf).unwrap();
    run_ok(Command::new("qpdf").arg("--check").arg(&f));
    // Printing it again gives the same bytes.
    assert_eq!(
        pdf,
        pdf_of(&h, "copia-certificada", c["id"].as_i64().unwrap()).await
    );
}
