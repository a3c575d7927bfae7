//! Items of every kind: the list, the detail, and the encargos' own life — create, edit,
//! report progress, close — plus the pedidos that sessions route to a unit.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::deadline::{self, day_label, Deadline};
use super::store::{self, Complaint, Filter, InfoRequest, ItemRecord, Milestone, View};
use super::{check_scope, chile, scope, ItemKind, Source};
use crate::calendar::{self, Calendar};
use crate::context::{Ctx, IdParam};
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::{files, rules};

/// A row of a list of items.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FollowupRow {
    /// Id.
    pub id: i64,
    /// What it is.
    pub kind: ItemKind,
    /// Register number («Solicitud N° 012-2026»).
    pub number: String,
    /// Where it comes from.
    pub source: Source,
    /// The source as a person reads it («ACUERDO DE CONCEJO N° 012-2026-MDSRQ», «Pedido de
    /// regidor», «Oficio N° 123-2026-CG»).
    pub source_label: String,
    /// What must be done.
    pub subject: String,
    /// The requester or citizen, for requests and complaints.
    pub party: Option<String>,
    /// Responsible unit.
    pub unit_id: i64,
    /// Its name.
    pub unit_name: String,
    /// Day it was received (AAAA-MM-DD).
    pub received_on: String,
    /// Due date, when the clock runs.
    pub due_on: Option<String>,
    /// Status code, `vencido` for an open item past its due date.
    pub status: String,
    /// Its label.
    pub status_label: String,
    /// Progress (0–100) where it fits.
    pub progress: Option<i64>,
    /// Working days left until the due date (0 = today; negative: overdue by that many).
    pub days_left: Option<i64>,
    /// Day it was closed.
    pub closed_on: Option<String>,
}

/// Register number of an item.
pub fn number(kind: ItemKind, seq: i64, year: i64) -> String {
    format!("{} N° {seq:03}-{year}", kind.label())
}

/// The source as a person reads it.
fn source_label(r: &ItemRecord, chile: bool) -> String {
    match (&r.norm_identifier, r.norm_id) {
        (Some(id), _) => id.clone(),
        (None, Some(_)) => format!(
            "{} (sin numerar): {}",
            r.source.label(chile),
            r.norm_title.clone().unwrap_or_default()
        ),
        _ if !r.source_ref.is_empty() => format!("{}: {}", r.source.label(chile), r.source_ref),
        _ => r.source.label(chile).to_string(),
    }
}

/// Working days from `today` to `due` (negative when past).
fn days_left(cal: &Calendar, today: NaiveDate, due: NaiveDate) -> i64 {
    cal.working_days_between(today, due)
}

/// The status a person sees: `vencido` for an open item past its due date.
fn effective_status(r: &ItemRecord, today: &str) -> String {
    match (&r.closed_on, &r.due_on) {
        (None, Some(due)) if due.as_str() < today => "vencido".into(),
        _ => r.status.clone(),
    }
}

/// The rows of `records` as they stand on `today` (overdue, working days left).
pub(super) async fn rows(
    conn: &mut SqliteConnection,
    today: NaiveDate,
    records: Vec<ItemRecord>,
) -> Result<Vec<FollowupRow>> {
    let cal = calendar::load(conn).await?;
    let labels: std::collections::HashMap<String, String> = store::statuses(conn)
        .await?
        .into_iter()
        .map(|s| (s.code, s.label))
        .collect();
    let chile = chile(conn).await?;
    let day = today.to_string();
    Ok(records
        .into_iter()
        .map(|r| {
            let status = effective_status(&r, &day);
            let left = match (&r.closed_on, &r.due_on) {
                (None, Some(d)) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .ok()
                    .map(|d| days_left(&cal, today, d)),
                _ => None,
            };
            FollowupRow {
                id: r.id,
                kind: r.kind,
                number: number(r.kind, r.seq, r.year),
                source: r.source,
                source_label: source_label(&r, chile),
                subject: r.subject.clone(),
                party: r.party.clone(),
                unit_id: r.unit_id,
                unit_name: r.unit_name.clone(),
                received_on: r.received_on.clone(),
                due_on: r.due_on.clone(),
                status_label: labels
                    .get(&status)
                    .cloned()
                    .unwrap_or_else(|| status.clone()),
                status,
                progress: r.progress,
                days_left: left,
                closed_on: r.closed_on.clone(),
            }
        })
        .collect())
}

