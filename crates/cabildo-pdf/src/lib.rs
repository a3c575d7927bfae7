//! The PDF engine of Cabildo, as pure functions of data and with no knowledge of the domain:
//! a caller builds a [`Document`] (letterhead, running header, footer, blocks: text, tables,
//! signatures, charts); the engine lays it out (`layout`, `chart`, `page`), writes each page's
//! content stream (`paint`) and builds the file, PDF/A-2b-ready and deterministic, with
//! printpdf's lopdf 0.31 (`finish`): the same document always renders to the same bytes.
//! It also joins PDF files ([`merge()`]) and lends its fonts to files written elsewhere with
//! lopdf ([`embed`], the signature stamp). Fonts (Liberation Serif and Sans, SIL OFL 1.1) come
//! from the repository's `assets/fonts/`. Decisions: docs/adr/0005-pdf-engine.md.

#![warn(missing_docs)]

mod blocks;
mod chart;
pub mod embed;
pub mod error;
mod finish;
pub mod fonts;
mod image;
mod layout;
pub mod merge;
mod model;
mod page;
mod paint;
mod qr;

pub use chart::{Bar, BarChart, LegendEntry, LineChart, ReferenceLine, Series};
pub use error::{Error, Result};
pub use merge::{merge, merge_with, MergeOptions, MergePart, Merged};
pub use model::{
    Align, Block, Column, Country, DocInfo, Document, Family, Letterhead, ListKind, Margins,
    PageSettings, Paper, Paragraph, Rendered, Rgb, Signatory, SignatureBox, Span, Style, Table,
    BODY_SIZE, LABEL_GAP_MM,
};

/// Identifies the engine in the file's producer string. Bytes are reproducible for a given
/// engine version; a change of layout, fonts or compression library may change them.
pub const PRODUCER: &str = finish::PRODUCER;

/// The PDF document ID (first /ID string of the trailer, hexadecimal) of a record rendered with
/// `record_id`: how a file found on a desk is traced back to its sealed record.
pub fn document_id_hex(record_id: &str) -> String {
    hex::encode(finish::document_id(record_id))
}

impl Document {
    /// Lay out, draw and complete the PDF.
    pub fn render(&self) -> Result<Rendered> {
        let frame = page::Frame::of(self);
        if frame.body_width() < 50.0 * layout::MM || frame.bottom - frame.top < 50.0 * layout::MM {
            return Err(Error::field(
                "margins",
                "Los márgenes no dejan espacio para el texto: el área útil debe medir al menos \
                 5 × 5 cm.",
            ));
        }
        let mut composer = layout::Composer::new(frame.body_width(), self.info.country);
        if let Some(lh) = &self.letterhead {
            composer.letterhead(lh)?;
        }
        for block in &self.blocks {
            composer.block(block)?;
        }
        let pages = page::compose(self, frame, &composer.chunks)?;
        let painted = paint::paint(&pages)?;
        let pdf = finish::finish(painted, &self.info)?;
        Ok(Rendered {
            pdf,
            pages: pages.pages.len() as u32,
            signature_boxes: pages.signature_boxes,
        })
    }
}
