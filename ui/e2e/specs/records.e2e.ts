// Printable, sealed and signed records, end to end in the real app, on the database the
// foundation spec left ("Municipalidad Distrital de Prueba", MDPR): write a Resolución de
// Alcaldía, see a field error, fix it, seal it, preview it, sign it with a .p12 made here,
// save the signed PDF, trust the test CA and verify the file.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $, $$, browser, expect } from "@wdio/globals";
import { makePki, type Pki } from "../support/pki";
import { scriptPicks } from "../support/picks";
import { createMunicipality, signIn } from "../support/session";

const sel = (id: string) => `[data-testid="${id}"]`;
const year = new Date().getFullYear();
const identifier = `RESOLUCIÓN DE ALCALDÍA N° 001-${year}-ALC/MDPR`;

let work = "";
let pki: Pki;
let signedPdf = "";

/** This spec also runs alone (`--spec`): then it creates the municipality itself. */
async function shellReady(): Promise<void> {
  await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
  if (await $(sel("wizard")).isExisting()) {
    await createMunicipality({
      name: "Municipalidad Distrital de Prueba",
      shortName: "MDPR",
      country: "PE",
      kind: "distrital",
    });
  } else if (await $(sel("signin")).isExisting()) {
    await signIn();
  }
  await $(sel("shell")).waitForDisplayed();
}

async function typeInto(testid: string, text: string): Promise<void> {
  const el = $(sel(testid));
  await el.waitForDisplayed();
  await el.setValue(text);
}

