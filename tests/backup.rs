//! Backups that restore everything: the archive holds the database and every stored file,
//! a restore on a fresh folder brings back every attachment and passes `cabildo check`, and a
//! damaged, incomplete or newer archive is refused without touching the current database.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use cabildo::backup;
use common::{cabildo_bin, Host};
use serde_json::{json, Value};

async fn demo_with_attachments() -> (Host, i64) {
    let h = Host::demo_on("2026-11-21").await;
    let s = h
        .ok(
            "session.create",
            json!({"kind": "ordinaria", "date": "2026-12-03", "time": "10:00", "place": "Salón consistorial"}),
        )
        .await["session"]["id"]
        .as_i64()
        .unwrap();
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
                "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"}}),
        )
        .await;
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    let pdf = cabildo::pdf::norm::render(&cabildo::pdf::sample::norm(5, 0)).unwrap();
    std::fs::write(h.dir.path().join("anexo.pdf"), &pdf).unwrap();
    std::fs::write(
        h.dir.path().join("nota.txt"),
        "Acta de la comisión en papel: NOTA-ÚNICA-7f3a",
    )
    .unwrap();
    for name in ["anexo.pdf", "nota.txt"] {
        h.ok(
            "agenda.attach",
            json!({"item_id": item, "path": h.dir.path().join(name).display().to_string()}),
        )
        .await;
    }
    (h, s)
}

/// The CLI as the demo's administrator (a database without users ignores it).
fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    cabildo_bin()
        .env("CABILDO_USER", "admin")
        .env("CABILDO_PASSWORD", cabildo::demo::DEMO_PASSWORD)
        .stdin(std::process::Stdio::null())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout_json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "stdout is not JSON: {} / {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[tokio::test]
