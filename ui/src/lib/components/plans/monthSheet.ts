// A unit's month on the entry screen: what the person typed is kept here, by cell, until the
// month is saved in one request; the request sends every activity as text (the core parses it
// and refuses at the field), and the core's field (`entries.3.physical`) is placed back on the
// cell of that activity.
import type { ExecutionEntry } from "../../bindings/ExecutionEntry";
import type { MonthRow } from "../../bindings/MonthRow";
import type { MonthSheet } from "../../bindings/MonthSheet";
import { amountText } from "../../followup";
import { formatNumber, parseAmount } from "../../numbers";
import type { Country } from "../../terms";
import type { GridChange } from "./cells";

/** The cells the person fills in: executed physical, executed financial, comment. */
export type EntryField = "physical" | "financial" | "comment";

export const ENTRY_FIELDS: readonly EntryField[] = ["physical", "financial", "comment"];

/** Typed text by cell, keyed like the grid's errors: `${activityId}:${field}`. */
export type Edits = Record<string, string>;

/** The grid's key of an activity's cell. */
export function cellKey(activityId: number, field: EntryField): string {
  return `${activityId}:${field}`;
}

/** The text of what is saved in a cell (empty when nothing was entered yet). */
export function savedText(row: MonthRow, field: EntryField, country: Country): string {
  if (field === "physical") return row.physical === null ? "" : formatNumber(row.physical, { maxDecimals: 6 });
  if (field === "financial") return row.financial === null ? "" : amountText(row.financial, country);
  return row.comment;
}

/** The text a cell shows: what was typed, else what is saved. */
export function cellText(row: MonthRow, field: EntryField, edits: Edits, country: Country): string {
  return edits[cellKey(row.activity_id, field)] ?? savedText(row, field, country);
}

/**
 * The typed text after the grid's changes: a cell typed back to its saved text is no longer an
 * edit. Changes to cells that are not entries (a read-only column) are ignored.
 */
export function applyChanges(sheet: MonthSheet, edits: Edits, changes: GridChange[], country: Country): Edits {
  const next = { ...edits };
  for (const ch of changes) {
    const field = ENTRY_FIELDS.find((f) => f === ch.key);
    const row = sheet.rows.find((r) => r.activity_id === ch.rowId);
    if (!field || !row) continue;
    const key = cellKey(row.activity_id, field);
    if (ch.value === savedText(row, field, country)) delete next[key];
    else next[key] = ch.value;
  }
  return next;
}

/** The activities whose cells were typed in. */
export function editedRows(edits: Edits): Set<number> {
  return new Set(Object.keys(edits).map((k) => Number(k.slice(0, k.indexOf(":")))));
}

/**
 * The params' entries: every activity of the sheet, in its order, each cell as the text it
 * shows. An empty cell is sent empty (the core counts it as 0: the unit reports all its
 * activities at once). Numbers go as text written the Spanish way, never as JSON numbers.
 */
export function entriesOf(sheet: MonthSheet, edits: Edits, country: Country): ExecutionEntry[] {
  return sheet.rows.map((row) => ({
    activity_id: row.activity_id,
    physical: cellText(row, "physical", edits, country),
    financial: cellText(row, "financial", edits, country),
    comment: cellText(row, "comment", edits, country),
  }));
}

/** Where an error of `plan.execution.save` belongs on the screen. */
export type Placement =
  /** On a cell of the grid: `${activityId}:${field}`. */
  | { at: "cell"; cell: string }
  /** On the month selector. */
  | { at: "month" }
  /** Above the grid (an activity of another unit, the plan, nothing to save). */
  | { at: "general" };

/** The place of the core's `field` for params whose entries were `entries`. */
export function placeError(field: string | null, entries: ExecutionEntry[]): Placement {
  if (field === "month") return { at: "month" };
  const m = /^entries\.(\d+)\.(physical|financial|comment)$/.exec(field ?? "");
  const entry = m ? entries[Number(m[1])] : undefined;
  if (m && entry) return { at: "cell", cell: cellKey(entry.activity_id, m[2] as EntryField) };
  return { at: "general" };
}

/** The sum of a money column in céntimos, typed text included (text that is not a number counts nothing). */
export function financialTotal(sheet: MonthSheet, edits: Edits, country: Country): number {
  let total = 0;
  for (const row of sheet.rows) {
    const typed = edits[cellKey(row.activity_id, "financial")];
    if (typed === undefined) total += row.financial ?? 0;
    else {
      const v = parseAmount(typed);
      if (typeof v === "number") total += Math.round(v * 100);
    }
  }
  return total;
}

/** The sum of the programmed money of the month, céntimos. */
export function programmedTotal(sheet: MonthSheet): number {
  return sheet.rows.reduce((sum, r) => sum + r.programmed_financial, 0);
}

/** "1 actividad", "12 actividades". */
export function rowCountText(n: number): string {
  return n === 1 ? "1 actividad" : `${n} actividades`;
}
