//! Norms: ordenanza, decreto, resolución, acuerdo. A draft is written and corrected freely in
//! the editor; sealing numbers it from its series (in the same transaction), freezes its
//! content and makes it printable as the official record. A sealed norm never changes: a
//! correction is a new norm that points to the one it corrects.

pub(crate) mod demo;
pub mod import;
mod lifecycle;
mod model;
mod original;
mod printable;
pub mod published;
mod registry;
mod render;
mod store;
mod templates;
mod validation;
pub mod validity;

pub use crate::municipality::place_name;
pub use lifecycle::{correct, create, delete, get, list, load, seal_norm, update};
pub use model::{
    ArticleInput, Norm, NormCorrect, NormDocumentFile, NormDocumentParams, NormId, NormImported,
    NormInput, NormKind, NormLink, NormList, NormOriginal, NormPage, NormSummary, NormTemplate,
    NormTemplateParams, NormTextStatus, NormUpdate, SignatoryInput,
};
pub use original::{document, original_pdf, OriginalPdf};
pub use printable::PRINTABLE;
pub use registry::search;
pub(crate) use render::{copy_text, render as render_pdf};
pub(crate) use store::count;
pub use store::identifier_of;
pub(crate) use templates::{alcalde, secretary};
pub use templates::{kind_label, template};

/// Kind of norms in seals, signatures and history.
pub const RECORD_KIND: &str = "norma";
