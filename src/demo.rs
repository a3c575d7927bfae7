//! The demo municipality, Peruvian or Chilean (docs/adr/0015-chile.md, «The Chilean demo»):
//! an invented municipality with its organisation chart, heads of unit, council term (Peru:
//! alcalde + 9 regidores; Chile: alcalde + 6 concejales; one member on licence), numbering
//! series and calendar. One structure, the data of each country in a [`Flavour`]; every area
//! adds its own demo data (in the country's terms) through its `demo` module.

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
    /// Country of the invented municipality: `PE` (default: a district of Cusco) or `CL` (a
    /// comuna of the Maule).
    pub country: Option<String>,
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

/// (code, name, kind, parent code, head's cargo); the cargo "Alcalde" is the alcalde's.
type Unit = (
    &'static str,
    &'static str,
    UnitKind,
    Option<&'static str>,
    &'static str,
);

const UNITS: &[Unit] = &[
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

/// A Chilean comuna's Direcciones and their Departamentos and Secciones (Ley 18.695 arts.
/// 15–31): Secretaría Municipal, SECPLAN, DIDECO, DOM, DAF, Tránsito, Control, Jurídica, Aseo y
/// Ornato, and the Juzgado de Policía Local.
const CL_UNITS: &[Unit] = &[
    (
        "CM",
        "Concejo Municipal",
        UnitKind::Concejo,
        None,
        "Alcalde",
    ),
    ("ALC", "Alcaldía", UnitKind::Alcaldia, Some("CM"), "Alcalde"),
    (
        "AM",
        "Administración Municipal",
        UnitKind::Direccion,
        Some("ALC"),
        "Administrador Municipal",
    ),
    (
        "SM",
        "Secretaría Municipal",
        UnitKind::Direccion,
        Some("ALC"),
        "Secretario Municipal",
    ),
    (
        "OP",
        "Oficina de Partes y Archivo",
        UnitKind::Seccion,
        Some("SM"),
        "Jefe de la Oficina de Partes y Archivo",
    ),
    (
        "SECPLAN",
        "Secretaría Comunal de Planificación",
        UnitKind::Direccion,
        Some("ALC"),
        "Secretario Comunal de Planificación",
    ),
    (
        "DAJ",
        "Dirección de Asesoría Jurídica",
        UnitKind::Direccion,
        Some("ALC"),
        "Director de Asesoría Jurídica",
    ),
    (
        "DC",
        "Dirección de Control",
        UnitKind::Direccion,
        Some("ALC"),
        "Director de Control",
    ),
    (
        "JPL",
        "Juzgado de Policía Local",
        UnitKind::Juzgado,
        Some("ALC"),
        "Juez de Policía Local",
    ),
    (
        "DIDECO",
        "Dirección de Desarrollo Comunitario",
        UnitKind::Direccion,
        Some("AM"),
        "Director de Desarrollo Comunitario",
    ),
    (
        "DSOC",
        "Departamento Social",
        UnitKind::Departamento,
        Some("DIDECO"),
        "Jefe del Departamento Social",
    ),
    (
        "OOCC",
        "Oficina de Organizaciones Comunitarias",
        UnitKind::Seccion,
        Some("DIDECO"),
        "Encargado de Organizaciones Comunitarias",
    ),
    (
        "OMIL",
        "Oficina Municipal de Intermediación Laboral",
        UnitKind::Seccion,
        Some("DIDECO"),
        "Encargado de la OMIL",
    ),
    (
        "DOM",
        "Dirección de Obras Municipales",
        UnitKind::Direccion,
        Some("AM"),
        "Director de Obras Municipales",
    ),
    (
        "DOM-EDIF",
        "Departamento de Edificación",
        UnitKind::Departamento,
        Some("DOM"),
        "Jefe del Departamento de Edificación",
    ),
    (
        "DOM-INSP",
        "Departamento de Inspección",
        UnitKind::Departamento,
        Some("DOM"),
        "Jefe del Departamento de Inspección",
    ),
    (
        "DAF",
        "Dirección de Administración y Finanzas",
        UnitKind::Direccion,
        Some("AM"),
        "Director de Administración y Finanzas",
    ),
    (
        "DAF-TES",
        "Departamento de Tesorería",
        UnitKind::Departamento,
        Some("DAF"),
        "Tesorero Municipal",
    ),
    (
        "DAF-REN",
        "Departamento de Rentas y Patentes",
        UnitKind::Departamento,
        Some("DAF"),
        "Jefe del Departamento de Rentas y Patentes",
    ),
    (
        "DAF-PER",
        "Departamento de Personal",
        UnitKind::Departamento,
        Some("DAF"),
        "Jefe del Departamento de Personal",
    ),
    (
        "DAF-INF",
        "Sección de Informática",
        UnitKind::Seccion,
        Some("DAF"),
        "Encargado de Informática",
    ),
    (
        "DTT",
        "Dirección de Tránsito y Transporte Público",
        UnitKind::Direccion,
        Some("AM"),
        "Director de Tránsito y Transporte Público",
    ),
    (
        "DMAO",
        "Dirección de Medio Ambiente, Aseo y Ornato",
        UnitKind::Direccion,
        Some("AM"),
        "Director de Medio Ambiente, Aseo y Ornato",
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

const CL_GIVEN: &[(&str, Gender)] = &[
    ("Francisca", Gender::F),
    ("Matías", Gender::M),
    ("Camila", Gender::F),
    ("Sebastián", Gender::M),
    ("Javiera", Gender::F),
    ("Cristóbal", Gender::M),
    ("Valentina", Gender::F),
    ("Rodrigo", Gender::M),
    ("Constanza", Gender::F),
    ("Felipe", Gender::M),
    ("Catalina", Gender::F),
    ("Ignacio", Gender::M),
    ("Daniela", Gender::F),
    ("Patricio", Gender::M),
    ("María José", Gender::F),
    ("Gonzalo", Gender::M),
    ("Paulina", Gender::F),
    ("Claudio", Gender::M),
    ("Marcela", Gender::F),
    ("Andrés", Gender::M),
    ("Macarena", Gender::F),
    ("Héctor", Gender::M),
    ("Ximena", Gender::F),
    ("Juan Pablo", Gender::M),
    ("Carolina", Gender::F),
    ("Tomás", Gender::M),
    ("Loreto", Gender::F),
    ("Joaquín", Gender::M),
];

const CL_SURNAMES: &[&str] = &[
    "González",
    "Muñoz",
    "Rojas",
    "Díaz",
    "Soto",
    "Contreras",
    "Silva",
    "Sepúlveda",
    "Morales",
    "Fuentes",
    "Araya",
    "Espinoza",
    "Valenzuela",
    "Tapia",
    "Reyes",
    "Pizarro",
    "Vásquez",
    "Carrasco",
    "Cortés",
    "Jara",
    "Vergara",
    "Figueroa",
    "Riquelme",
    "Bravo",
    "Huenchumilla",
    "Cárcamo",
    "Ñancupil",
];

const CL_PARTIES: &[&str] = &[
    "Pacto Unidos por San Ramón",
    "Pacto Unidos por San Ramón",
    "Pacto Unidos por San Ramón",
    "Independientes por el Valle",
    "Independientes por el Valle",
    "Pacto Maule Sur",
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

/// What differs between the Peruvian and the Chilean demo municipality.
struct Flavour {
    country: &'static str,
    kind: &'static str,
    name: &'static str,
    short_name: &'static str,
    territorial_code: &'static str,
    address: &'static str,
    phone: &'static str,
    email: &'static str,
    website: &'static str,
    /// Domain of the staff's e-mail addresses.
    mail: &'static str,
    year_names: &'static [(i64, &'static str)],
    units: &'static [Unit],
    given: &'static [(&'static str, Gender)],
    surnames: &'static [&'static str],
    /// One council member per party (the alcalde's is the first).
    parties: &'static [&'static str],
    /// First day of a municipal term; terms last four years from it.
    first_term: (i32, u32, u32),
    /// The note of the licence of one member; `{year}` is replaced.
    leave_note: &'static str,
    /// The unit of the demo users «gerente», «secretaria», «planeamiento» and «jefe.urbano».
    user_units: [&'static str; 4],
    /// The subtitle of the letterhead.
    letterhead: &'static str,
}

