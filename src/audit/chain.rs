//! The hash chain: the two formulas (by the entry's `v`), appending an entry, the head, and
//! verifying the whole chain a page at a time.

use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::describe::{self, Summary};
use super::ChainHead;
use crate::context::Ctx;
use crate::error::Result;

/// SHA-256 hex of a JSON value (serde_json writes object keys in sorted order).
pub fn digest(value: &Value) -> String {
    hex::encode(Sha256::digest(value.to_string().as_bytes()))
}

fn hash_parts(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// The fields of one entry that its hash covers.
pub(super) struct Link<'a> {
    pub v: i64,
    pub prev: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub method: &'a str,
    pub params_sha256: &'a str,
    pub result_sha256: &'a str,
    pub params: Option<&'a str>,
    pub record_kind: Option<&'a str>,
    pub record_id: Option<i64>,
    pub record_label: Option<&'a str>,
    pub summary: &'a str,
}

impl Link<'_> {
    /// Version 1 (entries written before migration 0014): the previous hash, the instant, the
    /// actor, the method and the two digests. Version 2 adds a version tag, the params as
    /// stored, the record touched and the summary, so none of them can be edited unnoticed.
    pub fn hash(&self) -> String {
        let base = [
            self.prev,
            self.at,
            self.actor,
            self.method,
            self.params_sha256,
            self.result_sha256,
        ];
        if self.v == 1 {
            return hash_parts(&base);
        }
        let id = self.record_id.map(|i| i.to_string()).unwrap_or_default();
        let mut parts = vec!["cabildo-auditoria-v2"];
        parts.extend(base);
        parts.extend([
            self.params.unwrap_or(""),
            self.record_kind.unwrap_or(""),
            id.as_str(),
            self.record_label.unwrap_or(""),
            self.summary,
        ]);
        hash_parts(&parts)
    }
}

/// The chain's head as the connection sees it. The newest id is the count (ids run from 1
/// without gaps, which [`verify`] checks), so this reads one row, not the table.
pub async fn head(conn: &mut SqliteConnection) -> Result<ChainHead> {
    let newest: Option<(i64, String)> =
        sqlx::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(newest
        .map(|(count, hash)| ChainHead { count, hash })
        .unwrap_or_default())
}

