//! Numbering series: formats, yearly reset, annulment, and no gaps and no duplicates when two
//! processes assign at once.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{cabildo_bin, Host};
use serde_json::{json, Value};

#[tokio::test]
async fn series_number_by_pattern_and_reset_yearly() {
    let h = Host::peru().await;
    let p = h
        .ok(
            "numbering.preview",
            json!({"series": "ordenanza", "date": "2026-02-01", "session_kind": null}),
        )
        .await;
    assert_eq!(p["identifier"], "ORDENANZA N° 001-2026-MDPR");
    for n in 1..=3 {
        let a = h.ok("numbering.assign", json!({"series": "ordenanza", "date": "2026-02-0".to_string() + &n.to_string(), "session_kind": null, "record_kind": null, "record_id": null})).await;
        assert_eq!(a["number"], n);
    }
    // A date earlier than the last number's is refused: correlatives follow the calendar.
    let e = h
        .err(
            "numbering.assign",
            json!({"series": "ordenanza", "date": "2026-01-15"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("date"));
    // A new year starts again at 1.
    let a = h
        .ok(
            "numbering.assign",
            json!({"series": "ordenanza", "date": "2027-01-04"}),
        )
        .await;
    assert_eq!(a["identifier"], "ORDENANZA N° 001-2027-MDPR");
    // Annulment keeps the place.
    let list = h
        .ok(
            "numbering.assignment.list",
            json!({"series": "ordenanza", "year": 2026}),
        )
        .await;
    let second = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["number"] == 2)
        .unwrap()
        .clone();
    let e = h
        .err("numbering.annul", json!({"id": second["id"], "reason": ""}))
        .await;
    assert_eq!(e.field.as_deref(), Some("reason"));
    let annulled = h
        .ok(
            "numbering.annul",
            json!({"id": second["id"], "reason": "Error material en el proyecto"}),
        )
        .await;
    assert!(annulled["annulled_at"].is_string());
    let e = h
        .err(
            "numbering.annul",
            json!({"id": second["id"], "reason": "otra vez"}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    let a = h
        .ok(
            "numbering.assign",
            json!({"series": "ordenanza", "date": "2026-03-01"}),
        )
        .await;
    assert_eq!(a["number"], 4, "an annulled number is never given again");
    // Plain SQL cannot remove or renumber a given number.
    assert!(sqlx::query("DELETE FROM numbering_assignment")
        .execute(h.cab.pool())
        .await
        .is_err());
    assert!(sqlx::query("UPDATE numbering_assignment SET number = 99")
        .execute(h.cab.pool())
        .await
        .is_err());
}

#[tokio::test]
async fn series_can_be_created_and_edited_with_a_live_preview() {
    let h = Host::peru().await;
    let e = h
        .err(
            "numbering.pattern.preview",
            json!({"pattern": "DIRECTIVA N° {n:3}", "reset": "yearly", "organ": ""}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("pattern"), "{}", e.message);
    let p = h.ok("numbering.pattern.preview", json!({"pattern": "DIRECTIVA N° {n:3}-{yyyy}-{organo}/{siglas}", "reset": "yearly", "organ": "GM", "number": 12, "date": "2026-07-01"})).await;
    assert_eq!(p["identifier"], "DIRECTIVA N° 012-2026-GM/MDPR");
    let s = h.ok("numbering.series.create", json!({"code": "directiva", "name": "Directivas", "organ": "GM", "pattern": "DIRECTIVA N° {n:3}-{yyyy}-{organo}/{siglas}", "reset": "yearly"})).await;
    let e = h.err("numbering.series.create", json!({"code": "directiva", "name": "Directivas", "organ": "GM", "pattern": "D {n}-{yy}", "reset": "yearly"})).await;
    assert_eq!(e.field.as_deref(), Some("code"));
    h.ok(
        "numbering.assign",
        json!({"series": "directiva", "date": "2026-07-01"}),
    )
    .await;
    let e = h.err("numbering.series.update", json!({"id": s["id"], "name": "Directivas", "organ": "GM", "pattern": "DIRECTIVA N° {n}", "reset": "never"})).await;
    assert_eq!(e.field.as_deref(), Some("reset"));
    let s = h.ok("numbering.series.update", json!({"id": s["id"], "name": "Directivas de gestión", "organ": "GM", "pattern": "DIRECTIVA N° {n:2}-{yyyy}-{siglas}", "reset": "yearly"})).await;
    assert!(s["next_preview"]
        .as_str()
        .unwrap()
        .starts_with("DIRECTIVA N° "));
}

fn spawn_batch(db: &std::path::Path, lines: usize, tag: &str) -> std::process::Child {
    let mut child = cabildo_bin()
        .args(["--db", db.to_str().unwrap(), "call", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut input = String::new();
    for i in 0..lines {
        input.push_str(&json!({"method": "numbering.assign", "params": {"series": "resolucion-alcaldia", "date": "2026-06-01", "record_kind": tag, "record_id": i}}).to_string());
        input.push('\n');
    }
    std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).unwrap();
    });
    child
}

#[tokio::test]
async fn two_processes_assigning_at_once_leave_no_gap_and_no_duplicate() {
    let h = Host::peru().await;
    let db = h.db_path();
    let (a, b) = (spawn_batch(&db, 60, "a"), spawn_batch(&db, 60, "b"));
    let (oa, ob) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(
        oa.status.success(),
        "{}",
        String::from_utf8_lossy(&oa.stderr)
    );
    assert!(
        ob.status.success(),
        "{}",
        String::from_utf8_lossy(&ob.stderr)
    );
    let mut numbers: Vec<i64> = Vec::new();
    for out in [&oa.stdout, &ob.stdout] {
        for line in String::from_utf8_lossy(out).lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            numbers.push(
                v["ok"]["number"]
                    .as_i64()
                    .unwrap_or_else(|| panic!("{line}")),
            );
        }
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=120).collect::<Vec<_>>());
    let list = h
        .ok(
            "numbering.assignment.list",
            json!({"series": "resolucion-alcaldia", "year": 2026, "limit": 500}),
        )
        .await;
    assert_eq!(list["rows"].as_array().unwrap().len(), 120);
}
