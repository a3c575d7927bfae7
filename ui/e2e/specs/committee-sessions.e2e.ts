// The Chilean Comité Estratégico de Gestión in the real app, on a database of its own: a comuna
// is created with the wizard; its council term, a unit and four officials with their positions
// are registered through the app's own API (the screens for those are covered by the foundation
// spec); then the clerk registers the comité (Concejo → Comisiones), holds its session, sees a
// tie repeated (Chile) and the acta drafted outside the Libro de Actas.
import { $, $$, browser, expect } from "@wdio/globals";
import { createMunicipality } from "../support/session";

const sel = (id: string) => `[data-testid="${id}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

/** A call to the core through the window's IPC, as the screens make them. */
async function call(method: string, params: unknown): Promise<Record<string, unknown>> {
  const r = await browser.executeAsync(
    (m: string, p: unknown, done: (v: unknown) => void) => {
      const w = window as unknown as {
        __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> };
      };
      w.__TAURI_INTERNALS__
        .invoke("call", { method: m, params: p, dryRun: false })
        .then((v) => done({ ok: v }), (e) => done({ err: e }));
    },
    method,
    params,
  );
  const out = r as { ok?: Record<string, unknown>; err?: unknown };
  if (out.err !== undefined) throw new Error(`${method}: ${JSON.stringify(out.err)}`);
  return out.ok as Record<string, unknown>;
}

describe("Cabildo: el Comité Estratégico de Gestión (Chile)", () => {
  it("crea la comuna y registra a sus funcionarios", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await createMunicipality({
      name: "Ilustre Municipalidad de Putre",
      shortName: "IMP",
      country: "CL",
      kind: "comuna",
    });

    await call("council.term.create", { name: "Periodo 2024-2028", start_date: "2024-12-06", end_date: "2028-12-05" });
    const unit = await call("org.unit.create", {
      name: "Administración Municipal",
      code: "AM",
      kind: "alta_direccion",
      parent_id: null,
      head_person_id: null,
    });
    const people: [string, string, string, string][] = [
      ["12345678-5", "Ana María", "Rojas Pérez", "Administradora Municipal"],
      ["13456789-9", "Luis", "Soto Vera", "Director de Obras Municipales"],
      ["14567890-0", "Marta", "Díaz Lillo", "Directora de Desarrollo Comunitario"],
      ["15678901-1", "Jorge", "Araya Tapia", "Director de Administración y Finanzas"],
    ];
    for (const [run, given, surnames, title] of people) {
      const p = await call("org.person.create", {
        doc_type: "RUN",
        doc_number: run,
        given_names: given,
        surnames,
        email: null,
        phone: null,
      });
      await call("org.position.create", { person_id: p.id, unit_id: unit.id, title, start_date: "2025-01-01", end_date: null });
    }
  });

  it("registra el comité con su presidente y su secretario", async () => {
    await $(sel("nav-commissions")).click();
    // Enabled once the officials are loaded.
    await $(sel("committee-new")).waitForEnabled();
    await $(sel("committee-new")).click();
    await expect($(sel("body-name"))).toHaveValue("Comité Estratégico de Gestión");
    const rows = await $$(sel("body-member"));
    expect(rows.length).toBe(4);
    await expect(rows[0]).toHaveText(expect.stringContaining("Administradora Municipal"));
    const roles = await $$(sel("body-member-role"));
    await roles[0].selectByAttribute("value", "presidente");
    await roles[1].selectByAttribute("value", "secretario");
    await roles[2].selectByAttribute("value", "secretario");
    await $(sel("body-save")).click();
    await expect($(sel("error-officials"))).toHaveText(expect.stringContaining("solo uno"));
    await roles[2].selectByAttribute("value", "miembro");
    await roles[3].selectByAttribute("value", "miembro");
    await shot("k01-comite");
    await $(sel("body-save")).click();
    await expect($(sel("body-open"))).toHaveText("Comité Estratégico de Gestión");
  });

  it("sesiona con quórum, repite un empate y redacta el acta", async () => {
    await $(sel("nav-sessions")).click();
    await $(sel("sessions-body")).waitForDisplayed();
    await $(sel("sessions-body")).selectByVisibleText("Comité Estratégico de Gestión");
    await $(sel("session-new")).click();
    await $(sel("session-save")).click();
    await expect($(sel("session-body-name"))).toHaveText("Comité Estratégico de Gestión");

    await $(sel("tab-agenda")).click();
    await $(sel("agenda-new")).click();
    await $(sel("agenda-title")).setValue("Programación del Plan Anual de Acción Municipal");
    await $(sel("agenda-filed-by")).setValue("Administración Municipal");
    await $(sel("agenda-save")).click();
    await expect($(sel("agenda-item-title"))).toHaveText(expect.stringContaining("Plan Anual"));

    await $(sel("tab-convocatoria")).click();
    await $(sel("convene-open")).click();
    await $(sel("convene-save")).click();
    // Numbered when it starts.
    await expect($(sel("convened"))).toHaveText(expect.stringContaining("convocada el"));

    await $(sel("tab-curso")).click();
    await $(sel("quorum-panel")).waitForDisplayed();
    for (const row of await $$(sel("attendance-row"))) {
      await row.$(sel("att-P")).click();
      await browser.waitUntil(async () => (await row.$(sel("attendance-status")).getText()).startsWith("Presente"));
    }
    await expect($(sel("q-verdict"))).toHaveText("HAY QUÓRUM");
    await $(sel("session-start")).click();
    await $(sel("session-conclude")).waitForDisplayed();
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("SESIÓN ORDINARIA N° 1-CEG"));

    // 2–2: in Chile the vote is taken again, nobody breaks the tie.
    await $(sel("vote-all")).click();
    const ballots = await $$(sel("ballot"));
    await ballots[1].click();
    await ballots[2].click();
    await $(sel("vote-cast")).click();
    await expect($(sel("vote-outcome"))).toHaveText(expect.stringContaining("se repite la votación"));
    await expect($(sel("casting"))).not.toBeExisting();
    await shot("k02-empate");

    await $(sel("live-clock")).setValue("23:59");
    await $(sel("session-conclude")).click();
    await expect($(sel("detail-status"))).toHaveText("Concluida");
    await $(sel("tab-acta")).click();
    await $(sel("minutes-generate")).click();
    await expect($(sel("minutes-status"))).toHaveText("Borrador");
    await expect($(sel("book-not-used"))).toHaveText(expect.stringContaining("no se asientan en el Libro de Actas"));
    const text = await $$(sel("minutes-section"))[0].$("textarea").getValue();
    expect(text).toContain("se reunieron los miembros del Comité Estratégico de Gestión");
    await shot("k03-acta");
  });
});
