//! A Chilean comuna prints every kind of document it can produce, and none cites Peruvian law
//! (docs/adr/0015-chile.md): the session's citación, tabla, packet and acta, the decreto
//! alcaldicio, the ordenanza and the acuerdo, a certified copy and its signature stamp, the
//! plans' reports, the letters of information requests and the follow-up reports. A Peruvian
//! control prints the same sentences with Peru's law, so the test cannot pass vacuously.
//! And the quorum base: whether the alcalde counts (rule quorum.alcalde_counts), at its edges.

mod common;

use base64::Engine;
use cabildo::Cabildo;
use common::pki::{make_pki, PASS1};
use common::{pdftotext, Host};
use serde_json::{json, Value};

/// What no Chilean document may print (Peru's laws, its gazette, its council member).
const PERUVIAN: [&str; 9] = [
    "27972",
    "27269",
    "27444",
    "28268",
    "27806",
    "El Peruano",
    "Ley Orgánica de Municipalidades",
    "regidor",
    "Firmas y Certificados Digitales",
];

fn decode(v: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(v.as_str().expect("base64"))
        .expect("base64")
}

/// The text of a printable record.
async fn printed(h: &Host, kind: &str, id: i64) -> String {
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    let pdf = decode(&v["base64"]);
    keep(&format!("{kind}-{id}"), &pdf);
    pdftotext(&pdf)
}

/// With CABILDO_KEEP_PDF=dir, the PDFs are kept there to look at.
fn keep(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("CABILDO_KEEP_PDF") {
        std::fs::write(format!("{dir}/{name}.pdf"), pdf).expect("keep the PDF");
    }
}

fn no_peruvian_law(kind: &str, text: &str) {
    let folded = text.to_lowercase();
    for never in PERUVIAN {
        assert!(
            !folded.contains(&never.to_lowercase()),
            "«{never}» in the Chilean {kind}:\n{text}"
        );
    }
}

/// A host on a fixed day.
async fn host_on(today: &str) -> Host {
    let dir = tempfile::tempdir().unwrap();
    let day = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    let cab = Cabildo::open(&dir.path().join("cabildo.db"))
        .await
        .unwrap()
        .with_today(day);
    Host { dir, cab }
}

/// Units and people of the Chilean comuna.
struct Comuna {
    h: Host,
    obras: i64,
    dideco: i64,
}

/// Ilustre Municipalidad de Putre on `today`: its Direcciones, its Secretario Municipal, a
/// council term with an alcaldesa and six concejales.
async fn comuna(today: &str) -> Comuna {
    let h = host_on(today).await;
    h.ok(
        "municipality.create",
        json!({"name": "Ilustre Municipalidad de Putre", "short_name": "IMP", "country": "CL", "kind": "comuna"}),
    )
    .await;
    let unit = |name: &str, code: &str, kind: &str| json!({"parent_id": null, "name": name, "code": code, "kind": kind, "head_person_id": null});
    let mut units = Vec::new();
    for (name, code, kind) in [
        ("Secretaría Municipal", "SM", "apoyo"),
        ("Dirección de Obras Municipales", "DOM", "linea"),
        ("Dirección de Desarrollo Comunitario", "DIDECO", "linea"),
        ("Administración Municipal", "AM", "alta_direccion"),
    ] {
        units.push(h.ok("org.unit.create", unit(name, code, kind)).await["id"].clone());
    }
    let person = |run: &str, given: &str, surnames: &str, gender: &str| {
        json!({"doc_type": "RUN", "doc_number": run, "given_names": given, "surnames": surnames,
               "email": null, "phone": null, "gender": gender})
    };
    let secretary = h
        .ok(
            "org.person.create",
            person("9.876.543-3", "Pedro", "Condori Mamani", "M"),
        )
        .await["id"]
        .clone();
    h.ok(
        "org.position.create",
        json!({"person_id": secretary, "unit_id": units[0], "title": "Secretario Municipal",
               "start_date": "2023-01-02", "end_date": null}),
    )
    .await;
    let admin = h
        .ok(
            "org.person.create",
            person("12.345.678-5", "Rosa", "Mamani Choque", "F"),
        )
        .await["id"]
        .clone();
    h.ok(
        "org.position.create",
        json!({"person_id": admin, "unit_id": units[3], "title": "Administradora Municipal",
               "start_date": "2024-12-06", "end_date": null}),
    )
    .await;
    let t = h
        .ok(
            "council.term.create",
            json!({"name": "Periodo 2024-2028", "start_date": "2024-12-06", "end_date": "2028-12-05"}),
        )
        .await;
    for (i, (given, gender)) in [
        ("Carolina", "F"),
        ("Javiera", "F"),
        ("Matías", "M"),
        ("Isidora", "F"),
        ("Benjamín", "M"),
        ("Francisca", "F"),
        ("Tomás", "M"),
    ]
    .into_iter()
    .enumerate()
    {
        let run = 11_000_000 + i as u32 * 101;
        let dv = cabildo::ids::run_check_digit(run);
        let p = h
            .ok(
                "org.person.create",
                person(&format!("{run}-{dv}"), given, "Flores Condori", gender),
            )
            .await;
        h.ok(
            "council.member.add",
            json!({"term_id": t["id"], "person_id": p["id"], "role": if i == 0 { "alcalde" } else { "regidor" },
                   "party": "", "from_date": null, "to_date": null, "replaces_member_id": null}),
        )
        .await;
    }
    Comuna {
        obras: units[1].as_i64().unwrap(),
        dideco: units[2].as_i64().unwrap(),
        h,
    }
}

