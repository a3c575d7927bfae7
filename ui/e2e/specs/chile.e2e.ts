// Chile in the real app, on a database of its own: the first start offers the Chilean
// demonstration and the comuna's screens speak its terms (Tabla, concejales, Direcciones); a
// matter whose repeated vote tied goes to a new session with its documents and history
// (Ley 18.695 art. 86), scheduled from the tied matter itself, and the new session shows where
// it came from.
import { $, $$, browser, expect } from "@wdio/globals";

const sel = (id: string) => `[data-testid="${id}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

type Reply = { ok?: unknown; err?: { kind: string; message: string } };

/** A call to the core through the window's IPC, as the screens make them. */
async function call(method: string, params: unknown): Promise<Reply> {
  return (await browser.executeAsync(
    (m: string, p: unknown, done: (r: unknown) => void) => {
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
        .invoke("call", { method: m, params: p, dryRun: false })
        .then((ok) => done({ ok }))
        .catch((err) => done({ err }));
    },
    method,
    params,
  )) as Reply;
}

async function ok<T>(method: string, params: unknown): Promise<T> {
  const r = await call(method, params);
  if (r.err) throw new Error(`${method}: ${r.err.message}`);
  return r.ok as T;
}

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

type Detail = {
  session: { id: number; identifier: string | null };
  agenda: { id: number }[];
  members: { member_id: number; role: string; able: boolean }[];
};

describe("Cabildo en Chile", () => {
  it("carga la demostración chilena desde el primer inicio", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo-cl")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
    await $(sel("home-sections")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("shell"))).toHaveText(expect.stringContaining("San Ramón del Valle"));
    await shot("c01-inicio");
  });

  it("un empate que persiste pasa a una nueva sesión con su historia", async () => {
    // A session held today: a matter on its tabla, convened, everyone able present, started,
    // and its vote tied twice (the alcalde votes in Chile).
    const today = iso(new Date());
    const created = await ok<Detail>("session.create", { kind: "ordinaria", date: today, time: "09:00", place: "Salón municipal" });
    const s = created.session.id;
    await ok("agenda.add", {
      session_id: s,
      item: { stage: "orden_del_dia", title: "Modificación de la ordenanza de ferias libres", item_kind: "Informe", filed_by: "DIDECO" },
    });
    const convened = await ok<Detail>("session.convene", { id: s });
    const present = convened.members.filter((m) => m.able);
    for (const m of present) {
      await ok("attendance.set", { session_id: s, member_id: m.member_id, status: "presente", arrival: "09:00", departure: null, note: "" });
    }
    const started = await ok<Detail>("session.start", { id: s, time: "09:05" });
    const item = started.agenda[0].id;
    const concejales = present.filter((m) => m.role === "regidor");
    // Half of those voting against: a tie.
    const against = concejales.slice(0, Math.ceil(present.length / 2)).map((m) => ({ member_id: m.member_id, ballot: "en_contra" }));
    for (const expected of ["empate_repetir", "empate_nueva_sesion"]) {
      const r = await ok<{ outcome: { decision: string } }>("vote.cast", { item_id: item, all: "a_favor", ballots: against });
      expect(r.outcome.decision).toBe(expected);
    }

    // The clerk opens the session: the tied matter tells both votes and offers the new session.
    await $(sel("nav-sessions")).click();
    const ident = started.session.identifier ?? "";
    await $(sel("session-row")).waitForDisplayed({ timeout: 30_000 });
    let opened = false;
    for (const r of await $$(sel("session-row"))) {
      if ((await r.getText()).includes(ident)) {
        await r.$(sel("session-open")).click();
        opened = true;
        break;
      }
    }
    expect(opened).toBe(true);
    await $(sel("session-title")).waitForDisplayed();
    await expect($(sel("tab-agenda"))).toHaveText("Tabla");
    const history = $(sel("tie-history"));
    await history.waitForDisplayed({ timeout: 30_000 });
    expect(await $$(sel("tie-round")).length).toBe(2);
    await expect($(sel("tie-due"))).toHaveText(expect.stringContaining("tres días"));
    await $(sel("carry-open")).click();
    await $(sel("carry-form")).waitForDisplayed();
    await expect($(sel("carry-new"))).toBeSelected();
    await shot("c02-empate");
    await $(sel("carry-save")).click();
    await $(sel("tie-to")).waitForDisplayed({ timeout: 30_000 });
    await expect($(sel("notice"))).toHaveText(expect.stringContaining("El asunto pasó a la sesión extraordinaria"));
    await shot("c03-llevado");

    // The new session holds the matter, with where it came from.
    await $(sel("tie-open")).click();
    await expect($(sel("session-title"))).toHaveText(expect.stringContaining("extraordinaria"));
    await $(sel("tab-agenda")).click();
    await expect($(sel("agenda-item-title"))).toHaveText(expect.stringContaining("Modificación de la ordenanza de ferias libres"));
    await expect($(sel("tie-history"))).toHaveText(expect.stringContaining(`Viene de la ${ident}`));
    await shot("c04-nueva-sesion");
  });

  it("la organización son Direcciones y el concejo, concejales", async () => {
    await $(sel("nav-units")).click();
    await expect($("body")).toHaveText(expect.stringContaining("Dirección de Obras Municipales"));
    await $(sel("nav-council")).click();
    await expect($("body")).toHaveText(expect.stringContaining("Concejal"));
    await shot("c05-concejo");
  });
});
