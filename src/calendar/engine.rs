//! The pure working-day engine: Easter, holiday rules, per-date overrides and working-day
//! arithmetic. Nothing here touches the database, so the rest of the core (and the property
//! tests) can build a [`Calendar`] from plain values.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::HolidayRule;

/// How many computed years a [`Calendar`] keeps before it forgets them all (memory bound for
/// callers that walk across centuries).
const CACHE_YEARS: usize = 2048;

/// How many consecutive years without a single working day the arithmetic crosses before it
/// gives up (only reachable with absurd rule sets that cover every weekday).
const MAX_EMPTY_YEARS: u32 = 400;

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm, as given
/// by Meeus). Meaningful from 1583 on; any year inside chrono's range gives a date.
///
/// # Panics
///
/// Only when `year` is outside the range of [`NaiveDate`] (±262,000 years).
pub fn easter_sunday(year: i32) -> NaiveDate {
    easter_opt(year).expect("año fuera del rango de fechas")
}

/// Easter Sunday of `year`, or `None` when the year is outside chrono's range.
fn easter_opt(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// Whether `d` is a Saturday or a Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Kind of a holiday rule (`holiday_rule.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum RuleKind {
    /// `fixed`: the same month and day every year.
    Fixed,
    /// `easter`: Easter Sunday plus an offset in days.
    Easter,
    /// `nearest_monday`: Chile, Ley 19.668 — Tuesday to Thursday move back to Monday, Friday
    /// forward to the next Monday.
    NearestMonday,
}

impl RuleKind {
    /// Every kind.
    pub const ALL: [RuleKind; 3] = [RuleKind::Fixed, RuleKind::Easter, RuleKind::NearestMonday];
}

/// Kind of a per-date override (`calendar_day.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OverrideKind {
    /// `no_laborable`: a non-working day declared by decree.
    NoLaborable,
    /// `regional`: a regional or local holiday.
    Regional,
    /// `laborable`: a rule's holiday that is worked on that date.
    Laborable,
}

impl OverrideKind {
    /// Every kind, in the order the UI offers them.
    pub const ALL: [OverrideKind; 3] = [
        OverrideKind::NoLaborable,
        OverrideKind::Regional,
        OverrideKind::Laborable,
    ];

    /// The stored code (`no_laborable`, `regional`, `laborable`).
    pub fn as_str(self) -> &'static str {
        match self {
            OverrideKind::NoLaborable => "no_laborable",
            OverrideKind::Regional => "regional",
            OverrideKind::Laborable => "laborable",
        }
    }

    /// The kind for a stored code, if it is one.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// Whether the override makes its date a non-working day.
    pub fn closes(self) -> bool {
        !matches!(self, OverrideKind::Laborable)
    }
}

/// One per-date edit of the calendar (a row of `calendar_day`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOverride {
    /// The date it applies to.
    pub date: NaiveDate,
    /// What it does to that date.
    pub kind: OverrideKind,
    /// Name or reason shown to the user ("Día no laborable, DS 123-2025-PCM").
    pub name: String,
}

/// Kind of a special day as listed to the user (the holiday kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum DayKind {
    /// `feriado`: a national holiday from a rule.
    Feriado,
    /// `no_laborable`: declared non-working.
    NoLaborable,
    /// `regional`: regional or local holiday.
    Regional,
    /// `laborable`: a holiday declared a working day.
    Laborable,
}

impl DayKind {
    /// The code used in the API (`feriado`, `no_laborable`, `regional`, `laborable`).
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Feriado => "feriado",
            DayKind::NoLaborable => "no_laborable",
            DayKind::Regional => "regional",
            DayKind::Laborable => "laborable",
        }
    }
}

impl From<OverrideKind> for DayKind {
    fn from(k: OverrideKind) -> Self {
        match k {
            OverrideKind::NoLaborable => DayKind::NoLaborable,
            OverrideKind::Regional => DayKind::Regional,
            OverrideKind::Laborable => DayKind::Laborable,
        }
    }
}

/// Where a special day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// `regla`: a holiday rule of the country.
    Regla,
    /// `manual`: a per-date override entered by the municipality.
    Manual,
}

