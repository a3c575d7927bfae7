//! The follow-up desk's outputs through the API: the letters of information requests printed
//! through the registry (and refused when they do not fit), a Chilean municipality's letters
//! citing only Chilean law, the register of requests exported and read back, each report in
//! both formats with its totals against the items created, a unit head's reports limited to
//! their unit, and the desk's section in the Gerencia's monthly report.
//!
//! Needs poppler-utils (`pdftotext`). Set `CABILDO_PDF_OUT=/some/dir` to keep the PDFs and look
//! at them (`pdftoppm -png -r 60 file.pdf page`).

mod common;

use base64::Engine;
use cabildo::api;
use cabildo::auth::Actor;
use cabildo::Cabildo;
use calamine::{Data, Reader, Xlsx};
use common::pki::run_ok;
use common::{pdftotext, Host};
use serde_json::{json, Value};

/// Every text of `wants` is in `text`, which is `what` («el acuse»).
fn has_all(text: &str, wants: &[&str], what: &str) {
    for want in wants {
        assert!(text.contains(want), "falta «{want}» en {what}:\n{text}");
    }
}

fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("CABILDO_PDF_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

fn decode(v: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(v.as_str().expect("base64"))
        .unwrap()
}

async fn letter(h: &Host, kind: &str, id: i64, name: &str) -> String {
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    let pdf = decode(&v["base64"]);
    keep(&format!("{name}.pdf"), &pdf);
    pdftotext(&pdf)
}

/// A municipality of `country` on a fixed day, with its units and its secretary.
async fn municipality(country: &str, today: &str) -> (Host, Units) {
    let dir = tempfile::tempdir().unwrap();
    let day = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    let cab = Cabildo::open(&dir.path().join("cabildo.db"))
        .await
        .unwrap()
        .with_today(day);
    let h = Host { dir, cab };
    let chile = country == "CL";
    h.ok(
        "municipality.create",
        if chile {
            json!({"name": "Ilustre Municipalidad de Putre", "short_name": "IMP", "country": "CL", "kind": "comuna"})
        } else {
            json!({"name": "Municipalidad Distrital de San Ramón", "short_name": "MDSR", "country": "PE", "kind": "distrital"})
        },
    )
    .await;
    let unit = |name: &str, code: &str, kind: &str| json!({"parent_id": null, "name": name, "code": code, "kind": kind, "head_person_id": null});
    let mut ids = Vec::new();
    let names: [(&str, &str, &str); 3] = if chile {
        [
            ("Secretaría Municipal", "SM", "apoyo"),
            ("Dirección de Obras Municipales", "DOM", "linea"),
            ("Dirección de Administración y Finanzas", "DAF", "apoyo"),
        ]
    } else {
        [
            ("Secretaría General", "SG", "apoyo"),
            ("Gerencia de Desarrollo Urbano", "GDU", "linea"),
            ("Gerencia de Administración y Finanzas", "GAF", "apoyo"),
        ]
    };
    for (name, code, kind) in names {
        ids.push(
            h.ok("org.unit.create", unit(name, code, kind)).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let person = if chile {
        json!({"doc_type": "RUN", "doc_number": "9.876.543-3", "given_names": "Pedro",
               "surnames": "Condori Mamani", "email": null, "phone": null, "gender": "M"})
    } else {
        json!({"doc_type": "DNI", "doc_number": "40123456", "given_names": "María Elena",
               "surnames": "Quispe Huamán", "email": null, "phone": null, "gender": "F"})
    };
    let secretary = h.ok("org.person.create", person).await["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "org.position.create",
        json!({"person_id": secretary, "unit_id": ids[0],
               "title": if chile { "Secretario Municipal" } else { "Secretario General" },
               "start_date": "2023-01-02", "end_date": null}),
    )
    .await;
    (
        h,
        Units {
            urban: ids[1],
            finance: ids[2],
        },
    )
}

struct Units {
    urban: i64,
    finance: i64,
}

async fn register(h: &Host, filed_at: &str, channel: &str, unit_id: i64, subject: &str) -> i64 {
    h.ok(
        "access.register",
        json!({"filed_at": filed_at, "channel": channel, "requester": "Juana Torres Vela",
               "requester_doc": "45678912", "address": "Jr. Los Álamos 123, San Ramón",
               "email": "juana.torres@example.pe", "subject": subject,
               "delivery": "copia simple", "unit_id": unit_id}),
    )
    .await["item"]["id"]
        .as_i64()
        .unwrap()
}

async fn answer(
    h: &Host,
    id: i64,
    outcome: &str,
    on: &str,
    text: &str,
    ground: &str,
    cost: &str,
) -> Value {
    h.ok(
        "access.answer",
        json!({"id": id, "outcome": outcome, "on_date": on, "answer": text,
               "denial_ground": ground, "cost": cost}),
    )
    .await
}

/// A norm of the registry (an acuerdo or an ordenanza), as a draft.
async fn norm(h: &Host, series: &str, title: &str) -> i64 {
    let t = h
        .ok(
            "norm.template",
            json!({"series": series, "date": "2026-03-02"}),
        )
        .await;
    let mut n = t["norm"].clone();
    n["title"] = json!(title);
    n["articles"] =
        json!([{"title": null, "text": "ENCARGAR a la Gerencia lo dispuesto.", "items": []}]);
    h.ok("norm.create", n).await["id"].as_i64().unwrap()
}

async fn encargo(h: &Host, p: Value) -> i64 {
    h.ok("followup.create", p).await["item"]["id"]
        .as_i64()
        .unwrap()
}

async fn attend(h: &Host, id: i64, on: &str) {
    h.ok(
        "followup.progress",
        json!({"id": id, "on_date": on, "note": "Se cumplió lo encargado.", "status": "atendido",
               "answer": "Informe presentado a la Gerencia Municipal."}),
    )
    .await;
}

/// The Peruvian fixture on 30 April 2026: five requests (extended and delivered, denied,
/// partly delivered late, open, overdue) and five encargos (of an acuerdo: one attended on
/// time and one overdue; of an ordenanza, attended on time; of the alcaldía, attended late;
/// of the Gerencia, open in time).
struct Fixture {
    h: Host,
    u: Units,
    r: [i64; 5],
    days: Vec<i64>,
}

async fn peru() -> Fixture {
    let (h, u) = municipality("PE", "2026-04-30").await;
    let r1 = register(
        &h,
        "2026-03-25T10:15",
        "presencial",
        u.urban,
        "Copia del expediente de la licencia de edificación N° 045-2025",
    )
    .await;
    let r2 = register(
        &h,
        "2026-03-25T17:10",
        "correo",
        u.urban,
        "Relación de los proveedores de la obra del mercado",
    )
    .await;
    let r3 = register(
        &h,
        "2026-04-06T09:00",
        "portal",
        u.finance,
        "Planillas de remuneraciones del año 2025",
    )
    .await;
    let r4 = register(
        &h,
        "2026-04-27T11:00",
        "carta",
        u.urban,
        "Plano catastral del sector 3",
    )
    .await;
    let r5 = register(
        &h,
        "2026-02-10T12:00",
        "presencial",
        u.finance,
        "Contratos de alquiler de maquinaria",
    )
    .await;
    h.ok(
        "access.extend",
        json!({"id": r1, "on_date": "2026-03-26", "deliver_on": "2026-04-24",
               "reason": "el expediente está en el archivo periférico y debe digitalizarse"}),
    )
    .await;
    let mut days = Vec::new();
    for (id, outcome, on, text, ground, cost) in [
        (
            r1,
            "entregada",
            "2026-04-20",
            "copia del expediente completo, en 48 folios",
            "",
            "S/ 2.50",
        ),
        (
            r2,
            "denegada",
            "2026-04-08",
            "la relación contiene datos protegidos de terceros",
            "Información confidencial (art. 17 del TUO de la Ley N° 27806)",
            "",
        ),
        (
            r3,
            "entregada_parcial",
            "2026-04-28",
            "planillas sin los descuentos judiciales",
            "Información confidencial (art. 17 del TUO de la Ley N° 27806)",
            "S/ 1.00",
        ),
    ] {
        let d = answer(&h, id, outcome, on, text, ground, cost).await;
        days.push(d["request"]["days_taken"].as_i64().unwrap());
    }
    let acuerdo = norm(&h, "acuerdo", "Aprobar el plan de arborización").await;
    let ordenanza = norm(&h, "ordenanza", "Ordenanza de limpieza pública").await;
    let e1 = encargo(&h, json!({"source": "acuerdo", "norm_id": acuerdo, "subject": "Plantar 200 árboles en el parque central", "unit_id": u.urban, "received_on": "2026-03-02", "due_on": "2026-03-31"})).await;
    encargo(&h, json!({"source": "acuerdo", "norm_id": acuerdo, "subject": "Presupuestar la compra de plantones", "unit_id": u.finance, "received_on": "2026-03-02", "due_on": "2026-03-16"})).await;
    let e3 = encargo(&h, json!({"source": "ordenanza", "norm_id": ordenanza, "subject": "Publicar el horario de recojo", "unit_id": u.urban, "received_on": "2026-03-10", "due_on": "2026-04-30"})).await;
    let e4 = encargo(&h, json!({"source": "alcaldia", "subject": "Inventario de vehículos", "unit_id": u.finance, "received_on": "2026-04-02", "due_on": "2026-04-15"})).await;
    encargo(&h, json!({"source": "gerencia", "subject": "Plan de mantenimiento de pistas", "unit_id": u.urban, "received_on": "2026-04-06", "due_on": "2026-05-29"})).await;
    attend(&h, e1, "2026-03-20").await;
    attend(&h, e3, "2026-04-10").await;
    attend(&h, e4, "2026-04-20").await;
    Fixture {
        h,
        u,
        r: [r1, r2, r3, r4, r5],
        days,
    }
}

#[tokio::test]
async fn each_letter_prints_what_the_request_went_through() {
    let f = peru().await;
    let h = &f.h;
    let [r1, r2, r3, r4, _] = f.r;

    let t = letter(h, "carta-acuse", r1, "acuse-pe").await;
    has_all(
        &t,
        &[
            "ACUSE DE RECIBO",
            "San Ramón, 25 de marzo de 2026",
            "Señor(a): Juana Torres Vela DNI N° 45678912 Jr. Los Álamos 123, San Ramón",
            "Asunto: Acuse de recibo de su solicitud de acceso a la información pública",
            "Referencia: Solicitud N° 001-2026, recibida el 25 de marzo de 2026.",
            "a las 10:15 horas en la mesa de partes",
            "«Copia del expediente de la licencia de edificación N° 045-2025»",
            "De acuerdo con el Texto Único Ordenado de la Ley N° 27806",
            "diez (10) días hábiles",
            "Jueves Santo",
            "vence el 10 de abril de 2026",
            "Gerencia de Desarrollo Urbano",
            "María Elena Quispe Huamán",
            "Secretaria General",
            "Página 1 de 1",
        ],
        "el acuse",
    );

    // Filed after the office closed: it counts from the next working day.
    let t = letter(h, "carta-acuse", r2, "acuse-pe-tarde").await;
    has_all(
        &t,
        &[
            "a las 17:10 horas por correo electrónico",
            "después de la hora de cierre de la oficina (16:30)",
            "se tiene por presentada el 26 de marzo de 2026",
            "Correo electrónico: juana.torres@example.pe",
        ],
        "el acuse",
    );

    let t = letter(h, "carta-prorroga", r1, "prorroga-pe").await;
    has_all(
        &t,
        &[
        "COMUNICACIÓN DE PRÓRROGA",
        "San Ramón, 26 de marzo de 2026",
        "el expediente está en el archivo periférico y debe digitalizarse",
        "literal g) del artículo 11 del Texto Único Ordenado de la Ley N° 27806",
        "la Municipalidad le comunica la fecha en que entregará la información: el 24 de abril de 2026",
        ],
        "la prórroga",
    );

    let t = letter(h, "carta-respuesta", r1, "respuesta-pe").await;
    has_all(
        &t,
        &[
            "ENTREGA DE INFORMACIÓN",
            "San Ramón, 20 de abril de 2026",
            "copia del expediente completo, en 48 folios",
            "S/ 2,50",
            &format!("a los {}", days_words(f.days[0])),
            "dentro del plazo, que vencía el 24 de abril de 2026",
        ],
        "la respuesta",
    );

    let t = letter(h, "carta-denegatoria", r2, "denegatoria-pe").await;
    has_all(
        &t,
        &[
        "DENEGATORIA DE ACCESO A LA INFORMACIÓN",
        "ha sido denegada por la causal siguiente: Información confidencial (art. 17 del TUO de la Ley N° 27806).",
        "Fundamento: la relación contiene datos protegidos de terceros.",
        "Tribunal de Transparencia y Acceso a la Información Pública",
        "quince (15) días calendario",
        ],
        "la denegatoria",
    );

    // A partial delivery has both letters; the late one says so.
    let t = letter(h, "carta-respuesta", r3, "respuesta-parcial-pe").await;
    has_all(
        &t,
        &[
            "ENTREGA PARCIAL DE INFORMACIÓN",
            "le hacemos entrega parcial de la información solicitada",
            "S/ 1,00",
            "se deniega por la causal siguiente: Información confidencial",
            "Tribunal de Transparencia",
            "fuera del plazo",
        ],
        "la entrega parcial",
    );
    let t = letter(h, "carta-denegatoria", r3, "denegatoria-parcial-pe").await;
    assert!(t.contains("DENEGATORIA PARCIAL"), "{t}");
    assert!(t.contains("ha sido denegada en parte"), "{t}");
    assert!(t.contains("En lo demás, se le entrega la información solicitada: planillas sin los descuentos judiciales."), "{t}");

    // Letters that do not fit the request are refused in Spanish.
    for (kind, id, says) in [
        ("carta-prorroga", r2, "no fue prorrogada"),
        (
            "carta-respuesta",
            r2,
            "no tiene una entrega de información registrada",
        ),
        ("carta-denegatoria", r1, "no fue denegada"),
        ("carta-respuesta", r4, "está en trámite"),
    ] {
        let e = h.err("records.pdf", json!({"kind": kind, "id": id})).await;
        assert_eq!(e.kind, "conflict", "{kind} {id}: {e:?}");
        assert!(e.message.contains(says), "{kind} {id}: {}", e.message);
    }
    // An encargo has no letters.
    let encargo = h
        .ok("followup.list", json!({"kind": "encargo", "view": "todos"}))
        .await["rows"][0]["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err("records.pdf", json!({"kind": "carta-acuse", "id": encargo}))
        .await;
    assert!(e.message.contains("no es una solicitud"), "{}", e.message);
    // Letters are printed from their request, not listed among the records.
    let listed = h.ok("records.list", json!({"limit": 500})).await;
    assert!(!listed.to_string().contains("carta-"), "{listed}");
    let letters = h.ok("records.list", json!({"kind": "carta-acuse"})).await;
    assert_eq!(letters["rows"], json!([]));

    // The CLI prints a letter through the registry.
    let out = f.h.dir.path().join("acuse.pdf");
    let o = run_ok(
        common::cabildo_bin()
            .arg("--db")
            .arg(f.h.db_path())
            .args(["print", "carta-acuse", &r1.to_string(), "-o"])
            .arg(&out),
    );
    assert!(o.contains("\"pages\""), "{o}");
    assert!(pdftotext(&std::fs::read(&out).unwrap()).contains("ACUSE DE RECIBO"));
}

fn days_words(n: i64) -> String {
    format!(
        "{} ({n}) días hábiles",
        cabildo::spanish::number_words(n as u32)
    )
}

#[tokio::test]
async fn a_chilean_letter_cites_ley_20285_and_no_peruvian_law() {
    let (h, u) = municipality("CL", "2026-04-30").await;
    let a = h
        .ok(
            "access.register",
            json!({"filed_at": "2026-03-02T10:00", "channel": "presencial", "requester": "Camila Rojas Soto",
                   "requester_doc": "12.345.678-5", "address": "Baquedano 340, Putre",
                   "subject": "Permisos de edificación otorgados en 2025", "unit_id": u.urban}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    let b = h
        .ok(
            "access.register",
            json!({"filed_at": "2026-03-03T10:00", "channel": "portal", "requester": "Camila Rojas Soto",
                   "email": "camila@example.cl", "subject": "Sumarios administrativos del personal",
                   "unit_id": u.finance}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "access.extend",
        json!({"id": a, "on_date": "2026-03-20", "reason": "la información debe reunirse de tres archivos"}),
    )
    .await;
    let rules = h.ok("access.rules", json!({})).await;
    answer(
        &h,
        a,
        "entregada",
        "2026-04-10",
        "nómina de los 37 permisos otorgados",
        "",
        "$ 1.500",
    )
    .await;
    answer(
        &h,
        b,
        "denegada",
        "2026-03-25",
        "los sumarios están en curso y son reservados",
        rules["denial_grounds"][0].as_str().unwrap(),
        "",
    )
    .await;
    let mut all = String::new();
    for (kind, id) in [
        ("carta-acuse", a),
        ("carta-prorroga", a),
        ("carta-respuesta", a),
        ("carta-denegatoria", b),
    ] {
        let t = letter(&h, kind, id, &format!("{kind}-cl")).await;
        assert!(t.contains("Putre, "), "{t}");
        assert!(
            t.contains("Ley N° 20.285"),
            "{kind} sin la Ley 20.285:\n{t}"
        );
        assert!(
            t.contains("Pedro Condori Mamani Secretario Municipal"),
            "{t}"
        );
        all.push_str(&t);
    }
    has_all(
        &all,
        &[
            "RUN 12.345.678-5",
            "en la oficina de partes",
            "veinte (20) días hábiles",
            "de conformidad con el artículo 14 de la Ley N° 20.285",
            "diez (10) días hábiles adicionales",
            "$ 1.500",
            "Los costos directos de reproducción",
            "Consejo para la Transparencia",
            "art. 21 N° 1 de la Ley N° 20.285",
        ],
        "las cartas",
    );
    for never in [
        "27806",
        "Texto Único",
        "TUO",
        "Tribunal de Transparencia",
        "S/",
        "DNI",
    ] {
        assert!(
            !all.contains(never),
            "«{never}» en una carta chilena:\n{all}"
        );
    }
}

fn sheet(bytes: Vec<u8>, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.worksheet_range(name).unwrap()
}

fn text(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn number(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        Some(Data::Int(v)) => *v as f64,
        other => panic!("({row}, {col}) no es un número: {other:?}"),
    }
}

/// An Excel serial date as «AAAA-MM-DD HH:MM».
fn serial(v: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    (base + chrono::Duration::seconds((v * 86400.0).round() as i64))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The header row of the sheets (after the block on top).
const HEAD: u32 = 6;

#[tokio::test]
async fn the_register_of_requests_reads_back_with_its_values() {
    let f = peru().await;
    let h = &f.h;
    let path = h.dir.path().join("registro.xlsx");
    let v = h
        .ok(
            "access.register.export",
            json!({"year": 2026, "path": path.display().to_string()}),
        )
        .await;
    assert_eq!(v["rows"], 5);
    assert!(v["bytes_base64"].is_null());
    let r = sheet(std::fs::read(&path).unwrap(), "Registro");
    assert_eq!(text(&r, 0, 0), "Municipalidad Distrital de San Ramón");
    assert!(text(&r, 1, 0)
        .contains("Registro de solicitudes de acceso a la información pública — 2026"));
    assert!(text(&r, 2, 0).contains("Ley N° 27806"));
    assert_eq!(text(&r, HEAD, 0), "Número");
    assert_eq!(text(&r, HEAD, 14), "Días hábiles");
    let row = |n: u32| HEAD + n;
    for n in 1..=5u32 {
        assert_eq!(text(&r, row(n), 0), format!("Solicitud N° 00{n}-2026"));
    }
    // Dates are dates, numbers are numbers.
    match r.get_value((row(1), 1)) {
        Some(Data::DateTime(d)) => assert_eq!(serial(d.as_f64()), "2026-03-25 10:15"),
        other => panic!("la recepción no es una fecha: {other:?}"),
    }
    match r.get_value((row(1), 7)) {
        Some(Data::DateTime(d)) => assert_eq!(serial(d.as_f64()), "2026-04-10 00:00"),
        other => panic!("el vencimiento legal no es una fecha: {other:?}"),
    }
    assert_eq!(text(&r, row(1), 2), "Presencial (mesa de partes)");
    assert_eq!(text(&r, row(1), 3), "Juana Torres Vela");
    assert_eq!(text(&r, row(1), 4), "45678912");
    assert_eq!(text(&r, row(1), 6), "Gerencia de Desarrollo Urbano");
    assert_eq!(text(&r, row(1), 9), "Atendida");
    assert_eq!(number(&r, row(1), 14), f.days[0] as f64);
    assert_eq!(text(&r, row(1), 15), "Entregada");
    assert_eq!(number(&r, row(1), 17), 2.5);
    assert!(
        matches!(r.get_value((row(1), 8)), Some(Data::DateTime(_))),
        "prorrogada"
    );
    assert!(
        matches!(r.get_value((row(1), 12)), Some(Data::DateTime(_))),
        "prórroga"
    );
    assert_eq!(text(&r, row(2), 15), "Denegada");
    assert!(text(&r, row(2), 16).starts_with("Información confidencial"));
    assert_eq!(text(&r, row(3), 15), "Entregada en parte");
    assert_eq!(text(&r, row(4), 9), "En trámite");
    assert_eq!(text(&r, row(4), 15), "");
    assert_eq!(text(&r, row(5), 9), "Vencida");
    assert_eq!(r.height() as u32, row(5) + 1, "no rows beyond the requests");

    // Another year is empty; a year out of range is refused at the field.
    let v = h.ok("access.register.export", json!({"year": 2025})).await;
    assert_eq!(v["rows"], 0);
    assert!(v["bytes_base64"].is_string());
    let e = h.err("access.register.export", json!({"year": 26})).await;
    assert_eq!(e.field.as_deref(), Some("year"));
}

async fn report(h: &Host, p: Value) -> Vec<u8> {
    let v = h.ok("followup.report", p.clone()).await;
    let bytes = decode(&v["bytes_base64"]);
    keep(
        &format!(
            "reporte-{}.{}",
            p["kind"].as_str().unwrap(),
            p["format"].as_str().unwrap()
        ),
        &bytes,
    );
    bytes
}

/// The row of a sheet whose first cell is `label`.
fn row_of(r: &calamine::Range<Data>, label: &str) -> u32 {
    (0..r.height() as u32)
        .find(|&i| text(r, i, 0) == label)
        .unwrap_or_else(|| panic!("no hay fila «{label}»"))
}

#[tokio::test]
async fn each_report_adds_up_in_both_formats() {
    let f = peru().await;
    let h = &f.h;
    let base = |kind: &str, format: &str| json!({"kind": kind, "year": 2026, "format": format});

    // Per unit: 10 items received, 2 open in time, 2 overdue, 6 attended, none archived.
    let t = pdftotext(&report(h, base("por_unidad", "pdf")).await);
    has_all(
        &t,
        &[
            "REPORTE DE SEGUIMIENTO POR UNIDAD",
            "Año 2026",
            "MUNICIPALIDAD DISTRITAL DE SAN RAMÓN",
            "Total 10 2 2 6 0",
            "Página 1 de 1",
        ],
        "",
    );
    let r = sheet(report(h, base("por_unidad", "xlsx")).await, "Por unidad");
    let total = row_of(&r, "Total");
    let got: Vec<f64> = (1..=5).map(|c| number(&r, total, c)).collect();
    assert_eq!(got, vec![10.0, 2.0, 2.0, 6.0, 0.0]);
    let urban = row_of(&r, "Gerencia de Desarrollo Urbano");
    // R1, R2, R4, E1, E3, E5.
    assert_eq!(number(&r, urban, 1), 6.0);

    // Overdue: the request never answered and the encargo of the acuerdo.
    let t = pdftotext(&report(h, base("vencidos", "pdf")).await);
    assert!(t.contains("Solicitud N° 005-2026"), "{t}");
    assert!(t.contains("Encargo N° 002-2026"), "{t}");
    assert!(!t.contains("Solicitud N° 004-2026"), "{t}");
    let r = sheet(report(h, base("vencidos", "xlsx")).await, "Vencidos");
    assert_eq!(r.height() as u32, HEAD + 3);
    // Most overdue first: the request due in February.
    assert_eq!(text(&r, HEAD + 1, 0), "Solicitud N° 005-2026");
    assert!(number(&r, HEAD + 1, 5) > number(&r, HEAD + 2, 5));

    // Agreements: the acuerdo's two encargos (one on time, one overdue), the ordenanza's one.
    let t = pdftotext(&report(h, base("acuerdos", "pdf")).await);
    has_all(
        &t,
        &[
            "CUMPLIMIENTO DE LOS ACUERDOS Y ORDENANZAS DEL CONCEJO",
            "Acuerdos de Concejo 2 1 1 1 0 50 %",
            "Ordenanzas 1 1 1 0 0 100 %",
            "Total 3 2 2 1 0 66,7 %",
            "Plantar 200 árboles en el parque central",
        ],
        "",
    );
    let bytes = report(h, base("acuerdos", "xlsx")).await;
    let r = sheet(bytes.clone(), "Resumen");
    let total = row_of(&r, "Total");
    assert_eq!(number(&r, total, 1), 3.0);
    assert!(
        (number(&r, total, 6) - 2.0 / 3.0).abs() < 1e-9,
        "a percentage"
    );
    let r = sheet(bytes, "Encargos");
    assert_eq!(r.height() as u32, HEAD + 4);

    // Requests per month, with the days taken.
    let t = pdftotext(&report(h, base("solicitudes", "pdf")).await);
    assert!(
        t.contains("SOLICITUDES DE ACCESO A LA INFORMACIÓN PÚBLICA"),
        "{t}"
    );
    let r = sheet(report(h, base("solicitudes", "xlsx")).await, "Solicitudes");
    let total = row_of(&r, "Total");
    let got: Vec<f64> = (1..=7).map(|c| number(&r, total, c)).collect();
    // received, answered, in time, late, denied (wholly or in part), pending, withdrawn.
    assert_eq!(got, vec![5.0, 3.0, 2.0, 1.0, 2.0, 2.0, 0.0]);
    let mean = f.days.iter().sum::<i64>() as f64 / f.days.len() as f64;
    assert!((number(&r, total, 8) - mean).abs() < 1e-9);
    assert_eq!(number(&r, total, 9), *f.days.iter().max().unwrap() as f64);
    let march = row_of(&r, "Marzo");
    assert_eq!(number(&r, march, 1), 2.0);
    assert_eq!(number(&r, row_of(&r, "Febrero"), 6), 1.0);
    assert_eq!(text(&r, row_of(&r, "Enero"), 1), "0");

    // A month, and one unit.
    let v = h
        .ok(
            "followup.report",
            json!({"kind": "por_unidad", "year": 2026, "month": 3, "unit_id": f.u.urban, "format": "xlsx"}),
        )
        .await;
    assert!(v["file_name"].as_str().unwrap().contains("Marzo de 2026"));
    let r = sheet(decode(&v["bytes_base64"]), "Por unidad");
    // R1, R2, E1, E3.
    assert_eq!(number(&r, row_of(&r, "Total"), 1), 4.0);
    // The block on top names the report, its period and unit, and the day; the header follows.
    assert!(text(&r, 1, 0).contains("REPORTE DE SEGUIMIENTO POR UNIDAD — Marzo de 2026 — Unidad orgánica: Gerencia de Desarrollo Urbano"));
    assert_eq!(text(&r, 3, 0), "Emitido el 30/04/2026");
    assert_eq!(text(&r, HEAD, 0), "Unidad orgánica");
    let e = h
        .err(
            "followup.report",
            json!({"kind": "vencidos", "year": 2026, "month": 13}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("month"));
}

#[tokio::test]
async fn a_unit_head_gets_only_their_unit() {
    let f = peru().await;
    let h = &f.h;
    h.ok(
        "user.create",
        json!({"login": "jefa.gaf", "name": "Jefa de Finanzas", "password": "Temporal-123",
               "roles": ["jefe_unidad"], "unit_id": f.u.finance}),
    )
    .await;
    let me = api::sign_in(&h.cab, "jefa.gaf", "Temporal-123")
        .await
        .unwrap();
    let actor = Actor::user(me.id, &me.login);
    let call = |method: &'static str, params: Value| {
        let actor = actor.clone();
        async move {
            api::dispatch(&h.cab, &actor, method, params, false)
                .await
                .map_err(|e| e.to_api())
        }
    };
    call(
        "auth.password.change",
        json!({"current_password": "Temporal-123", "new_password": "Clave-segura-2026"}),
    )
    .await
    .unwrap();
    // Another unit is refused; without one, their own: R3, R5, E2, E4.
    let e = call(
        "followup.report",
        json!({"kind": "por_unidad", "year": 2026, "format": "xlsx", "unit_id": f.u.urban}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    let v = call(
        "followup.report",
        json!({"kind": "por_unidad", "year": 2026, "format": "xlsx"}),
    )
    .await
    .unwrap();
    let r = sheet(decode(&v["bytes_base64"]), "Por unidad");
    assert_eq!(number(&r, row_of(&r, "Total"), 1), 4.0);
    assert_eq!(
        text(&r, HEAD + 1, 0),
        "Gerencia de Administración y Finanzas"
    );
    // The register holds requesters' personal data: not for a unit head by default.
    let e = call("access.register.export", json!({"year": 2026}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    // Another unit's letter is refused; their own prints.
    let e = call("records.pdf", json!({"kind": "carta-acuse", "id": f.r[0]}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, "forbidden");
    call("records.pdf", json!({"kind": "carta-acuse", "id": f.r[2]}))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_monthly_report_of_the_gerencia_follows_the_encargos() {
    let f = peru().await;
    let h = &f.h;
    let plan = h
        .ok(
            "plan.operational.create",
            json!({"kind": "poi", "year": 2026, "name": "POI 2026"}),
        )
        .await["plan"]["id"]
        .as_i64()
        .unwrap();
    let id = h
        .ok(
            "plan.report.create",
            json!({"kind": "informe-mensual", "plan_id": plan, "period": 3}),
        )
        .await["report"]["id"]
        .as_i64()
        .unwrap();
    let v = h
        .ok("records.pdf", json!({"kind": "informe-mensual", "id": id}))
        .await;
    let pdf = decode(&v["base64"]);
    keep("informe-mensual-seguimiento.pdf", &pdf);
    let t = pdftotext(&pdf);
    // In March: E1, E2, E3 received; E1 attended; at its end E2 and E3 open, E2 overdue.
    has_all(
        &t,
        &[
            "SEGUIMIENTO DE ACUERDOS Y ENCARGOS",
            "En marzo de 2026 se recibieron 3 encargos y se atendió 1.",
            "Al cierre de marzo de 2026 quedan 2 abiertos, 1 de ellos con el plazo vencido.",
            "Total 2 3 1 1",
            "Encargos vencidos",
            "Encargo N° 002-2026",
            "Presupuestar la compra de plantones",
            "Solicitudes de acceso a la información recibidas en el mes: 2; respondidas: 2;",
        ],
        "el informe",
    );
}

#[tokio::test]
async fn the_register_reads_the_store_page_by_page() {
    let (h, u) = municipality("PE", "2026-04-30").await;
    // One more than a page of the store.
    for n in 0..501 {
        h.ok(
            "access.register",
            json!({"filed_at": format!("2026-04-{:02}T09:{:02}", 6 + n % 20, n % 60),
                   "channel": "presencial", "requester": format!("Vecino {n}"),
                   "address": "Av. Principal 1", "subject": format!("Pedido {n}"),
                   "unit_id": u.urban}),
        )
        .await;
    }
    let v = h.ok("access.register.export", json!({"year": 2026})).await;
    assert_eq!(v["rows"], 501);
    let r = sheet(decode(&v["bytes_base64"]), "Registro");
    assert_eq!(text(&r, HEAD + 1, 0), "Solicitud N° 001-2026");
    assert_eq!(text(&r, HEAD + 501, 0), "Solicitud N° 501-2026");
    assert_eq!(text(&r, HEAD + 501, 3), "Vecino 500");
}

/// The demo's desk (a year of encargos, pedidos, requests and complaints): every report in
/// both formats, the register and every letter that applies to each of its requests print.
#[tokio::test]
async fn the_demo_desk_prints_every_output() {
    let h = Host::demo_on("2026-08-15").await;
    for kind in ["por_unidad", "vencidos", "acuerdos", "solicitudes"] {
        for format in ["pdf", "xlsx"] {
            let v = h
                .ok(
                    "followup.report",
                    json!({"kind": kind, "year": 2026, "format": format}),
                )
                .await;
            assert!(v["size"].as_i64().unwrap() > 1000, "{kind} {format}");
        }
    }
    let requests = h
        .ok(
            "followup.list",
            json!({"kind": "solicitud", "view": "todos", "limit": 200}),
        )
        .await;
    let rows = requests["rows"].as_array().unwrap();
    assert!(rows.len() > 10);
    let year_rows = rows
        .iter()
        .filter(|r| r["received_on"].as_str().unwrap().starts_with("2026"))
        .count();
    let v = h.ok("access.register.export", json!({"year": 2026})).await;
    assert!(v["rows"].as_i64().unwrap() >= year_rows as i64 - 1);
    let mut printed = 0;
    for r in rows {
        let d = h.ok("followup.get", json!({"id": r["id"]})).await;
        let q = &d["request"];
        let state = q["state"].as_str().unwrap();
        let mut kinds = vec!["carta-acuse"];
        if !q["extended_on"].is_null() {
            kinds.push("carta-prorroga");
        }
        if matches!(state, "entregada" | "entregada_parcial") {
            kinds.push("carta-respuesta");
        }
        if matches!(state, "denegada" | "entregada_parcial") {
            kinds.push("carta-denegatoria");
        }
        for kind in kinds {
            h.ok("records.pdf", json!({"kind": kind, "id": r["id"]}))
                .await;
            printed += 1;
        }
    }
    assert!(
        printed > rows.len(),
        "some requests have more than their acuse"
    );
}
