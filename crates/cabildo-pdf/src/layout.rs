//! Blocks to chunks: line breaking (greedy, no hyphenation, justified with the last line
//! left-aligned), paragraphs, lists, images and QR codes (tables, signatures and the letterhead
//! are in `blocks.rs`, charts in `chart/`). A chunk is the unit the paginator moves: a line of
//! a paragraph, a table row, a row of signatures, a bar of a chart.
//! Over 600 lines only with its tests: the line breaker and the composer share their state.

use std::rc::Rc;

use super::fonts::{self, FontId, Glyph};
use super::image::ImageData;
use super::model::{
    Align, Block, Country, Family, ListKind, Paragraph, Rgb, Span, Style, LABEL_GAP_MM,
};
use super::qr;
use crate::error::Result;

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// Baseline-to-baseline distance as a multiple of the size.
pub(crate) const LEADING: f32 = 1.3;

/// A run of glyphs in one face and size.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    pub font: FontId,
    pub size: f32,
    pub glyphs: Vec<Glyph>,
}

impl Piece {
    fn width(&self) -> f32 {
        let units: u32 = self.glyphs.iter().map(|g| g.advance as u32).sum();
        units as f32 * self.size / fonts::info(self.font).units_per_em as f32
    }
}

/// One line of text at a baseline; `word_extra` points are added after every space glyph
/// (justification). The pieces are shared: placing a line on its page copies no glyphs.
#[derive(Clone, Debug)]
pub(crate) struct TextLine {
    pub x: f32,
    pub y: f32,
    pub pieces: Rc<[Piece]>,
    pub word_extra: f32,
    pub gray: f32,
}

/// The colour of a rule, a path or a filled rectangle: a level of gray (0 black, 1 white) or an
/// sRGB colour (the file's output intent is sRGB, so PDF/A accepts both).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Ink {
    Gray(f32),
    Rgb(Rgb),
}

/// Something to draw, in points from the top-left corner of its chunk (or of the page, once
/// placed).
#[derive(Clone, Debug)]
pub(crate) enum Draw {
    Text(TextLine),
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        ink: Ink,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
    /// An open polyline with round joins and caps (chart series), dashed when `dash` is
    /// (on, off) lengths.
    Path {
        points: Vec<(f32, f32)>,
        width: f32,
        ink: Ink,
        dash: Option<(f32, f32)>,
    },
    Image {
        image: Rc<ImageData>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Draw {
    /// The same drawing moved by (dx, dy).
    pub fn offset(&self, dx: f32, dy: f32) -> Draw {
        match self {
            Draw::Text(t) => Draw::Text(TextLine {
                x: t.x + dx,
                y: t.y + dy,
                ..t.clone()
            }),
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ink,
            } => Draw::Line {
                x1: x1 + dx,
                y1: y1 + dy,
                x2: x2 + dx,
                y2: y2 + dy,
                width: *width,
                ink: *ink,
            },
            Draw::Rect { x, y, w, h, ink } => Draw::Rect {
                x: x + dx,
                y: y + dy,
                w: *w,
                h: *h,
                ink: *ink,
            },
            Draw::Path {
                points,
                width,
                ink,
                dash,
            } => Draw::Path {
                points: points.iter().map(|(x, y)| (x + dx, y + dy)).collect(),
                width: *width,
                ink: *ink,
                dash: *dash,
            },
            Draw::Image { image, x, y, w, h } => Draw::Image {
                image: image.clone(),
                x: x + dx,
                y: y + dy,
                w: *w,
                h: *h,
            },
        }
    }
}

/// The unit of pagination.
#[derive(Clone, Debug, Default)]
pub(crate) struct Chunk {
    pub height: f32,
    pub before: f32,
    pub after: f32,
    pub keep_with_next: bool,
    pub break_before: bool,
    pub draws: Vec<Draw>,
    /// Table rows: the header row to print first when the row opens a page.
    pub repeat_header: Option<Rc<Chunk>>,
    /// Signature rows: the space above each signature line (x, y, width, height).
    pub signature_slots: Vec<[f32; 4]>,
}

pub(super) fn face(family: Family, style: Style) -> FontId {
    match (family, style) {
        (Family::Serif, Style::Regular) => FontId::Serif,
        (Family::Serif, Style::Bold) => FontId::SerifBold,
        (Family::Serif, Style::Italic) => FontId::SerifItalic,
        (Family::Sans, Style::Bold) => FontId::SansBold,
        (Family::Sans, _) => FontId::Sans,
    }
}

/// A word: glyph pieces with no break opportunity inside.
#[derive(Clone, Debug)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// The space that follows it (face), if any.
    space_after: Option<FontId>,
    /// A forced line break follows it.
    newline_after: bool,
}