/// The last day of «this week» (a Sunday): this week's on a working weekday, the coming week's
/// on a Saturday or a Sunday (on a weekend, "this week" is the one about to begin).
pub fn week_end(today: NaiveDate) -> NaiveDate {
    let left = 6 - today.weekday().num_days_from_monday() as i64;
    if left <= 1 {
        today + Duration::days(left + 7)
    } else {
        today + Duration::days(left)
    }
}

/// Params of `followup.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FollowupList {
    /// Only this kind.
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<ItemKind>,
    /// Only this unit (a unit head sees only their own unit).
    #[serde(default)]
    #[ts(optional)]
    pub unit_id: Option<i64>,
    /// Which items (default: the open ones).
    #[serde(default)]
    #[ts(optional)]
    pub view: Option<View>,
    /// Only this source.
    #[serde(default)]
    #[ts(optional)]
    pub source: Option<Source>,
    /// Only this status (`vencido` included).
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<String>,
    /// Words in the subject, the reference or the requester's name.
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
    /// Only items received in this year.
    #[serde(default)]
    #[ts(optional)]
    pub year: Option<i64>,
    /// Rows to skip.
    #[serde(default)]
    pub offset: i64,
    /// Rows to return (1–200, default 50).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of items.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FollowupPage {
    /// Items over all pages.
    pub total: i64,
    /// This page.
    pub rows: Vec<FollowupRow>,
    /// The unit the list was limited to because the user sees only their own.
    pub scoped_unit: Option<i64>,
}

/// The filter of `p` for `ctx`, with the unit scope of `followup.list` applied.
pub(crate) async fn filter_of(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &FollowupList,
) -> Result<(Filter, Option<i64>)> {
    let scoped = scope(conn, ctx, "followup.list").await?;
    if let Some(s) = &p.status {
        let known = store::statuses(conn).await?;
        if !known.iter().any(|k| &k.code == s) {
            return Err(Error::field(
                "status",
                format!(
                    "Estado desconocido «{s}». Elija: {}.",
                    known
                        .iter()
                        .map(|k| k.label.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok((
        Filter {
            kind: p.kind,
            unit_id: scoped.or(p.unit_id),
            view: p.view.unwrap_or_default(),
            source: p.source,
            status: p.status.clone(),
            text: p
                .text
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            year: p.year,
            received: None,
            today: ctx.today.to_string(),
            week_end: week_end(ctx.today).to_string(),
        },
        scoped,
    ))
}

/// `followup.list`: a page of items, sorted and filtered in the core.
pub async fn list(conn: &mut SqliteConnection, ctx: &Ctx, p: FollowupList) -> Result<FollowupPage> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(Error::field(
            "limit",
            "Pida de 1 a 200 registros por página.",
        ));
    }
    if p.offset < 0 {
        return Err(Error::field("offset", "La página pedida no existe."));
    }
    let (f, scoped) = filter_of(conn, ctx, &p).await?;
    let (total, records) = store::list(conn, &f, p.offset, limit).await?;
    Ok(FollowupPage {
        total,
        rows: rows(conn, ctx.today, records).await?,
        scoped_unit: scoped,
    })
}

/// An item with everything about it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FollowupDetail {
    /// The row as listed.
    pub item: FollowupRow,
    /// Details of what must be done.
    pub detail: String,
    /// The reference of the source (oficio, expediente) as typed.
    pub source_ref: String,
    /// The norm it comes from.
    pub norm_id: Option<i64>,
    /// The agenda item (pedido) it comes from.
    pub agenda_item_id: Option<i64>,
    /// The strategic objective it serves.
    pub objective_id: Option<i64>,
    /// The strategic action it serves.
    pub action_id: Option<i64>,
    /// That objective or action as a person reads it («AEI.01.02 Licencias…»).
    pub plan_element: Option<String>,
    /// The answer recorded when it was closed.
    pub answer: String,
    /// Who registered it.
    pub created_by: String,
    /// How the due date was computed.
    pub deadline: Option<Deadline>,
    /// Its history, oldest first.
    pub milestones: Vec<Milestone>,
    /// The request's own facts, for an information request.
    pub request: Option<InfoRequest>,
    /// The complaint's own facts.
    pub complaint: Option<Complaint>,
}

/// The detail of item `id`.
pub(crate) async fn detail(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: i64,
) -> Result<FollowupDetail> {
    let r = store::item(conn, id).await?;
    let deadline = serde_json::from_str::<Deadline>(&r.due_basis).ok();
    let milestones = store::milestones(conn, id).await?;
    let request = store::request(conn, id).await?;
    let complaint = store::complaint(conn, id).await?;
    let row = rows(conn, ctx.today, vec![r.clone()]).await?.remove(0);
    Ok(FollowupDetail {
        item: row,
        detail: r.detail,
        source_ref: r.source_ref,
        norm_id: r.norm_id,
        agenda_item_id: r.agenda_item_id,
        objective_id: r.objective_id,
        action_id: r.action_id,
        plan_element: r.plan_element,
        answer: r.answer,
        created_by: r.created_by,
        deadline,
        milestones,
        request,
        complaint,
    })
}

/// `followup.get`: one item with its history.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: IdParam) -> Result<FollowupDetail> {
    let r = store::item(conn, p.id).await?;
    check_scope(conn, ctx, "followup.get", r.unit_id).await?;
    detail(conn, ctx, p.id).await
}

/// Who is recording (the login, or «sistema»).
pub(crate) fn by(ctx: &Ctx) -> String {
    if ctx.actor.login.is_empty() {
        "sistema".into()
    } else {
        ctx.actor.login.clone()
    }
}

/// Record a milestone of what happened to item `id` on `on` (no progress and no file), by the
/// actor of the request, and the status it moved the item to, if any.
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: i64,
    on: NaiveDate,
    kind: &str,
    note: &str,
    status: Option<&str>,
) -> Result<()> {
    store::add_milestone(
        conn,
        store::NewMilestone {
            item_id: id,
            on_date: on,
            kind,
            note,
            progress: None,
            status,
            file: None,
            by: &by(ctx),
            now: &ctx.stamp(),
        },
    )
    .await
}

/// A day typed in the form, or today.
pub(crate) fn day_or_today(s: &Option<String>, field: &str, today: NaiveDate) -> Result<NaiveDate> {
    match s.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => parse_date(d, field),
        None => Ok(today),
    }
}

