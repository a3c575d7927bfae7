//! The audit trail a person can read and nobody can quietly rewrite (ADR 0011): every write
//! method has a Spanish summary, the list pages and filters in the core, and `cabildo check`
//! detects an edited entry, the newest entries deleted, and the whole table re-chained.

mod common;

use cabildo::api::{self, Access};
use common::Host;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

#[test]
fn every_write_method_has_a_summary() {
    let missing: Vec<&str> = api::METHODS
        .iter()
        .copied()
        .filter(|m| api::access(m) == Some(Access::Write))
        .filter(|m| !cabildo::audit::describe::covers(m))
        .collect();
    assert!(
        missing.is_empty(),
        "write methods without a phrase in src/audit/describe.rs: {missing:?}"
    );
}

fn draft(title: &str) -> Value {
    json!({
        "series": "ordenanza",
        "date": chrono::Local::now().date_naive().to_string(),
        "title": title,
        "vistos": ["El informe de la Gerencia Municipal;"],
        "considerandos": ["Que, es necesario regular la materia;"],
        "preamble": null,
        "operative_heading": "HA DADO LA ORDENANZA SIGUIENTE:",
        "articles": [{"text": "APROBAR lo expuesto."}],
        "closing_formula": "Regístrese, comuníquese y cúmplase.",
        "signatories": [{"name": "Juan Pérez Quispe", "cargo": "Alcalde", "dni": "12345678"}]
    })
}

/// A municipality with a unit and a sealed ordinance: a few entries of each kind.
async fn host_with_history() -> (Host, String) {
    let h = Host::peru().await;
    for (name, code) in [
        ("Gerencia Municipal", "GM"),
        ("Gerencia de Obras", "GO"),
        ("Secretaría General", "SG"),
    ] {
        h.ok(
            "org.unit.create",
            json!({"parent_id": null, "name": name, "code": code, "kind": "apoyo", "head_person_id": null}),
        )
        .await;
    }
    let id = h
        .ok("norm.create", draft("Regula el comercio ambulatorio"))
        .await["id"]
        .as_i64()
        .unwrap();
    let sealed = h.ok("norm.seal", json!({"id": id})).await;
    let ident = sealed["identifier"].as_str().unwrap().to_string();
    h.ok(
        "org.unit.create",
        json!({"parent_id": null, "name": "Gerencia de Rentas", "code": "GR", "kind": "linea", "head_person_id": null}),
    )
    .await;
    (h, ident)
}

async fn problems(h: &Host) -> Vec<String> {
    h.cab.check().await.unwrap().problems
}

async fn exec(pool: &SqlitePool, sql: &str) {
    sqlx::query(sql).execute(pool).await.unwrap();
}

#[tokio::test]
async fn a_sealed_norm_is_summarised_by_its_identifier_and_the_trail_checks_clean() {
    let (h, ident) = host_with_history().await;
    let page = h
        .ok("audit.list", json!({"filters": {"method": "norm.seal"}}))
        .await;
    let e = &page["entries"][0];
    assert_eq!(e["summary"], format!("Selló la {ident}"));
    assert_eq!(e["record"]["kind"], "norma");
    assert_eq!(e["record"]["label"], ident.as_str());
    assert_eq!(e["v"], 2);
    assert_eq!(e["params"]["id"], e["record"]["id"]);
    assert!(problems(&h).await.is_empty(), "{:?}", problems(&h).await);
}

#[tokio::test]
async fn an_edited_entry_is_detected() {
    let (h, _) = host_with_history().await;
    let pool = h.cab.pool();
    exec(pool, "DROP TRIGGER audit_log_no_update").await;
    exec(
        pool,
        "UPDATE audit_log SET summary = 'Creó la unidad orgánica «Otra»' WHERE id = 3",
    )
    .await;
    let p = problems(&h).await;
    assert!(
        p.iter().any(|p| p.contains("la entrada 3 fue alterada")),
        "{p:?}"
    );
}

