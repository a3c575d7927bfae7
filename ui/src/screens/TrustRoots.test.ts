import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import TrustRoots from "./TrustRoots.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real, page } from "../test/ipc";
import type { TrustedRoot } from "../lib/bindings/TrustedRoot";

const root: TrustedRoot = {
  id: 3,
  subject: "CN=CA de Prueba Cabildo, O=Municipalidad Distrital de Prueba, C=PE",
  issuer: "CN=CA de Prueba Cabildo, O=Municipalidad Distrital de Prueba, C=PE",
  serial: "01",
  sha256: "0a1b2c3d".repeat(8),
  not_before: "2026-01-01T00:00:00Z",
  not_after: "2036-01-01T00:00:00Z",
  added_at: "2026-11-21T10:00:00-05:00",
};

describe("Certificados de confianza", () => {
  it("lists subject, issuer, validity and the SHA-256 fingerprint; imports through the file dialog", async () => {
    const user = userEvent.setup();
    const roots: TrustedRoot[] = [];
    let pickArgs: Record<string, unknown> = {};
    const sent = fakeCore(
      {
        "trust.root.list": () => page(roots),
        "trust.root.add": () => {
          roots.push(root);
          return [root];
        },
      },
      {
        pick_file: (a) => {
          pickArgs = a;
          return "/home/sg/ca.pem";
        },
      },
    );
    render(TrustRoots);
    expect(await screen.findByTestId("trust-empty")).toHaveTextContent("INDETERMINADO");
    await user.click(screen.getByTestId("trust-import"));
    await waitFor(() => expect(real(sent, "trust.root.add")).toHaveLength(1));
    expect(real(sent, "trust.root.add")[0].params).toEqual({ path: "/home/sg/ca.pem" });
    expect(pickArgs.filters).toEqual([
      { name: "Certificado (.pem, .crt, .cer, .der)", extensions: ["pem", "crt", "cer", "der"] },
    ]);
    const row = await screen.findByTestId("trust-row");
    expect(row).toHaveTextContent("CN=CA de Prueba Cabildo");
    expect(row).toHaveTextContent("Autofirmado (raíz)");
    expect(row).toHaveTextContent("0A:1B:2C:3D:0A:1B");
    expect(row).toHaveTextContent("2036");
  });

  it("shows why a file is refused (a person's certificate, not an authority's)", async () => {
    const user = userEvent.setup();
    fakeCore(
      {
        "trust.root.list": () => page([]),
        "trust.root.add": () => {
          throw { kind: "validation", message: "«CN=Ana» es el certificado de una persona, no de una autoridad de certificación.", field: "path" };
        },
      },
      { pick_file: () => "/tmp/ana.pem" },
    );
    render(TrustRoots);
    await user.click(await screen.findByTestId("trust-import"));
    expect(await screen.findByTestId("trust-error")).toHaveTextContent("no de una autoridad de certificación");
  });

  it("deletes only after confirmation", async () => {
    const user = userEvent.setup();
    const roots = [root];
    const sent = fakeCore({
      "trust.root.list": () => page(roots),
      "trust.root.delete": () => {
        roots.pop();
        return {};
      },
    });
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValueOnce({ ok: false, reason: "" });
    render(TrustRoots);
    await user.click(await screen.findByTestId("trust-delete"));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(real(sent, "trust.root.delete")).toHaveLength(0);
    confirm.mockResolvedValueOnce({ ok: true, reason: "" });
    await user.click(screen.getByTestId("trust-delete"));
    await waitFor(() => expect(real(sent, "trust.root.delete")).toHaveLength(1));
    expect(real(sent, "trust.root.delete")[0].params).toEqual({ id: 3 });
    expect(await screen.findByTestId("trust-empty")).toBeInTheDocument();
  });
});
