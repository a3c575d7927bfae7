//! A PEI matrix read back from a spreadsheet into a draft version of the strategic plan.
//!
//! The columns are found by their names, as `plan.export` writes them (Anexo B-2): «Nivel»
//! (OEI / AEI; when left out, told by the code's prefix), «Código» and «Enunciado» (required),
//! «Tipo» (I or II, required for an objective), «Prioridad» (blank: the order in the file),
//! «Indicador», «Unidad de medida», «Método de cálculo», «Fuente de datos», «Línea base» with
//! «Valor» and «Año», «Logros esperados» and «Valores obtenidos» with one column per year of the
//! plan, and the unit responsible by «Cód. unidad responsable» (or, without it, by its name in
//! «Unidad responsable»).
//!
//! One row per indicator: an objective or action with several indicators repeats its code on
//! each of their rows (the first row's statement, type, priority and unit count), and one with
//! none has a row with the indicator blank. Each action belongs to the objective above it.
//! Objectives and actions are created or updated by code; indicators by name within their
//! element; nothing of the draft that is not in the file is removed.

use std::collections::HashMap;

use chrono::Datelike;

use super::super::store;
use super::super::strategic::{Measure, ObjectiveKind, StrategicSummary};
use super::grid::{self, Header, Sheet};
use super::{ImportChange, ImportLevel, ImportRow, Issues};
use crate::context::Ctx;
use crate::error::Result;

/// A PEI checked and ready to be written.
pub(super) struct PeiImport {
    pub(super) plan: StrategicSummary,
    pub(super) elements: Vec<Element>,
}

/// An objective or an action with its indicators.
pub(super) struct Element {
    pub(super) objective: bool,
    pub(super) code: String,
    pub(super) statement: String,
    pub(super) kind: ObjectiveKind,
    pub(super) priority: i64,
    pub(super) unit_id: i64,
    /// An action's objective (its code).
    pub(super) parent: Option<String>,
    pub(super) existing: Option<i64>,
    pub(super) indicators: Vec<Indicator>,
}

pub(super) struct Indicator {
    pub(super) name: String,
    pub(super) measure: Measure,
    pub(super) method: String,
    pub(super) source: String,
    pub(super) baseline: Option<f64>,
    pub(super) baseline_year: Option<i64>,
    pub(super) expected: Vec<(i64, Option<f64>)>,
    pub(super) actual: Vec<(i64, f64)>,
}

/// What a column of the matrix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Level,
    Code,
    Statement,
    Kind,
    Priority,
    Indicator,
    Measure,
    Method,
    Source,
    BaselineValue,
    BaselineYear,
    Expected(i64),
    Actual(i64),
    UnitCode,
    UnitName,
}

fn classify(label: &str) -> Option<Col> {
    let words: Vec<&str> = label.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    if let Some(y) = grid::year_of(label) {
        return if starts("obten") || has("real") || starts("ejecut") {
            Some(Col::Actual(y))
        } else if starts("logro") || starts("esperad") || has("meta") {
            Some(Col::Expected(y))
        } else {
            None
        };
    }
    Some(if has("base") {
        if has("ano") || has("anio") {
            Col::BaselineYear
        } else {
            Col::BaselineValue
        }
    } else if has("codigo") {
        if has("unidad") || starts("responsab") {
            Col::UnitCode
        } else if has("indicador") {
            return None;
        } else {
            Col::Code
        }
    } else if has("nivel") {
        Col::Level
    } else if has("tipo") {
        Col::Kind
    } else if starts("priorid") {
        Col::Priority
    } else if has("medida") {
        Col::Measure
    } else if has("indicador") {
        Col::Indicator
    } else if starts("metodo") {
        Col::Method
    } else if has("fuente") {
        Col::Source
    } else if has("unidad") || starts("responsab") {
        Col::UnitName
    } else if has("enunciado")
        || starts("descrip")
        || starts("denomin")
        || has("objetivo")
        || has("accion")
    {
        Col::Statement
    } else {
        return None;
    })
}

fn pei_header(sheet: &Sheet) -> Option<Header> {
    grid::header(sheet, |labels| {
        let cols: Vec<Option<Col>> = labels.iter().map(|l| classify(l)).collect();
        let code = cols.iter().position(|c| *c == Some(Col::Code))?;
        cols.contains(&Some(Col::Statement)).then_some(code)
    })
}

