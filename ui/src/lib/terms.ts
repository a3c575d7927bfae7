import type { DocType } from "./bindings/DocType";
import type { Gender } from "./bindings/Gender";
import type { Stage } from "./bindings/Stage";
import type { UnitKind } from "./bindings/UnitKind";

// Spanish labels, and the legal terms that change with the municipality's country.

export type Country = "PE" | "CL";

export interface Terms {
  country: Country;
  countryName: string;
  /** Member of the council other than the mayor. */
  councilor: string;
  councilors: string;
  secretary: string;
  territorialCode: string;
  territorialHint: string;
  docTypes: { value: DocType; label: string }[];
  /** What the business of a session is called: "Agenda" (Peru), "Tabla" (Chile). */
  agenda: string;
  /** The parts of a session in the usual order of the country (the core's rule set, read with
   *  `session.stages`, may rename or reorder them: see `app.stages`). */
  stages: { value: Stage; label: string }[];
  /** The one-line summary of a matter: "Sumilla" (Peru), "Materia" (Chile). */
  summary: string;
  /** The kinds of unit of the organisation chart. */
  unitKinds: { value: UnitKind; label: string }[];
}

const PE_STAGES: { value: Stage; label: string }[] = [
  { value: "acta_anterior", label: "Aprobación del acta anterior" },
  { value: "despacho", label: "Despacho" },
  { value: "informes", label: "Informes" },
  { value: "pedidos", label: "Pedidos" },
  { value: "orden_del_dia", label: "Orden del día" },
];

const CL_STAGES: { value: Stage; label: string }[] = [
  { value: "acta_anterior", label: "Aprobación de actas" },
  { value: "despacho", label: "Correspondencia" },
  { value: "informes", label: "Cuenta del alcalde" },
  { value: "orden_del_dia", label: "Tabla" },
  { value: "pedidos", label: "Incidentes / varios" },
];

export const UNIT_KINDS: { value: UnitKind; label: string }[] = [
  { value: "gobierno", label: "Órgano de gobierno" },
  { value: "alta_direccion", label: "Alta dirección" },
  { value: "asesoramiento", label: "Órgano de asesoramiento" },
  { value: "apoyo", label: "Órgano de apoyo" },
  { value: "linea", label: "Órgano de línea" },
  { value: "desconcentrado", label: "Órgano desconcentrado" },
];

/** A Chilean comuna's units (Ley 18.695): the core's `UnitKind::label` says the same. */
export const CL_UNIT_KINDS: { value: UnitKind; label: string }[] = [
  { value: "concejo", label: "Concejo Municipal" },
  { value: "alcaldia", label: "Alcaldía" },
  { value: "direccion", label: "Dirección" },
  { value: "departamento", label: "Departamento" },
  { value: "seccion", label: "Sección u oficina" },
  { value: "juzgado", label: "Juzgado de Policía Local" },
];

export function terms(country: string | null | undefined): Terms {
  if (country === "CL") {
    return {
      country: "CL",
      countryName: "Chile",
      councilor: "Concejal",
      councilors: "Concejales",
      secretary: "Secretario Municipal",
      territorialCode: "Código comunal",
      territorialHint: "Código único territorial (CUT), 5 dígitos",
      docTypes: [
        { value: "RUN", label: "RUN" },
        { value: "CE", label: "Carné / cédula de extranjería" },
        { value: "DNI", label: "DNI" },
      ],
      agenda: "Tabla",
      stages: CL_STAGES,
      summary: "Materia",
      unitKinds: CL_UNIT_KINDS,
    };
  }
  return {
    country: "PE",
    countryName: "Perú",
    councilor: "Regidor",
    councilors: "Regidores",
    secretary: "Secretario General",
    territorialCode: "Ubigeo",
    territorialHint: "Código INEI de 6 dígitos",
    docTypes: [
      { value: "DNI", label: "DNI" },
      { value: "CE", label: "Carné de extranjería" },
    ],
    agenda: "Agenda",
    stages: PE_STAGES,
    summary: "Sumilla",
    unitKinds: UNIT_KINDS,
  };
}

export const COUNTRIES = [
  { value: "PE", label: "Perú" },
  { value: "CL", label: "Chile" },
] as const;

export const MUNICIPALITY_KINDS = [
  { value: "distrital", label: "Distrital", countries: ["PE"] },
  { value: "provincial", label: "Provincial", countries: ["PE"] },
  { value: "metropolitana", label: "Metropolitana", countries: ["PE"] },
  { value: "comuna", label: "Comuna", countries: ["CL"] },
] as const;

// A role code as a screen shows it beside a name, agreeing with the person: the core writes the
// titles of documents (spanish::title); these are the few role words the screens print.
const FEMININE_ROLE: Record<string, string> = {
  alcalde: "alcaldesa",
  presidente: "presidenta",
  vicepresidente: "vicepresidenta",
  secretario: "secretaria",
};

/** "alcalde" / "alcaldesa", "presidente" / "presidenta"; unchanged when the gender is not said. */
export function roleWord(role: string, gender: Gender | null | undefined): string {
  return gender === "F" ? (FEMININE_ROLE[role] ?? role) : role;
}

export function kindsFor(country: string): { value: string; label: string }[] {
  return MUNICIPALITY_KINDS.filter((k) => (k.countries as readonly string[]).includes(country));
}

/** The kind of a unit as a person reads it (either country's kinds, whatever the country). */
export function unitKindLabel(kind: string): string {
  return [...UNIT_KINDS, ...CL_UNIT_KINDS].find((k) => k.value === kind)?.label ?? kind;
}

export const MEMBER_STATUSES = [
  { value: "activo", label: "Activo" },
  { value: "licencia", label: "Con licencia" },
  { value: "suspendido", label: "Suspendido" },
  { value: "vacado", label: "Vacado" },
] as const;

export function statusLabel(s: string): string {
  if (s === "fuera") return "Fuera del cargo";
  return MEMBER_STATUSES.find((k) => k.value === s)?.label ?? s;
}

export const DAY_KINDS = [
  { value: "no_laborable", label: "Día no laborable adicional" },
  { value: "regional", label: "Feriado regional" },
  { value: "laborable", label: "Feriado declarado laborable" },
] as const;

export function dayKindLabel(kind: string): string {
  const extra: Record<string, string> = {
    feriado: "Feriado nacional",
    nacional: "Feriado nacional",
    national: "Feriado nacional",
    fin_de_semana: "Fin de semana",
  };
  return DAY_KINDS.find((k) => k.value === kind)?.label ?? extra[kind] ?? kind;
}

const MONTHS = [
  "enero", "febrero", "marzo", "abril", "mayo", "junio",
  "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
];
const WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

/** "2025-03-07" -> "viernes 7 de marzo de 2025" (no time zone games: the date is civil). */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return `${WEEKDAYS[wd]} ${d} de ${MONTHS[mo - 1]} de ${y}`;
}

/** "2025-03-07" -> "07/03/2025". */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today's date as ISO text in local time. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Empty text -> null, for optional params. */
export function orNull(s: string | null | undefined): string | null {
  const t = (s ?? "").trim();
  return t === "" ? null : t;
}
