//! The registry of printable kinds. `records` knows no area: each area that prints records
//! (norms, certified copies, sessions…) implements [`PrintableKinds`] for the kinds it owns,
//! and the composition root installs them once ([`install`]). Listing, rendering, signing,
//! history and verification then find a kind's area here.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::files;

/// The future an area's printable functions return (boxed: the trait is used as an object).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// A rendered record with what signing needs.
pub struct RecordPdf {
    /// The PDF (the last signed version when there are signatures).
    pub pdf: Vec<u8>,
    /// Pages.
    pub pages: u32,
    /// Where each signatory signs, from the engine.
    pub boxes: Vec<crate::pdf::SignatureBox>,
    /// Suggested file name.
    pub filename: String,
    /// Number of signatures in `pdf`.
    pub signatures: i64,
    /// Signature blocks, in order: (name, cargo, DNI/RUN when printed).
    pub signers: Vec<(String, String, Option<String>)>,
}

/// A record as its area lists it; `records.list` adds the count of its signatures.
pub struct Listed {
    /// Printable kind (`ordenanza`, `acta`…).
    pub kind: String,
    /// Kind stored in seals and signatures (`norma`, `acta`…).
    pub record_kind: &'static str,
    /// Id within its printable kind.
    pub id: i64,
    /// Identifier and title, or "Proyecto: …".
    pub title: String,
    /// Whether it is sealed.
    pub sealed: bool,
    /// Its place in its area's order within its printable kind (the sort key, ending with
    /// the id), given back as `after` for the next page.
    pub key: serde_json::Value,
}

/// A sealed record rendered again from its frozen content.
pub struct SealedRender {
    /// Its printable kind.
    pub print_kind: String,
    /// Its identifier ("ORDENANZA N° 007-2026-MDSRQ").
    pub identifier: String,
    /// The record as Cabildo prints it.
    pub pdf: RecordPdf,
}

/// The printable kinds one area owns.
pub trait PrintableKinds: Send + Sync {
    /// The printable kinds it answers for, as `cabildo print` names them.
    fn print_kinds(&self) -> &'static [&'static str];

    /// The record kinds (in seals, signatures and history) whose frozen content it renders.
    fn sealed_kinds(&self) -> &'static [&'static str];

    /// The record kind of record `id` of `print_kind`, once it is known to exist and print.
    fn resolve<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, &'static str>;

    /// Render a record resolved before: its sealed content when sealed, its draft otherwise.
    fn render<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        ctx: &'a Ctx,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, RecordPdf>;

    /// Render the frozen content of a sealed record of one of its [`Self::sealed_kinds`].
    fn render_sealed(
        &self,
        ctx: &Ctx,
        record_kind: &str,
        value: &serde_json::Value,
        digest: &str,
        code: &str,
    ) -> Result<SealedRender>;

    /// A page of its printable records of `print_kind`, newest first, after the one whose
    /// [`Listed::key`] is `after` (the first page when `None`); `limit` rows at most. Sorted in
    /// SQL on an index: a page reads its rows and stops.
    fn page<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        after: Option<&'a serde_json::Value>,
        limit: i64,
    ) -> BoxFuture<'a, Vec<Listed>>;
}

static AREAS: OnceLock<Vec<&'static dyn PrintableKinds>> = OnceLock::new();

/// Install the areas' printable kinds, in the order `cabildo print` lists them. The first
/// call wins: the composition root installs the same set every time it opens a store.
pub fn install(areas: Vec<&'static dyn PrintableKinds>) {
    AREAS.get_or_init(|| areas);
}

fn areas() -> &'static [&'static dyn PrintableKinds] {
    AREAS.get().map(Vec::as_slice).unwrap_or_default()
}

/// Every printable kind, as `cabildo print` names them.
pub fn print_kinds() -> Vec<&'static str> {
    areas()
        .iter()
        .flat_map(|a| a.print_kinds().iter().copied())
        .collect()
}

fn area_printing(print_kind: &str) -> Result<&'static dyn PrintableKinds> {
    areas()
        .iter()
        .copied()
        .find(|a| a.print_kinds().contains(&print_kind))
        .ok_or_else(|| {
            Error::field(
                "kind",
                format!(
                    "«{print_kind}» no es un tipo de documento imprimible. Tipos: {}.",
                    print_kinds().join(", ")
                ),
            )
        })
}

/// Render the frozen content of a sealed record of `record_kind`.
pub(crate) fn render_sealed(
    ctx: &Ctx,
    record_kind: &str,
    value: &serde_json::Value,
    digest: &str,
    code: &str,
) -> Result<SealedRender> {
    areas()
        .iter()
        .find(|a| a.sealed_kinds().contains(&record_kind))
        .ok_or_else(|| Error::Internal(format!("sello de un tipo desconocido: {record_kind}")))?
        .render_sealed(ctx, record_kind, value, digest, code)
}

