//! Backups that restore everything: one zip archive with a consistent copy of the database
//! (`VACUUM INTO`), every content-addressed file of the store and a `manifest.json` with the
//! digest of each entry, the municipality, the schema version, row counts and the audit chain's
//! head. An archive is verified by reading it back before it takes its final name; a restore
//! extracts and verifies into a pending folder beside the database, and the pending restore is
//! applied before the database is next opened, keeping the current database under another name.
//! See docs/adr/0010-backups.md.
//!
//! Nothing here runs inside a request's transaction (`VACUUM` cannot), so creating, inspecting
//! and restoring are plain functions the CLI and the desktop shell call; only the automatic
//! backup's settings are API methods ([`settings`]).

pub mod settings;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::{audit, db, files, municipality};

/// Name of the database inside the archive.
pub const DB_ENTRY: &str = "cabildo.db";
/// Name of the manifest inside the archive.
pub const MANIFEST_ENTRY: &str = "manifest.json";
/// Prefix of the stored files inside the archive (`files/ab/ab12…`, as in the store).
const FILES_PREFIX: &str = "files/";
/// What `manifest.json` says it is.
const FORMAT: &str = "cabildo-copia";
/// Version of the archive's layout.
const FORMAT_VERSION: i64 = 1;
/// Folder beside the database where a restore waits to be applied.
const PENDING: &str = "restauracion-pendiente";
/// Written last into the pending folder: the restore is complete and verified.
const READY: &str = "LISTO.json";
/// Size of the pieces files are copied and hashed in.
const CHUNK: usize = 1024 * 1024;

/// Which step a long operation is in (for the progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Writing the archive.
    Copying,
    /// Reading the archive back to check every digest.
    Verifying,
    /// Extracting an archive to restore it.
    Extracting,
}

/// Progress of a backup or restore: bytes done out of bytes in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    /// The step.
    pub phase: Phase,
    /// Bytes done in this step.
    pub done: u64,
    /// Bytes in this step.
    pub total: u64,
}

/// One entry of the archive as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ManifestEntry {
    /// Name inside the archive.
    pub name: String,
    /// SHA-256 of the content.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The municipality an archive belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ManifestMunicipality {
    /// Official name.
    pub name: String,
    /// Siglas.
    pub short_name: String,
    /// `PE` or `CL`.
    pub country: String,
}

/// `manifest.json`: what the archive holds and how to check it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Manifest {
    /// Always `cabildo-copia`.
    pub format: String,
    /// Layout version of the archive.
    pub format_version: i64,
    /// When the copy was made (RFC 3339, local time).
    pub created_at: String,
    /// Version of the Cabildo that made it.
    pub app_version: String,
    /// Schema version of the database in the archive.
    pub schema_version: i64,
    /// The municipality (none for a database not yet set up).
    pub municipality: Option<ManifestMunicipality>,
    /// Rows per table of the database.
    pub counts: BTreeMap<String, i64>,
    /// Entries of the audit chain.
    pub audit_count: i64,
    /// Hash of the newest audit entry ("" when there is none).
    pub audit_hash: String,
    /// Every entry but the manifest: the database first, then the stored files.
    pub entries: Vec<ManifestEntry>,
    /// Files the database referenced that could not be copied (missing or damaged in the store
    /// when the copy was made), in Spanish.
    pub warnings: Vec<String>,
}

/// What `create` made.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupReport {
    /// Path of the archive.
    pub path: String,
    /// Size of the archive in bytes.
    pub size: u64,
    /// Stored files copied.
    pub files: u64,
    /// Read back and every digest matched, and the database copy passed `integrity_check`.
    pub verified: bool,
    /// Problems found in the store while copying (missing or damaged files), in Spanish.
    pub warnings: Vec<String>,
}

/// What an archive holds, and why it cannot be restored when it cannot.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ArchiveInfo {
    /// Path of the archive.
    pub path: String,
    /// Size of the archive in bytes.
    pub size: u64,
    /// The manifest, when it could be read.
    pub manifest: Option<Manifest>,
    /// Stored files in the archive.
    pub file_count: u64,
    /// Their total size in bytes.
    pub files_bytes: u64,
    /// The main counts with Spanish labels (sessions, norms, files…).
    pub summary: Vec<CountLine>,
    /// Everything wrong with the archive, in Spanish (empty: it can be restored).
    pub problems: Vec<String>,
    /// Whether it can be restored (no problems).
    pub restorable: bool,
}

