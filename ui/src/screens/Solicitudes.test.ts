import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Solicitudes from "./Solicitudes.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import { chileRules, detail, julyTerm, peruRules, request, row } from "../test/access";
import type { AccessRules } from "../lib/bindings/AccessRules";
import type { Deadline } from "../lib/bindings/Deadline";
import type { FollowupDetail } from "../lib/bindings/FollowupDetail";

type Handlers = Record<string, (p: Record<string, unknown>, dry: boolean) => unknown>;

function setCountry(country: "PE" | "CL") {
  app.municipality = { ...municipality, country };
  app.status = {
    initialized: true,
    has_users: true,
    municipality: app.municipality,
    version: "0",
    schema_version: 1,
    db_path: "",
    today: "2026-08-05",
  };
}

function core(rules: AccessRules, extra: Handlers = {}, commands: Record<string, () => unknown> = {}) {
  return fakeCore(
    {
      "followup.list": () => ({
        total: 2,
        rows: [row(5), row(7, { days_left: -2, status: "vencido", status_label: "Vencido" })],
        scoped_unit: null,
      }),
      "access.rules": () => rules,
      "org.unit.list": () => [
        { id: 3, parent_id: null, name: "Gerencia de Servicios Públicos", code: "GSP", kind: "linea", head_person_id: null, head_name: null, sort_order: 0 },
      ],
      "followup.get": (p) => detail(Number(p.id)),
      ...extra,
    },
    commands,
  );
}

