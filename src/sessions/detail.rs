//! The session as the clerk sees it: agenda, members with attendance and receipts, the
//! sizes and the live quorum, the current legal checks, and how its votes are counted.

use sqlx::SqliteConnection;

use super::checks::Check;
use super::store::*;
use super::vote::{Majority, TieRule};
use super::*;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::Result;
use crate::numbering;
use crate::spanish::{self, Gender};
use crate::{calendar, council, rules};

/// The tie rule of a body: the Concejo's from `vote.tie_rule`, a comisión's from
/// `commission.tie_rule`.
pub(crate) fn tie_rule_of(rules: &rules::RuleSet, body: &Body) -> TieRule {
    TieRule::parse(rules.value(if body.kind == BodyKind::Concejo {
        "vote.tie_rule"
    } else {
        "commission.tie_rule"
    }))
}

/// Whether the alcalde casts an ordinary ballot on an item of this majority: where a tie is
/// repeated (Chile) and, if the rule set says so, on two-thirds matters (vacancia, donations).
pub(crate) fn mayor_votes(rules: &rules::RuleSet, tie_rule: TieRule, majority: Majority) -> bool {
    tie_rule == TieRule::RepeatVote
        || (rules.value("vote.mayor_votes_in_two_thirds") == Some("yes")
            && matches!(majority, Majority::TwoThirdsLegal | Majority::TwoThirdsAble))
}

fn voting(rules: &rules::RuleSet, body: &Body, members: &[Attendance]) -> Voting {
    let tie_rule = tie_rule_of(rules, body);
    let tie_name = if tie_rule == TieRule::RepeatVote {
        "repeat_vote"
    } else {
        "casting_vote"
    };
    if body.kind != BodyKind::Concejo {
        let presidente = members
            .iter()
            .find(|m| m.body_role.as_deref() == Some("presidente"))
            .map(|m| {
                format!(
                    "{} {}, {}",
                    spanish::title("presidente", m.gender),
                    body.kind.of(),
                    m.name
                )
            })
            .unwrap_or_else(|| format!("presidente {}", body.kind.of()));
        return Voting {
            tie_rule: tie_name.into(),
            casting_by: presidente,
            mayor_votes_in: Vec::new(),
        };
    }
    let mayor_votes_in = Majority::ALL
        .iter()
        .filter(|(m, _)| mayor_votes(rules, tie_rule, *m))
        .filter_map(|(m, _)| serde_json::to_value(m).ok()?.as_str().map(str::to_string))
        .collect();
    Voting {
        tie_rule: tie_name.into(),
        casting_by: members
            .iter()
            .find(|m| m.role == "alcalde")
            .map(|m| format!("{} {}", spanish::title("Alcalde", m.gender), m.name))
            .unwrap_or_else(|| "Alcalde".into()),
        mayor_votes_in,
    }
}

