//! Numbering series: one correlative per kind of norm or record, gap-free and unique.
//!
//! A number is assigned inside the same transaction as the record it numbers (callers pass
//! their connection), so a failed request never burns a number. Requests that write run under
//! `BEGIN IMMEDIATE`, which serializes assignment across processes. An annulled number keeps
//! its place.

mod historical;
mod lookup;
mod organs;
pub mod pattern;
mod seeds;

pub use historical::{historical_slot, register_historical, HistoricalSlot};
pub use lookup::{link_record, series_needs_session};
pub use organs::{create_organ_series, rename_series, series_organ};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::municipality;
use seeds::{CL_SERIES, PE_SERIES};

/// When a series starts again at 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum ResetPeriod {
    /// `yearly`: every 1 January (the pattern must carry the year).
    Yearly,
    /// `never`: one correlative for ever.
    Never,
}

/// A numbering series.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Series {
    /// Id.
    pub id: i64,
    /// Stable code used by other areas (`ordenanza`, `acuerdo`, `sesion-ordinaria`…).
    pub code: String,
    /// Spanish name.
    pub name: String,
    /// Organ abbreviation for `{organo}`.
    pub organ: String,
    /// Identifier pattern.
    pub pattern: String,
    /// `yearly` or `never`.
    pub reset: ResetPeriod,
    /// The identifier the next number would get today (without session kind).
    pub next_preview: String,
}

#[derive(sqlx::FromRow)]
struct SeriesRow {
    id: i64,
    code: String,
    name: String,
    organ: String,
    pattern: String,
    reset: ResetPeriod,
}

/// A number given to a record.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Assignment {
    /// Id.
    pub id: i64,
    /// Series code.
    pub series: String,
    /// Year of the period (0 when the series never resets).
    pub period: i64,
    /// Correlative number.
    pub number: i64,
    /// Full identifier as printed.
    pub identifier: String,
    /// Date of the record.
    pub date: String,
    /// Kind of the record numbered (null for a number reserved by hand).
    pub record_kind: Option<String>,
    /// Id of the record numbered.
    pub record_id: Option<i64>,
    /// When the number was given.
    pub assigned_at: String,
    /// When it was annulled, if it was.
    pub annulled_at: Option<String>,
    /// Why it was annulled.
    pub annul_reason: Option<String>,
    /// Given before Cabildo and registered when the municipality's history was imported.
    pub historical: bool,
}

/// A preview of an identifier.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Preview {
    /// The identifier.
    pub identifier: String,
    /// The number.
    pub number: i64,
    /// The period (year, or 0).
    pub year: i64,
}

/// Create the country's default series (when the municipality is created).
pub async fn seed_series(conn: &mut SqliteConnection, country: &str) -> Result<()> {
    let seeds = if country == "CL" {
        CL_SERIES
    } else {
        PE_SERIES
    };
    for s in seeds {
        sqlx::query(
            "INSERT INTO numbering_series (code, name, organ, pattern, reset) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(s.code)
        .bind(s.name)
        .bind(s.organ)
        .bind(s.pattern)
        .bind(s.reset)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn siglas(conn: &mut SqliteConnection) -> Result<String> {
    municipality::short_name(conn)
        .await?
        .ok_or_else(|| Error::Conflict("Primero cree la municipalidad.".into()))
}

/// How many numbering series there are.
pub async fn series_count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM numbering_series")
        .fetch_one(&mut *conn)
        .await?)
}

async fn series_row(conn: &mut SqliteConnection, code: &str) -> Result<SeriesRow> {
    sqlx::query_as(
        "SELECT id, code, name, organ, pattern, reset FROM numbering_series WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        Error::field(
            "series",
            format!("No existe la serie de numeración «{code}»."),
        )
    })
}

fn period_of(reset: ResetPeriod, date: NaiveDate) -> i64 {
    if reset == ResetPeriod::Yearly {
        i64::from(date.year())
    } else {
        0
    }
}

async fn next_number(conn: &mut SqliteConnection, series_id: i64, period: i64) -> Result<i64> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT last_number FROM numbering_counter WHERE series_id = $1 AND period = $2",
    )
    .bind(series_id)
    .bind(period)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(last.unwrap_or(0) + 1)
}

