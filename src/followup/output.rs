//! A report of the follow-up desk as tables of typed cells, written either way: as a PDF with
//! the engine (letterhead, title, numbered sections with their tables, "Página X de Y"), the
//! same layout as the plans' reports, or as an .xlsx with one sheet per table (the block on
//! top, a bold frozen header, numbers as numbers and dates as dates). The register of
//! information requests writes its rows with the same cells, page by page.

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::pdf::Block;
use crate::records::layout::{
    self, col, num, numbered, section_blocks, title_blocks, Heading, Part,
};
use crate::records::settings::Frame;
use crate::spanish;
use crate::xlsx::{self, failed, Styles, HEAD};

/// The format a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutputFormat {
    /// A PDF, printed with the engine.
    #[default]
    Pdf,
    /// An .xlsx workbook.
    Xlsx,
}

/// A cell, with what it is: the PDF writes it the Spanish way, the workbook as a number or a
/// date.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number with decimals (none: «—»).
    Dec(Option<f64>),
    /// A percentage, 0–100 (none: «—»).
    Pct(Option<f64>),
    /// A day, AAAA-MM-DD (none: empty).
    Day(Option<String>),
    /// A date and time.
    Instant(chrono::NaiveDateTime),
    /// An amount in céntimos.
    Money(i64),
}

impl Cell {
    /// Text of `s`.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as the PDF prints it.
    fn printed(&self, chile: bool) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => spanish::decimal(*n as f64, 0),
            Cell::Dec(v) => v
                .map(|v| spanish::decimal(v, 1))
                .unwrap_or_else(|| "—".into()),
            Cell::Pct(p) => spanish::percent_text(*p),
            Cell::Day(d) => d.as_deref().map(day_text).unwrap_or_default(),
            Cell::Instant(at) => at.format("%d/%m/%Y %H:%M").to_string(),
            Cell::Money(c) => spanish::money(*c, if chile { "$" } else { "S/" }),
        }
    }

    /// Whether it is a number (right-aligned).
    fn numeric(&self) -> bool {
        matches!(
            self,
            Cell::Int(_) | Cell::Dec(_) | Cell::Pct(_) | Cell::Money(_)
        )
    }
}

/// «24/07/2026», or the text as it is.
pub(crate) fn day_text(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// A table of the report: its section heading, its sheet's name, columns (header and width)
/// and rows, the last of them a total when `total` is set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    /// Heading of its section in the PDF.
    pub heading: String,
    /// Name of its sheet in the workbook (at most 31 characters).
    pub sheet: String,
    /// What the table shows, in a sentence before it.
    pub intro: Option<String>,
    /// Columns: header and width.
    pub columns: Vec<(String, u32)>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// A note after it.
    pub note: Option<String>,
}

/// A whole report.
#[derive(Debug, Clone)]
pub(crate) struct Output {
    /// Title, upper case.
    pub title: String,
    /// Lines under it: what, when, which unit.
    pub subtitle: Vec<String>,
    /// Its tables.
    pub grids: Vec<Grid>,
    /// Printed on landscape pages.
    pub landscape: bool,
    /// The file's name without extension.
    pub stem: String,
    /// Its kind, as a keyword.
    pub keyword: String,
}

impl Output {
    /// Data rows over every table.
    pub fn rows(&self) -> i64 {
        self.grids.iter().map(|g| g.rows.len() as i64).sum()
    }
}

/// The report written as `format`: the file's name and bytes.
pub(crate) async fn write(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    o: &Output,
    format: OutputFormat,
) -> Result<(String, Vec<u8>)> {
    match format {
        OutputFormat::Pdf => Ok((format!("{}.pdf", o.stem), pdf(conn, ctx, o).await?)),
        OutputFormat::Xlsx => Ok((xlsx::file_name(&o.stem), workbook(conn, ctx, o).await?)),
    }
}

async fn pdf(conn: &mut SqliteConnection, ctx: &Ctx, o: &Output) -> Result<Vec<u8>> {
    let frame = Frame::current(conn, ctx.today).await?;
    let chile = frame.country == "CL";
    let mut blocks = title_blocks(&o.title, &o.subtitle);
    blocks.push(Block::Space(4.0));
    let sections = numbered(
        o.grids
            .iter()
            .map(|g| (g.heading.clone(), parts(g, chile)))
            .collect(),
    );
    section_blocks(&sections, &mut blocks);
    let mut doc = layout::document(
        &frame,
        &ctx.files_dir,
        Heading {
            record_id: &format!("{}-{}", o.keyword, ctx.today),
            title: &o.title,
            subject: &o.subtitle.join(" — "),
            keyword: &o.keyword,
            date: ctx.today,
            running: &o.stem,
        },
        blocks,
    )?;
    doc.settings = layout::oriented(doc.settings, o.landscape);
    Ok(doc.render()?.pdf)
}

/// A table's parts in the PDF: its sentence, the table (or a sentence saying it is empty), its
/// note.
fn parts(g: &Grid, chile: bool) -> Vec<Part> {
    let mut out = Vec::new();
    if let Some(t) = &g.intro {
        out.push(Part::Text(t.clone()));
    }
    if g.rows.is_empty() {
        out.push(Part::Text("No hay registros en el periodo.".into()));
    } else {
        let right: Vec<bool> = (0..g.columns.len())
            .map(|c| g.rows.iter().any(|r| r.get(c).is_some_and(Cell::numeric)))
            .collect();
        let columns = g
            .columns
            .iter()
            .zip(right)
            .map(|((h, w), r)| if r { num(h, *w) } else { col(h, *w) })
            .collect();
        let rows = g
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.printed(chile)).collect())
            .collect();
        let mut t = layout::table(columns, rows);
        if let Part::Table(t) = &mut t {
            t.small = g.columns.len() > 7;
        }
        out.push(t);
    }
    if let Some(n) = &g.note {
        out.push(Part::Note(n.clone()));
    }
    out
}

