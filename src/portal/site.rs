//! The portal's folder on disk: written whole into a staging folder beside the chosen one and
//! put in its place by renames at the end, so a failure never leaves half a site; the PDFs of a
//! previous portal in that folder are linked (or copied) into the new one under the same name
//! rather than written again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as a portal Cabildo wrote (and holds what it contains).
pub(super) const MARKER: &str = "datos/portal.json";
/// What the marker's `generador` says.
pub(super) const GENERATOR: &str = "Cabildo";

/// A portal being written.
pub(super) struct Stage {
    /// The folder chosen.
    dir: PathBuf,
    /// Where the new site is written, beside it.
    stage: PathBuf,
    /// The portal already in `dir`, whose PDFs are reused.
    previous: Option<PathBuf>,
    /// PDFs placed in the new site.
    placed: HashSet<String>,
    /// PDFs written (new or changed).
    pub written: i64,
    /// PDFs taken unchanged from the previous portal.
    pub kept: i64,
    /// Pages (HTML) written.
    pub pages: i64,
    finished: bool,
}

fn field(message: String) -> Error {
    Error::field("dir", message)
}

/// Why a folder cannot be written, in words.
fn cause(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "su usuario no tiene permiso para escribir allí".into(),
        K::ReadOnlyFilesystem => "el disco o la memoria es de solo lectura".into(),
        K::StorageFull | K::QuotaExceeded => "el disco está lleno".into(),
        K::NotFound => "la carpeta no existe".into(),
        _ => e.to_string(),
    }
}

fn io(what: &Path, e: std::io::Error) -> Error {
    Error::io(format!("no se pudo escribir «{}»", what.display()), e)
}

/// Whether `dir` holds a portal written by Cabildo.
fn is_portal(dir: &Path) -> bool {
    std::fs::read(dir.join(MARKER))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v["generador"] == GENERATOR)
}

impl Stage {
    /// Check the folder chosen and open the staging folder beside it.
    pub fn open(dir: &str) -> Result<Stage> {
        let dir = dir.trim();
        if dir.is_empty() {
            return Err(field(
                "Indique la carpeta donde publicar el portal (una carpeta vacía o la del portal anterior)."
                    .into(),
            ));
        }
        let mut dir = PathBuf::from(dir);
        if dir.is_relative() {
            let here = std::env::current_dir()
                .map_err(|e| Error::io("no se pudo leer la carpeta de trabajo", e))?;
            dir = here.join(dir);
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| field("Elija una carpeta con nombre, no la raíz del disco.".into()))?;
        let parent = dir
            .parent()
            .ok_or_else(|| field("Elija una carpeta con nombre, no la raíz del disco.".into()))?
            .to_path_buf();
        if !parent.is_dir() {
            return Err(field(format!(
                "La carpeta «{}» no existe: créela o elija otra.",
                parent.display()
            )));
        }
        let previous = if dir.exists() {
            if !dir.is_dir() {
                return Err(field(format!(
                    "«{}» es un archivo, no una carpeta: elija una carpeta.",
                    dir.display()
                )));
            }
            let empty = std::fs::read_dir(&dir)
                .map_err(|e| {
                    field(format!(
                        "No se puede leer la carpeta «{}»: {}.",
                        dir.display(),
                        cause(&e)
                    ))
                })?
                .next()
                .is_none();
            if empty {
                None
            } else if is_portal(&dir) {
                Some(dir.clone())
            } else {
                return Err(field(format!(
                    "La carpeta «{}» no está vacía y no contiene un portal publicado por Cabildo: elija una carpeta vacía o la del portal anterior (sus archivos se reemplazarían).",
                    dir.display()
                )));
            }
        } else {
            None
        };
        let stage = parent.join(format!(".{name}.publicando-{}", std::process::id()));
        if stage.exists() {
            // Left by a run that was killed: it was never the portal.
            let _ = std::fs::remove_dir_all(&stage);
        }
        std::fs::create_dir(&stage).map_err(|e| {
            field(format!(
                "No se puede escribir en «{}»: {}. Elija una carpeta donde pueda escribir (o conecte la memoria USB).",
                parent.display(),
                cause(&e)
            ))
        })?;
        Ok(Stage {
            dir,
            stage,
            previous,
            placed: HashSet::new(),
            written: 0,
            kept: 0,
            pages: 0,
            finished: false,
        })
    }

    /// The folder chosen (absolute).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a path with `/`) in the new site.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.stage.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| io(p, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        if rel.ends_with(".html") {
            self.pages += 1;
        }
        Ok(())
    }

    /// Whether the PDF `name` is in the new site already: placed earlier in this export, or
    /// taken (linked, else copied) from the previous portal. When not, the caller renders it
    /// and gives it to [`Self::write_pdf`].
    pub fn reuse(&mut self, name: &str) -> Result<bool> {
        if self.placed.contains(name) {
            return Ok(true);
        }
        let Some(prev) = &self.previous else {
            return Ok(false);
        };
        let old = prev.join("pdf").join(name);
        if !old.is_file() {
            return Ok(false);
        }
        let dir = self.stage.join("pdf");
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let new = dir.join(name);
        // A hard link writes nothing; a file system without them (FAT) gets a copy.
        if std::fs::hard_link(&old, &new).is_err() {
            std::fs::copy(&old, &new).map_err(|e| io(&new, e))?;
        }
        self.placed.insert(name.to_string());
        self.kept += 1;
        Ok(true)
    }

    /// Write the PDF `name` into the new site.
    pub fn write_pdf(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.write(&format!("pdf/{name}"), bytes)?;
        self.placed.insert(name.to_string());
        self.written += 1;
        Ok(())
    }

    /// PDFs of the site.
    pub fn pdfs(&self) -> i64 {
        self.placed.len() as i64
    }

    /// Put the new site in the chosen folder's place (the previous one, if any, moved aside
    /// first and removed after). Returns how many PDFs of the previous portal are gone.
    pub fn finish(mut self) -> Result<i64> {
        let mut removed = 0;
        if let Some(prev) = &self.previous {
            if let Ok(entries) = std::fs::read_dir(prev.join("pdf")) {
                removed = entries
                    .flatten()
                    .filter(|e| !self.placed.contains(&*e.file_name().to_string_lossy()))
                    .count() as i64;
            }
        }
        if self.dir.exists() {
            let aside = self.stage.with_file_name(format!(
                "{}.anterior",
                self.stage.file_name().unwrap_or_default().to_string_lossy()
            ));
            let _ = std::fs::remove_dir_all(&aside);
            std::fs::rename(&self.dir, &aside).map_err(|e| {
                field(format!(
                    "No se pudo reemplazar el portal anterior en «{}»: {} (¿hay un archivo abierto en esa carpeta?).",
                    self.dir.display(),
                    cause(&e)
                ))
            })?;
            if let Err(e) = std::fs::rename(&self.stage, &self.dir) {
                // Put the previous portal back as it was.
                let _ = std::fs::rename(&aside, &self.dir);
                return Err(io(&self.dir, e));
            }
            // The previous portal is out of the way; a file that cannot be removed stays in
            // the hidden folder beside it and harms nothing.
            let _ = std::fs::remove_dir_all(&aside);
        } else {
            std::fs::rename(&self.stage, &self.dir).map_err(|e| io(&self.dir, e))?;
        }
        self.finished = true;
        Ok(removed)
    }
}

impl Drop for Stage {
    /// An export that failed leaves nothing: the chosen folder is as it was.
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.stage);
        }
    }
}
