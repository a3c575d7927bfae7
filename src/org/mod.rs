//! The organisation: units of the organisation chart (a tree), people and their positions.

mod people;
mod store;

pub use people::*;
pub use store::{
    person_exists, person_known, position_title_on, title_holder_on, unit_codes, unit_name,
};

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};

/// Kind of unit: the órganos of a Peruvian ROF, or the Alcaldía, Direcciones, Departamentos
/// and Secciones of a Chilean municipality (Ley 18.695 arts. 15–31). The codes are the same in
/// every country; what a person reads comes from [`UnitKind::label`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum UnitKind {
    /// `gobierno`: órgano de gobierno (Concejo, Alcaldía).
    Gobierno,
    /// `alta_direccion`: alta dirección (Gerencia Municipal).
    AltaDireccion,
    /// `asesoramiento`: órgano de asesoramiento.
    Asesoramiento,
    /// `apoyo`: órgano de apoyo.
    Apoyo,
    /// `linea`: órgano de línea.
    Linea,
    /// `desconcentrado`: órgano desconcentrado.
    Desconcentrado,
    /// `alcaldia`: the Alcaldía (Chile).
    Alcaldia,
    /// `concejo`: the Concejo Municipal (Chile).
    Concejo,
    /// `direccion`: a Dirección (Chile: SECPLAN, DIDECO, DOM…).
    Direccion,
    /// `departamento`: a Departamento inside a Dirección (Chile).
    Departamento,
    /// `seccion`: a Sección or Oficina (Chile).
    Seccion,
    /// `juzgado`: the Juzgado de Policía Local (Chile).
    Juzgado,
}

impl UnitKind {
    /// The kinds a municipality of `country` uses, in the order its screens offer them.
    pub fn of_country(country: &str) -> &'static [UnitKind] {
        use UnitKind::*;
        if country == "CL" {
            &[Concejo, Alcaldia, Direccion, Departamento, Seccion, Juzgado]
        } else {
            &[
                Gobierno,
                AltaDireccion,
                Asesoramiento,
                Apoyo,
                Linea,
                Desconcentrado,
            ]
        }
    }

    /// The Spanish name of the kind as the municipality's country says it.
    pub fn label(self, country: &str) -> &'static str {
        let chile = country == "CL";
        match self {
            UnitKind::Gobierno if chile => "Órgano de gobierno (Alcaldía, Concejo)",
            UnitKind::Gobierno => "Órgano de gobierno",
            UnitKind::AltaDireccion if chile => "Administración Municipal",
            UnitKind::AltaDireccion => "Alta dirección",
            UnitKind::Asesoramiento if chile => "Unidad asesora",
            UnitKind::Asesoramiento => "Órgano de asesoramiento",
            UnitKind::Apoyo if chile => "Unidad de apoyo",
            UnitKind::Apoyo => "Órgano de apoyo",
            UnitKind::Linea if chile => "Unidad operativa",
            UnitKind::Linea => "Órgano de línea",
            UnitKind::Desconcentrado if chile => "Unidad territorial",
            UnitKind::Desconcentrado => "Órgano desconcentrado",
            UnitKind::Alcaldia => "Alcaldía",
            UnitKind::Concejo => "Concejo Municipal",
            UnitKind::Direccion => "Dirección",
            UnitKind::Departamento => "Departamento",
            UnitKind::Seccion => "Sección u oficina",
            UnitKind::Juzgado => "Juzgado de Policía Local",
        }
    }
}

/// Direction of `org.unit.move`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveDirection {
    /// `up`: before the previous sibling.
    Up,
    /// `down`: after the next sibling.
    Down,
}

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
    /// Kind.
    pub kind: UnitKind,
    /// Head of the unit.
    pub head_person_id: Option<i64>,
    /// Head's full name.
    pub head_name: Option<String>,
    /// Order among siblings.
    pub sort_order: i64,
}

/// `org.unit.list`: every unit, parents before children, siblings in order.
pub async fn unit_list(conn: &mut SqliteConnection, _ctx: &Ctx, _p: Empty) -> Result<Vec<OrgUnit>> {
    Ok(tree_order(store::units(conn).await?))
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
    store::unit(conn, id)
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
    pub kind: UnitKind,
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
    pub kind: UnitKind,
    /// Head.
    pub head_person_id: Option<i64>,
}

