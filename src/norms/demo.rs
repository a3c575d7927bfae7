//! The demo municipality's norms, so that `cabildo print --list` is never empty after
//! `cabildo demo`. Peru: four sealed ones (an ordenanza, a decreto, a resolución de alcaldía
//! and an acuerdo de concejo) and a draft. Chile: an ordenanza, three decretos alcaldicios
//! (VISTOS, CONSIDERANDO, DECRETO, under Ley N° 18.695) and an acuerdo, and a draft decreto.

use chrono::Duration;
use sqlx::SqliteConnection;

use super::{ArticleInput, NormId, NormInput, NormTemplateParams};
use crate::context::Ctx;
use crate::error::Result;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn art(title: Option<&str>, text: &str, items: &[&str]) -> ArticleInput {
    ArticleInput {
        title: title.map(str::to_string),
        text: text.to_string(),
        items: s(items),
    }
}

struct DemoNorm {
    series: &'static str,
    days_ago: i64,
    title: &'static str,
    vistos: &'static [&'static str],
    considerandos: &'static [&'static str],
    articles: Vec<ArticleInput>,
}

fn norms() -> Vec<DemoNorm> {
    vec![
        DemoNorm {
            series: "ordenanza",
            days_ago: 45,
            title: "Ordenanza que regula el comercio ambulatorio en la Plaza de Armas y el mercado de abastos",
            vistos: &["El Dictamen N° 012-2026-CEDE/MDSRQ de la Comisión de Desarrollo Económico, el Informe N° 087-2026-GDE/MDSRQ de la Gerencia de Desarrollo Económico y el Informe Legal N° 154-2026-OAJ/MDSRQ de la Oficina de Asesoría Jurídica;"],
            considerandos: &[
                "Que, el artículo 194° de la Constitución Política del Perú, modificado por la Ley N° 30305, establece que las municipalidades son órganos de gobierno local con autonomía política, económica y administrativa en los asuntos de su competencia;",
                "Que, el numeral 3.2 del artículo 83° de la Ley N° 27972, Ley Orgánica de Municipalidades, otorga a las municipalidades distritales la función de regular y controlar el comercio ambulatorio de acuerdo con las normas provinciales;",
                "Que, el crecimiento del comercio en la vía pública alrededor de la Plaza de Armas y del mercado de abastos dificulta el tránsito peatonal, la limpieza pública y la evacuación en caso de sismo, según el Informe N° 087-2026-GDE/MDSRQ;",
            ],
            articles: vec![
                art(Some("Objeto"), "La presente ordenanza regula el ejercicio del comercio ambulatorio en la Plaza de Armas, sus calles adyacentes y el entorno del mercado de abastos del distrito de Santa Rosa de Qochapampa.", &[]),
                art(Some("Zonas rígidas"), "Declárense zonas rígidas para el comercio ambulatorio las siguientes vías:", &["El perímetro de la Plaza de Armas.", "La calle Comercio, entre el jirón Túpac Amaru y la avenida Señor de Huanca.", "Las puertas de ingreso y salida del mercado de abastos, en un radio de quince metros."]),
                art(Some("Autorización"), "La Gerencia de Desarrollo Económico otorgará autorizaciones temporales, personales e intransferibles, con vigencia de un año, a los comerciantes empadronados que acrediten residencia en el distrito.", &[]),
                art(Some("Ferias"), "Los domingos y feriados podrá autorizarse ferias agropecuarias en la explanada del estadio municipal, con la participación preferente de productores de las comunidades campesinas del distrito.", &[]),
                art(Some("Fiscalización"), "Encárguese a la Subgerencia de Fiscalización y Control Municipal la verificación del cumplimiento de la presente ordenanza, conforme al Reglamento de Aplicación de Sanciones Administrativas vigente.", &[]),
                art(Some("Vigencia"), "La presente ordenanza entra en vigencia al día siguiente de su publicación en el diario encargado de los avisos judiciales de la provincia y en el portal institucional.", &[]),
            ],
        },
        DemoNorm {
            series: "decreto",
            days_ago: 33,
            title: "Decreto que aprueba el cronograma de empadronamiento de comerciantes ambulantes",
            vistos: &["La Ordenanza que regula el comercio ambulatorio en la Plaza de Armas y el mercado de abastos, y el Informe N° 101-2026-GDE/MDSRQ;"],
            considerandos: &[
                "Que, la ordenanza citada faculta al Alcalde a dictar mediante decreto las disposiciones complementarias para su adecuada aplicación;",
                "Que, la Gerencia de Desarrollo Económico propone un cronograma de empadronamiento por sectores para atender a los comerciantes sin afectar sus jornadas de venta;",
            ],
            articles: vec![
                art(None, "APROBAR el cronograma de empadronamiento de comerciantes ambulantes del distrito, que se realizará en el local de la Gerencia de Desarrollo Económico de lunes a viernes, de 8:30 a 16:30 horas.", &["Sector Plaza de Armas: del 1 al 12 de diciembre.", "Sector Mercado de Abastos: del 15 al 23 de diciembre.", "Comunidades campesinas: del 5 al 16 de enero."]),
                art(None, "ENCARGAR a la Oficina de Imagen Institucional la difusión del presente decreto en castellano y en quechua, por radio local y en el portal institucional.", &[]),
            ],
        },
        DemoNorm {
            series: "resolucion-alcaldia",
            days_ago: 21,
            title: "Designa al responsable del Libro de Actas del Concejo Municipal",
            vistos: &["El Memorándum N° 233-2026-GM/MDSRQ de la Gerencia Municipal;"],
            considerandos: &[
                "Que, conforme al artículo 20° de la Ley N° 27972, Ley Orgánica de Municipalidades, es atribución del Alcalde designar a los funcionarios de confianza y dictar resoluciones de alcaldía;",
                "Que, es necesario designar al servidor responsable de la custodia y foliación del Libro de Actas del Concejo Municipal, que se llevará con firma digital conforme a la Ley N° 27269;",
            ],
            articles: vec![
                art(None, "DESIGNAR al Secretario General como responsable de la custodia, foliación y certificación del Libro de Actas del Concejo Municipal.", &[]),
                art(None, "DISPONER que las actas de las sesiones se suscriban con firma digital del Alcalde y del Secretario General y se conserven en el sistema institucional con su código de verificación.", &[]),
                art(None, "NOTIFICAR la presente resolución a los miembros del Concejo Municipal y a las unidades orgánicas de la entidad.", &[]),
            ],
        },
        DemoNorm {
            series: "acuerdo",
            days_ago: 12,
            title: "Aprueba el calendario de sesiones ordinarias del Concejo para el primer semestre",
            vistos: &["La propuesta de la Alcaldía y el Informe N° 045-2026-SG/MDSRQ de la Secretaría General;"],
            considerandos: &[
                "Que, el artículo 13° de la Ley N° 27972 dispone que el concejo municipal se reúne en sesión ordinaria no menos de dos ni más de cuatro veces al mes;",
                "Que, en sesión ordinaria el Concejo Municipal aprobó por UNANIMIDAD el calendario propuesto, con dispensa del trámite de lectura y aprobación del acta;",
            ],
            articles: vec![
                art(None, "APROBAR el calendario de sesiones ordinarias del Concejo Municipal para el primer semestre, los días segundo y cuarto jueves de cada mes, a las 10:00 horas, en el salón consistorial.", &[]),
                art(None, "ENCARGAR a la Secretaría General la convocatoria de las sesiones y la notificación del presente acuerdo a los señores regidores.", &[]),
            ],
        },
    ]
}

