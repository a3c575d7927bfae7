//! Roles are data: each role holds a permission per method (`role_permission`), editable by the
//! administrator. Cabildo seeds the offices of a municipality with the defaults below; a method
//! added by a later version gets its defaults once (`auth_method`), so what the administrator
//! changed is never undone.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};

/// One permission: a method of the API (or an operation outside it, such as a backup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Permission {
    /// The method (`norm.seal`).
    pub method: String,
    /// What it allows, in Spanish («Sellar (numerar y emitir) normas»).
    pub label: String,
    /// Whether it changes data.
    pub writes: bool,
}

static CATALOG: OnceLock<Vec<Permission>> = OnceLock::new();

/// Install the permission catalog (the API's method table), once per process.
pub fn install_catalog(catalog: Vec<Permission>) {
    let _ = CATALOG.set(catalog);
}

/// Every permission, in the API's order.
pub fn catalog() -> &'static [Permission] {
    CATALOG.get().map(Vec::as_slice).unwrap_or(&[])
}

/// The Spanish label of `method` (the method itself when unknown).
pub fn label(method: &str) -> String {
    catalog()
        .iter()
        .find(|p| p.method == method)
        .map_or_else(|| method.to_string(), |p| p.label.clone())
}

/// Methods any signed-in user may call, whatever their roles: they concern only themselves.
pub const PERSONAL: &[&str] = &[
    "system.status",
    "auth.sign_in",
    "auth.me",
    "auth.password.change",
];

/// Methods that read what only the administrator sees (who did what, who may do what, the
/// backups).
fn administrative(method: &str) -> bool {
    let area = method.split('.').next().unwrap_or_default();
    matches!(area, "audit" | "user" | "role" | "backup" | "demo")
        || method.starts_with("auth.settings")
        || method == "permission.list"
}

/// A built-in role: its code, its name in Peru and in Chile, what it is for.
struct Builtin {
    code: &'static str,
    pe: &'static str,
    cl: &'static str,
    description: &'static str,
}

const BUILTIN: &[Builtin] = &[
    Builtin {
        code: "administrador",
        pe: "Administrador del sistema",
        cl: "Administrador del sistema",
        description: "Todo, incluidos usuarios, roles, auditoría y copias de seguridad.",
    },
    Builtin {
        code: "alcalde",
        pe: "Alcalde(sa)",
        cl: "Alcalde(sa)",
        description: "Consulta todo; redacta, emite y firma sus decretos y resoluciones; propone puntos de agenda.",
    },
    Builtin {
        code: "gerente",
        pe: "Gerente Municipal",
        cl: "Administrador Municipal",
        description: "Planes, seguimiento e informes; sus resoluciones; firma documentos.",
    },
    Builtin {
        code: "secretaria",
        pe: "Secretaría General",
        cl: "Secretaría Municipal",
        description: "Sesiones, agenda, votaciones, actas, normas, copias certificadas, libro de actas y calendario.",
    },
    Builtin {
        code: "planeamiento",
        pe: "Planeamiento y Presupuesto",
        cl: "Secretaría Comunal de Planificación",
        description: "PEI, POI, metas, ejecución e informes de seguimiento.",
    },
    Builtin {
        code: "jefe_unidad",
        pe: "Jefe(a) de unidad",
        cl: "Director(a) o jefe(a) de unidad",
        description: "Registra la ejecución mensual de su propia unidad; consulta lo demás.",
    },
    Builtin {
        code: "regidor",
        pe: "Regidor(a)",
        cl: "Concejal(a)",
        description: "Consulta sesiones y normas; presenta pedidos y puntos de agenda con sus documentos.",
    },
    Builtin {
        code: "mesa_partes",
        pe: "Mesa de partes",
        cl: "Oficina de partes",
        description: "Registra los documentos que llegan para la agenda del concejo.",
    },
    Builtin {
        code: "consulta",
        pe: "Consulta",
        cl: "Consulta",
        description: "Solo lectura.",
    },
];

/// The role every database keeps, that holds every permission and cannot lose one.
pub const ADMINISTRATOR: &str = "administrador";

