// Sample data of the follow-up desk (encargos, reclamos) for the component tests.
import type { FollowupDetail } from "../lib/bindings/FollowupDetail";
import type { FollowupRow } from "../lib/bindings/FollowupRow";
import type { OrgUnit } from "../lib/bindings/OrgUnit";
import type { StatusRow } from "../lib/bindings/StatusRow";

export const statuses: StatusRow[] = [
  { code: "pendiente", label: "Pendiente", open: true, derived: false, note: "Registrado, sin avance todavía" },
  { code: "en_proceso", label: "En proceso", open: true, derived: false, note: "La unidad informó avance" },
  { code: "vencido", label: "Vencido", open: true, derived: true, note: "Abierto con el plazo vencido" },
  { code: "atendido", label: "Atendido", open: false, derived: false, note: "Cumplido" },
  { code: "archivado", label: "Archivado", open: false, derived: false, note: "Cerrado sin atención" },
];

export const deskUnits: OrgUnit[] = [
  { id: 1, parent_id: null, name: "Gerencia Municipal", code: "GM", kind: "alta_direccion", head_person_id: null, head_name: null, sort_order: 0 },
  { id: 2, parent_id: 1, name: "Gerencia de Desarrollo Urbano", code: "GDU", kind: "linea", head_person_id: null, head_name: null, sort_order: 0 },
  { id: 3, parent_id: 1, name: "Subgerencia de Servicios a la Ciudad", code: "SSC", kind: "linea", head_person_id: null, head_name: null, sort_order: 1 },
];

export function row(id: number, over: Partial<FollowupRow> = {}): FollowupRow {
  return {
    id,
    kind: "encargo",
    number: `Encargo N° ${String(id).padStart(3, "0")}-2026`,
    source: "acuerdo",
    source_label: "ACUERDO DE CONCEJO N° 012-2026-SO-CM/MDPR",
    subject: `Asunto del encargo ${id}`,
    party: null,
    unit_id: 2,
    unit_name: "Gerencia de Desarrollo Urbano",
    received_on: "2026-07-01",
    due_on: "2026-08-12",
    status: "pendiente",
    status_label: "Pendiente",
    progress: null,
    days_left: 20,
    closed_on: null,
    ...over,
  };
}

export function encargo(id: number, over: Partial<FollowupDetail> = {}, item: Partial<FollowupRow> = {}): FollowupDetail {
  return {
    item: row(id, item),
    detail: "Informar al Concejo en la próxima sesión.",
    source_ref: "",
    norm_id: 41,
    agenda_item_id: null,
    objective_id: null,
    action_id: null,
    plan_element: null,
    answer: "",
    created_by: "admin",
    deadline: {
      received_on: "2026-07-01",
      days: 30,
      first_day: "2026-07-02",
      due_on: "2026-08-12",
      skipped: [
        { date: "2026-07-04", reason: "sábado" },
        { date: "2026-07-29", reason: "feriado: Fiestas Patrias" },
      ],
      steps: [
        "Encargado el miércoles 1 de julio de 2026 (Acuerdo de Concejo).",
        "Se cuentan 30 días hábiles desde el día hábil siguiente, jueves 2 de julio de 2026.",
      ],
    },
    milestones: [
      {
        id: 501,
        on_date: "2026-07-01",
        kind: "registro",
        note: "Encargado con plazo al miércoles 12 de agosto de 2026.",
        progress: null,
        status: "pendiente",
        file_name: null,
        file_sha256: null,
        recorded_by: "admin",
        recorded_at: "2026-07-01T10:00:00-05:00",
      },
      {
        id: 502,
        on_date: "2026-07-10",
        kind: "avance",
        note: "Se pidió el informe técnico.",
        progress: 30,
        status: "en_proceso",
        file_name: "informe-tecnico.pdf",
        file_sha256: "ab12",
        recorded_by: "jperez",
        recorded_at: "2026-07-10T16:00:00-05:00",
      },
    ],
    request: null,
    complaint: null,
    ...over,
  };
}
