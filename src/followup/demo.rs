//! The demo's follow-up desk: encargos from the year of acuerdos, the pedidos the sessions
//! routed (worked on and answered, some late), ~40 requests for access to information (some
//! extended, corrected, overdue, denied, withdrawn) and ~30 complaints and queries — all dated
//! in the year before the demo's today, through the same functions the screens call. The
//! requesters, matters and references are the municipality's country's ([`Texts`]).

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::SqliteConnection;

use super::access::{
    self, AccessOutcome, AnswerInput, CorrectionAsk, CorrectionReceived, ExtensionInput,
    RequestClose, RequestCreate, Withdrawal,
};
use super::complaints::{self, ComplaintCreate};
use super::items::{self, EncargoCreate, ProgressInput};
use super::Source;
use crate::calendar;
use crate::context::Ctx;
use crate::error::Result;

/// What one country's follow-up desk hears about.
struct Texts {
    requesters: &'static [(&'static str, &'static str)],
    requests: &'static [&'static str],
    complaints: &'static [(&'static str, &'static str)],
    citizens: &'static [&'static str],
    /// Requirements of the Contraloría and instructions of the alcalde and the manager.
    others: [(Source, &'static str, &'static str); 6],
    /// The reference of the alcalde's memos of this week; `{n}` is replaced.
    memo: &'static str,
    address: &'static str,
    email: &'static str,
    phone: &'static str,
}

const PERU: Texts = Texts {
    requesters: REQUESTERS,
    requests: REQUESTS,
    complaints: COMPLAINTS,
    citizens: CITIZENS,
    others: [
        (
            Source::Contraloria,
            "Oficio N° 0456-2026-CG/OCI",
            "Remitir la documentación del proceso de contratación de la obra del mercado",
        ),
        (
            Source::Contraloria,
            "Oficio N° 0512-2026-CG/OCI",
            "Implementar las recomendaciones del informe de control sobre caja chica",
        ),
        (
            Source::Alcaldia,
            "Memorando N° 120-2026-A",
            "Informar el estado de las obras por administración directa",
        ),
        (
            Source::Alcaldia,
            "Memorando N° 134-2026-A",
            "Preparar la campaña de limpieza de drenes antes de la temporada de lluvias",
        ),
        (
            Source::Gerencia,
            "Memorando Múltiple N° 015-2026-GM",
            "Actualizar el inventario de bienes muebles de la unidad",
        ),
        (
            Source::Gerencia,
            "Memorando N° 210-2026-GM",
            "Proponer la modificación del TUPA por simplificación administrativa",
        ),
    ],
    memo: "Memorando N° {n}-2026-A",
    address: "Jr. Bolognesi 245",
    email: "solicitante@correo.pe",
    phone: "Teléfono 951 234 567",
};

