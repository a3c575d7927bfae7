//! A year of council sessions for the demo municipality: the rule set's minimum of ordinary
//! sessions a month (Peru two: second and fourth Thursday; Chile three; moved past holidays)
//! and a few extraordinary ones, each with its agenda (tabla), attendance, nominal votes,
//! agreements, and its acta approved and sealed in the next session, in the Libro de Actas
//! N° 01. The matters are written for the municipality's country ([`Texts`]).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::SqliteConnection;

use super::vote::Ballot;
use super::*;
use crate::context::Ctx;
use crate::error::Result;

/// What the sessions of one country's demo talk about.
struct Texts {
    matters: &'static [(&'static str, &'static str, &'static str)],
    reports: &'static [&'static str],
    /// A pedido / incidente and the code of the unit it is routed to.
    requests: &'static [(&'static str, &'static str)],
    place: &'static str,
    /// The correspondence read in every ordinary session and who received it.
    letter: (&'static str, &'static str),
    secretariat: &'static str,
    reporter: &'static str,
    member: &'static str,
    entrust: &'static str,
    /// The comisiones' second matter and who filed their matters.
    commission: (&'static str, &'static str),
}

const PERU: Texts = Texts {
    matters: MATTERS,
    reports: REPORTS,
    requests: REQUESTS,
    place: "Salón consistorial del Palacio Municipal",
    letter: (
        "Oficio de la Municipalidad Provincial sobre el plan vial",
        "Mesa de Partes",
    ),
    secretariat: "Secretaría General",
    reporter: "Gerencia Municipal",
    member: "Regidor",
    entrust: "ENCARGAR a la Gerencia Municipal y a las unidades competentes el cumplimiento del presente acuerdo.",
    commission: (
        "Expediente de licencias de funcionamiento para bodegas",
        "Gerencia de Desarrollo Económico",
    ),
};

const CHILE: Texts = Texts {
    matters: &[
        ("Proyecto de ordenanza sobre el uso de bienes nacionales de uso público para ferias libres", "proyecto de ordenanza", "Dirección de Desarrollo Comunitario"),
        ("Aprobación de la modificación presupuestaria N° 4 del área municipal", "modificación presupuestaria", "Dirección de Administración y Finanzas"),
        ("Otorgamiento de subvención a la Unión Comunal de Juntas de Vecinos", "subvención", "Alcaldía"),
        ("Aprobación del convenio con el Gobierno Regional del Maule para el programa de pavimentación participativa", "convenio", "Secretaría Comunal de Planificación"),
        ("Comodato del inmueble municipal de calle Maipú a la Junta de Vecinos Villa Los Aromos", "comodato", "Dirección de Asesoría Jurídica"),
        ("Renovación de patentes de alcoholes del segundo semestre", "patentes de alcoholes", "Departamento de Rentas y Patentes"),
        ("Aprobación del Plan Comunal de Seguridad Pública", "plan comunal", "Secretaría Comunal de Planificación"),
        ("Fijación de las sesiones ordinarias del Concejo para el próximo semestre", "acuerdo", "Secretaría Municipal"),
    ],
    reports: &[
        "Cuenta del alcalde sobre el avance de las obras del primer trimestre",
        "Cuenta del alcalde sobre la ejecución presupuestaria informada por la Dirección de Administración y Finanzas",
        "Cuenta del alcalde sobre el programa de reciclaje de la Dirección de Medio Ambiente, Aseo y Ornato",
    ],
    requests: &[
        ("Solicitud de información sobre el estado del camión recolector", "DMAO"),
        ("Solicitud de reparación del alumbrado público de la avenida Los Aromos", "DOM"),
        ("Solicitud de fiscalización del comercio ambulante en la feria libre", "DAF-REN"),
    ],
    place: "Salón de sesiones del Concejo Municipal",
    letter: (
        "Carta de la Junta de Vecinos Villa Los Aromos sobre la plaza del sector",
        "Oficina de Partes",
    ),
    secretariat: "Secretaría Municipal",
    reporter: "Alcaldía",
    member: "Concejal",
    entrust: "ENCOMENDAR a la Administración Municipal y a las Direcciones competentes la ejecución del presente acuerdo.",
    commission: (
        "Solicitudes de patentes comerciales de almacenes de barrio",
        "Dirección de Desarrollo Comunitario",
    ),
};

