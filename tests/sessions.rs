//! Council sessions through the API on the demo municipality (alcalde + 9 regidores, one on
//! licence around today): lead times across holidays, who convenes, postponement, the agenda,
//! attendance and the live quorum, nominal votes with the casting vote, agreements.

mod common;

use common::Host;
use serde_json::{json, Value};

async fn members(h: &Host, session: i64) -> Vec<Value> {
    h.ok("session.get", json!({"id": session})).await["members"]
        .as_array()
        .unwrap()
        .clone()
}

async fn new_session(h: &Host, kind: &str, date: &str) -> i64 {
    h.ok(
        "session.create",
        json!({"kind": kind, "date": date, "time": "10:00", "place": "Salón consistorial"}),
    )
    .await["session"]["id"]
        .as_i64()
        .unwrap()
}

/// One matter on the agenda (a session is not convened with an empty agenda).
async fn add_matter(h: &Host, session: i64, filed_on: &str) {
    h.ok(
        "agenda.add",
        json!({"session_id": session, "item": {"stage": "orden_del_dia", "title": "Dictamen sobre el reglamento de ferias",
            "item_kind": "dictamen", "filed_on": filed_on}}),
    )
    .await;
}

#[tokio::test]
async fn extraordinary_sessions_need_five_working_days_counted_across_holidays() {
    let h = Host::demo_on("2026-11-21").await;
    // Convened Friday 24 July 2026; 28 and 29 July are national holidays. Working days strictly
    // between: 27, 30, 31 July, 3 and 4 August.
    let s = new_session(&h, "extraordinaria", "2026-08-04").await;
    let e = h
        .err(
            "session.convene",
            json!({"id": s, "convened_on": "2026-07-24"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("convened_on"), "{e:?}");
    assert!(e.message.contains("median 4 días hábiles"), "{}", e.message);
    // Nothing was numbered.
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(d["session"]["status"], "borrador");
    assert_eq!(d["next_identifier"], "SESIÓN EXTRAORDINARIA N° 01-2026");

    let s2 = new_session(&h, "extraordinaria", "2026-08-05").await;
    add_matter(&h, s2, "2026-07-20").await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": s2, "convened_on": "2026-07-24"}),
        )
        .await;
    assert_eq!(d["session"]["status"], "convocada");
    // Numbered when it starts (ADR 0015).
    assert_eq!(d["session"]["identifier"], Value::Null);
    assert_eq!(d["next_identifier"], "SESIÓN EXTRAORDINARIA N° 01-2026");
    assert_eq!(d["session"]["convened_by"], "alcalde");

    // Its agenda is locked once convened.
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": s2, "item": {"stage": "orden_del_dia", "title": "Otro asunto", "item_kind": "moción"}}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("art. 13"));
}

#[tokio::test]
async fn a_third_of_the_legal_number_may_ask_for_an_extraordinary_session() {
    let h = Host::demo_on("2026-11-21").await;
    let s = new_session(&h, "extraordinaria", "2026-08-05").await;
    add_matter(&h, s, "2026-07-20").await;
    let regidores: Vec<i64> = members(&h, s)
        .await
        .iter()
        .filter(|m| m["role"] == "regidor")
        .map(|m| m["member_id"].as_i64().unwrap())
        .collect();
    // Legal number 10 → ⌈10/3⌉ = 4.
    let e = h
        .err(
            "session.convene",
            json!({"id": s, "convened_on": "2026-07-24", "requesters": &regidores[..3]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("requesters"));
    assert!(e.message.contains(": 4."), "{}", e.message);
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-07-24", "requesters": &regidores[..4]}),
        )
        .await;
    assert!(d["session"]["convened_by"]
        .as_str()
        .unwrap()
        .starts_with("a pedido de "));
}

#[tokio::test]
async fn postponement_once_three_to_five_working_days_by_two_thirds() {
    let h = Host::demo_on("2026-11-21").await;
    let s = new_session(&h, "ordinaria", "2026-07-16").await;
    add_matter(&h, s, "2026-07-01").await;
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-07-09"}),
    )
    .await;
    let ids: Vec<i64> = members(&h, s)
        .await
        .iter()
        .map(|m| m["member_id"].as_i64().unwrap())
        .collect();
    // Thursday 16 July → Monday 20 is 2 working days: too soon.
    let e = h
        .err(
            "session.postpone",
            json!({"id": s, "date": "2026-07-20", "requesters": &ids[..7]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("date"));
    // 2/3 of 10 is 7: six members are not enough.
    let e = h
        .err(
            "session.postpone",
            json!({"id": s, "date": "2026-07-21", "requesters": &ids[..6]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("requesters"));
    let d = h
        .ok(
            "session.postpone",
            json!({"id": s, "date": "2026-07-21", "requesters": &ids[..7]}),
        )
        .await;
    assert_eq!(d["session"]["date"], "2026-07-21");
    assert_eq!(d["session"]["postponed_from"], "2026-07-16");
    // Only once. (22–24 July are 1–3 working days after the 21st; 27 is the third.)
    let e = h
        .err(
            "session.postpone",
            json!({"id": s, "date": "2026-07-27", "requesters": &ids[..7]}),
        )
        .await;
    assert!(e.message.contains("un solo aplazamiento"), "{}", e.message);
}

#[tokio::test]
async fn a_session_from_agenda_to_agreement_with_quorum_votes_and_the_casting_vote() {
    let h = Host::demo_on_today().await;
    let today = chrono::Local::now().date_naive();
    let date = today.to_string();
    let s = new_session(&h, "ordinaria", &date).await;
    let add = |stage: &str, title: &str, majority: &str, filed: &str| {
        json!({"session_id": s, "item": {"stage": stage, "title": title, "item_kind": "dictamen",
            "summary": format!("Dictamen sobre {title}"), "filed_by": "Comisión de Economía",
            "majority": majority, "filed_on": filed}})
    };
    let early = (today - chrono::Duration::days(20)).to_string();
    h.ok(
        "agenda.add",
        add("orden_del_dia", "Reglamento de ferias", "simple", &early),
    )
    .await;
    h.ok(
        "agenda.add",
        add(
            "orden_del_dia",
            "Donación del terreno del vivero",
            "two_thirds_legal",
            &early,
        ),
    )
    .await;
    let d = h
        .ok(
            "agenda.add",
            add("despacho", "Oficio de la provincia", "simple", &date),
        )
        .await;
    let agenda = d["agenda"].as_array().unwrap();
    assert_eq!(
        agenda[0]["stage"], "despacho",
        "stages in the order of business"
    );
    assert_eq!(agenda[0]["late"], true, "filed on the day of the session");
    assert_eq!(agenda[1]["late"], false);
    // Reorder: the donation first.
    let donation = agenda[2]["id"].as_i64().unwrap();
    let d = h
        .ok("agenda.move", json!({"id": donation, "position": 1}))
        .await;
    assert_eq!(d["agenda"][1]["title"], "Donación del terreno del vivero");
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "varios", "title": "x", "item_kind": "y"}}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("stage"));
    let e = h
        .err("agenda.add", json!({"session_id": s, "item": {"stage": "despacho", "title": "x", "item_kind": "y", "majority": "casi_todos"}}))
        .await;
    assert_eq!(e.field.as_deref(), Some("majority"));

    let d = h.ok("session.convene", json!({"id": s})).await;
    assert_eq!(d["legal"], 10);
    assert_eq!(d["able"], 9, "one regidor on licence");
    assert_eq!(d["quorum"], 5, "⌊9/2⌋ + 1");
    let ms = d["members"].as_array().unwrap().clone();
    let on_leave = ms.iter().find(|m| m["able"] == false).unwrap();
    assert_eq!(on_leave["status"], "licencia");
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": on_leave["member_id"], "status": "presente"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("status"));

    // Four present: no quorum, the session cannot start.
    let able: Vec<&Value> = ms.iter().filter(|m| m["able"] == true).collect();
    for m in &able[..4] {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "presente", "arrival": "09:55"}),
        )
        .await;
    }
    let e = h
        .err("session.start", json!({"id": s, "time": "10:05"}))
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("se necesitan 5"), "{}", e.message);
    for m in &able[4..] {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "presente", "arrival": "10:01"}),
        )
        .await;
    }
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": able[8]["member_id"], "status": "justificada"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("note"));
    let d = h
        .ok("session.start", json!({"id": s, "time": "10:05"}))
        .await;
    assert_eq!(d["present"], 9);
    assert_eq!(d["has_quorum"], true);

    let regidores: Vec<i64> = able
        .iter()
        .filter(|m| m["role"] == "regidor")
        .map(|m| m["member_id"].as_i64().unwrap())
        .collect();
    assert_eq!(regidores.len(), 8);
    let alcalde = able.iter().find(|m| m["role"] == "alcalde").unwrap()["member_id"]
        .as_i64()
        .unwrap();

    // The donation needs 2/3 of the legal number (10 → 7): the alcalde votes in two-thirds
    // matters (rule), so 6 regidores for + alcalde = 7 passes; 6 alone does not.
    let exceptions: Vec<Value> = regidores[6..]
        .iter()
        .map(|m| json!({"member_id": m, "ballot": "en_contra"}))
        .chain([json!({"member_id": alcalde, "ballot": "abstencion"})])
        .collect();
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": donation, "all": "a_favor", "ballots": exceptions}),
        )
        .await;
    assert_eq!(r["outcome"]["required"], 7);
    assert_eq!(r["outcome"]["decision"], "rechazado", "{r}");
    assert!(r["outcome"]["explanation"]
        .as_str()
        .unwrap()
        .contains("se requerían 7"));
    let e = h
        .err("vote.cast", json!({"item_id": donation, "all": "a_favor"}))
        .await;
    assert_eq!(e.kind, "conflict", "a decided item is not voted again");

    // A simple-majority item tied 4–4: the alcalde has only the casting vote.
    let ferias = d["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Reglamento de ferias")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let e = h
        .err(
            "vote.cast",
            json!({"item_id": ferias, "all": "a_favor", "ballots": [{"member_id": alcalde, "ballot": "a_favor"}]}),
        )
        .await;
    assert!(e.message.contains("voto dirimente"), "{}", e.message);
    let split: Vec<Value> = regidores[4..]
        .iter()
        .map(|m| json!({"member_id": m, "ballot": "en_contra"}))
        .collect();
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": ferias, "all": "a_favor", "ballots": split}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "empate_voto_dirimente");
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": ferias, "all": "a_favor", "ballots": split, "casting": "a_favor"}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "aprobado");
    assert_eq!(r["outcome"]["casting_vote_used"], true);
    assert_eq!(r["ballots"].as_array().unwrap().len(), 10);
    assert_eq!(r["item"]["casting"], "a_favor");

    h.ok(
        "intervention.add",
        json!({"item_id": ferias, "member_id": regidores[0], "text": "Pide que las ferias incluyan a productores de Ñuñunhuayco."}),
    )
    .await;
    let e = h
        .err(
            "vote.adopt",
            json!({"item_id": donation, "articles": ["APROBAR"]}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    let e = h
        .err("vote.adopt", json!({"item_id": ferias, "articles": ["  "]}))
        .await;
    assert_eq!(e.field.as_deref(), Some("articles"));
    let acuerdo = h
        .ok(
            "vote.adopt",
            json!({"item_id": ferias, "articles": ["APROBAR el Reglamento de ferias agropecuarias.", "ENCARGAR su cumplimiento a la Gerencia de Desarrollo Económico."]}),
        )
        .await;
    let year = today.format("%Y").to_string();
    // The demo already sealed Acuerdo N° 001 of this year (if its date fell in this year).
    let ident = acuerdo["identifier"].as_str().unwrap();
    assert!(ident.starts_with("ACUERDO DE CONCEJO N° 00"), "{ident}");
    assert!(ident.ends_with(&format!("-{year}-SO-CM/MDSRQ")), "{ident}");
    assert!(acuerdo["seal"]["verification_code"].is_string());
    // VISTOS names the document seen; the matter's summary is a considerando.
    assert_eq!(
        acuerdo["norm"]["vistos"],
        json!(["Dictamen, de Comisión de Economía, sobre «Reglamento de ferias»;"])
    );
    assert_eq!(
        acuerdo["norm"]["considerandos"][0],
        "Que, el asunto se resume así: Dictamen sobre Reglamento de ferias;"
    );
    assert!(acuerdo["norm"]["considerandos"][1]
        .as_str()
        .unwrap()
        .contains("por MAYORÍA (4 votos a favor, 4 en contra y ninguna abstención)"));
    let e = h
        .err("vote.adopt", json!({"item_id": ferias, "articles": ["x"]}))
        .await;
    assert_eq!(e.kind, "conflict");

    let d = h
        .ok("session.conclude", json!({"id": s, "time": "12:40"}))
        .await;
    assert_eq!(d["session"]["status"], "concluida");
    assert_eq!(d["session"]["ended_at"], "12:40");
    let e = h
        .err("agenda.add", add("pedidos", "Tarde", "simple", &date))
        .await;
    assert_eq!(e.kind, "conflict");

    // The acta: a draft from what happened, edited, approved in the next session.
    let m = h.ok("minutes.generate", json!({"session_id": s})).await;
    let text: String = m["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string())
        })
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "siendo las 10:05 horas",
        "Número legal: 10; número hábil: 9; quórum: 5",
        "Reglamento de ferias",
        "Pide que las ferias incluyan a productores de Ñuñunhuayco.",
        "hizo uso del voto dirimente y el asunto fue APROBADO",
        ident,
        "Donación del terreno del vivero",
        "El asunto fue RECHAZADO.",
        "levantó la sesión siendo las 12:40 horas",
    ] {
        assert!(text.contains(want), "missing «{want}» in the acta:\n{text}");
    }
    // The demo's alcalde is a woman: the words agree with her.
    assert!(
        text.contains("la Alcaldesa hizo uso del voto dirimente"),
        "{text}"
    );
    let pdf = pdf_text(&h, "acta", s).await;
    assert!(
        pdf.contains("PROYECTO DE ACTA DE LA SESIÓN ORDINARIA"),
        "{pdf}"
    );
    assert!(pdf.contains("Ñuñunhuayco"), "{pdf}");
    let mut sections = m["sections"].clone();
    sections[0]["paragraphs"][0] = json!(format!(
        "{} Se deja constancia de la transmisión en vivo.",
        sections[0]["paragraphs"][0].as_str().unwrap()
    ));
    h.ok(
        "minutes.update",
        json!({"session_id": s, "sections": sections}),
    )
    .await;

    // Approval needs an open book.
    let next_date = (today + chrono::Duration::days(7)).to_string();
    let next = new_session(&h, "ordinaria", &next_date).await;
    h.ok(
        "agenda.add",
        json!({"session_id": next, "item": {"stage": "acta_anterior", "title": "Aprobación del acta de la sesión anterior", "item_kind": "acta", "minutes_of": s}}),
    )
    .await;
    h.ok("session.convene", json!({"id": next})).await;
    for m in members(&h, next).await.iter().filter(|m| m["able"] == true) {
        h.ok(
            "attendance.set",
            json!({"session_id": next, "member_id": m["member_id"], "status": "presente"}),
        )
        .await;
    }
    let d = h
        .ok_on(
            &next_date,
            "session.start",
            json!({"id": next, "time": "10:00"}),
        )
        .await;
    let acta_item = d["agenda"][0]["id"].as_i64().unwrap();
    let e = h
        .err("vote.cast", json!({"item_id": acta_item, "all": "a_favor"}))
        .await;
    assert!(e.message.contains("Libro de Actas"), "{}", e.message);
    let book = h.ok("book.open", json!({"folios": 200})).await;
    assert_eq!(book["identifier"], "LIBRO DE ACTAS N° 01");
    h.ok("vote.cast", json!({"item_id": acta_item, "all": "a_favor"}))
        .await;
    let m = h.ok("minutes.get", json!({"session_id": s})).await;
    assert_eq!(m["status"], "aprobada");
    assert_eq!(m["folio_from"], 1);
    assert!(m["seal"]["verification_code"].is_string());
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(d["session"]["status"], "acta_aprobada");
    let books = h.ok("book.list", json!({})).await;
    assert_eq!(
        books["rows"][0]["next_folio"],
        m["folio_to"].as_i64().unwrap() + 1
    );
    let e = h
        .err(
            "minutes.update",
            json!({"session_id": s, "sections": sections}),
        )
        .await;
    assert_eq!(e.kind, "sealed");
    let pdf = pdf_text(&h, "acta", s).await;
    assert!(pdf.contains("Folio"), "folios printed: {pdf}");
    assert!(pdf.contains("Se deja constancia de la transmisión en vivo."));
    assert!(pdf.contains("LIBRO DE ACTAS N° 01, folio"), "{pdf}");
    assert!(
        pdf.contains("Acta aprobada en la SESIÓN ORDINARIA"),
        "{pdf}"
    );
    let list = h.ok("records.list", json!({"kind": "acta"})).await;
    assert!(list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "acta" && r["id"] == s && r["sealed"] == true));
}

