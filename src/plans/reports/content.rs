//! What a report prints, as data: the content is built from the plans when a draft is printed
//! and frozen as it is when the report is sealed. It holds the page as the reader sees it —
//! texts, table cells already written the Spanish way, chart lengths in tenths of a percent —
//! so the sealed JSON has only strings and integers and renders the same page every time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::store::{self, ReportRow};
use super::{annual, follow_up, monthly, ReportKind};
use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::norms::SignatoryInput;
use crate::org::UnitKind;
use crate::plans::compute::{self, Light};
use crate::plans::dashboard::{Dashboard, ExecutionProgress, GroupProgress};
use crate::plans::operational::{OperationalKind, OperationalSummary};
use crate::plans::store as plans;
pub(super) use crate::records::layout::{col, num, numbered, table, Part, Section, TablePart};
use crate::records::settings::Frame;
use crate::spanish;

/// The version of this layout of content, for readers of old seals.
const FORMAT: u32 = 1;

/// A report as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct ReportContent {
    /// [`FORMAT`].
    pub format: u32,
    /// Kind.
    pub kind: ReportKind,
    /// The report's title as listed ("Informe mensual … — Agosto de 2026").
    pub name: String,
    /// The title printed at the top, upper case.
    pub title: String,
    /// Lines under the title (plan and period).
    pub subtitle: Vec<String>,
    /// Date of the report: the day it was printed as a draft, or sealed.
    #[serde(with = "crate::dates::iso")]
    pub date: NaiveDate,
    /// Place and date ("Santa Rosa de Qochapampa, 15 de agosto de 2026").
    pub place_date: String,
    /// Heading of a memorandum (A:, DE:, ASUNTO:), when it is one.
    pub memo: Vec<MemoLine>,
    /// Printed on landscape pages (wide tables).
    pub landscape: bool,
    /// The body.
    pub sections: Vec<Section>,
    /// Closing sentence before the signatures.
    pub closing: Option<String>,
    /// Who signs, in order.
    pub signatories: Vec<SignatoryInput>,
    /// Letterhead and paper.
    pub frame: Frame,
}

/// One line of a memorandum's heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct MemoLine {
    /// "A:", "DE:", "ASUNTO:", "FECHA:".
    pub label: String,
    /// The text; `\n` breaks lines.
    pub text: String,
}

/// What a kind of report builds; the frame, date and signatories are added around it.
pub(super) struct Body {
    /// [`ReportContent::title`].
    pub title: String,
    /// [`ReportContent::subtitle`].
    pub subtitle: Vec<String>,
    /// [`ReportContent::memo`].
    pub memo: Vec<MemoLine>,
    /// [`ReportContent::landscape`].
    pub landscape: bool,
    /// [`ReportContent::sections`].
    pub sections: Vec<Section>,
    /// [`ReportContent::closing`].
    pub closing: Option<String>,
    /// Whether the head of the planning unit signs too (before the Gerente Municipal).
    pub planner_signs: bool,
}

/// The words of each country.
pub(super) struct Terms {
    /// Chile.
    pub chile: bool,
    /// "S/" or "$".
    pub currency: &'static str,
    /// "PEI" / "PLADECO".
    pub strategic: &'static str,
    /// "OEI" / "Lineamiento".
    pub objective: &'static str,
    /// "Objetivos Estratégicos Institucionales (OEI)" / "Lineamientos".
    pub objectives: &'static str,
    /// "AEI" / "Objetivo".
    pub action: &'static str,
    /// "Acciones Estratégicas Institucionales (AEI)" / "Objetivos".
    pub actions: &'static str,
    /// "Unidad orgánica" / "Dirección".
    pub unit: &'static str,
    /// "unidades orgánicas" / "direcciones".
    pub units: &'static str,
    /// "Centro de costo" / "Dirección".
    pub cost_centre: &'static str,
    /// "Gerencia Municipal" / "Administración Municipal".
    pub management: &'static str,
    /// "Gerente Municipal" / "Administrador Municipal".
    pub manager: &'static str,
    /// "POI" / "Plan Anual de Acción Municipal".
    pub poi: &'static str,
}

impl Terms {
    /// The words of country `code` (`PE`, `CL`).
    pub fn of(code: &str) -> Terms {
        if code == "CL" {
            Terms {
                chile: true,
                currency: "$",
                strategic: "PLADECO",
                objective: "Lineamiento",
                objectives: "Lineamientos estratégicos",
                action: "Objetivo",
                actions: "Objetivos estratégicos",
                unit: "Dirección",
                units: "direcciones",
                cost_centre: "Dirección",
                management: "Administración Municipal",
                manager: "Administrador Municipal",
                poi: "Plan Anual de Acción Municipal",
            }
        } else {
            Terms {
                chile: false,
                currency: "S/",
                strategic: "PEI",
                objective: "OEI",
                objectives: "Objetivos Estratégicos Institucionales (OEI)",
                action: "AEI",
                actions: "Acciones Estratégicas Institucionales (AEI)",
                unit: "Unidad orgánica",
                units: "unidades orgánicas",
                cost_centre: "Centro de costo",
                management: "Gerencia Municipal",
                manager: "Gerente Municipal",
                poi: "POI",
            }
        }
    }

