//! A POI read back from a spreadsheet into a plan being formulated.
//!
//! The columns are found by their names in a header row (accents, case and punctuation aside),
//! so the sheet `plan.export` writes is read as it is, and so is a sheet a planning office
//! typed with the same names in another order:
//!
//! - «Cód. centro de costo» (the unit's code), «Cód. actividad», «Actividad operativa» and
//!   «Unidad de medida» are required; «Cód. AEI», «Fuente de financiamiento» and (PMG)
//!   «Tipo de meta» are optional — a column left out keeps what an existing activity has;
//!   «Centro de costo» (the name), the «Ejec.» columns, the totals and the % are ignored.
//! - The twelve physical targets are the month columns: a month's name or abbreviation
//!   («Ene», «Enero», «Set.») alone or over «Prog.».
//! - The twelve financial targets, in money, come from the columns «Fin. Ene» … «Fin. Dic» of
//!   the same sheet (the only way in a .csv) or, in a workbook, from a second sheet laid out
//!   like the first — «Metas financieras», as `plan.export` writes it — matched by activity
//!   code. With neither, an existing activity keeps its financial targets and a new one starts
//!   at 0. Export then import gives back the same numbers: physical values are written as they
//!   are stored and money with its céntimos.
//!
//! Activities are created or updated by code; activities of the plan not in the file stay as
//! they are. Execution is never imported: it is entered month by month.

use std::collections::HashMap;

use super::super::operational::{GoalKind, OperationalSummary};
use super::super::store;
use super::grid::{self, Header, Sheet};
use super::{ImportChange, ImportLevel, ImportRow, Issues};
use crate::error::Result;

/// A POI checked and ready to be written.
pub(super) struct PoiImport {
    pub(super) plan: OperationalSummary,
    pub(super) rows: Vec<PoiRow>,
}

/// One activity as it will be saved.
pub(super) struct PoiRow {
    pub(super) existing: Option<i64>,
    pub(super) unit_id: i64,
    pub(super) action_id: Option<i64>,
    pub(super) code: String,
    pub(super) name: String,
    pub(super) measure: String,
    pub(super) funding: String,
    pub(super) goal_kind: Option<GoalKind>,
    pub(super) physical: [f64; 12],
    pub(super) financial: Option<[i64; 12]>,
}

/// What a column of the POI holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    UnitCode,
    UnitName,
    Action,
    Code,
    Name,
    Measure,
    Funding,
    GoalKind,
    Physical(usize),
    Financial(usize),
    Other,
}

/// The column a header names. In a sheet of money (`money`) every month column is financial.
fn classify(label: &str, money: bool) -> Col {
    let words: Vec<&str> = label.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    if label.is_empty() {
        return Col::Other;
    }
    if let Some(m) = grid::month_of(label) {
        if starts("ejec") {
            return Col::Other;
        }
        return if money || starts("fin") {
            Col::Financial(m - 1)
        } else {
            Col::Physical(m - 1)
        };
    }
    if has("codigo") {
        return if has("centro") || has("unidad") || has("cc") {
            Col::UnitCode
        } else if has("aei") || has("accion") {
            Col::Action
        } else if words.len() == 1 || has("actividad") || has("ao") || has("aoi") || has("meta") {
            Col::Code
        } else {
            Col::Other
        };
    }
    if has("aei") || (has("accion") && starts("estrateg")) {
        Col::Action
    } else if has("medida") {
        Col::Measure
    } else if has("fuente") {
        Col::Funding
    } else if has("tipo") && has("meta") {
        Col::GoalKind
    } else if has("centro") || has("unidad") {
        Col::UnitName
    } else if has("actividad") || has("meta") || has("nombre") {
        Col::Name
    } else {
        Col::Other
    }
}

/// The columns of a header, each kind at its first column only.
struct Columns {
    of: HashMap<Col, usize>,
}

impl Columns {
    fn read(h: &Header, money: bool, sheet: Option<&str>, issues: &mut Issues) -> Columns {
        let of = grid::columns(
            h,
            |label| Some(classify(label, money)).filter(|c| *c != Col::Other),
            sheet,
            issues,
        );
        Columns { of }
    }

    fn get(&self, col: Col) -> Option<usize> {
        self.of.get(&col).copied()
    }

