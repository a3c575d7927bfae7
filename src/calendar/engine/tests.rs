//! Tests of the working-day engine: Easter, rules, overrides and the arithmetic.

use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The holiday rules seeded by migration 0002 for `country`, read from the migration itself
/// so that the tests follow the seed.
pub(crate) fn seeded_rules(country: &str) -> Vec<HolidayRule> {
    let sql = include_str!("../../../migrations/0002_rule_sets.sql");
    let start = sql
        .find("INSERT INTO holiday_rule")
        .expect("seed of holiday_rule");
    let mut rules = Vec::new();
    for line in sql[start..].lines().skip(1) {
        let line = line.trim();
        if !line.starts_with('(') {
            break;
        }
        let inner = line
            .trim_start_matches('(')
            .trim_end_matches([',', ';'])
            .trim_end_matches(')');
        let fields = split_sql_values(inner);
        assert_eq!(fields.len(), 8, "{line}");
        let int = |s: &str| (s != "NULL").then(|| s.parse::<i64>().unwrap());
        if fields[0] != country {
            continue;
        }
        rules.push(HolidayRule {
            id: rules.len() as i64 + 1,
            country: fields[0].clone(),
            name: fields[1].clone(),
            kind: rule_kind(&fields[2]),
            month: int(&fields[3]),
            day: int(&fields[4]),
            easter_offset: int(&fields[5]),
            from_year: int(&fields[6]),
            to_year: int(&fields[7]),
        });
    }
    assert!(!rules.is_empty());
    rules
}

fn split_sql_values(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                out.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// The kind of a stored code (`fixed`, `easter`, `nearest_monday`).
pub(crate) fn rule_kind(code: &str) -> RuleKind {
    serde_json::from_value(serde_json::Value::String(code.into())).expect("a rule kind")
}

fn rule(name: &str, kind: &str, month: Option<i64>, day: Option<i64>) -> HolidayRule {
    HolidayRule {
        id: 0,
        country: "PE".into(),
        name: name.into(),
        kind: rule_kind(kind),
        month,
        day,
        easter_offset: None,
        from_year: None,
        to_year: None,
    }
}

fn peru() -> Calendar {
    Calendar::new(seeded_rules("PE"), Vec::new())
}

fn chile() -> Calendar {
    Calendar::new(seeded_rules("CL"), Vec::new())
}

#[test]
fn easter_known_years() {
    for (year, expected) in [
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
        (2008, "2008-03-23"),
        (2000, "2000-04-23"),
        (1961, "1961-04-02"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), date(expected), "{year}");
    }
}

#[test]
fn easter_is_always_a_sunday_between_22_march_and_25_april() {
    for year in 1583..=3000 {
        let e = easter_sunday(year);
        assert_eq!(e.weekday(), Weekday::Sun, "{year}");
        let window = date(&format!("{year:04}-03-22"))..=date(&format!("{year:04}-04-25"));
        assert!(window.contains(&e), "{year}");
    }
}

#[test]
fn peru_2026_has_its_16_national_holidays() {
    let days = peru().holidays_in_year(2026);
    let dates: Vec<String> = days.iter().map(|h| h.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-01-01",
            "2026-04-02",
            "2026-04-03",
            "2026-05-01",
            "2026-06-07",
            "2026-06-29",
            "2026-07-23",
            "2026-07-28",
            "2026-07-29",
            "2026-08-06",
            "2026-08-30",
            "2026-10-08",
            "2026-11-01",
            "2026-12-08",
            "2026-12-09",
            "2026-12-25",
        ]
    );
    assert!(days
        .iter()
        .all(|h| h.kind == DayKind::Feriado && h.source == DaySource::Regla && !h.working));
    assert_eq!(days[1].name, "Jueves Santo");
    assert_eq!(days[2].name, "Viernes Santo");
}