const MATTERS: &[(&str, &str, &str)] = &[
    ("Proyecto de ordenanza que regula el uso de la vía pública para ferias", "proyecto de ordenanza", "Comisión de Desarrollo Económico"),
    ("Dictamen sobre la exoneración de arbitrios a los comedores populares", "dictamen", "Comisión de Economía y Presupuesto"),
    ("Moción para declarar de interés local la festividad de la Virgen del Carmen", "moción", "Regidora de Turismo"),
    ("Proyecto de acuerdo que aprueba el convenio con el Gobierno Regional para riego tecnificado", "proyecto de acuerdo", "Gerencia Municipal"),
    ("Dictamen sobre la donación de un terreno para el puesto de salud de Qochapampa Alta", "dictamen", "Comisión de Infraestructura"),
    ("Proyecto de acuerdo que autoriza el viaje del alcalde a Lima", "proyecto de acuerdo", "Alcaldía"),
    ("Dictamen sobre el Plan Local de Seguridad Ciudadana", "dictamen", "Comisión de Seguridad Ciudadana"),
    ("Moción de saludo a la Institución Educativa N° 50512 por su aniversario", "moción", "Regidor de Educación"),
];

const REPORTS: &[&str] = &[
    "Informe de la Gerencia Municipal sobre el avance de las obras del primer trimestre",
    "Informe de la Oficina de Planeamiento sobre la ejecución del presupuesto",
    "Informe de la Subgerencia de Gestión Ambiental sobre la recolección selectiva",
];

const REQUESTS: &[(&str, &str)] = &[
    (
        "Pedido de información sobre el estado del camión compactador",
        "GM",
    ),
    (
        "Pedido de mantenimiento del alumbrado de la avenida Señor de Huanca",
        "GDUR",
    ),
    (
        "Pedido de fiscalización de los puestos del mercado de abastos",
        "GDEL",
    ),
];

fn nth_thursday(year: i32, month: u32, n: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Thu, n as u8)
        .expect("a month has four Thursdays")
}

/// A time of day of the demo's sessions.
fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a time of day")
}

fn add(
    stage: &str,
    title: &str,
    kind: &str,
    by: &str,
    filed: NaiveDate,
    majority: &str,
) -> AgendaInput {
    AgendaInput {
        stage: stage.into(),
        title: title.into(),
        summary: String::new(),
        item_kind: kind.into(),
        filed_by: by.into(),
        filed_on: Some(filed.to_string()),
        majority: Some(majority.into()),
        unit_id: None,
        minutes_of: None,
        carried_from: None,
    }
}

impl AgendaInput {
    fn approving_minutes_of(mut self, session: i64) -> Self {
        self.minutes_of = Some(session);
        self
    }
    fn routed_to(mut self, unit: Option<i64>) -> Self {
        self.unit_id = unit;
        self
    }
}