/// The hash of the entry at `position` (1 = the oldest), if there is one. Positions are ids:
/// [`verify`] reports an id out of sequence.
pub(super) async fn hash_at(conn: &mut SqliteConnection, position: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT hash FROM audit_log WHERE id = $1")
            .bind(position)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Append an entry inside the request's transaction: `params` with secrets already removed
/// (see [`super::redact`]). Returns the chain's new head.
pub async fn record(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    method: &str,
    params: &Value,
    result: &Value,
) -> Result<ChainHead> {
    let before = head(conn).await?;
    let at = ctx.stamp_millis();
    let (p, r) = (digest(params), digest(result));
    let Summary { text, record } = describe::describe(method, params, result);
    let stored = super::compact(params).to_string();
    let (kind, id, label) = match &record {
        Some(t) => (Some(t.kind.code()), t.id, t.label.as_deref()),
        None => (None, None, None),
    };
    let actor = ctx.actor.login.as_str();
    let hash = Link {
        v: 2,
        prev: &before.hash,
        at: &at,
        actor,
        method,
        params_sha256: &p,
        result_sha256: &r,
        params: Some(&stored),
        record_kind: kind,
        record_id: id,
        record_label: label,
        summary: &text,
    }
    .hash();
    let done = sqlx::query(
        "INSERT INTO audit_log (at, actor, method, params_sha256, result_sha256, prev_hash, hash,
                                v, params, record_kind, record_id, record_label, summary)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 2, $8, $9, $10, $11, $12)",
    )
    .bind(&at)
    .bind(actor)
    .bind(method)
    .bind(&p)
    .bind(&r)
    .bind(&before.hash)
    .bind(&hash)
    .bind(&stored)
    .bind(kind)
    .bind(id)
    .bind(label)
    .bind(&text)
    .execute(&mut *conn)
    .await?;
    Ok(ChainHead {
        count: done.last_insert_rowid(),
        hash,
    })
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
        v: i64,
        params: Option<String>,
        record_kind: Option<String>,
        record_id: Option<i64>,
        record_label: Option<String>,
        summary: String,
    }
    const PAGE: i64 = 5_000;
    let mut problems = Vec::new();
    let mut prev = String::new();
    let mut last_id = 0;
    let mut count = 0;
    let mut newest_version = 1;
    loop {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, at, actor, method, params_sha256, result_sha256, prev_hash, hash,
                    v, params, record_kind, record_id, record_label, summary
             FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(last_id)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        let page_len = rows.len() as i64;
        for r in rows {
            count += 1;
            if r.id != count {
                problems.push(format!(
                    "auditoría: la entrada {} ocupa el lugar {count}: faltan entradas anteriores",
                    r.id
                ));
            }
            if r.prev_hash != prev {
                problems.push(format!(
                    "auditoría: la entrada {} no sigue a la anterior (falta o se alteró una entrada)",
                    r.id
                ));
            }
            if r.v < newest_version {
                problems.push(format!(
                    "auditoría: la entrada {} usa la fórmula antigua después de entradas con la nueva",
                    r.id
                ));
            }
            newest_version = newest_version.max(r.v);
            let expected = Link {
                v: r.v,
                prev: &r.prev_hash,
                at: &r.at,
                actor: &r.actor,
                method: &r.method,
                params_sha256: &r.params_sha256,
                result_sha256: &r.result_sha256,
                params: r.params.as_deref(),
                record_kind: r.record_kind.as_deref(),
                record_id: r.record_id,
                record_label: r.record_label.as_deref(),
                summary: &r.summary,
            }
            .hash();
            if expected != r.hash {
                problems.push(format!("auditoría: la entrada {} fue alterada", r.id));
            }
            prev = r.hash;
            last_id = r.id;
        }
        if page_len < PAGE {
            break;
        }
    }
    Ok((count, problems))
}

/// Whether the chain still holds the link a sealed record (or a backup manifest) took down:
/// `None` when it does, else the Spanish problem naming `what` ("la ORDENANZA N° …").
pub async fn anchor_problem(
    conn: &mut SqliteConnection,
    what: &str,
    anchor: &ChainHead,
) -> Result<Option<String>> {
    if anchor.count == 0 {
        return Ok(None);
    }
    Ok(match hash_at(conn, anchor.count).await? {
        Some(h) if h == anchor.hash => None,
        Some(_) => Some(format!(
            "auditoría: {what} se selló tras la entrada {} de la auditoría, que ya no es la misma: la cadena fue reescrita",
            anchor.count
        )),
        None => Some(format!(
            "auditoría: {what} se selló tras la entrada {} de la auditoría, que ya no existe: se borraron entradas",
            anchor.count
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(v: i64) -> Link<'static> {
        Link {
            v,
            prev: "",
            at: "2026-01-01T00:00:00.000-05:00",
            actor: "admin",
            method: "org.unit.create",
            params_sha256: "p",
            result_sha256: "r",
            params: Some("{}"),
            record_kind: Some("unidad"),
            record_id: Some(1),
            record_label: Some("Gerencia"),
            summary: "Creó",
        }
    }

    #[test]
    fn version_1_is_the_old_formula_and_ignores_the_new_fields() {
        let old = hash_parts(&[
            "",
            "2026-01-01T00:00:00.000-05:00",
            "admin",
            "org.unit.create",
            "p",
            "r",
        ]);
        assert_eq!(link(1).hash(), old);
        let mut other = link(1);
        other.summary = "otro";
        assert_eq!(other.hash(), old);
    }

    #[test]
    fn version_2_covers_the_summary_and_the_record() {
        let base = link(2).hash();
        assert_ne!(base, link(1).hash());
        let mut s = link(2);
        s.summary = "Borró";
        assert_ne!(s.hash(), base);
        let mut r = link(2);
        r.record_id = Some(2);
        assert_ne!(r.hash(), base);
        let mut p = link(2);
        p.params = Some(r#"{"a":1}"#);
        assert_ne!(p.hash(), base);
    }
}