/// Abbreviations that stay on the same line as the word after them.
const BINDS_NEXT: [&str; 4] = ["N°", "Nº", "N.°", "N.º"];

fn tokenize(spans: &[Span], family: Family, size: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Vec<(FontId, String)> = Vec::new();
    let flush = |cur: &mut Vec<(FontId, String)>, words: &mut Vec<Word>| {
        if cur.is_empty() {
            return;
        }
        let pieces: Vec<Piece> = cur
            .drain(..)
            .map(|(font, text)| Piece {
                font,
                size,
                glyphs: fonts::shape(font, &text),
            })
            .collect();
        let width = pieces.iter().map(Piece::width).sum();
        words.push(Word {
            pieces,
            width,
            space_after: None,
            newline_after: false,
        });
    };
    for span in spans {
        let font = face(family, span.style);
        for c in span.text.chars() {
            if c == '\n' {
                flush(&mut cur, &mut words);
                if let Some(w) = words.last_mut() {
                    w.space_after = None;
                    w.newline_after = true;
                }
            } else if c.is_whitespace() && c != '\u{A0}' && c != '\u{202F}' {
                // "N° 245": the number never starts a line without its "N°".
                if cur
                    .last()
                    .is_some_and(|(_, t)| BINDS_NEXT.iter().any(|b| t.ends_with(b)))
                {
                    if let Some((_, t)) = cur.last_mut() {
                        t.push('\u{A0}');
                    }
                    continue;
                }
                flush(&mut cur, &mut words);
                if let Some(w) = words.last_mut() {
                    if !w.newline_after && w.space_after.is_none() {
                        w.space_after = Some(font);
                    }
                }
            } else {
                match cur.last_mut() {
                    Some((f, text)) if *f == font => text.push(c),
                    _ => cur.push((font, c.to_string())),
                }
            }
        }
    }
    flush(&mut cur, &mut words);
    if let Some(w) = words.last_mut() {
        w.space_after = None;
    }
    words
}

/// Split words wider than `width` into pieces that fit (URLs, long codes).
fn split_long(words: Vec<Word>, width: f32) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        if w.width <= width {
            out.push(w);
            continue;
        }
        let mut part = Word {
            pieces: Vec::new(),
            width: 0.0,
            space_after: None,
            newline_after: false,
        };
        for piece in w.pieces {
            for g in piece.glyphs {
                let gw =
                    g.advance as f32 * piece.size / fonts::info(piece.font).units_per_em as f32;
                if part.width + gw > width && part.width > 0.0 {
                    out.push(std::mem::replace(
                        &mut part,
                        Word {
                            pieces: Vec::new(),
                            width: 0.0,
                            space_after: None,
                            newline_after: false,
                        },
                    ));
                }
                match part.pieces.last_mut() {
                    Some(p) if p.font == piece.font => p.glyphs.push(g),
                    _ => part.pieces.push(Piece {
                        font: piece.font,
                        size: piece.size,
                        glyphs: vec![g],
                    }),
                }
                part.width += gw;
            }
        }
        part.space_after = w.space_after;
        part.newline_after = w.newline_after;
        out.push(part);
    }
    out
}

/// The space glyph of a face, as `fonts::shape(font, " ")` gives it, without shaping.
fn space_glyph(font: FontId) -> Glyph {
    let face = fonts::info(font);
    let (ch, (gid, advance)) = match face.glyph(' ') {
        Some(g) => (' ', g),
        None => ('?', face.glyph('?').unwrap_or((0, 0))),
    };
    Glyph { gid, advance, ch }
}

