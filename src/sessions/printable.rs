//! Sessions in the registry of printable records: the acta (sealed once approved; its id is
//! its session's), and the convocatoria, agenda and packet of every convened session
//! (numbered or not yet: a session is numbered when it starts).

use sqlx::SqliteConnection;

use super::{minutes, print};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::records::registry::{BoxFuture, Listed, PrintableKinds, SealedRender};
use crate::records::RecordPdf;

/// The sessions' printable kinds, for the composition root to install.
pub static PRINTABLE: SessionPrints = SessionPrints;

/// The printable kinds of sessions.
pub struct SessionPrints;

/// The printable kinds printed from a convened session, with their list labels.
const SESSION_PRINTS: [(&str, &str); 3] = [
    ("convocatoria", "Convocatoria"),
    ("agenda", "Agenda"),
    ("paquete", "Documentos"),
];

impl PrintableKinds for SessionPrints {
    fn print_kinds(&self) -> &'static [&'static str] {
        &[minutes::RECORD_KIND, "convocatoria", "agenda", "paquete"]
    }

    fn sealed_kinds(&self) -> &'static [&'static str] {
        &[minutes::RECORD_KIND]
    }

    fn resolve<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, &'static str> {
        Box::pin(resolve(conn, print_kind, id))
    }

    fn render<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        ctx: &'a Ctx,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, RecordPdf> {
        Box::pin(async move {
            match print_kind {
                "convocatoria" => print::convocation(conn, ctx, id).await,
                "agenda" => print::agenda(conn, ctx, id).await,
                "paquete" => print::packet(conn, ctx, id).await,
                _ => minutes::render(conn, ctx, id).await,
            }
        })
    }

    fn render_sealed(
        &self,
        ctx: &Ctx,
        _record_kind: &str,
        value: &serde_json::Value,
        digest: &str,
        code: &str,
    ) -> Result<SealedRender> {
        let (identifier, pdf) = minutes::render_sealed(ctx, value, digest, code)?;
        Ok(SealedRender {
            print_kind: minutes::RECORD_KIND.to_string(),
            identifier,
            pdf,
        })
    }

    fn list<'a>(&'a self, conn: &'a mut SqliteConnection) -> BoxFuture<'a, Vec<Listed>> {
        Box::pin(list(conn))
    }
}

async fn resolve(conn: &mut SqliteConnection, print_kind: &str, id: i64) -> Result<&'static str> {
    if let Some((kind, _)) = SESSION_PRINTS.iter().find(|(k, _)| *k == print_kind) {
        // Convened sessions print (they are numbered later, when they start).
        let ident: Option<Option<String>> =
            sqlx::query_scalar("SELECT convened_on FROM session WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
        return match ident {
            None => Err(Error::NotFound(format!("No existe la sesión {id}."))),
            Some(None) => Err(Error::Conflict(
                "La sesión no ha sido convocada todavía.".into(),
            )),
            Some(Some(_)) => Ok(kind),
        };
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM minutes WHERE session_id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        return Err(Error::NotFound(format!(
            "La sesión {id} no tiene acta (el id de un acta es el de su sesión)."
        )));
    }
    Ok(minutes::RECORD_KIND)
}

async fn list(conn: &mut SqliteConnection) -> Result<Vec<Listed>> {
    let actas: Vec<(i64, String, bool)> = sqlx::query_as(
        "SELECT m.session_id,
           CASE WHEN m.status = 'aprobada' THEN 'Acta de la ' ELSE 'Proyecto de acta de la ' END
             || coalesce(s.identifier, 'sesión ' || s.date),
           m.status = 'aprobada'
         FROM minutes m JOIN session s ON s.id = m.session_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    // Numbered when started; before, named by kind and date ("sesión ordinaria del 14/03/2026").
    let convened: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, coalesce(identifier, 'sesión ' || kind || ' del '
               || substr(date, 9, 2) || '/' || substr(date, 6, 2) || '/' || substr(date, 1, 4))
         FROM session
         WHERE convened_on IS NOT NULL AND status <> 'cancelada'",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<Listed> = actas
        .into_iter()
        .map(|(id, title, sealed)| Listed {
            kind: minutes::RECORD_KIND.to_string(),
            record_kind: minutes::RECORD_KIND,
            id,
            title,
            sealed,
        })
        .collect();
    for (kind, label) in SESSION_PRINTS {
        out.extend(convened.iter().map(|(id, identifier)| Listed {
            kind: kind.to_string(),
            record_kind: kind,
            id: *id,
            title: format!("{label} de la {identifier}"),
            sealed: false,
        }));
    }
    Ok(out)
}
