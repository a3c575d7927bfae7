//! Bringing the municipality's history in: a spreadsheet that lists its past norms (tipo,
//! número, año, fecha, título…) and a folder of their originals (PDF, Word), matched by number.
//! `preview` reads both and says, row by row and cell by cell, what each norm will be and
//! what stops it, saving nothing; `apply` checks again and registers every row in the request's
//! one transaction, or none. An imported norm is a row of `norm` with its historical
//! identifier and number (registered in its series, which then continues after it), its
//! original in the files store and the original's text in the search index; it has no seal of
//! Cabildo. See docs/adr/0019-history-import.md.

mod folder;
mod kinds;
mod sheet;
pub(crate) mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::model::{NormKind, NormTextStatus};
use super::{store, RECORD_KIND};
use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::records::event;
use crate::sheets::{column_letter, Cell};
use crate::{files, numbering};
use folder::{Folder, Found};
use kinds::{Kinds, SeriesInfo};
use sheet::Col;
use text::{Extracted, Format};

/// The largest spreadsheet read.
const MAX_SHEET_BYTES: u64 = 20 * 1024 * 1024;

/// The largest original read (a scanned annex of several hundred pages).
const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Rows of a preview page, unless asked otherwise (the UI pages them).
const PAGE: i64 = 100;

/// Params of `norm.import.apply`: where the history is.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormImportSource {
    /// The spreadsheet (.xlsx, .ods or .csv) that lists the norms.
    pub sheet: String,
    /// The folder of their originals (PDF, .docx), searched with its subfolders; without it
    /// every norm is registered without a file.
    #[serde(default)]
    #[ts(optional)]
    pub folder: Option<String>,
}

/// Params of `norm.import.preview`: where the history is, and which rows to return.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NormImportPreviewParams {
    /// The spreadsheet (.xlsx, .ods or .csv).
    pub sheet: String,
    /// The folder of the originals.
    #[serde(default)]
    #[ts(optional)]
    pub folder: Option<String>,
    /// First row of the page (0-based, among the rows returned).
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
    /// Rows per page (default 100, at most 1000).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Only the rows with problems.
    #[serde(default)]
    #[ts(optional)]
    pub only_problems: Option<bool>,
}

/// A problem of the spreadsheet, at its row and cell.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormImportProblem {
    /// Row, as the spreadsheet numbers it.
    pub row: i64,
    /// What it is about: `kind`, `number`, `year`, `date`, `title`, `issuer`, `published_on`,
    /// `file`, `identifier`, `session_kind`, or `sheet` for the whole sheet.
    pub field: String,
    /// Column letter, when the sheet has that column.
    pub column: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// One row of the spreadsheet as it will be imported.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormImportRow {
    /// Row, as the spreadsheet numbers it.
    pub row: i64,
    /// «tipo» as written.
    pub kind_text: String,
    /// The series it names.
    pub series: Option<String>,
    /// That series' name.
    pub series_name: Option<String>,
    /// The kind of norm.
    pub kind: Option<NormKind>,
    /// Its number.
    pub number: Option<i64>,
    /// Its year.
    pub year: Option<i64>,
    /// Its date (YYYY-MM-DD).
    pub date: Option<String>,
    /// Its title.
    pub title: String,
    /// Who issued it.
    pub issuer: Option<String>,
    /// When it was published (YYYY-MM-DD).
    pub published_on: Option<String>,
    /// Session kind, for series that print it.
    pub session_kind: Option<String>,
    /// The identifier it will have.
    pub identifier: Option<String>,
    /// Its original, as a path under the folder.
    pub file: Option<String>,
    /// Whether its text will be searchable.
    pub text_status: Option<NormTextStatus>,
    /// What stops it (empty: ready).
    pub problems: Vec<NormImportProblem>,
}

/// Result of `norm.import.preview`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormImportPreview {
    /// The sheet read (its name in the workbook, or the .csv's file name).
    pub sheet_name: String,
    /// Where each column was found: (field, column letter).
    pub columns: Vec<(String, String)>,
    /// Problems of the whole sheet (a column missing).
    pub sheet_problems: Vec<NormImportProblem>,
    /// Rows with data.
    pub total: i64,
    /// Rows without problems.
    pub ready: i64,
    /// Rows with problems.
    pub with_problems: i64,
    /// Problems, all rows together.
    pub problem_count: i64,
    /// Rows whose original has no text layer (scans).
    pub scanned: i64,
    /// Rows without an original.
    pub without_file: i64,
    /// Whether everything can be imported.
    pub valid: bool,
    /// First row of this page among the rows asked for.
    pub offset: i64,
    /// Rows asked for (all, or those with problems).
    pub matching: i64,
    /// This page.
    pub rows: Vec<NormImportRow>,
}

