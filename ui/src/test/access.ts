// Sample data of the follow-up desk for component tests: the rules of access to information of
// each country, the term of a request filed after hours before the long weekend of July 2026,
// a request in process, and an Inicio.
import type { AccessRules } from "../lib/bindings/AccessRules";
import type { Deadline } from "../lib/bindings/Deadline";
import type { FollowupDetail } from "../lib/bindings/FollowupDetail";
import type { FollowupList } from "../lib/bindings/FollowupList";
import type { FollowupRow } from "../lib/bindings/FollowupRow";
import type { Home } from "../lib/bindings/Home";
import type { HomeSection } from "../lib/bindings/HomeSection";
import type { InfoRequest } from "../lib/bindings/InfoRequest";
import type { ItemKind } from "../lib/bindings/ItemKind";

export const peruRules: AccessRules = {
  days: 10,
  closing_time: "16:30",
  extension_mode: "fecha",
  extension_days: null,
  extension_notice_days: 2,
  correction_days: 2,
  law: "TUO de la Ley N° 27806",
  denial_grounds: ["Información secreta (art. 15)", "Información reservada (art. 16)", "Información confidencial (art. 17)"],
  appeal: "Recurso de apelación ante el Tribunal de Transparencia",
};

export const chileRules: AccessRules = {
  ...peruRules,
  days: 20,
  closing_time: null,
  extension_mode: "dias",
  extension_days: 10,
  extension_notice_days: null,
  correction_days: 5,
  law: "Ley N° 20.285",
  denial_grounds: ["Art. 21 N° 1: afecta el debido cumplimiento de las funciones"],
};

/** Friday 24 July 2026 at 17:10, after closing: received Monday 27, due Thursday 13 August. */
export const julyTerm: Deadline = {
  received_on: "2026-07-27",
  days: 10,
  first_day: "2026-07-30",
  due_on: "2026-08-13",
  skipped: [
    { date: "2026-08-01", reason: "sábado" },
    { date: "2026-08-02", reason: "domingo" },
    { date: "2026-08-06", reason: "feriado: Batalla de Junín" },
    { date: "2026-08-08", reason: "sábado" },
    { date: "2026-08-09", reason: "domingo" },
  ],
  steps: [
    "Presentada el viernes 24/07/2026 a las 17:10, después del cierre de la oficina (16:30): se tiene por presentada el lunes 27/07/2026.",
    "Se cuentan 10 días hábiles desde el día hábil siguiente, jueves 30/07/2026.",
    "No se cuentan: 4 días de fin de semana; jueves 06/08/2026 (feriado: Batalla de Junín).",
    "Vence el jueves 13/08/2026.",
  ],
};

export function row(id: number, over: Partial<FollowupRow> = {}): FollowupRow {
  return {
    id,
    kind: "solicitud",
    number: `Solicitud N° ${String(id).padStart(3, "0")}-2026`,
    source: "solicitud",
    source_label: "Acceso a la información",
    subject: "Copia del contrato de limpieza pública",
    party: "Juan Pérez Huamán",
    unit_id: 3,
    unit_name: "Gerencia de Servicios Públicos",
    received_on: "2026-07-27",
    due_on: "2026-08-13",
    status: "pendiente",
    status_label: "Pendiente",
    progress: null,
    days_left: 6,
    closed_on: null,
    ...over,
  };
}

export function request(over: Partial<InfoRequest> = {}): InfoRequest {
  return {
    filed_at: "2026-07-24T17:10",
    channel: "presencial",
    requester: "Juan Pérez Huamán",
    requester_doc: "40123456",
    address: "Jr. Lima 123",
    email: "",
    phone: "",
    delivery: "Copia simple",
    state: "en_tramite",
    legal_due_on: "2026-08-13",
    correction_asked_on: null,
    correction_due_on: null,
    correction_note: "",
    corrected_on: null,
    extended_on: null,
    extension_reason: "",
    answered_on: null,
    denial_ground: "",
    cost_cents: 0,
    days_taken: null,
    ...over,
  };
}

export function detail(id: number, over: Partial<FollowupDetail> = {}): FollowupDetail {
  return {
    item: row(id),
    detail: "",
    source_ref: "",
    norm_id: null,
    agenda_item_id: null,
    objective_id: null,
    action_id: null,
    plan_element: null,
    answer: "",
    created_by: "admin",
    deadline: julyTerm,
    milestones: [
      {
        id: 1,
        on_date: "2026-07-24",
        kind: "registro",
        note: "Presentada el viernes 24/07/2026 a las 17:10. Vence el jueves 13/08/2026.",
        progress: null,
        status: "pendiente",
        file_name: null,
        file_sha256: null,
        recorded_by: "admin",
        recorded_at: "2026-07-24T17:12:00-05:00",
      },
    ],
    request: request(),
    complaint: null,
    ...over,
  };
}

function section(kind: ItemKind | null, title: string, n: [number, number, number, number]): HomeSection {
  const keys = [
    ["vencidos", "Vencidos", "vencidos"],
    ["hoy", "Vencen hoy", "hoy"],
    ["semana", "Vencen esta semana", "semana"],
    ["abiertos", "Abiertos", "abiertos"],
  ] as const;
  return {
    kind,
    title,
    counts: keys.map(([key, label, view], i) => ({
      key,
      label,
      count: n[i],
      // As the core sends it: every absent field is null.
      list: { kind, unit_id: null, view, source: null, status: null, text: null, year: null, offset: 0, limit: null } as unknown as FollowupList,
    })),
  };
}

export function home(over: Partial<Home> = {}): Home {
  return {
    today: "2026-08-05",
    week_end: "2026-08-09",
    scoped_unit: null,
    sections: [
      section(null, "Todo lo pendiente", [3, 1, 4, 12]),
      section("encargo", "Encargos", [1, 0, 2, 6]),
      section("solicitud", "Acceso a la información", [2, 1, 1, 4]),
      section("reclamo", "Reclamos y consultas", [0, 0, 1, 2]),
    ],
    due: [
      row(7, { days_left: -2, due_on: "2026-08-03", status: "vencido", status_label: "Vencido" }),
      row(9, { kind: "encargo", number: "Encargo N° 009-2026", party: null, days_left: 0, due_on: "2026-08-05" }),
    ],
    sessions: null,
    minutes: null,
    unsigned: null,
    unreported: null,
    ...over,
  };
}
