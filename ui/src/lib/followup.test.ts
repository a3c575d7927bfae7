import { describe, expect, it } from "vitest";
import {
  amountText,
  dayMonthYear,
  defaultMonth,
  defaultPlan,
  followedPlans,
  monthBegun,
  monthLabels,
  money,
  moneyRounded,
  rememberUnit,
  rememberedUnit,
} from "./followup";
import { draftPoi, poi } from "../test/followup";

const NBSP = "\u00a0";

describe("follow-up words and figures", () => {
  it("writes money the country's way", () => {
    expect(money(123456, "PE")).toBe(`S/${NBSP}1.234,56`);
    expect(money(123456, "CL")).toBe(`$${NBSP}1.234,56`);
    expect(money(12345600, "CL")).toBe(`$${NBSP}123.456`);
    expect(moneyRounded(123456789, "PE")).toBe(`S/${NBSP}1.234.568`);
    expect(amountText(125050, "PE")).toBe("1.250,50");
    expect(amountText(125000, "CL")).toBe("1.250");
  });

  it("names September as each country does on the charts", () => {
    expect(monthLabels("PE")[8]).toBe("Set");
    expect(monthLabels("CL")[8]).toBe("Sep");
  });

  it("shows the last month ended of the plan's year, and knows which months have begun", () => {
    expect(defaultMonth(2026, "2026-08-05")).toBe(7);
    expect(defaultMonth(2026, "2026-01-20")).toBe(1);
    expect(defaultMonth(2026, "2027-02-01")).toBe(12);
    expect(defaultMonth(2026, "2025-12-01")).toBe(1);
    expect(monthBegun(2026, 8, "2026-08-01")).toBe(true);
    expect(monthBegun(2026, 9, "2026-08-31")).toBe(false);
  });

  it("writes a deadline as a day of a month", () => {
    expect(dayMonthYear("2026-08-07")).toBe("7 de agosto de 2026");
  });

  it("follows approved plans only, this year's POI by default", () => {
    const old = { ...poi, id: 5, year: 2025, last_year: 2025, name: "POI 2025" };
    const plans = followedPlans([old, draftPoi, poi]);
    expect(plans.map((p) => p.name)).toEqual(["POI 2026", "POI 2025"]);
    expect(defaultPlan(plans, "2026-08-05")?.id).toBe(7);
    expect(defaultPlan(plans, "2030-01-05")?.id).toBe(7);
    expect(defaultPlan([], "2026-08-05")).toBeNull();
  });

  it("remembers the unit chosen last", () => {
    localStorage.clear();
    expect(rememberedUnit()).toBeNull();
    rememberUnit(4);
    expect(rememberedUnit()).toBe(4);
  });
});
