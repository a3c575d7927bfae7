//! The working-day calendar: property tests of the arithmetic on the seeded Peruvian and
//! Chilean calendars (with a few overrides) without a database, then the `calendar.*` methods
//! through the API.

mod common;

use std::sync::OnceLock;

use cabildo::calendar::{Calendar, DayOverride, HolidayRule, OverrideKind, RuleKind};
use chrono::{Days, NaiveDate};
use common::Host;
use proptest::prelude::*;
use serde_json::json;

/// The holiday rules seeded by migration 0002 for `country`, read from the migration itself.
fn seeded_rules(country: &str) -> Vec<HolidayRule> {
    let sql = include_str!("../migrations/0002_rule_sets.sql");
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
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        for c in inner.chars() {
            match c {
                '\'' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut cur).trim().to_string()),
                _ => cur.push(c),
            }
        }
        fields.push(cur.trim().to_string());
        assert_eq!(fields.len(), 8, "{line}");
        if fields[0] != country {
            continue;
        }
        let int = |s: &str| (s != "NULL").then(|| s.parse::<i64>().unwrap());
        rules.push(HolidayRule {
            id: rules.len() as i64 + 1,
            country: fields[0].clone(),
            name: fields[1].clone(),
            kind: serde_json::from_value::<RuleKind>(json!(fields[2])).unwrap(),
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

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Peru's seed plus a declared non-working day, a regional holiday and a worked holiday.
fn peru() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        Calendar::new(
            seeded_rules("PE"),
            vec![
                DayOverride {
                    date: date("2026-05-04"),
                    kind: OverrideKind::NoLaborable,
                    name: "Día no laborable".into(),
                },
                DayOverride {
                    date: date("2030-09-24"),
                    kind: OverrideKind::Regional,
                    name: "Feriado regional".into(),
                },
                DayOverride {
                    date: date("2026-06-29"),
                    kind: OverrideKind::Laborable,
                    name: "San Pedro se trabaja".into(),
                },
            ],
        )
    })
}

fn chile() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| Calendar::new(seeded_rules("CL"), Vec::new()))
}

fn calendar(chilean: bool) -> &'static Calendar {
    if chilean {
        chile()
    } else {
        peru()
    }
}

/// Any date from 2000-01-01 to 2100-12-31.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = date("2000-01-01");
    let span = (date("2100-12-31") - first).num_days() as u64;
    (0..=span).prop_map(move |k| first + Days::new(k))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn between_undoes_add(chilean: bool, d in any_date(), n in 0i64..400) {
        let cal = calendar(chilean);
        let end = cal.add_working_days(d, n);
        prop_assert_eq!(cal.working_days_between(d, end), n);
        prop_assert_eq!(cal.working_days_between(end, d), -n);
        if n > 0 {
            prop_assert!(end > d);
            prop_assert!(cal.is_working_day(end));
        } else {
            prop_assert_eq!(end, d);
        }
    }

    #[test]
    fn add_is_monotonic(chilean: bool, d in any_date(), a in 0i64..400, b in 0i64..400) {
        let cal = calendar(chilean);
        let (lo, hi) = (a.min(b), a.max(b));
        let (x, y) = (cal.add_working_days(d, lo), cal.add_working_days(d, hi));
        prop_assert!(x <= y);
        if lo < hi {
            prop_assert!(x < y);
        }
    }

    #[test]
    fn add_composes_from_a_working_day(chilean: bool, d in any_date(), a in -400i64..400, b in -400i64..400) {
        let cal = calendar(chilean);
        let d = if cal.is_working_day(d) { d } else { cal.add_working_days(d, 1) };
        prop_assert_eq!(
            cal.add_working_days(cal.add_working_days(d, a), b),
            cal.add_working_days(d, a + b)
        );
    }

    #[test]
    fn backwards_mirrors_forwards(chilean: bool, d in any_date(), n in 1i64..400) {
        let cal = calendar(chilean);
        let back = cal.add_working_days(d, -n);
        prop_assert!(back < d);
        prop_assert!(cal.is_working_day(back));
        // (back, d] holds n working days when d is one, n − 1 otherwise.
        let expected = if cal.is_working_day(d) { -n } else { -(n - 1) };
        prop_assert_eq!(cal.working_days_between(d, back), expected);
        let forward = cal.add_working_days(back, n);
        prop_assert!(forward >= d);
        prop_assert_eq!(forward == d, cal.is_working_day(d));
    }

    #[test]
    fn between_counts_day_by_day(chilean: bool, d in any_date(), len in 0u64..120) {
        let cal = calendar(chilean);
        let to = d + Days::new(len);
        let slow = d.iter_days().skip(1).take(len as usize).filter(|x| cal.is_working_day(*x)).count();
        prop_assert_eq!(cal.working_days_between(d, to), slow as i64);
    }

    #[test]
    fn one_step_is_the_next_working_day(chilean: bool, d in any_date()) {
        let cal = calendar(chilean);
        let next = cal.add_working_days(d, 1);
        prop_assert!(cal.is_working_day(next));
        prop_assert!(d.iter_days().skip(1).take_while(|x| *x < next).all(|x| !cal.is_working_day(x)));
    }
}

