//! Who may do what. Users sign in with a password (Argon2id); their roles hold a permission per
//! method (`role_permission`), some limited to the user's own unit. [`authorize`] decides every
//! request inside its transaction, so a user disabled or a role changed a second ago already
//! counts. See docs/adr/0013-users-and-roles.md.

pub mod password;
pub mod roles;
pub mod session;
pub mod users;

use serde_json::Value;
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

pub use crate::context::{Actor, Principal};

/// What nobody signed in may call while the database has no user: create the first
/// administrator, or load the demonstration (which brings its own users).
const SETUP: &[&str] = &["auth.first_admin", "demo.load"];

/// What may be called before signing in.
const OPEN: &[&str] = &["system.status", "auth.sign_in"];

/// Decide whether `actor` may call `method` with `params`; a refusal names the permission in
/// Spanish.
pub async fn authorize(
    conn: &mut SqliteConnection,
    actor: &Actor,
    method: &str,
    params: &Value,
) -> Result<()> {
    if OPEN.contains(&method) {
        return Ok(());
    }
    let user = match actor.principal {
        Principal::System => return Ok(()),
        Principal::Nobody => {
            if SETUP.contains(&method) && !users::any_user(conn).await? {
                return Ok(());
            }
            return Err(Error::Unauthenticated(
                "Ingrese con su usuario y contraseña.".into(),
            ));
        }
        Principal::User(id) => id,
    };
    let state: Option<(bool, bool, Option<i64>)> =
        sqlx::query_as("SELECT active, must_change, unit_id FROM app_user WHERE id = $1")
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((active, must_change, unit)) = state else {
        return Err(Error::Unauthenticated(
            "Su usuario ya no existe; ingrese con otro.".into(),
        ));
    };
    if !active {
        return Err(Error::Unauthenticated(
            "Su usuario fue desactivado; consulte al administrador del sistema.".into(),
        ));
    }
    if roles::PERSONAL.contains(&method) {
        return Ok(());
    }
    if must_change {
        return Err(Error::Forbidden(
            "Antes de continuar, cambie la contraseña temporal que le asignaron.".into(),
        ));
    }
    // Granted by some role; `unit_only` is 1 only when every granting role limits it to the unit.
    let grant: Option<i64> = sqlx::query_scalar(
        "SELECT min(p.unit_only) FROM user_role ur JOIN role_permission p ON p.role = ur.role
         WHERE ur.user_id = $1 AND p.method = $2 HAVING count(*) > 0",
    )
    .bind(user)
    .bind(method)
    .fetch_optional(&mut *conn)
    .await?;
    match grant {
        None => Err(Error::Forbidden(format!(
            "No tiene el permiso «{}» ({method}). Pida al administrador del sistema que se lo asigne a uno de sus roles.",
            roles::label(method)
        ))),
        Some(1) => {
            let named = params.get("unit_id").and_then(Value::as_i64);
            match (named, unit) {
                (Some(named), Some(own)) if named != own => Err(Error::Forbidden(format!(
                    "Su permiso «{}» se limita a su propia unidad.",
                    roles::label(method)
                ))),
                (Some(_), None) => Err(Error::Forbidden(format!(
                    "Su permiso «{}» se limita a su unidad, y su usuario no tiene una asignada.",
                    roles::label(method)
                ))),
                _ => Ok(()),
            }
        }
        Some(_) => Ok(()),
    }
}

/// The unit `actor` is limited to for `method`: `Some(unit)` when every role that grants it
/// limits it to the user's own unit, `None` when the actor reaches every unit (the system, or
/// a grant without the limit). For methods that name a record by id rather than a `unit_id`,
/// the area applies it to the record's unit; lists apply it as a filter.
pub async fn unit_scope(
    conn: &mut SqliteConnection,
    actor: &Actor,
    method: &str,
) -> Result<Option<i64>> {
    let Principal::User(user) = actor.principal else {
        return Ok(None);
    };
    let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT min(p.unit_only), u.unit_id FROM app_user u
         JOIN user_role ur ON ur.user_id = u.id
         JOIN role_permission p ON p.role = ur.role AND p.method = $2
         WHERE u.id = $1 GROUP BY u.id",
    )
    .bind(user)
    .bind(method)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((Some(1), Some(unit))) => Ok(Some(unit)),
        // Limited to a unit the user does not have: nothing of any unit (-1 matches no unit).
        Some((Some(1), None)) => Ok(Some(-1)),
        _ => Ok(None),
    }
}
