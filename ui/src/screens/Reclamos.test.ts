import { beforeEach, describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Reclamos from "./Reclamos.svelte";
import { app } from "../lib/app.svelte";
import type { FollowupDetail } from "../lib/bindings/FollowupDetail";
import { fakeCore, municipality, real } from "../test/ipc";
import { deskUnits, encargo, row, statuses } from "../test/desk";

const complaintRow = (id: number, over = {}) =>
  row(id, {
    kind: "reclamo",
    number: `Expediente N° ${String(id).padStart(3, "0")}-2026`,
    source: "reclamo",
    source_label: "Reclamo ciudadano",
    subject: "Cobro indebido de arbitrios",
    party: "Rosa Quispe Mamani",
    unit_id: 3,
    unit_name: "Subgerencia de Servicios a la Ciudad",
    due_on: "2026-08-05",
    days_left: 15,
    ...over,
  });

function complaint(id: number, over: Partial<FollowupDetail> = {}, item = {}): FollowupDetail {
  return encargo(
    id,
    {
      norm_id: null,
      detail: "Se le cobró dos veces el mismo trimestre.",
      complaint: { complaint_type: "reclamo", channel: "presencial", citizen: "Rosa Quispe Mamani", citizen_doc: "41234567", contact: "987 654 321" },
      ...over,
    },
    { ...complaintRow(id), ...item },
  );
}

function deadline(filedAt: string) {
  const late = filedAt.startsWith("2026-07-16");
  return {
    received_on: late ? "2026-07-16" : "2026-07-15",
    days: 15,
    first_day: late ? "2026-07-17" : "2026-07-16",
    due_on: late ? "2026-08-06" : "2026-08-05",
    skipped: [],
    steps: [`Presentado el ${filedAt}.`, "Se cuentan 15 días hábiles desde el día hábil siguiente."],
  };
}

beforeEach(() => {
  app.municipality = { ...municipality };
  app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-07-15" };
});

describe("Reclamos", () => {
  it("registers a complaint showing the due date it gets while the date and time are typed", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "org.unit.list": () => deskUnits,
      "followup.statuses": () => statuses,
      "followup.list": () => ({ total: 0, rows: [], scoped_unit: null }),
      "access.deadline": (p) => deadline(String(p.filed_at)),
      "complaint.register": (p) => {
        if (!String(p.contact).trim()) throw { kind: "validation", message: "Indique cómo responderle: teléfono, correo o domicilio.", field: "contact" };
        return complaint(4, {}, { number: "Expediente N° 004-2026" });
      },
      "followup.get": () => complaint(4, {}, { number: "Expediente N° 004-2026" }),
    });
    render(Reclamos);
    expect(await screen.findByTestId("fu-empty")).toHaveTextContent("No hay expedientes en «Abiertos».");
    expect(real(sent, "followup.list")[0].params).toEqual({ kind: "reclamo", view: "abiertos", offset: 0, limit: 50 });
    expect(screen.queryByTestId("fu-source")).toBeNull();

    await user.click(screen.getByTestId("complaint-new"));
    const dialog = screen.getByTestId("complaint-dialog");
    const time = within(dialog).getByTestId("complaint-time");
    await user.clear(time);
    await user.type(time, "10:30");
    await waitFor(() => expect(real(sent, "access.deadline").at(-1)?.params).toEqual({ kind: "reclamo", filed_at: "2026-07-15T10:30" }));
    await waitFor(() => expect(within(dialog).getByTestId("complaint-term")).toHaveTextContent("Vence el miércoles 5 de agosto de 2026"));
    expect(within(dialog).getByTestId("complaint-term")).toHaveTextContent("Cómo se calcula (15 días hábiles)");

    // Filed the next day: the due date follows.
    const date = within(dialog).getByTestId("complaint-date");
    await user.clear(date);
    await user.type(date, "16072026");
    await waitFor(() => expect(within(dialog).getByTestId("complaint-term")).toHaveTextContent("Vence el jueves 6 de agosto de 2026"));
    expect(real(sent, "access.deadline").at(-1)?.params).toEqual({ kind: "reclamo", filed_at: "2026-07-16T10:30" });

    await user.selectOptions(within(dialog).getByTestId("complaint-type"), "queja");
    await user.selectOptions(within(dialog).getByTestId("complaint-channel"), "telefono");
    await user.type(within(dialog).getByTestId("complaint-citizen"), "Rosa Quispe Mamani");
    await user.type(within(dialog).getByTestId("complaint-doc"), "41234567");
    await user.type(within(dialog).getByTestId("complaint-subject"), "Mala atención en ventanilla");
    await user.selectOptions(within(dialog).getByTestId("complaint-unit"), "3");
    await user.click(within(dialog).getByTestId("complaint-save"));
    await waitFor(() => expect(real(sent, "complaint.register")).toHaveLength(1));
    expect(within(dialog).getByTestId("error-contact")).toHaveTextContent("Indique cómo responderle");

    await user.type(within(dialog).getByTestId("complaint-contact"), "987 654 321");
    await user.click(within(dialog).getByTestId("complaint-save"));
    await waitFor(() => expect(real(sent, "complaint.register")).toHaveLength(2));
    expect(real(sent, "complaint.register")[1].params).toEqual({
      complaint_type: "queja",
      channel: "telefono",
      filed_at: "2026-07-16T10:30",
      citizen: "Rosa Quispe Mamani",
      citizen_doc: "41234567",
      contact: "987 654 321",
      subject: "Mala atención en ventanilla",
      detail: "",
      unit_id: 3,
    });
    // The new expediente opens.
    expect(await screen.findByTestId("fu-number")).toHaveTextContent("Expediente N° 004-2026");
  });

  it("lists expedientes with the citizen, and «Atender» records the answer through followup.progress", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "org.unit.list": () => deskUnits,
      "followup.statuses": () => statuses,
      "followup.list": () => ({ total: 1, rows: [complaintRow(4)], scoped_unit: null }),
      "followup.get": () => complaint(4),
      "followup.progress": (p) =>
        complaint(4, { answer: String(p.answer) }, { status: "atendido", status_label: "Atendido", closed_on: "2026-07-15", progress: 100, days_left: null }),
    });
    render(Reclamos);
    const [r] = await screen.findAllByTestId("fu-row");
    expect(r).toHaveTextContent("Rosa Quispe Mamani");
    expect(r).not.toHaveTextContent("Reclamo ciudadano");
    r.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("fu-facts")).toHaveTextContent("Reclamo · Presencial");
    expect(screen.getByTestId("fu-facts")).toHaveTextContent("987 654 321");

    await user.click(screen.getByTestId("fu-attend"));
    const dialog = screen.getByTestId("progress-dialog");
    expect(within(dialog).queryByTestId("progress-status")).toBeNull();
    await user.type(within(dialog).getByTestId("progress-note"), "Se revisó la cuenta corriente.");
    await user.type(within(dialog).getByTestId("progress-answer"), "Se anuló el segundo cobro; se le comunicó por teléfono.");
    await user.click(within(dialog).getByTestId("progress-save"));
    await waitFor(() => expect(real(sent, "followup.progress")).toHaveLength(1));
    expect(real(sent, "followup.progress")[0].params).toEqual({
      id: 4,
      on_date: "2026-07-15",
      note: "Se revisó la cuenta corriente.",
      status: "atendido",
      answer: "Se anuló el segundo cobro; se le comunicó por teléfono.",
    });
    expect(await screen.findByTestId("fu-answer")).toHaveTextContent("Se anuló el segundo cobro");
    expect(screen.queryByTestId("fu-attend")).toBeNull();
  });
});
