//! Council sessions: the body that meets, the session's lifecycle (borrador → convocada →
//! en curso → concluida → acta aprobada; postponed once, suspended, cancelled), its agenda by
//! stages, the citation of each member with its receipt, attendance with the live quorum,
//! nominal votes decided by the item's majority, interventions, and the Acuerdo de Concejo an
//! adopted item becomes. The law's numbers come from the rule set (see `checks`, `vote`).

pub mod bodies;
pub mod checks;
pub(crate) mod demo;
pub mod minutes;
pub mod print;
pub mod printable;
pub mod reports;
pub mod vote;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::numbering;
use crate::records::norm::{self as norms, ArticleInput, NormInput};
use crate::{calendar, council, rules};
use checks::Check;
use vote::{Ballot, Majority, Outcome, Sizes, Tally, TieRule};

/// Session kinds.
pub const KINDS: [&str; 3] = ["ordinaria", "extraordinaria", "solemne"];
/// Agenda stages in the order of business.
pub const STAGES: [(&str, &str); 5] = [
    ("acta_anterior", "Aprobación del acta anterior"),
    ("despacho", "Despacho"),
    ("informes", "Informes"),
    ("pedidos", "Pedidos"),
    ("orden_del_dia", "Orden del día"),
];

/// A collegiate body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Body {
    /// Id.
    pub id: i64,
    /// "Concejo Municipal", "Comisión de Desarrollo Económico".
    pub name: String,
    /// `concejo`, `comision`, `comite`.
    pub kind: String,
    /// Council term.
    pub term_id: i64,
}

/// The Concejo of the term in force on `date`, created on first use.
pub async fn concejo(conn: &mut SqliteConnection, date: NaiveDate) -> Result<Body> {
    let term: i64 =
        sqlx::query_scalar("SELECT id FROM council_term WHERE start_date <= ?1 AND end_date >= ?1")
            .bind(date.to_string())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| {
                Error::field(
                    "date",
                    format!(
                        "No hay periodo de gestión que cubra el {}: regístrelo en Concejo.",
                        date.format("%d/%m/%Y")
                    ),
                )
            })?;
    if let Some(b) = sqlx::query_as::<_, Body>(
        "SELECT id, name, kind, term_id FROM body WHERE kind = 'concejo' AND term_id = ?",
    )
    .bind(term)
    .fetch_optional(&mut *conn)
    .await?
    {
        return Ok(b);
    }
    let name: String =
        sqlx::query_scalar("SELECT 'Concejo Municipal ' || name FROM council_term WHERE id = ?")
            .bind(term)
            .fetch_one(&mut *conn)
            .await?;
    Ok(sqlx::query_as(
        "INSERT INTO body (name, kind, term_id) VALUES (?, 'concejo', ?) RETURNING id, name, kind, term_id",
    )
    .bind(name)
    .bind(term)
    .fetch_one(&mut *conn)
    .await?)
}

/// A session as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Session {
    /// Id.
    pub id: i64,
    /// Body.
    pub body_id: i64,
    /// `ordinaria`, `extraordinaria`, `solemne`.
    pub kind: String,
    /// "SESIÓN ORDINARIA N° 05-2026", once convened.
    pub identifier: Option<String>,
    /// Date.
    pub date: String,
    /// Time (HH:MM).
    pub time: String,
    /// Place.
    pub place: String,
    /// `presencial` or `virtual`.
    pub mode: String,
    /// Lifecycle state.
    pub status: String,
    /// Day of the convocation.
    pub convened_on: Option<String>,
    /// Who convened ("alcalde" or the requesting members).
    pub convened_by: Option<String>,
    /// Original date, when postponed.
    pub postponed_from: Option<String>,
    /// Start (HH:MM).
    pub started_at: Option<String>,
    /// End (HH:MM).
    pub ended_at: Option<String>,
    /// Reason of a suspension or cancellation.
    pub reason: Option<String>,
    /// Name of the body ("Concejo Municipal 2023-2026", "Comisión de Desarrollo Económico").
    pub body_name: String,
    /// `concejo` or `comision`.
    pub body_kind: String,
}

const SELECT: &str = "SELECT id, body_id, kind, identifier, date, time, place, mode, status,
    convened_on, convened_by, postponed_from, started_at, ended_at, reason,
    (SELECT b.name FROM body b WHERE b.id = session.body_id) AS body_name,
    (SELECT b.kind FROM body b WHERE b.id = session.body_id) AS body_kind FROM session";

async fn session(conn: &mut SqliteConnection, id: i64) -> Result<Session> {
    sqlx::query_as(&format!("{SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la sesión {id}.")))
}

/// Params of `session.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionList {
    /// Year (default: every year).
    pub year: Option<i32>,
    /// Body (default: every body).
    #[serde(default)]
    pub body_id: Option<i64>,
}

/// `session.list`: newest first.
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: SessionList) -> Result<Vec<Session>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(date, 1, 4) = printf('%04d', ?1))
         AND (?2 IS NULL OR body_id = ?2) ORDER BY date DESC, time DESC, id DESC"
    ))
    .bind(p.year)
    .bind(p.body_id)
    .fetch_all(&mut *conn)
    .await?)
}

fn check_time(t: &str) -> Result<String> {
    let t = t.trim();
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .map(|v| v.format("%H:%M").to_string())
        .map_err(|_| {
            Error::field(
                "time",
                format!("«{t}» no es una hora válida: escriba HH:MM, por ejemplo 10:00."),
            )
        })
}

/// Params of `session.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionCreate {
    /// `ordinaria`, `extraordinaria` or `solemne`.
    pub kind: String,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// Time (HH:MM).
    pub time: String,
    /// Place ("Salón consistorial").
    pub place: String,
    /// `presencial` (default) or `virtual`.
    pub mode: Option<String>,
    /// Body that meets (default: the Concejo of the term in force on the date).
    #[serde(default)]
    pub body_id: Option<i64>,
}

