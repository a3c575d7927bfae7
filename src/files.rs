//! Content-addressed files kept beside the database: each file is stored once under its
//! SHA-256 name and referenced from the database by that digest.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

/// Path of the stored file with this digest.
pub fn path_of(files_dir: &Path, sha256: &str) -> PathBuf {
    files_dir.join(&sha256[..2]).join(sha256)
}

/// Copy `bytes` into the store (if not already there) and record it; returns the digest.
pub async fn store(
    conn: &mut SqliteConnection,
    files_dir: &Path,
    bytes: &[u8],
    mime: &str,
    name: &str,
) -> Result<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let target = path_of(files_dir, &sha);
    if !target.exists() {
        let dir = target.parent().expect("stored files live in a subfolder");
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io("no se pudo crear la carpeta de archivos", e))?;
        // Write to a temporary name first so a crash never leaves a truncated file under its digest.
        let tmp = dir.join(format!(".{sha}.tmp"));
        std::fs::write(&tmp, bytes).map_err(|e| Error::io("no se pudo guardar el archivo", e))?;
        std::fs::rename(&tmp, &target)
            .map_err(|e| Error::io("no se pudo guardar el archivo", e))?;
    }
    sqlx::query(
        "INSERT INTO stored_file (sha256, size, mime, name, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&sha)
    .bind(bytes.len() as i64)
    .bind(mime)
    .bind(name)
    .bind(chrono::Local::now().to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(sha)
}

/// Read a stored file back, checking its digest.
pub fn read(files_dir: &Path, sha256: &str) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path_of(files_dir, sha256))
        .map_err(|e| Error::io(format!("no se encontró el archivo {sha256}"), e))?;
    if hex::encode(Sha256::digest(&bytes)) != sha256 {
        return Err(Error::Internal(format!(
            "El archivo {sha256} está dañado: su contenido no coincide con su huella."
        )));
    }
    Ok(bytes)
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