const PERU: Flavour = Flavour {
    country: "PE",
    kind: "distrital",
    name: "Municipalidad Distrital de Santa Rosa de Qochapampa",
    short_name: "MDSRQ",
    territorial_code: "080915",
    address: "Plaza de Armas s/n, Santa Rosa de Qochapampa",
    phone: "(084) 512345",
    email: "mesadepartes@munisantarosa.gob.pe",
    website: "www.munisantarosa.gob.pe",
    mail: "munisantarosa.gob.pe",
    year_names: YEAR_NAMES,
    units: UNITS,
    given: GIVEN,
    surnames: SURNAMES,
    parties: PARTIES,
    first_term: (2023, 1, 1),
    leave_note:
        "Licencia sin goce de haber concedida por Acuerdo de Concejo N° 041-{year}-SO-CM/MDSRQ",
    user_units: ["GM", "SG", "GPP", "GDUR"],
    letterhead: "Provincia de Quispicanchi — Región Cusco",
};

const CHILE: Flavour = Flavour {
    country: "CL",
    kind: "comuna",
    name: "Ilustre Municipalidad de San Ramón del Valle",
    short_name: "IMSRV",
    territorial_code: "07412",
    address: "Avenida Bernardo O'Higgins 450, San Ramón del Valle",
    phone: "+56 71 2 345 600",
    email: "oficinadepartes@sanramondelvalle.cl",
    website: "www.sanramondelvalle.cl",
    mail: "sanramondelvalle.cl",
    year_names: &[],
    units: CL_UNITS,
    given: CL_GIVEN,
    surnames: CL_SURNAMES,
    parties: CL_PARTIES,
    first_term: (2024, 12, 6),
    leave_note:
        "Permiso concedido por acuerdo del Concejo Municipal adoptado en sesión ordinaria de {year}",
    user_units: ["AM", "SM", "SECPLAN", "DOM"],
    letterhead: "Provincia de Talca — Región del Maule",
};

