//! The plans' printed reports, records like norms and actas: the monthly report of the Gerencia
//! Municipal (Administración Municipal in Chile) to the alcalde, the semestral Reporte de
//! Seguimiento of the operational plan, the yearly Reporte de Seguimiento of the strategic
//! plan, and the annual evaluation of the operational plan. A draft prints the plans' data as
//! they stand when it is printed; sealing freezes what it prints (`records::seal`), so later
//! entries of execution never change a sealed report. Sealed reports are signed, listed and
//! verified through `records.*` like every printable record.

mod annual;
mod charts;
mod content;
mod follow_up;
mod monthly;
pub mod printable;
mod render;
mod store;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::store as plans;
use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};
use crate::records::{event, seal, signatures_of, Seal, SignatureRow};

pub use printable::PRINTABLE;

/// Kind of the plans' reports in seals, signatures and history.
pub const RECORD_KIND: &str = "informe-plan";

/// What a report is; its wire name is its printable kind (`cabildo print KIND ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "kebab-case")]
#[sqlx(rename_all = "kebab-case")]
pub enum ReportKind {
    /// `informe-mensual`: the Gerencia Municipal's monthly report to the alcalde (period: month).
    InformeMensual,
    /// `seguimiento-poi`: the semestral Reporte de Seguimiento of the POI (period: semester).
    SeguimientoPoi,
    /// `seguimiento-pei`: the Reporte de Seguimiento of the PEI (period: year).
    SeguimientoPei,
    /// `evaluacion-anual`: the annual evaluation of the POI (period: the plan's year).
    EvaluacionAnual,
}

impl ReportKind {
    /// Every kind, in the order `cabildo print` lists them.
    pub const ALL: [ReportKind; 4] = [
        ReportKind::InformeMensual,
        ReportKind::SeguimientoPoi,
        ReportKind::SeguimientoPei,
        ReportKind::EvaluacionAnual,
    ];

    /// The printable kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::InformeMensual => "informe-mensual",
            ReportKind::SeguimientoPoi => "seguimiento-poi",
            ReportKind::SeguimientoPei => "seguimiento-pei",
            ReportKind::EvaluacionAnual => "evaluacion-anual",
        }
    }

    /// The kind a printable kind names.
    pub fn of_str(s: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether it reports on a strategic plan (otherwise on an operational one).
    pub fn strategic(self) -> bool {
        self == ReportKind::SeguimientoPei
    }
}

/// A report as listed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportSummary {
    /// Id (also its id as a printable record).
    pub id: i64,
    /// Kind.
    pub kind: ReportKind,
    /// The plan reported on (operational, or strategic for `seguimiento-pei`).
    pub plan_id: i64,
    /// That plan's name.
    pub plan_name: String,
    /// Month 1–12, semester 1–2 or year.
    pub period: i64,
    /// The period in words ("Agosto de 2026", "Primer semestre de 2026", "Año 2026").
    pub period_label: String,
    /// Title, as printed.
    pub title: String,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Who created it.
    pub created_by: String,
    /// When sealed; none while a draft.
    pub sealed_at: Option<String>,
}

/// A report with its seal and signatures.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanReport {
    /// The report.
    pub report: ReportSummary,
    /// Its seal, once sealed.
    pub seal: Option<Seal>,
    /// Its digital signatures.
    pub signatures: Vec<SignatureRow>,
}

/// Params of `plan.report.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportList {
    /// Reports to skip (newest first).
    #[serde(default)]
    pub offset: i64,
    /// Reports to return (1–200, default 50).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// A page of reports.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportPage {
    /// Reports over all pages.
    pub total: i64,
    /// This page, newest first.
    pub rows: Vec<ReportSummary>,
}

/// `plan.report.list`: a page of reports, newest first.
pub async fn list(conn: &mut SqliteConnection, _ctx: &Ctx, p: ReportList) -> Result<ReportPage> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(Error::field(
            "limit",
            "Pida de 1 a 200 informes por página.",
        ));
    }
    let total = store::count(conn).await?;
    let mut rows = Vec::new();
    for r in store::page(conn, p.offset.max(0), limit).await? {
        rows.push(summary(conn, r).await?);
    }
    Ok(ReportPage { total, rows })
}

/// A sealed report as the transparency portal lists it.
#[derive(Debug, Clone)]
pub struct PublishedReport {
    /// The report (its id is its id as a printable record).
    pub summary: ReportSummary,
    /// The year it reports on.
    pub year: i64,
}