describe("Cabildo: normas selladas y firmadas", () => {
  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "cabildo-e2e-pki-"));
    pki = makePki(work);
    signedPdf = path.join(work, "resolucion-firmada.pdf");
    await shellReady();
  });

  it("redacta una Resolución de Alcaldía y ve el error de un artículo vacío en su campo", async () => {
    await $(sel("nav-norms")).click();
    await $(sel("norm-new")).click();
    await $(sel("norm-series-resolucion-alcaldia")).click();
    await $(sel("norm-editor")).waitForDisplayed();
    await expect($(sel("norm-next-identifier"))).toHaveText(identifier);

    await typeInto("norm-title", "Designa al responsable del Libro de Actas del Concejo Municipal");
    await $(sel("norm-vistos-add")).click();
    await typeInto("norm-vistos-0", "El Informe N° 012-2026-SG/MDPR de la Secretaría General;");
    await $(sel("norm-considerandos-add")).click();
    await typeInto(
      "norm-considerandos-0",
      "Que, es necesario designar al servidor responsable de la custodia del Libro de Actas;",
    );
    await $(sel("norm-article-add")).click();
    await typeInto("norm-article-0-text", "DESIGNAR al Secretario General como responsable del Libro de Actas.");
    await $(sel("norm-article-add")).click();
    await typeInto("norm-article-1-title", "Vigencia");
    // The template brings no signatories here (no council registered): typed by hand.
    for (const [i, [name, cargo, dni]] of [
      ["Ana Pérez Ñahui", "Alcaldesa", "41234567"],
      ["Luis Quispe Mamani", "Secretario General", ""],
    ].entries()) {
      if (!(await $(sel(`norm-signer-${i}-name`)).isExisting())) await $(sel("norm-signer-add")).click();
      await typeInto(`norm-signer-${i}-name`, name);
      await typeInto(`norm-signer-${i}-cargo`, cargo);
      if (dni) await typeInto(`norm-signer-${i}-dni`, dni);
    }

    await $(sel("norm-save")).click();
    await expect($(sel("norm-save-state"))).toHaveText(expect.stringContaining("Guardado"));
    // Saved as a draft; the core says what prevents sealing, at the article's text.
    const err = $(sel("error-articles[1].text"));
    await err.waitForDisplayed();
    await expect(err).toHaveText("El artículo 2 no tiene texto.");
    await expect($(sel("norm-article-1-text"))).toHaveAttribute("aria-invalid", "true");
    await expect($(sel("norm-seal-pending"))).toHaveText(expect.stringContaining("El artículo 2 no tiene texto."));

    await typeInto("norm-article-1-text", "La presente resolución rige desde el día siguiente de su notificación.");
    await expect(err).not.toBeDisplayed();
    await $(sel("norm-save")).click();
    await $(sel("norm-seal-ready")).waitForDisplayed();
  });

  it("la sella tras confirmar: número y código de verificación", async () => {
    await $(sel("norm-seal")).click();
    const dialog = $(sel("confirm-dialog"));
    await dialog.waitForDisplayed();
    await expect(dialog).toHaveText(expect.stringContaining(identifier));
    await $(sel("confirm-ok")).click();

    await $(sel("record-view")).waitForDisplayed();
    await expect($(sel("record-identifier"))).toHaveText(identifier);
    await expect($(sel("record-status"))).toHaveText("Sellada");
    const code = await $(sel("seal-code")).getText();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    console.log(`sealed ${identifier}, verification code ${code}`);
  });

  it("muestra la vista previa con pdf.js", async () => {
    const t0 = Date.now();
    await $(sel("record-preview-open")).click();
    const preview = $(`${sel("record-preview")} ${sel("pdf-preview")}`);
    await browser.waitUntil(async () => (await preview.getAttribute("data-state")) === "ready", {
      timeout: 30_000,
      timeoutMsg: "la vista previa no terminó de dibujarse",
    });
    const wall = Date.now() - t0;
    const pages = await $$(`${sel("record-preview")} canvas.pdf-page`).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(Number(await preview.getAttribute("data-pages"))).toBe(pages);
    const inPage = await preview.getAttribute("data-render-ms");
    console.log(`preview drawn in ${wall} ms from the click (${pages} page(s); pdf.js ${inPage} ms from receiving the PDF)`);
  });

  it("la firma digitalmente en el bloque 1 con un .p12", async () => {
    scriptPicks(pki.p12);
    await $(sel("record-sign")).click();
    await $(sel("sign-dialog")).waitForDisplayed();
    await expect($(sel("sign-block-1"))).toBeSelected();
    await $(sel("sign-pick")).click();
    await expect($(sel("sign-file"))).toHaveText("ana.p12");
    await $(sel("sign-password")).setValue(pki.password);
    const t0 = Date.now();
    await $(sel("sign-submit")).click();
    await $(sel("sign-dialog")).waitForDisplayed({ reverse: true, timeout: 30_000 });
    console.log(`signed in ${Date.now() - t0} ms`);

    const row = $(sel("signature-row"));
    await row.waitForDisplayed();
    await expect(row).toHaveText(expect.stringContaining("Ana Pérez Ñahui"));
    await expect(row).toHaveText(expect.stringContaining("41234567"));
    await expect($(sel("history"))).toHaveText(expect.stringContaining("Firmado digitalmente por Ana Pérez Ñahui"));
  });

  it("guarda el PDF firmado donde se elija", async () => {
    scriptPicks(signedPdf);
    await $(sel("record-save")).click();
    await browser.waitUntil(() => existsSync(signedPdf) && statSync(signedPdf).size > 0, {
      timeoutMsg: "no se escribió el PDF firmado",
    });
    expect(readFileSync(signedPdf).subarray(0, 5).toString()).toBe("%PDF-");
    await expect($(sel("notice"))).toHaveText(expect.stringContaining(signedPdf));
  });

  it("importa la CA de prueba entre los certificados de confianza", async () => {
    await $(sel("nav-trust")).click();
    scriptPicks(pki.ca);
    await $(sel("trust-import")).click();
    const row = $(sel("trust-row"));
    await row.waitForDisplayed();
    await expect(row).toHaveText(expect.stringContaining("CA de Prueba Cabildo"));
  });

  it("verifica el archivo guardado: VÁLIDO y coincide con el sello", async () => {
    await $(sel("nav-verify")).click();
    scriptPicks(signedPdf);
    await $(sel("verify-pick")).click();
    const verdict = $(sel("verify-verdict"));
    await verdict.waitForDisplayed({ timeout: 30_000 });
    await expect(verdict).toHaveAttribute("data-verdict", "VÁLIDO");
    await expect(verdict).toHaveText(expect.stringContaining("VÁLIDO"));
    await expect($(sel("verify-signature"))).toHaveText(expect.stringContaining("Ana Pérez Ñahui"));
    await expect($(sel("verify-seal"))).toHaveText(expect.stringContaining(identifier));
    await expect($(sel("seal-content-matches"))).toHaveAttribute("data-ok", "true");
    await expect($(sel("seal-digest-ok"))).toHaveAttribute("data-ok", "true");
  });
});
