//! Users, roles and permissions: signing in, lockout, password changes, the unit limit of a
//! Jefe de unidad, and the whole permission matrix of the seeded roles against a golden file.

mod common;

use std::collections::BTreeMap;

use cabildo::api;
use cabildo::auth::Actor;
use cabildo::ApiError;
use common::Host;
use serde_json::{json, Value};

const PASSWORD: &str = "Clave-segura-2026";

async fn as_user(h: &Host, actor: &Actor, method: &str, params: Value) -> Result<Value, ApiError> {
    api::dispatch(&h.cab, actor, method, params, false)
        .await
        .map_err(|e| e.to_api())
}

async fn sign_in(h: &Host, login: &str, password: &str) -> Result<Actor, ApiError> {
    api::sign_in(&h.cab, login, password)
        .await
        .map(|me| Actor::user(me.id, &me.login))
        .map_err(|e| e.to_api())
}

/// A user with `roles`, who has already chosen their password.
async fn user(h: &Host, login: &str, roles: &[&str], unit_id: Option<i64>) -> Actor {
    h.ok(
        "user.create",
        json!({"login": login, "name": format!("Usuario {login}"), "password": "Temporal-123",
               "roles": roles, "unit_id": unit_id}),
    )
    .await;
    let actor = sign_in(h, login, "Temporal-123").await.unwrap();
    as_user(
        h,
        &actor,
        "auth.password.change",
        json!({"current_password": "Temporal-123", "new_password": PASSWORD}),
    )
    .await
    .unwrap();
    actor
}