#[test]
fn peru_rules_respect_their_first_year() {
    // Día de la Fuerza Aérea is a holiday from 2024; Batalla de Junín from 2022.
    let cal = peru();
    assert_eq!(cal.holidays_in_year(2023).len(), 15);
    assert_eq!(cal.holidays_in_year(2021).len(), 12);
    assert!(cal.is_working_day(date("2021-08-06"))); // a Friday, before the law
    assert!(cal
        .holidays_in_year(2022)
        .iter()
        .any(|h| h.date == date("2022-08-06")));
    assert!(!cal.is_working_day(date("2024-07-23")));
    assert!(cal.is_working_day(date("2023-07-24")));
}

#[test]
fn to_year_is_inclusive() {
    let mut r = rule("Feriado temporal", "fixed", Some(3), Some(10));
    r.from_year = Some(2025);
    r.to_year = Some(2026);
    let cal = Calendar::new(vec![r.clone()], Vec::new());
    // 10 March: Monday 2025, Tuesday 2026, Wednesday 2027, Friday 2024.
    assert!(cal.is_working_day(date("2024-03-08")));
    assert!(!cal.is_working_day(date("2025-03-10")));
    assert!(!cal.is_working_day(date("2026-03-10")));
    assert!(cal.is_working_day(date("2027-03-10")));
    assert_eq!(r.date_in(2026), Some(date("2026-03-10")));
    assert_eq!(r.date_in(2027), None);
}

#[test]
fn chile_nearest_monday() {
    let cal = chile();
    let names = |y| {
        cal.holidays_in_year(y)
            .into_iter()
            .map(|h| (h.date.to_string(), h.name))
            .collect::<Vec<_>>()
    };
    let y2023 = names(2023);
    assert!(y2023.contains(&("2023-06-26".into(), "San Pedro y San Pablo".into())));
    assert!(y2023.contains(&("2023-10-09".into(), "Encuentro de Dos Mundos".into())));
    assert!(!y2023
        .iter()
        .any(|(d, _)| d == "2023-06-29" || d == "2023-10-12"));
    let y2018 = names(2018);
    assert!(y2018.contains(&("2018-10-15".into(), "Encuentro de Dos Mundos".into())));
    // 29 June 2020 was a Monday: it stays.
    assert!(names(2020).contains(&("2020-06-29".into(), "San Pedro y San Pablo".into())));
    // 12 October 2024 was a Saturday: it stays.
    assert!(names(2024).contains(&("2024-10-12".into(), "Encuentro de Dos Mundos".into())));
    // Tuesday 12 October 2021 → Monday 11; Wednesday 29 June 2022 → Monday 27.
    assert!(!cal.is_working_day(date("2021-10-11")));
    assert!(cal.is_working_day(date("2021-10-12")));
    assert!(!cal.is_working_day(date("2022-06-27")));
    assert!(cal.is_working_day(date("2022-06-29")));
}

#[test]
fn chile_easter_saturday_is_listed_even_on_a_weekend() {
    let days = chile().holidays_in_year(2026);
    let santo: Vec<_> = days
        .iter()
        .filter(|h| h.name.ends_with("Santo"))
        .map(|h| h.date.to_string())
        .collect();
    assert_eq!(santo, ["2026-04-03", "2026-04-04"]);
}

#[test]
fn holiday_on_a_friday() {
    let cal = peru();
    assert_eq!(date("2026-05-01").weekday(), Weekday::Fri);
    assert_eq!(
        cal.add_working_days(date("2026-04-30"), 1),
        date("2026-05-04")
    );
    assert_eq!(
        cal.add_working_days(date("2026-05-04"), -1),
        date("2026-04-30")
    );
    assert_eq!(
        cal.working_days_between(date("2026-04-30"), date("2026-05-04")),
        1
    );
}

#[test]
fn holy_week() {
    let cal = peru();
    assert_eq!(
        cal.add_working_days(date("2026-04-01"), 1),
        date("2026-04-06")
    );
    assert_eq!(
        cal.add_working_days(date("2026-04-01"), 0),
        date("2026-04-01")
    );
    assert_eq!(
        cal.add_working_days(date("2026-04-03"), 0),
        date("2026-04-03")
    );
    assert_eq!(
        cal.add_working_days(date("2026-04-03"), 1),
        date("2026-04-06")
    );
    assert_eq!(
        cal.add_working_days(date("2026-04-06"), -1),
        date("2026-04-01")
    );
    assert_eq!(
        cal.add_working_days(date("2026-04-06"), -2),
        date("2026-03-31")
    );
    assert_eq!(cal.on_or_after(date("2026-04-02")), date("2026-04-06"));
    assert_eq!(cal.on_or_after(date("2026-04-01")), date("2026-04-01"));
}

