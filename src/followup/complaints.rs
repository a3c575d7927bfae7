//! Citizens' complaints (reclamos), grievances about a public servant (quejas) and queries
//! (consultas): registered with the citizen's data, routed to a unit with the term of the rule
//! `complaint.days`, answered and closed through `followup.progress` with the answer recorded.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::access::filed_at;
use super::deadline::day_label;
use super::items::{by, detail, FollowupDetail};
use super::store::{self, Complaint};
use super::{ItemKind, Source};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};

/// Params of `complaint.register`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ComplaintCreate {
    /// `reclamo`, `queja` or `consulta`.
    pub complaint_type: String,
    /// `presencial`, `correo`, `portal`, `telefono` or `carta`.
    pub channel: String,
    /// When it was filed (AAAA-MM-DDTHH:MM; default now).
    #[serde(default)]
    #[ts(optional)]
    pub filed_at: Option<String>,
    /// Who files it.
    pub citizen: String,
    /// Their identity document.
    #[serde(default)]
    pub citizen_doc: String,
    /// How to reach them (telephone, e-mail, address).
    #[serde(default)]
    pub contact: String,
    /// What it is about.
    pub subject: String,
    /// The facts.
    #[serde(default)]
    pub detail: String,
    /// The unit that must attend it.
    pub unit_id: i64,
}

const TYPES: &[&str] = &["reclamo", "queja", "consulta"];
const CHANNELS: &[&str] = &["presencial", "correo", "portal", "telefono", "carta"];

/// `complaint.register`: register a complaint, grievance or query with its due date.
pub async fn register(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: ComplaintCreate,
) -> Result<FollowupDetail> {
    let t = p.complaint_type.trim();
    if !TYPES.contains(&t) {
        return Err(Error::field(
            "complaint_type",
            "Elija si es un reclamo, una queja o una consulta.",
        ));
    }
    let channel = p.channel.trim();
    if !CHANNELS.contains(&channel) {
        return Err(Error::field(
            "channel",
            "Elija cómo llegó: presencial, correo electrónico, portal, teléfono o carta.",
        ));
    }
    let citizen = p.citizen.trim();
    if citizen.is_empty() {
        return Err(Error::field("citizen", "Escriba el nombre del ciudadano."));
    }
    if p.contact.trim().is_empty() {
        return Err(Error::field(
            "contact",
            "Indique cómo responderle: teléfono, correo o domicilio.",
        ));
    }
    let subject = p.subject.trim();
    if subject.is_empty() {
        return Err(Error::field("subject", "Escriba de qué se trata."));
    }
    if crate::org::unit_name(conn, p.unit_id).await?.is_none() {
        return Err(Error::field(
            "unit_id",
            "Elija la unidad que debe atenderlo.",
        ));
    }
    let at = filed_at(&p.filed_at, "filed_at", ctx)?;
    if at.date() > ctx.today {
        return Err(Error::field(
            "filed_at",
            "La fecha de presentación no puede ser futura.",
        ));
    }
    let term = super::access::deadline_preview(
        conn,
        ctx,
        super::access::DeadlinePreview {
            kind: ItemKind::Reclamo,
            filed_at: Some(at.format("%Y-%m-%dT%H:%M").to_string()),
        },
    )
    .await?;
    let received = parse_date(&term.received_on, "filed_at")?;
    let due = parse_date(&term.due_on, "filed_at")?;
    let by = by(ctx);
    let now = ctx.stamp();
    let id = store::insert(
        conn,
        store::NewItem {
            kind: ItemKind::Reclamo,
            source: Source::Reclamo,
            norm_id: None,
            agenda_item_id: None,
            source_ref: "",
            subject,
            detail: p.detail.trim(),
            unit_id: p.unit_id,
            received_on: received,
            due_on: Some(due),
            due_basis: serde_json::to_string(&term).unwrap_or_else(|_| "[]".into()),
            objective_id: None,
            action_id: None,
            created_by: &by,
            now: &now,
        },
    )
    .await?;
    store::insert_complaint(
        conn,
        id,
        &Complaint {
            complaint_type: t.into(),
            channel: channel.into(),
            citizen: citizen.into(),
            citizen_doc: p.citizen_doc.trim().into(),
            contact: p.contact.trim().into(),
        },
    )
    .await?;
    store::add_milestone(
        conn,
        store::NewMilestone {
            item_id: id,
            on_date: at.date(),
            kind: "registro",
            note: &format!("{} Vence el {}.", term.steps[0], day_label(due)),
            progress: None,
            status: Some("pendiente"),
            file: None,
            by: &by,
            now: &now,
        },
    )
    .await?;
    detail(conn, ctx, id).await
}