/// A rule of the country in working days, or `None` when empty.
pub(crate) async fn rule_days(conn: &mut SqliteConnection, key: &str) -> Result<Option<i64>> {
    let rules = rules::load(conn).await?;
    Ok(rules.value(key).and_then(|v| v.trim().parse::<i64>().ok()))
}

async fn check_unit(conn: &mut SqliteConnection, unit_id: i64) -> Result<()> {
    if crate::org::unit_name(conn, unit_id).await?.is_none() {
        return Err(Error::field("unit_id", "Elija la unidad responsable."));
    }
    Ok(())
}

/// The plan link of an item, checked: an action (AEI) or an objective (OEI).
async fn plan_link(
    conn: &mut SqliteConnection,
    objective_id: Option<i64>,
    action_id: Option<i64>,
) -> Result<(Option<i64>, Option<i64>)> {
    if let Some(a) = action_id {
        if store::plan_element(conn, "aei", a).await?.is_none() {
            return Err(Error::field(
                "action_id",
                "La acción estratégica elegida no existe.",
            ));
        }
    }
    if let Some(o) = objective_id {
        if store::plan_element(conn, "oei", o).await?.is_none() {
            return Err(Error::field(
                "objective_id",
                "El objetivo estratégico elegido no existe.",
            ));
        }
    }
    Ok((objective_id, action_id))
}