/// Add the demo's sessions (up to two weeks before `ctx.today`); returns how many.
pub(crate) async fn load(conn: &mut SqliteConnection, ctx: &Ctx, seed: u64) -> Result<i64> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5e55_1011);
    let chile = crate::municipality::country(conn).await? == "CL";
    let t = if chile { &CHILE } else { &PERU };
    // The rule set's minimum of ordinary sessions a month, on that many Thursdays.
    let per_month = crate::rules::load(conn)
        .await?
        .value("sessions.ordinary_min_per_month")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(2)
        .clamp(1, 4);
    let mut thursdays = [2, 4, 1, 3][..per_month].to_vec();
    thursdays.sort_unstable();
    let cal = crate::calendar::load(conn).await?;
    let term_start = crate::council::terms(conn)
        .await?
        .iter()
        .map(|t| t.start_date)
        .min()
        .ok_or_else(|| {
            crate::Error::Conflict("La demostración necesita un periodo de gestión.".into())
        })?;
    let last_day = ctx.today - Duration::days(14);
    let first_day = (ctx.today - Duration::days(330)).max(term_start);
    let mut dates: Vec<(NaiveDate, SessionKind)> = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(first_day.year(), first_day.month(), 1).expect("date");
    while month <= last_day {
        for &n in &thursdays {
            let d = cal.on_or_after(nth_thursday(month.year(), month.month(), n));
            if d >= first_day && d <= last_day {
                dates.push((d, SessionKind::Ordinaria));
            }
        }
        if month.month().is_multiple_of(4) {
            let d =
                cal.on_or_after(nth_thursday(month.year(), month.month(), 3) + Duration::days(1));
            if d >= first_day && d <= last_day {
                dates.push((d, SessionKind::Extraordinaria));
            }
        }
        month = if month.month() == 12 {
            NaiveDate::from_ymd_opt(month.year() + 1, 1, 1).expect("date")
        } else {
            NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1).expect("date")
        };
    }
    dates.sort_by_key(|(d, k)| (*d, k.as_str()));
    if dates.is_empty() {
        return Ok(0);
    }
    let units = crate::org::unit_codes(conn).await?;
    let unit = |code: &str| units.iter().find(|(_, c)| c == code).map(|(id, _)| *id);
    minutes::book_open(
        conn,
        ctx,
        minutes::BookOpen {
            date: Some(dates[0].0),
            folios: 300,
        },
    )
    .await?;
    let mut pending: Vec<i64> = Vec::new();
    let mut count = 0;
    for (date, kind) in dates {
        let created = create(
            conn,
            ctx,
            SessionCreate {
                kind,
                date,
                time: if kind == SessionKind::Ordinaria {
                    hm(10, 0)
                } else {
                    hm(16, 0)
                },
                place: t.place.into(),
                body_id: None,
                mode: Some("presencial".into()),
            },
        )
        .await?;
        let id = created.session.id;
        let lead = if kind == SessionKind::Extraordinaria {
            7
        } else {
            4
        };
        let convened = cal.add_working_days(date, -lead);
        let filed = cal.add_working_days(date, -(lead + 2));
        let mut items = Vec::new();
        if kind == SessionKind::Ordinaria {
            for p in pending.drain(..) {
                items.push(
                    add(
                        "acta_anterior",
                        "Aprobación del acta de una sesión anterior",
                        "acta",
                        t.secretariat,
                        filed,
                        "simple",
                    )
                    .approving_minutes_of(p),
                );
            }
        }
        if kind == SessionKind::Ordinaria {
            items.push(add(
                "despacho",
                t.letter.0,
                if chile { "carta" } else { "oficio" },
                t.letter.1,
                filed,
                "simple",
            ));
            items.push(add(
                "informes",
                t.reports[rng.gen_range(0..t.reports.len())],
                if chile { "cuenta" } else { "informe" },
                t.reporter,
                filed,
                "simple",
            ));
            let (title, u) = t.requests[rng.gen_range(0..t.requests.len())];
            let kind_item = if chile { "incidente" } else { "pedido" };
            items.push(
                add("pedidos", title, kind_item, t.member, date, "simple").routed_to(unit(u)),
            );
        }
        let first = rng.gen_range(0..t.matters.len());
        for k in 0..2 {
            let (title, kind_item, by) = t.matters[(first + k) % t.matters.len()];
            let majority = if title.contains("donación") {
                "two_thirds_legal"
            } else {
                "simple"
            };
            items.push(add("orden_del_dia", title, kind_item, by, filed, majority));
        }
        for it in items {
            agenda_add(
                conn,
                ctx,
                AgendaAdd {
                    session_id: id,
                    item: it,
                },
            )
            .await?;
        }
        let d = convene(
            conn,
            ctx,
            SessionConvene {
                id,
                convened_on: Some(convened),
                requesters: vec![],
            },
        )
        .await?;
        for m in &d.members {
            let received = format!(
                "{} {:02}:{:02}",
                convened,
                rng.gen_range(9..17),
                rng.gen_range(0..60)
            );
            record_receipt(
                conn,
                &SessionReceipt {
                    session_id: id,
                    member_id: m.member_id,
                    received_by: m.name.clone(),
                    received_at: received,
                },
            )
            .await?;
        }
        for m in d.members.iter().filter(|m| m.able) {
            let roll = rng.gen_range(0..100);
            let (status, note) = match roll {
                0..=5 => ("ausente", ""),
                6..=10 => ("justificada", "Comisión de servicio"),
                _ => ("presente", ""),
            };
            let status = if m.role == "alcalde" {
                "presente"
            } else {
                status
            };
            attendance_set(
                conn,
                ctx,
                AttendanceSet {
                    session_id: id,
                    member_id: m.member_id,
                    status: status.into(),
                    arrival: (status == "presente").then(|| {
                        format!(
                            "{}:{:02}",
                            if kind == SessionKind::Ordinaria {
                                "09"
                            } else {
                                "15"
                            },
                            rng.gen_range(45..60)
                        )
                    }),
                    departure: None,
                    note: note.into(),
                },
            )
            .await?;
        }
        let d = start(
            conn,
            ctx,
            SessionClock {
                id,
                time: if kind == SessionKind::Ordinaria {
                    hm(10, 5)
                } else {
                    hm(16, 5)
                },
            },
        )
        .await?;
        for it in d
            .agenda
            .iter()
            .filter(|i| matches!(i.stage, Stage::ActaAnterior | Stage::OrdenDelDia))
        {
            let present: Vec<i64> = d
                .members
                .iter()
                .filter(|m| m.status == "presente" && m.role != "alcalde")
                .map(|m| m.member_id)
                .collect();
            // In Chile a tie is voted again and then in a new session (art. 86): the demo's
            // concejo does not tie (one vote against at most).
            let against = if it.stage == Stage::ActaAnterior {
                0
            } else if chile {
                rng.gen_range(0..2)
            } else {
                rng.gen_range(0..3)
            };
            let ballots: Vec<BallotInput> = present
                .iter()
                .take(against)
                .map(|m| BallotInput {
                    member_id: *m,
                    ballot: if rng.gen_bool(0.5) {
                        Ballot::EnContra
                    } else {
                        Ballot::Abstencion
                    },
                })
                .collect();
            if let Some(first) = present.first() {
                if it.stage == Stage::OrdenDelDia {
                    intervention_add(conn, ctx, InterventionAdd { item_id: it.id, member_id: Some(*first), speaker: None, text: "Solicita que se precisen los plazos y el responsable de su ejecución.".into() }).await?;
                }
            }
            let vote = |casting| VoteCast {
                item_id: it.id,
                all: Some(Ballot::AFavor),
                ballots: ballots.clone(),
                casting,
            };
            let mut r = cast(conn, ctx, vote(None)).await?;
            if r.outcome.decision == vote::Decision::EmpateVotoDirimente {
                // A tie: the alcalde breaks it in favour.
                r = cast(conn, ctx, vote(Some(Ballot::AFavor))).await?;
            }
            if it.stage == Stage::OrdenDelDia && r.item.decision.as_deref() == Some("aprobado") {
                adopt(
                    conn,
                    ctx,
                    VoteAdopt {
                        item_id: it.id,
                        articles: vec![format!("APROBAR: {}.", it.title), t.entrust.into()],
                    },
                )
                .await?;
            }
        }
        conclude(
            conn,
            ctx,
            SessionClock {
                id,
                time: if kind == SessionKind::Ordinaria {
                    hm(12, 30)
                } else {
                    hm(17, 40)
                },
            },
        )
        .await?;
        minutes::generate(conn, ctx, minutes::MinutesId { session_id: id }).await?;
        pending.push(id);
        count += 1;
    }
    count += commissions(conn, ctx, &cal, last_day, t).await?;
    Ok(count)
}

