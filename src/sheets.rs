//! A spreadsheet as a grid of cells, whatever it came as: an .xlsx (or .xls, .ods) workbook
//! read with calamine, or a .csv read with the `csv` crate. Rows and columns keep the places the
//! spreadsheet shows (row 0 is "Fila 1", column 0 is "A"), so every message names the cell a
//! person can find. Shared by every import (the plans' POI and PEI, the norms' history).

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::error::{Error, Result};

/// The largest file read (a POI of several thousand activities is far below it).
const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The most rows read from one sheet.
const MAX_ROWS: usize = 50_000;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
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
pub struct Sheet {
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
pub fn read(file_name: &str, bytes: &[u8], field: &str) -> Result<Vec<Sheet>> {
    if bytes.is_empty() {
        return Err(Error::field(field, "El archivo está vacío."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::field(
            field,
            "El archivo pasa de 20 MB: divídalo en partes.",
        ));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        return workbook(bytes, field);
    }
    let ext = file_name.rsplit('.').next().unwrap_or("").to_lowercase();
    if ["xlsx", "xlsm", "xls", "xlsb", "ods"].contains(&ext.as_str()) {
        return Err(Error::field(
            field,
            format!("«{file_name}» no es una hoja de cálculo válida: ábrala y guárdela de nuevo."),
        ));
    }
    Ok(vec![csv_sheet(file_name, bytes, field)?])
}

fn workbook(bytes: &[u8], field: &str) -> Result<Vec<Sheet>> {
    let broken = |e: calamine::Error| {
        Error::field(
            field,
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
fn csv_sheet(file_name: &str, bytes: &[u8], field: &str) -> Result<Sheet> {
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
                field,
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

/// The letter of column `col` (0 → A, 26 → AA).
pub fn column_letter(col: usize) -> String {
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
pub fn normal(text: &str) -> String {
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
    }

    #[test]
    fn csv_with_semicolons_and_latin1() {
        let bytes: Vec<u8> = b"C\xf3digo;Nombre\r\nA1;Informe t\xe9cnico\r\n".to_vec();
        let s = csv_sheet("x.csv", &bytes, "f").unwrap();
        assert_eq!(s.cell(0, 0), &Cell::Text("Código".into()));
        assert_eq!(s.cell(1, 1), &Cell::Text("Informe técnico".into()));
        let s = csv_sheet("x.csv", "\u{feff}a,b\n1,\"2,5\"\n".as_bytes(), "f").unwrap();
        assert_eq!(s.cell(1, 1), &Cell::Text("2,5".into()));
    }
}
