//! Numbers as a clerk types them: "1.250", "1250,5", "S/ 1 200,00" or a plain JSON number.
//! They travel as text so that "diez" reaches the core and is refused at its field in Spanish.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A number as typed (a JSON number or a text); parsed by the area with its field's name.
#[derive(Debug, Clone, PartialEq, Serialize, TS, Default)]
#[ts(type = "string | number")]
#[serde(transparent)]
pub struct Typed(pub String);

impl<'de> Deserialize<'de> for Typed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(f64),
            S(String),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::N(n) => Typed::from(n),
            Raw::S(s) => Typed(s),
        })
    }
}

impl From<f64> for Typed {
    /// A number from a program, written with a decimal comma: "1.125" would read as thousands.
    fn from(v: f64) -> Self {
        Typed(v.to_string().replace('.', ","))
    }
}

impl Typed {
    /// Whether nothing was typed.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

const EXAMPLE: &str = "Escriba un número; por ejemplo 1250 o 1.250,50.";

/// Parse a quantity; blank is 0. Refuses text and negative values, naming `field`.
pub fn quantity(text: &str, field: &str) -> Result<f64> {
    let v = number(text).ok_or_else(|| {
        Error::field(
            field,
            format!("«{}» no es un número. {EXAMPLE}", text.trim()),
        )
    })?;
    if v < 0.0 {
        return Err(Error::field(field, "El valor no puede ser negativo."));
    }
    if v > 1e12 {
        return Err(Error::field(field, "El valor es demasiado grande."));
    }
    Ok(v)
}

/// Parse an amount of money into céntimos (rounded); blank is 0.
pub fn cents(text: &str, field: &str) -> Result<i64> {
    let v = quantity(text, field)?;
    Ok((v * 100.0).round() as i64)
}

/// The value of a number written the Peruvian or Chilean way or the computer way; `None` when
/// it is not a number. A blank text is 0. With one separator kind only, a group of exactly
/// three digits after it is read as thousands when it is a dot ("1.250") and as decimals when
/// it is a comma ("1,250" = 1.25) — the Spanish habit.
pub fn number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_start_matches("S/")
        .trim_start_matches('$')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '%')
        .collect();
    if t.is_empty() {
        return Some(0.0);
    }
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    let normal = match (dots, commas) {
        (0, 0) => t.clone(),
        (0, 1) => t.replace(',', "."),
        (_, 0) => {
            let last = t.rsplit('.').next().unwrap_or("");
            if dots > 1 || last.len() == 3 {
                t.replace('.', "")
            } else {
                t
            }
        }
        (_, 1) if t.rfind(',') > t.rfind('.') => t.replace('.', "").replace(',', "."),
        (1, _) if t.rfind('.') > t.rfind(',') => t.replace(',', ""),
        _ => return None,
    };
    if !normal
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        let cases: &[(&str, Option<f64>)] = &[
            ("", Some(0.0)),
            ("12", Some(12.0)),
            ("12,5", Some(12.5)),
            ("12.5", Some(12.5)),
            ("1.250", Some(1250.0)),
            ("1.250,75", Some(1250.75)),
            ("1,250.75", Some(1250.75)),
            ("1.234.567", Some(1234567.0)),
            ("S/ 1 200,00", Some(1200.0)),
            ("$ 15.000", Some(15000.0)),
            ("85 %", Some(85.0)),
            ("diez", None),
            ("1,2,3", None),
            ("12a", None),
            ("-3", Some(-3.0)),
        ];
        for (t, want) in cases {
            assert_eq!(number(t), *want, "{t}");
        }
    }

    #[test]
    fn json_numbers_keep_their_value() {
        for v in [1.125, 1250.0, 0.5, 12.25, 1234567.891] {
            let t: Typed = serde_json::from_value(serde_json::json!(v)).unwrap();
            assert_eq!(number(&t.0), Some(v), "{v}");
        }
    }

    #[test]
    fn refusals_name_the_field() {
        let e = quantity("diez", "entries.2.physical").unwrap_err();
        let Error::Validation { field, message } = e else {
            panic!()
        };
        assert_eq!(field.as_deref(), Some("entries.2.physical"));
        assert!(message.contains("no es un número"), "{message}");
        assert!(quantity("-1", "x")
            .unwrap_err()
            .to_string()
            .contains("negativo"));
        assert_eq!(cents("1.250,505", "x").unwrap(), 125051);
        assert_eq!(cents("", "x").unwrap(), 0);
    }
}