describe("Acceso a la información", () => {
  beforeEach(() => {
    setCountry("PE");
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  });

  it("lists the open requests with their days left, paged in the core", async () => {
    const sent = core(peruRules);
    render(Solicitudes);
    const rows = await screen.findAllByTestId("request-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("faltan 6 días hábiles");
    expect(rows[1]).toHaveTextContent("vencida hace 2 días hábiles");
    expect(real(sent, "followup.list")[0].params).toEqual({ kind: "solicitud", view: "abiertos", offset: 0, limit: 50 });
    await userEvent.click(screen.getByTestId("requests-view-vencidos"));
    await waitFor(() =>
      expect(real(sent, "followup.list").at(-1)?.params).toEqual({ kind: "solicitud", view: "vencidos", offset: 0, limit: 50 }),
    );
  });

  it("opens with the filter Inicio sends, and lists exactly that", async () => {
    const sent = core(peruRules);
    render(Solicitudes, {
      filter: { kind: "solicitud", view: "hoy", offset: 0, unit_id: 3, ...({ status: null, text: null, year: null } as object) },
    });
    await screen.findAllByTestId("request-row");
    expect(real(sent, "followup.list")[0].params).toEqual({ kind: "solicitud", view: "hoy", offset: 0, limit: 50, unit_id: 3 });
    expect(screen.getByTestId("requests-view-hoy")).toHaveAttribute("aria-pressed", "true");
  });

  it("shows the due date live as the filing's moment is typed, with the holiday it skips", async () => {
    const ue = userEvent.setup();
    const other: Deadline = { ...julyTerm, received_on: "2026-08-05", due_on: "2026-08-19", skipped: [], steps: ["Presentada hoy."] };
    const sent = core(peruRules, {
      "access.deadline": (p) => (p.filed_at === "2026-07-24T17:10" ? julyTerm : other),
    });
    render(Solicitudes);
    await ue.click(await screen.findByTestId("requests-new"));
    expect(await screen.findByTestId("access-rules")).toHaveTextContent("10 días hábiles");
    await waitFor(() => expect(screen.getByTestId("live-deadline-account-due")).toHaveTextContent("miércoles 19 de agosto de 2026"));

    const date = screen.getByTestId("request-date");
    await ue.clear(date);
    await ue.type(date, "24072026");
    const time = screen.getByTestId("request-time");
    await ue.clear(time);
    await ue.type(time, "17:10");
    await waitFor(() => expect(screen.getByTestId("live-deadline-account-due")).toHaveTextContent("jueves 13 de agosto de 2026"));
    expect(real(sent, "access.deadline").at(-1)?.params).toEqual({ kind: "solicitud", filed_at: "2026-07-24T17:10" });
    const skipped = screen.getByTestId("live-deadline-account-skipped");
    expect(skipped).toHaveTextContent("feriado: Batalla de Junín");
    expect(skipped).toHaveTextContent("sábado");
    expect(screen.getByTestId("live-deadline-account-received")).toHaveTextContent("lunes 27 de julio de 2026");
    expect(screen.getByTestId("live-deadline-account-steps")).toHaveTextContent("después del cierre de la oficina");
  });

  it("registers a request and shows the core's refusal at its field", async () => {
    const ue = userEvent.setup();
    const sent = core(peruRules, {
      "access.deadline": () => julyTerm,
      "access.register": (p) => {
        if (!p.address && !p.email)
          throw { kind: "validation", message: "Indique un domicilio o un correo electrónico para responder.", field: "address" };
        return detail(11);
      },
    });
    render(Solicitudes);
    await ue.click(await screen.findByTestId("requests-new"));
    await ue.type(screen.getByTestId("request-requester"), "Juan Pérez Huamán");
    await ue.type(screen.getByTestId("request-subject"), "Copia del contrato de limpieza pública");
    await ue.selectOptions(screen.getByTestId("request-unit"), "Gerencia de Servicios Públicos");
    await ue.click(screen.getByTestId("request-save"));
    expect(await screen.findByTestId("error-address")).toHaveTextContent("Indique un domicilio");
    await ue.type(screen.getByTestId("request-address"), "Jr. Lima 123");
    await ue.click(screen.getByTestId("request-save"));
    expect(await screen.findByTestId("request-detail")).toBeInTheDocument();
    const saved = real(sent, "access.register").at(-1)!.params;
    expect(saved).toMatchObject({ channel: "presencial", requester: "Juan Pérez Huamán", address: "Jr. Lima 123", unit_id: 3 });
    expect(String(saved.filed_at)).toMatch(/^2026-08-05T\d{2}:\d{2}$/);
  });

  it("in Peru the extension sends the delivery date", async () => {
    const ue = userEvent.setup();
    const sent = core(peruRules, {
      "access.extend": (p) => {
        const d = detail(5);
        return { ...d, item: { ...d.item, due_on: String(p.deliver_on) }, request: request({ state: "prorrogada", extended_on: "2026-08-05" }) };
      },
    });
    render(Solicitudes, { itemId: 5 });
    await ue.click(await screen.findByTestId("request-action-extend"));
    const dialog = screen.getByTestId("access-extend-dialog");
    await ue.type(within(dialog).getByTestId("access-extend-reason"), "La información está en el archivo central");
    await ue.type(within(dialog).getByTestId("access-extend-deliver"), "20082026");
    await ue.click(within(dialog).getByTestId("access-extend-save"));
    await waitFor(() => expect(real(sent, "access.extend")).toHaveLength(1));
    expect(real(sent, "access.extend")[0].params).toEqual({
      id: 5,
      reason: "La información está en el archivo central",
      on_date: "2026-08-05",
      deliver_on: "2026-08-20",
    });
    expect(await screen.findByTestId("request-result")).toHaveTextContent("jueves 20 de agosto de 2026");
    expect(screen.getByTestId("request-state")).toHaveTextContent("Prorrogada");
    // Extended once: the letter applies, the action no longer.
    expect(screen.getByTestId("request-letter-carta-prorroga")).toBeInTheDocument();
    expect(screen.queryByTestId("request-action-extend")).not.toBeInTheDocument();
  });

  it("in Chile the extension sends no date and shows the one the core computed", async () => {
    setCountry("CL");
    const ue = userEvent.setup();
    const sent = core(chileRules, {
      "access.extend": () => {
        const d = detail(5);
        return { ...d, item: { ...d.item, due_on: "2026-08-27" }, request: request({ state: "prorrogada", extended_on: "2026-08-05" }) };
      },
    });
    render(Solicitudes, { itemId: 5 });
    await ue.click(await screen.findByTestId("request-action-extend"));
    const dialog = screen.getByTestId("access-extend-dialog");
    expect(dialog).toHaveTextContent("Se agregan 10 días hábiles al vencimiento");
    expect(within(dialog).queryByTestId("access-extend-deliver")).not.toBeInTheDocument();
    await ue.type(within(dialog).getByTestId("access-extend-reason"), "Volumen de la información");
    await ue.click(within(dialog).getByTestId("access-extend-save"));
    await waitFor(() => expect(real(sent, "access.extend")).toHaveLength(1));
    const params = real(sent, "access.extend")[0].params;
    expect(params).toEqual({ id: 5, reason: "Volumen de la información", on_date: "2026-08-05" });
    expect(params).not.toHaveProperty("deliver_on");
    expect(await screen.findByTestId("request-result")).toHaveTextContent("jueves 27 de agosto de 2026");
  });

  it("a refused extension shows the core's message", async () => {
    const ue = userEvent.setup();
    const refusal = "La prórroga se concede una sola vez, y esta solicitud ya se prorrogó el lunes 03/08/2026.";
    const sent = core(peruRules, {
      "access.extend": () => {
        throw { kind: "conflict", message: refusal, field: null };
      },
    });
    render(Solicitudes, { itemId: 5 });
    await ue.click(await screen.findByTestId("request-action-extend"));
    const dialog = screen.getByTestId("access-extend-dialog");
    await ue.type(within(dialog).getByTestId("access-extend-reason"), "Otra vez");
    await ue.type(within(dialog).getByTestId("access-extend-deliver"), "20082026");
    await ue.click(within(dialog).getByTestId("access-extend-save"));
    await waitFor(() => expect(real(sent, "access.extend")).toHaveLength(1));
    expect(await within(dialog).findByTestId("form-error")).toHaveTextContent(refusal);
    expect(screen.getByTestId("access-extend-dialog")).toBeInTheDocument();
  });

  it("answers a partial delivery with a ground of the rule set, and offers both letters", async () => {
    const ue = userEvent.setup();
    let answered: FollowupDetail | null = null;
    const sent = core(peruRules, {
      "access.answer": (p, dry) => {
        const d = detail(5);
        const r = {
          ...d,
          item: { ...d.item, status: "atendido", status_label: "Atendido", closed_on: "2026-08-05", days_left: null },
          request: request({ state: "entregada_parcial", answered_on: "2026-08-05", denial_ground: String(p.denial_ground), days_taken: 7 }),
        };
        if (!dry) answered = r;
        return r;
      },
      "records.pdf": (p) => ({ base64: "", pages: 1, filename: `${p.kind}.pdf`, signatures: 0, blocks: [] }),
    });
    render(Solicitudes, { itemId: 5 });
    await ue.click(await screen.findByTestId("request-action-answer"));
    const dialog = screen.getByTestId("access-answer-dialog");
    await ue.click(within(dialog).getByTestId("access-outcome-entregada_parcial"));
    await ue.type(within(dialog).getByTestId("access-answer-text"), "Se entrega el contrato; se deniega el anexo de precios.");
    await ue.selectOptions(within(dialog).getByTestId("access-answer-ground"), "Información confidencial (art. 17)");
    await ue.type(within(dialog).getByTestId("access-answer-cost"), "2.50");
    await ue.click(within(dialog).getByTestId("access-answer-save"));
    await waitFor(() => expect(answered).not.toBeNull());
    expect(real(sent, "access.answer")[0].params).toEqual({
      id: 5,
      outcome: "entregada_parcial",
      answer: "Se entrega el contrato; se deniega el anexo de precios.",
      denial_ground: "Información confidencial (art. 17)",
      cost: "2.50",
      on_date: "2026-08-05",
    });
    expect(await screen.findByTestId("request-state")).toHaveTextContent("Entregada en parte");
    expect(screen.queryByTestId("request-action-answer")).not.toBeInTheDocument();
    await ue.click(screen.getByTestId("request-letter-carta-denegatoria"));
    await waitFor(() => expect(real(sent, "records.pdf").at(-1)?.params).toEqual({ kind: "carta-denegatoria", id: 5 }));
    expect(screen.getByTestId("request-letter-carta-respuesta")).toBeInTheDocument();
    expect(screen.getByTestId("request-letter-carta-acuse")).toBeInTheDocument();
    expect(screen.getByTestId("letter-preview")).toHaveTextContent("Carta de denegatoria");
  });

  it("exports the year's register to the path chosen", async () => {
    app.me = { ...app.me!, permissions: [...app.me!.permissions, "access.register.export"] };
    const sent = core(
      peruRules,
      { "access.register.export": (p) => ({ path: p.path, rows: 2 }) },
      { save_file: () => "/tmp/registro.xlsx" },
    );
    render(Solicitudes);
    await userEvent.click(await screen.findByTestId("requests-export"));
    await waitFor(() => expect(real(sent, "access.register.export")).toHaveLength(1));
    expect(real(sent, "access.register.export")[0].params).toEqual({ year: 2026, path: "/tmp/registro.xlsx" });
  });
});