/// `session.create`: a draft session of the Concejo (or of a comisión), its agenda empty.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionCreate,
) -> Result<SessionDetail> {
    // Chile (Ley 18.695, art. 84) knows ordinary and extraordinary sessions only; so do
    // comisiones.
    let chile = crate::municipality::country(conn).await? == "CL";
    let body = match p.body_id {
        Some(id) => Some(bodies::body(conn, id).await?).filter(|b| b.kind != "concejo"),
        None => None,
    };
    let kinds: &[&str] = if chile || body.is_some() {
        &KINDS[..2]
    } else {
        &KINDS
    };
    if !kinds.contains(&p.kind.as_str()) {
        return Err(Error::field(
            "kind",
            if body.is_some() {
                "Una comisión o un comité celebra sesiones ordinarias o extraordinarias."
            } else if chile {
                "En Chile la sesión es ordinaria o extraordinaria."
            } else {
                "El tipo de sesión debe ser ordinaria, extraordinaria o solemne."
            },
        ));
    }
    let date = parse_date(&p.date, "date")?;
    let time = check_time(&p.time)?;
    let place = p.place.trim();
    if place.is_empty() {
        return Err(Error::field("place", "Indique el lugar de la sesión."));
    }
    let mode = p.mode.as_deref().unwrap_or("presencial");
    if !["presencial", "virtual"].contains(&mode) {
        return Err(Error::field(
            "mode",
            "La modalidad es presencial o virtual.",
        ));
    }
    let body = match body {
        Some(b) => {
            let covers: bool = sqlx::query_scalar(
                "SELECT count(*) > 0 FROM council_term WHERE id = ?1 AND start_date <= ?2 AND end_date >= ?2",
            )
            .bind(b.term_id)
            .bind(date.to_string())
            .fetch_one(&mut *conn)
            .await?;
            if !covers {
                return Err(Error::field(
                    "date",
                    format!("La fecha cae fuera del periodo de gestión {}.", b.name),
                ));
            }
            b
        }
        None => concejo(conn, date).await?,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO session (body_id, kind, date, time, place, mode, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'borrador', ?) RETURNING id",
    )
    .bind(body.id)
    .bind(&p.kind)
    .bind(date.to_string())
    .bind(&time)
    .bind(place)
    .bind(mode)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    detail(conn, ctx, id).await
}

/// An agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct AgendaItem {
    /// Id.
    pub id: i64,
    /// Session.
    pub session_id: i64,
    /// Stage.
    pub stage: String,
    /// Position within the stage, from 1.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Kind (proyecto de ordenanza, dictamen, moción, pedido…).
    pub item_kind: String,
    /// Who filed it.
    pub filed_by: String,
    /// When it was filed.
    pub filed_on: String,
    /// Filed after the deadline for this session.
    pub late: bool,
    /// Majority needed.
    pub majority: String,
    /// Unit that must answer (pedidos).
    pub unit_id: Option<i64>,
    /// Summary of the debate, for the acta.
    pub debate: String,
    /// Result of the vote (`aprobado`, `rechazado`, `empate_…`), once voted.
    pub decision: Option<String>,
    /// Tied votes already taken (Chilean rule).
    pub tie_round: i64,
    /// The alcalde's casting vote, when used.
    pub casting: Option<String>,
    /// The Acuerdo de Concejo it became.
    pub agreement_id: Option<i64>,
    /// For "aprobación del acta anterior": the session whose acta it approves.
    pub minutes_of: Option<i64>,
}

/// SQL ordering agenda items (table alias-free column `stage`) in the order of business.
const STAGE_ORDER: &str = "CASE stage WHEN 'acta_anterior' THEN 1 WHEN 'despacho' THEN 2
    WHEN 'informes' THEN 3 WHEN 'pedidos' THEN 4 ELSE 5 END";

const ITEM_SELECT: &str = "SELECT id, session_id, stage, position, title, summary, item_kind,
    filed_by, filed_on, late, majority, unit_id, debate, decision, tie_round, casting, agreement_id,
    minutes_of FROM agenda_item";

/// A member's attendance.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Attendance {
    /// Council member.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// `alcalde`, `regidor`, or `funcionario` (a comité's official).
    pub role: String,
    /// `presente`, `ausente`, `justificada`, `licencia`; `sin_registrar` before it is taken.
    pub status: String,
    /// Arrival (HH:MM).
    pub arrival: Option<String>,
    /// Departure (HH:MM).
    pub departure: Option<String>,
    /// Note.
    pub note: String,
    /// Able on the session's date (not on licence or suspended).
    pub able: bool,
    /// Role in a comisión (`presidente`, `vicepresidente`, `miembro`); null in the Concejo.
    pub body_role: Option<String>,
    /// Who received the citation, when the receipt was recorded.
    pub received_by: Option<String>,
    /// When the citation was received.
    pub received_at: Option<String>,
}

/// A session with everything the clerk sees.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionDetail {
    /// The session.
    pub session: Session,
    /// Identifier the session will get when convened.
    pub next_identifier: Option<String>,
    /// Agenda in the order of business.
    pub agenda: Vec<AgendaItem>,
    /// Members with attendance and citation receipt.
    pub members: Vec<Attendance>,
    /// Número legal on the date.
    pub legal: i64,
    /// Número hábil on the date.
    pub able: i64,
    /// Quorum.
    pub quorum: i64,
    /// Members present now.
    pub present: i64,
    /// Whether there is quorum now.
    pub has_quorum: bool,
    /// Legal checks (warnings and blocks).
    pub checks: Vec<Check>,
    /// Files attached to the agenda's items.
    pub attachments: Vec<print::Attachment>,
    /// How the votes of this session are counted.
    pub voting: Voting,
}

/// How a session's votes are counted, from the rule set and the body.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Voting {
    /// `casting_vote` or `repeat_vote`.
    pub tie_rule: String,
    /// Who breaks a tie ("Alcalde …", "presidente de la comisión, …").
    pub casting_by: String,
    /// Majorities in which the alcalde casts an ordinary ballot (every one where a tie is
    /// repeated; the two-thirds ones where the rule set says so; none in a comisión).
    pub mayor_votes_in: Vec<String>,
}

/// The tie rule of a body: the Concejo's from `vote.tie_rule`, a comisión's from
/// `commission.tie_rule`.
fn tie_rule_of(rules: &rules::RuleSet, body: &Body) -> TieRule {
    TieRule::parse(rules.value(if body.kind == "concejo" {
        "vote.tie_rule"
    } else {
        "commission.tie_rule"
    }))
}

