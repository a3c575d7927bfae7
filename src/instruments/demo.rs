//! The demo municipality's management instruments. Peru: the ROF (replaced once), the TUPA
//! with its chain (the district ordenanza, the provincial acuerdo that ratified it, the decreto
//! de alcaldía that adapted it) and the PEI, whose versions cite the resoluciones the plans'
//! demo sealed. Chile: the PLADECO (one period after another) and the reglamento de
//! organización interna. Norms that are not in the demo's registry are cited as written.

use chrono::{Datelike, Duration, NaiveDate};
use sqlx::SqliteConnection;

use super::{create, version_add, InstrumentCreate, InstrumentStatus as S, InstrumentVersionAdd};
use crate::context::Ctx;
use crate::error::Result;

/// A version cited as written.
struct Step {
    label: Option<String>,
    date: NaiveDate,
    status: S,
    norm: Option<i64>,
    norm_text: Option<String>,
    ratified: Option<String>,
    notes: Option<&'static str>,
}

fn step(date: NaiveDate, status: S, norm_text: String) -> Step {
    Step {
        label: None,
        date,
        status,
        norm: None,
        norm_text: Some(norm_text),
        ratified: None,
        notes: None,
    }
}

async fn instrument(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    type_code: &str,
    title: &str,
    steps: Vec<Step>,
) -> Result<()> {
    let created = create(
        conn,
        ctx,
        InstrumentCreate {
            type_code: type_code.into(),
            title: title.into(),
            notes: None,
        },
    )
    .await?;
    for s in steps {
        version_add(
            conn,
            ctx,
            InstrumentVersionAdd {
                instrument_id: created.id,
                label: s.label,
                date: s.date,
                status: s.status,
                norm_id: s.norm,
                norm_text: s.norm_text,
                ratified_by_id: None,
                ratified_by_text: s.ratified,
                file_path: None,
                notes: s.notes.map(str::to_string),
            },
        )
        .await?;
    }
    Ok(())
}

/// A day `years` years before `today`, in `month`.
fn years_ago(today: NaiveDate, years: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year() - years, month, day).unwrap_or(today)
}

/// Add the demo instruments of the municipality's country; returns how many.
pub(crate) async fn load(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<i64> {
    let chile = crate::municipality::country(conn).await? == "CL";
    let t = ctx.today;
    if chile {
        let (a, b) = (t.year() - 6, t.year() - 2);
        instrument(
            conn,
            ctx,
            "pladeco",
            "Plan de Desarrollo Comunal de San Ramón del Valle",
            vec![
                Step {
                    label: Some(format!("PLADECO {}-{}", a + 1, a + 4)),
                    ..step(
                        years_ago(t, 6, 12, 12),
                        S::Vigente,
                        format!("Decreto Alcaldicio N° 2.314 de {a}, previo acuerdo del Concejo Municipal en sesión ordinaria"),
                    )
                },
                Step {
                    label: Some(format!("PLADECO {}-{}", b + 1, b + 4)),
                    notes: Some("Aprobado tras la consulta al Consejo Comunal de Organizaciones de la Sociedad Civil (COSOC)."),
                    ..step(
                        years_ago(t, 2, 12, 10),
                        S::Vigente,
                        format!("Decreto Alcaldicio N° 2.987 de {b}, previo acuerdo del Concejo Municipal en sesión ordinaria"),
                    )
                },
            ],
        )
        .await?;
        instrument(
            conn,
            ctx,
            "reglamento_interno",
            "Reglamento de organización interna de la Municipalidad de San Ramón del Valle",
            vec![step(
                years_ago(t, 3, 6, 2),
                S::Vigente,
                format!(
                    "Decreto Alcaldicio N° 1.122 de {}, con acuerdo del Concejo Municipal (Ley N° 18.695, art. 31)",
                    t.year() - 3
                ),
            )],
        )
        .await?;
        return super::count(conn).await;
    }
    let y = |n: i32| t.year() - n;
    instrument(
        conn,
        ctx,
        "rof",
        "Reglamento de Organización y Funciones de la Municipalidad Distrital de Santa Rosa de Qochapampa",
        vec![
            step(
                years_ago(t, 7, 4, 22),
                S::Vigente,
                format!("Ordenanza Municipal N° 006-{}-MDSRQ", y(7)),
            ),
            Step {
                notes: Some("Adecua la estructura orgánica a los Lineamientos de Organización del Estado (D.S. N° 054-2018-PCM)."),
                ..step(
                    years_ago(t, 2, 8, 14),
                    S::Vigente,
                    format!("Ordenanza Municipal N° 011-{}-MDSRQ", y(2)),
                )
            },
        ],
    )
    .await?;
    instrument(
        conn,
        ctx,
        "tupa",
        "Texto Único de Procedimientos Administrativos de la Municipalidad Distrital de Santa Rosa de Qochapampa",
        vec![
            Step {
                ratified: Some(format!(
                    "Acuerdo de Concejo N° 087-{}-MPU de la Municipalidad Provincial de Urubamba, que ratifica la ordenanza",
                    y(3)
                )),
                ..step(
                    years_ago(t, 3, 5, 9),
                    S::Vigente,
                    format!("Ordenanza Municipal N° 004-{}-MDSRQ", y(3)),
                )
            },
            Step {
                label: Some("Adecuación por simplificación administrativa".into()),
                notes: Some("Adecua los requisitos a las normas de simplificación administrativa, sin crear procedimientos nuevos."),
                ..step(
                    years_ago(t, 1, 10, 3),
                    S::Vigente,
                    format!("Decreto de Alcaldía N° 009-{}-MDSRQ", y(1)),
                )
            },
        ],
    )
    .await?;
    // The PEI: each approved version of the plans' demo, with the resolución that approved it.
    let mut approved: Vec<(NaiveDate, i64, String)> = Vec::new();
    // The demo has a few versions: one page holds them.
    let page = crate::plans::strategic::StrategicList {
        after: None,
        limit: Some(500),
    };
    for p in crate::plans::strategic::list(conn, ctx, page).await?.rows {
        if let (Some(norm), Some(on)) = (p.norm_id, p.approved_on.as_deref()) {
            if let Ok(date) = NaiveDate::parse_from_str(on, "%Y-%m-%d") {
                approved.push((date, norm, p.name));
            }
        }
    }
    approved.sort();
    if !approved.is_empty() {
        let steps = approved
            .into_iter()
            .map(|(date, norm, name)| Step {
                label: Some(name),
                date,
                status: S::Vigente,
                norm: Some(norm),
                norm_text: None,
                ratified: None,
                notes: None,
            })
            .collect();
        instrument(
            conn,
            ctx,
            "pei",
            "Plan Estratégico Institucional de la Municipalidad Distrital de Santa Rosa de Qochapampa",
            steps,
        )
        .await?;
    }
    // A MAPRO still being written.
    instrument(
        conn,
        ctx,
        "mapro",
        "Manual de Procedimientos de la Subgerencia de Fiscalización y Control Municipal",
        vec![Step {
            label: Some("Proyecto".into()),
            date: t - Duration::days(20),
            status: S::EnElaboracion,
            norm: None,
            norm_text: None,
            ratified: None,
            notes: Some("En revisión por la Oficina de Asesoría Jurídica."),
        }],
    )
    .await?;
    super::count(conn).await
}