async fn validate_unit(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    u: &store::UnitFields<'_>,
) -> Result<()> {
    let (name, code) = (u.name, u.code);
    // The examples follow the municipality's country.
    let chile = crate::municipality::find(conn)
        .await?
        .is_some_and(|m| m.country == "CL");
    if name.chars().count() < 3 {
        return Err(Error::field(
            "name",
            if chile {
                "Escriba el nombre de la unidad (por ejemplo «Dirección de Obras Municipales»)."
            } else {
                "Escriba el nombre de la unidad (por ejemplo «Gerencia Municipal»)."
            },
        ));
    }
    if code.is_empty() || code.chars().count() > 20 || code.contains(char::is_whitespace) {
        return Err(Error::field(
            "code",
            if chile {
                "El código va sin espacios, de 1 a 20 caracteres (por ejemplo «DOM» o «DAF-TES»)."
            } else {
                "El código va sin espacios, de 1 a 20 caracteres (por ejemplo «GM» o «SG-ATD»)."
            },
        ));
    }
    if let Some(other) = store::unit_with_code(conn, code, id).await? {
        return Err(Error::field(
            "code",
            format!("El código «{code}» ya lo usa «{other}»."),
        ));
    }
    if let Some(parent) = u.parent_id {
        // Walk up from the new parent: reaching the unit itself would make a cycle.
        let mut cursor = Some(parent);
        let mut steps = 0;
        while let Some(c) = cursor {
            if Some(c) == id {
                return Err(Error::field("parent_id", "Una unidad no puede depender de sí misma ni de una unidad que depende de ella."));
            }
            cursor = store::unit_parent(conn, c)
                .await?
                .ok_or_else(|| Error::field("parent_id", "La unidad superior no existe."))?;
            steps += 1;
            if steps > 1000 {
                return Err(Error::Internal("el organigrama tiene un ciclo".into()));
            }
        }
    }
    if let Some(h) = u.head_person_id {
        if !store::person_exists(conn, h).await? {
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
    let fields = store::UnitFields {
        parent_id: p.parent_id,
        name: &name,
        code: &code,
        kind: p.kind,
        head_person_id: p.head_person_id,
    };
    validate_unit(conn, None, &fields).await?;
    let id = store::unit_insert(conn, &fields).await?;
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
    let fields = store::UnitFields {
        parent_id: p.parent_id,
        name: &name,
        code: &code,
        kind: p.kind,
        head_person_id: p.head_person_id,
    };
    validate_unit(conn, Some(p.id), &fields).await?;
    let moved = current.parent_id != p.parent_id;
    store::unit_update(conn, p.id, &fields, moved).await?;
    unit(conn, p.id).await
}

/// Params of `org.unit.move`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgUnitMove {
    /// Unit id.
    pub id: i64,
    /// `up` or `down` among its siblings.
    pub direction: MoveDirection,
}

/// `org.unit.move`: swap a unit with its previous or next sibling.
pub async fn unit_move(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: OrgUnitMove,
) -> Result<Vec<OrgUnit>> {
    let u = unit(conn, p.id).await?;
    let mut order = store::unit_siblings(conn, u.parent_id).await?;
    let pos = order
        .iter()
        .position(|id| *id == u.id)
        .expect("a unit is among its siblings");
    let other = match p.direction {
        MoveDirection::Up if pos > 0 => pos - 1,
        MoveDirection::Down if pos + 1 < order.len() => pos + 1,
        _ => return unit_list(conn, ctx, Empty {}).await,
    };
    // Renumber siblings 1..n with the two swapped, so equal sort orders never stall a move.
    order.swap(pos, other);
    for (i, id) in order.iter().enumerate() {
        store::unit_set_order(conn, *id, i as i64 + 1).await?;
    }
    unit_list(conn, ctx, Empty {}).await
}

/// `org.unit.delete`: only a unit with no sub-units and no positions.
pub async fn unit_delete(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let u = unit(conn, p.id).await?;
    let children = store::unit_children(conn, p.id).await?;
    if children == 1 {
        return Err(Error::Conflict(format!(
            "«{}» tiene una unidad dependiente: muévala o elimínela primero.",
            u.name
        )));
    }
    if children > 1 {
        return Err(Error::Conflict(format!(
            "«{}» tiene {children} unidades dependientes: muévalas o elimínelas primero.",
            u.name
        )));
    }
    let positions = store::unit_positions(conn, p.id).await?;
    if positions > 0 {
        return Err(Error::Conflict(format!(
            "«{}» tiene cargos registrados (también históricos); no se puede eliminar.",
            u.name
        )));
    }
    // Other areas' records that name the unit (plans, activities) keep it by foreign key.
    store::unit_delete(conn, p.id).await.map_err(|e| match &e {
        Error::Database(sqlx::Error::Database(d)) if d.is_foreign_key_violation() => {
            Error::Conflict(format!(
                "«{}» tiene registros que dependen de ella (objetivos o actividades de los \
                 planes, encargos, normas distribuidas); no se puede eliminar.",
                u.name
            ))
        }
        _ => e,
    })?;
    Ok(Empty {})
}