const CHILE: Texts = Texts {
    requesters: &[
        ("Francisca Andrea Soto Valenzuela", "12873456-2"),
        ("Matías Ignacio Reyes Carrasco", "15342781-K"),
        ("Junta de Vecinos Villa Los Aromos", "76543210-3"),
        ("Ximena del Carmen Jara Fuentes", "9876543-3"),
        ("Rodrigo Andrés Pizarro Tapia", "17654329-9"),
        ("Diario El Maule", "65123456-5"),
        ("Paulina Cárcamo Huenchumilla", "13456782-1"),
        ("Héctor Figueroa Muñoz", "16789234-5"),
        ("Fundación Ciudadanía Activa", "71234567-5"),
        ("Loreto Vergara Díaz", "10987654-2"),
        ("Joaquín Bravo Sepúlveda", "18234567-9"),
        ("Club Deportivo San Ramón", "65987123-8"),
    ],
    requests: &[
        "Copia del contrato y de los estados de pago de la obra de pavimentación de calle Maipú",
        "Nómina de patentes comerciales otorgadas en el año",
        "Presupuesto municipal vigente y su ejecución al último trimestre",
        "Copia de las actas de las sesiones del Concejo del primer trimestre",
        "Remuneraciones del personal a honorarios del último mes",
        "Órdenes de compra emitidas por montos superiores a 100 UTM",
        "Permisos de edificación otorgados por la Dirección de Obras Municipales en el sector Los Aromos",
        "Copia de la ordenanza sobre ferias libres y sus modificaciones",
        "Gasto en combustible de los vehículos municipales",
        "Nómina de organizaciones beneficiadas con subvenciones municipales",
        "Copia del plan comunal de gestión de residuos vigente",
        "Decretos alcaldicios de nombramiento de directivos del año",
    ],
    complaints: &[
        ("reclamo", "El camión recolector no pasa por la avenida Los Aromos hace dos semanas"),
        ("reclamo", "Luminarias apagadas en el pasaje Los Copihues"),
        ("reclamo", "Demora en el permiso de edificación ingresado hace dos meses"),
        ("reclamo", "Sumidero de aguas lluvia tapado frente a la feria libre"),
        ("reclamo", "Cobro de derechos de aseo de una propiedad ya vendida"),
        ("queja", "Trato descortés en la atención del Departamento de Rentas y Patentes"),
        ("queja", "No se respetó el orden de atención en la Oficina de Partes"),
        ("consulta", "Requisitos para la patente de un almacén de barrio"),
        ("consulta", "Fecha de pago del permiso de circulación y sus cuotas"),
        ("consulta", "Cómo constituir una junta de vecinos o un club deportivo"),
    ],
    citizens: &[
        "Teodoro Riquelme Bravo",
        "Lucía Pérez Ñancupil",
        "Hernán Cortés Araya",
        "Gladys Morales Espinoza",
        "Vecinos del pasaje Los Copihues",
        "Marco Antonio Silva Rojas",
        "Sonia Contreras Vásquez",
    ],
    others: [
        (
            Source::Contraloria,
            "Oficio N° 4.512 de la Contraloría Regional del Maule",
            "Remitir los antecedentes de la licitación de la obra de la feria libre",
        ),
        (
            Source::Contraloria,
            "Oficio N° 4.877 de la Contraloría Regional del Maule",
            "Informar las medidas adoptadas sobre el informe final de la auditoría de fondos por rendir",
        ),
        (
            Source::Alcaldia,
            "Memorándum N° 120 de la Alcaldía",
            "Informar el estado de las obras ejecutadas por administración directa",
        ),
        (
            Source::Alcaldia,
            "Memorándum N° 134 de la Alcaldía",
            "Preparar la limpieza de canales y sumideros antes de las lluvias",
        ),
        (
            Source::Gerencia,
            "Memorándum N° 15 de la Administración Municipal",
            "Actualizar el inventario de bienes muebles de la unidad",
        ),
        (
            Source::Gerencia,
            "Memorándum N° 21 de la Administración Municipal",
            "Proponer la actualización de la ordenanza de derechos municipales",
        ),
    ],
    memo: "Memorándum N° {n} de la Alcaldía",
    address: "Calle Maipú 245",
    email: "solicitante@correo.cl",
    phone: "Teléfono +56 9 5123 4567",
};

const REQUESTERS: &[(&str, &str)] = &[
    ("Rosa Elvira Quispe Mamani", "41236587"),
    ("Juan Carlos Huamán Torres", "40125896"),
    ("Asociación de Vivienda Los Jardines", "20601234567"),
    ("María Fernanda Salas Ccori", "46587412"),
    ("Luis Alberto Ramos Pari", "29658741"),
    ("Diario El Regional", "20456789123"),
    ("Carmen Rosa Apaza Flores", "42365874"),
    ("Pedro Pablo Condori Yupanqui", "43658921"),
    ("Colectivo Vigilancia Ciudadana", "20587412369"),
    ("Ana Lucía Mendoza Ríos", "47852136"),
    ("Jorge Luis Paredes Vilca", "40896521"),
    ("Junta Vecinal Santa Rosa", "20547896321"),
];

