//! Identifier patterns: `ORDENANZA N° {n:3}-{yyyy}-{siglas}` → `ORDENANZA N° 007-2026-MDP`.
//!
//! Tokens: `{n}` the number, `{n:K}` the number zero-padded to K digits, `{yyyy}` and `{yy}` the
//! year, `{siglas}` the municipality's siglas, `{organo}` the series' organ, `{sesion}` the
//! session kind (SO ordinaria, SE extraordinaria, SS solemne).

use super::ResetPeriod;
use crate::error::{Error, Result};

/// What a pattern is filled with.
#[derive(Debug, Clone)]
pub struct Fill<'a> {
    /// The correlative number.
    pub number: i64,
    /// Year of the record's date.
    pub year: i32,
    /// Siglas of the municipality.
    pub siglas: &'a str,
    /// Organ of the series.
    pub organ: &'a str,
    /// Session kind, when the series needs it.
    pub session_kind: Option<&'a str>,
}

/// The abbreviation of a session kind used in identifiers.
pub fn session_abbrev(kind: &str) -> Option<&'static str> {
    match kind {
        "ordinaria" => Some("SO"),
        "extraordinaria" => Some("SE"),
        "solemne" => Some("SS"),
        "especial" => Some("SESP"),
        _ => None,
    }
}

enum Token {
    Text(String),
    Number(usize),
    Year4,
    Year2,
    Siglas,
    Organ,
    Session,
}

fn tokens(pattern: &str) -> Result<Vec<Token>> {
    let bad = |m: String| Error::field("pattern", m);
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            out.push(Token::Text(rest[..start].to_string()));
        }
        let end = rest[start..]
            .find('}')
            .ok_or_else(|| bad("Falta cerrar una llave «}» en el patrón.".into()))?
            + start;
        let name = &rest[start + 1..end];
        out.push(match name {
            "n" => Token::Number(0),
            "yyyy" => Token::Year4,
            "yy" => Token::Year2,
            "siglas" => Token::Siglas,
            "organo" => Token::Organ,
            "sesion" => Token::Session,
            other => match other.strip_prefix("n:").map(str::parse::<usize>) {
                Some(Ok(w)) if (1..=8).contains(&w) => Token::Number(w),
                _ => {
                    return Err(bad(format!(
                        "«{{{other}}}» no es un código válido; use {{n}}, {{n:3}}, {{yyyy}}, {{yy}}, {{siglas}}, {{organo}} o {{sesion}}."
                    )))
                }
            },
        });
        rest = &rest[end + 1..];
    }
    if rest.contains('}') {
        return Err(bad("Hay una llave «}» sin abrir en el patrón.".into()));
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest.to_string()));
    }
    Ok(out)
}

/// Check a pattern for a series with the given reset policy.
pub fn validate(pattern: &str, reset: ResetPeriod) -> Result<()> {
    if pattern.trim().is_empty() {
        return Err(Error::field(
            "pattern",
            "Escriba el patrón del identificador.",
        ));
    }
    let toks = tokens(pattern)?;
    let numbers = toks
        .iter()
        .filter(|t| matches!(t, Token::Number(_)))
        .count();
    if numbers != 1 {
        return Err(Error::field(
            "pattern",
            "El patrón debe llevar el número exactamente una vez: {n} o {n:3}.",
        ));
    }
    let has_year = toks
        .iter()
        .any(|t| matches!(t, Token::Year4 | Token::Year2));
    if reset == ResetPeriod::Yearly && !has_year {
        return Err(Error::field(
            "pattern",
            "Si la numeración se reinicia cada año, el patrón debe incluir el año ({yyyy} o {yy}); si no, los identificadores se repetirían.",
        ));
    }
    Ok(())
}

/// Whether the pattern needs a session kind.
pub fn needs_session(pattern: &str) -> bool {
    pattern.contains("{sesion}")
}

/// Render an identifier.
pub fn render(pattern: &str, fill: &Fill) -> Result<String> {
    let mut out = String::new();
    for t in tokens(pattern)? {
        match t {
            Token::Text(s) => out.push_str(&s),
            Token::Number(w) => out.push_str(&format!("{:0w$}", fill.number, w = w)),
            Token::Year4 => out.push_str(&format!("{:04}", fill.year)),
            Token::Year2 => out.push_str(&format!("{:02}", fill.year.rem_euclid(100))),
            Token::Siglas => out.push_str(fill.siglas),
            Token::Organ => out.push_str(fill.organ),
            Token::Session => {
                let kind = fill.session_kind.ok_or_else(|| {
                    Error::field(
                        "session_kind",
                        "Este correlativo lleva el tipo de sesión: indique ordinaria, extraordinaria o solemne.",
                    )
                })?;
                let abbrev = session_abbrev(kind).ok_or_else(|| {
                    Error::field(
                        "session_kind",
                        "Tipo de sesión no válido: ordinaria, extraordinaria, solemne o especial.",
                    )
                })?;
                out.push_str(abbrev);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(n: i64) -> Fill<'static> {
        Fill {
            number: n,
            year: 2026,
            siglas: "MDP",
            organ: "CM",
            session_kind: Some("extraordinaria"),
        }
    }

    #[test]
    fn renders_real_identifiers() {
        assert_eq!(
            render("ORDENANZA N° {n:3}-{yyyy}-{siglas}", &fill(7)).unwrap(),
            "ORDENANZA N° 007-2026-MDP"
        );
        assert_eq!(
            render(
                "ACUERDO DE CONCEJO N° {n:3}-{yyyy}-{sesion}-{organo}/{siglas}",
                &fill(74)
            )
            .unwrap(),
            "ACUERDO DE CONCEJO N° 074-2026-SE-CM/MDP"
        );
        assert_eq!(render("N° {n}-{siglas}", &fill(607)).unwrap(), "N° 607-MDP");
        assert_eq!(render("{n:4}/{yy}", &fill(12345)).unwrap(), "12345/26");
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(validate("N° {n}-{yyyy}", ResetPeriod::Yearly).is_ok());
        assert!(validate("N° {n}", ResetPeriod::Never).is_ok());
        assert!(validate("N° {n}", ResetPeriod::Yearly).is_err());
        assert!(validate("N° {x}", ResetPeriod::Never).is_err());
        assert!(validate("N° {n", ResetPeriod::Never).is_err());
        assert!(validate("N° {n}-{n}", ResetPeriod::Never).is_err());
        assert!(validate("{n:0}", ResetPeriod::Never).is_err());
        let e = render(
            "{sesion}-{n}",
            &Fill {
                session_kind: None,
                ..fill(1)
            },
        )
        .unwrap_err();
        assert_eq!(e.to_api().field.as_deref(), Some("session_kind"));
    }
}
