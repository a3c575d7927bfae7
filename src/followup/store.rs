//! The only code that touches the follow-up tables (`followup_*`, `info_request`,
//! `citizen_complaint`). Everything else reads and writes through these functions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::{ItemKind, Source, StatusRow};
use crate::error::{Error, Result};

pub(super) async fn statuses(conn: &mut SqliteConnection) -> Result<Vec<StatusRow>> {
    Ok(sqlx::query_as(
        "SELECT code, label, open, derived, note FROM followup_status ORDER BY sort_order",
    )
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn status_label(conn: &mut SqliteConnection, code: &str) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT label FROM followup_status WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_else(|| code.to_string()),
    )
}

/// An item as stored, with the labels of what it points to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ItemRecord {
    pub id: i64,
    pub kind: ItemKind,
    pub year: i64,
    pub seq: i64,
    pub source: Source,
    pub norm_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub source_ref: String,
    pub subject: String,
    pub detail: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub received_on: String,
    pub due_on: Option<String>,
    pub due_basis: String,
    pub status: String,
    pub progress: Option<i64>,
    pub objective_id: Option<i64>,
    pub action_id: Option<i64>,
    pub answer: String,
    pub closed_on: Option<String>,
    pub created_by: String,
    pub norm_identifier: Option<String>,
    pub norm_title: Option<String>,
    pub plan_element: Option<String>,
    pub party: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.kind, i.year, i.seq, i.source, i.norm_id, i.agenda_item_id,
    i.source_ref, i.subject, i.detail, i.unit_id, COALESCE(u.name, '') AS unit_name,
    i.received_on, i.due_on, i.due_basis, i.status, i.progress, i.objective_id, i.action_id,
    i.answer, i.closed_on, i.created_by,
    n.identifier AS norm_identifier, n.title AS norm_title,
    (SELECT pe.code || ' ' || pe.statement FROM plan_element_label pe
      WHERE (pe.kind = 'aei' AND pe.id = i.action_id) OR (pe.kind = 'oei' AND pe.id = i.objective_id AND i.action_id IS NULL)
      LIMIT 1) AS plan_element,
    COALESCE(r.requester, c.citizen) AS party
  FROM followup_item i
  LEFT JOIN unit_label u ON u.id = i.unit_id
  LEFT JOIN norm_label n ON n.id = i.norm_id
  LEFT JOIN info_request r ON r.item_id = i.id
  LEFT JOIN citizen_complaint c ON c.item_id = i.id";

pub(crate) async fn item(conn: &mut SqliteConnection, id: i64) -> Result<ItemRecord> {
    sqlx::query_as(&format!("{SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el registro de seguimiento {id}.")))
}

/// A new item.
pub(super) struct NewItem<'a> {
    pub kind: ItemKind,
    pub source: Source,
    pub norm_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub source_ref: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
    pub unit_id: i64,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub due_basis: String,
    pub objective_id: Option<i64>,
    pub action_id: Option<i64>,
    pub created_by: &'a str,
    pub now: &'a str,
}

/// Insert an item with the next number of its kind in the year it was received (gap-free:
/// the request's transaction holds the write lock).
pub(super) async fn insert(conn: &mut SqliteConnection, n: NewItem<'_>) -> Result<i64> {
    use chrono::Datelike;
    let year = n.received_on.year() as i64;
    let seq: i64 = sqlx::query_scalar(
        "SELECT COALESCE(max(seq), 0) + 1 FROM followup_item WHERE kind = $1 AND year = $2",
    )
    .bind(n.kind)
    .bind(year)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO followup_item (kind, year, seq, source, norm_id, agenda_item_id, source_ref,
            subject, detail, unit_id, received_on, due_on, due_basis, status, objective_id,
            action_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pendiente', $14, $15,
            $16, $17, $17)
         RETURNING id",
    )
    .bind(n.kind)
    .bind(year)
    .bind(seq)
    .bind(n.source)
    .bind(n.norm_id)
    .bind(n.agenda_item_id)
    .bind(n.source_ref)
    .bind(n.subject)
    .bind(n.detail)
    .bind(n.unit_id)
    .bind(n.received_on.to_string())
    .bind(n.due_on.map(|d| d.to_string()))
    .bind(n.due_basis)
    .bind(n.objective_id)
    .bind(n.action_id)
    .bind(n.created_by)
    .bind(n.now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The editable content of an item.
pub(super) struct ItemEdit<'a> {
    pub subject: &'a str,
    pub detail: &'a str,
    pub source_ref: &'a str,
    pub unit_id: i64,
    pub due_on: Option<String>,
    pub due_basis: String,
    pub objective_id: Option<i64>,
    pub action_id: Option<i64>,
}

