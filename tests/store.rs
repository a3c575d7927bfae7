//! The store: pragmas, migrations, backups before migrating, refusing newer databases,
//! one transaction per request, the audit trail.

mod common;

use common::Host;
use serde_json::json;
use sqlx::Row;

#[tokio::test]
async fn pragmas_are_those_of_a_legal_record() {
    let h = Host::new().await;
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(busy >= 5000);
    // Every table of ours is STRICT (the full-text index is a virtual table, with its shadow
    // tables: SQLite's FTS5 owns their layout, and neither can be STRICT).
    let rows = sqlx::query("SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name AND t.schema = 'main' WHERE m.type = 'table' AND t.type = 'table' AND m.name NOT LIKE '\\_%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite_%'")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert!(rows.len() >= 12);
    for r in rows {
        let (name, sql): (String, String) = (r.get(0), r.get(1));
        assert!(sql.trim_end().ends_with("STRICT"), "{name} is not STRICT");
    }
}

#[tokio::test]
async fn a_database_newer_than_the_binary_is_refused_untouched() {
    let h = Host::new().await;
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (9999, 'futuro', '2030-01-01', 1, x'00', 0)")
        .execute(h.cab.pool())
        .await
        .unwrap();
    let path = h.db_path();
    h.cab.clone().close().await;
    let files_before = std::fs::read_dir(h.dir.path()).unwrap().count();
    let err = cabildo::Cabildo::open(&path).await.unwrap_err().to_api();
    assert_eq!(err.kind, "conflict");
    assert!(
        err.message.contains("versión más reciente"),
        "{}",
        err.message
    );
    // Nothing was migrated and no backup was taken.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&pool)
            .await
            .unwrap();
    let mut expected: Vec<i64> = cabildo::db::MIGRATOR.iter().map(|m| m.version).collect();
    expected.push(9999);
    assert_eq!(versions, expected);
    pool.close().await;
    assert!(std::fs::read_dir(h.dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".bak")));
    assert!(files_before > 0);
}

#[tokio::test]
async fn a_backup_is_taken_before_a_migration_runs() {
    // Build a database at schema 1 only, with a runtime migrator over the first file.
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
        pool.close().await;
    }
    let cab = cabildo::Cabildo::open(&db).await.unwrap();
    let report = cab.open_report().clone();
    assert_eq!(report.from_version, 1);
    assert_eq!(report.to_version, cabildo::db::binary_schema_version());
    let backup = report.backup.expect("a backup was taken");
    assert!(backup.exists());
    // The backup is the old schema: no rule rows yet.
    let old = sqlx::sqlite::SqlitePoolOptions::new()
        .connect_with(
            sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&backup)
                .read_only(true),
        )
        .await
        .unwrap();
    let versions: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
        .fetch_all(&old)
        .await
        .unwrap();
    assert_eq!(versions, vec![1]);
    let rules: i64 = sqlx::query_scalar("SELECT count(*) FROM rule")
        .fetch_one(cab.pool())
        .await
        .unwrap();
    assert!(rules > 0, "the migrated database has the seeded rules");
}

#[tokio::test]
async fn a_failed_request_leaves_nothing_half_written() {
    let h = Host::peru().await;
    // The acuerdo series needs the session kind: the counter moves, then rendering fails.
    let e = h
        .err(
            "numbering.assign",
            json!({"series": "acuerdo", "date": "2026-03-02"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("session_kind"));
    let a = h
        .ok(
            "numbering.assign",
            json!({"series": "acuerdo", "date": "2026-03-02", "session_kind": "ordinaria"}),
        )
        .await;
    assert_eq!(a["number"], 1, "the failed request did not burn a number");
    assert_eq!(a["identifier"], "ACUERDO DE CONCEJO N° 001-2026-SO-CM/MDPR");
}

#[tokio::test]
async fn every_change_is_audited_and_reads_and_dry_runs_are_not() {
    let h = Host::peru().await;
    let count = |h: &Host| {
        let pool = h.cab.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM audit_log")
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(count(&h).await, 1);
    h.ok("org.unit.list", json!({})).await;
    assert_eq!(count(&h).await, 1);
    let unit = json!({"parent_id": null, "name": "Gerencia Municipal", "code": "GM", "kind": "alta_direccion", "head_person_id": null});
    cabildo::api::dispatch(
        &h.cab,
        &cabildo::auth::Actor::system(),
        "org.unit.create",
        unit.clone(),
        true,
    )
    .await
    .unwrap();
    assert_eq!(count(&h).await, 1);
    assert_eq!(
        h.ok("org.unit.list", json!({}))
            .await
            .as_array()
            .unwrap()
            .len(),
        0,
        "dry run saved nothing"
    );
    h.ok("org.unit.create", unit).await;
    assert_eq!(count(&h).await, 2);
    let page = h.ok("audit.list", json!({"limit": 10})).await;
    let entries = &page["entries"];
    assert_eq!(entries[0]["method"], "org.unit.create");
    assert_eq!(entries[0]["actor"], "sistema");
    assert_eq!(entries[0]["params_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        entries[0]["summary"],
        "Creó la unidad orgánica «Gerencia Municipal»"
    );
    let report = h.cab.check().await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[tokio::test]
async fn the_typescript_bindings_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    cabildo::api::export_bindings(dir.path()).unwrap();
    let committed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(cabildo::api::BINDINGS_DIR);
    let mut fresh: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    fresh.sort();
    for name in &fresh {
        let new = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let old = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        let first_difference = new.lines().zip(old.lines()).find(|(a, b)| a != b);
        assert!(
            new == old,
            "ui/src/lib/bindings/{} is stale ({first_difference:?}): run `make bindings` and commit the result",
            name.to_string_lossy()
        );
    }
    let mut committed_names: Vec<_> = std::fs::read_dir(&committed)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    committed_names.sort();
    assert_eq!(
        committed_names, fresh,
        "ui/src/lib/bindings has files the core no longer exports"
    );
}
