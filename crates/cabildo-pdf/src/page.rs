//! Pagination and page furniture. Chunks are placed greedily; chains of keep-with-next chunks
//! move to the next page as a whole (orphans, widows, headings, the closing formula with its
//! signatures); a table row that opens a page brings its header row. Once the page count is
//! known, every page gets its running header, folio and footer ("Página X de Y", verification
//! code and QR).

use std::rc::Rc;

use super::fonts::{self, FontId};
use super::layout::{single_line, Chunk, Draw, Ink, MM};
use super::model::{Document, SignatureBox};
use super::qr;
use crate::error::Result;

/// The geometry of a page, in points, y growing downwards from the top edge.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Side of the QR code in the footer, mm.
const FOOTER_QR_MM: f32 = 16.0;

impl Frame {
    pub fn of(doc: &Document) -> Frame {
        let (w, h) = doc.settings.paper.size_mm();
        let m = doc.settings.margins;
        // The footer needs room for its QR code; the running header for one line and a rule.
        let bottom_mm = if doc.verification_code.is_some() {
            m.bottom_mm.max(FOOTER_QR_MM + 10.0)
        } else {
            m.bottom_mm.max(15.0)
        };
        let top_mm = m.top_mm.max(15.0);
        Frame {
            width: w * MM,
            height: h * MM,
            left: m.left_mm * MM,
            right: (w - m.right_mm) * MM,
            top: top_mm * MM,
            bottom: (h - bottom_mm) * MM,
        }
    }

    pub fn body_width(&self) -> f32 {
        self.right - self.left
    }
}

/// A chunk placed at a distance from the top of the body.
struct Placed {
    chunk: Rc<Chunk>,
    y: f32,
}

struct Pager {
    pages: Vec<Vec<Placed>>,
    y: f32,
    prev_after: f32,
    /// Something other than a repeated table header is on the current page.
    has_content: bool,
    top: f32,
}

impl Pager {
    fn gap(&self, c: &Chunk) -> f32 {
        if self.pages.last().is_none_or(|p| p.is_empty()) {
            0.0
        } else {
            self.prev_after.max(c.before)
        }
    }

    fn place(&mut self, c: &Rc<Chunk>, content: bool) {
        self.y += self.gap(c);
        let page = self.pages.last_mut().expect("a page");
        page.push(Placed {
            chunk: c.clone(),
            y: self.y,
        });
        self.y += c.height;
        self.prev_after = c.after;
        self.has_content |= content;
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
        self.prev_after = 0.0;
        self.has_content = false;
    }
}

fn paginate(chunks: &[Rc<Chunk>], top: f32, bottom: f32) -> Vec<Vec<Placed>> {
    let mut p = Pager {
        pages: vec![Vec::new()],
        y: top,
        prev_after: 0.0,
        has_content: false,
        top,
    };
    let fits = |p: &Pager, group: &[Rc<Chunk>]| {
        let mut y = p.y;
        let mut after = p.prev_after;
        let mut empty = p.pages.last().is_none_or(|pg| pg.is_empty());
        for c in group {
            y += if empty { 0.0 } else { after.max(c.before) } + c.height;
            after = c.after;
            empty = false;
        }
        y <= bottom + 0.01
    };
    let mut i = 0;
    while i < chunks.len() {
        let c = &chunks[i];
        if c.break_before && p.has_content {
            p.new_page();
        }
        if !p.has_content {
            if let Some(h) = &chunks[i].repeat_header {
                if p.pages.last().is_some_and(|pg| pg.is_empty()) {
                    p.place(h, false);
                }
            }
        }
        let mut j = i;
        while chunks[j].keep_with_next && j + 1 < chunks.len() && !chunks[j + 1].break_before {
            j += 1;
        }
        if fits(&p, &chunks[i..=j]) {
            for c in &chunks[i..=j] {
                p.place(c, true);
            }
            i = j + 1;
        } else if p.has_content {
            p.new_page();
        } else {
            // Taller than a page even on its own: fill this page chunk by chunk.
            p.place(&chunks[i], true);
            i += 1;
            while i < chunks.len()
                && !chunks[i].break_before
                && fits(&p, std::slice::from_ref(&chunks[i]))
            {
                p.place(&chunks[i], true);
                i += 1;
            }
            if i < chunks.len() {
                p.new_page();
            }
        }
    }
    p.pages
}

/// Every page's drawings in page coordinates.
pub(crate) struct Pages {
    pub frame: Frame,
    pub pages: Vec<Vec<Draw>>,
    pub signature_boxes: Vec<SignatureBox>,
}

/// Place the chunks on pages and add the running header, folio and footer.
pub(crate) fn compose(doc: &Document, frame: Frame, chunks: &[Rc<Chunk>]) -> Result<Pages> {
    let placed = paginate(chunks, frame.top, frame.bottom);
    let total = placed.len();
    let mut pages = Vec::with_capacity(total);
    let mut boxes = Vec::new();
    // The footer's QR code is the same on every page: encoded once.
    let qr = match &doc.verification_code {
        Some(code) => {
            let foot_top = frame.bottom + 4.0 * MM;
            qr::draws(code, frame.left, foot_top + 2.0 * MM, FOOTER_QR_MM * MM)?
        }
        None => Vec::new(),
    };
    for (n, page) in placed.into_iter().enumerate() {
        let mut draws = Vec::new();
        for pl in page {
            for d in &pl.chunk.draws {
                draws.push(d.offset(frame.left, pl.y));
            }
            for [x, y, w, h] in &pl.chunk.signature_slots {
                boxes.push(SignatureBox {
                    page: n as u32 + 1,
                    x: frame.left + x,
                    y: frame.height - (pl.y + y + h),
                    width: *w,
                    height: *h,
                });
            }
        }
        furniture(doc, &frame, n + 1, total, &qr, &mut draws);
        pages.push(draws);
    }
    Ok(Pages {
        frame,
        pages,
        signature_boxes: boxes,
    })
}