/// Whether the alcalde casts an ordinary ballot on an item of this majority: where a tie is
/// repeated (Chile) and, if the rule set says so, on two-thirds matters (vacancia, donations).
fn mayor_votes(rules: &rules::RuleSet, tie_rule: TieRule, majority: Majority) -> bool {
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
    if body.kind != "concejo" {
        let presidente = members
            .iter()
            .find(|m| m.body_role.as_deref() == Some("presidente"))
            .map(|m| format!("presidente {}, {}", bodies::of_kind(&body.kind), m.name))
            .unwrap_or_else(|| format!("presidente {}", bodies::of_kind(&body.kind)));
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
            .map(|m| format!("Alcalde {}", m.name))
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
    let own = if body.kind == "concejo" {
        None
    } else {
        Some(bodies::members_of(conn, &body).await?)
    };
    let roles: Option<std::collections::HashMap<i64, String>> = own
        .as_ref()
        .map(|o| o.iter().map(|m| (m.member_id, m.role.clone())).collect());
    let rules = rules::load(conn).await?;
    let comp = council::composition_on(conn, Some(body.term_id), date).await?;
    let agenda: Vec<AgendaItem> = sqlx::query_as(&format!(
        "{ITEM_SELECT} WHERE session_id = ? ORDER BY {STAGE_ORDER}, position"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    // Who takes part: the term's council members (all for the Concejo, its members for a
    // comisión), or the officials of a comité (always able: licences are the council's).
    let people: Vec<(i64, String, String, bool)> = if body.kind == "comite" {
        own.unwrap_or_default()
            .into_iter()
            .map(|o| (o.member_id, o.name, "funcionario".to_string(), true))
            .collect()
    } else {
        comp.members
            .iter()
            .filter(|m| {
                m.from_date.as_str() <= s.date.as_str()
                    && m.to_date.as_deref().is_none_or(|t| t >= s.date.as_str())
                    && roles.as_ref().is_none_or(|r| r.contains_key(&m.id))
            })
            .map(|m| (m.id, m.person_name.clone(), m.role.clone(), m.able))
            .collect()
    };
    let mut members = Vec::new();
    for (member_id, name, role, able) in people {
        let row: Option<(String, Option<String>, Option<String>, String)> = sqlx::query_as(
            "SELECT status, arrival, departure, note FROM attendance WHERE session_id = ? AND member_id = ?",
        )
        .bind(id)
        .bind(member_id)
        .fetch_optional(&mut *conn)
        .await?;
        let receipt: Option<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT received_by, received_at FROM convocation WHERE session_id = ? AND member_id = ?",
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
                series: bodies::series_of(&body, &s.kind),
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
    let attachments: Vec<print::Attachment> = sqlx::query_as(&format!(
        "{} JOIN agenda_item i ON i.id = a.item_id WHERE i.session_id = ?
         ORDER BY {STAGE_ORDER}, i.position, a.name",
        print::ATTACHMENT_SELECT
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(SessionDetail {
        attachments,
        next_identifier,
        agenda,
        legal,
        able,
        quorum,
        present,
        has_quorum: present >= quorum && quorum > 0,
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
    // The law's counts and lead times are the Concejo's; a comisión's are its Reglamento's.
    if body.kind != "concejo" {
        return Ok(Vec::new());
    }
    let cal = calendar::load(conn).await?;
    let date = parse_date(&s.date, "date")?;
    let mut out = Vec::new();
    if s.kind == "ordinaria" && !matches!(s.status.as_str(), "cancelada") {
        let month = &s.date[..7];
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM session WHERE kind = 'ordinaria' AND status <> 'cancelada'
             AND substr(date, 1, 7) = ? AND body_id = ?",
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
    if matches!(s.status.as_str(), "borrador" | "convocada") {
        out.extend(checks::lead_time(&cal, rules, &s.kind, convened, date));
    }
    Ok(out)
}

/// Params naming a session.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionId {
    /// Id.
    pub id: i64,
}

/// `session.get`.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: SessionId) -> Result<SessionDetail> {
    detail(conn, ctx, p.id).await
}

fn state_error(s: &Session, what: &str) -> Error {
    Error::Conflict(format!(
        "La sesión está «{}»: no se puede {what}.",
        s.status.replace('_', " ")
    ))
}

/// Params of `session.convene`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionConvene {
    /// Session.
    pub id: i64,
    /// Day of the convocation (default today).
    pub convened_on: Option<String>,
    /// Members who ask for an extraordinary session; empty: the alcalde convenes.
    #[serde(default)]
    pub requesters: Vec<i64>,
}

/// `session.convene`: number the session, cite every member, lock an extraordinary agenda.
pub async fn convene(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionConvene,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != "borrador" {
        return Err(state_error(&s, "convocar de nuevo"));
    }
    let on = match p
        .convened_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => parse_date(d, "convened_on")?,
        None => ctx.today,
    };
    let date = parse_date(&s.date, "date")?;
    if on > date {
        return Err(Error::field(
            "convened_on",
            "La convocatoria no puede ser posterior a la sesión.",
        ));
    }
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let d = detail(conn, ctx, p.id).await?;
    let concejo = s.body_kind == "concejo";
    let by_alcalde = p.requesters.is_empty();
    let mut blocks: Vec<Check> = Vec::new();
    if concejo {
        blocks.extend(checks::who_convenes(
            &rules,
            &s.kind,
            by_alcalde,
            p.requesters.len() as i64,
            d.legal,
        ));
        blocks.extend(checks::lead_time(&cal, &rules, &s.kind, on, date));
    } else if !p.requesters.is_empty() {
        return Err(Error::field(
            "requesters",
            "A una comisión la convoca su presidente: no lleva solicitantes.",
        ));
    }
    if let Some(b) = blocks.iter().find(|c| c.level == "bloqueo") {
        return Err(Error::field(
            if b.code == "convocante" {
                "requesters"
            } else {
                "convened_on"
            },
            b.message.clone(),
        ));
    }
    for r in &p.requesters {
        if !d.members.iter().any(|m| m.member_id == *r) {
            return Err(Error::field(
                "requesters",
                format!("El miembro {r} no integra el concejo en la fecha de la sesión."),
            ));
        }
    }
    let body = bodies::body(conn, s.body_id).await?;
    let assignment = numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series: bodies::series_of(&body, &s.kind),
            date,
            session_kind: None,
            record_kind: Some("sesion".into()),
            record_id: Some(s.id),
        },
    )
    .await?;
    let by = if !concejo {
        "presidente".to_string()
    } else if by_alcalde {
        "alcalde".to_string()
    } else {
        let names: Vec<String> = d
            .members
            .iter()
            .filter(|m| p.requesters.contains(&m.member_id))
            .map(|m| m.name.clone())
            .collect();
        format!("a pedido de {}", names.join(", "))
    };
    sqlx::query(
        "UPDATE session SET status = 'convocada', identifier = ?, assignment_id = ?, convened_on = ?, convened_by = ? WHERE id = ?",
    )
    .bind(&assignment.identifier)
    .bind(assignment.id)
    .bind(on.to_string())
    .bind(&by)
    .bind(s.id)
    .execute(&mut *conn)
    .await?;
    for m in &d.members {
        sqlx::query(
            "INSERT INTO convocation (session_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(s.id)
        .bind(m.member_id)
        .execute(&mut *conn)
        .await?;
    }
    detail(conn, ctx, p.id).await
}

/// Params of `session.receipt`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionReceipt {
    /// Session.
    pub session_id: i64,
    /// Member cited.
    pub member_id: i64,
    /// Who received the citation (the member, or a relative at the address).
    pub received_by: String,
    /// When (YYYY-MM-DD HH:MM).
    pub received_at: String,
}

/// `session.receipt`: record the notification receipt of a citation.
pub async fn receipt(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReceipt,
) -> Result<SessionDetail> {
    record_receipt(conn, &p).await?;
    detail(conn, ctx, p.session_id).await
}

/// Check and store a receipt (without reloading the session).
pub(crate) async fn record_receipt(conn: &mut SqliteConnection, p: &SessionReceipt) -> Result<()> {
    if p.received_by.trim().is_empty() {
        return Err(Error::field(
            "received_by",
            "Indique quién recibió la citación.",
        ));
    }
    chrono::NaiveDateTime::parse_from_str(p.received_at.trim(), "%Y-%m-%d %H:%M").map_err(
        |_| {
            Error::field(
                "received_at",
                "Escriba la fecha y hora de recepción como AAAA-MM-DD HH:MM.",
            )
        },
    )?;
    let n = sqlx::query(
        "UPDATE convocation SET received_by = ?, received_at = ? WHERE session_id = ? AND member_id = ?",
    )
    .bind(p.received_by.trim())
    .bind(p.received_at.trim())
    .bind(p.session_id)
    .bind(p.member_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(Error::Conflict(
            "Ese miembro no tiene citación: la sesión no se ha convocado o no integra el concejo."
                .into(),
        ));
    }
    Ok(())
}

/// Params of `session.postpone`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionPostpone {
    /// Session.
    pub id: i64,
    /// New date.
    pub date: String,
    /// Members who ask for the postponement.
    pub requesters: Vec<i64>,
}

/// `session.postpone`: once, 3–5 working days later, without a new citation (art. 15).
pub async fn postpone(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionPostpone,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != "convocada" {
        return Err(state_error(&s, "aplazar"));
    }
    let new_date = parse_date(&p.date, "date")?;
    let original = parse_date(&s.date, "date")?;
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let d = detail(conn, ctx, p.id).await?;
    let found = checks::postponement(
        &cal,
        &rules,
        s.postponed_from.is_some(),
        original,
        new_date,
        p.requesters.len() as i64,
        d.legal,
    );
    if let Some(b) = found.first() {
        let field = if b.code == "aplazamiento_solicitantes" {
            "requesters"
        } else {
            "date"
        };
        return Err(Error::field(field, b.message.clone()));
    }
    sqlx::query("UPDATE session SET date = ?, postponed_from = ? WHERE id = ?")
        .bind(new_date.to_string())
        .bind(original.to_string())
        .bind(s.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// Params of `session.suspend` and `session.cancel`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionReason {
    /// Session.
    pub id: i64,
    /// Why.
    pub reason: String,
}

async fn set_closed(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
    status: &str,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    let allowed = match status {
        "cancelada" => matches!(s.status.as_str(), "borrador" | "convocada"),
        _ => s.status == "en_curso",
    };
    if !allowed {
        return Err(state_error(
            &s,
            if status == "cancelada" {
                "cancelar"
            } else {
                "suspender"
            },
        ));
    }
    if p.reason.trim().is_empty() {
        return Err(Error::field("reason", "Indique el motivo."));
    }
    sqlx::query("UPDATE session SET status = ?, reason = ? WHERE id = ?")
        .bind(status)
        .bind(p.reason.trim())
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// `session.cancel`.
pub async fn cancel(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
) -> Result<SessionDetail> {
    set_closed(conn, ctx, p, "cancelada").await
}

/// `session.suspend`: a session in progress is suspended (e.g. quorum lost).
pub async fn suspend(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionReason,
) -> Result<SessionDetail> {
    set_closed(conn, ctx, p, "suspendida").await
}

/// Params of `session.start` and `session.conclude`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionClock {
    /// Session.
    pub id: i64,
    /// Time (HH:MM).
    pub time: String,
}

/// `session.start`: only with quorum.
pub async fn start(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionClock,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != "convocada" {
        return Err(state_error(&s, "iniciar"));
    }
    let time = check_time(&p.time)?;
    let d = detail(conn, ctx, p.id).await?;
    if !d.has_quorum {
        return Err(Error::Conflict(format!(
            "No hay quórum: están presentes {} y se necesitan {} (número hábil {}).",
            d.present, d.quorum, d.able
        )));
    }
    sqlx::query("UPDATE session SET status = 'en_curso', started_at = ? WHERE id = ?")
        .bind(&time)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// `session.conclude`.
pub async fn conclude(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: SessionClock,
) -> Result<SessionDetail> {
    let s = session(conn, p.id).await?;
    if s.status != "en_curso" {
        return Err(state_error(&s, "concluir"));
    }
    let time = check_time(&p.time)?;
    sqlx::query("UPDATE session SET status = 'concluida', ended_at = ? WHERE id = ?")
        .bind(&time)
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, p.id).await
}

/// Params of `agenda.add` (and the content of `agenda.update`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaInput {
    /// Stage.
    pub stage: String,
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(default)]
    pub summary: String,
    /// Kind (proyecto de ordenanza, proyecto de acuerdo, dictamen, moción, informe, pedido, oficio…).
    pub item_kind: String,
    /// Who filed it.
    #[serde(default)]
    pub filed_by: String,
    /// When it was filed (default today).
    pub filed_on: Option<String>,
    /// Majority needed (default simple).
    pub majority: Option<String>,
    /// Unit that must answer (pedidos).
    pub unit_id: Option<i64>,
    /// For the stage "acta_anterior": the session whose acta is submitted for approval.
    pub minutes_of: Option<i64>,
}

/// Params of `agenda.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaAdd {
    /// Session.
    pub session_id: i64,
    /// The item.
    pub item: AgendaInput,
}