fn space_piece(font: FontId, size: f32) -> Piece {
    Piece {
        font,
        size,
        glyphs: vec![space_glyph(font)],
    }
}

/// A broken line before alignment.
struct RawLine {
    pieces: Vec<Piece>,
    natural: f32,
    spaces: usize,
    /// Last line of the paragraph or ended by a forced break: never justified.
    last: bool,
}

fn break_lines(words: Vec<Word>, first_width: f32, width: f32, size: f32) -> Vec<RawLine> {
    let words = split_long(words, first_width.min(width).max(MM));
    // What `space_piece(f, size).width()` gives, without building the piece.
    let space_w = |f: FontId| {
        space_glyph(f).advance as u32 as f32 * size / fonts::info(f).units_per_em as f32
    };
    // First where each line ends, then the lines themselves, moving the words' glyphs.
    let mut ends = Vec::new();
    let mut naturals = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let avail = if ends.is_empty() { first_width } else { width };
        let mut w = words[i].width;
        let mut j = i + 1;
        while j < words.len() && !words[j - 1].newline_after {
            let sp = words[j - 1].space_after.map(space_w).unwrap_or(0.0);
            if w + sp + words[j].width <= avail + 0.01 {
                w += sp + words[j].width;
                j += 1;
            } else {
                break;
            }
        }
        ends.push(j);
        naturals.push(w);
        i = j;
    }
    let count = words.len();
    let mut words = words.into_iter();
    let mut start = 0;
    let mut lines = Vec::with_capacity(ends.len());
    for (j, natural) in ends.into_iter().zip(naturals) {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut spaces = 0;
        let mut newline_after = false;
        for k in start..j {
            let Some(word) = words.next() else { break };
            newline_after = word.newline_after;
            for p in word.pieces {
                push_piece(&mut pieces, p);
            }
            if k + 1 < j {
                if let Some(f) = word.space_after {
                    push_piece(&mut pieces, space_piece(f, size));
                    spaces += 1;
                }
            }
        }
        lines.push(RawLine {
            pieces,
            natural,
            spaces,
            last: j == count || newline_after,
        });
        start = j;
    }
    lines
}

fn push_piece(pieces: &mut Vec<Piece>, p: Piece) {
    match pieces.last_mut() {
        Some(last) if last.font == p.font && last.size == p.size => last.glyphs.extend(p.glyphs),
        _ => pieces.push(p),
    }
}

/// Distance from the top of a line box to its baseline.
fn baseline_offset(font: FontId, size: f32) -> f32 {
    let f = fonts::info(font);
    let upem = f.units_per_em as f32;
    let content = (f.ascender as f32 - f.descender as f32) * size / upem;
    (size * LEADING - content) / 2.0 + f.ascender as f32 * size / upem
}

/// Lay out text in a box `width` wide; returns one (height, draws) per line with draws
/// relative to the line's top-left corner.
pub(crate) fn text_lines(
    spans: &[Span],
    family: Family,
    size: f32,
    align: Align,
    width: f32,
    first_indent: f32,
) -> Vec<(f32, TextLine)> {
    let words = tokenize(spans, family, size);
    let lh = size * LEADING;
    let base = baseline_offset(face(family, Style::Regular), size);
    let lines = if align == Align::Center && first_indent == 0.0 {
        let lines = break_lines(words.clone(), width, width, size);
        if lines.len() > 1 {
            // Balance centred headings: the narrowest measure that needs no more lines.
            let n = lines.len();
            let (mut lo, mut hi) = (width / n as f32, width);
            for _ in 0..12 {
                let mid = (lo + hi) / 2.0;
                if break_lines(words.clone(), mid, mid, size).len() > n {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            break_lines(words, hi, hi, size)
        } else {
            lines
        }
    } else {
        break_lines(words, width - first_indent, width, size)
    };
    lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let indent = if n == 0 { first_indent } else { 0.0 };
            let avail = width - indent;
            let (x, extra) = match align {
                Align::Left => (indent, 0.0),
                Align::Center => (indent + (avail - line.natural) / 2.0, 0.0),
                Align::Right => (indent + avail - line.natural, 0.0),
                Align::Justify if !line.last && line.spaces > 0 => {
                    (indent, (avail - line.natural).max(0.0) / line.spaces as f32)
                }
                Align::Justify => (indent, 0.0),
            };
            (
                lh,
                TextLine {
                    x,
                    y: base,
                    pieces: line.pieces.into(),
                    word_extra: extra,
                    gray: 0.0,
                },
            )
        })
        .collect()
}

