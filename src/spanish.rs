//! Spanish wording shared by screens and documents: long dates, numbers in words (folios), ordinal
//! article numbers, and titles that agree with the person who holds them (Alcaldesa, Regidora).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person's grammatical gender, as the person says it: the titles printed for the person agree
/// with it. Unknown (`None` where it is used) keeps the usual wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
pub enum Gender {
    /// Femenino: "Alcaldesa", "la regidora", "señora".
    #[serde(rename = "F")]
    #[sqlx(rename = "F")]
    F,
    /// Masculino: "Alcalde", "el regidor", "señor".
    #[serde(rename = "M")]
    #[sqlx(rename = "M")]
    M,
}

/// Masculine (or generic) words of titles and their feminine forms, lowercase. Words not listed
/// are invariable (Gerente, Teniente, General, Municipal) or not a title's head (plurals such as
/// "Regidores" stay as written).
const FEMININE: &[(&str, &str)] = &[
    ("abogado", "abogada"),
    ("administrador", "administradora"),
    ("alcalde", "alcaldesa"),
    ("asesor", "asesora"),
    ("concejal", "concejala"),
    ("contador", "contadora"),
    ("coordinador", "coordinadora"),
    ("director", "directora"),
    ("encargado", "encargada"),
    ("funcionario", "funcionaria"),
    ("jefe", "jefa"),
    ("notario", "notaria"),
    ("presidente", "presidenta"),
    ("primer", "primera"),
    ("procurador", "procuradora"),
    ("regidor", "regidora"),
    ("secretario", "secretaria"),
    ("segundo", "segunda"),
    ("señor", "señora"),
    ("subdirector", "subdirectora"),
    ("tesorero", "tesorera"),
    ("vicepresidente", "vicepresidenta"),
    ("el", "la"),
    ("del", "de la"),
];

/// Words that end the head of a title: what follows names the office's place ("de la
/// Comisión de Obras", "del Concejo") and never agrees with the person.
const TITLE_END: [&str; 6] = ["de", "en", "y", "para", "(e)", "—"];

/// One word in its feminine form, keeping its capitals ("Alcalde", "ALCALDE", "alcalde").
fn feminine_word(word: &str) -> String {
    let lower = word.to_lowercase();
    match FEMININE.iter().find(|(m, _)| *m == lower) {
        Some((_, f)) => {
            if word.chars().count() > 1 && word.chars().all(char::is_uppercase) {
                f.to_uppercase()
            } else if word.chars().next().is_some_and(char::is_uppercase) {
                let mut chars = f.chars();
                chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect()
            } else {
                f.to_string()
            }
        }
        None => word.to_string(),
    }
}

/// The title `base` (written masculine or generic, as the rule sets and positions store it) in
/// the form that agrees with `gender`: "Alcalde" → "Alcaldesa", "Teniente Alcalde" → "Teniente
/// Alcaldesa", "Presidente de la Comisión de Obras" → "Presidenta de la Comisión de Obras",
/// "el regidor" → "la regidora", "señor Alcalde" → "señora Alcaldesa". Only the words before the
/// office's place ("de…", "del…") change; invariable words (Gerente, Teniente) and plurals stay.
/// Unknown or masculine: `base` unchanged.
pub fn title(base: &str, gender: Option<Gender>) -> String {
    if gender != Some(Gender::F) {
        return base.to_string();
    }
    let mut out = Vec::new();
    let mut head = true;
    for word in base.split(' ') {
        let lower = word.to_lowercase();
        if head && out.last().is_some() && TITLE_END.contains(&lower.as_str()) {
            head = false;
        }
        if head && lower == "del" && !out.is_empty() {
            head = false;
        }
        out.push(if head {
            feminine_word(word)
        } else {
            word.to_string()
        });
    }
    out.join(" ")
}

/// "de" joined to a phrase with its article: "el alcalde" → "del alcalde", "la alcaldesa" →
/// "de la alcaldesa".
pub fn of(phrase: &str) -> String {
    match phrase.strip_prefix("el ") {
        Some(rest) => format!("del {rest}"),
        None => format!("de {phrase}"),
    }
}

/// The definite article that agrees with the person: "el" / "la" ("el" when not said).
pub fn article(gender: Option<Gender>) -> &'static str {
    match gender {
        Some(Gender::F) => "la",
        _ => "el",
    }
}

/// Month names as Peru writes them (index 0 = enero).
pub const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Month name. Peru writes "setiembre" (the RAE admits both; Chile writes "septiembre").
pub fn month(date: NaiveDate, chile: bool) -> &'static str {
    match (date.month0(), chile) {
        (8, true) => "septiembre",
        (m, _) => MONTHS[m as usize],
    }
}

