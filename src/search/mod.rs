//! Search over the registry: every norm (drafts included) and every acta, by the words of
//! their whole text, their title, or their identifier typed loosely. One FTS5 index
//! (`search_text`, migration 0022) kept by triggers in the same transaction as the record.
//!
//! Ranking, stable while records are added: first the norms whose number the clerk typed
//! ("por su número"), then the records that match in their identifier or title ("en el
//! título"), then those that match only in their text ("en el texto"); newest first within
//! each. A page is a range of the index read in rowid order, so the cursor (tier and rowid)
//! never moves when a record is added and the cost of a page does not grow with the registry.
//! See docs/adr/0020-search.md.

mod query;
mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};

pub use query::{parse, Ident, Parsed};

/// The kinds of norm, as stored.
const NORM_KINDS: [&str; 4] = ["ordenanza", "decreto", "resolucion", "acuerdo"];

/// Params of `search.find`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SearchFind {
    /// What the clerk typed: words (accents and case do not matter), "phrases in quotes",
    /// prefixes ending in `*`, or an identifier ("ord 12 2019"). Empty: everything, newest first.
    #[serde(default)]
    pub query: Option<String>,
    /// `norma` or `acta`; none: both.
    #[serde(default)]
    pub source: Option<String>,
    /// Norms of this kind (`ordenanza`, `decreto`, `resolucion`, `acuerdo`).
    #[serde(default)]
    pub kind: Option<String>,
    /// Norms of this numbering series.
    #[serde(default)]
    pub series: Option<String>,
    /// Of this year.
    #[serde(default)]
    pub year: Option<i32>,
    /// From this date (YYYY-MM-DD).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Up to this date (YYYY-MM-DD).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Norms whose issuer lines contain these words.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `borrador` or `sellada` (norms), `borrador` or `aprobada` (actas).
    #[serde(default)]
    pub status: Option<String>,
    /// Norms `vigente` (also partly repealed), `derogada`, or `sin_efecto` (unpublished,
    /// unratified, not yet in force, suspended) today.
    #[serde(default)]
    pub validity: Option<String>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    pub after: Option<String>,
    /// Page size (default 25, at most 200).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A piece of a passage: plain, or a word that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Whether it is a word that matched.
    pub hit: bool,
}

/// A record found.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// `norma` or `acta`.
    pub source: String,
    /// The norm's id, or the acta's session id.
    pub id: i64,
    /// Norm kind (`ordenanza`…) or `acta`.
    pub kind: String,
    /// Identifier ("ORDENANZA N° 012-2019-MDSRQ"), none for a draft.
    pub identifier: Option<String>,
    /// Title.
    pub title: String,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// `borrador`, `sellada`, `aprobada`.
    pub status: String,
    /// A sealed norm's validity today ("Vigente", "Derogada", "Sin efecto hasta su
    /// publicación"…); none for drafts and actas.
    pub validity: Option<String>,
    /// Why it is here: `numero`, `titulo`, `texto`, or empty when nothing was searched.
    pub matched: String,
    /// The passage that matched, with the words found marked; empty when nothing was searched.
    pub passage: Vec<Fragment>,
}

/// A page of `search.find`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SearchPage {
    /// The records, best first.
    pub hits: Vec<SearchHit>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// Where a page starts: the tier (0 number, 1 title, 2 text, 3 no query) and the last rowid
/// shown in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub tier: u8,
    pub rowid: Option<i64>,
}

impl Cursor {
    fn parse(s: &str) -> Result<Cursor> {
        let bad = || Error::field("after", "La página pedida no es válida: vuelva a buscar.");
        let (t, r) = s.split_once(':').ok_or_else(bad)?;
        let tier: u8 = t.parse().map_err(|_| bad())?;
        let rowid = if r.is_empty() {
            None
        } else {
            Some(r.parse().map_err(|_| bad())?)
        };
        if tier > 3 {
            return Err(bad());
        }
        Ok(Cursor { tier, rowid })
    }

    fn text(self) -> String {
        format!(
            "{}:{}",
            self.tier,
            self.rowid.map(|r| r.to_string()).unwrap_or_default()
        )
    }
}

/// The checked filters of a search.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filters {
    pub source: Option<u8>,
    pub kind: Option<String>,
    pub series: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub status: Option<String>,
    /// A condition on the norm (alias `n`, from `norm_facet`) given by its owner.
    pub norm_sql: Option<String>,
}

