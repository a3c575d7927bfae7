//! The audit trail (ADR 0011): one entry per committed change — who, when, the method, the
//! params with secrets removed, the record it touched and a Spanish summary — chained by
//! SHA-256 ([`chain`]), anchored outside the table by a keyed witness file ([`witness`]) and by
//! the head written into every sealed record, and listed in pages for Configuración →
//! Auditoría ([`list`], [`export`]).

pub mod chain;
pub mod describe;
pub mod witness;

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::SqliteConnection;
use ts_rs::TS;

pub use chain::{anchor_problem, digest, head, record, verify};
pub use describe::{describe, RecordKind, Summary, Touched};
pub use witness::reanchor;

use crate::context::Ctx;
use crate::error::{Error, Result};

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

/// Keys whose values never reach the trail, at any depth: passwords, PINs and certificate
/// contents (not even their digest is kept).
const SECRET_KEYS: &[&str] = &[
    "password",
    "new_password",
    "current_password",
    "pin",
    "p12",
    "p12_base64",
    "p12_content",
    "p12_contents",
];

/// Params as audited: every key named in [`SECRET_KEYS`] removed, at any depth.
pub fn redact(params: &Value) -> Value {
    match params {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !SECRET_KEYS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), redact(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        other => other.clone(),
    }
}

/// Params as stored for reading: a file sent inline (`…_base64`) is replaced by its size, so
/// the trail keeps what was done, not a second copy of every imported file (the digest of the
/// whole params still covers it).
pub fn compact(params: &Value) -> Value {
    match params {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| match v {
                    Value::String(s) if k.ends_with("_base64") => (
                        k.clone(),
                        Value::String(format!("(archivo de {} caracteres en base64)", s.len())),
                    ),
                    other => (k.clone(), compact(other)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(compact).collect()),
        other => other.clone(),
    }
}

/// One audit entry as shown to the user.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    /// Sequence number (its place in the chain, from 1).
    pub id: i64,
    /// When (RFC 3339 with milliseconds, local time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Which method.
    pub method: String,
    /// What was done, in Spanish (empty for entries written before summaries existed).
    pub summary: String,
    /// The record it touched.
    pub record: Option<Touched>,
    /// The params as stored (secrets removed); none for entries written before params were kept.
    #[ts(type = "Record<string, unknown> | null")]
    pub params: Option<Value>,
    /// Hash formula of this entry (1: digests only; 2: also params, record and summary).
    pub v: i64,
    /// SHA-256 of the canonical params (secrets removed).
    pub params_sha256: String,
    /// SHA-256 of the canonical result.
    pub result_sha256: String,
    /// Chain hash of this entry.
    pub hash: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: String,
    actor: String,
    method: String,
    summary: String,
    record_kind: Option<String>,
    record_id: Option<i64>,
    record_label: Option<String>,
    params: Option<String>,
    v: i64,
    params_sha256: String,
    result_sha256: String,
    hash: String,
}

impl From<Row> for AuditEntry {
    fn from(r: Row) -> Self {
        let record = r
            .record_kind
            .as_deref()
            .and_then(RecordKind::from_code)
            .map(|kind| Touched {
                kind,
                id: r.record_id,
                label: r.record_label,
            });
        AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            method: r.method,
            summary: r.summary,
            record,
            params: r.params.and_then(|p| serde_json::from_str(&p).ok()),
            v: r.v,
            params_sha256: r.params_sha256,
            result_sha256: r.result_sha256,
            hash: r.hash,
        }
    }
}

/// Which entries: every field is optional and they combine with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Login of the user, exactly.
    #[serde(default)]
    pub actor: Option<String>,
    /// From this day (inclusive, local time).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, local time).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// A method (`norm.seal`) or an area, the first word of its methods (`norm`, `session`).
    #[serde(default)]
    pub method: Option<String>,
    /// Kind of the record touched.
    #[serde(default)]
    pub record_kind: Option<RecordKind>,
    /// Id of the record touched (with its kind).
    #[serde(default)]
    pub record_id: Option<i64>,
    /// Text in the record's identifier or in the summary.
    #[serde(default)]
    pub text: Option<String>,
}

/// Params of `audit.list`: a page of entries, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditList {
    /// Filters.
    #[serde(default)]
    pub filters: AuditFilter,
    /// Entries older than this id (the `next` of the previous page); none for the newest.
    #[serde(default)]
    pub before: Option<i64>,
    /// Page size (default 50, at most 500).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A page of `audit.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// The `before` of the next page; none when this is the last one.
    pub next: Option<i64>,
}

/// A value bound to a filter's placeholder.
enum Bind {
    Text(String),
    Int(i64),
}