async fn editable_agenda(conn: &mut SqliteConnection, session_id: i64) -> Result<Session> {
    let s = session(conn, session_id).await?;
    if s.kind == "extraordinaria" && s.status != "borrador" {
        return Err(Error::Conflict(
            "La agenda de una sesión extraordinaria no cambia una vez convocada (art. 13): solo se tratan los asuntos anunciados.".into(),
        ));
    }
    if matches!(
        s.status.as_str(),
        "concluida" | "acta_aprobada" | "cancelada"
    ) {
        return Err(state_error(&s, "cambiar su agenda"));
    }
    Ok(s)
}

async fn clean_item(
    conn: &mut SqliteConnection,
    s: &Session,
    i: &AgendaInput,
    today: NaiveDate,
) -> Result<(AgendaInput, bool)> {
    if !STAGES.iter().any(|(k, _)| *k == i.stage) {
        return Err(Error::field(
            "stage",
            "Elija la estación: acta anterior, despacho, informes, pedidos u orden del día.",
        ));
    }
    if i.title.trim().is_empty() {
        return Err(Error::field("title", "Escriba el asunto."));
    }
    if i.item_kind.trim().is_empty() {
        return Err(Error::field(
            "item_kind",
            "Indique el tipo de asunto (dictamen, moción, pedido…).",
        ));
    }
    let majority = Majority::parse(i.majority.as_deref().unwrap_or("simple"))?;
    let filed = match i
        .filed_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => parse_date(d, "filed_on")?,
        None => today,
    };
    let date = parse_date(&s.date, "date")?;
    if filed > date {
        return Err(Error::field(
            "filed_on",
            "El asunto no puede presentarse después de la sesión.",
        ));
    }
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let lead = rules
        .value("agenda.filing_lead_working_days")
        .and_then(|v| v.parse::<i64>().ok());
    let late = lead.is_some_and(|need| checks::lead_working_days(&cal, filed, date) < need);
    if i.stage == "acta_anterior" {
        let Some(of) = i.minutes_of else {
            return Err(Error::field(
                "minutes_of",
                "Elija la sesión cuya acta se somete a aprobación.",
            ));
        };
        let same_body: bool =
            sqlx::query_scalar("SELECT count(*) > 0 FROM session WHERE id = ? AND body_id = ?")
                .bind(of)
                .bind(s.body_id)
                .fetch_one(&mut *conn)
                .await?;
        if !same_body {
            return Err(Error::field(
                "minutes_of",
                format!(
                    "Esa acta es de otro órgano: aquí solo se aprueban actas {}.",
                    bodies::of_body(&s.body_name)
                ),
            ));
        }
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM minutes WHERE session_id = ?")
                .bind(of)
                .fetch_optional(&mut *conn)
                .await?;
        match status.as_deref() {
            Some("borrador") => {}
            Some(_) => return Err(Error::field("minutes_of", "Esa acta ya fue aprobada.")),
            None => {
                return Err(Error::field(
                    "minutes_of",
                    "Esa sesión todavía no tiene borrador de acta.",
                ))
            }
        }
    } else if i.minutes_of.is_some() {
        return Err(Error::field(
            "minutes_of",
            "Solo los asuntos de aprobación del acta anterior se refieren a un acta.",
        ));
    }
    if let Some(u) = i.unit_id {
        let ok: bool = sqlx::query_scalar("SELECT count(*) > 0 FROM org_unit WHERE id = ?")
            .bind(u)
            .fetch_one(&mut *conn)
            .await?;
        if !ok {
            return Err(Error::field("unit_id", "La unidad elegida no existe."));
        }
    } else if i.stage == "pedidos" {
        return Err(Error::field(
            "unit_id",
            "Elija la unidad que debe atender el pedido.",
        ));
    }
    Ok((
        AgendaInput {
            stage: i.stage.clone(),
            title: i.title.trim().to_string(),
            summary: i.summary.trim().to_string(),
            item_kind: i.item_kind.trim().to_string(),
            filed_by: i.filed_by.trim().to_string(),
            filed_on: Some(filed.to_string()),
            majority: Some(
                serde_json::to_value(majority)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "simple".into()),
            ),
            unit_id: i.unit_id,
            minutes_of: i.minutes_of,
        },
        late,
    ))
}

