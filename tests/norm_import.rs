//! The municipality's history brought in (issue 13, item 5): a spreadsheet listing past norms and
//! a folder of their originals, previewed row by row, imported all or nothing, searchable by
//! the originals' text, and the numbering series continuing after the historical numbers.

mod common;

use std::path::{Path, PathBuf};

use base64::Engine;
use chrono::Datelike;
use common::Host;
use serde_json::{json, Value};

/// A cell of the sheet: text, or a number (a date typed as a spreadsheet date is a number too).
enum C {
    T(&'static str),
    S(String),
    N(f64),
}

/// An .xlsx with `head` in row 2 (a title in row 1, as clerks make them) and `rows` under it.
fn workbook(path: &Path, head: &[&str], rows: &[Vec<C>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write(0, 0, "Registro de normas — Secretaría General")
        .unwrap();
    for (c, h) in head.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            match v {
                C::T(t) => ws.write(r, c, *t).unwrap(),
                C::S(t) => ws.write(r, c, t.as_str()).unwrap(),
                C::N(n) => ws.write(r, c, *n).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

const HEAD: [&str; 7] = [
    "Tipo",
    "Nº",
    "Año",
    "Fecha",
    "Título / Asunto",
    "Emisor",
    "Archivo",
];

fn row(kind: &'static str, n: f64, date: &str, title: &str, file: &str) -> Vec<C> {
    vec![
        C::T(kind),
        C::N(n),
        C::S(date[..4].to_string()),
        C::S(date.to_string()),
        C::S(title.to_string()),
        C::T("Concejo Municipal"),
        C::S(file.to_string()),
    ]
}

/// A PDF of one page that shows only an image: a scan, with no text layer.
fn scanned_pdf() -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 4,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0x80; 16],
    );
    let image_id = doc.add_object(image);
    let content = Stream::new(dictionary! {}, b"q 500 0 0 700 40 60 cm /Im1 Do Q".to_vec());
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/norm_import")
            .join(name),
    )
    .unwrap()
}

/// A complete ordenanza of the host's municipality, written and sealed in Cabildo.
async fn seal_ordenanza(h: &Host, date: &str, title: &str) -> Value {
    let d = h
        .ok(
            "norm.create",
            json!({
                "series": "ordenanza", "date": date, "title": title,
                "operative_heading": "HA DADO LA ORDENANZA SIGUIENTE:",
                "articles": [{"text": "Apruébese el régimen de sanciones del mercado de abastos."}],
                "closing_formula": "Regístrese, comuníquese, publíquese y cúmplase.",
                "signatories": [{"name": "Rosa Quispe Mamani", "cargo": "Alcaldesa", "dni": null}],
            }),
        )
        .await;
    h.ok("norm.seal", json!({"id": d["id"]})).await
}

async fn scalar(h: &Host, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(h.cab.pool())
        .await
        .unwrap()
}

/// Rows the FTS index finds for `word`.
async fn found(h: &Host, word: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM search_text WHERE search_text MATCH $1")
        .bind(word)
        .fetch_one(h.cab.pool())
        .await
        .unwrap()
}

fn stored_files(dir: &Path) -> usize {
    fn walk(d: &Path, n: &mut usize) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                walk(&e.path(), n);
            } else {
                *n += 1;
            }
        }
    }
    let mut n = 0;
    walk(dir, &mut n);
    n
}

struct History {
    _dir: tempfile::TempDir,
    sheet: PathBuf,
    folder: PathBuf,
}

impl History {
    fn new() -> History {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("normas");
        std::fs::create_dir_all(folder.join("2019")).unwrap();
        History {
            sheet: dir.path().join("registro.xlsx"),
            folder,
            _dir: dir,
        }
    }

    fn file(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.folder.join(name), bytes).unwrap();
    }

    fn params(&self) -> Value {
        json!({"sheet": self.sheet.display().to_string(), "folder": self.folder.display().to_string()})
    }
}

