// Not a test: loads the demonstration municipality and saves a screenshot of every screen to
// e2e/screenshots/ (for the README and for looking at the UI). `npm run screenshots`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { $, $$, browser } from "@wdio/globals";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");
const sel = (id: string) => `[data-testid="${id}"]`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(name: string) {
  await pause(400);
  await browser.saveScreenshot(path.join(out, `${name}.png`));
}

describe("Recorrido de pantallas", () => {
  it("captura cada pantalla con la municipalidad de demostración", async () => {
    mkdirSync(out, { recursive: true });
    await $(sel("wizard")).waitForDisplayed({ timeout: 60_000 });
    await shot("01-bienvenida");
    await $(sel("wizard-create")).click();
    await $(sel("wizard-short-name")).setValue("m");
    await pause(800);
    await shot("02-crear-municipalidad");
    await $("button=Volver").click();
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 60_000 });

    const rows = await $$(sel("unit-row")).getElements();
    if (rows.length > 2) await rows[2].click();
    await shot("03-unidades");

    const screens = ["people", "council", "profile", "numbering", "calendar", "rules", "audit"];
    for (const [i, s] of screens.entries()) {
      await $(sel(`nav-${s}`)).click();
      await pause(300);
      if (s === "people") {
        const p = await $$(sel("person-row")).getElements();
        if (p.length > 0) await p[0].click();
      }
      if (s === "council") {
        const m = await $$(sel("member-status")).getElements();
        if (m.length > 1) await m[1].click();
      }
      if (s === "numbering") {
        const r = await $$(sel("series-row")).getElements();
        if (r.length > 1) await r[1].click();
      }
      await shot(`${String(i + 4).padStart(2, "0")}-${s}`);
    }
  });
});
