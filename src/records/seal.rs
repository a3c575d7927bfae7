//! Seals: the frozen content of a record as canonical JSON, its SHA-256 digest, the short
//! verification code printed on every page, and the PDF document ID that traces a file back
//! to its record.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::{RecordPdf, SealCheck};
use crate::context::Ctx;
use crate::error::{Error, Result};

/// The seal of a record as the UI shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Seal {
    /// SHA-256 of the canonical JSON, hexadecimal.
    pub digest: String,
    /// Short code printed on every page ("7KQ2M-XW4PA").
    pub verification_code: String,
    /// When it was sealed (RFC 3339).
    pub sealed_at: String,
    /// Who sealed it.
    pub sealed_by: String,
}

/// Canonical JSON: object keys sorted (serde_json's map is ordered), no whitespace, integers
/// and strings only in our records. The digest is taken over these bytes.
pub fn canonical_json(value: &serde_json::Value) -> String {
    // serde_json::Map is a BTreeMap (no "preserve_order" feature), so keys come out sorted.
    value.to_string()
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The verification code of a digest: its first 50 bits in Crockford base32, as two groups of
/// five ("7KQ2M-XW4PA"); no I, L, O or U, so it reads aloud and types back without confusion.
pub fn verification_code(digest_hex: &str) -> String {
    let bytes = hex::decode(digest_hex).unwrap_or_default();
    let mut bits: u64 = 0;
    for b in bytes.iter().take(7) {
        bits = (bits << 8) | *b as u64;
    }
    // 56 bits read; keep the top 50.
    bits >>= 6;
    let mut chars = [0u8; 10];
    for c in chars.iter_mut().rev() {
        *c = CROCKFORD[(bits & 31) as usize];
        bits >>= 5;
    }
    let s = String::from_utf8(chars.to_vec()).expect("ascii");
    format!("{}-{}", &s[..5], &s[5..])
}

/// Seal a record's content; returns the seal.
pub(crate) async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    kind: &str,
    id: i64,
    content: &serde_json::Value,
) -> Result<Seal> {
    let json = canonical_json(content);
    let digest = hex::encode(Sha256::digest(json.as_bytes()));
    let code = verification_code(&digest);
    let pdf_id = crate::pdf::document_id_hex(&digest);
    let at = ctx.stamp();
    // The audit chain as it stood before this request: a later rewrite of the trail no longer
    // holds this link (ADR 0011).
    let anchor = crate::audit::head(conn).await?;
    sqlx::query(
        "INSERT INTO record_seal (record_kind, record_id, content, digest, verification_code, pdf_id, sealed_at, sealed_by,
                                  audit_count, audit_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(kind)
    .bind(id)
    .bind(&json)
    .bind(&digest)
    .bind(&code)
    .bind(&pdf_id)
    .bind(&at)
    .bind(&ctx.actor.login)
    .bind(anchor.count)
    .bind(&anchor.hash)
    .execute(&mut *conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.message().contains("UNIQUE") => Error::Conflict(
            "Ya existe un sello con este contenido o este registro ya está sellado.".into(),
        ),
        other => other.into(),
    })?;
    Ok(Seal {
        digest,
        verification_code: code,
        sealed_at: at,
        sealed_by: ctx.actor.login.clone(),
    })
}

/// A sealed record's anchor in the audit trail.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// Row of the seal (the keyset of [`anchors`]).
    pub seal_id: i64,
    /// Record kind (`norma`, `acta`…).
    pub kind: String,
    /// Record id.
    pub id: i64,
    /// The chain's head when it was sealed.
    pub head: crate::audit::ChainHead,
}

/// Anchors of sealed records after seal row `after`, oldest first, at most `limit` (seals made
/// before anchors existed have none and are skipped).
pub async fn anchors(conn: &mut SqliteConnection, after: i64, limit: i64) -> Result<Vec<Anchor>> {
    let rows: Vec<(i64, String, i64, i64, String)> = sqlx::query_as(
        "SELECT id, record_kind, record_id, audit_count, audit_hash FROM record_seal
         WHERE id > $1 AND audit_count > 0 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(seal_id, kind, id, count, hash)| Anchor {
            seal_id,
            kind,
            id,
            head: crate::audit::ChainHead { count, hash },
        })
        .collect())
}

