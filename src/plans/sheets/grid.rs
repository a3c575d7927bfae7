//! A spreadsheet as a grid of cells, whatever it came as: an .xlsx (or .xls, .ods) workbook
//! read with calamine, or a .csv read with the `csv` crate. Rows and columns keep the places the
//! spreadsheet shows (row 0 is "Fila 1", column 0 is "A"), so every message names the cell a
//! person can find. Also here: the header row, found by its names rather than its place, and
//! a cell read as a number.

use std::collections::HashMap;
use std::hash::Hash;
use std::io::Cursor;

use calamine::{Data, Reader};

use super::super::quantity;
use super::Issues;
use crate::error::{Error, Result};

/// The largest file read (a POI of several thousand activities is far below it).
const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The most rows read from one sheet.
const MAX_ROWS: usize = 50_000;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// Nothing in it.
    Empty,
    /// A number (in a workbook; a .csv has only text).
    Number(f64),
    /// Text, trimmed.
    Text(String),
}

impl Cell {
    /// The cell as text ("" when empty; numbers without needless decimals).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }

    /// Whether nothing is in it.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

/// One sheet: its name and its rows from row 1 and column A.
#[derive(Debug, Clone)]
pub(super) struct Sheet {
    /// The sheet's name (the file name for a .csv).
    pub name: String,
    /// Rows; a short row has empty cells after its end.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at `row`, `col` (empty outside the data).
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Whether row `row` has nothing in it.
    pub fn blank_row(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(Cell::is_empty))
    }
}

/// The sheets of a file: a workbook's in order, or the one of a .csv.
pub(super) fn read(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>> {
    if bytes.is_empty() {
        return Err(Error::field("content_base64", "El archivo está vacío."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::field(
            "content_base64",
            "El archivo pasa de 20 MB: divídalo por unidad orgánica.",
        ));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        return workbook(bytes);
    }
    let ext = file_name.rsplit('.').next().unwrap_or("").to_lowercase();
    if ["xlsx", "xlsm", "xls", "xlsb", "ods"].contains(&ext.as_str()) {
        return Err(Error::field(
            "content_base64",
            format!("«{file_name}» no es una hoja de cálculo válida: ábrala y guárdela de nuevo."),
        ));
    }
    Ok(vec![csv_sheet(file_name, bytes)?])
}

fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let broken = |e: calamine::Error| {
        Error::field(
            "content_base64",
            format!("No se pudo leer la hoja de cálculo ({e}): ábrala y guárdela como .xlsx."),
        )
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(broken)?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(broken)?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            let (r0, c0) = (r0 as usize, c0 as usize);
            for (i, row) in range.rows().enumerate().take(MAX_ROWS.saturating_sub(r0)) {
                let mut cells = vec![Cell::Empty; c0];
                cells.extend(row.iter().map(cell));
                while cells.last().is_some_and(Cell::is_empty) {
                    cells.pop();
                }
                if rows.len() <= r0 + i {
                    rows.resize(r0 + i + 1, Vec::new());
                }
                rows[r0 + i] = cells;
            }
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "VERDADERO" } else { "FALSO" }.to_string()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text(s),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

fn text(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.to_string())
    }
}

/// A .csv as saved by a spreadsheet in Peru or Chile: UTF-8 (with or without BOM) or, failing
/// that, Windows' Latin-1; separated by `;` (the usual one where the decimal mark is a comma),
/// `,` or tab — whichever the first line has most of.
fn csv_sheet(file_name: &str, bytes: &[u8]) -> Result<Sheet> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = match std::str::from_utf8(body) {
        Ok(s) => s.to_string(),
        Err(_) => body.iter().map(|&b| b as char).collect(),
    };
    let first = decoded.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate().take(MAX_ROWS) {
        let record = record.map_err(|e| {
            Error::field(
                "content_base64",
                format!("Fila {}: el archivo CSV está mal formado ({e}).", i + 1),
            )
        })?;
        let mut cells: Vec<Cell> = record.iter().map(text).collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(Sheet {
        name: file_name.to_string(),
        rows,
    })
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

/// The letter of column `col` (0 → A, 26 → AA).
pub(super) fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A header's words as compared: accents and case aside, punctuation as spaces, "cód." as
/// "codigo" ("Cód. actividad" → "codigo actividad").
pub(super) fn normal(text: &str) -> String {
    let folded = crate::spanish::fold(text);
    let spaced: String = folded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '%' {
                c
            } else {
                ' '
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .map(|w| if w == "cod" { "codigo" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
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
    fn letters_of_columns() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(7), "H");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(33), "AH");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn headers_as_typed() {
        assert_eq!(normal("Cód. Actividad"), "codigo actividad");
        assert_eq!(normal("  Línea base (año) "), "linea base ano");
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
    fn csv_with_semicolons_and_latin1() {
        let bytes: Vec<u8> = b"C\xf3digo;Nombre\r\nA1;Informe t\xe9cnico\r\n".to_vec();
        let s = csv_sheet("x.csv", &bytes).unwrap();
        assert_eq!(s.cell(0, 0), &Cell::Text("Código".into()));
        assert_eq!(s.cell(1, 1), &Cell::Text("Informe técnico".into()));
        let s = csv_sheet("x.csv", "\u{feff}a,b\n1,\"2,5\"\n".as_bytes()).unwrap();
        assert_eq!(s.cell(1, 1), &Cell::Text("2,5".into()));
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
