//! The demo municipality's plans: a PEI of six years (6 OEI, 20 AEI, an indicator each with
//! baseline, expected and obtained values), approved by a resolución de alcaldía; the POI of
//! the current year with about 120 activities over the units, approved, reprogrammed once in
//! the middle of the year, and executed up to last month with realistic shortfalls, comments,
//! late reports and units that have not reported yet.

use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::SqliteConnection;

use super::execution::closes_on;
use super::operational::{self, ActivitySave, OperationalCreate, OperationalKind};
use super::quantity::Typed;
use super::store;
use super::strategic::{self, ActionSave, ExpectedInput, IndicatorSave, Measure, ObjectiveKind};
use crate::context::Ctx;
use crate::error::Result;

/// (statement, responsible unit, indicator, its measure, baseline, value expected at the end)
type Element = (&'static str, &'static str, &'static str, Measure, f64, f64);

const OBJECTIVES: &[(&str, ObjectiveKind, Element)] = &[
    ("OEI.01", ObjectiveKind::I, ("Mejorar la calidad de los servicios públicos locales para la población del distrito", "GSPGA", "Porcentaje de la población satisfecha con los servicios públicos locales", Measure::Porcentaje, 38.0, 70.0)),
    ("OEI.02", ObjectiveKind::I, ("Promover el desarrollo económico local sostenible del distrito", "GDEL", "Número de unidades productivas formalizadas en el distrito", Measure::Numero, 310.0, 520.0)),
    ("OEI.03", ObjectiveKind::I, ("Mejorar las condiciones de salud, nutrición e inclusión de la población vulnerable del distrito", "GDS", "Tasa de anemia en niñas y niños de 6 a 35 meses", Measure::Tasa, 41.5, 24.0)),
    ("OEI.04", ObjectiveKind::I, ("Mejorar la infraestructura urbana y el ordenamiento territorial del distrito", "GDUR", "Porcentaje de vías urbanas en buen estado de conservación", Measure::Porcentaje, 32.0, 60.0)),
    ("OEI.05", ObjectiveKind::I, ("Reducir la vulnerabilidad de la población ante el riesgo de desastres", "GDUR", "Porcentaje de la población en zonas de riesgo alto no mitigable", Measure::Porcentaje, 18.0, 9.0)),
    ("OEI.06", ObjectiveKind::II, ("Fortalecer la gestión institucional de la municipalidad", "GM", "Índice de cumplimiento de la gestión institucional", Measure::Indice, 0.52, 0.80)),
];

/// (objective, code, element)
const ACTIONS: &[(&str, &str, Element)] = &[
    (
        "OEI.01",
        "AEI.01.01",
        (
            "Servicio de limpieza pública continuo en beneficio de la población del distrito",
            "GSPGA",
            "Porcentaje de residuos sólidos dispuestos adecuadamente",
            Measure::Porcentaje,
            45.0,
            85.0,
        ),
    ),
    (
        "OEI.01",
        "AEI.01.02",
        (
            "Áreas verdes mantenidas de manera permanente en beneficio de la población",
            "GSPGA",
            "Metros cuadrados de áreas verdes por habitante",
            Measure::Ratio,
            2.1,
            4.0,
        ),
    ),
    (
        "OEI.01",
        "AEI.01.03",
        (
            "Servicio de serenazgo integral en beneficio de la población del distrito",
            "GSPGA",
            "Número de patrullajes integrados realizados",
            Measure::Cantidad,
            420.0,
            900.0,
        ),
    ),
    (
        "OEI.01",
        "AEI.01.04",
        (
            "Fiscalización municipal oportuna de los establecimientos del distrito",
            "GAT",
            "Porcentaje de establecimientos fiscalizados",
            Measure::Porcentaje,
            20.0,
            55.0,
        ),
    ),
    (
        "OEI.02",
        "AEI.02.01",
        (
            "Asistencia técnica integral a los productores agropecuarios del distrito",
            "GDEL",
            "Número de productores asistidos técnicamente",
            Measure::Numero,
            150.0,
            480.0,
        ),
    ),
    (
        "OEI.02",
        "AEI.02.02",
        (
            "Licencias de funcionamiento otorgadas de manera oportuna a los emprendedores",
            "GDEL",
            "Días promedio para otorgar una licencia de funcionamiento",
            Measure::Numero,
            15.0,
            5.0,
        ),
    ),
    (
        "OEI.02",
        "AEI.02.03",
        (
            "Ferias y mercados promovidos en beneficio de los productores locales",
            "GDEL",
            "Número de ferias agropecuarias realizadas",
            Measure::Cantidad,
            6.0,
            18.0,
        ),
    ),
    (
        "OEI.02",
        "AEI.02.04",
        (
            "Promoción turística continua de los atractivos del distrito",
            "GDEL",
            "Tasa de variación anual de visitantes",
            Measure::TasaVariacion,
            2.0,
            8.0,
        ),
    ),
    (
        "OEI.03",
        "AEI.03.01",
        (
            "Programas alimentarios focalizados en beneficio de la población vulnerable",
            "SGPS",
            "Porcentaje de beneficiarios focalizados correctamente",
            Measure::Porcentaje,
            61.0,
            90.0,
        ),
    ),
    (
        "OEI.03",
        "AEI.03.02",
        (
            "Atención integral oportuna a niñas, niños y adolescentes en la DEMUNA",
            "DEMUNA",
            "Número de casos atendidos por la DEMUNA",
            Measure::Cantidad,
            140.0,
            260.0,
        ),
    ),
    (
        "OEI.03",
        "AEI.03.03",
        (
            "Acciones de prevención de la anemia en beneficio de niñas y niños menores de 36 meses",
            "GDS",
            "Porcentaje de niñas y niños con visita domiciliaria oportuna",
            Measure::Porcentaje,
            35.0,
            80.0,
        ),
    ),
    (
        "OEI.04",
        "AEI.04.01",
        (
            "Infraestructura vial mantenida en beneficio de la población del distrito",
            "SGOP",
            "Kilómetros de vías mantenidas",
            Measure::Cantidad,
            12.0,
            40.0,
        ),
    ),
    (
        "OEI.04",
        "AEI.04.02",
        (
            "Licencias de edificación otorgadas oportunamente a los ciudadanos",
            "SGCHU",
            "Días promedio para otorgar una licencia de edificación",
            Measure::Numero,
            30.0,
            15.0,
        ),
    ),
    (
        "OEI.04",
        "AEI.04.03",
        (
            "Catastro urbano actualizado en beneficio de la población",
            "SGCHU",
            "Porcentaje de predios catastrados",
            Measure::Porcentaje,
            22.0,
            70.0,
        ),
    ),
    (
        "OEI.05",
        "AEI.05.01",
        (
            "Plan de prevención y reducción del riesgo de desastres implementado en el distrito",
            "GDUR",
            "Porcentaje de acciones del plan implementadas",
            Measure::Porcentaje,
            10.0,
            75.0,
        ),
    ),
    (
        "OEI.05",
        "AEI.05.02",
        (
            "Capacitación en gestión del riesgo de desastres a la población organizada",
            "GDUR",
            "Número de personas capacitadas",
            Measure::Numero,
            300.0,
            1500.0,
        ),
    ),
    (
        "OEI.06",
        "AEI.06.01",
        (
            "Gestión administrativa y financiera eficiente de la municipalidad",
            "GAF",
            "Porcentaje de ejecución presupuestal de inversiones",
            Measure::Porcentaje,
            58.0,
            90.0,
        ),
    ),
    (
        "OEI.06",
        "AEI.06.02",
        (
            "Recaudación tributaria eficiente en beneficio de la municipalidad",
            "GAT",
            "Porcentaje de morosidad del impuesto predial",
            Measure::Porcentaje,
            48.0,
            25.0,
        ),
    ),
    (
        "OEI.06",
        "AEI.06.03",
        (
            "Gobierno digital implementado en la municipalidad",
            "OTI",
            "Número de trámites en línea disponibles",
            Measure::Cantidad,
            2.0,
            25.0,
        ),
    ),
    (
        "OEI.06",
        "AEI.06.04",
        (
            "Transparencia y atención oportuna a la ciudadanía",
            "SG",
            "Porcentaje de solicitudes de información atendidas en plazo",
            Measure::Porcentaje,
            72.0,
            98.0,
        ),
    ),
];

/// An activity of the demo: name, unit of measure, monthly quantity, annual budget in soles.
type DemoActivity = (&'static str, &'static str, f64, i64);

/// Per unit: the action its activities serve and its activities.
const ACTIVITIES: &[(&str, &str, &[DemoActivity])] = &[
    (
        "ALC",
        "AEI.06.04",
        &[
            (
                "Audiencias públicas de rendición de cuentas",
                "Audiencia",
                0.25,
                12_000,
            ),
            (
                "Atención de la agenda del despacho de alcaldía",
                "Informe",
                1.0,
                48_000,
            ),
            (
                "Coordinación con entidades del gobierno nacional y regional",
                "Reunión",
                3.0,
                15_000,
            ),
            (
                "Atención de audiencias vecinales del alcalde",
                "Audiencia",
                8.0,
                6_000,
            ),
        ],
    ),
    (
        "GM",
        "AEI.06.01",
        &[
            (
                "Conducción de la gestión administrativa institucional",
                "Informe",
                1.0,
                96_000,
            ),
            (
                "Seguimiento de los acuerdos de concejo",
                "Informe",
                1.0,
                8_000,
            ),
            (
                "Supervisión del Plan Operativo Institucional",
                "Reporte",
                1.0,
                6_000,
            ),
            (
                "Reuniones de coordinación con las gerencias",
                "Reunión",
                4.0,
                3_000,
            ),
        ],
    ),
    (
        "OCI",
        "AEI.06.01",
        &[
            ("Servicios de control simultáneo", "Informe", 2.0, 40_000),
            ("Servicios relacionados de control", "Informe", 1.0, 20_000),
            (
                "Seguimiento de la implementación de recomendaciones",
                "Reporte",
                1.0,
                6_000,
            ),
            (
                "Verificación de la publicación de información en el portal",
                "Informe",
                0.25,
                3_000,
            ),
        ],
    ),
    (
        "PPM",
        "AEI.06.01",
        &[
            (
                "Defensa judicial de los intereses de la municipalidad",
                "Expediente",
                12.0,
                60_000,
            ),
            (
                "Conciliaciones y arbitrajes atendidos",
                "Expediente",
                2.0,
                18_000,
            ),
            (
                "Informes del estado de los procesos judiciales",
                "Informe",
                1.0,
                2_000,
            ),
            (
                "Procesos de recuperación de deudas a favor de la municipalidad",
                "Expediente",
                3.0,
                8_000,
            ),
        ],
    ),
    (
        "GAJ",
        "AEI.06.01",
        &[
            ("Emisión de informes legales", "Informe", 25.0, 72_000),
            (
                "Revisión de proyectos de normas municipales",
                "Proyecto",
                6.0,
                12_000,
            ),
            (
                "Asesoría legal a las unidades orgánicas",
                "Consulta",
                20.0,
                9_000,
            ),
            (
                "Saneamiento legal de predios municipales",
                "Predio",
                1.0,
                14_000,
            ),
        ],
    ),
    (
        "GPP",
        "AEI.06.01",
        &[
            (
                "Formulación y evaluación del presupuesto institucional",
                "Documento",
                1.0,
                45_000,
            ),
            (
                "Seguimiento del Plan Estratégico Institucional",
                "Reporte",
                0.5,
                8_000,
            ),
            (
                "Evaluación de la ejecución presupuestal",
                "Informe",
                1.0,
                10_000,
            ),
            (
                "Actualización de documentos de gestión",
                "Documento",
                0.5,
                15_000,
            ),
        ],
    ),
    (
        "SGPM",
        "AEI.06.01",
        &[
            (
                "Actualización del Texto Único de Procedimientos Administrativos",
                "Documento",
                0.25,
                20_000,
            ),
            (
                "Simplificación de procedimientos administrativos",
                "Procedimiento",
                1.0,
                12_000,
            ),
            (
                "Elaboración de directivas internas",
                "Directiva",
                1.0,
                6_000,
            ),
            (
                "Seguimiento de la ejecución de inversiones (Invierte.pe)",
                "Reporte",
                1.0,
                9_000,
            ),
        ],
    ),
    (
        "SGP",
        "AEI.06.01",
        &[
            (
                "Programación de la ejecución presupuestal mensual",
                "Informe",
                1.0,
                14_000,
            ),
            (
                "Certificaciones de crédito presupuestario",
                "Certificación",
                60.0,
                9_000,
            ),
            ("Modificaciones presupuestarias", "Resolución", 4.0, 4_000),
            (
                "Conciliación del marco presupuestal con la DGPP",
                "Acta",
                0.5,
                2_000,
            ),
        ],
    ),
    (
        "SG",
        "AEI.06.04",
        &[
            (
                "Organización de las sesiones del concejo municipal",
                "Sesión",
                2.0,
                36_000,
            ),
            (
                "Registro y publicación de normas municipales",
                "Norma",
                8.0,
                18_000,
            ),
            (
                "Atención de solicitudes de acceso a la información pública",
                "Solicitud",
                12.0,
                6_000,
            ),
            (
                "Custodia y actualización del Libro de Actas",
                "Acta",
                2.0,
                3_000,
            ),
            (
                "Certificación de copias de normas y actas",
                "Copia",
                30.0,
                2_000,
            ),
        ],
    ),
    (
        "SGTDA",
        "AEI.06.04",
        &[
            (
                "Recepción y registro de documentos en mesa de partes",
                "Documento",
                900.0,
                30_000,
            ),
            (
                "Organización del archivo central",
                "Metro lineal",
                4.0,
                16_000,
            ),
            (
                "Transferencia documental de los archivos de gestión",
                "Transferencia",
                1.0,
                5_000,
            ),
            (
                "Digitalización de expedientes del archivo central",
                "Expediente",
                150.0,
                18_000,
            ),
        ],
    ),
    (
        "GAF",
        "AEI.06.01",
        &[
            (
                "Conducción de los sistemas administrativos",
                "Informe",
                1.0,
                60_000,
            ),
            (
                "Control patrimonial de bienes muebles e inmuebles",
                "Inventario",
                0.25,
                22_000,
            ),
            (
                "Elaboración de estados financieros",
                "Estado financiero",
                0.25,
                18_000,
            ),
            (
                "Saneamiento contable de cuentas por cobrar",
                "Informe",
                0.25,
                6_000,
            ),
        ],
    ),
    (
        "SGC",
        "AEI.06.01",
        &[
            (
                "Registro contable de operaciones",
                "Registro",
                1_200.0,
                24_000,
            ),
            ("Conciliaciones bancarias", "Conciliación", 6.0, 6_000),
            (
                "Presentación de información financiera a la DGCP",
                "Reporte",
                1.0,
                4_000,
            ),
            ("Arqueos de caja sorpresivos", "Arqueo", 1.0, 1_500),
        ],
    ),
    (
        "SGT",
        "AEI.06.01",
        &[
            ("Pago oportuno a proveedores", "Comprobante", 250.0, 20_000),
            ("Custodia de valores y cartas fianza", "Informe", 1.0, 3_000),
            ("Flujo de caja mensual", "Reporte", 1.0, 2_000),
            (
                "Recaudación diaria en caja y depósitos en bancos",
                "Reporte",
                22.0,
                12_000,
            ),
        ],
    ),
    (
        "SGL",
        "AEI.06.01",
        &[
            (
                "Ejecución del Plan Anual de Contrataciones",
                "Proceso",
                4.0,
                48_000,
            ),
            (
                "Órdenes de compra y de servicio emitidas",
                "Orden",
                120.0,
                30_000,
            ),
            ("Control del almacén central", "Inventario", 1.0, 12_000),
            (
                "Mantenimiento de la flota vehicular municipal",
                "Vehículo",
                4.0,
                45_000,
            ),
        ],
    ),
    (
        "SGRH",
        "AEI.06.01",
        &[
            (
                "Elaboración de planillas de remuneraciones",
                "Planilla",
                3.0,
                36_000,
            ),
            (
                "Capacitación del personal municipal",
                "Persona capacitada",
                15.0,
                40_000,
            ),
            (
                "Evaluación del desempeño del personal",
                "Informe",
                0.25,
                8_000,
            ),
            ("Control de asistencia y legajos", "Reporte", 1.0, 4_000),
            (
                "Seguridad y salud en el trabajo: exámenes médicos",
                "Trabajador",
                20.0,
                18_000,
            ),
        ],
    ),
    (
        "OTI",
        "AEI.06.03",
        &[
            (
                "Implementación de trámites en línea",
                "Trámite",
                1.0,
                60_000,
            ),
            (
                "Soporte técnico a las unidades orgánicas",
                "Atención",
                80.0,
                25_000,
            ),
            (
                "Mantenimiento del portal institucional y de transparencia",
                "Actualización",
                4.0,
                9_000,
            ),
            ("Copias de seguridad de los sistemas", "Copia", 20.0, 6_000),
        ],
    ),
    (
        "OII",
        "AEI.06.04",
        &[
            (
                "Difusión de actividades institucionales",
                "Nota de prensa",
                12.0,
                30_000,
            ),
            (
                "Organización de ceremonias y actos protocolares",
                "Evento",
                2.0,
                24_000,
            ),
            (
                "Atención al ciudadano en la plataforma de orientación",
                "Atención",
                300.0,
                10_000,
            ),
            (
                "Publicación de la revista institucional",
                "Edición",
                0.25,
                14_000,
            ),
        ],
    ),
    (
        "GAT",
        "AEI.06.02",
        &[
            (
                "Emisión de la declaración jurada y cuponera del impuesto predial",
                "Cuponera",
                250.0,
                28_000,
            ),
            (
                "Cobranza ordinaria de tributos municipales",
                "Notificación",
                150.0,
                20_000,
            ),
            (
                "Fiscalización tributaria de predios",
                "Predio fiscalizado",
                40.0,
                32_000,
            ),
            (
                "Fiscalización de establecimientos comerciales",
                "Establecimiento",
                30.0,
                18_000,
            ),
            (
                "Campañas de amnistía y orientación tributaria",
                "Campaña",
                0.25,
                9_000,
            ),
            (
                "Atención de reclamos tributarios",
                "Expediente",
                10.0,
                5_000,
            ),
        ],
    ),
    (
        "GDUR",
        "AEI.05.01",
        &[
            (
                "Evaluación de riesgo en zonas vulnerables",
                "Informe",
                2.0,
                35_000,
            ),
            (
                "Simulacros de sismo y de lluvias intensas",
                "Simulacro",
                0.25,
                8_000,
            ),
            (
                "Capacitación en gestión del riesgo a juntas vecinales",
                "Persona capacitada",
                40.0,
                15_000,
            ),
            (
                "Atención de emergencias por desastres",
                "Emergencia atendida",
                2.0,
                50_000,
            ),
            (
                "Inspecciones técnicas de seguridad en edificaciones",
                "Inspección",
                12.0,
                16_000,
            ),
        ],
    ),
    (
        "SGOP",
        "AEI.04.01",
        &[
            (
                "Mantenimiento rutinario de vías vecinales",
                "Kilómetro",
                2.0,
                180_000,
            ),
            (
                "Supervisión de obras por administración directa",
                "Informe",
                3.0,
                45_000,
            ),
            (
                "Elaboración de expedientes técnicos",
                "Expediente técnico",
                0.5,
                90_000,
            ),
            (
                "Liquidación de obras concluidas",
                "Liquidación",
                0.5,
                12_000,
            ),
            ("Mantenimiento de locales municipales", "Local", 1.0, 30_000),
            (
                "Mantenimiento de alumbrado en espacios públicos",
                "Punto de luz",
                15.0,
                22_000,
            ),
        ],
    ),
    (
        "SGCHU",
        "AEI.04.02",
        &[
            (
                "Otorgamiento de licencias de edificación",
                "Licencia",
                8.0,
                20_000,
            ),
            (
                "Levantamiento catastral de predios urbanos",
                "Predio",
                120.0,
                60_000,
            ),
            (
                "Certificados de parámetros urbanísticos",
                "Certificado",
                10.0,
                5_000,
            ),
            (
                "Control urbano de construcciones",
                "Inspección",
                25.0,
                14_000,
            ),
        ],
    ),
    (
        "GDEL",
        "AEI.02.01",
        &[
            (
                "Asistencia técnica a productores agropecuarios",
                "Productor",
                30.0,
                70_000,
            ),
            (
                "Otorgamiento de licencias de funcionamiento",
                "Licencia",
                15.0,
                12_000,
            ),
            ("Organización de ferias agropecuarias", "Feria", 1.0, 36_000),
            ("Promoción turística del distrito", "Campaña", 0.5, 24_000),
            (
                "Capacitación a emprendedores locales",
                "Persona capacitada",
                20.0,
                15_000,
            ),
        ],
    ),
    (
        "GDS",
        "AEI.03.03",
        &[
            (
                "Visitas domiciliarias para la prevención de la anemia",
                "Visita",
                200.0,
                54_000,
            ),
            ("Sesiones demostrativas de alimentos", "Sesión", 6.0, 18_000),
            (
                "Promoción del deporte y la recreación",
                "Evento",
                2.0,
                30_000,
            ),
            (
                "Atención a personas con discapacidad (OMAPED)",
                "Persona atendida",
                25.0,
                15_000,
            ),
            (
                "Campeonatos deportivos interbarrios",
                "Campeonato",
                0.25,
                12_000,
            ),
        ],
    ),
    (
        "SGPS",
        "AEI.03.01",
        &[
            (
                "Distribución de raciones del Programa de Vaso de Leche",
                "Ración",
                9_000.0,
                240_000,
            ),
            (
                "Supervisión de comedores populares",
                "Supervisión",
                12.0,
                10_000,
            ),
            (
                "Empadronamiento de beneficiarios de programas sociales",
                "Beneficiario",
                60.0,
                8_000,
            ),
            (
                "Atención a adultos mayores (CIAM)",
                "Persona atendida",
                80.0,
                20_000,
            ),
            (
                "Registro de organizaciones sociales de base",
                "Organización",
                2.0,
                3_000,
            ),
        ],
    ),
    (
        "DEMUNA",
        "AEI.03.02",
        &[
            (
                "Atención de casos de niñas, niños y adolescentes",
                "Caso",
                18.0,
                24_000,
            ),
            (
                "Conciliaciones extrajudiciales de alimentos",
                "Acta",
                8.0,
                4_000,
            ),
            (
                "Charlas de prevención de la violencia familiar",
                "Charla",
                4.0,
                6_000,
            ),
            (
                "Visitas de seguimiento a casos en riesgo",
                "Visita",
                10.0,
                5_000,
            ),
        ],
    ),
    (
        "GSPGA",
        "AEI.01.01",
        &[
            (
                "Recolección y transporte de residuos sólidos",
                "Tonelada",
                480.0,
                420_000,
            ),
            (
                "Barrido de calles y espacios públicos",
                "Kilómetro",
                600.0,
                180_000,
            ),
            (
                "Mantenimiento de parques y jardines",
                "Metro cuadrado",
                25_000.0,
                96_000,
            ),
            ("Patrullaje de serenazgo", "Patrullaje", 60.0, 150_000),
            (
                "Segregación en la fuente y recolección selectiva",
                "Vivienda",
                350.0,
                30_000,
            ),
            (
                "Educación ambiental en instituciones educativas",
                "Taller",
                2.0,
                9_000,
            ),
        ],
    ),
    (
        "AMQA",
        "AEI.01.03",
        &[
            (
                "Atención de servicios en el centro poblado de Qochapampa Alta",
                "Atención",
                40.0,
                24_000,
            ),
            (
                "Mantenimiento de caminos del centro poblado",
                "Kilómetro",
                1.0,
                30_000,
            ),
            ("Registro civil en el centro poblado", "Acta", 10.0, 6_000),
            (
                "Limpieza pública del centro poblado",
                "Tonelada",
                12.0,
                18_000,
            ),
        ],
    ),
];

/// Activities that serve another action than their unit's usual one: (name starts with, action).
const OTHER_ACTION: &[(&str, &str)] = &[
    ("Mantenimiento de parques", "AEI.01.02"),
    ("Patrullaje de serenazgo", "AEI.01.03"),
    ("Fiscalización de establecimientos", "AEI.01.04"),
    ("Otorgamiento de licencias de funcionamiento", "AEI.02.02"),
    ("Organización de ferias", "AEI.02.03"),
    ("Promoción turística", "AEI.02.04"),
    ("Levantamiento catastral", "AEI.04.03"),
    ("Capacitación en gestión del riesgo", "AEI.05.02"),
    ("Simulacros", "AEI.05.02"),
    ("Implementación de trámites", "AEI.06.03"),
];

/// Units that fall short all year, and units that do not report last month.
const SHORT: &[&str] = &["SGOP", "GDEL", "SGCHU", "OTI"];
const SILENT: &[&str] = &["SGOP", "AMQA", "PPM"];
const LATE: &[&str] = &["GDS", "SGL"];

const SHORTFALL: &[&str] = &[
    "Retraso en el proceso de contratación del servicio por observaciones a las bases.",
    "Las lluvias intensas impidieron el trabajo de campo durante dos semanas.",
    "Menor disponibilidad presupuestal por menor recaudación de recursos directamente recaudados.",
    "El personal asignado fue destacado a la atención de la emergencia.",
    "Se esperó la conformidad del área usuaria para continuar con la actividad.",
];
const DONE: &[&str] = &[
    "Actividad ejecutada conforme a lo programado.",
    "Se atendió la demanda del mes; se adjuntan los reportes en el expediente.",
];

fn expected_path(base: f64, goal: f64, years: i64, step: i64) -> f64 {
    let v = base + (goal - base) * (step as f64 + 1.0) / years as f64;
    (v * 100.0).round() / 100.0
}

/// Load the demo plans; returns the number of activities of the POI.
pub(crate) async fn load(conn: &mut SqliteConnection, ctx: &Ctx, seed: u64) -> Result<i64> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x9e37_79b9);
    let year = ctx.today.year() as i64;
    let labels = store::unit_labels(conn).await?;
    let unit = |code: &str| -> Option<i64> {
        labels
            .iter()
            .find(|(_, (c, _))| c == code)
            .map(|(id, _)| *id)
    };
    let Some(gm) = unit("GM") else {
        return Ok(0);
    };

    // The PEI.
    let (first, last) = (year - 1, year + 4);
    let pei = strategic::create(
        conn,
        ctx,
        strategic::StrategicCreate {
            name: format!("PEI {first}-{last}"),
            first_year: first,
            last_year: last,
            mission: "Brindar servicios públicos de calidad y promover el desarrollo integral, \
                      sostenible e inclusivo del distrito, con una gestión transparente y \
                      participativa."
                .to_string(),
        },
    )
    .await?
    .plan
    .id;
    let years = last - first + 1;
    let indicator = |objective_id, action_id, e: &Element| {
        let (_, _, name, measure, base, goal) = *e;
        IndicatorSave {
            objective_id,
            action_id,
            id: None,
            name: name.to_string(),
            measure,
            method: format!("{name}: valor medido al cierre de cada año."),
            source: "Registros administrativos de la unidad responsable".to_string(),
            baseline_value: Typed::from(base),
            baseline_year: Some(first - 1),
            expected: (0..years)
                .map(|i| ExpectedInput {
                    year: first + i,
                    expected: Typed::from(expected_path(base, goal, years, i)),
                })
                .collect(),
        }
    };
    for (i, (code, kind, e)) in OBJECTIVES.iter().enumerate() {
        let saved = strategic::objective_save(
            conn,
            ctx,
            strategic::ObjectiveSave {
                plan_id: pei,
                id: None,
                code: code.to_string(),
                kind: *kind,
                statement: e.0.to_string(),
                unit_id: unit(e.1).unwrap_or(gm),
                priority: i as i64 + 1,
            },
        )
        .await?;
        let o = saved
            .objectives
            .iter()
            .find(|o| o.code == *code)
            .expect("saved");
        let oid = o.id;
        strategic::indicator_save(conn, ctx, indicator(Some(oid), None, e)).await?;
        for (j, (_, acode, ae)) in ACTIONS.iter().filter(|a| a.0 == *code).enumerate() {
            let saved = strategic::action_save(
                conn,
                ctx,
                ActionSave {
                    objective_id: oid,
                    id: None,
                    code: acode.to_string(),
                    statement: ae.0.to_string(),
                    unit_id: unit(ae.1).unwrap_or(gm),
                    priority: j as i64 + 1,
                },
            )
            .await?;
            let aid = saved
                .objectives
                .iter()
                .flat_map(|o| &o.actions)
                .find(|a| a.code == *acode)
                .expect("saved")
                .id;
            strategic::indicator_save(conn, ctx, indicator(None, Some(aid), ae)).await?;
        }
    }
    let pei_norm = approving_norm(
        conn,
        ctx,
        NaiveDate::from_ymd_opt(first as i32 - 1, 12, 5).expect("date"),
        &format!("Aprueba el Plan Estratégico Institucional (PEI) {first}-{last}"),
    )
    .await?;
    let approved = strategic::approve(
        conn,
        ctx,
        strategic::StrategicApprove {
            id: pei,
            norm_id: pei_norm,
            approved_on: NaiveDate::from_ymd_opt(first as i32 - 1, 12, 5).expect("date"),
        },
    )
    .await?;
    // Values obtained in the years already closed.
    let indicators: Vec<(i64, Vec<Option<f64>>)> = approved
        .objectives
        .iter()
        .flat_map(|o| {
            o.indicators
                .iter()
                .chain(o.actions.iter().flat_map(|a| a.indicators.iter()))
        })
        .map(|i| (i.id, i.values.iter().map(|v| v.expected).collect()))
        .collect();
    for (id, expected) in indicators {
        for (k, e) in expected.iter().enumerate() {
            let y = first + k as i64;
            if y >= year {
                break;
            }
            if let Some(e) = e {
                let actual = (e * rng.gen_range(0.82..1.06) * 100.0).round() / 100.0;
                strategic::indicator_actual(
                    conn,
                    ctx,
                    strategic::IndicatorActual {
                        id,
                        year: y,
                        actual: Typed::from(actual),
                    },
                )
                .await?;
            }
        }
    }

    // The POI of the current year.
    let poi = operational::create(
        conn,
        ctx,
        OperationalCreate {
            kind: OperationalKind::Poi,
            year,
            last_year: Some(year + 2),
            name: format!("POI {year}"),
            strategic_plan_id: Some(pei),
        },
    )
    .await?
    .plan
    .id;
    let action_ids: Vec<(String, i64)> = approved
        .objectives
        .iter()
        .flat_map(|o| o.actions.iter().map(|a| (a.code.clone(), a.id)))
        .collect();
    let mut n = 0;
    let mut created = Vec::new();
    for (ucode, acode, acts) in ACTIVITIES {
        let Some(unit_id) = unit(ucode) else {
            continue;
        };
        for (name, measure, qty, budget) in acts.iter() {
            let acode = OTHER_ACTION
                .iter()
                .find(|(prefix, _)| name.starts_with(prefix))
                .map_or(*acode, |(_, a)| *a);
            let action_id = action_ids
                .iter()
                .find(|(c, _)| c == acode)
                .map(|(_, id)| *id);
            n += 1;
            let physical: Vec<f64> = (1..=12)
                .map(|m| {
                    if *qty < 1.0 {
                        // Quarterly or half-yearly: the target falls in the period's last month.
                        let every = (1.0 / qty).round() as i64;
                        if m % every == 0 {
                            1.0
                        } else {
                            0.0
                        }
                    } else {
                        (qty * rng.gen_range(0.85..1.15)).round().max(1.0)
                    }
                })
                .collect();
            let total: f64 = physical.iter().sum();
            let financial: Vec<Typed> = physical
                .iter()
                .map(|p| {
                    let share = if total > 0.0 { p / total } else { 1.0 / 12.0 };
                    Typed(format!(
                        "{:.2}",
                        *budget as f64 * (0.3 / 12.0 + 0.7 * share)
                    ))
                })
                .collect();
            let row = operational::activity_save(
                conn,
                ctx,
                ActivitySave {
                    plan_id: poi,
                    id: None,
                    unit_id,
                    action_id,
                    code: format!("AOI{:05}", 100 + n),
                    name: name.to_string(),
                    measure: measure.to_string(),
                    funding: if n % 4 == 0 {
                        "Recursos directamente recaudados".to_string()
                    } else {
                        "Fondo de Compensación Municipal".to_string()
                    },
                    goal_kind: None,
                    physical: physical.iter().map(|p| Typed::from(*p)).collect(),
                    financial,
                    later_years: (year + 1..=year + 2)
                        .map(|y| operational::LaterYearInput {
                            year: y,
                            physical: Typed::from(total),
                            financial: Typed::from(*budget as f64 * 1.05),
                        })
                        .collect(),
                },
            )
            .await?;
            created.push((row.id, unit_id, *ucode, physical));
        }
    }
    let poi_date = NaiveDate::from_ymd_opt(year as i32 - 1, 12, 5).expect("date");
    let poi_norm = approving_norm(
        conn,
        ctx,
        poi_date,
        &format!("Aprueba el Plan Operativo Institucional (POI) {year} de la Municipalidad"),
    )
    .await?;
    operational::approve(
        conn,
        ctx,
        operational::OperationalApprove {
            id: poi,
            norm_id: poi_norm,
            approved_on: poi_date,
        },
    )
    .await?;

    // Execution up to last month.
    let plan = store::operational(conn, poi).await?;
    let last_month = ctx.today.month() as i64 - 1;
    let settings = super::settings(conn).await?;
    let cal = crate::calendar::load(conn).await?;
    for month in 1..=last_month {
        let mut entries = Vec::new();
        for (id, _, ucode, physical) in &created {
            if month == last_month && SILENT.contains(ucode) {
                continue;
            }
            let factor = if SHORT.contains(ucode) {
                rng.gen_range(0.45..0.8)
            } else {
                rng.gen_range(0.86..1.08)
            };
            let target = physical[month as usize - 1];
            let done = (target * factor).round();
            let comment = if target > 0.0 && done / target < 0.9 {
                SHORTFALL[rng.gen_range(0..SHORTFALL.len())].to_string()
            } else if rng.gen_bool(0.2) {
                DONE[rng.gen_range(0..DONE.len())].to_string()
            } else {
                String::new()
            };
            let fin = store::month_targets(conn, &plan, created_unit(&created, *id), month)
                .await?
                .get(id)
                .map(|t| t.1)
                .unwrap_or(0);
            entries.push((*id, done, (fin as f64 * factor.min(1.0)) as i64, comment));
        }
        store::execution_write(conn, month, &entries).await?;
        let closes = closes_on(&cal, year, month, settings.month_close);
        for (ucode, _, _) in ACTIVITIES {
            let Some(unit_id) = unit(ucode) else {
                continue;
            };
            if month == last_month && SILENT.contains(ucode) {
                continue;
            }
            let late = LATE.contains(ucode) && month % 3 == 0;
            let on = if late {
                closes + chrono::Duration::days(4)
            } else {
                closes - chrono::Duration::days(rng.gen_range(0..4))
            };
            store::report_insert(conn, poi, unit_id, month, on.min(ctx.today), late).await?;
        }
    }

    // A reprogramming at mid-year, once June has passed.
    if ctx.today.month() > 7 {
        let from = store::programme_id(conn, poi, 1).await?;
        let to = store::programme_insert(
            conn,
            ctx,
            poi,
            2,
            "Reprogramación por incorporación de mayores recursos (crédito suplementario) y \
             ajuste de metas de obras por la temporada de lluvias",
            NaiveDate::from_ymd_opt(year as i32, 7, 15).expect("date"),
        )
        .await?;
        store::programme_copy(conn, from, to).await?;
        let changes: Vec<(i64, i64, Option<f64>, Option<i64>)> = created
            .iter()
            .filter(|(_, _, u, _)| *u == "SGOP" || *u == "GSPGA")
            .flat_map(|(id, _, _, physical)| {
                (8..=12)
                    .map(move |m| (*id, m, Some((physical[m as usize - 1] * 1.2).round()), None))
            })
            .collect();
        store::targets_apply(conn, to, year, &changes).await?;
    }
    Ok(n)
}

