// Sample data of the institutional plans for the component tests.
import type { ActivityRow } from "../lib/bindings/ActivityRow";
import type { OperationalPlan } from "../lib/bindings/OperationalPlan";
import type { OperationalSummary } from "../lib/bindings/OperationalSummary";
import type { OrgUnit } from "../lib/bindings/OrgUnit";
import type { PlanIndicator } from "../lib/bindings/PlanIndicator";
import type { StrategicPlan } from "../lib/bindings/StrategicPlan";
import type { StrategicSummary } from "../lib/bindings/StrategicSummary";

export const units: OrgUnit[] = [
  { id: 1, parent_id: null, name: "Gerencia Municipal", code: "GM", kind: "alta_direccion", head_person_id: null, head_name: null, sort_order: 1 },
  { id: 2, parent_id: 1, name: "Gerencia de Servicios Públicos", code: "GSP", kind: "linea", head_person_id: null, head_name: null, sort_order: 1 },
  { id: 3, parent_id: 1, name: "Gerencia de Desarrollo Social", code: "GDS", kind: "linea", head_person_id: null, head_name: null, sort_order: 2 },
];

export function summary(over: Partial<StrategicSummary> = {}): StrategicSummary {
  return {
    id: 1,
    name: "PEI 2025-2030",
    first_year: 2025,
    last_year: 2030,
    version: 1,
    previous_id: null,
    reason: null,
    status: "vigente",
    norm_id: 5,
    norm_identifier: "RESOLUCIÓN DE ALCALDÍA N° 045-2025-ALC/MDPR",
    approved_on: "2025-03-14",
    mission: "Brindar servicios públicos de calidad a la población del distrito.",
    ...over,
  };
}

export function indicator(id: number, name: string, over: Partial<PlanIndicator> = {}): PlanIndicator {
  return {
    id,
    name,
    measure: "porcentaje",
    method: "Población satisfecha ÷ población encuestada × 100",
    source: "Encuesta municipal",
    baseline_value: 38,
    baseline_year: 2024,
    direction: "creciente",
    values: [2025, 2026, 2027, 2028, 2029, 2030].map((year, i) => ({
      year,
      expected: 40 + i * 5,
      actual: year === 2025 ? 42 : null,
      achievement: year === 2025 ? 105 : null,
    })),
    ...over,
  };
}

export function strategicPlan(over: Partial<StrategicSummary> = {}): StrategicPlan {
  return {
    plan: summary(over),
    objectives: [
      {
        id: 10,
        code: "OEI.01",
        kind: "I",
        statement: "Mejorar la calidad de los servicios públicos locales",
        unit_id: 2,
        unit_name: "Gerencia de Servicios Públicos",
        priority: 1,
        indicators: [indicator(100, "Porcentaje de la población satisfecha con los servicios")],
        actions: [
          {
            id: 20,
            objective_id: 10,
            code: "AEI.01.01",
            statement: "Servicio de limpieza pública continuo en beneficio de la población",
            unit_id: 2,
            unit_name: "Gerencia de Servicios Públicos",
            priority: 2,
            indicators: [
              indicator(101, "Tasa de residuos sin recoger", {
                measure: "tasa",
                direction: "decreciente",
                values: [2025, 2026, 2027, 2028, 2029, 2030].map((year, i) => ({
                  year,
                  expected: 20 - i * 2,
                  actual: year === 2025 ? 25 : null,
                  achievement: year === 2025 ? 80 : null,
                })),
              }),
            ],
          },
        ],
      },
      {
        id: 11,
        code: "OEI.02",
        kind: "II",
        statement: "Fortalecer la gestión institucional de la municipalidad",
        unit_id: 1,
        unit_name: "Gerencia Municipal",
        priority: 3,
        indicators: [],
        actions: [],
      },
    ],
  };
}

export function operational(over: Partial<OperationalSummary> = {}): OperationalSummary {
  return {
    id: 7,
    kind: "poi",
    year: 2026,
    last_year: 2026,
    name: "POI 2026",
    strategic_plan_id: 1,
    status: "formulacion",
    norm_id: null,
    norm_identifier: null,
    approved_on: null,
    activities: 2,
    version: 1,
    ...over,
  };
}

export function operationalPlan(over: Partial<OperationalSummary> = {}, versions = 1): OperationalPlan {
  const reasons = ["Programación inicial", "Reprogramación por transferencia de partidas", "Ajuste por mayor demanda"];
  return {
    plan: operational({ version: versions, ...over }),
    programmes: Array.from({ length: versions }, (_, i) => ({
      version: i + 1,
      reason: reasons[i] ?? `Reprogramación ${i}`,
      decided_on: i === 0 ? "2026-01-05" : `2026-0${i + 5}-10`,
      created_by: "admin",
    })),
  };
}

export function activity(id: number, code: string, name: string, over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    id,
    unit_id: 2,
    unit_code: "GSP",
    unit_name: "Gerencia de Servicios Públicos",
    action_id: 20,
    action_code: "AEI.01.01",
    code,
    name,
    measure: "Informe",
    funding: "Recursos ordinarios",
    goal_kind: null,
    physical: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    financial: Array.from({ length: 12 }, () => 150000),
    executed_physical: Array.from({ length: 12 }, () => null),
    executed_financial: Array.from({ length: 12 }, () => null),
    later_years: [],
    ...over,
  };
}

export const activities: ActivityRow[] = [
  activity(31, "AOI00001", "Recojo de residuos sólidos domiciliarios"),
  activity(32, "AOI00002", "Barrido de calles y espacios públicos", { physical: Array.from({ length: 12 }, () => 10) }),
];