/// The seal of a record, if sealed.
pub(crate) async fn of(conn: &mut SqliteConnection, kind: &str, id: i64) -> Result<Option<Seal>> {
    Ok(sqlx::query_as(
        "SELECT digest, verification_code, sealed_at, sealed_by FROM record_seal
         WHERE record_kind = $1 AND record_id = $2",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The frozen content of a sealed record, checked against its digest.
pub(crate) async fn content(
    conn: &mut SqliteConnection,
    kind: &str,
    id: i64,
) -> Result<Option<(Seal, serde_json::Value)>> {
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT digest, verification_code, sealed_at, sealed_by, content FROM record_seal
         WHERE record_kind = $1 AND record_id = $2",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((digest, verification_code, sealed_at, sealed_by, content)) = row else {
        return Ok(None);
    };
    if hex::encode(Sha256::digest(content.as_bytes())) != digest {
        return Err(Error::Internal(format!(
            "El contenido sellado del registro {kind} {id} no coincide con su huella: la base de datos fue alterada."
        )));
    }
    let value = serde_json::from_str(&content)
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    Ok(Some((
        Seal {
            digest,
            verification_code,
            sealed_at,
            sealed_by,
        },
        value,
    )))
}

/// The first string of the trailer's /ID, hexadecimal.
fn file_id(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let id = doc.trailer.get(b"ID").ok()?.as_array().ok()?;
    match id.first()? {
        lopdf::Object::String(s, _) => Some(hex::encode(s)),
        _ => None,
    }
}

/// Which sealed record a PDF file is (by its document ID) and whether it still is exactly that.
pub(crate) async fn check_file(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    bytes: &[u8],
) -> Result<Option<SealCheck>> {
    Ok(identify(conn, ctx, bytes).await?.map(|(check, _)| check))
}

/// The sealed record a PDF file is, checked, with the record as Cabildo renders it.
pub(crate) async fn identify(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    bytes: &[u8],
) -> Result<Option<(SealCheck, RecordPdf)>> {
    let Some(pdf_id) = file_id(bytes) else {
        return Ok(None);
    };
    let row: Option<(String, i64, String, String, String, String)> = sqlx::query_as(
        "SELECT record_kind, record_id, content, digest, verification_code, sealed_at
         FROM record_seal WHERE pdf_id = $1",
    )
    .bind(&pdf_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((kind, id, content, digest, code, sealed_at)) = row else {
        return Ok(None);
    };
    let digest_ok = hex::encode(Sha256::digest(content.as_bytes())) == digest;
    let value: serde_json::Value = serde_json::from_str(&content)
        .map_err(|e| Error::Internal(format!("contenido sellado ilegible: {e}")))?;
    let super::registry::SealedRender {
        print_kind,
        identifier,
        pdf: rendered,
    } = super::registry::render_sealed(ctx, &kind, &value, &digest, &code)?;
    let content_matches = bytes.starts_with(&rendered.pdf);
    let message = match (digest_ok, content_matches) {
        (true, true) => format!(
            "El documento es el registro sellado {identifier} (código {code}), sin cambios."
        ),
        (false, _) => format!(
            "El contenido sellado de {identifier} en la base de datos no coincide con su huella: la base de datos fue alterada."
        ),
        (true, false) => format!(
            "El archivo dice ser {identifier} (código {code}) pero su contenido no es el del registro sellado."
        ),
    };
    Ok(Some((
        SealCheck {
            kind: print_kind,
            id,
            identifier,
            verification_code: code,
            digest,
            sealed_at,
            digest_ok,
            content_matches,
            message,
        },
        rendered,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_ten_crockford_chars() {
        let d = hex::encode(Sha256::digest(b"x"));
        let c = verification_code(&d);
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
        assert!(c
            .chars()
            .filter(|&ch| ch != '-')
            .all(|ch| CROCKFORD.contains(&(ch as u8))));
        assert_ne!(c, verification_code(&hex::encode(Sha256::digest(b"y"))));
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"b": 1, "a": [2, {"d": 3, "c": 4}]}"#).expect("json");
        assert_eq!(canonical_json(&v), r#"{"a":[2,{"c":4,"d":3}],"b":1}"#);
    }
}

/// A sealed record nobody has signed yet.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct UnsignedRecord {
    /// Record kind (`norma`, `acta`, `informe-plan`…).
    pub record_kind: String,
    /// Its id.
    pub record_id: i64,
    /// Its identifier or title, as sealed.
    pub label: String,
    /// When it was sealed.
    pub sealed_at: String,
}

/// Sealed records without any digital signature, newest first: the count and the first `limit`.
pub async fn unsigned(
    conn: &mut SqliteConnection,
    limit: i64,
) -> Result<(i64, Vec<UnsignedRecord>)> {
    const WHERE: &str = "NOT EXISTS (SELECT 1 FROM record_signature g
        WHERE g.record_kind = s.record_kind AND g.record_id = s.record_id)";
    let total: i64 =
        sqlx::query_scalar(&format!("SELECT count(*) FROM record_seal s WHERE {WHERE}"))
            .fetch_one(&mut *conn)
            .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT s.record_kind, s.record_id,
                COALESCE(json_extract(s.content, '$.identifier'), json_extract(s.content, '$.title'),
                         json_extract(s.content, '$.report.title'), s.record_kind) AS label,
                s.sealed_at
         FROM record_seal s WHERE {WHERE} ORDER BY s.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, rows))
}
