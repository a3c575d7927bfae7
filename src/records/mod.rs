//! Printable records: the registry of printable kinds, their seals, digital signatures,
//! history and verification, the trusted roots and the print settings. `records` knows no
//! area: norms, certified copies, actas… register their kinds ([`registry::PrintableKinds`]).
//!
//! A record is a draft until it is sealed. Sealing freezes everything the printed page shows
//! (text, number, letterhead, paper) as canonical JSON in `record_seal`, with its SHA-256 digest,
//! a short verification code printed on every page and the PDF document ID; triggers refuse any
//! change to a sealed row. Printing a sealed record renders that frozen content, so it always
//! gives the same bytes. Signing stores each signed PDF content-addressed and links it to the
//! record. Decisions: docs/adr/0006-records.md.

pub(crate) mod demo;
pub mod export;
pub mod history;
pub mod layout;
pub mod registry;
pub(crate) mod seal;
pub mod settings;
pub mod signing;
pub mod trust;
pub mod verification;

pub(crate) use export::write_atomically;
pub use export::{
    deliver, edition, export, pdf, Edition, Exported, PdfFile, RecordExport, SheetFile, SignerBlock,
};
pub(crate) use history::event;
pub use history::{history, RecordEvent};
pub use registry::{
    file_name, list, print_kinds, render, Printable, PrintableKinds, PrintablePage, RecordList,
    RecordPdf, RecordRef,
};
pub use seal::{canonical_json, verification_code, Seal};
pub(crate) use signing::signatures_of;
pub use signing::{sign, signatures, stamp_placements, RecordSign, SignatureRow};
pub use verification::{verify, verify_bytes, RecordVerify, SealCheck, VerifyReport};
