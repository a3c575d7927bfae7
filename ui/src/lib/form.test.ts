import { describe, expect, it } from "vitest";
import { fakeCore } from "../test/ipc";
import { Form } from "./form.svelte";

describe("Form", () => {
  it("shows an error of nested params at the inner field, and an unknown field as general", async () => {
    fakeCore({
      "norm.update": (p) => {
        const norm = p.norm as { date: string };
        if (norm.date === "x") {
          throw { kind: "validation", message: "Fecha no válida «x»: use AAAA-MM-DD.", field: "norm.date" };
        }
        throw { kind: "validation", message: "Algo más.", field: "norm.otro" };
      },
    });
    let date = "x";
    const form = new Form("norm.update", () => ({ id: 1, norm: { date } }) as never);
    form.register("date");
    expect(await form.submit()).toBeNull();
    expect(form.error("date")).toBe("Fecha no válida «x»: use AAAA-MM-DD.");
    expect(form.general).toBeNull();
    date = "2026-01-01";
    expect(await form.submit()).toBeNull();
    expect(form.error("date")).toBeUndefined();
    expect(form.general).toBe("Algo más.");
  });
});