/// A count of the archive with its Spanish label.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CountLine {
    /// What is counted («Sesiones»).
    pub label: String,
    /// How many.
    pub count: i64,
}

/// What `restore` prepared or applied.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    /// The archive restored.
    pub archive: ArchiveInfo,
    /// Where the database that was replaced was kept (none when there was none).
    pub previous: Option<String>,
}

/// The pending restore's folder for the database at `db_path`.
pub fn pending_dir(db_path: &Path) -> PathBuf {
    dir_of(db_path).join(PENDING)
}

fn dir_of(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn io(message: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let message = message.into();
    move |e| Error::io(message, e)
}

fn damaged(path: &Path, e: zip::result::ZipError) -> Error {
    Error::invalid(format!(
        "El archivo {} no es una copia de seguridad de Cabildo legible o está dañado ({e}).",
        path.display()
    ))
}

/// A file name for an archive of `short_name` made now: `cabildo-MDSRQ-20260314-093000.zip`.
pub fn archive_name(short_name: Option<&str>) -> String {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    match short_name.filter(|s| !s.is_empty()) {
        Some(s) => format!(
            "cabildo-{}-{stamp}.zip",
            s.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        ),
        None => format!("cabildo-{stamp}.zip"),
    }
}

/// Rows of every table of the database (read by name from `sqlite_master`, so no area's table
/// is named here).
async fn table_counts(conn: &mut SqliteConnection) -> Result<BTreeMap<String, i64>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = BTreeMap::new();
    for name in names {
        let quoted = name.replace('"', "\"\"");
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{quoted}\""))
            .fetch_one(&mut *conn)
            .await?;
        counts.insert(name, n);
    }
    Ok(counts)
}

async fn applied_version(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT coalesce(max(version), 0) FROM _sqlx_migrations WHERE success = 1",
    )
    .fetch_one(&mut *conn)
    .await?)
}

async fn open_read_only(path: &Path) -> Result<SqlitePool> {
    Ok(SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::new()
                .filename(path)
                .read_only(true)
                .pragma("trusted_schema", "OFF"),
        )
        .await?)
}

/// `PRAGMA integrity_check` of a database file opened read-only; the problems, in Spanish.
async fn integrity(path: &Path) -> Result<Vec<String>> {
    let pool = open_read_only(path).await?;
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&pool)
        .await?;
    pool.close().await;
    Ok(if lines == ["ok"] {
        vec![]
    } else {
        lines
            .into_iter()
            .map(|l| format!("la base de datos de la copia no está íntegra: {l}"))
            .collect()
    })
}

/// Removes a file when dropped (the temporary copies of a backup, whatever happens).
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Where a copy failed: reading the source (a damaged entry) or writing the target (the disk).
enum CopyError {
    Read(std::io::Error),
    Write(std::io::Error),
}

impl CopyError {
    fn into_io(self) -> std::io::Error {
        match self {
            CopyError::Read(e) | CopyError::Write(e) => e,
        }
    }
}

/// Copies `from` into `to` in pieces, hashing on the way; returns (sha256, size).
fn copy_hashing(
    from: &mut impl Read,
    to: &mut impl Write,
    mut step: impl FnMut(u64),
) -> std::result::Result<(String, u64), CopyError> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Read(e)),
        };
        hasher.update(&buf[..n]);
        to.write_all(&buf[..n]).map_err(CopyError::Write)?;
        size += n as u64;
        step(n as u64);
    }
    Ok((hex::encode(hasher.finalize()), size))
}

fn entry_options(method: zip::CompressionMethod, size: u64) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(size >= u32::MAX as u64 / 2)
        .unix_permissions(0o600)
}

