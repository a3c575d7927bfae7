//! Spreadsheets of the plans through the API: an exported POI, PEI and tablero reopen with the
//! same numbers; an export imported into another plan gives back the same activities and
//! targets; a typed workbook and a .csv import; a file with errors is refused whole, each error
//! at its row and column, and nothing is saved.

mod common;

use std::io::Cursor;

use base64::Engine;
use calamine::{Data, Reader, Xlsx};
use common::Host;
use serde_json::{json, Value};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The plans built for a test.
struct Fixture {
    strategic: i64,
    poi: i64,
    year: i64,
    units: Vec<(String, i64)>,
}

impl Fixture {
    fn unit(&self, code: &str) -> i64 {
        self.units.iter().find(|u| u.0 == code).expect("unit").1
    }
}

fn id(v: &Value) -> i64 {
    v.as_i64().expect("an id")
}

/// An operational plan of a year the demo does not already have.
async fn new_poi(h: &Host, strategic: i64, name: &str) -> (i64, i64) {
    for year in [2025, 2024, 2023, 2022, 2021] {
        let r = h
            .call(
                "plan.operational.create",
                json!({"kind": "poi", "year": year, "name": format!("{name} {year}"), "strategic_plan_id": strategic}),
            )
            .await;
        if let Ok(p) = r {
            return (id(&p["plan"]["id"]), year);
        }
    }
    panic!("no free year for a POI");
}

/// A PEI 2025–2030 with one objective, two actions and indicators (one with a value
/// obtained); a POI with three activities, their twelve monthly targets and the execution of
/// January to March.
async fn fixture(h: &Host) -> Fixture {
    let units: Vec<(String, i64)> = h
        .ok("org.unit.list", json!({}))
        .await
        .as_array()
        .expect("units")
        .iter()
        .map(|u| (u["code"].as_str().unwrap().to_string(), id(&u["id"])))
        .collect();
    let unit = |code: &str| units.iter().find(|u| u.0 == code).expect("unit").1;
    let sp = h
        .ok(
            "plan.strategic.create",
            json!({"name": "PEI 2025-2030", "first_year": 2025, "last_year": 2030, "mission": "Servir al distrito."}),
        )
        .await;
    let strategic = id(&sp["plan"]["id"]);
    let t = h
        .ok(
            "plan.objective.save",
            json!({"plan_id": strategic, "code": "OEI.01", "kind": "I", "statement": "Mejorar la gestión de residuos sólidos en el distrito", "unit_id": unit("GM"), "priority": 1}),
        )
        .await;
    let objective = id(&t["objectives"][0]["id"]);
    for (code, statement, u, p) in [
        (
            "AEI.01.01",
            "Recolección de residuos oportuna para la población",
            "GAF",
            1,
        ),
        (
            "AEI.01.02",
            "Programa de segregación en la fuente para las viviendas",
            "SG",
            2,
        ),
    ] {
        h.ok(
            "plan.action.save",
            json!({"objective_id": objective, "code": code, "statement": statement, "unit_id": unit(u), "priority": p}),
        )
        .await;
    }
    h.ok(
        "plan.indicator.save",
        json!({"objective_id": objective, "name": "Porcentaje de residuos dispuestos adecuadamente", "measure": "porcentaje",
               "method": "Residuos dispuestos / generados × 100", "source": "Informe de la gerencia",
               "baseline_value": "45,5", "baseline_year": 2024,
               "expected": [{"year": 2025, "expected": 50}, {"year": 2026, "expected": "55,5"}, {"year": 2030, "expected": 80}]}),
    )
    .await;
    let t = h.ok("plan.strategic.get", json!({"id": strategic})).await;
    let action = id(&t["objectives"][0]["actions"][0]["id"]);
    let t = h
        .ok(
            "plan.indicator.save",
            json!({"action_id": action, "name": "Tiempo medio de recolección", "measure": "numero",
                   "baseline_value": 48, "baseline_year": 2024,
                   "expected": [{"year": 2025, "expected": 36}, {"year": 2026, "expected": 24}]}),
        )
        .await;
    let indicator = id(&t["objectives"][0]["actions"][0]["indicators"][0]["id"]);
    h.ok(
        "plan.indicator.actual",
        json!({"id": indicator, "year": 2025, "actual": "30,25"}),
    )
    .await;

    let (poi, year) = new_poi(h, strategic, "POI").await;
    let activities = [
        (
            "AOI0001",
            "GAF",
            Some("AEI.01.01"),
            "Recolección de residuos en la zona urbana",
            "Tonelada",
            12.5,
            1250.5,
        ),
        (
            "AOI0002",
            "SG",
            Some("AEI.01.02"),
            "Campañas de segregación casa por casa",
            "Campaña",
            1.0,
            300.0,
        ),
        (
            "AOI0003",
            "SG",
            None,
            "Atención de solicitudes de acceso a la información",
            "Expediente",
            40.0,
            0.0,
        ),
    ];
    let t = h.ok("plan.strategic.get", json!({"id": strategic})).await;
    let action_id = |code: &str| {
        t["objectives"][0]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .map(|a| a["id"].clone())
            .unwrap()
    };
    let mut ids = Vec::new();
    for (code, u, aei, name, measure, physical, money) in activities {
        let phys: Vec<Value> = (1..=12).map(|m| json!(physical * m as f64)).collect();
        let fin: Vec<Value> = (1..=12)
            .map(|m| json!(format!("{:.2}", money + m as f64)))
            .collect();
        let row = h
            .ok(
                "plan.activity.save",
                json!({"plan_id": poi, "unit_id": unit(u), "action_id": aei.map(action_id), "code": code, "name": name,
                       "measure": measure, "funding": "Recursos ordinarios", "physical": phys, "financial": fin}),
            )
            .await;
        ids.push((u, id(&row["id"]), physical));
    }
    for month in 1..=3 {
        for u in ["GAF", "SG"] {
            let entries: Vec<Value> = ids
                .iter()
                .filter(|(unit_code, _, _)| *unit_code == u)
                .map(|(_, a, physical)| json!({"activity_id": a, "physical": physical * month as f64 * 0.8, "financial": "100,25"}))
                .collect();
            h.ok(
                "plan.execution.save",
                json!({"plan_id": poi, "unit_id": unit(u), "month": month, "entries": entries}),
            )
            .await;
        }
    }
    Fixture {
        strategic,
        poi,
        year,
        units,
    }
}

