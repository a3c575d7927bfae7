// A council session end to end in the real app. Every spec file starts on its own empty
// database (see wdio.conf.ts), so this one loads the demonstration municipality, which has a
// council (alcalde and regidores) in force today: create a session, add an item, convene,
// take attendance, start, vote «todos a favor», adopt the agreement, conclude, write the acta;
// then the next session: its agenda (the acta to approve with the draft attached and previewed,
// two pedidos routed to units and reordered by dragging), convened, held, the acta approved by
// vote, and the first session's acta sealed with its folios in the Libro de Actas.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $, $$, browser, expect } from "@wdio/globals";
import { scriptPicks } from "../support/picks";

const sel = (id: string) => `[data-testid="${id}"]`;

/** Identifier of the session held first ("SESIÓN ORDINARIA N° 07-2026"), read once started
 * (a session is numbered when it starts, not when it is convened). */
let firstIdent = "";
/** Where this spec writes the files it picks (the draft acta it attaches). */
const work = mkdtempSync(path.join(os.tmpdir(), "cabildo-e2e-sessions-"));
const draftPdf = path.join(work, "proyecto-de-acta.pdf");

/** Choose the option of a <select> whose text contains `text` (unit names are indented). */
async function chooseOption(testid: string, text: string): Promise<void> {
  const index = await browser.execute(
    (id: string, t: string) => {
      const s = document.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`);
      return s ? [...s.options].findIndex((o) => o.text.includes(t)) : -1;
    },
    testid,
    text,
  );
  if (index < 0) throw new Error(`no hay una opción con «${text}»`);
  await $(sel(testid)).selectByIndex(index);
}

/** What the clerk adds to the draft: the debate of the order of the day, as it is summarised. */
const DEBATE = [
  "En el debate, el regidor Jorge Luis Flores Cárdenas, presidente de la Comisión de Desarrollo Económico, sustentó el dictamen: el reglamento ordena las ferias agropecuarias de los sábados en la plaza de armas y en el campo ferial de Qochapampa, fija los requisitos para obtener un puesto, da preferencia a los productores del distrito y a las asociaciones de mujeres productoras, y encarga a la Subgerencia de Comercialización el padrón de feriantes, que será público y se actualizará cada seis meses.",
  "La regidora Norma Rojas Torres pidió que el reglamento precise el horario de carga y descarga para no interrumpir el tránsito de la avenida Señor de Huanca y que se coordine con la Policía Nacional la seguridad de los feriantes; el presidente de la comisión aceptó incorporar ambas precisiones en la redacción final, que la Secretaría General recogerá antes de su publicación en el diario encargado de los avisos judiciales.",
  "El regidor Wilber Ticona Condori consultó por el costo del derecho de puesto; la Gerencia de Desarrollo Económico Local informó que no se cobra derecho alguno durante el primer año, para promover la formalización, y que a partir del segundo año el monto se fijará por ordenanza conforme al Texto Único de Procedimientos Administrativos. No habiendo más intervenciones, el Alcalde sometió el dictamen a votación nominal.",
];

/** `date` as the date field takes it typed: eight digits, ddmmaaaa. */
const digits = (date: Date) =>
  `${String(date.getDate()).padStart(2, "0")}${String(date.getMonth() + 1).padStart(2, "0")}${date.getFullYear()}`;

/** Wait for a pdf.js preview to finish drawing; returns its pages and pdf.js time. */
async function drawn(testid: string, what: string): Promise<{ pages: number; renderMs: number }> {
  const preview = $(sel(testid));
  await browser.waitUntil(async () => (await preview.getAttribute("data-state")) === "ready", {
    timeout: 60_000,
    timeoutMsg: `la vista previa de ${what} no terminó de dibujarse`,
  });
  return {
    pages: Number(await preview.getAttribute("data-pages")),
    renderMs: Number(await preview.getAttribute("data-render-ms")),
  };
}

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
    await expect($(sel("convened"))).toHaveText(expect.stringContaining("convocada el"));
    await expect($(sel("number-help"))).toHaveText(expect.stringContaining("El número se asigna al iniciar la sesión"));
    await shot("s05-convocatoria");
  });

  it("toma asistencia e inicia con quórum", async () => {
    await takeAttendanceAndStart();
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("SESIÓN ORDINARIA N°"));
    firstIdent = (await $(sel("session-title")).getText()).match(/SESIÓN ORDINARIA N° \d+-\d{4}/)?.[0] ?? "";
    expect(firstIdent).not.toBe("");
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

  it("guarda el borrador del acta y ve abierto el Libro de Actas", async () => {
    await $(sel("nav-sessions")).click();
    await $(sel("session-table")).waitForDisplayed();
    await openSession(firstIdent);
    await $(sel("tab-acta")).click();
    await expect($(sel("minutes-status"))).toHaveText("Borrador");
    // The clerk completes the draft with the debate of the order of the day.
    let order: WebdriverIO.Element | null = null;
    for await (const sec of $$(sel("minutes-section"))) {
      if ((await sec.$("input.heading").getValue()) === "ORDEN DEL DÍA") order = sec;
    }
    if (!order) throw new Error("el borrador no tiene la sección ORDEN DEL DÍA");
    for (const text of DEBATE) {
      await order.$(sel("minutes-add-paragraph")).click();
      await order.$$("textarea")[(await order.$$("textarea").length) - 1].setValue(text);
    }
    await $(sel("minutes-save")).click();
    await expect($(sel("minutes-save"))).toBeDisabled();
    // The demo opens a book; a municipality without one opens it here, as the clerk would.
    await $(sel("book-open")).waitForDisplayed();
    if (!(await $(sel("book-table")).isExisting())) {
      await $(sel("book-open")).click();
      await $(sel("book-save")).click();
    }
    await $(sel("book-table")).waitForDisplayed();
    await expect($(sel("book-table"))).not.toHaveText(expect.stringContaining("(cerrado)"));
    // The draft as a file, to attach it to the item that approves it.
    scriptPicks(draftPdf);
    await $(sel("minutes-pdf")).click();
    await browser.waitUntil(async () => (await $(sel("notice")).getText().catch(() => "")).includes(draftPdf), {
      timeoutMsg: "el borrador del acta no se guardó",
    });
  });

  it("registra la sesión siguiente con la aprobación del acta y dos pedidos derivados", async () => {
    await $(sel("session-back")).click();
    await $(sel("session-new")).click();
    // Later the same day: a session cannot be started before its date, and this one is
    // held in this spec.
    await $(sel("session-date")).setValue(digits(new Date()));
    await $(sel("session-time")).setValue("10:00");
    await $(sel("session-save")).click();
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("borrador"));

    await $(sel("tab-agenda")).click();
    await $(sel("agenda-new")).click();
    await $(sel("agenda-stage")).selectByAttribute("value", "acta_anterior");
    await chooseOption("agenda-minutes-of", firstIdent);
    await $(sel("agenda-title")).setValue(`Aprobación del acta de la ${firstIdent}`);
    await $(sel("agenda-filed-by")).setValue("Secretaría General");
    await $(sel("agenda-save")).click();
    await expect($(sel("agenda-item-title"))).toHaveText(expect.stringContaining(firstIdent));

    for (const [title, unit] of [
      ["Pedido de mantenimiento del alumbrado del jirón Lima", "Desarrollo Urbano"],
      ["Pedido de información sobre la recolección de residuos", "Gerencia Municipal"],
    ]) {
      await $(sel("agenda-new")).click();
      await $(sel("agenda-stage")).selectByAttribute("value", "pedidos");
      await $(sel("agenda-title")).setValue(title);
      await $(sel("agenda-filed-by")).setValue("Regidora Huamán");
      // Without the unit the core refuses it, at the field.
      await $(sel("agenda-save")).click();
      await expect($(sel("error-unit_id"))).toHaveText("Elija la unidad que debe atender el pedido.");
      if (unit === "Desarrollo Urbano") await shot("s09b-pedido-sin-unidad");
      await chooseOption("agenda-unit", unit);
      await $(sel("agenda-save")).click();
      await $(sel("agenda-form")).waitForExist({ reverse: true });
    }
    const units = await $$(sel("agenda-item-unit")).map((e) => e.getText());
    expect(units).toEqual(["→ Gerencia de Desarrollo Urbano y Rural", "→ Gerencia Municipal"]);
  });

  it("reordena los pedidos arrastrando ⠿ y muestra el borrador adjunto", async () => {
    const titles = async () => await $$(sel("agenda-item-title")).map((e) => e.getText());
    expect((await titles())[2]).toContain("recolección de residuos");
    const rows = await $$(sel("agenda-item"));
    // The second pedido's handle, dragged above the first pedido.
    // Held over the upper half of the first pedido: the line shows where it will land.
    await browser
      .action("pointer", { id: "drag", parameters: { pointerType: "mouse" } })
      .move({ origin: rows[2].$(sel("agenda-drag")) })
      .down()
      .move({ origin: rows[2].$(sel("agenda-drag")), y: -20, duration: 100 })
      .move({ origin: rows[1], y: -12, duration: 200 })
      .perform(true);
    await expect(rows[1]).toHaveElementClass("drop-before");
    await expect(rows[2]).toHaveElementClass("lifted");
    await shot("s10a-arrastre");
    const t0 = Date.now();
    await browser
      .action("pointer", { id: "drag", parameters: { pointerType: "mouse" } })
      .move({ origin: rows[1], y: -12 })
      .up()
      .perform();
    await browser.waitUntil(async () => (await titles())[1].includes("recolección de residuos"), {
      timeoutMsg: "el arrastre no cambió el orden de los pedidos",
    });
    console.log(`drag and drop reordered the pedidos in ${Date.now() - t0} ms from the release`);
    expect((await titles())[1]).toMatch(/^1\. Pedido de información sobre la recolección/);
    expect((await titles())[2]).toMatch(/^2\. Pedido de mantenimiento del alumbrado/);
    // The focus stays on the item moved.
    expect(await browser.execute(() => document.activeElement?.textContent ?? "")).toContain("recolección de residuos");

    // The acta's draft attached to its item, and opened beside the agenda.
    scriptPicks(draftPdf);
    await $$(sel("agenda-attach"))[0].click();
    const line = $(sel("agenda-attachment"));
    await expect(line).toHaveText(expect.stringContaining("proyecto-de-acta.pdf"));
    const t1 = Date.now();
    await line.click();
    await expect($(sel("attachment-name"))).toHaveText("proyecto-de-acta.pdf");
    const { pages, renderMs } = await drawn("attachment-preview", "el documento adjunto");
    console.log(`attachment preview drawn in ${Date.now() - t1} ms from the click (${pages} page(s); pdf.js ${renderMs} ms)`);
    expect(pages).toBeGreaterThan(0);
    await expect($(sel("attachment-save"))).toBeDisplayed();
    await shot("s10-agenda-anexo");
  });

  it("convoca, toma asistencia, inicia y aprueba el acta con «todos a favor»", async () => {
    await $(sel("tab-convocatoria")).click();
    await $(sel("convene-open")).click();
    await $(sel("convene-save")).click();
    await expect($(sel("convened"))).toHaveText(expect.stringContaining("convocada el"));
    await takeAttendanceAndStart();
    // Numbered when it starts, right after the first one.
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("SESIÓN ORDINARIA N°"));

    const item = $$(sel("live-item"))[0];
    await expect(item).toHaveText(expect.stringContaining(firstIdent));
    await item.$(sel("vote-all")).click();
    const t0 = Date.now();
    await item.$(sel("vote-cast")).click();
    await expect(item.$(sel("vote-outcome"))).toHaveText(expect.stringMatching(/aprobad/i));
    console.log(`acta approved (vote, folios, seal) in ${Date.now() - t0} ms from the click`);
    await shot("s11-acta-votada");
  });

  it("muestra el acta de la primera sesión aprobada, sellada y foliada en el Libro de Actas", async () => {
    await $(sel("session-back")).click();
    await $(sel("session-table")).waitForDisplayed();
    await openSession(firstIdent);
    await expect($(sel("detail-status"))).toHaveText("Acta aprobada");
    await expect($(sel("minutes-status"))).toHaveText("Aprobada");
    const folios = await $(sel("minutes-folios")).getText();
    // With its debate the acta takes more than one folio.
    const m = folios.match(/folios del (\d+) al (\d+)/);
    if (!m) throw new Error(`sin «folios del … al …»: ${folios}`);
    expect(folios).toContain("LIBRO DE ACTAS N°");
    const last = Number(m[2]);
    expect(last).toBeGreaterThan(Number(m[1]));
    // The book goes on from the folio after this acta.
    await expect($(sel("book-table"))).toHaveText(expect.stringContaining(String(last + 1)));
    const code = await $(sel("minutes-seal-code")).getText();
    expect(code).toMatch(/^[0-9A-Z-]{6,}$/);
    console.log(`acta sealed: ${folios} — verification code ${code}`);

    const t0 = Date.now();
    await $(sel("minutes-preview")).click();
    const { pages, renderMs } = await drawn("minutes-pdf-preview", "el acta aprobada");
    console.log(`approved acta preview drawn in ${Date.now() - t0} ms from the click (${pages} page(s); pdf.js ${renderMs} ms)`);
    expect(pages).toBe(last - Number(m[1]) + 1);
    await shot("s12-acta-aprobada");
  });
});

/** Open a session of the list by its identifier. */
async function openSession(ident: string): Promise<void> {
  const year = ident.match(/-(\d{4})/)?.[1];
  const yearInput = $(sel("sessions-year"));
  if (year && (await yearInput.getValue()) !== year) {
    await yearInput.setValue(year);
    await browser.keys("Tab");
  }
  let found = false;
  for await (const b of $$(sel("session-open"))) {
    if ((await b.getText()).trim() === ident) {
      await b.click();
      found = true;
      break;
    }
  }
  if (!found) throw new Error(`no está en la lista: ${ident}`);
  await expect($(sel("session-title"))).toHaveText(ident);
}

/** Every member able to attend marked present, then the session started with quorum. */
async function takeAttendanceAndStart(): Promise<void> {
  await $(sel("tab-curso")).click();
  await $(sel("quorum-panel")).waitForDisplayed();
  for (const row of await $$(sel("attendance-row"))) {
    const status = await row.$(sel("attendance-status")).getText();
    if (status.startsWith("Con licencia") || status.startsWith("Presente")) continue;
    await row.$(sel("att-P")).click();
    await browser.waitUntil(async () => (await row.$(sel("attendance-status")).getText()).startsWith("Presente"));
  }
  await expect($(sel("q-verdict"))).toHaveText("HAY QUÓRUM");
  await $(sel("session-start")).click();
  await $(sel("session-conclude")).waitForDisplayed();
}
