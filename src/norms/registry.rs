//! `search.find` as the registry asks it: the search (crate::search) with the norms' validity
//! today — as a filter and on each norm found — which only this area knows how to compute.

use sqlx::SqliteConnection;

use super::validity::{group_sql, labels_of};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::search::{self, SearchFind, SearchPage};

/// `search.find`: a page of the norms and actas that match, best first, each norm with its
/// validity today.
pub async fn search(conn: &mut SqliteConnection, ctx: &Ctx, p: SearchFind) -> Result<SearchPage> {
    let day = format!("'{}'", ctx.today);
    let norm_sql = match p
        .validity
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => None,
        Some(group @ ("vigente" | "derogada" | "sin_efecto")) => Some(format!(
            "EXISTS (SELECT 1 FROM norm_validity v WHERE v.norm_id = n.id AND {} = '{group}')",
            group_sql("v", &day)
        )),
        Some(_) => {
            return Err(Error::field(
                "validity",
                "Elija vigentes, derogadas o sin efecto.",
            ))
        }
    };
    let mut page = search::find(conn, ctx, p, norm_sql).await?;
    let ids: Vec<i64> = page
        .hits
        .iter()
        .filter(|h| h.source == "norma")
        .map(|h| h.id)
        .collect();
    let labels = labels_of(conn, &ids, &day).await?;
    for h in page.hits.iter_mut().filter(|h| h.source == "norma") {
        h.validity = labels.get(&h.id).map(|l| l.to_string());
    }
    Ok(page)
}
