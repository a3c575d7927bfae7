import { describe, expect, it } from "vitest";
import { cellText, columnWidth, parseTsv, toTsv } from "./cells";

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
