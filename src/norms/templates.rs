//! The customary wording of a new norm of each series and country, its current signatories,
//! and the label of each kind as printed.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::{NormInput, NormKind, NormTemplate, NormTemplateParams, SignatoryInput};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::{council, numbering, rules};

/// Label of the kind of norm a series issues, as printed in metadata and lists.
pub fn kind_label(series: &str, country: &str) -> &'static str {
    let chile = country == "CL";
    match (NormKind::of_series(series), series, chile) {
        (Some(NormKind::Ordenanza), _, _) => "ORDENANZA MUNICIPAL",
        (Some(NormKind::Decreto), _, true) => "DECRETO ALCALDICIO",
        (Some(NormKind::Decreto), _, false) => "DECRETO DE ALCALDÍA",
        (Some(NormKind::Acuerdo), _, true) => "ACUERDO DEL CONCEJO MUNICIPAL",
        (Some(NormKind::Acuerdo), _, false) => "ACUERDO DE CONCEJO",
        (_, "resolucion-concejo", _) => "RESOLUCIÓN DE CONCEJO",
        (_, "resolucion-gerencia", _) => "RESOLUCIÓN DE GERENCIA MUNICIPAL",
        (_, _, true) => "RESOLUCIÓN",
        _ => "RESOLUCIÓN DE ALCALDÍA",
    }
}

/// `norm.template`.
pub async fn template(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: NormTemplateParams,
) -> Result<NormTemplate> {
    let series = p.series.trim().to_string();
    let kind = NormKind::of_series(&series)
        .ok_or_else(|| Error::field("series", format!("«{series}» no es una serie de normas.")))?;
    let date = p.date.unwrap_or(ctx.today);
    let muni = crate::municipality::get(conn, ctx, crate::context::Empty {}).await?;
    let country = muni.country.clone();
    let chile = country == "CL";
    let rules = rules::load(conn).await?;
    let closing = rules
        .value("norms.closing_formula")
        .unwrap_or("Regístrese, comuníquese y cúmplase.")
        .to_string();
    let upper = muni.name.to_uppercase();
    // "EL ALCALDE" / "LA ALCALDESA": the issuer agrees with the alcalde on the date.
    let gender = council::officers::alcalde_on(conn, date)
        .await?
        .and_then(|h| h.gender);
    let the_alcalde = format!(
        "{} {}",
        crate::spanish::article(gender),
        crate::spanish::title("Alcalde", gender)
    )
    .to_uppercase();
    let (issuer, preamble, heading) = match (kind, chile) {
        (NormKind::Ordenanza, false) => (
            Some(format!("{the_alcalde} DE LA {upper}\n\nPOR CUANTO:\n\nEl Concejo Municipal, en Sesión Ordinaria de fecha …;")),
            Some("En uso de las facultades conferidas por el numeral 8 del artículo 9° y el artículo 40° de la Ley N° 27972, Ley Orgánica de Municipalidades, con el voto … de sus miembros y con dispensa del trámite de lectura y aprobación del acta, aprobó la siguiente:".to_string()),
            "HA DADO LA ORDENANZA SIGUIENTE:",
        ),
        (NormKind::Decreto, false) => (
            Some(format!("{the_alcalde} DE LA {upper}")),
            Some("Estando a lo expuesto y en uso de las atribuciones conferidas por el numeral 6 del artículo 20° y el artículo 42° de la Ley N° 27972, Ley Orgánica de Municipalidades;".to_string()),
            "DECRETA:",
        ),
        (NormKind::Acuerdo, false) => (
            Some(format!("EL CONCEJO MUNICIPAL DE LA {upper}")),
            Some("De conformidad con el artículo 41° de la Ley N° 27972, Ley Orgánica de Municipalidades, el Concejo Municipal, por …;".to_string()),
            "ACUERDA:",
        ),
        (_, false) => (
            None,
            Some("Estando a lo expuesto y de conformidad con el numeral 6 del artículo 20° y el artículo 43° de la Ley N° 27972, Ley Orgánica de Municipalidades;".to_string()),
            "SE RESUELVE:",
        ),
        (NormKind::Ordenanza, true) => (
            None,
            Some("Teniendo presente lo dispuesto en los artículos 12° y 65° de la Ley N° 18.695, Orgánica Constitucional de Municipalidades, y el acuerdo del Concejo Municipal adoptado en sesión …;".to_string()),
            "DICTO LA SIGUIENTE ORDENANZA:",
        ),
        (NormKind::Acuerdo, true) => (
            None,
            Some("De conformidad con los artículos 79 y 86 de la Ley N° 18.695, Orgánica Constitucional de Municipalidades, el Concejo Municipal, por …;".to_string()),
            "ACUERDA:",
        ),
        (_, true) => (
            None,
            Some("Y en uso de las facultades que me confiere la Ley N° 18.695, Orgánica Constitucional de Municipalidades;".to_string()),
            "DECRETO:",
        ),
    };
    let signatories = default_signatories(conn, date, chile, &rules).await?;
    let needs_session = numbering::series_needs_session(conn, &series)
        .await?
        .ok_or_else(|| Error::field("series", format!("No existe la serie «{series}».")))?;
    let session_kind = needs_session.then(|| "ordinaria".to_string());
    let next = numbering::preview(
        conn,
        ctx,
        numbering::NumberingPreview {
            series: series.clone(),
            date: Some(date),
            session_kind: session_kind.clone(),
        },
    )
    .await?;
    Ok(NormTemplate {
        kind,
        kind_label: kind_label(&series, &country).to_string(),
        norm: NormInput {
            series,
            session_kind,
            date,
            title: String::new(),
            issuer,
            vistos: vec![],
            considerandos: vec![],
            preamble,
            operative_heading: heading.to_string(),
            articles: vec![],
            closing_formula: closing,
            signatories,
        },
        next_identifier: next.identifier,
    })
}

/// The alcalde of the council term on `date` and the person holding the secretary's cargo.
async fn default_signatories(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    chile: bool,
    rules: &rules::RuleSet,
) -> Result<Vec<SignatoryInput>> {
    let mut out = Vec::new();
    out.extend(alcalde(conn, date).await?);
    out.extend(secretary(conn, date, chile, rules).await?);
    Ok(out)
}

/// The alcalde on `date`.
pub(crate) async fn alcalde(
    conn: &mut SqliteConnection,
    date: NaiveDate,
) -> Result<Option<SignatoryInput>> {
    Ok(council::officers::alcalde_on(conn, date)
        .await?
        .map(|h| SignatoryInput {
            name: h.name,
            cargo: h.cargo,
            dni: Some(h.doc_number),
        }))
}

/// Whoever holds the secretary's cargo (Secretario General / Municipal) on `date`.
pub(crate) async fn secretary(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    chile: bool,
    rules: &rules::RuleSet,
) -> Result<Option<SignatoryInput>> {
    let secretary_title = council::officers::secretary_title(rules, chile);
    Ok(
        council::officers::secretary_titled(conn, date, &secretary_title)
            .await?
            .map(|h| SignatoryInput {
                name: h.name,
                cargo: h.cargo,
                dni: Some(h.doc_number),
            }),
    )
}