/// Make a verified archive of the open store at `target`: a consistent copy of the database
/// (taken with `VACUUM INTO` while the app keeps running), every stored file and the manifest.
/// The archive is written under a temporary name, read back (every digest, and the database's
/// `integrity_check`), and only then renamed to `target`. An existing `target` is refused
/// unless `overwrite` (the person confirmed it in the save dialog).
pub async fn create(
    pool: &SqlitePool,
    files_dir: &Path,
    target: &Path,
    overwrite: bool,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<BackupReport> {
    if target.exists() && !overwrite {
        return Err(Error::Conflict(format!(
            "El archivo {} ya existe; elija otro nombre para la copia.",
            target.display()
        )));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::field(
                "path",
                format!(
                    "La carpeta {} no existe o no está conectada.",
                    dir.display()
                ),
            ));
        }
    }
    let mut partial_name = target.as_os_str().to_owned();
    partial_name.push(".parcial");
    let partial = TempFile(PathBuf::from(partial_name));
    let mut snapshot_name = target.as_os_str().to_owned();
    snapshot_name.push(".db.tmp");
    let snapshot = TempFile(PathBuf::from(snapshot_name));
    let _ = std::fs::remove_file(&snapshot.0);

    // A consistent copy of the database, then everything else is read from that copy, so the
    // files listed are exactly the ones the archived database references.
    let snapshot_str = snapshot
        .0
        .to_str()
        .ok_or_else(|| Error::field("path", "La ruta de la copia no es UTF-8 válida."))?;
    sqlx::query("VACUUM INTO ?")
        .bind(snapshot_str)
        .execute(pool)
        .await?;
    let snap = open_read_only(&snapshot.0).await?;
    let mut conn = snap.acquire().await?;
    let counts = table_counts(&mut conn).await?;
    let schema_version = applied_version(&mut conn).await?;
    let head = audit::head(&mut conn).await?;
    let municipality = municipality::find(&mut conn)
        .await?
        .map(|m| ManifestMunicipality {
            name: m.name,
            short_name: m.short_name,
            country: m.country,
        });
    let db_size = std::fs::metadata(&snapshot.0)
        .map_err(io("no se pudo leer la copia de la base de datos"))?
        .len();
    let file_bytes = files_total(&mut conn).await?;
    let total = db_size + file_bytes;

    let out = std::fs::File::create(&partial.0)
        .map_err(io(format!("no se pudo crear {}", partial.0.display())))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(out));
    let mut done = 0u64;
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let write_err = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(e) => {
            Error::io(format!("no se pudo escribir {}", target.display()), e)
        }
        other => Error::Internal(format!("no se pudo escribir la copia: {other}")),
    };
    let io_write =
        |e: std::io::Error| Error::io(format!("no se pudo escribir {}", target.display()), e);

    // The database compresses well; stored files (PDFs, images) mostly do not.
    zip.start_file(
        DB_ENTRY,
        entry_options(zip::CompressionMethod::Deflated, db_size).compression_level(Some(1)),
    )
    .map_err(write_err)?;
    let mut db_file = std::fs::File::open(&snapshot.0)
        .map_err(io("no se pudo leer la copia de la base de datos"))?;
    let (sha, size) = copy_hashing(&mut db_file, &mut zip, |n| {
        done += n;
        progress(Progress {
            phase: Phase::Copying,
            done,
            total,
        });
    })
    .map_err(|e| io_write(e.into_io()))?;
    entries.push(ManifestEntry {
        name: DB_ENTRY.into(),
        sha256: sha,
        size,
    });

    let mut after = String::new();
    loop {
        let page = files::page(&mut conn, &after, 500).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.sha256.clone();
        for stored in page {
            let path = files::path_of(files_dir, &stored.sha256);
            let mut source = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(e) => {
                    warnings.push(format!(
                        "el archivo {} falta en la carpeta de archivos ({e}); la copia no lo incluye",
                        stored.sha256
                    ));
                    done += stored.size.max(0) as u64;
                    continue;
                }
            };
            let name = format!("{FILES_PREFIX}{}/{}", &stored.sha256[..2], stored.sha256);
            zip.start_file(
                name.as_str(),
                entry_options(zip::CompressionMethod::Stored, stored.size.max(0) as u64),
            )
            .map_err(write_err)?;
            let (sha, size) = copy_hashing(&mut source, &mut zip, |n| {
                done += n;
                progress(Progress {
                    phase: Phase::Copying,
                    done,
                    total,
                });
            })
            .map_err(|e| {
                Error::io(
                    format!("no se pudo copiar el archivo {}", stored.sha256),
                    e.into_io(),
                )
            })?;
            if sha != stored.sha256 {
                warnings.push(format!(
                    "el archivo {} está dañado en la carpeta de archivos (su contenido no coincide con su huella)",
                    stored.sha256
                ));
            }
            entries.push(ManifestEntry {
                name,
                sha256: sha,
                size,
            });
        }
    }
    drop(conn);
    snap.close().await;

    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        created_at: chrono::Local::now().fixed_offset().to_rfc3339(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        municipality,
        counts,
        audit_count: head.count,
        audit_hash: head.hash,
        entries,
        warnings: warnings.clone(),
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Internal(e.to_string()))?;
    zip.start_file(
        MANIFEST_ENTRY,
        entry_options(zip::CompressionMethod::Deflated, json.len() as u64),
    )
    .map_err(write_err)?;
    zip.write_all(&json).map_err(io_write)?;
    let mut writer = zip.finish().map_err(write_err)?;
    writer.flush().map_err(io_write)?;
    let file = writer.into_inner().map_err(|e| io_write(e.into_error()))?;
    file.sync_all().map_err(io_write)?;
    drop(file);
    drop(snapshot);

    // Read it back before it takes its name.
    let info = inspect_with(&partial.0, true, progress).await?;
    if !info.problems.is_empty() {
        return Err(Error::Internal(format!(
            "La copia {} no superó la verificación: {}",
            target.display(),
            info.problems.join("; ")
        )));
    }
    std::fs::rename(&partial.0, target)
        .map_err(io(format!("no se pudo guardar {}", target.display())))?;
    std::mem::forget(partial);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    Ok(BackupReport {
        path: target.display().to_string(),
        size: info.size,
        files: info.file_count,
        verified: true,
        warnings,
    })
}

