import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PlanDashboard from "./PlanDashboard.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { draftPoi, julyDashboard, poi } from "../test/followup";

function core(over: Record<string, (p: Record<string, unknown>) => unknown> = {}) {
  return fakeCore({
    "plan.operational.list": () => page([draftPoi, poi]),
    "plan.dashboard": (p) => julyDashboard({ month: p.month === null ? 7 : Number(p.month) }),
    ...over,
  });
}

/** A table's body rows as text, cell by cell. */
function rows(testid: string): string[][] {
  return within(screen.getByTestId(testid))
    .getAllByRole("row")
    .slice(1)
    .map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => c.textContent?.replace(/\s+/g, " ").trim() ?? ""));
}

function setToday(today: string, country: "PE" | "CL" = "PE") {
  app.municipality = { ...municipality, country };
  app.status = { initialized: true, has_users: true, municipality: app.municipality, version: "0", schema_version: 1, db_path: "", today };
}

describe("Tablero", () => {
  beforeEach(() => {
    app.intent = null;
    app.screen = "plan-dashboard";
    setToday("2026-08-05");
    // jsdom has no canvas: the charts show their data as tables.
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  });

  it("shows the headline figures, the units with their light in words, and the units that did not report", async () => {
    const sent = core();
    render(PlanDashboard);
    expect(await screen.findByTestId("dashboard-cards")).toBeInTheDocument();
    expect(real(sent, "plan.dashboard")[0].params).toEqual({ plan_id: 7, month: null });
    expect(screen.getByTestId("pd-month")).toHaveValue("7");

    expect(screen.getByTestId("card-physical")).toHaveTextContent("77,4 %");
    expect(screen.getByTestId("card-physical-light")).toHaveTextContent("Ámbar");
    expect(screen.getByTestId("card-financial")).toHaveTextContent("85 %");
    expect(screen.getByTestId("card-financial")).toHaveTextContent("S/ 34.000,00 de S/ 40.000,00 programado a julio");
    expect(screen.getByTestId("card-reported")).toHaveTextContent("3/4");
    expect(screen.getByTestId("card-reported")).toHaveTextContent("1 fuera de plazo");

    expect(rows("dashboard-units")).toEqual([
      ["GM", "Gerencia Municipal", "4", "95,5 %", "95,5 %", "Verde", "85 %", "S/ 8.500,00 de S/ 10.000,00", "A tiempo (03/08/2026)"],
      ["GDS", "Gerencia de Desarrollo Social", "4", "60 %", "60 %", "Rojo", "85 %", "S/ 8.500,00 de S/ 10.000,00", "Sin reportar"],
      ["GDU", "Gerencia de Desarrollo Urbano", "4", "75 %", "75 %", "Ámbar", "85 %", "S/ 8.500,00 de S/ 10.000,00", "Fuera de plazo (12/08/2026)"],
      ["SG", "Secretaría General", "4", "—", "—", "Sin meta", "—", "S/ 0,00 de S/ 0,00", "A tiempo (04/08/2026)"],
    ]);

    const missing = screen.getAllByTestId("missing-unit");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toHaveTextContent("GDS Gerencia de Desarrollo Social");
    expect(screen.getByTestId("dashboard-missing")).toHaveTextContent("Unidades que no reportaron julio");

    expect(rows("dashboard-actions")[0]).toEqual([
      "AEI.01.01",
      "Capacitación oportuna a organizaciones sociales",
      "4",
      "88 %",
      "Ámbar",
      "85 %",
      "S/ 8.500,00 de S/ 10.000,00",
    ]);
    expect(rows("dashboard-actions")[1][1]).toBe("Actividades sin acción estratégica vinculada");
    expect(rows("dashboard-objectives")).toHaveLength(1);
    expect(screen.getByRole("columnheader", { name: "OEI" })).toBeInTheDocument();
  });

  it("shows the charts' data as tables where the canvas cannot draw", async () => {
    core();
    render(PlanDashboard);
    await screen.findByTestId("dashboard-cards");
    expect(screen.getByTestId("units-chart")).toHaveAttribute("data-state", "table");
    expect(rows("units-chart-table")).toEqual([
      ["Gerencia Municipal", "95,5 %"],
      ["Gerencia de Desarrollo Social", "60 %"],
      ["Gerencia de Desarrollo Urbano", "75 %"],
      ["Secretaría General", "sin dato"],
    ]);
    expect(screen.getByText(/Líneas de referencia: 70 %, 90 %/)).toBeInTheDocument();
    expect(screen.getByTestId("light-legend")).toHaveTextContent("Verde desde 90 % Ámbar desde 70 % Rojo menos de 70 % Sin meta nada programado");

    const money = rows("money-chart-table");
    expect(money.map((r) => r[0])).toEqual(["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic"]);
    expect(money[0]).toEqual(["Ene", "S/ 8.000", "S/ 7.000"]);
    expect(money[6]).toEqual(["Jul", "S/ 56.000", "S/ 49.000"]);
    expect(money[7]).toEqual(["Ago", "S/ 64.000", "sin dato"]);
  });

  it("sorts the units by the column the person chooses", async () => {
    const user = userEvent.setup();
    core();
    render(PlanDashboard);
    await screen.findByTestId("dashboard-units");
    await user.click(screen.getByTestId("sort-accumulated"));
    expect(rows("dashboard-units").map((r) => r[0])).toEqual(["GDS", "GDU", "GM", "SG"]);
    expect(screen.getByTestId("sort-accumulated").closest("th")).toHaveAttribute("aria-sort", "ascending");
    await user.click(screen.getByTestId("sort-accumulated"));
    // Units with no figure stay last either way.
    expect(rows("dashboard-units").map((r) => r[0])).toEqual(["GM", "GDU", "GDS", "SG"]);
    await user.click(screen.getByTestId("sort-reported"));
    expect(rows("dashboard-units").map((r) => r[0])[0]).toBe("GDS");
  });

  it("sends the person to the month of a unit that did not report", async () => {
    const user = userEvent.setup();
    core();
    render(PlanDashboard);
    await user.click(await screen.findByTestId("missing-open-2"));
    expect(app.screen).toBe("plan-month");
    expect(app.intent).toEqual({ screen: "plan-month", open: "month", planId: 7, unitId: 2, month: 7 });
  });

  it("asks the core for the month chosen", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(PlanDashboard);
    await screen.findByTestId("dashboard-cards");
    expect(screen.getByRole("option", { name: "Septiembre (aún no empieza)" })).toBeDisabled();
    await user.selectOptions(screen.getByTestId("pd-month"), "5");
    await waitFor(() => expect(real(sent, "plan.dashboard")).toHaveLength(2));
    expect(real(sent, "plan.dashboard")[1].params).toEqual({ plan_id: 7, month: 5 });
    await waitFor(() => expect(screen.getByTestId("dashboard-missing")).toHaveTextContent("Unidades que no reportaron mayo"));
  });

  it("speaks Chilean: Objetivo and Lineamiento, «Sep», amounts in $", async () => {
    setToday("2026-08-05", "CL");
    core();
    render(PlanDashboard);
    await screen.findByTestId("dashboard-cards");
    expect(screen.getByRole("heading", { name: "Objetivos" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Lineamientos" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Lineamiento" })).toBeInTheDocument();
    expect(rows("money-chart-table")[8][0]).toBe("Sep");
    expect(screen.getByTestId("card-financial")).toHaveTextContent("$ 34.000 de $ 40.000");
  });

  it("says so when there is no approved plan, or when it has no activities", async () => {
    core({ "plan.operational.list": () => page([draftPoi]) });
    const { unmount } = render(PlanDashboard);
    expect(await screen.findByTestId("dashboard-empty")).toHaveTextContent("Aún no hay un POI aprobado.");
    unmount();
    core({ "plan.dashboard": () => julyDashboard({ units: [], missing: [], actions: [], objectives: [] }) });
    render(PlanDashboard);
    expect(await screen.findByTestId("dashboard-no-units")).toHaveTextContent("POI 2026 aún no tiene actividades asignadas a unidades.");
  });
});