/// The due date of an encargo: the one typed, else `days` working days (the rule
/// `default_rule` when `days` is absent) from `received`.
async fn encargo_due(
    conn: &mut SqliteConnection,
    cal: &Calendar,
    received: NaiveDate,
    due_on: &Option<String>,
    days: Option<i64>,
    default_rule: &str,
    lead: String,
) -> Result<(NaiveDate, Deadline)> {
    if let Some(due) = due_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        let due = parse_date(due, "due_on")?;
        if due < received {
            return Err(Error::field(
                "due_on",
                "El plazo no puede vencer antes de la fecha de recepción.",
            ));
        }
        let mut steps = vec![lead];
        steps.push(format!("Plazo fijado: vence el {}.", day_label(due)));
        if !cal.is_working_day(due) {
            steps.push(format!("Atención: el {} no es día hábil.", day_label(due)));
        }
        return Ok((
            due,
            Deadline {
                received_on: received.to_string(),
                days: cal.working_days_between(received, due),
                first_day: cal.add_working_days(received, 1).to_string(),
                due_on: due.to_string(),
                skipped: vec![],
                steps,
            },
        ));
    }
    let days = match days {
        Some(d) if !(1..=720).contains(&d) => {
            return Err(Error::field(
                "days",
                "El plazo debe ser de 1 a 720 días hábiles.",
            ))
        }
        Some(d) => d,
        None => rule_days(conn, default_rule).await?.ok_or_else(|| {
            Error::field(
                "due_on",
                "Indique la fecha de vencimiento o el plazo en días hábiles.",
            )
        })?,
    };
    let d = deadline::count(cal, received, days, vec![lead])?;
    let due = parse_date(&d.due_on, "due_on")?;
    Ok((due, d))
}

/// Params of `followup.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EncargoCreate {
    /// Where it comes from (not `solicitud` or `reclamo`: those are registered as such).
    pub source: Source,
    /// The norm (acuerdo, ordenanza…) for those sources.
    #[serde(default)]
    #[ts(optional)]
    pub norm_id: Option<i64>,
    /// Reference of the source: the oficio of the Contraloría, the memorandum of the alcalde…
    #[serde(default)]
    pub source_ref: String,
    /// What must be done.
    pub subject: String,
    /// Details.
    #[serde(default)]
    pub detail: String,
    /// Responsible unit.
    pub unit_id: i64,
    /// Day it was given (default today).
    #[serde(default)]
    #[ts(optional)]
    pub received_on: Option<String>,
    /// Due date; absent: `days` working days from `received_on`.
    #[serde(default)]
    #[ts(optional)]
    pub due_on: Option<String>,
    /// Working days to do it (default: the rule `followup.encargo_days`).
    #[serde(default)]
    #[ts(optional)]
    pub days: Option<i64>,
    /// The strategic objective (OEI) it serves.
    #[serde(default)]
    #[ts(optional)]
    pub objective_id: Option<i64>,
    /// The strategic action (AEI) it serves.
    #[serde(default)]
    #[ts(optional)]
    pub action_id: Option<i64>,
}