async fn files_total(conn: &mut SqliteConnection) -> Result<u64> {
    let mut total = 0u64;
    let mut after = String::new();
    loop {
        let page = files::page(conn, &after, 1000).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.sha256.clone();
        total += page.iter().map(|f| f.size.max(0) as u64).sum::<u64>();
    }
    Ok(total)
}

/// Make a folder's new entries durable (a no-op where folders cannot be opened, as on Windows).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What the archive at `path` holds and everything wrong with it: unreadable zip, missing or
/// unreadable manifest, an entry missing or whose digest does not match, a database that fails
/// `integrity_check`, a schema newer than this binary. Reads every entry.
pub async fn inspect(
    path: &Path,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ArchiveInfo> {
    inspect_with(path, true, progress).await
}

fn read_manifest<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> std::result::Result<Manifest, String> {
    let mut entry = zip.by_name(MANIFEST_ENTRY).map_err(|_| {
        "la copia no tiene manifest.json: no es una copia de seguridad de Cabildo o está incompleta"
            .to_string()
    })?;
    let mut text = Vec::new();
    entry
        .read_to_end(&mut text)
        .map_err(|e| format!("manifest.json está dañado ({e})"))?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .map_err(|e| format!("manifest.json no se puede leer ({e})"))?;
    if manifest.format != FORMAT {
        return Err("manifest.json no es el de una copia de seguridad de Cabildo".into());
    }
    if manifest.format_version > FORMAT_VERSION {
        return Err(format!(
            "la copia usa un formato más reciente ({}) que esta versión de Cabildo ({FORMAT_VERSION}); actualice Cabildo para restaurarla",
            manifest.format_version
        ));
    }
    Ok(manifest)
}

/// Reads every entry of the archive against the manifest; with `extract_db` the database is
/// extracted to a temporary file to run `integrity_check` on it.
async fn inspect_with(
    path: &Path,
    check_db: bool,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ArchiveInfo> {
    let file =
        std::fs::File::open(path).map_err(io(format!("no se pudo abrir {}", path.display())))?;
    let size = file
        .metadata()
        .map_err(io(format!("no se pudo leer {}", path.display())))?
        .len();
    let mut info = ArchiveInfo {
        path: path.display().to_string(),
        size,
        manifest: None,
        file_count: 0,
        files_bytes: 0,
        summary: vec![],
        problems: vec![],
        restorable: false,
    };
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        Err(e) => {
            info.problems
                .push(format!("no es un archivo zip legible o está dañado ({e})"));
            return Ok(info);
        }
    };
    let manifest = match read_manifest(&mut zip) {
        Ok(m) => m,
        Err(problem) => {
            info.problems.push(problem);
            return Ok(info);
        }
    };
    let known = db::binary_schema_version();
    if manifest.schema_version > known {
        info.problems.push(format!(
            "la copia fue hecha por una versión más reciente de Cabildo (esquema {}; esta versión conoce hasta el {known}): actualice Cabildo para restaurarla",
            manifest.schema_version
        ));
    }
    if !manifest.entries.iter().any(|e| e.name == DB_ENTRY) {
        info.problems
            .push("la copia no contiene la base de datos".to_string());
    }
    let total: u64 = manifest.entries.iter().map(|e| e.size).sum();
    let mut done = 0u64;
    let temp_db = check_db.then(|| {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".verificar-{}.db", std::process::id()));
        TempFile(PathBuf::from(name))
    });
    for entry in &manifest.entries {
        if entry.name.starts_with(FILES_PREFIX) {
            info.file_count += 1;
            info.files_bytes += entry.size;
        }
        let mut reader = match zip.by_name(&entry.name) {
            Ok(r) => r,
            Err(_) => {
                info.problems
                    .push(format!("falta la entrada {} en la copia", entry.name));
                continue;
            }
        };
        let mut sink: Box<dyn Write> = match (&temp_db, entry.name == DB_ENTRY) {
            (Some(t), true) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(&t.0)
                    .map_err(io("no se pudo crear una copia temporal para verificar"))?,
            )),
            _ => Box::new(std::io::sink()),
        };
        match copy_hashing(&mut reader, &mut sink, |n| {
            done += n;
            progress(Progress {
                phase: Phase::Verifying,
                done,
                total,
            });
        }) {
            Ok((sha, size)) if sha == entry.sha256 && size == entry.size => {}
            Ok(_) => info.problems.push(format!(
                "la entrada {} está dañada: su contenido no coincide con la huella del manifiesto",
                entry.name
            )),
            Err(CopyError::Read(e)) => info.problems.push(format!(
                "la entrada {} no se puede leer: está dañada ({e})",
                entry.name
            )),
            Err(CopyError::Write(e)) => {
                return Err(Error::io(
                    "no se pudo escribir una copia temporal para verificar",
                    e,
                ))
            }
        }
        sink.flush()
            .map_err(io("no se pudo escribir una copia temporal para verificar"))?;
    }
    if let Some(t) = &temp_db {
        if info.problems.is_empty() {
            info.problems
                .extend(integrity(&t.0).await.unwrap_or_else(|e| {
                    vec![format!(
                        "la base de datos de la copia no se puede abrir ({e})"
                    )]
                }));
        }
    }
    info.restorable = info.problems.is_empty();
    info.summary = headline_counts(&manifest);
    info.manifest = Some(manifest);
    Ok(info)
}