/// Whether the built-in `role` gets `method` by default, and whether only for the user's unit.
fn default_grant(role: &str, method: &str, writes: bool) -> Option<bool> {
    if role == ADMINISTRATOR {
        return Some(false);
    }
    if administrative(method) {
        return None;
    }
    if method == "access.register.export" {
        // The register lists requesters with their documents and addresses (personal data):
        // the offices that answer for it, not every reader.
        return matches!(role, "alcalde" | "gerente" | "secretaria").then_some(false);
    }
    if !writes {
        // Reading is open to every office (the plans, norms and sessions are public acts of
        // the municipality), except a unit head's month of execution: only their own.
        // The follow-up desk: a unit head sees the items of their own unit only.
        let unit_head_only = method == "plan.execution.month"
            || matches!(
                method,
                "followup.list" | "followup.get" | "followup.attachment.save" | "followup.report"
            );
        return Some(role == "jefe_unidad" && unit_head_only);
    }
    let area = method.split('.').next().unwrap_or_default();
    let granted = match role {
        "alcalde" => {
            matches!(
                method,
                "records.sign"
                    | "agenda.add"
                    | "agenda.attach"
                    | "agenda.detach"
                    | "followup.create"
            ) || (area == "norm" && method != "norm.delete")
        }
        "gerente" => {
            area == "plan"
                || area == "norm"
                || area == "instrument"
                || area == "followup"
                || area == "complaint"
                || matches!(method, "records.sign" | "agenda.add" | "agenda.attach")
        }
        "secretaria" => {
            matches!(
                area,
                "session"
                    | "agenda"
                    | "attendance"
                    | "vote"
                    | "minutes"
                    | "book"
                    | "intervention"
                    | "norm"
                    | "copy"
                    | "council"
                    | "body"
                    | "calendar"
                    | "access"
                    | "instrument"
            ) || matches!(
                method,
                "records.sign"
                    | "numbering.assign"
                    | "numbering.annul"
                    | "org.person.create"
                    | "org.person.update"
                    | "followup.create"
                    | "followup.progress"
                    | "municipality.year_name.set"
                    | "municipality.year_name.delete"
                    | "portal.export"
            )
        }
        "planeamiento" => area == "plan" || area == "instrument",
        "jefe_unidad" => matches!(method, "plan.execution.save" | "followup.progress"),
        "regidor" => matches!(method, "agenda.add" | "agenda.attach"),
        "mesa_partes" => matches!(
            method,
            "agenda.add" | "agenda.attach" | "access.register" | "complaint.register"
        ),
        _ => false,
    };
    granted.then_some(role == "jefe_unidad")
}

