//! The spreadsheet that lists the history: its header found by its names (Spanish, any case or
//! accents, any order), and each row's cells read as the values a norm needs — dates as the
//! spreadsheet stores them or as typed («12/03/2019», «2019-03-12», «12 de marzo de 2019»).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::sheets::{column_letter, normal, Cell, Sheet};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Col {
    Kind,
    Number,
    Year,
    Date,
    Title,
    Issuer,
    Published,
    File,
    Identifier,
    Session,
}

impl Col {
    /// The field name a problem of this column carries (the preview highlights that cell).
    pub fn field(self) -> &'static str {
        match self {
            Col::Kind => "kind",
            Col::Number => "number",
            Col::Year => "year",
            Col::Date => "date",
            Col::Title => "title",
            Col::Issuer => "issuer",
            Col::Published => "published_on",
            Col::File => "file",
            Col::Identifier => "identifier",
            Col::Session => "session_kind",
        }
    }

    /// How the person knows the column.
    pub fn label(self) -> &'static str {
        match self {
            Col::Kind => "tipo",
            Col::Number => "número",
            Col::Year => "año",
            Col::Date => "fecha",
            Col::Title => "título",
            Col::Issuer => "emisor",
            Col::Published => "publicación",
            Col::File => "archivo",
            Col::Identifier => "identificador",
            Col::Session => "sesión",
        }
    }
}

/// The column a header label names.
fn classify(label: &str) -> Option<Col> {
    let stripped = label.replace(['º', 'ª'], "");
    let l = stripped.as_str();
    let first = l.split(' ').next().unwrap_or("");
    if l.contains("publica") {
        return Some(Col::Published);
    }
    if l == "identificador" || l == "numero completo" || l == "denominacion" || l == "codigo" {
        return Some(Col::Identifier);
    }
    if first == "sesion" || l == "tipo de sesion" {
        return Some(Col::Session);
    }
    if first == "tipo" || l == "serie" || l == "clase" || l == "clase de norma" {
        return Some(Col::Kind);
    }
    if [
        "numero",
        "nro",
        "n",
        "no",
        "num",
        "n de norma",
        "numero de norma",
    ]
    .contains(&l)
    {
        return Some(Col::Number);
    }
    if ["ano", "anio", "periodo", "ano de emision"].contains(&l) {
        return Some(Col::Year);
    }
    if first == "fecha" {
        return Some(Col::Date);
    }
    if ["titulo", "asunto", "sumilla", "materia", "descripcion"].contains(&first) {
        return Some(Col::Title);
    }
    if [
        "emisor",
        "organo",
        "emitido",
        "emitida",
        "dependencia",
        "emite",
    ]
    .contains(&first)
    {
        return Some(Col::Issuer);
    }
    if ["archivo", "fichero", "documento", "nombre de archivo"].contains(&l) {
        return Some(Col::File);
    }
    None
}

/// The header of the history: its row and where each column is.
pub(crate) struct Header {
    /// Its row (0-based).
    pub row: usize,
    /// Where each column is.
    pub cols: HashMap<Col, usize>,
}

impl Header {
    /// The letter of a column, when the sheet has it.
    pub fn letter(&self, c: Col) -> Option<String> {
        self.cols.get(&c).map(|i| column_letter(*i))
    }
}

/// The header among the first rows of a sheet: the first row naming a kind, a number (or an
/// identifier) and a title.
pub(crate) fn header(sheet: &Sheet) -> Option<Header> {
    for r in 0..sheet.rows.len().min(30) {
        let mut cols = HashMap::new();
        for (c, cell) in sheet.rows[r].iter().enumerate() {
            if let Some(col) = classify(&normal(&cell.text())) {
                cols.entry(col).or_insert(c);
            }
        }
        let has = |c| cols.contains_key(&c);
        if has(Col::Kind) && (has(Col::Number) || has(Col::Identifier)) && has(Col::Title) {
            return Some(Header { row: r, cols });
        }
    }
    None
}

/// A date in a cell: a spreadsheet date, or text typed day first. `Err` in Spanish.
pub(crate) fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(serial) => {
            let days = serial.floor() as i64;
            if !(1..=2_958_465).contains(&days) {
                return Err(format!("«{}» no es una fecha.", cell.text()));
            }
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
            Ok(base.checked_add_signed(chrono::Duration::days(days)))
        }
        Cell::Text(t) => text_date(t).map(Some).ok_or_else(|| {
            format!("«{t}» no es una fecha: escríbala como 12/03/2019 (día, mes y año).")
        }),
    }
}