fn render_for(
    row: &SeriesRow,
    siglas: &str,
    number: i64,
    date: NaiveDate,
    session_kind: Option<&str>,
) -> Result<String> {
    pattern::render(
        &row.pattern,
        &pattern::Fill {
            number,
            year: date.year(),
            siglas,
            organ: &row.organ,
            session_kind,
        },
    )
}

async fn to_series(
    conn: &mut SqliteConnection,
    row: SeriesRow,
    today: NaiveDate,
) -> Result<Series> {
    let siglas = siglas(conn).await?;
    let n = next_number(conn, row.id, period_of(row.reset, today)).await?;
    // The list shows the identifier with an ordinary session when the series needs a kind.
    let kind = pattern::needs_session(&row.pattern).then_some("ordinaria");
    let next_preview = render_for(&row, &siglas, n, today, kind)?;
    Ok(Series {
        id: row.id,
        code: row.code,
        name: row.name,
        organ: row.organ,
        pattern: row.pattern,
        reset: row.reset,
        next_preview,
    })
}

/// `numbering.series.list`.
pub async fn series_list(conn: &mut SqliteConnection, ctx: &Ctx, _p: Empty) -> Result<Vec<Series>> {
    let rows: Vec<SeriesRow> = sqlx::query_as(
        "SELECT id, code, name, organ, pattern, reset FROM numbering_series ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(to_series(conn, row, ctx.today).await?);
    }
    Ok(out)
}

/// Params of `numbering.series.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingSeriesCreate {
    /// Stable code (lowercase letters, digits and dashes).
    pub code: String,
    /// Spanish name.
    pub name: String,
    /// Organ abbreviation for `{organo}`.
    pub organ: String,
    /// Identifier pattern.
    pub pattern: String,
    /// `yearly` or `never`.
    pub reset: ResetPeriod,
}

fn validate_series(name: &str, organ: &str, pattern: &str, reset: ResetPeriod) -> Result<()> {
    if name.trim().chars().count() < 3 {
        return Err(Error::field(
            "name",
            "Escriba el nombre de la serie (por ejemplo «Ordenanzas municipales»).",
        ));
    }
    if organ.chars().count() > 20 {
        return Err(Error::field(
            "organ",
            "La sigla del órgano no puede pasar de 20 caracteres.",
        ));
    }
    pattern::validate(pattern, reset)
}

/// `numbering.series.create`.
pub async fn series_create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingSeriesCreate,
) -> Result<Series> {
    let code = p.code.trim().to_lowercase();
    if code.len() < 2
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::field(
            "code",
            "El código usa minúsculas sin tildes, dígitos y guiones (por ejemplo «directiva»).",
        ));
    }
    validate_series(&p.name, &p.organ, &p.pattern, p.reset)?;
    let exists: i64 = sqlx::query_scalar("SELECT count(*) FROM numbering_series WHERE code = $1")
        .bind(&code)
        .fetch_one(&mut *conn)
        .await?;
    if exists > 0 {
        return Err(Error::field(
            "code",
            format!("Ya existe una serie con el código «{code}»."),
        ));
    }
    sqlx::query(
        "INSERT INTO numbering_series (code, name, organ, pattern, reset) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&code)
    .bind(p.name.trim())
    .bind(p.organ.trim())
    .bind(p.pattern.trim())
    .bind(p.reset)
    .execute(&mut *conn)
    .await?;
    let row = series_row(conn, &code).await?;
    to_series(conn, row, ctx.today).await
}

/// Params of `numbering.series.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingSeriesUpdate {
    /// Series id.
    pub id: i64,
    /// Spanish name.
    pub name: String,
    /// Organ abbreviation.
    pub organ: String,
    /// Identifier pattern (identifiers already given keep their text).
    pub pattern: String,
    /// `yearly` or `never`.
    pub reset: ResetPeriod,
}

