//! The content of a printed report as data — numbered sections of paragraphs, notes,
//! subheadings, bullets, tables and charts, every cell already written the Spanish way — and
//! its blocks for the PDF engine. Shared by the areas that print reports (the plans' reports,
//! which freeze this content in their seals, and the follow-up desk's reports), so that every
//! report of the app reads alike. Only strings and integers: a sealed content renders the
//! same page every time.

use serde::{Deserialize, Serialize};

use super::settings::Frame;
use crate::error::Result;
use crate::pdf::{
    Align, Bar, BarChart, Block, Column, DocInfo, Document, LegendEntry, LineChart, PageSettings,
    Paper, Paragraph, ReferenceLine, Rgb, Series, Span, Table,
};

/// A numbered section ("I. RESUMEN").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Heading, numbered.
    pub heading: String,
    /// Its parts, in order.
    pub parts: Vec<Part>,
}

/// A part of a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// A paragraph.
    Text(String),
    /// A small explanatory note.
    Note(String),
    /// A bold line kept with what follows.
    Subheading(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// A table.
    Table(TablePart),
    /// Horizontal bars of percentages.
    Bars(BarsPart),
    /// Lines over the months.
    Curve(CurvePart),
}

/// A table with its cells written out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TablePart {
    /// Columns.
    pub columns: Vec<Col>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Smaller type (tables of many columns).
    pub small: bool,
}

/// A column: header, relative width, right-aligned (numbers) or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Col {
    /// Header; `\n` breaks lines.
    pub header: String,
    /// Relative width.
    pub width: u32,
    /// Right-aligned.
    pub right: bool,
}

/// A left-aligned column.
pub fn col(header: &str, width: u32) -> Col {
    Col {
        header: header.to_string(),
        width,
        right: false,
    }
}

/// A right-aligned column (numbers).
pub fn num(header: &str, width: u32) -> Col {
    Col {
        right: true,
        ..col(header, width)
    }
}

/// A table of regular size.
pub fn table(columns: Vec<Col>, rows: Vec<Vec<String>>) -> Part {
    Part::Table(TablePart {
        columns,
        rows,
        small: false,
    })
}

/// Roman numeral of a section (1–10).
pub fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("X")
}

/// Sections numbered in order ("I. RESUMEN").
pub fn numbered(sections: Vec<(String, Vec<Part>)>) -> Vec<Section> {
    sections
        .into_iter()
        .enumerate()
        .map(|(i, (heading, parts))| Section {
            heading: format!("{}. {}", roman(i + 1), heading.to_uppercase()),
            parts,
        })
        .collect()
}

/// Horizontal bars of percentages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarsPart {
    /// Title above the chart.
    pub title: String,
    /// The bars, top to bottom.
    pub bars: Vec<BarItem>,
    /// Lines across the bars (the thresholds).
    pub references: Vec<Reference>,
    /// What each colour means.
    pub legend: Vec<Swatch>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarItem {
    /// What it measures.
    pub label: String,
    /// Its length, tenths of a percent.
    pub tenths: i64,
    /// The value written after it.
    pub value: String,
    /// Its colour.
    pub color: [u8; 3],
}

/// A line across the bars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Where, tenths of a percent.
    pub tenths: i64,
    /// Its label.
    pub label: String,
}

/// A colour and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swatch {
    /// The colour.
    pub color: [u8; 3],
    /// Its meaning.
    pub label: String,
}

/// Lines over the months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurvePart {
    /// Title above the chart.
    pub title: String,
    /// The months, left to right.
    pub categories: Vec<String>,
    /// The lines: name, colour, one amount (céntimos) per month or none.
    pub series: Vec<(String, [u8; 3], Vec<Option<i64>>)>,
}

fn rgb([r, g, b]: [u8; 3]) -> Rgb {
    Rgb::new(r, g, b)
}

/// The engine's bar chart.
pub fn bar_chart(b: &BarsPart) -> BarChart {
    BarChart {
        title: Some(b.title.clone()),
        bars: b
            .bars
            .iter()
            .map(|x| Bar {
                label: x.label.clone(),
                percent: x.tenths as f64 / 10.0,
                value: x.value.clone(),
                color: rgb(x.color),
            })
            .collect(),
        max_percent: 100.0,
        references: b
            .references
            .iter()
            .map(|r| ReferenceLine {
                percent: r.tenths as f64 / 10.0,
                label: r.label.clone(),
            })
            .collect(),
        legend: b
            .legend
            .iter()
            .map(|s| LegendEntry {
                color: rgb(s.color),
                label: s.label.clone(),
            })
            .collect(),
    }
}

/// The engine's line chart, in currency units (not céntimos).
pub fn line_chart(c: &CurvePart) -> LineChart {
    LineChart {
        title: Some(c.title.clone()),
        categories: c.categories.clone(),
        series: c
            .series
            .iter()
            .map(|(name, color, values)| Series {
                name: name.clone(),
                color: rgb(*color),
                values: values
                    .iter()
                    .map(|v| v.map(|cents| cents as f64 / 100.0))
                    .collect(),
            })
            .collect(),
        y_suffix: String::new(),
        height_mm: 70.0,
    }
}

/// Running text with its amounts and percentages kept on one line ("S/ 1.234,50", "87,5 %").
pub fn unbroken(text: &str) -> String {
    text.replace("S/ ", "S/\u{a0}")
        .replace("$ ", "$\u{a0}")
        .replace(" %", "\u{a0}%")
}

