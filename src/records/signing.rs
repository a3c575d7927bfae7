//! Digital signatures of a record: signing its PDF with a PKCS#12 in one of its signature
//! blocks, and the signatures it carries.

use chrono::FixedOffset;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::export::signer_blocks;
use super::history::event;
use super::registry::{render, resolve, RecordRef};
use super::seal;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::{files, signature};

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
        "SELECT count(*) > 0 FROM record_seal WHERE record_kind = $1 AND record_id = $2",
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
    // The stamp's legend cites the country's law (rule law.signature_legend; empty: none).
    let legend = crate::rules::load(conn)
        .await?
        .value("law.signature_legend")
        .map(str::to_string);
    let offset = FixedOffset::west_opt(if peru { 5 * 3600 } else { 3 * 3600 }).expect("offset");
    let now = ctx.now.with_timezone(&offset);
    let location = p
        .location
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| crate::municipality::place_name(&muni.name));
    let signed = signature::sign(&signature::SignRequest {
        pdf: &rendered.pdf,
        p12: &p12,
        password: &p.password,
        reason: p.reason.as_deref().filter(|r| !r.trim().is_empty()),
        location: Some(&location),
        signing_time: now,
        stamp: Some(placement),
        legend: legend.as_deref(),
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
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
         FROM record_signature WHERE record_kind = $1 AND record_id = $2 ORDER BY seq",
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
