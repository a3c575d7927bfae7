//! The audit trail: one entry per change (who, when, method, digests of params and result),
//! chained by SHA-256 so that an edited or removed entry is detected by `cabildo check`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::Result;

/// One audit entry as shown to the user.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// When (RFC 3339, local time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Which method.
    pub method: String,
    /// SHA-256 of the canonical params.
    pub params_sha256: String,
    /// SHA-256 of the canonical result.
    pub result_sha256: String,
    /// Chain hash of this entry.
    pub hash: String,
}

/// SHA-256 hex of a JSON value (serde_json writes object keys in sorted order).
pub fn digest(value: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(value.to_string().as_bytes()))
}

fn chain_hash(prev: &str, at: &str, actor: &str, method: &str, p: &str, r: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, method, p, r] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// The newest link of the chain: how many entries there are and the hash of the last one
/// (empty when the trail is empty). Written into backup manifests and sealed records so that a
/// trail cut short or re-chained afterwards is detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChainHead {
    /// Number of entries.
    pub count: i64,
    /// Hash of the newest entry ("" when there is none).
    pub hash: String,
}

/// The chain's head as the connection sees it.
pub async fn head(conn: &mut SqliteConnection) -> Result<ChainHead> {
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut *conn)
        .await?;
    let hash: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(ChainHead {
        count,
        hash: hash.unwrap_or_default(),
    })
}

/// Append an entry inside the request's transaction.
pub async fn record(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    params: &serde_json::Value,
    result: &serde_json::Value,
) -> Result<()> {
    let prev: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let prev = prev.unwrap_or_default();
    let at = ctx.stamp_millis();
    let (p, r) = (digest(params), digest(result));
    let actor = ctx.actor.login.as_str();
    let hash = chain_hash(&prev, &at, actor, method, &p, &r);
    sqlx::query(
        "INSERT INTO audit_log (at, actor, method, params_sha256, result_sha256, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&at)
    .bind(actor)
    .bind(method)
    .bind(&p)
    .bind(&r)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Recompute the chain, a page of entries at a time (the trail grows for decades); return how
/// many entries were checked and a Spanish description of each broken link.
pub async fn verify(conn: &mut SqliteConnection) -> Result<(i64, Vec<String>)> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        at: String,
        actor: String,
        method: String,
        params_sha256: String,
        result_sha256: String,
        prev_hash: String,
        hash: String,
    }
    const PAGE: i64 = 5_000;
    let mut problems = Vec::new();
    let mut prev = String::new();
    let mut last_id = 0;
    let mut count = 0;
    loop {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, at, actor, method, params_sha256, result_sha256, prev_hash, hash
             FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(last_id)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        let page_len = rows.len() as i64;
        for r in rows {
            if r.prev_hash != prev {
                problems.push(format!(
                    "auditoría: la entrada {} no sigue a la anterior (falta o se alteró una entrada)",
                    r.id
                ));
            }
            let expected = chain_hash(
                &r.prev_hash,
                &r.at,
                &r.actor,
                &r.method,
                &r.params_sha256,
                &r.result_sha256,
            );
            if expected != r.hash {
                problems.push(format!("auditoría: la entrada {} fue alterada", r.id));
            }
            prev = r.hash;
            last_id = r.id;
        }
        count += page_len;
        if page_len < PAGE {
            break;
        }
    }
    Ok((count, problems))
}

/// Params of `audit.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditList {
    /// How many entries, newest first (default 200).
    pub limit: Option<i64>,
}

/// `audit.list`: the newest entries first.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: AuditList,
) -> Result<Vec<AuditEntry>> {
    let limit = p.limit.unwrap_or(200).clamp(1, 10_000);
    Ok(sqlx::query_as(
        "SELECT id, at, actor, method, params_sha256, result_sha256, hash
         FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}
