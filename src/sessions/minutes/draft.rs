//! The text of a draft acta, written from what was recorded in the session: header,
//! attendance and quorum, each stage and item with its debate, nominal vote and agreement
//! number, and the closing.

use sqlx::SqliteConnection;

use super::Section;
use crate::context::{Ctx, Empty};
use crate::dates::{dmy as day, parse_date};
use crate::error::{Error, Result};
use crate::norms;
use crate::sessions::vote::Ballot;
use crate::sessions::{BodyKind, SessionDetail, Stage};
use crate::{rules, spanish};

pub(super) fn title_of(s: &crate::sessions::Session) -> String {
    let session = s
        .identifier
        .clone()
        .unwrap_or_else(|| format!("SESIÓN {}", s.kind.as_str().to_uppercase()));
    if s.body_kind == BodyKind::Concejo {
        format!("ACTA DE LA {session}")
    } else {
        format!(
            "ACTA DE LA {session} {}",
            crate::sessions::bodies::of_body(&s.body_name).to_uppercase()
        )
    }
}

fn names(list: &[String]) -> String {
    names_or(list, "ninguno")
}

/// The names, or `none` ("ninguno", "ninguna") when there are none.
fn names_or(list: &[String], none: &str) -> String {
    match list.len() {
        0 => none.into(),
        1 => list[0].clone(),
        n => format!("{} y {}", list[..n - 1].join(", "), list[n - 1]),
    }
}

/// "Primera", "Segunda"… for a tied round.
fn ordinal(round: i64) -> &'static str {
    match round {
        1 => "Primera",
        2 => "Segunda",
        3 => "Tercera",
        _ => "Otra",
    }
}

/// "4 a favor, 4 en contra y 1 abstención".
fn tally(r: &crate::sessions::carry::TiedRound) -> String {
    let mut parts = vec![
        format!("{} a favor", r.a_favor),
        format!("{} en contra", r.en_contra),
    ];
    match r.abstenciones {
        0 => {}
        1 => parts.push("1 abstención".into()),
        n => parts.push(format!("{n} abstenciones")),
    }
    let last = parts.pop().unwrap_or_default();
    format!("{} y {last}", parts.join(", "))
}

