//! Every list that grows with the years is paged by a key (ADR 0018): for each one, more rows
//! than a page are walked page by page (each row once, in the list's order), rows added in the
//! middle of the walk never make another one repeat or go missing, the page size is checked,
//! and the query that serves a page sorts on an index (no temporary B-tree on the big tables).

mod common;

use std::collections::HashSet;

use common::Host;
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::Executor;

/// Rows per page in the walks (small, so that every list spans several pages).
const PAGE: i64 = 5;

/// A second door to the test's database, for seeding rows in bulk and reading query plans
/// (foreign keys off: the rows stand for a municipality's history, not its workflows).
async fn raw(h: &Host) -> SqlitePool {
    let opts = SqliteConnectOptions::new()
        .filename(h.db_path())
        .foreign_keys(false);
    SqlitePool::connect_with(opts).await.expect("raw pool")
}

async fn exec(pool: &SqlitePool, sql: &str) {
    pool.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Insert one row (`sql` without its RETURNING) and answer its id.
async fn insert_id(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(&format!("{sql} RETURNING id"))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// One page of `method`.
async fn page(
    h: &Host,
    method: &str,
    params: &Value,
    after: &Value,
    limit: i64,
) -> (Vec<Value>, Value) {
    let mut p = params.clone();
    p["limit"] = json!(limit);
    if !after.is_null() {
        p["after"] = after.clone();
    }
    let r = h.ok(method, p).await;
    (
        r["rows"].as_array().expect("rows").clone(),
        r["next"].clone(),
    )
}

/// Every row of `method`, walked with the largest page.
async fn everything(h: &Host, method: &str, params: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after = Value::Null;
    loop {
        let (rows, next) = page(h, method, params, &after, 500).await;
        out.extend(rows);
        if next.is_null() {
            return out;
        }
        after = next;
    }
}

/// How a row is told apart from the others of its list.
fn id_of(row: &Value) -> String {
    match (&row["kind"], &row["id"]) {
        (Value::String(k), id) if row.get("title").is_some() => format!("{k}/{id}"),
        (_, id) => id.to_string(),
    }
}

/// Walk `method` a page at a time; after the second page run `insert` (which adds rows: one
/// that sorts before the rows already seen, `early`, and one after them, `late`, as returned).
/// Checks that every row there was before is seen exactly once, in the list's order; that the
/// late row is seen and the early one is not (it belongs to pages already read).
async fn walk_with_inserts<F, Fut>(h: &Host, method: &str, params: Value, insert: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = (String, String)>,
{
    let before: Vec<String> = everything(h, method, &params)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert!(
        before.len() as i64 > 2 * PAGE + 1,
        "{method}: seed more rows than two pages ({} rows)",
        before.len()
    );
    let mut seen: Vec<String> = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    let mut insert = Some(insert);
    loop {
        let (rows, next) = page(h, method, &params, &after, PAGE).await;
        assert!(
            rows.len() as i64 <= PAGE,
            "{method}: a page longer than its limit"
        );
        seen.extend(rows.iter().map(id_of));
        pages += 1;
        if next.is_null() {
            break;
        }
        assert_eq!(
            rows.len() as i64,
            PAGE,
            "{method}: a short page before the last"
        );
        after = next;
        if pages == 2 {
            if let Some(f) = insert.take() {
                let (early, late) = f().await;
                insert_check(method, &seen, &early);
                // Remember what to look for at the end.
                seen.push(format!("#early {early}"));
                seen.push(format!("#late {late}"));
            }
        }
    }
    let (early, late): (Vec<String>, Vec<String>) = seen
        .iter()
        .filter(|s| s.starts_with('#'))
        .map(|s| s.to_string())
        .partition(|s| s.starts_with("#early"));
    let seen: Vec<String> = seen.into_iter().filter(|s| !s.starts_with('#')).collect();
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(
        unique.len(),
        seen.len(),
        "{method}: a row appeared twice: {seen:?}"
    );
    for id in &before {
        assert!(
            seen.contains(id),
            "{method}: row {id} went missing: {seen:?}"
        );
    }
    let early = early[0].trim_start_matches("#early ").to_string();
    let late = late[0].trim_start_matches("#late ").to_string();
    assert!(
        !seen.contains(&early),
        "{method}: {early} sorts before the cursor"
    );
    assert!(
        seen.contains(&late),
        "{method}: {late} was added ahead of the cursor and must appear"
    );
    // In the list's order: the walk is the full list (as it is now) without the early row.
    let now: Vec<String> = everything(h, method, &params)
        .await
        .iter()
        .map(id_of)
        .filter(|id| *id != early)
        .collect();
    assert_eq!(seen, now, "{method}: the walk is not in the list's order");
    // The first pages did not hold it either.
    let _ = pages;
}

fn insert_check(method: &str, seen: &[String], early: &str) {
    assert!(
        !seen.iter().any(|s| s == early),
        "{method}: {early} was listed before it existed"
    );
}

/// The page size is checked and a cursor that is not the list's is refused.
async fn limits(h: &Host, method: &str, params: Value) {
    for bad in [0, 501, -3] {
        let mut p = params.clone();
        p["limit"] = json!(bad);
        let e = h.err(method, p).await;
        assert_eq!(
            e.field.as_deref(),
            Some("limit"),
            "{method} limit {bad}: {e:?}"
        );
        assert!(e.message.contains("500"), "{}", e.message);
    }
    let mut p = params.clone();
    p["after"] = json!("esto no es un cursor");
    let e = h.err(method, p).await;
    assert_eq!(e.field.as_deref(), Some("after"), "{method}: {e:?}");
    let mut p = params.clone();
    p["limit"] = json!(500);
    h.ok(method, p.clone()).await;
    p.as_object_mut().unwrap().remove("limit");
    let r = h.ok(method, p).await;
    assert!(
        r["rows"].as_array().unwrap().len() <= 50,
        "{method}: default page of 50"
    );
}

/// The plan of `sql` never sorts in a temporary B-tree.
async fn sorted_on_an_index(pool: &SqlitePool, sql: &str) {
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let text: Vec<&str> = plan.iter().map(|r| r.3.as_str()).collect();
    assert!(
        !text.iter().any(|d| d.contains("TEMP B-TREE")),
        "{sql} sorts in a temporary B-tree: {text:?}"
    );
}

const SURNAMES: [&str; 12] = [
    "Quispe",
    "Mamani",
    "Huamán",
    "Núñez",
    "Pérez",
    "Ccori",
    "Álvarez Soto",
    "Condori",
    "Ñahui",
    "Vargas",
    "Rojas",
    "Chávez",
];

#[tokio::test]
async fn people_page_by_name_and_search_by_words() {
    let h = Host::peru().await;
    for i in 0..24 {
        h.ok(
            "org.person.create",
            json!({"doc_type": "DNI", "doc_number": format!("{:08}", 40_000_000 + i),
                   "given_names": if i % 2 == 0 { "Rosa" } else { "Juan" },
                   "surnames": format!("{} {}", SURNAMES[i % 12], SURNAMES[(i * 5) % 12]),
                   "email": null, "phone": null}),
        )
        .await;
    }
    let h2 = &h;
    walk_with_inserts(&h, "org.person.list", json!({}), || async move {
        let early = h2
            .ok("org.person.create", json!({"doc_type": "DNI", "doc_number": "49999998", "given_names": "Ana", "surnames": "Aaron", "email": null, "phone": null}))
            .await;
        let late = h2
            .ok("org.person.create", json!({"doc_type": "DNI", "doc_number": "49999999", "given_names": "Zoe", "surnames": "Zúñiga", "email": null, "phone": null}))
            .await;
        (early["id"].to_string(), late["id"].to_string())
    })
    .await;
    // Sorted by surname, accents aside: «Álvarez» with the a's, «Ñahui» after the n's.
    let all = everything(&h, "org.person.list", &json!({})).await;
    let names: Vec<String> = all
        .iter()
        .map(|p| {
            cabildo::spanish::fold(&format!(
                "{} {} {}",
                p["surnames"].as_str().unwrap(),
                p["given_names"].as_str().unwrap(),
                p["doc_number"].as_str().unwrap()
            ))
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Every word must appear, in any order, accents and capitals aside; a DNI is found.
    let found = everything(&h, "org.person.list", &json!({"query": "nunez JUAN"})).await;
    assert!(!found.is_empty());
    assert!(found.iter().all(|p| {
        let n = cabildo::spanish::fold(&format!("{} {}", p["given_names"], p["surnames"]));
        n.contains("nunez") && n.contains("juan")
    }));
    let by_dni = everything(&h, "org.person.list", &json!({"query": "40000007"})).await;
    assert_eq!(by_dni.len(), 1);
    limits(&h, "org.person.list", json!({})).await;
    let pool = raw(&h).await;
    sorted_on_an_index(&pool, "SELECT id FROM person WHERE name_key LIKE '%a%' AND (name_key, id) > ('m', 3) ORDER BY name_key, id LIMIT 51").await;
}

#[tokio::test]
async fn positions_page_current_first() {
    let h = Host::peru().await;
    let unit = h
        .ok("org.unit.create", json!({"parent_id": null, "name": "Secretaría General", "code": "SG", "kind": "apoyo", "head_person_id": null}))
        .await["id"]
        .as_i64()
        .unwrap();
    let person = h
        .ok("org.person.create", json!({"doc_type": "DNI", "doc_number": "41234567", "given_names": "Rosa", "surnames": "Quispe", "email": null, "phone": null}))
        .await["id"]
        .as_i64()
        .unwrap();
    for i in 0..20 {
        let end = if i % 3 == 0 {
            Value::Null
        } else {
            json!(format!("2020-{:02}-28", i % 12 + 1))
        };
        h.ok(
            "org.position.create",
            json!({"person_id": person, "unit_id": unit, "title": format!("Cargo {i}"),
                   "start_date": format!("20{:02}-01-01", i % 20), "end_date": end}),
        )
        .await;
    }
    let h2 = &h;
    walk_with_inserts(&h, "org.position.list", json!({"person_id": person}), || async move {
        // A current position sorts first; an old, ended one last.
        let early = h2
            .ok("org.position.create", json!({"person_id": person, "unit_id": unit, "title": "Nuevo", "start_date": "2026-01-01", "end_date": null}))
            .await;
        let late = h2
            .ok("org.position.create", json!({"person_id": person, "unit_id": unit, "title": "Antiguo", "start_date": "1990-01-01", "end_date": "1990-12-31"}))
            .await;
        (early["id"].to_string(), late["id"].to_string())
    })
    .await;
    let all = everything(&h, "org.position.list", &json!({"unit_id": unit})).await;
    let keys: Vec<(bool, String, i64)> = all
        .iter()
        .map(|p| {
            (
                p["end_date"].is_null(),
                p["start_date"].as_str().unwrap().to_string(),
                p["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "current first, then newest first");
    let current = everything(&h, "org.position.list", &json!({"current": true})).await;
    assert_eq!(current.len(), 8, "seven current and the one added");
    assert!(current.iter().all(|p| p["end_date"].is_null()));
    limits(&h, "org.position.list", json!({})).await;
    let pool = raw(&h).await;
    sorted_on_an_index(&pool, "SELECT id FROM position ps WHERE ps.person_id = 1 AND (ps.end_date IS NULL, ps.start_date, ps.id) < (1, '2020-01-01', 9) ORDER BY ps.end_date IS NULL DESC, ps.start_date DESC, ps.id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM position ps ORDER BY ps.end_date IS NULL DESC, ps.start_date DESC, ps.id DESC LIMIT 51").await;
}

/// `n` sessions of body 1 (and of body 2 every third), from 2024 on, some convened, some with
/// an acta; returns nothing (ids follow the inserts).
async fn seed_sessions(pool: &SqlitePool, n: usize) {
    exec(pool, "INSERT OR IGNORE INTO body (id, name, kind, term_id) VALUES (1, 'Concejo Municipal', 'concejo', 1), (2, 'Comisión de Economía', 'comision', 1)").await;
    for i in 0..n {
        let body = if i % 3 == 0 { 2 } else { 1 };
        let kind = if i % 4 == 0 {
            "extraordinaria"
        } else {
            "ordinaria"
        };
        let date = format!("{}-{:02}-{:02}", 2024 + i % 3, i % 12 + 1, i % 27 + 1);
        let status = if i % 2 == 0 { "concluida" } else { "convocada" };
        let id = insert_id(
            pool,
            &format!(
                "INSERT INTO session (body_id, kind, date, time, place, mode, status, convened_on, created_at)
                 VALUES ({body}, '{kind}', '{date}', '{:02}:00', 'Salón', 'presencial', '{status}', '{date}', '{date}')",
                9 + i % 3
            ),
        )
        .await;
        if i % 2 == 0 {
            exec(pool, &format!("INSERT INTO minutes (session_id, content, status, updated_at) VALUES ({id}, '{{}}', 'borrador', '2026-01-01')")).await;
        }
    }
}

#[tokio::test]
async fn sessions_page_newest_first_within_a_year() {
    let h = Host::peru().await;
    let pool = raw(&h).await;
    seed_sessions(&pool, 40).await;
    let p2 = &pool;
    walk_with_inserts(&h, "session.list", json!({}), || async move {
        let early = insert_id(p2, "INSERT INTO session (body_id, kind, date, time, place, mode, status, created_at) VALUES (1, 'ordinaria', '2030-01-01', '10:00', 'Salón', 'presencial', 'borrador', 'x')").await;
        let late = insert_id(p2, "INSERT INTO session (body_id, kind, date, time, place, mode, status, created_at) VALUES (1, 'ordinaria', '2000-01-01', '10:00', 'Salón', 'presencial', 'borrador', 'x')").await;
        (early.to_string(), late.to_string())
    })
    .await;
    // A year, a body, a kind, a status: the filters hold on every page.
    let year = everything(&h, "session.list", &json!({"year": 2025})).await;
    assert!(year.len() > PAGE as usize);
    assert!(year
        .iter()
        .all(|s| s["date"].as_str().unwrap().starts_with("2025-")));
    let keys: Vec<(String, String, i64)> = year
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().into(),
                s["time"].as_str().unwrap().into(),
                s["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "newest first");
    let mut walked = Vec::new();
    let mut after = Value::Null;
    loop {
        let (rows, next) = page(
            &h,
            "session.list",
            &json!({"year": 2025, "body_id": 1, "status": "convocada"}),
            &after,
            2,
        )
        .await;
        walked.extend(rows);
        if next.is_null() {
            break;
        }
        after = next;
    }
    assert!(!walked.is_empty());
    assert!(walked.iter().all(|s| s["body_id"] == 1
        && s["status"] == "convocada"
        && s["date"].as_str().unwrap().starts_with("2025-")));
    let extra = everything(&h, "session.list", &json!({"kind": "extraordinaria"})).await;
    assert!(!extra.is_empty() && extra.iter().all(|s| s["kind"] == "extraordinaria"));
    limits(&h, "session.list", json!({"year": 2025})).await;
    sorted_on_an_index(&pool, "SELECT id FROM session WHERE date >= '2025-01-01' AND date < '2026-01-01' AND (date, time, id) < ('2025-06-01', '10:00', 9) ORDER BY date DESC, time DESC, id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM session WHERE body_id = 1 AND status = 'convocada' ORDER BY date DESC, time DESC, id DESC LIMIT 51").await;
}

/// A certified copy dated `date`, sealed (as `copy.list` reads its seal).
async fn seed_copy(pool: &SqlitePool, n: i64, date: &str) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO certified_copy (norm_id, description, date, folios, certifier, assignment_id, identifier, created_at)
         VALUES (1, $1, $2, 1, '{\"name\": \"Ana\", \"cargo\": \"Secretaria General\", \"dni\": null}', 1, $3, $2) RETURNING id",
    )
    .bind(format!("Copia de prueba {n}"))
    .bind(date)
    .bind(format!("CERTIFICADO N° {n:04}"))
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO record_seal (record_kind, record_id, content, digest, verification_code, pdf_id, sealed_at, sealed_by)
         VALUES ('copia-certificada', $1, '{}', $2, $3, $4, $5, 'sistema')",
    )
    .bind(id)
    .bind(format!("digest-{id}"))
    .bind(format!("code-{id}"))
    .bind(format!("pdf-{id}"))
    .bind(date)
    .execute(pool)
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn copies_page_newest_first_by_year() {
    let h = Host::peru().await;
    let pool = raw(&h).await;
    for n in 0..30 {
        seed_copy(
            &pool,
            n,
            &format!("{}-{:02}-{:02}", 2024 + n % 3, n % 12 + 1, n % 28 + 1),
        )
        .await;
    }
    let copy = h.ok("copy.list", json!({"limit": 1})).await["rows"][0].clone();
    assert_eq!(copy["certifier"]["name"], "Ana", "{copy}");
    let p2 = &pool;
    walk_with_inserts(&h, "copy.list", json!({}), || async move {
        let early = seed_copy(p2, 100, "2030-01-01").await;
        let late = seed_copy(p2, 101, "2000-01-01").await;
        (early.to_string(), late.to_string())
    })
    .await;
    let year = everything(&h, "copy.list", &json!({"year": 2025})).await;
    assert_eq!(year.len(), 10);
    assert!(year
        .iter()
        .all(|c| c["date"].as_str().unwrap().starts_with("2025-")));
    let found = everything(&h, "copy.list", &json!({"query": "prueba 17"})).await;
    assert_eq!(found.len(), 1);
    limits(&h, "copy.list", json!({})).await;
    sorted_on_an_index(&pool, "SELECT id FROM certified_copy WHERE date >= '2025-01-01' AND date < '2026-01-01' AND (date, id) < ('2025-06-01', 9) ORDER BY date DESC, id DESC LIMIT 51").await;
}

#[tokio::test]
async fn printable_records_page_by_kind_then_newest_first() {
    let h = Host::peru().await;
    let pool = raw(&h).await;
    seed_sessions(&pool, 12).await;
    for n in 0..8 {
        seed_copy(&pool, n, &format!("2025-03-{:02}", n + 1)).await;
    }
    let p2 = &pool;
    walk_with_inserts(&h, "records.list", json!({}), || async move {
        // Kinds go in alphabetical order: the acta of a new session sorts among the actas,
        // already read; the packet of an old convened session among the packets, still ahead.
        let early = insert_id(p2, "INSERT INTO session (body_id, kind, date, time, place, mode, status, created_at) VALUES (1, 'ordinaria', '2030-01-01', '10:00', 'Salón', 'presencial', 'concluida', 'x')").await;
        exec(p2, &format!("INSERT INTO minutes (session_id, content, status, updated_at) VALUES ({early}, '{{}}', 'borrador', '2030-01-01')")).await;
        let late = insert_id(p2, "INSERT INTO session (body_id, kind, date, time, place, mode, status, convened_on, created_at) VALUES (1, 'ordinaria', '2000-01-01', '10:00', 'Salón', 'presencial', 'convocada', '2000-01-01', 'x')").await;
        (format!("acta/{early}"), format!("paquete/{late}"))
    })
    .await;
    let all = everything(&h, "records.list", &json!({})).await;
    let kinds: Vec<&str> = all.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "by kind");
    let only = everything(&h, "records.list", &json!({"kind": "acta"})).await;
    assert_eq!(only.len(), 7);
    let e = h.err("records.list", json!({"kind": "pergamino"})).await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    limits(&h, "records.list", json!({})).await;
    sorted_on_an_index(&pool, "SELECT id FROM norm WHERE kind = 'decreto' AND (date, id) < ('2026-01-01', 4) ORDER BY date DESC, id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT s.id FROM session s JOIN minutes m ON m.session_id = s.id WHERE (s.date, s.time, s.id) < ('2026-01-01', '10:00', 4) ORDER BY s.date DESC, s.time DESC, s.id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM session s WHERE convened_on IS NOT NULL AND status <> 'cancelada' ORDER BY date DESC, time DESC, id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM plan_report WHERE kind = 'informe-mensual' AND id < 9 ORDER BY id DESC LIMIT 51").await;
}

#[tokio::test]
async fn numbers_page_newest_first() {
    let h = Host::peru().await;
    for n in 1..=25 {
        h.ok(
            "numbering.assign",
            json!({"series": "resolucion-alcaldia", "date": format!("2026-02-{:02}", n)}),
        )
        .await;
    }
    let h2 = &h;
    walk_with_inserts(
        &h,
        "numbering.assignment.list",
        json!({"series": "resolucion-alcaldia", "year": 2026}),
        || async move {
            // A number is only ever given last: it sorts first (newest), before the cursor. A later
            // list has nothing that sorts after what was read, so the late row is the last one read.
            let early = h2
                .ok(
                    "numbering.assign",
                    json!({"series": "resolucion-alcaldia", "date": "2026-03-01"}),
                )
                .await;
            let last = everything(
                h2,
                "numbering.assignment.list",
                &json!({"series": "resolucion-alcaldia", "year": 2026}),
            )
            .await;
            (
                early["id"].to_string(),
                last.last().unwrap()["id"].to_string(),
            )
        },
    )
    .await;
    let all = everything(
        &h,
        "numbering.assignment.list",
        &json!({"series": "resolucion-alcaldia", "year": 2026}),
    )
    .await;
    let numbers: Vec<i64> = all.iter().map(|a| a["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, (1..=26).rev().collect::<Vec<_>>());
    assert!(everything(
        &h,
        "numbering.assignment.list",
        &json!({"series": "resolucion-alcaldia", "year": 2025})
    )
    .await
    .is_empty());
    limits(
        &h,
        "numbering.assignment.list",
        json!({"series": "resolucion-alcaldia"}),
    )
    .await;
    let pool = raw(&h).await;
    sorted_on_an_index(&pool, "SELECT a.id FROM numbering_assignment a JOIN numbering_series s ON s.id = a.series_id WHERE a.series_id = 1 AND (a.period = 2026 OR (a.period = 0 AND a.date >= '2026-01-01' AND a.date < '2027-01-01')) AND (a.period, a.number) < (2026, 9) ORDER BY a.period DESC, a.number DESC LIMIT 51").await;
}

#[tokio::test]
async fn interventions_page_in_order() {
    let h = Host::peru().await;
    let pool = raw(&h).await;
    seed_sessions(&pool, 1).await;
    exec(&pool, "INSERT INTO agenda_item (id, session_id, stage, position, title, item_kind, filed_on, majority) VALUES (1, 1, 'orden_del_dia', 1, 'Asunto', 'dictamen', '2024-01-01', 'simple'), (2, 1, 'orden_del_dia', 2, 'Otro', 'dictamen', '2024-01-01', 'simple')").await;
    for n in 0..20 {
        exec(&pool, &format!("INSERT INTO intervention (item_id, speaker, text) VALUES ({}, 'Invitado {n}', 'Dijo {n}')", 1)).await;
    }
    exec(
        &pool,
        "INSERT INTO intervention (item_id, speaker, text) VALUES (2, 'Otro', 'De otro asunto')",
    )
    .await;
    let p2 = &pool;
    walk_with_inserts(
        &h,
        "intervention.list",
        json!({"item_id": 1}),
        || async move {
            // Interventions only ever come last; the early one stands for none (an id already read).
            let late = insert_id(
                p2,
                "INSERT INTO intervention (item_id, speaker, text) VALUES (1, 'Tarde', 'Al final')",
            )
            .await;
            ("0".to_string(), late.to_string())
        },
    )
    .await;
    let all = everything(&h, "intervention.list", &json!({"item_id": 1})).await;
    assert_eq!(all.len(), 21);
    assert!(all
        .windows(2)
        .all(|w| w[0]["id"].as_i64() < w[1]["id"].as_i64()));
    limits(&h, "intervention.list", json!({"item_id": 1})).await;
    sorted_on_an_index(
        &pool,
        "SELECT id FROM intervention WHERE item_id = 1 AND id > 3 ORDER BY id LIMIT 51",
    )
    .await;
}

#[tokio::test]
async fn books_plans_and_roots_page_newest_first() {
    let h = Host::peru().await;
    let pool = raw(&h).await;
    for n in 1..=15 {
        exec(&pool, &format!("INSERT INTO minutes_book (number, identifier, opened_on, folios, next_folio, closed_on) VALUES ({n}, 'LIBRO DE ACTAS N° {n:02}', '20{n:02}-01-01', 200, 1, '20{n:02}-12-31')")).await;
        exec(&pool, &format!("INSERT INTO strategic_plan (name, first_year, last_year, version, created_at) VALUES ('PEI {n}', {}, {}, {}, 'x')", 2000 + n / 2, 2005 + n / 2, 1 + n % 2)).await;
        exec(&pool, &format!("INSERT INTO operational_plan (kind, year, last_year, name, created_at) VALUES ('{}', {}, {}, 'Plan {n}', 'x')", if n % 2 == 0 { "poi" } else { "pmg" }, 2000 + n / 2, 2000 + n / 2)).await;
        exec(&pool, &format!("INSERT INTO trusted_root (subject, issuer, serial, sha256, not_before, not_after, der, added_at) VALUES ('CN=Raíz {:02}', 'CN=Raíz', '{n}', 'sha-{n}', 'x', 'y', x'00', 'z')", (n * 7) % 15)).await;
    }
    let p2 = &pool;
    walk_with_inserts(&h, "book.list", json!({}), || async move {
        let early = insert_id(p2, "INSERT INTO minutes_book (number, identifier, opened_on, folios, next_folio) VALUES (16, 'LIBRO DE ACTAS N° 16', '2026-01-01', 200, 1)").await;
        let late = insert_id(p2, "INSERT INTO minutes_book (number, identifier, opened_on, folios, next_folio, closed_on) VALUES (0, 'LIBRO DE ACTAS N° 00', '1999-01-01', 200, 1, '1999-12-31')").await;
        (early.to_string(), late.to_string())
    })
    .await;
    walk_with_inserts(&h, "plan.strategic.list", json!({}), || async move {
        let early = insert_id(p2, "INSERT INTO strategic_plan (name, first_year, last_year, created_at) VALUES ('PEI nuevo', 2030, 2035, 'x')").await;
        let late = insert_id(p2, "INSERT INTO strategic_plan (name, first_year, last_year, created_at) VALUES ('PEI viejo', 1990, 1995, 'x')").await;
        (early.to_string(), late.to_string())
    })
    .await;
    walk_with_inserts(&h, "plan.operational.list", json!({}), || async move {
        let early = insert_id(p2, "INSERT INTO operational_plan (kind, year, last_year, name, created_at) VALUES ('poi', 2030, 2030, 'POI 2030', 'x')").await;
        let late = insert_id(p2, "INSERT INTO operational_plan (kind, year, last_year, name, created_at) VALUES ('poi', 1990, 1990, 'POI 1990', 'x')").await;
        (early.to_string(), late.to_string())
    })
    .await;
    walk_with_inserts(&h, "trust.root.list", json!({}), || async move {
        let early = insert_id(p2, "INSERT INTO trusted_root (subject, issuer, serial, sha256, not_before, not_after, der, added_at) VALUES ('CN=AAA', 'CN=AAA', '1', 'sha-a', 'x', 'y', x'00', 'z')").await;
        let late = insert_id(p2, "INSERT INTO trusted_root (subject, issuer, serial, sha256, not_before, not_after, der, added_at) VALUES ('CN=ZZZ', 'CN=ZZZ', '1', 'sha-z', 'x', 'y', x'00', 'z')").await;
        (early.to_string(), late.to_string())
    })
    .await;
    let books = everything(&h, "book.list", &json!({})).await;
    assert!(books
        .windows(2)
        .all(|w| w[0]["number"].as_i64() > w[1]["number"].as_i64()));
    let ops = everything(&h, "plan.operational.list", &json!({"year": 2004})).await;
    assert_eq!(ops.len(), 2);
    let roots = everything(&h, "trust.root.list", &json!({})).await;
    assert!(roots
        .windows(2)
        .all(|w| w[0]["subject"].as_str() <= w[1]["subject"].as_str()));
    for method in [
        "book.list",
        "plan.strategic.list",
        "plan.operational.list",
        "trust.root.list",
    ] {
        limits(&h, method, json!({})).await;
    }
    sorted_on_an_index(
        &pool,
        "SELECT id FROM minutes_book WHERE number < 9 ORDER BY number DESC LIMIT 51",
    )
    .await;
    sorted_on_an_index(&pool, "SELECT id FROM strategic_plan WHERE (first_year, version, id) < (2004, 1, 9) ORDER BY first_year DESC, version DESC, id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM operational_plan p WHERE (p.year, p.kind, p.id) < (2004, 'poi', 9) ORDER BY p.year DESC, p.kind DESC, p.id DESC LIMIT 51").await;
    sorted_on_an_index(&pool, "SELECT id FROM trusted_root WHERE (subject, id) > ('CN=M', 3) ORDER BY subject, id LIMIT 51").await;
}
