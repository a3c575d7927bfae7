//! The versions of an instrument: added in date order, each with the norm that approved it
//! and, when the law asks for it, the one that ratified it; one vigente at a time (approving a
//! later version makes the previous one derogado in the same transaction); the file of each,
//! stored content-addressed once the request commits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::store::{self, VersionRow, VersionValues};
use super::{load, optional, Instrument, InstrumentStatus};
use crate::context::{Ctx, IdParam};
use crate::dates::dmy;
use crate::error::{Error, Result};
use crate::files;

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file of a version.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstrumentVersionFile {
    /// File name as it was chosen.
    pub name: String,
    /// SHA-256 in the file store.
    pub sha256: String,
    /// MIME type (PDF, Word or Excel).
    pub mime: String,
    /// Size in bytes.
    pub size: i64,
}

/// A version of an instrument.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstrumentVersion {
    /// Id.
    pub id: i64,
    /// Its number within the instrument (1, 2…), in date order.
    pub number: i64,
    /// Its own name, if it has one ("TUO 2024", "Adecuación por simplificación").
    pub label: Option<String>,
    /// Date of its approval (of the draft, while en elaboración).
    pub date: String,
    /// Status.
    pub status: InstrumentStatus,
    /// The registry's norm that approved it.
    pub norm_id: Option<i64>,
    /// That norm's identifier ("ORDENANZA N° 012-2024-MDSRQ").
    pub norm_identifier: Option<String>,
    /// The approving norm as written, when it is not in the registry.
    pub norm_text: Option<String>,
    /// The registry's norm that ratified it (a provincial acuerdo, when it is registered).
    pub ratified_by_id: Option<i64>,
    /// That norm's identifier.
    pub ratified_by_identifier: Option<String>,
    /// The ratifying norm as written, when it is not in the registry.
    pub ratified_by_text: Option<String>,
    /// The version that replaced it, when a later one was approved.
    pub superseded_by: Option<i64>,
    /// That version's number.
    pub superseded_by_number: Option<i64>,
    /// Its file.
    pub file: Option<InstrumentVersionFile>,
    /// Notes.
    pub notes: Option<String>,
}

/// The versions of instrument `id`, oldest first, with their norms' identifiers.
pub(super) async fn of(conn: &mut SqliteConnection, id: i64) -> Result<Vec<InstrumentVersion>> {
    let rows = store::versions(conn, id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let norm_identifier = match r.norm_id {
            Some(n) => crate::norms::identifier_of(conn, n).await?,
            None => None,
        };
        let ratified_by_identifier = match r.ratified_by_id {
            Some(n) => crate::norms::identifier_of(conn, n).await?,
            None => None,
        };
        let superseded_by_number = r
            .superseded_by
            .and_then(|s| rows.iter().find(|o| o.id == s))
            .map(|o| o.number);
        let file = match (&r.file_sha256, &r.file_name) {
            (Some(sha), Some(name)) => Some(InstrumentVersionFile {
                name: name.clone(),
                sha256: sha.clone(),
                mime: r.file_mime.clone().unwrap_or_default(),
                size: r.file_size.unwrap_or_default(),
            }),
            _ => None,
        };
        out.push(InstrumentVersion {
            id: r.id,
            number: r.number,
            label: r.label.clone(),
            date: r.date.clone(),
            status: r.status,
            norm_id: r.norm_id,
            norm_identifier,
            norm_text: r.norm_text.clone(),
            ratified_by_id: r.ratified_by_id,
            ratified_by_identifier,
            ratified_by_text: r.ratified_by_text.clone(),
            superseded_by: r.superseded_by,
            superseded_by_number,
            file,
            notes: r.notes.clone(),
        });
    }
    Ok(out)
}