/// Result of `norm.import.apply`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NormImportResult {
    /// Norms registered.
    pub imported: i64,
    /// Of them, with a searchable text.
    pub with_text: i64,
    /// Of them, scans without text (found by their data, not by their content).
    pub scanned: i64,
    /// Of them, without an original.
    pub without_file: i64,
    /// Ids of the first and last norm registered.
    pub first_id: Option<i64>,
    /// Id of the last one.
    pub last_id: Option<i64>,
}

/// A row checked, with what writing it needs.
struct Checked {
    view: NormImportRow,
    date: Option<NaiveDate>,
    published: Option<NaiveDate>,
    original: Option<(PathBuf, Format)>,
    text: Option<String>,
}

/// The whole spreadsheet checked.
struct Check {
    sheet_name: String,
    columns: Vec<(String, String)>,
    sheet_problems: Vec<NormImportProblem>,
    rows: Vec<Checked>,
}

impl Check {
    fn problem_count(&self) -> usize {
        self.sheet_problems.len()
            + self
                .rows
                .iter()
                .map(|r| r.view.problems.len())
                .sum::<usize>()
    }

    fn first_problem(&self) -> Option<&NormImportProblem> {
        self.sheet_problems
            .first()
            .or_else(|| self.rows.iter().find_map(|r| r.view.problems.first()))
    }
}

/// `norm.import.preview`: every row as it will be imported and its problems; nothing saved.
pub async fn preview(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormImportPreviewParams,
) -> Result<NormImportPreview> {
    let source = NormImportSource {
        sheet: p.sheet,
        folder: p.folder,
    };
    let check = check(conn, ctx, &source, false).await?;
    let only_problems = p.only_problems.unwrap_or(false);
    let count = |f: &dyn Fn(&Checked) -> bool| check.rows.iter().filter(|r| f(r)).count() as i64;
    let with_problems = count(&|r| !r.view.problems.is_empty());
    let scanned = count(&|r| r.view.text_status == Some(NormTextStatus::Scanned));
    let without_file = count(&|r| r.view.text_status == Some(NormTextStatus::NoFile));
    let problem_count = check.problem_count() as i64;
    let matching: Vec<&Checked> = check
        .rows
        .iter()
        .filter(|r| !only_problems || !r.view.problems.is_empty())
        .collect();
    let offset = p.offset.unwrap_or(0).clamp(0, matching.len() as i64);
    let limit = p.limit.unwrap_or(PAGE).clamp(1, 1000);
    let rows = matching
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|r| r.view.clone())
        .collect();
    Ok(NormImportPreview {
        total: check.rows.len() as i64,
        ready: check.rows.len() as i64 - with_problems,
        with_problems,
        problem_count,
        scanned,
        without_file,
        valid: problem_count == 0 && !check.rows.is_empty(),
        offset,
        matching: matching.len() as i64,
        rows,
        sheet_name: check.sheet_name,
        columns: check.columns,
        sheet_problems: check.sheet_problems,
    })
}

/// `norm.import.apply`: check everything again and register every row, in this one
/// transaction; with any problem nothing is saved and the first problem comes back at its
/// field (`rows[<fila>].<campo>`), with how many there are.
pub async fn apply(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormImportSource,
) -> Result<NormImportResult> {
    let check = check(conn, ctx, &p, true).await?;
    if let Some(first) = check.first_problem() {
        let n = check.problem_count();
        let rows = check
            .rows
            .iter()
            .filter(|r| !r.view.problems.is_empty())
            .count();
        let field = if first.field == "sheet" {
            "sheet".to_string()
        } else {
            format!("rows[{}].{}", first.row, first.field)
        };
        return Err(Error::field(
            &field,
            format!(
                "No se importó nada: hay {n} {} en {rows} {}. {}",
                if n == 1 { "problema" } else { "problemas" },
                if rows == 1 { "fila" } else { "filas" },
                place_message(first)
            ),
        ));
    }
    if check.rows.is_empty() {
        return Err(Error::field(
            "sheet",
            "No se importó nada: la hoja no tiene filas debajo de los encabezados.",
        ));
    }
    let mut out = NormImportResult {
        imported: 0,
        with_text: 0,
        scanned: 0,
        without_file: 0,
        first_id: None,
        last_id: None,
    };
    for r in check.rows {
        let id = write(conn, ctx, &check.sheet_name, r, &mut out).await?;
        out.first_id.get_or_insert(id);
        out.last_id = Some(id);
        out.imported += 1;
    }
    Ok(out)
}