async fn backup_then_restore_on_a_fresh_folder_brings_back_every_file() {
    let (h, s) = demo_with_attachments().await;
    let archive = h.dir.path().join("copia.zip");
    let mut steps = Vec::new();
    let report = backup::create(h.cab.pool(), h.cab.files_dir(), &archive, false, &mut |p| {
        steps.push(p)
    })
    .await
    .unwrap();
    assert!(report.verified);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.files >= 2, "{report:?}");
    // Progress reaches its total, in both steps.
    for phase in [backup::Phase::Copying, backup::Phase::Verifying] {
        let last = steps.iter().rev().find(|p| p.phase == phase).unwrap();
        assert_eq!(last.done, last.total, "{phase:?}");
    }
    // Backing up onto an existing file is refused unless asked to overwrite.
    let e = backup::create(
        h.cab.pool(),
        h.cab.files_dir(),
        &archive,
        false,
        &mut |_| {},
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind(), cabildo::ErrorKind::Conflict);

    let info = backup::inspect(&archive, &mut |_| {}).await.unwrap();
    assert!(info.restorable, "{:?}", info.problems);
    let m = info.manifest.as_ref().unwrap();
    assert_eq!(m.municipality.as_ref().unwrap().short_name, "MDSRQ");
    assert_eq!(m.schema_version, cabildo::db::binary_schema_version());
    assert_eq!(m.counts["stored_file"] as u64, info.file_count);
    assert!(m.counts["session"] > 0);
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let head = cabildo::audit::head(&mut conn).await.unwrap();
    drop(conn);
    assert_eq!(
        (m.audit_count, m.audit_hash.as_str()),
        (head.count, head.hash.as_str())
    );
    assert!(info.summary.iter().any(|c| c.label == "Sesiones"));

    // Restore on another machine: a fresh folder, through the CLI.
    let fresh = tempfile::tempdir().unwrap();
    let db = fresh.path().join("cabildo.db");
    let o = cli(&db, &["restore", archive.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = stdout_json(&o);
    assert_eq!(v["check"]["ok"], true, "{v}");
    assert_eq!(v["previous"], Value::Null);
    assert!(!backup::pending_dir(&db).exists());
    let o = cli(&db, &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        stdout_json(&o)["stored_files"].as_u64(),
        Some(info.file_count)
    );

    // Every attachment opens on the restored store, with its content.
    let restored = cabildo::Cabildo::open(&db).await.unwrap();
    let actor = cabildo::auth::Actor::system();
    let detail = cabildo::api::dispatch(&restored, &actor, "session.get", json!({"id": s}), false)
        .await
        .unwrap();
    let attachments = detail["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2, "{detail}");
    for a in attachments {
        let file = cabildo::api::dispatch(
            &restored,
            &actor,
            "agenda.attachment",
            json!({"item_id": a["item_id"], "sha256": a["file_sha256"]}),
            false,
        )
        .await
        .unwrap_or_else(|e| panic!("{a}: {e}"));
        assert!(file.to_string().len() > 20);
    }
    let mut conn = restored.pool().acquire().await.unwrap();
    let mut after = String::new();
    let mut n = 0;
    loop {
        let page = cabildo::files::page(&mut conn, &after, 100).await.unwrap();
        let Some(last) = page.last() else { break };
        after = last.sha256.clone();
        for f in page {
            cabildo::files::read(restored.files_dir(), &f.sha256).unwrap();
            n += 1;
        }
    }
    assert_eq!(n as u64, info.file_count);
    drop(conn);
    restored.close().await;

    // Restoring over a database keeps the current one beside it.
    let o = cli(&db, &["restore", archive.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let previous = stdout_json(&o)["previous"].as_str().unwrap().to_string();
    assert!(
        previous.contains("cabildo.antes-de-restaurar-"),
        "{previous}"
    );
    assert!(Path::new(&previous).exists());
    let o = cli(Path::new(&previous), &["check"]);
    assert!(o.status.success(), "the kept database still opens: {o:?}");
}

/// A copy of `archive` at `to` with its entries passed through `edit` (name, bytes) → kept?
fn rewrite(archive: &Path, to: &Path, edit: impl Fn(&str, &mut Vec<u8>) -> bool) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if edit(&name, &mut bytes) {
            zout.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            zout.write_all(&bytes).unwrap();
        }
    }
    zout.finish().unwrap();
}

#[tokio::test]
async fn damaged_incomplete_and_newer_archives_are_refused_and_nothing_changes() {
    let (h, _) = demo_with_attachments().await;
    let archive = h.dir.path().join("copia.zip");
    backup::create(
        h.cab.pool(),
        h.cab.files_dir(),
        &archive,
        false,
        &mut |_| {},
    )
    .await
    .unwrap();

    // One byte of a stored attachment changed inside the zip (stored, so the text is there).
    let mut bytes = std::fs::read(&archive).unwrap();
    let at = bytes
        .windows(15)
        .position(|w| w == b"NOTA-\xc3\x9aNICA-7f3a".get(..15).unwrap())
        .expect("the note is stored uncompressed");
    bytes[at] = b'X';
    let flipped = h.dir.path().join("alterada.zip");
    std::fs::write(&flipped, &bytes).unwrap();

    let missing_manifest = h.dir.path().join("sin-manifiesto.zip");
    rewrite(&archive, &missing_manifest, |name, _| {
        name != backup::MANIFEST_ENTRY
    });
    let newer = h.dir.path().join("nueva.zip");
    rewrite(&archive, &newer, |name, bytes| {
        if name == backup::MANIFEST_ENTRY {
            let mut m: Value = serde_json::from_slice(bytes).unwrap();
            m["schema_version"] = json!(9999);
            *bytes = serde_json::to_vec(&m).unwrap();
        }
        true
    });
    let truncated = h.dir.path().join("cortada.zip");
    let whole = std::fs::read(&archive).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let not_zip = h.dir.path().join("texto.zip");
    std::fs::write(&not_zip, "esto no es una copia").unwrap();

    let before = std::fs::read(h.db_path()).unwrap().len();
    for (file, expected) in [
        (&flipped, "dañada"),
        (&missing_manifest, "manifest.json"),
        (&newer, "versión más reciente de Cabildo"),
        (&truncated, "dañado"),
        (&not_zip, "dañado"),
    ] {
        let info = backup::inspect(file, &mut |_| {}).await.unwrap();
        assert!(!info.restorable, "{file:?}");
        assert!(
            info.problems.iter().any(|p| p.contains(expected)),
            "{file:?}: {:?}",
            info.problems
        );
        let o = cli(&h.db_path(), &["restore", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{file:?}");
        let e: Value = serde_json::from_slice(&o.stderr).unwrap();
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .starts_with("No se puede restaurar")
                || e["message"].as_str().unwrap().contains("dañado"),
            "{e}"
        );
        assert!(!backup::pending_dir(&h.db_path()).exists(), "{file:?}");
    }
    // Nothing was set aside or replaced.
    let kept = std::fs::read_dir(h.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("antes-de-restaurar")
        })
        .count();
    assert_eq!(kept, 0);
    assert!(std::fs::read(h.db_path()).unwrap().len() >= before);
}

#[tokio::test]
async fn an_interrupted_extraction_is_never_applied() {
    let (h, _) = demo_with_attachments().await;
    let pending = backup::pending_dir(&h.db_path());
    std::fs::create_dir_all(&pending).unwrap();
    std::fs::write(pending.join(backup::DB_ENTRY), b"a half-written database").unwrap();
    assert!(backup::apply_pending(&h.db_path()).unwrap().is_none());
    let o = cli(&h.db_path(), &["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[tokio::test]
async fn check_finds_a_missing_or_damaged_stored_file() {
    let (h, _) = demo_with_attachments().await;
    let report = h.cab.check().await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.stored_files >= 2);
    let mut conn = h.cab.pool().acquire().await.unwrap();
    let files = cabildo::files::page(&mut conn, "", 10).await.unwrap();
    drop(conn);
    let damaged = cabildo::files::path_of(h.cab.files_dir(), &files[0].sha256);
    let mut bytes = std::fs::read(&damaged).unwrap();
    bytes[0] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    let gone = cabildo::files::path_of(h.cab.files_dir(), &files[1].sha256);
    std::fs::remove_file(&gone).unwrap();
    let report = h.cab.check().await.unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("está dañado")),
        "{:?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("falta en la carpeta")),
        "{:?}",
        report.problems
    );
    // A backup of a store with a missing file still copies the rest and says what is missing.
    let archive = h.dir.path().join("copia.zip");
    let r = backup::create(
        h.cab.pool(),
        h.cab.files_dir(),
        &archive,
        false,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
}

#[tokio::test]
async fn automatic_backup_settings_and_a_run_that_keeps_the_newest() {
    let (h, _) = demo_with_attachments().await;
    let s = h.ok("backup.settings.get", json!({})).await;
    assert_eq!(s["enabled"], false);
    assert_eq!(s["keep"], 7);
    let e = h
        .err(
            "backup.settings.set",
            json!({"enabled": true, "folder": null, "keep": 7}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("folder"));
    let e = h
        .err(
            "backup.settings.set",
            json!({"enabled": true, "folder": "/no/existe/usb", "keep": 7}),
        )
        .await;
    assert!(e.message.contains("no existe"), "{e:?}");
    let e = h
        .err(
            "backup.settings.set",
            json!({"enabled": true, "folder": h.dir.path(), "keep": 0}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("keep"));
    let folder = h.dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    for old in [
        "cabildo-MDSRQ-20200101-080000.zip",
        "cabildo-MDSRQ-20200102-080000.zip",
    ] {
        std::fs::write(folder.join(old), b"vieja").unwrap();
    }
    h.ok(
        "backup.settings.set",
        json!({"enabled": true, "folder": folder, "keep": 2}),
    )
    .await;
    let today = chrono::Local::now().date_naive();
    let out = backup::settings::run_if_due(h.cab.pool(), h.cab.files_dir(), today)
        .await
        .unwrap();
    let backup::settings::AutoOutcome::Made(path, removed) = out else {
        panic!("{out:?}")
    };
    assert_eq!(removed, 1);
    assert!(path.exists());
    assert!(!folder.join("cabildo-MDSRQ-20200101-080000.zip").exists());
    assert!(folder.join("cabildo-MDSRQ-20200102-080000.zip").exists());
    let s = h.ok("backup.settings.get", json!({})).await;
    assert_eq!(s["last_ok"], true, "{s}");
    assert!(s["last_message"]
        .as_str()
        .unwrap()
        .starts_with("Copia verificada"));
    // Once a day.
    assert_eq!(
        backup::settings::run_if_due(h.cab.pool(), h.cab.files_dir(), today)
            .await
            .unwrap(),
        backup::settings::AutoOutcome::NotDue
    );
    // The drive unplugged: the failure is recorded, not raised.
    std::fs::remove_dir_all(&folder).unwrap();
    let tomorrow = today.succ_opt().unwrap();
    let out = backup::settings::run_if_due(h.cab.pool(), h.cab.files_dir(), tomorrow)
        .await
        .unwrap();
    assert!(
        matches!(out, backup::settings::AutoOutcome::Failed(_)),
        "{out:?}"
    );
    let s = h.ok("backup.settings.get", json!({})).await;
    assert_eq!(s["last_ok"], false);
    assert!(
        s["last_message"]
            .as_str()
            .unwrap()
            .contains("no existe o no está conectada"),
        "{s}"
    );
}
