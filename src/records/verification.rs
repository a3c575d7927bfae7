//! Verification of a PDF: its signatures against the trusted roots, and the file against the
//! sealed record it claims to be.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{seal, trust};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::signature;

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
