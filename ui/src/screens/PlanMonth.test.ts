import { beforeEach, describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PlanMonth from "./PlanMonth.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import type { MonthSheet } from "../lib/bindings/MonthSheet";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { draftPoi, julyDashboard, julySheet, poi } from "../test/followup";

const cell = (activity: number, key: string) => screen.getByTestId(`cell-${activity}-${key}`);
const grid = () => screen.getByTestId("grid");
const active = () => document.getElementById(grid().getAttribute("aria-activedescendant") ?? "")?.dataset.testid;

function core(over: Record<string, (p: Record<string, unknown>, dryRun: boolean) => unknown> = {}) {
  return fakeCore({
    "plan.operational.list": () => page([draftPoi, poi]),
    "rules.get": () => ({ country: "PE", entries: [{ key: "plans.month_close", value: "5", label: "", note: "" }] }),
    "plan.dashboard": () => julyDashboard(),
    "plan.execution.month": (p) => julySheet({ unit_id: Number(p.unit_id), month: Number(p.month) }),
    "plan.execution.save": () => julySheet(),
    ...over,
  });
}

function setToday(today: string, country: "PE" | "CL" = "PE") {
  app.municipality = { ...municipality, country };
  app.status = { initialized: true, has_users: true, municipality: app.municipality, version: "0", schema_version: 1, db_path: "", today };
}

describe("Ejecución mensual", () => {
  beforeEach(() => {
    localStorage.clear();
    app.intent = null;
    app.leaveGuard = null;
    setToday("2026-08-05");
  });

  it("opens this year's approved POI at the last month ended, with the deadline and the unit's activities", async () => {
    localStorage.setItem("cabildo.plan-month.unit", "2");
    const sent = core();
    render(PlanMonth);
    expect(await screen.findByTestId("month-grid")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ejecución mensual");
    // Only approved plans are followed.
    expect(within(screen.getByTestId("pm-plan")).getAllByRole("option").map((o) => o.textContent)).toEqual(["POI 2026"]);
    // The remembered unit, July (the last month ended); August runs, September has not begun.
    expect(screen.getByTestId("pm-unit")).toHaveValue("2");
    expect(screen.getByTestId("pm-month")).toHaveValue("7");
    expect(screen.getByRole("option", { name: "Agosto" })).toBeEnabled();
    expect(screen.getByRole("option", { name: "Septiembre (aún no empieza)" })).toBeDisabled();
    expect(real(sent, "plan.execution.month")[0].params).toEqual({ plan_id: 7, unit_id: 2, month: 7 });

    expect(screen.getByTestId("month-deadline")).toHaveTextContent(`Plazo: hasta el 7 de agosto de 2026 (5.º día hábil)`);
    expect(screen.getByTestId("month-reported")).toHaveTextContent("Sin reportar");

    expect(cell(101, "name")).toHaveTextContent("Capacitación a juntas vecinales");
    expect(cell(101, "programmed_physical")).toHaveAttribute("aria-readonly", "true");
    expect(cell(101, "physical")).not.toHaveAttribute("aria-readonly");
    expect(cell(101, "physical")).toHaveTextContent("38");
    expect(cell(101, "programmed_financial")).toHaveTextContent("2.500,00");
    expect(cell(101, "financial")).toHaveTextContent("2.400,00");
    expect(cell(101, "percent")).toHaveTextContent(`95 %`);
    expect(cell(101, "accumulated")).toHaveTextContent(`92,5 %`);
    expect(cell(102, "percent")).toHaveTextContent("—");
    // The light: a coloured dot (the cell's class) and always its word.
    expect(cell(101, "light")).toHaveTextContent("Verde");
    expect(cell(101, "light")).toHaveClass("light-verde");
    expect(cell(102, "light")).toHaveTextContent("Rojo");
    expect(cell(103, "light")).toHaveTextContent("Sin meta");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent?.trim())).toEqual([
      "Código",
      "Actividad",
      "Unidad de medida",
      "Programado",
      "Ejecutado",
      "Programado S/",
      "Ejecutado S/",
      "% mes",
      "% acumulado",
      "Semáforo",
      "Comentario",
    ]);
    // Totals of the money columns under the grid.
    expect(cell("total" as unknown as number, "programmed_financial")).toHaveTextContent("17.500,50");
  });

  it("keeps typed figures until «Guardar mes», sends them as typed text, and refreshes the rows from the saved month", async () => {
    const user = userEvent.setup();
    const saved = julySheet({
      reported: { reported_on: "2026-08-05", reported_by: "admin", late: false },
      rows: julySheet().rows.map((r) =>
        r.activity_id === 102 ? { ...r, physical: 1250.5, financial: 1400000, percent: 104.2, accumulated: 91, light: "verde" as const } : r,
      ),
    });
    localStorage.setItem("cabildo.plan-month.unit", "2");
    const sent = core({ "plan.execution.save": () => saved });
    render(PlanMonth);
    await screen.findByTestId("month-grid");

    // The grid starts on the Ejecutado column: typing and Enter go down it.
    await user.click(cell(102, "physical"));
    await user.keyboard("1.250,5{Enter}");
    expect(active()).toBe("cell-103-physical");
    await user.click(cell(102, "financial"));
    await user.keyboard("14.000{Enter}");
    await user.click(cell(102, "comment"));
    await user.keyboard("Se adelantó el riego{Enter}");
    expect(cell(102, "physical")).toHaveTextContent("1.250,5");
    expect(screen.getByTestId("pm-dirty")).toHaveTextContent("1 actividad con cambios sin guardar");
    expect(real(sent, "plan.execution.save")).toHaveLength(0);

    await user.click(screen.getByTestId("pm-save"));
    await waitFor(() => expect(real(sent, "plan.execution.save")).toHaveLength(1));
    expect(real(sent, "plan.execution.save")[0].params).toEqual({
      plan_id: 7,
      unit_id: 2,
      month: 7,
      entries: [
        { activity_id: 101, physical: "38", financial: "2.400,00", comment: "" },
        { activity_id: 102, physical: "1.250,5", financial: "14.000", comment: "Se adelantó el riego" },
        { activity_id: 103, physical: "", financial: "", comment: "" },
      ],
    });
    // The percentages and the light come from the month the core returned.
    await waitFor(() => expect(cell(102, "light")).toHaveTextContent("Verde"));
    expect(cell(102, "accumulated")).toHaveTextContent(`91 %`);
    expect(cell(102, "financial")).toHaveTextContent("14.000,00");
    expect(screen.queryByTestId("pm-dirty")).toBeNull();
    expect(screen.getByTestId("month-on-time")).toHaveTextContent("a tiempo");
    expect(dialogs.notice?.text).toBe("Julio de 2026 guardado: Gerencia de Desarrollo Social.");
  });

  it("shows the core's refusal at `entries.1.physical` on that activity's cell and keeps every typed value", async () => {
    const user = userEvent.setup();
    const refusal = { kind: "validation", message: "«diez» no es un número. Escriba un número; por ejemplo 1250 o 1.250,50.", field: "entries.1.physical" };
    const sent = core({
      "plan.execution.save": (p) => {
        const entries = p.entries as { physical: string }[];
        if (entries[1].physical === "diez") throw refusal;
        return julySheet();
      },
    });
    render(PlanMonth);
    await screen.findByTestId("month-grid");
    await user.click(cell(101, "comment"));
    await user.keyboard("Faltó un taller{Enter}");
    await user.click(cell(102, "physical"));
    await user.keyboard("diez{Enter}");
    await user.click(screen.getByTestId("pm-save"));

    await waitFor(() => expect(cell(102, "physical")).toHaveAttribute("aria-invalid", "true"));
    expect(cell(102, "physical")).toHaveAttribute("title", refusal.message);
    expect(cell(101, "physical")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("grid-status")).toHaveTextContent("Hay 1 celda con un error.");
    expect(screen.getByTestId("pm-error")).toHaveTextContent("No se guardó el mes");
    // Nothing typed is lost.
    expect(cell(102, "physical")).toHaveTextContent("diez");
    expect(cell(101, "comment")).toHaveTextContent("Faltó un taller");
    expect(screen.getByTestId("pm-dirty")).toHaveTextContent("2 actividades con cambios sin guardar");
    expect(real(sent, "plan.execution.save")[0].params.entries).toMatchObject([{ comment: "Faltó un taller" }, { physical: "diez" }, {}]);

    // Going to the cell reads its message; fixing it clears it after the core's check.
    await user.click(screen.getByTestId("grid-next-error"));
    expect(screen.getByTestId("grid-status")).toHaveTextContent(`AOI0002, Ejecutado: ${refusal.message}`);
    await user.keyboard("10{Enter}");
    await waitFor(() => expect(cell(102, "physical")).not.toHaveAttribute("aria-invalid"));
    expect(sent.some((s) => s.method === "plan.execution.save" && s.dryRun)).toBe(true);
  });

  it("takes a column pasted from Excel into the Ejecutado cells, down from the active one", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(PlanMonth);
    await screen.findByTestId("month-grid");
    await user.click(cell(101, "physical"));
    await user.paste("36\r\n1.100\r\n2\r\n");
    expect(cell(101, "physical")).toHaveTextContent("36");
    expect(cell(102, "physical")).toHaveTextContent("1.100");
    expect(cell(103, "physical")).toHaveTextContent("2");
    expect(screen.getByTestId("pm-dirty")).toHaveTextContent("3 actividades con cambios sin guardar");
    await user.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(real(sent, "plan.execution.save")).toHaveLength(1));
    expect((real(sent, "plan.execution.save")[0].params.entries as { physical: string }[]).map((e) => e.physical)).toEqual([
      "36",
      "1.100",
      "2",
    ]);
  });

  it("asks before leaving with unsaved figures", async () => {
    const user = userEvent.setup();
    core();
    render(PlanMonth);
    await screen.findByTestId("month-grid");
    expect(await app.leaveGuard!()).toBe(true);
    await user.click(cell(101, "physical"));
    await user.keyboard("40{Enter}");
    const leaving = app.leaveGuard!();
    await waitFor(() => expect(dialogs.current?.title).toBe("Cambios sin guardar"));
    dialogs.current!.resolve({ ok: false, reason: "" });
    expect(await leaving).toBe(false);
    expect(cell(101, "physical")).toHaveTextContent("40");
  });

  it("offers a Jefe de unidad only their own unit", async () => {
    app.me = { ...app.me!, unit_id: 3, unit_only: ["plan.execution.month", "plan.execution.save"] };
    localStorage.setItem("cabildo.plan-month.unit", "2");
    const sent = core();
    render(PlanMonth);
    expect(await screen.findByTestId("month-grid")).toBeInTheDocument();
    const options = within(screen.getByTestId("pm-unit")).getAllByRole("option");
    expect(options).toHaveLength(1);
    expect(screen.getByTestId("pm-unit")).toHaveValue("3");
    expect(real(sent, "plan.execution.month").every((c) => c.params.unit_id === 3)).toBe(true);
  });

  it("opens the unit and month another screen asked for", async () => {
    const sent = core();
    app.go({ screen: "plan-month", open: "month", planId: 7, unitId: 3, month: 6 });
    render(PlanMonth);
    await screen.findByTestId("month-grid");
    expect(real(sent, "plan.execution.month")[0].params).toEqual({ plan_id: 7, unit_id: 3, month: 6 });
    expect(screen.getByTestId("pm-unit")).toHaveValue("3");
    expect(screen.getByTestId("pm-month")).toHaveValue("6");
    expect(app.intent).toBeNull();
  });

  it("marks a late report and says when the deadline has passed", async () => {
    setToday("2026-08-20");
    core({
      "plan.execution.month": () =>
        julySheet({ reported: { reported_on: "2026-08-12", reported_by: "lhuaman", late: true } }) satisfies MonthSheet,
    });
    render(PlanMonth);
    expect(await screen.findByTestId("month-late")).toHaveTextContent("fuera de plazo");
    expect(screen.getByTestId("month-reported")).toHaveTextContent("Reportado el 12/08/2026 por lhuaman");
  });

  it("speaks Chilean: «Avance mensual» and amounts in $", async () => {
    setToday("2026-08-05", "CL");
    core();
    render(PlanMonth);
    await screen.findByTestId("month-grid");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Avance mensual");
    expect(screen.getByRole("columnheader", { name: "Ejecutado $" })).toBeInTheDocument();
    expect(cell(101, "financial")).toHaveTextContent("2.400");
  });

  it("says so when there is no approved plan yet", async () => {
    core({ "plan.operational.list": () => page([draftPoi]) });
    render(PlanMonth);
    expect(await screen.findByTestId("plan-month-empty")).toHaveTextContent("Aún no hay un POI aprobado.");
  });
});
