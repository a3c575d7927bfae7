//! Management instruments (instrumentos de gestión, ADR 0017): the ROF, the MPP, the TUPA, the
//! PEI… of a Peruvian municipality, the PLADECO or the reglamento de organización interna of a
//! Chilean one. The kinds are data per country (`instrument_type`, seeded in migration 0024
//! with their legal source and the norm that approves them). Each instrument is a document with
//! its versions in date order; each version names the norm that approved it (a sealed norm of
//! the registry, or a reference as written for one that is not in it), optionally the norm
//! that ratified it (a district TUPA's provincial acuerdo), its status and its file. At most
//! one version is vigente: approving a later one makes the previous one derogado, replaced by
//! it, in the same transaction.

pub(crate) mod demo;
mod store;
mod versions;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};

pub use versions::{
    file, version_add, version_remove, version_update, InstrumentFile, InstrumentFileGet,
    InstrumentVersion, InstrumentVersionAdd, InstrumentVersionFile, InstrumentVersionUpdate,
};

/// The status of a version, and of an instrument (that of its vigente version; else en
/// elaboración while a version is being written or none exists; else derogado).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum InstrumentStatus {
    /// Being written: not approved yet.
    EnElaboracion,
    /// Approved and in force.
    Vigente,
    /// No longer in force (repealed, or replaced by a later version).
    Derogado,
}

impl InstrumentStatus {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            InstrumentStatus::EnElaboracion => "en_elaboracion",
            InstrumentStatus::Vigente => "vigente",
            InstrumentStatus::Derogado => "derogado",
        }
    }

    /// As a person reads it of a version ("vigente").
    pub fn label(self) -> &'static str {
        match self {
            InstrumentStatus::EnElaboracion => "en elaboración",
            InstrumentStatus::Vigente => "vigente",
            InstrumentStatus::Derogado => "derogada",
        }
    }
}

/// A kind of instrument of the municipality's country.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct InstrumentType {
    /// Code (`rof`, `tupa`, `pladeco`).
    pub code: String,
    /// "ROF", "TUPA", "PLADECO".
    pub abbreviation: String,
    /// "Reglamento de Organización y Funciones".
    pub name: String,
    /// Which norm approves it, as a person reads it ("Ordenanza municipal").
    pub approved_by: String,
    /// The kind of norm that usually approves it (`ordenanza`, `decreto`, `resolucion`,
    /// `acuerdo`), when there is one.
    pub norm_kind: Option<String>,
    /// What confirms the approval outside the municipality, when the law asks for it (a
    /// district TUPA: the provincial council's acuerdo of ratification).
    pub ratification: Option<String>,
    /// The law that governs it.
    pub legal_source: String,
    /// How sure the source is: `V` read in the legal text, `S` secondary, `U` unverified.
    pub mark: String,
}

/// `instrument.type.list`: the kinds of instrument of the municipality's country, in order.
pub async fn type_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<InstrumentType>> {
    let country = crate::municipality::country(conn).await?;
    store::types(conn, &country).await
}

/// The kind `code` of the municipality's country, or a Spanish error at `type_code`.
async fn known_type(
    conn: &mut SqliteConnection,
    country: &str,
    code: &str,
) -> Result<InstrumentType> {
    let code = code.trim();
    if code.is_empty() {
        return Err(Error::field("type_code", "Elija el tipo de instrumento."));
    }
    match store::instrument_type(conn, country, code).await? {
        Some(t) => Ok(t),
        None => {
            let known: Vec<String> = store::types(conn, country)
                .await?
                .into_iter()
                .map(|t| t.abbreviation)
                .collect();
            Err(Error::field(
                "type_code",
                format!(
                    "Tipo de instrumento desconocido «{code}». Elija uno de: {}.",
                    known.join(", ")
                ),
            ))
        }
    }
}

/// The keyset position of a line of the list: the kind's place, the folded title, the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentCursor {
    /// Place of the instrument's kind in its country's list.
    pub position: i64,
    /// Its title folded (no accents, lower case).
    pub title: String,
    /// Its id.
    pub id: i64,
}

/// Params of `instrument.list`: a page of instruments in the order of their kind, then by
/// title.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentList {
    /// Only this kind (`rof`).
    #[serde(default)]
    #[ts(optional)]
    pub type_code: Option<String>,
    /// Only instruments with this status.
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<InstrumentStatus>,
    /// Words in the title or the kind's abbreviation (accents and case do not matter).
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
    /// Instruments after this one (the `next` of the previous page); none for the first page.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<InstrumentCursor>,
    /// Page size (1 to 200, default 50).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A line of the instruments list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstrumentSummary {
    /// Id.
    pub id: i64,
    /// Code of its kind.
    pub type_code: String,
    /// "ROF".
    pub abbreviation: String,
    /// "Reglamento de Organización y Funciones".
    pub type_name: String,
    /// Title.
    pub title: String,
    /// Status (that of its vigente version, else en elaboración or derogado).
    pub status: InstrumentStatus,
    /// How many versions it has.
    pub versions: i64,
    /// Number of the vigente version.
    pub current_number: Option<i64>,
    /// Label of the vigente version.
    pub current_label: Option<String>,
    /// Date of the vigente version.
    pub current_date: Option<String>,
}

