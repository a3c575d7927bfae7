//! The original file of a norm brought in from the history: what its page shows instead of a
//! seal, the file itself (to open or save), and the PDF that printing and certified copies use
//! — an imported norm is not printed by Cabildo's engine: its original is its document.

use base64::Engine;
use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::{NormDocumentFile, NormDocumentParams, NormImported, NormKind, NormOriginal};
use super::store::{self, NormRow};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::files;
use crate::records::{file_name, RecordPdf};

/// What an imported norm has instead of a seal; `None` for a norm of Cabildo.
pub(super) async fn imported(
    conn: &mut SqliteConnection,
    r: &NormRow,
) -> Result<Option<NormImported>> {
    let Some(text_status) = r.text_status else {
        return Ok(None);
    };
    let document = match &r.document_sha256 {
        Some(sha) => Some(original(conn, sha).await?),
        None => None,
    };
    Ok(Some(NormImported {
        text_status,
        document,
        published_on: r.published_on.clone(),
        registered_at: r.sealed_at.clone().unwrap_or_default(),
    }))
}

async fn original(conn: &mut SqliteConnection, sha: &str) -> Result<NormOriginal> {
    let (name, mime, size) = files::describe(conn, sha)
        .await?
        .ok_or_else(|| Error::Internal(format!("el archivo {sha} no está en el índice")))?;
    Ok(NormOriginal {
        name,
        mime,
        size,
        sha256: sha.to_string(),
    })
}

/// `norm.document`: the original file of an imported norm, written where the person chose or
/// in base64.
pub async fn document(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormDocumentParams,
) -> Result<NormDocumentFile> {
    let r = store::row(conn, p.id).await?;
    let Some(sha) = &r.document_sha256 else {
        return Err(Error::field(
            "id",
            match r.text_status {
                Some(_) => format!(
                    "{} se registró sin archivo original: solo tiene los datos de la hoja de cálculo.",
                    r.identifier.clone().unwrap_or_default()
                ),
                None => "Esta norma se redactó en Cabildo: su documento es el PDF que imprime el registro.".to_string(),
            },
        ));
    };
    let document = original(conn, sha).await?;
    let bytes = files::read(&ctx.files_dir, sha)?;
    match p.path.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(path) => {
            crate::records::write_atomically(std::path::Path::new(path), &bytes)?;
            Ok(NormDocumentFile {
                document,
                path: Some(path.to_string()),
                bytes_base64: None,
            })
        }
        None => Ok(NormDocumentFile {
            document,
            path: None,
            bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(&bytes)),
        }),
    }
}

/// An imported norm's original PDF, as printing and certified copies use it.
pub struct OriginalPdf {
    /// Its identifier.
    pub identifier: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: NormKind,
    /// The PDF in the files store.
    pub sha256: String,
}

/// The original PDF of norm `id` when it was imported (`None` for a norm of Cabildo); an
/// imported norm without a PDF is a Spanish error saying why it cannot be printed.
pub async fn original_pdf(conn: &mut SqliteConnection, id: i64) -> Result<Option<OriginalPdf>> {
    let r = store::row(conn, id).await?;
    if r.text_status.is_none() {
        return Ok(None);
    }
    let identifier = r.identifier.clone().unwrap_or_default();
    let not_printable = |why: &str| {
        Error::Conflict(format!(
            "{identifier} se importó del archivo histórico {why}: no hay un PDF que imprimir o certificar."
        ))
    };
    let Some(sha) = r.document_sha256.clone() else {
        return Err(not_printable("sin archivo original"));
    };
    let doc = original(conn, &sha).await?;
    if doc.mime != "application/pdf" {
        return Err(Error::Conflict(format!(
            "El original de {identifier} es un documento de Word («{}»): ábralo con «Abrir el original», \
             guárdelo como PDF y certifique ese archivo (copia certificada de un archivo).",
            doc.name
        )));
    }
    Ok(Some(OriginalPdf {
        identifier,
        date: parse_date(&r.date, "date")?,
        kind: r.kind,
        sha256: sha,
    }))
}

/// An imported norm's document as the records registry prints it: its original PDF as it
/// was, with no signature blocks of Cabildo.
pub(super) async fn render(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    id: i64,
) -> Result<Option<RecordPdf>> {
    let Some(o) = original_pdf(conn, id).await? else {
        return Ok(None);
    };
    let pdf = files::read(&ctx.files_dir, &o.sha256)?;
    let pages = lopdf::Document::load_mem(&pdf)
        .map(|d| d.get_pages().len() as u32)
        .unwrap_or(0);
    Ok(Some(RecordPdf {
        pdf,
        pages,
        boxes: Vec::new(),
        filename: file_name(&o.identifier),
        signatures: 0,
        signers: Vec::new(),
    }))
}
