// The follow-up desk in the real app, on a database of its own with the demonstration
// municipality: Inicio shows what is due and each count opens its list with as many rows as it
// says; a request for access to information is registered at the counter (its due date and how
// it was computed shown as it is typed), extended (Peru: the date of delivery is communicated),
// answered, and the answer letter previewed as it prints.
import { $, $$, browser, expect } from "@wdio/globals";

const sel = (id: string) => `[data-testid="${id}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

/** dd/mm/aaaa digits of a date, as the date fields take them typed. */
const digits = (d: Date) =>
  `${String(d.getDate()).padStart(2, "0")}${String(d.getMonth() + 1).padStart(2, "0")}${d.getFullYear()}`;

describe("Cabildo: el seguimiento y el acceso a la información", () => {
  it("carga la demostración y abre en Inicio", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
    const started = Date.now();
    await $(sel("home-sections")).waitForDisplayed({ timeout: 30_000 });
    console.log(`Inicio visible ${Date.now() - started} ms after the shell`);
    await expect($(sel("home-greeting"))).toHaveText(expect.stringContaining("Responsable"));
    await shot("f01-inicio");
  });

  it("cada conteo de Inicio abre su lista con esas filas", async () => {
    const count = $(sel("home-count-solicitud-vencidos"));
    await count.waitForDisplayed();
    const n = Number(((await count.getText()).match(/\d+/) ?? ["0"])[0]);
    expect(n).toBeGreaterThan(0);
    await count.click();
    await $(sel("requests-table")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("requests-total"))).toHaveText(expect.stringContaining(String(n)));
    expect(await $$(sel("request-row")).length).toBe(Math.min(n, 50));
    await shot("f02-vencidas");
  });

  it("registra una solicitud en mesa de partes con su plazo calculado", async () => {
    await $(sel("nav-solicitudes")).click();
    await $(sel("requests-new")).click();
    await $(sel("request-form")).waitForDisplayed();
    await $(sel("request-requester")).setValue("Rosa Elvira Quispe Mamani");
    await $(sel("request-doc")).setValue("41236587");
    await $(sel("request-address")).setValue("Jr. Bolognesi 245");
    await $(sel("request-subject")).setValue("Copia del contrato de la obra de pistas del Jr. Lima");
    const unit = $(sel("request-unit"));
    await unit.selectByIndex(1);
    // The due date and its account, computed by the core from the moment of filing (now).
    await $('[data-testid$="-account-due"]').waitForDisplayed({ timeout: 15_000 });
    await shot("f03-registro");
    await $(sel("request-save")).click();
    await $(sel("request-detail")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("request-number"))).toHaveText(expect.stringContaining("Solicitud N°"));
    await expect($(sel("request-state"))).toHaveText(expect.stringContaining("En trámite"));
    await expect($(sel("request-deadline"))).toHaveText(expect.stringContaining("días hábiles"));
  });

  it("la prorroga una vez, comunicando la fecha de entrega", async () => {
    await $(sel("request-action-extend")).click();
    await $(sel("access-extend-reason")).setValue("La información está en el archivo periférico.");
    // A working day after the legal term: the core says which days are not, try the next one.
    const day = new Date();
    day.setDate(day.getDate() + 22);
    for (let i = 0; i < 8; i++) {
      const field = $(sel("access-extend-deliver"));
      await field.clearValue();
      await field.setValue(digits(day));
      await $(sel("access-extend-save")).click();
      await browser.pause(600);
      if (!(await $(sel("access-extend-dialog")).isExisting())) break;
      day.setDate(day.getDate() + 1);
    }
    await expect($(sel("request-state"))).toHaveText(expect.stringContaining("Prorrogada"));
    await expect($(sel("request-deadline"))).toHaveText(expect.stringContaining("Prórroga comunicada"));
    await shot("f04-prorroga");
  });

  it("la responde y previsualiza la carta de respuesta", async () => {
    await $(sel("request-action-answer")).click();
    await $(sel("access-outcome-entregada")).click();
    await $(sel("access-answer-text")).setValue("Se entrega copia simple del contrato y sus adendas (12 folios).");
    await $(sel("access-answer-cost")).setValue("1.20");
    await $(sel("access-answer-save")).click();
    await browser.pause(800);
    await shot("f05-respuesta");
    await expect($(sel("request-state"))).toHaveText(expect.stringContaining("Entregada"));
    await $(sel("request-letter-carta-respuesta")).click();
    await $(sel("letter-preview")).waitForDisplayed({ timeout: 30_000 });
    await browser.waitUntil(async () => (await $(sel("letter-pdf")).getAttribute("data-state")) === "ready", {
      timeout: 60_000,
      timeoutMsg: "la carta no terminó de dibujarse",
    });
    await shot("f06-carta");
    // A second extension is not offered once answered.
    expect(await $(sel("request-action-extend")).isExisting()).toBe(false);
  });
});
