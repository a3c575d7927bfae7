//! Legal deadlines in working days, with the account of how each was computed: the day the
//! clock starts (a filing after the office closes, or on a non-working day, counts from the
//! next working day), every day counted, every day skipped and why. Pure: a [`Calendar`] and
//! plain values in, a [`Deadline`] out, so the edges are tested without a database.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::spanish;

/// A day the count skipped, with the reason («sábado», «feriado: Santa Rosa de Lima»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedDay {
    /// The day (AAAA-MM-DD).
    pub date: String,
    /// Why it does not count.
    pub reason: String,
}

/// How a due date was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deadline {
    /// The day the request counts as received (AAAA-MM-DD).
    pub received_on: String,
    /// Working days of the term.
    pub days: i64,
    /// The first day counted.
    pub first_day: String,
    /// The due date: the last day counted.
    pub due_on: String,
    /// Non-working days inside the term (weekends, holidays, declared days).
    pub skipped: Vec<SkippedDay>,
    /// The account in words, one line per step, for the screen and the letters.
    pub steps: Vec<String>,
}

/// «viernes 24/07/2026».
pub fn day_label(d: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    format!(
        "{} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.format("%d/%m/%Y")
    )
}

/// Why `d` is not a working day.
fn why_not_working(cal: &Calendar, d: NaiveDate) -> String {
    if let Some(o) = cal.override_on(d) {
        if o.kind.closes() {
            return format!("día no laborable: {}", o.name);
        }
    }
    if let Some(name) = cal.rule_holiday(d) {
        return format!("feriado: {name}");
    }
    match d.weekday() {
        chrono::Weekday::Sat => "sábado".into(),
        chrono::Weekday::Sun => "domingo".into(),
        _ => "día no hábil".into(),
    }
}

/// The day a filing at `filed_at` counts as received: that day when it is a working day and
/// the office had not closed (`closing`), else the next working day. Returns the day and the
/// step that explains it.
pub fn received(
    cal: &Calendar,
    filed_at: NaiveDateTime,
    closing: Option<NaiveTime>,
) -> (NaiveDate, String) {
    let day = filed_at.date();
    let when = format!("{} a las {}", day_label(day), filed_at.format("%H:%M"));
    if !cal.is_working_day(day) {
        let next = cal.add_working_days(day, 1);
        return (
            next,
            format!(
                "Presentada el {when}, {} ({}): se tiene por presentada el {}.",
                "día no hábil",
                why_not_working(cal, day),
                day_label(next)
            ),
        );
    }
    if let Some(close) = closing {
        if filed_at.time() >= close {
            let next = cal.add_working_days(day, 1);
            return (
                next,
                format!(
                    "Presentada el {when}, después del cierre de la oficina ({}): se tiene por presentada el {}.",
                    close.format("%H:%M"),
                    day_label(next)
                ),
            );
        }
    }
    (
        day,
        format!("Presentada el {when}, en horario de atención."),
    )
}

/// `days` working days counted from the day after `from`: the due date is the last of them.
/// `lead` starts the account (how `from` was reached).
pub fn count(cal: &Calendar, from: NaiveDate, days: i64, lead: Vec<String>) -> Result<Deadline> {
    if days < 1 {
        return Err(Error::invalid(
            "El plazo debe ser de al menos un día hábil.",
        ));
    }
    let due = cal
        .try_add_working_days(from, days)
        .ok_or_else(|| Error::invalid("El plazo sale del rango de fechas."))?;
    let first = cal.add_working_days(from, 1);
    let mut skipped = Vec::new();
    let mut d = from.succ_opt().unwrap_or(from);
    while d <= due {
        if !cal.is_working_day(d) {
            skipped.push(SkippedDay {
                date: d.to_string(),
                reason: why_not_working(cal, d),
            });
        }
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    let mut steps = lead;
    steps.push(format!(
        "Se cuentan {} desde el día hábil siguiente, {}.",
        spanish::count(days as u32, "día hábil", "días hábiles"),
        day_label(first)
    ));
    let holidays: Vec<&SkippedDay> = skipped
        .iter()
        .filter(|s| !matches!(s.reason.as_str(), "sábado" | "domingo"))
        .collect();
    let weekends = skipped.len() - holidays.len();
    if skipped.is_empty() {
        steps.push("No hay días inhábiles en el plazo.".into());
    } else {
        let mut parts = Vec::new();
        if weekends > 0 {
            parts.push(spanish::count(
                weekends as u32,
                "día de fin de semana",
                "días de fin de semana",
            ));
        }
        for h in &holidays {
            let date = NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").unwrap_or(from);
            parts.push(format!("{} ({})", day_label(date), h.reason));
        }
        steps.push(format!("No se cuentan: {}.", parts.join("; ")));
    }
    steps.push(format!("Vence el {}.", day_label(due)));
    Ok(Deadline {
        received_on: from.to_string(),
        days,
        first_day: first.to_string(),
        due_on: due.to_string(),
        skipped,
        steps,
    })
}

/// The term of a filing: received per [`received`], then `days` working days.
pub fn term(
    cal: &Calendar,
    filed_at: NaiveDateTime,
    closing: Option<NaiveTime>,
    days: i64,
) -> Result<Deadline> {
    let (from, step) = received(cal, filed_at, closing);
    count(cal, from, days, vec![step])
}

/// How an extension is granted, per country (`access.extension_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extension {
    /// Peru: the entity communicates, once, the date on which it will deliver.
    Date,
    /// Chile: a fixed number of further working days.
    Days(i64),
}

