//! Dates as they cross the boundary: ISO text (`AAAA-MM-DD`) on the wire, `NaiveDate` inside,
//! and one Spanish message naming the field when the text is not a date.

use chrono::{NaiveDate, NaiveTime};

use crate::error::{Error, Result};

/// Parse an ISO date typed by a person, with the field to blame when it is not one.
pub fn parse_date(s: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| Error::field(field, not_a_date(s)))
}

/// The message of a date that is not one, shared by [`parse_date`] and the serde helpers.
/// An empty field asks for the date, in words true for any form that shows the field.
fn not_a_date(s: &str) -> String {
    if s.trim().is_empty() {
        return "Indique la fecha.".to_string();
    }
    // A well-formed date whose day the month does not have: "2026-02-30".
    let parts: Vec<&str> = s.trim().split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (4, 2, 2, Ok(year), Ok(month), Ok(day)) = (
            y.len(),
            m.len(),
            d.len(),
            y.parse::<i32>(),
            m.parse::<u32>(),
            d.parse::<u32>(),
        ) {
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                let days = (28..=31)
                    .rev()
                    .find(|n| NaiveDate::from_ymd_opt(year, month, *n).is_some())
                    .unwrap_or(28);
                let name = crate::spanish::MONTHS[month as usize - 1];
                return format!(
                    "{DAY_MISSING} {day} de {name} de {year} no existe: {name} de {year} tiene {days} días."
                );
            }
        }
    }
    format!("Fecha no válida «{s}»: use AAAA-MM-DD.")
}

/// How the message of a day the month does not have begins ("El 30 de febrero de 2026 no existe").
const DAY_MISSING: &str = "El";

/// "2026-03-05" → "05/03/2026", as documents and summaries print a day (other text as it is).
pub fn dmy(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// Parse an ISO time of day (`HH:MM`), with the field to blame when it is not one.
pub fn parse_time(s: &str, field: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| Error::field(field, not_a_time(s)))
}

fn not_a_time(s: &str) -> String {
    format!("Hora no válida «{s}»: use HH:MM (24 horas).")
}

/// `#[serde(with = "crate::dates::iso")]` (with `#[ts(type = "string")]`) on a `NaiveDate`
/// param: ISO text on the wire, the Spanish message at the field when it is not a date.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Write `AAAA-MM-DD`.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.format("%Y-%m-%d"))
    }

    /// Read `AAAA-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| D::Error::custom(super::not_a_date(&s)))
    }
}

/// [`iso`] for an optional date (`null` or absent is `None`; add `#[serde(default)]`).
pub mod iso_opt {
    use chrono::NaiveDate;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Write `AAAA-MM-DD` or `null`.
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }

    /// Read `AAAA-MM-DD`, `null`, or an empty text (a cleared field) as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| D::Error::custom(super::not_a_date(&s))),
        }
    }
}

/// `#[serde(with = "crate::dates::hhmm")]` on a `NaiveTime` param: `HH:MM` on the wire.
pub mod hhmm {
    use chrono::NaiveTime;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Write `HH:MM`.
    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format("%H:%M"))
    }

    /// Read `HH:MM`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map_err(|_| D::Error::custom(super::not_a_time(&s)))
    }
}

/// [`hhmm`] for an optional time.
pub mod hhmm_opt {
    use chrono::NaiveTime;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Write `HH:MM` or `null`.
    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(&t.format("%H:%M")),
            None => s.serialize_none(),
        }
    }

    /// Read `HH:MM`, `null` or an empty text as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => NaiveTime::parse_from_str(s.trim(), "%H:%M")
                .map(Some)
                .map_err(|_| D::Error::custom(super::not_a_time(&s))),
        }
    }
}

/// Messages of the serde helpers start with these words; `api::parse` keeps them as they are.
pub const MESSAGE_PREFIXES: [&str; 3] = ["Fecha no válida", "Hora no válida", "Indique la fecha"];

/// Whether a message comes from the date and time helpers (it says what to fix by itself).
pub fn speaks_for_itself(message: &str) -> bool {
    MESSAGE_PREFIXES.iter().any(|p| message.starts_with(p))
        || (message.starts_with(&format!("{DAY_MISSING} ")) && message.contains(" no existe: "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct P {
        #[serde(with = "iso")]
        date: NaiveDate,
        #[serde(default, with = "iso_opt")]
        until: Option<NaiveDate>,
    }

    #[test]
    fn iso_dates_and_their_message() {
        let p: P = serde_json::from_value(serde_json::json!({"date": "2026-02-28"})).unwrap();
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(p.until, None);
        let e = serde_json::from_value::<P>(serde_json::json!({"date": "2026-02-30"}))
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("El 30 de febrero de 2026 no existe: febrero de 2026 tiene 28 días."),
            "{e}"
        );
        let e = serde_json::from_value::<P>(serde_json::json!({"date": " "}))
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("Indique la fecha."), "{e}");
        let p: P =
            serde_json::from_value(serde_json::json!({"date": "2026-01-01", "until": ""})).unwrap();
        assert_eq!(p.until, None);
    }
}
