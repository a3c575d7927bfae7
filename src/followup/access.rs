//! Requests for access to public information (Peru: TUO Ley 27806 and D.S. 007-2024-JUS;
//! Chile: Ley 20.285): registered at the counter or by e-mail, with the legal term counted in
//! working days from the day the request counts as received, one extension, the correction of
//! a defective request (which stops the clock and restarts it), and the answer: delivery,
//! partial delivery, denial with its legal ground, withdrawal. Every term is rule-set data.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::deadline::{self, day_label, Deadline, Extension};
use super::items::{by, day_or_today, detail, open_item, record, rule_days, FollowupDetail};
use super::store::{self, InfoRequest};
use super::{ItemKind, Source};
use crate::calendar;
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::rules;

/// The country's rules of access to information, read from the rule set.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AccessRules {
    /// Working days to answer.
    pub days: i64,
    /// When the office closes («16:30»), if set.
    pub closing_time: Option<String>,
    /// `fecha` (Peru: a delivery date is communicated) or `dias` (Chile: further working days).
    pub extension_mode: String,
    /// Further working days of an extension (mode `dias`).
    pub extension_days: Option<i64>,
    /// Working days from receipt to communicate an extension (none: until the due date).
    pub extension_notice_days: Option<i64>,
    /// Working days the requester has to correct a defective request.
    pub correction_days: i64,
    /// The law cited in letters.
    pub law: String,
    /// The legal grounds of a denial.
    pub denial_grounds: Vec<String>,
    /// What the requester can do after a denial.
    pub appeal: String,
}

/// The rules of access to information of the municipality's country.
pub async fn access_rules(conn: &mut SqliteConnection) -> Result<AccessRules> {
    let r = rules::load(conn).await?;
    let text = |k: &str| {
        r.value(k)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let num = |k: &str| text(k).and_then(|v| v.parse::<i64>().ok());
    Ok(AccessRules {
        days: num("access.days").unwrap_or(10),
        closing_time: text("office.closing_time"),
        extension_mode: text("access.extension_mode").unwrap_or_else(|| "fecha".into()),
        extension_days: num("access.extension_days"),
        extension_notice_days: num("access.extension_notice_days"),
        correction_days: num("access.correction_days").unwrap_or(2),
        law: text("access.law").unwrap_or_default(),
        denial_grounds: text("access.denial_grounds")
            .map(|v| {
                v.split('|')
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        appeal: text("access.appeal").unwrap_or_default(),
    })
}

/// `access.rules`: the rules the screens show beside the form.
pub async fn rules_get(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: crate::context::Empty,
) -> Result<AccessRules> {
    access_rules(conn).await
}

/// The closing time of the office, checked.
pub(crate) fn closing(rules: &AccessRules) -> Result<Option<NaiveTime>> {
    match &rules.closing_time {
        None => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| {
                Error::invalid(format!(
                "La hora de cierre «{t}» de Configuración → Reglas legales no es una hora (HH:MM)."
            ))
            }),
    }
}

/// A filing's date and time as typed («2026-07-24T17:10», «2026-07-24 17:10»), or now.
pub(crate) fn filed_at(s: &Option<String>, field: &str, ctx: &Ctx) -> Result<NaiveDateTime> {
    match s.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(ctx.now.naive_local()),
        Some(t) => {
            for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
                if let Ok(v) = NaiveDateTime::parse_from_str(t, f) {
                    return Ok(v);
                }
            }
            // A date alone is a filing in office hours.
            let d = parse_date(t, field)?;
            Ok(d.and_hms_opt(9, 0, 0).expect("09:00 exists"))
        }
    }
}

/// Params of `access.deadline`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlinePreview {
    /// What is filed: `solicitud` or `reclamo`.
    pub kind: ItemKind,
    /// When (AAAA-MM-DDTHH:MM; default now).
    #[serde(default)]
    #[ts(optional)]
    pub filed_at: Option<String>,
}