/// A filter left empty is no filter.
fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn filters(p: &SearchFind) -> Result<Filters> {
    let source = match blank(&p.source) {
        None => None,
        Some("norma") => Some(1),
        Some("acta") => Some(2),
        Some(_) => return Err(Error::field("source", "Elija normas o actas.")),
    };
    let kind = blank(&p.kind).map(str::to_string);
    if let Some(k) = &kind {
        if !NORM_KINDS.contains(&k.as_str()) {
            return Err(Error::field(
                "kind",
                "Elija ordenanza, decreto, resolución o acuerdo.",
            ));
        }
    }
    let status = blank(&p.status).map(str::to_string);
    if let Some(s) = &status {
        if !matches!(s.as_str(), "borrador" | "sellada" | "aprobada") {
            return Err(Error::field(
                "status",
                "Elija proyecto, sellada o (para actas) aprobada.",
            ));
        }
    }
    let mut from = p.from;
    let mut to = p.to;
    if let Some(y) = p.year {
        if !(1900..=2100).contains(&y) {
            return Err(Error::field("year", "Escriba un año entre 1900 y 2100."));
        }
        let first = NaiveDate::from_ymd_opt(y, 1, 1).expect("valid year");
        let last = NaiveDate::from_ymd_opt(y, 12, 31).expect("valid year");
        from = Some(from.map_or(first, |f| f.max(first)));
        to = Some(to.map_or(last, |t| t.min(last)));
    }
    if let (Some(f), Some(t)) = (p.from, p.to) {
        if f > t {
            return Err(Error::field(
                "to",
                "La fecha final es anterior a la inicial: corríjala.",
            ));
        }
    }
    let min = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
    for (field, d) in [("from", p.from), ("to", p.to)] {
        if d.is_some_and(|d| d < min) {
            return Err(Error::field(field, "Escriba una fecha desde 1900."));
        }
    }
    let norm_only = kind.is_some()
        || blank(&p.series).is_some()
        || blank(&p.issuer).is_some()
        || blank(&p.validity).is_some();
    if norm_only && source == Some(2) {
        return Err(Error::field(
            "source",
            "El tipo, la serie, el emisor y la vigencia son de normas: busque en normas.",
        ));
    }
    Ok(Filters {
        source: if norm_only { Some(1) } else { source },
        kind,
        series: blank(&p.series).map(str::to_string),
        from,
        to,
        issuer: blank(&p.issuer).map(str::to_string),
        status,
        norm_sql: None,
    })
}

/// `search.find`: a page of the records that match, best first. `norm_sql` is a further
/// condition on the norms (alias `n`) that their owner gives (their validity).
pub async fn find(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: SearchFind,
    norm_sql: Option<String>,
) -> Result<SearchPage> {
    let limit = p.limit.unwrap_or(25);
    if !(1..=200).contains(&limit) {
        return Err(Error::field(
            "limit",
            "Pida de 1 a 200 resultados por página.",
        ));
    }
    let mut f = filters(&p)?;
    f.norm_sql = norm_sql;
    let parsed = parse(p.query.as_deref().unwrap_or(""));
    let start = match p.after.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Cursor::parse(s)?,
        None if parsed.fts.is_some() || parsed.ident.is_some() => Cursor {
            tier: 0,
            rowid: None,
        },
        None => Cursor {
            tier: 3,
            rowid: None,
        },
    };
    let (hits, next) = store::page(conn, &parsed, &f, start, limit).await?;
    Ok(SearchPage {
        hits,
        next: next.map(Cursor::text),
    })
}

/// The ids of the norms that match `query` (kind and status filters, and a condition on the
/// norm given by its owner), a page at a time, for the norms list and the pickers: the same
/// ranking as `search.find`.
pub async fn norm_ids(
    conn: &mut SqliteConnection,
    query: &str,
    kind: Option<&str>,
    status: Option<&str>,
    norm_sql: Option<String>,
    after: Option<&str>,
    limit: i64,
) -> Result<(Vec<i64>, Option<String>)> {
    let ctx_free = SearchFind {
        query: Some(query.to_string()),
        source: Some("norma".into()),
        kind: kind.map(str::to_string),
        status: status.map(str::to_string),
        after: after.map(str::to_string),
        limit: Some(limit),
        ..SearchFind::default()
    };
    let mut f = filters(&ctx_free)?;
    f.norm_sql = norm_sql;
    let parsed = parse(query);
    let start = match after.filter(|s| !s.is_empty()) {
        Some(s) => Cursor::parse(s)?,
        None => Cursor {
            tier: if parsed.fts.is_some() || parsed.ident.is_some() {
                0
            } else {
                3
            },
            rowid: None,
        },
    };
    let (hits, next) = store::page(conn, &parsed, &f, start, limit).await?;
    Ok((
        hits.into_iter().map(|h| h.id).collect(),
        next.map(Cursor::text),
    ))
}

/// Split a passage marked with \u{1}…\u{2} around the words found.
pub(crate) fn fragments(marked: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut buf = String::new();
    for c in marked.chars() {
        match c {
            '\u{1}' | '\u{2}' => {
                if !buf.is_empty() {
                    out.push(Fragment {
                        text: std::mem::take(&mut buf),
                        hit,
                    });
                }
                hit = c == '\u{1}';
            }
            '\n' => buf.push(' '),
            c => buf.push(c),
        }
    }
    if !buf.is_empty() {
        out.push(Fragment { text: buf, hit });
    }
    out
}
