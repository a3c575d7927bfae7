//! The only code that reads `search_text`; norms and actas are read through the views their
//! areas publish (`norm_facet`, `acta_facet`, migration 0022).

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{fragments, Cursor, Filters, Parsed, SearchHit};
use crate::error::Result;

/// Rowid layout (migration 0022): days since 1900-01-01 × 10⁹ + source × 10⁸ + id.
const DAY: i64 = 1_000_000_000;
const SOURCE: i64 = 100_000_000;

fn days(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")).num_days()
}

fn rowid_of(date: &str, source: i64, id: i64) -> i64 {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap_or_default();
    days(d) * DAY + source * SOURCE + id
}

enum Bind {
    Text(String),
    Int(i64),
}

/// The conditions every tier shares: date range, source, and the norm or acta filters.
fn conditions(f: &Filters, binds: &mut Vec<Bind>) -> String {
    let mut c = String::new();
    if let Some(from) = f.from {
        binds.push(Bind::Int(days(from) * DAY));
        c += &format!(" AND rowid >= ${}", binds.len());
    }
    if let Some(to) = f.to {
        binds.push(Bind::Int((days(to) + 1) * DAY - 1));
        c += &format!(" AND rowid <= ${}", binds.len());
    }
    if let Some(s) = f.source {
        c += &format!(" AND (rowid % {DAY}) / {SOURCE} = {s}");
    }
    let mut norm = String::new();
    if let Some(k) = &f.kind {
        binds.push(Bind::Text(k.clone()));
        norm += &format!(" AND n.kind = ${}", binds.len());
    }
    if let Some(s) = &f.series {
        binds.push(Bind::Text(s.clone()));
        norm += &format!(" AND n.series = ${}", binds.len());
    }
    if let Some(words) = &f.issuer {
        for w in words.split_whitespace() {
            binds.push(Bind::Text(format!("%{w}%")));
            norm += &format!(" AND n.issuer LIKE ${}", binds.len());
        }
    }
    if let Some(cond) = &f.norm_sql {
        norm += &format!(" AND {cond}");
    }
    let mut acta = String::new();
    if let Some(s) = &f.status {
        binds.push(Bind::Text(s.clone()));
        norm += &format!(" AND n.status = ${}", binds.len());
        acta += &format!(" AND a.status = ${}", binds.len());
    }
    if !norm.is_empty() || !acta.is_empty() {
        let norm_ok = format!(
            "EXISTS (SELECT 1 FROM norm_facet n WHERE n.id = search_text.rowid % {SOURCE}{norm})"
        );
        let acta_ok = if f.source == Some(1) || !norm.is_empty() && acta.is_empty() {
            "0".to_string()
        } else {
            format!(
                "EXISTS (SELECT 1 FROM acta_facet a WHERE a.id = search_text.rowid % {SOURCE}{acta})"
            )
        };
        c += &format!(
            " AND CASE (rowid % {DAY}) / {SOURCE} WHEN 1 THEN {norm_ok} ELSE {acta_ok} END"
        );
    }
    c
}

/// The norms whose number was typed (tier 0), newest first, as rowids.
async fn by_number(conn: &mut SqliteConnection, p: &Parsed, f: &Filters) -> Result<Vec<i64>> {
    let Some(ident) = &p.ident else {
        return Ok(Vec::new());
    };
    if f.source == Some(2) {
        return Ok(Vec::new());
    }
    let mut binds = vec![Bind::Int(ident.number)];
    let mut sql = String::from(
        "SELECT n.id, n.date FROM norm_facet n WHERE n.number = $1 AND n.status = 'sellada'",
    );
    if let Some(y) = ident.year {
        binds.push(Bind::Text(format!("{y:04}")));
        sql += &format!(" AND substr(n.date, 1, 4) = ${}", binds.len());
    }
    if let Some(k) = ident.kind {
        binds.push(Bind::Text(k.to_string()));
        sql += &format!(" AND n.kind = ${}", binds.len());
    }
    for (cond, v) in [
        ("n.kind", &f.kind),
        ("n.series", &f.series),
        ("n.status", &f.status),
    ] {
        if let Some(v) = v {
            binds.push(Bind::Text(v.clone()));
            sql += &format!(" AND {cond} = ${}", binds.len());
        }
    }
    if let Some(from) = f.from {
        binds.push(Bind::Text(from.to_string()));
        sql += &format!(" AND n.date >= ${}", binds.len());
    }
    if let Some(to) = f.to {
        binds.push(Bind::Text(to.to_string()));
        sql += &format!(" AND n.date <= ${}", binds.len());
    }
    if let Some(words) = &f.issuer {
        for w in words.split_whitespace() {
            binds.push(Bind::Text(format!("%{w}%")));
            sql += &format!(" AND n.issuer LIKE ${}", binds.len());
        }
    }
    if let Some(cond) = &f.norm_sql {
        sql += &format!(" AND {cond}");
    }
    sql += " ORDER BY n.date DESC, n.id DESC LIMIT 50";
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for b in binds {
        q = match b {
            Bind::Text(t) => q.bind(t),
            Bind::Int(i) => q.bind(i),
        };
    }
    let rows = q.fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, date)| rowid_of(&date, 1, id))
        .collect())
}

