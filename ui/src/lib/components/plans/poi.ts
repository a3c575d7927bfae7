// The operational plan's grid: its columns and rows from the core's activities, the cells the
// person has typed and not yet saved, the changes sent to the core, and where the core's
// refusal of a change (`changes.N.physical`) goes back on the grid.
import type { ActivityRow } from "../../bindings/ActivityRow";
import type { TargetChange } from "../../bindings/TargetChange";
import { formatNumber, parseAmount } from "../../numbers";
import { MONTHS_SHORT } from "../../plans";
import type { GridChange, GridColumn, GridRow, GridValue } from "./cells";

/** Which targets the grid shows: physical quantities or money. */
export type TargetField = "physical" | "financial";

/** One cell typed by the person, kept as typed until the core accepts it. */
export interface TargetEdit {
  activityId: number;
  month: number;
  field: TargetField;
  text: string;
}

/** The identity of a target cell, whatever the grid shows. */
export function editKey(activityId: number, field: TargetField, month: number): string {
  return `${activityId}:${field}:${month}`;
}

/** The grid's column key of a month (1–12). */
export function monthColumn(month: number): string {
  return `m${month}`;
}

/** A number of the grid's money columns: soles with two decimals; typed text as typed. */
function money(value: GridValue): string {
  if (typeof value === "number") return formatNumber(value, { minDecimals: 2, maxDecimals: 2 });
  return value ?? "";
}

/**
 * The columns: code, name and unit of measure (read-only), the twelve months, and the annual
 * total (read-only). Months before `openFrom` (1–13) are read-only; `editable` false makes every
 * month read-only.
 */
export function poiColumns(field: TargetField, editable: boolean, openFrom = 1): GridColumn[] {
  const format = field === "financial" ? money : undefined;
  const width = field === "financial" ? 108 : 84;
  return [
    { key: "code", label: "Código", kind: "text", readonly: true, width: 104 },
    { key: "name", label: "Actividad", kind: "text", readonly: true, width: 260 },
    { key: "measure", label: "Unidad de medida", kind: "text", readonly: true, width: 140 },
    ...MONTHS_SHORT.map(
      (label, i): GridColumn => ({
        key: monthColumn(i + 1),
        label,
        kind: "number",
        readonly: !editable || i + 1 < openFrom,
        width,
        format,
      }),
    ),
    { key: "total", label: "Total anual", kind: "number", readonly: true, width: width + 24, format },
  ];
}

/** The value a cell of the core shows in the grid (soles for money). */
function stored(a: ActivityRow, field: TargetField, month: number): number {
  return field === "financial" ? (a.financial[month - 1] ?? 0) / 100 : (a.physical[month - 1] ?? 0);
}

/** The sum of a row's months; null when a typed cell is not a number. */
function total(values: GridValue[]): number | null {
  let sum = 0;
  for (const v of values) {
    const n = typeof v === "string" ? parseAmount(v) : v;
    if (typeof n === "string") return null;
    sum += n ?? 0;
  }
  return sum;
}

/** The grid's rows: the core's targets, with the cells typed and not yet saved as typed. */
export function poiRows(activities: ActivityRow[], field: TargetField, edits: Record<string, TargetEdit>): GridRow[] {
  return activities.map((a) => {
    const cells: Record<string, GridValue> = { code: a.code, name: a.name, measure: a.measure };
    const months: GridValue[] = [];
    for (let m = 1; m <= 12; m++) {
      const e = edits[editKey(a.id, field, m)];
      const v = e ? e.text : stored(a, field, m);
      cells[monthColumn(m)] = v;
      months.push(v);
    }
    cells.total = total(months);
    return { id: a.id, label: `${a.code} ${a.name}`, cells };
  });
}

/** The row of totals under the grid: each month's sum over the rows shown. */
export function totalsRow(rows: GridRow[], label: string): GridRow {
  const cells: Record<string, GridValue> = { code: "", name: label, measure: "" };
  for (const key of [...MONTHS_SHORT.map((_, i) => monthColumn(i + 1)), "total"]) {
    cells[key] = total(rows.map((r) => r.cells[key] ?? null));
  }
  return { id: "total", cells, readonly: true };
}

/** The grid's edits as target cells (only month columns). */
export function toEdits(changes: GridChange[], field: TargetField): TargetEdit[] {
  const out: TargetEdit[] = [];
  for (const c of changes) {
    const m = /^m(\d{1,2})$/.exec(c.key);
    if (!m) continue;
    out.push({ activityId: Number(c.rowId), month: Number(m[1]), field, text: c.value });
  }
  return out;
}

/** The changes sent to the core, one per cell, in the order given (the core names them by index). */
export function targetChanges(edits: TargetEdit[]): TargetChange[] {
  return edits.map((e) => ({
    activity_id: e.activityId,
    month: e.month,
    physical: e.field === "physical" ? e.text : null,
    financial: e.field === "financial" ? e.text : null,
  }));
}

/**
 * The cell a refusal of the core is about: its field `changes.N.<name>` names the N-th change
 * sent. Null when the error names no change (or one that was not sent).
 */
export function refusedCell(field: string | null, sent: TargetEdit[]): TargetEdit | null {
  const m = /^changes\.(\d+)(?:\.|$)/.exec(field ?? "");
  return m ? (sent[Number(m[1])] ?? null) : null;
}

/** Messages (or marks) by cell identity -> by the grid's `${rowId}:${columnKey}` for one field. */
export function gridKeys<V>(byCell: Record<string, V>, field: TargetField): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(byCell)) {
    const [id, f, month] = k.split(":");
    if (f === field) out[`${id}:${monthColumn(Number(month))}`] = v;
  }
  return out;
}
