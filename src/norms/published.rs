//! The norms a municipality makes public (the transparency portal): sealed
//! norms that were published or need no publication, and the norms brought in from the
//! history; never a draft, never one «sin efecto hasta su publicación». Each with its validity
//! today as the registry computes it ([`super::validity::status_sql`]) and its relations in
//! words, both ways.

use std::collections::HashMap;

use sqlx::{FromRow, SqliteConnection};

use super::model::NormKind;
use super::validity::{status_sql, NormValidityStatus};
use crate::error::Result;

/// Whether the norm `n` (with its `norm_validity` row `v`, LEFT JOINed) is public: sealed, and
/// imported from the history, or needing no publication, or published in a medium that gives
/// effect.
fn public_sql(n: &str, v: &str) -> String {
    format!(
        "({n}.identifier IS NOT NULL AND ({n}.origin = 'importada' OR {v}.needs_publication = 0
           OR {v}.published_on IS NOT NULL))"
    )
}

/// The status code of norm `n` on `day`: the registry's for a norm of Cabildo; for an
/// imported norm (it has no validity row), «derogada» (or «derogada_parcialmente») when a
/// norm in force repealed it, else none.
fn status_of_sql(n: &str, v: &str, day: &str) -> String {
    let repealed = |effect: &str| {
        format!(
            "EXISTS (SELECT 1 FROM norm_relation r
                     JOIN norm_relation_kind k ON k.code = r.kind
                     JOIN norm_validity sv ON sv.norm_id = r.source_id
                     WHERE r.target_id = {n}.id AND k.effect = '{effect}'
                       AND sv.in_force_from IS NOT NULL AND sv.in_force_from <= {day})"
        )
    };
    format!(
        "CASE WHEN {v}.norm_id IS NOT NULL THEN {}
              WHEN {} THEN 'derogada'
              WHEN {} THEN 'derogada_parcialmente'
         END",
        status_sql(v, day),
        repealed("deroga"),
        repealed("deroga_parcial"),
    )
}

/// A public norm.
#[derive(Debug, Clone)]
pub struct PublishedNorm {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: NormKind,
    /// Identifier ("ORDENANZA N° 012-2019-MDSRQ").
    pub identifier: String,
    /// Date (AAAA-MM-DD).
    pub date: String,
    /// Title.
    pub title: String,
    /// The badge of its validity today ("Vigente", "Derogada"…).
    pub validity: String,
    /// Brought in from the history (its document is its original file).
    pub imported: bool,
    /// An imported norm's original when it is a PDF: its SHA-256 in the files store.
    pub original_pdf: Option<String>,
    /// Its relations with other norms, both ways, in words.
    pub relations: Vec<PublishedRelation>,
}

/// A relation as a public norm shows it.
#[derive(Debug, Clone)]
pub struct PublishedRelation {
    /// "Modificada por", "Deroga totalmente a"…
    pub wording: String,
    /// The other norm.
    pub other_id: i64,
    /// Its identifier.
    pub other_identifier: String,
    /// Its kind.
    pub other_kind: NormKind,
    /// Its date (AAAA-MM-DD).
    pub other_date: String,
    /// Whether the other norm is public too (so it can be linked).
    pub other_public: bool,
    /// Which articles, or any note.
    pub note: Option<String>,
}

/// The badge of an imported norm whose validity was never recorded.
pub const NOT_RECORDED: &str = "Vigencia no registrada";

#[derive(FromRow)]
struct Row {
    id: i64,
    kind: NormKind,
    identifier: String,
    date: String,
    title: String,
    origin: String,
    document_sha256: Option<String>,
    status: Option<String>,
}

#[derive(FromRow)]
struct RelationRow {
    norm_id: i64,
    wording: String,
    other_id: i64,
    other_identifier: Option<String>,
    other_title: String,
    other_kind: NormKind,
    other_date: String,
    other_public: bool,
    note: Option<String>,
}

