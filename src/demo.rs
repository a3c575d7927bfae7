//! The demo municipality: an invented but realistic Peruvian district municipality with its
//! organisation chart, heads of unit, council term (alcalde + 9 regidores, one on licence),
//! numbering series and calendar. Later areas add their own demo data here.

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::org::UnitKind;
use crate::spanish::Gender;
use crate::{council, ids, municipality, numbering, org};

/// Params of `demo.load`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DemoLoad {
    /// Seed for the invented names (default 1): the same seed and date give the same data.
    pub seed: Option<u64>,
    /// Include the last year of council sessions, agreements and actas (default true); without
    /// it the demo has its organisation, council, norms and copies only (for practice).
    pub history: Option<bool>,
}

/// What the demo created.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoSummary {
    /// The municipality.
    pub municipality: municipality::Municipality,
    /// Units created.
    pub units: i64,
    /// People created.
    pub people: i64,
    /// Council members created.
    pub council_members: i64,
    /// Numbering series available.
    pub series: i64,
    /// Printable records (norms and certified copies).
    pub records: i64,
    /// Council sessions of the last year, with agendas, votes, agreements and actas.
    pub sessions: i64,
    /// Activities of the current year's POI (with its PEI and executions to last month).
    pub activities: i64,
    /// Follow-up items (encargos, requests for information, complaints).
    pub followup: i64,
    /// The demo's users (administrator first when the demo created it), each with its role.
    pub users: Vec<DemoUser>,
    /// Their password (the same for all; documented in the README).
    pub password: String,
}

/// A user of the demonstration.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoUser {
    /// Login.
    pub login: String,
    /// Role code.
    pub role: String,
}

/// The password of every user of the demonstration (README, «Usuarios de la demostración»).
pub const DEMO_PASSWORD: &str = "cabildo-demo";

/// A user of the demonstration, ready to sign in with [`DEMO_PASSWORD`]; skipped when an
/// administrator created at first start already took the login.
async fn demo_user(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    login: &str,
    name: &str,
    role: &str,
    unit_id: Option<i64>,
) -> Result<bool> {
    if crate::auth::users::login_taken(conn, login).await? {
        return Ok(false);
    }
    crate::auth::users::create_with(
        conn,
        ctx,
        crate::auth::users::UserCreate {
            login: login.into(),
            name: name.into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![role.into()],
            unit_id,
        },
        false,
    )
    .await?;
    Ok(true)
}

