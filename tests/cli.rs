//! The `cabildo` command line: every command and every error path.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::cabildo_bin;
use serde_json::Value;

/// Runs as the demo's administrator (ignored by a database that has no user yet).
fn run(db: &std::path::Path, args: &[&str]) -> Output {
    run_as(db, Some(("admin", cabildo::demo::DEMO_PASSWORD)), args)
}

fn run_as(db: &std::path::Path, user: Option<(&str, &str)>, args: &[&str]) -> Output {
    let mut cmd = cabildo_bin();
    cmd.env_remove("CABILDO_USER")
        .env_remove("CABILDO_PASSWORD");
    if let Some((login, password)) = user {
        cmd.env("CABILDO_USER", login)
            .env("CABILDO_PASSWORD", password);
    }
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr_json(o: &Output) -> Value {
    serde_json::from_slice(&o.stderr)
        .unwrap_or_else(|_| panic!("stderr is not JSON: {}", String::from_utf8_lossy(&o.stderr)))
}

#[test]
fn init_call_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let o = run(
        &db,
        &[
            "init",
            "--name",
            "Municipalidad Provincial de Prueba",
            "--short",
            "MPP",
            "--country",
            "PE",
            "--kind",
            "provincial",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["short_name"], "MPP");

    let o = run(&db, &["call", "org.unit.list", "{}"]);
    assert!(o.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap(),
        serde_json::json!([])
    );

    // Params may be omitted when a method takes none.
    assert!(run(&db, &["call", "system.status"]).status.success());

    let o = run(&db, &["call", "org.unit.fly", "{}"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr_json(&o);
    assert_eq!(e["kind"], "bad_request");
    assert!(
        e["message"].as_str().unwrap().contains("org.unit.create"),
        "suggests close methods: {e}"
    );

    let o = run(&db, &["call", "org.unit.create", "{\"name\": "]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_json(&o)["kind"], "bad_request");

    let o = run(&db, &["call", "org.unit.create", "{\"name\": \"Gerencia Municipal\", \"code\": \"GM\", \"parent_id\": null, \"head_person_id\": null}"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr_json(&o);
    assert_eq!(
        (e["kind"].as_str(), e["field"].as_str()),
        (Some("validation"), Some("kind"))
    );

    let o = run(&db, &["call", "org.unit.create", "[1, 2]"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_json(&o)["kind"], "bad_request");

    let o = run(&db, &["call", "org.unit.create", "{\"id\": \"x\"}"]);
    assert_eq!(o.status.code(), Some(1));

    let o = run(&db, &["call", "org.person.create", "{\"doc_type\":\"DNI\",\"doc_number\":12,\"given_names\":\"A\",\"surnames\":\"B\",\"email\":null,\"phone\":null}"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr_json(&o)["field"],
        "doc_number",
        "type errors name the field"
    );

    let o = run(&db, &["call"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_json(&o)["kind"], "bad_request");

    // Dry run validates and saves nothing.
    let o = run(&db, &["call", "--dry-run", "org.unit.create", "{\"name\": \"Gerencia Municipal\", \"code\": \"GM\", \"kind\": \"alta_direccion\", \"parent_id\": null, \"head_person_id\": null}"]);
    assert!(o.status.success());
    let o = run(&db, &["call", "org.unit.list"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap(),
        serde_json::json!([])
    );

    // A second init is refused.
    let o = run(
        &db,
        &[
            "init",
            "--name",
            "Otra Municipalidad",
            "--short",
            "OM",
            "--country",
            "PE",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_json(&o)["kind"], "conflict");
}

#[test]
fn list_prints_every_method() {
    let o = cabildo_bin().args(["call", "--list"]).output().unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let methods: Vec<&str> = text.lines().collect();
    assert_eq!(methods, cabildo::api::METHODS);
    assert!(methods.contains(&"org.unit.create") && methods.contains(&"numbering.assign"));
}

#[test]
fn batch_answers_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut child = cabildo_bin()
        .arg("--db")
        .arg(&db)
        .args(["call", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"{\"method\":\"municipality.create\",\"params\":{\"name\":\"Municipalidad Distrital de Lote\",\"short_name\":\"MDL\",\"country\":\"PE\",\"kind\":\"distrital\"}}\n\
              not json\n\
              {\"method\":\"org.unit.list\"}\n\
              {\"params\":{}}\n",
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "some lines failed");
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["ok"]["short_name"], "MDL");
    assert_eq!(lines[1]["error"]["kind"], "bad_request");
    assert_eq!(lines[2]["ok"], serde_json::json!([]));
    assert_eq!(lines[3]["error"]["kind"], "bad_request");
}

#[test]
fn demo_check_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let o = run(&db, &["demo", "--seed", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["units"].as_i64().unwrap() >= 25);

    let o = run(&db, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], true);

    let copy = dir.path().join("copia.zip");
    let o = run(&db, &["backup", "-o", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["verified"],
        true
    );
    // The copy restores on a fresh folder and holds the same municipality.
    let fresh = dir.path().join("otra").join("c.db");
    let o = run(&fresh, &["restore", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&fresh, &["call", "municipality.get"]);
    assert!(o.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["short_name"],
        "MDSRQ"
    );
    // Backing up onto an existing file is refused.
    let o = run(&db, &["backup", "-o", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));

    // Tamper with the audit trail behind the app's back: check fails.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'intruso' WHERE id = 1")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let o = run(&db, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["problems"][0].as_str().unwrap().contains("auditoría"),
        "{v}"
    );
}

#[test]
fn a_database_with_users_asks_who_is_working() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(run(&db, &["demo", "--seed", "2"]).status.success());
    let o = run_as(&db, None, &["call", "org.unit.list"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr_json(&o);
    assert_eq!(e["kind"], "unauthenticated");
    assert!(e["message"].as_str().unwrap().contains("--user"), "{e}");
    let o = run_as(
        &db,
        Some(("admin", "equivocada")),
        &["call", "org.unit.list"],
    );
    assert_eq!(stderr_json(&o)["kind"], "unauthenticated");
    let consulta = Some(("consulta", cabildo::demo::DEMO_PASSWORD));
    assert!(run_as(&db, consulta, &["call", "org.unit.list"])
        .status
        .success());
    let o = run_as(
        &db,
        consulta,
        &["call", "calendar.rule.delete", r#"{"id": 1}"#],
    );
    let e = stderr_json(&o);
    assert_eq!(e["kind"], "forbidden");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("«Eliminar feriados fijos»"),
        "{e}"
    );
    // `check` reads only the database's integrity: no user needed.
    assert!(run_as(&db, None, &["check"]).status.success());
    // The password typed at a prompt is not possible without a terminal: a clear message.
    let o = cabildo_bin()
        .env_remove("CABILDO_PASSWORD")
        .env("CABILDO_USER", "admin")
        .arg("--db")
        .arg(&db)
        .args(["call", "org.unit.list"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        stderr_json(&o)["message"]
            .as_str()
            .unwrap()
            .contains("CABILDO_PASSWORD"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn demo_on_a_database_with_a_municipality_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(run(&db, &["demo"]).status.success());
    let o = run(&db, &["demo"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_json(&o)["kind"], "conflict");
}

/// `cabildo demo --country CL`: a Chilean comuna in its own terms, which passes `check`.
#[test]
fn chilean_demo_checks_and_speaks_chilean() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let o = run(&db, &["demo", "--country", "CL"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["municipality"]["country"], "CL");
    assert_eq!(v["council_members"], 7, "the alcalde and 6 concejales");
    assert!(v["sessions"].as_i64().unwrap() >= 30, "{v}");
    let logins: Vec<&str> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["login"].as_str().unwrap())
        .collect();
    for l in [
        "admin",
        "gerente",
        "secretaria",
        "planeamiento",
        "jefe.urbano",
        "regidor",
        "consulta",
    ] {
        assert!(logins.contains(&l), "{l} in {logins:?}");
    }

    let o = run(&db, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["ok"],
        true
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let one = |sql: &'static str| {
            let pool = pool.clone();
            async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap() }
        };
        assert_eq!(
            one("SELECT count(*) FROM council_member WHERE role = 'regidor'").await,
            6
        );
        // Three ordinary sessions a month (the Chilean rule set), their actas approved.
        let months: Vec<(String, i64)> = sqlx::query_as(
            "SELECT substr(date, 1, 7), count(*) FROM session s JOIN body b ON b.id = s.body_id
             WHERE b.kind = 'concejo' AND s.kind = 'ordinaria' GROUP BY 1 ORDER BY 1",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert!(months.len() >= 9, "{months:?}");
        // The first and last months may be cut by the demo's year.
        for (m, n) in &months[1..months.len() - 1] {
            assert!(*n >= 3, "{m}: {n} ordinary sessions");
        }
        assert!(one("SELECT count(*) FROM session WHERE status = 'acta_aprobada'").await >= 25);
        let decretos: Vec<String> = sqlx::query_scalar(
            "SELECT identifier FROM norm WHERE kind = 'decreto' AND identifier IS NOT NULL",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert!(decretos.len() >= 3, "{decretos:?}");
        assert!(decretos.iter().all(|d| d.starts_with("DECRETO ALCALDICIO N° ")), "{decretos:?}");
        assert!(one("SELECT count(*) FROM norm WHERE kind = 'acuerdo'").await >= 20);
        assert!(one("SELECT count(*) FROM org_unit WHERE kind = 'direccion'").await >= 9);
        assert_eq!(one("SELECT count(*) FROM org_unit WHERE kind = 'juzgado'").await, 1);
        assert_eq!(one("SELECT count(*) FROM person WHERE doc_type <> 'RUN'").await, 0);

        // What the demo wrote (everything but the Peruvian rule set kept beside the Chilean
        // one and the stable codes) holds no Peruvian law nor Peruvian terms.
        let texts: Vec<String> = sqlx::query_scalar(
            "SELECT name || ' ' || short_name || ' ' || coalesce(address, '') FROM municipality
             UNION ALL SELECT name FROM org_unit
             UNION ALL SELECT title FROM position
             UNION ALL SELECT title || ' ' || summary || ' ' || filed_by || ' ' || item_kind FROM agenda_item
             UNION ALL SELECT place FROM session
             UNION ALL SELECT title || ' ' || coalesce(issuer, '') || vistos || considerandos
                 || coalesce(preamble, '') || articles || closing_formula FROM norm
             UNION ALL SELECT subject || ' ' || source_ref FROM followup_item
             UNION ALL SELECT note FROM council_member_status
             UNION ALL SELECT party FROM council_member
             UNION ALL SELECT content FROM minutes",
        )
        .fetch_all(&pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let all = texts.join("\n");
        for word in ["27972", "27269", "27444", "27806", "regidor", "Regidor", "Distrital", "Gerencia", "Qochapampa"] {
            assert!(!all.contains(word), "«{word}» in the Chilean demo");
        }
        assert!(all.contains("Dirección de Obras Municipales"));
        assert!(all.contains("Ley N° 18.695"));
        pool.close().await;
    });
}