/// Up to `n` rows of one tier after `before`, newest first: (rowid, marked passage).
async fn tier(
    conn: &mut SqliteConnection,
    p: &Parsed,
    f: &Filters,
    tier: u8,
    before: Option<i64>,
    exclude: &[i64],
    n: i64,
) -> Result<Vec<(i64, String)>> {
    let mut binds = Vec::new();
    let mut sql = String::new();
    match (tier, &p.fts) {
        (3, _) => {
            sql += "SELECT rowid, '' FROM search_text WHERE 1";
        }
        (1, Some(e)) => {
            binds.push(Bind::Text(format!("{{ident title}} : ({e})")));
            sql += "SELECT rowid, snippet(search_text, -1, char(1), char(2), '…', 24)
                    FROM search_text WHERE search_text MATCH $1";
        }
        (2, Some(e)) => {
            binds.push(Bind::Text(format!("({e}) NOT {{ident title}} : ({e})")));
            sql += "SELECT rowid, snippet(search_text, 2, char(1), char(2), '…', 24)
                    FROM search_text WHERE search_text MATCH $1";
        }
        _ => return Ok(Vec::new()),
    }
    if let Some(b) = before {
        binds.push(Bind::Int(b));
        sql += &format!(" AND rowid < ${}", binds.len());
    }
    if !exclude.is_empty() {
        let list: Vec<String> = exclude.iter().map(i64::to_string).collect();
        sql += &format!(" AND rowid NOT IN ({})", list.join(","));
    }
    sql += &conditions(f, &mut binds);
    binds.push(Bind::Int(n));
    sql += &format!(" ORDER BY rowid DESC LIMIT ${}", binds.len());
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for b in binds {
        q = match b {
            Bind::Text(t) => q.bind(t),
            Bind::Int(i) => q.bind(i),
        };
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// What the hits show of a norm or an acta: (id, kind, identifier, title, date, status).
type Facet = (i64, String, Option<String>, String, String, String);

async fn facets(conn: &mut SqliteConnection, source: i64, ids: &[i64]) -> Result<Vec<Facet>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let sql = if source == 1 {
        format!(
            "SELECT id, kind, identifier, title, date, status FROM norm_facet WHERE id IN ({})",
            list.join(",")
        )
    } else {
        format!(
            "SELECT id, 'acta', identifier, title, date, status FROM acta_facet WHERE id IN ({})",
            list.join(",")
        )
    };
    Ok(sqlx::query_as(&sql).fetch_all(&mut *conn).await?)
}

/// A page from `start`: up to `limit` hits and the cursor of the next page.
pub(super) async fn page(
    conn: &mut SqliteConnection,
    p: &Parsed,
    f: &Filters,
    start: Cursor,
    limit: i64,
) -> Result<(Vec<SearchHit>, Option<Cursor>)> {
    let numbered = by_number(conn, p, f).await?;
    // (tier, rowid, passage), one more than the page to know whether another follows.
    let mut found: Vec<(u8, i64, String)> = Vec::new();
    let want = (limit + 1) as usize;
    for t in start.tier..=3 {
        if found.len() >= want {
            break;
        }
        let before = if t == start.tier { start.rowid } else { None };
        let searching = p.fts.is_some() || p.ident.is_some();
        if (t == 3) == searching {
            continue;
        }
        let rows: Vec<(i64, String)> = if t == 0 {
            numbered
                .iter()
                .filter(|r| before.is_none_or(|b| **r < b))
                .map(|r| (*r, String::new()))
                .collect()
        } else {
            let n = (want - found.len()) as i64;
            tier(conn, p, f, t, before, &numbered, n).await?
        };
        found.extend(
            rows.into_iter()
                .take(want - found.len())
                .map(|(r, s)| (t, r, s)),
        );
    }
    let next = if found.len() > limit as usize {
        found.truncate(limit as usize);
        found.last().map(|(t, r, _)| Cursor {
            tier: *t,
            rowid: Some(*r),
        })
    } else {
        None
    };
    // What each record shows, read by source.
    let ids = |s: i64| -> Vec<i64> {
        found
            .iter()
            .filter(|(_, r, _)| (r % DAY) / SOURCE == s)
            .map(|(_, r, _)| r % SOURCE)
            .collect()
    };
    let norms = facets(conn, 1, &ids(1)).await?;
    let actas = facets(conn, 2, &ids(2)).await?;
    let hits = found
        .into_iter()
        .filter_map(|(t, r, passage)| {
            let source = (r % DAY) / SOURCE;
            let id = r % SOURCE;
            let pool = if source == 1 { &norms } else { &actas };
            let (_, kind, identifier, title, date, status) =
                pool.iter().find(|x| x.0 == id)?.clone();
            Some(SearchHit {
                source: if source == 1 { "norma" } else { "acta" }.to_string(),
                id,
                kind,
                identifier,
                title,
                date,
                status,
                validity: None,
                matched: match t {
                    0 => "numero",
                    1 => "titulo",
                    2 => "texto",
                    _ => "",
                }
                .to_string(),
                passage: fragments(&passage),
            })
        })
        .collect();
    Ok((hits, next))
}
