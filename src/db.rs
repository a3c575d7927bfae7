//! Opening the store: pragmas, the migration ladder with a backup before each migration,
//! refusing databases newer than this binary, and online backups.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use crate::error::{Error, Result};

/// The migrations compiled into this binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Where the database lives when neither `--db` nor `CABILDO_DB` says otherwise:
/// the OS data dir (`~/.local/share/cabildo/cabildo.db` on Linux).
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("CABILDO_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("cabildo")
        .join("cabildo.db")
}

/// The newest schema version this binary knows.
pub fn binary_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// What happened while opening.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// Schema version before migrating (0 for a new database).
    pub from_version: i64,
    /// Schema version now.
    pub to_version: i64,
    /// The backup taken before migrating, if any migration ran on an existing database.
    pub backup: Option<PathBuf>,
}

fn options(path: &Path, create: bool) -> Result<SqliteConnectOptions> {
    let opts = SqliteConnectOptions::from_str("sqlite://")
        .map_err(Error::Database)?
        .filename(path)
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(15))
        .pragma("trusted_schema", "OFF");
    Ok(opts)
}

/// Open (creating if needed) the database at `path`, back it up when migrations are pending,
/// refuse it when it is newer than this binary, and migrate it.
pub async fn open(path: &Path) -> Result<(SqlitePool, OpenReport)> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::io(
                format!("no se pudo crear la carpeta de datos {}", dir.display()),
                e,
            )
        })?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options(path, true)?)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) => Error::Io {
                message: format!(
                    "no se pudo abrir la base de datos {}: {}",
                    path.display(),
                    d.message()
                ),
                source: None,
            },
            other => Error::Database(other),
        })?;
    let report = migrate(&pool, path).await?;
    Ok((pool, report))
}

/// Versions recorded as applied in the database.
async fn applied_versions(pool: &SqlitePool) -> Result<Vec<i64>> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if exists == 0 {
        return Ok(vec![]);
    }
    let rows =
        sqlx::query("SELECT version FROM _sqlx_migrations WHERE success = 1 ORDER BY version")
            .fetch_all(pool)
            .await?;
    Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
}

async fn migrate(pool: &SqlitePool, path: &Path) -> Result<OpenReport> {
    let applied = applied_versions(pool).await?;
    let known = binary_schema_version();
    let from_version = applied.iter().copied().max().unwrap_or(0);
    if from_version > known {
        return Err(Error::Conflict(format!(
            "La base de datos {} fue creada por una versión más reciente de Cabildo \
             (esquema {from_version}; esta versión conoce hasta el {known}). \
             Actualice Cabildo para abrirla; no se modificó nada.",
            path.display()
        )));
    }
    let pending = MIGRATOR.iter().any(|m| !applied.contains(&m.version));
    let mut backup = None;
    if pending && !applied.is_empty() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let target = path.with_extension(format!("v{from_version}-{stamp}.bak.db"));
        vacuum_into(pool, &target).await?;
        backup = Some(target);
    }
    if pending {
        MIGRATOR.run(pool).await?;
    }
    Ok(OpenReport {
        from_version,
        to_version: known,
        backup,
    })
}

async fn vacuum_into(pool: &SqlitePool, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(Error::Conflict(format!(
            "El archivo {} ya existe; elija otro nombre para la copia.",
            target.display()
        )));
    }
    let target_str = target
        .to_str()
        .ok_or_else(|| Error::invalid("La ruta de la copia de seguridad no es UTF-8 válida."))?;
    sqlx::query("VACUUM INTO ?")
        .bind(target_str)
        .execute(pool)
        .await?;
    Ok(())
}

/// How a request that changes data opens its transaction: SQLite's write lock at once, so two
/// writers queue on `busy_timeout` instead of failing half-way.
pub const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// How a read-only request opens its transaction (one consistent snapshot).
pub const BEGIN_READ: &str = "BEGIN";

/// What `cabildo check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Schema version of the database.
    pub schema_version: i64,
    /// Number of audit entries verified (filled by `Cabildo::check`).
    pub audit_entries: i64,
    /// Number of stored files verified (filled by `Cabildo::check`).
    pub stored_files: i64,
    /// Spanish descriptions of every problem found (empty: all good).
    pub problems: Vec<String>,
}

/// Check SQLite integrity, foreign keys and the migration state (`Cabildo::check` adds the
/// audit chain).
pub async fn check(pool: &SqlitePool) -> Result<CheckReport> {
    let mut conn = pool.acquire().await?;
    let mut problems = Vec::new();
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await?;
    if integrity != ["ok"] {
        problems.extend(integrity.into_iter().map(|l| format!("integridad: {l}")));
    }
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *conn)
        .await?;
    for row in fk {
        let table: String = row.get(0);
        let rowid: Option<i64> = row.get(1);
        let parent: String = row.get(2);
        problems.push(format!(
            "clave foránea: la fila {} de «{table}» apunta a una fila inexistente de «{parent}»",
            rowid.map_or("?".to_string(), |r| r.to_string())
        ));
    }
    let rows =
        sqlx::query("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await?;
    let mut schema_version = 0;
    for m in MIGRATOR.iter() {
        match rows.iter().find(|r| r.get::<i64, _>(0) == m.version) {
            None => problems.push(format!(
                "migración {} ({}) sin aplicar",
                m.version, m.description
            )),
            Some(r) if !r.get::<bool, _>(1) => problems.push(format!(
                "migración {} ({}) quedó a medias",
                m.version, m.description
            )),
            Some(r) if r.get::<Vec<u8>, _>(2) != m.checksum.as_ref() => problems.push(format!(
                "migración {} ({}) fue aplicada con un contenido distinto",
                m.version, m.description
            )),
            Some(_) => schema_version = m.version,
        }
    }
    Ok(CheckReport {
        schema_version,
        audit_entries: 0,
        stored_files: 0,
        problems,
    })
}
