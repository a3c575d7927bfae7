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
  /** Class(es) for a cell of this column by its value (e.g. a traffic light's dot next to its word). */
  cellClass?: (value: GridValue) => string;
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

/** What a grid shows: its rows and columns. */
export interface Sheet {
  rows: GridRow[];
  columns: GridColumn[];
}

/** A cell by position: row index and column index. */
export interface Cell {
  r: number;
  c: number;
}

/** A rectangle of cells by position, both ends included. */
export interface Range {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** The text of the cell at a position ("" past the edges). */
export function textAt(sheet: Sheet, r: number, c: number): string {
  const column = sheet.columns[c];
  return column ? cellText(column, sheet.rows[r]?.cells[column.key]) : "";
}

/** Whether the cell at a position exists and can be edited (neither its row nor its column is read-only). */
export function editableAt(sheet: Sheet, r: number, c: number): boolean {
  const row = sheet.rows[r];
  const column = sheet.columns[c];
  return !!row && !row.readonly && !!column && !column.readonly;
}

/** The range's cells as TSV, for the clipboard. */
export function rangeTsv(sheet: Sheet, range: Range): string {
  const block: string[][] = [];
  for (let r = range.r0; r <= range.r1; r++) {
    const line: string[] = [];
    for (let c = range.c0; c <= range.c1; c++) line.push(textAt(sheet, r, c));
    block.push(line);
  }
  return toTsv(block);
}

/** The changes that empty the range's editable cells that are not empty already. */
export function clearChanges(sheet: Sheet, range: Range): GridChange[] {
  const changes: GridChange[] = [];
  for (let r = range.r0; r <= range.r1; r++) {
    for (let c = range.c0; c <= range.c1; c++) {
      if (editableAt(sheet, r, c) && textAt(sheet, r, c) !== "") {
        changes.push({ rowId: sheet.rows[r].id, key: sheet.columns[c].key, value: "" });
      }
    }
  }
  return changes;
}

/** What pasting a block does: the cells whose text changes, how many were skipped, and the area covered. */
export interface Paste {
  changes: GridChange[];
  /** Cells of the block that fell on read-only cells or past the grid's edges. */
  skipped: number;
  /** The pasted area, cut at the grid's edges. */
  area: Range;
}

/**
 * A spreadsheet block pasted at the range's top-left cell; a single value fills the whole range.
 * Null for an empty block or an empty grid.
 */
export function pasteBlock(sheet: Sheet, range: Range, data: string): Paste | null {
  const block = parseTsv(data);
  if (block.length === 0 || sheet.rows.length === 0) return null;
  const fill = block.length === 1 && block[0].length === 1 && (range.r1 > range.r0 || range.c1 > range.c0);
  const height = fill ? range.r1 - range.r0 + 1 : block.length;
  const width = fill ? range.c1 - range.c0 + 1 : Math.max(...block.map((line) => line.length));
  const changes: GridChange[] = [];
  let skipped = 0;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const value = fill ? block[0][0] : block[i][j];
      if (value === undefined) continue;
      const r = range.r0 + i;
      const c = range.c0 + j;
      if (!editableAt(sheet, r, c)) skipped++;
      else if (value !== textAt(sheet, r, c)) changes.push({ rowId: sheet.rows[r].id, key: sheet.columns[c].key, value });
    }
  }
  const area = {
    r0: range.r0,
    c0: range.c0,
    r1: Math.min(range.r0 + height, sheet.rows.length) - 1,
    c1: Math.min(range.c0 + width, sheet.columns.length) - 1,
  };
  return { changes, skipped, area };
}

/**
 * The cells that `errors` (keyed `${rowId}:${key}`) has a message for, in reading order; keys of
 * rows or columns not in the sheet are left out.
 */
export function errorCells(sheet: Sheet, errors: Record<string, string>): Cell[] {
  const rowIndex = new Map(sheet.rows.map((row, i) => [String(row.id), i]));
  const colIndex = new Map(sheet.columns.map((col, i) => [col.key, i]));
  const found: Cell[] = [];
  for (const [k, message] of Object.entries(errors)) {
    if (!message) continue;
    const at = k.lastIndexOf(":");
    const r = rowIndex.get(k.slice(0, at));
    const c = colIndex.get(k.slice(at + 1));
    if (r !== undefined && c !== undefined) found.push({ r, c });
  }
  return found.sort((a, b) => a.r - b.r || a.c - b.c);
}