/// `agenda.add`: at the end of its stage; flagged late when filed after the deadline.
pub async fn agenda_add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaAdd,
) -> Result<SessionDetail> {
    let s = editable_agenda(conn, p.session_id).await?;
    let (i, late) = clean_item(conn, &s, &p.item, ctx.today).await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE session_id = ? AND stage = ?",
    )
    .bind(s.id)
    .bind(&i.stage)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO agenda_item (session_id, stage, position, title, summary, item_kind, filed_by, filed_on, late, majority, unit_id, minutes_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(s.id)
    .bind(&i.stage)
    .bind(position)
    .bind(&i.title)
    .bind(&i.summary)
    .bind(&i.item_kind)
    .bind(&i.filed_by)
    .bind(&i.filed_on)
    .bind(late)
    .bind(&i.majority)
    .bind(i.unit_id)
    .bind(i.minutes_of)
    .execute(&mut *conn)
    .await?;
    detail(conn, ctx, s.id).await
}

/// Params of `agenda.move`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaMove {
    /// Item.
    pub id: i64,
    /// New position within its stage, from 1.
    pub position: i64,
}

async fn item(conn: &mut SqliteConnection, id: i64) -> Result<AgendaItem> {
    sqlx::query_as(&format!("{ITEM_SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el asunto {id} de la agenda.")))
}