/// One line of text, unbroken, at (x, baseline y).
pub(crate) fn single_line(
    text: &str,
    font: FontId,
    size: f32,
    x: f32,
    y: f32,
    gray: f32,
) -> TextLine {
    TextLine {
        x,
        y,
        pieces: Rc::new([Piece {
            font,
            size,
            glyphs: fonts::shape(font, text),
        }]),
        word_extra: 0.0,
        gray,
    }
}

/// Turns blocks into chunks for a body `width` points wide.
pub(crate) struct Composer {
    pub width: f32,
    pub country: Country,
    pub chunks: Vec<Rc<Chunk>>,
    pending_break: bool,
}

impl Composer {
    pub fn new(width: f32, country: Country) -> Composer {
        Composer {
            width,
            country,
            chunks: Vec::new(),
            pending_break: false,
        }
    }

    pub(super) fn push(&mut self, mut c: Chunk) {
        if self.pending_break {
            c.break_before = true;
            self.pending_break = false;
        }
        self.chunks.push(Rc::new(c));
    }

    pub(super) fn keep_last_with_next(&mut self) {
        if let Some(last) = self.chunks.last_mut() {
            Rc::make_mut(last).keep_with_next = true;
        }
    }

    pub fn block(&mut self, block: &Block) -> Result<()> {
        match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Heading(text) => self.paragraph(
                &Paragraph::new(vec![Span::bold(text.clone())])
                    .align(Align::Left)
                    .spacing(6.0, 4.0)
                    .keep_with_next(),
            ),
            Block::Title(text) => self.paragraph(
                &Paragraph::new(vec![Span::bold(text.clone())])
                    .align(Align::Center)
                    .size(13.0)
                    .spacing(4.0, 4.0)
                    .keep_with_next(),
            ),
            Block::List {
                kind,
                items,
                indent_mm,
            } => {
                for (n, item) in items.iter().enumerate() {
                    let label = match kind {
                        ListKind::Bullet => "•".to_string(),
                        ListKind::Numbered => format!("{}.", n + 1),
                        ListKind::Lettered => format!("{})", letter(n)),
                    };
                    let mut p = Paragraph::new(item.clone()).spacing(0.0, 3.0);
                    p.indent_mm = indent_mm + 7.0;
                    p.label = Some(Span::regular(label));
                    if n + 1 == items.len() {
                        p.space_after = 6.0;
                    }
                    self.paragraph(&p);
                }
            }
            Block::Table(t) => self.table(t),
            Block::Signatures(s) => self.signatures(s),
            Block::BarChart(c) => self.bar_chart(c),
            Block::LineChart(c) => self.line_chart(c),
            Block::Image {
                data,
                width_mm,
                align,
            } => {
                let image = Rc::new(ImageData::decode(data)?);
                let w = (width_mm * MM).min(self.width);
                let h = w * image.height as f32 / image.width as f32;
                let x = match align {
                    Align::Center => (self.width - w) / 2.0,
                    Align::Right => self.width - w,
                    _ => 0.0,
                };
                self.push(Chunk {
                    height: h,
                    before: 4.0,
                    after: 6.0,
                    draws: vec![Draw::Image {
                        image,
                        x,
                        y: 0.0,
                        w,
                        h,
                    }],
                    ..Chunk::default()
                });
            }
            Block::Qr { code, size_mm } => {
                let side = size_mm * MM;
                let x = (self.width - side) / 2.0;
                let mut draws = qr::draws(code, x, 0.0, side)?;
                let cw = fonts::text_width(FontId::Sans, 8.0, code);
                draws.push(Draw::Text(single_line(
                    code,
                    FontId::Sans,
                    8.0,
                    (self.width - cw) / 2.0,
                    side + 10.0,
                    0.0,
                )));
                self.push(Chunk {
                    height: side + 13.0,
                    before: 6.0,
                    after: 6.0,
                    draws,
                    ..Chunk::default()
                });
            }
            Block::Space(mm) => self.push(Chunk {
                height: mm * MM,
                ..Chunk::default()
            }),
            Block::Rule => self.push(Chunk {
                height: 1.0,
                before: 4.0,
                after: 6.0,
                draws: vec![Draw::Line {
                    x1: 0.0,
                    y1: 0.5,
                    x2: self.width,
                    y2: 0.5,
                    width: 0.5,
                    ink: Ink::Gray(0.3),
                }],
                ..Chunk::default()
            }),
            Block::PageBreak => self.pending_break = true,
        }
        Ok(())
    }

    pub fn paragraph(&mut self, p: &Paragraph) {
        let indent = p.indent_mm * MM;
        let width = self.width - indent;
        let lines = text_lines(
            &p.spans,
            p.family,
            p.size,
            p.align,
            width,
            p.first_line_mm * MM,
        );
        let n = lines.len();
        for (i, (h, mut line)) in lines.into_iter().enumerate() {
            line.x += indent;
            let mut draws = vec![Draw::Text(line.clone())];
            if i == 0 {
                if let Some(label) = &p.label {
                    let font = face(p.family, label.style);
                    let lw = fonts::text_width(font, p.size, &label.text);
                    draws.push(Draw::Text(single_line(
                        &label.text,
                        font,
                        p.size,
                        indent - LABEL_GAP_MM * MM - lw,
                        line.y,
                        0.0,
                    )));
                }
            }
            // No orphan (first line alone at a page's foot) and no widow (last line alone at
            // the head of the next one).
            let keep = (p.keep_together && i + 1 < n)
                || (i == 0 && n > 1)
                || (n > 1 && i + 2 == n)
                || (i + 1 == n && p.keep_with_next);
            self.push(Chunk {
                height: h,
                before: if i == 0 { p.space_before } else { 0.0 },
                after: if i + 1 == n { p.space_after } else { 0.0 },
                keep_with_next: keep,
                draws,
                ..Chunk::default()
            });
        }
    }
}

