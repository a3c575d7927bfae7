import { describe, expect, it } from "vitest";
import {
  type Sheet,
  cellText,
  clearChanges,
  columnWidth,
  editableAt,
  errorCells,
  parseTsv,
  pasteBlock,
  rangeTsv,
  toTsv,
} from "./cells";

describe("parseTsv", () => {
  it("splits rows by newline and cells by tab, dropping the trailing newline", () => {
    expect(parseTsv("1\t2\t3\r\n4\t5\t6\r\n")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
    expect(parseTsv("1\t2\n3\t4")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseTsv("1.234,5")).toEqual([["1.234,5"]]);
    expect(parseTsv("a\t\tc\n\t\t")).toEqual([
      ["a", "", "c"],
      ["", "", ""],
    ]);
    expect(parseTsv("a\n\nb")).toEqual([["a"], [""], ["b"]]);
    expect(parseTsv("")).toEqual([]);
    expect(parseTsv("\r\n")).toEqual([]);
  });

  it("reads cells quoted by a spreadsheet", () => {
    expect(parseTsv('"dos\nlíneas"\t5\n"con ""comillas"""\t6\n')).toEqual([
      ["dos\nlíneas", "5"],
      ['con "comillas"', "6"],
    ]);
    expect(parseTsv('"a\tb"\tc')).toEqual([["a\tb", "c"]]);
    // A quote that never closes is part of the text.
    expect(parseTsv('"sin cierre\t7')).toEqual([['"sin cierre', "7"]]);
  });

  it("reads back what toTsv writes", () => {
    const block = [
      ["Capacitación", "1.250,5", ""],
      ['dijo "sí"', "tab\there", "dos\nlíneas"],
    ];
    expect(toTsv(block)).toBe('Capacitación\t1.250,5\t\n"dijo ""sí"""\t"tab\there"\t"dos\nlíneas"');
    expect(parseTsv(toTsv(block))).toEqual(block);
  });
});

describe("cellText", () => {
  it("shows numbers the Spanish way unless the column formats them itself", () => {
    expect(cellText({ key: "a", label: "A", kind: "number" }, 1234.5)).toBe("1.234,5");
    expect(cellText({ key: "a", label: "A", kind: "number" }, 0.123456)).toBe("0,123456");
    expect(cellText({ key: "a", label: "A", kind: "number" }, "1.234,5x")).toBe("1.234,5x");
    expect(cellText({ key: "a", label: "A", kind: "text" }, null)).toBe("");
    expect(cellText({ key: "a", label: "A", kind: "text" }, undefined)).toBe("");
    expect(cellText({ key: "a", label: "A", kind: "number", format: (v) => `${v ?? 0} u.` }, null)).toBe("0 u.");
  });

  it("gives columns a default width by kind", () => {
    expect(columnWidth({ key: "a", label: "A", kind: "number" })).toBe(96);
    expect(columnWidth({ key: "a", label: "A", kind: "text" })).toBe(200);
    expect(columnWidth({ key: "a", label: "A", kind: "text", width: 50 })).toBe(50);
  });
});

describe("operations on a sheet", () => {
  const sheet: Sheet = {
    columns: [
      { key: "name", label: "Nombre", kind: "text", readonly: true },
      { key: "a", label: "A", kind: "number" },
      { key: "b", label: "B", kind: "number" },
    ],
    rows: [
      { id: "x:1", cells: { name: "Uno", a: 1, b: null } },
      { id: "x:2", cells: { name: "Dos", a: 2000, b: 3 }, readonly: true },
      { id: "x:3", cells: { name: "Tres", a: null, b: 4.5 } },
    ],
  };
  const all = { r0: 0, r1: 2, c0: 0, c1: 2 };

  it("knows which cells can be edited", () => {
    expect(editableAt(sheet, 0, 1)).toBe(true);
    expect(editableAt(sheet, 0, 0)).toBe(false);
    expect(editableAt(sheet, 1, 1)).toBe(false);
    expect(editableAt(sheet, 3, 1)).toBe(false);
    expect(editableAt(sheet, 0, 3)).toBe(false);
  });

  it("copies a range as the text shown", () => {
    expect(rangeTsv(sheet, all)).toBe("Uno\t1\t\nDos\t2.000\t3\nTres\t\t4,5");
  });

  it("clears only editable cells that hold something", () => {
    expect(clearChanges(sheet, all)).toEqual([
      { rowId: "x:1", key: "a", value: "" },
      { rowId: "x:3", key: "b", value: "" },
    ]);
  });

  it("pastes from the range's top-left cell, cut at the edges, and reports what it skipped", () => {
    const at = { r0: 0, r1: 0, c0: 1, c1: 1 };
    expect(pasteBlock(sheet, at, "1\t7\t9\n8\t8\n5\n6\n")).toEqual({
      changes: [
        { rowId: "x:1", key: "b", value: "7" },
        { rowId: "x:3", key: "a", value: "5" },
      ],
      // 9 past the right edge, row x:2 read-only (two cells), 6 past the bottom.
      skipped: 4,
      area: { r0: 0, r1: 2, c0: 1, c1: 2 },
    });
    expect(pasteBlock(sheet, at, "")).toBeNull();
    expect(pasteBlock({ ...sheet, rows: [] }, at, "1")).toBeNull();
  });

  it("fills a range with a single pasted value", () => {
    expect(pasteBlock(sheet, { r0: 0, r1: 2, c0: 2, c1: 2 }, "0\r\n")?.changes).toEqual([
      { rowId: "x:1", key: "b", value: "0" },
      { rowId: "x:3", key: "b", value: "0" },
    ]);
  });

  it("finds the cells with a message, in reading order, whatever the row ids hold", () => {
    const errors = { "x:3:a": "Falta.", "x:1:b": "Negativo.", "x:1:zz": "columna ajena", "y:9:a": "fila ajena", "x:2:a": "" };
    expect(errorCells(sheet, errors)).toEqual([
      { r: 0, c: 2 },
      { r: 2, c: 1 },
    ]);
  });
});
