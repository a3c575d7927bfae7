import { describe, expect, it } from "vitest";
import { AMOUNT_ERROR, formatNumber, formatPercent, formatSoles, parseAmount } from "./numbers";

const NBSP = "\u00a0";

describe("parseAmount", () => {
  it("reads the Spanish and the English way of writing decimals", () => {
    expect(parseAmount("1.234,56")).toBe(1234.56);
    expect(parseAmount("1234.56")).toBe(1234.56);
    expect(parseAmount("1234,56")).toBe(1234.56);
    expect(parseAmount("1,234.56")).toBe(1234.56);
    expect(parseAmount("1.234.567,89")).toBe(1234567.89);
    expect(parseAmount("1,234,567.89")).toBe(1234567.89);
    expect(parseAmount("0,5")).toBe(0.5);
    expect(parseAmount(",5")).toBe(0.5);
    expect(parseAmount("0.250")).toBe(0.25);
    expect(parseAmount("1.5")).toBe(1.5);
    expect(parseAmount("1250")).toBe(1250);
    expect(parseAmount("0")).toBe(0);
  });

  it("takes a lone dot before three digits as thousands, a lone comma as decimals", () => {
    expect(parseAmount("1.200")).toBe(1200);
    expect(parseAmount("12.500")).toBe(12500);
    expect(parseAmount("125.000")).toBe(125000);
    expect(parseAmount("1234.567")).toBe(1234.567);
    expect(parseAmount("1,234")).toBe(1.234);
    expect(parseAmount("1.234.567")).toBe(1234567);
    expect(parseAmount("1,234,567")).toBe(1234567);
  });

  it("accepts spaces between groups of three, including no-break spaces", () => {
    expect(parseAmount("1 234,5")).toBe(1234.5);
    expect(parseAmount("1 234.5")).toBe(1234.5);
    expect(parseAmount(`1${NBSP}234${NBSP}567`)).toBe(1234567);
    expect(parseAmount("1\u202f234,50")).toBe(1234.5);
    expect(parseAmount("  42  ")).toBe(42);
  });

  it("accepts a currency and a sign", () => {
    expect(parseAmount("S/ 1.200")).toBe(1200);
    expect(parseAmount("S/1.200,50")).toBe(1200.5);
    expect(parseAmount("S/. 1,200.50")).toBe(1200.5);
    expect(parseAmount("s/ 15")).toBe(15);
    expect(parseAmount("$ 12.500")).toBe(12500);
    expect(parseAmount("-1.234,5")).toBe(-1234.5);
    expect(parseAmount("−3")).toBe(-3);
    expect(parseAmount("-S/ 5")).toBe(-5);
    expect(parseAmount("S/ -5")).toBe(-5);
    expect(Object.is(parseAmount("-0"), 0)).toBe(true);
  });

  it("gives null for empty text", () => {
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("   ")).toBeNull();
  });

  it("refuses anything else with a Spanish message", () => {
    expect(AMOUNT_ERROR).toBe("Escriba un número; por ejemplo 1250 o 1.250,50.");
    for (const bad of [
      "abc",
      "12a",
      "1e5",
      "5,",
      ".",
      "S/",
      "-",
      "--5",
      "1.23.4",
      "1.234.56",
      "1,2,3",
      "12 34",
      "1  234",
      "1.234,56,7",
      "1 234.567,5",
      "1.234,5.6",
      "50 %",
      "Infinity",
    ]) {
      expect(parseAmount(bad), bad).toBe(AMOUNT_ERROR);
    }
  });

  it("reads back what formatNumber writes", () => {
    for (const x of [0, 1.5, 12, 999, 1000, 1234.5, 1234.567, 125000, 0.125, -98765.43, 1234567.891]) {
      expect(parseAmount(formatNumber(x, { maxDecimals: 6 })), String(x)).toBe(x);
    }
  });
});

describe("formatNumber", () => {
  it("groups thousands with dots and writes a decimal comma", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1000)).toBe("1.000");
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatNumber(-1234.5)).toBe("-1.234,5");
    expect(formatNumber(0.125, { maxDecimals: 3 })).toBe("0,125");
  });

  it("rounds to the decimals asked and keeps the minimum", () => {
    expect(formatNumber(2.346)).toBe("2,35");
    expect(formatNumber(2.5, { maxDecimals: 0 })).toBe("3");
    expect(formatNumber(1234, { minDecimals: 2 })).toBe("1.234,00");
    expect(formatNumber(1.5, { minDecimals: 2, maxDecimals: 2 })).toBe("1,50");
    expect(formatNumber(999.999)).toBe("1.000");
    expect(formatNumber(-0.004)).toBe("0");
  });

  it("writes a dash for what is not a number", () => {
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("—");
  });
});

describe("formatPercent", () => {
  it("writes percentage points with one decimal at most", () => {
    expect(formatPercent(87.5)).toBe(`87,5${NBSP}%`);
    expect(formatPercent(90)).toBe(`90${NBSP}%`);
    expect(formatPercent(66.666)).toBe(`66,7${NBSP}%`);
    expect(formatPercent(0)).toBe(`0${NBSP}%`);
    expect(formatPercent(1250)).toBe(`1.250${NBSP}%`);
    expect(formatPercent(-12.25, 2)).toBe(`-12,25${NBSP}%`);
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("formatSoles", () => {
  it("writes céntimos as soles with two decimals", () => {
    expect(formatSoles(123456)).toBe(`S/${NBSP}1.234,56`);
    expect(formatSoles(0)).toBe(`S/${NBSP}0,00`);
    expect(formatSoles(5)).toBe(`S/${NBSP}0,05`);
    expect(formatSoles(100)).toBe(`S/${NBSP}1,00`);
    expect(formatSoles(123456789012)).toBe(`S/${NBSP}1.234.567.890,12`);
    expect(formatSoles(-5)).toBe(`-S/${NBSP}0,05`);
    expect(formatSoles(-150000)).toBe(`-S/${NBSP}1.500,00`);
    expect(formatSoles(99.6)).toBe(`S/${NBSP}1,00`);
    expect(formatSoles(-0.4)).toBe(`S/${NBSP}0,00`);
    expect(formatSoles(Number.NaN)).toBe("—");
  });
});