/// (code, name, kind, parent code, head's cargo)
const UNITS: &[(&str, &str, UnitKind, Option<&str>, &str)] = &[
    (
        "CM",
        "Concejo Municipal",
        UnitKind::Gobierno,
        None,
        "Alcalde",
    ),
    ("ALC", "Alcaldía", UnitKind::Gobierno, Some("CM"), "Alcalde"),
    (
        "GM",
        "Gerencia Municipal",
        UnitKind::AltaDireccion,
        Some("ALC"),
        "Gerente Municipal",
    ),
    (
        "OCI",
        "Órgano de Control Institucional",
        UnitKind::Asesoramiento,
        Some("ALC"),
        "Jefe del Órgano de Control Institucional",
    ),
    (
        "PPM",
        "Procuraduría Pública Municipal",
        UnitKind::Asesoramiento,
        Some("ALC"),
        "Procurador Público Municipal",
    ),
    (
        "GAJ",
        "Gerencia de Asesoría Jurídica",
        UnitKind::Asesoramiento,
        Some("GM"),
        "Gerente de Asesoría Jurídica",
    ),
    (
        "GPP",
        "Gerencia de Planeamiento y Presupuesto",
        UnitKind::Asesoramiento,
        Some("GM"),
        "Gerente de Planeamiento y Presupuesto",
    ),
    (
        "SGPM",
        "Subgerencia de Planeamiento y Modernización",
        UnitKind::Asesoramiento,
        Some("GPP"),
        "Subgerente de Planeamiento y Modernización",
    ),
    (
        "SGP",
        "Subgerencia de Presupuesto",
        UnitKind::Asesoramiento,
        Some("GPP"),
        "Subgerente de Presupuesto",
    ),
    (
        "SG",
        "Secretaría General",
        UnitKind::Apoyo,
        Some("ALC"),
        "Secretario General",
    ),
    (
        "SGTDA",
        "Subgerencia de Trámite Documentario y Archivo",
        UnitKind::Apoyo,
        Some("SG"),
        "Subgerente de Trámite Documentario y Archivo",
    ),
    (
        "GAF",
        "Gerencia de Administración y Finanzas",
        UnitKind::Apoyo,
        Some("GM"),
        "Gerente de Administración y Finanzas",
    ),
    (
        "SGC",
        "Subgerencia de Contabilidad",
        UnitKind::Apoyo,
        Some("GAF"),
        "Subgerente de Contabilidad",
    ),
    (
        "SGT",
        "Subgerencia de Tesorería",
        UnitKind::Apoyo,
        Some("GAF"),
        "Subgerente de Tesorería",
    ),
    (
        "SGL",
        "Subgerencia de Logística y Control Patrimonial",
        UnitKind::Apoyo,
        Some("GAF"),
        "Subgerente de Logística y Control Patrimonial",
    ),
    (
        "SGRH",
        "Subgerencia de Recursos Humanos",
        UnitKind::Apoyo,
        Some("GAF"),
        "Subgerente de Recursos Humanos",
    ),
    (
        "OTI",
        "Oficina de Tecnologías de la Información",
        UnitKind::Apoyo,
        Some("GM"),
        "Jefe de la Oficina de Tecnologías de la Información",
    ),
    (
        "OII",
        "Oficina de Imagen Institucional",
        UnitKind::Apoyo,
        Some("ALC"),
        "Jefe de la Oficina de Imagen Institucional",
    ),
    (
        "GAT",
        "Gerencia de Administración Tributaria",
        UnitKind::Linea,
        Some("GM"),
        "Gerente de Administración Tributaria",
    ),
    (
        "GDUR",
        "Gerencia de Desarrollo Urbano y Rural",
        UnitKind::Linea,
        Some("GM"),
        "Gerente de Desarrollo Urbano y Rural",
    ),
    (
        "SGOP",
        "Subgerencia de Obras Públicas",
        UnitKind::Linea,
        Some("GDUR"),
        "Subgerente de Obras Públicas",
    ),
    (
        "SGCHU",
        "Subgerencia de Catastro y Habilitaciones Urbanas",
        UnitKind::Linea,
        Some("GDUR"),
        "Subgerente de Catastro y Habilitaciones Urbanas",
    ),
    (
        "GDEL",
        "Gerencia de Desarrollo Económico Local",
        UnitKind::Linea,
        Some("GM"),
        "Gerente de Desarrollo Económico Local",
    ),
    (
        "GDS",
        "Gerencia de Desarrollo Social",
        UnitKind::Linea,
        Some("GM"),
        "Gerente de Desarrollo Social",
    ),
    (
        "SGPS",
        "Subgerencia de Programas Sociales",
        UnitKind::Linea,
        Some("GDS"),
        "Subgerente de Programas Sociales",
    ),
    (
        "DEMUNA",
        "Defensoría Municipal del Niño y del Adolescente",
        UnitKind::Linea,
        Some("GDS"),
        "Responsable de la DEMUNA",
    ),
    (
        "GSPGA",
        "Gerencia de Servicios Públicos y Gestión Ambiental",
        UnitKind::Linea,
        Some("GM"),
        "Gerente de Servicios Públicos y Gestión Ambiental",
    ),
    (
        "AMQA",
        "Agencia Municipal de Qochapampa Alta",
        UnitKind::Desconcentrado,
        Some("GM"),
        "Agente Municipal de Qochapampa Alta",
    ),
];

