// Words and small helpers shared by the screens of printable records: norms, certified copies,
// signatures and verification.
import type { NormInput } from "./bindings/NormInput";
import type { Series } from "./bindings/Series";

/** The four kinds of norms, as the core names them (also their printable kind). */
export const NORM_KINDS = [
  { value: "ordenanza", label: "Ordenanza" },
  { value: "decreto", label: "Decreto" },
  { value: "resolucion", label: "Resolución" },
  { value: "acuerdo", label: "Acuerdo" },
] as const;

export const SESSION_KINDS = [
  { value: "ordinaria", label: "Ordinaria" },
  { value: "extraordinaria", label: "Extraordinaria" },
  { value: "solemne", label: "Solemne" },
] as const;

const NORM_WORDS = ["ordenanza", "decreto", "acuerdo", "resolucion"];

/** A numbering series that numbers norms: `ordenanza`, `decreto`, `acuerdo`, `resolucion-*`. */
export function isNormSeries(code: string): boolean {
  return NORM_WORDS.some((w) => code === w || code.startsWith(`${w}-`));
}

/** The series' identifier carries the kind of session (acuerdos: "…-SO-CM/…"). */
export function needsSession(series: Series | undefined | null): boolean {
  return !!series && series.pattern.includes("{sesion}");
}

/** "Ordenanza", "Copia certificada"… for a printable kind. */
export function printableKindLabel(kind: string): string {
  if (kind === "copia-certificada") return "Copia certificada";
  return NORM_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** RFC 3339 → "21/11/2026 17:05" in this computer's time zone. */
export function dateTime(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "";
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(rfc3339)) return rfc3339;
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getDate())}/${p(t.getMonth() + 1)}/${t.getFullYear()} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

/** A SHA-256 digest in groups of eight hex digits, so it wraps and can be read aloud. */
export function groupedDigest(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(" ") ?? hex;
}

/** A SHA-256 fingerprint as certificate tools print it: "AB:CD:…". */
export function fingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(":");
}

/** Verdicts of `records.verify`. */
export type Verdict = "VÁLIDO" | "NO VÁLIDO" | "INDETERMINADO";

export function verdictClass(v: string): "valid" | "invalid" | "indeterminate" {
  if (v === "VÁLIDO") return "valid";
  if (v === "INDETERMINADO") return "indeterminate";
  return "invalid";
}

/** Base64 → bytes, for pdf.js. */
export function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let lastKey = 0;
/** A key for an editor row, stable while rows move. */
export function newKey(): number {
  return ++lastKey;
}

/** Move `list[i]` by `delta` places in place; returns the new index or -1. */
export function moveItem<T>(list: T[], i: number, delta: number): number {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return -1;
  const [x] = list.splice(i, 1);
  list.splice(j, 0, x);
  return j;
}

/** The kind of norm a series numbers (as the core's `kind_of_series`), or null. */
export function kindOfSeries(code: string): string | null {
  return NORM_WORDS.find((w) => code === w || code.startsWith(`${w}-`)) ?? null;
}

// ---------- The norm editor's model ----------
// What the clerk edits: NormInput with a stable key per row (rows move) and "" for absent text.

export interface Para {
  key: number;
  text: string;
}
export interface ArticleDraft {
  key: number;
  title: string;
  text: string;
  items: Para[];
}
export interface SignerDraft {
  key: number;
  name: string;
  cargo: string;
  dni: string;
}
export interface NormDraft {
  series: string;
  session_kind: string;
  date: string | null;
  title: string;
  issuer: string;
  vistos: Para[];
  considerandos: Para[];
  preamble: string;
  operative_heading: string;
  articles: ArticleDraft[];
  closing_formula: string;
  signatories: SignerDraft[];
}

/** Keys of `prev` are kept when a list has as many rows as before (so focus stays put). */
function keyed<T extends { key: number }, S>(
  src: S[],
  prev: T[] | undefined,
  make: (s: S, key: number, old: T | undefined) => T,
): T[] {
  const same = prev && prev.length === src.length;
  return src.map((s, i) => make(s, same ? prev[i].key : newKey(), same ? prev[i] : undefined));
}

function paras(src: string[], prev?: Para[]): Para[] {
  return keyed(src, prev, (text, key) => ({ key, text }));
}

/** A draft from the core's NormInput (after a load or a save), reusing `prev`'s row keys. */
export function draftFrom(n: NormInput, prev?: NormDraft): NormDraft {
  return {
    series: n.series,
    session_kind: n.session_kind ?? "",
    date: n.date,
    title: n.title,
    issuer: n.issuer ?? "",
    vistos: paras(n.vistos, prev?.vistos),
    considerandos: paras(n.considerandos, prev?.considerandos),
    preamble: n.preamble ?? "",
    operative_heading: n.operative_heading,
    articles: keyed(n.articles, prev?.articles, (a, key, old) => ({
      key,
      title: a.title ?? "",
      text: a.text,
      items: paras(a.items, old?.items),
    })),
    closing_formula: n.closing_formula,
    signatories: keyed(n.signatories, prev?.signatories, (s, key) => ({
      key,
      name: s.name,
      cargo: s.cargo,
      dni: s.dni ?? "",
    })),
  };
}

const orNullText = (s: string): string | null => (s.trim() === "" ? null : s);

/** What the editor sends: every row as typed (the core trims and drops empty ones). */
export function normInput(d: NormDraft, needsSessionKind: boolean): NormInput {
  return {
    series: d.series,
    session_kind: needsSessionKind && d.session_kind !== "" ? d.session_kind : null,
    date: d.date ?? "",
    title: d.title,
    issuer: orNullText(d.issuer),
    vistos: d.vistos.map((p) => p.text),
    considerandos: d.considerandos.map((p) => p.text),
    preamble: orNullText(d.preamble),
    operative_heading: d.operative_heading,
    articles: d.articles.map((a) => ({
      title: orNullText(a.title),
      text: a.text,
      items: a.items.map((p) => p.text),
    })),
    closing_formula: d.closing_formula,
    signatories: d.signatories.map((s) => ({ name: s.name, cargo: s.cargo, dni: orNullText(s.dni) })),
  };
}

/** "a", "b", … "z", "aa" for literales. */
export function letter(i: number): string {
  let s = "";
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
