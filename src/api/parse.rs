//! Turning raw JSON params into typed params with Spanish errors that name the field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// Deserialize params, translating serde's messages into Spanish validation errors. The
/// error's `field` keeps the wire name (the screens attach the message to it); the message
/// names the field in Spanish (see [`FIELD_NAMES`]).
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
                message: if crate::dates::speaks_for_itself(&message) {
                    message
                } else {
                    format!("«{}»: {message}", field_label(&path))
                },
                field: Some(path),
            },
            other => other,
        }
    })
}

/// The Spanish name of each field a person may send, by its wire name: what a message
/// says instead of `time` or `convened_on`. A name not in the table is shown as sent.
pub const FIELD_NAMES: &[(&str, &str)] = &[
    ("abbreviation", "sigla"),
    ("active", "activo"),
    ("address", "dirección"),
    ("all", "voto de todos"),
    ("approved_on", "fecha de aprobación"),
    ("arrival", "hora de llegada"),
    ("articles", "artículos"),
    ("ballot", "voto"),
    ("ballots", "votos"),
    ("body_id", "órgano"),
    ("cargo", "cargo"),
    ("casting", "voto dirimente"),
    ("code", "código"),
    ("comment", "comentario"),
    ("content_base64", "contenido del archivo"),
    ("convened_on", "fecha de la convocatoria"),
    ("country", "país"),
    ("current_password", "contraseña actual"),
    ("date", "fecha"),
    ("day", "día"),
    ("days", "días"),
    ("decided_on", "fecha de la decisión"),
    ("departure", "hora de salida"),
    ("description", "descripción"),
    ("doc_number", "número de documento"),
    ("doc_type", "tipo de documento"),
    ("due_on", "fecha de vencimiento"),
    ("email", "correo electrónico"),
    ("end_date", "fecha de término"),
    ("file_base64", "contenido del archivo"),
    ("file_name", "nombre del archivo"),
    ("file_path", "archivo"),
    ("filed_by", "presentado por"),
    ("filed_on", "fecha de presentación"),
    ("folios", "folios"),
    ("from", "desde"),
    ("from_date", "desde"),
    ("gender", "género"),
    ("given_names", "nombres"),
    ("id", "número interno"),
    ("identifier", "identificador"),
    ("item", "asunto"),
    ("item_id", "asunto"),
    ("item_kind", "tipo de asunto"),
    ("items", "asuntos"),
    ("kind", "tipo"),
    ("login", "usuario"),
    ("majority", "mayoría"),
    ("medium", "medio de publicación"),
    ("member_id", "miembro"),
    ("members", "miembros"),
    ("minutes_of", "acta que se aprueba"),
    ("mode", "modalidad"),
    ("month", "mes"),
    ("name", "nombre"),
    ("needs_publication", "requiere publicación"),
    ("new_password", "contraseña nueva"),
    ("note", "nota"),
    ("number", "número"),
    ("organ", "órgano"),
    ("parent_id", "unidad superior"),
    ("password", "contraseña"),
    ("path", "archivo"),
    ("pattern", "formato del número"),
    ("period", "periodo"),
    ("person_id", "persona"),
    ("phone", "teléfono"),
    ("place", "lugar"),
    ("position", "posición"),
    ("publication_id", "publicación"),
    ("published_on", "fecha de publicación"),
    ("reason", "motivo"),
    ("received_at", "fecha y hora de recepción"),
    ("received_by", "recibido por"),
    ("received_on", "fecha de recepción"),
    ("reference", "referencia"),
    ("relation_id", "relación"),
    ("requesters", "solicitantes"),
    ("reset", "reinicio de la numeración"),
    ("role", "rol"),
    ("roles", "roles"),
    ("sent_on", "fecha de envío"),
    ("series", "serie"),
    ("session_id", "sesión"),
    ("session_kind", "tipo de sesión"),
    ("short_name", "siglas"),
    ("stage", "estación"),
    ("start_date", "fecha de inicio"),
    ("stated_from", "vigencia desde"),
    ("status", "estado"),
    ("subject", "asunto"),
    ("summary", "resumen"),
    ("surnames", "apellidos"),
    ("target_id", "norma relacionada"),
    ("tax_ordinance", "ordenanza tributaria"),
    ("term_id", "periodo de gestión"),
    ("text", "texto"),
    ("time", "hora"),
    ("title", "título"),
    ("to", "hasta"),
    ("to_date", "hasta"),
    ("unit_id", "unidad"),
    ("unit_ids", "unidades"),
    ("until_on", "hasta"),
    ("value", "valor"),
    ("year", "año"),
];

/// The Spanish name of each enumerated value whose wire code is not already Spanish as a
/// person reads it, for the list of accepted values in a message.
pub const VALUE_LABELS: &[(&str, &str)] = &[
    ("a_favor", "a favor"),
    ("en_contra", "en contra"),
    ("abstencion", "abstención"),
    ("no_vota", "no vota"),
    ("yearly", "anual"),
    ("never", "nunca"),
    ("simple", "mayoría simple"),
    ("absolute_legal", "mayoría absoluta del número legal"),
    ("absolute_able", "mayoría absoluta del número hábil"),
    ("two_thirds_legal", "dos tercios del número legal"),
    ("two_thirds_able", "dos tercios del número hábil"),
    ("quarter_able", "un cuarto del número hábil"),
    ("F", "femenino"),
    ("M", "masculino"),
    ("en_curso", "en curso"),
    ("acta_aprobada", "acta aprobada"),
    ("acta_anterior", "acta anterior"),
    ("orden_del_dia", "orden del día"),
    ("no_laborable", "no laborable"),
];

