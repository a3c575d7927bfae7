//! Files attached to an agenda item: attach, open for the preview, save a copy, detach. The
//! packet (`print::packet`) appends the attached PDFs in agenda order.

use sqlx::SqliteConnection;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::files;

use super::{SessionKind, SessionStatus};

/// An attachment of an agenda item.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS, sqlx::FromRow)]
pub struct Attachment {
    /// Agenda item.
    pub item_id: i64,
    /// File name.
    pub name: String,
    /// SHA-256 in the file store.
    pub file_sha256: String,
    /// MIME type.
    pub mime: String,
}

/// Attachments with their MIME type; callers add the WHERE (`a` is item_attachment).
pub(crate) const ATTACHMENT_SELECT: &str = "SELECT a.item_id, a.name, a.file_sha256, f.mime
    FROM item_attachment a JOIN stored_file_type f ON f.sha256 = a.file_sha256";

/// The files attached to an item, by name.
async fn item_attachments(conn: &mut SqliteConnection, item_id: i64) -> Result<Vec<Attachment>> {
    Ok(sqlx::query_as(&format!(
        "{ATTACHMENT_SELECT} WHERE a.item_id = $1 ORDER BY a.name"
    ))
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Params of `agenda.attach`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaAttach {
    /// Agenda item.
    pub item_id: i64,
    /// The file to attach (any kind; PDFs go into the packet).
    pub path: String,
}

/// `agenda.attach`: store a file content-addressed and attach it to an item.
pub async fn attach(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AgendaAttach,
) -> Result<Vec<Attachment>> {
    let it = super::item(conn, p.item_id).await?;
    let s = super::session(conn, it.session_id).await?;
    if matches!(
        s.status,
        SessionStatus::ActaAprobada | SessionStatus::Cancelada
    ) {
        return Err(Error::Conflict(
            "La sesión está cerrada: no se adjuntan más documentos.".into(),
        ));
    }
    let path = p.path.trim();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("path", format!("No se pudo leer «{path}»: {e}.")))?;
    if bytes.is_empty() {
        return Err(Error::field("path", "El archivo está vacío."));
    }
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "anexo".into());
    let mime = if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else {
        files::image_mime(&bytes).unwrap_or("application/octet-stream")
    };
    let sha = files::store(conn, ctx, &bytes, mime, &name).await?;
    sqlx::query("INSERT INTO item_attachment (item_id, file_sha256, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(p.item_id)
        .bind(&sha)
        .bind(&name)
        .execute(&mut *conn)
        .await?;
    item_attachments(conn, p.item_id).await
}

/// Params of `agenda.attachment` and `agenda.detach`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRef {
    /// Agenda item.
    pub item_id: i64,
    /// SHA-256 of the attached file.
    pub sha256: String,
}

/// An attached file with its content, for the preview.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct AttachmentFile {
    /// File name.
    pub name: String,
    /// MIME type (`application/pdf` for PDFs).
    pub mime: String,
    /// The content, base64.
    pub base64: String,
}

async fn attachment_row(conn: &mut SqliteConnection, p: &AttachmentRef) -> Result<Attachment> {
    sqlx::query_as(&format!(
        "{ATTACHMENT_SELECT} WHERE a.item_id = $1 AND a.file_sha256 = $2"
    ))
    .bind(p.item_id)
    .bind(p.sha256.trim())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound("Ese documento no está adjunto al asunto.".into()))
}

/// `agenda.attachment`: the stored file of an attachment (checked against its digest).
pub async fn attachment(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AttachmentRef,
) -> Result<AttachmentFile> {
    use base64::Engine;
    let a = attachment_row(conn, &p).await?;
    let bytes = files::read(&ctx.files_dir, &a.file_sha256)?;
    Ok(AttachmentFile {
        name: a.name,
        mime: a.mime,
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// Params of `agenda.attachment.save`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSave {
    /// Agenda item.
    pub item_id: i64,
    /// SHA-256 of the attached file.
    pub sha256: String,
    /// Where to write the copy.
    pub path: String,
}

/// Result of `agenda.attachment.save`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SavedAttachment {
    /// The file written.
    pub path: String,
    /// Size in bytes.
    pub bytes: i64,
}

/// `agenda.attachment.save`: write a copy of an attachment where the person chose.
pub async fn attachment_save(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: AttachmentSave,
) -> Result<SavedAttachment> {
    let path = p.path.trim();
    if path.is_empty() {
        return Err(Error::field("path", "Indique dónde guardar el documento."));
    }
    let a = attachment_row(
        conn,
        &AttachmentRef {
            item_id: p.item_id,
            sha256: p.sha256.clone(),
        },
    )
    .await?;
    let bytes = files::read(&ctx.files_dir, &a.file_sha256)?;
    crate::records::write_atomically(std::path::Path::new(path), &bytes)?;
    Ok(SavedAttachment {
        path: path.to_string(),
        bytes: bytes.len() as i64,
    })
}

/// `agenda.detach`: remove a wrongly attached file from an item, while its agenda can change
/// (the stored file stays: other items or records may share it).
pub async fn detach(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: AttachmentRef,
) -> Result<Vec<Attachment>> {
    let it = super::item(conn, p.item_id).await?;
    let s = super::session(conn, it.session_id).await?;
    if matches!(
        s.status.as_str(),
        "concluida" | "acta_aprobada" | "cancelada" | "suspendida"
    ) {
        return Err(Error::Conflict(
            "La sesión está cerrada: sus documentos ya no se quitan.".into(),
        ));
    }
    if s.kind == SessionKind::Extraordinaria && s.status != SessionStatus::Borrador {
        let cite = crate::rules::load(conn)
            .await?
            .cite("law.extraordinary_agenda");
        return Err(Error::Conflict(format!(
            "La agenda de una sesión extraordinaria no cambia una vez convocada{cite}: sus documentos ya no se quitan."
        )));
    }
    attachment_row(conn, &p).await?;
    sqlx::query("DELETE FROM item_attachment WHERE item_id = $1 AND file_sha256 = $2")
        .bind(p.item_id)
        .bind(p.sha256.trim())
        .execute(&mut *conn)
        .await?;
    item_attachments(conn, p.item_id).await
}
