import { describe, expect, it } from "vitest";
import { roleWord, terms, unitKindLabel } from "./terms";

describe("roleWord", () => {
  it("agrees with a woman and keeps the usual word otherwise", () => {
    expect(roleWord("alcalde", "F")).toBe("alcaldesa");
    expect(roleWord("presidente", "F")).toBe("presidenta");
    expect(roleWord("vicepresidente", "F")).toBe("vicepresidenta");
    expect(roleWord("secretario", "F")).toBe("secretaria");
    expect(roleWord("miembro", "F")).toBe("miembro");
    expect(roleWord("alcalde", "M")).toBe("alcalde");
    expect(roleWord("presidente", null)).toBe("presidente");
    expect(roleWord("presidente", undefined)).toBe("presidente");
  });
});

describe("terms", () => {
  it("names the business of a session, its parts and the units as each country does", () => {
    const cl = terms("CL");
    expect(cl.agenda).toBe("Tabla");
    expect(cl.councilor).toBe("Concejal");
    expect(cl.summary).toBe("Materia");
    expect(cl.stages.map((s) => s.value)).toEqual(["acta_anterior", "despacho", "informes", "orden_del_dia", "pedidos"]);
    expect(cl.unitKinds.map((k) => k.label)).toContain("Dirección");
    const pe = terms("PE");
    expect(pe.agenda).toBe("Agenda");
    expect(pe.summary).toBe("Sumilla");
    expect(pe.stages.at(-1)?.label).toBe("Orden del día");
    expect(pe.unitKinds.map((k) => k.label)).toContain("Órgano de línea");
    expect(unitKindLabel("juzgado")).toBe("Juzgado de Policía Local");
  });
});
