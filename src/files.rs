//! Content-addressed files kept beside the database: each file is stored once under its
//! SHA-256 name and referenced from the database by that digest.
//!
//! A request never writes into the store itself. [`store`] writes the bytes into
//! `files/.staging/` under a name only this request uses, and records the digest in the
//! request's context; `api::dispatch` calls [`publish`] after the transaction commits (a rename
//! into place) or [`discard`] when it rolls back, so a failed request or a dry run leaves no
//! file behind. [`recover`] finishes, at the next start, what a crash interrupted between the
//! commit and the rename.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::context::Ctx;
use crate::error::{Error, Result};

const STAGING: &str = ".staging";

/// Path of the stored file with this digest.
pub fn path_of(files_dir: &Path, sha256: &str) -> PathBuf {
    files_dir.join(&sha256[..2]).join(sha256)
}

fn staging_dir(files_dir: &Path) -> PathBuf {
    files_dir.join(STAGING)
}

/// A staged name unique to this process and request: `<sha>.<pid>-<n>`.
fn staged_name(sha256: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{sha256}.{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Stage `bytes` for the store (unless already there) and record it in the request's
/// transaction; returns the digest. The file reaches the store when the request commits.
pub async fn store(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    bytes: &[u8],
    mime: &str,
    name: &str,
) -> Result<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    if !path_of(&ctx.files_dir, &sha).exists() {
        let dir = staging_dir(&ctx.files_dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io("no se pudo crear la carpeta de archivos", e))?;
        let staged = staged_name(&sha);
        std::fs::write(dir.join(&staged), bytes)
            .map_err(|e| Error::io("no se pudo guardar el archivo", e))?;
        ctx.staged
            .lock()
            .map_err(|_| Error::Internal("archivos pendientes inaccesibles".into()))?
            .push(staged);
    }
    sqlx::query(
        "INSERT INTO stored_file (sha256, size, mime, name, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&sha)
    .bind(bytes.len() as i64)
    .bind(mime)
    .bind(name)
    .bind(ctx.now.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(sha)
}

/// Move the files a committed request staged into the store.
pub fn publish(ctx: &Ctx) -> Result<()> {
    let staged = std::mem::take(
        &mut *ctx
            .staged
            .lock()
            .map_err(|_| Error::Internal("archivos pendientes inaccesibles".into()))?,
    );
    for name in staged {
        move_into_place(&ctx.files_dir, &name)?;
    }
    Ok(())
}

/// Remove the files a rolled-back request staged.
pub fn discard(ctx: &Ctx) {
    if let Ok(mut staged) = ctx.staged.lock() {
        for name in staged.drain(..) {
            let _ = std::fs::remove_file(staging_dir(&ctx.files_dir).join(name));
        }
    }
}

fn move_into_place(files_dir: &Path, staged: &str) -> Result<()> {
    let from = staging_dir(files_dir).join(staged);
    let sha = staged.split('.').next().unwrap_or(staged);
    let target = path_of(files_dir, sha);
    if target.exists() {
        let _ = std::fs::remove_file(&from);
        return Ok(());
    }
    let dir = target.parent().expect("stored files live in a subfolder");
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io("no se pudo crear la carpeta de archivos", e))?;
    std::fs::rename(&from, &target).map_err(|e| Error::io("no se pudo guardar el archivo", e))
}

/// At start: staged files whose digest the database knows (their request committed, then the
/// process stopped before the rename) go into place; staged files of requests that never
/// committed are removed once they are a day old (a younger one may belong to a request of
/// another process still running).
pub async fn recover(conn: &mut SqliteConnection, files_dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(staging_dir(files_dir)) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let sha = name.split('.').next().unwrap_or_default().to_string();
        let known: Option<i64> = sqlx::query_scalar("SELECT 1 FROM stored_file WHERE sha256 = $1")
            .bind(&sha)
            .fetch_optional(&mut *conn)
            .await?;
        if known.is_some() {
            move_into_place(files_dir, &name)?;
        } else {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600);
            if old {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Read a stored file back, checking its digest. A file staged by the current request (not yet
/// committed) is found too.
pub fn read(files_dir: &Path, sha256: &str) -> Result<Vec<u8>> {
    let path = path_of(files_dir, sha256);
    let path = if path.exists() {
        path
    } else {
        staged_path(files_dir, sha256).unwrap_or(path)
    };
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(format!("no se encontró el archivo {sha256}"), e))?;
    if hex::encode(Sha256::digest(&bytes)) != sha256 {
        return Err(Error::Internal(format!(
            "El archivo {sha256} está dañado: su contenido no coincide con su huella."
        )));
    }
    Ok(bytes)
}

fn staged_path(files_dir: &Path, sha256: &str) -> Option<PathBuf> {
    let prefix = format!("{sha256}.");
    std::fs::read_dir(staging_dir(files_dir))
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
}

/// What the store's index says of a file: (name it came with, MIME type, size in bytes).
pub async fn describe(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<(String, String, i64)>> {
    Ok(
        sqlx::query_as("SELECT name, mime, size FROM stored_file WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The image type of a logo from its first bytes.
pub fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// One row of the store's index, as backups and checks page through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRef {
    /// SHA-256 of the content (its name in the store).
    pub sha256: String,
    /// Size in bytes, as recorded when it was stored.
    pub size: i64,
}

/// The store's index in digest order, `limit` rows after `after` (keyset paging: the table is
/// never loaded whole).
pub async fn page(conn: &mut SqliteConnection, after: &str, limit: i64) -> Result<Vec<StoredRef>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT sha256, size FROM stored_file WHERE sha256 > $1 ORDER BY sha256 LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(sha256, size)| StoredRef { sha256, size })
        .collect())
}

/// Number of files the database references.
pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM stored_file")
        .fetch_one(&mut *conn)
        .await?)
}

/// SHA-256 and size of a file, read in pieces (a large attachment is never held whole).
pub fn digest_of(path: &Path) -> std::io::Result<(String, u64)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// `cabildo check`: every file the database references exists in the store and its content
/// still matches its digest. Returns how many were checked and a Spanish line per problem.
pub async fn verify_all(
    conn: &mut SqliteConnection,
    files_dir: &Path,
) -> Result<(i64, Vec<String>)> {
    let mut checked = 0;
    let mut problems = Vec::new();
    let mut after = String::new();
    loop {
        let rows = page(conn, &after, 500).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.sha256.clone();
        for row in rows {
            checked += 1;
            let path = path_of(files_dir, &row.sha256);
            match digest_of(&path) {
                Ok((sha, size)) if sha == row.sha256 && size as i64 == row.size => {}
                Ok((sha, _)) if sha == row.sha256 => problems.push(format!(
                    "archivo {}: mide {} bytes y la base de datos registra {}",
                    row.sha256,
                    std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
                    row.size
                )),
                Ok(_) => problems.push(format!(
                    "archivo {}: está dañado (su contenido no coincide con su huella)",
                    row.sha256
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => problems.push(format!(
                    "archivo {}: falta en la carpeta {}",
                    row.sha256,
                    files_dir.display()
                )),
                Err(e) => problems.push(format!("archivo {}: no se pudo leer ({e})", row.sha256)),
            }
        }
    }
    Ok((checked, problems))
}
