//! Working days (días hábiles): the country's holidays as editable rules, per-date overrides
//! entered by the municipality (días no laborables by decree, regional holidays, a holiday that
//! is worked), and the working-day arithmetic every legal deadline of the core uses.
//!
//! The arithmetic lives in [`Calendar`], which needs no database; [`load`] builds the
//! municipality's calendar from the database for the other areas.

mod engine;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::IdParam;
use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::municipality;

pub use engine::{
    easter_sunday, is_weekend, Calendar, DayKind, DayOverride, DaySource, Holiday, OverrideKind,
};

/// First year the calendar methods accept.
pub const MIN_YEAR: i32 = 1900;
/// Last year the calendar methods accept.
pub const MAX_YEAR: i32 = 2200;
/// Largest number of working days (either way) `calendar.add_working_days` accepts.
pub const MAX_DAYS: i64 = 3660;

/// Rule kinds: `fixed` (same month and day every year), `easter` (Easter Sunday plus an offset
/// in days), `nearest_monday` (Chile, Ley 19.668: Tuesday–Thursday move back to Monday, Friday
/// forward to the next Monday).
pub const RULE_KINDS: &[&str] = &["fixed", "easter", "nearest_monday"];

/// A special day of the year as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarDay {
    /// Date, `AAAA-MM-DD`.
    pub date: String,
    /// Name of the holiday or reason of the override.
    pub name: String,
    /// `feriado` (from a rule), `no_laborable`, `regional` or `laborable` (overrides).
    pub kind: String,
    /// `regla` (a holiday rule) or `manual` (an override).
    pub source: String,
    /// Whether the date is a working day once everything is applied.
    pub working: bool,
}

impl From<&Holiday> for CalendarDay {
    fn from(h: &Holiday) -> Self {
        CalendarDay {
            date: iso(h.date),
            name: h.name.clone(),
            kind: h.kind.as_str().to_string(),
            source: h.source.as_str().to_string(),
            working: h.working,
        }
    }
}

/// A holiday rule of a country (a row of `holiday_rule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct HolidayRule {
    /// Id.
    pub id: i64,
    /// `PE` or `CL`.
    pub country: String,
    /// Name of the holiday ("Fiestas Patrias").
    pub name: String,
    /// `fixed`, `easter` or `nearest_monday`.
    pub kind: String,
    /// Month (1–12) for `fixed` and `nearest_monday`.
    pub month: Option<i64>,
    /// Day of the month (1–31) for `fixed` and `nearest_monday`.
    pub day: Option<i64>,
    /// Days from Easter Sunday for `easter` (−2 = Viernes Santo).
    pub easter_offset: Option<i64>,
    /// First year the rule applies (inclusive; `null` = always).
    pub from_year: Option<i64>,
    /// Last year the rule applies (inclusive; `null` = still in force).
    pub to_year: Option<i64>,
}

/// Params of `calendar.day.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayList {
    /// The year to list.
    pub year: i32,
}

/// Params of `calendar.day.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarDaySet {
    /// Date, `AAAA-MM-DD`.
    pub date: String,
    /// `no_laborable` (declared non-working), `regional` (regional holiday) or `laborable`
    /// (a rule's holiday that is worked that year).
    pub kind: String,
    /// Name or reason ("Día no laborable, DS 123-2025-PCM").
    pub name: String,
}

/// Params of `calendar.day.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayDelete {
    /// Date of the override to remove, `AAAA-MM-DD`.
    pub date: String,
}

/// Params of `calendar.rule.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarRuleCreate {
    /// Name of the holiday.
    pub name: String,
    /// `fixed`, `easter` or `nearest_monday`.
    pub kind: String,
    /// Month (1–12), for `fixed` and `nearest_monday`.
    pub month: Option<i64>,
    /// Day of the month, for `fixed` and `nearest_monday`.
    pub day: Option<i64>,
    /// Days from Easter Sunday (−80 to 250), for `easter`.
    pub easter_offset: Option<i64>,
    /// First year it applies (inclusive), if any.
    pub from_year: Option<i64>,
    /// Last year it applies (inclusive), if any.
    pub to_year: Option<i64>,
}

/// Params of `calendar.add_working_days`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarAddWorkingDays {
    /// Starting date, `AAAA-MM-DD`.
    pub date: String,
    /// Working days to add (negative counts backwards; at most 3660 either way).
    pub days: i64,
}

/// Params of `calendar.working_days_between`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarWorkingDaysBetween {
    /// Start (excluded), `AAAA-MM-DD`.
    pub from: String,
    /// End (included), `AAAA-MM-DD`.
    pub to: String,
}