#[tokio::test]
async fn the_first_administrator_is_created_only_while_there_is_no_user() {
    let h = Host::new().await;
    let nobody = Actor::nobody();
    let e = as_user(&h, &nobody, "org.unit.list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "unauthenticated");
    let bad = as_user(
        &h,
        &nobody,
        "auth.first_admin",
        json!({"login": "admin", "name": "Ana Quispe", "password": "corta"}),
    )
    .await
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("password"));
    as_user(
        &h,
        &nobody,
        "auth.first_admin",
        json!({"login": "admin", "name": "Ana Quispe", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let again = as_user(
        &h,
        &nobody,
        "auth.first_admin",
        json!({"login": "otro", "name": "Otro", "password": PASSWORD}),
    )
    .await
    .unwrap_err();
    assert_eq!(again.kind, "unauthenticated", "{again:?}");
    assert!(api::has_users(&h.cab).await.unwrap());
    let admin = sign_in(&h, "ADMIN", PASSWORD).await.unwrap();
    as_user(
        &h,
        &admin,
        "municipality.create",
        json!({"name": "Municipalidad Distrital de Prueba", "short_name": "MDPR", "country": "PE", "kind": "distrital"}),
    )
    .await
    .unwrap();
    let me = as_user(&h, &admin, "auth.me", json!({})).await.unwrap();
    assert_eq!(me["roles"], json!(["Administrador del sistema"]));
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_and_a_reset_lifts_it() {
    let h = Host::peru().await;
    user(&h, "mgarcia", &["secretaria"], None).await;
    for _ in 0..4 {
        let e = sign_in(&h, "mgarcia", "equivocada").await.unwrap_err();
        assert_eq!(e.kind, "unauthenticated");
        assert_eq!(e.message, "Usuario o contraseña incorrectos.");
    }
    let fifth = sign_in(&h, "mgarcia", "equivocada").await.unwrap_err();
    assert!(
        fifth.message.contains("bloqueado 15 minutos"),
        "{}",
        fifth.message
    );
    let locked = sign_in(&h, "mgarcia", PASSWORD).await.unwrap_err();
    assert!(
        locked.message.contains("bloqueado hasta"),
        "{}",
        locked.message
    );
    let unknown = sign_in(&h, "nadie", PASSWORD).await.unwrap_err();
    assert_eq!(unknown.message, "Usuario o contraseña incorrectos.");
    let id = h.ok("user.list", json!({"query": "mgarcia"})).await["items"][0]["id"].clone();
    assert!(h.ok("user.get", json!({"id": id})).await["locked_until"].is_string());
    h.ok(
        "user.password.reset",
        json!({"id": id, "password": "Nueva-clave-1"}),
    )
    .await;
    let actor = sign_in(&h, "mgarcia", "Nueva-clave-1").await.unwrap();
    // A temporary password: nothing but changing it until it is changed.
    let e = as_user(&h, &actor, "session.list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    assert!(e.message.contains("contraseña temporal"), "{}", e.message);
    let wrong = as_user(
        &h,
        &actor,
        "auth.password.change",
        json!({"current_password": "otra", "new_password": "Mi-clave-propia"}),
    )
    .await
    .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("current_password"));
    as_user(
        &h,
        &actor,
        "auth.password.change",
        json!({"current_password": "Nueva-clave-1", "new_password": "Mi-clave-propia"}),
    )
    .await
    .unwrap();
    as_user(&h, &actor, "norm.list", json!({})).await.unwrap();
    // Every attempt is in the trail under the login that was tried, and no password is.
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT actor, coalesce(params, '') || summary FROM audit_log WHERE method = 'auth.sign_in'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    assert!(
        rows.iter().filter(|(a, _)| a == "mgarcia").count() >= 7,
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|(_, t)| t.contains("rechazado")),
        "{rows:?}"
    );
    for (_, text) in &rows {
        assert!(
            !text.contains("equivocada") && !text.contains("Nueva-clave-1"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_disabled_user_is_cut_off_at_the_next_request() {
    let h = Host::peru().await;
    let actor = user(&h, "rquispe", &["consulta"], None).await;
    as_user(&h, &actor, "norm.list", json!({})).await.unwrap();
    let u = h.ok("user.list", json!({"query": "rquispe"})).await["items"][0].clone();
    h.ok(
        "user.update",
        json!({"id": u["id"], "name": u["name"], "roles": ["consulta"], "unit_id": null, "active": false}),
    )
    .await;
    let e = as_user(&h, &actor, "norm.list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "unauthenticated");
    let e = sign_in(&h, "rquispe", PASSWORD).await.unwrap_err();
    assert!(e.message.contains("desactivado"), "{}", e.message);
}

#[tokio::test]
async fn the_last_administrator_cannot_be_removed() {
    let h = Host::peru().await;
    let admin = user(&h, "admin", &["administrador"], None).await;
    let id = admin.user_id().unwrap();
    let e = as_user(
        &h,
        &admin,
        "user.update",
        json!({"id": id, "name": "Admin", "roles": ["consulta"], "unit_id": null, "active": true}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, "conflict", "{e:?}");
    let e = as_user(
        &h,
        &admin,
        "role.save",
        json!({"code": "administrador", "name": "Administrador del sistema", "permissions": [{"method": "norm.list", "unit_only": false}]}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("permissions"));
}

#[tokio::test]
async fn a_unit_head_records_only_their_units_month_and_cannot_seal_a_norm() {
    let h = Host::demo().await;
    let units = h.ok("org.unit.list", json!({})).await;
    let unit = |code: &str| {
        units
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == code)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let missing_unit = h
        .err(
            "user.create",
            json!({"login": "jefe2", "name": "Jefe", "password": "Temporal-123", "roles": ["jefe_unidad"], "unit_id": null}),
        )
        .await;
    assert_eq!(missing_unit.field.as_deref(), Some("unit_id"));
    let jefe = user(&h, "jefe.obras", &["jefe_unidad"], Some(unit("GDUR"))).await;
    let plan = h.ok("plan.operational.list", json!({})).await["rows"][0]["id"].clone();
    let own = as_user(
        &h,
        &jefe,
        "plan.execution.month",
        json!({"plan_id": plan, "unit_id": unit("GDUR"), "month": 1}),
    )
    .await;
    assert!(own.is_ok(), "{own:?}");
    let other = as_user(
        &h,
        &jefe,
        "plan.execution.month",
        json!({"plan_id": plan, "unit_id": unit("GAT"), "month": 1}),
    )
    .await
    .unwrap_err();
    assert_eq!(other.kind, "forbidden");
    assert!(other.message.contains("propia unidad"), "{}", other.message);
    let draft = h.ok("norm.list", json!({"status": "borrador"})).await["rows"]
        .as_array()
        .unwrap()
        .first()
        .map(|n| n["id"].clone());
    let seal = as_user(
        &h,
        &jefe,
        "norm.seal",
        json!({"id": draft.unwrap_or(json!(1))}),
    )
    .await
    .unwrap_err();
    assert_eq!(seal.kind, "forbidden");
    assert!(
        seal.message.contains("«Sellar (numerar y emitir) normas»"),
        "{}",
        seal.message
    );
}

#[tokio::test]
async fn the_demo_users_sign_in_with_the_documented_password() {
    let h = Host::demo().await;
    for login in [
        "admin",
        "gerente",
        "secretaria",
        "planeamiento",
        "jefe.urbano",
        "regidor",
        "consulta",
    ] {
        let me = api::sign_in(&h.cab, login, cabildo::demo::DEMO_PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("{login}: {e}"));
        assert!(!me.must_change, "{login}");
        assert!(!me.name.trim().is_empty(), "{login}");
    }
}

#[tokio::test]
async fn roles_can_be_created_edited_and_deleted() {
    let h = Host::peru().await;
    let role = h
        .ok(
            "role.save",
            json!({"name": "Imagen Institucional", "description": "Publica", "permissions": [
                {"method": "norm.list", "unit_only": false}, {"method": "norm.get", "unit_only": false}]}),
        )
        .await;
    assert_eq!(role["code"], "imagen_institucional");
    let reader = user(&h, "prensa", &["imagen_institucional"], None).await;
    as_user(&h, &reader, "norm.list", json!({})).await.unwrap();
    assert_eq!(
        as_user(&h, &reader, "session.list", json!({}))
            .await
            .unwrap_err()
            .kind,
        "forbidden"
    );
    let bad = h
        .err(
            "role.save",
            json!({"name": "Otro", "permissions": [{"method": "no.existe", "unit_only": false}]}),
        )
        .await;
    assert_eq!(bad.field.as_deref(), Some("permissions"));
    let in_use = h
        .err("role.delete", json!({"code": "imagen_institucional"}))
        .await;
    assert_eq!(in_use.kind, "conflict");
    let builtin = h.err("role.delete", json!({"code": "consulta"})).await;
    assert_eq!(builtin.kind, "conflict");
}

#[tokio::test]
async fn chilean_roles_carry_chilean_names() {
    let h = Host::new().await;
    h.ok(
        "municipality.create",
        json!({"name": "Ilustre Municipalidad de Prueba", "short_name": "IMP", "country": "CL", "kind": "comuna"}),
    )
    .await;
    let roles = h.ok("role.list", json!({})).await;
    let names: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for n in [
        "Administrador Municipal",
        "Secretaría Municipal",
        "Concejal(a)",
    ] {
        assert!(names.contains(&n), "{names:?}");
    }
}

/// The permission matrix: every permission (method or operation) × every seeded role, against
/// tests/permissions.csv. A new method without a decided permission fails here: decide it,
/// then write the file anew with `CABILDO_BLESS=1 cargo test --test users matrix` and review
/// the difference.
#[tokio::test]
async fn the_permission_matrix_of_the_seeded_roles_is_the_decided_one() {
    let h = Host::demo().await;
    let roles: Vec<String> = h
        .ok("role.list", json!({}))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    let gdur = h
        .ok("org.unit.list", json!({}))
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "GDUR")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut actors = Vec::new();
    for role in &roles {
        let unit = (role == "jefe_unidad").then_some(gdur);
        actors.push(user(&h, &format!("u.{role}"), &[role.as_str()], unit).await);
    }
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let mut actual: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let catalog = api::catalog();
    for p in &catalog {
        let mut row = Vec::new();
        for actor in &actors {
            let own = json!({"unit_id": gdur});
            let other = json!({"unit_id": gdur + 1});
            let cell = match (
                cabildo::auth::authorize(&mut conn, actor, &p.method, &own).await,
                cabildo::auth::authorize(&mut conn, actor, &p.method, &other).await,
            ) {
                (Ok(()), Ok(())) => "sí",
                (Ok(()), Err(_)) => "unidad",
                (Err(e), _) => {
                    assert_eq!(e.to_api().kind, "forbidden", "{}: {e}", p.method);
                    "no"
                }
            };
            row.push(cell);
        }
        actual.insert(p.method.clone(), row);
    }
    let mut text = format!("permiso,{}\n", roles.join(","));
    for p in &catalog {
        text.push_str(&format!("{},{}\n", p.method, actual[&p.method].join(",")));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/permissions.csv");
    if std::env::var_os("CABILDO_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let expected_methods: Vec<&str> = expected
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    for p in &catalog {
        assert!(
            expected_methods.contains(&p.method.as_str()),
            "«{}» has no decided permissions in tests/permissions.csv",
            p.method
        );
    }
    for (want, got) in expected.lines().zip(text.lines()) {
        assert_eq!(got, want, "permission matrix differs (left: actual)");
    }
    assert_eq!(expected.lines().count(), text.lines().count());
}
