//! What every .xlsx the app writes shares (with `rust_xlsxwriter`): a block on top naming the
//! municipality, what the sheet is and the day it was issued; bold bordered headers; numbers as
//! numbers (money with or without céntimos by country, percentages as percentages) and dates as
//! dates; a workbook stamped with the request's instant, never the machine's clock.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use sqlx::SqliteConnection;

use crate::context::Ctx;
use crate::error::{Error, Result};

/// The first row of the header of every table (after the block on top).
pub const HEAD: u32 = 6;

/// The formats of a workbook.
pub struct Styles {
    pub title: Format,
    pub note: Format,
    pub head: Format,
    pub text: Format,
    pub wrap: Format,
    pub integer: Format,
    pub decimal: Format,
    pub money: Format,
    pub percent: Format,
    pub bold_text: Format,
    pub date: Format,
    pub datetime: Format,
}

impl Styles {
    /// The formats, money with or without céntimos (Chile writes pesos without them).
    pub fn new(chile: bool) -> Styles {
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin);
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_italic(),
            head,
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format("#,##0"),
            decimal: cell.clone().set_num_format("#,##0.00"),
            money: cell
                .clone()
                .set_num_format(if chile { "#,##0" } else { "#,##0.00" }),
            percent: cell.clone().set_num_format("0.0%"),
            bold_text: cell.clone().set_bold(),
            date: cell.clone().set_num_format("dd/mm/yyyy"),
            datetime: cell.set_num_format("dd/mm/yyyy hh:mm"),
        }
    }

    /// A quantity: whole numbers without decimals, others with two.
    pub fn quantity(&self, v: f64) -> &Format {
        if v.fract() == 0.0 {
            &self.integer
        } else {
            &self.decimal
        }
    }
}

/// A failure of the writer, which no person can fix.
pub fn failed(e: XlsxError) -> Error {
    Error::Internal(format!("No se pudo generar la hoja de cálculo: {e}."))
}

/// What every sheet's block on top says.
pub struct Frame {
    /// The municipality's name.
    pub municipality: String,
    /// Whether it is Chilean (the plans' names and the currency differ).
    pub chile: bool,
    /// Today, dd/mm/yyyy.
    pub date: String,
}

/// The block's facts for this municipality and day.
pub async fn frame(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<Frame> {
    let m = crate::municipality::find(conn).await?;
    Ok(Frame {
        chile: m.as_ref().is_some_and(|m| m.country == "CL"),
        municipality: m.map(|m| m.name).unwrap_or_default(),
        date: ctx.today.format("%d/%m/%Y").to_string(),
    })
}

/// A workbook stamped with the request's instant (never the machine's clock).
pub fn workbook(ctx: &Ctx, title: &str) -> Result<Workbook> {
    let created = excel_datetime(ctx.now.naive_utc())?;
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(format!("Cabildo — {}", ctx.actor.login))
            .set_creation_datetime(&created),
    );
    Ok(book)
}

/// The block on top: municipality, then `lines` (at most three, to end above [`HEAD`]), then
/// the date.
pub fn block(ws: &mut Worksheet, s: &Styles, f: &Frame, lines: &[String]) -> Result<()> {
    ws.write_string_with_format(0, 0, &f.municipality, &s.title)
        .map_err(failed)?;
    for (i, l) in lines.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, l).map_err(failed)?;
    }
    ws.write_string_with_format(
        1 + lines.len() as u32,
        0,
        format!("Emitido el {}", f.date),
        &s.note,
    )
    .map_err(failed)?;
    Ok(())
}

/// A name safe for a file.
pub fn file_name(stem: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| if r#"/\:*?"<>|"#.contains(c) { '-' } else { c })
        .collect();
    format!("{}.xlsx", clean.trim())
}

pub fn date_text(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

fn excel_datetime(at: NaiveDateTime) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(at.year() as u16, at.month() as u8, at.day() as u8)
        .and_then(|d| d.and_hms(at.hour() as u16, at.minute() as u8, at.second()))
        .map_err(failed)
}

/// A day (AAAA-MM-DD) as a date cell; a blank bordered cell when there is none.
pub fn write_day(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: u16,
    iso: Option<&str>,
) -> Result<()> {
    match iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        Some(d) => {
            let at = excel_datetime(d.and_hms_opt(0, 0, 0).unwrap_or_default())?;
            ws.write_datetime_with_format(row, col, &at, &s.date)
        }
        None => ws.write_blank(row, col, &s.text),
    }
    .map_err(failed)?;
    Ok(())
}

/// A date and time as a date-time cell.
pub fn write_instant(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: u16,
    at: NaiveDateTime,
) -> Result<()> {
    ws.write_datetime_with_format(row, col, &excel_datetime(at)?, &s.datetime)
        .map_err(failed)?;
    Ok(())
}

/// A header of one row at [`HEAD`]: each column's name and width.
pub fn head_row(ws: &mut Worksheet, s: &Styles, columns: &[(&str, f64)]) -> Result<()> {
    for (c, (name, width)) in columns.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, *name, &s.head)
            .map_err(failed)?;
        ws.set_column_width(c as u16, *width).map_err(failed)?;
    }
    ws.set_row_height(HEAD, 30).map_err(failed)?;
    Ok(())
}