/// `agenda.move`: reorder within the stage (keyboard and drag use the same call).
pub async fn agenda_move(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaMove,
) -> Result<SessionDetail> {
    let it = item(conn, p.id).await?;
    editable_agenda(conn, it.session_id).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM agenda_item WHERE session_id = ? AND stage = ? ORDER BY position",
    )
    .bind(it.session_id)
    .bind(&it.stage)
    .fetch_all(&mut *conn)
    .await?;
    let target = p.position.clamp(1, ids.len() as i64) as usize - 1;
    let mut order: Vec<i64> = ids.into_iter().filter(|i| *i != p.id).collect();
    order.insert(target, p.id);
    // Two passes so the UNIQUE (session, stage, position) never sees a duplicate.
    for (n, id) in order.iter().enumerate() {
        sqlx::query("UPDATE agenda_item SET position = ? WHERE id = ?")
            .bind(-(n as i64) - 1)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE agenda_item SET position = -position WHERE session_id = ? AND stage = ?")
        .bind(it.session_id)
        .bind(&it.stage)
        .execute(&mut *conn)
        .await?;
    detail(conn, ctx, it.session_id).await
}

/// Params of `agenda.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaId {
    /// Item.
    pub id: i64,
}

/// `agenda.delete`: remove an item not yet voted.
pub async fn agenda_delete(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaId,
) -> Result<SessionDetail> {
    let it = item(conn, p.id).await?;
    editable_agenda(conn, it.session_id).await?;
    if it.decision.is_some() {
        return Err(Error::Conflict(
            "El asunto ya fue votado: no se puede quitar de la agenda.".into(),
        ));
    }
    sqlx::query("DELETE FROM intervention WHERE item_id = ?")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM item_attachment WHERE item_id = ?")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM agenda_item WHERE id = ?")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    let rest: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM agenda_item WHERE session_id = ? AND stage = ? ORDER BY position",
    )
    .bind(it.session_id)
    .bind(&it.stage)
    .fetch_all(&mut *conn)
    .await?;
    for (n, id) in rest.iter().enumerate() {
        sqlx::query("UPDATE agenda_item SET position = ? WHERE id = ?")
            .bind(n as i64 + 1)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    detail(conn, ctx, it.session_id).await
}

/// Params of `attendance.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSet {
    /// Session.
    pub session_id: i64,
    /// Member.
    pub member_id: i64,
    /// `presente`, `ausente`, `justificada` or `licencia`.
    pub status: String,
    /// Arrival (HH:MM).
    pub arrival: Option<String>,
    /// Departure (HH:MM).
    pub departure: Option<String>,
    /// Note (reason of a justified absence).
    #[serde(default)]
    pub note: String,
}

/// `attendance.set`: the quorum in the result is recomputed at once.
pub async fn attendance_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AttendanceSet,
) -> Result<SessionDetail> {
    let s = session(conn, p.session_id).await?;
    if !matches!(s.status.as_str(), "convocada" | "en_curso") {
        return Err(state_error(&s, "tomar asistencia"));
    }
    if !["presente", "ausente", "justificada", "licencia"].contains(&p.status.as_str()) {
        return Err(Error::field(
            "status",
            "La asistencia es presente, ausente, justificada o licencia.",
        ));
    }
    let d = detail(conn, ctx, s.id).await?;
    let Some(m) = d.members.iter().find(|m| m.member_id == p.member_id) else {
        return Err(Error::field(
            "member_id",
            "Ese miembro no integra el concejo en la fecha de la sesión.",
        ));
    };
    if !m.able && p.status == "presente" {
        return Err(Error::field(
            "status",
            format!(
                "{} está con licencia o suspendido en la fecha: no cuenta para el quórum ni vota.",
                m.name
            ),
        ));
    }
    let arrival = p
        .arrival
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(check_time)
        .transpose()?;
    let departure = p
        .departure
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            check_time(t)
                .map_err(|_| Error::field("departure", "Escriba la hora de salida como HH:MM."))
        })
        .transpose()?;
    if let (Some(a), Some(dep)) = (&arrival, &departure) {
        if dep < a {
            return Err(Error::field(
                "departure",
                "La hora de salida es anterior a la de llegada.",
            ));
        }
    }
    if p.status == "justificada" && p.note.trim().is_empty() {
        return Err(Error::field(
            "note",
            "Indique el motivo de la inasistencia justificada.",
        ));
    }
    sqlx::query(
        "INSERT INTO attendance (session_id, member_id, status, arrival, departure, note) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status,
           arrival = excluded.arrival, departure = excluded.departure, note = excluded.note",
    )
    .bind(s.id)
    .bind(p.member_id)
    .bind(&p.status)
    .bind(arrival)
    .bind(departure)
    .bind(p.note.trim())
    .execute(&mut *conn)
    .await?;
    detail(conn, ctx, s.id).await
}

/// One member's vote in `vote.cast`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BallotInput {
    /// Member.
    pub member_id: i64,
    /// `a_favor`, `en_contra`, `abstencion`, `no_vota`.
    pub ballot: Ballot,
}

/// Params of `vote.cast`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VoteCast {
    /// Agenda item.
    pub item_id: i64,
    /// Everyone present votes this way ("todos a favor")…
    pub all: Option<Ballot>,
    /// …except these.
    #[serde(default)]
    pub ballots: Vec<BallotInput>,
    /// The alcalde's casting vote, in a tie.
    pub casting: Option<Ballot>,
}

