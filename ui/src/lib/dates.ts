// Dates as clerks in Peru and Chile write them (dd/mm/aaaa) and as the core stores them
// (ISO YYYY-MM-DD). Civil dates only: no time zones, Date is used in UTC for arithmetic.

/** The message shown under a date field whose text is not a real date. */
export const DATE_ERROR = "Fecha no válida: use dd/mm/aaaa";

/** The message shown under an empty date field that is `required`. */
export const DATE_REQUIRED = "Indique la fecha (dd/mm/aaaa).";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** True for an ISO date that exists ("2026-02-31" is false). */
export function isIsoDate(s: string | null | undefined): s is string {
  const m = ISO.exec(s ?? "");
  return !!m && iso(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/**
 * Typed text -> ISO, or null when it is not a real date. Accepts dd/mm/aaaa, d/m/aaaa,
 * dd-mm-aaaa, dd.mm.aaaa, the eight digits ddmmaaaa and, when pasted, ISO aaaa-mm-dd.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (m) return iso(Number(m[4]), Number(m[3]), Number(m[1]));
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** ISO -> "dd/mm/aaaa"; anything else is returned as it is (empty for null). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = ISO.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** ISO date plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
}

/**
 * Put in the slashes while digits are typed: "21" + "1" -> "21/1", "21112026" -> "21/11/2026",
 * "21/112" -> "21/11/2". Only a two-digit day or month is closed automatically (a single digit
 * may still be the first of two), so "1/3/2025" needs its slashes.
 */
export function autoFormat(text: string): string {
  if (/^\d{3,8}$/.test(text)) {
    const parts = [text.slice(0, 2), text.slice(2, 4), text.slice(4)].filter((p) => p !== "");
    return parts.join("/");
  }
  const m = /^(\d{1,2})([/.-])(\d{2})(\d{1,4})$/.exec(text);
  if (m) return `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}`;
  return text;
}