/// Seed the built-in roles (named for `country`, "PE" or "CL") and give every method not yet
/// seen its default permissions. Idempotent; run at every start and when the municipality is
/// created.
pub async fn sync(conn: &mut SqliteConnection, country: &str, now: &str) -> Result<()> {
    for (i, b) in BUILTIN.iter().enumerate() {
        let name = if country == "CL" { b.cl } else { b.pe };
        sqlx::query(
            "INSERT INTO role (code, name, description, builtin, sort_order) VALUES ($1, $2, $3, 1, $4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name
             WHERE role.builtin = 1 AND role.name <> excluded.name",
        )
        .bind(b.code)
        .bind(name)
        .bind(b.description)
        .bind(i as i64 + 1)
        .execute(&mut *conn)
        .await?;
    }
    let seen: Vec<String> = sqlx::query_scalar("SELECT method FROM auth_method")
        .fetch_all(&mut *conn)
        .await?;
    for p in catalog() {
        if seen.contains(&p.method) || PERSONAL.contains(&p.method.as_str()) {
            continue;
        }
        for b in BUILTIN {
            if let Some(unit_only) = default_grant(b.code, &p.method, p.writes) {
                sqlx::query(
                    "INSERT INTO role_permission (role, method, unit_only) VALUES ($1, $2, $3)
                     ON CONFLICT DO NOTHING",
                )
                .bind(b.code)
                .bind(&p.method)
                .bind(unit_only)
                .execute(&mut *conn)
                .await?;
            }
        }
        sqlx::query("INSERT INTO auth_method (method, first_seen) VALUES ($1, $2)")
            .bind(&p.method)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A role with its permissions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Role {
    /// Stable code (`secretaria`).
    pub code: String,
    /// Name shown («Secretaría General»).
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Seeded by Cabildo (cannot be deleted; the administrator's permissions cannot shrink).
    pub builtin: bool,
    /// Methods it may call, in catalog order.
    pub permissions: Vec<RolePermission>,
    /// How many active users hold it.
    pub users: i64,
}

/// One permission held by a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RolePermission {
    /// The method.
    pub method: String,
    /// Only for the user's own unit, where the method names a unit.
    pub unit_only: bool,
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    code: String,
    name: String,
    description: String,
    builtin: bool,
    users: i64,
}

async fn load(conn: &mut SqliteConnection, code: Option<&str>) -> Result<Vec<Role>> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT r.code, r.name, r.description, r.builtin,
                (SELECT count(*) FROM user_role ur JOIN app_user u ON u.id = ur.user_id
                 WHERE ur.role = r.code AND u.active = 1) AS users
         FROM role r WHERE $1 IS NULL OR r.code = $1 ORDER BY r.sort_order, r.name",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    let grants: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT role, method, unit_only FROM role_permission WHERE $1 IS NULL OR role = $1",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    let order: BTreeMap<&str, usize> = catalog()
        .iter()
        .enumerate()
        .map(|(i, p)| (p.method.as_str(), i))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut permissions: Vec<RolePermission> = grants
                .iter()
                .filter(|(role, _, _)| *role == r.code)
                .map(|(_, method, unit_only)| RolePermission {
                    method: method.clone(),
                    unit_only: *unit_only,
                })
                .collect();
            permissions
                .sort_by_key(|p| order.get(p.method.as_str()).copied().unwrap_or(usize::MAX));
            Role {
                code: r.code,
                name: r.name,
                description: r.description,
                builtin: r.builtin,
                permissions,
                users: r.users,
            }
        })
        .collect())
}

/// `role.list`: every role with its permissions (a municipality has a dozen roles at most).
pub async fn list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _: crate::context::Empty,
) -> Result<Vec<Role>> {
    load(conn, None).await
}

/// `permission.list`: the catalog of permissions, for the roles editor.
pub async fn permission_list(
    _conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _: crate::context::Empty,
) -> Result<Vec<Permission>> {
    Ok(catalog()
        .iter()
        .filter(|p| !PERSONAL.contains(&p.method.as_str()))
        .cloned()
        .collect())
}

/// Params of `role.save`: a new role (no `code`) or the changes to one.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoleSave {
    /// The role to change; none to create one.
    pub code: Option<String>,
    /// Name shown.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Every permission it holds (replaces the previous ones).
    pub permissions: Vec<RolePermission>,
}

