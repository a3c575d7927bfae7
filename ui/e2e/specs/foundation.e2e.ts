// The foundation, end to end in the real app: first start on an empty database, create the
// municipality, add an organic unit, restart on the same database, and find it all again.
import { $, $$, browser, expect } from "@wdio/globals";
import { ADMIN, createMunicipality, signIn } from "../support/session";

const sel = (id: string) => `[data-testid="${id}"]`;

async function firstScreen(t0: number, label: string): Promise<void> {
  const ready = await $(sel("app-ready"));
  await ready.waitForDisplayed({ timeout: 60_000 });
  const ms = Date.now() - t0;
  const inPage = await ready.getAttribute("data-ready-ms");
  console.log(`first screen drawn in ${ms} ms (${label}; ${inPage} ms after the page started)`);
}

async function unitNames(): Promise<string[]> {
  const rows = await $$(sel("unit-row"));
  const names: string[] = [];
  for (const r of rows) names.push((await r.$(".tree-name").getText()).trim());
  return names;
}

describe("Cabildo: primeros pasos", () => {
  it("muestra el asistente en una base de datos vacía", async () => {
    await firstScreen(Number(process.env.CABILDO_E2E_T0 ?? Date.now()), "base vacía");
    await expect($(sel("wizard"))).toBeDisplayed();
    await expect($("h1")).toHaveText("Bienvenido a Cabildo");
  });

  it("crea el administrador y la municipalidad", async () => {
    await createMunicipality({
      name: "Municipalidad Distrital de Prueba",
      shortName: "MDPR",
      country: "PE",
      kind: "distrital",
    });
    await expect($(sel("municipality-name"))).toHaveText("Municipalidad Distrital de Prueba");
    await expect($(sel("signed-in-name"))).toHaveText(ADMIN.name);
  });

  it("agrega una unidad orgánica", async () => {
    await $(sel("nav-units")).click();
    await $(sel("unit-new")).click();
    await $(sel("unit-name")).setValue("Oficina de Prueba");
    await expect($(sel("unit-code"))).toHaveValue("OP");
    await $(sel("unit-code")).setValue("OPR");
    await $(sel("unit-save")).click();

    await browser.waitUntil(async () => (await unitNames()).includes("Oficina de Prueba"), {
      timeoutMsg: "la unidad «Oficina de Prueba» no apareció en el árbol",
    });
  });

  it("escribe las fechas como dd/mm/aaaa, sea cual sea el idioma del equipo", async () => {
    await $(sel("nav-calendar")).click();
    const date = $(sel("calendar-day-date"));
    await date.waitForDisplayed();
    await expect(date).toHaveAttribute("placeholder", "dd/mm/aaaa");
    // Today's date in the calculator, as clerks write it.
    await expect($("#ca-from")).toHaveValue(expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/));

    await date.setValue("31022026");
    await expect(date).toHaveValue("31/02/2026");
    await $(sel("calendar-day-name")).click();
    await expect($(sel("calendar-day-date-error"))).toHaveText("Fecha no válida: use dd/mm/aaaa");
    await expect(date).toHaveValue("31/02/2026");

    // A day of the current year, so the list of that year (shown by default) has it.
    const year = new Date().getFullYear();
    const weekday = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"][
      new Date(year, 10, 20).getDay()
    ];
    await date.setValue(`2011${year}`);
    await expect(date).toHaveValue(`20/11/${year}`);
    await $(sel("calendar-day-name")).setValue("Aniversario del distrito");
    await expect($(sel("calendar-day-date-error"))).not.toBeDisplayed();
    await $(sel("calendar-day-save")).click();
    // The core got YYYY-11-20: the list of the year shows it with its weekday.
    await expect($(sel("calendar-table"))).toHaveText(
      expect.stringContaining(`${weekday} 20 de noviembre de ${year}`),
    );
  });

  it("al reabrir la aplicación, pide la contraseña y la unidad sigue ahí", async () => {
    const t0 = Date.now();
    await browser.reloadSession();
    await firstScreen(t0, "reapertura");

    await signIn(ADMIN.login, "equivocada");
    await expect($(sel("signin-error"))).toHaveText("Usuario o contraseña incorrectos.");
    await signIn();
    await $(sel("shell")).waitForDisplayed();
    await expect($(sel("wizard"))).not.toBeExisting();
    await expect($(sel("municipality-name"))).toHaveText("Municipalidad Distrital de Prueba");

    await $(sel("nav-units")).click();
    await browser.waitUntil(async () => (await unitNames()).includes("Oficina de Prueba"), {
      timeoutMsg: "la unidad «Oficina de Prueba» no está tras reabrir",
    });
  });
});
