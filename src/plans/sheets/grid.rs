//! The plans' reading of a spreadsheet (the grid itself is `crate::sheets`, shared with the
//! norms' import): the header row, found by its names rather than its place, its sub-headers
//! (months, years), and a cell read as a target or a value.

use std::collections::HashMap;
use std::hash::Hash;

use super::super::quantity;
use super::Issues;
pub(super) use crate::sheets::{column_letter, normal, Cell, Sheet};

/// The sheets of an imported file (a problem reading it is the `content_base64` field's).
pub(super) fn read(file_name: &str, bytes: &[u8]) -> crate::error::Result<Vec<Sheet>> {
    crate::sheets::read(file_name, bytes, "content_base64")
}

/// A target in a cell: a number, or text typed the Spanish way ("1.250,50"); blank is 0;
/// never negative.
pub(super) fn target(cell: &Cell) -> std::result::Result<f64, String> {
    match cell {
        Cell::Empty => Ok(0.0),
        Cell::Number(v) if *v < 0.0 => {
            Err(format!("el valor no puede ser negativo ({}).", cell.text()))
        }
        Cell::Number(v) if *v > 1e12 => Err("el valor es demasiado grande.".to_string()),
        Cell::Number(v) => Ok(*v),
        Cell::Text(t) => quantity::quantity(t, "target").map_err(|e| e.to_string()),
    }
}

/// A value of an indicator: any number (a rate of change may be negative); blank is none.
pub(super) fn value(cell: &Cell) -> std::result::Result<Option<f64>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(v) => Ok(Some(*v)),
        Cell::Text(t) => quantity::number(t).map(Some).ok_or_else(|| {
            format!("«{t}» no es un número. Escriba un número; por ejemplo 45 o 12,5.")
        }),
    }
}

/// A whole number in a cell (a year, a priority); blank is none.
pub(super) fn whole(cell: &Cell) -> std::result::Result<Option<i64>, String> {
    match value(cell)? {
        None => Ok(None),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e9 => Ok(Some(v as i64)),
        Some(_) => Err(format!("«{}» no es un número entero.", cell.text())),
    }
}