/// "Fila 7, columna B: …" — a problem with its place.
fn place_message(p: &NormImportProblem) -> String {
    match &p.column {
        Some(c) => format!("Fila {}, columna {c}: {}", p.row, p.message),
        None => format!("Fila {}: {}", p.row, p.message),
    }
}

async fn write(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    sheet_name: &str,
    r: Checked,
    out: &mut NormImportResult,
) -> Result<i64> {
    let v = r.view;
    let missing = || Error::Internal(format!("fila {} sin revisar", v.row));
    let (series, number, date, identifier) = (
        v.series.as_deref().ok_or_else(missing)?,
        v.number.ok_or_else(missing)?,
        r.date.ok_or_else(missing)?,
        v.identifier.as_deref().ok_or_else(missing)?,
    );
    let kind = v.kind.ok_or_else(missing)?;
    let status = v.text_status.ok_or_else(missing)?;
    let document = match &r.original {
        Some((path, format)) => {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::field(
                    &format!("rows[{}].file", v.row),
                    format!("No se pudo leer «{}»: {e}.", path.display()),
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            Some(files::store(conn, ctx, &bytes, format.mime(), &name).await?)
        }
        None => None,
    };
    let assignment =
        numbering::register_historical(conn, ctx, series, number, date, identifier, RECORD_KIND)
            .await?;
    let id = store::insert_imported(
        conn,
        &store::Imported {
            series,
            kind,
            session_kind: v.session_kind.as_deref(),
            date,
            title: &v.title,
            issuer: v.issuer.as_deref(),
            identifier,
            number,
            assignment_id: assignment,
            document_sha256: document.as_deref(),
            document_text: r.text.as_deref(),
            text_status: status,
            published_on: r.published,
            at: &ctx.stamp(),
        },
    )
    .await?;
    numbering::link_record(conn, assignment, id).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        id,
        &format!(
            "Registrada desde el archivo histórico (hoja «{sheet_name}», fila {}){}",
            v.row,
            match status {
                NormTextStatus::WithText => String::new(),
                NormTextStatus::Scanned => {
                    ": escaneada, sin texto; no se encontrará por su contenido".to_string()
                }
                NormTextStatus::NoFile => ": sin archivo original".to_string(),
            }
        ),
    )
    .await?;
    match status {
        NormTextStatus::WithText => out.with_text += 1,
        NormTextStatus::Scanned => out.scanned += 1,
        NormTextStatus::NoFile => out.without_file += 1,
    }
    Ok(id)
}