    /// The twelve month columns of `kind` (physical or financial), or the months missing.
    fn months(&self, kind: fn(usize) -> Col) -> std::result::Result<[usize; 12], Vec<&str>> {
        let mut out = [0; 12];
        let mut missing = Vec::new();
        for (m, slot) in out.iter_mut().enumerate() {
            match self.get(kind(m)) {
                Some(c) => *slot = c,
                None => missing.push(crate::spanish::MONTHS[m]),
            }
        }
        if missing.is_empty() {
            Ok(out)
        } else {
            Err(missing)
        }
    }
}

/// The header of a POI sheet: the row with an activity code and a name.
fn poi_header(sheet: &Sheet) -> Option<Header> {
    grid::header(sheet, |labels| {
        let cols: Vec<Col> = labels.iter().map(|l| classify(l, false)).collect();
        let code = cols.iter().position(|c| *c == Col::Code)?;
        cols.contains(&Col::Name).then_some(code)
    })
}

fn months_of(
    sheet: &Sheet,
    name: Option<&str>,
    r: usize,
    cols: &[usize; 12],
    money: bool,
    issues: &mut Issues,
) -> ([f64; 12], [i64; 12]) {
    let (mut physical, mut financial) = ([0.0; 12], [0; 12]);
    for m in 0..12 {
        match grid::target(sheet.cell(r, cols[m])) {
            Ok(v) if money => financial[m] = (v * 100.0).round() as i64,
            Ok(v) => physical[m] = v,
            Err(e) => issues.add(name, r, Some(cols[m]), e),
        }
    }
    (physical, financial)
}

