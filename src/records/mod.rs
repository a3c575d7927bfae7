//! Printable records: norms and certified copies, their seals, digital signatures and
//! verification, the trusted roots and the print settings.
//!
//! A record is a draft until it is sealed. Sealing freezes everything the printed page shows
//! (text, number, letterhead, paper) as canonical JSON in `record_seal`, with its SHA-256 digest,
//! a short verification code printed on every page and the PDF document ID; triggers refuse any
//! change to a sealed row. Printing a sealed record renders that frozen content, so it always
//! gives the same bytes. Signing stores each signed PDF content-addressed and links it to the
//! record. Decisions: docs/adr/0006-records.md.

pub mod copy;
pub(crate) mod demo;
pub mod norm;
pub(crate) mod seal;
pub mod settings;
pub mod trust;

use base64::Engine;
use chrono::FixedOffset;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::{files, signature};

pub use seal::{canonical_json, verification_code, Seal};

/// Kinds of printable records, as `cabildo print` names them.
pub const PRINT_KINDS: &[&str] = &[
    "ordenanza",
    "decreto",
    "resolucion",
    "acuerdo",
    "copia-certificada",
    "acta",
    "convocatoria",
    "agenda",
    "paquete",
];

/// A record as `print --list` and the record lists show it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Printable {
    /// `ordenanza`, `decreto`, `resolucion`, `acuerdo`, `copia-certificada`.
    pub kind: String,
    /// Id of the record within its kind.
    pub id: i64,
    /// Identifier and title ("ORDENANZA N° 007-2026-MDSRQ — Ordenanza que …"), or "Proyecto: …".
    pub title: String,
    /// Whether it is sealed.
    pub sealed: bool,
    /// Number of digital signatures.
    pub signatures: i64,
}