/// Given names with the gender their bearer says (every title printed for them agrees).
const GIVEN: &[(&str, Gender)] = &[
    ("Rosa María", Gender::F),
    ("Juan Carlos", Gender::M),
    ("Luz Marina", Gender::F),
    ("José Antonio", Gender::M),
    ("Carmen Rosa", Gender::F),
    ("Luis Alberto", Gender::M),
    ("Ana Lucía", Gender::F),
    ("Jorge Luis", Gender::M),
    ("María Elena", Gender::F),
    ("Víctor Raúl", Gender::M),
    ("Gladys", Gender::F),
    ("Edwin", Gender::M),
    ("Yolanda", Gender::F),
    ("Wilber", Gender::M),
    ("Nelly", Gender::F),
    ("Fredy", Gender::M),
    ("Marleni", Gender::F),
    ("Percy", Gender::M),
    ("Norma", Gender::F),
    ("Hernán", Gender::M),
    ("Teresa", Gender::F),
    ("Rubén", Gender::M),
    ("Sonia", Gender::F),
    ("Efraín", Gender::M),
    ("Maribel", Gender::F),
    ("Alcides", Gender::M),
    ("Delia", Gender::F),
    ("Ronald", Gender::M),
    ("Zenaida", Gender::F),
    ("Iván", Gender::M),
    ("Lucía", Gender::F),
    ("Ñusta Inés", Gender::F),
    ("Óscar", Gender::M),
    ("Úrsula", Gender::F),
];

const SURNAMES: &[&str] = &[
    "Quispe",
    "Mamani",
    "Huamán",
    "Condori",
    "Flores",
    "Rojas",
    "Ccama",
    "Chávez",
    "Núñez",
    "Ramírez",
    "Paucar",
    "Torres",
    "Vargas",
    "Cusi",
    "Apaza",
    "Yupanqui",
    "Sánchez",
    "Gutiérrez",
    "Ticona",
    "Huanca",
    "Cárdenas",
    "Ayala",
    "Peña",
    "Ñahui",
    "Loayza",
    "Salazar",
    "Ortiz",
];

const PARTIES: &[&str] = &[
    "Movimiento Regional Qochapampa Unida",
    "Movimiento Regional Qochapampa Unida",
    "Movimiento Regional Qochapampa Unida",
    "Movimiento Regional Qochapampa Unida",
    "Movimiento Regional Qochapampa Unida",
    "Movimiento Regional Qochapampa Unida",
    "Frente Andino Democrático",
    "Frente Andino Democrático",
    "Alianza Agraria del Sur",
];

const YEAR_NAMES: &[(i64, &str)] = &[
    (2023, "Año de la Unidad, la Paz y el Desarrollo"),
    (2024, "Año del Bicentenario, de la consolidación de nuestra Independencia, y de la conmemoración de las heroicas batallas de Junín y Ayacucho"),
    (2025, "Año de la recuperación y consolidación de la economía peruana"),
];

fn random_dni(rng: &mut StdRng) -> String {
    format!("{:08}", rng.gen_range(10_000_000..80_000_000))
}

async fn new_person(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    rng: &mut StdRng,
) -> Result<org::Person> {
    loop {
        let (given, gender) = GIVEN.choose(rng).expect("names");
        let mut s = SURNAMES.choose_multiple(rng, 2);
        let surnames = format!("{} {}", s.next().expect("2"), s.next().expect("2"));
        let dni = random_dni(rng);
        debug_assert!(ids::validate_dni(&dni).is_ok());
        let user = fold_email(given, &surnames);
        if org::person_known(conn, &dni, given, &surnames).await? {
            continue;
        }
        return org::person_create(
            conn,
            ctx,
            org::OrgPersonCreate {
                doc_type: org::DocType::Dni,
                doc_number: dni,
                given_names: given.to_string(),
                surnames,
                email: Some(format!("{user}@munisantarosa.gob.pe")),
                phone: Some(format!("9{:08}", rng.gen_range(0..100_000_000))),
                gender: Some(*gender),
            },
        )
        .await;
    }
}