/// A date result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DateResult {
    /// Date, `AAAA-MM-DD`.
    pub date: String,
}

/// A count of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DaysResult {
    /// Working days (negative when the end is before the start).
    pub days: i64,
}

/// A date as `AAAA-MM-DD`.
fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Collapse runs of whitespace and trim.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parse a strict `AAAA-MM-DD` date between [`MIN_YEAR`] and [`MAX_YEAR`], naming `field` on
/// error.
fn parse_day(s: &str, field: &str) -> Result<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(Error::field(
            field,
            format!("Fecha no válida «{s}»: use AAAA-MM-DD (por ejemplo 2026-04-30)."),
        ));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let year = num(0..4) as i32;
    let date = NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
        .ok_or_else(|| Error::field(field, format!("La fecha {s} no existe en el calendario.")))?;
    check_year(i64::from(year), field)?;
    Ok(date)
}

fn check_year(year: i64, field: &str) -> Result<()> {
    if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) {
        Ok(())
    } else {
        Err(Error::field(
            field,
            format!("Use un año entre {MIN_YEAR} y {MAX_YEAR}."),
        ))
    }
}

/// The checked fields of a new rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NewRule {
    name: String,
    kind: String,
    month: Option<i64>,
    day: Option<i64>,
    easter_offset: Option<i64>,
    from_year: Option<i64>,
    to_year: Option<i64>,
}

/// Days in `month` of a leap year (so that 29 February is accepted; it is skipped in common
/// years).
fn max_day(month: i64) -> i64 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Check the params of `calendar.rule.create`, field by field.
fn validate_rule(p: &CalendarRuleCreate) -> Result<NewRule> {
    let name = clean(&p.name);
    if name.is_empty() {
        return Err(Error::field("name", "Escriba el nombre del feriado."));
    }
    if name.chars().count() > 120 {
        return Err(Error::field(
            "name",
            "El nombre no puede pasar de 120 caracteres.",
        ));
    }
    let kind = p.kind.trim().to_string();
    match kind.as_str() {
        "fixed" | "nearest_monday" => {
            let month = p
                .month
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| Error::field("month", "Indique el mes, de 1 a 12."))?;
            let last = max_day(month);
            p.day.filter(|d| (1..=last).contains(d)).ok_or_else(|| {
                Error::field(
                    "day",
                    format!(
                        "Indique el día del mes: {} tiene días del 1 al {last}.",
                        crate::spanish::MONTHS[(month - 1) as usize]
                    ),
                )
            })?;
            if p.easter_offset.is_some() {
                return Err(Error::field(
                    "easter_offset",
                    "Solo los feriados que dependen de la Semana Santa llevan días desde Pascua.",
                ));
            }
        }
        "easter" => {
            let offset = p.easter_offset.ok_or_else(|| {
                Error::field(
                    "easter_offset",
                    "Indique los días desde el Domingo de Pascua (por ejemplo −2 para el Viernes Santo).",
                )
            })?;
            if !(-80..=250).contains(&offset) {
                return Err(Error::field(
                    "easter_offset",
                    "Los días desde Pascua deben estar entre −80 y 250, para caer en el mismo año.",
                ));
            }
            if p.month.is_some() {
                return Err(Error::field(
                    "month",
                    "Un feriado que depende de la Semana Santa no lleva mes: deje el mes vacío.",
                ));
            }
            if p.day.is_some() {
                return Err(Error::field(
                    "day",
                    "Un feriado que depende de la Semana Santa no lleva día: deje el día vacío.",
                ));
            }
        }
        _ => {
            return Err(Error::field(
                "kind",
                "Elija el tipo: fecha fija (fixed), según Semana Santa (easter) o trasladable al lunes (nearest_monday).",
            ))
        }
    }
    if let Some(y) = p.from_year {
        check_year(y, "from_year")?;
    }
    if let Some(y) = p.to_year {
        check_year(y, "to_year")?;
    }
    if let (Some(from), Some(to)) = (p.from_year, p.to_year) {
        if to < from {
            return Err(Error::field(
                "to_year",
                "El último año no puede ser anterior al primero.",
            ));
        }
    }
    Ok(NewRule {
        name,
        kind,
        month: p.month,
        day: p.day,
        easter_offset: p.easter_offset,
        from_year: p.from_year,
        to_year: p.to_year,
    })
}

const RULE_COLUMNS: &str = "id, country, name, kind, month, day, easter_offset, from_year, to_year";

