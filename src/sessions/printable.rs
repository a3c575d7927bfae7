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

    fn page<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        after: Option<&'a serde_json::Value>,
        limit: i64,
    ) -> BoxFuture<'a, Vec<Listed>> {
        Box::pin(page(conn, print_kind, after, limit))
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

/// A page of the actas, or of the convened sessions for the other kinds, newest first (by the
/// session's date, time and id, on its index), after the one keyed `after`.
async fn page(
    conn: &mut SqliteConnection,
    print_kind: &str,
    after: Option<&serde_json::Value>,
    limit: i64,
) -> Result<Vec<Listed>> {
    let after: Option<(String, String, i64)> =
        after.and_then(|k| serde_json::from_value(k.clone()).ok());
    let (date, time, id) = match after {
        Some((d, t, i)) => (Some(d), Some(t), Some(i)),
        None => (None, None, None),
    };
    let keyed = |rows: Vec<(i64, String, bool, String, String)>, kind: &'static str| {
        rows.into_iter()
            .map(|(id, title, sealed, date, time)| Listed {
                kind: kind.to_string(),
                record_kind: kind,
                id,
                title,
                sealed,
                key: serde_json::json!([date, time, id]),
            })
            .collect::<Vec<_>>()
    };
    // The cursor's condition only when there is one: a range on the index, not a filter.
    let from = if date.is_some() {
        "(s.date, s.time, s.id) < ($2, $3, $4)"
    } else {
        "$2 IS NULL AND $3 IS NULL AND $4 IS NULL"
    };
    if print_kind == minutes::RECORD_KIND {
        let actas: Vec<(i64, String, bool, String, String)> = sqlx::query_as(&format!(
            "SELECT s.id,
               CASE WHEN m.status = 'aprobada' THEN 'Acta de la ' ELSE 'Proyecto de acta de la ' END
                 || coalesce(s.identifier, 'sesión ' || s.date),
               m.status = 'aprobada', s.date, s.time
             FROM session s JOIN minutes m ON m.session_id = s.id
             WHERE {from}
             ORDER BY s.date DESC, s.time DESC, s.id DESC LIMIT $1"
        ))
        .bind(limit)
        .bind(&date)
        .bind(&time)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        return Ok(keyed(actas, minutes::RECORD_KIND));
    }
    let Some((kind, label)) = SESSION_PRINTS.iter().find(|(k, _)| *k == print_kind) else {
        return Ok(Vec::new());
    };
    // Numbered when started; before, named by kind and date ("sesión ordinaria del 14/03/2026").
    let convened: Vec<(i64, String, bool, String, String)> = sqlx::query_as(&format!(
        "SELECT id, coalesce(identifier, 'sesión ' || kind || ' del '
               || substr(date, 9, 2) || '/' || substr(date, 6, 2) || '/' || substr(date, 1, 4)),
           0, date, time
         FROM session s
         WHERE convened_on IS NOT NULL AND status <> 'cancelada' AND {from}
         ORDER BY date DESC, time DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .bind(&date)
    .bind(&time)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = keyed(convened, kind);
    for l in &mut out {
        l.title = format!("{label} de la {}", l.title);
    }
    Ok(out)
}