/// `access.deadline`: the due date a filing at that moment would get, with its account — the
/// form shows it before saving.
pub async fn deadline_preview(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: DeadlinePreview,
) -> Result<Deadline> {
    let at = filed_at(&p.filed_at, "filed_at", ctx)?;
    term_of(conn, p.kind, at).await
}

async fn term_of(
    conn: &mut SqliteConnection,
    kind: ItemKind,
    at: NaiveDateTime,
) -> Result<Deadline> {
    let rules = access_rules(conn).await?;
    let close = closing(&rules)?;
    let days = match kind {
        ItemKind::Solicitud => rules.days,
        ItemKind::Reclamo => rule_days(conn, "complaint.days").await?.unwrap_or(15),
        ItemKind::Encargo => {
            return Err(Error::field(
                "kind",
                "El plazo de un encargo se fija al registrarlo.",
            ))
        }
    };
    let cal = calendar::load(conn).await?;
    deadline::term(&cal, at, close, days)
}

/// A filing at the counter (a request or a complaint): its moment checked, the term of its
/// kind counted from it, the item inserted with its registration in the history. Returns the
/// item, the moment filed and the due date.
pub(crate) async fn file(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: ItemKind,
    filed: &Option<String>,
    subject: &str,
    detail_text: &str,
    unit_id: i64,
) -> Result<(i64, NaiveDateTime, NaiveDate)> {
    let at = filed_at(filed, "filed_at", ctx)?;
    if at.date() > ctx.today {
        return Err(Error::field(
            "filed_at",
            "La fecha de presentación no puede ser futura.",
        ));
    }
    let term = term_of(conn, kind, at).await?;
    let received = parse_date(&term.received_on, "filed_at")?;
    let due = parse_date(&term.due_on, "filed_at")?;
    let by = by(ctx);
    let now = ctx.stamp();
    let id = store::insert(
        conn,
        store::NewItem {
            kind,
            source: if kind == ItemKind::Solicitud {
                Source::Solicitud
            } else {
                Source::Reclamo
            },
            norm_id: None,
            agenda_item_id: None,
            source_ref: "",
            subject,
            detail: detail_text,
            unit_id,
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
    record(
        conn,
        ctx,
        id,
        at.date(),
        "registro",
        &format!("{} Vence el {}.", term.steps[0], day_label(due)),
        Some("pendiente"),
    )
    .await?;
    Ok((id, at, due))
}

/// Params of `access.register`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RequestCreate {
    /// When it was filed (AAAA-MM-DDTHH:MM; default now).
    #[serde(default)]
    #[ts(optional)]
    pub filed_at: Option<String>,
    /// `presencial` (at the counter), `correo` (e-mail), `portal` or `carta`.
    pub channel: String,
    /// Who asks (name, or the organisation's).
    pub requester: String,
    /// Identity document.
    #[serde(default)]
    pub requester_doc: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
    /// The information requested.
    pub subject: String,
    /// More detail.
    #[serde(default)]
    pub detail: String,
    /// How it is to be delivered.
    #[serde(default)]
    pub delivery: String,
    /// The unit that holds the information.
    pub unit_id: i64,
}

const CHANNELS: &[&str] = &["presencial", "correo", "portal", "carta"];

/// `access.register`: register a request with its legal due date.
pub async fn register(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: RequestCreate,
) -> Result<FollowupDetail> {
    let channel = p.channel.trim();
    if !CHANNELS.contains(&channel) {
        return Err(Error::field(
            "channel",
            "Elija cómo llegó: presencial (mesa de partes), correo electrónico, portal o carta.",
        ));
    }
    let requester = p.requester.trim();
    if requester.is_empty() {
        return Err(Error::field(
            "requester",
            "Escriba el nombre del solicitante.",
        ));
    }
    let subject = p.subject.trim();
    if subject.is_empty() {
        return Err(Error::field(
            "subject",
            "Escriba la información que se solicita.",
        ));
    }
    let email = p.email.trim();
    let looks_like_mail = email.contains('@') && email.contains('.') && !email.contains(' ');
    if !email.is_empty() && !looks_like_mail {
        return Err(Error::field(
            "email",
            format!("«{email}» no es un correo electrónico válido."),
        ));
    }
    if channel == "correo" && email.is_empty() {
        return Err(Error::field(
            "email",
            "Una solicitud por correo necesita el correo del solicitante para responderle.",
        ));
    }
    if email.is_empty() && p.address.trim().is_empty() {
        return Err(Error::field(
            "address",
            "Indique un domicilio o un correo electrónico para responder.",
        ));
    }
    if crate::org::unit_name(conn, p.unit_id).await?.is_none() {
        return Err(Error::field(
            "unit_id",
            "Elija la unidad que posee la información.",
        ));
    }
    let (id, at, due) = file(
        conn,
        ctx,
        ItemKind::Solicitud,
        &p.filed_at,
        subject,
        p.detail.trim(),
        p.unit_id,
    )
    .await?;
    store::insert_request(
        conn,
        id,
        &InfoRequest {
            filed_at: at.format("%Y-%m-%dT%H:%M").to_string(),
            channel: channel.into(),
            requester: requester.into(),
            requester_doc: p.requester_doc.trim().into(),
            address: p.address.trim().into(),
            email: email.into(),
            phone: p.phone.trim().into(),
            delivery: p.delivery.trim().into(),
            state: "en_tramite".into(),
            legal_due_on: Some(due.to_string()),
            correction_asked_on: None,
            correction_due_on: None,
            correction_note: String::new(),
            corrected_on: None,
            extended_on: None,
            extension_reason: String::new(),
            answered_on: None,
            denial_ground: String::new(),
            cost_cents: 0,
            days_taken: None,
        },
    )
    .await?;
    detail(conn, ctx, id).await
}

/// An open request of `id`, within the actor's unit for `method`.
async fn open_request(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    id: i64,
) -> Result<(store::ItemRecord, InfoRequest)> {
    let r = open_item(conn, ctx, method, id).await?;
    let Some(q) = store::request(conn, id).await? else {
        return Err(Error::field(
            "id",
            format!(
                "{} no es una solicitud de acceso a la información.",
                super::items::number(r.kind, r.seq, r.year)
            ),
        ));
    };
    Ok((r, q))
}

fn state_error(q: &InfoRequest, doing: &str) -> Error {
    let state = match q.state.as_str() {
        "en_subsanacion" => "está en subsanación (el plazo está detenido)",
        "prorrogada" => "ya fue prorrogada",
        _ => "está en trámite",
    };
    Error::Conflict(format!("No se puede {doing}: la solicitud {state}."))
}

/// Params of `access.correction`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CorrectionAsk {
    /// The request.
    pub id: i64,
    /// Day the requester was notified (default today).
    #[serde(default)]
    #[ts(optional)]
    pub on_date: Option<String>,
    /// What must be corrected.
    pub note: String,
}

