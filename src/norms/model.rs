//! The norm as it crosses the boundary: its kind, what the editor sends, what the lists and
//! the editor get back, the params of each method, and the frozen content of a sealed norm.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

use crate::records::settings::Frame;
use crate::records::{Seal, SignatureRow};

/// Kind of a norm; also its printable kind. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum NormKind {
    /// Ordenanza municipal: the council's general rule.
    Ordenanza,
    /// Decreto de alcaldía (Peru) / decreto alcaldicio (Chile).
    Decreto,
    /// Resolución (de alcaldía, de concejo, de gerencia).
    Resolucion,
    /// Acuerdo de concejo.
    Acuerdo,
}

impl NormKind {
    /// Every kind, in the order `cabildo print` lists them.
    pub const ALL: [NormKind; 4] = [
        NormKind::Ordenanza,
        NormKind::Decreto,
        NormKind::Resolucion,
        NormKind::Acuerdo,
    ];

    /// The stored code and printable kind (`ordenanza`, `resolucion`…).
    pub fn as_str(self) -> &'static str {
        match self {
            NormKind::Ordenanza => "ordenanza",
            NormKind::Decreto => "decreto",
            NormKind::Resolucion => "resolucion",
            NormKind::Acuerdo => "acuerdo",
        }
    }

    /// The definite article of the kind's noun: "la ORDENANZA", "el DECRETO", "la RESOLUCIÓN",
    /// "el ACUERDO".
    pub fn article(self) -> &'static str {
        match self {
            NormKind::Ordenanza | NormKind::Resolucion => "la",
            NormKind::Decreto | NormKind::Acuerdo => "el",
        }
    }

    /// The kind named by its code.
    pub fn from_code(code: &str) -> Option<NormKind> {
        NormKind::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// The norm kind a numbering series serves: `ordenanza`, `decreto`, `acuerdo`, and every
    /// `resolucion-*` series (alcaldía, concejo, gerencia) as `resolucion`.
    pub fn of_series(code: &str) -> Option<NormKind> {
        NormKind::ALL.into_iter().find(|k| {
            code == k.as_str()
                || code
                    .strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
        })
    }
}

/// Whether an imported norm's words can be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum NormTextStatus {
    /// `with_text`: its original's text is in the search index.
    WithText,
    /// `scanned`: its original has no text layer (a scan); found by its data, not its content.
    Scanned,
    /// `no_file`: registered from the spreadsheet's row alone.
    NoFile,
}

/// What a norm brought in from the municipality's history has instead of a seal.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormImported {
    /// Whether its words can be searched.
    pub text_status: NormTextStatus,
    /// Its original file, when it has one.
    pub document: Option<NormOriginal>,
    /// When it was published, if the spreadsheet said.
    pub published_on: Option<String>,
    /// When it was registered (RFC 3339).
    pub registered_at: String,
}

/// The original file of an imported norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormOriginal {
    /// Its name as it was in the municipality's folder.
    pub name: String,
    /// `application/pdf` or the Word type.
    pub mime: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 (its name in the files store).
    pub sha256: String,
}

/// Params of `norm.document`: the original file of an imported norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormDocumentParams {
    /// The norm.
    pub id: i64,
    /// Where to write a copy of it (chosen in «Guardar como…»); absent: the bytes come back in
    /// base64 (to open it, for the CLI and tests).
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

/// Result of `norm.document`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormDocumentFile {
    /// The file.
    pub document: NormOriginal,
    /// The copy written, when a `path` was given.
    pub path: Option<String>,
    /// The bytes in base64, when no `path` was given.
    pub bytes_base64: Option<String>,
}

/// An article as typed in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    /// Heading after the number ("Objeto"), optional.
    pub title: Option<String>,
    /// Text of the article.
    pub text: String,
    /// Literales a), b), … under the text.
    #[serde(default)]
    pub items: Vec<String>,
}

/// A person who signs the norm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct SignatoryInput {
    /// Full name.
    pub name: String,
    /// Cargo ("Alcalde", "Secretario General").
    pub cargo: String,
    /// DNI (Peru) or RUN (Chile), optional.
    pub dni: Option<String>,
}

