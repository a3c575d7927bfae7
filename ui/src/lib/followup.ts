// The monthly follow-up of the operational plan (Planeamiento): the traffic lights as words and
// colours, month names, money in the country's currency, the plan words that change between
// Peru and Chile, which month is shown by default, and the unit the person chose last.
import type { Light } from "./bindings/Light";
import type { OperationalSummary } from "./bindings/OperationalSummary";
import { formatNumber, formatSoles } from "./numbers";
import type { Country } from "./terms";

/** A traffic light's word and colour: the word is always shown next to the colour. */
export const LIGHTS: Record<Light, { label: string; color: string }> = {
  verde: { label: "Verde", color: "#2e7d32" },
  ambar: { label: "Ámbar", color: "#ed9c17" },
  rojo: { label: "Rojo", color: "#c62828" },
  sin_meta: { label: "Sin meta", color: "#9e9e9e" },
};

const MONTHS = [
  "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio",
  "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre",
];

/** Month 1–12 -> "Agosto". */
export function monthName(month: number): string {
  return MONTHS[Math.min(12, Math.max(1, month)) - 1];
}

/** The twelve short month names of the charts: Peru writes "Set" for September, Chile "Sep". */
export function monthLabels(country: Country): string[] {
  const sep = country === "CL" ? "Sep" : "Set";
  return ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", sep, "Oct", "Nov", "Dic"];
}

/** The words of the follow-up screens that change with the country. */
export interface PlanWords {
  /** The monthly entry screen. */
  monthTitle: string;
  /** The operational plan, as named in messages ("Aún no hay un POI aprobado"). */
  plan: string;
  /** Its article-ready noun phrase for empty states ("un POI", "un Plan Anual de Acción"). */
  aPlan: string;
  /** The strategic plan's actions (AEI) and objectives (OEI), singular and plural. */
  action: string;
  actions: string;
  objective: string;
  objectives: string;
  /** The currency sign in column headers. */
  currency: string;
}

export function planWords(country: Country): PlanWords {
  if (country === "CL") {
    return {
      monthTitle: "Avance mensual",
      plan: "Plan Anual de Acción",
      aPlan: "un Plan Anual de Acción",
      action: "Objetivo",
      actions: "Objetivos",
      objective: "Lineamiento",
      objectives: "Lineamientos",
      currency: "$",
    };
  }
  return {
    monthTitle: "Ejecución mensual",
    plan: "POI",
    aPlan: "un POI",
    action: "AEI",
    actions: "Acciones estratégicas (AEI)",
    objective: "OEI",
    objectives: "Objetivos estratégicos (OEI)",
    currency: "S/",
  };
}

/** An amount in céntimos with its currency: "S/ 1.234,56" in Peru, "$ 1.234" in Chile. */
export function money(cents: number, country: Country): string {
  if (country !== "CL") return formatSoles(cents);
  if (!Number.isFinite(cents)) return "—";
  const text = formatNumber(Math.abs(cents) / 100);
  return `${cents < 0 && text !== "0" ? "-" : ""}$\u00a0${text}`;
}

/** An amount in céntimos rounded to whole units, for chart axes: "S/ 1.234.567", "$ 1.234.567". */
export function moneyRounded(cents: number, country: Country): string {
  if (!Number.isFinite(cents)) return "—";
  return `${planWords(country).currency}\u00a0${formatNumber(cents / 100, { maxDecimals: 0 })}`;
}

/** An amount in céntimos as the person edits it, without the currency: "1.234,50" (Chile "1.234"). */
export function amountText(cents: number, country: Country): string {
  return country === "CL"
    ? formatNumber(cents / 100)
    : formatNumber(cents / 100, { minDecimals: 2, maxDecimals: 2 });
}

/** Whether month `month` of `year` has begun on `today` (ISO dates). */
export function monthBegun(year: number, month: number, today: string): boolean {
  return `${year}-${String(month).padStart(2, "0")}-01` <= today;
}

/**
 * The month shown by default: the last one ended within the plan's year (the one the units are
 * reporting now), January while January runs — as the core's tablero does.
 */
export function defaultMonth(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (y < year) return 1;
  if (y > year) return 12;
  return Math.max(1, Number(today.slice(5, 7)) - 1);
}

/** "2026-08-07" -> "7 de agosto de 2026". */
export function dayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} de ${monthName(Number(m[2])).toLowerCase()} de ${m[1]}`;
}

/** The plans whose execution is followed: the approved ones, the current year's first. */
export function followedPlans(plans: OperationalSummary[]): OperationalSummary[] {
  return plans.filter((p) => p.status === "aprobado").sort((a, b) => b.year - a.year || a.id - b.id);
}

/** The plan shown by default: this year's POI, else a plan that covers this year, else the latest. */
export function defaultPlan(plans: OperationalSummary[], today: string): OperationalSummary | null {
  const year = Number(today.slice(0, 4));
  return (
    plans.find((p) => p.kind === "poi" && p.year === year) ??
    plans.find((p) => p.year <= year && year <= p.last_year) ??
    plans[0] ??
    null
  );
}

const UNIT_KEY = "cabildo.plan-month.unit";

/** The unit chosen last on the monthly entry screen (kept between sessions), if any. */
export function rememberedUnit(): number | null {
  try {
    const v = Number(localStorage.getItem(UNIT_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** Remember the unit chosen on the monthly entry screen. */
export function rememberUnit(id: number): void {
  try {
    localStorage.setItem(UNIT_KEY, String(id));
  } catch {
    // Storage may be unavailable: the default is then the first unit, nothing else changes.
  }
}