/// `access.correction`: the request is defective; the requester is asked to correct it within
/// the rule's working days and the clock stops until they do.
pub async fn correction(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CorrectionAsk,
) -> Result<FollowupDetail> {
    let (r, mut q) = open_request(conn, ctx, "access.correction", p.id).await?;
    if q.state != "en_tramite" || q.corrected_on.is_some() {
        return Err(if q.corrected_on.is_some() {
            Error::Conflict(
                "La solicitud ya fue subsanada una vez: no se pide otra subsanación.".into(),
            )
        } else {
            state_error(&q, "pedir la subsanación")
        });
    }
    let note = p.note.trim();
    if note.is_empty() {
        return Err(Error::field(
            "note",
            "Indique qué debe subsanar el solicitante.",
        ));
    }
    let on = day_or_today(&p.on_date, "on_date", ctx.today)?;
    let filed = store::filed_on(conn, &r).await?;
    if on < filed || on > ctx.today {
        return Err(Error::field(
            "on_date",
            format!(
                "La fecha debe estar entre la presentación ({}) y hoy.",
                day_label(filed)
            ),
        ));
    }
    let rules = access_rules(conn).await?;
    let cal = calendar::load(conn).await?;
    let until = cal.add_working_days(on, rules.correction_days);
    q.state = "en_subsanacion".into();
    q.correction_asked_on = Some(on.to_string());
    q.correction_due_on = Some(until.to_string());
    q.correction_note = note.into();
    store::save_request(conn, r.id, &q).await?;
    let mut d: Deadline =
        serde_json::from_str(&r.due_basis).unwrap_or_else(|_| empty(&r.received_on));
    d.steps.push(format!(
        "Subsanación pedida el {}: el plazo se detiene; el solicitante tiene {} para subsanar (hasta el {}).",
        day_label(on),
        crate::spanish::count(rules.correction_days as u32, "día hábil", "días hábiles"),
        day_label(until)
    ));
    let now = ctx.stamp();
    store::set_due(
        conn,
        r.id,
        None,
        &serde_json::to_string(&d).unwrap_or_default(),
        &now,
    )
    .await?;
    record(
        conn,
        ctx,
        r.id,
        on,
        "subsanacion",
        &format!(
            "Se pidió subsanar: {note}. Plazo del solicitante: {}.",
            day_label(until)
        ),
        None,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

fn empty(received: &str) -> Deadline {
    Deadline {
        received_on: received.into(),
        days: 0,
        first_day: received.into(),
        due_on: String::new(),
        skipped: vec![],
        steps: vec![],
    }
}

/// Params of `access.corrected`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CorrectionReceived {
    /// The request.
    pub id: i64,
    /// When the correction came in (AAAA-MM-DDTHH:MM; default now).
    #[serde(default)]
    #[ts(optional)]
    pub filed_at: Option<String>,
    /// What was received.
    #[serde(default)]
    pub note: String,
}

/// `access.corrected`: the correction came in; the full term restarts from it.
pub async fn corrected(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: CorrectionReceived,
) -> Result<FollowupDetail> {
    let (r, mut q) = open_request(conn, ctx, "access.corrected", p.id).await?;
    if q.state != "en_subsanacion" {
        return Err(Error::Conflict(
            "La solicitud no espera ninguna subsanación.".into(),
        ));
    }
    let at = filed_at(&p.filed_at, "filed_at", ctx)?;
    let asked = parse_date(
        q.correction_asked_on.as_deref().unwrap_or(&r.received_on),
        "on_date",
    )?;
    if at.date() < asked || at.date() > ctx.today {
        return Err(Error::field(
            "filed_at",
            format!(
                "La subsanación se recibe entre el pedido ({}) y hoy.",
                day_label(asked)
            ),
        ));
    }
    if let Some(until) = q.correction_due_on.as_deref() {
        let until = parse_date(until, "correction_due_on")?;
        if at.date() > until {
            return Err(Error::field(
                "filed_at",
                format!(
                    "El plazo para subsanar venció el {}: archive la solicitud como no subsanada.",
                    day_label(until)
                ),
            ));
        }
    }
    let term = term_of(conn, ItemKind::Solicitud, at).await?;
    let mut d: Deadline =
        serde_json::from_str(&r.due_basis).unwrap_or_else(|_| empty(&r.received_on));
    d.steps.push("Subsanada: el plazo se reinicia.".into());
    d.steps.extend(term.steps.iter().cloned());
    d.received_on = term.received_on.clone();
    d.first_day = term.first_day.clone();
    d.due_on = term.due_on.clone();
    d.days = term.days;
    d.skipped = term.skipped.clone();
    q.state = "en_tramite".into();
    q.corrected_on = Some(at.date().to_string());
    q.legal_due_on = Some(term.due_on.clone());
    store::save_request(conn, r.id, &q).await?;
    let now = ctx.stamp();
    store::set_received(conn, r.id, &term.received_on).await?;
    store::set_due(
        conn,
        r.id,
        Some(term.due_on.clone()),
        &serde_json::to_string(&d).unwrap_or_default(),
        &now,
    )
    .await?;
    let note = p.note.trim();
    record(
        conn,
        ctx,
        r.id,
        at.date(),
        "subsanacion",
        &format!(
            "Subsanación recibida{}. Nuevo vencimiento: {}.",
            if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            },
            day_label(parse_date(&term.due_on, "due_on")?)
        ),
        None,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

/// Params of `access.extend`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExtensionInput {
    /// The request.
    pub id: i64,
    /// Day the requester was notified (default today).
    #[serde(default)]
    #[ts(optional)]
    pub on_date: Option<String>,
    /// Why the information cannot be delivered in the term.
    pub reason: String,
    /// Peru: the date on which it will be delivered.
    #[serde(default)]
    #[ts(optional)]
    pub deliver_on: Option<String>,
}

/// `access.extend`: the one extension the law allows, communicated in time.
pub async fn extend(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: ExtensionInput,
) -> Result<FollowupDetail> {
    let (r, mut q) = open_request(conn, ctx, "access.extend", p.id).await?;
    if let Some(on) = &q.extended_on {
        return Err(Error::Conflict(format!(
            "La prórroga se concede una sola vez, y esta solicitud ya se prorrogó el {}.",
            NaiveDate::parse_from_str(on, "%Y-%m-%d")
                .map(day_label)
                .unwrap_or_else(|_| on.clone())
        )));
    }
    if q.state != "en_tramite" {
        return Err(state_error(&q, "prorrogar"));
    }
    let reason = p.reason.trim();
    if reason.is_empty() {
        return Err(Error::field(
            "reason",
            "Indique por qué no se puede entregar en el plazo.",
        ));
    }
    let on = day_or_today(&p.on_date, "on_date", ctx.today)?;
    if on > ctx.today {
        return Err(Error::field(
            "on_date",
            "La prórroga se registra el día en que se comunicó, no antes.",
        ));
    }
    let rules = access_rules(conn).await?;
    let cal = calendar::load(conn).await?;
    let received = parse_date(&r.received_on, "received_on")?;
    let due = parse_date(r.due_on.as_deref().unwrap_or(&r.received_on), "due_on")?;
    let mode = if rules.extension_mode == "dias" {
        Extension::Days(rules.extension_days.unwrap_or(10))
    } else {
        Extension::Date
    };
    let deliver_on = match p
        .deliver_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Some(parse_date(d, "deliver_on")?),
        None => None,
    };
    let (to, step) = deadline::extend(
        &cal,
        received,
        due,
        on,
        mode,
        rules.extension_notice_days,
        deliver_on,
    )?;
    let mut d: Deadline =
        serde_json::from_str(&r.due_basis).unwrap_or_else(|_| empty(&r.received_on));
    d.steps.push(step.clone());
    d.due_on = to.to_string();
    q.state = "prorrogada".into();
    q.extended_on = Some(on.to_string());
    q.extension_reason = reason.into();
    store::save_request(conn, r.id, &q).await?;
    let now = ctx.stamp();
    store::set_due(
        conn,
        r.id,
        Some(to.to_string()),
        &serde_json::to_string(&d).unwrap_or_default(),
        &now,
    )
    .await?;
    record(
        conn,
        ctx,
        r.id,
        on,
        "prorroga",
        &format!("{step} Motivo: {reason}"),
        None,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

/// How a request ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccessOutcome {
    /// The information was delivered.
    Entregada,
    /// Part of it was delivered; the rest denied with its ground.
    EntregadaParcial,
    /// Denied with its legal ground.
    Denegada,
}

/// Params of `access.answer`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// The request.
    pub id: i64,
    /// How it ends.
    pub outcome: AccessOutcome,
    /// Day it was answered (default today).
    #[serde(default)]
    #[ts(optional)]
    pub on_date: Option<String>,
    /// What was delivered, or why it was denied, in words for the letter.
    pub answer: String,
    /// The legal ground of a denial (one of the rule set's, or typed).
    #[serde(default)]
    pub denial_ground: String,
    /// Reproduction cost as typed («S/ 2.50», «1.500»); empty: free.
    #[serde(default)]
    pub cost: String,
    /// The answer's file (oficio, the information itself).
    #[serde(default)]
    #[ts(optional)]
    pub file_path: Option<String>,
}

