import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SignDialog from "./SignDialog.svelte";
import { fakeCore, real } from "../../test/ipc";
import type { SignatureRow } from "../bindings/SignatureRow";

const blocks = [
  { block: 1, name: "Ana Pérez Ñahui", cargo: "Alcaldesa", signed: true },
  { block: 2, name: "Luis Quispe Mamani", cargo: "Secretario General", signed: false },
  { block: 3, name: "Rosa Huamán Ccori", cargo: "Gerente Municipal", signed: false },
];

const row: SignatureRow = {
  seq: 2,
  signer_name: "LUIS QUISPE MAMANI",
  signer_dni: "41234567",
  block: 2,
  reason: "Suscripción de la norma",
  signed_at: "2026-11-21T10:00:00-05:00",
  file_sha256: "ab",
};

function props() {
  return {
    kind: "resolucion",
    id: 7,
    identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
    blocks,
    defaultReason: "Suscripción de la norma",
    onclose: vi.fn(),
    onsigned: vi.fn(),
  };
}

describe("Firmar digitalmente", () => {
  it("signs in the first unsigned block with the chosen .p12, and forgets the password", async () => {
    const user = userEvent.setup();
    let pickArgs: Record<string, unknown> = {};
    const sent = fakeCore(
      { "records.sign": () => row },
      {
        pick_file: (a) => {
          pickArgs = a;
          return "/home/secretaria/firma.p12";
        },
      },
    );
    const p = props();
    render(SignDialog, p);
    expect(screen.getByTestId("sign-block-1")).toBeDisabled();
    expect(screen.getByTestId("sign-block-2")).toBeChecked();
    expect(screen.getByTestId("sign-reason")).toHaveValue("Suscripción de la norma");

    await user.click(screen.getByTestId("sign-pick"));
    expect(await screen.findByTestId("sign-file")).toHaveTextContent("firma.p12");
    expect(pickArgs.filters).toEqual([{ name: "Certificado de firma (.p12, .pfx)", extensions: ["p12", "pfx"] }]);
    const password = screen.getByTestId("sign-password");
    expect(password).toHaveAttribute("type", "password");
    await user.type(password, "s3creta");
    await user.click(screen.getByTestId("sign-block-3"));
    await user.click(screen.getByTestId("sign-submit"));

    await waitFor(() => expect(p.onsigned).toHaveBeenCalledWith(row));
    expect(real(sent, "records.sign")).toHaveLength(1);
    expect(real(sent, "records.sign")[0].params).toEqual({
      kind: "resolucion",
      id: 7,
      p12_path: "/home/secretaria/firma.p12",
      password: "s3creta",
      block: 3,
      reason: "Suscripción de la norma",
      location: null,
    });
    expect(password).toHaveValue("");
    // No validation runs while typing: a dry run would sign.
    expect(sent.filter((s) => s.dryRun)).toHaveLength(0);
  });

  it("a wrong password shows at the password field, which is emptied for the next try", async () => {
    const user = userEvent.setup();
    const sent = fakeCore(
      {
        "records.sign": () => {
          throw { kind: "validation", message: "La contraseña del certificado no es correcta.", field: "password" };
        },
      },
      { pick_file: () => "/tmp/firma.p12" },
    );
    const p = props();
    render(SignDialog, p);
    await user.click(screen.getByTestId("sign-pick"));
    await screen.findByTestId("sign-file");
    const password = screen.getByTestId("sign-password");
    await user.type(password, "mala");
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(screen.getByTestId("error-password")).toHaveTextContent("La contraseña del certificado no es correcta."),
    );
    expect(real(sent, "records.sign")).toHaveLength(1);
    expect(password).toHaveValue("");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveFocus();
    expect(p.onsigned).not.toHaveBeenCalled();
  });

  it("an unreadable certificate shows at the file choice; a taken block at the blocks", async () => {
    const user = userEvent.setup();
    let answer = { kind: "validation", message: "El archivo del certificado (.p12/.pfx) no se pudo leer.", field: "p12_path" };
    fakeCore(
      {
        "records.sign": () => {
          throw answer;
        },
      },
      { pick_file: () => "/tmp/roto.p12" },
    );
    render(SignDialog, props());
    await user.click(screen.getByTestId("sign-pick"));
    await user.type(screen.getByTestId("sign-password"), "x");
    await user.click(screen.getByTestId("sign-submit"));
    await waitFor(() => expect(screen.getByTestId("error-p12_path")).toBeVisible());
    expect(screen.getByTestId("sign-pick")).toHaveFocus();

    answer = { kind: "validation", message: "El bloque de Luis Quispe Mamani ya tiene una firma digital.", field: "block" };
    await user.type(screen.getByTestId("sign-password"), "x");
    await user.click(screen.getByTestId("sign-submit"));
    await waitFor(() => expect(screen.getByTestId("error-block")).toHaveTextContent("ya tiene una firma digital"));
    expect(screen.getByTestId("error-p12_path")).not.toBeVisible();
  });

  it("Cancelar and Esc close the dialog and clear the password", async () => {
    const user = userEvent.setup();
    fakeCore({});
    const p = props();
    render(SignDialog, p);
    const password = screen.getByTestId("sign-password");
    await user.type(password, "s3creta");
    await user.click(screen.getByTestId("sign-cancel"));
    expect(p.onclose).toHaveBeenCalledTimes(1);
    expect(password).toHaveValue("");
    await user.type(password, "otra");
    await user.keyboard("{Escape}");
    expect(p.onclose).toHaveBeenCalledTimes(2);
    expect(password).toHaveValue("");
  });
});