fn text_date(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    // An ISO date, maybe with a time after it.
    if let Ok(d) = NaiveDate::parse_from_str(t.get(..10).unwrap_or(t), "%Y-%m-%d") {
        return Some(d);
    }
    let folded = crate::spanish::fold(t);
    let parts: Vec<&str> = folded
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "de" && *p != "del")
        .collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d.parse().ok()?;
    let month: u32 = match m.parse() {
        Ok(n) => n,
        Err(_) => month_number(m)?,
    };
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, month, day)
}

fn month_number(word: &str) -> Option<u32> {
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
    if word == "septiembre" || word == "sept" || word == "sep" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|n| *n == word || (word.len() >= 3 && n.starts_with(word)))
        .map(|i| i as u32 + 1)
}

/// A norm's number in a cell: «12», «012», 12, or the number of «012-2019-MDSRQ».
pub(crate) fn number(cell: &Cell) -> Result<Option<i64>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 1e7 => Ok(Some(*n as i64)),
        Cell::Number(_) => Err(format!(
            "«{}» no es un número de norma (un entero desde 1).",
            cell.text()
        )),
        Cell::Text(t) => {
            let digits: String = t
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            match digits.parse::<i64>() {
                Ok(n) if (1..10_000_000).contains(&n) => Ok(Some(n)),
                _ => Err(format!(
                    "«{t}» no es un número de norma (un entero desde 1)."
                )),
            }
        }
    }
}

/// A year in a cell (1900–2100).
pub(crate) fn year(cell: &Cell) -> Result<Option<i64>, String> {
    let bad = || format!("«{}» no es un año (por ejemplo 2019).", cell.text());
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => Ok(Some(*n as i64)),
        Cell::Text(t) => match t.trim().parse::<i64>() {
            Ok(y) if (1900..=2100).contains(&y) => Ok(Some(y)),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

/// The year of a date, as the rows compare it with «año».
pub(crate) fn year_of(d: NaiveDate) -> i64 {
    i64::from(d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn headers_in_spanish() {
        assert_eq!(classify("tipo"), Some(Col::Kind));
        assert_eq!(classify("tipo de norma"), Some(Col::Kind));
        assert_eq!(classify("tipo de sesion"), Some(Col::Session));
        assert_eq!(classify(&normal("Nº")), Some(Col::Number));
        assert_eq!(classify(&normal("Número")), Some(Col::Number));
        assert_eq!(classify(&normal("AÑO")), Some(Col::Year));
        assert_eq!(classify(&normal("Fecha de emisión")), Some(Col::Date));
        assert_eq!(
            classify(&normal("Fecha de publicación")),
            Some(Col::Published)
        );
        assert_eq!(classify(&normal("Título / Asunto")), Some(Col::Title));
        assert_eq!(classify(&normal("Asunto")), Some(Col::Title));
        assert_eq!(classify(&normal("Archivo")), Some(Col::File));
        assert_eq!(classify(&normal("Emisor")), Some(Col::Issuer));
        assert_eq!(classify(&normal("Observaciones")), None);
    }

    #[test]
    fn dates_as_typed() {
        let d = |y, m, dd| Ok(Some(NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(date(&t("12/03/2019")), d(2019, 3, 12));
        assert_eq!(date(&t("2019-03-12")), d(2019, 3, 12));
        assert_eq!(date(&t("12-03-2019")), d(2019, 3, 12));
        assert_eq!(date(&t("12 de marzo de 2019")), d(2019, 3, 12));
        assert_eq!(date(&t("1 de setiembre del 2020")), d(2020, 9, 1));
        assert_eq!(date(&Cell::Number(43536.0)), d(2019, 3, 12));
        assert!(date(&t("31/02/2019"))
            .unwrap_err()
            .contains("no es una fecha"));
        assert!(date(&t("12/03/19")).is_err());
        assert_eq!(date(&Cell::Empty), Ok(None));
    }

    #[test]
    fn numbers_and_years() {
        assert_eq!(number(&t("012")), Ok(Some(12)));
        assert_eq!(number(&t("N° 012-2019-MDSRQ")), Ok(Some(12)));
        assert_eq!(number(&Cell::Number(7.0)), Ok(Some(7)));
        assert!(number(&t("doce")).is_err());
        assert!(number(&Cell::Number(0.0)).is_err());
        assert_eq!(year(&Cell::Number(2019.0)), Ok(Some(2019)));
        assert!(year(&t("19")).is_err());
    }
}