/// `records.list`: every printable record, newest first within each kind.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: crate::context::Empty,
) -> Result<Vec<Printable>> {
    Ok(sqlx::query_as(
        "SELECT n.kind AS kind, n.id AS id,
           CASE WHEN n.identifier IS NULL THEN 'Proyecto: ' || n.title
                ELSE n.identifier || ' — ' || n.title END AS title,
           n.sealed_at IS NOT NULL AS sealed,
           (SELECT count(*) FROM record_signature s WHERE s.record_kind = 'norma' AND s.record_id = n.id) AS signatures
         FROM norm n
         UNION ALL
         SELECT 'copia-certificada', c.id, c.identifier || ' — ' || c.description, 1,
           (SELECT count(*) FROM record_signature s WHERE s.record_kind = 'copia-certificada' AND s.record_id = c.id)
         FROM certified_copy c
         UNION ALL
         SELECT 'acta', m.session_id,
           CASE WHEN m.status = 'aprobada' THEN 'Acta de la ' ELSE 'Proyecto de acta de la ' END
             || coalesce(s.identifier, 'sesión ' || s.date),
           m.status = 'aprobada',
           (SELECT count(*) FROM record_signature g WHERE g.record_kind = 'acta' AND g.record_id = m.session_id)
         FROM minutes m JOIN session s ON s.id = m.session_id
         UNION ALL
         SELECT k.kind, s.id, k.label || ' de la ' || s.identifier, 0, 0
         FROM session s JOIN (SELECT 'convocatoria' AS kind, 'Convocatoria' AS label
                              UNION ALL SELECT 'agenda', 'Agenda'
                              UNION ALL SELECT 'paquete', 'Documentos') k
         WHERE s.identifier IS NOT NULL AND s.status <> 'cancelada'
         ORDER BY kind, id DESC",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A record named by its printable kind and id.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    /// Printable kind (`ordenanza`, `copia-certificada`…).
    pub kind: String,
    /// Id.
    pub id: i64,
}

/// Where records of a printable kind live: (kind stored in seals and signatures, id).
async fn resolve(conn: &mut SqliteConnection, r: &RecordRef) -> Result<(&'static str, i64)> {
    match r.kind.as_str() {
        "ordenanza" | "decreto" | "resolucion" | "acuerdo" => {
            let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM norm WHERE id = ?")
                .bind(r.id)
                .fetch_optional(&mut *conn)
                .await?;
            match kind {
                Some(k) if k == r.kind => Ok((norm::RECORD_KIND, r.id)),
                Some(k) => Err(Error::field(
                    "kind",
                    format!("El registro {} es de tipo «{k}», no «{}».", r.id, r.kind),
                )),
                None => Err(Error::NotFound(format!(
                    "No existe la norma {} de tipo «{}».",
                    r.id, r.kind
                ))),
            }
        }
        "copia-certificada" => {
            copy::exists(conn, r.id).await?;
            Ok((copy::RECORD_KIND, r.id))
        }
        "acta" => {
            let n: i64 = sqlx::query_scalar("SELECT count(*) FROM minutes WHERE session_id = ?")
                .bind(r.id)
                .fetch_one(&mut *conn)
                .await?;
            if n == 0 {
                return Err(Error::NotFound(format!(
                    "La sesión {} no tiene acta (el id de un acta es el de su sesión).",
                    r.id
                )));
            }
            Ok((crate::sessions::minutes::RECORD_KIND, r.id))
        }
        "convocatoria" | "agenda" | "paquete" => {
            let ident: Option<Option<String>> =
                sqlx::query_scalar("SELECT identifier FROM session WHERE id = ?")
                    .bind(r.id)
                    .fetch_optional(&mut *conn)
                    .await?;
            match ident {
                None => Err(Error::NotFound(format!("No existe la sesión {}.", r.id))),
                Some(None) => Err(Error::Conflict(
                    "La sesión no ha sido convocada todavía.".into(),
                )),
                Some(Some(_)) => Ok((
                    match r.kind.as_str() {
                        "convocatoria" => "convocatoria",
                        "agenda" => "agenda",
                        _ => "paquete",
                    },
                    r.id,
                )),
            }
        }
        other => Err(Error::field(
            "kind",
            format!(
                "«{other}» no es un tipo de documento imprimible. Tipos: {}.",
                PRINT_KINDS.join(", ")
            ),
        )),
    }
}

/// A rendered record with what signing needs.
pub struct RecordPdf {
    /// The PDF (the last signed version when there are signatures).
    pub pdf: Vec<u8>,
    /// Pages.
    pub pages: u32,
    /// Where each signatory signs, from the engine.
    pub boxes: Vec<crate::pdf::SignatureBox>,
    /// Suggested file name.
    pub filename: String,
    /// Number of signatures in `pdf`.
    pub signatures: i64,
    /// Signature blocks, in order: (name, cargo, DNI/RUN when printed).
    pub signers: Vec<(String, String, Option<String>)>,
}

/// Render a record: its sealed content when sealed (identical bytes every time), its draft
/// otherwise; the last signed PDF when it has signatures.
pub async fn render(conn: &mut SqliteConnection, ctx: &Ctx, r: &RecordRef) -> Result<RecordPdf> {
    let (kind, id) = resolve(conn, r).await?;
    let mut out = match kind {
        norm::RECORD_KIND => norm::render(conn, ctx, id).await?,
        crate::sessions::minutes::RECORD_KIND => {
            crate::sessions::minutes::render(conn, ctx, id).await?
        }
        "convocatoria" => crate::sessions::print::convocation(conn, ctx, id).await?,
        "agenda" => crate::sessions::print::agenda(conn, ctx, id).await?,
        "paquete" => crate::sessions::print::packet(conn, ctx, id).await?,
        _ => copy::render(conn, ctx, id).await?,
    };
    let last: Option<String> = sqlx::query_scalar(
        "SELECT file_sha256 FROM record_signature WHERE record_kind = ? AND record_id = ?
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(sha) = last {
        out.pdf = files::read(&ctx.files_dir, &sha)?;
        out.signatures = sqlx::query_scalar(
            "SELECT count(*) FROM record_signature WHERE record_kind = ? AND record_id = ?",
        )
        .bind(kind)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        out.filename = out.filename.replace(".pdf", "-firmado.pdf");
    }
    Ok(out)
}

/// File name for a record: "ORDENANZA N° 007-2026-MDSRQ" → "ORDENANZA-N-007-2026-MDSRQ.pdf".
pub(crate) fn file_name(identifier: &str) -> String {
    let mut out = String::new();
    for c in identifier.chars() {
        let c = match c {
            'á' | 'Á' => 'A',
            'é' | 'É' => 'E',
            'í' | 'Í' => 'I',
            'ó' | 'Ó' => 'O',
            'ú' | 'Ú' | 'ü' | 'Ü' => 'U',
            'ñ' | 'Ñ' => 'N',
            c if c.is_ascii_alphanumeric() => c.to_ascii_uppercase(),
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    format!("{}.pdf", out.trim_end_matches('-'))
}

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

async fn signer_blocks(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
    signers: &[(String, String, Option<String>)],
) -> Result<Vec<SignerBlock>> {
    let used: Vec<i64> = sqlx::query_scalar(
        "SELECT block FROM record_signature WHERE record_kind = ? AND record_id = ? AND block IS NOT NULL",
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

/// Params of `records.sign`. The password is used in memory only: never stored, logged or
/// audited (the audit digest is taken without it).
#[derive(Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordSign {
    /// Printable kind.
    pub kind: String,
    /// Id.
    pub id: i64,
    /// The signer's .p12 / .pfx file.
    pub p12_path: String,
    /// Its password.
    pub password: String,
    /// Signature block (1-based) where the stamp goes; default the first one not yet signed.
    pub block: Option<u32>,
    /// Reason (/Reason), e.g. "Aprobación".
    pub reason: Option<String>,
    /// Place (/Location); default the municipality's district.
    pub location: Option<String>,
}

impl std::fmt::Debug for RecordSign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordSign")
            .field("kind", &self.kind)
            .field("id", &self.id)
            .field("p12_path", &self.p12_path)
            .field("password", &"<oculta>")
            .field("block", &self.block)
            .finish()
    }
}

/// A digital signature of a record.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct SignatureRow {
    /// Order of signing, from 1.
    pub seq: i64,
    /// Signer (certificate CN).
    pub signer_name: String,
    /// DNI from the certificate, when it carries one.
    pub signer_dni: Option<String>,
    /// Signature block used.
    pub block: Option<i64>,
    /// Reason.
    pub reason: Option<String>,
    /// When (RFC 3339).
    pub signed_at: String,
    /// SHA-256 of the signed PDF after this signature.
    pub file_sha256: String,
}

/// `records.sign`: sign the record's PDF (the last signed version, or the sealed render) with a
/// PKCS#12, placing the stamp in the chosen signature block, and store the result.
pub async fn sign(conn: &mut SqliteConnection, ctx: &Ctx, p: RecordSign) -> Result<SignatureRow> {
    let r = RecordRef {
        kind: p.kind.clone(),
        id: p.id,
    };
    let (kind, id) = resolve(conn, &r).await?;
    let sealed: bool = sqlx::query_scalar(
        "SELECT count(*) > 0 FROM record_seal WHERE record_kind = ? AND record_id = ?",
    )
    .bind(kind)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if !sealed {
        return Err(Error::Conflict(
            "Solo se firma un documento sellado: selle primero el registro.".into(),
        ));
    }
    let rendered = render(conn, ctx, &r).await?;
    let blocks = signer_blocks(conn, kind, id, &rendered.signers).await?;
    let block = match p.block {
        Some(b) if b == 0 || b as usize > blocks.len() => {
            return Err(Error::field(
                "block",
                format!(
                    "El documento tiene {} bloque(s) de firma; elija uno del 1 al {}.",
                    blocks.len(),
                    blocks.len()
                ),
            ))
        }
        Some(b) if blocks[b as usize - 1].signed => {
            return Err(Error::field(
                "block",
                format!(
                    "El bloque de {} ya tiene una firma digital.",
                    blocks[b as usize - 1].name
                ),
            ))
        }
        Some(b) => b,
        None => blocks
            .iter()
            .find(|b| !b.signed)
            .map(|b| b.block)
            .ok_or_else(|| {
                Error::Conflict(
                    "Todos los bloques de firma del documento ya están firmados.".into(),
                )
            })?,
    };
    let bx = rendered
        .boxes
        .get(block as usize - 1)
        .ok_or_else(|| Error::Internal("el bloque de firma no tiene recuadro".into()))?;
    let placement = placement(bx);
    let p12_path = p.p12_path.trim();
    if p12_path.is_empty() {
        return Err(Error::field(
            "p12_path",
            "Elija el archivo del certificado (.p12 o .pfx).",
        ));
    }
    let p12 = std::fs::read(p12_path).map_err(|e| {
        Error::field(
            "p12_path",
            format!("No se pudo leer el certificado «{p12_path}»: {e}."),
        )
    })?;
    let muni = crate::municipality::get(conn, ctx, crate::context::Empty {}).await?;
    let peru = muni.country == "PE";
    let offset = FixedOffset::west_opt(if peru { 5 * 3600 } else { 3 * 3600 }).expect("offset");
    let now = ctx.now.with_timezone(&offset);
    let location = p
        .location
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| norm::place_name(&muni.name));
    let signed = signature::sign(&signature::SignRequest {
        pdf: &rendered.pdf,
        p12: &p12,
        password: &p.password,
        reason: p.reason.as_deref().filter(|r| !r.trim().is_empty()),
        location: Some(&location),
        signing_time: now,
        stamp: Some(placement),
        legend: Some(if peru {
            signature::LEGEND_PE
        } else {
            signature::LEGEND_CL
        }),
    })
    .map_err(Error::from)
    .map_err(|e| match e {
        Error::Validation {
            field: Some(f),
            message,
        } if f == "password" || f == "p12" => Error::Validation {
            field: Some(if f == "p12" { "p12_path".into() } else { f }),
            message,
        },
        other => other,
    })?;
    let report = signature::verify(&signed, &[])?;
    let last = report
        .signatures
        .last()
        .ok_or_else(|| Error::Internal("la firma no aparece en el PDF firmado".into()))?;
    // The block of a person with a printed DNI is signed only with that person's certificate.
    if let (Some(cert), Some((name, _, Some(block_dni)))) =
        (&last.dni, rendered.signers.get(block as usize - 1))
    {
        if cert.trim() != block_dni.trim() {
            return Err(Error::field(
                "block",
                format!(
                    "El certificado es de {} (DNI {cert}) y el bloque {block} es de {name} (DNI {block_dni}): elija el bloque de quien firma o su certificado.",
                    last.signer_name
                ),
            ));
        }
    }
    let sha = files::store(
        conn,
        ctx,
        &signed,
        "application/pdf",
        &rendered.filename.replace(".pdf", "-firmado.pdf"),
    )
    .await?;
    let seq = rendered.signatures + 1;
    sqlx::query(
        "INSERT INTO record_signature (record_kind, record_id, seq, file_sha256, signer_name, signer_dni, block, reason, signed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(id)
    .bind(seq)
    .bind(&sha)
    .bind(&last.signer_name)
    .bind(&last.dni)
    .bind(block as i64)
    .bind(p.reason.as_deref())
    .bind(now.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    event(
        conn,
        ctx,
        kind,
        id,
        &format!(
            "Firmado digitalmente por {}{} en el bloque {block}",
            last.signer_name,
            last.dni
                .as_deref()
                .map(|d| format!(" (DNI {d})"))
                .unwrap_or_default()
        ),
    )
    .await?;
    signatures_of(conn, kind, id)
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("la firma registrada no aparece".into()))
}

/// The digital signatures of a record, in order.
pub(crate) async fn signatures_of(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
) -> Result<Vec<SignatureRow>> {
    Ok(sqlx::query_as(
        "SELECT seq, signer_name, signer_dni, block, reason, signed_at, file_sha256
         FROM record_signature WHERE record_kind = ? AND record_id = ? ORDER BY seq",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// `records.signatures`.
pub async fn signatures(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: RecordRef,
) -> Result<Vec<SignatureRow>> {
    let (kind, id) = resolve(conn, &p).await?;
    signatures_of(conn, kind, id).await
}

/// One line of a record's history.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct RecordEvent {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What happened (Spanish).
    pub event: String,
}

/// Append a line to a record's history.
pub(crate) async fn event(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: &str,
    id: i64,
    what: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO record_event (record_kind, record_id, at, actor, event) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(kind)
    .bind(id)
    .bind(ctx.stamp())
    .bind(&ctx.actor.login)
    .bind(what)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `records.history`.
pub async fn history(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: RecordRef,
) -> Result<Vec<RecordEvent>> {
    let (kind, id) = resolve(conn, &p).await?;
    Ok(sqlx::query_as(
        "SELECT at, actor, event FROM record_event WHERE record_kind = ? AND record_id = ? ORDER BY id",
    )
    .bind(kind)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Params of `records.verify`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordVerify {
    /// The PDF to verify.
    pub path: String,
}

/// What the database says about a PDF's record.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SealCheck {
    /// Printable kind of the record.
    pub kind: String,
    /// Its id.
    pub id: i64,
    /// Its identifier.
    pub identifier: String,
    /// Verification code.
    pub verification_code: String,
    /// SHA-256 of the sealed content.
    pub digest: String,
    /// When it was sealed.
    pub sealed_at: String,
    /// The stored content still hashes to the stored digest.
    pub digest_ok: bool,
    /// The file's original revision is exactly the sealed record as Cabildo prints it.
    pub content_matches: bool,
    /// Explanation (Spanish).
    pub message: String,
}

/// Result of `records.verify`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    /// VÁLIDO, NO VÁLIDO or INDETERMINADO, signatures and seal together.
    pub verdict: String,
    /// Why (Spanish), empty when VÁLIDO.
    pub reasons: Vec<String>,
    /// The signatures.
    pub verification: signature::Verification,
    /// The sealed record the file belongs to, when it is one of this municipality's.
    pub seal: Option<SealCheck>,
    /// The file's name.
    pub file: String,
}

/// `records.verify`: every signature of a PDF against the trusted roots, and the file against
/// the sealed record it claims to be.
pub async fn verify(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: RecordVerify,
) -> Result<VerifyReport> {
    let path = p.path.trim();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("path", format!("No se pudo leer «{path}»: {e}.")))?;
    let roots = trust::roots_der(conn).await?;
    verify_bytes(conn, ctx, &bytes, &roots, path).await
}

/// Verification of bytes already read (also used by `cabildo verify`).
pub async fn verify_bytes(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    bytes: &[u8],
    roots: &[Vec<u8>],
    name: &str,
) -> Result<VerifyReport> {
    let verification = signature::verify(bytes, roots)?;
    let seal = seal::check_file(conn, ctx, bytes).await?;
    let mut verdict = verification.verdict.clone();
    let mut reasons = verification.reasons.clone();
    if let Some(s) = &seal {
        if !s.digest_ok || !s.content_matches {
            verdict = signature::INVALID.to_string();
            reasons.push(s.message.clone());
        } else if verification.signatures.is_empty() {
            // Nothing is broken: the file is exactly the sealed record, but nobody signed it.
            verdict = signature::INDETERMINATE.to_string();
            reasons = vec![format!(
                "El documento no tiene firmas digitales. {}",
                s.message
            )];
        }
    }
    Ok(VerifyReport {
        verdict,
        reasons,
        verification,
        seal,
        file: std::path::Path::new(name)
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| name.to_string()),
    })
}

/// Where the signature blocks of a Cabildo record are on its pages, when `pdf` is (a signed
/// version of) a sealed record of this database: one stamp placement per signatory.
pub async fn stamp_placements(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    pdf: &[u8],
) -> Result<Option<Vec<signature::StampPlacement>>> {
    // The blocks do not move when a signature is added: the sealed render's boxes serve.
    Ok(seal::identify(conn, ctx, pdf)
        .await?
        .map(|(_, r)| r.boxes.iter().map(placement).collect()))
}

/// The stamp goes in the blank space the engine left above a signatory's line.
fn placement(b: &crate::pdf::SignatureBox) -> signature::StampPlacement {
    signature::StampPlacement {
        page: b.page as usize - 1,
        rect: [b.x, b.y, b.x + b.width, b.y + b.height],
    }
}
