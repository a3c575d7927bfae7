// Sample data of the monthly follow-up (Planeamiento) for component tests: an approved POI and
// one in formulation, a unit's July sheet, and a tablero at July.
import type { Dashboard } from "../lib/bindings/Dashboard";
import type { GroupProgress } from "../lib/bindings/GroupProgress";
import type { MonthRow } from "../lib/bindings/MonthRow";
import type { MonthSheet } from "../lib/bindings/MonthSheet";
import type { OperationalSummary } from "../lib/bindings/OperationalSummary";
import type { UnitProgress } from "../lib/bindings/UnitProgress";

export const poi: OperationalSummary = {
  id: 7,
  kind: "poi",
  year: 2026,
  last_year: 2026,
  name: "POI 2026",
  strategic_plan_id: 3,
  status: "aprobado",
  norm_id: 12,
  norm_identifier: "RESOLUCIÓN DE ALCALDÍA N° 210-2025-MDPR",
  approved_on: "2025-12-20",
  activities: 3,
  version: 2,
};

export const draftPoi: OperationalSummary = {
  ...poi,
  id: 8,
  year: 2027,
  last_year: 2027,
  name: "POI 2027",
  status: "formulacion",
  norm_id: null,
  norm_identifier: null,
  approved_on: null,
};

export function monthRow(activity_id: number, over: Partial<MonthRow> = {}): MonthRow {
  return {
    activity_id,
    code: `AOI000${activity_id - 100}`,
    name: "Actividad",
    measure: "Informe",
    programmed_physical: 10,
    programmed_financial: 100000,
    physical: null,
    financial: null,
    comment: "",
    percent: null,
    accumulated: null,
    financial_accumulated: null,
    light: "sin_meta",
    ...over,
  };
}

/** The July sheet of the Gerencia de Desarrollo Social: one row entered, one not, one with no target. */
export function julySheet(over: Partial<MonthSheet> = {}): MonthSheet {
  return {
    plan_id: 7,
    unit_id: 2,
    unit_name: "Gerencia de Desarrollo Social",
    month: 7,
    year: 2026,
    closes_on: "2026-08-07",
    open: true,
    reported: null,
    thresholds: { green: 90, amber: 70 },
    rows: [
      monthRow(101, {
        name: "Capacitación a juntas vecinales",
        measure: "Persona capacitada",
        programmed_physical: 40,
        programmed_financial: 250000,
        physical: 38,
        financial: 240000,
        percent: 95,
        accumulated: 92.5,
        financial_accumulated: 96,
        light: "verde",
      }),
      monthRow(102, {
        name: "Mantenimiento de parques",
        measure: "Metro cuadrado",
        programmed_physical: 1200,
        programmed_financial: 1500050,
        accumulated: 60,
        financial_accumulated: 55,
        light: "rojo",
      }),
      monthRow(103, { name: "Informe de gestión", programmed_physical: 0, programmed_financial: 0 }),
    ],
    ...over,
  };
}

function progress(accumulated: number | null, over: Partial<UnitProgress["progress"]> = {}): UnitProgress["progress"] {
  return {
    activities: 4,
    month_percent: accumulated,
    accumulated,
    financial_programmed: 1000000,
    financial_executed: 850000,
    financial_percent: 85,
    financial_annual: 2400000,
    ...over,
  };
}

export function unit(unit_id: number, code: string, name: string, over: Partial<UnitProgress> = {}): UnitProgress {
  return { unit_id, code, name, progress: progress(80), light: "ambar", reported: null, comments: [], ...over };
}

export const units: UnitProgress[] = [
  unit(1, "GM", "Gerencia Municipal", {
    progress: progress(95.5),
    light: "verde",
    reported: { reported_on: "2026-08-03", reported_by: "rquispe", late: false },
  }),
  unit(2, "GDS", "Gerencia de Desarrollo Social", { progress: progress(60), light: "rojo" }),
  unit(3, "GDU", "Gerencia de Desarrollo Urbano", {
    progress: progress(75),
    light: "ambar",
    reported: { reported_on: "2026-08-12", reported_by: "lhuaman", late: true },
  }),
  unit(4, "SG", "Secretaría General", {
    progress: progress(null, { financial_percent: null, financial_programmed: 0, financial_executed: 0 }),
    light: "sin_meta",
    reported: { reported_on: "2026-08-04", reported_by: "mflores", late: false },
  }),
];

function group(id: number, code: string, statement: string, accumulated: number, light: GroupProgress["light"]): GroupProgress {
  return { id, code, statement, progress: progress(accumulated), light };
}

export function julyDashboard(over: Partial<Dashboard> = {}): Dashboard {
  let programmed = 0;
  let executed = 0;
  return {
    plan: poi,
    month: 7,
    thresholds: { green: 90, amber: 70 },
    total: progress(77.4, { financial_programmed: 4000000, financial_executed: 3400000, financial_percent: 85, financial_annual: 9600000 }),
    light: "ambar",
    units,
    actions: [
      group(31, "AEI.01.01", "Capacitación oportuna a organizaciones sociales", 88, "ambar"),
      group(0, "—", "Actividades sin acción estratégica vinculada", 95, "verde"),
    ],
    objectives: [group(21, "OEI.01", "Mejorar la participación vecinal", 88, "ambar")],
    goal_kinds: [],
    curve: Array.from({ length: 12 }, (_, i) => {
      const month = i + 1;
      programmed += 800000;
      if (month <= 7) executed += 700000;
      return {
        month,
        programmed: 800000,
        executed: month <= 7 ? 700000 : null,
        programmed_accumulated: programmed,
        executed_accumulated: month <= 7 ? executed : null,
        physical_percent: month <= 7 ? 80 : null,
      };
    }),
    missing: [units[1]],
    ...over,
  };
}
