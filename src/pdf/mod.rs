//! Printable records: the layouts of norms, certified copies and the Libro de Actas, as pure
//! functions of data, over the PDF engine of the `cabildo-pdf` crate (re-exported here whole, so
//! `crate::pdf::Document`, `crate::pdf::merge`… name the engine's items).
//!
//! A layout builds a [`Document`] (letterhead, running header, footer, blocks) from a record;
//! the engine renders it. The engine knows nothing of norms or actas; what is legal wording or
//! needs `crate::spanish` (numbers and dates in words) lives here.

pub mod certified_copy;
pub mod minutes_book;
pub mod norm;
pub mod sample;

pub use cabildo_pdf::*;
pub use certified_copy::{certification_text, CertifiedCopy, CopiedContent};
pub use minutes_book::{folio_ranges, BookClosing, BookOpening, FolioCounter, FolioRange};
pub use norm::{Article, ArticleStyle, NormDocument};

/// The engine's errors keep their kind, field and message in the core's error.
impl From<cabildo_pdf::Error> for crate::error::Error {
    fn from(e: cabildo_pdf::Error) -> Self {
        match e {
            cabildo_pdf::Error::Validation {
                field: Some(field),
                message,
            } => Self::field(&field, message),
            cabildo_pdf::Error::Validation {
                field: None,
                message,
            } => Self::invalid(message),
            cabildo_pdf::Error::Internal(m) => Self::Internal(m),
        }
    }
}