/// Two comisiones of three members (sharing one in a smaller concejo); the first met twice in
/// the last weeks (its first acta approved in the second session, the second still a draft).
async fn commissions(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    cal: &crate::calendar::Calendar,
    last_day: NaiveDate,
    t: &Texts,
) -> Result<i64> {
    let term = crate::council::term_on(conn, ctx.today).await?;
    let Some(term) = term else { return Ok(0) };
    let first = cal.on_or_after(last_day - Duration::days(21));
    let second = cal.on_or_after(last_day - Duration::days(7));
    let able: Vec<i64> = crate::council::members_on(conn, term, ctx.today)
        .await?
        .into_iter()
        .filter(|m| m.role == "regidor" && m.able)
        .map(|m| m.id)
        .collect();
    let mut ok = Vec::new();
    for id in able {
        let mut fine = true;
        for d in [first, second] {
            fine &= crate::council::members_on(conn, term, d)
                .await?
                .iter()
                .any(|m| m.id == id && m.able);
        }
        if fine {
            ok.push(id);
        }
    }
    if ok.len() < 4 {
        return Ok(0);
    }
    let roles = ["presidente", "vicepresidente", "miembro"];
    let mut created = Vec::new();
    for (n, name) in [
        "Comisión de Desarrollo Económico",
        "Comisión de Infraestructura y Obras",
    ]
    .iter()
    .enumerate()
    {
        let b = bodies::create(
            conn,
            ctx,
            bodies::BodyCreate {
                name: name.to_string(),
                kind: None,
                officials: vec![],
                abbreviation: None,
                members: ok[(n * 3).min(ok.len() - 3)..][..3]
                    .iter()
                    .zip(roles)
                    .map(|(id, role)| bodies::BodyMemberInput {
                        member_id: *id,
                        role: role.into(),
                    })
                    .collect(),
            },
        )
        .await?;
        created.push(b);
    }
    let body = &created[0];
    let mut previous: Option<i64> = None;
    for date in [first, second] {
        let d = create(
            conn,
            ctx,
            SessionCreate {
                kind: SessionKind::Ordinaria,
                date,
                time: hm(9, 0),
                place: "Sala de comisiones".into(),
                mode: Some("presencial".into()),
                body_id: Some(body.id),
            },
        )
        .await?;
        let id = d.session.id;
        let filed = cal.add_working_days(date, -5);
        let mut items = Vec::new();
        if let Some(p) = previous {
            items.push(
                add(
                    "acta_anterior",
                    "Aprobación del acta de la sesión anterior",
                    "acta",
                    "Presidencia de la comisión",
                    filed,
                    "simple",
                )
                .approving_minutes_of(p),
            );
        }
        items.push(add(
            "orden_del_dia",
            if previous.is_none() {
                "Proyecto de ordenanza que regula el uso de la vía pública para ferias"
            } else {
                t.commission.0
            },
            "proyecto de ordenanza",
            t.commission.1,
            filed,
            "simple",
        ));
        for it in items {
            agenda_add(
                conn,
                ctx,
                AgendaAdd {
                    session_id: id,
                    item: it,
                },
            )
            .await?;
        }
        let d = convene(
            conn,
            ctx,
            SessionConvene {
                id,
                convened_on: Some(cal.add_working_days(date, -3)),
                requesters: vec![],
            },
        )
        .await?;
        for m in &d.members {
            attendance_set(
                conn,
                ctx,
                AttendanceSet {
                    session_id: id,
                    member_id: m.member_id,
                    status: "presente".into(),
                    arrival: Some("08:55".into()),
                    departure: None,
                    note: String::new(),
                },
            )
            .await?;
        }
        let d = start(conn, ctx, SessionClock { id, time: hm(9, 5) }).await?;
        for it in &d.agenda {
            cast(
                conn,
                ctx,
                VoteCast {
                    item_id: it.id,
                    all: Some(Ballot::AFavor),
                    ballots: vec![],
                    casting: None,
                },
            )
            .await?;
        }
        conclude(
            conn,
            ctx,
            SessionClock {
                id,
                time: hm(10, 15),
            },
        )
        .await?;
        minutes::generate(conn, ctx, minutes::MinutesId { session_id: id }).await?;
        previous = Some(id);
    }
    Ok(2)
}
