//! Council sessions: the body that meets, the session's lifecycle (borrador → convocada →
//! en curso → concluida → acta aprobada; postponed once, suspended, cancelled), its agenda by
//! stages, the citation of each member with its receipt, attendance with the live quorum,
//! nominal votes decided by the item's majority, interventions, and the Acuerdo de Concejo an
//! adopted item becomes. The law's numbers come from the rule set (see `checks`, `vote`).
//!
//! The rooms: `lifecycle` (create, convene, receipt, postpone, cancel, suspend, start,
//! conclude), `detail` (what the clerk sees, with the current checks), `agenda`,
//! `attendance`, `voting` (nominal votes; the arithmetic is in `vote`), `interventions`,
//! `agreements` (an approved item becomes an Acuerdo de Concejo), `store` (the lookups the
//! rooms share), `values` (the closed sets: kinds, states, stages). This file holds the shared types and re-exports the API's functions.

pub mod agenda;
pub mod agreements;
pub mod attachments;
pub mod attendance;
pub mod bodies;
pub mod carry;
pub mod checks;
pub(crate) mod demo;
pub mod detail;
pub mod home;
pub mod interventions;
pub mod lifecycle;
pub mod minutes;
pub mod print;
pub mod printable;
pub mod reports;
mod store;
pub mod values;
pub mod vote;
pub mod voting;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use checks::Check;

pub use agenda::{
    agenda_add, agenda_delete, agenda_move, stages, AgendaAdd, AgendaId, AgendaInput, AgendaMove,
};
pub use agreements::{adopt, VoteAdopt};
pub use attendance::{attendance_set, AttendanceSet};
pub use carry::{carry, AgendaCarry};
pub use detail::{detail, get};
pub use interventions::{
    intervention_add, intervention_list, Intervention, InterventionAdd, InterventionList,
    InterventionPage,
};
pub(crate) use lifecycle::record_receipt;
pub use lifecycle::{
    cancel, concejo, conclude, convene, create, list, postpone, receipt, start, suspend,
    SessionClock, SessionConvene, SessionCreate, SessionList, SessionPage, SessionPostpone,
    SessionReason, SessionReceipt,
};
pub(crate) use store::{item, nominal, session};
pub use voting::{cast, vote_list, BallotInput, NominalVote, VoteCast, VoteList, VoteResult};

pub use values::{agenda_name, BodyKind, SessionKind, SessionStatus, Stage};

/// Session kinds.
pub const KINDS: [SessionKind; 3] = [
    SessionKind::Ordinaria,
    SessionKind::Extraordinaria,
    SessionKind::Solemne,
];

/// A collegiate body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Body {
    /// Id.
    pub id: i64,
    /// "Concejo Municipal", "Comisión de Desarrollo Económico".
    pub name: String,
    /// Concejo, comisión or comité.
    pub kind: BodyKind,
    /// Council term.
    pub term_id: i64,
}

/// A session as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Session {
    /// Id.
    pub id: i64,
    /// Body.
    pub body_id: i64,
    /// Ordinaria, extraordinaria or solemne.
    pub kind: SessionKind,
    /// "SESIÓN ORDINARIA N° 05-2026", once started (sessions are numbered when they start).
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
    pub status: SessionStatus,
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
    /// Kind of the body that meets.
    pub body_kind: BodyKind,
}

/// An agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct AgendaItem {
    /// Id.
    pub id: i64,
    /// Session.
    pub session_id: i64,
    /// Stage.
    pub stage: Stage,
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
    pub casting: Option<vote::Ballot>,
    /// The Acuerdo de Concejo it became.
    pub agreement_id: Option<i64>,
    /// For "aprobación del acta anterior": the session whose acta it approves.
    pub minutes_of: Option<i64>,
    /// The item of an earlier session whose repeated vote tied, when the matter was carried
    /// here (Chile, art. 86).
    pub carried_from: Option<i64>,
}

/// A member's attendance.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Attendance {
    /// Council member.
    pub member_id: i64,
    /// Name.
    pub name: String,
    /// `alcalde`, `regidor`, or `funcionario` (a comité's official).
    pub role: String,
    /// The person's gender (null: not said): the titles printed for the member agree with it.
    pub gender: Option<crate::spanish::Gender>,
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
    /// Identifier the session would get if it started now (it is numbered when it starts).
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
    /// Of them, those who count toward the quorum: all but the alcalde where the rule set
    /// leaves him out of its base (`quorum.alcalde_counts = no`, Chile's default).
    pub quorum_present: i64,
    /// Whether there is quorum now.
    pub has_quorum: bool,
    /// Legal checks (warnings and blocks).
    pub checks: Vec<Check>,
    /// Files attached to the agenda's items.
    pub attachments: Vec<attachments::Attachment>,
    /// How the votes of this session are counted.
    pub voting: Voting,
    /// The tie history of the matters tied here or carried here (Chile, art. 86).
    pub ties: Vec<carry::TieNote>,
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

/// Params naming a session.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionId {
    /// Id.
    pub id: i64,
}