/// A Chilean comuna with a council term in force (no members).
async fn chilean_municipality() -> Host {
    let h = Host::new().await;
    h.ok(
        "municipality.create",
        json!({"name": "Ilustre Municipalidad de Putre", "short_name": "IMP", "country": "CL", "kind": "comuna"}),
    )
    .await;
    h.ok(
        "council.term.create",
        json!({"name": "Periodo 2024-2028", "start_date": "2024-12-06", "end_date": "2028-12-05"}),
    )
    .await;
    h
}

async fn pdf_text(h: &Host, kind: &str, id: i64) -> String {
    use base64::Engine;
    let v = h.ok("records.pdf", json!({"kind": kind, "id": id})).await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&f)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn more_than_four_ordinary_sessions_in_a_month_is_a_warning_not_a_block() {
    let h = Host::demo_on("2026-11-21").await;
    for day in ["2026-09-03", "2026-09-10", "2026-09-17", "2026-09-24"] {
        let s = new_session(&h, "ordinaria", day).await;
        let d = h.ok("session.get", json!({"id": s})).await;
        assert!(
            !d["checks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["code"] == "sesiones_por_mes" && day == "2026-09-24"),
            "{d}"
        );
    }
    let s = new_session(&h, "ordinaria", "2026-09-30").await;
    let d = h.ok("session.get", json!({"id": s})).await;
    let c = d["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "sesiones_por_mes")
        .expect("a warning for the fifth")
        .clone();
    assert_eq!(c["level"], "advertencia");
    assert!(c["message"]
        .as_str()
        .unwrap()
        .contains("5 sesiones ordinarias"));
}

#[tokio::test]
async fn convocation_agenda_and_the_packet_with_attached_pdfs_numbered_over_the_whole_file() {
    let h = Host::demo_on("2026-11-21").await;
    let s = new_session(&h, "ordinaria", "2026-12-03").await;
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
                "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"}}),
        )
        .await;
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut attached_pages = 0;
    for (n, articles) in [(1, 30), (2, 8)] {
        let pdf = cabildo::pdf::norm::render(&cabildo::pdf::sample::norm(articles, 0)).unwrap();
        attached_pages += lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
        let f = dir.path().join(format!("anexo-{n}.pdf"));
        std::fs::write(&f, &pdf).unwrap();
        h.ok(
            "agenda.attach",
            json!({"item_id": item, "path": f.display().to_string()}),
        )
        .await;
    }
    let note = dir.path().join("nota.txt");
    std::fs::write(&note, "Acta de la comisión en papel").unwrap();
    h.ok(
        "agenda.attach",
        json!({"item_id": item, "path": note.display().to_string()}),
    )
    .await;
    let e = h
        .err("records.pdf", json!({"kind": "paquete", "id": s}))
        .await;
    assert_eq!(e.kind, "conflict", "only a convened session has a packet");
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-11-21"}),
        )
        .await;
    assert_eq!(d["attachments"].as_array().unwrap().len(), 3);

    let conv = pdf_text(&h, "convocatoria", s).await;
    assert!(
        // Not numbered before it starts: named by its date.
        conv.contains("CITACIÓN A LA SESIÓN ORDINARIA DEL 03/12/2026"),
        "{conv}"
    );
    assert!(conv.contains("Presupuesto participativo 2027"));
    assert!(conv.contains("CARGO DE NOTIFICACIÓN"));
    let cited = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "regidor" && m["able"] == true)
        .count();
    assert_eq!(cited, 8, "the regidor on licence is not cited");
    assert_eq!(
        conv.matches("Presente.—").count(),
        cited,
        "one citation per regidor"
    );

    let agenda = pdf_text(&h, "agenda", s).await;
    assert!(agenda.contains("ORDEN DEL DÍA"), "{agenda}");
    assert!(agenda.contains("presentado por Comisión de Planeamiento"));

    use base64::Engine;
    let v = h
        .ok("records.pdf", json!({"kind": "paquete", "id": s}))
        .await;
    let total = v["pages"].as_u64().unwrap() as usize;
    let packet = base64::engine::general_purpose::STANDARD
        .decode(v["base64"].as_str().unwrap())
        .unwrap();
    assert!(total >= 3 + attached_pages, "{total}");
    let text = pdf_text(&h, "paquete", s).await;
    assert!(text.contains("ÍNDICE"));
    assert!(
        text.contains("Anexo 1: Presupuesto participativo 2027 — anexo-1.pdf"),
        "{text}"
    );
    assert!(text.contains("Anexos que no son PDF, disponibles en la Secretaría: nota.txt"));
    for page in [1, total / 2, total] {
        assert!(
            text.contains(&format!("Página {page} de {total}")),
            "page {page} of {total}"
        );
    }
    // Same session, same packet.
    let again = h
        .ok("records.pdf", json!({"kind": "paquete", "id": s}))
        .await;
    assert_eq!(again["base64"], v["base64"]);
    assert!(packet.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn reports_of_attendance_and_nominal_votes_from_the_demo_year() {
    let h = Host::new().await;
    h.ok("demo.load", json!({"seed": 3})).await;
    let today = chrono::Local::now().date_naive();
    let period =
        json!({"from": (today - chrono::Duration::days(400)).to_string(), "to": today.to_string()});
    let rows = h.ok("report.attendance", period.clone()).await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 10, "alcalde and nine regidores");
    for r in rows {
        let total = ["present", "absent", "justified", "licence"]
            .iter()
            .map(|k| r[k].as_i64().unwrap())
            .sum::<i64>();
        assert_eq!(total, r["sessions"].as_i64().unwrap(), "{r}");
        assert!(r["paid"].as_i64().unwrap() <= r["present"].as_i64().unwrap());
    }
    let votes = h.ok("report.votes", period.clone()).await;
    assert!(votes.as_array().unwrap().len() > 20);
    let dir = tempfile::tempdir().unwrap();
    for (report, format) in [
        ("asistencia", "csv"),
        ("asistencia", "pdf"),
        ("votaciones", "csv"),
        ("votaciones", "pdf"),
    ] {
        let path = dir.path().join(format!("{report}.{format}"));
        let mut p = period.clone();
        p["report"] = json!(report);
        p["format"] = json!(format);
        p["path"] = json!(path.display().to_string());
        let r = h.ok("report.export", p).await;
        assert!(r["rows"].as_i64().unwrap() > 0);
        let bytes = std::fs::read(&path).unwrap();
        if format == "csv" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.starts_with('\u{feff}'));
            let first = text.lines().next().unwrap();
            assert!(first.contains("Miembro"), "{first}");
        } else {
            assert!(bytes.starts_with(b"%PDF-"));
        }
    }
    let mut bad = period.clone();
    bad["report"] = json!("dietas");
    bad["format"] = json!("csv");
    bad["path"] = json!("x.csv");
    assert_eq!(
        h.err("report.export", bad).await.field.as_deref(),
        Some("report")
    );
}

