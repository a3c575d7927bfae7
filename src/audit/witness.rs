//! The witness: a small keyed file beside the database (`cabildo.db.testigo`) holding the
//! chain's head after the last committed change, with an HMAC-SHA256 under a key kept outside
//! the data folder (`<config>/cabildo/clave-testigo`, or the file `CABILDO_CLAVE_TESTIGO`
//! names). Cutting the newest entries or re-chaining the table no longer matches it; forging a
//! new witness needs the key. See docs/adr/0011-audit.md.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use sqlx::SqliteConnection;

use super::{chain, ChainHead};
use crate::error::{Error, Result};

/// Environment variable naming the key file (tests, and offices that keep it elsewhere).
pub const KEY_ENV: &str = "CABILDO_CLAVE_TESTIGO";

/// The schema version that introduced the witness (migration 0014): a database older than it
/// is anchored once when it is upgraded.
pub const FIRST_SCHEMA: i64 = 14;

/// Writes of the witness from this process, one at a time (never backwards).
static WRITING: Mutex<()> = Mutex::new(());

/// The witness file of the database at `db_path`.
pub fn path_of(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_os_string();
    name.push(".testigo");
    PathBuf::from(name)
}

/// Where the key lives.
pub fn key_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(KEY_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::config_dir()
        .map(|d| d.join("cabildo").join("clave-testigo"))
        .ok_or_else(|| {
            Error::Internal(
                "no se encontró la carpeta de configuración del usuario para la clave del testigo"
                    .into(),
            )
        })
}

fn io(message: String) -> impl FnOnce(std::io::Error) -> Error {
    move |e| Error::io(message, e)
}