/// The draft acta of a concluded session, from what was recorded.
pub async fn draft(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    d: &SessionDetail,
) -> Result<Vec<Section>> {
    let s = &d.session;
    let date = parse_date(&s.date, "date")?;
    let muni = crate::municipality::get(conn, ctx, Empty {}).await?;
    let chile = muni.country == "CL";
    let rules = rules::load(conn).await?;
    let member_title = rules
        .value("council.member_title_plural")
        .unwrap_or("Regidores")
        .to_lowercase();
    let secretary = norms::secretary(conn, date, chile, &rules).await?;
    let present: Vec<&crate::sessions::Attendance> = d
        .members
        .iter()
        .filter(|m| m.status == "presente")
        .collect();
    let alcalde = d.members.iter().find(|m| m.role == "alcalde");
    let presidente = d
        .members
        .iter()
        .find(|m| m.body_role.as_deref() == Some("presidente"));
    // Who presides: the Alcalde in the Concejo, the presidente in a comisión; the words agree
    // with the person ("la Alcaldesa", "de la Presidenta").
    let (chair, of_chair) = if s.body_kind == BodyKind::Concejo {
        let g = alcalde.and_then(|m| m.gender);
        (
            spanish::title("el Alcalde", g),
            spanish::title("del Alcalde", g),
        )
    } else {
        let g = presidente.and_then(|m| m.gender);
        (
            spanish::title("el Presidente", g),
            spanish::title("del Presidente", g),
        )
    };
    let regidores_present: Vec<String> = present
        .iter()
        .filter(|m| m.role != "alcalde")
        .map(|m| m.name.clone())
        .collect();
    let mut out = Vec::new();
    if s.body_kind != BodyKind::Concejo {
        out.push(Section {
            heading: String::new(),
            paragraphs: vec![format!(
                "En {}, {}, siendo las {} horas, en {} (sesión {}), se reunieron los miembros {}{} de la {}, bajo la presidencia de {}, con la asistencia de {}: {}.",
                norms::place_name(&muni.name),
                spanish::date_in_words(date, chile),
                s.started_at.clone().unwrap_or_else(|| s.time.clone()),
                s.place,
                s.mode,
                crate::sessions::bodies::of_body(&s.body_name),
                if s.body_kind == BodyKind::Comision { " del Concejo Municipal" } else { "" },
                muni.name,
                presidente.map(|m| m.name.clone()).unwrap_or_else(|| "su presidente".into()),
                if s.body_kind == BodyKind::Comision {
                    format!("los señores {member_title}")
                } else {
                    "los funcionarios".to_string()
                },
                names(&regidores_present),
            )],
        });
    } else {
        out.push(Section {
        heading: String::new(),
        paragraphs: vec![format!(
            "En {}, {}, siendo las {} horas, en {} (sesión {}), se reunieron los miembros del Concejo Municipal de la {}, bajo la presidencia {}, con la asistencia de los señores {}: {}; actuando como {} {}.",
            norms::place_name(&muni.name),
            spanish::date_in_words(date, chile),
            s.started_at.clone().unwrap_or_else(|| s.time.clone()),
            s.place,
            s.mode,
            muni.name,
            alcalde.map(|a| format!("{of_chair} {}", a.name)).unwrap_or_else(|| of_chair.clone()),
            member_title,
            names(&regidores_present),
            secretary.as_ref().map(|x| x.cargo.clone()).unwrap_or_else(|| rules.value("council.secretary_title").unwrap_or("Secretario General").to_string()),
            secretary.as_ref().map(|x| x.name.clone()).unwrap_or_default(),
        )],
    });
    }
    let mut attendance = Vec::new();
    for (status, label) in [
        ("ausente", "Inasistencias"),
        ("justificada", "Inasistencias justificadas"),
        ("licencia", "Con licencia"),
    ] {
        let who: Vec<String> = d
            .members
            .iter()
            .filter(|m| m.status == status)
            .map(|m| {
                if m.note.is_empty() {
                    m.name.clone()
                } else {
                    format!("{} ({})", m.name, m.note)
                }
            })
            .collect();
        if !who.is_empty() {
            attendance.push(format!("{label}: {}.", names(&who)));
        }
    }
    let late: Vec<String> = present
        .iter()
        .filter_map(|m| {
            m.arrival
                .as_ref()
                .filter(|a| s.started_at.as_ref().is_some_and(|st| *a > st))
                .map(|a| format!("{} ({a} horas)", m.name))
        })
        .collect();
    if !late.is_empty() {
        attendance.push(format!(
            "Se incorporaron iniciada la sesión: {}.",
            names(&late)
        ));
    }
    attendance.push(format!(
        "Número legal: {}; número hábil: {}; quórum: {}. Con {} miembros presentes, {chair} declaró abierta la sesión.",
        d.legal, d.able, d.quorum, d.present
    ));
    out.push(Section {
        heading: "ASISTENCIA Y QUÓRUM".into(),
        paragraphs: attendance,
    });

    for (stage, label) in Stage::plan(&rules) {
        let items: Vec<&crate::sessions::AgendaItem> =
            d.agenda.iter().filter(|i| i.stage == stage).collect();
        if items.is_empty() {
            continue;
        }
        let mut paragraphs = Vec::new();
        for (n, it) in items.iter().enumerate() {
            let mut p = format!("{}. {}", n + 1, it.title);
            if !it.summary.is_empty() {
                p.push_str(&format!(". {}", it.summary.trim_end_matches('.')));
            }
            if !it.filed_by.is_empty() {
                p.push_str(&format!(" (presentado por {})", it.filed_by));
            }
            p.push('.');
            paragraphs.push(p);
            let interventions: Vec<(String, String)> = sqlx::query_as(
                "SELECT speaker, text FROM intervention WHERE item_id = $1 ORDER BY id",
            )
            .bind(it.id)
            .fetch_all(&mut *conn)
            .await?;
            for (who, text) in interventions {
                paragraphs.push(format!("{who} manifestó: {text}"));
            }
            if !it.debate.is_empty() {
                paragraphs.push(it.debate.clone());
            }
            let note = d.ties.iter().find(|n| n.item_id == it.id);
            if let Some(from) = note.and_then(|n| n.from.as_ref()) {
                let earlier: Vec<String> = note
                    .map(|n| n.rounds.iter().filter(|r| r.session.id == from.id))
                    .into_iter()
                    .flatten()
                    .map(|r| format!("{} votación: {}", ordinal(r.round), tally(r)))
                    .collect();
                paragraphs.push(format!(
                    "El asunto viene de la {} del {}, en la que la votación y su repetición quedaron empatadas ({}); por ello se vota en esta sesión y, si el empate persiste, lo decide el voto dirimente {of_chair}.",
                    from.label,
                    day(&from.date),
                    earlier.join("; ")
                ));
            }
            let tied_here: Vec<&crate::sessions::carry::TiedRound> = note
                .map(|n| n.rounds.iter().filter(|r| r.session.id == s.id).collect())
                .unwrap_or_default();
            let still_tied = matches!(
                it.decision.as_deref(),
                Some("empate_repetir") | Some("empate_nueva_sesion")
            );
            let shown = tied_here.len() - usize::from(still_tied && !tied_here.is_empty());
            for r in &tied_here[..shown] {
                let by = |b: Ballot| -> Vec<String> {
                    r.ballots
                        .iter()
                        .filter(|v| v.ballot == b)
                        .map(|v| v.name.clone())
                        .collect()
                };
                paragraphs.push(format!(
                    "{} votación nominal, que quedó empatada: a favor, {}; en contra, {}; abstenciones, {}. Se repitió la votación.",
                    ordinal(r.round),
                    names(&by(Ballot::AFavor)),
                    names(&by(Ballot::EnContra)),
                    names_or(&by(Ballot::Abstencion), "ninguna"),
                ));
            }
            let votes = crate::sessions::nominal(conn, it.id).await?;
            if !votes.is_empty() {
                let by = |b: Ballot| -> Vec<String> {
                    votes
                        .iter()
                        .filter(|v| v.ballot == b)
                        .map(|v| v.name.clone())
                        .collect()
                };
                paragraphs.push(format!(
                    "Sometido a votación nominal ({}): a favor, {}; en contra, {}; abstenciones, {}.",
                    crate::sessions::vote::Majority::parse(&it.majority).map(|m| m.label().to_lowercase()).unwrap_or_default(),
                    names(&by(Ballot::AFavor)),
                    names(&by(Ballot::EnContra)),
                    names_or(&by(Ballot::Abstencion), "ninguna"),
                ));
                let result = match it.decision.as_deref() {
                    Some("aprobado") if it.casting.is_some() => format!("Producido el empate, {chair} hizo uso del voto dirimente y el asunto fue APROBADO."),
                    Some("aprobado") => "El asunto fue APROBADO.".to_string(),
                    Some("rechazado") if it.casting.is_some() => format!("Producido el empate, {chair} hizo uso del voto dirimente y el asunto fue RECHAZADO."),
                    Some("rechazado") => "El asunto fue RECHAZADO.".to_string(),
                    Some("empate_repetir") => "Producido el empate, la votación debe repetirse.".to_string(),
                    Some("empate_nueva_sesion") => match note.and_then(|n| n.to.as_ref()) {
                        Some(to) => format!("Persistiendo el empate, el asunto pasa a la {} del {}.", to.label, day(&to.date)),
                        None => "Persistiendo el empate, el asunto se votará en una sesión dentro de los tres días siguientes.".to_string(),
                    },
                    Some("empate_voto_dirimente") => format!("Producido el empate, corresponde el voto dirimente {of_chair}."),
                    Some(other) => format!("Resultado: {}.", other.replace('_', " ")),
                    None => String::new(),
                };
                if !result.is_empty() {
                    paragraphs.push(result);
                }
            }
            if let Some(a) = it.agreement_id {
                if let Some(ident) = crate::norms::identifier_of(conn, a).await? {
                    paragraphs.push(format!("Se adoptó el {ident}."));
                }
            }
            if let Some(u) = it.unit_id {
                let unit = crate::org::unit_name(conn, u)
                    .await?
                    .ok_or_else(|| Error::NotFound(format!("No existe la unidad {u}.")))?;
                paragraphs.push(format!("El pedido se deriva a {unit} para su atención."));
            }
        }
        out.push(Section {
            heading: label.to_uppercase(),
            paragraphs,
        });
    }
    out.push(Section {
        heading: String::new(),
        paragraphs: vec![format!(
            "No habiendo otro asunto que tratar, {chair} levantó la sesión siendo las {} horas{}.",
            s.ended_at.clone().unwrap_or_else(|| "…".into()),
            if s.body_kind == BodyKind::Concejo {
                ", de lo que doy fe"
            } else {
                ""
            }
        )],
    });
    Ok(out)
}
