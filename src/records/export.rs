//! A record's PDF for the preview and written to a file, and any file the app makes for the
//! user (a spreadsheet, a report) written where they chose or handed back in base64.

use base64::Engine;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::registry::{render, resolve, RecordRef};
use crate::context::Ctx;
use crate::error::{Error, Result};

/// A rendered record for the UI's preview.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PdfFile {
    /// The PDF, base64.
    pub base64: String,
    /// Pages.
    pub pages: u32,
    /// Suggested file name.
    pub filename: String,
    /// Digital signatures it carries.
    pub signatures: i64,
    /// The signature blocks (name and cargo), in order, for the signing dialog.
    pub blocks: Vec<SignerBlock>,
}

/// A signature block of a record.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignerBlock {
    /// 1-based.
    pub block: u32,
    /// Name printed under the line.
    pub name: String,
    /// Cargo.
    pub cargo: String,
    /// Whether a digital signature was already placed in this block.
    pub signed: bool,
}

/// The signature blocks of a record, with those already signed marked.
pub(super) async fn signer_blocks(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
    signers: &[(String, String, Option<String>)],
) -> Result<Vec<SignerBlock>> {
    let used: Vec<i64> = sqlx::query_scalar(
        "SELECT block FROM record_signature WHERE record_kind = $1 AND record_id = $2 AND block IS NOT NULL",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(signers
        .iter()
        .enumerate()
        .map(|(i, (name, cargo, _))| SignerBlock {
            block: i as u32 + 1,
            name: name.clone(),
            cargo: cargo.clone(),
            signed: used.contains(&(i as i64 + 1)),
        })
        .collect())
}

/// `records.pdf`: the record rendered for preview.
pub async fn pdf(conn: &mut SqliteConnection, ctx: &Ctx, p: RecordRef) -> Result<PdfFile> {
    let (kind, id) = resolve(conn, &p).await?;
    let r = render(conn, ctx, &p).await?;
    let blocks = signer_blocks(conn, kind, id, &r.signers).await?;
    Ok(PdfFile {
        base64: base64::engine::general_purpose::STANDARD.encode(&r.pdf),
        pages: r.pages,
        filename: r.filename,
        signatures: r.signatures,
        blocks,
    })
}

/// Params of `records.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordExport {
    /// Printable kind.
    pub kind: String,
    /// Id.
    pub id: i64,
    /// Where to write the PDF.
    pub path: String,
}

/// Result of `records.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Exported {
    /// The file written.
    pub path: String,
    /// Pages.
    pub pages: u32,
    /// Size in bytes.
    pub bytes: i64,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// `records.export`: write the record's PDF (the signed one, if signed) to a file.
pub async fn export(conn: &mut SqliteConnection, ctx: &Ctx, p: RecordExport) -> Result<Exported> {
    let path = p.path.trim();
    if path.is_empty() {
        return Err(Error::field("path", "Indique dónde guardar el PDF."));
    }
    let r = render(
        conn,
        ctx,
        &RecordRef {
            kind: p.kind.clone(),
            id: p.id,
        },
    )
    .await?;
    write_atomically(std::path::Path::new(path), &r.pdf)?;
    Ok(Exported {
        path: path.to_string(),
        pages: r.pages,
        bytes: r.pdf.len() as i64,
        sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&r.pdf)),
    })
}

/// Write through a temporary file in the same folder so a failure never leaves half a PDF.
pub(crate) fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !dir.is_dir() {
        return Err(Error::field(
            "path",
            format!("La carpeta «{}» no existe.", dir.display()),
        ));
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::field("path", "Indique el nombre del archivo."))?;
    let tmp = dir.join(format!(".{}.tmp", name.to_string_lossy()));
    std::fs::write(&tmp, bytes)
        .map_err(|e| Error::io(format!("no se pudo escribir «{}»", path.display()), e))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| Error::io(format!("no se pudo escribir «{}»", path.display()), e))?;
    Ok(())
}

/// A file made for the user: a spreadsheet or a report.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SheetFile {
    /// A file name to propose ("POI 2026 v1.xlsx").
    pub file_name: String,
    /// The file written, when a `path` was given.
    pub path: Option<String>,
    /// The file's bytes in base64, when no `path` was given.
    pub bytes_base64: Option<String>,
    /// Size in bytes.
    pub size: i64,
    /// Data rows written (activities, indicator rows, tablero lines, requests…).
    pub rows: i64,
}

/// Like every export: with `path` (chosen in the native "Guardar como…" dialog) the file is
/// written there; without it the bytes come back in base64 (the CLI, tests, a preview).
pub fn deliver(
    file_name: String,
    bytes: Vec<u8>,
    rows: i64,
    path: Option<&str>,
) -> Result<SheetFile> {
    let size = bytes.len() as i64;
    match path.map(str::trim).filter(|s| !s.is_empty()) {
        Some(path) => {
            write_atomically(std::path::Path::new(path), &bytes)?;
            Ok(SheetFile {
                file_name,
                path: Some(path.to_string()),
                bytes_base64: None,
                size,
                rows,
            })
        }
        None => Ok(SheetFile {
            file_name,
            path: None,
            bytes_base64: Some(base64::engine::general_purpose::STANDARD.encode(&bytes)),
            size,
            rows,
        }),
    }
}

/// What tells one edition of a sealed record's PDF from another without rendering it: the
/// verification code of its seal (a sealed record renders the same bytes every time) and,
/// once signed, the SHA-256 of its last signed version (what `records.pdf` gives then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The seal's verification code ("7KQ2M-XW4PA").
    pub code: String,
    /// The last signed PDF in the files store, when it was signed.
    pub signed_sha256: Option<String>,
}

/// The edition of sealed record `id` of record kind `record_kind` (`norma`, `acta`,
/// `informe-plan`…); none when it has no seal.
pub async fn edition(
    conn: &mut SqliteConnection,
    record_kind: &str,
    id: i64,
) -> Result<Option<Edition>> {
    let Some(seal) = super::seal::of(conn, record_kind, id).await? else {
        return Ok(None);
    };
    let signed: Option<String> = sqlx::query_scalar(
        "SELECT file_sha256 FROM record_signature WHERE record_kind = $1 AND record_id = $2
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(record_kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Some(Edition {
        code: seal.verification_code,
        signed_sha256: signed,
    }))
}