#[cfg(unix)]
fn private(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn private(_: &std::fs::File) -> std::io::Result<()> {
    // On Windows the user's profile folder is already private to the user.
    Ok(())
}

/// The key, read from its file; `create` makes one (32 random bytes, readable only by the
/// user) when there is none. Two processes creating it at once agree: the file appears whole
/// through a hard link that fails when the name exists.
fn key(create: bool) -> Result<Option<Vec<u8>>> {
    let path = key_path()?;
    let read = |p: &Path| -> Result<Option<Vec<u8>>> {
        match std::fs::read_to_string(p) {
            Ok(text) => hex::decode(text.trim()).map(Some).map_err(|_| {
                Error::Internal(format!("la clave del testigo {} está dañada", p.display()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(
                format!("no se pudo leer la clave del testigo {}", p.display()),
                e,
            )),
        }
    };
    if let Some(k) = read(&path)? {
        return Ok(Some(k));
    }
    if !create {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(io(format!("no se pudo crear la carpeta {}", dir.display())))?;
    let mut bytes = [0u8; 32];
    rand::Rng::fill(&mut rand::thread_rng(), &mut bytes);
    let tmp = dir.join(format!(".clave-testigo-{}", std::process::id()));
    let mut file = std::fs::File::create(&tmp).map_err(io(format!(
        "no se pudo crear la clave del testigo en {}",
        dir.display()
    )))?;
    private(&file)
        .and_then(|()| file.write_all(hex::encode(bytes).as_bytes()))
        .and_then(|()| file.sync_all())
        .map_err(io(format!(
            "no se pudo escribir la clave del testigo en {}",
            dir.display()
        )))?;
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(Some(bytes.to_vec())),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(&path),
        Err(e) => Err(Error::io(
            format!("no se pudo guardar la clave del testigo {}", path.display()),
            e,
        )),
    }
}

/// The witness as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    /// Format of this file.
    formato: i64,
    /// Entries in the chain.
    count: i64,
    /// Hash of the newest entry.
    hash: String,
    /// HMAC-SHA256 of the two, hexadecimal.
    mac: String,
}

fn mac(key: &[u8], head: &ChainHead) -> String {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    m.update(format!("cabildo-testigo-1\0{}\0{}", head.count, head.hash).as_bytes());
    hex::encode(m.finalize().into_bytes())
}

fn read(db_path: &Path) -> Result<Option<Stored>> {
    let path = path_of(db_path);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|_| Error::Internal(format!("el testigo {} está dañado", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(
            format!("no se pudo leer el testigo {}", path.display()),
            e,
        )),
    }
}

/// Write the witness of `head` (temporary file, flushed, then renamed over the old one).
/// Unless `force`, a witness already ahead of `head` (a request of this process that committed
/// later and wrote first) is kept.
fn write(db_path: &Path, head: &ChainHead, force: bool) -> Result<()> {
    let _one = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    if !force {
        if let Ok(Some(old)) = read(db_path) {
            if old.count >= head.count {
                return Ok(());
            }
        }
    }
    let key = key(true)?.unwrap_or_default();
    let stored = Stored {
        formato: 1,
        count: head.count,
        hash: head.hash.clone(),
        mac: mac(&key, head),
    };
    let path = path_of(db_path);
    let tmp = {
        let mut name = path.as_os_str().to_os_string();
        name.push(format!(".{}.tmp", std::process::id()));
        PathBuf::from(name)
    };
    let text = serde_json::to_vec_pretty(&stored).map_err(|e| Error::Internal(e.to_string()))?;
    let message = format!("no se pudo escribir el testigo {}", path.display());
    let mut file = std::fs::File::create(&tmp).map_err(io(message.clone()))?;
    file.write_all(&text)
        .and_then(|()| file.sync_all())
        .map_err(io(message.clone()))?;
    drop(file);
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(message, e)
    })
}

/// After a committed change: the witness follows the chain's new head.
pub fn update(db_path: &Path, head: &ChainHead) -> Result<()> {
    write(db_path, head, false)
}

/// Anchor the chain again on this machine (after a restore, or a database moved from another
/// computer whose key stayed there): the chain is verified first and the witness is written
/// for its head. Refused, with the problems, when the chain is broken.
pub async fn reanchor(conn: &mut SqliteConnection, db_path: &Path) -> Result<ChainHead> {
    let (_, problems) = chain::verify(conn).await?;
    if !problems.is_empty() {
        return Err(Error::Conflict(format!(
            "No se puede volver a anclar la auditoría: {}",
            problems.join("; ")
        )));
    }
    let head = chain::head(conn).await?;
    write(db_path, &head, true)?;
    Ok(head)
}

/// What the witness says about the chain as it is: Spanish problems, none when the chain
/// reaches at least as far as the witness and holds the witnessed hash at that place.
pub async fn check(conn: &mut SqliteConnection, db_path: &Path) -> Result<Vec<String>> {
    let path = path_of(db_path);
    let head = chain::head(conn).await?;
    let restore_note = "si la base de datos se restauró o se trajo de otro equipo, restaurarla \
                        con Cabildo vuelve a anclar la auditoría";
    let stored = match read(db_path) {
        Ok(Some(s)) => s,
        Ok(None) if head.count == 0 => return Ok(vec![]),
        Ok(None) => {
            return Ok(vec![format!(
                "auditoría: falta el testigo {} de la cadena de auditoría, que tiene {} entradas \
                 ({restore_note})",
                path.display(),
                head.count
            )])
        }
        Err(e) => return Ok(vec![format!("auditoría: {e}")]),
    };
    let key = match key(false) {
        Ok(Some(key)) => key,
        Ok(None) => {
            return Ok(vec![format!(
                "auditoría: no se encontró en este equipo la clave del testigo {} \
                 ({restore_note})",
                key_path()?.display()
            )])
        }
        Err(e) => return Ok(vec![format!("auditoría: {e}")]),
    };
    let witnessed = ChainHead {
        count: stored.count,
        hash: stored.hash.clone(),
    };
    if mac(&key, &witnessed) != stored.mac {
        return Ok(vec![format!(
            "auditoría: la firma del testigo {} no es válida: el testigo fue alterado o es de \
             otro equipo ({restore_note})",
            path.display()
        )]);
    }
    if head.count < stored.count {
        return Ok(vec![format!(
            "auditoría: la cadena tiene {} entradas pero el testigo registró {}: se borraron \
             las entradas más recientes",
            head.count, stored.count
        )]);
    }
    match chain::hash_at(conn, stored.count).await? {
        Some(h) if h == stored.hash => Ok(vec![]),
        _ if stored.count == 0 => Ok(vec![]),
        _ => Ok(vec![format!(
            "auditoría: la entrada {} no es la que registró el testigo: la cadena fue reescrita",
            stored.count
        )]),
    }
}

/// Whether the database at `db_path` has a witness file.
pub fn exists(db_path: &Path) -> bool {
    path_of(db_path).exists()
}