#[test]
fn working_days_between_is_half_open() {
    let cal = peru();
    // Monday 2026-03-02 .. Friday 2026-03-06: Tue, Wed, Thu, Fri.
    assert_eq!(
        cal.working_days_between(date("2026-03-02"), date("2026-03-06")),
        4
    );
    assert_eq!(
        cal.working_days_between(date("2026-03-06"), date("2026-03-02")),
        -4
    );
    assert_eq!(
        cal.working_days_between(date("2026-03-02"), date("2026-03-02")),
        0
    );
    // Saturday to Sunday: none.
    assert_eq!(
        cal.working_days_between(date("2026-03-07"), date("2026-03-08")),
        0
    );
    // Across New Year: Tue 30 Dec 2025 .. Mon 5 Jan 2026 = 31 Dec, 2 Jan, 5 Jan.
    assert_eq!(
        cal.working_days_between(date("2025-12-30"), date("2026-01-05")),
        3
    );
    assert_eq!(
        cal.add_working_days(date("2025-12-30"), 3),
        date("2026-01-05")
    );
    assert_eq!(
        cal.add_working_days(date("2026-01-05"), -3),
        date("2025-12-30")
    );
}

#[test]
fn a_whole_year() {
    let cal = peru();
    // 2026: 261 weekdays, of which 13 holidays fall on a weekday (7 Jun, 30 Aug, 1 Nov are
    // Sundays).
    let n = cal.working_days_between(date("2025-12-31"), date("2026-12-31"));
    assert_eq!(n, 261 - 13);
    assert_eq!(
        cal.add_working_days(date("2025-12-31"), n),
        date("2026-12-31")
    );
    // Over a decade, landing on a Sunday: the count reaches the Friday before it.
    let (from, to) = (date("2020-01-01"), date("2030-06-30"));
    let n = cal.working_days_between(from, to);
    assert!(!cal.is_working_day(to));
    assert_eq!(cal.add_working_days(from, n), cal.add_working_days(to, -1));
    assert_eq!(cal.add_working_days(to, -1), date("2030-06-28"));
}

#[test]
fn overrides() {
    let cal = Calendar::new(
        seeded_rules("PE"),
        vec![
            DayOverride {
                date: date("2026-05-04"),
                kind: OverrideKind::NoLaborable,
                name: "Día no laborable (DS)".into(),
            },
            DayOverride {
                date: date("2026-06-29"),
                kind: OverrideKind::Laborable,
                name: "San Pedro se trabaja".into(),
            },
            DayOverride {
                date: date("2026-09-24"),
                kind: OverrideKind::Regional,
                name: "Feriado regional".into(),
            },
        ],
    );
    assert!(!cal.is_working_day(date("2026-05-04")));
    assert_eq!(
        cal.add_working_days(date("2026-04-30"), 1),
        date("2026-05-05")
    );
    assert!(cal.is_working_day(date("2026-06-29")));
    assert_eq!(
        cal.add_working_days(date("2026-06-26"), 1),
        date("2026-06-29")
    );
    assert!(!cal.is_working_day(date("2026-09-24")));
    assert_eq!(
        cal.rule_holiday(date("2026-06-29")).as_deref(),
        Some("San Pedro y San Pablo")
    );
    assert_eq!(cal.rule_holiday(date("2026-05-04")), None);

    let days = cal.days_in_year(2026);
    assert_eq!(days.len(), 18);
    let june29 = days.iter().find(|h| h.date == date("2026-06-29")).unwrap();
    assert_eq!(
        (
            june29.kind,
            june29.source,
            june29.working,
            june29.name.as_str()
        ),
        (
            DayKind::Laborable,
            DaySource::Manual,
            true,
            "San Pedro se trabaja"
        )
    );
    let may4 = days.iter().find(|h| h.date == date("2026-05-04")).unwrap();
    assert_eq!(
        (may4.kind, may4.source, may4.working),
        (DayKind::NoLaborable, DaySource::Manual, false)
    );
    let holidays = cal.holidays_in_year(2026);
    assert_eq!(holidays.len(), 17);
    assert!(!holidays.iter().any(|h| h.date == date("2026-06-29")));
    assert!(days.windows(2).all(|w| w[0].date < w[1].date));
}