/// `numbering.series.update`.
pub async fn series_update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingSeriesUpdate,
) -> Result<Series> {
    validate_series(&p.name, &p.organ, &p.pattern, p.reset)?;
    let code: Option<String> =
        sqlx::query_scalar("SELECT code FROM numbering_series WHERE id = $1")
            .bind(p.id)
            .fetch_optional(&mut *conn)
            .await?;
    let code = code.ok_or_else(|| Error::NotFound(format!("No existe la serie {}.", p.id)))?;
    let current = series_row(conn, &code).await?;
    if current.reset != p.reset {
        let used: i64 =
            sqlx::query_scalar("SELECT count(*) FROM numbering_assignment WHERE series_id = $1")
                .bind(p.id)
                .fetch_one(&mut *conn)
                .await?;
        if used > 0 {
            return Err(Error::field(
                "reset",
                "La serie ya tiene números asignados: no se puede cambiar su reinicio. Cree una serie nueva.",
            ));
        }
    }
    sqlx::query(
        "UPDATE numbering_series SET name = $1, organ = $2, pattern = $3, reset = $4 WHERE id = $5",
    )
    .bind(p.name.trim())
    .bind(p.organ.trim())
    .bind(p.pattern.trim())
    .bind(p.reset)
    .bind(p.id)
    .execute(&mut *conn)
    .await?;
    let row = series_row(conn, &code).await?;
    to_series(conn, row, ctx.today).await
}

/// Params of `numbering.pattern.preview`: render a pattern being edited.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingPatternPreview {
    /// Pattern.
    pub pattern: String,
    /// `yearly` or `never`.
    pub reset: ResetPeriod,
    /// Organ abbreviation.
    pub organ: String,
    /// Number to show (default 1).
    pub number: Option<i64>,
    /// Date (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// Session kind (default ordinaria when the pattern needs one).
    pub session_kind: Option<String>,
}

/// `numbering.pattern.preview`.
pub async fn pattern_preview(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingPatternPreview,
) -> Result<Preview> {
    pattern::validate(&p.pattern, p.reset)?;
    let date = p.date.unwrap_or(ctx.today);
    let number = p.number.unwrap_or(1).max(1);
    let siglas = siglas(conn).await?;
    let kind = p
        .session_kind
        .as_deref()
        .or(pattern::needs_session(&p.pattern).then_some("ordinaria"));
    let identifier = pattern::render(
        &p.pattern,
        &pattern::Fill {
            number,
            year: date.year(),
            siglas: &siglas,
            organ: p.organ.trim(),
            session_kind: kind,
        },
    )?;
    Ok(Preview {
        identifier,
        number,
        year: period_of(p.reset, date),
    })
}

/// Params of `numbering.preview`: the next identifier of a series.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingPreview {
    /// Series code.
    pub series: String,
    /// Date of the record (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// Session kind, for series that carry it.
    pub session_kind: Option<String>,
}

/// `numbering.preview`.
pub async fn preview(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingPreview,
) -> Result<Preview> {
    let row = series_row(conn, &p.series).await?;
    let date = p.date.unwrap_or(ctx.today);
    let period = period_of(row.reset, date);
    let number = next_number(conn, row.id, period).await?;
    let siglas = siglas(conn).await?;
    let identifier = render_for(&row, &siglas, number, date, p.session_kind.as_deref())?;
    Ok(Preview {
        identifier,
        number,
        year: period,
    })
}

/// Params of `numbering.assign`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingAssign {
    /// Series code.
    pub series: String,
    /// Date of the record.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Session kind, for series that carry it.
    pub session_kind: Option<String>,
    /// Kind of record numbered (null: a number reserved by hand for an outside document).
    pub record_kind: Option<String>,
    /// Id of the record numbered.
    pub record_id: Option<i64>,
}

const ASSIGNMENT_SELECT: &str =
    "SELECT a.id, s.code AS series, a.period, a.number, a.identifier, a.date,
    a.record_kind, a.record_id, a.assigned_at, a.annulled_at, a.annul_reason, a.historical
    FROM numbering_assignment a JOIN numbering_series s ON s.id = a.series_id";