/// The spreadsheet's bytes and file name.
fn read_sheet(path: &str) -> Result<(String, Vec<u8>)> {
    let path = path.trim();
    if path.is_empty() {
        return Err(Error::field(
            "sheet",
            "Elija la hoja de cálculo (.xlsx, .ods o .csv) que lista las normas.",
        ));
    }
    let size = std::fs::metadata(path)
        .map_err(|e| Error::field("sheet", format!("No se pudo leer «{path}»: {e}.")))?
        .len();
    if size > MAX_SHEET_BYTES {
        return Err(Error::field(
            "sheet",
            "La hoja de cálculo pasa de 20 MB: divídala por años.",
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::field("sheet", format!("No se pudo leer «{path}»: {e}.")))?;
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// The municipality's series of norms.
async fn kinds(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<Kinds> {
    let series = numbering::series_list(conn, ctx, Empty {}).await?;
    let country = crate::municipality::country(conn).await?;
    Ok(Kinds::new(
        series
            .into_iter()
            .map(|s| {
                let yearly = s.reset == numbering::ResetPeriod::Yearly;
                (s.code, s.name, s.pattern, yearly)
            })
            .collect(),
        &country,
    ))
}

/// A row's problems as they are found.
struct RowProblems<'h> {
    row: i64,
    header: &'h sheet::Header,
    list: Vec<NormImportProblem>,
}

impl RowProblems<'_> {
    fn add(&mut self, col: Col, message: impl Into<String>) {
        self.list.push(NormImportProblem {
            row: self.row,
            field: col.field().to_string(),
            column: self.header.letter(col),
            message: message.into(),
        });
    }
}

/// Read the spreadsheet and the folder, and check every row against the registry.
async fn check(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    src: &NormImportSource,
    keep_text: bool,
) -> Result<Check> {
    let (file_name, bytes) = read_sheet(&src.sheet)?;
    let sheets = crate::sheets::read(&file_name, &bytes, "sheet")?;
    let Some((sheet, header)) = sheets.iter().find_map(|s| sheet::header(s).map(|h| (s, h))) else {
        return Err(Error::field(
            "sheet",
            "No se encontraron los encabezados de la lista: la primera fila debe nombrar las \
             columnas tipo, número, fecha y título (y, si las hay, año, emisor, publicación, \
             archivo).",
        ));
    };
    let kinds = kinds(conn, ctx).await?;
    let folder = match src
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(dir) => Some(Folder::read(Path::new(dir), &kinds)?),
        None => None,
    };
    let mut sheet_problems = Vec::new();
    for col in [Col::Number, Col::Date] {
        if !header.cols.contains_key(&col) {
            sheet_problems.push(NormImportProblem {
                row: header.row as i64 + 1,
                field: "sheet".into(),
                column: None,
                message: format!(
                    "Falta la columna «{}»: añádala a la hoja (encabezado «{}»).",
                    col.label(),
                    col.label()
                ),
            });
        }
    }
    let mut columns: Vec<(String, String)> = header
        .cols
        .iter()
        .map(|(c, i)| (c.field().to_string(), column_letter(*i)))
        .collect();
    columns.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.1.cmp(&b.1)));

    let mut rows = Vec::new();
    // (series, period, number) → first row with it; file path → first row using it.
    let mut seen_numbers: HashMap<(String, i64, i64), usize> = HashMap::new();
    let mut seen_files: HashMap<PathBuf, i64> = HashMap::new();
    for r in header.row + 1..sheet.rows.len() {
        if sheet.blank_row(r) {
            continue;
        }
        let mut checked = check_row(
            conn,
            ctx,
            sheet,
            &header,
            r,
            &kinds,
            folder.as_ref(),
            keep_text,
        )
        .await?;
        // The same number twice in the sheet: both rows say so.
        if let (Some(series), Some(number), Some(date)) =
            (&checked.view.series, checked.view.number, checked.date)
        {
            let yearly = kinds.by_code(series).is_none_or(|s| s.yearly);
            let period = if yearly { sheet::year_of(date) } else { 0 };
            match seen_numbers.get(&(series.clone(), period, number)) {
                Some(&first) => {
                    let first_row: &mut Checked = &mut rows[first];
                    let this_row = checked.view.row;
                    let first_number = first_row.view.row;
                    push_problem(
                        &header,
                        first_row,
                        Col::Number,
                        format!("El número {number} se repite en la fila {this_row}."),
                    );
                    push_problem(
                        &header,
                        &mut checked,
                        Col::Number,
                        format!("El número {number} ya está en la fila {first_number} de la hoja."),
                    );
                }
                None => {
                    seen_numbers.insert((series.clone(), period, number), rows.len());
                }
            }
        }
        if let Some((path, _)) = &checked.original {
            if let Some(first) = seen_files.get(path) {
                let message = format!(
                    "El archivo «{}» ya es el de la fila {first}.",
                    checked.view.file.clone().unwrap_or_default()
                );
                push_problem(&header, &mut checked, Col::File, message);
            } else {
                seen_files.insert(path.clone(), checked.view.row);
            }
        }
        rows.push(checked);
    }
    Ok(Check {
        sheet_name: sheet.name.clone(),
        columns,
        sheet_problems,
        rows,
    })
}

fn push_problem(header: &sheet::Header, row: &mut Checked, col: Col, message: String) {
    row.view.problems.push(NormImportProblem {
        row: row.view.row,
        field: col.field().to_string(),
        column: header.letter(col),
        message,
    });
}

