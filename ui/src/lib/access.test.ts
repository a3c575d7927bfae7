import { describe, expect, it } from "vitest";
import { actionsFor, channelLabel, daysLeftText, docLabel, filedAt, filedAtText, lettersFor } from "./access";
import { detail, request } from "../test/access";

describe("acceso a la información: words and rules of the screen", () => {
  it("says the days left as a clerk does", () => {
    expect(daysLeftText(0, null, "2026-08-05")).toBe("vence hoy");
    expect(daysLeftText(1, null, "2026-08-06")).toBe("falta 1 día hábil");
    expect(daysLeftText(4, null, "2026-08-11")).toBe("faltan 4 días hábiles");
    expect(daysLeftText(-1, null, "2026-08-04")).toBe("vencida hace 1 día hábil");
    expect(daysLeftText(-3, null, "2026-07-31", false)).toBe("vencido hace 3 días hábiles");
    expect(daysLeftText(null, null, null)).toBe("Plazo detenido");
    expect(daysLeftText(null, "2026-08-01", "2026-08-13")).toBe("—");
  });

  it("joins the filing's date and time as the core reads them", () => {
    expect(filedAt("2026-07-24", "17:10")).toBe("2026-07-24T17:10");
    expect(filedAt("2026-07-24", "9:05")).toBe("2026-07-24T09:05");
    expect(filedAtText("2026-07-24T17:10")).toBe("24/07/2026 17:10");
  });

  it("names the counter and the identity document as each country does", () => {
    expect(channelLabel("presencial", "PE")).toBe("Presencial (mesa de partes)");
    expect(channelLabel("presencial", "CL")).toBe("Presencial (Oficina de Partes)");
    expect(docLabel("PE")).toBe("DNI");
    expect(docLabel("CL")).toBe("RUN");
  });

  it("offers the letters and actions a request's state admits", () => {
    expect(lettersFor(request()).map((l) => l.kind)).toEqual(["carta-acuse"]);
    expect(lettersFor(request({ extended_on: "2026-08-03", state: "denegada" })).map((l) => l.kind)).toEqual([
      "carta-acuse",
      "carta-prorroga",
      "carta-denegatoria",
    ]);
    expect(lettersFor(request({ state: "entregada_parcial" })).map((l) => l.kind)).toEqual([
      "carta-acuse",
      "carta-respuesta",
      "carta-denegatoria",
    ]);
    expect(actionsFor(detail(1))).toEqual(["correction", "extend", "answer", "close"]);
    expect(actionsFor(detail(1, { request: request({ state: "en_subsanacion" }) }))).toEqual(["corrected", "close"]);
    expect(actionsFor(detail(1, { request: request({ state: "prorrogada", extended_on: "2026-08-03" }) }))).toEqual([
      "answer",
      "close",
    ]);
    // Corrected once: no second correction.
    expect(actionsFor(detail(1, { request: request({ corrected_on: "2026-07-30" }) }))).toEqual(["extend", "answer", "close"]);
    const closed = detail(1);
    expect(actionsFor({ ...closed, item: { ...closed.item, closed_on: "2026-08-05" } })).toEqual([]);
  });
});
