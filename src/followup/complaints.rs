//! Citizens' complaints (reclamos), grievances about a public servant (quejas) and queries
//! (consultas): registered with the citizen's data, routed to a unit with the term of the rule
//! `complaint.days`, answered and closed through `followup.progress` with the answer recorded.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::items::{detail, FollowupDetail};
use super::store::{self, Complaint};
use super::ItemKind;
use crate::context::Ctx;
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
    let (id, _, _) = super::access::file(
        conn,
        ctx,
        ItemKind::Reclamo,
        &p.filed_at,
        subject,
        p.detail.trim(),
        p.unit_id,
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
    detail(conn, ctx, id).await
}
