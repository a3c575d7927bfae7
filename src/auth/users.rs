//! The people who sign in: their accounts, roles, unit, passwords and lockout.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::password;
use super::roles::{self, ADMINISTRATOR};
use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};

/// A user as the administrator sees it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Name used to sign in.
    pub login: String,
    /// Full name.
    pub name: String,
    /// The unit a Jefe de unidad answers for.
    pub unit_id: Option<i64>,
    /// That unit's name.
    pub unit_name: Option<String>,
    /// Codes of the roles held.
    pub roles: Vec<String>,
    /// Whether the user may sign in.
    pub active: bool,
    /// Whether the user must choose a new password at the next sign-in.
    pub must_change: bool,
    /// Until when wrong passwords locked the account (RFC 3339), if it is locked now.
    pub locked_until: Option<String>,
    /// Last successful sign-in (RFC 3339).
    pub last_sign_in: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    login: String,
    name: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    roles: Option<String>,
    active: bool,
    must_change: bool,
    locked_until: Option<String>,
    last_sign_in: Option<String>,
}

const SELECT: &str = "SELECT u.id, u.login, u.name, u.unit_id, l.name AS unit_name,
        (SELECT group_concat(role, ',') FROM (SELECT ur.role FROM user_role ur JOIN role r ON r.code = ur.role
          WHERE ur.user_id = u.id ORDER BY r.sort_order)) AS roles,
        u.active, u.must_change, u.locked_until, u.last_sign_in
     FROM app_user u LEFT JOIN unit_label l ON l.id = u.unit_id";

impl UserRow {
    fn into_user(self, now: &DateTime<FixedOffset>) -> User {
        let locked_until = self
            .locked_until
            .filter(|t| DateTime::parse_from_rfc3339(t).is_ok_and(|until| until > *now));
        User {
            id: self.id,
            login: self.login,
            name: self.name,
            unit_id: self.unit_id,
            unit_name: self.unit_name,
            roles: self
                .roles
                .map(|r| r.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
            active: self.active,
            must_change: self.must_change,
            locked_until,
            last_sign_in: self.last_sign_in,
        }
    }
}

/// Params of `user.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct UserList {
    /// Text in the login or the name.
    pub query: Option<String>,
    /// Include disabled users (default: no).
    #[serde(default)]
    pub include_inactive: bool,
    /// Rows to skip (default 0).
    pub offset: Option<i64>,
    /// Rows per page (default 100, at most 500).
    pub limit: Option<i64>,
}

/// A page of users, sorted by name.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UserPage {
    /// The users of this page.
    pub items: Vec<User>,
    /// How many match in all.
    pub total: i64,
}

/// `user.list`: a page of users sorted by name.
pub async fn list(conn: &mut SqliteConnection, ctx: &Ctx, p: UserList) -> Result<UserPage> {
    let query = p
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| format!("%{}%", q.replace(['%', '_'], "")));
    let filter = "($1 IS NULL OR u.login LIKE $1 OR u.name LIKE $1) AND ($2 OR u.active = 1)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM app_user u WHERE {filter}"))
        .bind(&query)
        .bind(p.include_inactive)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE {filter} ORDER BY u.name COLLATE NOCASE, u.id LIMIT $3 OFFSET $4"
    ))
    .bind(&query)
    .bind(p.include_inactive)
    .bind(p.limit.unwrap_or(100).clamp(1, 500))
    .bind(p.offset.unwrap_or(0).max(0))
    .fetch_all(&mut *conn)
    .await?;
    Ok(UserPage {
        items: rows.into_iter().map(|r| r.into_user(&ctx.now)).collect(),
        total,
    })
}

/// One user by id.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, p: IdParam) -> Result<User> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE u.id = $1"))
        .bind(p.id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.into_user(&ctx.now))
        .ok_or_else(|| Error::NotFound(format!("No existe el usuario {}.", p.id)))
}