/// The engine's blocks of one part, appended to `out`.
pub fn part_blocks(part: &Part, out: &mut Vec<Block>) {
    match part {
        Part::Text(t) => out.push(Block::Paragraph(Paragraph::text(unbroken(t)))),
        Part::Note(t) => out.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(t.clone())])
                .size(9.0)
                .align(Align::Left)
                .spacing(0.0, 6.0),
        )),
        Part::Subheading(t) => out.push(Block::Paragraph(
            Paragraph::new(vec![Span::bold(t.clone())])
                .size(10.0)
                .align(Align::Left)
                .spacing(6.0, 2.0)
                .keep_with_next(),
        )),
        // Ragged right: items are lists of codes and names, which justify badly.
        Part::Bullets(items) => {
            for (n, item) in items.iter().enumerate() {
                let mut p = Paragraph::new(vec![Span::regular(unbroken(item))])
                    .align(Align::Left)
                    .indent(7.0)
                    .spacing(0.0, if n + 1 == items.len() { 6.0 } else { 3.0 });
                p.label = Some(Span::regular("•"));
                out.push(Block::Paragraph(p));
            }
        }
        Part::Table(t) => out.push(Block::Table(Table {
            columns: t
                .columns
                .iter()
                .map(|c| {
                    if c.right {
                        Column::right(c.header.clone(), c.width as f32)
                    } else {
                        Column::new(c.header.clone(), c.width as f32)
                    }
                })
                .collect(),
            rows: t.rows.clone(),
            size: if t.small { 7.0 } else { 8.0 },
        })),
        Part::Bars(b) => out.push(Block::BarChart(bar_chart(b))),
        Part::Curve(c) => out.push(Block::LineChart(line_chart(c))),
    }
}

/// Sections as blocks: each heading, then its parts; a sentence that introduces a table or a
/// chart stays on its page.
pub fn section_blocks(sections: &[Section], out: &mut Vec<Block>) {
    for s in sections {
        out.push(Block::Heading(s.heading.clone()));
        for (i, part) in s.parts.iter().enumerate() {
            part_blocks(part, out);
            if matches!(part, Part::Text(_))
                && matches!(
                    s.parts.get(i + 1),
                    Some(Part::Table(_) | Part::Bars(_) | Part::Curve(_))
                )
            {
                if let Some(Block::Paragraph(p)) = out.last_mut() {
                    p.keep_with_next = true;
                }
            }
        }
    }
}

/// The title, then its lines (the first in bold), centred.
pub fn title_blocks(title: &str, subtitle: &[String]) -> Vec<Block> {
    let mut b = vec![Block::Title(title.to_string())];
    for (i, line) in subtitle.iter().enumerate() {
        let span = if i == 0 {
            Span::bold(line.clone())
        } else {
            Span::regular(line.clone())
        };
        b.push(Block::Paragraph(
            Paragraph::new(vec![span])
                .align(Align::Center)
                .spacing(0.0, 2.0),
        ));
    }
    b
}

/// The page of `settings` turned to landscape when `landscape` (wide tables).
pub fn oriented(mut settings: PageSettings, landscape: bool) -> PageSettings {
    if landscape {
        let (w, h) = settings.paper.size_mm();
        settings.paper = Paper::Custom {
            width_mm: w.max(h),
            height_mm: w.min(h),
        };
    }
    settings
}

/// What a document says of itself: its id, title and subject in the file's metadata, a
/// keyword for its kind, its date, and the right-hand text of the running header.
pub struct Heading<'a> {
    /// The record's id or digest (the PDF's document ID).
    pub record_id: &'a str,
    /// Title in the metadata.
    pub title: &'a str,
    /// Subject in the metadata.
    pub subject: &'a str,
    /// Its kind, as a keyword.
    pub keyword: &'a str,
    /// Its date.
    pub date: chrono::NaiveDate,
    /// Right-hand text of the running header of the pages after the first.
    pub running: &'a str,
}

/// A document on the frame's paper: the letterhead on the first page, the municipality and
/// `running` in the header of the others, "Página X de Y" in the footer.
pub fn document(
    frame: &Frame,
    files_dir: &std::path::Path,
    head: Heading<'_>,
    blocks: Vec<Block>,
) -> Result<Document> {
    let letterhead = frame.letterhead(files_dir)?;
    let municipality = letterhead.municipality.clone();
    Ok(Document {
        settings: frame.settings.page(),
        info: DocInfo {
            record_id: head.record_id.to_string(),
            title: head.title.to_string(),
            subject: head.subject.to_string(),
            author: municipality.clone(),
            keywords: vec![head.keyword.to_string(), letterhead.siglas.clone()],
            date: head.date,
            country: letterhead.country,
        },
        running_header: Some((municipality.to_uppercase(), head.running.to_string())),
        letterhead: Some(letterhead),
        verification_code: None,
        folio_start: None,
        page_numbers: None,
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_numbered_in_roman() {
        let s = numbered(vec![
            ("Resumen".into(), vec![]),
            ("Comentarios".into(), vec![]),
        ]);
        assert_eq!(s[0].heading, "I. RESUMEN");
        assert_eq!(s[1].heading, "II. COMENTARIOS");
        assert_eq!(roman(5), "V");
    }
}