/// The holiday rules of `country`, by id.
async fn rules_of(conn: &mut SqliteConnection, country: &str) -> Result<Vec<HolidayRule>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RULE_COLUMNS} FROM holiday_rule WHERE country = ? ORDER BY id"
    ))
    .bind(country)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every per-date override. Rows whose date or kind cannot be read (never written by the
/// core) are ignored.
async fn overrides(conn: &mut SqliteConnection) -> Result<Vec<DayOverride>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT date, kind, name FROM calendar_day ORDER BY date")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(date, kind, name)| {
            Some(DayOverride {
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?,
                kind: OverrideKind::parse(&kind)?,
                name,
            })
        })
        .collect())
}

/// The municipality's calendar: its country's holiday rules and its overrides. Fails with a
/// conflict when no municipality has been created yet.
pub async fn load(conn: &mut SqliteConnection) -> Result<Calendar> {
    let country = municipality::country(conn).await?;
    let rules = rules_of(conn, &country).await?;
    let overrides = overrides(conn).await?;
    Ok(Calendar::new(rules, overrides))
}

/// `calendar.day.list`: the special days of a year, sorted by date — the rules' holidays
/// (weekend ones included), declared non-working days, regional holidays, and holidays
/// declared working (`working: true`). Plain weekends are not listed.
pub async fn day_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarDayList,
) -> Result<Vec<CalendarDay>> {
    check_year(i64::from(p.year), "year")?;
    let cal = load(conn).await?;
    Ok(cal
        .days_in_year(p.year)
        .iter()
        .map(CalendarDay::from)
        .collect())
}

/// `calendar.day.set`: create or replace the override of a date. `laborable` is accepted only
/// on a weekday that a holiday rule makes a holiday.
pub async fn day_set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarDaySet,
) -> Result<CalendarDay> {
    let date = parse_day(&p.date, "date")?;
    let kind = OverrideKind::parse(p.kind.trim()).ok_or_else(|| {
        Error::field(
            "kind",
            "Elija el tipo: día no laborable (no_laborable), feriado regional (regional) o feriado que se trabaja (laborable).",
        )
    })?;
    let name = clean(&p.name);
    if name.is_empty() {
        return Err(Error::field(
            "name",
            "Escriba el nombre o el motivo (por ejemplo «Día no laborable, DS 123-2025-PCM»).",
        ));
    }
    if name.chars().count() > 150 {
        return Err(Error::field(
            "name",
            "El nombre no puede pasar de 150 caracteres.",
        ));
    }
    let country = municipality::country(conn).await?;
    if kind == OverrideKind::Laborable {
        let rules_only = Calendar::new(rules_of(conn, &country).await?, Vec::new());
        if rules_only.rule_holiday(date).is_none() {
            return Err(Error::field(
                "kind",
                "Esa fecha no es feriado; no hace falta declararla laborable.",
            ));
        }
        if is_weekend(date) {
            return Err(Error::field(
                "kind",
                "Ese feriado cae en sábado o domingo: no es día hábil aunque se declare laborable.",
            ));
        }
    }
    sqlx::query(
        "INSERT INTO calendar_day (date, kind, name) VALUES (?, ?, ?)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
    )
    .bind(iso(date))
    .bind(kind.as_str())
    .bind(&name)
    .execute(&mut *conn)
    .await?;
    let cal = load(conn).await?;
    cal.days_in_year(date.year())
        .iter()
        .find(|h| h.date == date)
        .map(CalendarDay::from)
        .ok_or_else(|| Error::Internal(format!("el día {date} no quedó en el calendario")))
}

/// `calendar.day.delete`: remove the override of a date (the rules' holidays stay).
pub async fn day_delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarDayDelete,
) -> Result<Empty> {
    let date = parse_day(&p.date, "date")?;
    let done = sqlx::query("DELETE FROM calendar_day WHERE date = ?")
        .bind(iso(date))
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!(
            "No hay un día registrado a mano el {}. Los feriados de las reglas se cambian en las reglas o declarando el día laborable.",
            iso(date)
        )));
    }
    Ok(Empty {})
}

/// Sort key of a rule: its date in `year` (ignoring the years it applies), undated rules last.
fn rule_order(rule: &HolidayRule, year: i32) -> (u32, i64) {
    let open = HolidayRule {
        from_year: None,
        to_year: None,
        ..rule.clone()
    };
    (
        open.date_in(year).map_or(u32::MAX, |d| d.ordinal()),
        rule.id,
    )
}

