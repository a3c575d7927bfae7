import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Copies from "./Copies.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import type { CertifiedCopyRecord } from "../lib/bindings/CertifiedCopyRecord";

function copy(id: number, date: string): CertifiedCopyRecord {
  return {
    id,
    identifier: `CERTIFICADO N° ${String(id).padStart(4, "0")}-${date.slice(0, 4)}-SG/MDPR`,
    date,
    description: `Ordenanza N° ${id}`,
    purpose: null,
    folios: 2,
    norm_id: id,
    file_sha256: null,
    certifier: { name: "Ana Rojas", cargo: "Secretaria General", dni: null },
    seal: { digest: "d", verification_code: "c", sealed_at: date, sealed_by: "sg" },
    signatures: [],
  };
}

describe("Copias certificadas", () => {
  it("pages the copies newest first and sends the year and the words to the core", async () => {
    app.municipality = { ...municipality };
    const user = userEvent.setup();
    const sent = fakeCore({
      "copy.list": (p) => {
        if (p.year === 2025) return { rows: [copy(9, "2025-05-02")], next: null };
        return p.after === "n2"
          ? { rows: [copy(1, "2026-01-10")], next: null }
          : { rows: [copy(3, "2026-03-01"), copy(2, "2026-02-01")], next: "n2" };
      },
    });
    render(Copies);
    expect(await screen.findAllByTestId("copy-row")).toHaveLength(2);
    await user.click(screen.getByTestId("copies-more"));
    await waitFor(() => expect(screen.getAllByTestId("copy-row")).toHaveLength(3));
    expect(real(sent, "copy.list")[1].params).toEqual({ after: "n2", limit: 50 });

    await user.type(screen.getByTestId("copies-year"), "2025");
    await user.tab();
    await waitFor(() => expect(screen.getAllByTestId("copy-row")).toHaveLength(1));
    expect(real(sent, "copy.list").at(-1)?.params).toEqual({ year: 2025, limit: 50 });
    expect(screen.queryByTestId("copies-more")).toBeNull();
  });
});
