// A council session end to end in the real app. Every spec file starts on its own empty
// database (see wdio.conf.ts), so this one loads the demonstration municipality, which has a
// council (alcalde and regidores) in force today: create a session, add an item, convene,
// take attendance, start, vote «todos a favor», adopt the agreement, conclude, write the acta.
import { $, $$, browser, expect } from "@wdio/globals";

const sel = (id: string) => `[data-testid="${id}"]`;

/** With CABILDO_SHOTS=dir, save a screenshot of the window there (to look at the screens). */
async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

describe("Cabildo: una sesión del concejo", () => {
  it("carga la municipalidad de demostración", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
  });

  it("registra una sesión ordinaria con un asunto en la orden del día", async () => {
    await $(sel("nav-sessions")).click();
    await $(sel("session-table")).waitForDisplayed();
    await shot("s01-lista");
    await $(sel("session-new")).click();
    await $(sel("session-time")).setValue("08:00");
    await shot("s02-nueva");
    await $(sel("session-save")).click();
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("borrador"));
    await shot("s03-datos");

    await $(sel("tab-agenda")).click();
    await $(sel("agenda-new")).click();
    await $(sel("agenda-title")).setValue("Dictamen sobre el reglamento de ferias");
    await $(sel("agenda-filed-by")).setValue("Comisión de Desarrollo Económico");
    await $(sel("agenda-save")).click();
    await expect($(sel("agenda-item-title"))).toHaveText(expect.stringContaining("reglamento de ferias"));
    await shot("s04-agenda");
  });

  it("convoca la sesión", async () => {
    await $(sel("tab-convocatoria")).click();
    await $(sel("convene-open")).click();
    await $(sel("convene-save")).click();
    await expect($(sel("convened"))).toHaveText(expect.stringContaining("SESIÓN ORDINARIA N°"));
    await shot("s05-convocatoria");
  });

  it("toma asistencia e inicia con quórum", async () => {
    await $(sel("tab-curso")).click();
    await $(sel("quorum-panel")).waitForDisplayed();
    const rows = await $$(sel("attendance-row"));
    for (const row of rows) {
      const status = await row.$(sel("attendance-status")).getText();
      if (status.startsWith("Con licencia") || status.startsWith("Presente")) continue;
      await row.$(sel("att-P")).click();
      await browser.waitUntil(async () => (await row.$(sel("attendance-status")).getText()).startsWith("Presente"));
    }
    await expect($(sel("q-verdict"))).toHaveText("HAY QUÓRUM");
    await $(sel("session-start")).click();
    await $(sel("session-conclude")).waitForDisplayed();
    await shot("s06-en-curso");
  });

  it("vota «todos a favor» y adopta el acuerdo", async () => {
    await $(sel("vote-all")).click();
    await $(sel("vote-cast")).click();
    await expect($(sel("vote-outcome"))).toHaveText(expect.stringMatching(/aprobad/i));
    await $(sel("adopt-open")).click();
    await $(sel("adopt-articles")).setValue("APROBAR el Reglamento de Ferias del distrito.");
    await $(sel("adopt-save")).click();
    await expect($(sel("agreement-number"))).toHaveText(expect.stringContaining("ACUERDO"));
    await shot("s07-acuerdo");
  });

  it("concluye y genera el borrador del acta", async () => {
    await $(sel("live-clock")).setValue("23:59");
    await $(sel("session-conclude")).click();
    await expect($(sel("detail-status"))).toHaveText("Concluida");
    await $(sel("tab-acta")).click();
    await $(sel("minutes-generate")).click();
    await expect($(sel("minutes-status"))).toHaveText("Borrador");
    expect((await $$(sel("minutes-section"))).length).toBeGreaterThan(1);
    await shot("s08-acta");

    // The draft as it prints, in the app: "PROYECTO DE ACTA", drawn by pdf.js.
    await $(sel("minutes-preview")).click();
    const preview = $(`${sel("minutes-pdf-preview")}`);
    await browser.waitUntil(async () => (await preview.getAttribute("data-state")) === "ready", {
      timeout: 60_000,
      timeoutMsg: "la vista previa del acta no terminó de dibujarse",
    });
    expect(Number(await preview.getAttribute("data-pages"))).toBeGreaterThan(0);

    await $(sel("nav-session-reports")).click();
    await $(sel("report-run")).click();
    await $(sel("report-attendance")).waitForDisplayed();
    await shot("s09-reportes");
  });
});