/// `followup.create`: give a unit an encargo with its due date.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: EncargoCreate,
) -> Result<FollowupDetail> {
    if matches!(
        p.source,
        Source::Solicitud | Source::Reclamo | Source::Pedido
    ) {
        return Err(Error::field(
            "source",
            match p.source {
                Source::Solicitud => "Registre las solicitudes de acceso a la información en «Acceso a la información».",
                Source::Reclamo => "Registre los reclamos, quejas y consultas en «Reclamos y consultas».",
                _ => "Los pedidos se registran en la agenda de la sesión y pasan solos a seguimiento.",
            },
        ));
    }
    let subject = p.subject.trim();
    if subject.is_empty() {
        return Err(Error::field("subject", "Escriba qué debe hacerse."));
    }
    check_unit(conn, p.unit_id).await?;
    let chile = chile(conn).await?;
    let norm_id = if p.source.needs_norm() {
        let Some(id) = p.norm_id else {
            return Err(Error::field(
                "norm_id",
                format!(
                    "Elija {} que origina el encargo.",
                    match p.source {
                        Source::Acuerdo => "el acuerdo",
                        Source::Ordenanza => "la ordenanza",
                        _ => "la norma",
                    }
                ),
            ));
        };
        let Some((kind, _, _)) = store::norm(conn, id).await? else {
            return Err(Error::field("norm_id", "La norma elegida no existe."));
        };
        let expected = match p.source {
            Source::Acuerdo => Some("acuerdo"),
            Source::Ordenanza => Some("ordenanza"),
            _ => None,
        };
        if let Some(e) = expected {
            if kind != e {
                return Err(Error::field(
                    "norm_id",
                    format!(
                        "La norma elegida no es {}.",
                        if e == "acuerdo" {
                            "un acuerdo"
                        } else {
                            "una ordenanza"
                        }
                    ),
                ));
            }
        }
        Some(id)
    } else {
        if p.norm_id.is_some() {
            return Err(Error::field(
                "norm_id",
                "Solo los encargos de un acuerdo, una ordenanza u otra norma se vinculan a una norma.",
            ));
        }
        None
    };
    if matches!(p.source, Source::Contraloria | Source::Otro) && p.source_ref.trim().is_empty() {
        return Err(Error::field(
            "source_ref",
            if p.source == Source::Contraloria {
                "Indique el oficio o documento de la Contraloría."
            } else {
                "Indique el documento que origina el encargo."
            },
        ));
    }
    let received = day_or_today(&p.received_on, "received_on", ctx.today)?;
    let cal = calendar::load(conn).await?;
    let (due, basis) = encargo_due(
        conn,
        &cal,
        received,
        &p.due_on,
        p.days,
        "followup.encargo_days",
        format!(
            "Encargado el {} ({}).",
            day_label(received),
            p.source.label(chile)
        ),
    )
    .await?;
    let (objective_id, action_id) = plan_link(conn, p.objective_id, p.action_id).await?;
    let by = by(ctx);
    let now = ctx.stamp();
    let id = store::insert(
        conn,
        store::NewItem {
            kind: ItemKind::Encargo,
            source: p.source,
            norm_id,
            agenda_item_id: None,
            source_ref: p.source_ref.trim(),
            subject,
            detail: p.detail.trim(),
            unit_id: p.unit_id,
            received_on: received,
            due_on: Some(due),
            due_basis: serde_json::to_string(&basis).unwrap_or_else(|_| "[]".into()),
            objective_id,
            action_id,
            created_by: &by,
            now: &now,
        },
    )
    .await?;
    record(
        conn,
        ctx,
        id,
        received,
        "registro",
        &format!("Encargado con plazo al {}.", day_label(due)),
        Some("pendiente"),
    )
    .await?;
    detail(conn, ctx, id).await
}

/// Params of `followup.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EncargoUpdate {
    /// The item.
    pub id: i64,
    /// What must be done.
    pub subject: String,
    /// Details.
    #[serde(default)]
    pub detail: String,
    /// Reference of the source.
    #[serde(default)]
    pub source_ref: String,
    /// Responsible unit (a change is recorded as a derivation).
    pub unit_id: i64,
    /// Due date (a change is recorded with its reason); not for information requests, whose
    /// term is the law's.
    #[serde(default)]
    #[ts(optional)]
    pub due_on: Option<String>,
    /// Why the due date or the unit changed.
    #[serde(default)]
    pub reason: String,
    /// The strategic objective it serves.
    #[serde(default)]
    #[ts(optional)]
    pub objective_id: Option<i64>,
    /// The strategic action it serves.
    #[serde(default)]
    #[ts(optional)]
    pub action_id: Option<i64>,
}

fn closed_error(r: &ItemRecord, status_label: &str) -> Error {
    Error::Conflict(format!(
        "{} está {} desde el {}: ya no cambia. Si hay algo nuevo, registre otro encargo.",
        number(r.kind, r.seq, r.year),
        status_label.to_lowercase(),
        r.closed_on
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(day_label)
            .unwrap_or_default()
    ))
}

/// An open item of `id`, within the actor's unit for `method`.
pub(crate) async fn open_item(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    id: i64,
) -> Result<ItemRecord> {
    let r = store::item(conn, id).await?;
    check_scope(conn, ctx, method, r.unit_id).await?;
    if r.closed_on.is_some() {
        let label = store::status_label(conn, &r.status).await?;
        return Err(closed_error(&r, &label));
    }
    Ok(r)
}

