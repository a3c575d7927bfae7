import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Council from "./Council.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";

function member(id: number, name: string, role: string, status: string) {
  return {
    id,
    term_id: 1,
    person_id: id,
    person_name: name,
    doc_type: "DNI",
    doc_number: String(40000000 + id),
    role,
    party: "Movimiento Regional Qochapampa Unida",
    seat: id - 1,
    from_date: "2023-01-01",
    to_date: null,
    status,
    able: status === "activo",
    status_since: null,
    status_until: null,
  };
}

function composition(date: string) {
  const onLeave = date >= "2025-03-01";
  return {
    date,
    term_id: 1,
    term_name: "Periodo de gestión 2023-2026",
    legal_size: 6,
    able_size: onLeave ? 5 : 6,
    quorum: 4,
    quorum_rule: "mitad más uno del número hábil",
    member_title: "Regidor",
    members: [
      member(1, "Zenaida Salazar Ayala", "alcalde", "activo"),
      member(2, "Jorge Luis Flores Cárdenas", "regidor", onLeave ? "licencia" : "activo"),
      member(3, "Wilber Ticona Condori", "regidor", "activo"),
    ],
  };
}

describe("Concejo", () => {
  it("shows the composition on the chosen date with big figures and status badges", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2025-06-10" };
    const user = userEvent.setup();
    const sent = fakeCore({
      "council.term.list": () => [
        { id: 1, name: "Periodo de gestión 2023-2026", start_date: "2023-01-01", end_date: "2026-12-31", legal_size: 6 },
      ],
      "council.composition": (p) => composition(String(p.date)),
      "org.person.list": () => page([]),
    });
    render(Council);

    expect(await screen.findByTestId("figure-legal")).toHaveTextContent("6");
    expect(screen.getByTestId("figure-able")).toHaveTextContent("5");
    expect(screen.getByTestId("figure-quorum")).toHaveTextContent("4");
    expect(real(sent, "council.composition")[0].params).toEqual({ term_id: 1, date: "2025-06-10" });

    const rows = screen.getAllByTestId("member-row");
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText("Alcalde")).toBeInTheDocument();
    const badge = within(rows[1]).getByText("Con licencia");
    expect(badge).toHaveClass("badge", "licencia");

    // The date reads dd/mm/aaaa whatever the machine's locale.
    const dateInput = screen.getByTestId("council-date");
    expect(dateInput).toHaveValue("10/06/2025");

    // Another date, another composition.
    await user.clear(dateInput);
    await user.type(dateInput, "15/01/2024");
    await waitFor(() => expect(screen.getByTestId("figure-able")).toHaveTextContent("6"));
    expect(real(sent, "council.composition").at(-1)?.params).toEqual({ term_id: 1, date: "2024-01-15" });
  });

  it("says «Concejal» for a Chilean municipality", async () => {
    app.municipality = { ...municipality, country: "CL", kind: "comuna" };
    fakeCore({
      "council.term.list": () => [
        { id: 1, name: "Periodo 2024-2028", start_date: "2024-12-06", end_date: "2028-12-05", legal_size: 6 },
      ],
      "council.composition": (p) => ({ ...composition(String(p.date)), member_title: "Concejal" }),
      "org.person.list": () => page([]),
    });
    render(Council);
    const rows = await screen.findAllByTestId("member-row");
    expect(within(rows[1]).getByText("Concejal")).toBeInTheDocument();
    app.municipality = { ...municipality };
  });

  it("writes each member's role as the core agrees it with the person", async () => {
    app.municipality = { ...municipality };
    fakeCore({
      "council.term.list": () => [
        { id: 1, name: "Periodo de gestión 2023-2026", start_date: "2023-01-01", end_date: "2026-12-31", legal_size: 6 },
      ],
      "council.composition": (p) => {
        const c = composition(String(p.date));
        const titles = ["Alcaldesa", "Regidor", "Regidora"];
        return { ...c, members: c.members.map((m, i) => ({ ...m, gender: i === 1 ? "M" : "F", title: titles[i] })) };
      },
      "org.person.list": () => page([]),
    });
    render(Council);
    const rows = await screen.findAllByTestId("member-row");
    expect(within(rows[0]).getByText("Alcaldesa")).toBeInTheDocument();
    expect(within(rows[1]).getByText("Regidor")).toBeInTheDocument();
    expect(within(rows[2]).getByText("Regidora")).toBeInTheDocument();
  });

  it("adds a member with the core's error at its field, then the member", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2025-06-10" };
    const user = userEvent.setup();
    const person = { id: 9, doc_type: "DNI", doc_number: "41234567", given_names: "Rosa", surnames: "Quispe Huamán" };
    const sent = fakeCore({
      "council.term.list": () => [
        { id: 1, name: "Periodo de gestión 2023-2026", start_date: "2023-01-01", end_date: "2026-12-31", legal_size: 6 },
      ],
      "council.composition": (p) => composition(String(p.date)),
      "org.person.list": () => page([person]),
      "council.member.add": (p) => {
        if (!p.person_id) throw { kind: "validation", message: "Elija la persona.", field: "person_id" };
        return member(9, "Rosa Quispe Huamán", "regidor", "activo");
      },
    });
    render(Council);
    await screen.findByTestId("figure-legal");

    await user.click(screen.getByTestId("member-new"));
    const select = screen.getByTestId("member-person");
    expect(select).toHaveFocus();
    expect(screen.getByLabelText("Persona")).toBe(select);
    await user.click(screen.getByTestId("member-save"));
    await waitFor(() => expect(screen.getByTestId("error-person_id")).toHaveTextContent("Elija la persona."));
    expect(select).toHaveAttribute("aria-invalid", "true");
    expect(select).toHaveAttribute("aria-describedby", "m-person-err");

    await user.selectOptions(select, "9");
    await user.type(screen.getByTestId("member-party"), " Frente Amplio ");
    await user.click(screen.getByTestId("member-save"));
    await waitFor(() => expect(screen.queryByTestId("member-form")).toBeNull());
    expect(real(sent, "council.member.add").at(-1)?.params).toEqual({
      term_id: 1,
      person_id: 9,
      role: "regidor",
      party: "Frente Amplio",
      from_date: null,
      to_date: null,
      replaces_member_id: null,
    });
  });
});