fn fold_email(given: &str, surnames: &str) -> String {
    let first = given.split_whitespace().next().unwrap_or("x");
    let last = surnames.split_whitespace().next().unwrap_or("x");
    crate::spanish::fold(&format!(
        "{}{}",
        &first[..first.char_indices().nth(1).map_or(first.len(), |(i, _)| i)],
        last
    ))
}

/// The Peruvian municipal term (4 years, starting 2023, 2027…) that contains `today`.
fn term_around(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = today.year();
    let start = y - (y - 2023).rem_euclid(4);
    (
        NaiveDate::from_ymd_opt(start, 1, 1).expect("valid"),
        NaiveDate::from_ymd_opt(start + 3, 12, 31).expect("valid"),
    )
}

/// `demo.load`: only on a database without a municipality.
pub async fn load(conn: &mut SqliteConnection, ctx: &Ctx, p: DemoLoad) -> Result<DemoSummary> {
    if municipality::find(conn).await?.is_some() {
        return Err(Error::Conflict(
            "Esta base de datos ya tiene una municipalidad; la demostración solo se carga en una base vacía.".into(),
        ));
    }
    let mut rng = StdRng::seed_from_u64(p.seed.unwrap_or(1));
    crate::setup::create(
        conn,
        ctx,
        municipality::MunicipalityCreate {
            name: "Municipalidad Distrital de Santa Rosa de Qochapampa".into(),
            short_name: "MDSRQ".into(),
            country: "PE".into(),
            kind: "distrital".into(),
        },
    )
    .await?;
    let muni = municipality::update(
        conn,
        ctx,
        municipality::MunicipalityUpdate {
            name: "Municipalidad Distrital de Santa Rosa de Qochapampa".into(),
            short_name: "MDSRQ".into(),
            kind: "distrital".into(),
            territorial_code: Some("080915".into()),
            address: Some("Plaza de Armas s/n, Santa Rosa de Qochapampa".into()),
            phone: Some("(084) 512345".into()),
            email: Some("mesadepartes@munisantarosa.gob.pe".into()),
            website: Some("www.munisantarosa.gob.pe".into()),
        },
    )
    .await?;
    for (year, name) in YEAR_NAMES {
        municipality::year_name_set(
            conn,
            ctx,
            municipality::YearName {
                year: *year,
                name: name.to_string(),
            },
        )
        .await?;
    }

    // Council first: the alcalde heads the Concejo and the Alcaldía.
    let (start, end) = term_around(ctx.today);
    let term = council::term_create(
        conn,
        ctx,
        council::CouncilTermCreate {
            name: format!("Periodo de gestión {}-{}", start.year(), end.year()),
            start_date: start,
            end_date: end,
        },
    )
    .await?;
    let alcalde = new_person(conn, ctx, &mut rng).await?;
    council::member_add(
        conn,
        ctx,
        council::CouncilMemberAdd {
            term_id: term.id,
            person_id: alcalde.id,
            role: council::CouncilRole::Alcalde,
            party: PARTIES[0].into(),
            from_date: None,
            to_date: None,
            replaces_member_id: None,
        },
    )
    .await?;
    let mut regidores = Vec::new();
    for party in PARTIES {
        let person = new_person(conn, ctx, &mut rng).await?;
        let m = council::member_add(
            conn,
            ctx,
            council::CouncilMemberAdd {
                term_id: term.id,
                person_id: person.id,
                role: council::CouncilRole::Regidor,
                party: party.to_string(),
                from_date: None,
                to_date: None,
                replaces_member_id: None,
            },
        )
        .await?;
        regidores.push(m);
    }
    // One regidor on licence around today.
    let on_leave = &regidores[4];
    let leave_from = (ctx.today - Duration::days(10)).max(start);
    let leave_to = (ctx.today + Duration::days(20)).min(end);
    council::status_set(
        conn,
        ctx,
        council::CouncilStatusSet {
            member_id: on_leave.id,
            status: council::MemberStatus::Licencia,
            from_date: leave_from,
            to_date: Some(leave_to),
            note: format!(
                "Licencia sin goce de haber concedida por Acuerdo de Concejo N° 041-{}-SO-CM/MDSRQ",
                leave_from.year()
            ),
        },
    )
    .await?;

    let mut codes: Vec<(String, i64)> = Vec::new();
    let mut heads: Vec<(&str, String)> = Vec::new();
    let mut people = 1 + regidores.len() as i64;
    for (code, name, kind, parent, cargo) in UNITS {
        let parent_id =
            parent.and_then(|pc| codes.iter().find(|(c, _)| c == pc).map(|(_, id)| *id));
        let head = if *cargo == "Alcalde" {
            alcalde.clone()
        } else {
            people += 1;
            new_person(conn, ctx, &mut rng).await?
        };
        let unit = org::unit_create(
            conn,
            ctx,
            org::OrgUnitCreate {
                parent_id,
                name: name.to_string(),
                code: code.to_string(),
                kind: *kind,
                head_person_id: Some(head.id),
            },
        )
        .await?;
        let since = start + Duration::days(rng.gen_range(0..200));
        org::position_create(
            conn,
            ctx,
            org::OrgPositionCreate {
                person_id: head.id,
                unit_id: unit.id,
                title: cargo.to_string(),
                start_date: since.min(ctx.today),
                end_date: None,
            },
        )
        .await?;
        codes.push((code.to_string(), unit.id));
        heads.push((code, format!("{} {}", head.given_names, head.surnames)));
    }
    let unit_of = |code: &str| codes.iter().find(|(c, _)| c == code).map(|(_, id)| *id);
    let head_of = |code: &str| {
        heads
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let users = [
        ("gerente", head_of("GM"), "gerente", None),
        ("secretaria", head_of("SG"), "secretaria", None),
        ("planeamiento", head_of("GPP"), "planeamiento", None),
        (
            "jefe.urbano",
            head_of("GDUR"),
            "jefe_unidad",
            unit_of("GDUR"),
        ),
        ("regidor", regidores[0].person_name.clone(), "regidor", None),
        (
            "consulta",
            "Consulta de la demostración".to_string(),
            "consulta",
            None,
        ),
    ];
    let mut demo_users = Vec::new();
    if !crate::auth::users::any_user(conn).await? {
        demo_user(
            conn,
            ctx,
            "admin",
            "Responsable de Informática",
            "administrador",
            None,
        )
        .await?;
        demo_users.push(DemoUser {
            login: "admin".into(),
            role: "administrador".into(),
        });
    }
    for (login, name, role, unit) in users {
        if demo_user(conn, ctx, login, &name, role, unit).await? {
            demo_users.push(DemoUser {
                login: login.into(),
                role: role.into(),
            });
        }
    }
    let series = numbering::series_count(conn).await?;
    crate::records::demo::letterhead(conn, ctx).await?;
    let sessions = if p.history.unwrap_or(true) {
        crate::sessions::demo::load(conn, ctx, p.seed.unwrap_or(1)).await?
    } else {
        0
    };
    // Plans first: their approving resoluciones are dated in earlier years than the demo norms.
    let activities = crate::plans::demo::load(conn, ctx, p.seed.unwrap_or(1)).await?;
    let first_norm = crate::norms::demo::load(conn, ctx).await?;
    let records = crate::copies::demo::load(conn, ctx, first_norm).await?;
    // After the sessions (their acuerdos and pedidos are followed up) and the organisation.
    let followup = Box::pin(crate::followup::demo::load(conn, ctx, p.seed.unwrap_or(1))).await?;
    Ok(DemoSummary {
        municipality: muni,
        units: codes.len() as i64,
        people,
        council_members: 1 + regidores.len() as i64,
        series,
        records,
        sessions,
        activities,
        followup,
        users: demo_users,
        password: DEMO_PASSWORD.into(),
    })
}