/// A page of the public norms of `kind` dated in `year`, newest first, after the norm
/// `(date, id)` of the previous page; with their validity on `day` (AAAA-MM-DD).
pub async fn published_page(
    conn: &mut SqliteConnection,
    day: &str,
    kind: NormKind,
    year: i64,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<PublishedNorm>> {
    let (after_date, after_id) = after.unwrap_or(("9999-12-31", i64::MAX));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT n.id, n.kind, n.identifier, n.date, n.title, n.origin, n.document_sha256,
                {} AS status
         FROM norm n LEFT JOIN norm_validity v ON v.norm_id = n.id
         WHERE {} AND n.kind = $2 AND n.date >= $3 AND n.date < $4
           AND (n.date < $5 OR (n.date = $5 AND n.id < $6))
         ORDER BY n.date DESC, n.id DESC LIMIT $7",
        status_of_sql("n", "v", "$1"),
        public_sql("n", "v"),
    ))
    .bind(day)
    .bind(kind)
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{:04}-01-01", year + 1))
    .bind(after_date)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let mut relations = relations_of(conn, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let original_pdf = match &r.document_sha256 {
            Some(sha) => crate::files::describe(conn, sha)
                .await?
                .filter(|(_, mime, _)| mime == "application/pdf")
                .map(|_| sha.clone()),
            None => None,
        };
        let imported = r.origin == "importada";
        out.push(PublishedNorm {
            validity: r
                .status
                .as_deref()
                .and_then(NormValidityStatus::from_code)
                .map(|s| s.label().to_string())
                .unwrap_or_else(|| NOT_RECORDED.to_string()),
            relations: relations.remove(&r.id).unwrap_or_default(),
            id: r.id,
            kind: r.kind,
            identifier: r.identifier,
            date: r.date,
            title: r.title,
            imported,
            original_pdf,
        });
    }
    Ok(out)
}

/// The relations of the norms `ids` (decimal ids), both ways, in the order of their kinds.
async fn relations_of(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashMap<i64, Vec<PublishedRelation>>> {
    let mut out: HashMap<i64, Vec<PublishedRelation>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = ids.join(",");
    // Seen from the newer norm (it acts on the other), then from the older one.
    for (this, other, wording) in [
        ("source_id", "target_id", "active"),
        ("target_id", "source_id", "passive"),
    ] {
        let rows: Vec<RelationRow> = sqlx::query_as(&format!(
            "SELECT r.{this} AS norm_id, k.{wording} AS wording, o.id AS other_id,
                    o.identifier AS other_identifier, o.title AS other_title,
                    o.kind AS other_kind, o.date AS other_date, {} AS other_public, r.note
             FROM norm_relation r
             JOIN norm_relation_kind k ON k.code = r.kind
             JOIN norm o ON o.id = r.{other}
             LEFT JOIN norm_validity ov ON ov.norm_id = o.id
             WHERE r.{this} IN ({list})
             ORDER BY k.sort_order, o.date, o.id",
            public_sql("o", "ov")
        ))
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            out.entry(r.norm_id).or_default().push(PublishedRelation {
                wording: r.wording,
                other_id: r.other_id,
                other_identifier: r.other_identifier.unwrap_or(r.other_title),
                other_kind: r.other_kind,
                other_date: r.other_date,
                other_public: r.other_public,
                note: r.note,
            });
        }
    }
    Ok(out)
}

/// Every public norm as `(id, kind, year)`, in the order of [`published_page`] within each
/// kind and year: where the portal's pages put each one.
pub async fn published_order(conn: &mut SqliteConnection) -> Result<Vec<(i64, NormKind, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT n.id, n.kind, CAST(substr(n.date, 1, 4) AS INTEGER) AS year
         FROM norm n LEFT JOIN norm_validity v ON v.norm_id = n.id
         WHERE {}
         ORDER BY n.kind, year, n.date DESC, n.id DESC",
        public_sql("n", "v")
    ))
    .fetch_all(&mut *conn)
    .await?)
}