impl DaySource {
    /// The code used in the API (`regla`, `manual`).
    pub fn as_str(self) -> &'static str {
        match self {
            DaySource::Regla => "regla",
            DaySource::Manual => "manual",
        }
    }
}

/// A special day of a year: a rule's holiday or an override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// Name (several rules on the same date are joined with " / ").
    pub name: String,
    /// What kind of day it is; an override wins over the rules of its date.
    pub kind: DayKind,
    /// Rule or manual override.
    pub source: DaySource,
    /// Whether the date is a working day after everything is applied.
    pub working: bool,
}

/// When a rule falls, already checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Fixed { month: u32, day: u32 },
    Easter { offset: i64 },
    NearestMonday { month: u32, day: u32 },
}

/// A holiday rule in the form the engine uses.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Compiled {
    name: String,
    when: When,
    from_year: Option<i64>,
    to_year: Option<i64>,
}

impl Compiled {
    /// `None` for a rule the engine cannot use (missing or impossible fields).
    fn from_rule(rule: &HolidayRule) -> Option<Self> {
        let month_day = || -> Option<(u32, u32)> {
            let month = u32::try_from(rule.month?)
                .ok()
                .filter(|m| (1..=12).contains(m))?;
            let day = u32::try_from(rule.day?)
                .ok()
                .filter(|d| (1..=31).contains(d))?;
            Some((month, day))
        };
        let when = match rule.kind {
            RuleKind::Fixed => month_day().map(|(month, day)| When::Fixed { month, day })?,
            RuleKind::NearestMonday => {
                month_day().map(|(month, day)| When::NearestMonday { month, day })?
            }
            RuleKind::Easter => When::Easter {
                offset: rule.easter_offset?,
            },
        };
        Some(Compiled {
            name: rule.name.clone(),
            when,
            from_year: rule.from_year,
            to_year: rule.to_year,
        })
    }

    /// Whether the rule is in force in `year` (bounds inclusive, `None` = open).
    fn in_force(&self, year: i32) -> bool {
        let y = i64::from(year);
        self.from_year.is_none_or(|f| f <= y) && self.to_year.is_none_or(|t| y <= t)
    }

    /// The date the rule gives for `year` (whether or not it is in force); `None` when that
    /// date does not exist (31 June, 29 February of a common year).
    fn date_for(&self, year: i32) -> Option<NaiveDate> {
        match self.when {
            When::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            When::Easter { offset } => {
                let easter = easter_opt(year)?;
                if offset >= 0 {
                    easter.checked_add_days(Days::new(offset.unsigned_abs()))
                } else {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs()))
                }
            }
            When::NearestMonday { month, day } => {
                let d = NaiveDate::from_ymd_opt(year, month, day)?;
                // Ley 19.668: Tuesday to Thursday go back to that week's Monday, Friday goes
                // forward to the next Monday; the other days stay.
                match d.weekday() {
                    Weekday::Tue => d.checked_sub_days(Days::new(1)),
                    Weekday::Wed => d.checked_sub_days(Days::new(2)),
                    Weekday::Thu => d.checked_sub_days(Days::new(3)),
                    Weekday::Fri => d.checked_add_days(Days::new(3)),
                    _ => Some(d),
                }
            }
        }
    }
}

impl HolidayRule {
    /// The date this rule gives in `year`, or `None` when the rule is not in force that year,
    /// cannot be used (missing fields) or names a date that does not exist.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        let rule = Compiled::from_rule(self)?;
        if rule.in_force(year) {
            rule.date_for(year)
        } else {
            None
        }
    }
}

/// Everything known about one year, computed once.
#[derive(Debug)]
struct YearInfo {
    /// `prefix[i]` = working days among the first `i` days of the year (length = days + 1).
    prefix: Vec<u16>,
    /// Special days of the year, sorted by date.
    days: Vec<Holiday>,
}

impl YearInfo {
    fn total(&self) -> u64 {
        u64::from(*self.prefix.last().unwrap_or(&0))
    }

    /// Working days among the first `i` days of the year.
    fn before(&self, i: usize) -> u64 {
        u64::from(self.prefix[i.min(self.prefix.len() - 1)])
    }

    /// 1-based ordinal of the `k`-th working day of the year (`1 <= k <= total`).
    fn ordinal_of(&self, k: u64) -> u32 {
        self.prefix.partition_point(|&c| u64::from(c) < k) as u32
    }
}