#[tokio::test]
async fn chilean_councils_hold_ordinary_and_extraordinary_sessions() {
    let h = chilean_municipality().await;
    let e = h
        .err(
            "session.create",
            json!({"kind": "solemne", "date": "2026-12-03", "time": "10:00", "place": "Sala"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    assert!(e.message.contains("Chile"), "{}", e.message);
    let d = h
        .ok("session.create", json!({"kind": "extraordinaria", "date": "2026-12-03", "time": "10:00", "place": "Sala"}))
        .await;
    assert_eq!(d["next_identifier"], "SESIÓN EXTRAORDINARIA N° 1");
}

#[tokio::test]
async fn a_commission_with_its_own_members_quorum_numbering_tie_rule_and_acta() {
    let h = Host::demo_on("2026-11-21").await;
    let bodies = h.ok("body.list", json!({})).await;
    assert_eq!(bodies.as_array().unwrap().len(), 1);
    assert_eq!(bodies[0]["kind"], "concejo");
    let comp = h
        .ok("council.composition", json!({"date": "2026-11-25"}))
        .await;
    let regidores: Vec<&Value> = comp["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "regidor" && m["status"] != "fuera")
        .collect();
    let on_licence = regidores
        .iter()
        .find(|m| m["able"] == false)
        .expect("the demo has a regidor on licence")["id"]
        .clone();
    let able: Vec<Value> = regidores
        .iter()
        .filter(|m| m["able"] == true)
        .map(|m| m["id"].clone())
        .collect();
    let alcalde = comp["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "alcalde")
        .unwrap()["id"]
        .clone();

    // Bad input, each at its field.
    let member = |id: &Value, role: &str| json!({"member_id": id, "role": role});
    let e = h
        .err("body.create", json!({"name": "Com", "members": []}))
        .await;
    assert_eq!(e.field.as_deref(), Some("name"));
    let e = h
        .err(
            "body.create",
            json!({"name": "Comisión de Desarrollo Económico", "members": [member(&able[0], "presidente"), member(&able[1], "miembro")]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("members"));
    assert!(e.message.contains("al menos 3 regidores"), "{}", e.message);
    let e = h
        .err(
            "body.create",
            json!({"name": "Comisión de Desarrollo Económico", "members": [member(&alcalde, "presidente"), member(&able[1], "miembro"), member(&able[2], "miembro")]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("members[0].member_id"));
    let e = h
        .err(
            "body.create",
            json!({"name": "Comisión de Desarrollo Económico", "members": [member(&able[0], "miembro"), member(&able[1], "miembro"), member(&able[2], "miembro")]}),
        )
        .await;
    assert!(e.message.contains("presidente"), "{}", e.message);

    // Three regidores, one of them on licence: legal 3, able 2, quorum ⌊2/2⌋+1 = 2.
    let c = h
        .ok(
            "body.create",
            json!({"name": "Comisión de Desarrollo Económico", "members": [member(&able[1], "miembro"), member(&able[0], "presidente"), member(&on_licence, "vicepresidente")]}),
        )
        .await;
    assert_eq!(c["abbreviation"], "CDE");
    assert_eq!(c["members"][0]["role"], "presidente");
    let body = c["id"].as_i64().unwrap();
    let create = |date: &str, kind: &str| json!({"body_id": body, "kind": kind, "date": date, "time": "09:00", "place": "Sala de comisiones"});
    let e = h
        .err("session.create", create("2026-11-25", "solemne"))
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    let d = h
        .ok("session.create", create("2026-11-25", "ordinaria"))
        .await;
    let s = d["session"]["id"].as_i64().unwrap();
    assert_eq!(d["session"]["body_kind"], "comision");
    assert_eq!(d["next_identifier"], "SESIÓN ORDINARIA N° 01-2026-CDE");
    assert_eq!(d["members"].as_array().unwrap().len(), 3);
    assert_eq!(d["members"][0]["body_role"], "presidente");
    assert_eq!(
        (
            d["legal"].as_i64(),
            d["able"].as_i64(),
            d["quorum"].as_i64()
        ),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(
        d["checks"],
        json!([]),
        "the Concejo's monthly count does not apply"
    );
    assert_eq!(d["voting"]["tie_rule"], "casting_vote");
    assert!(
        d["voting"]["casting_by"]
            .as_str()
            .unwrap()
            .starts_with("presidenta de la comisión"),
        "the demo's presidenta: {}",
        d["voting"]["casting_by"]
    );
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Dictamen sobre el reglamento de ferias", "item_kind": "Dictamen", "filed_by": "Gerencia de Desarrollo Económico", "filed_on": "2026-11-10"}}),
    )
    .await;
    let e = h
        .err(
            "session.convene",
            json!({"id": s, "convened_on": "2026-11-21", "requesters": [able[1]]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("requesters"));
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-11-21"}),
        )
        .await;
    assert_eq!(
        d["session"]["identifier"],
        Value::Null,
        "numbered when it starts"
    );
    assert_eq!(d["session"]["convened_by"], "presidente");
    // The Concejo's own numbering did not move.
    let concejo = new_session(&h, "ordinaria", "2026-11-26").await;
    let cd = h.ok("session.get", json!({"id": concejo})).await;
    assert_ne!(cd["next_identifier"], "SESIÓN ORDINARIA N° 02-2026");
    assert_eq!(cd["legal"], 10, "the Concejo keeps its own numbers");
    assert_eq!(
        cd["voting"]["mayor_votes_in"],
        json!(["two_thirds_legal", "two_thirds_able"]),
        "in Peru the alcalde votes on two-thirds matters (rule set), only breaks ties otherwise"
    );
    assert_eq!(d["voting"]["mayor_votes_in"], json!([]));
    let convocation = pdf_text(&h, "convocatoria", s).await;
    assert!(
        convocation.contains("Por disposición de la señora Presidenta de la Comisión de Desarrollo Económico, cito a usted a la"),
        "{convocation}"
    );
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": on_licence, "status": "presente"}),
        )
        .await;
    assert!(e.message.contains("licencia"), "{}", e.message);
    for m in [&able[0], &able[1]] {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m, "status": "presente"}),
        )
        .await;
    }
    let d = h
        .ok_on(
            "2026-11-25",
            "session.start",
            json!({"id": s, "time": "09:10"}),
        )
        .await;
    assert_eq!(d["has_quorum"], true);
    assert_eq!(
        d["session"]["identifier"],
        "SESIÓN ORDINARIA N° 01-2026-CDE"
    );
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    // 1–1: the presidente's casting vote decides.
    let split = json!([{"member_id": able[1], "ballot": "en_contra"}]);
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": item, "all": "a_favor", "ballots": split}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "empate_voto_dirimente");
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": item, "all": "a_favor", "ballots": split, "casting": "a_favor"}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "aprobado");
    assert_eq!(
        r["outcome"]["explanation"],
        "Empate (1 a favor, 1 en contra, ninguna abstención); aprobado con el voto dirimente de la presidenta de la comisión."
    );
    let e = h
        .err(
            "vote.adopt",
            json!({"item_id": item, "articles": ["Aprobar."]}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("dictamen"), "{}", e.message);
    h.ok("session.conclude", json!({"id": s, "time": "10:00"}))
        .await;
    h.ok("minutes.generate", json!({"session_id": s})).await;
    let draft = pdf_text(&h, "acta", s).await;
    for want in [
        "ACTA DE LA SESIÓN ORDINARIA N° 01-2026-CDE DE LA COMISIÓN DE DESARROLLO ECONÓMICO",
        "se reunieron los miembros de la Comisión de Desarrollo Económico del Concejo Municipal",
        "Presidenta de la Comisión",
        "Dictamen sobre el reglamento de ferias",
    ] {
        assert!(draft.contains(want), "missing «{want}»: {draft}");
    }

    // Its acta is approved in its own next session, not in the Concejo's; no Libro de Actas.
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": concejo, "item": {"stage": "acta_anterior", "title": "Acta", "item_kind": "Acta", "minutes_of": s}}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("minutes_of"));
    let d = h
        .ok("session.create", create("2026-12-02", "ordinaria"))
        .await;
    let next = d["session"]["id"].as_i64().unwrap();
    h.ok(
        "agenda.add",
        json!({"session_id": next, "item": {"stage": "acta_anterior", "title": "Aprobación del acta de la sesión anterior", "item_kind": "Acta", "minutes_of": s}}),
    )
    .await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": next, "convened_on": "2026-11-26"}),
        )
        .await;
    assert_eq!(d["session"]["status"], "convocada");
    for m in [&able[0], &able[1]] {
        h.ok(
            "attendance.set",
            json!({"session_id": next, "member_id": m, "status": "presente"}),
        )
        .await;
    }
    let d = h
        .ok_on(
            "2026-12-02",
            "session.start",
            json!({"id": next, "time": "09:00"}),
        )
        .await;
    assert_eq!(
        d["session"]["identifier"],
        "SESIÓN ORDINARIA N° 02-2026-CDE"
    );
    let acta_item = d["agenda"][0]["id"].as_i64().unwrap();
    h.ok("vote.cast", json!({"item_id": acta_item, "all": "a_favor"}))
        .await;
    let m = h.ok("minutes.get", json!({"session_id": s})).await;
    assert_eq!(m["status"], "aprobada");
    assert_eq!(m["folio_from"], Value::Null);
    assert!(m["seal"]["verification_code"].is_string());
    let listed = h.ok("session.list", json!({"body_id": body})).await;
    assert_eq!(listed["rows"].as_array().unwrap().len(), 2);
    assert!(listed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["body_name"] == "Comisión de Desarrollo Económico"));

    // Its members stay as they were in its actas; the name can change.
    let e = h
        .err(
            "body.update",
            json!({"id": body, "name": "Comisión de Desarrollo Económico", "members": [member(&able[0], "presidente"), member(&able[1], "miembro"), member(&able[2], "miembro")]}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("members"));
    let c = h
        .ok(
            "body.update",
            json!({"id": body, "name": "Comisión de Desarrollo Económico y Turismo", "members": c["members"].as_array().unwrap().iter().map(|m| member(&m["member_id"], m["role"].as_str().unwrap())).collect::<Vec<_>>()}),
        )
        .await;
    assert_eq!(c["name"], "Comisión de Desarrollo Económico y Turismo");
    assert_eq!(c["sessions"], 2);
}

#[tokio::test]
async fn a_pedido_names_the_unit_that_must_answer_it() {
    let h = Host::demo_on("2026-11-21").await;
    let s = new_session(&h, "ordinaria", "2026-12-03").await;
    let pedido = |unit: Value| {
        json!({"session_id": s, "item": {"stage": "pedidos", "title": "Pedido de información sobre el alumbrado",
            "item_kind": "pedido", "filed_by": "Regidor Flores", "unit_id": unit}})
    };
    let e = h.err("agenda.add", pedido(Value::Null)).await;
    assert_eq!(e.kind, "validation");
    assert_eq!(e.field.as_deref(), Some("unit_id"), "{e:?}");
    assert_eq!(e.message, "Elija la unidad que debe atender el pedido.");
    let e = h.err("agenda.add", pedido(json!(999_999))).await;
    assert_eq!(e.field.as_deref(), Some("unit_id"));
    let units = h.ok("org.unit.list", json!({})).await;
    let unit = units[0]["id"].as_i64().unwrap();
    let d = h.ok("agenda.add", pedido(json!(unit))).await;
    assert_eq!(d["agenda"][0]["unit_id"], unit);
    // Other stages may name a unit too, and need not.
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "informes", "title": "Informe de obras", "item_kind": "informe"}}),
    )
    .await;
}

#[tokio::test]
async fn an_attached_pdf_is_read_back_saved_and_detached_until_the_session_closes() {
    use base64::Engine;
    let h = Host::demo_on("2026-11-21").await;
    let s = new_session(&h, "ordinaria", "2026-12-03").await;
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Presupuesto participativo 2027",
                "item_kind": "dictamen", "filed_by": "Comisión de Planeamiento", "filed_on": "2026-11-20"}}),
        )
        .await;
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = cabildo::pdf::norm::render(&cabildo::pdf::sample::norm(3, 0)).unwrap();
    let f = dir.path().join("dictamen.pdf");
    std::fs::write(&f, &pdf).unwrap();
    let atts = h
        .ok(
            "agenda.attach",
            json!({"item_id": item, "path": f.display().to_string()}),
        )
        .await;
    assert_eq!(atts[0]["mime"], "application/pdf");
    let sha = atts[0]["file_sha256"].as_str().unwrap().to_string();

    // Read back through the API: the same bytes, its name and type.
    let file = h
        .ok("agenda.attachment", json!({"item_id": item, "sha256": sha}))
        .await;
    assert_eq!(file["name"], "dictamen.pdf");
    assert_eq!(file["mime"], "application/pdf");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(file["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, pdf);
    // A copy where the person chose.
    let copy = dir.path().join("copia.pdf");
    let saved = h
        .ok(
            "agenda.attachment.save",
            json!({"item_id": item, "sha256": sha, "path": copy.display().to_string()}),
        )
        .await;
    assert_eq!(saved["bytes"], pdf.len() as i64);
    assert_eq!(std::fs::read(&copy).unwrap(), pdf);
    let e = h
        .err(
            "agenda.attachment.save",
            json!({"item_id": item, "sha256": sha, "path": "  "}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("path"));
    let e = h
        .err(
            "agenda.attachment",
            json!({"item_id": item, "sha256": "0".repeat(64)}),
        )
        .await;
    assert_eq!(e.kind, "not_found");

    // A wrong file is removed; the item has no attachment left.
    let left = h
        .ok("agenda.detach", json!({"item_id": item, "sha256": sha}))
        .await;
    assert_eq!(left.as_array().unwrap().len(), 0);
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(d["attachments"].as_array().unwrap().len(), 0);
    let e = h
        .err("agenda.detach", json!({"item_id": item, "sha256": sha}))
        .await;
    assert_eq!(e.kind, "not_found");

    // Attached again, the session held and concluded: it stays.
    h.ok(
        "agenda.attach",
        json!({"item_id": item, "path": f.display().to_string()}),
    )
    .await;
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-11-21"}),
    )
    .await;
    for m in members(&h, s).await.iter().filter(|m| m["able"] == true) {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m["member_id"], "status": "presente"}),
        )
        .await;
    }
    h.ok_on(
        "2026-12-03",
        "session.start",
        json!({"id": s, "time": "10:00"}),
    )
    .await;
    h.ok("session.conclude", json!({"id": s, "time": "11:00"}))
        .await;
    let e = h
        .err("agenda.detach", json!({"item_id": item, "sha256": sha}))
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("cerrada"), "{}", e.message);
    let file = h
        .ok("agenda.attachment", json!({"item_id": item, "sha256": sha}))
        .await;
    assert_eq!(file["name"], "dictamen.pdf", "still readable once closed");

    // The announced documents of a convened extraordinary session stay too.
    let x = new_session(&h, "extraordinaria", "2026-08-05").await;
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": x, "item": {"stage": "orden_del_dia", "title": "Declaratoria de emergencia",
                "item_kind": "moción", "filed_on": "2026-07-20"}}),
        )
        .await;
    let xi = d["agenda"][0]["id"].as_i64().unwrap();
    h.ok(
        "agenda.attach",
        json!({"item_id": xi, "path": f.display().to_string()}),
    )
    .await;
    h.ok(
        "session.convene",
        json!({"id": x, "convened_on": "2026-07-24"}),
    )
    .await;
    let e = h
        .err("agenda.detach", json!({"item_id": xi, "sha256": sha}))
        .await;
    assert_eq!(e.kind, "conflict");
    assert!(e.message.contains("art. 13"), "{}", e.message);
}

