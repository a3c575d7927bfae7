//! The agenda by stages (estaciones) in the order of business: add, reorder, remove.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::lifecycle::state_error;
use super::store::*;
use super::vote::Majority;
use super::*;
use crate::context::{Ctx, Empty};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::{calendar, followup, rules};

/// Params of `agenda.add` (and the content of `agenda.update`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaInput {
    /// Stage: one of [`Stage`]'s codes, read by `clean_item` so that another text is refused
    /// with a message naming the stages.
    #[ts(as = "Stage")]
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
    /// The item of an earlier session whose repeated vote tied (Chile, art. 86): the matter is
    /// voted here, and a tie here is broken by the casting vote.
    #[serde(default)]
    #[ts(optional)]
    pub carried_from: Option<i64>,
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
    if s.kind == SessionKind::Extraordinaria && s.status != SessionStatus::Borrador {
        let cite = crate::rules::load(conn)
            .await?
            .cite("law.extraordinary_agenda");
        return Err(Error::Conflict(format!(
            "La agenda de una sesión extraordinaria no cambia una vez convocada{cite}: solo se tratan los asuntos anunciados."
        )));
    }
    if matches!(
        s.status,
        SessionStatus::Concluida | SessionStatus::ActaAprobada | SessionStatus::Cancelada
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
    // The parts as the rule set names them (Chile: correspondencia… tabla, incidentes).
    let plan = Stage::plan(&rules::load(conn).await?);
    let name_of = |st: Stage| {
        plan.iter()
            .find(|(p, _)| *p == st)
            .map_or_else(|| st.label().to_string(), |(_, n)| n.clone())
    };
    let Some(stage) = Stage::from_code(&i.stage) else {
        let mut names: Vec<String> = plan.iter().map(|(_, n)| n.to_lowercase()).collect();
        let last = names.pop().unwrap_or_default();
        return Err(Error::field(
            "stage",
            format!(
                "Elija la parte de la sesión: {} o {last}.",
                names.join(", ")
            ),
        ));
    };
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
        let sent = i.filed_on.as_deref().is_some_and(|d| !d.trim().is_empty());
        let message = format!(
            "El asunto no puede presentarse ({}) después de la sesión ({}).",
            filed.format("%d/%m/%Y"),
            date.format("%d/%m/%Y")
        );
        // The day of filing is blamed on the field only when the user wrote it.
        return Err(if sent {
            Error::field("filed_on", message)
        } else {
            Error::invalid(format!(
                "{message} Sin «fecha de presentación» se toma la de hoy: indique el día en que se presentó."
            ))
        });
    }
    let rules = rules::load(conn).await?;
    let cal = calendar::load(conn).await?;
    let lead = rules
        .value("agenda.filing_lead_working_days")
        .and_then(|v| v.parse::<i64>().ok());
    let late = lead.is_some_and(|need| checks::lead_working_days(&cal, filed, date) < need);
    if stage == Stage::ActaAnterior {
        let Some(of) = i.minutes_of else {
            return Err(Error::field(
                "minutes_of",
                "Elija la sesión cuya acta se somete a aprobación.",
            ));
        };
        let same_body: bool =
            sqlx::query_scalar("SELECT count(*) > 0 FROM session WHERE id = $1 AND body_id = $2")
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
            sqlx::query_scalar("SELECT status FROM minutes WHERE session_id = $1")
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
        if crate::org::unit_name(conn, u).await?.is_none() {
            return Err(Error::field("unit_id", "La unidad elegida no existe."));
        }
    } else if stage == Stage::Pedidos {
        return Err(Error::field(
            "unit_id",
            match name_of(Stage::Pedidos).as_str() {
                "Pedidos" => "Elija la unidad que debe atender el pedido.".to_string(),
                other => format!("Elija la unidad que debe atender este asunto de «{other}»."),
            },
        ));
    }
    if let Some(from) = i.carried_from {
        carried_matter(conn, s, from).await?;
    }
    Ok((
        AgendaInput {
            stage: stage.as_str().to_string(),
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
            carried_from: i.carried_from,
        },
        late,
    ))
}