/// The latest number of a series given, in the period of `date`, with a date after `date`:
/// what makes `assign` refuse that date, so a caller can say it in its own words first.
pub async fn later_than(
    conn: &mut SqliteConnection,
    series: &str,
    date: NaiveDate,
) -> Result<Option<Assignment>> {
    let row = series_row(conn, series).await?;
    let period = period_of(row.reset, date);
    Ok(sqlx::query_as(&format!(
        "{ASSIGNMENT_SELECT} WHERE a.series_id = $1 AND a.period = $2 AND a.date > $3
         ORDER BY a.date DESC, a.number DESC LIMIT 1"
    ))
    .bind(row.id)
    .bind(period)
    .bind(date.to_string())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Give the next number of a series to a record, inside the caller's transaction.
pub async fn assign(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &NumberingAssign,
) -> Result<Assignment> {
    let row = series_row(conn, &p.series).await?;
    let date = p.date;
    let period = period_of(row.reset, date);
    let last_date: Option<String> = sqlx::query_scalar(
        "SELECT max(date) FROM numbering_assignment WHERE series_id = $1 AND period = $2",
    )
    .bind(row.id)
    .bind(period)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(last) = last_date.filter(|l| *l > date.to_string()) {
        return Err(Error::field(
            "date",
            format!("El último número de «{}» tiene fecha {last}: la correlación no admite una fecha anterior.", row.name),
        ));
    }
    let siglas = siglas(conn).await?;
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO numbering_counter (series_id, period, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (series_id, period) DO UPDATE SET last_number = last_number + 1
         RETURNING last_number",
    )
    .bind(row.id)
    .bind(period)
    .fetch_one(&mut *conn)
    .await?;
    let identifier = render_for(&row, &siglas, number, date, p.session_kind.as_deref())?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO numbering_assignment (series_id, period, number, identifier, date, record_kind, record_id, assigned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(row.id)
    .bind(period)
    .bind(number)
    .bind(&identifier)
    .bind(date.to_string())
    .bind(&p.record_kind)
    .bind(p.record_id)
    .bind(ctx.stamp_millis())
    .fetch_one(&mut *conn)
    .await?;
    assignment(conn, id).await
}

async fn assignment(conn: &mut SqliteConnection, id: i64) -> Result<Assignment> {
    sqlx::query_as(&format!("{ASSIGNMENT_SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe el número asignado {id}.")))
}

/// `numbering.assign`.
pub async fn assign_method(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingAssign,
) -> Result<Assignment> {
    assign(conn, ctx, &p).await
}

/// Params of `numbering.annul`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingAnnul {
    /// Assignment id.
    pub id: i64,
    /// Why.
    pub reason: String,
}

/// `numbering.annul`: the number keeps its place, marked annulled.
pub async fn annul(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NumberingAnnul,
) -> Result<Assignment> {
    let current = assignment(conn, p.id).await?;
    if current.annulled_at.is_some() {
        return Err(Error::Conflict(format!(
            "El número {} ya está anulado.",
            current.identifier
        )));
    }
    let reason = p.reason.trim();
    if reason.chars().count() < 5 {
        return Err(Error::field("reason", "Indique el motivo de la anulación."));
    }
    sqlx::query(
        "UPDATE numbering_assignment SET annulled_at = $1, annul_reason = $2 WHERE id = $3",
    )
    .bind(ctx.stamp())
    .bind(reason)
    .bind(p.id)
    .execute(&mut *conn)
    .await?;
    assignment(conn, p.id).await
}

/// Params of `numbering.assignment.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NumberingAssignmentList {
    /// Series code.
    pub series: String,
    /// Year (null: every period).
    #[serde(default)]
    pub year: Option<i64>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `numbering.assignment.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssignmentPage {
    /// The numbers, newest first.
    pub rows: Vec<Assignment>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `numbering.assignment.list`: a page of a series' numbers, newest first (by period and
/// number).
pub async fn assignment_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: NumberingAssignmentList,
) -> Result<AssignmentPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(i64, i64)>(p.after.as_deref())?;
    let row = series_row(conn, &p.series).await?;
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(ASSIGNMENT_SELECT);
    q.push(" WHERE a.series_id = ").push_bind(row.id);
    if let Some(y) = p.year {
        // A yearly series' period is the year; a series that never resets has period 0 and
        // its year is the date's.
        q.push(" AND (a.period = ")
            .push_bind(y)
            .push(" OR (a.period = 0 AND a.date >= ")
            .push_bind(format!("{y:04}-01-01"))
            .push(" AND a.date < ")
            .push_bind(format!("{:04}-01-01", y + 1))
            .push("))");
    }
    if let Some((period, number)) = after {
        q.push(" AND (a.period, a.number) < (")
            .push_bind(period)
            .push(", ")
            .push_bind(number)
            .push(")");
    }
    q.push(" ORDER BY a.period DESC, a.number DESC LIMIT ")
        .push_bind(limit + 1);
    let rows: Vec<Assignment> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (rows, next) = crate::paging::finish(rows, limit, |a| (a.period, a.number));
    Ok(AssignmentPage { rows, next })
}
