//! A tied matter carried to a new session (Ley 18.695 art. 86, the rule `vote.tie_rule =
//! repeat_vote`): the vote is repeated; if the tie persists the matter goes, with its title,
//! documents and the tallies of both tied votes, to a session of the same body within three
//! days, where a tie is broken by the alcalde's casting vote. `agenda.carry` moves it (to a
//! session already scheduled, or to one scheduled in the same request); `notes` tells each
//! session's detail the history of its tied matters and where they can go.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::lifecycle::SessionCreate;
use super::store::*;
use super::vote::Ballot;
use super::voting::NominalVote;
use super::*;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};

/// Params of `agenda.carry`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaCarry {
    /// The matter whose repeated vote tied.
    pub item_id: i64,
    /// The session, already scheduled, that takes it…
    #[serde(default)]
    #[ts(optional)]
    pub session_id: Option<i64>,
    /// …or the session to schedule for it (same body; within three days).
    #[serde(default)]
    #[ts(optional)]
    pub new_session: Option<SessionCreate>,
}

/// A session named for a person: "SESIÓN ORDINARIA N° 12-2026", or "sesión extraordinaria"
/// before it is numbered (its date beside it).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionRef {
    /// Id.
    pub id: i64,
    /// Its name.
    pub label: String,
    /// Date (ISO).
    pub date: String,
    /// Lifecycle state.
    pub status: SessionStatus,
}

/// One tied vote of a matter.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TiedRound {
    /// 1 for the first vote, 2 for the repeated one.
    pub round: i64,
    /// The session where it was taken.
    pub session: SessionRef,
    /// Votes in favour.
    pub a_favor: i64,
    /// Votes against.
    pub en_contra: i64,
    /// Abstentions.
    pub abstenciones: i64,
    /// The nominal vote.
    pub ballots: Vec<NominalVote>,
}

/// The tie history of one agenda item of a session.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TieNote {
    /// The item of this session.
    pub item_id: i64,
    /// Its tied votes, oldest first, wherever they were taken.
    pub rounds: Vec<TiedRound>,
    /// Where the matter came from (an item carried here).
    pub from: Option<SessionRef>,
    /// Where it went (a matter whose repeated vote tied here and was carried).
    pub to: Option<SessionRef>,
    /// The last day of the new session (the third day after the tie), while not carried.
    pub carry_by: Option<String>,
    /// Sessions of the same body, not yet held, within the three days, that can take it.
    pub targets: Vec<SessionRef>,
}

fn label(s: &Session) -> String {
    s.identifier
        .clone()
        .unwrap_or_else(|| format!("sesión {}", s.kind.as_str()))
}

fn reference(s: &Session) -> SessionRef {
    SessionRef {
        id: s.id,
        label: label(s),
        date: s.date.clone(),
        status: s.status,
    }
}

/// The tied rounds recorded for an item.
async fn rounds(conn: &mut SqliteConnection, it: &AgendaItem) -> Result<Vec<TiedRound>> {
    let rows: Vec<(i64, i64, String, Ballot)> = sqlx::query_as(
        "SELECT t.round, t.member_id, p.given_names || ' ' || p.surnames, t.ballot
         FROM tied_ballot t
         JOIN session_participant sp ON sp.session_id = $2 AND sp.member_id = t.member_id
         JOIN person_name p ON p.id = sp.person_id
         WHERE t.item_id = $1 ORDER BY t.round, sp.seat, p.surnames",
    )
    .bind(it.id)
    .bind(it.session_id)
    .fetch_all(&mut *conn)
    .await?;
    let s = reference(&session(conn, it.session_id).await?);
    let mut out: Vec<TiedRound> = Vec::new();
    for (round, member_id, name, ballot) in rows {
        if out.last().is_none_or(|r| r.round != round) {
            out.push(TiedRound {
                round,
                session: s.clone(),
                a_favor: 0,
                en_contra: 0,
                abstenciones: 0,
                ballots: Vec::new(),
            });
        }
        let r = out.last_mut().expect("pushed above");
        match ballot {
            Ballot::AFavor => r.a_favor += 1,
            Ballot::EnContra => r.en_contra += 1,
            Ballot::Abstencion => r.abstenciones += 1,
            Ballot::NoVota => {}
        }
        r.ballots.push(NominalVote {
            member_id,
            name,
            ballot,
        });
    }
    Ok(out)
}

/// Record the ballots of a tied vote as round `round` of the item.
pub(crate) async fn record_round(
    conn: &mut SqliteConnection,
    item_id: i64,
    round: i64,
    votes: &[(i64, Ballot)],
) -> Result<()> {
    sqlx::query("DELETE FROM tied_ballot WHERE item_id = $1 AND round = $2")
        .bind(item_id)
        .bind(round)
        .execute(&mut *conn)
        .await?;
    for (member, ballot) in votes {
        sqlx::query(
            "INSERT INTO tied_ballot (item_id, round, member_id, ballot) VALUES ($1, $2, $3, $4)",
        )
        .bind(item_id)
        .bind(round)
        .bind(member)
        .bind(ballot)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The item that took a tied matter to a new session, if any (a cancelled session gives it
/// back).
pub(super) async fn carried_to(
    conn: &mut SqliteConnection,
    item_id: i64,
) -> Result<Option<Session>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM agenda_item i JOIN session s ON s.id = i.session_id
         WHERE i.carried_from = $1 AND s.status <> 'cancelada' LIMIT 1",
    )
    .bind(item_id)
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some(id) => Ok(Some(session(conn, id).await?)),
        None => Ok(None),
    }
}

