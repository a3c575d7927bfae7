//! Certified copies in the registry of printable records: issued sealed, printed from their
//! seal.

use sqlx::SqliteConnection;

use super::RECORD_KIND;
use crate::context::Ctx;
use crate::error::Result;
use crate::records::registry::{BoxFuture, Listed, PrintableKinds, SealedRender};
use crate::records::RecordPdf;

/// The certified copies' printable kind, for the composition root to install.
pub static PRINTABLE: Copies = Copies;

/// The printable kind of certified copies.
pub struct Copies;

impl PrintableKinds for Copies {
    fn print_kinds(&self) -> &'static [&'static str] {
        &[RECORD_KIND]
    }

    fn sealed_kinds(&self) -> &'static [&'static str] {
        &[RECORD_KIND]
    }

    fn resolve<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        _print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, &'static str> {
        Box::pin(async move {
            super::exists(conn, id).await?;
            Ok(RECORD_KIND)
        })
    }

    fn render<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        ctx: &'a Ctx,
        _print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, RecordPdf> {
        Box::pin(super::render(conn, ctx, id))
    }

    fn render_sealed(
        &self,
        ctx: &Ctx,
        _record_kind: &str,
        value: &serde_json::Value,
        digest: &str,
        code: &str,
    ) -> Result<SealedRender> {
        let (identifier, pdf) = super::render_sealed(ctx, value, digest, code)?;
        Ok(SealedRender {
            print_kind: RECORD_KIND.to_string(),
            identifier,
            pdf,
        })
    }

    fn page<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        _print_kind: &'a str,
        after: Option<&'a serde_json::Value>,
        limit: i64,
    ) -> BoxFuture<'a, Vec<Listed>> {
        Box::pin(super::printable(conn, after, limit))
    }
}