/// The working-day calendar of a municipality: its country's holiday rules plus its per-date
/// overrides. Weekends are never working days; a rule's holiday is not a working day unless a
/// `laborable` override says so; `no_laborable` and `regional` overrides close their date.
///
/// Years are computed lazily and cached, so repeated arithmetic is cheap. The cache sits behind
/// a mutex, so a `Calendar` can be shared between threads.
pub struct Calendar {
    rules: Vec<Compiled>,
    overrides: BTreeMap<NaiveDate, DayOverride>,
    cache: Mutex<HashMap<i32, Arc<YearInfo>>>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("rules", &self.rules)
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

impl Clone for Calendar {
    fn clone(&self) -> Self {
        Calendar {
            rules: self.rules.clone(),
            overrides: self.overrides.clone(),
            cache: Mutex::new(self.lock().clone()),
        }
    }
}

impl Calendar {
    /// Build a calendar from holiday rules (of one country) and per-date overrides. Rules the
    /// engine cannot use (missing month/day/offset) are ignored; of two overrides
    /// for the same date the last one wins.
    pub fn new(rules: Vec<HolidayRule>, overrides: Vec<DayOverride>) -> Self {
        Calendar {
            rules: rules.iter().filter_map(Compiled::from_rule).collect(),
            overrides: overrides.into_iter().map(|o| (o.date, o)).collect(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<i32, Arc<YearInfo>>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached (or freshly computed) information of `year`, which must be a year chrono
    /// can represent.
    fn year(&self, year: i32) -> Arc<YearInfo> {
        let mut cache = self.lock();
        if let Some(info) = cache.get(&year) {
            return Arc::clone(info);
        }
        if cache.len() >= CACHE_YEARS {
            cache.clear();
        }
        let info = Arc::new(self.compute(year));
        cache.insert(year, Arc::clone(&info));
        info
    }

    /// Names of the rule holidays of `year`, by date (rules of neighbouring years are looked at
    /// too, since an Easter offset may cross New Year).
    fn rule_dates(&self, year: i32) -> BTreeMap<NaiveDate, Vec<&str>> {
        let mut out: BTreeMap<NaiveDate, Vec<&str>> = BTreeMap::new();
        for rule_year in [year.checked_sub(1), Some(year), year.checked_add(1)]
            .into_iter()
            .flatten()
        {
            for rule in self.rules.iter().filter(|r| r.in_force(rule_year)) {
                if let Some(d) = rule.date_for(rule_year).filter(|d| d.year() == year) {
                    let names = out.entry(d).or_default();
                    if !names.contains(&rule.name.as_str()) {
                        names.push(&rule.name);
                    }
                }
            }
        }
        out
    }

    fn compute(&self, year: i32) -> YearInfo {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("año dentro del rango");
        let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("año dentro del rango");
        let rules = self.rule_dates(year);
        let overrides = self.overrides.range(first..=last);
        let working = |d: NaiveDate| -> bool {
            !is_weekend(d)
                && match self.overrides.get(&d) {
                    Some(o) => !o.kind.closes(),
                    None => !rules.contains_key(&d),
                }
        };

        let len = last.ordinal() as usize;
        let mut prefix = Vec::with_capacity(len + 1);
        prefix.push(0u16);
        let mut count = 0u16;
        for d in first.iter_days().take(len) {
            if working(d) {
                count += 1;
            }
            prefix.push(count);
        }

        let mut days: Vec<Holiday> = overrides
            .map(|(&date, o)| Holiday {
                date,
                name: o.name.clone(),
                kind: o.kind.into(),
                source: DaySource::Manual,
                working: working(date),
            })
            .collect();
        for (&date, names) in &rules {
            if !self.overrides.contains_key(&date) {
                days.push(Holiday {
                    date,
                    name: names.join(" / "),
                    kind: DayKind::Feriado,
                    source: DaySource::Regla,
                    working: false,
                });
            }
        }
        days.sort_by_key(|h| h.date);
        YearInfo { prefix, days }
    }

    /// Every special day of `year`, sorted by date: the rules' holidays (including those on a
    /// weekend) and every override, `laborable` ones included (with `working: true`). One
    /// entry per date; an override hides the rule holidays of its date.
    pub fn days_in_year(&self, year: i32) -> Vec<Holiday> {
        if NaiveDate::from_ymd_opt(year, 1, 1).is_none() {
            return Vec::new();
        }
        self.year(year).days.clone()
    }

    /// The non-working special days of `year`, sorted by date: rule holidays not declared
    /// working, `no_laborable` and `regional` overrides.
    pub fn holidays_in_year(&self, year: i32) -> Vec<Holiday> {
        let mut days = self.days_in_year(year);
        days.retain(|h| !h.working && h.kind != DayKind::Laborable);
        days
    }

    /// The names of the rule holidays that fall on `d`, overrides aside (`None` if no rule
    /// gives that date). Several names are joined with " / ".
    pub fn rule_holiday(&self, d: NaiveDate) -> Option<String> {
        self.rule_dates(d.year())
            .get(&d)
            .map(|names| names.join(" / "))
    }

    /// The override of `d`, if there is one.
    pub fn override_on(&self, d: NaiveDate) -> Option<&DayOverride> {
        self.overrides.get(&d)
    }

    /// Whether `d` is a working day (día hábil).
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        let info = self.year(d.year());
        let i = d.ordinal0() as usize;
        info.prefix[i + 1] > info.prefix[i]
    }

    /// `d` itself when it is a working day, otherwise the first working day after it (a
    /// deadline that ends on a non-working day moves to the next working day).
    pub fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) {
            d
        } else {
            self.add_working_days(d, 1)
        }
    }