/// First half of a restore: extract the archive into the pending folder beside the database
/// at `db_path`, verifying every entry and the database, and mark it ready. Nothing of the
/// current store changes; [`apply_pending`] puts it in place before the database is next
/// opened. A damaged archive or one from a newer Cabildo is refused (validation error naming
/// every problem).
pub async fn prepare_restore(
    db_path: &Path,
    archive: &Path,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ArchiveInfo> {
    let pending = pending_dir(db_path);
    if pending.exists() {
        std::fs::remove_dir_all(&pending).map_err(io(format!(
            "no se pudo vaciar la carpeta {}",
            pending.display()
        )))?;
    }
    let result = extract(&pending, archive, progress).await;
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&pending);
    }
    result
}

async fn extract(
    pending: &Path,
    archive: &Path,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<ArchiveInfo> {
    let refused = |problems: &[String]| {
        Error::field(
            "path",
            format!(
                "No se puede restaurar {}: {}.",
                archive.display(),
                problems.join("; ")
            ),
        )
    };
    let file = std::fs::File::open(archive)
        .map_err(io(format!("no se pudo abrir {}", archive.display())))?;
    let size = file
        .metadata()
        .map_err(io(format!("no se pudo leer {}", archive.display())))?
        .len();
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| damaged(archive, e))?;
    let manifest = read_manifest(&mut zip).map_err(|p| refused(&[p]))?;
    let known = db::binary_schema_version();
    if manifest.schema_version > known {
        return Err(refused(&[format!(
            "la copia fue hecha por una versión más reciente de Cabildo (esquema {}; esta versión conoce hasta el {known}): actualice Cabildo para restaurarla",
            manifest.schema_version
        )]));
    }
    std::fs::create_dir_all(pending.join("files"))
        .map_err(io(format!("no se pudo crear {}", pending.display())))?;
    let total: u64 = manifest.entries.iter().map(|e| e.size).sum();
    let mut done = 0u64;
    let mut problems = Vec::new();
    let (mut file_count, mut files_bytes) = (0u64, 0u64);
    for entry in &manifest.entries {
        let target = if entry.name == DB_ENTRY {
            pending.join(DB_ENTRY)
        } else if let Some(rest) = entry.name.strip_prefix(FILES_PREFIX) {
            // Only `ab/<64 hex>` names: an archive cannot write outside the pending folder.
            let sha = rest.rsplit('/').next().unwrap_or_default();
            let valid = sha.len() == 64
                && sha.bytes().all(|b| b.is_ascii_hexdigit())
                && rest == format!("{}/{sha}", &sha[..2]);
            if !valid {
                problems.push(format!(
                    "la entrada {} tiene un nombre no válido",
                    entry.name
                ));
                continue;
            }
            file_count += 1;
            files_bytes += entry.size;
            files::path_of(&pending.join("files"), sha)
        } else {
            problems.push(format!(
                "la entrada {} no pertenece a una copia de Cabildo",
                entry.name
            ));
            continue;
        };
        let mut reader = match zip.by_name(&entry.name) {
            Ok(r) => r,
            Err(_) => {
                problems.push(format!("falta la entrada {} en la copia", entry.name));
                continue;
            }
        };
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(io(format!("no se pudo crear {}", dir.display())))?;
        }
        let out = std::fs::File::create(&target)
            .map_err(io(format!("no se pudo escribir {}", target.display())))?;
        let mut out = std::io::BufWriter::new(out);
        match copy_hashing(&mut reader, &mut out, |n| {
            done += n;
            progress(Progress {
                phase: Phase::Extracting,
                done,
                total,
            });
        }) {
            Ok((sha, size)) if sha == entry.sha256 && size == entry.size => {}
            Ok(_) => problems.push(format!(
                "la entrada {} está dañada: su contenido no coincide con la huella del manifiesto",
                entry.name
            )),
            Err(CopyError::Read(e)) => problems.push(format!(
                "la entrada {} no se puede leer: está dañada ({e})",
                entry.name
            )),
            Err(CopyError::Write(e)) => {
                return Err(Error::io(
                    format!("no se pudo escribir {}", target.display()),
                    e,
                ))
            }
        }
        let file = out
            .into_inner()
            .map_err(|e| Error::io("no se pudo escribir la restauración", e.into_error()))?;
        file.sync_all()
            .map_err(io("no se pudo escribir la restauración"))?;
    }
    if !manifest.entries.iter().any(|e| e.name == DB_ENTRY) {
        problems.push("la copia no contiene la base de datos".into());
    }
    if problems.is_empty() {
        problems.extend(integrity(&pending.join(DB_ENTRY)).await?);
    }
    if !problems.is_empty() {
        return Err(refused(&problems));
    }
    let info = ArchiveInfo {
        path: archive.display().to_string(),
        size,
        summary: headline_counts(&manifest),
        manifest: Some(manifest),
        file_count,
        files_bytes,
        problems: vec![],
        restorable: true,
    };
    // The marker goes last, durably: without it the folder is an interrupted extraction.
    let marker = serde_json::to_vec_pretty(&info).map_err(|e| Error::Internal(e.to_string()))?;
    let tmp = pending.join(format!("{READY}.tmp"));
    std::fs::write(&tmp, marker).map_err(io("no se pudo escribir la restauración"))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io("no se pudo escribir la restauración"))?;
    std::fs::rename(&tmp, pending.join(READY))
        .map_err(io("no se pudo escribir la restauración"))?;
    sync_dir(pending);
    Ok(info)
}