/// Params of `instrument.version.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentVersionAdd {
    /// The instrument.
    pub instrument_id: i64,
    /// Its own name, if it has one.
    #[serde(default)]
    pub label: Option<String>,
    /// Date of its approval (of the draft, while en elaboración); not before the previous
    /// version's.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Status: `vigente` makes the vigente version derogado.
    pub status: InstrumentStatus,
    /// The registry's norm that approved it (a sealed one).
    #[serde(default)]
    pub norm_id: Option<i64>,
    /// Or the approving norm as written, when it is not in the registry.
    #[serde(default)]
    pub norm_text: Option<String>,
    /// The registry's norm that ratified it.
    #[serde(default)]
    pub ratified_by_id: Option<i64>,
    /// Or the ratifying norm as written.
    #[serde(default)]
    pub ratified_by_text: Option<String>,
    /// Its file (PDF, Word .docx or Excel .xlsx), a path on this computer.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Params of `instrument.version.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentVersionUpdate {
    /// The version.
    pub id: i64,
    /// Its own name, if it has one.
    #[serde(default)]
    pub label: Option<String>,
    /// Date, between those of the versions before and after it.
    #[serde(with = "crate::dates::iso")]
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Status: an approved version never goes back to en elaboración.
    pub status: InstrumentStatus,
    /// The registry's norm that approved it.
    #[serde(default)]
    pub norm_id: Option<i64>,
    /// Or the approving norm as written.
    #[serde(default)]
    pub norm_text: Option<String>,
    /// The registry's norm that ratified it.
    #[serde(default)]
    pub ratified_by_id: Option<i64>,
    /// Or the ratifying norm as written.
    #[serde(default)]
    pub ratified_by_text: Option<String>,
    /// A new file to replace the one it has (none: keep it).
    #[serde(default)]
    pub file_path: Option<String>,
    /// Remove its file.
    #[serde(default)]
    pub remove_file: bool,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A norm of the registry cited by a version: it must exist and be sealed (a draft has no
/// number and may still change).
async fn sealed_norm(conn: &mut SqliteConnection, ctx: &Ctx, id: i64, field: &str) -> Result<()> {
    match crate::norms::get(conn, ctx, crate::norms::NormId { id }).await {
        Ok(n) if n.identifier.is_some() => Ok(()),
        Ok(n) => Err(Error::field(
            field,
            format!(
                "«{}» es un proyecto de norma sin número: séllela en Normas antes de citarla aquí, o escriba la referencia de la norma.",
                n.norm.title
            ),
        )),
        Err(Error::NotFound(_)) => Err(Error::field(
            field,
            format!("No existe la norma N° {id} en el registro."),
        )),
        Err(e) => Err(e),
    }
}

/// The approving or ratifying norm: one of the registry or one as written, not both.
async fn norm_pair(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: Option<i64>,
    text: Option<&str>,
    fields: (&str, &str),
) -> Result<(Option<i64>, Option<String>)> {
    let text = optional(text);
    if id.is_some() && text.is_some() {
        return Err(Error::field(
            fields.1,
            "Elija la norma del registro o escriba su referencia, no las dos.",
        ));
    }
    if let Some(id) = id {
        sealed_norm(conn, ctx, id, fields.0).await?;
    }
    Ok((id, text))
}

/// The file at `path`, checked to be a PDF, a Word document (.docx) or an Excel sheet (.xlsx),
/// staged in the file store; returns its digest and name.
async fn stored_file(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    path: &str,
) -> Result<(String, String)> {
    let path = path.trim();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("file_path", format!("No se pudo leer «{path}»: {e}.")))?;
    if bytes.is_empty() {
        return Err(Error::field("file_path", "El archivo está vacío."));
    }
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "instrumento".into());
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let mime = if bytes.starts_with(b"%PDF-") {
        PDF
    } else if zip && ext == "docx" {
        DOCX
    } else if zip && ext == "xlsx" {
        XLSX
    } else {
        return Err(Error::field(
            "file_path",
            format!("«{name}» no es un PDF, un documento de Word (.docx) ni una hoja de Excel (.xlsx): adjunte el instrumento en uno de esos formatos."),
        ));
    };
    let sha = files::store(conn, ctx, &bytes, mime, &name).await?;
    Ok((sha, name))
}

/// "la versión 2 (del 05/03/2026)".
fn named(v: &VersionRow) -> String {
    format!("la versión {} (del {})", v.number, dmy(&v.date))
}

/// Make version `id` (number `number`) the vigente one: the vigente version, which must be an
/// earlier one, becomes derogado, replaced by it.
async fn make_vigente(
    conn: &mut SqliteConnection,
    instrument_id: i64,
    id: i64,
    number: i64,
    at: &str,
) -> Result<()> {
    let all = store::versions(conn, instrument_id).await?;
    if let Some(later) = all
        .iter()
        .find(|v| v.id != id && v.number > number && v.status == InstrumentStatus::Vigente)
    {
        return Err(Error::field(
            "status",
            format!(
                "Ya está vigente {}, posterior a esta: no puede haber dos versiones vigentes, y una versión anterior no vuelve a regir.",
                named(later)
            ),
        ));
    }
    if let Some(current) = all
        .iter()
        .find(|v| v.id != id && v.status == InstrumentStatus::Vigente)
    {
        store::supersede(conn, current.id, id, at).await?;
    }
    store::set_status(conn, id, InstrumentStatus::Vigente).await
}