    /// The `n`-th working day strictly after `from` (`n` > 0), strictly before it (`n` < 0),
    /// or `from` itself (`n` = 0, even when `from` is not a working day).
    ///
    /// # Panics
    ///
    /// When [`Calendar::try_add_working_days`] gives `None`.
    pub fn add_working_days(&self, from: NaiveDate, n: i64) -> NaiveDate {
        self.try_add_working_days(from, n)
            .expect("no hay días hábiles suficientes dentro del rango de fechas")
    }

    /// Like [`Calendar::add_working_days`], but `None` instead of a panic when the result
    /// would leave chrono's date range or when 400 consecutive years have no working day.
    pub fn try_add_working_days(&self, from: NaiveDate, n: i64) -> Option<NaiveDate> {
        let forward = n > 0;
        let mut left = n.unsigned_abs();
        if left == 0 {
            return Some(from);
        }
        let mut year = from.year();
        // Days of the current year still to look at: ordinals0 >= `cut` going forward,
        // ordinals0 < `cut` going backward.
        let mut cut = if forward {
            from.ordinal0() as usize + 1
        } else {
            from.ordinal0() as usize
        };
        let mut empty_years = 0u32;
        loop {
            let info = self.year(year);
            let before = info.before(cut);
            let available = if forward {
                info.total() - before
            } else {
                before
            };
            if available >= left {
                let k = if forward {
                    before + left
                } else {
                    before - left + 1
                };
                return NaiveDate::from_yo_opt(year, info.ordinal_of(k));
            }
            left -= available;
            if info.total() == 0 {
                empty_years += 1;
                if empty_years > MAX_EMPTY_YEARS {
                    return None;
                }
            } else {
                empty_years = 0;
            }
            year = if forward {
                year.checked_add(1)?
            } else {
                year.checked_sub(1)?
            };
            NaiveDate::from_ymd_opt(year, 1, 1)?;
            cut = if forward { 0 } else { usize::MAX };
        }
    }

    /// Working days in the half-open interval (`from`, `to`]: how many working days `to` is
    /// after `from`. Negative (minus the count in (`to`, `from`]) when `to` < `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        // Working days from 1 January up to and including `d`.
        let upto = |info: &YearInfo, d: NaiveDate| info.before(d.ordinal() as usize);
        let (fy, ty) = (from.year(), to.year());
        let start = self.year(fy);
        let count = if fy == ty {
            upto(&start, to) - upto(&start, from)
        } else {
            let mut count = start.total() - upto(&start, from);
            for y in fy + 1..ty {
                count += self.year(y).total();
            }
            count + upto(&self.year(ty), to)
        };
        count as i64
    }
}

#[cfg(test)]
pub(crate) mod tests;
