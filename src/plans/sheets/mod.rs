//! Spreadsheets of the plans, both ways: the POI, the PEI matrix and the tablero written as
//! .xlsx in the shapes planning offices exchange (CEPLAN's programmed / executed pairs per
//! month, the Anexo B-2 matrix), and a POI or a PEI read back from an .xlsx or a .csv.
//!
//! Export follows the other exports of the app: with `path` (chosen in the native "Guardar
//! como…" dialog) the core writes the file there; without it the bytes come back in base64
//! (for the CLI, tests and a browser preview). Import takes the file in base64 with its name,
//! or a `path` picked with the native dialog. An import is checked whole first: `preview` lists
//! every row and every error with its row and column as the spreadsheet shows them, and
//! `import` writes only a file without errors, all of it in the request's one transaction.

mod export;
mod export_pei;
mod export_tablero;
mod grid;
mod import;
mod import_pei;
mod write;

use base64::Engine;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::operational::OperationalStatus;
use super::store;
use super::strategic::StrategicStatus;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::records::deliver;
pub use crate::records::SheetFile;

/// Which spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// The operational plan: activities with their monthly physical and financial targets and
    /// execution (two sheets).
    Poi,
    /// The strategic plan's matrix of objectives, actions and indicators (Anexo B-2).
    Pei,
    /// The tablero of an operational plan at a month (export only).
    Tablero,
}

/// Params of `plan.export`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanExport {
    /// Which spreadsheet.
    pub what: SheetKind,
    /// The operational plan (`poi`, `tablero`) or the strategic plan version (`pei`).
    pub plan_id: i64,
    /// `tablero`: the month, 1–12 (default: the current one within the plan's year).
    #[serde(default)]
    pub month: Option<i64>,
    /// `poi`: the programme version (default: the current one; 1 is the original).
    #[serde(default)]
    pub version: Option<i64>,
    /// Where to write the file; absent: the bytes come back in `bytes_base64`.
    #[serde(default)]
    pub path: Option<String>,
}

/// `plan.export`: a plan as an .xlsx workbook, with numbers as numbers (percentages formatted
/// as such), bold frozen headers and the municipality, plan, version and date on top.
pub async fn export(conn: &mut SqliteConnection, ctx: &Ctx, p: PlanExport) -> Result<SheetFile> {
    let (file_name, bytes, rows) = match p.what {
        SheetKind::Poi => export::poi(conn, ctx, p.plan_id, p.version).await?,
        SheetKind::Pei => export_pei::pei(conn, ctx, p.plan_id).await?,
        SheetKind::Tablero => export_tablero::tablero(conn, ctx, p.plan_id, p.month).await?,
    };
    deliver(file_name, bytes, rows, p.path.as_deref())
}

/// Params of `plan.import.preview` and `plan.import`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanImport {
    /// The operational plan (`poi`) or the strategic plan version (`pei`) to import into.
    pub plan_id: i64,
    /// `poi` or `pei`.
    pub kind: SheetKind,
    /// The file's name (its extension tells a .csv from a workbook).
    #[serde(default)]
    pub file_name: String,
    /// The file's bytes in base64 (or give `path`).
    #[serde(default)]
    pub content_base64: String,
    /// A file to read, picked with the native dialog (instead of `content_base64`).
    #[serde(default)]
    pub path: Option<String>,
}

/// What importing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportChange {
    /// A new activity, objective or action.
    Crea,
    /// One already in the plan, found by its code.
    Actualiza,
}

/// What a row of an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportLevel {
    /// An activity of the POI.
    Actividad,
    /// An objective of the PEI.
    Oei,
    /// An action of the PEI.
    Aei,
}

/// One row of the file as it will be imported.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportRow {
    /// Row, as the spreadsheet numbers it.
    pub row: i64,
    /// Code of the activity, objective or action.
    pub code: String,
    /// Its name or statement.
    pub name: String,
    /// An activity, an objective or an action.
    pub level: ImportLevel,
    /// The unit's code (centro de costo, or the unit responsible).
    pub unit_code: String,
    /// POI: the AEI it serves; PEI: the objective of an action.
    pub parent_code: Option<String>,
    /// New or updated.
    pub change: ImportChange,
    /// POI: the annual physical target.
    pub physical_total: Option<f64>,
    /// POI: the annual financial target, céntimos (none: the file has no financial targets).
    pub financial_total: Option<i64>,
    /// PEI: indicators in the file for it.
    pub indicators: i64,
}

/// A problem of the file, at its place.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportIssue {
    /// The sheet, when the file has more than one.
    pub sheet: Option<String>,
    /// Row, as the spreadsheet numbers it.
    pub row: i64,
    /// Column letter ("H"), when the problem is in one cell or column.
    pub column: Option<String>,
    /// What is wrong, with its place ("Fila 7, columna H: «diez» no es un número…").
    pub message: String,
}

/// Result of `plan.import.preview` and `plan.import`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// `poi` or `pei`.
    pub kind: SheetKind,
    /// The plan.
    pub plan_id: i64,
    /// The rows read, in file order.
    pub rows: Vec<ImportRow>,
    /// The first errors (at most 200), in file order.
    pub errors: Vec<ImportIssue>,
    /// All errors found.
    pub error_count: i64,
    /// Whether the file can be imported (no errors).
    pub valid: bool,
    /// Rows that create something.
    pub created: i64,
    /// Rows that update something.
    pub updated: i64,
}

