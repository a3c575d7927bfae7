//! Which series a kind of norm names, as a spreadsheet or a file name writes it: the series'
//! code, its name, its printed label, a common abbreviation (ORD, DA, RA…) or the bare kind
//! («Decreto») when the municipality has one series of it. Accents, case, plurals and filler
//! words («de», «N°», «municipal») aside.

use super::super::model::NormKind;
use super::super::templates::kind_label;

/// A numbering series of norms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SeriesInfo {
    /// Its code (`ordenanza`, `resolucion-alcaldia`…).
    pub code: String,
    /// Its name ("Resoluciones de Alcaldía").
    pub name: String,
    /// The kind of norm it numbers.
    pub kind: NormKind,
    /// Whether its pattern carries the session kind (acuerdos in Peru).
    pub needs_session: bool,
    /// Whether it starts again every year.
    pub yearly: bool,
}

/// What a name of a kind resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named<'a> {
    /// One series.
    Series(&'a SeriesInfo),
    /// A kind with several series (a file named «Resolución 5-2019»): any of them.
    Kind(NormKind),
}

/// The series of norms of the municipality, and the names that reach each.
pub(crate) struct Kinds {
    series: Vec<SeriesInfo>,
    /// (canonical name, index into `series`).
    names: Vec<(String, usize)>,
}

const FILLER: &[&str] = &[
    "de",
    "del",
    "la",
    "el",
    "los",
    "las",
    "n",
    "no",
    "nro",
    "num",
    "numero",
    "municipal",
    "municipales",
    "y",
];

/// Common abbreviations, as canonical names.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ord", "ordenanza"),
    ("om", "ordenanza"),
    ("dec", "decreto"),
    ("da", "decreto alcaldia"),
    ("ra", "resolucion alcaldia"),
    ("rc", "resolucion concejo"),
    ("rg", "resolucion gerencia"),
    ("rgm", "resolucion gerencia"),
    ("res", "resolucion"),
    ("ac", "acuerdo"),
    ("acu", "acuerdo"),
    ("acc", "acuerdo concejo"),
];

/// A name reduced to what tells kinds apart: "Resoluciones de Alcaldía N°" → "resolucion alcaldia".
pub(crate) fn canonical(text: &str) -> String {
    let folded = crate::spanish::fold(text);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<String> = spaced
        .split_whitespace()
        .filter(|w| !FILLER.contains(w))
        .map(singular)
        .collect();
    let joined = words.join(" ");
    ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == joined)
        .map(|(_, full)| full.to_string())
        .unwrap_or(joined)
}

fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ones") {
        format!("{stem}on")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

impl Kinds {
    /// The municipality's series of norms (`(code, name, pattern, reset yearly)`), in `country`.
    pub fn new(rows: Vec<(String, String, String, bool)>, country: &str) -> Kinds {
        let series: Vec<SeriesInfo> = rows
            .into_iter()
            .filter_map(|(code, name, pattern, yearly)| {
                NormKind::of_series(&code).map(|kind| SeriesInfo {
                    needs_session: crate::numbering::pattern::needs_session(&pattern),
                    code,
                    name,
                    kind,
                    yearly,
                })
            })
            .collect();
        let mut names = Vec::new();
        for (i, s) in series.iter().enumerate() {
            for n in [
                canonical(&s.code),
                canonical(&s.name),
                canonical(kind_label(&s.code, country)),
            ] {
                if !names
                    .iter()
                    .any(|(m, j): &(String, usize)| *m == n && *j == i)
                {
                    names.push((n, i));
                }
            }
        }
        Kinds { series, names }
    }

    /// The series with code `code`.
    pub fn by_code(&self, code: &str) -> Option<&SeriesInfo> {
        self.series.iter().find(|s| s.code == code)
    }

