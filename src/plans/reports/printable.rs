//! The plans' reports in the registry of printable records: one printable kind per kind of
//! report, all sealed and signed as `informe-plan`.

use sqlx::SqliteConnection;

use super::{render, store, RECORD_KIND};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::records::registry::{BoxFuture, Listed, PrintableKinds, SealedRender};
use crate::records::RecordPdf;

/// The reports' printable kinds, for the composition root to install.
pub static PRINTABLE: PlanReports = PlanReports;

/// The printable kinds of the plans' reports.
pub struct PlanReports;

impl PrintableKinds for PlanReports {
    fn print_kinds(&self) -> &'static [&'static str] {
        &[
            "informe-mensual",
            "seguimiento-poi",
            "seguimiento-pei",
            "evaluacion-anual",
        ]
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
            let row = store::row(conn, id).await.map_err(|_| {
                Error::NotFound(format!("No existe el informe {id} de tipo «{print_kind}»."))
            })?;
            if row.kind.as_str() != print_kind {
                return Err(Error::field(
                    "kind",
                    format!(
                        "El informe {id} es de tipo «{}», no «{print_kind}».",
                        row.kind.as_str()
                    ),
                ));
            }
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
        Box::pin(async move {
            let after: Option<i64> = after.and_then(|k| serde_json::from_value(k.clone()).ok());
            Ok(store::printable(conn, print_kind, after, limit)
                .await?
                .into_iter()
                .map(|r| Listed {
                    kind: r.kind.as_str().to_string(),
                    record_kind: RECORD_KIND,
                    id: r.id,
                    title: if r.sealed_at.is_some() {
                        r.title
                    } else {
                        format!("Borrador: {}", r.title)
                    },
                    sealed: r.sealed_at.is_some(),
                    key: serde_json::json!(r.id),
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::reports::ReportKind;

    #[test]
    fn print_kinds_are_the_report_kinds() {
        let kinds: Vec<&str> = ReportKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(PlanReports.print_kinds(), kinds.as_slice());
    }
}
