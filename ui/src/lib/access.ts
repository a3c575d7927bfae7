import type { AccessOutcome } from "./bindings/AccessOutcome";
import type { RegisterExport } from "./bindings/RegisterExport";
import type { SheetFile } from "./bindings/SheetFile";
// Requests for access to public information (Acceso a la información): the words of the screen
// that change with the country, the legal states, the days left as a clerk says them, the
// letters that apply to a request, and the two calls whose generated types do not fit yet.
import { call } from "./api";
import type { AnswerInput } from "./bindings/AnswerInput";
import type { FollowupDetail } from "./bindings/FollowupDetail";
import type { InfoRequest } from "./bindings/InfoRequest";
import type { View } from "./bindings/View";
import type { Country } from "./terms";

/** How a request arrived (`RequestCreate.channel`). */
export function channels(country: Country): { value: string; label: string }[] {
  return [
    { value: "presencial", label: country === "CL" ? "Presencial (Oficina de Partes)" : "Presencial (mesa de partes)" },
    { value: "correo", label: "Correo electrónico" },
    { value: "portal", label: "Portal de Transparencia" },
    { value: "carta", label: "Carta" },
  ];
}

export function channelLabel(code: string, country: Country): string {
  return channels(country).find((c) => c.value === code)?.label ?? code;
}

/** The identity document as each country names it. */
export function docLabel(country: Country): string {
  return country === "CL" ? "RUN" : "DNI";
}

/** How the information may be delivered: suggestions, the clerk may type another. */
export function deliveryForms(country: Country): string[] {
  return country === "CL"
    ? ["Correo electrónico", "Copia en papel", "Retiro en la oficina", "Dispositivo de almacenamiento (USB)"]
    : ["Correo electrónico", "Copia simple", "Copia fedateada", "CD o USB", "Consulta directa en la oficina"];
}

/** The legal states of a request (`InfoRequest.state`). */
const STATES: Record<string, { label: string; tone: string }> = {
  en_tramite: { label: "En trámite", tone: "neutral" },
  en_subsanacion: { label: "En subsanación", tone: "draft" },
  prorrogada: { label: "Prorrogada", tone: "draft" },
  entregada: { label: "Entregada", tone: "sealed" },
  entregada_parcial: { label: "Entregada en parte", tone: "sealed" },
  denegada: { label: "Denegada", tone: "annulled" },
  desistida: { label: "Desistida", tone: "annulled" },
  no_subsanada: { label: "No subsanada", tone: "annulled" },
};

export function stateLabel(state: string): string {
  return STATES[state]?.label ?? state;
}

export function stateTone(state: string): string {
  return STATES[state]?.tone ?? "neutral";
}

/** The lists of the screen: feminine, since they list solicitudes. */
export const VIEWS: { value: View; label: string }[] = [
  { value: "abiertos", label: "Abiertas" },
  { value: "vencidos", label: "Vencidas" },
  { value: "hoy", label: "Vencen hoy" },
  { value: "semana", label: "Esta semana" },
  { value: "cerrados", label: "Cerradas" },
  { value: "todos", label: "Todas" },
];

const days = (n: number) => (n === 1 ? "1 día hábil" : `${n} días hábiles`);

/**
 * Working days left as a clerk says them: «vence hoy», «faltan 3 días hábiles», «vencida hace 2
 * días hábiles» (a solicitud; «vencido» an encargo or expediente); a closed item says nothing,
 * an open one without a due date has its clock stopped.
 */
export function daysLeftText(
  daysLeft: number | null,
  closedOn: string | null,
  dueOn: string | null,
  feminine = true,
): string {
  if (closedOn) return "—";
  if (daysLeft === null) return dueOn ? "—" : "Plazo detenido";
  if (daysLeft === 0) return "vence hoy";
  if (daysLeft > 0) return daysLeft === 1 ? "falta 1 día hábil" : `faltan ${days(daysLeft)}`;
  return `${feminine ? "vencida" : "vencido"} hace ${days(-daysLeft)}`;
}

/** The colour of the days left: red when overdue, amber today or within three days. */
export function daysLeftTone(daysLeft: number | null): "late" | "soon" | "" {
  if (daysLeft === null) return "";
  if (daysLeft < 0) return "late";
  if (daysLeft <= 3) return "soon";
  return "";
}

/** A printable letter of a request (`records.pdf` with the item's id). */
export interface Letter {
  kind: "carta-acuse" | "carta-prorroga" | "carta-respuesta" | "carta-denegatoria";
  label: string;
}

/** The letters that apply to a request as it stands. */
export function lettersFor(q: InfoRequest): Letter[] {
  const out: Letter[] = [{ kind: "carta-acuse", label: "Cargo de recepción" }];
  if (q.extended_on) out.push({ kind: "carta-prorroga", label: "Carta de prórroga" });
  if (q.state === "entregada" || q.state === "entregada_parcial")
    out.push({ kind: "carta-respuesta", label: "Carta de respuesta" });
  if (q.state === "denegada" || q.state === "entregada_parcial")
    out.push({ kind: "carta-denegatoria", label: "Carta de denegatoria" });
  return out;
}

export type Action = "correction" | "corrected" | "extend" | "answer" | "close";

/** The actions a request admits in its state (the screen also asks `app.can`). */
export function actionsFor(d: FollowupDetail): Action[] {
  const q = d.request;
  if (!q || d.item.closed_on) return [];
  const out: Action[] = [];
  if (q.state === "en_tramite" && !q.corrected_on) out.push("correction");
  if (q.state === "en_subsanacion") out.push("corrected");
  if (q.state === "en_tramite" && !q.extended_on) out.push("extend");
  if (q.state !== "en_subsanacion") out.push("answer");
  out.push("close");
  return out;
}

/** The method each action calls, for the permission check. */
export const ACTION_METHOD: Record<Action, string> = {
  correction: "access.correction",
  corrected: "access.corrected",
  extend: "access.extend",
  answer: "access.answer",
  close: "access.close",
};

/** A date and an hh:mm as the core reads a filing's moment: «2026-07-24T17:10». */
export function filedAt(date: string | null, time: string): string {
  const t = time.trim();
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  const hhmm = m ? `${m[1].padStart(2, "0")}:${m[2]}` : t;
  return `${date ?? ""}T${hhmm}`;
}

/** A filing's moment «2026-07-24T17:10» as «24/07/2026 17:10». */
export function filedAtText(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2})/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : s;
}

/** How a request ends when answered. */
export type AnswerOutcome = AccessOutcome;

export const OUTCOMES: { value: AnswerOutcome; label: string }[] = [
  { value: "entregada", label: "Entregada" },
  { value: "entregada_parcial", label: "Entregada en parte" },
  { value: "denegada", label: "Denegada" },
];

/** `access.register.export`: the register of requests of a year as a spreadsheet. */
export async function exportRegister(p: RegisterExport): Promise<SheetFile> {
  return call("access.register.export", p);
}
