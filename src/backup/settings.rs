//! Automatic backups: the folder the person chose (an external drive), on or off, how many
//! archives to keep; and the outcome of the last automatic run. The desktop app calls
//! [`run_if_due`] at start, in the background; the settings screen reads the outcome.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::municipality;

/// The automatic backup's settings and its last outcome (`backup.settings.get`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct BackupSettings {
    /// Whether the app makes a copy a day at start.
    pub enabled: bool,
    /// Folder the copies go to.
    pub folder: Option<String>,
    /// How many copies to keep in the folder (older ones are deleted).
    pub keep: i64,
    /// When the last automatic copy was attempted (RFC 3339).
    pub last_run_at: Option<String>,
    /// Whether it worked.
    pub last_ok: Option<bool>,
    /// What it said: the archive's size or the error, in Spanish.
    pub last_message: Option<String>,
    /// The archive it made.
    pub last_archive: Option<String>,
    /// When the last copy that worked was made.
    pub last_success_at: Option<String>,
}

/// Params of `backup.settings.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupSettingsSet {
    /// Make a copy a day at start.
    pub enabled: bool,
    /// Folder for the copies (required when enabled).
    pub folder: Option<String>,
    /// Copies to keep, 1 to 365.
    pub keep: i64,
}

const SELECT: &str = "SELECT enabled, folder, keep, last_run_at, last_ok, last_message, \
     last_archive, last_success_at FROM backup_settings WHERE id = 1";

async fn read(conn: &mut SqliteConnection) -> Result<BackupSettings> {
    Ok(sqlx::query_as(SELECT).fetch_one(&mut *conn).await?)
}

/// `backup.settings.get`.
pub async fn get(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _: crate::context::Empty,
) -> Result<BackupSettings> {
    read(conn).await
}

/// `backup.settings.set`: the folder must exist (it is checked again at each run: a drive may
/// be unplugged).
pub async fn set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: BackupSettingsSet,
) -> Result<BackupSettings> {
    if !(1..=365).contains(&p.keep) {
        return Err(Error::field(
            "keep",
            "Indique cuántas copias conservar: de 1 a 365.",
        ));
    }
    let folder = p
        .folder
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty());
    match &folder {
        Some(f) if !Path::new(f).is_absolute() => {
            return Err(Error::field(
                "folder",
                "Elija la carpeta con el botón «Elegir carpeta…» (una ruta completa).",
            ))
        }
        Some(f) if !Path::new(f).is_dir() => {
            return Err(Error::field(
                "folder",
                format!("La carpeta {f} no existe o no está conectada."),
            ))
        }
        None if p.enabled => {
            return Err(Error::field(
                "folder",
                "Elija la carpeta donde guardar las copias automáticas.",
            ))
        }
        _ => {}
    }
    sqlx::query("UPDATE backup_settings SET enabled = $1, folder = $2, keep = $3 WHERE id = 1")
        .bind(p.enabled)
        .bind(&folder)
        .bind(p.keep)
        .execute(&mut *conn)
        .await?;
    read(conn).await
}

/// Whether a copy is due today: on, with a folder, and no copy that worked today.
fn due(s: &BackupSettings, today: chrono::NaiveDate) -> bool {
    let done_today = s
        .last_success_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .is_some_and(|t| t.date_naive() >= today);
    s.enabled && s.folder.is_some() && !done_today
}

/// What an automatic run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutoOutcome {
    /// Off, or a copy was already made today.
    NotDue,
    /// A copy was made (its path) and older ones removed (how many).
    Made(PathBuf, usize),
    /// It failed; the Spanish message is recorded for the settings screen.
    Failed(String),
}

