//! Norms in the registry of printable records: one printable kind per norm kind, all sealed
//! and signed as `norma`.

use sqlx::SqliteConnection;

use super::{render, store, RECORD_KIND};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::records::registry::{BoxFuture, Listed, PrintableKinds, SealedRender};
use crate::records::RecordPdf;

/// The norms' printable kinds, for the composition root to install.
pub static PRINTABLE: Norms = Norms;

/// The printable kinds of norms.
pub struct Norms;

impl PrintableKinds for Norms {
    fn print_kinds(&self) -> &'static [&'static str] {
        &["ordenanza", "decreto", "resolucion", "acuerdo"]
    }

    fn sealed_kinds(&self) -> &'static [&'static str] {
        &[RECORD_KIND]
    }

    fn resolve<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, &'static str> {
        Box::pin(async move {
            match store::kind_of(conn, id).await? {
                Some(k) if k.as_str() == print_kind => Ok(RECORD_KIND),
                Some(k) => Err(Error::field(
                    "kind",
                    format!(
                        "El registro {id} es de tipo «{}», no «{print_kind}».",
                        k.as_str()
                    ),
                )),
                None => Err(Error::NotFound(format!(
                    "No existe la norma {id} de tipo «{print_kind}»."
                ))),
            }
        })
    }

    fn render<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        ctx: &'a Ctx,
        _print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, RecordPdf> {
        Box::pin(render::render(conn, ctx, id))
    }

    fn render_sealed(
        &self,
        ctx: &Ctx,
        _record_kind: &str,
        value: &serde_json::Value,
        digest: &str,
        code: &str,
    ) -> Result<SealedRender> {
        render::render_sealed(ctx, value, digest, code)
    }

    fn page<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        after: Option<&'a serde_json::Value>,
        limit: i64,
    ) -> BoxFuture<'a, Vec<Listed>> {
        Box::pin(store::printable(conn, print_kind, after, limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::norms::NormKind;

    #[test]
    fn print_kinds_are_the_norm_kinds() {
        let kinds: Vec<&str> = NormKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(Norms.print_kinds(), kinds.as_slice());
    }
}
