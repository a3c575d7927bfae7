//! Legal checks shown while the clerk works on a session: a **block** where the law leaves no
//! room (an extraordinary session convened with fewer than the legal working days, an
//! extraordinary session asked for by fewer than a third of the número legal, a second
//! postponement, a postponement outside 3–5 working days), a **warning** where it leaves the
//! matter to the council's own rules (ordinary lead time, 2–4 ordinary sessions a month).
//! Every number comes from the rule set.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::values::SessionKind;
use crate::calendar::Calendar;
use crate::rules::{parse_fraction, RuleSet};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Check {
    /// `bloqueo` (the action is refused) or `advertencia` (shown, allowed).
    pub level: String,
    /// Stable code (`plazo_extraordinaria`, `sesiones_por_mes`…).
    pub code: String,
    /// Spanish explanation with the numbers and the rule's source.
    pub message: String,
}

fn block(code: &str, message: String) -> Check {
    Check {
        level: "bloqueo".into(),
        code: code.into(),
        message,
    }
}

fn warn(code: &str, message: String) -> Check {
    Check {
        level: "advertencia".into(),
        code: code.into(),
        message,
    }
}

fn number(rules: &RuleSet, key: &str) -> Option<i64> {
    rules.value(key).and_then(|v| v.trim().parse().ok())
}

/// Working days strictly between the convocation and the session (neither day counts).
pub fn lead_working_days(cal: &Calendar, convened: NaiveDate, session: NaiveDate) -> i64 {
    if session <= convened {
        return 0;
    }
    cal.working_days_between(convened, session.pred_opt().unwrap_or(session))
}

/// Lead time between convocation and session.
pub fn lead_time(
    cal: &Calendar,
    rules: &RuleSet,
    kind: SessionKind,
    convened: NaiveDate,
    session: NaiveDate,
) -> Option<Check> {
    let days = lead_working_days(cal, convened, session);
    match kind {
        SessionKind::Extraordinaria => {
            let need = number(rules, "sessions.extraordinary_lead_working_days")?;
            (days < need).then(|| {
                block(
                    "plazo_extraordinaria",
                    format!(
                        "Entre la convocatoria ({}) y la sesión extraordinaria ({}) median {days} días hábiles; la ley exige al menos {need}{}.",
                        convened.format("%d/%m/%Y"),
                        session.format("%d/%m/%Y"),
                        rules.cite("law.extraordinary_lead")
                    ),
                )
            })
        }
        _ => {
            let need = number(rules, "sessions.ordinary_lead_working_days")?;
            (days < need).then(|| {
                warn(
                    "plazo_ordinaria",
                    format!(
                        "La convocatoria se hace con {days} días hábiles de anticipación; el Reglamento Interno del Concejo suele pedir {need}. Verifique su reglamento."
                    ),
                )
            })
        }
    }
}

/// A session set on a day that is not a working day of the municipality's calendar (a
/// weekend, a holiday, a day declared non-working): a warning, since a council may agree to
/// meet on such a day.
pub fn non_working_day(cal: &Calendar, date: NaiveDate) -> Option<Check> {
    use chrono::{Datelike, Weekday};
    if cal.is_working_day(date) {
        return None;
    }
    let day = match date.weekday() {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    };
    let holiday = cal
        .holidays_in_year(date.year())
        .into_iter()
        .find(|h| h.date == date)
        .map(|h| h.name);
    let why = match holiday {
        Some(name) => format!("feriado: {name}"),
        None if crate::calendar::is_weekend(date) => "fin de semana".to_string(),
        None => "día no laborable".to_string(),
    };
    Some(warn(
        "dia_no_habil",
        format!(
            "El {day} {} no es día hábil en el calendario de la municipalidad ({why}). Puede sesionar si el concejo lo acordó.",
            date.format("%d/%m/%Y")
        ),
    ))
}

/// Ordinary sessions in the month of `date` (including this one).
pub fn monthly_count(rules: &RuleSet, ordinary_in_month: i64) -> Option<Check> {
    let min = number(rules, "sessions.ordinary_min_per_month");
    let max = number(rules, "sessions.ordinary_max_per_month");
    if let Some(max) = max.filter(|m| ordinary_in_month > *m) {
        return Some(warn(
            "sesiones_por_mes",
            format!(
                "Con esta serían {ordinary_in_month} sesiones ordinarias en el mes; la ley prevé como máximo {max} (y solo {} se pagan como dietas).",
                number(rules, "sessions.paid_max_per_month").unwrap_or(max)
            ),
        ));
    }
    if let Some(min) = min.filter(|m| ordinary_in_month < *m) {
        return Some(warn(
            "sesiones_por_mes",
            format!(
                "Hay {ordinary_in_month} sesión(es) ordinaria(s) programada(s) en el mes; la ley prevé al menos {min}."
            ),
        ));
    }
    None
}