/// Check that `from` is a matter whose repeated vote tied in an earlier session of the same
/// body no more than three days before `s` (Ley 18.695 art. 86: "dentro de tercero día").
async fn carried_matter(conn: &mut SqliteConnection, s: &Session, from: i64) -> Result<()> {
    let tied = item(conn, from)
        .await
        .map_err(|_| Error::field("carried_from", format!("No existe el asunto {from}.")))?;
    if tied.decision.as_deref() != Some("empate_nueva_sesion") {
        return Err(Error::field(
            "carried_from",
            "Solo pasa a una nueva sesión un asunto cuyo empate persistió en la votación repetida.",
        ));
    }
    let origin = session(conn, tied.session_id).await?;
    if origin.body_id != s.body_id || origin.id == s.id {
        return Err(Error::field(
            "carried_from",
            format!(
                "El asunto empatado se vota en otra sesión {}.",
                bodies::of_body(&s.body_name)
            ),
        ));
    }
    let tied_on = parse_date(&origin.date, "date")?;
    let date = parse_date(&s.date, "date")?;
    if date <= tied_on || date > super::carry::carry_by(tied_on) {
        return Err(Error::field(
            "carried_from",
            format!(
                "La nueva sesión debe celebrarse dentro de los tres días siguientes al empate del {} (art. 86).",
                tied_on.format("%d/%m/%Y")
            ),
        ));
    }
    if super::carry::carried_to(conn, from).await?.is_some() {
        return Err(Error::field(
            "carried_from",
            "Ese asunto ya está en la agenda de la nueva sesión.",
        ));
    }
    Ok(())
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
        "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE session_id = $1 AND stage = $2",
    )
    .bind(s.id)
    .bind(&i.stage)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agenda_item (session_id, stage, position, title, summary, item_kind, filed_by, filed_on, late, majority, unit_id, minutes_of, tie_round, carried_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
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
    // A matter carried to a new session after the repeated tie (art. 86) counts both tied
    // votes: a tie here is broken by the casting vote.
    .bind(if i.carried_from.is_some() { 2 } else { 0 })
    .bind(i.carried_from)
    .fetch_one(&mut *conn)
    .await?;
    // A pedido routed to a unit goes to the follow-up desk at once, with its term.
    if i.stage == Stage::Pedidos.as_str() {
        if let Some(unit) = i.unit_id {
            let date = parse_date(&s.date, "date")?;
            let kind = match s.kind {
                SessionKind::Ordinaria => "sesión ordinaria",
                SessionKind::Extraordinaria => "sesión extraordinaria",
                SessionKind::Solemne => "sesión solemne",
            };
            // Boxed: the follow-up desk's future is large and this one is already deep (a
            // debug build's test thread has a 2 MiB stack).
            Box::pin(followup::pedido_routed(
                conn,
                ctx,
                id,
                &i.title,
                &i.summary,
                &i.filed_by,
                unit,
                date,
                kind,
            ))
            .await?;
        }
    }
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

/// `agenda.move`: reorder within the stage (keyboard and drag use the same call).
pub async fn agenda_move(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaMove,
) -> Result<SessionDetail> {
    let it = item(conn, p.id).await?;
    editable_agenda(conn, it.session_id).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM agenda_item WHERE session_id = $1 AND stage = $2 ORDER BY position",
    )
    .bind(it.session_id)
    .bind(it.stage)
    .fetch_all(&mut *conn)
    .await?;
    let target = p.position.clamp(1, ids.len() as i64) as usize - 1;
    let mut order: Vec<i64> = ids.into_iter().filter(|i| *i != p.id).collect();
    order.insert(target, p.id);
    // Two passes so the UNIQUE (session, stage, position) never sees a duplicate.
    for (n, id) in order.iter().enumerate() {
        sqlx::query("UPDATE agenda_item SET position = $1 WHERE id = $2")
            .bind(-(n as i64) - 1)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE agenda_item SET position = -position WHERE session_id = $1 AND stage = $2")
        .bind(it.session_id)
        .bind(it.stage)
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
    followup::pedido_removed(conn, p.id).await?;
    sqlx::query("DELETE FROM intervention WHERE item_id = $1")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM item_attachment WHERE item_id = $1")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM agenda_item WHERE id = $1")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    let rest: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM agenda_item WHERE session_id = $1 AND stage = $2 ORDER BY position",
    )
    .bind(it.session_id)
    .bind(it.stage)
    .fetch_all(&mut *conn)
    .await?;
    for (n, id) in rest.iter().enumerate() {
        sqlx::query("UPDATE agenda_item SET position = $1 WHERE id = $2")
            .bind(n as i64 + 1)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    detail(conn, ctx, it.session_id).await
}

/// `session.stages`: the stages of the order of business in the order and with the names of
/// the municipality's rule set (Peru: despacho… orden del día; Chile: correspondencia… tabla).
pub async fn stages(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<(Stage, String)>> {
    Ok(Stage::plan(&crate::rules::load(conn).await?))
}
