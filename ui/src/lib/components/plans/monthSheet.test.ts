import { describe, expect, it } from "vitest";
import { applyChanges, editedRows, entriesOf, financialTotal, placeError } from "./monthSheet";
import { julySheet } from "../../../test/followup";

describe("a unit's month on the entry screen", () => {
  const sheet = julySheet();

  it("keeps typed text by cell, and forgets a cell typed back to what is saved", () => {
    let edits = applyChanges(sheet, {}, [{ rowId: 102, key: "physical", value: "1.250,5" }], "PE");
    edits = applyChanges(sheet, edits, [{ rowId: 101, key: "financial", value: "2.400,00" }], "PE");
    edits = applyChanges(sheet, edits, [{ rowId: 101, key: "name", value: "otra" }], "PE");
    expect(edits).toEqual({ "102:physical": "1.250,5" });
    expect(editedRows(edits)).toEqual(new Set([102]));
  });

  it("sends every activity, each cell as the text it shows", () => {
    const entries = entriesOf(sheet, { "103:comment": "Sin meta: se hizo igual" }, "PE");
    expect(entries).toEqual([
      { activity_id: 101, physical: "38", financial: "2.400,00", comment: "" },
      { activity_id: 102, physical: "", financial: "", comment: "" },
      { activity_id: 103, physical: "", financial: "", comment: "Sin meta: se hizo igual" },
    ]);
  });

  it("puts the core's field on the cell of the entry it names", () => {
    const entries = entriesOf(sheet, {}, "PE");
    expect(placeError("entries.1.physical", entries)).toEqual({ at: "cell", cell: "102:physical" });
    expect(placeError("entries.2.comment", entries)).toEqual({ at: "cell", cell: "103:comment" });
    expect(placeError("entries.0.financial", entries)).toEqual({ at: "cell", cell: "101:financial" });
    expect(placeError("month", entries)).toEqual({ at: "month" });
    expect(placeError("entries.9.physical", entries)).toEqual({ at: "general" });
    expect(placeError("entries.0.activity_id", entries)).toEqual({ at: "general" });
    expect(placeError(null, entries)).toEqual({ at: "general" });
  });

  it("totals the money typed, ignoring text that is not a number", () => {
    expect(financialTotal(sheet, {}, "PE")).toBe(240000);
    expect(financialTotal(sheet, { "102:financial": "1.000,50", "103:financial": "diez" }, "PE")).toBe(340050);
  });
});