/// Params of `user.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// Name used to sign in (letters, digits, `.`, `-`, `_`).
    pub login: String,
    /// Full name.
    pub name: String,
    /// First password (the user changes it at the first sign-in).
    pub password: String,
    /// Roles held.
    pub roles: Vec<String>,
    /// The unit a Jefe de unidad answers for.
    pub unit_id: Option<i64>,
}

fn check_login(login: &str) -> Result<String> {
    let login = login.trim();
    if login.is_empty() {
        return Err(Error::field("login", "Escriba el nombre de usuario."));
    }
    if login.chars().count() < 2 || login.chars().count() > 40 {
        return Err(Error::field(
            "login",
            "El nombre de usuario debe tener entre 2 y 40 caracteres.",
        ));
    }
    if let Some(bad) = login
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        return Err(Error::field(
            "login",
            format!(
                "El nombre de usuario solo admite letras sin tilde, números, punto, guion y guion bajo (sobra «{bad}»)."
            ),
        ));
    }
    Ok(login.to_string())
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::field("name", "Escriba el nombre completo."));
    }
    Ok(name.to_string())
}

async fn check_roles(conn: &mut SqliteConnection, roles: &[String]) -> Result<()> {
    if roles.is_empty() {
        return Err(Error::field("roles", "Elija al menos un rol."));
    }
    for role in roles {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM role WHERE code = $1")
            .bind(role)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(Error::field("roles", format!("No existe el rol «{role}».")));
        }
    }
    Ok(())
}

/// A unit-bound role needs the unit.
async fn check_unit(
    conn: &mut SqliteConnection,
    roles: &[String],
    unit_id: Option<i64>,
) -> Result<()> {
    if let Some(unit) = unit_id {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM unit_label WHERE id = $1")
            .bind(unit)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(Error::field("unit_id", "La unidad elegida no existe."));
        }
        return Ok(());
    }
    let mut bound = Vec::new();
    for role in roles {
        let unit_only: Option<String> = sqlx::query_scalar(
            "SELECT r.name FROM role r WHERE r.code = $1
             AND EXISTS (SELECT 1 FROM role_permission p WHERE p.role = r.code AND p.unit_only = 1)",
        )
        .bind(role)
        .fetch_optional(&mut *conn)
        .await?;
        bound.extend(unit_only);
    }
    if let Some(name) = bound.first() {
        return Err(Error::field(
            "unit_id",
            format!("El rol «{name}» trabaja sobre una unidad: elija la unidad del usuario."),
        ));
    }
    Ok(())
}

async fn set_roles(conn: &mut SqliteConnection, user_id: i64, roles: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM user_role WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for role in roles {
        sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &UserCreate,
    must_change: bool,
) -> Result<i64> {
    let login = check_login(&p.login)?;
    let name = check_name(&p.name)?;
    password::check_new("password", &p.password, &login)?;
    check_roles(conn, &p.roles).await?;
    check_unit(conn, &p.roles, p.unit_id).await?;
    if login_taken(conn, &login).await? {
        return Err(Error::field(
            "login",
            format!("Ya existe el usuario «{login}»: elija otro nombre."),
        ));
    }
    let hash = password::hash(&p.password)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO app_user (login, name, unit_id, password_hash, must_change, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(&login)
    .bind(&name)
    .bind(p.unit_id)
    .bind(&hash)
    .bind(must_change)
    .bind(ctx.stamp())
    .fetch_one(&mut *conn)
    .await?;
    set_roles(conn, id, &p.roles).await?;
    Ok(id)
}

/// `user.create`: a new account; the user chooses their own password at the first sign-in.
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: UserCreate) -> Result<User> {
    create_with(conn, ctx, p, true).await
}

/// A new account, with or without a password change at the first sign-in (the demo's users
/// sign in with the documented password as it is).
pub async fn create_with(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: UserCreate,
    must_change: bool,
) -> Result<User> {
    let id = insert(conn, ctx, &p, must_change).await?;
    get(conn, ctx, IdParam { id }).await
}

/// Whether `login` is already used (letter case aside).
pub async fn login_taken(conn: &mut SqliteConnection, login: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT EXISTS (SELECT 1 FROM app_user WHERE login = $1)")
            .bind(login.trim())
            .fetch_one(&mut *conn)
            .await?
            == 1,
    )
}

