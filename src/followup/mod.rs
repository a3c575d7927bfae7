//! The follow-up desk (docs/adr/0014-followup.md): one engine for everything a unit must do by
//! a date. An *item* (`encargo`) has a source (an acuerdo or ordenanza of the registry, a
//! regidor's pedido, a request for access to public information, a citizen's complaint, a
//! Contraloría requirement, an instruction), a responsible unit, a due date computed from the
//! country's rule where one applies, a status (states are data: `followup_status`), progress,
//! dated milestones with notes and attachments, and the plan objective it serves.
//!
//! This module knows no area: the areas that feed it (sessions' pedidos, the registry's
//! acuerdos) call it, and it reads only the views the owners publish (`unit_label`,
//! `norm_label`, `plan_element_label`). The unit scope of a Jefe de unidad is applied here,
//! on every item the request names, not only on the `unit_id` of its params.

pub mod access;
pub mod complaints;
pub mod deadline;
pub mod demo;
pub mod items;
pub mod letters;
mod output;
pub mod register;
pub mod reports;
mod store;
mod summary;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::auth;
use crate::context::Ctx;
use crate::error::{Error, Result};

pub use access::*;
pub use complaints::ComplaintCreate;
pub use deadline::{Deadline, SkippedDay};
pub use items::*;
pub use output::OutputFormat;
pub use register::RegisterExport;
pub use reports::{FollowupReport, FollowupReportKind};
pub use store::{open_counts, Complaint, InfoRequest, Milestone, OpenCounts, View};
pub use summary::{month_summary, MonthSummary, OverdueLine, UnitLine};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum ItemKind {
    /// `encargo`: a task given to a unit (acuerdo, ordenanza, pedido, Contraloría, instruction).
    Encargo,
    /// `solicitud`: a request for access to public information.
    Solicitud,
    /// `reclamo`: a citizen's complaint, grievance or query.
    Reclamo,
}

impl ItemKind {
    /// Name of the register («Solicitud»), before its number.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Encargo => "Encargo",
            ItemKind::Solicitud => "Solicitud",
            ItemKind::Reclamo => "Expediente",
        }
    }
}

/// Where an item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Source {
    /// An Acuerdo de Concejo of the registry.
    Acuerdo,
    /// An ordenanza of the registry.
    Ordenanza,
    /// Another norm of the registry (decreto, resolución).
    Norma,
    /// A regidor's pedido routed to a unit in a session.
    Pedido,
    /// A request for access to public information.
    Solicitud,
    /// A citizen's complaint, grievance or query.
    Reclamo,
    /// A requirement of the Contraloría.
    Contraloria,
    /// An instruction of the alcalde.
    Alcaldia,
    /// An instruction of the Gerencia (Administración) Municipal.
    Gerencia,
    /// Anything else, described in `source_ref`.
    Otro,
}

impl Source {
    /// What a person reads.
    pub fn label(self, chile: bool) -> &'static str {
        match (self, chile) {
            (Source::Acuerdo, _) => "Acuerdo de Concejo",
            (Source::Ordenanza, _) => "Ordenanza",
            (Source::Norma, _) => "Norma municipal",
            (Source::Pedido, false) => "Pedido de regidor",
            (Source::Pedido, true) => "Solicitud de concejal",
            (Source::Solicitud, _) => "Acceso a la información",
            (Source::Reclamo, _) => "Reclamo ciudadano",
            (Source::Contraloria, _) => "Requerimiento de Contraloría",
            (Source::Alcaldia, false) => "Disposición de Alcaldía",
            (Source::Alcaldia, true) => "Instrucción del Alcalde",
            (Source::Gerencia, false) => "Disposición de Gerencia Municipal",
            (Source::Gerencia, true) => "Instrucción de la Administración Municipal",
            (Source::Otro, _) => "Otro",
        }
    }

    /// Sources that come from a norm of the registry.
    pub fn needs_norm(self) -> bool {
        matches!(self, Source::Acuerdo | Source::Ordenanza | Source::Norma)
    }
}

/// A state an item can be in (`followup_status`), as data.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct StatusRow {
    /// Code (`pendiente`).
    pub code: String,
    /// Label («Pendiente»).
    pub label: String,
    /// Whether an item in it is still open.
    pub open: bool,
    /// Computed, never chosen (`vencido`: open with its due date passed).
    pub derived: bool,
    /// What it means.
    pub note: String,
}

/// `followup.statuses`: the states, in order.
pub async fn statuses(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: crate::context::Empty,
) -> Result<Vec<StatusRow>> {
    store::statuses(conn).await
}

/// The unit the actor is limited to for `method` (a unit-only grant), if any.
pub(crate) async fn scope(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
) -> Result<Option<i64>> {
    auth::unit_scope(conn, &ctx.actor, method).await
}

/// Refuse an item outside the actor's unit when `method` is granted for their unit only.
pub(crate) async fn check_scope(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    unit_id: i64,
) -> Result<()> {
    if let Some(own) = scope(conn, ctx, method).await? {
        if own != unit_id {
            return Err(Error::Forbidden(
                "Ese registro es de otra unidad: su permiso se limita a su propia unidad.".into(),
            ));
        }
    }
    Ok(())
}

/// Whether the municipality is Chilean.
pub(crate) async fn chile(conn: &mut SqliteConnection) -> Result<bool> {
    Ok(crate::municipality::country(conn).await? == "CL")
}
