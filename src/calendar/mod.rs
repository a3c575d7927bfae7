//! Working days (días hábiles): the country's holidays as editable rules, per-date overrides
//! entered by the municipality (días no laborables by decree, regional holidays, a holiday that
//! is worked), and the working-day arithmetic every legal deadline of the core uses.
//!
//! The arithmetic lives in [`Calendar`], which needs no database; [`load`] builds the
//! municipality's calendar from the database for the other areas.

mod engine;
mod store;

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
    RuleKind,
};

/// First year the calendar methods accept.
pub const MIN_YEAR: i32 = 1900;
/// Last year the calendar methods accept.
pub const MAX_YEAR: i32 = 2200;
/// Largest number of working days (either way) `calendar.add_working_days` accepts.
pub const MAX_DAYS: i64 = 3660;

/// A special day of the year as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarDay {
    /// Date, `AAAA-MM-DD`.
    pub date: String,
    /// Name of the holiday or reason of the override.
    pub name: String,
    /// `feriado` (from a rule), `no_laborable`, `regional` or `laborable` (overrides).
    pub kind: DayKind,
    /// `regla` (a holiday rule) or `manual` (an override).
    pub source: DaySource,
    /// Whether the date is a working day once everything is applied.
    pub working: bool,
}

impl From<&Holiday> for CalendarDay {
    fn from(h: &Holiday) -> Self {
        CalendarDay {
            date: iso(h.date),
            name: h.name.clone(),
            kind: h.kind,
            source: h.source,
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
    pub kind: RuleKind,
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
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// `no_laborable` (declared non-working), `regional` (regional holiday) or `laborable`
    /// (a rule's holiday that is worked that year).
    pub kind: OverrideKind,
    /// Name or reason ("Día no laborable, DS 123-2025-PCM").
    pub name: String,
}

/// Params of `calendar.day.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayDelete {
    /// Date of the override to remove, `AAAA-MM-DD`.
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
}

/// Params of `calendar.rule.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarRuleCreate {
    /// Name of the holiday.
    pub name: String,
    /// `fixed`, `easter` or `nearest_monday`.
    pub kind: RuleKind,
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
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Working days to add (negative counts backwards; at most 3660 either way).
    pub days: i64,
}

/// Params of `calendar.working_days_between`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarWorkingDaysBetween {
    /// Start (excluded), `AAAA-MM-DD`.
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// End (included), `AAAA-MM-DD`.
    #[serde(with = "day")]
    #[ts(type = "string")]
    pub to: NaiveDate,
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
/// error. Every message starts with "Fecha no válida", so the params parser keeps it as is.
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
    let date = NaiveDate::from_ymd_opt(year, num(5..7), num(8..10)).ok_or_else(|| {
        Error::field(
            field,
            format!("Fecha no válida «{s}»: no existe en el calendario."),
        )
    })?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(Error::field(
            field,
            format!("Fecha no válida «{s}»: use un año entre {MIN_YEAR} y {MAX_YEAR}."),
        ));
    }
    Ok(date)
}

/// `#[serde(with = "day")]`: a calendar date param, stricter than [`crate::dates::iso`] (exactly
/// `AAAA-MM-DD`, years [`MIN_YEAR`] to [`MAX_YEAR`]), since working-day arithmetic runs on it.
mod day {
    use chrono::NaiveDate;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Write `AAAA-MM-DD`.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        crate::dates::iso::serialize(d, s)
    }

    /// Read a strict `AAAA-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_day(&s, "").map_err(|e| D::Error::custom(e.to_string()))
    }
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
    /// Name, whitespace collapsed.
    name: String,
    /// When it falls.
    kind: RuleKind,
    /// Month, for `fixed` and `nearest_monday`.
    month: Option<i64>,
    /// Day of the month, for `fixed` and `nearest_monday`.
    day: Option<i64>,
    /// Days from Easter Sunday, for `easter`.
    easter_offset: Option<i64>,
    /// First year it applies.
    from_year: Option<i64>,
    /// Last year it applies.
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
    match p.kind {
        RuleKind::Fixed | RuleKind::NearestMonday => {
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
        RuleKind::Easter => {
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
        kind: p.kind,
        month: p.month,
        day: p.day,
        easter_offset: p.easter_offset,
        from_year: p.from_year,
        to_year: p.to_year,
    })
}

/// The municipality's calendar: its country's holiday rules and its overrides. Fails with a
/// conflict when no municipality has been created yet.
pub async fn load(conn: &mut SqliteConnection) -> Result<Calendar> {
    let country = municipality::country(conn).await?;
    let rules = store::rules_of(conn, &country).await?;
    let overrides = store::overrides(conn).await?;
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
    let (date, kind) = (p.date, p.kind);
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
        let rules_only = Calendar::new(store::rules_of(conn, &country).await?, Vec::new());
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
    store::override_set(conn, date, kind, &name).await?;
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
    if !store::override_delete(conn, p.date).await? {
        return Err(Error::NotFound(format!(
            "No hay un día registrado a mano el {}. Los feriados de las reglas se cambian en las reglas o declarando el día laborable.",
            iso(p.date)
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
    let mut rules = store::rules_of(conn, &country).await?;
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
    if let Some(existing) = store::rule_clash(conn, &country, &r).await? {
        return Err(Error::Conflict(format!(
            "Ya existe una regla con esa fecha para esos años: «{existing}»."
        )));
    }
    store::rule_insert(conn, &country, &r).await
}

/// `calendar.rule.delete`: remove a holiday rule of the municipality's country.
pub async fn rule_delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let country = municipality::country(conn).await?;
    if !store::rule_delete(conn, p.id, &country).await? {
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
    let from = p.date;
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
    let (from, to) = (p.from, p.to);
    let cal = load(conn).await?;
    Ok(DaysResult {
        days: cal.working_days_between(from, to),
    })
}

#[cfg(test)]
mod tests;

/// The holiday rules a country's seed gives, for unit tests of other modules.
#[cfg(test)]
pub(crate) fn seeded_rules_for_tests(country: &str) -> Vec<HolidayRule> {
    engine::tests::seeded_rules(country)
}
