//! Composite blocks: tables (rows never split, header repeated), signature blocks side by side,
//! and the letterhead.

use std::rc::Rc;

use super::image::ImageData;
use super::layout::{text_lines, Chunk, Composer, Draw, Ink, MM};
use super::model::{Align, Family, Letterhead, Signatory, Span, Table};
use crate::error::Result;

impl Composer {
    pub(super) fn table(&mut self, t: &Table) {
        let total: f32 = t
            .columns
            .iter()
            .map(|c| c.width.max(0.0))
            .sum::<f32>()
            .max(1.0);
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.width.max(0.0) / total * self.width)
            .collect();
        let size = if t.size > 0.0 { t.size } else { 9.0 };
        let header_cells: Vec<(Vec<Span>, Align)> = t
            .columns
            .iter()
            .map(|c| (vec![Span::bold(c.header.clone())], Align::Center))
            .collect();
        let header = Rc::new(self.table_row(&widths, &header_cells, size, true));
        let mut first = (*header).clone();
        first.before = 4.0;
        first.keep_with_next = true;
        self.push(first);
        let n = t.rows.len();
        for (i, row) in t.rows.iter().enumerate() {
            let cells: Vec<(Vec<Span>, Align)> = t
                .columns
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    (
                        vec![Span::regular(row.get(k).cloned().unwrap_or_default())],
                        c.align,
                    )
                })
                .collect();
            let mut chunk = self.table_row(&widths, &cells, size, false);
            chunk.repeat_header = Some(header.clone());
            // Never leave a single row at the end of a table on its own page.
            chunk.keep_with_next = n > 1 && i + 2 == n;
            if i + 1 == n {
                chunk.after = 8.0;
            }
            self.push(chunk);
        }
    }

    fn table_row(
        &self,
        widths: &[f32],
        cells: &[(Vec<Span>, Align)],
        size: f32,
        header: bool,
    ) -> Chunk {
        let pad_x = 1.5 * MM;
        let pad_y = 2.0;
        let mut draws = Vec::new();
        let mut height: f32 = 0.0;
        let mut x = 0.0;
        let mut texts = Vec::new();
        for ((spans, align), w) in cells.iter().zip(widths) {
            let lines = text_lines(spans, Family::Sans, size, *align, w - 2.0 * pad_x, 0.0);
            let mut y = pad_y;
            for (lh, mut line) in lines {
                line.x += x + pad_x;
                line.y += y;
                texts.push(Draw::Text(line));
                y += lh;
            }
            height = height.max(y + pad_y);
            x += w;
        }
        if header {
            draws.push(Draw::Rect {
                x: 0.0,
                y: 0.0,
                w: self.width,
                h: height,
                ink: Ink::Gray(0.88),
            });
        }
        draws.extend(texts);
        let line = |x1: f32, y1: f32, x2: f32, y2: f32| Draw::Line {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
            ink: Ink::Gray(0.35),
        };
        if header {
            draws.push(line(0.0, 0.0, self.width, 0.0));
        }
        draws.push(line(0.0, height, self.width, height));
        let mut x = 0.0;
        draws.push(line(0.0, 0.0, 0.0, height));
        for w in widths {
            x += w;
            draws.push(line(x, 0.0, x, height));
        }
        Chunk {
            height,
            draws,
            ..Chunk::default()
        }
    }

    /// Signature blocks: up to four side by side; rows kept together and with the block
    /// before them, so a signature never opens a page on its own.
    pub(super) fn signatures(&mut self, people: &[Signatory]) {
        if people.is_empty() {
            return;
        }
        self.keep_last_with_next();
        let rows = people.len().div_ceil(4);
        let per_row = people.len().div_ceil(rows);
        let n_rows = people.chunks(per_row).count();
        for (r, row) in people.chunks(per_row).enumerate() {
            let mut chunk = self.signature_row(row, per_row);
            chunk.before = if r == 0 { 10.0 } else { 6.0 };
            chunk.after = 8.0;
            chunk.keep_with_next = r + 1 < n_rows;
            self.push(chunk);
        }
    }

    fn signature_row(&self, row: &[Signatory], per_row: usize) -> Chunk {
        let col = self.width / per_row as f32;
        // A lone signature sits in the middle; a short last row is centred too.
        let x0 = (self.width - col * row.len() as f32) / 2.0;
        let sign_space = 20.0 * MM;
        let mut draws = Vec::new();
        let mut slots = Vec::new();
        let mut height: f32 = 0.0;
        for (i, s) in row.iter().enumerate() {
            let cx = x0 + col * i as f32;
            let line_w = (col - 6.0 * MM).min(65.0 * MM);
            slots.push([cx + (col - line_w) / 2.0, 0.0, line_w, sign_space]);
            draws.push(Draw::Line {
                x1: cx + (col - line_w) / 2.0,
                y1: sign_space,
                x2: cx + (col + line_w) / 2.0,
                y2: sign_space,
                width: 0.6,
                ink: Ink::Gray(0.0),
            });
            let mut y = sign_space + 2.0;
            let text_w = col - 4.0 * MM;
            let mut add = |spans: Vec<Span>, size: f32, y: &mut f32| {
                for (lh, mut line) in
                    text_lines(&spans, Family::Serif, size, Align::Center, text_w, 0.0)
                {
                    line.x += cx + 2.0 * MM;
                    line.y += *y;
                    draws.push(Draw::Text(line));
                    *y += lh;
                }
            };
            add(vec![Span::bold(s.name.clone())], 10.0, &mut y);
            add(vec![Span::regular(s.cargo.clone())], 10.0, &mut y);
            if let Some(dni) = &s.dni {
                add(
                    vec![Span::regular(format!("{} {dni}", self.country.id_label()))],
                    9.0,
                    &mut y,
                );
            }
            height = height.max(y);
        }
        Chunk {
            height,
            draws,
            signature_slots: slots,
            ..Chunk::default()
        }
    }

    /// The letterhead: logo on the left, the municipality's name centred in the rest, a double
    /// rule, and the official name of the year in quotes.
    pub fn letterhead(&mut self, lh: &Letterhead) -> Result<()> {
        let mut draws = Vec::new();
        let logo_h = 22.0 * MM;
        let mut text_x = 0.0;
        let mut text_w = self.width;
        if let Some(bytes) = &lh.logo {
            let image = Rc::new(ImageData::decode(bytes)?);
            let mut h = logo_h;
            let mut w = h * image.width as f32 / image.height as f32;
            if w > 40.0 * MM {
                w = 40.0 * MM;
                h = w * image.height as f32 / image.width as f32;
            }
            draws.push(Draw::Image {
                image,
                x: 0.0,
                y: (logo_h - h) / 2.0,
                w,
                h,
            });
            // Keep the name centred on the page while clearing the logo.
            text_x = w + 4.0 * MM;
            text_w = self.width - 2.0 * text_x;
        }
        let mut name_lines = Vec::new();
        for (lh_pt, line) in text_lines(
            &[Span::bold(lh.municipality.to_uppercase())],
            Family::Sans,
            14.0,
            Align::Center,
            text_w,
            0.0,
        ) {
            name_lines.push((lh_pt, line));
        }
        let mut sub_lines = Vec::new();
        if let Some(sub) = &lh.subtitle {
            sub_lines = text_lines(
                &[Span::regular(sub.clone())],
                Family::Sans,
                9.0,
                Align::Center,
                text_w,
                0.0,
            );
        }
        let text_h: f32 = name_lines.iter().chain(&sub_lines).map(|(h, _)| h).sum();
        let block_h = if lh.logo.is_some() {
            logo_h.max(text_h)
        } else {
            text_h
        };
        let mut y = (block_h - text_h) / 2.0;
        for (h, mut line) in name_lines.into_iter().chain(sub_lines) {
            line.x += text_x;
            line.y += y;
            draws.push(Draw::Text(line));
            y += h;
        }
        let rule_y = block_h + 3.0 * MM;
        for (dy, w) in [(0.0, 1.2), (2.0, 0.4)] {
            draws.push(Draw::Line {
                x1: 0.0,
                y1: rule_y + dy,
                x2: self.width,
                y2: rule_y + dy,
                width: w,
                ink: Ink::Gray(0.0),
            });
        }
        let mut height = rule_y + 3.0;
        if let Some(year) = &lh.year_name {
            let quoted = format!("“{}”", year.trim().trim_matches(['"', '“', '”']));
            let mut y = height + 3.0;
            for (h, mut line) in text_lines(
                &[Span::italic(quoted)],
                Family::Serif,
                9.5,
                Align::Center,
                self.width,
                0.0,
            ) {
                line.y += y;
                draws.push(Draw::Text(line));
                y += h;
            }
            height = y;
        }
        self.push(Chunk {
            height,
            after: 14.0,
            keep_with_next: true,
            draws,
            ..Chunk::default()
        });
        Ok(())
    }
}
