//! The transparency portal (docs/adr/0021-portal.md): the demo municipality published as a
//! static website, what goes in and what stays out, the search index, the second export that
//! writes only what changed, and the folder left whole when something fails.

mod common;

use std::path::{Path, PathBuf};

use base64::Engine;
use chrono::{Duration, Local, NaiveDate};
use common::{cabildo_bin, Host};
use serde_json::{json, Value};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn day(offset: i64) -> String {
    (today() + Duration::days(offset)).to_string()
}

/// A sealed ordenanza dated `date`; its id and identifier.
async fn ordinance(h: &Host, date: &str, title: &str) -> (i64, String) {
    let d = h
        .ok(
            "norm.create",
            json!({
                "series": "ordenanza",
                "date": date,
                "title": title,
                "operative_heading": "HA DADO LA ORDENANZA SIGUIENTE:",
                "articles": [{"text": "Apruébase lo que antecede."}],
                "closing_formula": "Regístrese, comuníquese, publíquese y cúmplase.",
                "signatories": [{"name": "Ana Pérez Quispe", "cargo": "Alcaldesa", "dni": "12345678"}]
            }),
        )
        .await;
    let id = d["id"].as_i64().unwrap();
    let n = h.ok("norm.seal", json!({"id": id})).await;
    (id, n["identifier"].as_str().unwrap().to_string())
}

async fn publish(h: &Host, id: i64, on: &str) {
    h.ok(
        "norm.publication.add",
        json!({"id": id, "medium": "avisos_judiciales", "published_on": on}),
    )
    .await;
}

/// The fixture PDF an imported norm brings (made by LibreOffice).
fn fixture_pdf() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/norm_import/libreoffice.pdf"),
    )
    .unwrap()
}

/// Two norms of 2019 from the history: one with its original PDF, one without a file.
async fn import_history(h: &Host, dir: &Path) {
    let folder = dir.join("originales");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("ORD-012-2019.pdf"), fixture_pdf()).unwrap();
    let csv = dir.join("historia.csv");
    std::fs::write(
        &csv,
        "Tipo;Número;Fecha;Asunto;Archivo\n\
         ordenanza;12;12/03/2019;Ordenanza que regula el servicio de desagüe pluvial;ORD-012-2019.pdf\n\
         ordenanza;13;20/03/2019;Ordenanza de ornato y limpieza;sin archivo\n",
    )
    .unwrap();
    let done = h
        .ok(
            "norm.import.apply",
            json!({"sheet": csv.display().to_string(), "folder": folder.display().to_string()}),
        )
        .await;
    assert_eq!(done["imported"], 2, "{done}");
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every page of the site.
fn pages(site: &Path) -> Vec<PathBuf> {
    let mut out = vec![site.join("index.html"), site.join("buscar.html")];
    for sub in ["normas", "actas", "informes"] {
        if let Ok(entries) = std::fs::read_dir(site.join(sub)) {
            out.extend(entries.flatten().map(|e| e.path()));
        }
    }
    out
}

/// Every record of the search index: the manifest, then each year's file.
fn index(site: &Path) -> Vec<Value> {
    let manifest: Value = serde_json::from_str(&read(&site.join("datos/indice.json"))).unwrap();
    let mut out = Vec::new();
    for f in manifest["archivos"].as_array().unwrap() {
        let year: Value =
            serde_json::from_str(&read(&site.join("datos").join(f["json"].as_str().unwrap())))
                .unwrap();
        let list = year.as_array().unwrap();
        assert_eq!(f["registros"].as_u64().unwrap() as usize, list.len());
        out.extend(list.iter().cloned());
    }
    assert_eq!(manifest["registros"].as_u64().unwrap() as usize, out.len());
    out
}

fn entry<'a>(index: &'a [Value], identifier: &str) -> Option<&'a Value> {
    index.iter().find(|e| e["identificador"] == identifier)
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
}

/// The folder beside `dir` holds nothing but `dir` and what was there before.
fn no_leftovers(parent: &Path, expected: &[&str]) {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected, "left beside the portal");
}