/// Who convenes an extraordinary session: the alcalde, or at least a fraction of the número
/// legal (1/3 in Peru).
pub fn who_convenes(
    rules: &RuleSet,
    kind: SessionKind,
    by_alcalde: bool,
    requesters: i64,
    legal: i64,
) -> Option<Check> {
    if by_alcalde {
        return None;
    }
    if kind != SessionKind::Extraordinaria {
        return Some(block(
            "convocante",
            "Las sesiones ordinarias y solemnes las convoca el alcalde.".into(),
        ));
    }
    let (a, b) = rules
        .value("sessions.extraordinary_request_fraction")
        .and_then(parse_fraction)
        .unwrap_or((1, 3));
    let need = crate::sessions::vote::ceil_fraction(legal, a, b);
    (requesters < need).then(|| {
        block(
            "convocante",
            format!(
                "Piden la sesión extraordinaria {requesters} miembros; se necesita al menos {a}/{b} del número legal ({legal}): {need}."
            ),
        )
    })
}

/// A postponement: once, between the minimum and maximum working days after the original
/// date, asked for by the fraction of the número legal the law sets (art. 15).
pub fn postponement(
    cal: &Calendar,
    rules: &RuleSet,
    already_postponed: bool,
    original: NaiveDate,
    new_date: NaiveDate,
    requesters: i64,
    legal: i64,
) -> Vec<Check> {
    let mut out = Vec::new();
    let (Some(min), Some(max)) = (
        number(rules, "sessions.postpone_min_working_days"),
        number(rules, "sessions.postpone_max_working_days"),
    ) else {
        return out;
    };
    if already_postponed {
        out.push(block(
            "aplazamiento_unico",
            format!(
                "La sesión ya fue aplazada una vez; la ley permite un solo aplazamiento{}.",
                rules.cite("law.postponement")
            ),
        ));
    }
    let days = cal.working_days_between(original, new_date);
    if days < min || days > max {
        out.push(block(
            "aplazamiento_plazo",
            format!(
                "El {} está a {days} días hábiles del {}; el aplazamiento debe ser de {min} a {max} días hábiles{}.",
                new_date.format("%d/%m/%Y"),
                original.format("%d/%m/%Y"),
                rules.cite("law.postponement")
            ),
        ));
    }
    if let Some((a, b)) = rules
        .value("sessions.postpone_fraction")
        .and_then(parse_fraction)
    {
        let need = crate::sessions::vote::ceil_fraction(legal, a, b);
        if requesters < need {
            out.push(block(
                "aplazamiento_solicitantes",
                format!(
                    "Piden el aplazamiento {requesters} miembros; se necesitan {a}/{b} del número legal ({legal}): {need}."
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleEntry, RuleSet};

    fn peru() -> RuleSet {
        let e = |k: &str, v: &str| RuleEntry {
            key: k.into(),
            value: v.into(),
            label: String::new(),
            note: String::new(),
        };
        RuleSet {
            country: "PE".into(),
            entries: vec![
                e("sessions.extraordinary_lead_working_days", "5"),
                e("sessions.ordinary_lead_working_days", "3"),
                e("sessions.ordinary_min_per_month", "2"),
                e("sessions.ordinary_max_per_month", "4"),
                e("sessions.paid_max_per_month", "4"),
                e("sessions.extraordinary_request_fraction", "1/3"),
                e("sessions.postpone_fraction", "2/3"),
                e("sessions.postpone_min_working_days", "3"),
                e("sessions.postpone_max_working_days", "5"),
            ],
        }
    }

    #[test]
    fn month_counts_warn_outside_two_to_four() {
        let rules = peru();
        assert!(monthly_count(&rules, 1).is_some());
        assert!(monthly_count(&rules, 2).is_none());
        assert!(monthly_count(&rules, 4).is_none());
        let c = monthly_count(&rules, 5).unwrap();
        assert_eq!(c.level, "advertencia");
        assert!(c.message.contains("máximo 4"));
    }

    #[test]
    fn a_third_of_the_legal_number_may_ask_for_an_extraordinary_session() {
        let rules = peru();
        // Legal 10 (alcalde + 9): ⌈10/3⌉ = 4.
        assert!(who_convenes(&rules, SessionKind::Extraordinaria, false, 3, 10).is_some());
        assert!(who_convenes(&rules, SessionKind::Extraordinaria, false, 4, 10).is_none());
        assert!(who_convenes(&rules, SessionKind::Ordinaria, false, 10, 10).is_some());
        assert!(who_convenes(&rules, SessionKind::Ordinaria, true, 0, 10).is_none());
    }
}
