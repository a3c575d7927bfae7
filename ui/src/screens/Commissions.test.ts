import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Commissions from "./Commissions.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";

const regidor = (id: number, name: string, able = true) => ({
  id,
  term_id: 1,
  person_id: id,
  person_name: name,
  doc_type: "DNI",
  doc_number: `4000000${id}`,
  role: "regidor",
  party: "",
  seat: id,
  from_date: "2023-01-01",
  to_date: null,
  status: able ? "activo" : "licencia",
  status_since: null,
  status_until: null,
  able,
});

const concejo = { id: 1, name: "Concejo Municipal 2023-2026", kind: "concejo", term_id: 1, abbreviation: "", members: [], sessions: 30 };

function core(created: unknown[] = []) {
  return fakeCore({
    "body.list": () => [concejo, ...created],
    "council.composition": () => ({
      date: "2026-11-21",
      term_id: 1,
      term_name: "2023-2026",
      legal_size: 4,
      able_size: 3,
      quorum: 2,
      quorum_rule: "",
      member_title: "Regidor",
      members: [
        { ...regidor(9, "Zenaida Salazar Ayala"), role: "alcalde", seat: 0 },
        regidor(2, "Jorge Luis Flores Cárdenas"),
        regidor(3, "Wilber Ticona Condori"),
        regidor(4, "Rosa Huamán Quispe", false),
      ],
    }),
    "body.create": (p) => {
      const members = p.members as { member_id: number; role: string }[];
      if (members.length < 3)
        throw { kind: "validation", message: `Una comisión se integra con al menos 3 regidores; tiene ${members.length}.`, field: "members" };
      const c = { id: 5, name: p.name, kind: "comision", term_id: 1, abbreviation: "CDE", sessions: 0, members: members.map((m) => ({ ...m, name: `Miembro ${m.member_id}` })) };
      created.push(c);
      return c;
    },
  });
}

describe("Comisiones", () => {
  it("forms a comisión from the regidores with their roles; the core's error shows under Miembros", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const sent = core();
    render(Commissions);
    await user.click(await screen.findByTestId("body-new"));
    const rows = await screen.findAllByTestId("body-member");
    expect(rows).toHaveLength(3); // the alcalde does not sit on comisiones
    expect(rows[2]).toHaveTextContent("licencia");
    await user.clear(screen.getByTestId("body-name"));
    await user.type(screen.getByTestId("body-name"), "Comisión de Desarrollo Económico");
    const roles = screen.getAllByTestId("body-member-role");
    await user.selectOptions(roles[0], "presidente");
    await user.selectOptions(roles[1], "miembro");
    await user.click(screen.getByTestId("body-save"));
    await waitFor(() => expect(screen.getByTestId("error-members")).toHaveTextContent("al menos 3 regidores; tiene 2"));
    expect(screen.queryAllByTestId("body-row")).toHaveLength(0);

    await user.selectOptions(roles[2], "vicepresidente");
    await user.click(screen.getByTestId("body-save"));
    const listed = await screen.findAllByTestId("body-row");
    expect(listed).toHaveLength(1);
    expect(within(listed[0]).getByText("Comisión de Desarrollo Económico")).toBeInTheDocument();
    const create = real(sent, "body.create");
    expect(create[create.length - 1].params).toEqual({
      name: "Comisión de Desarrollo Económico",
      kind: "comision",
      officials: [],
      abbreviation: null,
      members: [
        { member_id: 2, role: "presidente" },
        { member_id: 3, role: "miembro" },
        { member_id: 4, role: "vicepresidente" },
      ],
    });
  });

  it("in Chile registers the Comité Estratégico de Gestión with officials holding a position", async () => {
    app.municipality = { ...municipality, country: "CL" };
    app.status = { initialized: true, has_users: true, municipality: app.municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    const position = (id: number, person: number, name: string, title: string, end: string | null = null) => ({
      id, person_id: person, person_name: name, unit_id: 1, unit_name: "Administración Municipal", title, start_date: "2025-01-01", end_date: end,
    });
    const sent = fakeCore({
      "body.list": () => [concejo],
      "council.composition": () => ({ date: "2026-11-21", term_id: 1, term_name: "", legal_size: 0, able_size: 0, quorum: 0, quorum_rule: "", member_title: "Concejal", members: [regidor(2, "Jorge Luis Flores Cárdenas")] }),
      // The core answers only the positions asked for: those in office.
      "org.position.list": (p) =>
        page(
          [
            position(1, 10, "Ana Rojas Pérez", "Administradora Municipal"),
            position(2, 11, "Luis Soto Vera", "Director de Obras"),
            position(3, 11, "Luis Soto Vera", "Director subrogante de Tránsito"),
            position(4, 12, "Marta Díaz Lillo", "Directora de Desarrollo Comunitario"),
            position(5, 13, "Pedro Ex Funcionario", "Director", "2024-12-31"),
          ].filter((x) => !p.current || x.end_date === null),
        ),
      "body.create": (p) => ({ id: 6, name: p.name, kind: "comite", term_id: 1, abbreviation: "CEG", sessions: 0, members: [] }),
    });
    render(Commissions);
    await user.click(await screen.findByTestId("committee-new"));
    const rows = await screen.findAllByTestId("body-member");
    expect(rows).toHaveLength(3); // current positions only, one row per person
    expect(rows[0]).toHaveTextContent("Administradora Municipal");
    expect(screen.getByTestId("body-name")).toHaveValue("Comité Estratégico de Gestión");
    const roles = screen.getAllByTestId("body-member-role");
    expect(Array.from((roles[0] as HTMLSelectElement).options).map((o) => o.value)).toEqual(["", "presidente", "secretario", "miembro"]);
    await user.selectOptions(roles[0], "presidente");
    await user.selectOptions(roles[1], "secretario");
    await user.selectOptions(roles[2], "miembro");
    await user.click(screen.getByTestId("body-save"));
    await waitFor(() => expect(real(sent, "body.create")).toHaveLength(1));
    expect(real(sent, "body.create")[0].params).toEqual({
      name: "Comité Estratégico de Gestión",
      kind: "comite",
      abbreviation: null,
      members: [],
      officials: [
        { person_id: 10, role: "presidente" },
        { person_id: 11, role: "secretario" },
        { person_id: 12, role: "miembro" },
      ],
    });
    app.municipality = { ...municipality };
  });

  it("keeps the members of a comisión that already met", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-11-21" };
    const user = userEvent.setup();
    core([
      {
        id: 5,
        name: "Comisión de Obras",
        kind: "comision",
        term_id: 1,
        abbreviation: "CO",
        sessions: 2,
        members: [
          { member_id: 2, name: "Jorge Luis Flores Cárdenas", role: "presidente" },
          { member_id: 3, name: "Wilber Ticona Condori", role: "miembro" },
          { member_id: 4, name: "Rosa Huamán Quispe", role: "miembro" },
        ],
      },
    ]);
    render(Commissions);
    await user.click(await screen.findByTestId("body-open"));
    expect(await screen.findByTestId("body-locked")).toHaveTextContent("Ya sesionó");
    for (const s of screen.getAllByTestId("body-member-role")) expect(s).toBeDisabled();
    expect((screen.getAllByTestId("body-member-role")[0] as HTMLSelectElement).value).toBe("presidente");
  });
});
