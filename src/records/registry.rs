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

    /// Its printable records, in any order.
    fn list<'a>(&'a self, conn: &'a mut SqliteConnection) -> BoxFuture<'a, Vec<Listed>>;
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

/// `records.list`: every printable record, newest first within each kind.
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: crate::context::Empty,
) -> Result<Vec<Printable>> {
    let counts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT record_kind, record_id, count(*) FROM record_signature
         GROUP BY record_kind, record_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let counts: std::collections::HashMap<(String, i64), i64> = counts
        .into_iter()
        .map(|(kind, id, n)| ((kind, id), n))
        .collect();
    let mut out = Vec::new();
    for area in areas() {
        for l in area.list(conn).await? {
            out.push(Printable {
                signatures: counts
                    .get(&(l.record_kind.to_string(), l.id))
                    .copied()
                    .unwrap_or(0),
                kind: l.kind,
                id: l.id,
                title: l.title,
                sealed: l.sealed,
            });
        }
    }
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then(b.id.cmp(&a.id)));
    Ok(out)
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