fn chile_norms() -> Vec<DemoNorm> {
    vec![
        DemoNorm {
            series: "ordenanza",
            days_ago: 60,
            title: "Ordenanza sobre ferias libres y comercio en bienes nacionales de uso público",
            vistos: &["Lo dispuesto en los artículos 5° letra c), 12 y 65 letra l) de la Ley N° 18.695, Orgánica Constitucional de Municipalidades; el informe de la Dirección de Desarrollo Comunitario y el informe de la Dirección de Asesoría Jurídica; el acuerdo del Concejo Municipal adoptado en sesión ordinaria;"],
            considerandos: &[
                "Que, corresponde a la municipalidad administrar los bienes nacionales de uso público existentes en la comuna;",
                "Que, las ferias libres de la comuna requieren reglas comunes sobre horarios, limpieza y permisos, que den certeza a los feriantes y a los vecinos;",
            ],
            articles: vec![
                art(Some("Objeto"), "La presente ordenanza regula el funcionamiento de las ferias libres y del comercio en bienes nacionales de uso público de la comuna de San Ramón del Valle.", &[]),
                art(Some("Permisos"), "El ejercicio del comercio en ferias libres requiere permiso municipal precario, personal e intransferible, otorgado por el Departamento de Rentas y Patentes previo informe de la Dirección de Desarrollo Comunitario.", &[]),
                art(Some("Horario"), "Las ferias libres funcionarán los días miércoles y sábado, de 7:00 a 15:00 horas; a las 16:00 horas el espacio deberá quedar limpio y despejado.", &[]),
                art(Some("Fiscalización"), "Corresponderá a los inspectores municipales y a Carabineros de Chile fiscalizar el cumplimiento de esta ordenanza; las infracciones serán conocidas por el Juzgado de Policía Local.", &[]),
            ],
        },
        DemoNorm {
            series: "decreto",
            days_ago: 48,
            title: "Fija el horario de atención de público de la Oficina de Partes",
            vistos: &["Lo dispuesto en la Ley N° 18.695, Orgánica Constitucional de Municipalidades, y la propuesta de la Secretaría Municipal;"],
            considerandos: &[
                "Que, es necesario fijar un horario único de atención de público de la Oficina de Partes, para la recepción de la correspondencia y de las solicitudes de los vecinos;",
            ],
            articles: vec![
                art(None, "FÍJASE el horario de atención de público de la Oficina de Partes de lunes a viernes, de 8:30 a 14:00 horas.", &[]),
                art(None, "Las presentaciones recibidas después de ese horario se entenderán presentadas el día hábil siguiente.", &[]),
            ],
        },
        DemoNorm {
            series: "decreto",
            days_ago: 30,
            title: "Designa Secretario Municipal subrogante",
            vistos: &["Lo dispuesto en los artículos 20 y 63 de la Ley N° 18.695, Orgánica Constitucional de Municipalidades;"],
            considerandos: &[
                "Que, el Secretario Municipal es ministro de fe en todas las actuaciones municipales y es necesario asegurar su subrogación durante su feriado legal;",
            ],
            articles: vec![
                art(None, "DESÍGNASE Secretario Municipal subrogante al Jefe de la Oficina de Partes y Archivo, mientras dure el feriado legal del titular.", &[]),
                art(None, "El subrogante actuará como ministro de fe en las sesiones del Concejo Municipal que se celebren durante ese periodo.", &[]),
            ],
        },
        DemoNorm {
            series: "decreto",
            days_ago: 18,
            title: "Aprueba las bases del fondo concursable para organizaciones comunitarias",
            vistos: &["Lo dispuesto en la Ley N° 18.695, Orgánica Constitucional de Municipalidades; el presupuesto municipal vigente y el informe de la Dirección de Desarrollo Comunitario;"],
            considerandos: &[
                "Que, el presupuesto municipal contempla recursos para apoyar iniciativas de las juntas de vecinos y demás organizaciones comunitarias de la comuna;",
                "Que, las bases aseguran una asignación transparente y por concurso de dichos recursos;",
            ],
            articles: vec![
                art(None, "APRUÉBANSE las bases del fondo concursable para organizaciones comunitarias, que forman parte del presente decreto.", &[]),
                art(None, "ENCOMIÉNDASE a la Dirección de Desarrollo Comunitario la difusión del concurso y la recepción de los proyectos.", &[]),
            ],
        },
        DemoNorm {
            series: "acuerdo",
            days_ago: 12,
            title: "Fija los días y horas de las sesiones ordinarias del Concejo para el primer semestre",
            vistos: &["La propuesta del alcalde y el informe de la Secretaría Municipal;"],
            considerandos: &[
                "Que, el Concejo Municipal fija en su reglamento interno los días y horas de sus sesiones ordinarias, conforme a la Ley N° 18.695;",
            ],
            articles: vec![
                art(None, "FIJAR las sesiones ordinarias del Concejo Municipal para el primer semestre los días jueves primero, segundo y cuarto de cada mes, a las 10:00 horas, en el salón de sesiones.", &[]),
                art(None, "ENCOMENDAR a la Secretaría Municipal la citación de las sesiones y la comunicación del presente acuerdo a los señores concejales.", &[]),
            ],
        },
    ]
}

