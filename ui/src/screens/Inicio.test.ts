import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Inicio from "./Inicio.svelte";
import Shell from "./Shell.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import { home, peruRules, row } from "../test/access";

function setToday(today: string) {
  app.municipality = municipality;
  app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today };
}

describe("Inicio", () => {
  beforeEach(() => setToday("2026-08-05"));

  it("greets the user with today's date and shows each section's counts", async () => {
    fakeCore({ "home.get": () => home() });
    render(Inicio, { open: vi.fn(), go: vi.fn() });
    expect(await screen.findByTestId("home-sections")).toBeInTheDocument();
    expect(screen.getByTestId("home-greeting")).toHaveTextContent("Administrador de prueba");
    expect(screen.getByTestId("home-today")).toHaveTextContent("Miércoles 5 de agosto de 2026");
    expect(screen.getByTestId("home-section-todo")).toHaveTextContent("Todo lo pendiente");
    expect(screen.getByTestId("home-count-todo-vencidos")).toHaveTextContent("3 Vencidos");
    expect(screen.getByTestId("home-count-todo-vencidos")).toHaveClass("alert");
    expect(screen.getByTestId("home-count-reclamo-vencidos")).not.toHaveClass("alert");
    expect(screen.getByTestId("home-count-solicitud-abiertos")).toHaveTextContent("4 Abiertos");
    const due = screen.getAllByTestId("home-due-row");
    expect(due[0]).toHaveTextContent("vencida hace 2 días hábiles");
    expect(due[1]).toHaveTextContent("vence hoy");
  });

  it("a count opens its list with exactly the filter the core counted", async () => {
    const ue = userEvent.setup();
    const open = vi.fn();
    const h = home();
    fakeCore({ "home.get": () => h });
    render(Inicio, { open, go: vi.fn() });
    await ue.click(await screen.findByTestId("home-count-solicitud-vencidos"));
    expect(open).toHaveBeenLastCalledWith("solicitudes", h.sections[2].counts[0].list);
    expect(open.mock.lastCall?.[1]).toEqual({
      kind: "solicitud",
      unit_id: null,
      view: "vencidos",
      source: null,
      status: null,
      text: null,
      year: null,
      offset: 0,
      limit: null,
    });
    await ue.click(screen.getByTestId("home-count-todo-semana"));
    expect(open).toHaveBeenLastCalledWith("encargos", h.sections[0].counts[2].list);
    await ue.click(screen.getByTestId("home-count-reclamo-hoy"));
    expect(open).toHaveBeenLastCalledWith("reclamos", h.sections[3].counts[1].list);
    await ue.click(screen.getAllByTestId("home-due-row")[0]);
    expect(open).toHaveBeenLastCalledWith("solicitudes", { kind: "solicitud", view: "todos", offset: 0 }, 7);
  });

  it("shows only the sections the core sent, and a unit head's unit", async () => {
    fakeCore({
      "home.get": () =>
        home({
          scoped_unit: [3, "Gerencia de Servicios Públicos"],
          unsigned: { total: 1, rows: [{ record_kind: "norma", record_id: 4, label: "ORDENANZA N° 004-2026-MDPR", sealed_at: "2026-08-01T10:00:00-05:00" }] },
        }),
    });
    render(Inicio, { open: vi.fn(), go: vi.fn() });
    expect(await screen.findByTestId("home-scope")).toHaveTextContent("Su unidad: Gerencia de Servicios Públicos");
    expect(screen.getByTestId("home-unsigned")).toHaveTextContent("ORDENANZA N° 004-2026-MDPR");
    expect(screen.queryByTestId("home-sessions")).not.toBeInTheDocument();
    expect(screen.queryByTestId("home-minutes")).not.toBeInTheDocument();
    expect(screen.queryByTestId("home-unreported")).not.toBeInTheDocument();
  });

  it("without the follow-up desk there are no counts; sessions, actas and units owing their month show", async () => {
    const ue = userEvent.setup();
    const go = vi.fn();
    const session = {
      id: 21, body_id: 1, kind: "ordinaria" as const, identifier: null, date: "2026-08-10", time: "10:00", place: "Salón consistorial",
      mode: "presencial", status: "borrador" as const, convened_on: null, convened_by: null, postponed_from: null, started_at: null,
      ended_at: null, reason: null, body_name: "Concejo Municipal", body_kind: "concejo" as const,
    };
    fakeCore({
      "home.get": () =>
        home({
          sections: [],
          due: [],
          sessions: [{ session, lacks: ["convocatoria", "agenda vacía"] }],
          minutes: { total: 0, rows: [] },
          unreported: {
            plan_id: 7, plan_name: "POI 2026", year: 2026, month: 7, closes_on: "2026-08-07",
            units: [[2, "Gerencia de Desarrollo Social"]], units_with_activities: 5,
          },
        }),
    });
    render(Inicio, { open: vi.fn(), go });
    expect(await screen.findByTestId("home-sessions")).toHaveTextContent("Falta: convocatoria");
    expect(screen.getByTestId("home-sessions")).toHaveTextContent("Falta: agenda vacía");
    expect(screen.queryByTestId("home-sections")).not.toBeInTheDocument();
    expect(screen.queryByTestId("home-due")).not.toBeInTheDocument();
    expect(screen.getByTestId("home-unreported")).toHaveTextContent("Unidades que no informaron julio de 2026");
    expect(screen.getByTestId("home-unreported")).toHaveTextContent("viernes 7 de agosto de 2026");
    await ue.click(screen.getByTestId("home-session"));
    expect(go).toHaveBeenCalledWith("sessions");
    await ue.click(screen.getByRole("button", { name: "Gerencia de Desarrollo Social" }));
    expect(app.screen).toBe("plan-month");
    expect(app.take("plan-month")).toEqual({ screen: "plan-month", open: "month", planId: 7, unitId: 2, month: 7 });
  });
});

describe("Inicio in the application frame", () => {
  beforeEach(() => {
    setToday("2026-08-05");
    app.screen = "inicio";
  });

  it("is the first screen, and a count opens Acceso a la información with its filter", async () => {
    const ue = userEvent.setup();
    const sent = fakeCore({
      "home.get": () => home(),
      "followup.list": () => ({ total: 1, rows: [row(7, { days_left: -2 })], scoped_unit: null }),
      "access.rules": () => peruRules,
      "org.unit.list": () => [],
    });
    render(Shell, { onsignout: vi.fn(), onlock: vi.fn() });
    expect(await screen.findByTestId("home-greeting")).toBeInTheDocument();
    expect(screen.getByTestId("nav-inicio")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("nav-solicitudes")).toHaveTextContent("Acceso a la información");
    await ue.click(await screen.findByTestId("home-count-solicitud-vencidos"));
    expect(await screen.findByTestId("requests")).toBeInTheDocument();
    await waitFor(() =>
      expect(real(sent, "followup.list").at(-1)?.params).toEqual({ kind: "solicitud", view: "vencidos", offset: 0, limit: 50 }),
    );
    expect(app.screen).toBe("solicitudes");
    expect(screen.getByTestId("requests-view-vencidos")).toHaveAttribute("aria-pressed", "true");
    // From the sidebar the list opens as it is, without Inicio's filter.
    await ue.click(screen.getByTestId("nav-inicio"));
    await ue.click(await screen.findByTestId("nav-solicitudes"));
    await waitFor(() =>
      expect(real(sent, "followup.list").at(-1)?.params).toEqual({ kind: "solicitud", view: "abiertos", offset: 0, limit: 50 }),
    );
  });
});