/// At app start: when due, make the day's archive in the chosen folder, delete the oldest of
/// Cabildo's archives there beyond `keep`, and record the outcome. A failure is recorded and
/// returned, never raised: the app keeps working.
pub async fn run_if_due(
    pool: &SqlitePool,
    files_dir: &Path,
    today: chrono::NaiveDate,
) -> Result<AutoOutcome> {
    let (settings, short) = {
        let mut conn = pool.acquire().await?;
        let s = read(&mut conn).await?;
        let short = municipality::short_name(&mut conn).await?;
        (s, short)
    };
    if !due(&settings, today) {
        return Ok(AutoOutcome::NotDue);
    }
    let folder = PathBuf::from(settings.folder.clone().unwrap_or_default());
    let target = folder.join(super::archive_name(short.as_deref()));
    let made = super::create(pool, files_dir, &target, false, &mut |_| {}).await;
    let now = chrono::Local::now().fixed_offset().to_rfc3339();
    let (outcome, ok, message, archive) = match made {
        Ok(report) => {
            let removed = prune(&folder, settings.keep as usize, &target);
            let mut message = format!(
                "Copia verificada de {} con {} archivo(s).",
                human_size(report.size),
                report.files
            );
            if !report.warnings.is_empty() {
                message.push_str(&format!(" Advertencias: {}.", report.warnings.join("; ")));
            }
            (
                AutoOutcome::Made(target.clone(), removed),
                true,
                message,
                Some(target.display().to_string()),
            )
        }
        Err(e) => {
            let message = format!(
                "No se pudo hacer la copia automática en {}: {}",
                folder.display(),
                e.to_api().message
            );
            (AutoOutcome::Failed(message.clone()), false, message, None)
        }
    };
    let mut conn = pool.acquire().await?;
    sqlx::query(
        "UPDATE backup_settings SET last_run_at = $1, last_ok = $2, last_message = $3, \
         last_archive = coalesce($4, last_archive), \
         last_success_at = CASE WHEN $2 THEN $1 ELSE last_success_at END WHERE id = 1",
    )
    .bind(&now)
    .bind(ok)
    .bind(&message)
    .bind(&archive)
    .execute(&mut *conn)
    .await?;
    Ok(outcome)
}

/// Deletes Cabildo's automatic archives in `folder` beyond the newest `keep` (only names it
/// makes, `cabildo-…-AAAAMMDD-HHMMSS.zip`, never another file); `just_made` is always kept.
/// Returns how many were removed.
fn prune(folder: &Path, keep: usize, just_made: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut ours: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stamp = automatic_stamp(&name)?;
            Some((stamp, e.path()))
        })
        .collect();
    // Newest first by the stamp in the name (the file's own dates may change when copied).
    ours.sort_by(|a, b| b.0.cmp(&a.0));
    let mut removed = 0;
    for (_, path) in ours.into_iter().skip(keep.max(1)) {
        if path != just_made && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The `AAAAMMDD-HHMMSS` of an archive name Cabildo makes, `None` for any other file.
fn automatic_stamp(name: &str) -> Option<String> {
    let rest = name.strip_prefix("cabildo-")?.strip_suffix(".zip")?;
    let stamp = rest.get(rest.len().checked_sub(15)?..)?;
    let ok = stamp.len() == 15
        && stamp.as_bytes()[8] == b'-'
        && stamp
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 8 || b.is_ascii_digit());
    ok.then(|| stamp.to_string())
}

/// «12,3 MB».
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    let (value, unit) = if b >= 1e9 {
        (b / 1e9, "GB")
    } else if b >= 1e6 {
        (b / 1e6, "MB")
    } else if b >= 1e3 {
        (b / 1e3, "kB")
    } else {
        return format!("{bytes} bytes");
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cabildos_archives_are_pruned_newest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "cabildo-MDSRQ-20260101-080000.zip",
            "cabildo-MDSRQ-20260102-080000.zip",
            "cabildo-MDSRQ-20260103-080000.zip",
            "cabildo-20260104-080000.zip",
            "cabildo-notas.zip",
            "otra-cosa-20260101-080000.zip",
        ];
        for n in names {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        let newest = dir.path().join("cabildo-20260104-080000.zip");
        assert_eq!(prune(dir.path(), 2, &newest), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "cabildo-20260104-080000.zip",
                "cabildo-MDSRQ-20260103-080000.zip",
                "cabildo-notas.zip",
                "otra-cosa-20260101-080000.zip"
            ]
        );
    }

    #[test]
    fn a_day_is_due_once() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        let mut s = BackupSettings {
            enabled: true,
            folder: Some("/media/usb".into()),
            keep: 7,
            last_run_at: None,
            last_ok: None,
            last_message: None,
            last_archive: None,
            last_success_at: None,
        };
        assert!(due(&s, today));
        s.last_success_at = Some("2026-03-13T18:00:00-05:00".into());
        assert!(due(&s, today));
        s.last_success_at = Some("2026-03-14T08:00:00-05:00".into());
        assert!(!due(&s, today));
        s.last_success_at = None;
        s.enabled = false;
        assert!(!due(&s, today));
        assert_eq!(human_size(12_345_678), "12,3 MB");
    }
}