/// The result of `vote.cast`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VoteResult {
    /// The item after the vote.
    pub item: AgendaItem,
    /// The nominal vote: (member, name, ballot).
    pub ballots: Vec<NominalVote>,
    /// What the law makes of it.
    pub outcome: Outcome,
}

/// One line of a nominal vote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NominalVote {
    /// Member.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// Ballot.
    pub ballot: String,
}

/// `vote.cast`: record a nominal vote and decide it by the item's majority. The alcalde votes
/// only to break a tie (Peru, art. 17) unless the rule set lets him vote on two-thirds matters.
pub async fn cast(conn: &mut SqliteConnection, ctx: &Ctx, p: VoteCast) -> Result<VoteResult> {
    let it = item(conn, p.item_id).await?;
    let s = session(conn, it.session_id).await?;
    if s.status != "en_curso" {
        return Err(state_error(&s, "votar"));
    }
    if it
        .decision
        .as_deref()
        .is_some_and(|d| d == "aprobado" || d == "rechazado")
    {
        return Err(Error::Conflict("El asunto ya fue votado.".into()));
    }
    let majority = Majority::parse(&it.majority)?;
    let rules = rules::load(conn).await?;
    let d = detail(conn, ctx, s.id).await?;
    let body = bodies::body(conn, s.body_id).await?;
    let tie_rule = tie_rule_of(&rules, &body);
    let mayor_votes = mayor_votes(&rules, tie_rule, majority);
    for b in &p.ballots {
        if !d.members.iter().any(|m| m.member_id == b.member_id) {
            return Err(Error::field(
                "ballots",
                format!(
                    "El miembro {} no integra {}.",
                    b.member_id,
                    bodies::the_body(&d.session.body_name)
                ),
            ));
        }
    }
    let mut votes = Vec::new();
    for m in &d.members {
        let voter = m.role != "alcalde" || mayor_votes;
        let ballot = if m.status != "presente" || !voter {
            Ballot::NoVota
        } else {
            p.ballots
                .iter()
                .find(|b| b.member_id == m.member_id)
                .map(|b| b.ballot)
                .or(p.all)
                .ok_or_else(|| Error::field("ballots", format!("Falta el voto de {}.", m.name)))?
        };
        if let Some(b) = p.ballots.iter().find(|b| b.member_id == m.member_id) {
            if b.ballot != Ballot::NoVota && ballot == Ballot::NoVota {
                return Err(Error::field(
                    "ballots",
                    if m.role == "alcalde" {
                        "El alcalde solo tiene voto dirimente en caso de empate.".to_string()
                    } else {
                        format!("{} no está presente: no puede votar.", m.name)
                    },
                ));
            }
        }
        votes.push((m.member_id, ballot));
    }
    let tally = Tally::of(votes.iter().map(|(_, b)| *b));
    let sizes = Sizes {
        legal: d.legal,
        able: d.able,
        present: d.present,
    };
    let chair = format!("el presidente {}", bodies::of_kind(&body.kind));
    let outcome = vote::decide_by(
        majority,
        sizes,
        tally,
        tie_rule,
        it.tie_round as u32,
        p.casting,
        if body.kind == "concejo" {
            "el alcalde"
        } else {
            &chair
        },
    );
    sqlx::query("DELETE FROM vote WHERE item_id = ?")
        .bind(it.id)
        .execute(&mut *conn)
        .await?;
    for (member, ballot) in &votes {
        sqlx::query("INSERT INTO vote (item_id, member_id, ballot) VALUES (?, ?, ?)")
            .bind(it.id)
            .bind(member)
            .bind(
                serde_json::to_value(ballot)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string)),
            )
            .execute(&mut *conn)
            .await?;
    }
    let decision = serde_json::to_value(&outcome.decision)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    let tied = matches!(
        outcome.decision,
        vote::Decision::EmpateRepetir | vote::Decision::EmpateNuevaSesion
    );
    sqlx::query(
        "UPDATE agenda_item SET decision = ?, tie_round = tie_round + ?, casting = ? WHERE id = ?",
    )
    .bind(&decision)
    .bind(tied as i64)
    .bind(if outcome.casting_vote_used {
        p.casting
            .and_then(|c| serde_json::to_value(c).ok())
            .and_then(|v| v.as_str().map(str::to_string))
    } else {
        None
    })
    .bind(it.id)
    .execute(&mut *conn)
    .await?;
    if let (Some(of), vote::Decision::Aprobado) = (it.minutes_of, &outcome.decision) {
        minutes::approve(conn, ctx, of, s.id, &it.debate).await?;
    }
    let ballots = nominal(conn, it.id).await?;
    Ok(VoteResult {
        item: item(conn, it.id).await?,
        ballots,
        outcome,
    })
}

async fn nominal(conn: &mut SqliteConnection, item_id: i64) -> Result<Vec<NominalVote>> {
    Ok(sqlx::query_as(
        "SELECT v.member_id, p.given_names || ' ' || p.surnames AS name, v.ballot
         FROM vote v JOIN agenda_item i ON i.id = v.item_id
         JOIN session_participant sp ON sp.session_id = i.session_id AND sp.member_id = v.member_id
         JOIN person p ON p.id = sp.person_id
         WHERE v.item_id = ? ORDER BY sp.seat, p.surnames",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Params of `vote.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VoteList {
    /// Agenda item.
    pub item_id: i64,
}

/// `vote.list`: the nominal vote of an item.
pub async fn vote_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: VoteList,
) -> Result<Vec<NominalVote>> {
    item(conn, p.item_id).await?;
    nominal(conn, p.item_id).await
}

/// Params of `intervention.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InterventionAdd {
    /// Agenda item.
    pub item_id: i64,
    /// Member who spoke (none: an official or a guest, named in `speaker`).
    pub member_id: Option<i64>,
    /// Speaker's name when not a member.
    pub speaker: Option<String>,
    /// What was said, in short.
    pub text: String,
}

/// An intervention.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Intervention {
    /// Id.
    pub id: i64,
    /// Member.
    pub member_id: Option<i64>,
    /// Speaker.
    pub speaker: String,
    /// Text.
    pub text: String,
}

