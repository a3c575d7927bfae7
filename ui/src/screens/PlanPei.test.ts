import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PlanPei from "./PlanPei.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import type { StrategicPlan } from "../lib/bindings/StrategicPlan";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { indicator, strategicPlan, units } from "../test/plans";

const refused = (field: string, message: string) => {
  throw { kind: "validation", message, field };
};

function core(plan: StrategicPlan, extra: Record<string, (p: Record<string, unknown>, dry: boolean) => unknown> = {}) {
  return fakeCore({
    "plan.strategic.list": () => page([plan.plan]),
    "plan.strategic.get": () => plan,
    "org.unit.list": () => units,
    ...extra,
  });
}

const node = (code: string) => screen.getAllByTestId("pei-node").find((n) => n.textContent?.includes(code))!;

beforeEach(() => {
  app.municipality = { ...municipality };
  app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-07-15" };
});

describe("PEI", () => {
  it("lists the versions and shows the tree OEI → AEI → indicators with priorities and units", async () => {
    const user = userEvent.setup();
    core(strategicPlan());
    render(PlanPei);
    const row = await screen.findByTestId("pei-version-row");
    expect(row).toHaveTextContent("PEI 2025-2030");
    expect(within(row).getByText("Vigente")).toHaveClass("badge");
    expect(row).toHaveTextContent("RESOLUCIÓN DE ALCALDÍA N° 045-2025-ALC/MDPR");
    expect(row).toHaveTextContent("14/03/2025");

    const nodes = await screen.findAllByTestId("pei-node");
    expect(nodes.map((n) => n.getAttribute("data-key"))).toEqual(["o:10", "i:100", "a:20", "i:101", "o:11"]);
    expect(node("OEI.01")).toHaveTextContent("Prioridad 1");
    expect(node("OEI.01")).toHaveTextContent("Gerencia de Servicios Públicos");
    expect(node("OEI.01")).toHaveTextContent("Tipo I");
    expect(node("AEI.01.01")).toHaveTextContent("Prioridad 2");
    expect(node("AEI.01.01")).toHaveAttribute("aria-level", "2");
    expect(node("Tasa de residuos")).toHaveTextContent("Decreciente");

    // Approved: no editing controls, and the note says why.
    expect(screen.queryByTestId("pei-new-objective")).not.toBeInTheDocument();
    expect(screen.queryByTestId("pei-approve")).not.toBeInTheDocument();
    expect(screen.getByTestId("pei-locked")).toHaveTextContent("ya no se modifica");
    expect(screen.getByTestId("pei-revise")).toBeInTheDocument();

    // ← collapses the objective, → expands it again.
    await user.click(node("OEI.01"));
    expect(node("OEI.01")).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(screen.getAllByTestId("pei-node")).toHaveLength(2);
    expect(node("OEI.01")).toHaveAttribute("aria-expanded", "false");
    await user.keyboard("{ArrowRight}{ArrowDown}{ArrowDown}");
    expect(node("AEI.01.01")).toHaveFocus();
    expect(screen.getByTestId("pei-element-view")).toHaveTextContent("Prioridad en la ruta estratégica");
  });

  it("shows an indicator's year table and records the valor obtenido on an approved plan", async () => {
    const user = userEvent.setup();
    const after = strategicPlan();
    after.objectives[0].indicators[0] = indicator(100, "Porcentaje de la población satisfecha con los servicios", {
      values: after.objectives[0].indicators[0].values.map((v) => (v.year === 2026 ? { ...v, actual: 52.5, achievement: 116.67 } : v)),
    });
    const sent = core(strategicPlan(), { "plan.indicator.actual": () => after });
    render(PlanPei);
    await user.click(await screen.findByText("Porcentaje de la población satisfecha con los servicios"));
    const values = screen.getByTestId("pei-indicator-values");
    expect(within(values).getByTestId("pei-direction")).toHaveTextContent("Creciente");
    expect(within(values).getByTestId("pei-achievement-2025")).toHaveTextContent("105 %");
    // Past and current years can be recorded; future ones cannot.
    expect(within(values).getByTestId("pei-actual-2026")).toBeInTheDocument();
    expect(within(values).queryByTestId("pei-actual-2027")).not.toBeInTheDocument();
    // The formula is written out.
    expect(screen.getByTestId("pei-help")).toHaveTextContent("valor obtenido ÷ logro esperado × 100");
    expect(screen.getByTestId("pei-help")).toHaveTextContent("logro esperado ÷ valor obtenido × 100");

    await user.type(within(values).getByTestId("pei-actual-2026"), "52,5{Enter}");
    await waitFor(() => expect(real(sent, "plan.indicator.actual")).toHaveLength(1));
    expect(real(sent, "plan.indicator.actual")[0].params).toEqual({ id: 100, year: 2026, actual: "52,5" });
    await waitFor(() => expect(screen.getByTestId("pei-achievement-2026")).toHaveTextContent("116,7 %"));
  });

  it("adds an indicator to a draft and shows the core's refusal at its field", async () => {
    const user = userEvent.setup();
    const draft = strategicPlan({ status: "borrador", norm_id: null, norm_identifier: null, approved_on: null });
    const sent = core(draft, {
      "plan.indicator.save": (p) => {
        const exp = p.expected as { year: number; expected: string }[];
        const i = exp.findIndex((e) => e.expected !== "" && !/^[\d.,]+$/.test(e.expected));
        if (i >= 0) refused(`expected.${i}.expected`, `«${exp[i].expected}» no es un número. Escriba un número; por ejemplo 45 o 12,5.`);
        return draft;
      },
    });
    render(PlanPei);
    await user.click(await screen.findByText("Fortalecer la gestión institucional de la municipalidad"));
    await user.click(screen.getByTestId("pei-new-indicator"));
    const form = screen.getByTestId("pei-indicator-form");
    expect(form).toHaveTextContent("Nuevo indicador de OEI.02");
    await user.type(within(form).getByTestId("pei-indicator-name"), "Índice de cumplimiento de la gestión");
    await user.selectOptions(within(form).getByTestId("pei-indicator-measure"), "indice");
    await user.type(within(form).getByTestId("pei-indicator-baseline"), "0,52");
    await user.type(within(form).getByTestId("pei-indicator-baseline-year"), "2024");
    await user.type(within(form).getByTestId("pei-expected-2025"), "0,55");
    await user.type(within(form).getByTestId("pei-expected-2026"), "diez");
    await user.click(within(form).getByTestId("pei-indicator-save"));

    await waitFor(() => expect(real(sent, "plan.indicator.save")).toHaveLength(1));
    const params = real(sent, "plan.indicator.save")[0].params;
    expect(params).toMatchObject({ objective_id: 11, action_id: null, id: null, measure: "indice", baseline_value: "0,52", baseline_year: 2024 });
    expect((params.expected as unknown[]).slice(0, 3)).toEqual([
      { year: 2025, expected: "0,55" },
      { year: 2026, expected: "diez" },
      { year: 2027, expected: "" },
    ]);
    const error = await screen.findByTestId("error-expected.1.expected");
    await waitFor(() => expect(error).toHaveTextContent("«diez» no es un número"));
    expect(screen.getByTestId("pei-expected-2026")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("pei-expected-2026")).toHaveFocus();
  });

  it("approves a draft with a sealed norm and a date", async () => {
    const user = userEvent.setup();
    const draft = strategicPlan({ status: "borrador", norm_id: null, norm_identifier: null, approved_on: null });
    const sent = core(draft, {
      "norm.list": () => ({ next: null, rows: [
        {
          id: 5,
          kind: "resolucion",
          series: "resolucion-alcaldia",
          date: "2026-07-10",
          title: "Aprueba el Plan Estratégico Institucional 2025-2030",
          identifier: "RESOLUCIÓN DE ALCALDÍA N° 045-2026-ALC/MDPR",
          sealed_at: "2026-07-10T10:00:00-05:00",
          verification_code: "ABCDE-12345",
          signatures: 1,
          corrects_id: null,
        },
      ] }),
      "plan.strategic.approve": (p) => (p.norm_id === 0 ? refused("norm_id", "Elija una norma numerada y sellada del registro (la que aprueba el plan).") : draft),
    });
    render(PlanPei);
    expect(await screen.findByTestId("pei-new-objective")).toBeInTheDocument();
    await user.click(screen.getByTestId("pei-approve"));
    const dialog = screen.getByTestId("plan-approve-dialog");
    expect(real(sent, "norm.list")[0].params).toEqual({ kind: null, status: "sellada", query: null, after: null, limit: 50 });
    await user.click(within(dialog).getByTestId("plan-approve-save"));
    expect(await within(dialog).findByTestId("error-norm_id")).toHaveTextContent("Elija una norma numerada y sellada");
    await user.selectOptions(within(dialog).getByTestId("plan-approve-norm"), "RESOLUCIÓN DE ALCALDÍA N° 045-2026-ALC/MDPR — Aprueba el Plan Estratégico Institucional 2025-2030 (10/07/2026)");
    await user.click(within(dialog).getByTestId("plan-approve-save"));
    await waitFor(() => expect(real(sent, "plan.strategic.approve")).toHaveLength(2));
    expect(real(sent, "plan.strategic.approve")[1].params).toEqual({ id: 1, norm_id: 5, approved_on: "2026-07-15" });
    await waitFor(() => expect(screen.queryByTestId("plan-approve-dialog")).not.toBeInTheDocument());
  });

  it("«Nueva versión» asks the reason and opens the new draft", async () => {
    const user = userEvent.setup();
    const draft = strategicPlan({ id: 2, version: 2, previous_id: 1, status: "borrador", reason: "Cambio de gestión municipal", norm_id: null, norm_identifier: null, approved_on: null });
    const sent = core(strategicPlan(), { "plan.strategic.revise": () => draft });
    render(PlanPei);
    await user.click(await screen.findByTestId("pei-revise"));
    await user.type(screen.getByTestId("plan-revise-reason"), "Cambio de gestión municipal");
    await user.click(screen.getByTestId("plan-revise-save"));
    await waitFor(() => expect(real(sent, "plan.strategic.revise")).toHaveLength(1));
    expect(real(sent, "plan.strategic.revise")[0].params).toEqual({ id: 1, reason: "Cambio de gestión municipal" });
    expect(await screen.findByTestId("pei-status")).toHaveTextContent("Borrador");
    expect(screen.getByTestId("pei-new-objective")).toBeInTheDocument();
  });

  it("with no plan yet, says so and creates one; in Chile it is the PLADECO with lineamientos", async () => {
    app.municipality = { ...municipality, country: "CL", kind: "comuna" };
    const user = userEvent.setup();
    const created = strategicPlan({ name: "PLADECO 2026-2029", first_year: 2026, last_year: 2029, status: "borrador" });
    created.objectives = [];
    const sent = fakeCore({
      "plan.strategic.list": () => page((real(sent, "plan.strategic.create").length ? [created.plan] : [])),
      "org.unit.list": () => units,
      "plan.strategic.create": () => created,
    });
    render(PlanPei);
    expect(await screen.findByTestId("pei-empty")).toHaveTextContent("Aún no hay un PLADECO");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("PLADECO");
    expect(screen.getByTestId("pei-name")).toHaveValue("PLADECO 2026-2029");
    await user.type(screen.getByTestId("pei-mission"), "Una comuna con servicios de calidad.");
    await user.click(screen.getByTestId("pei-header-save"));
    await waitFor(() => expect(real(sent, "plan.strategic.create")).toHaveLength(1));
    expect(real(sent, "plan.strategic.create")[0].params).toEqual({
      name: "PLADECO 2026-2029",
      first_year: 2026,
      last_year: 2029,
      mission: "Una comuna con servicios de calidad.",
    });
    expect(await screen.findByTestId("pei-new-objective")).toHaveTextContent("Nuevo lineamiento");
    expect(screen.getByTestId("pei-tree-empty")).toHaveTextContent("lineamientos");
  });

  it("adds an objective to a draft: the new one is selected in the tree", async () => {
    const user = userEvent.setup();
    const draft = strategicPlan({ status: "borrador" });
    const added = strategicPlan({ status: "borrador" });
    added.objectives.push({ ...added.objectives[1], id: 12, code: "OEI.03", statement: "Reducir la vulnerabilidad ante desastres", priority: 4 });
    const sent = core(draft, { "plan.objective.save": () => added });
    render(PlanPei);
    await user.click(await screen.findByTestId("pei-new-objective"));
    const form = screen.getByTestId("pei-element-form");
    expect(within(form).getByTestId("pei-code")).toHaveFocus();
    await user.type(within(form).getByTestId("pei-code"), "OEI.03");
    await user.selectOptions(within(form).getByTestId("pei-kind"), "I");
    await user.clear(within(form).getByTestId("pei-priority"));
    await user.type(within(form).getByTestId("pei-priority"), "4");
    await user.type(within(form).getByTestId("pei-statement"), "Reducir la vulnerabilidad ante desastres");
    await user.selectOptions(within(form).getByTestId("pei-unit"), "3");
    await user.click(within(form).getByTestId("pei-element-save"));
    await waitFor(() => expect(real(sent, "plan.objective.save")).toHaveLength(1));
    expect(real(sent, "plan.objective.save")[0].params).toEqual({
      plan_id: 1,
      id: null,
      code: "OEI.03",
      kind: "I",
      statement: "Reducir la vulnerabilidad ante desastres",
      unit_id: 3,
      priority: 4,
    });
    await waitFor(() => expect(node("OEI.03")).toHaveAttribute("aria-selected", "true"));
    expect(screen.getByTestId("pei-element-form")).toHaveTextContent("OEI.03");
  });

  it("deletes an action of a draft after confirmation", async () => {
    const user = userEvent.setup();
    const draft = strategicPlan({ status: "borrador" });
    const without = strategicPlan({ status: "borrador" });
    without.objectives[0].actions = [];
    const sent = core(draft, { "plan.action.delete": () => without });
    vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "" });
    render(PlanPei);
    await user.click(await screen.findByText("Servicio de limpieza pública continuo en beneficio de la población"));
    await user.keyboard("{Delete}");
    await waitFor(() => expect(real(sent, "plan.action.delete")).toHaveLength(1));
    expect(real(sent, "plan.action.delete")[0].params).toEqual({ id: 20 });
    await waitFor(() => expect(screen.getAllByTestId("pei-node")).toHaveLength(3));
  });
});

