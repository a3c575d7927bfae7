import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import NormImport from "./NormImport.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real } from "../test/ipc";
import type { NormImportPreview } from "../lib/bindings/NormImportPreview";
import type { NormImportRow } from "../lib/bindings/NormImportRow";

function row(n: number, problems: NormImportRow["problems"] = []): NormImportRow {
  return {
    row: n + 2,
    kind_text: "Ordenanza",
    series: "ordenanza",
    series_name: "Ordenanzas municipales",
    kind: "ordenanza",
    number: n,
    year: 2019,
    date: "2019-03-12",
    title: `Ordenanza histórica ${n}`,
    issuer: null,
    published_on: null,
    session_kind: null,
    identifier: `ORDENANZA N° ${String(n).padStart(3, "0")}-2019-MDPR`,
    file: `ORD-${n}-2019.pdf`,
    text_status: n === 2 ? "scanned" : "with_text",
    problems,
  };
}

function preview(rows: NormImportRow[], total: number, offset = 0): NormImportPreview {
  const bad = rows.filter((r) => r.problems.length > 0).length;
  return {
    sheet_name: "Normas",
    columns: [["kind", "A"]],
    sheet_problems: [],
    total,
    ready: total - bad,
    with_problems: bad,
    problem_count: rows.reduce((n, r) => n + r.problems.length, 0),
    scanned: 1,
    without_file: 0,
    valid: bad === 0,
    offset,
    matching: total,
    rows,
  };
}

describe("Importar normas históricas", () => {
  it("previews the sheet and folder chosen, marks a problem at its cell and keeps Importar disabled", async () => {
    const user = userEvent.setup();
    const problem = {
      row: 4,
      field: "number",
      column: "B",
      message: "El número 2 de «Ordenanzas municipales» de 2019 ya está registrado: ORDENANZA N° 002-2019-MDPR.",
    };
    const rows = [row(1), row(2, [problem]), ...Array.from({ length: 98 }, (_, i) => row(i + 3))];
    const sent = fakeCore(
      {
        "norm.import.preview": (p) =>
          p.offset === 100 ? preview([row(101), row(102)], 102, 100) : preview(rows, 102),
      },
      { pick_file: () => "/home/sg/registro.xlsx", pick_folder: () => "/home/sg/normas" },
    );
    render(NormImport);
    await user.click(screen.getByTestId("import-folder-pick"));
    await user.click(screen.getByTestId("import-sheet-pick"));
    await waitFor(() => expect(screen.getByTestId("import-summary")).toBeTruthy());
    expect(screen.getByTestId("import-counts").textContent).toBe("102 filas: 101 listas, 1 con problemas");
    const calls = real(sent, "norm.import.preview");
    expect(calls.at(-1)!.params).toMatchObject({
      sheet: "/home/sg/registro.xlsx",
      folder: "/home/sg/normas",
      offset: 0,
      limit: 100,
    });
    const bad = screen.getByTestId("import-row-4");
    const cell = bad.querySelector("td.cell-problem")!;
    expect(cell.getAttribute("data-field")).toBe("number");
    expect(cell.textContent).toContain("ya está registrado");
    expect(within(screen.getByTestId("import-row-4")).getByTestId("import-scanned")).toBeTruthy();
    expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(true);
    // The next page comes from the core.
    await user.click(screen.getByTestId("import-next"));
    await waitFor(() => expect(screen.getByTestId("import-page").textContent).toContain("Filas 101–102 de 102"));
    expect(real(sent, "norm.import.preview").at(-1)!.params.offset).toBe(100);
  });

  it("imports a clean sheet after confirming", async () => {
    const user = userEvent.setup();
    const sent = fakeCore(
      {
        "norm.import.preview": () => preview([row(1), row(2)], 2),
        "norm.import.apply": () => ({
          imported: 2,
          with_text: 1,
          scanned: 1,
          without_file: 0,
          first_id: 10,
          last_id: 11,
        }),
      },
      { pick_file: () => "/home/sg/registro.xlsx" },
    );
    const confirmed: string[] = [];
    dialogs.confirm = async (o) => {
      confirmed.push(o.message);
      return { ok: true, reason: "" };
    };
    render(NormImport);
    await user.click(screen.getByTestId("import-sheet-pick"));
    await waitFor(() => expect((screen.getByTestId("import-apply") as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByTestId("import-apply"));
    await waitFor(() => expect(screen.getByTestId("import-result").textContent).toContain("2 normas registradas"));
    expect(confirmed[0]).toContain("Se registrarán 2 normas");
    expect(real(sent, "norm.import.apply")[0].params).toEqual({ sheet: "/home/sg/registro.xlsx" });
  });

  it("hides Importar without the permission", async () => {
    app.me = { ...app.me!, permissions: app.me!.permissions.filter((p) => p !== "norm.import.apply") };
    fakeCore({});
    render(NormImport);
    expect(screen.queryByTestId("import-apply")).toBeNull();
  });
});