    /// An amount in céntimos.
    pub fn money(&self, cents: i64) -> String {
        compute::money(cents, self.currency)
    }
}

/// The name of an operational plan in reports: "POI 2026", "Plan Anual de Acción Municipal
/// 2026", "Programa de Mejoramiento de la Gestión 2026".
pub(super) fn operational_name(t: &Terms, plan: &OperationalSummary) -> String {
    match plan.kind {
        OperationalKind::Poi => format!("{} {}", t.poi, plan.year),
        OperationalKind::Pmg => format!("Programa de Mejoramiento de la Gestión {}", plan.year),
    }
}

/// A report's title as listed: what it is, of which plan, and the period.
pub(super) fn title(
    kind: ReportKind,
    t: &Terms,
    plan_name: &str,
    period: i64,
    year: i64,
) -> String {
    let when = super::period_label(kind, period, year);
    match kind {
        ReportKind::InformeMensual => {
            format!("Informe mensual de la {} al Alcalde — {when}", t.management)
        }
        ReportKind::SeguimientoPoi => format!("Reporte de Seguimiento del {plan_name} — {when}"),
        ReportKind::SeguimientoPei => format!("Reporte de Seguimiento del {plan_name} — {when}"),
        ReportKind::EvaluacionAnual => format!("Evaluación anual del {plan_name}"),
    }
}

/// The content of report `r` from the plans as they stand, dated `ctx.today`.
pub(super) async fn build(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    r: &ReportRow,
) -> Result<ReportContent> {
    let country = crate::municipality::country(conn).await?;
    let t = Terms::of(&country);
    let date = ctx.today;
    let body = match (r.kind, r.operational_plan_id, r.strategic_plan_id) {
        (ReportKind::SeguimientoPei, _, Some(id)) => {
            let plan = crate::plans::strategic::load(conn, id).await?;
            follow_up::strategic(conn, &t, &plan, r.period).await?
        }
        (kind, Some(id), _) => {
            let plan = plans::operational(conn, id).await?;
            match kind {
                ReportKind::InformeMensual => monthly::build(conn, ctx, &t, plan, r.period).await?,
                ReportKind::SeguimientoPoi => {
                    follow_up::operational(conn, ctx, &t, plan, r.period).await?
                }
                _ => annual::build(conn, ctx, &t, plan).await?,
            }
        }
        _ => return Err(Error::Internal(format!("informe {} sin plan", r.id))),
    };
    let mut signatories = Vec::new();
    let manager = manager(conn, ctx, &t).await?;
    if body.planner_signs {
        if let Some(p) = planner(conn, ctx).await? {
            if manager.as_ref().is_none_or(|m| m.name != p.name) {
                signatories.push(p);
            }
        }
    }
    signatories.extend(manager);
    let frame = Frame::current(conn, date).await?;
    Ok(ReportContent {
        format: FORMAT,
        kind: r.kind,
        name: r.title.clone(),
        title: body.title,
        subtitle: body.subtitle,
        place_date: format!(
            "{}, {}",
            crate::municipality::place_name(&frame.municipality),
            spanish::long_date(date, t.chile)
        ),
        date,
        memo: body.memo,
        landscape: body.landscape,
        sections: body.sections,
        closing: body.closing,
        signatories,
        frame,
    })
}

/// The head of a unit on the report's date, with the cargo of their position (or `cargo`).
async fn head_of(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    person_id: Option<i64>,
    cargo: String,
) -> Result<Option<SignatoryInput>> {
    let Some(id) = person_id else {
        return Ok(None);
    };
    let Some((name, doc)) = store::person(conn, id).await? else {
        return Ok(None);
    };
    let cargo = crate::org::position_title_on(conn, id, ctx.today)
        .await?
        .unwrap_or(cargo);
    Ok(Some(SignatoryInput {
        name,
        cargo,
        dni: Some(doc),
    }))
}

/// Who heads the Gerencia Municipal (Administración Municipal): the head of the unit of the
/// alta dirección so named, or else of the first unit of the alta dirección.
pub(super) async fn manager(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    t: &Terms,
) -> Result<Option<SignatoryInput>> {
    let units = crate::org::unit_list(conn, ctx, Empty {}).await?;
    let top: Vec<_> = units
        .iter()
        .filter(|u| u.kind == UnitKind::AltaDireccion)
        .collect();
    let named = top.iter().find(|u| {
        let n = spanish::fold(&u.name);
        n.contains("gerencia municipal") || n.contains("administracion municipal")
    });
    let Some(unit) = named.or(top.first()) else {
        return Ok(None);
    };
    head_of(conn, ctx, unit.head_person_id, t.manager.to_string()).await
}

