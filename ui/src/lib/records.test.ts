import { describe, expect, it } from "vitest";
import { draftFrom, fingerprint, isNormSeries, kindOfSeries, letter, normInput, verdictClass } from "./records";
import { normInput as sample } from "../test/records";

describe("records helpers", () => {
  it("keeps the series that number norms", () => {
    const codes = ["ordenanza", "acuerdo", "decreto", "resolucion-alcaldia", "resolucion-gerencia", "sesion-ordinaria", "copia-certificada", "libro-actas", "decretos"];
    expect(codes.filter(isNormSeries)).toEqual(["ordenanza", "acuerdo", "decreto", "resolucion-alcaldia", "resolucion-gerencia"]);
    expect(kindOfSeries("resolucion-concejo")).toBe("resolucion");
    expect(kindOfSeries("sesion-ordinaria")).toBeNull();
  });

  it("a draft sends back exactly what it was made from", () => {
    const n = sample({ session_kind: "ordinaria", series: "acuerdo", issuer: "EL CONCEJO", articles: [{ title: "Objeto", text: "APROBAR", items: ["uno", "dos"] }] });
    expect(normInput(draftFrom(n), true)).toEqual(n);
    // The session kind is only sent for series numbered by session.
    expect(normInput(draftFrom(n), false).session_kind).toBeNull();
  });

  it("keeps row keys when the rows are the same, so focus stays put after a save", () => {
    const d = draftFrom(sample());
    const again = draftFrom(sample({ title: "Otro" }), d);
    expect(again.articles.map((a) => a.key)).toEqual(d.articles.map((a) => a.key));
    const fewer = draftFrom(sample({ vistos: [] }), d);
    expect(fewer.vistos).toEqual([]);
  });

  it("formats literales, fingerprints and verdicts", () => {
    expect([0, 1, 25, 26].map(letter)).toEqual(["a", "b", "z", "aa"]);
    expect(fingerprint("0a1b2c")).toBe("0A:1B:2C");
    expect(verdictClass("VÁLIDO")).toBe("valid");
    expect(verdictClass("INDETERMINADO")).toBe("indeterminate");
    expect(verdictClass("NO VÁLIDO")).toBe("invalid");
  });
});