#[tokio::test]
async fn a_chilean_comite_estrategico_of_officials_meets_with_its_own_quorum_and_acta() {
    let h = chilean_municipality().await;
    let unit = h
        .ok(
            "org.unit.create",
            json!({"name": "Administración Municipal", "code": "AM", "kind": "alta_direccion", "parent_id": null, "head_person_id": null}),
        )
        .await["id"]
        .clone();
    let mut people = Vec::new();
    for (run, name, title) in [
        ("12345678-5", "Administradora", "Administradora Municipal"),
        ("13456789-9", "Director", "Director de Obras Municipales"),
        (
            "14567890-0",
            "Directora",
            "Directora de Desarrollo Comunitario",
        ),
        ("15678901-1", "Vecino", ""),
    ] {
        let p = h
            .ok(
                "org.person.create",
                json!({"doc_type": "RUN", "doc_number": run, "given_names": name, "surnames": "Mamani Choque", "email": null, "phone": null}),
            )
            .await;
        if !title.is_empty() {
            h.ok(
                "org.position.create",
                json!({"person_id": p["id"], "unit_id": unit, "title": title, "start_date": "2025-01-01", "end_date": null}),
            )
            .await;
        }
        people.push(p["id"].clone());
    }
    let official = |i: usize, role: &str| json!({"person_id": people[i], "role": role});
    let comite = |officials: Value| json!({"name": "Comité Estratégico de Gestión", "kind": "comite", "officials": officials});
    let e = h
        .err(
            "body.create",
            comite(json!([
                official(0, "presidente"),
                official(1, "secretario"),
                official(3, "miembro")
            ])),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("officials[2].person_id"));
    assert!(e.message.contains("no ocupa hoy un cargo"), "{}", e.message);
    let c = h
        .ok(
            "body.create",
            comite(json!([
                official(1, "secretario"),
                official(0, "presidente"),
                official(2, "miembro")
            ])),
        )
        .await;
    assert_eq!(c["kind"], "comite");
    assert_eq!(c["abbreviation"], "CEG");
    assert_eq!(c["members"][0]["cargo"], "Administradora Municipal");
    assert_eq!(c["members"][0]["role"], "presidente");
    let body = c["id"].as_i64().unwrap();

    let d = h
        .ok(
            "session.create",
            json!({"body_id": body, "kind": "ordinaria", "date": "2026-12-03", "time": "09:00", "place": "Oficina de la Administración"}),
        )
        .await;
    let s = d["session"]["id"].as_i64().unwrap();
    assert_eq!(d["next_identifier"], "SESIÓN ORDINARIA N° 1-CEG");
    assert_eq!(d["members"].as_array().unwrap().len(), 3);
    assert_eq!(d["members"][0]["role"], "funcionario");
    assert_eq!(d["members"][0]["body_role"], "presidente");
    assert_eq!(
        (d["legal"].as_i64(), d["quorum"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(d["voting"]["tie_rule"], "repeat_vote");
    h.ok(
        "agenda.add",
        json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Programación del Plan Anual de Acción Municipal", "item_kind": "Informe", "filed_by": "Administración Municipal", "filed_on": "2026-11-20"}}),
    )
    .await;
    let d = h
        .ok(
            "session.convene",
            json!({"id": s, "convened_on": "2026-11-26"}),
        )
        .await;
    assert_eq!(
        d["session"]["identifier"],
        Value::Null,
        "numbered when it starts"
    );
    let ids: Vec<Value> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["member_id"].clone())
        .collect();
    // Someone who is not an official of the comité is refused, by the API and by the database.
    let e = h
        .err(
            "attendance.set",
            json!({"session_id": s, "member_id": 999, "status": "presente"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("member_id"));
    for m in &ids[..2] {
        h.ok(
            "attendance.set",
            json!({"session_id": s, "member_id": m, "status": "presente"}),
        )
        .await;
    }
    let d = h
        .ok_on(
            "2026-12-03",
            "session.start",
            json!({"id": s, "time": "09:05"}),
        )
        .await;
    assert_eq!(d["session"]["identifier"], "SESIÓN ORDINARIA N° 1-CEG");
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    h.ok(
        "intervention.add",
        json!({"item_id": item, "member_id": ids[0], "text": "Presenta la programación del año."}),
    )
    .await;
    let r = h
        .ok("vote.cast", json!({"item_id": item, "all": "a_favor"}))
        .await;
    assert_eq!(r["outcome"]["decision"], "aprobado");
    assert_eq!(r["ballots"][0]["name"], "Administradora Mamani Choque");
    // A second item tied 1–1: in Chile the vote is repeated (no casting vote).
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Cambio de horario de atención", "item_kind": "Moción", "filed_by": "Dirección de Obras"}}),
        )
        .await;
    let second = d["agenda"][1]["id"].as_i64().unwrap();
    let r = h
        .ok(
            "vote.cast",
            json!({"item_id": second, "all": "a_favor", "ballots": [{"member_id": ids[1], "ballot": "en_contra"}]}),
        )
        .await;
    assert_eq!(r["outcome"]["decision"], "empate_repetir");
    h.ok("session.conclude", json!({"id": s, "time": "10:00"}))
        .await;
    h.ok("minutes.generate", json!({"session_id": s})).await;
    let acta = pdf_text(&h, "acta", s).await;
    for want in [
        "ACTA DE LA SESIÓN ORDINARIA N° 1-CEG DEL COMITÉ ESTRATÉGICO DE GESTIÓN",
        "se reunieron los miembros del Comité Estratégico de Gestión de la Ilustre Municipalidad de Putre",
        "bajo la presidencia de Administradora Mamani Choque",
        "Administradora Mamani Choque manifestó: Presenta la programación del año.",
        "Presidente del Comité",
        "Secretario del Comité",
        "el Presidente levantó la sesión",
        "Producido el empate, la votación debe repetirse.",
    ] {
        assert!(acta.contains(want), "missing «{want}»: {acta}");
    }
    let conv = pdf_text(&h, "convocatoria", s).await;
    assert!(
        conv.contains("Integrante del Comité Estratégico de Gestión"),
        "{conv}"
    );
    assert!(
        conv.contains("Por disposición del señor Presidente del Comité Estratégico de Gestión"),
        "{conv}"
    );

    // In Peru the rule set has no comités of officials.
    let pe = Host::demo_on("2026-11-21").await;
    let e = pe
        .err(
            "body.create",
            json!({"name": "Comité de Gestión", "kind": "comite", "officials": []}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));

    // The database itself refuses a participant who is not an official of the comité.
    use sqlx::Connection;
    let url = format!("sqlite://{}", h.db_path().display());
    h.cab.close().await;
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let e = sqlx::query(&format!(
        "INSERT INTO attendance (session_id, member_id, status) VALUES ({s}, 999, 'presente')"
    ))
    .execute(&mut conn)
    .await
    .unwrap_err();
    assert!(e.to_string().contains("no integra el órgano"), "{e}");
}

#[tokio::test]
async fn a_repeated_tie_goes_to_a_new_session_within_three_days_where_the_chair_decides() {
    // Ley 18.695 art. 86 (Chile), here as the rule set of a comisión: tie → repeat the vote;
    // tie again → a new session within three days; only there the casting vote decides.
    let h = Host::demo_on("2026-11-21").await;
    h.ok(
        "rules.set",
        json!({"key": "commission.tie_rule", "value": "repeat_vote"}),
    )
    .await;
    let comp = h
        .ok("council.composition", json!({"date": "2026-11-25"}))
        .await;
    let able: Vec<Value> = comp["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "regidor" && m["status"] != "fuera" && m["able"] == true)
        .map(|m| m["id"].clone())
        .collect();
    let member = |id: &Value, role: &str| json!({"member_id": id, "role": role});
    let c = h
        .ok(
            "body.create",
            json!({"name": "Comisión de Desarrollo Económico", "members": [member(&able[0], "presidente"), member(&able[1], "vicepresidente"), member(&able[2], "miembro")]}),
        )
        .await;
    let body = c["id"].as_i64().unwrap();
    // A convened session in progress with the first two members present; returns its agenda.
    let hold = |date: &'static str, items: Vec<Value>| {
        let h = &h;
        let able = able.clone();
        async move {
            let d = h
                .ok(
                    "session.create",
                    json!({"body_id": body, "kind": "ordinaria", "date": date, "time": "09:00", "place": "Sala de comisiones"}),
                )
                .await;
            let s = d["session"]["id"].as_i64().unwrap();
            for item in items {
                h.call("agenda.add", json!({"session_id": s, "item": item}))
                    .await?;
            }
            h.ok(
                "session.convene",
                json!({"id": s, "convened_on": "2026-11-21"}),
            )
            .await;
            for m in &able[..2] {
                h.ok(
                    "attendance.set",
                    json!({"session_id": s, "member_id": m, "status": "presente"}),
                )
                .await;
            }
            let d = h
                .ok_on(date, "session.start", json!({"id": s, "time": "09:05"}))
                .await;
            Ok::<_, cabildo::ApiError>((s, d["agenda"].as_array().unwrap().clone()))
        }
    };
    let matter = json!({"stage": "orden_del_dia", "title": "Dictamen sobre el reglamento de ferias", "item_kind": "Dictamen", "filed_by": "Gerencia de Desarrollo Económico"});
    let other = json!({"stage": "orden_del_dia", "title": "Dictamen sobre el mercado", "item_kind": "Dictamen", "filed_by": "Gerencia de Desarrollo Económico"});
    let (s, agenda) = hold("2026-11-25", vec![matter.clone(), other])
        .await
        .unwrap();
    let (item, second) = (
        agenda[0]["id"].as_i64().unwrap(),
        agenda[1]["id"].as_i64().unwrap(),
    );
    let split = json!([{"member_id": able[1], "ballot": "en_contra"}]);
    let tie = |casting: Option<&str>| json!({"item_id": item, "all": "a_favor", "ballots": split, "casting": casting});

    // No casting vote without a tie: refused at the field, not ignored.
    let e = h
        .err(
            "vote.cast",
            json!({"item_id": second, "all": "a_favor", "casting": "en_contra"}),
        )
        .await;
    assert_eq!(e.kind, "validation");
    assert_eq!(e.field.as_deref(), Some("casting"));
    assert!(e.message.contains("No hay empate"), "{}", e.message);
    // The first tie: no casting vote, the vote is repeated.
    let e = h.err("vote.cast", tie(Some("a_favor"))).await;
    assert_eq!(e.field.as_deref(), Some("casting"));
    assert!(e.message.contains("nueva sesión"), "{}", e.message);
    let r = h.ok("vote.cast", tie(None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_repetir");
    // The repeated vote ties again: still no casting vote here…
    let e = h.err("vote.cast", tie(Some("a_favor"))).await;
    assert_eq!(e.field.as_deref(), Some("casting"));
    let r = h.ok("vote.cast", tie(None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_nueva_sesion");
    // …and no further vote on it in this session.
    let e = h.err("vote.cast", tie(None)).await;
    assert_eq!(e.kind, "conflict");
    assert!(
        e.message.contains("nueva sesión dentro de los tres días"),
        "{}",
        e.message
    );
    h.ok("session.conclude", json!({"id": s, "time": "10:00"}))
        .await;

    // The new session: only within three days, only for a matter whose repeated vote tied.
    let mut carried = matter.clone();
    carried["carried_from"] = json!(item);
    let e = hold("2026-11-29", vec![carried.clone()]).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("carried_from"));
    assert!(e.message.contains("tres días"), "{}", e.message);
    let mut not_tied = matter.clone();
    not_tied["carried_from"] = json!(second);
    let e = hold("2026-11-27", vec![not_tied]).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("carried_from"));
    let (_, agenda) = hold("2026-11-28", vec![carried.clone()]).await.unwrap();
    let again = agenda[0]["id"].as_i64().unwrap();
    // Carried once: another session cannot take the same matter again.
    let e = hold("2026-11-27", vec![carried]).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("carried_from"));
    assert!(e.message.contains("ya está"), "{}", e.message);
    let tie = |casting: Option<&str>| json!({"item_id": again, "all": "a_favor", "ballots": split, "casting": casting});
    let r = h.ok("vote.cast", tie(None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_voto_dirimente");
    let r = h.ok("vote.cast", tie(Some("a_favor"))).await;
    assert_eq!(r["outcome"]["decision"], "aprobado");
    assert_eq!(r["outcome"]["casting_vote_used"], true);
}

/// The text of a session's draft acta, its paragraphs joined.
async fn acta_text(h: &Host, session: i64) -> String {
    let m = h
        .ok("minutes.generate", json!({"session_id": session}))
        .await;
    m["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().unwrap().clone())
        .map(|p| p.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_concejo_tie_is_carried_to_a_new_session_with_its_documents_and_history_and_decided_there(
) {
    // Ley 18.695 art. 86 as the Concejo's rule: tie → repeat; tie again → the matter goes to a
    // new session within three days with its history, and the alcalde decides there.
    let h = Host::demo_on("2026-11-21").await;
    h.ok(
        "rules.set",
        json!({"key": "vote.tie_rule", "value": "repeat_vote"}),
    )
    .await;
    let s = new_session(&h, "ordinaria", "2026-11-25").await;
    let d = h
        .ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "orden_del_dia", "title": "Dictamen sobre la feria dominical",
                "summary": "Propone trasladar la feria al parque.", "item_kind": "Dictamen",
                "filed_by": "Comisión de Desarrollo Económico", "filed_on": "2026-11-20"}}),
        )
        .await;
    let item = d["agenda"][0]["id"].as_i64().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("dictamen.txt");
    std::fs::write(&doc, "Dictamen firmado por la comisión").unwrap();
    h.ok(
        "agenda.attach",
        json!({"item_id": item, "path": doc.display().to_string()}),
    )
    .await;
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-11-21"}),
    )
    .await;
    let members = members(&h, s).await;
    // Everyone able is present; the alcalde votes too under this rule (9 ballots).
    let present: Vec<Value> = members
        .iter()
        .filter(|m| m["able"] == true)
        .map(|m| m["member_id"].clone())
        .collect();
    let attend = |session: i64| {
        let h = &h;
        let present = present.clone();
        async move {
            for m in &present {
                h.ok(
                    "attendance.set",
                    json!({"session_id": session, "member_id": m, "status": "presente"}),
                )
                .await;
            }
        }
    };
    attend(s).await;
    h.ok_on(
        "2026-11-25",
        "session.start",
        json!({"id": s, "time": "09:05"}),
    )
    .await;
    let regidores: Vec<Value> = members
        .iter()
        .filter(|m| m["able"] == true && m["role"] == "regidor")
        .map(|m| m["member_id"].clone())
        .collect();
    assert_eq!(regidores.len(), 8);
    // 4 against (the first four regidores), 1 abstention, the rest (4 with the alcalde) in favour.
    let mut ballots: Vec<Value> = regidores[..4]
        .iter()
        .map(|m| json!({"member_id": m, "ballot": "en_contra"}))
        .collect();
    ballots.push(json!({"member_id": regidores[4], "ballot": "abstencion"}));
    let tie = |item: i64, casting: Option<&str>| json!({"item_id": item, "all": "a_favor", "ballots": ballots, "casting": casting});
    let r = h.ok("vote.cast", tie(item, None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_repetir");
    let r = h.ok("vote.cast", tie(item, None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_nueva_sesion");

    // The detail tells the history and the last day; no session can take it yet.
    let d = h.ok("session.get", json!({"id": s})).await;
    let note = &d["ties"][0];
    assert_eq!(note["item_id"], item);
    assert_eq!(note["rounds"].as_array().unwrap().len(), 2);
    assert_eq!(note["rounds"][0]["a_favor"], 4);
    assert_eq!(note["rounds"][0]["en_contra"], 4);
    assert_eq!(note["rounds"][0]["abstenciones"], 1);
    // Every member, the one on licence as «no vota».
    assert_eq!(
        note["rounds"][1]["ballots"].as_array().unwrap().len(),
        10,
        "{note}"
    );
    assert_eq!(note["carry_by"], "2026-11-28");
    assert!(note["to"].is_null());
    assert_eq!(note["targets"].as_array().unwrap().len(), 0);

    // A new session outside the three days is refused at its date, and nothing is scheduled.
    let before = h.ok("session.list", json!({"limit": 500})).await["rows"]
        .as_array()
        .unwrap()
        .len();
    let new = |date: &str| json!({"kind": "ordinaria", "date": date, "time": "10:00", "place": "Salón consistorial"});
    let e = h
        .err(
            "agenda.carry",
            json!({"item_id": item, "new_session": new("2026-11-29")}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("date"), "{e:?}");
    assert!(e.message.contains("28/11/2026"), "{}", e.message);
    let e = h.err("agenda.carry", json!({"item_id": item})).await;
    assert_eq!(e.field.as_deref(), Some("session_id"));
    assert_eq!(
        h.ok("session.list", json!({"limit": 500})).await["rows"]
            .as_array()
            .unwrap()
            .len(),
        before
    );
    // An item that did not tie twice is not carried.
    let e = h
        .err(
            "agenda.carry",
            json!({"item_id": d["agenda"].as_array().unwrap().iter().find(|i| i["id"] != item).map(|i| i["id"].clone()).unwrap_or(json!(item + 1000)), "new_session": new("2026-11-27")}),
        )
        .await;
    assert!(
        e.field.as_deref() == Some("item_id") || e.kind == "not_found",
        "{e:?}"
    );

    // Carried: the new session is scheduled in the same request, with the matter, its
    // document and its history.
    let n = h
        .ok(
            "agenda.carry",
            json!({"item_id": item, "new_session": new("2026-11-27")}),
        )
        .await;
    let s2 = n["session"]["id"].as_i64().unwrap();
    assert_eq!(n["session"]["date"], "2026-11-27");
    let again = &n["agenda"][0];
    assert_eq!(again["title"], "Dictamen sobre la feria dominical");
    assert_eq!(again["summary"], "Propone trasladar la feria al parque.");
    assert_eq!(again["carried_from"], item);
    assert_eq!(again["tie_round"], 2);
    assert_eq!(n["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(n["attachments"][0]["name"], "dictamen.txt");
    assert_eq!(n["ties"][0]["from"]["id"], s);
    assert_eq!(n["ties"][0]["rounds"].as_array().unwrap().len(), 2);
    // The tied session shows where it went, and it is not carried twice.
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(d["ties"][0]["to"]["id"], s2);
    let e = h
        .err("agenda.carry", json!({"item_id": item, "session_id": s2}))
        .await;
    assert_eq!(e.field.as_deref(), Some("carried_from"));
    h.ok("session.conclude", json!({"id": s, "time": "10:30"}))
        .await;
    let acta = acta_text(&h, s).await;
    assert!(
        acta.contains("Primera votación nominal, que quedó empatada"),
        "{acta}"
    );
    assert!(
        acta.contains(
            "Persistiendo el empate, el asunto pasa a la sesión ordinaria del 27/11/2026"
        ),
        "{acta}"
    );

    // Decided in the new session: a tie there is broken by the alcalde's casting vote.
    h.ok(
        "session.convene",
        json!({"id": s2, "convened_on": "2026-11-25"}),
    )
    .await;
    attend(s2).await;
    h.ok_on(
        "2026-11-27",
        "session.start",
        json!({"id": s2, "time": "10:05"}),
    )
    .await;
    let again = again["id"].as_i64().unwrap();
    let r = h.ok("vote.cast", tie(again, None)).await;
    assert_eq!(r["outcome"]["decision"], "empate_voto_dirimente");
    let r = h.ok("vote.cast", tie(again, Some("a_favor"))).await;
    assert_eq!(r["outcome"]["decision"], "aprobado");
    assert_eq!(r["outcome"]["casting_vote_used"], true);
    h.ok("session.conclude", json!({"id": s2, "time": "11:00"}))
        .await;
    let acta = acta_text(&h, s2).await;
    assert!(
        acta.contains("El asunto viene de la SESIÓN ORDINARIA N°"),
        "{acta}"
    );
    assert!(
        acta.contains("Primera votación: 4 a favor, 4 en contra y 1 abstención; Segunda votación: 4 a favor, 4 en contra y 1 abstención"),
        "{acta}"
    );
    assert!(
        acta.contains("hizo uso del voto dirimente y el asunto fue APROBADO"),
        "{acta}"
    );
}

/// A Chilean comuna reads its own terms: concejal (accepted as input for the stable `regidor`),
/// the Tabla and its parts in the Chilean order (rule-set data, editable), its Direcciones.
#[tokio::test]
async fn a_chilean_comuna_says_concejal_tabla_and_direccion() {
    let h = Host::new().await;
    h.ok(
        "demo.load",
        json!({"seed": 5, "history": false, "country": "CL"}),
    )
    .await;
    // The parts of a session: aprobación de actas, correspondencia, cuenta, tabla, incidentes.
    let stages = h.ok("session.stages", json!({})).await;
    let names: Vec<&str> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[1].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Aprobación de actas",
            "Correspondencia",
            "Cuenta del alcalde",
            "Tabla",
            "Incidentes / varios"
        ]
    );
    assert_eq!(stages[4][0], "pedidos", "the stored codes stay the same");

    // `concejal` is accepted for the stable value `regidor`; the title says Concejal(a).
    let term = h.ok("council.term.list", json!({})).await[0]["id"].clone();
    let p = h
        .ok(
            "org.person.create",
            json!({"doc_type": "RUN", "doc_number": "12.873.456-2", "given_names": "Bernardita",
                   "surnames": "Ortúzar Lagos", "gender": "F"}),
        )
        .await;
    let m = h
        .ok(
            "council.member.add",
            json!({"term_id": term, "person_id": p["id"], "role": "concejal", "party": "Independiente"}),
        )
        .await;
    assert_eq!(m["role"], "regidor");
    assert_eq!(m["title"], "Concejala");

    // The unit kinds of a comuna, and the examples of its messages.
    let units = h.ok("org.unit.list", json!({})).await;
    assert!(units
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["kind"] == "direccion" && u["name"] == "Dirección de Obras Municipales"));
    let e = h
        .err(
            "org.unit.create",
            json!({"name": "X", "code": "X", "kind": "direccion"}),
        )
        .await;
    assert!(
        e.message.contains("Dirección de Obras Municipales"),
        "{}",
        e.message
    );

    // The printed Tabla, its parts in the rule set's order.
    let s = new_session(&h, "ordinaria", "2026-12-03").await;
    let dom = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "DOM")
        .unwrap()["id"]
        .clone();
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "pedidos", "title": "Sin unidad", "item_kind": "asunto"}}),
        )
        .await;
    assert!(e.message.contains("«Incidentes / varios»"), "{}", e.message);
    let e = h
        .err(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": "agenda", "title": "X", "item_kind": "asunto"}}),
        )
        .await;
    assert!(
        e.message.contains("tabla o incidentes / varios"),
        "{}",
        e.message
    );
    for (stage, title) in [
        ("pedidos", "Luminarias apagadas en el pasaje Los Copihues"),
        (
            "orden_del_dia",
            "Subvención a la Unión Comunal de Juntas de Vecinos",
        ),
    ] {
        h.ok(
            "agenda.add",
            json!({"session_id": s, "item": {"stage": stage, "title": title, "item_kind": "asunto", "filed_on": "2026-11-20", "unit_id": dom}}),
        )
        .await;
    }
    h.ok(
        "session.convene",
        json!({"id": s, "convened_on": "2026-11-25"}),
    )
    .await;
    let d = h.ok("session.get", json!({"id": s})).await;
    assert_eq!(
        d["agenda"][0]["stage"], "orden_del_dia",
        "the tabla before the incidentes"
    );
    let text = pdf_text(&h, "agenda", s).await;
    assert!(text.contains("TABLA DE LA SESIÓN ORDINARIA"), "{text}");
    assert!(!text.to_lowercase().contains("agenda"), "{text}");
    let tabla = text.find("Subvención").unwrap();
    let incidentes = text.find("INCIDENTES / VARIOS").unwrap();
    assert!(tabla < incidentes, "{text}");

    // The clerk may rename and reorder the parts (Configuración → Reglas legales).
    h.ok(
        "rules.set",
        json!({"key": "agenda.stage.pedidos", "value": "Varios"}),
    )
    .await;
    let e = h
        .err(
            "rules.set",
            json!({"key": "agenda.stage_order", "value": "despacho, tabla"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("value"));
    let stages = h.ok("session.stages", json!({})).await;
    assert_eq!(stages[4][1], "Varios");
}

/// Peru keeps its order of business and its words.
#[tokio::test]
async fn a_peruvian_district_keeps_its_agenda_and_stations() {
    let h = Host::demo_on("2026-11-21").await;
    let stages = h.ok("session.stages", json!({})).await;
    let names: Vec<&str> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[1].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Aprobación del acta anterior",
            "Despacho",
            "Informes",
            "Pedidos",
            "Orden del día"
        ]
    );
}
