import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PlanPoi from "./PlanPoi.svelte";
import { app } from "../lib/app.svelte";
import type { ActivityRow } from "../lib/bindings/ActivityRow";
import type { OperationalPlan } from "../lib/bindings/OperationalPlan";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { activities, activity, operationalPlan, strategicPlan, units } from "../test/plans";

type Handler = (p: Record<string, unknown>, dry: boolean) => unknown;

function core(detail: () => OperationalPlan, extra: Record<string, Handler> = {}, rows: ActivityRow[] = activities) {
  return fakeCore({
    "plan.operational.list": () => page([detail().plan]),
    "plan.operational.get": () => detail(),
    "org.unit.list": () => units,
    "plan.activity.list": (p) => ({
      total: rows.length,
      version: (p.version as number | null) ?? detail().plan.version,
      rows: rows.slice(p.offset as number, (p.offset as number) + ((p.limit as number) ?? 200)),
    }),
    ...extra,
  });
}

const cell = (row: number, key: string) => screen.getByTestId(`cell-${row}-${key}`);

beforeEach(() => {
  app.municipality = { ...municipality };
  app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-07-15" };
});

describe("POI", () => {
  it("shows the activities × months, the annual total, and the financial targets in soles", async () => {
    const user = userEvent.setup();
    const sent = core(() => operationalPlan());
    render(PlanPoi);
    expect(await screen.findByTestId("grid")).toBeInTheDocument();
    expect(real(sent, "plan.activity.list")[0].params).toEqual({ plan_id: 7, unit_id: null, version: null, offset: 0, limit: 200 });
    expect(cell(31, "code")).toHaveTextContent("AOI00001");
    expect(cell(31, "name")).toHaveAttribute("aria-readonly", "true");
    expect(cell(31, "m12")).toHaveTextContent("2");
    expect(cell(31, "total")).toHaveTextContent("13");
    expect(cell(31, "m1")).not.toHaveAttribute("aria-readonly");
    expect(screen.getByTestId("cell-total-m1")).toHaveTextContent("11");
    expect(screen.getByTestId("poi-status")).toHaveTextContent("En formulación");

    await user.click(screen.getByTestId("poi-financial"));
    expect(cell(31, "m1")).toHaveTextContent("1.500,00");
    expect(cell(31, "total")).toHaveTextContent("18.000,00");

    // One unit only.
    await user.selectOptions(screen.getByTestId("poi-unit"), "2");
    await waitFor(() => expect(real(sent, "plan.activity.list")).toHaveLength(2));
    expect(real(sent, "plan.activity.list")[1].params).toMatchObject({ unit_id: 2, offset: 0 });
  });

  it("sends an edit to plan.targets.set as typed, and a paste as one request", async () => {
    const user = userEvent.setup();
    const sent = core(() => operationalPlan(), { "plan.targets.set": (p) => ({ version: 1, cells: (p.changes as unknown[]).length }) });
    render(PlanPoi);
    await user.click(await screen.findByTestId("cell-31-m3"));
    await user.keyboard("1.250,5{Enter}");
    await waitFor(() => expect(real(sent, "plan.targets.set")).toHaveLength(1));
    expect(real(sent, "plan.targets.set")[0].params).toEqual({
      plan_id: 7,
      changes: [{ activity_id: 31, month: 3, physical: "1.250,5", financial: null }],
    });
    await waitFor(() => expect(cell(31, "m3")).toHaveTextContent("1.250,5"));
    expect(cell(31, "m3")).not.toHaveClass("marked");

    // A block pasted from a spreadsheet: one request with every cell.
    await user.click(cell(31, "m4"));
    await user.paste("3\t4\n5\t6");
    await waitFor(() => expect(real(sent, "plan.targets.set")).toHaveLength(2));
    expect(real(sent, "plan.targets.set")[1].params.changes).toEqual([
      { activity_id: 31, month: 4, physical: "3", financial: null },
      { activity_id: 31, month: 5, physical: "4", financial: null },
      { activity_id: 32, month: 4, physical: "5", financial: null },
      { activity_id: 32, month: 5, physical: "6", financial: null },
    ]);
  });

  it("puts the core's refusal of changes.N.physical on that cell and saves the other cells", async () => {
    const user = userEvent.setup();
    const sent = core(() => operationalPlan(), {
      "plan.targets.set": (p) => {
        const changes = p.changes as { physical: string | null }[];
        const bad = changes.findIndex((c) => c.physical === "diez");
        if (bad >= 0) {
          throw { kind: "validation", field: `changes.${bad}.physical`, message: "«diez» no es un número. Escriba un número; por ejemplo 1250 o 1.250,50." };
        }
        return { version: 1, cells: changes.length };
      },
    });
    render(PlanPoi);
    await user.click(await screen.findByTestId("cell-31-m6"));
    await user.paste("8\tdiez");
    await waitFor(() => expect(cell(31, "m7")).toHaveAttribute("aria-invalid", "true"));
    expect(cell(31, "m6")).not.toHaveAttribute("aria-invalid");
    expect(cell(31, "m7")).toHaveTextContent("diez");
    expect(cell(31, "m7")).toHaveClass("marked");
    // The valid cell went again on its own.
    await waitFor(() => expect(real(sent, "plan.targets.set")).toHaveLength(2));
    expect(real(sent, "plan.targets.set")[1].params.changes).toEqual([{ activity_id: 31, month: 6, physical: "8", financial: null }]);
    expect(screen.getByTestId("poi-save-state")).toHaveTextContent("Una celda no se guardó");

    await user.click(screen.getByTestId("grid-next-error"));
    expect(screen.getByTestId("grid-status")).toHaveTextContent("AOI00001 Recojo de residuos sólidos domiciliarios, Jul: «diez» no es un número");
    await user.keyboard("10{Enter}");
    await waitFor(() => expect(real(sent, "plan.targets.set")).toHaveLength(3));
    expect(real(sent, "plan.targets.set")[2].params.changes).toEqual([{ activity_id: 31, month: 7, physical: "10", financial: null }]);
    await waitFor(() => expect(cell(31, "m7")).not.toHaveAttribute("aria-invalid"));
  });

  it("reprograms an approved plan: open months only, edits marked, reason and date, then the new version", async () => {
    const user = userEvent.setup();
    let versions = 2;
    const approved = { status: "aprobado" as const, norm_id: 5, norm_identifier: "RESOLUCIÓN DE ALCALDÍA N° 010-2026-ALC/MDPR", approved_on: "2026-01-05" };
    const sent = core(() => operationalPlan(approved, versions), {
      "plan.reprogram": (p) => {
        if ((p.reason as string).length < 10) throw { kind: "validation", field: "reason", message: "Escriba el motivo de la reprogramación (al menos 10 caracteres)." };
        versions = 3;
        return { version: 3, cells: (p.changes as unknown[]).length };
      },
    });
    render(PlanPoi);
    expect(await screen.findByTestId("grid")).toBeInTheDocument();
    expect(cell(31, "m8")).toHaveAttribute("aria-readonly", "true");
    expect(screen.getByTestId("poi-state")).toHaveTextContent("Aprobado por RESOLUCIÓN DE ALCALDÍA N° 010-2026-ALC/MDPR");
    expect(screen.getAllByTestId("poi-history-item")).toHaveLength(2);

    await user.click(screen.getByTestId("poi-reprogram"));
    expect(cell(31, "m6")).toHaveAttribute("aria-readonly", "true");
    expect(cell(31, "m7")).not.toHaveAttribute("aria-readonly");
    expect(screen.getByTestId("poi-version")).toBeDisabled();
    await user.click(cell(31, "m8"));
    await user.keyboard("12{Enter}");
    expect(cell(31, "m8")).toHaveClass("marked");
    expect(cell(31, "m8")).toHaveTextContent("12");
    expect(screen.getByTestId("poi-state")).toHaveTextContent("1 celda modificada");
    expect(real(sent, "plan.targets.set")).toHaveLength(0);

    await user.click(screen.getByTestId("poi-reprogram-open"));
    const dialog = screen.getByTestId("poi-reprogram-dialog");
    expect(dialog).toHaveTextContent("versión 3");
    await user.type(within(dialog).getByTestId("poi-reprogram-reason"), "Corto");
    await user.click(within(dialog).getByTestId("poi-reprogram-save"));
    expect(await within(dialog).findByTestId("error-reason")).toHaveTextContent("al menos 10 caracteres");
    await user.type(within(dialog).getByTestId("poi-reprogram-reason"), " plazo por lluvias");
    await user.click(within(dialog).getByTestId("poi-reprogram-save"));
    await waitFor(() => expect(real(sent, "plan.reprogram")).toHaveLength(2));
    expect(real(sent, "plan.reprogram")[1].params).toEqual({
      plan_id: 7,
      reason: "Corto plazo por lluvias",
      decided_on: "2026-07-15",
      changes: [{ activity_id: 31, month: 8, physical: "12", financial: null }],
    });
    await waitFor(() => expect(screen.queryByTestId("poi-reprogram-dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getAllByTestId("poi-history-item")).toHaveLength(3));
    expect(within(screen.getByTestId("poi-version")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Actual — reprogramación 2 (versión 3)",
      "Reprogramación 1 (versión 2) · 10/06/2026",
      "Original (versión 1) · 05/01/2026",
    ]);
    expect(cell(31, "m8")).toHaveAttribute("aria-readonly", "true");
    expect(cell(31, "m8")).not.toHaveClass("marked");
  });

  it("a refused cell of a reprogramming goes back to the grid; «Descartar» drops the edits; older versions are read-only", async () => {
    const user = userEvent.setup();
    const approved = { status: "aprobado" as const, norm_id: 5, norm_identifier: "RA 010", approved_on: "2026-01-05" };
    const sent = core(() => operationalPlan(approved, 2), {
      "plan.reprogram": () => {
        throw { kind: "validation", field: "changes.0.physical", message: "El valor no puede ser negativo." };
      },
    });
    render(PlanPoi);
    await user.click(await screen.findByTestId("poi-reprogram"));
    await user.click(cell(32, "m9"));
    await user.keyboard("-3{Enter}");
    await user.click(screen.getByTestId("poi-reprogram-open"));
    await user.type(screen.getByTestId("poi-reprogram-reason"), "Reducción de metas por recorte");
    await user.click(screen.getByTestId("poi-reprogram-save"));
    await waitFor(() => expect(cell(32, "m9")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.queryByTestId("poi-reprogram-dialog")).not.toBeInTheDocument();
    expect(real(sent, "plan.reprogram")).toHaveLength(1);

    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "" });
    await user.click(screen.getByTestId("poi-discard"));
    expect(confirm.mock.calls[0][0].message).toContain("1 celda(s) reprogramada(s)");
    await waitFor(() => expect(cell(32, "m9")).toHaveTextContent("10"));
    expect(cell(32, "m9")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("poi-reprogram")).toBeInTheDocument();

    await user.selectOptions(screen.getByTestId("poi-version"), "1");
    await waitFor(() => expect(real(sent, "plan.activity.list").at(-1)?.params).toMatchObject({ version: 1 }));
    expect(screen.getByTestId("poi-state")).toHaveTextContent("Versión 1 de la programación: solo lectura");
    expect(screen.queryByTestId("poi-reprogram")).not.toBeInTheDocument();
  });

  it("pages through the activities 200 at a time", async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 450 }, (_, i) => activity(1000 + i, `AOI${String(i).padStart(5, "0")}`, `Actividad ${i}`));
    const sent = core(() => operationalPlan({ activities: 450 }), {}, many);
    render(PlanPoi);
    expect(await screen.findByTestId("poi-page")).toHaveTextContent("Página 1 de 3");
    await user.click(screen.getByTestId("poi-next"));
    await waitFor(() => expect(screen.getByTestId("poi-page")).toHaveTextContent("Página 2 de 3"));
    expect(real(sent, "plan.activity.list").at(-1)?.params).toMatchObject({ offset: 200, limit: 200 });
    expect(screen.getByTestId("cell-1200-code")).toHaveTextContent("AOI00200");
    expect(screen.getByTestId("cell-total-name")).toHaveTextContent("Total de esta página");
  });

  it("with no plan yet says which one to create, and creates it", async () => {
    const user = userEvent.setup();
    let created = false;
    const sent = fakeCore({
      "plan.operational.list": () => page((created ? [operationalPlan().plan] : [])),
      "org.unit.list": () => units,
      "plan.operational.create": () => {
        created = true;
        return operationalPlan();
      },
      "plan.operational.get": () => operationalPlan(),
      "plan.activity.list": () => ({ total: 0, version: 1, rows: [] }),
    });
    render(PlanPoi);
    expect(await screen.findByTestId("poi-empty")).toHaveTextContent("Aún no hay un POI: cree el del año 2026.");
    expect(screen.getByTestId("poi-create-name")).toHaveValue("POI 2026");
    await user.click(screen.getByTestId("poi-create-save"));
    await waitFor(() => expect(real(sent, "plan.operational.create")).toHaveLength(1));
    expect(real(sent, "plan.operational.create")[0].params).toEqual({ kind: "poi", year: 2026, last_year: null, name: "POI 2026", strategic_plan_id: null });
    expect(await screen.findByTestId("poi-no-activities")).toHaveTextContent("Pulse «Nueva actividad»");
  });

  it("«Nueva actividad» offers the strategic plan's actions and saves the activity", async () => {
    const user = userEvent.setup();
    const sent = core(() => operationalPlan(), {
      "plan.strategic.get": () => strategicPlan(),
      "plan.activity.save": (p) => {
        if (!p.measure) throw { kind: "validation", field: "measure", message: "Escriba la unidad de medida (por ejemplo «Informe» o «Persona atendida»)." };
        return activity(40, "AOI00040", "Mantenimiento de parques");
      },
    });
    render(PlanPoi);
    await user.click(await screen.findByTestId("poi-new-activity"));
    const dialog = screen.getByTestId("poi-activity-dialog");
    await user.type(within(dialog).getByTestId("poi-activity-code"), "AOI00040");
    await user.type(within(dialog).getByTestId("poi-activity-name"), "Mantenimiento de parques");
    await waitFor(() => expect(within(dialog).getAllByRole("option").some((o) => o.textContent?.startsWith("AEI.01.01"))).toBe(true));
    await user.selectOptions(within(dialog).getByTestId("poi-activity-action"), "20");
    await user.click(within(dialog).getByTestId("poi-activity-save"));
    expect(await within(dialog).findByTestId("error-measure")).toHaveTextContent("Escriba la unidad de medida");
    await user.type(within(dialog).getByTestId("poi-activity-measure"), "Parque mantenido");
    await user.click(within(dialog).getByTestId("poi-activity-save"));
    await waitFor(() => expect(real(sent, "plan.activity.save")).toHaveLength(2));
    expect(real(sent, "plan.activity.save")[1].params).toMatchObject({
      plan_id: 7,
      unit_id: 1,
      action_id: 20,
      code: "AOI00040",
      name: "Mantenimiento de parques",
      measure: "Parque mantenido",
      goal_kind: null,
    });
    await waitFor(() => expect(screen.queryByTestId("poi-activity-dialog")).not.toBeInTheDocument());
  });
});
