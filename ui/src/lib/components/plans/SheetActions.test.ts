import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SheetActions from "./SheetActions.svelte";
import ConfirmHost from "../ConfirmHost.svelte";
import { fakeCore, real } from "../../../test/ipc";
import type { ImportPreview } from "../../bindings/ImportPreview";

const bad: ImportPreview = {
  kind: "poi",
  plan_id: 8,
  rows: [
    { row: 4, code: "AOI00001", name: "Informe", level: "actividad", unit_code: "GM", parent_code: "AEI.01.01", change: "crea", physical_total: 12, financial_total: 100000, indicators: 0 },
  ],
  errors: [{ sheet: "Metas físicas", row: 4, column: "F", message: "Fila 4, columna F: «diez» no es un número." }],
  error_count: 1,
  valid: false,
  created: 0,
  updated: 0,
};

describe("Hojas de cálculo del plan", () => {
  it("exports to the path chosen in the save dialog", async () => {
    const sent = fakeCore(
      { "plan.export": (p) => ({ file_name: "POI 2026.xlsx", path: p.path, bytes_base64: null, size: 10, rows: 120 }) },
      { save_file: (a) => `/home/gm/${String(a.defaultName)}` },
    );
    render(SheetActions, { what: "poi", planId: 7, version: 2, fileName: "POI 2026.xlsx" });
    await userEvent.click(screen.getByTestId("sheet-export"));
    expect(await screen.findByTestId("sheet-message")).toHaveTextContent("/home/gm/POI 2026.xlsx (120 filas)");
    expect(real(sent, "plan.export")[0].params).toEqual({ what: "poi", plan_id: 7, month: null, version: 2, path: "/home/gm/POI 2026.xlsx" });
  });

  it("shows every problem of a bad file with its row and column, and does not offer to import it", async () => {
    const sent = fakeCore({ "plan.import.preview": () => bad }, { pick_file: () => "/home/gm/poi.xlsx" });
    render(SheetActions, { what: "poi", planId: 8, fileName: "POI 2027.xlsx", canImport: true });
    await userEvent.click(screen.getByTestId("sheet-import"));
    expect(await screen.findByTestId("import-invalid")).toHaveTextContent("1 problema");
    expect(screen.getByTestId("import-errors")).toHaveTextContent("Metas físicas: Fila 4, columna F: «diez» no es un número.");
    expect(screen.getByTestId("import-confirm")).toBeDisabled();
    expect(real(sent, "plan.import")).toHaveLength(0);
  });

  it("imports a valid file after confirming", async () => {
    const good = { ...bad, errors: [], error_count: 0, valid: true };
    const sent = fakeCore(
      { "plan.import.preview": () => good, "plan.import": () => ({ ...good, created: 1 }) },
      { pick_file: () => "/home/gm/poi.csv" },
    );
    let imported = 0;
    render(ConfirmHost);
    render(SheetActions, { what: "poi", planId: 8, fileName: "POI 2027.xlsx", canImport: true, onimported: () => imported++ });
    await userEvent.click(screen.getByTestId("sheet-import"));
    await userEvent.click(await screen.findByTestId("import-confirm"));
    await userEvent.click(await screen.findByTestId("confirm-ok"));
    expect(await screen.findByTestId("sheet-message")).toHaveTextContent("1 nuevas");
    expect(real(sent, "plan.import")[0].params).toMatchObject({ plan_id: 8, kind: "poi", path: "/home/gm/poi.csv" });
    expect(imported).toBe(1);
  });
});
