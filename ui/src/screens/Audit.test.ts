import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Audit from "./Audit.svelte";
import { fakeCore, real } from "../test/ipc";
import type { AuditEntry } from "../lib/bindings/AuditEntry";

function entry(id: number, summary: string, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: `2026-11-2${id % 10}T10:15:00.000-05:00`,
    actor: "admin",
    method: "norm.seal",
    summary,
    record: { kind: "norma", id: 4, label: "ORDENANZA N° 004-2026-MDSRQ" },
    params: { id: 4 },
    v: 2,
    params_sha256: "a".repeat(64),
    result_sha256: "b".repeat(64),
    hash: "c".repeat(64),
    ...extra,
  };
}

describe("Auditoría", () => {
  it("lists pages from the core, filters there, expands a row to its params and loads more", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "audit.list": (p) =>
        p.before === null
          ? { entries: [entry(3, "Selló la ORDENANZA N° 004-2026-MDSRQ"), entry(2, "Creó la unidad orgánica «Gerencia de Obras»", { method: "org.unit.create", record: { kind: "unidad", id: 2, label: "Gerencia de Obras" }, params: { name: "Gerencia de Obras" } })], next: 2 }
          : { entries: [entry(1, "", { v: 1, params: null, record: null, method: "demo.load" })], next: null },
    });
    render(Audit);
    const rows = await screen.findAllByTestId("audit-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Selló la ORDENANZA N° 004-2026-MDSRQ");
    expect(rows[0]).toHaveTextContent("admin");
    expect(real(sent, "audit.list")[0].params).toMatchObject({ before: null, limit: 50 });

    await user.click(within(rows[1]).getByTestId("audit-toggle"));
    expect(await screen.findByTestId("audit-detail")).toHaveTextContent('"name": "Gerencia de Obras"');

    await user.click(screen.getByTestId("audit-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(3));
    expect(real(sent, "audit.list")[1].params).toMatchObject({ before: 2 });
    expect(screen.getAllByTestId("audit-row")[2]).toHaveTextContent("demo.load");
    expect(screen.queryByTestId("audit-more")).toBeNull();

    await user.type(screen.getByTestId("audit-actor"), "mesa");
    await user.selectOptions(screen.getByTestId("audit-area"), "norm");
    await user.selectOptions(screen.getByTestId("audit-kind"), "norma");
    await user.type(screen.getByTestId("audit-record-id"), "4");
    await user.type(screen.getByTestId("audit-text"), "ORDENANZA");
    await user.click(screen.getByTestId("audit-search"));
    await waitFor(() => expect(real(sent, "audit.list")).toHaveLength(3));
    expect(real(sent, "audit.list")[2].params).toEqual({
      filters: { actor: "mesa", from: null, to: null, method: "norm", record_kind: "norma", record_id: 4, text: "ORDENANZA" },
      before: null,
      limit: 50,
    });
  });

  it("exports the filtered list to the CSV file the person chooses", async () => {
    const user = userEvent.setup();
    const sent = fakeCore(
      {
        "audit.list": () => ({ entries: [entry(3, "Selló la ORDENANZA N° 004-2026-MDSRQ")], next: null }),
        "audit.export": (p) => ({ path: p.path, rows: 1 }),
      },
      { save_file: (a) => `/home/sg/${String(a.defaultName)}` },
    );
    render(Audit);
    await screen.findAllByTestId("audit-row");
    await user.selectOptions(screen.getByTestId("audit-area"), "norm");
    await user.click(screen.getByTestId("audit-export"));
    await waitFor(() => expect(real(sent, "audit.export")).toHaveLength(1));
    expect(real(sent, "audit.export")[0].params).toEqual({
      path: "/home/sg/auditoria.csv",
      filters: { actor: null, from: null, to: null, method: "norm", record_kind: null, record_id: null, text: null },
    });
  });
});
