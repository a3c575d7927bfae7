//! The organisation: units of the organisation chart (a tree), people and their positions.

mod people;

pub use people::*;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};

/// Kinds of unit (ROF vocabulary).
pub const UNIT_KINDS: &[(&str, &str)] = &[
    ("gobierno", "Órgano de gobierno"),
    ("alta_direccion", "Alta dirección"),
    ("asesoramiento", "Órgano de asesoramiento"),
    ("apoyo", "Órgano de apoyo"),
    ("linea", "Órgano de línea"),
    ("desconcentrado", "Órgano desconcentrado"),
];

/// A unit of the organisation chart.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct OrgUnit {
    /// Id.
    pub id: i64,
    /// Parent unit (null for the top).
    pub parent_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Code (unique: "GM", "SG", "GDU-SGOP").
    pub code: String,
    /// Kind (see [`UNIT_KINDS`]).
    pub kind: String,
    /// Head of the unit.
    pub head_person_id: Option<i64>,
    /// Head's full name.
    pub head_name: Option<String>,
    /// Order among siblings.
    pub sort_order: i64,
}

const UNIT_SELECT: &str = "SELECT u.id, u.parent_id, u.name, u.code, u.kind, u.head_person_id,
    CASE WHEN p.id IS NULL THEN NULL ELSE p.given_names || ' ' || p.surnames END AS head_name, u.sort_order
    FROM org_unit u LEFT JOIN person p ON p.id = u.head_person_id";

/// `org.unit.list`: every unit, parents before children, siblings in order.
pub async fn unit_list(conn: &mut SqliteConnection, _ctx: &Ctx, _p: Empty) -> Result<Vec<OrgUnit>> {
    let all: Vec<OrgUnit> = sqlx::query_as(&format!("{UNIT_SELECT} ORDER BY u.sort_order, u.id"))
        .fetch_all(&mut *conn)
        .await?;
    Ok(tree_order(all))
}

/// Order units depth-first so that the UI can draw the tree from the list.
fn tree_order(all: Vec<OrgUnit>) -> Vec<OrgUnit> {
    fn walk(parent: Option<i64>, all: &[OrgUnit], out: &mut Vec<OrgUnit>) {
        for u in all.iter().filter(|u| u.parent_id == parent) {
            out.push(u.clone());
            walk(Some(u.id), all, out);
        }
    }
    let mut out = Vec::with_capacity(all.len());
    walk(None, &all, &mut out);
    out
}

async fn unit(conn: &mut SqliteConnection, id: i64) -> Result<OrgUnit> {
    sqlx::query_as(&format!("{UNIT_SELECT} WHERE u.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No existe la unidad orgánica {id}.")))
}

/// Params of `org.unit.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgUnitCreate {
    /// Parent unit.
    pub parent_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Code.
    pub code: String,
    /// Kind.
    pub kind: String,
    /// Head.
    pub head_person_id: Option<i64>,
}

/// Params of `org.unit.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgUnitUpdate {
    /// Unit id.
    pub id: i64,
    /// Parent unit.
    pub parent_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Code.
    pub code: String,
    /// Kind.
    pub kind: String,
    /// Head.
    pub head_person_id: Option<i64>,
}

async fn validate_unit(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    parent_id: Option<i64>,
    name: &str,
    code: &str,
    kind: &str,
    head: Option<i64>,
) -> Result<()> {
    if name.chars().count() < 3 {
        return Err(Error::field(
            "name",
            "Escriba el nombre de la unidad (por ejemplo «Gerencia Municipal»).",
        ));
    }
    if code.is_empty() || code.chars().count() > 20 || code.contains(char::is_whitespace) {
        return Err(Error::field(
            "code",
            "El código va sin espacios, de 1 a 20 caracteres (por ejemplo «GM» o «SG-ATD»).",
        ));
    }
    if !UNIT_KINDS.iter().any(|(k, _)| *k == kind) {
        return Err(Error::field("kind", "Elija el tipo de órgano."));
    }
    let clash: Option<String> =
        sqlx::query_scalar("SELECT name FROM org_unit WHERE code = ? AND id IS NOT ?")
            .bind(code)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(other) = clash {
        return Err(Error::field(
            "code",
            format!("El código «{code}» ya lo usa «{other}»."),
        ));
    }
    if let Some(parent) = parent_id {
        // Walk up from the new parent: reaching the unit itself would make a cycle.
        let mut cursor = Some(parent);
        let mut steps = 0;
        while let Some(c) = cursor {
            if Some(c) == id {
                return Err(Error::field("parent_id", "Una unidad no puede depender de sí misma ni de una unidad que depende de ella."));
            }
            cursor =
                sqlx::query_scalar::<_, Option<i64>>("SELECT parent_id FROM org_unit WHERE id = ?")
                    .bind(c)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| Error::field("parent_id", "La unidad superior no existe."))?;
            steps += 1;
            if steps > 1000 {
                return Err(Error::Internal("el organigrama tiene un ciclo".into()));
            }
        }
    }
    if let Some(h) = head {
        let exists: i64 = sqlx::query_scalar("SELECT count(*) FROM person WHERE id = ?")
            .bind(h)
            .fetch_one(&mut *conn)
            .await?;
        if exists == 0 {
            return Err(Error::field(
                "head_person_id",
                "La persona elegida como responsable no existe.",
            ));
        }
    }
    Ok(())
}