/// Second half of a restore, run before the database at `db_path` is opened (by
/// `Cabildo::open`): when a verified restore is pending, the current database (with its WAL)
/// is renamed to `<name>.antes-de-restaurar-<stamp>.db` beside it, the restored files join the
/// store (content-addressed: nothing is overwritten) and the restored database takes the
/// database's name. Every step can be repeated, so a crash half-way finishes at the next start.
/// Returns the restore applied, if any.
pub fn apply_pending(db_path: &Path) -> Result<Option<RestoreReport>> {
    let pending = pending_dir(db_path);
    let marker = pending.join(READY);
    let Ok(text) = std::fs::read(&marker) else {
        // An extraction that never finished is no restore: leave it for `prepare_restore` to
        // clear, never half-apply it.
        return Ok(None);
    };
    let archive: ArchiveInfo = serde_json::from_slice(&text)
        .map_err(|e| Error::Internal(format!("restauración pendiente ilegible: {e}")))?;
    let restored_db = pending.join(DB_ENTRY);
    let files_dir = dir_of(db_path).join("files");
    let mut previous = None;
    if restored_db.exists() {
        if db_path.exists() {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let stem = db_path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "cabildo".into());
            let kept = db_path.with_file_name(format!("{stem}.antes-de-restaurar-{stamp}.db"));
            // The database's WAL and shared memory, and its audit witness (`audit::witness`),
            // go with it: the kept database stays whole and still checks.
            for suffix in ["-wal", "-shm", ".testigo"] {
                let mut from = db_path.as_os_str().to_owned();
                from.push(suffix);
                let from = PathBuf::from(from);
                if from.exists() {
                    let mut to = kept.as_os_str().to_owned();
                    to.push(suffix);
                    std::fs::rename(&from, PathBuf::from(to))
                        .map_err(io(format!("no se pudo apartar {}", from.display())))?;
                }
            }
            std::fs::rename(db_path, &kept).map_err(io(format!(
                "no se pudo apartar la base de datos actual {}",
                db_path.display()
            )))?;
            previous = Some(kept.display().to_string());
        }
        move_files(&pending.join("files"), &files_dir)?;
        std::fs::rename(&restored_db, db_path).map_err(io(format!(
            "no se pudo poner en su lugar la base de datos restaurada {}",
            db_path.display()
        )))?;
        sync_dir(&dir_of(db_path));
    }
    std::fs::remove_dir_all(&pending)
        .map_err(io(format!("no se pudo borrar {}", pending.display())))?;
    Ok(Some(RestoreReport { archive, previous }))
}

