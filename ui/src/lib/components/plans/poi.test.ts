import { describe, expect, it } from "vitest";
import { firstOpenMonth } from "../../plans";
import { activity } from "../../../test/plans";
import { editKey, gridKeys, poiColumns, poiRows, refusedCell, targetChanges, toEdits, totalsRow, type TargetEdit } from "./poi";

const sent: TargetEdit[] = [
  { activityId: 31, month: 3, field: "physical", text: "5" },
  { activityId: 32, month: 4, field: "financial", text: "diez" },
];

describe("the operational plan's grid", () => {
  it("names the cell of a refusal `changes.N.…` by the N-th change sent", () => {
    expect(refusedCell("changes.1.financial", sent)).toEqual(sent[1]);
    expect(refusedCell("changes.0.month", sent)).toEqual(sent[0]);
    expect(refusedCell("changes.7.physical", sent)).toBeNull();
    expect(refusedCell("changes", sent)).toBeNull();
    expect(refusedCell("reason", sent)).toBeNull();
    expect(refusedCell(null, sent)).toBeNull();
  });

  it("sends each cell as typed, in the field it was typed in", () => {
    expect(targetChanges(sent)).toEqual([
      { activity_id: 31, month: 3, physical: "5", financial: null },
      { activity_id: 32, month: 4, physical: null, financial: "diez" },
    ]);
    expect(toEdits([{ rowId: 31, key: "m12", value: "7" }, { rowId: 31, key: "total", value: "1" }], "financial")).toEqual([
      { activityId: 31, month: 12, field: "financial", text: "7" },
    ]);
  });

  it("shows a field's marks at `${rowId}:m${month}` and money in soles from céntimos", () => {
    const byCell = { [editKey(31, "physical", 3)]: "a", [editKey(32, "financial", 4)]: "b" };
    expect(gridKeys(byCell, "physical")).toEqual({ "31:m3": "a" });
    expect(gridKeys(byCell, "financial")).toEqual({ "32:m4": "b" });

    const rows = poiRows([activity(31, "A1", "Uno")], "financial", { [editKey(31, "financial", 2)]: { activityId: 31, month: 2, field: "financial", text: "2.000" } });
    expect(rows[0].cells.m1).toBe(1500);
    expect(rows[0].cells.m2).toBe("2.000");
    expect(rows[0].cells.total).toBe(1500 * 11 + 2000);
    const money = poiColumns("financial", true).find((c) => c.key === "m1")!;
    expect(money.format?.(1500)).toBe("1.500,00");
    expect(totalsRow(rows, "Total").cells.total).toBe(18500);
    // A typed text that is not a number leaves the total empty.
    const bad = poiRows([activity(31, "A1", "Uno")], "physical", { [editKey(31, "physical", 1)]: { activityId: 31, month: 1, field: "physical", text: "x" } });
    expect(bad[0].cells.total).toBeNull();
  });

  it("opens the months from the current one when reprogramming, as the core does", () => {
    expect(firstOpenMonth(2026, "2025-12-31")).toBe(1);
    expect(firstOpenMonth(2026, "2026-07-15")).toBe(7);
    expect(firstOpenMonth(2026, "2027-01-01")).toBe(13);
    const cols = poiColumns("physical", true, 7);
    expect(cols.filter((c) => c.key.startsWith("m") && !c.readonly).map((c) => c.key)).toEqual(["m7", "m8", "m9", "m10", "m11", "m12"]);
    expect(poiColumns("physical", false).every((c) => c.readonly)).toBe(true);
  });
});
