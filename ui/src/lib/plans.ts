// Words and small helpers of the Planeamiento screens: the names of the plans and their parts
// by country (PEI / PLADECO, OEI / Lineamiento…), the labels of the core's enums, and the
// month arithmetic the operational plan's grid shares with the core.
import type { Direction } from "./bindings/Direction";
import type { GoalKind } from "./bindings/GoalKind";
import type { Measure } from "./bindings/Measure";
import type { OperationalKind } from "./bindings/OperationalKind";
import type { OperationalStatus } from "./bindings/OperationalStatus";
import type { StrategicStatus } from "./bindings/StrategicStatus";

/** How a municipality names its plans and their parts. */
export interface PlanTerms {
  /** The strategic plan, short ("PEI", "PLADECO"). */
  strategic: string;
  /** The strategic plan, in full. */
  strategicLong: string;
  /** An objective, short ("OEI", "Lineamiento"). */
  objective: string;
  /** "Nuevo OEI", "Nuevo lineamiento". */
  newObjective: string;
  /** An action, short ("AEI", "Objetivo"). */
  action: string;
  /** "Nueva AEI", "Nuevo objetivo". */
  newAction: string;
  /** The annual operational plan, short ("POI", "Plan de Acción (PAAM)"). */
  operational: string;
  /** The annual operational plan, in full. */
  operationalLong: string;
  /** What a new strategic plan may be called. */
  strategicExample: string;
}

/** The plan vocabulary of a country (Peru unless "CL"). */
export function planTerms(country: string | null | undefined): PlanTerms {
  if (country === "CL") {
    return {
      strategic: "PLADECO",
      strategicLong: "Plan de Desarrollo Comunal",
      objective: "Lineamiento",
      newObjective: "Nuevo lineamiento",
      action: "Objetivo",
      newAction: "Nuevo objetivo",
      operational: "Plan de Acción (PAAM)",
      operationalLong: "Plan Anual de Acción Municipal",
      strategicExample: "PLADECO 2025-2028",
    };
  }
  return {
    strategic: "PEI",
    strategicLong: "Plan Estratégico Institucional",
    objective: "OEI",
    newObjective: "Nuevo OEI",
    action: "AEI",
    newAction: "Nueva AEI",
    operational: "POI",
    operationalLong: "Plan Operativo Institucional",
    strategicExample: "PEI 2025-2030",
  };
}

/** CEPLAN's units of measure of an indicator, in its order. */
export const MEASURES: { value: Measure; label: string }[] = [
  { value: "cantidad", label: "Cantidad" },
  { value: "numero", label: "Número" },
  { value: "porcentaje", label: "Porcentaje" },
  { value: "ratio", label: "Ratio" },
  { value: "tasa", label: "Tasa" },
  { value: "indice", label: "Índice" },
  { value: "tasa_variacion", label: "Tasa de variación" },
];

export function measureLabel(m: Measure): string {
  return MEASURES.find((x) => x.value === m)?.label ?? m;
}

/** The state of a strategic plan version: its word and the badge's class. */
export function strategicStatus(s: StrategicStatus): { label: string; cls: string } {
  if (s === "vigente") return { label: "Vigente", cls: "sealed" };
  if (s === "reemplazado") return { label: "Reemplazado", cls: "fuera" };
  return { label: "Borrador", cls: "draft" };
}

/** The phase of an operational plan: its word and the badge's class. */
export function operationalStatus(s: OperationalStatus): { label: string; cls: string } {
  return s === "aprobado" ? { label: "Aprobado", cls: "sealed" } : { label: "En formulación", cls: "draft" };
}

/** "POI" / "Plan de Acción (PAAM)" or "PMG". */
export function operationalKindLabel(kind: OperationalKind, t: PlanTerms): string {
  return kind === "pmg" ? "PMG" : t.operational;
}

export const GOAL_KINDS: { value: GoalKind; label: string }[] = [
  { value: "institucional", label: "Meta institucional" },
  { value: "colectiva", label: "Meta colectiva" },
];

export function directionLabel(d: Direction): string {
  return d === "decreciente" ? "Decreciente" : "Creciente";
}

/** Short month names, January first, as column headers. */
export const MONTHS_SHORT = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"];

/** Month names, January first. */
export const MONTHS_LONG = [
  "enero", "febrero", "marzo", "abril", "mayo", "junio",
  "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
];

/**
 * The first month of `year` that may still be reprogrammed on `today` (ISO): the current month;
 * 1 before the year starts, 13 after it ends. The same rule as the core's `first_open_month`.
 */
export function firstOpenMonth(year: number, today: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(today);
  if (!m) return 1;
  const y = Number(m[1]);
  if (y < year) return 1;
  if (y > year) return 13;
  return Number(m[2]);
}

/** The year of an ISO date (today's year for anything else). */
export function yearOf(iso: string): number {
  const m = /^(\d{4})-/.exec(iso);
  return m ? Number(m[1]) : new Date().getFullYear();
}
