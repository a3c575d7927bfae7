import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Verify from "./Verify.svelte";
import { fakeCore, real } from "../test/ipc";
import type { SignatureReport } from "../lib/bindings/SignatureReport";
import type { VerifyReport } from "../lib/bindings/VerifyReport";

function signature(over: Partial<SignatureReport> = {}): SignatureReport {
  return {
    field_name: "Firma1",
    sub_filter: "ETSI.CAdES.detached",
    signer_name: "Ana Pérez Ñahui",
    serial_number: "PNOPE-41234567",
    dni: "41234567",
    certificate_serial: "1A2B3C",
    subject: "CN=Ana Pérez Ñahui, SERIALNUMBER=PNOPE-41234567",
    issuer: "CN=CA de Prueba Cabildo",
    not_before: "2026-01-01T00:00:00Z",
    not_after: "2027-01-01T00:00:00Z",
    signing_time: "2026-11-21T15:00:00Z",
    reason: "Suscripción de la norma",
    location: "Prueba",
    revision: 1,
    integrity_ok: true,
    signature_ok: true,
    chain_trusted: true,
    certificate_valid_at_signing: true,
    covers_whole_document_until_revision: true,
    covers_whole_file: true,
    modified_after: false,
    modifications: [],
    verdict: "VÁLIDO",
    reasons: [],
    ...over,
  };
}

function report(verdict: string, sig: SignatureReport, reasons: string[] = []): VerifyReport {
  return {
    verdict,
    reasons,
    verification: { verdict, signatures: [sig], reasons },
    seal: {
      kind: "resolucion",
      id: 1,
      identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
      verification_code: "7KQ2M-XW4PA",
      digest: "ab".repeat(32),
      sealed_at: "2026-11-21T10:00:00-05:00",
      digest_ok: true,
      content_matches: verdict !== "NO VÁLIDO",
      message: "El documento es el registro sellado RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR, sin cambios.",
    },
    file: "resolucion.pdf",
  };
}

async function verifyWith(r: VerifyReport) {
  const user = userEvent.setup();
  const sent = fakeCore({ "records.verify": () => r }, { pick_file: () => "/home/sg/resolucion.pdf" });
  render(Verify);
  await user.click(screen.getByTestId("verify-pick"));
  await waitFor(() => expect(real(sent, "records.verify")).toHaveLength(1));
  expect(real(sent, "records.verify")[0].params).toEqual({ path: "/home/sg/resolucion.pdf" });
  return screen.findByTestId("verify-verdict");
}

describe("Verificar documento", () => {
  it("VÁLIDO: green, with a check mark and words, one card per signature and the seal", async () => {
    const v = await verifyWith(report("VÁLIDO", signature()));
    expect(v).toHaveClass("valid");
    expect(v).toHaveAttribute("data-verdict", "VÁLIDO");
    expect(v).toHaveTextContent("✓");
    expect(v).toHaveTextContent("VÁLIDO");
    expect(v).toHaveTextContent("no cambió después de firmarse");
    const card = screen.getByTestId("verify-signature");
    expect(card).toHaveTextContent("Firma 1: Ana Pérez Ñahui");
    expect(card).toHaveTextContent("41234567");
    expect(card).toHaveTextContent("PNOPE-41234567");
    expect(card).toHaveTextContent("CN=CA de Prueba Cabildo");
    expect(within(card).getByTestId("check-chain")).toHaveAttribute("data-ok", "true");
    expect(within(card).getByTestId("check-chain")).toHaveTextContent("✓");
    const seal = screen.getByTestId("verify-seal");
    expect(seal).toHaveTextContent("RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR");
    expect(seal).toHaveTextContent("7KQ2M-XW4PA");
    expect(within(seal).getByTestId("seal-content-matches")).toHaveAttribute("data-ok", "true");
    expect(screen.queryByTestId("verify-reasons")).not.toBeInTheDocument();
  });

  it("NO VÁLIDO: red, with a cross, the reasons and what changed", async () => {
    const v = await verifyWith(
      report(
        "NO VÁLIDO",
        signature({ integrity_ok: false, verdict: "NO VÁLIDO", modified_after: true, modifications: ["Se cambió el contenido de la página 1."] }),
        ["La firma 1 no corresponde al contenido: el documento fue modificado."],
      ),
    );
    expect(v).toHaveClass("invalid");
    expect(v).toHaveTextContent("✗");
    expect(v).toHaveTextContent("NO VÁLIDO");
    expect(screen.getByTestId("verify-reasons")).toHaveTextContent("el documento fue modificado");
    expect(screen.getByTestId("check-integrity")).toHaveAttribute("data-ok", "false");
    expect(screen.getByTestId("check-integrity")).toHaveTextContent("✗ Integridad: el contenido firmado fue alterado.");
    expect(screen.getByTestId("check-modified")).toHaveTextContent("cambió después de esta firma");
    expect(screen.getByTestId("verify-signature")).toHaveTextContent("Se cambió el contenido de la página 1.");
    expect(screen.getByTestId("seal-content-matches")).toHaveAttribute("data-ok", "false");
  });

  it("INDETERMINADO: amber, explains the untrusted root in plain words and points to the trusted roots", async () => {
    const v = await verifyWith(
      report("INDETERMINADO", signature({ chain_trusted: false, verdict: "INDETERMINADO" }), [
        "La cadena del certificado no llega a un certificado de confianza.",
      ]),
    );
    expect(v).toHaveClass("indeterminate");
    expect(v).toHaveTextContent("?");
    expect(v).toHaveTextContent("INDETERMINADO");
    expect(v).toHaveTextContent("no está entre los certificados de confianza");
    expect(v).toHaveTextContent("Configuración › Certificados de confianza");
    expect(screen.getByTestId("verify-go-trust")).toBeInTheDocument();
    expect(screen.getByTestId("check-chain")).toHaveAttribute("data-ok", "false");
  });

  it("a file that is not one of our records: signatures only, said so", async () => {
    const r = report("VÁLIDO", signature());
    r.seal = null;
    await verifyWith(r);
    expect(screen.getByTestId("verify-no-seal")).toHaveTextContent("no corresponde a un registro sellado");
  });
});