/// Sealed reports after id `after`, oldest first, at most `limit`: what the municipality
/// publishes on its transparency portal (the Reportes de Seguimiento of the PEI and POI, the
/// annual evaluation, the monthly reports).
pub async fn sealed_page(
    conn: &mut SqliteConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<PublishedReport>> {
    let mut out = Vec::new();
    for r in store::sealed_page(conn, after, limit).await? {
        let strategic = r.operational_plan_id.is_none();
        let period = r.period;
        let summary = summary(conn, r).await?;
        let year = if strategic {
            period
        } else {
            plans::operational(conn, summary.plan_id).await?.year
        };
        out.push(PublishedReport { summary, year });
    }
    Ok(out)
}

/// Params of `plan.report.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportCreate {
    /// Kind.
    pub kind: ReportKind,
    /// The plan: an operational plan, or a strategic plan version for `seguimiento-pei`.
    pub plan_id: i64,
    /// Month 1–12 (`informe-mensual`), semester 1–2 (`seguimiento-poi`), or year
    /// (`seguimiento-pei`: a year of the plan; `evaluacion-anual`: the plan's year).
    pub period: i64,
}

/// `plan.report.create`: a draft report. The plan must exist and be of the kind the report
/// needs, and the period must be in range and have begun on `ctx.today` (a month from its
/// first day, a semester from 1 January or 1 July, a year from 1 January). There is one report
/// per kind, plan and period: the draft always prints the data as they stand, so a second one
/// is never needed, and once sealed it stays that period's record.
pub async fn create(conn: &mut SqliteConnection, ctx: &Ctx, p: ReportCreate) -> Result<PlanReport> {
    let country = crate::municipality::country(conn).await?;
    let terms = content::Terms::of(&country);
    let (op, sp, plan_name, title, year) = if p.kind.strategic() {
        let plan = plans::strategic(conn, p.plan_id).await.map_err(|_| {
            Error::field(
                "plan_id",
                format!(
                    "No existe el plan estratégico {}: el seguimiento del {} se hace sobre una \
                     versión del plan estratégico.",
                    p.plan_id, terms.strategic
                ),
            )
        })?;
        check_year(p.period, plan.first_year, plan.last_year, ctx.today)?;
        let title = content::title(p.kind, &terms, &plan.name, p.period, p.period);
        (None, Some(plan.id), plan.name, title, p.period)
    } else {
        let plan = plans::operational(conn, p.plan_id).await.map_err(|_| {
            Error::field(
                "plan_id",
                format!(
                    "No existe el plan operativo {}: este informe se hace sobre un plan \
                     operativo.",
                    p.plan_id
                ),
            )
        })?;
        check_operational_period(p.kind, p.period, plan.year, ctx.today)?;
        let name = content::operational_name(&terms, &plan);
        let title = content::title(p.kind, &terms, &name, p.period, plan.year);
        (Some(plan.id), None, plan.name, title, plan.year)
    };
    if let Some(id) = store::find(conn, p.kind, p.plan_id, p.period).await? {
        return Err(Error::field(
            "period",
            format!(
                "Ya existe este informe para «{plan_name}» ({}): ábralo en la lista (informe \
                 {id}).",
                period_label(p.kind, p.period, year)
            ),
        ));
    }
    let id = store::insert(conn, ctx, p.kind, op, sp, p.period, &title).await?;
    event(conn, ctx, RECORD_KIND, id, "Borrador creado").await?;
    load(conn, id).await
}

fn first_day(year: i64, month: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(year as i32, month as u32, 1).unwrap_or_default()
}

fn check_operational_period(
    kind: ReportKind,
    period: i64,
    year: i64,
    today: NaiveDate,
) -> Result<()> {
    match kind {
        ReportKind::InformeMensual => {
            if !(1..=12).contains(&period) {
                return Err(Error::field(
                    "period",
                    "El mes va de 1 (enero) a 12 (diciembre).",
                ));
            }
            if first_day(year, period) > today {
                return Err(Error::field(
                    "period",
                    format!(
                        "{} de {year} aún no llega: el informe de un mes se crea desde su primer \
                         día.",
                        super::month_name(period)
                    ),
                ));
            }
        }
        ReportKind::SeguimientoPoi => {
            if !(1..=2).contains(&period) {
                return Err(Error::field(
                    "period",
                    "El semestre es 1 (enero a junio) o 2 (julio a diciembre).",
                ));
            }
            if first_day(year, semester_months(period).0) > today {
                return Err(Error::field(
                    "period",
                    format!(
                        "El {} semestre de {year} aún no empieza: su seguimiento se crea desde el \
                         1 de {}.",
                        if period == 1 { "primer" } else { "segundo" },
                        if period == 1 { "enero" } else { "julio" }
                    ),
                ));
            }
        }
        _ => {
            if period != year {
                return Err(Error::field(
                    "period",
                    format!("La evaluación anual de este plan es la del año {year}."),
                ));
            }
            check_year(period, year, year, today)?;
        }
    }
    Ok(())
}