/// Params of `user.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// The user.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Roles held (replace the previous ones).
    pub roles: Vec<String>,
    /// The unit a Jefe de unidad answers for.
    pub unit_id: Option<i64>,
    /// Whether the user may sign in.
    pub active: bool,
}

async fn active_administrators(conn: &mut SqliteConnection, except: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
         WHERE r.role = $1 AND u.active = 1 AND u.id <> $2",
    )
    .bind(ADMINISTRATOR)
    .bind(except)
    .fetch_one(&mut *conn)
    .await?)
}

/// `user.update`: name, roles, unit, enabled or disabled. The last administrator stays one.
pub async fn update(conn: &mut SqliteConnection, ctx: &Ctx, p: UserUpdate) -> Result<User> {
    let before = get(conn, ctx, IdParam { id: p.id }).await?;
    let name = check_name(&p.name)?;
    check_roles(conn, &p.roles).await?;
    check_unit(conn, &p.roles, p.unit_id).await?;
    let stays_admin = p.active && p.roles.iter().any(|r| r == ADMINISTRATOR);
    if before.roles.iter().any(|r| r == ADMINISTRATOR)
        && !stays_admin
        && active_administrators(conn, p.id).await? == 0
    {
        return Err(Error::Conflict(format!(
            "«{}» es el único administrador activo: asigne el rol a otro usuario antes de quitárselo o desactivarlo.",
            before.name
        )));
    }
    if ctx.actor.user_id() == Some(p.id) && !p.active {
        return Err(Error::field(
            "active",
            "No puede desactivar su propio usuario.",
        ));
    }
    sqlx::query(
        "UPDATE app_user SET name = $2, unit_id = $3, active = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(p.id)
    .bind(&name)
    .bind(p.unit_id)
    .bind(p.active)
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    set_roles(conn, p.id, &p.roles).await?;
    get(conn, ctx, IdParam { id: p.id }).await
}

/// Params of `user.password.reset`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// The user.
    pub id: i64,
    /// A temporary password; the user must change it at the next sign-in.
    pub password: String,
}

/// `user.password.reset`: the administrator gives a temporary password and lifts a lockout.
pub async fn password_reset(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: PasswordReset,
) -> Result<User> {
    let user = get(conn, ctx, IdParam { id: p.id }).await?;
    password::check_new("password", &p.password, &user.login)?;
    sqlx::query(
        "UPDATE app_user SET password_hash = $2, must_change = 1, failed_attempts = 0,
         locked_until = NULL, updated_at = $3 WHERE id = $1",
    )
    .bind(p.id)
    .bind(password::hash(&p.password)?)
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    get(conn, ctx, IdParam { id: p.id }).await
}

/// Params of `auth.password.change`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password in use.
    pub current_password: String,
    /// The new one.
    pub new_password: String,
}

/// `auth.password.change`: the signed-in user changes their own password.
pub async fn password_change(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: PasswordChange,
) -> Result<Empty> {
    let Some(id) = ctx.actor.user_id() else {
        return Err(Error::BadRequest(
            "Solo un usuario que ingresó con su contraseña puede cambiarla.".into(),
        ));
    };
    let (login, hash): (String, String) =
        sqlx::query_as("SELECT login, password_hash FROM app_user WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if !password::verify(&p.current_password, &hash) {
        return Err(Error::field(
            "current_password",
            "La contraseña actual no es correcta.",
        ));
    }
    password::check_new("new_password", &p.new_password, &login)?;
    if p.new_password == p.current_password {
        return Err(Error::field(
            "new_password",
            "La nueva contraseña debe ser distinta de la actual.",
        ));
    }
    sqlx::query(
        "UPDATE app_user SET password_hash = $2, must_change = 0, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(password::hash(&p.new_password)?)
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    Ok(Empty {})
}

/// Params of `auth.first_admin`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FirstAdmin {
    /// Name used to sign in.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Password.
    pub password: String,
}

