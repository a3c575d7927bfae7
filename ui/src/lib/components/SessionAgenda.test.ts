import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";

// pdf.js does not run in jsdom (no canvas): a one-page document stands in.
vi.mock("../pdf", () => ({
  openPdf: vi.fn(async () => ({
    numPages: 1,
    destroy: vi.fn(),
    getPage: async () => ({
      getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale }),
      render: () => ({ promise: Promise.resolve() }),
    }),
  })),
}));

import SessionAgenda from "./SessionAgenda.svelte";
import { app } from "../app.svelte";
import { dialogs } from "../dialogs.svelte";
import type { Attachment } from "../bindings/Attachment";
import type { OrgUnit } from "../bindings/OrgUnit";
import type { SessionDetail } from "../bindings/SessionDetail";
import { fakeCore, municipality, real, page } from "../../test/ipc";
import { detail, item, session } from "../../test/sessions";

/** jsdom does not lay out: give an element the box the browser would. */
function place(el: Element, top: number, height: number) {
  el.getBoundingClientRect = () =>
    ({ top, bottom: top + height, height, left: 0, right: 600, width: 600, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
}

const unit = (id: number, name: string, parent_id: number | null = null): OrgUnit => ({
  id,
  parent_id,
  name,
  code: "",
  kind: "linea",
  head_person_id: null,
  head_name: null,
  sort_order: id,
});

const UNITS = [unit(1, "Gerencia Municipal"), unit(2, "Gerencia de Desarrollo Urbano", 1), unit(3, "Gerencia de Desarrollo Económico", 1)];

describe("Agenda de la sesión", () => {
  it("adds an item to the order of the day and reorders with Alt+↑ and the buttons", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    let d = detail({
      session: session({ status: "borrador", identifier: null }),
      agenda: [
        item(11, "orden_del_dia", 1, "Dictamen de presupuesto"),
        item(12, "orden_del_dia", 2, "Moción de saludo", { late: true }),
      ],
    });
    const sent = fakeCore({
      "session.list": () => page([]),
      "agenda.add": (p) => {
        const it = (p as { item: Record<string, unknown> }).item;
        if (!it.title) throw { kind: "validation", message: "Indique el asunto.", field: "title" };
        return { ...d, agenda: [...d.agenda, item(13, "orden_del_dia", 3, String(it.title))] };
      },
      "agenda.move": () => d,
    });
    let current: SessionDetail = d;
    render(SessionAgenda, { detail: d, onchange: (x: SessionDetail) => (current = x) });

    const rows = screen.getAllByTestId("agenda-item");
    expect(within(rows[1]).getByTestId("agenda-late")).toHaveTextContent("fuera de plazo");

    // Alt+↑ on the second item: position 1.
    rows[1].focus();
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(real(sent, "agenda.move")).toHaveLength(1));
    expect(real(sent, "agenda.move")[0].params).toEqual({ id: 12, position: 1 });
    // The ↓ button of the first: position 2.
    await user.click(within(rows[0]).getByTestId("agenda-down"));
    await waitFor(() => expect(real(sent, "agenda.move")).toHaveLength(2));
    expect(real(sent, "agenda.move")[1].params).toEqual({ id: 11, position: 2 });

    // Add: the field error first, then the item.
    await user.click(screen.getByTestId("agenda-new"));
    await user.type(screen.getByTestId("agenda-filed-by"), "Regidor Flores");
    await user.click(screen.getByTestId("agenda-save"));
    expect(await screen.findByTestId("error-title")).toHaveTextContent("Indique el asunto.");
    await user.type(screen.getByTestId("agenda-title"), "Proyecto de ordenanza de ferias");
    await user.click(screen.getByTestId("agenda-save"));
    await waitFor(() => expect(current.agenda).toHaveLength(3));
    expect(real(sent, "agenda.add").at(-1)?.params).toEqual({
      session_id: 7,
      item: {
        stage: "orden_del_dia",
        title: "Proyecto de ordenanza de ferias",
        summary: "",
        item_kind: "Dictamen",
        filed_by: "Regidor Flores",
        filed_on: null,
        majority: "simple",
        unit_id: null,
        minutes_of: null,
      },
    });
    d = current;
  });

  it("locks the agenda of a convened extraordinary session and says why", () => {
    fakeCore({ "session.list": () => page([]) });
    render(SessionAgenda, {
      detail: detail({ session: session({ kind: "extraordinaria" }), agenda: [item(11, "orden_del_dia", 1, "Único asunto")] }),
      onchange: () => {},
    });
    expect(screen.getByTestId("agenda-locked")).toHaveTextContent("no cambia una vez convocada");
    expect(screen.queryByTestId("agenda-new")).toBeNull();
    expect(screen.queryByTestId("agenda-up")).toBeNull();
  });

  it("drags an item by its handle to another place of its stage: from 1 to after 3 is position 3", async () => {
    const d = detail({
      session: session({ status: "borrador", identifier: null }),
      agenda: [
        item(21, "pedidos", 1, "Pedido de alumbrado", { item_kind: "Pedido", unit_id: 2 }),
        item(11, "orden_del_dia", 1, "Dictamen de presupuesto"),
        item(12, "orden_del_dia", 2, "Moción de saludo"),
        item(13, "orden_del_dia", 3, "Proyecto de ordenanza de ferias"),
      ],
    });
    const sent = fakeCore({ "session.list": () => page([]), "org.unit.list": () => UNITS, "agenda.move": () => d });
    const { container } = render(SessionAgenda, { detail: d, onchange: () => {} });
    expect(screen.getByText(/Arrastre ⠿ o use Alt\+↑/)).toBeInTheDocument();
    // The pedido names its unit once the units are loaded.
    expect(await screen.findByTestId("agenda-item-unit")).toHaveTextContent("→ Gerencia de Desarrollo Urbano");

    // The layout: Pedidos from y 20 to 60, the order of the day from 100 to 240.
    const [pedidos, orden] = container.querySelectorAll("ol.items");
    place(pedidos, 20, 40);
    place(orden, 100, 140);
    const rows = screen.getAllByTestId("agenda-item");
    place(rows[0], 20, 40);
    place(rows[1], 100, 40);
    place(rows[2], 150, 40);
    place(rows[3], 200, 40);

    const handle = within(rows[1]).getByTestId("agenda-drag");
    expect(handle).toHaveAttribute("aria-label", "Arrastrar para reordenar");
    await fireEvent.pointerDown(handle, { button: 0, clientY: 120 });
    expect(rows[1]).toHaveClass("lifted");
    // Over the lower half of item 3: the line goes after it.
    await fireEvent.pointerMove(handle, { clientY: 232 });
    expect(rows[3]).toHaveClass("drop-after");
    await fireEvent.pointerUp(handle, { clientY: 232 });
    await waitFor(() => expect(real(sent, "agenda.move")).toHaveLength(1));
    expect(real(sent, "agenda.move")[0].params).toEqual({ id: 11, position: 3 });
    expect(rows[1]).not.toHaveClass("lifted");
    await waitFor(() => expect(document.activeElement).toBe(container.querySelector('[data-item-id="11"]')));

    // Dropped where it already is: nothing is sent.
    await fireEvent.pointerDown(within(rows[2]).getByTestId("agenda-drag"), { button: 0, clientY: 170 });
    await fireEvent.pointerMove(window, { clientY: 160 });
    expect(container.querySelector(".drop-before, .drop-after")).toBeNull();
    await fireEvent.pointerUp(window, { clientY: 160 });
    expect(real(sent, "agenda.move")).toHaveLength(1);
  });

  it("refuses a drop on another stage, and Escape cancels a drag", async () => {
    const d = detail({
      session: session({ status: "borrador", identifier: null }),
      agenda: [
        item(21, "pedidos", 1, "Pedido de alumbrado", { item_kind: "Pedido", unit_id: 2 }),
        item(11, "orden_del_dia", 1, "Dictamen de presupuesto"),
        item(12, "orden_del_dia", 2, "Moción de saludo"),
      ],
    });
    const sent = fakeCore({ "session.list": () => page([]), "org.unit.list": () => UNITS, "agenda.move": () => d });
    const { container } = render(SessionAgenda, { detail: d, onchange: () => {} });
    const [pedidos, orden] = container.querySelectorAll("ol.items");
    place(pedidos, 20, 40);
    place(orden, 100, 90);
    const rows = screen.getAllByTestId("agenda-item");
    place(rows[0], 20, 40);
    place(rows[1], 100, 40);
    place(rows[2], 150, 40);

    const handle = within(rows[1]).getByTestId("agenda-drag");
    await fireEvent.pointerDown(handle, { button: 0, clientY: 120 });
    await fireEvent.pointerMove(handle, { clientY: 30 });
    expect(pedidos).toHaveClass("refused");
    expect(screen.getByTestId("agenda-drop-refused")).toHaveTextContent("un asunto no cambia de estación");
    expect(container.querySelector(".drop-before, .drop-after")).toBeNull();
    await fireEvent.pointerUp(handle, { clientY: 30 });
    expect(screen.queryByTestId("agenda-drop-refused")).toBeNull();

    await fireEvent.pointerDown(handle, { button: 0, clientY: 120 });
    await fireEvent.pointerMove(handle, { clientY: 185 });
    expect(rows[2]).toHaveClass("drop-after");
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(rows[2]).not.toHaveClass("drop-after");
    await fireEvent.pointerUp(handle, { clientY: 185 });
    await new Promise((r) => setTimeout(r, 20));
    expect(real(sent, "agenda.move")).toHaveLength(0);
  });

  it("asks a pedido for the unit that must answer it and sends it", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const d = detail({ session: session({ status: "borrador", identifier: null }) });
    const sent = fakeCore({
      "session.list": () => page([]),
      "org.unit.list": () => UNITS,
      "agenda.add": (p) => {
        const it = (p as { item: Record<string, unknown> }).item;
        if (it.stage === "pedidos" && it.unit_id === null)
          throw { kind: "validation", message: "Elija la unidad que debe atender el pedido.", field: "unit_id" };
        return { ...d, agenda: [item(31, "pedidos", 1, String(it.title), { unit_id: it.unit_id })] };
      },
    });
    let current: SessionDetail = d;
    render(SessionAgenda, { detail: d, onchange: (x: SessionDetail) => (current = x) });
    await user.click(screen.getByTestId("agenda-new"));
    await user.selectOptions(screen.getByTestId("agenda-stage"), "pedidos");
    const select = screen.getByTestId("agenda-unit");
    expect(screen.getByLabelText("Unidad que atiende")).toBe(select);
    // The units as a tree: children indented under their parent.
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(4));
    expect(within(select).getAllByRole("option")[2].textContent).toBe("\u00a0\u00a0Gerencia de Desarrollo Urbano");
    await user.type(screen.getByTestId("agenda-title"), "Pedido de alumbrado de la avenida");
    await user.click(screen.getByTestId("agenda-save"));
    expect(await screen.findByTestId("error-unit_id")).toHaveTextContent("Elija la unidad que debe atender el pedido.");
    expect(select).toHaveFocus();
    await user.selectOptions(select, "2");
    await user.click(screen.getByTestId("agenda-save"));
    await waitFor(() => expect(current.agenda).toHaveLength(1));
    const params = real(sent, "agenda.add").at(-1)?.params as { item: Record<string, unknown> };
    expect(params.item).toMatchObject({ stage: "pedidos", item_kind: "Pedido", unit_id: 2 });

    // Not asked when approving an acta.
    await user.click(screen.getByTestId("agenda-new"));
    await user.selectOptions(screen.getByTestId("agenda-stage"), "acta_anterior");
    expect(screen.queryByTestId("agenda-unit")).toBeNull();
  });

  it("opens an attached PDF in the side panel, saves a copy and removes one after confirming", async () => {
    const user = userEvent.setup();
    const pdf: Attachment = { item_id: 11, name: "dictamen.pdf", file_sha256: "a".repeat(64), mime: "application/pdf" };
    const note: Attachment = { item_id: 11, name: "nota.docx", file_sha256: "b".repeat(64), mime: "application/octet-stream" };
    const d = detail({
      session: session({ status: "convocada" }),
      agenda: [item(11, "orden_del_dia", 1, "Dictamen de presupuesto")],
      attachments: [pdf, note],
    });
    const sent = fakeCore(
      {
        "session.list": () => page([]),
        "org.unit.list": () => UNITS,
        "agenda.attachment": () => ({ name: pdf.name, mime: pdf.mime, base64: btoa("%PDF-1.7 anexo") }),
        "agenda.attachment.save": (p) => ({ path: p.path, bytes: 14 }),
        "agenda.detach": () => [pdf],
        "session.get": () => ({ ...d, attachments: [pdf] }),
      },
      { save_file: (a) => `/home/secretaria/${String(a.defaultName)}` },
    );
    let current: SessionDetail = d;
    render(SessionAgenda, { detail: d, onchange: (x: SessionDetail) => (current = x) });

    const [pdfLine, noteLine] = screen.getAllByTestId("agenda-attachment");
    await user.click(pdfLine);
    expect(screen.getByTestId("attachment-name")).toHaveTextContent("dictamen.pdf");
    expect(screen.getByTestId("attachment-name")).toHaveFocus();
    await waitFor(() => expect(screen.getByTestId("attachment-preview")).toHaveAttribute("data-state", "ready"));
    expect(real(sent, "agenda.attachment")[0].params).toEqual({ item_id: 11, sha256: pdf.file_sha256 });
    expect(screen.getByTestId("attachment-preview-status")).toHaveTextContent("1 página");

    await user.click(screen.getByTestId("attachment-save"));
    await waitFor(() => expect(real(sent, "agenda.attachment.save")).toHaveLength(1));
    expect(real(sent, "agenda.attachment.save")[0].params).toEqual({
      item_id: 11,
      sha256: pdf.file_sha256,
      path: "/home/secretaria/dictamen.pdf",
    });

    // Not a PDF: only "Guardar como…".
    await user.click(noteLine);
    expect(screen.getByTestId("attachment-name")).toHaveTextContent("nota.docx");
    expect(screen.getByTestId("attachment-not-pdf")).toHaveTextContent("no es un PDF");
    expect(screen.queryByTestId("attachment-preview")).toBeNull();
    expect(real(sent, "agenda.attachment")).toHaveLength(1);

    // Removing asks first; cancelled, nothing happens.
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValueOnce({ ok: false, reason: "" });
    await user.click(screen.getAllByTestId("agenda-detach")[1]);
    expect(confirm.mock.calls[0][0].message).toContain("nota.docx");
    expect(real(sent, "agenda.detach")).toHaveLength(0);
    confirm.mockResolvedValueOnce({ ok: true, reason: "" });
    await user.click(screen.getAllByTestId("agenda-detach")[1]);
    await waitFor(() => expect(current.attachments).toEqual([pdf]));
    expect(real(sent, "agenda.detach")[0].params).toEqual({ item_id: 11, sha256: note.file_sha256 });
    expect(screen.queryByTestId("attachment-view")).toBeNull();
  });

  it("shows attachments of a closed session without the remove button", () => {
    fakeCore({ "session.list": () => page([]), "org.unit.list": () => UNITS });
    render(SessionAgenda, {
      detail: detail({
        session: session({ status: "concluida" }),
        agenda: [item(11, "orden_del_dia", 1, "Dictamen de presupuesto")],
        attachments: [{ item_id: 11, name: "dictamen.pdf", file_sha256: "a".repeat(64), mime: "application/pdf" }],
      }),
      onchange: () => {},
    });
    expect(screen.getByTestId("agenda-attachment")).toHaveTextContent("dictamen.pdf");
    expect(screen.queryByTestId("agenda-detach")).toBeNull();
    expect(screen.queryByTestId("agenda-drag")).toBeNull();
  });

  it("speaks of the Tabla and its parts in Chile, of the Agenda and its stations in Peru", async () => {
    fakeCore({ "session.list": () => page([]) });
    const d = detail({
      session: session({ status: "borrador", identifier: null }),
      agenda: [item(11, "pedidos", 1, "Luminarias apagadas"), item(12, "orden_del_dia", 1, "Subvención a la Unión Comunal")],
    });
    app.ruleStages = null;
    app.municipality = { ...municipality, country: "CL", kind: "comuna", name: "Ilustre Municipalidad de Prueba" };
    const chile = render(SessionAgenda, { detail: d, onchange: () => {} });
    expect(screen.getByRole("heading", { level: 2, name: "Tabla" })).toBeInTheDocument();
    // The tabla before the incidentes: the Chilean order of business.
    const titles = screen.getAllByTestId("agenda-item-title").map((e) => e.textContent);
    expect(titles).toEqual(["1. Subvención a la Unión Comunal", "1. Luminarias apagadas"]);
    expect(screen.getByText("Incidentes / varios")).toBeInTheDocument();
    expect(screen.queryByText("Pedidos")).toBeNull();
    chile.unmount();

    app.municipality = municipality;
    render(SessionAgenda, { detail: d, onchange: () => {} });
    expect(screen.getByRole("heading", { level: 2, name: "Agenda" })).toBeInTheDocument();
    const pe = screen.getAllByTestId("agenda-item-title").map((e) => e.textContent);
    expect(pe).toEqual(["1. Luminarias apagadas", "1. Subvención a la Unión Comunal"]);
    expect(screen.getByText("Pedidos")).toBeInTheDocument();
  });

  it("follows the rule set's names and order once the session screen read them", () => {
    fakeCore({ "session.list": () => page([]) });
    app.municipality = municipality;
    app.ruleStages = [
      { value: "acta_anterior", label: "Actas" },
      { value: "orden_del_dia", label: "Asuntos a votar" },
      { value: "despacho", label: "Despacho" },
      { value: "informes", label: "Informes" },
      { value: "pedidos", label: "Pedidos" },
    ];
    render(SessionAgenda, {
      detail: detail({ session: session({ status: "borrador", identifier: null }), agenda: [item(12, "orden_del_dia", 1, "Dictamen")] }),
      onchange: () => {},
    });
    expect(screen.getByText("Asuntos a votar")).toBeInTheDocument();
    app.ruleStages = null;
  });
});