/// `followup.update`: correct an item, move it to another unit or change its due date.
pub async fn update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: EncargoUpdate,
) -> Result<FollowupDetail> {
    let r = open_item(conn, ctx, "followup.update", p.id).await?;
    let subject = p.subject.trim();
    if subject.is_empty() {
        return Err(Error::field("subject", "Escriba qué debe hacerse."));
    }
    check_unit(conn, p.unit_id).await?;
    // Moving an item into a unit the user cannot see is refused like creating it there.
    check_scope(conn, ctx, "followup.update", p.unit_id).await?;
    let mut due_on = r.due_on.clone();
    let mut basis = r.due_basis.clone();
    let now = ctx.stamp();
    let typed = p.due_on.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if let Some(t) = typed {
        let due = parse_date(t, "due_on")?;
        if Some(due.to_string()) != r.due_on {
            if r.kind == ItemKind::Solicitud {
                return Err(Error::field(
                    "due_on",
                    "El plazo de una solicitud de acceso a la información lo fija la ley: use «Prórroga» o «Subsanación».",
                ));
            }
            if p.reason.trim().is_empty() {
                return Err(Error::field("reason", "Indique por qué cambia el plazo."));
            }
            let received = parse_date(&r.received_on, "received_on")?;
            if due < received {
                return Err(Error::field(
                    "due_on",
                    "El plazo no puede vencer antes de la fecha de recepción.",
                ));
            }
            let cal = calendar::load(conn).await?;
            let mut d: Deadline = serde_json::from_str(&r.due_basis).unwrap_or(Deadline {
                received_on: r.received_on.clone(),
                days: 0,
                first_day: r.received_on.clone(),
                due_on: String::new(),
                skipped: vec![],
                steps: vec![],
            });
            d.steps.push(format!(
                "Plazo cambiado el {}: vence el {} ({}).",
                day_label(ctx.today),
                day_label(due),
                p.reason.trim()
            ));
            d.due_on = due.to_string();
            d.days = cal.working_days_between(received, due);
            basis = serde_json::to_string(&d).unwrap_or(basis);
            record(
                conn,
                ctx,
                r.id,
                ctx.today,
                "plazo",
                &format!("Nuevo plazo: {}. {}", day_label(due), p.reason.trim()),
                None,
            )
            .await?;
            due_on = Some(due.to_string());
        }
    }
    if p.unit_id != r.unit_id {
        let to = crate::org::unit_name(conn, p.unit_id)
            .await?
            .unwrap_or_default();
        let note = if p.reason.trim().is_empty() {
            format!("Derivado de {} a {to}.", r.unit_name)
        } else {
            format!("Derivado de {} a {to}: {}", r.unit_name, p.reason.trim())
        };
        record(conn, ctx, r.id, ctx.today, "derivacion", &note, None).await?;
    }
    let (objective_id, action_id) = plan_link(conn, p.objective_id, p.action_id).await?;
    store::update(
        conn,
        r.id,
        store::ItemEdit {
            subject,
            detail: p.detail.trim(),
            source_ref: p.source_ref.trim(),
            unit_id: p.unit_id,
            due_on,
            due_basis: basis,
            objective_id,
            action_id,
        },
        &now,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

/// Params of `followup.progress`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgressInput {
    /// The item.
    pub id: i64,
    /// Day it happened (default today).
    #[serde(default)]
    #[ts(optional)]
    pub on_date: Option<String>,
    /// What was done.
    pub note: String,
    /// Progress now (0–100).
    #[serde(default)]
    #[ts(optional)]
    pub progress: Option<i64>,
    /// New status: `en_proceso`, `atendido` (with `answer`) or `archivado` (with the reason in
    /// `note`); absent: `en_proceso` once something is reported.
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<String>,
    /// The answer, when it is attended.
    #[serde(default)]
    #[ts(optional)]
    pub answer: Option<String>,
    /// A file to attach (informe, oficio, foto).
    #[serde(default)]
    #[ts(optional)]
    pub file_path: Option<String>,
}

/// Store the file at `path` for a milestone: (sha256, name).
pub(crate) async fn store_file(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    path: &str,
) -> Result<(String, String)> {
    let path = path.trim();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("file_path", format!("No se pudo leer «{path}»: {e}.")))?;
    if bytes.is_empty() {
        return Err(Error::field("file_path", "El archivo está vacío."));
    }
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "anexo".into());
    let mime = if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else {
        files::image_mime(&bytes).unwrap_or("application/octet-stream")
    };
    let sha = files::store(conn, ctx, &bytes, mime, &name).await?;
    Ok((sha, name))
}