#[test]
fn laborable_does_not_open_a_weekend() {
    let cal = Calendar::new(
        seeded_rules("PE"),
        vec![DayOverride {
            date: date("2026-06-07"), // Sunday
            kind: OverrideKind::Laborable,
            name: "x".into(),
        }],
    );
    assert!(!cal.is_working_day(date("2026-06-07")));
}

#[test]
fn impossible_rule_dates_are_skipped() {
    let mut leap = rule("Bisiesto", "fixed", Some(2), Some(29));
    leap.id = 2;
    let cal = Calendar::new(
        vec![
            rule("31 de junio", "fixed", Some(6), Some(31)),
            rule("Sin mes", "fixed", None, Some(3)),
            rule("Mes 13", "nearest_monday", Some(13), Some(1)),
            rule("Día 0", "fixed", Some(1), Some(0)),
            HolidayRule {
                easter_offset: None,
                ..rule("Pascua sin desplazamiento", "easter", None, None)
            },
            leap,
        ],
        Vec::new(),
    );
    assert!(cal.holidays_in_year(2026).is_empty());
    assert!(cal.is_working_day(date("2026-07-01")));
    assert_eq!(cal.holidays_in_year(2028).len(), 1); // 29 Feb 2028 (Tuesday)
    assert_eq!(
        cal.add_working_days(date("2026-06-30"), 1),
        date("2026-07-01")
    );
}

#[test]
fn easter_offsets_may_cross_new_year() {
    let mut r = rule("Lejano", "easter", None, None);
    r.easter_offset = Some(-100); // Easter 2026 − 100 days = 26 Dec 2025
    let cal = Calendar::new(vec![r.clone()], Vec::new());
    assert_eq!(r.date_in(2026), Some(date("2025-12-26")));
    let h = cal.holidays_in_year(2025);
    assert!(h.iter().any(|h| h.date == date("2025-12-26")));
    assert!(!cal.is_working_day(date("2025-12-26")));
}

#[test]
fn no_working_days_at_all_does_not_hang() {
    let rules = (1..=12)
        .flat_map(|m| (1..=31).map(move |d| rule("Todo", "fixed", Some(m), Some(d))))
        .collect();
    let cal = Calendar::new(rules, Vec::new());
    assert_eq!(cal.try_add_working_days(date("2026-01-01"), 1), None);
    assert_eq!(cal.try_add_working_days(date("2026-01-01"), -1), None);
    assert_eq!(
        cal.working_days_between(date("2026-01-01"), date("2027-01-01")),
        0
    );
}

#[test]
fn edges_of_the_date_range_give_none() {
    let cal = Calendar::new(Vec::new(), Vec::new());
    assert_eq!(cal.try_add_working_days(NaiveDate::MAX, 1), None);
    assert_eq!(cal.try_add_working_days(NaiveDate::MIN, -1), None);
    assert_eq!(
        cal.try_add_working_days(NaiveDate::MAX, 0),
        Some(NaiveDate::MAX)
    );
    assert!(cal.days_in_year(i32::MAX).is_empty());
}

#[test]
fn calendar_is_send_sync_and_clone() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Calendar>();
    let cal = peru();
    assert!(!cal.is_working_day(date("2026-01-01")));
    let copy = cal.clone();
    assert_eq!(copy.holidays_in_year(2026), cal.holidays_in_year(2026));
}

#[test]
fn override_kind_codes_round_trip() {
    for k in OverrideKind::ALL {
        assert_eq!(OverrideKind::parse(k.as_str()), Some(k));
        assert_eq!(DayKind::from(k).as_str(), k.as_str());
    }
    assert_eq!(OverrideKind::parse("feriado"), None);
}