#[tokio::test]
async fn deleting_the_newest_entries_is_detected_by_the_witness() {
    let (h, _) = host_with_history().await;
    let pool = h.cab.pool();
    exec(pool, "DROP TRIGGER audit_log_no_delete").await;
    let newest: i64 = sqlx::query_scalar("SELECT max(id) FROM audit_log")
        .fetch_one(pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE id > $1")
        .bind(newest - 2)
        .execute(pool)
        .await
        .unwrap();
    // What is left is a perfectly good chain; only the witness knows it was longer.
    let (_, chain) = cabildo::audit::verify(&mut pool.acquire().await.unwrap())
        .await
        .unwrap();
    assert!(chain.is_empty(), "{chain:?}");
    let p = problems(&h).await;
    assert!(
        p.iter()
            .any(|p| p.contains("se borraron las entradas más recientes")),
        "{p:?}"
    );
}

/// The v2 formula, as anyone who read the ADR could recompute it.
fn v2_hash(row: &sqlx::sqlite::SqliteRow, prev: &str) -> String {
    use sqlx::Row;
    let text = |c: &str| row.get::<Option<String>, _>(c).unwrap_or_default();
    let id = row
        .get::<Option<i64>, _>("record_id")
        .map(|i| i.to_string())
        .unwrap_or_default();
    let mut h = Sha256::new();
    for part in [
        "cabildo-auditoria-v2".to_string(),
        prev.to_string(),
        text("at"),
        text("actor"),
        text("method"),
        text("params_sha256"),
        text("result_sha256"),
        text("params"),
        text("record_kind"),
        id,
        text("record_label"),
        text("summary"),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// Edit entry `from` and recompute every hash from it on, with the real formula.
async fn rechain(pool: &SqlitePool, from: i64) {
    use sqlx::Row;
    exec(pool, "DROP TRIGGER audit_log_no_update").await;
    sqlx::query("UPDATE audit_log SET summary = 'Nada que ver' WHERE id = $1")
        .bind(from)
        .execute(pool)
        .await
        .unwrap();
    let rows = sqlx::query("SELECT * FROM audit_log ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap();
    let mut prev = String::new();
    for row in rows {
        let id: i64 = row.get("id");
        if id >= from {
            let hash = v2_hash(&row, &prev);
            sqlx::query("UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3")
                .bind(&prev)
                .bind(&hash)
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
            prev = hash;
        } else {
            prev = row.get("hash");
        }
    }
}

#[tokio::test]
async fn a_full_rechain_is_detected_by_the_witness_and_by_the_sealed_record() {
    let (h, _) = host_with_history().await;
    let pool = h.cab.pool();
    rechain(pool, 2).await;
    let (_, chain) = cabildo::audit::verify(&mut pool.acquire().await.unwrap())
        .await
        .unwrap();
    assert!(
        chain.is_empty(),
        "the re-chained table is self-consistent: {chain:?}"
    );
    let p = problems(&h).await;
    assert!(
        p.iter().any(|p| p.contains("la cadena fue reescrita")),
        "{p:?}"
    );
    // Without the witness (deleted too), the sealed ordinance still holds the old link.
    std::fs::remove_file(cabildo::audit::witness::path_of(h.cab.db_path())).unwrap();
    let p = problems(&h).await;
    assert!(p.iter().any(|p| p.contains("falta el testigo")), "{p:?}");
    assert!(
        p.iter()
            .any(|p| p.contains("registro sellado «norma»") && p.contains("reescrita")),
        "{p:?}"
    );
}

#[tokio::test]
async fn a_forged_witness_and_a_reanchor() {
    let (h, _) = host_with_history().await;
    let path = cabildo::audit::witness::path_of(h.cab.db_path());
    let mut w: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let count = w["count"].as_i64().unwrap();
    w["count"] = json!(count - 1);
    std::fs::write(&path, serde_json::to_vec(&w).unwrap()).unwrap();
    let p = problems(&h).await;
    assert!(p.iter().any(|p| p.contains("no es válida")), "{p:?}");
    // The restore procedure anchors a verified chain again.
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let head = cabildo::audit::reanchor(&mut conn, h.cab.db_path())
        .await
        .unwrap();
    assert_eq!(head.count, count);
    drop(conn);
    assert!(problems(&h).await.is_empty());
    // A witness behind the table (a crash between the commit and its write) is fine.
    let older = std::fs::read(&path).unwrap();
    h.ok(
        "municipality.year_name.set",
        json!({"year": 2026, "name": "Año de la esperanza"}),
    )
    .await;
    assert_ne!(std::fs::read(&path).unwrap(), older, "the witness follows");
    std::fs::write(&path, older).unwrap();
    assert!(problems(&h).await.is_empty());
}

#[tokio::test]
async fn entries_written_with_the_old_formula_still_verify() {
    let h = Host::new().await;
    // An entry as version 1 wrote it: only the digests are hashed.
    let mut sha = Sha256::new();
    for part in [
        "",
        "2025-01-01T09:00:00.000-05:00",
        "admin",
        "demo.load",
        "p",
        "r",
    ] {
        sha.update(part.as_bytes());
        sha.update([0u8]);
    }
    let hash = hex::encode(sha.finalize());
    sqlx::query(
        "INSERT INTO audit_log (at, actor, method, params_sha256, result_sha256, prev_hash, hash)
         VALUES ('2025-01-01T09:00:00.000-05:00', 'admin', 'demo.load', 'p', 'r', '', $1)",
    )
    .bind(&hash)
    .execute(h.cab.pool())
    .await
    .unwrap();
    h.ok(
        "municipality.create",
        json!({"name": "Municipalidad Distrital de Prueba", "short_name": "MDPR", "country": "PE", "kind": "distrital"}),
    )
    .await;
    assert!(problems(&h).await.is_empty(), "{:?}", problems(&h).await);
    let page = h.ok("audit.list", json!({})).await;
    assert_eq!(page["entries"][1]["v"], 1);
    assert_eq!(page["entries"][1]["params"], Value::Null);
    assert_eq!(page["entries"][0]["v"], 2);
    // A version-1 entry after version-2 ones is a downgrade: refused by the check.
    h.ok(
        "municipality.year_name.set",
        json!({"year": 2026, "name": "Año de la esperanza"}),
    )
    .await;
    let pool = h.cab.pool();
    exec(pool, "DROP TRIGGER audit_log_no_update").await;
    exec(pool, "UPDATE audit_log SET v = 1 WHERE id = 3").await;
    let p = problems(&h).await;
    assert!(p.iter().any(|p| p.contains("fórmula antigua")), "{p:?}");
}

#[tokio::test]
async fn the_list_pages_by_keyset_and_filters_in_the_core() {
    let (h, ident) = host_with_history().await;
    let mut ids = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = h
            .ok("audit.list", json!({"limit": 3, "before": before}))
            .await;
        let entries = page["entries"].as_array().unwrap();
        assert!(entries.len() <= 3);
        ids.extend(entries.iter().map(|e| e["id"].as_i64().unwrap()));
        before = page["next"].clone();
        if before.is_null() {
            break;
        }
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(h.cab.pool())
        .await
        .unwrap();
    assert_eq!(ids, (1..=total).rev().collect::<Vec<_>>());

    let units = h
        .ok("audit.list", json!({"filters": {"method": "org"}}))
        .await;
    assert_eq!(units["entries"].as_array().unwrap().len(), 4);
    let obras = h
        .ok("audit.list", json!({"filters": {"text": "Obras"}}))
        .await;
    assert_eq!(obras["entries"].as_array().unwrap().len(), 1);
    let norm = h
        .ok(
            "audit.list",
            json!({"filters": {"text": ident.split(" N").next().unwrap()}}),
        )
        .await;
    assert_eq!(norm["entries"][0]["method"], "norm.seal");
    let norm_id = norm["entries"][0]["record"]["id"].clone();
    let by_record = h
        .ok(
            "audit.list",
            json!({"filters": {"record_kind": "norma", "record_id": norm_id}}),
        )
        .await;
    assert_eq!(by_record["entries"].as_array().unwrap().len(), 2);
    let today = chrono::Local::now().date_naive();
    let none = h
        .ok(
            "audit.list",
            json!({"filters": {"actor": "admin", "to": today.pred_opt().unwrap().to_string()}}),
        )
        .await;
    assert_eq!(none["entries"].as_array().unwrap().len(), 0);
    let bad = h
        .call(
            "audit.list",
            json!({"filters": {"from": today.to_string(), "to": today.pred_opt().unwrap().to_string()}}),
        )
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("to"));
}

#[tokio::test]
async fn the_export_is_csv_with_a_bom() {
    let (h, ident) = host_with_history().await;
    let path = h.dir.path().join("auditoría.csv");
    let out = h
        .ok(
            "audit.export",
            json!({"path": path.display().to_string(), "filters": {"method": "norm"}}),
        )
        .await;
    assert_eq!(out["rows"], 2);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("Resumen"), "{text}");
    assert!(text.contains(&format!("Selló la {ident}")), "{text}");
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[tokio::test]
async fn an_old_database_is_upgraded_and_anchored_once() {
    // A database at schema 1 with an entry of the old formula.
    let dir = tempfile::tempdir().unwrap();
    let only_first = dir.path().join("m");
    std::fs::create_dir(&only_first).unwrap();
    std::fs::copy(
        "migrations/0001_foundation.sql",
        only_first.join("0001_foundation.sql"),
    )
    .unwrap();
    let db = dir.path().join("old.db");
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(
                sqlx::sqlite::SqliteConnectOptions::new()
                    .filename(&db)
                    .create_if_missing(true),
            )
            .await
            .unwrap();
        sqlx::migrate::Migrator::new(only_first.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        let mut sha = Sha256::new();
        for part in [
            "",
            "2024-05-01T09:00:00.000-05:00",
            "admin",
            "org.unit.create",
            "p",
            "r",
        ] {
            sha.update(part.as_bytes());
            sha.update([0u8]);
        }
        sqlx::query(
            "INSERT INTO audit_log (at, actor, method, params_sha256, result_sha256, prev_hash, hash)
             VALUES ('2024-05-01T09:00:00.000-05:00', 'admin', 'org.unit.create', 'p', 'r', '', $1)",
        )
        .bind(hex::encode(sha.finalize()))
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }
    let cab = cabildo::Cabildo::open(&db).await.unwrap();
    assert!(cabildo::audit::witness::exists(&db), "anchored on upgrade");
    let report = cab.check().await.unwrap();
    assert_eq!(report.audit_entries, 1);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