#[tokio::test]
async fn the_demo_is_published_with_validity_relations_and_pdfs_and_republished_incrementally() {
    let h = Host::demo().await;
    let work = tempfile::tempdir().unwrap();
    // An ordinance never published: «sin efecto hasta su publicación», so not on the portal.
    let (unpublished, unpublished_ident) =
        ordinance(&h, &day(-5), "Ordenanza que crea la feria dominical").await;
    // An ordinance repealed by a newer one, both published.
    let (old, old_ident) = ordinance(&h, &day(-4), "Ordenanza del mercado de abastos").await;
    publish(&h, old, &day(-4)).await;
    let (new, new_ident) = ordinance(&h, &day(-3), "Nueva ordenanza del mercado").await;
    publish(&h, new, &day(-2)).await;
    h.ok(
        "norm.relation.add",
        json!({"id": new, "target_id": old, "kind": "deroga_total"}),
    )
    .await;
    import_history(&h, work.path()).await;

    let site = work.path().join("portal");
    let r = h
        .ok("portal.export", json!({"dir": site.display().to_string()}))
        .await;
    assert_eq!(r["path"], site.display().to_string());
    assert!(r["norms"].as_i64().unwrap() >= 50, "{r}");
    assert!(r["actas"].as_i64().unwrap() >= 10, "{r}");
    assert!(r["reports"].as_i64().unwrap() >= 1, "{r}");
    assert_eq!(r["without_pdf"], 1, "the imported norm without a file");
    assert_eq!(r["pdfs_written"], r["pdfs"]);
    assert_eq!(r["pdfs_kept"], 0);
    no_leftovers(work.path(), &["portal", "originales", "historia.csv"]);

    // The pages: accessible Spanish HTML, every PDF link pointing at a PDF of the site.
    let home = read(&site.join("index.html"));
    assert!(home.contains("<html lang=\"es\">"));
    assert!(home.contains("Municipalidad Distrital de Santa Rosa de Qochapampa"));
    assert!(home.contains("Portal de Transparencia Estándar"));
    assert!(home.contains("<caption>Normas publicadas por año y tipo</caption>"));
    assert!(home.contains("href=\"normas/ordenanza-2019.html\""));
    let all = pages(&site);
    assert!(all.len() >= 8, "{all:?}");
    let mut links = 0;
    for page in &all {
        let html = read(page);
        assert!(html.contains("<html lang=\"es\">"), "{}", page.display());
        assert_eq!(html.matches("<h1>").count(), 1, "{}", page.display());
        assert!(
            !html.contains(&unpublished_ident),
            "{} lists the unpublished {unpublished_ident}",
            page.display()
        );
        for href in html.split("href=\"../pdf/").skip(1) {
            let name = &href[..href.find('"').unwrap()];
            let pdf = std::fs::read(site.join("pdf").join(name)).unwrap();
            assert!(pdf.starts_with(b"%PDF"), "{name}");
            links += 1;
        }
        if html.contains("<table>") {
            assert!(html.contains("<caption>"), "{}", page.display());
        }
    }
    assert_eq!(links, r["pdfs"].as_i64().unwrap(), "one link per PDF");

    // The repealed ordinance says so and links the norm that repealed it; that one says what
    // it did.
    let row = |id: i64, date: &str| {
        let page = read(&site.join(format!("normas/ordenanza-{}.html", &date[..4])));
        let start = page.find(&format!("<tr id=\"n{id}\">")).unwrap();
        let end = start + page[start..].find("</tr>").unwrap();
        page[start..end].to_string()
    };
    let (old_year, new_year) = (&day(-4)[..4], &day(-3)[..4]);
    let old_row = row(old, &day(-4));
    assert!(
        old_row.contains("<td class=\"vigencia derogada\">Derogada</td>"),
        "{old_row}"
    );
    assert!(
        old_row.contains(&format!(
            "Derogada totalmente por <a href=\"ordenanza-{new_year}.html#n{new}\">{new_ident}</a>"
        )),
        "{old_row}"
    );
    let new_row = row(new, &day(-3));
    assert!(new_row.contains("Vigente"), "{new_row}");
    assert!(
        new_row.contains(&format!(
            "Deroga totalmente a <a href=\"ordenanza-{old_year}.html#n{old}\">{old_ident}</a>"
        )),
        "{new_row}"
    );

    // The search index has every published record, and not the unpublished one.
    let idx = index(&site);
    assert_eq!(
        idx.iter()
            .filter(|e| e["id"].as_str().unwrap().starts_with('n'))
            .count() as i64,
        r["norms"].as_i64().unwrap()
    );
    assert_eq!(
        idx.iter()
            .filter(|e| e["id"].as_str().unwrap().starts_with('a'))
            .count() as i64,
        r["actas"].as_i64().unwrap()
    );
    assert!(entry(&idx, &unpublished_ident).is_none());
    let o = entry(&idx, &old_ident).unwrap();
    assert_eq!(o["vigencia"], "Derogada");
    assert_eq!(o["tipo"], "Ordenanza municipal");
    assert_eq!(o["fecha"], day(-4));
    assert_eq!(
        o["pagina"],
        format!("normas/ordenanza-{old_year}.html#n{old}")
    );
    // The same years as script files, for the search page opened from a folder.
    let js = read(&site.join(format!("datos/indice-{old_year}.js")));
    assert!(js.starts_with("cabildoIndice([") && js.contains(&old_ident));

    // A norm from the history: its original PDF as it came; one without a file, no PDF.
    let imported = entry(&idx, "ORDENANZA N° 012-2019-MDSRQ").expect("imported norm");
    assert_eq!(imported["vigencia"], "Vigencia no registrada");
    assert_eq!(
        imported["titulo"],
        "Ordenanza que regula el servicio de desagüe pluvial"
    );
    let pdf = site.join(imported["pdf"].as_str().unwrap());
    assert_eq!(std::fs::read(&pdf).unwrap(), fixture_pdf());
    let bare = entry(&idx, "ORDENANZA N° 013-2019-MDSRQ").expect("imported without a file");
    assert!(bare["pdf"].is_null());

    // A sealed record's PDF is the one `records.pdf` gives.
    let acta = idx
        .iter()
        .find(|e| e["id"].as_str().unwrap().starts_with('a'))
        .unwrap();
    let session: i64 = acta["id"].as_str().unwrap()[1..].parse().unwrap();
    let printed = h
        .ok("records.pdf", json!({"kind": "acta", "id": session}))
        .await;
    let printed = base64::engine::general_purpose::STANDARD
        .decode(printed["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        std::fs::read(site.join(acta["pdf"].as_str().unwrap())).unwrap(),
        printed
    );
    let reports = read(&site.join(format!("informes/{}.html", &day(0)[..4])));
    assert!(reports.contains("Solicitudes de acceso a la información pública"));

    // Audited in Spanish.
    let trail = h
        .ok(
            "audit.list",
            json!({"filters": {"method": "portal.export"}}),
        )
        .await;
    assert_eq!(
        trail["entries"][0]["summary"],
        format!(
            "Publicó el portal de transparencia en «{}» ({} normas, {} actas, {} informes)",
            site.display(),
            r["norms"],
            r["actas"],
            r["reports"]
        )
    );

    // Again: no PDF written, the files are the same ones (linked, not rewritten).
    let some_pdf = site.join(o["pdf"].as_str().unwrap());
    #[cfg(unix)]
    let before = inode(&some_pdf);
    let again = h
        .ok("portal.export", json!({"dir": site.display().to_string()}))
        .await;
    assert_eq!(again["pdfs_written"], 0, "{again}");
    assert_eq!(again["pdfs_kept"], r["pdfs"]);
    assert_eq!(again["pdfs_removed"], 0);
    #[cfg(unix)]
    assert_eq!(inode(&some_pdf), before, "the PDF was not written again");
    no_leftovers(work.path(), &["portal", "originales", "historia.csv"]);

    // Once published, the ordinance appears: one PDF more, the others kept.
    publish(&h, unpublished, &day(-1)).await;
    let third = h
        .ok("portal.export", json!({"dir": site.display().to_string()}))
        .await;
    assert_eq!(third["norms"], r["norms"].as_i64().unwrap() + 1);
    assert_eq!(third["pdfs_written"], 1, "{third}");
    assert!(entry(&index(&site), &unpublished_ident).is_some());
}

#[tokio::test]
async fn a_failure_leaves_the_folder_as_it_was() {
    let h = Host::demo().await;
    let work = tempfile::tempdir().unwrap();
    import_history(&h, work.path()).await;
    let site = work.path().join("portal");
    let first = h
        .ok("portal.export", json!({"dir": site.display().to_string()}))
        .await;
    let before = pages(&site)
        .into_iter()
        .map(|p| (p.clone(), read(&p)))
        .collect::<Vec<_>>();

    // The imported original disappears from the files store: the export stops half-way.
    let sha: String =
        sqlx::query_scalar("SELECT document_sha256 FROM norm WHERE document_sha256 IS NOT NULL")
            .fetch_one(h.cab.pool())
            .await
            .unwrap();
    let stored = walk(h.cab.files_dir())
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().contains(&sha))
        .expect("the original in the store");
    std::fs::remove_file(&stored).unwrap();
    // Its PDF from the previous portal is not taken for it either: a new folder.
    let fresh = work.path().join("nuevo");
    h.err("portal.export", json!({"dir": fresh.display().to_string()}))
        .await;
    assert!(!fresh.exists(), "no half site");
    // Over the previous portal: it stays whole (its own copy of that PDF is reused, so make
    // it fail on that one too).
    for p in std::fs::read_dir(site.join("pdf")).unwrap().flatten() {
        if p.file_name()
            .to_string_lossy()
            .starts_with("ORDENANZA-N-012-2019")
        {
            std::fs::rename(p.path(), work.path().join("aparte.pdf")).unwrap();
        }
    }
    h.err("portal.export", json!({"dir": site.display().to_string()}))
        .await;
    for (p, text) in &before {
        assert_eq!(&read(p), text, "{} changed", p.display());
    }
    assert_eq!(
        std::fs::read_dir(site.join("pdf")).unwrap().count() as i64,
        first["pdfs"].as_i64().unwrap() - 1
    );
    no_leftovers(
        work.path(),
        &["portal", "originales", "historia.csv", "aparte.pdf"],
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn the_folder_must_be_empty_new_or_a_previous_portal() {
    let h = Host::demo().await;
    let work = tempfile::tempdir().unwrap();
    let e = h.err("portal.export", json!({"dir": "  "})).await;
    assert_eq!(e.field.as_deref(), Some("dir"));
    assert!(e.message.contains("Indique la carpeta"), "{e:?}");

    let other = work.path().join("documentos");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("informe.docx"), b"x").unwrap();
    let e = h
        .err("portal.export", json!({"dir": other.display().to_string()}))
        .await;
    assert_eq!(e.field.as_deref(), Some("dir"));
    assert!(
        e.message
            .contains("no está vacía y no contiene un portal publicado por Cabildo"),
        "{e:?}"
    );
    assert_eq!(std::fs::read(other.join("informe.docx")).unwrap(), b"x");

    let file = work.path().join("archivo.txt");
    std::fs::write(&file, b"x").unwrap();
    let e = h
        .err("portal.export", json!({"dir": file.display().to_string()}))
        .await;
    assert!(e.message.contains("es un archivo"), "{e:?}");

    let missing = work.path().join("no-existe").join("portal");
    let e = h
        .err(
            "portal.export",
            json!({"dir": missing.display().to_string()}),
        )
        .await;
    assert!(e.message.contains("no existe"), "{e:?}");

    // An empty folder is fine.
    let empty = work.path().join("vacia");
    std::fs::create_dir(&empty).unwrap();
    h.ok("portal.export", json!({"dir": empty.display().to_string()}))
        .await;
    assert!(empty.join("index.html").is_file());

    // A folder one cannot write into (root writes anywhere: then there is nothing to see).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = work.path().join("bloqueada");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(locked.join("prueba"), b"x").is_err() {
            let e = h
                .err(
                    "portal.export",
                    json!({"dir": locked.join("portal").display().to_string()}),
                )
                .await;
            assert_eq!(e.field.as_deref(), Some("dir"));
            assert!(e.message.contains("No se puede escribir en"), "{e:?}");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn the_command_line_publishes_the_portal() {
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
    let o = run(&["demo", "--seed", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let site = dir.path().join("sitio");
    let o = run(&["portal", "-o", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["norms"].as_i64().unwrap() > 0, "{v}");
    assert!(site.join("index.html").is_file());
    assert!(site.join("buscar.html").is_file());
    // A folder with other files is refused, in Spanish, with exit code 1.
    let other = dir.path().join("otra");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("nota.txt"), b"x").unwrap();
    let o = run(&["portal", "-o", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(e["field"], "dir");
    assert!(
        e["message"].as_str().unwrap().contains("no está vacía"),
        "{e}"
    );
}