/// A record as `print --list` and the record lists show it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, FromRow)]
pub struct Printable {
    /// `ordenanza`, `decreto`, `resolucion`, `acuerdo`, `copia-certificada`.
    pub kind: String,
    /// Id of the record within its kind.
    pub id: i64,
    /// Identifier and title ("ORDENANZA N° 007-2026-MDSRQ — Ordenanza que …"), or "Proyecto: …".
    pub title: String,
    /// Whether it is sealed.
    pub sealed: bool,
    /// Number of digital signatures.
    pub signatures: i64,
}

/// Params of `records.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordList {
    /// Only this printable kind (`ordenanza`, `acta`, `copia-certificada`…).
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<String>,
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `records.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PrintablePage {
    /// The records: by printable kind, newest first within each.
    pub rows: Vec<Printable>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `records.list`: a page of printable records, by printable kind (alphabetically) and newest
/// first within each kind. Each area pages its own kinds on its own indexes; a page asks the
/// kinds in order, from the cursor's, until it has its rows.
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: RecordList) -> Result<PrintablePage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<(String, serde_json::Value)>(p.after.as_deref())?;
    let mut kinds: Vec<(&'static dyn PrintableKinds, &'static str)> = areas()
        .iter()
        .flat_map(|a| a.print_kinds().iter().map(move |k| (*a, *k)))
        .collect();
    kinds.sort_by_key(|(_, k)| *k);
    if let Some(only) = p.kind.as_deref() {
        area_printing(only)?;
        kinds.retain(|(_, k)| *k == only);
    }
    let mut listed: Vec<Listed> = Vec::new();
    for (area, kind) in kinds {
        let from = match &after {
            Some((at, _)) if kind < at.as_str() => continue,
            Some((at, key)) if kind == at.as_str() => Some(key),
            _ => None,
        };
        let want = limit + 1 - listed.len() as i64;
        listed.extend(area.page(conn, kind, from, want).await?);
        if listed.len() as i64 > limit {
            break;
        }
    }
    let (listed, next) = crate::paging::finish(listed, limit, |l| (l.kind.clone(), l.key.clone()));
    let mut rows = Vec::with_capacity(listed.len());
    for l in listed {
        let signatures: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM record_signature WHERE record_kind = $1 AND record_id = $2",
        )
        .bind(l.record_kind)
        .bind(l.id)
        .fetch_one(&mut *conn)
        .await?;
        rows.push(Printable {
            kind: l.kind,
            id: l.id,
            title: l.title,
            sealed: l.sealed,
            signatures,
        });
    }
    Ok(PrintablePage { rows, next })
}

/// A record named by its printable kind and id.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    /// Printable kind (`ordenanza`, `copia-certificada`…).
    pub kind: String,
    /// Id.
    pub id: i64,
}

/// Where records of a printable kind live: (kind stored in seals and signatures, id).
pub(crate) async fn resolve(
    conn: &mut SqliteConnection,
    r: &RecordRef,
) -> Result<(&'static str, i64)> {
    let kind = area_printing(&r.kind)?.resolve(conn, &r.kind, r.id).await?;
    Ok((kind, r.id))
}

/// Render a record: its sealed content when sealed (identical bytes every time), its draft
/// otherwise; the last signed PDF when it has signatures.
pub async fn render(conn: &mut SqliteConnection, ctx: &Ctx, r: &RecordRef) -> Result<RecordPdf> {
    let area = area_printing(&r.kind)?;
    let kind = area.resolve(conn, &r.kind, r.id).await?;
    let id = r.id;
    let mut out = area.render(conn, ctx, &r.kind, id).await?;
    let last: Option<String> = sqlx::query_scalar(
        "SELECT file_sha256 FROM record_signature WHERE record_kind = $1 AND record_id = $2
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(sha) = last {
        out.pdf = files::read(&ctx.files_dir, &sha)?;
        out.signatures = sqlx::query_scalar(
            "SELECT count(*) FROM record_signature WHERE record_kind = $1 AND record_id = $2",
        )
        .bind(kind)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        out.filename = out.filename.replace(".pdf", "-firmado.pdf");
    }
    Ok(out)
}

/// File name for a record: "ORDENANZA N° 007-2026-MDSRQ" → "ORDENANZA-N-007-2026-MDSRQ.pdf".
pub fn file_name(identifier: &str) -> String {
    let mut out = String::new();
    for c in identifier.chars() {
        let c = match c {
            'á' | 'Á' => 'A',
            'é' | 'É' => 'E',
            'í' | 'Í' => 'I',
            'ó' | 'Ó' => 'O',
            'ú' | 'Ú' | 'ü' | 'Ü' => 'U',
            'ñ' | 'Ñ' => 'N',
            c if c.is_ascii_alphanumeric() => c.to_ascii_uppercase(),
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    format!("{}.pdf", out.trim_end_matches('-'))
}