/// Read and check a POI against `plan`: every problem goes to `issues` at its cell.
pub(super) async fn check(
    conn: &mut sqlx::SqliteConnection,
    plan: OperationalSummary,
    sheets: &[Sheet],
    issues: &mut Issues,
) -> Result<(Vec<ImportRow>, PoiImport)> {
    let mut out = PoiImport {
        plan,
        rows: Vec::new(),
    };
    let found: Vec<(usize, Header)> = sheets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| poi_header(s).map(|h| (i, h)))
        .collect();
    let is = |i: usize, word: &str| crate::spanish::fold(&sheets[i].name).contains(word);
    let Some(main) = found
        .iter()
        .position(|(i, _)| is(*i, "fisic"))
        .or((!found.is_empty()).then_some(0))
    else {
        issues.add(
            None,
            0,
            None,
            "no se encontró la fila de encabezados: el archivo debe tener las columnas \
             «Cód. actividad» y «Actividad operativa» (como el POI que exporta Cabildo).",
        );
        return Ok((Vec::new(), out));
    };
    let many = sheets.len() > 1;
    let (si, h) = &found[main];
    let sheet = &sheets[*si];
    let name = many.then_some(sheet.name.as_str());
    let cols = Columns::read(h, false, name, issues);
    let mut missing = Vec::new();
    for (col, title) in [
        (Col::UnitCode, "«Cód. centro de costo»"),
        (Col::Measure, "«Unidad de medida»"),
    ] {
        if cols.get(col).is_none() {
            missing.push(title.to_string());
        }
    }
    let physical_cols = match cols.months(Col::Physical) {
        Ok(c) => Some(c),
        Err(months) => {
            missing.push(format!("las metas físicas de {}", months.join(", ")));
            None
        }
    };
    let same_sheet_money = (0..12).any(|m| cols.get(Col::Financial(m)).is_some());
    let financial_cols = if same_sheet_money {
        match cols.months(Col::Financial) {
            Ok(c) => Some(c),
            Err(months) => {
                missing.push(format!("las metas financieras de {}", months.join(", ")));
                None
            }
        }
    } else {
        None
    };
    if !missing.is_empty() {
        issues.add(
            name,
            h.row,
            None,
            format!("faltan columnas: {}.", missing.join("; ")),
        );
        return Ok((Vec::new(), out));
    }
    let physical_cols = physical_cols.expect("checked above");

    let units: HashMap<String, i64> = store::unit_labels(conn)
        .await?
        .into_iter()
        .map(|(id, (code, _))| (code.trim().to_uppercase(), id))
        .collect();
    let mut actions: HashMap<String, Vec<i64>> = HashMap::new();
    if let Some(sp) = out.plan.strategic_plan_id {
        for a in store::actions_of_plan(conn, sp).await? {
            actions
                .entry(a.code.trim().to_uppercase())
                .or_default()
                .push(a.id);
        }
    }
    let existing: HashMap<String, store::CodedActivity> =
        store::activities_by_code(conn, out.plan.id)
            .await?
            .into_iter()
            .map(|a| (a.code.trim().to_uppercase(), a))
            .collect();

    let text = |r: usize, col: Option<usize>| col.map(|c| sheet.cell(r, c).text());
    let code_col = cols.get(Col::Code);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut summaries = Vec::new();
    for r in h.data_from..sheet.rows.len() {
        if sheet.blank_row(r) {
            continue;
        }
        let before = issues.count();
        let at = |c: Col| cols.get(c);
        let code = text(r, code_col).unwrap_or_default();
        let key = code.to_uppercase();
        if code.is_empty() {
            issues.add(name, r, code_col, "falta el código de la actividad.");
        } else if code.chars().count() > 30 {
            issues.add(
                name,
                r,
                code_col,
                "el código de la actividad tiene más de 30 caracteres.",
            );
        } else if let Some(first) = seen.get(&key) {
            issues.add(
                name,
                r,
                code_col,
                format!(
                    "el código «{code}» ya está en la fila {}: cada actividad va una vez.",
                    first + 1
                ),
            );
        } else {
            seen.insert(key.clone(), r);
        }
        let activity_name = text(r, at(Col::Name)).unwrap_or_default();
        if activity_name.chars().count() < 5 {
            issues.add(
                name,
                r,
                at(Col::Name),
                "falta el nombre de la actividad (al menos 5 caracteres).",
            );
        }
        let measure = text(r, at(Col::Measure)).unwrap_or_default();
        if measure.is_empty() {
            issues.add(
                name,
                r,
                at(Col::Measure),
                "falta la unidad de medida (por ejemplo «Informe» o «Persona atendida»).",
            );
        }
        let unit_code = text(r, at(Col::UnitCode)).unwrap_or_default();
        let unit_id = units.get(&unit_code.to_uppercase()).copied();
        if unit_code.is_empty() {
            issues.add(
                name,
                r,
                at(Col::UnitCode),
                "falta el código del centro de costo.",
            );
        } else if unit_id.is_none() {
            issues.add(
                name,
                r,
                at(Col::UnitCode),
                format!(
                    "no hay una unidad orgánica con el código «{unit_code}» (vea Organización)."
                ),
            );
        }
        let old = existing.get(&key);
        let action_code = text(r, at(Col::Action));
        let action_id = match action_code.as_deref() {
            None => old.and_then(|a| a.action_id),
            Some("") => None,
            Some(c) => match actions.get(&c.to_uppercase()).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some(_) => {
                    issues.add(
                        name,
                        r,
                        at(Col::Action),
                        format!("el código de AEI «{c}» está repetido en el plan estratégico."),
                    );
                    None
                }
                None if out.plan.strategic_plan_id.is_none() => {
                    issues.add(
                        name,
                        r,
                        at(Col::Action),
                        "el plan no está vinculado a un plan estratégico: deje vacía la \
                         columna de la AEI.",
                    );
                    None
                }
                None => {
                    issues.add(
                        name,
                        r,
                        at(Col::Action),
                        format!("no existe la AEI «{c}» en el plan estratégico del plan."),
                    );
                    None
                }
            },
        };
        let goal_kind = match text(r, at(Col::GoalKind)) {
            None => old.and_then(|a| a.goal_kind),
            Some(t) => {
                let f = crate::spanish::fold(&t);
                if f.is_empty() {
                    None
                } else if f.starts_with("inst") {
                    Some(GoalKind::Institucional)
                } else if f.starts_with("colec") {
                    Some(GoalKind::Colectiva)
                } else {
                    issues.add(
                        name,
                        r,
                        at(Col::GoalKind),
                        format!("«{t}» no es un tipo de meta: Institucional o Colectiva."),
                    );
                    None
                }
            }
        };
        let funding = text(r, at(Col::Funding))
            .or_else(|| old.map(|a| a.funding.clone()))
            .unwrap_or_default();
        let (physical, _) = months_of(sheet, name, r, &physical_cols, false, issues);
        let financial = financial_cols
            .as_ref()
            .map(|c| months_of(sheet, name, r, c, true, issues).1);
        if issues.count() > before {
            continue;
        }
        summaries.push(ImportRow {
            row: r as i64 + 1,
            code: code.clone(),
            name: activity_name.clone(),
            level: ImportLevel::Actividad,
            unit_code,
            parent_code: action_code.filter(|c| !c.is_empty()),
            change: if old.is_some() {
                ImportChange::Actualiza
            } else {
                ImportChange::Crea
            },
            physical_total: Some(physical.iter().sum()),
            financial_total: financial.map(|f| f.iter().sum()),
            indicators: 0,
        });
        out.rows.push(PoiRow {
            existing: old.map(|a| a.id),
            unit_id: unit_id.unwrap_or_default(),
            action_id,
            code,
            name: activity_name,
            measure,
            funding,
            goal_kind,
            physical,
            financial,
        });
    }

    if !same_sheet_money {
        let other = found
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != main)
            .map(|(_, f)| f)
            .find(|(i, _)| is(*i, "financ"))
            .or_else(|| {
                found
                    .iter()
                    .enumerate()
                    .find(|(k, _)| *k != main)
                    .map(|(_, f)| f)
            });
        if let Some((i, fh)) = other {
            money_sheet(&sheets[*i], fh, &seen, &mut out, &mut summaries, issues);
        }
    }
    Ok((summaries, out))
}