/// The due date after an extension granted on `on`, and the step that explains it.
/// `notice_days`: working days from `received_on` within which it must be communicated
/// (`None`: until the original due date).
pub fn extend(
    cal: &Calendar,
    received_on: NaiveDate,
    due: NaiveDate,
    on: NaiveDate,
    mode: Extension,
    notice_days: Option<i64>,
    deliver_on: Option<NaiveDate>,
) -> Result<(NaiveDate, String)> {
    let limit = match notice_days {
        Some(n) => cal.add_working_days(received_on, n),
        None => due,
    };
    if on > limit {
        return Err(Error::field(
            "on_date",
            match notice_days {
                Some(n) => format!(
                    "La prórroga debía comunicarse dentro de {} de recibida la solicitud, hasta el {}.",
                    spanish::count(n as u32, "día hábil", "días hábiles"),
                    day_label(limit)
                ),
                None => format!(
                    "La prórroga debe comunicarse antes del vencimiento del plazo ({}).",
                    day_label(due)
                ),
            },
        ));
    }
    match mode {
        Extension::Date => {
            let Some(date) = deliver_on else {
                return Err(Error::field(
                    "deliver_on",
                    "Indique la fecha en que se entregará la información.",
                ));
            };
            if date <= due {
                return Err(Error::field(
                    "deliver_on",
                    format!(
                        "La fecha de entrega debe ser posterior al vencimiento del plazo ({}).",
                        day_label(due)
                    ),
                ));
            }
            if !cal.is_working_day(date) {
                return Err(Error::field(
                    "deliver_on",
                    format!(
                        "El {} no es día hábil ({}).",
                        day_label(date),
                        why_not_working(cal, date)
                    ),
                ));
            }
            Ok((
                date,
                format!(
                    "Prórroga comunicada el {}: la entidad entregará el {}.",
                    day_label(on),
                    day_label(date)
                ),
            ))
        }
        Extension::Days(n) => {
            let date = cal
                .try_add_working_days(due, n)
                .ok_or_else(|| Error::invalid("El plazo sale del rango de fechas."))?;
            Ok((
                date,
                format!(
                    "Prórroga comunicada el {}: {} más desde el vencimiento ({}), hasta el {}.",
                    day_label(on),
                    spanish::count(n as u32, "día hábil", "días hábiles"),
                    day_label(due),
                    day_label(date)
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{DayOverride, OverrideKind};

    fn peru() -> Calendar {
        Calendar::new(crate::calendar::seeded_rules_for_tests("PE"), vec![])
    }

    fn chile() -> Calendar {
        Calendar::new(crate::calendar::seeded_rules_for_tests("CL"), vec![])
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn close() -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(16, 30, 0)
    }

    #[test]
    fn friday_after_hours_before_the_long_weekend_of_july_counts_from_tuesday_the_28th_s_eve() {
        // Friday 24 July 2026 at 17:10; 25–26 weekend; 28 and 29 July national holidays.
        let t = term(&peru(), at("2026-07-24 17:10"), close(), 10).unwrap();
        assert_eq!(t.received_on, "2026-07-27");
        assert_eq!(t.first_day, "2026-07-30");
        // 30, 31 Jul; 3, 4, 5, 7 Aug (6 Aug holiday); 10, 11, 12, 13 Aug.
        assert_eq!(t.due_on, "2026-08-13");
        let reasons: Vec<&str> = t.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.starts_with("feriado")),
            "{reasons:?}"
        );
        assert!(t.steps[0].contains("después del cierre"), "{:?}", t.steps);
    }

    #[test]
    fn the_same_friday_before_closing_counts_from_monday() {
        let t = term(&peru(), at("2026-07-24 16:29"), close(), 10).unwrap();
        assert_eq!(t.received_on, "2026-07-24");
        assert_eq!(t.first_day, "2026-07-27");
        // 27, 30, 31 Jul; 3, 4, 5, 7, 10, 11, 12 Aug.
        assert_eq!(t.due_on, "2026-08-12");
    }

    #[test]
    fn a_filing_on_a_holiday_counts_from_the_next_working_day() {
        // Thursday 8 October 2026 (Combate de Angamos) at 09:00.
        let t = term(&peru(), at("2026-10-08 09:00"), close(), 10).unwrap();
        assert_eq!(t.received_on, "2026-10-09");
        assert!(t.steps[0].contains("feriado"), "{:?}", t.steps);
        assert_eq!(t.due_on, "2026-10-23");
    }

    #[test]
    fn a_declared_non_working_day_inside_the_term_is_skipped_and_named() {
        let cal = Calendar::new(
            crate::calendar::seeded_rules_for_tests("PE"),
            vec![DayOverride {
                date: d("2026-03-04"),
                kind: OverrideKind::NoLaborable,
                name: "Día no laborable D.S. 001-2026".into(),
            }],
        );
        let t = term(&cal, at("2026-03-02 10:00"), close(), 10).unwrap();
        assert_eq!(t.due_on, "2026-03-17");
        assert!(t
            .skipped
            .iter()
            .any(|s| s.date == "2026-03-04" && s.reason.contains("D.S. 001-2026")));
    }

    #[test]
    fn peru_extension_is_a_date_communicated_within_two_working_days() {
        let cal = peru();
        let received = d("2026-03-02");
        let due = d("2026-03-16");
        let (to, step) = extend(
            &cal,
            received,
            due,
            d("2026-03-04"),
            Extension::Date,
            Some(2),
            Some(d("2026-03-27")),
        )
        .unwrap();
        assert_eq!(to, d("2026-03-27"));
        assert!(step.contains("27/03/2026"));
        // The third working day is too late.
        let late = extend(
            &cal,
            received,
            due,
            d("2026-03-05"),
            Extension::Date,
            Some(2),
            Some(d("2026-03-27")),
        )
        .unwrap_err();
        assert!(
            late.to_string().contains("dentro de dos (2) días hábiles"),
            "{late}"
        );
        // A date not after the original deadline is no extension.
        assert!(extend(
            &cal,
            received,
            due,
            d("2026-03-03"),
            Extension::Date,
            Some(2),
            Some(due)
        )
        .is_err());
    }

    #[test]
    fn chile_twenty_plus_ten() {
        let cal = chile();
        // Monday 2 March 2026, 10:00: 20 working days → Monday 30 March.
        let t = term(
            &cal,
            at("2026-03-02 10:00"),
            NaiveTime::from_hms_opt(14, 0, 0),
            20,
        )
        .unwrap();
        assert_eq!(t.due_on, "2026-03-30");
        let due = d(&t.due_on);
        let (to, _) = extend(
            &cal,
            d("2026-03-02"),
            due,
            due,
            Extension::Days(10),
            None,
            None,
        )
        .unwrap();
        // 31 Mar, 1 Apr, (2 Apr Thursday — Jueves Santo is not a Chilean holiday), 3 Apr Viernes Santo skipped…
        assert_eq!(to, cal.add_working_days(due, 10));
        assert!(to > due);
        // After the deadline, no extension.
        assert!(extend(
            &cal,
            d("2026-03-02"),
            due,
            due.succ_opt().unwrap(),
            Extension::Days(10),
            None,
            None
        )
        .is_err());
    }
}