const REQUESTS: &[&str] = &[
    "Copia del contrato y las valorizaciones de la obra de pistas y veredas del Jr. Lima",
    "Relación de licencias de funcionamiento otorgadas en el año",
    "Presupuesto institucional de apertura y su ejecución al último trimestre",
    "Copia de las actas de las sesiones de concejo del primer trimestre",
    "Planilla de remuneraciones del personal CAS del último mes",
    "Relación de proveedores con órdenes de servicio mayores a 8 UIT",
    "Informe técnico del expediente de la obra de agua y desagüe del sector Bellavista",
    "Copia de la ordenanza que regula el comercio ambulatorio y sus modificatorias",
    "Gastos en combustible de la flota vehicular municipal",
    "Relación de beneficiarios del programa Vaso de Leche por comité",
    "Copia del plan de manejo de residuos sólidos vigente",
    "Resoluciones de alcaldía sobre designación de funcionarios del año",
];

const COMPLAINTS: &[(&str, &str)] = &[
    (
        "reclamo",
        "El camión recolector no pasa por la Av. Los Incas desde hace dos semanas",
    ),
    (
        "reclamo",
        "Alumbrado público apagado en el pasaje San Martín",
    ),
    (
        "reclamo",
        "Demora en el trámite de licencia de edificación presentado hace dos meses",
    ),
    (
        "reclamo",
        "Buzón de desagüe colapsado frente al mercado central",
    ),
    (
        "reclamo",
        "Cobro indebido de arbitrios de un predio ya transferido",
    ),
    (
        "queja",
        "Trato descortés del personal de la ventanilla de rentas",
    ),
    (
        "queja",
        "No se respetó el orden de atención en la mesa de partes",
    ),
    (
        "consulta",
        "Requisitos para la licencia de funcionamiento de una bodega",
    ),
    (
        "consulta",
        "Fecha de vencimiento del impuesto predial y descuentos por pronto pago",
    ),
    (
        "consulta",
        "Procedimiento para inscribir una organización social de base",
    ),
];

const CITIZENS: &[&str] = &[
    "Teodoro Ccama Huanca",
    "Lucía Pérez Villanueva",
    "Hernán Zapata Loayza",
    "Gladys Mamani Choque",
    "Vecinos del Jr. Ayacucho cuadra 4",
    "Marco Antonio Flores Díaz",
    "Sonia Huarachi Quispe",
];

/// Units that can hold an item: every unit of the organisation, by code.
async fn units(conn: &mut SqliteConnection) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM unit_label ORDER BY code, id")
            .fetch_all(&mut *conn)
            .await?,
    )
}

fn pick<'a, T>(rng: &mut StdRng, xs: &'a [T]) -> &'a T {
    &xs[rng.gen_range(0..xs.len())]
}