/// The financial targets from the sheet laid out like the first, matched by activity code.
fn money_sheet(
    sheet: &Sheet,
    h: &Header,
    seen: &HashMap<String, usize>,
    out: &mut PoiImport,
    summaries: &mut [ImportRow],
    issues: &mut Issues,
) {
    let name = Some(sheet.name.as_str());
    let cols = Columns::read(h, true, name, issues);
    let month_cols = match cols.months(Col::Financial) {
        Ok(c) => c,
        Err(months) => {
            issues.add(
                name,
                h.row,
                None,
                format!(
                    "faltan columnas: las metas financieras de {}.",
                    months.join(", ")
                ),
            );
            return;
        }
    };
    let code_col = cols.get(Col::Code);
    let at: HashMap<String, usize> = out
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code.to_uppercase(), i))
        .collect();
    let mut done: HashMap<String, usize> = HashMap::new();
    for r in h.data_from..sheet.rows.len() {
        if sheet.blank_row(r) {
            continue;
        }
        let code = code_col
            .map(|c| sheet.cell(r, c).text())
            .unwrap_or_default();
        let key = code.to_uppercase();
        if let Some(first) = done.get(&key) {
            issues.add(
                name,
                r,
                code_col,
                format!("el código «{code}» ya está en la fila {}.", first + 1),
            );
            continue;
        }
        done.insert(key.clone(), r);
        let (_, financial) = months_of(sheet, name, r, &month_cols, true, issues);
        match at.get(&key) {
            Some(&i) => {
                out.rows[i].financial = Some(financial);
                summaries[i].financial_total = Some(financial.iter().sum());
            }
            None if !seen.contains_key(&key) => issues.add(
                name,
                r,
                code_col,
                format!("la actividad «{code}» no está en la hoja de metas físicas."),
            ),
            // A row of the first sheet with errors of its own: already reported there.
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_their_names() {
        let c = |s: &str| classify(&grid::normal(s), false);
        assert_eq!(c("Cód. centro de costo"), Col::UnitCode);
        assert_eq!(c("Centro de costo"), Col::UnitName);
        assert_eq!(c("Cód. AEI"), Col::Action);
        assert_eq!(c("Cód. actividad"), Col::Code);
        assert_eq!(c("Actividad operativa"), Col::Name);
        assert_eq!(c("Unidad de medida"), Col::Measure);
        assert_eq!(c("Fuente de financiamiento"), Col::Funding);
        assert_eq!(c("Tipo de meta"), Col::GoalKind);
        assert_eq!(c("Enero Prog."), Col::Physical(0));
        assert_eq!(c("Enero Ejec."), Col::Other);
        assert_eq!(c("SET"), Col::Physical(8));
        assert_eq!(c("Fin. Dic"), Col::Financial(11));
        assert_eq!(c("Total anual Prog."), Col::Other);
        assert_eq!(c("% Ejec."), Col::Other);
        assert_eq!(classify("enero prog", true), Col::Financial(0));
    }
}
