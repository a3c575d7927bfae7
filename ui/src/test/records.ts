// Sample data of the records area for component tests.
import type { Norm } from "../lib/bindings/Norm";
import type { NormInput } from "../lib/bindings/NormInput";
import type { Series } from "../lib/bindings/Series";

export const normSeries: Series[] = [
  {
    id: 1,
    code: "ordenanza",
    name: "Ordenanzas municipales",
    organ: "",
    pattern: "ORDENANZA N° {n:3}-{yyyy}-{siglas}",
    reset: "yearly",
    next_preview: "ORDENANZA N° 001-2026-MDPR",
  },
  {
    id: 2,
    code: "acuerdo",
    name: "Acuerdos de Concejo",
    organ: "CM",
    pattern: "ACUERDO DE CONCEJO N° {n:3}-{yyyy}-{sesion}-{organo}/{siglas}",
    reset: "yearly",
    next_preview: "ACUERDO DE CONCEJO N° 001-2026-SO-CM/MDPR",
  },
  {
    id: 4,
    code: "resolucion-alcaldia",
    name: "Resoluciones de Alcaldía",
    organ: "ALC",
    pattern: "RESOLUCIÓN DE ALCALDÍA N° {n:3}-{yyyy}-{organo}/{siglas}",
    reset: "yearly",
    next_preview: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
  },
];

export function normInput(over: Partial<NormInput> = {}): NormInput {
  return {
    series: "resolucion-alcaldia",
    session_kind: null,
    date: "2026-11-21",
    title: "Designa al responsable del Libro de Actas",
    issuer: null,
    vistos: ["El Informe N° 012-2026-SG/MDPR"],
    considerandos: ["Que, es necesario designar al responsable;"],
    preamble: "Estando a lo expuesto;",
    operative_heading: "SE RESUELVE:",
    articles: [
      { title: null, text: "DESIGNAR al Secretario General.", items: [] },
      { title: "Vigencia", text: "", items: [] },
    ],
    closing_formula: "Regístrese, comuníquese y cúmplase.",
    signatories: [{ name: "Ana Pérez Ñahui", cargo: "Alcaldesa", dni: "41234567" }],
    ...over,
  };
}

export function norm(id: number, n: NormInput, over: Partial<Norm> = {}): Norm {
  return {
    id,
    kind: "resolucion",
    norm: n,
    identifier: null,
    next_identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
    seal: null,
    signatures: [],
    corrects: null,
    correction_reason: null,
    corrected_by: [],
    imported: null,
    created_at: "2026-11-21T10:00:00-05:00",
    updated_at: "2026-11-21T10:05:00-05:00",
    ...over,
  };
}