    /// What `text` names, `None` when it names no kind of norm.
    pub fn named(&self, text: &str) -> Option<Named<'_>> {
        let c = canonical(text);
        if c.is_empty() {
            return None;
        }
        let exact: Vec<usize> = self
            .names
            .iter()
            .filter(|(n, _)| *n == c)
            .map(|(_, i)| *i)
            .collect();
        if let [i] = exact.as_slice() {
            return Some(Named::Series(&self.series[*i]));
        }
        let kind = NormKind::ALL.into_iter().find(|k| c == k.as_str())?;
        let of_kind: Vec<&SeriesInfo> = self.series.iter().filter(|s| s.kind == kind).collect();
        match of_kind.as_slice() {
            [one] => Some(Named::Series(one)),
            [] => None,
            _ => Some(Named::Kind(kind)),
        }
    }

    /// The series a spreadsheet's «tipo» names, or a Spanish message saying what to write.
    pub fn series_of(&self, text: &str) -> Result<&SeriesInfo, String> {
        match self.named(text) {
            Some(Named::Series(s)) => Ok(s),
            Some(Named::Kind(k)) => Err(format!(
                "«{text}» no dice de qué serie es: escriba {}.",
                self.choices(Some(k))
            )),
            None => Err(format!(
                "«{text}» no es un tipo de norma de la municipalidad: escriba {}.",
                self.choices(None)
            )),
        }
    }

    fn choices(&self, kind: Option<NormKind>) -> String {
        let names: Vec<String> = self
            .series
            .iter()
            .filter(|s| kind.is_none_or(|k| s.kind == k))
            .map(|s| format!("«{}»", s.name))
            .collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} o {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => "el de una serie de normas (Configuración → Numeración)".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peru() -> Kinds {
        let s = |c: &str, n: &str, p: &str| (c.to_string(), n.to_string(), p.to_string(), true);
        Kinds::new(
            vec![
                s(
                    "ordenanza",
                    "Ordenanzas municipales",
                    "ORDENANZA N° {n:3}-{yyyy}-{siglas}",
                ),
                s(
                    "acuerdo",
                    "Acuerdos de Concejo",
                    "ACUERDO N° {n:3}-{yyyy}-{sesion}",
                ),
                s("decreto", "Decretos de Alcaldía", "DECRETO N° {n:3}-{yyyy}"),
                s("resolucion-alcaldia", "Resoluciones de Alcaldía", "RA {n}"),
                s("resolucion-concejo", "Resoluciones de Concejo", "RC {n}"),
                s("sesion-ordinaria", "Sesiones ordinarias", "S {n}"),
            ],
            "PE",
        )
    }

    fn code(k: &Kinds, t: &str) -> String {
        k.series_of(t).map(|s| s.code.clone()).unwrap_or_else(|e| e)
    }

    #[test]
    fn names_as_written() {
        let k = peru();
        assert_eq!(code(&k, "Ordenanza"), "ordenanza");
        assert_eq!(code(&k, "ORDENANZA MUNICIPAL"), "ordenanza");
        assert_eq!(code(&k, "ord"), "ordenanza");
        assert_eq!(code(&k, "Decreto de Alcaldía"), "decreto");
        assert_eq!(code(&k, "decretos"), "decreto");
        assert_eq!(code(&k, "Resolución de Alcaldía"), "resolucion-alcaldia");
        assert_eq!(code(&k, "RESOLUCIONES DE CONCEJO"), "resolucion-concejo");
        assert_eq!(code(&k, "resolucion-concejo"), "resolucion-concejo");
        assert_eq!(code(&k, "RA"), "resolucion-alcaldia");
        assert_eq!(code(&k, "Acuerdo de Concejo"), "acuerdo");
        assert!(code(&k, "Resolución").contains("no dice de qué serie"));
        assert!(code(&k, "Sesión ordinaria").contains("no es un tipo de norma"));
        assert!(code(&k, "Directiva").contains("«Ordenanzas municipales»"));
        assert_eq!(
            k.named("resolucion"),
            Some(Named::Kind(NormKind::Resolucion))
        );
    }
}