/// A page of `instrument.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstrumentPage {
    /// The instruments of this page.
    pub rows: Vec<InstrumentSummary>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<InstrumentCursor>,
    /// Instruments matching the filters, over all pages.
    pub total: i64,
}

/// `instrument.list`: a page of instruments, filtered and sorted in the core.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: InstrumentList,
) -> Result<InstrumentPage> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(Error::field(
            "limit",
            "Pida de 1 a 200 instrumentos por página.",
        ));
    }
    let country = crate::municipality::country(conn).await?;
    let type_code = match p.type_code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => Some(known_type(conn, &country, code).await?.code),
        _ => None,
    };
    let filter = store::Filter {
        country,
        type_code,
        status: p.status,
        words: p
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(crate::spanish::fold)
            .collect(),
    };
    let mut rows = store::page(conn, &filter, p.after.as_ref(), limit + 1).await?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| InstrumentCursor {
            position: r.position,
            title: r.sort_title.clone(),
            id: r.id,
        })
    } else {
        None
    };
    let total = store::count(conn, &filter).await?;
    Ok(InstrumentPage {
        rows: rows
            .into_iter()
            .map(|r| InstrumentSummary {
                id: r.id,
                type_code: r.type_code,
                abbreviation: r.abbreviation,
                type_name: r.type_name,
                title: r.title,
                status: r.status,
                versions: r.versions,
                current_number: r.current_number,
                current_label: r.current_label,
                current_date: r.current_date,
            })
            .collect(),
        next,
        total,
    })
}

/// An instrument with its versions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Instrument {
    /// Id.
    pub id: i64,
    /// Its kind.
    pub instrument_type: InstrumentType,
    /// Title ("Reglamento de Organización y Funciones de la Municipalidad Distrital de …").
    pub title: String,
    /// Notes.
    pub notes: Option<String>,
    /// Status (that of its vigente version, else en elaboración or derogado).
    pub status: InstrumentStatus,
    /// Its versions, oldest first: the chain of norms that approved, ratified and adapted it.
    pub versions: Vec<InstrumentVersion>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

/// The whole instrument `id`.
pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Instrument> {
    let row = store::instrument(conn, id).await?;
    let instrument_type = store::instrument_type(conn, &row.country, &row.type_code)
        .await?
        .ok_or_else(|| Error::Internal(format!("tipo de instrumento {}", row.type_code)))?;
    let status = store::status(conn, id).await?;
    let versions = versions::of(conn, id).await?;
    Ok(Instrument {
        id,
        instrument_type,
        title: row.title,
        notes: row.notes,
        status,
        versions,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// `instrument.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Instrument> {
    load(conn, p.id).await
}

/// Params of `instrument.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentCreate {
    /// Code of its kind (`rof`, `tupa`, `pladeco`).
    pub type_code: String,
    /// Title.
    pub title: String,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Params of `instrument.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentUpdate {
    /// The instrument.
    pub id: i64,
    /// Code of its kind.
    pub type_code: String,
    /// Title.
    pub title: String,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

fn clean_title(title: &str) -> Result<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(Error::field("title", "Escriba el título del instrumento."));
    }
    if t.chars().count() > 300 {
        return Err(Error::field(
            "title",
            "El título es demasiado largo: use 300 caracteres como máximo.",
        ));
    }
    Ok(t)
}

/// Text typed in an optional field, trimmed; none when empty.
fn optional(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `instrument.create`: a new instrument, without versions yet.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: InstrumentCreate,
) -> Result<Instrument> {
    let country = crate::municipality::country(conn).await?;
    let title = clean_title(&p.title)?;
    let t = known_type(conn, &country, &p.type_code).await?;
    let id = store::insert(
        conn,
        &country,
        &t.code,
        &title,
        &crate::spanish::fold(&title),
        optional(p.notes.as_deref()).as_deref(),
        &ctx.stamp(),
    )
    .await?;
    load(conn, id).await
}

/// `instrument.update`: change an instrument's kind, title or notes.
pub async fn update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: InstrumentUpdate,
) -> Result<Instrument> {
    let row = store::instrument(conn, p.id).await?;
    let title = clean_title(&p.title)?;
    let t = known_type(conn, &row.country, &p.type_code).await?;
    store::update(
        conn,
        p.id,
        &t.code,
        &title,
        &crate::spanish::fold(&title),
        optional(p.notes.as_deref()).as_deref(),
        &ctx.stamp(),
    )
    .await?;
    load(conn, p.id).await
}

/// How many instruments there are.
pub(crate) async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    store::instrument_count(conn).await
}
