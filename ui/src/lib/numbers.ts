// Numbers as clerks in Peru and Chile type and read them: "1.234,56", "1234.56", "1 234,5",
// "S/ 1.200". Formatting is done here by hand, not with Intl: ICU's es-PE writes "1,234.5",
// and the webview's ICU data may differ from the one the tests run with.

/** The message for a text that is not a number. */
export const AMOUNT_ERROR = "Escriba un número; por ejemplo 1250 o 1.250,50.";

/** A no-break space: keeps "S/" and "%" on the line of their number. */
const NBSP = "\u00a0";

/**
 * Typed or pasted text -> the number it says; null for empty text; `AMOUNT_ERROR` (a string)
 * for anything else, so `typeof r === "string"` tells an error.
 *
 * Accepted: an optional sign ("-" or "−"), an optional currency ("S/", "S/.", "$") and digits
 * grouped by dots, commas or spaces in threes, with a decimal comma or point:
 * - with both "." and "," the last one is the decimal separator ("1.234,56", "1,234.56");
 * - a lone "," is decimal ("1,5", "1234,56"); several commas group ("1,234,567");
 * - a lone "." is a thousands dot when three digits follow it and one to three digits (not a
 *   leading 0) precede it, as in "S/ 1.200" and "12.500"; otherwise decimal ("1234.56", "0.250");
 *   several dots group ("1.234.567");
 * - spaces group ("1 234,5"), and then a lone "." or "," is decimal.
 */
export function parseAmount(text: string): number | null | string {
  let s = text.replace(/[\u00a0\u2007\u2009\u202f]/g, " ").replace(/\u2212/g, "-").trim();
  if (s === "") return null;
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  const currency = /^(S\/\.?|\$)\s*/i.exec(s);
  if (currency) s = s.slice(currency[0].length);
  if (s.startsWith("-") && !negative) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  const value = parseUnsigned(s);
  if (value === null) return AMOUNT_ERROR;
  return negative && value !== 0 ? -value : value;
}

/** Digits with separators (no sign, no currency) -> the number, or null when malformed. */
function parseUnsigned(s: string): number | null {
  if (!/^[\d.,]+( [\d.,]+)*$/.test(s) || !/\d/.test(s)) return null;
  const dots = count(s, ".");
  const commas = count(s, ",");
  const spaced = s.includes(" ");
  let decimal: "." | "," | null = null;
  let group: "." | "," | " " | null = spaced ? " " : null;
  if (dots > 0 && commas > 0) {
    if (spaced) return null;
    decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    group = decimal === "." ? "," : ".";
    if (count(s, decimal) > 1) return null;
  } else if (dots + commas === 1) {
    const sep = dots === 1 ? "." : ",";
    decimal = sep === "." && !spaced && /^[1-9]\d{0,2}\.\d{3}$/.test(s) ? null : sep;
    if (decimal === null) group = ".";
  } else if (dots + commas > 1) {
    if (spaced) return null;
    group = dots > 0 ? "." : ",";
  }

  let whole = s;
  let fraction = "";
  if (decimal !== null) {
    const at = s.indexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return null;
  }
  if (group !== null && whole !== "") {
    const parts = whole.split(group);
    if (parts.length > 1 && !(/^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p)))) {
      return null;
    }
    whole = parts.join("");
  }
  if (!/^\d*$/.test(whole)) return null;
  const n = Number(`${whole || "0"}.${fraction || "0"}`);
  return Number.isFinite(n) ? n : null;
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

/** Options of `formatNumber`: how many decimals to show at least and at most. */
export interface NumberFormat {
  /** Decimals always shown (trailing zeros kept); 0 by default. */
  minDecimals?: number;
  /** Decimals at most (the rest rounded to the nearest); 2 by default. */
  maxDecimals?: number;
}

/**
 * A number the Spanish way: thousands dot, decimal comma, "-" for negatives
 * (1234.5 -> "1.234,5"; -0.004 -> "0"). Not a finite number -> "—".
 */
export function formatNumber(x: number, { minDecimals = 0, maxDecimals = 2 }: NumberFormat = {}): string {
  if (!Number.isFinite(x)) return "—";
  const max = Math.max(maxDecimals, minDecimals);
  const [whole, fraction = ""] = Math.abs(x).toFixed(max).split(".");
  let decimals = fraction;
  while (decimals.length > minDecimals && decimals.endsWith("0")) decimals = decimals.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ".");
  const zero = /^0*$/.test(whole + decimals);
  return `${x < 0 && !zero ? "-" : ""}${grouped}${decimals ? `,${decimals}` : ""}`;
}

/**
 * Percentage points with one decimal at most and a no-break space before "%":
 * 87.5 -> "87,5 %", 90 -> "90 %". Not a finite number -> "—".
 */
export function formatPercent(x: number, maxDecimals = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${formatNumber(x, { maxDecimals })}${NBSP}%`;
}

/**
 * An amount in céntimos as soles: 123456 -> "S/ 1.234,56", -5 -> "-S/ 0,05" (a no-break space
 * after "S/"). A fraction of a céntimo is rounded. Not a finite number -> "—".
 */
export function formatSoles(cents: number): string {
  if (!Number.isFinite(cents)) return "—";
  const c = Math.round(Math.abs(cents));
  const whole = String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+$)/g, ".");
  const fraction = String(c % 100).padStart(2, "0");
  return `${cents < 0 && c !== 0 ? "-" : ""}S/${NBSP}${whole},${fraction}`;
}