fn text_of(cell: &Cell) -> Option<String> {
    let t = cell.text();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Whether an «archivo» cell says there is no file.
fn says_no_file(text: &str) -> bool {
    let c = crate::spanish::fold(text.trim());
    [
        "sin archivo",
        "ninguno",
        "no",
        "-",
        "—",
        "no hay",
        "sin documento",
    ]
    .contains(&c.as_str())
}

#[allow(clippy::too_many_arguments)]
async fn check_row(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    sheet: &crate::sheets::Sheet,
    header: &sheet::Header,
    r: usize,
    kinds: &Kinds,
    folder: Option<&Folder>,
    keep_text: bool,
) -> Result<Checked> {
    let cell = |c: Col| -> &Cell {
        header
            .cols
            .get(&c)
            .map_or(&Cell::Empty, |i| sheet.cell(r, *i))
    };
    let has = |c: Col| header.cols.contains_key(&c);
    let mut problems = RowProblems {
        row: r as i64 + 1,
        header,
        list: Vec::new(),
    };

    let kind_text = text_of(cell(Col::Kind)).unwrap_or_default();
    let series: Option<&SeriesInfo> = if kind_text.is_empty() {
        problems.add(
            Col::Kind,
            "Falta el tipo de norma (ordenanza, decreto, resolución de alcaldía, acuerdo…).",
        );
        None
    } else {
        match kinds.series_of(&kind_text) {
            Ok(s) => Some(s),
            Err(m) => {
                problems.add(Col::Kind, m);
                None
            }
        }
    };

    let number = match sheet::number(cell(Col::Number)) {
        Ok(Some(n)) => Some(n),
        Ok(None) => {
            if has(Col::Number) {
                problems.add(Col::Number, "Falta el número de la norma.");
            }
            None
        }
        Err(m) => {
            problems.add(Col::Number, m);
            None
        }
    };

    let date = match sheet::date(cell(Col::Date)) {
        Ok(Some(d)) if d > ctx.today => {
            problems.add(
                Col::Date,
                format!(
                    "La fecha {} es posterior a hoy: una norma histórica ya fue emitida.",
                    crate::dates::dmy(&d.to_string())
                ),
            );
            None
        }
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            if has(Col::Date) {
                problems.add(Col::Date, "Falta la fecha de la norma (día/mes/año).");
            }
            None
        }
        Err(m) => {
            problems.add(Col::Date, m);
            None
        }
    };

    let year = match sheet::year(cell(Col::Year)) {
        Ok(Some(y)) => {
            if let Some(d) = date.filter(|d| sheet::year_of(*d) != y) {
                problems.add(
                    Col::Year,
                    format!(
                        "El año {y} no coincide con la fecha ({}).",
                        crate::dates::dmy(&d.to_string())
                    ),
                );
            }
            Some(y)
        }
        Ok(None) => date.map(sheet::year_of),
        Err(m) => {
            problems.add(Col::Year, m);
            None
        }
    };

    let title = text_of(cell(Col::Title)).unwrap_or_default();
    if title.is_empty() {
        problems.add(Col::Title, "Falta el título o asunto de la norma.");
    } else if title.chars().count() > 2000 {
        problems.add(Col::Title, "El título pasa de 2000 caracteres: resúmalo.");
    }
    let issuer = text_of(cell(Col::Issuer));

    let published = match sheet::date(cell(Col::Published)) {
        Ok(Some(p)) if date.is_some_and(|d| p < d) => {
            problems.add(
                Col::Published,
                "La publicación no puede ser anterior a la fecha de la norma.",
            );
            None
        }
        Ok(p) => p,
        Err(m) => {
            problems.add(Col::Published, m);
            None
        }
    };

    let session_kind = match series {
        Some(s) if s.needs_session => match text_of(cell(Col::Session)) {
            None => Some("ordinaria".to_string()),
            Some(t) => match crate::spanish::fold(&t).as_str() {
                "ordinaria" | "so" | "o" => Some("ordinaria".to_string()),
                "extraordinaria" | "se" | "e" => Some("extraordinaria".to_string()),
                "solemne" => Some("solemne".to_string()),
                _ => {
                    problems.add(
                        Col::Session,
                        format!("«{t}» no es un tipo de sesión: escriba ordinaria, extraordinaria o solemne."),
                    );
                    None
                }
            },
        },
        _ => None,
    };

    // The identifier: as written in the sheet, or as the series' pattern prints it; and whether
    // the number is free in the registry.
    let mut identifier = text_of(cell(Col::Identifier));
    if let (Some(s), Some(n), Some(d)) = (series, number, date) {
        let slot = numbering::historical_slot(conn, &s.code, n, d, session_kind.as_deref()).await?;
        if let Some(taken) = &slot.taken_by {
            problems.add(
                Col::Number,
                format!(
                    "El número {n} de «{}»{} ya está registrado: {taken}.",
                    s.name,
                    if s.yearly {
                        format!(" de {}", slot.period)
                    } else {
                        String::new()
                    }
                ),
            );
        }
        identifier.get_or_insert(slot.identifier);
    }

    // The original.
    let file_text = text_of(cell(Col::File));
    let mut found: Option<&folder::Original> = None;
    match (&file_text, folder) {
        (Some(t), _) if says_no_file(t) => {}
        (Some(t), None) => problems.add(
            Col::File,
            format!("La fila nombra el archivo «{t}»: elija también la carpeta de los archivos."),
        ),
        (Some(t), Some(f)) => match f.named(t) {
            Found::One(o) => found = Some(o),
            Found::None => {
                problems.add(Col::File, format!("No se encontró «{t}» en la carpeta."));
            }
            Found::Several(list) => problems.add(
                Col::File,
                format!(
                    "Hay varios archivos «{t}» en la carpeta ({}): escriba su ruta dentro de la carpeta.",
                    list_files(&list)
                ),
            ),
        },
        (None, Some(f)) => {
            if let (Some(s), Some(n), Some(y)) = (series, number, year) {
                match f.by_number(&s.code, s.kind, s.yearly, n, y) {
                    Found::One(o) => found = Some(o),
                    Found::None => {
                        problems.add(
                            Col::File,
                            format!(
                                "No se encontró en la carpeta el archivo de esta norma (un nombre como «{}»): escriba su nombre en la columna «archivo», o «sin archivo».",
                                example_name(s, n, y)
                            ),
                        );
                    }
                    Found::Several(list) => problems.add(
                        Col::File,
                        format!(
                            "Varios archivos pueden ser de esta norma ({}): escriba el que corresponde en la columna «archivo».",
                            list_files(&list)
                        ),
                    ),
                }
            }
        }
        (None, None) => {}
    }
    let mut original = None;
    let mut text = None;
    let mut text_status = None;
    if let Some(o) = found {
        match Format::of(&o.relative) {
            Err(m) => problems.add(Col::File, m),
            Ok(format) => match read_original(&o.path).and_then(|b| text::extract(format, &b)) {
                Ok(Extracted::Text(t)) => {
                    text_status = Some(NormTextStatus::WithText);
                    if keep_text {
                        text = Some(t);
                    }
                    original = Some((o.path.clone(), format));
                }
                Ok(Extracted::NoText) => {
                    text_status = Some(NormTextStatus::Scanned);
                    original = Some((o.path.clone(), format));
                }
                Err(m) => problems.add(Col::File, format!("«{}»: {m}.", o.relative)),
            },
        }
    } else if problems.list.iter().all(|p| p.field != "file") {
        text_status = Some(NormTextStatus::NoFile);
    }

    Ok(Checked {
        view: NormImportRow {
            row: r as i64 + 1,
            kind_text,
            series: series.map(|s| s.code.clone()),
            series_name: series.map(|s| s.name.clone()),
            kind: series.map(|s| s.kind),
            number,
            year,
            date: date.map(|d| d.to_string()),
            title,
            issuer,
            published_on: published.map(|d| d.to_string()),
            session_kind,
            identifier,
            file: found.map(|o| o.relative.clone()),
            text_status,
            problems: problems.list,
        },
        date,
        published,
        original,
        text,
    })
}

fn read_original(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("no se pudo leer ({e})"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err("pasa de 200 MB".to_string());
    }
    if size == 0 {
        return Err("está vacío".to_string());
    }
    std::fs::read(path).map_err(|e| format!("no se pudo leer ({e})"))
}

fn list_files(list: &[&folder::Original]) -> String {
    let mut names: Vec<String> = list
        .iter()
        .take(4)
        .map(|o| format!("«{}»", o.relative))
        .collect();
    if list.len() > 4 {
        names.push(format!("y {} más", list.len() - 4));
    }
    names.join(", ")
}

/// How a file of this norm could be named: «ORD-012-2019.pdf».
fn example_name(s: &SeriesInfo, number: i64, year: i64) -> String {
    let prefix = match s.kind {
        NormKind::Ordenanza => "ORD",
        NormKind::Decreto => "DA",
        NormKind::Acuerdo => "AC",
        NormKind::Resolucion => match s.code.as_str() {
            "resolucion-concejo" => "RC",
            "resolucion-gerencia" => "RGM",
            _ => "RA",
        },
    };
    if s.yearly {
        format!("{prefix}-{number:03}-{year}.pdf")
    } else {
        format!("{prefix}-{number:03}.pdf")
    }
}