/// The whole session.
pub async fn detail(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<SessionDetail> {
    let s = session(conn, id).await?;
    let date = parse_date(&s.date, "date")?;
    let body = bodies::body(conn, s.body_id).await?;
    // A comisión's or comité's own members with their roles (none for the Concejo).
    let own = if body.kind == BodyKind::Concejo {
        None
    } else {
        Some(bodies::members_of(conn, &body).await?)
    };
    let roles: Option<std::collections::HashMap<i64, String>> = own
        .as_ref()
        .map(|o| o.iter().map(|m| (m.member_id, m.role.clone())).collect());
    let rules = rules::load(conn).await?;
    let comp = council::composition_on(conn, Some(body.term_id), date).await?;
    let mut agenda: Vec<AgendaItem> = sqlx::query_as(&format!(
        "{ITEM_SELECT} WHERE session_id = $1 ORDER BY {STAGE_ORDER}, position"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    // The parts in the order of the rule set (Chile: the tabla before the incidentes).
    let plan = super::Stage::plan(&rules);
    agenda.sort_by_key(|i| {
        (
            plan.iter()
                .position(|(p, _)| *p == i.stage)
                .unwrap_or(plan.len()),
            i.position,
        )
    });
    // Who takes part: the term's council members (all for the Concejo, its members for a
    // comisión), or the officials of a comité (always able: licences are the council's).
    let people: Vec<(i64, String, String, Option<Gender>, bool)> = if body.kind == BodyKind::Comite
    {
        own.unwrap_or_default()
            .into_iter()
            .map(|o| {
                (
                    o.member_id,
                    o.name,
                    "funcionario".to_string(),
                    o.gender,
                    true,
                )
            })
            .collect()
    } else {
        comp.members
            .iter()
            .filter(|m| {
                m.from_date.as_str() <= s.date.as_str()
                    && m.to_date.as_deref().is_none_or(|t| t >= s.date.as_str())
                    && roles.as_ref().is_none_or(|r| r.contains_key(&m.id))
            })
            .map(|m| {
                (
                    m.id,
                    m.person_name.clone(),
                    m.role.clone(),
                    m.gender,
                    m.able,
                )
            })
            .collect()
    };
    let mut members = Vec::new();
    for (member_id, name, role, gender, able) in people {
        let row: Option<(String, Option<String>, Option<String>, String)> = sqlx::query_as(
            "SELECT status, arrival, departure, note FROM attendance WHERE session_id = $1 AND member_id = $2",
        )
        .bind(id)
        .bind(member_id)
        .fetch_optional(&mut *conn)
        .await?;
        let receipt: Option<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT received_by, received_at FROM convocation WHERE session_id = $1 AND member_id = $2",
        )
        .bind(id)
        .bind(member_id)
        .fetch_optional(&mut *conn)
        .await?;
        let (status, arrival, departure, note) = row.unwrap_or_else(|| {
            let st = if able { "sin_registrar" } else { "licencia" };
            (st.to_string(), None, None, String::new())
        });
        let (received_by, received_at) = receipt.unwrap_or((None, None));
        members.push(Attendance {
            member_id,
            name,
            role,
            gender,
            status,
            arrival,
            departure,
            note,
            able,
            body_role: roles.as_ref().and_then(|r| r.get(&member_id).cloned()),
            received_by,
            received_at,
        });
    }
    if roles.is_some() {
        // A comisión or comité: presidente first, then vicepresidente or secretario, then the
        // members by seat.
        let rank = |r: &Option<String>| match r.as_deref() {
            Some("presidente") => 0,
            Some("vicepresidente") | Some("secretario") => 1,
            _ => 2,
        };
        members.sort_by_key(|m| rank(&m.body_role));
    }
    let present = members.iter().filter(|a| a.status == "presente").count() as i64;
    // The presence that reaches the quorum: without the alcalde where the rule set leaves him
    // out of the quorum's base (quorum.alcalde_counts = no; the council only).
    let counted = if roles.is_none() && !rules.alcalde_counts() {
        members
            .iter()
            .filter(|a| a.status == "presente" && a.role != "alcalde")
            .count() as i64
    } else {
        present
    };
    let (legal, able, quorum) = match &roles {
        None => (comp.legal_size, comp.able_size, comp.quorum),
        Some(r) => {
            let able = members.iter().filter(|m| m.able).count() as i64;
            let formula = rules
                .value("commission.quorum_formula")
                .unwrap_or("half_plus_one");
            (r.len() as i64, able, rules::quorum_of(formula, able))
        }
    };
    let next_identifier = if s.identifier.is_none() {
        numbering::preview(
            conn,
            ctx,
            numbering::NumberingPreview {
                series: bodies::series_of(&body, s.kind),
                date: Some(date),
                session_kind: None,
            },
        )
        .await
        .ok()
        .map(|p| p.identifier)
    } else {
        None
    };
    let checks = current_checks(conn, ctx, &rules, &s, &body).await?;
    let voting = voting(&rules, &body, &members);
    // In agenda order: the packet appends them in this order.
    let mut attachments: Vec<super::attachments::Attachment> = sqlx::query_as(&format!(
        "{} JOIN agenda_item i ON i.id = a.item_id WHERE i.session_id = $1
         ORDER BY {STAGE_ORDER}, i.position, a.name",
        super::attachments::ATTACHMENT_SELECT
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    attachments.sort_by_key(|a| agenda.iter().position(|i| i.id == a.item_id));
    let ties = carry::notes(conn, &s).await?;
    Ok(SessionDetail {
        ties,
        attachments,
        next_identifier,
        agenda,
        legal,
        able,
        quorum,
        present,
        quorum_present: counted,
        has_quorum: counted >= quorum && quorum > 0,
        voting,
        members,
        checks,
        session: s,
    })
}

async fn current_checks(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    rules: &rules::RuleSet,
    s: &Session,
    body: &Body,
) -> Result<Vec<Check>> {
    let cal = calendar::load(conn).await?;
    let date = parse_date(&s.date, "date")?;
    let mut out = Vec::new();
    if matches!(s.status, SessionStatus::Borrador | SessionStatus::Convocada) {
        out.extend(checks::non_working_day(&cal, date));
    }
    // The law's counts and lead times are the Concejo's; a comisión's are its Reglamento's.
    if body.kind != BodyKind::Concejo {
        return Ok(out);
    }
    if s.kind == SessionKind::Ordinaria && !matches!(s.status, SessionStatus::Cancelada) {
        let month = &s.date[..7];
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM session WHERE kind = 'ordinaria' AND status <> 'cancelada'
             AND substr(date, 1, 7) = $1 AND body_id = $2",
        )
        .bind(month)
        .bind(s.body_id)
        .fetch_one(&mut *conn)
        .await?;
        out.extend(checks::monthly_count(rules, n));
    }
    let convened = match &s.convened_on {
        Some(c) => parse_date(c, "convened_on")?,
        None => ctx.today,
    };
    if matches!(s.status, SessionStatus::Borrador | SessionStatus::Convocada) {
        out.extend(checks::lead_time(&cal, rules, s.kind, convened, date));
    }
    Ok(out)
}

/// `session.get`.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: SessionId) -> Result<SessionDetail> {
    detail(conn, ctx, p.id).await
}
