import { describe, expect, it } from "vitest";
import { buildTree, fold, subtreeIds, suggestCode } from "./tree";
import type { OrgUnit } from "./bindings/OrgUnit";

const u = (id: number, parent_id: number | null, name: string, sort_order = 0, code = ""): OrgUnit => ({
  id,
  parent_id,
  name,
  code,
  kind: "linea",
  head_person_id: null,
  head_name: null,
  sort_order,
});

describe("tree", () => {
  const units = [u(1, null, "Concejo Municipal"), u(2, 1, "Alcaldía"), u(3, 2, "Gerencia Municipal", 1, "GM"), u(4, 2, "Órgano de Control", 0, "OCI"), u(5, 99, "Huérfana")];

  it("orders siblings by sort_order and keeps orphans as roots", () => {
    expect(buildTree(units).map((r) => [r.unit.name, r.depth])).toEqual([
      ["Concejo Municipal", 0],
      ["Alcaldía", 1],
      ["Órgano de Control", 2],
      ["Gerencia Municipal", 2],
      ["Huérfana", 0],
    ]);
  });

  it("filters ignoring accents and case, keeping ancestors as context", () => {
    const rows = buildTree(units, "organo");
    expect(rows.map((r) => [r.unit.name, r.match])).toEqual([
      ["Concejo Municipal", false],
      ["Alcaldía", false],
      ["Órgano de Control", true],
    ]);
    expect(buildTree(units, "gm").map((r) => r.unit.id)).toEqual([1, 2, 3]);
  });

  it("knows a unit's subtree", () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual([2, 3, 4]);
  });

  it("suggests a code from the initials", () => {
    expect(suggestCode("Oficina de Prueba")).toBe("OP");
    expect(suggestCode("Gerencia de Administración y Finanzas")).toBe("GAF");
    expect(fold("ÓRGANO")).toBe("organo");
  });
});