/// `calendar.rule.list`: the holiday rules of the municipality's country, in the order their
/// dates fall this year.
pub async fn rule_list(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<HolidayRule>> {
    let country = municipality::country(conn).await?;
    let mut rules = rules_of(conn, &country).await?;
    rules.sort_by_cached_key(|r| rule_order(r, ctx.today.year()));
    Ok(rules)
}

/// `calendar.rule.create`: add a holiday rule to the municipality's country.
pub async fn rule_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarRuleCreate,
) -> Result<HolidayRule> {
    let r = validate_rule(&p)?;
    let country = municipality::country(conn).await?;
    let same: Option<String> = sqlx::query_scalar(
        "SELECT name FROM holiday_rule
         WHERE country = ? AND kind = ? AND month IS ? AND day IS ? AND easter_offset IS ?
           AND COALESCE(from_year, -1000000) <= COALESCE(?, 1000000)
           AND COALESCE(to_year, 1000000) >= COALESCE(?, -1000000)
         LIMIT 1",
    )
    .bind(&country)
    .bind(&r.kind)
    .bind(r.month)
    .bind(r.day)
    .bind(r.easter_offset)
    .bind(r.to_year)
    .bind(r.from_year)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(existing) = same {
        return Err(Error::Conflict(format!(
            "Ya existe una regla con esa fecha para esos años: «{existing}»."
        )));
    }
    Ok(sqlx::query_as(&format!(
        "INSERT INTO holiday_rule (country, name, kind, month, day, easter_offset, from_year, to_year)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING {RULE_COLUMNS}"
    ))
    .bind(&country)
    .bind(&r.name)
    .bind(&r.kind)
    .bind(r.month)
    .bind(r.day)
    .bind(r.easter_offset)
    .bind(r.from_year)
    .bind(r.to_year)
    .fetch_one(&mut *conn)
    .await?)
}

/// `calendar.rule.delete`: remove a holiday rule of the municipality's country.
pub async fn rule_delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let country = municipality::country(conn).await?;
    let done = sqlx::query("DELETE FROM holiday_rule WHERE id = ? AND country = ?")
        .bind(p.id)
        .bind(&country)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!(
            "No existe la regla de feriado {}.",
            p.id
        )));
    }
    Ok(Empty {})
}

/// `calendar.add_working_days`: the date `days` working days after (or, when negative, before)
/// `date`; `days = 0` gives `date` itself.
pub async fn add_working_days_method(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarAddWorkingDays,
) -> Result<DateResult> {
    let from = parse_day(&p.date, "date")?;
    if !(-MAX_DAYS..=MAX_DAYS).contains(&p.days) {
        return Err(Error::field(
            "days",
            format!("Los días hábiles deben estar entre −{MAX_DAYS} y {MAX_DAYS}."),
        ));
    }
    let cal = load(conn).await?;
    let date = cal.try_add_working_days(from, p.days).ok_or_else(|| {
        Error::Conflict(
            "No se encontró el día hábil: revise el calendario (quizás todos los días están marcados como feriados)."
                .to_string(),
        )
    })?;
    Ok(DateResult { date: iso(date) })
}

