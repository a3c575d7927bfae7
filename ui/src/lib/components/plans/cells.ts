// The data model of <Grid> and the text it exchanges with spreadsheets: a block copied from
// Excel or LibreOffice arrives as text/plain, rows by newline and cells by tab, with a cell that
// holds a tab, a newline or starts with a quote written between double quotes ("" for a quote).
import { formatNumber } from "../../numbers";

/** What a cell holds: the grid shows it as text and hands edits back as text. */
export type GridValue = string | number | null;

/** One column of a <Grid>. */
export interface GridColumn {
  /** The key of the cell in each row's `cells` (and in `errors` and changes). */
  key: string;
  /** The header, and the column's name in messages ("Fila 3, Mar: …"). */
  label: string;
  /** "number" aligns right, shows numbers as 1.234,5 and opens a decimal keypad. */
  kind: "text" | "number";
  /** Nobody edits this column (a code, a name, a computed total). */
  readonly?: boolean;
  /** Width in pixels; 200 for text and 96 for numbers by default. */
  width?: number;
  /** The text shown, edited and copied for a value; by default numbers as 1.234,5 (up to six decimals). */
  format?: (value: GridValue) => string;
}

/** One row of a <Grid>. */
export interface GridRow {
  /** Stable identity: in changes, in `errors` keys and in `data-testid="cell-${id}-${key}"`. */
  id: string | number;
  /** The values by column key; a missing key is an empty cell. */
  cells: Record<string, GridValue>;
  /** No cell of this row can be edited (a subtotal, a closed month). */
  readonly?: boolean;
  /** Class(es) for the row's <tr> (e.g. a level of indentation). */
  cls?: string;
  /** The row's name in messages; "Fila N" (its position, from 1) by default. */
  label?: string;
}

/** One edited cell, as the person typed or pasted it (never parsed: the caller decides). */
export interface GridChange {
  rowId: string | number;
  key: string;
  value: string;
}

/** The default width of a column. */
export function columnWidth(column: GridColumn): number {
  return column.width ?? (column.kind === "number" ? 96 : 200);
}

/** The text of a value in a column (what is shown, what editing starts from, what is copied). */
export function cellText(column: GridColumn, value: GridValue | undefined): string {
  if (column.format) return column.format(value ?? null);
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, { maxDecimals: 6 });
  return value;
}

/**
 * A text/plain block from a spreadsheet -> its rows of cells. The trailing newline spreadsheets
 * add is dropped; CRLF and LF both end a row; quoted cells keep their tabs, newlines and quotes.
 */
export function parseTsv(text: string): string[][] {
  const t = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  if (t === "") return [];
  const rows: string[][] = [[]];
  let i = 0;
  for (;;) {
    const quoted = t[i] === '"' ? readQuoted(t, i) : null;
    let cell = "";
    if (quoted) [cell, i] = quoted;
    const end = nextBreak(t, i);
    cell += t.slice(i, end);
    i = end;
    rows[rows.length - 1].push(cell);
    if (i >= t.length) return rows;
    if (t[i] === "\n") rows.push([]);
    i++;
  }
}

/** The quoted cell that starts at `from`, unquoted, and where it ends; null when no quote closes it. */
function readQuoted(t: string, from: number): [string, number] | null {
  let out = "";
  let j = from + 1;
  for (;;) {
    const q = t.indexOf('"', j);
    if (q < 0) return null;
    out += t.slice(j, q);
    if (t[q + 1] !== '"') return [out, q + 1];
    out += '"';
    j = q + 2;
  }
}

/** The index of the next tab or newline at or after `from` (the length when none). */
function nextBreak(t: string, from: number): number {
  for (let k = from; k < t.length; k++) if (t[k] === "\t" || t[k] === "\n") return k;
  return t.length;
}

/** Rows of cells -> text/plain for a spreadsheet (cells by tab, rows by newline, quoted when needed). */
export function toTsv(rows: string[][]): string {
  const quote = (c: string) => (/[\t\n\r"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join("\t")).join("\n");
}
