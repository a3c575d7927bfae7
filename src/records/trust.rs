//! The root certificates the municipality trusts when it verifies signatures (in Peru, the
//! chain of the ECERNEP/RENIEC or of its accredited provider; in Chile, the provider's root).
//! Imported from PEM or DER files in Configuración; a signature that chains elsewhere is
//! INDETERMINADO.

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::signature;

/// A trusted root as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct TrustedRoot {
    /// Id.
    pub id: i64,
    /// Subject.
    pub subject: String,
    /// Issuer (the same as the subject for a self-signed root).
    pub issuer: String,
    /// Serial number, hexadecimal.
    pub serial: String,
    /// SHA-256 fingerprint.
    pub sha256: String,
    /// Valid from (RFC 3339).
    pub not_before: String,
    /// Valid until (RFC 3339).
    pub not_after: String,
    /// When it was imported.
    pub added_at: String,
}

const SELECT: &str =
    "SELECT id, subject, issuer, serial, sha256, not_before, not_after, added_at FROM trusted_root";

/// Params of `trust.root.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TrustRootList {
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `trust.root.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TrustRootPage {
    /// The certificates, by subject.
    pub rows: Vec<TrustedRoot>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `trust.root.list`: a page of the trusted certificates, by subject and id.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: TrustRootList,
) -> Result<TrustRootPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(String, i64)>(p.after.as_deref())?;
    let (subject, id) = after.map_or((None, None), |(s, i)| (Some(s), Some(i)));
    let from = if subject.is_some() {
        "(subject, id) > ($2, $3)"
    } else {
        "$2 IS NULL AND $3 IS NULL"
    };
    let rows: Vec<TrustedRoot> = sqlx::query_as(&format!(
        "{SELECT} WHERE {from} ORDER BY subject, id LIMIT $1"
    ))
    .bind(limit + 1)
    .bind(subject)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let (rows, next) = crate::paging::finish(rows, limit, |r| (r.subject.clone(), r.id));
    Ok(TrustRootPage { rows, next })
}

/// Params of `trust.root.add`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TrustRootAdd {
    /// A .pem, .crt or .cer file (PEM with one or more certificates, or DER).
    pub path: String,
}

/// `trust.root.add`: import every certificate of the file; returns the ones added (a
/// certificate already trusted is skipped).
pub async fn add(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: TrustRootAdd,
) -> Result<Vec<TrustedRoot>> {
    let path = p.path.trim();
    if path.is_empty() {
        return Err(Error::field("path", "Elija el archivo del certificado."));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("path", format!("No se pudo leer «{path}»: {e}.")))?;
    let certs = signature::read_certificates(&bytes)?;
    let mut added = Vec::new();
    let mut skipped_leaf = None;
    for c in certs {
        if !c.is_ca {
            skipped_leaf = Some(c.subject.clone());
            continue;
        }
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO trusted_root (subject, issuer, serial, sha256, not_before, not_after, der, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING RETURNING id",
        )
        .bind(&c.subject)
        .bind(&c.issuer)
        .bind(&c.serial)
        .bind(&c.sha256)
        .bind(&c.not_before)
        .bind(&c.not_after)
        .bind(&c.der)
        .bind(ctx.stamp())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            added.push(
                sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?,
            );
        }
    }
    if added.is_empty() {
        if let Some(subject) = skipped_leaf {
            return Err(Error::field(
                "path",
                format!(
                    "«{subject}» es el certificado de una persona, no de una autoridad de certificación: importe el certificado raíz (o intermedio) de la entidad que lo emitió."
                ),
            ));
        }
        return Err(Error::Conflict(
            "Los certificados de este archivo ya estaban entre los de confianza.".into(),
        ));
    }
    Ok(added)
}

/// Params of `trust.root.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TrustRootDelete {
    /// Id.
    pub id: i64,
}

/// `trust.root.delete`: stop trusting a root (signatures already verified are not re-judged).
pub async fn delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: TrustRootDelete) -> Result<Empty> {
    let n = sqlx::query("DELETE FROM trusted_root WHERE id = $1")
        .bind(p.id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(Error::NotFound(format!(
            "No existe el certificado de confianza {}.",
            p.id
        )));
    }
    Ok(Empty {})
}

/// DER of every trusted root.
pub async fn roots_der(conn: &mut SqliteConnection) -> Result<Vec<Vec<u8>>> {
    Ok(
        sqlx::query_scalar("SELECT der FROM trusted_root ORDER BY id")
            .fetch_all(&mut *conn)
            .await?,
    )
}
