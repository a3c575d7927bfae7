// Users and roles in the real window, on a database of its own with the demonstration: the
// administrator creates a Jefe de unidad for a unit; the new user signs in with the temporary
// password, must choose their own, sees only what their role allows, and cannot seal a norm —
// neither from the screen (the button is not there) nor through the core (forbidden, naming
// the permission). Then the window locks and unlocks without losing the screen.
import { existsSync, mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $, browser, expect } from "@wdio/globals";
import { scriptPicks } from "../support/picks";
import { DEMO_PASSWORD, signIn } from "../support/session";

const sel = (id: string) => `[data-testid="${id}"]`;

async function shot(name: string): Promise<void> {
  const dir = process.env.CABILDO_SHOTS;
  if (!dir) return;
  await new Promise((r) => setTimeout(r, 400));
  await browser.saveScreenshot(`${dir}/${name}.png`);
}

/** A call to the core through the window's IPC, as the screens make them. */
async function call(method: string, params: unknown): Promise<{ ok?: unknown; err?: { kind: string; message: string } }> {
  return (await browser.executeAsync(
    (m: string, p: unknown, done: (r: unknown) => void) => {
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
        .invoke("call", { method: m, params: p, dryRun: false })
        .then((ok) => done({ ok }))
        .catch((err) => done({ err }));
    },
    method,
    params,
  )) as { ok?: unknown; err?: { kind: string; message: string } };
}

const TEMPORARY = "Temporal-2026";
const OWN = "Mi-clave-de-obras-1";

describe("Cabildo: usuarios y roles", () => {
  it("carga la demostración y entra como su administrador", async () => {
    await $(sel("app-ready")).waitForDisplayed({ timeout: 60_000 });
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 120_000 });
    await expect($(sel("signed-in-name"))).toHaveText("Responsable de Informática");
    await expect($(sel("nav-users"))).toBeDisplayed();
  });

  it("el administrador crea un Jefe de unidad para su unidad", async () => {
    await $(sel("nav-users")).click();
    await $(sel("user-table")).waitForDisplayed();
    await shot("u01-usuarios");
    await $(sel("user-new")).click();
    await $(sel("user-login")).setValue("jefe.obras");
    await $(sel("user-name")).setValue("Rosa Huamán Ccori");
    await $(sel("user-password")).setValue(TEMPORARY);
    await $(sel("user-password2")).setValue(TEMPORARY);
    await $(sel("user-role-jefe_unidad")).click();
    await $(sel("user-save")).click();
    // A Jefe de unidad needs the unit: the core says so at the field.
    await expect($(sel("error-unit_id"))).toHaveText(expect.stringContaining("elija la unidad"));
    await $(sel("user-unit")).$("option*=Desarrollo Urbano").click();
    await shot("u02-nuevo-jefe");
    await $(sel("user-save")).click();
    await browser.waitUntil(async () => (await $(sel("user-table")).getText()).includes("jefe.obras"), {
      timeoutMsg: "el usuario jefe.obras no apareció en la lista",
    });
  });

  it("el administrador hace una copia de seguridad completa y ve lo que contiene", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cabildo-copia-"));
    const archive = path.join(dir, "copia.zip");
    await $(sel("nav-backups")).click();
    scriptPicks(archive);
    await $(sel("backup-now")).click();
    await expect($(sel("backup-last"))).toHaveText(expect.stringContaining("verificada"), { wait: 60_000 });
    expect(existsSync(archive)).toBe(true);
    expect(statSync(archive).size).toBeGreaterThan(50_000);
    scriptPicks(archive);
    await $(sel("backup-restore-pick")).click();
    await expect($(sel("backup-archive"))).toHaveText(expect.stringContaining("Santa Rosa de Qochapampa"), {
      wait: 60_000,
    });
    await shot("u02b-copia");
  });

  it("el Jefe de unidad entra, cambia su contraseña temporal y ve solo lo suyo", async () => {
    await $(sel("sign-out")).click();
    await signIn("jefe.obras", TEMPORARY);
    await $(sel("password-change")).waitForDisplayed();
    await $(sel("pw-current")).setValue(TEMPORARY);
    await $(sel("pw-new")).setValue(OWN);
    await $(sel("pw-again")).setValue(OWN);
    await $(sel("pw-submit")).click();
    await $(sel("shell")).waitForDisplayed();
    await expect($(sel("signed-in-name"))).toHaveText("Rosa Huamán Ccori");
    await expect($(sel("nav-users"))).not.toBeExisting();
    await expect($(sel("nav-audit"))).not.toBeExisting();
    await $(sel("nav-norms")).click();
    await expect($("h1")).toHaveText("Normas");
    await expect($(sel("norm-new"))).not.toBeExisting();
    await shot("u03-jefe-normas");
  });

  it("no puede sellar una norma: el núcleo lo rechaza nombrando el permiso", async () => {
    const norms = ((await call("norm.list", {})).ok as { rows: { id: number }[] }).rows;
    const r = await call("norm.seal", { id: norms[0].id });
    expect(r.err?.kind).toBe("forbidden");
    expect(r.err?.message).toContain("«Sellar (numerar y emitir) normas»");
  });

  it("la ventana se bloquea y se desbloquea sin perder la pantalla", async () => {
    await $(sel("lock-now")).click();
    await $(sel("lock-screen")).waitForDisplayed();
    await shot("u04-bloqueo");
    // Locked: the core refuses requests until the password is typed.
    const locked = await call("norm.list", {});
    expect(locked.err?.kind).toBe("unauthenticated");
    await $(sel("signin-password")).setValue("equivocada");
    await $(sel("signin-submit")).click();
    await expect($(sel("signin-error"))).toHaveText("Usuario o contraseña incorrectos.");
    await $(sel("signin-password")).setValue(OWN);
    await $(sel("signin-submit")).click();
    await $(sel("lock-screen")).waitForDisplayed({ reverse: true });
    await expect($("h1")).toHaveText("Normas");
  });

  it("los usuarios de la demostración entran con la contraseña documentada", async () => {
    await $(sel("sign-out")).click();
    const t0 = Date.now();
    await signIn("secretaria", DEMO_PASSWORD);
    await $(sel("shell")).waitForDisplayed();
    await $(sel("nav-units")).waitForDisplayed();
    console.log(`sign-in to first screen: ${Date.now() - t0} ms (typing included)`);
    await $(sel("nav-norms")).click();
    await expect($(sel("norm-new"))).toBeDisplayed();
  });
});