/// "a", "b", … "z", "aa", …
fn letter(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &TextLine) -> String {
        line.pieces
            .iter()
            .flat_map(|p| p.glyphs.iter().map(|g| g.ch))
            .collect()
    }

    #[test]
    fn lines_fit_and_justify() {
        let text = "Que, el artículo 194° de la Constitución Política del Perú establece que las \
                    municipalidades provinciales y distritales son los órganos de gobierno local \
                    con autonomía política, económica y administrativa en los asuntos de su \
                    competencia.";
        let width = 150.0 * MM;
        let lines = text_lines(
            &[Span::regular(text)],
            Family::Serif,
            11.0,
            Align::Justify,
            width,
            0.0,
        );
        assert!(lines.len() > 1);
        let joined: Vec<String> = lines.iter().map(|(_, l)| text_of(l)).collect();
        assert_eq!(
            joined.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for (i, (_, l)) in lines.iter().enumerate() {
            let natural: f32 = l.pieces.iter().map(Piece::width).sum();
            let spaces = l
                .pieces
                .iter()
                .flat_map(|p| &p.glyphs)
                .filter(|g| g.ch == ' ')
                .count() as f32;
            let full = natural + spaces * l.word_extra;
            assert!(full <= width + 0.1, "line {i} overflows");
            if i + 1 < lines.len() {
                assert!((full - width).abs() < 0.1, "line {i} not justified");
            } else {
                assert_eq!(l.word_extra, 0.0);
            }
        }
    }

    #[test]
    fn letters() {
        assert_eq!(letter(0), "a");
        assert_eq!(letter(25), "z");
        assert_eq!(letter(26), "aa");
    }
}