async fn workbook(conn: &mut SqliteConnection, ctx: &Ctx, o: &Output) -> Result<Vec<u8>> {
    let f = xlsx::frame(conn, ctx).await?;
    let s = Styles::new(f.chile);
    let mut book: Workbook = xlsx::workbook(ctx, &o.title)?;
    for g in &o.grids {
        let ws = book.add_worksheet();
        // Two lines, so that the block ends above the header whatever the subtitle holds.
        let lines = [
            std::iter::once(o.title.as_str())
                .chain(o.subtitle.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" — "),
            g.heading.clone(),
        ];
        sheet_head(ws, &s, &f, &g.sheet, &lines, &g.columns)?;
        for (i, r) in g.rows.iter().enumerate() {
            write_row(ws, &s, HEAD + 1 + i as u32, r)?;
        }
        if let Some(n) = &g.note {
            ws.write_string_with_format(HEAD + 2 + g.rows.len() as u32, 0, n, &s.note)
                .map_err(failed)?;
        }
    }
    book.save_to_buffer().map_err(failed)
}

/// A sheet's name, its block on top (`lines` under the municipality, then the day) and its
/// header of one row at [`HEAD`], frozen with the first column; its columns printed across.
pub(crate) fn sheet_head(
    ws: &mut Worksheet,
    s: &Styles,
    f: &xlsx::Frame,
    name: &str,
    lines: &[String],
    columns: &[(String, u32)],
) -> Result<()> {
    ws.set_name(name).map_err(failed)?;
    xlsx::block(ws, s, f, lines)?;
    // Sheet widths are characters; the PDF's widths are relative: about a third of a character.
    let head: Vec<(&str, f64)> = columns
        .iter()
        .map(|(h, w)| (h.as_str(), (*w as f64 * 0.9).max(9.0)))
        .collect();
    xlsx::head_row(ws, s, &head)?;
    ws.set_freeze_panes(HEAD + 1, 1).map_err(failed)?;
    ws.set_repeat_rows(HEAD, HEAD).map_err(failed)?;
    ws.set_landscape();
    Ok(())
}

/// One row of cells at `row`.
pub(crate) fn write_row(ws: &mut Worksheet, s: &Styles, row: u32, cells: &[Cell]) -> Result<()> {
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text(t) => ws.write_string_with_format(row, c, t, &s.wrap).map(|_| ()),
            Cell::Int(n) => ws
                .write_number_with_format(row, c, *n as f64, &s.integer)
                .map(|_| ()),
            Cell::Dec(Some(v)) => ws
                .write_number_with_format(row, c, *v, &s.decimal)
                .map(|_| ()),
            Cell::Pct(Some(p)) => ws
                .write_number_with_format(row, c, *p / 100.0, &s.percent)
                .map(|_| ()),
            Cell::Dec(None) | Cell::Pct(None) => ws.write_blank(row, c, &s.text).map(|_| ()),
            Cell::Day(d) => {
                xlsx::write_day(ws, s, row, c, d.as_deref())?;
                Ok(())
            }
            Cell::Instant(at) => {
                xlsx::write_instant(ws, s, row, c, *at)?;
                Ok(())
            }
            Cell::Money(cents) => ws
                .write_number_with_format(row, c, *cents as f64 / 100.0, &s.money)
                .map(|_| ()),
        }
        .map_err(failed)?;
    }
    Ok(())
}

/// The period of a report: the whole year, or one of its months; its first and last day and
/// its name («Año 2026», «Marzo de 2026»).
pub(crate) fn period(
    year: i64,
    month: Option<i64>,
    chile: bool,
) -> Result<(String, String, String)> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::field("year", "Indique un año entre 2000 y 2100."));
    }
    match month {
        None => Ok((
            format!("{year}-01-01"),
            format!("{year}-12-31"),
            format!("Año {year}"),
        )),
        Some(m) => {
            let (first, last) = month_bounds(year, m)?;
            Ok((
                first.to_string(),
                last.to_string(),
                format!("{} de {year}", month_label(m, chile)),
            ))
        }
    }
}

/// The first and the last day of month `month` of `year`.
pub(crate) fn month_bounds(year: i64, month: i64) -> Result<(NaiveDate, NaiveDate)> {
    let first = (1..=12)
        .contains(&month)
        .then(|| NaiveDate::from_ymd_opt(year as i32, month as u32, 1))
        .flatten()
        .ok_or_else(|| Error::field("month", "El mes va de 1 (enero) a 12 (diciembre)."))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    Ok((first, last))
}

/// «Marzo»; September as each country writes it («Setiembre», «Septiembre»).
pub(crate) fn month_label(month: i64, chile: bool) -> String {
    let d = NaiveDate::from_ymd_opt(2000, month.clamp(1, 12) as u32, 1).unwrap_or_default();
    let mut c = spanish::month(d, chile).chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