/// `auth.first_admin`: the administrator created at first start, while there is no user.
pub async fn first_admin(conn: &mut SqliteConnection, ctx: &Ctx, p: FirstAdmin) -> Result<User> {
    if any_user(conn).await? {
        return Err(Error::Conflict(
            "Ya hay usuarios: el administrador crea los demás desde Configuración → Usuarios."
                .into(),
        ));
    }
    let create = UserCreate {
        login: p.login,
        name: p.name,
        password: p.password,
        roles: vec![ADMINISTRATOR.to_string()],
        unit_id: None,
    };
    let id = insert(conn, ctx, &create, false).await?;
    get(conn, ctx, IdParam { id }).await
}

/// Whether the database has any user at all.
pub async fn any_user(conn: &mut SqliteConnection) -> Result<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT EXISTS (SELECT 1 FROM app_user)")
            .fetch_one(&mut *conn)
            .await?
            == 1,
    )
}

/// Settings of signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// Minutes without use after which the window locks (1–480).
    pub idle_minutes: i64,
    /// Wrong passwords in a row that lock an account (3–20).
    pub max_attempts: i64,
    /// Minutes an account stays locked (1–1440).
    pub lock_minutes: i64,
}

/// `auth.settings.get`.
pub async fn settings_get(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _: Empty,
) -> Result<AuthSettings> {
    settings(conn).await
}

pub(super) async fn settings(conn: &mut SqliteConnection) -> Result<AuthSettings> {
    Ok(sqlx::query_as(
        "SELECT idle_minutes, max_attempts, lock_minutes FROM auth_setting WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// `auth.settings.set`.
pub async fn settings_set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: AuthSettings,
) -> Result<AuthSettings> {
    for (field, value, lo, hi, what) in [
        (
            "idle_minutes",
            p.idle_minutes,
            1,
            480,
            "Los minutos sin uso",
        ),
        (
            "max_attempts",
            p.max_attempts,
            3,
            20,
            "Los intentos fallidos",
        ),
        (
            "lock_minutes",
            p.lock_minutes,
            1,
            1440,
            "Los minutos de bloqueo",
        ),
    ] {
        if !(lo..=hi).contains(&value) {
            return Err(Error::field(
                field,
                format!("{what} deben estar entre {lo} y {hi}."),
            ));
        }
    }
    sqlx::query("UPDATE auth_setting SET idle_minutes = $1, max_attempts = $2, lock_minutes = $3 WHERE id = 1")
        .bind(p.idle_minutes)
        .bind(p.max_attempts)
        .bind(p.lock_minutes)
        .execute(&mut *conn)
        .await?;
    settings(conn).await
}

/// Params of `auth.sign_in`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// Name of the user.
    pub login: String,
    /// Password.
    pub password: String,
}

/// Result of `auth.sign_in`: the user signed in, or why not. A refusal is a result, not an
/// error, so that the failed attempt it counts is committed; the shells turn it into an
/// `unauthenticated` error.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignInResult {
    /// The user, when the password was right.
    pub user: Option<Me>,
    /// Why not, in Spanish.
    pub refusal: Option<String>,
}

/// The signed-in user as the window needs them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Me {
    /// Id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Their unit.
    pub unit_id: Option<i64>,
    /// Its name.
    pub unit_name: Option<String>,
    /// Names of their roles.
    pub roles: Vec<String>,
    /// Every method they may call (the window hides the rest).
    pub permissions: Vec<String>,
    /// Of those, the ones they may use only for their own unit (the window offers only it).
    pub unit_only: Vec<String>,
    /// They must choose a new password before anything else.
    pub must_change: bool,
    /// Minutes without use after which the window locks.
    pub idle_minutes: i64,
}

