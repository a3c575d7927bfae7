// Council sessions: Spanish labels of the core's codes, and small helpers shared by the
// session screens (Sesiones, the session in progress, the acta, the reports).
import { invoke } from "@tauri-apps/api/core";
import { ApiError, call } from "./api";
import type { Ballot } from "./bindings/Ballot";
import type { SessionKind } from "./bindings/SessionKind";
import type { SessionStatus } from "./bindings/SessionStatus";
import type { Stage } from "./bindings/Stage";

/** The entries of a label table, in its order, as `{ value, label }` for selects and lists. */
function entries<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const SESSION_KINDS = entries<SessionKind>({
  ordinaria: "Ordinaria",
  extraordinaria: "Extraordinaria",
  solemne: "Solemne",
});

export const SESSION_MODES = [
  { value: "presencial", label: "Presencial" },
  { value: "virtual", label: "Virtual" },
] as const;

export const SESSION_STATUSES: Record<SessionStatus, string> = {
  borrador: "Borrador",
  convocada: "Convocada",
  en_curso: "En curso",
  concluida: "Concluida",
  acta_aprobada: "Acta aprobada",
  suspendida: "Suspendida",
  cancelada: "Cancelada",
};

/** Peru's stages in the order of business; screens use `app.stages` (the rule set's order and
 *  names: Chile's correspondencia… tabla, incidentes). */
export const STAGES = entries<Stage>({
  acta_anterior: "Aprobación del acta anterior",
  despacho: "Despacho",
  informes: "Informes",
  pedidos: "Pedidos",
  orden_del_dia: "Orden del día",
});

export const MAJORITIES = [
  { value: "simple", label: "Mayoría simple" },
  { value: "absolute_legal", label: "Mayoría absoluta del número legal" },
  { value: "absolute_present", label: "Mayoría absoluta de los presentes" },
  { value: "two_thirds_legal", label: "Dos tercios del número legal" },
  { value: "two_thirds_able", label: "Dos tercios del número hábil" },
  { value: "quarter_able", label: "Un cuarto del número hábil" },
] as const;

export const ITEM_KINDS = [
  "Proyecto de ordenanza",
  "Proyecto de acuerdo",
  "Dictamen",
  "Moción",
  "Informe",
  "Pedido",
  "Oficio",
  "Acta",
] as const;

export const BALLOTS = entries<Ballot>({
  a_favor: "A favor",
  en_contra: "En contra",
  abstencion: "Abstención",
  no_vota: "No vota",
});

export const ATTENDANCE = [
  { value: "presente", label: "Presente", key: "P" },
  { value: "ausente", label: "Ausente", key: "A" },
  { value: "justificada", label: "Inasistencia justificada", key: "J" },
  { value: "licencia", label: "Con licencia", key: "L" },
] as const;

export const DECISIONS: Record<string, string> = {
  aprobado: "Aprobado",
  rechazado: "Rechazado",
  empate_voto_dirimente: "Empate: voto dirimente del alcalde",
  empate_repetir: "Empate: se repite la votación",
  empate_nueva_sesion: "Empate: pasa a una nueva sesión",
};

const find = (list: readonly { value: string; label: string }[], v: string | null | undefined) =>
  list.find((x) => x.value === v)?.label ?? v ?? "";

export const kindLabel = (v: string) => find(SESSION_KINDS, v);
export const modeLabel = (v: string) => find(SESSION_MODES, v);
export const stageLabel = (v: string) => find(STAGES, v);
export const majorityLabel = (v: string | null) => find(MAJORITIES, v);
export const ballotLabel = (v: string) => find(BALLOTS, v);
export const attendanceLabel = (v: string) => find(ATTENDANCE, v);
export const statusLabel = (v: SessionStatus) => SESSION_STATUSES[v] ?? v;
export const decisionLabel = (v: string | null) => (v ? (DECISIONS[v] ?? v) : "");

/** An id or count from the core as a plain number (null and undefined as 0). */
export const num = (v: number | null | undefined): number => Number(v ?? 0);

/** "HH:MM" of the local clock. */
export function nowHHMM(d: Date = new Date()): string {
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** Native "Guardar como…"; `null` when cancelled. */
export async function saveFile(
  title: string,
  defaultName: string,
  filters: { name: string; extensions: string[] }[],
): Promise<string | null> {
  try {
    return await invoke<string | null>("save_file", { title, defaultName, filters });
  } catch (e) {
    throw ApiError.from(e);
  }
}

/** Ask where, then write one of the session's documents there. Resolves to the path, or null. */
export async function exportRecord(
  kind: "convocatoria" | "agenda" | "paquete" | "acta",
  id: number,
  defaultName: string,
): Promise<string | null> {
  const path = await saveFile("Guardar PDF", defaultName, [{ name: "PDF", extensions: ["pdf"] }]);
  if (!path) return null;
  const r = await call("records.export", { kind, id, path });
  return r.path;
}