/// A Peruvian DNI (8 digits) or a Chilean RUN with its check digit.
fn random_id(rng: &mut StdRng, chile: bool) -> String {
    if chile {
        let n = rng.gen_range(8_000_000..22_000_000u32);
        format!("{n}-{}", ids::run_check_digit(n))
    } else {
        format!("{:08}", rng.gen_range(10_000_000..80_000_000))
    }
}

async fn new_person(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    rng: &mut StdRng,
    f: &Flavour,
) -> Result<org::Person> {
    let chile = f.country == "CL";
    loop {
        let (given, gender) = f.given.choose(rng).expect("names");
        let mut s = f.surnames.choose_multiple(rng, 2);
        let surnames = format!("{} {}", s.next().expect("2"), s.next().expect("2"));
        let id = random_id(rng, chile);
        debug_assert!(if chile {
            ids::validate_run(&id).is_ok()
        } else {
            ids::validate_dni(&id).is_ok()
        });
        let user = fold_email(given, &surnames);
        if org::person_known(conn, &id, given, &surnames).await? {
            continue;
        }
        let mobile = rng.gen_range(0..100_000_000);
        return org::person_create(
            conn,
            ctx,
            org::OrgPersonCreate {
                doc_type: if chile {
                    org::DocType::Run
                } else {
                    org::DocType::Dni
                },
                doc_number: id,
                given_names: given.to_string(),
                surnames,
                email: Some(format!("{user}@{}", f.mail)),
                phone: Some(if chile {
                    format!("+56 9 {:04} {:04}", mobile / 10_000, mobile % 10_000)
                } else {
                    format!("9{mobile:08}")
                }),
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

/// The municipal term (4 years from `first`: Peru 1 January 2023, 2027…; Chile 6 December
/// 2024, 2028…) that contains `today`.
fn term_around(today: NaiveDate, (y0, m, d): (i32, u32, u32)) -> (NaiveDate, NaiveDate) {
    let on = |y: i32| NaiveDate::from_ymd_opt(y, m, d).expect("valid");
    let mut start = today.year() - (today.year() - y0).rem_euclid(4);
    if on(start) > today {
        start -= 4;
    }
    (on(start), on(start + 4) - Duration::days(1))
}

/// `demo.load`: only on a database without a municipality.
pub async fn load(conn: &mut SqliteConnection, ctx: &Ctx, p: DemoLoad) -> Result<DemoSummary> {
    if municipality::find(conn).await?.is_some() {
        return Err(Error::Conflict(
            "Esta base de datos ya tiene una municipalidad; la demostración solo se carga en una base vacía.".into(),
        ));
    }
    let f = match p.country.as_deref().map(str::trim) {
        None | Some("") | Some("PE") => &PERU,
        Some("CL") => &CHILE,
        Some(other) => {
            return Err(Error::field(
                "country",
                format!("«{other}» no es un país de la demostración: PE (Perú) o CL (Chile)."),
            ))
        }
    };
    let chile = f.country == "CL";
    let mut rng = StdRng::seed_from_u64(p.seed.unwrap_or(1));
    crate::setup::create(
        conn,
        ctx,
        municipality::MunicipalityCreate {
            name: f.name.into(),
            short_name: f.short_name.into(),
            country: f.country.into(),
            kind: f.kind.into(),
        },
    )
    .await?;
    let muni = municipality::update(
        conn,
        ctx,
        municipality::MunicipalityUpdate {
            name: f.name.into(),
            short_name: f.short_name.into(),
            kind: f.kind.into(),
            territorial_code: Some(f.territorial_code.into()),
            address: Some(f.address.into()),
            phone: Some(f.phone.into()),
            email: Some(f.email.into()),
            website: Some(f.website.into()),
        },
    )
    .await?;
    for (year, name) in f.year_names {
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
    let (start, end) = term_around(ctx.today, f.first_term);
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
    let alcalde = new_person(conn, ctx, &mut rng, f).await?;
    council::member_add(
        conn,
        ctx,
        council::CouncilMemberAdd {
            term_id: term.id,
            person_id: alcalde.id,
            role: council::CouncilRole::Alcalde,
            party: f.parties[0].into(),
            from_date: None,
            to_date: None,
            replaces_member_id: None,
        },
    )
    .await?;
    let mut regidores = Vec::new();
    for party in f.parties {
        let person = new_person(conn, ctx, &mut rng, f).await?;
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
            note: f
                .leave_note
                .replace("{year}", &leave_from.year().to_string()),
        },
    )
    .await?;

    let mut codes: Vec<(String, i64)> = Vec::new();
    let mut heads: Vec<(&str, String)> = Vec::new();
    let mut people = 1 + regidores.len() as i64;
    for (code, name, kind, parent, cargo) in f.units {
        let parent_id =
            parent.and_then(|pc| codes.iter().find(|(c, _)| c == pc).map(|(_, id)| *id));
        let head = if *cargo == "Alcalde" {
            alcalde.clone()
        } else {
            people += 1;
            new_person(conn, ctx, &mut rng, f).await?
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
    let [manager, secretary, planning, works] = f.user_units;
    let users = [
        ("gerente", head_of(manager), "gerente", None),
        ("secretaria", head_of(secretary), "secretaria", None),
        ("planeamiento", head_of(planning), "planeamiento", None),
        ("jefe.urbano", head_of(works), "jefe_unidad", unit_of(works)),
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
    crate::records::demo::letterhead(conn, ctx, f.letterhead).await?;
    let sessions = if p.history.unwrap_or(true) {
        crate::sessions::demo::load(conn, ctx, p.seed.unwrap_or(1)).await?
    } else {
        0
    };
    // Plans first: their approving resoluciones are dated in earlier years than the demo norms.
    // The plans' demo is a Peruvian PEI and POI (CEPLAN): a Chilean PLADECO is not invented.
    let activities = if chile {
        0
    } else {
        crate::plans::demo::load(conn, ctx, p.seed.unwrap_or(1)).await?
    };
    let first_norm = crate::norms::demo::load(conn, ctx).await?;
    let records = crate::copies::demo::load(conn, ctx, first_norm).await?;
    // After the norms and the plans, whose approving resoluciones the PEI's versions cite.
    crate::instruments::demo::load(conn, ctx).await?;
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