/// `calendar.working_days_between`: working days in (`from`, `to`] — how many working days
/// `to` is after `from` (negative when `to` is before `from`).
pub async fn working_days_between_method(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: CalendarWorkingDaysBetween,
) -> Result<DaysResult> {
    let from = parse_day(&p.from, "from")?;
    let to = parse_day(&p.to, "to")?;
    let cal = load(conn).await?;
    Ok(DaysResult {
        days: cal.working_days_between(from, to),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(e: Error) -> Option<String> {
        match e {
            Error::Validation { field, .. } => field,
            other => panic!("not a validation error: {other:?}"),
        }
    }

    fn create(kind: &str) -> CalendarRuleCreate {
        CalendarRuleCreate {
            name: "  Fiesta   local ".into(),
            kind: kind.into(),
            month: None,
            day: None,
            easter_offset: None,
            from_year: None,
            to_year: None,
        }
    }

    #[test]
    fn parse_day_is_strict() {
        assert_eq!(
            parse_day(" 2026-04-30 ", "date").unwrap(),
            NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()
        );
        for bad in [
            "2026-4-30",
            "30/04/2026",
            "2026-04-30T00:00",
            "",
            "2026-o4-30",
            "+026-04-30",
        ] {
            assert_eq!(
                field_of(parse_day(bad, "date").unwrap_err()).as_deref(),
                Some("date"),
                "{bad}"
            );
        }
        let e = parse_day("2026-02-30", "from").unwrap_err();
        assert!(e.to_string().contains("no existe"));
        assert_eq!(field_of(e).as_deref(), Some("from"));
        assert!(parse_day("1899-12-31", "to").is_err());
        assert!(parse_day("2201-01-01", "to").is_err());
        assert!(parse_day("1900-01-01", "to").is_ok());
        assert!(parse_day("2200-12-31", "to").is_ok());
    }

    #[test]
    fn validate_fixed_and_nearest_monday() {
        let mut p = create("fixed");
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("month")
        );
        p.month = Some(6);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("day")
        );
        p.day = Some(31);
        let e = validate_rule(&p).unwrap_err();
        assert!(
            e.to_string().contains("junio tiene días del 1 al 30"),
            "{e}"
        );
        p.day = Some(30);
        let r = validate_rule(&p).unwrap();
        assert_eq!(r.name, "Fiesta local");
        p.easter_offset = Some(1);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("easter_offset")
        );
        p.easter_offset = None;
        p.month = Some(2);
        p.day = Some(29);
        assert!(validate_rule(&p).is_ok());
        p.kind = "nearest_monday".into();
        p.month = Some(13);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("month")
        );
    }

    #[test]
    fn validate_easter() {
        let mut p = create("easter");
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("easter_offset")
        );
        p.easter_offset = Some(-81);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("easter_offset")
        );
        p.easter_offset = Some(-2);
        assert!(validate_rule(&p).is_ok());
        p.month = Some(4);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("month")
        );
    }

    #[test]
    fn validate_name_kind_and_years() {
        let mut p = create("fixed");
        p.month = Some(9);
        p.day = Some(24);
        p.name = "   ".into();
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("name")
        );
        p.name = "Virgen de las Mercedes".into();
        p.kind = "weekly".into();
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("kind")
        );
        p.kind = "fixed".into();
        p.from_year = Some(2027);
        p.to_year = Some(2026);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("to_year")
        );
        p.from_year = Some(1800);
        assert_eq!(
            field_of(validate_rule(&p).unwrap_err()).as_deref(),
            Some("from_year")
        );
        p.from_year = Some(2026);
        p.to_year = Some(2026);
        assert!(validate_rule(&p).is_ok());
    }

    #[test]
    fn every_valid_rule_is_used_by_the_engine() {
        // Whatever validate_rule accepts, the engine places in a leap year (or, moved to a
        // Monday, in the first days of the next one).
        for kind in RULE_KINDS {
            for month in 1..=12 {
                for day in 1..=31 {
                    let mut p = create(kind);
                    if *kind == "easter" {
                        p.easter_offset = Some(month * 31 + day - 200);
                    } else {
                        p.month = Some(month);
                        p.day = Some(day);
                    }
                    let Ok(r) = validate_rule(&p) else { continue };
                    let rule = HolidayRule {
                        id: 1,
                        country: "PE".into(),
                        name: r.name,
                        kind: r.kind,
                        month: r.month,
                        day: r.day,
                        easter_offset: r.easter_offset,
                        from_year: r.from_year,
                        to_year: r.to_year,
                    };
                    let d = rule.date_in(2028).expect("a date");
                    // A Friday 29–31 December moves to Monday of the next year.
                    assert!((2028..=2029).contains(&d.year()), "{rule:?}");
                    let cal = Calendar::new(vec![rule.clone()], Vec::new());
                    assert!(cal.holidays_in_year(d.year()).iter().any(|h| h.date == d));
                }
            }
        }
    }

    #[test]
    fn rules_sort_by_their_date() {
        let rules = engine::tests::seeded_rules("PE");
        let mut sorted = rules.clone();
        sorted.sort_by_cached_key(|r| rule_order(r, 2026));
        let names: Vec<&str> = sorted.iter().take(4).map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Año Nuevo",
                "Jueves Santo",
                "Viernes Santo",
                "Día del Trabajo"
            ]
        );
    }

    #[test]
    fn calendar_day_from_holiday() {
        let cal = Calendar::new(engine::tests::seeded_rules("PE"), Vec::new());
        let days: Vec<CalendarDay> = cal
            .days_in_year(2026)
            .iter()
            .map(CalendarDay::from)
            .collect();
        assert_eq!(
            days[0],
            CalendarDay {
                date: "2026-01-01".into(),
                name: "Año Nuevo".into(),
                kind: "feriado".into(),
                source: "regla".into(),
                working: false,
            }
        );
    }
}
