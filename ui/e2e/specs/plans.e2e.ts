// The Gerencia's monthly follow-up in the real app, on a database of its own with the
// demonstration municipality (its POI is executed up to last month, and the Subgerencia de
// Obras Públicas has not reported last month): the tablero shows the unit in red and missing;
// the clerk opens its month from there, types the executions in the grid, saves (late: the
// month closed on the 5th working day); the tablero now shows the unit in green and reported;
// then the monthly report is generated, previewed and sealed.
import { $, $$, browser, expect } from "@wdio/globals";

const sel = (id: string) => `[data-testid="${id}"]`;
const row = (code: string) => `[data-testid="unit-row"][data-unit="${code}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

describe("Cabildo: el seguimiento mensual del POI", () => {
  it("carga la municipalidad de demostración", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
  });

  it("ve en el tablero a Obras Públicas en rojo y sin reportar", async () => {
    await $(sel("nav-plan-dashboard")).click();
    await $(sel("dashboard-units")).waitForDisplayed({ timeout: 30_000 });
    await expect($(row("SGOP"))).toHaveText(expect.stringContaining("Rojo"));
    await expect($(row("SGOP"))).toHaveText(expect.stringContaining("Sin reportar"));
    await expect($(sel("dashboard-missing"))).toHaveText(expect.stringContaining("SGOP"));
    await shot("p01-tablero");
  });

  it("registra el mes de la unidad en la grilla y lo guarda fuera de plazo", async () => {
    const sgop = await $(row("SGOP"));
    await sgop.$("button=Sin reportar").click();
    await $(sel("month-grid")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("month-status"))).toHaveText(expect.stringContaining("Plazo"));
    // Catching up: five times the month's target on every activity (the accumulated execution
    // of the year reaches the target), with a comment on the first row.
    const programmed = await $$('[data-testid^="cell-"][data-testid$="-programmed_physical"]').getElements();
    expect(programmed.length).toBeGreaterThan(0);
    const targets: { id: string; value: number }[] = [];
    for (const cell of programmed) {
      const testid = (await cell.getAttribute("data-testid")) ?? "";
      const id = testid.replace(/^cell-/, "").replace(/-programmed_physical$/, "");
      if (!/^\d+$/.test(id)) continue; // the totals row
      // textContent: the column may be scrolled out of view, where getText reads nothing.
      const text = String(await cell.getProperty("textContent")).trim();
      const value = Number(text.replace(/\./g, "").replace(",", "."));
      expect(value).toBeGreaterThan(0);
      targets.push({ id, value });
    }
    await $(sel(`cell-${targets[0].id}-physical`)).click();
    for (const t of targets) {
      await browser.keys(String(t.value * 5));
      await browser.keys("Enter");
    }
    await $(sel(`cell-${targets[0].id}-comment`)).click();
    await browser.keys("Se recuperó el retraso de los meses anteriores con dos cuadrillas.");
    await browser.keys("Enter");
    await shot("p02-mes");
    await $(sel("pm-save")).click();
    await expect($(sel("month-late"))).toBeDisplayed();
    await shot("p03-guardado");
  });

  it("ve en el tablero la unidad en verde y ya reportada", async () => {
    await $(sel("nav-plan-dashboard")).click();
    await $(sel("dashboard-units")).waitForDisplayed();
    await expect($(row("SGOP"))).toHaveText(expect.stringContaining("Verde"));
    await expect($(row("SGOP"))).toHaveText(expect.stringContaining("Fuera de plazo"));
    await expect($(sel("dashboard-missing"))).not.toHaveText(expect.stringContaining("SGOP"));
    // The «guardado» notice fades after a few seconds; the picture is taken without it.
    await $(sel("notice")).waitForExist({ reverse: true, timeout: 10_000 });
    await shot("p04-tablero");
  });

  it("genera el informe mensual, lo revisa y lo sella", async () => {
    await $(sel("nav-plan-reports")).click();
    await $(sel("report-new")).waitForDisplayed();
    await $(sel("rp-create")).click();
    await $(sel("report-title")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("report-title"))).toHaveText(expect.stringContaining("Informe mensual"));
    await $(sel("report-preview")).$("canvas").waitForDisplayed({ timeout: 60_000 });
    await shot("p05-informe");
    await $(sel("report-seal")).click();
    await $(sel("confirm-ok")).click();
    await $(sel("record-view")).waitForDisplayed({ timeout: 30_000 });
    await shot("p06-sellado");
  });
});
