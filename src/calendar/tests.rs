//! Tests of the calendar methods' validation and of what they list.

use super::*;

fn field_of(e: Error) -> Option<String> {
    match e {
        Error::Validation { field, .. } => field,
        other => panic!("not a validation error: {other:?}"),
    }
}

fn create(kind: RuleKind) -> CalendarRuleCreate {
    CalendarRuleCreate {
        name: "  Fiesta   local ".into(),
        kind,
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
    let mut p = create(RuleKind::Fixed);
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
    p.kind = RuleKind::NearestMonday;
    p.month = Some(13);
    assert_eq!(
        field_of(validate_rule(&p).unwrap_err()).as_deref(),
        Some("month")
    );
}

#[test]
fn validate_easter() {
    let mut p = create(RuleKind::Easter);
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
    let mut p = create(RuleKind::Fixed);
    p.month = Some(9);
    p.day = Some(24);
    p.name = "   ".into();
    assert_eq!(
        field_of(validate_rule(&p).unwrap_err()).as_deref(),
        Some("name")
    );
    p.name = "Virgen de las Mercedes".into();
    let weekly = serde_json::json!({"name": "Virgen de las Mercedes", "kind": "weekly", "month": 9, "day": 24});
    let e = serde_path_to_error::deserialize::<_, CalendarRuleCreate>(weekly).unwrap_err();
    assert_eq!(e.path().to_string(), "kind");
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
    for kind in RuleKind::ALL {
        for month in 1..=12 {
            for day in 1..=31 {
                let mut p = create(kind);
                if kind == RuleKind::Easter {
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
            kind: DayKind::Feriado,
            source: DaySource::Regla,
            working: false,
        }
    );
}
