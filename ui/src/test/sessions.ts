// Sample data of council sessions for the component tests.
import type { AgendaItem } from "../lib/bindings/AgendaItem";
import type { Attendance } from "../lib/bindings/Attendance";
import type { Session } from "../lib/bindings/Session";
import type { SessionDetail } from "../lib/bindings/SessionDetail";

export function session(over: Partial<Session> = {}): Session {
  return {
    id: 7,
    body_id: 1,
    kind: "ordinaria",
    identifier: "SESIÓN ORDINARIA N° 05-2026",
    date: "2026-11-24",
    time: "09:00",
    place: "Salón consistorial",
    mode: "presencial",
    status: "convocada",
    convened_on: "2026-11-19",
    convened_by: "alcalde",
    postponed_from: null,
    started_at: null,
    ended_at: null,
    reason: null,
    body_name: "Concejo Municipal 2023-2026",
    body_kind: "concejo",
    ...over,
  };
}

export function item(id: number, stage: string, position: number, title: string, over: Partial<Record<keyof AgendaItem, unknown>> = {}): AgendaItem {
  return {
    id,
    session_id: 7,
    stage,
    position,
    title,
    summary: "",
    item_kind: "Dictamen",
    filed_by: "Comisión de Economía",
    filed_on: "2026-11-10",
    late: false,
    majority: "simple",
    unit_id: null,
    debate: "",
    decision: null,
    tie_round: 0,
    casting: null,
    agreement_id: null,
    minutes_of: null,
    carried_from: null,
    ...over,
  } as unknown as AgendaItem;
}

export function member(id: number, name: string, status = "ausente", role = "regidor"): Attendance {
  return {
    member_id: id,
    name,
    role,
    status,
    arrival: null,
    departure: null,
    note: "",
    able: true,
    body_role: null,
    received_by: null,
    received_at: null,
  } as unknown as Attendance;
}

export function detail(over: Partial<SessionDetail> = {}): SessionDetail {
  const members = over.members ?? [
    member(1, "Zenaida Salazar Ayala", "presente", "alcalde"),
    member(2, "Jorge Luis Flores Cárdenas", "presente"),
    member(3, "Wilber Ticona Condori", "presente"),
    member(4, "Rosa Huamán Quispe", "presente"),
    member(5, "Edith Mamani Apaza", "ausente"),
  ];
  const present = members.filter((m) => m.status === "presente").length;
  return {
    session: session(),
    next_identifier: null,
    agenda: [],
    legal: 5,
    able: 5,
    quorum: 3,
    present,
    has_quorum: present >= 3,
    checks: [],
    attachments: [],
    voting: { tie_rule: "casting_vote", casting_by: "Alcalde Zenaida Salazar Ayala", mayor_votes_in: ["two_thirds_legal", "two_thirds_able"] },
    ties: [],
    ...over,
    members,
  };
}
