//! A new installation: the municipality's profile and what every municipality of its country
//! starts with (its numbering series), in one transaction. Composed here, above the shared
//! services, so that `municipality` need not know `numbering` (which reads the siglas from it).

use sqlx::SqliteConnection;

use crate::auth;
use crate::context::Ctx;
use crate::error::Result;
use crate::municipality::{self, Municipality, MunicipalityCreate};
use crate::numbering;

/// `municipality.create`: the profile, then the country's default numbering series.
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: MunicipalityCreate,
) -> Result<Municipality> {
    let country = p.country.clone();
    let created = municipality::create(conn, ctx, p).await?;
    numbering::seed_series(conn, &country).await?;
    auth::roles::sync(conn, &country, &ctx.stamp()).await?;
    Ok(created)
}

/// At every start: the built-in roles, named for the municipality's country, and the default
/// permissions of methods this version added (docs/adr/0013-users-and-roles.md).
pub async fn sync_roles(pool: &sqlx::SqlitePool) -> Result<()> {
    let mut conn = pool.acquire().await?;
    let mut tx = sqlx::Connection::begin_with(&mut *conn, crate::db::BEGIN_WRITE).await?;
    let country = municipality::find(&mut tx)
        .await?
        .map_or_else(|| "PE".to_string(), |m| m.country);
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    auth::roles::sync(&mut tx, &country, &now).await?;
    tx.commit().await?;
    Ok(())
}