async fn members(h: &Host, session: i64) -> Vec<Value> {
    h.ok("session.get", json!({"id": session})).await["members"]
        .as_array()
        .unwrap()
        .clone()
}

/// A council session on `date`, its business, convened on `convened_on`.
async fn convened(h: &Host, date: &str, convened_on: &str, items: &[Value]) -> i64 {
    let d = h
        .ok(
            "session.create",
            json!({"kind": "ordinaria", "date": date, "time": "09:00", "place": "Salón del Concejo"}),
        )
        .await;
    let s = d["session"]["id"].as_i64().unwrap();
    for item in items {
        h.ok("agenda.add", json!({"session_id": s, "item": item}))
            .await;
    }
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": convened_on}),
    )
    .await;
    s
}

async fn present(h: &Host, s: i64, who: impl Fn(&Value) -> bool) {
    for m in members(h, s).await.iter().filter(|m| who(m)) {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "presente"}),
        )
        .await;
    }
}

/// A sealed norm of `series` from its template.
async fn norm(h: &Host, series: &str, title: &str) -> (i64, Value) {
    let t = h
        .ok(
            "norm.template",
            json!({"series": series, "date": "2026-11-20"}),
        )
        .await;
    let mut n = t["norm"].clone();
    n["title"] = json!(title);
    n["vistos"] = json!(["El memorándum N° 45 de la Dirección de Obras Municipales;"]);
    n["articles"] = json!([{"title": null, "text": "APRUÉBASE lo dispuesto en el presente acto.", "items": []}]);
    if t["norm"]["session_kind"].is_string() {
        n["session_kind"] = json!("ordinaria");
    }
    let id = h.ok("norm.create", n).await["id"].as_i64().unwrap();
    h.ok("norm.seal", json!({"id": id})).await;
    (id, t)
}