/// What the editor sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormInput {
    /// Numbering series code (`ordenanza`, `decreto`, `resolucion-alcaldia`, `acuerdo`…).
    pub series: String,
    /// Kind of the session that adopted it (`ordinaria`, `extraordinaria`, `solemne`), for
    /// series whose number carries it (acuerdos: "…-SO-CM/…").
    #[serde(default)]
    pub session_kind: Option<String>,
    /// Date of the norm (YYYY-MM-DD).
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// What it is about ("Ordenanza que aprueba el Reglamento de …").
    pub title: String,
    /// Lines before the vistos ("EL ALCALDE DE … POR CUANTO:"), optional.
    pub issuer: Option<String>,
    /// Vistos, one per paragraph.
    #[serde(default)]
    pub vistos: Vec<String>,
    /// Considerandos, one per paragraph.
    #[serde(default)]
    pub considerandos: Vec<String>,
    /// Legal basis before the operative part, optional.
    pub preamble: Option<String>,
    /// "SE RESUELVE:", "HA DADO LA ORDENANZA SIGUIENTE:"…
    pub operative_heading: String,
    /// Articles, numbered from 1.
    #[serde(default)]
    pub articles: Vec<ArticleInput>,
    /// Closing formula ("Regístrese, comuníquese, publíquese y cúmplase.").
    pub closing_formula: String,
    /// Who signs, 1 to 4.
    #[serde(default)]
    pub signatories: Vec<SignatoryInput>,
}

/// Params of `norm.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormUpdate {
    /// The draft.
    pub id: i64,
    /// Its new content.
    pub norm: NormInput,
}

/// A norm and what hangs from it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Norm {
    /// Id.
    pub id: i64,
    /// Its kind (also its printable kind).
    pub kind: NormKind,
    /// The content.
    pub norm: NormInput,
    /// "ORDENANZA N° 007-2026-MDSRQ" once sealed.
    pub identifier: Option<String>,
    /// The identifier the next number of its series would give on its date (drafts).
    pub next_identifier: Option<String>,
    /// The seal, once sealed.
    pub seal: Option<Seal>,
    /// Digital signatures, in order.
    pub signatures: Vec<SignatureRow>,
    /// The norm this one corrects.
    pub corrects: Option<NormLink>,
    /// Why it corrects it.
    pub correction_reason: Option<String>,
    /// Norms that correct this one.
    pub corrected_by: Vec<NormLink>,
    /// Brought in from the municipality's history (no seal of Cabildo): its original and
    /// whether its text is searchable.
    pub imported: Option<NormImported>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last saved (RFC 3339).
    pub updated_at: String,
}

/// A reference to another norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormLink {
    /// Id.
    pub id: i64,
    /// Identifier, when sealed.
    pub identifier: Option<String>,
    /// Title.
    pub title: String,
}

/// A line of the norms list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct NormSummary {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: NormKind,
    /// Series code.
    pub series: String,
    /// Date.
    pub date: String,
    /// Title.
    pub title: String,
    /// Identifier, when sealed.
    pub identifier: Option<String>,
    /// When sealed.
    pub sealed_at: Option<String>,
    /// Verification code, when sealed.
    pub verification_code: Option<String>,
    /// Digital signatures.
    pub signatures: i64,
    /// Id of the norm it corrects.
    pub corrects_id: Option<i64>,
    /// Brought in from the history: whether its text is searchable (null: a norm of Cabildo).
    pub text_status: Option<NormTextStatus>,
}

/// Params of `norm.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormList {
    /// Only this kind.
    #[serde(default)]
    pub kind: Option<NormKind>,
    /// `borrador` or `sellada` (imported ones included); `importada` (brought in from the
    /// history), `escaneada` (imported without text: not found by its content).
    #[serde(default)]
    pub status: Option<String>,
    /// Words of its text, title or identifier (see `search.find`); none: newest first.
    #[serde(default)]
    pub query: Option<String>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    pub after: Option<String>,
    /// Page size (default 50, at most 200).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A page of `norm.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormPage {
    /// The norms: newest first, or best first when searching.
    pub rows: Vec<NormSummary>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// Params naming one norm.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormId {
    /// Id.
    pub id: i64,
}

/// Params of `norm.correct`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormCorrect {
    /// The sealed norm to correct.
    pub id: i64,
    /// What is wrong with it.
    pub reason: String,
}

/// Params of `norm.template`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormTemplateParams {
    /// Series code.
    pub series: String,
    /// Date (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
}

/// The customary wording of a new norm of a series, for the editor to start from.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormTemplate {
    /// Kind.
    pub kind: NormKind,
    /// "ORDENANZA MUNICIPAL", "RESOLUCIÓN DE ALCALDÍA"…
    pub kind_label: String,
    /// A draft filled with the customary formulas and the current signatories.
    pub norm: NormInput,
    /// The identifier the next number would give.
    pub next_identifier: String,
}

/// The frozen content of a sealed norm: everything its printed pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SealedNorm {
    /// Version of this layout.
    pub format: u32,
    /// Kind.
    pub kind: NormKind,
    /// "ORDENANZA MUNICIPAL"…
    pub kind_label: String,
    /// Its number.
    pub identifier: String,
    /// "Corrige …", when it corrects another norm.
    pub note: Option<String>,
    /// The content.
    pub norm: NormInput,
    /// Letterhead and paper.
    pub frame: Frame,
}