/// Who heads the planning unit (Planeamiento, SECPLA): the first unit, in the chart's order,
/// whose name speaks of planning.
async fn planner(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<Option<SignatoryInput>> {
    let units = crate::org::unit_list(conn, ctx, Empty {}).await?;
    let Some(unit) = units.iter().find(|u| {
        let n = spanish::fold(&u.name);
        n.contains("planeamiento") || n.contains("planificacion")
    }) else {
        return Ok(None);
    };
    let cargo = format!("Responsable de {}", unit.name);
    head_of(conn, ctx, unit.head_person_id, cargo).await
}

/// "enero de 2026" for January, "enero a julio de 2026" for later months.
pub(super) fn since_january(month: i64, year: i64) -> String {
    if month <= 1 {
        format!("enero de {year}")
    } else {
        format!(
            "enero a {} de {year}",
            crate::plans::month_name(month).to_lowercase()
        )
    }
}

/// "1 unidad orgánica", "27 unidades orgánicas" ("1 dirección", "3 direcciones").
pub(super) fn units_count(t: &Terms, n: usize) -> String {
    if n == 1 {
        format!("1 {}", t.unit.to_lowercase())
    } else {
        format!("{n} {}", t.units)
    }
}

/// A percentage as printed.
pub(super) fn pct(p: Option<f64>) -> String {
    compute::percent_text(p)
}

/// "Verde", "Ámbar", "Rojo", "Sin meta".
pub(super) fn light(l: Light) -> String {
    l.label().to_string()
}

/// "S/ 1.000,00 de S/ 2.000,00 (50 %)".
pub(super) fn money_of(t: &Terms, p: &ExecutionProgress) -> String {
    format!(
        "{} de {} ({})",
        t.money(p.financial_executed),
        t.money(p.financial_programmed),
        pct(p.financial_percent)
    )
}

/// The tables of objectives and actions (their execution) with their headings, and a PMG's
/// kinds of goals.
pub(super) fn strategic_tables(t: &Terms, d: &Dashboard, with_month: bool) -> Vec<Part> {
    let (objectives, actions) = (&d.objectives, &d.actions);
    if objectives.is_empty() && actions.is_empty() && d.goal_kinds.is_empty() {
        return vec![Part::Text(format!(
            "El plan no está vinculado a un plan estratégico ({}), o sus actividades no sirven \
             a ninguna de sus acciones.",
            t.strategic
        ))];
    }
    let mut columns = vec![col("Código", 13), col("Enunciado", 42), num("Act.", 6)];
    if with_month {
        columns.push(num("% del\nmes", 9));
    }
    columns.extend([
        num("% físico\nacum.", 10),
        num("% financ.\nacum.", 10),
        col("Semáforo", 13),
    ]);
    let rows = |groups: &[GroupProgress]| -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| {
                let mut r = vec![
                    g.code.clone(),
                    g.statement.clone(),
                    g.progress.activities.to_string(),
                ];
                if with_month {
                    r.push(pct(g.progress.month_percent));
                }
                r.extend([
                    pct(g.progress.accumulated),
                    pct(g.progress.financial_percent),
                    light(g.light),
                ]);
                r
            })
            .collect()
    };
    let mut out = Vec::new();
    if !objectives.is_empty() {
        out.push(Part::Subheading(t.objectives.to_string()));
        out.push(table(columns.clone(), rows(objectives)));
    }
    if !actions.is_empty() {
        out.push(Part::Subheading(t.actions.to_string()));
        out.push(table(columns.clone(), rows(actions)));
    }
    if !d.goal_kinds.is_empty() {
        out.push(Part::Subheading(
            "Metas institucionales y colectivas".to_string(),
        ));
        out.push(table(columns, rows(&d.goal_kinds)));
    }
    out
}

/// The note that explains the lights and the roll-up.
pub(super) fn lights_note(thresholds: &compute::Thresholds) -> Part {
    Part::Note(format!(
        "Semáforo: verde desde {green}, ámbar desde {amber}, rojo por debajo de {amber}. La \
         ejecución física de un grupo es el promedio de las de sus actividades con meta, cada \
         una hasta 100 %; la financiera, lo ejecutado entre lo programado.",
        green = compute::percent_text(Some(thresholds.green)),
        amber = compute::percent_text(Some(thresholds.amber)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_speak_each_countrys_words() {
        let pe = Terms::of("PE");
        let cl = Terms::of("CL");
        assert_eq!(
            title(ReportKind::InformeMensual, &pe, "POI 2026", 8, 2026),
            "Informe mensual de la Gerencia Municipal al Alcalde — Agosto de 2026"
        );
        assert_eq!(
            title(ReportKind::InformeMensual, &cl, "x", 3, 2026),
            "Informe mensual de la Administración Municipal al Alcalde — Marzo de 2026"
        );
        assert_eq!(
            title(
                ReportKind::SeguimientoPoi,
                &cl,
                "Plan Anual de Acción Municipal 2026",
                2,
                2026
            ),
            "Reporte de Seguimiento del Plan Anual de Acción Municipal 2026 — Segundo semestre \
             de 2026"
        );
        assert_eq!(
            title(ReportKind::SeguimientoPei, &pe, "PEI 2025-2030", 2026, 2026),
            "Reporte de Seguimiento del PEI 2025-2030 — Año 2026"
        );
        assert_eq!(pe.money(123456), "S/ 1.234,56");
        assert_eq!(cl.money(123456), "$ 1.234");
    }
}