/// The month (1–12) a header names with a word of its own ("Ene", "enero", "Set.", "Sep").
pub(super) fn month_of(label: &str) -> Option<usize> {
    const NAMES: [&str; 12] = [
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
    label.split(' ').find_map(|w| {
        if w.len() < 3 {
            return None;
        }
        if w == "sep" || "septiembre".starts_with(w) && w.starts_with("sep") {
            return Some(9);
        }
        NAMES
            .iter()
            .position(|n| n.starts_with(w) && w.starts_with(&n[..3]))
            .map(|i| i + 1)
    })
}

/// The year a header names with a word of its own ("Logro esperado 2026").
pub(super) fn year_of(label: &str) -> Option<i64> {
    label.split(' ').find_map(|w| {
        (w.len() == 4)
            .then(|| w.parse::<i64>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// The header of a sheet: the row whose names satisfy `is_header`, with the row under it when
/// that row carries sub-headers ("Prog." / "Ejec." under a month, the years under "Logros
/// esperados"). A column's label joins its group name (carried right over merged cells) and
/// its sub-header.
#[derive(Debug, Clone)]
pub(super) struct Header {
    /// The (first) header row.
    pub row: usize,
    /// The first row of data.
    pub data_from: usize,
    /// Each column's label, [`normal`]ised.
    pub labels: Vec<String>,
}

/// Find the header among the first rows of `sheet`: `is_header` recognises a header row by its
/// labels and answers its key column (the code), which is blank in a row of sub-headers.
pub(super) fn header(
    sheet: &Sheet,
    is_header: impl Fn(&[String]) -> Option<usize>,
) -> Option<Header> {
    for r in 0..sheet.rows.len().min(40) {
        let top: Vec<String> = sheet.rows[r].iter().map(|c| normal(&c.text())).collect();
        let Some(key) = is_header(&top) else {
            continue;
        };
        let under = sheet.rows.get(r + 1).cloned().unwrap_or_default();
        let sub_header = sheet.cell(r + 1, key).is_empty()
            && under.iter().any(|c| {
                let t = normal(&c.text());
                t.starts_with("prog")
                    || t.starts_with("ejec")
                    || t.starts_with("valor")
                    || t == "ano"
                    || year_of(&t).is_some()
            });
        if !sub_header {
            return Some(Header {
                row: r,
                data_from: r + 1,
                labels: top,
            });
        }
        let width = top.len().max(under.len());
        let mut labels = Vec::with_capacity(width);
        let mut group = String::new();
        for c in 0..width {
            let t = top.get(c).cloned().unwrap_or_default();
            let s = normal(&under.get(c).map(Cell::text).unwrap_or_default());
            if !t.is_empty() {
                group = t.clone();
            } else if s.is_empty() {
                group.clear();
            }
            let head = if t.is_empty() && !s.is_empty() {
                group.clone()
            } else {
                t
            };
            labels.push(
                [head, s]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        return Some(Header {
            row: r,
            data_from: r + 2,
            labels,
        });
    }
    None
}

/// The columns of a header by what they hold (`classify` answers `None` for a column that is
/// not read); a kind named twice is reported at its second column and read at its first.
pub(super) fn columns<C: Copy + Eq + Hash>(
    h: &Header,
    classify: impl Fn(&str) -> Option<C>,
    sheet: Option<&str>,
    issues: &mut Issues,
) -> HashMap<C, usize> {
    let mut of = HashMap::new();
    for (c, label) in h.labels.iter().enumerate() {
        let Some(kind) = classify(label) else {
            continue;
        };
        match of.get(&kind) {
            Some(first) => issues.add(
                sheet,
                h.row,
                Some(c),
                format!(
                    "esta columna repite la de la columna {}: deje una sola.",
                    column_letter(*first)
                ),
            ),
            None => {
                of.insert(kind, c);
            }
        }
    }
    of
}

/// Where a message belongs, as the spreadsheet shows it: "Fila 7, columna H" (with the sheet's
/// name when the file has more than one sheet).
pub(super) fn place(sheet: Option<&str>, row: usize, col: Option<usize>) -> String {
    let mut out = match sheet {
        Some(s) => format!("Hoja «{s}», fila {}", row + 1),
        None => format!("Fila {}", row + 1),
    };
    if let Some(c) = col {
        out.push_str(&format!(", columna {}", column_letter(c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_years_in_headers() {
        assert_eq!(month_of("ene prog"), Some(1));
        assert_eq!(month_of("setiembre"), Some(9));
        assert_eq!(month_of("fin sep"), Some(9));
        assert_eq!(month_of("sept"), Some(9));
        assert_eq!(month_of("mayo"), Some(5));
        assert_eq!(month_of("unidad de medida"), None);
        assert_eq!(month_of("marco"), None);
        assert_eq!(year_of("logro esperado 2027"), Some(2027));
        assert_eq!(year_of("total prog"), None);
    }

    #[test]
    fn a_two_row_header_joins_groups_and_sub_headers() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "x".into(),
            rows: vec![
                vec![t("Municipalidad")],
                vec![t("Código"), t("Enero"), Cell::Empty, t("Total")],
                vec![Cell::Empty, t("Prog."), t("Ejec."), Cell::Empty],
                vec![t("A1"), Cell::Number(3.0)],
            ],
        };
        let h = header(&sheet, |l| l.iter().position(|x| x == "codigo")).unwrap();
        assert_eq!((h.row, h.data_from), (1, 3));
        assert_eq!(h.labels, ["codigo", "enero prog", "enero ejec", "total"]);
    }

    #[test]
    fn targets_in_cells() {
        assert_eq!(target(&Cell::Empty), Ok(0.0));
        assert_eq!(target(&Cell::Number(12.5)), Ok(12.5));
        assert_eq!(target(&Cell::Text("1.250,50".into())), Ok(1250.5));
        assert!(target(&Cell::Number(-1.0))
            .unwrap_err()
            .contains("negativo"));
        assert!(target(&Cell::Text("diez".into()))
            .unwrap_err()
            .contains("«diez» no es un número"));
    }
}