#[tokio::test]
async fn a_history_with_its_files_is_imported_searchable_and_the_series_continues() {
    let h = Host::peru().await;
    let today = h.ok("system.status", json!({})).await["today"]
        .as_str()
        .unwrap()
        .to_string();
    let year = today[..4].parse::<i32>().unwrap();
    // A PDF made by Cabildo's own engine: a norm sealed here (ORDENANZA N° 001 of last year).
    let last_year = format!("{}-06-15", year - 1);
    let sealed = seal_ordenanza(&h, &last_year, "Ordenanza del mercado de abastos").await;
    let pdf = h
        .ok(
            "records.pdf",
            json!({"kind": "ordenanza", "id": sealed["id"]}),
        )
        .await;
    let engine_pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["base64"].as_str().unwrap())
        .unwrap();

    let hist = History::new();
    hist.file("2019/ORD-003-2019.pdf", &fixture("libreoffice.pdf"));
    hist.file(
        "Decreto de Alcaldía 7-2018.docx",
        &fixture("libreoffice.docx"),
    );
    hist.file("2019/RA N° 045-2019-MDPR.pdf", &scanned_pdf());
    hist.file("acuerdo-mercado.pdf", &engine_pdf);
    let mut rows = vec![
        row(
            "Ordenanza",
            3.0,
            "2019-03-12",
            "Ordenanza que regula el desagüe pluvial",
            "",
        ),
        row(
            "DECRETO DE ALCALDÍA",
            7.0,
            "2018-08-01",
            "Convocatoria a la sociedad civil",
            "",
        ),
        row("RA", 45.0, "2019-05-20", "Designa al gerente municipal", ""),
        row(
            "Acuerdo de Concejo",
            12.0,
            "2017-02-10",
            "Acuerdo del mercado",
            "acuerdo-mercado.pdf",
        ),
        row(
            "Resolución de Concejo",
            2.0,
            "2016-01-05",
            "Sin documento",
            "sin archivo",
        ),
    ];
    // Ordenanzas 1–5 of this year, registered from the sheet alone.
    for n in 1..=5 {
        rows.push(row(
            "ordenanza",
            n as f64,
            &today,
            "Ordenanza de este año",
            "sin archivo",
        ));
    }
    workbook(&hist.sheet, &HEAD, &rows);

    let p = h.ok("norm.import.preview", hist.params()).await;
    assert_eq!(p["total"], 10, "{p:#}");
    assert_eq!(p["with_problems"], 0, "{p:#}");
    assert_eq!(p["valid"], true);
    assert_eq!(p["scanned"], 1);
    assert_eq!(p["without_file"], 6);
    let r = &p["rows"];
    assert_eq!(r[0]["row"], 3, "the sheet's own row numbers");
    assert_eq!(r[0]["series"], "ordenanza");
    assert_eq!(r[0]["identifier"], "ORDENANZA N° 003-2019-MDPR");
    assert_eq!(r[0]["file"], "2019/ORD-003-2019.pdf");
    assert_eq!(r[0]["text_status"], "with_text");
    assert_eq!(r[1]["series"], "decreto");
    assert_eq!(r[1]["file"], "Decreto de Alcaldía 7-2018.docx");
    assert_eq!(r[2]["series"], "resolucion-alcaldia");
    assert_eq!(r[2]["file"], "2019/RA N° 045-2019-MDPR.pdf");
    assert_eq!(r[2]["text_status"], "scanned");
    assert_eq!(
        r[3]["identifier"],
        "ACUERDO DE CONCEJO N° 012-2017-SO-CM/MDPR"
    );
    assert_eq!(r[4]["text_status"], "no_file");
    // The preview saved nothing.
    assert_eq!(scalar(&h, "SELECT count(*) FROM norm").await, 1);

    let done = h.ok("norm.import.apply", hist.params()).await;
    assert_eq!(done["imported"], 10, "{done:#}");
    assert_eq!(done["with_text"], 3);
    assert_eq!(done["scanned"], 1);
    assert_eq!(done["without_file"], 6);

    // Found by the words of their originals, accents folded: the LibreOffice PDF, the Word
    // document and the PDF of Cabildo's engine; the scan only by its data.
    assert_eq!(found(&h, "desague").await, 1);
    assert_eq!(found(&h, "pinguino").await, 1);
    assert_eq!(found(&h, "convoquese").await, 1);
    assert_eq!(
        found(&h, "abastos").await,
        2,
        "the sealed norm and its imported PDF"
    );
    assert_eq!(found(&h, "gerente").await, 1, "the scan by its title");

    // The norm's page: data, original, flag; listable as scanned.
    let list = h.ok("norm.list", json!({"status": "escaneada"})).await["rows"].clone();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let scan_id = list[0]["id"].clone();
    assert_eq!(list[0]["text_status"], "scanned");
    // Searching within the scanned ones: by their data only.
    let q = h
        .ok(
            "norm.list",
            json!({"status": "escaneada", "query": "gerente"}),
        )
        .await;
    assert_eq!(q["rows"][0]["id"], scan_id);
    let n = h.ok("norm.get", json!({"id": scan_id})).await;
    assert_eq!(
        n["identifier"],
        "RESOLUCIÓN DE ALCALDÍA N° 045-2019-ALC/MDPR"
    );
    assert!(n["seal"].is_null());
    assert_eq!(n["imported"]["text_status"], "scanned");
    assert_eq!(n["imported"]["document"]["name"], "RA N° 045-2019-MDPR.pdf");
    let imported = h.ok("norm.list", json!({"status": "importada"})).await["rows"].clone();
    assert_eq!(imported.as_array().unwrap().len(), 10);

    // The original comes back as it was; printing uses it; a Word original is explained.
    let doc = h.ok("norm.document", json!({"id": scan_id})).await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc["bytes_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, scanned_pdf());
    let printed = h
        .ok("records.pdf", json!({"kind": "resolucion", "id": scan_id}))
        .await;
    assert_eq!(printed["pages"], 1);
    let decree = h.ok("norm.list", json!({"kind": "decreto"})).await["rows"][0]["id"].clone();
    let e = h
        .err("records.pdf", json!({"kind": "decreto", "id": decree}))
        .await;
    assert!(e.message.contains("documento de Word"), "{e:?}");
    // `records.list` lists them as registered; a certified copy of an imported PDF certifies it.
    let all = h
        .ok("records.list", json!({"kind": "resolucion", "limit": 500}))
        .await;
    assert!(all["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == scan_id && r["sealed"] == true));
    let copy = h
        .ok(
            "copy.create",
            json!({"norm_id": scan_id, "certifier": {"name": "Ana Torres", "cargo": "Secretaria General", "dni": null}}),
        )
        .await;
    assert_eq!(copy["norm_id"], scan_id);
    assert_eq!(copy["folios"], 1);

    // An imported norm is sealed from the start.
    let e = sqlx::query("UPDATE norm SET title = 'x' WHERE origin = 'importada'")
        .execute(h.cab.pool())
        .await;
    assert!(e.is_err());

    // The live series continues after the historical numbers: ordenanzas 1–5 of this year were
    // imported, so the next one sealed is the 6th; ordenanza 3 of 2019 did not touch this year.
    let next = seal_ordenanza(&h, &today, "Ordenanza nueva").await;
    assert_eq!(
        next["identifier"],
        format!("ORDENANZA N° 006-{year}-MDPR"),
        "{next:#}"
    );
    let last_year_next = h
        .ok(
            "numbering.preview",
            json!({"series": "ordenanza", "date": last_year}),
        )
        .await;
    assert_eq!(last_year_next["number"], 2);
    let numbers = h
        .ok(
            "numbering.assignment.list",
            json!({"series": "ordenanza", "year": 2019}),
        )
        .await;
    assert_eq!(numbers["rows"][0]["number"], 3);
    assert_eq!(numbers["rows"][0]["historical"], true);

    // Importing the same history again: every number is taken now.
    let again = h.ok("norm.import.preview", hist.params()).await;
    assert_eq!(again["with_problems"], 10);
    assert!(again["rows"][0]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("ya está registrado: ORDENANZA N° 003-2019-MDPR"));
}

#[tokio::test]
async fn one_bad_row_blocks_the_import_and_nothing_is_saved() {
    let h = Host::peru().await;
    let hist = History::new();
    hist.file("ORD-001-2015.pdf", &fixture("libreoffice.pdf"));
    hist.file("ORD-002-2015.pdf", &scanned_pdf());
    hist.file("ORD-002-2015.docx", &fixture("libreoffice.docx"));
    hist.file("viejo.doc", b"\xD0\xCF\x11\xE0 old word");
    workbook(
        &hist.sheet,
        &HEAD,
        &[
            row("Ordenanza", 1.0, "2015-02-01", "Buena", ""),
            row(
                "Ordenanza",
                2.0,
                "2015-03-01",
                "Dos archivos la pueden ser",
                "",
            ),
            row(
                "Directiva",
                4.0,
                "2015-03-02",
                "Tipo desconocido",
                "sin archivo",
            ),
            row(
                "Resolución",
                5.0,
                "2015-03-03",
                "Resolución sin serie",
                "sin archivo",
            ),
            vec![
                C::T("Ordenanza"),
                C::T("tres"),
                C::T(""),
                C::T("31/02/2015"),
                C::T(""),
                C::T(""),
                C::T("sin archivo"),
            ],
            row("Ordenanza", 9.0, "2015-04-01", "Archivo que no está", ""),
            row(
                "Ordenanza",
                1.0,
                "2015-05-01",
                "Número repetido",
                "sin archivo",
            ),
            row("Ordenanza", 10.0, "2015-05-02", "Word antiguo", "viejo.doc"),
            {
                let mut r = row(
                    "Ordenanza",
                    11.0,
                    "2016-05-02",
                    "Año que no coincide",
                    "sin archivo",
                );
                r[2] = C::T("2015");
                r
            },
            row(
                "Ordenanza",
                12.0,
                "2099-01-01",
                "Fecha futura",
                "sin archivo",
            ),
        ],
    );
    let mut p = hist.params();
    p["limit"] = json!(100);
    let pv = h.ok("norm.import.preview", p.clone()).await;
    assert_eq!(pv["total"], 10);
    assert_eq!(pv["ready"], 0, "{pv:#}");
    assert_eq!(pv["valid"], false);
    let problems = |i: usize| -> Vec<(String, String, String)> {
        pv["rows"][i]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["field"].as_str().unwrap().to_string(),
                    p["column"].as_str().unwrap_or("").to_string(),
                    p["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let has = |i: usize, field: &str, column: &str, text: &str| {
        let ps = problems(i);
        assert!(
            ps.iter()
                .any(|(f, c, m)| f == field && c == column && m.contains(text)),
            "row {i}: {field} {column} «{text}» not in {ps:?}"
        );
    };
    // Row 1 is fine but repeated by row 7; row 2 has two candidate files.
    has(0, "number", "B", "se repite en la fila 9");
    has(1, "file", "G", "Varios archivos pueden ser de esta norma");
    has(2, "kind", "A", "«Directiva» no es un tipo de norma");
    has(3, "kind", "A", "no dice de qué serie es");
    has(4, "number", "B", "«tres» no es un número");
    has(4, "date", "D", "«31/02/2015» no es una fecha");
    has(4, "title", "E", "Falta el título");
    has(
        5,
        "file",
        "G",
        "No se encontró en la carpeta el archivo de esta norma (un nombre como «ORD-009-2015.pdf»)",
    );
    has(6, "number", "B", "ya está en la fila 3");
    has(7, "file", "G", "Word antiguo (.doc)");
    has(
        8,
        "year",
        "C",
        "El año 2015 no coincide con la fecha (02/05/2016)",
    );
    has(9, "date", "D", "posterior a hoy");
    // Paged, and only the rows with problems when asked.
    p["limit"] = json!(3);
    p["offset"] = json!(3);
    let page = h.ok("norm.import.preview", p).await;
    assert_eq!(page["rows"].as_array().unwrap().len(), 3);
    assert_eq!(page["rows"][0]["row"], 6);

    let files_before = stored_files(h.cab.files_dir());
    let e = h.err("norm.import.apply", hist.params()).await;
    assert_eq!(e.kind, "validation");
    assert_eq!(e.field.as_deref(), Some("rows[3].number"), "{e:?}");
    assert!(e.message.starts_with("No se importó nada: hay "), "{e:?}");
    assert!(e.message.contains("Fila 3, columna B"), "{e:?}");
    assert_eq!(scalar(&h, "SELECT count(*) FROM norm").await, 0);
    assert_eq!(
        scalar(&h, "SELECT count(*) FROM numbering_assignment").await,
        0
    );
    assert_eq!(scalar(&h, "SELECT count(*) FROM stored_file").await, 0);
    assert_eq!(stored_files(h.cab.files_dir()), files_before);
    assert_eq!(found(&h, "desague").await, 0);
}

#[tokio::test]
async fn a_sheet_without_its_columns_says_which_and_a_csv_works_too() {
    let h = Host::peru().await;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("normas.csv");
    std::fs::write(
        &csv,
        "Tipo;Número;Fecha;Asunto;Publicación\nordenanza;4;12/03/2019;Ordenanza de ornato;15/03/2019\nordenanza;5;12 de abril de 2019;Ordenanza de tránsito;01/04/2019\n",
    )
    .unwrap();
    let p = h
        .ok(
            "norm.import.preview",
            json!({"sheet": csv.display().to_string()}),
        )
        .await;
    assert_eq!(p["total"], 2);
    assert_eq!(p["rows"][0]["published_on"], "2019-03-15");
    assert_eq!(p["rows"][0]["text_status"], "no_file");
    assert_eq!(p["rows"][1]["problems"][0]["field"], "published_on");
    let xlsx = dir.path().join("sin-fecha.xlsx");
    workbook(
        &xlsx,
        &["Tipo", "Número", "Título"],
        &[vec![C::T("Ordenanza"), C::N(1.0), C::T("x")]],
    );
    let p = h
        .ok(
            "norm.import.preview",
            json!({"sheet": xlsx.display().to_string()}),
        )
        .await;
    assert_eq!(p["valid"], false);
    assert!(p["sheet_problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Falta la columna «fecha»"));
    let e = h
        .err(
            "norm.import.apply",
            json!({"sheet": xlsx.display().to_string()}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("sheet"));
    let none = dir.path().join("otra.xlsx");
    workbook(&none, &["Código", "Nombre"], &[]);
    let e = h
        .err(
            "norm.import.preview",
            json!({"sheet": none.display().to_string()}),
        )
        .await;
    assert!(
        e.message.contains("No se encontraron los encabezados"),
        "{e:?}"
    );
}

#[tokio::test]
async fn five_thousand_rows_preview_and_import() {
    let h = Host::peru().await;
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("20-anos.xlsx");
    let kinds = [
        "Ordenanza",
        "Decreto de Alcaldía",
        "Resolución de Alcaldía",
        "Acuerdo de Concejo",
    ];
    let rows: Vec<Vec<C>> = (0..5000)
        .map(|i| {
            let year = 2000 + (i / 250) as i32;
            let n = (i % 250) / 4 + 1;
            let date = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
                + chrono::Duration::days(n as i64);
            vec![
                C::T(kinds[i % 4]),
                C::N(n as f64),
                C::N(f64::from(date.year())),
                C::S(date.format("%d/%m/%Y").to_string()),
                C::S(format!("Norma histórica {i}")),
                C::T(""),
                C::T("sin archivo"),
            ]
        })
        .collect();
    workbook(&sheet, &HEAD, &rows);
    let params = json!({"sheet": sheet.display().to_string()});
    let started = std::time::Instant::now();
    let p = h.ok("norm.import.preview", params.clone()).await;
    let took = started.elapsed();
    assert_eq!(p["total"], 5000, "{}", p["rows"][0]);
    assert_eq!(p["ready"], 5000, "{}", p["rows"][0]);
    assert_eq!(p["rows"].as_array().unwrap().len(), 100, "one page");
    assert!(took.as_secs() < 60, "preview of 5,000 rows took {took:?}");
    let done = h.ok("norm.import.apply", params).await;
    assert_eq!(done["imported"], 5000);
    assert_eq!(
        scalar(
            &h,
            "SELECT count(*) FROM numbering_assignment WHERE historical = 1"
        )
        .await,
        5000
    );
    assert_eq!(found(&h, "historica").await, 5000);
}

#[tokio::test]
async fn the_cli_prints_the_problems_and_imports_with_apply() {
    let h = Host::peru().await;
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("normas.xlsx");
    workbook(
        &sheet,
        &HEAD,
        &[
            row("Ordenanza", 1.0, "2014-02-01", "Primera", "sin archivo"),
            row("Directiva", 2.0, "2014-02-02", "Segunda", "sin archivo"),
        ],
    );
    let run = |apply: bool| {
        let mut c = common::cabildo_bin();
        c.env("CABILDO_DB", h.db_path())
            .args(["import-norms", "--sheet"])
            .arg(&sheet);
        if apply {
            c.arg("--apply");
        }
        c.output().unwrap()
    };
    let out = run(true);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["with_problems"], 1);
    assert_eq!(v["problems"][0]["column"], "A");
    assert!(v["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Directiva"));
    assert!(
        v.get("imported").is_none(),
        "nothing imported while problems remain"
    );
    workbook(
        &sheet,
        &HEAD,
        &[row(
            "Ordenanza",
            1.0,
            "2014-02-01",
            "Primera",
            "sin archivo",
        )],
    );
    let out = run(true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"]["imported"], 1);
    assert_eq!(
        scalar(&h, "SELECT count(*) FROM norm WHERE origin = 'importada'").await,
        1
    );
}