/// What every approved version needs: the norm that approved it.
fn approval_needed(status: InstrumentStatus, norm: &(Option<i64>, Option<String>)) -> Result<()> {
    if status != InstrumentStatus::EnElaboracion && norm.0.is_none() && norm.1.is_none() {
        return Err(Error::field(
            "norm_id",
            format!(
                "Indique la norma que aprobó esta versión {}: elíjala del registro o escriba su referencia.",
                status.label()
            ),
        ));
    }
    Ok(())
}

fn clean_label(label: Option<&str>) -> Result<Option<String>> {
    let l = optional(label);
    if l.as_ref().is_some_and(|l| l.chars().count() > 120) {
        return Err(Error::field(
            "label",
            "El nombre de la versión es demasiado largo: use 120 caracteres como máximo.",
        ));
    }
    Ok(l)
}

/// `instrument.version.add`: a new version, after the last one.
pub async fn version_add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: InstrumentVersionAdd,
) -> Result<Instrument> {
    store::instrument(conn, p.instrument_id).await?;
    let label = clean_label(p.label.as_deref())?;
    let existing = store::versions(conn, p.instrument_id).await?;
    if let Some(last) = existing.last() {
        if p.date.to_string() < last.date {
            return Err(Error::field(
                "date",
                format!(
                    "La fecha {} es anterior a la de {}: registre las versiones en orden, la más antigua primero.",
                    p.date.format("%d/%m/%Y"),
                    named(last)
                ),
            ));
        }
    }
    if p.status == InstrumentStatus::Derogado {
        if let Some(v) = existing
            .iter()
            .find(|v| v.status == InstrumentStatus::Vigente)
        {
            return Err(Error::field(
                "status",
                format!(
                    "Está vigente {}: una versión posterior se registra vigente (la anterior quedará derogada) o en elaboración.",
                    named(v)
                ),
            ));
        }
    }
    let norm = norm_pair(
        conn,
        ctx,
        p.norm_id,
        p.norm_text.as_deref(),
        ("norm_id", "norm_text"),
    )
    .await?;
    approval_needed(p.status, &norm)?;
    let ratified = norm_pair(
        conn,
        ctx,
        p.ratified_by_id,
        p.ratified_by_text.as_deref(),
        ("ratified_by_id", "ratified_by_text"),
    )
    .await?;
    let notes = optional(p.notes.as_deref());
    let file = match p.file_path.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(path) => Some(stored_file(conn, ctx, path).await?),
        None => None,
    };
    let number = existing.last().map_or(1, |v| v.number + 1);
    let at = ctx.stamp();
    let values = VersionValues {
        label: label.as_deref(),
        date: p.date.to_string(),
        // Written vigente only once the vigente version gave way (one vigente at a time).
        status: if p.status == InstrumentStatus::Vigente {
            InstrumentStatus::EnElaboracion
        } else {
            p.status
        },
        norm_id: norm.0,
        norm_text: norm.1.as_deref(),
        ratified_by_id: ratified.0,
        ratified_by_text: ratified.1.as_deref(),
        file: file.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
        notes: notes.as_deref(),
    };
    let id = store::version_insert(conn, p.instrument_id, number, &values, &at).await?;
    if p.status == InstrumentStatus::Vigente {
        make_vigente(conn, p.instrument_id, id, number, &at).await?;
    }
    store::touch(conn, p.instrument_id, &at).await?;
    load(conn, p.instrument_id).await
}