/// Moves every `ab/<sha>` file of `from` into the store `to`, keeping what is already there.
fn move_files(from: &Path, to: &Path) -> Result<()> {
    let Ok(prefixes) = std::fs::read_dir(from) else {
        return Ok(());
    };
    for prefix in prefixes.flatten() {
        let Ok(entries) = std::fs::read_dir(prefix.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let sha = entry.file_name().to_string_lossy().to_string();
            if sha.len() != 64 {
                continue;
            }
            let target = files::path_of(to, &sha);
            if target.exists() {
                continue;
            }
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(io(format!("no se pudo crear {}", dir.display())))?;
            }
            std::fs::rename(entry.path(), &target)
                .map_err(io(format!("no se pudo guardar {}", target.display())))?;
        }
    }
    Ok(())
}

/// The counts a person recognises, for the restore screen: the main tables present in the
/// manifest, with a Spanish label.
pub fn headline_counts(manifest: &Manifest) -> Vec<CountLine> {
    const MAIN: &[(&str, &str)] = &[
        ("session", "Sesiones"),
        ("norm", "Normas"),
        ("certified_copy", "Copias certificadas"),
        ("numbering_assignment", "Números asignados"),
        ("person", "Personas"),
        ("org_unit", "Unidades orgánicas"),
        ("operational_activity", "Actividades del POI"),
        ("stored_file", "Archivos adjuntos y firmados"),
        ("audit_log", "Entradas de auditoría"),
    ];
    MAIN.iter()
        .filter_map(|(table, label)| {
            manifest.counts.get(*table).map(|n| CountLine {
                label: label.to_string(),
                count: *n,
            })
        })
        .collect()
}