/// Read money typed by a person into céntimos: «S/ 2.50», «2,50», «$ 1.500», «1500».
pub fn parse_money(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches("S/.")
        .trim_start_matches("S/")
        .trim_start_matches('$')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Some(0);
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // A separator followed by exactly two digits at the end is the decimal one.
    let (int, dec) = match t.rfind(['.', ',']) {
        Some(i) if t.len() - i - 1 == 2 => (&t[..i], &t[i + 1..]),
        _ => (t.as_str(), "0"),
    };
    let int: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let dec: i64 = dec.parse().ok()?;
    int.checked_mul(100)?.checked_add(dec)
}

/// `access.answer`: the request is answered — delivered, partly delivered or denied.
pub async fn answer(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AnswerInput,
) -> Result<FollowupDetail> {
    let (r, mut q) = open_request(conn, ctx, "access.answer", p.id).await?;
    if q.state == "en_subsanacion" {
        return Err(Error::Conflict(
            "La solicitud espera la subsanación del solicitante: regístrela antes de responder."
                .into(),
        ));
    }
    let text = p.answer.trim();
    if text.is_empty() {
        return Err(Error::field(
            "answer",
            "Escriba qué se entrega o por qué se deniega.",
        ));
    }
    let rules = access_rules(conn).await?;
    let ground = p.denial_ground.trim();
    if p.outcome != AccessOutcome::Entregada && ground.is_empty() {
        return Err(Error::field(
            "denial_ground",
            format!(
                "Indique la causal legal de la denegatoria{}",
                if rules.denial_grounds.is_empty() {
                    ".".to_string()
                } else {
                    format!(": {}.", rules.denial_grounds.join("; "))
                }
            ),
        ));
    }
    if p.outcome == AccessOutcome::Entregada && !ground.is_empty() {
        return Err(Error::field(
            "denial_ground",
            "Una entrega completa no lleva causal de denegatoria.",
        ));
    }
    let Some(cost) = parse_money(&p.cost) else {
        return Err(Error::field(
            "cost",
            format!(
                "«{}» no es un monto: escriba por ejemplo 2.50.",
                p.cost.trim()
            ),
        ));
    };
    if p.outcome == AccessOutcome::Denegada && cost > 0 {
        return Err(Error::field(
            "cost",
            "Una denegatoria no cobra costo de reproducción.",
        ));
    }
    let on = day_or_today(&p.on_date, "on_date", ctx.today)?;
    let received = parse_date(&r.received_on, "received_on")?;
    let filed = store::filed_on(conn, &r).await?;
    if on < filed || on > ctx.today {
        return Err(Error::field(
            "on_date",
            format!(
                "La respuesta va entre la presentación ({}) y hoy.",
                day_label(filed)
            ),
        ));
    }
    let file = match p
        .file_path
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(path) => Some(super::items::store_file(conn, ctx, path).await?),
        None => None,
    };
    let cal = calendar::load(conn).await?;
    // Answered before the day it counts as received (filed on a weekend, answered at once): 0.
    let taken = cal.working_days_between(received, on).max(0);
    q.state = match p.outcome {
        AccessOutcome::Entregada => "entregada",
        AccessOutcome::EntregadaParcial => "entregada_parcial",
        AccessOutcome::Denegada => "denegada",
    }
    .into();
    q.answered_on = Some(on.to_string());
    q.denial_ground = ground.into();
    q.cost_cents = cost;
    q.days_taken = Some(taken);
    store::save_request(conn, r.id, &q).await?;
    let late = r
        .due_on
        .as_deref()
        .is_some_and(|d| on.to_string().as_str() > d);
    let now = ctx.stamp();
    let who = by(ctx);
    store::add_milestone(
        conn,
        store::NewMilestone {
            item_id: r.id,
            on_date: on,
            kind: "respuesta",
            note: &format!(
                "{} en {}{}.",
                match p.outcome {
                    AccessOutcome::Entregada => "Información entregada",
                    AccessOutcome::EntregadaParcial => "Información entregada en parte",
                    AccessOutcome::Denegada => "Solicitud denegada",
                },
                crate::spanish::count(taken.max(0) as u32, "día hábil", "días hábiles"),
                if late { ", fuera de plazo" } else { "" }
            ),
            progress: Some(100),
            status: Some("atendido"),
            file,
            by: &who,
            now: &now,
        },
    )
    .await?;
    store::set_status(
        conn,
        r.id,
        "atendido",
        Some(100),
        Some(text),
        Some(&on.to_string()),
        &now,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

/// How a request ends without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Withdrawal {
    /// The requester withdrew it.
    Desistida,
    /// The requester did not correct it in time.
    NoSubsanada,
}