/// Read and check a PEI matrix against the draft `plan`.
pub(super) async fn check(
    conn: &mut sqlx::SqliteConnection,
    ctx: &Ctx,
    plan: StrategicSummary,
    sheets: &[Sheet],
    issues: &mut Issues,
) -> Result<(Vec<ImportRow>, PeiImport)> {
    let mut out = PeiImport {
        plan,
        elements: Vec::new(),
    };
    let Some((sheet, h)) = sheets.iter().find_map(|s| pei_header(s).map(|h| (s, h))) else {
        issues.add(
            None,
            0,
            None,
            "no se encontró la fila de encabezados: el archivo debe tener las columnas \
             «Código» y «Enunciado» (como la matriz del PEI que exporta Cabildo).",
        );
        return Ok((Vec::new(), out));
    };
    let name = (sheets.len() > 1).then_some(sheet.name.as_str());
    let cols = grid::columns(&h, classify, name, issues);
    let (first_year, last_year) = (out.plan.first_year, out.plan.last_year);
    for (col, c) in &cols {
        if let Col::Expected(y) | Col::Actual(y) = col {
            if !(first_year..=last_year).contains(y) {
                issues.add(
                    name,
                    h.row,
                    Some(*c),
                    format!("el año {y} está fuera del plan ({first_year}–{last_year})."),
                );
            }
        }
    }
    if !cols.contains_key(&Col::UnitCode) && !cols.contains_key(&Col::UnitName) {
        issues.add(
            name,
            h.row,
            None,
            "falta la columna «Cód. unidad responsable» (o «Unidad responsable»).",
        );
        return Ok((Vec::new(), out));
    }
    let labels = store::unit_labels(conn).await?;
    let unit_by_code: HashMap<String, i64> = labels
        .iter()
        .map(|(id, (code, _))| (code.trim().to_uppercase(), *id))
        .collect();
    let unit_by_name: HashMap<String, i64> = labels
        .iter()
        .map(|(id, (_, n))| (crate::spanish::fold(n.trim()), *id))
        .collect();
    let objectives: HashMap<String, i64> = store::objectives_of_plan(conn, out.plan.id)
        .await?
        .into_iter()
        .map(|o| (o.code.to_uppercase(), o.id))
        .collect();
    let actions: HashMap<String, i64> = store::actions_of_plan(conn, out.plan.id)
        .await?
        .into_iter()
        .map(|a| (a.code.to_uppercase(), a.id))
        .collect();
    let this_year = ctx.today.year() as i64;

    let at = |c: Col| cols.get(&c).copied();
    let text = |r: usize, c: Col| at(c).map(|c| sheet.cell(r, c).text()).unwrap_or_default();
    // (objective?, code) → index in `out.elements`, and its first row.
    let mut index: HashMap<(bool, String), (usize, usize)> = HashMap::new();
    let mut current_objective: Option<String> = None;
    let mut summaries: Vec<ImportRow> = Vec::new();
    let (mut objective_order, mut action_order) = (0, 0);
    for r in h.data_from..sheet.rows.len() {
        if sheet.blank_row(r) {
            continue;
        }
        let before = issues.count();
        let code = text(r, Col::Code);
        let level = crate::spanish::fold(&text(r, Col::Level));
        let upper = code.to_uppercase();
        let objective = if level.starts_with("oe") || level.starts_with("objetivo") {
            Some(true)
        } else if level.starts_with("ae") || level.starts_with("accion") {
            Some(false)
        } else if level.is_empty() && upper.starts_with("OE") {
            Some(true)
        } else if level.is_empty() && upper.starts_with("AE") {
            Some(false)
        } else {
            None
        };
        if code.is_empty() {
            issues.add(
                name,
                r,
                at(Col::Code),
                "falta el código (por ejemplo «OEI.01»).",
            );
            continue;
        }
        if code.chars().count() > 20 {
            issues.add(
                name,
                r,
                at(Col::Code),
                "el código tiene más de 20 caracteres.",
            );
        }
        let Some(objective) = objective else {
            issues.add(
                name,
                r,
                at(Col::Level).or(at(Col::Code)),
                "indique el nivel: OEI (objetivo) o AEI (acción).",
            );
            continue;
        };
        if objective {
            current_objective = Some(upper.clone());
        }
        let key = (objective, upper.clone());
        let slot = match index.get(&key) {
            Some(&(i, first)) => {
                let e = &out.elements[i];
                if !objective && e.parent.as_ref() != current_objective.as_ref() {
                    issues.add(
                        name,
                        r,
                        at(Col::Code),
                        format!(
                            "la AEI «{code}» ya está en la fila {} bajo otro objetivo.",
                            first + 1
                        ),
                    );
                }
                i
            }
            None => {
                let statement = text(r, Col::Statement);
                if statement.chars().count() < 10 {
                    issues.add(
                        name,
                        r,
                        at(Col::Statement),
                        "escriba el enunciado completo (al menos 10 caracteres).",
                    );
                }
                let kind_text = crate::spanish::fold(&text(r, Col::Kind));
                let kind = match kind_text.trim_start_matches("tipo").trim() {
                    "i" | "1" => ObjectiveKind::I,
                    "ii" | "2" => ObjectiveKind::II,
                    _ if !objective => ObjectiveKind::I,
                    _ => {
                        issues.add(
                            name,
                            r,
                            at(Col::Kind),
                            "indique el tipo del objetivo: I (población) o II (institucional).",
                        );
                        ObjectiveKind::I
                    }
                };
                let order = if objective {
                    objective_order += 1;
                    objective_order
                } else {
                    action_order += 1;
                    action_order
                };
                let priority = match at(Col::Priority).map(|c| grid::whole(sheet.cell(r, c))) {
                    None | Some(Ok(None)) => order,
                    Some(Ok(Some(p))) if (1..=999).contains(&p) => p,
                    Some(Ok(Some(_))) => {
                        issues.add(
                            name,
                            r,
                            at(Col::Priority),
                            "la prioridad es un número de 1 (la primera) a 999.",
                        );
                        order
                    }
                    Some(Err(e)) => {
                        issues.add(name, r, at(Col::Priority), e);
                        order
                    }
                };
                let unit_code = text(r, Col::UnitCode);
                let unit_name = text(r, Col::UnitName);
                let unit_id = if !unit_code.is_empty() {
                    unit_by_code.get(&unit_code.to_uppercase()).copied()
                } else {
                    unit_by_name.get(&crate::spanish::fold(&unit_name)).copied()
                };
                if unit_id.is_none() {
                    let (col, what) = if !unit_code.is_empty() {
                        (
                            at(Col::UnitCode),
                            format!("no hay una unidad orgánica con el código «{unit_code}»."),
                        )
                    } else if !unit_name.is_empty() {
                        (
                            at(Col::UnitName),
                            format!("no hay una unidad orgánica llamada «{unit_name}»."),
                        )
                    } else {
                        (
                            at(Col::UnitCode).or(at(Col::UnitName)),
                            "falta la unidad responsable.".to_string(),
                        )
                    };
                    issues.add(name, r, col, what);
                }
                if !objective && current_objective.is_none() {
                    issues.add(
                        name,
                        r,
                        at(Col::Code),
                        "la AEI no está debajo de un objetivo (OEI): ponga primero su objetivo.",
                    );
                }
                let existing = if objective {
                    objectives.get(&upper).copied()
                } else {
                    actions.get(&upper).copied()
                };
                summaries.push(ImportRow {
                    row: r as i64 + 1,
                    code: code.clone(),
                    name: statement.clone(),
                    level: if objective {
                        ImportLevel::Oei
                    } else {
                        ImportLevel::Aei
                    },
                    unit_code: if unit_code.is_empty() {
                        labels
                            .get(&unit_id.unwrap_or_default())
                            .map(|l| l.0.clone())
                            .unwrap_or_default()
                    } else {
                        unit_code
                    },
                    parent_code: if objective {
                        None
                    } else {
                        current_objective.clone()
                    },
                    change: if existing.is_some() {
                        ImportChange::Actualiza
                    } else {
                        ImportChange::Crea
                    },
                    physical_total: None,
                    financial_total: None,
                    indicators: 0,
                });
                out.elements.push(Element {
                    objective,
                    code: code.clone(),
                    statement,
                    kind,
                    priority,
                    unit_id: unit_id.unwrap_or_default(),
                    parent: if objective {
                        None
                    } else {
                        current_objective.clone()
                    },
                    existing,
                    indicators: Vec::new(),
                });
                index.insert(key, (out.elements.len() - 1, r));
                out.elements.len() - 1
            }
        };
        let indicator = indicator(sheet, name, r, &cols, &out.plan, this_year, issues);
        if let Some(ind) = indicator {
            let e = &mut out.elements[slot];
            let folded = crate::spanish::fold(&ind.name);
            if e.indicators
                .iter()
                .any(|i| crate::spanish::fold(&i.name) == folded)
            {
                issues.add(
                    name,
                    r,
                    at(Col::Indicator),
                    format!("el indicador «{}» ya está en {}.", ind.name, e.code),
                );
            } else if issues.count() == before {
                e.indicators.push(ind);
                if let Some(s) = summaries.iter_mut().rev().find(|s| {
                    s.code.to_uppercase() == e.code.to_uppercase()
                        && (s.level == ImportLevel::Oei) == e.objective
                }) {
                    s.indicators += 1;
                }
            }
        }
    }
    Ok((summaries, out))
}