/// Load the demo's follow-up desk; returns the number of items made. Each call is boxed: the
/// demo runs deep inside the dispatch, and a debug build's thread stack is 2 MiB.
pub async fn load(conn: &mut SqliteConnection, ctx: &Ctx, seed: u64) -> Result<i64> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_f011);
    let t = if crate::municipality::country(conn).await? == "CL" {
        &CHILE
    } else {
        &PERU
    };
    let units = units(conn).await?;
    if units.is_empty() {
        return Ok(0);
    }
    let cal = calendar::load(conn).await?;
    let today = ctx.today;
    let back = |wd: i64| cal.add_working_days(today, -wd);
    let mut made = 0;

    // Encargos of the year's acuerdos (the demo's sessions adopted them).
    let acuerdos: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, title, date FROM norm_label WHERE kind = 'acuerdo' AND sealed_at IS NOT NULL
         ORDER BY date, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (norm_id, title, date) in acuerdos {
        if !rng.gen_bool(0.7) {
            continue;
        }
        let Ok(given) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
            continue;
        };
        if given > today {
            continue;
        }
        let d = Box::pin(items::create(
            conn,
            ctx,
            EncargoCreate {
                source: Source::Acuerdo,
                norm_id: Some(norm_id),
                source_ref: String::new(),
                subject: format!("Ejecutar el acuerdo: {title}"),
                detail: String::new(),
                unit_id: *pick(&mut rng, &units),
                received_on: Some(given.to_string()),
                due_on: None,
                days: Some(rng.gen_range(10..=30)),
                objective_id: None,
                action_id: None,
            },
        ))
        .await?;
        made += 1;
        work(conn, ctx, &cal, &mut rng, d.item.id, given, &d.item.due_on).await?;
    }

    // The pedidos the sessions routed: the units worked on most of them.
    let pedidos: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, received_on, due_on FROM followup_item WHERE source = 'pedido' ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, received, due) in pedidos {
        let Ok(received) = NaiveDate::parse_from_str(&received, "%Y-%m-%d") else {
            continue;
        };
        if received > today {
            continue;
        }
        work(conn, ctx, &cal, &mut rng, id, received, &due).await?;
    }

    // Requirements of the Contraloría and instructions of the alcalde and the Gerencia.
    for (i, (source, reference, subject)) in t.others.into_iter().enumerate() {
        let given = back(15 + 25 * i as i64);
        let d = Box::pin(items::create(
            conn,
            ctx,
            EncargoCreate {
                source,
                norm_id: None,
                source_ref: reference.into(),
                subject: subject.into(),
                detail: String::new(),
                unit_id: *pick(&mut rng, &units),
                received_on: Some(given.to_string()),
                due_on: None,
                days: Some(if source == Source::Contraloria {
                    10
                } else {
                    20
                }),
                objective_id: None,
                action_id: None,
            },
        ))
        .await?;
        made += 1;
        work(conn, ctx, &cal, &mut rng, d.item.id, given, &d.item.due_on).await?;
    }

    // Two given this week, due in the coming days.
    for (wd, days, subject) in [
        (
            2i64,
            5i64,
            "Informe sobre el estado del alumbrado público del parque principal",
        ),
        (
            1,
            4,
            "Remitir el padrón actualizado de comerciantes del mercado",
        ),
    ] {
        Box::pin(items::create(
            conn,
            ctx,
            EncargoCreate {
                source: Source::Alcaldia,
                norm_id: None,
                source_ref: t.memo.replace("{n}", &(140 + wd).to_string()),
                subject: subject.into(),
                detail: String::new(),
                unit_id: *pick(&mut rng, &units),
                received_on: Some(back(wd).to_string()),
                due_on: None,
                days: Some(days),
                objective_id: None,
                action_id: None,
            },
        ))
        .await?;
        made += 1;
    }

    // About 40 requests for access to information over the last year.
    let correction_days = access::access_rules(conn).await?.correction_days;
    for i in 0..40i64 {
        let filed_wd = 236 - i * 6 - rng.gen_range(0..4);
        let filed_day = back(filed_wd.max(1));
        let hour = if rng.gen_bool(0.15) {
            17
        } else {
            rng.gen_range(8..16)
        };
        let (requester, doc) = *pick(&mut rng, t.requesters);
        let by_mail = rng.gen_bool(0.4);
        let d = Box::pin(access::register(
            conn,
            ctx,
            RequestCreate {
                filed_at: Some(format!("{filed_day}T{hour:02}:{:02}", rng.gen_range(0..60))),
                channel: if by_mail { "correo" } else { "presencial" }.into(),
                requester: requester.into(),
                requester_doc: doc.into(),
                address: if by_mail {
                    String::new()
                } else {
                    t.address.into()
                },
                email: if by_mail {
                    t.email.into()
                } else {
                    String::new()
                },
                phone: String::new(),
                subject: pick(&mut rng, t.requests).to_string(),
                detail: String::new(),
                delivery: if by_mail {
                    "Correo electrónico"
                } else {
                    "Copia simple"
                }
                .into(),
                unit_id: *pick(&mut rng, &units),
            },
        ))
        .await?;
        made += 1;
        let id = d.item.id;
        let received =
            NaiveDate::parse_from_str(&d.item.received_on, "%Y-%m-%d").unwrap_or(filed_day);
        let elapsed = cal.working_days_between(received, today);
        let on = |n: i64| cal.add_working_days(received, n.min(elapsed).max(0));
        if elapsed < 2 {
            continue;
        }
        // Every tenth request in each pattern, so each case is there whatever the seed.
        let case = i % 10;
        if case == 3 {
            // Defective: corrected in time, then answered.
            Box::pin(access::correction(
                conn,
                ctx,
                CorrectionAsk {
                    id,
                    on_date: Some(on(1).to_string()),
                    note: "Precisar el periodo y el documento solicitado".into(),
                },
            ))
            .await?;
            if i == 13 && elapsed > 8 {
                Box::pin(access::close(
                    conn,
                    ctx,
                    RequestClose {
                        id,
                        reason: Withdrawal::NoSubsanada,
                        // Two working days after the time to correct ran out.
                        on_date: Some(on(correction_days + 4).to_string()),
                        note: String::new(),
                    },
                ))
                .await?;
                continue;
            }
            if elapsed < 3 {
                continue;
            }
            Box::pin(access::corrected(
                conn,
                ctx,
                CorrectionReceived {
                    id,
                    filed_at: Some(format!("{}T10:00", on(2))),
                    note: "Precisó el periodo".into(),
                },
            ))
            .await?;
            if elapsed > 12 {
                let when = cal.add_working_days(on(2), rng.gen_range(4..9)).min(today);
                answer(conn, ctx, &mut rng, id, when).await?;
            }
            continue;
        }
        if case == 7 {
            // Extended once, then delivered.
            let peru = !super::chile(conn).await?;
            let due =
                NaiveDate::parse_from_str(d.item.due_on.as_deref().unwrap_or_default(), "%Y-%m-%d")
                    .unwrap_or(today);
            let deliver = cal.add_working_days(due, 7);
            Box::pin(access::extend(
                conn,
                ctx,
                ExtensionInput {
                    id,
                    on_date: Some(on(2).to_string()),
                    reason:
                        "La información se encuentra en el archivo periférico y requiere búsqueda"
                            .into(),
                    deliver_on: peru.then(|| deliver.to_string()),
                },
            ))
            .await?;
            if elapsed > 16 {
                let when = cal.add_working_days(due, rng.gen_range(2..7)).min(today);
                answer(conn, ctx, &mut rng, id, when).await?;
            }
            continue;
        }
        if i % 20 == 5 {
            Box::pin(access::close(
                conn,
                ctx,
                RequestClose {
                    id,
                    reason: Withdrawal::Desistida,
                    on_date: Some(on(3).to_string()),
                    note: String::new(),
                },
            ))
            .await?;
            continue;
        }
        if case == 9 {
            // Left overdue (or still running): the unit has not sent the information.
            continue;
        }
        if elapsed > 10 || rng.gen_bool(0.5) {
            let late = rng.gen_bool(0.12);
            let n = if late {
                rng.gen_range(11..15)
            } else {
                rng.gen_range(3..10)
            };
            answer(conn, ctx, &mut rng, id, on(n)).await?;
        }
    }

    // About 30 complaints, grievances and queries.
    for i in 0..30i64 {
        let filed_day = back((204 - i * 7 - rng.gen_range(0..4)).max(1));
        let (kind, subject) = *pick(&mut rng, t.complaints);
        let d = Box::pin(complaints::register(
            conn,
            ctx,
            ComplaintCreate {
                complaint_type: kind.into(),
                channel: pick(&mut rng, &["presencial", "telefono", "correo", "portal"])
                    .to_string(),
                filed_at: Some(format!("{filed_day}T{:02}:15", rng.gen_range(8..17))),
                citizen: pick(&mut rng, t.citizens).to_string(),
                citizen_doc: String::new(),
                contact: t.phone.into(),
                subject: subject.into(),
                detail: String::new(),
                unit_id: *pick(&mut rng, &units),
            },
        ))
        .await?;
        made += 1;
        let received =
            NaiveDate::parse_from_str(&d.item.received_on, "%Y-%m-%d").unwrap_or(filed_day);
        work(
            conn,
            ctx,
            &cal,
            &mut rng,
            d.item.id,
            received,
            &d.item.due_on,
        )
        .await?;
    }
    Ok(made)
}

