import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SessionAgenda from "./SessionAgenda.svelte";
import { app } from "../app.svelte";
import type { SessionDetail } from "../bindings/SessionDetail";
import { fakeCore, municipality, real } from "../../test/ipc";
import { detail, item, session } from "../../test/sessions";

describe("Agenda de la sesión", () => {
  it("adds an item to the order of the day and reorders with Alt+↑ and the buttons", async () => {
    app.status = { initialized: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    let d = detail({
      session: session({ status: "borrador", identifier: null }),
      agenda: [
        item(11, "orden_del_dia", 1, "Dictamen de presupuesto"),
        item(12, "orden_del_dia", 2, "Moción de saludo", { late: true }),
      ],
    });
    const sent = fakeCore({
      "session.list": () => [],
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
    fakeCore({ "session.list": () => [] });
    render(SessionAgenda, {
      detail: detail({ session: session({ kind: "extraordinaria" }), agenda: [item(11, "orden_del_dia", 1, "Único asunto")] }),
      onchange: () => {},
    });
    expect(screen.getByTestId("agenda-locked")).toHaveTextContent("no cambia una vez convocada");
    expect(screen.queryByTestId("agenda-new")).toBeNull();
    expect(screen.queryByTestId("agenda-up")).toBeNull();
  });
});
