//! The demo municipality's letterhead: a logo (an invented shield) and the subtitle under
//! the name (its province and region).

use sqlx::SqliteConnection;

use crate::context::Ctx;
use crate::error::Result;
use crate::files;

/// The demo's letterhead: a logo (an invented shield) and the subtitle under the name.
pub(crate) async fn letterhead(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    subtitle: &str,
) -> Result<()> {
    let logo = crate::pdf::sample::logo_png();
    let sha = files::store(conn, ctx, &logo, "image/png", "escudo.png").await?;
    crate::municipality::set_logo(conn, &sha, "image/png").await?;
    sqlx::query("UPDATE print_settings SET letterhead_subtitle = $1 WHERE id = 1")
        .bind(subtitle)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