/// A request answered on `on`: mostly delivered, some in part, some denied.
async fn answer(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    rng: &mut StdRng,
    id: i64,
    on: NaiveDate,
) -> Result<()> {
    let grounds = access::access_rules(conn).await?.denial_grounds;
    let roll = rng.gen_range(0..100);
    let (outcome, ground) = match roll {
        0..=9 if !grounds.is_empty() => (
            AccessOutcome::Denegada,
            grounds[roll as usize % grounds.len()].clone(),
        ),
        10..=17 if !grounds.is_empty() => (AccessOutcome::EntregadaParcial, grounds[0].clone()),
        _ => (AccessOutcome::Entregada, String::new()),
    };
    Box::pin(access::answer(
        conn,
        ctx,
        AnswerInput {
            id,
            outcome,
            on_date: Some(on.to_string()),
            answer: match outcome {
                AccessOutcome::Denegada => "Se deniega el acceso por la causal indicada.".into(),
                AccessOutcome::EntregadaParcial => {
                    "Se entrega la información disponible; una parte está exceptuada.".into()
                }
                AccessOutcome::Entregada => "Se entrega la información solicitada.".into(),
            },
            denial_ground: ground,
            cost: if outcome != AccessOutcome::Denegada && rng.gen_bool(0.4) {
                format!("{}.{:02}", rng.gen_range(0..6), rng.gen_range(0..100))
            } else {
                String::new()
            },
            file_path: None,
        },
    ))
    .await?;
    Ok(())
}