/// The indicator of row `r`, if the row has one.
fn indicator(
    sheet: &Sheet,
    name: Option<&str>,
    r: usize,
    cols: &HashMap<Col, usize>,
    plan: &StrategicSummary,
    this_year: i64,
    issues: &mut Issues,
) -> Option<Indicator> {
    let at = |c: Col| cols.get(&c).copied();
    let text = |c: Col| at(c).map(|c| sheet.cell(r, c).text()).unwrap_or_default();
    let title = text(Col::Indicator);
    if title.is_empty() {
        return None;
    }
    let before = issues.count();
    if title.chars().count() < 5 {
        issues.add(
            name,
            r,
            at(Col::Indicator),
            "escriba el nombre del indicador.",
        );
    }
    let measure_text = text(Col::Measure);
    let measure = Measure::from_text(&measure_text);
    if measure.is_none() {
        let list: Vec<&str> = Measure::ALL.iter().map(|m| m.label()).collect();
        issues.add(
            name,
            r,
            at(Col::Measure).or(at(Col::Indicator)),
            format!(
                "«{measure_text}» no es una unidad de medida de CEPLAN: {}.",
                list.join(", ")
            ),
        );
    }
    let number = |c: Col, issues: &mut Issues| match at(c).map(|k| grid::value(sheet.cell(r, k))) {
        None | Some(Ok(None)) => None,
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            issues.add(name, r, at(c), e);
            None
        }
    };
    let baseline = number(Col::BaselineValue, issues);
    let mut expected = Vec::new();
    let mut actual = Vec::new();
    for year in plan.first_year..=plan.last_year {
        if at(Col::Expected(year)).is_some() {
            expected.push((year, number(Col::Expected(year), issues)));
        }
        if let Some(v) = number(Col::Actual(year), issues) {
            if year > this_year {
                issues.add(
                    name,
                    r,
                    at(Col::Actual(year)),
                    format!("el año {year} aún no llega: no tiene valor obtenido."),
                );
            }
            actual.push((year, v));
        }
    }
    let baseline_year = match at(Col::BaselineYear).map(|c| grid::whole(sheet.cell(r, c))) {
        None | Some(Ok(None)) => None,
        Some(Ok(Some(y))) if (1990..=plan.last_year).contains(&y) => Some(y),
        Some(Ok(Some(_))) => {
            issues.add(
                name,
                r,
                at(Col::BaselineYear),
                format!("el año de la línea base va de 1990 a {}.", plan.last_year),
            );
            None
        }
        Some(Err(e)) => {
            issues.add(name, r, at(Col::BaselineYear), e);
            None
        }
    };
    if issues.count() == before && baseline.is_some() != baseline_year.is_some() {
        issues.add(
            name,
            r,
            at(Col::BaselineValue).or(at(Col::BaselineYear)),
            "la línea base lleva su valor y su año.",
        );
    }
    Some(Indicator {
        name: title,
        measure: measure.unwrap_or(Measure::Cantidad),
        method: text(Col::Method),
        source: text(Col::Source),
        baseline,
        baseline_year,
        expected,
        actual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_columns_by_their_names() {
        let c = |s: &str| classify(&grid::normal(s));
        assert_eq!(c("Nivel"), Some(Col::Level));
        assert_eq!(c("Código"), Some(Col::Code));
        assert_eq!(c("Enunciado"), Some(Col::Statement));
        assert_eq!(c("Tipo"), Some(Col::Kind));
        assert_eq!(c("Prioridad"), Some(Col::Priority));
        assert_eq!(c("Indicador"), Some(Col::Indicator));
        assert_eq!(c("Unidad de medida"), Some(Col::Measure));
        assert_eq!(c("Método de cálculo"), Some(Col::Method));
        assert_eq!(c("Fuente de datos"), Some(Col::Source));
        assert_eq!(c("Línea base Valor"), Some(Col::BaselineValue));
        assert_eq!(c("Línea base Año"), Some(Col::BaselineYear));
        assert_eq!(c("Logros esperados 2027"), Some(Col::Expected(2027)));
        assert_eq!(c("Valores obtenidos 2026"), Some(Col::Actual(2026)));
        assert_eq!(c("Cód. unidad responsable"), Some(Col::UnitCode));
        assert_eq!(c("Unidad responsable"), Some(Col::UnitName));
    }
}
