//! The numbering series every new municipality starts with, by country.

use super::ResetPeriod;

/// A default series.
pub(super) struct Seed {
    /// Stable code.
    pub code: &'static str,
    /// Spanish name.
    pub name: &'static str,
    /// Organ abbreviation.
    pub organ: &'static str,
    /// Identifier pattern.
    pub pattern: &'static str,
    /// Reset period.
    pub reset: ResetPeriod,
}

/// Peru's default series.
pub(super) const PE_SERIES: &[Seed] = &[
    Seed {
        code: "ordenanza",
        name: "Ordenanzas municipales",
        organ: "",
        pattern: "ORDENANZA N° {n:3}-{yyyy}-{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "acuerdo",
        name: "Acuerdos de Concejo",
        organ: "CM",
        pattern: "ACUERDO DE CONCEJO N° {n:3}-{yyyy}-{sesion}-{organo}/{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "decreto",
        name: "Decretos de Alcaldía",
        organ: "ALC",
        pattern: "DECRETO DE ALCALDÍA N° {n:3}-{yyyy}-{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "resolucion-alcaldia",
        name: "Resoluciones de Alcaldía",
        organ: "ALC",
        pattern: "RESOLUCIÓN DE ALCALDÍA N° {n:3}-{yyyy}-{organo}/{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "resolucion-concejo",
        name: "Resoluciones de Concejo",
        organ: "CM",
        pattern: "RESOLUCIÓN DE CONCEJO N° {n:3}-{yyyy}-{organo}/{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "resolucion-gerencia",
        name: "Resoluciones de Gerencia Municipal",
        organ: "GM",
        pattern: "RESOLUCIÓN DE GERENCIA MUNICIPAL N° {n:4}-{yyyy}-{siglas}-{organo}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "sesion-ordinaria",
        name: "Sesiones ordinarias",
        organ: "",
        pattern: "SESIÓN ORDINARIA N° {n:2}-{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "sesion-extraordinaria",
        name: "Sesiones extraordinarias",
        organ: "",
        pattern: "SESIÓN EXTRAORDINARIA N° {n:2}-{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "sesion-solemne",
        name: "Sesiones solemnes",
        organ: "",
        pattern: "SESIÓN SOLEMNE N° {n:2}-{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "copia-certificada",
        name: "Copias certificadas",
        organ: "SG",
        pattern: "CERTIFICADO N° {n:4}-{yyyy}-{organo}/{siglas}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "libro-actas",
        name: "Libros de Actas",
        organ: "SG",
        pattern: "LIBRO DE ACTAS N° {n:2}",
        reset: ResetPeriod::Never,
    },
];

/// Chile's default series.
pub(super) const CL_SERIES: &[Seed] = &[
    Seed {
        code: "ordenanza",
        name: "Ordenanzas municipales",
        organ: "",
        pattern: "ORDENANZA MUNICIPAL N° {n}",
        reset: ResetPeriod::Never,
    },
    Seed {
        code: "acuerdo",
        name: "Acuerdos del Concejo",
        organ: "",
        pattern: "ACUERDO N° {n}/{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "decreto",
        name: "Decretos Alcaldicios",
        organ: "",
        pattern: "DECRETO ALCALDICIO N° {n}/{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "sesion-ordinaria",
        name: "Sesiones ordinarias",
        organ: "",
        pattern: "SESIÓN ORDINARIA N° {n}",
        reset: ResetPeriod::Never,
    },
    Seed {
        code: "sesion-extraordinaria",
        name: "Sesiones extraordinarias",
        organ: "",
        pattern: "SESIÓN EXTRAORDINARIA N° {n}",
        reset: ResetPeriod::Never,
    },
    Seed {
        code: "copia-certificada",
        name: "Certificados del Secretario Municipal",
        organ: "SM",
        pattern: "CERTIFICADO N° {n}/{yyyy}",
        reset: ResetPeriod::Yearly,
    },
    Seed {
        code: "libro-actas",
        name: "Libros de Actas",
        organ: "SM",
        pattern: "LIBRO DE ACTAS N° {n}",
        reset: ResetPeriod::Never,
    },
];