fn right_aligned(text: &str, font: FontId, size: f32, right: f32, y: f32, gray: f32) -> Draw {
    let w = fonts::text_width(font, size, text);
    Draw::Text(single_line(text, font, size, right - w, y, gray))
}

/// Cut text to fit a width, with an ellipsis.
pub(crate) fn fit(text: &str, font: FontId, size: f32, width: f32) -> String {
    if fonts::text_width(font, size, text) <= width {
        return text.to_string();
    }
    let mut s: String = text.to_string();
    while !s.is_empty() && fonts::text_width(font, size, &format!("{s}…")) > width {
        s.pop();
    }
    format!("{}…", s.trim_end())
}

fn furniture(
    doc: &Document,
    f: &Frame,
    page: usize,
    total: usize,
    qr: &[Draw],
    draws: &mut Vec<Draw>,
) {
    let size = 7.5;
    if let Some(start) = doc.folio_start {
        let folio = format!("Folio N° {}", start as usize + page - 1);
        draws.push(right_aligned(
            &folio,
            FontId::SansBold,
            10.0,
            f.right,
            10.0 * MM,
            0.0,
        ));
    }
    let first_with_letterhead = page == 1 && doc.letterhead.is_some();
    if let (Some((left, right)), false) = (&doc.running_header, first_with_letterhead) {
        let y = f.top - 6.0 * MM;
        let rw = fonts::text_width(FontId::SansBold, size, right);
        let left = fit(left, FontId::Sans, size, f.body_width() - rw - 6.0 * MM);
        draws.push(Draw::Text(single_line(
            &left,
            FontId::Sans,
            size,
            f.left,
            y,
            0.3,
        )));
        draws.push(right_aligned(
            right,
            FontId::SansBold,
            size,
            f.right,
            y,
            0.0,
        ));
        draws.push(Draw::Line {
            x1: f.left,
            y1: y + 2.5 * MM,
            x2: f.right,
            y2: y + 2.5 * MM,
            width: 0.4,
            ink: Ink::Gray(0.4),
        });
    }
    let foot_top = f.bottom + 4.0 * MM;
    draws.push(Draw::Line {
        x1: f.left,
        y1: foot_top,
        x2: f.right,
        y2: foot_top,
        width: 0.4,
        ink: Ink::Gray(0.4),
    });
    let (page, total) = match doc.page_numbers {
        Some((first, t)) => (page + first as usize - 1, t as usize),
        None => (page, total),
    };
    let page_label = format!("Página {page} de {total}");
    let text_y = foot_top + 4.5 * MM;
    draws.push(right_aligned(
        &page_label,
        FontId::Sans,
        8.0,
        f.right,
        text_y,
        0.0,
    ));
    if let Some(code) = &doc.verification_code {
        let side = FOOTER_QR_MM * MM;
        draws.extend_from_slice(qr);
        let x = f.left + side + 3.0 * MM;
        draws.push(Draw::Text(single_line(
            &format!("Código de verificación: {code}"),
            FontId::SansBold,
            size,
            x,
            text_y,
            0.0,
        )));
        draws.push(Draw::Text(single_line(
            "Documento generado por Cabildo. Verifique su autenticidad con este código",
            FontId::Sans,
            size,
            x,
            text_y + 3.6 * MM,
            0.3,
        )));
        draws.push(Draw::Text(single_line(
            "ante la Secretaría de la municipalidad.",
            FontId::Sans,
            size,
            x,
            text_y + 6.8 * MM,
            0.3,
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(h: f32, keep: bool) -> Rc<Chunk> {
        Rc::new(Chunk {
            height: h,
            keep_with_next: keep,
            ..Chunk::default()
        })
    }

    #[test]
    fn keep_chains_move_together() {
        // 9 lines of 10 fit a 95-point page; the 9th is chained to the 10th.
        let mut chunks: Vec<Rc<Chunk>> = (0..8).map(|_| chunk(10.0, false)).collect();
        chunks.push(chunk(10.0, true));
        chunks.push(chunk(10.0, false));
        let pages = paginate(&chunks, 0.0, 95.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 8);
        assert_eq!(pages[1].len(), 2);
    }

    #[test]
    fn table_header_repeats_on_the_next_page() {
        let header = chunk(10.0, true);
        let mut chunks = vec![header.clone()];
        for _ in 0..15 {
            chunks.push(Rc::new(Chunk {
                height: 10.0,
                repeat_header: Some(header.clone()),
                ..Chunk::default()
            }));
        }
        let pages = paginate(&chunks, 0.0, 100.0);
        assert_eq!(pages.len(), 2);
        assert!(Rc::ptr_eq(&pages[1][0].chunk, &header));
        assert_eq!(pages[0].len() + pages[1].len(), 17);
    }

    #[test]
    fn an_overlong_chain_still_advances() {
        let chunks: Vec<Rc<Chunk>> = (0..30).map(|i| chunk(10.0, i < 29)).collect();
        let pages = paginate(&chunks, 0.0, 100.0);
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 30);
        assert!(pages.len() >= 3);
    }
}