/// `followup.progress`: a dated milestone — progress, a note, an attachment, or the item
/// attended (with its answer) or archived.
pub async fn progress(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: ProgressInput,
) -> Result<FollowupDetail> {
    let r = open_item(conn, ctx, "followup.progress", p.id).await?;
    let note = p.note.trim();
    if note.is_empty() {
        return Err(Error::field("note", "Escriba qué se hizo."));
    }
    let on = day_or_today(&p.on_date, "on_date", ctx.today)?;
    if on > ctx.today {
        return Err(Error::field(
            "on_date",
            "No registre avances con fecha futura.",
        ));
    }
    let filed = store::filed_on(conn, &r).await?;
    if on < filed {
        return Err(Error::field(
            "on_date",
            format!(
                "El avance no puede ser anterior a la presentación ({}).",
                day_label(filed)
            ),
        ));
    }
    if let Some(pg) = p.progress {
        if !(0..=100).contains(&pg) {
            return Err(Error::field("progress", "El avance va de 0 a 100 %."));
        }
    }
    let status = p.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let status = match status {
        None | Some("en_proceso") => "en_proceso",
        Some("atendido") | Some("archivado") if r.kind == ItemKind::Solicitud => {
            return Err(Error::field(
                "status",
                "Una solicitud de acceso a la información se cierra con «Responder» o «Desistimiento», que fijan su resultado legal.",
            ))
        }
        Some("atendido") => "atendido",
        Some("archivado") => "archivado",
        Some("pendiente") => {
            return Err(Error::field(
                "status",
                "Un encargo con avances no vuelve a pendiente: quedará en proceso.",
            ))
        }
        Some("vencido") => {
            return Err(Error::field(
                "status",
                "«Vencido» no se elige: lo calcula el sistema cuando pasa el plazo.",
            ))
        }
        Some(other) => {
            return Err(Error::field(
                "status",
                format!("Estado desconocido «{other}». Elija en proceso, atendido o archivado."),
            ))
        }
    };
    let answer = p.answer.as_deref().map(str::trim).filter(|a| !a.is_empty());
    if status == "atendido" && answer.is_none() {
        return Err(Error::field(
            "answer",
            "Escriba la respuesta o lo que se hizo para atenderlo.",
        ));
    }
    let file = match p
        .file_path
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(path) => Some(store_file(conn, ctx, path).await?),
        None => None,
    };
    let by = by(ctx);
    let now = ctx.stamp();
    let progress = if status == "atendido" {
        Some(p.progress.unwrap_or(100))
    } else {
        p.progress
    };
    store::add_milestone(
        conn,
        store::NewMilestone {
            item_id: r.id,
            on_date: on,
            kind: match status {
                "atendido" => "respuesta",
                "archivado" => "estado",
                _ => "avance",
            },
            note,
            progress,
            status: Some(status),
            file,
            by: &by,
            now: &now,
        },
    )
    .await?;
    let closed = (status != "en_proceso").then(|| on.to_string());
    store::set_status(
        conn,
        r.id,
        status,
        progress,
        answer,
        closed.as_deref(),
        &now,
    )
    .await?;
    detail(conn, ctx, r.id).await
}

/// Params of `followup.attachment.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MilestoneFileSave {
    /// The milestone.
    pub milestone_id: i64,
    /// Where to write a copy of its file.
    pub path: String,
}

/// Result of `followup.attachment.save`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SavedFile {
    /// Where it was written.
    pub path: String,
    /// Bytes written.
    pub size: i64,
}

/// `followup.attachment.save`: a copy of a milestone's file where the user chose.
pub async fn attachment_save(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: MilestoneFileSave,
) -> Result<SavedFile> {
    let (item_id, m) = store::milestone(conn, p.milestone_id).await?;
    let r = store::item(conn, item_id).await?;
    check_scope(conn, ctx, "followup.attachment.save", r.unit_id).await?;
    let Some(sha) = m.file_sha256 else {
        return Err(Error::NotFound("Ese hito no tiene archivo adjunto.".into()));
    };
    let bytes = files::read(&ctx.files_dir, &sha)?;
    std::fs::write(p.path.trim(), &bytes)
        .map_err(|e| Error::io(format!("no se pudo escribir «{}»", p.path.trim()), e))?;
    Ok(SavedFile {
        path: p.path.trim().to_string(),
        size: bytes.len() as i64,
    })
}

