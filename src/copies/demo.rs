//! The demo's certified copy: of its first sealed norm, at the request of the market's
//! traders.

use chrono::Duration;
use sqlx::SqliteConnection;

use super::CopyCreate;
use crate::context::Ctx;
use crate::error::Result;

/// Certify norm `norm_id`, when the demo has one; returns how many norms and copies exist
/// afterwards (the demo's printable records).
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    norm_id: Option<i64>,
) -> Result<i64> {
    if let Some(id) = norm_id {
        super::create(
            conn,
            ctx,
            CopyCreate {
                norm_id: Some(id),
                file_path: None,
                description: None,
                purpose: Some(
                    "Se expide la presente a solicitud de la Asociación de Comerciantes del Mercado de Abastos, para los fines que estime conveniente.".into(),
                ),
                date: Some(ctx.today - Duration::days(5)),
                certifier: None,
            },
        )
        .await?;
    }
    Ok(crate::norms::count(conn).await? + super::count(conn).await?)
}