/// The signed-in user `id`.
pub async fn me_of(conn: &mut SqliteConnection, ctx: &Ctx, id: i64) -> Result<Me> {
    let user = get(conn, ctx, IdParam { id }).await?;
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT r.name FROM user_role ur JOIN role r ON r.code = ur.role WHERE ur.user_id = $1 ORDER BY r.sort_order",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut permissions: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT p.method FROM user_role ur JOIN role_permission p ON p.role = ur.role
         WHERE ur.user_id = $1 ORDER BY p.method",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    permissions.extend(roles::PERSONAL.iter().map(|m| m.to_string()));
    let unit_only: Vec<String> = sqlx::query_scalar(
        "SELECT p.method FROM user_role ur JOIN role_permission p ON p.role = ur.role
         WHERE ur.user_id = $1 GROUP BY p.method HAVING min(p.unit_only) = 1 ORDER BY p.method",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Me {
        id,
        login: user.login,
        name: user.name,
        unit_id: user.unit_id,
        unit_name: user.unit_name,
        roles,
        permissions,
        unit_only,
        must_change: user.must_change,
        idle_minutes: settings(conn).await?.idle_minutes,
    })
}

/// `auth.me`: who is signed in.
pub async fn me(conn: &mut SqliteConnection, ctx: &Ctx, _: Empty) -> Result<Me> {
    match ctx.actor.user_id() {
        Some(id) => me_of(conn, ctx, id).await,
        None => Err(Error::Unauthenticated("Nadie ha ingresado.".into())),
    }
}

/// `auth.sign_in`: check the password; count wrong ones and lock the account after too many.
pub async fn sign_in(conn: &mut SqliteConnection, ctx: &Ctx, p: SignIn) -> Result<SignInResult> {
    const WRONG: &str = "Usuario o contraseña incorrectos.";
    let refuse = |why: String| SignInResult {
        user: None,
        refusal: Some(why),
    };
    let row: Option<(i64, String, bool, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, password_hash, active, failed_attempts, locked_until FROM app_user WHERE login = $1",
    )
    .bind(p.login.trim())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, hash, active, failed, locked_until)) = row else {
        // The same work as a real check, so the answer's timing does not tell which logins exist.
        let _ = password::verify(&p.password, DUMMY_HASH);
        return Ok(refuse(WRONG.into()));
    };
    if let Some(until) = locked_until
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .filter(|until| *until > ctx.now)
    {
        return Ok(refuse(format!(
            "Demasiados intentos fallidos: el usuario está bloqueado hasta las {}. \
             El administrador puede desbloquearlo antes asignándole una contraseña nueva.",
            until.format("%H:%M")
        )));
    }
    if !password::verify(&p.password, &hash) {
        let settings = settings(conn).await?;
        let failed = failed + 1;
        if failed >= settings.max_attempts {
            let until = ctx.now + Duration::minutes(settings.lock_minutes);
            sqlx::query("UPDATE app_user SET failed_attempts = 0, locked_until = $2 WHERE id = $1")
                .bind(id)
                .bind(until.to_rfc3339())
                .execute(&mut *conn)
                .await?;
            return Ok(refuse(format!(
                "{WRONG} Tras {failed} intentos fallidos el usuario queda bloqueado {} minutos.",
                settings.lock_minutes
            )));
        }
        sqlx::query("UPDATE app_user SET failed_attempts = $2 WHERE id = $1")
            .bind(id)
            .bind(failed)
            .execute(&mut *conn)
            .await?;
        return Ok(refuse(WRONG.into()));
    }
    if !active {
        return Ok(refuse(
            "Este usuario está desactivado; consulte al administrador del sistema.".into(),
        ));
    }
    sqlx::query(
        "UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_sign_in = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    Ok(SignInResult {
        user: Some(me_of(conn, ctx, id).await?),
        refusal: None,
    })
}

/// An Argon2id hash of a random password, verified against when the login does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$2Pt6V2mHvWyKXhH6o0M8l1nJ5Tq8bHcEeyDbrN0M0xw";
