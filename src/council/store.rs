//! The council's tables (`council_term`, `council_member`, `council_member_status`): the only
//! code that touches them. Names come from the organisation's `person_name` view.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{CouncilMember, CouncilRole, CouncilTerm, MemberStatus, StatusPeriod};
use crate::error::Result;

const TERM_SELECT: &str = "SELECT t.id, t.name, t.start_date, t.end_date,
    (SELECT count(DISTINCT seat) FROM council_member m WHERE m.term_id = t.id) AS legal_size
    FROM council_term t";

/// Every term, newest first.
pub async fn terms(conn: &mut SqliteConnection) -> Result<Vec<CouncilTerm>> {
    Ok(
        sqlx::query_as(&format!("{TERM_SELECT} ORDER BY t.start_date DESC"))
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// One term.
pub async fn term(conn: &mut SqliteConnection, id: i64) -> Result<Option<CouncilTerm>> {
    Ok(sqlx::query_as(&format!("{TERM_SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The name of a term that shares a day with `start`–`end`.
pub(super) async fn overlapping_term(
    conn: &mut SqliteConnection,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM council_term WHERE start_date <= $1 AND end_date >= $2 LIMIT 1",
    )
    .bind(end)
    .bind(start)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The term in force on `date`.
pub async fn term_on(conn: &mut SqliteConnection, date: NaiveDate) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM council_term WHERE start_date <= $1 AND end_date >= $1")
            .bind(date)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Store a term; its id.
pub(super) async fn term_insert(
    conn: &mut SqliteConnection,
    name: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO council_term (name, start_date, end_date) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(start)
    .bind(end)
    .fetch_one(&mut *conn)
    .await?)
}

const MEMBER_SELECT: &str = "SELECT m.id, m.term_id, m.person_id,
    p.full_name AS person_name, p.doc_type, p.doc_number, m.role, p.gender, m.party,
    m.seat, m.from_date, m.to_date,
    CASE WHEN m.from_date > $1 OR (m.to_date IS NOT NULL AND m.to_date < $1) THEN 'fuera'
         ELSE coalesce(s.status, 'activo') END AS status,
    s.from_date AS status_since, s.to_date AS status_until,
    (m.from_date <= $1 AND (m.to_date IS NULL OR m.to_date >= $1) AND coalesce(s.status, 'activo') = 'activo') AS able
    FROM council_member m
    JOIN person_name p ON p.id = m.person_id
    LEFT JOIN council_member_status s ON s.id = (
        SELECT s2.id FROM council_member_status s2
        WHERE s2.member_id = m.id AND s2.from_date <= $1 AND (s2.to_date IS NULL OR s2.to_date >= $1)
        ORDER BY s2.from_date DESC, s2.id DESC LIMIT 1)";

/// Members of a term with their status on `date`, by seat.
pub(super) async fn members_on(
    conn: &mut SqliteConnection,
    term_id: i64,
    date: NaiveDate,
) -> Result<Vec<CouncilMember>> {
    Ok(sqlx::query_as(&format!(
        "{MEMBER_SELECT} WHERE m.term_id = $2 ORDER BY m.seat, m.from_date"
    ))
    .bind(date)
    .bind(term_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// One member with the status on `date`.
pub(super) async fn member(
    conn: &mut SqliteConnection,
    id: i64,
    date: NaiveDate,
) -> Result<Option<CouncilMember>> {
    Ok(sqlx::query_as(&format!("{MEMBER_SELECT} WHERE m.id = $2"))
        .bind(date)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether `person_id` is already a member of the council of `term_id`.
pub(super) async fn is_member(
    conn: &mut SqliteConnection,
    term_id: i64,
    person_id: i64,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM council_member WHERE term_id = $1 AND person_id = $2",
    )
    .bind(term_id)
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Whether the term already has an alcalde.
pub(super) async fn has_alcalde(conn: &mut SqliteConnection, term_id: i64) -> Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM council_member WHERE term_id = $1 AND role = $2")
            .bind(term_id)
            .bind(CouncilRole::Alcalde)
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// The next free seat of the term (seats of regidores start at 1).
pub(super) async fn next_seat(conn: &mut SqliteConnection, term_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT coalesce(max(seat), 0) + 1 FROM council_member WHERE term_id = $1",
    )
    .bind(term_id)
    .fetch_one(&mut *conn)
    .await?
    .max(1))
}

/// A member being added.
pub(super) struct NewMember<'a> {
    /// Term.
    pub term_id: i64,
    /// Person.
    pub person_id: i64,
    /// Alcalde or regidor.
    pub role: CouncilRole,
    /// Party, trimmed.
    pub party: &'a str,
    /// Seat.
    pub seat: i64,
    /// First day in office.
    pub from: NaiveDate,
    /// Last day in office.
    pub to: Option<NaiveDate>,
}

/// Store a member; the id.
pub(super) async fn member_insert(conn: &mut SqliteConnection, m: &NewMember<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO council_member (term_id, person_id, role, party, seat, from_date, to_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(m.term_id)
    .bind(m.person_id)
    .bind(m.role)
    .bind(m.party)
    .bind(m.seat)
    .bind(m.from)
    .bind(m.to)
    .fetch_one(&mut *conn)
    .await?)
}

/// Rewrite a member's party and days in office.
pub(super) async fn member_update(
    conn: &mut SqliteConnection,
    id: i64,
    party: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> Result<()> {
    sqlx::query("UPDATE council_member SET party = $1, from_date = $2, to_date = $3 WHERE id = $4")
        .bind(party)
        .bind(from)
        .bind(to)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const STATUS_SELECT: &str =
    "SELECT id, member_id, status, from_date, to_date, note FROM council_member_status";

/// The status periods of a member, oldest first.
pub(super) async fn statuses(
    conn: &mut SqliteConnection,
    member_id: i64,
) -> Result<Vec<StatusPeriod>> {
    Ok(sqlx::query_as(&format!(
        "{STATUS_SELECT} WHERE member_id = $1 ORDER BY from_date"
    ))
    .bind(member_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The status periods of a member, newest first.
pub(super) async fn statuses_newest_first(
    conn: &mut SqliteConnection,
    member_id: i64,
) -> Result<Vec<StatusPeriod>> {
    Ok(sqlx::query_as(&format!(
        "{STATUS_SELECT} WHERE member_id = $1 ORDER BY from_date DESC, id DESC"
    ))
    .bind(member_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Close status period `id` on `to`.
pub(super) async fn status_close(
    conn: &mut SqliteConnection,
    id: i64,
    to: NaiveDate,
) -> Result<()> {
    sqlx::query("UPDATE council_member_status SET to_date = $1 WHERE id = $2")
        .bind(to)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Store a status period.
pub(super) async fn status_insert(
    conn: &mut SqliteConnection,
    member_id: i64,
    status: MemberStatus,
    from: NaiveDate,
    to: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO council_member_status (member_id, status, from_date, to_date, note) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(member_id)
    .bind(status)
    .bind(from)
    .bind(to)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
