import { describe, expect, it } from "vitest";
import { dueWords, filedAt, milestoneKind, normKindsOf, sourceLabel, sourceOfNorm, statusLabel } from "./desk";
import { statuses } from "../test/desk";

const open = (days_left: number | null, status = "pendiente") => ({ days_left, status, closed_on: null, due_on: "2026-08-12" });

describe("follow-up desk words", () => {
  it("says how far the due date is, in working days, with a tone", () => {
    expect(dueWords(open(0))).toEqual({ text: "vence hoy", tone: "today" });
    expect(dueWords(open(1))).toEqual({ text: "falta 1 día hábil", tone: "soon" });
    expect(dueWords(open(3))).toEqual({ text: "faltan 3 días hábiles", tone: "ok" });
    expect(dueWords(open(-1, "vencido"))).toEqual({ text: "vencido hace 1 día hábil", tone: "overdue" });
    expect(dueWords(open(-2, "vencido"))).toEqual({ text: "vencido hace 2 días hábiles", tone: "overdue" });
    // Due on Friday, seen on Saturday: past its date with no working day since.
    expect(dueWords(open(0, "vencido"))).toEqual({ text: "vencido", tone: "overdue" });
    expect(dueWords({ days_left: null, status: "atendido", closed_on: "2026-07-20", due_on: "2026-08-12" })).toEqual({
      text: "cerrado el 20/07/2026",
      tone: "closed",
    });
    expect(dueWords({ days_left: null, status: "pendiente", closed_on: null, due_on: null }).text).toBe("sin plazo");
  });

  it("names the sources with Chile's words where they differ", () => {
    expect(sourceLabel("pedido", "PE")).toBe("Pedido de regidor");
    expect(sourceLabel("pedido", "CL")).toBe("Solicitud de concejal");
    expect(sourceLabel("gerencia", "PE")).toBe("Disposición de Gerencia Municipal");
    expect(sourceLabel("gerencia", "CL")).toBe("Instrucción de la Administración Municipal");
    expect(sourceLabel("contraloria", "CL")).toBe("Requerimiento de Contraloría");
  });

  it("gives an encargo from a norm the source of its kind", () => {
    expect(sourceOfNorm("acuerdo")).toBe("acuerdo");
    expect(sourceOfNorm("ordenanza")).toBe("ordenanza");
    expect(sourceOfNorm("decreto")).toBe("norma");
    expect(normKindsOf("norma")).toEqual(["decreto", "resolucion"]);
  });

  it("writes the filing moment as the core reads it", () => {
    expect(filedAt("2026-07-15", "10:30")).toBe("2026-07-15T10:30");
    expect(filedAt("2026-07-15", " ")).toBe("2026-07-15");
    expect(filedAt("", "10:30")).toBeUndefined();
    expect(filedAt(null, "10:30")).toBeUndefined();
  });

  it("labels statuses from the core's list and milestones in words", () => {
    expect(statusLabel("en_proceso", statuses)).toBe("En proceso");
    expect(statusLabel("en_subsanacion", statuses)).toBe("En subsanacion");
    expect(milestoneKind("derivacion")).toBe("Derivación");
    expect(milestoneKind("plazo")).toBe("Cambio de plazo");
  });
});
