//! Turning raw JSON params into typed params with Spanish errors that name the field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// Deserialize params, translating serde's messages into Spanish validation errors.
pub fn params<T: DeserializeOwned>(value: Value) -> Result<T> {
    if !value.is_object() {
        return Err(Error::BadRequest(
            "Los parámetros deben ser un objeto JSON, por ejemplo {\"id\": 1}.".to_string(),
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        match translate(&e.inner().to_string()) {
            Error::Validation {
                field: None,
                message,
            } if path != "." => Error::Validation {
                // A date's own message already says what to fix; others name the field.
                message: if crate::dates::MESSAGE_PREFIXES
                    .iter()
                    .any(|p| message.starts_with(p))
                {
                    message
                } else {
                    format!("«{path}»: {message}")
                },
                field: Some(path),
            },
            other => other,
        }
    })
}

fn between<'a>(s: &'a str, start: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find('`')?])
}

fn translate(msg: &str) -> Error {
    // The date and time helpers already speak Spanish; serde appends " at line … column …".
    if crate::dates::MESSAGE_PREFIXES
        .iter()
        .any(|p| msg.starts_with(p))
    {
        let own = msg.split(" at line ").next().unwrap_or(msg);
        return Error::invalid(own.to_string());
    }
    if let Some(f) = between(msg, "missing field `") {
        return Error::field(f, format!("Falta el dato «{f}»."));
    }
    if let Some(f) = between(msg, "unknown field `") {
        return Error::field(f, format!("El dato «{f}» no corresponde a este método."));
    }
    if let Some(v) = between(msg, "unknown variant `") {
        // serde quotes each name in backticks: `F` or `M` → «F» o «M».
        let mut opening = true;
        let expected: String = msg
            .split("expected ")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .map(|c| match c {
                '`' => {
                    opening = !opening;
                    if opening {
                        '»'
                    } else {
                        '«'
                    }
                }
                c => c,
            })
            .collect();
        return Error::invalid(format!(
            "El valor «{v}» no es válido; se espera {}.",
            expected
                .trim_end()
                .replace(" or ", " o ")
                .replace("one of", "uno de")
        ));
    }
    if msg.starts_with("invalid type") {
        let detail = msg
            .replace("invalid type: ", "")
            .replace("expected", "se esperaba")
            .replace("string", "texto")
            .replace("integer", "número entero")
            .replace("a sequence", "una lista")
            .replace("map", "objeto")
            .replace("null", "nulo");
        return Error::invalid(format!("Tipo de dato no válido: {detail}."));
    }
    Error::invalid(format!("Parámetros no válidos: {msg}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct P {
        name: String,
        n: i64,
    }

    #[test]
    fn missing_field_names_it() {
        let e = params::<P>(serde_json::json!({"n": 1}))
            .unwrap_err()
            .to_api();
        assert_eq!(e.kind, "validation");
        assert_eq!(e.field.as_deref(), Some("name"));
        assert!(e.message.contains("Falta"), "{}", e.message);
    }

    #[test]
    fn unknown_field_is_rejected() {
        let e = params::<P>(serde_json::json!({"name": "x", "n": 1, "nmae": 2}))
            .unwrap_err()
            .to_api();
        assert_eq!(e.field.as_deref(), Some("nmae"));
    }

    #[test]
    fn non_object_is_bad_request() {
        let e = params::<P>(serde_json::json!([1])).unwrap_err().to_api();
        assert_eq!(e.kind, "bad_request");
    }
}
