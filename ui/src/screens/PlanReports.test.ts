import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PlanReports from "./PlanReports.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { draftPoi, poi } from "../test/followup";
import type { PlanReport } from "../lib/bindings/PlanReport";

const report: PlanReport = {
  report: {
    id: 3,
    kind: "informe-mensual",
    plan_id: 7,
    plan_name: "POI 2026",
    period: 7,
    period_label: "Julio de 2026",
    title: "Informe mensual de la Gerencia Municipal al Alcalde — julio de 2026",
    created_at: "2026-08-05T10:00:00-05:00",
    created_by: "admin",
    sealed_at: null,
  },
  seal: null,
  signatures: [],
};

function setToday(today: string, country: "PE" | "CL" = "PE") {
  app.municipality = { ...municipality, country };
  app.status = { initialized: true, has_users: true, municipality: app.municipality, version: "0", schema_version: 1, db_path: "", today };
}

describe("Informes", () => {
  beforeEach(() => {
    setToday("2026-08-05");
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  });

  it("offers the approved plans and the months begun, and generates the draft with its preview", async () => {
    const sent = fakeCore({
      "plan.operational.list": () => page([draftPoi, poi]),
      "plan.strategic.list": () => page([]),
      "plan.report.list": () => ({ total: 0, rows: [] }),
      "plan.report.create": () => report,
      "records.pdf": () => ({ base64: "", pages: 1, filename: "informe.pdf" }),
    });
    render(PlanReports);
    expect(await screen.findByTestId("reports-empty")).toBeInTheDocument();
    // Only the approved POI; the month defaults to the last one ended, later months disabled.
    expect(screen.getByTestId("rp-plan")).toHaveTextContent("POI 2026");
    expect(screen.getByTestId("rp-plan")).not.toHaveTextContent("2027");
    expect(screen.getByTestId("rp-period")).toHaveValue("7");
    expect(screen.getByRole("option", { name: /Setiembre de 2026|Septiembre de 2026/ })).toBeDisabled();
    await userEvent.click(screen.getByTestId("rp-create"));
    expect(await screen.findByTestId("report-title")).toHaveTextContent("julio de 2026");
    expect(real(sent, "plan.report.create")[0].params).toEqual({ kind: "informe-mensual", plan_id: 7, period: 7 });
    await waitFor(() => expect(real(sent, "records.pdf")[0].params).toEqual({ kind: "informe-mensual", id: 3 }));
  });

  it("shows the core's refusal at the period", async () => {
    fakeCore({
      "plan.operational.list": () => page([poi]),
      "plan.strategic.list": () => page([]),
      "plan.report.list": () => ({ total: 0, rows: [] }),
      "plan.report.create": () => {
        throw { kind: "conflict", message: "Ya hay un informe mensual de julio de 2026 para este plan.", field: "period" };
      },
    });
    render(PlanReports);
    await screen.findByTestId("reports-empty");
    await userEvent.click(screen.getByTestId("rp-create"));
    expect(await screen.findByTestId("rp-period-error")).toHaveTextContent("Ya hay un informe mensual");
  });

  it("offers the strategic plan's years for its seguimiento, named as Chile names them", async () => {
    setToday("2026-08-05", "CL");
    fakeCore({
      "plan.operational.list": () => page([]),
      "plan.strategic.list": () =>
        page([
          { id: 2, name: "PLADECO 2025-2028", first_year: 2025, last_year: 2028, version: 1, previous_id: null, reason: null, status: "vigente", norm_id: 1, norm_identifier: "DECRETO ALCALDICIO N° 10", approved_on: "2024-12-10", mission: "" },
        ]),
      "plan.report.list": () => ({ total: 0, rows: [] }),
    });
    render(PlanReports);
    await screen.findByTestId("reports-empty");
    expect(screen.getByTestId("rp-kind")).toHaveTextContent("Informe mensual de la Administración Municipal al Alcalde");
    await userEvent.selectOptions(screen.getByTestId("rp-kind"), "seguimiento-pei");
    expect(screen.getByTestId("rp-kind")).toHaveTextContent("Reporte de Seguimiento del PLADECO");
    expect(screen.getByTestId("rp-plan")).toHaveTextContent("PLADECO 2025-2028");
    expect(screen.getByTestId("rp-period")).toHaveValue("2026");
    expect(screen.getByRole("option", { name: /Año 2027/ })).toBeDisabled();
  });
});