/// `intervention.add`.
pub async fn intervention_add(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: InterventionAdd,
) -> Result<Vec<Intervention>> {
    let it = item(conn, p.item_id).await?;
    let s = session(conn, it.session_id).await?;
    if s.status != "en_curso" {
        return Err(state_error(&s, "registrar intervenciones"));
    }
    if p.text.trim().is_empty() {
        return Err(Error::field("text", "Resuma la intervención."));
    }
    let speaker = match (
        p.member_id,
        p.speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (Some(m), _) => sqlx::query_scalar::<_, String>(
            "SELECT p.given_names || ' ' || p.surnames FROM agenda_item i
             JOIN session_participant sp ON sp.session_id = i.session_id AND sp.member_id = ?
             JOIN person p ON p.id = sp.person_id WHERE i.id = ?",
        )
        .bind(m)
        .bind(p.item_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::field(
                "member_id",
                "Esa persona no integra el órgano de la sesión.",
            )
        })?,
        (None, Some(s)) => s.to_string(),
        (None, None) => return Err(Error::field("speaker", "Indique quién intervino.")),
    };
    sqlx::query("INSERT INTO intervention (item_id, member_id, speaker, text) VALUES (?, ?, ?, ?)")
        .bind(p.item_id)
        .bind(p.member_id)
        .bind(&speaker)
        .bind(p.text.trim())
        .execute(&mut *conn)
        .await?;
    interventions(conn, p.item_id).await
}

async fn interventions(conn: &mut SqliteConnection, item_id: i64) -> Result<Vec<Intervention>> {
    Ok(sqlx::query_as(
        "SELECT id, member_id, speaker, text FROM intervention WHERE item_id = ? ORDER BY id",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Params of `intervention.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InterventionList {
    /// Agenda item.
    pub item_id: i64,
}

/// `intervention.list`: what was said on an item, in order.
pub async fn intervention_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: InterventionList,
) -> Result<Vec<Intervention>> {
    item(conn, p.item_id).await?;
    interventions(conn, p.item_id).await
}

/// Params of `vote.adopt`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VoteAdopt {
    /// Agenda item approved.
    pub item_id: i64,
    /// The articles of the agreement, one per line ("APROBAR …", "ENCARGAR …").
    pub articles: Vec<String>,
}

/// `vote.adopt`: an approved item becomes a numbered, sealed Acuerdo de Concejo.
pub async fn adopt(conn: &mut SqliteConnection, ctx: &Ctx, p: VoteAdopt) -> Result<norms::Norm> {
    let it = item(conn, p.item_id).await?;
    if it.decision.as_deref() != Some("aprobado") {
        return Err(Error::Conflict(
            "Solo un asunto aprobado se convierte en acuerdo.".into(),
        ));
    }
    if it.agreement_id.is_some() {
        return Err(Error::Conflict("Este asunto ya tiene su acuerdo.".into()));
    }
    let s = session(conn, it.session_id).await?;
    if s.body_kind != "concejo" {
        return Err(Error::Conflict(format!(
            "{} no adopta acuerdos de concejo: {}",
            bodies::capitalize(&bodies::the_body(&s.body_name)),
            if s.body_kind == "comision" {
                "lo aprobado es su dictamen, que pasa al Concejo como asunto de su agenda."
            } else {
                "lo aprobado consta en su acta."
            }
        )));
    }
    let articles: Vec<ArticleInput> = p
        .articles
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(|a| ArticleInput {
            title: None,
            text: a.to_string(),
            items: vec![],
        })
        .collect();
    if articles.is_empty() {
        return Err(Error::field(
            "articles",
            "Escriba al menos un artículo del acuerdo.",
        ));
    }
    let date = parse_date(&s.date, "date")?;
    let votes = Tally::of(nominal(conn, it.id).await?.iter().filter_map(|v| {
        serde_json::from_value::<Ballot>(serde_json::Value::String(v.ballot.clone())).ok()
    }));
    let t = norms::template(
        conn,
        ctx,
        norms::NormTemplateParams {
            series: "acuerdo".into(),
            date: Some(date),
        },
    )
    .await?;
    let how = if votes.en_contra == 0 && votes.abstenciones == 0 {
        "por UNANIMIDAD".to_string()
    } else {
        format!(
            "por MAYORÍA ({} votos a favor, {} en contra y {} abstenciones)",
            votes.a_favor, votes.en_contra, votes.abstenciones
        )
    };
    let identifier = s.identifier.clone().unwrap_or_default();
    let title = it.title.clone();
    let mut vistos = Vec::new();
    if !it.summary.is_empty() {
        vistos.push(it.summary.clone());
    }
    let input = NormInput {
        series: "acuerdo".into(),
        session_kind: Some(s.kind.clone()),
        date,
        title: title.clone(),
        issuer: t.norm.issuer.clone(),
        vistos,
        considerandos: vec![format!(
            "Que, en la {} de fecha {}, el Concejo Municipal trató el asunto «{title}» y lo aprobó {how};",
            titlecase(&identifier),
            crate::spanish::long_date(date, false)
        )],
        preamble: t.norm.preamble.clone().map(|p| p.replace("por …", &how)),
        operative_heading: t.norm.operative_heading.clone(),
        articles,
        closing_formula: t.norm.closing_formula.clone(),
        signatories: t.norm.signatories.clone(),
    };
    let created = norms::create(conn, ctx, input).await?;
    let sealed = norms::seal_norm(conn, ctx, norms::NormId { id: created.id }).await?;
    sqlx::query("UPDATE agenda_item SET agreement_id = ? WHERE id = ?")
        .bind(created.id)
        .bind(it.id)
        .execute(&mut *conn)
        .await?;
    Ok(sealed)
}

fn titlecase(identifier: &str) -> String {
    // "SESIÓN ORDINARIA N° 05-2026" → "Sesión Ordinaria N° 05-2026".
    identifier
        .split(' ')
        .map(|w| {
            if w.chars().all(|c| c.is_uppercase()) && w.chars().count() > 2 {
                let mut cs = w.chars();
                let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
                format!("{first}{}", cs.as_str().to_lowercase())
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `session.stages`: the stages of the order of business with their Spanish names.
pub async fn stages(
    _conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<(String, String)>> {
    Ok(STAGES
        .iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect())
}
