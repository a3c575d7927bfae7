// The portal as a citizen uses it: opened from a folder, its lists of norms, and its search
// finding a norm by a word typed without its accent and by its number typed loosely.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { $, $$, browser, expect } from "@wdio/globals";
import type { ChainablePromiseElement } from "webdriverio";

const site = process.env.PORTAL_SITE ?? "";
const page = (rel: string) => `file://${path.join(site, rel)}`;

/** The file a link opens (the browser resolves it against the page), which must exist. */
async function linked(link: ChainablePromiseElement): Promise<string> {
  const href = new URL((await link.getAttribute("href")) ?? "", await browser.getUrl()).toString();
  const file = fileURLToPath(href);
  expect(existsSync(file)).toBe(true);
  return path.relative(site, file);
}

/** The rows of the search results once they show `text` in the first one. */
async function resultsFor(query: string, text: string) {
  const input = await $("#q");
  await input.clearValue();
  await input.setValue(query);
  await browser.waitUntil(
    async () => {
      const rows = await $$("#resultados tbody tr").getElements();
      return rows.length > 0 && (await rows[0].getText()).includes(text);
    },
    { timeoutMsg: `«${query}» no encontró «${text}»: ${await $("#estado").getText()}` },
  );
  return $$("#resultados tbody tr").getElements();
}

describe("El portal de transparencia, abierto desde una carpeta", () => {
  it("shows the municipality, what is published and the norms of a year with their PDF", async () => {
    await browser.url(page("index.html"));
    await expect($("h1")).toHaveText("Portal de transparencia");
    await expect($("header .nombre")).toHaveText("Municipalidad Distrital de Santa Rosa de Qochapampa");
    await expect($("caption=Normas publicadas por año y tipo")).toBeDisplayed();
    await $('a[href="normas/acuerdo-2026.html"]').click();
    await expect($("h1")).toHaveText("Acuerdos de concejo de 2026");
    expect((await $$("tbody tr").getElements()).length).toBeGreaterThan(10);

    await browser.url(page("normas/ordenanza-2019.html"));
    await expect($("h1")).toHaveText("Ordenanzas municipales de 2019");
    const row = await $("tr*=ORDENANZA N° 012-2019-MDSRQ");
    await expect(row).toHaveText(expect.stringContaining("desagüe pluvial"));
    await expect(row).toHaveText(expect.stringContaining("Del archivo histórico"));
    expect(await linked(row.$("a[type='application/pdf']"))).toMatch(
      /^pdf\/ORDENANZA-N-012-2019-MDSRQ-[0-9a-f]{12}\.pdf$/,
    );
    await expect($("tr*=ORDENANZA N° 013-2019-MDSRQ")).toHaveText(expect.stringContaining("Sin PDF"));
  });

  it("finds a norm by a word without its accent and by its number typed loosely", async () => {
    await browser.url(page("buscar.html"));
    await $("body[data-listo='si']").waitForExist();
    await expect($("#estado")).toHaveText(expect.stringContaining("documentos"));

    let rows = await resultsFor("desague", "ORDENANZA N° 012-2019-MDSRQ");
    expect(rows.length).toBe(1);
    expect(await linked(rows[0].$("a[type='application/pdf']"))).toMatch(
      /^pdf\/ORDENANZA-N-012-2019-MDSRQ-[0-9a-f]{12}\.pdf$/,
    );
    // Its row in the list of its year, from the result.
    expect(await linked(rows[0].$("a=ORDENANZA N° 012-2019-MDSRQ"))).toBe(
      path.join("normas", "ordenanza-2019.html"),
    );

    rows = await resultsFor("ord 12 2019", "ORDENANZA N° 012-2019-MDSRQ");
    expect(rows.length).toBe(1);
    await resultsFor("DESAGÜE", "ORDENANZA N° 012-2019-MDSRQ");
    await resultsFor("comercio ambulatorio", "ORDENANZA N° 001-2026-MDSRQ");
    await resultsFor("da 1 2026", "DECRETO DE ALCALDÍA N° 001-2026-MDSRQ");

    // Nothing found says so.
    const input = await $("#q");
    await input.clearValue();
    await input.setValue("zzzinexistente");
    await expect($("#estado")).toHaveText(expect.stringContaining("No se encontró ningún documento"));
    await expect($("#resultados")).not.toBeDisplayed();
  });

  it("searches from the home page's box", async () => {
    await browser.url(page("index.html"));
    await $("#q").setValue("ornato");
    await $("form.buscar button").click();
    await $("body[data-listo='si']").waitForExist();
    await browser.waitUntil(async () => (await $$("#resultados tbody tr").getElements()).length > 0, {
      timeoutMsg: "la búsqueda desde la portada no mostró resultados",
    });
    await expect($("#resultados tbody tr")).toHaveText(expect.stringContaining("ORDENANZA N° 013-2019-MDSRQ"));
  });
});