/// The last day a new session may take a matter tied on `tied_on` ("dentro de tercero día").
pub(super) fn carry_by(tied_on: NaiveDate) -> NaiveDate {
    tied_on + Duration::days(3)
}

/// The tie history of a session's items: those tied here and those carried here.
pub async fn notes(conn: &mut SqliteConnection, s: &Session) -> Result<Vec<TieNote>> {
    let items: Vec<AgendaItem> = sqlx::query_as(&format!(
        "{ITEM_SELECT} WHERE session_id = $1 AND (carried_from IS NOT NULL
            OR id IN (SELECT item_id FROM tied_ballot)) ORDER BY id"
    ))
    .bind(s.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for it in items {
        let mut all = Vec::new();
        let mut from = None;
        if let Some(origin) = it.carried_from {
            let o = item(conn, origin).await?;
            all.extend(rounds(conn, &o).await?);
            from = Some(reference(&session(conn, o.session_id).await?));
        }
        all.extend(rounds(conn, &it).await?);
        let (mut to, mut by, mut targets) = (None, None, Vec::new());
        if it.decision.as_deref() == Some("empate_nueva_sesion") {
            match carried_to(conn, it.id).await? {
                Some(t) => to = Some(reference(&t)),
                None => {
                    let tied_on = parse_date(&s.date, "date")?;
                    let last = carry_by(tied_on);
                    by = Some(last.to_string());
                    let candidates: Vec<Session> = sqlx::query_as(&format!(
                        "{SELECT} WHERE body_id = $1 AND id <> $2 AND date > $3 AND date <= $4
                         AND (status = 'borrador' OR (status = 'convocada' AND kind <> 'extraordinaria'))
                         ORDER BY date, time, id LIMIT 20"
                    ))
                    .bind(s.body_id)
                    .bind(s.id)
                    .bind(tied_on.to_string())
                    .bind(last.to_string())
                    .fetch_all(&mut *conn)
                    .await?;
                    targets = candidates.iter().map(reference).collect();
                }
            }
        }
        out.push(TieNote {
            item_id: it.id,
            rounds: all,
            from,
            to,
            carry_by: by,
            targets,
        });
    }
    Ok(out)
}

/// `agenda.carry`: the matter whose repeated vote tied goes, with its documents and history, to
/// the orden del día of a session of the same body within three days (scheduled here when
/// `new_session` is given). A tie there is broken by the casting vote.
pub async fn carry(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaCarry,
) -> Result<SessionDetail> {
    let it = item(conn, p.item_id).await?;
    if it.decision.as_deref() != Some("empate_nueva_sesion") {
        return Err(Error::field(
            "item_id",
            "Solo pasa a una nueva sesión un asunto cuyo empate persistió en la votación repetida.",
        ));
    }
    let origin = session(conn, it.session_id).await?;
    let target = match (p.session_id, p.new_session) {
        (Some(id), None) => session(conn, id)
            .await
            .map_err(|_| Error::field("session_id", format!("No existe la sesión {id}.")))?,
        (None, Some(mut new)) => {
            let tied_on = parse_date(&origin.date, "date")?;
            if new.date <= tied_on || new.date > carry_by(tied_on) {
                return Err(Error::field(
                    "date",
                    format!(
                        "La nueva sesión debe celebrarse entre el {} y el {}: dentro de los tres días siguientes al empate del {}.",
                        (tied_on + Duration::days(1)).format("%d/%m/%Y"),
                        carry_by(tied_on).format("%d/%m/%Y"),
                        tied_on.format("%d/%m/%Y")
                    ),
                ));
            }
            new.body_id = Some(origin.body_id);
            let created = Box::pin(super::lifecycle::create(conn, ctx, new)).await?;
            created.session
        }
        (Some(_), Some(_)) => {
            return Err(Error::field(
                "session_id",
                "Elija una sesión ya programada o programe una nueva, no ambas.",
            ))
        }
        (None, None) => {
            return Err(Error::field(
                "session_id",
                "Elija la sesión que tratará el asunto o programe una nueva.",
            ))
        }
    };
    let input = AgendaInput {
        stage: it.stage.as_str().to_string(),
        title: it.title.clone(),
        summary: it.summary.clone(),
        item_kind: it.item_kind.clone(),
        filed_by: it.filed_by.clone(),
        filed_on: Some(it.filed_on.clone()),
        majority: Some(it.majority.clone()),
        unit_id: it.unit_id,
        minutes_of: None,
        carried_from: Some(it.id),
    };
    let detail = Box::pin(super::agenda::agenda_add(
        conn,
        ctx,
        AgendaAdd {
            session_id: target.id,
            item: input,
        },
    ))
    .await?;
    let new_item = detail
        .agenda
        .iter()
        .find(|i| i.carried_from == Some(it.id))
        .map(|i| i.id)
        .ok_or_else(|| Error::Conflict("El asunto no llegó a la nueva sesión.".into()))?;
    sqlx::query(
        "INSERT INTO item_attachment (item_id, file_sha256, name)
         SELECT $1, file_sha256, name FROM item_attachment WHERE item_id = $2",
    )
    .bind(new_item)
    .bind(it.id)
    .execute(&mut *conn)
    .await?;
    Box::pin(super::detail::detail(conn, ctx, target.id)).await
}