fn created_unit(created: &[(i64, i64, &str, Vec<f64>)], id: i64) -> i64 {
    created
        .iter()
        .find(|c| c.0 == id)
        .map(|c| c.1)
        .unwrap_or_default()
}

/// A sealed resolución de alcaldía that approves a plan, dated `date`.
async fn approving_norm(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    date: NaiveDate,
    title: &str,
) -> Result<i64> {
    let t = crate::norms::template(
        conn,
        ctx,
        crate::norms::NormTemplateParams {
            series: "resolucion-alcaldia".into(),
            date: Some(date),
        },
    )
    .await?;
    let mut input = t.norm;
    input.date = date;
    input.title = title.to_string();
    input.vistos = vec![
        "El Informe N° 045-GPP/MDSRQ de la Gerencia de Planeamiento y Presupuesto y el \
         Informe Legal de la Oficina de Asesoría Jurídica;"
            .to_string(),
    ];
    input.considerandos = vec![
        "Que, conforme a la Directiva N° 001-2017-CEPLAN/PCD y a la Guía para el Planeamiento \
         Institucional, los planes institucionales se aprueban por el titular de la entidad;"
            .to_string(),
    ];
    input.articles = vec![crate::norms::ArticleInput {
        title: None,
        text: format!(
            "APROBAR el documento «{}», que como anexo forma parte de la presente resolución.",
            title.trim_start_matches("Aprueba el ")
        ),
        items: Vec::new(),
    }];
    let created = crate::norms::create(conn, ctx, input).await?;
    crate::norms::seal_norm(conn, ctx, crate::norms::NormId { id: created.id }).await?;
    Ok(created.id)
}
