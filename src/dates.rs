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
        "Indique la fecha.".to_string()
    } else {
        format!("Fecha no válida «{s}»: use AAAA-MM-DD.")
    }
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
            e.to_string().starts_with("Fecha no válida «2026-02-30»"),
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