/// `role.save`: create a role or replace a role's name and permissions.
pub async fn save(conn: &mut SqliteConnection, _ctx: &Ctx, p: RoleSave) -> Result<Role> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(Error::field("name", "Escriba el nombre del rol."));
    }
    for perm in &p.permissions {
        if !catalog().iter().any(|c| c.method == perm.method)
            || PERSONAL.contains(&perm.method.as_str())
        {
            return Err(Error::field(
                "permissions",
                format!("«{}» no es un permiso que se pueda asignar.", perm.method),
            ));
        }
    }
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT code FROM role WHERE name = $1 COLLATE NOCASE AND code IS NOT $2",
    )
    .bind(name)
    .bind(&p.code)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(Error::field(
            "name",
            format!("Ya existe un rol llamado «{name}»."),
        ));
    }
    let code = match &p.code {
        Some(code) => {
            let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM role WHERE code = $1")
                .bind(code)
                .fetch_optional(&mut *conn)
                .await?;
            if exists.is_none() {
                return Err(Error::NotFound(format!("No existe el rol «{code}».")));
            }
            if code == ADMINISTRATOR {
                let all = catalog()
                    .iter()
                    .filter(|c| !PERSONAL.contains(&c.method.as_str()))
                    .all(|c| {
                        p.permissions
                            .iter()
                            .any(|g| g.method == c.method && !g.unit_only)
                    });
                if !all {
                    return Err(Error::field(
                        "permissions",
                        "El rol Administrador del sistema conserva todos los permisos: sin él nadie podría volver a asignarlos.",
                    ));
                }
            }
            sqlx::query("UPDATE role SET name = $2, description = $3 WHERE code = $1")
                .bind(code)
                .bind(name)
                .bind(p.description.trim())
                .execute(&mut *conn)
                .await?;
            code.clone()
        }
        None => {
            let code = new_code(conn, name).await?;
            sqlx::query(
                "INSERT INTO role (code, name, description, builtin, sort_order)
                 VALUES ($1, $2, $3, 0, (SELECT coalesce(max(sort_order), 0) + 1 FROM role))",
            )
            .bind(&code)
            .bind(name)
            .bind(p.description.trim())
            .execute(&mut *conn)
            .await?;
            code
        }
    };
    sqlx::query("DELETE FROM role_permission WHERE role = $1")
        .bind(&code)
        .execute(&mut *conn)
        .await?;
    for perm in &p.permissions {
        sqlx::query(
            "INSERT INTO role_permission (role, method, unit_only) VALUES ($1, $2, $3)
             ON CONFLICT (role, method) DO UPDATE SET unit_only = excluded.unit_only",
        )
        .bind(&code)
        .bind(&perm.method)
        .bind(perm.unit_only)
        .execute(&mut *conn)
        .await?;
    }
    one(conn, &code).await
}

/// A code for a new role from its name: lower-case ASCII letters, digits and `_`, unique.
async fn new_code(conn: &mut SqliteConnection, name: &str) -> Result<String> {
    let folded = crate::spanish::fold(name);
    let mut base: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if base.is_empty() {
        base = "rol".into();
    }
    let mut code = base.clone();
    let mut n = 2;
    loop {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM role WHERE code = $1")
            .bind(&code)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Ok(code);
        }
        code = format!("{base}_{n}");
        n += 1;
    }
}

async fn one(conn: &mut SqliteConnection, code: &str) -> Result<Role> {
    load(conn, Some(code))
        .await?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("No existe el rol «{code}».")))
}

/// Params of `role.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoleDelete {
    /// The role.
    pub code: String,
}

/// `role.delete`: a role the administrator created and nobody holds.
pub async fn delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: RoleDelete,
) -> Result<crate::context::Empty> {
    let role = one(conn, &p.code).await?;
    if role.builtin {
        return Err(Error::Conflict(format!(
            "«{}» es un rol de Cabildo y no se puede eliminar; puede quitarle permisos.",
            role.name
        )));
    }
    let holders: i64 = sqlx::query_scalar("SELECT count(*) FROM user_role WHERE role = $1")
        .bind(&p.code)
        .fetch_one(&mut *conn)
        .await?;
    if holders > 0 {
        return Err(Error::Conflict(format!(
            "El rol «{}» lo tienen {holders} usuario(s): quíteselo antes de eliminarlo.",
            role.name
        )));
    }
    sqlx::query("DELETE FROM role WHERE code = $1")
        .bind(&p.code)
        .execute(&mut *conn)
        .await?;
    Ok(crate::context::Empty {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_administrator_reads_the_administrative_areas() {
        for m in [
            "audit.list",
            "user.list",
            "role.list",
            "permission.list",
            "auth.settings.get",
        ] {
            assert_eq!(default_grant("administrador", m, false), Some(false));
            assert_eq!(default_grant("consulta", m, false), None, "{m}");
            assert_eq!(default_grant("secretaria", m, false), None, "{m}");
        }
    }

    #[test]
    fn a_unit_head_writes_only_their_units_month() {
        assert_eq!(
            default_grant("jefe_unidad", "plan.execution.save", true),
            Some(true)
        );
        assert_eq!(
            default_grant("jefe_unidad", "plan.execution.month", false),
            Some(true)
        );
        assert_eq!(default_grant("jefe_unidad", "norm.seal", true), None);
        assert_eq!(
            default_grant("jefe_unidad", "norm.list", false),
            Some(false)
        );
    }
}
