//! The folder of originals: every PDF and Word file under it, and which norm each one is by
//! its name — kind, number and year, as archives name them: «ORD-012-2019.pdf», «Ordenanza
//! 12-2019.docx», «RA N° 045-2020-MDSRQ.pdf», «012-2019.pdf» (no kind: any kind with that
//! number and year). A name whose words name no kind of norm («Informe 3-2019.pdf») matches
//! nothing by number; it can still be named in the sheet's «archivo» column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::super::model::NormKind;
use super::kinds::{Kinds, Named};
use crate::error::{Error, Result};

/// How deep the folder is searched (a folder per year, per kind…).
const MAX_DEPTH: usize = 6;

/// The most files looked at.
const MAX_FILES: usize = 200_000;

/// A file of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Original {
    /// Its path.
    pub path: PathBuf,
    /// Its path under the folder, with `/`, as the preview shows it.
    pub relative: String,
}

/// What a file's name says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// No kind in the name: any.
    Any,
    /// A kind with several series.
    Kind(NormKind),
    /// One series, by its code.
    Series(String),
}

/// A norm's number and year (none when its name has no year), as file names carry them.
type NumberYear = (i64, Option<i64>);

/// The files of a folder, by name and by (number, year).
#[derive(Default)]
pub(crate) struct Folder {
    files: Vec<Original>,
    /// Lowercased file name → files with that name.
    by_name: HashMap<String, Vec<usize>>,
    /// (number, year) → (file, kind its name says).
    by_number: HashMap<NumberYear, Vec<(usize, NameKind)>>,
}

/// Why a row has no file, or the file it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found<'a> {
    /// This one.
    One(&'a Original),
    /// None matches.
    None,
    /// Several match equally well.
    Several(Vec<&'a Original>),
}

impl Folder {
    /// Every PDF and Word file under `dir`.
    pub fn read(dir: &Path, kinds: &Kinds) -> Result<Folder> {
        if !dir.is_dir() {
            return Err(Error::field(
                "folder",
                format!(
                    "La carpeta «{}» no existe o no se puede abrir.",
                    dir.display()
                ),
            ));
        }
        let mut files = Vec::new();
        walk(dir, dir, 0, &mut files)?;
        files.sort_by(|a: &Original, b| a.relative.cmp(&b.relative));
        let mut folder = Folder::default();
        for (i, f) in files.iter().enumerate() {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            folder.by_name.entry(name.clone()).or_default().push(i);
            if let Some((kind, number, year)) = parse_name(&name, kinds) {
                folder
                    .by_number
                    .entry((number, year))
                    .or_default()
                    .push((i, kind));
            }
        }
        folder.files = files;
        Ok(folder)
    }

    /// The file the sheet names in «archivo»: a path under the folder, or a file name found
    /// anywhere in it.
    pub fn named(&self, name: &str) -> Found<'_> {
        let wanted = name.trim().replace('\\', "/").to_lowercase();
        let wanted = wanted.trim_start_matches("./");
        if let Some(f) = self
            .files
            .iter()
            .find(|f| f.relative.to_lowercase() == wanted)
        {
            return Found::One(f);
        }
        let base = wanted.rsplit('/').next().unwrap_or(wanted);
        match self.by_name.get(base).map(Vec::as_slice) {
            Some([one]) => Found::One(&self.files[*one]),
            Some(many) if !many.is_empty() => {
                Found::Several(many.iter().map(|i| &self.files[*i]).collect())
            }
            _ => Found::None,
        }
    }

    /// The file of norm `number` of `series` (of kind `kind`) in `year`: among the files whose
    /// name has that number and year (or no year, for a series that never resets), those whose
    /// name says the series win over those that say only the kind, and those over a bare
    /// number.
    pub fn by_number(
        &self,
        series: &str,
        kind: NormKind,
        yearly: bool,
        number: i64,
        year: i64,
    ) -> Found<'_> {
        let mut keys = vec![(number, Some(year))];
        if !yearly {
            keys.push((number, None));
        }
        let mut best: Vec<(u8, usize)> = Vec::new();
        for key in keys {
            for (i, k) in self.by_number.get(&key).into_iter().flatten() {
                let rank = match k {
                    NameKind::Series(c) if c == series => 3,
                    NameKind::Kind(k) if *k == kind => 2,
                    NameKind::Any => 1,
                    _ => continue,
                };
                best.push((rank, *i));
            }
        }
        let Some(top) = best.iter().map(|(r, _)| *r).max() else {
            return Found::None;
        };
        let winners: Vec<&Original> = best
            .iter()
            .filter(|(r, _)| *r == top)
            .map(|(_, i)| &self.files[*i])
            .collect();
        match winners.as_slice() {
            [one] => Found::One(one),
            _ => Found::Several(winners),
        }
    }
}

fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<Original>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::field(
            "folder",
            format!("No se pudo leer la carpeta «{}»: {e}.", dir.display()),
        )
    })?;
    for entry in entries.flatten() {
        if out.len() >= MAX_FILES {
            return Err(Error::field(
                "folder",
                format!(
                    "La carpeta tiene más de {MAX_FILES} archivos: elija la carpeta de las normas."
                ),
            ));
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                walk(root, &path, depth + 1, out)?;
            }
            continue;
        }
        let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
        if !["pdf", "docx", "doc"].contains(&ext.as_str()) {
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect::<Vec<_>>()
            .join("/");
        out.push(Original { path, relative });
    }
    Ok(())
}

/// What a file name says: its kind, number and year («ord-012-2019-mdsrq.pdf» → ordenanza,
/// 12, 2019). `None` when it has no number or its words name no kind of norm.
pub(crate) fn parse_name(name: &str, kinds: &Kinds) -> Option<(NameKind, i64, Option<i64>)> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let folded = crate::spanish::fold(stem);
    let first_digit = folded.find(|c: char| c.is_ascii_digit())?;
    let words = &folded[..first_digit];
    let runs: Vec<&str> = folded[first_digit..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    let is_year =
        |r: &str| r.len() == 4 && r.parse::<i64>().is_ok_and(|y| (1900..=2100).contains(&y));
    let (number, year) = match runs.as_slice() {
        [a, b, ..] if is_year(a) && !is_year(b) => (b.parse().ok()?, a.parse().ok()),
        [a, rest @ ..] => (
            a.parse().ok()?,
            rest.iter()
                .find(|r| is_year(r))
                .and_then(|r| r.parse().ok()),
        ),
        [] => return None,
    };
    if number == 0 || number > 1_000_000 {
        return None;
    }
    let kind = if words.chars().any(char::is_alphabetic) {
        match kinds.named(words)? {
            Named::Series(s) => NameKind::Series(s.code.clone()),
            Named::Kind(k) => NameKind::Kind(k),
        }
    } else {
        NameKind::Any
    };
    Some((kind, number, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Kinds {
        let s = |c: &str, n: &str| (c.to_string(), n.to_string(), "{n}".to_string(), true);
        Kinds::new(
            vec![
                s("ordenanza", "Ordenanzas municipales"),
                s("decreto", "Decretos de Alcaldía"),
                s("resolucion-alcaldia", "Resoluciones de Alcaldía"),
                s("resolucion-concejo", "Resoluciones de Concejo"),
            ],
            "PE",
        )
    }

    #[test]
    fn names_of_files() {
        let k = kinds();
        let ord = || NameKind::Series("ordenanza".into());
        assert_eq!(
            parse_name("ORD-012-2019.pdf", &k),
            Some((ord(), 12, Some(2019)))
        );
        assert_eq!(
            parse_name("Ordenanza 12-2019.docx", &k),
            Some((ord(), 12, Some(2019)))
        );
        assert_eq!(
            parse_name("ORDENANZA N° 012-2019-MDSRQ.pdf", &k),
            Some((ord(), 12, Some(2019)))
        );
        assert_eq!(
            parse_name("012-2019.pdf", &k),
            Some((NameKind::Any, 12, Some(2019)))
        );
        assert_eq!(
            parse_name("2019-012.pdf", &k),
            Some((NameKind::Any, 12, Some(2019)))
        );
        assert_eq!(
            parse_name("RA 45-2020.pdf", &k),
            Some((
                NameKind::Series("resolucion-alcaldia".into()),
                45,
                Some(2020)
            ))
        );
        assert_eq!(
            parse_name("Resolución 7_2021.pdf", &k),
            Some((NameKind::Kind(NormKind::Resolucion), 7, Some(2021)))
        );
        assert_eq!(parse_name("Informe 3-2019.pdf", &k), None);
        assert_eq!(parse_name("sin numero.pdf", &k), None);
        assert_eq!(parse_name("Ordenanza 45.pdf", &k), Some((ord(), 45, None)));
    }
}