fn check_year(year: i64, first: i64, last: i64, today: NaiveDate) -> Result<()> {
    if !(first..=last).contains(&year) {
        return Err(Error::field(
            "period",
            format!("El año está fuera del plan ({first}–{last})."),
        ));
    }
    if year > today.year() as i64 {
        return Err(Error::field(
            "period",
            format!("El año {year} aún no empieza: su informe se crea desde el 1 de enero."),
        ));
    }
    Ok(())
}

/// First and last month of semester `s` (1 or 2).
fn semester_months(s: i64) -> (i64, i64) {
    if s == 2 {
        (7, 12)
    } else {
        (1, 6)
    }
}

/// A period in words.
pub fn period_label(kind: ReportKind, period: i64, year: i64) -> String {
    match kind {
        ReportKind::InformeMensual => format!("{} de {year}", super::month_name(period)),
        ReportKind::SeguimientoPoi => format!(
            "{} semestre de {year}",
            if period == 2 { "Segundo" } else { "Primer" }
        ),
        _ => format!("Año {period}"),
    }
}

/// `plan.report.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, p: IdParam) -> Result<PlanReport> {
    load(conn, p.id).await
}

async fn summary(conn: &mut SqliteConnection, r: store::ReportRow) -> Result<ReportSummary> {
    let (plan_id, plan_name, year) = match (r.operational_plan_id, r.strategic_plan_id) {
        (Some(id), _) => {
            let p = plans::operational(conn, id).await?;
            (id, p.name, p.year)
        }
        (None, Some(id)) => (id, plans::strategic(conn, id).await?.name, r.period),
        (None, None) => return Err(Error::Internal(format!("informe {} sin plan", r.id))),
    };
    Ok(ReportSummary {
        id: r.id,
        kind: r.kind,
        plan_id,
        plan_name,
        period: r.period,
        period_label: period_label(r.kind, r.period, year),
        title: r.title,
        created_at: r.created_at,
        created_by: r.created_by,
        sealed_at: r.sealed_at,
    })
}

/// The report `id` with its seal and signatures.
pub async fn load(conn: &mut SqliteConnection, id: i64) -> Result<PlanReport> {
    let r = store::row(conn, id).await?;
    Ok(PlanReport {
        report: summary(conn, r).await?,
        seal: seal::of(conn, RECORD_KIND, id).await?,
        signatures: signatures_of(conn, RECORD_KIND, id).await?,
    })
}

/// `plan.report.seal`: freeze what the report prints now, with its signatories; from then on
/// it prints that frozen content, whatever is entered later.
pub async fn seal_report(conn: &mut SqliteConnection, ctx: &Ctx, p: IdParam) -> Result<PlanReport> {
    let r = store::row(conn, p.id).await?;
    if r.sealed_at.is_some() {
        return Err(Error::Sealed(format!("«{}» ya está sellado.", r.title)));
    }
    let c = content::build(conn, ctx, &r).await?;
    if c.signatories.is_empty() {
        return Err(Error::Conflict(
            "El informe no tiene quien lo firme: registre al titular de la unidad de alta \
             dirección (Gerencia o Administración Municipal) en Organización."
                .into(),
        ));
    }
    let value = serde_json::to_value(&c).map_err(|e| Error::Internal(e.to_string()))?;
    let s = seal::create(conn, ctx, RECORD_KIND, p.id, &value).await?;
    store::mark_sealed(conn, p.id, &s.sealed_at).await?;
    event(
        conn,
        ctx,
        RECORD_KIND,
        p.id,
        &format!("Sellado (código de verificación {})", s.verification_code),
    )
    .await?;
    load(conn, p.id).await
}

/// `plan.report.delete`: discard a draft (a sealed report is never deleted).
pub async fn delete(conn: &mut SqliteConnection, ctx: &Ctx, p: IdParam) -> Result<Empty> {
    let r = store::row(conn, p.id).await?;
    if r.sealed_at.is_some() {
        return Err(Error::Sealed(format!(
            "«{}» está sellado: no se puede borrar.",
            r.title
        )));
    }
    store::delete(conn, p.id).await?;
    event(conn, ctx, RECORD_KIND, p.id, "Borrador descartado").await?;
    Ok(Empty {})
}