pub(super) async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    e: ItemEdit<'_>,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE followup_item SET subject = $2, detail = $3, source_ref = $4, unit_id = $5,
            due_on = $6, due_basis = $7, objective_id = $8, action_id = $9, updated_at = $10
         WHERE id = $1",
    )
    .bind(id)
    .bind(e.subject)
    .bind(e.detail)
    .bind(e.source_ref)
    .bind(e.unit_id)
    .bind(e.due_on)
    .bind(e.due_basis)
    .bind(e.objective_id)
    .bind(e.action_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Set the due date (and its account) only.
pub(super) async fn set_due(
    conn: &mut SqliteConnection,
    id: i64,
    due_on: Option<String>,
    due_basis: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE followup_item SET due_on = $2, due_basis = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(due_on)
    .bind(due_basis)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Set the received day (a corrected request restarts its clock).
pub(super) async fn set_received(
    conn: &mut SqliteConnection,
    id: i64,
    received_on: &str,
) -> Result<()> {
    sqlx::query("UPDATE followup_item SET received_on = $2 WHERE id = $1")
        .bind(id)
        .bind(received_on)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Move an item to `status` (closing it when the status is not open), with its progress and
/// answer when given.
pub(super) async fn set_status(
    conn: &mut SqliteConnection,
    id: i64,
    status: &str,
    progress: Option<i64>,
    answer: Option<&str>,
    closed_on: Option<&str>,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE followup_item SET status = $2, progress = COALESCE($3, progress),
            answer = COALESCE($4, answer), closed_on = $5, updated_at = $6
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(progress)
    .bind(answer)
    .bind(closed_on)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Delete an item that was never worked on (its pedido left the agenda).
pub(super) async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM followup_milestone WHERE item_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM followup_item WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The item made from an agenda pedido, if any.
pub(super) async fn of_pedido(
    conn: &mut SqliteConnection,
    agenda_item_id: i64,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM followup_item WHERE agenda_item_id = $1 AND source = 'pedido'",
    )
    .bind(agenda_item_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Milestones of an item beyond its registration.
pub(super) async fn worked_on(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) > 0 FROM followup_milestone WHERE item_id = $1 AND kind <> 'registro'",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

/// A dated entry of an item's history.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Milestone {
    /// Id.
    pub id: i64,
    /// Day it happened (AAAA-MM-DD).
    pub on_date: String,
    /// `registro`, `avance`, `estado`, `plazo`, `subsanacion`, `prorroga`, `respuesta`,
    /// `derivacion` or `nota`.
    pub kind: String,
    /// What happened.
    pub note: String,
    /// Progress reported, if any.
    pub progress: Option<i64>,
    /// Status it moved the item to, if any.
    pub status: Option<String>,
    /// Attached file's name.
    pub file_name: Option<String>,
    /// Attached file's SHA-256 in the file store.
    pub file_sha256: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
}

/// A new milestone.
pub(super) struct NewMilestone<'a> {
    pub item_id: i64,
    pub on_date: NaiveDate,
    pub kind: &'a str,
    pub note: &'a str,
    pub progress: Option<i64>,
    pub status: Option<&'a str>,
    pub file: Option<(String, String)>,
    pub by: &'a str,
    pub now: &'a str,
}

pub(super) async fn add_milestone(conn: &mut SqliteConnection, m: NewMilestone<'_>) -> Result<()> {
    let (sha, name) = m.file.unzip();
    sqlx::query(
        "INSERT INTO followup_milestone (item_id, on_date, kind, note, progress, status,
            file_sha256, file_name, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(m.item_id)
    .bind(m.on_date.to_string())
    .bind(m.kind)
    .bind(m.note)
    .bind(m.progress)
    .bind(m.status)
    .bind(sha)
    .bind(name)
    .bind(m.by)
    .bind(m.now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn milestones(
    conn: &mut SqliteConnection,
    item_id: i64,
) -> Result<Vec<Milestone>> {
    Ok(sqlx::query_as(
        "SELECT id, on_date, kind, note, progress, status, file_name, file_sha256, recorded_by,
                recorded_at
         FROM followup_milestone WHERE item_id = $1 ORDER BY on_date, id",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub(super) async fn milestone(conn: &mut SqliteConnection, id: i64) -> Result<(i64, Milestone)> {
    let m: Milestone = sqlx::query_as(
        "SELECT id, on_date, kind, note, progress, status, file_name, file_sha256, recorded_by,
                recorded_at
         FROM followup_milestone WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("No existe el hito {id}.")))?;
    let item: i64 = sqlx::query_scalar("SELECT item_id FROM followup_milestone WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok((item, m))
}

/// Which items a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Open items, soonest due first.
    #[default]
    Abiertos,
    /// Open items whose due date has passed.
    Vencidos,
    /// Open items due today.
    Hoy,
    /// Open items due from today to the end of the week (its Sunday; on a weekend, the next).
    Semana,
    /// Closed items, most recently received first.
    Cerrados,
    /// Everything, most recently received first.
    Todos,
}

/// The filter of a list, already checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub kind: Option<ItemKind>,
    pub unit_id: Option<i64>,
    pub view: View,
    pub source: Option<Source>,
    pub status: Option<String>,
    pub text: Option<String>,
    pub year: Option<i64>,
    /// Only items received from the first day to the second (AAAA-MM-DD, both included).
    pub received: Option<(String, String)>,
    pub today: String,
    pub week_end: String,
}

fn push_where(q: &mut QueryBuilder<'_, Sqlite>, f: &Filter) {
    q.push(" WHERE 1 = 1");
    match f.view {
        View::Abiertos => {
            q.push(" AND i.closed_on IS NULL");
        }
        View::Vencidos => {
            q.push(" AND i.closed_on IS NULL AND i.due_on < ")
                .push_bind(f.today.clone());
        }
        View::Hoy => {
            q.push(" AND i.closed_on IS NULL AND i.due_on = ")
                .push_bind(f.today.clone());
        }
        View::Semana => {
            q.push(" AND i.closed_on IS NULL AND i.due_on >= ")
                .push_bind(f.today.clone())
                .push(" AND i.due_on <= ")
                .push_bind(f.week_end.clone());
        }
        View::Cerrados => {
            q.push(" AND i.closed_on IS NOT NULL");
        }
        View::Todos => {}
    }
    if let Some(k) = f.kind {
        q.push(" AND i.kind = ").push_bind(k);
    }
    if let Some(u) = f.unit_id {
        q.push(" AND i.unit_id = ").push_bind(u);
    }
    if let Some(s) = f.source {
        q.push(" AND i.source = ").push_bind(s);
    }
    if let Some(s) = &f.status {
        if s == "vencido" {
            q.push(" AND i.closed_on IS NULL AND i.due_on < ")
                .push_bind(f.today.clone());
        } else {
            q.push(" AND i.status = ").push_bind(s.clone());
            if matches!(s.as_str(), "pendiente" | "en_proceso") {
                q.push(" AND (i.due_on IS NULL OR i.due_on >= ")
                    .push_bind(f.today.clone())
                    .push(")");
            }
        }
    }
    if let Some(y) = f.year {
        q.push(" AND i.year = ").push_bind(y);
    }
    if let Some((from, to)) = &f.received {
        q.push(" AND i.received_on >= ")
            .push_bind(from.clone())
            .push(" AND i.received_on <= ")
            .push_bind(to.clone());
    }
    if let Some(t) = &f.text {
        let like = format!("%{}%", t.replace(['%', '_'], ""));
        q.push(" AND (i.subject LIKE ")
            .push_bind(like.clone())
            .push(" OR i.source_ref LIKE ")
            .push_bind(like.clone())
            // IN (subquery) is computed once per query, not once per row like EXISTS.
            .push(" OR i.id IN (SELECT item_id FROM info_request WHERE requester LIKE ")
            .push_bind(like.clone())
            .push(") OR i.id IN (SELECT item_id FROM citizen_complaint WHERE citizen LIKE ")
            .push_bind(like)
            .push("))");
    }
}

/// A page of items and the count over all pages.
pub(crate) async fn list(
    conn: &mut SqliteConnection,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<ItemRecord>)> {
    let mut count: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT count(*) FROM followup_item i");
    push_where(&mut count, f);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    // The page's ids first, from the indexes alone (skipping `offset` rows costs no joins),
    // then their rows with the labels.
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT i.id FROM followup_item i");
    push_where(&mut q, f);
    match f.view {
        View::Cerrados | View::Todos => q.push(" ORDER BY i.received_on DESC, i.id DESC"),
        _ => q.push(" ORDER BY i.due_on IS NULL, i.due_on, i.id"),
    };
    q.push(" LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    let ids: Vec<i64> = q.build_query_scalar().fetch_all(&mut *conn).await?;
    if ids.is_empty() {
        return Ok((total, vec![]));
    }
    let mut rows: QueryBuilder<Sqlite> = QueryBuilder::new(SELECT);
    rows.push(" WHERE i.id IN (");
    let mut sep = rows.separated(", ");
    for id in &ids {
        sep.push_bind(*id);
    }
    rows.push(")");
    let mut found: Vec<ItemRecord> = rows.build_query_as().fetch_all(&mut *conn).await?;
    let at: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    found.sort_by_key(|r| at.get(&r.id).copied().unwrap_or(usize::MAX));
    Ok((total, found))
}

/// The counts of open items the home screen shows, for one unit or all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenCounts {
    /// Open items.
    pub open: i64,
    /// Open items whose due date has passed.
    pub overdue: i64,
    /// Open items due today.
    pub today: i64,
    /// Open items due from today to the end of the week (see `items::week_end`).
    pub week: i64,
}

/// Counts of open items of `kind` (or every kind), in `unit` (or every unit), on `today`.
pub async fn open_counts(
    conn: &mut SqliteConnection,
    kind: Option<ItemKind>,
    unit: Option<i64>,
    today: &str,
    week_end: &str,
) -> Result<OpenCounts> {
    let (open, overdue, due_today, week): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT count(*),
                COALESCE(sum(due_on < $3), 0),
                COALESCE(sum(due_on = $3), 0),
                COALESCE(sum(due_on >= $3 AND due_on <= $4), 0)
         FROM followup_item
         WHERE closed_on IS NULL AND ($1 IS NULL OR kind = $1) AND ($2 IS NULL OR unit_id = $2)",
    )
    .bind(kind)
    .bind(unit)
    .bind(today)
    .bind(week_end)
    .fetch_one(&mut *conn)
    .await?;
    Ok(OpenCounts {
        open,
        overdue,
        today: due_today,
        week,
    })
}

/// An information request's own facts.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct InfoRequest {
    /// When it was filed (AAAA-MM-DDTHH:MM, local time).
    pub filed_at: String,
    /// `presencial`, `correo`, `portal` or `carta`.
    pub channel: String,
    /// Who asks.
    pub requester: String,
    /// Their identity document (DNI, RUN, carné de extranjería…).
    pub requester_doc: String,
    /// Postal address.
    pub address: String,
    /// E-mail.
    pub email: String,
    /// Telephone.
    pub phone: String,
    /// How the information is to be delivered (copia simple, correo electrónico, CD…).
    pub delivery: String,
    /// `en_tramite`, `en_subsanacion`, `prorrogada`, `entregada`, `entregada_parcial`,
    /// `denegada`, `desistida` or `no_subsanada`.
    pub state: String,
    /// The legal due date before any extension.
    pub legal_due_on: Option<String>,
    /// When a correction was asked for.
    pub correction_asked_on: Option<String>,
    /// Last day for the requester to correct.
    pub correction_due_on: Option<String>,
    /// What must be corrected.
    pub correction_note: String,
    /// When the correction came in.
    pub corrected_on: Option<String>,
    /// When the extension was communicated.
    pub extended_on: Option<String>,
    /// Why.
    pub extension_reason: String,
    /// When it was answered.
    pub answered_on: Option<String>,
    /// The legal ground of a denial.
    pub denial_ground: String,
    /// Reproduction cost in céntimos (centavos).
    pub cost_cents: i64,
    /// Working days from receipt to the answer.
    pub days_taken: Option<i64>,
}

pub(super) async fn insert_request(
    conn: &mut SqliteConnection,
    item_id: i64,
    r: &InfoRequest,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO info_request (item_id, filed_at, channel, requester, requester_doc, address,
            email, phone, delivery, state, legal_due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(item_id)
    .bind(&r.filed_at)
    .bind(&r.channel)
    .bind(&r.requester)
    .bind(&r.requester_doc)
    .bind(&r.address)
    .bind(&r.email)
    .bind(&r.phone)
    .bind(&r.delivery)
    .bind(&r.state)
    .bind(&r.legal_due_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn request(
    conn: &mut SqliteConnection,
    item_id: i64,
) -> Result<Option<InfoRequest>> {
    Ok(sqlx::query_as(
        "SELECT filed_at, channel, requester, requester_doc, address, email, phone, delivery,
                state, legal_due_on, correction_asked_on, correction_due_on, correction_note,
                corrected_on, extended_on, extension_reason, answered_on, denial_ground,
                cost_cents, days_taken
         FROM info_request WHERE item_id = $1",
    )
    .bind(item_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Write back every changeable fact of a request.
pub(super) async fn save_request(
    conn: &mut SqliteConnection,
    item_id: i64,
    r: &InfoRequest,
) -> Result<()> {
    sqlx::query(
        "UPDATE info_request SET state = $2, legal_due_on = $3, correction_asked_on = $4,
            correction_due_on = $5, correction_note = $6, corrected_on = $7, extended_on = $8,
            extension_reason = $9, answered_on = $10, denial_ground = $11, cost_cents = $12,
            days_taken = $13
         WHERE item_id = $1",
    )
    .bind(item_id)
    .bind(&r.state)
    .bind(&r.legal_due_on)
    .bind(&r.correction_asked_on)
    .bind(&r.correction_due_on)
    .bind(&r.correction_note)
    .bind(&r.corrected_on)
    .bind(&r.extended_on)
    .bind(&r.extension_reason)
    .bind(&r.answered_on)
    .bind(&r.denial_ground)
    .bind(r.cost_cents)
    .bind(r.days_taken)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A complaint's own facts.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Complaint {
    /// `reclamo`, `queja` or `consulta`.
    #[sqlx(rename = "type")]
    pub complaint_type: String,
    /// `presencial`, `correo`, `portal`, `telefono` or `carta`.
    pub channel: String,
    /// Who files it.
    pub citizen: String,
    /// Their identity document.
    pub citizen_doc: String,
    /// How to reach them.
    pub contact: String,
}

pub(super) async fn insert_complaint(
    conn: &mut SqliteConnection,
    item_id: i64,
    c: &Complaint,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO citizen_complaint (item_id, type, channel, citizen, citizen_doc, contact)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(item_id)
    .bind(&c.complaint_type)
    .bind(&c.channel)
    .bind(&c.citizen)
    .bind(&c.citizen_doc)
    .bind(&c.contact)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn complaint(
    conn: &mut SqliteConnection,
    item_id: i64,
) -> Result<Option<Complaint>> {
    Ok(sqlx::query_as(
        "SELECT type, channel, citizen, citizen_doc, contact FROM citizen_complaint WHERE item_id = $1",
    )
    .bind(item_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Whether a plan element exists (published by the plans).
pub(super) async fn plan_element(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT unit_id, code || ' ' || statement FROM plan_element_label WHERE kind = $1 AND id = $2",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A norm of the registry (published by the norms): kind, identifier (sealed) and title.
pub(super) async fn norm(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(String, Option<String>, String)>> {
    Ok(
        sqlx::query_as("SELECT kind, identifier, title FROM norm_label WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The items that come from a norm (at most 200, oldest first).
pub(super) async fn of_norm(conn: &mut SqliteConnection, norm_id: i64) -> Result<Vec<ItemRecord>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE i.norm_id = $1 ORDER BY i.id LIMIT 200"
    ))
    .bind(norm_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// One request of the register of information requests: the item and its request's facts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct RegisterRow {
    pub id: i64,
    pub seq: i64,
    pub year: i64,
    pub subject: String,
    pub unit_name: String,
    pub due_on: Option<String>,
    pub status: String,
    pub closed_on: Option<String>,
    #[sqlx(flatten)]
    pub request: InfoRequest,
}

/// A page of the information requests numbered in `year` (of `unit`, or every unit), in the
/// order they were numbered, after the request `after_id`: the register is read page by page,
/// never whole.
pub(crate) async fn register_page(
    conn: &mut SqliteConnection,
    year: i64,
    unit: Option<i64>,
    after_id: i64,
    limit: i64,
) -> Result<Vec<RegisterRow>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.seq, i.year, i.subject, COALESCE(u.name, '') AS unit_name, i.due_on,
                i.status, i.closed_on, r.filed_at, r.channel, r.requester, r.requester_doc,
                r.address, r.email, r.phone, r.delivery, r.state, r.legal_due_on,
                r.correction_asked_on, r.correction_due_on, r.correction_note, r.corrected_on,
                r.extended_on, r.extension_reason, r.answered_on, r.denial_ground, r.cost_cents,
                r.days_taken
         FROM followup_item i
         JOIN info_request r ON r.item_id = i.id
         LEFT JOIN unit_label u ON u.id = i.unit_id
         WHERE i.kind = 'solicitud' AND i.year = $1 AND ($2 IS NULL OR i.unit_id = $2)
           AND i.id > $3
         ORDER BY i.id LIMIT $4",
    )
    .bind(year)
    .bind(unit)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// How a report groups its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupBy {
    /// Every item, per responsible unit (in the chart's order).
    Unit,
    /// The encargos of the council's norms, per source (`acuerdo`, `ordenanza`).
    NormKind,
    /// The encargos of the council's norms, per norm (its identifier, or its title while a
    /// draft).
    Norm,
}

/// Counts of a group of items by status, grouped in SQL.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct Counts {
    /// What the group is: the unit's name, the source's code or the norm.
    pub label: String,
    /// Items counted.
    pub total: i64,
    /// Open, due date not passed (or none).
    pub open: i64,
    /// Open with the due date passed.
    pub overdue: i64,
    /// Attended.
    pub attended: i64,
    /// Attended on or before their due date.
    pub on_time: i64,
    /// Archived without attention.
    pub archived: i64,
}

/// Items received from `from` to `to` (of `unit`, or all), grouped `by`, with their status on
/// `today`.
pub(crate) async fn counts(
    conn: &mut SqliteConnection,
    by: GroupBy,
    from: &str,
    to: &str,
    unit: Option<i64>,
    today: &str,
) -> Result<Vec<Counts>> {
    const NORMS: &str = " AND i.source IN ('acuerdo', 'ordenanza')";
    let (label, only, group) = match by {
        GroupBy::Unit => (
            "COALESCE(u.name, '')",
            "",
            "i.unit_id ORDER BY min(u.sort_order), label",
        ),
        GroupBy::NormKind => ("i.source", NORMS, "i.source ORDER BY i.source"),
        GroupBy::Norm => (
            "COALESCE(n.identifier, n.title, i.source_ref)",
            NORMS,
            "COALESCE(i.norm_id, 0), i.source_ref ORDER BY min(i.id)",
        ),
    };
    Ok(sqlx::query_as(&format!(
        "SELECT {label} AS label, count(*) AS total,
                COALESCE(sum(i.closed_on IS NULL AND (i.due_on IS NULL OR i.due_on >= $4)), 0) AS open,
                COALESCE(sum(i.closed_on IS NULL AND i.due_on < $4), 0) AS overdue,
                COALESCE(sum(i.status = 'atendido'), 0) AS attended,
                COALESCE(sum(i.status = 'atendido' AND (i.due_on IS NULL OR i.closed_on <= i.due_on)), 0) AS on_time,
                COALESCE(sum(i.status = 'archivado'), 0) AS archived
         FROM followup_item i
         LEFT JOIN unit_label u ON u.id = i.unit_id
         LEFT JOIN norm_label n ON n.id = i.norm_id
         WHERE i.received_on >= $1 AND i.received_on <= $2 AND ($3 IS NULL OR i.unit_id = $3){only}
         GROUP BY {group}"
    ))
    .bind(from)
    .bind(to)
    .bind(unit)
    .bind(today)
    .fetch_all(&mut *conn)
    .await?)
}

/// A page of the encargos of the council's norms received from `from` to `to`, by norm and
/// number, after position `after` (keyset: norm id, item id).
pub(crate) async fn norm_items_page(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
    unit: Option<i64>,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<ItemRecord>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE i.source IN ('acuerdo', 'ordenanza') AND i.received_on >= $1
           AND i.received_on <= $2 AND ($3 IS NULL OR i.unit_id = $3)
           AND (COALESCE(i.norm_id, 0) > $4 OR (COALESCE(i.norm_id, 0) = $4 AND i.id > $5))
         ORDER BY COALESCE(i.norm_id, 0), i.id LIMIT $6"
    ))
    .bind(from)
    .bind(to)
    .bind(unit)
    .bind(after.0)
    .bind(after.1)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The indicators of information requests of one month of receipt (or the whole period when
/// `month` is none), grouped in SQL.
#[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow)]
pub(crate) struct RequestStats {
    /// Month of receipt, 1–12 (none: the period's total).
    pub month: Option<i64>,
    pub received: i64,
    /// Answered: delivered, partly delivered or denied.
    pub answered: i64,
    /// Answered on or before the due date (with its extension).
    pub in_time: i64,
    /// Answered after it.
    pub late: i64,
    /// Denied, wholly or in part.
    pub denied: i64,
    /// Still open.
    pub pending: i64,
    /// Withdrawn or not corrected.
    pub withdrawn: i64,
    /// Working days taken to answer: mean and maximum.
    pub avg_days: Option<f64>,
    pub max_days: Option<i64>,
}

const REQUEST_STATS: &str = "count(*) AS received,
        COALESCE(sum(r.answered_on IS NOT NULL), 0) AS answered,
        COALESCE(sum(r.answered_on IS NOT NULL AND r.answered_on <= i.due_on), 0) AS in_time,
        COALESCE(sum(r.answered_on IS NOT NULL AND r.answered_on > i.due_on), 0) AS late,
        COALESCE(sum(r.state IN ('denegada', 'entregada_parcial')), 0) AS denied,
        COALESCE(sum(i.closed_on IS NULL), 0) AS pending,
        COALESCE(sum(r.state IN ('desistida', 'no_subsanada')), 0) AS withdrawn,
        avg(r.days_taken) AS avg_days, max(r.days_taken) AS max_days
     FROM followup_item i JOIN info_request r ON r.item_id = i.id
     WHERE i.kind = 'solicitud' AND i.received_on >= $1 AND i.received_on <= $2
       AND ($3 IS NULL OR i.unit_id = $3)";

/// The years in which information requests were received, newest first.
pub(crate) async fn request_years(conn: &mut SqliteConnection) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT CAST(substr(received_on, 1, 4) AS INTEGER) AS year FROM followup_item
         WHERE kind = 'solicitud' ORDER BY year DESC",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Requests received from `from` to `to`, per month of receipt, then the total.
pub(crate) async fn request_stats(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
    unit: Option<i64>,
) -> Result<(Vec<RequestStats>, RequestStats)> {
    let months: Vec<RequestStats> = sqlx::query_as(&format!(
        "SELECT CAST(strftime('%m', i.received_on) AS INTEGER) AS month, {REQUEST_STATS}
         GROUP BY month ORDER BY month"
    ))
    .bind(from)
    .bind(to)
    .bind(unit)
    .fetch_all(&mut *conn)
    .await?;
    let total: RequestStats = sqlx::query_as(&format!("SELECT NULL AS month, {REQUEST_STATS}"))
        .bind(from)
        .bind(to)
        .bind(unit)
        .fetch_one(&mut *conn)
        .await?;
    Ok((months, total))
}

/// One unit's encargos in a month: open at its end, received, attended, overdue at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct UnitMonth {
    pub unit_name: String,
    pub open: i64,
    pub received: i64,
    pub attended: i64,
    pub overdue: i64,
}

/// The encargos of each unit in the month `first`–`last` as they stood on `as_of` (the month's
/// last day, or today while it runs).
pub(crate) async fn month_by_unit(
    conn: &mut SqliteConnection,
    first: &str,
    as_of: &str,
) -> Result<Vec<UnitMonth>> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(u.name, '') AS unit_name,
                COALESCE(sum(i.closed_on IS NULL OR i.closed_on > $2), 0) AS open,
                COALESCE(sum(i.received_on >= $1), 0) AS received,
                COALESCE(sum(i.status = 'atendido' AND i.closed_on >= $1 AND i.closed_on <= $2), 0) AS attended,
                COALESCE(sum((i.closed_on IS NULL OR i.closed_on > $2) AND i.due_on < $2), 0) AS overdue
         FROM followup_item i LEFT JOIN unit_label u ON u.id = i.unit_id
         WHERE i.kind = 'encargo' AND i.received_on <= $2
           AND (i.closed_on IS NULL OR i.closed_on >= $1)
         GROUP BY i.unit_id
         ORDER BY min(u.sort_order), unit_name",
    )
    .bind(first)
    .bind(as_of)
    .fetch_all(&mut *conn)
    .await?)
}

/// The encargos open and overdue on `as_of`, most overdue first (at most `limit`), and how
/// many there are.
pub(crate) async fn overdue_on(
    conn: &mut SqliteConnection,
    as_of: &str,
    limit: i64,
) -> Result<(i64, Vec<ItemRecord>)> {
    const OVERDUE: &str = "i.kind = 'encargo' AND i.received_on <= $1
        AND (i.closed_on IS NULL OR i.closed_on > $1) AND i.due_on < $1";
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM followup_item i WHERE {OVERDUE}"
    ))
    .bind(as_of)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(&format!(
        "{SELECT} WHERE {OVERDUE} ORDER BY i.due_on, i.id LIMIT $2"
    ))
    .bind(as_of)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok((count, rows))
}

/// The day an item was filed or given (its registration), which may come before the day it
/// counts as received (a filing on a weekend or after hours).
pub(crate) async fn filed_on(conn: &mut SqliteConnection, r: &ItemRecord) -> Result<NaiveDate> {
    let registered: Option<String> = sqlx::query_scalar(
        "SELECT min(on_date) FROM followup_milestone WHERE item_id = $1 AND kind = 'registro'",
    )
    .bind(r.id)
    .fetch_one(&mut *conn)
    .await?;
    let received = NaiveDate::parse_from_str(&r.received_on, "%Y-%m-%d").map_err(|_| {
        Error::Internal(format!("fecha de recepción dañada en el registro {}", r.id))
    })?;
    Ok(registered
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .map_or(received, |d| d.min(received)))
}
