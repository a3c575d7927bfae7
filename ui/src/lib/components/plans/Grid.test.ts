import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Harness from "../../../test/GridHarness.svelte";
import Grid from "./Grid.svelte";
import type { GridChange, GridColumn, GridRow } from "./cells";

const columns: GridColumn[] = [
  { key: "name", label: "Actividad", kind: "text", readonly: true, width: 220 },
  { key: "ene", label: "Ene", kind: "number" },
  { key: "feb", label: "Feb", kind: "number" },
  { key: "mar", label: "Mar", kind: "number" },
  { key: "total", label: "Total", kind: "number", readonly: true },
];

const rows: GridRow[] = [
  { id: 1, cells: { name: "Capacitación a vecinos", ene: 10, feb: 20, mar: null, total: 30 } },
  { id: 2, cells: { name: "Limpieza de parques", ene: 1250.5, feb: 0, mar: 5, total: 1255.5 } },
  { id: 3, cells: { name: "Ferias", ene: "", feb: null, mar: null, total: 0 } },
  { id: 4, cells: { name: "Subtotal", ene: 1260.5, feb: 20, mar: 5, total: 1285.5 }, readonly: true, cls: "subtotal" },
];

const cell = (row: number, key: string) => screen.getByTestId(`cell-${row}-${key}`);
const grid = () => screen.getByTestId("grid");
/** The active cell, as a screen reader finds it. */
const active = () => document.getElementById(grid().getAttribute("aria-activedescendant") ?? "")?.dataset.testid;
const calls = (): GridChange[][] => JSON.parse(screen.getByTestId("calls").textContent ?? "[]");

function setup(props: Partial<{ errors: Record<string, string>; footer: GridRow[] }> = {}) {
  const user = userEvent.setup();
  render(Harness, { columns, initial: rows, ...props });
  return user;
}

