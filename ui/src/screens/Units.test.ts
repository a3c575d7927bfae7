import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Units from "./Units.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real, page } from "../test/ipc";
import type { OrgUnit } from "../lib/bindings/OrgUnit";
import type { UnitKind } from "../lib/bindings/UnitKind";

function unit(id: number, parent_id: number | null, name: string, sort_order: number): OrgUnit {
  return { id, parent_id, name, code: "", kind: "linea", head_person_id: null, head_name: null, sort_order };
}

function core(units: OrgUnit[]) {
  let next = 100;
  return fakeCore({
    "org.unit.list": () => units,
    "org.person.list": () => page([]),
    "org.unit.create": (p) => {
      const u = { ...unit(next++, p.parent_id as number | null, String(p.name), 99), kind: p.kind as UnitKind };
      if (!p.name) throw { kind: "validation", message: "Escriba el nombre de la unidad.", field: "name" };
      units.push(u);
      return u;
    },
  });
}

describe("Unidades orgánicas", () => {
  it("renders nested units indented by parent and ordered by sort_order", async () => {
    core([
      unit(3, 1, "Gerencia Municipal", 1),
      unit(1, null, "Concejo Municipal", 1),
      unit(2, null, "Alcaldía", 0),
      unit(4, 3, "Oficina de Secretaría General", 0),
    ]);
    render(Units);
    const rows = await screen.findAllByTestId("unit-row");
    expect(rows.map((r) => r.textContent?.trim().replace(/^[▾•]\s*/, ""))).toEqual([
      "Alcaldía",
      "Concejo Municipal",
      "Gerencia Municipal",
      "Oficina de Secretaría General",
    ]);
    expect(rows.map((r) => r.getAttribute("aria-level"))).toEqual(["1", "1", "2", "3"]);
  });

  it("filters the tree, keeping ancestors as context", async () => {
    const user = userEvent.setup();
    core([unit(1, null, "Alcaldía", 0), unit(2, 1, "Gerencia Municipal", 0), unit(3, null, "Órgano de Control", 1)]);
    render(Units);
    await screen.findAllByTestId("unit-row");
    await user.type(screen.getByTestId("unit-search"), "gerencia");
    const rows = screen.getAllByTestId("unit-row");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent("Gerencia Municipal");
  });

  it("«Nueva unidad» creates a child of the selected unit", async () => {
    const user = userEvent.setup();
    const sent = core([unit(1, null, "Alcaldía", 0), unit(2, 1, "Gerencia Municipal", 0)]);
    render(Units);
    const rows = await screen.findAllByTestId("unit-row");
    await user.click(rows[1]);
    await user.click(screen.getByTestId("unit-new"));
    expect(screen.getByTestId("unit-name")).toHaveFocus();
    await user.type(screen.getByTestId("unit-name"), "Subgerencia de Prueba");
    await user.selectOptions(screen.getByTestId("unit-kind"), "apoyo");
    await user.click(screen.getByTestId("unit-save"));

    await waitFor(() => expect(real(sent, "org.unit.create")).toHaveLength(1));
    expect(real(sent, "org.unit.create")[0].params).toEqual({
      parent_id: 2,
      name: "Subgerencia de Prueba",
      code: "SP",
      kind: "apoyo",
      head_person_id: null,
    });
    const tree = screen.getByTestId("unit-tree");
    await waitFor(() => expect(within(tree).getByText("Subgerencia de Prueba")).toBeInTheDocument());
    const created = within(tree).getByText("Subgerencia de Prueba").closest("li");
    expect(created).toHaveAttribute("aria-level", "3");
    expect(created).toHaveAttribute("aria-selected", "true");
  });

  it("offers a Chilean comuna its Direcciones and Departamentos, and a Peruvian one its órganos", async () => {
    const user = userEvent.setup();
    app.municipality = { ...municipality, country: "CL", kind: "comuna" };
    const sent = core([{ ...unit(1, null, "Alcaldía", 0), kind: "alcaldia" }]);
    const chile = render(Units);
    const rows = await screen.findAllByTestId("unit-row");
    await user.click(rows[0]);
    await user.click(screen.getByTestId("unit-new"));
    const kinds = within(screen.getByTestId("unit-kind")).getAllByRole("option").map((o) => o.textContent);
    expect(kinds).toEqual(["Concejo Municipal", "Alcaldía", "Dirección", "Departamento", "Sección u oficina", "Juzgado de Policía Local"]);
    expect(screen.getByLabelText("Tipo de unidad")).toBeInTheDocument();
    await user.type(screen.getByTestId("unit-name"), "Dirección de Obras Municipales");
    await user.click(screen.getByTestId("unit-save"));
    await waitFor(() => expect(real(sent, "org.unit.create")).toHaveLength(1));
    expect(real(sent, "org.unit.create")[0].params).toMatchObject({ kind: "direccion" });
    chile.unmount();

    app.municipality = municipality;
    core([unit(1, null, "Alcaldía", 0)]);
    render(Units);
    await user.click((await screen.findAllByTestId("unit-row"))[0]);
    await user.click(screen.getByTestId("unit-new"));
    const pe = within(screen.getByTestId("unit-kind")).getAllByRole("option").map((o) => o.textContent);
    expect(pe).toContain("Órgano de línea");
    expect(pe).not.toContain("Dirección");
  });
});