/// `org.unit.create`: the new unit goes last among its siblings.
pub async fn unit_create(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgUnitCreate,
) -> Result<OrgUnit> {
    let name = p.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let code = p.code.trim().to_uppercase();
    validate_unit(
        conn,
        None,
        p.parent_id,
        &name,
        &code,
        &p.kind,
        p.head_person_id,
    )
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO org_unit (parent_id, name, code, kind, head_person_id, sort_order)
         VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM org_unit WHERE parent_id IS ?))
         RETURNING id",
    )
    .bind(p.parent_id)
    .bind(&name)
    .bind(&code)
    .bind(&p.kind)
    .bind(p.head_person_id)
    .bind(p.parent_id)
    .fetch_one(&mut *conn)
    .await?;
    unit(conn, id).await
}

/// `org.unit.update`.
pub async fn unit_update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: OrgUnitUpdate,
) -> Result<OrgUnit> {
    let current = unit(conn, p.id).await?;
    let name = p.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let code = p.code.trim().to_uppercase();
    validate_unit(
        conn,
        Some(p.id),
        p.parent_id,
        &name,
        &code,
        &p.kind,
        p.head_person_id,
    )
    .await?;
    let moved = current.parent_id != p.parent_id;
    sqlx::query(
        "UPDATE org_unit SET parent_id = ?, name = ?, code = ?, kind = ?, head_person_id = ?,
         sort_order = CASE WHEN ? THEN (SELECT coalesce(max(sort_order), 0) + 1 FROM org_unit WHERE parent_id IS ?) ELSE sort_order END
         WHERE id = ?",
    )
    .bind(p.parent_id)
    .bind(&name)
    .bind(&code)
    .bind(&p.kind)
    .bind(p.head_person_id)
    .bind(moved)
    .bind(p.parent_id)
    .bind(p.id)
    .execute(&mut *conn)
    .await?;
    unit(conn, p.id).await
}

/// Params of `org.unit.move`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgUnitMove {
    /// Unit id.
    pub id: i64,
    /// `up` or `down` among its siblings.
    pub direction: String,
}

/// `org.unit.move`: swap a unit with its previous or next sibling.
pub async fn unit_move(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: OrgUnitMove,
) -> Result<Vec<OrgUnit>> {
    let u = unit(conn, p.id).await?;
    let siblings: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, sort_order FROM org_unit WHERE parent_id IS ? ORDER BY sort_order, id",
    )
    .bind(u.parent_id)
    .fetch_all(&mut *conn)
    .await?;
    let pos = siblings
        .iter()
        .position(|(id, _)| *id == u.id)
        .expect("a unit is among its siblings");
    let other = match p.direction.as_str() {
        "up" if pos > 0 => pos - 1,
        "down" if pos + 1 < siblings.len() => pos + 1,
        "up" | "down" => return unit_list(conn, ctx, Empty {}).await,
        _ => return Err(Error::field("direction", "Use «up» o «down».")),
    };
    // Renumber siblings 1..n with the two swapped, so equal sort orders never stall a move.
    let mut order: Vec<i64> = siblings.iter().map(|(id, _)| *id).collect();
    order.swap(pos, other);
    for (i, id) in order.iter().enumerate() {
        sqlx::query("UPDATE org_unit SET sort_order = ? WHERE id = ?")
            .bind(i as i64 + 1)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    unit_list(conn, ctx, Empty {}).await
}

/// `org.unit.delete`: only a unit with no sub-units and no positions.
pub async fn unit_delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let u = unit(conn, p.id).await?;
    let children: i64 = sqlx::query_scalar("SELECT count(*) FROM org_unit WHERE parent_id = ?")
        .bind(p.id)
        .fetch_one(&mut *conn)
        .await?;
    if children > 0 {
        return Err(Error::Conflict(format!(
            "«{}» tiene {children} unidad(es) dependiente(s): muévalas o elimínelas primero.",
            u.name
        )));
    }
    let positions: i64 = sqlx::query_scalar("SELECT count(*) FROM position WHERE unit_id = ?")
        .bind(p.id)
        .fetch_one(&mut *conn)
        .await?;
    if positions > 0 {
        return Err(Error::Conflict(format!(
            "«{}» tiene cargos registrados (también históricos); no se puede eliminar.",
            u.name
        )));
    }
    sqlx::query("DELETE FROM org_unit WHERE id = ?")
        .bind(p.id)
        .execute(&mut *conn)
        .await?;
    Ok(Empty {})
}