describe("Grid", () => {
  it("is a labelled grid whose cells show the rows' values", () => {
    setup({ footer: [{ id: "sum", cells: { name: "Total", ene: 2521, feb: 40, mar: 10, total: 2571 } }] });
    expect(screen.getByRole("grid", { name: "Metas mensuales" })).toBe(grid());
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent?.trim())).toEqual([
      "Actividad",
      "Ene",
      "Feb",
      "Mar",
      "Total",
    ]);
    expect(cell(2, "ene")).toHaveTextContent("1.250,5");
    expect(cell(1, "mar")).toHaveTextContent(/^$/);
    expect(cell(1, "name")).toHaveAttribute("aria-readonly", "true");
    expect(cell(4, "ene")).toHaveAttribute("aria-readonly", "true");
    expect(cell(1, "ene")).not.toHaveAttribute("aria-readonly");
    expect(cell(4, "ene").closest("tr")).toHaveClass("subtotal");
    // Totals under the grid, read-only.
    expect(cell("sum" as unknown as number, "ene")).toHaveTextContent("2.521");
    expect(cell("sum" as unknown as number, "ene")).toHaveAttribute("aria-readonly", "true");
    // The first column stays in view.
    expect(cell(1, "name")).toHaveClass("sticky");
    expect(cell(1, "name").style.left).toBe("0px");
    expect(cell(1, "ene")).not.toHaveClass("sticky");
    expect(grid()).toHaveAttribute("aria-rowcount", "6");
    expect(grid()).toHaveAttribute("aria-colcount", "5");
  });

  it("moves the active cell with arrows, Home/End, Ctrl+Home/End and Tab", async () => {
    const user = setup();
    await user.click(cell(1, "ene"));
    expect(grid()).toHaveFocus();
    expect(active()).toBe("cell-1-ene");
    expect(cell(1, "ene")).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{ArrowRight}");
    expect(active()).toBe("cell-1-feb");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(active()).toBe("cell-3-feb");
    await user.keyboard("{ArrowLeft}{ArrowLeft}{ArrowLeft}");
    expect(active()).toBe("cell-3-name");
    await user.keyboard("{End}");
    expect(active()).toBe("cell-3-total");
    await user.keyboard("{Home}");
    expect(active()).toBe("cell-3-name");
    await user.keyboard("{Control>}{End}{/Control}");
    expect(active()).toBe("cell-4-total");
    await user.keyboard("{ArrowDown}{ArrowRight}");
    expect(active()).toBe("cell-4-total");
    await user.keyboard("{Control>}{Home}{/Control}");
    expect(active()).toBe("cell-1-name");
    await user.keyboard("{ArrowUp}{ArrowLeft}");
    expect(active()).toBe("cell-1-name");
    await user.keyboard("{Control>}{ArrowDown}{/Control}");
    expect(active()).toBe("cell-4-name");

    await user.keyboard("{Tab}");
    expect(active()).toBe("cell-4-ene");
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    expect(active()).toBe("cell-4-name");
    expect(grid()).toHaveFocus();
    // At the last column Tab leaves the grid: no keyboard trap.
    await user.keyboard("{End}{Tab}");
    expect(grid()).not.toHaveFocus();
    expect(screen.getByText("Después")).toHaveFocus();
  });

  it("replaces the cell with what is typed and commits it with Enter, moving down", async () => {
    const user = setup();
    await user.click(cell(1, "ene"));
    await user.keyboard("15");
    const input = screen.getByTestId("grid-input");
    expect(input).toHaveFocus();
    expect(input).toHaveValue("15");
    expect(input).toHaveAccessibleName("Fila 1, Ene");
    expect(input).toHaveAttribute("inputmode", "decimal");
    expect(calls()).toEqual([]);

    await user.keyboard("{Enter}");
    expect(calls()).toEqual([[{ rowId: 1, key: "ene", value: "15" }]]);
    expect(screen.queryByTestId("grid-input")).toBeNull();
    expect(cell(1, "ene")).toHaveTextContent("15");
    expect(active()).toBe("cell-2-ene");
    expect(grid()).toHaveFocus();
  });

  it("edits the current text with Enter or F2; Tab commits and moves right; nothing changed, nothing reported", async () => {
    const user = setup();
    await user.click(cell(2, "ene"));
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("grid-input")).toHaveValue("1.250,5");
    // After Enter/F2 the arrows move the caret, not the cell.
    await user.keyboard("{ArrowLeft}{ArrowRight}{Backspace}7");
    expect(screen.getByTestId("grid-input")).toHaveValue("1.250,7");
    await user.keyboard("{Tab}");
    expect(calls()).toEqual([[{ rowId: 2, key: "ene", value: "1.250,7" }]]);
    expect(active()).toBe("cell-2-feb");

    await user.keyboard("{F2}");
    expect(screen.getByTestId("grid-input")).toHaveValue("0");
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    expect(calls()).toHaveLength(1);
    expect(active()).toBe("cell-2-ene");
  });

  it("commits and moves with an arrow when editing began by typing, and when the cell is left", async () => {
    const user = setup();
    await user.click(cell(3, "ene"));
    await user.keyboard("4{ArrowRight}5{ArrowRight}6");
    expect(calls()).toEqual([[{ rowId: 3, key: "ene", value: "4" }], [{ rowId: 3, key: "feb", value: "5" }]]);
    expect(active()).toBe("cell-3-mar");
    await user.click(screen.getByText("Después"));
    expect(calls()[2]).toEqual([{ rowId: 3, key: "mar", value: "6" }]);
    expect(cell(3, "mar")).toHaveTextContent("6");

    // A click on another cell commits the one being edited.
    await user.click(cell(1, "feb"));
    await user.keyboard("8");
    await user.click(cell(2, "mar"));
    expect(calls()[3]).toEqual([{ rowId: 1, key: "feb", value: "8" }]);
    expect(active()).toBe("cell-2-mar");
    // A double click edits.
    await user.dblClick(cell(2, "feb"));
    expect(screen.getByTestId("grid-input")).toHaveValue("0");
  });

  it("cancels an edit with Escape", async () => {
    const user = setup();
    await user.click(cell(1, "feb"));
    await user.keyboard("99");
    expect(screen.getByTestId("grid-input")).toHaveValue("99");
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("grid-input")).toBeNull();
    expect(cell(1, "feb")).toHaveTextContent("20");
    expect(calls()).toEqual([]);
    expect(active()).toBe("cell-1-feb");
    expect(grid()).toHaveFocus();
    // The next key works on the grid again.
    await user.keyboard("{ArrowDown}");
    expect(active()).toBe("cell-2-feb");
  });

  it("does not edit read-only cells and says so", async () => {
    const user = setup();
    await user.click(cell(1, "total"));
    await user.keyboard("5");
    expect(screen.queryByTestId("grid-input")).toBeNull();
    expect(screen.getByTestId("grid-status")).toHaveTextContent("Esta celda no se puede modificar.");
    await user.click(cell(4, "ene"));
    await user.keyboard("{Enter}");
    // Enter on a read-only cell just moves down (here it is the last row).
    expect(screen.queryByTestId("grid-input")).toBeNull();
    await user.keyboard("{F2}{Delete}");
    expect(calls()).toEqual([]);
  });

  it("pastes a 2×3 block from a spreadsheet at the active cell as one change of six cells", async () => {
    const user = setup();
    await user.click(cell(1, "ene"));
    await user.paste("1\t2\t3\r\n4\t5,5\t6\r\n");
    expect(calls()).toEqual([
      [
        { rowId: 1, key: "ene", value: "1" },
        { rowId: 1, key: "feb", value: "2" },
        { rowId: 1, key: "mar", value: "3" },
        { rowId: 2, key: "ene", value: "4" },
        { rowId: 2, key: "feb", value: "5,5" },
        { rowId: 2, key: "mar", value: "6" },
      ],
    ]);
    expect(cell(2, "feb")).toHaveTextContent("5,5");
    // The pasted area is selected, the active cell stays at its top-left.
    expect(active()).toBe("cell-1-ene");
    expect(cell(2, "mar")).toHaveAttribute("aria-selected", "true");
    expect(cell(3, "ene")).toHaveAttribute("aria-selected", "false");
  });

  it("skips read-only cells and cells past the edges when pasting", async () => {
    const user = setup();
    await user.click(cell(3, "feb"));
    await user.paste("7\t8\t9\t10\n1\t2\t3\n0\t0\t0\n");
    // total is read-only, there is no fifth column after it; row 4 is read-only; no row 5.
    expect(calls()).toEqual([
      [
        { rowId: 3, key: "feb", value: "7" },
        { rowId: 3, key: "mar", value: "8" },
      ],
    ]);
    expect(cell(4, "feb")).toHaveTextContent("20");
    expect(screen.getByTestId("grid-status")).toHaveTextContent("Se omitieron las celdas de solo lectura");
  });

  it("fills the selection with one pasted value and keeps plain text pasted into an edited cell", async () => {
    const user = setup();
    await user.click(cell(1, "ene"));
    await user.keyboard("{Shift>}{ArrowDown}{ArrowRight}{/Shift}");
    await user.paste("0\n");
    expect(calls()).toEqual([
      [
        { rowId: 1, key: "ene", value: "0" },
        { rowId: 1, key: "feb", value: "0" },
        { rowId: 2, key: "ene", value: "0" },
      ],
    ]);
    await user.click(cell(3, "ene"));
    await user.keyboard("{Enter}");
    await user.paste("12");
    expect(screen.getByTestId("grid-input")).toHaveValue("12");
    await user.keyboard("{Enter}");
    expect(calls()[1]).toEqual([{ rowId: 3, key: "ene", value: "12" }]);
  });

  it("clears the selected cells with Delete, leaving read-only and empty ones alone", async () => {
    const user = setup();
    await user.click(cell(1, "feb"));
    await user.keyboard("{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowRight}{ArrowRight}{/Shift}");
    expect(cell(4, "total")).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Delete}");
    expect(calls()).toEqual([
      [
        { rowId: 1, key: "feb", value: "" },
        { rowId: 2, key: "feb", value: "" },
        { rowId: 2, key: "mar", value: "" },
      ],
    ]);
    expect(cell(1, "feb")).toHaveTextContent(/^$/);
    expect(cell(1, "total")).toHaveTextContent("30");
    // The active cell is the corner the arrows moved; Escape collapses the selection to it.
    expect(active()).toBe("cell-4-total");
    await user.keyboard("{Escape}");
    expect(cell(1, "feb")).toHaveAttribute("aria-selected", "false");
    expect(cell(4, "total")).toHaveAttribute("aria-selected", "true");
  });

  it("copies the selection as TSV with Ctrl+C", async () => {
    const user = setup();
    await user.click(cell(1, "name"));
    await user.keyboard("{Shift>}{ArrowDown}{ArrowRight}{ArrowRight}{/Shift}");
    const tsv = "Capacitación a vecinos\t10\t20\nLimpieza de parques\t1.250,5\t0";
    // The webview copies what is selected in a text box: the selection goes into a hidden one.
    await fireEvent.keyDown(grid(), { key: "c", ctrlKey: true });
    const box = document.activeElement as HTMLTextAreaElement;
    expect(box.tagName).toBe("TEXTAREA");
    expect(box.value).toBe(tsv);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, tsv.length]);
    const setData = vi.fn();
    const copy = Object.assign(new Event("copy", { bubbles: true, cancelable: true }), { clipboardData: { setData } });
    box.dispatchEvent(copy);
    expect(setData).toHaveBeenCalledWith("text/plain", tsv);
    expect(copy.defaultPrevented).toBe(true);
    expect(grid()).toHaveFocus();
  });

  it("pastes with Ctrl+V through the hidden text box and gives the focus back", async () => {
    const user = setup();
    await user.click(cell(2, "feb"));
    await fireEvent.keyDown(grid(), { key: "v", ctrlKey: true });
    expect(document.activeElement?.tagName).toBe("TEXTAREA");
    await user.paste("3\t4");
    expect(calls()).toEqual([
      [
        { rowId: 2, key: "feb", value: "3" },
        { rowId: 2, key: "mar", value: "4" },
      ],
    ]);
    expect(grid()).toHaveFocus();
    // Nothing pasted (an empty clipboard): the focus comes back all the same.
    await fireEvent.keyDown(grid(), { key: "v", ctrlKey: true });
    await waitFor(() => expect(grid()).toHaveFocus());
  });

  it("shows an error at its cell and says it in the status line", async () => {
    const user = setup({ errors: { "2:feb": "El valor no puede ser negativo.", "9:ene": "fila que no existe" } });
    const bad = cell(2, "feb");
    expect(bad).toHaveAttribute("aria-invalid", "true");
    expect(bad).toHaveClass("invalid");
    expect(bad).toHaveAttribute("title", "El valor no puede ser negativo.");
    expect(cell(2, "ene")).not.toHaveAttribute("aria-invalid");
    const status = screen.getByTestId("grid-status");
    expect(status).toHaveTextContent("Hay 1 celda con un error.");
    expect(grid()).toHaveAttribute("aria-describedby", status.id);

    await user.click(screen.getByTestId("grid-next-error"));
    expect(active()).toBe("cell-2-feb");
    expect(grid()).toHaveFocus();
    expect(status).toHaveTextContent("Fila 2, Feb: El valor no puede ser negativo.");
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("grid-input")).toHaveAttribute("aria-invalid", "true");
    await user.keyboard("{Escape}{ArrowRight}");
    expect(status).toHaveTextContent("Hay 1 celda con un error.");
  });

  it("marks the cells changed and not yet saved", () => {
    render(Grid, { columns, rows, marked: ["2:mar", "9:ene"], caption: "Metas", onchange: vi.fn() });
    expect(cell(2, "mar")).toHaveClass("marked");
    expect(cell(2, "mar")).toHaveAttribute("data-marked", "true");
    expect(cell(2, "feb")).not.toHaveClass("marked");
  });

  it("names the row by its label in messages when it has one", async () => {
    const user = userEvent.setup();
    const labelled = rows.map((r) => ({ ...r, label: String(r.cells.name) }));
    render(Grid, {
      columns,
      rows: labelled,
      caption: "Metas",
      errors: { "1:ene": "Indique la meta." },
      onchange: vi.fn(),
    });
    await user.click(cell(1, "ene"));
    expect(screen.getByTestId("grid-status")).toHaveTextContent("Capacitación a vecinos, Ene: Indique la meta.");
  });
});