/// The errors of a file, in the order found; only the first are kept, all are counted.
#[derive(Debug, Default)]
pub(super) struct Issues {
    list: Vec<ImportIssue>,
    count: usize,
}

impl Issues {
    const KEPT: usize = 200;

    /// Record a problem at row `row` (0-based) and column `col` of `sheet`.
    pub fn add(
        &mut self,
        sheet: Option<&str>,
        row: usize,
        col: Option<usize>,
        message: impl AsRef<str>,
    ) {
        self.count += 1;
        if self.list.len() < Self::KEPT {
            // After the place and its colon the sentence goes on in lower case.
            let message = message.as_ref();
            let mut chars = message.chars();
            let message = match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            };
            self.list.push(ImportIssue {
                sheet: sheet.map(str::to_string),
                row: row as i64 + 1,
                column: col.map(grid::column_letter),
                message: format!("{}: {message}", grid::place(sheet, row, col)),
            });
        }
    }

    /// How many problems were found.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A file read and checked, ready to be written.
enum Checked {
    Poi(import::PoiImport),
    Pei(import_pei::PeiImport),
}

/// `plan.import.preview`: read the file and check every row against the plan, writing nothing.
pub async fn preview(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: PlanImport,
) -> Result<ImportPreview> {
    Ok(check(conn, ctx, &p).await?.0)
}

/// `plan.import`: import a file without errors — POI activities (created or updated by code,
/// with their twelve monthly targets) into a plan being formulated, or the objectives, actions
/// and indicators of a PEI into a draft. A file with any error is refused whole, naming the
/// first error and how many there are.
pub async fn import(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: PlanImport,
) -> Result<ImportPreview> {
    let (preview, checked) = check(conn, ctx, &p).await?;
    if let Some(first) = preview.errors.first() {
        let n = preview.error_count;
        return Err(Error::invalid(format!(
            "No se importó nada: el archivo tiene {n} {} que corregir. {}",
            if n == 1 { "error" } else { "errores" },
            first.message
        )));
    }
    if preview.rows.is_empty() {
        return Err(Error::invalid(
            "No se importó nada: el archivo no tiene filas debajo de los encabezados.",
        ));
    }
    match checked {
        Checked::Poi(i) => write::poi(conn, i).await?,
        Checked::Pei(i) => write::pei(conn, i).await?,
    }
    Ok(preview)
}

async fn check(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: &PlanImport,
) -> Result<(ImportPreview, Checked)> {
    let (file_name, bytes) = content(p)?;
    let mut issues = Issues::default();
    let (rows, checked) = match p.kind {
        SheetKind::Poi => {
            let plan = store::operational(conn, p.plan_id).await?;
            if plan.status != OperationalStatus::Formulacion {
                return Err(Error::Sealed(format!(
                    "«{}» ya fue aprobado: su programación no se reemplaza con una hoja de \
                     cálculo; los cambios se registran como reprogramación, con su motivo.",
                    plan.name
                )));
            }
            let sheets = grid::read(&file_name, &bytes)?;
            let (rows, i) = import::check(conn, plan, &sheets, &mut issues).await?;
            (rows, Checked::Poi(i))
        }
        SheetKind::Pei => {
            let plan = store::strategic(conn, p.plan_id).await?;
            if plan.status != StrategicStatus::Borrador {
                return Err(Error::Sealed(format!(
                    "«{}» (versión {}) ya fue aprobado: se importa solo en una versión en \
                     borrador.",
                    plan.name, plan.version
                )));
            }
            let sheets = grid::read(&file_name, &bytes)?;
            let (rows, i) = import_pei::check(conn, ctx, plan, &sheets, &mut issues).await?;
            (rows, Checked::Pei(i))
        }
        SheetKind::Tablero => {
            return Err(Error::field(
                "kind",
                "El tablero solo se exporta: importe un POI o un PEI.",
            ))
        }
    };
    let created = rows
        .iter()
        .filter(|r| r.change == ImportChange::Crea)
        .count() as i64;
    let preview = ImportPreview {
        kind: p.kind,
        plan_id: p.plan_id,
        created,
        updated: rows.len() as i64 - created,
        rows,
        error_count: issues.count as i64,
        valid: issues.is_empty(),
        errors: issues.list,
    };
    Ok((preview, checked))
}

/// The file's name and bytes, from base64 or from the path picked.
fn content(p: &PlanImport) -> Result<(String, Vec<u8>)> {
    if let Some(path) = p.path.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::field("path", format!("No se pudo leer «{path}»: {e}.")))?;
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        return Ok((name, bytes));
    }
    if p.content_base64.trim().is_empty() {
        return Err(Error::field(
            "content_base64",
            "Elija el archivo (.xlsx o .csv) que desea importar.",
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(p.content_base64.trim())
        .map_err(|_| Error::field("content_base64", "El contenido del archivo llegó dañado."))?;
    Ok((p.file_name.trim().to_string(), bytes))
}