/// What a unit did with an item: progress, then attended (mostly in time), or still pending.
async fn work(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    cal: &calendar::Calendar,
    rng: &mut StdRng,
    id: i64,
    received: NaiveDate,
    due: &Option<String>,
) -> Result<()> {
    let today = ctx.today;
    let due = due
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or(today);
    let elapsed = cal.working_days_between(received, today);
    if elapsed < 2 {
        return Ok(());
    }
    let roll = rng.gen_range(0..100);
    let first = cal.add_working_days(received, rng.gen_range(1..=elapsed.min(5)));
    if roll < 10 {
        return Ok(());
    }
    Box::pin(items::progress(
        conn,
        ctx,
        ProgressInput {
            id,
            on_date: Some(first.min(today).to_string()),
            note: "Se coordinó con el área y se inició la atención.".into(),
            progress: Some(rng.gen_range(20..60)),
            status: None,
            answer: None,
            file_path: None,
        },
    ))
    .await?;
    if roll < 25 {
        return Ok(());
    }
    let late = rng.gen_bool(0.2);
    let done = if late {
        due + Duration::days(rng.gen_range(3..20))
    } else {
        cal.add_working_days(first, rng.gen_range(1..8)).min(due)
    };
    let done = done.max(first).min(today);
    if done <= first && done == today && rng.gen_bool(0.5) {
        return Ok(());
    }
    Box::pin(items::progress(
        conn,
        ctx,
        ProgressInput {
            id,
            on_date: Some(done.to_string()),
            note: "Atendido; se remitió el informe de la unidad.".into(),
            progress: Some(100),
            status: Some("atendido".into()),
            answer: Some("Se atendió lo encargado y se informó por escrito.".into()),
            file_path: None,
        },
    ))
    .await?;
    Ok(())
}