describe("Grid with 2,000 rows × 14 columns", () => {
  const months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"];
  const big: GridColumn[] = [
    { key: "code", label: "Código", kind: "text", readonly: true, width: 90 },
    { key: "name", label: "Actividad", kind: "text", width: 240 },
    ...months.map((m) => ({ key: m, label: m[0].toUpperCase() + m.slice(1), kind: "number" as const })),
  ];
  const many: GridRow[] = Array.from({ length: 2000 }, (_, i) => ({
    id: i + 1,
    cells: Object.fromEntries([
      ["code", `A${i + 1}`],
      ["name", `Actividad ${i + 1}`],
      ...months.map((m, k) => [m, i * 12 + k]),
    ]),
  }));

  it("renders only the rows in view and follows the active cell to the end", async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    const started = performance.now();
    render(Grid, { columns: big, rows: many, caption: "POI", onchange, stickyColumns: 2, height: 480, rowHeight: 32 });
    const took = performance.now() - started;
    const rendered = () => grid().querySelectorAll("tbody tr:not(.spacer)").length;
    expect(rendered()).toBeLessThan(40);
    expect(took).toBeLessThan(2000);
    expect(grid()).toHaveAttribute("aria-rowcount", "2001");
    expect(cell(2, "name").style.left).toBe("90px");
    expect(cell(1, "code").closest("tr")).toHaveAttribute("aria-rowindex", "2");

    await user.click(cell(1, "ene"));
    await user.keyboard("{Control>}{End}{/Control}");
    expect(active()).toBe("cell-2000-dic");
    expect(screen.queryByTestId("cell-1-ene")).toBeNull();
    expect(rendered()).toBeLessThan(40);
    expect(screen.getByTestId("cell-2000-dic").closest("tr")).toHaveAttribute("aria-rowindex", "2001");
    const spacer = grid().querySelector<HTMLElement>("tbody tr.spacer td");
    expect(parseInt(spacer?.style.height ?? "0", 10)).toBeGreaterThan(1900 * 32);

    await user.keyboard("7{Enter}");
    expect(onchange).toHaveBeenCalledWith([{ rowId: 2000, key: "dic", value: "7" }]);

    // Scrolling by hand brings other rows in.
    const scroller = grid().parentElement as HTMLElement;
    scroller.scrollTop = 1000 * 32;
    await fireEvent.scroll(scroller);
    expect(screen.getByTestId("cell-1001-ene")).toBeInTheDocument();
    expect(screen.queryByTestId("cell-2000-dic")).toBeNull();
    expect(grid()).not.toHaveAttribute("aria-activedescendant");
    // A key brings the active cell back into view.
    await user.keyboard("{PageUp}");
    expect(active()).toMatch(/^cell-\d+-dic$/);
  });

  it("starts on the column to fill in, and gives cells the class their column asks for by value", async () => {
    const user = userEvent.setup();
    const onchange = vi.fn();
    const lights: GridColumn[] = [
      ...columns.slice(0, 2),
      { key: "light", label: "Semáforo", kind: "text", readonly: true, cellClass: (v) => `light-${String(v)}` },
    ];
    render(Grid, {
      columns: lights,
      rows: [{ id: 1, cells: { name: "Ferias", ene: 3, light: "rojo" } }],
      caption: "Mes",
      onchange,
      startColumn: 1,
    });
    expect(cell(1, "light")).toHaveClass("light-rojo");
    expect(cell(1, "light")).toHaveClass("readonly");
    grid().focus();
    await user.keyboard("5{Enter}");
    expect(onchange).toHaveBeenCalledWith([{ rowId: 1, key: "ene", value: "5" }]);
  });
});
