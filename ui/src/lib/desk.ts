// The follow-up desk (encargos, requests for information, citizens' complaints) as people read
// it: the sources and views in Spanish (Chile's words where they differ), the days left of a
// due date in words and colour, a milestone's kind, and the complaint's own vocabulary.
import type { FollowupList } from "./bindings/FollowupList";
import type { FollowupRow } from "./bindings/FollowupRow";
import type { ItemKind } from "./bindings/ItemKind";
import type { NormKind } from "./bindings/NormKind";
import type { Source } from "./bindings/Source";
import type { StatusRow } from "./bindings/StatusRow";
import type { View } from "./bindings/View";
import type { Country } from "./terms";

/** Rows per page of every follow-up list. */
export const FOLLOWUP_PAGE = 50;

/** The views of a list, in the order the screens offer them. */
export const VIEWS: { value: View; label: string }[] = [
  { value: "abiertos", label: "Abiertos" },
  { value: "vencidos", label: "Vencidos" },
  { value: "hoy", label: "Vencen hoy" },
  { value: "semana", label: "Esta semana" },
  { value: "cerrados", label: "Cerrados" },
  { value: "todos", label: "Todos" },
];

/** What an item is, as a list names it. */
export const KINDS: { value: ItemKind; label: string }[] = [
  { value: "encargo", label: "Encargos" },
  { value: "solicitud", label: "Acceso a la información" },
  { value: "reclamo", label: "Reclamos y consultas" },
];

/** Every source, in the core's order (`Source::ALL`). */
export const SOURCES: Source[] = [
  "acuerdo",
  "ordenanza",
  "norma",
  "pedido",
  "solicitud",
  "reclamo",
  "contraloria",
  "alcaldia",
  "gerencia",
  "otro",
];

/** The sources of an encargo (requests and complaints are registered as such). */
export const ENCARGO_SOURCES: Source[] = SOURCES.filter((s) => s !== "solicitud" && s !== "reclamo");

/** The sources «Nuevo encargo» offers: pedidos come from the session's agenda. */
export const NEW_ENCARGO_SOURCES: Source[] = ENCARGO_SOURCES.filter((s) => s !== "pedido");

/** A source as a person reads it (the core's `Source::label`). */
export function sourceLabel(s: Source, country: Country): string {
  const cl = country === "CL";
  switch (s) {
    case "acuerdo":
      return "Acuerdo de Concejo";
    case "ordenanza":
      return "Ordenanza";
    case "norma":
      return "Norma municipal";
    case "pedido":
      return cl ? "Solicitud de concejal" : "Pedido de regidor";
    case "solicitud":
      return "Acceso a la información";
    case "reclamo":
      return "Reclamo ciudadano";
    case "contraloria":
      return "Requerimiento de Contraloría";
    case "alcaldia":
      return cl ? "Instrucción del Alcalde" : "Disposición de Alcaldía";
    case "gerencia":
      return cl ? "Instrucción de la Administración Municipal" : "Disposición de Gerencia Municipal";
    case "otro":
      return "Otro";
  }
}

/** Sources that come from a norm of the registry. */
export const needsNorm = (s: Source): boolean => s === "acuerdo" || s === "ordenanza" || s === "norma";

/** Sources whose document must be named (`source_ref`). */
export const needsRef = (s: Source): boolean => s === "contraloria" || s === "otro";

/** The source of an encargo given from a norm of kind `k`. */
export function sourceOfNorm(k: NormKind): Source {
  return k === "acuerdo" || k === "ordenanza" ? k : "norma";
}

/** The norm kinds a source links to (`null`: the other kinds, decretos and resoluciones). */
export function normKindsOf(s: Source): NormKind[] {
  if (s === "acuerdo") return ["acuerdo"];
  if (s === "ordenanza") return ["ordenanza"];
  return ["decreto", "resolucion"];
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** How far the due date is: its words and a tone (colour class). */
export interface DueWords {
  text: string;
  tone: "overdue" | "today" | "soon" | "ok" | "closed" | "none";
}

/**
 * The days left of a row in words: «vence hoy», «faltan 3 días hábiles», «vencido hace 2 días
 * hábiles»; closed rows say when they were closed, rows without a clock say so.
 */
export function dueWords(r: Pick<FollowupRow, "days_left" | "status" | "closed_on" | "due_on">): DueWords {
  if (r.closed_on) return { text: `cerrado el ${shortIso(r.closed_on)}`, tone: "closed" };
  const d = r.days_left;
  if (d === null || d === undefined) return { text: r.due_on ? "" : "sin plazo", tone: "none" };
  if (d < 0) {
    const n = -d;
    return { text: `vencido hace ${n} ${plural(n, "día hábil", "días hábiles")}`, tone: "overdue" };
  }
  // Past its date but with no working day since (due on Friday, today Saturday).
  if (r.status === "vencido") return { text: "vencido", tone: "overdue" };
  if (d === 0) return { text: "vence hoy", tone: "today" };
  const words = `${plural(d, "falta", "faltan")} ${d} ${plural(d, "día hábil", "días hábiles")}`;
  return { text: words, tone: d <= 2 ? "soon" : "ok" };
}

function shortIso(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A status code's label: the core's list of states, else the code in words. */
export function statusLabel(code: string | null | undefined, statuses: StatusRow[]): string {
  if (!code) return "";
  const s = statuses.find((x) => x.code === code);
  if (s) return s.label;
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const MILESTONE_KINDS: Record<string, string> = {
  registro: "Registro",
  avance: "Avance",
  estado: "Cambio de estado",
  plazo: "Cambio de plazo",
  subsanacion: "Subsanación",
  prorroga: "Prórroga",
  respuesta: "Respuesta",
  derivacion: "Derivación",
  nota: "Nota",
};

/** A milestone's kind in words. */
export const milestoneKind = (k: string): string => MILESTONE_KINDS[k] ?? statusLabel(k, []);

/** The kinds of citizens' filings. */
export const COMPLAINT_TYPES = [
  { value: "reclamo", label: "Reclamo" },
  { value: "queja", label: "Queja" },
  { value: "consulta", label: "Consulta" },
] as const;

/** How a complaint came in. */
export const COMPLAINT_CHANNELS = [
  { value: "presencial", label: "Presencial" },
  { value: "correo", label: "Correo electrónico" },
  { value: "portal", label: "Portal web" },
  { value: "telefono", label: "Teléfono" },
  { value: "carta", label: "Carta" },
] as const;

export const complaintTypeLabel = (v: string): string => COMPLAINT_TYPES.find((t) => t.value === v)?.label ?? v;
export const channelLabel = (v: string): string => COMPLAINT_CHANNELS.find((t) => t.value === v)?.label ?? v;

/** The filter of a list with the view and page given by default. */
export function listParams(f: Partial<FollowupList>): FollowupList {
  return { view: "abiertos", offset: 0, limit: FOLLOWUP_PAGE, ...f };
}

/** "2026-08-07" and "14:30" -> "2026-08-07T14:30" (the date alone when no time; absent when no date). */
export function filedAt(date: string | null | undefined, time: string): string | undefined {
  const d = (date ?? "").trim();
  if (!d) return undefined;
  const t = time.trim();
  return t ? `${d}T${t}` : d;
}

/** A file's name from its path (either slash). */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** A list filter without its null fields (Inicio sends every absent field as null). */
export function withoutNulls(f: FollowupList): Partial<FollowupList> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined)) as Partial<FollowupList>;
}
