//! Nominal votes: record who voted how and decide by the item's majority (see `vote` for
//! the arithmetic and the tie rules).

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::detail::{mayor_votes, tie_rule_of};
use super::lifecycle::state_error;
use super::store::*;
use super::vote::{self, Ballot, Majority, Outcome, Sizes, Tally};
use super::*;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::rules;

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
    pub ballot: Ballot,
}

/// `vote.cast`: record a nominal vote and decide it by the item's majority. The alcalde votes
/// only to break a tie (Peru, art. 17) unless the rule set lets him vote on two-thirds matters.
pub async fn cast(conn: &mut SqliteConnection, ctx: &Ctx, p: VoteCast) -> Result<VoteResult> {
    let it = item(conn, p.item_id).await?;
    let s = session(conn, it.session_id).await?;
    if s.status != SessionStatus::EnCurso {
        return Err(state_error(&s, "votar"));
    }
    if it
        .decision
        .as_deref()
        .is_some_and(|d| d == "aprobado" || d == "rechazado")
    {
        return Err(Error::Conflict("El asunto ya fue votado.".into()));
    }
    if it.decision.as_deref() == Some("empate_nueva_sesion") {
        // Ley 18.695 art. 86: after the repeated vote ties, the matter is voted again only in
        // a new session held within three days, where the alcalde may break the tie.
        return Err(Error::Conflict(
            "Persistió el empate en la votación repetida: el asunto no se vota otra vez en esta sesión; se lleva a una nueva sesión dentro de los tres días siguientes (art. 86), donde lo decide el voto dirimente si el empate se mantiene.".into(),
        ));
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
    // Who breaks ties, in the words that agree with the person ("la alcaldesa").
    let chair = if body.kind == BodyKind::Concejo {
        let g = d
            .members
            .iter()
            .find(|m| m.role == "alcalde")
            .and_then(|m| m.gender);
        crate::spanish::title("el alcalde", g)
    } else {
        let g = d
            .members
            .iter()
            .find(|m| m.body_role.as_deref() == Some("presidente"))
            .and_then(|m| m.gender);
        crate::spanish::title(&format!("el presidente {}", body.kind.of()), g)
    };
    let chair = chair.as_str();
    if let Some(c) = p.casting {
        if !matches!(c, Ballot::AFavor | Ballot::EnContra) {
            return Err(Error::field(
                "casting",
                "El voto dirimente es a favor o en contra.",
            ));
        }
        let refusal = vote::casting_refusal(majority, tally, tie_rule, it.tie_round as u32, chair);
        if let Some(message) = refusal {
            return Err(Error::field("casting", message));
        }
    }
    let outcome = vote::decide_by(
        majority,
        sizes,
        tally,
        tie_rule,
        it.tie_round as u32,
        p.casting,
        chair,
    );
    sqlx::query("DELETE FROM vote WHERE item_id = $1")
        .bind(it.id)
        .execute(&mut *conn)
        .await?;
    for (member, ballot) in &votes {
        sqlx::query("INSERT INTO vote (item_id, member_id, ballot) VALUES ($1, $2, $3)")
            .bind(it.id)
            .bind(member)
            .bind(ballot)
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
    if tied {
        super::carry::record_round(conn, it.id, it.tie_round + 1, &votes).await?;
    }
    sqlx::query(
        "UPDATE agenda_item SET decision = $1, tie_round = tie_round + $2, casting = $3 WHERE id = $4",
    )
    .bind(&decision)
    .bind(tied as i64)
    .bind(p.casting.filter(|_| outcome.casting_vote_used))
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