/// "21 de noviembre de 2026".
pub fn long_date(date: NaiveDate, chile: bool) -> String {
    format!(
        "{} de {} de {}",
        date.day(),
        month(date, chile),
        date.year()
    )
}

const UNITS: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];

const TENS: [&str; 10] = [
    "",
    "",
    "",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];

const HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

fn below_thousand(n: u32) -> String {
    match n {
        0..=29 => UNITS[n as usize].to_string(),
        30..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        30..=99 => format!("{} y {}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize]),
        100 => "cien".to_string(),
        _ if n.is_multiple_of(100) => HUNDREDS[(n / 100) as usize].to_string(),
        _ => format!(
            "{} {}",
            HUNDREDS[(n / 100) as usize],
            below_thousand(n % 100)
        ),
    }
}

/// A cardinal number in words ("doscientos", "dos mil veintiséis"), up to 999 999 999.
pub fn number_words(n: u32) -> String {
    let millions = n / 1_000_000;
    let thousands = (n / 1000) % 1000;
    let rest = n % 1000;
    let mut parts = Vec::new();
    match millions {
        0 => {}
        1 => parts.push("un millón".to_string()),
        m => parts.push(format!("{} millones", apocope(&below_thousand(m)))),
    }
    match thousands {
        0 => {}
        1 => parts.push("mil".to_string()),
        t => parts.push(format!("{} mil", apocope(&below_thousand(t)))),
    }
    if rest > 0 || parts.is_empty() {
        parts.push(below_thousand(rest));
    }
    parts.join(" ")
}

/// "uno" before a masculine noun: "veintiún días", "treinta y un folios".
pub fn apocope(words: &str) -> String {
    if words == "uno" {
        "un".to_string()
    } else if let Some(stem) = words.strip_suffix("veintiuno") {
        format!("{stem}veintiún")
    } else if let Some(stem) = words.strip_suffix(" y uno") {
        format!("{stem} y un")
    } else if let Some(stem) = words.strip_suffix(" uno") {
        format!("{stem} un")
    } else {
        words.to_string()
    }
}

/// A count of things with a masculine noun, in words and figures: "doscientos (200) folios",
/// "un (1) folio", "veintiún (21) folios".
pub fn count(n: u32, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} ({n}) {noun}", apocope(&number_words(n)))
}

/// The same with a feminine noun: "doscientas (200) fojas", "una (1) foja", "veintiuna (21)
/// fojas".
pub fn count_feminine(n: u32, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    let mut words = number_words(n).replace("ientos", "ientas");
    if let Some(stem) = words.strip_suffix("uno") {
        words = format!("{stem}una");
    }
    format!("{words} ({n}) {noun}")
}

/// The date the way actas spell it: "a los veintiún días del mes de noviembre del año dos mil
/// veintiséis" ("al primer día…" on the 1st).
pub fn date_in_words(date: NaiveDate, chile: bool) -> String {
    let day = if date.day() == 1 {
        "al primer día".to_string()
    } else {
        format!("a los {} días", apocope(&number_words(date.day())))
    };
    format!(
        "{day} del mes de {} del año {}",
        month(date, chile),
        number_words(date.year() as u32)
    )
}

const ORDINAL_UNITS: [&str; 10] = [
    "", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
];

const ORDINAL_TENS: [&str; 10] = [
    "",
    "décimo",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
];

/// An ordinal in words as articles are numbered ("primero", "décimo primero", "vigésimo"),
/// 1 to 199; larger numbers fall back to figures with "°".
pub fn ordinal_words(n: u32) -> String {
    match n {
        0 => "0°".to_string(),
        1..=99 => {
            let (t, u) = ((n / 10) as usize, (n % 10) as usize);
            match (t, u) {
                (0, u) => ORDINAL_UNITS[u].to_string(),
                (t, 0) => ORDINAL_TENS[t].to_string(),
                (t, u) => format!("{} {}", ORDINAL_TENS[t], ORDINAL_UNITS[u]),
            }
        }
        100 => "centésimo".to_string(),
        101..=199 => format!("centésimo {}", ordinal_words(n - 100)),
        _ => format!("{n}°"),
    }
}

/// Lowercase without accents, so that "Nunez" finds "Núñez".
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' | 'ü' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A percentage as printed: one decimal, decimal comma ("87,5 %"), or "—".
pub fn percent_text(p: Option<f64>) -> String {
    match p {
        Some(p) => format!("{} %", decimal(p, 1)),
        None => "—".to_string(),
    }
}