#[tokio::test]
async fn every_chilean_document_cites_chilean_law_and_no_peruvian_law() {
    let pki = make_pki();
    let Comuna { h, obras, dideco } = comuna("2026-11-27").await;
    let h = &h;
    let mut all = String::new();

    // A session from its citación to its sealed acta.
    let matter = json!({"stage": "orden_del_dia", "title": "Ordenanza de ferias libres",
        "item_kind": "Informe", "summary": "Propone regular el funcionamiento de las ferias libres",
        "filed_by": "Dirección de Obras Municipales", "filed_on": "2026-11-16"});
    let second = json!({"stage": "orden_del_dia", "title": "Subvención al club deportivo",
        "item_kind": "Informe", "filed_by": "Dirección de Desarrollo Comunitario", "filed_on": "2026-11-16"});
    let s = convened(h, "2026-11-26", "2026-11-20", &[matter, second]).await;
    let conv = printed(h, "convocatoria", s).await;
    assert!(
        conv.contains("Por disposición de la señora Alcaldesa"),
        "{conv}"
    );
    assert!(
        conv.contains(
            "a su disposición en la Secretaría desde la fecha de esta citación. Atentamente"
        ),
        "no reference where Chile has none: {conv}"
    );
    assert!(conv.contains("Concejala de la Ilustre Municipalidad de Putre"));
    for kind in ["agenda", "paquete"] {
        let t = printed(h, kind, s).await;
        no_peruvian_law(kind, &t);
        all.push_str(&t);
    }
    no_peruvian_law("convocatoria", &conv);
    all.push_str(&conv);
    present(h, s, |_| true).await;
    let d = h
        .ok("session.start", json!({"id": s, "time": "09:10"}))
        .await;
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    let concejales: Vec<Value> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] != "alcalde")
        .map(|m| m["member_id"].clone())
        .collect();
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": item, "all": "a_favor", "ballots": [{"member_id": concejales[0], "ballot": "abstencion"}]}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "aprobado", "{r}");
    assert!(
        r["outcome"]["explanation"]
            .as_str()
            .unwrap()
            .contains("6 a favor, ninguno en contra, 1 abstención"),
        "{r}"
    );
    let acuerdo = h
        .ok(
            "vote.adopt",
            json!({"item_id": item, "articles": ["APRUÉBASE la Ordenanza de ferias libres."]}),
        )
        .await;
    let acuerdo_id = acuerdo["id"].as_i64().unwrap();
    h.ok(
        "vote.cast",
        json!({"item_id": d["agenda"][1]["id"], "all": "a_favor"}),
    )
    .await;
    h.ok("session.conclude", json!({"id": s, "time": "10:00"}))
        .await;
    h.ok("minutes.generate", json!({"session_id": s})).await;
    let acta_item = json!({"stage": "acta_anterior", "title": "Aprobación del acta de la sesión anterior", "item_kind": "acta", "minutes_of": s});
    let next = convened(h, "2026-11-27", "2026-11-26", &[acta_item]).await;
    present(h, next, |m| m["able"] == true).await;
    let d = h
        .ok("session.start", json!({"id": next, "time": "09:05"}))
        .await;
    h.ok("book.open", json!({"folios": 200})).await;
    h.ok(
        "vote.cast",
        json!({"item_id": d["agenda"][0]["id"], "all": "a_favor"}),
    )
    .await;
    let acta = printed(h, "acta", s).await;
    // "abstenciones" is feminine: none is "ninguna".
    assert!(
        acta.contains("en contra, ninguno; abstenciones, Javiera Flores Condori."),
        "{acta}"
    );
    assert!(
        acta.contains("en contra, ninguno; abstenciones, ninguna."),
        "{acta}"
    );
    assert!(!acta.contains("abstenciones, ninguno"), "{acta}");
    no_peruvian_law("acta", &acta);
    all.push_str(&acta);

    // The acuerdo: the document seen under VISTOS, its summary a considerando, Chile's law.
    let text = printed(h, "acuerdo", acuerdo_id).await;
    assert!(
        text.contains("artículos 79 y 86 de la Ley N° 18.695"),
        "{text}"
    );
    let vistos = text
        .split("VISTOS:")
        .nth(1)
        .and_then(|t| t.split("CONSIDERANDO:").next())
        .expect("VISTOS before CONSIDERANDO");
    assert!(
        !vistos.contains("Propone regular"),
        "the summary is not a visto: {vistos}"
    );
    assert!(
        text.contains(
            "Que, el asunto se resume así: Propone regular el funcionamiento de las ferias libres;"
        ),
        "{text}"
    );
    assert!(
        text.contains("6 votos a favor, ninguno en contra y 1 abstención"),
        "{text}"
    );
    no_peruvian_law("acuerdo", &text);
    all.push_str(&text);

    // The decreto alcaldicio and the ordenanza.
    let (decreto, t) = norm(h, "decreto", "Designa a la encargada de transparencia").await;
    assert_eq!(t["kind_label"], "DECRETO ALCALDICIO");
    let text = printed(h, "decreto", decreto).await;
    for want in [
        "las facultades que me confiere la Ley N° 18.695",
        "DECRETO:",
        "Anótese, comuníquese, publíquese y archívese",
    ] {
        assert!(
            text.contains(want),
            "«{want}» missing in the decreto:\n{text}"
        );
    }
    no_peruvian_law("decreto", &text);
    all.push_str(&text);
    let (ordenanza, _) = norm(h, "ordenanza", "Ordenanza de ferias libres").await;
    let text = printed(h, "ordenanza", ordenanza).await;
    assert!(text.contains("Ley N° 18.695"), "{text}");
    no_peruvian_law("ordenanza", &text);
    all.push_str(&text);

    // A certified copy of the decreto: the Secretario Municipal as ministro de fe, "el
    // DECRETO", as many fojas as the original has pages; then signed, with Ley 19.799 in the
    // stamp.
    let decreto_pages = h
        .ok("records.pdf", json!({"kind": "decreto", "id": decreto}))
        .await["pages"]
        .as_i64()
        .unwrap();
    let copy = h
        .ok(
            "copy.create",
            json!({"norm_id": decreto, "certifier": {"name": "Pedro Condori Mamani", "cargo": "Secretario Municipal"}}),
        )
        .await;
    assert_eq!(copy["folios"].as_i64(), Some(decreto_pages));
    let copy_id = copy["id"].as_i64().unwrap();
    let text = printed(h, "copia-certificada", copy_id).await;
    assert!(
        text.contains("copia fiel de su original, el DECRETO ALCALDICIO N°"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "consta de {}",
            cabildo::spanish::count_feminine(decreto_pages as u32, "foja", "fojas")
        )),
        "{text}"
    );
    no_peruvian_law("copia-certificada", &text);
    all.push_str(&text);
    h.ok(
        "records.sign",
        json!({"kind": "copia-certificada", "id": copy_id,
               "p12_path": pki.path("s1.p12").display().to_string(), "password": PASS1,
               "block": 1, "reason": "Ministro de fe"}),
    )
    .await;
    let signed = printed(h, "copia-certificada", copy_id).await;
    assert!(
        signed.contains("Ley N° 19.799 sobre documentos electrónicos, firma electrónica y servicios de certificación de dicha firma"),
        "the stamp cites Chile's law: {signed}"
    );
    no_peruvian_law("copia firmada", &signed);
    all.push_str(&signed);

    // The plans' reports.
    let pladeco = h
        .ok(
            "plan.strategic.create",
            json!({"name": "PLADECO 2025-2028", "first_year": 2025, "last_year": 2028}),
        )
        .await["plan"]["id"]
        .as_i64()
        .unwrap();
    let tree = h
        .ok(
            "plan.objective.save",
            json!({"plan_id": pladeco, "code": "L1", "kind": "I",
                   "statement": "Desarrollo social inclusivo de la comuna", "unit_id": dideco, "priority": 1}),
        )
        .await;
    let tree = h
        .ok(
            "plan.action.save",
            json!({"objective_id": tree["objectives"][0]["id"], "code": "L1.O1",
                   "statement": "Adultos mayores de la comuna atendidos en sus sedes", "unit_id": dideco, "priority": 1}),
        )
        .await;
    let paam = h
        .ok(
            "plan.operational.create",
            json!({"kind": "poi", "year": 2026, "name": "Plan Anual 2026", "strategic_plan_id": pladeco}),
        )
        .await["plan"]["id"]
        .as_i64()
        .unwrap();
    let activity = h
        .ok(
            "plan.activity.save",
            json!({"plan_id": paam, "unit_id": dideco,
                   "action_id": tree["objectives"][0]["actions"][0]["id"], "code": "D-01",
                   "name": "Talleres para clubes de adulto mayor", "measure": "Taller",
                   "physical": vec![json!(4); 12], "financial": vec![json!("250.000"); 12]}),
        )
        .await["id"]
        .clone();
    for month in 1..=10 {
        h.ok(
            "plan.execution.save",
            json!({"plan_id": paam, "unit_id": dideco, "month": month, "entries": [
                {"activity_id": activity, "physical": 3, "financial": "180.000", "comment": ""}]}),
        )
        .await;
    }
    for (kind, plan, period) in [
        ("informe-mensual", paam, 10),
        ("seguimiento-poi", paam, 1),
        ("seguimiento-pei", pladeco, 2026),
        ("evaluacion-anual", paam, 2026),
    ] {
        let id = h
            .ok(
                "plan.report.create",
                json!({"kind": kind, "plan_id": plan, "period": period}),
            )
            .await["report"]["id"]
            .as_i64()
            .unwrap();
        let text = printed(h, kind, id).await;
        no_peruvian_law(kind, &text);
        all.push_str(&text);
    }

    // The letters of an information request, and the follow-up reports.
    let a = h
        .ok(
            "access.register",
            json!({"filed_at": "2026-10-01T10:00", "channel": "presencial", "requester": "Camila Rojas Soto",
                   "requester_doc": "12.345.678-5", "address": "Baquedano 340, Putre",
                   "subject": "Permisos de edificación otorgados en 2025", "unit_id": obras}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    let b = h
        .ok(
            "access.register",
            json!({"filed_at": "2026-10-02T10:00", "channel": "portal", "requester": "Camila Rojas Soto",
                   "email": "camila@example.cl", "subject": "Sumarios administrativos", "unit_id": obras}),
        )
        .await["item"]["id"]
        .as_i64()
        .unwrap();
    h.ok(
        "access.extend",
        json!({"id": a, "on_date": "2026-10-20", "reason": "la información debe reunirse de tres archivos"}),
    )
    .await;
    let rules = h.ok("access.rules", json!({})).await;
    h.ok(
        "access.answer",
        json!({"id": a, "outcome": "entregada", "on_date": "2026-11-05", "answer": "nómina de los permisos",
               "denial_ground": "", "cost": ""}),
    )
    .await;
    h.ok(
        "access.answer",
        json!({"id": b, "outcome": "denegada", "on_date": "2026-10-20", "answer": "los sumarios están en curso",
               "denial_ground": rules["denial_grounds"][0], "cost": ""}),
    )
    .await;
    for (kind, id) in [
        ("carta-acuse", a),
        ("carta-prorroga", a),
        ("carta-respuesta", a),
        ("carta-denegatoria", b),
    ] {
        let text = printed(h, kind, id).await;
        assert!(text.contains("Ley N° 20.285"), "{kind}: {text}");
        no_peruvian_law(kind, &text);
        all.push_str(&text);
    }
    for kind in ["por_unidad", "vencidos", "acuerdos", "solicitudes"] {
        let v = h
            .ok(
                "followup.report",
                json!({"kind": kind, "year": 2026, "format": "pdf"}),
            )
            .await;
        let pdf = decode(&v["bytes_base64"]);
        keep(&format!("seguimiento-{kind}"), &pdf);
        let text = pdftotext(&pdf);
        no_peruvian_law(kind, &text);
        all.push_str(&text);
    }

    // Every printable kind Chile has was produced (Chile numbers no resoluciones; a session's
    // citación, tabla and packet, and the letters, are printed above from their session and
    // request).
    for kind in cabildo::records::print_kinds() {
        if !matches!(kind, "resolucion" | "convocatoria" | "agenda" | "paquete")
            && !kind.starts_with("carta-")
        {
            let listed = h
                .ok("records.list", json!({"kind": kind, "limit": 1}))
                .await;
            assert_eq!(
                listed["rows"].as_array().unwrap().len(),
                1,
                "{kind} was not produced"
            );
        }
    }
    for want in [
        "Ley N° 18.695",
        "Ley N° 19.799",
        "Ley N° 20.285",
        "Concejal",
    ] {
        assert!(all.contains(want), "«{want}» nowhere");
    }
}

/// The same sentences for a Peruvian municipality cite Peru's law: the Chilean test above
/// would see a Peruvian reference if one leaked.
#[tokio::test]
async fn the_peruvian_control_cites_peruvian_law() {
    let pki = make_pki();
    let h = Host::demo_on("2026-11-21").await;
    let item = json!({"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
        "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"});
    let s = convened(&h, "2026-12-03", "2026-11-21", &[item]).await;
    let conv = printed(&h, "convocatoria", s).await;
    assert!(
        conv.contains("desde la fecha de esta citación (art. 14 de la Ley N° 27972)."),
        "{conv}"
    );
    let t = h
        .ok(
            "norm.template",
            json!({"series": "decreto", "date": "2026-11-20"}),
        )
        .await;
    assert!(t["norm"]["preamble"]
        .as_str()
        .unwrap()
        .contains("Ley N° 27972"));
    // The demo's alcalde is a woman: the issuer agrees with her.
    assert!(
        t["norm"]["issuer"]
            .as_str()
            .unwrap()
            .starts_with("LA ALCALDESA DE LA MUNICIPALIDAD"),
        "{t}"
    );
    let sealed = h.ok("norm.list", json!({"status": "sellada"})).await["rows"][0]["id"].clone();
    let copy = h
        .ok(
            "copy.create",
            json!({"norm_id": sealed, "certifier": {"name": "María López Ñahui", "cargo": "Secretaria General"}}),
        )
        .await;
    let id = copy["id"].as_i64().unwrap();
    h.ok(
        "records.sign",
        json!({"kind": "copia-certificada", "id": id,
               "p12_path": pki.path("s1.p12").display().to_string(), "password": PASS1,
               "block": 1, "reason": "Fedatario"}),
    )
    .await;
    let signed = printed(&h, "copia-certificada", id).await;
    assert!(
        signed.contains("Ley N° 27269, Ley de Firmas y Certificados Digitales"),
        "{signed}"
    );
}

/// Ley 18.695 leaves the quorum to the reglamento interno (art. 92); by default the 1/3 is of
/// the concejales, without the alcalde, in the base and among the present. 6 concejales: 2
/// (1/3 of 6); counting the alcalde: 3 (1/3 of 7).
#[tokio::test]
async fn the_chilean_quorum_counts_the_alcalde_only_when_the_rule_says_so() {
    let Comuna { h, .. } = comuna("2026-11-27").await;
    let item = json!({"stage": "orden_del_dia", "title": "Subvención al club deportivo",
        "item_kind": "Informe", "filed_by": "Dirección de Desarrollo Comunitario", "filed_on": "2026-11-16"});
    // Alcaldesa and one concejal: one concejal present, two needed.
    let s = convened(&h, "2026-11-24", "2026-11-20", std::slice::from_ref(&item)).await;
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(
        (d["legal"].as_i64(), d["quorum"].as_i64()),
        (Some(7), Some(2))
    );
    let ms = members(&h, s).await;
    let concejales: Vec<&Value> = ms.iter().filter(|m| m["role"] != "alcalde").collect();
    present(&h, s, |m| m["role"] == "alcalde").await;
    h.ok(
        "attendance.set",
        json!({"session_id": s, "member_id": concejales[0]["member_id"], "status": "presente"}),
    )
    .await;
    let e = h
        .err("session.start", json!({"id": s, "time": "09:10"}))
        .await;
    assert!(
        e.message
            .contains("están presentes 1, sin contar al alcalde, y se necesitan 2"),
        "{}",
        e.message
    );
    h.ok(
        "attendance.set",
        json!({"session_id": s, "member_id": concejales[1]["member_id"], "status": "presente"}),
    )
    .await;
    let d = h
        .ok("session.start", json!({"id": s, "time": "09:10"}))
        .await;
    assert_eq!(d["has_quorum"], true);

    // A reglamento that counts the alcalde: 1/3 of 7 = 3; the alcaldesa and two concejales.
    h.ok(
        "rules.set",
        json!({"key": "quorum.alcalde_counts", "value": "yes"}),
    )
    .await;
    let s = convened(&h, "2026-11-25", "2026-11-20", &[item]).await;
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(d["quorum"].as_i64(), Some(3));
    let ms = members(&h, s).await;
    let concejales: Vec<&Value> = ms.iter().filter(|m| m["role"] != "alcalde").collect();
    present(&h, s, |m| m["role"] == "alcalde").await;
    h.ok(
        "attendance.set",
        json!({"session_id": s, "member_id": concejales[0]["member_id"], "status": "presente"}),
    )
    .await;
    let e = h
        .err("session.start", json!({"id": s, "time": "09:10"}))
        .await;
    assert!(
        e.message.contains("están presentes 2 y se necesitan 3"),
        "{}",
        e.message
    );
    h.ok(
        "attendance.set",
        json!({"session_id": s, "member_id": concejales[1]["member_id"], "status": "presente"}),
    )
    .await;
    h.ok("session.start", json!({"id": s, "time": "09:10"}))
        .await;
}
