import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Encargos from "./Encargos.svelte";
import { app } from "../lib/app.svelte";
import type { FollowupRow } from "../lib/bindings/FollowupRow";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { deskUnits, encargo, row, statuses } from "../test/desk";

type Handler = (p: Record<string, unknown>, dry: boolean) => unknown;

function core(rows: FollowupRow[], extra: Record<string, Handler> = {}, commands: Record<string, (a: Record<string, unknown>) => unknown> = {}) {
  return fakeCore(
    {
      "org.unit.list": () => deskUnits,
      "followup.statuses": () => statuses,
      "followup.list": (p) => {
        const offset = Number(p.offset ?? 0);
        const limit = Number(p.limit ?? 50);
        return { total: rows.length, rows: rows.slice(offset, offset + limit), scoped_unit: null };
      },
      "followup.get": (p) => encargo(Number(p.id)),
      ...extra,
    },
    commands,
  );
}

beforeEach(() => {
  app.municipality = { ...municipality };
  app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-07-15" };
});

describe("Encargos", () => {
  it("lists the open encargos paged by the core, with the days left in words, and follows the views and the search", async () => {
    const user = userEvent.setup();
    const rows = Array.from({ length: 60 }, (_, i) => row(i + 1));
    rows[0] = row(1, { days_left: -2, status: "vencido", status_label: "Vencido" });
    rows[1] = row(2, { days_left: 0 });
    rows[2] = row(3, { days_left: 3, status: "en_proceso", status_label: "En proceso", progress: 40 });
    rows[3] = row(4, { days_left: 1 });
    const sent = core(rows);
    render(Encargos);

    const shown = await screen.findAllByTestId("fu-row");
    expect(shown).toHaveLength(50);
    expect(real(sent, "followup.list")[0].params).toEqual({ kind: "encargo", view: "abiertos", offset: 0, limit: 50 });
    expect(screen.getByTestId("fu-total")).toHaveTextContent("60 encargos");
    expect(screen.getByTestId("fu-page")).toHaveTextContent("Página 1 de 2");
    expect(within(shown[0]).getByTestId("fu-due")).toHaveTextContent("vencido hace 2 días hábiles");
    expect(within(shown[0]).getByTestId("fu-due")).toHaveClass("overdue");
    expect(within(shown[0]).getByTestId("fu-status")).toHaveTextContent("Vencido");
    expect(within(shown[1]).getByTestId("fu-due")).toHaveTextContent("vence hoy");
    expect(within(shown[2]).getByTestId("fu-due")).toHaveTextContent("faltan 3 días hábiles");
    expect(within(shown[3]).getByTestId("fu-due")).toHaveTextContent("falta 1 día hábil");
    expect(shown[2]).toHaveTextContent("40 %");
    expect(shown[0]).toHaveTextContent("ACUERDO DE CONCEJO N° 012-2026-SO-CM/MDPR");
    expect(shown[0]).toHaveTextContent("Gerencia de Desarrollo Urbano");
    expect(shown[0]).toHaveTextContent("12/08/2026");

    await user.click(screen.getByTestId("fu-next"));
    await waitFor(() => expect(screen.getAllByTestId("fu-row")).toHaveLength(10));
    expect(real(sent, "followup.list").at(-1)?.params).toMatchObject({ offset: 50, limit: 50 });
    expect(screen.getByTestId("fu-page")).toHaveTextContent("Página 2 de 2");
    expect(screen.getByTestId("fu-next")).toBeDisabled();

    // Another view starts again at the first page.
    await user.click(screen.getByTestId("fu-view-vencidos"));
    await waitFor(() => expect(real(sent, "followup.list").at(-1)?.params).toMatchObject({ view: "vencidos", offset: 0 }));
    expect(screen.getByTestId("fu-view-vencidos")).toHaveAttribute("aria-pressed", "true");

    // Filters: the source in Spanish, the text after a pause.
    await user.selectOptions(screen.getByTestId("fu-source"), "Requerimiento de Contraloría");
    await waitFor(() => expect(real(sent, "followup.list").at(-1)?.params).toMatchObject({ source: "contraloria" }));
    await user.type(screen.getByTestId("fu-search"), "licencia");
    await waitFor(() => expect(real(sent, "followup.list").at(-1)?.params).toMatchObject({ text: "licencia", view: "vencidos" }));
    expect(real(sent, "followup.list").filter((s) => s.params.text === "l")).toHaveLength(0);
  });

  it("opens with the filter it is given, and a unit head sees the unit filter fixed to their unit", async () => {
    app.me = { ...app.me!, unit_id: 2, unit_name: "Gerencia de Desarrollo Urbano", unit_only: ["followup.list", "followup.get"] };
    const sent = fakeCore({
      "org.unit.list": () => deskUnits,
      "followup.statuses": () => statuses,
      "followup.list": () => ({ total: 1, rows: [row(7)], scoped_unit: 2 }),
    });
    render(Encargos, { initial: { view: "vencidos", status: "vencido" } });
    await screen.findAllByTestId("fu-row");
    expect(real(sent, "followup.list")[0].params).toEqual({ kind: "encargo", view: "vencidos", status: "vencido", unit_id: 2, offset: 0, limit: 50 });
    const unit = screen.getByTestId("fu-unit") as HTMLSelectElement;
    expect(unit).toBeDisabled();
    await waitFor(() => expect(unit.selectedOptions[0]?.textContent).toBe("Gerencia de Desarrollo Urbano"));
    expect(within(unit).queryByText("Todas")).toBeNull();
  });

  it("shows an item: its source, how the term was counted, the history, and saves a copy of a file", async () => {
    const user = userEvent.setup();
    const sent = core(
      [row(9)],
      { "followup.attachment.save": (p) => ({ path: p.path, size: 1200 }) },
      { save_file: (a) => `/home/sg/${String(a.defaultName)}` },
    );
    render(Encargos);
    await user.click(await screen.findByText("Asunto del encargo 9"));
    expect(await screen.findByTestId("fu-number")).toHaveTextContent("Encargo N° 009-2026");
    expect(real(sent, "followup.get")[0].params).toEqual({ id: 9 });
    expect(screen.getByTestId("fu-facts")).toHaveTextContent("ACUERDO DE CONCEJO N° 012-2026-SO-CM/MDPR");
    expect(screen.getByTestId("fu-open-norm")).toBeInTheDocument();
    const deadline = screen.getByTestId("fu-deadline");
    expect(deadline).toHaveTextContent("Se cuentan 30 días hábiles desde el día hábil siguiente");
    expect(within(deadline).getByTestId("fu-skipped")).toHaveTextContent("29/07/2026 — feriado: Fiestas Patrias");
    const milestones = screen.getAllByTestId("fu-milestone");
    expect(milestones).toHaveLength(2);
    expect(milestones[1]).toHaveTextContent("10/07/2026");
    expect(milestones[1]).toHaveTextContent("Avance");
    expect(milestones[1]).toHaveTextContent("En proceso");
    expect(milestones[1]).toHaveTextContent("30 %");
    expect(milestones[1]).toHaveTextContent("jperez");

    await user.click(screen.getByTestId("fu-file"));
    await waitFor(() => expect(real(sent, "followup.attachment.save")).toHaveLength(1));
    expect(real(sent, "followup.attachment.save")[0].params).toEqual({ milestone_id: 502, path: "/home/sg/informe-tecnico.pdf" });

    await user.click(screen.getByTestId("fu-back"));
    await waitFor(() => expect(screen.queryByTestId("fu-detail")).toBeNull());
    expect(screen.getAllByTestId("fu-row")).toHaveLength(1);
  });

  it("«Registrar avance» shows the core's message at the field it names", async () => {
    const user = userEvent.setup();
    const sent = core([row(9)], {
      "followup.progress": (p) => {
        if (!String(p.note ?? "").trim()) throw { kind: "validation", message: "Escriba qué se hizo.", field: "note" };
        if (p.status === "atendido" && !String(p.answer ?? "").trim()) {
          throw { kind: "validation", message: "Escriba la respuesta o lo que se hizo para atenderlo.", field: "answer" };
        }
        return encargo(9, { answer: String(p.answer) }, { status: "atendido", status_label: "Atendido", closed_on: "2026-07-15", progress: 100, days_left: null });
      },
    });
    render(Encargos);
    await user.click(await screen.findByText("Asunto del encargo 9"));
    await user.click(await screen.findByTestId("fu-progress"));
    const dialog = screen.getByTestId("progress-dialog");
    await user.selectOptions(within(dialog).getByTestId("progress-status"), "atendido");
    await user.type(within(dialog).getByTestId("progress-note"), "Se emitió la licencia.");
    await user.click(within(dialog).getByTestId("progress-save"));
    await waitFor(() => expect(real(sent, "followup.progress")).toHaveLength(1));
    expect(within(dialog).getByTestId("error-answer")).toHaveTextContent("Escriba la respuesta");
    expect(within(dialog).getByTestId("progress-answer")).toHaveAttribute("aria-invalid", "true");
    expect(real(sent, "followup.progress")[0].params).toEqual({
      id: 9,
      on_date: "2026-07-15",
      note: "Se emitió la licencia.",
      status: "atendido",
      answer: "",
    });

    await user.type(within(dialog).getByTestId("progress-answer"), "Licencia N° 120-2026 entregada.");
    await user.click(within(dialog).getByTestId("progress-save"));
    await waitFor(() => expect(screen.queryByTestId("progress-dialog")).toBeNull());
    expect(real(sent, "followup.progress")[1].params).toMatchObject({ status: "atendido", answer: "Licencia N° 120-2026 entregada." });
    // Closed: read-only, with its answer.
    expect(await screen.findByTestId("fu-answer")).toHaveTextContent("Licencia N° 120-2026 entregada.");
    expect(screen.queryByTestId("fu-progress")).toBeNull();
    expect(screen.queryByTestId("fu-edit")).toBeNull();
  });

  it("asks before archiving, sends the file picked, and keeps the item open when the person declines", async () => {
    const user = userEvent.setup();
    const sent = core(
      [row(9)],
      {
        "followup.progress": () =>
          encargo(9, {}, { status: "archivado", status_label: "Archivado", closed_on: "2026-07-15", days_left: null }),
      },
      { pick_file: () => "/home/sg/oficio-desistimiento.pdf" },
    );
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValueOnce({ ok: false, reason: "" }).mockResolvedValueOnce({ ok: true, reason: "" });
    render(Encargos);
    await user.click(await screen.findByText("Asunto del encargo 9"));
    await user.click(await screen.findByTestId("fu-progress"));
    const dialog = screen.getByTestId("progress-dialog");
    await user.selectOptions(within(dialog).getByTestId("progress-status"), "archivado");
    await user.type(within(dialog).getByTestId("progress-note"), "La gerencia desistió del pedido.");
    await user.click(within(dialog).getByTestId("progress-pick"));
    expect(await within(dialog).findByTestId("progress-file")).toHaveTextContent("oficio-desistimiento.pdf");
    await user.click(within(dialog).getByTestId("progress-save"));
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ confirmLabel: "Archivar", danger: true }));
    expect(real(sent, "followup.progress")).toHaveLength(0);

    await user.click(within(dialog).getByTestId("progress-save"));
    await waitFor(() => expect(real(sent, "followup.progress")).toHaveLength(1));
    expect(real(sent, "followup.progress")[0].params).toEqual({
      id: 9,
      on_date: "2026-07-15",
      note: "La gerencia desistió del pedido.",
      status: "archivado",
      file_path: "/home/sg/oficio-desistimiento.pdf",
    });
    confirm.mockRestore();
  });

  it("«Modificar / derivar» asks the reason of a new due date and sends the unit and the date", async () => {
    const user = userEvent.setup();
    const sent = core([row(9)], {
      "followup.update": (p) => {
        if (p.due_on !== "2026-08-12" && !String(p.reason).trim()) throw { kind: "validation", message: "Indique por qué cambia el plazo.", field: "reason" };
        return encargo(9, {}, { unit_id: Number(p.unit_id), unit_name: "Subgerencia de Servicios a la Ciudad", due_on: String(p.due_on) });
      },
    });
    render(Encargos);
    await user.click(await screen.findByText("Asunto del encargo 9"));
    await user.click(await screen.findByTestId("fu-edit"));
    const dialog = screen.getByTestId("edit-dialog");
    await user.selectOptions(within(dialog).getByTestId("edit-unit"), "3");
    const due = within(dialog).getByTestId("edit-due");
    await user.clear(due);
    await user.type(due, "31082026");
    await user.click(within(dialog).getByTestId("edit-save"));
    await waitFor(() => expect(real(sent, "followup.update")).toHaveLength(1));
    expect(within(dialog).getByTestId("error-reason")).toHaveTextContent("Indique por qué cambia el plazo.");
    await user.type(within(dialog).getByTestId("edit-reason"), "La obra requiere expediente técnico.");
    await user.click(within(dialog).getByTestId("edit-save"));
    await waitFor(() => expect(real(sent, "followup.update")).toHaveLength(2));
    expect(real(sent, "followup.update")[1].params).toEqual({
      id: 9,
      subject: "Asunto del encargo 9",
      detail: "Informar al Concejo en la próxima sesión.",
      source_ref: "",
      unit_id: 3,
      due_on: "2026-08-31",
      reason: "La obra requiere expediente técnico.",
    });
    expect(await screen.findByTestId("fu-detail-unit")).toHaveTextContent("Subgerencia de Servicios a la Ciudad");
  });

  it("«Nuevo encargo» sends the source, its document, the unit and the term", async () => {
    const user = userEvent.setup();
    const sent = core([row(9)], {
      "rules.get": () => ({ country: "PE", entries: [{ key: "followup.encargo_days", value: "30" }] }),
      "calendar.add_working_days": (p) => ({ date: p.days === 10 ? "2026-07-29" : "2026-08-26" }),
      "plan.strategic.list": () => page([]),
      "norm.list": (p) => ({ next: null, rows: [
        { id: 41, kind: "acuerdo", series: "acuerdo", date: "2026-06-30", title: "Aprueba la ejecución del mercado", identifier: "ACUERDO DE CONCEJO N° 012-2026-SO-CM/MDPR", sealed_at: "x", verification_code: "x", signatures: 0, corrects_id: null, query: p.query },
      ] }),
      "followup.create": (p) => {
        if (p.source === "contraloria" && !String(p.source_ref).trim()) {
          throw { kind: "validation", message: "Indique el oficio o documento de la Contraloría.", field: "source_ref" };
        }
        return encargo(12, {}, { number: "Encargo N° 012-2026", due_on: "2026-07-29" });
      },
    });
    render(Encargos);
    await user.click(await screen.findByTestId("encargo-new"));
    const dialog = screen.getByTestId("encargo-dialog");
    // Pedidos come from the agenda; requests and complaints are registered apart.
    const options = Array.from((within(dialog).getByTestId("encargo-source") as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(["acuerdo", "ordenanza", "norma", "contraloria", "alcaldia", "gerencia", "otro"]);
    await waitFor(() =>
      expect(within(dialog).getByTestId("encargo-due-preview")).toHaveTextContent("Vencerá el miércoles 26 de agosto de 2026 (30 días hábiles)."),
    );

    await user.selectOptions(within(dialog).getByTestId("encargo-source"), "contraloria");
    await user.type(within(dialog).getByTestId("encargo-subject"), "Remitir el informe de la obra");
    await user.selectOptions(within(dialog).getByTestId("encargo-unit"), "3");
    await user.type(within(dialog).getByTestId("encargo-days"), "10");
    await waitFor(() => expect(within(dialog).getByTestId("encargo-due-preview")).toHaveTextContent("Vencerá el miércoles 29 de julio de 2026 (10 días hábiles)."));
    await user.click(within(dialog).getByTestId("encargo-save"));
    await waitFor(() => expect(real(sent, "followup.create")).toHaveLength(1));
    expect(within(dialog).getByTestId("error-source_ref")).toHaveTextContent("Indique el oficio");
    await user.type(within(dialog).getByTestId("encargo-ref"), "Oficio N° 045-2026-CG/OCI");
    await user.click(within(dialog).getByTestId("encargo-save"));
    await waitFor(() => expect(real(sent, "followup.create")).toHaveLength(2));
    expect(real(sent, "followup.create")[1].params).toEqual({
      source: "contraloria",
      source_ref: "Oficio N° 045-2026-CG/OCI",
      subject: "Remitir el informe de la obra",
      detail: "",
      unit_id: 3,
      received_on: "2026-07-15",
      days: 10,
    });
    // The new encargo opens.
    expect(await screen.findByTestId("fu-number")).toHaveTextContent("Encargo N° 012-2026");
  });

  it("«Nuevo encargo» from an acuerdo: the sealed acuerdos to pick, and a due date instead of days", async () => {
    const user = userEvent.setup();
    const sent = core([], {
      "rules.get": () => ({ country: "PE", entries: [] }),
      "calendar.add_working_days": () => ({ date: "2026-08-26" }),
      "plan.strategic.list": () => page([]),
      "norm.list": () => ({ next: null, rows: [
        { id: 41, kind: "acuerdo", series: "acuerdo", date: "2026-06-30", title: "Aprueba la ejecución del mercado", identifier: "ACUERDO DE CONCEJO N° 012-2026-SO-CM/MDPR", sealed_at: "x", verification_code: "x", signatures: 0, corrects_id: null },
      ] }),
      "followup.create": () => encargo(13),
    });
    render(Encargos);
    expect(await screen.findByTestId("fu-empty")).toHaveTextContent("No hay encargos en «Abiertos».");
    await user.click(screen.getByTestId("encargo-new"));
    const dialog = screen.getByTestId("encargo-dialog");
    await waitFor(() => expect(real(sent, "norm.list")).toHaveLength(1));
    expect(real(sent, "norm.list")[0].params).toEqual({ kind: "acuerdo", status: "sellada", query: null, after: null, limit: 50 });
    await user.selectOptions(within(dialog).getByTestId("encargo-norm"), "41");
    expect(within(dialog).getByTestId("encargo-subject")).toHaveValue("Aprueba la ejecución del mercado");
    await user.selectOptions(within(dialog).getByTestId("encargo-unit"), "2");
    await user.click(within(dialog).getByTestId("encargo-mode-date"));
    await user.type(within(dialog).getByTestId("encargo-due"), "30092026");
    await user.click(within(dialog).getByTestId("encargo-save"));
    await waitFor(() => expect(real(sent, "followup.create")).toHaveLength(1));
    expect(real(sent, "followup.create")[0].params).toEqual({
      source: "acuerdo",
      norm_id: 41,
      source_ref: "",
      subject: "Aprueba la ejecución del mercado",
      detail: "",
      unit_id: 2,
      received_on: "2026-07-15",
      due_on: "2026-09-30",
    });
  });
});