/// Params of `access.close`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RequestClose {
    /// The request.
    pub id: i64,
    /// Why it ends.
    pub reason: Withdrawal,
    /// Day (default today).
    #[serde(default)]
    #[ts(optional)]
    pub on_date: Option<String>,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// `access.close`: a request withdrawn, or not corrected in time, is archived.
pub async fn close(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: RequestClose,
) -> Result<FollowupDetail> {
    let (r, mut q) = open_request(conn, ctx, "access.close", p.id).await?;
    let on = day_or_today(&p.on_date, "on_date", ctx.today)?;
    if on > ctx.today {
        return Err(Error::field("on_date", "No archive con fecha futura."));
    }
    if p.reason == Withdrawal::NoSubsanada {
        let Some(until) = q
            .correction_due_on
            .clone()
            .filter(|_| q.state == "en_subsanacion")
        else {
            return Err(Error::field(
                "reason",
                "La solicitud no espera subsanación.",
            ));
        };
        let until = parse_date(&until, "correction_due_on")?;
        if on <= until {
            return Err(Error::field(
                "on_date",
                format!(
                    "El solicitante puede subsanar hasta el {}: archive después de esa fecha.",
                    day_label(until)
                ),
            ));
        }
    }
    q.state = match p.reason {
        Withdrawal::Desistida => "desistida",
        Withdrawal::NoSubsanada => "no_subsanada",
    }
    .into();
    store::save_request(conn, r.id, &q).await?;
    let note = match (p.reason, p.note.trim()) {
        (Withdrawal::Desistida, "") => "El solicitante desistió de la solicitud.".to_string(),
        (Withdrawal::Desistida, n) => format!("El solicitante desistió: {n}"),
        (Withdrawal::NoSubsanada, "") => "No se subsanó en el plazo: se archiva.".to_string(),
        (Withdrawal::NoSubsanada, n) => format!("No se subsanó en el plazo: {n}"),
    };
    let now = ctx.stamp();
    record(conn, ctx, r.id, on, "estado", &note, Some("archivado")).await?;
    store::set_status(
        conn,
        r.id,
        "archivado",
        None,
        Some(&note),
        Some(&on.to_string()),
        &now,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

#[cfg(test)]
mod tests {
    use super::parse_money;

    #[test]
    fn money_as_typed() {
        assert_eq!(parse_money(""), Some(0));
        assert_eq!(parse_money("S/ 2.50"), Some(250));
        assert_eq!(parse_money("2,50"), Some(250));
        assert_eq!(parse_money("$ 1.500"), Some(150_000));
        assert_eq!(parse_money("1500"), Some(150_000));
        assert_eq!(parse_money("0.10"), Some(10));
        assert_eq!(parse_money("diez"), None);
    }
}
