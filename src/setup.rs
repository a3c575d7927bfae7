//! A new installation: the municipality's profile and what every municipality of its country
//! starts with (its numbering series), in one transaction. Composed here, above the shared
//! services, so that `municipality` need not know `numbering` (which reads the siglas from it).

use sqlx::SqliteConnection;

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
    Ok(created)
}
