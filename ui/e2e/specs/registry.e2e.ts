// The registry at twenty years in the real app, on a database of its own with the
// demonstration municipality: the Normas screen searches the whole text (accents typed or not,
// the passage found marked) and finds a norm by its number typed as remembered; the sealed
// ordenanza shows its validity, publications and relations; the management instruments list
// their versions; and a municipality's history is brought in from a sheet and a folder — a bad
// row shown at its cell blocks it, the corrected sheet imports, and the old norm is then found
// by a word of its PDF.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { $, $$, browser, expect } from "@wdio/globals";
import { scriptPicks } from "../support/picks";

const sel = (id: string) => `[data-testid="${id}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

async function search(text: string): Promise<void> {
  const box = $(sel("norm-search"));
  await box.waitForDisplayed();
  await box.clearValue();
  await box.setValue(text);
}

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../tests/fixtures/norm_import");

describe("Cabildo: el registro de normas a veinte años", () => {
  let ordinance = "";

  it("carga la demostración", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
  });

  it("busca en todo el texto sin tildes y marca el pasaje encontrado", async () => {
    await $(sel("nav-norms")).click();
    await search("transito peatonal");
    await browser.waitUntil(async () => (await $$(sel("norm-row")).length) === 1, {
      timeoutMsg: "la búsqueda no dio una sola norma",
    });
    const row = $(sel("norm-row"));
    await expect(row.$(sel("norm-matched"))).toHaveText("En el texto");
    const marks = await row.$$(`${sel("norm-passage")} mark`).map((m) => m.getText());
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(["tránsito", "peatonal"]));
    await expect(row.$(sel("norm-row-validity"))).toHaveText("Vigente");
    ordinance = await row.$(".ident").getText();
    expect(ordinance).toMatch(/^ORDENANZA/);
    await shot("r01-busqueda-texto");
  });

  it("encuentra la ordenanza por su número escrito de memoria", async () => {
    const [, number, year] = ordinance.match(/N° 0*(\d+)-(\d{4})/) ?? [];
    await search(`ord ${number} ${year}`);
    await browser.waitUntil(async () => (await $(sel("norm-matched")).isExisting()) && (await $(sel("norm-matched")).getText()) === "Por su número", {
      timeoutMsg: "no llegó la norma por su número",
    });
    await expect($$(sel("norm-row"))[0].$(".ident")).toHaveText(ordinance);
    await shot("r02-busqueda-numero");
  });

  it("la ordenanza sellada muestra su vigencia, publicaciones y relaciones", async () => {
    await $$(sel("norm-row"))[0].$(".ident").click();
    await $(sel("norm-validity")).waitForDisplayed({ timeout: 20_000 });
    await expect($(sel("norm-validity-status"))).toHaveText(expect.stringContaining("Vigente"));
    await expect($(sel("norm-validity-history"))).toHaveText(expect.stringContaining("Publicada"));
    await shot("r03-vigencia");
    await $(sel("record-back")).click();
  });

  it("los instrumentos de gestión con sus versiones", async () => {
    await $(sel("nav-instruments")).click();
    await $(sel("instrument-table")).waitForDisplayed({ timeout: 20_000 });
    expect(await $$(sel("instrument-row")).length).toBeGreaterThan(2);
    await $$(sel("instrument-open"))[0].click();
    await $(sel("instrument-versions")).waitForDisplayed();
    expect(await $$(sel("instrument-version")).length).toBeGreaterThan(0);
    await shot("r04-instrumentos");
  });

  it("importa la historia: una fila mala lo impide, la hoja corregida la registra y se encuentra", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "cabildo-e2e-historia-"));
    const folder = path.join(work, "archivos");
    mkdirSync(folder);
    copyFileSync(path.join(fixtures, "libreoffice.pdf"), path.join(folder, "ORD-003-2019.pdf"));
    const sheet = path.join(work, "normas.csv");
    const rows = (date: string) =>
      "Tipo;Número;Fecha;Asunto;Archivo\n" +
      "ordenanza;3;12/03/2019;Ordenanza que regula el desagüe pluvial en el distrito;\n" +
      `ordenanza;4;${date};Ordenanza de ornato;sin archivo\n`;
    writeFileSync(sheet, rows("31/02/2019"));

    await $(sel("nav-norm-import")).click();
    scriptPicks(sheet);
    await $(sel("import-sheet-pick")).click();
    scriptPicks(folder);
    await $(sel("import-folder-pick")).click();
    await $(sel("import-summary")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("import-summary"))).toHaveText(expect.stringContaining("1 con problemas"));
    await expect($(sel("import-table"))).toHaveText(expect.stringContaining("no es una fecha"));
    await expect($(sel("import-apply"))).toBeDisabled();
    await shot("r05-importar-problema");

    writeFileSync(sheet, rows("20/04/2019"));
    scriptPicks(sheet);
    await $(sel("import-sheet-pick")).click();
    await browser
      .waitUntil(async () => (await $(sel("import-summary")).getText()).includes("2 listas"))
      .catch(async () => {
        throw new Error(`la hoja corregida sigue con problemas: ${await $(sel("import-summary")).getText()}`);
      });
    await expect($(sel("import-apply"))).toBeEnabled();
    await $(sel("import-apply")).click();
    await $(sel("confirm-ok")).click();
    await $(sel("import-result")).waitForDisplayed({ timeout: 30_000 });
    await shot("r06-importada");

    await $(sel("nav-norms")).click();
    await search("pinguino");
    await browser.waitUntil(async () => (await $$(sel("norm-row")).length) === 1, {
      timeoutMsg: "la norma importada no se encontró por su PDF",
    });
    await expect($(sel("norm-row")).$(".ident")).toHaveText(expect.stringContaining("003-2019"));
  });
});