#[test]
fn known_dates() {
    let pe = peru();
    assert_eq!(
        pe.add_working_days(date("2026-04-30"), 1),
        date("2026-05-05")
    );
    assert_eq!(
        pe.add_working_days(date("2026-04-01"), 1),
        date("2026-04-06")
    );
    assert!(pe.is_working_day(date("2026-06-29")));
    assert!(!pe.is_working_day(date("2030-09-24")));
    let cl = chile();
    assert!(!cl.is_working_day(date("2023-06-26")));
    assert!(!cl.is_working_day(date("2023-10-09")));
    assert!(!cl.is_working_day(date("2018-10-15")));
    assert!(cl.is_working_day(date("2018-10-12")));
}

#[test]
fn a_long_walk_is_fast() {
    let cal = Calendar::new(seeded_rules("PE"), Vec::new());
    let start = std::time::Instant::now();
    let mut d = date("2000-01-03");
    for _ in 0..10_000 {
        d = cal.add_working_days(d, 250);
    }
    assert!(d.format("%Y").to_string().parse::<i32>().unwrap() > 11_000);
    assert!(start.elapsed().as_secs() < 20);
}

#[tokio::test]
async fn methods_need_a_municipality() {
    let h = Host::new().await;
    let e = h
        .err(
            "calendar.add_working_days",
            json!({"date": "2026-04-30", "days": 1}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    let e = h.err("calendar.day.list", json!({"year": 2026})).await;
    assert_eq!(e.kind, "conflict");
}

#[tokio::test]
async fn peru_rules_and_arithmetic() {
    let h = Host::peru().await;
    let rules = h.ok("calendar.rule.list", json!({})).await;
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), 16);
    assert!(rules.iter().all(|r| r["country"] == "PE"));
    assert_eq!(rules[0]["name"], "Año Nuevo");

    let days = h.ok("calendar.day.list", json!({"year": 2026})).await;
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 16);
    assert_eq!(
        days[1],
        json!({"date": "2026-04-02", "name": "Jueves Santo", "kind": "feriado", "source": "regla", "working": false})
    );

    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-04-30", "days": 1}),
        )
        .await;
    assert_eq!(r, json!({"date": "2026-05-04"}));
    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-04-01", "days": 1}),
        )
        .await;
    assert_eq!(r["date"], "2026-04-06");
    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-04-06", "days": -2}),
        )
        .await;
    assert_eq!(r["date"], "2026-03-31");
    let r = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2026-04-01", "to": "2026-04-06"}),
        )
        .await;
    assert_eq!(r, json!({"days": 1}));
    let r = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2026-04-06", "to": "2026-04-01"}),
        )
        .await;
    assert_eq!(r["days"], -1);

    let e = h
        .err(
            "calendar.add_working_days",
            json!({"date": "30/04/2026", "days": 1}),
        )
        .await;
    assert_eq!(
        (e.kind.as_str(), e.field.as_deref()),
        ("validation", Some("date"))
    );
    let e = h
        .err(
            "calendar.add_working_days",
            json!({"date": "2026-04-30", "days": 3661}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("days"));
    let e = h
        .err(
            "calendar.working_days_between",
            json!({"from": "2026-04-01", "to": "2026-02-30"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = h.err("calendar.day.list", json!({"year": 1492})).await;
    assert_eq!(e.field.as_deref(), Some("year"));
}

#[tokio::test]
async fn overrides_change_the_arithmetic() {
    let h = Host::peru().await;
    let d = h.ok("calendar.day.set", json!({"date": "2026-05-04", "kind": "no_laborable", "name": " Día no laborable  (DS) "})).await;
    assert_eq!(
        d,
        json!({"date": "2026-05-04", "name": "Día no laborable (DS)", "kind": "no_laborable", "source": "manual", "working": false})
    );
    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-04-30", "days": 1}),
        )
        .await;
    assert_eq!(r["date"], "2026-05-05");

    // San Pedro y San Pablo 2026 (a Monday) declared a working day.
    let d = h
        .ok(
            "calendar.day.set",
            json!({"date": "2026-06-29", "kind": "laborable", "name": "Se trabaja"}),
        )
        .await;
    assert_eq!(
        (d["kind"].as_str(), d["working"].as_bool()),
        (Some("laborable"), Some(true))
    );
    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-06-26", "days": 1}),
        )
        .await;
    assert_eq!(r["date"], "2026-06-29");

    // Replacing the override of a date (upsert).
    let d = h
        .ok(
            "calendar.day.set",
            json!({"date": "2026-06-29", "kind": "regional", "name": "Fiesta de la región"}),
        )
        .await;
    assert_eq!(
        (d["kind"].as_str(), d["working"].as_bool()),
        (Some("regional"), Some(false))
    );

    let days = h.ok("calendar.day.list", json!({"year": 2026})).await;
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 17);
    assert!(days
        .windows(2)
        .all(|w| w[0]["date"].as_str() < w[1]["date"].as_str()));

    // Errors name the field.
    let e = h
        .err(
            "calendar.day.set",
            json!({"date": "2026-03-10", "kind": "laborable", "name": "x"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    assert_eq!(
        e.message,
        "Esa fecha no es feriado; no hace falta declararla laborable."
    );
    let e = h
        .err(
            "calendar.day.set",
            json!({"date": "2026-06-07", "kind": "laborable", "name": "x"}),
        )
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("kind"),
        "a Sunday holiday cannot be made a working day"
    );
    let e = h
        .err(
            "calendar.day.set",
            json!({"date": "2026-03-10", "kind": "feriado", "name": "x"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));
    let e = h
        .err(
            "calendar.day.set",
            json!({"date": "2026-03-10", "kind": "regional", "name": "  "}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("name"));
    let e = h
        .err(
            "calendar.day.set",
            json!({"date": "2026-3-10", "kind": "regional", "name": "x"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("date"));

    h.ok("calendar.day.delete", json!({"date": "2026-05-04"}))
        .await;
    let r = h
        .ok(
            "calendar.add_working_days",
            json!({"date": "2026-04-30", "days": 1}),
        )
        .await;
    assert_eq!(r["date"], "2026-05-04");
    let e = h
        .err("calendar.day.delete", json!({"date": "2026-05-04"}))
        .await;
    assert_eq!(e.kind, "not_found");
    let e = h
        .err("calendar.day.delete", json!({"date": "2026-01-01"}))
        .await;
    assert_eq!(e.kind, "not_found", "a rule's holiday is not an override");
}

#[tokio::test]
async fn rules_can_be_added_and_removed() {
    let h = Host::peru().await;
    // A regional rule: 24 September from 2026 (a Thursday in 2026).
    let r = h
        .ok(
            "calendar.rule.create",
            json!({"name": "Virgen de las Mercedes", "kind": "fixed", "month": 9, "day": 24, "from_year": 2026}),
        )
        .await;
    assert_eq!(r["country"], "PE");
    assert_eq!(r["to_year"], serde_json::Value::Null);
    let id = r["id"].clone();
    let n = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2026-09-23", "to": "2026-09-25"}),
        )
        .await;
    assert_eq!(n["days"], 1);
    let n = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2025-09-23", "to": "2025-09-25"}),
        )
        .await;
    assert_eq!(n["days"], 2, "the rule starts in 2026");

    let e = h
        .err(
            "calendar.rule.create",
            json!({"name": "Otra", "kind": "fixed", "month": 9, "day": 24, "from_year": 2030}),
        )
        .await;
    assert_eq!(e.kind, "conflict");
    let e = h
        .err(
            "calendar.rule.create",
            json!({"name": "Mal", "kind": "fixed", "month": 6, "day": 31}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("day"));
    let e = h
        .err(
            "calendar.rule.create",
            json!({"name": "Mal", "kind": "easter", "month": 4}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("easter_offset"));
    let e = h
        .err(
            "calendar.rule.create",
            json!({"name": "Mal", "kind": "weekly"}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("kind"));

    let carnaval = h
        .ok(
            "calendar.rule.create",
            json!({"name": "Lunes de Carnaval", "kind": "easter", "easter_offset": -48}),
        )
        .await;
    let n = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2026-02-13", "to": "2026-02-16"}),
        )
        .await;
    assert_eq!(n["days"], 0, "Monday 16 February 2026 is Easter − 48");
    assert_eq!(
        h.ok("calendar.rule.list", json!({}))
            .await
            .as_array()
            .unwrap()
            .len(),
        18
    );

    h.ok("calendar.rule.delete", json!({"id": id})).await;
    h.ok("calendar.rule.delete", json!({"id": carnaval["id"]}))
        .await;
    let e = h.err("calendar.rule.delete", json!({"id": id})).await;
    assert_eq!(e.kind, "not_found");
    // A Chilean rule is not the Peruvian municipality's to delete.
    let cl: i64 = sqlx::query_scalar("SELECT id FROM holiday_rule WHERE country = 'CL' LIMIT 1")
        .fetch_one(h.cab.pool())
        .await
        .unwrap();
    let e = h.err("calendar.rule.delete", json!({"id": cl})).await;
    assert_eq!(e.kind, "not_found");
    let n = h
        .ok(
            "calendar.working_days_between",
            json!({"from": "2026-09-23", "to": "2026-09-25"}),
        )
        .await;
    assert_eq!(n["days"], 2);
}