/// The Spanish name of the field at `path` ("ballots[0].ballot" → "voto").
pub fn field_label(path: &str) -> String {
    let last = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .split('[')
        .next()
        .unwrap_or(path);
    FIELD_NAMES
        .iter()
        .find(|(wire, _)| *wire == last)
        .map(|(_, label)| (*label).to_string())
        .unwrap_or_else(|| last.to_string())
}

/// How an accepted value is listed: its Spanish name, with the code to type when it differs
/// (`a favor («a_favor»)`), or the code alone when it already reads as Spanish («ordinaria»).
fn value_label(code: &str) -> String {
    match VALUE_LABELS.iter().find(|(c, _)| *c == code) {
        Some((_, label)) => format!("{label} («{code}»)"),
        None => format!("«{code}»"),
    }
}

/// The names serde quotes in backticks, in order: "`a`, `b` or `c`" → [a, b, c].
fn quoted(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// "a, b o c".
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} o {last}", rest.join(", ")),
    }
}

fn between<'a>(s: &'a str, start: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find('`')?])
}

fn translate(msg: &str) -> Error {
    // The date and time helpers already speak Spanish; serde appends " at line … column …".
    let own = msg.split(" at line ").next().unwrap_or(msg);
    if crate::dates::speaks_for_itself(own) {
        return Error::invalid(own.to_string());
    }
    if let Some(f) = between(msg, "missing field `") {
        return Error::field(f, format!("Falta el dato «{}».", field_label(f)));
    }
    if let Some(f) = between(msg, "unknown field `") {
        return Error::field(f, format!("El dato «{f}» no corresponde a este método."));
    }
    if let Some(v) = between(msg, "unknown variant `") {
        let expected: Vec<String> = msg
            .split_once("expected ")
            .map(|(_, e)| quoted(e).into_iter().map(value_label).collect())
            .unwrap_or_default();
        return Error::invalid(if expected.is_empty() {
            format!("El valor «{v}» no es válido.")
        } else {
            format!(
                "El valor «{v}» no es válido: se esperaba {}{}.",
                if expected.len() > 1 {
                    "uno de estos: "
                } else {
                    ""
                },
                listed(&expected)
            )
        });
    }
    if let Some(rest) = own.strip_prefix("invalid type: ") {
        let (got, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let kind = |t: &str| -> String {
            let t = t.trim();
            if t.starts_with("string") || t.starts_with("a string") {
                "un texto".into()
            } else if t.starts_with("integer") || t.starts_with("i64") || t.starts_with("u") {
                "un número entero".into()
            } else if t.starts_with("floating point") || t.starts_with("f64") {
                "un número".into()
            } else if t.starts_with("boolean") || t.starts_with("a boolean") {
                "verdadero o falso".into()
            } else if t.starts_with("sequence") || t.starts_with("a sequence") {
                "una lista".into()
            } else if t.starts_with("map") || t.starts_with("struct") || t.starts_with("a map") {
                "un objeto".into()
            } else if t.starts_with("null") || t.starts_with("unit") {
                "un valor vacío".into()
            } else if t.starts_with("variant identifier") || t.starts_with("enum") {
                "uno de los valores de la lista".into()
            } else {
                t.replace('`', "").replace(" or ", " o ")
            }
        };
        let got = kind(got.split('`').next().unwrap_or(got));
        return Error::invalid(if wanted.is_empty() {
            format!("Se recibió {got}, que no es el tipo de dato esperado.")
        } else {
            let wanted: Vec<String> = wanted.split(" or ").map(kind).collect();
            format!("Se recibió {got}; se esperaba {}.", listed(&wanted))
        });
    }
    Error::invalid(format!(
        "Parámetros no válidos: {}.",
        own.replace('`', "«").trim_end_matches('.')
    ))
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
    fn missing_field_is_named_in_spanish() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Q {
            time: String,
        }
        let e = params::<Q>(serde_json::json!({})).unwrap_err().to_api();
        assert_eq!(e.field.as_deref(), Some("time"));
        assert_eq!(e.message, "Falta el dato «hora».");
    }

    #[test]
    fn enumerations_are_listed_in_spanish_with_every_quote_closed() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(rename_all = "snake_case")]
        enum B {
            AFavor,
            EnContra,
            Abstencion,
            NoVota,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Q {
            ballot: B,
        }
        let e = params::<Q>(serde_json::json!({"ballot": "no vota"}))
            .unwrap_err()
            .to_api();
        assert_eq!(
            e.message,
            "«voto»: El valor «no vota» no es válido: se esperaba uno de estos: a favor («a_favor»), en contra («en_contra»), abstención («abstencion») o no vota («no_vota»)."
        );
        assert_eq!(
            e.message.matches('«').count(),
            e.message.matches('»').count()
        );
        let e = params::<Q>(serde_json::json!({"ballot": 1}))
            .unwrap_err()
            .to_api();
        assert!(!e.message.contains('`'), "{}", e.message);
        assert!(!e.message.contains(" or "), "{}", e.message);
    }

    #[test]
    fn non_object_is_bad_request() {
        let e = params::<P>(serde_json::json!([1])).unwrap_err().to_api();
        assert_eq!(e.kind, "bad_request");
    }
}