/// `instrument.version.update`: correct a version, approve it (the vigente one gives way) or
/// mark it derogado.
pub async fn version_update(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: InstrumentVersionUpdate,
) -> Result<Instrument> {
    let row = store::version(conn, p.id).await?;
    let label = clean_label(p.label.as_deref())?;
    if row.status != InstrumentStatus::EnElaboracion && p.status == InstrumentStatus::EnElaboracion
    {
        return Err(Error::field(
            "status",
            format!(
                "La versión {} ya fue aprobada: no vuelve a estar en elaboración. Registre una nueva versión.",
                row.number
            ),
        ));
    }
    let all = store::versions(conn, row.instrument_id).await?;
    let date = p.date.to_string();
    if let Some(before) = all.iter().rev().find(|v| v.number < row.number) {
        if date < before.date {
            return Err(Error::field(
                "date",
                format!(
                    "La fecha {} es anterior a la de {}: las versiones siguen el orden de sus fechas.",
                    p.date.format("%d/%m/%Y"),
                    named(before)
                ),
            ));
        }
    }
    if let Some(after) = all.iter().find(|v| v.number > row.number) {
        if date > after.date {
            return Err(Error::field(
                "date",
                format!(
                    "La fecha {} es posterior a la de {}: las versiones siguen el orden de sus fechas.",
                    p.date.format("%d/%m/%Y"),
                    named(after)
                ),
            ));
        }
    }
    let norm = norm_pair(
        conn,
        ctx,
        p.norm_id,
        p.norm_text.as_deref(),
        ("norm_id", "norm_text"),
    )
    .await?;
    approval_needed(p.status, &norm)?;
    let ratified = norm_pair(
        conn,
        ctx,
        p.ratified_by_id,
        p.ratified_by_text.as_deref(),
        ("ratified_by_id", "ratified_by_text"),
    )
    .await?;
    let notes = optional(p.notes.as_deref());
    let file = match p.file_path.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(path) => Some(stored_file(conn, ctx, path).await?),
        None if p.remove_file => None,
        None => row.file_sha256.clone().zip(row.file_name.clone()),
    };
    let becomes_vigente =
        p.status == InstrumentStatus::Vigente && row.status != InstrumentStatus::Vigente;
    let at = ctx.stamp();
    let values = VersionValues {
        label: label.as_deref(),
        date,
        status: if becomes_vigente {
            row.status
        } else {
            p.status
        },
        norm_id: norm.0,
        norm_text: norm.1.as_deref(),
        ratified_by_id: ratified.0,
        ratified_by_text: ratified.1.as_deref(),
        file: file.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
        notes: notes.as_deref(),
    };
    store::version_update(conn, p.id, &values, &at).await?;
    if becomes_vigente {
        make_vigente(conn, row.instrument_id, p.id, row.number, &at).await?;
    }
    store::touch(conn, row.instrument_id, &at).await?;
    load(conn, row.instrument_id).await
}

/// `instrument.version.remove`: remove a version still en elaboración (an approved version is
/// part of the instrument's history and stays).
pub async fn version_remove(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: IdParam,
) -> Result<Instrument> {
    let row = store::version(conn, p.id).await?;
    if row.status != InstrumentStatus::EnElaboracion {
        return Err(Error::Conflict(format!(
            "La versión {} está {}: solo se quita una versión en elaboración; una aprobada queda en la historia del instrumento.",
            row.number,
            row.status.label()
        )));
    }
    store::version_delete(conn, p.id).await?;
    store::touch(conn, row.instrument_id, &ctx.stamp()).await?;
    load(conn, row.instrument_id).await
}

/// Params of `instrument.file`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct InstrumentFileGet {
    /// The version.
    pub version_id: i64,
    /// Where to write a copy (chosen in «Guardar como…»); none: the bytes come back in base64.
    #[serde(default)]
    pub path: Option<String>,
}

/// The file of a version.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstrumentFile {
    /// File name.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// The copy written, when a `path` was given.
    pub path: Option<String>,
    /// The content in base64, when no `path` was given.
    pub bytes_base64: Option<String>,
    /// Size in bytes.
    pub size: i64,
}

/// `instrument.file`: a version's file (checked against its digest), to open or to save.
pub async fn file(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: InstrumentFileGet,
) -> Result<InstrumentFile> {
    use base64::Engine;
    let row = store::version(conn, p.version_id).await?;
    let (Some(sha), Some(name)) = (row.file_sha256, row.file_name) else {
        return Err(Error::NotFound(format!(
            "La versión {} no tiene archivo.",
            row.number
        )));
    };
    let bytes = files::read(&ctx.files_dir, &sha)?;
    let size = bytes.len() as i64;
    let mime = row.file_mime.unwrap_or_default();
    match p.path.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(path) => {
            crate::records::write_atomically(std::path::Path::new(path), &bytes)?;
            Ok(InstrumentFile {
                file_name: name,
                mime,
                path: Some(path.to_string()),
                bytes_base64: None,
                size,
            })
        }
        None => Ok(InstrumentFile {
            file_name: name,
            mime,
            path: None,
            bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
            size,
        }),
    }
}