/// Published as the law asks (ADR 0016): Peru's ordenanza in the judicial-notice newspaper and
/// the portal and its decreto in the newspaper, three days after their date, the decreto
/// regulating the ordenanza; Chile's ordenanza in the Diario Oficial.
async fn validity(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    chile: bool,
    sealed: &[(&str, i64, chrono::NaiveDate)],
) -> Result<()> {
    use super::validity::{publication_add, relation_add, NormPublicationAdd, NormRelationAdd};
    for (series, id, date) in sealed {
        let media: &[&str] = match (*series, chile) {
            ("ordenanza", false) => &["avisos_judiciales", "portal"],
            ("decreto", false) => &["avisos_judiciales"],
            ("ordenanza", true) => &["diario_oficial"],
            _ => &[],
        };
        for medium in media {
            publication_add(
                conn,
                ctx,
                NormPublicationAdd {
                    id: *id,
                    medium: medium.to_string(),
                    published_on: Some(*date + Duration::days(3)),
                    reference: (*medium != "portal").then(|| "Edición 4127, p. 6".to_string()),
                    stated_from: None,
                    file_path: None,
                    file_base64: None,
                    file_name: None,
                },
            )
            .await?;
        }
    }
    let of = |series: &str| sealed.iter().find(|s| s.0 == series).map(|s| s.1);
    if let (false, Some(ordinance), Some(decree)) = (chile, of("ordenanza"), of("decreto")) {
        relation_add(
            conn,
            ctx,
            NormRelationAdd {
                id: decree,
                kind: "reglamenta".into(),
                target_id: Some(ordinance),
                note: Some("empadronamiento de comerciantes".into()),
                until_on: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// Add the demo norms of the municipality's country; returns the first sealed one (the
/// ordenanza).
pub(crate) async fn load(conn: &mut SqliteConnection, ctx: &Ctx) -> Result<Option<i64>> {
    let chile = crate::municipality::country(conn).await? == "CL";
    let mut first = None;
    let mut sealed = Vec::new();
    for d in if chile { chile_norms() } else { norms() } {
        let date = ctx.today - Duration::days(d.days_ago);
        let t = super::template(
            conn,
            ctx,
            NormTemplateParams {
                series: d.series.into(),
                date: Some(ctx.today),
            },
        )
        .await?;
        let mut input: NormInput = t.norm;
        input.date = date;
        input.title = d.title.into();
        input.vistos = s(d.vistos);
        input.considerandos = s(d.considerandos);
        input.articles = d.articles;
        if let Some(issuer) = &mut input.issuer {
            *issuer = issuer.replace(
                "en Sesión Ordinaria de fecha …",
                &format!(
                    "en Sesión Ordinaria de fecha {}",
                    crate::spanish::long_date(date - Duration::days(2), false)
                ),
            );
        }
        if let Some(p) = &mut input.preamble {
            *p = p
                .replace("con el voto …", "con el voto UNÁNIME")
                .replace("por …", "por UNANIMIDAD")
                .replace(
                    "en sesión …",
                    &format!(
                        "en sesión ordinaria de fecha {}",
                        crate::spanish::long_date(date - Duration::days(2), false)
                    ),
                );
        }
        let created = super::create(conn, ctx, input).await?;
        super::seal_norm(conn, ctx, NormId { id: created.id }).await?;
        first.get_or_insert(created.id);
        sealed.push((d.series, created.id, date));
    }
    validity(conn, ctx, chile, &sealed).await?;
    // A draft the clerk is still writing.
    let t = super::template(
        conn,
        ctx,
        NormTemplateParams {
            series: if chile {
                "decreto"
            } else {
                "resolucion-alcaldia"
            }
            .into(),
            date: Some(ctx.today),
        },
    )
    .await?;
    let mut draft = t.norm;
    draft.title = "Aprueba el Plan Anual de Capacitación del personal".into();
    if chile {
        draft.vistos = s(&["Lo dispuesto en la Ley N° 18.695, Orgánica Constitucional de Municipalidades, y la propuesta del Departamento de Personal;"]);
        draft.articles = vec![art(
            None,
            "APRUÉBASE el Plan Anual de Capacitación del personal municipal, que forma parte del presente decreto.",
            &[],
        )];
    } else {
        draft.vistos = s(&["El Informe N° 210-2026-ORH/MDSRQ de la Oficina de Recursos Humanos;"]);
        draft.articles = vec![art(
            None,
            "APROBAR el Plan Anual de Capacitación del personal de la Municipalidad, que como anexo forma parte de la presente resolución.",
            &[],
        )];
    }
    super::create(conn, ctx, draft).await?;

    Ok(first)
}