/// A number with `places` decimals, decimal comma and thousands with a dot ("1.250,5").
pub fn decimal(v: f64, places: usize) -> String {
    let s = format!("{:.*}", places, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// An amount in céntimos as printed with its currency ("S/ 1.234,50", "$ 1.234").
pub fn money(cents: i64, currency: &str) -> String {
    let units = cents.abs() / 100;
    let rest = cents.abs() % 100;
    let int = decimal(units as f64, 0);
    let sign = if cents < 0 { "-" } else { "" };
    if currency == "$" {
        // Chilean pesos have no cents in use.
        format!("{sign}$ {int}")
    } else {
        format!("{sign}{currency} {int},{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_words(0), "cero");
        assert_eq!(number_words(21), "veintiuno");
        assert_eq!(number_words(31), "treinta y uno");
        assert_eq!(number_words(100), "cien");
        assert_eq!(number_words(101), "ciento uno");
        assert_eq!(number_words(200), "doscientos");
        assert_eq!(number_words(1000), "mil");
        assert_eq!(number_words(2026), "dos mil veintiséis");
        assert_eq!(number_words(21_000), "veintiún mil");
        assert_eq!(number_words(1_000_000), "un millón");
        assert_eq!(count(200, "folio", "folios"), "doscientos (200) folios");
        assert_eq!(count(1, "folio", "folios"), "un (1) folio");
        assert_eq!(count(21, "folio", "folios"), "veintiún (21) folios");
        assert_eq!(
            count(131, "folio", "folios"),
            "ciento treinta y un (131) folios"
        );
        assert_eq!(count_feminine(1, "foja", "fojas"), "una (1) foja");
        assert_eq!(
            count_feminine(221, "foja", "fojas"),
            "doscientas veintiuna (221) fojas"
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(long_date(d, false), "21 de noviembre de 2026");
        assert_eq!(
            date_in_words(d, false),
            "a los veintiún días del mes de noviembre del año dos mil veintiséis"
        );
        let first = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(
            date_in_words(first, true),
            "al primer día del mes de septiembre del año dos mil veintiséis"
        );
        assert_eq!(month(first, false), "setiembre");
    }

    #[test]
    fn titles_agree_with_the_person() {
        let f = Some(Gender::F);
        for (base, feminine) in [
            ("Alcalde", "Alcaldesa"),
            ("Regidor", "Regidora"),
            ("Concejal", "Concejala"),
            ("Teniente Alcalde", "Teniente Alcaldesa"),
            ("Secretario General", "Secretaria General"),
            ("Secretario Municipal", "Secretaria Municipal"),
            ("Gerente Municipal", "Gerente Municipal"),
            ("Administrador Municipal", "Administradora Municipal"),
            (
                "Jefe de la Oficina de Planeamiento",
                "Jefa de la Oficina de Planeamiento",
            ),
            (
                "Presidente de la Comisión de Obras",
                "Presidenta de la Comisión de Obras",
            ),
            (
                "Secretario General del Concejo Municipal",
                "Secretaria General del Concejo Municipal",
            ),
            ("Vicepresidente", "Vicepresidenta"),
            ("Primer Regidor", "Primera Regidora"),
            ("Alcalde (e)", "Alcaldesa (e)"),
            ("señor Alcalde", "señora Alcaldesa"),
            ("el regidor", "la regidora"),
            ("del Alcalde", "de la Alcaldesa"),
            ("SECRETARIO GENERAL", "SECRETARIA GENERAL"),
            ("Regidores", "Regidores"),
            ("los señores regidores", "los señores regidores"),
            ("Alcaldesa", "Alcaldesa"),
            ("Secretaria General", "Secretaria General"),
            ("", ""),
        ] {
            assert_eq!(title(base, f), feminine, "{base}");
            assert_eq!(title(base, Some(Gender::M)), base);
            assert_eq!(title(base, None), base);
        }
        assert_eq!(article(f), "la");
        assert_eq!(of("el alcalde"), "del alcalde");
        assert_eq!(
            of("la presidenta de la comisión"),
            "de la presidenta de la comisión"
        );
        assert_eq!(article(None), "el");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal_words(1), "primero");
        assert_eq!(ordinal_words(10), "décimo");
        assert_eq!(ordinal_words(11), "décimo primero");
        assert_eq!(ordinal_words(23), "vigésimo tercero");
        assert_eq!(ordinal_words(100), "centésimo");
        assert_eq!(ordinal_words(250), "250°");
    }
}