/// The WHERE clause of `filters` (and of `before`), with `$N` placeholders from 1.
fn where_clause(f: &AuditFilter, before: Option<i64>) -> Result<(String, Vec<Bind>)> {
    let mut conds: Vec<String> = Vec::new();
    let mut binds = Vec::new();
    let mut push = |cond: &str, values: Vec<Bind>| {
        let mut cond = cond.to_string();
        for (i, v) in values.into_iter().enumerate() {
            binds.push(v);
            cond = cond.replace(&format!("${{{i}}}"), &format!("${}", binds.len()));
        }
        conds.push(cond);
    };
    if let Some(id) = before {
        push("id < ${0}", vec![Bind::Int(id)]);
    }
    if let Some(actor) = f.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        push("actor = ${0}", vec![Bind::Text(actor.to_string())]);
    }
    if let (Some(from), Some(to)) = (f.from, f.to) {
        if to < from {
            return Err(Error::field(
                "to",
                "La fecha final no puede ser anterior a la inicial.",
            ));
        }
    }
    // `at` is local time in RFC 3339, so a day's entries sort between "D" and "D+1".
    if let Some(from) = f.from {
        push("at >= ${0}", vec![Bind::Text(from.to_string())]);
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        push("at < ${0}", vec![Bind::Text(to.to_string())]);
    }
    if let Some(m) = f.method.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        // A method has a dot; an area is its first word (a column the migration computes).
        // Either is one index read in id order, so a page stops after its rows.
        let column = if m.contains('.') { "method" } else { "area" };
        push(
            &format!("{column} = ${{0}}"),
            vec![Bind::Text(m.to_string())],
        );
    }
    if let Some(kind) = f.record_kind {
        push("record_kind = ${0}", vec![Bind::Text(kind.code().into())]);
    }
    if let Some(id) = f.record_id {
        if f.record_kind.is_none() {
            return Err(Error::field(
                "record_id",
                "Indique el tipo de registro para buscar por su número.",
            ));
        }
        push("record_id = ${0}", vec![Bind::Int(id)]);
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let like = format!("%{escaped}%");
        push(
            "(record_label LIKE ${0} ESCAPE '\\' OR summary LIKE ${1} ESCAPE '\\')",
            vec![Bind::Text(like.clone()), Bind::Text(like)],
        );
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    Ok((sql, binds))
}

const COLUMNS: &str = "id, at, actor, method, summary, record_kind, record_id, record_label, \
                       params, v, params_sha256, result_sha256, hash";

/// One page of entries matching `filters`, newest first, older than `before`.
async fn page(
    conn: &mut SqliteConnection,
    filters: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let (clause, binds) = where_clause(filters, before)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log {clause} ORDER BY id DESC LIMIT ${}",
        binds.len() + 1
    );
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for b in binds {
        q = match b {
            Bind::Text(s) => q.bind(s),
            Bind::Int(i) => q.bind(i),
        };
    }
    let rows = q.bind(limit).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

/// `audit.list`: a page of entries, newest first (keyset by id: a page costs the same on the
/// first day and after twenty years).
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: AuditList) -> Result<AuditPage> {
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    let mut entries = page(conn, &p.filters, p.before, limit + 1).await?;
    let next = if entries.len() as i64 > limit {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage { entries, next })
}

/// Params of `audit.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditExport {
    /// Where to write the CSV file.
    pub path: String,
    /// Which entries (all when empty).
    #[serde(default)]
    pub filters: AuditFilter,
}

/// Result of `audit.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditExported {
    /// The file written.
    pub path: String,
    /// Entries written.
    pub rows: i64,
}

/// `audit.export`: the filtered entries, newest first, as CSV in UTF-8 with a BOM (so a
/// spreadsheet opens accents right), read and written a page at a time.
pub async fn export(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: AuditExport,
) -> Result<AuditExported> {
    const PAGE: i64 = 2_000;
    let path = Path::new(p.path.trim());
    if p.path.trim().is_empty() {
        return Err(Error::field("path", "Elija dónde guardar el archivo."));
    }
    let message = format!("no se pudo escribir {}", path.display());
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(message.clone(), e))?;
    file.write_all("\u{feff}".as_bytes())
        .map_err(|e| Error::io(message.clone(), e))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let csv_err = |e: csv::Error| Error::Io {
        message: format!("{message}: {e}"),
        source: None,
    };
    out.write_record([
        "N°",
        "Fecha y hora",
        "Usuario",
        "Resumen",
        "Método",
        "Tipo de registro",
        "N° de registro",
        "Identificador",
        "Parámetros",
        "Huella",
    ])
    .map_err(csv_err)?;
    let mut before = None;
    let mut rows = 0;
    loop {
        let entries = page(conn, &p.filters, before, PAGE).await?;
        for e in &entries {
            let (kind, id, label) = match &e.record {
                Some(t) => (
                    t.kind.label().to_string(),
                    t.id.map(|i| i.to_string()).unwrap_or_default(),
                    t.label.clone().unwrap_or_default(),
                ),
                None => Default::default(),
            };
            out.write_record([
                e.id.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.summary.clone(),
                e.method.clone(),
                kind,
                id,
                label,
                e.params.as_ref().map(Value::to_string).unwrap_or_default(),
                e.hash.clone(),
            ])
            .map_err(csv_err)?;
        }
        rows += entries.len() as i64;
        before = entries.last().map(|e| e.id);
        if (entries.len() as i64) < PAGE {
            break;
        }
    }
    out.flush().map_err(|e| Error::io(message.clone(), e))?;
    Ok(AuditExported {
        path: path.display().to_string(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_removed_at_any_depth() {
        let p = json!({"kind": "norma", "password": "x", "user": {"new_password": "y",
            "current_password": "z", "pin": "1234", "name": "ana"},
            "list": [{"p12": "AAAA", "ok": 1}]});
        assert_eq!(
            redact(&p),
            json!({"kind": "norma", "user": {"name": "ana"}, "list": [{"ok": 1}]})
        );
    }

    #[test]
    fn inline_files_are_stored_by_size() {
        let p = json!({"file_name": "poi.xlsx", "content_base64": "QUJD"});
        assert_eq!(
            compact(&p),
            json!({"file_name": "poi.xlsx", "content_base64": "(archivo de 4 caracteres en base64)"})
        );
    }

    #[test]
    fn filters_number_their_placeholders_in_order() {
        let f = AuditFilter {
            actor: Some("ana".into()),
            method: Some("norm".into()),
            record_kind: Some(RecordKind::Norma),
            record_id: Some(3),
            ..Default::default()
        };
        let (sql, binds) = where_clause(&f, Some(10)).unwrap();
        assert_eq!(
            sql,
            "WHERE id < $1 AND actor = $2 AND area = $3 AND record_kind = $4 AND record_id = $5"
        );
        assert_eq!(binds.len(), 5);
    }
}