/// A pedido routed to a unit in a session: it becomes an item with the term of the rule
/// `followup.pedido_days` counted from the session (called by `sessions`).
#[allow(clippy::too_many_arguments)]
pub async fn pedido_routed(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    agenda_item_id: i64,
    subject: &str,
    detail_text: &str,
    filed_by: &str,
    unit_id: i64,
    session_date: NaiveDate,
    session_label: &str,
) -> Result<i64> {
    let chile = chile(conn).await?;
    let what = Source::Pedido.label(chile);
    let lead = if filed_by.trim().is_empty() {
        format!(
            "{what} de la {session_label} del {}.",
            day_label(session_date)
        )
    } else {
        format!(
            "{what} de {} en la {session_label} del {}.",
            filed_by.trim(),
            day_label(session_date)
        )
    };
    let cal = calendar::load(conn).await?;
    let (due, basis) = encargo_due(
        conn,
        &cal,
        session_date,
        &None,
        None,
        "followup.pedido_days",
        lead.clone(),
    )
    .await?;
    if let Some(existing) = store::of_pedido(conn, agenda_item_id).await? {
        // The pedido was edited before the session: follow the new unit and text.
        let r = store::item(conn, existing).await?;
        if r.closed_on.is_none() && !store::worked_on(conn, existing).await? {
            store::update(
                conn,
                existing,
                store::ItemEdit {
                    subject,
                    detail: detail_text,
                    source_ref: filed_by.trim(),
                    unit_id,
                    due_on: Some(due.to_string()),
                    due_basis: serde_json::to_string(&basis).unwrap_or_else(|_| "[]".into()),
                    objective_id: r.objective_id,
                    action_id: r.action_id,
                },
                &ctx.stamp(),
            )
            .await?;
        }
        return Ok(existing);
    }
    let by = by(ctx);
    let now = ctx.stamp();
    let id = store::insert(
        conn,
        store::NewItem {
            kind: ItemKind::Encargo,
            source: Source::Pedido,
            norm_id: None,
            agenda_item_id: Some(agenda_item_id),
            source_ref: filed_by.trim(),
            subject,
            detail: detail_text,
            unit_id,
            received_on: session_date,
            due_on: Some(due),
            due_basis: serde_json::to_string(&basis).unwrap_or_else(|_| "[]".into()),
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
        session_date,
        "registro",
        &format!("{lead} Plazo al {}.", day_label(due)),
        Some("pendiente"),
    )
    .await?;
    Ok(id)
}

/// A pedido left the agenda: its item goes too, unless the unit already worked on it.
pub async fn pedido_removed(conn: &mut SqliteConnection, agenda_item_id: i64) -> Result<()> {
    if let Some(id) = store::of_pedido(conn, agenda_item_id).await? {
        if store::worked_on(conn, id).await? {
            return Err(Error::Conflict(
                "La unidad ya registró avances de este pedido en seguimiento: no se puede quitar de la agenda.".into(),
            ));
        }
        store::delete(conn, id).await?;
    }
    Ok(())
}

/// The items that come from the norm `norm_id` (its «Encargar a…» list).
pub async fn of_norm(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    norm_id: i64,
) -> Result<Vec<FollowupRow>> {
    let records = store::of_norm(conn, norm_id).await?;
    rows(conn, ctx.today, records).await
}

/// Params of `followup.of_norm`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormRef {
    /// The norm.
    pub norm_id: i64,
}

/// `followup.of_norm`: the encargos given for a norm.
pub async fn list_of_norm(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormRef,
) -> Result<Vec<FollowupRow>> {
    of_norm(conn, ctx, p.norm_id).await
}

#[cfg(test)]
mod tests {
    use super::week_end;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn this_week_ends_on_its_sunday_and_on_a_weekend_looks_ahead() {
        assert_eq!(week_end(d("2026-11-23")), d("2026-11-29")); // Monday
        assert_eq!(week_end(d("2026-11-27")), d("2026-11-29")); // Friday
        assert_eq!(week_end(d("2026-11-28")), d("2026-12-06")); // Saturday
        assert_eq!(week_end(d("2026-11-29")), d("2026-12-06")); // Sunday
    }
}
