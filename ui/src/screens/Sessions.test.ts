import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Sessions from "./Sessions.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import { detail, session } from "../test/sessions";

describe("Sesiones", () => {
  it("lists the year's sessions with their identifier or «Borrador» and a status badge", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const sent = fakeCore({
      "session.list": () =>
        page([
          session({ id: 1, status: "acta_aprobada", identifier: "SESIÓN ORDINARIA N° 01-2026", date: "2026-01-08" }),
          session({ id: 2, status: "borrador", identifier: null, kind: "extraordinaria" }),
        ]),
    });
    render(Sessions);
    const rows = await screen.findAllByTestId("session-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText("SESIÓN ORDINARIA N° 01-2026")).toBeInTheDocument();
    expect(within(rows[0]).getByText("08/01/2026")).toBeInTheDocument();
    expect(within(rows[0]).getByTestId("session-status")).toHaveTextContent("Acta aprobada");
    expect(within(rows[1]).getByTestId("session-open")).toHaveTextContent("Borrador");
    expect(within(rows[1]).getByText("Extraordinaria")).toBeInTheDocument();
    expect(real(sent, "session.list")[0].params).toEqual({ year: 2026, limit: 50 });
  });

  it("shows the core's error under the field of the new-session form, then creates it", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const sent = fakeCore({
      "session.list": () => page([]),
      "session.create": (p) => {
        if (!/^\d{2}:\d{2}$/.test(String(p.time)))
          throw { kind: "validation", message: "Indique la hora como hh:mm (por ejemplo 09:00).", field: "time" };
        return detail({ session: session({ id: 9, status: "borrador", identifier: null }), next_identifier: "SESIÓN ORDINARIA N° 06-2026" });
      },
      "session.get": () => detail({ session: session({ id: 9, status: "borrador", identifier: null }), next_identifier: "SESIÓN ORDINARIA N° 06-2026" }),
    });
    render(Sessions);
    await user.click(await screen.findByTestId("session-new"));
    expect(screen.getByTestId("session-date")).toHaveValue("21/11/2026");
    const time = screen.getByTestId("session-time");
    await user.clear(time);
    await user.type(time, "9");
    await user.click(screen.getByTestId("session-save"));
    expect(await screen.findByTestId("error-time")).toHaveTextContent("Indique la hora como hh:mm");
    expect(time).toHaveAttribute("aria-invalid", "true");

    await user.clear(time);
    await user.type(time, "10:30");
    await user.click(screen.getByTestId("session-save"));
    await waitFor(() => expect(screen.getByTestId("session-title")).toHaveTextContent("Sesión ordinaria (borrador)"));
    expect(real(sent, "session.create").at(-1)?.params).toEqual({
      kind: "ordinaria",
      date: "2026-11-21",
      time: "10:30",
      place: "Salón consistorial",
      mode: "presencial",
      body_id: null,
    });
  });

  it("registers a session of a comisión: only ordinary and extraordinary, its body sent", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const bodies = [
      { id: 1, name: "Concejo Municipal 2023-2026", kind: "concejo", term_id: 1, abbreviation: "", members: [], sessions: 30 },
      { id: 5, name: "Comisión de Desarrollo Económico", kind: "comision", term_id: 1, abbreviation: "CDE", members: [], sessions: 0 },
    ];
    const made = session({ id: 9, status: "borrador", identifier: null, body_id: 5, body_kind: "comision", body_name: "Comisión de Desarrollo Económico" });
    const sent = fakeCore({
      "body.list": () => bodies,
      "session.list": (p) => page((p.body_id === 5 ? [] : [session({ id: 1, identifier: "SESIÓN ORDINARIA N° 01-2026" })])),
      "session.create": () => detail({ session: made, next_identifier: "SESIÓN ORDINARIA N° 01-2026-CDE" }),
      "session.get": () => detail({ session: made, next_identifier: "SESIÓN ORDINARIA N° 01-2026-CDE" }),
    });
    render(Sessions);
    await user.selectOptions(await screen.findByTestId("sessions-body"), "Comisión de Desarrollo Económico");
    await waitFor(() => expect(real(sent, "session.list").at(-1)?.params).toEqual({ year: 2026, body_id: 5, limit: 50 }));
    await user.click(screen.getByTestId("session-new"));
    expect((screen.getByTestId("session-body") as HTMLSelectElement).selectedOptions[0].textContent).toBe(
      "Comisión de Desarrollo Económico",
    );
    const kinds = Array.from((screen.getByTestId("session-kind") as HTMLSelectElement).options).map((o) => o.value);
    expect(kinds).toEqual(["ordinaria", "extraordinaria"]);
    expect(screen.getByTestId("session-place")).toHaveValue("Sala de comisiones");
    await user.click(screen.getByTestId("session-save"));
    await waitFor(() => expect(real(sent, "session.create").length).toBe(1));
    expect(real(sent, "session.create")[0].params).toMatchObject({ body_id: 5, kind: "ordinaria" });
  });
  it("shows a convened session without number, then the warning of a non-working day beside its date", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-03-02" };
    const user = userEvent.setup();
    const convened = session({ id: 4, status: "convocada", identifier: null, date: "2026-03-14", convened_on: "2026-03-02", convened_by: "alcalde" });
    const warning = "El sábado 14/03/2026 no es día hábil en el calendario de la municipalidad (fin de semana). Puede sesionar si el concejo lo acordó.";
    fakeCore({
      "session.list": () => page([convened]),
      "session.get": () =>
        detail({
          session: convened,
          next_identifier: "SESIÓN ORDINARIA N° 03-2026",
          checks: [{ level: "advertencia", code: "dia_no_habil", message: warning }],
        }),
    });
    render(Sessions);
    const open = await screen.findByTestId("session-open");
    expect(open).toHaveTextContent("Sin número (se numera al iniciarse)");
    await user.click(open);
    expect(await screen.findByTestId("date-warning")).toHaveTextContent(warning);
    expect(screen.getByTestId("number-help")).toHaveTextContent("El número se asigna al iniciar la sesión");
    expect(screen.getByTestId("session-title")).toHaveTextContent("Sesión ordinaria del 14/03/2026");
    // Shown beside the date, not repeated on top.
    expect(screen.queryAllByTestId("check-advertencia")).toHaveLength(0);
  });

  it("pages within the year and sends the kind and status filters to the core", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const sent = fakeCore({
      "session.list": (p) =>
        p.after === "s1"
          ? page([session({ id: 2, identifier: "SESIÓN ORDINARIA N° 01-2026" })])
          : { rows: [session({ id: 1, identifier: "SESIÓN ORDINARIA N° 02-2026" })], next: "s1" },
      "body.list": () => [],
    });
    render(Sessions);
    expect(await screen.findAllByTestId("session-row")).toHaveLength(1);
    await user.click(screen.getByTestId("sessions-more"));
    await waitFor(() => expect(screen.getAllByTestId("session-row")).toHaveLength(2));
    expect(real(sent, "session.list")[1].params).toEqual({ year: 2026, after: "s1", limit: 50 });
    await user.selectOptions(screen.getByTestId("sessions-status"), "Convocada");
    await waitFor(() =>
      expect(real(sent, "session.list").at(-1)?.params).toEqual({ year: 2026, status: "convocada", limit: 50 }),
    );
    await user.selectOptions(screen.getByTestId("sessions-kind"), "Extraordinaria");
    await waitFor(() =>
      expect(real(sent, "session.list").at(-1)?.params).toEqual({
        year: 2026,
        kind: "extraordinaria",
        status: "convocada",
        limit: 50,
      }),
    );
  });
});