/// A workbook's sheet as rows of cells.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = book.worksheet_range(name).expect("sheet");
    let (r0, c0) = range.start().expect("cells");
    let mut rows = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![Data::Empty; c0 as usize];
        cells.extend(row.iter().cloned());
        rows.push(cells);
    }
    rows
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn find_row<'a>(rows: &'a [Vec<Data>], col: usize, text: &str) -> &'a Vec<Data> {
    rows.iter()
        .find(|r| r.get(col) == Some(&Data::String(text.to_string())))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

async fn export(h: &Host, params: Value) -> (Value, Vec<u8>) {
    let r = h.ok("plan.export", params).await;
    let bytes = B64
        .decode(r["bytes_base64"].as_str().expect("base64"))
        .expect("bytes");
    (r, bytes)
}

async fn activities(h: &Host, plan: i64) -> Vec<Value> {
    h.ok("plan.activity.list", json!({"plan_id": plan, "limit": 500}))
        .await["rows"]
        .as_array()
        .expect("rows")
        .clone()
}

async fn import(
    h: &Host,
    method: &str,
    plan: i64,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Value, cabildo::ApiError> {
    h.call(
        method,
        json!({"plan_id": plan, "kind": kind, "file_name": name, "content_base64": B64.encode(bytes)}),
    )
    .await
}

#[tokio::test]
async fn an_exported_poi_reopens_with_the_same_numbers() {
    let h = Host::demo_on("2026-08-15").await;
    let f = fixture(&h).await;
    let (r, bytes) = export(&h, json!({"what": "poi", "plan_id": f.poi})).await;
    assert_eq!(r["rows"], 3);
    assert_eq!(r["file_name"], format!("POI {} v1.xlsx", f.year));
    assert!(r["path"].is_null());

    let rows = sheet(&bytes, "Metas físicas");
    assert!(matches!(&rows[0][0], Data::String(s) if s.contains("Municipalidad")));
    // Header in rows 7–8, data from row 9; months from column H, a Prog./Ejec. pair each.
    assert_eq!(rows[6][3], Data::String("Cód. actividad".into()));
    assert_eq!(rows[6][7], Data::String("Enero".into()));
    assert_eq!(rows[7][7], Data::String("Prog.".into()));
    assert_eq!(rows[7][8], Data::String("Ejec.".into()));
    let a = find_row(&rows, 3, "AOI0001");
    assert_eq!(a[0], Data::String("GAF".into()));
    assert_eq!(a[2], Data::String("AEI.01.01".into()));
    for m in 0..12 {
        assert_eq!(num(&a[7 + 2 * m]), 12.5 * (m + 1) as f64, "month {m}");
    }
    assert_eq!(num(&a[8]), 10.0, "January executed");
    assert_eq!(a[8 + 2 * 3], Data::Empty, "April not executed");
    let total: f64 = (1..=12).map(|m| 12.5 * m as f64).sum();
    assert_eq!(num(&a[31]), total, "annual programmed");
    let executed = 10.0 + 20.0 + 30.0;
    assert!((num(&a[32]) - executed).abs() < 1e-9);
    assert!(
        (num(&a[33]) - executed / total).abs() < 1e-9,
        "% as a fraction"
    );

    let money = sheet(&bytes, "Metas financieras");
    let a = find_row(&money, 3, "AOI0001");
    assert_eq!(num(&a[7]), 1251.5);
    assert_eq!(num(&a[7 + 2 * 11]), 1262.5);
    assert_eq!(num(&a[8]), 100.25);

    // Written to a path chosen in the save dialog.
    let path = h.dir.path().join("poi.xlsx");
    let r = h
        .ok(
            "plan.export",
            json!({"what": "poi", "plan_id": f.poi, "path": path.to_str().unwrap()}),
        )
        .await;
    assert!(r["bytes_base64"].is_null());
    assert_eq!(
        std::fs::read(&path).unwrap().len() as i64,
        r["size"].as_i64().unwrap()
    );
}

#[tokio::test]
async fn the_pei_matrix_and_the_tablero_export_as_numbers() {
    let h = Host::demo_on("2026-08-15").await;
    let f = fixture(&h).await;
    let (r, bytes) = export(&h, json!({"what": "pei", "plan_id": f.strategic})).await;
    assert_eq!(
        r["rows"], 3,
        "the objective's indicator and one row per action"
    );
    let rows = sheet(&bytes, "Matriz PEI");
    let o = find_row(&rows, 1, "OEI.01");
    assert_eq!(o[0], Data::String("OEI".into()));
    assert_eq!(o[3], Data::String("I".into()));
    assert_eq!(o[6], Data::String("Porcentaje".into()));
    assert_eq!(num(&o[9]), 45.5);
    assert_eq!(num(&o[10]), 2024.0);
    assert_eq!(num(&o[11]), 50.0, "expected 2025");
    assert_eq!(num(&o[12]), 55.5, "expected 2026");
    let a = find_row(&rows, 1, "AEI.01.01");
    assert_eq!(num(&a[17]), 30.25, "obtained 2025");
    assert_eq!(a[23], Data::String("GAF".into()));

    let (r, bytes) = export(&h, json!({"what": "tablero", "plan_id": f.poi, "month": 3})).await;
    assert_eq!(
        r["rows"],
        1 + 2 + 3 + 1,
        "plan, two units, two AEI and the unlinked, one OEI"
    );
    let rows = sheet(&bytes, "Tablero");
    let total = find_row(&rows, 0, "Plan");
    assert!((num(&total[5]) - 0.8).abs() < 1e-9, "80 % accumulated");
    assert_eq!(total[6], Data::String("Ámbar".into()), "80 % is amber");
    let sg = find_row(&rows, 1, "SG");
    assert_eq!(num(&sg[3]), 2.0);
    assert!(
        matches!(&sg[11], Data::String(s) if s.starts_with("Tardío") || s.starts_with("A tiempo"))
    );
    let curve = sheet(&bytes, "Curva mensual");
    assert_eq!(curve[7][0], Data::String("Enero".into()));
}

#[tokio::test]
async fn export_then_import_gives_the_same_plan() {
    let h = Host::demo_on("2026-08-15").await;
    let f = fixture(&h).await;
    let (_, bytes) = export(&h, json!({"what": "poi", "plan_id": f.poi})).await;
    let (copy, _) = new_poi(&h, f.strategic, "POI copia").await;
    let p = import(&h, "plan.import.preview", copy, "poi", "poi.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(p["valid"], true, "{p}");
    assert_eq!(
        (p["created"].as_i64(), p["updated"].as_i64()),
        (Some(3), Some(0))
    );
    assert!(
        activities(&h, copy).await.is_empty(),
        "a preview writes nothing"
    );
    let r = import(&h, "plan.import", copy, "poi", "poi.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(r["created"], 3);
    let (old, new) = (activities(&h, f.poi).await, activities(&h, copy).await);
    assert_eq!(old.len(), new.len());
    for (a, b) in old.iter().zip(&new) {
        for k in [
            "code",
            "name",
            "unit_code",
            "action_code",
            "measure",
            "funding",
            "physical",
            "financial",
        ] {
            assert_eq!(a[k], b[k], "{k} of {}", a["code"]);
        }
    }
    // The same file again updates, creating nothing.
    let r = import(&h, "plan.import", copy, "poi", "poi.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(
        (r["created"].as_i64(), r["updated"].as_i64()),
        (Some(0), Some(3))
    );
    assert_eq!(activities(&h, copy).await.len(), 3);

    // The PEI matrix into a new draft gives back the tree.
    let (_, matrix) = export(&h, json!({"what": "pei", "plan_id": f.strategic})).await;
    let draft = id(&h
        .ok(
            "plan.strategic.create",
            json!({"name": "PEI 2025-2030 (copia)", "first_year": 2025, "last_year": 2030}),
        )
        .await["plan"]["id"]);
    let r = import(&h, "plan.import", draft, "pei", "pei.xlsx", &matrix)
        .await
        .unwrap();
    assert_eq!(r["created"], 3, "{r}");
    let (a, b) = (
        h.ok("plan.strategic.get", json!({"id": f.strategic})).await,
        h.ok("plan.strategic.get", json!({"id": draft})).await,
    );
    let strip = |v: &Value| {
        let mut s = v.to_string();
        for key in ["\"id\":", "\"objective_id\":"] {
            while let Some(at) = s.find(key) {
                let end = s[at..].find([',', '}']).unwrap() + at;
                s.replace_range(at..end, "\"_\":0");
            }
        }
        s
    };
    assert_eq!(strip(&a["objectives"]), strip(&b["objectives"]));
}

/// A workbook typed by hand: a one-row header in another order, abbreviated months and the
/// financial targets as «Fin.» columns.
fn typed_workbook(rows: &[(&str, &str, &str, &str, [f64; 12])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write(0, 0, "POI typed by the planning office").unwrap();
    let months = [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ];
    let mut head = vec![
        "Código de actividad",
        "Nombre de la actividad",
        "Código de centro de costo",
        "Unidad de medida",
    ];
    head.extend(months);
    let fin: Vec<String> = months.iter().map(|m| format!("Fin. {m}")).collect();
    head.extend(fin.iter().map(String::as_str));
    for (c, t) in head.iter().enumerate() {
        ws.write(2, c as u16, *t).unwrap();
    }
    for (i, (code, name, unit, measure, months)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write(r, 0, *code).unwrap();
        ws.write(r, 1, *name).unwrap();
        ws.write(r, 2, *unit).unwrap();
        ws.write(r, 3, *measure).unwrap();
        for (m, v) in months.iter().enumerate() {
            ws.write(r, 4 + m as u16, *v).unwrap();
            ws.write(r, 16 + m as u16, v.abs() * 10.0).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_typed_workbook_and_a_csv_import() {
    let h = Host::demo_on("2026-08-15").await;
    let f = fixture(&h).await;
    let (plan, _) = new_poi(&h, f.strategic, "POI nuevo").await;
    let m = [
        1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.5,
    ];
    let bytes = typed_workbook(&[
        (
            "A-01",
            "Mantenimiento de parques y jardines",
            "GAF",
            "Metro cuadrado",
            m,
        ),
        (
            "A-02",
            "Emisión de licencias de funcionamiento",
            "SG",
            "Licencia",
            [2.0; 12],
        ),
    ]);
    let r = import(&h, "plan.import", plan, "poi", "typed.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(r["created"], 2, "{r}");
    let rows = activities(&h, plan).await;
    let a = rows.iter().find(|a| a["code"] == "A-01").unwrap();
    assert_eq!(a["physical"], json!(m));
    assert_eq!(a["financial"][11], 12500, "S/ 125,00 in céntimos");
    assert_eq!(a["unit_id"], f.unit("GAF"));
    assert!(a["action_id"].is_null());

    // A file without financial targets changes the physical ones and keeps the money.
    let mut csv =
        String::from("Cód. actividad;Actividad operativa;Cód. centro de costo;Unidad de medida");
    for m in [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ] {
        csv.push_str(&format!(";{m} Prog.;{m} Ejec."));
    }
    csv.push_str("\nA-01;Mantenimiento de parques y jardines;GAF;Metro cuadrado");
    csv.push_str(&";7;99".repeat(12));
    let r = import(&h, "plan.import", plan, "poi", "fisico.csv", csv.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        (r["created"].as_i64(), r["updated"].as_i64()),
        (Some(0), Some(1)),
        "{r}"
    );
    let rows = activities(&h, plan).await;
    let b = rows.iter().find(|x| x["code"] == "A-01").unwrap();
    assert_eq!(b["physical"], json!(vec![7.0; 12]));
    assert_eq!(b["financial"], a["financial"]);
    assert_eq!(rows.len(), 2, "A-02 stays");

    let (plan, _) = new_poi(&h, f.strategic, "POI csv").await;
    let mut csv = String::from(
        "Cód. centro de costo;Cód. AEI;Cód. actividad;Actividad operativa;Unidad de medida",
    );
    for m in [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ] {
        csv.push_str(&format!(";{m}"));
    }
    for m in [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ] {
        csv.push_str(&format!(";Fin. {m}"));
    }
    csv.push_str("\r\nGAF;AEI.01.01;C-01;Barrido de calles del centro histórico;Kilómetro");
    csv.push_str(&";1.250,5".repeat(12));
    csv.push_str(&";2.000,75".repeat(12));
    csv.push_str("\r\n");
    let r = import(&h, "plan.import", plan, "poi", "poi.csv", csv.as_bytes())
        .await
        .unwrap();
    assert_eq!(r["created"], 1, "{r}");
    let rows = activities(&h, plan).await;
    assert_eq!(rows[0]["physical"][0], 1250.5);
    assert_eq!(rows[0]["financial"][5], 200075);
    assert_eq!(rows[0]["action_code"], "AEI.01.01");
}

#[tokio::test]
async fn a_file_with_errors_is_refused_whole_at_its_cells() {
    let h = Host::demo_on("2026-08-15").await;
    let f = fixture(&h).await;
    let (_, good) = export(&h, json!({"what": "poi", "plan_id": f.poi})).await;
    let (plan, _) = new_poi(&h, f.strategic, "POI con errores").await;
    // A valid first activity, so a partial write would show.
    h.ok(
        "plan.activity.save",
        json!({"plan_id": plan, "unit_id": f.unit("GM"), "code": "Z-01", "name": "Actividad previa del plan", "measure": "Informe"}),
    )
    .await;
    let before = activities(&h, plan).await.len();

    // Text in a number (row 4, column F), an unknown unit (row 5, column C), a negative (row 6,
    // column G), a duplicate code (row 6, column A).
    let mut m = [1.0; 12];
    m[1] = -3.0;
    let mut bytes = typed_workbook(&[
        (
            "B-01",
            "Actividad con un texto en la meta",
            "GAF",
            "Informe",
            [1.0; 12],
        ),
        (
            "B-02",
            "Actividad de una unidad que no existe",
            "XYZ",
            "Informe",
            [1.0; 12],
        ),
        (
            "B-01",
            "Actividad con una meta negativa",
            "SG",
            "Informe",
            m,
        ),
    ]);
    {
        // Replace February of the first row by the word «diez».
        let mut book = rust_xlsxwriter::Workbook::new();
        let rows = sheet(&bytes, "Sheet1");
        let ws = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, d) in row.iter().enumerate() {
                match d {
                    Data::String(s) => ws.write(r as u32, c as u16, s.as_str()).map(|_| ()),
                    Data::Float(v) => ws.write(r as u32, c as u16, *v).map(|_| ()),
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
        ws.write(3, 5, "diez").unwrap();
        bytes = book.save_to_buffer().unwrap();
    }
    let p = import(&h, "plan.import.preview", plan, "poi", "bad.xlsx", &bytes)
        .await
        .unwrap();
    assert_eq!(p["valid"], false);
    let errors = p["errors"].as_array().unwrap();
    let at = |row: i64, col: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["column"] == col)
            .unwrap_or_else(|| panic!("no error at {col}{row}: {errors:#?}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        at(4, "F").starts_with("Fila 4, columna F: «diez» no es un número"),
        "{}",
        at(4, "F")
    );
    assert!(at(5, "C").contains("«XYZ»"), "{}", at(5, "C"));
    assert!(at(6, "F").contains("negativo"), "{}", at(6, "F"));
    assert!(
        at(6, "A").contains("ya está en la fila 4"),
        "{}",
        at(6, "A")
    );
    assert_eq!(p["error_count"], 4);
    assert_eq!(
        p["rows"].as_array().unwrap().len(),
        0,
        "every row has an error"
    );

    let e = import(&h, "plan.import", plan, "poi", "bad.xlsx", &bytes)
        .await
        .unwrap_err();
    assert_eq!(e.kind, "validation");
    assert!(e.message.contains("4 errores"), "{}", e.message);
    assert!(e.message.contains("Fila 4, columna F"), "{}", e.message);
    assert_eq!(activities(&h, plan).await.len(), before, "nothing saved");

    // A good file with one bad row among many good ones also saves nothing.
    let mut rows = sheet(&good, "Metas físicas");
    rows[9][7] = Data::String("doce".into());
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            match d {
                Data::String(s) => ws.write(r as u32, c as u16, s.as_str()).map(|_| ()),
                Data::Float(v) => ws.write(r as u32, c as u16, *v).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let e = import(&h, "plan.import", plan, "poi", "bad.xlsx", &bytes)
        .await
        .unwrap_err();
    assert!(e.message.contains("1 error que corregir"), "{}", e.message);
    assert!(
        e.message.contains("Fila 10, columna H: «doce»"),
        "{}",
        e.message
    );
    assert_eq!(activities(&h, plan).await.len(), before, "nothing saved");
}

#[tokio::test]
async fn the_demo_plans_round_trip() {
    let h = Host::demo_on("2026-08-15").await;
    let plans = h.ok("plan.operational.list", json!({})).await;
    let demo = plans["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "poi" && p["year"] == 2026)
        .expect("the demo's POI")
        .clone();
    let strategic = id(&demo["strategic_plan_id"]);
    assert!(demo["version"].as_i64().unwrap() > 1, "reprogrammed");
    let all = |plan: i64, version: i64| {
        let h = &h;
        async move {
            let mut out = Vec::new();
            loop {
                let page = h
                    .ok("plan.activity.list", json!({"plan_id": plan, "version": version, "offset": out.len(), "limit": 500}))
                    .await;
                let rows = page["rows"].as_array().unwrap().clone();
                if rows.is_empty() {
                    return out;
                }
                out.extend(rows);
            }
        }
    };
    for version in [1, demo["version"].as_i64().unwrap()] {
        let (r, bytes) = export(
            &h,
            json!({"what": "poi", "plan_id": demo["id"], "version": version}),
        )
        .await;
        let (copy, _) = new_poi(&h, strategic, &format!("POI v{version}")).await;
        let p = import(&h, "plan.import", copy, "poi", "demo.xlsx", &bytes)
            .await
            .unwrap();
        assert_eq!(p["created"], r["rows"]);
        let (a, b) = (all(id(&demo["id"]), version).await, all(copy, 1).await);
        assert_eq!(a.len(), b.len());
        assert!(a.len() > 50);
        for (x, y) in a.iter().zip(&b) {
            for k in [
                "code",
                "name",
                "unit_code",
                "action_code",
                "measure",
                "physical",
                "financial",
            ] {
                assert_eq!(x[k], y[k], "{k} of {} (version {version})", x["code"]);
            }
        }
    }
    let (_, matrix) = export(&h, json!({"what": "pei", "plan_id": strategic})).await;
    let draft = id(&h
        .ok(
            "plan.strategic.create",
            json!({"name": "PEI (copia del vigente)", "first_year": 2025, "last_year": 2030}),
        )
        .await["plan"]["id"]);
    let r = import(&h, "plan.import", draft, "pei", "pei.xlsx", &matrix)
        .await
        .unwrap();
    assert_eq!(r["valid"], true);
    let (a, b) = (
        h.ok("plan.strategic.get", json!({"id": strategic})).await,
        h.ok("plan.strategic.get", json!({"id": draft})).await,
    );
    let count = |v: &Value, k: &str| {
        v["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o[k].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert_eq!(count(&a, "actions"), count(&b, "actions"));
    assert_eq!(count(&a, "indicators"), count(&b, "indicators"));
    for (x, y) in a["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["objectives"].as_array().unwrap())
    {
        assert_eq!(x["code"], y["code"]);
        assert_eq!(x["statement"], y["statement"]);
        assert_eq!(x["indicators"][0]["values"], y["indicators"][0]["values"]);
        assert_eq!(
            x["indicators"][0]["baseline_value"],
            y["indicators"][0]["baseline_value"]
        );
    }
    // The tablero of the demo month by month.
    for month in 1..=12 {
        let (r, _) = export(
            &h,
            json!({"what": "tablero", "plan_id": demo["id"], "month": month}),
        )
        .await;
        assert!(r["rows"].as_i64().unwrap() > 10);
    }
}
